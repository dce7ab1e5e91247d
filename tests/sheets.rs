//! `kraamplan import` and `kraamplan export` end to end: every bundled
//! scenario survives the round trip through CSV files, the shipped
//! templates are the default scenario's export, and a spreadsheet with
//! several mistakes gets them all listed, exit 2 and nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kraamplan::scenario::{read_scenario, Scenario};

fn kraamplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kraamplan"))
        .args(args)
        .output()
        .expect("kraamplan runs")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Scenario {
    read_scenario(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .scenario
}

fn bundled() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["scenarios", "scenarios/colours", "scenarios/ladder"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[track_caller]
fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn issue17_every_bundled_scenario_survives_export_then_import() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = bundled();
    assert!(paths.len() >= 13, "{paths:?}");
    for (i, path) in paths.iter().enumerate() {
        let dir = tmp.path().join(format!("csv{i}"));
        let out = tmp.path().join(format!("back{i}.json"));
        let (dir_s, out_s) = (dir.to_str().unwrap(), out.to_str().unwrap());
        ok(&kraamplan(&[
            "export",
            path.to_str().unwrap(),
            "--out",
            dir_s,
        ]));
        let original = read(path);
        assert_eq!(
            dir.join("pool.csv").exists(),
            original
                .partus_pool
                .as_ref()
                .is_some_and(|p| !p.shifts.is_empty()),
            "{}",
            path.display()
        );
        ok(&kraamplan(&["import", "--from", dir_s, "--out", out_s]));
        assert_eq!(read(&out), original, "{}", path.display());
    }
}

#[test]
fn issue17_the_templates_are_the_default_scenario_exported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("csv");
    let default = root().join("scenarios/default.json");
    ok(&kraamplan(&[
        "export",
        default.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]));
    let templates = root().join("scenarios/csv");
    for name in kraamplan::sheets::FILES {
        let made = std::fs::read(dir.join(name)).ok();
        let shipped = std::fs::read(templates.join(name)).ok();
        assert!(
            made == shipped,
            "scenarios/csv/{name} is stale: run `kraamplan export scenarios/default.json --out scenarios/csv`"
        );
    }
}

#[test]
fn issue17_several_mistakes_are_listed_at_once_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let providers = write("providers.csv", "id,name\nP1,Noord\nP2,Zuid\n");
    let nurses = write(
        "nurses.csv",
        "id,provider,contract_max,home.lat,home.lon,contrct_min\n\
         N001,P1,veertig,52.09,5.12,0\n\
         N002,P1,32,52.09,5.12,0\n\
         N003,P3,32,52.09,5.12,0\n",
    );
    let families = write(
        "families.csv",
        "id,provider,care_start,home.lat,home.lon\n\
         F001,P1,2026-07-06,52.1,5.1\n\
         F002,P2,2026-02-30,52.1,5.1\n",
    );
    let out = tmp.path().join("scenario.json");
    let o = kraamplan(&[
        "import",
        "--providers",
        &providers,
        "--nurses",
        &nurses,
        "--families",
        &families,
        "--start",
        "2026-07-06",
        "--days",
        "7",
        "--out",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for want in [
        "nurses.csv row 2, column contract_max: \"veertig\" is not a whole number; write digits only, such as 3 or 36",
        "nurses.csv row 1, column contrct_min: unknown column; did you mean contract_min?",
        "families.csv: no column indicated_hours (required); add a column named indicated_hours to row 1",
        "families.csv row 3, column care_start: \"2026-02-30\" is not a calendar date: February 2026 has 28 days",
        "nurses.csv row 4, column provider: error[V-REF] nurses[2].provider = P3",
        "did you mean `P1`?",
        "import: 5 error(s); nothing was written",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    assert!(!out.exists());
}

/// docs/format.md names every column and settings key the code reads.
#[test]
fn issue17_every_column_is_documented() {
    use kraamplan::sheets::columns::{SETTINGS, SHEETS};
    let doc = std::fs::read_to_string(root().join("docs/format.md")).unwrap();
    let start = doc.find("## Spreadsheets (CSV)").expect("the section");
    let section = &doc[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let mut missing = Vec::new();
    for sheet in SHEETS {
        for c in sheet.columns {
            if !section.contains(&format!("`{}`", c.name)) {
                missing.push(format!("{}: {}", sheet.file, c.name));
            }
        }
    }
    for k in SETTINGS {
        if !section.contains(&format!("`{}`", k.name)) {
            missing.push(format!("settings.csv: {}", k.name));
        }
    }
    assert!(missing.is_empty(), "not in docs/format.md: {missing:?}");
}
