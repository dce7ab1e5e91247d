//! `kraamplan report`: one self-contained HTML page for a plan (scenario
//! and plan.json), or for the folder of a sweep, forecast, simulation or
//! policy comparison. Written atomically; nothing is written on bad input.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::{check, html, output};

use super::check::read_plan;
use super::exit::EXIT_INPUT;
use super::load;

/// `kraamplan report`.
#[derive(Args)]
pub struct ReportArgs {
    /// A scenario JSON file (then give PLAN too), or an output folder of
    /// `sweep`, `forecast`, `simulate` or `fairness --compare`.
    input: PathBuf,
    /// The plan (plan.json of `solve` or `replan`) when INPUT is a scenario.
    plan: Option<PathBuf>,
    /// The HTML file to write (replaced atomically).
    #[arg(long, default_value = "report.html")]
    out: PathBuf,
}

/// Render and write; exit 2 on bad input, 1 when the checker finds the
/// plan inconsistent (the page says where), 0 otherwise.
pub fn cmd_report(a: &ReportArgs) -> Result<u8> {
    if a.out.is_dir() {
        eprintln!(
            "error: --out {} is a folder; give the HTML file to write, e.g. --out {}",
            a.out.display(),
            a.out.join(html::REPORT_FILE).display()
        );
        return Ok(EXIT_INPUT);
    }
    let (page, code) = if a.input.is_dir() {
        if let Some(plan) = &a.plan {
            eprintln!(
                "error: {} is a folder, so no plan is read: drop {} (a plan's report takes SCENARIO PLAN)",
                a.input.display(),
                plan.display()
            );
            return Ok(EXIT_INPUT);
        }
        match html::folder_report(&a.input) {
            Ok(page) => (page, 0),
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(EXIT_INPUT);
            }
        }
    } else {
        let Some(plan_path) = &a.plan else {
            eprintln!(
                "error: {} is a scenario: give its plan too, e.g. kraamplan report {} out/plan.json --out report.html",
                a.input.display(),
                a.input.display()
            );
            return Ok(EXIT_INPUT);
        };
        let Some(s) = load(&a.input)? else {
            return Ok(EXIT_INPUT);
        };
        let Some(plan) = read_plan(plan_path) else {
            return Ok(EXIT_INPUT);
        };
        let report = check::check(&s, &plan);
        let code = if report.is_clean() {
            0
        } else {
            eprintln!(
                "warning: the checker finds {} violation(s) in {}; the report lists them (run kraamplan check for all)",
                report.violations.len(),
                plan_path.display()
            );
            1
        };
        (html::plan_report(&s, &plan), code)
    };
    output::write_file(&a.out, page.as_bytes())?;
    println!(
        "report written to {} ({} KiB)",
        a.out.display(),
        page.len().div_ceil(1024)
    );
    Ok(code)
}
