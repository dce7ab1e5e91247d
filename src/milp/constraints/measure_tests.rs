//! Hand-checkable tests of the measures that open arcs or relax hour rules:
//! M-OFFICE, M-KIO, M-LENDING, M-WAITLIST, M-FLEX, and the equal scale-down
//! between providers (EQUAL-SCALE-DOWN). Each measure gets one scenario
//! where it is the difference between a family below and at the floor, and
//! one where it is not used because the scenario (or the nurse) does not
//! allow it.
//!
//! Arithmetic used throughout (`models/semantics.md`, Episode):
//! - an 8-day episode starting on the first day of a 1-day horizon has floor
//!   3 h inside the horizon (CARE-MIN-DAY; the rest of the 24 h falls later);
//! - a 1-day episode has floor 8 h: the 24 h CARE-MIN-TOTAL minimum (no
//!   hospital days) capped at the family day maximum of 8 h;
//! - a nurse serves one family a day (no M-COMBINED here), VISIT-MIN is 3 h,
//!   and Tiny's default contract is 0–40 h a week.

use std::collections::BTreeMap;

use crate::plan::{FamilyOutcome, NurseOutcome, Plan};
use crate::scenario::Scenario;
use crate::testkit::*;

const MON: &str = "2026-07-06";
const TUE: &str = "2026-07-07";
const WED: &str = "2026-07-08";

/// A declaration list of one measure id.
fn only(id: &str) -> Vec<String> {
    vec![id.to_string()]
}

fn family<'a>(plan: &'a Plan, id: &str) -> &'a FamilyOutcome {
    plan.families.iter().find(|f| f.id == id).unwrap()
}

fn nurse<'a>(plan: &'a Plan, id: &str) -> &'a NurseOutcome {
    plan.nurses.iter().find(|n| n.id == id).unwrap()
}

/// Families below the floor, and the LP-certified minimum of that number.
fn below(plan: &Plan) -> (u32, u32) {
    (
        plan.kpi.families_below_floor,
        plan.kpi.certified_min_below_floor,
    )
}

// ---------------------------------------------------------------- M-OFFICE

/// N1 (a regular nurse) is off on the only day; N2 is office staff with a
/// nurse diploma. F1 needs 3 h today (8-day episode, 1-day horizon).
fn office_only() -> Tiny {
    Tiny::new(2)
        .family("F1", MON, 8)
        .days(1)
        .role("N2", "office_qualified")
        .off("N1", MON)
}

#[test]
fn office_staff_keep_the_family_at_the_floor_under_m_office() {
    let without = solve_clean(&office_only().build());
    assert_eq!(below(&without), (1, 1));
    assert!(without.visits.is_empty());

    let with = solve_clean(&office_only().measure("M-OFFICE").build());
    assert_eq!(below(&with), (0, 0));
    // One visit by N2, at least the 3 h floor; one use (visits).
    assert_eq!(with.visits.len(), 1);
    assert_eq!(with.visits[0].nurse, "N2");
    assert!(with.visits[0].hours >= 3);
    assert_eq!(with.measures_used, BTreeMap::from([("M-OFFICE".into(), 1)]));
    assert_eq!(family(&with, "F1").measures, only("M-OFFICE"));
    assert_eq!(nurse(&with, "N2").measures, only("M-OFFICE"));
    assert!(nurse(&with, "N1").measures.is_empty());
}

#[test]
fn office_staff_are_not_planned_without_m_office_or_when_a_nurse_is_free() {
    // Not allowed: the measure would have kept F1 at the floor, but it is
    // not in the scenario's list (another measure is, to show it is not
    // "any measure").
    let s = office_only().measure("M-KIO").build();
    let plan = solve_clean(&s);
    assert_eq!(below(&plan), (1, 1));
    assert!(plan.visits.is_empty());
    assert!(plan.measures_used.is_empty());
    // Allowed, but N1 is free: she alone gives F1 its 8 h (family day
    // maximum), so office staff are not needed (least use of measures).
    let s = Tiny::new(2)
        .family("F1", MON, 8)
        .days(1)
        .role("N2", "office_qualified")
        .measure("M-OFFICE")
        .build();
    let plan = solve_clean(&s);
    assert_eq!(below(&plan), (0, 0));
    assert!(plan.visits.iter().all(|v| v.nurse == "N1"));
    assert!(plan.measures_used.is_empty());
}

// ------------------------------------------------------------------- M-KIO

/// N1 is off on the only day; N2 is a nurse in training (KIO). F1 (low
/// complexity, the default) needs 3 h today.
fn kio_only() -> Tiny {
    Tiny::new(2)
        .family("F1", MON, 8)
        .days(1)
        .role("N2", "kio")
        .off("N1", MON)
}

#[test]
fn kio_keeps_a_low_complexity_family_at_the_floor_under_m_kio() {
    let without = solve_clean(&kio_only().build());
    assert_eq!(below(&without), (1, 1));
    assert!(without.visits.is_empty());

    let with = solve_clean(&kio_only().measure("M-KIO").build());
    assert_eq!(below(&with), (0, 0));
    assert_eq!(with.visits.len(), 1);
    assert_eq!(with.visits[0].nurse, "N2");
    assert!(with.visits[0].hours >= 3);
    assert_eq!(with.measures_used, BTreeMap::from([("M-KIO".into(), 1)]));
    assert_eq!(family(&with, "F1").measures, only("M-KIO"));
    assert_eq!(nurse(&with, "N2").measures, only("M-KIO"));
}

#[test]
fn kio_is_not_planned_without_m_kio_nor_ever_at_medium_or_high_complexity() {
    // Not allowed (tier-1 office measure only): F1 stays below the floor.
    let plan = solve_clean(&kio_only().measure("M-OFFICE").build());
    assert_eq!(below(&plan), (1, 1));
    assert!(plan.visits.is_empty());
    // Allowed, but F1 is of medium / high complexity: ROLE keeps the KIO
    // away even though she is the only one who could keep F1 at the floor.
    for complexity in ["medium", "high"] {
        let s = kio_only()
            .measure("M-KIO")
            .family_field("F1", "complexity", complexity)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(below(&plan), (1, 1), "{complexity}");
        assert!(plan.visits.is_empty(), "{complexity}");
        assert!(plan.measures_used.is_empty(), "{complexity}");
    }
}

// --------------------------------------------------------------- M-LENDING

/// P1 has one nurse (N1) and two families F1, F2 (8-day episodes, 3 h each
/// today); N1 serves one family a day, so P1 alone leaves one family at 0 h.
/// P2 has a free nurse N2 and no families.
fn lending() -> Tiny {
    Tiny::new(1)
        .provider("P2")
        .nurse_of("N2", "P2")
        .family("F1", MON, 8)
        .family("F2", MON, 8)
        .days(1)
}

#[test]
fn lending_lets_another_providers_nurse_keep_a_family_at_the_floor() {
    let without = solve_clean(&lending().build());
    assert_eq!(below(&without), (1, 1));
    assert!(without.visits.iter().all(|v| v.nurse == "N1"));

    let with = solve_clean(&lending().measure("M-LENDING").build());
    assert_eq!(below(&with), (0, 0));
    // N1 serves one family, N2 (lent by P2) the other: one lending visit.
    let lent: Vec<_> = with.visits.iter().filter(|v| v.nurse == "N2").collect();
    assert_eq!(lent.len(), 1);
    assert!(lent[0].hours >= 3);
    let (f_lent, f_own) = if lent[0].family == "F1" {
        ("F1", "F2")
    } else {
        ("F2", "F1")
    };
    assert_eq!(
        with.measures_used,
        BTreeMap::from([("M-LENDING".into(), 1)])
    );
    assert_eq!(family(&with, f_lent).measures, only("M-LENDING"));
    assert!(family(&with, f_own).measures.is_empty());
    assert_eq!(nurse(&with, "N2").measures, only("M-LENDING"));
    assert!(nurse(&with, "N1").measures.is_empty());
}

#[test]
fn lending_needs_the_measure_and_both_providers_in_the_ksv() {
    // M-LENDING allowed, but one of the two providers is not a KSV member
    // (M-WAITLIST is not allowed, so no other route across the boundary).
    for outsider in ["P1", "P2"] {
        let s = lending()
            .measure("M-LENDING")
            .provider_field(outsider, "ksv_member", false)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(below(&plan), (1, 1), "{outsider} outside the KSV");
        assert!(plan.visits.iter().all(|v| v.nurse == "N1"));
        assert!(plan.measures_used.is_empty());
    }
    // Not allowed: other measures do not open the boundary either.
    let s = lending().measure("M-OFFICE").measure("M-FLEX").build();
    let plan = solve_clean(&s);
    assert_eq!(below(&plan), (1, 1));
    assert!(plan.visits.iter().all(|v| v.nurse == "N1"));
}

// -------------------------------------------------------------- M-WAITLIST

/// F1 is on the regional waiting list (`provider: null`); N1 of P1 is free.
/// F1 needs 3 h today.
fn waitlisted() -> Tiny {
    Tiny::new(1)
        .family("F1", MON, 8)
        .family_field("F1", "provider", serde_json::Value::Null)
        .days(1)
}

#[test]
fn a_waiting_list_family_is_served_only_under_m_waitlist() {
    let without = solve_clean(&waitlisted().build());
    assert_eq!(below(&without), (1, 1));
    assert!(without.visits.is_empty());
    // M-LENDING alone does not reach a family without a provider.
    let lending_only = solve_clean(&waitlisted().measure("M-LENDING").build());
    assert_eq!(below(&lending_only), (1, 1));

    let with = solve_clean(&waitlisted().measure("M-WAITLIST").build());
    assert_eq!(below(&with), (0, 0));
    assert_eq!(with.visits.len(), 1);
    assert!(with.visits[0].hours >= 3);
    // Counted as families so served.
    assert_eq!(
        with.measures_used,
        BTreeMap::from([("M-WAITLIST".into(), 1)])
    );
    assert_eq!(family(&with, "F1").measures, only("M-WAITLIST"));
    assert_eq!(nurse(&with, "N1").measures, only("M-WAITLIST"));
}

#[test]
fn a_waiting_list_family_is_served_only_by_a_contracted_provider() {
    // The only provider is not contracted by the insurers: not even
    // M-WAITLIST lets its nurse serve F1.
    let s = waitlisted()
        .measure("M-WAITLIST")
        .provider_field("P1", "contracted", false)
        .build();
    let plan = solve_clean(&s);
    assert_eq!(below(&plan), (1, 1));
    assert!(plan.visits.is_empty());
    assert!(plan.measures_used.is_empty());

    // Two waiting-list families W1, W2 with 1-day episodes (floor 8 h each);
    // N1 of P1 and N2 of P2 can each give one family 8 h. With P1 not
    // contracted only N2 may serve: one family stays below the floor.
    let two = |p1_contracted: bool| {
        Tiny::new(1)
            .provider("P2")
            .nurse_of("N2", "P2")
            .family("W1", MON, 1)
            .family("W2", MON, 1)
            .family_field("W1", "provider", serde_json::Value::Null)
            .family_field("W2", "provider", serde_json::Value::Null)
            .days(1)
            .measure("M-WAITLIST")
            .provider_field("P1", "contracted", p1_contracted)
            .build()
    };
    let plan = solve_clean(&two(false));
    assert_eq!(below(&plan), (1, 1));
    assert!(plan.visits.iter().all(|v| v.nurse == "N2"));
    assert_eq!(
        plan.measures_used,
        BTreeMap::from([("M-WAITLIST".into(), 1)])
    );
    assert!(nurse(&plan, "N1").measures.is_empty());
    let plan = solve_clean(&two(true));
    assert_eq!(below(&plan), (0, 0));
    assert_eq!(
        plan.measures_used,
        BTreeMap::from([("M-WAITLIST".into(), 2)])
    );
    assert_eq!(nurse(&plan, "N1").measures, only("M-WAITLIST"));
    assert_eq!(nurse(&plan, "N2").measures, only("M-WAITLIST"));
}

// ------------------------------------------------------------------ M-FLEX

/// One nurse with a 0–16 h contract; three families with 1-day episodes on
/// Monday, Tuesday and Wednesday of one ISO week, each with floor 8 h. All
/// three at the floor takes 24 h > 16 h: within her contract one family
/// gets at most 0 h (16 = 8 + 8) and falls below the floor.
fn flex() -> Tiny {
    Tiny::new(1)
        .family("F1", MON, 1)
        .family("F2", TUE, 1)
        .family("F3", WED, 1)
        .days(3)
        .contract(0, 16)
}

#[test]
fn flex_lets_a_consenting_nurse_work_above_her_contract() {
    let without = solve_clean(&flex().build());
    assert_eq!(below(&without), (1, 1));
    assert_eq!(nurse(&without, "N1").hours, 16);

    let with = solve_clean(&flex().measure("M-FLEX").consent("N1", "M-FLEX").build());
    assert_eq!(below(&with), (0, 0));
    // 3 × 8 h = 24 h, over the contract but far under ATW-WEEK-MAX (60).
    assert_eq!(nurse(&with, "N1").hours, 24);
    assert!(with.families.iter().all(|f| f.planned == 8));
    // One nurse-week above the contract; declared on the nurse only.
    assert_eq!(with.measures_used, BTreeMap::from([("M-FLEX".into(), 1)]));
    assert_eq!(nurse(&with, "N1").measures, only("M-FLEX"));
    assert!(with.families.iter().all(|f| f.measures.is_empty()));
}

#[test]
fn flex_needs_consent_and_the_measure_and_stays_within_atw_week_max() {
    // Allowed, but N1 did not consent.
    let plan = solve_clean(&flex().measure("M-FLEX").build());
    assert_eq!(below(&plan), (1, 1));
    assert_eq!(nurse(&plan, "N1").hours, 16);
    assert!(plan.measures_used.is_empty());
    // Consented, but not allowed.
    let plan = solve_clean(&flex().consent("N1", "M-FLEX").build());
    assert_eq!(below(&plan), (1, 1));
    assert_eq!(nurse(&plan, "N1").hours, 16);
    assert!(plan.measures_used.is_empty());
    // Allowed and consented, but ATW-WEEK-MAX is 20 h: 8 + 8 + 4, one family
    // still below the floor (the measure cuts the shortfall from 8 h to 4 h).
    let s = flex()
        .measure("M-FLEX")
        .consent("N1", "M-FLEX")
        .rule("max_hours_per_week", 20)
        .build();
    let plan = solve_clean(&s);
    assert_eq!(below(&plan), (1, 1));
    assert_eq!(nurse(&plan, "N1").hours, 20);
    assert_eq!(plan.kpi.shortfall_hours, 4);
    assert_eq!(plan.measures_used, BTreeMap::from([("M-FLEX".into(), 1)]));
}

// ------------------------------------------------------ EQUAL-SCALE-DOWN

/// Two providers, everyone at the same spot, a 2-day horizon (Mon–Tue) and
/// every nurse on a 0–10 h contract. All families have 8-day episodes from
/// Monday: floor 6 h (3 h a day), target = indication × (1.25 + 1.18) /
/// 8.04 (the LIP profile weights of days 1–2 over all 8 days).
/// - P1: one nurse N1 and two families F1, F2 (49 h): T1 = 2 × 14.81 = 29.62 h.
/// - P2: three nurses N2–N4 and one family F3 (45 h): T2 = 13.60 h.
///
/// Capacity 4 × 10 = 40 h < T1 + T2 = 43.22 h, so someone must scale down.
/// Alone, P1 has 10 h for 29.62 h (share 0.34, and one nurse cannot even
/// visit both families each day) while P2 can give F3 its full target
/// (share 1). With lending the equal share is 40 / 43.22 = 0.93; in whole
/// hours P1 27 h (0.911) and P2 13 h (0.956) is the best lowest share
/// (28 / 12 would give P2 0.882): |0.911 − 0.956| · 13.60 = 0.60 h ≤ 1 h.
fn two_shortages() -> Tiny {
    Tiny::new(1)
        .provider("P2")
        .nurse_of("N2", "P2")
        .nurse_of("N3", "P2")
        .nurse_of("N4", "P2")
        .family("F1", MON, 8)
        .family("F2", MON, 8)
        .family_of("F3", "P2", MON, 8)
        .indicated("F3", 45)
        .days(2)
        .contract(0, 10)
}

/// Solve with gap 1e-6 and require a checker-clean plan.
fn solve_tight(s: &Scenario) -> Plan {
    solve_with_gap(s, 1e-6)
}

/// `(share, Σ target)` of each provider, from the plan's families.
fn shares(s: &Scenario, plan: &Plan) -> BTreeMap<String, (f64, f64)> {
    let mut sums: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for f in &plan.families {
        let fam = s.families.iter().find(|g| g.id == f.id).unwrap();
        let provider = fam.provider.clone().unwrap();
        if f.target > 0.0 {
            let e = sums.entry(provider).or_default();
            e.0 += (f.planned as f64).min(f.target);
            e.1 += f.target;
        }
    }
    sums.into_iter()
        .map(|(p, (served, total))| (p, (served / total, total)))
        .collect()
}

#[test]
fn two_providers_with_different_shortages_scale_down_alike_under_lending() {
    let s = two_shortages().measure("M-LENDING").build();
    let plan = solve_tight(&s);
    let sh = shares(&s, &plan);
    let (s1, t1) = sh["P1"];
    let (s2, t2) = sh["P2"];
    assert!(
        (t1 - 29.62).abs() < 0.01 && (t2 - 13.60).abs() < 0.01,
        "{t1} {t2}"
    );
    // Lending keeps everyone at the floor and is reported.
    assert_eq!(below(&plan), (0, 0));
    assert!(plan.measures_used.get("M-LENDING").copied().unwrap_or(0) > 0);
    assert!(plan
        .families
        .iter()
        .any(|f| f.measures == only("M-LENDING")));
    // The whole-hour optimum of the doc comment: P1 27 h, P2 13 h.
    let p1: u32 = ["F1", "F2"]
        .map(|id| family(&plan, id).planned)
        .iter()
        .sum();
    assert_eq!((p1, family(&plan, "F3").planned), (27, 13));
    // Both scale down, and by the same fraction within one hour of rounding.
    assert!(s1 < 1.0 && s2 < 1.0, "shares {s1} {s2}");
    let spread = (s1 - s2).abs();
    assert!(
        spread * t1.min(t2) <= 1.0,
        "shares P1 {s1:.4}, P2 {s2:.4}: {:.3} h apart",
        spread * t1.min(t2)
    );
    assert!(
        (plan.kpi.provider_scale_down_spread - spread).abs() < 1e-6,
        "kpi {} vs {spread}",
        plan.kpi.provider_scale_down_spread
    );
}

#[test]
fn without_lending_the_two_providers_scale_down_far_apart() {
    let s = two_shortages().build();
    let plan = solve_tight(&s);
    let sh = shares(&s, &plan);
    let (s1, s2) = (sh["P1"].0, sh["P2"].0);
    // P1: N1's 10 h over F1 (5 + 5) and nothing for F2: one family below the
    // floor, share 10 / 29.62 = 0.34; P2: F3 gets its full target, share 1.
    assert_eq!(below(&plan), (1, 1));
    assert!((s1 - 10.0 / sh["P1"].1).abs() < 1e-9, "{s1}");
    assert!((s2 - 1.0).abs() < 1e-9, "{s2}");
    let spread = (s1 - s2).abs();
    assert!(spread > 0.2, "{spread}");
    assert!((plan.kpi.provider_scale_down_spread - spread).abs() < 1e-6);
    assert!(plan.measures_used.is_empty());
}
