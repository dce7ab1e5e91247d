//! The binary's commands, one module each, and what they share: reading
//! and validating a scenario ([`load`]), the engine choice, the exit codes
//! ([`exit`]).

use std::path::Path;

use anyhow::Result;
use clap::ValueEnum;

use kraamplan::engine;
use kraamplan::scenario::{self, validate};

pub mod bench;
pub mod check;
pub mod exit;
pub mod fairness;
pub mod generate;
pub mod prognose;
pub mod regioplan;
pub mod replan;
pub mod report;
pub mod roll;
pub mod schema;
pub mod sheets;
pub mod solve;
pub mod whatif;

/// `--engine`: which engine plans.
#[derive(Clone, Copy, ValueEnum)]
pub enum EngineArg {
    Auto,
    Milp,
    Heuristic,
}

impl EngineArg {
    /// The library's engine choice.
    pub fn choice(self) -> engine::EngineChoice {
        match self {
            EngineArg::Auto => engine::EngineChoice::Auto,
            EngineArg::Milp => engine::EngineChoice::Milp,
            EngineArg::Heuristic => engine::EngineChoice::Heuristic,
        }
    }
}

/// Read and validate; print every issue. `Ok(None)` means exit 2 was printed for.
pub fn load(path: &Path) -> Result<Option<scenario::Scenario>> {
    let read = match scenario::read_scenario(path) {
        Ok(read) => read,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(None);
        }
    };
    let issues = validate::validate(&read);
    let errors = issues.iter().filter(|i| i.is_error()).count();
    for issue in &issues {
        eprintln!("{issue}");
    }
    if errors > 0 {
        eprintln!("{}: {errors} error(s); nothing was planned", path.display());
        return Ok(None);
    }
    Ok(Some(read.scenario))
}
