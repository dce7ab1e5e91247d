//! `kraamplan roll` end to end: the bundled default scenario, its greedy
//! plan, one night's events.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn kraamplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kraamplan"))
        .args(args)
        .output()
        .expect("kraamplan runs")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scenario() -> String {
    root().join("scenarios/default.json").display().to_string()
}

/// A folder kept for the whole run with the greedy plan of the default
/// scenario in `plan/plan.json` (solved once, fast).
fn workdir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = dir.join("plan");
        let o = kraamplan(&[
            "solve",
            &scenario(),
            "--engine",
            "heuristic",
            "--no-ladder",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            o.status.code() == Some(0) || o.status.code() == Some(1),
            "solve: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        dir
    })
}

fn plan() -> String {
    workdir().join("plan/plan.json").display().to_string()
}

fn write(name: &str, text: &str) -> String {
    let path = workdir().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn roll_one_night_with_events_gives_a_valid_scenario() {
    let events = write(
        "events.json",
        r#"{"format": "kraamplan/events@1", "events": [
            {"kind": "sick", "nurse": "N003", "from": "2026-07-21", "to": "2026-07-22"},
            {"kind": "birth", "family": "F045", "date": "2026-07-21"},
            {"kind": "discharge", "family": "F041", "date": "2026-07-21"}
        ]}"#,
    );
    let next = workdir().join("next.json");
    let o = kraamplan(&[
        "roll",
        &scenario(),
        &plan(),
        "--to",
        "2026-07-21",
        "--events",
        &events,
        "--out",
        next.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = kraamplan(&["validate", next.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&next).unwrap()).unwrap();
    assert_eq!(s["start"], "2026-07-21");
    assert_eq!(s["days"], 7);
    assert_eq!(s["events"].as_array().unwrap().len(), 3);
    let f045 = s["families"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "F045")
        .unwrap();
    assert!(f045.get("due").is_none());
    assert_eq!(f045["care_start"], "2026-07-21");
}

#[test]
fn a_bad_events_file_reports_every_error_and_writes_nothing() {
    let events = write(
        "bad-events.json",
        r#"{"format": "kraamplan/events@1", "events": [
            {"kind": "sick", "nurse": "N999x", "from": "2026-07-21"},
            {"kind": "hospital", "family": "F041", "from": "2026-07-30"},
            {"kind": "sick", "nurse": "N003", "form": "2026-07-21"}
        ]}"#,
    );
    let next = workdir().join("never.json");
    let o = kraamplan(&[
        "roll",
        &scenario(),
        &plan(),
        "--to",
        "2026-07-21",
        "--events",
        &events,
        "--out",
        next.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("events[2]") && e.contains("form"), "{e}");
    assert!(!next.exists());
    // Well-formed, but naming what is not there: every problem at once.
    let events = write(
        "bad-refs.json",
        r#"{"format": "kraamplan/events@1", "events": [
            {"kind": "sick", "nurse": "N0003", "from": "2026-07-21"},
            {"kind": "hospital", "family": "F041", "from": "2026-07-30"}
        ]}"#,
    );
    let o = kraamplan(&[
        "roll",
        &scenario(),
        &plan(),
        "--to",
        "2026-07-21",
        "--events",
        &events,
        "--out",
        next.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("V-EVENT-REF") && e.contains("events[0].nurse"),
        "{e}"
    );
    assert!(e.contains("did you mean `N003`?"), "{e}");
    assert!(
        e.contains("V-EVENT-DATE") && e.contains("events[1].from"),
        "{e}"
    );
    assert!(!next.exists());
}

#[test]
fn to_outside_the_horizon_is_refused() {
    let next = workdir().join("never-to.json");
    for to in ["2026-07-20", "2026-07-28", "21-07-2026"] {
        let o = kraamplan(&[
            "roll",
            &scenario(),
            &plan(),
            "--to",
            to,
            "--out",
            next.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{to}: {}", stderr(&o));
        assert!(stderr(&o).contains("--to"), "{to}: {}", stderr(&o));
        assert!(!next.exists());
    }
    // The day after the end is the last allowed.
    let o = kraamplan(&[
        "roll",
        &scenario(),
        &plan(),
        "--to",
        "2026-07-27",
        "--out",
        next.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
