//! A roster under construction that keeps every hard rule of the MILP
//! (`models/model.md`) at every step, so whatever the heuristic builds is
//! feasible: one family a nurse a day, ATW-DAY-MAX, ATW-WEEK-MAX, CONTRACT,
//! ATW-AVG-4W/16W, ATW-WEEKLY-REST, ORG-EPISODE-REST and CARE-MAX. Rules that
//! only remove combinations (AVAIL, ROLE, travel, provider) hold because only
//! arcs of the problem are ever used.

use crate::model::Problem;

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
    /// Arc of (nurse, day) for each family, for quick lookup.
    arc_of: Vec<Vec<Vec<(u32, u32)>>>,
}

impl<'p> Roster<'p> {
    /// An empty roster.
    pub fn new(p: &'p Problem) -> Self {
        let (nn, nf, days) = (p.nurses.len(), p.families.len(), p.days());
        let arc_of = (0..nn)
            .map(|n| {
                (0..days)
                    .map(|t| {
                        p.arcs_by_nurse_day[n][t]
                            .iter()
                            .map(|&a| (p.arcs[a as usize].family, a))
                            .collect()
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
            arc_of,
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
        self.arc_of[n][t]
            .iter()
            .find(|(g, _)| *g as usize == f)
            .map(|&(_, a)| a as usize)
    }

    /// Whether `h` more hours of nurse `n` at family `f` on day `t` keep every rule.
    pub fn can_add(&self, n: usize, f: usize, t: usize, h: u32) -> bool {
        let p = self.p;
        let Some(a) = self.arc(n, f, t) else {
            return false;
        };
        if let Some(g) = self.nurse_family[n][t] {
            if g as usize != f {
                return false;
            }
        }
        let new_day = self.nurse_day_hours[n][t] + h;
        if self.hours[a] + h > p.arcs[a].max_hours || new_day > p.params.max_nurse_day {
            return false;
        }
        if self.family_day_hours[f][t] + h > p.params.max_family_day
            || self.family_total[f] + h > p.families[f].cap
        {
            return false;
        }
        self.weekly_ok(n, t, h) && (self.nurse_family[n][t].is_some() || self.new_day_ok(n, f, t))
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

    /// Take back `h` hours (to undo a family that could not be covered in full).
    pub fn remove(&mut self, n: usize, f: usize, t: usize, h: u32) {
        let a = self.arc(n, f, t).expect("only assigned arcs are removed");
        self.hours[a] -= h;
        self.nurse_day_hours[n][t] -= h;
        self.family_day_hours[f][t] -= h;
        self.family_total[f] -= h;
        if self.nurse_day_hours[n][t] == 0 {
            self.nurse_family[n][t] = None;
        }
    }

    /// ATW-WEEK-MAX, CONTRACT and the 4- and 16-week averages for `h` more hours on day `t`.
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

    /// ATW-WEEKLY-REST and ORG-EPISODE-REST for a new working day `t` at family `f`.
    fn new_day_ok(&self, n: usize, f: usize, t: usize) -> bool {
        let p = self.p;
        let days = p.days() as i64;
        let t = t as i64;
        if p.params.weekly_rest {
            for s in (t - 6).max(-6)..=t.min(days - 7) {
                let worked = (s..=s + 6)
                    .filter(|&d| {
                        if d < 0 {
                            p.nurses[n].worked_before[(-d - 1) as usize]
                        } else {
                            d == t || self.nurse_family[n][d as usize].is_some()
                        }
                    })
                    .count();
                if worked > 6 {
                    return false;
                }
            }
        }
        let r = p.params.rest_days as i64;
        for d in (t - r).max(0)..=(t + r).min(days - 1) {
            if let Some(g) = self.nurse_family[n][d as usize] {
                if d != t && g as usize != f {
                    return false;
                }
            }
        }
        true
    }
}
