//! CARE-MAX: never more than `max_family_hours_per_day` for a family on one
//! day, and never more than the indication in total.
//!
//! The horizon cap is `indicated − delivered_before − 3·(home days after the
//! horizon)`, so the plan never spends hours the later days need for their
//! floor (`models/semantics.md`).

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::family_day_hours;
use crate::model::Problem;

/// Per family and day, and per family over the horizon.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    let day_max = p.params.max_family_day;
    for (f, fam) in p.families.iter().enumerate() {
        let mut most_total = 0u32;
        for t in 0..p.days() {
            let arcs = &p.arcs_by_family_day[f][t];
            let most: u32 = arcs.iter().map(|&a| p.arcs[a as usize].max_hours).sum();
            if most > day_max {
                rows.push(family_day_hours(p, v, f, t).leq(day_max as f64));
            }
            most_total += most.min(day_max);
        }
        if most_total > fam.cap {
            let total: Expression = (0..p.days()).map(|t| family_day_hours(p, v, f, t)).sum();
            rows.push(total.leq(fam.cap as f64));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn two_nurses_never_exceed_the_family_day_maximum() {
        // Two nurses and one family: together they could give 16 h a day.
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 2)
            .days(2)
            .indicated("F1", 40)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.delivered_hours, 16);
    }

    #[test]
    fn the_indication_caps_the_total() {
        // 24 h indicated over 2 home days of a 2-day episode: floor 10, cap 24, max 16 a day pair.
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 2)
            .days(2)
            .indicated("F1", 24)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.delivered_hours, 16);
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 3)
            .days(3)
            .indicated("F1", 24)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.kpi.delivered_hours, 24);
    }
}
