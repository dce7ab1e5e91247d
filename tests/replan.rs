//! The night as a planner runs it: `solve`, then `roll` to the next day,
//! then `replan`, on a bundled scenario; and the exit codes of bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kraamplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kraamplan"))
        .args(args)
        .output()
        .expect("kraamplan runs")
}

fn ok(o: &Output, what: &str) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{what}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn groen() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/colours/groen.json")
        .display()
        .to_string()
}

/// The greedy plan of groen (2026-02-02, 7 days) and the scenario rolled
/// to 2026-02-03 with `events` (none when empty).
fn night(dir: &Path, events: &str) -> (PathBuf, PathBuf) {
    let p0 = dir.join("p0");
    let o = kraamplan(&[
        "solve",
        &groen(),
        "--engine",
        "heuristic",
        "--no-ladder",
        "--out",
        s(&p0),
    ]);
    ok(&o, "solve");
    let plan = p0.join("plan.json");
    let next = dir.join("next.json");
    let mut args = vec![
        "roll",
        &groen(),
        s(&plan),
        "--to",
        "2026-02-03",
        "--out",
        s(&next),
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    if !events.is_empty() {
        let path = dir.join("events.json");
        std::fs::write(&path, events).unwrap();
        args.extend(["--events".into(), s(&path).into()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&kraamplan(&args), "roll");
    (plan, next)
}

fn read_plan(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Visits and on-call rows from 2026-02-03 to 2026-02-08, the days both
/// plans cover (2026-02-09 is new: never planned before).
fn remaining(plan: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut rows = Vec::new();
    for key in ["visits", "oncall"] {
        for r in plan[key].as_array().unwrap() {
            let d = r["date"].as_str().unwrap();
            if ("2026-02-03"..="2026-02-08").contains(&d) {
                rows.push(r.clone());
            }
        }
    }
    rows
}

#[test]
fn issue13_roll_then_replan_without_events_reproduces_the_remaining_days() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, next) = night(dir.path(), "");
    for engine in ["heuristic", "milp"] {
        let out = dir.path().join(format!("r-{engine}"));
        // Every remaining day of the previous plan was told.
        let o = kraamplan(&[
            "replan",
            s(&next),
            "--previous",
            s(&plan),
            "--out",
            s(&out),
            "--notice",
            "6",
            "--engine",
            engine,
            "--time-limit",
            "20",
            "--check",
        ]);
        ok(&o, engine);
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(stdout.contains("checker: 0 violation(s)"), "{stdout}");
        let new = read_plan(&out.join("plan.json"));
        assert_eq!(
            new["replan"]["changes"].as_array().unwrap().len(),
            0,
            "{engine}"
        );
        assert_eq!(remaining(&new), remaining(&read_plan(&plan)), "{engine}");
        let calls = std::fs::read_to_string(out.join("calls.csv")).unwrap();
        assert_eq!(calls.lines().count(), 1, "only the header: {calls}");
        // The checker, given the previous plan, recomputes the (empty) difference.
        let o = kraamplan(&[
            "check",
            s(&next),
            s(&out.join("plan.json")),
            "--previous",
            s(&plan),
        ]);
        ok(&o, "check --previous");
    }
}

#[test]
fn issue13_a_sick_nurse_is_replanned_and_her_families_are_called() {
    let dir = tempfile::tempdir().unwrap();
    // First the plan, to find a nurse who works on 2026-02-03.
    let (plan, _) = night(dir.path(), "");
    let previous = read_plan(&plan);
    let nurse = previous["visits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["date"] == "2026-02-03")
        .expect("a visit on 2026-02-03")["nurse"]
        .as_str()
        .unwrap()
        .to_string();
    let events = format!(
        r#"{{"format": "kraamplan/events@1", "events": [
            {{"kind": "sick", "nurse": "{nurse}", "from": "2026-02-03", "to": "2026-02-04"}}]}}"#
    );
    let (plan, next) = night(dir.path(), &events);
    let out = dir.path().join("r");
    let o = kraamplan(&[
        "replan",
        s(&next),
        "--previous",
        s(&plan),
        "--out",
        s(&out),
        "--engine",
        "milp",
        "--time-limit",
        "20",
        "--check",
    ]);
    ok(&o, "replan");
    let new = read_plan(&out.join("plan.json"));
    let changes = new["replan"]["changes"].as_array().unwrap();
    let notice: Vec<_> = changes.iter().filter(|c| c["notice"] == true).collect();
    assert!(!notice.is_empty());
    for c in &notice {
        assert_eq!(c["before"]["nurse"], nurse.as_str(), "{c}");
        let why = c["why"].to_string();
        assert!(why.contains("sick"), "{why}");
    }
    let calls = std::fs::read_to_string(out.join("calls.csv")).unwrap();
    assert!(calls.contains(&format!("nurse,{nurse},")), "{calls}");
    let changes_csv = std::fs::read_to_string(out.join("changes.csv")).unwrap();
    assert_eq!(changes_csv.lines().count(), changes.len() + 1);
    ok(
        &kraamplan(&[
            "check",
            s(&next),
            s(&out.join("plan.json")),
            "--previous",
            s(&plan),
        ]),
        "check --previous",
    );
}

#[test]
fn issue13_bad_locks_or_a_bad_previous_plan_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, next) = night(dir.path(), "");
    let locks = dir.path().join("locks.json");
    std::fs::write(
        &locks,
        r#"{"format": "kraamplan/locks@1", "locks": [{"kind": "forbid", "nurse": "N999", "family": "F001"}]}"#,
    )
    .unwrap();
    let out = dir.path().join("r");
    let o = kraamplan(&[
        "replan",
        s(&next),
        "--previous",
        s(&plan),
        "--out",
        s(&out),
        "--locks",
        s(&locks),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("locks[0].nurse = \"N999\""));
    assert!(!out.exists());
    let o = kraamplan(&["replan", s(&next), "--previous", s(&next), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "a scenario is no plan");
    assert!(!out.exists());
    let o = kraamplan(&[
        "replan",
        s(&next),
        "--previous",
        s(&plan),
        "--out",
        s(&out),
        "--locks",
        s(&locks),
        "--from-scratch",
    ]);
    assert_eq!(o.status.code(), Some(2), "--from-scratch takes no locks");
}

#[test]
fn issue13_two_nights_in_a_row_chain_the_re_plans() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, next) = night(dir.path(), "");
    let first = dir.path().join("first");
    ok(
        &kraamplan(&[
            "replan",
            s(&next),
            "--previous",
            s(&plan),
            "--out",
            s(&first),
            "--engine",
            "heuristic",
        ]),
        "first night",
    );
    // The second night rolls the re-plan itself.
    let plan2 = first.join("plan.json");
    let next2 = dir.path().join("next2.json");
    ok(
        &kraamplan(&[
            "roll",
            s(&next),
            s(&plan2),
            "--to",
            "2026-02-04",
            "--out",
            s(&next2),
        ]),
        "second roll",
    );
    let second = dir.path().join("second");
    ok(
        &kraamplan(&[
            "replan",
            s(&next2),
            "--previous",
            s(&plan2),
            "--out",
            s(&second),
            "--engine",
            "heuristic",
            "--notice",
            "6",
            "--check",
        ]),
        "second night",
    );
    let new = read_plan(&second.join("plan.json"));
    assert_eq!(new["replan"]["changes"].as_array().unwrap().len(), 0);
    assert_eq!(new["horizon"]["start"], "2026-02-04");
}
