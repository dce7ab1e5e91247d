//! A planner's locks for `replan` (`kraamplan/locks@1`): rows of the plan
//! already communicated that must stay as they are, and nurse–family pairs
//! that must never be planned. Locks are hard; one that cannot hold (the
//! nurse is now sick) is reported by the engine, never silently dropped.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Scenario, Shift};
use crate::domain::suggest::{closest, Reach};

/// The format tag of a locks file.
pub const LOCKS_FORMAT: &str = "kraamplan/locks@1";

/// A locks file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Locks {
    /// Must be `kraamplan/locks@1`.
    pub format: String,
    /// The locks, in any order.
    pub locks: Vec<Lock>,
}

/// One lock.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Lock {
    /// Keep the previous plan's visit of `nurse` at `family` on `date`, with
    /// its hours: the nurse and the family were told.
    Keep {
        /// Nurse id.
        nurse: String,
        /// Family id.
        family: String,
        /// Date of the visit.
        date: NaiveDate,
    },
    /// Keep the previous plan's on-call shift of `nurse` on `date`.
    KeepOncall {
        /// Nurse id.
        nurse: String,
        /// Date of the shift.
        date: NaiveDate,
        /// Which shift.
        shift: Shift,
    },
    /// Never plan `nurse` at `family` (the family asked for someone else).
    Forbid {
        /// Nurse id.
        nurse: String,
        /// Family id.
        family: String,
    },
}

impl Lock {
    /// The nurse the lock is about.
    pub fn nurse(&self) -> &str {
        match self {
            Lock::Keep { nurse, .. }
            | Lock::KeepOncall { nurse, .. }
            | Lock::Forbid { nurse, .. } => nurse,
        }
    }

    /// The family the lock is about, if any.
    pub fn family(&self) -> Option<&str> {
        match self {
            Lock::Keep { family, .. } | Lock::Forbid { family, .. } => Some(family),
            Lock::KeepOncall { .. } => None,
        }
    }

    /// One line for reports, e.g. `keep N001 at F002 on 2026-07-07`.
    pub fn describe(&self) -> String {
        match self {
            Lock::Keep {
                nurse,
                family,
                date,
            } => format!("keep {nurse} at {family} on {date}"),
            Lock::KeepOncall { nurse, date, shift } => {
                format!("keep {nurse} on call {date} {}", shift.name())
            }
            Lock::Forbid { nurse, family } => format!("forbid {nurse} at {family}"),
        }
    }
}

/// Parse a locks file and check it against the scenario it is for: every
/// problem at once, each naming the field, the value and the fix.
pub fn parse_locks(text: &str, s: &Scenario) -> Result<Vec<Lock>, Vec<String>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let locks: Locks = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        vec![format!(
            "locks: invalid at `{path}`: {} — see docs/format.md, Locks",
            e.into_inner()
        )]
    })?;
    de.end().map_err(|e| {
        vec![format!(
            "locks: more text after the end, at line {} column {} — a file holds one object",
            e.line(),
            e.column()
        )]
    })?;
    let mut errors = Vec::new();
    if locks.format != LOCKS_FORMAT {
        errors.push(format!(
            "locks.format = {:?}: not {LOCKS_FORMAT:?} — set it to {LOCKS_FORMAT:?}",
            locks.format
        ));
    }
    let nurses: Vec<&str> = s.nurses.iter().map(|n| n.id.as_str()).collect();
    let families: Vec<&str> = s.families.iter().map(|f| f.id.as_str()).collect();
    let unknown = |what: &str, field: String, id: &str, known: &[&str]| {
        let hint = closest(id, known.iter().copied(), Reach::ThirdOfWord)
            .map(|c| format!("did you mean {c:?}?"))
            .unwrap_or_else(|| format!("use a {what} id of the scenario"));
        format!("{field} = {id:?}: no {what} of that id in the scenario — {hint}")
    };
    let (start, end) = (s.start, s.end());
    for (i, l) in locks.locks.iter().enumerate() {
        if !nurses.contains(&l.nurse()) {
            errors.push(unknown(
                "nurse",
                format!("locks[{i}].nurse"),
                l.nurse(),
                &nurses,
            ));
        }
        if let Some(f) = l.family().filter(|f| !families.contains(f)) {
            errors.push(unknown(
                "family",
                format!("locks[{i}].family"),
                f,
                &families,
            ));
        }
        if let Lock::Keep { date, .. } | Lock::KeepOncall { date, .. } = l {
            if *date < start || *date > end {
                errors.push(format!(
                    "locks[{i}].date = {date}: outside the horizon {start} … {end} — lock only days being planned"
                ));
            }
        }
        if locks.locks[..i].contains(l) {
            errors.push(format!(
                "locks[{i}]: {} is listed twice — remove one",
                l.describe()
            ));
        }
    }
    if errors.is_empty() {
        Ok(locks.locks)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Tiny;

    #[test]
    fn locks_are_read_and_every_bad_one_is_named() {
        let s = Tiny::new(1).family("F1", "2026-07-06", 2).days(2).build();
        let ok = r#"{"format": "kraamplan/locks@1", "locks": [
            {"kind": "keep", "nurse": "N1", "family": "F1", "date": "2026-07-06"},
            {"kind": "keep_oncall", "nurse": "N1", "date": "2026-07-07", "shift": "night"},
            {"kind": "forbid", "nurse": "N1", "family": "F1"}]}"#;
        let locks = parse_locks(ok, &s).unwrap();
        assert_eq!(locks.len(), 3);
        assert_eq!(locks[2].describe(), "forbid N1 at F1");
        let bad = r#"{"format": "kraamplan/locks@2", "locks": [
            {"kind": "keep", "nurse": "N2", "family": "F1", "date": "2026-07-09"},
            {"kind": "forbid", "nurse": "N1", "family": "F7"},
            {"kind": "forbid", "nurse": "N1", "family": "F7"}]}"#;
        let errors = parse_locks(bad, &s).unwrap_err();
        let all = errors.join("\n");
        for needle in [
            "locks.format",
            "locks[0].nurse = \"N2\"",
            "did you mean \"N1\"",
            "locks[0].date = 2026-07-09: outside",
            "locks[1].family = \"F7\"",
            "locks[2]: forbid N1 at F7 is listed twice",
        ] {
            assert!(all.contains(needle), "{needle} in {all}");
        }
        let typo = r#"{"format": "kraamplan/locks@1", "locks": [{"kind": "keep", "nurse": "N1", "famly": "F1", "date": "2026-07-06"}]}"#;
        assert!(parse_locks(typo, &s).unwrap_err()[0].contains("locks[0]"));
    }
}
