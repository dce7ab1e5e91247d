//! The measure use of a plan as the checker recomputes it: what each family
//! and nurse must declare, what `measures_used` must count, and the uses that
//! break a rule by themselves. `measures.rs` fills it from the facts.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::Violation;

/// Every use of a measure in the plan, recomputed (by `measures.rs`).
#[derive(Debug, Clone, Default)]
pub(super) struct Usage<'a> {
    /// What `families[].measures` must list, per family.
    pub family: BTreeMap<&'a str, BTreeSet<&'static str>>,
    /// What `nurses[].measures` must list, per nurse.
    pub nurse: BTreeMap<&'a str, BTreeSet<&'static str>>,
    /// What `measures_used` must count (ids with uses only).
    pub counts: BTreeMap<&'static str, u32>,
    /// Uses already reported under another rule (invalid ones): the plan may
    /// count up to this many more.
    pub slack: BTreeMap<&'static str, u32>,
    /// Declarations on a family that describe such an invalid use: not held against the plan.
    pub tolerated_family: BTreeSet<(&'a str, &'static str)>,
    /// The same for nurses.
    pub tolerated_nurse: BTreeSet<(&'a str, &'static str)>,
    /// Why a measure the plan declares on a family is not a use.
    pub unused_family: BTreeMap<(&'a str, &'static str), String>,
    /// Why a measure the plan declares on a nurse is not a use.
    pub unused_nurse: BTreeMap<(&'a str, &'static str), String>,
    /// Dates that need no 3 hours (a valid M-NO-STARTUP or M-SEVEN-DAYS), per family.
    pub waived: BTreeMap<&'a str, BTreeSet<NaiveDate>>,
    /// Uses that break a rule by themselves: not allowed, no consent, a
    /// short visit in combined care, a provider boundary, ONE-FAMILY-A-DAY.
    pub problems: Vec<Violation>,
}

impl<'a> Usage<'a> {
    pub(super) fn on_nurse(&mut self, n: &'a str, id: &'static str) {
        self.nurse.entry(n).or_default().insert(id);
    }

    pub(super) fn on_family(&mut self, f: &'a str, id: &'static str) {
        self.family.entry(f).or_default().insert(id);
    }

    pub(super) fn count(&mut self, id: &'static str, k: u32) {
        if k > 0 {
            *self.counts.entry(id).or_default() += k;
        }
    }

    pub(super) fn tolerate(
        &mut self,
        n: &'a str,
        families: &[&'a str],
        id: &'static str,
        slack: u32,
    ) {
        self.tolerated_nurse.insert((n, id));
        for f in families {
            self.tolerated_family.insert((f, id));
        }
        if slack > 0 {
            *self.slack.entry(id).or_default() += slack;
        }
    }

    /// The sorted ids family `f` must declare.
    pub fn family_list(&self, f: &str) -> Vec<String> {
        self.family
            .get(f)
            .map(|s| s.iter().map(|x| x.to_string()).collect())
            .unwrap_or_default()
    }

    /// The sorted ids nurse `n` must declare.
    pub fn nurse_list(&self, n: &str) -> Vec<String> {
        self.nurse
            .get(n)
            .map(|s| s.iter().map(|x| x.to_string()).collect())
            .unwrap_or_default()
    }

    /// The `measures_used` the plan must report.
    #[cfg(test)]
    pub fn measures_used(&self) -> BTreeMap<String, u32> {
        self.counts
            .iter()
            .map(|(id, k)| (id.to_string(), *k))
            .collect()
    }
}
