//! CARE-MIN-DAY and CARE-MIN-TOTAL: the minimum-care floor (Normenkader
//! §1.2, §3.3), soft with shortfall variables so that scarcity never makes
//! the model infeasible.
//!
//! `sd[f,t]` is the shortfall below 3 h on a home day, `st[f]` below the
//! horizon floor, `s[f] ≥ max(Σ sd, st)` the family's shortfall and `b[f]`
//! says whether the family is below the floor at all. Level 1 of the
//! objective minimises `W·Σb + Σs`.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::{family_day_hours, sum};
use crate::model::{Problem, FLOOR_PER_DAY};

/// CARE-MIN-DAY: `Σ_n x[n,f,t] + sd[f,t] + 3·wv ≥ 3` on every home day in the
/// horizon, with the cover cut `Σ_n y[n,f,t] + sd[f,t]/3 + wv ≥ 1`; `wv` is
/// the waiver of M-NO-STARTUP / M-SEVEN-DAYS where this day may be waived.
///
/// The cut is valid (a day that is not fully short has a visit) and makes
/// the LP relaxation an assignment of whole nurse-days to family-days:
/// without it, `y = 3/8` lets one nurse "cover" almost three families a day
/// and the level-1 bound is useless.
pub fn rows_day(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for f in 0..p.families.len() {
        for t in 0..p.days() {
            if let Some(sd) = v.day_short[f][t] {
                let waived = sum(v.waived_on(f, t).iter());
                let floor = FLOOR_PER_DAY as f64;
                rows.push(
                    (family_day_hours(p, v, f, t) + sd.var + floor * waived.clone()).geq(floor),
                );
                let visits = sum(p.arcs_by_family_day[f][t]
                    .iter()
                    .map(|&a| &v.visit[a as usize]));
                rows.push((visits + (1.0 / floor) * sd.var + waived).geq(1.0));
            }
        }
    }
    rows
}

/// CARE-MIN-TOTAL: `Σ_t Σ_n x[n,f,t] + st[f] ≥ floor[f]`.
pub fn rows_total(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for (f, fam) in p.families.iter().enumerate() {
        let Some(st) = v.total_short[f] else { continue };
        let planned: Expression = (0..p.days()).map(|t| family_day_hours(p, v, f, t)).sum();
        rows.push((planned + st.var).geq(fam.floor as f64));
    }
    rows
}

/// The shortfall `s[f] ≥ Σ sd`, `s[f] ≥ st` and the indicator
/// `sd ≤ 3·b`, `st ≤ floor·b`.
pub fn rows_below(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for (f, fam) in p.families.iter().enumerate() {
        let (Some(st), Some(s), Some(b)) = (v.total_short[f], v.shortfall[f], v.below[f]) else {
            continue;
        };
        let days: Vec<_> = v.day_short[f].iter().flatten().collect();
        rows.push((sum(days.iter().copied()) - s.var).leq(0.0));
        rows.push((Expression::from(st.var) - s.var).leq(0.0));
        for sd in days {
            rows.push((Expression::from(sd.var) - FLOOR_PER_DAY as f64 * b.var).leq(0.0));
        }
        rows.push((Expression::from(st.var) - fam.floor as f64 * b.var).leq(0.0));
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn every_home_day_gets_three_hours_when_it_can() {
        let s = Tiny::new(1).family("F1", "2026-07-06", 3).days(3).build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert!(plan.visits.iter().all(|v| v.hours >= 3));
    }

    #[test]
    fn a_hospital_day_gets_no_care_and_lowers_the_floor() {
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 3)
            .hospital("F1", "2026-07-07")
            .days(3)
            .build();
        let plan = solve_clean(&s);
        assert!(plan
            .visits
            .iter()
            .all(|v| v.date.to_string() != "2026-07-07"));
        assert_eq!(plan.families[0].floor, 10);
        assert_eq!(plan.kpi.families_below_floor, 0);
    }

    #[test]
    fn scarcity_is_planned_not_infeasible_and_the_bound_certifies_it() {
        // One nurse, three families on the same two days: two must fall below.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .family("F2", "2026-07-06", 2)
            .family("F3", "2026-07-06", 2)
            .days(2)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 2);
        assert_eq!(plan.kpi.certified_min_below_floor, 2);
        // The one served family gets both days rather than spreading thin.
        assert_eq!(plan.families.iter().filter(|f| !f.below_floor).count(), 1);
    }

    #[test]
    fn issue11_seven_day_episode_needs_24_hours() {
        // Seven days at home, no hospital day: 24 h, not 7 × 3 = 21. Two nurses,
        // 24 h each at most: enough for the floor, not for the 49 h indication.
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 7)
            .contract(0, 12)
            .build();
        let milp = solve_clean(&s);
        let p = crate::model::Problem::build(&s).unwrap();
        let heuristic = crate::engine::heuristic_plan(&p, None);
        for plan in [&milp, &heuristic] {
            let report = crate::check::check(&s, plan);
            assert!(report.is_clean(), "{:#?}", report.violations);
            assert!(report.findings.is_empty(), "{:#?}", report.findings);
            let f = &plan.families[0];
            assert_eq!((f.floor, f.episode_floor), (24, 24), "{}", plan.engine.name);
            assert_eq!(
                (f.planned, f.below_floor),
                (24, false),
                "{}",
                plan.engine.name
            );
        }
    }

    #[test]
    fn the_total_floor_binds_when_history_left_a_deficit() {
        // Episode started 4 days before the horizon with only 4 h delivered:
        // 4 home days remain, floor = 24 − 4 = 20 > 4 × 3, so the plan catches up.
        let s = Tiny::new(1)
            .family("F1", "2026-07-02", 8)
            .delivered_before("F1", 4)
            .days(4)
            .contract(0, 20)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.families[0].floor, 20);
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert_eq!(plan.kpi.delivered_hours, 20);
    }
}
