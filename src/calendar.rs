//! ISO weeks and day arithmetic shared by the model, checker and reports.

use chrono::{Datelike, Days, NaiveDate};

/// ISO week key `YYYY-Www` of a date.
pub fn week_key(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Monday of the ISO week containing `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(d.weekday().num_days_from_monday() as u64)
}

/// `d + n` days (negative `n` goes back).
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d + Days::new(n as u64)
    } else {
        d - Days::new((-n) as u64)
    }
}

/// Whole days from `a` to `b` (`b − a`).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Whole ISO weeks from the week of `a` to the week of `b`.
pub fn weeks_between(a: NaiveDate, b: NaiveDate) -> i64 {
    days_between(monday_of(a), monday_of(b)) / 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_week_of_new_year_belongs_to_previous_year() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(week_key(d), "2026-W53");
        assert_eq!(monday_of(d), NaiveDate::from_ymd_opt(2026, 12, 28).unwrap());
    }

    #[test]
    fn weeks_between_counts_iso_weeks() {
        let a = NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(); // Sunday W27
        let b = NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(); // Monday W28
        assert_eq!(weeks_between(a, b), 1);
    }
}
