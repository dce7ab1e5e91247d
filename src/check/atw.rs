//! Working time: ATW-DAY-MAX, ATW-WEEK-MAX, CONTRACT, ATW-AVG-4W,
//! ATW-AVG-16W, ATW-WEEKLY-REST (history included) and ORG-EPISODE-REST.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::derive::Facts;
use super::Violation;
use crate::calendar::{add_days, days_between};
use crate::scenario::Nurse;

/// Check every working-time rule for every nurse.
pub(super) fn check(facts: &Facts, out: &mut Vec<Violation>) {
    for n in &facts.scenario.nurses {
        day_max(facts, n, out);
        weeks(facts, n, out);
        average(facts, n, 4, facts.scenario.rules.max_avg_hours_4w(), out);
        average(facts, n, 16, facts.scenario.rules.max_avg_hours_16w(), out);
        if facts.scenario.rules.weekly_rest() {
            weekly_rest(facts, n, out);
        }
    }
    episode_rest(facts, out);
}

/// ATW-DAY-MAX: hours on a date within `max_nurse_hours_per_day`.
fn day_max(facts: &Facts, n: &Nurse, out: &mut Vec<Violation>) {
    let max = facts.scenario.rules.max_nurse_hours_per_day();
    let Some(days) = facts.nurse_hours.get(n.id.as_str()) else {
        return;
    };
    for (d, h) in days {
        if *h > max {
            out.push(
                Violation::new(
                    "ATW-DAY-MAX",
                    format!("{} works {h} h on {d} > max {max}", n.id),
                )
                .nurse(&n.id)
                .date(*d),
            );
        }
    }
}

/// ATW-WEEK-MAX and CONTRACT: hours per ISO week (with `current_week_hours`
/// in the first week) within `max_hours_per_week` and `contract_max`, for
/// the weeks in which the plan gives the nurse hours (history alone never
/// makes a violation).
fn weeks(facts: &Facts, n: &Nurse, out: &mut Vec<Violation>) {
    let planned = facts.planned_weeks(&n.id);
    let max_week = facts.scenario.rules.max_hours_per_week();
    for i in facts.horizon_weeks() {
        if planned.get(&i).copied().unwrap_or(0) == 0 {
            continue;
        }
        let hours = facts.week_hours(n, &planned, i);
        let week = facts.week_key(i);
        let before = if i == 0 && n.history.current_week_hours > 0 {
            format!(" ({} before the horizon)", n.history.current_week_hours)
        } else {
            String::new()
        };
        if hours > max_week {
            out.push(
                Violation::new(
                    "ATW-WEEK-MAX",
                    format!(
                        "{} works {hours} h in {week}{before} > max {max_week}",
                        n.id
                    ),
                )
                .nurse(&n.id)
                .week(week.clone()),
            );
        }
        if hours > n.contract_max {
            out.push(
                Violation::new(
                    "CONTRACT",
                    format!(
                        "{} works {hours} h in {week}{before} > contract max {}",
                        n.id, n.contract_max
                    ),
                )
                .nurse(&n.id)
                .week(week),
            );
        }
    }
}

/// ATW-AVG-4W / ATW-AVG-16W: for each week `w` overlapping the horizon, the
/// hours of weeks `w−len+1 … w` (history included) within `len · max_avg`,
/// unless the plan gives the nurse no hours in those weeks.
fn average(facts: &Facts, n: &Nurse, len: i64, max_avg: u32, out: &mut Vec<Violation>) {
    let rule = if len == 4 {
        "ATW-AVG-4W"
    } else {
        "ATW-AVG-16W"
    };
    let planned = facts.planned_weeks(&n.id);
    let limit = len as u32 * max_avg;
    for i in facts.horizon_weeks() {
        let first = i - len + 1;
        let planned_in: u32 = planned.range(first..=i).map(|(_, h)| h).sum();
        if planned_in == 0 {
            continue;
        }
        let total: u32 = (first..=i).map(|j| facts.week_hours(n, &planned, j)).sum();
        if total > limit {
            let week = facts.week_key(i);
            out.push(
                Violation::new(
                    rule,
                    format!(
                        "{} works {total} h in the {len} weeks {} … {week} (history included) > {len} × {max_avg} = {limit}",
                        n.id,
                        facts.week_key(first)
                    ),
                )
                .nurse(&n.id)
                .week(week),
            );
        }
    }
}

/// ATW-WEEKLY-REST: no 7 consecutive worked dates among the windows with at
/// least one date in the horizon and none after it. One violation per run
/// of consecutive offending windows.
fn weekly_rest(facts: &Facts, n: &Nurse, out: &mut Vec<Violation>) {
    let worked = facts.worked_dates(n);
    let mut run: Option<(NaiveDate, NaiveDate)> = None; // window ends of the current run
    let mut runs = Vec::new();
    for e in facts.horizon() {
        let full = (0..7).all(|k| worked.contains(&add_days(e, -k)));
        match (full, run) {
            (true, Some((first, _))) => run = Some((first, e)),
            (true, None) => run = Some((e, e)),
            (false, Some(r)) => {
                runs.push(r);
                run = None;
            }
            (false, None) => {}
        }
    }
    runs.extend(run);
    for (first_end, last_end) in runs {
        let from = add_days(first_end, -6);
        let days = days_between(from, last_end) + 1;
        out.push(
            Violation::new(
                "ATW-WEEKLY-REST",
                format!(
                    "{} works {days} consecutive days {from} … {last_end} (history included) without a free day in 7",
                    n.id
                ),
            )
            .nurse(&n.id)
            .date(first_end),
        );
    }
}

/// ORG-EPISODE-REST: after a visit to family `f` on `d`, no other family on
/// `d+1 … d+r`. One violation per visit that starts too soon, naming the
/// latest earlier visit to another family.
fn episode_rest(facts: &Facts, out: &mut Vec<Violation>) {
    let r = facts.scenario.rules.rest_days_between_episodes() as i64;
    if r == 0 {
        return;
    }
    let mut by_nurse: BTreeMap<&str, Vec<(NaiveDate, &str)>> = BTreeMap::new();
    for v in &facts.visits {
        by_nurse
            .entry(v.nurse.as_str())
            .or_default()
            .push((v.date, v.family.as_str()));
    }
    for (n, mut visits) in by_nurse {
        visits.sort();
        visits.dedup();
        for &(d2, g) in &visits {
            let clash = visits
                .iter()
                .filter(|(d, f)| *f != g && *d < d2 && days_between(*d, d2) <= r)
                .max();
            if let Some(&(d, f)) = clash {
                out.push(
                    Violation::new(
                        "ORG-EPISODE-REST",
                        format!(
                            "{n} visits {g} on {d2}, {} day(s) after {f} on {d}; needs {r} free day(s) between families",
                            days_between(d, d2)
                        ),
                    )
                    .nurse(n)
                    .family(g)
                    .date(d2),
                );
            }
        }
    }
}
