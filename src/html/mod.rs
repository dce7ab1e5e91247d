//! `kraamplan report`: one self-contained HTML page (inline SVG charts,
//! inline styles and script, no network) for a plan, or for the folder of a
//! sweep, forecast, simulation or policy comparison.
//!
//! The page shows what the plan says and what the independent checker
//! recomputes: coverage and short days come from [`crate::check`], shares
//! per provider and insurer from [`crate::fairness`], so the picture and
//! the audit agree.

mod changes;
mod coverage;
mod distribution;
pub mod folder;
pub mod page;
mod pool;
pub mod regioplan;
mod roster;
mod summary;
pub mod svg;
pub mod table;

use crate::plan::Plan;
use crate::scenario::Scenario;

pub use folder::{folder_report, FolderError, FOLDER_FILES};

/// The report file `solve --html` and `replan --html` write beside the plan.
pub const REPORT_FILE: &str = "report.html";

/// The report of `plan` for scenario `s`.
pub fn plan_report(s: &Scenario, plan: &Plan) -> String {
    let check = crate::check::check(s, plan);
    let outcomes = crate::check::family_outcomes(s, plan);
    let end = crate::domain::calendar::add_days(s.start, i64::from(s.days) - 1);
    let mut page = page::Page::new(
        &format!("kraamplan — {}", s.name),
        &format!(
            "{} to {} ({} days) · {} providers, {} nurses, {} families · engine {} ({})",
            s.start,
            end,
            s.days,
            s.providers.len(),
            s.nurses.len(),
            s.families.len(),
            plan.engine.name,
            plan.engine.status
        ),
    );
    page.section(
        "summary",
        "Summary",
        summary::head(plan, outcomes.len(), &check),
    );
    page.section(
        "colours",
        "Colour codes per week and provider",
        summary::weeks(plan),
    );
    if let Some(r) = &plan.replan {
        page.section(
            "replan",
            "Re-plan: changes and people to call",
            changes::changes(r),
        );
    }
    let mut body = roster::legend(plan.replan.is_some());
    body.push_str(&roster::roster(s, plan));
    page.section("roster", "Roster: nurses × days", body);
    let mut body = coverage::legend();
    body.push_str(&coverage::coverage(s, plan, &outcomes));
    page.section("coverage", "Coverage: families × days", body);
    page.section("pool", "Partus pool per shift", pool::pool(plan));
    page.section(
        "fairness",
        "Fairness: shares of the indication",
        distribution::fairness(s, plan, &outcomes),
    );
    page.section(
        "continuity",
        "Continuity: nurses per family",
        distribution::continuity(&outcomes),
    );
    page.section("engine", "Engine, levels and bounds", summary::engine(plan));
    page.section(
        "text",
        "Summary as printed",
        format!(
            "<pre>{}</pre>",
            page::esc(&crate::plan::report::summary(plan, s))
        ),
    );
    page.render()
}

#[cfg(test)]
mod tests;
