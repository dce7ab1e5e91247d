//! `kraamplan simulate`: a season played forward night by night
//! (`models/simulate.md`).
//!
//! Each run draws one season ([`season`]: births, stays, early discharges,
//! sick spells, the bookings beyond the base's), and each policy plays it
//! ([`night`]): the first plan, then every night the day carried out, the
//! roll to the next day with the night's events, the night's plan and its
//! figures. Every policy of a run sees the same season, so their difference
//! is the policy's alone; [`table`] gives the means over the runs and the
//! paired price of stability.

pub mod night;
pub mod season;
pub mod table;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::engine::EngineConfig;
use crate::output::{OutputError, OutputSet, StagedDir};
use crate::scenario::Scenario;
use crate::whatif::output;
use crate::whatif::run;
use crate::whatif::shard::Shard;
use crate::whatif::{FirstFailure, WhatIfError};

pub use night::{Night, RunResult};
pub use season::{SeasonDraw, SeasonParams};
pub use table::PolicySummary;

/// Format version of `simulate.json`.
pub const FORMAT: u32 = 1;

/// The names a simulation writes to its output folder, as one set.
pub const OUTPUT_FILES: [&str; 5] = [
    "simulate.csv",
    "simulate-nights.csv",
    "simulate-families.csv",
    "simulate.json",
    "scenarios/",
];

/// How a night's plan is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// `replan` from the plan told, with the notice window of `--notice`.
    Stable,
    /// `replan` with every day of the plan told guarded as the notice
    /// window is: the planner changes no day it need not.
    Told,
    /// A plan from scratch, ignoring the plan told.
    Scratch,
}

impl Policy {
    /// Its name on the command line and in the tables.
    pub fn name(self) -> &'static str {
        match self {
            Policy::Stable => "stable",
            Policy::Told => "told",
            Policy::Scratch => "scratch",
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Policy {
    type Err = String;

    fn from_str(text: &str) -> Result<Policy, String> {
        match text.trim() {
            "stable" => Ok(Policy::Stable),
            "told" => Ok(Policy::Told),
            "scratch" => Ok(Policy::Scratch),
            other => Err(format!(
                "--policy {other:?}: the policies are stable (re-plan from the plan told), told (re-plan guarding every told day) and scratch (plan from scratch), e.g. --policy stable,scratch"
            )),
        }
    }
}

/// How to run a simulation.
#[derive(Debug, Clone)]
pub struct SimulateOptions {
    /// Nights per run.
    pub nights: u32,
    /// Runs (all shards together).
    pub runs: usize,
    /// Policies, each played on every run's season.
    pub policies: Vec<Policy>,
    /// Days of the notice window, for `stable` and for counting changes.
    pub notice: u32,
    /// Seed of the draws; run `r` is seeded by (seed, r).
    pub seed: u64,
    /// What a season draws.
    pub season: SeasonParams,
    /// Engine settings of a night's plan (time limit per night).
    pub engine: EngineConfig,
    /// Worker threads.
    pub jobs: usize,
    /// The slice of the runs to do.
    pub shard: Shard,
    /// Show progress on stderr.
    pub progress: bool,
    /// Write each run's first scenario (`run-0007.json`) here.
    pub scenarios_dir: Option<StagedDir>,
}

/// One run of one policy: its figures, or why it failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulateRow {
    /// Run number.
    pub run: usize,
    /// The policy.
    pub policy: Policy,
    /// What the run's season drew.
    pub draw: Option<SeasonDraw>,
    /// Its nights and realised episodes, when it ran through.
    pub result: Option<RunResult>,
    /// Why it stopped, when it did.
    pub error: Option<String>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// What `simulate` writes (`simulate.json`), and what `merge` reads back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulateOutput {
    /// `"simulate"`.
    pub kind: String,
    /// [`FORMAT`].
    pub format: u32,
    /// The base scenario as given.
    pub base: String,
    /// Fingerprint of the base scenario.
    pub base_fingerprint: String,
    /// Runs of the whole simulation.
    pub runs: usize,
    /// Nights per run.
    pub nights: u32,
    /// The policies, in the order given.
    pub policies: Vec<Policy>,
    /// Days of the notice window.
    pub notice: u32,
    /// Seed of the draws.
    pub seed: u64,
    /// Engine of the nights' plans.
    pub engine: String,
    /// Seconds per night's plan.
    pub time_limit: f64,
    /// What a season draws.
    pub season: SeasonParams,
    /// The shard, when this output is one.
    pub shard: Option<Shard>,
    /// Rows that failed.
    pub failed: usize,
    /// Per policy over the runs.
    pub summary: Vec<PolicySummary>,
    /// Every run and policy, by run, then policy.
    pub rows: Vec<SimulateRow>,
}

impl SimulateOutput {
    /// A row's index in the whole simulation: run, then policy.
    pub fn index(&self, row: &SimulateRow) -> usize {
        let p = self
            .policies
            .iter()
            .position(|&q| q == row.policy)
            .unwrap_or(self.policies.len());
        row.run * self.policies.len() + p
    }
}

/// The name of the engine in the outputs.
fn engine_name(cfg: &EngineConfig) -> &'static str {
    match cfg.choice {
        crate::engine::EngineChoice::Auto => "auto",
        crate::engine::EngineChoice::Milp => "milp",
        crate::engine::EngineChoice::Heuristic => "heuristic",
    }
}

/// Run the simulation's runs in `opts.shard`, every policy of a run on the
/// same season.
pub fn simulate(
    base: &Scenario,
    base_label: &str,
    opts: &SimulateOptions,
) -> Result<SimulateOutput, WhatIfError> {
    opts.season.validate().map_err(WhatIfError::Input)?;
    if opts.policies.is_empty() {
        return Err(WhatIfError::Input(
            "--policy: give at least one policy, e.g. --policy stable,scratch".into(),
        ));
    }
    let mut cfg = opts.engine.clone();
    cfg.solve.threads = 1;
    let per_run = opts.policies.len();
    let tasks: Vec<usize> = opts
        .shard
        .indices(opts.runs)
        .into_iter()
        .flat_map(|r| (0..per_run).map(move |p| r * per_run + p))
        .collect();
    let unwritten = FirstFailure::default();
    let done = run::run("simulate", &tasks, opts.jobs, opts.progress, |task| {
        let (r, p) = (task / per_run, task % per_run);
        let season = season::draw_season(base, &opts.season, opts.nights, opts.seed, r as u64);
        if p == 0 {
            if let Some(dir) = &opts.scenarios_dir {
                output::write_scenario(dir, &format!("run-{r:04}.json"), &season.base)
                    .map_err(|e| unwritten.record(e))?;
            }
        }
        let played = night::play(&season, opts.policies[p], opts.notice, &cfg).map(|(r, _)| r);
        Ok((season.draw, played))
    })
    .map_err(WhatIfError::Workers)?;
    if let Some(e) = unwritten.take() {
        return Err(e.into());
    }
    let rows = done
        .into_iter()
        .map(|d| {
            let (run, policy) = (d.index / per_run, opts.policies[d.index % per_run]);
            let (draw, result, error) = match d.result {
                Ok((draw, Ok(result))) => (Some(draw), Some(result), None),
                Ok((draw, Err(e))) => (Some(draw), None, Some(e)),
                Err(e) => (None, None, Some(e)),
            };
            SimulateRow {
                run,
                policy,
                draw,
                result,
                error,
                seconds: d.seconds,
            }
        })
        .collect();
    Ok(assemble(
        SimulateOutput {
            kind: "simulate".into(),
            format: FORMAT,
            base: base_label.into(),
            base_fingerprint: output::fingerprint(base),
            runs: opts.runs,
            nights: opts.nights,
            policies: opts.policies.clone(),
            notice: opts.notice,
            seed: opts.seed,
            engine: engine_name(&cfg).into(),
            time_limit: cfg.solve.time_limit,
            season: opts.season.clone(),
            shard: (!opts.shard.is_whole()).then_some(opts.shard),
            failed: 0,
            summary: Vec::new(),
            rows: Vec::new(),
        },
        rows,
    ))
}

/// `head` with `rows` and the figures computed from them (also used by `merge`).
pub fn assemble(mut head: SimulateOutput, mut rows: Vec<SimulateRow>) -> SimulateOutput {
    rows.sort_by_key(|r| head.index(r));
    head.failed = rows.iter().filter(|r| r.error.is_some()).count();
    head.summary = table::summarise(&head.policies, &rows);
    head.rows = rows;
    head
}

/// Write the simulation's files to folder `dir`, as one set.
pub fn write(dir: &Path, out: &SimulateOutput) -> Result<(), OutputError> {
    let set = OutputSet::begin(dir, &OUTPUT_FILES)?;
    write_to(&set, out)?;
    set.commit()
}

/// Stage `simulate.csv`, `simulate-nights.csv`, `simulate-families.csv`
/// and `simulate.json` in `set` (begun with [`OUTPUT_FILES`]).
pub fn write_to(set: &OutputSet, out: &SimulateOutput) -> Result<(), OutputError> {
    let (header, rows) = table::summary_table(out);
    output::write_csv(set, "simulate.csv", &header, &rows)?;
    let (header, rows) = table::nights_table(out);
    output::write_csv(set, "simulate-nights.csv", &header, &rows)?;
    let (header, rows) = table::families_table(out);
    output::write_csv(set, "simulate-families.csv", &header, &rows)?;
    output::write_json(set, "simulate.json", out)
}
