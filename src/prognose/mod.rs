//! `kraamplan prognose`: a stock-and-flow model of a region's workforce,
//! years ahead (Format Regioplan §1.4, "Prognose krapte middellange
//! termijn": the inflow needed 2026–2030 and the current trainees with
//! their expected outflow), described in `models/prognose.md`.
//!
//! [`run::prognose`] does it all; [`stock`] is the flow (nurses by contract class, leaving, trainees,
//! qualifying), [`calibrate`] the capacity ratio (contract hours a peak
//! birth-per-week needs, found by bisection over forecasts of the base
//! scenario with fewer or more nurses), [`params`] every parameter with
//! its source, and [`output`] the `prognose.json` and `prognose.csv` that
//! `kraamplan regioplan` reads back ([`PrognoseOutput`]).

pub mod calibrate;
pub mod output;
pub mod params;
pub mod run;
pub mod stock;

pub use output::{
    Calibration, CurrentTrainees, Parameter, PrognoseOutput, Qualifying, YearRow, FORMAT,
    OUTPUT_FILES,
};
pub use params::PrognoseParams;
pub use run::{prognose, RunOptions};

use crate::output::OutputError;

/// Why a prognosis produced no output.
#[derive(Debug, thiserror::Error)]
pub enum PrognoseError {
    /// The options or the base scenario do not allow a prognosis: every
    /// problem, each with the option, its value and the fix.
    #[error("{}", .0.join("\n"))]
    Input(Vec<String>),
    /// The calibration did not reach the target probability within its
    /// range of workforce scales, or its forecast runs failed.
    #[error("{0}")]
    Calibration(String),
    /// The worker threads could not be started.
    #[error("{0}")]
    Workers(String),
    /// The output could not be written; nothing was replaced.
    #[error(transparent)]
    Output(#[from] OutputError),
}

#[cfg(test)]
mod tests;
