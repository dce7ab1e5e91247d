//! The independent checker: recomputes every rule of `models/semantics.md`
//! from the scenario and the plan alone.
//!
//! It never looks at the engine's internals (`model`, `milp`, `report`): the
//! point is to catch their bugs, so every floor, indication, target and
//! working-time total is derived here again from the wire types. A broken
//! hard rule is a [`Violation`]; a family below the care floor is a
//! [`Finding`] (an outcome the plan must report truthfully, not an error).
//!
//! One file per rule family, named after the rule ids:
//! - `plan_ref`: PLAN-REF;
//! - `assignment`: AVAIL, ROLE, TRAVEL, VISIT-MIN;
//! - `measures`: the measures of Normenkader §4.4 under their own ids
//!   (M-COMBINED, M-NO-STARTUP, M-REDUCED-REST, M-SEVEN-DAYS, M-OFFICE,
//!   M-LENDING, M-KIO, M-FLEX, M-WAITLIST: not allowed, no consent,
//!   undeclared, declared without use, a provider boundary) and
//!   ONE-FAMILY-A-DAY; `measures_used` and the declaration lists under REPORT;
//! - `care`: CARE-MAX, and the findings CARE-MIN-DAY / CARE-MIN-TOTAL (a day
//!   waived by M-NO-STARTUP or M-SEVEN-DAYS needs no 3 h);
//! - `atw`: ATW-DAY-MAX, ATW-WEEK-MAX, CONTRACT, ATW-AVG-4W, ATW-AVG-16W
//!   (real hours: travel between the two families of a combined-care date is
//!   working time), ATW-WEEKLY-REST and ORG-EPISODE-REST (their reduced forms
//!   under a declared M-REDUCED-REST; CONTRACT lifted by a declared M-FLEX);
//! - `pool`: POOL-ELIGIBLE, ONCALL-NO-CARE, ATW-NIGHT-REST, ATW-ONCALL-4W,
//!   CAO-ONCALL-BLOCK, and the pool rows to report;
//! - `report`: REPORT (family, nurse, pool and KPI figures, including
//!   `travel_hours` and `provider_scale_down_spread`);
//! - `replan`: LOCK, and the re-plan block under REPORT (`changes` holds the
//!   difference of two plans);
//! - `realised`: the realised outcome of a finished episode from the
//!   carried-out days (`kraamplan simulate`);
//! - `colour`: COLOUR (`weeks[]`: every week once, zwart exactly where a
//!   family is below the floor, the region from the providers and the
//!   waiting list; `escalation[]` names known providers);
//!
//! all working on the figures of `derive` (which also holds the recomputed
//! measure uses, since waived days change the floor figures).

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::rules::RuleId;
use crate::plan::Plan;
use crate::scenario::Scenario;

mod assignment;
mod atw;
mod care;
pub mod changes;
mod claims;
mod colour;
mod derive;
mod escalation;
pub mod fairness;
mod measures;
mod plan_ref;
mod pool;
pub mod realised;
mod replan;
mod report;
mod usage;

pub use replan::{holds, Context};

#[cfg(test)]
mod measure_tests;
#[cfg(test)]
mod pool_tests;
#[cfg(test)]
mod replan_tests;
#[cfg(test)]
mod tests;

/// The rules the checker reports as a [`Violation`] when a plan breaks them:
/// every id a check function passes to `Violation::new`.
pub const VERIFIED: &[RuleId] = &[
    RuleId::PlanRef,
    RuleId::Avail,
    RuleId::Role,
    RuleId::Travel,
    RuleId::VisitMin,
    RuleId::MCombined,
    RuleId::MNoStartup,
    RuleId::MReducedRest,
    RuleId::MSevenDays,
    RuleId::MOffice,
    RuleId::MLending,
    RuleId::MKio,
    RuleId::MFlex,
    RuleId::MWaitlist,
    RuleId::MKraamcentrum,
    RuleId::OneFamilyADay,
    RuleId::CareMax,
    RuleId::AtwDayMax,
    RuleId::AtwWeekMax,
    RuleId::Contract,
    RuleId::AtwAvg4w,
    RuleId::AtwAvg16w,
    RuleId::AtwWeeklyRest,
    RuleId::OrgEpisodeRest,
    RuleId::PoolEligible,
    RuleId::OncallNoCare,
    RuleId::AtwNightRest,
    RuleId::AtwOncall4w,
    RuleId::CaoOncallBlock,
    RuleId::Report,
    RuleId::Engine,
    RuleId::Certificate,
    RuleId::Escalation,
    RuleId::Colour,
    RuleId::Lock,
];

/// The floor and the objective levels whose figures the checker recomputes
/// and compares with the plan's (a miss is a `REPORT` or `ENGINE` violation,
/// the floor a [`Finding`]): CARE-MIN-DAY and CARE-MIN-TOTAL (`care::findings`),
/// BELOW-FLOOR (families below the floor, shortfall hours), POOL-COVER
/// (`report::pool_rows`, the partus-pool shifts short), POOL-MIN (the
/// minimum of each `pool[]` row and the nurse-shifts short of it), EQUAL-SCALE-DOWN
/// (`provider_scale_down_spread`), CONTINUITY (nurses new to a family) and
/// STABILITY (a re-plan's changes, from the previous plan: `replan.rs`).
pub const RECOMPUTED: &[RuleId] = &[
    RuleId::Stability,
    RuleId::CareMinDay,
    RuleId::CareMinTotal,
    RuleId::BelowFloor,
    RuleId::PoolCover,
    RuleId::PoolMin,
    RuleId::EqualScaleDown,
    RuleId::Continuity,
];

/// Objective levels the checker takes on the engine's word: FAIRNESS, a
/// figure of the model only (`claims::Figure::Model`).
pub const ON_ENGINE_WORD: &[RuleId] = &[RuleId::Fairness];

/// A hard rule the plan breaks; any violation makes the plan unusable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// Rule id from `models/rules.md`, e.g. `ATW-DAY-MAX`, so a planner can
    /// look it up; serialised as that id.
    pub rule: RuleId,
    /// The nurse involved, if the rule is about one.
    pub nurse: Option<String>,
    /// The family involved, if the rule is about one.
    pub family: Option<String>,
    /// The date involved (first date of a run), if any.
    pub date: Option<NaiveDate>,
    /// The ISO week involved (`YYYY-Www`), for weekly rules.
    pub week: Option<String>,
    /// What is wrong, with the numbers: `N003 works 11 h on 2026-07-07 > max 10`.
    pub message: String,
}

/// A family below the care floor (`CARE-MIN-DAY` / `CARE-MIN-TOTAL`): not a
/// violation, but an outcome the plan must report, listed so users see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// `CARE-MIN-DAY` when the daily minimum decides the shortfall, else `CARE-MIN-TOTAL`.
    pub rule: RuleId,
    /// The family below the floor.
    pub family: String,
    /// Hours short of the floor (the larger of the day and total shortfalls).
    pub shortfall: u32,
    /// Home days in the horizon with less than 3 hours.
    pub short_days: Vec<NaiveDate>,
    /// Explanation with the numbers.
    pub message: String,
}

/// Everything the checker found in one plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// Broken hard rules (including misreported figures, `REPORT`).
    pub violations: Vec<Violation>,
    /// Families below the floor, one per family.
    pub findings: Vec<Finding>,
    /// Claims consistent with the plan that the checker cannot recompute
    /// from a plan (a solver's dual bound, the rungs of the ladder): what
    /// rests on the engine's word.
    pub unverified: Vec<String>,
}

impl CheckReport {
    /// True when the plan breaks no rule; findings (families below the floor) do not count.
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty()
    }
}

impl Violation {
    fn new(rule: RuleId, message: impl Into<String>) -> Self {
        Violation {
            rule,
            nurse: None,
            family: None,
            date: None,
            week: None,
            message: message.into(),
        }
    }

    fn nurse(mut self, id: &str) -> Self {
        self.nurse = Some(id.to_string());
        self
    }

    fn family(mut self, id: &str) -> Self {
        self.family = Some(id.to_string());
        self
    }

    fn date(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }

    fn week(mut self, week: impl Into<String>) -> Self {
        self.week = Some(week.into());
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.rule, self.message)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.rule, self.message)
    }
}

/// The facts of the plan, with its measure use recomputed from them.
fn facts<'a>(scenario: &'a Scenario, plan: &'a Plan) -> derive::Facts<'a> {
    let mut facts = derive::Facts::build(scenario, plan);
    facts.usage = measures::usage(&facts);
    facts
}

/// Check `plan` against `scenario`: every hard rule and every reported figure.
///
/// Runs the rule families in the order of the table in `semantics.md`; never
/// panics on a malformed plan (unknown ids, dates outside the horizon), it
/// reports them as `PLAN-REF` and leaves those rows out of the other rules.
pub fn check(scenario: &Scenario, plan: &Plan) -> CheckReport {
    check_with(scenario, plan, Context::default())
}

/// Every family's outcome recomputed from the scenario and the plan's visits
/// alone, in scenario order: what the fairness audit counts, whatever the
/// plan itself reports (or when it is only a list of visits).
pub fn family_outcomes(scenario: &Scenario, plan: &Plan) -> Vec<crate::plan::FamilyOutcome> {
    let facts = facts(scenario, plan);
    scenario
        .families
        .iter()
        .map(|f| facts.family_figures(f).outcome)
        .collect()
}

/// [`check`] a re-plan against the plan already communicated and the
/// planner's locks, as far as `ctx` gives them (`replan.rs`).
pub fn check_with(scenario: &Scenario, plan: &Plan, ctx: Context) -> CheckReport {
    let facts = facts(scenario, plan);
    let expected = report::Expected::build(&facts);
    let mut violations = Vec::new();
    let mut unverified = Vec::new();
    plan_ref::check(&facts, &mut violations);
    assignment::check(&facts, &mut violations);
    measures::check(&facts, &mut violations);
    care::check_max(&facts, &mut violations);
    atw::check(&facts, &mut violations);
    pool::check(&facts, &mut violations);
    report::check(&facts, &expected, &mut violations);
    claims::check(&facts, &expected, &mut violations, &mut unverified);
    escalation::check(&facts, &mut violations, &mut unverified);
    colour::check(&facts, &expected, &mut violations);
    replan::check(&facts, ctx, &mut violations, &mut unverified);
    let findings = care::findings(&facts);
    CheckReport {
        violations,
        findings,
        unverified,
    }
}
