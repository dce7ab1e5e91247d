//! The objective levels, solved one after another on one HiGHS model.
//!
//! | stage | level (`models/rules.md`) | objective |
//! |---|---|---|
//! | 0 | 0 (only with `partus_pool.min_on_call > 0`) | min `Σ pm[k]` (nurses short of the pool minimum, POOL-MIN) |
//! | 1 | 1 | min `W·Σ b[f] + Σ s[f]`, `W = 1 + Σ floor` (fewest below the floor, then least shortfall) |
//! | 2 | 2 | min `Σ ps[k]` (partus-pool shifts short) |
//! | 2b | 2 (re-planning) | min notices of changes in the notice window (`stability.rs`) |
//! | 3a | 3 | max `ρ` (the lowest provider share: equal scale-down; only with two or more providers) |
//! | 3b | 3 | max `Σ band_value · u[f,k]` (fair distribution above the floor) |
//! | 4 | 4 | max `Σ x` (delivered hours) |
//! | 5 | 5 | min `Σ z[n,f]` (nurses new to a family) |
//! | 6a | 6 | min measure use (`measures::Measure::cost` per use; tier 2 costs ten) |
//! | 6b | 6 | min `Σ 2·km_a · y[a]` (kilometres driven) |
//! | 7 | 7 (re-planning) | min notices of changes on draft days |
//!
//!
//! Under another allocation policy (`rules.policy`, [`policy_stages`]) level
//! 3 goes: `utilitarian` keeps the rest; `proportional` puts max
//! `Σ (10−k)/10 · u[f,k]` (every family the same share of its indication) and
//! `first-come` max `Σ w_f · x` (`w_f` from 2 for the earliest `care_start`
//! down to 1) as a stage 1a before stage 1.
//!
//! After each stage a row fixes its objective at the value reached (with a
//! slack below one unit for integer levels), so a lower level never buys
//! anything at the cost of a higher one.

use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus, Model};

use crate::domain::policy::Policy;
use crate::domain::status::SolveStatus;
use crate::model::baseline::{Window, ONCALL_NOTICES, VISIT_NOTICES};
use crate::model::objective::level;
use crate::model::objective::{band_value, first_come_weights, proportional_band_value};

use super::bound::{level1_bound, Level1Bound};
use super::highs_ffi::{add_row, set_cost};
use super::lns::{self, StageObjective};
use super::start::{assignment_of, complete};
use super::vars::Vars;
use super::{BuiltModel, SolveConfig, SolveError};
use crate::model::{Assignment, Problem};
use crate::plan::LevelResult;

/// What the stages produced.
pub struct StagesOutcome {
    /// The final incumbent.
    pub assignment: Assignment,
    /// Worst status over the stages.
    pub status: SolveStatus,
    /// Results of levels 3, 4 and 5 (level 1 is in `level1`).
    pub levels: Vec<LevelResult>,
    /// Level 1 in its own units.
    pub level1: Level1,
    /// When the heuristic start (a complete, checker-clean plan) was ready.
    pub first_plan: Instant,
    /// HiGHS changed the heuristic start.
    pub improved: bool,
}

/// Level 1 split into its two parts, with what the bound proves about each.
#[derive(Debug, Clone, Copy, Default)]
pub struct Level1 {
    /// Families below the floor in the stage-1 plan.
    pub below: u32,
    /// Their shortfall hours.
    pub shortfall: f64,
    /// Families below the floor that every plan must have.
    pub certified: u32,
    /// A lower bound on the shortfall of every plan with exactly `certified` families below.
    pub shortfall_bound: f64,
    /// Status of the stage.
    pub status: SolveStatus,
    /// Seconds of the stage.
    pub seconds: f64,
}

struct Stage {
    level: u32,
    name: &'static str,
    maximise: bool,
    terms: Vec<(usize, f64)>,
    /// A lower level as tie-break, scaled so that it sums to less than one
    /// unit of this (integral) level: it only chooses among plans equal here,
    /// and hands the next stage a better start.
    tie: Vec<(usize, f64)>,
    /// The tie-break's largest value over feasible plans (below 1).
    tie_cap: f64,
    /// A bound on the level known without the solver (e.g. the families' caps).
    known_bound: Option<f64>,
    /// Share of the remaining time this stage may use.
    share: f64,
    /// Slack of the row that fixes this level afterwards.
    fix_slack: f64,
    /// Absolute gap at which the stage is optimal (integral objectives: < 1).
    abs_gap: f64,
    /// A constant part of the level (`1` of every `1 − k` of a change).
    offset: f64,
}

struct StageResult {
    value: f64,
    bound: f64,
    status: SolveStatus,
    seconds: f64,
}

fn stages(p: &Problem, v: &Vars) -> (Vec<Stage>, f64) {
    let weight = p.floor_weight();
    let mut floor_terms = Vec::new();
    for f in 0..p.families.len() {
        if let (Some(b), Some(s)) = (v.below[f], v.shortfall[f]) {
            floor_terms.push((b.idx, weight));
            floor_terms.push((s.idx, 1.0));
        }
    }
    let mut fair_terms = Vec::new();
    for (f, fam) in p.families.iter().enumerate() {
        for (k, u) in v.bands[f].iter().enumerate() {
            fair_terms.push((u.idx, band_value(fam, k)));
        }
    }
    let share_terms: Vec<(usize, f64)> = v.share.iter().map(|c| (c.idx, 1.0)).collect();
    let hours_terms: Vec<(usize, f64)> = v.hours.iter().map(|c| (c.idx, 1.0)).collect();
    let (measure_terms, most_measures) = measure_terms(p, v);
    let mut continuity_terms: Vec<(usize, f64)> =
        v.new_nurse.values().map(|c| (c.idx, 1.0)).collect();
    continuity_terms.sort_by_key(|t| t.0);
    let pool_terms: Vec<(usize, f64)> = v.pool_short.iter().map(|c| (c.idx, 1.0)).collect();
    let pool_min_terms: Vec<(usize, f64)> =
        v.pool_min.iter().flatten().map(|c| (c.idx, 1.0)).collect();
    let mut travel_terms: Vec<(usize, f64)> = p
        .arcs
        .iter()
        .zip(&v.visit)
        .map(|(a, y)| (y.idx, 2.0 * a.km))
        .collect();
    // A centre day: home → centre → home once (M-KRAAMCENTRUM).
    for (n, row) in v.centre_day.iter().enumerate() {
        let km = 2.0 * p.nurses[n].centre_km;
        travel_terms.extend(row.iter().flatten().map(|kc| (kc.idx, km)));
    }
    // Largest possible value of each tie-break, so that ε·max < 1.
    let most_pool: f64 = p.slots.iter().map(|s| s.required as f64).sum();
    let most_travel: f64 = (0..p.nurses.len())
        .flat_map(|n| (0..p.days()).map(move |t| (n, t)))
        .map(|(n, t)| {
            let centre = if p.can_staff_centre(n, t) {
                2.0 * p.nurses[n].centre_km
            } else {
                0.0
            };
            p.arcs_by_nurse_day[n][t]
                .iter()
                .map(|&a| 2.0 * p.arcs[a as usize].km)
                .fold(centre, f64::max)
        })
        .sum();
    let scaled = |terms: &[(usize, f64)], most: f64| -> Vec<(usize, f64)> {
        terms.iter().map(|&(c, k)| (c, k / (most + 1.0))).collect()
    };
    let cap = |most: f64| most / (most + 1.0);
    let most_continuity = continuity_terms.len() as f64;
    // Level 4 can never exceed what the families may receive.
    let most_hours = p.hours_upper_bound() as f64;
    let (notice_terms, notice_offset) = change_terms(p, v, Window::Notice);
    let (draft_terms, draft_offset) = change_terms(p, v, Window::Draft);
    let pool_tie = scaled(&pool_terms, most_pool);
    let continuity_tie = scaled(&continuity_terms, most_continuity);
    let travel_tie = scaled(&travel_terms, most_travel);
    let measure_tie = scaled(&measure_terms, most_measures);
    let list = vec![
        // Empty (so skipped) unless the region sets `partus_pool.min_on_call`.
        Stage {
            level: 0,
            name: level::POOL_MIN,
            maximise: false,
            terms: pool_min_terms,
            tie: Vec::new(),
            tie_cap: 0.0,
            known_bound: None,
            share: 0.15,
            fix_slack: 0.5,
            abs_gap: 0.99,
            offset: 0.0,
        },
        Stage {
            level: 1,
            name: level::BELOW_THEN_SHORTFALL,
            maximise: false,
            terms: floor_terms,
            tie: pool_tie,
            tie_cap: cap(most_pool),
            known_bound: None,
            share: 0.55,
            fix_slack: 0.5,
            abs_gap: 0.99,
            offset: 0.0,
        },
        Stage {
            level: 2,
            name: level::POOL_SHORT,
            maximise: false,
            terms: pool_terms,
            tie: Vec::new(),
            tie_cap: 0.0,
            known_bound: None,
            share: 0.2,
            fix_slack: 0.5,
            abs_gap: 0.99,
            offset: 0.0,
        },
        Stage {
            level: 2,
            name: level::NOTICE_CHANGES,
            maximise: false,
            terms: notice_terms,
            tie: Vec::new(),
            tie_cap: 0.0,
            known_bound: None,
            share: 0.3,
            fix_slack: 0.5,
            abs_gap: 0.99,
            offset: notice_offset,
        },
        Stage {
            level: 3,
            name: level::LOWEST_SHARE,
            maximise: true,
            terms: share_terms,
            tie: Vec::new(),
            tie_cap: 0.0,
            known_bound: Some(1.0),
            share: 0.15,
            fix_slack: 1e-6,
            abs_gap: 0.0,
            offset: 0.0,
        },
        Stage {
            level: 3,
            name: level::FAIR,
            maximise: true,
            terms: fair_terms,
            tie: Vec::new(),
            tie_cap: 0.0,
            known_bound: None,
            share: 0.2,
            fix_slack: 0.0,
            abs_gap: 0.0,
            offset: 0.0,
        },
        Stage {
            level: 4,
            name: level::DELIVERED,
            maximise: true,
            terms: hours_terms,
            tie: continuity_tie,
            tie_cap: cap(most_continuity),
            known_bound: Some(most_hours),
            share: 0.25,
            fix_slack: 0.5,
            abs_gap: 0.99,
            offset: 0.0,
        },
        Stage {
            level: 5,
            name: level::NEW_NURSES,
            maximise: false,
            terms: continuity_terms,
            tie: measure_tie,
            tie_cap: cap(most_measures),
            known_bound: None,
            share: 0.6,
            fix_slack: 0.5,
            abs_gap: 0.99,
            offset: 0.0,
        },
        Stage {
            level: 6,
            name: level::MEASURES,
            maximise: false,
            terms: measure_terms,
            tie: travel_tie,
            tie_cap: cap(most_travel),
            known_bound: None,
            share: 0.5,
            fix_slack: 0.5,
            abs_gap: 0.99,
            offset: 0.0,
        },
        Stage {
            level: 6,
            name: level::KM,
            maximise: false,
            terms: travel_terms,
            tie: Vec::new(),
            tie_cap: 0.0,
            known_bound: None,
            // Re-planning leaves time for level 7.
            share: if p.baseline.is_some() { 0.6 } else { 1.0 },
            fix_slack: 0.0,
            abs_gap: 0.0,
            offset: 0.0,
        },
        Stage {
            level: 7,
            name: level::DRAFT_CHANGES,
            maximise: false,
            terms: draft_terms,
            tie: Vec::new(),
            tie_cap: 0.0,
            known_bound: None,
            share: 1.0,
            fix_slack: 0.5,
            abs_gap: 0.99,
            offset: draft_offset,
        },
    ];
    (policy_stages(p, v, list), weight)
}

/// The stages of `p`'s allocation policy (`models/fairness.md`): the
/// Normenkader's as they are; `utilitarian` without level 3; `proportional`
/// and `first-come` with their own level above the floor, in place of level 3.
fn policy_stages(p: &Problem, v: &Vars, mut list: Vec<Stage>) -> Vec<Stage> {
    let policy = p.params.policy;
    if policy == Policy::Normenkader {
        return list;
    }
    list.retain(|s| s.level != 3);
    if policy == Policy::Utilitarian {
        // Its own level is the delivered hours: it gets the time level 3 had.
        for s in list.iter_mut().filter(|s| s.name == level::DELIVERED) {
            s.share = 0.6;
        }
        return list;
    }
    let (name, terms) = match policy {
        Policy::Normenkader | Policy::Utilitarian => return list,
        Policy::Proportional => (
            level::EQUAL_SHARE,
            (0..p.families.len())
                .flat_map(|f| v.bands[f].iter().enumerate())
                .map(|(k, u)| (u.idx, proportional_band_value(k)))
                .collect::<Vec<_>>(),
        ),
        Policy::FirstCome => {
            let w = first_come_weights(&p.families);
            (
                level::FIRST_COME,
                p.arcs
                    .iter()
                    .zip(&v.hours)
                    .map(|(a, x)| (x.idx, w[a.family as usize]))
                    .collect(),
            )
        }
    };
    let at = list
        .iter()
        .position(|s| s.name == level::BELOW_THEN_SHORTFALL)
        .unwrap_or(0);
    list.insert(
        at,
        Stage {
            level: 1,
            name,
            maximise: true,
            terms,
            tie: Vec::new(),
            tie_cap: 0.0,
            known_bound: None,
            share: 0.3,
            // A continuous level, fixed to within a hundredth of an hour's
            // worth so that rounding in HiGHS cannot make the next stage infeasible.
            fix_slack: 0.01,
            abs_gap: 0.0,
            offset: 0.0,
        },
    );
    list
}

/// Run every stage within `cfg.time_limit` from `started`, and never past `deadline`.
pub fn run(
    p: &Problem,
    built: BuiltModel,
    cfg: &SolveConfig,
    started: Instant,
    deadline: Instant,
    warm: &super::WarmStart<'_>,
) -> Result<StagesOutcome, SolveError> {
    let BuiltModel {
        highs: mut model,
        vars,
        stats,
        upper,
    } = built;
    let n_cols = stats.columns;
    // The start keeps every hard rule, so HiGHS accepts it as the first incumbent.
    let start = warm(p);
    let first_plan = Instant::now();
    let mut incumbent = complete(p, &vars, n_cols, &start);
    let (stage_list, weight) = stages(p, &vars);
    let mut levels = Vec::new();
    let mut worst = SolveStatus::Optimal;
    let mut level1 = Level1 {
        status: SolveStatus::Optimal,
        ..Level1::default()
    };
    let mut previous: Vec<usize> = Vec::new();
    // The most a HiGHS call on this model ran past the limit it was given
    // (presolve and the first LP are not interrupted): a stage is only
    // started when that much time is left, so that the run ends on time.
    // Before the first call, a per-column estimate stands in.
    let mut overrun: Option<f64> = None;
    // Out of time: every later stage keeps the incumbent without a solve.
    let mut out_of_time = false;
    // The incumbent's auxiliary columns are derived from its care.
    let mut fresh = true;
    // The relaxation bounds level 1 only where the start leaves a family below the floor.
    let anyone_below = vars.below.iter().flatten().any(|b| incumbent[b.idx] > 0.5);
    let relaxed = anyone_below
        .then(|| relaxation(p, &vars, cfg, started, deadline))
        .flatten();
    for stage in &stage_list {
        // A re-plan reports both change levels, even when every change is forced.
        let reported = p.baseline.is_some()
            && (stage.name == level::NOTICE_CHANGES || stage.name == level::DRAFT_CHANGES);
        if (stage.terms.is_empty() && !reported) || stage.level > cfg.last_level {
            continue;
        }
        if stage.terms.is_empty() {
            // Every change forced (or none possible): nothing to solve.
            levels.push(LevelResult {
                level: stage.level,
                name: stage.name.into(),
                sense: "min".into(),
                value: stage.offset,
                bound: stage.offset,
                status: SolveStatus::Optimal.as_str().into(),
                seconds: 0.0,
            });
            continue;
        }
        let sign = if stage.maximise { -1.0 } else { 1.0 };
        let mut costs: std::collections::BTreeMap<usize, f64> = Default::default();
        for &(c, k) in &stage.terms {
            *costs.entry(c).or_default() += sign * k;
        }
        for &(c, k) in &stage.tie {
            *costs.entry(c).or_default() += k;
        }
        let to_deadline = deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        let remaining = (cfg.time_limit - started.elapsed().as_secs_f64())
            .min(to_deadline)
            .max(0.0);
        // At least 0.2 s while time remains (small stages finish at once); past
        // the deadline only a token limit, so the plan is not late.
        let budget = if remaining > 0.2 {
            (remaining * stage.share).max(0.2)
        } else {
            remaining.max(0.01)
        };
        let expected = overrun.unwrap_or(n_cols as f64 * FIRST_CALL_PER_COLUMN);
        let budget = budget.min((to_deadline - expected).max(0.01));
        // Too little time left for even one call on this model: this stage
        // and every later one keep the incumbent and the bound they have
        // without a solve.
        out_of_time |= to_deadline <= expected + MIN_CALL;
        // On a regional model HiGHS cannot keep a time limit under the
        // kilometre objective: its presolve ran 70 s past a 4-second round at
        // level 6b of the ladder's L, and without presolve its first LP alone
        // took 20 s. Kilometres stay as the start and the stages above left
        // them (the heuristic's travel moves, the tie-breaks).
        let skipped = out_of_time || (n_cols > LARGE_MODEL && stage.name == level::KM);
        if !skipped {
            for &c in &previous {
                set_cost(&mut model, c, 0.0)?;
            }
            for (&c, &k) in &costs {
                set_cost(&mut model, c, k)?;
            }
            previous = costs.keys().copied().collect();
        }
        // Integral levels share their time between the full model, for the
        // bound, and the neighbourhood search, for the plan (`lns.rs`).
        let searched = stage.abs_gap >= 0.99 && n_cols > SMALL_MODEL;
        let stage_end = Instant::now() + std::time::Duration::from_secs_f64(budget);
        let full = match (searched, n_cols > LARGE_MODEL) {
            (false, _) => budget,
            (true, false) => budget * FULL_SHARE,
            // A regional model's full solve never gets past its root LP at
            // level 1, whose bound the relaxation gives; elsewhere it bounds.
            (true, true) if stage.name == level::BELOW_THEN_SHORTFALL && relaxed.is_some() => 0.0,
            // From level 5 on, the rows fixing the levels above make HiGHS's
            // presolve of a regional model slow beyond any time limit (65 s
            // for a 2 s limit at level 6b of the ladder's L), and its bound
            // there was 0 on every regional rung: the search alone.
            (true, true) if stage.level >= 5 => 0.0,
            (true, true) => budget * LARGE_FULL_SHARE,
        };
        set_options(&mut model, cfg, full, stage.abs_gap)?;
        // Re-derive every auxiliary variable from the care itself (see `start.rs`).
        if !fresh {
            incumbent = complete(p, &vars, n_cols, &assignment_of(p, &vars, &incumbent));
            fresh = true;
        }
        let level_value = |x: &[f64]| -> f64 {
            stage.offset + stage.terms.iter().map(|&(c, k)| k * x[c]).sum::<f64>()
        };
        let known_bound = if stage.name == level::BELOW_THEN_SHORTFALL {
            relaxed.map(|r| r.bound)
        } else {
            stage.known_bound
        };
        // The relaxation or the columns' bounds may already prove the start
        // optimal (no family below the floor, no pool shift short): no solve then.
        let start_value = level_value(&incumbent);
        let trivial = stage.offset + trivial_bound(&stage.terms, &upper, stage.maximise);
        let proven = if stage.maximise {
            start_value >= trivial - 1e-6
        } else {
            start_value <= trivial + 1e-6
                || known_bound.is_some_and(|b| start_value <= (b - 1e-9).ceil() + 1e-6)
        };
        let t0 = Instant::now();
        let (status, dual) = if proven {
            (SolveStatus::Optimal, f64::NAN)
        } else if skipped {
            (SolveStatus::TimeLimit, f64::NAN)
        } else if full <= 0.0 {
            let objective = StageObjective {
                name: stage.name,
                costs: &costs,
            };
            let seed = u64::from(cfg.seed) << 8 | u64::from(stage.level);
            let (back, stats) = lns::improve(
                model,
                p,
                &vars,
                &upper,
                &objective,
                &mut incumbent,
                stage_end,
                seed,
            )?;
            model = back;
            fresh = false;
            if cfg.verbose {
                eprintln!(
                    "neighbourhood search, {}: {} rounds, {} improved",
                    stage.name, stats.rounds, stats.improved
                );
            }
            (SolveStatus::TimeLimit, f64::NAN)
        } else {
            model
                .try_set_solution(Some(&incumbent), None, None, None)
                .map_err(|e| SolveError::Highs(format!("warm start: {e:?}")))?;
            let call = Instant::now();
            let solved = model
                .try_solve()
                .map_err(|e| SolveError::Highs(format!("{e:?}")))?;
            let over = call.elapsed().as_secs_f64() - full;
            overrun = Some(overrun.map_or(over, |o: f64| o.max(over)));
            if solved.primal_solution_status() == HighsSolutionStatus::Feasible {
                incumbent = solved.get_solution().columns().to_vec();
                fresh = false;
            }
            let dual = solved
                .double_info_value(c"mip_dual_bound")
                .unwrap_or(f64::NAN);
            let status = status_name(&solved);
            model = Model::from(solved);
            let value = level_value(&incumbent);
            let bound = if dual.is_finite() {
                stage.offset + sign * (dual - stage.tie_cap)
            } else {
                stage.offset + trivial_bound(&stage.terms, &upper, stage.maximise)
            };
            // A stage that reached `--gap` is done; one stopped by the clock is not.
            let open = !matches!(status, SolveStatus::Optimal | SolveStatus::GapLimit)
                && (value - bound).abs() > 1e-6;
            if searched && open {
                let objective = StageObjective {
                    name: stage.name,
                    costs: &costs,
                };
                let seed = u64::from(cfg.seed) << 8 | u64::from(stage.level);
                let (back, stats) = lns::improve(
                    model,
                    p,
                    &vars,
                    &upper,
                    &objective,
                    &mut incumbent,
                    stage_end,
                    seed,
                )?;
                model = back;
                fresh = false;
                if cfg.verbose {
                    eprintln!(
                        "neighbourhood search, {}: {} rounds, {} improved",
                        stage.name, stats.rounds, stats.improved
                    );
                }
            }
            (status, dual)
        };
        let value = level_value(&incumbent);
        // HiGHS bounds the stage's level plus its tie-break, and the tie-break
        // is at most `tie_cap < 1`: the level alone is bounded by `dual − tie_cap`.
        // Without a dual bound from HiGHS (stopped before its first LP),
        // only the columns' own bounds bound the level: never the value itself.
        let bound = stage.offset
            + if dual.is_finite() {
                sign * (dual - stage.tie_cap)
            } else {
                trivial_bound(&stage.terms, &upper, stage.maximise)
            };
        let bound = match known_bound {
            Some(b) if stage.maximise => bound.min(b),
            Some(b) => bound.max(b),
            None => bound,
        };
        // An integral level's bound rounds towards the incumbent.
        let bound = match (stage.abs_gap >= 0.99, stage.maximise) {
            (true, false) => (bound - 1e-9).ceil(),
            (true, true) => (bound + 1e-9).floor(),
            _ => bound,
        };
        // The bound can never be worse than the incumbent itself.
        let bound = if stage.maximise {
            bound.max(value)
        } else {
            bound.min(value)
        } + 0.0; // no negative zero in reports
                 // A level whose value meets its own bound is proven, whatever the tie-break's gap.
        let status = if (value - bound).abs() <= 1e-6 * value.abs().max(1.0) {
            SolveStatus::Optimal
        } else {
            status
        };
        let result = StageResult {
            value,
            bound,
            status,
            seconds: t0.elapsed().as_secs_f64(),
        };
        worst = worst.worse(result.status);
        let tolerance = stage.fix_slack + 1e-6 * value.abs().max(1.0);
        let fixed = value - stage.offset;
        if out_of_time {
            // No later stage solves: no row to fix this level for them.
        } else if stage.maximise {
            add_row(&mut model, fixed - tolerance, f64::INFINITY, &stage.terms)?;
        } else {
            add_row(
                &mut model,
                f64::NEG_INFINITY,
                fixed + tolerance,
                &stage.terms,
            )?;
        }
        if stage.name == level::BELOW_THEN_SHORTFALL {
            let (below, shortfall) = split_level1(result.value, weight);
            let certified = certified_below(result.bound, weight).min(below);
            let shortfall_bound =
                (result.bound - weight * certified as f64).clamp(0.0, weight - 1.0);
            let seconds = result.seconds + relaxed.map_or(0.0, |r| r.seconds);
            level1 = Level1 {
                below,
                shortfall,
                certified,
                shortfall_bound,
                status: result.status,
                seconds,
            };
        } else {
            levels.push(LevelResult {
                level: stage.level,
                name: stage.name.into(),
                sense: if stage.maximise { "max" } else { "min" }.into(),
                value: result.value,
                bound: result.bound,
                status: result.status.as_str().into(),
                seconds: result.seconds,
            });
        }
    }
    let assignment = assignment_of(p, &vars, &incumbent);
    Ok(StagesOutcome {
        improved: assignment != start,
        assignment,
        status: worst,
        levels,
        level1,
        first_plan,
    })
}

/// Seconds a stage needs beyond the measured overrun to be worth a HiGHS call.
const MIN_CALL: f64 = 0.05;

/// Seconds per column that a first HiGHS call on a model takes even with a
/// token time limit (measured: 5.3 s on the 1.7 million columns of the
/// ladder's XL region); later calls use the overrun measured on the model.
const FIRST_CALL_PER_COLUMN: f64 = 3e-6;

/// Share of an integral stage's time for the full model; the neighbourhood
/// search has the rest.
const FULL_SHARE: f64 = 0.4;

/// Columns up to which HiGHS alone solves a stage well: no neighbourhood search.
const SMALL_MODEL: usize = 5_000;

/// Columns above which a model counts as regional (`LARGE_FULL_SHARE`).
const LARGE_MODEL: usize = 20_000;

/// The full model's share on a regional model, for its bound.
const LARGE_FULL_SHARE: f64 = 0.25;

/// Share of the time left that the level-1 relaxation (`bound.rs`) may use.
const RELAXATION_SHARE: f64 = 0.15;

/// The level-1 relaxation's bound, when level 1 has anything to bound.
fn relaxation(
    p: &Problem,
    v: &Vars,
    cfg: &SolveConfig,
    started: Instant,
    deadline: Instant,
) -> Option<Level1Bound> {
    if v.below.iter().all(Option::is_none) {
        return None;
    }
    let to_deadline = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    let remaining = (cfg.time_limit - started.elapsed().as_secs_f64()).min(to_deadline);
    // Below a second the relaxation's own model would cost more than it tells.
    (remaining > 1.0)
        .then(|| {
            level1_bound(
                p,
                v,
                (remaining * RELAXATION_SHARE).max(0.05),
                cfg.threads,
                cfg.seed,
            )
        })
        .flatten()
}

/// The notices of changes in window `w` (`model::baseline`) as terms and a
/// constant: a visit row the previous plan had costs `2·(1 − k[a])`, a new
/// one `2·y[a]`; an on-call row the previous plan had `1 − o`, a new one `o`.
fn change_terms(p: &Problem, v: &Vars, w: Window) -> (Vec<(usize, f64)>, f64) {
    let mut terms = Vec::new();
    let mut offset = 0.0;
    if p.baseline.is_none() {
        return (terms, offset);
    }
    let visit = f64::from(VISIT_NOTICES);
    for (a, arc) in p.arcs.iter().enumerate() {
        if p.window(arc.day as usize) != Some(w) {
            continue;
        }
        match v.kept[a] {
            Some(k) => {
                offset += visit;
                terms.push((k.idx, -visit));
            }
            None => terms.push((v.visit[a].idx, visit)),
        }
    }
    let oncall = f64::from(ONCALL_NOTICES);
    for (n, nurse) in p.nurses.iter().enumerate() {
        for (t, prev) in nurse.prev_oncall.iter().enumerate() {
            if p.window(t) != Some(w) {
                continue;
            }
            for (&was, o) in prev.iter().zip(v.oncall[n][t]) {
                let Some(o) = o else { continue };
                if was {
                    offset += oncall;
                    terms.push((o.idx, -oncall));
                } else {
                    terms.push((o.idx, oncall));
                }
            }
        }
    }
    (terms, offset)
}

/// Level-6 costs of measure use (`models/model.md`): per visit on an arc
/// that needs M-OFFICE, M-KIO, M-LENDING or M-WAITLIST, per combined-care
/// day, per waived day, per nurse on reduced rest and per week above the contract (M-FLEX);
/// with the most they can add up to.
fn measure_terms(p: &Problem, v: &Vars) -> (Vec<(usize, f64)>, f64) {
    let mut terms = Vec::new();
    for (arc, y) in p.arcs.iter().zip(&v.visit) {
        let cost: f64 = arc.measures.iter().map(|m| m.cost()).sum();
        if cost > 0.0 {
            terms.push((y.idx, cost));
        }
    }
    let one = crate::model::measures::Measure::Combined.cost();
    terms.extend(v.combined.iter().flatten().flatten().map(|c| (c.idx, one)));
    terms.extend(
        v.waived
            .iter()
            .flatten()
            .map(|&(_, m, c)| (c.idx, m.cost())),
    );
    terms.extend(v.reduced.iter().flatten().map(|c| (c.idx, one)));
    terms.extend(v.flex_used.iter().flatten().flatten().map(|c| (c.idx, one)));
    // Every column is binary.
    let most = terms.iter().map(|t| t.1).sum();
    (terms, most)
}

/// The bound a level has from the column bounds alone (all lower bounds 0):
/// for a minimum the sum of its negative terms at their upper bounds, for a
/// maximum that of its positive terms.
fn trivial_bound(terms: &[(usize, f64)], upper: &[f64], maximise: bool) -> f64 {
    terms
        .iter()
        .map(|&(c, k)| {
            if (k > 0.0) == maximise {
                k * upper[c]
            } else {
                0.0
            }
        })
        .sum()
}

/// `W·B + S` with `S < W` back into `(B, S)`.
fn split_level1(value: f64, weight: f64) -> (u32, f64) {
    let below = (value / weight + 1e-9).floor().max(0.0);
    (below as u32, (value - below * weight).round())
}

/// From a lower bound `LB ≤ W·B + S` and `S ≤ W − 1`: `B ≥ ⌈(LB − W + 1) / W⌉`.
pub fn certified_below(bound: f64, weight: f64) -> u32 {
    (((bound - weight + 1.0) / weight) - 1e-6).ceil().max(0.0) as u32
}

fn set_options(
    model: &mut Model,
    cfg: &SolveConfig,
    seconds: f64,
    abs_gap: f64,
) -> Result<(), SolveError> {
    let err = |k: &str| SolveError::Highs(format!("cannot set option {k}"));
    model
        .try_set_option("time_limit", seconds)
        .map_err(|_| err("time_limit"))?;
    model
        .try_set_option("mip_rel_gap", cfg.gap)
        .map_err(|_| err("mip_rel_gap"))?;
    model
        .try_set_option("mip_abs_gap", abs_gap.max(1e-6))
        .map_err(|_| err("mip_abs_gap"))?;
    model
        .try_set_option("threads", cfg.threads.max(1) as i32)
        .map_err(|_| err("threads"))?;
    model
        .try_set_option("random_seed", cfg.seed as i32)
        .map_err(|_| err("random_seed"))?;
    model
        .try_set_option("output_flag", cfg.verbose)
        .map_err(|_| err("output_flag"))?;
    // The highs crate turns console logging off; --verbose turns it back on.
    model
        .try_set_option("log_to_console", cfg.verbose)
        .map_err(|_| err("log_to_console"))?;
    Ok(())
}

fn status_name(solved: &highs::SolvedModel) -> SolveStatus {
    match solved.status() {
        HighsModelStatus::Optimal => {
            let gap = solved.mip_gap();
            if gap.is_finite() && gap > 1e-9 {
                SolveStatus::GapLimit
            } else {
                SolveStatus::Optimal
            }
        }
        HighsModelStatus::ReachedTimeLimit => SolveStatus::TimeLimit,
        HighsModelStatus::ReachedIterationLimit | HighsModelStatus::ReachedSolutionLimit => {
            SolveStatus::Limit
        }
        HighsModelStatus::ReachedMemoryLimit => SolveStatus::MemoryLimit,
        _ => SolveStatus::Feasible,
    }
}
