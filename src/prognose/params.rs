//! The prognosis's parameters: their defaults, why, their ranges, and the
//! source of every figure ([`describe`]). Where the bundled sources
//! (`domain.md`, the seeds) give a figure it is cited; where they give none
//! the parameter says so plainly and names the option that overrides it.

use super::output::Parameter;

/// Share of qualified nurses leaving the profession a year (default 0.08).
/// An assumption: the bundled sources give no turnover figure; 8 % is of
/// the order of outflow from Dutch care occupations.
pub const DEFAULT_ATTRITION: f64 = 0.08;
/// Share of qualified nurses retiring a year (default 0.02). An
/// assumption: no age profile in the bundled sources; 2 % is one fiftieth,
/// a career of about 45–50 years spread evenly.
pub const DEFAULT_RETIREMENT: f64 = 0.02;
/// Years of training (default 2). An assumption: MBO kraamverzorgende is
/// trained in about two years in the work-study route (BBL); the bundled
/// sources give no duration.
pub const DEFAULT_TRAINING_YEARS: u32 = 2;
/// Share of a cohort of trainees that never qualifies (default 0.15). An
/// assumption: no dropout figure in the bundled sources.
pub const DEFAULT_DROPOUT: f64 = 0.15;
/// Growth of births a year (default 0.01). An assumption: the bundled
/// sources give one year only (164,487 births in 2023, `domain.md`).
pub const DEFAULT_GROWTH: f64 = 0.01;
/// Probability with which the summer peak must stay at most oranje
/// (default 0.8): a policy choice of the region, not a figure.
pub const DEFAULT_PROBABILITY: f64 = 0.8;
/// Forecast runs per calibration step (default 20): enough to tell 0.5
/// from 0.9 (Wilson half-width about 0.15 at 20 runs), fast on 2 cores.
pub const DEFAULT_CALIBRATE_RUNS: usize = 20;
/// Peak month over the mean month: `domain.md` gives 13.5–14.1k births a
/// month with 164,487 a year, so the peak month is 14.1k / (164,487 / 12)
/// = 1.029 times the mean. Used when `--births-per-year` is given; a year
/// derived from the base's own (peak) week has factor 1.
pub const PEAK_FACTOR_DOMAIN: f64 = 14_100.0 / (164_487.0 / 12.0);
/// National births 2023 (`domain.md`).
pub const NATIONAL_BIRTHS: f64 = 164_487.0;
/// Nurses needed nationally (`domain.md`: about 9,000 at work, 11,000 needed).
pub const NATIONAL_NEED: f64 = 11_000.0;
/// Nurses at work nationally (`domain.md`).
pub const NATIONAL_STOCK: f64 = 9_000.0;
/// The longest prognosis, in years.
pub const MAX_YEARS: i32 = 50;

/// The options of a prognosis (`None`: derived from the base, see
/// [`describe`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PrognoseParams {
    /// First year (default: the base's start year).
    pub from_year: Option<i32>,
    /// Last year, inclusive.
    pub until: i32,
    /// Births in the first year (default: the base's births a day × 365).
    pub births_per_year: Option<f64>,
    /// Growth of births a year, a share (0.01 = 1 %).
    pub births_growth: f64,
    /// Peak week over the mean week (default: 1 for births derived from
    /// the base, [`PEAK_FACTOR_DOMAIN`] for births given).
    pub peak_factor: Option<f64>,
    /// Share of qualified nurses leaving the profession a year.
    pub attrition: f64,
    /// Share of qualified nurses retiring a year.
    pub retirement: f64,
    /// New trainees a year (default: the base's trainees per training year).
    pub trainees: Option<f64>,
    /// Years of training.
    pub training_years: u32,
    /// Share of a cohort that does not qualify.
    pub trainee_dropout: f64,
    /// P(worst weekly colour ≤ oranje) the peak must reach.
    pub probability: f64,
    /// Forecast runs per calibration step.
    pub calibrate_runs: usize,
    /// The capacity ratio, given (skips the calibration): contract hours a
    /// week per peak birth a week.
    pub ratio: Option<f64>,
    /// Seed of the calibration's draws.
    pub seed: u64,
    /// Judge the peak by every provider's colour, freelancers' included
    /// (default: a freelancer's own rood is left out, see
    /// [`crate::prognose::calibrate`]).
    pub count_freelancers: bool,
}

impl PrognoseParams {
    /// The defaults with `until` as the last year.
    pub fn until(until: i32) -> PrognoseParams {
        PrognoseParams {
            from_year: None,
            until,
            births_per_year: None,
            births_growth: DEFAULT_GROWTH,
            peak_factor: None,
            attrition: DEFAULT_ATTRITION,
            retirement: DEFAULT_RETIREMENT,
            trainees: None,
            training_years: DEFAULT_TRAINING_YEARS,
            trainee_dropout: DEFAULT_DROPOUT,
            probability: DEFAULT_PROBABILITY,
            calibrate_runs: DEFAULT_CALIBRATE_RUNS,
            ratio: None,
            seed: 0,
            count_freelancers: false,
        }
    }

    /// Every out-of-range option, each with its value and the fix; the
    /// first year `from` is the resolved one.
    pub fn validate(&self, from: i32) -> Vec<String> {
        let mut bad = Vec::new();
        let mut share = |flag: &str, x: f64, hi_open: bool, example: &str| {
            let ok = x.is_finite() && x >= 0.0 && if hi_open { x < 1.0 } else { x <= 1.0 };
            if !ok {
                let range = if hi_open { "0 ≤ x < 1" } else { "0 to 1" };
                bad.push(format!(
                    "{flag} {x}: give a share {range}, e.g. {flag} {example}"
                ));
            }
        };
        share("--attrition", self.attrition, true, "0.08");
        share("--retirement", self.retirement, true, "0.02");
        share("--trainee-dropout", self.trainee_dropout, true, "0.15");
        if self.attrition + self.retirement >= 1.0 && self.attrition < 1.0 && self.retirement < 1.0
        {
            bad.push(format!(
                "--attrition {} and --retirement {}: together {} of the nurses would leave every year; keep their sum below 1",
                self.attrition,
                self.retirement,
                self.attrition + self.retirement
            ));
        }
        if !(self.probability.is_finite() && self.probability > 0.0 && self.probability < 1.0) {
            bad.push(format!(
                "--probability {}: give a probability strictly between 0 and 1, e.g. --probability 0.8",
                self.probability
            ));
        }
        if !(self.births_growth.is_finite() && (-0.5..=0.5).contains(&self.births_growth)) {
            bad.push(format!(
                "--births-growth {}: give a yearly growth from -0.5 to 0.5 (a share: 0.01 is 1 %), e.g. --births-growth 0.01",
                self.births_growth
            ));
        }
        if let Some(b) = self.births_per_year {
            if !(b.is_finite() && b > 0.0 && b <= 1_000_000.0) {
                bad.push(format!(
                    "--births-per-year {b}: give the region's births a year, above 0 and at most 1000000 (a KSV region has 2,000–10,000), e.g. --births-per-year 4000"
                ));
            }
        }
        if let Some(p) = self.peak_factor {
            if !(p.is_finite() && (1.0..=3.0).contains(&p)) {
                bad.push(format!(
                    "--peak-factor {p}: give the peak week over the mean week, from 1 to 3, e.g. --peak-factor 1.03"
                ));
            }
        }
        if let Some(t) = self.trainees {
            if !(t.is_finite() && (0.0..=100_000.0).contains(&t)) {
                bad.push(format!(
                    "--trainees {t}: give new trainees a year, 0 to 100000, e.g. --trainees 10"
                ));
            }
        }
        if !(1..=10).contains(&self.training_years) {
            bad.push(format!(
                "--training-years {}: give whole years of training, 1 to 10, e.g. --training-years 2",
                self.training_years
            ));
        }
        if !(1..=crate::scenario::limits::MAX_RUNS).contains(&self.calibrate_runs) {
            bad.push(format!(
                "--calibrate-runs {}: give 1 to {} runs, e.g. --calibrate-runs 20",
                self.calibrate_runs,
                crate::scenario::limits::MAX_RUNS
            ));
        }
        if let Some(r) = self.ratio {
            if !(r.is_finite() && r > 0.0 && r <= 100_000.0) {
                bad.push(format!(
                    "--ratio {r}: give contract hours a week per peak birth a week, above 0, e.g. --ratio 60"
                ));
            }
        }
        if !(1900..=2200).contains(&from) {
            bad.push(format!(
                "--from-year {from}: give a year from 1900 to 2200, e.g. --from-year 2026"
            ));
        }
        if self.until < from {
            bad.push(format!(
                "--until {}: earlier than the first year {from}; give --until {from} or later (or an earlier --from-year)",
                self.until
            ));
        } else if self.until - from >= MAX_YEARS {
            bad.push(format!(
                "--until {}: {} years from {from}; give at most {MAX_YEARS} years, e.g. --until {}",
                self.until,
                self.until - from + 1,
                from + 4
            ));
        }
        bad
    }
}

/// What the prognosis took from the base and the options, with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// First year.
    pub from_year: i32,
    /// Births in the first year.
    pub births_per_year: f64,
    /// Where they come from.
    pub births_source: String,
    /// Peak week over the mean week.
    pub peak_factor: f64,
    /// Where it comes from.
    pub peak_source: String,
    /// New trainees a year.
    pub trainees: f64,
    /// Where they come from.
    pub trainees_source: String,
}

/// Resolve the options the base gives defaults for: `from_year` from
/// `base_year`, births from `births_per_day` (the base's births a day,
/// [`crate::whatif::simulate::season::births_per_day`]), trainees from
/// `kio` (the base's nurses in training).
pub fn resolve(p: &PrognoseParams, base_year: i32, births_per_day: f64, kio: u32) -> Resolved {
    let (births_per_year, births_source) = match p.births_per_year {
        Some(b) => (b, "given: --births-per-year".to_string()),
        None => (
            births_per_day * 365.0,
            format!(
                "derived from the base: {births_per_day:.3} births a day (families whose care began in the 7 days before the start) × 365; the base week is the peak week, so this is the peak rate held all year; override with --births-per-year"
            ),
        ),
    };
    let (peak_factor, peak_source) = match (p.peak_factor, p.births_per_year) {
        (Some(f), _) => (f, "given: --peak-factor".to_string()),
        (None, None) => (
            1.0,
            "births derived from the base's own peak week: its week is the peak week (factor 1); override with --peak-factor".to_string(),
        ),
        (None, Some(_)) => (
            PEAK_FACTOR_DOMAIN,
            "domain.md: 13.5–14.1k births a month, 164,487 a year (2023), peak in (late) summer: peak month 14.1k over the mean month 13.71k; override with --peak-factor".to_string(),
        ),
    };
    let (trainees, trainees_source) = match p.trainees {
        Some(t) => (t, "given: --trainees".to_string()),
        None => (
            f64::from(kio) / f64::from(p.training_years.max(1)),
            format!(
                "the base's {kio} nurses in training (role kio) over {} training years: the current intake continues; override with --trainees",
                p.training_years
            ),
        ),
    };
    Resolved {
        from_year: p.from_year.unwrap_or(base_year),
        births_per_year,
        births_source,
        peak_factor,
        peak_source,
        trainees,
        trainees_source,
    }
}

/// Every parameter with its value and source, in a fixed order.
pub fn describe(p: &PrognoseParams, r: &Resolved) -> Vec<Parameter> {
    let assumption = |flag: &str, why: &str| {
        format!("assumption: no figure in the bundled sources ({why}); override with {flag}")
    };
    let mut out = vec![
        param(
            "from_year",
            f64::from(r.from_year),
            if p.from_year.is_some() {
                "given: --from-year".into()
            } else {
                "the base scenario's start year; override with --from-year".into()
            },
        ),
        param("until", f64::from(p.until), "given: --until".into()),
        param(
            "births_per_year",
            r.births_per_year,
            r.births_source.clone(),
        ),
        param(
            "births_growth",
            p.births_growth,
            if p.births_growth == DEFAULT_GROWTH {
                assumption(
                    "--births-growth",
                    "domain.md gives the births of one year, 164,487 in 2023",
                )
            } else {
                "given: --births-growth".into()
            },
        ),
        param("peak_factor", r.peak_factor, r.peak_source.clone()),
        param(
            "attrition",
            p.attrition,
            if p.attrition == DEFAULT_ATTRITION {
                assumption("--attrition", "share leaving the profession a year")
            } else {
                "given: --attrition".into()
            },
        ),
        param(
            "retirement",
            p.retirement,
            if p.retirement == DEFAULT_RETIREMENT {
                assumption("--retirement", "no age profile; a career of about 50 years")
            } else {
                "given: --retirement".into()
            },
        ),
        param("trainees", r.trainees, r.trainees_source.clone()),
        param(
            "training_years",
            f64::from(p.training_years),
            if p.training_years == DEFAULT_TRAINING_YEARS {
                assumption(
                    "--training-years",
                    "MBO kraamverzorgende takes about 2 years in the work-study route (BBL)",
                )
            } else {
                "given: --training-years".into()
            },
        ),
        param(
            "trainee_dropout",
            p.trainee_dropout,
            if p.trainee_dropout == DEFAULT_DROPOUT {
                assumption(
                    "--trainee-dropout",
                    "share of a cohort that never qualifies",
                )
            } else {
                "given: --trainee-dropout".into()
            },
        ),
        param(
            "probability",
            p.probability,
            if p.probability == DEFAULT_PROBABILITY {
                "policy choice, not a figure: P(worst week of the peak ≤ oranje, seeds/002 §2); override with --probability".into()
            } else {
                "given: --probability".into()
            },
        ),
    ];
    if p.ratio.is_none() {
        let s = crate::whatif::sample::SampleParams::default();
        out.extend([
            param(
                "calibrate_runs",
                p.calibrate_runs as f64,
                if p.calibrate_runs == DEFAULT_CALIBRATE_RUNS {
                    "default: enough to tell 0.5 from 0.9 (Wilson half-width ≈ 0.15); override with --calibrate-runs".into()
                } else {
                    "given: --calibrate-runs".into()
                },
            ),
            param(
                "sick_rate",
                s.sick_rate,
                "the forecast's sick leave (models/whatif.md); domain.md: sick leave about 10 %, of which the base's off days hold the part known at its start".into(),
            ),
            param(
                "hospital_share",
                s.hospital_share,
                "the forecast's second-line births with hospital days (models/whatif.md, from Perined figures)".into(),
            ),
            param(
                "count_freelancers",
                if p.count_freelancers { 1.0 } else { 0.0 },
                if p.count_freelancers {
                    "given: --count-freelancers: a freelancer's own rood counts in the peak's colour".into()
                } else {
                    "default 0: a freelancer's own rood (hires cannot reach her) is left out of the peak's colour, zwart still counts (models/prognose.md); count it with --count-freelancers".into()
                },
            ),
            param(
                "seed",
                p.seed as f64,
                "seed of the calibration's draws; override with --seed".into(),
            ),
        ]);
    }
    out.push(param(
        "national_need_per_1000_births",
        NATIONAL_NEED / NATIONAL_BIRTHS * 1000.0,
        "domain.md: about 11,000 kraamverzorgenden needed (9,000 at work) for 164,487 births (2023); a reference for the region's figure, not used in the flow".into(),
    ));
    out
}

fn param(name: &str, value: f64, source: String) -> Parameter {
    Parameter {
        name: name.to_string(),
        value,
        source,
    }
}
