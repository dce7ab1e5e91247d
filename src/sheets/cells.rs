//! One CSV file's cells: RFC 4180 quoting (the `csv` crate), the delimiter
//! found from the header line, lists inside a cell, decimal commas, and
//! the conversion of a cell to and from its JSON value.

use chrono::NaiveDate;
use serde_json::Value;

use super::columns::Kind;
use crate::domain::suggest::{closest, Reach};
use crate::scenario::shape::date_problem;

/// A file read into rows of text cells.
#[derive(Debug, Clone)]
pub struct Table {
    /// `b','`, or `b';'` for a file whose header has `;` and no `,`.
    pub delimiter: u8,
    /// The header's cells, trimmed.
    pub header: Vec<String>,
    /// The rows below the header that are not blank.
    pub rows: Vec<Row>,
}

/// One row of a [`Table`].
#[derive(Debug, Clone)]
pub struct Row {
    /// The row's number as a spreadsheet shows it: the header is row 1.
    pub number: usize,
    /// The cells, trimmed; a short row is padded with empty cells.
    pub cells: Vec<String>,
}

impl Table {
    /// What separates the items of a list inside one cell.
    pub fn list_separator(&self) -> char {
        list_separator(self.delimiter)
    }
}

/// `;` between list items in a comma-separated file, `|` in a
/// semicolon-separated one (where `;` ends the cell).
pub fn list_separator(delimiter: u8) -> char {
    if delimiter == b';' {
        '|'
    } else {
        ';'
    }
}

/// The delimiter of a file: `;` when its header line has a `;` and no `,`
/// (Dutch spreadsheets save so), else `,`.
pub fn delimiter_of(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

/// Read `text` (UTF-8, a byte-order mark dropped) as a header and rows.
/// Blank rows are skipped; a row longer than the header is an error
/// (`file`'s name in each message) unless its extra cells are empty.
pub fn read(text: &str, file: &str) -> (Table, Vec<String>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter_of(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    // Spreadsheet rows: the reader skips blank lines, and a quoted cell
    // may hold line breaks, so rows are counted from the lines.
    let (mut number, mut next_line) = (0usize, 1u64);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                number += 1;
                errors.push(format!("{file} row {number}: cannot be read: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(next_line, |p| p.line());
        number += 1 + usize::try_from(line.saturating_sub(next_line)).unwrap_or(0);
        let breaks: usize = record.iter().map(|c| c.matches('\n').count()).sum();
        next_line = line + 1 + breaks as u64;
        let mut cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        let Some(head) = &header else {
            header = Some(cells);
            continue;
        };
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if cells.len() > head.len() {
            if cells[head.len()..].iter().any(|c| !c.is_empty()) {
                let comma = if delimiter == b',' {
                    "; a number with a decimal comma must be quoted, \"2,5\", or written 2.5"
                } else {
                    ""
                };
                errors.push(format!(
                    "{file} row {number}: {} cells, but the header names {} columns — remove the extra cells or name their column in row 1{comma}",
                    cells.len(),
                    head.len()
                ));
                continue;
            }
            cells.truncate(head.len());
        }
        cells.resize(head.len(), String::new());
        rows.push(Row { number, cells });
    }
    let header = header.unwrap_or_default();
    if header.iter().all(String::is_empty) {
        errors.push(format!(
            "{file}: no header row — row 1 must name the columns, e.g. id,name"
        ));
    }
    (
        Table {
            delimiter,
            header,
            rows,
        },
        errors,
    )
}

/// Write a comma-separated file: the header, then the rows; cells are
/// quoted where RFC 4180 needs it.
pub fn write(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to memory cannot fail.
    w.write_record(header).expect("write to memory");
    for row in rows {
        w.write_record(row).expect("write to memory");
    }
    w.into_inner().expect("write to memory")
}

/// The JSON value of a non-empty cell of `kind`, or what is wrong and the
/// fix. `sep` separates list items.
pub fn parse(kind: Kind, cell: &str, sep: char) -> Result<Value, String> {
    match kind {
        Kind::Text => Ok(Value::String(cell.to_string())),
        Kind::Whole(max) => whole(cell, max).map(Value::from),
        Kind::Number | Kind::Coordinate(_) => number(cell).map(Value::from),
        Kind::Flag => flag(cell).map(Value::Bool),
        Kind::Date => date(cell).map(|d| Value::String(d.to_string())),
        Kind::Choice(values) => choice(cell, values).map(|v| Value::String(v.to_string())),
        Kind::Texts => Ok(Value::Array(
            items(cell, sep).map(|s| Value::String(s.into())).collect(),
        )),
        Kind::Dates => list(cell, sep, |s| date(s).map(|d| Value::String(d.to_string()))),
        Kind::Wholes => list(cell, sep, |s| {
            whole(s, u64::from(u32::MAX)).map(Value::from)
        }),
        Kind::Json => serde_json::from_str(cell).map_err(|e| {
            format!("is not JSON ({e}); write the JSON text, or leave the cell empty")
        }),
    }
}

/// The cell text of a JSON value (`None` or `null`: empty); an item that
/// cannot stand in a list cell is an error.
pub fn format(kind: Kind, value: Option<&Value>, sep: char) -> Result<String, String> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(String::new());
    };
    Ok(match (kind, value) {
        (Kind::Json, v) => v.to_string(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let text = match item {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if text.contains(sep) || text.trim().is_empty() || text.trim() != text {
                    return Err(format!(
                        "the list item {text:?} cannot be written in a cell: items are separated by `{sep}` and trimmed"
                    ));
                }
                out.push(text);
            }
            out.join(&sep.to_string())
        }
        (_, other) => other.to_string(),
    })
}

/// The items of a list cell: split at `sep`, trimmed, empty ones dropped.
fn items(cell: &str, sep: char) -> impl Iterator<Item = &str> {
    cell.split(sep).map(str::trim).filter(|s| !s.is_empty())
}

fn list(
    cell: &str,
    sep: char,
    each: impl Fn(&str) -> Result<Value, String>,
) -> Result<Value, String> {
    let mut out = Vec::new();
    for (i, item) in items(cell, sep).enumerate() {
        out.push(each(item).map_err(|e| format!("item {} of the list: {e}", i + 1))?);
    }
    Ok(Value::Array(out))
}

/// A number: `2.5` or `2,5` (a decimal comma), an optional sign and
/// exponent; no thousands separators.
pub fn number(cell: &str) -> Result<f64, String> {
    let fix = "write a number such as 36 or 36,5";
    let bad = || format!("{cell:?} is not a number; {fix}");
    if cell.contains(',') && (cell.contains('.') || cell.matches(',').count() > 1) {
        return Err(format!(
            "{cell:?} is not a number (thousands separators?); {fix}, without separators"
        ));
    }
    let text = cell.replace(',', ".");
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(p) => (&text[..p], Some(&text[p + 1..])),
        None => (text.as_str(), None),
    };
    let digits = mantissa.strip_prefix(['-', '+']).unwrap_or(mantissa);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) || !exponent_ok
    {
        return Err(bad());
    }
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(bad()),
    }
}

/// A whole number from 0 to `max` (`36,0` is 36).
pub fn whole(cell: &str, max: u64) -> Result<u64, String> {
    let n = number(cell).map_err(|_| {
        format!("{cell:?} is not a whole number; write digits only, such as 3 or 36")
    })?;
    if n.fract() != 0.0 {
        return Err(format!(
            "{cell:?} is not a whole number; write one such as {}",
            n.round().max(0.0)
        ));
    }
    if n < 0.0 || n > max as f64 {
        return Err(format!(
            "{cell:?} is out of range; write a whole number from 0 to {max}"
        ));
    }
    Ok(n as u64)
}

/// `true`/`false`, and the words a Dutch or English spreadsheet writes for them.
pub fn flag(cell: &str) -> Result<bool, String> {
    match cell.to_lowercase().as_str() {
        "true" | "yes" | "ja" | "waar" | "1" => Ok(true),
        "false" | "no" | "nee" | "onwaar" | "0" => Ok(false),
        _ => Err(format!(
            "{cell:?} is not true or false; write true or false (ja/nee also work)"
        )),
    }
}

/// A date `YYYY-MM-DD`, or `D-M-YYYY` as a Dutch spreadsheet shows dates.
pub fn date(cell: &str) -> Result<NaiveDate, String> {
    if let Ok(d) = NaiveDate::parse_from_str(cell, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = cell.split('-').collect();
    if let [d, m, y] = parts[..] {
        let short = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if short(d) && short(m) && y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
            let (d, m, y): (u32, u32, i32) = (
                d.parse().unwrap_or(0),
                m.parse().unwrap_or(0),
                y.parse().unwrap_or(0),
            );
            return NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
                format!(
                    "{cell:?} is not a calendar date (day-month-year); correct the day or month"
                )
            });
        }
    }
    let problem = date_problem(cell)
        .unwrap_or_else(|| "is not a date; write dates as YYYY-MM-DD, e.g. 2026-07-20".into());
    Err(format!("{cell:?} {problem}"))
}

/// One of `values`, case ignored; the canonical spelling.
pub fn choice(cell: &str, values: &'static [&'static str]) -> Result<&'static str, String> {
    let lower = cell.to_lowercase();
    if let Some(v) = values.iter().find(|v| **v == lower) {
        return Ok(v);
    }
    let hint = closest(cell, values.iter().copied(), Reach::ThirdOfWord)
        .map(|c| format!(" (did you mean {c:?}?)"))
        .unwrap_or_default();
    Err(format!(
        "{cell:?} is not one of {}{hint}; write one of them",
        values.join(", ")
    ))
}
