//! `kraamplan roll`: the scenario of the next horizon from yesterday's
//! scenario, the plan that was carried out and the night's events
//! (`models/roll.md`). Nothing is written unless the result validates.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use kraamplan::scenario::limits;
use kraamplan::{plan, roll};

use super::exit::EXIT_INPUT;
use super::load;

/// `kraamplan roll`.
#[derive(Args)]
pub struct RollArgs {
    /// The scenario the plan was made for.
    scenario: PathBuf,
    /// The plan that was carried out (it must pass `kraamplan check`).
    plan: PathBuf,
    /// First day of the new horizon (YYYY-MM-DD): after the scenario's
    /// start, at most one day after its end.
    #[arg(long, value_parser = parse_date)]
    to: NaiveDate,
    /// The night's events (`kraamplan/events@1`), applied in order.
    #[arg(long)]
    events: Option<PathBuf>,
    /// The new scenario (written atomically).
    #[arg(long)]
    out: PathBuf,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date; write YYYY-MM-DD, e.g. 2026-07-21"))
}

/// Roll, validate, write; exit 2 with every problem on bad input.
pub fn cmd_roll(a: &RollArgs) -> Result<u8> {
    let Some(s) = load(&a.scenario)? else {
        return Ok(EXIT_INPUT);
    };
    let text = match limits::read_text(&a.plan) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    let plan = match plan::Plan::from_json(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}: {e}", a.plan.display());
            return Ok(EXIT_INPUT);
        }
    };
    let events = match &a.events {
        None => Vec::new(),
        Some(path) => match roll::read_events(path) {
            Ok(events) => events,
            Err(issues) => {
                for i in &issues {
                    eprintln!("{i}");
                }
                eprintln!(
                    "{}: {} error(s); nothing was written",
                    path.display(),
                    issues.len()
                );
                return Ok(EXIT_INPUT);
            }
        },
    };
    let next = match roll::roll(&s, &plan, a.to, &events) {
        Ok(next) => next,
        Err(issues) => {
            for i in &issues {
                eprintln!("{i}");
            }
            eprintln!("roll: {} error(s); nothing was written", issues.len());
            return Ok(EXIT_INPUT);
        }
    };
    let mut json = serde_json::to_string_pretty(&next)?;
    json.push('\n');
    kraamplan::output::write_file(&a.out, json.as_bytes())?;
    println!(
        "wrote {} ({} days from {}, {} nurses, {} families, {} event(s) applied)",
        a.out.display(),
        next.days,
        next.start,
        next.nurses.len(),
        next.families.len(),
        next.events.len()
    );
    Ok(0)
}
