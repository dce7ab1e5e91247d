//! Scale benches (issue "Scale") on the ladder scenarios `scenarios/ladder/S.json`
//! and `scenarios/ladder/M.json`, timed separately:
//!
//! * `model_build`: `model::Problem::build` (scenario → indexed problem) and
//!   `milp::build` (the HiGHS model through good_lp, all constraint families);
//! * `milp_solve`: `engine::milp_plan` under a fixed time budget (S 2 s, M 5 s; HiGHS
//!   does not prove S optimal even in 300 s, see `S_TIME_LIMIT`);
//! * `heuristic`: `heuristic::construct` (the greedy assignment) and
//!   `engine::heuristic_plan` (assignment + report + certified bounds).
//!
//! Run with `cargo bench --bench engine` (the bench profile inherits `release`,
//! so HiGHS is not compiled a second time). Quick check:
//! `cargo bench --bench engine -- --warm-up-time 1 --measurement-time 3`.

use std::path::Path;
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};

use kraamplan::milp::{self, SolveConfig};
use kraamplan::model::Problem;
use kraamplan::scenario::{parse_scenario, Scenario};
use kraamplan::{engine, heuristic};

/// The ladder rungs benched here (L and XL are too large for a routine `cargo bench`).
const RUNGS: [&str; 2] = ["S", "M"];

/// Wall-clock budget of the MILP on S. S is small, but HiGHS does not close it: with 60 s and with 300 s (the CLI,
/// `--engine milp --no-ladder`) level 1 ends at 1 family below the floor
/// against a bound of 0 (gap 100 %). So S is time-limited too, with a short
/// budget; raise it only if S is ever proved optimal within it.
const S_TIME_LIMIT: f64 = 2.0;

/// Wall-clock budget of the MILP on M. M is time-limited: the bench measures a
/// fixed budget (≈ this many seconds per iteration, plus model build and
/// overhead), not the time to optimality.
const M_TIME_LIMIT: f64 = 5.0;

fn scenario(rung: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/ladder")
        .join(format!("{rung}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    parse_scenario(&text, &path.display().to_string())
        .unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
        .scenario
}

fn problem(s: &Scenario) -> Problem {
    Problem::build(s).expect("ladder scenario builds")
}

fn model_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("model_build");
    for rung in RUNGS {
        let s = scenario(rung);
        group.bench_with_input(BenchmarkId::new("problem", rung), &s, |b, s| {
            b.iter(|| Problem::build(black_box(s)).expect("problem builds"))
        });
        let p = problem(&s);
        group.bench_with_input(BenchmarkId::new("milp", rung), &p, |b, p| {
            // The built HiGHS model is dropped outside the timed region.
            b.iter_with_large_drop(|| milp::build(black_box(p)).expect("model builds"))
        });
    }
    group.finish();
}

fn milp_solve(c: &mut Criterion) {
    let mut group = c.benchmark_group("milp_solve");
    // Each iteration runs a whole solver budget: 10 samples of one iteration
    // each (flat sampling), after a warm-up of one iteration. Criterion warns
    // "Unable to complete 10 samples" whenever a sample is one iteration; that
    // is expected here. These group settings override `--measurement-time`
    // and `--warm-up-time` given on the command line.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    for (rung, limit) in [("S", S_TIME_LIMIT), ("M", M_TIME_LIMIT)] {
        let p = problem(&scenario(rung));
        let cfg = SolveConfig {
            time_limit: limit,
            ..SolveConfig::default()
        };
        // Half the budget per sample: one iteration per sample while an
        // iteration takes at least half its budget, and never more than about
        // 5 budgets (+ warm-up) even if the solver one day finishes early.
        // Total per rung ≈ 11 × budget: S ≈ 22 s, M ≈ 55 s.
        group.measurement_time(Duration::from_secs_f64(5.0 * limit));
        group.bench_with_input(
            BenchmarkId::new(format!("limit_{limit}s"), rung),
            &p,
            |b, p| {
                b.iter(|| engine::milp_plan(black_box(p), black_box(&cfg)).expect("MILP solves"))
            },
        );
    }
    group.finish();
}

fn heuristic(c: &mut Criterion) {
    let mut group = c.benchmark_group("heuristic");
    for rung in RUNGS {
        let p = problem(&scenario(rung));
        group.bench_with_input(BenchmarkId::new("construct", rung), &p, |b, p| {
            b.iter(|| heuristic::construct(black_box(p)))
        });
        group.bench_with_input(BenchmarkId::new("plan", rung), &p, |b, p| {
            b.iter(|| engine::heuristic_plan(black_box(p), None))
        });
    }
    group.finish();
}

criterion_group!(benches, model_build, milp_solve, heuristic);
criterion_main!(benches);
