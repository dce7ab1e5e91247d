//! COLOUR: the checkable part of the colour codes per ISO week
//! (`semantics.md`, "Colour codes").
//!
//! The rungs of the escalation ladder are the engine's claims; what the plan
//! itself shows is checked: `weeks[]` lists every ISO week overlapping the
//! horizon once and in order, every colour is one of `groen`, `oranje`,
//! `rood`, `zwart`, every provider of the scenario has a colour in every
//! week, a provider is `zwart` exactly when one of its own families is below
//! the floor in that week, and the region's colour follows from the families
//! below the floor, the providers' colours and the waiting list. A plan
//! without `weeks[]` (older tools) is not checked; `escalation[]` must name
//! known providers.

use std::collections::{BTreeMap, BTreeSet};

use super::derive::Facts;
use super::Violation;
use crate::plan::WeekCode;

const RULE: &str = "COLOUR";
const ZWART: &str = "zwart";
const ROOD: &str = "rood";

/// Order of the colours: `groen` < `oranje` < `rood` < `zwart`.
fn rank(colour: &str) -> Option<u8> {
    match colour {
        "groen" => Some(0),
        "oranje" => Some(1),
        "rood" => Some(2),
        "zwart" => Some(3),
        _ => None,
    }
}

/// Check `weeks[]` and the providers of `escalation[]`.
pub(super) fn check(facts: &Facts, out: &mut Vec<Violation>) {
    for e in &facts.plan.escalation {
        if !facts.scenario.providers.iter().any(|p| p.id == e.provider) {
            out.push(Violation::new(
                RULE,
                format!(
                    "escalation[] names {}, not a provider of the scenario",
                    e.provider
                ),
            ));
        }
    }
    let weeks = &facts.plan.weeks;
    if weeks.is_empty() {
        return;
    }
    let expected: Vec<(i64, String)> = facts
        .horizon_weeks()
        .into_iter()
        .map(|i| (i, facts.week_key(i)))
        .collect();
    listing(weeks, &expected, out);
    let below = below_floor_by_week(facts);
    let waiting = waiting_list_by_week(facts);
    let none = BTreeMap::new();
    let nobody = BTreeSet::new();
    for (i, key) in &expected {
        if let Some(w) = weeks.iter().find(|w| &w.week == key) {
            week(
                facts,
                w,
                below.get(i).unwrap_or(&none),
                waiting.get(i).unwrap_or(&nobody),
                out,
            );
        }
    }
}

/// Every week of the horizon once, in order, and nothing else.
fn listing(weeks: &[WeekCode], expected: &[(i64, String)], out: &mut Vec<Violation>) {
    let listed: Vec<&str> = weeks.iter().map(|w| w.week.as_str()).collect();
    let wanted: Vec<&str> = expected.iter().map(|(_, k)| k.as_str()).collect();
    if listed == wanted {
        return;
    }
    let mut times: BTreeMap<&str, usize> = BTreeMap::new();
    for k in &listed {
        *times.entry(k).or_default() += 1;
    }
    let mut wrong = false;
    for k in &wanted {
        if !times.contains_key(k) {
            wrong = true;
            out.push(
                Violation::new(RULE, format!("weeks[] lacks {k}, a week of the horizon")).week(*k),
            );
        }
    }
    for (k, n) in &times {
        if !wanted.contains(k) {
            wrong = true;
            out.push(
                Violation::new(
                    RULE,
                    format!("weeks[] lists {k}, not a week of the horizon"),
                )
                .week(*k),
            );
        } else if *n > 1 {
            wrong = true;
            out.push(
                Violation::new(RULE, format!("weeks[] lists {k} {n} times, expected once"))
                    .week(*k),
            );
        }
    }
    if !wrong {
        out.push(Violation::new(
            RULE,
            format!(
                "weeks[] is out of order: [{}], expected [{}]",
                listed.join(", "),
                wanted.join(", ")
            ),
        ));
    }
}

/// Per week offset, the families below the floor in that week with their
/// provider: a short day in the week, or `total_short > 0` and the last
/// home day in the horizon in the week.
fn below_floor_by_week<'a>(facts: &Facts<'a>) -> BTreeMap<i64, BTreeMap<&'a str, Option<&'a str>>> {
    let mut by_week: BTreeMap<i64, BTreeMap<&str, Option<&str>>> = BTreeMap::new();
    for f in &facts.scenario.families {
        let fig = facts.family_figures(f);
        let mut weeks: BTreeSet<i64> = fig
            .outcome
            .short_days
            .iter()
            .map(|d| facts.week_index(*d))
            .collect();
        if fig.total_short > 0 {
            if let Some(last) = facts.episodes[f.id.as_str()].during.last() {
                weeks.insert(facts.week_index(*last));
            }
        }
        for i in weeks {
            by_week
                .entry(i)
                .or_default()
                .insert(f.id.as_str(), f.provider.as_deref());
        }
    }
    by_week
}

/// Per week offset, the waiting-list families (`provider: null`) with a
/// home day in the horizon in that week.
fn waiting_list_by_week<'a>(facts: &Facts<'a>) -> BTreeMap<i64, BTreeSet<&'a str>> {
    let mut by_week: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for f in facts
        .scenario
        .families
        .iter()
        .filter(|f| f.provider.is_none())
    {
        for d in &facts.episodes[f.id.as_str()].during {
            by_week
                .entry(facts.week_index(*d))
                .or_default()
                .insert(f.id.as_str());
        }
    }
    by_week
}

fn list(ids: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let v: Vec<String> = ids.into_iter().map(|s| s.as_ref().to_string()).collect();
    v.join(", ")
}

/// The colours of one week.
fn week(
    facts: &Facts,
    w: &WeekCode,
    below: &BTreeMap<&str, Option<&str>>,
    waiting: &BTreeSet<&str>,
    out: &mut Vec<Violation>,
) {
    let key = w.week.as_str();
    let mut push = |m: String| out.push(Violation::new(RULE, m).week(key));
    if rank(&w.region).is_none() {
        push(format!(
            "{key}: region colour {:?} is not groen, oranje, rood or zwart",
            w.region
        ));
    }
    for (p, c) in &w.providers {
        if !facts.scenario.providers.iter().any(|x| &x.id == p) {
            push(format!("{key}: {p} is not a provider of the scenario"));
        } else if rank(c).is_none() {
            push(format!(
                "{key}: colour {c:?} of {p} is not groen, oranje, rood or zwart"
            ));
        }
    }
    // The worst valid colour of the scenario's providers, zwart aside.
    let mut worst: Option<(u8, &str)> = None;
    let mut rood_providers = Vec::new();
    for p in &facts.scenario.providers {
        let id = p.id.as_str();
        let own: Vec<&str> = below
            .iter()
            .filter(|(_, fp)| **fp == Some(id))
            .map(|(f, _)| *f)
            .collect();
        let Some(c) = w.providers.get(id) else {
            push(format!("{key}: provider {id} has no colour"));
            continue;
        };
        if !own.is_empty() && c != ZWART {
            push(format!(
                "{key}: {id} is {c}, but its {} below the floor in that week: zwart",
                if own.len() == 1 {
                    format!("family {} is", own[0])
                } else {
                    format!("families {} are", list(&own))
                }
            ));
        } else if own.is_empty() && c == ZWART {
            push(format!(
                "{key}: {id} is zwart, but none of its families is below the floor in that week"
            ));
        }
        if c == ROOD {
            rood_providers.push(id);
        }
        if let Some(r) = rank(c).filter(|r| *r < 3) {
            if worst.is_none_or(|(best, _)| r > best) {
                worst = Some((r, c.as_str()));
            }
        }
    }
    let (expected, why) = if !below.is_empty() {
        (
            ZWART,
            format!("{} below the floor in that week", list(below.keys())),
        )
    } else if !rood_providers.is_empty() {
        (ROOD, format!("{} rood", list(&rood_providers)))
    } else if !waiting.is_empty() {
        (
            ROOD,
            format!(
                "waiting-list family {} has a home day in that week",
                list(waiting)
            ),
        )
    } else {
        match worst {
            Some((_, c)) => (c, format!("the worst provider colour is {c}")),
            None => ("groen", "no provider has a colour".to_string()),
        }
    };
    if w.region != expected {
        push(format!(
            "{key}: region is {}, expected {expected} ({why})",
            w.region
        ));
    }
}
