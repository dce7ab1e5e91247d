//! Each finding binds on a region small enough to check by hand, a clean
//! allocation has none, and the checker recomputes every figure of each
//! audit (and catches one that was edited).

use super::visits::plan_of_visits;
use super::*;
use crate::domain::rules::RuleId;
use crate::plan::fairness::Audit;
use crate::testkit::Tiny;

/// Audit `rows` (`nurse,family,date,hours` lines) of `s`, and require the
/// checker to recompute the same audit.
fn audit_of(s: &Scenario, rows: &[&str]) -> Audit {
    let text = format!("nurse,family,date,hours\n{}\n", rows.join("\n"));
    let plan = plan_of_visits(s, &text, "visits.csv").expect("visits");
    let a = audit(s, &plan, &AuditOptions::default());
    let v = crate::check::fairness::check_audit(s, &plan, &a);
    assert!(v.is_empty(), "{v:#?}");
    a
}

fn rules(a: &Audit) -> Vec<(String, String)> {
    a.findings
        .iter()
        .map(|f| (f.rule.clone(), f.subject.clone()))
        .collect()
}

/// Two providers of two nurses each (P1: N1, N2; P2: M1, M2) and two
/// 8-day families each, all starting on the first day of a 2-day horizon:
/// a floor of 6 h and a target of 14.8 h each there.
fn two_providers() -> Tiny {
    Tiny::new(2)
        .provider("P2")
        .nurse_of("M1", "P2")
        .nurse_of("M2", "P2")
        .family("A1", "2026-07-06", 8)
        .family("A2", "2026-07-06", 8)
        .family_of("B1", "P2", "2026-07-06", 8)
        .family_of("B2", "P2", "2026-07-06", 8)
        .days(2)
}

#[test]
fn a_provider_that_scaled_down_more_than_the_region_is_a_finding() {
    let s = two_providers().build();
    // P1's families 7 + 7 h, P2's 3 + 3 h: P2 keeps the floor but scales down
    // 59 %. Nobody is below the floor and nobody waits: no regie, no finding.
    let rows = [
        "N1,A1,2026-07-06,7",
        "N1,A1,2026-07-07,7",
        "N2,A2,2026-07-06,7",
        "N2,A2,2026-07-07,7",
        "M1,B1,2026-07-06,3",
        "M1,B1,2026-07-07,3",
        "M2,B2,2026-07-06,3",
        "M2,B2,2026-07-07,3",
    ];
    let a = audit_of(&s, &rows);
    assert_eq!((a.regie.as_deref(), a.findings.len()), (None, 0));
    // A waiting-list family (served by P1) puts the region under the KSV's regie.
    let s = two_providers()
        .measure("M-WAITLIST")
        .family("W1", "2026-07-06", 8)
        .family_field("W1", "provider", serde_json::Value::Null)
        .build();
    let mut rows = rows.to_vec();
    rows.extend(["N1,W1,2026-07-06,3", "N2,W1,2026-07-07,3"]);
    let a = audit_of(&s, &rows);
    assert!(
        a.regie.as_deref().unwrap().contains("waiting list"),
        "{:?}",
        a.regie
    );
    assert_eq!(
        rules(&a),
        vec![("EQUAL-SCALE-DOWN".to_string(), "P2".to_string())]
    );
    let p2 = &a.providers[1];
    // Five families with the same target; the region's scale-down counts the four with a provider.
    let target = a.region.target_hours / 5.0;
    assert!(
        (p2.scale_down - (1.0 - 6.0 / target)).abs() < 1e-9,
        "{p2:?}"
    );
    assert!((p2.region_scale_down - (1.0 - 40.0 / (4.0 * target))).abs() < 1e-9);
    assert_eq!(a.region.below_floor, 0);
    // P2's families carry 2 × (target − 6) of the region's hours short, W1 target − 6, P1's 2 × (target − 14).
    let by_p2 = a
        .groups
        .iter()
        .find(|g| g.by == "provider" && g.group == "P2")
        .unwrap();
    let short = 2.0 * (target - 6.0);
    let region = short + (target - 6.0) + 2.0 * (target - 14.0).max(0.0);
    assert!((by_p2.figures.scale_down_share - short / region).abs() < 1e-9);
    // Evened out (5 + 5 each), there is no finding.
    let even: Vec<String> = ["N1,A1", "N2,A2", "M1,B1", "M2,B2", "N1,W1"]
        .iter()
        .flat_map(|p| [format!("{p},2026-07-06,5"), format!("{p},2026-07-07,5")])
        .collect();
    let a = audit_of(&s, &even.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(a.findings.is_empty(), "{:?}", a.findings);
}

#[test]
fn a_provider_that_took_fewer_waiting_list_families_than_its_fair_share_is_a_finding() {
    // No families of their own: the free capacity is the same (2 nurses ×
    // 40 h · 2/7), so each provider's fair share of the 4 served is 2.
    let s = Tiny::new(2)
        .provider("P2")
        .nurse_of("M1", "P2")
        .nurse_of("M2", "P2")
        .measure("M-WAITLIST")
        .family("W1", "2026-07-06", 8)
        .family("W2", "2026-07-06", 8)
        .family("W3", "2026-07-06", 8)
        .family("W4", "2026-07-06", 8)
        .family_field("W1", "provider", serde_json::Value::Null)
        .family_field("W2", "provider", serde_json::Value::Null)
        .family_field("W3", "provider", serde_json::Value::Null)
        .family_field("W4", "provider", serde_json::Value::Null)
        .days(2)
        .build();
    let a = audit_of(
        &s,
        &[
            "N1,W1,2026-07-06,3",
            "N1,W1,2026-07-07,3",
            "N2,W2,2026-07-06,3",
            "N2,W2,2026-07-07,3",
            "N1,W3,2026-07-06,3",
            "N1,W3,2026-07-07,3",
            "N2,W4,2026-07-06,3",
            "N2,W4,2026-07-07,3",
        ],
    );
    assert_eq!(
        rules(&a),
        vec![("WAITLIST-SPREAD".to_string(), "P2".to_string())]
    );
    let (p1, p2) = (&a.providers[0], &a.providers[1]);
    assert_eq!((p1.waitlist_taken, p2.waitlist_taken), (4, 0));
    assert!((p2.waitlist_fair_share - 2.0).abs() < 1e-9);
    assert!((p1.free_capacity_hours - 2.0 * 40.0 * 2.0 / 7.0).abs() < 1e-9);
    assert_eq!(p1.waitlist_hours, 24);
    // Two each is fair.
    let a = audit_of(
        &s,
        &[
            "N1,W1,2026-07-06,3",
            "N1,W1,2026-07-07,3",
            "N2,W2,2026-07-06,3",
            "N2,W2,2026-07-07,3",
            "M1,W3,2026-07-06,3",
            "M1,W3,2026-07-07,3",
            "M2,W4,2026-07-06,3",
            "M2,W4,2026-07-07,3",
        ],
    );
    assert!(a.findings.is_empty(), "{:?}", a.findings);
}

#[test]
fn one_insurers_families_below_the_floor_while_anothers_are_not_is_a_finding() {
    let s = Tiny::new(2)
        .family("F1", "2026-07-06", 8)
        .family("F2", "2026-07-06", 8)
        .family("F3", "2026-07-06", 8)
        .family("F4", "2026-07-06", 8)
        .family_field("F1", "insurer", "VGZ")
        .family_field("F2", "insurer", "VGZ")
        .family_field("F3", "insurer", "CZ")
        .family_field("F4", "insurer", "CZ")
        .days(2)
        .build();
    // The VGZ families get one visit (4 h, then 0: 3 h short on the second
    // day, more than the 2 h short of the 6 h in total), the CZ families two.
    let a = audit_of(
        &s,
        &[
            "N1,F1,2026-07-06,4",
            "N2,F2,2026-07-06,4",
            "N1,F3,2026-07-07,3",
            "N2,F4,2026-07-07,3",
            "N1,F3,2026-07-06,3",
            "N2,F4,2026-07-06,3",
        ],
    );
    assert_eq!(
        rules(&a),
        vec![("INSURER-FLOOR".to_string(), "VGZ".to_string())]
    );
    let f = &a.findings[0];
    assert_eq!((f.value, f.expected), (1.0, 0.0));
    let vgz = a
        .groups
        .iter()
        .find(|g| g.by == "insurer" && g.group == "VGZ")
        .unwrap();
    assert_eq!(
        (
            vgz.figures.families,
            vgz.figures.below_floor,
            vgz.figures.shortfall_hours
        ),
        (2, 2, 6)
    );
    assert_eq!(a.region.below_floor, 2);
}

#[test]
fn a_clean_allocation_has_no_finding_and_its_figures_are_exact() {
    let s = two_providers()
        .family_field("A1", "insurer", "VGZ")
        .family_field("B1", "insurer", "CZ")
        .build();
    let rows: Vec<String> = ["N1,A1", "N2,A2", "M1,B1", "M2,B2"]
        .iter()
        .flat_map(|p| [format!("{p},2026-07-06,4"), format!("{p},2026-07-07,3")])
        .collect();
    let a = audit_of(&s, &rows.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(a.findings.is_empty(), "{:?}", a.findings);
    let r = &a.region;
    assert_eq!((r.families, r.below_floor, r.delivered_hours), (4, 0, 28));
    assert!((r.gini - 0.0).abs() < 1e-12 && (r.jain - 1.0).abs() < 1e-12);
    assert!((r.ratio_min - r.ratio_p10).abs() < 1e-12);
    // Every grouping: provider P1/P2, insurer VGZ/CZ/(none), priority 3, complexity low, own provider.
    let groups: Vec<(&str, &str)> = a
        .groups
        .iter()
        .map(|g| (g.by.as_str(), g.group.as_str()))
        .collect();
    for want in [
        ("provider", "P1"),
        ("insurer", "(none)"),
        ("priority", "3"),
        ("complexity", "low"),
        ("waitlist", "own provider"),
    ] {
        assert!(groups.contains(&want), "{want:?} in {groups:?}");
    }
}

#[test]
fn the_checker_catches_an_edited_audit() {
    let s = two_providers().build();
    let text = "nurse,family,date,hours\nN1,A1,2026-07-06,7\nM1,B1,2026-07-06,3\n";
    let plan = plan_of_visits(&s, text, "v.csv").unwrap();
    let honest = audit(&s, &plan, &AuditOptions::default());
    let check = |a: &Audit| crate::check::fairness::check_audit(&s, &plan, a);
    assert!(check(&honest).is_empty());
    let mut a = honest.clone();
    a.region.gini += 0.01;
    assert!(check(&a).iter().any(|v| v.message.contains("region.gini")));
    let mut a = honest.clone();
    a.findings.clear();
    assert!(!honest.findings.is_empty());
    assert!(check(&a)
        .iter()
        .any(|v| v.message.contains("misses the finding")));
    let mut a = honest.clone();
    a.providers[0].waitlist_taken = 3;
    assert!(check(&a)
        .iter()
        .any(|v| v.message.contains("waitlist_taken")));
    let mut a = honest;
    a.groups.pop();
    let v = check(&a);
    assert!(v.iter().all(|v| v.rule == RuleId::Report) && !v.is_empty());
}

#[test]
fn bad_visit_rows_are_all_reported_with_line_column_and_fix() {
    let s = two_providers().build();
    let text = "nurse,family,date,hours\nN9,A1,2026-07-06,3\nN1,A7,2026-07-06,3\nN1,A1,2026-07-09,3\nN1,A1,2026-07-06,0\n";
    let errors = plan_of_visits(&s, text, "v.csv").unwrap_err();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors[0].contains("line 2, column nurse") && errors[0].contains("N9"));
    assert!(errors[1].contains("line 3, column family") && errors[1].contains("did you mean"));
    assert!(errors[2].contains("line 4, column date") && errors[2].contains("horizon"));
    assert!(errors[3].contains("line 5, column hours"));
    let missing = plan_of_visits(&s, "nurse,family,day\n", "v.csv").unwrap_err();
    assert!(missing[0].contains("no column \"date\""), "{missing:?}");
    // Two rows of a nurse, family and day add up.
    let plan = plan_of_visits(
        &s,
        "nurse,family,date,hours\nN1,A1,2026-07-06,2\nN1,A1,2026-07-06,2\n",
        "v",
    )
    .unwrap();
    assert_eq!(plan.visits.len(), 1);
    assert_eq!(plan.visits[0].hours, 4);
}
