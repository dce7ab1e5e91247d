//! The flow: qualified nurses by contract class, year by year.
//!
//! A model year `y` runs from the summer peak of `y` to that of `y + 1`;
//! the stock at its start is the workforce that meets the peak of `y` (the
//! first year's is the base scenario, a peak week). In the year a share
//! `attrition + retirement` of the start stock leaves, and the trainees
//! whose training ends qualify at its end (they join the next peak):
//!
//! ```text
//! S(y+1) = S(y) · (1 − a − r) + Q(y)
//! Q(y)   = K (1 − d) / T          for the first T years (current trainees)
//!        + I (1 − d)              for y ≥ y0 + T (cohorts of y − T + 1)
//! ```
//!
//! with `K` the base's trainees, spread evenly over the `T` training years
//! (the intake of the first year is among them), `I` the new intake a year
//! from `y0 + 1`, `d` the dropout. New nurses join the contract classes in
//! the base's proportions, so the average contract stays the base's. Need
//! and inflow: `need(y) = ratio × peak births a week(y)` in contract hours,
//! in nurses of average contract; inflow needed = `max(0, need − supply
//! without new inflow)`.

use crate::scenario::{Role, Scenario};

use super::output::{ClassStock, Qualifying, YearRow};

/// The contract classes: label and `contract_max` range (inclusive).
pub const CLASSES: [(&str, u32, u32); 4] = [
    ("≤16", 0, 16),
    ("17–24", 17, 24),
    ("25–32", 25, 32),
    (">32", 33, u32::MAX),
];

/// The base's workforce.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseStock {
    /// Qualified nurses (role `nurse`) by contract class; empty classes kept.
    pub classes: Vec<ClassStock>,
    /// Nurses in training (role `kio`).
    pub trainees: u32,
    /// Office staff with a nurse diploma (role `office_qualified`), apart.
    pub office: u32,
}

impl BaseStock {
    /// Qualified nurses.
    pub fn nurses(&self) -> f64 {
        self.classes.iter().map(|c| c.nurses).sum()
    }

    /// Their contract hours a week.
    pub fn hours(&self) -> f64 {
        hours(&self.classes)
    }

    /// Mean contract hours a week of a qualified nurse (0 without nurses).
    pub fn average_hours(&self) -> f64 {
        let n = self.nurses();
        if n > 0.0 {
            self.hours() / n
        } else {
            0.0
        }
    }
}

fn hours(classes: &[ClassStock]) -> f64 {
    classes.iter().map(|c| c.nurses * c.hours_per_nurse).sum()
}

/// The base's nurses, trainees and office staff.
pub fn base_stock(base: &Scenario) -> BaseStock {
    let classes = CLASSES
        .iter()
        .map(|&(label, lo, hi)| {
            let hours: Vec<u32> = base
                .nurses
                .iter()
                .filter(|n| n.role == Role::Nurse && (lo..=hi).contains(&n.contract_max))
                .map(|n| n.contract_max)
                .collect();
            let n = hours.len() as f64;
            ClassStock {
                class: label.to_string(),
                nurses: n,
                hours_per_nurse: if n > 0.0 {
                    f64::from(hours.iter().sum::<u32>()) / n
                } else {
                    0.0
                },
            }
        })
        .collect();
    let count = |role: Role| base.nurses.iter().filter(|n| n.role == role).count() as u32;
    BaseStock {
        classes,
        trainees: count(Role::Kio),
        office: count(Role::OfficeQualified),
    }
}

/// The inputs of the flow, all resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// First year (the base's peak).
    pub from_year: i32,
    /// Last year, inclusive.
    pub until: i32,
    /// Births in the first year.
    pub births: f64,
    /// Growth of births a year.
    pub growth: f64,
    /// Births a week in the first year's peak.
    pub peak_births_per_week: f64,
    /// Attrition a year.
    pub attrition: f64,
    /// Retirement a year.
    pub retirement: f64,
    /// New trainees a year from the second year.
    pub intake: f64,
    /// Training years.
    pub training_years: u32,
    /// Dropout share of a cohort.
    pub dropout: f64,
    /// Contract hours a week per peak birth a week.
    pub ratio: f64,
}

/// The prognosis of `stock` under `flow`: one row per year, and when the
/// base's trainees qualify.
pub fn project(stock: &BaseStock, flow: &Flow) -> (Vec<YearRow>, Vec<Qualifying>) {
    let t = i32::try_from(flow.training_years.max(1)).unwrap_or(i32::MAX);
    let stay = 1.0 - flow.attrition - flow.retirement;
    let keep = 1.0 - flow.dropout;
    let total = stock.nurses();
    let share: Vec<f64> = stock
        .classes
        .iter()
        .map(|c| if total > 0.0 { c.nurses / total } else { 0.0 })
        .collect();
    let average = stock.average_hours();
    let current = f64::from(stock.trainees) * keep / f64::from(t);
    let current_in = |y: i32| {
        if y - flow.from_year < t {
            current
        } else {
            0.0
        }
    };
    let new_in = |y: i32| {
        if y >= flow.from_year + t {
            flow.intake * keep
        } else {
            0.0
        }
    };
    let mut classes = stock.classes.clone();
    let mut without = total;
    let mut rows = Vec::new();
    for y in flow.from_year..=flow.until {
        let k = y - flow.from_year;
        let grow = (1.0 + flow.growth).powi(k);
        let nurses_start: f64 = classes.iter().map(|c| c.nurses).sum();
        let hours_start = hours(&classes);
        let leaving = nurses_start * (1.0 - stay);
        let qualifying = current_in(y) + new_in(y);
        let peak = flow.peak_births_per_week * grow;
        let needed_hours = flow.ratio * peak;
        let needed_nurses = if average > 0.0 {
            needed_hours / average
        } else {
            0.0
        };
        let gap = short(needed_nurses, nurses_start);
        // One extra trainee a year from the first intake adds this many
        // nurses to this year's peak.
        let per_extra: f64 = (flow.from_year + 1..=y - t)
            .map(|e| keep * stay.powi(y - (e + t)))
            .sum();
        let extra = if gap <= 0.0 {
            Some(0.0)
        } else if per_extra > 0.0 {
            Some(gap / per_extra)
        } else {
            None
        };
        rows.push(YearRow {
            year: y,
            births: flow.births * grow,
            peak_births_per_week: peak,
            nurses_start,
            hours_start,
            classes: classes.clone(),
            leaving,
            trainees_entering: if y > flow.from_year { flow.intake } else { 0.0 },
            qualifying,
            nurses_end: nurses_start - leaving + qualifying,
            needed_hours,
            needed_nurses,
            supply_without_inflow: without,
            inflow_needed: short(needed_nurses, without),
            gap,
            extra_trainees_per_year: extra,
        });
        for (c, s) in classes.iter_mut().zip(&share) {
            c.nurses = c.nurses * stay + qualifying * s;
        }
        without = without * stay + current_in(y);
    }
    let qualifying = (flow.from_year..flow.from_year + t)
        .filter(|_| stock.trainees > 0)
        .map(|year| Qualifying {
            year,
            nurses: current,
        })
        .collect();
    (rows, qualifying)
}

/// `need − have` when positive beyond rounding (a need met to the last
/// bit of floating point is met), else 0.
fn short(need: f64, have: f64) -> f64 {
    let d = need - have;
    if d > 1e-9 * need.abs().max(1.0) {
        d
    } else {
        0.0
    }
}
