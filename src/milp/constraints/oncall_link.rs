//! ONCALL-LINK: an on-call shift makes its date an on-call date and a working
//! date: `o[n,t,s] ≤ oc[n,t] ≤ w[n,t]`. ATW-ONCALL-4W counts `oc`,
//! ATW-WEEKLY-REST counts `w`.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use crate::model::Problem;

/// `o[n,t,s] ≤ oc[n,t]` and `oc[n,t] ≤ w[n,t]`.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            let Some(oc) = v.oncall_day[n][t] else {
                continue;
            };
            for o in v.oncall[n][t].iter().flatten() {
                rows.push((Expression::from(o.var) - oc.var).leq(0.0));
            }
            if let Some(w) = v.works[n][t] {
                rows.push((Expression::from(oc.var) - w.var).leq(0.0));
            }
        }
    }
    rows
}
