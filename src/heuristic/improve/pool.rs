//! Phase 2, the partus pool (level 2): a partus nurse whose care keeps her
//! from a short shift hands that care to free nurses and goes on call.

use super::{Search, Step};
use crate::model::pool::shift_index;

impl Search<'_, '_> {
    pub(super) fn staff_pool(&mut self) -> u32 {
        let p = self.p;
        let mut kept = 0;
        for k in 0..p.slots.len() {
            let slot = p.slots[k];
            let (t, s) = (slot.day as usize, shift_index(slot.shift));
            for _ in 0..slot.required {
                if self.slot_short(k) == 0 {
                    break;
                }
                let mut candidates = Vec::new();
                for &n in &self.eligible[k] {
                    let nu = n as usize;
                    if self.r.oncall[nu][t][s] {
                        continue;
                    }
                    let mut busy = Vec::new();
                    if self.r.serves(nu, t).is_some() {
                        busy.push(t as u32);
                    }
                    if s == 2 && t + 1 < p.days() && self.r.serves(nu, t + 1).is_some() {
                        busy.push(t as u32 + 1);
                    }
                    let on_call = Step::OnCall {
                        n,
                        t: t as u32,
                        s: s as u32,
                    };
                    candidates.push(self.handed(n, &busy, on_call));
                    // Her week may be full, or her 7-day rest window: hand
                    // over one more visit in it.
                    let window = t.saturating_sub(6)..(t + 7).min(p.days());
                    for d in window {
                        let d = d as u32;
                        if !busy.contains(&d) && self.r.serves(nu, d as usize).is_some() {
                            let mut more = busy.clone();
                            more.push(d);
                            candidates.push(self.handed(n, &more, on_call));
                        }
                    }
                }
                if !self.keep_best(&candidates) {
                    break;
                }
                kept += 1;
            }
        }
        kept
    }
}
