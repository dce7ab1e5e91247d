//! `kraamplan simulate` end to end: a season without news changes nothing,
//! the realised outcome of every family is the checker's recomputation of
//! the carried-out days, the table does not depend on the number of jobs,
//! and shards merge to the single-run table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kraamplan::check::realised::realised;
use kraamplan::engine::{EngineChoice, EngineConfig};
use kraamplan::generate::{self, GenParams};
use kraamplan::scenario::events::Event;
use kraamplan::scenario::Scenario;
use kraamplan::whatif::sample::SampleParams;
use kraamplan::whatif::shard::Shard;
use kraamplan::whatif::simulate::night::play;
use kraamplan::whatif::simulate::season::{draw_season, SeasonParams};
use kraamplan::whatif::simulate::{simulate, Policy, SimulateOptions, SimulateOutput};

fn kraamplan() -> Command {
    Command::cargo_bin("kraamplan").expect("the binary is built")
}

/// A small region of a week with two weeks of bookings after it.
fn small_region(seed: u64) -> Scenario {
    generate::generate(&GenParams {
        name: format!("small region {seed}"),
        births_per_year: 400,
        providers: 2,
        freelancers: 0,
        days: 7,
        sick: 0.1,
        seed,
        bookings_days: 14,
        ..GenParams::default()
    })
}

fn heuristic() -> EngineConfig {
    EngineConfig {
        choice: EngineChoice::Heuristic,
        ..EngineConfig::default()
    }
}

fn options(runs: usize, nights: u32, jobs: usize, shard: Shard) -> SimulateOptions {
    SimulateOptions {
        nights,
        runs,
        policies: vec![Policy::Stable, Policy::Scratch],
        notice: 2,
        seed: 5,
        season: SeasonParams {
            sample: SampleParams {
                sick_rate: 0.12,
                ..SampleParams::default()
            },
            discharge_share: 0.5,
            births_per_day: None,
        },
        engine: heuristic(),
        jobs,
        shard,
        progress: false,
        scenarios_dir: None,
    }
}

/// The output as JSON without wall-clock seconds, which differ per run.
fn without_seconds(out: &SimulateOutput) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.retain(|k, _| !k.contains("seconds"));
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(out).unwrap();
    strip(&mut v);
    v
}

#[test]
fn a_season_without_news_changes_nothing() {
    // No bookings, nobody sick, no births at the region's rate: every night
    // the horizon moves by a day and nothing happened, so the stable
    // policy keeps every row it told (and every draft row).
    let mut base = small_region(2);
    base.families.retain(|f| f.due.is_none());
    let params = SeasonParams {
        sample: SampleParams {
            sick_rate: 0.0,
            hospital_share: 0.0,
            ..SampleParams::default()
        },
        discharge_share: 0.0,
        births_per_day: Some(0.0),
    };
    let season = draw_season(&base, &params, 6, 1, 0);
    assert!(
        season.nights.iter().all(Vec::is_empty),
        "{:?}",
        season.nights
    );
    let (result, _) = play(&season, Policy::Stable, 2, &heuristic()).unwrap();
    assert_eq!(result.nights.len(), 6);
    for n in &result.nights {
        assert_eq!(
            (n.notice_changes, n.total_changes, n.calls),
            (0, 0, 0),
            "night {}: {n:?}",
            n.night
        );
    }
    assert!(result
        .families
        .iter()
        .all(|f| !f.below_floor || f.shortfall > 0));
}

/// The family as it ended: the base's, with the season's births and
/// discharges applied.
fn as_it_ended(base: &Scenario, nights: &[Vec<Event>], id: &str) -> kraamplan::scenario::Family {
    let mut f = base.families.iter().find(|f| f.id == id).unwrap().clone();
    for e in nights.iter().flatten() {
        match e {
            Event::Birth {
                family: Some(x),
                date: Some(d),
                hospital,
                ..
            } if x == id => {
                f.due = None;
                f.care_start = *d;
                f.hospital = hospital.clone();
            }
            Event::Discharge { family, date } if family == id => {
                f.hospital.retain(|h| h < date);
            }
            _ => {}
        }
    }
    f
}

#[test]
fn the_realised_outcome_is_the_checkers_recomputation_of_the_carried_days() {
    let base = small_region(4);
    let opts = options(1, 10, 1, Shard::WHOLE);
    let season = draw_season(&base, &opts.season, 10, 5, 0);
    assert!(
        season
            .nights
            .iter()
            .flatten()
            .any(|e| matches!(e, Event::Birth { .. })),
        "the season has births"
    );
    for policy in [Policy::Stable, Policy::Scratch] {
        let (result, carried) = play(&season, policy, 2, &heuristic()).unwrap();
        assert!(!result.families.is_empty(), "episodes ended");
        for r in &result.families {
            let f = as_it_ended(&season.base, &season.nights, &r.family);
            let (before, first, hours) = &carried.families[&r.family];
            assert_eq!(
                realised(&base, &f, *before, *first, hours),
                *r,
                "{}",
                r.family
            );
            // The hours are the carried-out days' own.
            let sum: u32 = hours.values().sum();
            assert!(r.delivered <= before + sum, "{}", r.family);
        }
        let below: u32 = result.nights.iter().map(|n| n.realised_below).sum();
        assert_eq!(
            below as usize,
            result.families.iter().filter(|f| f.below_floor).count()
        );
        let ended: BTreeMap<_, _> = result.families.iter().map(|f| (&f.family, f.end)).collect();
        assert_eq!(ended.len(), result.families.len(), "each episode ends once");
        for n in &result.nights {
            assert!(n.ended >= n.realised_below);
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_table_on_one_and_two_jobs() {
    let base = small_region(4);
    let one = simulate(&base, "base", &options(3, 5, 1, Shard::WHOLE)).unwrap();
    let two = simulate(&base, "base", &options(3, 5, 2, Shard::WHOLE)).unwrap();
    assert_eq!(
        one.failed,
        0,
        "{:?}",
        one.rows.iter().find_map(|r| r.error.clone())
    );
    assert_eq!(without_seconds(&one), without_seconds(&two));
    // And the policies differ: scratch calls more people.
    let calls = |p: Policy| {
        one.summary
            .iter()
            .find(|s| s.policy == p)
            .and_then(|s| s.figures.as_ref())
            .map(|f| f.calls_per_night.value)
            .unwrap()
    };
    assert!(calls(Policy::Scratch) > calls(Policy::Stable));
}

#[test]
fn shards_merge_to_the_single_run_table() {
    let dir = tempfile::tempdir().unwrap();
    let base_path: PathBuf = dir.path().join("base.json");
    std::fs::write(
        &base_path,
        serde_json::to_string_pretty(&small_region(4)).unwrap(),
    )
    .unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let run = |out: &str, shard: &str| {
        kraamplan()
            .args(["simulate", &p("base.json"), "--nights", "4", "--runs", "3"])
            .args(["--engine", "heuristic", "--jobs", "1", "--seed", "5"])
            .args(["--shard", shard, "--out", &p(out), "--quiet"])
            .assert()
            .success();
    };
    run("whole", "1/1");
    run("s1", "1/2");
    run("s2", "2/2");
    kraamplan()
        .args(["merge", &p("s2"), &p("s1"), "--out", &p("merged")])
        .assert()
        .success();
    let read = |d: &str, f: &str| -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(Path::new(&p(d)).join(f)).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let keep: Vec<usize> = (0..header.len())
            .filter(|&i| !header[i].contains("seconds"))
            .collect();
        let mut rows = vec![keep.iter().map(|&i| header[i].clone()).collect()];
        for rec in r.records() {
            let rec = rec.unwrap();
            rows.push(keep.iter().map(|&i| rec[i].to_string()).collect());
        }
        rows
    };
    for f in [
        "simulate.csv",
        "simulate-nights.csv",
        "simulate-families.csv",
    ] {
        assert_eq!(read("whole", f), read("merged", f), "{f}");
    }
    // A missing shard is an error, not a short table.
    kraamplan()
        .args(["merge", &p("s1"), "--out", &p("partial")])
        .assert()
        .code(2);
}

#[test]
fn the_first_horizon_draws_the_forecasts_births() {
    // The forecast's sampler: the bookings born in the first horizon are
    // born on the same days in the simulation's season.
    let base = small_region(4);
    let params = SeasonParams::default();
    let (forecast, _) = kraamplan::whatif::sample::sample_run(&base, &params.sample, 5, 2);
    let season = draw_season(&base, &params, 6, 5, 2);
    let born: BTreeMap<String, chrono::NaiveDate> = season
        .base
        .families
        .iter()
        .filter(|f| f.due.is_none())
        .map(|f| (f.id.clone(), f.care_start))
        .chain(season.nights.iter().flatten().filter_map(|e| match e {
            Event::Birth {
                family: Some(id),
                date: Some(d),
                ..
            } => Some((id.clone(), *d)),
            _ => None,
        }))
        .collect();
    let mut compared = 0;
    for f in forecast.families.iter() {
        let booked = base
            .families
            .iter()
            .any(|b| b.id == f.id && b.due.is_some());
        if booked && f.care_start < kraamplan::domain::calendar::add_days(base.start, 7) {
            assert_eq!(born.get(&f.id), Some(&f.care_start), "{}", f.id);
            compared += 1;
        }
    }
    assert!(compared > 0, "bookings born in the first week");
}

#[test]
fn bad_settings_are_refused_with_the_flag_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    std::fs::write(
        &base,
        serde_json::to_string_pretty(&small_region(4)).unwrap(),
    )
    .unwrap();
    let out = dir.path().join("out");
    for (args, says) in [
        (vec!["--policy", "stable,stable"], "lists stable twice"),
        (vec!["--policy", "greedy"], "the policies are stable"),
        (
            vec!["--discharge-share", "1.5"],
            "discharge_share = 1.5 is outside 0–1",
        ),
        (
            vec!["--births-per-day=-1"],
            "births_per_day = -1 is outside",
        ),
        (vec!["--nights", "0"], "--nights"),
    ] {
        let assert = kraamplan()
            .arg("simulate")
            .arg(&base)
            .args(&args)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
    }
}
