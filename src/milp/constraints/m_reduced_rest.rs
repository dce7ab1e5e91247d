//! M-REDUCED-REST (Normenkader §4.4.3): with written consent, a nurse may
//! take her weekly rest in the ATW's 72 h / 14 days form — two free days in
//! every 14-day window instead of one in every 7 — and one rest day fewer
//! between two episodes (`episode_rest.rs`). `r[n] = 1` switches her to
//! these forms: it lifts her 7-day rows (`atw_weekly_rest.rs`) by one, and
//! here every 14-day window keeps two free days (history included):
//! `Σ w + 2·r[n] ≤ 14 − history`, a row that only binds when `r[n] = 1`.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::sum;
use crate::model::Problem;

/// `Σ_{t ∈ 14-day window} w[n,t] + 2·r[n] ≤ 14 − (history days worked in the
/// window)` for every nurse who may use the measure and every 14-day window
/// that ends inside the horizon; rows that cannot bind are skipped.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    if !p.params.weekly_rest {
        return rows;
    }
    let days = p.days() as i64;
    for (n, nurse) in p.nurses.iter().enumerate() {
        let Some(r) = v.reduced[n] else { continue };
        for s in -13..=(days - 14) {
            let history = (s..0)
                .filter(|&t| nurse.worked_before[(-t - 1) as usize])
                .count();
            let cols: Vec<_> = (s.max(0)..s + 14)
                .filter_map(|t| v.works[n][t as usize])
                .collect();
            // With r = 1 the window may hold 12 worked days.
            if history + cols.len() <= 12 {
                continue;
            }
            let lhs = sum(cols.iter()) + 2.0 * Expression::from(r.var);
            rows.push(lhs.leq((14 - history) as f64));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

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
        let not_allowed = solve_clean(
            &seven_days_in_a_row()
                .consent("N1", "M-REDUCED-REST")
                .build(),
        );
        assert_eq!(not_allowed.kpi.families_below_floor, 1);
        assert!(not_allowed.measures_used.is_empty());
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
                    .map(|k| crate::domain::calendar::add_days("2026-06-30".parse().unwrap(), k))
                    .collect()
            })
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.families_below_floor, 1);
    }
}
