//! `prognose.json` and `prognose.csv`: the wire types (read back by
//! `kraamplan regioplan` as [`PrognoseOutput`]) and writing them as one
//! output set.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::output::{OutputError, OutputSet};
use crate::whatif::output::{self, fixed};
use crate::whatif::stats::Estimate;

/// Format version of `prognose.json`.
pub const FORMAT: u32 = 1;

/// The names a prognosis writes to its output folder, as one set.
pub const OUTPUT_FILES: [&str; 2] = ["prognose.csv", "prognose.json"];

/// `prognose.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrognoseOutput {
    /// Always `prognose`.
    pub kind: String,
    /// [`FORMAT`].
    pub format: u32,
    /// The base scenario as given on the command line.
    pub base: String,
    /// Fingerprint of the base scenario ([`crate::whatif::output::fingerprint`]).
    pub base_fingerprint: String,
    /// Every parameter with its value and source.
    pub parameters: Vec<Parameter>,
    /// The capacity ratio and how it was found.
    pub calibration: Calibration,
    /// The base's nurses in training and when they qualify.
    pub current_trainees: CurrentTrainees,
    /// The base's qualified nurses by contract class.
    pub stock: Vec<ClassStock>,
    /// One row per year.
    pub years: Vec<YearRow>,
}

/// A parameter of the prognosis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    /// Its name (the option without `--`, `-` as `_`).
    pub name: String,
    /// Its value.
    pub value: f64,
    /// Where the value comes from: a cited figure, the base, the option, or
    /// "assumption: …" with the option that overrides it.
    pub source: String,
}

/// The capacity ratio: contract hours a week per peak birth a week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Contract hours a week needed per birth a week in the peak.
    pub ratio: f64,
    /// The probability the peak must stay at most oranje with.
    pub probability_target: f64,
    /// P(worst week ≤ oranje) at the chosen scale, with its Wilson 95 %
    /// interval (`None` when the ratio was given).
    pub probability_reached: Option<Estimate>,
    /// Contract hours at the chosen scale over the base's (`None` when given).
    pub scale: Option<f64>,
    /// Forecast runs per calibration step (0 when given).
    pub runs: usize,
    /// The ratio was given (`--ratio`), not calibrated.
    pub given: bool,
    /// Qualified nurses added (above 0: hired) or removed (below 0) at the
    /// chosen scale.
    pub nurses_added: i64,
    /// Contract hours a week of the qualified nurses at the chosen scale.
    pub hours: f64,
    /// Births a week in the base's week (the peak), the ratio's denominator.
    pub peak_births_per_week: f64,
    /// Every scale tried, in the order tried.
    pub steps: Vec<CalibrationStep>,
}

/// One scale the calibration tried.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationStep {
    /// Qualified nurses added (below 0: removed).
    pub nurses_added: i64,
    /// Contract hours a week of the qualified nurses.
    pub hours: f64,
    /// P(worst week ≤ oranje) over the runs that solved, with its interval.
    pub probability: Estimate,
    /// Runs that solved.
    pub runs: usize,
    /// Runs that failed.
    pub failed: usize,
    /// Per provider, the runs in which it is rood or zwart on its own in
    /// some week (what holds the region above oranje).
    #[serde(default)]
    pub providers_rood: std::collections::BTreeMap<String, usize>,
}

/// The base's nurses in training (role `kio`), "huidige aantal leerlingen
/// met uitstroomverwachting".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentTrainees {
    /// Nurses in training in the base.
    pub count: u32,
    /// Of them, expected to qualify (after dropout) at the end of each year.
    pub qualifying: Vec<Qualifying>,
}

/// Nurses qualifying at the end of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Qualifying {
    /// The year.
    pub year: i32,
    /// Nurses.
    pub nurses: f64,
}

/// Qualified nurses of one contract class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassStock {
    /// `≤16`, `17–24`, `25–32`, `>32` (hours a week, `contract_max`).
    pub class: String,
    /// Nurses.
    pub nurses: f64,
    /// Mean contract hours a week of a nurse in the class.
    pub hours_per_nurse: f64,
}

/// One year of the prognosis. A model year runs from one summer peak to
/// the next: the stock at start is the workforce of that year's peak.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearRow {
    /// The year.
    pub year: i32,
    /// Births in the year.
    pub births: f64,
    /// Births a week in the year's peak.
    pub peak_births_per_week: f64,
    /// Qualified nurses at the year's peak.
    pub nurses_start: f64,
    /// Their contract hours a week.
    pub hours_start: f64,
    /// Per contract class at the peak.
    pub classes: Vec<ClassStock>,
    /// Nurses leaving in the year (attrition and retirement).
    pub leaving: f64,
    /// New trainees starting in the year.
    pub trainees_entering: f64,
    /// Trainees qualifying at the end of the year (current and new).
    pub qualifying: f64,
    /// Qualified nurses at the end of the year (the next year's start).
    pub nurses_end: f64,
    /// Contract hours a week the year's peak needs.
    pub needed_hours: f64,
    /// The same in nurses of average contract.
    pub needed_nurses: f64,
    /// Nurses at the peak without any new inflow (no new trainees, no
    /// hires; the current trainees still qualify).
    pub supply_without_inflow: f64,
    /// Inflow needed: `max(0, needed − supply without inflow)`, nurses of
    /// average contract ("benodigde instroom").
    pub inflow_needed: f64,
    /// Shortfall with the planned intake: `max(0, needed − nurses at start)`.
    pub gap: f64,
    /// Extra trainees a year, from the first intake on, that close the gap
    /// by this year's peak; `None` when no extra trainee can qualify by then.
    pub extra_trainees_per_year: Option<f64>,
}

/// The `prognose.csv` header.
pub const CSV_HEADER: [&str; 15] = [
    "year",
    "births",
    "peak_births_per_week",
    "nurses_start",
    "hours_start",
    "leaving",
    "trainees_entering",
    "qualifying",
    "nurses_end",
    "needed_hours",
    "needed_nurses",
    "supply_without_inflow",
    "inflow_needed",
    "gap",
    "extra_trainees_per_year",
];

/// The rows of `prognose.csv`, one per year.
pub fn csv_rows(out: &PrognoseOutput) -> Vec<Vec<String>> {
    out.years
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                fixed(y.births, 0),
                fixed(y.peak_births_per_week, 2),
                fixed(y.nurses_start, 2),
                fixed(y.hours_start, 1),
                fixed(y.leaving, 2),
                fixed(y.trainees_entering, 2),
                fixed(y.qualifying, 2),
                fixed(y.nurses_end, 2),
                fixed(y.needed_hours, 1),
                fixed(y.needed_nurses, 2),
                fixed(y.supply_without_inflow, 2),
                fixed(y.inflow_needed, 2),
                fixed(y.gap, 2),
                y.extra_trainees_per_year
                    .map_or(String::new(), |x| fixed(x, 2)),
            ]
        })
        .collect()
}

/// Write `prognose.csv` and `prognose.json` to folder `dir`, as one set.
pub fn write(dir: &Path, out: &PrognoseOutput) -> Result<(), OutputError> {
    let set = OutputSet::begin(dir, &OUTPUT_FILES)?;
    write_to(&set, out)?;
    set.commit()
}

/// Stage `prognose.csv` and `prognose.json` in `set` (begun with [`OUTPUT_FILES`]).
pub fn write_to(set: &OutputSet, out: &PrognoseOutput) -> Result<(), OutputError> {
    let header: Vec<String> = CSV_HEADER.iter().map(|h| h.to_string()).collect();
    output::write_csv(set, "prognose.csv", &header, &csv_rows(out))?;
    output::write_json(set, "prognose.json", out)
}
