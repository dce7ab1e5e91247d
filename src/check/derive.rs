//! Every number the checker needs, derived from the scenario and the plan
//! exactly as `models/semantics.md` defines it (never from the engine).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::usage::Usage;
use crate::domain::calendar::{add_days, monday_of, week_key, weeks_between};
use crate::domain::geo::haversine_km;
use crate::plan::{FamilyOutcome, Kpi, NurseOutcome, Plan, PoolShift, Visit};
use crate::scenario::{Family, Nurse, Scenario, Shift};

/// CARE-MIN-DAY: hours of care every home day needs.
pub(super) const DAY_FLOOR: u32 = 3;
/// CARE-MIN-TOTAL of an episode without hospital days: 24 hours, however
/// many days (Normenkader §1.2; seven-day care gives them in longer days, §4.4.5).
const TOTAL_FLOOR: i64 = 24;
/// CARE-MIN-TOTAL never asks less than this for an episode with home days
/// (hospital days lower the floor to 3 h a home day, Normenkader §3.3).
const TOTAL_FLOOR_MIN: i64 = 10;
/// LIP: hours of indication deducted per hospital day.
const HOSPITAL_DEDUCTION: i64 = 6;
/// Hours an on-call shift adds to its date when on-call counts as work.
pub(super) const ONCALL_HOURS: u32 = 8;
/// Tolerance of the hour rules, whose hours are real once travel between
/// two families (combined care) counts as working time.
pub(super) const HOURS_TOL: f64 = 1e-6;

/// Hours for a message: whole hours as `10`, others as `10.37`.
pub(super) fn fmt_hours(h: f64) -> String {
    if (h - h.round()).abs() < 1e-9 {
        format!("{}", h.round() as i64)
    } else {
        format!("{h:.2}")
    }
}

/// Round to 0.01 (how the plan reports `nurses[].travel_hours`).
pub(super) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// LIP front-loaded daily weight of episode day `k`.
pub(super) fn profile_weight(k: u32) -> f64 {
    (1.25 - 0.07 * k as f64).max(0.5)
}

/// A family's episode as seen from the horizon.
#[derive(Debug, Clone)]
pub(super) struct Episode {
    /// Home days of the episode with their episode day index `k`.
    pub home: Vec<(u32, NaiveDate)>,
    /// Distinct hospital dates inside the episode.
    pub hospital_days: u32,
    /// Home days in the horizon (`D`).
    pub during: Vec<NaiveDate>,
    /// Home days after the horizon (`|A|`).
    pub after: u32,
    /// CARE-MIN-TOTAL for the whole episode.
    pub floor_total: u32,
    /// Indication after the hospital deduction, never below `floor_total`.
    pub indicated: u32,
    /// Minimum-care hours within the horizon.
    pub floor: u32,
    /// Share of the indication falling in the horizon, capped at `cap`.
    pub target: f64,
}

impl Episode {
    /// Derive the episode of `f` for the horizon `start ..= end`.
    pub fn new(f: &Family, start: NaiveDate, end: NaiveDate, max_family_per_day: u32) -> Self {
        let days: Vec<NaiveDate> = (0..f.care_days)
            .map(|k| add_days(f.care_start, k as i64))
            .collect();
        let hospital: BTreeSet<NaiveDate> = f
            .hospital
            .iter()
            .copied()
            .filter(|d| days.contains(d))
            .collect();
        let home: Vec<(u32, NaiveDate)> = days
            .iter()
            .enumerate()
            .filter(|(_, d)| !hospital.contains(d))
            .map(|(k, d)| (k as u32, *d))
            .collect();
        let in_horizon = |d: NaiveDate| start <= d && d <= end;
        let n_home = home.len() as i64;
        let during: Vec<NaiveDate> = home
            .iter()
            .map(|(_, d)| *d)
            .filter(|d| in_horizon(*d))
            .collect();
        let after = home.iter().filter(|(_, d)| *d > end).count() as i64;
        let floor_total = if n_home == 0 {
            0
        } else {
            let least = if hospital.is_empty() {
                TOTAL_FLOOR
            } else {
                TOTAL_FLOOR_MIN
            };
            (DAY_FLOOR as i64 * n_home)
                .max(least)
                .min(max_family_per_day as i64 * n_home)
        };
        let indicated = (f.indicated_hours as i64 - HOSPITAL_DEDUCTION * hospital.len() as i64)
            .max(floor_total);
        let delivered_before = f.delivered_before as i64;
        let floor = if during.is_empty() {
            0
        } else {
            (DAY_FLOOR as i64 * during.len() as i64).max(floor_total - delivered_before - 3 * after)
        };
        // Horizon cap: hours the plan may use without starving the home days after it.
        let cap = (indicated - delivered_before - 3 * after).max(0);
        let target = if during.is_empty() {
            0.0
        } else {
            let all: f64 = home.iter().map(|(k, _)| profile_weight(*k)).sum();
            let inside: f64 = home
                .iter()
                .filter(|(_, d)| in_horizon(*d))
                .map(|(k, _)| profile_weight(*k))
                .sum();
            (indicated as f64 * inside / all)
                .min(cap as f64)
                .min(max_family_per_day as f64 * during.len() as f64)
        };
        Episode {
            home,
            hospital_days: hospital.len() as u32,
            during,
            after: after as u32,
            floor_total: floor_total as u32,
            indicated: indicated as u32,
            floor: floor as u32,
            target,
        }
    }

    /// Whether `d` is a home day of the episode (care may be given).
    pub fn is_home_day(&self, d: NaiveDate) -> bool {
        self.home.iter().any(|(_, h)| *h == d)
    }
}

/// What a family gets in the plan, recomputed, with the parts of its shortfall.
#[derive(Debug, Clone)]
pub(super) struct FamilyFigures {
    /// The outcome the plan should report.
    pub outcome: FamilyOutcome,
    /// `Σ_{t∈D} max(0, 3 − h_t)`.
    pub day_short: u32,
    /// `max(0, floor − planned)`.
    pub total_short: u32,
}

/// The scenario and plan, indexed, with the usable plan rows aggregated.
pub(super) struct Facts<'a> {
    pub scenario: &'a Scenario,
    pub plan: &'a Plan,
    /// First day of the horizon.
    pub start: NaiveDate,
    /// Last day of the horizon (before `start` when `days` is 0).
    pub end: NaiveDate,
    pub nurses: BTreeMap<&'a str, &'a Nurse>,
    pub families: BTreeMap<&'a str, &'a Family>,
    /// Visits with a known nurse and family, a date in the horizon and hours > 0.
    pub visits: Vec<&'a Visit>,
    /// Distinct on-call shifts `(nurse, date, shift)` with a known nurse and a
    /// date in the horizon, eligible or not (a row listed twice counts once).
    pub oncall: BTreeSet<(&'a str, NaiveDate, Shift)>,
    /// Hours per nurse and date (visits, plus on-call where it counts as work).
    pub nurse_hours: BTreeMap<&'a str, BTreeMap<NaiveDate, u32>>,
    /// Dates in the horizon on which a nurse works (visit or on-call).
    pub nurse_days: BTreeMap<&'a str, BTreeSet<NaiveDate>>,
    /// Care hours per family and date.
    pub family_hours: BTreeMap<&'a str, BTreeMap<NaiveDate, u32>>,
    /// Care hours per (family, nurse).
    pub pair_hours: BTreeMap<(&'a str, &'a str), u32>,
    /// Care hours per (nurse, date) and family: the families a nurse visits on a date.
    pub day_families: BTreeMap<(&'a str, NaiveDate), BTreeMap<&'a str, u32>>,
    /// Travel hours between the two families of a combined-care date, per
    /// nurse and date (working time; not rounded).
    pub travel: BTreeMap<&'a str, BTreeMap<NaiveDate, f64>>,
    pub episodes: BTreeMap<&'a str, Episode>,
    /// `families[].measures` as the plan declares them (first row per known id).
    pub family_declared: BTreeMap<&'a str, &'a [String]>,
    /// `nurses[].measures` as the plan declares them (first row per known id).
    pub nurse_declared: BTreeMap<&'a str, &'a [String]>,
    /// The measures the plan uses, recomputed (`measures.rs`).
    pub usage: Usage<'a>,
    /// Centre days (M-KRAAMCENTRUM): the families (with their hours) a nurse
    /// serves at the kraamcentrum on a date. Not in `day_families`.
    pub centre_days: BTreeMap<(&'a str, NaiveDate), BTreeMap<&'a str, u32>>,
}

impl<'a> Facts<'a> {
    /// Index the scenario and aggregate the usable rows of the plan.
    pub fn build(scenario: &'a Scenario, plan: &'a Plan) -> Self {
        let start = scenario.start;
        let end = add_days(start, scenario.days as i64 - 1);
        let in_horizon = |d: NaiveDate| start <= d && d <= end;
        let nurses: BTreeMap<&str, &Nurse> =
            scenario.nurses.iter().map(|n| (n.id.as_str(), n)).collect();
        let families: BTreeMap<&str, &Family> = scenario
            .families
            .iter()
            .map(|f| (f.id.as_str(), f))
            .collect();
        let visits: Vec<&Visit> = plan
            .visits
            .iter()
            .filter(|v| {
                nurses.contains_key(v.nurse.as_str())
                    && families.contains_key(v.family.as_str())
                    && in_horizon(v.date)
                    && v.hours > 0
            })
            .collect();
        let oncall: BTreeSet<(&str, NaiveDate, Shift)> = plan
            .oncall
            .iter()
            .filter(|o| nurses.contains_key(o.nurse.as_str()) && in_horizon(o.date))
            .map(|o| (o.nurse.as_str(), o.date, o.shift))
            .collect();

        let mut nurse_hours: BTreeMap<&str, BTreeMap<NaiveDate, u32>> = BTreeMap::new();
        let mut nurse_days: BTreeMap<&str, BTreeSet<NaiveDate>> = BTreeMap::new();
        let mut family_hours: BTreeMap<&str, BTreeMap<NaiveDate, u32>> = BTreeMap::new();
        let mut pair_hours: BTreeMap<(&str, &str), u32> = BTreeMap::new();
        let mut day_families: BTreeMap<(&str, NaiveDate), BTreeMap<&str, u32>> = BTreeMap::new();
        let mut centre_days: BTreeMap<(&str, NaiveDate), BTreeMap<&str, u32>> = BTreeMap::new();
        let centre_hours = scenario
            .kraamcentrum
            .as_ref()
            .map_or(crate::scenario::KRAAMCENTRUM_HOURS, |k| k.hours_per_day());
        for v in &visits {
            let key = (v.nurse.as_str(), v.date);
            // A centre day's hours count once, however many families.
            let work = if !v.site.is_centre() {
                v.hours
            } else if centre_days.contains_key(&key) {
                0
            } else {
                centre_hours
            };
            let by_site = if v.site.is_centre() {
                &mut centre_days
            } else {
                &mut day_families
            };
            *by_site
                .entry(key)
                .or_default()
                .entry(v.family.as_str())
                .or_default() += v.hours;
            *nurse_hours
                .entry(v.nurse.as_str())
                .or_default()
                .entry(v.date)
                .or_default() += work;
            nurse_days
                .entry(v.nurse.as_str())
                .or_default()
                .insert(v.date);
            *family_hours
                .entry(v.family.as_str())
                .or_default()
                .entry(v.date)
                .or_default() += v.hours;
            *pair_hours
                .entry((v.family.as_str(), v.nurse.as_str()))
                .or_default() += v.hours;
        }
        let oncall_hours = if scenario.rules.oncall_counts_as_work() {
            ONCALL_HOURS
        } else {
            0
        };
        // Every on-call shift makes its date a worked date, and adds 8 hours
        // to it when on-call counts as work (semantics.md, "Partus pool").
        for &(n, date, _) in &oncall {
            *nurse_hours.entry(n).or_default().entry(date).or_default() += oncall_hours;
            nurse_days.entry(n).or_default().insert(date);
        }
        // Combined care: the drive between the two families is working time.
        let kmh = scenario.rules.travel_kmh();
        let mut travel: BTreeMap<&str, BTreeMap<NaiveDate, f64>> = BTreeMap::new();
        for ((n, date), fams) in &day_families {
            if let [f, g] = fams.keys().copied().collect::<Vec<&str>>()[..] {
                let km = haversine_km(families[f].home, families[g].home);
                let hours = if kmh > 0.0 { km / kmh } else { 0.0 };
                travel.entry(n).or_default().insert(*date, hours);
            }
        }
        let max_family = scenario.rules.max_family_hours_per_day();
        let episodes = families
            .iter()
            .map(|(id, f)| (*id, Episode::new(f, start, end, max_family)))
            .collect();
        let mut family_declared: BTreeMap<&str, &[String]> = BTreeMap::new();
        for f in &plan.families {
            if families.contains_key(f.id.as_str()) {
                family_declared
                    .entry(f.id.as_str())
                    .or_insert(f.measures.as_slice());
            }
        }
        let mut nurse_declared: BTreeMap<&str, &[String]> = BTreeMap::new();
        for n in &plan.nurses {
            if nurses.contains_key(n.id.as_str()) {
                nurse_declared
                    .entry(n.id.as_str())
                    .or_insert(n.measures.as_slice());
            }
        }
        Facts {
            scenario,
            plan,
            start,
            end,
            nurses,
            families,
            visits,
            oncall,
            nurse_hours,
            nurse_days,
            family_hours,
            pair_hours,
            day_families,
            travel,
            episodes,
            family_declared,
            nurse_declared,
            usage: Usage::default(),
            centre_days,
        }
    }

    /// Whether the plan declares measure `id` on nurse `n`.
    pub fn nurse_declares(&self, n: &str, id: &str) -> bool {
        self.nurse_declared
            .get(n)
            .is_some_and(|m| m.iter().any(|x| x == id))
    }

    /// Whether the plan declares measure `id` on family `f`.
    pub fn family_declares(&self, f: &str, id: &str) -> bool {
        self.family_declared
            .get(f)
            .is_some_and(|m| m.iter().any(|x| x == id))
    }

    /// A nurse's visits as `(date, family)`, in order.
    pub fn nurse_visits(&self, n: &'a str) -> Vec<(NaiveDate, &'a str)> {
        self.day_families
            .range((n, NaiveDate::MIN)..=(n, NaiveDate::MAX))
            .flat_map(|((_, d), fams)| fams.keys().map(move |f| (*d, *f)))
            .collect()
    }

    /// Working hours of a nurse per date: care, on-call where it counts as
    /// work, and travel between the two families of a combined-care date.
    pub fn work_days(&self, nurse: &str) -> BTreeMap<NaiveDate, f64> {
        let mut days: BTreeMap<NaiveDate, f64> = self
            .nurse_hours
            .get(nurse)
            .map(|m| m.iter().map(|(d, h)| (*d, *h as f64)).collect())
            .unwrap_or_default();
        if let Some(travel) = self.travel.get(nurse) {
            for (d, h) in travel {
                *days.entry(*d).or_default() += h;
            }
        }
        days
    }

    /// Travel hours between families of a nurse per week offset.
    pub fn travel_weeks(&self, nurse: &str) -> BTreeMap<i64, f64> {
        let mut weeks = BTreeMap::new();
        if let Some(travel) = self.travel.get(nurse) {
            for (d, h) in travel {
                *weeks.entry(self.week_index(*d)).or_default() += h;
            }
        }
        weeks
    }

    /// Working hours (plan only, travel included) of a nurse per week offset.
    pub fn work_weeks(&self, nurse: &str) -> BTreeMap<i64, f64> {
        let mut weeks = BTreeMap::new();
        for (d, h) in self.work_days(nurse) {
            *weeks.entry(self.week_index(d)).or_default() += h;
        }
        weeks
    }

    /// Working hours of a nurse in week offset `i`: history for weeks before
    /// the first week (0 when not given), the plan plus `current_week_hours`
    /// in the first week, the plan alone after it.
    pub fn week_work(&self, n: &Nurse, work: &BTreeMap<i64, f64>, i: i64) -> f64 {
        if i < 0 {
            let h = &n.history.weekly_hours;
            let idx = h.len() as i64 + i;
            return if idx >= 0 {
                h[idx as usize] as f64
            } else {
                0.0
            };
        }
        let current = if i == 0 {
            n.history.current_week_hours as f64
        } else {
            0.0
        };
        work.get(&i).copied().unwrap_or(0.0) + current
    }

    /// Whether `d` lies in the horizon.
    pub fn in_horizon(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// The horizon's dates in order.
    pub fn horizon(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..self.scenario.days as i64).map(move |t| add_days(self.start, t))
    }

    /// Week offset of `d` from the first week (0 = ISO week of `start`).
    pub fn week_index(&self, d: NaiveDate) -> i64 {
        weeks_between(self.start, d)
    }

    /// Offsets of the ISO weeks overlapping the horizon.
    pub fn horizon_weeks(&self) -> Vec<i64> {
        if self.scenario.days == 0 {
            return Vec::new();
        }
        (0..=self.week_index(self.end)).collect()
    }

    /// Monday of the week with offset `i`.
    pub fn monday(&self, i: i64) -> NaiveDate {
        add_days(monday_of(self.start), 7 * i)
    }

    /// ISO week key of the week with offset `i`.
    pub fn week_key(&self, i: i64) -> String {
        week_key(self.monday(i))
    }

    /// Planned hours (plan only) of a nurse per week offset.
    pub fn planned_weeks(&self, nurse: &str) -> BTreeMap<i64, u32> {
        let mut weeks = BTreeMap::new();
        if let Some(days) = self.nurse_hours.get(nurse) {
            for (d, h) in days {
                *weeks.entry(self.week_index(*d)).or_default() += h;
            }
        }
        weeks
    }

    /// Hours of a nurse in week offset `i`: history for weeks before the
    /// first week (0 when not given), the plan plus `current_week_hours` in
    /// the first week, the plan alone after it.
    pub fn week_hours(&self, n: &Nurse, planned: &BTreeMap<i64, u32>, i: i64) -> u32 {
        if i < 0 {
            let h = &n.history.weekly_hours;
            let idx = h.len() as i64 + i;
            return if idx >= 0 { h[idx as usize] } else { 0 };
        }
        let current = if i == 0 {
            n.history.current_week_hours
        } else {
            0
        };
        planned.get(&i).copied().unwrap_or(0) + current
    }

    /// Dates on which a nurse works: the plan's, plus history before `start`.
    pub fn worked_dates(&self, n: &Nurse) -> BTreeSet<NaiveDate> {
        let mut days: BTreeSet<NaiveDate> = n
            .history
            .worked
            .iter()
            .chain(n.history.oncall.iter())
            .copied()
            .filter(|d| *d < self.start)
            .collect();
        if let Some(planned) = self.nurse_days.get(n.id.as_str()) {
            days.extend(planned.iter().copied());
        }
        days
    }

    /// Recompute the outcome of family `f`.
    pub fn family_figures(&self, f: &Family) -> FamilyFigures {
        let ep = &self.episodes[f.id.as_str()];
        let empty = BTreeMap::new();
        let hours = self.family_hours.get(f.id.as_str()).unwrap_or(&empty);
        let planned: u32 = hours.values().sum();
        let h = |d: &NaiveDate| hours.get(d).copied().unwrap_or(0);
        // A date waived by M-NO-STARTUP or M-SEVEN-DAYS needs no 3 hours.
        let no_waiver = BTreeSet::new();
        let waived = self.usage.waived.get(f.id.as_str()).unwrap_or(&no_waiver);
        let needs_floor: Vec<NaiveDate> = ep
            .during
            .iter()
            .copied()
            .filter(|d| !waived.contains(d))
            .collect();
        let day_short: u32 = needs_floor
            .iter()
            .map(|d| DAY_FLOOR.saturating_sub(h(d)))
            .sum();
        let short_days: Vec<NaiveDate> = needs_floor
            .iter()
            .copied()
            .filter(|d| h(d) < DAY_FLOOR)
            .collect();
        let total_short = ep.floor.saturating_sub(planned);
        let shortfall = day_short.max(total_short);

        let mut nurse_ids: BTreeSet<&str> = f.known_nurses.iter().map(|s| s.as_str()).collect();
        let mut best: Option<(&str, u32)> = None;
        for ((fam, nurse), hrs) in self.pair_hours.range((f.id.as_str(), "")..) {
            if *fam != f.id.as_str() {
                break;
            }
            nurse_ids.insert(nurse);
            // Ascending nurse ids: a strict `>` keeps the smallest id on ties.
            match best {
                Some((_, b)) if *hrs <= b => {}
                _ => best = Some((nurse, *hrs)),
            }
        }
        let served_by = best.map(|(n, _)| self.nurses[n].provider.clone());
        FamilyFigures {
            outcome: FamilyOutcome {
                id: f.id.clone(),
                floor: ep.floor,
                episode_floor: ep.floor_total,
                planned,
                delivered_total: f.delivered_before + planned,
                indicated: ep.indicated,
                target: ep.target,
                below_floor: shortfall > 0,
                shortfall,
                short_days,
                nurses: nurse_ids.len() as u32,
                served_by,
                measures: self.usage.family_list(f.id.as_str()),
            },
            day_short,
            total_short,
        }
    }

    /// Recompute the workload of nurse `n`.
    pub fn nurse_outcome(&self, n: &Nurse) -> NurseOutcome {
        let id = n.id.as_str();
        let hours: u32 = self
            .nurse_hours
            .get(id)
            .map(|m| m.values().sum())
            .unwrap_or(0);
        let days_worked = self.nurse_days.get(id).map(|s| s.len()).unwrap_or(0) as u32;
        let oncall_shifts = self.oncall.iter().filter(|(n, _, _)| *n == id).count() as u32;
        let travel_tenths: i64 = self
            .visits
            .iter()
            .filter(|v| v.nurse == id && !v.site.is_centre())
            .map(|v| visit_km_tenths(n, self.families[v.family.as_str()]))
            .sum::<i64>()
            + self
                .centre_days
                .range((id, NaiveDate::MIN)..=(id, NaiveDate::MAX))
                .map(|_| km_tenths(2.0 * self.centre_km(n)))
                .sum::<i64>();
        let planned = self.planned_weeks(id);
        let under_contract_min = self
            .horizon_weeks()
            .into_iter()
            .filter(|i| {
                let monday = self.monday(*i);
                self.in_horizon(monday) && self.in_horizon(add_days(monday, 6))
            })
            .filter(|i| self.week_hours(n, &planned, *i) < n.contract_min)
            .map(|i| self.week_key(i))
            .collect();
        NurseOutcome {
            id: n.id.clone(),
            hours,
            days_worked,
            oncall_shifts,
            travel_km: travel_tenths as f64 / 10.0,
            under_contract_min,
            travel_hours: round2(self.travel.get(id).map(|m| m.values().sum()).unwrap_or(0.0)),
            measures: self.usage.nurse_list(id),
        }
    }
}

impl Facts<'_> {
    /// Level 6b's figure: kilometres there and back over every visit, not
    /// rounded (the engine reports it unrounded, so it is compared exactly).
    pub fn km_driven(&self) -> f64 {
        let home: f64 = self
            .visits
            .iter()
            .filter(|v| !v.site.is_centre())
            .map(|v| {
                let n = self.nurses[v.nurse.as_str()];
                2.0 * haversine_km(n.home, self.families[v.family.as_str()].home)
            })
            .sum();
        let centre: f64 = self
            .centre_days
            .keys()
            .map(|(n, _)| 2.0 * self.centre_km(self.nurses[n]))
            .sum();
        home + centre
    }

    /// Kilometres from nurse `n`'s home to the kraamcentrum (0 without one).
    pub fn centre_km(&self, n: &Nurse) -> f64 {
        self.scenario
            .kraamcentrum
            .as_ref()
            .map_or(0.0, |k| haversine_km(n.home, k.location))
    }
}

/// `km` in tenths of a km, rounded.
pub(super) fn km_tenths(km: f64) -> i64 {
    (km * 10.0).round() as i64
}

/// Travel of one visit in tenths of a km: `2 · haversine(nurse, family)`
/// (there and back), rounded to 0.1 km. Summing whole tenths keeps the
/// totals free of floating-point drift.
pub(super) fn visit_km_tenths(n: &Nurse, f: &Family) -> i64 {
    (2.0 * haversine_km(n.home, f.home) * 10.0).round() as i64
}

/// Recompute the KPI fields the checker owns from recomputed family, nurse
/// and pool figures. The field it does not own (certified bound) stays 0.
pub(super) fn kpi(
    scenario: &Scenario,
    families: &[FamilyOutcome],
    nurses: &[NurseOutcome],
    pool: &[PoolShift],
) -> Kpi {
    let travel_tenths: f64 = nurses.iter().map(|n| (n.travel_km * 10.0).round()).sum();
    let ratios: Vec<f64> = families
        .iter()
        .filter(|f| f.target > 0.0)
        .map(|f| f.planned as f64 / f.target)
        .collect();
    let (min_ratio, mean_ratio, gini, jain) = fairness(&ratios);
    Kpi {
        families_below_floor: families.iter().filter(|f| f.below_floor).count() as u32,
        shortfall_hours: families.iter().map(|f| f.shortfall).sum(),
        delivered_hours: families.iter().map(|f| f.planned).sum(),
        min_ratio,
        mean_ratio,
        gini,
        jain,
        pool_shortfall: pool.iter().map(|p| p.shortfall).sum(),
        pool_min_shortfall: pool
            .iter()
            .map(|p| p.minimum.saturating_sub(p.covered))
            .sum(),
        travel_km: travel_tenths / 10.0,
        provider_scale_down_spread: scale_down_spread(scenario, families),
        ..Kpi::default()
    }
}

/// `semantics.md`, "Fair distribution between providers": for each provider
/// with families that have a target, `scale_down = 1 − Σ min(planned, target)
/// / Σ target`; the spread is max − min over those providers (0 with fewer
/// than two).
pub(super) fn scale_down_spread(scenario: &Scenario, families: &[FamilyOutcome]) -> f64 {
    let provider_of: BTreeMap<&str, &str> = scenario
        .families
        .iter()
        .filter_map(|f| f.provider.as_deref().map(|p| (f.id.as_str(), p)))
        .collect();
    let mut sums: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for f in families.iter().filter(|f| f.target > 0.0) {
        if let Some(p) = provider_of.get(f.id.as_str()) {
            let s = sums.entry(p).or_default();
            s.0 += (f.planned as f64).min(f.target);
            s.1 += f.target;
        }
    }
    let scale: Vec<f64> = scenario
        .providers
        .iter()
        .filter_map(|p| sums.get(p.id.as_str()))
        .map(|(got, target)| 1.0 - got / target)
        .collect();
    if scale.len() < 2 {
        return 0.0;
    }
    let max = scale.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = scale.iter().copied().fold(f64::INFINITY, f64::min);
    max - min
}

/// `(min, mean, gini, jain)` of the fairness ratios. Without ratios nobody
/// falls short of a target: min and mean 1, gini 0, jain 1.
pub(super) fn fairness(r: &[f64]) -> (f64, f64, f64, f64) {
    if r.is_empty() {
        return (1.0, 1.0, 0.0, 1.0);
    }
    let n = r.len() as f64;
    let sum: f64 = r.iter().sum();
    let mean = sum / n;
    let min = r.iter().copied().fold(f64::INFINITY, f64::min);
    let abs_diff: f64 = r
        .iter()
        .flat_map(|a| r.iter().map(move |b| (a - b).abs()))
        .sum();
    let gini = if mean > 0.0 {
        (abs_diff / (n * n)) / (2.0 * mean)
    } else {
        0.0
    };
    let squares: f64 = r.iter().map(|x| x * x).sum();
    let jain = if squares > 0.0 {
        sum * sum / (n * squares)
    } else {
        1.0
    };
    (min, mean, gini, jain)
}
