//! LOCK (re-planning): a kept visit keeps the previous plan's hours, a kept
//! on-call shift stays. Forbid locks have no rows: their arcs are left out
//! (`model::baseline`). The engine layer drops keeps that break a hard rule
//! together before the model is built, so these rows never make it infeasible.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use crate::model::Problem;

/// `x[a] = prev[a]` for every kept visit, `o[n][t][s] = 1` for every kept shift.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for (a, arc) in p.arcs.iter().enumerate() {
        if arc.keep {
            rows.push(Expression::from(v.hours[a].var).eq(arc.prev as f64));
        }
    }
    for (n, nurse) in p.nurses.iter().enumerate() {
        for (t, keep) in nurse.keep_oncall.iter().enumerate() {
            for (&keep, o) in keep.iter().zip(v.oncall[n][t]) {
                if let (true, Some(o)) = (keep, o) {
                    rows.push(Expression::from(o.var).eq(1.0));
                }
            }
        }
    }
    rows
}
