//! The simulation's tables: per policy the means over the runs with 95 %
//! intervals, the paired price of stability against `scratch`, and the rows
//! per night and per realised episode.
//!
//! A run's figure is summed over its nights (families, hours) or averaged
//! over them (calls, changes); the interval is over the runs, which are
//! independent. Every policy of a run plays the same season (common random
//! numbers), so a policy against `scratch` is compared run by run: the
//! interval of the mean paired difference is much narrower than the two
//! intervals side by side.

use serde::{Deserialize, Serialize};

use super::{Policy, SimulateOutput, SimulateRow};
use crate::whatif::output::fixed;
use crate::whatif::stats::{self, Estimate};

/// A run's figures, over its nights.
#[derive(Debug, Clone, Copy, Default)]
struct RunFigures {
    realised_below: f64,
    realised_shortfall: f64,
    ended: f64,
    calls: f64,
    notice_changes: f64,
    total_changes: f64,
    short_notice: f64,
    delivered_hours: f64,
    pool_short: f64,
    planned_below: f64,
    seconds: f64,
}

impl RunFigures {
    fn of(row: &SimulateRow) -> Option<RunFigures> {
        let r = row.result.as_ref()?;
        if row.error.is_some() || r.nights.is_empty() {
            return None;
        }
        let n = r.nights.len() as f64;
        let sum = |f: fn(&super::Night) -> f64| r.nights.iter().map(f).sum::<f64>();
        Some(RunFigures {
            realised_below: sum(|x| f64::from(x.realised_below)),
            realised_shortfall: sum(|x| f64::from(x.realised_shortfall)),
            ended: sum(|x| f64::from(x.ended)),
            calls: sum(|x| f64::from(x.calls)) / n,
            notice_changes: sum(|x| f64::from(x.notice_changes)) / n,
            total_changes: sum(|x| f64::from(x.total_changes)) / n,
            short_notice: sum(|x| f64::from(x.short_notice)) / n,
            delivered_hours: sum(|x| f64::from(x.delivered_hours)),
            pool_short: sum(|x| f64::from(x.pool_short)),
            planned_below: sum(|x| f64::from(x.planned_below)) / n,
            seconds: sum(|x| x.seconds) / n,
        })
    }
}

/// A policy's means over the runs that ran through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Families below the floor as realised, per run (the season's episodes that ended).
    pub realised_below: Estimate,
    /// Their realised shortfall hours, per run.
    pub realised_shortfall: Estimate,
    /// Episodes that ended on a carried-out day, per run.
    pub ended: Estimate,
    /// Nurses and families to call, per night.
    pub calls_per_night: Estimate,
    /// Changes in the notice window, per night.
    pub changes_per_night: Estimate,
    /// Changes on every day both plans cover, per night.
    pub total_changes_per_night: Estimate,
    /// Changes dated the next day, per night.
    pub short_notice_per_night: Estimate,
    /// Hours of care carried out, per run.
    pub delivered_hours: Estimate,
    /// Pool nurse-shifts short on the carried-out days, per run.
    pub pool_short: Estimate,
    /// Families below the floor in the night's plan, per night.
    pub planned_below_per_night: Estimate,
    /// Seconds per night.
    pub seconds_per_night: Estimate,
}

/// A policy against `scratch`, run by run on the same seasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Versus {
    /// Runs where both ran through.
    pub runs: usize,
    /// Realised families below the floor, this policy minus scratch, per run.
    pub below_diff: Estimate,
    /// Realised shortfall hours, this policy minus scratch, per run.
    pub shortfall_diff: Estimate,
    /// Hours delivered, this policy minus scratch, per run.
    pub delivered_diff: Estimate,
    /// Calls per night that this policy saves (scratch minus this policy).
    pub calls_saved_per_night: Estimate,
    /// Scratch's calls per night over this policy's (none when this policy makes no calls).
    pub calls_ratio: Option<f64>,
}

/// One policy over the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicySummary {
    /// The policy.
    pub policy: Policy,
    /// Runs that ran through.
    pub runs: usize,
    /// Runs that stopped with an error.
    pub failed: usize,
    /// The means, when a run ran through.
    pub figures: Option<Figures>,
    /// Against `scratch`, for the other policies when scratch was played.
    pub versus_scratch: Option<Versus>,
}

/// A mean of counts or hours, its interval cut at 0.
fn count(xs: &[f64]) -> Estimate {
    let m = stats::mean(xs);
    Estimate {
        low: m.low.max(0.0),
        ..m
    }
}

/// Per policy: the means, and the paired comparison with scratch.
pub fn summarise(policies: &[Policy], rows: &[SimulateRow]) -> Vec<PolicySummary> {
    let of = |p: Policy| -> Vec<(usize, RunFigures)> {
        rows.iter()
            .filter(|r| r.policy == p)
            .filter_map(|r| RunFigures::of(r).map(|f| (r.run, f)))
            .collect()
    };
    let scratch = of(Policy::Scratch);
    policies
        .iter()
        .map(|&p| {
            let runs = of(p);
            let failed = rows
                .iter()
                .filter(|r| r.policy == p && r.error.is_some())
                .count();
            let col =
                |f: fn(&RunFigures) -> f64| runs.iter().map(|(_, x)| f(x)).collect::<Vec<_>>();
            let figures = (!runs.is_empty()).then(|| Figures {
                realised_below: count(&col(|x| x.realised_below)),
                realised_shortfall: count(&col(|x| x.realised_shortfall)),
                ended: count(&col(|x| x.ended)),
                calls_per_night: count(&col(|x| x.calls)),
                changes_per_night: count(&col(|x| x.notice_changes)),
                total_changes_per_night: count(&col(|x| x.total_changes)),
                short_notice_per_night: count(&col(|x| x.short_notice)),
                delivered_hours: count(&col(|x| x.delivered_hours)),
                pool_short: count(&col(|x| x.pool_short)),
                planned_below_per_night: count(&col(|x| x.planned_below)),
                seconds_per_night: count(&col(|x| x.seconds)),
            });
            let pairs: Vec<(RunFigures, RunFigures)> = if p == Policy::Scratch {
                Vec::new()
            } else {
                runs.iter()
                    .filter_map(|(r, x)| {
                        scratch.iter().find(|(q, _)| q == r).map(|(_, y)| (*x, *y))
                    })
                    .collect()
            };
            let diff = |f: fn(&RunFigures) -> f64| {
                stats::mean(&pairs.iter().map(|(x, y)| f(x) - f(y)).collect::<Vec<_>>())
            };
            let versus_scratch = (!pairs.is_empty()).then(|| {
                let (mine, theirs): (f64, f64) = pairs
                    .iter()
                    .fold((0.0, 0.0), |(a, b), (x, y)| (a + x.calls, b + y.calls));
                Versus {
                    runs: pairs.len(),
                    below_diff: diff(|x| x.realised_below),
                    shortfall_diff: diff(|x| x.realised_shortfall),
                    delivered_diff: diff(|x| x.delivered_hours),
                    calls_saved_per_night: stats::mean(
                        &pairs
                            .iter()
                            .map(|(x, y)| y.calls - x.calls)
                            .collect::<Vec<_>>(),
                    ),
                    calls_ratio: (mine > 0.0).then(|| theirs / mine),
                }
            });
            PolicySummary {
                policy: p,
                runs: runs.len(),
                failed,
                figures,
                versus_scratch,
            }
        })
        .collect()
}

/// The estimate columns of `simulate.csv`, in order.
const FIGURES: [&str; 11] = [
    "realised_below",
    "realised_shortfall",
    "ended",
    "calls_per_night",
    "changes_per_night",
    "total_changes_per_night",
    "short_notice_per_night",
    "delivered_hours",
    "pool_short",
    "planned_below_per_night",
    "seconds_per_night",
];

/// The comparison columns of `simulate.csv`, in order.
const VERSUS: [&str; 4] = [
    "below_diff_vs_scratch",
    "shortfall_diff_vs_scratch",
    "delivered_diff_vs_scratch",
    "calls_saved_per_night_vs_scratch",
];

/// `simulate.csv`: one row per policy.
pub fn summary_table(out: &SimulateOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = ["policy", "runs", "failed"].map(String::from).to_vec();
    for name in FIGURES.iter().chain(VERSUS.iter()) {
        header.extend([
            name.to_string(),
            format!("{name}_low"),
            format!("{name}_high"),
        ]);
    }
    header.push("calls_ratio_vs_scratch".into());
    let est = |e: &Estimate| [fixed(e.value, 3), fixed(e.low, 3), fixed(e.high, 3)];
    let blank = || [String::new(), String::new(), String::new()];
    let rows = out
        .summary
        .iter()
        .map(|s| {
            let mut row = vec![
                s.policy.to_string(),
                s.runs.to_string(),
                s.failed.to_string(),
            ];
            match &s.figures {
                Some(f) => {
                    for e in [
                        &f.realised_below,
                        &f.realised_shortfall,
                        &f.ended,
                        &f.calls_per_night,
                        &f.changes_per_night,
                        &f.total_changes_per_night,
                        &f.short_notice_per_night,
                        &f.delivered_hours,
                        &f.pool_short,
                        &f.planned_below_per_night,
                        &f.seconds_per_night,
                    ] {
                        row.extend(est(e));
                    }
                }
                None => FIGURES.iter().for_each(|_| row.extend(blank())),
            }
            match &s.versus_scratch {
                Some(v) => {
                    for e in [
                        &v.below_diff,
                        &v.shortfall_diff,
                        &v.delivered_diff,
                        &v.calls_saved_per_night,
                    ] {
                        row.extend(est(e));
                    }
                    row.push(v.calls_ratio.map_or(String::new(), |r| fixed(r, 2)));
                }
                None => {
                    VERSUS.iter().for_each(|_| row.extend(blank()));
                    row.push(String::new());
                }
            }
            row
        })
        .collect();
    (header, rows)
}

/// `simulate-nights.csv`: one row per run, policy and night; a run that
/// stopped has one row with its error.
pub fn nights_table(out: &SimulateOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let header: Vec<String> = [
        "run",
        "policy",
        "night",
        "date",
        "engine",
        "status",
        "seconds",
        "notice_changes",
        "notices",
        "total_changes",
        "calls",
        "short_notice",
        "planned_below",
        "planned_pool_short",
        "delivered_hours",
        "pool_short",
        "ended",
        "realised_below",
        "realised_shortfall",
        "colour",
        "proven",
        "error",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    for r in &out.rows {
        let head = [r.run.to_string(), r.policy.to_string()];
        for n in r.result.iter().flat_map(|x| &x.nights) {
            let mut row = head.to_vec();
            row.extend([
                n.night.to_string(),
                n.date.to_string(),
                n.engine.clone(),
                n.status.clone(),
                fixed(n.seconds, 2),
                n.notice_changes.to_string(),
                n.notices.to_string(),
                n.total_changes.to_string(),
                n.calls.to_string(),
                n.short_notice.to_string(),
                n.planned_below.to_string(),
                n.planned_pool_short.to_string(),
                n.delivered_hours.to_string(),
                n.pool_short.to_string(),
                n.ended.to_string(),
                n.realised_below.to_string(),
                n.realised_shortfall.to_string(),
                n.colour.clone(),
                n.proven.to_string(),
                String::new(),
            ]);
            rows.push(row);
        }
        if let Some(e) = &r.error {
            let mut row = head.to_vec();
            row.extend(std::iter::repeat_n(String::new(), header.len() - 3));
            row.push(e.clone());
            rows.push(row);
        }
    }
    (header, rows)
}

/// `simulate-families.csv`: every episode that ended, as realised.
pub fn families_table(out: &SimulateOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let header: Vec<String> = [
        "run",
        "policy",
        "family",
        "end",
        "floor",
        "delivered",
        "short_days",
        "shortfall",
        "below_floor",
    ]
    .map(String::from)
    .to_vec();
    let rows = out
        .rows
        .iter()
        .flat_map(|r| {
            r.result.iter().flat_map(move |x| {
                x.families.iter().map(move |f| {
                    vec![
                        r.run.to_string(),
                        r.policy.to_string(),
                        f.family.clone(),
                        f.end.to_string(),
                        f.floor.to_string(),
                        f.delivered.to_string(),
                        f.short_days.to_string(),
                        f.shortfall.to_string(),
                        f.below_floor.to_string(),
                    ]
                })
            })
        })
        .collect();
    (header, rows)
}
