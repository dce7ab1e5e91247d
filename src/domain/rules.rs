//! One id for every rule, measure and checker verdict of `models/rules.md`.
//!
//! The MILP's constraint families (`milp::constraints::REGISTRY`), the
//! checker's [`Violation`](crate::check::Violation)s, the heuristic roster
//! (`heuristic::roster::RULES`) and the validator's messages all name a rule
//! by a [`RuleId`]; its [`RuleId::id`] is the text a planner looks up in
//! `models/rules.md`. The tests at the end keep the enum and that file in step,
//! and demand that every hard rule is enforced by the model, the heuristic and
//! the checker alike.

use std::fmt;

use serde::{Serialize, Serializer};

/// What kind of id a [`RuleId`] is, which decides where it must be enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A hard rule: the model, the heuristic and the checker all enforce it.
    Hard,
    /// A measure of Normenkader §4.4: allowed only where switched on (and
    /// consented); the model and the checker enforce its limits.
    Measure,
    /// The care floor: soft in the model (shortfall columns), a finding of the checker.
    Floor,
    /// An objective level: the model optimises it, the checker recomputes the figure.
    Objective,
    /// Rows of the model that only link its variables.
    Model,
    /// A claim of the plan about itself that only the checker verifies.
    Claim,
    /// An expectation of fair sharing between providers or insurers that
    /// the fairness audit reports (`kraamplan fairness`), not a rule of one plan.
    Audit,
}

/// A rule id of `models/rules.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    /// `CARE-MIN-DAY`: every home day of an episode gets at least 3 hours of physical care.
    CareMinDay,
    /// `CARE-MIN-TOTAL`: at least 24 hours of physical care per episode (10 h with hospital days), 3 h on every home day when that is more.
    CareMinTotal,
    /// `CARE-MAX`: never more than the indicated hours, never more than a day's maximum for one family, care only on home days.
    CareMax,
    /// `VISIT-MIN`: a visit lasts at least the daily floor, so it is given in one visit.
    VisitMin,
    /// `ATW-DAY-MAX`: hours a nurse works on a day: care, on-call shifts that count as work, the drive of a combined-care day.
    AtwDayMax,
    /// `ATW-WEEK-MAX`: hours in an ISO week, hours already worked that week included.
    AtwWeekMax,
    /// `ATW-AVG-4W`: average hours over 4 weeks, history included.
    AtwAvg4w,
    /// `ATW-AVG-16W`: average hours over 16 weeks, history included.
    AtwAvg16w,
    /// `ATW-WEEKLY-REST`: 36 hours of rest in every 7 days: a free day in every 7-day window, history included.
    AtwWeeklyRest,
    /// `ATW-NIGHT-REST`: no care and no day or evening shift on the day after a night on call.
    AtwNightRest,
    /// `ATW-ONCALL-4W`: days on call in every 4 weeks, history included.
    AtwOncall4w,
    /// `CAO-ONCALL-BLOCK`: on-call blocks of 8 hours, at most two in a row, then rest.
    CaoOncallBlock,
    /// `CONTRACT`: hours per week within the contract maximum (above it only under M-FLEX).
    Contract,
    /// `AVAIL`: no work on a nurse's days off, leave or sickness.
    Avail,
    /// `ORG-EPISODE-REST`: free days between a nurse's last day at one family and her first at another.
    OrgEpisodeRest,
    /// `ROLE`: a nurse in training only at a low-complexity family under M-KIO; office staff only under M-OFFICE.
    Role,
    /// `TRAVEL`: a nurse serves a family only within a distance of her home.
    Travel,
    /// `ONE-FAMILY-A-DAY`: one family a day, two only under M-COMBINED, never three.
    OneFamilyADay,
    /// `POOL-COVER`: every on-call shift has its required number of nurses on call; a shortfall is reported.
    PoolCover,
    /// `POOL-MIN`: a region's minimum on call per pool shift (`partus_pool.min_on_call`); a shortfall is reported and ranks above the floor.
    PoolMin,
    /// `POOL-ELIGIBLE`: only pool nurses (not trainees or office staff), not on a day off, once per shift.
    PoolEligible,
    /// `ONCALL-NO-CARE`: a nurse on a day shift gives no care that day.
    OncallNoCare,
    /// `M-COMBINED`: combined care: a nurse serves two families on one day.
    MCombined,
    /// `M-NO-STARTUP`: no start-up care between 18:00 and 08:00.
    MNoStartup,
    /// `M-REDUCED-REST`: one rest day fewer between two families, 72 h per 14 days of weekly rest.
    MReducedRest,
    /// `M-SEVEN-DAYS`: care in seven days instead of eight.
    MSevenDays,
    /// `M-OFFICE`: office staff with a nurse's diploma may be planned.
    MOffice,
    /// `M-LENDING`: a nurse serves another provider's family within the KSV.
    MLending,
    /// `M-KIO`: nurses in training at low-complexity families.
    MKio,
    /// `M-FLEX`: work above the contract, up to the ATW limits.
    MFlex,
    /// `M-WAITLIST`: families on the regional waiting list may be served by any contracted provider.
    MWaitlist,
    /// `M-KRAAMCENTRUM`: low-complexity families at a regional kraamcentrum, one nurse serving several a day.
    MKraamcentrum,
    /// `EQUAL-SCALE-DOWN`: in code rood every provider scales down by the same share of its families' indication.
    EqualScaleDown,
    /// `WAITLIST-SPREAD`: waiting-list families are spread over the contracted providers in proportion to their free capacity.
    WaitlistSpread,
    /// `INSURER-FLOOR`: the insured of every insurer get the floor alike.
    InsurerFloor,
    /// `BELOW-FLOOR`: fewest families below the floor, then fewest hours short.
    BelowFloor,
    /// `FAIRNESS`: hours above the floor go to the lowest provider share, then the lowest family ratios.
    Fairness,
    /// `CONTINUITY`: as few different nurses per family as possible.
    Continuity,
    /// `STABILITY`: when re-planning, fewest changes to the plan already communicated.
    Stability,
    /// `LOCK`: a planner's lock holds: a kept visit or on-call shift stays, a forbidden nurse never serves the family.
    Lock,
    /// `LINK`: links a visit's hours to its visit binary: min_visit·y ≤ x ≤ max·y.
    Link,
    /// `ONCALL-LINK`: links a nurse's on-call shifts to her on-call day.
    OncallLink,
    /// `PLAN-REF`: the plan is a kraamplan/plan@1 for this scenario and names only known nurses, families and dates.
    PlanRef,
    /// `REPORT`: a figure the plan reports differs from the one the checker recomputes.
    Report,
    /// `ENGINE`: the plan's engine block or objective levels contradict its own figures.
    Engine,
    /// `CERTIFICATE`: the certified minimum below the floor is above what the plan's own bound proves.
    Certificate,
    /// `ESCALATION`: the escalation ladder was not climbed as the Normenkader prescribes.
    Escalation,
    /// `COLOUR`: a colour code or its reason does not follow from the plan's figures and rungs.
    Colour,
}

impl RuleId {
    /// Every rule id, in the order of `models/rules.md`.
    pub const ALL: &'static [RuleId] = &[
        RuleId::CareMinDay,
        RuleId::CareMinTotal,
        RuleId::CareMax,
        RuleId::VisitMin,
        RuleId::AtwDayMax,
        RuleId::AtwWeekMax,
        RuleId::AtwAvg4w,
        RuleId::AtwAvg16w,
        RuleId::AtwWeeklyRest,
        RuleId::AtwNightRest,
        RuleId::AtwOncall4w,
        RuleId::CaoOncallBlock,
        RuleId::Contract,
        RuleId::Avail,
        RuleId::OrgEpisodeRest,
        RuleId::Role,
        RuleId::Travel,
        RuleId::OneFamilyADay,
        RuleId::PoolCover,
        RuleId::PoolMin,
        RuleId::PoolEligible,
        RuleId::OncallNoCare,
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
        RuleId::EqualScaleDown,
        RuleId::WaitlistSpread,
        RuleId::InsurerFloor,
        RuleId::BelowFloor,
        RuleId::Fairness,
        RuleId::Continuity,
        RuleId::Stability,
        RuleId::Lock,
        RuleId::Link,
        RuleId::OncallLink,
        RuleId::PlanRef,
        RuleId::Report,
        RuleId::Engine,
        RuleId::Certificate,
        RuleId::Escalation,
        RuleId::Colour,
    ];

    /// The id as it appears in reports, e.g. `ATW-DAY-MAX`.
    pub const fn id(self) -> &'static str {
        match self {
            RuleId::CareMinDay => "CARE-MIN-DAY",
            RuleId::CareMinTotal => "CARE-MIN-TOTAL",
            RuleId::CareMax => "CARE-MAX",
            RuleId::VisitMin => "VISIT-MIN",
            RuleId::AtwDayMax => "ATW-DAY-MAX",
            RuleId::AtwWeekMax => "ATW-WEEK-MAX",
            RuleId::AtwAvg4w => "ATW-AVG-4W",
            RuleId::AtwAvg16w => "ATW-AVG-16W",
            RuleId::AtwWeeklyRest => "ATW-WEEKLY-REST",
            RuleId::AtwNightRest => "ATW-NIGHT-REST",
            RuleId::AtwOncall4w => "ATW-ONCALL-4W",
            RuleId::CaoOncallBlock => "CAO-ONCALL-BLOCK",
            RuleId::Contract => "CONTRACT",
            RuleId::Avail => "AVAIL",
            RuleId::OrgEpisodeRest => "ORG-EPISODE-REST",
            RuleId::Role => "ROLE",
            RuleId::Travel => "TRAVEL",
            RuleId::OneFamilyADay => "ONE-FAMILY-A-DAY",
            RuleId::PoolCover => "POOL-COVER",
            RuleId::PoolMin => "POOL-MIN",
            RuleId::PoolEligible => "POOL-ELIGIBLE",
            RuleId::OncallNoCare => "ONCALL-NO-CARE",
            RuleId::MCombined => "M-COMBINED",
            RuleId::MNoStartup => "M-NO-STARTUP",
            RuleId::MReducedRest => "M-REDUCED-REST",
            RuleId::MSevenDays => "M-SEVEN-DAYS",
            RuleId::MOffice => "M-OFFICE",
            RuleId::MLending => "M-LENDING",
            RuleId::MKio => "M-KIO",
            RuleId::MFlex => "M-FLEX",
            RuleId::MWaitlist => "M-WAITLIST",
            RuleId::MKraamcentrum => "M-KRAAMCENTRUM",
            RuleId::EqualScaleDown => "EQUAL-SCALE-DOWN",
            RuleId::WaitlistSpread => "WAITLIST-SPREAD",
            RuleId::InsurerFloor => "INSURER-FLOOR",
            RuleId::BelowFloor => "BELOW-FLOOR",
            RuleId::Fairness => "FAIRNESS",
            RuleId::Continuity => "CONTINUITY",
            RuleId::Stability => "STABILITY",
            RuleId::Lock => "LOCK",
            RuleId::Link => "LINK",
            RuleId::OncallLink => "ONCALL-LINK",
            RuleId::PlanRef => "PLAN-REF",
            RuleId::Report => "REPORT",
            RuleId::Engine => "ENGINE",
            RuleId::Certificate => "CERTIFICATE",
            RuleId::Escalation => "ESCALATION",
            RuleId::Colour => "COLOUR",
        }
    }

    /// What the rule means, in one line.
    pub const fn text(self) -> &'static str {
        match self {
            RuleId::CareMinDay => "every home day of an episode gets at least 3 hours of physical care",
            RuleId::CareMinTotal => "at least 24 hours of physical care per episode (10 h with hospital days), 3 h on every home day when that is more",
            RuleId::CareMax => "never more than the indicated hours, never more than a day's maximum for one family, care only on home days",
            RuleId::VisitMin => "a visit lasts at least the daily floor, so it is given in one visit",
            RuleId::AtwDayMax => "hours a nurse works on a day: care, on-call shifts that count as work, the drive of a combined-care day",
            RuleId::AtwWeekMax => "hours in an ISO week, hours already worked that week included",
            RuleId::AtwAvg4w => "average hours over 4 weeks, history included",
            RuleId::AtwAvg16w => "average hours over 16 weeks, history included",
            RuleId::AtwWeeklyRest => "36 hours of rest in every 7 days: a free day in every 7-day window, history included",
            RuleId::AtwNightRest => "no care and no day or evening shift on the day after a night on call",
            RuleId::AtwOncall4w => "days on call in every 4 weeks, history included",
            RuleId::CaoOncallBlock => "on-call blocks of 8 hours, at most two in a row, then rest",
            RuleId::Contract => "hours per week within the contract maximum (above it only under M-FLEX)",
            RuleId::Avail => "no work on a nurse's days off, leave or sickness",
            RuleId::OrgEpisodeRest => "free days between a nurse's last day at one family and her first at another",
            RuleId::Role => "a nurse in training only at a low-complexity family under M-KIO; office staff only under M-OFFICE",
            RuleId::Travel => "a nurse serves a family only within a distance of her home",
            RuleId::OneFamilyADay => "one family a day, two only under M-COMBINED, never three",
            RuleId::PoolCover => "every on-call shift has its required number of nurses on call; a shortfall is reported",
            RuleId::PoolMin => "at least the region's minimum on call on every pool shift with a requirement, ranked above the floor; a shortfall is reported",
            RuleId::PoolEligible => "only pool nurses (not trainees or office staff), not on a day off, once per shift",
            RuleId::OncallNoCare => "a nurse on a day shift gives no care that day",
            RuleId::MCombined => "combined care: a nurse serves two families on one day",
            RuleId::MNoStartup => "no start-up care between 18:00 and 08:00",
            RuleId::MReducedRest => "one rest day fewer between two families, 72 h per 14 days of weekly rest",
            RuleId::MSevenDays => "care in seven days instead of eight",
            RuleId::MOffice => "office staff with a nurse's diploma may be planned",
            RuleId::MLending => "a nurse serves another provider's family within the KSV",
            RuleId::MKio => "nurses in training at low-complexity families",
            RuleId::MFlex => "work above the contract, up to the ATW limits",
            RuleId::MWaitlist => "families on the regional waiting list may be served by any contracted provider",
            RuleId::MKraamcentrum => "low-complexity families get the floor's 3 hours at a regional kraamcentrum, one nurse serving up to its size a day",
            RuleId::EqualScaleDown => "in code rood every provider scales down by the same share of its families' indication",
            RuleId::WaitlistSpread => "waiting-list families are spread over the contracted providers in proportion to their free capacity",
            RuleId::InsurerFloor => "capacity is spread so that the insured of every insurer get the floor alike",
            RuleId::BelowFloor => "fewest families below the floor, then fewest hours short",
            RuleId::Fairness => "hours above the floor go to the lowest provider share, then the lowest family ratios",
            RuleId::Continuity => "as few different nurses per family as possible",
            RuleId::Stability => "when re-planning, fewest changes to the plan already communicated: in the notice window right after the pool, on draft days last",
            RuleId::Lock => "a planner's lock holds: a kept visit or on-call shift stays as communicated, a forbidden nurse never serves the family",
            RuleId::Link => "links a visit's hours to its visit binary: min_visit·y ≤ x ≤ max·y",
            RuleId::OncallLink => "links a nurse's on-call shifts to her on-call day",
            RuleId::PlanRef => "the plan is a kraamplan/plan@1 for this scenario and names only known nurses, families and dates",
            RuleId::Report => "a figure the plan reports differs from the one the checker recomputes",
            RuleId::Engine => "the plan's engine block or objective levels contradict its own figures",
            RuleId::Certificate => "the certified minimum below the floor is above what the plan's own bound proves",
            RuleId::Escalation => "the escalation ladder was not climbed as the Normenkader prescribes",
            RuleId::Colour => "a colour code or its reason does not follow from the plan's figures and rungs",
        }
    }

    /// The source the rule comes from, as `models/rules.md` cites it.
    pub const fn source(self) -> &'static str {
        match self {
            RuleId::CareMinDay => "§1.2, §3.3",
            RuleId::CareMinTotal => "§1.2, §3.3, §4.4.5",
            RuleId::CareMax => "LIP",
            RuleId::VisitMin => "kraamplan's reading of §1.2",
            RuleId::AtwDayMax => "CAO; ATW",
            RuleId::AtwWeekMax => "ATW",
            RuleId::AtwAvg4w => "ATW",
            RuleId::AtwAvg16w => "ATW",
            RuleId::AtwWeeklyRest => "ATW",
            RuleId::AtwNightRest => "ATW",
            RuleId::AtwOncall4w => "ATW",
            RuleId::CaoOncallBlock => "CAO",
            RuleId::Contract => "CAO; §4.2.2",
            RuleId::Avail => "—",
            RuleId::OrgEpisodeRest => "organisation policy; §4.4.3",
            RuleId::Role => "§4.4.6, §4.4.9",
            RuleId::Travel => "—",
            RuleId::OneFamilyADay => "§4.4.1",
            RuleId::PoolCover => "§6.5; Visie ZN–Bo",
            RuleId::PoolMin => "§6.5; Visie ZN–Bo; a region's choice",
            RuleId::PoolEligible => "§6.5",
            RuleId::OncallNoCare => "§6.5",
            RuleId::MCombined => "§4.4.1",
            RuleId::MNoStartup => "§4.4.2",
            RuleId::MReducedRest => "§4.4.3",
            RuleId::MSevenDays => "§4.4.5",
            RuleId::MOffice => "§4.4.6",
            RuleId::MLending => "§4.3.1",
            RuleId::MKio => "§4.4.8–§4.4.11",
            RuleId::MFlex => "§4.2.2",
            RuleId::MWaitlist => "§5.5",
            RuleId::MKraamcentrum => "Normenkader 2026; Format Regioplan §2.1",
            RuleId::EqualScaleDown => "Escalatienotitie; §5.5.1",
            RuleId::WaitlistSpread => "§5.5; Escalatienotitie",
            RuleId::InsurerFloor => "§5.5",
            RuleId::BelowFloor => "§1.2, §3.3",
            RuleId::Fairness => "§4.2.1",
            RuleId::Continuity => "Visie ZN–Bo",
            RuleId::Stability => "kraamplan (level 7)",
            RuleId::Lock => "kraamplan",
            RuleId::Link => "kraamplan",
            RuleId::OncallLink => "kraamplan",
            RuleId::PlanRef => "kraamplan",
            RuleId::Report => "kraamplan",
            RuleId::Engine => "kraamplan",
            RuleId::Certificate => "kraamplan",
            RuleId::Escalation => "Normenkader §4.4, §5.5",
            RuleId::Colour => "§2.2, §3, §5.5",
        }
    }

    /// What kind of id this is.
    pub const fn kind(self) -> Kind {
        match self {
            RuleId::CareMinDay => Kind::Floor,
            RuleId::CareMinTotal => Kind::Floor,
            RuleId::CareMax => Kind::Hard,
            RuleId::VisitMin => Kind::Hard,
            RuleId::AtwDayMax => Kind::Hard,
            RuleId::AtwWeekMax => Kind::Hard,
            RuleId::AtwAvg4w => Kind::Hard,
            RuleId::AtwAvg16w => Kind::Hard,
            RuleId::AtwWeeklyRest => Kind::Hard,
            RuleId::AtwNightRest => Kind::Hard,
            RuleId::AtwOncall4w => Kind::Hard,
            RuleId::CaoOncallBlock => Kind::Hard,
            RuleId::Contract => Kind::Hard,
            RuleId::Avail => Kind::Hard,
            RuleId::OrgEpisodeRest => Kind::Hard,
            RuleId::Role => Kind::Hard,
            RuleId::Travel => Kind::Hard,
            RuleId::OneFamilyADay => Kind::Hard,
            RuleId::PoolCover => Kind::Objective,
            RuleId::PoolMin => Kind::Objective,
            RuleId::PoolEligible => Kind::Hard,
            RuleId::OncallNoCare => Kind::Hard,
            RuleId::MCombined => Kind::Measure,
            RuleId::MNoStartup => Kind::Measure,
            RuleId::MReducedRest => Kind::Measure,
            RuleId::MSevenDays => Kind::Measure,
            RuleId::MOffice => Kind::Measure,
            RuleId::MLending => Kind::Measure,
            RuleId::MKio => Kind::Measure,
            RuleId::MFlex => Kind::Measure,
            RuleId::MWaitlist => Kind::Measure,
            RuleId::MKraamcentrum => Kind::Measure,
            RuleId::EqualScaleDown => Kind::Objective,
            RuleId::WaitlistSpread => Kind::Audit,
            RuleId::InsurerFloor => Kind::Audit,
            RuleId::BelowFloor => Kind::Objective,
            RuleId::Fairness => Kind::Objective,
            RuleId::Continuity => Kind::Objective,
            RuleId::Stability => Kind::Objective,
            RuleId::Lock => Kind::Hard,
            RuleId::Link => Kind::Model,
            RuleId::OncallLink => Kind::Model,
            RuleId::PlanRef => Kind::Claim,
            RuleId::Report => Kind::Claim,
            RuleId::Engine => Kind::Claim,
            RuleId::Certificate => Kind::Claim,
            RuleId::Escalation => Kind::Claim,
            RuleId::Colour => Kind::Claim,
        }
    }

    /// The rule with this id, if any.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--explain` lines rule ids up in a column: the id honours width and alignment.
    #[test]
    fn a_rule_id_prints_as_its_id_and_pads_like_text() {
        assert_eq!(RuleId::AtwDayMax.to_string(), "ATW-DAY-MAX");
        assert_eq!(format!("{:<14}|", RuleId::AtwDayMax), "ATW-DAY-MAX   |");
    }

    const RULES_MD: &str = include_str!("../../models/rules.md");

    /// The ids of the table rows of `models/rules.md` (`| `ID` | …`).
    fn table_ids() -> Vec<&'static str> {
        RULES_MD
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split_once('`'))
            .map(|(id, _)| id)
            .collect()
    }

    #[test]
    fn every_rule_id_is_a_row_of_rules_md_and_back() {
        let rows = table_ids();
        for r in RuleId::ALL {
            assert!(rows.contains(&r.id()), "{r} has no row in models/rules.md");
            assert!(!r.text().is_empty() && !r.source().is_empty(), "{r}");
        }
        for id in &rows {
            assert!(
                RuleId::from_id(id).is_some(),
                "{id} of models/rules.md is no RuleId"
            );
        }
    }

    /// The checker's sources (its rule functions) and its tests.
    const CHECK_SOURCES: &[&str] = &[
        include_str!("../check/assignment.rs"),
        include_str!("../check/atw.rs"),
        include_str!("../check/care.rs"),
        include_str!("../check/claims.rs"),
        include_str!("../check/colour.rs"),
        include_str!("../check/escalation.rs"),
        include_str!("../check/measures.rs"),
        include_str!("../check/plan_ref.rs"),
        include_str!("../check/pool.rs"),
        include_str!("../check/replan.rs"),
        include_str!("../check/report.rs"),
    ];
    const CHECK_TESTS: &[&str] = &[
        include_str!("../check/tests.rs"),
        include_str!("../check/measure_tests.rs"),
        include_str!("../check/pool_tests.rs"),
        include_str!("../check/replan_tests.rs"),
        include_str!("../../tests/tamper.rs"),
    ];

    fn named_in(sources: &[&str], r: RuleId) -> bool {
        let variant = format!("RuleId::{r:?}");
        let quoted = format!("\"{}\"", r.id());
        sources
            .iter()
            .any(|s| s.contains(&variant) || s.contains(&quoted))
    }

    /// A rule enforced in one place must be enforced in all the places its
    /// kind demands: a hard rule by the model (rows, or arcs left out), by the
    /// heuristic roster (its checks, or arcs) and by the checker; a measure by
    /// the model and the checker; the floor and the objective levels by the
    /// model's rows and the checker's recomputed figures (or listed as taken
    /// on the engine's word); the model's linking rows by the model; the
    /// plan's claims about itself by the checker.
    #[test]
    fn every_rule_is_enforced_everywhere_its_kind_demands() {
        use crate::check::{ON_ENGINE_WORD, RECOMPUTED, VERIFIED};
        use crate::heuristic as roster;
        use crate::milp::constraints::{BY_ARCS, REGISTRY, WITHIN_ROWS};
        let rows = |r: RuleId| REGISTRY.iter().any(|(q, _)| *q == r);
        let model = |r: RuleId| {
            rows(r) || BY_ARCS.contains(&r) || WITHIN_ROWS.iter().any(|&(q, f)| q == r && rows(f))
        };
        let heuristic =
            |r: RuleId| roster::RULES.contains(&r) || roster::BY_CONSTRUCTION.contains(&r);
        for &r in RuleId::ALL {
            let (m, h, v) = (model(r), heuristic(r), VERIFIED.contains(&r));
            let figure = RECOMPUTED.contains(&r) || ON_ENGINE_WORD.contains(&r);
            let ok = match r.kind() {
                Kind::Hard => m && h && v,
                Kind::Measure => m && v,
                Kind::Floor | Kind::Objective => rows(r) && figure,
                Kind::Model => rows(r),
                Kind::Claim => v,
                Kind::Audit => crate::fairness::AUDITED.contains(&r),
            };
            assert!(
                ok,
                "{r} ({:?}): model {m}, heuristic {h}, checker {v}, figure {figure}",
                r.kind()
            );
        }
        // The lists hold only what their kind allows.
        for r in roster::RULES.iter().chain(roster::BY_CONSTRUCTION) {
            assert_eq!(r.kind(), Kind::Hard, "{r} in the roster's lists");
        }
        for r in VERIFIED {
            assert!(
                matches!(r.kind(), Kind::Hard | Kind::Measure | Kind::Claim),
                "{r} is no rule a plan can break"
            );
        }
        for r in RECOMPUTED.iter().chain(ON_ENGINE_WORD) {
            assert!(matches!(r.kind(), Kind::Floor | Kind::Objective), "{r}");
        }
        for r in crate::fairness::AUDITED {
            assert!(matches!(r.kind(), Kind::Audit | Kind::Objective), "{r}");
        }
    }

    /// `check::VERIFIED` is what the check functions report: each of its rules
    /// is named in the checker's sources and caught by a test that breaks it,
    /// and no rule named in the sources as a violation is missing from it.
    #[test]
    fn the_checkers_list_is_its_check_functions() {
        use crate::check::VERIFIED;
        for &r in VERIFIED {
            assert!(
                named_in(CHECK_SOURCES, r),
                "{r} is not named by a check function"
            );
            assert!(named_in(CHECK_TESTS, r), "no checker test breaks {r}");
        }
        for &r in RuleId::ALL {
            let variant = format!("RuleId::{r:?}");
            let reported = CHECK_SOURCES.iter().any(|s| {
                s.contains(&format!("Violation::new({variant}"))
                    || s.contains(&format!("const RULE: RuleId = {variant};"))
                    || s.contains(&format!("const RULE_MAX: RuleId = {variant};"))
            });
            assert!(
                !reported || VERIFIED.contains(&r),
                "{r} is reported but not in VERIFIED"
            );
        }
    }

    #[test]
    fn ids_are_unique_and_read_as_their_text() {
        for (i, r) in RuleId::ALL.iter().enumerate() {
            assert_eq!(RuleId::from_id(r.id()), Some(*r));
            assert!(
                RuleId::ALL[..i].iter().all(|q| q.id() != r.id()),
                "{r} twice"
            );
            assert_eq!(r.to_string(), r.id());
            assert_eq!(serde_json::to_string(r).unwrap(), format!("\"{}\"", r.id()));
        }
    }
}
