//! One solved scenario in a line: what a sweep row or a forecast run keeps
//! of the ladder's plan. Every plan is validated, solved by the escalation
//! ladder and checked by the independent checker before it counts; a
//! scenario that fails any of the three is an error row, never a number.

use std::collections::BTreeMap;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::week_key;
use crate::engine::escalation;
use crate::engine::EngineConfig;
use crate::plan::Plan;
use crate::scenario::Scenario;

/// The colour codes, mildest first (the names of `escalation::Colour`).
pub const COLOURS: [&str; 4] = ["groen", "oranje", "rood", "zwart"];

/// The colour codes of one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekColour {
    /// ISO week, e.g. `2026-W30`.
    pub week: String,
    /// Colour of the region.
    pub region: String,
    /// Colour per provider.
    pub providers: BTreeMap<String, String>,
    /// Families below the floor in this week: with a short day in it, or
    /// short of their horizon floor with their last home day in it.
    pub families_below_floor: u32,
    /// The region's code rests on certificates (`weeks[].proven` of the plan).
    #[serde(default)]
    pub proven: bool,
}

/// What one ladder plan says, in the figures a sweep or forecast compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// Colour codes per week.
    pub weeks: Vec<WeekColour>,
    /// Families with an episode day in the horizon.
    pub families: u32,
    /// Families below the floor.
    pub families_below_floor: u32,
    /// The solver's proven minimum of families below the floor.
    pub certified_min_below_floor: u32,
    /// Level 1 solved to optimality: `families_below_floor` is the minimum.
    pub proven: bool,
    /// Hours below the floor, summed over families.
    pub shortfall_hours: u32,
    /// Hours of care delivered in the horizon.
    pub delivered_hours: u32,
    /// Lowest delivered share of a family's indication.
    pub min_ratio: f64,
    /// Gini coefficient of the shares.
    pub gini: f64,
    /// Jain's fairness index of the shares.
    pub jain: f64,
    /// Spread of the providers' delivered shares (equal scale-down).
    pub provider_scale_down_spread: f64,
    /// Partus-pool places left empty.
    pub pool_shortfall: u32,
    /// Nurse-shifts short of the pool minimum (POOL-MIN; left out when 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pool_min_shortfall: u32,
    /// Uses per measure id.
    pub measures_used: BTreeMap<String, u32>,
    /// The engine that made the final plan (`milp` or `heuristic`).
    pub engine: String,
    /// The solver status of the final plan.
    pub status: String,
}

impl RunSummary {
    /// The summary of `plan`, a plan of `s`.
    pub fn of(s: &Scenario, plan: &Plan) -> RunSummary {
        let k = &plan.kpi;
        let below = below_per_week(s, plan);
        let proven = plan
            .engine
            .levels
            .first()
            .is_some_and(|l| l.status == crate::domain::status::SolveStatus::Optimal.as_str());
        RunSummary {
            weeks: plan
                .weeks
                .iter()
                .map(|w| WeekColour {
                    week: w.week.clone(),
                    region: w.region.clone(),
                    providers: w.providers.clone(),
                    families_below_floor: below.get(&w.week).copied().unwrap_or(0),
                    proven: w.proven,
                })
                .collect(),
            families: families_in_horizon(s),
            families_below_floor: k.families_below_floor,
            certified_min_below_floor: k.certified_min_below_floor,
            proven,
            shortfall_hours: k.shortfall_hours,
            delivered_hours: k.delivered_hours,
            min_ratio: k.min_ratio,
            gini: k.gini,
            jain: k.jain,
            provider_scale_down_spread: k.provider_scale_down_spread,
            pool_shortfall: k.pool_shortfall,
            pool_min_shortfall: k.pool_min_shortfall,
            measures_used: plan.measures_used.clone(),
            engine: plan.engine.name.clone(),
            status: plan.engine.status.clone(),
        }
    }

    /// The worst region colour over the weeks (`groen` with no weeks).
    pub fn worst_colour(&self) -> &str {
        self.weeks
            .iter()
            .map(|w| w.region.as_str())
            .max_by_key(|c| COLOURS.iter().position(|o| o == c))
            .unwrap_or("groen")
    }

    /// `M-COMBINED:3;M-FLEX:1` (empty when no measure was used).
    pub fn measures_cell(&self) -> String {
        self.measures_used
            .iter()
            .map(|(m, n)| format!("{m}:{n}"))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// Families below the floor per ISO week (the rule of
/// `escalation::below_weeks`, from the plan and the scenario's dates).
fn below_per_week(s: &Scenario, plan: &Plan) -> BTreeMap<String, u32> {
    let end = s.end();
    let by_id: BTreeMap<&str, &crate::scenario::Family> =
        s.families.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut count = BTreeMap::new();
    for out in &plan.families {
        let mut weeks: Vec<String> = out.short_days.iter().map(|&d| week_key(d)).collect();
        if out.floor > out.planned {
            let last_home = by_id.get(out.id.as_str()).and_then(|f| {
                (0..i64::from(f.care_days))
                    .rev()
                    .map(|k| f.care_start + Duration::days(k))
                    .find(|d| *d >= s.start && *d <= end && !f.hospital.contains(d))
            });
            weeks.extend(last_home.map(week_key));
        }
        weeks.sort_unstable();
        weeks.dedup();
        for w in weeks {
            *count.entry(w).or_insert(0) += 1;
        }
    }
    count
}

/// Families whose episode has a day in the horizon.
pub fn families_in_horizon(s: &Scenario) -> u32 {
    s.families.iter().filter(|f| s.in_horizon(f)).count() as u32
}

/// Validate `s`, climb the ladder, check the plan: the summary, or why not.
pub fn solve(s: &Scenario, cfg: &EngineConfig) -> Result<RunSummary, String> {
    checked_plan(s, cfg).map(|plan| RunSummary::of(s, &plan))
}

/// Validate `s`, climb the ladder, check the plan: the plan, or why not
/// (an invalid scenario, a solver failure, or the checker's first violation).
pub fn checked_plan(s: &Scenario, cfg: &EngineConfig) -> Result<Plan, String> {
    let errors = crate::scenario::validate::errors(s);
    if !errors.is_empty() {
        return Err(format!(
            "invalid scenario ({} errors): {}",
            errors.len(),
            errors.join("; ")
        ));
    }
    let plan = escalation::plan(s, cfg).map_err(|e| e.to_string())?;
    let report = crate::check::check(s, &plan);
    if let Some(first) = report.violations.first() {
        return Err(format!(
            "the checker found {} violation(s) in the plan, first {}: {}",
            report.violations.len(),
            first.rule,
            first.message
        ));
    }
    Ok(plan)
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
