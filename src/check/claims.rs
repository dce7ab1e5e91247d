//! ENGINE and CERTIFICATE: what the plan says about its own quality.
//!
//! A solver's dual bound cannot be recomputed from a plan: it is the outcome
//! of a branch-and-bound search, and HiGHS writes no proof object a third
//! party could replay. What the checker can do, it does: it recomputes every
//! level value that is a figure of the plan itself, requires every claim to
//! be consistent with those figures (a bound on the right side of its value,
//! `optimal` only without a gap, the objective and gap from their parts, the
//! certificate equal to the level-1 bound and never above the plan's own
//! count), and proves what part of a certificate it can on its own (families
//! that no nurse of the region can reach on a home day). What remains is
//! listed in [`super::CheckReport::unverified`], so a reader knows exactly
//! which figures rest on the solver's word.

use crate::domain::status::SolveStatus;
use crate::model::objective::level;

/// Every status a plan may carry, for messages.
fn statuses() -> String {
    SolveStatus::ALL.map(SolveStatus::as_str).join(", ")
}

/// The status that claims a proof.
const OPTIMAL: &str = SolveStatus::Optimal.as_str();
use super::derive::Facts;
use super::report::Expected;
use super::Violation;
use crate::domain::rules::RuleId;

const ENGINE: RuleId = RuleId::Engine;
const CERTIFICATE: RuleId = RuleId::Certificate;

/// Engine names a plan may carry.
const ENGINES: [&str; 2] = ["milp", "heuristic"];
/// Relative tolerance on reported solver figures.
const TOL: f64 = 1e-6;

/// What a level measures, and whether the checker recomputes its value.
#[derive(Clone, Copy, PartialEq)]
enum Figure {
    Below,
    Shortfall,
    PoolShort,
    /// Level 0: nurses short of the pool minimum (POOL-MIN).
    PoolMin,
    Delivered,
    NewNurses,
    Km,
    /// Re-planning: notices in the notice window / on draft days, the sums
    /// of `replan.changes` (itself recomputed with `check --previous`).
    Notice,
    Draft,
    /// A figure of the model the checker does not recompute.
    Model,
}

/// The objective levels of `models/model.md`: level, name, sense, figure.
const LEVELS: [(u32, &str, &str, Figure); 14] = [
    (0, level::POOL_MIN, "min", Figure::PoolMin),
    (1, level::EQUAL_SHARE, "max", Figure::Model),
    (1, level::FIRST_COME, "max", Figure::Model),
    (1, level::BELOW, "min", Figure::Below),
    (1, level::SHORTFALL, "min", Figure::Shortfall),
    (2, level::POOL_SHORT, "min", Figure::PoolShort),
    (2, level::NOTICE_CHANGES, "min", Figure::Notice),
    (3, level::LOWEST_SHARE, "max", Figure::Model),
    (3, level::FAIR, "max", Figure::Model),
    (4, level::DELIVERED, "max", Figure::Delivered),
    (5, level::NEW_NURSES, "min", Figure::NewNurses),
    (6, level::MEASURES, "min", Figure::Model),
    (6, level::KM, "min", Figure::Km),
    (7, level::DRAFT_CHANGES, "min", Figure::Draft),
];

fn tol(x: f64) -> f64 {
    TOL * x.abs().max(1.0)
}

/// Check `engine` and `kpi.certified_min_below_floor`; push what only the
/// solver can vouch for onto `unverified`.
pub(super) fn check(
    facts: &Facts,
    expected: &Expected,
    out: &mut Vec<Violation>,
    unverified: &mut Vec<String>,
) {
    let e = &facts.plan.engine;
    let k = &expected.kpi;
    let mut push = |rule: RuleId, m: String| out.push(Violation::new(rule, m));
    if !ENGINES.contains(&e.name.as_str()) {
        push(
            ENGINE,
            format!(
                "engine name {:?} is not one of {}",
                e.name,
                ENGINES.join(", ")
            ),
        );
    }
    if SolveStatus::parse(&e.status).is_none() {
        push(
            ENGINE,
            format!("engine status {:?} is not one of {}", e.status, statuses()),
        );
    }
    for (field, x) in [
        ("objective", e.objective),
        ("bound", e.bound),
        ("gap", e.gap),
        ("seconds", e.seconds),
    ] {
        if !x.is_finite() || (field != "objective" && field != "bound" && x < 0.0) {
            push(
                ENGINE,
                format!("engine {field} {x} is not a finite, non-negative number"),
            );
        }
    }
    // Level 1 as one number: W·(families below) + shortfall, W = 1 + Σ floor.
    let weight = 1.0
        + expected
            .families
            .iter()
            .map(|f| f.floor as f64)
            .sum::<f64>();
    let objective = weight * k.families_below_floor as f64 + k.shortfall_hours as f64;
    if (e.objective - objective).abs() > tol(objective) {
        push(
            ENGINE,
            format!(
                "engine objective {} differs from W·(families below the floor) + shortfall = {weight}·{} + {} = {objective}",
                e.objective, k.families_below_floor, k.shortfall_hours
            ),
        );
    }
    if e.bound > e.objective + tol(e.objective) {
        push(
            ENGINE,
            format!(
                "engine bound {} is above the objective {}: a lower bound cannot exceed what the plan achieves",
                e.bound, e.objective
            ),
        );
    }
    // (objective − bound) / max(1, |objective|), as `models/model.md` defines it.
    let gap = ((e.objective - e.bound).abs() / e.objective.abs().max(1.0)).max(0.0);
    if (e.gap - gap).abs() > TOL {
        push(
            ENGINE,
            format!(
                "engine gap {} differs from (objective − bound) / max(1, objective) = {gap:.6}",
                e.gap
            ),
        );
    }
    if e.status == OPTIMAL && gap > TOL {
        push(
            ENGINE,
            format!("engine status optimal with a gap of {gap:.6} between objective and bound"),
        );
    }
    levels(facts, expected, out);
    policy(facts, out);
    certificate(facts, weight, out, unverified);
}

/// The levels a plan lists belong to its allocation policy
/// (`models/fairness.md`): a policy's own level only under that policy,
/// level 3 only under the Normenkader's, colour codes only under it too.
fn policy(facts: &Facts, out: &mut Vec<Violation>) {
    use crate::domain::policy::Policy;
    let plan = facts.plan;
    let policy = plan.policy.unwrap_or_default();
    let mut push = |m: String| out.push(Violation::new(ENGINE, m));
    if plan.policy == Some(Policy::Normenkader) {
        push("policy \"normenkader\" is the default: a plan leaves the field out".into());
    }
    if policy != Policy::Normenkader && plan.ladder {
        push(format!(
            "a plan under policy {policy} says it was made by the escalation ladder: colour codes are the Normenkader's, decided on its order of levels"
        ));
    }
    for l in &plan.engine.levels {
        let owner = match l.name.as_str() {
            level::EQUAL_SHARE => Some(Policy::Proportional),
            level::FIRST_COME => Some(Policy::FirstCome),
            level::LOWEST_SHARE | level::FAIR => Some(Policy::Normenkader),
            _ => None,
        };
        if let Some(owner) = owner.filter(|o| *o != policy) {
            push(format!(
                "level {} {:?} belongs to policy {owner}, but the plan is made under policy {policy}",
                l.level, l.name
            ));
        }
    }
}

/// Every level once, known by name and sense, its value recomputed where
/// it is a figure of the plan, its bound on the right side, and `optimal`
/// only where value and bound meet.
fn levels(facts: &Facts, expected: &Expected, out: &mut Vec<Violation>) {
    let e = &facts.plan.engine;
    let k = &expected.kpi;
    // Pairs (family, nurse) with care, the nurse not among the family's known nurses.
    let new_nurses = facts
        .pair_hours
        .keys()
        .filter(|(f, n)| !facts.families[f].known_nurses.iter().any(|k| k == n))
        .count() as u32;
    let mut seen: Vec<(u32, &str)> = Vec::new();
    let mut last_level = 0;
    for l in &e.levels {
        let what = format!("level {} {:?}", l.level, l.name);
        let mut push = |m: String| out.push(Violation::new(ENGINE, format!("{what}: {m}")));
        let Some(&(_, _, sense, figure)) = LEVELS
            .iter()
            .find(|(n, name, _, _)| *n == l.level && *name == l.name)
        else {
            push("not a level of the objective (models/model.md)".into());
            continue;
        };
        if seen.contains(&(l.level, l.name.as_str())) {
            push("listed more than once".into());
        }
        seen.push((l.level, l.name.as_str()));
        if l.level < last_level {
            push("listed after a lower level".into());
        }
        last_level = l.level;
        if l.sense != sense {
            push(format!("sense {:?}, expected {sense:?}", l.sense));
        }
        if SolveStatus::parse(&l.status).is_none() {
            push(format!(
                "status {:?} is not one of {}",
                l.status,
                statuses()
            ));
        }
        if !l.value.is_finite() || !l.bound.is_finite() {
            push(format!(
                "value {} and bound {} must be finite",
                l.value, l.bound
            ));
            continue;
        }
        let recomputed = match figure {
            Figure::Below => Some(k.families_below_floor as f64),
            Figure::Shortfall => Some(k.shortfall_hours as f64),
            Figure::PoolShort => Some(k.pool_shortfall as f64),
            Figure::PoolMin => Some(k.pool_min_shortfall as f64),
            Figure::Delivered => Some(k.delivered_hours as f64),
            Figure::NewNurses => Some(new_nurses as f64),
            Figure::Km => Some(facts.km_driven()),
            Figure::Notice | Figure::Draft => {
                let notice = figure == Figure::Notice;
                let sum = |c: &&crate::plan::replan::Change| c.notice == notice;
                let changes = facts.plan.replan.iter().flat_map(|r| &r.changes);
                Some(f64::from(
                    changes.filter(sum).map(|c| c.notices).sum::<u32>(),
                ))
            }
            Figure::Model => None,
        };
        if let Some(x) = recomputed {
            if (l.value - x).abs() > tol(x) {
                push(format!("plan reports {}, recomputed {x}", l.value));
            }
        }
        let wrong_side = if sense == "min" {
            l.bound > l.value + tol(l.value)
        } else {
            l.bound < l.value - tol(l.value)
        };
        if wrong_side {
            push(format!(
                "bound {} on the wrong side of the value {} for a {sense} level",
                l.bound, l.value
            ));
        }
        if l.status == OPTIMAL && (l.value - l.bound).abs() > tol(l.value) {
            push(format!(
                "status optimal, but value {} and bound {} differ",
                l.value, l.bound
            ));
        }
        if e.status == OPTIMAL && l.status != OPTIMAL {
            push(format!(
                "status {}, while the engine claims every level optimal",
                l.status
            ));
        }
    }
}

/// `kpi.certified_min_below_floor`: the level-1 bound, consistent with the
/// engine's bound; the part the checker proves itself is said.
fn certificate(facts: &Facts, weight: f64, out: &mut Vec<Violation>, unverified: &mut Vec<String>) {
    let e = &facts.plan.engine;
    let claimed = facts.plan.kpi.certified_min_below_floor;
    let mut push = |m: String| out.push(Violation::new(CERTIFICATE, m));
    let level1 = e
        .levels
        .iter()
        .find(|l| l.level == 1 && l.name == level::BELOW);
    match level1 {
        Some(l) if l.bound.is_finite() && (claimed as f64 - l.bound).abs() > TOL => push(format!(
            "kpi certified_min_below_floor {claimed} differs from the level-1 bound {} on families below the floor",
            l.bound
        )),
        Some(_) => {}
        None if claimed > 0 => push(format!(
            "kpi certified_min_below_floor {claimed} without a level-1 bound in engine.levels"
        )),
        None => {}
    }
    if e.bound.is_finite() {
        let from_bound = ((e.bound + tol(e.bound)) / weight).floor().max(0.0);
        if (claimed as f64) > from_bound {
            push(format!(
                "kpi certified_min_below_floor {claimed} is above what the engine's bound {} proves: ⌊bound / W⌋ = {from_bound} (W = {weight})",
                e.bound
            ));
        }
    }
    if claimed == 0 {
        return;
    }
    let proven = unreachable(facts);
    if proven.len() as u32 >= claimed {
        return;
    }
    let shown = if proven.is_empty() {
        "none".to_string()
    } else {
        proven.join(", ")
    };
    unverified.push(format!(
        "certified minimum {claimed} of families below the floor: the checker proves {} on its own (no nurse can reach them on a home day: {shown}); the rest rests on the {} solver's bound, consistent with the plan's figures but not recomputable from a plan",
        proven.len(),
        e.name
    ));
}

/// Families that no plan can keep at the floor, for a reason the checker
/// sees by itself: a home day in the horizon, not waivable by a measure the
/// scenario allows, on which no nurse of the scenario is available within
/// `max_travel_km` (roles and provider boundaries aside, so the count is
/// never more than the truth).
fn unreachable(facts: &Facts) -> Vec<String> {
    let s = facts.scenario;
    let max_km = s.rules.max_travel_km();
    let seven = super::measures::allowed(s, RuleId::MSevenDays.id());
    let no_startup = super::measures::allowed(s, RuleId::MNoStartup.id());
    let mut ids = Vec::new();
    for (id, f) in &facts.families {
        let ep = &facts.episodes[id];
        let last_day = crate::domain::calendar::add_days(f.care_start, f.care_days as i64 - 1);
        let first_home = ep.home.first().map(|(_, d)| *d);
        let evening = f.arrival == crate::scenario::Arrival::Evening;
        let unreachable_day = ep.during.iter().any(|&d| {
            let waivable = (seven && d == last_day && ep.home.len() >= 2)
                || (no_startup && evening && Some(d) == first_home);
            !waivable
                && !s.nurses.iter().any(|n| {
                    !n.off.contains(&d)
                        && crate::domain::geo::haversine_km(n.home, f.home) <= max_km
                })
        });
        if unreachable_day {
            ids.push(id.to_string());
        }
    }
    ids
}
