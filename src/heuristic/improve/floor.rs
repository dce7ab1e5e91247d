//! Phase 1, floor repair (level 1): give a short day hours from a nurse who
//! is free, who serves another family that day (her visit there passes to a
//! free nurse, the ejection, or is dropped when that family can spare it), or
//! whose week is full.

use super::{Search, Step, PASSES};
use crate::model::FLOOR_PER_DAY;

impl Search<'_, '_> {
    /// Shortfall of family `f` (0 when it meets the floor).
    pub(super) fn shortfall(&self, f: usize) -> u32 {
        self.family_score(f).short as u32
    }

    pub(super) fn repair_floor(&mut self) -> u32 {
        self.passes(PASSES, |s| {
            let mut kept = 0;
            for f in 0..s.p.families.len() {
                // Each kept move improves the plan; a family gets a few per pass.
                for _ in 0..s.home[f].len() + 2 {
                    if s.shortfall(f) == 0 {
                        break;
                    }
                    let candidates = s.floor_moves(f);
                    if !s.keep_best(&candidates) {
                        break;
                    }
                    kept += 1;
                }
            }
            kept
        })
    }

    /// Moves that give family `f` hours on its short days (or on any day
    /// with room when its total is short).
    fn floor_moves(&self, f: usize) -> Vec<Vec<Step>> {
        let p = self.p;
        let fam = &p.families[f];
        let total_short = fam.floor.saturating_sub(self.r.family_total(f));
        let mut out = Vec::new();
        for &t in &self.home[f] {
            let tu = t as usize;
            let have = self.r.family_day(f, tu);
            let day_short = FLOOR_PER_DAY.saturating_sub(have);
            let want = day_short.max(total_short);
            if want == 0 {
                continue;
            }
            let fu = f as u32;
            for &a in &p.arcs_by_family_day[f][tu] {
                let n = p.arcs[a as usize].nurse;
                let nu = n as usize;
                let first = want.max(p.params.min_visit);
                match self.r.serves(nu, tu) {
                    Some(g) if g == fu => {
                        let give = Step::Give {
                            n,
                            f: fu,
                            t,
                            min: 1,
                            max: want,
                        };
                        out.push(vec![give]);
                        // Her week may be full: shorten or hand over another visit.
                        for d in self.week_of(tu) {
                            if d != tu && self.r.serves(nu, d).is_some() {
                                let d = d as u32;
                                out.push(vec![Step::Cut { n, t: d, h: want }, give]);
                                out.push(self.handed(n, &[d], give));
                            }
                        }
                    }
                    Some(_) => {
                        let give = Step::Give {
                            n,
                            f: fu,
                            t,
                            min: first,
                            max: first,
                        };
                        out.push(self.handed(n, &[t], give));
                        out.push(vec![Step::Drop { n, t }, give]);
                    }
                    None => {
                        let give = Step::Give {
                            n,
                            f: fu,
                            t,
                            min: first,
                            max: first,
                        };
                        if self.r.can_add(nu, f, tu, first) {
                            out.push(vec![give]);
                            continue;
                        }
                        for d in self.week_of(tu) {
                            if self.r.serves(nu, d).is_some() {
                                let d = d as u32;
                                out.push(vec![Step::Cut { n, t: d, h: first }, give]);
                                out.push(self.handed(n, &[d], give));
                                out.push(vec![Step::Drop { n, t: d }, give]);
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// Nurse `n` drops her visits on `days`, does `then`, and each family
    /// she left gets its hours back from a cover nurse.
    pub(super) fn handed(&self, n: u32, days: &[u32], then: Step) -> Vec<Step> {
        let mut mv: Vec<Step> = days.iter().map(|&t| Step::Drop { n, t }).collect();
        mv.push(then);
        for &t in days {
            if let Some((g, h)) = self.visit(n as usize, t as usize) {
                mv.push(Step::Cover {
                    f: g as u32,
                    t,
                    h,
                    not: n,
                });
            }
        }
        mv
    }

    /// Day indices of the ISO week of day `t`.
    pub(super) fn week_of(&self, t: usize) -> std::ops::Range<usize> {
        self.p
            .weeks
            .iter()
            .find(|w| w.days.contains(&t))
            .map_or(t..t + 1, |w| w.days.clone())
    }
}
