//! POOL-MIN (objective level 0): a region may rank a minimum on call above
//! the floor (`partus_pool.min_on_call`, `models/rules.md`, Partus pool).
//! Every pool slot with a requirement gets `min(min_on_call, required)`
//! nurses on call, soft with a shortfall `pm[k]` so that the model stays
//! feasible; the rest of the requirement stays at level 2 (POOL-COVER).
//!
//! A provider-scope pool has a slot per provider share, so each provider
//! keeps `min(min_on_call, its share)` of its own nurses on call.

use good_lp::Constraint;

use super::super::vars::Vars;
use super::sum;
use crate::model::pool::shift_index;
use crate::model::Problem;

/// `Σ_{n eligible} o[n,t,s] + pm[k] ≥ minimum[k]` for every slot `k` with a minimum.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for (k, slot) in p.slots.iter().enumerate() {
        let Some(pm) = v.pool_min[k] else { continue };
        let (t, s) = (slot.day as usize, shift_index(slot.shift));
        let on_call = (0..p.nurses.len())
            .filter(|&n| p.can_be_on_call(n, slot))
            .filter_map(|n| v.oncall[n][t][s].as_ref());
        rows.push((sum(on_call) + pm.var).geq(slot.minimum as f64));
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    /// One nurse, one one-day family that needs her, a day shift needing `need`.
    fn one_nurse(need: u32, minimum: u32) -> crate::scenario::Scenario {
        let mut s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .partus()
            .pool_shift("2026-07-06", "day", need)
            .build();
        s.partus_pool.as_mut().unwrap().min_on_call = minimum;
        s
    }

    #[test]
    fn issue15_the_pool_minimum_comes_before_the_floor() {
        let plan = solve_clean(&one_nurse(1, 1));
        assert_eq!(plan.oncall.len(), 1, "the nurse is on call");
        assert_eq!(plan.kpi.families_below_floor, 1);
        assert_eq!(plan.kpi.certified_min_below_floor, 1);
        assert_eq!(plan.kpi.pool_min_shortfall, 0);
        assert_eq!(plan.kpi.pool_shortfall, 0);
        assert_eq!(plan.pool[0].minimum, 1);
        let l0 = &plan.engine.levels[0];
        assert_eq!((l0.level, l0.value, l0.bound), (0, 0.0, 0.0));
        assert_eq!(l0.name, crate::model::objective::level::POOL_MIN);
    }

    #[test]
    fn issue15_without_a_minimum_the_floor_comes_first() {
        let plan = solve_clean(&one_nurse(1, 0));
        assert!(plan.oncall.is_empty());
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert_eq!(plan.kpi.pool_shortfall, 1);
        assert_eq!(plan.kpi.pool_min_shortfall, 0);
        assert!(plan
            .engine
            .levels
            .iter()
            .all(|l| l.name != crate::model::objective::level::POOL_MIN));
    }

    #[test]
    fn issue15_the_minimum_is_capped_at_the_requirement() {
        // Two nurses, a night needing one, a minimum of two: one on call is
        // enough, the other serves the family.
        let mut s = Tiny::new(2)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .partus()
            .pool_shift("2026-07-06", "night", 1)
            .build();
        s.partus_pool.as_mut().unwrap().min_on_call = 2;
        let plan = solve_clean(&s);
        assert_eq!(plan.pool.iter().map(|r| r.minimum).sum::<u32>(), 1);
        assert_eq!(plan.oncall.len(), 1);
        assert_eq!(plan.kpi.pool_min_shortfall, 0);
        assert_eq!(plan.kpi.families_below_floor, 0);
    }

    #[test]
    fn issue15_the_minimum_leaves_the_rest_of_the_requirement_below_the_floor() {
        // One nurse, a day shift needing two with a minimum of one: she goes
        // on call (level 0), one place stays short (level 2), the family short.
        let plan = solve_clean(&one_nurse(2, 1));
        assert_eq!(plan.oncall.len(), 1);
        assert_eq!(plan.kpi.pool_min_shortfall, 0);
        assert_eq!(plan.kpi.pool_shortfall, 1);
        assert_eq!(plan.kpi.families_below_floor, 1);
    }

    #[test]
    fn issue15_the_heuristic_puts_the_minimum_on_call_first() {
        for (minimum, on_call, below) in [(1, 1, 1), (0, 0, 0)] {
            let s = one_nurse(1, minimum);
            let p = crate::model::Problem::build(&s).unwrap();
            let plan = crate::engine::heuristic_plan(&p, None);
            let report = crate::check::check(&s, &plan);
            assert!(report.is_clean(), "{:#?}", report.violations);
            assert_eq!(plan.oncall.len(), on_call, "minimum {minimum}");
            assert_eq!(plan.kpi.families_below_floor, below, "minimum {minimum}");
            assert_eq!(plan.kpi.pool_min_shortfall, 0);
            let level0 = plan.engine.levels.iter().any(|l| l.level == 0);
            assert_eq!(level0, minimum > 0);
        }
    }
}
