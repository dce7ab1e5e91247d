//! Which measures an assignment uses, derived from the care itself
//! (`models/semantics.md`, Measures). The report declares them in the plan;
//! the MILP's start vectors set the measure columns from them.

use std::collections::BTreeMap;

use crate::model::measures::{Measure, MeasureSet};
use crate::model::{Assignment, Problem};

/// The measures an assignment uses, per family, per nurse and in total.
#[derive(Debug, Clone)]
pub struct MeasureUse {
    /// Measures touching each family.
    pub families: Vec<MeasureSet>,
    /// Measures touching each nurse.
    pub nurses: Vec<MeasureSet>,
    /// Uses per measure, counted as in `semantics.md`.
    pub counts: BTreeMap<Measure, u32>,
    /// Waived days per family (no care, no 3-hour floor).
    pub waived: Vec<Vec<usize>>,
    /// The two families of a combined-care day and the drive between them, in hours.
    pub between: Vec<Vec<Option<(usize, usize, f64)>>>,
    /// Working hours per nurse and week (`current_week_hours` included in the first week).
    pub week_hours: Vec<Vec<f64>>,
    /// The lowest provider share `Σ min(planned, target) / Σ target`
    /// (1 without providers with a target).
    pub lowest_share: f64,
    /// The spread (max − min) of provider scale-down.
    pub share_spread: f64,
}

/// Derive the measure use of `a`.
pub fn measure_use(p: &Problem, a: &Assignment) -> MeasureUse {
    let days = p.days();
    let mut families = vec![MeasureSet::NONE; p.families.len()];
    let mut nurses = vec![MeasureSet::NONE; p.nurses.len()];
    let mut counts: BTreeMap<Measure, u32> = BTreeMap::new();
    let mut fam_day = vec![vec![0u32; days]; p.families.len()];
    let mut day_fams: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); days]; p.nurses.len()];
    let mut nurse_day = vec![vec![0.0f64; days]; p.nurses.len()];
    let mut waitlist_families = vec![false; p.families.len()];
    let mut centre_day = vec![vec![false; days]; p.nurses.len()];
    for (arc, &h) in p.arcs.iter().zip(&a.hours) {
        if h == 0 {
            continue;
        }
        let (n, f, t) = (arc.nurse as usize, arc.family as usize, arc.day as usize);
        fam_day[f][t] += h;
        if arc.centre {
            // A centre day counts its hours once (below), and is no combined care.
            centre_day[n][t] = true;
        } else {
            nurse_day[n][t] += h as f64;
            if !day_fams[n][t].contains(&f) {
                day_fams[n][t].push(f);
            }
        }
        for m in arc.measures.iter() {
            families[f] = families[f].with(m);
            nurses[n] = nurses[n].with(m);
            if m == Measure::Waitlist {
                waitlist_families[f] = true;
            } else {
                *counts.entry(m).or_default() += 1;
            }
        }
    }
    let served = waitlist_families.iter().filter(|&&w| w).count() as u32;
    if served > 0 {
        counts.insert(Measure::Waitlist, served);
    }
    let mut between = vec![vec![None; days]; p.nurses.len()];
    for n in 0..p.nurses.len() {
        for t in 0..days {
            nurse_day[n][t] +=
                p.params.oncall_hours as f64 * a.oncall[n][t].iter().filter(|&&o| o).count() as f64;
            if centre_day[n][t] {
                nurse_day[n][t] += p.centre_hours() as f64;
            }
            if let [f, g] = day_fams[n][t][..] {
                let tau = p.between_hours(f, g);
                between[n][t] = Some((f, g, tau));
                nurse_day[n][t] += tau;
                nurses[n] = nurses[n].with(Measure::Combined);
                families[f] = families[f].with(Measure::Combined);
                families[g] = families[g].with(Measure::Combined);
                *counts.entry(Measure::Combined).or_default() += 1;
            }
        }
    }
    let mut waived = vec![Vec::new(); p.families.len()];
    for (f, fam) in p.families.iter().enumerate() {
        for &(t, m) in &fam.waivable {
            if fam_day[f][t as usize] == 0 {
                waived[f].push(t as usize);
                families[f] = families[f].with(m);
                *counts.entry(m).or_default() += 1;
            }
        }
    }
    let week_hours: Vec<Vec<f64>> = (0..p.nurses.len())
        .map(|n| {
            p.weeks
                .iter()
                .map(|w| {
                    let before = if w.offset == 0 {
                        p.nurses[n].current_week_hours as f64
                    } else {
                        0.0
                    };
                    before + w.days.clone().map(|t| nurse_day[n][t]).sum::<f64>()
                })
                .collect()
        })
        .collect();
    for (n, nurse) in p.nurses.iter().enumerate() {
        // History alone never makes a use: only weeks the plan gives hours.
        let over = week_hours[n]
            .iter()
            .zip(&p.weeks)
            .filter(|(h, w)| {
                **h > nurse.contract_max as f64 + 1e-6
                    && w.days.clone().any(|t| nurse_day[n][t] > 0.0)
            })
            .count() as u32;
        if over > 0 {
            nurses[n] = nurses[n].with(Measure::Flex);
            *counts.entry(Measure::Flex).or_default() += over;
        }
        if needs_reduced_rest(p, n, &nurse_day[n], &day_fams[n]) {
            nurses[n] = nurses[n].with(Measure::ReducedRest);
            *counts.entry(Measure::ReducedRest).or_default() += 1;
        }
    }
    let (lowest_share, share_spread) = provider_shares(p, &fam_day);
    MeasureUse {
        families,
        nurses,
        counts,
        waived,
        between,
        week_hours,
        lowest_share,
        share_spread,
    }
}

/// Whether nurse `n`'s days break the normal rest forms: a 7-day window
/// without a free day (history included), or a change of family within the
/// organisation's rest days.
fn needs_reduced_rest(p: &Problem, n: usize, hours: &[f64], fams: &[Vec<usize>]) -> bool {
    let nurse = &p.nurses[n];
    let days = p.days() as i64;
    let works = |t: i64| -> bool {
        if t < 0 {
            nurse.worked_before[(-t - 1) as usize]
        } else {
            hours[t as usize] > 0.0 || !fams[t as usize].is_empty()
        }
    };
    if p.params.weekly_rest {
        for s in -6..=(days - 7) {
            if (s..s + 7).all(works) {
                return true;
            }
        }
    }
    let r = p.params.rest_days as usize;
    if r > 0 {
        for d in 0..fams.len() {
            for d2 in d + 1..=(d + r).min(fams.len() - 1) {
                if fams[d].iter().any(|f| fams[d2].iter().any(|g| g != f)) {
                    return true;
                }
            }
        }
    }
    false
}

/// The lowest provider share and the spread of scale-down (semantics.md,
/// Fair distribution between providers).
fn provider_shares(p: &Problem, fam_day: &[Vec<u32>]) -> (f64, f64) {
    let mut served = vec![0.0f64; p.providers.len()];
    let mut total = vec![0.0f64; p.providers.len()];
    for (f, fam) in p.families.iter().enumerate() {
        if let (Some(pr), true) = (fam.provider, fam.target > 0.0) {
            let planned: u32 = fam_day[f].iter().sum();
            served[pr as usize] += (planned as f64).min(fam.target);
            total[pr as usize] += fam.target;
        }
    }
    let shares: Vec<f64> = served
        .iter()
        .zip(&total)
        .filter(|(_, &t)| t > 0.0)
        .map(|(s, t)| s / t)
        .collect();
    let lowest = shares.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = shares.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if shares.is_empty() {
        (1.0, 0.0)
    } else {
        (lowest, highest - lowest)
    }
}
