//! Sweeps, forecasts, shards and merges end to end, and the stress test of
//! in-process parallel solving.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kraamplan::engine::EngineConfig;
use kraamplan::generate::{self, GenParams};
use kraamplan::milp::SolveConfig;
use kraamplan::whatif::{run, summary};

fn kraamplan() -> Command {
    Command::cargo_bin("kraamplan").expect("the binary is built")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A small scarce region of `days` days, written to `dir/name`.
fn small_region(dir: &Path, name: &str, seed: u64, days: u32, bookings: u32) -> PathBuf {
    let s = generate::generate(&GenParams {
        name: format!("small region {seed}"),
        births_per_year: 300,
        providers: 2,
        freelancers: 1,
        days,
        sick: 0.1,
        seed,
        bookings_days: bookings,
        ..GenParams::default()
    });
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&s).unwrap()).unwrap();
    path
}

/// The CSV without its `seconds` columns (wall-clock time differs per run).
fn without_seconds(csv: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
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

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// 200 small ladder solves on four workers (twice the cores of the
/// CI machine, so solves really overlap) give exactly the serial results:
/// HiGHS instances on different threads do not disturb each other when each
/// is built, solved and dropped on its own thread.
#[test]
fn stress_parallel_solves_equal_a_serial_run() {
    let scenarios: Vec<_> = (0..200u64)
        .map(|seed| {
            generate::generate(&GenParams {
                births_per_year: 200,
                providers: 2,
                freelancers: 0,
                days: 3,
                sick: 0.1,
                seed,
                // Without measures every stage ends by itself within a second.
                measures: Vec::new(),
                ..GenParams::default()
            })
        })
        .collect();
    let cfg = EngineConfig {
        solve: SolveConfig {
            time_limit: 60.0,
            ..SolveConfig::default()
        },
        ..EngineConfig::default()
    };
    let indices: Vec<usize> = (0..scenarios.len()).collect();
    let solve = |i: usize| summary::solve(&scenarios[i], &cfg);
    let parallel = run::run("stress", &indices, 4, false, solve).unwrap();
    let serial = run::run("stress", &indices, 1, false, solve).unwrap();
    for (p, s) in parallel.iter().zip(&serial) {
        assert_eq!(p.index, s.index);
        let s_result = s
            .result
            .as_ref()
            .unwrap_or_else(|e| panic!("{}: {e}", s.index));
        // Identical results need solves that end by themselves, not by the clock.
        assert!(
            ["optimal", "gap_limit"].contains(&s_result.status.as_str()),
            "scenario {}: {}",
            s.index,
            s_result.status
        );
        assert_eq!(p.result.as_ref(), Ok(s_result), "scenario {}", s.index);
    }
}

#[test]
fn sweep_writes_one_row_per_variant_and_the_same_seed_gives_the_same_table() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_region(dir.path(), "base.json", 1, 4, 0);
    let grid = dir.path().join("grid.toml");
    std::fs::write(
        &grid,
        "sick = [0.0, 0.3]\nextra_births = [0, 50]\nlent = [0, 2]\nseeds = [7]\n",
    )
    .unwrap();
    let run = |out: &str, jobs: &str, engine: &str| {
        kraamplan()
            .args([
                "sweep",
                base.to_str().unwrap(),
                "--grid",
                grid.to_str().unwrap(),
            ])
            .args(["--out", dir.path().join(out).to_str().unwrap()])
            .args(["--time-limit", "5", "--jobs", jobs, "--engine", engine])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let stdout = String::from_utf8(run("a", "2", "auto")).unwrap();
    assert!(stdout.contains("8 of 8 variants"), "{stdout}");
    assert!(stdout.contains("failed          0"), "{stdout}");
    let a = read(&dir.path().join("a/sweep.csv"));
    let table = without_seconds(&a);
    assert_eq!(table.len(), 9, "{a}");
    let header = &table[0];
    for col in [
        "index",
        "sick",
        "extra_births",
        "lent",
        "seed",
        "colour 2026-W30",
        "families_below_floor",
        "certified_min_below_floor",
        "shortfall_hours",
        "delivered_hours",
        "gini",
        "measures_used",
        "engine",
        "status",
        "error",
    ] {
        assert!(
            header.iter().any(|h| h == col),
            "no column {col} in {header:?}"
        );
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // Every variant solved, its count of families below the floor no less than the proven minimum.
    for row in &table[1..] {
        assert!(row[col("error")].is_empty(), "{row:?}");
        let below: u32 = row[col("families_below_floor")].parse().unwrap();
        let certified: u32 = row[col("certified_min_below_floor")].parse().unwrap();
        assert!(below >= certified);
    }
    // The families grow with the extra births.
    let fam = |i: usize| table[i + 1][col("families")].parse::<u32>().unwrap();
    assert!(fam(2) > fam(0), "extra births add families: {a}");
    // Same seed, same table — serial or parallel. (With the MILP that holds
    // for the stages that end by themselves; the heuristic is deterministic
    // throughout, so the whole table must match.)
    run("b", "2", "heuristic");
    run("c", "1", "heuristic");
    let b = without_seconds(&read(&dir.path().join("b/sweep.csv")));
    assert_eq!(without_seconds(&read(&dir.path().join("c/sweep.csv"))), b);
    assert_eq!(b.len(), 9);
}

#[test]
fn a_failing_variant_is_a_row_and_the_exit_code_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_region(dir.path(), "base.json", 2, 3, 0);
    // Without a partus pool the pool-scope variants cannot be applied.
    let mut s: serde_json::Value = serde_json::from_str(&read(&base)).unwrap();
    s.as_object_mut().unwrap().remove("partus_pool");
    std::fs::write(&base, s.to_string()).unwrap();
    let grid = dir.path().join("grid.toml");
    std::fs::write(&grid, "pool_scope = [\"base\", \"regional\"]\n").unwrap();
    let out = dir.path().join("out");
    let assert = kraamplan()
        .args([
            "sweep",
            base.to_str().unwrap(),
            "--grid",
            grid.to_str().unwrap(),
        ])
        .args(["--out", out.to_str().unwrap(), "--time-limit", "10"])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("failed          1"), "{stdout}");
    let table = without_seconds(&read(&out.join("sweep.csv")));
    let err = table[0].iter().position(|h| h == "error").unwrap();
    assert!(table[1][err].is_empty());
    assert!(table[2][err].contains("partus"), "{:?}", table[2]);
}

#[test]
fn bad_grid_is_exit_2_naming_key_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let grid = dir.path().join("grid.toml");
    std::fs::write(&grid, "sick = [1.5]\n").unwrap();
    let assert = kraamplan()
        .args([
            "sweep",
            "scenarios/default.json",
            "--grid",
            grid.to_str().unwrap(),
        ])
        .args(["--out", dir.path().join("o").to_str().unwrap()])
        .current_dir(root())
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("sick") && stderr.contains("1.5"),
        "{stderr}"
    );
    assert!(!dir.path().join("o/sweep.csv").exists());
    kraamplan()
        .args([
            "sweep",
            "scenarios/default.json",
            "--grid",
            grid.to_str().unwrap(),
        ])
        .args(["--out", "x", "--shard", "3/2"])
        .current_dir(root())
        .assert()
        .code(2);
}

/// Shards run apart and merged give the table of one run, for sweeps and forecasts.
#[test]
fn shards_merge_into_the_single_run_table() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_region(dir.path(), "base.json", 3, 4, 14);
    let grid = dir.path().join("grid.toml");
    std::fs::write(
        &grid,
        "sick = [0.0, 0.2]\nextra_births = [0, 30]\nseeds = [1, 2]\n",
    )
    .unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let sweep = |out: &str, shard: &str| {
        kraamplan()
            .args([
                "sweep",
                &p("base.json"),
                "--grid",
                &p("grid.toml"),
                "--out",
                &p(out),
            ])
            .args(["--shard", shard, "--engine", "heuristic", "--jobs", "1"])
            .assert()
            .success();
    };
    sweep("whole", "1/1");
    for i in 1..=3 {
        sweep(&format!("s{i}"), &format!("{i}/3"));
    }
    let shard1 = without_seconds(&read(&dir.path().join("s1/sweep.csv")));
    assert_eq!(shard1.len(), 1 + 3, "shard 1/3 of 8 variants holds 0, 3, 6");
    kraamplan()
        .args(["merge", &p("s3"), &p("s1"), &p("s2"), "--out", &p("merged")])
        .assert()
        .success();
    assert_eq!(
        without_seconds(&read(&dir.path().join("merged/sweep.csv"))),
        without_seconds(&read(&dir.path().join("whole/sweep.csv")))
    );
    // A missing shard is an error, not a short table.
    let assert = kraamplan()
        .args(["merge", &p("s1"), &p("s2"), "--out", &p("partial")])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("missing"), "{stderr}");

    let forecast = |out: &str, shard: &str| {
        kraamplan()
            .args([
                "forecast",
                base.to_str().unwrap(),
                "--runs",
                "6",
                "--seed",
                "5",
            ])
            .args([
                "--out",
                &p(out),
                "--shard",
                shard,
                "--engine",
                "heuristic",
                "--jobs",
                "2",
            ])
            .assert()
            .success();
    };
    forecast("fwhole", "1/1");
    forecast("f1", "1/2");
    forecast("f2", "2/2");
    kraamplan()
        .args(["merge", &p("f1"), &p("f2"), "--out", &p("fmerged")])
        .assert()
        .success();
    for file in ["forecast.csv", "forecast-runs.csv"] {
        assert_eq!(
            without_seconds(&read(&dir.path().join("fmerged").join(file))),
            without_seconds(&read(&dir.path().join("fwhole").join(file))),
            "{file}"
        );
    }
    // Shards of different runs do not merge.
    kraamplan()
        .args(["merge", &p("f1"), &p("s2"), "--out", &p("mixed")])
        .assert()
        .code(2);
}

#[test]
fn forecast_gives_colour_probabilities_per_week_and_fast_full_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_region(dir.path(), "base.json", 4, 7, 21);
    let out = dir.path().join("out");
    let assert = kraamplan()
        .args([
            "forecast",
            base.to_str().unwrap(),
            "--runs",
            "12",
            "--agreement",
            "4",
        ])
        .args(["--fast-time-limit", "2", "--time-limit", "10"])
        .args(["--out", out.to_str().unwrap()])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("agreement       fast = full colour code in"),
        "{stdout}"
    );
    let table = without_seconds(&read(&out.join("forecast.csv")));
    let header = &table[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(table.len() >= 2, "a row per ISO week: {table:?}");
    for row in &table[1..] {
        assert_eq!(row[col("runs")], "12");
        let sum: f64 = ["p_groen", "p_oranje", "p_rood", "p_zwart"]
            .iter()
            .map(|c| row[col(c)].parse::<f64>().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-3, "{row:?}");
        for c in ["p_groen", "p_zwart", "below_mean", "below_p90"] {
            let (v, lo, hi): (f64, f64, f64) = (
                row[col(c)].parse().unwrap(),
                row[col(&format!("{c}_low"))].parse().unwrap(),
                row[col(&format!("{c}_high"))].parse().unwrap(),
            );
            assert!(lo <= v + 1e-9 && v <= hi + 1e-9, "{c}: {lo} {v} {hi}");
        }
    }
    let runs = without_seconds(&read(&out.join("forecast-runs.csv")));
    assert_eq!(runs.len(), 13);
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("forecast.json"))).unwrap();
    assert_eq!(json["agreement"]["runs"], 4);
    // The births vary from run to run.
    let born = runs[0].iter().position(|h| h == "born_in_horizon").unwrap();
    let distinct: std::collections::BTreeSet<&str> =
        runs[1..].iter().map(|r| r[born].as_str()).collect();
    assert!(distinct.len() > 1, "{runs:?}");
}

/// Issue 11: a shard folder given twice names the folders and the indices.
#[test]
fn issue11_merge_names_the_folders_and_indices_given_twice() {
    let dir = tempfile::TempDir::new().unwrap();
    small_region(dir.path(), "base.json", 3, 2, 0);
    std::fs::write(dir.path().join("grid.toml"), "seeds = [1, 2, 3, 4]\n").unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for (out, shard) in [("s1", "1/2"), ("s2", "2/2")] {
        kraamplan()
            .args(["sweep", &p("base.json"), "--grid", &p("grid.toml")])
            .args(["--out", &p(out), "--shard", shard])
            .args(["--engine", "heuristic", "--jobs", "1", "--quiet"])
            .assert()
            .success();
    }
    let assert = kraamplan()
        .args(["merge", &p("s1"), &p("s2"), &p("s1"), "--out", &p("m")])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let s1 = Path::new(&p("s1")).join("sweep.json").display().to_string();
    assert!(
        stderr.contains("2 indices (0, 2) appear in more than one shard output"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("(index 0 in {s1} and {s1})")),
        "{stderr}"
    );
    assert!(stderr.contains("give each shard's folder once"), "{stderr}");
    assert!(!dir.path().join("m").exists(), "nothing merged");
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

/// `--write-scenarios` writes into the output set: the scenarios appear
/// with the table or not at all, and a later run without them removes the
/// old ones instead of leaving another run's scenarios beside its table.
#[test]
fn issue11_sweep_scenarios_are_part_of_the_output_set() {
    let dir = tempfile::tempdir().unwrap();
    let base = small_region(dir.path(), "base.json", 5, 3, 0);
    let grid = dir.path().join("grid.toml");
    std::fs::write(&grid, "sick = [0.0, 0.2]\n").unwrap();
    let out = dir.path().join("out");
    let sweep = |extra: &[&str]| {
        kraamplan()
            .args([
                "sweep",
                base.to_str().unwrap(),
                "--grid",
                grid.to_str().unwrap(),
            ])
            .args(["--out", out.to_str().unwrap(), "--engine", "heuristic"])
            .args(["--jobs", "1", "--quiet"])
            .args(extra)
            .assert()
    };
    sweep(&["--write-scenarios"]).success();
    assert_eq!(names(&out), ["scenarios", "sweep.csv", "sweep.json"]);
    assert_eq!(
        names(&out.join("scenarios")),
        ["variant-0000.json", "variant-0001.json"]
    );
    // A folder where sweep.csv goes: exit 3, nothing replaced, no new scenarios.
    let json = read(&out.join("sweep.json"));
    std::fs::remove_file(out.join("sweep.csv")).unwrap();
    std::fs::create_dir(out.join("sweep.csv")).unwrap();
    std::fs::remove_file(out.join("scenarios/variant-0001.json")).unwrap();
    let assert = sweep(&["--write-scenarios"]).code(3);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains(&out.join("sweep.csv").display().to_string()),
        "{stderr}"
    );
    assert_eq!(read(&out.join("sweep.json")), json);
    assert_eq!(names(&out.join("scenarios")), ["variant-0000.json"]);
    assert_eq!(names(dir.path()), ["base.json", "grid.toml", "out"]);
    // Without --write-scenarios the old scenarios go with the old table.
    std::fs::remove_dir(out.join("sweep.csv")).unwrap();
    std::fs::write(out.join("mine.txt"), "mine").unwrap();
    sweep(&[]).success();
    assert_eq!(names(&out), ["mine.txt", "sweep.csv", "sweep.json"]);
}

#[test]
fn issue11_merge_refuses_out_in_a_shard_folder() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("shards/1");
    std::fs::create_dir_all(&shard).unwrap();
    std::fs::write(shard.join("sweep.json"), "{\"kind\": \"sweep\"}").unwrap();
    for out in [shard.clone(), shard.join("merged")] {
        let assert = kraamplan()
            .args(["merge", shard.to_str().unwrap(), "--out"])
            .arg(&out)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(
            stderr.contains(&format!("the shard folder {}", shard.display()))
                && stderr.contains("give --out a folder of its own"),
            "{stderr}"
        );
    }
    assert_eq!(names(&shard), ["sweep.json"], "the shard is untouched");
    assert_eq!(read(&shard.join("sweep.json")), "{\"kind\": \"sweep\"}");
}
