//! `kraamplan prognose`: the region's workforce years ahead, the need of
//! each year's summer peak and the inflow that closes the gap
//! (`models/prognose.md`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::engine::EngineConfig;
use kraamplan::milp::SolveConfig;
use kraamplan::output::OutputSet;
use kraamplan::prognose::params::{self, PrognoseParams};
use kraamplan::prognose::{self as prog, PrognoseError, PrognoseOutput, RunOptions};
use kraamplan::scenario::limits;

use super::exit::EXIT_INPUT;
use super::{load, EngineArg};

/// `kraamplan prognose`.
#[derive(Args)]
pub struct PrognoseArgs {
    /// Base scenario JSON file: the region's nurses, and a representative
    /// peak week for the calibration.
    base: PathBuf,
    /// Last year of the prognosis (inclusive), e.g. 2030.
    #[arg(long)]
    until: i32,
    /// First year (default: the base's start year).
    #[arg(long)]
    from_year: Option<i32>,
    /// Births in the first year (default: the base's births a day × 365).
    #[arg(long)]
    births_per_year: Option<f64>,
    /// Growth of births a year, a share (0.01 = 1 %).
    #[arg(long, default_value_t = params::DEFAULT_GROWTH, allow_negative_numbers = true)]
    births_growth: f64,
    /// Peak week over the mean week (default: 1 for births from the base, 1.029 for --births-per-year).
    #[arg(long)]
    peak_factor: Option<f64>,
    /// Share of qualified nurses leaving the profession a year.
    #[arg(long, default_value_t = params::DEFAULT_ATTRITION, allow_negative_numbers = true)]
    attrition: f64,
    /// Share of qualified nurses retiring a year.
    #[arg(long, default_value_t = params::DEFAULT_RETIREMENT, allow_negative_numbers = true)]
    retirement: f64,
    /// New trainees a year (default: the base's trainees per training year).
    #[arg(long, allow_negative_numbers = true)]
    trainees: Option<f64>,
    /// Years of training.
    #[arg(long, default_value_t = params::DEFAULT_TRAINING_YEARS)]
    training_years: u32,
    /// Share of a cohort of trainees that never qualifies.
    #[arg(long, default_value_t = params::DEFAULT_DROPOUT, allow_negative_numbers = true)]
    trainee_dropout: f64,
    /// Probability with which the summer peak must stay at most oranje.
    #[arg(long, default_value_t = params::DEFAULT_PROBABILITY, allow_negative_numbers = true)]
    probability: f64,
    /// Forecast runs per calibration step.
    #[arg(long, default_value_t = params::DEFAULT_CALIBRATE_RUNS)]
    calibrate_runs: usize,
    /// Contract hours a week per peak birth a week: skips the calibration.
    #[arg(long, allow_negative_numbers = true)]
    ratio: Option<f64>,
    /// Seed of the calibration's draws.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Count a freelancer's own code rood in the peak's colour (default:
    /// left out, since hires cannot fix it; see models/prognose.md).
    #[arg(long)]
    count_freelancers: bool,
    /// Worker threads for the calibration's forecasts, 1–1024 (default: all cores).
    #[arg(long, value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
        .range(1..=limits::MAX_JOBS as u64))]
    jobs: Option<usize>,
    /// Engine of a forecast run.
    #[arg(long, value_enum, default_value = "auto")]
    engine: EngineArg,
    /// Seconds per forecast run (fast fidelity; above 0, at most 604800).
    #[arg(long, default_value_t = 1.0, value_parser = limits::parse_time_limit)]
    fast_time_limit: f64,
    /// Directory for `prognose.csv` and `prognose.json`, replaced as one
    /// set; other files in it are kept.
    #[arg(long, default_value = "out-prognose")]
    out: PathBuf,
    /// No calibration progress on stderr.
    #[arg(long)]
    quiet: bool,
}

impl PrognoseArgs {
    fn params(&self) -> PrognoseParams {
        PrognoseParams {
            from_year: self.from_year,
            until: self.until,
            births_per_year: self.births_per_year,
            births_growth: self.births_growth,
            peak_factor: self.peak_factor,
            attrition: self.attrition,
            retirement: self.retirement,
            trainees: self.trainees,
            training_years: self.training_years,
            trainee_dropout: self.trainee_dropout,
            probability: self.probability,
            calibrate_runs: self.calibrate_runs,
            ratio: self.ratio,
            seed: self.seed,
            count_freelancers: self.count_freelancers,
        }
    }
}

pub fn cmd_prognose(a: &PrognoseArgs) -> Result<u8> {
    let p = a.params();
    let Some(base) = load(&a.base)? else {
        return Ok(EXIT_INPUT);
    };
    // Every option is checked against the base (the first year defaults
    // to its start year), all at once, before anything is staged.
    let bad = prog::run::check(&base, &p);
    if !bad.is_empty() {
        for e in &bad {
            eprintln!("error: {e}");
        }
        return Ok(EXIT_INPUT);
    }
    let set = OutputSet::begin(&a.out, &prog::OUTPUT_FILES)?;
    let jobs = a.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let run = RunOptions {
        engine: EngineConfig {
            choice: a.engine.choice(),
            solve: SolveConfig {
                threads: 1,
                ..SolveConfig::default()
            },
            ..EngineConfig::default()
        },
        fast_time_limit: a.fast_time_limit,
        jobs,
        progress: !a.quiet,
    };
    let started = std::time::Instant::now();
    let label = a.base.display().to_string();
    let out = match prog::prognose(&base, &label, &p, &run) {
        Ok(out) => out,
        Err(PrognoseError::Input(bad)) => {
            for e in &bad {
                eprintln!("error: {e}");
            }
            return Ok(EXIT_INPUT);
        }
        Err(PrognoseError::Calibration(m)) => {
            eprintln!("error: {m}");
            return Ok(1);
        }
        Err(PrognoseError::Workers(m)) => return Err(anyhow::anyhow!(m)),
        Err(PrognoseError::Output(e)) => return Err(e.into()),
    };
    print_parameters(&mut std::io::stderr().lock(), &out)?;
    prog::output::write_to(&set, &out)?;
    set.commit()?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "prognose        {}: {}–{}, {} jobs, {:.0} s",
        a.base.display(),
        out.years.first().map_or(0, |y| y.year),
        out.years.last().map_or(0, |y| y.year),
        jobs,
        started.elapsed().as_secs_f64()
    )?;
    print_prognose(&mut stdout, &out)?;
    writeln!(
        stdout,
        "written         {}, {}",
        a.out.join("prognose.csv").display(),
        a.out.join("prognose.json").display()
    )?;
    let failed = out.calibration.steps.iter().any(|s| s.failed > 0);
    Ok(u8::from(failed))
}

/// Every parameter with its value and source.
fn print_parameters(w: &mut impl Write, out: &PrognoseOutput) -> std::io::Result<()> {
    writeln!(w, "parameters")?;
    for p in &out.parameters {
        writeln!(w, "  {:<30} {:>10}  {}", p.name, short(p.value), p.source)?;
    }
    Ok(())
}

/// A value in its shortest form with at most four decimals.
fn short(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The calibration, the current trainees and the table per year.
fn print_prognose(w: &mut impl Write, out: &PrognoseOutput) -> std::io::Result<()> {
    let c = &out.calibration;
    if c.given {
        writeln!(
            w,
            "ratio           {:.2} contract hours a week per peak birth a week: given (--ratio), not calibrated",
            c.ratio
        )?;
    } else {
        let p = c
            .probability_reached
            .expect("a calibrated ratio has its probability");
        writeln!(
            w,
            "ratio           {:.2} contract hours a week per peak birth a week: calibrated on the base at {:+} nurses ({:.0} of {:.0} h, scale {:.3}), {} runs a step, {} steps",
            c.ratio,
            c.nurses_added,
            c.hours,
            c.hours / c.scale.unwrap_or(1.0),
            c.scale.unwrap_or(1.0),
            c.runs,
            c.steps.len()
        )?;
        writeln!(
            w,
            "                P(worst week ≤ oranje) = {:.2} (95% CI {:.2}–{:.2}), target {}",
            p.value, p.low, p.high, c.probability_target
        )?;
    }
    let t = &out.current_trainees;
    let when: Vec<String> = t
        .qualifying
        .iter()
        .map(|q| format!("{} {:.1}", q.year, q.nurses))
        .collect();
    writeln!(
        w,
        "trainees        {} in training now (huidige leerlingen); expected to qualify: {}",
        t.count,
        if when.is_empty() {
            "none".to_string()
        } else {
            when.join(", ")
        }
    )?;
    writeln!(
        w,
        "{:<5} {:>7} {:>6} {:>8} {:>8} {:>7} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8} {:>7}",
        "year",
        "births",
        "peak/w",
        "nurses",
        "hours",
        "leave",
        "enter",
        "qualify",
        "need",
        "no-infl",
        "inflow",
        "gap",
        "extra/y"
    )?;
    for y in &out.years {
        writeln!(
            w,
            "{:<5} {:>7.0} {:>6.1} {:>8.1} {:>8.0} {:>7.1} {:>7.1} {:>7.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>7}",
            y.year,
            y.births,
            y.peak_births_per_week,
            y.nurses_start,
            y.hours_start,
            y.leaving,
            y.trainees_entering,
            y.qualifying,
            y.needed_nurses,
            y.supply_without_inflow,
            y.inflow_needed,
            y.gap,
            y.extra_trainees_per_year
                .map_or("—".to_string(), |x| format!("{x:.1}"))
        )?;
    }
    Ok(())
}
