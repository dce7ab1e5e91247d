//! The heuristic engine: a greedy construction that keeps every hard rule
//! (`roster.rs`), then a local search that improves the objective levels in
//! order (`improve/`, one file per phase). The engine layer runs it on its
//! own and hands it to the MILP as the warm start.

mod construct;
mod improve;
mod roster;

pub use roster::{BY_CONSTRUCTION, RULES};

use crate::model::{Assignment, Problem};

/// A greedy assignment that keeps every hard rule (`construct.rs`: the
/// floor and the pool), improved by the local search of `improve/`.
///
/// When re-planning, the roster starts from the previous plan
/// (`construct::previous`): its kept rows first, then every row that still
/// keeps the rules, notice window first; the construction and the search
/// then change it only where a level above the changes gains.
pub fn construct(p: &Problem) -> Assignment {
    let mut r = construct::floor_and_pool(p);
    improve::improve(p, &mut r);
    Assignment {
        hours: r.hours,
        oncall: r.oncall,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Problem;
    use crate::testkit::Tiny;

    fn greedy_plan(s: &crate::scenario::Scenario) -> crate::plan::Plan {
        crate::engine::heuristic_plan(&Problem::build(s).unwrap(), None)
    }

    #[test]
    fn greedy_plans_are_checker_clean_under_binding_rules() {
        let cases = [
            Tiny::new(1).family("F1", "2026-07-06", 7).days(7).build(),
            Tiny::new(1)
                .family("F1", "2026-07-06", 1)
                .family("F2", "2026-07-07", 1)
                .days(2)
                .rule("rest_days_between_episodes", 1)
                .build(),
            Tiny::new(1)
                .family("F1", "2026-07-06", 6)
                .days(7)
                .contract(0, 60)
                .nurse_history(|h| h.weekly_hours = vec![60, 60, 60])
                .build(),
            Tiny::new(2)
                .family("F1", "2026-07-06", 8)
                .family("F2", "2026-07-06", 8)
                .days(2)
                .contract(0, 12)
                .priority("F2", 1)
                .build(),
        ];
        for s in &cases {
            let plan = greedy_plan(s);
            let report = crate::check::check(s, &plan);
            assert!(report.is_clean(), "{:#?}", report.violations);
        }
    }

    #[test]
    fn no_care_and_no_day_shift_on_start_after_a_night_in_history() {
        // N1 on night call on 07-05, the day before start; a day and a night
        // shift and a one-day family on 07-06.
        let night_before_start = |nurses| {
            Tiny::new(nurses)
                .family("F1", "2026-07-06", 1)
                .days(1)
                .partus()
                .pool_shift("2026-07-06", "day", 1)
                .pool_shift("2026-07-06", "night", 1)
                .night_in_history("N1", "2026-07-05")
                .build()
        };
        let s = night_before_start(1);
        let p = Problem::build(&s).unwrap();
        let roster = crate::heuristic::roster::Roster::new(&p);
        assert!(!roster.can_add(0, 0, 0, 3));
        assert!(!roster.can_oncall(0, 0, 0) && !roster.can_oncall(0, 0, 1));
        assert!(roster.can_oncall(0, 0, 2), "a night on start stays allowed");
        let plan = greedy_plan(&s);
        assert!(crate::check::check(&s, &plan).is_clean());
        assert!(plan.visits.is_empty());
        assert!(plan
            .oncall
            .iter()
            .all(|o| o.shift == crate::scenario::Shift::Night));
        // With N2 the family is served, by N2 only.
        let s = night_before_start(2);
        let plan = greedy_plan(&s);
        assert!(crate::check::check(&s, &plan).is_clean());
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert!(plan.visits.iter().all(|v| v.nurse == "N2"));
    }

    #[test]
    fn whole_families_before_partial_ones() {
        // One nurse, three families on the same two days: serve one family fully.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .family("F2", "2026-07-06", 2)
            .family("F3", "2026-07-06", 2)
            .days(2)
            .build();
        let plan = greedy_plan(&s);
        assert_eq!(plan.kpi.families_below_floor, 2);
        assert_eq!(plan.families.iter().filter(|f| f.planned >= 10).count(), 1);
    }
}
