//! The Dutch birth pattern over the year: how many of a region's births
//! fall in each month and on each weekday (`models/season.md`).
//!
//! Births on day `d` of month `m` are Poisson with mean
//! `annual × share[m] × weekday[d] / Σ_{d' in m} weekday[d']`: the month
//! gets exactly its share of the year, and within the month the weekdays
//! carry their factors. Both tables are documented assumptions, not
//! registry data: the sources bundled with kraamplan say only that the
//! Netherlands has about 13.5–14.1 thousand births a month (164,487 in
//! 2023) with the peak in (late) summer, May–September critical.

use chrono::{Datelike, NaiveDate};

use crate::domain::calendar::add_days;

/// Daily birth rate per month relative to the year's mean, January first.
/// Shaped on the sources' "13.5–14.1 k a month, peak in late summer":
/// at 164,487 births a year this gives 12.2 k (February, 28 days), 13.3–
/// 13.8 k in the other winter and spring months and 14.1–14.5 k from July
/// to October (August the most). An assumption; `--month-shares` replaces it.
pub const MONTH_RATE: [f64; 12] = [
    0.98, 0.97, 0.98, 0.98, 0.99, 1.00, 1.03, 1.04, 1.04, 1.01, 0.99, 0.98,
];

/// Births per weekday relative to the week's mean, Monday first (sums to 7).
/// Fewer births at weekends, because planned inductions and caesareans are
/// scheduled on weekdays; the sources give no figure, so this is an
/// assumption of the order of the Dutch pattern.
pub const WEEKDAY_RATE: [f64; 7] = [1.06, 1.07, 1.05, 1.05, 1.04, 0.88, 0.85];

/// How births spread over a year.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pattern {
    /// Share of the year's births per month, January first (sums to 1).
    pub month_shares: [f64; 12],
    /// Factor per weekday, Monday first (mean 1).
    pub weekday: [f64; 7],
}

impl Pattern {
    /// The documented pattern of [`MONTH_RATE`] and [`WEEKDAY_RATE`] for `year`
    /// (month lengths of that year).
    pub fn dutch(year: i32) -> Pattern {
        Pattern::from_rates(&MONTH_RATE, year)
    }

    /// Shares from daily rates per month: `rate[m] × days[m]`, normalised.
    pub fn from_rates(rate: &[f64; 12], year: i32) -> Pattern {
        let weights: Vec<f64> = (1..=12)
            .map(|m| rate[m as usize - 1] * f64::from(days_in_month(year, m)))
            .collect();
        Pattern::from_shares(&weights).expect("positive documented rates")
    }

    /// The pattern of twelve monthly weights (normalised to shares), or why
    /// they cannot be one.
    pub fn from_shares(weights: &[f64]) -> Result<Pattern, String> {
        if weights.len() != 12 {
            return Err(format!(
                "--month-shares has {} values: give 12, January first, e.g. 8.3,7.6,8.2,… (they are normalised)",
                weights.len()
            ));
        }
        if let Some((m, w)) = weights
            .iter()
            .enumerate()
            .find(|(_, w)| !(w.is_finite() && **w > 0.0))
        {
            return Err(format!(
                "--month-shares value {w} for month {} is not a positive number: give each month's share or births",
                m + 1
            ));
        }
        let total: f64 = weights.iter().sum();
        let mut month_shares = [0.0; 12];
        for (s, w) in month_shares.iter_mut().zip(weights) {
            *s = w / total;
        }
        Ok(Pattern {
            month_shares,
            weekday: WEEKDAY_RATE,
        })
    }

    /// Expected births on `date` in a region of `annual` births a year.
    pub fn births_on(&self, annual: f64, date: NaiveDate) -> f64 {
        let first = NaiveDate::from_ymd_opt(date.year(), date.month(), 1).expect("a month");
        let days = days_in_month(date.year(), date.month());
        let month_weight: f64 = (0..i64::from(days))
            .map(|k| self.weekday[weekday(add_days(first, k))])
            .sum();
        annual * self.month_shares[date.month0() as usize] * self.weekday[weekday(date)]
            / month_weight
    }

    /// Expected births over `days` days from `from`.
    pub fn births_between(&self, annual: f64, from: NaiveDate, days: i64) -> f64 {
        (0..days)
            .map(|k| self.births_on(annual, add_days(from, k)))
            .sum()
    }
}

/// Days in month `m` (1–12) of `year`.
pub fn days_in_month(year: i32, m: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, m, 1).expect("a month");
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, m + 1, 1)
    }
    .expect("a month");
    (next - first).num_days() as u32
}

fn weekday(d: NaiveDate) -> usize {
    d.weekday().num_days_from_monday() as usize
}

/// `2026-07`: the month of `d`.
pub fn month_key(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}
