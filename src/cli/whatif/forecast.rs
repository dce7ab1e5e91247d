//! `kraamplan forecast`: Monte Carlo runs of the weekly colour codes, and
//! the summary per week.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::output::OutputSet;
use kraamplan::scenario::limits;
use kraamplan::whatif::forecast::{self, ForecastOptions, ForecastOutput};
use kraamplan::whatif::sample::SampleParams;

use super::{failed, label, scenarios_dir, EngineArgs, FidelityArg, SampleArgs};
use crate::cli::exit::EXIT_INPUT;
use crate::cli::load;

/// `kraamplan forecast`.
#[derive(Args)]
pub struct ForecastArgs {
    /// Base scenario JSON file; families with `due` are the bookings.
    base: PathBuf,
    /// Number of runs, 1–100000.
    #[arg(long, default_value_t = 100, value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
        .range(1..=limits::MAX_RUNS as u64))]
    runs: usize,
    /// Directory for `forecast.csv`, `forecast-runs.csv` and `forecast.json`,
    /// replaced as one set with `scenarios/`; other files in it are kept.
    #[arg(long, default_value = "out-forecast")]
    out: PathBuf,
    /// Seed of the draws; the same seed gives the same runs.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// `fast`: the final rung to level 1 within --fast-time-limit; `full`: every level within --time-limit.
    #[arg(long, value_enum, default_value = "fast")]
    fidelity: FidelityArg,
    /// Seconds per run at fast fidelity (above 0, at most 604800: one week).
    #[arg(long, default_value_t = 1.0, value_parser = limits::parse_time_limit)]
    fast_time_limit: f64,
    /// Seconds per run at full fidelity (above 0, at most 604800: one week).
    #[arg(long, default_value_t = 60.0, value_parser = limits::parse_time_limit)]
    time_limit: f64,
    /// Also solve the first K runs at full fidelity and report how often the colour codes agree.
    #[arg(long, default_value_t = 0)]
    agreement: usize,
    /// Standard deviation of birth around the due date, days.
    #[arg(long, default_value_t = SampleParams::default().due_sd_days)]
    due_sd: f64,
    #[command(flatten)]
    sample: SampleArgs,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn cmd_forecast(a: &ForecastArgs) -> Result<u8> {
    if let Err(message) = a.engine.check() {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    if !(1..=limits::MAX_RUNS).contains(&a.runs) {
        eprintln!(
            "error: --runs {}: give 1 to {} runs",
            a.runs,
            limits::MAX_RUNS
        );
        return Ok(EXIT_INPUT);
    }
    for (name, t) in [
        ("--fast-time-limit", a.fast_time_limit),
        ("--time-limit", a.time_limit),
    ] {
        if let Err(message) = limits::check_time_limit(name, t) {
            eprintln!("error: {message}");
            return Ok(EXIT_INPUT);
        }
    }
    let sample = SampleParams {
        due_sd_days: a.due_sd,
        ..a.sample.params()
    };
    if let Err(e) = sample.validate() {
        eprintln!("error: {e}");
        return Ok(EXIT_INPUT);
    }
    let Some(base) = load(&a.base)? else {
        return Ok(EXIT_INPUT);
    };
    if !base.families.iter().any(|f| f.due.is_some()) {
        eprintln!(
            "warning: {} has no bookings (families with `due`): births are fixed, only sick leave varies",
            a.base.display()
        );
    }
    let set = OutputSet::begin(&a.out, &forecast::OUTPUT_FILES)?;
    let opts = ForecastOptions {
        runs: a.runs,
        seed: a.seed,
        sample,
        fidelity: a.fidelity.fidelity(),
        engine: a.engine.config(a.time_limit),
        fast_time_limit: a.fast_time_limit,
        agreement: a.agreement,
        jobs: a.engine.jobs(),
        shard: a.engine.shard,
        progress: !a.engine.quiet,
        scenarios_dir: scenarios_dir(&set, a.engine.write_scenarios)?,
    };
    let started = std::time::Instant::now();
    let out = match forecast::forecast(&base, &label(&a.base), &opts) {
        Ok(out) => out,
        Err(e) => return failed(e),
    };
    forecast::write_to(&set, &out)?;
    set.commit()?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "forecast        {}: {} of {} runs (shard {}, {:?} fidelity, {} s a run), seed {}, {} jobs, {:.0} s",
        a.base.display(),
        out.rows.len(),
        out.runs,
        a.engine.shard,
        out.fidelity,
        out.time_limit,
        out.seed,
        opts.jobs,
        started.elapsed().as_secs_f64()
    )?;
    print_forecast(&mut stdout, &out)?;
    writeln!(
        stdout,
        "written         {}, {}, {}",
        a.out.join("forecast.csv").display(),
        a.out.join("forecast-runs.csv").display(),
        a.out.join("forecast.json").display()
    )?;
    Ok(u8::from(out.failed > 0))
}

/// The forecast per week, the agreement, the failures.
pub(super) fn print_forecast(w: &mut impl Write, out: &ForecastOutput) -> std::io::Result<()> {
    writeln!(
        w,
        "{:<9} {:>5}  {:<17} {:<17} {:<17} {:<17} {:<20} p90",
        "week", "runs", "groen", "oranje", "rood", "zwart", "below floor: mean"
    )?;
    for wk in &out.weeks {
        let p = |c: &str| {
            let e = &wk.colours[c];
            format!("{:.2} ({:.2}–{:.2})", e.value, e.low, e.high)
        };
        let (m, q) = (&wk.below_mean, &wk.below_p90);
        let mean = format!("{:.2} ({:.2}–{:.2})", m.value, m.low, m.high);
        writeln!(
            w,
            "{:<9} {:>5}  {:<17} {:<17} {:<17} {:<17} {:<20} {:.0} ({:.0}–{:.0})",
            wk.week,
            wk.runs,
            p("groen"),
            p("oranje"),
            p("rood"),
            p("zwart"),
            mean,
            q.value,
            q.low,
            q.high,
        )?;
    }
    for wk in out.weeks.iter().filter(|w| w.zwart_unproven > 0) {
        writeln!(
            w,
            "  {}: zwart in {} runs, {} of them not proven unavoidable within the time limit (they may be rood)",
            wk.week,
            (wk.colours["zwart"].value * wk.runs as f64).round(),
            wk.zwart_unproven
        )?;
    }
    if let Some(ag) = &out.agreement {
        writeln!(
            w,
            "agreement       fast = full colour code in {} of {} runs: {:.3} (95% CI {:.3}–{:.3})",
            ag.agreeing, ag.runs, ag.share.value, ag.share.low, ag.share.high
        )?;
        let pairs: Vec<String> = ag
            .pairs
            .iter()
            .filter(|(k, _)| {
                let (a, b) = k.split_once('→').unwrap_or(("", ""));
                a != b
            })
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        if !pairs.is_empty() {
            writeln!(
                w,
                "  disagreeing run-weeks (fast→full): {}",
                pairs.join(", ")
            )?;
        }
    }
    writeln!(w, "failed          {}", out.failed)?;
    for r in out.rows.iter().filter(|r| r.error.is_some()).take(5) {
        writeln!(w, "  run {}: {}", r.run, r.error.as_deref().unwrap_or(""))?;
    }
    Ok(())
}
