//! The realised outcome of a finished episode: what a family actually got,
//! from the days that were carried out (`kraamplan simulate`,
//! `models/simulate.md`), not from a plan.
//!
//! A plan's `families[].below_floor` is a promise over its horizon; the
//! Normenkader's floor is about the whole episode. Once every day of an
//! episode is carried out, its outcome is fixed: the hours delivered before
//! the first carried-out day plus the hours of every carried-out visit,
//! against CARE-MIN-TOTAL of the episode as it turned out (its hospital days
//! known), and 3 h on every carried-out home day (CARE-MIN-DAY) except the
//! days M-NO-STARTUP or M-SEVEN-DAYS may waive when the scenario allows them.
//! The same rules as `semantics.md`, Below the floor, with the horizon being
//! the carried-out days.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::derive::{Episode, DAY_FLOOR};
use crate::domain::calendar::add_days;
use crate::domain::rules::RuleId;
use crate::scenario::{Arrival, Family, Scenario};

/// What one finished episode got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Realised {
    /// Family id.
    pub family: String,
    /// Last day of the episode.
    pub end: NaiveDate,
    /// CARE-MIN-TOTAL of the episode as it turned out.
    pub floor: u32,
    /// Hours delivered over the whole episode (before the first carried-out
    /// day, and on the carried-out days).
    pub delivered: u32,
    /// Carried-out home days with less than 3 h that no allowed measure waives.
    pub short_days: u32,
    /// `max(Σ max(0, 3 − h) over those days, floor − delivered)`.
    pub shortfall: u32,
    /// Below the floor as realised: `shortfall > 0`.
    pub below_floor: bool,
}

/// The realised outcome of `f`, whose last episode day has been carried
/// out. `before` is the hours delivered before `first`, the first
/// carried-out day; `hours` the hours carried out per date (every nurse
/// together) from `first` on. `rules` is the scenario whose rules and
/// measures apply (any of the simulation's: they do not change).
pub fn realised(
    rules: &Scenario,
    f: &Family,
    before: u32,
    first: NaiveDate,
    hours: &BTreeMap<NaiveDate, u32>,
) -> Realised {
    let end = add_days(f.care_start, i64::from(f.care_days) - 1);
    let ep = Episode::new(f, first, end, rules.rules.max_family_hours_per_day());
    let allowed = |id: RuleId| rules.measures.iter().any(|m| m == id.id());
    let home: Vec<NaiveDate> = ep.home.iter().map(|(_, d)| *d).collect();
    let mut waived = Vec::new();
    if allowed(RuleId::MNoStartup) && f.arrival == Arrival::Evening {
        waived.extend(home.first().copied());
    }
    if allowed(RuleId::MSevenDays) && home.len() >= 2 && home.last() == Some(&end) {
        waived.push(end);
    }
    let delivered = before
        + hours
            .iter()
            .filter(|(d, _)| **d >= first && **d <= end && ep.is_home_day(**d))
            .map(|(_, h)| h)
            .sum::<u32>();
    let got = |d: NaiveDate| hours.get(&d).copied().unwrap_or(0);
    let needs: Vec<NaiveDate> = ep
        .during
        .iter()
        .copied()
        .filter(|d| !waived.contains(d))
        .collect();
    let day_short: u32 = needs
        .iter()
        .map(|&d| DAY_FLOOR.saturating_sub(got(d)))
        .sum();
    let short_days = needs.iter().filter(|&&d| got(d) < DAY_FLOOR).count() as u32;
    let total_short = ep.floor_total.saturating_sub(delivered);
    let shortfall = day_short.max(total_short);
    Realised {
        family: f.id.clone(),
        end,
        floor: ep.floor_total,
        delivered,
        short_days,
        shortfall,
        below_floor: shortfall > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Tiny;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn hours(days: &[(&str, u32)]) -> BTreeMap<NaiveDate, u32> {
        days.iter().map(|(d, h)| (date(d), *h)).collect()
    }

    #[test]
    fn an_eight_day_episode_needs_24_hours_and_3_a_day() {
        let s = Tiny::new(1).family("F1", "2026-07-06", 8).build();
        let f = &s.families[0];
        // 3 h on each of the 8 days: exactly the floor.
        let all: Vec<(String, u32)> = (0..8)
            .map(|k| (add_days(date("2026-07-06"), k).to_string(), 3))
            .collect();
        let all: Vec<(&str, u32)> = all.iter().map(|(d, h)| (d.as_str(), *h)).collect();
        let r = realised(&s, f, 0, date("2026-07-06"), &hours(&all));
        assert_eq!(
            (r.floor, r.delivered, r.shortfall, r.below_floor),
            (24, 24, 0, false)
        );
        // 6 h on four days: 24 h, but four home days without care, 12 h short.
        let r = realised(
            &s,
            f,
            0,
            date("2026-07-06"),
            &hours(&[
                ("2026-07-06", 6),
                ("2026-07-07", 6),
                ("2026-07-08", 6),
                ("2026-07-09", 6),
            ]),
        );
        assert_eq!((r.delivered, r.short_days, r.shortfall), (24, 4, 12));
        assert!(r.below_floor);
    }

    #[test]
    fn hours_before_the_first_carried_day_count_for_the_total_only() {
        // Carried out from day 5 of 8: 12 h before, then 3 h on 4 days = 24 h.
        let s = Tiny::new(1).family("F1", "2026-07-06", 8).build();
        let f = &s.families[0];
        let h = hours(&[
            ("2026-07-10", 3),
            ("2026-07-11", 3),
            ("2026-07-12", 3),
            ("2026-07-13", 3),
        ]);
        let r = realised(&s, f, 12, date("2026-07-10"), &h);
        assert_eq!((r.delivered, r.shortfall), (24, 0));
        // 11 h before: 1 h short in total, though every carried day had 3 h.
        let r = realised(&s, f, 11, date("2026-07-10"), &h);
        assert_eq!((r.delivered, r.short_days, r.shortfall), (23, 0, 1));
    }

    #[test]
    fn hospital_days_lower_the_floor_and_get_no_hours() {
        // Two hospital days: six home days, floor 3 h each = 18 h. A visit
        // row on a hospital day is not care at home and does not count.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 8)
            .hospital("F1", "2026-07-06")
            .hospital("F1", "2026-07-07")
            .build();
        let f = &s.families[0];
        let mut h: Vec<(String, u32)> = (2..8)
            .map(|k| (add_days(date("2026-07-06"), k).to_string(), 3))
            .collect();
        h.push(("2026-07-06".into(), 5));
        let h: Vec<(&str, u32)> = h.iter().map(|(d, x)| (d.as_str(), *x)).collect();
        let r = realised(&s, f, 0, date("2026-07-06"), &hours(&h));
        assert_eq!((r.floor, r.delivered, r.below_floor), (18, 18, false));
    }

    #[test]
    fn seven_day_care_waives_the_last_day_when_allowed() {
        let base = Tiny::new(1).family("F1", "2026-07-06", 8);
        let h: Vec<(String, u32)> = (0..7)
            .map(|k| (add_days(date("2026-07-06"), k).to_string(), 4))
            .collect();
        let h: Vec<(&str, u32)> = h.iter().map(|(d, x)| (d.as_str(), *x)).collect();
        let without = base.clone().build();
        let r = realised(
            &without,
            &without.families[0],
            0,
            date("2026-07-06"),
            &hours(&h),
        );
        assert_eq!((r.delivered, r.short_days, r.shortfall), (28, 1, 3));
        let with = base.measure("M-SEVEN-DAYS").build();
        let r = realised(&with, &with.families[0], 0, date("2026-07-06"), &hours(&h));
        assert_eq!((r.delivered, r.short_days, r.below_floor), (28, 0, false));
    }
}
