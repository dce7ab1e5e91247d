//! Issue 11: the checker must not pass a forged plan.
//!
//! Real plans — the escalation ladder on the four bundled colour scenarios
//! (groen, oranje, rood and zwart, the last with a proven certificate), and
//! the heuristic alone on a fixture — are tampered with at random, one edit
//! at a time: a visit's hours, a visit moved to a nurse's day off, a raised
//! certificate, a KPI, a family or nurse figure, the engine's objective,
//! bound, gap, status and levels, a rung of the ladder, a colour, a reason,
//! a deleted `weeks[]` or `escalation[]`, the format or the scenario name.
//! Every tamper must be caught: the checker reports at least one violation,
//! or (an unknown field) refuses to read the plan.
//!
//! Only edits that change what the plan claims are drawn: a rung's count is
//! changed between zero and non-zero (a rung's plan is not in the file, so
//! 2 → 3 families is the engine's word, listed as unverifiable by `check`).

use std::sync::OnceLock;

use proptest::prelude::*;

use kraamplan::check;
use kraamplan::engine::{self, EngineConfig};
use kraamplan::milp::SolveConfig;
use kraamplan::model::Problem;
use kraamplan::plan::Plan;
use kraamplan::scenario::{read_scenario, Scenario};

/// The scenarios with a clean plan each, solved once for all cases.
fn plans() -> &'static Vec<(Scenario, Plan)> {
    static PLANS: OnceLock<Vec<(Scenario, Plan)>> = OnceLock::new();
    PLANS.get_or_init(|| {
        let cfg = EngineConfig {
            solve: SolveConfig {
                time_limit: 20.0,
                ..SolveConfig::default()
            },
            ..EngineConfig::default()
        };
        let mut out = Vec::new();
        for c in ["groen", "oranje", "rood", "zwart"] {
            let s = read_scenario(format!("scenarios/colours/{c}.json").as_ref())
                .unwrap()
                .scenario;
            let plan = kraamplan::engine::escalation::plan(&s, &cfg).unwrap();
            out.push((s, plan));
        }
        let s = read_scenario("tests/fixtures/2providers-12nurses-15families.json".as_ref())
            .unwrap()
            .scenario;
        let plan = engine::heuristic_plan(&Problem::build(&s).unwrap(), None);
        out.push((s, plan));
        for (s, p) in &out {
            let r = check::check(s, p);
            assert!(r.is_clean(), "{}: {:#?}", s.name, r.violations);
        }
        out
    })
}

/// Apply tamper `kind` with choice `k`; `None` when it does not apply to
/// this plan (e.g. no nurse has a day off in the horizon).
fn tamper(s: &Scenario, mut p: Plan, kind: u8, k: usize) -> Option<Plan> {
    let pick = |n: usize| k % n.max(1);
    match kind {
        0 => {
            // A visit's hours, up or down.
            let i = pick(p.visits.len());
            let v = p.visits.get_mut(i)?;
            v.hours = if v.hours > 3 && k % 2 == 0 {
                v.hours - 1
            } else {
                v.hours + 1
            };
        }
        1 => {
            // A visit moved to one of its nurse's days off in the horizon.
            let end = s.end();
            let i = (0..p.visits.len())
                .map(|j| (j + k) % p.visits.len())
                .find(|&j| {
                    s.nurses
                        .iter()
                        .find(|n| n.id == p.visits[j].nurse)
                        .is_some_and(|n| n.off.iter().any(|d| *d >= s.start && *d <= end))
                })?;
            let n = s.nurses.iter().find(|n| n.id == p.visits[i].nurse)?;
            let day = *n.off.iter().find(|d| **d >= s.start && **d <= end)?;
            p.visits[i].date = day;
        }
        2 => {
            // The certificate raised: "this shortage was unavoidable".
            let c = &mut p.kpi.certified_min_below_floor;
            *c = if *c < p.kpi.families_below_floor {
                p.kpi.families_below_floor
            } else {
                *c + 1
            };
        }
        3 => {
            // A key figure.
            let kp = &mut p.kpi;
            match k % 9 {
                7 => kp.pool_min_shortfall += 1,
                0 => kp.families_below_floor += 1,
                1 => kp.shortfall_hours += 1,
                2 => kp.delivered_hours += 1,
                3 => kp.pool_shortfall += 1,
                4 => kp.gini += 0.01,
                5 => kp.min_ratio = (kp.min_ratio + 0.1).min(2.0),
                6 => kp.provider_scale_down_spread += 0.05,
                // One tenth of a km: a sum of visits in tenths is exact.
                _ => kp.travel_km += 0.1,
            }
        }
        4 => {
            // A family's figures.
            let i = pick(p.families.len());
            let f = p.families.get_mut(i)?;
            match k % 4 {
                0 => f.below_floor = !f.below_floor,
                1 => f.shortfall += 1,
                2 => f.planned += 1,
                _ => f.floor += 1,
            }
        }
        5 => {
            // A nurse's figures.
            let i = pick(p.nurses.len());
            let n = p.nurses.get_mut(i)?;
            match k % 3 {
                0 => n.hours += 1,
                1 => n.days_worked += 1,
                _ => n.oncall_shifts += 1,
            }
        }
        6 => {
            // The engine block.
            let e = &mut p.engine;
            match k % 7 {
                0 => e.objective += 1.0,
                1 => e.bound = e.objective + 1.0,
                2 => {
                    e.status = "optimal".into();
                    e.bound = e.objective - 1.0;
                    e.gap = (e.objective - e.bound) / e.objective.abs().max(1.0);
                }
                3 => e.gap += 0.5,
                4 => e.name = "cplex".into(),
                5 => e.status = "proven".into(),
                _ => e.bound = f64::NAN,
            }
        }
        7 => {
            // A level.
            let i = pick(p.engine.levels.len());
            let l = p.engine.levels.get_mut(i)?;
            match k % 4 {
                0 if l.name != "lowest provider share"
                    && l.name != "fair distribution above the floor"
                    && l.name != "measure use" =>
                {
                    l.value += 1.0
                }
                0 | 1 => {
                    // A bound past its value.
                    l.bound = if l.sense == "min" {
                        l.value + 1.0
                    } else {
                        l.value - 1.0
                    };
                }
                2 => {
                    l.status = "optimal".into();
                    l.bound = if l.sense == "min" {
                        l.value - 1.0
                    } else {
                        l.value + 1.0
                    };
                }
                _ => l.name = "happiness".into(),
            }
        }
        8 => {
            // A rung of the ladder, between zero and non-zero.
            let e = p.escalation.iter_mut().find(|e| !e.rungs.is_empty())?;
            let r = e.rungs.first_mut()?;
            match k % 3 {
                0 if r.families_below_floor > 0 => {
                    r.families_below_floor = 0;
                    r.shortfall_hours = 0;
                }
                0 => r.families_below_floor = 1,
                1 => r.certified_min_below_floor = r.families_below_floor + 1,
                _ => r.measures.push("M-KIO".into()),
            }
        }
        9 => {
            // A colour.
            let w = p.weeks.first_mut()?;
            let ladder = ["groen", "oranje", "rood", "zwart"];
            if k % 2 == 0 {
                let i = ladder.iter().position(|c| *c == w.region)?;
                w.region = ladder[(i + 1 + k % 3) % 4].into();
            } else {
                let n = pick(w.providers.len());
                let (_, c) = w.providers.iter_mut().nth(n)?;
                let i = ladder.iter().position(|x| x == c)?;
                *c = ladder[(i + 1 + k % 3) % 4].into();
            }
        }
        10 => {
            // A reason, or the proof of a code.
            let w = p.weeks.first_mut()?;
            if k % 3 == 2 {
                w.proven = !w.proven;
            } else if w.why.is_empty() {
                w.why.push("P1 oranje: on its own all is well".into());
            } else {
                let i = pick(w.why.len());
                w.why[i] = w.why[i].replacen(char::is_numeric, "9", 1) + " (edited)";
            }
        }
        11 => {
            // Evidence deleted.
            if k % 2 == 0 && !p.weeks.is_empty() {
                p.weeks.clear();
            } else if !p.escalation.is_empty() {
                p.escalation.clear();
            } else {
                return None;
            }
        }
        12 => match k % 3 {
            0 => p.format = "kraamplan/plan@2".into(),
            1 => p.scenario = format!("{} (another week)", p.scenario),
            _ => p.ladder = !p.ladder,
        },
        _ => {
            // A family outcome or visit removed.
            if k % 2 == 0 {
                let i = pick(p.families.len());
                p.families.remove(i);
            } else {
                let i = pick(p.visits.len());
                p.visits.get(i)?;
                p.visits.remove(i);
            }
        }
    }
    Some(p)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_tamper_of_a_real_plan_is_caught(which in 0usize..5, kind in 0u8..14, k in 0usize..10_000) {
        let (s, plan) = &plans()[which];
        let Some(forged) = tamper(s, plan.clone(), kind, k) else {
            return Ok(());
        };
        prop_assume!(&forged != plan);
        let report = check::check(s, &forged);
        prop_assert!(
            !report.is_clean(),
            "tamper {kind}/{k} of {} passed the checker",
            s.name
        );
    }
}

/// Every edit of every level of every plan, not only those proptest draws:
/// a raised kilometre figure once slipped through a rounding allowance.
#[test]
fn every_level_tamper_is_caught() {
    for (s, plan) in plans() {
        for k in 0..plan.engine.levels.len() * 4 {
            let forged = tamper(s, plan.clone(), 7, k).expect("a level to edit");
            if &forged == plan {
                continue;
            }
            let report = check::check(s, &forged);
            assert!(!report.is_clean(), "tamper 7/{k} of {} passed", s.name);
        }
    }
}

/// A field the format does not define is refused when the plan is read.
#[test]
fn issue11_unknown_plan_fields_are_refused() {
    let (_, plan) = &plans()[0];
    let mut v = serde_json::to_value(plan).unwrap();
    v["kpi"]["proven_optimal"] = serde_json::json!(true);
    let err = Plan::from_json(&v.to_string()).unwrap_err();
    assert!(err.contains("kpi.proven_optimal"), "{err}");
    let mut v = serde_json::to_value(plan).unwrap();
    v["approved_by"] = serde_json::json!("insurer");
    assert!(Plan::from_json(&v.to_string()).is_err());
}

/// The certificate of the zwart scenario is proven by the solver; `check`
/// says which part rests on the solver's bound, and a raised certificate
/// on the heuristic's plan (whose own bound is 0) is caught.
#[test]
fn issue11_certificates_are_consistent_and_say_what_rests_on_the_solver() {
    let (s, plan) = &plans()[3];
    assert!(plan.kpi.certified_min_below_floor > 0, "zwart is certified");
    let report = check::check(s, plan);
    assert!(report.is_clean());
    assert!(
        report
            .unverified
            .iter()
            .any(|u| u.contains("certified minimum") && u.contains("solver's bound")),
        "{:?}",
        report.unverified
    );
    let (s, plan) = &plans()[4];
    let mut forged = plan.clone();
    forged.kpi.certified_min_below_floor = forged.kpi.families_below_floor.max(1);
    let report = check::check(s, &forged);
    assert!(
        report.violations.iter().any(|v| v.rule == "CERTIFICATE"),
        "{:#?}",
        report.violations
    );
}
