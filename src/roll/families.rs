//! The families after the roll: hours and nurses of the carried-out days
//! added, ended episodes dropped, bookings kept as bookings.

use chrono::NaiveDate;

use crate::domain::calendar::add_days;
use crate::plan::Plan;
use crate::scenario::{Family, Scenario};

/// Last day of a family's episode.
pub(super) fn last_day(f: &Family) -> NaiveDate {
    add_days(f.care_start, i64::from(f.care_days) - 1)
}

/// The families of the horizon starting at `to`.
///
/// A family in care gets the planned hours before `to` in `delivered_before`
/// and the nurses who visited it in `known_nurses` (first visit first); it
/// drops out once its episode ends before `to`. A booking (`due`) was not
/// born by `to` — a birth comes as an event — so its planned visits did not
/// happen: it keeps its figures, and an expected birth before `to` moves to
/// `to` (hospital days outside the moved episode go).
pub(super) fn carry_families(s: &Scenario, plan: &Plan, to: NaiveDate) -> Vec<Family> {
    let done = |d: NaiveDate| s.start <= d && d < to && d <= s.end();
    let mut visits: Vec<_> = plan
        .visits
        .iter()
        .filter(|v| v.hours > 0 && done(v.date) && s.nurses.iter().any(|n| n.id == v.nurse))
        .collect();
    visits.sort_by_key(|v| v.date);
    let mut out = Vec::new();
    for f in &s.families {
        let mut f = f.clone();
        if f.due.is_some() {
            if f.care_start < to {
                f.care_start = to;
                let last = last_day(&f);
                f.hospital.retain(|d| *d >= to && *d <= last);
            }
            out.push(f);
            continue;
        }
        if last_day(&f) < to {
            continue;
        }
        for v in visits.iter().filter(|v| v.family == f.id) {
            f.delivered_before += v.hours;
            if !f.known_nurses.contains(&v.nurse) {
                f.known_nurses.push(v.nurse.clone());
            }
        }
        out.push(f);
    }
    out
}
