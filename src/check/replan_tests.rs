//! The re-plan block: every forged change, count or lock is caught.

use chrono::NaiveDate;

use super::{check, check_with, CheckReport, Context};
use crate::engine::replan::{replan, Request};
use crate::engine::{EngineChoice, EngineConfig};
use crate::plan::replan::{Change, ChangeKind, Side};
use crate::plan::Plan;
use crate::scenario::locks::Lock;
use crate::scenario::Scenario;
use crate::testkit::{solve_clean, Tiny};

fn d(day: i64) -> NaiveDate {
    crate::domain::calendar::add_days(NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(), day)
}

/// N1 serves F1 for three days; she falls ill on day 1 and N2 takes over.
fn case() -> (Scenario, Plan, Plan, Vec<Lock>) {
    let before = Tiny::new(2)
        .family("F1", "2026-07-06", 3)
        .days(3)
        .off("N2", "2026-07-06")
        .off("N2", "2026-07-07")
        .off("N2", "2026-07-08")
        .build();
    let previous = solve_clean(&before);
    let s = Tiny::new(2)
        .family("F1", "2026-07-06", 3)
        .days(3)
        .off("N1", "2026-07-07")
        .build();
    let locks = vec![
        Lock::Keep {
            nurse: "N1".into(),
            family: "F1".into(),
            date: d(2),
        },
        Lock::Forbid {
            nurse: "N2".into(),
            family: "F2".into(),
        },
    ];
    let req = Request {
        previous: &previous,
        notice_days: 2,
        locks: &locks,
        from_scratch: false,
    };
    let cfg = EngineConfig {
        choice: EngineChoice::Milp,
        ..EngineConfig::default()
    };
    let plan = replan(&s, req, &cfg).unwrap();
    (s, previous, plan, locks)
}

fn with<'a>(previous: &'a Plan, locks: &'a [Lock]) -> Context<'a> {
    Context {
        previous: Some(previous),
        locks: Some(locks),
    }
}

fn caught(report: &CheckReport, rule: &str, needle: &str) -> bool {
    report
        .violations
        .iter()
        .any(|v| v.rule == rule && v.message.contains(needle))
}

#[test]
fn a_true_re_plan_is_clean_and_says_what_rests_on_the_previous_plan() {
    let (s, previous, plan, locks) = case();
    let r = plan.replan.as_ref().unwrap();
    assert_eq!(r.changes.len(), 1, "{:#?}", r.changes);
    assert_eq!(r.changes[0].kind, ChangeKind::VisitMoved);
    assert!(check_with(&s, &plan, with(&previous, &locks)).is_clean());
    let alone = check(&s, &plan);
    assert!(alone.is_clean(), "{:#?}", alone.violations);
    assert!(alone
        .unverified
        .iter()
        .any(|u| u.contains("pass --previous")));
    assert!(alone.unverified.iter().any(|u| u.contains("pass --locks")));
}

#[test]
fn forged_changes_and_counts_are_caught() {
    let (s, previous, plan, locks) = case();
    type Edit = fn(&mut Plan);
    let edits: [(&str, &str, Edit); 7] = [
        ("REPORT", "misses a change", |p| {
            let r = p.replan.as_mut().unwrap();
            r.changes.clear();
            r.summary = crate::check::changes::summarize(&[], 0, 0);
        }),
        ("REPORT", "do not have", |p| {
            p.replan.as_mut().unwrap().changes.push(Change {
                date: d(2),
                kind: ChangeKind::HoursChanged,
                family: Some("F1".into()),
                shift: None,
                before: Some(Side {
                    nurse: "N1".into(),
                    hours: Some(3),
                }),
                after: Some(Side {
                    nurse: "N1".into(),
                    hours: Some(4),
                }),
                notice: false,
                notices: 2,
                why: vec!["re-optimised".into()],
            })
        }),
        ("REPORT", "notices, a change of this kind costs 4", |p| {
            p.replan.as_mut().unwrap().changes[0].notices = 2
        }),
        ("REPORT", "notice false", |p| {
            p.replan.as_mut().unwrap().changes[0].notice = false
        }),
        ("REPORT", "replan.summary", |p| {
            p.replan.as_mut().unwrap().summary.nurses_to_call = 0
        }),
        ("REPORT", "no reason given", |p| {
            p.replan.as_mut().unwrap().changes[0].why.clear()
        }),
        ("ENGINE", "changes in the notice window", |p| {
            let l = p
                .engine
                .levels
                .iter_mut()
                .find(|l| l.name == "changes in the notice window")
                .unwrap();
            l.value = 0.0;
            l.bound = 0.0;
        }),
    ];
    for (rule, needle, edit) in edits {
        let mut forged = plan.clone();
        edit(&mut forged);
        let report = check_with(&s, &forged, with(&previous, &locks));
        assert!(
            caught(&report, rule, needle),
            "{needle}: {:#?}",
            report.violations
        );
    }
}

#[test]
fn a_broken_or_unlisted_lock_is_caught() {
    let (s, previous, plan, locks) = case();
    // The kept visit moved to N2, still claimed as held.
    let mut forged = plan.clone();
    for v in forged.visits.iter_mut().filter(|v| v.date == d(2)) {
        v.nurse = "N2".into();
    }
    let report = check_with(&s, &forged, with(&previous, &locks));
    assert!(
        caught(&report, "LOCK", "reported as held"),
        "{:#?}",
        report.violations
    );
    // A lock of the file left out of the plan.
    let mut forged = plan.clone();
    forged.replan.as_mut().unwrap().locks.remove(0);
    let report = check_with(&s, &forged, with(&previous, &locks));
    assert!(caught(
        &report,
        "LOCK",
        "a lock of --locks the plan does not list"
    ));
    // A forbid lock claimed not to hold.
    let mut forged = plan.clone();
    forged.replan.as_mut().unwrap().locks[1].held = false;
    let report = check(&s, &forged);
    assert!(caught(&report, "LOCK", "a forbid lock always can"));
    // A forbidden pair planned.
    let mut forged = plan.clone();
    forged.replan.as_mut().unwrap().locks[1].lock = Lock::Forbid {
        nurse: "N2".into(),
        family: "F1".into(),
    };
    let report = check(&s, &forged);
    assert!(caught(&report, "LOCK", "forbid N2 at F1: the plan has"));
}

#[test]
fn a_plan_that_is_no_re_plan_is_refused_with_previous() {
    let (s, previous, mut plan, locks) = case();
    plan.replan = None;
    let report = check_with(&s, &plan, with(&previous, &locks));
    assert!(caught(&report, "REPORT", "no replan block"));
}
