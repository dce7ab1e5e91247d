//! Large-neighbourhood search with HiGHS as its engine (`models/model.md`,
//! Neighbourhood search).
//!
//! On a regional model the full solve of a stage rarely improves the
//! heuristic's start: HiGHS spends the stage in presolve and the root LP.
//! A small MILP it solves to optimality in a second. So each round frees a
//! neighbourhood — a few nurses, on every day or on a few days around a
//! seed — fixes every other visit and on-call shift to the incumbent by
//! column bounds, solves the stage's objective on what is free, and keeps
//! the result when the stage's objective (level and tie-break) improves.
//! Rows fixing the higher levels stay in the model, so a round can never
//! buy a lower level at a higher one's cost.
//!
//! Seeds are the incumbent's weak spots at the stage's level — families
//! below the floor (level 1), pool shifts short of the minimum (level 0) or
//! of the requirement (level 2), families with
//! nurses new to them (level 5) — or, one round in four, a random family.
//! A seed family frees the nurses nearest to it that could serve it; a seed
//! shift frees the nurses who could be on call on its day and the days
//! beside it. The neighbourhood grows while rounds are solved to optimality
//! without a gain and shrinks when they run out of time.

use std::collections::BTreeMap;
use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus, Model};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::highs_ffi::set_bounds;
use super::vars::{Col, Vars};
use super::SolveError;
use crate::model::objective::level;
use crate::model::pool::shift_index;
use crate::model::Problem;

/// Nurses freed by the first round at level 1, where a gain takes a chain
/// of nurses; at the lower levels a swap between a family's own nurses.
const FIRST_SIZE_FLOOR: usize = 10;
const FIRST_SIZE: usize = 4;
/// The most nurses a round frees.
const MOST_SIZE: usize = 100;
/// Longest round in seconds.
const ROUND_SECONDS: f64 = 4.0;

/// What the search did.
#[derive(Debug, Clone, Copy, Default)]
pub struct LnsStats {
    /// Rounds solved.
    pub rounds: u32,
    /// Rounds that improved the incumbent.
    pub improved: u32,
}

/// What one stage's search works on.
pub struct StageObjective<'a> {
    /// The stage's name (`model::objective::level`): which weak spots seed rounds.
    pub name: &'a str,
    /// The objective HiGHS minimises: column → cost (level and tie-break).
    pub costs: &'a BTreeMap<usize, f64>,
}

/// Improve `incumbent` on the stage's objective until `until`; returns the model.
#[allow(clippy::too_many_arguments)]
pub fn improve(
    mut model: Model,
    p: &Problem,
    v: &Vars,
    upper: &[f64],
    objective: &StageObjective<'_>,
    incumbent: &mut Vec<f64>,
    until: Instant,
    seed: u64,
) -> Result<(Model, LnsStats), SolveError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut stats = LnsStats::default();
    let mut size = if objective.name == level::BELOW_THEN_SHORTFALL {
        FIRST_SIZE_FLOOR
    } else {
        FIRST_SIZE
    };
    // No round takes more than a quarter of the search, so that one hard
    // neighbourhood cannot use it all.
    let total = until
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    let round_limit = (total / 4.0).clamp(0.5, ROUND_SECONDS);
    let cost = |x: &[f64]| -> f64 { objective.costs.iter().map(|(&c, &k)| k * x[c]).sum() };
    let mut best = cost(incumbent);
    let mut tried_out = 0;
    // The most a round ran past its limit (HiGHS's presolve is not
    // interrupted): no round starts that would end after `until`.
    let mut overrun = 0.0f64;
    loop {
        let left = until
            .saturating_duration_since(Instant::now())
            .as_secs_f64()
            - overrun;
        if left < 0.3 {
            break;
        }
        let free = neighbourhood(p, v, incumbent, objective.name, size, &mut rng);
        let fixed = fix(&mut model, p, v, incumbent, &free)?;
        model
            .try_set_option("time_limit", left.min(round_limit))
            .map_err(|_| SolveError::Highs("cannot set option time_limit".into()))?;
        model
            .try_set_solution(Some(incumbent.as_slice()), None, None, None)
            .map_err(|e| SolveError::Highs(format!("warm start: {e:?}")))?;
        let call = Instant::now();
        let solved = model
            .try_solve()
            .map_err(|e| SolveError::Highs(format!("{e:?}")))?;
        overrun = overrun.max(call.elapsed().as_secs_f64() - left.min(round_limit));
        stats.rounds += 1;
        let finished = solved.status() == HighsModelStatus::Optimal;
        let mut gained = false;
        if solved.primal_solution_status() == HighsSolutionStatus::Feasible {
            let x = solved.get_solution().columns().to_vec();
            let value = cost(&x);
            if value < best - 1e-6 * best.abs().max(1.0) {
                best = value;
                *incumbent = x;
                stats.improved += 1;
                gained = true;
            }
        }
        model = Model::from(solved);
        release(&mut model, upper, &fixed)?;
        if gained {
            tried_out = 0;
        } else if finished {
            size = (size + 3).min(MOST_SIZE);
            tried_out += 1;
        } else {
            size = (size * 2 / 3).max(2);
        }
        // Every neighbourhood of the largest size tried without a gain: stop.
        if size == MOST_SIZE && tried_out > 20 {
            break;
        }
    }
    Ok((model, stats))
}

/// What a round frees: nurse-days (a `nurses × days` mask) and families.
/// A visit is free when its nurse-day and its family are.
struct Free {
    nurse_days: Vec<bool>,
    families: Vec<bool>,
}

/// The neighbourhood of a round: the nurses near its seeds, and the seed
/// families with every family those nurses serve in the incumbent.
fn neighbourhood(
    p: &Problem,
    v: &Vars,
    x: &[f64],
    name: &str,
    size: usize,
    rng: &mut ChaCha8Rng,
) -> Free {
    let days = p.days();
    let mut free = vec![false; p.nurses.len() * days];
    let mut families = vec![false; p.families.len()];
    let mut freed = 0usize;
    let hot = weak_families(p, v, x, name);
    let short_slots: Vec<usize> = match name {
        level::POOL_SHORT => (0..p.slots.len())
            .filter(|&k| x[v.pool_short[k].idx] > 0.5)
            .collect(),
        level::POOL_MIN => (0..p.slots.len())
            .filter(|&k| v.pool_min[k].is_some_and(|c| x[c.idx] > 0.5))
            .collect(),
        _ => Vec::new(),
    };
    for _ in 0..4 {
        if freed >= size {
            break;
        }
        if !short_slots.is_empty() && rng.gen_bool(0.75) {
            let slot = &p.slots[short_slots[rng.gen_range(0..short_slots.len())]];
            let t = slot.day as usize;
            let mut nurses: Vec<usize> = (0..p.nurses.len())
                .filter(|&n| p.can_be_on_call(n, slot))
                .filter(|&n| v.oncall[n][t][shift_index(slot.shift)].is_some())
                .collect();
            shuffle(&mut nurses, rng);
            for n in nurses.into_iter().take(size.saturating_sub(freed).max(1)) {
                for d in t.saturating_sub(1)..(t + 2).min(days) {
                    free[n * days + d] = true;
                }
                freed += 1;
            }
            continue;
        }
        let f = if !hot.is_empty() && rng.gen_bool(0.75) {
            hot[rng.gen_range(0..hot.len())]
        } else {
            rng.gen_range(0..p.families.len().max(1))
        };
        if f >= p.families.len() {
            break;
        }
        families[f] = true;
        // Its own nurses first (they are what continuity and the floor
        // rearrange), then the nearest who could serve it.
        let mut near: Vec<(bool, f64, usize)> = (0..days)
            .flat_map(|t| p.arcs_by_family_day[f][t].iter())
            .map(|&a| {
                let arc = &p.arcs[a as usize];
                (x[v.visit[a as usize].idx] < 0.5, arc.km, arc.nurse as usize)
            })
            .collect();
        near.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut seen = std::collections::HashSet::new();
        for (_, _, n) in near {
            if freed >= size {
                break;
            }
            if !seen.insert(n) || free[n * days..(n + 1) * days].iter().any(|&b| b) {
                continue;
            }
            free[n * days..(n + 1) * days].fill(true);
            freed += 1;
        }
    }
    for (a, arc) in p.arcs.iter().enumerate() {
        if free[arc.nurse as usize * days + arc.day as usize] && x[v.visit[a].idx] > 0.5 {
            families[arc.family as usize] = true;
        }
    }
    Free {
        nurse_days: free,
        families,
    }
}

/// The families that seed rounds at the stage's level, from the incumbent.
fn weak_families(p: &Problem, v: &Vars, x: &[f64], name: &str) -> Vec<usize> {
    let on = |c: Option<super::vars::Col>| c.is_some_and(|c| x[c.idx] > 0.5);
    match name {
        level::BELOW_THEN_SHORTFALL => (0..p.families.len())
            .filter(|&f| on(v.shortfall[f]))
            .collect(),
        level::NEW_NURSES => {
            let mut families: Vec<usize> = v
                .new_nurse
                .iter()
                .filter(|(_, c)| x[c.idx] > 0.5)
                .map(|(&(_, f), _)| f as usize)
                .collect();
            families.sort_unstable();
            families
        }
        _ => Vec::new(),
    }
}

fn shuffle(items: &mut [usize], rng: &mut ChaCha8Rng) {
    use rand::seq::SliceRandom;
    items.shuffle(rng);
}

/// Fix every visit and on-call column outside `free` to the incumbent;
/// returns the columns fixed.
fn fix(
    model: &mut Model,
    p: &Problem,
    v: &Vars,
    x: &[f64],
    free: &Free,
) -> Result<Vec<usize>, SolveError> {
    let days = p.days();
    let mut cols = Vec::new();
    for (a, arc) in p.arcs.iter().enumerate() {
        let open = free.nurse_days[arc.nurse as usize * days + arc.day as usize]
            && free.families[arc.family as usize];
        if !open {
            cols.push(v.visit[a].idx);
            cols.push(v.hours[a].idx);
        }
    }
    for (n, row) in v.oncall.iter().enumerate() {
        for (t, shifts) in row.iter().enumerate() {
            if !free.nurse_days[n * days + t] {
                cols.extend(shifts.iter().flatten().map(|c| c.idx));
                cols.extend(v.centre_day[n][t].iter().map(|c| c.idx));
            }
        }
    }
    // What only fixed visits decide is fixed too, so that HiGHS's presolve
    // drops those rows at once: the kept flags of fixed visits, every
    // column of a nurse with no free day and of a family that is not free.
    for (a, arc) in p.arcs.iter().enumerate() {
        let open = free.nurse_days[arc.nurse as usize * days + arc.day as usize]
            && free.families[arc.family as usize];
        if !open {
            cols.extend(v.kept[a].iter().map(|c| c.idx));
        }
    }
    let nurse_fixed: Vec<bool> = (0..p.nurses.len())
        .map(|n| !free.nurse_days[n * days..(n + 1) * days].iter().any(|&b| b))
        .collect();
    for (n, _) in nurse_fixed.iter().enumerate().filter(|e| *e.1) {
        let each = |row: &[Option<Col>]| row.iter().flatten().map(|c| c.idx).collect::<Vec<_>>();
        cols.extend(each(&v.works[n]));
        cols.extend(each(&v.oncall_day[n]));
        cols.extend(each(&v.combined[n]));
        cols.extend(each(&v.between[n]));
        cols.extend(each(&v.flex[n]));
        cols.extend(each(&v.flex_used[n]));
        cols.extend(v.reduced[n].iter().map(|c| c.idx));
    }
    for f in (0..p.families.len()).filter(|&f| !free.families[f]) {
        cols.extend(v.day_short[f].iter().flatten().map(|c| c.idx));
        for c in [v.total_short[f], v.shortfall[f], v.below[f]]
            .iter()
            .flatten()
        {
            cols.push(c.idx);
        }
        cols.extend(v.bands[f].iter().map(|c| c.idx));
        cols.extend(v.waived[f].iter().map(|w| w.2.idx));
    }
    for (&(n, f), c) in &v.new_nurse {
        if nurse_fixed[n as usize] || !free.families[f as usize] {
            cols.push(c.idx);
        }
    }
    // Integer columns round; the continuous ones (shortfalls, bands, drive)
    // keep the incumbent's value, within their bounds.
    let snap = |x: f64| {
        if (x - x.round()).abs() < 1e-6 {
            x.round()
        } else {
            x
        }
    };
    let values: Vec<f64> = cols.iter().map(|&c| snap(x[c])).collect();
    set_bounds(model, &cols, &values, &values)?;
    Ok(cols)
}

/// Give the fixed columns back their own bounds.
fn release(model: &mut Model, upper: &[f64], cols: &[usize]) -> Result<(), SolveError> {
    let lower = vec![0.0; cols.len()];
    let up: Vec<f64> = cols.iter().map(|&c| upper[c]).collect();
    set_bounds(model, cols, &lower, &up)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Assignment;
    use crate::testkit::*;

    #[test]
    fn rounds_from_an_empty_plan_reach_the_optimum_and_keep_the_rows() {
        // Two nurses, three families at home on both days: the best plan
        // keeps two families at the floor. Start from no care at all.
        let s = Tiny::new(2)
            .family("F1", "2026-07-06", 2)
            .family("F2", "2026-07-06", 2)
            .family("F3", "2026-07-06", 2)
            .days(2)
            .build();
        let p = Problem::build(&s).unwrap();
        let built = crate::milp::build(&p).unwrap();
        let v = &built.vars;
        let mut x = crate::milp::start::complete(&p, v, built.upper.len(), &Assignment::empty(&p));
        let w = p.floor_weight();
        let mut costs = BTreeMap::new();
        for f in 0..p.families.len() {
            costs.insert(v.below[f].unwrap().idx, w);
            costs.insert(v.shortfall[f].unwrap().idx, 1.0);
        }
        let mut model = built.highs;
        for (&c, &k) in &costs {
            crate::milp::highs_ffi::set_cost(&mut model, c, k).unwrap();
        }
        let below = |x: &[f64]| (0..3).filter(|&f| x[v.below[f].unwrap().idx] > 0.5).count();
        assert_eq!(below(&x), 3);
        let objective = StageObjective {
            name: level::BELOW_THEN_SHORTFALL,
            costs: &costs,
        };
        let until = Instant::now() + std::time::Duration::from_secs(20);
        let (_, stats) = improve(model, &p, v, &built.upper, &objective, &mut x, until, 7).unwrap();
        assert!(stats.improved >= 1, "{stats:?}");
        assert_eq!(below(&x), 1, "{stats:?}");
        // The result is a plan of the model: it passes the checker.
        let a = crate::milp::start::assignment_of(&p, v, &x);
        let engine = crate::engine::heuristic_plan(&p, None).engine;
        let plan = crate::plan::report::assemble(&p, &a, engine, 0);
        let report = crate::check::check(&s, &plan);
        assert!(report.is_clean(), "{:#?}", report.violations);
    }
}
