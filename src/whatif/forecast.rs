//! `kraamplan forecast`: a Monte Carlo forecast of the weekly colour codes.
//!
//! Each run samples births around the bookings' due dates, second-line
//! births with hospital days and sick leave ([`sample`]), climbs the
//! escalation ladder on the sampled scenario and checks the plan. Over the
//! runs the forecast gives, per ISO week, the probability of each colour
//! code and the expected and 90th-percentile number of families below the
//! floor, each with a 95 % interval ([`stats`]).
//!
//! Fast fidelity plans the final rung to level 1 only (the colour code
//! needs no more) within a short time limit; `--agreement K` solves the
//! first K runs at full fidelity too and reports how often the two agree
//! on the colour code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::engine::EngineConfig;
use crate::output::{OutputError, OutputSet, StagedDir};
use crate::scenario::Scenario;
use crate::whatif::output::{self, fixed};
use crate::whatif::run;
use crate::whatif::sample::{self, SampleParams};
use crate::whatif::shard::Shard;
use crate::whatif::stats::{self, Estimate};
use crate::whatif::summary::{self, RunSummary, COLOURS};
use crate::whatif::{FirstFailure, WhatIfError};

/// Format version of `forecast.json`.
pub const FORMAT: u32 = 1;

/// The names a forecast writes to its output folder, as one set
/// ([`crate::output`]); `scenarios/` with `--write-scenarios`.
pub const OUTPUT_FILES: [&str; 4] = [
    "forecast.csv",
    "forecast-runs.csv",
    "forecast.json",
    "scenarios/",
];

/// How much solving each run gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fidelity {
    /// The final rung to level 1 (what the colour code needs), short limit.
    Fast,
    /// The full plan, every level, as `kraamplan solve` makes it.
    Full,
}

/// How to run a forecast.
#[derive(Debug, Clone)]
pub struct ForecastOptions {
    /// Number of runs (all shards together).
    pub runs: usize,
    /// Seed of the draws; run `r` is seeded by (seed, r).
    pub seed: u64,
    /// What a run samples.
    pub sample: SampleParams,
    /// Fidelity of the runs.
    pub fidelity: Fidelity,
    /// Full-fidelity engine settings (as for `solve`).
    pub engine: EngineConfig,
    /// Seconds per run at fast fidelity.
    pub fast_time_limit: f64,
    /// Solve the first this many runs at full fidelity as well (fast only).
    pub agreement: usize,
    /// Worker threads.
    pub jobs: usize,
    /// The slice of the runs to do.
    pub shard: Shard,
    /// Show progress on stderr.
    pub progress: bool,
    /// Write each run's sampled scenario here (`run-0007.json`), to solve
    /// a surprising run again with `kraamplan solve`: a folder of the
    /// output set.
    pub scenarios_dir: Option<StagedDir>,
}

/// What a run drew.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunDraw {
    /// Bookings in the base scenario.
    pub bookings: u32,
    /// Bookings born with an episode day in the horizon.
    pub born_in_horizon: u32,
    /// Births in the second line with hospital days.
    pub hospital: u32,
    /// Nurse-days lost to sick leave.
    pub sick_nurse_days: u32,
    /// Families without a day in the horizon, left out of the run.
    pub families_dropped: u32,
}

/// One run of the forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastRun {
    /// Run number.
    pub run: usize,
    /// What it drew.
    pub draw: Option<RunDraw>,
    /// What its plan says, when it solved.
    pub result: Option<RunSummary>,
    /// Why it failed, when it did.
    pub error: Option<String>,
    /// Wall-clock seconds (both fidelities when compared).
    pub seconds: f64,
    /// The full-fidelity colour code per week, for the agreement sample.
    pub full: Option<FullRun>,
}

/// The full-fidelity solve of a run in the agreement sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FullRun {
    /// Region colour per ISO week.
    pub weeks: BTreeMap<String, String>,
    /// Families below the floor.
    pub families_below_floor: u32,
    /// The proven minimum of families below the floor.
    pub certified_min_below_floor: u32,
    /// Seconds of the full solve.
    pub seconds: f64,
    /// Why it failed, when it did.
    pub error: Option<String>,
}

/// The forecast of one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekForecast {
    /// ISO week.
    pub week: String,
    /// Runs that solved.
    pub runs: usize,
    /// Probability of each colour code (groen, oranje, rood, zwart).
    pub colours: BTreeMap<String, Estimate>,
    /// The most likely colour code.
    pub most_likely: String,
    /// Expected families below the floor.
    pub below_mean: Estimate,
    /// 90th percentile of families below the floor.
    pub below_p90: Estimate,
    /// Most families below the floor in a run.
    pub below_max: u32,
    /// Runs coded zwart whose shortage the solver did not prove unavoidable
    /// (fewer certified than below the floor): within a longer time limit
    /// some of them may turn out rood.
    pub zwart_unproven: usize,
    /// Runs whose code of this week, whatever its colour, is not proven
    /// (`weeks[].proven`: a climb or a zwart found in time but not certified).
    #[serde(default)]
    pub unproven: usize,
}

/// How often fast fidelity gives the colour codes of full fidelity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Runs solved at both fidelities.
    pub runs: usize,
    /// Runs whose region colour agrees in every week.
    pub agreeing: usize,
    /// `agreeing / runs`, with its Wilson interval.
    pub share: Estimate,
    /// Run-weeks by `fast→full` colour pair.
    pub pairs: BTreeMap<String, usize>,
}

/// `forecast.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastOutput {
    /// Always `forecast`.
    pub kind: String,
    /// [`FORMAT`].
    pub format: u32,
    /// The base scenario as given on the command line.
    pub base: String,
    /// Fingerprint of the base scenario.
    pub base_fingerprint: String,
    /// Runs in all shards.
    pub runs: usize,
    /// Seed of the draws.
    pub seed: u64,
    /// Fidelity of the runs.
    pub fidelity: Fidelity,
    /// Seconds per run (at that fidelity).
    pub time_limit: f64,
    /// Seconds per run of the agreement sample's full solves.
    pub full_time_limit: f64,
    /// What a run samples.
    pub sample: SampleParams,
    /// Size of the agreement sample (the first runs).
    pub agreement_runs: usize,
    /// The shard this file holds; `None` for all runs.
    pub shard: Option<Shard>,
    /// Runs that failed.
    pub failed: usize,
    /// The forecast per week, over the runs that solved.
    pub weeks: Vec<WeekForecast>,
    /// Fast against full fidelity, over the agreement sample.
    pub agreement: Option<Agreement>,
    /// Every run, by number.
    pub rows: Vec<ForecastRun>,
}

/// The engine settings of a run at `fidelity`.
pub fn fidelity_config(opts: &ForecastOptions, fidelity: Fidelity) -> EngineConfig {
    let mut cfg = opts.engine.clone();
    if fidelity == Fidelity::Fast {
        cfg.solve.time_limit = opts.fast_time_limit;
        cfg.solve.last_level = 1;
    }
    cfg.solve.threads = 1;
    cfg
}

/// Run the forecast's runs in `opts.shard`.
pub fn forecast(
    base: &Scenario,
    base_label: &str,
    opts: &ForecastOptions,
) -> Result<ForecastOutput, WhatIfError> {
    opts.sample.validate().map_err(WhatIfError::Input)?;
    let unwritten = FirstFailure::default();
    let indices = opts.shard.indices(opts.runs);
    let fast = fidelity_config(opts, opts.fidelity);
    let full = fidelity_config(opts, Fidelity::Full);
    let compare = opts.fidelity == Fidelity::Fast;
    let done = run::run("forecast", &indices, opts.jobs, opts.progress, |r| {
        let (s, draw) = sample::sample_run(base, &opts.sample, opts.seed, r as u64);
        if let Some(dir) = &opts.scenarios_dir {
            output::write_scenario(dir, &format!("run-{r:04}.json"), &s)
                .map_err(|e| unwritten.record(e))?;
        }
        let draw = RunDraw {
            bookings: draw.bookings,
            born_in_horizon: draw.born_in_horizon,
            hospital: draw.hospital,
            sick_nurse_days: draw.sick_nurse_days,
            families_dropped: draw.families_dropped,
        };
        let result = summary::solve(&s, &fast);
        let full = (compare && r < opts.agreement).then(|| {
            let started = std::time::Instant::now();
            let outcome = summary::solve(&s, &full);
            let seconds = started.elapsed().as_secs_f64();
            match outcome {
                Ok(sum) => FullRun {
                    weeks: sum
                        .weeks
                        .iter()
                        .map(|w| (w.week.clone(), w.region.clone()))
                        .collect(),
                    families_below_floor: sum.families_below_floor,
                    certified_min_below_floor: sum.certified_min_below_floor,
                    seconds,
                    error: None,
                },
                Err(e) => FullRun {
                    weeks: BTreeMap::new(),
                    families_below_floor: 0,
                    certified_min_below_floor: 0,
                    seconds,
                    error: Some(e),
                },
            }
        });
        Ok((draw, result, full))
    })
    .map_err(WhatIfError::Workers)?;
    if let Some(e) = unwritten.take() {
        return Err(e.into());
    }
    let rows = done
        .into_iter()
        .map(|d| match d.result {
            Ok((draw, result, full)) => {
                let (result, mut error) = match result {
                    Ok(r) => (Some(r), None),
                    Err(e) => (None, Some(e)),
                };
                if let Some(e) = full.as_ref().and_then(|f| f.error.as_ref()) {
                    error.get_or_insert_with(|| format!("full fidelity: {e}"));
                }
                ForecastRun {
                    run: d.index,
                    draw: Some(draw),
                    result,
                    error,
                    seconds: d.seconds,
                    full,
                }
            }
            Err(e) => ForecastRun {
                run: d.index,
                draw: None,
                result: None,
                error: Some(e),
                seconds: d.seconds,
                full: None,
            },
        })
        .collect();
    Ok(assemble(
        ForecastOutput {
            kind: "forecast".into(),
            format: FORMAT,
            base: base_label.into(),
            base_fingerprint: output::fingerprint(base),
            runs: opts.runs,
            seed: opts.seed,
            fidelity: opts.fidelity,
            time_limit: fast.solve.time_limit,
            full_time_limit: full.solve.time_limit,
            sample: opts.sample.clone(),
            agreement_runs: if compare {
                opts.agreement.min(opts.runs)
            } else {
                0
            },
            shard: (!opts.shard.is_whole()).then_some(opts.shard),
            failed: 0,
            weeks: Vec::new(),
            agreement: None,
            rows: Vec::new(),
        },
        rows,
    ))
}

/// `head` with `rows` and the figures computed from them (also used by `merge`).
pub fn assemble(mut head: ForecastOutput, mut rows: Vec<ForecastRun>) -> ForecastOutput {
    rows.sort_by_key(|r| r.run);
    head.failed = rows.iter().filter(|r| r.error.is_some()).count();
    head.weeks = weeks(&rows);
    head.agreement = agreement(&rows);
    head.rows = rows;
    head
}

/// The forecast per week over the runs that solved.
fn weeks(rows: &[ForecastRun]) -> Vec<WeekForecast> {
    let solved: Vec<&RunSummary> = rows
        .iter()
        .filter(|r| r.error.is_none())
        .filter_map(|r| r.result.as_ref())
        .collect();
    let keys: BTreeSet<&str> = solved
        .iter()
        .flat_map(|s| s.weeks.iter().map(|w| w.week.as_str()))
        .collect();
    keys.into_iter()
        .filter_map(|key| {
            let unproven = solved
                .iter()
                .filter_map(|s| s.weeks.iter().find(|w| w.week == key))
                .filter(|w| !w.proven)
                .count();
            let in_week: Vec<(&str, u32, bool)> = solved
                .iter()
                .filter_map(|s| {
                    let proven = s.certified_min_below_floor >= s.families_below_floor;
                    s.weeks.iter().find(|w| w.week == key).map(|w| (w, proven))
                })
                .map(|(w, proven)| (w.region.as_str(), w.families_below_floor, proven))
                .collect();
            let n = in_week.len();
            if n == 0 {
                return None;
            }
            let colours: BTreeMap<String, Estimate> = COLOURS
                .iter()
                .map(|&c| {
                    let k = in_week.iter().filter(|(x, _, _)| *x == c).count();
                    (c.to_string(), stats::proportion(k, n))
                })
                .collect();
            let most_likely = COLOURS
                .iter()
                .max_by(|a, b| colours[**a].value.total_cmp(&colours[**b].value))
                .expect("four colours")
                .to_string();
            let below: Vec<f64> = in_week.iter().map(|(_, b, _)| f64::from(*b)).collect();
            Some(WeekForecast {
                week: key.to_string(),
                runs: n,
                colours,
                most_likely,
                // A count is never negative: cut the normal interval at 0.
                below_mean: {
                    let m = stats::mean(&below);
                    Estimate {
                        low: m.low.max(0.0),
                        ..m
                    }
                },
                below_p90: stats::quantile(&below, 0.9),
                below_max: in_week.iter().map(|(_, b, _)| *b).max().unwrap_or(0),
                zwart_unproven: in_week
                    .iter()
                    .filter(|(c, _, proven)| *c == "zwart" && !proven)
                    .count(),
                unproven,
            })
        })
        .collect()
}

/// Fast against full fidelity over the runs solved at both.
fn agreement(rows: &[ForecastRun]) -> Option<Agreement> {
    let mut pairs = BTreeMap::new();
    let (mut runs, mut agreeing) = (0, 0);
    for r in rows {
        let (Some(fast), Some(full), None) = (&r.result, &r.full, &r.error) else {
            continue;
        };
        runs += 1;
        let mut same = true;
        for w in &fast.weeks {
            let other = full.weeks.get(&w.week).map_or("", String::as_str);
            same &= other == w.region;
            *pairs.entry(format!("{}→{other}", w.region)).or_insert(0) += 1;
        }
        agreeing += usize::from(same);
    }
    (runs > 0).then(|| Agreement {
        runs,
        agreeing,
        share: stats::proportion(agreeing, runs),
        pairs,
    })
}

/// Write `forecast.json`, `forecast.csv` and `forecast-runs.csv` to folder
/// `dir`, as one set.
pub fn write(dir: &Path, out: &ForecastOutput) -> Result<(), OutputError> {
    let set = OutputSet::begin(dir, &OUTPUT_FILES)?;
    write_to(&set, out)?;
    set.commit()
}

/// Stage `forecast.json`, `forecast.csv` (per week) and `forecast-runs.csv`
/// in `set` (begun with [`OUTPUT_FILES`]).
pub fn write_to(set: &OutputSet, out: &ForecastOutput) -> Result<(), OutputError> {
    let mut header: Vec<String> = vec!["week".into(), "runs".into()];
    for c in COLOURS {
        header.extend([
            format!("p_{c}"),
            format!("p_{c}_low"),
            format!("p_{c}_high"),
        ]);
    }
    header.extend(
        [
            "most_likely",
            "below_mean",
            "below_mean_low",
            "below_mean_high",
            "below_p90",
            "below_p90_low",
            "below_p90_high",
            "below_max",
            "zwart_unproven",
            "unproven",
        ]
        .map(String::from),
    );
    let est = |e: &Estimate| [fixed(e.value, 4), fixed(e.low, 4), fixed(e.high, 4)];
    let rows: Vec<Vec<String>> = out
        .weeks
        .iter()
        .map(|w| {
            let mut row = vec![w.week.clone(), w.runs.to_string()];
            for c in COLOURS {
                row.extend(est(&w.colours[c]));
            }
            row.push(w.most_likely.clone());
            row.extend(est(&w.below_mean));
            row.extend(est(&w.below_p90));
            row.push(w.below_max.to_string());
            row.push(w.zwart_unproven.to_string());
            row.push(w.unproven.to_string());
            row
        })
        .collect();
    output::write_csv(set, "forecast.csv", &header, &rows)?;
    let (header, rows) = runs_table(out);
    output::write_csv(set, "forecast-runs.csv", &header, &rows)?;
    output::write_json(set, "forecast.json", out)
}

/// One row per run: the draw, the colour per week, the figures.
fn runs_table(out: &ForecastOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let weeks: Vec<&str> = out.weeks.iter().map(|w| w.week.as_str()).collect();
    let mut header: Vec<String> = [
        "run",
        "bookings",
        "born_in_horizon",
        "hospital",
        "sick_nurse_days",
        "families_dropped",
        "families",
    ]
    .map(String::from)
    .to_vec();
    header.extend(weeks.iter().map(|w| format!("colour {w}")));
    header.extend(
        [
            "families_below_floor",
            "certified_min_below_floor",
            "proven",
            "shortfall_hours",
            "delivered_hours",
            "engine",
            "status",
        ]
        .map(String::from),
    );
    header.extend(weeks.iter().map(|w| format!("full colour {w}")));
    header.extend(["full_seconds", "seconds", "error"].map(String::from));
    let rows = out
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.run.to_string()];
            match &r.draw {
                Some(d) => row.extend([
                    d.bookings.to_string(),
                    d.born_in_horizon.to_string(),
                    d.hospital.to_string(),
                    d.sick_nurse_days.to_string(),
                    d.families_dropped.to_string(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 5)),
            }
            match &r.result {
                Some(s) => {
                    row.push(s.families.to_string());
                    row.extend(weeks.iter().map(|w| {
                        s.weeks
                            .iter()
                            .find(|x| x.week == *w)
                            .map_or(String::new(), |x| x.region.clone())
                    }));
                    row.extend([
                        s.families_below_floor.to_string(),
                        s.certified_min_below_floor.to_string(),
                        s.proven.to_string(),
                        s.shortfall_hours.to_string(),
                        s.delivered_hours.to_string(),
                        s.engine.clone(),
                        s.status.clone(),
                    ]);
                }
                None => row.extend(std::iter::repeat_n(String::new(), 8 + weeks.len())),
            }
            match &r.full {
                Some(f) => {
                    row.extend(
                        weeks
                            .iter()
                            .map(|w| f.weeks.get(*w).cloned().unwrap_or_default()),
                    );
                    row.push(fixed(f.seconds, 1));
                }
                None => row.extend(std::iter::repeat_n(String::new(), weeks.len() + 1)),
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
    use crate::whatif::summary::WeekColour;

    /// A solved run with region colour `colour` and `below` families below
    /// the floor in week W30, and optionally the full-fidelity colour.
    fn run(r: usize, colour: &str, below: u32, full: Option<&str>) -> ForecastRun {
        let summary = RunSummary {
            weeks: vec![WeekColour {
                week: "2026-W30".into(),
                region: colour.into(),
                providers: BTreeMap::new(),
                families_below_floor: below,
                // The oranje runs' codes stand for the full share alone: never proven.
                proven: colour != "oranje",
            }],
            families: 10,
            families_below_floor: below,
            certified_min_below_floor: below,
            proven: true,
            shortfall_hours: 3 * below,
            delivered_hours: 200,
            min_ratio: 0.5,
            gini: 0.1,
            jain: 0.9,
            provider_scale_down_spread: 0.0,
            pool_shortfall: 0,
            pool_min_shortfall: 0,
            measures_used: BTreeMap::new(),
            engine: "milp".into(),
            status: "optimal".into(),
        };
        ForecastRun {
            run: r,
            draw: None,
            result: Some(summary),
            error: None,
            seconds: 1.0,
            full: full.map(|c| FullRun {
                weeks: [("2026-W30".to_string(), c.to_string())].into(),
                families_below_floor: below,
                certified_min_below_floor: below,
                seconds: 2.0,
                error: None,
            }),
        }
    }

    fn head() -> ForecastOutput {
        ForecastOutput {
            kind: "forecast".into(),
            format: FORMAT,
            base: "b.json".into(),
            base_fingerprint: "0".into(),
            runs: 10,
            seed: 0,
            fidelity: Fidelity::Fast,
            time_limit: 1.0,
            full_time_limit: 60.0,
            sample: SampleParams::default(),
            agreement_runs: 4,
            shard: None,
            failed: 0,
            weeks: Vec::new(),
            agreement: None,
            rows: Vec::new(),
        }
    }

    #[test]
    fn weeks_count_colours_and_below_floor_over_the_runs_that_solved() {
        // 10 runs: 6 oranje, 3 rood, 1 zwart with 4 below; and a failed run.
        let mut rows: Vec<ForecastRun> = (0..6).map(|r| run(r, "oranje", 0, None)).collect();
        rows.extend((6..9).map(|r| run(r, "rood", 0, None)));
        rows.push(run(9, "zwart", 4, None));
        rows.push(ForecastRun {
            run: 10,
            draw: None,
            result: None,
            error: Some("boom".into()),
            seconds: 0.0,
            full: None,
        });
        rows.reverse();
        let out = assemble(head(), rows);
        assert_eq!(out.failed, 1);
        assert_eq!(out.rows[0].run, 0, "rows by run number");
        let w = &out.weeks[0];
        assert_eq!((w.week.as_str(), w.runs), ("2026-W30", 10));
        assert_eq!(w.colours["oranje"].value, 0.6);
        assert_eq!(w.colours["rood"].value, 0.3);
        assert_eq!(w.colours["zwart"].value, 0.1);
        assert_eq!(w.colours["groen"].value, 0.0);
        assert!(
            w.colours["groen"].high > 0.0,
            "Wilson: 0 of 10 is not certain"
        );
        assert_eq!(w.most_likely, "oranje");
        assert!((w.below_mean.value - 0.4).abs() < 1e-12);
        assert_eq!(w.below_mean.low, 0.0, "cut at 0");
        assert_eq!((w.below_p90.value, w.below_max), (0.0, 4));
        assert_eq!(w.zwart_unproven, 0, "the zwart run's shortage is certified");
        assert_eq!(w.unproven, 6, "the six oranje runs");
        assert!(
            out.agreement.is_none(),
            "no run was solved at full fidelity"
        );
    }

    #[test]
    fn agreement_is_the_share_of_runs_with_equal_colours_in_every_week() {
        let rows = vec![
            run(0, "rood", 0, Some("rood")),
            run(1, "rood", 0, Some("oranje")),
            run(2, "zwart", 1, Some("zwart")),
            run(3, "oranje", 0, Some("oranje")),
            run(4, "oranje", 0, None),
        ];
        let ag = assemble(head(), rows).agreement.unwrap();
        assert_eq!((ag.runs, ag.agreeing), (4, 3));
        assert_eq!(ag.share.value, 0.75);
        assert_eq!(ag.pairs["rood→oranje"], 1);
        assert_eq!(ag.pairs["rood→rood"], 1);
    }
}
