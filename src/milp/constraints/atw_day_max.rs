//! ATW-DAY-MAX: hours a nurse works per day (CAO: 10; ATW allows 12).
//!
//! With one family a day the arc bound `min(max_family_day, max_nurse_day)`
//! already implies it, so rows are added only where several arcs of one
//! nurse-day could together exceed the limit.

use good_lp::Constraint;

use super::super::vars::Vars;
use super::nurse_day_hours;
use crate::model::Problem;

/// `Σ_f x[n,f,t] ≤ max_nurse_day` where not implied by the bounds.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    let limit = p.params.max_nurse_day;
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            let arcs = &p.arcs_by_nurse_day[n][t];
            let most: u32 = arcs.iter().map(|&a| p.arcs[a as usize].max_hours).sum();
            if most > limit {
                rows.push(nurse_day_hours(p, v, n, t).leq(limit as f64));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

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
