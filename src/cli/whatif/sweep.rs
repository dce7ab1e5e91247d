//! `kraamplan sweep`: every combination of a grid's axes, solved in
//! parallel, and the summary.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::output::OutputSet;
use kraamplan::scenario::limits;
use kraamplan::whatif::grid::Grid;
use kraamplan::whatif::sweep::{self, SweepOptions, SweepOutput};

use super::{failed, label, scenarios_dir, EngineArgs};
use crate::cli::exit::EXIT_INPUT;
use crate::cli::{load, EngineArg};

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
    let other_policy = grid
        .policy
        .iter()
        .flatten()
        .chain(base.rules.policy.iter())
        .copied()
        .find(|p| *p != kraamplan::domain::policy::Policy::Normenkader);
    if let (Some(p), EngineArg::Heuristic) = (other_policy, a.engine.engine) {
        eprintln!(
            "error: policy {p}: the heuristic plans in the Normenkader's order only; use --engine auto or milp for a sweep over policies"
        );
        return Ok(EXIT_INPUT);
    }
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

/// The sweep's figures in a few lines.
pub(super) fn print_sweep(w: &mut impl Write, out: &SweepOutput) -> std::io::Result<()> {
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
