//! LINK and VISIT-MIN: ties hours to the visit indicator,
//! `min_visit·y ≤ x ≤ max·y`.
//!
//! Rules that count visits or working days (weekly rest, one family a day,
//! continuity) read `y`; this keeps `y = 1` exactly when care is planned, and
//! a visit lasts at least `min_visit_hours` (default 3: the daily floor is
//! given in one visit, not in pieces by several nurses).

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use crate::model::Problem;

/// `x_a ≤ max_a · y_a` and `min_visit · y_a ≤ x_a` for every arc.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::with_capacity(2 * p.arcs.len());
    for (a, arc) in p.arcs.iter().enumerate() {
        let (x, y) = (v.hours[a].var, v.visit[a].var);
        rows.push((Expression::from(x) - arc.max_hours as f64 * y).leq(0.0));
        // A centre visit (M-KRAAMCENTRUM) is exactly the floor's 3 hours.
        let min = if arc.centre {
            arc.max_hours
        } else {
            p.params.min_visit.max(1)
        };
        rows.push((min as f64 * Expression::from(y) - x).leq(0.0));
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn visit_min_no_short_top_ups_from_a_second_nurse() {
        // Two nurses, one day, and a family day maximum of 5 h: 3 + 2 from two
        // nurses would break VISIT-MIN, so one nurse gives all 5 hours.
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .rule("max_family_hours_per_day", 5)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.visits.len(), 1);
        assert_eq!(plan.visits[0].hours, 5);
        // A working day shorter than a visit leaves no care possible at all.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .rule("max_nurse_hours_per_day", 2)
            .build();
        let plan = solve_clean(&s);
        assert!(plan.visits.is_empty());
        assert_eq!(plan.kpi.certified_min_below_floor, 1);
    }
}
