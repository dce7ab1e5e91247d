//! `kraamplan fairness`: audit a plan (or delivered visits) for fair sharing
//! between families, providers and insurers; with `--compare`, plan the
//! scenario under every allocation policy and table them side by side.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::domain::policy::Policy;
use kraamplan::engine::EngineConfig;
use kraamplan::fairness::compare::{self, CompareOptions};
use kraamplan::fairness::{self, AuditOptions};
use kraamplan::milp::SolveConfig;
use kraamplan::plan::fairness::Tolerance;
use kraamplan::plan::Plan;
use kraamplan::scenario::{limits, Scenario};
use kraamplan::whatif::sample::SampleParams;

use super::check::{read_plan, read_visits};
use super::exit::EXIT_INPUT;
use super::{load, EngineArg};

/// Most `--seeds` of a comparison.
const MAX_SEEDS: u32 = 1000;

/// `kraamplan fairness`.
#[derive(Args)]
pub struct FairnessArgs {
    /// Scenario JSON file.
    scenario: PathBuf,
    /// Plan JSON file to audit (not with --visits or --compare).
    plan: Option<PathBuf>,
    /// Audit delivered visits instead of a plan: a CSV with columns nurse,
    /// family, date, hours (a plan's visits.csv, or a provider's records).
    #[arg(long, conflicts_with = "plan")]
    visits: Option<PathBuf>,
    /// Groupings, comma-separated: provider, insurer, priority, complexity, waitlist.
    #[arg(long, default_value = "provider,insurer,priority,complexity,waitlist")]
    by: String,
    /// Folder for fairness.json, fairness.csv and fairness-providers.csv (with
    /// --compare: fairness-compare.csv, fairness-compare-runs.csv,
    /// fairness-compare.json), replaced as one set.
    #[arg(long, default_value = "out-fairness")]
    out: PathBuf,
    /// EQUAL-SCALE-DOWN: how far (a share, 0.05 = 5 points) a provider's scale-down may exceed the region's.
    #[arg(long, default_value_t = Tolerance::default().scale_down)]
    tolerance_scale_down: f64,
    /// WAITLIST-SPREAD: how many waiting-list families fewer than its fair share a provider may take.
    #[arg(long, default_value_t = Tolerance::default().waitlist)]
    tolerance_waitlist: f64,
    /// INSURER-FLOOR: how far an insurer's share of families below the floor may exceed the best insurer's.
    #[arg(long, default_value_t = Tolerance::default().insurer)]
    tolerance_insurer: f64,
    /// Plan the scenario under each policy and compare them (no PLAN).
    #[arg(long, conflicts_with_all = ["plan", "visits"])]
    compare: bool,
    /// --compare: the policies, comma-separated.
    #[arg(
        long,
        default_value = "normenkader,utilitarian,proportional,first-come",
        value_delimiter = ','
    )]
    policies: Vec<Policy>,
    /// --compare: draws of sick leave and births (the forecast's sampler), 0–1000; 0 plans the scenario itself.
    #[arg(long, default_value_t = 0)]
    seeds: u32,
    /// --compare: seed of the draws.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// --compare: seconds per plan (above 0, at most 604800).
    #[arg(long, default_value_t = 60.0, value_parser = limits::parse_time_limit)]
    time_limit: f64,
    /// --compare: engine per plan (`auto` or `milp`: the heuristic plans only in the Normenkader's order).
    #[arg(long, value_enum, default_value = "auto")]
    engine: EngineArg,
    /// --compare: worker threads, one plan each (default: all cores).
    #[arg(long, value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
        .range(1..=limits::MAX_JOBS as u64))]
    jobs: Option<usize>,
    /// --compare: no progress bar on stderr.
    #[arg(long)]
    quiet: bool,
}

/// Audit (exit 1 with findings) or compare.
pub fn cmd_fairness(a: &FairnessArgs) -> Result<u8> {
    let tolerance = Tolerance {
        scale_down: a.tolerance_scale_down,
        waitlist: a.tolerance_waitlist,
        insurer: a.tolerance_insurer,
    };
    for (flag, x) in [
        ("--tolerance-scale-down", tolerance.scale_down),
        ("--tolerance-waitlist", tolerance.waitlist),
        ("--tolerance-insurer", tolerance.insurer),
    ] {
        if !(x.is_finite() && x >= 0.0) {
            eprintln!("error: {flag} {x}: give a number of 0 or more, e.g. {flag} 0.05");
            return Ok(EXIT_INPUT);
        }
    }
    let by = match fairness::parse_by(&a.by) {
        Ok(by) => by,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    if a.compare {
        return cmd_compare(a);
    }
    let Some(s) = load(&a.scenario)? else {
        return Ok(EXIT_INPUT);
    };
    let (plan, source) = match (&a.plan, &a.visits) {
        (Some(p), None) => match read_plan(p) {
            Some(plan) => (plan, "plan"),
            None => return Ok(EXIT_INPUT),
        },
        (None, Some(v)) => match read_visits(&s, v) {
            Some(plan) => (plan, "visits"),
            None => return Ok(EXIT_INPUT),
        },
        _ => {
            eprintln!("error: give the PLAN to audit, or --visits visits.csv, or --compare");
            return Ok(EXIT_INPUT);
        }
    };
    if plan.scenario != s.name {
        eprintln!(
            "error: the plan is for scenario {:?}, not {:?} ({}): audit a plan with the scenario it was made for",
            plan.scenario,
            s.name,
            a.scenario.display()
        );
        return Ok(EXIT_INPUT);
    }
    let opts = AuditOptions {
        by,
        tolerance,
        source: source.into(),
    };
    let audit = fairness::audit(&s, &plan, &opts);
    // Every audit is recomputed by the checker before it is written.
    let disagree = kraamplan::check::fairness::check_audit(&s, &plan, &audit);
    if let Some(v) = disagree.first() {
        anyhow::bail!("internal error: the checker recomputes the audit differently: {v}");
    }
    fairness::output::write(&a.out, &audit)?;
    let mut stdout = std::io::stdout().lock();
    write!(stdout, "{}", fairness::summary(&audit))?;
    let differ = differing_outcomes(&s, &plan);
    if differ > 0 {
        writeln!(
            stdout,
            "note: the plan's own figures differ for {differ} families; the audit counts the figures recomputed from its visits (run kraamplan check)"
        )?;
    }
    writeln!(
        stdout,
        "audit written to {}",
        a.out.join("fairness.json").display()
    )?;
    Ok(u8::from(!audit.findings.is_empty()))
}

/// Families whose outcome in the plan differs from the recomputed one.
fn differing_outcomes(s: &Scenario, plan: &Plan) -> usize {
    if plan.families.is_empty() {
        return 0;
    }
    kraamplan::check::family_outcomes(s, plan)
        .iter()
        .filter(|o| {
            !plan
                .families
                .iter()
                .any(|p| p.id == o.id && p.planned == o.planned && p.below_floor == o.below_floor)
        })
        .count()
}

fn cmd_compare(a: &FairnessArgs) -> Result<u8> {
    if a.seeds > MAX_SEEDS {
        eprintln!("error: --seeds {}: give 0 to {MAX_SEEDS} draws", a.seeds);
        return Ok(EXIT_INPUT);
    }
    let mut policies = Vec::new();
    for p in &a.policies {
        if policies.contains(p) {
            eprintln!("error: --policies lists {p} twice");
            return Ok(EXIT_INPUT);
        }
        policies.push(*p);
    }
    if a.engine.choice() == kraamplan::engine::EngineChoice::Heuristic {
        eprintln!("error: --engine heuristic: the heuristic plans in the Normenkader's order only; use auto or milp to compare policies");
        return Ok(EXIT_INPUT);
    }
    let Some(s) = load(&a.scenario)? else {
        return Ok(EXIT_INPUT);
    };
    let jobs = a.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let o = CompareOptions {
        policies,
        seeds: a.seeds,
        seed: a.seed,
        sample: SampleParams::default(),
        engine: EngineConfig {
            choice: a.engine.choice(),
            solve: SolveConfig {
                time_limit: a.time_limit,
                threads: 1,
                ..SolveConfig::default()
            },
            ..EngineConfig::default()
        },
        jobs,
        progress: !a.quiet,
    };
    let out = match compare::compare(&s, &a.scenario.display().to_string(), &o) {
        Ok(out) => out,
        Err(kraamplan::whatif::WhatIfError::Input(m)) => {
            eprintln!("error: {m}");
            return Ok(EXIT_INPUT);
        }
        Err(e) => return Err(e.into()),
    };
    compare::write(&a.out, &out)?;
    let mut stdout = std::io::stdout().lock();
    write!(stdout, "{}", compare::summary(&out))?;
    writeln!(
        stdout,
        "table written to {}",
        a.out.join("fairness-compare.csv").display()
    )?;
    Ok(u8::from(!out.errors.is_empty()))
}
