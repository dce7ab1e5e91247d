//! Phase 4, continuity and travel (levels 5 and 6): hand a visit to another
//! nurse, merge it into a nurse already there, or swap two nurses' families
//! on a day, with the same hours per family-day.

use std::cmp::Ordering;

use super::{Search, Step, CONTINUITY_PASSES};

impl Search<'_, '_> {
    pub(super) fn continuity(&mut self) -> u32 {
        let p = self.p;
        // Per family and day its arcs, cheapest (measures, then km) first.
        let by_cost: Vec<Vec<Vec<u32>>> = p
            .arcs_by_family_day
            .iter()
            .map(|days| {
                days.iter()
                    .map(|arcs| {
                        let mut a = arcs.clone();
                        a.sort_by(|&x, &y| self.cheaper(x as usize, y as usize).then(x.cmp(&y)));
                        a
                    })
                    .collect()
            })
            .collect();
        let mut known_by = vec![Vec::new(); p.nurses.len()];
        for (f, fam) in p.families.iter().enumerate() {
            for &n in &fam.known_nurses {
                known_by[n as usize].push(f as u32);
            }
        }
        self.passes(CONTINUITY_PASSES, |s| {
            let mut kept = 0;
            for (f, cheapest) in by_cost.iter().enumerate() {
                for ti in 0..s.home[f].len() {
                    let t = s.home[f][ti] as usize;
                    let mut here: Vec<u32> = s.visits[f]
                        .iter()
                        .filter(|v| v.1 as usize == t)
                        .map(|v| v.0)
                        .collect();
                    here.sort_unstable();
                    for n in here {
                        if s.r.serves(n as usize, t) != Some(f as u32) {
                            continue;
                        }
                        let candidates =
                            s.continuity_moves(n as usize, f, t, &cheapest[t], &known_by);
                        if s.keep_best(&candidates) {
                            kept += 1;
                        }
                    }
                }
            }
            kept
        })
    }

    /// Level-6 order of two arcs: fewer measure uses, then fewer km.
    fn cheaper(&self, a: usize, b: usize) -> Ordering {
        let arcs = &self.p.arcs;
        self.arc_cost[a]
            .cmp(&self.arc_cost[b])
            .then(arcs[a].km.total_cmp(&arcs[b].km))
    }

    /// Hand, merge or swap nurse `n`'s visit at family `f` on day `t` where
    /// the lower levels gain (same hours per family-day, so levels 1–4 stay).
    /// Only nurses that can gain are looked at: those the family knows or
    /// who serve it (level 5), a free nurse on a cheaper arc when `n` leaves
    /// the family for good (level 6), and the nurses that day of the families
    /// `n` knows or serves (a swap). The change in nurses new to the families,
    /// measure uses and km is counted here; only moves that gain are
    /// measured in full. `cheapest` are the arcs of (`f`, `t`) in level-6
    /// order, `known_by` the families that know each nurse.
    fn continuity_moves(
        &self,
        n: usize,
        f: usize,
        t: usize,
        cheapest: &[u32],
        known_by: &[Vec<u32>],
    ) -> Vec<Vec<Step>> {
        let p = self.p;
        let nu = n as u32;
        let known = |g: usize, x: u32| p.families[g].known_nurses.contains(&x);
        let days = |g: usize, x: u32| self.visits[g].iter().filter(|v| v.0 == x).count();
        let Some(an) = self.r.arc(n, f, t) else {
            return Vec::new();
        };
        // 1 when `n`, new to the family, leaves her only day there.
        let leave_f = i64::from(!known(f, nu) && days(f, nu) == 1);
        let mut seen: Vec<u32> = vec![nu];
        let mut out = Vec::new();
        let mut consider = |m: u32, out: &mut Vec<Vec<Step>>| {
            if seen.contains(&m) {
                return;
            }
            seen.push(m);
            let Some(b) = self.r.arc(m as usize, f, t) else {
                return;
            };
            if let Some(step) = self.continuity_step(n, f, t, an, leave_f, m, b) {
                out.push(vec![step]);
            }
        };
        // Nurses the family knows or who serve it.
        for &m in &p.families[f].known_nurses {
            consider(m, &mut out);
        }
        for i in 0..self.visits[f].len() {
            consider(self.visits[f][i].0, &mut out);
        }
        // When `n` leaves the family for good, any nurse that day: a free
        // one on a cheaper arc, or a swap that gains.
        if leave_f == 1 {
            for &b in cheapest {
                let m = p.arcs[b as usize].nurse;
                let free = self.r.serves(m as usize, t).is_none();
                if !free || self.cheaper(b as usize, an) == Ordering::Less {
                    consider(m, &mut out);
                }
            }
        }
        // Swaps with the nurses of families `n` knows or serves.
        let mut mine: Vec<u32> = known_by[n].clone();
        mine.extend((0..p.days()).filter_map(|d| self.r.serves(n, d)));
        mine.sort_unstable();
        mine.dedup();
        for g in mine {
            let g = g as usize;
            if g == f {
                continue;
            }
            for i in 0..self.visits[g].len() {
                let (m, d) = self.visits[g][i];
                if d as usize == t {
                    consider(m, &mut out);
                }
            }
        }
        out
    }

    /// The move of nurse `n`'s visit at family `f` on day `t` (arc `an`) to
    /// nurse `m` (arc `b` at `f` that day) when its levels 5–6 gain: a hand
    /// to a free nurse, a merge into one already there, or a swap with the
    /// family she serves.
    #[allow(clippy::too_many_arguments)]
    fn continuity_step(
        &self,
        n: usize,
        f: usize,
        t: usize,
        an: usize,
        leave_f: i64,
        m: u32,
        b: usize,
    ) -> Option<Step> {
        let p = self.p;
        let (nu, tu) = (n as u32, t as u32);
        let known = |g: usize, x: u32| p.families[g].known_nurses.contains(&x);
        let days = |g: usize, x: u32| self.visits[g].iter().filter(|v| v.0 == x).count();
        let familiar = |g: usize, x: u32| known(g, x) || self.visits[g].iter().any(|v| v.0 == x);
        let leave = |g: usize, x: u32| i64::from(!known(g, x) && days(g, x) == 1);
        let mut km = p.arcs[b].km - p.arcs[an].km;
        let mut cost = self.arc_cost[b] - self.arc_cost[an];
        let hand = Step::Hand {
            n: nu,
            m,
            t: tu,
            extra: 0,
        };
        let (new, step) = match self.r.serves(m as usize, t) {
            None => (i64::from(!familiar(f, m)) - leave_f, hand),
            Some(g) if g as usize == f => {
                km = -p.arcs[an].km;
                cost = -self.arc_cost[an];
                (-leave_f, hand)
            }
            Some(g) => {
                let g = g as usize;
                let side_f = i64::from(!familiar(f, m)) - leave_f;
                // The other family can lose at most one new nurse.
                if side_f > 1 {
                    return None;
                }
                let ng = self.r.arc(n, g, t)?;
                let mg = self.r.arc(m as usize, g, t)?;
                km += p.arcs[ng].km - p.arcs[mg].km;
                cost += self.arc_cost[ng] - self.arc_cost[mg];
                (
                    side_f + i64::from(!familiar(g, nu)) - leave(g, m),
                    Step::Swap { n: nu, m, t: tu },
                )
            }
        };
        let gains = new.cmp(&0).then(cost.cmp(&0)).then(if km < -1e-6 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
        (gains == Ordering::Less).then_some(step)
    }
}
