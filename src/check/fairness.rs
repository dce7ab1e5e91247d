//! `kraamplan check --fairness fairness.json`: every figure of a fairness
//! audit recomputed from the scenario and the plan's visits, apart from the
//! audit's own code (`src/fairness/`), so that an edited or forged audit is
//! caught. Family figures come from the checker's derivation
//! ([`super::family_outcomes`]); groups, providers and findings are
//! recomputed here.

use std::collections::{BTreeMap, BTreeSet};

use super::derive::fairness as ratio_figures;
use super::Violation;
use crate::domain::rules::RuleId;
use crate::plan::fairness::{Audit, FAIRNESS_FORMAT, GROUPINGS};
use crate::plan::{FamilyOutcome, Plan};
use crate::scenario::{Family, Role, Scenario};

const RULE: RuleId = RuleId::Report;
/// Tolerance on a reported figure (JSON floats round-trip exactly; this is for other writers).
const TOL: f64 = 1e-6;

/// A family with care due in the horizon, and its recomputed outcome.
type Member<'a> = (&'a Family, FamilyOutcome);

/// Every way `audit` differs from the audit of `plan` recomputed here.
pub fn check_audit(s: &Scenario, plan: &Plan, audit: &Audit) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut push = |m: String| out.push(Violation::new(RULE, format!("fairness.json {m}")));
    if audit.format != FAIRNESS_FORMAT {
        push(format!(
            "format {:?}, expected {FAIRNESS_FORMAT:?}",
            audit.format
        ));
    }
    if audit.scenario != s.name {
        push(format!(
            "is for scenario {:?}, not {:?}",
            audit.scenario, s.name
        ));
    }
    let policy = plan.policy.unwrap_or_default().to_string();
    if audit.policy != policy {
        push(format!(
            "policy {:?}: the plan says {policy:?}",
            audit.policy
        ));
    }
    for b in &audit.by {
        if !GROUPINGS.contains(&b.as_str()) {
            push(format!(
                "groups by {b:?}, not one of {}",
                GROUPINGS.join(", ")
            ));
        }
    }
    let t = &audit.tolerance;
    for (name, x) in [
        ("scale_down", t.scale_down),
        ("waitlist", t.waitlist),
        ("insurer", t.insurer),
    ] {
        if !(x.is_finite() && x >= 0.0) {
            push(format!(
                "tolerance {name} {x} is not a finite, non-negative number"
            ));
        }
    }
    let members: Vec<Member> = s
        .families
        .iter()
        .zip(super::family_outcomes(s, plan))
        .filter(|(_, o)| o.target > 0.0)
        .collect();
    let want_regie = regie(plan, &members);
    if audit.regie.is_some() != want_regie {
        push(format!(
            "regie {:?}: the plan's colour codes, floor and waiting list say {}",
            audit.regie,
            if want_regie {
                "the KSV directs the sharing"
            } else {
                "they do not call for the KSV's regie"
            }
        ));
    }
    let all: Vec<&Member> = members.iter().collect();
    let region_short = short_hours(&all);
    compare_group(&mut push, "region", &audit.region, &all, region_short);

    // Groups: exactly the recomputed ones, each with its figures.
    let mut expected: BTreeMap<(String, String), Vec<&Member>> = BTreeMap::new();
    for b in audit.by.iter().filter(|b| GROUPINGS.contains(&b.as_str())) {
        for m in &members {
            expected
                .entry((b.clone(), group(m.0, b)))
                .or_default()
                .push(m);
        }
    }
    let mut seen = BTreeSet::new();
    for g in &audit.groups {
        let key = (g.by.clone(), g.group.clone());
        let what = format!("groups[by {}, group {:?}]", g.by, g.group);
        if !seen.insert(key.clone()) {
            push(format!("{what} is listed twice"));
            continue;
        }
        match expected.get(&key) {
            Some(list) => compare_group(&mut push, &what, &g.figures, list, region_short),
            None => push(format!("{what} has no families in the plan's scenario")),
        }
    }
    for key in expected.keys().filter(|k| !seen.contains(*k)) {
        push(format!("misses group {:?} of grouping {}", key.1, key.0));
    }

    // Providers, in scenario order.
    let rows = providers(s, plan, &members);
    if audit.providers.len() != rows.len() {
        push(format!(
            "lists {} providers, the scenario {}",
            audit.providers.len(),
            rows.len()
        ));
    }
    for (got, want) in audit.providers.iter().zip(&rows) {
        let what = format!("providers[{}]", want.id);
        if got.provider != want.id {
            push(format!("{what}: named {:?}", got.provider));
            continue;
        }
        let mut num = |field: &str, a: f64, b: f64| {
            if (a - b).abs() > TOL * b.abs().max(1.0) {
                push(format!("{what}.{field}: reports {a}, recomputed {b}"));
            }
        };
        num("families", f64::from(got.families), want.families as f64);
        num("scale_down", got.scale_down, want.scale_down);
        num(
            "region_scale_down",
            got.region_scale_down,
            want.region_scale_down,
        );
        num("capacity_hours", got.capacity_hours, want.capacity);
        num("floor_hours", f64::from(got.floor_hours), want.floor);
        num("free_capacity_hours", got.free_capacity_hours, want.free);
        num("waitlist_taken", f64::from(got.waitlist_taken), want.taken);
        num("waitlist_fair_share", got.waitlist_fair_share, want.fair);
        num("lent_hours", f64::from(got.lent_hours), want.lent);
        num(
            "borrowed_hours",
            f64::from(got.borrowed_hours),
            want.borrowed,
        );
        num(
            "waitlist_hours",
            f64::from(got.waitlist_hours),
            want.waitlist_hours,
        );
        if got.contracted != want.contracted {
            push(format!(
                "{what}.contracted: reports {}, the scenario {}",
                got.contracted, want.contracted
            ));
        }
    }

    // Findings: the same rules and subjects, with the same numbers.
    let want = findings(&members, &rows, audit);
    let got: BTreeMap<(String, String), (f64, f64)> = audit
        .findings
        .iter()
        .map(|f| ((f.rule.clone(), f.subject.clone()), (f.value, f.expected)))
        .collect();
    if got.len() != audit.findings.len() {
        push("lists a finding twice".into());
    }
    for (key, (value, reference)) in &want {
        match got.get(key) {
            None => push(format!(
                "misses the finding {} of {}: {value:.4} against {reference:.4}",
                key.0, key.1
            )),
            Some((v, r)) if (v - value).abs() > TOL || (r - reference).abs() > TOL => {
                push(format!(
                "finding {} of {}: reports {v} against {r}, recomputed {value} against {reference}",
                key.0, key.1
            ))
            }
            Some(_) => {}
        }
    }
    for key in got.keys().filter(|k| !want.contains_key(*k)) {
        push(format!(
            "finding {} of {} does not follow from the plan",
            key.0, key.1
        ));
    }
    out
}

/// Whether the KSV directs the sharing: a rood or zwart week, a
/// waiting-list family, or without colour codes a family below the floor.
fn regie(plan: &Plan, members: &[Member]) -> bool {
    let dark = |c: &String| c == "rood" || c == "zwart";
    plan.weeks
        .iter()
        .any(|w| dark(&w.region) || w.providers.values().any(dark))
        || members.iter().any(|m| m.0.provider.is_none())
        || (plan.weeks.is_empty() && members.iter().any(|m| m.1.below_floor))
}

/// `Σ max(0, target − planned)`.
fn short_hours(list: &[&Member]) -> f64 {
    list.iter()
        .map(|m| (m.1.target - m.1.planned as f64).max(0.0))
        .sum()
}

fn group(f: &Family, by: &str) -> String {
    use crate::plan::fairness::{NO_INSURER, ON_LIST, OWN_PROVIDER, WAITING_LIST};
    match by {
        "provider" => f.provider.as_deref().unwrap_or(WAITING_LIST).to_string(),
        "insurer" => f.insurer.as_deref().unwrap_or(NO_INSURER).to_string(),
        "priority" => format!("{}", f.priority),
        "complexity" => format!("{:?}", f.complexity).to_lowercase(),
        _ => if f.provider.is_some() {
            OWN_PROVIDER
        } else {
            ON_LIST
        }
        .to_string(),
    }
}

fn compare_group(
    push: &mut impl FnMut(String),
    what: &str,
    got: &crate::plan::fairness::GroupFigures,
    list: &[&Member],
    region_short: f64,
) {
    let ratios: Vec<f64> = list
        .iter()
        .map(|m| m.1.planned as f64 / m.1.target)
        .collect();
    let (min, mean, gini, jain) = ratio_figures(&ratios);
    let mut sorted = ratios.clone();
    sorted.sort_by(f64::total_cmp);
    let p10 = if sorted.is_empty() {
        1.0
    } else {
        sorted[((sorted.len() as f64 * 0.1).ceil() as usize).clamp(1, sorted.len()) - 1]
    };
    let short = short_hours(list);
    let figures = [
        ("families", f64::from(got.families), list.len() as f64),
        (
            "below_floor",
            f64::from(got.below_floor),
            list.iter().filter(|m| m.1.below_floor).count() as f64,
        ),
        (
            "shortfall_hours",
            f64::from(got.shortfall_hours),
            list.iter().map(|m| f64::from(m.1.shortfall)).sum(),
        ),
        (
            "delivered_hours",
            f64::from(got.delivered_hours),
            list.iter().map(|m| f64::from(m.1.planned)).sum(),
        ),
        (
            "target_hours",
            got.target_hours,
            list.iter().map(|m| m.1.target).sum(),
        ),
        ("ratio_mean", got.ratio_mean, mean),
        ("ratio_min", got.ratio_min, min),
        ("ratio_p10", got.ratio_p10, p10),
        ("gini", got.gini, gini),
        ("jain", got.jain, jain),
        ("scale_down_hours", got.scale_down_hours, short),
        (
            "scale_down_share",
            got.scale_down_share,
            if region_short > 0.0 {
                short / region_short
            } else {
                0.0
            },
        ),
    ];
    for (field, a, b) in figures {
        if !a.is_finite() || (a - b).abs() > TOL * b.abs().max(1.0) {
            push(format!("{what}.{field}: reports {a}, recomputed {b}"));
        }
    }
}

/// A provider's figures as recomputed here.
struct Provider {
    id: String,
    contracted: bool,
    families: usize,
    scale_down: f64,
    region_scale_down: f64,
    capacity: f64,
    floor: f64,
    free: f64,
    taken: f64,
    fair: f64,
    lent: f64,
    borrowed: f64,
    waitlist_hours: f64,
}

fn scale_down(list: &[&Member]) -> f64 {
    let target: f64 = list.iter().map(|m| m.1.target).sum();
    let got: f64 = list
        .iter()
        .map(|m| m.1.target.min(m.1.planned as f64))
        .sum();
    if target > 0.0 {
        1.0 - got / target
    } else {
        0.0
    }
}

fn providers(s: &Scenario, plan: &Plan, members: &[Member]) -> Vec<Provider> {
    let with_provider: Vec<&Member> = members.iter().filter(|m| m.0.provider.is_some()).collect();
    let region = scale_down(&with_provider);
    let nurse_of: BTreeMap<&str, &str> = s
        .nurses
        .iter()
        .map(|n| (n.id.as_str(), n.provider.as_str()))
        .collect();
    let family_of: BTreeMap<&str, Option<&str>> = s
        .families
        .iter()
        .map(|f| (f.id.as_str(), f.provider.as_deref()))
        .collect();
    let (start, end) = (s.start, s.end());
    let mut lent: BTreeMap<&str, f64> = BTreeMap::new();
    let mut borrowed: BTreeMap<&str, f64> = BTreeMap::new();
    let mut to_list: BTreeMap<&str, f64> = BTreeMap::new();
    for v in plan
        .visits
        .iter()
        .filter(|v| start <= v.date && v.date <= end)
    {
        let (Some(n), Some(f)) = (
            nurse_of.get(v.nurse.as_str()),
            family_of.get(v.family.as_str()),
        ) else {
            continue;
        };
        let h = f64::from(v.hours);
        match f {
            None => *to_list.entry(n).or_default() += h,
            Some(f) if f != n => {
                *lent.entry(n).or_default() += h;
                *borrowed.entry(f).or_default() += h;
            }
            _ => {}
        }
    }
    let day_max = f64::from(s.rules.max_family_hours_per_day());
    let mut rows: Vec<Provider> = s
        .providers
        .iter()
        .map(|p| {
            let own: Vec<&Member> = with_provider
                .iter()
                .copied()
                .filter(|m| m.0.provider.as_deref() == Some(p.id.as_str()))
                .collect();
            let capacity: f64 = s
                .nurses
                .iter()
                .filter(|n| n.provider == p.id && n.role == Role::Nurse)
                .map(|n| {
                    let off: BTreeSet<_> = n
                        .off
                        .iter()
                        .filter(|d| start <= **d && **d <= end)
                        .collect();
                    let days = f64::from(s.days) - off.len() as f64;
                    (f64::from(n.contract_max) * f64::from(s.days) / 7.0).min(days * day_max)
                })
                .sum();
            let floor: f64 = own.iter().map(|m| f64::from(m.1.floor)).sum();
            let taken = members
                .iter()
                .filter(|m| {
                    m.0.provider.is_none() && m.1.served_by.as_deref() == Some(p.id.as_str())
                })
                .count() as f64;
            let get = |m: &BTreeMap<&str, f64>| m.get(p.id.as_str()).copied().unwrap_or(0.0);
            Provider {
                id: p.id.clone(),
                contracted: p.contracted,
                families: own.len(),
                scale_down: scale_down(&own),
                region_scale_down: region,
                capacity,
                floor,
                free: (capacity - floor).max(0.0),
                taken,
                fair: 0.0,
                lent: get(&lent),
                borrowed: get(&borrowed),
                waitlist_hours: get(&to_list),
            }
        })
        .collect();
    let served = members
        .iter()
        .filter(|m| m.0.provider.is_none() && m.1.served_by.is_some())
        .count() as f64;
    let free: f64 = rows.iter().filter(|r| r.contracted).map(|r| r.free).sum();
    if free > 0.0 {
        for r in rows.iter_mut().filter(|r| r.contracted) {
            r.fair = served * r.free / free;
        }
    }
    rows
}

/// The findings that follow from the plan under the audit's tolerances:
/// `(rule, subject) → (value, expected)`.
fn findings(
    members: &[Member],
    rows: &[Provider],
    audit: &Audit,
) -> BTreeMap<(String, String), (f64, f64)> {
    let t = &audit.tolerance;
    let mut out = BTreeMap::new();
    let regie = audit.regie.is_some();
    let mut add = |rule: RuleId, subject: &str, v: f64, e: f64| {
        out.insert((rule.id().to_string(), subject.to_string()), (v, e));
    };
    for r in rows {
        if regie && r.families > 0 && r.scale_down - r.region_scale_down > t.scale_down + 1e-9 {
            add(
                RuleId::EqualScaleDown,
                &r.id,
                r.scale_down,
                r.region_scale_down,
            );
        }
        if r.contracted && r.fair - r.taken > t.waitlist + 1e-9 {
            add(RuleId::WaitlistSpread, &r.id, r.taken, r.fair);
        }
    }
    let mut insurers: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for m in members {
        if let Some(i) = &m.0.insurer {
            let e = insurers.entry(i.as_str()).or_default();
            e.0 += 1.0;
            e.1 += f64::from(u8::from(m.1.below_floor));
        }
    }
    let best = insurers
        .values()
        .map(|(n, b)| b / n)
        .fold(f64::INFINITY, f64::min);
    for (name, (n, below)) in &insurers {
        if *below > 0.0 && below / n - best > t.insurer + 1e-9 {
            add(RuleId::InsurerFloor, name, below / n, best);
        }
    }
    out
}
