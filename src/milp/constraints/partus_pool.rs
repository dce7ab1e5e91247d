//! POOL-COVER (objective level 2): every partus-pool shift has its required
//! number of nurses on call, soft with a shortfall `ps[k]` so that a thin
//! pool never makes the model infeasible (`models/rules.md`, Partus pool; §6.5).
//!
//! A regional pool counts every eligible nurse; a provider-scope pool has a
//! slot per provider share, and only that provider's nurses count
//! (`Problem::can_be_on_call`).

use good_lp::Constraint;

use super::super::vars::Vars;
use super::sum;
use crate::model::pool::shift_index;
use crate::model::Problem;

/// `Σ_{n eligible} o[n,t,s] + ps[k] ≥ required[k]` for every pool slot `k`.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::with_capacity(p.slots.len());
    for (k, slot) in p.slots.iter().enumerate() {
        let (t, s) = (slot.day as usize, shift_index(slot.shift));
        let on_call = (0..p.nurses.len())
            .filter(|&n| p.can_be_on_call(n, slot))
            .filter_map(|n| v.oncall[n][t][s].as_ref());
        rows.push((sum(on_call) + v.pool_short[k].var).geq(slot.required as f64));
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn the_pool_is_staffed_when_nurses_are_free() {
        // Two partus nurses, no families: a night shift needing two is covered.
        let s = Tiny::new(2)
            .days(1)
            .partus()
            .pool_shift("2026-07-06", "night", 2)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.oncall.len(), 2);
        assert_eq!(plan.kpi.pool_shortfall, 0);
    }

    #[test]
    fn the_floor_comes_before_the_pool() {
        // One nurse: a family needs care on the day she could be on a day shift.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .partus()
            .pool_shift("2026-07-06", "day", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert_eq!(plan.kpi.pool_shortfall, 1);
    }

    #[test]
    fn a_provider_pool_counts_only_its_own_nurses() {
        // P1 has the only partus nurse but P2 has the only family, so P2's share goes short.
        let s = Tiny::new(1)
            .provider("P2")
            .nurse_of("N2", "P2")
            .family_of("F2", "P2", "2026-07-06", 1)
            .days(1)
            .partus_nurse("N1")
            .pool_shift("2026-07-06", "night", 1)
            .pool_scope("provider")
            .build();
        let plan = solve_clean(&s);
        let needed: Vec<_> = plan.pool.iter().filter(|r| r.required > 0).collect();
        assert_eq!(needed.len(), 1);
        assert_eq!(needed[0].provider.as_deref(), Some("P2"));
        assert_eq!(plan.kpi.pool_shortfall, 1);
    }
}
