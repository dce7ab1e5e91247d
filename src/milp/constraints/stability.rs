//! STABILITY (re-planning, levels 2 and 7): which visits keep the hours the
//! previous plan gave them.
//!
//! A change of a binary with previous value `p` is `y` or `1 − y`: linear, no
//! rows. A visit row is unchanged only when it keeps its hours, so an arc the
//! previous plan used with `h` hours gets `k[a]` = "exactly `h` hours":
//! `x[a] ≥ h·k[a]` and `x[a] ≤ h + (max − h)·(1 − k[a])`. Its change is
//! `1 − k[a]`; the stages minimise the notices (`model::baseline`).

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use crate::model::Problem;

/// The two rows of every kept-hours column.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for (a, arc) in p.arcs.iter().enumerate() {
        let Some(k) = v.kept[a] else { continue };
        let (h, max) = (arc.prev as f64, arc.max_hours as f64);
        let x = v.hours[a].var;
        rows.push((Expression::from(x) - h * k.var).geq(0.0));
        rows.push((Expression::from(x) + (max - h).max(0.0) * k.var).leq(max.max(h)));
    }
    rows
}
