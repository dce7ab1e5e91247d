//! The coverage map: families × days, each cell the hours delivered, red
//! below the floor's 3 hours, grey on hospital days, so a planner sees at
//! once who is short and when. Short days are the checker's own
//! recomputation from the visits, not the plan's claim.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::plan::{FamilyOutcome, Plan};
use crate::scenario::Scenario;

use super::roster::dates;
use super::table::{tr_attrs, Cell, Table};

/// The coverage table; `outcomes` are the checker's, in scenario order.
pub fn coverage(s: &Scenario, plan: &Plan, outcomes: &[FamilyOutcome]) -> String {
    let days = dates(s);
    let mut hours: BTreeMap<(&str, NaiveDate), u32> = BTreeMap::new();
    for v in &plan.visits {
        *hours.entry((&v.family, v.date)).or_default() += v.hours;
    }
    let mut headers = [
        "family", "provider", "insurer", "floor", "planned", "short h", "nurses",
    ]
    .iter()
    .map(|h| Cell::text(*h))
    .collect::<Vec<_>>();
    headers.extend(
        days.iter()
            .map(|d| Cell::text(d.format("%a %d-%m").to_string())),
    );
    let mut table = Table::with_headers("coverage-grid", headers)
        .class("grid")
        .row_headers();
    for (f, o) in s.families.iter().zip(outcomes) {
        if !s.in_horizon(f) {
            continue;
        }
        let short: BTreeSet<NaiveDate> = o.short_days.iter().copied().collect();
        let hospital: BTreeSet<NaiveDate> = f.hospital.iter().copied().collect();
        let end = crate::domain::calendar::add_days(f.care_start, i64::from(f.care_days) - 1);
        let mut cells = vec![
            Cell::text(f.id.as_str()),
            Cell::text(f.provider.as_deref().unwrap_or("waiting list")),
            Cell::text(f.insurer.as_deref().unwrap_or("")),
            Cell::num(f64::from(o.floor), 0),
            Cell::num(f64::from(o.planned), 0),
            Cell::num(f64::from(o.shortfall), 0).class(if o.shortfall > 0 {
                "shortfall"
            } else {
                ""
            }),
            Cell::num(f64::from(o.nurses), 0),
        ];
        for &d in &days {
            let h = hours.get(&(f.id.as_str(), d)).copied().unwrap_or(0);
            let (class, text) = if d < f.care_start || d > end {
                ("out", String::new())
            } else if hospital.contains(&d) {
                ("hospital", "hosp".to_string())
            } else if short.contains(&d) {
                ("short", h.to_string())
            } else {
                ("ok", h.to_string())
            };
            cells.push(
                Cell::text(text)
                    .sort(h.to_string())
                    .class(class)
                    .attr("data-family", &f.id)
                    .attr("data-date", &d.to_string())
                    .attr("data-hours", &h.to_string()),
            );
        }
        let below = if o.below_floor { "1" } else { "0" };
        table.row(
            tr_attrs(&[("data-family", &f.id), ("data-below", below)]),
            cells,
        );
    }
    table.render("filter families, providers or insurers…")
}

/// The coverage map's legend.
pub fn legend() -> String {
    "<p class=\"legend\"><span><i style=\"background:#d9f0df\"></i>home day at or above 3 h</span>\
     <span><i style=\"background:#f6c1c1\"></i>home day below 3 h (below the floor)</span>\
     <span><i style=\"background:#cfcfcf\"></i>in hospital</span>\
     <span><i style=\"background:#fff\"></i>outside the episode</span></p>"
        .into()
}
