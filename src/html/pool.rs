//! The partus pool per shift: required against covered, as a chart over the
//! horizon's shifts and as a table with one row per pool row of the plan.

use std::collections::BTreeMap;

use crate::plan::Plan;

use super::svg::{grouped, Value};
use super::table::{tr_attrs, Cell, Table};

/// The pool section's body (empty note when the plan has no pool).
pub fn pool(plan: &Plan) -> String {
    if plan.pool.is_empty() {
        return super::page::note("This scenario has no partus pool.");
    }
    let mut per_shift: BTreeMap<(chrono::NaiveDate, u8), (String, u32, u32)> = BTreeMap::new();
    for p in &plan.pool {
        let order = p.shift as u8;
        let e = per_shift.entry((p.date, order)).or_insert_with(|| {
            (
                format!("{} {}", p.date.format("%d-%m"), p.shift.name()),
                0,
                0,
            )
        });
        e.1 += p.required;
        e.2 += p.covered;
    }
    let labels: Vec<String> = per_shift.values().map(|e| e.0.clone()).collect();
    let required: Vec<Value> = per_shift
        .values()
        .map(|e| Value::at(f64::from(e.1)))
        .collect();
    let covered: Vec<Value> = per_shift
        .values()
        .map(|e| Value::at(f64::from(e.2)))
        .collect();
    let mut out = grouped(
        "pool-chart",
        "Partus pool: nurses required and covered per shift",
        "nurses on call",
        &labels,
        &[("required".into(), required), ("covered".into(), covered)],
        None,
    );
    let mut table = Table::new(
        "pool-shifts",
        &[
            "date", "shift", "provider", "required", "covered", "short", "minimum",
        ],
    );
    for p in &plan.pool {
        let provider = p.provider.as_deref().unwrap_or("region");
        table.row(
            tr_attrs(&[
                ("data-date", &p.date.to_string()),
                ("data-shift", p.shift.name()),
                ("data-provider", provider),
                ("data-required", &p.required.to_string()),
                ("data-covered", &p.covered.to_string()),
            ]),
            vec![
                Cell::text(p.date.to_string()),
                Cell::text(p.shift.name()).sort((p.shift as u8).to_string()),
                Cell::text(provider),
                Cell::num(f64::from(p.required), 0),
                Cell::num(f64::from(p.covered), 0),
                Cell::num(f64::from(p.shortfall), 0).class(if p.shortfall > 0 {
                    "shortfall"
                } else {
                    ""
                }),
                Cell::num(f64::from(p.minimum), 0),
            ],
        );
    }
    out.push_str(&table.render("filter dates, shifts or providers…"));
    out
}
