//! `kraamplan merge`: the outputs of `--shard I/N` runs joined into the
//! single-run table.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::whatif::merge::{self, Merged};

use super::forecast::print_forecast;
use super::simulate::print_simulate;
use super::sweep::print_sweep;
use crate::cli::exit::EXIT_INPUT;

/// `kraamplan merge`.
#[derive(Args)]
pub struct MergeArgs {
    /// Shard output directories (or their sweep.json / forecast.json / simulate.json).
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    /// Directory for the merged table (not a shard's own folder): its
    /// files replace the old ones as one set.
    #[arg(long)]
    out: PathBuf,
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
        Merged::Simulate(s) => {
            writeln!(
                stdout,
                "merged          {} shards: {} runs of {}",
                a.shards.len(),
                s.rows.len(),
                s.base
            )?;
            print_simulate(&mut stdout, s)?;
        }
        Merged::Season(s) => {
            writeln!(
                stdout,
                "merged          {} shards: {} runs of {}",
                a.shards.len(),
                s.rows.len(),
                s.base
            )?;
            super::season::print_season(&mut stdout, s)?;
        }
    }
    writeln!(stdout, "written         {}", a.out.display())?;
    Ok(u8::from(merged.failed() > 0))
}
