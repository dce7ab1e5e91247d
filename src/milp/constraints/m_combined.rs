//! M-COMBINED (Normenkader §4.4.1, gecombineerde zorg): a consenting nurse
//! serves two families on one day, each at least 3 hours, with the drive
//! between them counted as working time.
//!
//! `one_family_per_day.rs` allows the second family through `c[n,t]`; here
//! the drive `tr[n,t] ≥ τ_fg · (y_a + y_b − 1)` for every pair of her arcs
//! that day at different families (τ = km between the homes / `travel_kmh`),
//! which `nurse_day_hours` adds to every hour rule; and, when VISIT-MIN is
//! shorter than 3 h, `x_a ≥ 3·(y_a + c[n,t] − 1)`. A nurse who may serve
//! more than `EXACT_DRIVE_FAMILIES` families that day gets one row instead
//! of the pairs: `tr ≥ Σ_a (km_a/v)·y_a − K·(1 − c)`, `K = max_a km_a/v`,
//! the drive through her home, never less than the direct one.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::sum;
use crate::model::{Problem, FLOOR_PER_DAY};

/// The shortest drive nurse `n` could have between two of her families on
/// day `t`, as the model counts it (0 when two of them share a home).
fn least_between(p: &Problem, n: usize, t: usize) -> f64 {
    let arcs = &p.arcs_by_nurse_day[n][t];
    let mut least = f64::INFINITY;
    for (i, &a) in arcs.iter().enumerate() {
        for &b in &arcs[i + 1..] {
            let (f, g) = (p.arcs[a as usize].family, p.arcs[b as usize].family);
            if f != g {
                least = least.min(p.modelled_drive(n, t, f as usize, g as usize));
            }
        }
    }
    if least.is_finite() {
        least.max(0.0)
    } else {
        0.0
    }
}

/// Care and on-call hours of nurse `n` on day `t` (integral in every plan):
/// `nurse_day_hours` without the drive.
fn integral_hours(p: &Problem, v: &Vars, n: usize, t: usize) -> Expression {
    let care = sum(p.arcs_by_nurse_day[n][t]
        .iter()
        .map(|&a| &v.hours[a as usize]));
    care + p.params.oncall_hours as f64 * sum(v.oncall[n][t].iter().flatten())
}

/// The rounding cuts of a combined day (valid for every integer plan):
/// with `k = ⌈τ_min(n,t)⌉ ≥ 1`, the least drive between two of her families
/// rounded up, `X + k·(Σ_f y[n,f,t] − w[n,t]) ≤ L` for every integral hour
/// limit `L` on a sum `X` of her care and on-call hours that includes day `t`
/// (ATW-DAY-MAX on `t`; ATW-WEEK-MAX and, without an M-FLEX column, CONTRACT
/// on `t`'s week). Two visits on `t` make `Σy − w = 1` and the drive at least
/// `τ_min`, so `X + τ_min ≤ X + tr ≤ L`, and `X` is integral: `X ≤ L − k`.
/// Otherwise `Σy − w ≤ 0` and the row is implied by `X ≤ L`. Without it the
/// LP spreads a nurse's visits over three families at ½ each, the pair rows
/// `tr ≥ τ·(y_a + y_b − 1)` give no drive, and the hour lost to rounding
/// the drive up is never paid: S's level-1 bound was 0 against 1 below.
pub fn rows_rounding(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            let (Some(_), Some(w)) = (v.combined[n][t], v.works[n][t]) else {
                continue;
            };
            let k = (least_between(p, n, t) - 1e-9).ceil();
            if k < 1.0 {
                continue;
            }
            let visits = sum(p.arcs_by_nurse_day[n][t]
                .iter()
                .map(|&a| &v.visit[a as usize]));
            let second = k * (visits.clone() - w.var);
            let day = p.params.max_nurse_day as f64;
            rows.push((integral_hours(p, v, n, t) + second.clone()).leq(day));
            for (wi, week) in p.weeks.iter().enumerate() {
                if !week.days.clone().any(|d| d == t) {
                    continue;
                }
                let before = if week.offset == 0 {
                    p.nurses[n].current_week_hours
                } else {
                    0
                };
                let mut limit = p.params.max_week.saturating_sub(before);
                if v.flex[n][wi].is_none() {
                    limit = limit.min(p.nurses[n].contract_max.saturating_sub(before));
                }
                let hours: Expression = week.days.clone().map(|d| integral_hours(p, v, n, d)).sum();
                rows.push((hours + second.clone()).leq(limit as f64));
                // Visits last at least `mv` hours: `mv·Σ_week y ≤ X ≤ L − k` on a
                // combined day, so `Σ_week y ≤ A = ⌊(L − k)/mv⌋` then and
                // `≤ B = ⌊L/mv⌋` always: `Σ_week y + (B − A)·(Σy_t − w_t) ≤ B`.
                let mv = p.params.min_visit.max(1) as f64;
                let most = (limit as f64 / mv).floor();
                let combined = ((limit as f64 - k).max(0.0) / mv).floor();
                if most > combined {
                    let week_visits = sum(week
                        .days
                        .clone()
                        .flat_map(|d| p.arcs_by_nurse_day[n][d].iter())
                        .map(|&a| &v.visit[a as usize]));
                    let extra = (most - combined) * (visits.clone() - w.var);
                    rows.push((week_visits + extra).leq(most));
                }
            }
        }
    }
    rows
}

/// The drive rows and the 3-hour minimum of a combined day, and the
/// rounding cuts of [`rows_rounding`].
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = rows_rounding(p, v);
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            let (Some(c), Some(tr)) = (v.combined[n][t], v.between[n][t]) else {
                continue;
            };
            let arcs = &p.arcs_by_nurse_day[n][t];
            let exact = p.exact_drive(n, t);
            if !exact {
                let kmh = p.params.travel_kmh;
                let far = arcs
                    .iter()
                    .map(|&a| p.arcs[a as usize].km / kmh)
                    .fold(0.0, f64::max);
                let home: Expression = arcs
                    .iter()
                    .map(|&a| (p.arcs[a as usize].km / kmh) * v.visit[a as usize].var)
                    .sum();
                // Σ (km/v)·y − K·(1 − c) ≤ tr
                rows.push((home + far * c.var - tr.var).leq(far));
            }
            for (i, &a) in arcs.iter().enumerate() {
                for &b in arcs[i + 1..].iter().filter(|_| exact) {
                    let (f, g) = (p.arcs[a as usize].family, p.arcs[b as usize].family);
                    if f == g {
                        continue;
                    }
                    let tau = p.between_hours(f as usize, g as usize);
                    if tau <= 0.0 {
                        continue;
                    }
                    let pair = Expression::from(v.visit[a as usize].var) + v.visit[b as usize].var;
                    rows.push((tau * pair - tr.var).leq(tau));
                }
                if p.params.min_visit < FLOOR_PER_DAY {
                    let floor = FLOOR_PER_DAY as f64;
                    let lhs = floor * (Expression::from(v.visit[a as usize].var) + c.var)
                        - v.hours[a as usize].var;
                    rows.push(lhs.leq(floor));
                }
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    /// One nurse, two families whose 8-day episodes start on the only day of
    /// the horizon: 3 h each today (the rest of the 24 h is for later days).
    fn two_on_one_day() -> Tiny {
        Tiny::new(1)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .days(1)
    }

    #[test]
    fn the_rounding_cuts_prove_the_count_of_the_ladder_s_rung() {
        // Ladder S: every plan leaves one family below the floor. Without the
        // rounding cuts HiGHS's level-1 bound stayed 0 through 110 s of branch
        // and bound (combined care spread at ½ over three families); with
        // them the root cuts prove 1. Level 1 only, so the test stops there.
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/ladder/S.json");
        let s = crate::scenario::read_scenario(&path).unwrap().scenario;
        let p = crate::model::Problem::build(&s).unwrap();
        let cfg = crate::milp::SolveConfig {
            // The root cuts prove it within 2.2 s on 2 cores; stage 1 gets 55 %.
            time_limit: 30.0,
            last_level: 1,
            ..Default::default()
        };
        let plan = crate::engine::milp_plan(&p, &cfg).unwrap();
        let report = crate::check::check(&s, &plan);
        assert!(report.is_clean(), "{:#?}", report.violations);
        assert_eq!(
            (
                plan.kpi.families_below_floor,
                plan.kpi.certified_min_below_floor
            ),
            (1, 1)
        );
    }

    #[test]
    fn combined_care_keeps_both_families_at_the_floor() {
        let without = solve_clean(&two_on_one_day().build());
        assert_eq!(without.kpi.families_below_floor, 1);
        assert_eq!(without.kpi.certified_min_below_floor, 1);
        // Allowed but not consented: nothing changes.
        let no_consent = solve_clean(&two_on_one_day().measure("M-COMBINED").build());
        assert_eq!(no_consent.kpi.families_below_floor, 1);
        assert!(no_consent.measures_used.is_empty());
        // Consented but not allowed: nothing changes either.
        let not_allowed = solve_clean(&two_on_one_day().consent("N1", "M-COMBINED").build());
        assert_eq!(not_allowed.kpi.families_below_floor, 1);
        let with = solve_clean(
            &two_on_one_day()
                .measure("M-COMBINED")
                .consent("N1", "M-COMBINED")
                .build(),
        );
        assert_eq!(with.kpi.families_below_floor, 0);
        assert_eq!(with.measures_used.get("M-COMBINED"), Some(&1));
        assert_eq!(with.nurses[0].measures, vec!["M-COMBINED".to_string()]);
        assert!(with.visits.iter().all(|v| v.hours >= 3));
    }

    #[test]
    fn the_drive_between_the_families_counts_against_the_day_maximum() {
        // F2 lives ~10 km from F1: 20 min at 30 km/h. With a 6-hour day the
        // two 3-hour visits plus the drive no longer fit.
        let s = two_on_one_day()
            .family_home("F2", 52.19, 5.1)
            .measure("M-COMBINED")
            .consent("N1", "M-COMBINED")
            .rule("max_nurse_hours_per_day", 6)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 1);
        let s = two_on_one_day()
            .family_home("F2", 52.19, 5.1)
            .measure("M-COMBINED")
            .consent("N1", "M-COMBINED")
            .rule("max_nurse_hours_per_day", 7)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert!(plan.nurses[0].travel_hours > 0.3 && plan.nurses[0].travel_hours < 0.4);
    }

    #[test]
    fn with_many_families_the_drive_is_bounded_through_the_nurses_home() {
        // Nine families in a line north of the nurse, 1.1 km apart: more than
        // EXACT_DRIVE_FAMILIES, so the model counts the drive as
        // (km to f + km to g)/30 h, which still fits two 3-hour visits in 10 h.
        let mut t = Tiny::new(1)
            .days(1)
            .measure("M-COMBINED")
            .consent("N1", "M-COMBINED");
        for i in 1..=9 {
            let id = format!("F{i}");
            t = t
                .family(&id, "2026-07-06", 8)
                .family_home(&id, 52.1 + 0.01 * i as f64, 5.1);
        }
        let s = t.build();
        let p = crate::model::Problem::build(&s).unwrap();
        assert!(!p.exact_drive(0, 0));
        let plan = solve_clean(&s);
        assert_eq!(plan.measures_used.get("M-COMBINED"), Some(&1));
        assert_eq!(plan.families.iter().filter(|f| f.planned > 0).count(), 2);
        // The plan reports the real drive between the two homes.
        let served: Vec<usize> = (0..9).filter(|&f| plan.families[f].planned > 0).collect();
        let real = p.between_hours(served[0], served[1]);
        assert!((plan.nurses[0].travel_hours - real).abs() < 0.006, "{real}");
    }
}
