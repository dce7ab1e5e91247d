//! One prognosis from a base scenario: resolve and check the options,
//! calibrate (or take the given ratio), run the flow, assemble the output.

use chrono::Datelike;

use crate::engine::EngineConfig;
use crate::scenario::Scenario;
use crate::whatif::output::fingerprint;
use crate::whatif::simulate::season::births_per_day;

use super::calibrate::{self, CalibrateOptions};
use super::output::{Calibration, CurrentTrainees, PrognoseOutput, FORMAT};
use super::params::{describe, resolve, PrognoseParams};
use super::stock::{base_stock, project, Flow};
use super::PrognoseError;

/// How the calibration's forecasts run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Engine settings of a forecast run.
    pub engine: EngineConfig,
    /// Seconds per forecast run (fast fidelity).
    pub fast_time_limit: f64,
    /// Worker threads.
    pub jobs: usize,
    /// Show progress on stderr.
    pub progress: bool,
}

/// Every problem of `p` with `base`, each with the option, its value and
/// the fix (empty: none).
pub fn check(base: &Scenario, p: &PrognoseParams) -> Vec<String> {
    let stock = base_stock(base);
    let bpd = births_per_day(base);
    let r = resolve(p, base.start.year(), bpd, stock.trainees);
    let mut bad = p.validate(r.from_year);
    if stock.nurses() == 0.0 {
        bad.push(
            "the base has no qualified nurses (role nurse): there is no stock to project; give a scenario with the region's nurses".into(),
        );
    }
    if bpd == 0.0 && (p.ratio.is_none() || p.births_per_year.is_none()) {
        bad.push(format!(
            "the base has no births in the 7 days before its start {} (families without `due` whose care began then): give --births-per-year and --ratio",
            base.start
        ));
    }
    bad
}

/// The prognosis of `base` (labelled `label` in the output) under `p`.
pub fn prognose(
    base: &Scenario,
    label: &str,
    p: &PrognoseParams,
    run: &RunOptions,
) -> Result<PrognoseOutput, PrognoseError> {
    let bad = check(base, p);
    if !bad.is_empty() {
        return Err(PrognoseError::Input(bad));
    }
    let stock = base_stock(base);
    let bpd = births_per_day(base);
    let r = resolve(p, base.start.year(), bpd, stock.trainees);
    let base_peak = bpd * 7.0;
    let calibration = match p.ratio {
        Some(ratio) => Calibration {
            ratio,
            probability_target: p.probability,
            probability_reached: None,
            scale: None,
            runs: 0,
            given: true,
            nurses_added: 0,
            hours: ratio * base_peak,
            peak_births_per_week: base_peak,
            steps: Vec::new(),
        },
        None => {
            let found = calibrate::calibrate(
                base,
                &CalibrateOptions {
                    runs: p.calibrate_runs,
                    seed: p.seed,
                    jobs: run.jobs,
                    fast_time_limit: run.fast_time_limit,
                    engine: run.engine.clone(),
                    target: p.probability,
                    count_freelancers: p.count_freelancers,
                    progress: run.progress,
                },
            )?;
            let c = &found.chosen;
            Calibration {
                ratio: c.hours / base_peak,
                probability_target: p.probability,
                probability_reached: Some(c.probability),
                scale: Some(c.hours / stock.hours()),
                runs: p.calibrate_runs,
                given: false,
                nurses_added: c.nurses_added,
                hours: c.hours,
                peak_births_per_week: base_peak,
                steps: found.steps,
            }
        }
    };
    let flow = Flow {
        from_year: r.from_year,
        until: p.until,
        births: r.births_per_year,
        growth: p.births_growth,
        peak_births_per_week: r.births_per_year * 7.0 / 365.0 * r.peak_factor,
        attrition: p.attrition,
        retirement: p.retirement,
        intake: r.trainees,
        training_years: p.training_years,
        dropout: p.trainee_dropout,
        ratio: calibration.ratio,
    };
    let (years, qualifying) = project(&stock, &flow);
    Ok(PrognoseOutput {
        kind: "prognose".into(),
        format: FORMAT,
        base: label.into(),
        base_fingerprint: fingerprint(base),
        parameters: describe(p, &r),
        calibration,
        current_trainees: CurrentTrainees {
            count: stock.trainees,
            qualifying,
        },
        stock: stock.classes.clone(),
        years,
    })
}
