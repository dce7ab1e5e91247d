//! ONE-FAMILY-A-DAY: a nurse visits at most one family a day, two under
//! combined care (M-COMBINED, §4.4.1), and a visit makes the day a working
//! day: `Σ_f y[n,f,t] ≤ w[n,t] + c[n,t]`, `c[n,t] ≤ w[n,t]`, where `c`
//! exists only for consenting nurses on a rung that allows the measure. The
//! same row links the visit to the working-day indicator of ATW-WEEKLY-REST.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::sum;
use crate::model::Problem;

/// `Σ_f y[n,f,t] ≤ w[n,t]` for every nurse and day with arcs; a centre day
/// (M-KRAAMCENTRUM) leaves no home visit: `Σ_f y[n,f,t] + (1 + [c])·kc[n,t] ≤ w[n,t] + c[n,t]`.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            let Some(w) = v.works[n][t] else { continue };
            let visits = sum(p.arcs_by_nurse_day[n][t]
                .iter()
                .map(|&a| &v.visit[a as usize]));
            let second = v.combined[n][t];
            let centre = match v.centre_day[n][t] {
                Some(kc) => (1.0 + second.map_or(0.0, |_| 1.0)) * Expression::from(kc.var),
                None => Expression::from(0.0),
            };
            rows.push((visits + centre - Expression::from(w.var) - sum(second.iter())).leq(0.0));
            if let Some(c) = second {
                rows.push((Expression::from(c.var) - w.var).leq(0.0));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn one_nurse_cannot_serve_two_families_on_one_day() {
        // One nurse, two families with a single home day each, the same day:
        // only one of them can be served, the other is below the floor.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .family("F2", "2026-07-06", 1)
            .days(1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 1);
        assert_eq!(plan.kpi.certified_min_below_floor, 1);
        assert_eq!(plan.visits.len(), 1);
    }
}
