//! Tests of the partus pool rules (POOL-ELIGIBLE, ONCALL-NO-CARE,
//! ATW-NIGHT-REST, ATW-ONCALL-4W, CAO-ONCALL-BLOCK), of on-call hours in the
//! hour rules, and of the pool and travel figures under REPORT.
//!
//! They reuse the small scenario of `tests.rs` (7 days from Monday
//! 2026-07-06, N001 at F001 Mon–Sat 5 h, N002 at F002 Wed–Sun 3 h) with a
//! third nurse N003 who has no visits, and a regional pool that needs one
//! nurse on 07-06 day.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::pool::{erlang_b_required, largest_remainder};
use super::tests::{
    assert_each_caught, base_plan, d, dates, family, nurse, plan_with, provider, refreshed,
    rules_of, scenario, visit, visits, Edit,
};
use super::*;
use crate::plan::{OnCall, PoolShift, Visit};
use crate::scenario::{PartusPool, PoolScope, Role, Shift, ShiftRequirement};

fn oc(n: &str, date: &str, shift: Shift) -> OnCall {
    OnCall {
        nurse: n.into(),
        date: d(date),
        shift,
    }
}

fn pool_with(scope: PoolScope, shifts: Vec<ShiftRequirement>) -> PartusPool {
    PartusPool {
        scope,
        shifts,
        expected_pa_per_day: None,
        pa_hours: None,
        max_blocking: None,
        min_on_call: 0,
    }
}

fn need(date: &str, shift: Shift, required: u32) -> ShiftRequirement {
    ShiftRequirement {
        date: d(date),
        shift,
        required,
    }
}

/// The base scenario plus N003 (partus, 0–40 h, no visits) and a regional
/// pool needing one nurse on 07-06 day.
fn pool_scenario() -> Scenario {
    let mut sc = scenario();
    sc.nurses.push(nurse("N003", 0, 40));
    sc.partus_pool = Some(pool_with(
        PoolScope::Regional,
        vec![need("2026-07-06", Shift::Day, 1)],
    ));
    sc
}

/// A plan with these visits and on-call rows and every figure recomputed.
fn plan_of(sc: &Scenario, visits: Vec<Visit>, oncall: Vec<OnCall>) -> Plan {
    let mut plan = plan_with(visits);
    plan.oncall = oncall;
    refreshed(sc, plan)
}

fn set(rules: &[&str]) -> BTreeSet<String> {
    rules.iter().map(|r| r.to_string()).collect()
}

/// Require violations of exactly the rules `rules`.
fn assert_rules(
    sc: &Scenario,
    visits: Vec<Visit>,
    oncall: Vec<OnCall>,
    rules: &[&str],
) -> CheckReport {
    let report = check(sc, &plan_of(sc, visits, oncall));
    assert_eq!(rules_of(&report), set(rules), "{:#?}", report.violations);
    report
}

fn assert_only(sc: &Scenario, visits: Vec<Visit>, oncall: Vec<OnCall>, rule: &str) -> CheckReport {
    assert_rules(sc, visits, oncall, &[rule])
}

fn assert_clean(sc: &Scenario, visits: Vec<Visit>, oncall: Vec<OnCall>) -> CheckReport {
    assert_rules(sc, visits, oncall, &[])
}

// ---------------------------------------------------------------- pool rows

#[test]
fn regional_pool_rows_cover_every_shift_of_the_horizon() {
    let sc = pool_scenario();
    let plan = plan_of(&sc, visits(), vec![oc("N003", "2026-07-06", Shift::Day)]);
    // Every date × shift, also those with required 0: 7 × 3 rows.
    assert_eq!(plan.pool.len(), 21);
    assert!(plan.pool.iter().all(|p| p.provider.is_none()));
    assert_eq!(
        plan.pool[0],
        PoolShift {
            date: d("2026-07-06"),
            shift: Shift::Day,
            provider: None,
            required: 1,
            covered: 1,
            shortfall: 0,
            minimum: 0,
        }
    );
    assert_eq!(
        (plan.pool[1].shift, plan.pool[2].shift),
        (Shift::Evening, Shift::Night)
    );
    assert_eq!(plan.pool[20].date, d("2026-07-12"));
    assert_eq!(plan.kpi.pool_shortfall, 0);
    let n3 = &plan.nurses[2];
    assert_eq!(
        (n3.hours, n3.days_worked, n3.oncall_shifts, n3.travel_km),
        (8, 1, 1, 0.0)
    );
    let report = check(&sc, &plan);
    assert!(report.is_clean(), "{:#?}", report.violations);

    // Uncovered: a shortfall is reported, not a violation.
    let plan = plan_of(&sc, visits(), vec![]);
    assert_eq!((plan.pool[0].covered, plan.pool[0].shortfall), (0, 1));
    assert_eq!(plan.kpi.pool_shortfall, 1);
    assert!(check(&sc, &plan).is_clean());
}

#[test]
fn without_a_partus_pool_there_are_no_pool_rows() {
    let sc = scenario();
    let plan = base_plan();
    assert!(refreshed(&sc, plan.clone()).pool.is_empty());

    let mut bad = plan.clone();
    bad.pool = vec![PoolShift {
        date: d("2026-07-06"),
        shift: Shift::Day,
        provider: None,
        required: 0,
        covered: 0,
        shortfall: 0,
        minimum: 0,
    }];
    let report = check(&sc, &bad);
    assert_eq!(rules_of(&report), set(&["REPORT"]));
    assert!(report.violations[0].message.contains("no partus pool"));

    let mut bad = plan;
    bad.kpi.pool_shortfall = 1;
    let report = check(&sc, &bad);
    assert_eq!(rules_of(&report), set(&["REPORT"]));
    assert!(report.violations[0].message.contains("pool_shortfall"));
}

#[test]
fn report_wrong_pool_figures() {
    let sc = pool_scenario();
    let good = plan_of(&sc, visits(), vec![oc("N003", "2026-07-06", Shift::Day)]);
    assert!(check(&sc, &good).is_clean());
    let edits: Vec<Edit> = vec![
        ("covered", |p| p.pool[3].covered = 1),
        ("required", |p| p.pool[0].required = 2),
        ("shortfall", |p| p.pool[5].shortfall = 1),
        ("pool_shortfall", |p| p.kpi.pool_shortfall = 2),
        ("no row for pool 2026-07-12 night", |p| {
            p.pool.pop();
        }),
        ("listed 2 times", |p| {
            let r = p.pool[4].clone();
            p.pool.push(r);
        }),
        ("not expected", |p| {
            let mut r = p.pool[0].clone();
            r.date = d("2026-07-13");
            p.pool.push(r);
        }),
        ("does not match the pool's scope", |p| {
            p.pool[0].provider = Some("P1".into())
        }),
    ];
    assert_each_caught(&sc, &good, "REPORT", edits);
    // Order of the rows does not matter.
    let mut plan = good;
    plan.pool.reverse();
    assert!(check(&sc, &plan).is_clean());
}

#[test]
fn erlang_b_required_nurses() {
    // A = 1.25 PA/day · 4 h / 24 h = 0.208333 erlang.
    //   B(0) = 1
    //   B(1) = A·1 / (1 + A)            = 0.208333 / 1.208333 = 0.172414
    //   B(2) = A·B(1) / (2 + A·B(1))    = 0.035920 / 2.035920 = 0.017643 > 0.01
    //   B(3) = A·B(2) / (3 + A·B(2))    = 0.003676 / 3.003676 = 0.001224 ≤ 0.01
    // so 3 nurses per shift.
    let a = 1.25 * 4.0 / 24.0;
    assert_eq!(erlang_b_required(a, 0.01), 3);
    assert_eq!(erlang_b_required(a, 0.02), 2); // B(2) = 0.0176 ≤ 0.02
    assert_eq!(erlang_b_required(a, 0.2), 1);
    assert_eq!(erlang_b_required(a, 1.0), 0); // B(0) = 1 ≤ 1
    assert_eq!(erlang_b_required(0.0, 0.01), 0); // no calls, nobody needed (semantics.md)

    let mut sc = pool_scenario();
    sc.partus_pool = Some(PartusPool {
        expected_pa_per_day: Some(1.25),
        pa_hours: Some(4.0),
        max_blocking: Some(0.01),
        ..pool_with(PoolScope::Regional, vec![])
    });
    let plan = plan_of(&sc, visits(), vec![oc("N003", "2026-07-06", Shift::Day)]);
    assert_eq!(plan.pool.len(), 21);
    assert!(plan.pool.iter().all(|p| p.required == 3));
    assert_eq!(plan.kpi.pool_shortfall, 21 * 3 - 1);
    assert!(check(&sc, &plan).is_clean());
    // Defaults (4 h, 1%) give the same.
    sc.partus_pool.as_mut().unwrap().pa_hours = None;
    sc.partus_pool.as_mut().unwrap().max_blocking = None;
    assert!(check(&sc, &plan).is_clean());

    let mut wrong = plan;
    wrong.pool[7].required = 2;
    wrong.pool[7].shortfall = 2;
    wrong.kpi.pool_shortfall -= 1;
    let report = check(&sc, &wrong);
    assert_eq!(rules_of(&report), set(&["REPORT"]));
    assert!(report
        .violations
        .iter()
        .any(|v| v.message == "pool 2026-07-08 evening required: plan reports 2, recomputed 3"));
}

#[test]
fn largest_remainder_shares() {
    assert_eq!(largest_remainder(3, &[2, 1]), vec![2, 1]);
    assert_eq!(largest_remainder(1, &[1, 1]), vec![1, 0]); // tie: provider order
    assert_eq!(largest_remainder(2, &[1, 1, 1]), vec![1, 1, 0]);
    assert_eq!(largest_remainder(5, &[1, 1, 1]), vec![2, 2, 1]);
    assert_eq!(largest_remainder(2, &[1, 3]), vec![1, 1]); // 0.5 / 1.5: equal remainders, tie to P1
    assert_eq!(largest_remainder(4, &[1, 2, 4]), vec![1, 1, 2]); // 4/7, 8/7, 16/7
                                                                 // 2/14, 6/14, 20/14: P2 and P3 both have remainder 6/14 (in floating point
                                                                 // 20/14 − 1 comes out a hair above 6/14); the tie goes to P2.
    assert_eq!(largest_remainder(2, &[1, 3, 10]), vec![0, 1, 1]);
    assert_eq!(largest_remainder(0, &[2, 1]), vec![0, 0]);
    assert_eq!(largest_remainder(3, &[0, 0]), vec![0, 0]);
}

/// Scope `provider`: P1 has F001 and F002, P2 has F003 (all with home days
/// in the horizon), P3 has no family. 3 nurses per shift → shares 2 and 1.
fn provider_scenario() -> Scenario {
    let mut sc = pool_scenario();
    sc.providers.push(provider("P3"));
    sc.nurses[2].provider = "P2".into();
    let mut f3 = family("F003", "2026-07-08", 24, 0);
    f3.provider = Some("P2".into());
    sc.families.push(f3);
    sc.partus_pool = Some(pool_with(
        PoolScope::Provider,
        vec![need("2026-07-06", Shift::Day, 3)],
    ));
    sc
}

#[test]
fn provider_scope_splits_each_shift_by_families() {
    let sc = provider_scenario();
    let oncall = vec![
        oc("N003", "2026-07-06", Shift::Day),   // P2's own nurse
        oc("N002", "2026-07-06", Shift::Night), // P1's nurse, on a shift needing 0
    ];
    let plan = plan_of(&sc, visits(), oncall.clone());
    // Every date × shift × provider with a share (P1, P2; not P3), also at 0.
    assert_eq!(plan.pool.len(), 7 * 3 * 2);
    let row = |date: &str, shift: Shift, p: &str| {
        plan.pool
            .iter()
            .find(|r| r.date == d(date) && r.shift == shift && r.provider.as_deref() == Some(p))
            .unwrap()
            .clone()
    };
    let p1 = row("2026-07-06", Shift::Day, "P1");
    let p2 = row("2026-07-06", Shift::Day, "P2");
    assert_eq!((p1.required, p1.covered, p1.shortfall), (2, 0, 2));
    assert_eq!((p2.required, p2.covered, p2.shortfall), (1, 1, 0));
    let night = row("2026-07-06", Shift::Night, "P1");
    assert_eq!((night.required, night.covered, night.shortfall), (0, 1, 0));
    assert_eq!(row("2026-07-06", Shift::Night, "P2").covered, 0); // N002 is not P2's
    assert_eq!(plan.kpi.pool_shortfall, 2);
    let report = check(&sc, &plan);
    assert!(report.is_clean(), "{:#?}", report.violations);

    // A plan counting N003 toward P1's share.
    let mut wrong = plan.clone();
    let i = wrong
        .pool
        .iter()
        .position(|r| *r == p1)
        .expect("P1 row present");
    wrong.pool[i].covered = 1;
    wrong.pool[i].shortfall = 1;
    wrong.kpi.pool_shortfall = 1;
    let report = check(&sc, &wrong);
    assert_eq!(rules_of(&report), set(&["REPORT"]));
    assert_eq!(report.violations.len(), 3); // covered, shortfall, pool_shortfall

    // Without any family in the horizon no provider has a share: no rows.
    let mut none = sc.clone();
    none.families.clear();
    assert!(plan_of(&none, vec![], oncall.clone()).pool.is_empty());

    // A regional row (provider null) in a provider-scope plan.
    let mut wrong = plan;
    wrong.pool[0].provider = None;
    let report = check(&sc, &wrong);
    assert!(report
        .violations
        .iter()
        .any(|v| v.message.contains("does not match the pool's scope")));
    assert!(report
        .violations
        .iter()
        .any(|v| v.message.starts_with("no row for pool 2026-07-06 day (P1)")));
}

// ---------------------------------------------------------------- travel

#[test]
fn report_wrong_travel_km() {
    let sc = scenario();
    let mut plan = base_plan();
    plan.nurses[0].travel_km = 21.1;
    let report = check(&sc, &plan);
    assert_eq!(rules_of(&report), set(&["REPORT"]));
    assert!(report.violations[0]
        .message
        .contains("nurse N001 travel_km"));

    let mut plan = base_plan();
    plan.kpi.travel_km = 38.6; // a sum of tenths per visit: exact, 38.5
    let report = check(&sc, &plan);
    assert_eq!(rules_of(&report), set(&["REPORT"]));
    assert!(report.violations[0].message.contains("kpi travel_km"));

    // Only a printed float's last digit is allowed.
    let mut plan = base_plan();
    plan.nurses[0].travel_km = 21.0004;
    plan.kpi.travel_km = 38.5004;
    let report = check(&sc, &plan);
    assert!(report.is_clean(), "{:#?}", report.violations);

    // Each visit is rounded on its own: 46.70 km there and back → 46.7.
    let mut sc = scenario();
    sc.families[1].home = [52.30, 5.12];
    sc.rules.max_travel_km = Some(30.0);
    let plan = refreshed(&sc, plan_with(visits()));
    assert_eq!(plan.nurses[1].travel_km, 5.0 * 46.7);
    assert!((plan.kpi.travel_km - (21.0 + 233.5)).abs() < 1e-9);
}

// ---------------------------------------------------------------- POOL-ELIGIBLE

#[test]
fn pool_eligible_non_partus_nurse_on_call() {
    let mut sc = pool_scenario();
    sc.nurses[2].partus = false;
    let oncall = vec![oc("N003", "2026-07-06", Shift::Day)];
    let report = assert_only(&sc, visits(), oncall.clone(), "POOL-ELIGIBLE");
    assert!(report.violations[0].message.contains("not a partus nurse"));
    // … and she does not cover the shift.
    let plan = plan_of(&sc, visits(), oncall.clone());
    assert_eq!((plan.pool[0].covered, plan.pool[0].shortfall), (0, 1));

    sc.nurses[2].partus = true;
    sc.nurses[2].role = Role::Kio;
    let report = assert_only(&sc, visits(), oncall.clone(), "POOL-ELIGIBLE");
    assert!(report.violations[0].message.contains("role kio"));

    sc.nurses[2].role = Role::Nurse;
    assert_clean(&sc, visits(), oncall);
}

#[test]
fn pool_eligible_on_call_on_a_day_off() {
    let mut sc = pool_scenario();
    sc.nurses[2].off = vec![d("2026-07-06")];
    let oncall = vec![oc("N003", "2026-07-06", Shift::Evening)];
    let report = assert_only(&sc, visits(), oncall.clone(), "POOL-ELIGIBLE");
    assert!(report.violations[0].message.contains("a day off"));
    sc.nurses[2].off = vec![d("2026-07-07")];
    assert_clean(&sc, visits(), oncall);
}

#[test]
fn pool_eligible_shift_listed_twice() {
    let sc = pool_scenario();
    let row = oc("N003", "2026-07-06", Shift::Day);
    let report = assert_only(&sc, visits(), vec![row.clone(), row], "POOL-ELIGIBLE");
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("more than once"));
    // Counted once for hours and coverage.
    let plan = plan_of(&sc, visits(), vec![oc("N003", "2026-07-06", Shift::Day); 2]);
    assert_eq!((plan.nurses[2].hours, plan.nurses[2].oncall_shifts), (8, 1));
    assert_eq!(plan.pool[0].covered, 1);
}

// ---------------------------------------------------------------- ONCALL-NO-CARE

#[test]
fn oncall_no_care_day_shift_with_a_visit() {
    let mut sc = pool_scenario();
    sc.rules.min_visit_hours = Some(1); // the 2-hour help below isolates ONCALL-NO-CARE
                                        // N003 helps at F002 for 2 h (F002 gets 3 + 2; 2 + 8 h = 10 h for N003).
    let v = {
        let mut v = visits();
        v.push(visit("N003", "F002", "2026-07-10", 2));
        v
    };
    let report = assert_only(
        &sc,
        v.clone(),
        vec![oc("N003", "2026-07-10", Shift::Day)],
        "ONCALL-NO-CARE",
    );
    assert_eq!(report.violations[0].date, Some(d("2026-07-10")));
    assert!(report.violations[0].message.contains("visits F002"));
    // Care and then the evening shift is fine.
    assert_clean(&sc, v, vec![oc("N003", "2026-07-10", Shift::Evening)]);
}

// ---------------------------------------------------------------- ATW-NIGHT-REST

#[test]
fn night_rest_night_shift_followed_by_a_care_day() {
    let sc = pool_scenario();
    let mut v = visits();
    v.push(visit("N003", "F002", "2026-07-10", 3));
    let night = vec![oc("N003", "2026-07-09", Shift::Night)];
    let report = assert_only(&sc, v, night.clone(), "ATW-NIGHT-REST");
    assert_eq!(report.violations[0].date, Some(d("2026-07-10")));
    assert!(report.violations[0].message.contains("visits F002"));
    // A free day after the night, care the day after.
    let mut v = visits();
    v.push(visit("N003", "F002", "2026-07-11", 3));
    assert_clean(&sc, v, night);
}

#[test]
fn night_rest_night_shift_followed_by_a_day_or_evening_shift() {
    let sc = pool_scenario();
    for next in [Shift::Day, Shift::Evening] {
        let oncall = vec![
            oc("N003", "2026-07-09", Shift::Night),
            oc("N003", "2026-07-10", next),
        ];
        let report = assert_only(&sc, visits(), oncall, "ATW-NIGHT-REST");
        assert_eq!(report.violations.len(), 1);
    }
    // Night after night is allowed (not consecutive in the shift sequence).
    let oncall = vec![
        oc("N003", "2026-07-09", Shift::Night),
        oc("N003", "2026-07-10", Shift::Night),
    ];
    assert_clean(&sc, visits(), oncall);
    // A night on the last date: the day after is outside the horizon.
    assert_clean(&sc, visits(), vec![oc("N003", "2026-07-12", Shift::Night)]);
}

#[test]
fn night_rest_after_a_night_in_history_before_start() {
    // N003 had a night shift on Sunday 07-05, the day before start.
    let mut sc = pool_scenario();
    let h = &mut sc.nurses[2].history;
    h.oncall = vec![d("2026-07-05")];
    h.oncall_nights = vec![d("2026-07-05")];
    // She takes over N001's visit to F001 on 07-06.
    let mut v = visits();
    let first = v.iter_mut().find(|v| v.date == d("2026-07-06")).unwrap();
    first.nurse = "N003".into();
    let report = assert_only(&sc, v.clone(), vec![], "ATW-NIGHT-REST");
    let msg = &report.violations[0].message;
    assert!(
        msg.contains("history.oncall_nights") && msg.contains("2026-07-05"),
        "{msg}"
    );
    assert!(msg.contains("visits F001"), "{msg}");
    assert_eq!(report.violations[0].date, Some(d("2026-07-06")));
    // A day or evening shift on start is refused too; a night shift is not.
    for next in [Shift::Day, Shift::Evening] {
        let report = assert_only(
            &sc,
            visits(),
            vec![oc("N003", "2026-07-06", next)],
            "ATW-NIGHT-REST",
        );
        assert_eq!(report.violations.len(), 1);
    }
    assert_clean(&sc, visits(), vec![oc("N003", "2026-07-06", Shift::Night)]);
    // An on-call date alone (the shift unknown) does not forbid the visit.
    sc.nurses[2].history.oncall_nights.clear();
    assert_clean(&sc, v, vec![]);
}

// ---------------------------------------------------------------- CAO-ONCALL-BLOCK

#[test]
fn oncall_block_three_shifts_in_a_row() {
    let mut sc = pool_scenario();
    // Evening, night, next day: the block, and also the night rest; with
    // on-call counted as work the evening + night (16 h) also break the day max.
    let three = vec![
        oc("N003", "2026-07-09", Shift::Evening),
        oc("N003", "2026-07-09", Shift::Night),
        oc("N003", "2026-07-10", Shift::Day),
    ];
    let report = assert_rules(
        &sc,
        visits(),
        three.clone(),
        &["CAO-ONCALL-BLOCK", "ATW-NIGHT-REST", "ATW-DAY-MAX"],
    );
    let block: Vec<_> = report
        .violations
        .iter()
        .filter(|v| v.rule == "CAO-ONCALL-BLOCK")
        .collect();
    assert_eq!(block.len(), 1);
    assert_eq!(
        block[0].message,
        "N003 is on call for 3 consecutive shifts, 2026-07-09 evening … 2026-07-10 day; at most 2 in a row"
    );

    // Only with on-call not counted as work can the block stand alone.
    sc.rules.oncall_counts_as_work = Some(false);
    assert_rules(
        &sc,
        visits(),
        three,
        &["CAO-ONCALL-BLOCK", "ATW-NIGHT-REST"],
    );
    let day_long = vec![
        oc("N003", "2026-07-09", Shift::Day),
        oc("N003", "2026-07-09", Shift::Evening),
        oc("N003", "2026-07-09", Shift::Night),
    ];
    let report = assert_only(&sc, visits(), day_long.clone(), "CAO-ONCALL-BLOCK");
    assert_eq!(report.violations[0].date, Some(d("2026-07-09")));
    // Two in a row are fine.
    assert_clean(&sc, visits(), day_long[..2].to_vec());
    assert_clean(&sc, visits(), day_long[1..].to_vec());
    // Day and night with the evening between free: fine.
    assert_clean(
        &sc,
        visits(),
        vec![day_long[0].clone(), day_long[2].clone()],
    );
    // Four in a row are one run.
    let mut four = day_long;
    four.insert(0, oc("N003", "2026-07-08", Shift::Night));
    let report = check(&sc, &plan_of(&sc, visits(), four));
    let block: Vec<_> = report
        .violations
        .iter()
        .filter(|v| v.rule == "CAO-ONCALL-BLOCK")
        .collect();
    assert_eq!(block.len(), 1, "{:#?}", report.violations);
    assert!(block[0].message.contains("4 consecutive shifts"));
}

// ---------------------------------------------------------------- ATW-ONCALL-4W

#[test]
fn oncall_4w_counts_history() {
    let mut sc = pool_scenario();
    // 14 on-call dates in the 27 days before the horizon: 06-09, 06-11, …, 07-05.
    let history: Vec<NaiveDate> = dates("2026-06-09", "2026-07-05")
        .into_iter()
        .step_by(2)
        .collect();
    assert_eq!(history.len(), 14);
    sc.nurses[2].history.oncall = history;
    // One more on 07-06: 15 on-call dates in 06-09 … 07-06.
    let report = assert_only(
        &sc,
        visits(),
        vec![oc("N003", "2026-07-06", Shift::Day)],
        "ATW-ONCALL-4W",
    );
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].date, Some(d("2026-07-06")));
    assert!(report.violations[0]
        .message
        .contains("on call on 15 dates in the 28 days 2026-06-09 … 2026-07-06"));
    // On 07-07 instead: 06-09 has left the window, 14 dates.
    assert_clean(&sc, visits(), vec![oc("N003", "2026-07-07", Shift::Day)]);
    // Two shifts on one date are one on-call date.
    sc.rules.oncall_counts_as_work = Some(false);
    sc.nurses[2].history.oncall.remove(0);
    assert_clean(
        &sc,
        visits(),
        vec![
            oc("N003", "2026-07-06", Shift::Day),
            oc("N003", "2026-07-06", Shift::Evening),
        ],
    );
}

#[test]
fn oncall_4w_is_not_broken_by_history_alone() {
    let mut sc = pool_scenario();
    sc.nurses[2].history.oncall = dates("2026-06-09", "2026-07-05")
        .into_iter()
        .step_by(2)
        .collect();
    sc.rules.max_oncall_days_4w = Some(13);
    // The window 06-09 … 07-06 holds 14 history dates > 13, but the plan
    // adds nothing to it.
    assert_clean(&sc, visits(), vec![]);
    // A shift on 07-12: its windows hold at most 11 history dates + 1.
    assert_clean(&sc, visits(), vec![oc("N003", "2026-07-12", Shift::Day)]);
    // A shift on 07-06 adds to the full window.
    let report = assert_only(
        &sc,
        visits(),
        vec![oc("N003", "2026-07-06", Shift::Day)],
        "ATW-ONCALL-4W",
    );
    assert!(report.violations[0].message.contains("15 dates"));
}

#[test]
fn week_hours_over_the_limit_from_history_alone_are_no_violation() {
    let mut sc = pool_scenario();
    // 70 h of N003 already in the first week (a Monday start leaves no room
    // for them, but the checker only adds `current_week_hours` to the week).
    sc.nurses[2].history.current_week_hours = 70;
    // She gets nothing: no ATW-WEEK-MAX, no CONTRACT.
    assert_clean(&sc, visits(), vec![]);
    // One on-call shift adds 8 h to that week: both rules.
    assert_rules(
        &sc,
        visits(),
        vec![oc("N003", "2026-07-06", Shift::Day)],
        &["ATW-WEEK-MAX", "CONTRACT"],
    );
}

// ---------------------------------------------------------------- hour rules

#[test]
fn oncall_hours_count_in_the_hour_rules() {
    let mut sc = pool_scenario();
    // ATW-DAY-MAX: 3 h care + 8 h evening on call = 11 h > 10.
    let evening = vec![oc("N002", "2026-07-12", Shift::Evening)];
    let report = assert_only(&sc, visits(), evening.clone(), "ATW-DAY-MAX");
    assert_eq!(
        report.violations[0].message,
        "N002 works 11 h on 2026-07-12 > max 10"
    );

    // CONTRACT / ATW-WEEK-MAX: three shifts = 24 h > contract max 20.
    sc.nurses[2].contract_max = 20;
    let three_days = vec![
        oc("N003", "2026-07-06", Shift::Day),
        oc("N003", "2026-07-08", Shift::Day),
        oc("N003", "2026-07-10", Shift::Day),
    ];
    assert_only(&sc, visits(), three_days.clone(), "CONTRACT");
    sc.nurses[2].contract_max = 60;
    sc.rules.max_hours_per_week = Some(20);
    let report = check(&sc, &plan_of(&sc, visits(), three_days.clone()));
    assert!(report
        .violations
        .iter()
        .any(|v| v.rule == "ATW-WEEK-MAX" && v.nurse.as_deref() == Some("N003")));
    // … not when on-call is not working time.
    sc.rules.max_hours_per_week = None;
    sc.nurses[2].contract_max = 20;
    sc.rules.oncall_counts_as_work = Some(false);
    assert_clean(&sc, visits(), three_days);

    // ATW-WEEKLY-REST: an on-call date is a worked date, counted or not.
    let mut sc = pool_scenario();
    sc.nurses[2].contract_max = 60; // 7 × 8 = 56 h
    let week: Vec<OnCall> = dates("2026-07-06", "2026-07-12")
        .into_iter()
        .map(|x| oc("N003", &x.to_string(), Shift::Evening))
        .collect();
    assert_only(&sc, visits(), week.clone(), "ATW-WEEKLY-REST");
    let plan = plan_of(&sc, visits(), week.clone());
    assert_eq!((plan.nurses[2].hours, plan.nurses[2].days_worked), (56, 7));
    sc.rules.oncall_counts_as_work = Some(false);
    let plan = plan_of(&sc, visits(), week.clone());
    assert_eq!((plan.nurses[2].hours, plan.nurses[2].days_worked), (0, 7));
    assert_only(&sc, visits(), week.clone(), "ATW-WEEKLY-REST");
    assert_clean(&sc, visits(), week[..6].to_vec());
}

#[test]
fn issue15_a_forged_pool_minimum_is_caught() {
    // One nurse, one family, a day shift needing one, a minimum of one.
    let mut sc = crate::testkit::Tiny::new(1)
        .family("F1", "2026-07-06", 1)
        .days(1)
        .partus()
        .pool_shift("2026-07-06", "day", 1)
        .build();
    sc.partus_pool.as_mut().unwrap().min_on_call = 1;
    let p = crate::model::Problem::build(&sc).unwrap();
    let plan = crate::engine::heuristic_plan(&p, None);
    assert!(
        check(&sc, &plan).is_clean(),
        "{:#?}",
        check(&sc, &plan).violations
    );
    assert_eq!(plan.kpi.pool_min_shortfall, 0);
    // Without her on call the minimum is short: a plan that still claims 0 is caught.
    let mut forged = plan.clone();
    forged.oncall.clear();
    forged.pool[0].covered = 0;
    forged.pool[0].shortfall = 1;
    forged.kpi.pool_shortfall = 1;
    let report = check(&sc, &forged);
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.message.contains("pool_min_shortfall")),
        "{:#?}",
        report.violations
    );
    assert!(report
        .violations
        .iter()
        .any(|v| v.rule == "ENGINE" && v.message.contains("pool minimum")));
    // A row that hides its minimum is caught too.
    let mut hidden = plan.clone();
    hidden.pool[0].minimum = 0;
    let report = check(&sc, &hidden);
    assert!(report
        .violations
        .iter()
        .any(|v| v.message.contains("minimum")));
}
