//! The shape of a scenario's JSON, checked before serde reads it into the
//! wire types of [`crate::scenario`].
//!
//! serde's derives are lax where a planner's slip should be an error, and
//! terse where it needs a fix: they read a struct from a JSON array by
//! position (`[ "N001", "P1", … ]` for a nurse), and say "trailing
//! characters" for a `home` of three numbers or "input is out of range" for
//! `2026-02-30`. This walk over the parsed [`Value`] finds those cases
//! first and names the JSON path (in the form of `serde_path_to_error`:
//! `nurses[2].home`), the value and the fix. Whatever it lets through, the
//! typed read decides as before; unknown fields are left to
//! [`crate::scenario::validate`].

use chrono::NaiveDate;
use serde_json::{Map, Value};

/// A shape problem: the JSON path and what is wrong there, with the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// JSON path, e.g. `families[0].complexity` (`.` for the document).
    pub field: String,
    /// The value, what is wrong with it and the fix.
    pub problem: String,
}

type Res = Result<(), ShapeError>;

/// The values of each enum of the format, as written in JSON.
pub const ROLES: &[&str] = &["nurse", "kio", "office_qualified"];
/// See [`ROLES`].
pub const COMPLEXITIES: &[&str] = &["low", "medium", "high"];
/// See [`ROLES`].
pub const ARRIVALS: &[&str] = &["day", "evening"];
/// See [`ROLES`].
pub const SCOPES: &[&str] = &["regional", "provider"];
/// See [`ROLES`].
pub const SHIFTS: &[&str] = &["day", "evening", "night"];

/// Check a parsed scenario document; the first problem found.
pub fn check_scenario(v: &Value) -> Res {
    let top = object(
        v,
        ".",
        "the scenario",
        "{\"format\": \"kraamplan/scenario@1\", …}",
    )?;
    date(top, "", "start")?;
    if let Some(r) = top.get("rules") {
        object(r, "rules", "`rules`", "{\"max_hours_per_week\": 60}")?;
    }
    for (i, p) in elements(top, "providers") {
        object(
            p,
            &format!("providers[{i}]"),
            "a provider",
            "{\"id\": \"P1\"}",
        )?;
    }
    for (i, n) in elements(top, "nurses") {
        let path = format!("nurses[{i}]");
        let n = object(
            n,
            &path,
            "a nurse",
            "{\"id\": \"N001\", \"provider\": \"P1\", …}",
        )?;
        one_of(n, &path, "role", "a role", ROLES, Some("nurse"))?;
        home(n, &path)?;
        dates(n, &path, "off")?;
        if let Some(h) = n.get("history") {
            let hpath = format!("{path}.history");
            let h = object(h, &hpath, "`history`", "{\"worked\": [\"2026-07-03\"]}")?;
            dates(h, &hpath, "worked")?;
            dates(h, &hpath, "oncall")?;
        }
    }
    for (i, f) in elements(top, "families") {
        let path = format!("families[{i}]");
        let f = object(
            f,
            &path,
            "a family",
            "{\"id\": \"F001\", \"provider\": \"P1\", …}",
        )?;
        date(f, &path, "care_start")?;
        if f.get("due").is_some_and(|d| !d.is_null()) {
            date(f, &path, "due")?;
        }
        dates(f, &path, "hospital")?;
        one_of(
            f,
            &path,
            "complexity",
            "a complexity",
            COMPLEXITIES,
            Some("low"),
        )?;
        one_of(f, &path, "arrival", "an arrival", ARRIVALS, Some("day"))?;
        home(f, &path)?;
    }
    if let Some(pool) = top.get("partus_pool").filter(|p| !p.is_null()) {
        let pool = object(
            pool,
            "partus_pool",
            "`partus_pool`",
            "{\"scope\": \"regional\", …}",
        )?;
        one_of(
            pool,
            "partus_pool",
            "scope",
            "a pool scope",
            SCOPES,
            Some("regional"),
        )?;
        if let Some(v) = pool.get("min_on_call").filter(|v| v.as_u64().is_none()) {
            return Err(ShapeError {
                field: "partus_pool.min_on_call".into(),
                problem: format!(
                    "{} is not a whole number of nurses — give the minimum on call per shift (0 = none, e.g. 1 or 2), or leave `min_on_call` out",
                    show(v)
                ),
            });
        }
        for (j, sh) in elements(pool, "shifts") {
            let path = format!("partus_pool.shifts[{j}]");
            let sh = object(
                sh,
                &path,
                "a shift",
                "{\"date\": \"2026-07-06\", \"shift\": \"night\", \"required\": 1}",
            )?;
            date(sh, &path, "date")?;
            one_of(sh, &path, "shift", "a shift", SHIFTS, None)?;
        }
    }
    Ok(())
}

/// `path.key`, or `key` at the top level.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() || path == "." {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The value as written, shortened for a message.
pub fn show(v: &Value) -> String {
    const MAX: usize = 60;
    let text = v.to_string();
    if text.chars().count() <= MAX {
        text
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a JSON array",
        Value::Object(_) => "a JSON object",
    }
}

/// `v` must be a JSON object (serde would read a struct from an array by position).
fn object<'a>(
    v: &'a Value,
    path: &str,
    what: &str,
    example: &str,
) -> Result<&'a Map<String, Value>, ShapeError> {
    match v {
        Value::Object(m) => Ok(m),
        other => Err(ShapeError {
            field: path.to_string(),
            problem: format!(
                "{} is {}, but {what} must be a JSON object with named fields, such as {example}",
                show(other),
                kind(other)
            ),
        }),
    }
}

/// The elements of the list `key`, if it is one (anything else is left to serde).
fn elements<'a>(m: &'a Map<String, Value>, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    m.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

/// An enum field: one of `values`, or absent when `default` is given.
fn one_of(
    m: &Map<String, Value>,
    path: &str,
    key: &str,
    what: &str,
    values: &[&str],
    default: Option<&str>,
) -> Res {
    let Some(v) = m.get(key) else { return Ok(()) };
    if v.as_str().is_some_and(|s| values.contains(&s)) {
        return Ok(());
    }
    let list = values
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = v
        .as_str()
        .and_then(|s| {
            let s = s.trim().to_lowercase();
            values.iter().find(|c| **c == s)
        })
        .map(|c| format!(" (did you mean \"{c}\"? values are lower case)"))
        .unwrap_or_default();
    let default = default
        .map(|d| format!(", or leave `{key}` out for \"{d}\""))
        .unwrap_or_default();
    Err(ShapeError {
        field: join(path, key),
        problem: format!(
            "{} is not {what}{hint} — use one of {list}{default}",
            show(v)
        ),
    })
}

/// `home` must be `[lat, lon]`: two numbers.
fn home(m: &Map<String, Value>, path: &str) -> Res {
    let Some(v) = m.get("home") else {
        return Ok(());
    };
    match v.as_array() {
        Some(a) if a.len() == 2 && a.iter().all(Value::is_number) => Ok(()),
        _ => Err(ShapeError {
            field: join(path, "home"),
            problem: format!(
                "{} is not [lat, lon] — `home` must be two numbers, latitude then longitude in WGS84 degrees, e.g. [52.09, 5.12]",
                show(v)
            ),
        }),
    }
}

/// A list of dates under `key`, if it is a list.
fn dates(m: &Map<String, Value>, path: &str, key: &str) -> Res {
    for (j, d) in elements(m, key) {
        date_value(d, &format!("{}[{j}]", join(path, key)))?;
    }
    Ok(())
}

/// The date field `key`, if present.
fn date(m: &Map<String, Value>, path: &str, key: &str) -> Res {
    match m.get(key) {
        Some(d) => date_value(d, &join(path, key)),
        None => Ok(()),
    }
}

fn date_value(v: &Value, field: &str) -> Res {
    let problem = match v {
        Value::String(s) => match date_problem(s) {
            None => return Ok(()),
            Some(p) => format!("\"{s}\" {p}"),
        },
        other => format!(
            "{} is {}, not a date — write dates as strings \"YYYY-MM-DD\", e.g. \"2026-07-20\"",
            show(other),
            kind(other)
        ),
    };
    Err(ShapeError {
        field: field.to_string(),
        problem,
    })
}

/// Why `s` is not a date serde reads (chrono's `YYYY-MM-DD`), with the fix.
pub fn date_problem(s: &str) -> Option<String> {
    if s.parse::<NaiveDate>().is_ok() {
        return None;
    }
    let example = "write dates as YYYY-MM-DD, e.g. 2026-07-20";
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    let numbers: Option<Vec<i64>> = parts
        .iter()
        .map(|p| {
            if p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect();
    let Some([a, b, c]) = numbers
        .as_deref()
        .and_then(|n| <[i64; 3]>::try_from(n).ok())
    else {
        return Some(format!(
            "is not a date in the format YYYY-MM-DD — {example}"
        ));
    };
    if parts[0].len() <= 2 && parts[2].len() == 4 {
        return Some(format!(
            "is not in the format YYYY-MM-DD (day-month-year?) — write it as {c:04}-{b:02}-{a:02} if that is the date meant"
        ));
    }
    if !s.contains('-') || s.contains(['/', '.']) {
        return Some(format!("is not in the format YYYY-MM-DD — {example}"));
    }
    let (year, month, day) = (a, b, c);
    if !(1..=12).contains(&month) {
        return Some(format!(
            "is not a calendar date: there is no month {month} — {example}"
        ));
    }
    let days = days_in_month(year, month as u32);
    if day < 1 || day > i64::from(days) {
        return Some(format!(
            "is not a calendar date: {} {year} has {days} days — correct the day",
            MONTHS[month as usize - 1]
        ));
    }
    Some(format!(
        "is not a date in the format YYYY-MM-DD — {example}"
    ))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn issue11_date_problems_echo_the_value_and_the_fix() {
        assert_eq!(date_problem("2026-07-20"), None);
        let feb = date_problem("2026-02-30").unwrap();
        assert!(
            feb.contains("not a calendar date") && feb.contains("February 2026 has 28 days"),
            "{feb}"
        );
        assert!(date_problem("2024-02-30").unwrap().contains("has 29 days"));
        let dmy = date_problem("20/07/2026").unwrap();
        assert!(
            dmy.contains("YYYY-MM-DD") && dmy.contains("2026-07-20"),
            "{dmy}"
        );
        assert!(date_problem("2026-13-01").unwrap().contains("no month 13"));
        assert!(date_problem("next monday").unwrap().contains("YYYY-MM-DD"));
        assert!(date_problem("").unwrap().contains("YYYY-MM-DD"));
    }

    #[test]
    fn issue11_enum_values_match_the_wire_types() {
        use crate::scenario::{Arrival, Complexity, PoolScope, Role, Shift};
        fn reads<T: serde::de::DeserializeOwned>(values: &[&str]) {
            for v in values {
                serde_json::from_value::<T>(json!(v)).unwrap_or_else(|e| panic!("{v}: {e}"));
            }
        }
        reads::<Role>(ROLES);
        reads::<Complexity>(COMPLEXITIES);
        reads::<Arrival>(ARRIVALS);
        reads::<PoolScope>(SCOPES);
        reads::<Shift>(SHIFTS);
        // And no value is missing: the schema lists exactly these.
        let count = |schema: schemars::schema::RootSchema| {
            serde_json::to_string(&schema)
                .unwrap()
                .matches("\"enum\"")
                .count()
        };
        assert_eq!(count(schemars::schema_for!(Role)), ROLES.len());
        assert_eq!(count(schemars::schema_for!(Complexity)), COMPLEXITIES.len());
        assert_eq!(count(schemars::schema_for!(Arrival)), ARRIVALS.len());
        assert_eq!(count(schemars::schema_for!(PoolScope)), SCOPES.len());
        assert_eq!(count(schemars::schema_for!(Shift)), SHIFTS.len());
    }
}
