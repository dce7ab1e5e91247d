//! The working time of the carried-out days, counted exactly as the checker
//! counts it (`src/check/derive.rs`): visit hours, 8 h per on-call shift when
//! on-call counts as work, and the drive between the two families of a
//! combined-care date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::domain::geo::haversine_km;
use crate::plan::Plan;
use crate::scenario::{Scenario, Shift};

/// Hours of one on-call shift (semantics.md, "Partus pool").
const ONCALL_HOURS: f64 = 8.0;

/// What a nurse did on one carried-out date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct DayWork {
    /// Working hours (real: travel between families is not whole hours).
    pub hours: f64,
    /// On call for at least one shift.
    pub oncall: bool,
    /// On call for the night shift (ATW-NIGHT-REST reads it across the new start).
    pub night: bool,
}

/// Per nurse and date before `to`, what the plan had her do: only the rows
/// the checker counts (known nurse and family, a date of the horizon,
/// hours above 0; on-call shifts once each).
pub(super) fn carried_out<'a>(
    s: &'a Scenario,
    plan: &'a Plan,
    to: NaiveDate,
) -> BTreeMap<&'a str, BTreeMap<NaiveDate, DayWork>> {
    let done = |d: NaiveDate| s.start <= d && d < to && d <= s.end();
    let nurse = |id: &str| s.nurses.iter().any(|n| n.id == id);
    let family = |id: &str| s.families.iter().find(|f| f.id == id);
    let mut out: BTreeMap<&str, BTreeMap<NaiveDate, DayWork>> = BTreeMap::new();
    let mut families: BTreeMap<(&str, NaiveDate), BTreeSet<&str>> = BTreeMap::new();
    for v in &plan.visits {
        if v.hours == 0 || !done(v.date) || !nurse(&v.nurse) || family(&v.family).is_none() {
            continue;
        }
        out.entry(v.nurse.as_str())
            .or_default()
            .entry(v.date)
            .or_default()
            .hours += f64::from(v.hours);
        families
            .entry((v.nurse.as_str(), v.date))
            .or_default()
            .insert(v.family.as_str());
    }
    let shifts: BTreeSet<(&str, NaiveDate, Shift)> = plan
        .oncall
        .iter()
        .filter(|o| done(o.date) && nurse(&o.nurse))
        .map(|o| (o.nurse.as_str(), o.date, o.shift))
        .collect();
    let counts = s.rules.oncall_counts_as_work();
    for (n, d, shift) in shifts {
        let day = out.entry(n).or_default().entry(d).or_default();
        day.oncall = true;
        day.night |= shift == Shift::Night;
        if counts {
            day.hours += ONCALL_HOURS;
        }
    }
    let kmh = s.rules.travel_kmh();
    for ((n, d), fams) in families {
        let fams: Vec<&str> = fams.into_iter().collect();
        if let [f, g] = fams[..] {
            if let (Some(f), Some(g)) = (family(f), family(g)) {
                let km = haversine_km(f.home, g.home);
                if kmh > 0.0 {
                    if let Some(day) = out.get_mut(n).and_then(|m| m.get_mut(&d)) {
                        day.hours += km / kmh;
                    }
                }
            }
        }
    }
    out
}
