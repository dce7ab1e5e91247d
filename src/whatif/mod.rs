//! What-if analysis: parameter sweeps and Monte Carlo colour-code forecasts,
//! run in parallel (one HiGHS thread per scenario), sharded over machines
//! and merged back into one table.
//!
//! [`sweep`] applies a [`grid`] of [`variant`]s to a base scenario;
//! [`forecast`] draws runs with [`sample`] and summarises them with
//! [`stats`]; [`simulate`] plays a season forward night by night; both solve through [`summary::solve`] on the [`run`] pool,
//! slice by [`shard`] and write through [`output`]; [`merge`] joins shards.

pub mod forecast;
pub mod grid;
pub mod merge;
pub mod output;
pub mod run;
pub mod sample;
pub mod season;
pub mod shard;
pub mod simulate;
pub mod stats;
pub mod summary;
pub mod sweep;
pub mod variant;

use crate::output::OutputError;

/// Why a sweep, forecast or simulation produced no table (a failing variant or run is
/// a row, not this).
#[derive(Debug, thiserror::Error)]
pub enum WhatIfError {
    /// The options are wrong: the caller's input.
    #[error("{0}")]
    Input(String),
    /// The worker threads could not be started.
    #[error("{0}")]
    Workers(String),
    /// A variant's or run's scenario could not be written to the output
    /// folder (`--write-scenarios`); the run stopped and replaced nothing.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Remembers the first output failure of parallel tasks, so the run can
/// end with it instead of a table whose files are incomplete.
#[derive(Debug, Default)]
pub(crate) struct FirstFailure(std::sync::Mutex<Option<OutputError>>);

impl FirstFailure {
    /// Keep `e` if it is the first; its message for the task's row.
    pub(crate) fn record(&self, e: OutputError) -> String {
        let message = e.to_string();
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert(e);
        message
    }

    /// The first failure, if any.
    pub(crate) fn take(self) -> Option<OutputError> {
        self.0.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}
