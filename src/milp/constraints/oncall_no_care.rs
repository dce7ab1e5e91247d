//! ONCALL-NO-CARE: a nurse on call for the day shift (07–15) does no
//! planned care that day — a call would leave a family without its nurse.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::sum;
use crate::model::Problem;

/// `o[n,t,day] + Σ_f y[n,f,t] ≤ 1`.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            let Some(day_shift) = v.oncall[n][t][0] else {
                continue;
            };
            let arcs = &p.arcs_by_nurse_day[n][t];
            if arcs.is_empty() {
                continue;
            }
            let visits = sum(arcs.iter().map(|&a| &v.visit[a as usize]));
            rows.push((Expression::from(day_shift.var) + visits).leq(1.0));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    #[test]
    fn a_day_shift_excludes_care_that_day() {
        // One nurse, on-call not counted as work (so the day maximum does not decide it):
        // the family or the day shift, not both.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .partus()
            .rule("oncall_counts_as_work", false)
            .pool_shift("2026-07-06", "day", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.visits.len(), 1);
        assert!(plan.oncall.is_empty());
        // The evening shift is compatible with care when on-call does not count as work.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .partus()
            .rule("oncall_counts_as_work", false)
            .pool_shift("2026-07-06", "evening", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!((plan.visits.len(), plan.oncall.len()), (1, 1));
    }
}
