//! Re-planning: give the previous plan's rows back where the floor and the
//! pool allow it. A visit that lost its previous nurse or hours gets them
//! again (the nurse who took it over, or the family she serves instead, is
//! covered by another); an on-call shift of the previous plan is taken again.
//! The change levels are in the score, so a move is kept only when it is
//! better in the order of the levels: fewer notices in the notice window
//! without a family below the floor or a pool shift short, or fewer on draft
//! days without a loss on levels 3–6.

use super::{Search, Step, PASSES};

impl Search<'_, '_> {
    pub(super) fn restore(&mut self) -> u32 {
        if self.p.baseline.is_none() {
            return 0;
        }
        self.passes(PASSES, |s| s.restore_visits() + s.restore_oncall())
    }

    fn restore_visits(&mut self) -> u32 {
        let p = self.p;
        let mut kept = 0;
        for a in 0..p.arcs.len() {
            let arc = p.arcs[a];
            let (n, f, t) = (arc.nurse, arc.family, arc.day);
            let have = self.r.hours[a];
            if arc.centre || arc.prev == 0 || have == arc.prev || p.window(t as usize).is_none() {
                continue;
            }
            let prev = arc.prev;
            let give = Step::Give {
                n,
                f,
                t,
                min: prev,
                max: prev,
            };
            let mut candidates: Vec<Vec<Step>> = Vec::new();
            if have > prev {
                candidates.push(vec![Step::Cut {
                    n,
                    t,
                    h: have - prev,
                }]);
            } else if have > 0 {
                candidates.push(vec![Step::Give {
                    n,
                    f,
                    t,
                    min: prev - have,
                    max: prev - have,
                }]);
            } else {
                // The nurses who serve the family that day now.
                let others: Vec<u32> = p.arcs_by_family_day[f as usize][t as usize]
                    .iter()
                    .filter(|&&b| self.r.hours[b as usize] > 0)
                    .map(|&b| p.arcs[b as usize].nurse)
                    .filter(|&m| m != n)
                    .collect();
                // Where the nurse is now, if at another family: that visit is covered by another.
                let elsewhere = self
                    .r
                    .serves(n as usize, t as usize)
                    .filter(|&g| g != f)
                    .map(|g| {
                        let h = self.hours(n as usize, g as usize, t as usize);
                        [Step::Drop { n, t }, Step::Cover { f: g, t, h, not: n }]
                    });
                let free = |mut mv: Vec<Step>| {
                    if let Some(steps) = &elsewhere {
                        let mut with = steps.to_vec();
                        with.append(&mut mv);
                        with
                    } else {
                        mv
                    }
                };
                candidates.push(free(vec![give]));
                for &m in &others {
                    candidates.push(free(vec![Step::Drop { n: m, t }, give]));
                }
            }
            if self.keep_best(&candidates) {
                kept += 1;
            }
        }
        kept
    }

    fn restore_oncall(&mut self) -> u32 {
        let p = self.p;
        let mut kept = 0;
        for n in 0..p.nurses.len() {
            for t in 0..p.days() {
                if p.window(t).is_none() {
                    continue;
                }
                for s in 0..3 {
                    if !p.nurses[n].prev_oncall[t][s] || self.r.oncall[n][t][s] {
                        continue;
                    }
                    let on = Step::OnCall {
                        n: n as u32,
                        t: t as u32,
                        s: s as u32,
                    };
                    let mut candidates = vec![vec![on]];
                    // Her visit that day (or the day after a night) goes to another nurse.
                    let mut busy = Vec::new();
                    if self.r.serves(n, t).is_some() {
                        busy.push(t as u32);
                    }
                    if s == 2 && t + 1 < p.days() && self.r.serves(n, t + 1).is_some() {
                        busy.push(t as u32 + 1);
                    }
                    if !busy.is_empty() {
                        candidates.push(self.handed(n as u32, &busy, on));
                    }
                    if self.keep_best(&candidates) {
                        kept += 1;
                    }
                }
            }
        }
        kept
    }
}
