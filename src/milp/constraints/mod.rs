//! Constraint families, one file each, named after the rule id of
//! `models/rules.md`. Each family turns the problem and the variables into rows;
//! [`REGISTRY`] lists them all so that a new rule is one new file and one
//! line here. Rules that only forbid combinations (AVAIL, ROLE, TRAVEL, the
//! provider boundary, hospital days) are enforced by leaving the arc out of
//! the model (`model::Problem::build_arcs`), not by rows.

use good_lp::{Constraint, Expression};

use super::vars::{Col, Vars};
use crate::domain::rules::RuleId;
use crate::model::Problem;

pub mod atw_average;
pub mod atw_day_max;
pub mod atw_night_rest;
pub mod atw_oncall_4w;
pub mod atw_week_max;
pub mod atw_weekly_rest;
pub mod cao_oncall_block;
pub mod care_floor;
pub mod care_max;
pub mod continuity;
pub mod contract;
pub mod episode_rest;
pub mod fairness;
pub mod lock;
pub mod m_combined;
pub mod m_kraamcentrum;
pub mod m_reduced_rest;
pub mod m_waived_day;
pub mod oncall_link;
pub mod oncall_no_care;
pub mod one_family_per_day;
pub mod partus_pool;
pub mod pool_min;
pub mod stability;
pub mod visit_link;

/// A constraint family: the rows it adds for a problem.
pub type Family = fn(&Problem, &Vars) -> Vec<Constraint>;

/// Every constraint family with the rule id its rows carry.
pub const REGISTRY: &[(RuleId, Family)] = &[
    (RuleId::Link, visit_link::rows),
    (RuleId::OneFamilyADay, one_family_per_day::rows),
    (RuleId::MCombined, m_combined::rows),
    (RuleId::MKraamcentrum, m_kraamcentrum::rows),
    (RuleId::AtwDayMax, atw_day_max::rows),
    (RuleId::AtwWeekMax, atw_week_max::rows),
    (RuleId::Contract, contract::rows),
    (RuleId::AtwAvg4w, atw_average::rows_4w),
    (RuleId::AtwAvg16w, atw_average::rows_16w),
    (RuleId::AtwWeeklyRest, atw_weekly_rest::rows),
    (RuleId::MReducedRest, m_reduced_rest::rows),
    (RuleId::OrgEpisodeRest, episode_rest::rows),
    (RuleId::CareMax, care_max::rows),
    (RuleId::CareMinDay, care_floor::rows_day),
    (RuleId::CareMinTotal, care_floor::rows_total),
    (RuleId::MNoStartup, m_waived_day::rows_no_startup),
    (RuleId::MSevenDays, m_waived_day::rows_seven_days),
    (RuleId::BelowFloor, care_floor::rows_below),
    (RuleId::Continuity, continuity::rows),
    (RuleId::Fairness, fairness::rows),
    (RuleId::EqualScaleDown, fairness::rows_share),
    (RuleId::PoolCover, partus_pool::rows),
    (RuleId::PoolMin, pool_min::rows),
    (RuleId::OncallLink, oncall_link::rows),
    (RuleId::OncallNoCare, oncall_no_care::rows),
    (RuleId::AtwNightRest, atw_night_rest::rows),
    (RuleId::AtwOncall4w, atw_oncall_4w::rows),
    (RuleId::CaoOncallBlock, cao_oncall_block::rows),
    (RuleId::Stability, stability::rows),
    (RuleId::Lock, lock::rows),
];

/// Rules enforced by leaving arcs or on-call columns out of the model
/// (`Problem::build_arcs`, `Problem::can_be_on_call`) rather than by rows:
/// AVAIL, ROLE (with M-KIO and M-OFFICE, which open a trainee's or office
/// nurse's arcs), TRAVEL, the provider boundary (opened by M-LENDING and
/// M-WAITLIST) and POOL-ELIGIBLE. Hospital days have no arcs either; that part
/// of CARE-MAX needs no rows.
pub const BY_ARCS: &[RuleId] = &[
    RuleId::Avail,
    RuleId::Role,
    RuleId::MKio,
    RuleId::MOffice,
    RuleId::Travel,
    RuleId::MLending,
    RuleId::MWaitlist,
    RuleId::PoolEligible,
];

/// Rules enforced inside another family's rows, with that family's rule id:
/// VISIT-MIN is `min_visit·y ≤ x` of LINK, M-FLEX the flex column of CONTRACT.
pub const WITHIN_ROWS: &[(RuleId, RuleId)] = &[
    (RuleId::VisitMin, RuleId::Link),
    (RuleId::MFlex, RuleId::Contract),
];

/// Sum of the given columns.
pub fn sum<'a>(cols: impl IntoIterator<Item = &'a Col>) -> Expression {
    cols.into_iter().map(|c| c.var).sum()
}

/// Working hours of nurse `n` on day `t`: Σ x over her arcs that day, plus
/// the on-call shifts starting that day when on-call counts as work, plus
/// the drive between two families on a combined-care day, plus the hours of
/// a centre day (M-KRAAMCENTRUM: `hours_per_day`, however many families).
pub fn nurse_day_hours(p: &Problem, v: &Vars, n: usize, t: usize) -> Expression {
    let care = sum(p.arcs_by_nurse_day[n][t]
        .iter()
        .map(|&a| &v.hours[a as usize]));
    let oncall = sum(v.oncall[n][t].iter().flatten());
    let between = sum(v.between[n][t].iter());
    let centre = sum(v.centre_day[n][t].iter());
    care + p.params.oncall_hours as f64 * oncall + between + p.centre_hours() as f64 * centre
}

/// Hours of family `f` on day `t`: Σ x over its arcs that day.
pub fn family_day_hours(p: &Problem, v: &Vars, f: usize, t: usize) -> Expression {
    sum(p.arcs_by_family_day[f][t]
        .iter()
        .map(|&a| &v.hours[a as usize]))
}

/// Most hours nurse `n` could work on day `t` if no rule but the bounds held.
pub fn nurse_day_potential(p: &Problem, v: &Vars, n: usize, t: usize) -> u32 {
    let care: u32 = p.arcs_by_nurse_day[n][t]
        .iter()
        .map(|&a| p.arcs[a as usize].max_hours)
        .sum();
    let shifts = v.oncall[n][t].iter().flatten().count() as u32;
    let between = if v.between[n][t].is_some() {
        super::vars::most_between(p, n, t).ceil() as u32
    } else {
        0
    };
    let centre = if v.centre_day[n][t].is_some() {
        p.centre_hours()
    } else {
        0
    };
    care.max(centre) + p.params.oncall_hours * shifts + between
}

/// Most hours nurse `n` could possibly work on the days `days` (for skipping implied rows).
pub fn nurse_max_hours(p: &Problem, v: &Vars, n: usize, days: impl Iterator<Item = usize>) -> u32 {
    days.map(|t| nurse_day_potential(p, v, n, t).min(p.params.max_nurse_day))
        .sum()
}

/// Rows `Σ_{t ∈ window} col(n, t) − relax(n) ≤ max − (history days in the
/// window)` for every nurse and every `len`-day window that ends inside the
/// horizon (windows start up to `len − 1` days before it, so history
/// counts). `before(n, k)` says whether day `start − k` (k ≥ 1) counts in
/// history; `relax(n)` is a binary that lifts the row by one (M-REDUCED-REST).
/// Shared by ATW-WEEKLY-REST, M-REDUCED-REST and ATW-ONCALL-4W; implied rows
/// are skipped.
pub fn rolling_window_rows(
    p: &Problem,
    len: i64,
    max: usize,
    before: impl Fn(usize, usize) -> bool,
    col: impl Fn(usize, usize) -> Option<Col>,
    relax: impl Fn(usize) -> Option<Col>,
) -> Vec<Constraint> {
    let mut rows = Vec::new();
    let days = p.days() as i64;
    for n in 0..p.nurses.len() {
        for s in (1 - len)..=(days - len) {
            let history = (s..0).filter(|&t| before(n, (-t) as usize)).count();
            let rhs = max.saturating_sub(history);
            let cols: Vec<Col> = (s.max(0)..s + len)
                .filter_map(|t| col(n, t as usize))
                .collect();
            if cols.len() > rhs {
                let lhs = sum(cols.iter()) - sum(relax(n).iter());
                rows.push(lhs.leq(rhs as f64));
            }
        }
    }
    rows
}

/// Rows `Σ_{t ∈ week} hours(n, t) − extra(n, week) ≤ limit(n)` for every
/// nurse and week, skipping rows the bounds already imply. Shared by
/// ATW-WEEK-MAX and CONTRACT (where `extra` is the M-FLEX column).
pub fn weekly_hour_rows(
    p: &Problem,
    v: &Vars,
    limit: impl Fn(usize) -> u32,
    extra: impl Fn(usize, usize) -> Option<Col>,
) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for n in 0..p.nurses.len() {
        for (wi, w) in p.weeks.iter().enumerate() {
            let before = if w.offset == 0 {
                p.nurses[n].current_week_hours
            } else {
                0
            };
            let rhs = limit(n).saturating_sub(before);
            if nurse_max_hours(p, v, n, w.days.clone()) <= rhs {
                continue;
            }
            let lhs: Expression = w.days.clone().map(|t| nurse_day_hours(p, v, n, t)).sum();
            rows.push((lhs - sum(extra(n, wi).iter())).leq(rhs as f64));
        }
    }
    rows
}

#[cfg(test)]
mod measure_tests;

/// The rules enforced by leaving arcs out (`Problem::build_arcs`), each on a
/// scenario where it decides the outcome.
#[cfg(test)]
mod arc_rules {
    use crate::testkit::*;

    #[test]
    fn avail_a_day_off_leaves_that_day_short() {
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .days(2)
            .off("N1", "2026-07-07")
            .build();
        let plan = solve_clean(&s);
        assert_eq!(
            plan.families[0].short_days,
            vec!["2026-07-07".parse().unwrap()]
        );
        assert_eq!(plan.kpi.certified_min_below_floor, 1);
    }

    #[test]
    fn role_trainees_and_office_staff_need_their_measures() {
        for role in ["kio", "office_qualified"] {
            let s = Tiny::new(1)
                .family("F1", "2026-07-06", 1)
                .days(1)
                .role("N1", role)
                .build();
            let plan = solve_clean(&s);
            assert!(plan.visits.is_empty(), "{role} was planned");
            assert_eq!(plan.kpi.certified_min_below_floor, 1);
        }
    }

    #[test]
    fn travel_a_family_beyond_the_limit_is_not_served() {
        // About 31 km north of the nurse, over the 25 km default.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .family_home("F1", 52.38, 5.1)
            .days(1)
            .build();
        let plan = solve_clean(&s);
        assert!(plan.visits.is_empty());
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .family_home("F1", 52.38, 5.1)
            .days(1)
            .rule("max_travel_km", 40.0)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.visits.len(), 1);
        assert!(
            (plan.kpi.travel_km - 62.3).abs() < 0.5,
            "{}",
            plan.kpi.travel_km
        );
    }

    #[test]
    fn provider_boundary_a_nurse_serves_only_her_own_providers_families() {
        let s = Tiny::new(1)
            .provider("P2")
            .family_of("F2", "P2", "2026-07-06", 1)
            .days(1)
            .build();
        let plan = solve_clean(&s);
        assert!(plan.visits.is_empty());
        assert_eq!(plan.kpi.certified_min_below_floor, 1);
    }
}
