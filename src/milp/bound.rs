//! A lower bound on level 1 from a relaxation small enough to solve where
//! the full model's root LP does not finish (`models/model.md`, The level-1
//! bound).
//!
//! In a scarce region the full model has ~10⁵ rows and HiGHS may not even
//! finish its root LP within the stage, so the certificate stays 0. Care is
//! short there because nurse-days are: each covered home day takes a
//! nurse-day (half of one under combined care), and working days are
//! limited by weekly rest and contract hours. The relaxation keeps exactly
//! that and drops the rest:
//!
//! - `y[a] ∈ [0,1]` per arc, `w[n,t] ∈ [0,1]` per working day, `u[f,t] ∈ [0,1]`
//!   "home day without a visit", `b[f] ∈ {0,1}` below the floor;
//! - cover `Σ_a y[a] + u[f,t] ≥ 1` on every home day that cannot be waived,
//!   `u[f,t] ≤ b[f]`;
//! - nurse-day `Σ_a y[a] ≤ w[n,t]·(1 + [c[n,t] exists])` (ONE-FAMILY-A-DAY);
//! - rest: one free day in every 7-day window, history counted, one more
//!   day where M-REDUCED-REST may apply (ATW-WEEKLY-REST, weakened);
//! - hours: `VISIT-MIN · Σ_{week} y ≤ min(contract + flex room, ATW max) −
//!   hours already worked` (LINK, CONTRACT, ATW-WEEK-MAX), and
//!   `Σ_a min(max_hours, max family day)·y[a] ≥ floor[f]·(1 − b[f])` (CARE-MIN-TOTAL);
//! - objective `W·Σ b + 3·Σ u`.
//!
//! Every plan of the full model gives a solution of these rows with the
//! same `b` and `u` = its home days without a visit, whose shortfall is at
//! least 3 h each (`sd ≥ 3·(1 − Σy)`, `s ≥ Σ sd`); so the relaxation's dual
//! bound is a lower bound on `W·Σb + Σs` over every plan.

use std::time::Instant;

use good_lp::{variable, Expression, ProblemVariables, SolverModel, Variable};
use highs::HighsSolutionStatus;

use super::vars::Vars;
use crate::model::{Problem, FLOOR_PER_DAY};

/// What the relaxation proved.
#[derive(Debug, Clone, Copy)]
pub struct Level1Bound {
    /// A lower bound on `W·Σb + Σs` over every plan.
    pub bound: f64,
    /// Seconds spent building and solving.
    pub seconds: f64,
}

/// The relaxation's bound within `seconds`, or `None` when HiGHS gives none
/// (it failed, or stopped before its first LP). `threads` and `seed` as the stages.
pub fn level1_bound(
    p: &Problem,
    v: &Vars,
    seconds: f64,
    threads: u32,
    seed: u32,
) -> Option<Level1Bound> {
    let t0 = Instant::now();
    let mut vars = ProblemVariables::new();
    let unit = || variable().min(0.0).max(1.0);
    let y: Vec<Variable> = p.arcs.iter().map(|_| vars.add(unit())).collect();
    let w: Vec<Vec<Option<Variable>>> = v
        .works
        .iter()
        .map(|days| days.iter().map(|c| c.map(|_| vars.add(unit()))).collect())
        .collect();
    let b: Vec<Option<Variable>> = v
        .below
        .iter()
        .map(|c| c.map(|_| vars.add(variable().binary())))
        .collect();
    let mut objective = Expression::from(0.0);
    let weight = p.floor_weight();
    for bf in b.iter().flatten() {
        objective += weight * *bf;
    }
    let mut rows = Vec::new();
    let floor = FLOOR_PER_DAY as f64;
    for (f, bf) in b.iter().enumerate() {
        let Some(bf) = *bf else { continue };
        for t in 0..p.days() {
            if v.day_short[f][t].is_none() || v.waived_on(f, t).is_some() {
                continue;
            }
            let u = vars.add(unit());
            objective += floor * u;
            let visits: Expression = p.arcs_by_family_day[f][t]
                .iter()
                .map(|&a| y[a as usize])
                .sum();
            rows.push((visits + u).geq(1.0));
            rows.push((Expression::from(u) - bf).leq(0.0));
        }
        let fam = &p.families[f];
        let most_day = p.params.max_family_day as f64;
        let reach: Expression = (0..p.days())
            .flat_map(|t| p.arcs_by_family_day[f][t].iter())
            .map(|&a| (p.arcs[a as usize].max_hours as f64).min(most_day) * y[a as usize])
            .sum();
        rows.push((reach + fam.floor as f64 * bf).geq(fam.floor as f64));
    }
    for (n, days) in w.iter().enumerate() {
        for (t, wt) in days.iter().enumerate() {
            let arcs = &p.arcs_by_nurse_day[n][t];
            let Some(wt) = *wt else { continue };
            if arcs.is_empty() {
                continue;
            }
            let per_day = if v.combined[n][t].is_some() { 2.0 } else { 1.0 };
            let visits: Expression = arcs.iter().map(|&a| y[a as usize]).sum();
            rows.push((visits - per_day * wt).leq(0.0));
        }
        if p.params.weekly_rest {
            let nurse = &p.nurses[n];
            let lifted = usize::from(v.reduced[n].is_some());
            let days = p.days() as i64;
            for s in -6..=(days - 7) {
                let history = (s..0)
                    .filter(|&t| nurse.worked_before[(-t) as usize - 1])
                    .count();
                let rhs = (6 + lifted).saturating_sub(history);
                let cols: Vec<Variable> =
                    (s.max(0)..s + 7).filter_map(|t| w[n][t as usize]).collect();
                if cols.len() > rhs {
                    let lhs: Expression = cols.into_iter().sum();
                    rows.push(lhs.leq(rhs as f64));
                }
            }
        }
        let min_visit = p.params.min_visit.max(1) as f64;
        let nurse = &p.nurses[n];
        for (wi, week) in p.weeks.iter().enumerate() {
            let room =
                v.flex[n][wi].map_or(0, |_| p.params.max_week.saturating_sub(nurse.contract_max));
            let before = if week.offset == 0 {
                nurse.current_week_hours
            } else {
                0
            };
            let cap = (nurse.contract_max + room)
                .min(p.params.max_week)
                .saturating_sub(before) as f64;
            let visits: Vec<Variable> = week
                .days
                .clone()
                .flat_map(|t| p.arcs_by_nurse_day[n][t].iter())
                .map(|&a| y[a as usize])
                .collect();
            if visits.len() as f64 * min_visit > cap {
                let lhs: Expression = visits.into_iter().sum();
                rows.push((min_visit * lhs).leq(cap));
            }
        }
    }
    let mut model = vars
        .minimise(objective)
        .using(good_lp::solvers::highs::highs);
    for row in rows {
        model.add_constraint(row);
    }
    let mut model = model.try_into_inner().ok()?;
    let left = (seconds - t0.elapsed().as_secs_f64()).max(0.05);
    model.try_set_option("time_limit", left).ok()?;
    model
        .try_set_option("threads", threads.max(1) as i32)
        .ok()?;
    model.try_set_option("random_seed", seed as i32).ok()?;
    model.try_set_option("mip_rel_gap", 1e-6).ok()?;
    model.try_set_option("output_flag", false).ok()?;
    let solved = model.try_solve().ok()?;
    let dual = solved.double_info_value(c"mip_dual_bound").ok()?;
    // An optimum without a dual bound is its own bound.
    let bound = if dual.is_finite() {
        dual
    } else if solved.primal_solution_status() == HighsSolutionStatus::Feasible
        && solved.status() == highs::HighsModelStatus::Optimal
    {
        solved.objective_value()
    } else {
        return None;
    };
    Some(Level1Bound {
        // HiGHS's tolerances: never claim more than the bound minus a hair.
        bound: (bound - 1e-6 * bound.abs().max(1.0)).max(0.0),
        seconds: t0.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::*;

    fn bound_of(s: &crate::scenario::Scenario) -> (f64, f64) {
        let p = Problem::build(s).unwrap();
        let (v, _) = Vars::new(&p);
        let b = level1_bound(&p, &v, 10.0, 1, 0).expect("a bound");
        (b.bound, p.floor_weight())
    }

    #[test]
    fn one_nurse_three_families_two_days_proves_two_below() {
        // One nurse-day a day, three families at home on both days: two
        // families go without a visit on some day, so two are below the
        // floor, each at least 3 h short.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .family("F2", "2026-07-06", 2)
            .family("F3", "2026-07-06", 2)
            .days(2)
            .build();
        let (bound, w) = bound_of(&s);
        assert!(bound >= 2.0 * w + 12.0 - 1e-3, "{bound} (W = {w})");
        let plan = solve_clean(&s);
        let value = w * plan.kpi.families_below_floor as f64 + plan.kpi.shortfall_hours as f64;
        assert!(bound <= value + 1e-6, "{bound} > {value}");
    }

    #[test]
    fn weekly_rest_and_contract_hours_limit_the_nurse_days() {
        // One nurse, one family at home for 8 days: the horizon's seven days
        // need seven visits, the weekly rest allows six (and history has
        // none), so the family is below the floor whatever the plan.
        let s = Tiny::new(1).family("F1", "2026-07-06", 8).days(7).build();
        let (bound, w) = bound_of(&s);
        assert!(bound >= w, "{bound} (W = {w})");
        // A 6-hour contract allows two visits of 3 h, and the family is at
        // home on three days.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 3)
            .contract(0, 6)
            .days(3)
            .build();
        let (bound, w) = bound_of(&s);
        assert!(bound >= w, "{bound} (W = {w})");
    }

    #[test]
    fn the_bound_never_exceeds_a_plan_on_the_bundled_small_scenarios() {
        // A relaxation: every plan's level 1 is at least the bound.
        for file in [
            "scenarios/colours/oranje.json",
            "scenarios/colours/rood.json",
            "scenarios/colours/zwart.json",
            "scenarios/ladder/S.json",
            "tests/fixtures/2providers-12nurses-15families.json",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let s = crate::scenario::read_scenario(&path).unwrap().scenario;
            let p = Problem::build(&s).unwrap();
            let plan = crate::engine::heuristic_plan(&p, None);
            let (bound, w) = bound_of(&s);
            let value = w * plan.kpi.families_below_floor as f64 + plan.kpi.shortfall_hours as f64;
            assert!(
                bound <= value + 1e-6,
                "{file}: bound {bound} > plan {value}"
            );
        }
    }
}
