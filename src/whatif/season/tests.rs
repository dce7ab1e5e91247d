//! The birth pattern, the season's weeks, the solutions and a region with
//! nurses to spare played over a season.

use chrono::NaiveDate;

use super::pattern::{days_in_month, Pattern, MONTH_RATE};
use super::*;
use crate::engine::{EngineChoice, EngineConfig};
use crate::milp::SolveConfig;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

#[test]
fn the_birth_pattern_gives_each_month_its_documented_share() {
    let p = Pattern::dutch(2026);
    let weights: Vec<f64> = (1..=12)
        .map(|m| MONTH_RATE[m as usize - 1] * f64::from(days_in_month(2026, m)))
        .collect();
    let total: f64 = weights.iter().sum();
    let annual = 164_487.0;
    for m in 1..=12u32 {
        let share = weights[m as usize - 1] / total;
        assert!(close(p.month_shares[m as usize - 1], share), "month {m}");
        let first = day(2026, m, 1);
        let births = p.births_between(annual, first, i64::from(days_in_month(2026, m)));
        assert!(close(births, annual * share), "month {m}: {births}");
    }
    // The year adds up, August is the peak, February (28 days) the least.
    assert!(close(
        p.births_between(annual, day(2026, 1, 1), 365),
        annual
    ));
    let month = |m: u32| p.month_shares[m as usize - 1] * annual;
    assert!((14_500.0..14_600.0).contains(&month(8)), "{}", month(8));
    assert!((12_200.0..12_300.0).contains(&month(2)), "{}", month(2));
    // Weekdays carry more births than weekends, within the month's share.
    let (monday, sunday) = (day(2026, 7, 6), day(2026, 7, 12));
    assert!(p.births_on(annual, monday) > p.births_on(annual, sunday) * 1.2);
}

#[test]
fn given_monthly_shares_are_normalised_and_bad_ones_named() {
    let p = Pattern::from_shares(&[1.0; 12]).unwrap();
    assert!(p.month_shares.iter().all(|s| close(*s, 1.0 / 12.0)));
    let e = Pattern::from_shares(&[1.0; 11]).unwrap_err();
    assert!(e.contains("--month-shares has 11 values"), "{e}");
    let mut w = [1.0; 12];
    w[3] = -1.0;
    let e = Pattern::from_shares(&w).unwrap_err();
    assert!(e.contains("month 4"), "{e}");
}

#[test]
fn a_summer_season_has_the_twenty_two_mondays_from_may_to_september() {
    let m = mondays(day(2026, 5, 1), day(2026, 9, 30));
    assert_eq!(m.len(), 22);
    assert_eq!(m[0], day(2026, 5, 4));
    assert_eq!(*m.last().unwrap(), day(2026, 9, 28));
    assert!(mondays(day(2026, 5, 5), day(2026, 5, 10)).is_empty());
}

#[test]
fn solutions_are_labelled_by_what_they_change_and_drawn_axes_refused() {
    let grid = Grid::parse("kraamcentrum = [0, 6]\nkio = [0, 5]").unwrap();
    let sols = solutions(Some(&grid)).unwrap();
    let labels: Vec<&str> = sols.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels.len(), 4);
    assert_eq!(labels[0], "base");
    assert!(labels.contains(&"kio=5"));
    assert!(labels
        .iter()
        .any(|l| l.contains("kraamcentrum=6") && l.contains("kio=5")));
    assert_eq!(solutions(None).unwrap()[0].label, "base");
    let e = solutions(Some(&Grid::parse("sick = [0.1]").unwrap())).unwrap_err();
    assert!(e.contains("`sick`"), "{e}");
}

fn ample() -> Scenario {
    crate::testkit::ample_region("ample")
}

fn options(from: NaiveDate, to: NaiveDate, runs: usize) -> SeasonOptions {
    SeasonOptions {
        from,
        to,
        runs,
        seed: 3,
        sample: SampleParams {
            sick_rate: 0.0,
            ..SampleParams::default()
        },
        births_per_year: Some(150.0),
        month_shares: None,
        solutions: None,
        fidelity: Fidelity::Fast,
        engine: EngineConfig {
            choice: EngineChoice::Milp,
            solve: SolveConfig {
                time_limit: 20.0,
                ..SolveConfig::default()
            },
            ..EngineConfig::default()
        },
        jobs: 2,
        shard: Shard::WHOLE,
        progress: false,
    }
}

#[test]
fn a_season_with_nurses_to_spare_is_groen_every_week() {
    let base = ample();
    let out = season(
        &base,
        "ample",
        &options(day(2026, 6, 1), day(2026, 6, 28), 2),
    )
    .unwrap();
    assert_eq!(
        out.failed,
        0,
        "{:?}",
        out.rows.iter().find_map(|r| r.error.clone())
    );
    assert_eq!(out.mondays.len(), 4);
    let weeks: Vec<_> = out.rows.iter().flat_map(|r| &r.played.weeks).collect();
    assert_eq!(weeks.len(), 8);
    assert!(weeks.iter().map(|w| w.families).sum::<u32>() > 0);
    for w in &weeks {
        assert_eq!((w.colour.as_str(), w.below), ("groen", 0), "{w:?}");
    }
    for w in &out.weeks {
        assert_eq!(w.colours["groen"].value, 1.0);
        assert_eq!(w.rood_or_worse.value, 0.0);
    }
    assert_eq!(out.summary[0].rood_weeks.value, 0.0);
    assert_eq!(out.months.len(), 1);
    assert_eq!(out.months[0].any_rood.value, 0.0);
}

#[test]
fn families_in_care_carry_over_from_week_to_week() {
    // Care of a family born late in a week runs into the next, so the next
    // week plans more families than are born in it; what each got before
    // comes with it (the roll), and the checker passes every week's plan.
    let base = ample();
    let out = season(
        &base,
        "ample",
        &options(day(2026, 6, 1), day(2026, 6, 21), 1),
    )
    .unwrap();
    let w = &out.rows[0].played.weeks;
    assert_eq!(w.len(), 3);
    assert!(w[1].families > w[1].births, "{w:?}");
}

#[test]
fn every_solution_plays_the_same_births() {
    let base = ample();
    let mut opts = options(day(2026, 6, 1), day(2026, 6, 14), 1);
    opts.solutions = Some(Grid::parse("hired = [0, 2]").unwrap());
    let out = season(&base, "ample", &opts).unwrap();
    assert_eq!(out.solutions.len(), 2);
    let births = |sol: usize| -> Vec<u32> {
        out.rows
            .iter()
            .find(|r| r.solution == sol)
            .unwrap()
            .played
            .weeks
            .iter()
            .map(|w| w.births)
            .collect()
    };
    assert_eq!(births(0), births(1));
}

#[test]
fn a_shard_is_part_of_the_whole() {
    let base = ample();
    let whole = season(
        &base,
        "ample",
        &options(day(2026, 6, 1), day(2026, 6, 7), 3),
    )
    .unwrap();
    let mut opts = options(day(2026, 6, 1), day(2026, 6, 7), 3);
    opts.shard = "2/2".parse().unwrap();
    let part = season(&base, "ample", &opts).unwrap();
    assert_eq!(part.rows.len(), 1);
    assert_eq!(part.rows[0].run, 1);
    assert_eq!(
        part.rows[0].played.weeks[0].births,
        whole.rows[1].played.weeks[0].births
    );
}

#[test]
fn a_rood_providers_family_it_cannot_serve_is_on_the_waiting_list() {
    // P1's only nurse is off: P1 alone leaves F1 below the floor, so P1 is
    // rood and F1 goes on the waiting list (the region rung serves her
    // with a nurse of P2 by lending); F2 is P2's own and is not on it.
    let s = crate::testkit::Tiny::new(1)
        .provider("P2")
        .nurse_of("N2", "P2")
        .nurse_of("N3", "P2")
        .family("F1", "2026-07-06", 8)
        .family_of("F2", "P2", "2026-07-06", 8)
        .days(1)
        .off("N1", "2026-07-06")
        .measure("M-LENDING")
        .build();
    let plan = crate::engine::escalation::plan(&s, &EngineConfig::default()).unwrap();
    assert_eq!(plan.weeks[0].providers["P1"], "rood");
    assert_eq!(week::waitlist(&s, &plan), 1);
}
