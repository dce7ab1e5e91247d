//! A scenario to CSV files, through its JSON: each list element is a row,
//! each column the value at its path, so that [`super::import`] of the
//! files gives the same scenario back.

use serde_json::Value;

use super::cells::{self, list_separator};
use super::columns::{Sheet, POOL, SETTINGS, SETTINGS_FILE, SHEETS};
use crate::scenario::Scenario;

/// The files of a scenario, by name, in the order of [`super::FILES`];
/// `pool.csv` only when the scenario has pool shifts. `Err` names every
/// value that a cell cannot hold.
pub fn export(s: &Scenario) -> Result<Vec<(&'static str, Vec<u8>)>, Vec<String>> {
    let doc = serde_json::to_value(s).expect("a scenario is JSON");
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for sheet in &SHEETS {
        let items = at(&doc, sheet.list)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if sheet.file == POOL.file && items.is_empty() {
            continue;
        }
        files.push((sheet.file, rows(sheet, items, &mut errors)));
    }
    let sep = list_separator(b',');
    let mut rows = Vec::new();
    for key in SETTINGS {
        let value = at(&doc, key.path);
        if key.name == "events" && value.and_then(Value::as_array).is_none_or(Vec::is_empty) {
            continue;
        }
        match cells::format(key.kind, value, sep) {
            Ok(text) => rows.push(vec![key.name.to_string(), text]),
            Err(e) => errors.push(format!("{}: {e}", key.path)),
        }
    }
    files.push((SETTINGS_FILE, cells::write(&["key", "value"], &rows)));
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// One sheet's file: the header, then a row per element of the list.
fn rows(sheet: &Sheet, items: &[Value], errors: &mut Vec<String>) -> Vec<u8> {
    let sep = list_separator(b',');
    let header: Vec<&str> = sheet.columns.iter().map(|c| c.name).collect();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut row = Vec::with_capacity(header.len());
        for column in sheet.columns {
            let mut value = at(item, column.path);
            if let super::columns::Kind::Coordinate(k) = column.kind {
                value = value.and_then(|v| v.get(k));
            }
            match cells::format(column.kind, value, sep) {
                Ok(text) => row.push(text),
                Err(e) => {
                    errors.push(format!("{}[{i}].{}: {e}", sheet.list, column.path));
                    row.push(String::new());
                }
            }
        }
        out.push(row);
    }
    cells::write(&header, &out)
}

/// The value at a dotted path, if there.
fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, key| v.get(key))
}
