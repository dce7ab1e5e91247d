//! `kraamplan roll`: the nightly step from one horizon to the next
//! (`models/roll.md`). The days of a checked plan before the new start are
//! carried out and become history — the nurses' worked dates and hours, the
//! families' delivered hours and known nurses — the horizon moves to the new
//! start with its length kept, and the night's events (births, sickness,
//! hospital stays …, [`crate::scenario::events`]) are applied in order.
//! The result validates, or `roll` says why and returns nothing.

mod apply;
mod families;
mod history;
mod hours;
mod pool;

use chrono::NaiveDate;

use crate::domain::calendar::add_days;
use crate::plan::Plan;
use crate::scenario::validate::{self, error as issue, Issue};
use crate::scenario::{ReadScenario, Scenario};

pub use crate::scenario::events::{parse_events, read_events, Event, EVENTS_FORMAT};

/// The scenario of the horizon starting at `to`: `s` with the days of
/// `plan` before `to` carried out and `events` applied. `s` must be valid,
/// `plan` its checker-clean plan, and `s.start < to <= s.end() + 1`; every
/// problem (of the arguments, of the events, or of the result's validation)
/// comes back at once, and then no scenario.
pub fn roll(
    s: &Scenario,
    plan: &Plan,
    to: NaiveDate,
    events: &[Event],
) -> Result<Scenario, Vec<Issue>> {
    let mut issues = Vec::new();
    let latest = add_days(s.end(), 1);
    if to <= s.start || to > latest {
        issues.push(issue(
            "V-ROLL-DATE",
            "--to",
            to,
            format!(
                "the new start must lie after the scenario's start {} and at most one day after its end {}",
                s.start,
                s.end()
            ),
            format!("use a date from {} to {latest}", add_days(s.start, 1)),
        ));
    }
    if plan.scenario != s.name {
        issues.push(issue(
            "V-ROLL-PLAN",
            "plan.scenario",
            format!("{:?}", plan.scenario),
            format!("the plan is for another scenario than {:?}", s.name),
            "roll the plan that was made for this scenario",
        ));
    } else {
        for v in crate::check::check(s, plan).violations {
            issues.push(issue(
                "V-ROLL-PLAN",
                "plan",
                v.rule.id(),
                v.message,
                "roll only a plan that passes `kraamplan check`",
            ));
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }

    let days = hours::carried_out(s, plan, to);
    let mut next = s.clone();
    next.name = rolled_name(&s.name, to);
    next.start = to;
    for n in &mut next.nurses {
        n.history = history::roll_history(&n.history, days.get(n.id.as_str()), s.start, to);
        n.off.retain(|d| *d >= to);
    }
    next.families = families::carry_families(s, plan, to);
    let new_end = next.end();
    next.partus_pool = s
        .partus_pool
        .as_ref()
        .map(|p| pool::carry_pool(p, s.end(), to, new_end));
    next.events = Vec::new();

    let issues = apply::apply_events(&mut next, events);
    if !issues.is_empty() {
        return Err(issues);
    }
    next.events = events.to_vec();

    let read = ReadScenario {
        scenario: next,
        unknown_fields: Vec::new(),
    };
    let errors: Vec<Issue> = validate::validate(&read)
        .into_iter()
        .filter(Issue::is_error)
        .map(|i| Issue {
            message: format!("in the rolled scenario: {}", i.message),
            ..i
        })
        .collect();
    if errors.is_empty() {
        Ok(read.scenario)
    } else {
        Err(errors)
    }
}

/// The name of the rolled scenario: a trailing date replaced by `to`, or
/// `, rolled to DATE` added (once).
pub fn rolled_name(name: &str, to: NaiveDate) -> String {
    const MARK: &str = ", rolled to ";
    if let Some(at) = name.rfind(MARK) {
        return format!("{}{MARK}{to}", &name[..at]);
    }
    let bytes = name.len();
    if bytes >= 10 && name.is_char_boundary(bytes - 10) {
        let tail = &name[bytes - 10..];
        if NaiveDate::parse_from_str(tail, "%Y-%m-%d").is_ok() {
            return format!("{}{to}", &name[..bytes - 10]);
        }
    }
    format!("{name}{MARK}{to}")
}

#[cfg(test)]
mod tests;
