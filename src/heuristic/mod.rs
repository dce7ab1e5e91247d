//! The heuristic engine: a greedy construction that keeps every hard rule
//! (`roster.rs`), then a local search that improves the objective levels in
//! order (`improve/`, one file per phase). The engine layer runs it on its
//! own and hands it to the MILP as the warm start.

mod centre;
mod construct;
mod improve;
mod roster;

pub use roster::{BY_CONSTRUCTION, RULES};

use crate::model::baseline::Baseline;
use crate::model::pool::shift_index;
use crate::model::{Assignment, Problem, FLOOR_PER_DAY};
use construct::Seed;

/// A greedy assignment that keeps every hard rule (`construct.rs`: the
/// floor and the pool), improved by the local search of `improve/`.
///
/// When re-planning, the roster starts from the previous plan
/// (`construct::previous`): its kept rows first, then every row that still
/// keeps the rules, notice window first; the construction and the search
/// then change it only where a level above the changes gains.
///
/// Four starts are tried when re-planning — every previous row first; the
/// notice window first and the draft days after the floor; the floor first
/// (from the previous nurses where free) and every previous row after it;
/// the kept rows only —, each also with every covered day taken as told,
/// and the best in the order of the levels (floor, pool, notice
/// window, then the draft days) is returned, so keeping the previous plan
/// never costs a family its floor that planning from scratch would give.
pub fn construct(p: &Problem) -> Assignment {
    construct_until(p, None)
}

/// [`construct`] whose local search starts no pass after `until`: the
/// greedy construction always completes (it is the plan of last resort),
/// the search stops where the caller's time limit says.
pub fn construct_until(p: &Problem, until: Option<std::time::Instant>) -> Assignment {
    let run = |q: &Problem, seed| {
        let mut r = construct::floor_and_pool_from(q, seed);
        improve::improve(q, &mut r, until);
        centre::gather(q, &mut r);
        Assignment {
            hours: r.hours,
            oncall: r.oncall,
        }
    };
    let Some(b) = &p.baseline else {
        return run(p, Seed::All);
    };
    // The same starts with every day the previous plan covered taken as
    // told: the search then protects the draft days too, which often also
    // finds fewer changes in the real notice window.
    let mut told = p.clone();
    told.baseline = Some(Baseline {
        notice: b.covered,
        ..b.clone()
    });
    let seeds = [Seed::All, Seed::Notice, Seed::Floor, Seed::Kept];
    let mut starts: Vec<Assignment> = seeds.iter().map(|&s| run(p, s)).collect();
    if b.notice < b.covered {
        starts.extend(seeds.iter().map(|&s| run(&told, s)));
    }
    starts
        .into_iter()
        .min_by_key(|a| rank(p, a))
        .expect("four starts at least")
}

/// [`construct_until`], also started from `start` (a plan of the same
/// nurses and families, e.g. the escalation ladder's rung below, whose
/// measures this problem has too): its rows that keep every rule first,
/// then the floor, the pool and the search around them. The better of that
/// and the fresh construction in the order of [`rank`]'s levels is
/// returned, so a rung never starts worse than the greedy plan.
pub fn construct_from(
    p: &Problem,
    start: &Assignment,
    until: Option<std::time::Instant>,
) -> Assignment {
    let fresh = construct_until(p, until);
    let mut r = roster::Roster::new(p);
    construct::adopt(p, &mut r, start);
    let mut r = construct::floor_and_pool_on(p, r, Seed::All);
    improve::improve(p, &mut r, until);
    centre::gather(p, &mut r);
    let from = Assignment {
        hours: r.hours,
        oncall: r.oncall,
    };
    if rank(p, &from) < rank(p, &fresh) {
        from
    } else {
        fresh
    }
}

/// The levels a re-plan's start is chosen by, in order: nurses short of the
/// pool minimum (level 0), families below the floor, shortfall hours, pool shifts short, notices in the notice window,
/// delivered hours (more is better), nurses new to a family, kilometres (in
/// tenths), then notices on draft days. Fairness (level 3) and measure use
/// (6a) are left to the search and the MILP.
fn rank(p: &Problem, a: &Assignment) -> (u32, u32, u32, u32, u32, i64, usize, i64, u32) {
    let (mut below, mut short) = (0, 0);
    let mut delivered = 0i64;
    let mut pairs = std::collections::BTreeSet::new();
    let mut km = 0.0;
    for (arc, &h) in p.arcs.iter().zip(&a.hours) {
        if h > 0 {
            delivered += i64::from(h);
            km += 2.0 * arc.km;
            if !p.families[arc.family as usize]
                .known_nurses
                .contains(&arc.nurse)
            {
                pairs.insert((arc.nurse, arc.family));
            }
        }
    }
    for (f, fam) in p.families.iter().enumerate() {
        let mut day = vec![0u32; p.days()];
        for arcs in &p.arcs_by_family_day[f] {
            for &i in arcs {
                day[p.arcs[i as usize].day as usize] += a.hours[i as usize];
            }
        }
        let waived = |t: usize| fam.waivable.iter().any(|w| w.0 as usize == t) && day[t] == 0;
        let day_short: u32 = p
            .home_days(f)
            .filter(|&t| !waived(t))
            .map(|t| FLOOR_PER_DAY.saturating_sub(day[t]))
            .sum();
        let s = day_short.max(fam.floor.saturating_sub(day.iter().sum()));
        below += u32::from(s > 0);
        short += s;
    }
    let (mut pool, mut pool_min) = (0, 0);
    for k in &p.slots {
        let (t, s) = (k.day as usize, shift_index(k.shift));
        let on = (0..p.nurses.len())
            .filter(|&n| p.can_be_on_call(n, k) && a.oncall[n][t][s])
            .count() as u32;
        pool += k.required.saturating_sub(on);
        pool_min += k.minimum.saturating_sub(on);
    }
    let [notice, draft] = p.notices(a);
    let tenths = (km * 10.0).round() as i64;
    (
        pool_min,
        below,
        short,
        pool,
        notice,
        -delivered,
        pairs.len(),
        tenths,
        draft,
    )
}

#[cfg(test)]
mod tests {
    use crate::model::Problem;
    use crate::testkit::Tiny;

    fn greedy_plan(s: &crate::scenario::Scenario) -> crate::plan::Plan {
        crate::engine::heuristic_plan(&Problem::build(s).unwrap(), None)
    }

    #[test]
    fn greedy_plans_are_checker_clean_under_binding_rules() {
        let cases = [
            Tiny::new(1).family("F1", "2026-07-06", 7).days(7).build(),
            Tiny::new(1)
                .family("F1", "2026-07-06", 1)
                .family("F2", "2026-07-07", 1)
                .days(2)
                .rule("rest_days_between_episodes", 1)
                .build(),
            Tiny::new(1)
                .family("F1", "2026-07-06", 6)
                .days(7)
                .contract(0, 60)
                .nurse_history(|h| h.weekly_hours = vec![60, 60, 60])
                .build(),
            Tiny::new(2)
                .family("F1", "2026-07-06", 8)
                .family("F2", "2026-07-06", 8)
                .days(2)
                .contract(0, 12)
                .priority("F2", 1)
                .build(),
        ];
        for s in &cases {
            let plan = greedy_plan(s);
            let report = crate::check::check(s, &plan);
            assert!(report.is_clean(), "{:#?}", report.violations);
        }
    }

    #[test]
    fn no_care_and_no_day_shift_on_start_after_a_night_in_history() {
        // N1 on night call on 07-05, the day before start; a day and a night
        // shift and a one-day family on 07-06.
        let night_before_start = |nurses| {
            Tiny::new(nurses)
                .family("F1", "2026-07-06", 1)
                .days(1)
                .partus()
                .pool_shift("2026-07-06", "day", 1)
                .pool_shift("2026-07-06", "night", 1)
                .night_in_history("N1", "2026-07-05")
                .build()
        };
        let s = night_before_start(1);
        let p = Problem::build(&s).unwrap();
        let roster = crate::heuristic::roster::Roster::new(&p);
        assert!(!roster.can_add(0, 0, 0, 3));
        assert!(!roster.can_oncall(0, 0, 0) && !roster.can_oncall(0, 0, 1));
        assert!(roster.can_oncall(0, 0, 2), "a night on start stays allowed");
        let plan = greedy_plan(&s);
        assert!(crate::check::check(&s, &plan).is_clean());
        assert!(plan.visits.is_empty());
        assert!(plan
            .oncall
            .iter()
            .all(|o| o.shift == crate::scenario::Shift::Night));
        // With N2 the family is served, by N2 only.
        let s = night_before_start(2);
        let plan = greedy_plan(&s);
        assert!(crate::check::check(&s, &plan).is_clean());
        assert_eq!(plan.kpi.families_below_floor, 0);
        assert!(plan.visits.iter().all(|v| v.nurse == "N2"));
    }

    #[test]
    fn whole_families_before_partial_ones() {
        // One nurse, three families on the same two days: serve one family fully.
        let s = Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .family("F2", "2026-07-06", 2)
            .family("F3", "2026-07-06", 2)
            .days(2)
            .build();
        let plan = greedy_plan(&s);
        assert_eq!(plan.kpi.families_below_floor, 2);
        assert_eq!(plan.families.iter().filter(|f| f.planned >= 10).count(), 1);
    }
}
