//! `kraamplan fairness --compare`: the same scenario (or `--seeds` draws of
//! its sick leave and births, the forecast's sampler) planned under each
//! allocation policy, audited, and tabled side by side with the price of
//! fairness (Bertsimas, Farias & Trichakis 2011): the relative loss of
//! delivered hours against the utilitarian plan of the same draw.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{audit, AuditOptions};
use crate::domain::policy::Policy;
use crate::engine::{self, EngineConfig};
use crate::model::Problem;
use crate::output::{OutputError, OutputSet};
use crate::plan::fairness::Audit;
use crate::scenario::Scenario;
use crate::whatif::output::{fixed, write_csv, write_json};
use crate::whatif::sample::{sample_run, SampleParams};
use crate::whatif::stats::{mean, Estimate};
use crate::whatif::WhatIfError;

/// The files of a comparison, written as one set.
pub const OUTPUT_FILES: [&str; 3] = [
    "fairness-compare.csv",
    "fairness-compare-runs.csv",
    "fairness-compare.json",
];

/// What to compare.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// The policies, each once.
    pub policies: Vec<Policy>,
    /// Draws of sick leave and births; 0 plans the scenario itself once.
    pub seeds: u32,
    /// Seed of the draws.
    pub seed: u64,
    /// The sampler's parameters.
    pub sample: SampleParams,
    /// The engine per plan.
    pub engine: EngineConfig,
    /// Worker threads.
    pub jobs: usize,
    /// Progress bar on stderr.
    pub progress: bool,
}

/// One plan: a draw under a policy.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CompareRow {
    /// The draw (0 without `--seeds`, else 1…seeds).
    pub run: u32,
    /// The policy.
    pub policy: Policy,
    /// Families with care due in the horizon.
    pub families: u32,
    /// Of them below the floor.
    pub below_floor: u32,
    /// Their shortfall hours.
    pub shortfall_hours: u32,
    /// Partus-pool nurse-shifts short.
    pub pool_shortfall: u32,
    /// Hours delivered in the horizon.
    pub delivered_hours: u32,
    /// Lowest delivered/target.
    pub min_ratio: f64,
    /// Jain's index of delivered/target.
    pub jain: f64,
    /// Gini index of delivered/target.
    pub gini: f64,
    /// Max − min of the providers' scale-down.
    pub provider_spread: f64,
    /// Max − min of the insurers' scale-down.
    pub insurer_spread: f64,
    /// Findings of the audit.
    pub findings: u32,
    /// The utilitarian optimum as far as it is known: the most hours of any
    /// plan of the draw that is no worse than the utilitarian plan at levels
    /// 1–2 (families below the floor, shortfall, pool shifts short), when
    /// utilitarian was planned.
    pub utilitarian_hours: Option<u32>,
    /// `(utilitarian_hours − this policy's delivered) / utilitarian_hours`.
    pub price_of_fairness: Option<f64>,
    /// The same against the utilitarian plan's proven bound on delivered
    /// hours: the price is at most this, whatever the time limit left unsolved.
    pub price_bound: Option<f64>,
    /// The bound the plan proves on its delivered hours (level 4).
    pub delivered_bound: f64,
    /// Engine and status of the plan.
    pub engine: String,
    /// Seconds of the plan.
    pub seconds: f64,
}

/// One policy's means over the draws, with 95 % intervals.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PolicySummary {
    /// The policy.
    pub policy: Policy,
    /// Draws that planned.
    pub runs: u32,
    /// Families below the floor.
    pub below_floor: Estimate,
    /// Hours delivered.
    pub delivered_hours: Estimate,
    /// Lowest ratio.
    pub min_ratio: Estimate,
    /// Jain's index.
    pub jain: Estimate,
    /// Gini index.
    pub gini: Estimate,
    /// Provider spread.
    pub provider_spread: Estimate,
    /// Insurer spread.
    pub insurer_spread: Estimate,
    /// Price of fairness (absent without utilitarian plans).
    pub price_of_fairness: Option<Estimate>,
    /// The price against the utilitarian bound: an upper bound on the price.
    pub price_bound: Option<Estimate>,
}

/// A whole comparison.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CompareOutput {
    /// The base scenario's label.
    pub base: String,
    /// Draws (0: the scenario itself).
    pub seeds: u32,
    /// Seed of the draws.
    pub seed: u64,
    /// Seconds per plan.
    pub time_limit: f64,
    /// The policies.
    pub policies: Vec<Policy>,
    /// Per policy.
    pub summary: Vec<PolicySummary>,
    /// Per draw and policy.
    pub rows: Vec<CompareRow>,
    /// Plans that failed: `(run, policy, why)`.
    pub errors: Vec<(u32, Policy, String)>,
}

/// Max − min of `xs` (0 with fewer than two).
fn spread(xs: impl Iterator<Item = f64>) -> f64 {
    let xs: Vec<f64> = xs.collect();
    if xs.len() < 2 {
        return 0.0;
    }
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = xs.iter().copied().fold(f64::INFINITY, f64::min);
    max - min
}

/// The row of one audited plan.
fn row(run: u32, policy: Policy, a: &Audit, plan: &crate::plan::Plan) -> CompareRow {
    let delivered_bound = plan
        .engine
        .levels
        .iter()
        .find(|l| l.name == crate::model::objective::level::DELIVERED)
        .map_or(f64::from(a.region.delivered_hours), |l| l.bound);
    let engine = format!("{} {}", plan.engine.name, plan.engine.status);
    let seconds = plan.engine.seconds;
    let providers = spread(
        a.providers
            .iter()
            .filter(|p| p.families > 0)
            .map(|p| p.scale_down),
    );
    let insurers = spread(a.groups.iter().filter(|g| g.by == "insurer").map(|g| {
        let f = &g.figures;
        if f.target_hours > 0.0 {
            f.scale_down_hours / f.target_hours
        } else {
            0.0
        }
    }));
    CompareRow {
        run,
        policy,
        families: a.region.families,
        below_floor: a.region.below_floor,
        shortfall_hours: plan.kpi.shortfall_hours,
        pool_shortfall: plan.kpi.pool_shortfall,
        delivered_hours: a.region.delivered_hours,
        min_ratio: a.region.ratio_min,
        jain: a.region.jain,
        gini: a.region.gini,
        provider_spread: providers,
        insurer_spread: insurers,
        findings: a.findings.len() as u32,
        utilitarian_hours: None,
        price_of_fairness: None,
        price_bound: None,
        delivered_bound,
        engine,
        seconds,
    }
}

/// Plan draw `run` of `base` under `policy`, check the plan, audit it.
fn plan_one(
    base: &Scenario,
    o: &CompareOptions,
    run: u32,
    policy: Policy,
) -> Result<CompareRow, String> {
    let mut s = if run == 0 {
        base.clone()
    } else {
        sample_run(base, &o.sample, o.seed, u64::from(run)).0
    };
    s.rules.policy = Some(policy);
    let p = Problem::build(&s).map_err(|e| e.to_string())?;
    let plan = engine::plan(&p, &o.engine).map_err(|e| e.to_string())?;
    let report = crate::check::check(&s, &plan);
    if !report.is_clean() {
        return Err(format!(
            "the plan fails the checker: {}",
            report.violations[0]
        ));
    }
    let opts = AuditOptions {
        by: vec!["provider".into(), "insurer".into()],
        ..AuditOptions::default()
    };
    let a = audit(&s, &plan, &opts);
    Ok(row(run, policy, &a, &plan))
}

/// Compare the policies on `base` (label `label`).
pub fn compare(
    base: &Scenario,
    label: &str,
    o: &CompareOptions,
) -> Result<CompareOutput, WhatIfError> {
    if o.policies.is_empty() {
        return Err(WhatIfError::Input(
            "--policies: give at least one policy".into(),
        ));
    }
    let runs: Vec<u32> = if o.seeds == 0 {
        vec![0]
    } else {
        (1..=o.seeds).collect()
    };
    let n = o.policies.len();
    let indices: Vec<usize> = (0..runs.len() * n).collect();
    let done = crate::whatif::run::run("plans", &indices, o.jobs, o.progress, |i| {
        plan_one(base, o, runs[i / n], o.policies[i % n])
    })
    .map_err(WhatIfError::Workers)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for d in done {
        let (run, policy) = (runs[d.index / n], o.policies[d.index % n]);
        match d.result {
            Ok(r) => rows.push(r),
            Err(e) => errors.push((run, policy, e)),
        }
    }
    // The price of fairness, draw by draw against the utilitarian plan.
    // The price of fairness, draw by draw against the utilitarian optimum as
    // known: a time-limited utilitarian plan may deliver fewer hours than
    // another policy's plan that keeps the floor and the pool as well.
    let levels = |r: &CompareRow| (r.below_floor, r.shortfall_hours, r.pool_shortfall);
    let reference: Vec<(u32, u32, f64)> = rows
        .iter()
        .filter(|u| u.policy == Policy::Utilitarian)
        .map(|u| {
            let best = rows
                .iter()
                .filter(|r| r.run == u.run && levels(r) <= levels(u))
                .map(|r| r.delivered_hours)
                .max()
                .unwrap_or(u.delivered_hours);
            (u.run, best, u.delivered_bound)
        })
        .collect();
    for r in &mut rows {
        if let Some(&(_, best, bound)) = reference.iter().find(|(run, _, _)| *run == r.run) {
            let h = f64::from(r.delivered_hours);
            r.utilitarian_hours = Some(best);
            r.price_of_fairness = (best > 0).then(|| (f64::from(best) - h) / f64::from(best));
            r.price_bound = (bound > 0.0).then(|| (bound - h) / bound);
        }
    }
    let summary = o
        .policies
        .iter()
        .filter_map(|&policy| {
            let mine: Vec<&CompareRow> = rows.iter().filter(|r| r.policy == policy).collect();
            if mine.is_empty() {
                return None;
            }
            let m =
                |f: fn(&CompareRow) -> f64| mean(&mine.iter().map(|r| f(r)).collect::<Vec<_>>());
            let prices: Vec<f64> = mine.iter().filter_map(|r| r.price_of_fairness).collect();
            let bounds: Vec<f64> = mine.iter().filter_map(|r| r.price_bound).collect();
            Some(PolicySummary {
                policy,
                runs: mine.len() as u32,
                below_floor: m(|r| f64::from(r.below_floor)),
                delivered_hours: m(|r| f64::from(r.delivered_hours)),
                min_ratio: m(|r| r.min_ratio),
                jain: m(|r| r.jain),
                gini: m(|r| r.gini),
                provider_spread: m(|r| r.provider_spread),
                insurer_spread: m(|r| r.insurer_spread),
                price_of_fairness: (!prices.is_empty()).then(|| mean(&prices)),
                price_bound: (!bounds.is_empty()).then(|| mean(&bounds)),
            })
        })
        .collect();
    Ok(CompareOutput {
        base: label.to_string(),
        seeds: o.seeds,
        seed: o.seed,
        time_limit: o.engine.solve.time_limit,
        policies: o.policies.clone(),
        summary,
        rows,
        errors,
    })
}

/// `value [low, high]` with `d` decimals.
fn est(e: &Estimate, d: usize) -> [String; 3] {
    [fixed(e.value, d), fixed(e.low, d), fixed(e.high, d)]
}

/// The per-policy table: header and rows.
pub fn table(out: &CompareOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["policy".to_string(), "runs".to_string()];
    for name in [
        "below_floor",
        "delivered_hours",
        "min_ratio",
        "jain",
        "gini",
        "provider_spread",
        "insurer_spread",
        "price_of_fairness",
        "price_bound",
    ] {
        header.extend([
            name.to_string(),
            format!("{name}_low"),
            format!("{name}_high"),
        ]);
    }
    let rows = out
        .summary
        .iter()
        .map(|s| {
            let mut row = vec![s.policy.to_string(), s.runs.to_string()];
            row.extend(est(&s.below_floor, 2));
            row.extend(est(&s.delivered_hours, 1));
            for e in [
                &s.min_ratio,
                &s.jain,
                &s.gini,
                &s.provider_spread,
                &s.insurer_spread,
            ] {
                row.extend(est(e, 4));
            }
            for e in [&s.price_of_fairness, &s.price_bound] {
                match e {
                    Some(e) => row.extend(est(e, 4)),
                    None => row.extend([String::new(), String::new(), String::new()]),
                }
            }
            row
        })
        .collect();
    (header, rows)
}

/// Write [`OUTPUT_FILES`] into `dir` as one set.
pub fn write(dir: &Path, out: &CompareOutput) -> Result<(), OutputError> {
    let set = OutputSet::begin(dir, &OUTPUT_FILES)?;
    let (header, rows) = table(out);
    write_csv(&set, "fairness-compare.csv", &header, &rows)?;
    let header: Vec<String> = [
        "run",
        "policy",
        "families",
        "below_floor",
        "shortfall_hours",
        "pool_shortfall",
        "delivered_hours",
        "min_ratio",
        "jain",
        "gini",
        "provider_spread",
        "insurer_spread",
        "findings",
        "utilitarian_hours",
        "price_of_fairness",
        "price_bound",
        "delivered_bound",
        "engine",
        "seconds",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = out
        .rows
        .iter()
        .map(|r| {
            vec![
                r.run.to_string(),
                r.policy.to_string(),
                r.families.to_string(),
                r.below_floor.to_string(),
                r.shortfall_hours.to_string(),
                r.pool_shortfall.to_string(),
                r.delivered_hours.to_string(),
                fixed(r.min_ratio, 4),
                fixed(r.jain, 4),
                fixed(r.gini, 4),
                fixed(r.provider_spread, 4),
                fixed(r.insurer_spread, 4),
                r.findings.to_string(),
                r.utilitarian_hours
                    .map(|h| h.to_string())
                    .unwrap_or_default(),
                r.price_of_fairness.map(|p| fixed(p, 4)).unwrap_or_default(),
                r.price_bound.map(|p| fixed(p, 4)).unwrap_or_default(),
                fixed(r.delivered_bound, 1),
                r.engine.clone(),
                fixed(r.seconds, 1),
            ]
        })
        .collect();
    write_csv(&set, "fairness-compare-runs.csv", &header, &rows)?;
    write_json(&set, "fairness-compare.json", out)?;
    set.commit()
}

/// The table as `kraamplan fairness --compare` prints it.
pub fn summary(out: &CompareOutput) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let draws = if out.seeds == 0 {
        "the scenario itself".to_string()
    } else {
        format!(
            "{} draws of sick leave and births (seed {})",
            out.seeds, out.seed
        )
    };
    let _ = writeln!(
        s,
        "policies on {} — {draws}, {} s per plan{}",
        out.base,
        out.time_limit,
        if out.seeds > 1 {
            "; means with 95 % intervals"
        } else {
            ""
        }
    );
    let _ = writeln!(
        s,
        "  {:<13} {:>16} {:>20} {:>6} {:>6} {:>6} {:>9} {:>8} {:>20} {:>8}",
        "policy",
        "below floor",
        "delivered h",
        "min",
        "jain",
        "gini",
        "providers",
        "insurers",
        "price of fairness",
        "at most"
    );
    for p in &out.summary {
        // One draw has no interval to show.
        let one = p.runs <= 1;
        let ci = |e: &Estimate, d: usize| {
            if one {
                format!("{:.d$}", e.value)
            } else {
                format!("{:.d$} [{:.d$}, {:.d$}]", e.value, e.low, e.high)
            }
        };
        let _ = writeln!(
            s,
            "  {:<13} {:>16} {:>20} {:>6.2} {:>6.3} {:>6.3} {:>9.3} {:>8.3} {:>20} {:>8}",
            p.policy,
            ci(&p.below_floor, 1),
            ci(&p.delivered_hours, 0),
            p.min_ratio.value,
            p.jain.value,
            p.gini.value,
            p.provider_spread.value,
            p.insurer_spread.value,
            p.price_of_fairness
                .as_ref()
                .map(|e| if one {
                    format!("{:.1} %", 100.0 * e.value)
                } else {
                    format!(
                        "{:.1} % [{:.1}, {:.1}]",
                        100.0 * e.value,
                        100.0 * e.low,
                        100.0 * e.high
                    )
                })
                .unwrap_or_else(|| "—".into()),
            p.price_bound
                .as_ref()
                .map(|e| format!("{:.1} %", 100.0 * e.value))
                .unwrap_or_else(|| "—".into()),
        );
    }
    for (run, policy, why) in &out.errors {
        let _ = writeln!(s, "  run {run} {policy}: failed: {why}");
    }
    s
}
