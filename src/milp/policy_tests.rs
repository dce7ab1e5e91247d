//! Each allocation policy shares scarce hours the way `models/fairness.md`
//! defines it, on a region small enough to check by hand.

use crate::domain::policy::Policy;
use crate::model::objective::level;
use crate::plan::Plan;
use crate::testkit::*;

/// Two nurses with 5 contract hours each (10 h in all; a visit lasts at
/// least 3 h, so each nurse makes one) and two families at home on both days
/// of a 2-day horizon, each with a floor of 6 h there: both visits to one
/// family keep it at the floor, one visit each leaves both below.
fn scarce_region(policy: Policy) -> crate::scenario::Scenario {
    Tiny::new(2)
        .family("F1", "2026-07-06", 8)
        .family("F2", "2026-07-06", 8)
        .days(2)
        .contract(0, 5)
        .rule("policy", policy.as_str())
        .build()
}

fn scarce(policy: Policy) -> Plan {
    solve_clean(&scarce_region(policy))
}

fn planned(p: &Plan) -> Vec<u32> {
    p.families.iter().map(|f| f.planned).collect()
}

fn names(p: &Plan) -> Vec<&str> {
    p.engine.levels.iter().map(|l| l.name.as_str()).collect()
}

#[test]
fn normenkader_keeps_one_family_at_the_floor() {
    let p = scarce(Policy::Normenkader);
    assert_eq!(p.kpi.families_below_floor, 1, "{:?}", planned(&p));
    let mut hours = planned(&p);
    hours.sort_unstable();
    assert_eq!(hours, vec![0, 10]);
    assert_eq!(p.policy, None);
    assert!(names(&p).contains(&level::FAIR));
}

#[test]
fn utilitarian_keeps_the_floor_first_then_the_most_hours_without_a_fairness_level() {
    let p = scarce(Policy::Utilitarian);
    assert_eq!(p.kpi.families_below_floor, 1);
    assert_eq!(p.kpi.delivered_hours, 10);
    assert_eq!(p.policy, Some(Policy::Utilitarian));
    assert!(!names(&p).contains(&level::FAIR) && !names(&p).contains(&level::LOWEST_SHARE));
    // Where nothing is scarce, it delivers what the Normenkader's plan does.
    let two = |policy: Policy| {
        Tiny::new(2)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .days(2)
            .contract(0, 14)
            .rule("policy", policy.as_str())
            .build()
    };
    let u = solve_clean(&two(Policy::Utilitarian));
    let n = solve_clean(&two(Policy::Normenkader));
    assert_eq!(u.kpi.delivered_hours, 28);
    assert_eq!(planned(&n), vec![14, 14]);
}

#[test]
fn proportional_gives_both_families_the_same_share_and_so_both_fall_below_the_floor() {
    let p = scarce(Policy::Proportional);
    // 5 + 5: the same share of equal targets, one visit each, two below the floor.
    assert_eq!(planned(&p), vec![5, 5]);
    assert_eq!(p.kpi.families_below_floor, 2);
    assert_eq!(names(&p)[0], level::EQUAL_SHARE);
}

/// Two nurses with 6 contract hours each (two visits of 3 h, or one of 6)
/// and two families with a floor of 6 h in a 2-day horizon: F1 came home a
/// day before F2 (3 h delivered on that day), F2 on the first day.
fn queue(policy: Policy) -> Plan {
    let s = Tiny::new(2)
        .family("F1", "2026-07-05", 8)
        .delivered_before("F1", 3)
        .family("F2", "2026-07-06", 8)
        .days(2)
        .contract(0, 6)
        .rule("policy", policy.as_str())
        .build();
    solve_clean(&s)
}

#[test]
fn first_come_serves_the_earlier_family_fully_before_the_later_one() {
    // The Normenkader's order keeps both at the floor: 3 + 3 h each.
    let n = queue(Policy::Normenkader);
    assert_eq!((planned(&n), n.kpi.families_below_floor), (vec![6, 6], 0));
    // First come: F1 gets one 6-hour visit of each nurse, F2 nothing.
    let p = queue(Policy::FirstCome);
    assert_eq!(planned(&p), vec![12, 0]);
    assert_eq!(p.kpi.families_below_floor, 1);
    assert_eq!(names(&p)[0], level::FIRST_COME);
}

#[test]
fn a_policy_plans_the_region_rung_without_colour_codes() {
    let s = Tiny::new(2)
        .family("F1", "2026-07-06", 8)
        .days(2)
        .rule("policy", "first-come")
        .build();
    let plan =
        crate::engine::escalation::plan(&s, &crate::engine::EngineConfig::default()).unwrap();
    assert!(!plan.ladder && plan.weeks.is_empty() && plan.escalation.is_empty());
    assert!(crate::check::check(&s, &plan).is_clean());
}

#[test]
fn the_checker_holds_a_plan_to_the_levels_of_its_policy() {
    let s = scarce_region(Policy::Proportional);
    let plan = solve_clean(&s);
    let engine_lines = |p: &Plan| -> Vec<String> {
        crate::check::check(&s, p)
            .violations
            .into_iter()
            .filter(|v| v.rule == crate::domain::rules::RuleId::Engine)
            .map(|v| v.message)
            .collect()
    };
    // The policy's own level in a plan that claims the Normenkader's order.
    let mut p = plan.clone();
    p.policy = None;
    assert!(
        engine_lines(&p)
            .iter()
            .any(|m| m.contains("belongs to policy proportional")),
        "{:?}",
        engine_lines(&p)
    );
    // Colour codes are the Normenkader's.
    let mut p = plan.clone();
    p.ladder = true;
    assert!(engine_lines(&p)
        .iter()
        .any(|m| m.contains("colour codes are the Normenkader's")));
    // The default is left out, not written.
    let n = scarce(Policy::Normenkader);
    let mut p = n.clone();
    p.policy = Some(Policy::Normenkader);
    let s = scarce_region(Policy::Normenkader);
    assert!(crate::check::check(&s, &n).is_clean());
    assert!(!crate::check::check(&s, &p).is_clean());
}
