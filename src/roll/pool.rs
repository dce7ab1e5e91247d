//! The partus pool after the roll: past shifts dropped, the new days at the
//! end of the horizon given the requirements of the same weekday before.

use chrono::NaiveDate;

use crate::domain::calendar::add_days;
use crate::scenario::PartusPool;

/// The pool of the horizon `to … new_end`, from the one that ended on `old_end`.
///
/// A new date (after `old_end`) with no shift listed repeats the shifts of
/// the date 7 days earlier, when there are any (a week's rhythm of births
/// is the best guess the scenario holds). `expected_pa_per_day` stays as it is.
pub(super) fn carry_pool(
    pool: &PartusPool,
    old_end: NaiveDate,
    to: NaiveDate,
    new_end: NaiveDate,
) -> PartusPool {
    let mut shifts: Vec<_> = pool
        .shifts
        .iter()
        .filter(|s| s.date >= to)
        .cloned()
        .collect();
    if !pool.shifts.is_empty() {
        let mut d = add_days(old_end, 1).max(to);
        while d <= new_end {
            if !shifts.iter().any(|s| s.date == d) {
                let week_before = add_days(d, -7);
                let repeat: Vec<_> = pool
                    .shifts
                    .iter()
                    .chain(shifts.iter())
                    .filter(|s| s.date == week_before)
                    .map(|s| crate::scenario::ShiftRequirement {
                        date: d,
                        ..s.clone()
                    })
                    .collect();
                let mut seen = std::collections::BTreeSet::new();
                for r in repeat {
                    if seen.insert(r.shift) {
                        shifts.push(r);
                    }
                }
            }
            d = add_days(d, 1);
        }
    }
    shifts.sort_by_key(|s| (s.date, s.shift));
    PartusPool {
        shifts,
        ..pool.clone()
    }
}
