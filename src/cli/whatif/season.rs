//! `kraamplan season`: the weeks of a season forecast one after another,
//! per solution (Regioplan §1.3), and the table per week, month and
//! solution.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use kraamplan::output::OutputSet;
use kraamplan::scenario::limits;
use kraamplan::whatif::forecast::Fidelity;
use kraamplan::whatif::grid::Grid;
use kraamplan::whatif::season::{self, pattern, SeasonOptions, SeasonOutput};

use super::{failed, label, EngineArgs, FidelityArg, SampleArgs};
use crate::cli::exit::EXIT_INPUT;
use crate::cli::load;

/// Most weeks of a season (a year).
const MAX_WEEKS: usize = 53;

/// `kraamplan season`.
#[derive(Args)]
pub struct SeasonArgs {
    /// Base scenario JSON file: the region's providers, nurses, measures and
    /// pool; its families are the kinds of family new births copy.
    base: PathBuf,
    /// First month (`2026-05`) or day (`2026-05-04`) of the season.
    #[arg(long, value_parser = parse_from)]
    from: NaiveDate,
    /// Last month (`2026-09`, to its last day) or day of the season.
    #[arg(long, value_parser = parse_to)]
    to: NaiveDate,
    /// Runs per solution, 1–100000.
    #[arg(long, default_value_t = 20, value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
        .range(1..=limits::MAX_RUNS as u64))]
    runs: usize,
    /// Directory for `season.csv`, `season-weeks.csv`, `season-months.csv`,
    /// `season-runs.csv` and `season.json`, replaced as one set; other
    /// files in it are kept.
    #[arg(long, default_value = "out-season")]
    out: PathBuf,
    /// Solutions to compare: a sweep grid (TOML) whose every variant is one
    /// (e.g. `kraamcentrum = [0, 6]`, `kio = [0, 5]`, `pool_scope`); the
    /// axes sick, extra_births and seeds are drawn by the season itself.
    #[arg(long)]
    solutions: Option<PathBuf>,
    /// The region's births a year (default: from the base's week before its start).
    #[arg(long)]
    births_per_year: Option<f64>,
    /// Twelve monthly weights, January first, comma-separated (normalised),
    /// instead of the documented Dutch pattern.
    #[arg(long, value_delimiter = ',', allow_negative_numbers = true)]
    month_shares: Option<Vec<f64>>,
    /// Seed of the draws; the same seed gives the same seasons.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// `fast`: each week's final rung to level 1 within --fast-time-limit;
    /// `full`: every level within --time-limit.
    #[arg(long, value_enum, default_value = "fast")]
    fidelity: FidelityArg,
    /// Seconds per week's plan at fast fidelity (above 0, at most 604800).
    #[arg(long, default_value_t = 1.0, value_parser = limits::parse_time_limit)]
    fast_time_limit: f64,
    /// Seconds per week's plan at full fidelity (above 0, at most 604800).
    #[arg(long, default_value_t = 60.0, value_parser = limits::parse_time_limit)]
    time_limit: f64,
    #[command(flatten)]
    sample: SampleArgs,
    #[command(flatten)]
    engine: EngineArgs,
}

fn parse_month(s: &str, last: bool) -> Result<NaiveDate, String> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return supported(d);
    }
    let bad = || format!("{s:?}: give a month as 2026-05 or a day as 2026-05-04");
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
    let d = if last {
        kraamplan::domain::calendar::add_days(first, i64::from(pattern::days_in_month(y, m)) - 1)
    } else {
        first
    };
    supported(d)
}

fn supported(d: NaiveDate) -> Result<NaiveDate, String> {
    if limits::date_supported(d) {
        Ok(d)
    } else {
        Err(format!("{d}: give a date in 1900–2200"))
    }
}

fn parse_from(s: &str) -> Result<NaiveDate, String> {
    parse_month(s, false)
}

fn parse_to(s: &str) -> Result<NaiveDate, String> {
    parse_month(s, true)
}

pub fn cmd_season(a: &SeasonArgs) -> Result<u8> {
    if let Err(message) = a.engine.check() {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    if a.engine.write_scenarios {
        eprintln!("error: --write-scenarios: a season writes no scenarios (a run's weeks are rolled one from the other) — leave it out");
        return Ok(EXIT_INPUT);
    }
    let weeks = season::mondays(a.from, a.to).len();
    if a.to < a.from || weeks > MAX_WEEKS {
        eprintln!(
            "error: --from {} --to {}: a season runs forward over at most {MAX_WEEKS} weeks (it has {weeks}) — e.g. --from 2026-05 --to 2026-09",
            a.from, a.to
        );
        return Ok(EXIT_INPUT);
    }
    if let Some(b) = a.births_per_year {
        if !(b.is_finite() && b > 0.0 && b <= 1_000_000.0) {
            eprintln!("error: --births-per-year {b}: give the region's births a year, above 0 and at most 1000000, e.g. 4000");
            return Ok(EXIT_INPUT);
        }
    }
    let sample = a.sample.params();
    if let Err(e) = sample.validate() {
        eprintln!("error: {e}");
        return Ok(EXIT_INPUT);
    }
    let solutions = match &a.solutions {
        None => None,
        Some(path) => {
            let text = match limits::read_text(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: --solutions: {e}");
                    return Ok(EXIT_INPUT);
                }
            };
            match Grid::parse(&text) {
                Ok(g) => Some(g),
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    return Ok(EXIT_INPUT);
                }
            }
        }
    };
    let Some(base) = load(&a.base)? else {
        return Ok(EXIT_INPUT);
    };
    let set = OutputSet::begin(&a.out, &season::OUTPUT_FILES)?;
    let fidelity = a.fidelity.fidelity();
    let limit = match fidelity {
        Fidelity::Fast => a.fast_time_limit,
        Fidelity::Full => a.time_limit,
    };
    let opts = SeasonOptions {
        from: a.from,
        to: a.to,
        runs: a.runs,
        seed: a.seed,
        sample,
        births_per_year: a.births_per_year,
        month_shares: a.month_shares.clone(),
        solutions,
        fidelity,
        engine: a.engine.config(limit),
        jobs: a.engine.jobs(),
        shard: a.engine.shard,
        progress: !a.engine.quiet,
    };
    let started = std::time::Instant::now();
    let out = match season::season(&base, &label(&a.base), &opts) {
        Ok(out) => out,
        Err(e) => return failed(e),
    };
    season::write_to(&set, &out)?;
    set.commit()?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "season          {}: {} to {}, {} weeks, {} solution(s) × {} runs (shard {}, {:?} fidelity, {} s a week), seed {}, {} jobs, {:.0} s",
        a.base.display(),
        out.from,
        out.to,
        out.mondays.len(),
        out.solutions.len(),
        out.runs,
        a.engine.shard,
        out.fidelity,
        out.time_limit,
        out.seed,
        opts.jobs,
        started.elapsed().as_secs_f64()
    )?;
    writeln!(
        stdout,
        "births          {:.0} a year ({})",
        out.births_per_year, out.births_source
    )?;
    print_season(&mut stdout, &out)?;
    writeln!(
        stdout,
        "written         {}: season.csv, season-weeks.csv, season-months.csv, season-runs.csv, season.json",
        a.out.display()
    )?;
    Ok(u8::from(out.failed > 0))
}

fn ci(e: &kraamplan::whatif::stats::Estimate, d: usize) -> String {
    format!("{:.d$} ({:.d$}–{:.d$})", e.value, e.low, e.high)
}

/// Per solution the season, then per month the first solution's figures.
pub(super) fn print_season(w: &mut impl Write, out: &SeasonOutput) -> std::io::Result<()> {
    writeln!(
        w,
        "{:<28} {:>5}  {:<20} {:<20} {:<20} {:<20}",
        "solution", "runs", "rood weeks", "P(a rood week)", "waitlist families", "below families"
    )?;
    for s in &out.summary {
        writeln!(
            w,
            "{:<28} {:>5}  {:<20} {:<20} {:<20} {:<20}",
            s.label,
            s.runs,
            ci(&s.rood_weeks, 2),
            ci(&s.any_rood, 2),
            ci(&s.waitlist_families, 1),
            ci(&s.below_families, 1)
        )?;
    }
    for sol in &out.solutions {
        writeln!(w, "per month       {}", sol.label)?;
        writeln!(
            w,
            "  {:<8} {:>5}  {:<20} {:<20} {:<20} {:<20}",
            "month", "weeks", "P(a rood week)", "rood weeks", "waitlist families", "below families"
        )?;
        for m in out.months.iter().filter(|m| m.solution == sol.index) {
            writeln!(
                w,
                "  {:<8} {:>5}  {:<20} {:<20} {:<20} {:<20}",
                m.month,
                m.weeks,
                ci(&m.any_rood, 2),
                ci(&m.rood_weeks, 2),
                ci(&m.waitlist_families, 1),
                ci(&m.below_families, 1)
            )?;
        }
    }
    let unproven: usize = out.weeks.iter().map(|w| w.zwart_unproven).sum();
    if unproven > 0 {
        writeln!(
            w,
            "zwart unproven  {unproven} run-weeks zwart without a certificate within the time limit (they may be rood); --fidelity full or a longer --fast-time-limit proves more"
        )?;
    }
    writeln!(w, "failed          {}", out.failed)?;
    for r in out.rows.iter().filter(|r| r.error.is_some()).take(5) {
        writeln!(
            w,
            "  run {} ({}): {}",
            r.run,
            out.solutions[r.solution].label,
            r.error.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}
