//! Local search after the greedy construction (`construct.rs`).
//!
//! Every change goes through the roster: care is only added where
//! [`Roster::can_add`] allows it and on-call duty only where
//! [`Roster::can_oncall`] does, and taking care away never breaks a hard rule
//! (a shortened visit keeps at least VISIT-MIN). So every plan stays
//! checker-clean by construction.
//!
//! A move is a short list of [`Step`]s. It is applied, the objective levels of
//! the families (and pool shifts) it touched are scored before and after, and
//! it is kept only when it improves the levels of `models/model.md`
//! lexicographically: (0) nurses short of the pool minimum, when the region
//! sets one (`partus_pool.min_on_call`); (1) families below the floor, then shortfall hours;
//! (2) pool shifts short; (3) the fairness bands (and never a lower provider
//! share, EQUAL-SCALE-DOWN); (4) delivered hours; (5) nurses new to a
//! family; (6) measure uses, then km. A lower level is never bought with a
//! higher one. The phases, in the order of the levels:
//!
//! 1. **Floor repair** for families below the floor (before any hours above
//!    the floor are given, so nurses still have room): give a short day
//!    hours from a nurse who is free, or who serves another family that day
//!    (her visit there passes to a free nurse — the ejection — or is dropped
//!    when that family can spare it), or whose week is full (one of her other
//!    visits that week is shortened, handed over or dropped).
//! 2. **Pool**: a partus nurse whose care keeps her from a short shift (the
//!    day itself, the day after a night, or her week's hours or rest) hands
//!    that care to nurses who are free and goes on call.
//! 3. The greedy fill to each family's target, then **hours** for families
//!    still below it, lowest weighted ratio first: hand a visit to a free
//!    nurse who can stay longer, move an hour of a nurse's week from a
//!    family with a higher ratio, or free a nurse who serves another family
//!    that day (her visit passes to a free nurse). Then the fill runs again,
//!    to the target and then to each family's cap (level 4).
//! 4. **Continuity and travel**: hand a visit to another nurse, merge it into
//!    a nurse already there, or swap two nurses' families on a day, with the
//!    same hours per family-day, when fewer nurses are new to the families,
//!    or as many with fewer measure uses or km.
//!
//! The search is deterministic (fixed orders; the clock only stops it when a
//! time limit would be overrun, never chooses a move) and bounded: each
//! phase makes at most [`PASSES`] ([`CONTINUITY_PASSES`]) passes over the
//! families or visits and ends after a pass without an improving move; within
//! a pass a family gets at most a few moves. Every kept move strictly improves
//! the lexicographic objective, so nothing cycles.

use std::cmp::Ordering;
use std::time::Instant;

mod continuity;
mod floor;
mod hours;
mod pool;
mod restore;

use super::roster::Roster;
use crate::model::baseline::{Window, ONCALL_NOTICES, VISIT_NOTICES};
use crate::model::objective::{band_value, BANDS};
use crate::model::pool::shift_index;
use crate::model::{Problem, FLOOR_PER_DAY};

/// Passes of the floor and hours phases; a pass without an improving move
/// ends a phase early.
const PASSES: usize = 4;
/// Passes of the continuity phase over all visits (it converges slowly on
/// large regions: most of its gain comes in the first few passes).
const CONTINUITY_PASSES: usize = 10;
/// Tolerance of the real-valued levels (fairness, km).
const EPS: f64 = 1e-9;

/// One elementary change of a move.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    /// Nurse `n`'s visit on day `t` passes to nurse `m` with the same hours
    /// (merged into hers when `m` is already there), then `m` adds up to
    /// `extra` hours.
    Hand { n: u32, m: u32, t: u32, extra: u32 },
    /// Family `f` gets `h` hours on day `t` from the first nurse of
    /// [`Search::covers`] (never nurse `not`) who can give them: the cover
    /// for a visit a nurse was taken from.
    Cover { f: u32, t: u32, h: u32, not: u32 },
    /// Nurses `n` and `m` exchange their families on day `t`; each family keeps its hours.
    Swap { n: u32, m: u32, t: u32 },
    /// Nurse `n` drops her visit on day `t`.
    Drop { n: u32, t: u32 },
    /// Nurse `n`'s visit on day `t` loses `h` hours; at least VISIT-MIN stays.
    Cut { n: u32, t: u32, h: u32 },
    /// Nurse `n` gives family `f` on day `t` at least `min` (≥ 1) and up to `max` more hours.
    Give {
        n: u32,
        f: u32,
        t: u32,
        min: u32,
        max: u32,
    },
    /// Nurse `n` goes on call for shift `s` (0 day, 1 evening, 2 night) of day `t`.
    OnCall { n: u32, t: u32, s: u32 },
}

/// A change of the roster, for undo.
#[derive(Clone, Copy, Debug)]
enum Op {
    Add(u32, u32, u32, u32),
    Remove(u32, u32, u32, u32),
    OnCall(u32, u32, u32),
}

/// The objective levels of some families and pool shifts, each oriented so
/// that lower is better (`fair` and `hours` are negated).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Score {
    /// Level 0: nurses short of the pool minimum (POOL-MIN), above the floor.
    pool_min: i64,
    below: i64,
    short: i64,
    pool: i64,
    fair: f64,
    hours: i64,
    new: i64,
    cost: i64,
    km: f64,
    /// Re-planning: notices of changes in the notice window (after the pool)
    /// and on draft days (last).
    notice: i64,
    draft: i64,
}

impl Score {
    fn plus(self, o: Score) -> Score {
        Score {
            pool_min: self.pool_min + o.pool_min,
            below: self.below + o.below,
            short: self.short + o.short,
            pool: self.pool + o.pool,
            fair: self.fair + o.fair,
            hours: self.hours + o.hours,
            new: self.new + o.new,
            cost: self.cost + o.cost,
            km: self.km + o.km,
            notice: self.notice + o.notice,
            draft: self.draft + o.draft,
        }
    }

    fn minus(self, o: Score) -> Score {
        Score {
            pool_min: self.pool_min - o.pool_min,
            below: self.below - o.below,
            short: self.short - o.short,
            pool: self.pool - o.pool,
            fair: self.fair - o.fair,
            hours: self.hours - o.hours,
            new: self.new - o.new,
            cost: self.cost - o.cost,
            km: self.km - o.km,
            notice: self.notice - o.notice,
            draft: self.draft - o.draft,
        }
    }

    /// Levels 0, 1 and 2 (pool minimum, floor, pool, and the notice window
    /// when re-planning): the part no lower level may trade.
    fn top(&self) -> (i64, i64, i64, i64, i64) {
        (
            self.pool_min,
            self.below,
            self.short,
            self.pool,
            self.notice,
        )
    }

    /// Lexicographic order of the levels, lower (better) first.
    fn cmp(&self, o: &Score) -> Ordering {
        let real = |a: f64, b: f64, eps: f64| {
            if a < b - eps {
                Ordering::Less
            } else if a > b + eps {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        };
        self.top()
            .cmp(&o.top())
            .then_with(|| real(self.fair, o.fair, EPS))
            .then(self.hours.cmp(&o.hours))
            .then(self.new.cmp(&o.new))
            .then(self.cost.cmp(&o.cost))
            .then_with(|| real(self.km, o.km, 1e-6))
            .then(self.draft.cmp(&o.draft))
    }
}

/// What a move would change: the levels' difference (after − before) and
/// the planned hours of the families it touches (before, after).
#[derive(Clone, Debug)]
struct Delta {
    gain: Score,
    planned: Vec<(u32, u32, u32)>,
}

/// Moves kept per phase (floor, pool, hours, continuity/travel).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kept {
    /// Floor-repair moves.
    pub floor: u32,
    /// Pool moves.
    pub pool: u32,
    /// Hours moves (fairness, level 3).
    pub hours: u32,
    /// Continuity and travel moves.
    pub continuity: u32,
    /// Re-planning: previous rows given back.
    pub restore: u32,
}

/// Run the local search on the greedy roster `r`, passing no pass after
/// `until` (the caller's time limit): the roster keeps every hard rule after
/// any pass, so stopping early costs quality, never validity.
pub fn improve<'p>(p: &'p Problem, r: &mut Roster<'p>, until: Option<Instant>) -> Kept {
    let mut kept = Kept::default();
    {
        let mut s = Search::new(p, r);
        s.until = until;
        kept.floor = s.repair_floor();
        kept.pool = s.staff_pool();
        kept.restore = s.restore();
    }
    super::construct::fill(p, r, false);
    {
        let mut s = Search::new(p, r);
        s.until = until;
        kept.hours = s.raise_hours();
    }
    super::construct::fill(p, r, false);
    super::construct::fill(p, r, true);
    let mut s = Search::new(p, r);
    s.until = until;
    kept.continuity = s.continuity();
    kept
}

/// The roster with the bookkeeping of the search.
struct Search<'a, 'p> {
    p: &'p Problem,
    r: &'a mut Roster<'p>,
    /// Visits per family: (nurse, day).
    visits: Vec<Vec<(u32, u32)>>,
    /// Home days in the horizon per family.
    home: Vec<Vec<u32>>,
    /// Level-6 cost of a visit on each arc (its measures).
    arc_cost: Vec<i64>,
    /// Pool slots per day and shift.
    slots_at: Vec<[Vec<u32>; 3]>,
    /// Nurses eligible for each pool slot.
    eligible: Vec<Vec<u32>>,
    /// Per provider: Σ min(planned, target) and Σ target (EQUAL-SCALE-DOWN).
    served: Vec<f64>,
    target: Vec<f64>,
    /// Changes since the last kept move.
    log: Vec<Op>,
    /// No pass starts after this instant.
    until: Option<Instant>,
}

impl<'a, 'p> Search<'a, 'p> {
    fn new(p: &'p Problem, r: &'a mut Roster<'p>) -> Self {
        let mut visits = vec![Vec::new(); p.families.len()];
        for (a, arc) in p.arcs.iter().enumerate() {
            if r.hours[a] > 0 && !arc.centre {
                visits[arc.family as usize].push((arc.nurse, arc.day));
            }
        }
        let home = (0..p.families.len())
            .map(|f| p.home_days(f).map(|t| t as u32).collect())
            .collect();
        let arc_cost = p
            .arcs
            .iter()
            .map(|a| a.measures.iter().map(|m| m.cost() as i64).sum())
            .collect();
        let mut slots_at = vec![[Vec::new(), Vec::new(), Vec::new()]; p.days()];
        let mut eligible = Vec::with_capacity(p.slots.len());
        for (k, slot) in p.slots.iter().enumerate() {
            slots_at[slot.day as usize][shift_index(slot.shift)].push(k as u32);
            eligible.push(
                (0..p.nurses.len())
                    .filter(|&n| p.can_be_on_call(n, slot))
                    .map(|n| n as u32)
                    .collect(),
            );
        }
        let mut served = vec![0.0; p.providers.len()];
        let mut target = vec![0.0; p.providers.len()];
        for (f, fam) in p.families.iter().enumerate() {
            if let (Some(pr), true) = (fam.provider, fam.target > 0.0) {
                target[pr as usize] += fam.target;
                served[pr as usize] += (r.family_total(f) as f64).min(fam.target);
            }
        }
        Search {
            p,
            r,
            visits,
            home,
            arc_cost,
            slots_at,
            eligible,
            served,
            target,
            log: Vec::new(),
            until: None,
        }
    }

    /// Run `pass` up to `max` times; a pass that keeps no move ends the
    /// phase. Returns the moves kept (every phase loops this way).
    fn passes(&mut self, max: usize, mut pass: impl FnMut(&mut Self) -> u32) -> u32 {
        let mut kept = 0;
        for _ in 0..max {
            if self.until.is_some_and(|u| Instant::now() >= u) {
                break;
            }
            let now = pass(self);
            kept += now;
            if now == 0 {
                break;
            }
        }
        kept
    }

    // ---- roster changes with undo ----

    /// Family and hours of nurse `n`'s visit on day `t`.
    fn visit(&self, n: usize, t: usize) -> Option<(usize, u32)> {
        let f = self.r.serves(n, t)? as usize;
        let a = self.r.arc(n, f, t)?;
        Some((f, self.r.hours[a]))
    }

    fn hours(&self, n: usize, f: usize, t: usize) -> u32 {
        self.r.arc(n, f, t).map_or(0, |a| self.r.hours[a])
    }

    fn raw_add(&mut self, n: usize, f: usize, t: usize, h: u32) {
        let new = self.hours(n, f, t) == 0;
        self.r.add(n, f, t, h);
        if new {
            self.visits[f].push((n as u32, t as u32));
        }
    }

    fn raw_remove(&mut self, n: usize, f: usize, t: usize, h: u32) {
        self.r.remove(n, f, t, h);
        if self.hours(n, f, t) == 0 {
            let v = (n as u32, t as u32);
            self.visits[f].retain(|&x| x != v);
        }
    }

    /// `h` more hours of nurse `n` at family `f` on day `t`, if the rules allow.
    fn add(&mut self, n: usize, f: usize, t: usize, h: u32) -> bool {
        if h == 0 {
            return true;
        }
        if !self.r.can_add(n, f, t, h) {
            return false;
        }
        self.raw_add(n, f, t, h);
        self.log.push(Op::Add(n as u32, f as u32, t as u32, h));
        true
    }

    /// Take `h` hours of nurse `n` at family `f` on day `t` away.
    fn take(&mut self, n: usize, f: usize, t: usize, h: u32) {
        self.raw_remove(n, f, t, h);
        self.log.push(Op::Remove(n as u32, f as u32, t as u32, h));
    }

    /// Undo every change since the last kept move.
    fn undo(&mut self) {
        while let Some(op) = self.log.pop() {
            match op {
                Op::Add(n, f, t, h) => self.raw_remove(n as usize, f as usize, t as usize, h),
                Op::Remove(n, f, t, h) => self.raw_add(n as usize, f as usize, t as usize, h),
                Op::OnCall(n, t, s) => self.r.remove_oncall(n as usize, t as usize, s as usize),
            }
        }
    }

    /// Nurses who could take over a visit at family `f` on day `t` from
    /// nurse `n`, best first: one already there, one the family knows or
    /// who serves it on other days, one who cannot take pool shifts (when
    /// there is a pool), the nearest.
    fn covers(&self, f: usize, t: usize, n: usize) -> Vec<u32> {
        let p = self.p;
        let pool = !p.slots.is_empty();
        let mut c: Vec<(bool, bool, bool, u64, u32)> = p.arcs_by_family_day[f][t]
            .iter()
            .map(|&a| &p.arcs[a as usize])
            .filter(|arc| arc.nurse as usize != n)
            .filter(|arc| {
                self.r
                    .serves(arc.nurse as usize, t)
                    .is_none_or(|g| g as usize == f)
            })
            .map(|arc| {
                let m = arc.nurse as usize;
                let there = self.r.serves(m, t).is_some();
                let familiar = p.families[f].known_nurses.contains(&arc.nurse)
                    || self.visits[f].iter().any(|v| v.0 == arc.nurse);
                (
                    !there,
                    !familiar,
                    pool && p.nurses[m].partus,
                    (arc.km * 1000.0) as u64,
                    arc.nurse,
                )
            })
            .collect();
        c.sort_unstable();
        c.into_iter().map(|k| k.4).collect()
    }

    /// Apply one step; `false` when the rules (or the state) do not allow it.
    fn step(&mut self, s: Step) -> bool {
        let taken = match s {
            Step::Hand { n, t, .. } | Step::Drop { n, t } | Step::Cut { n, t, .. } => vec![(n, t)],
            Step::Swap { n, m, t } => vec![(n, t), (m, t)],
            _ => Vec::new(),
        };
        if taken
            .iter()
            .any(|&(n, t)| self.pinned(n as usize, t as usize))
        {
            return false;
        }
        match s {
            Step::Hand { n, m, t, extra } => {
                let (n, m, t) = (n as usize, m as usize, t as usize);
                let Some((f, h)) = self.visit(n, t) else {
                    return false;
                };
                if m == n {
                    return false;
                }
                self.take(n, f, t, h);
                if !self.add(m, f, t, h) {
                    return false;
                }
                for _ in 0..extra {
                    if !self.add(m, f, t, 1) {
                        break;
                    }
                }
                true
            }
            Step::Cover { f, t, h, not } => {
                let (f, t) = (f as usize, t as usize);
                let covers = self.covers(f, t, not as usize);
                covers.into_iter().any(|m| self.add(m as usize, f, t, h))
            }
            Step::Swap { n, m, t } => {
                let (n, m, t) = (n as usize, m as usize, t as usize);
                let (Some((f, hn)), Some((g, hm))) = (self.visit(n, t), self.visit(m, t)) else {
                    return false;
                };
                if f == g {
                    return false;
                }
                self.take(n, f, t, hn);
                self.take(m, g, t, hm);
                self.add(m, f, t, hn) && self.add(n, g, t, hm)
            }
            Step::Drop { n, t } => {
                let (n, t) = (n as usize, t as usize);
                let Some((f, h)) = self.visit(n, t) else {
                    return false;
                };
                self.take(n, f, t, h);
                true
            }
            Step::Cut { n, t, h } => {
                let (n, t) = (n as usize, t as usize);
                match self.visit(n, t) {
                    Some((f, have)) if h > 0 && have >= h + self.p.params.min_visit => {
                        self.take(n, f, t, h);
                        true
                    }
                    _ => false,
                }
            }
            Step::Give { n, f, t, min, max } => {
                let (n, f, t) = (n as usize, f as usize, t as usize);
                if min == 0 || !self.add(n, f, t, min) {
                    return false;
                }
                for _ in min..max {
                    if !self.add(n, f, t, 1) {
                        break;
                    }
                }
                true
            }
            Step::OnCall { n, t, s } => {
                let (n, t, s) = (n as usize, t as usize, s as usize);
                if !self.r.can_oncall(n, t, s) {
                    return false;
                }
                self.r.add_oncall(n, t, s);
                self.log.push(Op::OnCall(n as u32, t as u32, s as u32));
                true
            }
        }
    }

    // ---- scoring ----

    /// The levels of family `f` as the plan stands.
    fn family_score(&self, f: usize) -> Score {
        let p = self.p;
        let fam = &p.families[f];
        let planned = self.r.family_total(f);
        let mut day_short = 0u32;
        let mut cost = 0i64;
        for &t in &self.home[f] {
            let h = self.r.family_day(f, t as usize);
            match fam.waivable.iter().find(|w| w.0 == t) {
                // A waivable day without care is waived: no floor, one measure use.
                Some(&(_, m)) if h == 0 => cost += m.cost() as i64,
                _ => day_short += FLOOR_PER_DAY.saturating_sub(h),
            }
        }
        let short = day_short.max(fam.floor.saturating_sub(planned));
        let mut nurses: Vec<u32> = Vec::with_capacity(self.visits[f].len());
        let mut km = 0.0;
        for &(n, t) in &self.visits[f] {
            let a = self
                .r
                .arc(n as usize, f, t as usize)
                .expect("a visit has an arc");
            cost += self.arc_cost[a];
            km += 2.0 * p.arcs[a].km;
            if !fam.known_nurses.contains(&n) && !nurses.contains(&n) {
                nurses.push(n);
            }
        }
        let [notice, draft] = self.family_changes(f);
        Score {
            pool_min: 0,
            below: i64::from(short > 0),
            short: short as i64,
            pool: 0,
            fair: -fair_value(p, f, planned),
            hours: -(planned as i64),
            new: nurses.len() as i64,
            cost,
            km,
            notice,
            draft,
        }
    }

    /// Re-planning: notices of family `f`'s visit rows whose hours differ
    /// from the previous plan's, per window (`model::baseline`).
    fn family_changes(&self, f: usize) -> [i64; 2] {
        let p = self.p;
        let mut out = [0i64; 2];
        if p.baseline.is_none() {
            return out;
        }
        for (t, arcs) in p.arcs_by_family_day[f].iter().enumerate() {
            let Some(w) = p.window(t) else { continue };
            for &a in arcs {
                if self.r.hours[a as usize] != p.arcs[a as usize].prev {
                    out[w as usize] += i64::from(VISIT_NOTICES);
                }
            }
        }
        out
    }

    /// Re-planning: notices of the on-call rows of shift `s` on day `t`
    /// that differ from the previous plan's.
    fn shift_changes(&self, t: usize, s: usize) -> (Option<Window>, i64) {
        let p = self.p;
        let Some(w) = p.window(t) else {
            return (None, 0);
        };
        let changed = p
            .nurses
            .iter()
            .enumerate()
            .filter(|(n, nurse)| nurse.prev_oncall[t][s] != self.r.oncall[*n][t][s])
            .count() as i64;
        (Some(w), changed * i64::from(ONCALL_NOTICES))
    }

    /// A kept visit (LOCK): the search never takes from it.
    fn pinned(&self, n: usize, t: usize) -> bool {
        self.r
            .serves(n, t)
            .and_then(|f| self.r.arc(n, f as usize, t))
            .is_some_and(|a| self.p.arcs[a].keep)
    }

    /// Nurses short on pool slot `k`.
    fn slot_short(&self, k: usize) -> i64 {
        self.p.slots[k]
            .required
            .saturating_sub(self.slot_covered(k)) as i64
    }

    /// Nurses short of pool slot `k`'s minimum (level 0).
    fn slot_min_short(&self, k: usize) -> i64 {
        self.p.slots[k].minimum.saturating_sub(self.slot_covered(k)) as i64
    }

    /// Eligible nurses on call for pool slot `k`.
    fn slot_covered(&self, k: usize) -> u32 {
        let slot = &self.p.slots[k];
        let (t, s) = (slot.day as usize, shift_index(slot.shift));
        self.eligible[k]
            .iter()
            .filter(|&&n| self.r.oncall[n as usize][t][s])
            .count() as u32
    }

    fn score(&self, families: &[u32], shifts: &[(u32, u32)]) -> Score {
        let mut sc = families.iter().fold(Score::default(), |acc, &f| {
            acc.plus(self.family_score(f as usize))
        });
        for &(t, s) in shifts {
            for &k in &self.slots_at[t as usize][s as usize] {
                sc.pool += self.slot_short(k as usize);
                sc.pool_min += self.slot_min_short(k as usize);
            }
            match self.shift_changes(t as usize, s as usize) {
                (Some(Window::Notice), c) => sc.notice += c,
                (Some(Window::Draft), c) => sc.draft += c,
                _ => {}
            }
        }
        sc
    }

    /// Families and pool shifts the changes since the last kept move touch.
    fn touched(&self) -> (Vec<u32>, Vec<(u32, u32)>) {
        let mut fams = Vec::new();
        let mut shifts = Vec::new();
        for op in &self.log {
            match *op {
                Op::Add(_, f, _, _) | Op::Remove(_, f, _, _) => fams.push(f),
                Op::OnCall(_, t, s) => shifts.push((t, s)),
            }
        }
        fams.sort_unstable();
        fams.dedup();
        shifts.sort_unstable();
        shifts.dedup();
        (fams, shifts)
    }

    /// Apply `mv`, measure it and undo it; `None` when a step is not allowed.
    fn attempt(&mut self, mv: &[Step]) -> Option<Delta> {
        debug_assert!(self.log.is_empty());
        if !mv.iter().all(|&s| self.step(s)) {
            self.undo();
            return None;
        }
        let (fams, shifts) = self.touched();
        let after = self.score(&fams, &shifts);
        let planned_after: Vec<u32> = fams
            .iter()
            .map(|&f| self.r.family_total(f as usize))
            .collect();
        self.undo();
        let before = self.score(&fams, &shifts);
        let planned = fams
            .iter()
            .zip(planned_after)
            .map(|(&f, a)| (f, self.r.family_total(f as usize), a))
            .collect();
        Some(Delta {
            gain: after.minus(before),
            planned,
        })
    }

    /// Whether a measured move improves the levels: better on levels 1–2, or
    /// equal there, no lower provider share, and better below.
    fn improves(&self, d: &Delta) -> bool {
        match d.gain.top().cmp(&(0, 0, 0, 0, 0)) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => {
                self.shares_ok(&d.planned) && d.gain.cmp(&Score::default()) == Ordering::Less
            }
        }
    }

    /// EQUAL-SCALE-DOWN: a provider whose share drops keeps at least the
    /// share of every provider that gains (the move connects them, so the
    /// lowest share of their component does not drop).
    fn shares_ok(&self, planned: &[(u32, u32, u32)]) -> bool {
        let p = self.p;
        let mut change: Vec<(usize, f64)> = Vec::new();
        for &(f, before, after) in planned {
            let fam = &p.families[f as usize];
            let Some(pr) = fam.provider else { continue };
            if fam.target <= 0.0 || before == after {
                continue;
            }
            let d = (after as f64).min(fam.target) - (before as f64).min(fam.target);
            match change.iter_mut().find(|c| c.0 == pr as usize) {
                Some(c) => c.1 += d,
                None => change.push((pr as usize, d)),
            }
        }
        let share = |(pr, d): (usize, f64)| (self.served[pr] + d) / self.target[pr];
        let top = change
            .iter()
            .filter(|c| c.1 > EPS)
            .map(|&c| share(c))
            .reduce(f64::max);
        change
            .iter()
            .filter(|c| c.1 < -EPS)
            .all(|&c| top.is_some_and(|top| share(c) >= top - EPS))
    }

    /// Apply a measured move for good.
    fn keep(&mut self, mv: &[Step], d: &Delta) {
        let ok = mv.iter().all(|&s| self.step(s));
        debug_assert!(ok, "a measured move applies again");
        if !ok {
            self.undo();
            return;
        }
        self.log.clear();
        for &(f, before, after) in &d.planned {
            let fam = &self.p.families[f as usize];
            if let (Some(pr), true) = (fam.provider, fam.target > 0.0) {
                self.served[pr as usize] +=
                    (after as f64).min(fam.target) - (before as f64).min(fam.target);
            }
        }
    }

    /// Measure every candidate and keep the best improving one.
    fn keep_best(&mut self, candidates: &[Vec<Step>]) -> bool {
        let mut best: Option<(usize, Delta)> = None;
        for (i, mv) in candidates.iter().enumerate() {
            let Some(d) = self.attempt(mv) else { continue };
            if !self.improves(&d) {
                continue;
            }
            if best
                .as_ref()
                .is_none_or(|(_, b)| d.gain.cmp(&b.gain) == Ordering::Less)
            {
                best = Some((i, d));
            }
        }
        match best {
            Some((i, d)) => {
                self.keep(&candidates[i], &d);
                true
            }
            None => false,
        }
    }
}

/// Level-3 value of family `f` with `planned` hours: its hours fill ten bands
/// of `target/10`, the lower bands worth more (`fairness.rs`).
fn fair_value(p: &Problem, f: usize, planned: u32) -> f64 {
    let fam = &p.families[f];
    if fam.target <= 0.0 {
        return 0.0;
    }
    let width = fam.target / BANDS as f64;
    let mut left = planned as f64;
    let mut value = 0.0;
    for k in 0..BANDS {
        let u = left.min(width).max(0.0);
        value += band_value(fam, k) * u;
        left -= u;
    }
    value
}

#[cfg(test)]
mod tests;
