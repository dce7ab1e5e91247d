//! # kraamplan
//!
//! An optimisation engine for Dutch maternity care (kraamzorg) in times of
//! scarcity. It reads a scenario (nurses, families, rules of the Normenkader,
//! the Working Hours Act and the CAO), assigns nurses to families day by day
//! as a MILP solved by HiGHS, checks the result with an independent checker
//! and reports who falls below the minimum-care floor and whether any plan
//! could have avoided it.
//!
//! Data flow: [`scenario`] (wire types) → [`validate`] → [`model`] (indexed
//! problem) → [`milp`] → [`plan`] (output) → [`check`] (independent checker),
//! with [`report`] for the summary and [`output`] writing a command's files
//! as one set; [`roll`] moves a scenario to the next horizon (the nightly
//! step: a carried-out plan as history, the night's events applied).
//!
//! ```no_run
//! use kraamplan::{scenario, scenario::validate, model, engine, milp, check};
//! let read = scenario::read_scenario("scenarios/default.json".as_ref()).unwrap();
//! let issues = validate::validate(&read);
//! assert!(issues.iter().all(|i| !i.is_error()));
//! let problem = model::Problem::build(&read.scenario).unwrap();
//! let plan = engine::milp_plan(&problem, &milp::SolveConfig::default()).unwrap();
//! let report = check::check(&read.scenario, &plan);
//! assert!(report.violations.is_empty());
//! ```
#![warn(missing_docs)]

pub mod bench;
pub mod check;
pub mod domain;
pub mod engine;
pub mod fairness;
pub mod generate;
pub mod heuristic;
pub mod html;
pub mod milp;
pub mod model;
pub mod output;
pub mod plan;
pub mod prognose;
pub mod regioplan;
pub mod roll;
pub mod scenario;
pub mod sheets;
pub mod whatif;

#[cfg(test)]
pub(crate) mod testkit;
