//! Complete start vectors: given the hours on every arc, set every other
//! variable to its best value for that care.
//!
//! HiGHS accepts a start only if it is feasible, and it improves an
//! incumbent much faster when the auxiliary variables (visits, working days,
//! shortfall, fairness bands, new nurses) are already at their best. Every
//! stage therefore starts from `complete(hours of the previous incumbent)`,
//! and the greedy constructor hands its plan over the same way.

use super::vars::{Vars, BANDS};
use crate::model::{Problem, FLOOR_PER_DAY};

/// The full column vector for the care `hours[a]` on each arc.
pub fn complete(p: &Problem, v: &Vars, n_cols: usize, hours: &[u32]) -> Vec<f64> {
    let mut x = vec![0.0; n_cols];
    let mut fam_day = vec![vec![0u32; p.days()]; p.families.len()];
    for (a, arc) in p.arcs.iter().enumerate() {
        let h = hours[a];
        x[v.hours[a].idx] = h as f64;
        if h > 0 {
            x[v.visit[a].idx] = 1.0;
            if let Some(w) = v.works[arc.nurse as usize][arc.day as usize] {
                x[w.idx] = 1.0;
            }
            if let Some(z) = v.new_nurse.get(&(arc.nurse, arc.family)) {
                x[z.idx] = 1.0;
            }
            fam_day[arc.family as usize][arc.day as usize] += h;
        }
    }
    for (f, fam) in p.families.iter().enumerate() {
        let planned: u32 = fam_day[f].iter().sum();
        let mut day_short = 0u32;
        for (sd, &hours) in v.day_short[f].iter().zip(&fam_day[f]) {
            if let Some(sd) = sd {
                let short = FLOOR_PER_DAY.saturating_sub(hours);
                x[sd.idx] = short as f64;
                day_short += short;
            }
        }
        if let (Some(st), Some(s), Some(b)) = (v.total_short[f], v.shortfall[f], v.below[f]) {
            let total_short = fam.floor.saturating_sub(planned);
            x[st.idx] = total_short as f64;
            x[s.idx] = day_short.max(total_short) as f64;
            x[b.idx] = f64::from(u8::from(day_short > 0 || total_short > 0));
        }
        // Fill the lowest fairness bands first: they carry the highest value.
        let width = fam.target / BANDS as f64;
        let mut left = planned as f64;
        for u in &v.bands[f] {
            let fill = left.min(width).max(0.0);
            x[u.idx] = fill;
            left -= fill;
        }
    }
    x
}

/// Hours per arc read from a column vector, rounded.
pub fn hours_of(v: &Vars, solution: &[f64]) -> Vec<u32> {
    v.hours
        .iter()
        .map(|c| solution[c.idx].round().max(0.0) as u32)
        .collect()
}
