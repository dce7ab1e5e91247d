//! ATW-WEEK-MAX: hours a nurse works per ISO week, including the hours of
//! the first week that fall before the horizon (`current_week_hours`).

use good_lp::Constraint;

use super::super::vars::Vars;
use super::weekly_hour_rows;
use crate::model::Problem;

/// `Σ_{t ∈ week} x[n,·,t] ≤ max_week − current_week_hours` per nurse and week.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    weekly_hour_rows(p, v, |_| p.params.max_week, |_, _| None)
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn hours_before_the_horizon_count_toward_the_week() {
        // Horizon Thu–Sun of one week; 40 h worked Mon–Wed; week max 48:
        // only 8 h are left for the family although the contract allows more.
        let s = Tiny::new(1)
            .start("2026-07-09")
            .family("F1", "2026-07-09", 4)
            .days(4)
            .rule("max_hours_per_week", 48)
            .nurse_history(|h| h.current_week_hours = 40)
            .contract(0, 48)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.delivered_hours, 8);
        assert_eq!(plan.kpi.families_below_floor, 1);
    }
}
