//! The `sweep`, `forecast`, `simulate` and `merge` commands: arguments, runs, and the
//! summary printed to stdout. Exit codes: 0 every variant or run solved;
//! 1 one or more failed (their rows carry the error); 2 bad input; 3 the
//! output could not be written or the workers not started (nothing in
//! `--out` was replaced).

use std::path::Path;

use anyhow::Result;
use clap::Args;

use kraamplan::engine::EngineConfig;
use kraamplan::milp::SolveConfig;
use kraamplan::output::OutputSet;
use kraamplan::scenario::limits;
use kraamplan::whatif::sample::SampleParams;
use kraamplan::whatif::shard::Shard;
use kraamplan::whatif::WhatIfError;

use super::exit::EXIT_INPUT;
use super::EngineArg;

mod forecast;
mod merge;
mod season;
mod simulate;
mod sweep;

pub use forecast::{cmd_forecast, ForecastArgs};
pub use merge::{cmd_merge, MergeArgs};
pub use season::{cmd_season, SeasonArgs};
pub use simulate::{cmd_simulate, SimulateArgs};
pub use sweep::{cmd_sweep, SweepArgs};

/// `--fidelity` of forecasts, simulations and seasons.
#[derive(Clone, Copy, clap::ValueEnum)]
enum FidelityArg {
    Fast,
    Full,
}

impl FidelityArg {
    fn fidelity(self) -> kraamplan::whatif::forecast::Fidelity {
        match self {
            FidelityArg::Fast => kraamplan::whatif::forecast::Fidelity::Fast,
            FidelityArg::Full => kraamplan::whatif::forecast::Fidelity::Full,
        }
    }
}

/// Hospital stays and sick leave, as forecasts, simulations and seasons draw them.
#[derive(Args)]
struct SampleArgs {
    /// Share of births in the second line with hospital days.
    #[arg(long, default_value_t = SampleParams::default().hospital_share)]
    hospital_share: f64,
    /// Share of nurse-days lost to sick leave.
    #[arg(long, default_value_t = SampleParams::default().sick_rate)]
    sick_rate: f64,
    /// Mean length of a sick spell, days.
    #[arg(long, default_value_t = SampleParams::default().sick_spell_days)]
    sick_spell: f64,
}

impl SampleArgs {
    /// The defaults with these three set.
    fn params(&self) -> SampleParams {
        SampleParams {
            hospital_share: self.hospital_share,
            sick_rate: self.sick_rate,
            sick_spell_days: self.sick_spell,
            ..SampleParams::default()
        }
    }
}

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

/// `OUT/scenarios/` staged in the output set, with `--write-scenarios`.
fn scenarios_dir(set: &OutputSet, write: bool) -> Result<Option<kraamplan::output::StagedDir>> {
    Ok(if write {
        Some(set.dir("scenarios")?)
    } else {
        None
    })
}
