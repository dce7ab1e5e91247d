//! CSV files to a scenario: each row to the JSON object of its list, the
//! settings to the scenario's own fields, then the scenario read and
//! validated as if it came from a JSON file.
//!
//! Every problem is collected, never only the first: a cell that does not
//! read is named by file, row and column with the fix, and is filled with a
//! placeholder so that the scenario can still be validated; validation
//! issues are named by the file and row they came from, and those on a cell
//! already reported are left out (they would repeat it).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::cells::{self, Table};
use super::columns::{header_required, Column, Kind, Sheet, SETTINGS, SETTINGS_FILE, SHEETS};
use crate::domain::suggest::{closest, Reach};
use crate::scenario::validate::validate;
use crate::scenario::{parse_scenario, ReadError, Scenario, SCENARIO_FORMAT};

/// One file's text and the name to show for it (the path as given).
#[derive(Debug, Clone)]
pub struct Source {
    /// The name in messages, e.g. `in/nurses.csv`.
    pub shown: String,
    /// The file's text.
    pub text: String,
}

/// The files of one import.
#[derive(Debug, Clone)]
pub struct Sources {
    /// `providers.csv`.
    pub providers: Source,
    /// `nurses.csv`.
    pub nurses: Source,
    /// `families.csv`.
    pub families: Source,
    /// `pool.csv`, if the scenario has pool shifts.
    pub pool: Option<Source>,
    /// `settings.csv`, the scenario's own fields.
    pub settings: Option<Source>,
}

/// Scenario fields given on the command line; they win over `settings.csv`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--name`.
    pub name: Option<String>,
    /// `--start`.
    pub start: Option<NaiveDate>,
    /// `--days`.
    pub days: Option<u32>,
    /// The name when neither `--name` nor `settings.csv` gives one.
    pub default_name: String,
}

/// What an import made: the scenario when there was no error, and every
/// error and warning, each naming where it is.
#[derive(Debug, Clone)]
pub struct Report {
    /// The scenario; `None` when `errors` is not empty.
    pub scenario: Option<Scenario>,
    /// Problems that keep the scenario from being written.
    pub errors: Vec<String>,
    /// Validation warnings: legal, probably not what was meant.
    pub warnings: Vec<String>,
}

/// Build and validate a scenario from spreadsheet files.
pub fn import(sources: &Sources, over: &Overrides) -> Report {
    let mut b = Builder::default();
    let mut top = Map::new();
    top.insert("format".into(), SCENARIO_FORMAT.into());
    if let Some(settings) = &sources.settings {
        b.settings(settings, &mut top);
    }
    if let Some(name) = &over.name {
        top.insert("name".into(), name.clone().into());
    }
    top.entry("name")
        .or_insert_with(|| over.default_name.clone().into());
    if let Some(start) = over.start {
        top.insert("start".into(), start.to_string().into());
    }
    if let Some(days) = over.days {
        top.insert("days".into(), days.into());
    }
    for (key, flag, example) in [("start", "--start", "2026-07-06"), ("days", "--days", "14")] {
        // A value that did not read is reported where it stands.
        let in_settings = b
            .settings
            .as_ref()
            .is_some_and(|(_, rows)| rows.contains_key(key));
        if !top.contains_key(key) && !in_settings {
            b.errors.push(format!(
                "{key} is not given: pass {flag} {example}, or write a row {key},{example} in {SETTINGS_FILE}"
            ));
        }
    }
    let horizon = top.contains_key("start") && top.contains_key("days");
    b.placeholder_date = top
        .get("start")
        .and_then(Value::as_str)
        .unwrap_or("2000-01-01")
        .to_string();
    let files = [
        Some(&sources.providers),
        Some(&sources.nurses),
        Some(&sources.families),
        sources.pool.as_ref(),
    ];
    for (sheet, source) in SHEETS.iter().zip(files) {
        let Some(source) = source else { continue };
        let rows = b.sheet(sheet, source);
        set_path(&mut top, sheet.list, Value::Array(rows));
    }
    let (scenario, issues) = b.finish(top, horizon);
    let mut report = Report {
        scenario: None,
        errors: b.errors,
        warnings: Vec::new(),
    };
    for (error, line) in issues {
        if error {
            report.errors.push(line);
        } else {
            report.warnings.push(line);
        }
    }
    if report.errors.is_empty() {
        report.scenario = scenario;
    }
    report
}

/// A cell: file, row (`None`: every row), column.
type Cell = (String, Option<usize>, String);

/// Cells of one row: file, row, the columns of one JSON field (`home`: two).
type Cells = (String, Option<usize>, Vec<String>);

/// Where each part of the scenario came from, and the errors so far.
#[derive(Default)]
struct Builder {
    errors: Vec<String>,
    /// Per list path (`nurses`): the file shown and each element's row.
    rows: BTreeMap<&'static str, (String, Vec<usize>)>,
    /// The settings file shown and each key's row.
    settings: Option<(String, BTreeMap<String, usize>)>,
    /// Cells already reported (the row `None` for a whole column).
    reported: BTreeSet<Cell>,
    /// A date for required dates that did not read.
    placeholder_date: String,
}

impl Builder {
    /// The rows of one sheet as JSON objects.
    fn sheet(&mut self, sheet: &Sheet, source: &Source) -> Vec<Value> {
        let file = source.shown.clone();
        let (table, errors) = cells::read(&source.text, &file);
        self.errors.extend(errors);
        let at = self.header(sheet, &table, &file);
        let sep = table.list_separator();
        let mut numbers = Vec::new();
        let mut out = Vec::new();
        for row in &table.rows {
            let mut obj = Map::new();
            for column in sheet.columns {
                let cell = at
                    .iter()
                    .position(|c| c.is_some_and(|c| c.name == column.name))
                    .map(|i| row.cells[i].as_str());
                let place = format!("{file} row {}, column {}", row.number, column.name);
                let value = match cell {
                    // A missing column is reported once, from the header.
                    None if column.required => Some(self.placeholder(column.kind)),
                    None => continue,
                    Some("") if column.required => {
                        self.errors.push(format!(
                            "{place}: empty, but {} is required; write {}",
                            column.name,
                            example(column.kind)
                        ));
                        None
                    }
                    Some("") => continue,
                    Some(text) => match cells::parse(column.kind, text, sep) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            self.errors.push(format!("{place}: {e}"));
                            None
                        }
                    },
                };
                let value = match value {
                    Some(v) => v,
                    None => {
                        self.reported
                            .insert((file.clone(), Some(row.number), column.name.into()));
                        if !column.required {
                            continue;
                        }
                        self.placeholder(column.kind)
                    }
                };
                set(&mut obj, column, value);
            }
            numbers.push(row.number);
            out.push(Value::Object(obj));
        }
        self.rows.insert(sheet.list, (file, numbers));
        out
    }

    /// Which column each header cell names; unknown, duplicate and missing
    /// columns are errors.
    fn header(&mut self, sheet: &Sheet, table: &Table, file: &str) -> Vec<Option<&'static Column>> {
        let names: Vec<&str> = sheet.columns.iter().map(|c| c.name).collect();
        let mut at = Vec::new();
        for (i, name) in table.header.iter().enumerate() {
            let column = sheet.columns.iter().find(|c| c.name == name);
            if name.is_empty() {
                if table.rows.iter().any(|r| !r.cells[i].is_empty()) {
                    self.errors.push(format!(
                        "{file} row 1, column {}: no name, but cells below it; name the column or delete it",
                        i + 1
                    ));
                }
            } else if column.is_some() && at.contains(&column) {
                self.errors.push(format!(
                    "{file} row 1, column {name}: named twice; keep one of them"
                ));
                at.push(None);
                continue;
            } else if column.is_none() {
                self.errors.push(format!(
                    "{file} row 1, column {name}: unknown column; {}",
                    unknown_fix(name, &names)
                ));
            }
            at.push(column);
        }
        for column in sheet.columns {
            if header_required(sheet, column) && !at.contains(&Some(column)) {
                self.errors.push(format!(
                    "{file}: no column {name} (required); add a column named {name} to row 1",
                    name = column.name
                ));
                self.reported
                    .insert((file.to_string(), None, column.name.into()));
            }
        }
        at
    }

    /// The scenario's own fields from `key,value` rows.
    fn settings(&mut self, source: &Source, top: &mut Map<String, Value>) {
        let file = source.shown.clone();
        let (table, errors) = cells::read(&source.text, &file);
        self.errors.extend(errors);
        let sep = table.list_separator();
        let find = |want: &str| {
            table
                .header
                .iter()
                .position(|h| h.eq_ignore_ascii_case(want))
        };
        let (Some(k), Some(v)) = (find("key"), find("value")) else {
            self.errors.push(format!(
                "{file} row 1: the header must be key,value (found {}); add that row above the settings",
                table.header.join(",")
            ));
            return;
        };
        for (i, h) in table.header.iter().enumerate() {
            if i != k && i != v && table.rows.iter().any(|r| !r.cells[i].is_empty()) {
                self.errors.push(format!(
                    "{file} row 1, column {h}: unknown column; the settings have two columns, key and value"
                ));
            }
        }
        let keys: Vec<&str> = SETTINGS.iter().map(|c| c.name).collect();
        let mut rows = BTreeMap::new();
        for row in &table.rows {
            let (key, text) = (row.cells[k].as_str(), row.cells[v].as_str());
            let place = format!("{file} row {}, key {key}", row.number);
            let Some(column) = SETTINGS.iter().find(|c| c.name == key) else {
                self.errors.push(if key.is_empty() {
                    format!(
                        "{file} row {}: a value without a key; write the key in column key",
                        row.number
                    )
                } else {
                    format!("{place}: unknown key; {}", unknown_fix(key, &keys))
                });
                continue;
            };
            if rows.insert(key.to_string(), row.number).is_some() {
                self.errors
                    .push(format!("{place}: given twice; keep one of the rows"));
                continue;
            }
            if text.is_empty() {
                continue;
            }
            match cells::parse(column.kind, text, sep) {
                Ok(value) => set_path(top, column.path, value),
                Err(e) => {
                    self.errors.push(format!("{place}: {e}"));
                    self.reported
                        .insert((file.clone(), Some(row.number), key.to_string()));
                }
            }
        }
        self.settings = Some((file, rows));
    }

    /// A value of `kind` standing in for a required cell that did not read.
    fn placeholder(&self, kind: Kind) -> Value {
        match kind {
            Kind::Text | Kind::Json => Value::String(String::new()),
            Kind::Whole(_) => 0.into(),
            Kind::Number | Kind::Coordinate(_) => 0.0.into(),
            Kind::Flag => false.into(),
            Kind::Date => self.placeholder_date.clone().into(),
            Kind::Choice(values) => values[0].into(),
            Kind::Texts | Kind::Dates | Kind::Wholes => Value::Array(Vec::new()),
        }
    }

    /// Read the document as a scenario and validate it (only when the
    /// horizon is known: without it every date check would misfire).
    /// Returns the scenario and the issues as (is error, line).
    fn finish(
        &mut self,
        top: Map<String, Value>,
        horizon: bool,
    ) -> (Option<Scenario>, Vec<(bool, String)>) {
        let text = Value::Object(top).to_string();
        let read = match parse_scenario(&text, "the imported scenario") {
            Ok(read) => read,
            Err(e) => {
                if self.errors.is_empty() {
                    let (field, message) = match &e {
                        ReadError::Shape { field, problem, .. } => (field.clone(), problem.clone()),
                        ReadError::Json { field, message, .. } => (field.clone(), message.clone()),
                        other => (String::new(), other.to_string()),
                    };
                    let (place, _) = self.locate(&field);
                    self.errors.push(format!("{place}: {message}"));
                }
                return (None, Vec::new());
            }
        };
        if !horizon {
            return (None, Vec::new());
        }
        let mut out = Vec::new();
        for issue in validate(&read) {
            let (place, cell) = self.locate(&issue.field);
            if cell.is_some_and(|c| self.already_reported(&c)) {
                continue;
            }
            out.push((issue.is_error(), format!("{place}: {issue}")));
        }
        (Some(read.scenario), out)
    }

    fn already_reported(
        &self,
        (file, row, columns): &(String, Option<usize>, Vec<String>),
    ) -> bool {
        columns.iter().any(|c| {
            self.reported.contains(&(file.clone(), *row, c.clone()))
                || self.reported.contains(&(file.clone(), None, c.clone()))
        })
    }

    /// Where a JSON path of the scenario came from: the text naming file,
    /// row and column (or settings key), and the cell for suppression.
    fn locate(&self, field: &str) -> (String, Option<Cells>) {
        let (keys, first_index) = split_path(field);
        for sheet in &SHEETS {
            let list: Vec<&str> = sheet.list.split('.').collect();
            if keys.len() < list.len() || keys[..list.len()] != list[..] {
                continue;
            }
            let Some((file, rows)) = self.rows.get(sheet.list) else {
                break;
            };
            let Some(row) = first_index.and_then(|i| rows.get(i)).copied() else {
                return (file.clone(), None);
            };
            let path = keys[list.len()..].join(".");
            let columns: Vec<String> = sheet
                .columns
                .iter()
                .filter(|c| !path.is_empty() && c.path == path)
                .map(|c| c.name.to_string())
                .collect();
            let place = if columns.is_empty() {
                format!("{file} row {row}")
            } else {
                format!("{file} row {row}, column {}", columns.join(" and "))
            };
            return (place, Some((file.clone(), Some(row), columns)));
        }
        let key = keys.join(".");
        if let Some((file, rows)) = &self.settings {
            let known = SETTINGS
                .iter()
                .map(|c| c.name)
                .filter(|k| key == *k || key.starts_with(&format!("{k}.")))
                .max_by_key(|k| k.len());
            if let Some((k, row)) = known.and_then(|k| rows.get(k).map(|r| (k, *r))) {
                return (
                    format!("{file} row {row}, key {k}"),
                    Some((file.clone(), Some(row), vec![k.to_string()])),
                );
            }
        }
        match key.as_str() {
            "start" | "days" | "name" => (format!("--{key}"), None),
            "" => ("the imported scenario".into(), None),
            _ => (format!("the imported scenario, {key}"), None),
        }
    }
}

/// The keys of a JSON path (`nurses[3].history.worked[0]` →
/// `nurses, history, worked`) and the first index (3).
fn split_path(field: &str) -> (Vec<&str>, Option<usize>) {
    let mut keys = Vec::new();
    let mut first = None;
    for part in field.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            keys.push(name);
        }
        if first.is_none() && !rest.is_empty() {
            first = rest.split(']').next().and_then(|n| n.parse().ok());
        }
    }
    (keys, first)
}

/// The fix for an unknown column or key: the closest known name.
fn unknown_fix(name: &str, known: &[&str]) -> String {
    if name == "home" {
        return "write the home as two columns, home.lat and home.lon".into();
    }
    match closest(name, known.iter().copied(), Reach::ThirdOfWord) {
        Some(c) => format!("did you mean {c}?"),
        None => format!("the columns are {}", known.join(", ")),
    }
}

/// An example value for a required cell's message.
fn example(kind: Kind) -> String {
    match kind {
        Kind::Text => "its id, e.g. N001".into(),
        Kind::Whole(_) => "a whole number, e.g. 36".into(),
        Kind::Number => "a number, e.g. 2,5".into(),
        Kind::Coordinate(0) => "the latitude in degrees, e.g. 52,09".into(),
        Kind::Coordinate(_) => "the longitude in degrees, e.g. 5,12".into(),
        Kind::Date => "a date, e.g. 2026-07-20".into(),
        Kind::Choice(values) => format!("one of {}", values.join(", ")),
        other => other.describe(),
    }
}

/// Put a cell's value into its row object at the column's path.
fn set(obj: &mut Map<String, Value>, column: &Column, value: Value) {
    match column.kind {
        Kind::Coordinate(i) => {
            let home = obj
                .entry(column.path)
                .or_insert_with(|| Value::Array(vec![0.0.into(), 0.0.into()]));
            if let Some(slot) = home.as_array_mut().and_then(|a| a.get_mut(i)) {
                *slot = value;
            }
        }
        _ => set_path(obj, column.path, value),
    }
}

/// Put `value` at the dotted `path`, making the objects on the way.
fn set_path(obj: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            obj.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = obj.entry(head).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = inner {
                set_path(inner, rest, value);
            }
        }
    }
}
