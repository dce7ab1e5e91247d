//! COLOUR: the colour codes per ISO week (`semantics.md`, "Colour codes").
//!
//! `weeks[]` must list every ISO week overlapping the horizon once and in
//! order (a plan made by the escalation ladder always has it; one made with
//! `--no-ladder` says `"ladder": false` and has none). Every provider of the
//! scenario has a colour in every week, derived here again: `zwart` from the
//! recomputed families below the floor, the other colours from the rungs of
//! `escalation[]` (checked in `escalation.rs`), the region's from the
//! providers and the waiting list. `why` must be exactly the lines
//! `reasons` renders from those same figures.

use std::collections::{BTreeMap, BTreeSet};

use super::derive::Facts;
use super::report::Expected;
use super::Violation;
use crate::domain::rules::RuleId;
use crate::plan::reasons;
use crate::plan::{RungOutcome, WeekCode};

const RULE: RuleId = RuleId::Colour;
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

/// Check `weeks[]` against the recomputed figures and the rungs.
pub(super) fn check(facts: &Facts, expected: &Expected, out: &mut Vec<Violation>) {
    let weeks = &facts.plan.weeks;
    if !facts.plan.ladder {
        if !weeks.is_empty() {
            out.push(Violation::new(
                RULE,
                "weeks[] given for a plan made without the escalation ladder (\"ladder\": false): its colours have no rungs behind them",
            ));
        }
        return;
    }
    let expected_weeks: Vec<(i64, String)> = facts
        .horizon_weeks()
        .into_iter()
        .map(|i| (i, facts.week_key(i)))
        .collect();
    if weeks.is_empty() {
        out.push(Violation::new(
            RULE,
            "weeks[] is missing: a plan of the escalation ladder gives every week of the horizon its colour (a plan without the ladder says \"ladder\": false)",
        ));
        return;
    }
    listing(weeks, &expected_weeks, out);
    let below = below_floor_by_week(facts, expected);
    let waiting = waiting_list_by_week(facts);
    let none = BTreeMap::new();
    let nobody = BTreeSet::new();
    let across = across_providers(facts);
    for (i, key) in &expected_weeks {
        if let Some(w) = weeks.iter().find(|w| &w.week == key) {
            week(
                facts,
                w,
                below.get(i).unwrap_or(&none),
                waiting.get(i).unwrap_or(&nobody),
                across,
                out,
            );
        }
    }
}

/// Families the plan declares as served across providers (M-LENDING or
/// M-WAITLIST), and the number of providers whose nurses declare so: the
/// figures of the region's reason line.
fn across_providers(facts: &Facts) -> (u32, u32) {
    let across = |ms: &[String]| {
        ms.iter()
            .any(|m| m == RuleId::MLending.id() || m == RuleId::MWaitlist.id())
    };
    let moved = facts
        .family_declared
        .values()
        .filter(|ms| across(ms))
        .count();
    let providers: BTreeSet<&str> = facts
        .nurse_declared
        .iter()
        .filter(|(_, ms)| across(ms))
        .map(|(n, _)| facts.nurses[n].provider.as_str())
        .collect();
    (moved as u32, providers.len() as u32)
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

/// A family below the floor in a week: its id, provider and shortfall.
type Below<'a> = BTreeMap<&'a str, (Option<&'a str>, u32)>;

/// Per week offset, the families below the floor in that week with their
/// provider and shortfall: a short day in the week, or `total_short > 0` and
/// the last home day in the horizon in the week.
fn below_floor_by_week<'a>(facts: &Facts<'a>, expected: &Expected) -> BTreeMap<i64, Below<'a>> {
    let mut by_week: BTreeMap<i64, Below<'a>> = BTreeMap::new();
    for (f, e) in facts.scenario.families.iter().zip(&expected.families) {
        let mut weeks: BTreeSet<i64> = e.short_days.iter().map(|d| facts.week_index(*d)).collect();
        if e.floor > e.planned {
            if let Some(last) = facts.episodes[f.id.as_str()].during.last() {
                weeks.insert(facts.week_index(*last));
            }
        }
        for i in weeks {
            by_week
                .entry(i)
                .or_default()
                .insert(f.id.as_str(), (f.provider.as_deref(), e.shortfall));
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

/// The colour a provider's rungs give it in week `key` (zwart aside):
/// groen when its `alone` rung kept the floor and the full share in the
/// week, oranje when its last rung kept the floor, else rood; groen
/// without rungs (no family with a home day in the horizon).
fn rung_colour(rungs: &[RungOutcome], key: &str) -> &'static str {
    let has = |ws: &[String]| ws.iter().any(|w| w == key);
    match (rungs.first(), rungs.last()) {
        (Some(a), _) if a.rung == "alone" && !has(&a.below_weeks) && !has(&a.not_full_weeks) => {
            "groen"
        }
        (Some(_), Some(last)) if !has(&last.below_weeks) => "oranje",
        (Some(_), Some(_)) => ROOD,
        _ => "groen",
    }
}

/// The colours and reasons of one week.
fn week(
    facts: &Facts,
    w: &WeekCode,
    below: &Below,
    waiting: &BTreeSet<&str>,
    (moved, helping): (u32, u32),
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
    let no_rungs = Vec::new();
    let kpi = &facts.plan.kpi;
    let final_proven = kpi.families_below_floor == kpi.certified_min_below_floor;
    // Colours (capped at rood) that some provider holds with proof.
    let mut proven_colours = vec!["groen"];
    let mut unproven = Vec::new();
    let mut worst = (0u8, "groen");
    let mut rood_providers = Vec::new();
    let mut why = Vec::new();
    for p in &facts.scenario.providers {
        let id = p.id.as_str();
        let own: Vec<(&str, u32)> = below
            .iter()
            .filter(|(_, (fp, _))| *fp == Some(id))
            .map(|(f, (_, s))| (*f, *s))
            .collect();
        let rungs = facts
            .plan
            .escalation
            .iter()
            .find(|e| e.provider == id)
            .map_or(&no_rungs, |e| &e.rungs);
        let from_rungs = rung_colour(rungs, key);
        let expected = if own.is_empty() { from_rungs } else { ZWART };
        why.extend(reasons::provider_line(id, expected, rungs, &own));
        match w.providers.get(id) {
            None => push(format!("{key}: provider {id} has no colour")),
            Some(c) if c != expected => {
                let because = if !own.is_empty() {
                    let ids: Vec<&str> = own.iter().map(|(f, _)| *f).collect();
                    format!("{} below the floor in that week", list(&ids))
                } else {
                    format!("its rungs in escalation[] give {from_rungs}")
                };
                push(format!(
                    "{key}: {id} is {c}, expected {expected} ({because})"
                ));
            }
            Some(_) => {}
        }
        if from_rungs == ROOD {
            rood_providers.push(id);
        }
        // Proof of a code: a certificate of the rung that decided it.
        let certified =
            |r: Option<&RungOutcome>| r.is_some_and(|r| r.certified_min_below_floor > 0);
        let proven = match expected {
            "oranje" => certified(rungs.first()),
            ROOD => certified(rungs.last()),
            ZWART => final_proven,
            _ => true,
        };
        if proven {
            proven_colours.push(if expected == ZWART { ROOD } else { expected });
        } else {
            unproven.push(id);
        }
        let r = rank(from_rungs).unwrap_or(0);
        if r > worst.0 {
            worst = (r, from_rungs);
        }
    }
    let (expected, because) = if !below.is_empty() {
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
        (worst.1, format!("the worst provider colour is {}", worst.1))
    };
    if w.region != expected {
        push(format!(
            "{key}: region is {}, expected {expected} ({because})",
            w.region
        ));
    }
    let region_proven = match expected {
        ZWART => final_proven,
        c => (c == ROOD && !waiting.is_empty()) || proven_colours.contains(&c),
    };
    if w.proven != region_proven {
        push(format!(
            "{key}: proven is {}, but the certificates of the plan and its rungs give {region_proven}",
            w.proven
        ));
    }
    if w.unproven != unproven {
        push(format!(
            "{key}: unproven is {:?}, but the certificates of the rungs give {:?}",
            w.unproven, unproven
        ));
    }
    let all: Vec<(&str, u32)> = below.iter().map(|(f, (_, s))| (*f, *s)).collect();
    let region_rung = facts.plan.escalation.iter().any(|e| e.rung == "region");
    why.extend(reasons::region_line(
        expected,
        &all,
        moved,
        helping,
        region_rung,
    ));
    if w.why != why {
        push(format!(
            "{key}: why is {:?}, but the plan's own figures give {:?}",
            w.why, why
        ));
    }
}
