//! The night's events applied, in order, to the rolled scenario. Each is
//! checked first against the scenario as the events before it left it
//! ([`check_event`]); one that does not fit is reported and skipped, so the
//! report lists every problem at once.

use chrono::NaiveDate;

use crate::domain::calendar::add_days;
use crate::scenario::events::{check_event, Event};
use crate::scenario::validate::Issue;
use crate::scenario::Scenario;

/// Apply `events` to `s`; every problem found, or nothing.
pub(super) fn apply_events(s: &mut Scenario, events: &[Event]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let found = check_event(s, i, e);
        if found.is_empty() {
            apply(s, e);
        } else {
            issues.extend(found);
        }
    }
    issues
}

/// The dates `from ..= to`.
fn dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    (0..=(to - from).num_days().max(-1)).map(move |k| add_days(from, k))
}

/// Add dates to a sorted list without duplicates.
fn add_dates(list: &mut Vec<NaiveDate>, new: impl Iterator<Item = NaiveDate>) {
    list.extend(new);
    list.sort();
    list.dedup();
}

/// Apply one event that [`check_event`] accepted.
fn apply(s: &mut Scenario, e: &Event) {
    let end = s.end();
    let start = s.start;
    let nurse = |s: &mut Scenario, id: &str| s.nurses.iter_mut().position(|n| n.id == id);
    match e {
        Event::Birth {
            family,
            date,
            arrival,
            hospital,
            new_family,
        } => {
            if let Some(f) = new_family {
                s.families.push((**f).clone());
            } else if let (Some(id), Some(d)) = (family, date) {
                if let Some(f) = s.families.iter_mut().find(|f| &f.id == id) {
                    f.care_start = *d;
                    f.due = None;
                    if let Some(a) = arrival {
                        f.arrival = *a;
                    }
                    let last = add_days(*d, i64::from(f.care_days) - 1);
                    f.hospital.retain(|h| *h >= *d && *h <= last);
                    add_dates(&mut f.hospital, hospital.iter().copied());
                }
            }
        }
        Event::Sick {
            nurse: id,
            from,
            to,
        } => {
            if let Some(k) = nurse(s, id) {
                add_dates(&mut s.nurses[k].off, dates(*from, to.unwrap_or(end)));
            }
        }
        Event::Recovery { nurse: id, from } => {
            if let Some(k) = nurse(s, id) {
                s.nurses[k].off.retain(|d| d < from);
            }
        }
        Event::Hospital { family, from, to } => {
            if let Some(f) = s.families.iter_mut().find(|f| &f.id == family) {
                add_dates(&mut f.hospital, dates(*from, to.unwrap_or(*from)));
            }
        }
        Event::Discharge { family, date } => {
            if let Some(f) = s.families.iter_mut().find(|f| &f.id == family) {
                f.hospital.retain(|d| d < date);
            }
        }
        Event::Cancellation { family } => s.families.retain(|f| &f.id != family),
        Event::NurseJoins { nurse } => s.nurses.push((**nurse).clone()),
        Event::NurseLeaves { nurse: id, date } => {
            if *date <= start {
                s.nurses.retain(|n| &n.id != id);
                for f in &mut s.families {
                    f.known_nurses.retain(|n| n != id);
                }
            } else if let Some(k) = nurse(s, id) {
                add_dates(&mut s.nurses[k].off, dates(*date, end));
            }
        }
        Event::Indication {
            family,
            indicated_hours,
        } => {
            if let Some(f) = s.families.iter_mut().find(|f| &f.id == family) {
                f.indicated_hours = *indicated_hours;
            }
        }
    }
}
