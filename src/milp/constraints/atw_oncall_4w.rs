//! ATW-ONCALL-4W: at most `max_oncall_days_4w` (14) on-call dates in any 28
//! consecutive days, history (`history.oncall`) included.
//!
//! Windows start up to 27 days before the horizon and end inside it.

use good_lp::Constraint;

use super::super::vars::Vars;
use super::rolling_window_rows;
use crate::model::Problem;

/// `Σ_{t ∈ window} oc[n,t] ≤ max − (history on-call dates in the window)`.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let max = p.params.max_oncall_4w as usize;
    rolling_window_rows(
        p,
        28,
        max,
        |n, k| p.nurses[n].oncall_before[k - 1],
        |n, t| v.oncall_day[n][t],
        |_| None,
    )
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn on_call_dates_in_history_use_up_the_four_weeks() {
        // 13 on-call dates 8–20 days before start (outside the weekly-rest window)
        // leave one more on-call date in every 28-day window that reaches the horizon.
        let s = Tiny::new(1)
            .days(3)
            .partus()
            .pool_shift("2026-07-06", "evening", 1)
            .pool_shift("2026-07-08", "evening", 1)
            .nurse_history(|h| {
                h.oncall = (8..=20)
                    .map(|k| crate::domain::calendar::add_days("2026-07-06".parse().unwrap(), -k))
                    .collect()
            })
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.oncall.len(), 1);
        assert_eq!(plan.kpi.pool_shortfall, 1);
    }
}
