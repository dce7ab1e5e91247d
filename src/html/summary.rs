//! The head of a plan's report: key figures, the checker's verdict, the
//! colour code of every week and provider with its reason, and the
//! engine's levels with their proven bounds.

use crate::check::CheckReport;
use crate::plan::Plan;

use super::page::{badge, esc, figures, num};
use super::table::{tr_attrs, Cell, Table};

/// Key figures and the checker's verdict.
pub fn head(plan: &Plan, families: usize, check: &CheckReport) -> String {
    let k = &plan.kpi;
    let below_class = if k.families_below_floor > 0 {
        "bad"
    } else {
        "good"
    };
    let mut out = figures(&[
        ("families", families.to_string(), ""),
        (
            "below the floor",
            k.families_below_floor.to_string(),
            below_class,
        ),
        (
            "certified minimum below",
            k.certified_min_below_floor.to_string(),
            "",
        ),
        (
            "hours short of the floor",
            k.shortfall_hours.to_string(),
            below_class,
        ),
        ("hours planned", k.delivered_hours.to_string(), ""),
        (
            "pool nurse-shifts short",
            k.pool_shortfall.to_string(),
            if k.pool_shortfall > 0 { "bad" } else { "good" },
        ),
        ("km driven", num(k.travel_km.round(), 0), ""),
        ("lowest share of indication", num(k.min_ratio, 3), ""),
    ]);
    let verdict = if check.is_clean() {
        format!(
            "<p class=\"verdict\" data-violations=\"0\"><b style=\"color:var(--groen)\">The independent checker passes this plan</b> against its scenario ({} findings).</p>",
            check.findings.len()
        )
    } else {
        let mut v = format!(
            "<p class=\"verdict\" data-violations=\"{}\"><b style=\"color:var(--rood)\">The independent checker finds {} violation(s)</b>:</p><ul>",
            check.violations.len(),
            check.violations.len()
        );
        for x in check.violations.iter().take(50) {
            v.push_str(&format!("<li>{}</li>", esc(&x.to_string())));
        }
        v.push_str("</ul>");
        v
    };
    out.push_str(&verdict);
    if !check.unverified.is_empty() {
        out.push_str("<details><summary>What the checker cannot verify</summary><ul>");
        for u in &check.unverified {
            out.push_str(&format!("<li>{}</li>", esc(u)));
        }
        out.push_str("</ul></details>");
    }
    out
}

/// The colour code of every week, with each provider's and the reasons.
pub fn weeks(plan: &Plan) -> String {
    if plan.weeks.is_empty() {
        return super::page::note(
            "This plan carries no colour codes (planned without the escalation ladder).",
        );
    }
    let mut table = Table::new("weeks", &["week", "region", "proven", "providers", "why"]);
    for w in &plan.weeks {
        let providers: Vec<String> = w
            .providers
            .iter()
            .map(|(p, c)| format!("{} {}", esc(p), badge(c)))
            .collect();
        let why: Vec<String> = w.why.iter().map(|l| esc(l)).collect();
        table.row(
            tr_attrs(&[("data-week", &w.week), ("data-colour", &w.region)]),
            vec![
                Cell::text(w.week.as_str()),
                Cell::html(badge(&w.region)).sort(colour_rank(&w.region).to_string()),
                Cell::text(if w.proven { "proven" } else { "not proven" }),
                Cell::html(providers.join(" &nbsp; ")),
                Cell::html(why.join("<br>")),
            ],
        );
    }
    table.render("filter weeks…")
}

fn colour_rank(c: &str) -> u8 {
    match c {
        "groen" => 0,
        "oranje" => 1,
        "rood" => 2,
        "zwart" => 3,
        _ => 4,
    }
}

/// The engine and its objective levels with what was achieved and proven.
pub fn engine(plan: &Plan) -> String {
    let e = &plan.engine;
    let mut out = format!(
        "<p>Engine <b>{}</b>, status <b>{}</b>, {} s.{}{}</p>",
        esc(&e.name),
        esc(&e.status),
        num(e.seconds, 1),
        plan.policy
            .map(|p| format!(" Allocation policy <b>{}</b>.", esc(&p.to_string())))
            .unwrap_or_default(),
        e.note
            .as_ref()
            .map(|n| format!(" {}", esc(n)))
            .unwrap_or_default()
    );
    let mut table = Table::new(
        "levels",
        &[
            "level", "what", "sense", "value", "bound", "status", "seconds",
        ],
    );
    for l in &e.levels {
        table.row(
            String::new(),
            vec![
                Cell::num(f64::from(l.level), 0),
                Cell::text(l.name.as_str()),
                Cell::text(l.sense.as_str()),
                Cell::num(l.value, 3),
                Cell::num(l.bound, 3),
                Cell::text(l.status.as_str()),
                Cell::num(l.seconds, 2),
            ],
        );
    }
    out.push_str(&table.render("filter levels…"));
    if !plan.escalation.is_empty() {
        let mut table = Table::new(
            "escalation",
            &[
                "provider",
                "final rung",
                "rungs (below the floor / certified)",
            ],
        );
        for p in &plan.escalation {
            let rungs: Vec<String> = p
                .rungs
                .iter()
                .map(|r| {
                    format!(
                        "{}: {}/{}",
                        r.rung, r.families_below_floor, r.certified_min_below_floor
                    )
                })
                .collect();
            table.row(
                String::new(),
                vec![
                    Cell::text(p.provider.as_str()),
                    Cell::text(p.rung.as_str()),
                    Cell::text(rungs.join(", ")),
                ],
            );
        }
        out.push_str("<h3>The escalation ladder per provider</h3>");
        out.push_str(&table.render("filter providers…"));
    }
    if !plan.measures_used.is_empty() {
        let used: Vec<String> = plan
            .measures_used
            .iter()
            .map(|(m, n)| format!("{} × {n}", esc(m)))
            .collect();
        out.push_str(&format!("<p>Measures used: {}.</p>", used.join(", ")));
    }
    out
}
