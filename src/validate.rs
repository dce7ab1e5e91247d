//! Input checks run before any model is built (style.md point 3).
//!
//! Every input rule is one small function listed in `CHECKS`; [`validate`] runs them
//! all and returns every problem at once, so a planner fixes a file in one pass
//! instead of one error per run. Each [`Issue`] names a code (`V-…`), the JSON
//! path of the offending field, its value, the cause and a concrete fix.
//! Errors make a scenario unusable; warnings flag input that is legal but
//! probably not what the planner meant. Validation never panics on input.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::geo::in_netherlands;
use crate::limits;
use crate::rules::RuleId;
use crate::scenario::{
    defaults, Family, Nurse, ReadScenario, Role, Scenario, Shift, MEASURE_IDS, SCENARIO_FORMAT,
};

/// Measures that apply only to nurses who consented in writing (`models/rules.md`).
pub const NEEDS_CONSENT: &[&str] = &[
    RuleId::MCombined.id(),
    RuleId::MReducedRest.id(),
    RuleId::MFlex.id(),
];

/// The longest horizon, in days (six weeks keep the MILP tractable).
pub const MAX_DAYS: u32 = 42;

/// How far back `history.worked` / `history.oncall` may reach: 16 weeks, the
/// longest window any rule (ATW-AVG-16W) looks at.
const HISTORY_DAYS: u64 = 112;

/// Whether an issue blocks solving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The scenario cannot be planned as given.
    Error,
    /// Legal input that is probably not what the planner meant.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Stable code (`V-CONTRACT`, …) a planner can look up.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// JSON path of the field, e.g. `nurses[2].contract_min`.
    pub field: String,
    /// The offending value as found in the input.
    pub value: String,
    /// What is wrong, naming the object's id.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Issue {
    /// True for [`Severity::Error`]: the scenario must not be solved.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}] {}", self.severity, self.code, self.field)?;
        if !self.value.is_empty() {
            write!(f, " = {}", self.value)?;
        }
        write!(f, ": {}", self.message)?;
        if !self.fix.is_empty() {
            write!(f, " — {}", self.fix)?;
        }
        Ok(())
    }
}

/// The errors (not the warnings) of a scenario made in memory — a sweep
/// variant, a forecast run — one line each.
pub fn errors(s: &Scenario) -> Vec<String> {
    let read = ReadScenario {
        scenario: s.clone(),
        unknown_fields: Vec::new(),
    };
    validate(&read)
        .into_iter()
        .filter(Issue::is_error)
        .map(|i| i.to_string())
        .collect()
}

/// Check a scenario against every input rule; errors first, then warnings,
/// each group in the order of the fields in the file.
pub fn validate(read: &ReadScenario) -> Vec<Issue> {
    let input = Input {
        s: &read.scenario,
        unknown_fields: &read.unknown_fields,
        horizon: Horizon::of(&read.scenario),
    };
    let mut issues = Vec::new();
    for check in CHECKS {
        check(&input, &mut issues);
    }
    // Stable sort: issues on the same field keep the order their checks found them.
    issues.sort_by_cached_key(|i| (i.severity, path_rank(&i.field)));
    issues
}

/// What every check sees.
struct Input<'a> {
    s: &'a Scenario,
    unknown_fields: &'a [String],
    /// `None` when `days` is invalid: checks against the horizon end are then
    /// skipped rather than flooding the report with follow-up errors.
    horizon: Option<Horizon>,
}

type Check = fn(&Input, &mut Vec<Issue>);

/// Every input rule, in the order of the format description.
const CHECKS: &[Check] = &[
    check_format,
    check_horizon,
    check_date_range,
    check_unknown_fields,
    check_rules,
    check_measures,
    check_unmodelled_measures,
    check_ids,
    check_refs,
    check_contracts,
    check_roles,
    check_coordinates,
    check_off_dates,
    check_history_dates,
    check_duplicate_dates,
    check_history_hours,
    check_care_days,
    check_episode_in_horizon,
    check_due,
    check_indication,
    check_hospital,
    check_priority,
    check_waitlist,
    check_pool,
    check_pool_dates,
];

// ---------------------------------------------------------------------------
// Checks, one per input rule.
// ---------------------------------------------------------------------------

/// V-FORMAT: only version 1 of the format is understood.
fn check_format(input: &Input, out: &mut Vec<Issue>) {
    let format = &input.s.format;
    if format != SCENARIO_FORMAT {
        out.push(error(
            "V-FORMAT",
            "format",
            format!("{format:?}"),
            format!("this engine reads `{SCENARIO_FORMAT}` scenarios only"),
            format!("set \"format\": \"{SCENARIO_FORMAT}\" (and check the file is a scenario, not a plan)"),
        ));
    }
}

/// V-HORIZON: a horizon of 1–42 days (six weeks keeps the MILP tractable).
fn check_horizon(input: &Input, out: &mut Vec<Issue>) {
    let days = input.s.days;
    if !(1..=MAX_DAYS).contains(&days) {
        out.push(error(
            "V-HORIZON",
            "days",
            days,
            format!("a horizon of {days} days is outside 1–{MAX_DAYS}"),
            format!("use a number of days between 1 and {MAX_DAYS}; plan longer periods in consecutive runs"),
        ));
    }
}

/// V-DATE: every date lies in the supported range 1900-01-01 … 2200-12-31
/// (`crate::limits`), and so do the dates derived from them: the horizon's
/// end, an episode's last day, a booking's births as `forecast` samples them.
fn check_date_range(input: &Input, out: &mut Vec<Issue>) {
    let s = input.s;
    let (first, last) = (limits::first_date(), limits::last_date());
    let range = format!(
        "the supported dates are {first} … {last} (years {}–{})",
        limits::FIRST_YEAR,
        limits::LAST_YEAR
    );
    let fix = format!(
        "use a date in the years {}–{}",
        limits::FIRST_YEAR,
        limits::LAST_YEAR
    );
    let given = |field: String, d: NaiveDate, who: &str, out: &mut Vec<Issue>| -> bool {
        let ok = limits::date_supported(d);
        if !ok {
            out.push(error(
                "V-DATE",
                field,
                d,
                format!("{who}{d} is outside the supported range: {range}"),
                fix.clone(),
            ));
        }
        ok
    };
    // A derived date `from + days` past the last supported date.
    let past_end = |from: NaiveDate, days: u32| {
        from.checked_add_days(Days::new(u64::from(days)))
            .filter(|d| *d <= last)
            .is_none()
    };
    if given("start".into(), s.start, "start ", out)
        && (1..=MAX_DAYS).contains(&s.days)
        && past_end(s.start, s.days - 1)
    {
        out.push(error(
            "V-DATE",
            "start",
            s.start,
            format!(
                "a horizon of {} days from {} ends after {last}, the last supported date",
                s.days, s.start
            ),
            format!("start at least {} days before {last}", s.days - 1),
        ));
    }
    for (i, n) in s.nurses.iter().enumerate() {
        let who = format!("nurse {}: date ", id(&n.id));
        for (j, d) in n.off.iter().enumerate() {
            given(format!("nurses[{i}].off[{j}]"), *d, &who, out);
        }
        for (name, dates) in [("worked", &n.history.worked), ("oncall", &n.history.oncall)] {
            for (j, d) in dates.iter().enumerate() {
                given(format!("nurses[{i}].history.{name}[{j}]"), *d, &who, out);
            }
        }
    }
    for (i, f) in s.families.iter().enumerate() {
        let who = format!("family {}: date ", id(&f.id));
        let field = format!("families[{i}].care_start");
        if given(field.clone(), f.care_start, &who, out)
            && (1..=10).contains(&f.care_days)
            && past_end(f.care_start, f.care_days - 1)
        {
            out.push(error(
                "V-DATE",
                field,
                f.care_start,
                format!(
                    "family {}: an episode of {} days from {} ends after {last}, the last supported date",
                    id(&f.id),
                    f.care_days,
                    f.care_start
                ),
                fix.clone(),
            ));
        }
        if let Some(due) = f.due {
            let field = format!("families[{i}].due");
            let window = DUE_WINDOW_DAYS as u32;
            if given(field.clone(), due, &who, out) && past_end(due, window) {
                out.push(error(
                    "V-DATE",
                    field,
                    due,
                    format!(
                        "family {}: due {due}: a birth `forecast` samples up to {window} days after it would fall after {last}, the last supported date",
                        id(&f.id)
                    ),
                    format!("use a due date at least {window} days before {last}"),
                ));
            }
        }
        for (j, d) in f.hospital.iter().enumerate() {
            given(format!("families[{i}].hospital[{j}]"), *d, &who, out);
        }
    }
    if let Some(pool) = &s.partus_pool {
        for (j, sh) in pool.shifts.iter().enumerate() {
            given(
                format!("partus_pool.shifts[{j}].date"),
                sh.date,
                "shift date ",
                out,
            );
        }
    }
}

/// V-FIELD (V-RULE under `rules`): unknown fields are typos until proven
/// otherwise, and a silently ignored typo changes the plan.
fn check_unknown_fields(input: &Input, out: &mut Vec<Issue>) {
    for raw in input.unknown_fields {
        let segs = parse_path(raw);
        let field = render_path(&segs);
        let Some((Seg::Key(name), parent)) = segs.split_last() else {
            out.push(error(
                "V-FIELD",
                field,
                "",
                format!("unexpected element `{raw}`"),
                "remove it; see docs/format.md",
            ));
            continue;
        };
        let obj = parent.iter().fold(Obj::Scenario, |o, seg| match seg {
            Seg::Key(k) => o.child(k),
            Seg::Index(_) => o,
        });
        let known = obj.fields();
        let code = if obj == Obj::Rules {
            "V-RULE"
        } else {
            "V-FIELD"
        };
        let place = match owner(input.s, &segs) {
            Some(o) => format!(" of {o}"),
            None if parent.is_empty() => " at the top level".to_string(),
            None => format!(" in `{}`", render_path(parent)),
        };
        let fix = match closest(name, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if known.is_empty() => "remove it".to_string(),
            None => format!("remove it; known fields here: {}", known.join(", ")),
        };
        out.push(error(
            code,
            field,
            name,
            format!("unknown field `{name}`{place} would be ignored"),
            fix,
        ));
    }
}

/// V-RULE: rule parameters within sane ranges (ATW limits where they apply).
fn check_rules(input: &Input, out: &mut Vec<Issue>) {
    let r = &input.s.rules;
    use defaults as d;
    int_rule(
        "max_nurse_hours_per_day",
        r.max_nurse_hours_per_day,
        (1, 12),
        d::MAX_NURSE_HOURS_PER_DAY,
        " (ATW maximum 12)",
        out,
    );
    int_rule(
        "max_family_hours_per_day",
        r.max_family_hours_per_day,
        (3, 12),
        d::MAX_FAMILY_HOURS_PER_DAY,
        " (below 3 the daily floor is unreachable)",
        out,
    );
    int_rule(
        "max_hours_per_week",
        r.max_hours_per_week,
        (1, 60),
        d::MAX_HOURS_PER_WEEK,
        " (ATW maximum 60)",
        out,
    );
    int_rule(
        "max_avg_hours_4w",
        r.max_avg_hours_4w,
        (1, 60),
        d::MAX_AVG_HOURS_4W,
        "",
        out,
    );
    int_rule(
        "max_avg_hours_16w",
        r.max_avg_hours_16w,
        (1, 60),
        d::MAX_AVG_HOURS_16W,
        "",
        out,
    );
    int_rule(
        "rest_days_between_episodes",
        r.rest_days_between_episodes,
        (0, 7),
        d::REST_DAYS_BETWEEN_EPISODES,
        "",
        out,
    );
    int_rule(
        "max_oncall_days_4w",
        r.max_oncall_days_4w,
        (0, 28),
        d::MAX_ONCALL_DAYS_4W,
        " (4 weeks have 28 days)",
        out,
    );
    int_rule(
        "min_visit_hours",
        r.min_visit_hours,
        (1, 8),
        d::MIN_VISIT_HOURS,
        " (1 allows visits of any length)",
        out,
    );
    if let Some(v) = r.max_travel_km.filter(|v| !(*v > 0.0 && *v <= 200.0)) {
        out.push(error(
            "V-RULE",
            "rules.max_travel_km",
            v,
            format!("rule max_travel_km = {v} km is not in (0, 200]"),
            format!(
                "use a distance above 0 and at most 200 km, or leave it out for the default {}",
                defaults::MAX_TRAVEL_KM
            ),
        ));
    }
    if let Some(v) = r.travel_kmh.filter(|v| !(5.0..=130.0).contains(v)) {
        out.push(error(
            "V-RULE",
            "rules.travel_kmh",
            v,
            format!("rule travel_kmh = {v} km/h is outside 5–130"),
            format!(
                "use a speed between 5 and 130 km/h, or leave it out for the default {}",
                defaults::TRAVEL_KMH
            ),
        ));
    }
}

/// One integer rule against its range `lo..=hi`; `why` explains the bound.
fn int_rule(
    name: &str,
    value: Option<u32>,
    (lo, hi): (u32, u32),
    default: u32,
    why: &str,
    out: &mut Vec<Issue>,
) {
    if let Some(v) = value.filter(|v| !(lo..=hi).contains(v)) {
        out.push(error(
            "V-RULE",
            format!("rules.{name}"),
            v,
            format!("rule {name} = {v} is outside {lo}–{hi}{why}"),
            format!("use a value between {lo} and {hi}, or leave it out for the default {default}"),
        ));
    }
}

/// V-MEASURE: measure ids in `measures` and in consents must exist.
fn check_measures(input: &Input, out: &mut Vec<Issue>) {
    for (j, m) in input.s.measures.iter().enumerate() {
        if !MEASURE_IDS.contains(&m.as_str()) {
            out.push(error(
                "V-MEASURE",
                format!("measures[{j}]"),
                m,
                format!("unknown measure `{m}`"),
                measure_fix(m),
            ));
        }
    }
    for (k, j, m) in duplicates(&input.s.measures) {
        out.push(error(
            "V-MEASURE",
            format!("measures[{j}]"),
            m,
            format!("measure {m} is listed twice: measures[{k}] and measures[{j}]"),
            "remove the duplicate",
        ));
    }
    for (i, n) in input.s.nurses.iter().enumerate() {
        for (j, m) in n.consent.iter().enumerate() {
            if !MEASURE_IDS.contains(&m.as_str()) {
                out.push(error(
                    "V-MEASURE",
                    format!("nurses[{i}].consent[{j}]"),
                    m,
                    format!("nurse {}: consent names unknown measure `{m}`", id(&n.id)),
                    measure_fix(m),
                ));
            }
        }
        for (k, j, m) in duplicates(&n.consent) {
            out.push(error(
                "V-MEASURE",
                format!("nurses[{i}].consent[{j}]"),
                m,
                format!(
                    "nurse {}: consent lists {m} twice: consent[{k}] and consent[{j}]",
                    id(&n.id)
                ),
                "remove the duplicate",
            ));
        }
    }
}

/// `(first, again, value)` for every element equal to an earlier one.
fn duplicates<T: Eq + std::hash::Hash>(items: &[T]) -> Vec<(usize, usize, &T)> {
    let mut first: HashMap<&T, usize> = HashMap::new();
    let mut out = Vec::new();
    for (j, x) in items.iter().enumerate() {
        match first.get(x) {
            Some(&k) => out.push((k, j, x)),
            None => {
                first.insert(x, j);
            }
        }
    }
    out
}

/// V-DATE: a date listed twice in `off` or a history list is a slip (a
/// copied line, the wrong day changed).
fn check_duplicate_dates(input: &Input, out: &mut Vec<Issue>) {
    for (i, n) in input.s.nurses.iter().enumerate() {
        let lists = [
            ("off", &n.off),
            ("history.worked", &n.history.worked),
            ("history.oncall", &n.history.oncall),
        ];
        for (name, dates) in lists {
            for (k, j, d) in duplicates(dates) {
                out.push(error(
                    "V-DATE",
                    format!("nurses[{i}].{name}[{j}]"),
                    d,
                    format!(
                        "nurse {}: {name} lists {d} twice: {name}[{k}] and {name}[{j}]",
                        id(&n.id)
                    ),
                    "remove the duplicate",
                ));
            }
        }
    }
}

/// V-MEASURE-UNUSED (warning): an allowed measure that needs consent, while
/// no nurse consented to it, can never be used.
fn check_unmodelled_measures(input: &Input, out: &mut Vec<Issue>) {
    let mut seen = HashSet::new();
    for (j, m) in input.s.measures.iter().enumerate() {
        let consented = input.s.nurses.iter().any(|n| n.consent.contains(m));
        if NEEDS_CONSENT.contains(&m.as_str()) && !consented && seen.insert(m.as_str()) {
            out.push(warning(
                "V-MEASURE-UNUSED",
                format!("measures[{j}]"),
                m,
                format!("measure {m} needs a nurse's written consent and no nurse gave it: the plan cannot use it"),
                format!("add {m} to the `consent` of the nurses who agreed"),
            ));
        }
    }
}

/// V-DUP-ID: ids must be unique and non-empty, or references become ambiguous.
fn check_ids(input: &Input, out: &mut Vec<Issue>) {
    let s = input.s;
    dup_ids(
        "providers",
        "provider",
        s.providers.iter().map(|p| p.id.as_str()),
        out,
    );
    dup_ids(
        "nurses",
        "nurse",
        s.nurses.iter().map(|n| n.id.as_str()),
        out,
    );
    dup_ids(
        "families",
        "family",
        s.families.iter().map(|f| f.id.as_str()),
        out,
    );
}

fn dup_ids<'a>(list: &str, kind: &str, ids: impl Iterator<Item = &'a str>, out: &mut Vec<Issue>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        let field = format!("{list}[{i}].id");
        if id.trim().is_empty() {
            out.push(error(
                "V-DUP-ID",
                field,
                format!("{id:?}"),
                format!("{list}[{i}] has an empty id"),
                format!("give every {kind} a unique, non-empty id"),
            ));
        } else if let Some(j) = first.get(id) {
            out.push(error(
                "V-DUP-ID",
                field,
                id,
                format!("{kind} id {id} is used twice: {list}[{j}] and {list}[{i}]"),
                format!("give every {kind} a unique id"),
            ));
        } else {
            first.insert(id, i);
        }
    }
}

/// V-REF: references to providers and nurses must resolve.
fn check_refs(input: &Input, out: &mut Vec<Issue>) {
    let s = input.s;
    let providers: Vec<&str> = s.providers.iter().map(|p| p.id.as_str()).collect();
    let nurses: Vec<&str> = s.nurses.iter().map(|n| n.id.as_str()).collect();
    for (i, n) in s.nurses.iter().enumerate() {
        if !providers.contains(&n.provider.as_str()) {
            out.push(error(
                "V-REF",
                format!("nurses[{i}].provider"),
                &n.provider,
                format!(
                    "nurse {} names provider `{}`, which is not in `providers`",
                    id(&n.id),
                    n.provider
                ),
                ref_fix(&n.provider, "provider", &providers, "add it to `providers`"),
            ));
        }
    }
    for (i, f) in s.families.iter().enumerate() {
        if let Some(p) = f.provider.as_deref().filter(|p| !providers.contains(p)) {
            out.push(error(
                "V-REF",
                format!("families[{i}].provider"),
                p,
                format!(
                    "family {} names provider `{p}`, which is not in `providers`",
                    id(&f.id)
                ),
                ref_fix(
                    p,
                    "provider",
                    &providers,
                    "add it to `providers`, or use null for the waiting list",
                ),
            ));
        }
        for (k, j, n) in duplicates(&f.known_nurses) {
            out.push(error(
                "V-REF",
                format!("families[{i}].known_nurses[{j}]"),
                n,
                format!(
                    "family {}: known nurse {n} is listed twice: known_nurses[{k}] and known_nurses[{j}]",
                    id(&f.id)
                ),
                "remove the duplicate",
            ));
        }
        for (j, k) in f.known_nurses.iter().enumerate() {
            if !nurses.contains(&k.as_str()) {
                out.push(error(
                    "V-REF",
                    format!("families[{i}].known_nurses[{j}]"),
                    k,
                    format!("family {}: known nurse `{k}` is not in `nurses`", id(&f.id)),
                    ref_fix(k, "nurse", &nurses, "remove it or add the nurse"),
                ));
            }
        }
    }
}

/// V-CONTRACT: contract hours consistent and within the weekly ATW limit.
fn check_contracts(input: &Input, out: &mut Vec<Issue>) {
    // An out-of-range rule is reported by check_rules; fall back to the
    // default so one bad rule does not flag every nurse.
    let week_max = input
        .s
        .rules
        .max_hours_per_week
        .filter(|v| (1..=60).contains(v))
        .unwrap_or(defaults::MAX_HOURS_PER_WEEK);
    for (i, n) in input.s.nurses.iter().enumerate() {
        let nid = id(&n.id);
        if n.contract_min > n.contract_max {
            out.push(error(
                "V-CONTRACT",
                format!("nurses[{i}].contract_min"),
                n.contract_min,
                format!(
                    "nurse {nid}: contract_min {} > contract_max {}",
                    n.contract_min, n.contract_max
                ),
                "swap or correct the values",
            ));
        }
        if n.contract_max > week_max {
            out.push(error(
                "V-CONTRACT",
                format!("nurses[{i}].contract_max"),
                n.contract_max,
                format!(
                    "nurse {nid}: contract_max {} exceeds max_hours_per_week {week_max} ({})",
                    n.contract_max,
                    RuleId::AtwWeekMax
                ),
                format!("use at most {week_max} hours"),
            ));
        } else if n.contract_max == 0 {
            out.push(warning(
                "V-CONTRACT",
                format!("nurses[{i}].contract_max"),
                0,
                format!("nurse {nid}: contract_max 0 means she is never planned"),
                "give her contract hours, or leave her out of the scenario",
            ));
        }
    }
}

/// V-ROLE (warning): KIO and office staff are planned only under their measure.
fn check_roles(input: &Input, out: &mut Vec<Issue>) {
    for (i, n) in input.s.nurses.iter().enumerate() {
        let (measure, role) = match n.role {
            Role::Nurse => continue,
            Role::Kio => ("M-KIO", "kio"),
            Role::OfficeQualified => ("M-OFFICE", "office_qualified"),
        };
        if !allows(input.s, measure) {
            out.push(warning(
                "V-ROLE",
                format!("nurses[{i}].role"),
                role,
                format!(
                    "nurse {} has role {role} but {measure} is not allowed: she will not be planned",
                    id(&n.id)
                ),
                format!("add {measure} to `measures` if she may work"),
            ));
        }
    }
}

/// V-COORD: homes must lie in the Netherlands; swapped `[lon, lat]` is the usual slip.
fn check_coordinates(input: &Input, out: &mut Vec<Issue>) {
    let s = input.s;
    let homes = s
        .nurses
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                format!("nurses[{i}].home"),
                format!("nurse {}", id(&n.id)),
                n.home,
            )
        })
        .chain(s.families.iter().enumerate().map(|(i, f)| {
            (
                format!("families[{i}].home"),
                format!("family {}", id(&f.id)),
                f.home,
            )
        }));
    for (field, who, home) in homes {
        if in_netherlands(home) {
            continue;
        }
        let fix = if in_netherlands([home[1], home[0]]) {
            "looks like [lon, lat] — swap the two numbers".to_string()
        } else {
            "give [lat, lon] in WGS84 degrees, e.g. [52.09, 5.12] for Utrecht".to_string()
        };
        out.push(error(
            "V-COORD",
            field,
            format!("[{}, {}]", home[0], home[1]),
            format!("home of {who} lies outside the Netherlands"),
            fix,
        ));
    }
}

/// V-DATE: days off must lie in the horizon (elsewhere they mean nothing).
fn check_off_dates(input: &Input, out: &mut Vec<Issue>) {
    let Some(h) = input.horizon else { return };
    for (i, n) in input.s.nurses.iter().enumerate() {
        for (j, d) in n.off.iter().enumerate() {
            if !h.contains(*d) {
                out.push(error(
                    "V-DATE",
                    format!("nurses[{i}].off[{j}]"),
                    d,
                    format!(
                        "nurse {}: day off {d} is outside the horizon {} … {}",
                        id(&n.id),
                        h.start,
                        h.end
                    ),
                    h.fix(),
                ));
            }
        }
    }
}

/// V-DATE: history lies before `start` and within the 16 weeks any rule reads.
fn check_history_dates(input: &Input, out: &mut Vec<Issue>) {
    let start = input.s.start;
    if !limits::date_supported(start) {
        return; // check_date_range reported it; a window around it means nothing
    }
    let earliest = start.checked_sub_days(Days::new(HISTORY_DAYS));
    let latest = start.pred_opt();
    let fix = match (earliest, latest) {
        (Some(a), Some(b)) => format!("use a date between {a} and {b}, or remove it"),
        _ => "remove it".to_string(),
    };
    for (i, n) in input.s.nurses.iter().enumerate() {
        let lists = [("worked", &n.history.worked), ("oncall", &n.history.oncall)];
        for (name, dates) in lists {
            for (j, d) in dates.iter().enumerate() {
                let why = if *d >= start {
                    format!("is not before start {start}")
                } else if earliest.is_some_and(|e| *d < e) {
                    format!("is more than {HISTORY_DAYS} days before start {start}")
                } else {
                    continue;
                };
                out.push(error(
                    "V-DATE",
                    format!("nurses[{i}].history.{name}[{j}]"),
                    d,
                    format!("nurse {}: history.{name} date {d} {why}", id(&n.id)),
                    fix.clone(),
                ));
            }
        }
    }
}

/// V-HOURS: past weekly hours must be physically possible.
fn check_history_hours(input: &Input, out: &mut Vec<Issue>) {
    let days_before = input.s.start.weekday().num_days_from_monday();
    for (i, n) in input.s.nurses.iter().enumerate() {
        let nid = id(&n.id);
        let h = &n.history;
        if h.weekly_hours.len() > 52 {
            out.push(error(
                "V-HOURS",
                format!("nurses[{i}].history.weekly_hours"),
                format!("{} entries", h.weekly_hours.len()),
                format!(
                    "nurse {nid}: {} weeks of history given, at most 52 expected",
                    h.weekly_hours.len()
                ),
                "keep only the most recent weeks (16 are used), most recent last",
            ));
        }
        for (k, w) in h.weekly_hours.iter().enumerate() {
            if *w > 168 {
                out.push(error(
                    "V-HOURS",
                    format!("nurses[{i}].history.weekly_hours[{k}]"),
                    w,
                    format!("nurse {nid}: {w} hours in one week, a week has 168"),
                    "correct the value (hours per week, not per month or year)",
                ));
            }
        }
        let cur = h.current_week_hours;
        if cur > 168 {
            out.push(error(
                "V-HOURS",
                format!("nurses[{i}].history.current_week_hours"),
                cur,
                format!("nurse {nid}: current_week_hours {cur} exceeds the 168 hours of a week"),
                "correct the value",
            ));
        } else if cur > 12 * days_before {
            out.push(warning(
                "V-HOURS",
                format!("nurses[{i}].history.current_week_hours"),
                cur,
                format!(
                    "nurse {nid}: {cur} hours before start, but only {days_before} days of its week precede {} (12 h a day at most)",
                    input.s.start
                ),
                "check the value: it counts hours of the week of start worked before start",
            ));
        }
    }
}

/// V-CARE-DAYS: an episode lasts 1–10 days (8 is the LIP standard).
fn check_care_days(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        if !(1..=10).contains(&f.care_days) {
            out.push(error(
                "V-CARE-DAYS",
                format!("families[{i}].care_days"),
                f.care_days,
                format!(
                    "family {}: care_days {} is outside 1–10",
                    id(&f.id),
                    f.care_days
                ),
                "use 1–10 days (8 is standard), or leave it out for 8",
            ));
        }
    }
}

/// V-DATE (warning): a family whose episode misses the horizon gets no care
/// here. A booking (`due`) is exempt: it may lie beyond the horizon on
/// purpose, for `forecast`, which samples its birth.
fn check_episode_in_horizon(input: &Input, out: &mut Vec<Issue>) {
    let Some(h) = input.horizon else { return };
    for (i, f) in input.s.families.iter().enumerate() {
        if f.due.is_some() {
            continue;
        }
        let Some((first, last)) = episode(f) else {
            continue;
        };
        let why = if last < h.start {
            format!(
                "episode {first} … {last} ends before the horizon starts on {}",
                h.start
            )
        } else if first > h.end {
            format!(
                "episode starts on {first}, after the horizon ends on {}",
                h.end
            )
        } else {
            continue;
        };
        out.push(warning(
            "V-DATE",
            format!("families[{i}].care_start"),
            f.care_start,
            format!("family {}: {why}; it gets no care in this plan", id(&f.id)),
            "remove the family or correct care_start",
        ));
    }
}

/// A booking's birth falls within this many days of its due date either way
/// (six weeks: from about 34 to 46 weeks of pregnancy).
const DUE_WINDOW_DAYS: i64 = 42;

/// V-DUE: a booking (a family with `due`) is a birth that has not happened by
/// `start`: its episode cannot be under way, nothing was delivered before,
/// and its expected birth (`care_start`) lies near the due date.
fn check_due(input: &Input, out: &mut Vec<Issue>) {
    let start = input.s.start;
    for (i, f) in input.s.families.iter().enumerate() {
        let Some(due) = f.due else { continue };
        let fid = id(&f.id);
        if f.care_start < start {
            out.push(error(
                "V-DUE",
                format!("families[{i}].care_start"),
                f.care_start,
                format!(
                    "family {fid}: a booking (due {due}) whose episode starts on {}, before start {start}: a birth that has not happened cannot have an episode under way",
                    f.care_start
                ),
                format!("remove `due` if the baby is born, or set care_start to the expected birth, on or after {start}"),
            ));
        }
        if f.delivered_before > 0 {
            out.push(error(
                "V-DUE",
                format!("families[{i}].delivered_before"),
                f.delivered_before,
                format!(
                    "family {fid}: a booking (due {due}) with {} hours delivered before start: a birth that has not happened has had no care",
                    f.delivered_before
                ),
                "set delivered_before to 0, or remove `due` if the family is already in care",
            ));
        }
        let gap = (f.care_start - due).num_days();
        if gap.abs() > DUE_WINDOW_DAYS {
            out.push(error(
                "V-DUE",
                format!("families[{i}].due"),
                due,
                format!(
                    "family {fid}: due {due} is {} days {} the expected birth on care_start {}; more than {DUE_WINDOW_DAYS}",
                    gap.abs(),
                    if gap > 0 { "before" } else { "after" },
                    f.care_start
                ),
                format!(
                    "correct due or care_start: the expected birth lies within {DUE_WINDOW_DAYS} days of the due date"
                ),
            ));
        }
    }
}

/// V-HOURS: the LIP indication and the hours already given.
fn check_indication(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        let fid = id(&f.id);
        if !(24..=80).contains(&f.indicated_hours) {
            out.push(error(
                "V-HOURS",
                format!("families[{i}].indicated_hours"),
                f.indicated_hours,
                format!(
                    "family {fid}: indicated_hours {} is outside the LIP range 24–80",
                    f.indicated_hours
                ),
                "use the LIP indication: 24–80 hours (45 bottle, 49 breast feeding)",
            ));
        }
        if f.delivered_before > f.indicated_hours {
            out.push(error(
                "V-HOURS",
                format!("families[{i}].delivered_before"),
                f.delivered_before,
                format!(
                    "family {fid}: delivered_before {} > indicated_hours {}",
                    f.delivered_before, f.indicated_hours
                ),
                "correct the hours already delivered or the indication",
            ));
        } else if f.delivered_before > 0 && f.care_start >= input.s.start && f.due.is_none() {
            out.push(warning(
                "V-HOURS",
                format!("families[{i}].delivered_before"),
                f.delivered_before,
                format!(
                    "family {fid}: {} hours delivered before start, but the episode starts on {}, not before {}",
                    f.delivered_before, f.care_start, input.s.start
                ),
                "set delivered_before to 0 or correct care_start",
            ));
        }
    }
}

/// V-HOSPITAL: hospital days lie inside the episode, each once (each one
/// deducts 6 h of indication).
fn check_hospital(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        let ep = episode(f);
        let mut seen = HashMap::new();
        for (j, d) in f.hospital.iter().enumerate() {
            let field = format!("families[{i}].hospital[{j}]");
            match ep {
                Some((first, last)) if *d < first || *d > last => out.push(error(
                    "V-HOSPITAL",
                    field,
                    d,
                    format!(
                        "family {}: hospital day {d} is outside the episode {first} … {last}",
                        id(&f.id)
                    ),
                    format!("use a date between {first} and {last}, or correct care_start"),
                )),
                _ => match seen.get(d) {
                    Some(k) => out.push(error(
                        "V-HOSPITAL",
                        field,
                        d,
                        format!(
                            "family {}: hospital day {d} is listed twice: hospital[{k}] and hospital[{j}]",
                            id(&f.id)
                        ),
                        "remove the duplicate",
                    )),
                    None => {
                        seen.insert(*d, j);
                    }
                },
            }
        }
    }
}

/// V-PRIORITY: triage priority 1 (most urgent) … 3.
fn check_priority(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        if !(1..=3).contains(&f.priority) {
            out.push(error(
                "V-PRIORITY",
                format!("families[{i}].priority"),
                f.priority,
                format!(
                    "family {}: priority {} is outside 1–3",
                    id(&f.id),
                    f.priority
                ),
                "use 1 (most urgent), 2 or 3, or leave it out for 3",
            ));
        }
    }
}

/// V-WAITLIST (warning): a waiting-list family is served only under M-WAITLIST.
fn check_waitlist(input: &Input, out: &mut Vec<Issue>) {
    if allows(input.s, "M-WAITLIST") {
        return;
    }
    for (i, f) in input.s.families.iter().enumerate() {
        if f.provider.is_none() {
            out.push(warning(
                "V-WAITLIST",
                format!("families[{i}].provider"),
                "null",
                format!(
                    "family {} is on the waiting list but M-WAITLIST is not allowed: it will get no care",
                    id(&f.id)
                ),
                "add M-WAITLIST to `measures`, or assign a provider",
            ));
        }
    }
}

/// V-POOL: the partus pool is given either per shift or by its Erlang-B inputs.
fn check_pool(input: &Input, out: &mut Vec<Issue>) {
    let Some(pool) = &input.s.partus_pool else {
        return;
    };
    let by_shifts = !pool.shifts.is_empty();
    match (by_shifts, pool.expected_pa_per_day) {
        (true, Some(e)) => out.push(error(
            "V-POOL",
            "partus_pool.expected_pa_per_day",
            e,
            "partus_pool gives both `shifts` and `expected_pa_per_day`",
            "keep one: `shifts` with the required nurses, or `expected_pa_per_day` to derive them",
        )),
        (false, None) => out.push(error(
            "V-POOL",
            "partus_pool",
            "",
            "partus_pool gives neither `shifts` nor `expected_pa_per_day`",
            "add `shifts`, or `expected_pa_per_day`, or remove `partus_pool`",
        )),
        _ => {}
    }
    if let Some(e) = pool
        .expected_pa_per_day
        .filter(|e| !(0.0..=200.0).contains(e))
    {
        out.push(error(
            "V-POOL",
            "partus_pool.expected_pa_per_day",
            e,
            format!("expected_pa_per_day {e} is outside 0–200"),
            "give the expected partus-assistance calls per day for the region (a few to a few dozen)",
        ));
    }
    if let Some(p) = pool.pa_hours.filter(|p| !(0.5..=24.0).contains(p)) {
        out.push(error(
            "V-POOL",
            "partus_pool.pa_hours",
            p,
            format!("pa_hours {p} is outside 0.5–24"),
            "give the mean hours of one partus assistance (about 4), or leave it out",
        ));
    }
    if let Some(b) = pool.max_blocking.filter(|b| !(*b > 0.0 && *b < 1.0)) {
        out.push(error(
            "V-POOL",
            "partus_pool.max_blocking",
            b,
            format!("max_blocking {b} is not a probability strictly between 0 and 1"),
            "use e.g. 0.01 (1% of calls find nobody free), or leave it out",
        ));
    }
    if by_shifts {
        for (name, given) in [
            ("pa_hours", pool.pa_hours.is_some()),
            ("max_blocking", pool.max_blocking.is_some()),
        ] {
            if given && pool.expected_pa_per_day.is_none() {
                out.push(warning(
                    "V-POOL",
                    format!("partus_pool.{name}"),
                    "",
                    format!("{name} is only used with expected_pa_per_day, not with `shifts`"),
                    format!("remove {name}"),
                ));
            }
        }
    }
    let mut first: BTreeMap<(NaiveDate, Shift), usize> = BTreeMap::new();
    for (j, sh) in pool.shifts.iter().enumerate() {
        if let Some(k) = first.get(&(sh.date, sh.shift)) {
            out.push(error(
                "V-POOL",
                format!("partus_pool.shifts[{j}]"),
                format!("{} {}", sh.date, shift_name(sh.shift)),
                format!(
                    "shift {} {} is listed twice: shifts[{k}] and shifts[{j}]",
                    sh.date,
                    shift_name(sh.shift)
                ),
                "merge them into one entry with the total required",
            ));
        } else {
            first.insert((sh.date, sh.shift), j);
        }
    }
    if !input.s.nurses.iter().any(|n| n.partus) {
        out.push(warning(
            "V-POOL",
            "partus_pool",
            "",
            "no nurse has `partus: true`: every pool shift will be short",
            "mark the nurses who may take on-call shifts with \"partus\": true",
        ));
    }
}

/// V-DATE: pool shifts lie in the horizon.
fn check_pool_dates(input: &Input, out: &mut Vec<Issue>) {
    let (Some(pool), Some(h)) = (&input.s.partus_pool, input.horizon) else {
        return;
    };
    for (j, sh) in pool.shifts.iter().enumerate() {
        if !h.contains(sh.date) {
            out.push(error(
                "V-DATE",
                format!("partus_pool.shifts[{j}].date"),
                sh.date,
                format!(
                    "shift {} {} is outside the horizon {} … {}",
                    sh.date,
                    shift_name(sh.shift),
                    h.start,
                    h.end
                ),
                h.fix(),
            ));
        }
    }
}

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

fn error(
    code: &'static str,
    field: impl Into<String>,
    value: impl ToString,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> Issue {
    Issue {
        code,
        severity: Severity::Error,
        field: field.into(),
        value: value.to_string(),
        message: message.into(),
        fix: fix.into(),
    }
}

fn warning(
    code: &'static str,
    field: impl Into<String>,
    value: impl ToString,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> Issue {
    Issue {
        severity: Severity::Warning,
        ..error(code, field, value, message, fix)
    }
}

/// An id for messages; an empty one is made visible.
fn id(id: &str) -> &str {
    if id.trim().is_empty() {
        "(no id)"
    } else {
        id
    }
}

fn allows(s: &Scenario, measure: &str) -> bool {
    s.measures.iter().any(|m| m == measure)
}

fn shift_name(s: Shift) -> &'static str {
    match s {
        Shift::Day => "day",
        Shift::Evening => "evening",
        Shift::Night => "night",
    }
}

fn measure_fix(m: &str) -> String {
    match closest(m, MEASURE_IDS.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("use one of: {}", MEASURE_IDS.join(", ")),
    }
}

/// Fix text for a dangling reference: the closest id, and the ids that exist.
fn ref_fix(bad: &str, kind: &str, known: &[&str], otherwise: &str) -> String {
    const SHOWN: usize = 8;
    let list = if known.is_empty() {
        format!("no {kind}s are defined")
    } else {
        let mut l = known
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if known.len() > SHOWN {
            l.push_str(", …");
        }
        format!("known {kind}s: {l}")
    };
    match closest(bad, known.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? ({list})"),
        None => format!("{otherwise} ({list})"),
    }
}

/// The planning horizon `start … end` (inclusive).
#[derive(Debug, Clone, Copy)]
struct Horizon {
    start: NaiveDate,
    end: NaiveDate,
}

impl Horizon {
    fn of(s: &Scenario) -> Option<Horizon> {
        if !(1..=MAX_DAYS).contains(&s.days) {
            return None;
        }
        let end = s.start.checked_add_days(Days::new(u64::from(s.days) - 1))?;
        if !limits::date_supported(s.start) || !limits::date_supported(end) {
            return None; // check_date_range reports it
        }
        Some(Horizon {
            start: s.start,
            end,
        })
    }

    fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    fn fix(&self) -> String {
        format!(
            "use a date between {} and {}, or remove it",
            self.start, self.end
        )
    }
}

/// First and last day of a family's episode; `None` when `care_days` is
/// invalid (reported by V-CARE-DAYS) so follow-up checks stay quiet.
fn episode(f: &Family) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=10).contains(&f.care_days) {
        return None;
    }
    let last = f
        .care_start
        .checked_add_days(Days::new(u64::from(f.care_days) - 1))?;
    Some((f.care_start, last))
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Parse an unknown-field path in either serde_ignored's form
/// (`nurses.3.contrat_max`, `partus_pool.?.x`) or bracket form
/// (`nurses[3].contrat_max`).
fn parse_path(raw: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    for part in raw.split('.') {
        if part.is_empty() || part == "?" {
            continue;
        }
        if let Ok(i) = part.parse::<usize>() {
            segs.push(Seg::Index(i));
            continue;
        }
        let (name, mut rest) = match part.find('[') {
            Some(p) => part.split_at(p),
            None => (part, ""),
        };
        let mut idx = Vec::new();
        while let Some(r) = rest.strip_prefix('[') {
            match r.split_once(']') {
                Some((n, tail)) if n.parse::<usize>().is_ok() => {
                    idx.push(Seg::Index(n.parse().unwrap_or(0)));
                    rest = tail;
                }
                _ => break,
            }
        }
        if rest.is_empty() {
            if !name.is_empty() {
                segs.push(Seg::Key(name.to_string()));
            }
            segs.extend(idx);
        } else {
            segs.push(Seg::Key(part.to_string()));
        }
    }
    segs
}

fn render_path(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Sort key that puts fields in the order of the format: known fields by
/// their position in the object, unknown ones after them, elements by index.
fn path_rank(field: &str) -> Vec<usize> {
    let mut obj = Obj::Scenario;
    parse_path(field)
        .iter()
        .map(|seg| match seg {
            Seg::Index(i) => *i,
            Seg::Key(k) => {
                let rank = obj
                    .fields()
                    .iter()
                    .position(|f| f == k)
                    .unwrap_or(usize::MAX);
                obj = obj.child(k);
                rank
            }
        })
        .collect()
}

/// The object kinds of the format, for field names and suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Obj {
    Scenario,
    Rules,
    Provider,
    Nurse,
    History,
    Family,
    Pool,
    Shift,
    Other,
}

const SCENARIO_FIELDS: &[&str] = &[
    "format",
    "name",
    "start",
    "days",
    "rules",
    "measures",
    "providers",
    "nurses",
    "families",
    "partus_pool",
];
const RULES_FIELDS: &[&str] = &[
    "max_nurse_hours_per_day",
    "max_family_hours_per_day",
    "max_hours_per_week",
    "max_avg_hours_4w",
    "max_avg_hours_16w",
    "max_travel_km",
    "travel_kmh",
    "rest_days_between_episodes",
    "weekly_rest",
    "max_oncall_days_4w",
    "oncall_counts_as_work",
    "min_visit_hours",
];
const PROVIDER_FIELDS: &[&str] = &["id", "name", "contracted", "ksv_member", "freelancer"];
const NURSE_FIELDS: &[&str] = &[
    "id",
    "provider",
    "role",
    "contract_min",
    "contract_max",
    "home",
    "off",
    "partus",
    "consent",
    "history",
];
const HISTORY_FIELDS: &[&str] = &["worked", "oncall", "weekly_hours", "current_week_hours"];
const FAMILY_FIELDS: &[&str] = &[
    "id",
    "provider",
    "care_start",
    "due",
    "care_days",
    "indicated_hours",
    "delivered_before",
    "hospital",
    "complexity",
    "arrival",
    "priority",
    "home",
    "known_nurses",
];
const POOL_FIELDS: &[&str] = &[
    "scope",
    "shifts",
    "expected_pa_per_day",
    "pa_hours",
    "max_blocking",
];
const SHIFT_FIELDS: &[&str] = &["date", "shift", "required"];

impl Obj {
    fn fields(self) -> &'static [&'static str] {
        match self {
            Obj::Scenario => SCENARIO_FIELDS,
            Obj::Rules => RULES_FIELDS,
            Obj::Provider => PROVIDER_FIELDS,
            Obj::Nurse => NURSE_FIELDS,
            Obj::History => HISTORY_FIELDS,
            Obj::Family => FAMILY_FIELDS,
            Obj::Pool => POOL_FIELDS,
            Obj::Shift => SHIFT_FIELDS,
            Obj::Other => &[],
        }
    }

    /// Kind of the value of field `name` (of its elements, for lists).
    fn child(self, name: &str) -> Obj {
        match (self, name) {
            (Obj::Scenario, "rules") => Obj::Rules,
            (Obj::Scenario, "providers") => Obj::Provider,
            (Obj::Scenario, "nurses") => Obj::Nurse,
            (Obj::Scenario, "families") => Obj::Family,
            (Obj::Scenario, "partus_pool") => Obj::Pool,
            (Obj::Nurse, "history") => Obj::History,
            (Obj::Pool, "shifts") => Obj::Shift,
            _ => Obj::Other,
        }
    }
}

/// "nurse N004" for a path under `nurses[3]`, and so on.
fn owner(s: &Scenario, segs: &[Seg]) -> Option<String> {
    match segs {
        [Seg::Key(list), Seg::Index(i), ..] => match list.as_str() {
            "providers" => s
                .providers
                .get(*i)
                .map(|p| format!("provider {}", id(&p.id))),
            "nurses" => s
                .nurses
                .get(*i)
                .map(|n: &Nurse| format!("nurse {}", id(&n.id))),
            "families" => s.families.get(*i).map(|f| format!("family {}", id(&f.id))),
            _ => None,
        },
        [Seg::Key(pool), Seg::Key(shifts), Seg::Index(i), ..]
            if pool == "partus_pool" && shifts == "shifts" =>
        {
            let sh = s.partus_pool.as_ref()?.shifts.get(*i)?;
            Some(format!("shift {} {}", sh.date, shift_name(sh.shift)))
        }
        _ => None,
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a plausible typo (about one edit per three characters).
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    if len == 0 || len > 64 {
        return None;
    }
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Case-insensitive optimal-string-alignment distance: insertions, deletions,
/// substitutions and swaps of two neighbouring characters each cost 1.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse_scenario;
    use serde_json::{json, Value};

    /// A small scenario that breaks no rule and raises no warning.
    fn valid_json() -> Value {
        json!({
            "format": "kraamplan/scenario@1",
            "name": "validate unit test",
            "start": "2026-07-06",
            "days": 7,
            "rules": { "max_nurse_hours_per_day": 10, "max_family_hours_per_day": 8,
                       "max_hours_per_week": 60, "max_avg_hours_4w": 55, "max_avg_hours_16w": 48,
                       "max_travel_km": 25, "travel_kmh": 30, "rest_days_between_episodes": 0,
                       "weekly_rest": true, "max_oncall_days_4w": 14, "oncall_counts_as_work": true,
                       "min_visit_hours": 3 },
            "measures": [],
            "providers": [
                { "id": "P1", "name": "Kraamzorg Noord", "contracted": true, "ksv_member": true,
                  "freelancer": false },
                { "id": "P2", "name": "Kraamzorg Zuid" }
            ],
            "nurses": [
                { "id": "N001", "provider": "P1", "role": "nurse", "contract_min": 24,
                  "contract_max": 32, "home": [52.09, 5.12], "off": ["2026-07-08"],
                  "partus": true, "consent": ["M-COMBINED"],
                  "history": { "worked": ["2026-07-03", "2026-07-04"], "oncall": ["2026-06-30"],
                               "weekly_hours": [30, 32, 28, 31], "current_week_hours": 0 } },
                { "id": "N002", "provider": "P2", "contract_max": 28, "home": [52.37, 4.90] }
            ],
            "families": [
                { "id": "F001", "provider": "P1", "care_start": "2026-07-04", "care_days": 8,
                  "indicated_hours": 49, "delivered_before": 12, "hospital": ["2026-07-04"],
                  "complexity": "low", "priority": 2, "home": [52.10, 5.10],
                  "known_nurses": ["N001"] },
                { "id": "F002", "provider": "P2", "care_start": "2026-07-09",
                  "indicated_hours": 45, "home": [52.36, 4.88] }
            ],
            "partus_pool": { "scope": "regional",
                             "shifts": [ { "date": "2026-07-06", "shift": "night", "required": 1 } ] }
        })
    }

    fn read(v: &Value) -> ReadScenario {
        parse_scenario(&v.to_string(), "test").expect("test scenario must parse")
    }

    /// Validate the valid scenario after one edit.
    fn issues_with(edit: impl FnOnce(&mut Value)) -> Vec<Issue> {
        let mut v = valid_json();
        edit(&mut v);
        validate(&read(&v))
    }

    /// The issue with this code on this field, whose value mentions `value`.
    #[track_caller]
    fn find<'a>(issues: &'a [Issue], code: &str, field: &str, value: &str) -> &'a Issue {
        issues
            .iter()
            .find(|i| i.code == code && i.field == field && i.value.contains(value))
            .unwrap_or_else(|| panic!("no {code} on {field} with value {value} in {issues:#?}"))
    }

    #[track_caller]
    fn assert_error(issues: &[Issue], code: &str, field: &str, value: &str) -> Issue {
        let i = find(issues, code, field, value);
        assert!(i.is_error(), "{i} should be an error");
        assert!(!i.fix.is_empty(), "{i} needs a fix");
        i.clone()
    }

    #[track_caller]
    fn assert_warning(issues: &[Issue], code: &str, field: &str, value: &str) -> Issue {
        let i = find(issues, code, field, value);
        assert!(!i.is_error(), "{i} should be a warning");
        i.clone()
    }

    fn errors(issues: &[Issue]) -> Vec<&Issue> {
        issues.iter().filter(|i| i.is_error()).collect()
    }

    #[test]
    fn valid_scenario_has_no_issues() {
        let issues = validate(&read(&valid_json()));
        assert!(issues.is_empty(), "{issues:#?}");
    }

    #[test]
    fn format_must_be_version_1() {
        let issues = issues_with(|v| v["format"] = json!("kraamplan/scenario@2"));
        assert_error(&issues, "V-FORMAT", "format", "scenario@2");
        assert_eq!(errors(&issues).len(), 1);
    }

    #[test]
    fn horizon_is_1_to_42_days() {
        let issues = issues_with(|v| v["days"] = json!(60));
        assert_error(&issues, "V-HORIZON", "days", "60");
        assert_eq!(errors(&issues).len(), 1, "no follow-up errors: {issues:#?}");
        let issues = issues_with(|v| v["days"] = json!(0));
        assert_error(&issues, "V-HORIZON", "days", "0");
    }

    #[test]
    fn unknown_field_suggests_the_closest_name() {
        let issues = issues_with(|v| {
            v["nurses"][1]["contrat_min"] = json!(10);
            v["families"][0]["priorty"] = json!(1);
            v["partus_pool"]["shifts"][0]["requird"] = json!(2);
            v["colour"] = json!("rood");
        });
        let i = assert_error(&issues, "V-FIELD", "nurses[1].contrat_min", "contrat_min");
        assert!(i.fix.contains("did you mean `contract_min`?"), "{i}");
        assert!(i.message.contains("N002"), "{i}");
        let i = assert_error(&issues, "V-FIELD", "families[0].priorty", "priorty");
        assert!(i.fix.contains("`priority`"), "{i}");
        let i = assert_error(
            &issues,
            "V-FIELD",
            "partus_pool.shifts[0].requird",
            "requird",
        );
        assert!(i.fix.contains("`required`"), "{i}");
        let i = assert_error(&issues, "V-FIELD", "colour", "colour");
        assert!(!i.fix.contains("did you mean"), "{i}");
        assert_eq!(errors(&issues).len(), 4);
    }

    #[test]
    fn unknown_rule_key_is_a_rule_issue() {
        let issues = issues_with(|v| v["rules"]["max_hours_per_wek"] = json!(50));
        let i = assert_error(&issues, "V-RULE", "rules.max_hours_per_wek", "max_hours");
        assert!(i.fix.contains("`max_hours_per_week`"), "{i}");
        assert!(!issues.iter().any(|i| i.code == "V-FIELD"));
    }

    #[test]
    fn paths_in_both_notations_normalise() {
        for raw in ["nurses.3.contrat_max", "nurses[3].contrat_max"] {
            assert_eq!(render_path(&parse_path(raw)), "nurses[3].contrat_max");
        }
        assert_eq!(
            render_path(&parse_path("partus_pool.?.shifts.0.x")),
            "partus_pool.shifts[0].x"
        );
        assert_eq!(render_path(&parse_path("a[b]")), "a[b]");
    }

    #[test]
    fn duplicate_and_empty_ids() {
        let issues = issues_with(|v| {
            v["nurses"][1]["id"] = json!("N001");
            v["families"][1]["id"] = json!("");
        });
        let i = assert_error(&issues, "V-DUP-ID", "nurses[1].id", "N001");
        assert!(i.message.contains("nurses[0]"), "{i}");
        assert_error(&issues, "V-DUP-ID", "families[1].id", "\"\"");
        let issues = issues_with(|v| v["providers"][1]["id"] = json!("P1"));
        assert_error(&issues, "V-DUP-ID", "providers[1].id", "P1");
    }

    #[test]
    fn references_must_resolve() {
        let issues = issues_with(|v| {
            v["nurses"][0]["provider"] = json!("P3");
            v["families"][1]["provider"] = json!("Noord");
            v["families"][0]["known_nurses"] = json!(["N001", "N009"]);
        });
        let i = assert_error(&issues, "V-REF", "nurses[0].provider", "P3");
        assert!(
            i.message.contains("N001") && i.fix.contains("P1, P2"),
            "{i}"
        );
        assert_error(&issues, "V-REF", "families[1].provider", "Noord");
        assert_error(&issues, "V-REF", "families[0].known_nurses[1]", "N009");
        assert_eq!(errors(&issues).len(), 3);
    }

    #[test]
    fn null_provider_is_the_waiting_list() {
        let issues = issues_with(|v| v["families"][1]["provider"] = Value::Null);
        assert!(errors(&issues).is_empty(), "{issues:#?}");
        let i = assert_warning(&issues, "V-WAITLIST", "families[1].provider", "null");
        assert!(i.message.contains("F002"), "{i}");
        let issues = issues_with(|v| {
            v["families"][1]["provider"] = Value::Null;
            v["measures"] = json!(["M-WAITLIST"]);
        });
        assert!(!issues.iter().any(|i| i.code == "V-WAITLIST"));
    }

    #[test]
    fn dates_outside_horizon_or_history_window() {
        let issues = issues_with(|v| {
            v["nurses"][0]["off"] = json!(["2026-07-08", "2026-07-20"]);
            v["nurses"][0]["history"]["worked"] = json!(["2026-07-06"]);
            v["nurses"][0]["history"]["oncall"] = json!(["2026-01-01"]);
            v["partus_pool"]["shifts"][0]["date"] = json!("2026-07-13");
        });
        let i = assert_error(&issues, "V-DATE", "nurses[0].off[1]", "2026-07-20");
        assert!(i.fix.contains("between 2026-07-06 and 2026-07-12"), "{i}");
        assert_error(
            &issues,
            "V-DATE",
            "nurses[0].history.worked[0]",
            "2026-07-06",
        );
        assert_error(
            &issues,
            "V-DATE",
            "nurses[0].history.oncall[0]",
            "2026-01-01",
        );
        assert_error(
            &issues,
            "V-DATE",
            "partus_pool.shifts[0].date",
            "2026-07-13",
        );
        assert_eq!(errors(&issues).len(), 4);
    }

    #[test]
    fn episode_outside_horizon_is_a_warning() {
        let issues = issues_with(|v| {
            v["families"][0]["care_start"] = json!("2026-06-20");
            v["families"][0]["hospital"] = json!([]);
            v["families"][1]["care_start"] = json!("2026-07-13");
        });
        assert!(errors(&issues).is_empty(), "{issues:#?}");
        assert_warning(&issues, "V-DATE", "families[0].care_start", "2026-06-20");
        assert_warning(&issues, "V-DATE", "families[1].care_start", "2026-07-13");
    }

    #[test]
    fn booking_is_a_birth_not_yet_happened() {
        // F002 is expected on 07-09: a booking with a due date is fine.
        let issues = issues_with(|v| v["families"][1]["due"] = json!("2026-07-14"));
        assert!(issues.is_empty(), "{issues:#?}");
        // F001's episode is under way (07-04, 12 h delivered): it cannot be a booking.
        let issues = issues_with(|v| v["families"][0]["due"] = json!("2026-07-06"));
        let i = assert_error(&issues, "V-DUE", "families[0].care_start", "2026-07-04");
        assert!(
            i.message.contains("F001") && i.message.contains("2026-07-06"),
            "{i}"
        );
        assert_error(&issues, "V-DUE", "families[0].delivered_before", "12");
        assert_eq!(errors(&issues).len(), 2, "{issues:#?}");
    }

    #[test]
    fn booking_hours_delivered_before_is_an_error_not_a_warning() {
        let issues = issues_with(|v| {
            v["families"][1]["due"] = json!("2026-07-09");
            v["families"][1]["delivered_before"] = json!(5);
        });
        assert_error(&issues, "V-DUE", "families[1].delivered_before", "5");
        assert!(!issues.iter().any(|i| i.code == "V-HOURS"), "{issues:#?}");
        assert_eq!(issues.len(), 1, "{issues:#?}");
    }

    #[test]
    fn due_within_six_weeks_of_the_expected_birth() {
        for due in ["2026-05-28", "2026-08-20"] {
            let issues = issues_with(|v| v["families"][1]["due"] = json!(due));
            assert!(issues.is_empty(), "{due}: {issues:#?}");
        }
        let issues = issues_with(|v| v["families"][1]["due"] = json!("2026-05-27"));
        let i = assert_error(&issues, "V-DUE", "families[1].due", "2026-05-27");
        assert!(
            i.message.contains("2026-05-27") && i.message.contains("2026-07-09"),
            "{i}"
        );
        assert!(i.message.contains("43 days before"), "{i}");
        let issues = issues_with(|v| v["families"][1]["due"] = json!("2026-08-21"));
        let i = assert_error(&issues, "V-DUE", "families[1].due", "2026-08-21");
        assert!(i.message.contains("43 days after"), "{i}");
        assert_eq!(errors(&issues).len(), 1, "{issues:#?}");
    }

    #[test]
    fn booking_beyond_the_horizon_is_not_warned_about() {
        let issues = issues_with(|v| {
            v["families"][1]["care_start"] = json!("2026-07-25");
            v["families"][1]["due"] = json!("2026-07-20");
        });
        assert!(issues.is_empty(), "{issues:#?}");
        let issues = issues_with(|v| v["families"][1]["care_start"] = json!("2026-07-25"));
        assert_warning(&issues, "V-DATE", "families[1].care_start", "2026-07-25");
    }

    #[test]
    fn contract_hours() {
        let issues = issues_with(|v| v["nurses"][0]["contract_min"] = json!(40));
        let i = assert_error(&issues, "V-CONTRACT", "nurses[0].contract_min", "40");
        assert_eq!(
            i.to_string(),
            "error[V-CONTRACT] nurses[0].contract_min = 40: nurse N001: contract_min 40 > \
             contract_max 32 — swap or correct the values"
        );
        let issues = issues_with(|v| {
            v["rules"]["max_hours_per_week"] = json!(48);
            v["nurses"][1]["contract_max"] = json!(50);
        });
        assert_error(&issues, "V-CONTRACT", "nurses[1].contract_max", "50");
        let issues = issues_with(|v| v["nurses"][1]["contract_max"] = json!(0));
        assert!(errors(&issues).is_empty(), "{issues:#?}");
        assert_warning(&issues, "V-CONTRACT", "nurses[1].contract_max", "0");
    }

    #[test]
    fn hours_of_indication_and_history() {
        let issues = issues_with(|v| {
            v["families"][0]["indicated_hours"] = json!(90);
            v["families"][1]["indicated_hours"] = json!(30);
            v["families"][1]["delivered_before"] = json!(31);
            v["nurses"][0]["history"]["weekly_hours"] = json!([30, 200]);
            v["nurses"][0]["history"]["current_week_hours"] = json!(170);
            v["nurses"][1]["history"] = json!({ "weekly_hours": vec![30; 53] });
        });
        assert_error(&issues, "V-HOURS", "families[0].indicated_hours", "90");
        assert_error(&issues, "V-HOURS", "families[1].delivered_before", "31");
        assert_error(
            &issues,
            "V-HOURS",
            "nurses[0].history.weekly_hours[1]",
            "200",
        );
        assert_error(
            &issues,
            "V-HOURS",
            "nurses[0].history.current_week_hours",
            "170",
        );
        assert_error(&issues, "V-HOURS", "nurses[1].history.weekly_hours", "53");
        assert_eq!(errors(&issues).len(), 5, "{issues:#?}");
    }

    #[test]
    fn hospital_days_inside_the_episode() {
        let issues = issues_with(|v| {
            v["families"][0]["hospital"] = json!(["2026-07-04", "2026-07-20", "2026-07-04"])
        });
        assert_error(
            &issues,
            "V-HOSPITAL",
            "families[0].hospital[1]",
            "2026-07-20",
        );
        assert_error(
            &issues,
            "V-HOSPITAL",
            "families[0].hospital[2]",
            "2026-07-04",
        );
        assert_eq!(errors(&issues).len(), 2);
    }

    #[test]
    fn care_days_1_to_10() {
        let issues = issues_with(|v| v["families"][0]["care_days"] = json!(12));
        assert_error(&issues, "V-CARE-DAYS", "families[0].care_days", "12");
        assert_eq!(errors(&issues).len(), 1, "{issues:#?}");
    }

    #[test]
    fn coordinates_in_the_netherlands() {
        let issues = issues_with(|v| {
            v["nurses"][0]["home"] = json!([5.12, 52.09]);
            v["families"][1]["home"] = json!([0.0, 0.0]);
        });
        let i = assert_error(&issues, "V-COORD", "nurses[0].home", "[5.12, 52.09]");
        assert!(i.fix.contains("swap the two numbers"), "{i}");
        let i = assert_error(&issues, "V-COORD", "families[1].home", "[0, 0]");
        assert!(!i.fix.contains("swap"), "{i}");
    }

    #[test]
    fn measure_ids_must_exist() {
        let issues = issues_with(|v| {
            v["measures"] = json!(["M-COMBINE"]);
            v["nurses"][0]["consent"] = json!(["M-FLX"]);
        });
        let i = assert_error(&issues, "V-MEASURE", "measures[0]", "M-COMBINE");
        assert!(i.fix.contains("`M-COMBINED`"), "{i}");
        let i = assert_error(&issues, "V-MEASURE", "nurses[0].consent[0]", "M-FLX");
        assert!(i.fix.contains("`M-FLEX`"), "{i}");
    }

    #[test]
    fn measures_without_any_consent_warn() {
        let issues = issues_with(|v| {
            v["measures"] = json!(["M-COMBINED", "M-LENDING"]);
            for n in v["nurses"].as_array_mut().unwrap() {
                n["consent"] = json!([]);
            }
        });
        assert!(errors(&issues).is_empty(), "{issues:#?}");
        assert_warning(&issues, "V-MEASURE-UNUSED", "measures[0]", "M-COMBINED");
        assert!(
            !issues.iter().any(|i| i.field == "measures[1]"),
            "{issues:#?}"
        );
        let issues = issues_with(|v| {
            v["measures"] = json!(["M-COMBINED"]);
            v["nurses"][0]["consent"] = json!(["M-COMBINED"]);
        });
        assert!(
            !issues.iter().any(|i| i.code == "V-MEASURE-UNUSED"),
            "{issues:#?}"
        );
    }

    #[test]
    fn roles_need_their_measure() {
        let issues = issues_with(|v| {
            v["nurses"][0]["role"] = json!("kio");
            v["nurses"][1]["role"] = json!("office_qualified");
        });
        assert!(errors(&issues).is_empty(), "{issues:#?}");
        assert_warning(&issues, "V-ROLE", "nurses[0].role", "kio");
        assert_warning(&issues, "V-ROLE", "nurses[1].role", "office_qualified");
    }

    #[test]
    fn rule_ranges() {
        let issues = issues_with(|v| {
            v["rules"]["max_nurse_hours_per_day"] = json!(14);
            v["rules"]["max_family_hours_per_day"] = json!(2);
            v["rules"]["max_hours_per_week"] = json!(70);
            v["rules"]["max_avg_hours_4w"] = json!(0);
            v["rules"]["max_avg_hours_16w"] = json!(61);
            v["rules"]["max_travel_km"] = json!(0);
            v["rules"]["travel_kmh"] = json!(200);
            v["rules"]["rest_days_between_episodes"] = json!(8);
            v["rules"]["max_oncall_days_4w"] = json!(29);
        });
        assert_error(&issues, "V-RULE", "rules.max_nurse_hours_per_day", "14");
        assert_error(&issues, "V-RULE", "rules.max_family_hours_per_day", "2");
        assert_error(&issues, "V-RULE", "rules.max_hours_per_week", "70");
        assert_error(&issues, "V-RULE", "rules.max_avg_hours_4w", "0");
        assert_error(&issues, "V-RULE", "rules.max_avg_hours_16w", "61");
        assert_error(&issues, "V-RULE", "rules.max_travel_km", "0");
        assert_error(&issues, "V-RULE", "rules.travel_kmh", "200");
        assert_error(&issues, "V-RULE", "rules.rest_days_between_episodes", "8");
        assert_error(&issues, "V-RULE", "rules.max_oncall_days_4w", "29");
        // A bad weekly rule does not cascade into V-CONTRACT for every nurse.
        assert_eq!(errors(&issues).len(), 9, "{issues:#?}");
    }

    #[test]
    fn priority_1_to_3() {
        let issues = issues_with(|v| v["families"][1]["priority"] = json!(4));
        let i = assert_error(&issues, "V-PRIORITY", "families[1].priority", "4");
        assert!(i.message.contains("F002"), "{i}");
        let issues = issues_with(|v| v["families"][1]["priority"] = json!(0));
        assert_error(&issues, "V-PRIORITY", "families[1].priority", "0");
    }

    #[test]
    fn pool_is_given_one_way() {
        let issues = issues_with(|v| v["partus_pool"]["expected_pa_per_day"] = json!(3.5));
        assert_error(&issues, "V-POOL", "partus_pool.expected_pa_per_day", "3.5");
        let issues = issues_with(|v| v["partus_pool"] = json!({ "scope": "regional" }));
        assert_error(&issues, "V-POOL", "partus_pool", "");
        let issues = issues_with(|v| {
            v["partus_pool"] = json!({ "expected_pa_per_day": 500.0, "pa_hours": 30.0,
                                       "max_blocking": 1.0 })
        });
        assert_error(&issues, "V-POOL", "partus_pool.expected_pa_per_day", "500");
        assert_error(&issues, "V-POOL", "partus_pool.pa_hours", "30");
        assert_error(&issues, "V-POOL", "partus_pool.max_blocking", "1");
        assert_eq!(errors(&issues).len(), 3, "{issues:#?}");
        let issues = issues_with(|v| {
            v["partus_pool"]["shifts"] = json!([
                { "date": "2026-07-06", "shift": "night", "required": 1 },
                { "date": "2026-07-06", "shift": "day", "required": 1 },
                { "date": "2026-07-06", "shift": "night", "required": 2 }
            ])
        });
        let i = assert_error(
            &issues,
            "V-POOL",
            "partus_pool.shifts[2]",
            "2026-07-06 night",
        );
        assert!(i.message.contains("shifts[0]"), "{i}");
        assert_eq!(errors(&issues).len(), 1);
        let issues = issues_with(|v| v["nurses"][0]["partus"] = json!(false));
        assert_warning(&issues, "V-POOL", "partus_pool", "");
    }

    #[test]
    fn five_errors_are_all_reported() {
        let issues = issues_with(|v| {
            v["days"] = json!(100);
            v["nurses"][0]["contract_min"] = json!(40);
            v["nurses"][1]["home"] = json!([4.90, 52.37]);
            v["families"][0]["priority"] = json!(7);
            v["rules"]["travel_kmh"] = json!(1);
        });
        let errs = errors(&issues);
        let codes: Vec<&str> = errs.iter().map(|i| i.code).collect();
        assert_eq!(errs.len(), 5, "{issues:#?}");
        for code in ["V-HORIZON", "V-CONTRACT", "V-COORD", "V-PRIORITY", "V-RULE"] {
            assert!(codes.contains(&code), "{code} missing in {codes:?}");
        }
    }

    #[test]
    fn errors_first_then_in_file_order() {
        let issues = issues_with(|v| {
            v["measures"] = json!(["M-FLEX"]);
            for n in v["nurses"].as_array_mut().unwrap() {
                n["consent"] = json!([]);
            }
            v["families"][1]["priority"] = json!(9);
            v["nurses"][1]["contract_min"] = json!(40);
            v["nurses"][0]["contract_max"] = json!(0);
            v["days"] = json!(50);
        });
        let fields: Vec<(&str, bool)> = issues
            .iter()
            .map(|i| (i.field.as_str(), i.is_error()))
            .collect();
        assert_eq!(
            fields,
            [
                ("days", true),
                ("nurses[0].contract_min", true),
                ("nurses[1].contract_min", true),
                ("families[1].priority", true),
                ("measures[0]", false),
                ("nurses[0].contract_max", false),
            ]
        );
    }

    #[test]
    fn absurd_numbers_never_panic() {
        let issues = issues_with(|v| {
            v["start"] = json!("9999-12-31");
            v["days"] = json!(u32::MAX);
            v["families"][0]["care_days"] = json!(u32::MAX);
            v["families"][1]["care_start"] = json!("0001-01-01");
            v["nurses"][0]["history"]["current_week_hours"] = json!(u32::MAX);
            v["nurses"][0]["home"] = json!([f64::MAX, -1e300]);
            v["rules"]["max_travel_km"] = json!(-1.0);
        });
        assert!(issues.iter().any(|i| i.code == "V-HORIZON"));
        let mut v = valid_json();
        v["start"] = json!("+262142-12-20");
        v["days"] = json!(42);
        if let Ok(read) = parse_scenario(&v.to_string(), "test") {
            let issues = validate(&read);
            assert_error(&issues, "V-DATE", "start", "262142");
        }
    }

    #[test]
    fn issue11_start_outside_1900_to_2200_is_rejected() {
        for start in ["+262142-12-30", "0000-01-01", "1899-12-31", "2201-01-01"] {
            let issues = issues_with(|v| v["start"] = json!(start));
            let i = assert_error(&issues, "V-DATE", "start", &start[..4]);
            assert!(i.message.contains("1900-01-01 … 2200-12-31"), "{i}");
            assert!(i.fix.contains("1900–2200"), "{i}");
            // No window arithmetic on an unsupported start ("-0001-09-11").
            assert!(
                issues.iter().all(|i| !i.fix.contains("-0001")),
                "{issues:#?}"
            );
        }
    }

    #[test]
    fn issue11_horizon_episode_and_due_end_before_2201() {
        let issues = issues_with(|v| {
            v["start"] = json!("2200-12-28");
            v["nurses"][0]["off"] = json!([]);
            v["nurses"][0]["history"] = json!({});
            v["families"] = json!([]);
            v["partus_pool"] = Value::Null;
        });
        let i = assert_error(&issues, "V-DATE", "start", "2200-12-28");
        assert!(i.message.contains("ends after 2200-12-31"), "{i}");
        let issues = issues_with(|v| {
            v["families"][1]["care_start"] = json!("2200-12-30");
            v["families"][1]["due"] = json!("2200-12-30");
        });
        let i = assert_error(&issues, "V-DATE", "families[1].care_start", "2200-12-30");
        assert!(i.message.contains("ends after 2200-12-31"), "{i}");
        let i = assert_error(&issues, "V-DATE", "families[1].due", "2200-12-30");
        assert!(i.message.contains("42 days after"), "{i}");
        let issues = issues_with(|v| v["families"][0]["hospital"] = json!(["0001-01-01"]));
        assert_error(&issues, "V-DATE", "families[0].hospital[0]", "0001-01-01");
    }

    #[test]
    fn issue11_duplicate_measures_are_rejected() {
        let issues = issues_with(|v| v["measures"] = json!(["M-LENDING", "M-LENDING"]));
        let i = assert_error(&issues, "V-MEASURE", "measures[1]", "M-LENDING");
        assert!(i.message.contains("measures[0] and measures[1]"), "{i}");
        assert!(i.fix.contains("remove the duplicate"), "{i}");
    }

    #[test]
    fn issue11_duplicate_off_dates_are_rejected() {
        let issues = issues_with(|v| v["nurses"][0]["off"] = json!(["2026-07-08", "2026-07-08"]));
        let i = assert_error(&issues, "V-DATE", "nurses[0].off[1]", "2026-07-08");
        assert!(
            i.message.contains("N001") && i.message.contains("twice"),
            "{i}"
        );
        assert_eq!(errors(&issues).len(), 1, "{issues:#?}");
    }

    #[test]
    fn issue11_duplicate_consent_known_nurses_history_and_hospital_are_rejected() {
        let issues = issues_with(|v| {
            v["nurses"][0]["consent"] = json!(["M-COMBINED", "M-COMBINED"]);
            v["nurses"][0]["history"]["worked"] = json!(["2026-07-03", "2026-07-03"]);
            v["nurses"][0]["history"]["oncall"] = json!(["2026-06-30", "2026-06-30"]);
            v["families"][0]["known_nurses"] = json!(["N001", "N001"]);
            v["families"][0]["hospital"] = json!(["2026-07-04", "2026-07-04"]);
        });
        assert_error(&issues, "V-MEASURE", "nurses[0].consent[1]", "M-COMBINED");
        assert_error(
            &issues,
            "V-DATE",
            "nurses[0].history.worked[1]",
            "2026-07-03",
        );
        assert_error(
            &issues,
            "V-DATE",
            "nurses[0].history.oncall[1]",
            "2026-06-30",
        );
        assert_error(&issues, "V-REF", "families[0].known_nurses[1]", "N001");
        let i = assert_error(
            &issues,
            "V-HOSPITAL",
            "families[0].hospital[1]",
            "2026-07-04",
        );
        assert!(i.message.contains("hospital[0] and hospital[1]"), "{i}");
        assert_eq!(errors(&issues).len(), 5, "{issues:#?}");
    }

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("contrat_max", "contract_max"), 1);
        assert_eq!(edit_distance("cotnract_max", "contract_max"), 1);
        assert_eq!(edit_distance("M-combined", "M-COMBINED"), 0);
        assert_eq!(closest("xyz", ["id", "name"]), None);
        assert_eq!(
            closest("COMBINED", MEASURE_IDS.iter().copied()),
            Some("M-COMBINED")
        );
    }

    /// The field lists used for suggestions and ordering must match the wire
    /// types: a field added to `scenario.rs` must be added here too.
    #[test]
    fn known_field_lists_match_wire_types() {
        let mut v = valid_json();
        v["partus_pool"]["expected_pa_per_day"] = json!(3.0);
        v["partus_pool"]["pa_hours"] = json!(4.0);
        v["partus_pool"]["max_blocking"] = json!(0.01);
        v["families"][1]["due"] = json!("2026-07-10");
        let s = read(&v).scenario;
        let back = serde_json::to_value(&s).unwrap();
        let keys = |v: &Value| -> HashSet<String> {
            v.as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<HashSet<_>>()
        };
        let set = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
        assert_eq!(keys(&back), set(SCENARIO_FIELDS));
        assert_eq!(keys(&back["rules"]), set(RULES_FIELDS));
        assert_eq!(keys(&back["providers"][0]), set(PROVIDER_FIELDS));
        assert_eq!(keys(&back["nurses"][0]), set(NURSE_FIELDS));
        assert_eq!(keys(&back["nurses"][0]["history"]), set(HISTORY_FIELDS));
        assert_eq!(keys(&back["families"][1]), set(FAMILY_FIELDS));
        assert_eq!(keys(&back["partus_pool"]), set(POOL_FIELDS));
        assert_eq!(keys(&back["partus_pool"]["shifts"][0]), set(SHIFT_FIELDS));
        for m in NEEDS_CONSENT {
            assert!(MEASURE_IDS.contains(m), "{m}");
        }
    }

    /// Every file in `tests/fixtures/invalid/` is named `<code>--<what>.json`
    /// (code in lower case) and must raise that error.
    #[test]
    fn invalid_fixtures_raise_their_code() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let mut n = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let Some((code, _)) = name.split_once("--") else {
                continue;
            };
            let code = code.to_uppercase();
            let read = crate::scenario::read_scenario(&path).unwrap();
            let issues = validate(&read);
            assert!(
                issues.iter().any(|i| i.is_error() && i.code == code),
                "{name}: no {code} in {issues:#?}"
            );
            n += 1;
        }
        assert!(n > 0, "no fixtures in {}", dir.display());
    }
}
