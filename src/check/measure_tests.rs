//! Tests of the measures (M-*, ONE-FAMILY-A-DAY), of travel between two
//! families as working time, of waived days, of the provider scale-down
//! spread and of the colour codes (COLOUR).
//!
//! They reuse the small scenario of `tests.rs`: a 7-day horizon from Monday
//! 2026-07-06 (ISO week 2026-W28), N001 at F001 Mon–Sat 5 h, N002 at F002
//! Wed–Sun 3 h; F001's episode is 07-04 … 07-11 (floor 18 h in the horizon),
//! F002's 07-08 … 07-15 (floor 15 h); both families of P1, both homes at
//! [52.10, 5.10], both nurses of P1 at Utrecht.

use std::collections::{BTreeMap, BTreeSet};

use super::tests::{
    d, dates, family, plan_with, provider, refreshed, rules_of, scenario, visit, visits, with,
    without,
};
use super::*;
use crate::plan::{ProviderEscalation, RungOutcome, Visit, WeekCode};
use crate::scenario::{Arrival, Role};

fn set(rules: &[&str]) -> BTreeSet<String> {
    rules.iter().map(|r| r.to_string()).collect()
}

fn assert_rules(sc: &Scenario, plan: &Plan, rules: &[&str]) -> CheckReport {
    let report = check(sc, plan);
    assert_eq!(rules_of(&report), set(rules), "{:#?}", report.violations);
    report
}

/// Add declarations `(id of a nurse or family, measure)` to a plan's outcome rows.
fn add(mut plan: Plan, ids: &[(&str, &str)]) -> Plan {
    for (who, m) in ids {
        let list = if let Some(n) = plan.nurses.iter_mut().find(|n| n.id == *who) {
            &mut n.measures
        } else {
            &mut plan
                .families
                .iter_mut()
                .find(|f| f.id == *who)
                .expect("a nurse or family id")
                .measures
        };
        list.push(m.to_string());
        list.sort();
        list.dedup();
    }
    plan
}

/// A refreshed plan for `visits` that also declares `ids`: refreshed once
/// more so that the figures follow the declarations (a waived day, a reduced
/// rest), and the declarations put back where they are not uses.
fn declaring(sc: &Scenario, visits: Vec<Visit>, ids: &[(&str, &str)]) -> Plan {
    let plan = add(refreshed(sc, plan_with(visits)), ids);
    add(refreshed(sc, plan), ids)
}

fn plan_of(sc: &Scenario, visits: Vec<Visit>) -> Plan {
    declaring(sc, visits, &[])
}

fn used(pairs: &[(&str, u32)]) -> BTreeMap<String, u32> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn allow(sc: &mut Scenario, ids: &[&str]) {
    sc.measures = strings(ids);
}

// ---------------------------------------------------------------- combined care

/// N001 takes over N002's Saturday 07-11 at F002: F001 5 h + F002 3 h.
fn combined_visits() -> Vec<Visit> {
    with(
        without(visits(), "N002", "2026-07-11"),
        visit("N001", "F002", "2026-07-11", 3),
    )
}

/// F002 moved about 10.3 km east of F001: 0.34 h of driving at 30 km/h.
fn combined_scenario() -> Scenario {
    let mut sc = scenario();
    sc.families[1].home = [52.10, 5.25];
    allow(&mut sc, &["M-COMBINED"]);
    sc.nurses[0].consent = strings(&["M-COMBINED"]);
    sc
}

fn combined_travel_hours(sc: &Scenario) -> f64 {
    crate::domain::geo::haversine_km(sc.families[0].home, sc.families[1].home) / 30.0
}

#[test]
fn combined_care_declared_and_consented_is_clean() {
    let sc = combined_scenario();
    let plan = plan_of(&sc, combined_visits());
    assert_rules(&sc, &plan, &[]);
    assert_eq!(plan.nurses[0].measures, strings(&["M-COMBINED"]));
    assert!(plan.nurses[1].measures.is_empty());
    assert_eq!(plan.families[0].measures, strings(&["M-COMBINED"]));
    assert_eq!(plan.families[1].measures, strings(&["M-COMBINED"]));
    assert_eq!(plan.measures_used, used(&[("M-COMBINED", 1)]));
    let travel = combined_travel_hours(&sc);
    assert!((travel - 0.342).abs() < 0.001, "{travel}");
    assert_eq!(plan.nurses[0].travel_hours, 0.34);
    assert_eq!(plan.nurses[0].hours, 33); // care only
}

#[test]
fn combined_care_undeclared_or_miscounted() {
    let sc = combined_scenario();
    let clean = plan_of(&sc, combined_visits());

    let mut plan = clean.clone();
    plan.nurses[0].measures.clear();
    let report = assert_rules(&sc, &plan, &["M-COMBINED"]);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].nurse.as_deref(), Some("N001"));
    assert!(report.violations[0].message.contains("does not declare"));

    let mut plan = clean.clone();
    plan.families[1].measures.clear();
    let report = assert_rules(&sc, &plan, &["M-COMBINED"]);
    assert_eq!(report.violations[0].family.as_deref(), Some("F002"));

    let mut plan = clean.clone();
    plan.measures_used.clear();
    assert_rules(&sc, &plan, &["REPORT"]);
    let mut plan = clean.clone();
    plan.measures_used.insert("M-FLEX".into(), 0);
    assert_rules(&sc, &plan, &["REPORT"]);

    let mut plan = clean.clone();
    plan.nurses[0].travel_hours = 0.0;
    let report = assert_rules(&sc, &plan, &["REPORT"]);
    assert!(report.violations[0].message.contains("travel_hours"));
    let mut plan = clean;
    plan.nurses[0].travel_hours = 0.35; // within the rounding tolerance
    assert_rules(&sc, &plan, &[]);
}

#[test]
fn combined_care_without_consent_and_with_a_short_visit() {
    let mut sc = combined_scenario();
    sc.nurses[0].consent.clear();
    let report = assert_rules(&sc, &plan_of(&sc, combined_visits()), &["M-COMBINED"]);
    assert!(report.violations[0].message.contains("consent"));

    // Each visit of a combined date needs 3 h, even when 2 h visits are allowed.
    let mut sc = combined_scenario();
    sc.rules.min_visit_hours = Some(1);
    let v = with(
        without(visits(), "N002", "2026-07-11"),
        visit("N001", "F002", "2026-07-11", 2),
    );
    // F002 then gets 2 h on 07-11: a short day, only a finding.
    let report = assert_rules(&sc, &plan_of(&sc, v), &["M-COMBINED"]);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].family.as_deref(), Some("F002"));
    assert_eq!(report.findings.len(), 1);
}

#[test]
fn three_families_a_day_are_never_allowed() {
    let mut sc = combined_scenario();
    sc.families[1].home = sc.families[0].home;
    let mut f3 = family("F003", "2026-07-06", 49, 0);
    f3.home = sc.families[0].home;
    sc.families.push(f3);
    let v = with(
        with(
            with(
                without(combined_visits(), "N001", "2026-07-11"),
                visit("N001", "F001", "2026-07-11", 3),
            ),
            visit("N001", "F002", "2026-07-11", 3),
        ),
        visit("N001", "F003", "2026-07-11", 3),
    );
    let plan = plan_of(&sc, v);
    let report = assert_rules(&sc, &plan, &["ONE-FAMILY-A-DAY"]);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].date, Some(d("2026-07-11")));
    // Not a use: nothing to declare or count, and declaring it is not held against the plan.
    assert!(plan.measures_used.is_empty());
    let mut declared = plan.clone();
    declared.nurses[0].measures = strings(&["M-COMBINED"]);
    declared.measures_used = used(&[("M-COMBINED", 1)]);
    assert_rules(&sc, &declared, &["ONE-FAMILY-A-DAY"]);
}

#[test]
fn travel_between_families_counts_toward_the_day_maximum() {
    let mut sc = combined_scenario();
    sc.rules.max_nurse_hours_per_day = Some(8); // 5 + 3 care on 07-11, plus 0.34 h driving
    let report = assert_rules(&sc, &plan_of(&sc, combined_visits()), &["ATW-DAY-MAX"]);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].date, Some(d("2026-07-11")));
    assert!(
        report.violations[0]
            .message
            .starts_with("N001 works 8.34 h on 2026-07-11 (0.34 h of it driving"),
        "{}",
        report.violations[0].message
    );
    // Both homes at one address: no driving, 8 h is allowed.
    sc.families[1].home = sc.families[0].home;
    assert_rules(&sc, &plan_of(&sc, combined_visits()), &[]);
}

#[test]
fn travel_between_families_counts_toward_the_week_and_contract() {
    let mut sc = combined_scenario();
    sc.nurses[0].contract_max = 33; // 33 h of care + 0.34 h driving
    let report = assert_rules(&sc, &plan_of(&sc, combined_visits()), &["CONTRACT"]);
    assert!(report.violations[0].message.contains("33.34 h"));
    sc.nurses[0].contract_max = 34;
    sc.rules.max_hours_per_week = Some(33);
    assert_rules(&sc, &plan_of(&sc, combined_visits()), &["ATW-WEEK-MAX"]);
    sc.rules.max_hours_per_week = None;
    sc.rules.max_avg_hours_4w = Some(10);
    sc.nurses[0].history.weekly_hours = vec![1, 2, 4]; // 7 + 33.34 > 40, 7 + 33 is not
    assert_rules(&sc, &plan_of(&sc, combined_visits()), &["ATW-AVG-4W"]);
}

// ---------------------------------------------------------------- provider boundary

#[test]
fn lending_between_ksv_members_is_declared_and_counted() {
    let mut sc = scenario();
    sc.families[1].provider = Some("P2".into());
    allow(&mut sc, &["M-LENDING"]);
    let plan = plan_of(&sc, visits());
    assert_rules(&sc, &plan, &[]);
    assert_eq!(plan.measures_used, used(&[("M-LENDING", 5)])); // one per visit
    assert_eq!(plan.nurses[1].measures, strings(&["M-LENDING"]));
    assert_eq!(plan.families[1].measures, strings(&["M-LENDING"]));

    // Undeclared on the family.
    let mut bad = plan.clone();
    bad.families[1].measures.clear();
    assert_rules(&sc, &bad, &["M-LENDING"]);
    // Declared where nothing is lent.
    let mut bad = plan.clone();
    bad.nurses[0].measures = strings(&["M-LENDING"]);
    let report = assert_rules(&sc, &bad, &["M-LENDING"]);
    assert!(report.violations[0]
        .message
        .contains("N001 declares M-LENDING"));
    // Unsorted or repeated lists are malformed.
    let mut bad = plan;
    bad.families[1].measures = strings(&["M-LENDING", "M-LENDING"]);
    assert_rules(&sc, &bad, &["REPORT"]);
}

#[test]
fn a_provider_outside_the_ksv_cannot_lend() {
    let mut sc = scenario();
    sc.families[1].provider = Some("P2".into());
    sc.providers[1].ksv_member = false;
    allow(&mut sc, &["M-LENDING"]);
    let report = assert_rules(&sc, &plan_of(&sc, visits()), &["M-LENDING"]);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("P2 not a KSV member"));

    // With the waiting list allowed it is waiting-list redistribution by a contracted provider.
    allow(&mut sc, &["M-LENDING", "M-WAITLIST"]);
    let plan = plan_of(&sc, visits());
    assert_rules(&sc, &plan, &[]);
    assert_eq!(plan.measures_used, used(&[("M-WAITLIST", 1)])); // one family
    assert_eq!(plan.families[1].measures, strings(&["M-WAITLIST"]));

    // ... but not by a nurse of a provider without a contract.
    sc.providers[0].contracted = false;
    let report = assert_rules(&sc, &plan_of(&sc, visits()), &["M-LENDING"]);
    assert!(report.violations[0]
        .message
        .contains("P1 is not a contracted provider"));
}

#[test]
fn a_waiting_list_family_needs_a_contracted_provider() {
    let mut sc = scenario();
    sc.families[1].provider = None;
    allow(&mut sc, &["M-WAITLIST"]);
    let plan = plan_of(&sc, visits());
    assert_rules(&sc, &plan, &[]);
    assert_eq!(plan.measures_used, used(&[("M-WAITLIST", 1)]));
    sc.providers[0].contracted = false;
    assert_rules(&sc, &plan_of(&sc, visits()), &["M-WAITLIST"]);
}

#[test]
fn kio_and_office_visits_are_counted_per_visit() {
    let mut sc = scenario();
    sc.nurses[1].role = Role::Kio;
    allow(&mut sc, &["M-KIO"]);
    let plan = plan_of(&sc, visits());
    assert_rules(&sc, &plan, &[]);
    assert_eq!(plan.measures_used, used(&[("M-KIO", 5)]));
    // Not allowed: ROLE only (nothing to declare under M-KIO).
    sc.measures.clear();
    assert_rules(&sc, &plan_of(&sc, visits()), &["ROLE"]);

    let mut sc = scenario();
    sc.nurses[0].role = Role::OfficeQualified;
    allow(&mut sc, &["M-OFFICE"]);
    let plan = plan_of(&sc, visits());
    assert_eq!(plan.measures_used, used(&[("M-OFFICE", 6)]));
    let mut bad = plan;
    bad.nurses[0].measures.clear();
    assert_rules(&sc, &bad, &["M-OFFICE"]);
}

// ---------------------------------------------------------------- waived days

#[test]
fn seven_days_waives_the_last_day() {
    let mut sc = scenario();
    allow(&mut sc, &["M-SEVEN-DAYS"]);
    // F001's last episode date 07-11 without care: 25 h ≥ floor 18, but a short day.
    let v = without(visits(), "N001", "2026-07-11");
    let plain = plan_of(&sc, v.clone());
    let report = assert_rules(&sc, &plain, &[]);
    assert!(plain.families[0].below_floor);
    assert_eq!(report.findings.len(), 1);

    let plan = declaring(&sc, v.clone(), &[("F001", "M-SEVEN-DAYS")]);
    let report = assert_rules(&sc, &plan, &[]);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    let f1 = &plan.families[0];
    assert!(!f1.below_floor);
    assert!(f1.short_days.is_empty());
    assert_eq!((f1.floor, f1.shortfall), (18, 0));
    assert_eq!(plan.measures_used, used(&[("M-SEVEN-DAYS", 1)]));
    assert_eq!(plan.kpi.families_below_floor, 0);

    // A plan that declares the waiver but reports the short day anyway.
    let mut bad = plan.clone();
    bad.families[0].short_days = vec![d("2026-07-11")];
    assert_rules(&sc, &bad, &["REPORT"]);

    // Not allowed.
    sc.measures.clear();
    let report = assert_rules(&sc, &plan, &["M-SEVEN-DAYS"]);
    assert!(report.violations[0].message.contains("does not allow"));
}

#[test]
fn a_waived_day_with_care_is_flagged() {
    let mut sc = scenario();
    allow(&mut sc, &["M-SEVEN-DAYS"]);
    // 07-11 still gets 5 h: the declaration has no use.
    let plan = declaring(&sc, visits(), &[("F001", "M-SEVEN-DAYS")]);
    let report = assert_rules(&sc, &plan, &["M-SEVEN-DAYS"]);
    assert!(
        report.violations[0]
            .message
            .contains("2026-07-11 gets 5 h of care"),
        "{}",
        report.violations[0].message
    );
    assert!(plan.measures_used.is_empty());
    // The last date of F002 (07-15) lies after the horizon.
    let plan = declaring(&sc, visits(), &[("F002", "M-SEVEN-DAYS")]);
    let report = assert_rules(&sc, &plan, &["M-SEVEN-DAYS"]);
    assert!(report.violations[0].message.contains("outside the horizon"));
}

#[test]
fn no_startup_waives_the_evening_arrival_day() {
    let mut sc = scenario();
    allow(&mut sc, &["M-NO-STARTUP"]);
    sc.families[1].arrival = Arrival::Evening;
    // F002 comes home on the evening of 07-08; 4 h on 07-09 … 07-12 = 16 ≥ floor 15.
    let v: Vec<Visit> = without(visits(), "N002", "2026-07-08")
        .into_iter()
        .map(|mut x| {
            if x.nurse == "N002" {
                x.hours = 4;
            }
            x
        })
        .collect();
    let plan = declaring(&sc, v.clone(), &[("F002", "M-NO-STARTUP")]);
    let report = assert_rules(&sc, &plan, &[]);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(plan.families[1].measures, strings(&["M-NO-STARTUP"]));
    assert_eq!(plan.measures_used, used(&[("M-NO-STARTUP", 1)]));

    // Undeclared: 07-08 is a short day.
    let report = assert_rules(&sc, &plan_of(&sc, v.clone()), &[]);
    assert_eq!(report.findings[0].short_days, vec![d("2026-07-08")]);

    // A day arrival has no start-up day to skip.
    sc.families[1].arrival = Arrival::Day;
    let report = assert_rules(
        &sc,
        &declaring(&sc, v, &[("F002", "M-NO-STARTUP")]),
        &["M-NO-STARTUP"],
    );
    assert!(report.violations[0].message.contains("arrives in the day"));
    assert_eq!(report.findings.len(), 1);
}

// ---------------------------------------------------------------- reduced rest

/// N001 worked 06-30 … 07-05: with Mon–Sat in the plan, 12 days in a row.
fn tired_scenario() -> Scenario {
    let mut sc = scenario();
    sc.nurses[0].history.worked = dates("2026-06-30", "2026-07-05");
    allow(&mut sc, &["M-REDUCED-REST"]);
    sc.nurses[0].consent = strings(&["M-REDUCED-REST"]);
    sc
}

#[test]
fn reduced_rest_two_free_days_in_fourteen() {
    let sc = tired_scenario();
    // Without the declaration the normal form holds and is broken.
    assert_rules(&sc, &plan_of(&sc, visits()), &["ATW-WEEKLY-REST"]);
    // Every 14-day window ending 07-06 … 07-12 has two free days (06-28/29, 07-12).
    let plan = declaring(&sc, visits(), &[("N001", "M-REDUCED-REST")]);
    assert_rules(&sc, &plan, &[]);
    assert_eq!(plan.measures_used, used(&[("M-REDUCED-REST", 1)]));

    // One more day of history: 06-28 … 07-11 has only one free day.
    let mut sc2 = sc.clone();
    sc2.nurses[0].history.worked = dates("2026-06-29", "2026-07-05");
    let plan2 = declaring(&sc2, visits(), &[("N001", "M-REDUCED-REST")]);
    let report = assert_rules(&sc2, &plan2, &["ATW-WEEKLY-REST"]);
    assert!(report.violations[0].message.contains("14-day"));

    // Without consent, or not allowed.
    let mut no_consent = sc.clone();
    no_consent.nurses[0].consent.clear();
    let report = assert_rules(&no_consent, &plan, &["M-REDUCED-REST"]);
    assert!(report.violations[0].message.contains("consent"));
    let mut not_allowed = sc.clone();
    not_allowed.measures.clear();
    assert_rules(&not_allowed, &plan, &["M-REDUCED-REST"]);

    // Declared by a nurse who keeps the normal rest.
    let mut bad = plan;
    bad.nurses[1].measures = strings(&["M-REDUCED-REST"]);
    let report = assert_rules(&sc, &bad, &["M-REDUCED-REST"]);
    assert!(report.violations[0].message.contains("N002 declares"));
}

#[test]
fn reduced_rest_shortens_the_rest_between_episodes() {
    let mut sc = scenario();
    sc.rules.rest_days_between_episodes = Some(1);
    sc.rules.min_visit_hours = Some(1);
    allow(&mut sc, &["M-REDUCED-REST"]);
    sc.nurses[1].consent = strings(&["M-REDUCED-REST"]);
    // N002 at F001 on Tuesday, at F002 from Wednesday.
    let v = with(visits(), visit("N002", "F001", "2026-07-07", 1));
    assert_rules(&sc, &plan_of(&sc, v.clone()), &["ORG-EPISODE-REST"]);
    let plan = declaring(&sc, v, &[("N002", "M-REDUCED-REST")]);
    assert_rules(&sc, &plan, &[]);
    assert_eq!(plan.nurses[1].measures, strings(&["M-REDUCED-REST"]));
}

// ---------------------------------------------------------------- flex

#[test]
fn flex_above_the_contract_within_the_week_maximum() {
    let mut sc = scenario();
    sc.nurses[0].contract_max = 29; // N001 works 30 h
    allow(&mut sc, &["M-FLEX"]);
    sc.nurses[0].consent = strings(&["M-FLEX"]);
    assert_rules(&sc, &plan_of(&sc, visits()), &["CONTRACT"]);
    let plan = declaring(&sc, visits(), &[("N001", "M-FLEX")]);
    assert_rules(&sc, &plan, &[]);
    assert_eq!(plan.measures_used, used(&[("M-FLEX", 1)])); // one nurse-week

    // ATW-WEEK-MAX still holds.
    let mut capped = sc.clone();
    capped.rules.max_hours_per_week = Some(29);
    assert_rules(&capped, &plan, &["ATW-WEEK-MAX"]);

    let mut no_consent = sc.clone();
    no_consent.nurses[0].consent.clear();
    assert_rules(&no_consent, &plan, &["M-FLEX"]);
    let mut not_allowed = sc.clone();
    not_allowed.measures.clear();
    assert_rules(&not_allowed, &plan, &["M-FLEX"]);

    // Declared by a nurse within her contract.
    let mut bad = plan;
    bad.nurses[1].measures = strings(&["M-FLEX"]);
    let report = assert_rules(&sc, &bad, &["M-FLEX"]);
    assert!(report.violations[0].message.contains("contract maximum 32"));
}

// ---------------------------------------------------------------- fairness between providers

#[test]
fn provider_scale_down_spread() {
    let mut sc = scenario();
    sc.families[1].provider = Some("P2".into());
    sc.nurses[1].provider = "P2".into();
    let plan = plan_of(&sc, visits());
    assert_rules(&sc, &plan, &[]);
    // P1: F001 gets 30 of its target 34.19; P2: F002 gets its full 15.
    let f1 = &plan.families[0];
    let expected = 1.0 - 30.0 / f1.target;
    assert!((plan.kpi.provider_scale_down_spread - expected).abs() < 1e-12);
    let mut bad = plan.clone();
    bad.kpi.provider_scale_down_spread = 0.0;
    let report = assert_rules(&sc, &bad, &["REPORT"]);
    assert!(report.violations[0]
        .message
        .contains("provider_scale_down_spread"));
    // One provider with a share: no spread.
    let sc = scenario();
    assert_eq!(plan_of(&sc, visits()).kpi.provider_scale_down_spread, 0.0);
}

// ---------------------------------------------------------------- colour codes

fn week(key: &str, region: &str, providers: &[(&str, &str)]) -> WeekCode {
    WeekCode {
        week: key.into(),
        region: region.into(),
        providers: providers
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect(),
        proven: true,
        unproven: vec![],
        why: vec![],
    }
}

/// A plan of the ladder: `weeks`, and P1's rungs (P2 has no families, so none).
fn laddered(mut plan: Plan, weeks: Vec<WeekCode>, p1: Vec<RungOutcome>) -> Plan {
    let last = p1.last().map_or("alone", |r| r.rung.as_str()).to_string();
    plan.ladder = true;
    plan.weeks = weeks;
    plan.escalation = vec![
        ProviderEscalation {
            provider: "P1".into(),
            rung: last,
            rungs: p1,
        },
        ProviderEscalation {
            provider: "P2".into(),
            rung: "alone".into(),
            rungs: vec![],
        },
    ];
    plan
}

/// Rung `alone` that kept the floor and the full share.
fn alone_full() -> RungOutcome {
    RungOutcome {
        rung: "alone".into(),
        measures: vec![],
        families_below_floor: 0,
        shortfall_hours: 0,
        certified_min_below_floor: 0,
        full: Some(true),
        used: vec![],
        below_weeks: vec![],
        not_full_weeks: vec![],
        not_full_families: 0,
        not_full_hours: 0,
    }
}

/// A week whose code lacks proof, with the providers whose own code does.
fn unproven(mut w: WeekCode, providers: &[&str]) -> WeekCode {
    w.proven = false;
    w.unproven = providers.iter().map(|p| p.to_string()).collect();
    w
}

fn why(mut w: WeekCode, lines: &[&str]) -> WeekCode {
    w.why = lines.iter().map(|l| l.to_string()).collect();
    w
}

#[test]
fn colour_weeks_listed_once_in_order() {
    let sc = scenario();
    let plan = plan_of(&sc, visits());
    let green = week("2026-W28", "groen", &[("P1", "groen"), ("P2", "groen")]);
    let rungs = vec![alone_full()];
    let ok = laddered(plan.clone(), vec![green.clone()], rungs.clone());
    assert_rules(&sc, &ok, &[]);
    // Listed twice, or a week outside the horizon.
    let twice = laddered(
        plan.clone(),
        vec![green.clone(), green.clone()],
        rungs.clone(),
    );
    assert_rules(&sc, &twice, &["COLOUR"]);
    let mut other = green.clone();
    other.week = "2026-W29".into();
    let report = assert_rules(
        &sc,
        &laddered(plan.clone(), vec![green.clone(), other], rungs.clone()),
        &["COLOUR"],
    );
    assert!(report.violations[0]
        .message
        .contains("not a week of the horizon"));
    // issue 11: deleting weeks[] no longer switches the colour check off.
    let report = assert_rules(
        &sc,
        &laddered(plan.clone(), vec![], rungs.clone()),
        &["COLOUR"],
    );
    assert!(report.violations[0].message.contains("weeks[] is missing"));
    // A plan without the ladder says so, and then carries no colours.
    let mut bare = plan.clone();
    bare.weeks = vec![green.clone()];
    assert_rules(&sc, &bare, &["COLOUR"]);

    // Two weeks: F002's 07-13 gets no care, so W29 is zwart for P1 and the region.
    let mut sc = scenario();
    sc.days = 8;
    let plan = plan_of(&sc, visits());
    // Zwart without a certificate: neither the region's code nor P1's is proven.
    let w29 = why(
        unproven(week("2026-W29", "zwart", &[("P1", "zwart"), ("P2", "groen")]), &["P1"]),
        &[
            "P1 zwart: 1 family of its own below the floor after redistribution (F002), 3 h short",
            "region zwart: 1 family below the floor after redistribution, 3 h short; no regional rung was needed",
        ],
    );
    let both = laddered(
        plan.clone(),
        vec![green.clone(), w29.clone()],
        rungs.clone(),
    );
    assert_rules(&sc, &both, &[]);
    let report = assert_rules(
        &sc,
        &laddered(
            plan.clone(),
            vec![w29.clone(), green.clone()],
            rungs.clone(),
        ),
        &["COLOUR"],
    );
    assert!(report.violations[0].message.contains("out of order"));
    let report = assert_rules(&sc, &laddered(plan, vec![green], rungs), &["COLOUR"]);
    assert!(report.violations[0].message.contains("lacks 2026-W29"));
}

#[test]
fn colour_zwart_exactly_where_a_family_is_below_the_floor() {
    let sc = scenario();
    // F002 (P1) gets nothing on 07-12: below the floor in W28.
    let plan = plan_of(&sc, without(visits(), "N002", "2026-07-12"));
    let lines = [
        "P1 zwart: 1 family of its own below the floor after redistribution (F002), 3 h short",
        "region zwart: 1 family below the floor after redistribution, 3 h short; no regional rung was needed",
    ];
    let right = why(
        unproven(
            week("2026-W28", "zwart", &[("P1", "zwart"), ("P2", "groen")]),
            &["P1"],
        ),
        &lines,
    );
    let rungs = vec![alone_full()];
    assert_rules(
        &sc,
        &laddered(plan.clone(), vec![right], rungs.clone()),
        &[],
    );
    // Zwart missing for P1 (and so for the region).
    let missing = why(
        week("2026-W28", "rood", &[("P1", "rood"), ("P2", "groen")]),
        &lines,
    );
    let report = assert_rules(
        &sc,
        &laddered(plan.clone(), vec![missing], rungs.clone()),
        &["COLOUR"],
    );
    assert!(report.violations[0]
        .message
        .contains("P1 is rood, expected zwart (F002 below the floor"));
    assert!(report.violations[1]
        .message
        .contains("region is rood, expected zwart"));
    // Zwart for a provider none of whose families is below the floor.
    let wrong = why(
        unproven(
            week("2026-W28", "zwart", &[("P1", "zwart"), ("P2", "zwart")]),
            &["P1"],
        ),
        &lines,
    );
    let report = assert_rules(&sc, &laddered(plan, vec![wrong], rungs), &["COLOUR"]);
    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    assert!(report.violations[0]
        .message
        .contains("P2 is zwart, expected groen"));

    // A waived day is not short: M-SEVEN-DAYS keeps F001 out of zwart. On its
    // own without measures F001 was 3 h short in W28; tier 1 kept the floor.
    let mut sc = scenario();
    allow(&mut sc, &["M-SEVEN-DAYS"]);
    let v = without(visits(), "N001", "2026-07-11");
    let plan = declaring(&sc, v, &[("F001", "M-SEVEN-DAYS")]);
    let alone = RungOutcome {
        families_below_floor: 1,
        shortfall_hours: 3,
        full: Some(false),
        below_weeks: vec!["2026-W28".into()],
        not_full_weeks: vec!["2026-W28".into()],
        not_full_families: 1,
        not_full_hours: 3,
        ..alone_full()
    };
    let tier1 = RungOutcome {
        rung: "tier1".into(),
        measures: vec!["M-SEVEN-DAYS".into()],
        full: None,
        used: vec!["M-SEVEN-DAYS".into()],
        ..alone_full()
    };
    // Oranje without a certificate of the alone rung: not proven.
    let oranje = why(
        unproven(week("2026-W28", "oranje", &[("P1", "oranje"), ("P2", "groen")]), &["P1"]),
        &["P1 oranje: 1 family below the floor on its own without measures (3 h short), none with measures (tier1: M-SEVEN-DAYS allowed; used: M-SEVEN-DAYS)"],
    );
    let rungs = vec![alone.clone(), tier1.clone()];
    assert_rules(
        &sc,
        &laddered(plan.clone(), vec![oranje.clone()], rungs),
        &[],
    );
    // The final plan may not use a measure its last rung did not allow.
    let kept = RungOutcome {
        families_below_floor: 0,
        shortfall_hours: 0,
        below_weeks: vec![],
        ..alone
    };
    let report = assert_rules(
        &sc,
        &laddered(plan, vec![oranje], vec![kept]),
        &["ESCALATION", "COLOUR"],
    );
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.message.contains("uses M-SEVEN-DAYS beyond its last rung")),
        "{:#?}",
        report.violations
    );
}

#[test]
fn colour_region_from_providers_and_the_waiting_list() {
    let sc = scenario();
    let plan = plan_of(&sc, visits());
    // P1's rung alone kept the floor but not F001's full share: P1 oranje.
    let not_full = RungOutcome {
        full: Some(false),
        not_full_weeks: vec!["2026-W28".into()],
        not_full_families: 1,
        not_full_hours: 4,
        ..alone_full()
    };
    let line = "P1 oranje: on its own 1 family short of the full indication by 4 h; the floor holds without measures";
    let oranje = why(
        unproven(
            week("2026-W28", "oranje", &[("P1", "oranje"), ("P2", "groen")]),
            &["P1"],
        ),
        &[line],
    );
    let rungs = vec![not_full];
    assert_rules(
        &sc,
        &laddered(plan.clone(), vec![oranje.clone()], rungs.clone()),
        &[],
    );
    // The region is the worst provider colour.
    let mut not_worst = oranje.clone();
    not_worst.region = "groen".into();
    let report = assert_rules(
        &sc,
        &laddered(plan.clone(), vec![not_worst], rungs.clone()),
        &["COLOUR"],
    );
    assert!(report.violations[0].message.contains("expected oranje"));
    // A colour the rungs do not give: P2 has no families, so no rung and groen.
    let rood = why(
        week("2026-W28", "oranje", &[("P1", "oranje"), ("P2", "rood")]),
        &[line],
    );
    assert_rules(
        &sc,
        &laddered(plan.clone(), vec![rood], rungs.clone()),
        &["COLOUR"],
    );
    // A reason the figures do not give.
    let mut forged = oranje.clone();
    forged.why = vec![line.replace("by 4 h", "by 40 h")];
    let report = assert_rules(
        &sc,
        &laddered(plan.clone(), vec![forged], rungs.clone()),
        &["COLOUR"],
    );
    assert!(report.violations[0].message.contains("why is"));
    // A provider without a colour, or a colour that is not one.
    let missing = why(week("2026-W28", "oranje", &[("P1", "oranje")]), &[line]);
    assert_rules(
        &sc,
        &laddered(plan.clone(), vec![missing], rungs.clone()),
        &["COLOUR"],
    );
    let blue = why(
        week("2026-W28", "oranje", &[("P1", "blauw"), ("P2", "groen")]),
        &[line],
    );
    assert_rules(
        &sc,
        &laddered(plan.clone(), vec![blue], rungs.clone()),
        &["COLOUR"],
    );
    // escalation[] names known providers only, and every one of them.
    let mut unknown = laddered(plan, vec![oranje], rungs);
    unknown.escalation[1].provider = "P9".into();
    assert_rules(&sc, &unknown, &["ESCALATION"]);

    // A waiting-list family at home in the week makes the region rood, and
    // the final rung the region's.
    let mut sc = scenario();
    sc.families[1].provider = None;
    allow(&mut sc, &["M-WAITLIST"]);
    let plan = plan_of(&sc, visits());
    let green = week("2026-W28", "groen", &[("P1", "groen"), ("P2", "groen")]);
    let mut regional = laddered(plan.clone(), vec![green], vec![alone_full()]);
    for e in &mut regional.escalation {
        e.rung = "region".into();
    }
    let report = assert_rules(&sc, &regional, &["COLOUR"]);
    assert!(report.violations[0]
        .message
        .contains("waiting-list family F002"));
    let rood = why(
        week("2026-W28", "rood", &[("P1", "groen"), ("P2", "groen")]),
        &["region rood: care redistributed over the region; 1 family served across providers, by nurses of 1 providers (lending, waiting list)"],
    );
    regional.weeks = vec![rood];
    assert_rules(&sc, &regional, &[]);
    let mut not_regional = regional.clone();
    not_regional.escalation[0].rung = "alone".into();
    assert_rules(&sc, &not_regional, &["ESCALATION"]);
    // One provider, groen: the region is groen.
    let mut sc = scenario();
    sc.providers = vec![provider("P1")];
    let plan = plan_of(&sc, visits());
    let only = week("2026-W28", "groen", &[("P1", "groen")]);
    let mut one = laddered(plan, vec![only], vec![alone_full()]);
    one.escalation.truncate(1);
    assert_rules(&sc, &one, &[]);
}

#[test]
fn issue11_the_rungs_must_be_climbed_as_the_ladder_prescribes() {
    let sc = scenario();
    let plan = plan_of(&sc, visits());
    let green = week("2026-W28", "groen", &[("P1", "groen"), ("P2", "groen")]);
    let ok = laddered(plan.clone(), vec![green.clone()], vec![alone_full()]);
    assert_rules(&sc, &ok, &[]);
    let forged = |edit: fn(&mut Vec<RungOutcome>), words: &str| {
        let mut rungs = vec![alone_full()];
        edit(&mut rungs);
        let p = laddered(plan.clone(), vec![green.clone()], rungs);
        let report = check(&sc, &p);
        assert!(
            report
                .violations
                .iter()
                .any(|v| v.rule == "ESCALATION" && v.message.contains(words)),
            "{words}: {:#?}",
            report.violations
        );
    };
    // A second rung although the first kept everyone at the floor.
    forged(
        |r| {
            r.push(RungOutcome {
                rung: "tier1".into(),
                full: None,
                ..alone_full()
            })
        },
        "climbed although rung alone left no family below the floor",
    );
    forged(|r| r[0].rung = "tier2".into(), "out of order");
    forged(|r| r[0].rung = "everything".into(), "is not one of");
    forged(
        |r| r[0].measures = vec!["M-KIO".into()],
        "but the scenario gives that tier",
    );
    forged(
        |r| r[0].used = vec!["M-FLEX".into()],
        "which it did not allow",
    );
    forged(
        |r| r[0].certified_min_below_floor = 1,
        "certified minimum 1 above",
    );
    forged(
        |r| {
            r[0].families_below_floor = 1;
            r[0].below_weeks = vec!["2026-W28".into()];
        },
        "with 0 h short",
    );
    forged(
        |r| r[0].below_weeks = vec!["2026-W28".into()],
        "below_weeks is [2026-W28]",
    );
    forged(|r| r[0].full = Some(false), "disagrees");
    forged(|r| r.clear(), "no rung solved");
}

/// M-KRAAMCENTRUM: forged centre days are caught — too many families for the
/// size, a home visit on a centre day, an ineligible family, the beds, the
/// measure not allowed — and a clean one passes.
#[test]
fn forged_centre_visits_break_m_kraamcentrum() {
    use crate::plan::Site;
    use crate::testkit::{solve_clean, Tiny};
    let tiny = || {
        Tiny::new(2)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .family("F3", "2026-07-06", 8)
            .family("F4", "2026-07-06", 8)
            .days(1)
            .off("N2", "2026-07-06")
            .kraamcentrum(3, None)
    };
    let sc = tiny().build();
    let plan = solve_clean(&sc);
    assert_eq!(plan.visits.iter().filter(|v| v.site.is_centre()).count(), 3);
    let centre = |plan: &Plan| {
        plan.visits
            .iter()
            .find(|v| v.site.is_centre())
            .unwrap()
            .clone()
    };
    let violated = |sc: &Scenario, plan: &Plan, text: &str| {
        let report = check(sc, plan);
        let hit = report
            .violations
            .iter()
            .any(|v| v.rule == RuleId::MKraamcentrum && v.message.contains(text));
        assert!(hit, "no M-KRAAMCENTRUM `{text}`: {:#?}", report.violations);
    };
    // A fourth family at the centre: more than the size (and the beds).
    let mut forged = plan.clone();
    let placed: BTreeSet<String> = forged.visits.iter().map(|v| v.family.clone()).collect();
    let spare = ["F1", "F2", "F3", "F4"]
        .into_iter()
        .find(|f| !placed.contains(*f))
        .unwrap();
    forged.visits.push(Visit {
        family: spare.into(),
        ..centre(&plan)
    });
    violated(&sc, &forged, "> size 3");
    violated(&sc, &forged, "> beds 3");
    // A home visit on her centre day.
    let mut forged = plan.clone();
    forged.visits.push(Visit {
        family: spare.into(),
        site: Site::Home,
        ..centre(&plan)
    });
    violated(&sc, &forged, "a centre day is her whole day");
    // A family of medium complexity may not come.
    let first = centre(&plan).family;
    let medium = tiny().complexity(&first, "medium").build();
    violated(&medium, &plan, "only low-complexity families");
    // More than the floor's 3 hours at the centre.
    let mut forged = plan.clone();
    forged
        .visits
        .iter_mut()
        .find(|v| v.site.is_centre())
        .unwrap()
        .hours = 5;
    violated(&sc, &forged, "exactly 3 h");
    // Without the measure the centre is not there to use.
    let mut without_measure = sc.clone();
    without_measure.measures.clear();
    violated(&without_measure, &plan, "M-KRAAMCENTRUM is not allowed");
}
