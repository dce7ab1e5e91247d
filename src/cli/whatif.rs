//! The `sweep`, `forecast` and `merge` commands: arguments, runs, and the
//! summary printed to stdout. Exit codes: 0 every variant or run solved;
//! 1 one or more failed (their rows carry the error); 2 bad input; 3 the
//! output could not be written or the workers not started (nothing in
//! `--out` was replaced).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};

use kraamplan::engine::EngineConfig;
use kraamplan::limits;
use kraamplan::milp::SolveConfig;
use kraamplan::output::OutputSet;
use kraamplan::whatif::forecast::{self, Fidelity, ForecastOptions, ForecastOutput};
use kraamplan::whatif::grid::Grid;
use kraamplan::whatif::merge::{self, Merged};
use kraamplan::whatif::sample::SampleParams;
use kraamplan::whatif::shard::Shard;
use kraamplan::whatif::sweep::{self, SweepOptions, SweepOutput};
use kraamplan::whatif::WhatIfError;

use super::exit::EXIT_INPUT;
use super::{load, EngineArg};

/// Engine settings shared by sweeps and forecasts.
#[derive(Args)]
pub struct EngineArgs {
    /// Engine per variant or run.
    #[arg(long, value_enum, default_value = "auto")]
    engine: EngineArg,
    /// Relative MIP gap at which a stage stops.
    #[arg(long, default_value_t = 1e-4)]
    gap: f64,
    /// `auto` uses the heuristic above this many MILP columns.
    #[arg(long, default_value_t = 2_000_000)]
    max_columns: usize,
    /// Worker threads, one scenario each, 1–1024 (default: all cores).
    #[arg(long, value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
        .range(1..=limits::MAX_JOBS as u64))]
    jobs: Option<usize>,
    /// Run only shard I of N (1-based), e.g. 3/8; `merge` joins the shards.
    #[arg(long, default_value = "1/1")]
    shard: Shard,
    /// No progress bar on stderr.
    #[arg(long)]
    quiet: bool,
    /// Also write every variant's or run's scenario to OUT/scenarios/ (part
    /// of the output set: without this flag an old OUT/scenarios/ goes).
    #[arg(long)]
    write_scenarios: bool,
}

impl EngineArgs {
    fn config(&self, time_limit: f64) -> EngineConfig {
        EngineConfig {
            choice: self.engine.choice(),
            solve: SolveConfig {
                time_limit,
                gap: self.gap,
                threads: 1,
                ..SolveConfig::default()
            },
            max_columns: self.max_columns,
        }
    }

    /// The settings a user can get wrong, with the fix.
    fn check(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.gap) {
            return Err(format!(
                "--gap {}: give a relative gap from 0 to 1, e.g. --gap 0.001",
                self.gap
            ));
        }
        Ok(())
    }

    fn engine_name(&self) -> &'static str {
        match self.engine {
            EngineArg::Auto => "auto",
            EngineArg::Milp => "milp",
            EngineArg::Heuristic => "heuristic",
        }
    }

    fn jobs(&self) -> usize {
        self.jobs.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        })
    }
}

/// `kraamplan sweep`.
#[derive(Args)]
pub struct SweepArgs {
    /// Base scenario JSON file.
    base: PathBuf,
    /// The grid (TOML): every combination of its axes is one variant.
    #[arg(long)]
    grid: PathBuf,
    /// Directory for `sweep.csv` and `sweep.json`, replaced as one set with
    /// `scenarios/`; other files in it are kept.
    #[arg(long)]
    out: PathBuf,
    /// Seconds per variant where the grid has no `time_limit` axis (above 0,
    /// at most 604800: one week).
    #[arg(long, default_value_t = 5.0, value_parser = limits::parse_time_limit)]
    time_limit: f64,
    #[command(flatten)]
    engine: EngineArgs,
}

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
    /// Share of births in the second line with hospital days.
    #[arg(long, default_value_t = SampleParams::default().hospital_share)]
    hospital_share: f64,
    /// Share of nurse-days lost to sick leave.
    #[arg(long, default_value_t = SampleParams::default().sick_rate)]
    sick_rate: f64,
    /// Mean length of a sick spell, days.
    #[arg(long, default_value_t = SampleParams::default().sick_spell_days)]
    sick_spell: f64,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum FidelityArg {
    Fast,
    Full,
}

/// `kraamplan merge`.
#[derive(Args)]
pub struct MergeArgs {
    /// Shard output directories (or their sweep.json / forecast.json).
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    /// Directory for the merged table (not a shard's own folder): its
    /// files replace the old ones as one set.
    #[arg(long)]
    out: PathBuf,
}

/// A what-if run that produced no table: bad input is printed here (exit
/// 2); an output or worker failure goes to the exit code of its error (3).
fn failed(e: WhatIfError) -> Result<u8> {
    match e {
        WhatIfError::Input(message) => {
            eprintln!("error: {message}");
            Ok(EXIT_INPUT)
        }
        WhatIfError::Output(e) => Err(e.into()),
        WhatIfError::Workers(message) => Err(anyhow::anyhow!(message)),
    }
}

/// The base scenario's label in outputs: its path as given.
fn label(path: &Path) -> String {
    path.display().to_string()
}

pub fn cmd_sweep(a: &SweepArgs) -> Result<u8> {
    if let Err(message) = a.engine.check() {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    let grid_text = match limits::read_text(&a.grid) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: --grid: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    let grid = match Grid::parse(&grid_text) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {}: {e}", a.grid.display());
            return Ok(EXIT_INPUT);
        }
    };
    if let Err(message) = limits::check_time_limit("--time-limit", a.time_limit) {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    let Some(base) = load(&a.base)? else {
        return Ok(EXIT_INPUT);
    };
    let set = OutputSet::begin(&a.out, &sweep::OUTPUT_FILES)?;
    let opts = SweepOptions {
        engine: a.engine.config(a.time_limit),
        jobs: a.engine.jobs(),
        shard: a.engine.shard,
        progress: !a.engine.quiet,
        scenarios_dir: scenarios_dir(&set, a.engine.write_scenarios)?,
    };
    let started = std::time::Instant::now();
    let out = match sweep::sweep(
        &base,
        &label(&a.base),
        &grid,
        &grid_text,
        a.engine.engine_name(),
        &opts,
    ) {
        Ok(out) => out,
        Err(e) => return failed(e),
    };
    sweep::write_to(&set, &out)?;
    set.commit()?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "sweep           {} × {}: {} of {} variants (shard {}) on {} jobs, {:.0} s",
        a.base.display(),
        a.grid.display(),
        out.rows.len(),
        out.variants,
        a.engine.shard,
        opts.jobs,
        started.elapsed().as_secs_f64()
    )?;
    print_sweep(&mut stdout, &out)?;
    writeln!(
        stdout,
        "written         {}, {}",
        a.out.join("sweep.csv").display(),
        a.out.join("sweep.json").display()
    )?;
    Ok(u8::from(out.failed() > 0))
}

/// `OUT/scenarios/` staged in the output set, with `--write-scenarios`.
fn scenarios_dir(set: &OutputSet, write: bool) -> Result<Option<kraamplan::output::StagedDir>> {
    Ok(if write {
        Some(set.dir("scenarios")?)
    } else {
        None
    })
}

/// The sweep's figures in a few lines.
fn print_sweep(w: &mut impl Write, out: &SweepOutput) -> std::io::Result<()> {
    let mut worst = std::collections::BTreeMap::new();
    for r in out.rows.iter().filter_map(|r| r.result.as_ref()) {
        *worst.entry(r.worst_colour().to_string()).or_insert(0) += 1;
    }
    let colours: Vec<String> = kraamplan::whatif::summary::COLOURS
        .iter()
        .map(|c| format!("{c} {}", worst.get(*c).copied().unwrap_or(0)))
        .collect();
    writeln!(w, "worst colour    {}", colours.join(", "))?;
    if let Some(r) = out
        .rows
        .iter()
        .filter(|r| r.result.is_some())
        .max_by_key(|r| {
            r.result
                .as_ref()
                .map(|s| (s.families_below_floor, s.shortfall_hours))
        })
    {
        let s = r.result.as_ref().expect("filtered");
        let axes: Vec<String> = r
            .variant
            .columns()
            .into_iter()
            .map(|(k, v)| match (k, v.is_empty()) {
                ("time_limit", true) => format!("{k}={}", out.time_limit),
                _ => format!("{k}={v}"),
            })
            .collect();
        writeln!(
            w,
            "most below      {} families below the floor (certified {}) in variant {}: {}",
            s.families_below_floor,
            s.certified_min_below_floor,
            r.variant.index,
            axes.join(" ")
        )?;
    }
    writeln!(w, "failed          {}", out.failed())?;
    for r in out.rows.iter().filter(|r| r.error.is_some()).take(5) {
        writeln!(
            w,
            "  variant {}: {}",
            r.variant.index,
            r.error.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
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
        hospital_share: a.hospital_share,
        sick_rate: a.sick_rate,
        sick_spell_days: a.sick_spell,
        ..SampleParams::default()
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
        fidelity: match a.fidelity {
            FidelityArg::Fast => Fidelity::Fast,
            FidelityArg::Full => Fidelity::Full,
        },
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
fn print_forecast(w: &mut impl Write, out: &ForecastOutput) -> std::io::Result<()> {
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

pub fn cmd_merge(a: &MergeArgs) -> Result<u8> {
    if let Err(e) = merge::check_out(&a.out, &a.shards) {
        eprintln!("error: {e}");
        return Ok(EXIT_INPUT);
    }
    let merged = match merge::merge(&a.shards) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    merged.write(&a.out)?;
    let mut stdout = std::io::stdout().lock();
    match &merged {
        Merged::Sweep(s) => {
            writeln!(
                stdout,
                "merged          {} shards: {} variants of {}",
                a.shards.len(),
                s.rows.len(),
                s.base
            )?;
            print_sweep(&mut stdout, s)?;
        }
        Merged::Forecast(f) => {
            writeln!(
                stdout,
                "merged          {} shards: {} runs of {}",
                a.shards.len(),
                f.rows.len(),
                f.base
            )?;
            print_forecast(&mut stdout, f)?;
        }
    }
    writeln!(stdout, "written         {}", a.out.display())?;
    Ok(u8::from(merged.failed() > 0))
}
