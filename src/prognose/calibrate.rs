//! The capacity ratio: contract hours a week that one birth a week of the
//! summer peak needs, found on the base scenario itself.
//!
//! The base is taken as a representative peak week. Its workforce is
//! scaled by whole qualified nurses — `k < 0` removes the first `−k` of a
//! seeded permutation of its qualified nurses (off every horizon day, as
//! the sweep's `sick` axis does), `k > 0` hires `k` (the sweep's `hired`
//! axis, [`crate::whatif::variant`]) — and each scale is forecast
//! ([`crate::whatif::forecast`], fast fidelity, `runs` runs, the same seed
//! at every scale, so every scale sees the same births and sick spells).
//! The smallest `k` with P(worst weekly colour ≤ oranje) ≥ the target is
//! found by galloping from 0 (−1, −2, −4 … or 1, 2, 4 …) to a bracket and
//! bisecting it; the ratio is the contract hours at that `k` over the
//! base's births a week. The hours are the stock's: every qualified
//! nurse's contract, those off all week in the base included (the base
//! week's leave and long sickness are part of what the stock must carry),
//! plus the hired nurses' contracts, minus the removed nurses' who were
//! at work in the base week. Bisection assumes the probability does not fall
//! as nurses are added, which holds run by run when every rung solves to
//! optimality (more nurses never cost a floor), and is checked in the tests.
//!
//! A week counts as at most oranje when no family is below the floor
//! after redistribution (not zwart) and every non-freelance provider is
//! groen or oranje on its own. A freelancer — one nurse, no measures of
//! her own — is rood whenever the births drawn for her outgrow her week
//! or she falls ill, at any size of the rest of the region: hires go to
//! the non-freelance providers, so that rood is a question of contracting
//! (her families go to the waiting list), not of inflow. With
//! `count_freelancers` the strict regional colour is used instead, and a
//! region whose freelancer is often rood then never calibrates.

use std::collections::BTreeMap;

use crate::domain::calendar::add_days;
use crate::engine::EngineConfig;
use crate::scenario::{Role, Scenario};
use crate::whatif::forecast::{self, Fidelity, ForecastOptions};
use crate::whatif::grid::{MeasureChoice, PoolChoice, Variant, MAX_EXTRA_NURSES};
use crate::whatif::sample::SampleParams;
use crate::whatif::shard::Shard;
use crate::whatif::stats;
use crate::whatif::variant;
use crate::whatif::WhatIfError;

use super::output::CalibrationStep;
use super::PrognoseError;

/// How to calibrate.
#[derive(Debug, Clone)]
pub struct CalibrateOptions {
    /// Forecast runs per scale.
    pub runs: usize,
    /// Seed of the draws (and of the removal and hiring order).
    pub seed: u64,
    /// Worker threads.
    pub jobs: usize,
    /// Seconds per run (fast fidelity).
    pub fast_time_limit: f64,
    /// Engine settings.
    pub engine: EngineConfig,
    /// The probability to reach.
    pub target: f64,
    /// Count a freelancer's own rood (default: leave it out).
    pub count_freelancers: bool,
    /// Show progress on stderr.
    pub progress: bool,
}

/// What the calibration found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The chosen step (smallest `k` reaching the target).
    pub chosen: CalibrationStep,
    /// Every step, in the order tried.
    pub steps: Vec<CalibrationStep>,
}

/// The base with `k` qualified nurses added (`k > 0`, hired) or removed
/// (`k < 0`, off every horizon day).
pub fn scaled(base: &Scenario, k: i64, seed: u64) -> Result<Scenario, String> {
    if k >= 0 {
        let v = Variant {
            index: 0,
            sick: 0.0,
            extra_births: 0.0,
            measures: MeasureChoice::Base,
            hired: u32::try_from(k).map_err(|_| format!("{k} nurses to hire"))?,
            lent: 0,
            kraamcentrum: None,
            kio: None,
            pool_scope: PoolChoice::Base,
            pool_min: None,
            policy: None,
            time_limit: None,
            seed,
        };
        let mut s = variant::apply(base, &v)?;
        s.name = format!("{} ({k:+} nurses)", base.name);
        return Ok(s);
    }
    let mut s = base.clone();
    s.name = format!("{} ({k:+} nurses)", base.name);
    let order: Vec<usize> = variant::sick_nurses(base, 1.0, seed)
        .into_iter()
        .filter(|&i| base.nurses[i].role == Role::Nurse)
        .collect();
    let remove = usize::try_from(-k).unwrap_or(usize::MAX);
    if remove > order.len() {
        return Err(format!(
            "{k} nurses: the base has {} qualified nurses",
            order.len()
        ));
    }
    let dates: Vec<_> = (0..i64::from(s.days))
        .map(|t| add_days(s.start, t))
        .collect();
    for &i in &order[..remove] {
        let off = &mut s.nurses[i].off;
        for d in &dates {
            if !off.contains(d) {
                off.push(*d);
            }
        }
        off.sort();
    }
    Ok(s)
}

/// Contract hours a week of the qualified nurses (role `nurse`) who are
/// not off on every horizon day.
pub fn qualified_hours(s: &Scenario) -> f64 {
    let dates: Vec<_> = (0..i64::from(s.days))
        .map(|t| add_days(s.start, t))
        .collect();
    s.nurses
        .iter()
        .filter(|n| n.role == Role::Nurse)
        .filter(|n| !dates.iter().all(|d| n.off.contains(d)))
        .map(|n| f64::from(n.contract_max))
        .sum()
}

/// Contract hours a week of every qualified nurse of `s`, those off all
/// week included: the stock's measure, which the prognosis projects.
pub fn stock_hours(s: &Scenario) -> f64 {
    s.nurses
        .iter()
        .filter(|n| n.role == Role::Nurse)
        .map(|n| f64::from(n.contract_max))
        .sum()
}

/// Forecast the base scaled by `k` nurses: the share of solved runs whose
/// worst weekly region colour is groen or oranje.
pub fn step(
    base: &Scenario,
    k: i64,
    opts: &CalibrateOptions,
) -> Result<CalibrationStep, PrognoseError> {
    let s = scaled(base, k, opts.seed).map_err(|e| PrognoseError::Input(vec![e]))?;
    let fo = ForecastOptions {
        runs: opts.runs,
        seed: opts.seed,
        sample: SampleParams::default(),
        fidelity: Fidelity::Fast,
        engine: opts.engine.clone(),
        fast_time_limit: opts.fast_time_limit,
        agreement: 0,
        jobs: opts.jobs,
        shard: Shard::WHOLE,
        progress: opts.progress,
        scenarios_dir: None,
    };
    let out = forecast::forecast(&s, &s.name, &fo).map_err(|e| match e {
        WhatIfError::Input(m) => PrognoseError::Input(vec![m]),
        WhatIfError::Workers(m) => PrognoseError::Workers(m),
        WhatIfError::Output(e) => PrognoseError::Output(e),
    })?;
    let freelancers: std::collections::BTreeSet<&str> = base
        .providers
        .iter()
        .filter(|p| p.freelancer)
        .map(|p| p.id.as_str())
        .collect();
    let solved: Vec<bool> = out
        .rows
        .iter()
        .filter(|r| r.error.is_none())
        .filter_map(|r| r.result.as_ref())
        .map(|r| {
            r.weeks.iter().all(|w| {
                if opts.count_freelancers {
                    return w.region == "groen" || w.region == "oranje";
                }
                w.region != "zwart"
                    && w.providers
                        .iter()
                        .filter(|(p, _)| !freelancers.contains(p.as_str()))
                        .all(|(_, c)| c == "groen" || c == "oranje")
            })
        })
        .collect();
    if solved.is_empty() {
        let why = out
            .rows
            .iter()
            .find_map(|r| r.error.clone())
            .unwrap_or_else(|| "no run".into());
        return Err(PrognoseError::Calibration(format!(
            "calibration at {k:+} nurses: no forecast run solved ({why})"
        )));
    }
    let good = solved.iter().filter(|&&g| g).count();
    let mut rood = BTreeMap::new();
    for r in out.rows.iter().filter(|r| r.error.is_none()) {
        let Some(sum) = &r.result else { continue };
        let worse: std::collections::BTreeSet<&String> = sum
            .weeks
            .iter()
            .flat_map(|w| w.providers.iter())
            .filter(|(_, c)| *c == "rood" || *c == "zwart")
            .map(|(p, _)| p)
            .collect();
        for p in worse {
            *rood.entry(p.clone()).or_insert(0) += 1;
        }
    }
    Ok(CalibrationStep {
        providers_rood: rood,
        nurses_added: k,
        hours: stock_hours(base) + qualified_hours(&s) - qualified_hours(base),
        probability: stats::proportion(good, solved.len()),
        runs: solved.len(),
        failed: out.failed,
    })
}

/// The smallest `k` in `lowest..=highest` with `passes(k)`, assuming
/// `passes` is monotone (false … false, true … true): gallop from 0 to a
/// bracket, then bisect. `Ok(None)` when even `highest` fails; `lowest`
/// when it passes. Each `k` is asked at most once.
pub fn smallest_passing<E>(
    lowest: i64,
    highest: i64,
    mut passes: impl FnMut(i64) -> Result<bool, E>,
) -> Result<Option<i64>, E> {
    let mut seen = BTreeMap::new();
    let mut ask = |k: i64, seen: &mut BTreeMap<i64, bool>| -> Result<bool, E> {
        if let Some(&p) = seen.get(&k) {
            return Ok(p);
        }
        let p = passes(k)?;
        seen.insert(k, p);
        Ok(p)
    };
    let start = 0.clamp(lowest, highest);
    let (mut fail, mut pass) = if ask(start, &mut seen)? {
        // Gallop down to a failing k (or the lowest).
        let mut pass = start;
        let mut step = 1;
        loop {
            if pass == lowest {
                return Ok(Some(lowest));
            }
            let k = (pass - step).max(lowest);
            if ask(k, &mut seen)? {
                pass = k;
                step *= 2;
            } else {
                break (k, pass);
            }
        }
    } else {
        let mut fail = start;
        let mut step = 1;
        loop {
            if fail == highest {
                return Ok(None);
            }
            let k = (fail + step).min(highest);
            if ask(k, &mut seen)? {
                break (fail, k);
            }
            fail = k;
            step *= 2;
        }
    };
    while pass - fail > 1 {
        let mid = fail + (pass - fail) / 2;
        if ask(mid, &mut seen)? {
            pass = mid;
        } else {
            fail = mid;
        }
    }
    Ok(Some(pass))
}

/// The largest number of nurses the calibration hires: four times the
/// base's qualified nurses, at least 10, at most the sweep's limit.
pub fn max_hired(qualified: usize) -> i64 {
    (4 * qualified as i64).clamp(10, i64::from(MAX_EXTRA_NURSES))
}

/// Galloping up without progress: the last [`PLATEAU`] scales tried were
/// all hires, each more than the one before, all below the target with the
/// same probability. More nurses will not help: stop, and say which
/// providers stay rood or zwart on their own (a freelancer, whom hires do
/// not reach, with more families than she can serve, typically).
fn plateau(steps: &[CalibrationStep], target: f64) -> Result<(), PrognoseError> {
    let Some(last) = steps.len().checked_sub(PLATEAU).map(|i| &steps[i..]) else {
        return Ok(());
    };
    let rising = last
        .windows(2)
        .all(|w| w[1].nurses_added > w[0].nurses_added);
    let flat = last
        .iter()
        .all(|s| s.nurses_added > 0 && s.probability.value == last[0].probability.value);
    if !(rising && flat) {
        return Ok(());
    }
    let top = &last[PLATEAU - 1];
    let who: Vec<String> = top
        .providers_rood
        .iter()
        .map(|(p, n)| format!("{p} in {n} of {} runs", top.runs))
        .collect();
    Err(PrognoseError::Calibration(format!(
        "the calibration does not reach P(≤ oranje) ≥ {target}: from {:+} to {:+} nurses it stays at {:.2} ({:.2}–{:.2}); providers rood or zwart on their own at {:+}: {} — hired nurses go to the non-freelance providers, so a freelancer's or a pool's shortage is not one more nurses fix; lower --probability or give --ratio (or leave out --count-freelancers)",
        last[0].nurses_added,
        top.nurses_added,
        top.probability.value,
        top.probability.low,
        top.probability.high,
        top.nurses_added,
        if who.is_empty() { "none".to_string() } else { who.join(", ") }
    )))
}

/// Scales tried without progress before the calibration gives up.
pub const PLATEAU: usize = 3;

/// Calibrate on `base`: the smallest scale reaching `opts.target`.
pub fn calibrate(base: &Scenario, opts: &CalibrateOptions) -> Result<Found, PrognoseError> {
    let qualified = base.nurses.iter().filter(|n| n.role == Role::Nurse).count();
    let lowest = -(qualified as i64);
    let highest = max_hired(qualified);
    let mut steps: Vec<CalibrationStep> = Vec::new();
    let found = smallest_passing(lowest, highest, |k| {
        let st = step(base, k, opts)?;
        if opts.progress {
            eprintln!(
                "calibrate       {k:+} nurses, {:.0} contract hours: P(≤ oranje) = {:.2} ({:.2}–{:.2}) over {} runs",
                st.hours, st.probability.value, st.probability.low, st.probability.high, st.runs
            );
        }
        let passes = st.probability.value >= opts.target;
        steps.push(st);
        if !passes {
            plateau(&steps, opts.target)?;
        }
        Ok::<bool, PrognoseError>(passes)
    })?;
    let Some(k) = found else {
        let last = steps.last().map_or(0.0, |s| s.probability.value);
        return Err(PrognoseError::Calibration(format!(
            "even {highest:+} nurses reach P(≤ oranje) = {last:.2} only, below the target {}: the base's shortage is not one of nurses (look at its families and pool), or lower --probability, or give --ratio",
            opts.target
        )));
    };
    let chosen = steps
        .iter()
        .find(|s| s.nurses_added == k)
        .cloned()
        .expect("the chosen scale was tried");
    Ok(Found { chosen, steps })
}
