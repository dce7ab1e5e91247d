//! REPORT: every figure the plan reports (per family, per nurse, KPI) must
//! equal the one recomputed here, so a plan cannot hide a family below the
//! floor or a nurse's overtime.

use std::collections::BTreeMap;
use std::fmt::Display;

use super::derive::{self, Facts};
use super::Violation;

const RULE: &str = "REPORT";
/// Tolerance on `target` (the plan may round it for display).
const TARGET_TOL: f64 = 0.01;
/// Tolerance on the fairness KPIs.
const KPI_TOL: f64 = 1e-6;

/// Compare the plan's family, nurse and KPI figures with recomputed ones.
pub(super) fn check(facts: &Facts, out: &mut Vec<Violation>) {
    let expected_families: Vec<_> = facts
        .scenario
        .families
        .iter()
        .map(|f| facts.family_figures(f).outcome)
        .collect();
    families(facts, &expected_families, out);
    nurses(facts, out);
    kpi(facts, &expected_families, out);
}

fn mismatch<T: Display>(what: &str, field: &str, reported: T, expected: T) -> String {
    format!("{what} {field}: plan reports {reported}, recomputed {expected}")
}

fn dates(d: &[chrono::NaiveDate]) -> String {
    let list: Vec<String> = d.iter().map(|x| x.to_string()).collect();
    format!("[{}]", list.join(", "))
}

/// Plan rows per id, to find missing, duplicate and unknown outcomes.
fn by_id<T>(rows: &[T], id: impl Fn(&T) -> &str) -> BTreeMap<&str, Vec<&T>> {
    let mut map: BTreeMap<&str, Vec<&T>> = BTreeMap::new();
    for r in rows {
        map.entry(id(r)).or_default().push(r);
    }
    map
}

fn families(facts: &Facts, expected: &[crate::plan::FamilyOutcome], out: &mut Vec<Violation>) {
    let reported = by_id(&facts.plan.families, |f| f.id.as_str());
    for (id, rows) in &reported {
        if !facts.families.contains_key(id) {
            out.push(Violation::new(RULE, format!("outcome for unknown family {id}")).family(id));
        } else if rows.len() > 1 {
            out.push(
                Violation::new(
                    RULE,
                    format!("family {id} has {} outcomes, expected one", rows.len()),
                )
                .family(id),
            );
        }
    }
    for e in expected {
        let id = e.id.as_str();
        let Some(r) = reported.get(id).and_then(|rows| rows.first()) else {
            out.push(Violation::new(RULE, format!("no outcome for family {id}")).family(id));
            continue;
        };
        let what = format!("family {id}");
        let mut diffs = Vec::new();
        let mut cmp = |field: &str, a: u32, b: u32| {
            if a != b {
                diffs.push(mismatch(&what, field, a, b));
            }
        };
        cmp("floor", r.floor, e.floor);
        cmp("episode_floor", r.episode_floor, e.episode_floor);
        cmp("planned", r.planned, e.planned);
        cmp("delivered_total", r.delivered_total, e.delivered_total);
        cmp("indicated", r.indicated, e.indicated);
        cmp("shortfall", r.shortfall, e.shortfall);
        cmp("nurses", r.nurses, e.nurses);
        if (r.target - e.target).abs() > TARGET_TOL || r.target.is_nan() {
            diffs.push(mismatch(
                &what,
                "target",
                format!("{:.4}", r.target),
                format!("{:.4}", e.target),
            ));
        }
        if r.below_floor != e.below_floor {
            diffs.push(mismatch(&what, "below_floor", r.below_floor, e.below_floor));
        }
        let mut short_days = r.short_days.clone();
        short_days.sort();
        short_days.dedup();
        if short_days != e.short_days || short_days.len() != r.short_days.len() {
            diffs.push(mismatch(
                &what,
                "short_days",
                dates(&r.short_days),
                dates(&e.short_days),
            ));
        }
        if r.served_by != e.served_by {
            let show = |p: &Option<String>| p.clone().unwrap_or_else(|| "null".to_string());
            diffs.push(mismatch(
                &what,
                "served_by",
                show(&r.served_by),
                show(&e.served_by),
            ));
        }
        out.extend(
            diffs
                .into_iter()
                .map(|m| Violation::new(RULE, m).family(id)),
        );
    }
}

fn nurses(facts: &Facts, out: &mut Vec<Violation>) {
    let reported = by_id(&facts.plan.nurses, |n| n.id.as_str());
    for (id, rows) in &reported {
        if !facts.nurses.contains_key(id) {
            out.push(Violation::new(RULE, format!("outcome for unknown nurse {id}")).nurse(id));
        } else if rows.len() > 1 {
            out.push(
                Violation::new(
                    RULE,
                    format!("nurse {id} has {} outcomes, expected one", rows.len()),
                )
                .nurse(id),
            );
        }
    }
    for n in &facts.scenario.nurses {
        let id = n.id.as_str();
        let Some(r) = reported.get(id).and_then(|rows| rows.first()) else {
            out.push(Violation::new(RULE, format!("no outcome for nurse {id}")).nurse(id));
            continue;
        };
        let e = facts.nurse_outcome(n);
        let what = format!("nurse {id}");
        let mut diffs = Vec::new();
        let mut cmp = |field: &str, a: u32, b: u32| {
            if a != b {
                diffs.push(mismatch(&what, field, a, b));
            }
        };
        cmp("hours", r.hours, e.hours);
        cmp("days_worked", r.days_worked, e.days_worked);
        cmp("oncall_shifts", r.oncall_shifts, e.oncall_shifts);
        let mut weeks = r.under_contract_min.clone();
        weeks.sort();
        weeks.dedup();
        if weeks != e.under_contract_min || weeks.len() != r.under_contract_min.len() {
            diffs.push(mismatch(
                &what,
                "under_contract_min",
                format!("[{}]", r.under_contract_min.join(", ")),
                format!("[{}]", e.under_contract_min.join(", ")),
            ));
        }
        out.extend(diffs.into_iter().map(|m| Violation::new(RULE, m).nurse(id)));
    }
}

fn kpi(facts: &Facts, expected: &[crate::plan::FamilyOutcome], out: &mut Vec<Violation>) {
    let r = &facts.plan.kpi;
    let e = derive::kpi(expected);
    let mut push = |m: String| out.push(Violation::new(RULE, m));
    let ints = [
        (
            "families_below_floor",
            r.families_below_floor,
            e.families_below_floor,
        ),
        ("shortfall_hours", r.shortfall_hours, e.shortfall_hours),
        ("delivered_hours", r.delivered_hours, e.delivered_hours),
    ];
    for (field, a, b) in ints {
        if a != b {
            push(mismatch("kpi", field, a, b));
        }
    }
    let floats = [
        ("min_ratio", r.min_ratio, e.min_ratio),
        ("mean_ratio", r.mean_ratio, e.mean_ratio),
        ("gini", r.gini, e.gini),
        ("jain", r.jain, e.jain),
    ];
    for (field, a, b) in floats {
        // NaN in the plan is never within tolerance.
        if (a - b).abs() > KPI_TOL || a.is_nan() {
            push(mismatch("kpi", field, format!("{a:.6}"), format!("{b:.6}")));
        }
    }
    if r.certified_min_below_floor > e.families_below_floor {
        push(format!(
            "kpi certified_min_below_floor {} > families below the floor {}: a bound cannot exceed what the plan achieves",
            r.certified_min_below_floor, e.families_below_floor
        ));
    }
}
