//! The Regioplan's commands end to end: a season (sharded and merged as a
//! whole), a prognosis and the Regioplan written from both.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kraamplan::generate::{self, GenParams};

fn kraamplan() -> Command {
    Command::cargo_bin("kraamplan").expect("the binary is built")
}

fn region(dir: &Path) -> PathBuf {
    let s = generate::generate(&GenParams {
        name: "regio".into(),
        births_per_year: 300,
        providers: 2,
        freelancers: 1,
        days: 7,
        sick: 0.1,
        seed: 5,
        ..GenParams::default()
    });
    let path = dir.join("regio.json");
    std::fs::write(&path, serde_json::to_string_pretty(&s).unwrap()).unwrap();
    path
}

/// The CSV without its `seconds` columns (wall-clock time differs per run).
fn without_seconds(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| !header[i].contains("seconds"))
        .collect();
    let mut out = vec![keep.iter().map(|&i| header[i].clone()).collect()];
    for rec in r.records() {
        let rec = rec.unwrap();
        out.push(keep.iter().map(|&i| rec[i].to_string()).collect());
    }
    out
}

fn season(base: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    kraamplan()
        .arg("season")
        .arg(base)
        .args(["--from", "2026-06", "--to", "2026-06", "--runs", "3"])
        .args([
            "--births-per-year",
            "300",
            "--engine",
            "heuristic",
            "--quiet",
        ])
        .args(extra)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn a_season_and_a_prognosis_make_a_regioplan_with_every_section_filled() {
    let tmp = tempfile::tempdir().unwrap();
    let base = region(tmp.path());
    let whole = tmp.path().join("whole");
    let out = season(&base, &whole, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("5 weeks, 1 solution(s) × 3 runs"),
        "{stdout}"
    );

    // Two shards merged are the whole season, row for row.
    let (s1, s2) = (tmp.path().join("s1"), tmp.path().join("s2"));
    for (dir, shard) in [(&s1, "1/2"), (&s2, "2/2")] {
        let o = season(&base, dir, &["--shard", shard]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let merged = tmp.path().join("merged");
    let o = kraamplan()
        .arg("merge")
        .arg(&s1)
        .arg(&s2)
        .arg("--out")
        .arg(&merged)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for f in ["season-runs.csv", "season-weeks.csv", "season-months.csv"] {
        assert_eq!(
            without_seconds(&whole.join(f)),
            without_seconds(&merged.join(f)),
            "{f}"
        );
    }

    // Without a prognosis there is no Regioplan, and the error says how to make one.
    let o = kraamplan()
        .arg("regioplan")
        .arg(&whole)
        .arg("--out")
        .arg(tmp.path().join("r.md"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kraamplan prognose"));
    assert!(!tmp.path().join("r.md").exists());

    let o = kraamplan()
        .arg("prognose")
        .arg(&base)
        .args(["--until", "2030", "--ratio", "40", "--quiet", "--out"])
        .arg(&whole)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let (md, html) = (
        tmp.path().join("regioplan.md"),
        tmp.path().join("regioplan.html"),
    );
    let o = kraamplan()
        .arg("regioplan")
        .arg(&whole)
        .arg("--out")
        .arg(&md)
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&md).unwrap();
    for heading in [
        "## 1.3 Inventarisatie krapte korte termijn (2026)",
        "### Code rood weken/maanden",
        "### Aantallen wachtlijst per maand",
        "## 1.4 Prognose krapte middellange termijn (prognosemodel)",
        "### Benodigde instroom 2026 – 2030",
        "### Huidige aantal leerlingen met uitstroomverwachting",
        "## 2.1 Oplossingen passend bij de problematiek",
        "## 6. Monitoring",
    ] {
        let at = text.find(heading).unwrap_or_else(|| panic!("no {heading}"));
        // Every heading is followed by content before the next heading of
        // its level.
        let after = &text[at + heading.len()..];
        let level = if heading.starts_with("###") {
            "\n#"
        } else {
            "\n## "
        };
        let next = after.find(level).unwrap_or(after.len());
        assert!(after[..next].trim().len() > 20, "{heading} is empty");
    }
    assert!(text.contains("| 2026-06 |") && text.contains("| 2030 |"));
    assert!(!text.contains("NaN"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<svg") && page.contains("1.4 Prognose"));
}

#[test]
fn a_season_backwards_or_a_shard_as_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let base = region(tmp.path());
    let o = kraamplan()
        .arg("season")
        .arg(&base)
        .args(["--from", "2026-09", "--to", "2026-05", "--out"])
        .arg(tmp.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--from 2026-09-01 --to 2026-05-31"));
    let o = kraamplan()
        .arg("season")
        .arg(&base)
        .args(["--from", "2026-13", "--to", "2026-05"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("give a month as 2026-05"));
    let shard = tmp.path().join("shard");
    let o = season(&base, &shard, &["--shard", "1/2"]);
    assert_eq!(o.status.code(), Some(0));
    let o = kraamplan()
        .arg("prognose")
        .arg(&base)
        .args(["--until", "2028", "--ratio", "40", "--quiet", "--out"])
        .arg(&shard)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let o = kraamplan()
        .arg("regioplan")
        .arg(&shard)
        .arg("--out")
        .arg(tmp.path().join("r.md"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("merge"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
