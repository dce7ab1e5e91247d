//! A nurse's history after the roll: the carried-out days appended to the
//! dates worked, on call and on night call, and their hours to the weeks.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::hours::DayWork;
use crate::domain::calendar::{add_days, monday_of};
use crate::scenario::History;

/// How far back `history.worked` / `history.oncall` / `history.oncall_nights` are kept: the 16 weeks
/// validation allows (and ATW-AVG-16W reads).
pub(super) const HISTORY_DAYS: i64 = 112;

/// How many complete weeks `history.weekly_hours` keeps: ATW-AVG-16W reads 16.
pub(super) const HISTORY_WEEKS: usize = 16;

/// Whole hours of a week: rounded up, since `weekly_hours` are whole hours
/// and rounding up never hides an ATW breach (a hair of float noise aside).
fn whole(hours: f64) -> u32 {
    let up = (hours - 1e-6).ceil();
    if up <= 0.0 {
        0
    } else {
        up as u32
    }
}

/// The history as of `to`, from the history as of `old_start` and the
/// carried-out days `days` (all in `old_start … to − 1`).
pub(super) fn roll_history(
    old: &History,
    days: Option<&BTreeMap<NaiveDate, DayWork>>,
    old_start: NaiveDate,
    to: NaiveDate,
) -> History {
    let empty = BTreeMap::new();
    let days = days.unwrap_or(&empty);
    let earliest = add_days(to, -HISTORY_DAYS);
    let keep = |d: &NaiveDate| earliest <= *d && *d < to;
    let dates = |before: &[NaiveDate], carried: fn(&DayWork) -> bool| {
        let mut all: Vec<NaiveDate> = before
            .iter()
            .copied()
            .chain(days.iter().filter(|(_, w)| carried(w)).map(|(d, _)| *d))
            .filter(keep)
            .collect();
        all.sort();
        all.dedup();
        all
    };
    let worked = dates(&old.worked, |_| true);
    let oncall = dates(&old.oncall, |w| w.oncall);
    // The shift, not only the date: a night on `to − 1` keeps `to` free.
    let oncall_nights = dates(&old.oncall_nights, |w| w.night);

    let first_week = monday_of(old_start);
    let week_of_to = monday_of(to);
    let hours_in = |monday: NaiveDate, until: NaiveDate| -> f64 {
        let carried: f64 = days.range(monday..until).map(|(_, w)| w.hours).sum();
        let before = if monday == first_week {
            f64::from(old.current_week_hours)
        } else {
            0.0
        };
        carried + before
    };
    let mut weekly_hours = old.weekly_hours.clone();
    let mut monday = first_week;
    while monday < week_of_to {
        weekly_hours.push(whole(hours_in(monday, add_days(monday, 7))));
        monday = add_days(monday, 7);
    }
    if weekly_hours.len() > HISTORY_WEEKS {
        weekly_hours.drain(..weekly_hours.len() - HISTORY_WEEKS);
    }
    History {
        worked,
        oncall,
        oncall_nights,
        weekly_hours,
        current_week_hours: whole(hours_in(week_of_to, to)),
    }
}
