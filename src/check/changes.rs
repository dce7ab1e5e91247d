//! The difference of two plans, row by row (`models/replan.md`, What a
//! change is). The checker owns it: a re-plan's `changes[]`, its counts and
//! its change levels must equal what this recomputes from the two plan
//! files; the engine writes `changes[]` with it too, while the engines'
//! own counts (`model::baseline::Problem::notices`, the MILP's rows) are
//! held to it by the checker.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::domain::calendar::add_days;
use crate::model::baseline::{ONCALL_NOTICES, VISIT_NOTICES};
use crate::plan::replan::{Change, ChangeKind, ReplanSummary, Side};
use crate::plan::Plan;
use crate::scenario::Shift;

/// Which days a re-plan's changes count on.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// First day of the new horizon.
    pub start: NaiveDate,
    /// Days of the notice window.
    pub notice_days: u32,
    /// The last day both plans cover (the earlier of the two ends).
    pub until: NaiveDate,
}

impl Frame {
    fn counts(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.until
    }

    fn notice(&self, d: NaiveDate) -> bool {
        d < add_days(self.start, i64::from(self.notice_days))
    }
}

/// Every change of `plan` against `previous` on the days of `frame`, in
/// order of date, then family or shift. `why` is left empty.
pub fn diff(previous: &Plan, plan: &Plan, frame: Frame) -> Vec<Change> {
    let (before, after) = (visits(previous, frame), visits(plan, frame));
    let mut out = Vec::new();
    let keys: BTreeSet<_> = before.keys().chain(after.keys()).copied().collect();
    let empty = BTreeMap::new();
    for key @ (date, family) in keys {
        let (b, a) = (
            before.get(&key).unwrap_or(&empty),
            after.get(&key).unwrap_or(&empty),
        );
        let change = |kind, before: Option<(&str, u32)>, after: Option<(&str, u32)>, rows: u32| {
            let side = |s: Option<(&str, u32)>| {
                s.map(|(n, h)| Side {
                    nurse: n.to_string(),
                    hours: Some(h),
                })
            };
            Change {
                date,
                kind,
                family: Some(family.to_string()),
                shift: None,
                before: side(before),
                after: side(after),
                notice: frame.notice(date),
                notices: rows * VISIT_NOTICES,
                why: Vec::new(),
            }
        };
        for (&n, &h) in b {
            if let Some(&h2) = a.get(n).filter(|&&h2| h2 != h) {
                out.push(change(
                    ChangeKind::HoursChanged,
                    Some((n, h)),
                    Some((n, h2)),
                    1,
                ));
            }
        }
        let gone: Vec<(&str, u32)> = b
            .iter()
            .filter(|(n, _)| !a.contains_key(*n))
            .map(|(&n, &h)| (n, h))
            .collect();
        let new: Vec<(&str, u32)> = a
            .iter()
            .filter(|(n, _)| !b.contains_key(*n))
            .map(|(&n, &h)| (n, h))
            .collect();
        for i in 0..gone.len().max(new.len()) {
            out.push(match (gone.get(i), new.get(i)) {
                (Some(&g), Some(&n)) => change(ChangeKind::VisitMoved, Some(g), Some(n), 2),
                (Some(&g), None) => change(ChangeKind::VisitRemoved, Some(g), None, 1),
                (None, Some(&n)) => change(ChangeKind::VisitAdded, None, Some(n), 1),
                (None, None) => unreachable!("i is below one of the lengths"),
            });
        }
    }
    let (before, after) = (shifts(previous, frame), shifts(plan, frame));
    let keys: BTreeSet<_> = before.keys().chain(after.keys()).copied().collect();
    let none = BTreeSet::new();
    for key @ (date, shift) in keys {
        let (b, a) = (
            before.get(&key).unwrap_or(&none),
            after.get(&key).unwrap_or(&none),
        );
        let gone: Vec<&str> = b.difference(a).copied().collect();
        let new: Vec<&str> = a.difference(b).copied().collect();
        let side = |n: Option<&&str>| {
            n.map(|n| Side {
                nurse: n.to_string(),
                hours: None,
            })
        };
        for i in 0..gone.len().max(new.len()) {
            let (g, n) = (gone.get(i), new.get(i));
            let (kind, rows) = match (g, n) {
                (Some(_), Some(_)) => (ChangeKind::OncallMoved, 2),
                (Some(_), None) => (ChangeKind::OncallRemoved, 1),
                _ => (ChangeKind::OncallAdded, 1),
            };
            out.push(Change {
                date,
                kind,
                family: None,
                shift: Some(shift),
                before: side(g),
                after: side(n),
                notice: frame.notice(date),
                notices: rows * ONCALL_NOTICES,
                why: Vec::new(),
            });
        }
    }
    out.sort_by(|x, y| {
        (x.date, &x.family, x.shift, x.kind).cmp(&(y.date, &y.family, y.shift, y.kind))
    });
    out
}

/// Hours per nurse of every (date, family) on the frame's days.
fn visits(p: &Plan, frame: Frame) -> BTreeMap<(NaiveDate, &str), BTreeMap<&str, u32>> {
    let mut out: BTreeMap<(NaiveDate, &str), BTreeMap<&str, u32>> = BTreeMap::new();
    for v in p.visits.iter().filter(|v| frame.counts(v.date)) {
        *out.entry((v.date, v.family.as_str()))
            .or_default()
            .entry(v.nurse.as_str())
            .or_default() += v.hours;
    }
    out
}

/// Nurses on call per (date, shift) on the frame's days.
fn shifts(p: &Plan, frame: Frame) -> BTreeMap<(NaiveDate, Shift), BTreeSet<&str>> {
    let mut out: BTreeMap<(NaiveDate, Shift), BTreeSet<&str>> = BTreeMap::new();
    for o in p.oncall.iter().filter(|o| frame.counts(o.date)) {
        out.entry((o.date, o.shift))
            .or_default()
            .insert(o.nurse.as_str());
    }
    out
}

/// The counts of `changes`, with the previous plan's families below the
/// floor and pool shifts short.
pub fn summarize(changes: &[Change], previous_below: u32, previous_pool: u32) -> ReplanSummary {
    let mut s = ReplanSummary {
        previous_below_floor: previous_below,
        previous_pool_shortfall: previous_pool,
        ..ReplanSummary::default()
    };
    let mut nurses = BTreeSet::new();
    let mut families = BTreeSet::new();
    for c in changes {
        if c.notice {
            s.notice_changes += 1;
            s.notice_notices += c.notices;
            nurses.extend(c.before.iter().chain(&c.after).map(|x| x.nurse.as_str()));
            families.extend(c.family.as_deref());
        } else {
            s.draft_changes += 1;
            s.draft_notices += c.notices;
        }
    }
    s.nurses_to_call = nurses.len() as u32;
    s.families_to_call = families.len() as u32;
    s
}
