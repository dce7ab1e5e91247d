//! M-NO-STARTUP (§4.4.2, no start-up care for a family that comes home in
//! the evening) and M-SEVEN-DAYS (§4.4.5, the episode ends a day earlier):
//! each may leave one day of an episode without care and without its 3-hour
//! floor. `wv[f] = 1` waives the day: `care_floor.rs` drops its 3 hours, and
//! here `Σ_n x[n,f,t] ≤ max_family_day · (1 − wv[f])` keeps it free of care.
//! The horizon floor (24 h for a full episode) stays.

use good_lp::Constraint;

use super::super::vars::Vars;
use super::family_day_hours;
use crate::model::measures::Measure;
use crate::model::Problem;

/// M-NO-STARTUP: the evening-arrival day.
pub fn rows_no_startup(p: &Problem, v: &Vars) -> Vec<Constraint> {
    rows_for(p, v, Measure::NoStartup)
}

/// M-SEVEN-DAYS: the last day of the episode.
pub fn rows_seven_days(p: &Problem, v: &Vars) -> Vec<Constraint> {
    rows_for(p, v, Measure::SevenDays)
}

fn rows_for(p: &Problem, v: &Vars, measure: Measure) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for (f, waived) in v.waived.iter().enumerate() {
        for &(t, m, col) in waived {
            if m == measure {
                let most = p.params.max_family_day as f64;
                rows.push((family_day_hours(p, v, f, t) + most * col.var).leq(most));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn seven_days_frees_the_last_day_and_keeps_the_24_hours() {
        // 8-day episode in an 8-day horizon; the only nurse is off on day 8.
        let base = Tiny::new(1)
            .family("F1", "2026-07-06", 8)
            .days(8)
            .rule("weekly_rest", false)
            .off("N1", "2026-07-13");
        let without = solve_clean(&base.clone().build());
        assert_eq!(without.kpi.families_below_floor, 1);
        assert_eq!(without.kpi.certified_min_below_floor, 1);
        let with = solve_clean(&base.measure("M-SEVEN-DAYS").build());
        assert_eq!(with.kpi.families_below_floor, 0);
        assert_eq!(with.measures_used.get("M-SEVEN-DAYS"), Some(&1));
        assert!(with.families[0].planned >= 24);
        assert!(with
            .visits
            .iter()
            .all(|v| v.date.to_string() != "2026-07-13"));
    }

    #[test]
    fn issue11_seven_days_keeps_24_hours_in_the_first_seven_days() {
        // 8-day episode, day 8 (07-13, week W29) off: with M-SEVEN-DAYS the
        // 24 h must all fall in week W28, whatever engine plans it.
        let base = Tiny::new(1)
            .family("F1", "2026-07-06", 8)
            .days(8)
            .rule("weekly_rest", false)
            .off("N1", "2026-07-13")
            .measure("M-SEVEN-DAYS");
        let engines = |s: &crate::scenario::Scenario| {
            let milp = solve_clean(s);
            let p = crate::model::Problem::build(s).unwrap();
            let heuristic = crate::engine::heuristic_plan(&p, None);
            let report = crate::check::check(s, &heuristic);
            assert!(report.is_clean(), "{:#?}", report.violations);
            [milp, heuristic]
        };
        for plan in engines(&base.clone().build()) {
            let f = &plan.families[0];
            assert_eq!(
                (f.floor, f.below_floor),
                (24, false),
                "{}",
                plan.engine.name
            );
            assert!(f.planned >= 24, "{}", plan.engine.name);
            assert!(plan
                .visits
                .iter()
                .all(|v| v.date.to_string() != "2026-07-13"));
        }
        // 21 h a week (3 h on each of the 7 days) is 3 h short, waiver or not.
        for plan in engines(&base.contract(0, 21).build()) {
            let f = &plan.families[0];
            assert_eq!((f.planned, f.shortfall), (21, 3), "{}", plan.engine.name);
            assert_eq!(plan.kpi.families_below_floor, 1, "{}", plan.engine.name);
        }
    }

    #[test]
    fn no_startup_skips_the_evening_arrival_day() {
        // Born 07-05 in hospital, the family comes home on the evening of 07-06;
        // the nurse is off that day. With the hospital day the floor is
        // max(10, 3 × 3) = 10 h over three home days; with the first day free, 5 + 5.
        let base = Tiny::new(1)
            .family("F1", "2026-07-05", 4)
            .hospital("F1", "2026-07-05")
            .arrival("F1", "evening")
            .days(3)
            .off("N1", "2026-07-06");
        let without = solve_clean(&base.clone().build());
        assert_eq!(without.kpi.families_below_floor, 1);
        let with = solve_clean(&base.clone().measure("M-NO-STARTUP").build());
        assert_eq!(with.families[0].floor, 10);
        assert_eq!(with.kpi.families_below_floor, 0);
        assert_eq!(with.families[0].measures, vec!["M-NO-STARTUP".to_string()]);
        // A day arrival cannot skip its first day.
        let day = Tiny::new(1)
            .family("F1", "2026-07-05", 4)
            .hospital("F1", "2026-07-05")
            .days(3)
            .off("N1", "2026-07-06")
            .measure("M-NO-STARTUP")
            .build();
        assert_eq!(solve_clean(&day).kpi.families_below_floor, 1);
    }
}
