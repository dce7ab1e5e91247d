//! Turning an engine's visits into a full [`Plan`] (per-family and per-nurse
//! outcomes, key figures) and printing the summary table.
//!
//! The figures follow `models/semantics.md`; the checker recomputes all of
//! them independently from the scenario and flags any difference as `REPORT`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use crate::model::{Problem, FLOOR_PER_DAY};
use crate::plan::{EngineInfo, FamilyOutcome, Kpi, NurseOutcome, Plan, Visit, PLAN_FORMAT};

/// Build the plan from the visits an engine chose.
pub fn assemble(p: &Problem, visits: Vec<Visit>, engine: EngineInfo, certified: u32) -> Plan {
    let family_idx: HashMap<&str, usize> = p
        .families
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let nurse_idx: HashMap<&str, usize> = p
        .nurses
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let days = p.days();
    let mut fam_day = vec![vec![0u32; days]; p.families.len()];
    let mut fam_nurse_hours: Vec<BTreeMap<usize, u32>> = vec![BTreeMap::new(); p.families.len()];
    let mut nurse_day = vec![vec![0u32; days]; p.nurses.len()];
    for v in &visits {
        let t = crate::calendar::days_between(p.start, v.date) as usize;
        let (f, n) = (family_idx[v.family.as_str()], nurse_idx[v.nurse.as_str()]);
        fam_day[f][t] += v.hours;
        *fam_nurse_hours[f].entry(n).or_default() += v.hours;
        nurse_day[n][t] += v.hours;
    }

    let mut families = Vec::with_capacity(p.families.len());
    for (f, fam) in p.families.iter().enumerate() {
        let planned: u32 = fam_day[f].iter().sum();
        let short_days: Vec<_> = p
            .home_days(f)
            .filter(|&t| fam_day[f][t] < FLOOR_PER_DAY)
            .collect();
        let day_short: u32 = short_days
            .iter()
            .map(|&t| FLOOR_PER_DAY - fam_day[f][t])
            .sum();
        let shortfall = day_short.max(fam.floor.saturating_sub(planned));
        let mut known: BTreeSet<usize> = fam.known_nurses.iter().map(|&n| n as usize).collect();
        known.extend(fam_nurse_hours[f].keys());
        let served_by = fam_nurse_hours[f]
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| p.nurses[*b.0].id.cmp(&p.nurses[*a.0].id))
            })
            .map(|(&n, _)| p.providers[p.nurses[n].provider as usize].clone());
        families.push(FamilyOutcome {
            id: fam.id.clone(),
            floor: fam.floor,
            episode_floor: fam.episode_floor,
            planned,
            delivered_total: fam.delivered_before + planned,
            indicated: fam.indicated,
            target: fam.target,
            below_floor: shortfall > 0,
            shortfall,
            short_days: short_days.iter().map(|&t| p.dates[t]).collect(),
            nurses: known.len() as u32,
            served_by,
        });
    }

    let mut nurses = Vec::with_capacity(p.nurses.len());
    for (n, nurse) in p.nurses.iter().enumerate() {
        let under = p
            .weeks
            .iter()
            .filter(|w| {
                w.full && w.days.clone().map(|t| nurse_day[n][t]).sum::<u32>() < nurse.contract_min
            })
            .map(|w| w.key.clone())
            .collect();
        nurses.push(NurseOutcome {
            id: nurse.id.clone(),
            hours: nurse_day[n].iter().sum(),
            days_worked: nurse_day[n].iter().filter(|&&h| h > 0).count() as u32,
            oncall_shifts: 0,
            under_contract_min: under,
        });
    }

    let kpi = key_figures(&families, certified);
    Plan {
        format: PLAN_FORMAT.into(),
        scenario: p.name.clone(),
        engine,
        visits,
        oncall: Vec::new(),
        families,
        nurses,
        weeks: Vec::new(),
        kpi,
        measures_used: BTreeMap::new(),
    }
}

/// Key figures from the family outcomes.
pub fn key_figures(families: &[FamilyOutcome], certified: u32) -> Kpi {
    let ratios: Vec<f64> = families
        .iter()
        .filter(|f| f.target > 0.0)
        .map(|f| f.planned as f64 / f.target)
        .collect();
    let below = families.iter().filter(|f| f.below_floor).count() as u32;
    Kpi {
        families_below_floor: below,
        shortfall_hours: families.iter().map(|f| f.shortfall).sum(),
        delivered_hours: families.iter().map(|f| f.planned).sum(),
        min_ratio: if ratios.is_empty() {
            1.0
        } else {
            ratios.iter().copied().fold(f64::INFINITY, f64::min)
        },
        mean_ratio: mean(&ratios),
        gini: gini(&ratios),
        jain: jain(&ratios),
        provider_scale_down_spread: 0.0,
        pool_shortfall: 0,
        certified_min_below_floor: certified.min(below),
    }
}

fn mean(x: &[f64]) -> f64 {
    if x.is_empty() {
        1.0
    } else {
        x.iter().sum::<f64>() / x.len() as f64
    }
}

/// Gini index: mean absolute difference over twice the mean (0 = equal).
pub fn gini(x: &[f64]) -> f64 {
    let m = mean(x);
    if x.is_empty() || m == 0.0 {
        return 0.0;
    }
    let n = x.len() as f64;
    let diff: f64 = x
        .iter()
        .map(|a| x.iter().map(|b| (a - b).abs()).sum::<f64>())
        .sum();
    diff / (n * n) / (2.0 * m)
}

/// Jain's fairness index `(Σx)² / (n·Σx²)` (1 = equal).
pub fn jain(x: &[f64]) -> f64 {
    let sq: f64 = x.iter().map(|a| a * a).sum();
    if x.is_empty() || sq == 0.0 {
        return 1.0;
    }
    let s: f64 = x.iter().sum();
    s * s / (x.len() as f64 * sq)
}

/// The summary table printed by `solve`.
pub fn summary(plan: &Plan) -> String {
    let mut out = String::new();
    let k = &plan.kpi;
    let e = &plan.engine;
    let used = plan.nurses.iter().filter(|n| n.hours > 0).count();
    let _ = writeln!(out, "scenario        {}", plan.scenario);
    let _ = writeln!(out, "families        {}", plan.families.len());
    let _ = writeln!(out, "delivered hours {}", k.delivered_hours);
    let _ = writeln!(
        out,
        "below floor     {} (certified minimum {}), shortfall {} h",
        k.families_below_floor, k.certified_min_below_floor, k.shortfall_hours
    );
    let _ = writeln!(
        out,
        "fairness        min ratio {:.2}, mean {:.2}, gini {:.3}, jain {:.3}",
        k.min_ratio, k.mean_ratio, k.gini, k.jain
    );
    let _ = writeln!(out, "nurses used     {} of {}", used, plan.nurses.len());
    let _ = writeln!(
        out,
        "solver          {} {}, objective {:.1}, bound {:.1}, gap {:.2}%, {:.1} s",
        e.name,
        e.status,
        e.objective,
        e.bound,
        100.0 * e.gap,
        e.seconds
    );
    for l in &e.levels {
        let _ = writeln!(
            out,
            "  level {} {:<34} {:>10.2}  bound {:>10.2}  {}",
            l.level, l.name, l.value, l.bound, l.status
        );
    }
    let short: Vec<_> = plan.families.iter().filter(|f| f.below_floor).collect();
    if !short.is_empty() {
        let _ = writeln!(out, "below the floor:");
        for f in short {
            let days: Vec<String> = f.short_days.iter().map(|d| d.to_string()).collect();
            let _ = writeln!(
                out,
                "  {:<8} floor {:>3} h, planned {:>3} h, short {:>3} h{}",
                f.id,
                f.floor,
                f.planned,
                f.shortfall,
                if days.is_empty() {
                    String::new()
                } else {
                    format!(" (under 3 h on {})", days.join(", "))
                }
            );
        }
    }
    out
}
