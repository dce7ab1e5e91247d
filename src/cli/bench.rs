//! `kraamplan bench`: every engine on every scenario of a folder, and the
//! report (`BENCHMARKS.md`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use kraamplan::scenario::limits;

use super::exit::{BadInput, EXIT_INPUT};
use super::load;

/// `kraamplan bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Folder of scenario JSON files, e.g. scenarios/ladder.
    dir: PathBuf,
    /// Engines to run, comma-separated.
    #[arg(long, default_value = "milp,heuristic,auto")]
    engines: String,
    /// Seconds per run (default per rung: S 10, M 15, L 120, XL 300, else
    /// 60; at most 604800: one week).
    #[arg(long, value_parser = limits::parse_time_limit)]
    time_limit: Option<f64>,
    /// Report file.
    #[arg(long, default_value = "BENCHMARKS.md")]
    out: PathBuf,
}

/// Run the benchmark; exit 1 if a run failed or its plan has violations.
pub fn cmd_bench(a: &BenchArgs) -> Result<u8> {
    run(&a.dir, &a.engines, a.time_limit, &a.out)
}

fn run(dir: &Path, engines: &str, time_limit: Option<f64>, out: &Path) -> Result<u8> {
    let engines: Vec<&str> = engines.split(',').map(str::trim).collect();
    if let Some(bad) = engines
        .iter()
        .find(|e| !["milp", "heuristic", "auto"].contains(e))
    {
        eprintln!("error: --engines {bad}: use milp, heuristic and/or auto");
        return Ok(EXIT_INPUT);
    }
    if let Some(Err(message)) = time_limit.map(|t| limits::check_time_limit("--time-limit", t)) {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    let files = kraamplan::bench::scenario_files(dir)
        .map_err(|e| BadInput(format!("cannot read {}: {e}", dir.display())))?;
    if files.is_empty() {
        eprintln!("error: {}: no scenario (*.json) files", dir.display());
        return Ok(EXIT_INPUT);
    }
    let exe = std::env::current_exe().context("locating this binary")?;
    let machine = kraamplan::bench::machine();
    let mut rows = Vec::new();
    let mut failed = false;
    for file in &files {
        let Some(s) = load(file)? else {
            return Ok(EXIT_INPUT);
        };
        let stem = file
            .file_stem()
            .map(|x| x.to_string_lossy().to_string())
            .unwrap_or_default();
        let limit = time_limit.unwrap_or_else(|| kraamplan::bench::default_time_limit(&stem));
        for engine in &engines {
            eprintln!("bench: {stem} with {engine} ({limit} s) …");
            let row = kraamplan::bench::run_one(&exe, file, &s, engine, limit);
            failed |= row.outcome.as_ref().map_or(true, |o| o.violations > 0);
            rows.push(row);
        }
    }
    let command = format!(
        "kraamplan bench {} --engines {}{}",
        dir.display(),
        engines.join(","),
        time_limit
            .map(|t| format!(" --time-limit {t}"))
            .unwrap_or_default()
    );
    let report = kraamplan::bench::markdown(&rows, &command, &machine);
    kraamplan::output::write_file(out, report.as_bytes())?;
    print!("{report}");
    Ok(u8::from(failed))
}
