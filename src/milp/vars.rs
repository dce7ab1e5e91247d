//! Decision variables of the MILP, with the HiGHS column index of each.
//!
//! good_lp keeps its variable indices private, so every variable is created
//! through [`Columns`], which records the column number HiGHS will give it.
//! Stages set objective costs and warm starts by column.

use std::collections::HashMap;

use good_lp::{variable, ProblemVariables, Variable};

use crate::model::measures::Measure;
use crate::model::objective::BANDS;
use crate::model::pool::shift_index;
use crate::model::{Problem, FLOOR_PER_DAY};

/// A variable and its HiGHS column.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// The good_lp handle, for building expressions.
    pub var: Variable,
    /// The HiGHS column index.
    pub idx: usize,
}

/// Creates variables and remembers their column numbers and bounds.
pub struct Columns {
    /// good_lp's variable store.
    pub vars: ProblemVariables,
    /// Upper bound of each column (lower bounds are all 0).
    pub upper: Vec<f64>,
}

impl Columns {
    fn new() -> Self {
        Columns {
            vars: ProblemVariables::new(),
            upper: Vec::new(),
        }
    }

    fn add(&mut self, upper: f64, integer: bool) -> Col {
        let def = variable().min(0.0).max(upper);
        let def = if integer { def.integer() } else { def };
        let var = self.vars.add(def);
        self.upper.push(upper);
        Col {
            var,
            idx: self.upper.len() - 1,
        }
    }

    fn binary(&mut self) -> Col {
        self.add(1.0, true)
    }
}

/// Every variable of the model.
pub struct Vars {
    /// `x[a]`: hours of care on arc `a` (integer).
    pub hours: Vec<Col>,
    /// `y[a]`: arc `a` is used (binary).
    pub visit: Vec<Col>,
    /// `k[a]`: re-planning: arc `a` keeps the previous plan's hours exactly
    /// (binary; only on arcs the previous plan used, on days whose changes count).
    pub kept: Vec<Option<Col>>,
    /// `w[n][t]`: nurse `n` works on day `t` (binary; only where she has arcs).
    pub works: Vec<Vec<Option<Col>>>,
    /// `sd[f][t]`: hours short of 3 on home day `t`.
    pub day_short: Vec<Vec<Option<Col>>>,
    /// `st[f]`: hours short of the horizon floor.
    pub total_short: Vec<Option<Col>>,
    /// `s[f]`: shortfall of the family, `max(Σ sd, st)`.
    pub shortfall: Vec<Option<Col>>,
    /// `b[f]`: the family is below the floor (binary).
    pub below: Vec<Option<Col>>,
    /// `z[n,f]`: a nurse new to the family serves it (binary, continuity).
    pub new_nurse: HashMap<(u32, u32), Col>,
    /// `u[f][k]`: hours of family `f` in fairness band `k` (see `fairness.rs`).
    pub bands: Vec<Vec<Col>>,
    /// `o[n][t][s]`: nurse `n` is on call for shift `s` of day `t` (binary; only where eligible).
    pub oncall: Vec<Vec<[Option<Col>; 3]>>,
    /// `oc[n][t]`: nurse `n` is on call on day `t` at all (binary; ATW-ONCALL-4W).
    pub oncall_day: Vec<Vec<Option<Col>>>,
    /// `ps[k]`: nurses short on pool slot `k`.
    pub pool_short: Vec<Col>,
    /// `c[n][t]`: nurse `n` serves two families on day `t` (M-COMBINED; binary).
    pub combined: Vec<Vec<Option<Col>>>,
    /// `tr[n][t]`: hours driving between her two families on day `t` (M-COMBINED).
    pub between: Vec<Vec<Option<Col>>>,
    /// `wv[f]`: per waivable day `t`, its measure and the binary "waived" (M-NO-STARTUP, M-SEVEN-DAYS).
    pub waived: Vec<Vec<(usize, Measure, Col)>>,
    /// `r[n]`: nurse `n` works under the reduced rest forms (M-REDUCED-REST; binary).
    pub reduced: Vec<Option<Col>>,
    /// `fl[n][w]`: hours above the contract maximum in week `w` (M-FLEX).
    pub flex: Vec<Vec<Option<Col>>>,
    /// `fu[n][w]`: the nurse works above her contract in week `w` (binary, M-FLEX).
    pub flex_used: Vec<Vec<Option<Col>>>,
    /// `ρ`: the lowest provider share of the targets (equal scale-down), when
    /// two or more providers have families with a target.
    pub share: Option<Col>,
    /// `pm[k]`: nurses short of the minimum on call of pool slot `k`
    /// (POOL-MIN, level 0; only where the slot has a minimum).
    pub pool_min: Vec<Option<Col>>,
    /// `kc[n][t]`: nurse `n` works at the kraamcentrum on day `t`
    /// (M-KRAAMCENTRUM; binary; only where she has centre arcs).
    pub centre_day: Vec<Vec<Option<Col>>>,
}

impl Vars {
    /// Create all variables for `p`; returns them with the column store.
    pub fn new(p: &Problem) -> (Vars, Columns) {
        let mut c = Columns::new();
        let hours = p
            .arcs
            .iter()
            .map(|a| c.add(a.max_hours as f64, true))
            .collect();
        let visit = p.arcs.iter().map(|_| c.binary()).collect();
        let kept = p
            .arcs
            .iter()
            .map(|a| {
                (a.prev > 0 && p.window(a.day as usize).is_some())
                    .then(|| c.add(if a.prev <= a.max_hours { 1.0 } else { 0.0 }, true))
            })
            .collect();
        let mut oncall = vec![vec![[None; 3]; p.days()]; p.nurses.len()];
        for slot in &p.slots {
            let (t, s) = (slot.day as usize, shift_index(slot.shift));
            for (n, row) in oncall.iter_mut().enumerate() {
                if row[t][s].is_none() && p.can_be_on_call(n, slot) {
                    row[t][s] = Some(c.binary());
                }
            }
        }
        let oncall_day: Vec<Vec<Option<Col>>> = oncall
            .iter()
            .map(|row| {
                row.iter()
                    .map(|shifts| shifts.iter().any(Option::is_some).then(|| c.binary()))
                    .collect()
            })
            .collect();
        // A working day is one with care or on-call duty (ATW-WEEKLY-REST).
        let works = (0..p.nurses.len())
            .map(|n| {
                (0..p.days())
                    .map(|t| (p.can_work(n, t) || oncall_day[n][t].is_some()).then(|| c.binary()))
                    .collect()
            })
            .collect();
        let pool_short = p
            .slots
            .iter()
            .map(|slot| c.add(slot.required as f64, false))
            .collect();
        let mut day_short = Vec::with_capacity(p.families.len());
        let mut total_short = Vec::with_capacity(p.families.len());
        let mut shortfall = Vec::with_capacity(p.families.len());
        let mut below = Vec::with_capacity(p.families.len());
        let mut bands = Vec::with_capacity(p.families.len());
        for (f, fam) in p.families.iter().enumerate() {
            day_short.push(
                (0..p.days())
                    .map(|t| p.home_day[[f, t]].then(|| c.add(FLOOR_PER_DAY as f64, false)))
                    .collect(),
            );
            let has_floor = fam.floor > 0;
            total_short.push(has_floor.then(|| c.add(fam.floor as f64, false)));
            shortfall.push(has_floor.then(|| c.add(fam.floor as f64, false)));
            below.push(has_floor.then(|| c.binary()));
            let width = fam.target / BANDS as f64;
            bands.push(if fam.target > 0.0 {
                (0..BANDS).map(|_| c.add(width, false)).collect()
            } else {
                Vec::new()
            });
        }
        let mut new_nurse = HashMap::new();
        for a in &p.arcs {
            let known = p.families[a.family as usize]
                .known_nurses
                .contains(&a.nurse);
            if !known {
                new_nurse
                    .entry((a.nurse, a.family))
                    .or_insert_with(|| c.binary());
            }
        }
        let combined: Vec<Vec<Option<Col>>> = (0..p.nurses.len())
            .map(|n| {
                (0..p.days())
                    .map(|t| {
                        (p.nurses[n].may.has(Measure::Combined)
                            && p.families_within_reach(n, t) >= 2)
                            .then(|| c.binary())
                    })
                    .collect()
            })
            .collect();
        let between = (0..p.nurses.len())
            .map(|n| {
                (0..p.days())
                    .map(|t| combined[n][t].map(|_| c.add(most_between(p, n, t), false)))
                    .collect()
            })
            .collect();
        let waived = p
            .families
            .iter()
            .map(|fam| {
                fam.waivable
                    .iter()
                    .map(|&(t, m)| (t as usize, m, c.binary()))
                    .collect()
            })
            .collect();
        let rest_matters = p.params.weekly_rest || p.params.rest_days > 0;
        let reduced = p
            .nurses
            .iter()
            .map(|n| (rest_matters && n.may.has(Measure::ReducedRest)).then(|| c.binary()))
            .collect();
        let flex: Vec<Vec<Option<Col>>> = p
            .nurses
            .iter()
            .map(|n| {
                let room = p.params.max_week.saturating_sub(n.contract_max);
                p.weeks
                    .iter()
                    .map(|_| {
                        (n.may.has(Measure::Flex) && room > 0).then(|| c.add(room as f64, false))
                    })
                    .collect()
            })
            .collect();
        let flex_used = flex
            .iter()
            .map(|weeks: &Vec<Option<Col>>| weeks.iter().map(|f| f.map(|_| c.binary())).collect())
            .collect();
        let sharing = p
            .providers
            .iter()
            .enumerate()
            .filter(|&(pr, _)| {
                p.families
                    .iter()
                    .any(|f| f.provider == Some(pr as u32) && f.target > 0.0)
            })
            .count();
        let share = (sharing >= 2).then(|| c.add(1.0, false));
        // Last, so that a scenario without a minimum has the same columns as before.
        let pool_min = p
            .slots
            .iter()
            .map(|slot| (slot.minimum > 0).then(|| c.add(slot.minimum as f64, false)))
            .collect();
        // After them: a scenario without a centre keeps its columns.
        let centre_day = (0..p.nurses.len())
            .map(|n| {
                (0..p.days())
                    .map(|t| p.can_staff_centre(n, t).then(|| c.binary()))
                    .collect()
            })
            .collect();
        let vars = Vars {
            centre_day,
            hours,
            visit,
            kept,
            works,
            day_short,
            total_short,
            shortfall,
            below,
            new_nurse,
            bands,
            oncall,
            oncall_day,
            pool_short,
            combined,
            between,
            waived,
            reduced,
            flex,
            flex_used,
            share,
            pool_min,
        };
        (vars, c)
    }
}

impl Vars {
    /// The waiver column of family `f` on day `t`, if that day may be waived.
    pub fn waived_on(&self, f: usize, t: usize) -> Option<super::vars::Col> {
        self.waived[f].iter().find(|w| w.0 == t).map(|w| w.2)
    }
}

/// The longest drive between two of nurse `n`'s families on day `t`, as the
/// model counts it (`Problem::modelled_drive`).
pub fn most_between(p: &Problem, n: usize, t: usize) -> f64 {
    let arcs = &p.arcs_by_nurse_day[n][t];
    if !p.exact_drive(n, t) {
        let far = arcs
            .iter()
            .map(|&a| p.arcs[a as usize].km)
            .fold(0.0, f64::max);
        return 2.0 * far / p.params.travel_kmh;
    }
    let mut most = 0.0f64;
    for (i, &a) in arcs.iter().enumerate() {
        for &b in &arcs[i + 1..] {
            let (f, g) = (p.arcs[a as usize].family, p.arcs[b as usize].family);
            most = most.max(p.between_hours(f as usize, g as usize));
        }
    }
    most
}
