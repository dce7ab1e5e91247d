//! CONTRACT: planned hours per ISO week stay within the nurse's contract
//! maximum (hard). Staying under the contract minimum is reported in the
//! plan (`nurses[].under_contract_min`), not forbidden.

use good_lp::Constraint;

use super::super::vars::Vars;
use super::weekly_hour_rows;
use crate::model::Problem;

/// `Σ_{t ∈ week} x[n,·,t] ≤ contract_max − current_week_hours` per nurse and week.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    weekly_hour_rows(p, v, |n| p.nurses[n].contract_max)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    #[test]
    fn the_contract_maximum_limits_the_week() {
        // A 16-hour contract over a full week for a family indicated 49 h.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 7)
            .days(7)
            .contract(0, 16)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.delivered_hours, 16);
        assert!(plan.families[0].below_floor);
    }
}
