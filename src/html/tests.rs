//! The report of plans small enough to check by hand shows their numbers:
//! one red cell per short day, the roster's combined-care and on-call
//! marks, the pool's coverage, and nothing unescaped.

use super::*;
use crate::fairness::visits::plan_of_visits;
use crate::testkit::Tiny;

/// One nurse, two families of one provider from the first day of a 2-day
/// horizon; the visits are given as `nurse,family,date,hours` rows.
fn two_families(rows: &[&str]) -> (Scenario, Plan) {
    let s = Tiny::new(1)
        .days(2)
        .family("F1", "2026-07-06", 8)
        .family("F2", "2026-07-06", 8)
        .build();
    let text = format!("nurse,family,date,hours\n{}\n", rows.join("\n"));
    let plan = plan_of_visits(&s, &text, "visits.csv").expect("visits");
    (s, plan)
}

fn cells(html: &str, class: &str) -> usize {
    html.matches(&format!("<td class=\"{class}\" data-v"))
        .count()
}

#[test]
fn a_family_without_care_shows_one_red_cell_per_short_day() {
    // N1 serves F1 3 h on both days; F2 gets nothing: two short days.
    let (s, plan) = two_families(&["N1,F1,2026-07-06,3", "N1,F1,2026-07-07,3"]);
    let html = plan_report(&s, &plan);
    assert_eq!(cells(&html, "short"), 2);
    assert_eq!(cells(&html, "ok"), 2);
    assert!(html.contains("data-family=\"F2\" data-below=\"1\""));
    assert!(html.contains("data-family=\"F1\" data-below=\"0\""));
    // The roster: N1's two days with 3 h each.
    assert_eq!(
        html.matches("data-nurse=\"N1\" data-date=\"2026-07-06\" data-hours=\"3\"")
            .count(),
        1
    );
}

#[test]
fn combined_care_is_marked_in_the_roster() {
    // 3 h for each family on day one: two families for one nurse.
    let (s, plan) = two_families(&["N1,F1,2026-07-06,3", "N1,F2,2026-07-06,3"]);
    let html = plan_report(&s, &plan);
    assert_eq!(html.matches("<td class=\"combined\"").count(), 1);
    assert!(html.contains("data-families=\"F1;F2\""));
    // Day two is short for both families.
    assert_eq!(cells(&html, "short"), 2);
}

#[test]
fn the_pool_table_shows_every_shift_with_its_coverage() {
    let s = Tiny::new(2)
        .days(1)
        .partus()
        .pool_shift("2026-07-06", "night", 1)
        .pool_shift("2026-07-06", "day", 2)
        .build();
    let plan = crate::testkit::solve_clean(&s);
    let html = plan_report(&s, &plan);
    for p in &plan.pool {
        let row = format!(
            "data-date=\"{}\" data-shift=\"{}\" data-provider=\"region\" data-required=\"{}\" data-covered=\"{}\"",
            p.date,
            p.shift.name(),
            p.required,
            p.covered
        );
        assert!(html.contains(&row), "missing {row}");
    }
    assert!(!plan.pool.is_empty());
    assert_eq!(html.matches(" data-required=").count(), plan.pool.len());
    assert!(html.contains("id=\"pool-chart\""));
}

#[test]
fn a_plan_with_a_forged_figure_says_so_on_the_page() {
    let (s, mut plan) = two_families(&["N1,F1,2026-07-06,3", "N1,F1,2026-07-07,3"]);
    plan.kpi.families_below_floor = 0;
    let html = plan_report(&s, &plan);
    assert!(html.contains("The independent checker finds"));
    assert!(!html.contains("The independent checker passes"));
}

#[test]
fn a_folder_without_outputs_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let err = folder_report(dir.path()).unwrap_err().to_string();
    assert!(err.contains("holds none of sweep.json"), "{err}");
    std::fs::write(dir.path().join("forecast.json"), "{\"kind\": 1}").unwrap();
    let err = folder_report(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("forecast.json") && err.contains("write it again"),
        "{err}"
    );
}

#[test]
fn every_id_on_the_page_is_unique() {
    let (s, plan) = two_families(&["N1,F1,2026-07-06,3", "N1,F2,2026-07-06,3"]);
    let html = plan_report(&s, &plan);
    let mut ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "an id is used twice");
}
