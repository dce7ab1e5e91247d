//! FAIRNESS (objective level 3): raise the lowest delivered/target ratio
//! first, priority families weighing more (Normenkader §4.2.1, §5.5.1).
//!
//! A family's planned hours fill ten bands of `target/10` hours each:
//! `Σ_k u[f,k] ≤ planned[f]`, `0 ≤ u[f,k] ≤ target/10`. Level 3 maximises
//! `Σ_f prio_f · Σ_k (10−k)/10 · u[f,k] / target_f`: an hour is worth more
//! the lower its family's ratio, so the solver fills the lowest bands across
//! all families first — a piecewise-linear concave utility that equalises
//! ratios to within one band (10%).

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::{family_day_hours, sum};
use crate::model::Problem;

/// `Σ_k u[f,k] ≤ Σ_t Σ_n x[n,f,t]` for every family with a target.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for f in 0..p.families.len() {
        if v.bands[f].is_empty() {
            continue;
        }
        let planned: Expression = (0..p.days()).map(|t| family_day_hours(p, v, f, t)).sum();
        rows.push((sum(v.bands[f].iter()) - planned).leq(0.0));
    }
    rows
}

/// EQUAL-SCALE-DOWN ("in gelijke mate afschalen", Escalatienotitie; `models/rules.md`): `ρ · T_p ≤
/// Σ_{f of p} Σ_k u[f,k]` for every provider `p` with families that have a
/// target (`T_p` = the sum of their targets). Level 3 first maximises `ρ`,
/// the lowest provider share, in a stage of its own, then the families'
/// bands, so that where lending or the waiting list can move hours, every
/// provider scales down alike. `ρ` belongs to a component: providers that
/// share no nurse cannot even out and are not forced to.
pub fn rows_share(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let Some(rho) = v.share else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for pr in 0..p.providers.len() {
        let own: Vec<usize> = (0..p.families.len())
            .filter(|&f| p.families[f].provider == Some(pr as u32) && !v.bands[f].is_empty())
            .collect();
        if own.is_empty() {
            continue;
        }
        let total: f64 = own.iter().map(|&f| p.families[f].target).sum();
        let served = sum(own.iter().flat_map(|&f| v.bands[f].iter()));
        rows.push((total * rho.var - served).leq(0.0));
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    /// Two nurses, two 8-day families inside a 2-day horizon (floor 6 each,
    /// target 14.8 h each); the nurses' contracts are the scarce resource.
    fn two_families(contract_max: u32) -> Tiny {
        Tiny::new(2)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .days(2)
            .contract(0, contract_max)
    }

    #[test]
    fn spare_hours_are_shared_evenly() {
        // 28 contract hours: 16 + 12 delivers as much as 14 + 14, but level 3 prefers equal ratios.
        let plan = solve_clean(&two_families(14).build());
        let planned: Vec<u32> = plan.families.iter().map(|f| f.planned).collect();
        assert_eq!(planned, vec![14, 14]);
    }

    #[test]
    fn priority_families_get_spare_hours_first() {
        let plan = solve_clean(&two_families(12).priority("F2", 1).build());
        let f1 = plan.families[0].planned;
        let f2 = plan.families[1].planned;
        assert_eq!(f1 + f2, 24);
        assert!(f2 > f1, "F1 {f1}, F2 {f2}");
        assert!(f1 >= 6, "the floor comes before priority");
    }
}
