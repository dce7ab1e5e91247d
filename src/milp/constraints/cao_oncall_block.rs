//! CAO-ONCALL-BLOCK: on-call blocks of 8 hours, at most two in a row, then at
//! least 8 hours of rest: no three consecutive shifts of the sequence
//! day → evening → night → next day … for one nurse.

use good_lp::Constraint;

use super::super::vars::{Col, Vars};
use super::sum;
use crate::model::Problem;

/// `o₁ + o₂ + o₃ ≤ 2` for every three consecutive shifts.
pub fn rows(p: &Problem, v: &Vars) -> Vec<Constraint> {
    let mut rows = Vec::new();
    for n in 0..p.nurses.len() {
        let sequence: Vec<Option<Col>> = v.oncall[n]
            .iter()
            .flat_map(|day| day.iter().copied())
            .collect();
        for window in sequence.windows(3) {
            if window.iter().all(Option::is_some) {
                rows.push(sum(window.iter().flatten()).leq(2.0));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use crate::testkit::*;

    #[test]
    fn at_most_two_shifts_in_a_row() {
        // One nurse, on-call not counted as work: evening, night and next day shift
        // in a row are one too many; any two of them are fine.
        let s = Tiny::new(1)
            .days(2)
            .partus()
            .rule("oncall_counts_as_work", false)
            .pool_shift("2026-07-06", "day", 1)
            .pool_shift("2026-07-06", "evening", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.oncall.len(), 2);
        let s = Tiny::new(1)
            .days(2)
            .partus()
            .rule("oncall_counts_as_work", false)
            .pool_shift("2026-07-06", "day", 1)
            .pool_shift("2026-07-06", "evening", 1)
            .pool_shift("2026-07-06", "night", 1)
            .build();
        let plan = solve_clean(&s);
        assert_eq!(plan.oncall.len(), 2);
        assert_eq!(plan.kpi.pool_shortfall, 1);
    }
}
