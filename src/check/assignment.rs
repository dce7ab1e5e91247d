//! Who may serve whom, and when: AVAIL, ROLE, TRAVEL and VISIT-MIN. The
//! measures a visit uses (lending, the waiting list, combined care, KIO and
//! office staff declared and counted) are checked in `measures.rs`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::derive::Facts;
use super::Violation;
use crate::domain::geo::haversine_km;
use crate::domain::rules::RuleId;
use crate::scenario::{Complexity, Role};

/// Check every rule about a nurse being at a family on a date.
pub(super) fn check(facts: &Facts, out: &mut Vec<Violation>) {
    avail(facts, out);
    let pairs = pairs(facts);
    role(facts, &pairs, out);
    travel(facts, &pairs, out);
    visit_min(facts, out);
}

/// VISIT-MIN: a visit lasts at least `min_visit_hours`.
fn visit_min(facts: &Facts, out: &mut Vec<Violation>) {
    let min = facts.scenario.rules.min_visit_hours();
    // A centre visit is exactly 3 h by M-KRAAMCENTRUM (`measures.rs`).
    for v in facts.visits.iter().filter(|v| !v.site.is_centre()) {
        if v.hours < min {
            out.push(
                Violation::new(
                    RuleId::VisitMin,
                    format!(
                        "{} visits {} on {} for {} h < minimum {min} h",
                        v.nurse, v.family, v.date, v.hours
                    ),
                )
                .nurse(&v.nurse)
                .family(&v.family)
                .date(v.date),
            );
        }
    }
}

fn allowed(facts: &Facts, measure: &str) -> bool {
    super::measures::allowed(facts.scenario, measure)
}

/// Dates of the usable home visits per (nurse, family); who may staff the
/// kraamcentrum, and how far it is, is M-KRAAMCENTRUM's (`measures.rs`).
fn pairs<'a>(facts: &Facts<'a>) -> BTreeMap<(&'a str, &'a str), BTreeSet<NaiveDate>> {
    let mut pairs: BTreeMap<(&str, &str), BTreeSet<NaiveDate>> = BTreeMap::new();
    for v in facts.visits.iter().filter(|v| !v.site.is_centre()) {
        pairs
            .entry((v.nurse.as_str(), v.family.as_str()))
            .or_default()
            .insert(v.date);
    }
    pairs
}

fn dates_text(dates: &BTreeSet<NaiveDate>) -> String {
    let list: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
    list.join(", ")
}

/// AVAIL: no visit on one of the nurse's `off` dates.
fn avail(facts: &Facts, out: &mut Vec<Violation>) {
    let mut reported = BTreeSet::new();
    for v in &facts.visits {
        let nurse = facts.nurses[v.nurse.as_str()];
        if nurse.off.contains(&v.date) && reported.insert((v.nurse.as_str(), v.date)) {
            out.push(
                Violation::new(
                    RuleId::Avail,
                    format!("{} visits {} on {}, a day off", v.nurse, v.family, v.date),
                )
                .nurse(&v.nurse)
                .family(&v.family)
                .date(v.date),
            );
        }
    }
}

/// ROLE: KIO only under M-KIO and only at low complexity; office staff only
/// under M-OFFICE. A KIO or office visit while the measure is not allowed is
/// reported here only, not again under its measure id.
fn role(
    facts: &Facts,
    pairs: &BTreeMap<(&str, &str), BTreeSet<NaiveDate>>,
    out: &mut Vec<Violation>,
) {
    let kio_allowed = allowed(facts, RuleId::MKio.id());
    let office_allowed = allowed(facts, RuleId::MOffice.id());
    for ((n, f), dates) in pairs {
        let nurse = facts.nurses[n];
        let family = facts.families[f];
        let first = *dates.iter().next().expect("a pair has a visit");
        let mut push = |why: String| {
            out.push(
                Violation::new(
                    RuleId::Role,
                    format!("{n} at {f} on {}: {why}", dates_text(dates)),
                )
                .nurse(n)
                .family(f)
                .date(first),
            )
        };
        match nurse.role {
            Role::Kio => {
                if !kio_allowed {
                    push("a KIO nurse, but M-KIO is not allowed".to_string());
                }
                if family.complexity != Complexity::Low {
                    let level = match family.complexity {
                        Complexity::Low => "low",
                        Complexity::Medium => "medium",
                        Complexity::High => "high",
                    };
                    push(format!(
                        "a KIO nurse at a family of {level} complexity (only low)"
                    ));
                }
            }
            Role::OfficeQualified if !office_allowed => {
                push("office staff, but M-OFFICE is not allowed".to_string());
            }
            _ => {}
        }
    }
}

/// TRAVEL: nurse and family at most `max_travel_km` apart.
fn travel(
    facts: &Facts,
    pairs: &BTreeMap<(&str, &str), BTreeSet<NaiveDate>>,
    out: &mut Vec<Violation>,
) {
    let max = facts.scenario.rules.max_travel_km();
    for ((n, f), dates) in pairs {
        let km = haversine_km(facts.nurses[n].home, facts.families[f].home);
        if km > max {
            out.push(
                Violation::new(
                    RuleId::Travel,
                    format!(
                        "{n} serves {f} {km:.1} km from home > max {max} km (on {})",
                        dates_text(dates)
                    ),
                )
                .nurse(n)
                .family(f)
                .date(*dates.iter().next().expect("a pair has a visit")),
            );
        }
    }
}
