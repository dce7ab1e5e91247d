//! ATW-DAY-MAX: hours a nurse works per day (CAO: 10; ATW allows 12).
//!
//! On-call shifts count as 8 hours of work on the day they start (unless the
//! scenario says they do not). Rows are added only where the arcs and
//! shifts of one nurse-day could together exceed the limit.

use good_lp::Constraint;

use super::super::vars::Vars;
use super::{nurse_day_hours, nurse_day_potential};
use crate::model::Problem;

/// `Σ_f x[n,f,t] + 8·Σ_s o[n,t,s] ≤ max_nurse_day` where not implied by the bounds.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    let limit = p.params.max_nurse_day;
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            if nurse_day_potential(p, v, n, t) > limit {
                rows.push(nurse_day_hours(p, v, n, t).leq(limit as f64));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn a_short_working_day_caps_the_visit() {
        // The family could take 8 h a day, but the nurse may work only 4.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .days(2)
            .rule("max_nurse_hours_per_day", 4)
            .build();
        let plan = solve_clean(&s);
        assert!(plan.visits.iter().all(|v| v.hours <= 4));
        assert_eq!(plan.kpi.delivered_hours, 8);
    }
}
