//! Working time: ATW-DAY-MAX, ATW-WEEK-MAX, CONTRACT, ATW-AVG-4W,
//! ATW-AVG-16W, ATW-WEEKLY-REST (history included) and ORG-EPISODE-REST.
//!
//! Hours are real numbers: on a combined-care date the drive between the two
//! families counts as working time (`Facts::travel`), so every hour rule
//! compares with a tolerance of [`HOURS_TOL`]. A declared M-FLEX lifts
//! CONTRACT (ATW-WEEK-MAX still holds); a declared M-REDUCED-REST switches
//! ATW-WEEKLY-REST to two free dates in every 14 and ORG-EPISODE-REST to
//! `r − 1` days. Whether those declarations are allowed, consented to and
//! needed is `measures.rs`'s business.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::derive::{fmt_hours, Facts, HOURS_TOL};
use super::Violation;
use crate::domain::calendar::{add_days, days_between};
use crate::domain::rules::RuleId;
use crate::scenario::Nurse;

const FLEX: &str = RuleId::MFlex.id();
const REDUCED_REST: &str = RuleId::MReducedRest.id();

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

/// ` (0.42 h of it driving between families)` when there is travel.
fn travel_note(travel: f64) -> String {
    if travel > 0.0 {
        format!(" ({} h of it driving between families)", fmt_hours(travel))
    } else {
        String::new()
    }
}

/// ATW-DAY-MAX: hours on a date within `max_nurse_hours_per_day`.
fn day_max(facts: &Facts, n: &Nurse, out: &mut Vec<Violation>) {
    let max = facts.scenario.rules.max_nurse_hours_per_day();
    let travel = facts.travel.get(n.id.as_str());
    for (d, h) in facts.work_days(&n.id) {
        if h > max as f64 + HOURS_TOL {
            let note = travel_note(travel.and_then(|t| t.get(&d)).copied().unwrap_or(0.0));
            out.push(
                Violation::new(
                    RuleId::AtwDayMax,
                    format!("{} works {} h on {d}{note} > max {max}", n.id, fmt_hours(h)),
                )
                .nurse(&n.id)
                .date(d),
            );
        }
    }
}

/// ATW-WEEK-MAX and CONTRACT: hours per ISO week (with `current_week_hours`
/// in the first week) within `max_hours_per_week` and `contract_max` (the
/// latter not under a declared M-FLEX), for the weeks in which the plan
/// gives the nurse hours (history alone never makes a violation).
fn weeks(facts: &Facts, n: &Nurse, out: &mut Vec<Violation>) {
    let work = facts.work_weeks(&n.id);
    let travel = facts.travel_weeks(&n.id);
    let max_week = facts.scenario.rules.max_hours_per_week();
    let flex = facts.nurse_declares(&n.id, FLEX);
    for i in facts.horizon_weeks() {
        if work.get(&i).copied().unwrap_or(0.0) <= 0.0 {
            continue;
        }
        let hours = facts.week_work(n, &work, i);
        let week = facts.week_key(i);
        let mut before = if i == 0 && n.history.current_week_hours > 0 {
            format!(" ({} before the horizon)", n.history.current_week_hours)
        } else {
            String::new()
        };
        before += &travel_note(travel.get(&i).copied().unwrap_or(0.0));
        let shown = fmt_hours(hours);
        if hours > max_week as f64 + HOURS_TOL {
            out.push(
                Violation::new(
                    RuleId::AtwWeekMax,
                    format!(
                        "{} works {shown} h in {week}{before} > max {max_week}",
                        n.id
                    ),
                )
                .nurse(&n.id)
                .week(week.clone()),
            );
        }
        if !flex && hours > n.contract_max as f64 + HOURS_TOL {
            out.push(
                Violation::new(
                    RuleId::Contract,
                    format!(
                        "{} works {shown} h in {week}{before} > contract max {}",
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
        RuleId::AtwAvg4w
    } else {
        RuleId::AtwAvg16w
    };
    let work = facts.work_weeks(&n.id);
    let limit = len as u32 * max_avg;
    for i in facts.horizon_weeks() {
        let first = i - len + 1;
        let planned_in: f64 = work.range(first..=i).map(|(_, h)| h).sum();
        if planned_in <= 0.0 {
            continue;
        }
        let total: f64 = (first..=i).map(|j| facts.week_work(n, &work, j)).sum();
        if total > limit as f64 + HOURS_TOL {
            let week = facts.week_key(i);
            out.push(
                Violation::new(
                    rule,
                    format!(
                        "{} works {} h in the {len} weeks {} … {week} (history included) > {len} × {max_avg} = {limit}",
                        n.id,
                        fmt_hours(total),
                        facts.week_key(first)
                    ),
                )
                .nurse(&n.id)
                .week(week),
            );
        }
    }
}

/// Runs of offending rest windows: windows of `len` consecutive dates, the
/// last in the horizon (so at least one in it and none after it), with
/// fewer than `free` dates on which the nurse does not work (history
/// included). Each run is `(end of its first window, end of its last)`.
pub(super) fn rest_runs(
    facts: &Facts,
    n: &Nurse,
    len: i64,
    free: usize,
) -> Vec<(NaiveDate, NaiveDate)> {
    let worked = facts.worked_dates(n);
    let mut run: Option<(NaiveDate, NaiveDate)> = None;
    let mut runs = Vec::new();
    for e in facts.horizon() {
        let off = (0..len)
            .filter(|k| !worked.contains(&add_days(e, -k)))
            .count();
        match (off < free, run) {
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
    runs
}

/// ATW-WEEKLY-REST: no 7 consecutive worked dates among the windows with at
/// least one date in the horizon and none after it; under a declared
/// M-REDUCED-REST instead at least two free dates in every 14. One violation
/// per run of consecutive offending windows.
fn weekly_rest(facts: &Facts, n: &Nurse, out: &mut Vec<Violation>) {
    let reduced = facts.nurse_declares(&n.id, REDUCED_REST);
    let (len, free) = if reduced { (14, 2) } else { (7, 1) };
    for (first_end, last_end) in rest_runs(facts, n, len, free) {
        let from = add_days(first_end, -(len - 1));
        let message = if reduced {
            format!(
                "{} has fewer than 2 free days in every 14-day window ending {first_end} … {last_end} \
                 (history included; the M-REDUCED-REST form of 72 h in 14 days)",
                n.id
            )
        } else {
            let days = days_between(from, last_end) + 1;
            format!(
                "{} works {days} consecutive days {from} … {last_end} (history included) without a free day in 7",
                n.id
            )
        };
        out.push(
            Violation::new(RuleId::AtwWeeklyRest, message)
                .nurse(&n.id)
                .date(first_end),
        );
    }
}

/// A visit `(d', g)` that comes too soon after a visit `(d, f)` to another
/// family: `d < d' ≤ d + r`; as `(d', g, d, f)` with the latest such `(d, f)`.
pub(super) type Clash<'a> = (NaiveDate, &'a str, NaiveDate, &'a str);

/// Every visit of `visits` (sorted `(date, family)` of one nurse) that starts
/// within `r` days after a visit to another family. Two families on one date
/// are combined care, not this rule.
pub(super) fn episode_clashes<'a>(visits: &[(NaiveDate, &'a str)], r: i64) -> Vec<Clash<'a>> {
    if r <= 0 {
        return Vec::new();
    }
    let mut clashes = Vec::new();
    for &(d2, g) in visits {
        let clash = visits
            .iter()
            .filter(|(d, f)| *f != g && *d < d2 && days_between(*d, d2) <= r)
            .max();
        if let Some(&(d, f)) = clash {
            clashes.push((d2, g, d, f));
        }
    }
    clashes
}

/// ORG-EPISODE-REST: after a visit to family `f` on `d`, no other family on
/// `d+1 … d+r` (`r − 1` under a declared M-REDUCED-REST). One violation per
/// visit that starts too soon, naming the latest earlier visit to another
/// family.
fn episode_rest(facts: &Facts, out: &mut Vec<Violation>) {
    let rest = facts.scenario.rules.rest_days_between_episodes() as i64;
    if rest == 0 {
        return;
    }
    let mut by_nurse: BTreeMap<&str, Vec<(NaiveDate, &str)>> = BTreeMap::new();
    // A centre day (M-KRAAMCENTRUM) is no episode at a family's home.
    for v in facts.visits.iter().filter(|v| !v.site.is_centre()) {
        by_nurse
            .entry(v.nurse.as_str())
            .or_default()
            .push((v.date, v.family.as_str()));
    }
    for (n, mut visits) in by_nurse {
        visits.sort();
        visits.dedup();
        let reduced = facts.nurse_declares(n, REDUCED_REST);
        let r = if reduced { rest - 1 } else { rest };
        let form = if reduced { " (M-REDUCED-REST)" } else { "" };
        for (d2, g, d, f) in episode_clashes(&visits, r) {
            out.push(
                Violation::new(
                    RuleId::OrgEpisodeRest,
                    format!(
                        "{n} visits {g} on {d2}, {} day(s) after {f} on {d}; needs {r} free day(s) between families{form}",
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
