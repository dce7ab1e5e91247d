//! The figures of a group of families: below the floor, shortfall, and how
//! evenly delivered hours cover the targets.

use super::{grouped, Member};
use crate::plan::fairness::{GroupFigures, GroupRow};
use crate::plan::report::{gini, jain};

/// The figures of `members`; `region_scale_down` is the region's
/// `scale_down_hours` (`None`: these members are the region).
pub(super) fn figures(members: &[&Member], region_scale_down: Option<f64>) -> GroupFigures {
    let ratios: Vec<f64> = members
        .iter()
        .map(|m| m.outcome.planned as f64 / m.outcome.target)
        .collect();
    let scale_down_hours: f64 = members
        .iter()
        .map(|m| (m.outcome.target - m.outcome.planned as f64).max(0.0))
        .sum();
    let total = region_scale_down.unwrap_or(scale_down_hours);
    let n = ratios.len();
    let (min, mean) = if n == 0 {
        (1.0, 1.0)
    } else {
        (
            ratios.iter().copied().fold(f64::INFINITY, f64::min),
            ratios.iter().sum::<f64>() / n as f64,
        )
    };
    GroupFigures {
        families: n as u32,
        below_floor: members.iter().filter(|m| m.outcome.below_floor).count() as u32,
        shortfall_hours: members.iter().map(|m| m.outcome.shortfall).sum(),
        delivered_hours: members.iter().map(|m| m.outcome.planned).sum(),
        target_hours: members.iter().map(|m| m.outcome.target).sum(),
        ratio_mean: mean,
        ratio_min: min,
        ratio_p10: p10(&ratios),
        gini: gini(&ratios),
        jain: jain(&ratios),
        scale_down_hours,
        scale_down_share: if total > 0.0 {
            scale_down_hours / total
        } else {
            0.0
        },
    }
}

/// The 10th percentile by nearest rank: the `⌈0.1·n⌉`-th smallest (1 without values).
pub(crate) fn p10(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 1.0;
    }
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = (0.1 * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank - 1]
}

/// One row per group of every grouping in `by`.
pub(super) fn rows(members: &[Member], by: &[String], region_scale_down: f64) -> Vec<GroupRow> {
    let mut out = Vec::new();
    for b in by {
        for (group, list) in grouped(members, b) {
            out.push(GroupRow {
                by: b.clone(),
                group,
                figures: figures(&list, Some(region_scale_down)),
            });
        }
    }
    out
}
