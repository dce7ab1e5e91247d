//! How care is spread: every family's share of its indication as a sorted
//! curve with its floor marked, the mean share per provider and insurer
//! (from the fairness audit), and continuity as a histogram of nurses per
//! family.

use std::collections::BTreeMap;

use crate::fairness::{self, AuditOptions};
use crate::plan::{FamilyOutcome, Plan};
use crate::scenario::Scenario;

use super::page::{note, num};
use super::svg::{curve, grouped, Value};

/// The fairness section's body.
pub fn fairness(s: &Scenario, plan: &Plan, outcomes: &[FamilyOutcome]) -> String {
    let mut rows: Vec<(&FamilyOutcome, f64, f64)> = outcomes
        .iter()
        .filter(|o| o.target > 0.0)
        .map(|o| {
            (
                o,
                f64::from(o.planned) / o.target,
                f64::from(o.floor) / o.target,
            )
        })
        .collect();
    rows.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.id.cmp(&b.0.id)));
    let points: Vec<(String, f64, bool)> = rows
        .iter()
        .map(|r| (r.0.id.clone(), r.1, r.0.below_floor))
        .collect();
    let floors: Vec<f64> = rows.iter().map(|r| r.2).collect();
    let mut out = note(
        "Each family's planned hours against its share of the indication in the horizon (1 = its full share), sorted; \
         red families are below the floor, the hollow marks are each family's floor as a share of its indication.",
    );
    out.push_str(&curve(
        "ratio-curve",
        "Planned ÷ indicated share, per family",
        "planned ÷ indicated",
        &points,
        Some(("floor", floors)),
        Some((1.0, "full share")),
    ));
    let audit = fairness::audit(
        s,
        plan,
        &AuditOptions {
            by: vec!["provider".into(), "insurer".into()],
            ..AuditOptions::default()
        },
    );
    out.push_str("<div class=\"charts\">");
    for by in ["provider", "insurer"] {
        let groups: Vec<_> = audit.groups.iter().filter(|g| g.by == by).collect();
        if groups.is_empty() {
            continue;
        }
        let labels: Vec<String> = groups.iter().map(|g| g.group.clone()).collect();
        let mean: Vec<Value> = groups
            .iter()
            .map(|g| Value::at(g.figures.ratio_mean))
            .collect();
        let min: Vec<Value> = groups
            .iter()
            .map(|g| Value::at(g.figures.ratio_min))
            .collect();
        out.push_str(&grouped(
            &format!("ratio-{by}"),
            &format!("Planned ÷ indicated per {by}"),
            "planned ÷ indicated",
            &labels,
            &[("mean".into(), mean), ("lowest".into(), min)],
            Some((1.0, "full share")),
        ));
        let below: Vec<Value> = groups
            .iter()
            .map(|g| Value::at(f64::from(g.figures.below_floor)))
            .collect();
        out.push_str(&grouped(
            &format!("below-{by}"),
            &format!("Families below the floor per {by}"),
            "families",
            &labels,
            &[("below the floor".into(), below)],
            None,
        ));
    }
    out.push_str("</div>");
    if !audit.findings.is_empty() {
        out.push_str("<h3>Findings of the fairness audit</h3><ul>");
        for f in &audit.findings {
            out.push_str(&format!(
                "<li><b>{}</b> {}: {}</li>",
                super::page::esc(&f.rule),
                super::page::esc(&f.subject),
                super::page::esc(&f.message)
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str(&note(&format!(
        "Gini {} (0 = equal), Jain {} (1 = equal), lowest share {}. Run `kraamplan fairness` for the full audit.",
        num(plan.kpi.gini, 3),
        num(plan.kpi.jain, 3),
        num(plan.kpi.min_ratio, 3)
    )));
    out
}

/// The continuity section's body: how many families saw how many nurses.
pub fn continuity(outcomes: &[FamilyOutcome]) -> String {
    let mut counts: BTreeMap<u32, u32> = BTreeMap::new();
    for o in outcomes.iter().filter(|o| o.planned > 0 || o.nurses > 0) {
        *counts.entry(o.nurses).or_default() += 1;
    }
    if counts.is_empty() {
        return note("No family is served in this plan.");
    }
    let max = *counts.keys().max().unwrap_or(&0);
    let labels: Vec<String> = (0..=max).map(|k| k.to_string()).collect();
    let values: Vec<Value> = (0..=max)
        .map(|k| Value::at(f64::from(counts.get(&k).copied().unwrap_or(0))))
        .collect();
    let mut out = note(
        "Different nurses per family over the episode (nurses who served the family before the horizon included). Fewer is better: the Normenkader asks for as few changes of nurse as possible.",
    );
    out.push_str(&grouped(
        "continuity-chart",
        "Families by number of nurses",
        "families",
        &labels,
        &[("families".into(), values)],
        None,
    ));
    out
}
