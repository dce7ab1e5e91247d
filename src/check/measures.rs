//! Measures (Normenkader §4.4; `semantics.md`, "Measures"): the rules with
//! the measure ids `M-COMBINED`, `M-NO-STARTUP`, `M-REDUCED-REST`,
//! `M-SEVEN-DAYS`, `M-OFFICE`, `M-LENDING`, `M-KIO`, `M-FLEX`,
//! `M-WAITLIST`, and `ONE-FAMILY-A-DAY`; `REPORT` for a wrong
//! `measures_used` or a malformed declaration list.
//!
//! [`usage`] recomputes every use of a measure from the plan:
//! - from its visits: combined care (two families a nurse-date), a KIO or
//!   office-qualified nurse, a nurse serving a family of another provider
//!   (lending, else the waiting list) or a waiting-list family;
//! - from its declarations, for the measures whose use is the plan's own
//!   choice: a declared waived day (M-NO-STARTUP, M-SEVEN-DAYS) is a use when
//!   its conditions hold and the date gets no care; a declared
//!   M-REDUCED-REST is a use when the nurse's plan breaks the normal rest
//!   forms; a declared M-FLEX counts the weeks above `contract_max`. An
//!   undeclared need is broken under the normal rule instead (ATW-WEEKLY-REST,
//!   ORG-EPISODE-REST, CONTRACT; an undeclared empty day is a short day).
//!
//! [`check`] then compares the uses with what the scenario allows, the
//! nurses' consent, the declarations on `families[].measures` and
//! `nurses[].measures`, and the counts of `measures_used`.
//!
//! Not reported twice: a KIO or office nurse while the measure is not
//! allowed is ROLE's (`assignment.rs`); two families on a date while
//! M-COMBINED is not allowed, and three or more ever, are ONE-FAMILY-A-DAY;
//! a visit across a provider boundary that neither lending nor the waiting
//! list allows is M-LENDING (M-WAITLIST for a waiting-list family). Such
//! invalid uses need no declaration, and the plan may but need not declare
//! or count them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::atw;
use super::derive::{fmt_hours, Facts, DAY_FLOOR, HOURS_TOL};
use super::usage::Usage;
use super::Violation;
use crate::domain::calendar::add_days;
use crate::domain::geo::haversine_km;
use crate::domain::rules::RuleId;
use crate::scenario::{Arrival, Complexity, Nurse, Role, Scenario, MEASURE_IDS};

pub(super) const COMBINED: &str = RuleId::MCombined.id();
pub(super) const NO_STARTUP: &str = RuleId::MNoStartup.id();
pub(super) const REDUCED_REST: &str = RuleId::MReducedRest.id();
pub(super) const SEVEN_DAYS: &str = RuleId::MSevenDays.id();
pub(super) const OFFICE: &str = RuleId::MOffice.id();
pub(super) const LENDING: &str = RuleId::MLending.id();
pub(super) const KIO: &str = RuleId::MKio.id();
pub(super) const FLEX: &str = RuleId::MFlex.id();
pub(super) const WAITLIST: &str = RuleId::MWaitlist.id();
pub(super) const KRAAMCENTRUM: &str = RuleId::MKraamcentrum.id();
const ONE_FAMILY: RuleId = RuleId::OneFamilyADay;
const REPORT: RuleId = RuleId::Report;

/// The rule id of measure `id` (one of `MEASURE_IDS`, all of which are rule ids).
fn rule(id: &str) -> RuleId {
    RuleId::from_id(id).expect("every measure id is a rule id")
}

/// Whether the scenario allows measure `id`.
pub(super) fn allowed(scenario: &Scenario, id: &str) -> bool {
    scenario.measures.iter().any(|m| m == id)
}

fn consents(n: &Nurse, id: &str) -> bool {
    n.consent.iter().any(|m| m == id)
}

/// The measure id as a `&'static str`, if it is one.
fn known(id: &str) -> Option<&'static str> {
    MEASURE_IDS.iter().copied().find(|m| *m == id)
}

/// Recompute every use of a measure (see the module documentation).
/// Needs every field of `facts` but `usage` itself.
pub(super) fn usage<'a>(facts: &Facts<'a>) -> Usage<'a> {
    let mut u = Usage::default();
    combined(facts, &mut u);
    roles(facts, &mut u);
    boundary(facts, &mut u);
    waivers(facts, &mut u);
    reduced_rest(facts, &mut u);
    flex(facts, &mut u);
    kraamcentrum(facts, &mut u);
    u
}

/// M-KRAAMCENTRUM: every centre day and every family at the centre. The
/// measure allowed and a kraamcentrum given; a nurse who may staff it (role
/// `nurse`, or `kio` under M-KIO; of its provider, or of a contracted one)
/// within `max_travel_km` of it, with no home visit that day and at most
/// `size` families; each family of low complexity, at home that day (not in
/// hospital), within `max_travel_km` of the centre, exactly 3 h, once, and
/// no home visit that day; at most `beds` families at the centre a day.
/// Counted per family-day; a KIO nurse's family-days count under M-KIO too.
fn kraamcentrum<'a>(facts: &Facts<'a>, u: &mut Usage<'a>) {
    if facts.centre_days.is_empty() {
        return;
    }
    let sc = facts.scenario;
    const RULE: RuleId = RuleId::MKraamcentrum;
    let mut found: Vec<Violation> = Vec::new();
    let mut problem = |why: String, n: &str, f: Option<&str>, d: NaiveDate| {
        let v = Violation::new(RULE, why).nurse(n).date(d);
        found.push(match f {
            Some(f) => v.family(f),
            None => v,
        });
    };
    let Some(k) = sc
        .kraamcentrum
        .as_ref()
        .filter(|_| allowed(sc, KRAAMCENTRUM))
    else {
        for (&(n, d), fams) in &facts.centre_days {
            let why = if sc.kraamcentrum.is_none() {
                "the scenario has no kraamcentrum"
            } else {
                "M-KRAAMCENTRUM is not allowed"
            };
            let list: Vec<&str> = fams.keys().copied().collect();
            problem(
                format!(
                    "{n} serves {} at the kraamcentrum on {d}, but {why}",
                    list.join(", ")
                ),
                n,
                None,
                d,
            );
        }
        let uses: u32 = facts.centre_days.values().map(|f| f.len() as u32).sum();
        for (&(n, _), fams) in &facts.centre_days {
            let list: Vec<&str> = fams.keys().copied().collect();
            u.tolerate(n, &list, KRAAMCENTRUM, 0);
        }
        *u.slack.entry(KRAAMCENTRUM).or_default() += uses;
        u.problems.extend(found);
        return;
    };
    let max_km = sc.rules.max_travel_km();
    let kio_ok = allowed(sc, KIO);
    let mut per_date: BTreeMap<NaiveDate, BTreeMap<&str, u32>> = BTreeMap::new();
    for (&(n, d), fams) in &facts.centre_days {
        let nurse = facts.nurses[n];
        let list: Vec<&str> = fams.keys().copied().collect();
        match nurse.role {
            Role::Nurse => {}
            Role::Kio if kio_ok => {
                u.on_nurse(n, KIO);
                for f in &list {
                    u.on_family(f, KIO);
                }
                u.count(KIO, list.len() as u32);
            }
            role => problem(
                format!(
                    "{n} staffs the kraamcentrum on {d} as {}: only nurses, and KIO under M-KIO",
                    match role {
                        Role::Kio => "a KIO nurse without M-KIO",
                        _ => "office staff",
                    }
                ),
                n,
                None,
                d,
            ),
        }
        let staffs = match &k.provider {
            Some(p) => &nurse.provider == p,
            None => sc
                .providers
                .iter()
                .any(|p| p.id == nurse.provider && p.contracted),
        };
        if !staffs {
            let who = match &k.provider {
                Some(p) => format!("only {p}'s nurses staff it"),
                None => format!("{} is not a contracted provider", nurse.provider),
            };
            problem(
                format!("{n} staffs the kraamcentrum on {d}, but {who}"),
                n,
                None,
                d,
            );
        }
        let km = facts.centre_km(nurse);
        if km > max_km {
            problem(
                format!("{n} lives {km:.1} km from the kraamcentrum > max {max_km} km ({d})"),
                n,
                None,
                d,
            );
        }
        if let Some(home) = facts.day_families.get(&(n, d)) {
            let at: Vec<&str> = home.keys().copied().collect();
            problem(
                format!(
                    "{n} works at the kraamcentrum on {d} and visits {} at home: a centre day is her whole day",
                    at.join(", ")
                ),
                n,
                None,
                d,
            );
        }
        if fams.len() > k.size as usize {
            problem(
                format!(
                    "{n} serves {} families at the kraamcentrum on {d} ({}) > size {}",
                    fams.len(),
                    list.join(", "),
                    k.size
                ),
                n,
                None,
                d,
            );
        }
        u.on_nurse(n, KRAAMCENTRUM);
        u.count(KRAAMCENTRUM, list.len() as u32);
        for (&f, &h) in fams {
            u.on_family(f, KRAAMCENTRUM);
            *per_date.entry(d).or_default().entry(f).or_default() += 1;
            let family = facts.families[f];
            if family.complexity != Complexity::Low {
                problem(
                    format!(
                        "{f} goes to the kraamcentrum on {d}, but only low-complexity families may"
                    ),
                    n,
                    Some(f),
                    d,
                );
            }
            if !facts.episodes[f].is_home_day(d) {
                problem(
                    format!("{f} goes to the kraamcentrum on {d}, not a home day of its episode"),
                    n,
                    Some(f),
                    d,
                );
            }
            let fkm = haversine_km(family.home, k.location);
            if fkm > max_km {
                problem(
                    format!("{f} lives {fkm:.1} km from the kraamcentrum > max {max_km} km ({d})"),
                    n,
                    Some(f),
                    d,
                );
            }
            if h != DAY_FLOOR {
                problem(
                    format!("{f} gets {h} h at the kraamcentrum on {d}: a centre day gives exactly {DAY_FLOOR} h"),
                    n,
                    Some(f),
                    d,
                );
            }
        }
    }
    // A family at the centre gets no home visit that day, and goes once.
    let home_visits: BTreeSet<(&str, NaiveDate)> = facts
        .day_families
        .iter()
        .flat_map(|(&(_, d), fams)| fams.keys().map(move |&f| (f, d)))
        .collect();
    let beds = k.beds();
    for (d, fams) in &per_date {
        for (&f, &times) in fams {
            if times > 1 || home_visits.contains(&(f, *d)) {
                let why = if times > 1 {
                    format!("with {times} nurses")
                } else {
                    "and gets a home visit the same day".to_string()
                };
                found.push(
                    Violation::new(RULE, format!("{f} is at the kraamcentrum on {d} {why}"))
                        .family(f)
                        .date(*d),
                );
            }
        }
        if fams.len() > beds as usize {
            found.push(
                Violation::new(
                    RULE,
                    format!(
                        "{} families at the kraamcentrum on {d} > beds {beds}",
                        fams.len()
                    ),
                )
                .date(*d),
            );
        }
    }
    u.problems.extend(found);
}

fn dates_text<'d>(dates: impl IntoIterator<Item = &'d NaiveDate>) -> String {
    let list: Vec<String> = dates.into_iter().map(|d| d.to_string()).collect();
    list.join(", ")
}

/// M-COMBINED and ONE-FAMILY-A-DAY: the families of each nurse-date.
fn combined<'a>(facts: &Facts<'a>, u: &mut Usage<'a>) {
    let ok = allowed(facts.scenario, COMBINED);
    let min_visit = facts.scenario.rules.min_visit_hours();
    // Combined dates of nurses without consent, reported once per nurse.
    let mut no_consent: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
    for (&(n, d), fams) in &facts.day_families {
        if fams.len() < 2 {
            continue;
        }
        let list: Vec<&str> = fams.keys().copied().collect();
        if fams.len() >= 3 || !ok {
            let why = if fams.len() >= 3 {
                "at most two, and two only under M-COMBINED".to_string()
            } else {
                "M-COMBINED is not allowed".to_string()
            };
            u.problems.push(
                Violation::new(
                    ONE_FAMILY,
                    format!(
                        "{n} visits {} families on {d} ({}): {why}",
                        list.len(),
                        list.join(", ")
                    ),
                )
                .nurse(n)
                .date(d),
            );
            u.tolerate(n, &list, COMBINED, 1);
            continue;
        }
        u.on_nurse(n, COMBINED);
        for f in &list {
            u.on_family(f, COMBINED);
        }
        u.count(COMBINED, 1);
        if !consents(facts.nurses[n], COMBINED) {
            no_consent.entry(n).or_default().push(d);
        }
        for (f, h) in fams {
            // Below `min_visit_hours` it is VISIT-MIN's.
            if *h < DAY_FLOOR && *h >= min_visit {
                u.problems.push(
                    Violation::new(
                        RuleId::MCombined,
                        format!(
                            "{n} gives {f} {h} h on {d}, a combined-care date ({}): each visit needs at least {DAY_FLOOR} h",
                            list.join(", ")
                        ),
                    )
                    .nurse(n)
                    .family(f)
                    .date(d),
                );
            }
        }
    }
    for (n, dates) in no_consent {
        u.problems.push(
            Violation::new(
                RuleId::MCombined,
                format!(
                    "{n} serves two families a day on {} without her consent to M-COMBINED",
                    dates_text(&dates)
                ),
            )
            .nurse(n)
            .date(dates[0]),
        );
    }
}

/// M-KIO and M-OFFICE: visits by a KIO or office-qualified nurse (counted
/// per visit). While the measure is not allowed they are ROLE's.
fn roles<'a>(facts: &Facts<'a>, u: &mut Usage<'a>) {
    for (&(n, _), fams) in &facts.day_families {
        let id = match facts.nurses[n].role {
            Role::Kio => KIO,
            Role::OfficeQualified => OFFICE,
            Role::Nurse => continue,
        };
        let list: Vec<&str> = fams.keys().copied().collect();
        if allowed(facts.scenario, id) {
            u.on_nurse(n, id);
            for f in &list {
                u.on_family(f, id);
            }
            u.count(id, list.len() as u32);
        } else {
            u.tolerate(n, &list, id, list.len() as u32);
        }
    }
}

/// M-LENDING and M-WAITLIST: a nurse at a family of another provider, or at
/// a waiting-list family (`provider: null`).
fn boundary<'a>(facts: &Facts<'a>, u: &mut Usage<'a>) {
    let sc = facts.scenario;
    let provider = |id: &str| sc.providers.iter().find(|p| p.id == id);
    let contracted = |id: &str| provider(id).is_some_and(|p| p.contracted);
    let member = |id: &str| provider(id).is_some_and(|p| p.ksv_member);
    let lending_ok = allowed(sc, LENDING);
    let waitlist_ok = allowed(sc, WAITLIST);

    let mut pairs: BTreeMap<(&str, &str), BTreeSet<NaiveDate>> = BTreeMap::new();
    for (&(n, d), fams) in &facts.day_families {
        for &f in fams.keys() {
            pairs.entry((n, f)).or_default().insert(d);
        }
    }
    let mut served = BTreeSet::new(); // families served from the waiting list
    let mut refused = BTreeSet::new(); // families served across a boundary not allowed
    for ((n, f), dates) in pairs {
        let np = facts.nurses[n].provider.as_str();
        let first = *dates.iter().next().expect("a pair has a date");
        let when = dates_text(&dates);
        let waitlist_why = if !waitlist_ok {
            "M-WAITLIST is not allowed".to_string()
        } else {
            format!("{np} is not a contracted provider")
        };
        match facts.families[f].provider.as_deref() {
            Some(fp) if fp == np => {}
            None => {
                if waitlist_ok && contracted(np) {
                    u.on_nurse(n, WAITLIST);
                    u.on_family(f, WAITLIST);
                    served.insert(f);
                } else {
                    u.problems.push(
                        Violation::new(
                            RuleId::MWaitlist,
                            format!(
                                "{f} is on the waiting list and gets care from {n} of {np} on {when}, but {waitlist_why}"
                            ),
                        )
                        .nurse(n)
                        .family(f)
                        .date(first),
                    );
                    u.tolerate(n, &[f], WAITLIST, 0);
                    refused.insert(f);
                }
            }
            Some(fp) => {
                if lending_ok && member(np) && member(fp) {
                    u.on_nurse(n, LENDING);
                    u.on_family(f, LENDING);
                    u.count(LENDING, dates.len() as u32);
                } else if waitlist_ok && contracted(np) {
                    u.on_nurse(n, WAITLIST);
                    u.on_family(f, WAITLIST);
                    served.insert(f);
                } else {
                    let lending_why = if !lending_ok {
                        "M-LENDING is not allowed".to_string()
                    } else {
                        let outside: Vec<&str> =
                            [np, fp].into_iter().filter(|p| !member(p)).collect();
                        format!("{} not a KSV member", outside.join(" and "))
                    };
                    u.problems.push(
                        Violation::new(
                            RuleId::MLending,
                            format!(
                                "{n} of {np} serves {f} of {fp} on {when}: not lending ({lending_why}) \
                                 and not the waiting list ({waitlist_why})"
                            ),
                        )
                        .nurse(n)
                        .family(f)
                        .date(first),
                    );
                    u.tolerate(n, &[f], LENDING, dates.len() as u32);
                    u.tolerate(n, &[f], WAITLIST, 0);
                    refused.insert(f);
                }
            }
        }
    }
    u.count(WAITLIST, served.len() as u32);
    let extra = refused.difference(&served).count() as u32;
    if extra > 0 {
        *u.slack.entry(WAITLIST).or_default() += extra;
    }
}

/// M-NO-STARTUP and M-SEVEN-DAYS as declared on a family: a use (the date
/// is waived) when the conditions of the table hold and the date gets no
/// care; otherwise the declaration has no use.
fn waivers<'a>(facts: &Facts<'a>, u: &mut Usage<'a>) {
    for f in &facts.scenario.families {
        let id = f.id.as_str();
        let ep = &facts.episodes[id];
        let hours = |d: NaiveDate| {
            facts
                .family_hours
                .get(id)
                .and_then(|m| m.get(&d))
                .copied()
                .unwrap_or(0)
        };
        let in_horizon = |d: NaiveDate| facts.in_horizon(d);
        let mut checks: Vec<(&'static str, Result<NaiveDate, String>)> = Vec::new();
        if facts.family_declares(id, NO_STARTUP) {
            let first = ep.home.first().map(|(_, d)| *d);
            let date = match first {
                _ if f.arrival != Arrival::Evening => {
                    Err("it arrives in the day, not the evening".to_string())
                }
                None => Err("its episode has no home day".to_string()),
                Some(d) if !in_horizon(d) => {
                    Err(format!("its first home day {d} lies outside the horizon"))
                }
                Some(d) => Ok(d),
            };
            checks.push((NO_STARTUP, date));
        }
        if facts.family_declares(id, SEVEN_DAYS) {
            let last = add_days(f.care_start, f.care_days as i64 - 1);
            let date = if !ep.is_home_day(last) {
                Err(format!("its last episode date {last} is not a home day"))
            } else if ep.home.len() < 2 {
                Err("its episode has fewer than two home days".to_string())
            } else if !in_horizon(last) {
                Err(format!(
                    "its last episode date {last} lies outside the horizon"
                ))
            } else {
                Ok(last)
            };
            checks.push((SEVEN_DAYS, date));
        }
        for (m, date) in checks {
            let date = date.and_then(|d| match hours(d) {
                0 => Ok(d),
                h => Err(format!("{d} gets {h} h of care")),
            });
            match date {
                Err(why) => {
                    u.unused_family.insert((id, m), why);
                }
                Ok(d) => {
                    u.waived.entry(id).or_default().insert(d);
                    u.on_family(id, m);
                    u.count(m, 1);
                    if !allowed(facts.scenario, m) {
                        u.problems.push(
                            Violation::new(
                                rule(m),
                                format!("{id} goes without care on {d} under {m}, but the scenario does not allow {m}"),
                            )
                            .family(id)
                            .date(d),
                        );
                    }
                }
            }
        }
    }
}

/// Not-allowed and no-consent problems of a nurse measure.
fn nurse_permission(facts: &Facts, u: &mut Usage, n: &Nurse, id: &'static str, what: &str) {
    if !allowed(facts.scenario, id) {
        u.problems.push(
            Violation::new(
                rule(id),
                format!(
                    "{} {what} under {id}, but the scenario does not allow {id}",
                    n.id
                ),
            )
            .nurse(&n.id),
        );
    }
    if !consents(n, id) {
        u.problems.push(
            Violation::new(
                rule(id),
                format!("{} {what} under {id} without her consent", n.id),
            )
            .nurse(&n.id),
        );
    }
}

/// M-REDUCED-REST as declared on a nurse: a use when her plan breaks the
/// normal ATW-WEEKLY-REST (one free date in every 7) or the normal
/// ORG-EPISODE-REST (`r` days).
fn reduced_rest<'a>(facts: &Facts<'a>, u: &mut Usage<'a>) {
    let rules = &facts.scenario.rules;
    let r = rules.rest_days_between_episodes() as i64;
    for n in &facts.scenario.nurses {
        let id = n.id.as_str();
        if !facts.nurse_declares(id, REDUCED_REST) {
            continue;
        }
        let weekly = rules.weekly_rest() && !atw::rest_runs(facts, n, 7, 1).is_empty();
        let episode = !atw::episode_clashes(&facts.nurse_visits(id), r).is_empty();
        if !weekly && !episode {
            u.unused_nurse.insert(
                (id, REDUCED_REST),
                format!(
                    "her plan keeps the normal rest (a free day in every 7 days, {r} free day(s) between families)"
                ),
            );
            continue;
        }
        u.on_nurse(id, REDUCED_REST);
        u.count(REDUCED_REST, 1);
        let what = match (weekly, episode) {
            (true, true) => "takes her weekly rest and her rest between families",
            (true, false) => "takes her weekly rest",
            _ => "takes her rest between families",
        };
        nurse_permission(facts, u, n, REDUCED_REST, what);
    }
}

/// M-FLEX as declared on a nurse: one use per ISO week in which the plan
/// gives her hours and her hours exceed `contract_max`.
fn flex<'a>(facts: &Facts<'a>, u: &mut Usage<'a>) {
    for n in &facts.scenario.nurses {
        let id = n.id.as_str();
        if !facts.nurse_declares(id, FLEX) {
            continue;
        }
        let work = facts.work_weeks(id);
        let over: Vec<(String, f64)> = facts
            .horizon_weeks()
            .into_iter()
            .filter(|i| work.get(i).copied().unwrap_or(0.0) > 0.0)
            .map(|i| (facts.week_key(i), facts.week_work(n, &work, i)))
            .filter(|(_, h)| *h > n.contract_max as f64 + HOURS_TOL)
            .collect();
        if over.is_empty() {
            u.unused_nurse.insert(
                (id, FLEX),
                format!(
                    "no week of hers exceeds her contract maximum {}",
                    n.contract_max
                ),
            );
            continue;
        }
        u.on_nurse(id, FLEX);
        u.count(FLEX, over.len() as u32);
        let weeks: Vec<String> = over
            .iter()
            .map(|(w, h)| format!("{} h in {w}", fmt_hours(*h)))
            .collect();
        let what = format!(
            "works {} (contract max {})",
            weeks.join(", "),
            n.contract_max
        );
        nurse_permission(facts, u, n, FLEX, &what);
    }
}

/// Why a declared measure is not a use, when `usage` has no better reason.
fn default_reason(id: &str, on_nurse: bool) -> &'static str {
    match (id, on_nurse) {
        (COMBINED, true) => "she serves no two families on one date",
        (COMBINED, false) => "no nurse serves it together with another family on one date",
        (OFFICE, true) => "she is not office staff",
        (OFFICE, false) => "no office-qualified nurse visits it",
        (KIO, true) => "she is not a KIO",
        (KIO, false) => "no KIO visits it",
        (LENDING, true) => "she serves no family of another provider as a lent nurse",
        (LENDING, false) => "no nurse of another provider serves it as a lent nurse",
        (WAITLIST, true) => "she serves no family from the waiting list",
        (WAITLIST, false) => "it is not served from the waiting list",
        (REDUCED_REST | FLEX, false) => "it is declared on the nurse, not the family",
        (NO_STARTUP | SEVEN_DAYS, true) => "it is declared on the family, not the nurse",
        _ => "the plan does not use it",
    }
}

/// Compare one declaration list with the recomputed uses.
#[allow(clippy::too_many_arguments)]
fn compare_declared<'x>(
    who: &'x str,
    field: &str,
    declared: &[String],
    expected: Option<&BTreeSet<&'static str>>,
    tolerated: &BTreeSet<(&'x str, &'static str)>,
    unused: &BTreeMap<(&'x str, &'static str), String>,
    on_nurse: bool,
    out: &mut Vec<Violation>,
) {
    let tag = |v: Violation| {
        if on_nurse {
            v.nurse(who)
        } else {
            v.family(who)
        }
    };
    if declared.windows(2).any(|w| w[0] >= w[1]) {
        out.push(tag(Violation::new(
            REPORT,
            format!(
                "{field} of {who} must be sorted without repeats: [{}]",
                declared.join(", ")
            ),
        )));
    }
    let mut listed: BTreeSet<&'static str> = BTreeSet::new();
    for d in declared {
        match known(d) {
            Some(id) => {
                listed.insert(id);
            }
            None => out.push(tag(Violation::new(
                REPORT,
                format!("{field} of {who} lists {d}, not a measure id"),
            ))),
        }
    }
    let empty = BTreeSet::new();
    let expected = expected.unwrap_or(&empty);
    for id in expected.difference(&listed) {
        out.push(tag(Violation::new(
            rule(id),
            format!("the plan uses {id} for {who}, but its {field} does not declare it"),
        )));
    }
    for id in listed.difference(expected) {
        if tolerated.contains(&(who, *id)) {
            continue;
        }
        let why = unused
            .get(&(who, *id))
            .cloned()
            .unwrap_or_else(|| default_reason(id, on_nurse).to_string());
        out.push(tag(Violation::new(
            rule(id),
            format!("{who} declares {id} in {field}, but {why}"),
        )));
    }
}

/// Check the uses, the declarations and `measures_used`.
pub(super) fn check(facts: &Facts, out: &mut Vec<Violation>) {
    let u = &facts.usage;
    out.extend(u.problems.iter().cloned());
    for f in &facts.scenario.families {
        let id = f.id.as_str();
        // Without an outcome row REPORT already complains.
        if let Some(declared) = facts.family_declared.get(id) {
            compare_declared(
                id,
                "families[].measures",
                declared,
                u.family.get(id),
                &u.tolerated_family,
                &u.unused_family,
                false,
                out,
            );
        }
    }
    for n in &facts.scenario.nurses {
        let id = n.id.as_str();
        if let Some(declared) = facts.nurse_declared.get(id) {
            compare_declared(
                id,
                "nurses[].measures",
                declared,
                u.nurse.get(id),
                &u.tolerated_nurse,
                &u.unused_nurse,
                true,
                out,
            );
        }
    }
    counts(facts, out);
}

/// `measures_used`: the recomputed count per id (up to the slack of uses
/// already reported as invalid), ids with 0 uses left out.
fn counts(facts: &Facts, out: &mut Vec<Violation>) {
    let u = &facts.usage;
    let reported = &facts.plan.measures_used;
    for (id, k) in reported {
        if known(id).is_none() {
            out.push(Violation::new(
                REPORT,
                format!("measures_used lists {id}, not a measure id"),
            ));
        } else if *k == 0 {
            out.push(Violation::new(
                REPORT,
                format!("measures_used lists {id} with 0 uses; ids without uses are left out"),
            ));
        }
    }
    for id in MEASURE_IDS {
        let r = reported.get(*id).copied().unwrap_or(0);
        let e = u.counts.get(id).copied().unwrap_or(0);
        let slack = u.slack.get(id).copied().unwrap_or(0);
        if r < e || r > e + slack {
            let also = if slack > 0 {
                format!(
                    " (up to {} counting the uses reported as not allowed)",
                    e + slack
                )
            } else {
                String::new()
            };
            out.push(Violation::new(
                REPORT,
                format!("measures_used {id}: plan reports {r}, recomputed {e}{also}"),
            ));
        }
    }
}
