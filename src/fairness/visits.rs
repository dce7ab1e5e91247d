//! `--visits visits.csv`: the care a region's providers actually delivered,
//! as rows `nurse,family,date,hours` (the columns of a plan's `visits.csv`),
//! audited like a plan. Every bad row is reported, all at once, with its
//! line, column, value and fix.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::suggest::{closest, Reach};
use crate::plan::{EngineInfo, Kpi, Plan, Visit, PLAN_FORMAT};
use crate::scenario::Scenario;

/// The columns, in any order; others are ignored.
pub const COLUMNS: [&str; 4] = ["nurse", "family", "date", "hours"];

/// Most hours one row may hold (a day).
const MAX_HOURS: u32 = 24;

/// Read `text` (the file `path`) as the visits of scenario `s`: rows of the
/// same nurse, family and date are added up. `Err` lists every problem.
pub fn plan_of_visits(s: &Scenario, text: &str, path: &str) -> Result<Plan, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => return Err(vec![format!("{path}: cannot read the header row: {e}")]),
    };
    let mut errors = Vec::new();
    let mut at = [0usize; 4];
    for (k, name) in COLUMNS.iter().enumerate() {
        match header.iter().position(|h| h == name) {
            Some(i) => at[k] = i,
            None => errors.push(format!(
                "{path}: line 1: no column {name:?} — the header must name {} (found {})",
                COLUMNS.join(", "),
                header.join(", ")
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let nurses: Vec<&str> = s.nurses.iter().map(|n| n.id.as_str()).collect();
    let families: Vec<&str> = s.families.iter().map(|f| f.id.as_str()).collect();
    let (start, end) = (s.start, s.end());
    let mut hours: BTreeMap<(String, String, NaiveDate), u32> = BTreeMap::new();
    for (row, record) in reader.records().enumerate() {
        let line = row + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("{path}: line {line}: {e}"));
                continue;
            }
        };
        let cell = |k: usize| record.get(at[k]).unwrap_or("");
        let mut bad = |column: &str, value: &str, fix: String| {
            errors.push(format!(
                "{path}: line {line}, column {column}: {value:?} — {fix}"
            ));
        };
        let known = |id: &str, ids: &[&str], what: &str| -> Result<(), String> {
            if ids.contains(&id) {
                return Ok(());
            }
            let hint = closest(id, ids.iter().copied(), Reach::ThirdOfWord)
                .map(|c| format!(" (did you mean {c:?}?)"))
                .unwrap_or_default();
            Err(format!("no {what} of that id in the scenario{hint}"))
        };
        let nurse = cell(0);
        let family = cell(1);
        let ok_nurse = known(nurse, &nurses, "nurse").map_err(|fix| bad("nurse", nurse, fix));
        let ok_family =
            known(family, &families, "family").map_err(|fix| bad("family", family, fix));
        let date = match cell(2).parse::<NaiveDate>() {
            Ok(d) if start <= d && d <= end => Some(d),
            Ok(_) => {
                bad(
                    "date",
                    cell(2),
                    format!("outside the scenario's horizon {start} … {end}; leave the row out or audit the horizon it belongs to"),
                );
                None
            }
            Err(_) => {
                bad(
                    "date",
                    cell(2),
                    "write the date as YYYY-MM-DD, e.g. 2026-07-06".into(),
                );
                None
            }
        };
        let h = match cell(3).parse::<u32>() {
            Ok(h) if (1..=MAX_HOURS).contains(&h) => Some(h),
            _ => {
                bad(
                    "hours",
                    cell(3),
                    format!("give whole hours of care, 1–{MAX_HOURS}, e.g. 4"),
                );
                None
            }
        };
        if let (Ok(()), Ok(()), Some(d), Some(h)) = (ok_nurse, ok_family, date, h) {
            *hours
                .entry((nurse.to_string(), family.to_string(), d))
                .or_default() += h;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let visits = hours
        .into_iter()
        .map(|((nurse, family, date), hours)| Visit {
            nurse,
            family,
            date,
            hours,
            site: Default::default(),
        })
        .collect();
    Ok(Plan {
        format: PLAN_FORMAT.into(),
        scenario: s.name.clone(),
        engine: EngineInfo {
            name: "visits".into(),
            status: "delivered".into(),
            objective: 0.0,
            bound: 0.0,
            gap: 0.0,
            seconds: 0.0,
            levels: Vec::new(),
            note: Some(format!("delivered visits read from {path}")),
            first_plan_seconds: None,
        },
        visits,
        oncall: Vec::new(),
        pool: Vec::new(),
        families: Vec::new(),
        nurses: Vec::new(),
        ladder: false,
        weeks: Vec::new(),
        kpi: Kpi::default(),
        measures_used: BTreeMap::new(),
        escalation: Vec::new(),
        horizon: None,
        replan: None,
        policy: None,
    })
}
