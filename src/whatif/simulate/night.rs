//! One run of one policy through a season: the first plan, then night
//! after night the day carried out, the roll, the re-plan and its figures
//! (`models/simulate.md`, A night).

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::season::Season;
use super::Policy;
use crate::check::changes::{self, Frame};
use crate::check::realised::{realised, Realised};
use crate::check::{self, Context};
use crate::domain::calendar::{add_days, week_key};
use crate::engine::replan::{previous_end, replan, Request};
use crate::engine::{self, escalation, EngineChoice, EngineConfig};
use crate::model::Problem;
use crate::plan::Plan;
use crate::scenario::Scenario;

/// The figures of one night of one policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Night {
    /// Night number, 1 … nights: the night before `date`.
    pub night: u32,
    /// The first day of the night's plan.
    pub date: NaiveDate,
    /// Engine that made the night's plan, and its status.
    pub engine: String,
    /// Solver status of the night's plan.
    pub status: String,
    /// Seconds of the night: roll, plan, check, colour.
    pub seconds: f64,
    /// Changes against the plan told, in the notice window (`--notice`).
    pub notice_changes: u32,
    /// Notices of those changes (a visit: its nurse and its family).
    pub notices: u32,
    /// Changes on every day both plans cover.
    pub total_changes: u32,
    /// Nurses and families to call tonight (a change in the notice window).
    pub calls: u32,
    /// Changes dated tomorrow, the night's first day.
    pub short_notice: u32,
    /// Families below the floor in the night's plan (over its horizon).
    pub planned_below: u32,
    /// Partus-pool nurse-shifts short in the night's plan.
    pub planned_pool_short: u32,
    /// Hours of care carried out on the day before `date`.
    pub delivered_hours: u32,
    /// Pool nurse-shifts short on the day carried out.
    pub pool_short: u32,
    /// Episodes that ended on the day carried out.
    pub ended: u32,
    /// Of those, below the floor as realised.
    pub realised_below: u32,
    /// Their realised shortfall hours.
    pub realised_shortfall: u32,
    /// The region's colour code of the week of `date`, by the ladder on the
    /// heuristic engine, and whether it is proven.
    pub colour: String,
    /// The colour code is proven (`weeks[].proven`).
    pub proven: bool,
}

/// One run of one policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    /// Every night in order.
    pub nights: Vec<Night>,
    /// Every episode that ended on a carried-out day, as realised.
    pub families: Vec<Realised>,
    /// Episodes still running after the last carried-out day.
    pub open: u32,
    /// Families below the floor in the first plan (before any night).
    pub first_plan_below: u32,
}

/// What the simulation carried out, for the checker to recompute
/// (`tests/simulate.rs`): per family its hours before the first carried
/// day, that day, and its hours per carried date.
#[derive(Debug, Clone, Default)]
pub struct Carried {
    /// Family id → (hours before, first carried day, hours per date).
    pub families: BTreeMap<String, (u32, NaiveDate, BTreeMap<NaiveDate, u32>)>,
}

/// The engine settings of the heuristic ladder that gives each night its
/// colour code.
fn colour_config() -> EngineConfig {
    EngineConfig {
        choice: EngineChoice::Heuristic,
        ..EngineConfig::default()
    }
}

/// Play `season` forward with `policy`: `nights` nights, the night's plans
/// made with `cfg`, the notice window `notice` days.
pub fn play(
    season: &Season,
    policy: Policy,
    notice: u32,
    cfg: &EngineConfig,
) -> Result<(RunResult, Carried), String> {
    let mut s = season.base.clone();
    not_born_tomorrow(&mut s);
    let problem = Problem::build(&s).map_err(|e| format!("first plan: {e}"))?;
    let mut plan = engine::plan(&problem, cfg).map_err(|e| format!("first plan: {e}"))?;
    clean(&s, &plan, None).map_err(|e| format!("first plan: {e}"))?;
    let first_plan_below = plan.kpi.families_below_floor;
    let mut carried = Carried::default();
    let mut families = Vec::new();
    let mut nights = Vec::new();
    for (k, events) in season.nights.iter().enumerate() {
        let started = Instant::now();
        let night = k as u32 + 1;
        let date = add_days(s.start, 1);
        let at = |what: &str, e: String| format!("night {night} ({date}): {what}: {e}");
        // The day before `date` is carried out as `plan` has it.
        let day = carry_out(&s, &plan, &mut carried);
        let mut next = crate::roll::roll(&s, &plan, date, events).map_err(|issues| {
            let text: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
            at("roll", text.join("; "))
        })?;
        not_born_tomorrow(&mut next);
        let mut ended = 0;
        let (mut below, mut shortfall) = (0, 0);
        for f in s
            .families
            .iter()
            .filter(|f| f.due.is_none() && episode_end(f) == s.start)
        {
            let (before, first, hours) = &carried.families[&f.id];
            let r = realised(&s, f, *before, *first, hours);
            // The roll's own account (delivered_before, carried night by
            // night) must agree with the checker's sum of the carried days.
            let by_roll = f.delivered_before + day.hours.get(&f.id).copied().unwrap_or(0);
            if by_roll != r.delivered {
                return Err(at(
                    "realised care",
                    format!(
                        "{}: the roll carried {by_roll} h, the carried-out days hold {} h",
                        f.id, r.delivered
                    ),
                ));
            }
            ended += 1;
            below += u32::from(r.below_floor);
            shortfall += r.shortfall;
            families.push(r);
        }
        let req = Request {
            previous: &plan,
            notice_days: match policy {
                Policy::Told => next.days,
                _ => notice,
            },
            locks: &[],
            from_scratch: policy == Policy::Scratch,
        };
        let new = replan(&next, req, cfg).map_err(|e| at("plan", e.to_string()))?;
        clean(&next, &new, Some(&plan)).map_err(|e| at("check", e))?;
        let frame = Frame {
            start: next.start,
            notice_days: notice,
            until: previous_end(&plan, &next).min(next.end()),
        };
        let diff = changes::diff(&plan, &new, frame);
        let summary = changes::summarize(&diff, 0, 0);
        let (colour, proven) = colour_of(&next);
        nights.push(Night {
            night,
            date,
            engine: new.engine.name.clone(),
            status: new.engine.status.clone(),
            seconds: 0.0,
            notice_changes: summary.notice_changes,
            notices: summary.notice_notices,
            total_changes: summary.notice_changes + summary.draft_changes,
            calls: summary.nurses_to_call + summary.families_to_call,
            short_notice: diff
                .iter()
                .filter(|c| c.notice && c.date == next.start)
                .count() as u32,
            planned_below: new.kpi.families_below_floor,
            planned_pool_short: new.kpi.pool_shortfall,
            delivered_hours: day.delivered,
            pool_short: day.pool_short,
            ended,
            realised_below: below,
            realised_shortfall: shortfall,
            colour,
            proven,
        });
        nights.last_mut().expect("pushed").seconds = started.elapsed().as_secs_f64();
        s = next;
        plan = new;
    }
    let open = s
        .families
        .iter()
        .filter(|f| f.due.is_none() && s.in_horizon(f))
        .count() as u32;
    Ok((
        RunResult {
            nights,
            families,
            open,
            first_plan_below,
        },
        carried,
    ))
}

/// A booking whose birth was not reported tonight is not born on the
/// first day: every birth of a day is news of the night before it. So an
/// overdue booking (the roll moves its expected birth to the first day)
/// is expected the day after, and no visit is planned for a child that
/// is not there; without this each night's plan would hold a day of care
/// for every overdue booking, and take it back the next night.
fn not_born_tomorrow(s: &mut Scenario) {
    let next = add_days(s.start, 1);
    for f in s.families.iter_mut().filter(|f| f.due.is_some()) {
        if f.care_start < next {
            f.care_start = next;
        }
    }
}

/// The last day of `f`'s episode.
fn episode_end(f: &crate::scenario::Family) -> NaiveDate {
    add_days(f.care_start, i64::from(f.care_days) - 1)
}

/// What one day carried out: hours per family, in all, and the pool.
struct Day {
    hours: HashMap<String, u32>,
    delivered: u32,
    pool_short: u32,
}

/// Carry out the first day of `plan` on `s`: the visits to families at home
/// (a booking not yet born gets no care, as the roll has it), and the pool
/// shifts short that day.
fn carry_out(s: &Scenario, plan: &Plan, carried: &mut Carried) -> Day {
    let day = s.start;
    for f in s.families.iter().filter(|f| f.due.is_none()) {
        carried
            .families
            .entry(f.id.clone())
            .or_insert_with(|| (f.delivered_before, day, BTreeMap::new()));
    }
    let mut hours: HashMap<String, u32> = HashMap::new();
    for v in plan.visits.iter().filter(|v| v.date == day && v.hours > 0) {
        if let Some((_, _, by_date)) = carried.families.get_mut(&v.family) {
            *by_date.entry(day).or_insert(0) += v.hours;
            *hours.entry(v.family.clone()).or_insert(0) += v.hours;
        }
    }
    Day {
        delivered: hours.values().sum(),
        hours,
        pool_short: plan
            .pool
            .iter()
            .filter(|p| p.date == day)
            .map(|p| p.shortfall)
            .sum(),
    }
}

/// The plan passes the checker (with the plan it re-plans), or why not:
/// a plan that breaks a rule cannot be carried out, and the next roll would
/// refuse it.
fn clean(s: &Scenario, plan: &Plan, previous: Option<&Plan>) -> Result<(), String> {
    let report = check::check_with(
        s,
        plan,
        Context {
            previous,
            locks: previous.map(|_| &[][..]),
        },
    );
    match report.violations.first() {
        None => Ok(()),
        Some(v) => Err(format!(
            "the checker found {} violation(s), first {}: {}",
            report.violations.len(),
            v.rule,
            v.message
        )),
    }
}

/// The region's colour of the week of `s.start` by the escalation ladder on
/// the heuristic engine: the KSV's code for the night's scenario, cheap
/// enough for every night (its rood and zwart codes are seldom proven).
fn colour_of(s: &Scenario) -> (String, bool) {
    let week = week_key(s.start);
    match escalation::plan(s, &colour_config()) {
        Ok(plan) => plan
            .weeks
            .iter()
            .find(|w| w.week == week)
            .map(|w| (w.region.clone(), w.proven))
            .unwrap_or_default(),
        Err(_) => (String::new(), false),
    }
}
