//! The pieces of the objective that both engines score with, so that the
//! MILP and the heuristic rank plans alike without importing each other:
//! the triage priority weights, the fairness bands of level 3 and the
//! relative gap between a level's value and its bound.

use crate::model::FamilyData;

/// Number of fairness bands between ratio 0 and 1 (level 3).
pub const BANDS: usize = 10;

/// Weight of triage priority: 1 → 1.5, 2 → 1.25, 3 → 1.0.
pub fn priority_weight(fam: &FamilyData) -> f64 {
    1.0 + 0.25 * (3 - fam.priority.clamp(1, 3)) as f64
}

/// Value of one hour in band `k` of family `fam` (the level-3 objective coefficient).
pub fn band_value(fam: &FamilyData, k: usize) -> f64 {
    priority_weight(fam) * (BANDS - k) as f64 / BANDS as f64 / fam.target
}

/// Value of one hour in band `k` under policy `proportional`: the same for
/// every family, so that all families fill band `k` before any fills `k+1`
/// and their ratios (planned/target) stay within one band of each other.
pub fn proportional_band_value(k: usize) -> f64 {
    (BANDS - k) as f64 / BANDS as f64
}

/// Weight of an hour of family `f` under policy `first-come`: from 2 for the
/// earliest `care_start` down to just above 1 for the latest (ties share a
/// weight), so that moving an hour from a later family to an earlier one
/// always pays, while a family's own floor still counts at the next level.
pub fn first_come_weights(families: &[FamilyData]) -> Vec<f64> {
    let mut starts: Vec<chrono::NaiveDate> = families.iter().map(|f| f.care_start).collect();
    starts.sort_unstable();
    starts.dedup();
    let n = starts.len().max(1) as f64;
    families
        .iter()
        .map(|f| {
            let rank = starts.partition_point(|d| *d < f.care_start) as f64;
            1.0 + (n - rank) / n
        })
        .collect()
}

/// `(value − bound) / max(1, |value|)`, 0 when the bound meets the value.
pub fn relative_gap(value: f64, bound: f64) -> f64 {
    ((value - bound).abs() / value.abs().max(1.0)).max(0.0)
}

/// The objective levels' names as plans report them (`models/model.md`),
/// one list for the engines, the plan report and the checker.
pub mod level {
    /// Level 0 (only with `partus_pool.min_on_call > 0`): nurses short of the pool minimum.
    pub const POOL_MIN: &str = "nurses short of the pool minimum";
    /// Level 1 under policy `proportional`, above the floor: every family the same share of its indication.
    pub const EQUAL_SHARE: &str = "equal share of the indication";
    /// Level 1 under policy `first-come`, above the floor: earlier families' hours first.
    pub const FIRST_COME: &str = "first come, first served";
    /// Level 1: families below the floor.
    pub const BELOW: &str = "families below the floor";
    /// Level 1, second part: their shortfall hours.
    pub const SHORTFALL: &str = "shortfall hours";
    /// Level 1 as one MILP stage.
    pub const BELOW_THEN_SHORTFALL: &str = "families below the floor, then shortfall hours";
    /// Level 2: partus-pool shifts short.
    pub const POOL_SHORT: &str = "partus-pool shifts short";
    /// Level 3a: the lowest provider share (EQUAL-SCALE-DOWN).
    pub const LOWEST_SHARE: &str = "lowest provider share";
    /// Level 3b: the fairness bands.
    pub const FAIR: &str = "fair distribution above the floor";
    /// Level 4: delivered hours.
    pub const DELIVERED: &str = "delivered hours";
    /// Level 5: nurses new to a family.
    pub const NEW_NURSES: &str = "nurses new to a family";
    /// Level 6a: measure use.
    pub const MEASURES: &str = "measure use";
    /// Level 6b: kilometres driven.
    pub const KM: &str = "kilometres driven";
    /// Level 2, re-planning: notices of changes in the notice window.
    pub const NOTICE_CHANGES: &str = "changes in the notice window";
    /// Level 7, re-planning: notices of changes on draft days.
    pub const DRAFT_CHANGES: &str = "changes on draft days";
}
