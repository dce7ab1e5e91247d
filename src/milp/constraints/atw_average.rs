//! ATW-AVG-4W and ATW-AVG-16W: the average working week over any 4 (16)
//! consecutive ISO weeks, history included, stays within 55 (48) hours.
//!
//! For every week `w` overlapping the horizon the window is `w−k+1 … w`;
//! history hours move to the right-hand side. When history alone already
//! exceeds the limit the right-hand side is 0: the nurse may not add hours.

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::{nurse_day_hours, nurse_max_hours};
use crate::model::Problem;

/// Rows for the 4-week average.
pub fn rows_4w(p: &Problem, v: &Vars) -> Vec<Constraint> {
    window_rows(p, v, 4, p.params.avg_4w)
}

/// Rows for the 16-week average.
pub fn rows_16w(p: &Problem, v: &Vars) -> Vec<Constraint> {
    window_rows(p, v, 16, p.params.avg_16w)
}

fn window_rows(p: &Problem, v: &Vars, weeks: u32, avg: u32) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for n in 0..p.nurses.len() {
        for last in &p.weeks {
            let first_offset = last.offset as i64 - weeks as i64 + 1;
            // Hours fixed by history: complete past weeks plus the part of the first week before `start`.
            let mut fixed = 0u32;
            for o in first_offset..0 {
                fixed += p.past_week_hours(n, (-o) as u32);
            }
            if first_offset <= 0 {
                fixed += p.nurses[n].current_week_hours;
            }
            let rhs = (weeks * avg).saturating_sub(fixed);
            let in_window = p
                .weeks
                .iter()
                .filter(|w| (w.offset as i64) >= first_offset && w.offset <= last.offset);
            let days: Vec<usize> = in_window.flat_map(|w| w.days.clone()).collect();
            if nurse_max_hours(p, v, n, days.iter().copied()) <= rhs {
                continue;
            }
            let lhs: Expression = days.iter().map(|&t| nurse_day_hours(p, v, n, t)).sum();
            rows.push(lhs.leq(rhs as f64));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn heavy_past_weeks_limit_the_4_week_average() {
        // Three past weeks of 60 h: 4 × 55 − 180 = 40 h left in this week.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 6)
            .days(7)
            .contract(0, 60)
            .nurse_history(|h| h.weekly_hours = vec![60, 60, 60])
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.delivered_hours, 40);
    }

    #[test]
    fn sixteen_week_history_limits_the_16_week_average() {
        // Fifteen past weeks of 51 h: 16 × 48 − 765 = 3 h left in this week.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 6)
            .days(7)
            .contract(0, 60)
            .nurse_history(|h| h.weekly_hours = vec![51; 15])
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.delivered_hours, 3);
        assert!(plan.families[0].below_floor);
    }
}
