//! The plan already communicated, as the engines see it when re-planning
//! (objective level 7 of `models/model.md`, `models/replan.md`).
//!
//! Every arc carries the hours the previous plan gave it (`Arc::prev`) and
//! whether a keep lock pins them (`Arc::keep`); every nurse the on-call
//! shifts she was told (`NurseData::prev_oncall`). A row of the previous plan
//! that no arc or on-call column can carry any more (the nurse is sick, the
//! family in hospital, a forbid lock) is a change no plan avoids: it is
//! counted once, in [`Baseline::forced`]. Forbid locks remove their arcs, so
//! every engine keeps them by construction.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{PoolSlot, Problem};
use crate::domain::calendar::days_between;
use crate::model::pool::shift_index;
use crate::scenario::locks::Lock;
use crate::scenario::Shift;

/// Notices a changed visit row costs: its nurse and its family are told.
pub const VISIT_NOTICES: u32 = 2;
/// Notices a changed on-call row costs: its nurse is told.
pub const ONCALL_NOTICES: u32 = 1;

/// The rows of the previous plan, by id.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// Visits: nurse, family, date, hours.
    pub visits: Vec<(String, String, NaiveDate, u32)>,
    /// On-call shifts: nurse, date, shift.
    pub oncall: Vec<(String, NaiveDate, Shift)>,
    /// The last day of the previous plan's horizon: later days were never planned.
    pub end: NaiveDate,
}

/// Where a day's changes count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Told to nurses and families: ranks right after the pool (level 2).
    Notice = 0,
    /// A draft: ranks last (level 7).
    Draft = 1,
}

/// The re-planning frame of a problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Days `0..notice` are the notice window.
    pub notice: usize,
    /// Days `0..covered` lie in the previous plan's horizon; changes on later days are not counted.
    pub covered: usize,
    /// Notices of previous rows no plan can keep, per [`Window`] (only on
    /// the whole problem; components carry zero, so they are counted once).
    pub forced: [u32; 2],
}

/// What became of one lock.
#[derive(Debug, Clone, PartialEq)]
pub struct LockOutcome {
    /// The lock as given.
    pub lock: Lock,
    /// Whether it holds in the model.
    pub held: bool,
    /// Why it cannot hold.
    pub why: Option<String>,
}

impl Problem {
    /// The window of day `t`'s changes, if they count at all.
    pub fn window(&self, t: usize) -> Option<Window> {
        let b = self.baseline.as_ref()?;
        if t < b.notice.min(b.covered) {
            Some(Window::Notice)
        } else if t < b.covered {
            Some(Window::Draft)
        } else {
            None
        }
    }

    /// Whether nurse `n` can be on call for shift `s` of day `t` at all.
    pub fn oncall_possible(&self, n: usize, t: usize, s: usize) -> bool {
        self.slots.iter().any(|k: &PoolSlot| {
            k.day as usize == t && shift_index(k.shift) == s && self.can_be_on_call(n, k)
        })
    }

    /// Make this the re-planning of `prev` with a notice window of
    /// `notice_days` and the planner's `locks`: forbid locks remove their
    /// arcs, keep locks pin arcs and shifts. Returns what became of each lock
    /// (the engine layer then drops keeps that break a hard rule together).
    pub fn rebase(
        &mut self,
        prev: &Previous,
        notice_days: u32,
        locks: &[Lock],
    ) -> Vec<LockOutcome> {
        let nurse_idx: HashMap<String, usize> = self
            .nurses
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let family_idx: HashMap<String, usize> = self
            .families
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        let (start, days) = (self.start, self.days() as i64);
        let day = |d: NaiveDate| -> Option<usize> {
            let t = days_between(start, d);
            (0..days).contains(&t).then_some(t as usize)
        };
        // Forbid locks first: the pairs lose their arcs.
        let forbidden: Vec<(usize, usize)> = locks
            .iter()
            .filter_map(|l| match l {
                Lock::Forbid { nurse, family } => Some((
                    *nurse_idx.get(nurse.as_str())?,
                    *family_idx.get(family.as_str())?,
                )),
                _ => None,
            })
            .collect();
        if !forbidden.is_empty() {
            let arcs = self
                .arcs
                .iter()
                .filter(|a| !forbidden.contains(&(a.nurse as usize, a.family as usize)))
                .copied()
                .collect();
            self.set_arcs(arcs);
        }
        let covered =
            (days_between(self.start, prev.end) + 1).clamp(0, self.days() as i64) as usize;
        self.baseline = Some(Baseline {
            notice: (notice_days as usize).min(self.days()),
            covered,
            forced: [0, 0],
        });
        for n in &mut self.nurses {
            n.prev_oncall = vec![[false; 3]; self.dates.len()];
            n.keep_oncall = vec![[false; 3]; self.dates.len()];
        }
        let mut forced = [0u32; 2];
        for (nurse, family, date, hours) in &prev.visits {
            let Some(t) = day(*date) else { continue };
            let Some(w) = self.window(t) else { continue };
            let arc = nurse_idx
                .get(nurse.as_str())
                .zip(family_idx.get(family.as_str()))
                .and_then(|(&n, &f)| self.arc_of(n, f, t));
            match arc {
                Some(a) => self.arcs[a].prev = *hours,
                None => forced[w as usize] += VISIT_NOTICES,
            }
        }
        for (nurse, date, shift) in &prev.oncall {
            let Some(t) = day(*date) else { continue };
            let Some(w) = self.window(t) else { continue };
            let s = shift_index(*shift);
            match nurse_idx.get(nurse.as_str()) {
                Some(&n) if self.oncall_possible(n, t, s) => {
                    self.nurses[n].prev_oncall[t][s] = true
                }
                _ => forced[w as usize] += ONCALL_NOTICES,
            }
        }
        if let Some(b) = self.baseline.as_mut() {
            b.forced = forced;
        }
        locks
            .iter()
            .map(|l| {
                let why = self.apply_lock(l, &nurse_idx, &family_idx, prev, &forbidden);
                LockOutcome {
                    lock: l.clone(),
                    held: why.is_none(),
                    why,
                }
            })
            .collect()
    }

    /// Pin one keep lock; `Some(reason)` when it cannot hold.
    fn apply_lock(
        &mut self,
        l: &Lock,
        nurse_idx: &HashMap<String, usize>,
        family_idx: &HashMap<String, usize>,
        prev: &Previous,
        forbidden: &[(usize, usize)],
    ) -> Option<String> {
        let (start, days) = (self.start, self.days() as i64);
        let t_of = |d: NaiveDate| {
            let t = days_between(start, d);
            (0..days).contains(&t).then_some(t as usize)
        };
        match l {
            Lock::Forbid { .. } => None,
            Lock::Keep {
                nurse,
                family,
                date,
            } => {
                let Some(&(_, _, _, hours)) = prev
                    .visits
                    .iter()
                    .find(|v| &v.0 == nurse && &v.1 == family && v.2 == *date)
                else {
                    return Some(format!(
                        "the previous plan has no visit of {nurse} at {family} on {date}"
                    ));
                };
                let (Some(&n), Some(&f), Some(t)) = (
                    nurse_idx.get(nurse.as_str()),
                    family_idx.get(family.as_str()),
                    t_of(*date),
                ) else {
                    return Some(format!(
                        "{nurse}, {family} or {date} is no longer in the scenario"
                    ));
                };
                let Some(a) = self.arc_of(n, f, t) else {
                    return Some(if forbidden.contains(&(n, f)) {
                        format!("a forbid lock bars {nurse} at {family}")
                    } else if !self.available[[n, t]] {
                        format!("{nurse} is off on {date}")
                    } else if !self.home_day[[f, t]] {
                        format!("{family} has no home day on {date} (in hospital, or the episode is over)")
                    } else {
                        format!("{nurse} may not serve {family} on this rung (provider, role or distance)")
                    });
                };
                if hours > self.arcs[a].max_hours {
                    return Some(format!(
                        "its {hours} hours exceed the {} a visit may have on {date}",
                        self.arcs[a].max_hours
                    ));
                }
                self.arcs[a].keep = true;
                None
            }
            Lock::KeepOncall { nurse, date, shift } => {
                if !prev
                    .oncall
                    .iter()
                    .any(|o| &o.0 == nurse && o.1 == *date && o.2 == *shift)
                {
                    return Some(format!(
                        "the previous plan has no on-call shift of {nurse} on {date} {}",
                        shift.name()
                    ));
                }
                let (Some(&n), Some(t)) = (nurse_idx.get(nurse.as_str()), t_of(*date)) else {
                    return Some(format!("{nurse} or {date} is no longer in the scenario"));
                };
                let s = shift_index(*shift);
                if !self.oncall_possible(n, t, s) {
                    return Some(if self.available[[n, t]] {
                        format!(
                            "the pool needs no {} shift of {nurse} on {date}",
                            shift.name()
                        )
                    } else {
                        format!("{nurse} is off on {date}")
                    });
                }
                self.nurses[n].keep_oncall[t][s] = true;
                None
            }
        }
    }

    /// Drop a keep lock again (it breaks a hard rule together with the others).
    pub fn unlock(&mut self, l: &Lock) {
        let nurse = self.nurses.iter().position(|n| n.id == l.nurse());
        match (l, nurse) {
            (Lock::Keep { family, date, .. }, Some(n)) => {
                let f = self.families.iter().position(|x| &x.id == family);
                let t = self.dates.iter().position(|d| d == date);
                if let Some(a) = f.zip(t).and_then(|(f, t)| self.arc_of(n, f, t)) {
                    self.arcs[a].keep = false;
                }
            }
            (Lock::KeepOncall { date, shift, .. }, Some(n)) => {
                if let Some(t) = self.dates.iter().position(|d| d == date) {
                    self.nurses[n].keep_oncall[t][shift_index(*shift)] = false;
                }
            }
            _ => {}
        }
    }

    /// The centre arc of nurse `n` for family `f` on day `t` (M-KRAAMCENTRUM), if any.
    pub fn centre_arc_of(&self, n: usize, f: usize, t: usize) -> Option<usize> {
        self.centre_arcs(n, t)
            .iter()
            .find(|&&a| self.arcs[a as usize].family as usize == f)
            .map(|&a| a as usize)
    }

    /// The arc of nurse `n` at family `f` on day `t`, if any.
    pub fn arc_of(&self, n: usize, f: usize, t: usize) -> Option<usize> {
        self.arcs_by_nurse_day[n][t]
            .iter()
            .find(|&&a| self.arcs[a as usize].family as usize == f)
            .map(|&a| a as usize)
    }

    /// Notices of an assignment's changes against the baseline, per
    /// [`Window`]: the forced ones, every visit row whose hours differ from
    /// the previous plan's (added, removed, moved or resized), every on-call
    /// row added or removed. `[0, 0]` without a baseline.
    pub fn notices(&self, a: &super::Assignment) -> [u32; 2] {
        let Some(b) = &self.baseline else {
            return [0, 0];
        };
        let mut out = b.forced;
        for (arc, &h) in self.arcs.iter().zip(&a.hours) {
            if let Some(w) = self.window(arc.day as usize) {
                if h != arc.prev {
                    out[w as usize] += VISIT_NOTICES;
                }
            }
        }
        for (n, nurse) in self.nurses.iter().enumerate() {
            for (t, prev) in nurse.prev_oncall.iter().enumerate() {
                let Some(w) = self.window(t) else { continue };
                let changed = prev.iter().zip(a.oncall[n][t]).filter(|(p, o)| **p != *o);
                out[w as usize] += ONCALL_NOTICES * changed.count() as u32;
            }
        }
        out
    }
}
