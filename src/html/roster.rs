//! The roster: nurses × days, each cell the families served (and hours),
//! on-call shifts marked, days off shaded, combined-care days visible, and
//! for a re-plan the cells whose plan changed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::plan::Plan;
use crate::scenario::Scenario;

use super::page::esc;
use super::table::{tr_attrs, Cell, Table};

/// The horizon's dates.
pub fn dates(s: &Scenario) -> Vec<NaiveDate> {
    (0..s.days)
        .map(|d| crate::domain::calendar::add_days(s.start, i64::from(d)))
        .collect()
}

/// What a re-plan's changes did to each `(nurse, date)` of the roster.
#[derive(Default)]
struct Touched {
    /// Cells that got a row.
    added: BTreeSet<(String, NaiveDate)>,
    /// Cells that lost a row, with what it was (a family, or an on-call shift).
    removed: BTreeMap<(String, NaiveDate), Vec<String>>,
}

/// The cells a re-plan's changes touch: what was added there, and what was
/// taken away (with the family it was for).
fn touched(plan: &Plan) -> Touched {
    let mut added = BTreeSet::new();
    let mut removed: BTreeMap<(String, NaiveDate), Vec<String>> = BTreeMap::new();
    if let Some(r) = &plan.replan {
        for c in &r.changes {
            if let Some(after) = &c.after {
                added.insert((after.nurse.clone(), c.date));
            }
            if let Some(before) = &c.before {
                let what = match (&c.family, c.shift) {
                    (Some(f), _) => f.clone(),
                    (None, Some(shift)) => format!("on call {}", shift.name()),
                    (None, None) => String::new(),
                };
                let moved_within = c.after.as_ref().is_some_and(|a| a.nurse == before.nurse);
                if !moved_within {
                    removed
                        .entry((before.nurse.clone(), c.date))
                        .or_default()
                        .push(what);
                }
            }
        }
    }
    Touched { added, removed }
}

/// The roster table.
pub fn roster(s: &Scenario, plan: &Plan) -> String {
    let days = dates(s);
    let mut visits: BTreeMap<(&str, NaiveDate), Vec<(&str, u32)>> = BTreeMap::new();
    for v in &plan.visits {
        visits
            .entry((&v.nurse, v.date))
            .or_default()
            .push((&v.family, v.hours));
    }
    let mut oncall: BTreeMap<(&str, NaiveDate), Vec<&'static str>> = BTreeMap::new();
    for o in &plan.oncall {
        oncall
            .entry((&o.nurse, o.date))
            .or_default()
            .push(o.shift.name());
    }
    let Touched { added, removed } = touched(plan);
    let mut headers = vec![
        Cell::text("nurse"),
        Cell::text("provider"),
        Cell::text("hours").class("n"),
    ];
    headers.extend(
        days.iter()
            .map(|d| Cell::text(d.format("%a %d-%m").to_string())),
    );
    let mut table = Table::with_headers("roster-grid", headers)
        .class("grid")
        .row_headers();
    let mut nurses: Vec<_> = s.nurses.iter().collect();
    nurses.sort_by(|a, b| (&a.provider, &a.id).cmp(&(&b.provider, &b.id)));
    let hours: BTreeMap<&str, u32> = plan
        .nurses
        .iter()
        .map(|n| (n.id.as_str(), n.hours))
        .collect();
    for n in nurses {
        let off: BTreeSet<NaiveDate> = n.off.iter().copied().collect();
        let mut cells = vec![
            Cell::text(n.id.as_str()),
            Cell::text(n.provider.as_str()),
            Cell::num(f64::from(hours.get(n.id.as_str()).copied().unwrap_or(0)), 0),
        ];
        for &d in &days {
            let here = visits.get(&(n.id.as_str(), d));
            let shifts = oncall.get(&(n.id.as_str(), d));
            let mut html = String::new();
            let mut class = Vec::new();
            let mut total = 0;
            if let Some(here) = here {
                for (i, (family, h)) in here.iter().enumerate() {
                    if i > 0 {
                        html.push_str("<br>");
                    }
                    html.push_str(&format!("{} <small>{h}h</small>", esc(family)));
                    total += h;
                }
                if here.len() > 1 {
                    class.push("combined");
                }
            }
            if let Some(shifts) = shifts {
                if !html.is_empty() {
                    html.push_str("<br>");
                }
                html.push_str(&format!("<small>☎ {}</small>", shifts.join(", ")));
                class.push("oncall");
            }
            if here.is_none() && shifts.is_none() && off.contains(&d) {
                class.push("off");
                html.push_str("<small>off</small>");
            }
            let key = (n.id.clone(), d);
            if let Some(gone) = removed.get(&key) {
                if !html.is_empty() {
                    html.push_str("<br>");
                }
                html.push_str(&format!("<s>{}</s>", esc(&gone.join(", "))));
                class.push("changed");
            } else if added.contains(&key) {
                class.push("changed");
            }
            let families = here
                .map(|h| h.iter().map(|x| x.0).collect::<Vec<_>>().join(";"))
                .unwrap_or_default();
            cells.push(
                Cell::html(html)
                    .sort(total.to_string())
                    .class(&class.join(" "))
                    .attr("data-nurse", &n.id)
                    .attr("data-date", &d.to_string())
                    .attr("data-hours", &total.to_string())
                    .attr("data-families", &families),
            );
        }
        table.row(tr_attrs(&[("data-nurse", &n.id)]), cells);
    }
    table.render("filter nurses, providers or families…")
}

/// The roster's legend.
pub fn legend(replan: bool) -> String {
    let mut out = String::from(
        "<p class=\"legend\"><span><i style=\"background:#e6f0ff\"></i>combined care (two families)</span>\
         <span><i style=\"box-shadow:inset 0 -3px 0 #8a2be2\"></i>☎ on call (partus pool)</span>\
         <span><i class=\"off\" style=\"background:#eee\"></i>day off</span>",
    );
    if replan {
        out.push_str("<span><i style=\"background:#ffe4ee;outline:2px solid #e91e63\"></i>changed by the re-plan (struck: taken away)</span>");
    }
    out.push_str("</p>");
    out
}
