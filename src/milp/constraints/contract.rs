//! CONTRACT: planned hours per ISO week stay within the nurse's contract
//! maximum (hard). Staying under the contract minimum is reported in the
//! plan (`nurses[].under_contract_min`), not forbidden. Under M-FLEX a
//! consenting nurse may go above the maximum by `fl[n,w]` hours, which
//! ATW-WEEK-MAX still bounds and level 6 counts as measure use.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::weekly_hour_rows;
use crate::model::Problem;

/// `Σ_{t ∈ week} x[n,·,t] − fl[n,w] ≤ contract_max − current_week_hours` per nurse and week.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = weekly_hour_rows(p, v, |n| p.nurses[n].contract_max, |n, w| v.flex[n][w]);
    // `fl[n,w] ≤ room · fu[n,w]`: level 6 counts the weeks worked above the contract.
    for (n, weeks) in v.flex.iter().enumerate() {
        let room = p.params.max_week.saturating_sub(p.nurses[n].contract_max) as f64;
        for (fl, fu) in weeks.iter().zip(&v.flex_used[n]) {
            if let (Some(fl), Some(fu)) = (fl, fu) {
                rows.push((Expression::from(fl.var) - room * fu.var).leq(0.0));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

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
