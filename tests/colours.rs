//! The four bundled colour scenarios (`scenarios/colours/`), each solved by
//! the real binary through the escalation ladder to its colour code, with a
//! checker-clean plan and an explanation of every non-green code.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kraamplan::plan::Plan;

fn scenario(colour: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/colours")
        .join(format!("{colour}.json"))
}

/// Solve with `--check` at the default time limit; return the plan and stdout.
fn solve(colour: &str) -> (Plan, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("kraamplan")
        .unwrap()
        .args(["solve", "--check", "--out"])
        .arg(dir.path())
        .arg(scenario(colour))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("checker: 0 violation(s)"),
        "{colour}: checker not clean:\n{text}"
    );
    let plan: Plan =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plan.json")).unwrap())
            .unwrap();
    // Exit 1 exactly when a family is below the floor.
    let below = plan.kpi.families_below_floor > 0;
    assert_eq!(
        out.status.code(),
        Some(i32::from(below)),
        "{colour}:\n{text}"
    );
    (plan, text)
}

fn region(plan: &Plan) -> Vec<&str> {
    plan.weeks.iter().map(|w| w.region.as_str()).collect()
}

#[test]
fn groen_every_family_gets_its_full_share_without_measures() {
    let (plan, text) = solve("groen");
    assert_eq!(region(&plan), ["groen"], "{text}");
    assert!(plan.measures_used.is_empty());
    assert!(plan.weeks[0].why.is_empty());
    assert!(plan.escalation.iter().all(|e| e.rung == "alone"));
}

#[test]
fn oranje_a_provider_needs_tier_one_measures_to_keep_the_floor() {
    let (plan, text) = solve("oranje");
    assert_eq!(region(&plan), ["oranje"], "{text}");
    assert_eq!(plan.kpi.families_below_floor, 0);
    // P1 is short on its own without measures and holds the floor with tier 1.
    let p1 = &plan.escalation[0];
    assert_eq!(p1.rung, "tier1", "{text}");
    assert!(p1.rungs[0].families_below_floor > 0);
    assert_eq!(p1.rungs[1].families_below_floor, 0);
    assert!(!plan.measures_used.is_empty());
    assert!(!plan.measures_used.contains_key("M-KIO"));
    assert!(!plan.measures_used.contains_key("M-LENDING"));
    assert!(text.contains("P1 oranje:"), "{text}");
}

#[test]
fn rood_a_provider_cannot_keep_the_floor_alone_and_the_region_redistributes() {
    let (plan, text) = solve("rood");
    assert_eq!(region(&plan), ["rood"], "{text}");
    assert_eq!(plan.weeks[0].providers["P1"], "rood");
    assert_eq!(plan.kpi.families_below_floor, 0, "{text}");
    assert!(plan.escalation.iter().all(|e| e.rung == "region"));
    assert!(plan.measures_used.contains_key("M-LENDING"), "{text}");
    assert!(
        text.contains("P1 rood:") && text.contains("region rood:"),
        "{text}"
    );
}

#[test]
fn zwart_families_stay_below_the_floor_and_the_bound_proves_it() {
    let (plan, text) = solve("zwart");
    assert_eq!(region(&plan), ["zwart"], "{text}");
    let k = &plan.kpi;
    assert!(k.families_below_floor > 0);
    assert_eq!(
        k.certified_min_below_floor, k.families_below_floor,
        "the solver's bound must prove the count:\n{text}"
    );
    assert!(text.contains("region zwart:"), "{text}");
}
