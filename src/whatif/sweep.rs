//! `kraamplan sweep`: every combination of a grid's axes applied to a base
//! scenario, each variant climbed up the escalation ladder and checked, in
//! parallel; one row per variant in `sweep.csv` and `sweep.json`.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::engine::EngineConfig;
use crate::output::{OutputError, OutputSet, StagedDir};
use crate::scenario::Scenario;
use crate::whatif::grid::{Grid, Variant};
use crate::whatif::output::{self, fixed};
use crate::whatif::run;
use crate::whatif::shard::Shard;
use crate::whatif::summary::{self, RunSummary};
use crate::whatif::variant;
use crate::whatif::{FirstFailure, WhatIfError};

/// Format version of `sweep.json`.
pub const FORMAT: u32 = 1;

/// The names a sweep writes to its output folder, as one set
/// ([`crate::output`]); `scenarios/` with `--write-scenarios`.
pub const OUTPUT_FILES: [&str; 3] = ["sweep.csv", "sweep.json", "scenarios/"];

/// How to run a sweep.
#[derive(Debug, Clone)]
pub struct SweepOptions {
    /// Engine settings; `time_limit` is the default for variants the grid gives none.
    pub engine: EngineConfig,
    /// Worker threads.
    pub jobs: usize,
    /// The slice of the variants to run.
    pub shard: Shard,
    /// Show progress on stderr.
    pub progress: bool,
    /// Write each variant's scenario here (`variant-0007.json`), to solve
    /// one again with `kraamplan solve`: a folder of the output set.
    pub scenarios_dir: Option<StagedDir>,
}

/// One variant's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepRow {
    /// The variant, with its index in the grid.
    pub variant: Variant,
    /// What its plan says, when it solved.
    pub result: Option<RunSummary>,
    /// Why it failed, when it did.
    pub error: Option<String>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// `sweep.json`: the settings that make the table reproducible, and the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepOutput {
    /// Always `sweep`.
    pub kind: String,
    /// [`FORMAT`].
    pub format: u32,
    /// The base scenario as given on the command line.
    pub base: String,
    /// Fingerprint of the base scenario.
    pub base_fingerprint: String,
    /// The grid file's text.
    pub grid: String,
    /// Number of variants in the grid (all shards).
    pub variants: usize,
    /// Engine (`auto`, `milp`, `heuristic`).
    pub engine: String,
    /// Default seconds per variant.
    pub time_limit: f64,
    /// The shard this file holds; `None` for the whole grid.
    pub shard: Option<Shard>,
    /// One row per variant of the shard, by index.
    pub rows: Vec<SweepRow>,
}

impl SweepOutput {
    /// Rows that failed.
    pub fn failed(&self) -> usize {
        self.rows.iter().filter(|r| r.error.is_some()).count()
    }
}

/// Run the variants of `grid` in `opts.shard` on `base`.
pub fn sweep(
    base: &Scenario,
    base_label: &str,
    grid: &Grid,
    grid_text: &str,
    engine_name: &str,
    opts: &SweepOptions,
) -> Result<SweepOutput, WhatIfError> {
    let variants = grid.variants();
    let indices = opts.shard.indices(variants.len());
    let unwritten = FirstFailure::default();
    let done = run::run("sweep", &indices, opts.jobs, opts.progress, |i| {
        let v = &variants[i];
        let s = variant::apply(base, v)?;
        if let Some(dir) = &opts.scenarios_dir {
            output::write_scenario(dir, &format!("variant-{i:04}.json"), &s)
                .map_err(|e| unwritten.record(e))?;
        }
        let cfg = variant_config(&opts.engine, v);
        summary::solve(&s, &cfg)
    })
    .map_err(WhatIfError::Workers)?;
    if let Some(e) = unwritten.take() {
        return Err(e.into());
    }
    let rows = done
        .into_iter()
        .map(|d| {
            let (result, error) = match d.result {
                Ok(r) => (Some(r), None),
                Err(e) => (None, Some(e)),
            };
            SweepRow {
                variant: variants[d.index].clone(),
                result,
                error,
                seconds: d.seconds,
            }
        })
        .collect();
    Ok(SweepOutput {
        kind: "sweep".into(),
        format: FORMAT,
        base: base_label.into(),
        base_fingerprint: output::fingerprint(base),
        grid: grid_text.into(),
        variants: variants.len(),
        engine: engine_name.into(),
        time_limit: opts.engine.solve.time_limit,
        shard: (!opts.shard.is_whole()).then_some(opts.shard),
        rows,
    })
}

/// The engine settings of variant `v`: its own time limit, one HiGHS
/// thread (the variants are the parallel unit).
pub fn variant_config(engine: &EngineConfig, v: &Variant) -> EngineConfig {
    let mut cfg = engine.clone();
    if let Some(t) = v.time_limit {
        cfg.solve.time_limit = t;
    }
    cfg.solve.threads = 1;
    cfg
}

/// Stage `sweep.json` and `sweep.csv` in `set` (begun with [`OUTPUT_FILES`]).
pub fn write_to(set: &OutputSet, out: &SweepOutput) -> Result<(), OutputError> {
    let (header, rows) = table(out);
    output::write_csv(set, "sweep.csv", &header, &rows)?;
    output::write_json(set, "sweep.json", out)
}

/// Write `sweep.json` and `sweep.csv` to folder `dir`, as one set.
pub fn write(dir: &Path, out: &SweepOutput) -> Result<(), OutputError> {
    let set = OutputSet::begin(dir, &OUTPUT_FILES)?;
    write_to(&set, out)?;
    set.commit()
}

/// The CSV table: the axis values, one colour column per week, the figures.
pub fn table(out: &SweepOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let weeks: BTreeSet<String> = out
        .rows
        .iter()
        .filter_map(|r| r.result.as_ref())
        .flat_map(|r| r.weeks.iter().map(|w| w.week.clone()))
        .collect();
    let axis_names: Vec<&str> = out
        .rows
        .first()
        .map(|r| r.variant.columns().iter().map(|(k, _)| *k).collect())
        .unwrap_or_default();
    // The pool minimum's shortfall is a column when the grid varies `pool_min`.
    let pool_min = axis_names.contains(&"pool_min");
    let mut header: Vec<String> = vec!["index".into()];
    header.extend(axis_names.iter().map(|s| s.to_string()));
    header.extend(weeks.iter().map(|w| format!("colour {w}")));
    header.extend(
        [
            "worst_colour",
            "families",
            "families_below_floor",
            "certified_min_below_floor",
            "proven",
            "shortfall_hours",
            "delivered_hours",
            "min_ratio",
            "gini",
            "jain",
            "provider_scale_down_spread",
            "pool_shortfall",
            "measures_used",
            "engine",
            "status",
            "seconds",
            "error",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    if pool_min {
        let at = header
            .iter()
            .position(|h| h == "pool_shortfall")
            .unwrap_or(0)
            + 1;
        header.insert(at, "pool_min_shortfall".into());
    }
    let rows = out
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.variant.index.to_string()];
            // A variant without its own time limit ran with the sweep's.
            row.extend(r.variant.columns().into_iter().map(|(k, v)| {
                if k == "time_limit" && v.is_empty() {
                    out.time_limit.to_string()
                } else {
                    v
                }
            }));
            match &r.result {
                Some(s) => {
                    row.extend(weeks.iter().map(|w| {
                        s.weeks
                            .iter()
                            .find(|x| &x.week == w)
                            .map_or(String::new(), |x| x.region.clone())
                    }));
                    row.extend([
                        s.worst_colour().to_string(),
                        s.families.to_string(),
                        s.families_below_floor.to_string(),
                        s.certified_min_below_floor.to_string(),
                        s.proven.to_string(),
                        s.shortfall_hours.to_string(),
                        s.delivered_hours.to_string(),
                        fixed(s.min_ratio, 4),
                        fixed(s.gini, 4),
                        fixed(s.jain, 4),
                        fixed(s.provider_scale_down_spread, 4),
                        s.pool_shortfall.to_string(),
                    ]);
                    if pool_min {
                        row.push(s.pool_min_shortfall.to_string());
                    }
                    row.extend([s.measures_cell(), s.engine.clone(), s.status.clone()]);
                }
                None => row.extend(std::iter::repeat_n(
                    String::new(),
                    weeks.len() + 15 + usize::from(pool_min),
                )),
            }
            row.push(fixed(r.seconds, 1));
            row.push(r.error.clone().unwrap_or_default());
            row
        })
        .collect();
    (header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineChoice;
    use crate::generate::{generate, GenParams};
    use crate::output::OutputSet;

    #[test]
    fn issue11_a_scenario_that_cannot_be_written_stops_the_sweep() {
        let base = generate(&GenParams {
            births_per_year: 200,
            providers: 1,
            days: 2,
            ..GenParams::default()
        });
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let set = OutputSet::begin(&out, &OUTPUT_FILES).unwrap();
        let scenarios = set.dir("scenarios").unwrap();
        // As a full disk would: the staged folder cannot take the files.
        let staged = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.join("scenarios").is_dir())
            .unwrap();
        std::fs::remove_dir(staged.join("scenarios")).unwrap();
        let text = "sick = [0.0, 0.1]\n";
        let opts = SweepOptions {
            engine: EngineConfig {
                choice: EngineChoice::Heuristic,
                ..EngineConfig::default()
            },
            jobs: 2,
            shard: Shard::WHOLE,
            progress: false,
            scenarios_dir: Some(scenarios),
        };
        let grid = Grid::parse(text).unwrap();
        match sweep(&base, "base", &grid, text, "heuristic", &opts) {
            Err(WhatIfError::Output(e)) => {
                let msg = e.to_string();
                assert!(msg.contains("out/scenarios/variant-000"), "{msg}");
            }
            other => panic!("expected an output error, got {other:?}"),
        }
        drop(set);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }
}
