//! Input checks run before any model is built (style.md point 3).
//!
//! Every input rule is one small function listed in `CHECKS`; [`validate`] runs them
//! all and returns every problem at once, so a planner fixes a file in one pass
//! instead of one error per run. Each [`Issue`] names a code (`V-…`), the JSON
//! path of the offending field, its value, the cause and a concrete fix.
//! Errors make a scenario unusable; warnings flag input that is legal but
//! probably not what the planner meant. Validation never panics on input.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::domain::geo::in_netherlands;
use crate::domain::rules::RuleId;
use crate::scenario::limits;
use crate::scenario::{
    defaults, Family, Nurse, ReadScenario, Role, Scenario, Shift, MEASURE_IDS, SCENARIO_FORMAT,
};

mod families;
mod fields;
mod kraamcentrum;
mod paths;
mod people;
mod pool;
pub use kraamcentrum::{MAX_BEDS, SIZE_RANGE};
pub use pool::MAX_MIN_ON_CALL;
mod scenario_checks;

use families::*;
use fields::*;
use kraamcentrum::*;
use paths::*;
use people::*;
use pool::*;
use scenario_checks::*;

/// Measures that apply only to nurses who consented in writing (`models/rules.md`).
pub const NEEDS_CONSENT: &[&str] = &[
    RuleId::MCombined.id(),
    RuleId::MReducedRest.id(),
    RuleId::MFlex.id(),
];

/// The longest horizon, in days (six weeks keep the MILP tractable).
pub const MAX_DAYS: u32 = 42;

/// How far back `history.worked` / `history.oncall` / `history.oncall_nights` may reach: 16 weeks, the
/// longest window any rule (ATW-AVG-16W) looks at.
const HISTORY_DAYS: u64 = 112;

/// Whether an issue blocks solving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The scenario cannot be planned as given.
    Error,
    /// Legal input that is probably not what the planner meant.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Stable code (`V-CONTRACT`, …) a planner can look up.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// JSON path of the field, e.g. `nurses[2].contract_min`.
    pub field: String,
    /// The offending value as found in the input.
    pub value: String,
    /// What is wrong, naming the object's id.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Issue {
    /// True for [`Severity::Error`]: the scenario must not be solved.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}] {}", self.severity, self.code, self.field)?;
        if !self.value.is_empty() {
            write!(f, " = {}", self.value)?;
        }
        write!(f, ": {}", self.message)?;
        if !self.fix.is_empty() {
            write!(f, " — {}", self.fix)?;
        }
        Ok(())
    }
}

/// The errors (not the warnings) of a scenario made in memory — a sweep
/// variant, a forecast run — one line each.
pub fn errors(s: &Scenario) -> Vec<String> {
    let read = ReadScenario {
        scenario: s.clone(),
        unknown_fields: Vec::new(),
    };
    validate(&read)
        .into_iter()
        .filter(Issue::is_error)
        .map(|i| i.to_string())
        .collect()
}

/// Check a scenario against every input rule; errors first, then warnings,
/// each group in the order of the fields in the file.
pub fn validate(read: &ReadScenario) -> Vec<Issue> {
    let input = Input {
        s: &read.scenario,
        unknown_fields: &read.unknown_fields,
        horizon: Horizon::of(&read.scenario),
    };
    let mut issues = Vec::new();
    for check in CHECKS {
        check(&input, &mut issues);
    }
    // Stable sort: issues on the same field keep the order their checks found them.
    issues.sort_by_cached_key(|i| (i.severity, path_rank(&i.field)));
    issues
}

/// What every check sees.
struct Input<'a> {
    s: &'a Scenario,
    unknown_fields: &'a [String],
    /// `None` when `days` is invalid: checks against the horizon end are then
    /// skipped rather than flooding the report with follow-up errors.
    horizon: Option<Horizon>,
}

type Check = fn(&Input, &mut Vec<Issue>);

/// Every input rule, in the order of the format description.
const CHECKS: &[Check] = &[
    check_format,
    check_horizon,
    check_date_range,
    check_unknown_fields,
    check_rules,
    check_measures,
    check_unmodelled_measures,
    check_ids,
    check_refs,
    check_contracts,
    check_roles,
    check_coordinates,
    check_off_dates,
    check_history_dates,
    check_history_nights,
    check_duplicate_dates,
    check_history_hours,
    check_care_days,
    check_episode_in_horizon,
    check_due,
    check_indication,
    check_hospital,
    check_priority,
    check_insurer,
    check_waitlist,
    check_pool,
    check_pool_dates,
    check_kraamcentrum,
];

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

/// An error issue (one shared constructor for validation, events and roll).
pub(crate) fn error(
    code: &'static str,
    field: impl Into<String>,
    value: impl ToString,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> Issue {
    Issue {
        code,
        severity: Severity::Error,
        field: field.into(),
        value: value.to_string(),
        message: message.into(),
        fix: fix.into(),
    }
}

fn warning(
    code: &'static str,
    field: impl Into<String>,
    value: impl ToString,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> Issue {
    Issue {
        severity: Severity::Warning,
        ..error(code, field, value, message, fix)
    }
}

/// An id for messages; an empty one is made visible.
fn id(id: &str) -> &str {
    if id.trim().is_empty() {
        "(no id)"
    } else {
        id
    }
}

fn allows(s: &Scenario, measure: &str) -> bool {
    s.measures.iter().any(|m| m == measure)
}

fn shift_name(s: Shift) -> &'static str {
    s.name()
}

fn measure_fix(m: &str) -> String {
    match closest(m, MEASURE_IDS.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("use one of: {}", MEASURE_IDS.join(", ")),
    }
}

/// Fix text for a dangling reference: the closest id, and the ids that exist.
fn ref_fix(bad: &str, kind: &str, known: &[&str], otherwise: &str) -> String {
    const SHOWN: usize = 8;
    let list = if known.is_empty() {
        format!("no {kind}s are defined")
    } else {
        let mut l = known
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if known.len() > SHOWN {
            l.push_str(", …");
        }
        format!("known {kind}s: {l}")
    };
    match closest(bad, known.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? ({list})"),
        None => format!("{otherwise} ({list})"),
    }
}

/// The planning horizon `start … end` (inclusive).
#[derive(Debug, Clone, Copy)]
struct Horizon {
    start: NaiveDate,
    end: NaiveDate,
}

impl Horizon {
    fn of(s: &Scenario) -> Option<Horizon> {
        if !(1..=MAX_DAYS).contains(&s.days) {
            return None;
        }
        let end = s.start.checked_add_days(Days::new(u64::from(s.days) - 1))?;
        if !limits::date_supported(s.start) || !limits::date_supported(end) {
            return None; // check_date_range reports it
        }
        Some(Horizon {
            start: s.start,
            end,
        })
    }

    fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    fn fix(&self) -> String {
        format!(
            "use a date between {} and {}, or remove it",
            self.start, self.end
        )
    }
}

/// First and last day of a family's episode; `None` when `care_days` is
/// invalid (reported by V-CARE-DAYS) so follow-up checks stay quiet.
fn episode(f: &Family) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=10).contains(&f.care_days) {
        return None;
    }
    let last = f
        .care_start
        .checked_add_days(Days::new(u64::from(f.care_days) - 1))?;
    Some((f.care_start, last))
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a plausible typo (about one edit per three characters).
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    crate::domain::suggest::closest(word, candidates, crate::domain::suggest::Reach::ThirdOfWord)
}

#[cfg(test)]
mod tests;
