//! The events of one night (`kraamplan/events@1`, see `models/roll.md`):
//! what happened since the last plan — births, sickness, hospital stays,
//! cancellations, nurses who join or leave — read from a file and checked
//! one by one against the scenario they are applied to.
//!
//! `kraamplan roll` applies them in order to the rolled scenario and records
//! them in [`Scenario::events`](crate::scenario::Scenario::events), so that
//! `replan` can name them. Every problem is an [`Issue`] (code `V-EVENT-…`,
//! field `events[i].…`), all reported at once.

use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::calendar::add_days;
use crate::domain::suggest::{closest, Reach};
use crate::scenario::validate::{error as issue, Issue};
use crate::scenario::{Arrival, Family, Nurse, Scenario};

/// The format tag every events file must carry.
pub const EVENTS_FORMAT: &str = "kraamplan/events@1";

/// An events file: the format tag and the events in the order they are applied.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EventsFile {
    /// Must be `kraamplan/events@1`.
    pub format: String,
    /// The night's events, applied in this order.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// One thing that happened, told to `roll` for the new horizon.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    /// A birth: a booking (`family`, `date`) becomes a family in care from
    /// `date`, or `new_family` adds an unbooked birth.
    Birth {
        /// Id of the booking (a family with `due`); not with `new_family`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        family: Option<String>,
        /// Day of the birth, the first day of care, in the new horizon; not with `new_family`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
        /// When the family comes home on its first day (default: unchanged).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        arrival: Option<Arrival>,
        /// Episode days in hospital (mother or baby), added to the family's.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        hospital: Vec<NaiveDate>,
        /// A family not known before, complete, with `care_start` its first day of care.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        new_family: Option<Box<Family>>,
    },
    /// A nurse reports sick: off from `from` to `to` (default: the horizon's end).
    Sick {
        /// Nurse id.
        nurse: String,
        /// First sick day.
        from: NaiveDate,
        /// Last sick day (default: the last day of the horizon).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<NaiveDate>,
    },
    /// A nurse is back: her days off from `from` on are removed.
    Recovery {
        /// Nurse id.
        nurse: String,
        /// First day she works again.
        from: NaiveDate,
    },
    /// Mother or baby (re)admitted: hospital days `from` … `to` (default: `from` only).
    Hospital {
        /// Family id.
        family: String,
        /// First hospital day.
        from: NaiveDate,
        /// Last hospital day (default: `from`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<NaiveDate>,
    },
    /// Early discharge: the family's hospital days from `date` on are removed.
    Discharge {
        /// Family id.
        family: String,
        /// First day of care at home.
        date: NaiveDate,
    },
    /// Care no longer wanted (or the family moved away): the family is removed.
    Cancellation {
        /// Family id.
        family: String,
    },
    /// A nurse joins (new hire, lent from elsewhere): a complete nurse.
    NurseJoins {
        /// The nurse, as in `nurses[]`.
        nurse: Box<Nurse>,
    },
    /// A nurse leaves: off from `date` to the horizon's end; removed when `date`
    /// is the horizon's first day or earlier.
    NurseLeaves {
        /// Nurse id.
        nurse: String,
        /// First day she no longer works.
        date: NaiveDate,
    },
    /// A changed LIP indication.
    Indication {
        /// Family id.
        family: String,
        /// The new indication in hours (24–80), before the hospital deduction.
        indicated_hours: u32,
    },
}

impl Event {
    /// The `kind` as written in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Birth { .. } => "birth",
            Event::Sick { .. } => "sick",
            Event::Recovery { .. } => "recovery",
            Event::Hospital { .. } => "hospital",
            Event::Discharge { .. } => "discharge",
            Event::Cancellation { .. } => "cancellation",
            Event::NurseJoins { .. } => "nurse_joins",
            Event::NurseLeaves { .. } => "nurse_leaves",
            Event::Indication { .. } => "indication",
        }
    }

    /// The nurse the event is about, if any (for `nurse_joins` the new nurse's id).
    pub fn nurse(&self) -> Option<&str> {
        match self {
            Event::Sick { nurse, .. }
            | Event::Recovery { nurse, .. }
            | Event::NurseLeaves { nurse, .. } => Some(nurse),
            Event::NurseJoins { nurse } => Some(&nurse.id),
            _ => None,
        }
    }

    /// The family the event is about, if any (for a birth of a `new_family` its id).
    pub fn family(&self) -> Option<&str> {
        match self {
            Event::Birth {
                family, new_family, ..
            } => family
                .as_deref()
                .or(new_family.as_deref().map(|f| f.id.as_str())),
            Event::Hospital { family, .. }
            | Event::Discharge { family, .. }
            | Event::Cancellation { family }
            | Event::Indication { family, .. } => Some(family),
            _ => None,
        }
    }

    /// One short line for reports: `N003 sick 2026-07-08 – 2026-07-09`.
    pub fn describe(&self) -> String {
        let span = |from: &NaiveDate, to: &Option<NaiveDate>, open: &str| match to {
            Some(t) if t != from => format!("{from} – {t}"),
            Some(_) => from.to_string(),
            None => format!("{from}{open}"),
        };
        match self {
            Event::Birth {
                family,
                date,
                new_family,
                ..
            } => match (family, date, new_family) {
                (_, _, Some(f)) => format!("unbooked birth of {} on {}", f.id, f.care_start),
                (Some(f), Some(d), None) => format!("birth of {f} on {d}"),
                (Some(f), None, None) => format!("birth of {f}"),
                _ => "birth".to_string(),
            },
            Event::Sick { nurse, from, to } => {
                format!("{nurse} sick {}", span(from, to, " – end of horizon"))
            }
            Event::Recovery { nurse, from } => format!("{nurse} recovered from {from}"),
            Event::Hospital { family, from, to } => {
                format!("{family} in hospital {}", span(from, to, ""))
            }
            Event::Discharge { family, date } => format!("{family} discharged on {date}"),
            Event::Cancellation { family } => format!("{family} cancelled care"),
            Event::NurseJoins { nurse } => {
                format!("{} joins {}", nurse.id, nurse.provider)
            }
            Event::NurseLeaves { nurse, date } => format!("{nurse} leaves from {date}"),
            Event::Indication {
                family,
                indicated_hours,
            } => format!("{family} indication changed to {indicated_hours} h"),
        }
    }
}

/// Read an events file: UTF-8 within the input limits, one JSON object with
/// `format` and `events`; every problem of every event at once.
pub fn read_events(path: &Path) -> Result<Vec<Event>, Vec<Issue>> {
    let text = crate::scenario::limits::read_text(path).map_err(|e| {
        vec![issue(
            "V-EVENT-FILE",
            ".",
            path.display(),
            e.to_string(),
            "give a readable UTF-8 events file",
        )]
    })?;
    parse_events(&text)
}

/// Parse the text of an events file (see [`read_events`]).
pub fn parse_events(text: &str) -> Result<Vec<Event>, Vec<Issue>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Value::deserialize(&mut de).map_err(|e| {
        vec![issue(
            "V-EVENT-JSON",
            ".",
            "",
            format!("not valid JSON: {e}"),
            "correct the syntax there; see models/roll.md",
        )]
    })?;
    de.end().map_err(|e| {
        vec![issue(
            "V-EVENT-JSON",
            ".",
            "",
            format!(
                "more text after the end of the events, at line {} column {}",
                e.line(),
                e.column()
            ),
            "a file holds one events object: remove what follows its closing `}`",
        )]
    })?;
    let example = format!("{{\"format\": \"{EVENTS_FORMAT}\", \"events\": [...]}}");
    let Some(top) = value.as_object() else {
        return Err(vec![issue(
            "V-EVENT-FIELD",
            ".",
            crate::scenario::shape::show(&value),
            "the events file must be a JSON object",
            format!("write {example}"),
        )]);
    };
    let mut issues = Vec::new();
    match top.get("format").and_then(Value::as_str) {
        Some(EVENTS_FORMAT) => {}
        other => issues.push(issue(
            "V-EVENT-FORMAT",
            "format",
            other.map_or_else(|| "(missing)".to_string(), |f| format!("{f:?}")),
            "not an events file of a known version",
            format!("set \"format\": \"{EVENTS_FORMAT}\""),
        )),
    }
    for key in top.keys().filter(|k| *k != "format" && *k != "events") {
        issues.push(issue(
            "V-EVENT-FIELD",
            key.clone(),
            "",
            format!("`{key}` is not a field of an events file"),
            "remove it: an events file has `format` and `events`",
        ));
    }
    let items: &[Value] = match top.get("events") {
        None => &[],
        Some(Value::Array(a)) => a,
        Some(other) => {
            issues.push(issue(
                "V-EVENT-FIELD",
                "events",
                crate::scenario::shape::show(other),
                "`events` must be a JSON array",
                format!("write {example}"),
            ));
            &[]
        }
    };
    let mut events = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match serde_path_to_error::deserialize::<_, Event>(item) {
            Ok(e) => {
                nested_unknown(i, item, &mut issues);
                events.push(e);
            }
            Err(err) => {
                let mut path = err.path().to_string();
                let mut message = err.into_inner().to_string();
                // Inside an internally tagged enum serde loses the path: name
                // the field from the message, or find the date that is not one.
                if path == "." || path.is_empty() {
                    path = String::new();
                    if let Some(name) = message
                        .strip_prefix("unknown field `")
                        .and_then(|m| m.split('`').next())
                    {
                        path = name.to_string();
                    }
                    for key in ["date", "from", "to"] {
                        let problem = item
                            .get(key)
                            .and_then(Value::as_str)
                            .and_then(crate::scenario::shape::date_problem);
                        if let (true, Some(p)) = (path.is_empty(), problem) {
                            path = key.to_string();
                            message = p;
                        }
                    }
                }
                let field = if path.is_empty() {
                    format!("events[{i}]")
                } else {
                    format!("events[{i}].{path}")
                };
                let kind = item.get("kind").map(crate::scenario::shape::show);
                issues.push(issue(
                    "V-EVENT-FIELD",
                    field,
                    kind.map(|k| format!("kind {k}")).unwrap_or_default(),
                    message,
                    "write the event as models/roll.md shows; kinds: birth, sick, recovery, hospital, discharge, cancellation, nurse_joins, nurse_leaves, indication",
                ));
            }
        }
    }
    if issues.is_empty() {
        Ok(events)
    } else {
        Err(issues)
    }
}

/// Unknown fields inside an event's `new_family` or `nurse` object, which
/// serde would drop silently (the nested types read leniently, as in a scenario).
fn nested_unknown(i: usize, item: &Value, out: &mut Vec<Issue>) {
    let mut found = Vec::new();
    if let Some(v) = item.get("new_family") {
        let mut record = |p: serde_ignored::Path| found.push(format!("new_family.{p}"));
        let _ = serde_ignored::deserialize::<_, _, Family>(v, &mut record);
    }
    if let Some(v) = item.get("nurse").filter(|v| v.is_object()) {
        let mut record = |p: serde_ignored::Path| found.push(format!("nurse.{p}"));
        let _ = serde_ignored::deserialize::<_, _, Nurse>(v, &mut record);
    }
    for path in found {
        out.push(issue(
            "V-EVENT-FIELD",
            format!("events[{i}].{path}"),
            "",
            format!("`{path}` is not a field of the format"),
            "remove it or correct the spelling (docs/format.md)",
        ));
    }
}

/// Fix text for an unknown id: the closest known one, if any.
fn ref_fix(bad: &str, kind: &str, known: &[&str]) -> String {
    match closest(bad, known.iter().copied(), Reach::ThirdOfWord) {
        Some(c) => format!("did you mean `{c}`?"),
        None if known.is_empty() => format!("no {kind}s are known"),
        None => format!("use the id of a {kind} of the scenario"),
    }
}

/// Check event `i` against the scenario it is applied to (the rolled
/// scenario, with the events before it applied): ids that exist, dates in
/// the horizon, a sensible order of dates. Empty when it can be applied.
pub fn check_event(s: &Scenario, i: usize, e: &Event) -> Vec<Issue> {
    let mut out = Vec::new();
    let (start, end) = (s.start, s.end());
    let at = |name: &str| format!("events[{i}].{name}");
    let in_horizon = |name: &str, d: NaiveDate, out: &mut Vec<Issue>| {
        if d < start || d > end {
            out.push(issue(
                "V-EVENT-DATE",
                at(name),
                d,
                format!(
                    "{}: {d} is outside the new horizon {start} … {end}",
                    e.describe()
                ),
                format!("use a date between {start} and {end}; what lies before {start} is history, what lies after {end} comes in a later night"),
            ));
        }
    };
    let order = |from: NaiveDate, to: Option<NaiveDate>, out: &mut Vec<Issue>| {
        if let Some(t) = to.filter(|t| *t < from) {
            out.push(issue(
                "V-EVENT-DATE",
                at("to"),
                t,
                format!("{}: `to` {t} is before `from` {from}", e.describe()),
                "swap the dates, or leave `to` out",
            ));
        }
    };
    let nurse_ids: Vec<&str> = s.nurses.iter().map(|n| n.id.as_str()).collect();
    let family_ids: Vec<&str> = s.families.iter().map(|f| f.id.as_str()).collect();
    let nurse_known = |id: &str, out: &mut Vec<Issue>| {
        let known = nurse_ids.contains(&id);
        if !known {
            out.push(issue(
                "V-EVENT-REF",
                at("nurse"),
                id,
                format!("{}: nurse `{id}` is not in the scenario", e.kind()),
                ref_fix(id, "nurse", &nurse_ids),
            ));
        }
        known
    };
    let family = |id: &str, out: &mut Vec<Issue>| {
        let f = s.families.iter().find(|f| f.id == id);
        if f.is_none() {
            out.push(issue(
                "V-EVENT-REF",
                at("family"),
                id,
                format!("{}: family `{id}` is not in the scenario", e.kind()),
                ref_fix(id, "family", &family_ids),
            ));
        }
        f
    };
    let episode = |f: &Family| {
        (
            f.care_start,
            add_days(f.care_start, i64::from(f.care_days) - 1),
        )
    };
    match e {
        Event::Birth {
            family: id,
            date,
            arrival,
            hospital,
            new_family,
        } => match (id, date, new_family) {
            (None, None, Some(f)) => {
                if arrival.is_some() || !hospital.is_empty() {
                    out.push(issue(
                        "V-EVENT-BIRTH",
                        at(if arrival.is_some() { "arrival" } else { "hospital" }),
                        "",
                        format!("birth of {}: `arrival` and `hospital` belong inside `new_family`", f.id),
                        "move them into the new_family object",
                    ));
                }
                if family_ids.contains(&f.id.as_str()) {
                    out.push(issue(
                        "V-EVENT-DUP",
                        at("new_family.id"),
                        &f.id,
                        format!("unbooked birth: family {} already exists", f.id),
                        "use {\"kind\": \"birth\", \"family\": …, \"date\": …} for a booking, or a new id",
                    ));
                }
                if let Some(due) = f.due {
                    out.push(issue(
                        "V-EVENT-BIRTH",
                        at("new_family.due"),
                        due,
                        format!("unbooked birth of {}: a born child has no due date", f.id),
                        "remove `due`",
                    ));
                }
                in_horizon("new_family.care_start", f.care_start, &mut out);
            }
            (Some(id), Some(d), None) => {
                if let Some(f) = family(id, &mut out) {
                    if f.due.is_none() {
                        out.push(issue(
                            "V-EVENT-DUP",
                            at("family"),
                            id,
                            format!("birth of {id}: the family is already in care since {} (no `due`: not a booking)", f.care_start),
                            "name a booking (a family with `due`), or use `new_family` with a new id for an unbooked birth",
                        ));
                    }
                }
                in_horizon("date", *d, &mut out);
                let last = add_days(*d, s.families.iter().find(|f| &f.id == id).map_or(8, |f| i64::from(f.care_days)) - 1);
                for (j, h) in hospital.iter().enumerate() {
                    if *h < *d || *h > last {
                        out.push(issue(
                            "V-EVENT-DATE",
                            at(&format!("hospital[{j}]")),
                            h,
                            format!("birth of {id}: hospital day {h} is outside the episode {d} … {last}"),
                            format!("use a date between {d} and {last}"),
                        ));
                    }
                }
            }
            _ => out.push(issue(
                "V-EVENT-BIRTH",
                format!("events[{i}]"),
                "",
                "a birth names either a booking (`family` and `date`) or a `new_family`, not both nor neither",
                "write {\"kind\": \"birth\", \"family\": \"F012\", \"date\": \"…\"} or {\"kind\": \"birth\", \"new_family\": {…}}",
            )),
        },
        Event::Sick { nurse, from, to } => {
            nurse_known(nurse, &mut out);
            in_horizon("from", *from, &mut out);
            if let Some(t) = to {
                in_horizon("to", *t, &mut out);
            }
            order(*from, *to, &mut out);
        }
        Event::Recovery { nurse, from } => {
            nurse_known(nurse, &mut out);
            in_horizon("from", *from, &mut out);
        }
        Event::Hospital {
            family: id,
            from,
            to,
        } => {
            in_horizon("from", *from, &mut out);
            if let Some(t) = to {
                in_horizon("to", *t, &mut out);
            }
            order(*from, *to, &mut out);
            if let Some(f) = family(id, &mut out) {
                let (first, last) = episode(f);
                let to = to.unwrap_or(*from);
                if *from < first || to > last {
                    out.push(issue(
                        "V-EVENT-DATE",
                        at(if *from < first { "from" } else { "to" }),
                        if *from < first { *from } else { to },
                        format!("{}: outside the episode {first} … {last}", e.describe()),
                        format!("use dates between {first} and {last}"),
                    ));
                }
            }
        }
        Event::Discharge { family: id, date } => {
            family(id, &mut out);
            in_horizon("date", *date, &mut out);
        }
        Event::Cancellation { family: id } => {
            family(id, &mut out);
        }
        Event::NurseJoins { nurse } => {
            if nurse_ids.contains(&nurse.id.as_str()) {
                out.push(issue(
                    "V-EVENT-DUP",
                    at("nurse.id"),
                    &nurse.id,
                    format!("nurse_joins: nurse {} already exists", nurse.id),
                    "give the new nurse an id of her own",
                ));
            }
        }
        Event::NurseLeaves { nurse, date } => {
            nurse_known(nurse, &mut out);
            if *date > end {
                in_horizon("date", *date, &mut out);
            }
        }
        Event::Indication {
            family: id,
            indicated_hours,
        } => {
            if !(24..=80).contains(indicated_hours) {
                out.push(issue(
                    "V-EVENT-HOURS",
                    at("indicated_hours"),
                    indicated_hours,
                    format!("{}: outside the LIP range 24–80", e.describe()),
                    "use the LIP indication: 24–80 hours",
                ));
            }
            if let Some(f) = family(id, &mut out) {
                if *indicated_hours < f.delivered_before {
                    out.push(issue(
                        "V-EVENT-HOURS",
                        at("indicated_hours"),
                        indicated_hours,
                        format!(
                            "{}: below the {} hours already delivered",
                            e.describe(),
                            f.delivered_before
                        ),
                        "check the indication",
                    ));
                }
            }
        }
    }
    out
}
