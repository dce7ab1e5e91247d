//! The escalation ladder of the Normenkader (§2.2, §3; `models/rules.md`, Colour
//! codes) and the colour code of every ISO week.
//!
//! Each provider is first solved on its own, with its own nurses, families
//! and share of the partus pool: without measures (`alone`), then with the
//! tier-1 measures it can use by itself (`tier1`), then with M-KIO as well
//! (`tier2`), each rung only for providers the previous one left below the
//! floor. The providers of a rung are solved in parallel. If a provider
//! still cannot keep its families at the floor (code rood), or the regional
//! waiting list holds families, the region is solved as one with every
//! allowed measure, lending and the waiting list. Otherwise every provider
//! keeps the measures of its last rung in the final plan, with the pool in
//! its own scope. Measures are thus used only where a lower rung could not
//! keep the floor; within a rung, level 6 prefers tier 1 to tier 2.

use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;

use crate::engine::{self, EngineConfig};
use crate::milp::SolveError;
use crate::model::measures::{self, Measure, MeasureSet, Permissions};
use crate::model::pool::SHIFTS;
use crate::model::{ModelError, Problem};
use crate::plan::reasons;
use crate::plan::{FamilyOutcome, Plan, ProviderEscalation, RungOutcome, WeekCode};
use crate::scenario::{PartusPool, PoolScope, Scenario, ShiftRequirement};

/// Why the ladder could not produce a plan.
#[derive(Debug, thiserror::Error)]
pub enum LadderError {
    /// The scenario could not be indexed.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The solver failed.
    #[error(transparent)]
    Solve(#[from] SolveError),
}

/// Colour codes in escalating order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Colour {
    /// Full indication, no measures.
    Groen,
    /// Floor kept with measures.
    Oranje,
    /// A provider cannot keep the floor on its own.
    Rood,
    /// A family below the floor after redistribution.
    Zwart,
}

impl Colour {
    /// The Dutch name used in plans.
    pub fn name(self) -> &'static str {
        match self {
            Colour::Groen => "groen",
            Colour::Oranje => "oranje",
            Colour::Rood => "rood",
            Colour::Zwart => "zwart",
        }
    }
}

/// One rung's result for one provider, with the weeks in which its
/// families fell below the floor.
#[derive(Debug, Clone)]
struct Rung {
    name: &'static str,
    measures: MeasureSet,
    below: u32,
    shortfall: u32,
    certified: u32,
    full: bool,
    /// Families below their full share, and the hours they miss of it.
    not_full: (u32, u32),
    /// Per week of the horizon: a family of the provider below the floor in it.
    below_in_week: Vec<bool>,
    /// Per week: every family of the provider with a home day in it is full.
    full_in_week: Vec<bool>,
    /// Measures the rung's plan used.
    used: Vec<String>,
    /// The rung's plan: the start of the rung above.
    plan: Plan,
}

/// Plan `s` by the escalation ladder; the plan carries `weeks` and `escalation`.
pub fn plan(s: &Scenario, cfg: &EngineConfig) -> Result<Plan, LadderError> {
    let started = Instant::now();
    // One end for every rung and the final plan: `--time-limit` is a promise.
    let end = cfg.solve.end(started);
    let total = end.saturating_duration_since(started).as_secs_f64();
    let left = || end.saturating_duration_since(Instant::now()).as_secs_f64();
    let whole = Problem::build(s)?;
    // Colour codes are the Normenkader's: they are decided on its order of
    // levels. A plan under another policy is the region rung, to compare.
    if s.rules.policy() != crate::domain::policy::Policy::Normenkader {
        return Ok(crate::engine::plan(&whole, cfg)?);
    }
    let allowed = MeasureSet::allowed_by(s);
    let n_prov = s.providers.len();
    let has_families: Vec<bool> = (0..n_prov)
        .map(|pr| {
            (0..whole.families.len()).any(|f| {
                whole.families[f].provider == Some(pr as u32) && whole.home_days(f).next().is_some()
            })
        })
        .collect();

    let mut rungs: Vec<Vec<Rung>> = vec![Vec::new(); n_prov];
    // Shares of the time limit per rung, and the least the final plan gets.
    // A final plan that stops at level 1 (the forecast's fast fidelity)
    // needs little time, so the rungs, which decide the colours, get more.
    let (shares, final_share) = if cfg.solve.last_level <= 1 {
        ([0.5, 0.15, 0.15], 0.2)
    } else {
        ([0.2, 0.1, 0.1], 0.5)
    };
    let ladder: [(&'static str, MeasureSet, u32, f64); 3] = [
        ("alone", MeasureSet::NONE, 3, shares[0]),
        ("tier1", measures::tier1().and(allowed), 1, shares[1]),
        ("tier2", measures::tier2().and(allowed), 1, shares[2]),
    ];
    for (i, &(name, rung_measures, last_level, share)) in ladder.iter().enumerate() {
        let todo: Vec<usize> = (0..n_prov)
            .filter(|&pr| has_families[pr])
            .filter(|&pr| match rungs[pr].last() {
                None => i == 0,
                // Climb only when the previous rung left families below and this one adds a measure.
                Some(prev) => prev.below > 0 && rung_measures != prev.measures,
            })
            .collect();
        if todo.is_empty() {
            continue;
        }
        // A rung that ran long takes its time from the rungs after it,
        // never from the final plan's share.
        let budget = (total * share).min(left() - total * final_share).max(0.0);
        let starts: Vec<Option<&Plan>> = todo
            .iter()
            .map(|&pr| rungs[pr].last().map(|r| &r.plan))
            .collect();
        let results = solve_alone(
            s,
            &whole,
            &todo,
            &starts,
            rung_measures,
            last_level,
            budget,
            cfg,
        )?;
        for (pr, mut rung) in todo.into_iter().zip(results) {
            rung.name = name;
            rungs[pr].push(rung);
        }
    }

    let weeks = whole.weeks.len();
    let rood: Vec<bool> = (0..n_prov)
        .map(|pr| rungs[pr].last().is_some_and(|r| r.below > 0))
        .collect();
    let waitlist_weeks: Vec<bool> = (0..weeks)
        .map(|w| {
            (0..whole.families.len()).any(|f| {
                whole.families[f].provider.is_none()
                    && whole.weeks[w].days.clone().any(|t| whole.home_day[[f, t]])
            })
        })
        .collect();
    let region = rood.iter().any(|&r| r) || waitlist_weeks.iter().any(|&w| w);

    let perms = if region {
        // Tier 2 (M-KIO) stays with the providers whose tier 1 could not keep
        // the floor on their own; lending and the waiting list open up.
        let region = Permissions::region(s);
        Permissions {
            per_provider: (0..n_prov)
                .map(|pr| {
                    let tried_tier2 = rungs[pr].iter().any(|r| r.name == "tier2");
                    if tried_tier2 {
                        region.per_provider[pr]
                    } else {
                        region.per_provider[pr].without(Measure::Kio)
                    }
                })
                .collect(),
            waitlist_measures: region.waitlist_measures.without(Measure::Kio),
            waitlisted: rood.clone(),
        }
    } else {
        Permissions {
            per_provider: (0..n_prov)
                .map(|pr| rungs[pr].last().map_or(MeasureSet::NONE, |r| r.measures))
                .collect(),
            waitlist_measures: MeasureSet::NONE,
            waitlisted: vec![false; n_prov],
        }
    };
    let final_problem = Problem::build_with(s, perms)?;
    let final_cfg = EngineConfig {
        solve: crate::milp::SolveConfig {
            time_limit: left(),
            deadline: Some(end),
            ..cfg.solve.clone()
        },
        ..cfg.clone()
    };
    // The final plan also starts from the providers' last rungs together:
    // it never ends worse than what they found on their own.
    let from_rungs: Vec<&Plan> = rungs
        .iter()
        .filter_map(|list| list.last().map(|r| &r.plan))
        .collect();
    let mut plan = engine::plan_from(&final_problem, &final_cfg, &from_rungs)?;
    plan.ladder = true;
    plan.engine.seconds = started.elapsed().as_secs_f64();

    let final_below: Vec<Vec<usize>> = plan
        .families
        .iter()
        .enumerate()
        .map(|(f, out)| below_weeks(&final_problem, f, out))
        .collect();
    let outcomes: Vec<Vec<RungOutcome>> = rungs
        .iter()
        .map(|list| list.iter().map(|r| r.outcome(&final_problem)).collect())
        .collect();
    plan.weeks = colour_weeks(
        s,
        &final_problem,
        &rungs,
        &outcomes,
        &final_below,
        &waitlist_weeks,
        &plan,
        region,
    );
    plan.escalation = (0..n_prov)
        .map(|pr| ProviderEscalation {
            provider: s.providers[pr].id.clone(),
            rung: if region {
                "region".into()
            } else {
                rungs[pr].last().map_or("alone", |r| r.name).into()
            },
            rungs: outcomes[pr].clone(),
        })
        .collect();
    Ok(plan)
}

impl Rung {
    /// The rung as the plan records it: its figures, and the weeks behind
    /// the colours it decides, so that the checker can derive them again.
    fn outcome(&self, p: &Problem) -> RungOutcome {
        let weeks = |flags: &[bool], on: bool| -> Vec<String> {
            flags
                .iter()
                .zip(&p.weeks)
                .filter(|(f, _)| **f == on)
                .map(|(_, w)| w.key.clone())
                .collect()
        };
        let alone = self.name == "alone";
        RungOutcome {
            rung: self.name.into(),
            measures: self.measures.ids(),
            families_below_floor: self.below,
            shortfall_hours: self.shortfall,
            certified_min_below_floor: self.certified,
            full: alone.then_some(self.full),
            used: self.used.clone(),
            below_weeks: weeks(&self.below_in_week, true),
            not_full_weeks: if alone {
                weeks(&self.full_in_week, false)
            } else {
                Vec::new()
            },
            not_full_families: if alone { self.not_full.0 } else { 0 },
            not_full_hours: if alone { self.not_full.1 } else { 0 },
        }
    }
}

/// Solve each provider in `todo` on its own with `measures`, in parallel,
/// each with a share of `budget` seconds in proportion to its size.
#[allow(clippy::too_many_arguments)]
fn solve_alone(
    s: &Scenario,
    whole: &Problem,
    todo: &[usize],
    starts: &[Option<&Plan>],
    measures: MeasureSet,
    last_level: u32,
    budget: f64,
    cfg: &EngineConfig,
) -> Result<Vec<Rung>, LadderError> {
    let problems: Vec<(Scenario, Problem)> = todo
        .iter()
        .map(|&pr| {
            let sub = alone_scenario(s, whole, pr);
            let perms = Permissions::alone(&sub, measures);
            let p = Problem::build_with(&sub, perms)?;
            Ok((sub, p))
        })
        .collect::<Result<_, ModelError>>()?;
    let size: Vec<f64> = problems
        .iter()
        .map(|(_, p)| p.arcs.len().max(1) as f64)
        .collect();
    let total: f64 = size.iter().sum();
    let workers = rayon::current_num_threads() as f64;
    let rung_end = Instant::now() + std::time::Duration::from_secs_f64(budget);
    problems
        .par_iter()
        .zip(size.par_iter())
        .zip(todo.par_iter().zip(starts.par_iter()))
        .with_max_len(1)
        .map(|(((_, p), &sz), (&pr, start))| {
            let cfg = EngineConfig {
                solve: crate::milp::SolveConfig {
                    time_limit: budget * (workers * sz / total).min(1.0),
                    last_level,
                    deadline: Some(rung_end),
                    ..cfg.solve.clone()
                },
                ..cfg.clone()
            };
            let plan = engine::plan_from(p, &cfg, start.as_slice())?;
            Ok(rung_of(p, plan, pr, measures))
        })
        .collect()
}

/// What a provider-alone plan says about provider `pr`.
fn rung_of(p: &Problem, plan: Plan, pr: usize, measures: MeasureSet) -> Rung {
    let weeks = p.weeks.len();
    let mut below_in_week = vec![false; weeks];
    let mut full_in_week = vec![true; weeks];
    let (mut below, mut shortfall, mut full) = (0, 0, true);
    let mut not_full = (0, 0);
    for (f, out) in plan.families.iter().enumerate() {
        if p.families[f].provider != Some(pr as u32) {
            continue;
        }
        for w in below_weeks(p, f, out) {
            below_in_week[w] = true;
        }
        let is_full = is_full(out);
        for (w, week) in p.weeks.iter().enumerate() {
            if !is_full && week.days.clone().any(|t| p.home_day[[f, t]]) {
                full_in_week[w] = false;
            }
        }
        full &= is_full;
        if !is_full {
            not_full.0 += 1;
            not_full.1 += (out.target + 1e-9).floor() as u32 - out.planned;
        }
        below += u32::from(out.below_floor);
        shortfall += out.shortfall;
    }
    Rung {
        name: "",
        measures,
        below,
        shortfall,
        certified: plan.kpi.certified_min_below_floor.min(below),
        full,
        not_full,
        below_in_week,
        full_in_week,
        used: plan.measures_used.keys().cloned().collect(),
        plan,
    }
}

/// A family gets its full share of the indication (`planned ≥ ⌊target⌋`).
fn is_full(out: &FamilyOutcome) -> bool {
    out.planned as f64 >= (out.target + 1e-9).floor()
}

/// The weeks (indices) in which family `f` is below the floor: those with a
/// short day, and, when it is short of its horizon floor, the week of its
/// last home day in the horizon.
pub fn below_weeks(p: &Problem, f: usize, out: &FamilyOutcome) -> Vec<usize> {
    let week_of = |t: usize| p.weeks.iter().position(|w| w.days.contains(&t));
    let mut weeks: Vec<usize> = out
        .short_days
        .iter()
        .filter_map(|d| p.dates.iter().position(|x| x == d))
        .filter_map(week_of)
        .collect();
    if out.floor > out.planned {
        if let Some(w) = p.home_days(f).last().and_then(week_of) {
            weeks.push(w);
        }
    }
    weeks.sort_unstable();
    weeks.dedup();
    weeks
}

/// The scenario of provider `pr` on its own: its nurses and families, and
/// its share of the partus pool as explicit requirements.
pub fn alone_scenario(s: &Scenario, whole: &Problem, pr: usize) -> Scenario {
    let id = &s.providers[pr].id;
    let nurses: Vec<_> = s
        .nurses
        .iter()
        .filter(|n| &n.provider == id)
        .cloned()
        .collect();
    let kept: std::collections::HashSet<&str> = nurses.iter().map(|n| n.id.as_str()).collect();
    let families = s
        .families
        .iter()
        .filter(|f| f.provider.as_ref() == Some(id))
        .map(|f| {
            let mut f = f.clone();
            f.known_nurses.retain(|k| kept.contains(k.as_str()));
            f
        })
        .collect();
    let partus_pool = whole.pool.as_ref().map(|table| {
        let mut shifts = Vec::new();
        for (t, date) in whole.dates.iter().enumerate() {
            for (k, shift) in SHIFTS.iter().enumerate() {
                let share = table.shares(t, k)[pr];
                if share > 0 {
                    shifts.push(ShiftRequirement {
                        date: *date,
                        shift: *shift,
                        required: share,
                    });
                }
            }
        }
        PartusPool {
            scope: PoolScope::Provider,
            shifts,
            expected_pa_per_day: None,
            pa_hours: None,
            max_blocking: None,
            min_on_call: table.min_on_call,
        }
    });
    Scenario {
        nurses,
        families,
        partus_pool,
        ..s.clone()
    }
}

/// The colour code of every week, with one line per non-green code
/// (rendered by [`reasons`] from the rungs' outcomes and the final plan).
#[allow(clippy::too_many_arguments)]
fn colour_weeks(
    s: &Scenario,
    p: &Problem,
    rungs: &[Vec<Rung>],
    outcomes: &[Vec<RungOutcome>],
    final_below: &[Vec<usize>],
    waitlist_weeks: &[bool],
    plan: &Plan,
    region: bool,
) -> Vec<WeekCode> {
    let below_of = |fams: &[usize]| -> Vec<(&str, u32)> {
        fams.iter()
            .map(|&f| (plan.families[f].id.as_str(), plan.families[f].shortfall))
            .collect()
    };
    let (moved, providers_helping) = across_providers(p, plan);
    let final_proven = plan.kpi.families_below_floor == plan.kpi.certified_min_below_floor;
    let mut out = Vec::new();
    for (w, week) in p.weeks.iter().enumerate() {
        let mut providers = BTreeMap::new();
        let mut why = Vec::new();
        let mut worst = Colour::Groen;
        // Colours whose code some provider holds with proof (capped at rood).
        let mut proven_colours = vec![Colour::Groen];
        let mut unproven = Vec::new();
        for (pr, provider) in s.providers.iter().enumerate() {
            let own_below: Vec<usize> = (0..p.families.len())
                .filter(|&f| {
                    p.families[f].provider == Some(pr as u32) && final_below[f].contains(&w)
                })
                .collect();
            let colour = match (rungs[pr].first(), rungs[pr].last()) {
                _ if !own_below.is_empty() => Colour::Zwart,
                (Some(alone), _) if !alone.below_in_week[w] && alone.full_in_week[w] => {
                    Colour::Groen
                }
                (Some(_), Some(last)) if !last.below_in_week[w] => Colour::Oranje,
                (Some(_), Some(_)) => Colour::Rood,
                _ => Colour::Groen,
            };
            why.extend(reasons::provider_line(
                provider.id.as_str(),
                colour.name(),
                &outcomes[pr],
                &below_of(&own_below),
            ));
            worst = worst.max(colour.min(Colour::Rood));
            if proven(colour, &rungs[pr], final_proven) {
                proven_colours.push(colour.min(Colour::Rood));
            } else {
                unproven.push(provider.id.clone());
            }
            providers.insert(provider.id.clone(), colour.name().to_string());
        }
        let all_below: Vec<usize> = (0..p.families.len())
            .filter(|&f| final_below[f].contains(&w))
            .collect();
        let region_colour = if !all_below.is_empty() {
            Colour::Zwart
        } else if waitlist_weeks[w] {
            Colour::Rood
        } else {
            worst
        };
        let region_proven = match region_colour {
            Colour::Zwart => final_proven,
            c => (c == Colour::Rood && waitlist_weeks[w]) || proven_colours.contains(&c),
        };
        why.extend(reasons::region_line(
            region_colour.name(),
            &below_of(&all_below),
            moved,
            providers_helping,
            region,
        ));
        out.push(WeekCode {
            week: week.key.clone(),
            region: region_colour.name().into(),
            providers,
            proven: region_proven,
            unproven,
            why,
        });
    }
    out
}

/// Whether a provider's `colour` rests on proof: groen is shown by the plan
/// itself; oranje needs the `alone` rung to certify a family below the floor
/// (so a measure was needed); rood needs the last rung to (so the provider
/// could not keep the floor on its own); zwart needs the final plan's count
/// to be its certified minimum. The certificates count families over the
/// horizon, so in a horizon of several weeks the proof is the horizon's.
fn proven(colour: Colour, rungs: &[Rung], final_proven: bool) -> bool {
    match colour {
        Colour::Groen => true,
        Colour::Oranje => rungs.first().is_some_and(|r| r.certified > 0),
        Colour::Rood => rungs.last().is_some_and(|r| r.certified > 0),
        Colour::Zwart => final_proven,
    }
}

/// Families the final plan serves across providers (under M-LENDING or
/// M-WAITLIST), and the number of providers whose nurses do so.
fn across_providers(p: &Problem, plan: &Plan) -> (u32, u32) {
    let across = |ms: &[String]| {
        ms.iter()
            .any(|m| m == Measure::Waitlist.id() || m == Measure::Lending.id())
    };
    let moved = plan.families.iter().filter(|f| across(&f.measures)).count();
    let providers = plan
        .nurses
        .iter()
        .zip(&p.nurses)
        .filter(|(n, _)| across(&n.measures))
        .map(|(_, d)| d.provider)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    (moved as u32, providers as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Tiny;

    /// Climb the ladder to optimality and require a checker-clean plan.
    fn climb(s: &Scenario) -> Plan {
        let cfg = EngineConfig {
            solve: crate::milp::SolveConfig {
                time_limit: 60.0,
                gap: 0.0,
                ..Default::default()
            },
            ..EngineConfig::default()
        };
        let plan = plan(s, &cfg).expect("ladder");
        let report = crate::check::check(s, &plan);
        assert!(report.is_clean(), "{:#?}", report.violations);
        assert_eq!(plan.weeks.len(), 1);
        plan
    }

    fn colours(plan: &Plan) -> (String, Vec<(String, String)>) {
        let w = &plan.weeks[0];
        let providers = w
            .providers
            .iter()
            .map(|(p, c)| (p.clone(), c.clone()))
            .collect();
        (w.region.clone(), providers)
    }

    fn pair(p: &str, c: &str) -> (String, String) {
        (p.to_string(), c.to_string())
    }

    #[test]
    fn groen_when_every_family_gets_its_full_share_without_measures() {
        // An 8-day episode's first two days carry 49·(1.25+1.18)/8.04 = 14.8 h:
        // two nurses give 7 + 8 h without any measure.
        let s = Tiny::new(2).family("F1", "2026-07-06", 8).days(2).build();
        let plan = climb(&s);
        assert_eq!(colours(&plan), ("groen".into(), vec![pair("P1", "groen")]));
        assert!(plan.weeks[0].why.is_empty());
        assert_eq!(plan.escalation[0].rung, "alone");
        assert!(plan.weeks[0].proven, "a plan shows groen by itself");
    }

    #[test]
    fn oranje_when_the_floor_holds_but_the_full_share_does_not() {
        // One nurse with a 10-hour week: the floor of 6 h is kept, the full
        // share ⌊14.8⌋ = 14 h is not, by 4 h.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 8)
            .days(2)
            .contract(0, 10)
            .build();
        let plan = climb(&s);
        assert_eq!(colours(&plan).0, "oranje");
        assert!(
            plan.weeks[0].why[0].contains("1 family short of the full indication by 4 h"),
            "{:?}",
            plan.weeks[0].why
        );
        assert!(plan.measures_used.is_empty());
        // No certificate says the full share was out of reach: not proven.
        assert!(!plan.weeks[0].proven);
        assert_eq!(plan.weeks[0].unproven, ["P1"]);
    }

    #[test]
    fn oranje_with_measures_uses_them_only_where_the_floor_needs_them() {
        // One nurse, two families at home today (3 h floor each): only
        // combined care keeps both at the floor on the provider's own.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .days(1)
            .measure("M-COMBINED")
            .measure("M-KIO")
            .consent("N1", "M-COMBINED")
            .build();
        let plan = climb(&s);
        assert_eq!(colours(&plan).0, "oranje");
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert_eq!(plan.measures_used.get("M-COMBINED"), Some(&1));
        let e = &plan.escalation[0];
        assert_eq!(e.rung, "tier1");
        assert_eq!(
            e.rungs.len(),
            2,
            "tier 2 is not tried once tier 1 holds the floor"
        );
        assert_eq!(
            (
                e.rungs[0].families_below_floor,
                e.rungs[1].families_below_floor
            ),
            (1, 0)
        );
        assert!(plan.weeks[0].why[0].contains("M-COMBINED"));
        // Alone, one nurse cannot give two families 3 h each: certified, so proven.
        assert_eq!(e.rungs[0].certified_min_below_floor, 1);
        assert!(plan.weeks[0].proven && plan.weeks[0].unproven.is_empty());
    }

    #[test]
    fn tier_two_only_after_tier_one_fails() {
        // The only nurse is a trainee: no tier-1 measure helps, M-KIO does.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 8)
            .days(1)
            .role("N1", "kio")
            .measure("M-KIO")
            .measure("M-FLEX")
            .build();
        let plan = climb(&s);
        let e = &plan.escalation[0];
        let rungs: Vec<&str> = e.rungs.iter().map(|r| r.rung.as_str()).collect();
        assert_eq!(rungs, ["alone", "tier1", "tier2"]);
        assert_eq!(e.rung, "tier2");
        assert_eq!(plan.measures_used.get("M-KIO"), Some(&1));
        assert_eq!(colours(&plan).0, "oranje");
    }

    /// P1's only nurse is off; P2 has two free nurses.
    fn p1_without_nurses() -> Tiny {
        Tiny::new(1)
            .provider("P2")
            .nurse_of("N2", "P2")
            .nurse_of("N3", "P2")
            .family("F1", "2026-07-06", 8)
            .family_of("F2", "P2", "2026-07-06", 8)
            .days(1)
            .off("N1", "2026-07-06")
    }

    #[test]
    fn rood_when_a_provider_needs_the_region_and_lending_saves_the_floor() {
        let plan = climb(&p1_without_nurses().measure("M-LENDING").build());
        let (region, providers) = colours(&plan);
        assert_eq!(region, "rood");
        assert_eq!(providers, vec![pair("P1", "rood"), pair("P2", "groen")]);
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert_eq!(plan.measures_used.get("M-LENDING"), Some(&1));
        assert!(plan.escalation.iter().all(|e| e.rung == "region"));
        assert!(plan.weeks[0].why.iter().any(|l| l.starts_with("P1 rood")));
        assert!(plan.weeks[0]
            .why
            .iter()
            .any(|l| l.starts_with("region rood")));
        assert!(
            plan.weeks[0].proven,
            "P1 alone is certified below the floor"
        );
    }

    #[test]
    fn zwart_when_the_region_cannot_help_either_with_a_proven_bound() {
        let plan = climb(&p1_without_nurses().build());
        let (region, providers) = colours(&plan);
        assert_eq!(region, "zwart");
        assert_eq!(providers, vec![pair("P1", "zwart"), pair("P2", "groen")]);
        assert_eq!(plan.kpi.families_below_floor, 1);
        assert_eq!(plan.kpi.certified_min_below_floor, 1);
        assert!(plan.weeks[0].why.iter().any(|l| l.contains("F1")));
        assert!(plan.weeks[0].proven);
    }

    #[test]
    fn the_waiting_list_makes_the_region_rood_and_is_served_under_m_waitlist() {
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .family_field("F2", "provider", serde_json::Value::Null)
            .days(1)
            .measure("M-WAITLIST")
            .build();
        let plan = climb(&s);
        assert_eq!(colours(&plan).0, "rood");
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert_eq!(plan.measures_used.get("M-WAITLIST"), Some(&1));
    }

    #[test]
    fn a_rung_starts_from_the_rung_below_and_the_final_plan_from_the_rungs() {
        // Two nurses, two families at home on one day, combined care allowed
        // (tier 1). With no time at all no HiGHS call runs and no search
        // pass: every rung is its start. Alone the greedy keeps both at the
        // floor; tier 1 is never climbed, and the final plan, started from
        // the alone rung, is as good as it.
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 8)
            .family("F2", "2026-07-06", 8)
            .days(1)
            .measure("M-COMBINED")
            .build();
        let cfg = EngineConfig {
            solve: crate::milp::SolveConfig {
                time_limit: 0.0,
                ..Default::default()
            },
            ..EngineConfig::default()
        };
        let plan = plan(&s, &cfg).expect("ladder");
        assert!(crate::check::check(&s, &plan).is_clean());
        assert_eq!(plan.escalation[0].rungs.len(), 1);
        let alone = &plan.escalation[0].rungs[0];
        assert_eq!(
            plan.kpi.families_below_floor, alone.families_below_floor,
            "the final plan keeps what the rung found"
        );
        assert_eq!(plan.kpi.families_below_floor, 0);
    }

    #[test]
    fn alone_scenarios_keep_the_providers_share_of_a_regional_pool() {
        // A day shift needing 2 on-call nurses, two providers with one family
        // each: on its own, each carries one.
        let s = p1_without_nurses()
            .partus_nurse("N2")
            .pool_shift("2026-07-06", "day", 2)
            .build();
        let whole = Problem::build(&s).unwrap();
        let alone = alone_scenario(&s, &whole, 1);
        assert_eq!(alone.nurses.len(), 2);
        assert_eq!(alone.families.len(), 1);
        let pool = alone.partus_pool.unwrap();
        assert_eq!(pool.scope, PoolScope::Provider);
        assert_eq!(pool.shifts.len(), 1);
        assert_eq!(pool.shifts[0].required, 1);
    }
}
