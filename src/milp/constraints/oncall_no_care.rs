//! ONCALL-NO-CARE: a nurse on call for the day shift (07–15) does no
//! planned care that day — a call would leave a family without its nurse.
//!
//! Where an on-call shift and the shortest visit do not fit in one working
//! day together (`8 + min_visit > max_nurse_hours_per_day`, and two shifts do
//! not fit either), ATW-DAY-MAX with VISIT-MIN already makes on-call and care
//! exclusive on a day; the row `Σ_s o[n,t,s] + Σ_f y[n,f,t] ≤ 1` says so to
//! the LP relaxation, which otherwise lets a nurse be partly on call and
//! partly at a family, and proves nothing about the pool (a valid cut).

use good_lp::{Constraint, Expression};

use super::super::vars::Vars;
use super::sum;
use crate::model::Problem;

/// `o[n,t,day] + Σ_f y[n,f,t] ≤ 1`, or the stronger cut
/// `Σ_s o[n,t,s] + Σ_f y[n,f,t] ≤ 1` where the working day holds only one of them.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    let (h, day) = (p.params.oncall_hours, p.params.max_nurse_day);
    let exclusive = h + p.params.min_visit.max(1) > day && 2 * h > day;
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            // A centre day is a day of care (M-KRAAMCENTRUM): no day shift,
            // and none at all where a shift and the centre day do not fit together.
            if let Some(kc) = v.centre_day[n][t] {
                let fits = h + p.centre_hours() <= day;
                let shifts: Vec<_> = if fits {
                    v.oncall[n][t][..1].iter().flatten().collect()
                } else {
                    v.oncall[n][t].iter().flatten().collect()
                };
                for o in shifts {
                    rows.push((Expression::from(o.var) + kc.var).leq(1.0));
                }
            }
            if exclusive {
                let shifts: Vec<_> = v.oncall[n][t].iter().flatten().collect();
                if !shifts.is_empty() {
                    let visits = sum(p.arcs_by_nurse_day[n][t]
                        .iter()
                        .map(|&a| &v.visit[a as usize]));
                    rows.push((sum(shifts) + visits).leq(1.0));
                }
                continue;
            }
            let Some(day_shift) = v.oncall[n][t][0] else {
                continue;
            };
            let arcs = &p.arcs_by_nurse_day[n][t];
            if arcs.is_empty() {
                continue;
            }
            let visits = sum(arcs.iter().map(|&a| &v.visit[a as usize]));
            rows.push((Expression::from(day_shift.var) + visits).leq(1.0));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn a_day_shift_excludes_care_that_day() {
        // One nurse, on-call not counted as work (so the day maximum does not decide it):
        // the family or the day shift, not both.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .partus()
            .rule("oncall_counts_as_work", false)
            .pool_shift("2026-07-06", "day", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.visits.len(), 1);
        assert!(plan.oncall.is_empty());
        // The evening shift is compatible with care when on-call does not count as work.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 1)
            .days(1)
            .partus()
            .rule("oncall_counts_as_work", false)
            .pool_shift("2026-07-06", "evening", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!((plan.visits.len(), plan.oncall.len()), (1, 1));
    }
}
