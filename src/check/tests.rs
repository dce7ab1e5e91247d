//! One small scenario (a 7-day horizon from Monday 2026-07-06, 2 nurses, 2
//! families) with a hand-written clean plan, and for every rule id a plan
//! that breaks exactly that rule.
//!
//! `refreshed` fills a plan's outcomes with the checker's own recomputation;
//! it is used only after `hand_written_outcomes_match_recomputation` and the
//! `episode_*` tests have pinned that recomputation to numbers worked out by
//! hand, so the rule tests can change the visits without also tripping REPORT.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::derive::{self, Episode};
use super::*;
use crate::domain::geo::haversine_km;
use crate::plan::{EngineInfo, FamilyOutcome, Kpi, NurseOutcome, OnCall, Visit};
use crate::scenario::{Complexity, Family, History, Nurse, Provider, Role, Rules, Shift};

pub(super) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(super) fn dates(from: &str, to: &str) -> Vec<NaiveDate> {
    let (a, b) = (d(from), d(to));
    a.iter_days().take_while(|x| *x <= b).collect()
}

const UTRECHT: [f64; 2] = [52.09, 5.12];

pub(super) fn provider(id: &str) -> Provider {
    Provider {
        id: id.into(),
        name: id.into(),
        contracted: true,
        ksv_member: true,
        freelancer: false,
    }
}

pub(super) fn nurse(id: &str, min: u32, max: u32) -> Nurse {
    Nurse {
        id: id.into(),
        provider: "P1".into(),
        role: Role::Nurse,
        contract_min: min,
        contract_max: max,
        home: UTRECHT,
        off: vec![],
        partus: true,
        consent: vec![],
        history: History::default(),
    }
}

pub(super) fn family(id: &str, care_start: &str, indicated: u32, delivered_before: u32) -> Family {
    Family {
        id: id.into(),
        provider: Some("P1".into()),
        care_start: d(care_start),
        due: None,
        care_days: 8,
        indicated_hours: indicated,
        delivered_before,
        hospital: vec![],
        complexity: Complexity::Low,
        priority: 3,
        home: [52.10, 5.10],
        known_nurses: vec![],
        arrival: Default::default(),
        insurer: None,
    }
}

/// F001: episode 07-04 … 07-11, 14 h before the horizon, 6 home days in it.
/// F002: episode 07-08 … 07-15, 5 home days in the horizon, 3 after.
pub(super) fn scenario() -> Scenario {
    Scenario {
        format: "kraamplan/scenario@1".into(),
        name: "check unit test".into(),
        start: d("2026-07-06"),
        days: 7,
        rules: Rules::default(),
        measures: vec![],
        providers: vec![provider("P1"), provider("P2")],
        nurses: vec![nurse("N001", 24, 40), nurse("N002", 16, 32)],
        families: vec![
            family("F001", "2026-07-04", 49, 14),
            family("F002", "2026-07-08", 24, 0),
        ],
        partus_pool: None,
        events: Vec::new(),
        kraamcentrum: None,
    }
}

pub(super) fn visit(n: &str, f: &str, date: &str, hours: u32) -> Visit {
    Visit {
        nurse: n.into(),
        family: f.into(),
        date: d(date),
        hours,
        site: Default::default(),
    }
}

/// N001 at F001 Mon–Sat 5 h; N002 at F002 Wed–Sun 3 h.
pub(super) fn visits() -> Vec<Visit> {
    let mut v: Vec<Visit> = dates("2026-07-06", "2026-07-11")
        .into_iter()
        .map(|x| visit("N001", "F001", &x.to_string(), 5))
        .collect();
    v.extend(
        dates("2026-07-08", "2026-07-12")
            .into_iter()
            .map(|x| visit("N002", "F002", &x.to_string(), 3)),
    );
    v
}

pub(super) fn plan_with(visits: Vec<Visit>) -> Plan {
    Plan {
        format: "kraamplan/plan@1".into(),
        scenario: "check unit test".into(),
        engine: EngineInfo {
            name: "heuristic".into(),
            status: "feasible".into(),
            objective: 0.0,
            bound: 0.0,
            gap: 0.0,
            seconds: 0.0,
            levels: vec![],
            note: None,
            first_plan_seconds: None,
        },
        visits,
        oncall: vec![],
        pool: vec![],
        families: vec![],
        nurses: vec![],
        ladder: false,
        weeks: vec![],
        kpi: Kpi::default(),
        measures_used: Default::default(),
        horizon: None,
        replan: None,
        policy: None,
        escalation: vec![],
    }
}

/// Target of F001: 49 h spread over weights 1.25, 1.18, …, 0.76 (sum 8.04);
/// its horizon days are episode days 2…7 (weights sum 5.61).
fn f001_target() -> f64 {
    49.0 * 5.61 / 8.04
}

/// The clean plan with every outcome written out by hand.
pub(super) fn base_plan() -> Plan {
    let mut plan = plan_with(visits());
    plan.families = vec![
        FamilyOutcome {
            id: "F001".into(),
            floor: 18, // max(3·6, 24 − 14 − 0)
            episode_floor: 24,
            planned: 30,
            delivered_total: 44,
            indicated: 49,
            target: f001_target(), // 34.19 < cap 49 − 14 = 35
            below_floor: false,
            shortfall: 0,
            short_days: vec![],
            nurses: 1,
            served_by: Some("P1".into()),
            measures: vec![],
        },
        FamilyOutcome {
            id: "F002".into(),
            floor: 15,         // max(3·5, 24 − 0 − 3·3)
            episode_floor: 24, // 8 home days
            planned: 15,
            delivered_total: 15,
            indicated: 24,
            target: 15.0, // 24·5.55/8.04 = 16.57, capped at 24 − 3·3
            below_floor: false,
            shortfall: 0,
            short_days: vec![],
            nurses: 1,
            served_by: Some("P1".into()),
            measures: vec![],
        },
    ];
    plan.nurses = vec![
        NurseOutcome {
            id: "N001".into(),
            hours: 30,
            days_worked: 6,
            oncall_shifts: 0,
            travel_km: 21.0, // 6 visits × round(2 × 1.76 km, 1) = 6 × 3.5
            under_contract_min: vec![],
            travel_hours: 0.0,
            measures: vec![],
        },
        NurseOutcome {
            id: "N002".into(),
            hours: 15,
            days_worked: 5,
            oncall_shifts: 0,
            travel_km: 17.5,                             // 5 × 3.5
            under_contract_min: vec!["2026-W28".into()], // 15 < 16
            travel_hours: 0.0,
            measures: vec![],
        },
    ];
    let r1 = 30.0 / f001_target();
    let mean = (r1 + 1.0) / 2.0;
    plan.kpi = Kpi {
        families_below_floor: 0,
        shortfall_hours: 0,
        delivered_hours: 45,
        min_ratio: r1,
        mean_ratio: mean,
        gini: (1.0 - r1) / (4.0 * mean), // (Σ|ri−rj|/n²)/(2·mean) for n = 2
        jain: (r1 + 1.0).powi(2) / (2.0 * (r1 * r1 + 1.0)),
        travel_km: 38.5,
        ..Kpi::default()
    };
    plan
}

/// `plan` with its outcomes, pool rows, KPI and `measures_used` replaced by
/// the recomputed ones. The declarations of the measures a plan chooses (a
/// waived day, M-REDUCED-REST, M-FLEX) are kept where they are uses; the
/// others are declared wherever the visits use them.
pub(super) fn refreshed(sc: &Scenario, mut plan: Plan) -> Plan {
    let (families, nurses, pool, used) = {
        let facts = super::facts(sc, &plan);
        let families: Vec<FamilyOutcome> = sc
            .families
            .iter()
            .map(|f| facts.family_figures(f).outcome)
            .collect();
        let nurses: Vec<NurseOutcome> = sc.nurses.iter().map(|n| facts.nurse_outcome(n)).collect();
        let used = facts.usage.measures_used();
        (families, nurses, super::pool::expected_rows(&facts), used)
    };
    plan.kpi = derive::kpi(sc, &families, &nurses, &pool);
    // The level-1 objective W·below + shortfall, W = 1 + Σ floor, with no bound claimed.
    let weight = 1.0 + families.iter().map(|f| f.floor as f64).sum::<f64>();
    plan.engine.objective =
        weight * plan.kpi.families_below_floor as f64 + plan.kpi.shortfall_hours as f64;
    plan.engine.bound = 0.0;
    plan.engine.gap = crate::model::objective::relative_gap(plan.engine.objective, 0.0);
    plan.measures_used = used;
    plan.families = families;
    plan.nurses = nurses;
    plan.pool = pool;
    plan
}

pub(super) fn rules_of(report: &CheckReport) -> BTreeSet<String> {
    report
        .violations
        .iter()
        .map(|v| v.rule.id().to_string())
        .collect()
}

/// A plan edit named by words its violation message must contain.
pub(super) type Edit<'a> = (&'a str, fn(&mut Plan));

/// Every edit of `base` must break `rule` and nothing else, with a message
/// that contains the edit's words.
#[track_caller]
pub(super) fn assert_each_caught(sc: &Scenario, base: &Plan, rule: &str, edits: Vec<Edit>) {
    for (words, edit) in edits {
        let mut plan = base.clone();
        edit(&mut plan);
        let report = check(sc, &plan);
        assert_eq!(
            rules_of(&report),
            [rule.to_string()].into(),
            "{words}: {:#?}",
            report.violations
        );
        assert!(
            report.violations.iter().any(|v| v.message.contains(words)),
            "{words}: {:#?}",
            report.violations
        );
    }
}

/// Check a refreshed plan and require violations of `rule` and nothing else.
fn assert_only(sc: &Scenario, visits: Vec<Visit>, rule: &str) -> CheckReport {
    let report = check(sc, &refreshed(sc, plan_with(visits)));
    let expected: BTreeSet<String> = [rule.to_string()].into();
    assert_eq!(rules_of(&report), expected, "{:#?}", report.violations);
    report
}

/// Check a refreshed plan and require no violation.
fn assert_clean(sc: &Scenario, visits: Vec<Visit>) -> CheckReport {
    let report = check(sc, &refreshed(sc, plan_with(visits)));
    assert!(report.is_clean(), "{:#?}", report.violations);
    report
}

pub(super) fn with(mut v: Vec<Visit>, extra: Visit) -> Vec<Visit> {
    v.push(extra);
    v
}

pub(super) fn without(v: Vec<Visit>, nurse: &str, date: &str) -> Vec<Visit> {
    v.into_iter()
        .filter(|x| !(x.nurse == nurse && x.date == d(date)))
        .collect()
}

// ---------------------------------------------------------------- baseline

#[test]
fn clean_plan_has_no_violations_or_findings() {
    let report = check(&scenario(), &base_plan());
    assert!(report.is_clean(), "{:#?}", report.violations);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn hand_written_outcomes_match_recomputation() {
    let sc = scenario();
    let hand = base_plan();
    let auto = refreshed(&sc, hand.clone());
    assert_eq!(auto.nurses, hand.nurses);
    for (a, h) in auto.families.iter().zip(&hand.families) {
        assert!((a.target - h.target).abs() < 1e-9, "{} target", a.id);
        let mut a = a.clone();
        a.target = h.target;
        assert_eq!(&a, h);
    }
    let (a, h) = (&auto.kpi, &hand.kpi);
    assert_eq!(a.families_below_floor, h.families_below_floor);
    assert_eq!(a.shortfall_hours, h.shortfall_hours);
    assert_eq!(a.delivered_hours, h.delivered_hours);
    for (x, y) in [
        (a.min_ratio, h.min_ratio),
        (a.mean_ratio, h.mean_ratio),
        (a.gini, h.gini),
        (a.jain, h.jain),
    ] {
        assert!((x - y).abs() < 1e-12, "{x} vs {y}");
    }
}

#[test]
fn display_starts_with_the_rule_id() {
    let mut sc = scenario();
    sc.rules.max_nurse_hours_per_day = Some(4);
    let report = check(&sc, &base_plan());
    let first = report.violations[0].to_string();
    assert_eq!(first, "[ATW-DAY-MAX] N001 works 5 h on 2026-07-06 > max 4");
}

// ---------------------------------------------------------------- episodes

fn episode(f: &Family) -> Episode {
    Episode::new(f, d("2026-07-06"), d("2026-07-12"), 8)
}

#[test]
fn episode_with_few_home_days_has_a_ten_hour_floor() {
    let mut f = family("F003", "2026-07-06", 49, 0);
    f.hospital = vec![
        d("2026-07-06"),
        d("2026-07-07"),
        d("2026-07-08"),
        d("2026-07-09"),
        d("2026-07-13"),
    ];
    let ep = episode(&f);
    assert_eq!(ep.during, dates("2026-07-10", "2026-07-12"));
    assert_eq!((ep.after, ep.hospital_days), (0, 5));
    assert_eq!(ep.floor_total, 10); // max(10, 3·3)
    assert_eq!(ep.indicated, 19); // 49 − 6·5
    assert_eq!(ep.floor, 10);
    assert!((ep.target - 19.0).abs() < 1e-9); // all home days in the horizon

    // One home day: the 10 h floor is capped at 8 h a day.
    f.hospital = dates("2026-07-06", "2026-07-12");
    f.hospital.push(d("2026-07-13"));
    f.hospital.retain(|x| *x != d("2026-07-10"));
    let ep = episode(&f);
    assert_eq!((ep.floor_total, ep.floor), (8, 8));
}

#[test]
fn ten_hour_floor_family_below_it_is_a_total_finding() {
    let mut sc = scenario();
    let mut f = family("F003", "2026-07-06", 49, 0);
    f.hospital = [
        "2026-07-06",
        "2026-07-07",
        "2026-07-08",
        "2026-07-09",
        "2026-07-13",
    ]
    .map(d)
    .to_vec();
    sc.families = vec![f];
    let v: Vec<Visit> = ["2026-07-10", "2026-07-11", "2026-07-12"]
        .iter()
        .map(|x| visit("N001", "F003", x, 3))
        .collect();
    let report = assert_clean(&sc, v);
    assert_eq!(report.findings.len(), 1);
    let finding = &report.findings[0];
    assert_eq!(finding.rule, "CARE-MIN-TOTAL");
    assert_eq!(finding.shortfall, 1); // 10 − 9
    assert!(finding.short_days.is_empty());
}

#[test]
fn issue11_episode_floor_is_24_hours_unless_there_are_hospital_days() {
    let floor_total = |care_days: u32, hospital: &[&str]| {
        let mut f = family("F006", "2026-07-06", 49, 0);
        f.care_days = care_days;
        f.hospital = hospital.iter().map(|x| d(x)).collect();
        episode(&f).floor_total
    };
    assert_eq!(floor_total(7, &[]), 24); // not 7 × 3
    assert_eq!(floor_total(8, &["2026-07-06"]), 21); // 7 home days × 3
    assert_eq!(floor_total(3, &["2026-07-06"]), 10); // 2 home days: max(10, 6)
    assert_eq!(floor_total(10, &[]), 30); // 3 h on every home day
    assert_eq!(floor_total(2, &[]), 16); // capped at 2 × 8

    // A hospital date outside the episode does not count.
    assert_eq!(floor_total(7, &["2026-07-20"]), 24);
}

/// F006: a seven-day episode 07-06 … 07-12 without hospital days, all of it
/// in the horizon, planned `hours[k]` on day `k` (N001 Mon–Thu, N002 Fri–Sun).
fn seven_day_family(hours: [u32; 7]) -> (Scenario, Vec<Visit>) {
    let mut sc = scenario();
    let mut f = family("F006", "2026-07-06", 49, 0);
    f.care_days = 7;
    sc.families = vec![f];
    let v = dates("2026-07-06", "2026-07-12")
        .into_iter()
        .zip(hours)
        .enumerate()
        .map(|(k, (x, h))| {
            let n = if k < 4 { "N001" } else { "N002" };
            visit(n, "F006", &x.to_string(), h)
        })
        .collect();
    (sc, v)
}

#[test]
fn issue11_seven_day_episode_needs_24_hours() {
    let (sc, _) = seven_day_family([3; 7]);
    let ep = episode(&sc.families[0]);
    assert_eq!((ep.floor_total, ep.floor, ep.after), (24, 24, 0));

    // 3 h on each of the 7 days: every day is at its minimum, the episode 3 h short.
    let (sc, v) = seven_day_family([3; 7]);
    let plan = refreshed(&sc, plan_with(v));
    let report = check(&sc, &plan);
    assert!(report.is_clean(), "{:#?}", report.violations);
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    let finding = &report.findings[0];
    assert_eq!(
        (
            finding.rule.id(),
            finding.family.as_str(),
            finding.shortfall
        ),
        ("CARE-MIN-TOTAL", "F006", 3) // 24 − 21
    );
    assert!(finding.short_days.is_empty());
    let o = &plan.families[0];
    assert_eq!((o.floor, o.episode_floor, o.planned), (24, 24, 21));
    assert_eq!((o.below_floor, o.shortfall), (true, 3));
    assert_eq!(
        (plan.kpi.families_below_floor, plan.kpi.shortfall_hours),
        (1, 3)
    );

    // A plan that reports the 21 h as at the floor.
    let mut hiding = plan.clone();
    hiding.families[0].below_floor = false;
    hiding.families[0].shortfall = 0;
    hiding.kpi.families_below_floor = 0;
    hiding.kpi.shortfall_hours = 0;
    let report = check(&sc, &hiding);
    assert_eq!(rules_of(&report), ["REPORT".to_string()].into());
    assert!(report
        .violations
        .iter()
        .any(|v| v.message.contains("below_floor")));

    // The same episode with 24 h in longer days is at the floor.
    let (sc, v) = seven_day_family([4, 4, 4, 3, 3, 3, 3]);
    let report = assert_clean(&sc, v.clone());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    let plan = refreshed(&sc, plan_with(v));
    assert_eq!(
        (plan.families[0].below_floor, plan.families[0].shortfall),
        (false, 0)
    );
}

#[test]
fn episode_deficit_before_the_horizon_is_caught_up_in_it() {
    // 07-01 … 07-08: 5 home days before (15 h due, 6 given), 3 in the horizon.
    let f = family("F004", "2026-07-01", 49, 6);
    let ep = episode(&f);
    assert_eq!((ep.home.len(), ep.during.len(), ep.after), (8, 3, 0));
    assert_eq!(ep.floor, 18); // max(3·3, 24 − 6 − 0)
    let inside: f64 = (5..8).map(derive::profile_weight).sum();
    let all: f64 = (0..8).map(derive::profile_weight).sum();
    assert!((ep.target - 49.0 * inside / all).abs() < 1e-9);
}

#[test]
fn episode_outside_the_horizon_has_no_floor_or_target() {
    let f = family("F005", "2026-07-13", 49, 0);
    let ep = episode(&f);
    assert_eq!((ep.floor, ep.after, ep.floor_total), (0, 8, 24));
    assert_eq!(ep.target, 0.0);
}

#[test]
fn fairness_figures() {
    assert_eq!(derive::fairness(&[]), (1.0, 1.0, 0.0, 1.0));
    assert_eq!(derive::fairness(&[0.7, 0.7]), (0.7, 0.7, 0.0, 1.0));
    let (min, mean, gini, jain) = derive::fairness(&[0.0, 1.0]);
    assert_eq!((min, mean), (0.0, 0.5));
    assert!((gini - 0.5).abs() < 1e-12);
    assert!((jain - 0.5).abs() < 1e-12);
}

#[test]
fn served_by_breaks_ties_on_the_smallest_nurse_id() {
    let mut sc = scenario();
    sc.nurses[0].provider = "P2".into();
    sc.measures = vec!["M-LENDING".into()];
    let v = vec![
        visit("N002", "F002", "2026-07-08", 3),
        visit("N001", "F002", "2026-07-09", 3),
    ];
    let plan = refreshed(&sc, plan_with(v));
    let f2 = &plan.families[1];
    assert_eq!(f2.served_by.as_deref(), Some("P2")); // N001's provider
    assert_eq!(f2.nurses, 2);
    assert_eq!(plan.families[0].served_by, None);
}

// ---------------------------------------------------------------- PLAN-REF

#[test]
fn plan_ref_unknown_ids_dates_zero_hours_and_duplicates() {
    let mut sc = scenario();
    sc.rules.min_visit_hours = Some(1); // the 1-hour duplicate below isolates PLAN-REF
    for bad in [
        visit("N999", "F001", "2026-07-12", 3),
        visit("N002", "F999", "2026-07-06", 3),
        visit("N002", "F002", "2026-07-13", 3),
        visit("N002", "F002", "2026-07-05", 3),
        visit("N001", "F001", "2026-07-12", 0),
        visit("N002", "F002", "2026-07-08", 1), // second row for N002/F002/07-08
    ] {
        let report = assert_only(&sc, with(visits(), bad.clone()), "PLAN-REF");
        assert_eq!(
            report.violations.len(),
            1,
            "{bad:?}: {:#?}",
            report.violations
        );
    }
}

#[test]
fn plan_ref_oncall_of_unknown_nurse() {
    let sc = scenario();
    let mut plan = plan_with(visits());
    plan.oncall = vec![OnCall {
        nurse: "N999".into(),
        date: d("2026-07-06"),
        shift: Shift::Day,
    }];
    let report = check(&sc, &refreshed(&sc, plan));
    assert_eq!(rules_of(&report), ["PLAN-REF".to_string()].into());
}

// ---------------------------------------------------------------- assignment

#[test]
fn avail_visit_on_a_day_off() {
    let mut sc = scenario();
    sc.nurses[0].off = vec![d("2026-07-07")];
    let report = assert_only(&sc, visits(), "AVAIL");
    assert_eq!(report.violations[0].date, Some(d("2026-07-07")));
    sc.nurses[0].off = vec![d("2026-07-12")];
    assert_clean(&sc, visits());
}

#[test]
fn role_kio_and_office_staff() {
    let mut sc = scenario();
    sc.nurses[1].role = Role::Kio;
    assert_only(&sc, visits(), "ROLE"); // no M-KIO
    sc.measures = vec!["M-KIO".into()];
    assert_clean(&sc, visits());
    sc.families[1].complexity = Complexity::Medium;
    let report = assert_only(&sc, visits(), "ROLE"); // KIO at medium complexity
    assert!(report.violations[0].message.contains("medium"));

    let mut sc = scenario();
    sc.nurses[1].role = Role::OfficeQualified;
    assert_only(&sc, visits(), "ROLE");
    sc.measures = vec!["M-OFFICE".into()];
    assert_clean(&sc, visits());
}

#[test]
fn lending_another_providers_family() {
    let mut sc = scenario();
    sc.families[1].provider = Some("P2".into());
    assert_only(&sc, visits(), "M-LENDING");
    sc.measures = vec!["M-LENDING".into()];
    assert_clean(&sc, visits());
}

#[test]
fn waitlist_family_served_without_the_measure() {
    let mut sc = scenario();
    sc.families[1].provider = None;
    let report = assert_only(&sc, visits(), "M-WAITLIST");
    assert_eq!(report.violations.len(), 1);
    sc.measures = vec!["M-WAITLIST".into()];
    assert_clean(&sc, visits());
}

#[test]
fn combined_care_without_the_measure() {
    let mut sc = scenario();
    let v = with(
        without(visits(), "N002", "2026-07-11"),
        visit("N001", "F002", "2026-07-11", 3),
    );
    let report = assert_only(&sc, v.clone(), "ONE-FAMILY-A-DAY");
    assert_eq!(report.violations[0].date, Some(d("2026-07-11")));
    sc.measures = vec!["M-COMBINED".into()];
    let report = assert_only(&sc, v.clone(), "M-COMBINED"); // N001 did not consent
    assert!(report.violations[0].message.contains("consent"));
    sc.nurses[0].consent = vec!["M-COMBINED".into()];
    assert_clean(&sc, v);
}

#[test]
fn travel_beyond_the_maximum_distance() {
    let mut sc = scenario();
    sc.families[1].home = [53.22, 6.57]; // Groningen, ~170 km
    let report = assert_only(&sc, visits(), "TRAVEL");
    assert_eq!(report.violations.len(), 1);
    sc.rules.max_travel_km = Some(200.0);
    assert_clean(&sc, visits());
}

// ---------------------------------------------------------------- CARE-MAX

#[test]
fn care_max_visit_on_a_hospital_day() {
    let mut sc = scenario();
    sc.families[0].hospital = vec![d("2026-07-11")];
    let v = without(visits(), "N001", "2026-07-10"); // stay within the indication 43
    let report = assert_only(&sc, v, "CARE-MAX");
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("hospital day"));
}

#[test]
fn care_max_visit_outside_the_episode() {
    let sc = scenario();
    let v = with(visits(), visit("N001", "F002", "2026-07-07", 3));
    let report = check(&sc, &refreshed(&sc, plan_with(v)));
    let care: Vec<_> = report
        .violations
        .iter()
        .filter(|x| x.rule == "CARE-MAX")
        .collect();
    assert_eq!(care.len(), 1);
    assert!(care[0].message.contains("outside the episode"));
}

#[test]
fn care_max_more_than_the_daily_maximum() {
    let sc = scenario();
    let v = with(
        without(visits(), "N001", "2026-07-06"),
        visit("N001", "F001", "2026-07-06", 9),
    );
    let report = assert_only(&sc, v, "CARE-MAX");
    assert_eq!(
        report.violations[0].message,
        "F001 gets 9 h on 2026-07-06 > max 8 a day"
    );
}

#[test]
fn care_max_more_than_the_indication() {
    let mut sc = scenario();
    sc.families[0].delivered_before = 20; // 20 + 30 > 49
    let report = assert_only(&sc, visits(), "CARE-MAX");
    assert!(report.violations[0].message.contains("> indicated 49"));
}

// ---------------------------------------------------------------- ATW

#[test]
fn atw_day_max() {
    let mut sc = scenario();
    sc.rules.max_nurse_hours_per_day = Some(4);
    let report = assert_only(&sc, visits(), "ATW-DAY-MAX");
    assert_eq!(report.violations.len(), 6); // N001's six 5-hour days
}

#[test]
fn atw_day_max_counts_oncall_as_work() {
    let mut sc = scenario();
    let mut plan = plan_with(visits());
    plan.oncall = vec![OnCall {
        nurse: "N002".into(),
        date: d("2026-07-12"),
        shift: Shift::Evening,
    }];
    let report = check(&sc, &refreshed(&sc, plan.clone()));
    assert_eq!(rules_of(&report), ["ATW-DAY-MAX".to_string()].into()); // 3 + 8 > 10
    let n2 = &refreshed(&sc, plan.clone()).nurses[1];
    assert_eq!((n2.hours, n2.days_worked, n2.oncall_shifts), (23, 5, 1));

    sc.rules.oncall_counts_as_work = Some(false);
    let report = check(&sc, &refreshed(&sc, plan.clone()));
    assert!(report.is_clean(), "{:#?}", report.violations);
    let n2 = &refreshed(&sc, plan).nurses[1];
    assert_eq!((n2.hours, n2.days_worked, n2.oncall_shifts), (15, 5, 1));
}

#[test]
fn atw_week_max() {
    let mut sc = scenario();
    sc.rules.max_hours_per_week = Some(29);
    let report = assert_only(&sc, visits(), "ATW-WEEK-MAX");
    assert_eq!(report.violations[0].week.as_deref(), Some("2026-W28"));
}

#[test]
fn atw_week_max_includes_current_week_hours() {
    let mut sc = scenario();
    sc.nurses[0].contract_max = 70;
    sc.nurses[0].history.current_week_hours = 31; // 31 + 30 > 60
    assert_only(&sc, visits(), "ATW-WEEK-MAX");
}

#[test]
fn contract_max_per_week() {
    let mut sc = scenario();
    sc.nurses[0].contract_max = 29;
    let report = assert_only(&sc, visits(), "CONTRACT");
    assert_eq!(
        report.violations[0].message,
        "N001 works 30 h in 2026-W28 > contract max 29"
    );
}

#[test]
fn atw_avg_4w_broken_only_by_history() {
    let mut sc = scenario();
    sc.rules.max_avg_hours_4w = Some(50);
    sc.nurses[0].history.weekly_hours = vec![60, 60, 60]; // + 30 = 210 > 200
    assert_clean(
        &{
            let mut s = sc.clone();
            s.nurses[0].history.weekly_hours = vec![];
            s
        },
        visits(),
    );
    let report = assert_only(&sc, visits(), "ATW-AVG-4W");
    assert!(report.violations[0].message.contains("210 h"));
    // History alone, without planned hours in those weeks, is not the plan's fault.
    let v: Vec<Visit> = visits().into_iter().filter(|x| x.nurse != "N001").collect();
    assert_clean(&sc, v);
}

#[test]
fn atw_avg_16w_with_history() {
    let mut sc = scenario();
    sc.nurses[0].history.weekly_hours = vec![50; 15]; // 750 + 30 > 16·48 = 768
    let report = assert_only(&sc, visits(), "ATW-AVG-16W");
    assert_eq!(report.violations.len(), 1);
    sc.nurses[0].history.weekly_hours = vec![49; 15]; // 735 + 30 = 765
    assert_clean(&sc, visits());
}

#[test]
fn atw_weekly_rest_with_history() {
    let mut sc = scenario();
    sc.nurses[0].history.worked = dates("2026-06-30", "2026-07-05");
    let report = assert_only(&sc, visits(), "ATW-WEEKLY-REST");
    // 06-30 … 07-11 worked: one run of windows ending 07-06 … 07-11.
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].date, Some(d("2026-07-06")));
    assert!(report.violations[0].message.contains("12 consecutive days"));

    sc.rules.weekly_rest = Some(false);
    assert_clean(&sc, visits());

    let mut sc = scenario();
    sc.nurses[0].history.worked = dates("2026-06-30", "2026-07-04"); // 07-05 free
    sc.nurses[0].history.oncall = vec![d("2026-07-05")]; // … but on call
    assert_only(&sc, visits(), "ATW-WEEKLY-REST");
    sc.nurses[0].history.oncall = vec![];
    assert_clean(&sc, visits());
}

#[test]
fn atw_weekly_rest_inside_the_horizon() {
    let sc = scenario();
    let v = with(visits(), visit("N001", "F002", "2026-07-12", 3));
    assert_only(&sc, v, "ATW-WEEKLY-REST");
}

#[test]
fn org_episode_rest_between_families() {
    let mut sc = scenario();
    sc.rules.rest_days_between_episodes = Some(1);
    sc.rules.min_visit_hours = Some(1); // the 1-hour visits below isolate this rule
    assert_clean(&sc, visits());
    // N002 at F001 on Tuesday, at F002 from Wednesday: no free day between.
    let v = with(visits(), visit("N002", "F001", "2026-07-07", 1));
    let report = assert_only(&sc, v, "ORG-EPISODE-REST");
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].date, Some(d("2026-07-08")));
    // On Monday instead: Tuesday is free.
    let v = with(visits(), visit("N002", "F001", "2026-07-06", 1));
    assert_clean(&sc, v);
}

// ---------------------------------------------------------------- floor and REPORT

#[test]
fn family_below_the_floor_is_a_finding_not_a_violation() {
    let sc = scenario();
    let v = without(visits(), "N002", "2026-07-12");
    let plan = refreshed(&sc, plan_with(v));
    let f2 = &plan.families[1];
    assert!(f2.below_floor);
    assert_eq!((f2.planned, f2.shortfall), (12, 3));
    assert_eq!(f2.short_days, vec![d("2026-07-12")]);
    assert_eq!(
        (plan.kpi.families_below_floor, plan.kpi.shortfall_hours),
        (1, 3)
    );

    let report = check(&sc, &plan);
    assert!(report.is_clean(), "{:#?}", report.violations);
    assert_eq!(report.findings.len(), 1);
    let finding = &report.findings[0];
    assert_eq!(
        (
            finding.rule.id(),
            finding.family.as_str(),
            finding.shortfall
        ),
        ("CARE-MIN-DAY", "F002", 3)
    );
    assert_eq!(finding.short_days, vec![d("2026-07-12")]);
    assert!(finding
        .to_string()
        .starts_with("[CARE-MIN-DAY] F002 is 3 h below"));

    // The same plan hiding it.
    let mut hiding = plan.clone();
    hiding.families[1].below_floor = false;
    let report = check(&sc, &hiding);
    assert_eq!(rules_of(&report), ["REPORT".to_string()].into());
    assert!(report.violations[0].message.contains("below_floor"));
    assert_eq!(report.findings.len(), 1);
}

#[test]
fn report_wrong_figures() {
    let sc = scenario();
    type Edit = fn(&mut Plan);
    let edits: Vec<(&str, Edit)> = vec![
        ("floor", |p| p.families[0].floor += 1),
        ("episode_floor", |p| p.families[0].episode_floor = 21),
        ("planned", |p| p.families[1].planned = 14),
        ("delivered_total", |p| p.families[0].delivered_total = 30),
        ("indicated", |p| p.families[0].indicated = 43),
        ("target", |p| p.families[1].target = 16.57),
        ("shortfall", |p| p.families[1].shortfall = 1),
        ("short_days", |p| {
            p.families[1].short_days = vec![d("2026-07-12")]
        }),
        ("nurses", |p| p.families[0].nurses = 2),
        ("served_by", |p| p.families[0].served_by = Some("P2".into())),
        ("no outcome for family", |p| {
            p.families.pop();
        }),
        ("unknown family", |p| {
            let mut f = p.families[0].clone();
            f.id = "F999".into();
            p.families.push(f);
        }),
        ("2 outcomes", |p| {
            let f = p.families[0].clone();
            p.families.push(f);
        }),
        ("hours", |p| p.nurses[0].hours = 31),
        ("days_worked", |p| p.nurses[0].days_worked = 7),
        ("oncall_shifts", |p| p.nurses[0].oncall_shifts = 1),
        ("under_contract_min", |p| {
            p.nurses[1].under_contract_min = vec![]
        }),
        ("no outcome for nurse", |p| {
            p.nurses.remove(0);
        }),
        ("families_below_floor", |p| p.kpi.families_below_floor = 1),
        ("shortfall_hours", |p| p.kpi.shortfall_hours = 2),
        ("delivered_hours", |p| p.kpi.delivered_hours = 44),
        ("min_ratio", |p| p.kpi.min_ratio = 0.8),
        ("mean_ratio", |p| p.kpi.mean_ratio += 1e-4),
        ("gini", |p| p.kpi.gini += 0.01),
        ("jain", |p| p.kpi.jain = 1.0),
        ("certified_min_below_floor", |p| {
            p.kpi.certified_min_below_floor = 1
        }),
    ];
    for (field, edit) in edits {
        let mut plan = base_plan();
        edit(&mut plan);
        let report = check(&sc, &plan);
        // A raised certificate also contradicts the plan's own bounds (issue 11).
        let mut rules: BTreeSet<String> = ["REPORT".to_string()].into();
        if field == "certified_min_below_floor" {
            rules.insert("CERTIFICATE".into());
        }
        assert_eq!(
            rules_of(&report),
            rules,
            "{field}: {:#?}",
            report.violations
        );
        assert!(
            report.violations.iter().any(|v| v.message.contains(field)),
            "{field}: {:#?}",
            report.violations
        );
    }
}

#[test]
fn report_tolerances() {
    let sc = scenario();
    let mut plan = base_plan();
    plan.families[0].target = (plan.families[0].target * 100.0).round() / 100.0; // 34.19
    plan.kpi.gini += 1e-8;
    plan.kpi.certified_min_below_floor = 0;
    plan.nurses.reverse(); // order of outcomes does not matter
    let report = check(&sc, &plan);
    assert!(report.is_clean(), "{:#?}", report.violations);
}

#[test]
fn a_visit_shorter_than_the_minimum() {
    let mut sc = scenario();
    let v = with(
        without(visits(), "N002", "2026-07-12"),
        visit("N002", "F002", "2026-07-12", 2),
    );
    let report = assert_only(&sc, v.clone(), "VISIT-MIN");
    assert_eq!(report.violations[0].date, Some(d("2026-07-12")));
    sc.rules.min_visit_hours = Some(1);
    assert_clean(&sc, v);
}

// ------------------------------------------------- issue 11: forged claims

/// The base plan with the levels a heuristic plan reports, all true.
fn with_levels() -> Plan {
    use crate::plan::LevelResult;
    let mut plan = base_plan();
    // Level 6b is unrounded: 2 · haversine per visit (the plan's 38.5 is in tenths per visit).
    let sc = scenario();
    let home = |id: &str, of: &[([f64; 2], &str)]| of.iter().find(|x| x.1 == id).unwrap().0;
    let nurses: Vec<_> = sc.nurses.iter().map(|n| (n.home, n.id.as_str())).collect();
    let families: Vec<_> = sc
        .families
        .iter()
        .map(|f| (f.home, f.id.as_str()))
        .collect();
    let km: f64 = plan
        .visits
        .iter()
        .map(|v| 2.0 * haversine_km(home(&v.nurse, &nurses), home(&v.family, &families)))
        .sum();
    assert!((km - 38.5).abs() < 0.5 && (km - 38.5).abs() > 1e-3, "{km}");
    let level =
        |level, name: &str, sense: &str, value: f64, bound: f64, status: &str| LevelResult {
            level,
            name: name.into(),
            sense: sense.into(),
            value,
            bound,
            status: status.into(),
            seconds: 0.0,
        };
    plan.engine.levels = vec![
        level(1, "families below the floor", "min", 0.0, 0.0, "optimal"),
        level(1, "shortfall hours", "min", 0.0, 0.0, "optimal"),
        level(4, "delivered hours", "max", 45.0, 60.0, "feasible"),
        level(5, "nurses new to a family", "min", 2.0, 0.0, "feasible"),
        level(6, "kilometres driven", "min", km, 30.0, "feasible"),
    ];
    plan
}

#[test]
fn issue11_engine_claims_are_checked_against_the_plan() {
    let sc = scenario();
    assert!(
        check(&sc, &with_levels()).is_clean(),
        "{:#?}",
        check(&sc, &with_levels()).violations
    );
    let edits: Vec<Edit> = vec![
        ("engine name", |p| p.engine.name = "cplex".into()),
        ("engine status", |p| p.engine.status = "proven".into()),
        ("engine objective", |p| p.engine.objective = 5.0),
        ("engine bound", |p| p.engine.bound = 1.0),
        ("engine gap", |p| p.engine.gap = 0.5),
        ("engine bound", |p| p.engine.bound = f64::NAN),
        ("plan reports 44", |p| p.engine.levels[2].value = 44.0),
        ("plan reports 3", |p| p.engine.levels[3].value = 3.0),
        // Within the old allowance of 0.05 km a visit: the figure is exact now.
        ("plan reports 38.5", |p| p.engine.levels[4].value = 38.5),
        ("wrong side", |p| p.engine.levels[2].bound = 40.0),
        ("wrong side", |p| p.engine.levels[4].bound = 40.0),
        ("status optimal, but value", |p| {
            p.engine.levels[2].status = "optimal".into()
        }),
        ("not a level", |p| {
            p.engine.levels[3].name = "happiness".into()
        }),
        ("sense", |p| p.engine.levels[2].sense = "min".into()),
        ("listed more than once", |p| {
            let l = p.engine.levels[4].clone();
            p.engine.levels.push(l)
        }),
        ("every level optimal", |p| {
            p.engine.status = "optimal".into()
        }),
    ];
    assert_each_caught(&sc, &with_levels(), "ENGINE", edits);
}

#[test]
fn issue11_a_certificate_above_the_plans_own_bound_is_caught() {
    // F002 gets nothing on 07-12: one family below the floor, nothing proven.
    let sc = scenario();
    let mut plan = refreshed(&sc, plan_with(without(visits(), "N002", "2026-07-12")));
    plan.engine.levels = with_levels().engine.levels[..1].to_vec();
    plan.engine.levels[0].value = 1.0;
    plan.engine.levels[0].status = "feasible".into();
    assert!(
        check(&sc, &plan).is_clean(),
        "{:#?}",
        check(&sc, &plan).violations
    );
    // "This shortage was unavoidable": the certificate raised to the count.
    let mut forged = plan.clone();
    forged.kpi.certified_min_below_floor = 1;
    let report = check(&sc, &forged);
    assert_eq!(
        rules_of(&report),
        ["CERTIFICATE".to_string()].into(),
        "{:#?}",
        report.violations
    );
    // Raised together with the level's bound: the engine's bound still says 0.
    forged.engine.levels[0].bound = 1.0;
    let report = check(&sc, &forged);
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.message.contains("⌊bound / W⌋")),
        "{:#?}",
        report.violations
    );
}

#[test]
fn issue11_a_plan_of_another_scenario_or_format_is_refused() {
    let sc = scenario();
    let mut plan = base_plan();
    plan.scenario = "KSV Elders, week 28 2026".into();
    let report = check(&sc, &plan);
    assert!(report
        .violations
        .iter()
        .any(|v| v.rule == "PLAN-REF" && v.message.contains("not for")));
    let mut plan = base_plan();
    plan.format = "kraamplan/plan@2".into();
    let report = check(&sc, &plan);
    assert!(report
        .violations
        .iter()
        .any(|v| v.rule == "PLAN-REF" && v.message.contains("plan@2")));
}
