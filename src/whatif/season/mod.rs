//! `kraamplan season`: the weeks of a season forecast one after another,
//! the Regioplan's §1.3 inventory (`models/season.md`).
//!
//! Each run plays the season week by week ([`week`]): births from the
//! region's annual volume with the Dutch monthly and weekday pattern
//! ([`pattern`]), sick leave, the ladder's plan of the week, the roll to the
//! next Monday. Every solution (a sweep grid's variant: a kraamcentrum,
//! extra trainees, a provider pool …) plays the same draws, so that their
//! difference is the solution's. [`table`] gives per week and per month the
//! probability of each colour code, the waiting list and the families
//! below the floor, with 95 % intervals.

pub mod pattern;
pub mod table;
pub mod week;

#[cfg(test)]
mod tests;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::{add_days, monday_of};
use crate::engine::EngineConfig;
use crate::output::{OutputError, OutputSet};
use crate::scenario::Scenario;
use crate::whatif::forecast::Fidelity;
use crate::whatif::grid::{Grid, Variant};
use crate::whatif::output;
use crate::whatif::run;
use crate::whatif::sample::SampleParams;
use crate::whatif::shard::Shard;
use crate::whatif::simulate::season::births_per_day;
use crate::whatif::variant;
use crate::whatif::WhatIfError;

pub use pattern::Pattern;
pub use table::{MonthSummary, SolutionSummary, WeekSummary};
pub use week::{MonthTally, Played, SeasonWeek};

/// Format version of `season.json`.
pub const FORMAT: u32 = 1;

/// The names a season writes to its output folder, as one set.
pub const OUTPUT_FILES: [&str; 5] = [
    "season.csv",
    "season-weeks.csv",
    "season-months.csv",
    "season-runs.csv",
    "season.json",
];

/// Grid axes a solution may not vary: the season draws them itself.
const DRAWN_AXES: [&str; 3] = ["sick", "extra_births", "seeds"];

/// How to run a season.
#[derive(Debug, Clone)]
pub struct SeasonOptions {
    /// First day of the first month.
    pub from: NaiveDate,
    /// Last day of the last month.
    pub to: NaiveDate,
    /// Runs per solution (all shards together).
    pub runs: usize,
    /// Seed of the draws; run `r` is seeded by (seed, r).
    pub seed: u64,
    /// Hospital stays and sickness.
    pub sample: SampleParams,
    /// The region's births a year; `None`: from the base ([`annual_births`]).
    pub births_per_year: Option<f64>,
    /// Monthly shares to use instead of the documented pattern.
    pub month_shares: Option<Vec<f64>>,
    /// The solutions to compare; empty: the base alone.
    pub solutions: Option<Grid>,
    /// Fidelity of each week's plan.
    pub fidelity: Fidelity,
    /// Engine settings (the time limit is the week's).
    pub engine: EngineConfig,
    /// Worker threads.
    pub jobs: usize,
    /// The slice of the runs to do.
    pub shard: Shard,
    /// Show progress on stderr.
    pub progress: bool,
}

/// One solution of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Solution {
    /// Its position.
    pub index: usize,
    /// What it changes, e.g. `kraamcentrum=6`, or `base`.
    pub label: String,
    /// The grid's variant.
    pub variant: Variant,
}

/// One run of one solution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonRow {
    /// Run number.
    pub run: usize,
    /// The solution's index.
    pub solution: usize,
    /// Its weeks and months.
    pub played: Played,
    /// Why it stopped before the season's end, when it did.
    pub error: Option<String>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// `season.json`, and what `merge` reads back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonOutput {
    /// `"season"`.
    pub kind: String,
    /// [`FORMAT`].
    pub format: u32,
    /// The base scenario as given.
    pub base: String,
    /// Fingerprint of the base scenario.
    pub base_fingerprint: String,
    /// First day of the season.
    pub from: NaiveDate,
    /// Last day of the season.
    pub to: NaiveDate,
    /// The Mondays of its weeks.
    pub mondays: Vec<NaiveDate>,
    /// Runs per solution.
    pub runs: usize,
    /// Seed of the draws.
    pub seed: u64,
    /// The region's births a year.
    pub births_per_year: f64,
    /// Where that figure comes from.
    pub births_source: String,
    /// The birth pattern of the season's year.
    pub pattern: Pattern,
    /// Hospital stays and sickness.
    pub sample: SampleParams,
    /// Fidelity of each week's plan.
    pub fidelity: Fidelity,
    /// Seconds per week's plan.
    pub time_limit: f64,
    /// The solutions compared.
    pub solutions: Vec<Solution>,
    /// The shard, when this output is one.
    pub shard: Option<Shard>,
    /// Rows that failed.
    pub failed: usize,
    /// Per solution over the season.
    pub summary: Vec<SolutionSummary>,
    /// Per solution and month.
    pub months: Vec<MonthSummary>,
    /// Per solution and week.
    pub weeks: Vec<WeekSummary>,
    /// Every run and solution, by run, then solution.
    pub rows: Vec<SeasonRow>,
}

impl SeasonOutput {
    /// A row's index in the whole season: run, then solution.
    pub fn index(&self, row: &SeasonRow) -> usize {
        row.run * self.solutions.len() + row.solution
    }
}

/// The Mondays from the first on or after `from` to the last on or before `to`.
pub fn mondays(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut d = monday_of(from);
    if d < from {
        d = add_days(d, 7);
    }
    let mut out = Vec::new();
    while d <= to {
        out.push(d);
        d = add_days(d, 7);
    }
    out
}

/// The region's births a year from the base: the births of the week before
/// its start (its families in care that began then) over that week's share
/// of the year under `pattern`; with the source said.
pub fn annual_births(base: &Scenario, pattern: &Pattern) -> Result<(f64, String), String> {
    let born = births_per_day(base) * 7.0;
    let week_share = pattern.births_between(1.0, add_days(base.start, -7), 7);
    if born <= 0.0 || week_share <= 0.0 {
        return Err(format!(
            "the base {:?} has no families whose care began in the week before its start {}, so its births a year are unknown — give --births-per-year, e.g. --births-per-year 4000",
            base.name, base.start
        ));
    }
    let annual = born / week_share;
    Ok((
        annual,
        format!(
            "{born:.0} births in the week before {} (families in care that began then) over that week's share {:.4} of the year",
            base.start, week_share
        ),
    ))
}

/// The solutions of `grid` (or the base alone), each labelled by what it
/// changes; an axis the season draws itself is refused.
pub fn solutions(grid: Option<&Grid>) -> Result<Vec<Solution>, String> {
    let base_grid = Grid::parse("").map_err(|e| e.to_string())?;
    let base = base_grid.variants().remove(0);
    let Some(grid) = grid else {
        return Ok(vec![Solution {
            index: 0,
            label: "base".into(),
            variant: base,
        }]);
    };
    let given = [
        ("sick", grid.sick != base_grid.sick),
        ("extra_births", grid.extra_births != base_grid.extra_births),
        ("seeds", grid.seeds != base_grid.seeds),
    ];
    debug_assert!(given.iter().all(|(a, _)| DRAWN_AXES.contains(a)));
    if let Some((axis, _)) = given.into_iter().find(|(_, differs)| *differs) {
        return Err(format!(
            "--solutions: the axis `{axis}` is drawn by the season itself (sick leave with --sick-rate, births with --births-per-year, replications with --runs) — leave it out of the solutions grid"
        ));
    }
    let base_columns = base.columns();
    Ok(grid
        .variants()
        .into_iter()
        .enumerate()
        .map(|(index, variant)| {
            let changed: Vec<String> = variant
                .columns()
                .into_iter()
                .filter(|(k, v)| {
                    *k != "seed"
                        && base_columns
                            .iter()
                            .find(|(bk, _)| bk == k)
                            .is_none_or(|(_, bv)| bv != v)
                })
                .filter(|(_, v)| !v.is_empty())
                // A centre of size 0 and no extra trainees change nothing.
                .filter(|(k, v)| !(matches!(*k, "kraamcentrum" | "kio") && v == "0"))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            Solution {
                index,
                label: if changed.is_empty() {
                    "base".into()
                } else {
                    changed.join(" ")
                },
                variant,
            }
        })
        .collect())
}

/// Run the season's runs in `opts.shard`, every solution of a run on the
/// same draws.
pub fn season(
    base: &Scenario,
    base_label: &str,
    opts: &SeasonOptions,
) -> Result<SeasonOutput, WhatIfError> {
    opts.sample.validate().map_err(WhatIfError::Input)?;
    let mondays = mondays(opts.from, opts.to);
    if mondays.is_empty() {
        return Err(WhatIfError::Input(format!(
            "--from {} --to {}: the season has no Monday, so no week to plan — give at least one whole month, e.g. --from 2026-05 --to 2026-09",
            opts.from, opts.to
        )));
    }
    use chrono::Datelike;
    let pattern = match &opts.month_shares {
        Some(w) => Pattern::from_shares(w).map_err(WhatIfError::Input)?,
        None => Pattern::dutch(opts.from.year()),
    };
    let (annual, births_source) = match opts.births_per_year {
        Some(b) => (b, "--births-per-year".to_string()),
        None => annual_births(base, &pattern).map_err(WhatIfError::Input)?,
    };
    let solutions = solutions(opts.solutions.as_ref()).map_err(WhatIfError::Input)?;
    let regions: Vec<Scenario> = solutions
        .iter()
        .map(|sol| {
            variant::apply(base, &sol.variant).map(|mut s| {
                s.name = base.name.clone();
                s
            })
        })
        .collect::<Result<_, _>>()
        .map_err(|e| WhatIfError::Input(format!("--solutions: {e}")))?;
    let base_rate = births_per_day(base);
    let pa_per_birth = base
        .partus_pool
        .as_ref()
        .and_then(|p| p.expected_pa_per_day)
        .filter(|_| base_rate > 0.0)
        .map(|pa| pa / base_rate);
    let mut engine = opts.engine.clone();
    engine.solve.threads = 1;
    if opts.fidelity == Fidelity::Fast {
        engine.solve.last_level = 1;
    }
    let ctx = week::Context {
        mondays: mondays.clone(),
        pattern: pattern.clone(),
        annual,
        sample: opts.sample.clone(),
        pa_per_birth,
        engine,
        seed: opts.seed,
    };
    let per_run = solutions.len();
    let tasks: Vec<usize> = opts
        .shard
        .indices(opts.runs)
        .into_iter()
        .flat_map(|r| (0..per_run).map(move |p| r * per_run + p))
        .collect();
    let templates = base.families.clone();
    let done = run::run("season", &tasks, opts.jobs, opts.progress, |task| {
        let (r, p) = (task / per_run, task % per_run);
        let region = regions[p].clone();
        // A solution's time limit (the grid's `time_limit`) is the week's.
        let ctx = match solutions[p].variant.time_limit {
            Some(t) => {
                let mut c = ctx.clone();
                c.engine.solve.time_limit = t;
                c
            }
            None => ctx.clone(),
        };
        Ok(week::play(&region, &templates, &ctx, r as u64))
    })
    .map_err(WhatIfError::Workers)?;
    let rows = done
        .into_iter()
        .map(|d| {
            let (run, solution) = (d.index / per_run, d.index % per_run);
            let (played, error) = match d.result {
                Ok(p) => {
                    let e = p.error.clone();
                    (p, e)
                }
                Err(e) => (
                    Played {
                        weeks: Vec::new(),
                        months: Default::default(),
                        season: Default::default(),
                        error: None,
                    },
                    Some(e),
                ),
            };
            SeasonRow {
                run,
                solution,
                played,
                error,
                seconds: d.seconds,
            }
        })
        .collect();
    Ok(assemble(
        SeasonOutput {
            kind: "season".into(),
            format: FORMAT,
            base: base_label.into(),
            base_fingerprint: output::fingerprint(base),
            from: opts.from,
            to: opts.to,
            mondays,
            runs: opts.runs,
            seed: opts.seed,
            births_per_year: annual,
            births_source,
            pattern,
            sample: opts.sample.clone(),
            fidelity: opts.fidelity,
            time_limit: ctx.engine.solve.time_limit,
            solutions,
            shard: (!opts.shard.is_whole()).then_some(opts.shard),
            failed: 0,
            summary: Vec::new(),
            months: Vec::new(),
            weeks: Vec::new(),
            rows: Vec::new(),
        },
        rows,
    ))
}

/// `head` with `rows` and the figures computed from them (also used by `merge`).
pub fn assemble(mut head: SeasonOutput, mut rows: Vec<SeasonRow>) -> SeasonOutput {
    rows.sort_by_key(|r| head.index(r));
    head.failed = rows.iter().filter(|r| r.error.is_some()).count();
    head.weeks = table::weeks(&head, &rows);
    head.months = table::months(&head, &rows);
    head.summary = table::summarise(&head, &rows);
    head.rows = rows;
    head
}

/// Write the season's files to folder `dir`, as one set.
pub fn write(dir: &Path, out: &SeasonOutput) -> Result<(), OutputError> {
    let set = OutputSet::begin(dir, &OUTPUT_FILES)?;
    write_to(&set, out)?;
    set.commit()
}

/// Stage the season's files in `set` (begun with [`OUTPUT_FILES`]).
pub fn write_to(set: &OutputSet, out: &SeasonOutput) -> Result<(), OutputError> {
    let (header, rows) = table::summary_table(out);
    output::write_csv(set, "season.csv", &header, &rows)?;
    let (header, rows) = table::weeks_table(out);
    output::write_csv(set, "season-weeks.csv", &header, &rows)?;
    let (header, rows) = table::months_table(out);
    output::write_csv(set, "season-months.csv", &header, &rows)?;
    let (header, rows) = table::runs_table(out);
    output::write_csv(set, "season-runs.csv", &header, &rows)?;
    output::write_json(set, "season.json", out)
}
