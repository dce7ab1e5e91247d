//! What-if analysis: parameter sweeps and Monte Carlo colour-code forecasts,
//! run in parallel (one HiGHS thread per scenario), sharded over machines
//! and merged back into one table.
//!
//! [`sweep`] applies a [`grid`] of [`variant`]s to a base scenario;
//! [`forecast`] draws runs with [`sample`] and summarises them with
//! [`stats`]; both solve through [`summary::solve`] on the [`run`] pool,
//! slice by [`shard`] and write through [`output`]; [`merge`] joins shards.

pub mod forecast;
pub mod grid;
pub mod merge;
pub mod output;
pub mod run;
pub mod sample;
pub mod shard;
pub mod stats;
pub mod summary;
pub mod sweep;
pub mod variant;
