//! `kraamplan fairness` through the binary: an audit of a solved bundled
//! scenario, its recomputation by `check --fairness` (and an edited audit
//! caught), bad visits refused with every error, and a policy comparison.
//!
//! `cargo test --release --test fairness`.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::cargo_bin("kraamplan")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn show(o: &Output) -> String {
    format!(
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn an_audit_of_a_solved_plan_is_recomputed_by_the_checker_and_an_edit_is_caught() {
    let tmp = tempfile::tempdir().unwrap();
    let plan_dir = tmp.path().join("plan");
    let out = tmp.path().join("audit");
    let o = run(&[
        "solve",
        "scenarios/colours/rood.json",
        "--out",
        path(&plan_dir),
        "--time-limit",
        "5",
    ]);
    assert!(code(&o) <= 1, "{}", show(&o));
    let plan = plan_dir.join("plan.json");
    let o = run(&[
        "fairness",
        "scenarios/colours/rood.json",
        path(&plan),
        "--out",
        path(&out),
    ]);
    let audit: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("fairness.json")).unwrap()).unwrap();
    let findings = audit["findings"].as_array().unwrap().len();
    assert_eq!(code(&o), i32::from(findings > 0), "{}", show(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("by insurer:") && text.contains("providers:"),
        "{text}"
    );
    // The rood week puts the region under the KSV's regie.
    assert!(
        audit["regie"].as_str().unwrap_or("").contains("rood"),
        "{audit:#}"
    );
    for f in ["fairness.csv", "fairness-providers.csv"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let csv = std::fs::read_to_string(out.join("fairness.csv")).unwrap();
    assert!(csv.starts_with("by,group,families,below_floor,"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("insurer,")), "{csv}");

    let audit_path = out.join("fairness.json");
    let o = run(&[
        "check",
        "scenarios/colours/rood.json",
        path(&plan),
        "--fairness",
        path(&audit_path),
    ]);
    assert_eq!(code(&o), 0, "{}", show(&o));

    let mut forged = audit.clone();
    forged["region"]["below_floor"] = Value::from(0);
    forged["providers"][0]["scale_down"] = Value::from(0.0);
    let forged_path = tmp.path().join("forged.json");
    std::fs::write(&forged_path, serde_json::to_string(&forged).unwrap()).unwrap();
    let o = run(&[
        "check",
        "scenarios/colours/rood.json",
        path(&plan),
        "--fairness",
        path(&forged_path),
    ]);
    assert_eq!(code(&o), 1, "{}", show(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("REPORT") && text.contains("scale_down"),
        "{text}"
    );
}

#[test]
fn delivered_visits_are_audited_and_bad_rows_are_all_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = "tests/fixtures/2providers-12nurses-15families.json";
    let s: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(scenario)).unwrap()).unwrap();
    let nurse = s["nurses"][0]["id"].as_str().unwrap();
    let family = s["families"][0]["id"].as_str().unwrap();
    let start = s["start"].as_str().unwrap();
    let good = tmp.path().join("visits.csv");
    std::fs::write(
        &good,
        format!("nurse,family,date,hours\n{nurse},{family},{start},4\n"),
    )
    .unwrap();
    let out = tmp.path().join("audit");
    let o = run(&[
        "fairness",
        scenario,
        "--visits",
        path(&good),
        "--out",
        path(&out),
    ]);
    assert!(code(&o) <= 1, "{}", show(&o));
    let audit: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("fairness.json")).unwrap()).unwrap();
    assert_eq!(audit["source"], "visits");
    assert_eq!(audit["region"]["delivered_hours"], 4);
    let o = run(&[
        "check",
        scenario,
        path(&good),
        "--fairness",
        path(&out.join("fairness.json")),
    ]);
    assert_eq!(code(&o), 0, "{}", show(&o));

    let bad = tmp.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!("nurse,family,date,hours\nNOBODY,{family},{start},4\n{nurse},{family},1999-01-01,4\n{nurse},{family},{start},x\n"),
    )
    .unwrap();
    let out = tmp.path().join("bad-audit");
    let o = run(&[
        "fairness",
        scenario,
        "--visits",
        path(&bad),
        "--out",
        path(&out),
    ]);
    assert_eq!(code(&o), 2, "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    for part in [
        "line 2, column nurse",
        "line 3, column date",
        "line 4, column hours",
        "3 error(s)",
    ] {
        assert!(err.contains(part), "{part} in {err}");
    }
    assert!(!out.exists(), "nothing is written for bad input");
    let o = run(&[
        "fairness",
        scenario,
        "--visits",
        path(&good),
        "--by",
        "provider,color",
    ]);
    assert_eq!(code(&o), 2, "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("\"color\" is not a grouping"));
}

#[test]
fn policies_are_compared_side_by_side_with_the_price_of_fairness() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    let o = run(&[
        "fairness",
        "--compare",
        "tests/fixtures/2providers-12nurses-15families.json",
        "--policies",
        "normenkader,utilitarian,first-come",
        "--seeds",
        "2",
        "--time-limit",
        "2",
        "--quiet",
        "--out",
        path(&out),
    ]);
    assert_eq!(code(&o), 0, "{}", show(&o));
    let csv = std::fs::read_to_string(out.join("fairness-compare.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[0].starts_with("policy,runs,below_floor,below_floor_low,below_floor_high,"));
    assert!(lines[2].starts_with("utilitarian,2,"), "{csv}");
    let runs = std::fs::read_to_string(out.join("fairness-compare-runs.csv")).unwrap();
    assert_eq!(runs.lines().count(), 1 + 2 * 3, "{runs}");
    // The reference is at least the utilitarian plan's own hours; the price
    // follows from it and never exceeds the price against the proven bound.
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("fairness-compare.json")).unwrap())
            .unwrap();
    for r in json["rows"].as_array().unwrap() {
        let best = r["utilitarian_hours"].as_f64().unwrap();
        let h = r["delivered_hours"].as_f64().unwrap();
        let price = r["price_of_fairness"].as_f64().unwrap();
        assert!((price - (best - h) / best).abs() < 1e-12, "{r}");
        if r["policy"] == "utilitarian" {
            assert!(best >= h && price >= 0.0, "{r}");
        }
        assert!(r["price_bound"].as_f64().unwrap() >= price - 1e-12, "{r}");
    }
    let o = run(&[
        "fairness",
        "--compare",
        "tests/fixtures/2providers-12nurses-15families.json",
        "--engine",
        "heuristic",
    ]);
    assert_eq!(code(&o), 2, "{}", show(&o));
}
