//! Complete start vectors: given the hours on every arc and the on-call
//! shifts, set every other variable to its best value for that assignment.
//!
//! HiGHS accepts a start only if it is feasible, and it improves an
//! incumbent much faster when the auxiliary variables (visits, working days,
//! shortfall, fairness bands, new nurses, pool shortfall and the
//! pool minimum's) are already at
//! their best. Every stage therefore starts from `complete(previous
//! incumbent)`, and the greedy constructor hands its plan over the same way.

use super::vars::Vars;
use crate::model::objective::BANDS;
use crate::model::pool::shift_index;
use crate::model::usage::measure_use;
use crate::model::{Assignment, Problem, FLOOR_PER_DAY};

/// The full column vector for an assignment.
pub fn complete(p: &Problem, v: &Vars, n_cols: usize, a: &Assignment) -> Vec<f64> {
    let mut x = vec![0.0; n_cols];
    let mut fam_day = vec![vec![0u32; p.days()]; p.families.len()];
    for (i, arc) in p.arcs.iter().enumerate() {
        let h = a.hours[i];
        x[v.hours[i].idx] = h as f64;
        if let Some(k) = v.kept[i] {
            x[k.idx] = f64::from(u8::from(h == arc.prev));
        }
        if h > 0 {
            x[v.visit[i].idx] = 1.0;
            if let Some(w) = v.works[arc.nurse as usize][arc.day as usize] {
                x[w.idx] = 1.0;
            }
            if let Some(z) = v.new_nurse.get(&(arc.nurse, arc.family)) {
                x[z.idx] = 1.0;
            }
            if arc.centre {
                if let Some(kc) = v.centre_day[arc.nurse as usize][arc.day as usize] {
                    x[kc.idx] = 1.0;
                }
            }
            fam_day[arc.family as usize][arc.day as usize] += h;
        }
    }
    for n in 0..p.nurses.len() {
        for t in 0..p.days() {
            for s in 0..3 {
                if let (true, Some(o)) = (a.oncall[n][t][s], v.oncall[n][t][s]) {
                    x[o.idx] = 1.0;
                    for col in [v.oncall_day[n][t], v.works[n][t]].into_iter().flatten() {
                        x[col.idx] = 1.0;
                    }
                }
            }
        }
    }
    for (k, slot) in p.slots.iter().enumerate() {
        let (t, s) = (slot.day as usize, shift_index(slot.shift));
        let covered = (0..p.nurses.len())
            .filter(|&n| p.can_be_on_call(n, slot) && a.oncall[n][t][s])
            .count() as u32;
        x[v.pool_short[k].idx] = slot.required.saturating_sub(covered) as f64;
        if let Some(pm) = v.pool_min[k] {
            x[pm.idx] = slot.minimum.saturating_sub(covered) as f64;
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
    set_measures(p, v, a, &fam_day, &mut x);
    x
}

/// The measure columns of an assignment: combined days and their drive,
/// waived days (a waivable day without care), reduced rest wherever the
/// nurse may use it (always feasible; level 6 takes it back where unneeded),
/// the hours above the contract, and the lowest provider share.
fn set_measures(p: &Problem, v: &Vars, a: &Assignment, fam_day: &[Vec<u32>], x: &mut [f64]) {
    let used = measure_use(p, a);
    for n in 0..p.nurses.len() {
        // The model may count a drive above the real one (triangle bound):
        // the hour rows see the modelled drive, so M-FLEX must too.
        let mut extra = vec![0.0; p.weeks.len()];
        for t in 0..p.days() {
            if let (Some(c), Some(tr), Some((f, g, real))) =
                (v.combined[n][t], v.between[n][t], used.between[n][t])
            {
                let modelled = p.modelled_drive(n, t, f, g);
                x[c.idx] = 1.0;
                x[tr.idx] = modelled;
                if let Some(w) = p.weeks.iter().position(|w| w.days.contains(&t)) {
                    extra[w] += modelled - real;
                }
            }
        }
        if let Some(r) = v.reduced[n] {
            x[r.idx] = 1.0;
        }
        for (w, (fl, fu)) in v.flex[n].iter().zip(&v.flex_used[n]).enumerate() {
            if let (Some(fl), Some(fu)) = (fl, fu) {
                let above =
                    (used.week_hours[n][w] + extra[w] - p.nurses[n].contract_max as f64).max(0.0);
                x[fl.idx] = above;
                x[fu.idx] = f64::from(u8::from(above > 1e-9));
            }
        }
    }
    for (f, waived) in v.waived.iter().enumerate() {
        for &(t, _, col) in waived {
            x[col.idx] = f64::from(u8::from(fam_day[f][t] == 0));
        }
    }
    if let Some(rho) = v.share {
        x[rho.idx] = used.lowest_share.clamp(0.0, 1.0);
    }
}

/// The assignment in a column vector (hours rounded, shifts above one half).
pub fn assignment_of(p: &Problem, v: &Vars, solution: &[f64]) -> Assignment {
    let hours = v
        .hours
        .iter()
        .map(|c| solution[c.idx].round().max(0.0) as u32)
        .collect();
    let oncall = (0..p.nurses.len())
        .map(|n| {
            (0..p.days())
                .map(|t| {
                    let mut day = [false; 3];
                    for (s, on) in day.iter_mut().enumerate() {
                        *on = v.oncall[n][t][s].is_some_and(|o| solution[o.idx] > 0.5);
                    }
                    day
                })
                .collect()
        })
        .collect();
    Assignment { hours, oncall }
}
