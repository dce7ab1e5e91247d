//! M-KRAAMCENTRUM in the heuristic: after the local search, families still
//! short on a day are gathered at the kraamcentrum, each with the floor's
//! 3 hours, by a qualified nurse who is free that day — or who gives up a
//! home visit (the family comes along where it may), when that keeps more
//! families at the floor. A move is kept only when the families it
//! touches are fewer below the floor (then fewer hours short) than before.

use super::roster::Roster;
use crate::model::{Problem, FLOOR_PER_DAY};

/// Families below the floor and their shortfall hours, over `families`.
fn score(p: &Problem, r: &Roster, families: &[usize]) -> (u32, u32) {
    let (mut below, mut short) = (0, 0);
    for &f in families {
        let fam = &p.families[f];
        let day_short: u32 = p
            .home_days(f)
            .map(|t| (t, r.family_day(f, t)))
            .filter(|&(t, h)| !(h == 0 && fam.waivable.iter().any(|w| w.0 as usize == t)))
            .map(|(_, h)| FLOOR_PER_DAY.saturating_sub(h))
            .sum();
        let s = day_short.max(fam.floor.saturating_sub(r.family_total(f)));
        below += u32::from(s > 0);
        short += s;
    }
    (below, short)
}

/// Gather the short families of every day at the centre (see the module).
pub(super) fn gather(p: &Problem, r: &mut Roster) {
    if p.centre.is_none() || p.centre_by_nurse_day.is_empty() {
        return;
    }
    for _pass in 0..3 {
        let mut gained = false;
        for t in 0..p.days() {
            gained |= gather_day(p, r, t);
        }
        if !gained {
            break;
        }
    }
}

fn gather_day(p: &Problem, r: &mut Roster, t: usize) -> bool {
    let mut short: Vec<usize> = (0..p.families.len())
        .filter(|&f| p.home_day[[f, t]] && r.family_day(f, t) == 0 && !r.at_centre(f, t))
        .filter(|&f| !p.families[f].waivable.iter().any(|w| w.0 as usize == t))
        .filter(|&f| {
            p.arcs_by_family_day[f][t]
                .iter()
                .any(|&a| p.arcs[a as usize].centre)
        })
        .collect();
    short.sort_by_key(|&f| (p.families[f].priority, f));
    if short.is_empty() {
        return false;
    }
    let mut nurses: Vec<usize> = (0..p.nurses.len())
        .filter(|&n| p.can_staff_centre(n, t) && r.centre_load(n, t) == 0)
        .collect();
    nurses.sort_by_key(|&n| (r.serves(n, t).is_some(), n));
    let mut gained = false;
    for n in nurses {
        if short.is_empty() {
            break;
        }
        let joinable: Vec<usize> = short
            .iter()
            .copied()
            .filter(|&f| p.centre_arc_of(n, f, t).is_some())
            .collect();
        if joinable.is_empty() {
            continue;
        }
        // A home visit she gives that day moves to the centre with her.
        // (or is given up where the centre keeps more families at the floor).
        let moved = match r.serves(n, t) {
            None => None,
            Some(g) => {
                let g = g as usize;
                let Some(a) = r.arc(n, g, t) else { continue };
                if p.arcs[a].keep {
                    continue;
                }
                Some((g, r.hours[a]))
            }
        };
        let mut touched = joinable.clone();
        touched.extend(moved.map(|m| m.0));
        let before = score(p, r, &touched);
        if let Some((g, h)) = moved {
            r.remove(n, g, t, h);
        }
        let mut joined = Vec::new();
        if r.can_open_centre(n, t) {
            for f in moved.map(|m| m.0).into_iter().chain(joinable) {
                if p.centre_arc_of(n, f, t).is_some() && r.can_join_centre(n, f, t) {
                    r.join_centre(n, f, t);
                    joined.push(f);
                }
            }
        }
        if !joined.is_empty() && score(p, r, &touched) < before {
            short.retain(|f| !joined.contains(f));
            gained = true;
            continue;
        }
        for &f in &joined {
            r.leave_centre(n, f, t);
        }
        if let Some((g, h)) = moved {
            r.add(n, g, t, h);
        }
    }
    gained
}
