//! LINK: ties hours to the visit indicator, `y ≤ x ≤ max·y`.
//!
//! Rules that count visits or working days (weekly rest, one family a day,
//! continuity) read `y`; this keeps `y = 1` exactly when care is planned.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use crate::model::Problem;

/// `x_a ≤ max_a · y_a` and `y_a ≤ x_a` for every arc.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::with_capacity(2 * p.arcs.len());
    for (a, arc) in p.arcs.iter().enumerate() {
        let (x, y) = (v.hours[a].var, v.visit[a].var);
        rows.push((Expression::from(x) - arc.max_hours as f64 * y).leq(0.0));
        rows.push((Expression::from(y) - x).leq(0.0));
    }
    rows
}
