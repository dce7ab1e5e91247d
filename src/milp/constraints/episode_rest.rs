//! ORG-EPISODE-REST: free days between a nurse's last day at one family and
//! her first day at another (organisation policy, default 0).
//!
//! With `r` rest days, a visit to `f` on day `d` excludes visits to any other
//! family on days `d+1 … d+r`. The other families of a day share one row
//! `M·y[n,f,d] + Σ_{g≠f} y[n,g,d'] ≤ M`, with `M` the most families she may
//! visit on `d'` (1, or 2 under M-COMBINED). Under M-REDUCED-REST the row of
//! `d' = d + r` gets `+ M·r[n]` on the right: one rest day fewer.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::sum;
use crate::model::Problem;

/// Rows for every nurse, family, visit day and following day within the rest period.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    let r = p.params.rest_days as usize;
    if r == 0 {
        return rows;
    }
    for (a, arc) in p.arcs.iter().enumerate() {
        let (n, d) = (arc.nurse as usize, arc.day as usize);
        for d2 in (d + 1)..=(d + r).min(p.days() - 1) {
            let others: Vec<_> = p.arcs_by_nurse_day[n][d2]
                .iter()
                .filter(|&&b| p.arcs[b as usize].family != arc.family)
                .map(|&b| &v.visit[b as usize])
                .collect();
            if others.is_empty() {
                continue;
            }
            let most = if v.combined[n][d2].is_some() {
                2.0
            } else {
                1.0
            };
            let mut lhs = most * Expression::from(v.visit[a].var) + sum(others);
            if let (Some(red), true) = (v.reduced[n], d2 == d + r) {
                lhs -= most * red.var;
            }
            rows.push(lhs.leq(most));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn a_rest_day_between_two_families() {
        // One nurse; F1 needs care on day 0, F2 on day 1. With one rest day
        // between episodes she can serve only one of them.
        let base = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .family("F2", "2026-07-07", 1)
            .days(2);
        let free = solve_clean(&base.clone().build());
        assert_eq!(free.kpi.families_below_floor, 0);
        let rested = solve_clean(&base.rule("rest_days_between_episodes", 1).build());
        assert_eq!(rested.kpi.families_below_floor, 1);
        assert_eq!(rested.kpi.certified_min_below_floor, 1);
    }
}
