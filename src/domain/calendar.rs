//! ISO weeks and day arithmetic shared by the model, checker and reports.

use chrono::{Datelike, Days, NaiveDate};

/// ISO week key `YYYY-Www` of a date.
pub fn week_key(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Monday of the ISO week containing `d` (`d` itself in the first week
/// the calendar knows, which has no Monday before it).
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(d.weekday().num_days_from_monday() as u64))
        .unwrap_or(d)
}

/// `d + n` days (negative `n` goes back). Never panics: beyond the last
/// (first) date the calendar knows the result stays there. Validation keeps
/// scenario dates in 1900–2200 (`crate::scenario::limits`), far from either end.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let moved = if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    moved.unwrap_or(if n >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
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
    fn issue11_calendar_arithmetic_at_the_ends_does_not_panic() {
        let last = NaiveDate::from_ymd_opt(262142, 12, 30).unwrap();
        assert_eq!(add_days(last, 400), NaiveDate::MAX);
        assert_eq!(add_days(NaiveDate::MIN, -1), NaiveDate::MIN);
        assert_eq!(add_days(NaiveDate::MIN, i64::MIN), NaiveDate::MIN);
        assert_eq!(monday_of(NaiveDate::MIN), monday_of(NaiveDate::MIN));
        let _ = week_key(NaiveDate::MAX);
    }

    #[test]
    fn weeks_between_counts_iso_weeks() {
        let a = NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(); // Sunday W27
        let b = NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(); // Monday W28
        assert_eq!(weeks_between(a, b), 1);
    }
}
