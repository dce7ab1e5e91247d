//! Phase 3, hours to the lowest ratio (levels 3 and 4): hand a visit to a
//! free nurse who can stay longer, move an hour of a nurse's week from a
//! family with a higher ratio, or free a nurse who serves another family.

use super::{Search, Step, PASSES};
use crate::model::objective::priority_weight;
use crate::model::FLOOR_PER_DAY;

impl Search<'_, '_> {
    pub(super) fn raise_hours(&mut self) -> u32 {
        let p = self.p;
        self.passes(PASSES, |s| {
            let ratio = |s: &Search, f: usize| {
                let fam = &p.families[f];
                s.r.family_total(f) as f64 / fam.target / priority_weight(fam)
            };
            let mut order: Vec<usize> = (0..p.families.len())
                .filter(|&f| {
                    let fam = &p.families[f];
                    fam.target > 0.0 && (s.r.family_total(f) as f64) < fam.target
                })
                .collect();
            order.sort_by(|&a, &b| ratio(s, a).total_cmp(&ratio(s, b)).then(a.cmp(&b)));
            let mut kept = 0;
            for f in order {
                let candidates = s.hours_moves(f);
                if s.keep_best(&candidates) {
                    kept += 1;
                }
            }
            kept
        })
    }

    /// Moves that give family `f` more hours on a day with room.
    fn hours_moves(&self, f: usize) -> Vec<Vec<Step>> {
        let p = self.p;
        let fam = &p.families[f];
        let visit = p.params.min_visit.max(FLOOR_PER_DAY);
        let left = fam.cap.saturating_sub(self.r.family_total(f));
        let mut out = Vec::new();
        let fu = f as u32;
        for &t in &self.home[f] {
            let tu = t as usize;
            let room = p
                .params
                .max_family_day
                .saturating_sub(self.r.family_day(f, tu))
                .min(left);
            if room == 0 {
                continue;
            }
            let arcs = &p.arcs_by_family_day[f][tu];
            for &a in arcs {
                let n = p.arcs[a as usize].nurse;
                let nu = n as usize;
                match self.r.serves(nu, tu) {
                    Some(g) if g == fu => {
                        // A free nurse takes the visit over and stays longer.
                        for &b in arcs {
                            let m = p.arcs[b as usize].nurse;
                            if self.r.serves(m as usize, tu).is_none() {
                                out.push(vec![Step::Hand {
                                    n,
                                    m,
                                    t,
                                    extra: room,
                                }]);
                            }
                        }
                        // An hour of her week moves here from another family.
                        for d in 0..p.days() {
                            if d != tu && self.r.serves(nu, d).is_some_and(|g| g != fu) {
                                out.push(vec![
                                    Step::Cut {
                                        n,
                                        t: d as u32,
                                        h: 1,
                                    },
                                    Step::Give {
                                        n,
                                        f: fu,
                                        t,
                                        min: 1,
                                        max: 1,
                                    },
                                ]);
                            }
                        }
                    }
                    Some(_) if room >= visit => out.push(self.handed(
                        n,
                        &[t],
                        Step::Give {
                            n,
                            f: fu,
                            t,
                            min: visit,
                            max: room,
                        },
                    )),
                    None if room >= visit => out.push(vec![Step::Give {
                        n,
                        f: fu,
                        t,
                        min: visit,
                        max: room,
                    }]),
                    _ => {}
                }
            }
        }
        out
    }
}
