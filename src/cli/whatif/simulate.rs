//! `kraamplan simulate`: a season played forward night by night, per
//! policy, and the price of stability.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::output::OutputSet;
use kraamplan::scenario::limits;
use kraamplan::whatif::sample::SampleParams;
use kraamplan::whatif::simulate::{self, Policy, SeasonParams, SimulateOptions, SimulateOutput};

use super::{failed, label, scenarios_dir, EngineArgs, FidelityArg, SampleArgs};
use crate::cli::exit::EXIT_INPUT;
use crate::cli::load;

/// Most nights of a simulation (a year).
const MAX_NIGHTS: u32 = 366;

/// `kraamplan simulate`.
#[derive(Args)]
pub struct SimulateArgs {
    /// Base scenario JSON file: the first night's facts; families with `due` are the bookings.
    base: PathBuf,
    /// Nights to play, 1–366: each carries out a day, rolls and re-plans.
    #[arg(long, default_value_t = 28, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_NIGHTS)))]
    nights: u32,
    /// Number of runs (seasons), 1–100000.
    #[arg(long, default_value_t = 20, value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
        .range(1..=limits::MAX_RUNS as u64))]
    runs: usize,
    /// Policies, comma-separated: `stable` (re-plan from the plan told), `told`
    /// (re-plan guarding every told day), `scratch` (plan from scratch).
    #[arg(long, default_value = "stable,scratch", value_delimiter = ',')]
    policy: Vec<Policy>,
    /// Days of the notice window (0–42): `stable` guards them, and every
    /// policy's changes and calls are counted on them.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=42))]
    notice: u32,
    /// Directory for `simulate.csv`, `simulate-nights.csv`,
    /// `simulate-families.csv` and `simulate.json`, replaced as one set with
    /// `scenarios/`; other files in it are kept.
    #[arg(long, default_value = "out-simulate")]
    out: PathBuf,
    /// Seed of the draws; the same seed gives the same seasons.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// `fast`: each night's plan within --fast-time-limit; `full`: within --time-limit.
    #[arg(long, value_enum, default_value = "fast")]
    fidelity: FidelityArg,
    /// Seconds per night's plan at fast fidelity (above 0, at most 604800).
    #[arg(long, default_value_t = 2.0, value_parser = limits::parse_time_limit)]
    fast_time_limit: f64,
    /// Seconds per night's plan at full fidelity (above 0, at most 604800).
    #[arg(long, default_value_t = 60.0, value_parser = limits::parse_time_limit)]
    time_limit: f64,
    /// Standard deviation of birth around the due date, days.
    #[arg(long, default_value_t = SampleParams::default().due_sd_days)]
    due_sd: f64,
    #[command(flatten)]
    sample: SampleArgs,
    /// Share of hospital stays of two days or more that end a day early.
    #[arg(long, default_value_t = SeasonParams::default().discharge_share)]
    discharge_share: f64,
    /// Births a day in the region, for the bookings beyond the base's
    /// (default: the base's families in care that began in the week before its start, a day).
    #[arg(long)]
    births_per_day: Option<f64>,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn cmd_simulate(a: &SimulateArgs) -> Result<u8> {
    if let Err(message) = a.engine.check() {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    let mut policies: Vec<Policy> = Vec::new();
    for &p in &a.policy {
        if policies.contains(&p) {
            eprintln!("error: --policy lists {p} twice: give each policy once, e.g. --policy stable,scratch");
            return Ok(EXIT_INPUT);
        }
        policies.push(p);
    }
    let season = SeasonParams {
        sample: SampleParams {
            due_sd_days: a.due_sd,
            ..a.sample.params()
        },
        discharge_share: a.discharge_share,
        births_per_day: a.births_per_day,
    };
    if let Err(e) = season.validate() {
        eprintln!("error: {e}");
        return Ok(EXIT_INPUT);
    }
    let Some(base) = load(&a.base)? else {
        return Ok(EXIT_INPUT);
    };
    let set = OutputSet::begin(&a.out, &simulate::OUTPUT_FILES)?;
    let time_limit = match a.fidelity {
        FidelityArg::Fast => a.fast_time_limit,
        FidelityArg::Full => a.time_limit,
    };
    let opts = SimulateOptions {
        nights: a.nights,
        runs: a.runs,
        policies,
        notice: a.notice,
        seed: a.seed,
        season,
        engine: a.engine.config(time_limit),
        jobs: a.engine.jobs(),
        shard: a.engine.shard,
        progress: !a.engine.quiet,
        scenarios_dir: scenarios_dir(&set, a.engine.write_scenarios)?,
    };
    let started = std::time::Instant::now();
    let out = match simulate::simulate(&base, &label(&a.base), &opts) {
        Ok(out) => out,
        Err(e) => return failed(e),
    };
    simulate::write_to(&set, &out)?;
    set.commit()?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "simulate        {}: {} runs × {} nights (shard {}, {} engine, {} s a night), notice {} days, seed {}, {} jobs, {:.0} s",
        a.base.display(),
        out.rows.iter().map(|r| r.run).collect::<std::collections::BTreeSet<_>>().len(),
        out.nights,
        a.engine.shard,
        out.engine,
        out.time_limit,
        out.notice,
        out.seed,
        opts.jobs,
        started.elapsed().as_secs_f64()
    )?;
    print_simulate(&mut stdout, &out)?;
    writeln!(
        stdout,
        "written         {}, {}, {}, {}",
        a.out.join("simulate.csv").display(),
        a.out.join("simulate-nights.csv").display(),
        a.out.join("simulate-families.csv").display(),
        a.out.join("simulate.json").display()
    )?;
    Ok(u8::from(out.failed > 0))
}

/// Per policy the realised care and the calls, then the price of stability.
pub(super) fn print_simulate(w: &mut impl Write, out: &SimulateOutput) -> std::io::Result<()> {
    let e = |x: &kraamplan::whatif::stats::Estimate, d: usize| {
        format!("{:.d$} ({:.d$}–{:.d$})", x.value, x.low, x.high)
    };
    writeln!(
        w,
        "{:<8} {:>4}  {:<22} {:<22} {:<22} {:<22} {:<22}",
        "policy",
        "runs",
        "realised below floor",
        "shortfall h",
        "calls a night",
        "changes a night",
        "hours delivered"
    )?;
    for s in &out.summary {
        match &s.figures {
            Some(f) => writeln!(
                w,
                "{:<8} {:>4}  {:<22} {:<22} {:<22} {:<22} {:<22}",
                s.policy.to_string(),
                s.runs,
                e(&f.realised_below, 2),
                e(&f.realised_shortfall, 1),
                e(&f.calls_per_night, 2),
                e(&f.changes_per_night, 2),
                e(&f.delivered_hours, 0),
            )?,
            None => writeln!(
                w,
                "{:<8} {:>4}  (no run ran through)",
                s.policy.to_string(),
                0
            )?,
        }
    }
    for s in &out.summary {
        let Some(v) = &s.versus_scratch else { continue };
        let ratio = v.calls_ratio.map_or("no calls at all".to_string(), |r| {
            format!("{r:.1}× fewer calls")
        });
        writeln!(
            w,
            "price of stability ({} against scratch, {} paired runs): {} families below the floor, {} shortfall h, {} h delivered; saves {} calls a night ({ratio})",
            s.policy,
            v.runs,
            e(&v.below_diff, 2),
            e(&v.shortfall_diff, 1),
            e(&v.delivered_diff, 0),
            e(&v.calls_saved_per_night, 2),
        )?;
    }
    writeln!(w, "failed          {}", out.failed)?;
    for r in out.rows.iter().filter(|r| r.error.is_some()).take(5) {
        writeln!(
            w,
            "  run {} {}: {}",
            r.run,
            r.policy,
            r.error.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}
