//! `kraamplan validate` and `kraamplan check`: a scenario's problems, and a
//! plan against its scenario with the independent checker.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use kraamplan::scenario::limits;
use kraamplan::{check, plan};

use super::exit::EXIT_INPUT;
use super::load;

/// `kraamplan validate`: every problem of the scenario at once (exit 2 on errors).
pub fn cmd_validate(path: &Path) -> Result<u8> {
    match load(path)? {
        Some(s) => {
            let mut stdout = std::io::stdout().lock();
            writeln!(
                stdout,
                "{}: valid ({} providers, {} nurses, {} families, {} days from {})",
                path.display(),
                s.providers.len(),
                s.nurses.len(),
                s.families.len(),
                s.days,
                s.start
            )?;
            Ok(0)
        }
        None => Ok(EXIT_INPUT),
    }
}

/// `kraamplan check`: the checker's report (exit 1 on violations).
pub fn cmd_check(scenario_path: &Path, plan_path: &Path) -> Result<u8> {
    let Some(s) = load(scenario_path)? else {
        return Ok(EXIT_INPUT);
    };
    let text = match limits::read_text(plan_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    let plan = match plan::Plan::from_json(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}: {e}", plan_path.display());
            return Ok(EXIT_INPUT);
        }
    };
    let report = check::check(&s, &plan);
    let mut stdout = std::io::stdout().lock();
    print_check(&mut stdout, &report)?;
    Ok(u8::from(!report.is_clean()))
}

/// The checker's report: violations, families below the floor, what the
/// plan cannot show.
pub fn print_check(out: &mut impl Write, report: &check::CheckReport) -> Result<()> {
    writeln!(
        out,
        "checker: {} violation(s); families below the floor: {}",
        report.violations.len(),
        report.findings.len()
    )?;
    for v in &report.violations {
        writeln!(out, "  {v}")?;
    }
    for f in &report.findings {
        writeln!(out, "  {f}")?;
    }
    if !report.unverified.is_empty() {
        writeln!(
            out,
            "checker: not verifiable from the plan (consistent with its figures):"
        )?;
        for u in &report.unverified {
            writeln!(out, "  {u}")?;
        }
    }
    Ok(())
}
