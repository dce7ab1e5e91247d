//! Wire types of a fairness audit (`kraamplan/fairness@1`, `docs/format.md`):
//! what `kraamplan fairness` writes to `fairness.json`, and what
//! `kraamplan check --fairness` reads back and recomputes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::rules::RuleId;

/// The format tag every audit carries.
pub const FAIRNESS_FORMAT: &str = "kraamplan/fairness@1";

/// The groupings `--by` offers, in the order tables list them.
pub const GROUPINGS: [&str; 5] = ["provider", "insurer", "priority", "complexity", "waitlist"];

/// Group name of families without a provider (`--by provider`).
pub const WAITING_LIST: &str = "(waiting list)";
/// Group name of families without an insurer (`--by insurer`).
pub const NO_INSURER: &str = "(none)";
/// `--by waitlist`: the family was on the regional waiting list.
pub const ON_LIST: &str = "waiting list";
/// `--by waitlist`: the family had a provider of its own.
pub const OWN_PROVIDER: &str = "own provider";

/// A fairness audit of one plan (or of delivered visits) of one scenario.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Audit {
    /// Always `kraamplan/fairness@1`.
    pub format: String,
    /// Name of the scenario audited.
    pub scenario: String,
    /// What was audited: `plan` (a plan.json) or `visits` (a visits.csv).
    pub source: String,
    /// The allocation policy the plan says it was made under (`normenkader` for visits).
    pub policy: String,
    /// The groupings of `groups`, in order.
    pub by: Vec<String>,
    /// How far a figure may lie from its expectation before it is a finding.
    pub tolerance: Tolerance,
    /// Why the KSV's regie applies, when it does: a week coloured rood or
    /// zwart (for the region or a provider), a family on the waiting list,
    /// or without colour codes a family below the floor. Only then are
    /// providers expected to scale down alike (EQUAL-SCALE-DOWN, seeds/004).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regie: Option<String>,
    /// The region: every family with care due in the horizon.
    pub region: GroupFigures,
    /// One row per grouping and group.
    pub groups: Vec<GroupRow>,
    /// One row per provider of the scenario.
    pub providers: Vec<ProviderRow>,
    /// Each Normenkader expectation the allocation breaks, with its numbers.
    pub findings: Vec<Finding>,
}

/// The tolerances of the findings (`models/fairness.md`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Tolerance {
    /// EQUAL-SCALE-DOWN: a provider's scale-down may exceed the region's by this share.
    pub scale_down: f64,
    /// WAITLIST-SPREAD: a provider may take this many waiting-list families fewer than its fair share.
    pub waitlist: f64,
    /// INSURER-FLOOR: an insurer's share of families below the floor may exceed the lowest insurer's by this much.
    pub insurer: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            scale_down: 0.05,
            waitlist: 1.0,
            insurer: 0.10,
        }
    }
}

/// The figures of a group of families (those with care due in the horizon:
/// `target > 0`). Ratios are planned (delivered) hours over the target, the
/// share of the indication that falls in the horizon.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct GroupFigures {
    /// Families in the group.
    pub families: u32,
    /// Of them below the floor (CARE-MIN-DAY or CARE-MIN-TOTAL).
    pub below_floor: u32,
    /// Their shortfall hours.
    pub shortfall_hours: u32,
    /// Hours delivered in the horizon.
    pub delivered_hours: u32,
    /// The targets summed (hours).
    pub target_hours: f64,
    /// Mean of delivered/target.
    pub ratio_mean: f64,
    /// Lowest delivered/target.
    pub ratio_min: f64,
    /// 10th percentile of delivered/target (nearest rank).
    pub ratio_p10: f64,
    /// Gini index of delivered/target (0 = equal).
    pub gini: f64,
    /// Jain's index of delivered/target (1 = equal).
    pub jain: f64,
    /// Hours short of the targets, `Σ max(0, target − delivered)`.
    pub scale_down_hours: f64,
    /// The group's part of the region's `scale_down_hours` (0 when the region has none).
    pub scale_down_share: f64,
}

/// One group of one grouping.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct GroupRow {
    /// The grouping: one of [`GROUPINGS`].
    pub by: String,
    /// The group, e.g. a provider id or `VGZ`.
    pub group: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: GroupFigures,
}

/// A provider's part in sharing the region's care.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ProviderRow {
    /// Provider id.
    pub provider: String,
    /// Its own families with care due in the horizon.
    pub families: u32,
    /// `1 − Σ min(delivered, target) / Σ target` over its own families (`semantics.md`); 0 without families.
    pub scale_down: f64,
    /// The same over every family of a provider in the region.
    pub region_scale_down: f64,
    /// Care hours its qualified nurses could give in the horizon: per nurse
    /// `min(contract_max · days / 7, available days · max_family_hours_per_day)`.
    pub capacity_hours: f64,
    /// The floors of its own families in the horizon.
    pub floor_hours: u32,
    /// `max(0, capacity − floor)`: what it can give beyond its own families' floor.
    pub free_capacity_hours: f64,
    /// Whether it may take waiting-list families (contracted by the region's insurers).
    pub contracted: bool,
    /// Waiting-list families it served (its nurses gave them the most hours).
    pub waitlist_taken: u32,
    /// Its fair share of the served waiting-list families: in proportion to free capacity among contracted providers.
    pub waitlist_fair_share: f64,
    /// Hours its nurses gave to another provider's families (M-LENDING).
    pub lent_hours: u32,
    /// Hours its families got from another provider's nurses.
    pub borrowed_hours: u32,
    /// Hours its nurses gave to waiting-list families.
    pub waitlist_hours: u32,
}

/// A Normenkader expectation the allocation breaks.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Finding {
    /// Rule id of `models/rules.md`.
    pub rule: RuleIdText,
    /// The provider or insurer concerned.
    pub subject: String,
    /// The figure found.
    pub value: f64,
    /// What it was held against (the region's scale-down, the fair share, the best insurer's share).
    pub expected: f64,
    /// What it means, with the numbers.
    pub message: String,
}

/// A rule id as text in JSON (read back without trusting it).
pub type RuleIdText = String;

impl Finding {
    /// A finding of `rule`.
    pub fn new(rule: RuleId, subject: &str, value: f64, expected: f64, message: String) -> Self {
        Finding {
            rule: rule.id().to_string(),
            subject: subject.to_string(),
            value,
            expected,
            message,
        }
    }
}
