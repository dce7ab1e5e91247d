//! ATW-WEEKLY-REST: at least 36 hours of rest in every 7 days, modelled as
//! one free calendar day in every 7-day window (history included). Under
//! M-REDUCED-REST (`r[n] = 1`) the 7-day rows give way to the 14-day form
//! of `m_reduced_rest.rs`.
//!
//! Windows start up to six days before the horizon, so days worked just
//! before `start` count; a window that runs past the horizon's end is left
//! to the next plan, whose history will contain these days.

use good_lp::Constraint;

use super::super::vars::Vars;
use super::rolling_window_rows;
use crate::model::Problem;

/// `Σ_{t ∈ window} w[n,t] ≤ 6 − (history days worked in the window)`.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    if !p.params.weekly_rest {
        return Vec::new();
    }
    rolling_window_rows(
        p,
        7,
        6,
        |n, k| p.nurses[n].worked_before[k - 1],
        |n, t| v.works[n][t],
        |n| v.reduced[n],
    )
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn six_days_worked_before_the_horizon_force_a_free_first_day() {
        // Worked 06-30 … 07-05: the window 06-30 … 07-06 already has six days.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .days(2)
            .nurse_history(|h| {
                h.worked = (0..6)
                    .map(|k| crate::domain::calendar::add_days("2026-06-30".parse().unwrap(), k))
                    .collect()
            })
            .build();
        let plan = solve_clean(&s);
        assert!(plan
            .visits
            .iter()
            .all(|v| v.date.to_string() != "2026-07-06"));
        assert_eq!(plan.families[0].short_days.len(), 1);
    }

    #[test]
    fn a_full_week_has_a_free_day() {
        let s = Tiny::new(1).family("F1", "2026-07-06", 7).days(7).build();
        let plan = solve_clean(&s);
        assert_eq!(plan.nurses[0].days_worked, 6);
        assert_eq!(plan.kpi.certified_min_below_floor, 1);
    }
}
