//! CONTINUITY (objective level 5): count the nurses a family gets to know.
//!
//! `z[n,f] ≥ y[n,f,t]` for every visit day of a nurse who is not yet in the
//! family's `known_nurses`; level 5 minimises `Σ z`. The disaggregated form
//! is used because its LP relaxation is much tighter than `Σ_t y ≤ T·z`.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use crate::model::Problem;

/// `y[n,f,t] ≤ z[n,f]` for every arc of a nurse new to the family.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for (a, arc) in p.arcs.iter().enumerate() {
        if let Some(z) = v.new_nurse.get(&(arc.nurse, arc.family)) {
            rows.push((Expression::from(v.visit[a].var) - z.var).leq(0.0));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn one_nurse_stays_with_the_family() {
        // Three nurses could share the week; continuity keeps it to the fewest.
        let s = Tiny::new(3)
            .family("F1", "2026-07-06", 5)
            .days(5)
            .contract(0, 40)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.families[0].nurses, 1);
    }

    #[test]
    fn a_known_nurse_is_preferred() {
        let s = Tiny::new(3)
            .family("F1", "2026-07-06", 4)
            .known("F1", "N3")
            .days(4)
            .contract(0, 40)
            .build();
        let plan = solve_clean(&s);
        assert!(plan.visits.iter().all(|v| v.nurse == "N3"));
        assert_eq!(plan.families[0].nurses, 1);
    }
}
