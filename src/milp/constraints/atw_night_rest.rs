//! ATW-NIGHT-REST: after a night on call (23–07) the next day has no care
//! and no day or evening shift.
//!
//! A night on `start − 1` (`history.oncall_nights`) needs no rows: the
//! problem gives that nurse no arcs and no day or evening column on day 0
//! (`NurseData::night_before`).

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::sum;
use crate::model::Problem;

/// `o[n,t,night] + Σ_f y[n,f,t+1] ≤ 1`, `o[n,t,night] + o[n,t+1,day] ≤ 1`,
/// `o[n,t,night] + o[n,t+1,evening] ≤ 1`.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for n in 0..p.nurses.len() {
        for t in 0..p.days().saturating_sub(1) {
            let Some(night) = v.oncall[n][t][2] else {
                continue;
            };
            let next = &p.arcs_by_nurse_day[n][t + 1];
            if !next.is_empty() {
                let visits = sum(next.iter().map(|&a| &v.visit[a as usize]));
                rows.push((Expression::from(night.var) + visits).leq(1.0));
            }
            // A centre day is care too (M-KRAAMCENTRUM).
            if let Some(kc) = v.centre_day[n][t + 1] {
                rows.push((Expression::from(night.var) + kc.var).leq(1.0));
            }
            for o in v.oncall[n][t + 1][..2].iter().flatten() {
                rows.push((Expression::from(night.var) + o.var).leq(1.0));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn no_care_the_day_after_a_night_on_call() {
        // One nurse; a night shift on day 0 and a family needing care on day 1.
        // Not both: the floor wins (level 1) and the night goes short (level 2).
        let s = Tiny::new(1)
            .family("F1", "2026-07-07", 1)
            .days(2)
            .partus()
            .pool_shift("2026-07-06", "night", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert_eq!(plan.kpi.pool_shortfall, 1);
        // Two nurses: one takes the night, the other the family.
        let s = Tiny::new(2)
            .family("F1", "2026-07-07", 1)
            .days(2)
            .partus()
            .pool_shift("2026-07-06", "night", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(
            (plan.kpi.families_below_floor, plan.kpi.pool_shortfall),
            (0, 0)
        );
        let night = &plan.oncall[0].nurse;
        assert!(plan.visits.iter().all(|v| &v.nurse != night));
    }

    /// `nurses` nurses, N1 on night call on 07-05 (the day before start), a
    /// one-day family on 07-06 and a day and a night shift on 07-06.
    fn night_before_start(nurses: usize) -> crate::scenario::Scenario {
        Tiny::new(nurses)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .partus()
            .pool_shift("2026-07-06", "day", 1)
            .pool_shift("2026-07-06", "night", 1)
            .night_in_history("N1", "2026-07-05")
            .build()
    }

    #[test]
    fn no_care_and_no_day_shift_on_start_after_a_night_in_history() {
        // Alone, N1 may take only the night on 07-06: the family and the day
        // shift go short.
        let plan = solve_clean(&night_before_start(1));
        assert_eq!(plan.kpi.families_below_floor, 1);
        assert!(plan.visits.is_empty());
        assert_eq!(plan.kpi.pool_shortfall, 1);
        assert!(plan
            .oncall
            .iter()
            .all(|o| o.shift == crate::scenario::Shift::Night));
        // With N2 the family is served, by N2 only.
        let plan = solve_clean(&night_before_start(2));
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert!(!plan.visits.is_empty());
        assert!(plan.visits.iter().all(|v| v.nurse == "N2"));
    }
}
