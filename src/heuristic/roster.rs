//! A roster under construction that keeps every hard rule of the MILP
//! (`models/model.md`) at every step, so whatever the heuristic builds is
//! feasible: one family a nurse a day, ATW-DAY-MAX, ATW-WEEK-MAX, CONTRACT,
//! ATW-AVG-4W/16W, ATW-WEEKLY-REST, ORG-EPISODE-REST, CARE-MAX, VISIT-MIN and the
//! on-call rules (ONCALL-NO-CARE, ATW-NIGHT-REST, ATW-ONCALL-4W,
//! CAO-ONCALL-BLOCK; on-call hours count as work). Rules that
//! only remove combinations (AVAIL, ROLE, travel, provider) hold because only
//! arcs of the problem are ever used.
//!
//! [`RULES`] lists the rules the roster checks itself, [`BY_CONSTRUCTION`]
//! those that hold because it only uses the problem's arcs and pool slots;
//! each check below names its rules.

use crate::domain::rules::RuleId;
use crate::model::{Problem, FLOOR_PER_DAY};

/// The hard rules the roster checks before every addition
/// ([`Roster::can_add`], [`Roster::can_oncall`]).
pub const RULES: &[RuleId] = &[
    RuleId::OneFamilyADay,
    RuleId::CareMax,
    RuleId::AtwDayMax,
    RuleId::VisitMin,
    RuleId::OncallNoCare,
    RuleId::AtwNightRest,
    RuleId::AtwWeekMax,
    RuleId::Contract,
    RuleId::AtwAvg4w,
    RuleId::AtwAvg16w,
    RuleId::OrgEpisodeRest,
    RuleId::AtwWeeklyRest,
    RuleId::CaoOncallBlock,
    RuleId::AtwOncall4w,
    RuleId::Lock,
];

/// The hard rules that hold because the roster only ever uses arcs of the
/// problem ([`Roster::arc`]: AVAIL, ROLE, TRAVEL, and LOCK's forbidden pairs,
/// which have no arcs) and its callers only put
/// nurses on call where `Problem::can_be_on_call` allows (POOL-ELIGIBLE; once
/// per shift is [`Roster::can_oncall`]'s own check).
pub const BY_CONSTRUCTION: &[RuleId] = &[
    RuleId::Avail,
    RuleId::Role,
    RuleId::Travel,
    RuleId::PoolEligible,
];

/// Care assigned so far, with the running sums the rules need.
pub struct Roster<'p> {
    p: &'p Problem,
    /// Hours per arc.
    pub hours: Vec<u32>,
    /// Family a nurse serves on a day.
    nurse_family: Vec<Vec<Option<u32>>>,
    nurse_day_hours: Vec<Vec<u32>>,
    family_day_hours: Vec<Vec<u32>>,
    family_total: Vec<u32>,
    /// On call per nurse, day and shift.
    pub oncall: Vec<Vec<[bool; 3]>>,
    /// Arcs of each nurse and day as (family, arc), sorted by family.
    arc_of: Vec<Vec<Vec<(u32, u32)>>>,
    /// Families each nurse serves at the kraamcentrum on a day (0: no centre day).
    centre_load: Vec<Vec<u32>>,
    /// Whether a family is at the kraamcentrum on a day.
    at_centre: Vec<Vec<bool>>,
    /// Families at the kraamcentrum per day (its beds).
    beds_used: Vec<u32>,
}

impl<'p> Roster<'p> {
    /// An empty roster.
    pub fn new(p: &'p Problem) -> Self {
        let (nn, nf, days) = (p.nurses.len(), p.families.len(), p.days());
        let arc_of = (0..nn)
            .map(|n| {
                (0..days)
                    .map(|t| {
                        let mut of: Vec<(u32, u32)> = p.arcs_by_nurse_day[n][t]
                            .iter()
                            .map(|&a| (p.arcs[a as usize].family, a))
                            .collect();
                        of.sort_unstable();
                        of
                    })
                    .collect()
            })
            .collect();
        Roster {
            p,
            hours: vec![0; p.arcs.len()],
            nurse_family: vec![vec![None; days]; nn],
            nurse_day_hours: vec![vec![0; days]; nn],
            family_day_hours: vec![vec![0; days]; nf],
            family_total: vec![0; nf],
            oncall: vec![vec![[false; 3]; days]; nn],
            arc_of,
            centre_load: vec![vec![0; days]; nn],
            at_centre: vec![vec![false; days]; nf],
            beds_used: vec![0; days],
        }
    }

    /// Hours of family `f` on day `t`.
    pub fn family_day(&self, f: usize, t: usize) -> u32 {
        self.family_day_hours[f][t]
    }

    /// Hours of family `f` in the horizon.
    pub fn family_total(&self, f: usize) -> u32 {
        self.family_total[f]
    }

    /// The family nurse `n` serves on day `t`, if any.
    pub fn serves(&self, n: usize, t: usize) -> Option<u32> {
        self.nurse_family[n][t]
    }

    /// The arc of nurse `n` at family `f` on day `t`, if the problem has one.
    pub fn arc(&self, n: usize, f: usize, t: usize) -> Option<usize> {
        let of = &self.arc_of[n][t];
        of.binary_search_by_key(&(f as u32), |&(g, _)| g)
            .ok()
            .map(|i| of[i].1 as usize)
    }

    /// Whether `h` more hours of nurse `n` at family `f` on day `t` keep every rule:
    /// an arc of the problem (AVAIL, ROLE, TRAVEL), [`RuleId::OneFamilyADay`],
    /// [`RuleId::CareMax`] (the arc's and the family's day maximum, the cap),
    /// [`RuleId::AtwDayMax`], [`RuleId::VisitMin`], [`RuleId::OncallNoCare`],
    /// [`RuleId::AtwNightRest`], then [`Roster::weekly_ok`],
    /// [`Roster::episode_rest_ok`] and [`Roster::weekly_rest_ok`].
    pub fn can_add(&self, n: usize, f: usize, t: usize, h: u32) -> bool {
        let p = self.p;
        let Some(a) = self.arc(n, f, t) else {
            return false;
        };
        // M-KRAAMCENTRUM: a centre day has no home visits, and a family at
        // the centre gets none that day.
        if self.centre_load[n][t] > 0 || self.at_centre[f][t] {
            return false;
        }
        // ONE-FAMILY-A-DAY.
        if let Some(g) = self.nurse_family[n][t] {
            if g as usize != f {
                return false;
            }
        }
        // CARE-MAX (the arc's maximum) and ATW-DAY-MAX.
        let new_day = self.nurse_day_hours[n][t] + h;
        if self.hours[a] + h > p.arcs[a].max_hours || new_day > p.params.max_nurse_day {
            return false;
        }
        // LOCK: a kept visit gets its previous hours, never more (the search
        // never takes from it, `improve::Search::pinned`).
        if p.arcs[a].keep && self.hours[a] + h > p.arcs[a].prev {
            return false;
        }
        // VISIT-MIN: a new visit is at least the minimum length.
        if self.hours[a] == 0 && h < p.params.min_visit {
            return false;
        }
        // ONCALL-NO-CARE and ATW-NIGHT-REST (day 0 has no arcs after a
        // night before `start`; checked here too, as on-call is).
        if self.oncall[n][t][0] || self.night_before(n, t) {
            return false;
        }
        // CARE-MAX: the family's day maximum and its cap.
        if self.family_day_hours[f][t] + h > p.params.max_family_day
            || self.family_total[f] + h > p.families[f].cap
        {
            return false;
        }
        self.weekly_ok(n, t, h)
            && self.episode_rest_ok(n, f, t)
            && (self.works(n, t) || self.weekly_rest_ok(n, t))
    }

    /// Whether nurse `n` is on night call the night before day `t`: in the
    /// roster, or for day 0 in history (`history.oncall_nights`).
    fn night_before(&self, n: usize, t: usize) -> bool {
        if t == 0 {
            self.p.nurses[n].night_before
        } else {
            self.oncall[n][t - 1][2]
        }
    }

    /// Whether nurse `n` works on day `t` (care, at home or at the centre, or on call).
    fn works(&self, n: usize, t: usize) -> bool {
        self.cares(n, t) || self.oncall[n][t].iter().any(|&o| o)
    }

    /// Whether nurse `n` gives care on day `t`, at home or at the centre.
    fn cares(&self, n: usize, t: usize) -> bool {
        self.nurse_family[n][t].is_some() || self.centre_load[n][t] > 0
    }

    /// Families nurse `n` serves at the kraamcentrum on day `t` (0: none).
    pub fn centre_load(&self, n: usize, t: usize) -> u32 {
        self.centre_load[n][t]
    }

    /// Whether family `f` is at the kraamcentrum on day `t`.
    pub fn at_centre(&self, f: usize, t: usize) -> bool {
        self.at_centre[f][t]
    }

    /// Whether nurse `n`, without care on day `t`, may make it a centre day
    /// (M-KRAAMCENTRUM): centre arcs that day, no day shift and no night
    /// before ([`RuleId::OncallNoCare`], [`RuleId::AtwNightRest`]), the
    /// centre day's hours within [`RuleId::AtwDayMax`] and the weekly rules.
    pub fn can_open_centre(&self, n: usize, t: usize) -> bool {
        let p = self.p;
        let h = p.centre_hours();
        !self.cares(n, t)
            && p.can_staff_centre(n, t)
            && !self.oncall[n][t][0]
            && !self.night_before(n, t)
            && self.nurse_day_hours[n][t] + h <= p.params.max_nurse_day
            && self.weekly_ok(n, t, h)
            && (self.works(n, t) || self.weekly_rest_ok(n, t))
    }

    /// Whether family `f` may join nurse `n`'s centre day `t`: her centre arc,
    /// room in her day (`size`) and at the centre (`beds`), no care for `f`
    /// that day yet, and [`RuleId::CareMax`] for 3 more hours.
    pub fn can_join_centre(&self, n: usize, f: usize, t: usize) -> bool {
        let p = self.p;
        let Some(c) = &p.centre else {
            return false;
        };
        p.centre_arc_of(n, f, t).is_some()
            && self.centre_load[n][t] < c.size
            && self.beds_used[t] < c.beds
            && !self.at_centre[f][t]
            && self.family_day_hours[f][t] == 0
            && FLOOR_PER_DAY <= p.params.max_family_day
            && self.family_total[f] + FLOOR_PER_DAY <= p.families[f].cap
    }

    /// Family `f` at nurse `n`'s centre day `t` (the first makes it her
    /// centre day); the caller has checked [`Roster::can_open_centre`] for
    /// the first and [`Roster::can_join_centre`] for each.
    pub fn join_centre(&mut self, n: usize, f: usize, t: usize) {
        let a = self.p.centre_arc_of(n, f, t).expect("centre arc checked");
        if self.centre_load[n][t] == 0 {
            self.nurse_day_hours[n][t] += self.p.centre_hours();
        }
        self.centre_load[n][t] += 1;
        self.beds_used[t] += 1;
        self.at_centre[f][t] = true;
        self.hours[a] = FLOOR_PER_DAY;
        self.family_day_hours[f][t] += FLOOR_PER_DAY;
        self.family_total[f] += FLOOR_PER_DAY;
    }

    /// Take family `f` back from nurse `n`'s centre day `t` (the last one
    /// ends the centre day).
    pub fn leave_centre(&mut self, n: usize, f: usize, t: usize) {
        let a = self
            .p
            .centre_arc_of(n, f, t)
            .expect("a family at the centre has its arc");
        debug_assert!(self.hours[a] > 0);
        self.hours[a] = 0;
        self.centre_load[n][t] -= 1;
        if self.centre_load[n][t] == 0 {
            self.nurse_day_hours[n][t] -= self.p.centre_hours();
        }
        self.beds_used[t] -= 1;
        self.at_centre[f][t] = false;
        self.family_day_hours[f][t] -= FLOOR_PER_DAY;
        self.family_total[f] -= FLOOR_PER_DAY;
    }

    /// Whether nurse `n` may also take shift `s` (0 day, 1 evening, 2 night) of day `t`;
    /// the caller has checked that she is eligible for the pool slot (POOL-ELIGIBLE).
    /// Checks once per shift, [`RuleId::AtwDayMax`], [`RuleId::OncallNoCare`]
    /// and [`RuleId::AtwNightRest`] (`blocked`), [`Roster::block_ok`],
    /// [`Roster::oncall_4w_ok`], [`Roster::weekly_ok`] and [`Roster::weekly_rest_ok`].
    pub fn can_oncall(&self, n: usize, t: usize, s: usize) -> bool {
        let p = self.p;
        let h = p.params.oncall_hours;
        if self.oncall[n][t][s] || self.nurse_day_hours[n][t] + h > p.params.max_nurse_day {
            return false;
        }
        let cares = |d: usize| self.cares(n, d);
        let last = p.days() - 1;
        let night_before = self.night_before(n, t);
        let blocked = match s {
            0 => cares(t) || night_before,
            1 => night_before,
            _ => t < last && (cares(t + 1) || self.oncall[n][t + 1][0] || self.oncall[n][t + 1][1]),
        };
        if blocked || !self.block_ok(n, t, s) || !self.oncall_4w_ok(n, t) {
            return false;
        }
        self.weekly_ok(n, t, h) && (self.works(n, t) || self.weekly_rest_ok(n, t))
    }

    /// Put nurse `n` on call for shift `s` of day `t`; the caller has checked [`Roster::can_oncall`].
    pub fn add_oncall(&mut self, n: usize, t: usize, s: usize) {
        self.oncall[n][t][s] = true;
        self.nurse_day_hours[n][t] += self.p.params.oncall_hours;
    }

    /// [`RuleId::CaoOncallBlock`]: no three consecutive shifts with this one.
    fn block_ok(&self, n: usize, t: usize, s: usize) -> bool {
        let seq = |i: i64| -> bool {
            if i < 0 || i >= 3 * self.p.days() as i64 {
                return false;
            }
            let i = i as usize;
            self.oncall[n][i / 3][i % 3]
        };
        let me = (3 * t + s) as i64;
        !((seq(me - 2) && seq(me - 1))
            || (seq(me - 1) && seq(me + 1))
            || (seq(me + 1) && seq(me + 2)))
    }

    /// [`RuleId::AtwOncall4w`] for a new on-call date `t`.
    fn oncall_4w_ok(&self, n: usize, t: usize) -> bool {
        let on_call = |d: usize| self.oncall[n][d].iter().any(|&o| o);
        on_call(t)
            || windows_ok(
                self.p.days(),
                t,
                28,
                self.p.params.max_oncall_4w as usize,
                |k| self.p.nurses[n].oncall_before[k - 1],
                on_call,
            )
    }

    /// Add `h` hours; the caller has checked [`Roster::can_add`].
    pub fn add(&mut self, n: usize, f: usize, t: usize, h: u32) {
        let a = self.arc(n, f, t).expect("arc checked by can_add");
        self.hours[a] += h;
        self.nurse_family[n][t] = Some(f as u32);
        self.nurse_day_hours[n][t] += h;
        self.family_day_hours[f][t] += h;
        self.family_total[f] += h;
    }

    /// Take back `h` hours. Removing care never breaks a rule, except
    /// VISIT-MIN when a visit is shortened: the caller leaves either nothing
    /// or at least the minimum visit.
    pub fn remove(&mut self, n: usize, f: usize, t: usize, h: u32) {
        let a = self.arc(n, f, t).expect("only assigned arcs are removed");
        self.hours[a] -= h;
        self.nurse_day_hours[n][t] -= h;
        self.family_day_hours[f][t] -= h;
        self.family_total[f] -= h;
        // The visit is gone even if on-call hours remain on the day.
        if self.hours[a] == 0 {
            self.nurse_family[n][t] = None;
        }
    }

    /// Take nurse `n` off call for shift `s` of day `t` (to undo a move).
    pub fn remove_oncall(&mut self, n: usize, t: usize, s: usize) {
        debug_assert!(self.oncall[n][t][s]);
        self.oncall[n][t][s] = false;
        self.nurse_day_hours[n][t] -= self.p.params.oncall_hours;
    }

    /// [`RuleId::AtwWeekMax`], [`RuleId::Contract`] and the 4- and 16-week
    /// averages ([`RuleId::AtwAvg4w`], [`RuleId::AtwAvg16w`]) for `h` more hours on day `t`.
    fn weekly_ok(&self, n: usize, t: usize, h: u32) -> bool {
        let p = self.p;
        let nurse = &p.nurses[n];
        let week_hours = |w: &crate::model::Week| -> u32 {
            w.days.clone().map(|d| self.nurse_day_hours[n][d]).sum()
        };
        let Some(week) = p.weeks.iter().find(|w| w.days.contains(&t)) else {
            return false;
        };
        let before = if week.offset == 0 {
            nurse.current_week_hours
        } else {
            0
        };
        if week_hours(week) + before + h > p.params.max_week.min(nurse.contract_max) {
            return false;
        }
        for (span, avg) in [(4u32, p.params.avg_4w), (16, p.params.avg_16w)] {
            for last in p
                .weeks
                .iter()
                .filter(|w| w.offset >= week.offset && w.offset < week.offset + span)
            {
                let first = last.offset as i64 - span as i64 + 1;
                let mut total = h;
                for o in first..0 {
                    total += p.past_week_hours(n, (-o) as u32);
                }
                if first <= 0 {
                    total += nurse.current_week_hours;
                }
                total += p
                    .weeks
                    .iter()
                    .filter(|w| w.offset as i64 >= first && w.offset <= last.offset)
                    .map(week_hours)
                    .sum::<u32>();
                if total > span * avg {
                    return false;
                }
            }
        }
        true
    }

    /// [`RuleId::AtwWeeklyRest`] for a new working day `t`.
    fn weekly_rest_ok(&self, n: usize, t: usize) -> bool {
        let p = self.p;
        !p.params.weekly_rest
            || windows_ok(
                p.days(),
                t,
                7,
                6,
                |k| p.nurses[n].worked_before[k - 1],
                |d| self.works(n, d),
            )
    }

    /// [`RuleId::OrgEpisodeRest`]: no other family within the rest days around `t`.
    fn episode_rest_ok(&self, n: usize, f: usize, t: usize) -> bool {
        let r = self.p.params.rest_days as usize;
        let lo = t.saturating_sub(r);
        let hi = (t + r).min(self.p.days() - 1);
        (lo..=hi).all(|d| self.nurse_family[n][d].is_none_or(|g| g as usize == f))
    }
}

/// Whether marking day `t` keeps at most `max` marked days in every
/// `len`-day window through `t` that ends inside the horizon, counting
/// `before(k)` for day `start − k` and `marked(d)` inside the horizon (the
/// rolling windows of ATW-WEEKLY-REST and ATW-ONCALL-4W, as in the model).
fn windows_ok(
    days: usize,
    t: usize,
    len: i64,
    max: usize,
    before: impl Fn(usize) -> bool,
    marked: impl Fn(usize) -> bool,
) -> bool {
    let (days, t) = (days as i64, t as i64);
    ((t - len + 1).max(1 - len)..=t.min(days - len)).all(|s| {
        let count = (s..s + len)
            .filter(|&d| {
                if d < 0 {
                    before((-d) as usize)
                } else {
                    d == t || marked(d as usize)
                }
            })
            .count();
        count <= max
    })
}
