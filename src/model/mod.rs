//! The indexed planning problem: dense `u32` ids, per-day arrays, derived
//! floors and the sparse set of nurse–family–day arcs that can occur.
//!
//! Built once from a [`Scenario`]; engines read only this. Every derived
//! number follows `models/semantics.md`.

use std::collections::HashMap;

use chrono::NaiveDate;
use ndarray::Array2;

use crate::calendar::{add_days, days_between, monday_of, week_key, weeks_between};
use crate::geo::haversine_km;
use crate::measures::{Measure, MeasureSet, Permissions};
use crate::scenario::{Arrival, Complexity, Role, Scenario, Shift};

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
    /// Role (ROLE).
    pub role: Role,
    /// Nurse-level measures this run lets her use (M-COMBINED, M-REDUCED-REST,
    /// M-FLEX): allowed for her provider on this rung, and consented where needed.
    pub may: MeasureSet,
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
}

impl PoolTable {
    /// Shares of `required` per provider (scope `provider`), by largest remainder.
    pub fn shares(&self, t: usize, s: usize) -> Vec<u32> {
        crate::pool::split_largest_remainder(self.required[t][s], &self.weights)
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
                crate::pool::SHIFT_HOURS
            } else {
                0
            },
            max_oncall_4w: r.max_oncall_days_4w(),
            min_visit: r.min_visit_hours(),
            travel_kmh: r.travel_kmh(),
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
                role: n.role,
                may,
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
        };
        p.build_arcs(s);
        p.pool = s.partus_pool.as_ref().map(|pool| pool_table(pool, &p));
        p.slots = p.pool.as_ref().map(build_slots).unwrap_or_default();
        Ok(p)
    }

    /// The sparse arc set: a nurse the family's provider may send (its own,
    /// or another's under M-LENDING / M-WAITLIST), a role the rung allows
    /// (M-KIO at low complexity, M-OFFICE), an available nurse, a home day
    /// of the episode and a distance within `max_travel_km`. Every rule that
    /// only removes combinations is enforced here rather than as rows.
    fn build_arcs(&mut self, s: &Scenario) {
        let days = self.days();
        let max_hours = self.params.max_family_day.min(self.params.max_nurse_day);
        let mut arcs = Vec::new();
        if max_hours < self.params.min_visit {
            // No visit of the minimum length fits in a day (VISIT-MIN).
            self.set_arcs(arcs);
            return;
        }
        for (fi, f) in self.families.iter().enumerate() {
            for (ni, n) in self.nurses.iter().enumerate() {
                let Some(measures) = self.arc_measures(s, n, f) else {
                    continue;
                };
                let km = haversine_km(s.nurses[ni].home, s.families[fi].home);
                if km > self.params.max_travel_km {
                    continue;
                }
                for t in 0..days {
                    if self.home_day[[fi, t]] && self.available[[ni, t]] {
                        arcs.push(Arc {
                            nurse: ni as u32,
                            family: fi as u32,
                            day: t as u32,
                            max_hours,
                            km,
                            measures,
                        });
                    }
                }
            }
        }
        self.set_arcs(arcs);
    }

    /// The measures a visit of nurse `n` at family `f` needs, or `None` when
    /// this rung does not allow it at all (provider boundary, ROLE).
    fn arc_measures(&self, s: &Scenario, n: &NurseData, f: &FamilyData) -> Option<MeasureSet> {
        let np = n.provider as usize;
        let may = self.perms.per_provider[np];
        let nurse_provider = &s.providers[np];
        let mut used = MeasureSet::NONE;
        match f.provider {
            Some(fp) if fp == n.provider => {}
            Some(fp) => {
                let lend = may.has(Measure::Lending)
                    && nurse_provider.ksv_member
                    && s.providers[fp as usize].ksv_member;
                if lend {
                    used = used.with(Measure::Lending);
                } else if may.has(Measure::Waitlist)
                    && nurse_provider.contracted
                    && self.perms.waitlisted[fp as usize]
                {
                    used = used.with(Measure::Waitlist);
                } else {
                    return None;
                }
            }
            None => {
                if !(may.has(Measure::Waitlist) && nurse_provider.contracted) {
                    return None;
                }
                used = used.with(Measure::Waitlist);
            }
        }
        match n.role {
            Role::Nurse => {}
            Role::Kio if may.has(Measure::Kio) && f.complexity == Complexity::Low => {
                used = used.with(Measure::Kio);
            }
            Role::OfficeQualified if may.has(Measure::Office) => {
                used = used.with(Measure::Office);
            }
            _ => return None,
        }
        Some(used)
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

    /// Whether nurse `n` may be on call for `slot`: eligible, available, and
    /// of the slot's provider in a provider-scope pool.
    pub fn can_be_on_call(&self, n: usize, slot: &PoolSlot) -> bool {
        let nurse = &self.nurses[n];
        nurse.partus
            && self.available[[n, slot.day as usize]]
            && slot.provider.is_none_or(|p| p == nurse.provider)
    }

    /// Whether nurse `n` has any arc on day `t`.
    pub fn can_work(&self, n: usize, t: usize) -> bool {
        !self.arcs_by_nurse_day[n][t].is_empty()
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

/// Derived quantities of one episode (see `models/semantics.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    /// Per horizon day: a home day of the episode.
    pub home_in_horizon: Vec<bool>,
    /// CARE-MIN-TOTAL of the episode.
    pub episode_floor: u32,
    /// Indication after the hospital deduction.
    pub indicated: u32,
    /// Floor inside the horizon.
    pub floor: u32,
    /// Cap inside the horizon.
    pub cap: u32,
    /// Share of the indication falling in the horizon.
    pub target: f64,
}

/// CARE-MIN-TOTAL of an episode with `n_home` home days and `hospital_days`
/// distinct hospital dates inside it (`models/semantics.md`, Episode): 24 h,
/// or 3 h a home day when that is more; with hospital days 3 h a home day but
/// never below 10 h; capped at what the home days can hold; 0 without home days.
pub fn episode_floor(n_home: u32, hospital_days: u32, max_family_day: u32) -> u32 {
    if n_home == 0 {
        return 0;
    }
    let least = if hospital_days == 0 {
        FLOOR_EPISODE
    } else {
        FLOOR_MIN_TOTAL
    };
    (FLOOR_PER_DAY * n_home)
        .max(least)
        .min(max_family_day * n_home)
}

/// Derive floor, indication, cap and target of a family's episode.
pub fn derive_episode(
    f: &crate::scenario::Family,
    start: NaiveDate,
    days: usize,
    max_family_day: u32,
) -> Episode {
    let mut home_in_horizon = vec![false; days];
    let (mut n_home, mut inside, mut after) = (0u32, 0u32, 0u32);
    let mut weight_total = 0.0;
    let mut weight_inside = 0.0;
    for k in 0..f.care_days {
        let d = add_days(f.care_start, k as i64);
        if f.hospital.contains(&d) {
            continue;
        }
        n_home += 1;
        let w = profile_weight(k);
        weight_total += w;
        let t = days_between(start, d);
        // Home days before the horizon count only in `n_home`.
        if (0..days as i64).contains(&t) {
            inside += 1;
            weight_inside += w;
            home_in_horizon[t as usize] = true;
        } else if t >= days as i64 {
            after += 1;
        }
    }
    let hospital_days = f.care_days - n_home;
    let episode_floor = episode_floor(n_home, hospital_days, max_family_day);
    let indicated = f
        .indicated_hours
        .saturating_sub(HOSPITAL_DEDUCTION * hospital_days)
        .max(episode_floor);
    let floor = if inside == 0 {
        0
    } else {
        (FLOOR_PER_DAY * inside).max(
            episode_floor
                .saturating_sub(f.delivered_before)
                .saturating_sub(FLOOR_PER_DAY * after),
        )
    };
    let cap = indicated
        .saturating_sub(f.delivered_before)
        .saturating_sub(FLOOR_PER_DAY * after);
    let target = if inside == 0 || weight_total == 0.0 {
        0.0
    } else {
        (indicated as f64 * weight_inside / weight_total)
            .min(cap as f64)
            .min((max_family_day * inside) as f64)
    };
    Episode {
        home_in_horizon,
        episode_floor,
        indicated,
        floor,
        cap,
        target,
    }
}

/// Days of an episode that a measure may leave without care
/// (`models/semantics.md`, Measures): the first home day of an evening
/// arrival (M-NO-STARTUP) and the last episode day (M-SEVEN-DAYS, with at
/// least two home days), each only inside the horizon and when `measures`
/// allows it.
pub fn waivable_days(
    f: &crate::scenario::Family,
    start: NaiveDate,
    days: usize,
    measures: MeasureSet,
) -> Vec<(u32, Measure)> {
    let home: Vec<NaiveDate> = (0..f.care_days as i64)
        .map(|k| add_days(f.care_start, k))
        .filter(|d| !f.hospital.contains(d))
        .collect();
    let in_horizon = |d: NaiveDate| {
        let t = days_between(start, d);
        (0..days as i64).contains(&t).then_some(t as u32)
    };
    let mut out = Vec::new();
    if measures.has(Measure::NoStartup) && f.arrival == Arrival::Evening {
        if let Some(t) = home.first().and_then(|&d| in_horizon(d)) {
            out.push((t, Measure::NoStartup));
        }
    }
    let last = add_days(f.care_start, f.care_days as i64 - 1);
    if measures.has(Measure::SevenDays) && home.len() >= 2 && home.last() == Some(&last) {
        if let Some(t) = in_horizon(last) {
            out.push((t, Measure::SevenDays));
        }
    }
    out
}

/// The requirement table of a pool (`models/semantics.md`, Partus pool).
fn pool_table(pool: &crate::scenario::PartusPool, p: &Problem) -> PoolTable {
    let mut weights = vec![0u32; p.providers.len()];
    for (f, fam) in p.families.iter().enumerate() {
        if let (Some(pr), true) = (fam.provider, p.home_days(f).next().is_some()) {
            weights[pr as usize] += 1;
        }
    }
    let required = (0..p.days())
        .map(|t| crate::pool::SHIFTS.map(|shift| crate::pool::required(pool, p.start, t, shift)))
        .collect();
    PoolTable {
        provider_scope: crate::pool::is_provider_scope(pool),
        required,
        weights,
        erlang: crate::pool::offered_load(pool),
    }
}

/// The pool shifts to staff: one per date and shift in a regional pool, one
/// per date, shift and provider share in a provider-scope pool; shifts that
/// need nobody are left out.
fn build_slots(table: &PoolTable) -> Vec<PoolSlot> {
    let mut slots = Vec::new();
    for (t, day) in table.required.iter().enumerate() {
        for (s, &required) in day.iter().enumerate() {
            let shift = crate::pool::SHIFTS[s];
            if required == 0 {
                continue;
            }
            if table.provider_scope {
                for (pr, &share) in table.shares(t, s).iter().enumerate() {
                    if share > 0 {
                        slots.push(PoolSlot {
                            day: t as u32,
                            shift,
                            provider: Some(pr as u32),
                            required: share,
                        });
                    }
                }
            } else {
                slots.push(PoolSlot {
                    day: t as u32,
                    shift,
                    provider: None,
                    required,
                });
            }
        }
    }
    slots
}

fn build_weeks(start: NaiveDate, dates: &[NaiveDate]) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    for (t, d) in dates.iter().enumerate() {
        let key = week_key(*d);
        match weeks.last_mut() {
            Some(w) if w.key == key => w.days.end = t + 1,
            _ => weeks.push(Week {
                key,
                offset: weeks_between(start, *d) as u32,
                days: t..t + 1,
                full: false,
            }),
        }
    }
    for w in &mut weeks {
        w.full = w.days.len() == 7 && monday_of(dates[w.days.start]) == dates[w.days.start];
    }
    weeks
}

#[cfg(test)]
mod tests;

/// What an engine decides: hours on every arc and the on-call shifts
/// (`oncall[n][t][s]`, shifts in the order day, evening, night).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Hours per arc.
    pub hours: Vec<u32>,
    /// On call per nurse, day and shift.
    pub oncall: Vec<Vec<[bool; 3]>>,
}

impl Assignment {
    /// No care and nobody on call.
    pub fn empty(p: &Problem) -> Self {
        Assignment {
            hours: vec![0; p.arcs.len()],
            oncall: vec![vec![[false; 3]; p.days()]; p.nurses.len()],
        }
    }
}

/// A part of the problem that shares no arc and no rule with the rest.
#[derive(Debug, Clone)]
pub struct Component {
    /// The sub-problem, re-indexed.
    pub problem: Problem,
    /// Original index of each nurse of the sub-problem.
    pub nurses: Vec<usize>,
    /// Original index of each family of the sub-problem.
    pub families: Vec<usize>,
}

impl Component {
    /// Copy the component's assignment into the whole problem's.
    pub fn lift(&self, whole: &Problem, part: &Assignment, into: &mut Assignment) {
        for (a, arc) in self.problem.arcs.iter().enumerate() {
            if part.hours[a] == 0 {
                continue;
            }
            let (n, f) = (
                self.nurses[arc.nurse as usize],
                self.families[arc.family as usize],
            );
            let global = whole.arcs_by_nurse_day[n][arc.day as usize]
                .iter()
                .find(|&&g| whole.arcs[g as usize].family as usize == f)
                .expect("a component's arc exists in the whole problem");
            into.hours[*global as usize] = part.hours[a];
        }
        for (i, &n) in self.nurses.iter().enumerate() {
            into.oncall[n] = part.oncall[i].clone();
        }
    }
}

impl Problem {
    /// Split into connected components of the graph whose edges are the arcs
    /// (nurse–family) and the pool eligibilities (nurse–pool shift).
    ///
    /// Every rule couples only arcs and shifts of one nurse, one family or one
    /// pool shift, so the components are independent, and because each
    /// objective level is a sum over families, shifts and nurses, the
    /// lexicographic optimum of the whole is the union of the components'
    /// optima. A regional pool joins every component with a partus nurse.
    /// Families and shifts nobody can serve are gathered in one component
    /// without nurses; nurses with neither arcs nor shifts drop out.
    pub fn components(&self) -> Vec<Component> {
        let (nn, nf, ns) = (self.nurses.len(), self.families.len(), self.slots.len());
        // Union-find over nurses 0..nn, families nn..nn+nf and shifts after them.
        let mut parent: Vec<usize> = (0..nn + nf + ns).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut join = |a: usize, b: usize| {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent[ra] = rb;
            }
        };
        for arc in &self.arcs {
            join(arc.nurse as usize, nn + arc.family as usize);
        }
        for (k, slot) in self.slots.iter().enumerate() {
            for n in 0..nn {
                if self.can_be_on_call(n, slot) {
                    join(n, nn + nf + k);
                }
            }
        }
        type Group = (Vec<usize>, Vec<usize>, Vec<usize>);
        let mut groups: std::collections::BTreeMap<usize, Group> = Default::default();
        for i in 0..nn + nf + ns {
            let g = groups.entry(root(&mut parent, i)).or_default();
            match i {
                i if i < nn => g.0.push(i),
                i if i < nn + nf => g.1.push(i - nn),
                i => g.2.push(i - nn - nf),
            }
        }
        let mut parts = Vec::new();
        let mut idle: Group = Default::default();
        for (nurses, families, slots) in groups.into_values() {
            if nurses.is_empty() {
                idle.1.extend(families);
                idle.2.extend(slots);
            } else if !families.is_empty() || !slots.is_empty() {
                parts.push((nurses, families, slots));
            }
        }
        if !idle.1.is_empty() || !idle.2.is_empty() {
            idle.1.sort_unstable();
            idle.2.sort_unstable();
            parts.push(idle);
        }
        parts
            .into_iter()
            .map(|(nurses, families, slots)| self.restrict(nurses, families, slots))
            .collect()
    }

    /// The sub-problem on the given nurses, families and pool shifts (all their arcs).
    fn restrict(&self, nurses: Vec<usize>, families: Vec<usize>, slots: Vec<usize>) -> Component {
        let mut nurse_new = vec![u32::MAX; self.nurses.len()];
        for (i, &n) in nurses.iter().enumerate() {
            nurse_new[n] = i as u32;
        }
        let mut family_new = vec![u32::MAX; self.families.len()];
        for (i, &f) in families.iter().enumerate() {
            family_new[f] = i as u32;
        }
        let sub_families = families
            .iter()
            .map(|&f| {
                let mut fam = self.families[f].clone();
                fam.known_nurses = fam
                    .known_nurses
                    .iter()
                    .filter_map(|&n| Some(nurse_new[n as usize]).filter(|&m| m != u32::MAX))
                    .collect();
                fam
            })
            .collect();
        let arcs: Vec<Arc> = self
            .arcs
            .iter()
            .filter(|a| {
                nurse_new[a.nurse as usize] != u32::MAX && family_new[a.family as usize] != u32::MAX
            })
            .map(|a| Arc {
                nurse: nurse_new[a.nurse as usize],
                family: family_new[a.family as usize],
                ..*a
            })
            .collect();
        let mut problem = Problem {
            name: self.name.clone(),
            start: self.start,
            dates: self.dates.clone(),
            params: self.params.clone(),
            providers: self.providers.clone(),
            nurses: nurses.iter().map(|&n| self.nurses[n].clone()).collect(),
            families: sub_families,
            available: self.available.select(ndarray::Axis(0), &nurses),
            home_day: self.home_day.select(ndarray::Axis(0), &families),
            arcs: Vec::new(),
            arcs_by_nurse_day: Vec::new(),
            arcs_by_family_day: Vec::new(),
            weeks: self.weeks.clone(),
            slots: slots.iter().map(|&k| self.slots[k]).collect(),
            pool: self.pool.clone(),
            perms: self.perms.clone(),
        };
        problem.set_arcs(arcs);
        Component {
            problem,
            nurses,
            families,
        }
    }

    /// Install the arc list and its indexes.
    fn set_arcs(&mut self, arcs: Vec<Arc>) {
        let days = self.days();
        let mut by_nd = vec![vec![Vec::new(); days]; self.nurses.len()];
        let mut by_fd = vec![vec![Vec::new(); days]; self.families.len()];
        for (a, arc) in arcs.iter().enumerate() {
            by_nd[arc.nurse as usize][arc.day as usize].push(a as u32);
            by_fd[arc.family as usize][arc.day as usize].push(a as u32);
        }
        self.arcs = arcs;
        self.arcs_by_nurse_day = by_nd;
        self.arcs_by_family_day = by_fd;
    }
}
