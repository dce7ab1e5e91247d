//! ESCALATION: `escalation[]`, the rungs of the ladder (`semantics.md`,
//! "Colour codes"; `models/model.md`, the ladder).
//!
//! A rung is a solve of one provider on its own; its plan is not in the
//! file, so its figures cannot be recomputed. What can be checked is that
//! the ladder was climbed as the Normenkader prescribes and that its figures
//! agree with each other and with the final plan: every provider once; the
//! rungs `alone`, `tier1`, `tier2` in order, each with exactly the measures
//! of its tier that the scenario allows, each climbed only when the one
//! before left families below the floor and adds a measure; counts that fit
//! (a family below the floor is at least 1 h short, a certificate never
//! above the count, the weeks listed exactly when the count says so); the
//! final rung `region` exactly when a provider stayed below the floor or the
//! waiting list has families; and a provider outside the region rung using
//! no measure in the final plan beyond those of its last rung.

use std::collections::BTreeSet;

use super::derive::Facts;
use super::Violation;
use crate::domain::rules::RuleId;
use crate::plan::{ProviderEscalation, RungOutcome};

const RULE: RuleId = RuleId::Escalation;

/// The provider rungs in order.
const RUNGS: [&str; 3] = ["alone", "tier1", "tier2"];
/// Tier-1 measures a provider can take on its own (Normenkader §4.4.1–4.4.7
/// and §4.2.2; lending and the waiting list are regional).
const TIER1: [&str; 6] = [
    RuleId::MCombined.id(),
    RuleId::MFlex.id(),
    RuleId::MNoStartup.id(),
    RuleId::MOffice.id(),
    RuleId::MReducedRest.id(),
    RuleId::MSevenDays.id(),
];
/// Tier 2 adds nurses in training (§4.4.8–4.4.11).
const TIER2_EXTRA: &str = RuleId::MKio.id();

/// The measures a rung allows in a scenario, sorted.
fn rung_measures(facts: &Facts, rung: &str) -> Vec<String> {
    let mut m: Vec<&str> = match rung {
        "tier1" => TIER1.to_vec(),
        "tier2" => TIER1.iter().copied().chain([TIER2_EXTRA]).collect(),
        _ => Vec::new(),
    };
    m.retain(|id| super::measures::allowed(facts.scenario, id));
    m.sort_unstable();
    m.into_iter().map(String::from).collect()
}

/// Check `escalation[]`; say what rests on the rungs' word.
pub(super) fn check(facts: &Facts, out: &mut Vec<Violation>, unverified: &mut Vec<String>) {
    let esc = &facts.plan.escalation;
    if !facts.plan.ladder {
        if !esc.is_empty() {
            out.push(Violation::new(
                RULE,
                "escalation[] given for a plan made without the escalation ladder (\"ladder\": false)",
            ));
        }
        unverified.push(
            "no colour codes: the plan was made without the escalation ladder (\"ladder\": false)"
                .into(),
        );
        return;
    }
    let mut seen = BTreeSet::new();
    for e in esc {
        if !facts.scenario.providers.iter().any(|p| p.id == e.provider) {
            out.push(Violation::new(
                RULE,
                format!(
                    "escalation[] names {}, not a provider of the scenario",
                    e.provider
                ),
            ));
        } else if !seen.insert(e.provider.as_str()) {
            out.push(Violation::new(
                RULE,
                format!("escalation[] lists {} more than once", e.provider),
            ));
        }
    }
    let horizon: Vec<String> = facts
        .horizon_weeks()
        .into_iter()
        .map(|i| facts.week_key(i))
        .collect();
    // The final rung is the region's when some provider stayed below the
    // floor on its own, or the waiting list has a family in the horizon.
    let stayed_below = esc
        .iter()
        .any(|e| e.rungs.last().is_some_and(|r| r.families_below_floor > 0));
    let waiting = facts
        .scenario
        .families
        .iter()
        .any(|f| f.provider.is_none() && !facts.episodes[f.id.as_str()].during.is_empty());
    let region = stayed_below || waiting;
    for p in &facts.scenario.providers {
        let Some(e) = esc.iter().find(|e| e.provider == p.id) else {
            out.push(Violation::new(
                RULE,
                format!(
                    "escalation[] lacks provider {}: a plan of the ladder lists every provider's rungs",
                    p.id
                ),
            ));
            continue;
        };
        let own: Vec<&str> = facts
            .scenario
            .families
            .iter()
            .filter(|f| {
                f.provider.as_deref() == Some(p.id.as_str())
                    && !facts.episodes[f.id.as_str()].during.is_empty()
            })
            .map(|f| f.id.as_str())
            .collect();
        provider(facts, e, own.len() as u32, &horizon, region, out);
    }
    let solved: usize = esc.iter().map(|e| e.rungs.len()).sum();
    if solved > 0 {
        unverified.push(format!(
            "escalation[]: {solved} rung(s) solved provider by provider; their plans are not in the file, so their counts (and the oranje and rood codes that follow from them) are the engine's word, checked only for consistency"
        ));
    }
}

/// One provider's rungs and final rung.
fn provider(
    facts: &Facts,
    e: &ProviderEscalation,
    families: u32,
    horizon: &[String],
    region: bool,
    out: &mut Vec<Violation>,
) {
    let id = e.provider.as_str();
    let mut push = |m: String| out.push(Violation::new(RULE, format!("{id}: {m}")));
    if families > 0 && e.rungs.is_empty() {
        push(format!(
            "{families} families with home days in the horizon, but no rung solved"
        ));
    }
    if families == 0 && !e.rungs.is_empty() {
        push("rungs solved for a provider without families in the horizon".into());
    }
    let mut prev: Option<&RungOutcome> = None;
    let mut last_index: Option<usize> = None;
    for r in &e.rungs {
        let name = r.rung.as_str();
        let Some(i) = RUNGS.iter().position(|x| *x == name) else {
            push(format!("rung {name:?} is not one of {}", RUNGS.join(", ")));
            continue;
        };
        if last_index.is_some_and(|j| i <= j) || (last_index.is_none() && i != 0) {
            push(format!(
                "rung {name} out of order: the ladder starts alone and climbs tier1, then tier2"
            ));
        }
        last_index = Some(i);
        let wanted = rung_measures(facts, name);
        if r.measures != wanted {
            push(format!(
                "rung {name} allows [{}], but the scenario gives that tier [{}]",
                r.measures.join(", "),
                wanted.join(", ")
            ));
        }
        if let Some(u) = r.used.iter().find(|u| !r.measures.contains(u)) {
            push(format!("rung {name} used {u}, which it did not allow"));
        }
        if let Some(pr) = prev {
            if pr.families_below_floor == 0 {
                push(format!(
                    "rung {name} climbed although rung {} left no family below the floor",
                    pr.rung
                ));
            }
            if pr.measures == r.measures {
                push(format!(
                    "rung {name} climbed without adding a measure to rung {}",
                    pr.rung
                ));
            }
        }
        figures(r, families, horizon, &mut push);
        prev = Some(r);
    }
    let final_rung = if region {
        "region"
    } else {
        e.rungs.last().map_or("alone", |r| r.rung.as_str())
    };
    if e.rung != final_rung {
        push(format!(
            "final rung {}, expected {final_rung} ({})",
            e.rung,
            if region {
                "a provider stayed below the floor on its own, or the waiting list has families"
            } else {
                "the last rung solved, without the region rung"
            }
        ));
    }
    if !region {
        let allowed = e.rungs.last().map_or(Vec::new(), |r| r.measures.clone());
        let extra: Vec<String> = facts
            .scenario
            .nurses
            .iter()
            .filter(|n| n.provider == id)
            .flat_map(|n| facts.usage.nurse_list(&n.id))
            .chain(
                facts
                    .scenario
                    .families
                    .iter()
                    .filter(|f| f.provider.as_deref() == Some(id))
                    .flat_map(|f| facts.usage.family_list(&f.id)),
            )
            .filter(|m| !allowed.contains(m))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !extra.is_empty() {
            push(format!(
                "the final plan uses {} beyond its last rung's measures [{}]",
                extra.join(", "),
                allowed.join(", ")
            ));
        }
    }
}

/// A rung's counts agree with each other.
fn figures(r: &RungOutcome, families: u32, horizon: &[String], push: &mut impl FnMut(String)) {
    let name = r.rung.as_str();
    let below = r.families_below_floor;
    if below > families {
        push(format!(
            "rung {name}: {below} families below the floor, but it has {families}"
        ));
    }
    if r.certified_min_below_floor > below {
        push(format!(
            "rung {name}: certified minimum {} above its {below} families below the floor",
            r.certified_min_below_floor
        ));
    }
    if (below == 0) != (r.shortfall_hours == 0) || r.shortfall_hours < below {
        push(format!(
            "rung {name}: {below} families below the floor with {} h short (each is at least 1 h short, and none is short without one below)",
            r.shortfall_hours
        ));
    }
    if (below == 0) != r.below_weeks.is_empty() {
        push(format!(
            "rung {name}: {below} families below the floor, but below_weeks is [{}]",
            r.below_weeks.join(", ")
        ));
    }
    for w in r.below_weeks.iter().chain(&r.not_full_weeks) {
        if !horizon.contains(w) {
            push(format!("rung {name}: {w} is not a week of the horizon"));
        }
    }
    if name == "alone" {
        let full = r.full.unwrap_or(true);
        let not_full = r.not_full_families;
        if r.full.is_none()
            || full != (not_full == 0)
            || full != r.not_full_weeks.is_empty()
            || (not_full == 0) != (r.not_full_hours == 0)
            || not_full > families
        {
            push(format!(
                "rung alone: full {:?} disagrees with {not_full} families not full by {} h in weeks [{}]",
                r.full,
                r.not_full_hours,
                r.not_full_weeks.join(", ")
            ));
        }
    } else if r.full.is_some()
        || r.not_full_families > 0
        || r.not_full_hours > 0
        || !r.not_full_weeks.is_empty()
    {
        push(format!(
            "rung {name}: the full share is a figure of rung alone only"
        ));
    }
}
