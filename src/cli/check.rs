//! `kraamplan validate` and `kraamplan check`: a scenario's problems, and a
//! plan against its scenario with the independent checker.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use kraamplan::scenario::limits;
use kraamplan::scenario::locks::{parse_locks, Lock};
use kraamplan::scenario::Scenario;
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

/// Read a plan file; `None` when it cannot be read (the error is printed).
pub fn read_plan(path: &Path) -> Option<plan::Plan> {
    let text = match limits::read_text(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    match plan::Plan::from_json(&text) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            None
        }
    }
}

/// Read `--visits`; `None` when it is bad (every error printed).
pub fn read_visits(s: &Scenario, path: &Path) -> Option<plan::Plan> {
    let text = match limits::read_text(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    match kraamplan::fairness::visits::plan_of_visits(s, &text, &path.display().to_string()) {
        Ok(plan) => Some(plan),
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            eprintln!(
                "{}: {} error(s); nothing was audited",
                path.display(),
                errors.len()
            );
            None
        }
    }
}

/// Read a locks file for scenario `s`; `None` when it is bad (every error is printed).
pub fn read_locks(path: &Path, s: &Scenario) -> Option<Vec<Lock>> {
    let text = match limits::read_text(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    match parse_locks(&text, s) {
        Ok(locks) => Some(locks),
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {}: {e}", path.display());
            }
            eprintln!(
                "{}: {} error(s); nothing was planned",
                path.display(),
                errors.len()
            );
            None
        }
    }
}

/// `kraamplan check`: the checker's report (exit 1 on violations); a
/// re-plan also against the previous plan and the locks, when given.
pub fn cmd_check(
    scenario_path: &Path,
    plan_path: &Path,
    previous: Option<&Path>,
    locks: Option<&Path>,
    fairness: Option<&Path>,
) -> Result<u8> {
    let Some(s) = load(scenario_path)? else {
        return Ok(EXIT_INPUT);
    };
    if let Some(audit_path) = fairness {
        return check_fairness(&s, plan_path, audit_path);
    }
    let Some(plan) = read_plan(plan_path) else {
        return Ok(EXIT_INPUT);
    };
    let previous = match previous.map(read_plan) {
        Some(None) => return Ok(EXIT_INPUT),
        Some(p) => p,
        None => None,
    };
    let locks = match locks.map(|l| read_locks(l, &s)) {
        Some(None) => return Ok(EXIT_INPUT),
        Some(l) => l,
        None => None,
    };
    let ctx = check::Context {
        previous: previous.as_ref(),
        locks: locks.as_deref(),
    };
    let report = check::check_with(&s, &plan, ctx);
    let mut stdout = std::io::stdout().lock();
    print_check(&mut stdout, &report)?;
    Ok(u8::from(!report.is_clean()))
}

/// `check --fairness`: every figure of the audit recomputed from the
/// scenario and the plan (or, for an audit of visits, the visits.csv).
fn check_fairness(s: &Scenario, plan_path: &Path, audit_path: &Path) -> Result<u8> {
    let is_csv = plan_path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let plan = if is_csv {
        read_visits(s, plan_path)
    } else {
        read_plan(plan_path)
    };
    let Some(plan) = plan else {
        return Ok(EXIT_INPUT);
    };
    let text = match limits::read_text(audit_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    let audit: plan::fairness::Audit = match serde_json::from_str(&text) {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "error: {}: not a kraamplan/fairness@1 audit: {e}",
                audit_path.display()
            );
            return Ok(EXIT_INPUT);
        }
    };
    let wrong_source = (audit.source == "visits") != is_csv;
    let violations = check::fairness::check_audit(s, &plan, &audit);
    let mut stdout = std::io::stdout().lock();
    if wrong_source {
        writeln!(
            stdout,
            "note: the audit is of {}, but {} was given",
            audit.source,
            plan_path.display()
        )?;
    }
    writeln!(
        stdout,
        "checker: fairness audit {}: {} figure(s) differ from the recomputed ones",
        audit_path.display(),
        violations.len()
    )?;
    for v in &violations {
        writeln!(stdout, "  {v}")?;
    }
    Ok(u8::from(!violations.is_empty()))
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
