//! M-REDUCED-REST (Normenkader §4.4.3): with written consent, a nurse may
//! take her weekly rest in the ATW's 72 h / 14 days form — two free days in
//! every 14-day window instead of one in every 7 — and one rest day fewer
//! between two episodes (`episode_rest.rs`). `r[n] = 1` switches her to
//! these forms: it lifts her 7-day rows (`atw_weekly_rest.rs`) by one, and
//! here every 14-day window keeps two free days (history included) — rows
//! that the 7-day form implies, so they only bind when `r[n] = 1`.

use good_lp::Constraint;

use super::super::vars::Vars;
use super::rolling_window_rows;
use crate::model::Problem;

/// `Σ_{t ∈ 14-day window} w[n,t] ≤ 12 − (history days worked in the window)`
/// for nurses who may use the measure.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    if !p.params.weekly_rest {
        return Vec::new();
    }
    rolling_window_rows(
        p,
        14,
        12,
        |n, k| p.nurses[n].worked_before[k - 1],
        |n, t| v.reduced[n].and(v.works[n][t]),
        |_| None,
    )
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    /// Two families whose episodes need the only nurse seven days in a row.
    fn seven_days_in_a_row() -> Tiny {
        Tiny::new(1).family("F1", "2026-07-06", 7).days(7)
    }

    #[test]
    fn reduced_rest_lets_a_consenting_nurse_work_seven_days() {
        let normal = solve_clean(&seven_days_in_a_row().build());
        assert_eq!(normal.kpi.families_below_floor, 1);
        assert_eq!(normal.kpi.certified_min_below_floor, 1);
        let no_consent = solve_clean(&seven_days_in_a_row().measure("M-REDUCED-REST").build());
        assert_eq!(no_consent.kpi.families_below_floor, 1);
        let with = solve_clean(
            &seven_days_in_a_row()
                .measure("M-REDUCED-REST")
                .consent("N1", "M-REDUCED-REST")
                .build(),
        );
        assert_eq!(with.kpi.families_below_floor, 0);
        assert_eq!(with.nurses[0].measures, vec!["M-REDUCED-REST".to_string()]);
        assert_eq!(with.measures_used.get("M-REDUCED-REST"), Some(&1));
    }

    #[test]
    fn the_fourteen_day_window_still_needs_two_free_days() {
        // Worked the 7 days before the horizon except one: in the 14-day
        // window ending on day 7 only one free day is left, so even under
        // the measure she cannot work all seven days.
        let s = seven_days_in_a_row()
            .measure("M-REDUCED-REST")
            .consent("N1", "M-REDUCED-REST")
            .nurse_history(|h| {
                h.worked = (0..6)
                    .map(|k| crate::calendar::add_days("2026-06-30".parse().unwrap(), k))
                    .collect()
            })
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 1);
    }
}
