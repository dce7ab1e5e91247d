//! Choosing the engine: the MILP, the greedy heuristic, or `auto` — the MILP
//! unless its model would be too large, with the heuristic plan as the
//! fallback when HiGHS fails. The plan records which engine made it and why.

pub mod escalation;
pub mod replan;

use std::time::Instant;

use crate::domain::status::SolveStatus;
use crate::milp::{self, SolveConfig, SolveError};
use crate::model::objective::level;
use crate::model::{Problem, FLOOR_PER_DAY};
use crate::plan::{EngineInfo, LevelResult, Plan};

/// Which engine to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineChoice {
    /// The MILP, falling back to the heuristic when it cannot run.
    #[default]
    Auto,
    /// The MILP only (an error if HiGHS fails).
    Milp,
    /// The greedy heuristic only.
    Heuristic,
}

/// Seconds per column to build the MILP and hand it to HiGHS (measured: 5.1 s
/// for the 1.7 million columns of the ladder's XL region on 2 cores).
const BUILD_SECONDS_PER_COLUMN: f64 = 3e-6;

/// Engine choice with the solver settings and the size budget.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Which engine.
    pub choice: EngineChoice,
    /// Settings of the MILP.
    pub solve: SolveConfig,
    /// `auto` uses the heuristic when the MILP would have more columns than this.
    pub max_columns: usize,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            choice: EngineChoice::Auto,
            solve: SolveConfig::default(),
            max_columns: 2_000_000,
        }
    }
}

/// Plan `p` with the chosen engine, within `cfg.solve.time_limit` (and its
/// deadline, if sooner).
pub fn plan(p: &Problem, cfg: &EngineConfig) -> Result<Plan, SolveError> {
    plan_from(p, cfg, &[])
}

/// [`plan`], the heuristic start also started from the rows of `start`,
/// plans of the same nurses and families under fewer measures (the
/// escalation ladder's rung below, or every provider's last rung): the
/// better start in level order is taken, so a rung never ends worse than
/// the rungs it climbed from.
pub fn plan_from(p: &Problem, cfg: &EngineConfig, start: &[&Plan]) -> Result<Plan, SolveError> {
    let started = Instant::now();
    let end = cfg.solve.end(started);
    let solve = SolveConfig {
        deadline: Some(end),
        ..cfg.solve.clone()
    };
    // The MILP's start may search for half the time; HiGHS has the rest.
    let half = started + end.saturating_duration_since(started) / 2;
    let warm = |q: &Problem, until: Instant| {
        if start.is_empty() {
            crate::heuristic::construct_until(q, Some(until))
        } else {
            crate::heuristic::construct_from(q, &assignment_of_plans(q, start), Some(until))
        }
    };
    let milp_start = |q: &Problem| warm(q, half);
    match cfg.choice {
        EngineChoice::Milp => milp::solve(p, &solve, &milp_start),
        EngineChoice::Heuristic => Ok(heuristic_plan_of(p, None, warm(p, end), started)),
        EngineChoice::Auto => {
            let columns = milp::column_estimate(p);
            if columns > cfg.max_columns {
                let why = format!(
                    "auto: the MILP would have {columns} columns, over the budget of {} (--max-columns); heuristic plan",
                    cfg.max_columns
                );
                return Ok(heuristic_plan_of(p, Some(why), warm(p, end), started));
            }
            // A model that cannot even be built in the time left would only
            // make the plan late.
            let left = end.saturating_duration_since(Instant::now()).as_secs_f64();
            let build = columns as f64 * BUILD_SECONDS_PER_COLUMN;
            if build > left {
                let why = format!(
                    "auto: building the MILP's {columns} columns takes about {build:.0} s, more than the {left:.0} s left; heuristic plan"
                );
                return Ok(heuristic_plan_of(p, Some(why), warm(p, end), started));
            }
            match milp::solve_from_start(p, &solve, &milp_start) {
                // HiGHS ran out of time without a plan of its own: the plan
                // is the heuristic's, and says so (HiGHS's bounds still hold).
                Ok((mut plan, start))
                    if !start.improved && plan.engine.status != SolveStatus::Optimal.as_str() =>
                {
                    let note = format!(
                        "auto: HiGHS found no plan better than the heuristic's within {:.0} s ({}); the heuristic plan, with HiGHS's bounds",
                        cfg.solve.time_limit, plan.engine.status
                    );
                    plan.engine.credit("heuristic", note);
                    Ok(plan)
                }
                Ok((plan, _)) => Ok(plan),
                Err(e) => Ok(heuristic_plan_of(
                    p,
                    Some(format!("auto: {e}; heuristic plan")),
                    warm(p, end),
                    started,
                )),
            }
        }
    }
}

/// The MILP's plan, every component starting from the heuristic's
/// construction, which keeps every hard rule (the engine layer owns the
/// start, so that neither engine calls the other).
pub fn milp_plan(p: &Problem, cfg: &SolveConfig) -> Result<Plan, SolveError> {
    let cfg = EngineConfig {
        choice: EngineChoice::Milp,
        solve: cfg.clone(),
        ..EngineConfig::default()
    };
    plan(p, &cfg)
}

/// The greedy plan, with the figures it can prove without a solver.
pub fn heuristic_plan(p: &Problem, note: Option<String>) -> Plan {
    let started = Instant::now();
    heuristic_plan_of(p, note, crate::heuristic::construct(p), started)
}

/// The rows of `plans` mapped onto the arcs and shifts of `p` by nurse,
/// family, date and shift (rows of nurses or families `p` does not hold are
/// left out): the start a rung takes from the rungs below.
pub fn assignment_of_plans(p: &Problem, plans: &[&Plan]) -> crate::model::Assignment {
    use std::collections::HashMap;
    let nurse: HashMap<&str, usize> = p
        .nurses
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let family: HashMap<&str, usize> = p
        .families
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let day: HashMap<chrono::NaiveDate, usize> =
        p.dates.iter().enumerate().map(|(t, d)| (*d, t)).collect();
    let mut a = crate::model::Assignment::empty(p);
    for v in plans.iter().flat_map(|plan| &plan.visits) {
        let (Some(&n), Some(&f), Some(&t)) = (
            nurse.get(v.nurse.as_str()),
            family.get(v.family.as_str()),
            day.get(&v.date),
        ) else {
            continue;
        };
        let arc = if v.site.is_centre() {
            p.centre_arc_of(n, f, t)
        } else {
            p.arc_of(n, f, t)
        };
        if let Some(arc) = arc {
            a.hours[arc] += v.hours;
        }
    }
    for o in plans.iter().flat_map(|plan| &plan.oncall) {
        if let (Some(&n), Some(&t)) = (nurse.get(o.nurse.as_str()), day.get(&o.date)) {
            a.oncall[n][t][crate::model::pool::shift_index(o.shift)] = true;
        }
    }
    a
}

/// The plan of the heuristic's `assignment`, with the figures it can prove
/// without a solver; its seconds count from `started`.
fn heuristic_plan_of(
    p: &Problem,
    note: Option<String>,
    assignment: crate::model::Assignment,
    started: Instant,
) -> Plan {
    let certified = unreachable_families(p);
    // The bounds the heuristic can prove without a solver; `assemble` gives
    // each level its value from the plan, its status, and the level-1
    // objective `W·below + shortfall` with its gap.
    let level = |level, name: &str, sense: &str, bound: f64| LevelResult {
        level,
        name: name.into(),
        sense: sense.into(),
        value: 0.0,
        bound,
        status: SolveStatus::Feasible.as_str().into(),
        seconds: 0.0,
    };
    let mut levels = vec![
        level(1, level::BELOW, "min", certified as f64),
        level(1, level::SHORTFALL, "min", 0.0),
        level(2, level::POOL_SHORT, "min", 0.0),
        level(4, level::DELIVERED, "max", p.hours_upper_bound() as f64),
    ];
    // Re-planning: the changes no plan avoids bound both change levels.
    if let Some(b) = &p.baseline {
        let forced = |w: usize| f64::from(b.forced[w]);
        levels.insert(3, level(2, level::NOTICE_CHANGES, "min", forced(0)));
        levels.push(level(7, level::DRAFT_CHANGES, "min", forced(1)));
    }
    // A region's pool minimum (POOL-MIN) ranks above the floor: level 0 first.
    if p.slots.iter().any(|k| k.minimum > 0) {
        levels.insert(0, level(0, level::POOL_MIN, "min", 0.0));
    }
    let engine = EngineInfo {
        name: "heuristic".into(),
        status: SolveStatus::Feasible.as_str().into(),
        objective: 0.0,
        bound: p.floor_weight() * certified as f64,
        gap: 0.0,
        seconds: 0.0,
        levels,
        note,
        first_plan_seconds: None,
    };
    let mut plan = crate::plan::report::assemble(p, &assignment, engine, certified);
    if p.params.policy != crate::domain::policy::Policy::Normenkader {
        let why = format!(
            "the heuristic plans in the Normenkader's order: policy {} is applied by the MILP only",
            p.params.policy
        );
        plan.engine.note = Some(match plan.engine.note.take() {
            Some(n) => format!("{n}; {why}"),
            None => why,
        });
    }
    plan.engine.seconds = started.elapsed().as_secs_f64();
    plan.engine.first_plan_seconds = Some(plan.engine.seconds);
    plan
}

/// Families that no plan can keep at the floor: a home day in the horizon on
/// which no nurse may serve them at all (no arc), or a horizon floor above
/// what all their arcs together can carry.
pub fn unreachable_families(p: &Problem) -> u32 {
    (0..p.families.len())
        .filter(|&f| {
            let fam = &p.families[f];
            let day_capacity = |t: usize| -> u32 {
                let arcs: u32 = p.arcs_by_family_day[f][t]
                    .iter()
                    .map(|&a| p.arcs[a as usize].max_hours)
                    .sum();
                arcs.min(p.params.max_family_day)
            };
            let mut days = p.home_days(f).peekable();
            let any_day = days.peek().is_some();
            let mut total = 0;
            for t in days {
                let c = day_capacity(t);
                if c < FLOOR_PER_DAY {
                    return true;
                }
                total += c;
            }
            any_day && total.min(fam.cap) < fam.floor
        })
        .count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Tiny;

    #[test]
    fn the_heuristic_plan_is_checker_clean_and_certifies_what_it_can() {
        // F2 belongs to a provider without nurses: certainly below the floor.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .provider("P2")
            .family_of("F2", "P2", "2026-07-06", 2)
            .days(2)
            .build();
        let p = Problem::build(&s).unwrap();
        let plan = heuristic_plan(&p, None);
        assert!(crate::check::check(&s, &plan).is_clean());
        assert_eq!(plan.engine.name, "heuristic");
        assert_eq!(
            (
                plan.kpi.families_below_floor,
                plan.kpi.certified_min_below_floor
            ),
            (1, 1)
        );
    }

    #[test]
    fn auto_falls_back_to_the_heuristic_over_the_size_budget() {
        let s = Tiny::new(2).family("F1", "2026-07-06", 3).days(3).build();
        let p = Problem::build(&s).unwrap();
        let cfg = EngineConfig {
            max_columns: 5,
            ..EngineConfig::default()
        };
        let plan = plan(&p, &cfg).unwrap();
        assert_eq!(plan.engine.name, "heuristic");
        assert!(plan
            .engine
            .note
            .as_deref()
            .unwrap_or("")
            .contains("over the budget"));
        assert!(crate::check::check(&s, &plan).is_clean());
        let cfg = EngineConfig::default();
        assert_eq!(super::plan(&p, &cfg).unwrap().engine.name, "milp");
    }

    #[test]
    fn a_deadline_already_passed_still_gives_a_checked_plan_with_every_level() {
        // The MILP with no time left: no stage calls HiGHS, each keeps the
        // heuristic start and reports the level with the bound it has.
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-07", 8)
            .days(3)
            .build();
        let p = Problem::build(&s).unwrap();
        let on_time = milp_plan(&p, &SolveConfig::default()).unwrap();
        let late = SolveConfig {
            deadline: Some(Instant::now()),
            ..SolveConfig::default()
        };
        let plan = milp_plan(&p, &late).unwrap();
        assert!(crate::check::check(&s, &plan).is_clean());
        let names =
            |p: &Plan| -> Vec<String> { p.engine.levels.iter().map(|l| l.name.clone()).collect() };
        assert_eq!(names(&plan), names(&on_time));
        for l in &plan.engine.levels {
            assert!(l.status == "optimal" || l.status == "time_limit", "{l:?}");
        }
        // Every family is new to its nurses, but only HiGHS proves that
        // two new pairs are the least: the columns alone bound level 5 by 0.
        let status = |p: &Plan, name: &str| {
            p.engine
                .levels
                .iter()
                .find(|l| l.name == name)
                .map(|l| (l.status.clone(), l.bound))
        };
        assert_eq!(
            status(&on_time, level::NEW_NURSES),
            Some(("optimal".into(), 2.0))
        );
        assert_eq!(
            status(&plan, level::NEW_NURSES),
            Some(("time_limit".into(), 0.0))
        );
    }

    #[test]
    fn auto_returns_the_heuristic_plan_when_highs_finds_nothing_in_time() {
        // A region large enough that 1 ms leaves HiGHS no time for a plan of its own.
        let s = crate::generate::generate(&crate::generate::GenParams::default());
        let p = Problem::build(&s).unwrap();
        let cfg = EngineConfig {
            solve: crate::milp::SolveConfig {
                time_limit: 0.001,
                ..Default::default()
            },
            ..EngineConfig::default()
        };
        let plan = plan(&p, &cfg).unwrap();
        assert_eq!(plan.engine.name, "heuristic", "{:?}", plan.engine);
        // Either HiGHS found nothing in time, or the model could not even
        // be built in it: the heuristic's plan either way, saying why.
        let note = plan.engine.note.as_deref().unwrap_or("");
        assert!(
            note.contains("no plan better than the heuristic's")
                || note.contains("more than the 0 s left"),
            "{note}"
        );
        assert!(plan.engine.first_plan_seconds.is_some());
        let report = crate::check::check(&s, &plan);
        assert!(report.is_clean(), "{:#?}", report.violations);
        assert!(plan.kpi.families_below_floor >= plan.kpi.certified_min_below_floor);
    }
}
