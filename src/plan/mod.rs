//! Wire types of the plan (`kraamplan/plan@1`, see `docs/format.md`) and
//! writing them as JSON and CSV.
//!
//! Every engine returns a [`Plan`]; the checker reads one back from JSON.
//! The five files are written as one set ([`crate::output`]): staged beside
//! the output folder and swapped in together, so a reader never sees a
//! half-written plan nor files of two different plans.

pub mod fairness;
pub mod reasons;
pub mod replan;
pub mod report;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::output::{OutputError, OutputSet};
use crate::scenario::Shift;

/// The format tag every plan carries.
pub const PLAN_FORMAT: &str = "kraamplan/plan@1";

/// A complete plan for one scenario.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Plan {
    /// Always `kraamplan/plan@1`.
    pub format: String,
    /// Name of the scenario this plan is for.
    pub scenario: String,
    /// Which engine made the plan, with what status and bounds.
    pub engine: EngineInfo,
    /// One row per nurse, family and date with planned hours.
    pub visits: Vec<Visit>,
    /// Partus-pool on-call shifts.
    #[serde(default)]
    pub oncall: Vec<OnCall>,
    /// Every partus-pool shift with its requirement and coverage.
    #[serde(default)]
    pub pool: Vec<PoolShift>,
    /// Per-family outcome.
    pub families: Vec<FamilyOutcome>,
    /// Per-nurse workload.
    pub nurses: Vec<NurseOutcome>,
    /// Whether the plan was made by the escalation ladder, and so carries
    /// `weeks[]` and `escalation[]`; `false` for a plan without colour codes
    /// (`solve --no-ladder`, or an engine run on its own). Absent means `true`.
    #[serde(default = "yes")]
    pub ladder: bool,
    /// Colour code per ISO week (filled by the escalation ladder).
    #[serde(default)]
    pub weeks: Vec<WeekCode>,
    /// Key figures.
    pub kpi: Kpi,
    /// How often each measure was used (see `models/semantics.md`, Measures).
    #[serde(default)]
    pub measures_used: BTreeMap<String, u32>,
    /// The escalation ladder per provider: each rung solved and its outcome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escalation: Vec<ProviderEscalation>,
    /// The horizon planned (the scenario's `start` and `days`), so that a
    /// re-plan knows which days the previous plan covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<Horizon>,
    /// A re-plan's changes against the plan already communicated (`kraamplan replan`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replan: Option<replan::Replan>,
    /// The allocation policy the plan was made under, when not the
    /// Normenkader's (`rules.policy`, `solve --policy`; `models/fairness.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<crate::domain::policy::Policy>,
}

/// The days a plan covers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
pub struct Horizon {
    /// First day.
    pub start: NaiveDate,
    /// Number of days.
    pub days: u32,
}

impl Horizon {
    /// The last day.
    pub fn end(&self) -> NaiveDate {
        crate::domain::calendar::add_days(self.start, i64::from(self.days) - 1)
    }
}

/// The rungs of the escalation ladder one provider went through.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ProviderEscalation {
    /// Provider id.
    pub provider: String,
    /// The rung whose measures the final plan gives this provider:
    /// `alone`, `tier1`, `tier2` or `region`.
    pub rung: String,
    /// Each provider rung solved, in order.
    pub rungs: Vec<RungOutcome>,
}

/// What one rung of the ladder achieved for a provider on its own.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct RungOutcome {
    /// `alone` (no measures), `tier1` or `tier2`.
    pub rung: String,
    /// Measures this rung allowed.
    pub measures: Vec<String>,
    /// The provider's families below the floor on this rung.
    pub families_below_floor: u32,
    /// Their hours short of the floor.
    pub shortfall_hours: u32,
    /// The solver's proven lower bound on families below the floor on this rung.
    pub certified_min_below_floor: u32,
    /// Every family of the provider got its full share of the indication
    /// (`alone` only: the other rungs solve the floor alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full: Option<bool>,
    /// Measures the rung's plan used (sorted ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub used: Vec<String>,
    /// ISO weeks in which a family of the provider was below the floor on this rung.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub below_weeks: Vec<String>,
    /// `alone` only: ISO weeks with a home day of a family that did not get
    /// its full share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_full_weeks: Vec<String>,
    /// `alone` only: families below their full share of the indication.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_full_families: u32,
    /// `alone` only: the hours those families miss of their full share.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_full_hours: u32,
}

fn yes() -> bool {
    true
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Engine, status and the solver's figures for the plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct EngineInfo {
    /// `milp` or `heuristic`.
    pub name: String,
    /// `optimal`, `gap_limit`, `time_limit` or `feasible`.
    pub status: String,
    /// Objective of the primary level (level 1: families below the floor, then shortfall).
    pub objective: f64,
    /// The solver's proven bound on that objective.
    pub bound: f64,
    /// Relative gap between objective and bound on that level.
    pub gap: f64,
    /// Wall-clock seconds for all stages.
    pub seconds: f64,
    /// Each objective level with what the plan achieved and the proven bound.
    #[serde(default)]
    pub levels: Vec<LevelResult>,
    /// Why this engine's plan was chosen, when it is not obvious.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Seconds until the first complete, checker-clean plan existed (the
    /// heuristic plan, which also starts the MILP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_plan_seconds: Option<f64>,
}

/// The result of one objective level (one solver stage).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct LevelResult {
    /// Level number of `models/rules.md` ("What the engine optimises").
    pub level: u32,
    /// What the level measures.
    pub name: String,
    /// Direction: `min` or `max`.
    pub sense: String,
    /// Value achieved by the plan.
    pub value: f64,
    /// Proven bound (for `min` a lower bound, for `max` an upper bound).
    pub bound: f64,
    /// Solver status of this stage.
    pub status: String,
    /// Seconds spent on this stage.
    pub seconds: f64,
}

/// Planned care: a nurse at a family on a date.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
pub struct Visit {
    /// Nurse id.
    pub nurse: String,
    /// Family id.
    pub family: String,
    /// Date of the visit.
    pub date: NaiveDate,
    /// Hours of physical care.
    pub hours: u32,
    /// Where the care is given: left out at home, `kraamcentrum` at the
    /// regional kraamcentrum (M-KRAAMCENTRUM). Older plans read unchanged.
    #[serde(default, skip_serializing_if = "Site::is_home")]
    pub site: Site,
}

/// Where a visit's care is given.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    /// At the family's home.
    #[default]
    Home,
    /// At the regional kraamcentrum (M-KRAAMCENTRUM).
    Kraamcentrum,
}

impl Site {
    /// At home (the default, left out of the JSON).
    pub fn is_home(&self) -> bool {
        *self == Site::Home
    }
    /// At the kraamcentrum.
    pub fn is_centre(&self) -> bool {
        *self == Site::Kraamcentrum
    }
}

/// A partus-pool on-call shift assigned to a nurse.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
pub struct OnCall {
    /// Nurse id.
    pub nurse: String,
    /// Date the shift starts.
    pub date: NaiveDate,
    /// Which shift.
    pub shift: Shift,
}

/// Requirement and coverage of one partus-pool shift (per provider share in scope `provider`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct PoolShift {
    /// Date the shift starts.
    pub date: NaiveDate,
    /// Which shift.
    pub shift: Shift,
    /// The provider whose share this is; `null` for a regional pool.
    pub provider: Option<String>,
    /// Nurses required on call.
    pub required: u32,
    /// Eligible nurses on call.
    pub covered: u32,
    /// `max(0, required − covered)`.
    pub shortfall: u32,
    /// The region's minimum on call for this row, `min(partus_pool.min_on_call,
    /// required)` (POOL-MIN, level 0); left out when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub minimum: u32,
}

/// What a family gets in this plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct FamilyOutcome {
    /// Family id.
    pub id: String,
    /// Minimum-care hours this family must get within the horizon.
    pub floor: u32,
    /// The episode's total floor (CARE-MIN-TOTAL), including days outside the horizon.
    pub episode_floor: u32,
    /// Hours planned in this plan.
    pub planned: u32,
    /// `delivered_before` + planned.
    pub delivered_total: u32,
    /// Indicated hours after the hospital deduction.
    pub indicated: u32,
    /// The share of the indication that falls in the horizon (basis of the fairness ratio).
    pub target: f64,
    /// Below the floor on some day or in total.
    pub below_floor: bool,
    /// Hours short of the floor.
    pub shortfall: u32,
    /// Home days in the horizon with less than 3 hours.
    #[serde(default)]
    pub short_days: Vec<NaiveDate>,
    /// Different nurses over the episode (known nurses included).
    pub nurses: u32,
    /// Provider whose nurses serve the family (`null` if nobody does).
    pub served_by: Option<String>,
    /// Measures that touched this family (sorted ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<String>,
}

/// What a nurse does in this plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct NurseOutcome {
    /// Nurse id.
    pub id: String,
    /// Planned hours in the horizon (care, plus on-call where it counts as work).
    pub hours: u32,
    /// Days with any work.
    pub days_worked: u32,
    /// On-call shifts.
    pub oncall_shifts: u32,
    /// Kilometres driven to and from her families (there and back per visit).
    #[serde(default)]
    pub travel_km: f64,
    /// ISO weeks fully inside the horizon in which planned hours stay under `contract_min`.
    #[serde(default)]
    pub under_contract_min: Vec<String>,
    /// Hours driving between two families on combined-care days (working time).
    #[serde(default)]
    pub travel_hours: f64,
    /// Measures that touched this nurse (sorted ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<String>,
}

/// Colour code of one ISO week.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct WeekCode {
    /// ISO week, e.g. `2026-W28`.
    pub week: String,
    /// Colour of the region.
    pub region: String,
    /// Colour per provider.
    pub providers: BTreeMap<String, String>,
    /// The region's code rests on proof, not only on plans found in time
    /// (`models/model.md`, "Colour codes decided on proof"): groen always;
    /// oranje when a provider's `alone` rung certifies a family below the
    /// floor; rood when a provider's last rung does, or the waiting list
    /// holds a family; zwart when the final plan's count of families below
    /// the floor equals its certified minimum.
    #[serde(default)]
    pub proven: bool,
    /// Providers whose own code is not proven in this sense.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unproven: Vec<String>,
    /// One line per non-green code: which provider, which measures it needed,
    /// how many families short and by how many hours.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<String>,
}

/// Key figures of a plan.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Kpi {
    /// Families below the floor.
    pub families_below_floor: u32,
    /// Total hours short of the floor.
    pub shortfall_hours: u32,
    /// Hours planned in the horizon.
    pub delivered_hours: u32,
    /// Lowest planned/target ratio over families with a target.
    pub min_ratio: f64,
    /// Mean planned/target ratio.
    pub mean_ratio: f64,
    /// Gini index of the ratios (0 = equal).
    pub gini: f64,
    /// Jain's fairness index of the ratios (1 = equal).
    pub jain: f64,
    /// Spread (max − min) of provider scale-down.
    pub provider_scale_down_spread: f64,
    /// Partus-pool shifts short of their requirement (nurse-shifts).
    pub pool_shortfall: u32,
    /// Kilometres driven by all nurses (there and back per visit).
    #[serde(default)]
    pub travel_km: f64,
    /// Proven lower bound on families below the floor for any plan.
    pub certified_min_below_floor: u32,
    /// Nurse-shifts short of the pool minimum, `Σ max(0, minimum − covered)`
    /// over `pool[]` (POOL-MIN, level 0); left out when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pool_min_shortfall: u32,
}

/// The files `solve` writes to its output folder, as one set ([`crate::output`]).
pub const OUTPUT_FILES: [&str; 5] = [
    "plan.json",
    "visits.csv",
    "oncall.csv",
    "families.csv",
    "nurses.csv",
];

/// Write `contents` to `path` atomically: a hidden temporary file beside
/// it, then a rename ([`crate::output::write_file`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), OutputError> {
    crate::output::write_file(path, contents)
}

impl EngineInfo {
    /// Credit the plan to `engine`, with the note that says why: `auto`
    /// returns the warm start's plan when HiGHS improved nothing, keeping
    /// HiGHS's bounds.
    pub fn credit(&mut self, engine: &str, note: String) {
        self.name = engine.into();
        self.note = Some(note);
    }
}

impl Plan {
    /// Read a plan from JSON text: exactly one JSON value, nothing after it.
    ///
    /// A field the format does not define is an error, not ignored: a
    /// checker that skipped it would pass a plan whose claims it never read.
    pub fn from_json(text: &str) -> Result<Plan, String> {
        let mut unknown = Vec::new();
        let de = &mut serde_json::Deserializer::from_str(text);
        let mut record = |path: serde_ignored::Path| unknown.push(path.to_string());
        let ignored = serde_ignored::Deserializer::new(&mut *de, &mut record);
        let plan: Plan = serde_path_to_error::deserialize(ignored).map_err(|e| {
            let path = e.path().to_string();
            format!("invalid plan at `{path}`: {}", e.into_inner())
        })?;
        de.end().map_err(|e| {
            format!(
                "more text after the end of the plan, at line {} column {} — a file holds one plan: remove what follows its closing `}}`",
                e.line(),
                e.column()
            )
        })?;
        if !unknown.is_empty() {
            return Err(format!(
                "invalid plan: {} not a field of {PLAN_FORMAT} ({}): remove {} or use a tool that writes this format",
                if unknown.len() == 1 { "is" } else { "are" },
                unknown.join(", "),
                if unknown.len() == 1 { "it" } else { "them" },
            ));
        }
        Ok(plan)
    }

    /// Write [`OUTPUT_FILES`] into folder `dir` as one set: all of them
    /// replace the old ones at once, or none does.
    pub fn write_dir(&self, dir: &Path) -> Result<(), OutputError> {
        let set = OutputSet::begin(dir, &OUTPUT_FILES)?;
        self.write_to(&set)?;
        set.commit()
    }

    /// Stage [`OUTPUT_FILES`] in `set` (begun with them as its names).
    pub fn write_to(&self, set: &OutputSet) -> Result<(), OutputError> {
        let files = [
            (
                "plan.json",
                serde_json::to_vec_pretty(self).map_err(std::io::Error::other),
            ),
            ("visits.csv", self.visits_csv()),
            ("oncall.csv", self.oncall_csv()),
            ("families.csv", self.families_csv()),
            ("nurses.csv", self.nurses_csv()),
        ];
        for (name, bytes) in files {
            let bytes = bytes.map_err(|cause| OutputError::Io {
                action: "write",
                path: set.shown().join(name),
                cause,
            })?;
            set.write(name, &bytes)?;
        }
        Ok(())
    }

    fn visits_csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["nurse", "family", "date", "hours"])?;
        for v in &self.visits {
            w.write_record([
                &v.nurse,
                &v.family,
                &v.date.to_string(),
                &v.hours.to_string(),
            ])?;
        }
        finish(w)
    }

    fn oncall_csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["nurse", "date", "shift"])?;
        for o in &self.oncall {
            let shift = serde_json::to_value(o.shift).map_err(std::io::Error::other)?;
            w.write_record([&o.nurse, &o.date.to_string(), shift.as_str().unwrap_or("")])?;
        }
        finish(w)
    }

    fn families_csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "id",
            "floor",
            "episode_floor",
            "planned",
            "delivered_total",
            "indicated",
            "target",
            "below_floor",
            "shortfall",
            "short_days",
            "nurses",
            "served_by",
            "measures",
        ])?;
        for f in &self.families {
            let short_days: Vec<String> = f.short_days.iter().map(|d| d.to_string()).collect();
            w.write_record([
                f.id.clone(),
                f.floor.to_string(),
                f.episode_floor.to_string(),
                f.planned.to_string(),
                f.delivered_total.to_string(),
                f.indicated.to_string(),
                format!("{:.2}", f.target),
                f.below_floor.to_string(),
                f.shortfall.to_string(),
                short_days.join(";"),
                f.nurses.to_string(),
                f.served_by.clone().unwrap_or_default(),
                f.measures.join(";"),
            ])?;
        }
        finish(w)
    }

    fn nurses_csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "id",
            "hours",
            "days_worked",
            "oncall_shifts",
            "under_contract_min",
            "travel_km",
            "travel_hours",
            "measures",
        ])?;
        for n in &self.nurses {
            w.write_record([
                n.id.clone(),
                n.hours.to_string(),
                n.days_worked.to_string(),
                n.oncall_shifts.to_string(),
                n.under_contract_min.join(";"),
                format!("{:.1}", n.travel_km),
                format!("{:.2}", n.travel_hours),
                n.measures.join(";"),
            ])?;
        }
        finish(w)
    }
}

fn finish(w: csv::Writer<Vec<u8>>) -> std::io::Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}
