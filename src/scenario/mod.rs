//! Wire types of the scenario (`kraamplan/scenario@1`, see `docs/format.md`)
//! and reading them from JSON.
//!
//! These structs mirror the JSON exactly; engines never touch them. The
//! conversion into the indexed problem lives in [`crate::model`]. Unknown
//! fields are not rejected by serde here: [`read_scenario`] collects every
//! unknown path so that validation can report all typos at once.

pub mod events;
pub mod limits;
pub mod locks;
pub mod shape;
pub mod validate;

use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The format tag every scenario must carry.
pub const SCENARIO_FORMAT: &str = "kraamplan/scenario@1";

/// A whole planning scenario: the region, its nurses and families, the horizon.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Scenario {
    /// Must be `kraamplan/scenario@1`.
    pub format: String,
    /// Free text shown in reports.
    pub name: String,
    /// First day of the planning horizon.
    pub start: NaiveDate,
    /// Number of days in the horizon (1–42).
    pub days: u32,
    /// Rule parameters; every key optional, defaults from `models/rules.md`.
    #[serde(default)]
    pub rules: Rules,
    /// Measures (ids `M-…`) this scenario allows.
    #[serde(default)]
    pub measures: Vec<String>,
    /// Care providers (kraamzorgaanbieders), including freelancers.
    pub providers: Vec<Provider>,
    /// Maternity nurses (kraamverzorgenden).
    pub nurses: Vec<Nurse>,
    /// Families (kraamgezinnen) with an episode that may touch the horizon.
    pub families: Vec<Family>,
    /// The partus pool (on-call duty for births), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partus_pool: Option<PartusPool>,
    /// A (temporary) regional kraamcentrum: families gathered at a centre,
    /// where one nurse serves several a day (M-KRAAMCENTRUM). Left out when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kraamcentrum: Option<Kraamcentrum>,
    /// The events `kraamplan roll` applied for this night (`models/roll.md`),
    /// in order, so that `replan` can name them among its changes; a new roll
    /// replaces them. Left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<events::Event>,
}

/// Rule parameters. Every field is optional in JSON; `None` means the default
/// of `models/rules.md` (see the `*_or_default` accessors).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Rules {
    /// ATW-DAY-MAX: hours a nurse works per day (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_nurse_hours_per_day: Option<u32>,
    /// CARE-MAX: hours of care a family gets on one day (default 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_family_hours_per_day: Option<u32>,
    /// ATW-WEEK-MAX: hours a nurse works per ISO week (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours_per_week: Option<u32>,
    /// ATW-AVG-4W: average weekly hours over any 4 weeks (default 55).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_avg_hours_4w: Option<u32>,
    /// ATW-AVG-16W: average weekly hours over any 16 weeks (default 48).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_avg_hours_16w: Option<u32>,
    /// Nurse–family pairs farther apart than this are never planned (default 25 km).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_travel_km: Option<f64>,
    /// Travel speed used to turn distance into time (default 30 km/h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_kmh: Option<f64>,
    /// ORG-EPISODE-REST: free days between two families (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_days_between_episodes: Option<u32>,
    /// ATW-WEEKLY-REST on or off (default on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_rest: Option<bool>,
    /// ATW-ONCALL-4W: on-call days per 4 weeks (default 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_oncall_days_4w: Option<u32>,
    /// Whether on-call hours count as working time for ATW-DAY-MAX and ATW-WEEK-MAX (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oncall_counts_as_work: Option<bool>,
    /// VISIT-MIN: a visit lasts at least this many hours (default 3, the daily floor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_visit_hours: Option<u32>,
    /// Who gets the scarce hours (default `normenkader`; `models/fairness.md`):
    /// `utilitarian`, `proportional` and `first-come` are there to compare.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<crate::domain::policy::Policy>,
}

/// Default values of the rules, from `models/rules.md`.
pub mod defaults {
    /// ATW-DAY-MAX (CAO).
    pub const MAX_NURSE_HOURS_PER_DAY: u32 = 10;
    /// CARE-MAX per day.
    pub const MAX_FAMILY_HOURS_PER_DAY: u32 = 8;
    /// ATW-WEEK-MAX.
    pub const MAX_HOURS_PER_WEEK: u32 = 60;
    /// ATW-AVG-4W.
    pub const MAX_AVG_HOURS_4W: u32 = 55;
    /// ATW-AVG-16W.
    pub const MAX_AVG_HOURS_16W: u32 = 48;
    /// Maximum nurse–family distance.
    pub const MAX_TRAVEL_KM: f64 = 25.0;
    /// Travel speed.
    pub const TRAVEL_KMH: f64 = 30.0;
    /// ORG-EPISODE-REST.
    pub const REST_DAYS_BETWEEN_EPISODES: u32 = 0;
    /// ATW-ONCALL-4W.
    pub const MAX_ONCALL_DAYS_4W: u32 = 14;
    /// VISIT-MIN: the daily floor of 3 hours, given in one visit.
    pub const MIN_VISIT_HOURS: u32 = 3;
}

impl Rules {
    /// ATW-DAY-MAX in hours.
    pub fn max_nurse_hours_per_day(&self) -> u32 {
        self.max_nurse_hours_per_day
            .unwrap_or(defaults::MAX_NURSE_HOURS_PER_DAY)
    }
    /// CARE-MAX per day in hours.
    pub fn max_family_hours_per_day(&self) -> u32 {
        self.max_family_hours_per_day
            .unwrap_or(defaults::MAX_FAMILY_HOURS_PER_DAY)
    }
    /// ATW-WEEK-MAX in hours.
    pub fn max_hours_per_week(&self) -> u32 {
        self.max_hours_per_week
            .unwrap_or(defaults::MAX_HOURS_PER_WEEK)
    }
    /// ATW-AVG-4W in hours per week.
    pub fn max_avg_hours_4w(&self) -> u32 {
        self.max_avg_hours_4w.unwrap_or(defaults::MAX_AVG_HOURS_4W)
    }
    /// ATW-AVG-16W in hours per week.
    pub fn max_avg_hours_16w(&self) -> u32 {
        self.max_avg_hours_16w
            .unwrap_or(defaults::MAX_AVG_HOURS_16W)
    }
    /// The allocation policy (default `normenkader`).
    pub fn policy(&self) -> crate::domain::policy::Policy {
        self.policy.unwrap_or_default()
    }
    /// Maximum travel distance in km.
    pub fn max_travel_km(&self) -> f64 {
        self.max_travel_km.unwrap_or(defaults::MAX_TRAVEL_KM)
    }
    /// Travel speed in km/h.
    pub fn travel_kmh(&self) -> f64 {
        self.travel_kmh.unwrap_or(defaults::TRAVEL_KMH)
    }
    /// ORG-EPISODE-REST in days.
    pub fn rest_days_between_episodes(&self) -> u32 {
        self.rest_days_between_episodes
            .unwrap_or(defaults::REST_DAYS_BETWEEN_EPISODES)
    }
    /// ATW-WEEKLY-REST switched on.
    pub fn weekly_rest(&self) -> bool {
        self.weekly_rest.unwrap_or(true)
    }
    /// ATW-ONCALL-4W in days.
    pub fn max_oncall_days_4w(&self) -> u32 {
        self.max_oncall_days_4w
            .unwrap_or(defaults::MAX_ONCALL_DAYS_4W)
    }
    /// On-call hours count toward ATW-DAY-MAX / ATW-WEEK-MAX.
    pub fn oncall_counts_as_work(&self) -> bool {
        self.oncall_counts_as_work.unwrap_or(true)
    }
    /// VISIT-MIN in hours.
    pub fn min_visit_hours(&self) -> u32 {
        self.min_visit_hours.unwrap_or(defaults::MIN_VISIT_HOURS)
    }
}

/// A care provider (kraamzorgaanbieder); a freelancer is a provider of one.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Provider {
    /// Unique id.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Contracted by the insurers (may take waiting-list families).
    #[serde(default = "yes")]
    pub contracted: bool,
    /// Member of the KSV.
    #[serde(default = "yes")]
    pub ksv_member: bool,
    /// A freelancer (zzp).
    #[serde(default)]
    pub freelancer: bool,
}

fn yes() -> bool {
    true
}

/// Role of a nurse (ROLE rule).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Qualified kraamverzorgende.
    #[default]
    Nurse,
    /// Kraamverzorgende in opleiding: only under M-KIO at low complexity.
    Kio,
    /// Office staff with a nurse diploma: only under M-OFFICE.
    OfficeQualified,
}

/// A kraamverzorgende.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Nurse {
    /// Unique id.
    pub id: String,
    /// Employing provider id.
    pub provider: String,
    /// Role (default `nurse`).
    #[serde(default)]
    pub role: Role,
    /// Contract minimum hours per week (under-minimum is reported, not forbidden).
    #[serde(default)]
    pub contract_min: u32,
    /// Contract maximum hours per week (CONTRACT, hard).
    pub contract_max: u32,
    /// Home location `[lat, lon]` (WGS84).
    pub home: [f64; 2],
    /// Dates without work (days off, leave, sickness): AVAIL.
    #[serde(default)]
    pub off: Vec<NaiveDate>,
    /// May take partus-pool on-call shifts.
    #[serde(default)]
    pub partus: bool,
    /// Measures this nurse consented to in writing.
    #[serde(default)]
    pub consent: Vec<String>,
    /// Work before the horizon, for the rest and average rules.
    #[serde(default)]
    pub history: History,
}

/// Work history of a nurse before `start`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct History {
    /// Dates before `start` on which she worked (care or on-call).
    #[serde(default)]
    pub worked: Vec<NaiveDate>,
    /// Dates before `start` on which she was on call.
    #[serde(default)]
    pub oncall: Vec<NaiveDate>,
    /// Dates before `start` on which she had a night shift (23–07), each also
    /// in `oncall`. A night on the day before `start` keeps `start` free of
    /// care and of day and evening shifts (ATW-NIGHT-REST).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub oncall_nights: Vec<NaiveDate>,
    /// Hours of complete ISO weeks before the week of `start`, most recent last.
    #[serde(default)]
    pub weekly_hours: Vec<u32>,
    /// Hours already worked in the ISO week of `start` before `start` (default 0).
    #[serde(default)]
    pub current_week_hours: u32,
}

/// Complexity of a family's care (ROLE: KIO only at `low`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "snake_case")]
pub enum Complexity {
    /// Low complexity.
    #[default]
    Low,
    /// Medium complexity.
    Medium,
    /// High complexity.
    High,
}

/// A family (kraamgezin) and its care episode.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Family {
    /// Unique id.
    pub id: String,
    /// Provider id, or `null` for the regional waiting list.
    pub provider: Option<String>,
    /// First day of the episode (birth, or discharge after a hospital birth).
    pub care_start: NaiveDate,
    /// Expected due date (40 weeks) of a birth that has not happened by
    /// `start`: the family is a *booking*. `solve` plans it with `care_start`
    /// (the planner's expectation); `forecast` samples its birth around `due`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Episode length in days (1–10, default 8).
    #[serde(default = "eight")]
    pub care_days: u32,
    /// LIP indication for the episode in hours (24–80), before the hospital deduction.
    pub indicated_hours: u32,
    /// Hours already delivered before `start`.
    #[serde(default)]
    pub delivered_before: u32,
    /// Episode days spent in hospital (no home care).
    #[serde(default)]
    pub hospital: Vec<NaiveDate>,
    /// Complexity (default `low`).
    #[serde(default)]
    pub complexity: Complexity,
    /// Triage priority: 1 most urgent … 3 (default 3).
    #[serde(default = "three")]
    pub priority: u8,
    /// Home location `[lat, lon]` (WGS84).
    pub home: [f64; 2],
    /// Nurses who already served this family.
    #[serde(default)]
    pub known_nurses: Vec<String>,
    /// When the family comes home on its first home day: `day` (default) or
    /// `evening` (after 18:00: an evening discharge or a late home birth,
    /// normally served with start-up care; M-NO-STARTUP skips that day).
    #[serde(default)]
    pub arrival: Arrival,
    /// The family's health insurer (zorgverzekeraar), e.g. `"VGZ"`: optional,
    /// so that `kraamplan fairness --by insurer` can audit the Normenkader's
    /// promise that the insured of every insurer get their 24 hours (§5.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurer: Option<String>,
}

impl Scenario {
    /// The last day of the horizon.
    pub fn end(&self) -> NaiveDate {
        crate::domain::calendar::add_days(self.start, i64::from(self.days) - 1)
    }

    /// Family `f`'s episode has a day in the horizon (at home or in hospital).
    pub fn in_horizon(&self, f: &Family) -> bool {
        let last = crate::domain::calendar::add_days(f.care_start, i64::from(f.care_days) - 1);
        f.care_start <= self.end() && last >= self.start
    }
}

/// When a family comes home on the first home day of its episode.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    /// Before 18:00: care starts that day.
    #[default]
    Day,
    /// After 18:00: start-up care that evening, or none under M-NO-STARTUP.
    Evening,
}

fn eight() -> u32 {
    8
}
fn three() -> u8 {
    3
}

/// Partus pool: on-call shifts for births.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct PartusPool {
    /// `regional` (all providers staff one pool) or `provider`.
    #[serde(default)]
    pub scope: PoolScope,
    /// Required on-call nurses per shift.
    #[serde(default)]
    pub shifts: Vec<ShiftRequirement>,
    /// Expected partus-assistance calls per day (instead of `shifts`; Erlang-B).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_pa_per_day: Option<f64>,
    /// Mean hours of one partus assistance (default 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pa_hours: Option<f64>,
    /// Target probability that a call finds nobody free (default 0.01).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_blocking: Option<f64>,
    /// A region's minimum on call per shift with a requirement (capped at
    /// that requirement; in scope `provider` at each provider's share), ranked
    /// above the floor (POOL-MIN). 0, the default, leaves the floor first.
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub min_on_call: u32,
}

fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}

/// Scope of the partus pool.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum PoolScope {
    /// One pool for the region.
    #[default]
    Regional,
    /// Each provider staffs its own share.
    Provider,
}

/// On-call shift of the partus pool.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Shift {
    /// 07–15.
    Day,
    /// 15–23.
    Evening,
    /// 23–07.
    Night,
}

impl Shift {
    /// The JSON name of the shift, for messages and CSV files.
    pub const fn name(self) -> &'static str {
        match self {
            Shift::Day => "day",
            Shift::Evening => "evening",
            Shift::Night => "night",
        }
    }
}

/// Required number of on-call nurses for one shift.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ShiftRequirement {
    /// Date of the shift (a night shift starts on this date at 23:00).
    pub date: NaiveDate,
    /// Which shift.
    pub shift: Shift,
    /// Nurses required on call.
    pub required: u32,
}

/// A regional kraamcentrum (Normenkader 2026, Format Regioplan §2.1): low-complexity
/// families come to the centre on a home day and get exactly the floor's 3 hours
/// there; one nurse keeps up to `size` of them at the floor on her centre day
/// (M-KRAAMCENTRUM, `models/rules.md`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Kraamcentrum {
    /// Families one nurse keeps at the floor at the centre on one day (2–12).
    pub size: u32,
    /// Families at the centre at once on a day (default `size`; `size`–200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beds: Option<u32>,
    /// The centre's location `[lat, lon]`.
    pub location: [f64; 2],
    /// A nurse's working hours on a centre day (default 8; at most `max_nurse_hours_per_day`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_day: Option<u32>,
    /// The provider whose nurses staff the centre; left out, the nurses of every
    /// contracted provider may (the centre is regional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

/// Default nurse hours of a centre day.
pub const KRAAMCENTRUM_HOURS: u32 = 8;

impl Kraamcentrum {
    /// Families at the centre at once on a day (`beds`, default `size`).
    pub fn beds(&self) -> u32 {
        self.beds.unwrap_or(self.size)
    }
    /// A nurse's working hours on a centre day (default 8).
    pub fn hours_per_day(&self) -> u32 {
        self.hours_per_day.unwrap_or(KRAAMCENTRUM_HOURS)
    }
}

/// Every measure id of `models/rules.md`, in tier order.
pub const MEASURE_IDS: &[&str] = &[
    "M-COMBINED",
    "M-NO-STARTUP",
    "M-REDUCED-REST",
    "M-SEVEN-DAYS",
    "M-OFFICE",
    "M-LENDING",
    "M-FLEX",
    "M-KIO",
    "M-WAITLIST",
    "M-KRAAMCENTRUM",
];

/// A scenario as read from disk, with every JSON path serde did not know.
#[derive(Debug, Clone)]
pub struct ReadScenario {
    /// The parsed scenario.
    pub scenario: Scenario,
    /// Paths of fields that are not part of the format (typos), e.g. `nurses[3].contrat_max`.
    pub unknown_fields: Vec<String>,
}

/// Why a scenario file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read as UTF-8 text (missing, a directory, too
    /// large, UTF-16, Latin-1; see [`crate::scenario::limits::read_text`]).
    #[error(transparent)]
    File(#[from] crate::scenario::limits::InputError),
    /// The text is not JSON.
    #[error("{path}: not valid JSON: {message} — correct the syntax there; see docs/format.md")]
    Syntax {
        /// The path given.
        path: String,
        /// serde's message, with line and column.
        message: String,
    },
    /// More text after the scenario's JSON value (stray characters, or two
    /// scenarios in one file).
    #[error("{path}: more text after the end of the scenario, at line {line} column {column} — a file holds one scenario: remove what follows its closing `}}`")]
    Trailing {
        /// The path given.
        path: String,
        /// 1-based line of the extra text.
        line: usize,
        /// 1-based column of the extra text.
        column: usize,
    },
    /// A value of the wrong shape: an array for an object, an unknown enum
    /// value, a date that is not one, a `home` that is not `[lat, lon]`.
    #[error("{path}: invalid scenario at `{field}`: {problem}")]
    Shape {
        /// The path given.
        path: String,
        /// JSON path of the offending field (`.` for the document itself).
        field: String,
        /// The value, what is wrong and the fix.
        problem: String,
    },
    /// A field has the wrong type.
    #[error("{path}: invalid scenario at `{field}`: {message} — see docs/format.md for the expected type")]
    Json {
        /// The path given.
        path: String,
        /// JSON path of the offending field (`.` when the document itself is broken).
        field: String,
        /// serde's message, with line and column.
        message: String,
    },
}

/// Parse a scenario from JSON text, collecting unknown fields instead of failing on them.
///
/// The text must hold exactly one JSON object of the scenario's shape
/// ([`crate::scenario::shape`]: objects where the format has objects, known enum
/// values, real dates, `home` as `[lat, lon]`) before serde reads it.
pub fn parse_scenario(text: &str, origin: &str) -> Result<ReadScenario, ReadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = <serde_json::Value as Deserialize>::deserialize(&mut de).map_err(|e| {
        ReadError::Syntax {
            path: origin.to_string(),
            message: e.to_string(),
        }
    })?;
    de.end().map_err(|e| ReadError::Trailing {
        path: origin.to_string(),
        line: e.line(),
        column: e.column(),
    })?;
    crate::scenario::shape::check_scenario(&value).map_err(|e| ReadError::Shape {
        path: origin.to_string(),
        field: e.field,
        problem: e.problem,
    })?;
    drop(value);
    let mut unknown = Vec::new();
    let de = &mut serde_json::Deserializer::from_str(text);
    let mut record = |path: serde_ignored::Path| unknown.push(path.to_string());
    let ignored = serde_ignored::Deserializer::new(de, &mut record);
    let result: Result<Scenario, _> = serde_path_to_error::deserialize(ignored);
    match result {
        Ok(scenario) => Ok(ReadScenario {
            scenario,
            unknown_fields: unknown,
        }),
        Err(err) => Err(ReadError::Json {
            path: origin.to_string(),
            field: err.path().to_string(),
            message: err.into_inner().to_string(),
        }),
    }
}

/// Read and parse a scenario file (at most [`crate::scenario::limits::MAX_INPUT_BYTES`], UTF-8).
pub fn read_scenario(path: &Path) -> Result<ReadScenario, ReadError> {
    let text = crate::scenario::limits::read_text(path)?;
    parse_scenario(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn valid() -> Value {
        json!({
            "format": SCENARIO_FORMAT, "name": "t", "start": "2026-07-06", "days": 7,
            "rules": {}, "measures": [],
            "providers": [{ "id": "P1" }],
            "nurses": [{ "id": "N001", "provider": "P1", "contract_max": 32, "home": [52.09, 5.12],
                         "off": [], "history": { "worked": [] } }],
            "families": [{ "id": "F001", "provider": "P1", "care_start": "2026-07-06",
                           "indicated_hours": 49, "home": [52.1, 5.1] }],
            "partus_pool": { "scope": "regional",
                             "shifts": [{ "date": "2026-07-06", "shift": "night", "required": 1 }] }
        })
    }

    /// The read error of `text`, as the user sees it.
    #[track_caller]
    fn error_of(text: &str) -> String {
        match parse_scenario(text, "s.json") {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e.to_string(),
        }
    }

    /// The read error after one edit of the valid scenario.
    #[track_caller]
    fn error_with(edit: impl FnOnce(&mut Value)) -> String {
        let mut v = valid();
        edit(&mut v);
        error_of(&v.to_string())
    }

    #[test]
    fn the_test_scenario_reads() {
        parse_scenario(&valid().to_string(), "s.json").unwrap();
    }

    #[test]
    fn issue11_trailing_garbage_is_rejected() {
        let e = error_of(&format!("{} xyz", valid()));
        assert!(
            e.contains("more text after the end of the scenario") && e.contains("line 1"),
            "{e}"
        );
    }

    #[test]
    fn issue11_two_concatenated_scenarios_are_rejected() {
        let one = serde_json::to_string_pretty(&valid()).unwrap();
        let e = error_of(&format!("{one}\n{one}\n"));
        assert!(e.contains("a file holds one scenario"), "{e}");
    }

    #[test]
    fn issue11_arrays_in_place_of_objects_are_rejected() {
        type Edit = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(&str, Edit)> = vec![
            (".", Box::new(|v| *v = json!([v.clone()]))),
            ("rules", Box::new(|v| v["rules"] = json!([10, 8]))),
            (
                "providers[0]",
                Box::new(|v| v["providers"][0] = json!(["P1", "Noord"])),
            ),
            (
                "nurses[0]",
                Box::new(|v| v["nurses"][0] = json!(["N001", "P1", "nurse", 0, 32, [52.09, 5.12]])),
            ),
            (
                "nurses[0].history",
                Box::new(|v| v["nurses"][0]["history"] = json!([[], []])),
            ),
            (
                "families[0]",
                Box::new(|v| v["families"][0] = json!(["F001", "P1", "2026-07-06"])),
            ),
            (
                "partus_pool",
                Box::new(|v| v["partus_pool"] = json!(["regional", []])),
            ),
            (
                "partus_pool.shifts[0]",
                Box::new(|v| v["partus_pool"]["shifts"][0] = json!(["2026-07-06", "night", 1])),
            ),
        ];
        for (field, edit) in cases {
            let e = error_with(edit);
            assert!(e.contains(&format!("at `{field}`")), "{field}: {e}");
            assert!(
                e.contains("is a JSON array") && e.contains("must be a JSON object"),
                "{field}: {e}"
            );
        }
    }

    #[test]
    fn issue11_complexity_null_lists_the_valid_values() {
        let e = error_with(|v| v["families"][0]["complexity"] = Value::Null);
        assert!(
            e.contains("families[0].complexity") && e.contains("null"),
            "{e}"
        );
        assert!(e.contains("\"low\", \"medium\", \"high\""), "{e}");
    }

    #[test]
    fn issue11_every_enum_lists_its_values() {
        let e = error_with(|v| v["nurses"][0]["role"] = json!("Nurse"));
        assert!(
            e.contains("nurses[0].role") && e.contains("did you mean \"nurse\""),
            "{e}"
        );
        assert!(e.contains("\"kio\", \"office_qualified\""), "{e}");
        let e = error_with(|v| v["families"][0]["arrival"] = json!("night"));
        assert!(e.contains("\"day\", \"evening\""), "{e}");
        let e = error_with(|v| v["partus_pool"]["scope"] = json!(1));
        assert!(
            e.contains("partus_pool.scope") && e.contains("\"regional\", \"provider\""),
            "{e}"
        );
        let e = error_with(|v| v["partus_pool"]["shifts"][0]["shift"] = json!("late"));
        assert!(
            e.contains("partus_pool.shifts[0].shift") && e.contains("\"night\""),
            "{e}"
        );
    }

    #[test]
    fn issue11_home_with_three_numbers_says_lat_lon() {
        let e = error_with(|v| v["nurses"][0]["home"] = json!([52.09, 5.12, 3.0]));
        assert!(
            e.contains("nurses[0].home") && e.contains("[52.09,5.12,3.0]"),
            "{e}"
        );
        assert!(e.contains("[lat, lon]") && e.contains("two numbers"), "{e}");
        let e = error_with(|v| v["families"][0]["home"] = json!("Utrecht"));
        assert!(
            e.contains("families[0].home") && e.contains("[lat, lon]"),
            "{e}"
        );
    }

    #[test]
    fn issue11_february_30_echoes_the_value() {
        let e = error_with(|v| v["start"] = json!("2026-02-30"));
        assert!(e.contains("`start`") && e.contains("\"2026-02-30\""), "{e}");
        assert!(
            e.contains("not a calendar date") && e.contains("February 2026 has 28 days"),
            "{e}"
        );
        let e = error_with(|v| v["nurses"][0]["off"] = json!(["2026-07-07", "2026-04-31"]));
        assert!(
            e.contains("nurses[0].off[1]") && e.contains("April 2026 has 30 days"),
            "{e}"
        );
    }

    #[test]
    fn issue11_day_month_year_names_the_format() {
        let e = error_with(|v| v["families"][0]["care_start"] = json!("20/07/2026"));
        assert!(
            e.contains("families[0].care_start") && e.contains("\"20/07/2026\""),
            "{e}"
        );
        assert!(e.contains("YYYY-MM-DD") && e.contains("2026-07-20"), "{e}");
        let e = error_with(|v| v["partus_pool"]["shifts"][0]["date"] = json!(20260706));
        assert!(
            e.contains("partus_pool.shifts[0].date") && e.contains("YYYY-MM-DD"),
            "{e}"
        );
    }

    #[test]
    fn issue11_other_type_errors_keep_path_and_position() {
        let e = error_with(|v| v["days"] = json!("seven"));
        assert!(
            e.contains("`days`") && e.contains("seven") && e.contains("line 1"),
            "{e}"
        );
    }
}
