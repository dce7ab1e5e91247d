//! Re-planning on scenarios small enough to reason about by hand: where
//! stability binds, what the floor and the pool may still change, locks.

use super::*;
use crate::check::{check_with, Context};
use crate::engine::{EngineChoice, EngineConfig};
use crate::milp::SolveConfig;
use crate::plan::replan::ChangeKind;
use crate::testkit::{solve_clean, Tiny};

fn d(day: u32) -> NaiveDate {
    crate::domain::calendar::add_days(NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(), i64::from(day))
}

fn config(choice: EngineChoice) -> EngineConfig {
    EngineConfig {
        choice,
        solve: SolveConfig {
            time_limit: 60.0,
            gap: 0.0,
            ..SolveConfig::default()
        },
        ..EngineConfig::default()
    }
}

/// Re-plan and require the checker, given the previous plan and the locks, to pass it.
fn run(s: &Scenario, previous: &Plan, notice: u32, locks: &[Lock], choice: EngineChoice) -> Plan {
    let req = Request {
        previous,
        notice_days: notice,
        locks,
        from_scratch: false,
    };
    let plan = replan(s, req, &config(choice)).expect("replan");
    let ctx = Context {
        previous: Some(previous),
        locks: Some(locks),
    };
    let report = check_with(s, &plan, ctx);
    assert!(report.is_clean(), "{:#?}", report.violations);
    plan
}

fn changes(plan: &Plan) -> &[Change] {
    &plan.replan.as_ref().expect("a re-plan").changes
}

const BOTH: [EngineChoice; 2] = [EngineChoice::Milp, EngineChoice::Heuristic];

/// Three families of four days, each with its own nurse, and a fourth nurse free.
fn region() -> Scenario {
    Tiny::new(4)
        .family("F1", "2026-07-06", 4)
        .family("F2", "2026-07-06", 4)
        .family("F3", "2026-07-06", 4)
        .days(4)
        .build()
}

#[test]
fn without_news_nothing_changes() {
    let s = region();
    let previous = solve_clean(&s);
    for choice in BOTH {
        let plan = run(&s, &previous, 2, &[], choice);
        assert!(
            changes(&plan).is_empty(),
            "{choice:?}: {:#?}",
            changes(&plan)
        );
        assert_eq!(plan.visits, previous.visits);
    }
}

#[test]
fn a_nurse_sick_for_two_days_moves_only_her_visits() {
    let base = region();
    let previous = solve_clean(&base);
    // The nurse with the most visits falls ill on days 1 and 2.
    let sick = previous.visits[0].nurse.clone();
    let mut s = base.clone();
    let n = s.nurses.iter_mut().find(|n| n.id == sick).unwrap();
    n.off = vec![d(1), d(2)];
    let hers: Vec<_> = previous
        .visits
        .iter()
        .filter(|v| v.nurse == sick && (v.date == d(1) || v.date == d(2)))
        .collect();
    assert!(!hers.is_empty());
    for choice in BOTH {
        let plan = run(&s, &previous, 4, &[], choice);
        let ch = changes(&plan);
        assert_eq!(ch.len(), hers.len(), "{choice:?}: {ch:#?}");
        for c in ch {
            assert_eq!(c.kind, ChangeKind::VisitMoved, "{choice:?}: {c:?}");
            assert_eq!(c.before.as_ref().unwrap().nurse, sick);
            assert!(c.notice && (c.date == d(1) || c.date == d(2)));
            assert!(c.why.iter().any(|w| w.contains("is off on")), "{:?}", c.why);
        }
        // Every other row is identical.
        let others = |p: &Plan| {
            p.visits
                .iter()
                .filter(|v| {
                    !(hers
                        .iter()
                        .any(|h| h.family == v.family && h.date == v.date))
                })
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(others(&plan), others(&previous), "{choice:?}");
        let summary = &plan.replan.as_ref().unwrap().summary;
        assert_eq!(summary.notice_changes, hers.len() as u32);
        assert_eq!(summary.notice_notices, 4 * hers.len() as u32);
    }
}

#[test]
fn a_new_birth_takes_one_free_nurse_day_and_nothing_else_changes() {
    let base = region();
    let previous = solve_clean(&base);
    // F4 is born on the last day (a draft day with a notice window of 2).
    let s = {
        let mut t = Tiny::new(4)
            .family("F1", "2026-07-06", 4)
            .family("F2", "2026-07-06", 4)
            .family("F3", "2026-07-06", 4)
            .family("F4", "2026-07-09", 8)
            .days(4)
            .build();
        t.name = base.name.clone();
        t
    };
    for choice in BOTH {
        let plan = run(&s, &previous, 2, &[], choice);
        let ch = changes(&plan);
        assert_eq!(ch.len(), 1, "{choice:?}: {ch:#?}");
        assert_eq!(ch[0].kind, ChangeKind::VisitAdded);
        assert_eq!(ch[0].family.as_deref(), Some("F4"));
        assert_eq!(ch[0].date, d(3));
        assert!(!ch[0].notice);
    }
}

#[test]
fn the_floor_may_change_the_notice_window() {
    // N1 serves F1; F2 is born today and only N1 lives near enough.
    // The floor needs N1 at F2 and N2 at F1: two changes in the window.
    let build = |with_f2: bool| {
        let mut t = Tiny::new(2).family("F1", "2026-07-06", 2);
        if with_f2 {
            t = t
                .family("F2", "2026-07-06", 2)
                .family_home("F2", 51.95, 5.1);
        } else {
            // The previous plan as told: N2 was away, N1 at F1 on both days.
            t = t.off("N2", "2026-07-06").off("N2", "2026-07-07");
        }
        let mut s = t.days(2).build();
        s.nurses[1].home = [52.3, 5.1];
        s
    };
    let previous = solve_clean(&build(false));
    assert!(previous.visits.iter().all(|v| v.nurse == "N1"));
    let s = build(true);
    for choice in BOTH {
        let plan = run(&s, &previous, 2, &[], choice);
        assert_eq!(plan.kpi.families_below_floor, 0, "{choice:?}");
        let ch = changes(&plan);
        assert!(ch.iter().all(|c| c.notice));
        assert!(ch
            .iter()
            .any(|c| c.kind == ChangeKind::VisitMoved && c.family.as_deref() == Some("F1")));
        assert!(ch
            .iter()
            .any(|c| c.kind == ChangeKind::VisitAdded && c.family.as_deref() == Some("F2")));
    }
}

#[test]
fn the_pool_may_change_the_notice_window() {
    // Two partus nurses, one night to staff, F1 for two days; N3 (no pool
    // nurse) was away. The previous plan has one partus nurse on call and
    // the other at F1. The one on call falls ill that day: only the other
    // can take the night, so she leaves F1 to N3.
    let build = |off: &[(&str, &str)]| {
        let mut t = Tiny::new(3)
            .family("F1", "2026-07-06", 2)
            .partus_nurse("N1")
            .partus_nurse("N2")
            .pool_shift("2026-07-06", "night", 1)
            .days(2);
        for (n, day) in off {
            t = t.off(n, day);
        }
        t.build()
    };
    let previous = solve_clean(&build(&[("N3", "2026-07-06"), ("N3", "2026-07-07")]));
    let on_call = previous.oncall[0].nurse.clone();
    let at_f1 = previous
        .visits
        .iter()
        .find(|v| v.date == d(0))
        .unwrap()
        .nurse
        .clone();
    assert_ne!(on_call, at_f1);
    let s = build(&[(on_call.as_str(), "2026-07-06")]);
    for choice in BOTH {
        let plan = run(&s, &previous, 2, &[], choice);
        let k = (plan.kpi.families_below_floor, plan.kpi.pool_shortfall);
        assert_eq!(k, (0, 0), "{choice:?}");
        assert!(plan
            .oncall
            .iter()
            .any(|o| o.nurse == at_f1 && o.date == d(0)));
        let ch = changes(&plan);
        let kinds: Vec<_> = ch.iter().map(|c| (c.date, c.kind)).collect();
        assert!(
            kinds.contains(&(d(0), ChangeKind::OncallMoved)),
            "{choice:?}: {ch:#?}"
        );
        assert!(
            kinds.contains(&(d(0), ChangeKind::VisitMoved)),
            "{choice:?}: {ch:#?}"
        );
        assert!(ch.iter().all(|c| c.notice), "{choice:?}: {ch:#?}");
    }
}

/// F1 is served by N1, who lives 20 km away; N2 lives next door. The
/// family knows both, so continuity (level 5) does not choose between them.
fn far_and_near(n2_available: bool) -> Scenario {
    let mut t = Tiny::new(2)
        .family("F1", "2026-07-06", 4)
        .known("F1", "N1")
        .known("F1", "N2")
        .days(4);
    if !n2_available {
        for day in ["2026-07-06", "2026-07-07", "2026-07-08", "2026-07-09"] {
            t = t.off("N2", day);
        }
    }
    let mut s = t.build();
    s.nurses[0].home = [52.28, 5.1];
    s
}

#[test]
fn a_cheaper_plan_that_moves_many_visits_is_not_taken() {
    let previous = solve_clean(&far_and_near(false));
    assert!(previous.visits.iter().all(|v| v.nurse == "N1"));
    let s = far_and_near(true);
    // From scratch, N2 does it all: 4 × 40 km less.
    let scratch = solve_clean(&s);
    assert!(scratch.visits.iter().all(|v| v.nurse == "N2"));
    for choice in BOTH {
        // All four days told: nothing changes.
        let plan = run(&s, &previous, 4, &[], choice);
        assert!(
            changes(&plan).is_empty(),
            "{choice:?}: {:#?}",
            changes(&plan)
        );
        // Only the first day told: the draft days go to N2 (level 6 before level 7).
        let plan = run(&s, &previous, 1, &[], choice);
        let moved: Vec<_> = changes(&plan)
            .iter()
            .map(|c| (c.date, c.kind, c.notice))
            .collect();
        assert_eq!(
            moved,
            (1..4)
                .map(|t| (d(t), ChangeKind::VisitMoved, false))
                .collect::<Vec<_>>(),
            "{choice:?}"
        );
    }
}

#[test]
fn a_keep_lock_holds_at_a_cost() {
    let previous = solve_clean(&far_and_near(false));
    let s = far_and_near(true);
    let keep = Lock::Keep {
        nurse: "N1".into(),
        family: "F1".into(),
        date: d(3),
    };
    for choice in BOTH {
        let free = run(&s, &previous, 0, &[], choice);
        let plan = run(&s, &previous, 0, std::slice::from_ref(&keep), choice);
        let r = plan.replan.as_ref().unwrap();
        assert!(r.locks[0].held, "{choice:?}: {:?}", r.locks);
        assert!(plan
            .visits
            .iter()
            .any(|v| v.nurse == "N1" && v.date == d(3)));
        assert!(plan.kpi.travel_km > free.kpi.travel_km + 30.0, "{choice:?}");
    }
}

#[test]
fn a_forbidden_pair_is_never_planned() {
    let previous = solve_clean(&far_and_near(false));
    let s = far_and_near(true);
    let forbid = Lock::Forbid {
        nurse: "N1".into(),
        family: "F1".into(),
    };
    for choice in BOTH {
        let plan = run(&s, &previous, 4, std::slice::from_ref(&forbid), choice);
        assert!(plan.visits.iter().all(|v| v.nurse != "N1"), "{choice:?}");
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert!(plan.replan.as_ref().unwrap().locks[0].held);
    }
}

#[test]
fn an_impossible_lock_is_reported() {
    let base = far_and_near(false);
    let previous = solve_clean(&base);
    // N1 falls ill on day 2; the planner had locked her visit that day.
    let mut s = base.clone();
    s.nurses[0].off = vec![d(2)];
    let locks = [
        Lock::Keep {
            nurse: "N1".into(),
            family: "F1".into(),
            date: d(2),
        },
        Lock::KeepOncall {
            nurse: "N1".into(),
            date: d(1),
            shift: crate::scenario::Shift::Night,
        },
    ];
    for choice in BOTH {
        let plan = run(&s, &previous, 4, &locks, choice);
        let r = plan.replan.as_ref().unwrap();
        assert!(!r.locks[0].held);
        assert!(r.locks[0]
            .why
            .as_deref()
            .unwrap()
            .contains("N1 is off on 2026-07-08"));
        assert!(!r.locks[1].held);
        assert!(r.locks[1]
            .why
            .as_deref()
            .unwrap()
            .contains("no on-call shift"));
    }
}

#[test]
fn keep_locks_that_break_a_rule_together_are_dropped_latest_first() {
    // Four kept 8-hour days of N1 at F1 within a contract of 24 h a week.
    let mut base = far_and_near(false);
    base.nurses[0].contract_max = 40;
    let previous = solve_clean(&base);
    let mut s = far_and_near(true);
    s.nurses[0].contract_max = 24;
    let locks: Vec<Lock> = previous
        .visits
        .iter()
        .map(|v| Lock::Keep {
            nurse: v.nurse.clone(),
            family: v.family.clone(),
            date: v.date,
        })
        .collect();
    let total: u32 = previous.visits.iter().map(|v| v.hours).sum();
    assert!(total > 24, "the previous plan gives {total} h");
    let plan = run(&s, &previous, 4, &locks, EngineChoice::Milp);
    let r = plan.replan.as_ref().unwrap();
    let dropped: Vec<_> = r.locks.iter().filter(|l| !l.held).collect();
    assert!(!dropped.is_empty());
    assert!(
        dropped
            .iter()
            .all(|l| l.why.as_deref().unwrap().contains("contract max 24")),
        "{dropped:?}"
    );
    // The last day goes first.
    assert!(!r.locks.last().unwrap().held);
    assert!(r.locks[0].held);
}
