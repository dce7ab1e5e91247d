//! A re-plan's changes against the plan already communicated, and the
//! people to call tonight (the notice window's changes).

use crate::plan::replan::Replan;

use super::page::{figures, note};
use super::table::{tr_attrs, Cell, Table};

/// The re-plan section's body.
pub fn changes(r: &Replan) -> String {
    let s = &r.summary;
    let mut out = figures(&[
        (
            "changes in the notice window",
            s.notice_changes.to_string(),
            if s.notice_changes > 0 { "bad" } else { "good" },
        ),
        ("changes on draft days", s.draft_changes.to_string(), ""),
        ("nurses to call", s.nurses_to_call.to_string(), ""),
        ("families to call", s.families_to_call.to_string(), ""),
        ("notice days", r.notice_days.to_string(), ""),
    ]);
    out.push_str(&note(&format!(
        "Against {}; days up to {} were in the previous plan, later days are new. Changes are highlighted in the roster.",
        r.previous, r.previous_end
    )));
    let calls = r.calls();
    out.push_str(&format!("<h3>People to call ({})</h3>", calls.len()));
    let mut table = Table::new("calls", &["who", "id", "changed days"]);
    for c in &calls {
        let days: Vec<String> = c.days.iter().map(|d| d.to_string()).collect();
        table.row(
            tr_attrs(&[("data-who", c.who), ("data-id", &c.id)]),
            vec![
                Cell::text(c.who),
                Cell::text(c.id.as_str()),
                Cell::text(days.join(", ")),
            ],
        );
    }
    out.push_str(&table.render("filter people…"));
    out.push_str(&format!("<h3>Changes ({})</h3>", r.changes.len()));
    let mut table = Table::new(
        "changes",
        &[
            "date", "kind", "family", "shift", "before", "after", "notice", "notices", "why",
        ],
    );
    let side = |s: &Option<crate::plan::replan::Side>| {
        s.as_ref()
            .map(|s| match s.hours {
                Some(h) => format!("{} ({h} h)", s.nurse),
                None => s.nurse.clone(),
            })
            .unwrap_or_default()
    };
    for c in &r.changes {
        table.row(
            tr_attrs(&[
                ("data-kind", c.kind.name()),
                ("data-notice", if c.notice { "1" } else { "0" }),
            ]),
            vec![
                Cell::text(c.date.to_string()),
                Cell::text(c.kind.name()),
                Cell::text(c.family.as_deref().unwrap_or("")),
                Cell::text(c.shift.map(|s| s.name()).unwrap_or("")),
                Cell::text(side(&c.before)),
                Cell::text(side(&c.after)),
                Cell::text(if c.notice { "yes" } else { "draft" }),
                Cell::num(f64::from(c.notices), 0),
                Cell::text(c.why.join("; ")),
            ],
        );
    }
    out.push_str(&table.render("filter changes…"));
    if !r.locks.is_empty() {
        let held = r.locks.iter().filter(|l| l.held).count();
        out.push_str(&note(&format!("Locks held: {held} of {}.", r.locks.len())));
    }
    out
}
