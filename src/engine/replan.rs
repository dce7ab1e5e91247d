//! Re-planning (`kraamplan replan`, `models/replan.md`): plan a new horizon
//! starting from the plan already communicated, changing as little of it as
//! the floor and the pool allow.
//!
//! 1. The problem is rebased on the previous plan (`model::baseline`): every
//!    arc knows its previous hours, forbid locks remove their arcs, keep
//!    locks pin arcs and shifts.
//! 2. Keep locks that break a hard rule together (two kept visits of one
//!    nurse over her week's maximum) are dropped, latest first, until the
//!    plan of the kept rows alone passes the checker: then the locks can
//!    never make the model infeasible, and each dropped one is reported.
//! 3. The chosen engine plans; both engines start from the previous plan
//!    (the heuristic seeds its roster with it, and is the MILP's warm start).
//! 4. `replan` gets the locks' outcomes, every change (the checker's
//!    [`crate::check::changes::diff`]) with the events or facts behind it, and
//!    the counts.

use chrono::NaiveDate;

use super::EngineConfig;
use crate::check::changes::{self, Frame};
use crate::domain::status::SolveStatus;
use crate::milp::SolveError;
use crate::model::baseline::{LockOutcome, Previous};
use crate::model::{Assignment, ModelError, Problem};
use crate::plan::replan::{Change, LockResult, Replan};
use crate::plan::{EngineInfo, Plan};
use crate::scenario::locks::Lock;
use crate::scenario::Scenario;

/// What a re-plan starts from.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The plan already communicated.
    pub previous: &'a Plan,
    /// Days of the notice window (`--notice`).
    pub notice_days: u32,
    /// The planner's locks (`--locks`).
    pub locks: &'a [Lock],
    /// Plan the night from scratch, ignoring the previous plan (and the
    /// locks), and report its changes against it: the comparison that shows
    /// what re-planning saves.
    pub from_scratch: bool,
}

/// Why a re-plan produced no plan.
#[derive(Debug, thiserror::Error)]
pub enum ReplanError {
    /// The scenario could not be indexed (validation catches this first).
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The solver failed.
    #[error(transparent)]
    Solve(#[from] SolveError),
}

/// The last day the previous plan covered: its horizon, or (a plan written
/// before plans carried one) its last row.
pub fn previous_end(previous: &Plan, s: &Scenario) -> NaiveDate {
    previous.horizon.map(|h| h.end()).unwrap_or_else(|| {
        let rows = previous.visits.iter().map(|v| v.date);
        rows.chain(previous.oncall.iter().map(|o| o.date))
            .max()
            .unwrap_or(s.start)
    })
}

/// Re-plan `s` from `req.previous` with the engine of `cfg`.
pub fn replan(s: &Scenario, req: Request, cfg: &EngineConfig) -> Result<Plan, ReplanError> {
    let end = previous_end(req.previous, s);
    let rows = Previous {
        visits: req
            .previous
            .visits
            .iter()
            .map(|v| (v.nurse.clone(), v.family.clone(), v.date, v.hours))
            .collect(),
        oncall: req
            .previous
            .oncall
            .iter()
            .map(|o| (o.nurse.clone(), o.date, o.shift))
            .collect(),
        end,
    };
    let mut p = Problem::build(s)?;
    let mut outcomes = Vec::new();
    if !req.from_scratch {
        outcomes = p.rebase(&rows, req.notice_days, req.locks);
        drop_conflicting_keeps(s, &mut p, &mut outcomes);
    }
    let mut plan = super::plan(&p, cfg)?;
    held_in_plan(&plan, req.previous, &mut outcomes);
    let frame = Frame {
        start: s.start,
        notice_days: req.notice_days,
        until: end.min(s.end()),
    };
    let mut changes = changes::diff(req.previous, &plan, frame);
    for c in &mut changes {
        c.why = reasons(s, &plan, c);
    }
    let summary = changes::summarize(
        &changes,
        req.previous.kpi.families_below_floor,
        req.previous.kpi.pool_shortfall,
    );
    plan.replan = Some(Replan {
        previous: req.previous.scenario.clone(),
        notice_days: req.notice_days,
        previous_end: end,
        locks: outcomes
            .into_iter()
            .map(|o| LockResult {
                lock: o.lock,
                held: o.held,
                why: o.why,
            })
            .collect(),
        changes,
        summary,
    });
    Ok(plan)
}

/// Step 2: while the kept rows alone break a hard rule, drop the latest
/// keep lock of a nurse (or family) the checker names.
fn drop_conflicting_keeps(s: &Scenario, p: &mut Problem, outcomes: &mut [LockOutcome]) {
    loop {
        let mut kept = Assignment::empty(p);
        for (a, arc) in p.arcs.iter().enumerate() {
            if arc.keep {
                kept.hours[a] = arc.prev;
            }
        }
        for (n, nurse) in p.nurses.iter().enumerate() {
            for (t, keep) in nurse.keep_oncall.iter().enumerate() {
                kept.oncall[n][t] = *keep;
            }
        }
        let engine = EngineInfo {
            name: "heuristic".into(),
            status: SolveStatus::Feasible.as_str().into(),
            objective: 0.0,
            bound: 0.0,
            gap: 0.0,
            seconds: 0.0,
            levels: Vec::new(),
            note: None,
            first_plan_seconds: None,
        };
        let plan = crate::plan::report::assemble(p, &kept, engine, 0);
        let report = crate::check::check(s, &plan);
        let Some(v) = report.violations.first() else {
            return;
        };
        let involved = |o: &LockOutcome| {
            o.held
                && !matches!(o.lock, Lock::Forbid { .. })
                && (v.nurse.as_deref() == Some(o.lock.nurse())
                    || (v.nurse.is_none() && v.family.as_deref() == o.lock.family()))
        };
        let date = |o: &LockOutcome| match &o.lock {
            Lock::Keep { date, .. } | Lock::KeepOncall { date, .. } => Some(*date),
            Lock::Forbid { .. } => None,
        };
        // The latest lock the violation names, else the latest keep at all.
        let pick = (0..outcomes.len())
            .filter(|&i| involved(&outcomes[i]))
            .max_by_key(|&i| date(&outcomes[i]))
            .or_else(|| {
                (0..outcomes.len())
                    .filter(|&i| outcomes[i].held && date(&outcomes[i]).is_some())
                    .max_by_key(|&i| date(&outcomes[i]))
            });
        let Some(i) = pick else {
            // No keep lock left: the violation is not theirs (it cannot be: an
            // empty plan keeps every hard rule).
            return;
        };
        p.unlock(&outcomes[i].lock);
        outcomes[i].held = false;
        outcomes[i].why = Some(format!(
            "together with the other keep locks it breaks {}: {}",
            v.rule, v.message
        ));
    }
}

/// Step 4: a keep lock the engine could not plan (the heuristic does not
/// plan combined care) is reported, not claimed.
fn held_in_plan(plan: &Plan, previous: &Plan, outcomes: &mut [LockOutcome]) {
    for o in outcomes.iter_mut().filter(|o| o.held) {
        if !crate::check::holds(&o.lock, previous, plan) {
            o.held = false;
            o.why = Some(format!(
                "the {} engine could not keep it with every hard rule",
                plan.engine.name
            ));
        }
    }
}

/// Why a change was made: the facts of the new scenario that touch its
/// nurses or family (an absence, a hospital day, a family or nurse gone),
/// where the previous nurse is needed instead (another family, on call),
/// the events of the night that touch them, or `re-optimised`.
fn reasons(s: &Scenario, plan: &Plan, c: &Change) -> Vec<String> {
    let mut why = Vec::new();
    for side in c.before.iter() {
        match s.nurses.iter().find(|n| n.id == side.nurse) {
            None => why.push(format!("{} is no longer in the scenario", side.nurse)),
            Some(n) if n.off.contains(&c.date) => {
                why.push(format!("{} is off on {}", n.id, c.date))
            }
            Some(n) => {
                let elsewhere = plan.visits.iter().find(|v| {
                    v.nurse == n.id && v.date == c.date && Some(&v.family) != c.family.as_ref()
                });
                if let Some(v) = elsewhere {
                    why.push(format!(
                        "{} serves {} on {} instead",
                        n.id, v.family, c.date
                    ));
                } else if c.family.is_some()
                    && plan
                        .oncall
                        .iter()
                        .any(|o| o.nurse == n.id && o.date == c.date)
                {
                    why.push(format!("{} is on call on {} instead", n.id, c.date));
                }
            }
        }
    }
    if let Some(f) = &c.family {
        match s.families.iter().find(|x| &x.id == f) {
            None => why.push(format!("{f} is no longer in the scenario")),
            Some(fam) if fam.hospital.contains(&c.date) => {
                why.push(format!("{f} is in hospital on {}", c.date))
            }
            Some(_) => {}
        }
    }
    for e in &s.events {
        let touches = c
            .before
            .iter()
            .chain(&c.after)
            .any(|x| e.nurse() == Some(x.nurse.as_str()))
            || (c.family.is_some() && e.family() == c.family.as_deref());
        if touches {
            why.push(e.describe());
        }
    }
    if why.is_empty() {
        why.push("re-optimised".to_string());
    }
    why.dedup();
    why
}

#[cfg(test)]
#[path = "replan_tests.rs"]
mod tests;
