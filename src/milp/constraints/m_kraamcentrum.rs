//! M-KRAAMCENTRUM: low-complexity families gathered at a regional
//! kraamcentrum, where one nurse keeps several at the floor on one day
//! (Normenkader 2026; Format Regioplan §2.1).
//!
//! A centre arc carries exactly the floor's 3 hours (LINK with `min = max = 3`);
//! `kc[n,t]` is nurse `n`'s centre day, worth `hours_per_day` in every hour
//! rule (`nurse_day_hours`) and exclusive of home visits (ONE-FAMILY-A-DAY).
//! The rows here:
//! - `y_a ≤ kc[n,t]` for each of her centre arcs, and `kc[n,t] ≤ Σ y_a`: a
//!   centre day has a family, and a family at the centre has its nurse there;
//! - `Σ_f y[n,f,t] ≤ size · kc[n,t]`: at most `size` families per nurse;
//! - `Σ_{n,f} y[n,f,t] ≤ beds` on every day: at most `beds` families at the centre;
//! - `Σ_{home} x[·,f,t] + max_family·Σ_{centre} y[·,f,t] ≤ max_family`: a
//!   family at the centre gets no home visit that day, and goes with one nurse.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::sum;
use crate::model::Problem;

/// The rows of the module documentation.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    let Some(c) = &p.centre else {
        return rows;
    };
    let days = p.days();
    let mut per_day: Vec<Vec<u32>> = vec![Vec::new(); days];
    for n in 0..p.nurses.len() {
        for (t, day) in per_day.iter_mut().enumerate() {
            let Some(kc) = v.centre_day[n][t] else {
                continue;
            };
            let arcs = p.centre_arcs(n, t);
            day.extend_from_slice(arcs);
            for &a in arcs {
                rows.push((Expression::from(v.visit[a as usize].var) - kc.var).leq(0.0));
            }
            let visits = sum(arcs.iter().map(|&a| &v.visit[a as usize]));
            rows.push((Expression::from(kc.var) - visits.clone()).leq(0.0));
            if arcs.len() > c.size as usize {
                rows.push((visits - c.size as f64 * kc.var).leq(0.0));
            }
        }
    }
    for arcs in &per_day {
        if arcs.len() > c.beds as usize {
            rows.push(sum(arcs.iter().map(|&a| &v.visit[a as usize])).leq(c.beds as f64));
        }
    }
    let most = p.params.max_family_day as f64;
    for f in 0..p.families.len() {
        for t in 0..days {
            let (centre, home): (Vec<u32>, Vec<u32>) = p.arcs_by_family_day[f][t]
                .iter()
                .partition(|&&a| p.arcs[a as usize].centre);
            if centre.is_empty() {
                continue;
            }
            let at_home = sum(home.iter().map(|&a| &v.hours[a as usize]));
            let there = sum(centre.iter().map(|&a| &v.visit[a as usize]));
            rows.push((at_home + most * there).leq(most));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    /// The key case: one nurse, three low-complexity families whose 8-day
    /// episodes start on the only day of the horizon (3 h each today).
    /// Alone she keeps one at the floor; with M-COMBINED two; at a centre of
    /// size 3 all three — and the checker agrees.
    #[test]
    fn a_centre_of_size_k_lets_one_nurse_keep_k_families_at_the_floor() {
        let three = || {
            Tiny::new(1)
                .family("F1", "2026-07-06", 8)
                .family("F2", "2026-07-06", 8)
                .family("F3", "2026-07-06", 8)
                .days(1)
        };
        let plan = solve_clean(&three().build());
        assert_eq!(plan.kpi.families_below_floor, 2);
        let plan = solve_clean(
            &three()
                .measure("M-COMBINED")
                .consent("N1", "M-COMBINED")
                .build(),
        );
        assert_eq!(plan.kpi.families_below_floor, 1);
        let s = three().kraamcentrum(3, None).build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 0, "{:?}", plan.visits);
        assert_eq!(plan.visits.len(), 3);
        assert!(plan
            .visits
            .iter()
            .all(|v| v.site.is_centre() && v.hours == 3));
        assert_eq!(plan.measures_used.get("M-KRAAMCENTRUM"), Some(&3));
        assert_eq!(plan.nurses[0].hours, 8);
        let plan = heuristic_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 0, "{:?}", plan.visits);
        // Size 2: one family stays below.
        let plan = solve_clean(&three().kraamcentrum(2, None).build());
        assert_eq!(plan.kpi.families_below_floor, 1);
    }

    #[test]
    fn a_medium_complexity_family_never_goes_to_the_centre() {
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .family("F3", "2026-07-06", 8)
            .complexity("F3", "medium")
            .days(1)
            .kraamcentrum(3, None)
            .build();
        for plan in [solve_clean(&s), heuristic_clean(&s)] {
            assert!(plan
                .visits
                .iter()
                .all(|v| !(v.family == "F3" && v.site.is_centre())));
            // F1 and F2 at the centre, F3 below the floor.
            assert_eq!(plan.kpi.families_below_floor, 1);
            assert!(plan.families[2].below_floor);
        }
    }

    #[test]
    fn the_beds_cap_the_families_at_the_centre_on_a_day() {
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .family("F3", "2026-07-06", 8)
            .family("F4", "2026-07-06", 8)
            .family("F5", "2026-07-06", 8)
            .family("F6", "2026-07-06", 8)
            .days(1)
            .kraamcentrum(3, Some(4))
            .build();
        let plan = solve_clean(&s);
        let at_centre = plan.visits.iter().filter(|v| v.site.is_centre()).count();
        assert!(at_centre <= 4, "{at_centre}");
        // Four served: one nurse with three at the centre, the other with
        // one (there or at home); without the cap all six would be.
        assert_eq!(plan.kpi.families_below_floor, 2);
        let plan = heuristic_clean(&s);
        assert!(plan.visits.iter().filter(|v| v.site.is_centre()).count() <= 4);
    }
}
