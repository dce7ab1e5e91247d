//! REPORT: every figure the plan reports (per family, per nurse, pool shift,
//! KPI) must equal the one recomputed here, so a plan cannot hide a family
//! below the floor, a nurse's overtime or an uncovered on-call shift.

use std::collections::BTreeMap;
use std::fmt::Display;

use chrono::NaiveDate;

use super::derive::{self, Facts};
use super::pool;
use super::Violation;
use crate::domain::rules::RuleId;
use crate::plan::{NurseOutcome, PoolShift};
use crate::scenario::Shift;

const RULE: RuleId = RuleId::Report;
/// Tolerance on `target` (the plan may round it for display).
const TARGET_TOL: f64 = 0.01;
/// Tolerance on the fairness KPIs.
const KPI_TOL: f64 = 1e-6;
/// Tolerance on `travel_km`: a sum of visits each rounded to 0.1 km
/// (`models/semantics.md`), so exact but for a printed float's last digit.
const TRAVEL_TOL: f64 = 0.001;
/// Tolerance on a nurse's `travel_hours` (rounded to 0.01 h).
const TRAVEL_HOURS_TOL: f64 = 0.011;
/// Slack for floating-point noise on top of the travel tolerances.
const FLOAT_EPS: f64 = 1e-9;

/// The figures the plan should report, recomputed once for every check that needs them.
pub(super) struct Expected {
    /// One outcome per scenario family, in scenario order.
    pub families: Vec<crate::plan::FamilyOutcome>,
    /// One outcome per scenario nurse, in scenario order.
    pub nurses: Vec<NurseOutcome>,
    /// The partus-pool rows.
    pub pool: Vec<PoolShift>,
    /// The key figures.
    pub kpi: crate::plan::Kpi,
}

impl Expected {
    /// Recompute every reported figure from the scenario and the plan's rows.
    pub fn build(facts: &Facts) -> Self {
        let families: Vec<_> = facts
            .scenario
            .families
            .iter()
            .map(|f| facts.family_figures(f).outcome)
            .collect();
        let nurses: Vec<NurseOutcome> = facts
            .scenario
            .nurses
            .iter()
            .map(|n| facts.nurse_outcome(n))
            .collect();
        let pool = pool::expected_rows(facts);
        let kpi = derive::kpi(facts.scenario, &families, &nurses, &pool);
        Expected {
            families,
            nurses,
            pool,
            kpi,
        }
    }
}

/// Compare the plan's family, nurse and KPI figures with recomputed ones.
pub(super) fn check(facts: &Facts, expected: &Expected, out: &mut Vec<Violation>) {
    families(facts, &expected.families, out);
    nurses(facts, &expected.nurses, out);
    pool_rows(facts, &expected.pool, out);
    kpi(facts, &expected.kpi, out);
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

fn nurses(facts: &Facts, expected: &[NurseOutcome], out: &mut Vec<Violation>) {
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
    for e in expected {
        let id = e.id.as_str();
        let Some(r) = reported.get(id).and_then(|rows| rows.first()) else {
            out.push(Violation::new(RULE, format!("no outcome for nurse {id}")).nurse(id));
            continue;
        };
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
        if (r.travel_km - e.travel_km).abs() > TRAVEL_TOL + FLOAT_EPS || r.travel_km.is_nan() {
            diffs.push(mismatch(
                &what,
                "travel_km",
                format!("{:.2}", r.travel_km),
                format!("{:.1}", e.travel_km),
            ));
        }
        if (r.travel_hours - e.travel_hours).abs() > TRAVEL_HOURS_TOL + FLOAT_EPS
            || r.travel_hours.is_nan()
        {
            diffs.push(mismatch(
                &what,
                "travel_hours",
                format!("{:.3}", r.travel_hours),
                format!("{:.2}", e.travel_hours),
            ));
        }
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

/// Text of a pool row's key, e.g. `2026-07-06 night (P1)`.
fn pool_key(d: NaiveDate, s: Shift, provider: Option<&str>) -> String {
    match provider {
        Some(p) => format!("{d} {} ({p})", pool::shift_name(s)),
        None => format!("{d} {}", pool::shift_name(s)),
    }
}

/// POOL-COVER: the plan's `pool[]` must list exactly the recomputed rows (in
/// any order), each with the same `required`, `covered` and `shortfall`; a
/// mismatch is reported under REPORT, a shortfall itself is an outcome.
fn pool_rows(facts: &Facts, expected: &[PoolShift], out: &mut Vec<Violation>) {
    type Key<'a> = (NaiveDate, Shift, Option<&'a str>);
    fn key(p: &PoolShift) -> Key<'_> {
        (p.date, p.shift, p.provider.as_deref())
    }
    let mut reported: BTreeMap<Key, Vec<&PoolShift>> = BTreeMap::new();
    for r in &facts.plan.pool {
        reported.entry(key(r)).or_default().push(r);
    }
    let wanted: BTreeMap<Key, &PoolShift> = expected.iter().map(|e| (key(e), e)).collect();
    for ((d, s, p), rows) in &reported {
        let what = pool_key(*d, *s, *p);
        if !wanted.contains_key(&(*d, *s, *p)) {
            let why = if facts.scenario.partus_pool.is_none() {
                "the scenario has no partus pool".to_string()
            } else if p.is_some() != wanted.keys().any(|(_, _, q)| q.is_some()) {
                "the provider does not match the pool's scope".to_string()
            } else {
                "not a shift (or provider share) of the horizon".to_string()
            };
            out.push(Violation::new(RULE, format!("pool row {what} not expected: {why}")).date(*d));
        } else if rows.len() > 1 {
            out.push(
                Violation::new(
                    RULE,
                    format!("pool row {what} listed {} times, expected once", rows.len()),
                )
                .date(*d),
            );
        }
    }
    for e in expected {
        let what = format!("pool {}", pool_key(e.date, e.shift, e.provider.as_deref()));
        let Some(r) = reported.get(&key(e)).and_then(|rows| rows.first()) else {
            out.push(Violation::new(RULE, format!("no row for {what}")).date(e.date));
            continue;
        };
        for (field, a, b) in [
            ("required", r.required, e.required),
            ("covered", r.covered, e.covered),
            ("shortfall", r.shortfall, e.shortfall),
            ("minimum", r.minimum, e.minimum),
        ] {
            if a != b {
                out.push(Violation::new(RULE, mismatch(&what, field, a, b)).date(e.date));
            }
        }
    }
}

fn kpi(facts: &Facts, e: &crate::plan::Kpi, out: &mut Vec<Violation>) {
    let r = &facts.plan.kpi;
    let mut push = |m: String| out.push(Violation::new(RULE, m));
    let ints = [
        (
            "families_below_floor",
            r.families_below_floor,
            e.families_below_floor,
        ),
        ("shortfall_hours", r.shortfall_hours, e.shortfall_hours),
        ("delivered_hours", r.delivered_hours, e.delivered_hours),
        ("pool_shortfall", r.pool_shortfall, e.pool_shortfall),
        (
            "pool_min_shortfall",
            r.pool_min_shortfall,
            e.pool_min_shortfall,
        ),
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
        (
            "provider_scale_down_spread",
            r.provider_scale_down_spread,
            e.provider_scale_down_spread,
        ),
    ];
    for (field, a, b) in floats {
        // NaN in the plan is never within tolerance.
        if (a - b).abs() > KPI_TOL || a.is_nan() {
            push(mismatch("kpi", field, format!("{a:.6}"), format!("{b:.6}")));
        }
    }
    if (r.travel_km - e.travel_km).abs() > TRAVEL_TOL + FLOAT_EPS || r.travel_km.is_nan() {
        push(mismatch(
            "kpi",
            "travel_km",
            format!("{:.2}", r.travel_km),
            format!("{:.1}", e.travel_km),
        ));
    }
    if r.certified_min_below_floor > e.families_below_floor {
        push(format!(
            "kpi certified_min_below_floor {} > families below the floor {}: a bound cannot exceed what the plan achieves",
            r.certified_min_below_floor, e.families_below_floor
        ));
    }
}
