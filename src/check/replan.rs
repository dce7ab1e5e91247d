//! LOCK and the re-plan block (`replan`): a re-plan's changes, counts and
//! locks against the plan already communicated (`models/replan.md`).
//!
//! Without the previous plan the checker holds the block to itself: every
//! change dated in the counted days, flagged in or out of the notice window
//! by its date, costing the notices of its kind, the summary its sums, the
//! change levels the summary's notices, every forbid lock kept. With the
//! previous plan (`check --previous`) it recomputes the difference of the two
//! plans ([`super::changes::diff`]) and requires `changes[]` to be exactly
//! that, and every kept lock to keep the previous plan's row; with the locks
//! file (`--locks`) it requires the plan to list every lock.

use std::collections::BTreeSet;

use super::changes::{self, Frame};
use super::derive::Facts;
use super::Violation;
use crate::domain::calendar::add_days;
use crate::domain::rules::RuleId;
use crate::model::baseline::{ONCALL_NOTICES, VISIT_NOTICES};
use crate::plan::replan::{Change, ChangeKind, Replan};
use crate::plan::Plan;
use crate::scenario::locks::Lock;

const RULE: RuleId = RuleId::Report;
const LOCK: RuleId = RuleId::Lock;

/// What `check` knows of a re-plan beyond the scenario and the plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The plan already communicated (`--previous`).
    pub previous: Option<&'a Plan>,
    /// The planner's locks (`--locks`).
    pub locks: Option<&'a [Lock]>,
}

/// Check the re-plan block of `facts.plan` in `ctx`.
pub(super) fn check(
    facts: &Facts,
    ctx: Context,
    out: &mut Vec<Violation>,
    unverified: &mut Vec<String>,
) {
    let plan = facts.plan;
    let Some(r) = &plan.replan else {
        if ctx.previous.is_some() || ctx.locks.is_some() {
            out.push(Violation::new(
                RULE,
                "--previous or --locks given, but the plan has no replan block: it is no re-plan"
                    .to_string(),
            ));
        }
        return;
    };
    let frame = Frame {
        start: facts.start,
        notice_days: r.notice_days,
        until: r.previous_end.min(facts.end),
    };
    itself(r, frame, out);
    forbid_locks(facts, r, out);
    match ctx.locks {
        Some(given) => listed_locks(r, given, out),
        None if !r.locks.is_empty() => unverified.push(format!(
            "that replan.locks lists every lock the planner gave ({}): pass --locks",
            r.locks.len()
        )),
        None => {}
    }
    match ctx.previous {
        Some(prev) => against_previous(facts, r, prev, frame, out),
        None => unverified.push(
            "replan.changes, its counts and the change levels against the previous plan, and that kept locks keep its hours: pass --previous"
                .to_string(),
        ),
    }
    unverified.push(format!(
        "the notice window of {} days is the planner's --notice; a lock reported as not holding is the engine's word",
        r.notice_days
    ));
}

/// Notices a change of this kind costs (`models/replan.md`).
fn notices(kind: ChangeKind) -> u32 {
    match kind {
        ChangeKind::VisitAdded | ChangeKind::VisitRemoved | ChangeKind::HoursChanged => {
            VISIT_NOTICES
        }
        ChangeKind::VisitMoved => 2 * VISIT_NOTICES,
        ChangeKind::OncallAdded | ChangeKind::OncallRemoved => ONCALL_NOTICES,
        ChangeKind::OncallMoved => 2 * ONCALL_NOTICES,
    }
}

/// The block's own consistency: dates, windows, notices, the summary.
fn itself(r: &Replan, frame: Frame, out: &mut Vec<Violation>) {
    let notice_end = add_days(frame.start, i64::from(r.notice_days));
    for (i, c) in r.changes.iter().enumerate() {
        let what = format!("replan.changes[{i}] ({} on {})", c.kind.name(), c.date);
        let mut push =
            |m: String| out.push(Violation::new(RULE, format!("{what}: {m}")).date(c.date));
        if c.date < frame.start || c.date > frame.until {
            push(format!(
                "dated outside the days both plans cover, {} … {}",
                frame.start, frame.until
            ));
        }
        if c.notice != (c.date < notice_end) {
            push(format!(
                "notice {} for a date {} the notice window, which ends before {notice_end}",
                c.notice,
                if c.date < notice_end {
                    "inside"
                } else {
                    "outside"
                }
            ));
        }
        if c.notices != notices(c.kind) {
            push(format!(
                "{} notices, a change of this kind costs {}",
                c.notices,
                notices(c.kind)
            ));
        }
        if !shape_ok(c) {
            push("its before, after, family and shift do not fit its kind".to_string());
        }
        if c.why.is_empty() {
            push("no reason given (an event, or re-optimised)".to_string());
        }
    }
    let (below, pool) = (
        r.summary.previous_below_floor,
        r.summary.previous_pool_shortfall,
    );
    let expected = changes::summarize(&r.changes, below, pool);
    if expected != r.summary {
        out.push(Violation::new(
            RULE,
            format!(
                "replan.summary {:?} differs from the counts of replan.changes {:?}",
                r.summary, expected
            ),
        ));
    }
}

/// A change's sides fit its kind: a visit has a family and hours, a shift a shift.
fn shape_ok(c: &Change) -> bool {
    let visit = c.family.is_some()
        && c.shift.is_none()
        && c.before.iter().chain(&c.after).all(|s| s.hours.is_some());
    let shift = c.family.is_none()
        && c.shift.is_some()
        && c.before.iter().chain(&c.after).all(|s| s.hours.is_none());
    let (b, a) = (c.before.as_ref(), c.after.as_ref());
    match c.kind {
        ChangeKind::VisitAdded => visit && b.is_none() && a.is_some(),
        ChangeKind::VisitRemoved => visit && b.is_some() && a.is_none(),
        ChangeKind::VisitMoved => {
            visit && matches!((b, a), (Some(x), Some(y)) if x.nurse != y.nurse)
        }
        ChangeKind::HoursChanged => {
            visit
                && matches!((b, a), (Some(x), Some(y)) if x.nurse == y.nurse && x.hours != y.hours)
        }
        ChangeKind::OncallAdded => shift && b.is_none() && a.is_some(),
        ChangeKind::OncallRemoved => shift && b.is_some() && a.is_none(),
        ChangeKind::OncallMoved => {
            shift && matches!((b, a), (Some(x), Some(y)) if x.nurse != y.nurse)
        }
    }
}

/// LOCK: a forbidden nurse never serves the family; a forbid lock always holds.
fn forbid_locks(facts: &Facts, r: &Replan, out: &mut Vec<Violation>) {
    for l in &r.locks {
        let Lock::Forbid { nurse, family } = &l.lock else {
            continue;
        };
        if !l.held {
            out.push(
                Violation::new(
                    LOCK,
                    format!(
                        "{}: reported as not holding, but a forbid lock always can",
                        l.lock.describe()
                    ),
                )
                .nurse(nurse)
                .family(family),
            );
        }
        for v in facts
            .visits
            .iter()
            .filter(|v| &v.nurse == nurse && &v.family == family)
        {
            out.push(
                Violation::new(
                    LOCK,
                    format!(
                        "{}: the plan has {} h on {}",
                        l.lock.describe(),
                        v.hours,
                        v.date
                    ),
                )
                .nurse(nurse)
                .family(family)
                .date(v.date),
            );
        }
    }
}

/// The plan lists every lock of the file, and no other.
fn listed_locks(r: &Replan, given: &[Lock], out: &mut Vec<Violation>) {
    let listed: BTreeSet<&Lock> = r.locks.iter().map(|l| &l.lock).collect();
    let file: BTreeSet<&Lock> = given.iter().collect();
    for l in file.difference(&listed) {
        out.push(Violation::new(
            LOCK,
            format!("{}: a lock of --locks the plan does not list", l.describe()),
        ));
    }
    for l in listed.difference(&file) {
        out.push(Violation::new(
            LOCK,
            format!(
                "{}: listed by the plan, not a lock of --locks",
                l.describe()
            ),
        ));
    }
}

/// `changes[]` is the difference of the two plans; kept locks keep the
/// previous plan's rows.
fn against_previous(
    facts: &Facts,
    r: &Replan,
    prev: &Plan,
    frame: Frame,
    out: &mut Vec<Violation>,
) {
    if prev.scenario != r.previous {
        out.push(Violation::new(
            RULE,
            format!(
                "replan.previous is {:?}, but --previous is the plan for {:?}",
                r.previous, prev.scenario
            ),
        ));
    }
    if let Some(h) = prev.horizon {
        if h.end() != r.previous_end {
            out.push(Violation::new(
                RULE,
                format!(
                    "replan.previous_end {} is not the previous plan's last day {}",
                    r.previous_end,
                    h.end()
                ),
            ));
        }
    }
    let mut expected = changes::diff(prev, facts.plan, frame);
    let strip = |c: &Change| Change {
        why: Vec::new(),
        ..c.clone()
    };
    let claimed: Vec<Change> = r.changes.iter().map(strip).collect();
    expected.retain(|c| !claimed.contains(c));
    for c in &expected {
        out.push(
            Violation::new(
                RULE,
                format!(
                    "replan.changes misses a change: {} on {} ({})",
                    c.kind.name(),
                    c.date,
                    describe(c)
                ),
            )
            .date(c.date),
        );
    }
    let all = changes::diff(prev, facts.plan, frame);
    for c in claimed.iter().filter(|c| !all.contains(c)) {
        out.push(
            Violation::new(
                RULE,
                format!(
                    "replan.changes lists a change the two plans do not have: {} on {} ({})",
                    c.kind.name(),
                    c.date,
                    describe(c)
                ),
            )
            .date(c.date),
        );
    }
    let summary = changes::summarize(&all, prev.kpi.families_below_floor, prev.kpi.pool_shortfall);
    if summary != r.summary {
        out.push(Violation::new(
            RULE,
            format!(
                "replan.summary {:?} differs from the recomputed {:?}",
                r.summary, summary
            ),
        ));
    }
    // Forbid locks are checked without the previous plan (`forbid_locks`).
    let keeps = r
        .locks
        .iter()
        .filter(|l| l.held && !matches!(l.lock, Lock::Forbid { .. }));
    for l in keeps {
        if !holds(&l.lock, prev, facts.plan) {
            out.push(
                Violation::new(
                    LOCK,
                    format!(
                        "{}: reported as held, but the plan does not keep the previous plan's row",
                        l.lock.describe()
                    ),
                )
                .nurse(l.lock.nurse()),
            );
        }
    }
}

/// Whether `plan` keeps `lock` against `previous`: a kept visit is in both
/// with the same hours, a kept shift in both, a forbidden pair never planned.
pub fn holds(lock: &Lock, previous: &Plan, plan: &Plan) -> bool {
    match lock {
        Lock::Keep {
            nurse,
            family,
            date,
        } => {
            let hours = |p: &Plan| {
                p.visits
                    .iter()
                    .filter(|v| &v.nurse == nurse && &v.family == family && v.date == *date)
                    .map(|v| v.hours)
                    .sum::<u32>()
            };
            hours(previous) > 0 && hours(previous) == hours(plan)
        }
        Lock::KeepOncall { nurse, date, shift } => [previous, plan].iter().all(|p| {
            p.oncall
                .iter()
                .any(|o| &o.nurse == nurse && o.date == *date && o.shift == *shift)
        }),
        Lock::Forbid { nurse, family } => !plan
            .visits
            .iter()
            .any(|v| &v.nurse == nurse && &v.family == family),
    }
}

/// Before and after of a change, for messages.
fn describe(c: &Change) -> String {
    let side = |s: &Option<crate::plan::replan::Side>| match s {
        Some(s) => match s.hours {
            Some(h) => format!("{} {h} h", s.nurse),
            None => s.nurse.clone(),
        },
        None => "none".to_string(),
    };
    let of = c
        .family
        .clone()
        .or_else(|| c.shift.map(|s| s.name().to_string()))
        .unwrap_or_default();
    format!("{of}: {} → {}", side(&c.before), side(&c.after))
}
