//! Greedy construction: the floor first, whole families first, then the
//! hours above the floor to the lowest ratio first.
//!
//! 0. With a pool minimum (`partus_pool.min_on_call`, level 0), that many
//!    nurses go on call on every shift with a requirement before any care.
//! 1. Families in order of scarcity (fewest candidate nurse-days per home
//!    day first) get 3 hours on every home day and the catch-up to their
//!    horizon floor, from as few nurses as possible; a family that cannot be
//!    covered completely is undone, so its capacity goes to families that can
//!    be (level 1 counts families below the floor before hours).
//! 2. The families left get what still fits, day by day (level 1, hours).
//! 3. Partus-pool shifts (level 2).
//! 4. Hours above the floor go one at a time to the family with the lowest
//!    priority-weighted ratio `planned/target` (levels 3 and 4); the local
//!    search of `improve/` calls this between its phases.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::roster::Roster;
use crate::model::baseline::Window;
use crate::model::objective::priority_weight;
use crate::model::pool::shift_index;
use crate::model::{Problem, FLOOR_PER_DAY};

/// The greedy roster alone, without the local search (for comparison).
#[cfg(test)]
pub(super) fn greedy(p: &Problem) -> Roster<'_> {
    let mut r = floor_and_pool_from(p, Seed::All);
    fill(p, &mut r, false);
    r
}

/// How much of the previous plan a re-plan's roster starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Seed {
    /// Every previous row that still keeps the rules, before the floor.
    All,
    /// The kept rows and the notice window before the floor, the draft
    /// days after it: new needs (a birth, a sick nurse's families) take the
    /// draft days' nurses first.
    Notice,
    /// The kept rows before the floor, every other previous row after it;
    /// the floor takes a family's previous nurse first where she is free.
    Floor,
    /// Only the kept rows (locks are hard); the rest from scratch.
    Kept,
}

/// Steps 1 and 2 and the pool: the floor and the on-call shifts, before
/// any hours above the floor; when re-planning, on a roster seeded with the
/// previous plan as `seed` says.
pub(super) fn floor_and_pool_from(p: &Problem, seed: Seed) -> Roster<'_> {
    floor_and_pool_on(p, Roster::new(p), seed)
}

/// [`floor_and_pool_from`] on a roster that already holds care (the
/// ladder's rung below, `adopt`): the floor and the pool are completed around it.
pub(super) fn floor_and_pool_on<'p>(p: &'p Problem, mut r: Roster<'p>, seed: Seed) -> Roster<'p> {
    previous(p, &mut r, |t, kept| match seed {
        Seed::All => true,
        Seed::Notice => kept || p.window(t) == Some(Window::Notice),
        Seed::Floor | Seed::Kept => kept,
    });
    // Level 0 before level 1: the pool minimum takes its nurses first.
    let first = staff_minimum(p, &mut r);
    let mut order: Vec<usize> = (0..p.families.len())
        .filter(|&f| p.families[f].floor > 0)
        .collect();
    let slack = |f: usize| -> f64 {
        let days: Vec<usize> = p.home_days(f).collect();
        let candidates: usize = days.iter().map(|&t| p.arcs_by_family_day[f][t].len()).sum();
        candidates as f64 / days.len().max(1) as f64
    };
    let slacks: Vec<f64> = (0..p.families.len()).map(slack).collect();
    order.sort_by(|&a, &b| {
        slacks[a]
            .total_cmp(&slacks[b])
            .then(p.families[a].priority.cmp(&p.families[b].priority))
    });
    let mut left = Vec::new();
    for &f in &order {
        if !cover(p, &mut r, f, true) {
            left.push(f);
        }
    }
    for &f in &left {
        cover(p, &mut r, f, false);
    }
    if matches!(seed, Seed::Notice | Seed::Floor) {
        previous(p, &mut r, |_, _| true);
    }
    staff_pool(p, &mut r, &first);
    r
}

/// Put the visits and on-call shifts of `start` (a plan of the same nurses
/// and families under fewer measures) on the roster, day by day, each only
/// where it keeps every rule; a row the roster cannot hold is left out.
pub(super) fn adopt(p: &Problem, r: &mut Roster, start: &crate::model::Assignment) {
    let mut rows: Vec<(usize, usize)> = p
        .arcs
        .iter()
        .enumerate()
        // Centre days are the search's last step (`centre.rs`), not adopted.
        .filter(|&(i, a)| !a.centre && start.hours.get(i).is_some_and(|&h| h > 0))
        .map(|(i, a)| (a.day as usize, i))
        .collect();
    rows.sort_unstable();
    for (t, a) in rows {
        let arc = &p.arcs[a];
        let (n, f, h) = (arc.nurse as usize, arc.family as usize, start.hours[a]);
        if r.can_add(n, f, t, h) {
            r.add(n, f, t, h);
        }
    }
    for (n, days) in start.oncall.iter().enumerate().take(p.nurses.len()) {
        for (t, shifts) in days.iter().enumerate().take(p.days()) {
            for s in (0..3).filter(|&s| shifts[s]) {
                if !r.oncall[n][t][s] && r.can_oncall(n, t, s) {
                    r.add_oncall(n, t, s);
                }
            }
        }
    }
}

/// Re-planning: the previous plan's rows that `take` selects and that still
/// keep every rule, kept rows first, then by day; then its on-call shifts.
///
/// `take(day, kept)` selects the rows (visits and on-call shifts alike).
fn previous(p: &Problem, r: &mut Roster, take: impl Fn(usize, bool) -> bool) {
    if p.baseline.is_none() {
        return;
    }
    let mut rows: Vec<(bool, usize, usize)> = p
        .arcs
        .iter()
        .enumerate()
        .filter(|&(i, a)| !a.centre && a.prev > r.hours[i] && take(a.day as usize, a.keep))
        .map(|(i, a)| (!a.keep, a.day as usize, i))
        .collect();
    rows.sort_unstable();
    for (n, nurse) in p.nurses.iter().enumerate() {
        for (t, keep) in nurse.keep_oncall.iter().enumerate() {
            for s in (0..3).filter(|&s| keep[s]) {
                if !r.oncall[n][t][s] && r.can_oncall(n, t, s) {
                    r.add_oncall(n, t, s);
                }
            }
        }
    }
    for &(_, t, a) in &rows {
        let arc = &p.arcs[a];
        let (n, f) = (arc.nurse as usize, arc.family as usize);
        // Up to the previous hours (a floor visit may already be there).
        let more = arc.prev - r.hours[a];
        if r.can_add(n, f, t, more) {
            r.add(n, f, t, more);
        }
    }
    for (n, nurse) in p.nurses.iter().enumerate() {
        for (t, prev) in nurse.prev_oncall.iter().enumerate() {
            for s in (0..3).filter(|&s| prev[s] && take(t, nurse.keep_oncall[t][s])) {
                if !r.oncall[n][t][s] && r.can_oncall(n, t, s) {
                    r.add_oncall(n, t, s);
                }
            }
        }
    }
}

/// Level 2: put eligible nurses on call, preferring those without care that
/// day and with the fewest hours so far; `first[k]` of slot `k`'s nurses are
/// already on call for the pool minimum.
fn staff_pool(p: &Problem, r: &mut Roster, first: &[u32]) {
    for (k, slot) in p.slots.iter().enumerate() {
        for _ in first[k]..slot.required {
            if !put_on_call(p, r, slot) {
                break;
            }
        }
    }
}

/// Level 0 (POOL-MIN): before any care, the minimum of every slot on call,
/// by the same choice as [`staff_pool`]; how many each slot got.
fn staff_minimum(p: &Problem, r: &mut Roster) -> Vec<u32> {
    let mut placed = vec![0u32; p.slots.len()];
    for (k, slot) in p.slots.iter().enumerate() {
        while placed[k] < slot.minimum && put_on_call(p, r, slot) {
            placed[k] += 1;
        }
    }
    placed
}

/// One more eligible nurse on call for `slot` who keeps every rule, the one
/// without care that day and with the fewest arcs first; `false` when none can.
fn put_on_call(p: &Problem, r: &mut Roster, slot: &crate::model::PoolSlot) -> bool {
    let (t, s) = (slot.day as usize, shift_index(slot.shift));
    let pick = (0..p.nurses.len())
        .filter(|&n| p.can_be_on_call(n, slot) && r.can_oncall(n, t, s))
        .min_by_key(|&n| (r.serves(n, t).is_some(), p.arcs_by_nurse_day[n][t].len(), n));
    match pick {
        Some(n) => {
            r.add_oncall(n, t, s);
            true
        }
        None => false,
    }
}

/// Give family `f` its floor. With `whole`, undo everything unless the floor is met in full.
fn cover(p: &Problem, r: &mut Roster, f: usize, whole: bool) -> bool {
    let mut added: Vec<(usize, usize, u32)> = Vec::new();
    let days: Vec<usize> = p.home_days(f).collect();
    let mut ok = true;
    for &t in &days {
        let need = FLOOR_PER_DAY.saturating_sub(r.family_day(f, t));
        if need == 0 {
            continue;
        }
        // A new visit lasts at least the minimum (VISIT-MIN).
        let need = need.max(p.params.min_visit);
        match best_nurse(p, r, f, t, need) {
            Some(n) => {
                r.add(n, f, t, need);
                added.push((n, t, need));
            }
            None => ok = false,
        }
    }
    // Catch up to the horizon floor (a deficit from before the horizon).
    let mut missing = p.families[f].floor.saturating_sub(r.family_total(f));
    'catch_up: while missing > 0 {
        for &t in &days {
            if let Some(n) = extend_visit(p, r, f, t) {
                added.push((n, t, 1));
                missing -= 1;
                continue 'catch_up;
            }
        }
        ok = false;
        break;
    }
    if whole && !ok {
        for (n, t, h) in added {
            r.remove(n, f, t, h);
        }
    }
    ok
}

/// The nurse to give `need` hours at family `f` on day `t`: one who already
/// serves the family, then a known nurse, then one who cannot take pool
/// shifts, then the one with the fewest other families she could serve that
/// day (she is the least missed elsewhere).
fn best_nurse(p: &Problem, r: &Roster, f: usize, t: usize, need: u32) -> Option<usize> {
    let fam = &p.families[f];
    let pool = !p.slots.is_empty();
    p.arcs_by_family_day[f][t]
        .iter()
        .map(|&a| p.arcs[a as usize].nurse as usize)
        .filter(|&n| r.can_add(n, f, t, need))
        .min_by_key(|&n| {
            let serving = (0..p.days()).any(|d| r.serves(n, d) == Some(f as u32));
            let known = fam.known_nurses.contains(&(n as u32));
            // Re-planning: the nurse the previous plan had there that day.
            let told = r.arc(n, f, t).is_some_and(|a| p.arcs[a].prev > 0);
            let pressure = p.arcs_by_nurse_day[n][t].len();
            // Keep partus nurses free for the pool where others can do the care.
            let saved_for_pool = pool && p.nurses[n].partus;
            (!told, !serving, !known, saved_for_pool, pressure, n)
        })
}

/// A family in the fill queue, lowest weighted ratio on top.
struct Entry {
    key: f64,
    family: usize,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .key
            .total_cmp(&self.key)
            .then(other.family.cmp(&self.family))
    }
}

/// Hours above the floor, one at a time, to the lowest weighted ratio, up
/// to each family's target (level 3), or with `to_cap` up to its cap (level 4).
pub(super) fn fill(p: &Problem, r: &mut Roster, to_cap: bool) {
    let key = |r: &Roster, f: usize| {
        let fam = &p.families[f];
        r.family_total(f) as f64 / fam.target / priority_weight(fam)
    };
    let mut heap: BinaryHeap<Entry> = (0..p.families.len())
        .filter(|&f| p.families[f].target > 0.0)
        .map(|f| Entry {
            key: key(r, f),
            family: f,
        })
        .collect();
    while let Some(Entry { family: f, .. }) = heap.pop() {
        let fam = &p.families[f];
        let limit = if to_cap { fam.cap as f64 } else { fam.target };
        if r.family_total(f) as f64 >= limit || !add_one_hour(p, r, f) {
            continue;
        }
        heap.push(Entry {
            key: key(r, f),
            family: f,
        });
    }
}

/// One more hour at family `f` on day `t` from the nurse already there, if
/// the rules allow; returns that nurse.
fn extend_visit(p: &Problem, r: &mut Roster, f: usize, t: usize) -> Option<usize> {
    let n =
        (0..p.nurses.len()).find(|&n| r.serves(n, t) == Some(f as u32) && r.can_add(n, f, t, 1))?;
    r.add(n, f, t, 1);
    Some(n)
}

/// One more hour for family `f`: extend a visit, or else start one (of at
/// least the minimum visit length) on its least-served day.
///
/// Never on a day of the notice window when re-planning: changes there rank
/// above levels 3 and 4.
fn add_one_hour(p: &Problem, r: &mut Roster, f: usize) -> bool {
    let mut days: Vec<usize> = p
        .home_days(f)
        .filter(|&t| p.window(t) != Some(Window::Notice))
        .collect();
    days.sort_by_key(|&t| (r.family_day(f, t), t));
    if days.iter().any(|&t| extend_visit(p, r, f, t).is_some()) {
        return true;
    }
    let visit = p.params.min_visit.max(FLOOR_PER_DAY);
    for &t in &days {
        if r.family_day(f, t) + visit > p.params.max_family_day {
            continue;
        }
        if let Some(n) = best_nurse(p, r, f, t, visit) {
            r.add(n, f, t, visit);
            return true;
        }
    }
    false
}
