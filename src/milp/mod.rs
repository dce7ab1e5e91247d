//! The MILP engine: good_lp builds the rows of every constraint family,
//! HiGHS solves the objective levels of `models/rules.md` one after another.
//!
//! Lexicographic order is kept by solving in stages rather than with
//! weights: level `k` is optimised with every higher level fixed at the
//! value its stage achieved, and the previous incumbent warm-starts the next
//! stage. Data-derived weights that provably keep the order would span
//! 10¹⁰ and more on regional scenarios, beyond HiGHS's tolerances. The plan
//! that gives no care at all satisfies every hard rule, so every stage has
//! an incumbent from the start and scarcity never makes the model infeasible.

use std::time::Instant;

use good_lp::{Expression, SolverModel};

mod bound;
pub mod constraints;
mod highs_ffi;
mod lns;
#[cfg(test)]
mod policy_tests;
mod stages;
pub mod start;
pub mod vars;

use rayon::prelude::*;

use crate::domain::rules::RuleId;
use crate::domain::status::SolveStatus;
use crate::model::objective::level;
use crate::model::{Assignment, Component, Problem};
use crate::plan::{EngineInfo, LevelResult, Plan};
use stages::Level1;
use vars::Vars;

/// How to run the solver (passed in; no globals).
#[derive(Debug, Clone)]
pub struct SolveConfig {
    /// Wall-clock seconds for all stages together.
    pub time_limit: f64,
    /// Relative MIP gap at which a stage stops.
    pub gap: f64,
    /// HiGHS threads (1 inside sweeps).
    pub threads: u32,
    /// HiGHS random seed.
    pub seed: u32,
    /// Print HiGHS's log.
    pub verbose: bool,
    /// The last objective level to optimise (7 = all, level 7 only when
    /// re-planning; the escalation ladder's provider rungs stop after level 1 or 3).
    pub last_level: u32,
    /// The end of the caller's whole run (the ladder's, a sweep variant's):
    /// no stage runs past it, whatever `time_limit` says.
    pub deadline: Option<Instant>,
}

impl SolveConfig {
    /// When a run that starts at `started` must end: its time limit, or the
    /// caller's deadline if that is sooner. The CLI caps time limits at a
    /// week; a library caller's 1e20 or NaN must not panic here either, so
    /// no end lies beyond a year.
    pub fn end(&self, started: Instant) -> Instant {
        let year = std::time::Duration::from_secs(365 * 24 * 3600);
        let limit =
            crate::scenario::limits::duration(self.time_limit).map_or(year, |d| d.min(year));
        let end = started.checked_add(limit).unwrap_or(started);
        self.deadline.map_or(end, |d| d.min(end))
    }
}

impl Default for SolveConfig {
    fn default() -> Self {
        SolveConfig {
            time_limit: 60.0,
            gap: 1e-4,
            threads: 1,
            seed: 0,
            verbose: false,
            last_level: 7,
            deadline: None,
        }
    }
}

/// Why the MILP engine produced no plan.
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    /// HiGHS reported an error while building or solving.
    #[error("HiGHS failed: {0}")]
    Highs(String),
}

/// Rows added per rule id, for `--explain` and the model documentation.
#[derive(Debug, Clone, Default)]
pub struct ModelStats {
    /// Number of columns (variables).
    pub columns: usize,
    /// Rows per rule id, in registry order.
    pub rows: Vec<(RuleId, usize)>,
}

/// A built model ready to be solved: the HiGHS model, its variables and statistics.
pub struct BuiltModel {
    /// The HiGHS model (objective zero; stages set costs).
    pub highs: highs::Model,
    /// Variables and their columns.
    pub vars: Vars,
    /// Size of the model.
    pub stats: ModelStats,
    /// Upper bound of every column (all lower bounds are 0).
    pub upper: Vec<f64>,
}

/// Build the MILP for `p`: every constraint family of the registry.
pub fn build(p: &Problem) -> Result<BuiltModel, SolveError> {
    let (vars, cols) = Vars::new(p);
    let n_cols = cols.upper.len();
    let upper = cols.upper.clone();
    let mut model = cols
        .vars
        .minimise(Expression::from(0.0))
        .using(good_lp::solvers::highs::highs);
    let mut stats = ModelStats {
        columns: n_cols,
        rows: Vec::new(),
    };
    for (rule, family) in constraints::REGISTRY {
        let rows = family(p, &vars);
        stats.rows.push((*rule, rows.len()));
        for row in rows {
            model.add_constraint(row);
        }
    }
    let highs = model
        .try_into_inner()
        .map_err(|e| SolveError::Highs(e.to_string()))?;
    Ok(BuiltModel {
        highs,
        vars,
        stats,
        upper,
    })
}

/// Where the MILP's first incumbent comes from: a complete plan that keeps
/// every hard rule, built for each component problem (the engine layer hands
/// in the heuristic's construction, so this engine never calls the other).
pub type WarmStart<'a> = dyn Fn(&Problem) -> Assignment + Sync + 'a;

/// What a MILP run did with the heuristic start it was given.
#[derive(Debug, Clone, Copy)]
pub struct StartUse {
    /// Seconds from the start of the solve until every component had its
    /// heuristic start: the first complete, checker-clean plan.
    pub first_plan_seconds: f64,
    /// HiGHS found a better plan than the start in some component.
    pub improved: bool,
}

/// Solve `p` and return the plan with the solver's figures per level.
///
/// The problem is split into independent components (`Problem::components`),
/// solved in parallel on the current rayon pool, each with a share of the
/// time limit in proportion to its size and the number of workers.
/// Every component starts from `start`'s plan for it.
pub fn solve(p: &Problem, cfg: &SolveConfig, start: &WarmStart<'_>) -> Result<Plan, SolveError> {
    solve_from_start(p, cfg, start).map(|(plan, _)| plan)
}

/// [`solve`], also saying what became of the heuristic start.
pub fn solve_from_start(
    p: &Problem,
    cfg: &SolveConfig,
    start: &WarmStart<'_>,
) -> Result<(Plan, StartUse), SolveError> {
    let started = Instant::now();
    let deadline = cfg.end(started);
    let mut components = p.components();
    // Largest first, so that the long solves do not start last.
    components.sort_by_key(|c| std::cmp::Reverse(c.problem.arcs.len()));
    let size = |c: &Component| c.problem.arcs.len().max(1) as f64;
    let total: f64 = components.iter().map(size).sum();
    let workers = rayon::current_num_threads() as f64;
    let results: Vec<Result<ComponentResult, SolveError>> = components
        .par_iter()
        .with_max_len(1)
        .map(|c| {
            let share = (workers * size(c) / total).min(1.0);
            let config = SolveConfig {
                time_limit: cfg.time_limit * share,
                ..cfg.clone()
            };
            solve_component(c, &config, deadline, start)
        })
        .collect();
    let mut assignment = Assignment::empty(p);
    let mut merged = Merged::default();
    let mut start_use = StartUse {
        first_plan_seconds: 0.0,
        improved: false,
    };
    for (c, r) in components.iter().zip(results) {
        let r = r?;
        start_use.improved |= r.improved;
        start_use.first_plan_seconds = start_use.first_plan_seconds.max(
            r.first_plan
                .saturating_duration_since(started)
                .as_secs_f64(),
        );
        c.lift(p, &r.assignment, &mut assignment);
        merged.add(r.outcome_status, r.level1, r.levels);
    }
    let weight = p.floor_weight();
    let l1 = merged.level1;
    let objective = weight * l1.below as f64 + l1.shortfall;
    let bound = weight * l1.certified as f64
        + if l1.certified == l1.below {
            l1.shortfall_bound
        } else {
            0.0
        };
    let mut levels = vec![
        LevelResult {
            level: 1,
            name: level::BELOW.into(),
            sense: "min".into(),
            value: l1.below as f64,
            bound: l1.certified as f64,
            status: l1.status.as_str().into(),
            seconds: l1.seconds,
        },
        LevelResult {
            level: 1,
            name: level::SHORTFALL.into(),
            sense: "min".into(),
            value: l1.shortfall,
            bound: if l1.certified == l1.below {
                l1.shortfall_bound
            } else {
                0.0
            },
            status: l1.status.as_str().into(),
            seconds: 0.0,
        },
    ];
    // Level 0 (the pool minimum) and a policy's own level rank above the floor: they come first.
    let (first, rest): (Vec<_>, Vec<_>) = merged
        .levels
        .into_iter()
        .partition(|l| l.level == 0 || l.name == level::EQUAL_SHARE || l.name == level::FIRST_COME);
    levels.splice(0..0, first);
    levels.extend(rest);
    // Changes no plan avoids belong to the whole problem, not to a component.
    if let Some(b) = &p.baseline {
        for l in &mut levels {
            let forced = match l.name.as_str() {
                level::NOTICE_CHANGES => b.forced[0],
                level::DRAFT_CHANGES => b.forced[1],
                _ => continue,
            };
            l.value += f64::from(forced);
            l.bound += f64::from(forced);
        }
    }
    let engine = EngineInfo {
        name: "milp".into(),
        status: merged.status.as_str().into(),
        objective,
        bound,
        gap: crate::model::objective::relative_gap(objective, bound),
        seconds: started.elapsed().as_secs_f64(),
        levels,
        note: (components.len() > 1)
            .then(|| format!("solved as {} independent components", components.len())),
        first_plan_seconds: Some(start_use.first_plan_seconds),
    };
    let plan = crate::plan::report::assemble(p, &assignment, engine, l1.certified);
    Ok((plan, start_use))
}

struct ComponentResult {
    assignment: Assignment,
    outcome_status: SolveStatus,
    level1: Level1,
    levels: Vec<LevelResult>,
    first_plan: Instant,
    improved: bool,
}

fn solve_component(
    c: &Component,
    cfg: &SolveConfig,
    deadline: Instant,
    start: &WarmStart<'_>,
) -> Result<ComponentResult, SolveError> {
    let started = Instant::now();
    let built = build(&c.problem)?;
    let outcome = stages::run(&c.problem, built, cfg, started, deadline, start)?;
    Ok(ComponentResult {
        assignment: outcome.assignment,
        outcome_status: outcome.status,
        level1: outcome.level1,
        levels: outcome.levels,
        first_plan: outcome.first_plan,
        improved: outcome.improved,
    })
}

/// Sums of the components' level results (every level is a sum over components).
struct Merged {
    status: SolveStatus,
    level1: Level1,
    levels: Vec<LevelResult>,
}

impl Default for Merged {
    fn default() -> Self {
        Merged {
            status: SolveStatus::Optimal,
            level1: Level1 {
                status: SolveStatus::Optimal,
                ..Level1::default()
            },
            levels: Vec::new(),
        }
    }
}

impl Merged {
    fn add(&mut self, status: SolveStatus, l1: Level1, levels: Vec<LevelResult>) {
        self.status = self.status.worse(status);
        let m = &mut self.level1;
        // The shortfall bound holds for the whole only where every component's count is proven.
        let proven = m.certified == m.below && l1.certified == l1.below;
        m.shortfall_bound = if proven {
            m.shortfall_bound + l1.shortfall_bound
        } else {
            0.0
        };
        m.below += l1.below;
        m.shortfall += l1.shortfall;
        m.certified += l1.certified;
        m.status = m.status.worse(l1.status);
        m.seconds = m.seconds.max(l1.seconds);
        for l in levels {
            match self
                .levels
                .iter_mut()
                .find(|x| x.level == l.level && x.name == l.name)
            {
                // The lowest share of the whole is the lowest of the parts.
                Some(x) if x.name == level::LOWEST_SHARE => {
                    x.value = x.value.min(l.value);
                    x.bound = x.bound.min(l.bound);
                    x.seconds = x.seconds.max(l.seconds);
                    x.status = worse(&x.status, &l.status);
                }
                Some(x) => {
                    x.value += l.value;
                    x.bound += l.bound;
                    x.seconds = x.seconds.max(l.seconds);
                    x.status = worse(&x.status, &l.status);
                }
                None => self.levels.push(l),
            }
        }
        self.levels.sort_by_key(|l| l.level);
    }
}

/// The worse of two levels' statuses as a plan carries them.
fn worse(a: &str, b: &str) -> String {
    let read = |s: &str| SolveStatus::parse(s).unwrap_or(SolveStatus::Feasible);
    read(a).worse(read(b)).as_str().into()
}

/// Columns the MILP of `p` would have, without building it (for size budgets).
pub fn column_estimate(p: &Problem) -> usize {
    let shifts: usize = p.slots.len() * p.nurses.len().max(1);
    let family_days: usize = p.home_day.iter().filter(|&&h| h).count();
    2 * p.arcs.len()
        + p.nurses.len() * p.days() * 2
        + family_days
        + p.families.len() * (3 + crate::model::objective::BANDS)
        + p.arcs.len() / p.days().max(1)
        + shifts
}
