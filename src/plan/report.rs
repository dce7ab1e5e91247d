//! Turning an engine's visits into a full [`Plan`] (per-family and per-nurse
//! outcomes, key figures) and printing the summary table.
//!
//! The figures follow `models/semantics.md`; the checker recomputes all of
//! them independently from the scenario and flags any difference as `REPORT`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::domain::status::SolveStatus;
use crate::model::objective::level;
use crate::model::pool::SHIFTS;
use crate::model::Assignment;
use crate::model::{Problem, FLOOR_PER_DAY};
use crate::plan::{
    EngineInfo, FamilyOutcome, Kpi, NurseOutcome, OnCall, Plan, PoolShift, Site, Visit, PLAN_FORMAT,
};
use crate::scenario::Scenario;

/// Make the engine's level values the plan's own figures.
///
/// A stage's value is read from the solver's columns, and an auxiliary
/// column (a shortfall, a new-nurse flag) may sit above what the care itself
/// implies when a stage stops at its time limit. The plan reports what it
/// delivers: every level that is a figure of the plan takes that figure. A
/// minimised level's figure is never above the stage's value and a
/// maximised one never below it, so each bound stays a bound; it is only
/// clipped to the value where the value improved past it. The level-1
/// objective `W·below + shortfall` and its gap follow.
fn settle(engine: &mut EngineInfo, kpi: &Kpi, figures: Figures, weight: f64) {
    let Figures {
        new_nurses,
        km,
        notices,
    } = figures;
    for l in &mut engine.levels {
        let value = match (l.level, l.name.as_str()) {
            (2, level::NOTICE_CHANGES) => f64::from(notices[0]),
            (7, level::DRAFT_CHANGES) => f64::from(notices[1]),
            (1, level::BELOW) => kpi.families_below_floor as f64,
            (1, level::SHORTFALL) => kpi.shortfall_hours as f64,
            (2, level::POOL_SHORT) => kpi.pool_shortfall as f64,
            (0, level::POOL_MIN) => kpi.pool_min_shortfall as f64,
            (4, level::DELIVERED) => kpi.delivered_hours as f64,
            (5, level::NEW_NURSES) => new_nurses as f64,
            (6, level::KM) => km,
            _ => continue,
        };
        l.value = value;
        l.bound = if l.sense == "max" {
            l.bound.max(value)
        } else {
            l.bound.min(value)
        };
        let optimal = SolveStatus::Optimal.as_str();
        if (l.value - l.bound).abs() <= 1e-6 * l.value.abs().max(1.0) {
            l.status = optimal.into();
        } else if l.status == optimal {
            l.status = SolveStatus::Feasible.as_str().into();
        }
    }
    let optimal = SolveStatus::Optimal.as_str();
    if engine.status == optimal && engine.levels.iter().any(|l| l.status != optimal) {
        engine.status = SolveStatus::Feasible.as_str().into();
    }
    engine.objective = weight * kpi.families_below_floor as f64 + kpi.shortfall_hours as f64;
    engine.bound = engine.bound.min(engine.objective);
    engine.gap = crate::model::objective::relative_gap(engine.objective, engine.bound);
}

/// The level figures of a plan that are not key figures.
#[derive(Clone, Copy)]
struct Figures {
    new_nurses: u32,
    km: f64,
    /// Re-planning: notices in the notice window and on draft days.
    notices: [u32; 2],
}

/// Build the plan from what an engine decided.
pub fn assemble(p: &Problem, a: &Assignment, engine: EngineInfo, certified: u32) -> Plan {
    let days = p.days();
    let used = crate::model::usage::measure_use(p, a);
    let mut visits = Vec::new();
    let mut fam_day = vec![vec![0u32; days]; p.families.len()];
    let mut fam_nurse_hours: Vec<BTreeMap<usize, u32>> = vec![BTreeMap::new(); p.families.len()];
    let mut nurse_day = vec![vec![0u32; days]; p.nurses.len()];
    let mut worked = vec![vec![false; days]; p.nurses.len()];
    let mut travel = vec![0.0f64; p.nurses.len()];
    // Level 6b's own figure: kilometres there and back, not rounded per visit.
    let mut km = 0.0f64;
    let mut centre_day = vec![vec![false; days]; p.nurses.len()];
    for (arc, &hours) in p.arcs.iter().zip(&a.hours) {
        if hours == 0 {
            continue;
        }
        let (n, f, t) = (arc.nurse as usize, arc.family as usize, arc.day as usize);
        fam_day[f][t] += hours;
        *fam_nurse_hours[f].entry(n).or_default() += hours;
        worked[n][t] = true;
        if arc.centre {
            centre_day[n][t] = true;
        } else {
            nurse_day[n][t] += hours;
            travel[n] += round1(2.0 * arc.km);
            km += 2.0 * arc.km;
        }
        visits.push(Visit {
            nurse: p.nurses[n].id.clone(),
            family: p.families[f].id.clone(),
            date: p.dates[t],
            hours,
            site: if arc.centre {
                Site::Kraamcentrum
            } else {
                Site::Home
            },
        });
    }
    // A centre day (M-KRAAMCENTRUM): its hours once, however many families,
    // and the drive home → centre → home.
    for (n, row) in centre_day.iter().enumerate() {
        for (t, _) in row.iter().enumerate().filter(|d| *d.1) {
            nurse_day[n][t] += p.centre_hours();
            travel[n] += round1(2.0 * p.nurses[n].centre_km);
            km += 2.0 * p.nurses[n].centre_km;
        }
    }
    visits.sort();
    let mut oncall = Vec::new();
    let mut shifts_of = vec![0u32; p.nurses.len()];
    for (n, row) in a.oncall.iter().enumerate() {
        for (t, day) in row.iter().enumerate() {
            for (s, &on) in day.iter().enumerate() {
                if on {
                    nurse_day[n][t] += p.params.oncall_hours;
                    worked[n][t] = true;
                    shifts_of[n] += 1;
                    oncall.push(OnCall {
                        nurse: p.nurses[n].id.clone(),
                        date: p.dates[t],
                        shift: SHIFTS[s],
                    });
                }
            }
        }
    }
    oncall.sort();

    let mut families = Vec::with_capacity(p.families.len());
    let mut new_nurses = 0u32;
    for (f, fam) in p.families.iter().enumerate() {
        let planned: u32 = fam_day[f].iter().sum();
        let short_days: Vec<_> = p
            .home_days(f)
            .filter(|&t| fam_day[f][t] < FLOOR_PER_DAY && !used.waived[f].contains(&t))
            .collect();
        let day_short: u32 = short_days
            .iter()
            .map(|&t| FLOOR_PER_DAY - fam_day[f][t])
            .sum();
        let shortfall = day_short.max(fam.floor.saturating_sub(planned));
        let mut known: BTreeSet<usize> = fam.known_nurses.iter().map(|&n| n as usize).collect();
        new_nurses += fam_nurse_hours[f]
            .keys()
            .filter(|n| !known.contains(n))
            .count() as u32;
        known.extend(fam_nurse_hours[f].keys());
        let served_by = fam_nurse_hours[f]
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| p.nurses[*b.0].id.cmp(&p.nurses[*a.0].id))
            })
            .map(|(&n, _)| p.providers[p.nurses[n].provider as usize].clone());
        families.push(FamilyOutcome {
            id: fam.id.clone(),
            floor: fam.floor,
            episode_floor: fam.episode_floor,
            planned,
            delivered_total: fam.delivered_before + planned,
            indicated: fam.indicated,
            target: fam.target,
            below_floor: shortfall > 0,
            shortfall,
            short_days: short_days.iter().map(|&t| p.dates[t]).collect(),
            nurses: known.len() as u32,
            served_by,
            measures: used.families[f].ids(),
        });
    }

    let mut nurses = Vec::with_capacity(p.nurses.len());
    for (n, nurse) in p.nurses.iter().enumerate() {
        let under = p
            .weeks
            .iter()
            .filter(|w| {
                w.full && w.days.clone().map(|t| nurse_day[n][t]).sum::<u32>() < nurse.contract_min
            })
            .map(|w| w.key.clone())
            .collect();
        nurses.push(NurseOutcome {
            id: nurse.id.clone(),
            hours: nurse_day[n].iter().sum(),
            days_worked: worked[n].iter().filter(|&&w| w).count() as u32,
            oncall_shifts: shifts_of[n],
            travel_km: round1(travel[n]),
            under_contract_min: under,
            travel_hours: round2(used.between[n].iter().flatten().map(|b| b.2).sum::<f64>()) + 0.0,
            measures: used.nurses[n].ids(),
        });
    }

    let pool = pool_rows(p, a);
    let mut kpi = key_figures(&families, certified);
    kpi.pool_shortfall = pool.iter().map(|r| r.shortfall).sum();
    kpi.pool_min_shortfall = pool
        .iter()
        .map(|r| r.minimum.saturating_sub(r.covered))
        .sum();
    kpi.travel_km = round1(nurses.iter().map(|n| n.travel_km).sum());
    kpi.provider_scale_down_spread = used.share_spread;
    let mut engine = engine;
    let figures = Figures {
        new_nurses,
        km,
        notices: p.notices(a),
    };
    settle(&mut engine, &kpi, figures, p.floor_weight());
    Plan {
        format: PLAN_FORMAT.into(),
        scenario: p.name.clone(),
        engine,
        visits,
        oncall,
        pool,
        families,
        nurses,
        ladder: false,
        weeks: Vec::new(),
        kpi,
        measures_used: used
            .counts
            .iter()
            .map(|(m, &c)| (m.id().to_string(), c))
            .collect(),
        escalation: Vec::new(),
        horizon: Some(crate::plan::Horizon {
            start: p.start,
            days: p.days() as u32,
        }),
        replan: None,
        policy: (p.params.policy != crate::domain::policy::Policy::Normenkader)
            .then_some(p.params.policy),
    }
}

/// Round to two decimals (hours of travel).
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Round to one decimal (kilometres).
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Requirement and coverage of every pool shift of the horizon (per provider
/// with families in scope `provider`), zero requirements included.
fn pool_rows(p: &Problem, a: &Assignment) -> Vec<PoolShift> {
    let Some(table) = &p.pool else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for t in 0..p.days() {
        for (s, shift) in SHIFTS.iter().enumerate() {
            let on_call = |provider: Option<u32>| {
                (0..p.nurses.len())
                    .filter(|&n| {
                        a.oncall[n][t][s] && provider.is_none_or(|pr| p.nurses[n].provider == pr)
                    })
                    .count() as u32
            };
            let mut row = |provider: Option<u32>, required: u32| {
                let covered = on_call(provider);
                rows.push(PoolShift {
                    date: p.dates[t],
                    shift: *shift,
                    provider: provider.map(|pr| p.providers[pr as usize].clone()),
                    required,
                    covered,
                    shortfall: required.saturating_sub(covered),
                    minimum: table.minimum(required),
                });
            };
            if table.provider_scope {
                for (pr, share) in table.shares(t, s).into_iter().enumerate() {
                    if table.weights[pr] > 0 {
                        row(Some(pr as u32), share);
                    }
                }
            } else {
                row(None, table.required[t][s]);
            }
        }
    }
    rows
}

/// Key figures from the family outcomes.
pub fn key_figures(families: &[FamilyOutcome], certified: u32) -> Kpi {
    let ratios: Vec<f64> = families
        .iter()
        .filter(|f| f.target > 0.0)
        .map(|f| f.planned as f64 / f.target)
        .collect();
    let below = families.iter().filter(|f| f.below_floor).count() as u32;
    Kpi {
        families_below_floor: below,
        shortfall_hours: families.iter().map(|f| f.shortfall).sum(),
        delivered_hours: families.iter().map(|f| f.planned).sum(),
        min_ratio: if ratios.is_empty() {
            1.0
        } else {
            ratios.iter().copied().fold(f64::INFINITY, f64::min)
        },
        mean_ratio: mean(&ratios),
        gini: gini(&ratios),
        jain: jain(&ratios),
        provider_scale_down_spread: 0.0,
        pool_shortfall: 0,
        travel_km: 0.0,
        certified_min_below_floor: certified.min(below),
        pool_min_shortfall: 0,
    }
}

fn mean(x: &[f64]) -> f64 {
    if x.is_empty() {
        1.0
    } else {
        x.iter().sum::<f64>() / x.len() as f64
    }
}

/// Gini index: mean absolute difference over twice the mean (0 = equal).
pub fn gini(x: &[f64]) -> f64 {
    let m = mean(x);
    if x.is_empty() || m == 0.0 {
        return 0.0;
    }
    let n = x.len() as f64;
    let diff: f64 = x
        .iter()
        .map(|a| x.iter().map(|b| (a - b).abs()).sum::<f64>())
        .sum();
    diff / (n * n) / (2.0 * m)
}

/// Jain's fairness index `(Σx)² / (n·Σx²)` (1 = equal).
pub fn jain(x: &[f64]) -> f64 {
    let sq: f64 = x.iter().map(|a| a * a).sum();
    if x.is_empty() || sq == 0.0 {
        return 1.0;
    }
    let s: f64 = x.iter().sum();
    s * s / (x.len() as f64 * sq)
}

/// Nurses per family (known nurses included): mean, maximum and histogram.
pub fn continuity_line(plan: &Plan) -> String {
    let counts: Vec<u32> = plan
        .families
        .iter()
        .filter(|f| f.planned > 0)
        .map(|f| f.nurses)
        .collect();
    if counts.is_empty() {
        return "no family served".into();
    }
    let mean = counts.iter().sum::<u32>() as f64 / counts.len() as f64;
    let max = counts.iter().copied().max().unwrap_or(0);
    let mut histogram = BTreeMap::new();
    for c in &counts {
        *histogram.entry(*c).or_insert(0u32) += 1;
    }
    let bars: Vec<String> = histogram.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!(
        "nurses per family mean {mean:.2}, max {max} (families by nurses {})",
        bars.join(", ")
    )
}

/// The families of the summary: those whose episode has a day in the
/// horizon, and the bookings (`due`) whose expected episode has none, which
/// only `forecast` uses.
pub fn families_line(s: &Scenario) -> String {
    let (mut inside, mut bookings) = (0, 0);
    for f in &s.families {
        if s.in_horizon(f) {
            inside += 1;
        } else if f.due.is_some() {
            bookings += 1;
        }
    }
    if bookings == 0 {
        inside.to_string()
    } else {
        format!("{inside} (+ {bookings} bookings outside the horizon)")
    }
}

/// The summary table printed by `solve` for scenario `s`.
pub fn summary(plan: &Plan, s: &Scenario) -> String {
    let mut out = String::new();
    let k = &plan.kpi;
    let e = &plan.engine;
    let used = plan.nurses.iter().filter(|n| n.hours > 0).count();
    let _ = writeln!(out, "scenario        {}", plan.scenario);
    let _ = writeln!(out, "families        {}", families_line(s));
    let _ = writeln!(out, "delivered hours {}", k.delivered_hours);
    let _ = writeln!(
        out,
        "below floor     {} (certified minimum {}), shortfall {} h",
        k.families_below_floor, k.certified_min_below_floor, k.shortfall_hours
    );
    let _ = writeln!(
        out,
        "fairness        min ratio {:.2}, mean {:.2}, gini {:.3}, jain {:.3}",
        k.min_ratio, k.mean_ratio, k.gini, k.jain
    );
    let _ = writeln!(out, "nurses used     {} of {}", used, plan.nurses.len());
    let _ = writeln!(out, "continuity      {}", continuity_line(plan));
    let _ = writeln!(out, "travel          {:.0} km", k.travel_km);
    if !plan.pool.is_empty() {
        let required: u32 = plan.pool.iter().map(|r| r.required).sum();
        let covered: u32 = plan.pool.iter().map(|r| r.covered.min(r.required)).sum();
        let short_shifts = plan.pool.iter().filter(|r| r.shortfall > 0).count();
        let _ = writeln!(
            out,
            "partus pool     {covered} of {required} on-call places covered ({} shifts, {short_shifts} short by {} nurse-shifts)",
            plan.pool.len(),
            k.pool_shortfall
        );
        let minimum: u32 = plan.pool.iter().map(|r| r.minimum).sum();
        if minimum > 0 {
            let _ = writeln!(
                out,
                "pool minimum    {} of {minimum} minimum places covered, ranked above the floor ({} short)",
                minimum - k.pool_min_shortfall,
                k.pool_min_shortfall
            );
        }
    }
    let _ = writeln!(
        out,
        "solver          {} {}, objective {:.1}, bound {:.1}, gap {:.2}%, {:.1} s",
        e.name,
        e.status,
        e.objective,
        e.bound,
        100.0 * e.gap,
        e.seconds
    );
    if let Some(note) = &e.note {
        let _ = writeln!(out, "  note: {note}");
    }
    for l in &e.levels {
        let _ = writeln!(
            out,
            "  level {} {:<34} {:>10.2}  bound {:>10.2}  {}",
            l.level, l.name, l.value, l.bound, l.status
        );
    }
    if !plan.measures_used.is_empty() {
        let uses: Vec<String> = plan
            .measures_used
            .iter()
            .map(|(m, c)| format!("{m} {c}"))
            .collect();
        let _ = writeln!(out, "measures used   {}", uses.join(", "));
    }
    for w in &plan.weeks {
        let providers: Vec<String> = w
            .providers
            .iter()
            .map(|(p, c)| format!("{p} {c}"))
            .collect();
        let mut proof = if w.proven { "proven" } else { "not proven" }.to_string();
        if !w.unproven.is_empty() {
            proof += &format!("; providers not proven: {}", w.unproven.join(", "));
        }
        let _ = writeln!(
            out,
            "colour {}  region {} [{proof}] ({})",
            w.week,
            w.region,
            providers.join(", ")
        );
        for line in &w.why {
            let _ = writeln!(out, "  {line}");
        }
    }
    let short: Vec<_> = plan.families.iter().filter(|f| f.below_floor).collect();
    if !short.is_empty() {
        let _ = writeln!(out, "below the floor:");
        for f in short {
            let days: Vec<String> = f.short_days.iter().map(|d| d.to_string()).collect();
            let _ = writeln!(
                out,
                "  {:<8} floor {:>3} h, planned {:>3} h, short {:>3} h{}",
                f.id,
                f.floor,
                f.planned,
                f.shortfall,
                if days.is_empty() {
                    String::new()
                } else {
                    format!(" (under 3 h on {})", days.join(", "))
                }
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse_scenario;

    fn scenario(families: &str) -> Scenario {
        let text = format!(
            r#"{{"format": "kraamplan/scenario@1", "name": "t", "start": "2026-07-06", "days": 7,
                "providers": [{{"id": "P1"}}], "nurses": [], "families": [{families}]}}"#
        );
        parse_scenario(&text, "t").unwrap().scenario
    }

    fn family(id: &str, care_start: &str, extra: &str) -> String {
        format!(
            r#"{{"id": "{id}", "provider": "P1", "care_start": "{care_start}",
                "indicated_hours": 49, "home": [52.1, 5.1]{extra}}}"#
        )
    }

    #[test]
    fn families_line_counts_the_horizon_and_bookings_outside() {
        let s = scenario(
            &[
                family("F1", "2026-07-01", ""),
                family("F2", "2026-07-10", r#", "due": "2026-07-12""#),
                family("F3", "2026-07-14", r#", "due": "2026-07-15""#),
                family("F4", "2026-07-20", r#", "due": "2026-07-18""#),
                // Outside the horizon without `due`: not counted at all.
                family("F5", "2026-06-01", ""),
                // In hospital on its only horizon day: in the horizon all the same.
                family(
                    "F6",
                    "2026-07-12",
                    r#", "due": "2026-07-12", "hospital": ["2026-07-12"]"#,
                ),
            ]
            .join(","),
        );
        assert_eq!(families_line(&s), "3 (+ 2 bookings outside the horizon)");
        let s = scenario(&family("F1", "2026-07-01", ""));
        assert_eq!(families_line(&s), "1");
    }
}
