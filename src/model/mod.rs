//! The indexed planning problem: dense `u32` ids, per-day arrays, derived
//! floors and the sparse set of nurse–family–day arcs that can occur.
//!
//! Built once from a [`Scenario`]; engines read only this. Every derived
//! number follows `models/semantics.md`.

pub mod baseline;
pub mod measures;
pub mod objective;
pub mod pool;
pub mod usage;

use std::collections::HashMap;

use chrono::NaiveDate;
use ndarray::Array2;

use crate::domain::calendar::{add_days, days_between, monday_of, week_key, weeks_between};
use crate::domain::geo::haversine_km;
use crate::model::measures::{Measure, MeasureSet, Permissions};
use crate::scenario::{Arrival, Complexity, Role, Scenario, Shift};

mod arcs;
mod components;
mod episode;
mod slots;

pub use components::{Assignment, Component};
pub use episode::{derive_episode, episode_floor, waivable_days, Episode};
use slots::*;

/// Minimum hours of physical care per home day (CARE-MIN-DAY, Normenkader §1.2).
pub const FLOOR_PER_DAY: u32 = 3;
/// Minimum total hours of an episode without hospital days (CARE-MIN-TOTAL,
/// Normenkader §1.2: 3 h a day for 8 days; M-SEVEN-DAYS delivers the same
/// hours in fewer, longer days, §4.4.5).
pub const FLOOR_EPISODE: u32 = 24;
/// Minimum total hours of an episode with hospital days (CARE-MIN-TOTAL,
/// Normenkader §3.3: hospital days lower the floor, never below 10 h).
pub const FLOOR_MIN_TOTAL: u32 = 10;
/// Hours of indication the LIP deducts per hospital day.
pub const HOSPITAL_DEDUCTION: u32 = 6;

/// Rule parameters with defaults resolved.
#[derive(Debug, Clone)]
pub struct Params {
    /// ATW-DAY-MAX.
    pub max_nurse_day: u32,
    /// CARE-MAX per day.
    pub max_family_day: u32,
    /// ATW-WEEK-MAX.
    pub max_week: u32,
    /// ATW-AVG-4W (hours per week on average).
    pub avg_4w: u32,
    /// ATW-AVG-16W (hours per week on average).
    pub avg_16w: u32,
    /// Maximum nurse–family distance in km.
    pub max_travel_km: f64,
    /// ORG-EPISODE-REST in days.
    pub rest_days: u32,
    /// ATW-WEEKLY-REST on.
    pub weekly_rest: bool,
    /// Hours an on-call shift adds to working time (8, or 0 when on-call does not count as work).
    pub oncall_hours: u32,
    /// ATW-ONCALL-4W: on-call dates in any 28 days.
    pub max_oncall_4w: u32,
    /// VISIT-MIN: shortest visit in hours.
    pub min_visit: u32,
    /// Driving speed for travel between two families (M-COMBINED), km/h.
    pub travel_kmh: f64,
    /// Who gets the scarce hours: decides the objective's first levels.
    pub policy: crate::domain::policy::Policy,
}

/// A nurse as the engines see her.
#[derive(Debug, Clone)]
pub struct NurseData {
    /// Scenario id.
    pub id: String,
    /// Index of her provider.
    pub provider: u32,
    /// Contract minimum hours per week (reported only).
    pub contract_min: u32,
    /// Contract maximum hours per week (CONTRACT).
    pub contract_max: u32,
    /// Hours worked in the first week before `start`.
    pub current_week_hours: u32,
    /// Hours of complete weeks before the first week; index 0 = the week just before.
    pub past_weeks: Vec<u32>,
    /// Worked on day `start − 1 − k` for `k` = index (13 days of history:
    /// the 7-day rest window, and the 14-day one of M-REDUCED-REST).
    pub worked_before: [bool; 13],
    /// May take partus-pool shifts (`partus: true` and role `nurse`).
    pub partus: bool,
    /// On call on day `start − 1 − k` for `k` = index (27 days of history, ATW-ONCALL-4W).
    pub oncall_before: [bool; 27],
    /// On night call on `start − 1` (`history.oncall_nights`): ATW-NIGHT-REST
    /// leaves day 0 without care arcs and without day and evening shifts,
    /// but not `off` — a night shift on day 0 is still allowed.
    pub night_before: bool,
    /// Role (ROLE).
    pub role: Role,
    /// Nurse-level measures this run lets her use (M-COMBINED, M-REDUCED-REST,
    /// M-FLEX): allowed for her provider on this rung, and consented where needed.
    pub may: MeasureSet,
    /// On call per day and shift in the previous plan (re-planning; empty otherwise).
    pub prev_oncall: Vec<[bool; 3]>,
    /// On-call shifts a keep lock pins (re-planning; empty otherwise).
    pub keep_oncall: Vec<[bool; 3]>,
    /// Kilometres from her home to the kraamcentrum (one way; 0 without one).
    pub centre_km: f64,
}

/// A family as the engines see it, with the derived floor quantities.
#[derive(Debug, Clone)]
pub struct FamilyData {
    /// Scenario id.
    pub id: String,
    /// Index of its provider; `None` = regional waiting list.
    pub provider: Option<u32>,
    /// Triage priority 1 (most urgent) … 3.
    pub priority: u8,
    /// Complexity of care.
    pub complexity: Complexity,
    /// Hours delivered before the horizon.
    pub delivered_before: u32,
    /// CARE-MIN-TOTAL of the whole episode.
    pub episode_floor: u32,
    /// Indication after the hospital deduction.
    pub indicated: u32,
    /// Minimum hours inside the horizon.
    pub floor: u32,
    /// Maximum hours inside the horizon (CARE-MAX and reserve for later days).
    pub cap: u32,
    /// Share of the indication that falls in the horizon (fairness basis).
    pub target: f64,
    /// First day of the episode (the order of policy `first-come`).
    pub care_start: NaiveDate,
    /// Nurses (indices) who already served the family.
    pub known_nurses: Vec<u32>,
    /// Home location, for travel between two families (M-COMBINED).
    pub home: [f64; 2],
    /// Days that a measure may leave without care and without a floor
    /// (M-NO-STARTUP: the evening-arrival day; M-SEVEN-DAYS: the last day).
    pub waivable: Vec<(u32, Measure)>,
}

/// A nurse–family–day combination that may carry care.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arc {
    /// Nurse index.
    pub nurse: u32,
    /// Family index.
    pub family: u32,
    /// Day index in the horizon.
    pub day: u32,
    /// Upper bound on hours for this visit.
    pub max_hours: u32,
    /// Distance between the nurse's and the family's home in km (one way).
    pub km: f64,
    /// Measures a visit on this arc uses (M-OFFICE, M-KIO, M-LENDING, M-WAITLIST).
    pub measures: MeasureSet,
    /// Hours the previous plan gave this visit (re-planning; 0 = none).
    pub prev: u32,
    /// A keep lock pins the visit at `prev` hours.
    pub keep: bool,
    /// Care at the kraamcentrum (M-KRAAMCENTRUM) rather than at home: exactly
    /// [`FLOOR_PER_DAY`] hours, `km` 0 (the nurse's drive to the centre is
    /// counted once per centre day, [`NurseData::centre_km`]). Such arcs are
    /// in `arcs_by_family_day` but not in `arcs_by_nurse_day`: they are in
    /// [`Problem::centre_by_nurse_day`], so every row of a nurse's home day
    /// stays as it was.
    pub centre: bool,
}

/// The kraamcentrum as the engines see it (M-KRAAMCENTRUM).
#[derive(Debug, Clone, PartialEq)]
pub struct Centre {
    /// Families one nurse serves at the centre on a day.
    pub size: u32,
    /// Families at the centre on a day.
    pub beds: u32,
    /// A nurse's working hours on a centre day.
    pub hours: u32,
    /// Location `[lat, lon]`.
    pub location: [f64; 2],
    /// Index of the provider whose nurses staff it; `None` = any contracted provider.
    pub provider: Option<u32>,
}

/// One partus-pool shift to staff (per provider share in scope `provider`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSlot {
    /// Day index.
    pub day: u32,
    /// Which shift.
    pub shift: Shift,
    /// The provider whose share this is; `None` for a regional pool.
    pub provider: Option<u32>,
    /// Nurses required on call.
    pub required: u32,
    /// The region's minimum on call for this slot (POOL-MIN, level 0):
    /// `min(min_on_call, required)`, 0 without a minimum.
    pub minimum: u32,
}

/// An ISO week that overlaps the horizon.
#[derive(Debug, Clone)]
pub struct Week {
    /// `YYYY-Www`.
    pub key: String,
    /// Weeks after the first week (0 = the week containing `start`).
    pub offset: u32,
    /// Day indices of the horizon inside this week.
    pub days: std::ops::Range<usize>,
    /// All seven days lie in the horizon.
    pub full: bool,
}

/// Why a scenario cannot be turned into a problem (validation catches these first).
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// A reference that validation should have caught.
    #[error("{0} — run `kraamplan validate` for the full list")]
    Reference(String),
}

/// The indexed problem.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Scenario name.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Dates of the horizon.
    pub dates: Vec<NaiveDate>,
    /// Resolved rule parameters.
    pub params: Params,
    /// Provider ids by index.
    pub providers: Vec<String>,
    /// Nurses by index.
    pub nurses: Vec<NurseData>,
    /// Families by index.
    pub families: Vec<FamilyData>,
    /// Nurse × day: may work (AVAIL).
    pub available: Array2<bool>,
    /// Family × day: home day of the episode.
    pub home_day: Array2<bool>,
    /// The sparse arcs.
    pub arcs: Vec<Arc>,
    /// Arc indices per nurse and day.
    pub arcs_by_nurse_day: Vec<Vec<Vec<u32>>>,
    /// Arc indices per family and day.
    pub arcs_by_family_day: Vec<Vec<Vec<u32>>>,
    /// ISO weeks overlapping the horizon.
    pub weeks: Vec<Week>,
    /// Partus-pool shifts to staff (empty without a pool).
    pub slots: Vec<PoolSlot>,
    /// The pool's requirement table, for reporting (`None` without a pool).
    pub pool: Option<PoolTable>,
    /// What this run may use (the rung of the escalation ladder).
    pub perms: Permissions,
    /// The plan already communicated, when re-planning (`baseline.rs`).
    pub baseline: Option<baseline::Baseline>,
    /// The kraamcentrum, when the scenario has one and this run may use it.
    pub centre: Option<Centre>,
    /// Centre arc indices per nurse and day (M-KRAAMCENTRUM; empty without a centre).
    pub centre_by_nurse_day: Vec<Vec<Vec<u32>>>,
}

/// Required on-call nurses of a pool for every day and shift.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolTable {
    /// Each provider staffs its own share.
    pub provider_scope: bool,
    /// Required nurses per day and shift (day, evening, night), for the whole region.
    pub required: Vec<[u32; 3]>,
    /// Per provider: families with a home day in the horizon (the weights of the shares).
    pub weights: Vec<u32>,
    /// Offered load in Erlang when the requirement was derived with Erlang-B.
    pub erlang: Option<f64>,
    /// The region's minimum on call per shift (`partus_pool.min_on_call`, 0 = none).
    pub min_on_call: u32,
}

impl PoolTable {
    /// Shares of `required` per provider (scope `provider`), by largest remainder.
    pub fn shares(&self, t: usize, s: usize) -> Vec<u32> {
        crate::model::pool::split_largest_remainder(self.required[t][s], &self.weights)
    }

    /// The minimum on call of a slot (or pool row) requiring `required`:
    /// `min(min_on_call, required)` (POOL-MIN; a provider's share is its own slot).
    pub fn minimum(&self, required: u32) -> u32 {
        self.min_on_call.min(required)
    }
}

/// Up to this many families a nurse may serve on a day, the MILP models the
/// drive of combined care by pairs; above it, by the triangle bound through
/// her home (the pairs grow quadratically: 28 million rows on the XL ladder
/// scenario, where lending opens dozens of families to every nurse).
pub const EXACT_DRIVE_FAMILIES: usize = 8;

/// LIP daily profile weight of episode day `k` (front-loaded).
pub fn profile_weight(k: u32) -> f64 {
    (1.25 - 0.07 * k as f64).max(0.5)
}

impl Problem {
    /// Number of days in the horizon.
    pub fn days(&self) -> usize {
        self.dates.len()
    }

    /// Build the indexed problem from a (validated) scenario, with every
    /// measure the scenario allows (the region rung).
    pub fn build(s: &Scenario) -> Result<Problem, ModelError> {
        Self::build_with(s, Permissions::region(s))
    }

    /// Build the indexed problem for one rung of the escalation ladder.
    pub fn build_with(s: &Scenario, perms: Permissions) -> Result<Problem, ModelError> {
        let r = &s.rules;
        let params = Params {
            max_nurse_day: r.max_nurse_hours_per_day(),
            max_family_day: r.max_family_hours_per_day(),
            max_week: r.max_hours_per_week(),
            avg_4w: r.max_avg_hours_4w(),
            avg_16w: r.max_avg_hours_16w(),
            max_travel_km: r.max_travel_km(),
            rest_days: r.rest_days_between_episodes(),
            weekly_rest: r.weekly_rest(),
            oncall_hours: if r.oncall_counts_as_work() {
                crate::model::pool::SHIFT_HOURS
            } else {
                0
            },
            max_oncall_4w: r.max_oncall_days_4w(),
            min_visit: r.min_visit_hours(),
            travel_kmh: r.travel_kmh(),
            policy: r.policy(),
        };
        let days = s.days as usize;
        let dates: Vec<NaiveDate> = (0..days as i64).map(|t| add_days(s.start, t)).collect();
        let day_index = |d: NaiveDate| -> Option<usize> {
            let t = days_between(s.start, d);
            (0..days as i64).contains(&t).then_some(t as usize)
        };

        let providers: Vec<String> = s.providers.iter().map(|p| p.id.clone()).collect();
        let provider_idx: HashMap<&str, u32> = s
            .providers
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i as u32))
            .collect();
        let lookup_provider = |id: &str, owner: &str| {
            provider_idx
                .get(id)
                .copied()
                .ok_or_else(|| ModelError::Reference(format!("{owner}: unknown provider `{id}`")))
        };

        let mut nurses = Vec::with_capacity(s.nurses.len());
        let mut available = Array2::from_elem((s.nurses.len(), days), true);
        for (i, n) in s.nurses.iter().enumerate() {
            let mut worked_before = [false; 13];
            for d in n.history.worked.iter().chain(&n.history.oncall) {
                let back = days_between(*d, s.start);
                if (1..=13).contains(&back) {
                    worked_before[(back - 1) as usize] = true;
                }
            }
            let mut oncall_before = [false; 27];
            for d in &n.history.oncall {
                let back = days_between(*d, s.start);
                if (1..=27).contains(&back) {
                    oncall_before[(back - 1) as usize] = true;
                }
            }
            for d in &n.off {
                if let Some(t) = day_index(*d) {
                    available[[i, t]] = false;
                }
            }
            let provider = lookup_provider(&n.provider, &format!("nurse {}", n.id))?;
            let consent = MeasureSet::from_ids(&n.consent);
            let may = [Measure::Combined, Measure::ReducedRest, Measure::Flex]
                .into_iter()
                .filter(|&m| perms.per_provider[provider as usize].has(m))
                .filter(|&m| !m.needs_consent() || consent.has(m))
                .collect();
            nurses.push(NurseData {
                id: n.id.clone(),
                provider,
                contract_min: n.contract_min,
                contract_max: n.contract_max,
                current_week_hours: n.history.current_week_hours,
                past_weeks: n.history.weekly_hours.iter().rev().copied().collect(),
                worked_before,
                partus: n.partus && n.role == Role::Nurse,
                oncall_before,
                night_before: n.history.oncall_nights.contains(&add_days(s.start, -1)),
                role: n.role,
                may,
                prev_oncall: Vec::new(),
                keep_oncall: Vec::new(),
                centre_km: s
                    .kraamcentrum
                    .as_ref()
                    .map_or(0.0, |k| haversine_km(n.home, k.location)),
            });
        }
        let nurse_idx: HashMap<&str, u32> = s
            .nurses
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i as u32))
            .collect();

        let mut families = Vec::with_capacity(s.families.len());
        let mut home_day = Array2::from_elem((s.families.len(), days), false);
        for (i, f) in s.families.iter().enumerate() {
            let provider = match &f.provider {
                Some(p) => Some(lookup_provider(p, &format!("family {}", f.id))?),
                None => None,
            };
            let mut known_nurses = Vec::new();
            for k in &f.known_nurses {
                let idx = nurse_idx.get(k.as_str()).copied().ok_or_else(|| {
                    ModelError::Reference(format!("family {}: unknown known nurse `{k}`", f.id))
                })?;
                known_nurses.push(idx);
            }
            let ep = derive_episode(f, s.start, days, params.max_family_day);
            for (t, home) in ep.home_in_horizon.iter().enumerate() {
                home_day[[i, t]] = *home;
            }
            let family_measures = match provider {
                Some(pr) => perms.per_provider[pr as usize],
                None => perms.waitlist_measures,
            };
            let waivable = waivable_days(f, s.start, days, family_measures);
            families.push(FamilyData {
                id: f.id.clone(),
                provider,
                priority: f.priority,
                complexity: f.complexity,
                delivered_before: f.delivered_before,
                episode_floor: ep.episode_floor,
                indicated: ep.indicated,
                floor: ep.floor,
                cap: ep.cap,
                target: ep.target,
                care_start: f.care_start,
                known_nurses,
                home: f.home,
                waivable,
            });
        }

        let weeks = build_weeks(s.start, &dates);
        let mut p = Problem {
            name: s.name.clone(),
            start: s.start,
            dates,
            params,
            providers,
            nurses,
            families,
            available,
            home_day,
            arcs: Vec::new(),
            arcs_by_nurse_day: Vec::new(),
            arcs_by_family_day: Vec::new(),
            weeks,
            slots: Vec::new(),
            pool: None,
            perms,
            baseline: None,
            centre: None,
            centre_by_nurse_day: Vec::new(),
        };
        p.centre = s.kraamcentrum.as_ref().and_then(|k| {
            let provider = match &k.provider {
                Some(id) => Some(*provider_idx.get(id.as_str())?),
                None => None,
            };
            Some(Centre {
                size: k.size,
                beds: k.beds(),
                hours: k.hours_per_day(),
                location: k.location,
                provider,
            })
        });
        p.build_arcs(s);
        p.pool = s.partus_pool.as_ref().map(|pool| pool_table(pool, &p));
        p.slots = p.pool.as_ref().map(build_slots).unwrap_or_default();
        Ok(p)
    }

    /// The waived day of family `f` for measure `m`, if this run may waive one.
    pub fn waivable_day(&self, f: usize, m: Measure) -> Option<usize> {
        self.families[f]
            .waivable
            .iter()
            .find(|w| w.1 == m)
            .map(|w| w.0 as usize)
    }

    /// Travel hours between the homes of families `f` and `g` (M-COMBINED).
    pub fn between_hours(&self, f: usize, g: usize) -> f64 {
        haversine_km(self.families[f].home, self.families[g].home) / self.params.travel_kmh
    }

    /// Whether the MILP models the drive of nurse `n` on day `t` exactly, by
    /// one row per pair of her families (at most [`EXACT_DRIVE_FAMILIES`]
    /// families that day), or by the triangle bound through her home.
    pub fn exact_drive(&self, n: usize, t: usize) -> bool {
        self.families_within_reach(n, t) <= EXACT_DRIVE_FAMILIES
    }

    /// Number of different families nurse `n` may serve on day `t`.
    pub fn families_within_reach(&self, n: usize, t: usize) -> usize {
        let mut fams: Vec<u32> = self.arcs_by_nurse_day[n][t]
            .iter()
            .map(|&a| self.arcs[a as usize].family)
            .collect();
        fams.sort_unstable();
        fams.dedup();
        fams.len()
    }

    /// The drive between families `f` and `g` as the MILP counts it for
    /// nurse `n` on day `t`: exact, or `(km(n,f) + km(n,g)) / travel_kmh`,
    /// which is never less (triangle inequality of the great-circle distance).
    pub fn modelled_drive(&self, n: usize, t: usize, f: usize, g: usize) -> f64 {
        if self.exact_drive(n, t) {
            return self.between_hours(f, g);
        }
        let km = |fam: usize| {
            self.arcs_by_nurse_day[n][t]
                .iter()
                .map(|&a| &self.arcs[a as usize])
                .find(|a| a.family as usize == fam)
                .map_or(0.0, |a| a.km)
        };
        (km(f) + km(g)) / self.params.travel_kmh
    }

    /// Home days of family `f` inside the horizon.
    pub fn home_days(&self, f: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.days()).filter(move |&t| self.home_day[[f, t]])
    }

    /// Weight `W = 1 + Σ floor` of a family below the floor in the level-1
    /// objective `W·B + S`: larger than any total shortfall, so one family
    /// fewer below the floor outweighs every hour. The certificate
    /// `⌈(LB − W + 1)/W⌉` relies on this same `W` everywhere.
    pub fn floor_weight(&self) -> f64 {
        1.0 + self.families.iter().map(|f| f.floor as f64).sum::<f64>()
    }

    /// Most hours all families together may receive in the horizon (their
    /// caps, and the family day maximum on each home day): a bound on level 4.
    pub fn hours_upper_bound(&self) -> u32 {
        (0..self.families.len())
            .map(|f| {
                self.families[f]
                    .cap
                    .min(self.params.max_family_day * self.home_days(f).count() as u32)
            })
            .sum()
    }

    /// Whether nurse `n` may be on call for `slot`: eligible, available, of
    /// the slot's provider in a provider-scope pool, and not on a day or
    /// evening shift of day 0 after a night before `start` (ATW-NIGHT-REST).
    pub fn can_be_on_call(&self, n: usize, slot: &PoolSlot) -> bool {
        let nurse = &self.nurses[n];
        nurse.partus
            && self.available[[n, slot.day as usize]]
            && slot.provider.is_none_or(|p| p == nurse.provider)
            && !(nurse.night_before && slot.day == 0 && slot.shift != Shift::Night)
    }

    /// Whether nurse `n` has any arc on day `t` (at home or at the centre).
    pub fn can_work(&self, n: usize, t: usize) -> bool {
        !self.arcs_by_nurse_day[n][t].is_empty() || self.can_staff_centre(n, t)
    }

    /// Whether nurse `n` has centre arcs on day `t` (M-KRAAMCENTRUM).
    pub fn can_staff_centre(&self, n: usize, t: usize) -> bool {
        self.centre_by_nurse_day
            .get(n)
            .is_some_and(|days| !days[t].is_empty())
    }

    /// Centre arcs of nurse `n` on day `t` (empty without a centre).
    pub fn centre_arcs(&self, n: usize, t: usize) -> &[u32] {
        self.centre_by_nurse_day
            .get(n)
            .map_or(&[], |days| days[t].as_slice())
    }

    /// Working hours of a centre day (0 without a centre).
    pub fn centre_hours(&self) -> u32 {
        self.centre.as_ref().map_or(0, |c| c.hours)
    }

    /// Hours of nurse `n` in the week `offset` weeks before the first week
    /// (`offset ≥ 1`), from history; 0 where none is given.
    pub fn past_week_hours(&self, n: usize, offset: u32) -> u32 {
        let nurse = &self.nurses[n];
        nurse
            .past_weeks
            .get(offset as usize - 1)
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
