//! Deterministic generator of realistic scenarios (`kraamplan/scenario@1`).
//!
//! [`generate`] turns a few regional figures ([`GenParams`]: births a year,
//! providers, staffing level, sick leave, horizon, seed) into a complete
//! scenario whose volumes follow `models/rules.md` ("Volumes"):
//! - births as a Poisson process with a late-summer peak and fewer births at
//!   weekends; families whose episode began up to 7 days before `start`
//!   (with `delivered_before` near their LIP profile so far, sometimes below
//!   the floor, and 1–2 `known_nurses`) and expected births in the horizon;
//!   ~70 % second-line births, a third of them with 1–3 hospital days at the
//!   start of the episode; indications around 45 h (bottle) / 49 h (breast);
//! - one big provider, smaller ones and freelancers; part-time nurses
//!   (contracts 24–36 h, minimum from 16 h), a few KIO / office staff, about
//!   two days off a week, sickness, and a history (16 weeks of hours, 4 weeks
//!   of worked and on-call dates) that keeps a free day in every 7 days;
//! - homes in a region about 40 km across around Utrecht, nurses and
//!   families of a provider within ~24 km of each other;
//! - a regional partus pool from the expected partus assistance per day;
//! - with [`GenParams::bookings_days`], bookings for `forecast`: a `due` date
//!   for every expected birth in the horizon (birth − due ~ N(0, 9 days),
//!   at most 14 days: induction by 42 weeks) and the births of the days
//!   after the horizon as families with a `due` date (see [`add_bookings`]).
//!
//! Families are given to providers so that, day by day, every provider has
//! about the same ratio of available nurses to families at home, and each
//! provider's days off are then evened out against its families, as a
//! planner would. [`capacity_summary`] prints these ratios and the hours, to
//! tune scarcity.
//!
//! The random stream is `ChaCha8Rng::seed_from_u64(seed)` (waiting list and
//! bookings draw from streams of their own, so that switching them on leaves
//! every other draw as it was) and only integers and rounded values reach
//! the file, so the same parameters give the same file everywhere; `scenarios/default.json` is checked against it by a test
//! (rewrite it with `KRAAMPLAN_BLESS=1` after changing the generator).

use std::collections::HashSet;
use std::f64::consts::PI;

use chrono::{Datelike, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal, Poisson};

use crate::calendar::{add_days, days_between, monday_of};
use crate::geo::haversine_km;
use crate::model::episode_floor;
use crate::scenario::{
    Arrival, Complexity, Family, History, Nurse, PartusPool, PoolScope, Provider, Role, Rules,
    Scenario, SCENARIO_FORMAT,
};

/// Centre `[lat, lon]` of the generated region (around Utrecht).
const REGION_CENTRE: [f64; 2] = [52.1, 5.1];
/// Radius of the region in km (the region is about 40 km across).
const REGION_RADIUS_KM: f64 = 20.0;
/// Kilometres per degree of latitude.
const KM_PER_DEG_LAT: f64 = 111.2;
/// Nurses live within this distance of their provider's centre.
const NURSE_RADIUS_KM: f64 = 10.0;
/// Families live within this distance of their provider's centre, so that
/// nurse and family are at most ~24 km apart (`max_travel_km` is 25).
const FAMILY_RADIUS_KM: f64 = 13.0;
/// Maximum travel distance written into the rules (km).
const MAX_TRAVEL_KM: f64 = 25.0;
/// Episode length in days (LIP standard).
const CARE_DAYS: u32 = 8;
/// Days before `start` on which an episode still under way may have begun.
const UNDER_WAY_DAYS: i64 = CARE_DAYS as i64 - 1;
/// Share of births at home (13–15 %).
const HOME_BIRTH_SHARE: f64 = 0.14;
/// Share of births in second-line (medical) care.
const SECOND_LINE_SHARE: f64 = 0.70;
/// Share of second-line births that keep the family in hospital 1–3 days.
const HOSPITAL_STAY_SHARE: f64 = 0.35;
/// Share of short-stay (first-line, poliklinische) births that need partus
/// assistance, as a share of all births (about half of ~16 %).
const SHORT_STAY_PA_SHARE: f64 = 0.08;
/// Share of mothers breastfeeding (indication centred on 49 h instead of 45 h).
const BREASTFEEDING_SHARE: f64 = 0.75;
/// Relative amplitude of the seasonal birth pattern (peak in late August).
const SEASON_AMPLITUDE: f64 = 0.04;
/// Day of the year of the birth peak (late August).
const SEASON_PEAK_DAY: f64 = 235.0;
/// Relative number of births Monday … Sunday (planned births avoid weekends).
const WEEKDAY_FACTOR: [f64; 7] = [1.05, 1.07, 1.06, 1.05, 1.05, 0.87, 0.85];
/// Regions with fewer births a year share a partus pool with their
/// neighbours: [`generate`] then writes no pool (Erlang-B would ask for two
/// on-call nurses per shift for a handful of calls a week).
const MIN_POOL_BIRTHS: u32 = 1000;
/// Provider names, in order of size.
const PROVIDER_NAMES: &[&str] = &[
    "Kraamzorg De Wieg",
    "Kraamzorg Het Nest",
    "Kraamzorg Ooievaar",
    "Kraamzorg De Linde",
    "Kraamzorg Zonnedauw",
    "Kraamzorg Rivierenland",
    "Kraamzorg Heuvelrug",
    "Kraamzorg Lekstroom",
];

/// Parameters of [`generate`].
#[derive(Debug, Clone, PartialEq)]
pub struct GenParams {
    /// Scenario name shown in reports.
    pub name: String,
    /// Live births a year in the region (a KSV has roughly 2,000–10,000);
    /// below 1,000 no partus pool is written (the region shares one).
    pub births_per_year: u32,
    /// Providers besides the freelancers: the first is big, the others
    /// smaller (sizes in proportion 1 : ½ : ⅓ : ¼ …).
    pub providers: u32,
    /// Freelancers (zzp), each a provider of one nurse (`freelancer: true`).
    pub freelancers: u32,
    /// First day of the horizon.
    pub start: NaiveDate,
    /// Days in the horizon (1–42).
    pub days: u32,
    /// Share of nurses sick during part or all of the horizon (about 0.10).
    pub sick: f64,
    /// Seed of the random stream: the same parameters give the same scenario.
    pub seed: u64,
    /// Staffing level: nurses on the providers' roster in the horizon per 100
    /// births a year (freelancers come on top). Nationally there are about
    /// 5.5 nurses per 100 births (9,000 for 164k) where ~6.7 are needed; in a
    /// summer week a quarter of them are on holiday and not on the roster,
    /// hence a default of 3.8.
    pub nurses_per_100_births: f64,
    /// Measures (`M-…`) the scenario allows.
    pub measures: Vec<String>,
    /// Share of the expected births (care starting in the horizon) that no
    /// provider could enrol: on the regional waiting list (`provider: null`).
    pub waitlist: f64,
    /// Days after the horizon whose births are written as *bookings* for
    /// `forecast` (default 0: none). When positive, every expected birth in
    /// the horizon gets a `due` date, and the births of these days are added
    /// as families with a `due` date and `care_start` after the horizon.
    pub bookings_days: u32,
}

impl Default for GenParams {
    /// A mid-size KSV in a summer week: 2,000 births a year, four providers
    /// and a freelancer, about 77 nurses and 80 families, the week starting
    /// Monday 2026-07-20, 10 % sick, tier-1 measures that need no change of
    /// the care episode (combined care, lending, flexibility).
    fn default() -> Self {
        GenParams {
            name: "KSV Midden (generated), week 30 2026".to_string(),
            births_per_year: 2000,
            providers: 4,
            freelancers: 1,
            start: NaiveDate::from_ymd_opt(2026, 7, 20).expect("valid date"),
            days: 7,
            sick: 0.10,
            // Births vary from week to week as a Poisson process; seed 11
            // gives a week of average size (80 families) where every
            // provider is tight but can reach the floor on every day.
            seed: 11,
            nurses_per_100_births: 3.8,
            measures: ["M-COMBINED", "M-LENDING", "M-FLEX"]
                .iter()
                .map(|m| m.to_string())
                .collect(),
            waitlist: 0.0,
            bookings_days: 0,
        }
    }
}

/// Largest `births_per_year` (the Netherlands has about 165,000 births a year).
pub const MAX_BIRTHS_PER_YEAR: u32 = 200_000;
/// Largest `providers`.
pub const MAX_PROVIDERS: u32 = 100;
/// Largest `freelancers`.
pub const MAX_FREELANCERS: u32 = 1000;
/// Largest `nurses_per_100_births` (3.8 in a summer week, 5.5 nationally).
pub const MAX_NURSES_PER_100_BIRTHS: f64 = 20.0;
/// Largest `bookings_days`.
pub const MAX_BOOKINGS_DAYS: u32 = 366;
/// ISO years of the horizon start: the history before it and the bookings
/// after it stay within the supported dates (`crate::limits`, 1900–2200).
pub const WEEK_YEARS: (i32, i32) = (1901, 2198);

impl GenParams {
    /// Every argument out of its range, one message each naming the
    /// `generate` flag, the value and the range (the ranges `validate`
    /// accepts where it has one, e.g. `--days` 1–42).
    pub fn check(&self) -> Vec<String> {
        let mut bad = Vec::new();
        let mut int = |flag: &str, v: u32, (lo, hi): (u32, u32), what: &str, example: u32| {
            if !(lo..=hi).contains(&v) {
                bad.push(format!(
                    "{flag} {v}: give {what} from {lo} to {hi}, e.g. {flag} {example}"
                ));
            }
        };
        let d = GenParams::default();
        int(
            "--births-per-year",
            self.births_per_year,
            (1, MAX_BIRTHS_PER_YEAR),
            "live births a year in the region",
            4000,
        );
        int(
            "--providers",
            self.providers,
            (0, MAX_PROVIDERS),
            "a number of providers",
            d.providers,
        );
        int(
            "--freelancers",
            self.freelancers,
            (0, MAX_FREELANCERS),
            "a number of freelancers",
            d.freelancers,
        );
        int(
            "--days",
            self.days,
            (1, crate::validate::MAX_DAYS),
            "days in the horizon (the horizons `validate` accepts)",
            d.days,
        );
        int(
            "--bookings",
            self.bookings_days,
            (0, MAX_BOOKINGS_DAYS),
            "days of bookings after the horizon",
            28,
        );
        if self.providers == 0 && self.freelancers == 0 {
            bad.push(
                "--providers 0 --freelancers 0: give at least one provider or freelancer".into(),
            );
        }
        let mut share = |flag: &str, v: f64, example: &str| {
            if !(0.0..=1.0).contains(&v) {
                bad.push(format!(
                    "{flag} {v}: give a share from 0 to 1, e.g. {flag} {example}"
                ));
            }
        };
        share("--sick", self.sick, "0.1");
        share("--waitlist", self.waitlist, "0.05");
        let staff = self.nurses_per_100_births;
        if !(staff > 0.0 && staff <= MAX_NURSES_PER_100_BIRTHS) {
            bad.push(format!(
                "--nurses-per-100-births {staff}: give a number above 0 and at most {MAX_NURSES_PER_100_BIRTHS}, e.g. --nurses-per-100-births 3.8"
            ));
        }
        let year = self.start.iso_week().year();
        let (lo, hi) = WEEK_YEARS;
        if !(lo..=hi).contains(&year) {
            bad.push(format!(
                "--week {year:04}-W{:02}: give a week of the years {lo}–{hi} (scenario dates lie in {}–{}), e.g. --week 2026-W30",
                self.start.iso_week().week(),
                crate::limits::FIRST_YEAR,
                crate::limits::LAST_YEAR
            ));
        }
        bad
    }
}

/// Every measure of `models/rules.md`, for the colour scenarios that may need them.
fn all_measures() -> Vec<String> {
    crate::scenario::MEASURE_IDS
        .iter()
        .map(|m| m.to_string())
        .collect()
}

/// The four bundled colour scenarios (`scenarios/colours/`), one per colour
/// code: small regions (two providers and a freelancer, 13–21 families),
/// each solved to its colour by a test and shown in the README.
pub fn colour_scenarios() -> Vec<(&'static str, GenParams)> {
    // A scarce summer week: 500 births a year, 2.6 nurses on the roster per
    // 100 births, 15 % sick; the seed decides how the births fall.
    let scarce = |name: &str, seed| GenParams {
        name: name.to_string(),
        births_per_year: 500,
        providers: 2,
        freelancers: 1,
        sick: 0.15,
        seed,
        nurses_per_100_births: 2.6,
        measures: all_measures(),
        ..GenParams::default()
    };
    vec![
        (
            "scenarios/colours/groen.json",
            // A winter week with ample staff: no measures allowed or needed.
            GenParams {
                name: "KSV Klein groen (generated), week 6 2026".to_string(),
                births_per_year: 400,
                providers: 2,
                freelancers: 1,
                start: NaiveDate::from_ymd_opt(2026, 2, 2).expect("valid date"),
                sick: 0.05,
                seed: 1,
                nurses_per_100_births: 6.0,
                measures: Vec::new(),
                ..GenParams::default()
            },
        ),
        (
            "scenarios/colours/oranje.json",
            scarce("KSV Klein oranje (generated), week 30 2026", 2),
        ),
        (
            "scenarios/colours/rood.json",
            scarce("KSV Klein rood (generated), week 30 2026", 1),
        ),
        (
            "scenarios/colours/zwart.json",
            scarce("KSV Klein zwart (generated), week 30 2026", 3),
        ),
    ]
}

/// The benchmark ladder (`scenarios/ladder/`, issue "Scale"): S, M, L and XL
/// regions of the sizes the benchmarks target, generated for a summer week.
pub fn ladder_scenarios() -> Vec<(&'static str, GenParams)> {
    let rung = |name: &str, births, providers, freelancers, days, staff, seed| GenParams {
        name: name.to_string(),
        births_per_year: births,
        providers,
        freelancers,
        days,
        seed,
        nurses_per_100_births: staff,
        ..GenParams::default()
    };
    vec![
        (
            "scenarios/ladder/S.json",
            rung("Ladder S: 1 provider, 7 days", 300, 1, 0, 7, 3.8, 1),
        ),
        (
            "scenarios/ladder/M.json",
            rung("Ladder M: 4 providers, 7 days", 2000, 4, 1, 7, 3.8, 1),
        ),
        (
            "scenarios/ladder/L.json",
            rung("Ladder L: 8 providers, 14 days", 4000, 8, 2, 14, 5.4, 1),
        ),
        (
            "scenarios/ladder/XL.json",
            GenParams {
                measures: ["M-COMBINED", "M-LENDING", "M-FLEX", "M-WAITLIST"]
                    .iter()
                    .map(|m| m.to_string())
                    .collect(),
                waitlist: 0.05,
                ..rung(
                    "Ladder XL: 15 providers, 14 days, lending and waiting list",
                    7300,
                    15,
                    3,
                    14,
                    7.3,
                    1,
                )
            },
        ),
    ]
}

/// Generate a scenario from `p`; deterministic in `p` (including the seed).
///
/// Ids are `P1…` (providers, freelancers last), `N001…` (nurses by provider)
/// and `F001…` (families by care start). No family is on the waiting list.
pub fn generate(p: &GenParams) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let days = p.days as usize;

    // Providers: one big, the others smaller, then the freelancers.
    let regular = (p.births_per_year as f64 * p.nurses_per_100_births / 100.0).round() as usize;
    let sizes = provider_sizes(regular, p.providers as usize);
    let mut providers = Vec::new();
    let mut centres = Vec::new();
    for (i, _) in sizes.iter().enumerate() {
        let spread = if i == 0 { 3.0 } else { 9.0 };
        centres.push(point_in_region(&mut rng, REGION_CENTRE, spread));
        providers.push(Provider {
            id: format!("P{}", i + 1),
            name: PROVIDER_NAMES
                .get(i)
                .map(|n| n.to_string())
                .unwrap_or_else(|| format!("Kraamzorg {}", i + 1)),
            contracted: true,
            ksv_member: true,
            freelancer: false,
        });
    }
    for k in 0..p.freelancers as usize {
        centres.push(point_in_region(&mut rng, REGION_CENTRE, 12.0));
        providers.push(Provider {
            id: format!("P{}", providers.len() + 1),
            name: format!("Zzp kraamverzorgende {}", k + 1),
            contracted: true,
            ksv_member: true,
            freelancer: true,
        });
    }
    let counts: Vec<usize> = sizes
        .iter()
        .copied()
        .chain(std::iter::repeat_n(1, p.freelancers as usize))
        .collect();

    // Nurses, with their availability in the horizon.
    let mut nurses = Vec::new();
    let mut rosters = Vec::new();
    let mut nurse_provider = Vec::new();
    let mut on_duty = vec![vec![0u32; days]; providers.len()];
    for (pi, &count) in counts.iter().enumerate() {
        let freelancer = providers[pi].freelancer;
        // Days off of the provider's nurses per weekday, to spread them evenly.
        let mut off_count = [0u32; 7];
        for _ in 0..count {
            let id = format!("N{:03}", nurses.len() + 1);
            let home = if freelancer {
                centres[pi]
            } else {
                point_in_region(&mut rng, centres[pi], NURSE_RADIUS_KM)
            };
            let (nurse, roster) = gen_nurse(
                &mut rng,
                p,
                id,
                &providers[pi].id,
                home,
                freelancer,
                &mut off_count,
            );
            if nurse.role == Role::Nurse {
                for (t, duty) in on_duty[pi].iter_mut().enumerate() {
                    *duty += u32::from(!roster.off(t));
                }
            }
            nurses.push(nurse);
            rosters.push(roster);
            nurse_provider.push(pi);
        }
    }

    // Births from a week before the horizon (episodes under way) to its end.
    let drafts = births(&mut rng, p, -UNDER_WAY_DAYS..days as i64);

    // Give families to providers so that, day by day, every provider gets
    // about the same ratio of families at home to available nurses.
    let mut owner = assign_providers(&mut rng, &drafts, &on_duty);

    // Even out each provider's roster against its families, then write the
    // days off and a history that fits them.
    for pi in 0..providers.len() {
        let mut homes = vec![0u32; days];
        for (b, o) in drafts.iter().zip(&owner) {
            if *o == Some(pi) {
                for &t in &b.home_days {
                    homes[t] += 1;
                }
            }
        }
        let mut own: Vec<&mut Roster> = rosters
            .iter_mut()
            .zip(&nurse_provider)
            .zip(&nurses)
            .filter(|((_, &np), n)| np == pi && n.role == Role::Nurse)
            .map(|((r, _), _)| r)
            .collect();
        smooth_rosters(&mut rng, p.start, &mut own, &homes);
    }
    for (nurse, roster) in nurses.iter_mut().zip(&rosters) {
        finish_nurse(&mut rng, p.start, nurse, roster);
    }

    // Expected births no provider could enrol go to the waiting list; drawn
    // from a stream of their own so that the rest of the scenario stays the
    // same as without a waiting list.
    if p.waitlist > 0.0 {
        let mut list = ChaCha8Rng::seed_from_u64(p.seed ^ 0x5741_4954_4c49_5354);
        for (b, o) in drafts.iter().zip(owner.iter_mut()) {
            if b.care_start >= p.start && list.gen_bool(p.waitlist.clamp(0.0, 1.0)) {
                *o = None;
            }
        }
    }

    let mut families = Vec::new();
    for (draft, owner) in drafts.iter().zip(owner) {
        families.push(finish_family(
            &mut rng,
            p,
            draft,
            owner,
            &providers,
            &centres,
            &nurses,
            &nurse_provider,
        ));
    }
    // Stable order by care start; ids follow it.
    let mut order: Vec<usize> = (0..families.len()).collect();
    order.sort_by_key(|&i| families[i].care_start);
    let mut families: Vec<Family> = order.into_iter().map(|i| families[i].clone()).collect();
    for (i, f) in families.iter_mut().enumerate() {
        f.id = format!("F{:03}", i + 1);
    }
    if p.bookings_days > 0 {
        let world = World {
            providers: &providers,
            centres: &centres,
            nurses: &nurses,
            nurse_provider: &nurse_provider,
            on_duty: &on_duty,
        };
        add_bookings(p, &world, &mut families);
    }

    let mid = add_days(p.start, p.days as i64 / 2);
    let pa_per_day =
        births_per_day_seasonal(p.births_per_year, mid) * (HOME_BIRTH_SHARE + SHORT_STAY_PA_SHARE);
    let partus_pool = (p.births_per_year >= MIN_POOL_BIRTHS).then(|| PartusPool {
        scope: PoolScope::Regional,
        shifts: Vec::new(),
        expected_pa_per_day: Some((pa_per_day * 100.0).round() / 100.0),
        pa_hours: Some(4.0),
        max_blocking: Some(0.01),
    });

    Scenario {
        format: SCENARIO_FORMAT.to_string(),
        name: p.name.clone(),
        start: p.start,
        days: p.days,
        rules: Rules {
            max_nurse_hours_per_day: Some(10),
            max_family_hours_per_day: Some(8),
            max_hours_per_week: Some(60),
            max_travel_km: Some(MAX_TRAVEL_KM),
            travel_kmh: Some(30.0),
            rest_days_between_episodes: Some(0),
            ..Rules::default()
        },
        measures: p.measures.clone(),
        providers,
        nurses,
        families,
        partus_pool,
    }
}

/// Gestation: standard deviation of birth around the due date (40 weeks), days.
const DUE_SD_DAYS: f64 = 9.0;
/// Latest birth after the due date, days (induction by 42 weeks).
const INDUCTION_DAYS: i64 = 14;
/// Earliest birth before the due date that is written, days (the
/// validator's window, V-DUE).
const EARLIEST_BEFORE_DUE_DAYS: i64 = 42;

/// What [`add_bookings`] needs of the generated region.
struct World<'a> {
    providers: &'a [Provider],
    centres: &'a [[f64; 2]],
    nurses: &'a [Nurse],
    nurse_provider: &'a [usize],
    on_duty: &'a [Vec<u32>],
}

/// Bookings for `forecast` (when `p.bookings_days > 0`), from a stream of
/// their own (`seed ^ 0xB00C_1265`) so that every other draw stays the same:
/// 1. every expected birth in the horizon (`care_start >= start`) gets
///    `due = care_start − ε`, ε the rounded draw of N(0, 9 days), at most 14
///    (induction by 42 weeks) and at least −42;
/// 2. the births of the `bookings_days` days after the horizon, at the same
///    daily rate and with the same lines of care, indications, providers and
///    homes as the other families, become families with `care_start` on the
///    generator's birth day (after the horizon) and a `due` date drawn the
///    same way. Their ids continue the `F…` numbering (they start after every other
///    family, so the order by care start holds and no existing id changes).
fn add_bookings(p: &GenParams, w: &World, families: &mut Vec<Family>) {
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed ^ 0xB00C_1265);
    for f in families.iter_mut().filter(|f| f.care_start >= p.start) {
        f.due = Some(due_of(&mut rng, f.care_start));
    }
    let after = i64::from(p.days);
    let drafts = births(&mut rng, p, after..after + i64::from(p.bookings_days));
    let mut owner = assign_providers(&mut rng, &drafts, w.on_duty);
    if p.waitlist > 0.0 {
        for o in owner.iter_mut() {
            if rng.gen_bool(p.waitlist.clamp(0.0, 1.0)) {
                *o = None;
            }
        }
    }
    for (draft, owner) in drafts.iter().zip(owner) {
        let mut f = finish_family(
            &mut rng,
            p,
            draft,
            owner,
            w.providers,
            w.centres,
            w.nurses,
            w.nurse_provider,
        );
        f.due = Some(due_of(&mut rng, f.care_start));
        f.id = format!("F{:03}", families.len() + 1);
        families.push(f);
    }
}

/// A due date for a birth on `birth`: birth − due is a rounded N(0, 9 days)
/// draw, at most 14 days (induction by 42 weeks), at least −42.
fn due_of(rng: &mut ChaCha8Rng, birth: NaiveDate) -> NaiveDate {
    let e: f64 = Normal::new(0.0, DUE_SD_DAYS)
        .expect("valid normal")
        .sample(rng);
    let e = (e.round() as i64).clamp(-EARLIEST_BEFORE_DUE_DAYS, INDUCTION_DAYS);
    add_days(birth, -e)
}

/// Nurses per provider: sizes in proportion 1 : ½ : ⅓ …, largest remainder,
/// at least one nurse each when there are enough.
fn provider_sizes(total: usize, providers: usize) -> Vec<usize> {
    if providers == 0 {
        return Vec::new();
    }
    let weights: Vec<f64> = (0..providers).map(|i| 1.0 / (i + 1) as f64).collect();
    let sum: f64 = weights.iter().sum();
    let min = usize::from(total >= providers);
    let rest = total - min * providers;
    let exact: Vec<f64> = weights.iter().map(|w| w / sum * rest as f64).collect();
    let mut sizes: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut left = rest - sizes.iter().sum::<usize>();
    let mut by_remainder: Vec<usize> = (0..providers).collect();
    by_remainder.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in &by_remainder {
        if left == 0 {
            break;
        }
        sizes[i] += 1;
        left -= 1;
    }
    sizes.iter().map(|s| s + min).collect()
}

/// Expected births on `date` without the weekday pattern.
fn births_per_day_seasonal(births_per_year: u32, date: NaiveDate) -> f64 {
    let phase = 2.0 * PI * (date.ordinal() as f64 - SEASON_PEAK_DAY) / 365.25;
    births_per_year as f64 / 365.25 * (1.0 + SEASON_AMPLITUDE * phase.cos())
}

/// Expected births on `date`: seasonal level times the weekday pattern.
fn births_per_day(births_per_year: u32, date: NaiveDate) -> f64 {
    let weekday = date.weekday().num_days_from_monday() as usize;
    births_per_day_seasonal(births_per_year, date) * WEEKDAY_FACTOR[weekday]
}

/// Pick one value by weight.
fn pick<T: Copy>(rng: &mut ChaCha8Rng, table: &[(T, f64)]) -> T {
    let total: f64 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.gen_range(0.0..total);
    for &(v, w) in table {
        if x < w {
            return v;
        }
        x -= w;
    }
    table[table.len() - 1].0
}

/// A point at most `radius_km` from `centre` (denser towards the centre),
/// inside the region, rounded to 5 decimals (about a metre).
fn point_in_region(rng: &mut ChaCha8Rng, centre: [f64; 2], radius_km: f64) -> [f64; 2] {
    let mut p = centre;
    for _ in 0..100 {
        let r = radius_km * rng.gen::<f64>().powf(0.6);
        let angle = rng.gen_range(0.0..2.0 * PI);
        let lat = centre[0] + r * angle.cos() / KM_PER_DEG_LAT;
        let lon = centre[1] + r * angle.sin() / (KM_PER_DEG_LAT * centre[0].to_radians().cos());
        p = [lat, lon];
        if haversine_km(p, REGION_CENTRE) <= REGION_RADIUS_KM {
            break;
        }
        p = centre;
    }
    [round5(p[0]), round5(p[1])]
}

/// Round to 5 decimals.
fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

/// One nurse (without `off` and `history` yet, see [`finish_nurse`]) and her
/// roster. Her regular days off go to the weekdays on which the fewest
/// colleagues (`off_count`, per weekday Monday … Sunday) are off.
fn gen_nurse(
    rng: &mut ChaCha8Rng,
    p: &GenParams,
    id: String,
    provider: &str,
    home: [f64; 2],
    freelancer: bool,
    off_count: &mut [u32; 7],
) -> (Nurse, Roster) {
    let days = p.days as i64;
    let role = if freelancer {
        Role::Nurse
    } else {
        pick(
            rng,
            &[
                (Role::Nurse, 0.92),
                (Role::Kio, 0.05),
                (Role::OfficeQualified, 0.03),
            ],
        )
    };
    let contract_max: u32 = pick(rng, &[(24, 0.46), (28, 0.30), (32, 0.17), (36, 0.07)]);
    let contract_min = contract_max
        .saturating_sub(pick(rng, &[(0, 0.4), (4, 0.4), (8, 0.2)]))
        .max(16);
    let partus = role == Role::Nurse && rng.gen_bool(0.4);
    let mut consent = Vec::new();
    for (measure, share) in [
        ("M-COMBINED", 0.5),
        ("M-REDUCED-REST", 0.25),
        ("M-FLEX", 0.3),
    ] {
        if rng.gen_bool(share) {
            consent.push(measure.to_string());
        }
    }

    // Regular days off: about two a week, fewer for larger contracts.
    let off_per_week: usize = match contract_max {
        0..=24 => pick(rng, &[(1, 0.35), (2, 0.50), (3, 0.15)]),
        25..=28 => pick(rng, &[(1, 0.45), (2, 0.50), (3, 0.05)]),
        29..=32 => pick(rng, &[(1, 0.55), (2, 0.45)]),
        _ => pick(rng, &[(1, 0.7), (2, 0.3)]),
    };
    let mut regular_off = vec![false; p.days as usize];
    let mut monday = monday_of(p.start);
    while days_between(p.start, monday) < days {
        let mut weekdays: Vec<(u32, u32, usize)> = (0..7)
            .map(|wd| (off_count[wd], rng.gen::<u32>(), wd))
            .collect();
        weekdays.sort_unstable();
        for &(_, _, wd) in weekdays.iter().take(off_per_week) {
            off_count[wd] += 1;
            let t = days_between(p.start, add_days(monday, wd as i64));
            if (0..days).contains(&t) {
                regular_off[t as usize] = true;
            }
        }
        monday = add_days(monday, 7);
    }
    let mut sick = vec![false; p.days as usize];

    // Sickness: whole horizon, from some day on, or until some day.
    let mut sick_from: Option<i64> = None;
    if rng.gen_bool(p.sick.clamp(0.0, 1.0)) {
        let kind = if days > 1 {
            pick(rng, &[(0, 0.45), (1, 0.30), (2, 0.25)])
        } else {
            0
        };
        let (from, to) = match kind {
            0 => {
                sick_from = Some(-rng.gen_range(1..=21));
                (0, days - 1)
            }
            1 => (rng.gen_range(1..days), days - 1),
            _ => {
                sick_from = Some(-rng.gen_range(1..=10));
                (0, rng.gen_range(0..days - 1))
            }
        };
        for t in from..=to {
            sick[t as usize] = true;
        }
    }
    let nurse = Nurse {
        id,
        provider: provider.to_string(),
        role,
        contract_min,
        contract_max,
        home,
        off: Vec::new(),
        partus,
        consent,
        history: History::default(),
    };
    let roster = Roster {
        regular_off,
        sick,
        sick_from,
    };
    (nurse, roster)
}

/// Days off of one nurse in the horizon, by horizon day index.
#[derive(Debug, Clone)]
struct Roster {
    /// Regular days off (about two a week); may move within the ISO week.
    regular_off: Vec<bool>,
    /// Sick days.
    sick: Vec<bool>,
    /// Start of a sickness that began before `start` (days relative to it).
    sick_from: Option<i64>,
}

impl Roster {
    /// Whether she is off on day `t`.
    fn off(&self, t: usize) -> bool {
        self.regular_off[t] || self.sick[t]
    }
}

/// Write the roster into the nurse: her `off` dates and a history that fits them.
fn finish_nurse(rng: &mut ChaCha8Rng, start: NaiveDate, nurse: &mut Nurse, roster: &Roster) {
    let days = roster.sick.len();
    nurse.off = (0..days)
        .filter(|&t| roster.off(t))
        .map(|t| add_days(start, t as i64))
        .collect();
    let flex = nurse.consent.iter().any(|c| c == "M-FLEX");
    let first_off = (0..days).position(|t| roster.off(t)).unwrap_or(days);
    nurse.history = gen_history(
        rng,
        start,
        nurse.contract_max,
        flex,
        nurse.partus,
        roster.sick_from,
        first_off,
    );
}

/// Move regular days off within their ISO week, nurse by nurse, from the
/// days of `nurses` where the fewest nurses per family at home are on duty
/// to the days with the most, as a planner evens out a roster.
/// `homes[t]` is the number of the provider's families at home on day `t`.
fn smooth_rosters(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    rosters: &mut [&mut Roster],
    homes: &[u32],
) {
    let days = homes.len();
    if rosters.is_empty() || days < 2 {
        return;
    }
    let duty = |rosters: &[&mut Roster], t: usize| rosters.iter().filter(|r| !r.off(t)).count();
    let total_duty: usize = (0..days).map(|t| duty(rosters, t)).sum();
    let total_homes: u32 = homes.iter().sum();
    if total_homes == 0 {
        return;
    }
    let per_home = total_duty as f64 / total_homes as f64;
    let week = |t: usize| monday_of(add_days(start, t as i64));
    let mut order: Vec<usize> = (0..rosters.len()).collect();
    order.shuffle(rng);
    for _ in 0..10 * rosters.len() {
        let slack: Vec<f64> = (0..days)
            .map(|t| duty(rosters, t) as f64 - per_home * homes[t] as f64)
            .collect();
        let mut pairs: Vec<(usize, usize)> = (0..days)
            .flat_map(|a| (0..days).map(move |b| (a, b)))
            .filter(|&(a, b)| week(a) == week(b) && slack[b] - slack[a] >= 2.0)
            .collect();
        pairs.sort_by(|x, y| {
            (slack[y.1] - slack[y.0])
                .total_cmp(&(slack[x.1] - slack[x.0]))
                .then(x.cmp(y))
        });
        let moved = pairs.iter().find_map(|&(a, b)| {
            order
                .iter()
                .copied()
                .find(|&i| {
                    let r = &rosters[i];
                    r.regular_off[a] && !r.regular_off[b] && !r.sick[a] && !r.sick[b]
                })
                .map(|i| (i, a, b))
        });
        let Some((i, a, b)) = moved else {
            break;
        };
        rosters[i].regular_off[a] = false;
        rosters[i].regular_off[b] = true;
    }
}

/// Work history before `start`: 12 weeks of plain weekly hours, then four
/// full weeks and the part of the current week before `start` day by day
/// (worked and on-call dates, at most six worked days in a row), with no work
/// from `sick_from` (days relative to `start`) on. The worked days just
/// before `start` and the horizon days before her first day off
/// (`first_off`, a horizon day index) never make seven in a row, so every
/// available day in the horizon is usable under ATW-WEEKLY-REST.
fn gen_history(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    contract_max: u32,
    flex: bool,
    partus: bool,
    sick_from: Option<i64>,
    first_off: usize,
) -> History {
    let first_monday = monday_of(start);
    let begin = add_days(first_monday, -28);
    let n = days_between(begin, start) as usize;
    let mut hours = vec![0u32; n];
    let mut oncall = vec![false; n];
    let limit = if flex { contract_max + 4 } else { contract_max };

    let mut w0 = 0;
    while w0 < n {
        let len = (n - w0).min(7);
        let scale = len as f64 / 7.0;
        let target = (contract_max as f64 * rng.gen_range(0.75..1.02)).min(limit as f64) * scale;
        let target = target.round() as u32;
        let per_day: f64 = rng.gen_range(5.5..7.5);
        let k =
            ((target as f64 / per_day).round() as usize).clamp(usize::from(target > 0), 5.min(len));
        let mut idx: Vec<usize> = (w0..w0 + len).collect();
        idx.shuffle(rng);
        idx.truncate(k);
        if k > 0 {
            let base = target / k as u32;
            let extra = target as usize % k;
            for (j, &i) in idx.iter().enumerate() {
                hours[i] = (base + u32::from(j < extra)).clamp(3, 9);
            }
        }
        w0 += len;
    }
    if partus {
        let shifts: usize = pick(rng, &[(0, 0.3), (1, 0.3), (2, 0.25), (3, 0.15)]);
        let mut idx: Vec<usize> = (0..n).collect();
        idx.shuffle(rng);
        for &i in idx.iter().take(shifts) {
            hours[i] = 8;
            oncall[i] = true;
        }
    }
    if let Some(s) = sick_from {
        for (i, h) in hours.iter_mut().enumerate() {
            if i as i64 - n as i64 >= s {
                *h = 0;
                oncall[i] = false;
            }
        }
    }
    // ATW-WEEKLY-REST: never seven worked days in a row.
    let mut run = 0;
    for i in 0..n {
        if hours[i] == 0 {
            run = 0;
        } else if run == 6 {
            hours[i] = 0;
            oncall[i] = false;
            run = 0;
        } else {
            run += 1;
        }
    }
    if run + first_off > 6 {
        hours[n - 1] = 0;
        oncall[n - 1] = false;
    }

    let mut weekly_hours = Vec::new();
    for _ in 0..12 {
        let h = if rng.gen_bool(0.08) {
            0 // a week of leave
        } else {
            (contract_max as f64 * rng.gen_range(0.7..1.03))
                .min(limit as f64)
                .round() as u32
        };
        weekly_hours.push(h);
    }
    for w in 0..4 {
        weekly_hours.push(hours[w * 7..w * 7 + 7].iter().sum());
    }
    let date = |i: usize| add_days(begin, i as i64);
    History {
        worked: (0..n).filter(|&i| hours[i] > 0).map(date).collect(),
        oncall: (0..n).filter(|&i| oncall[i]).map(date).collect(),
        weekly_hours,
        current_week_hours: hours[28..].iter().sum(),
    }
}

/// A birth before the family is given to a provider.
#[derive(Debug, Clone)]
struct Birth {
    /// Birth day = first episode day.
    care_start: NaiveDate,
    /// Hospital days at the start of the episode.
    hospital_days: u32,
    /// LIP indication in hours.
    indicated_hours: u32,
    /// Care complexity.
    complexity: Complexity,
    /// Triage priority 1–3.
    priority: u8,
    /// Home days of the episode inside the horizon (day indices).
    home_days: Vec<usize>,
}

/// One birth on `date`: line of care, hospital days, indication, triage.
/// The births on the days `offsets` (from `p.start`): a Poisson number per
/// day at the day's seasonal rate, each drawn by [`gen_birth`].
fn births(rng: &mut ChaCha8Rng, p: &GenParams, offsets: std::ops::Range<i64>) -> Vec<Birth> {
    let mut drafts = Vec::new();
    for offset in offsets {
        let date = add_days(p.start, offset);
        let lambda = births_per_day(p.births_per_year, date);
        let n = if lambda > 0.0 {
            Poisson::new(lambda).expect("positive rate").sample(rng) as u32
        } else {
            0
        };
        for _ in 0..n {
            drafts.push(gen_birth(rng, p, date));
        }
    }
    drafts
}

fn gen_birth(rng: &mut ChaCha8Rng, p: &GenParams, date: NaiveDate) -> Birth {
    let second_line = rng.gen_bool(SECOND_LINE_SHARE);
    let hospital_days = if second_line && rng.gen_bool(HOSPITAL_STAY_SHARE) {
        pick(rng, &[(1, 0.5), (2, 0.3), (3, 0.2)])
    } else {
        0
    };
    let complexity = if hospital_days > 0 {
        pick(
            rng,
            &[
                (Complexity::Low, 0.55),
                (Complexity::Medium, 0.30),
                (Complexity::High, 0.15),
            ],
        )
    } else {
        pick(
            rng,
            &[
                (Complexity::Low, 0.80),
                (Complexity::Medium, 0.15),
                (Complexity::High, 0.05),
            ],
        )
    };
    let priority = match complexity {
        Complexity::High => pick(rng, &[(1, 0.6), (2, 0.4)]),
        Complexity::Medium => pick(rng, &[(1, 0.1), (2, 0.5), (3, 0.4)]),
        Complexity::Low => pick(rng, &[(1, 0.03), (2, 0.17), (3, 0.8)]),
    };
    let centre: f64 = if rng.gen_bool(BREASTFEEDING_SHARE) {
        49.0
    } else {
        45.0
    };
    // LIP extras: more hours for complex care, and for a fifth of the
    // families for their circumstances (little support at home, …).
    let bonus = match complexity {
        Complexity::Low => 0.0,
        Complexity::Medium => 4.0,
        Complexity::High => 8.0,
    };
    let extra = if rng.gen_bool(0.2) {
        rng.gen_range(2.0..8.0)
    } else {
        0.0
    };
    let hours: f64 = Normal::new(centre + bonus + extra, 6.0)
        .expect("valid normal")
        .sample(rng);
    let indicated_hours = hours.round().clamp(24.0, 80.0) as u32;
    let home_days = (hospital_days as i64..CARE_DAYS as i64)
        .map(|k| days_between(p.start, date) + k)
        .filter(|t| (0..p.days as i64).contains(t))
        .map(|t| t as usize)
        .collect();
    Birth {
        care_start: date,
        hospital_days,
        indicated_hours,
        complexity,
        priority,
        home_days,
    }
}

/// Provider index of every birth (`None` only without any provider).
///
/// `on_duty[p][t]` is the number of available nurses of provider `p` on
/// horizon day `t`. On day `t` the region has ratio `rho[t]` of families at
/// home to available nurses; a provider has room for a family when, on each
/// of the family's home days, its load stays within `rho[t]` (plus 5 %) of its
/// nurses. Families with many home days go first, each to a provider with
/// room (chosen by weight of that room), else to the least loaded one.
fn assign_providers(
    rng: &mut ChaCha8Rng,
    births: &[Birth],
    on_duty: &[Vec<u32>],
) -> Vec<Option<usize>> {
    let mut owner = vec![None; births.len()];
    let Some(days) = on_duty.first().map(Vec::len) else {
        return owner;
    };
    let providers = on_duty.len();
    let mut demand = vec![0.0; days];
    for b in births {
        for &t in &b.home_days {
            demand[t] += 1.0;
        }
    }
    let rho: Vec<f64> = (0..days)
        .map(|t| {
            let nurses: u32 = on_duty.iter().map(|d| d[t]).sum();
            demand[t] / nurses.max(1) as f64
        })
        .collect();
    let mut load = vec![vec![0.0; days]; providers];

    let mut order: Vec<usize> = (0..births.len()).collect();
    order.shuffle(rng);
    order.sort_by_key(|&i| std::cmp::Reverse(births[i].home_days.len()));
    for i in order {
        let days_of = &births[i].home_days;
        // Room left on the family's tightest day, in families (a provider
        // with a nurse on duty has room for at least one family).
        let room = |p: usize| {
            days_of
                .iter()
                .map(|&t| {
                    let nurses = on_duty[p][t] as f64;
                    (1.05 * rho[t] * nurses).max(nurses.min(1.0)) - load[p][t] - 1.0
                })
                .fold(f64::INFINITY, f64::min)
        };
        // Load on the family's tightest day after taking it, relative to the region.
        let pressure = |p: usize| {
            days_of
                .iter()
                .map(|&t| (load[p][t] + 1.0) / (rho[t] * on_duty[p][t] as f64).max(1e-9))
                .fold(0.0, f64::max)
        };
        let table: Vec<(usize, f64)> = (0..providers)
            .map(|p| (p, room(p)))
            .filter(|&(_, r)| r >= 0.0 && r.is_finite())
            .map(|(p, r)| (p, r + 0.5))
            .collect();
        let chosen = if days_of.is_empty() {
            let size: Vec<(usize, f64)> = (0..providers)
                .map(|p| (p, on_duty[p].iter().sum::<u32>() as f64 + 0.1))
                .collect();
            pick(rng, &size)
        } else if table.is_empty() {
            (0..providers)
                .min_by(|&a, &b| pressure(a).total_cmp(&pressure(b)).then(a.cmp(&b)))
                .expect("providers")
        } else {
            pick(rng, &table)
        };
        for &t in days_of {
            load[chosen][t] += 1.0;
        }
        owner[i] = Some(chosen);
    }
    owner
}

/// Turn a birth into a family of provider `owner`: home, hours delivered
/// before the horizon and the nurses she already met.
#[allow(clippy::too_many_arguments)]
fn finish_family(
    rng: &mut ChaCha8Rng,
    p: &GenParams,
    b: &Birth,
    owner: Option<usize>,
    providers: &[Provider],
    centres: &[[f64; 2]],
    nurses: &[Nurse],
    nurse_provider: &[usize],
) -> Family {
    let home = match owner {
        Some(o) if providers[o].freelancer => point_in_region(rng, centres[o], NURSE_RADIUS_KM),
        Some(o) => point_in_region(rng, centres[o], FAMILY_RADIUS_KM),
        None => point_in_region(rng, REGION_CENTRE, REGION_RADIUS_KM),
    };
    let hospital: Vec<NaiveDate> = (0..b.hospital_days as i64)
        .map(|k| add_days(b.care_start, k))
        .collect();

    // Hours so far: the front-loaded LIP profile of the home days before
    // `start`, somewhat short (scarcity), sometimes a bit below the floor.
    let before = days_between(b.care_start, p.start).clamp(0, CARE_DAYS as i64);
    let home_before: Vec<i64> = (b.hospital_days as i64..before).collect();
    let n_home = CARE_DAYS as i64 - b.hospital_days as i64;
    let floor_total = episode_floor(n_home as u32, b.hospital_days, 8) as i64;
    let indicated = (b.indicated_hours as i64 - 6 * b.hospital_days as i64).max(floor_total);
    let mut delivered_before = 0;
    if !home_before.is_empty() {
        let weight = |k: i64| (1.25 - 0.07 * k as f64).max(0.5);
        let all: f64 = (b.hospital_days as i64..CARE_DAYS as i64).map(weight).sum();
        let so_far: f64 = home_before.iter().map(|&k| weight(k)).sum();
        let share = indicated as f64 * so_far / all;
        let n_before = home_before.len() as i64;
        delivered_before = if rng.gen_bool(0.15) {
            (3 * n_before - rng.gen_range(1..=4)).max(0)
        } else {
            (share * rng.gen_range(0.8..1.0)).round() as i64
        };
        let remaining_floor = 3 * (n_home - n_before);
        delivered_before = delivered_before
            .min(8 * n_before)
            .min(indicated - remaining_floor)
            .max(0);
    }

    let mut known_nurses = Vec::new();
    if let Some(o) = owner {
        if delivered_before > 0 {
            let mut candidates: Vec<&Nurse> = nurses
                .iter()
                .zip(nurse_provider)
                .filter(|(n, &np)| np == o && n.role == Role::Nurse)
                .filter(|(n, _)| haversine_km(n.home, home) <= MAX_TRAVEL_KM)
                .map(|(n, _)| n)
                .collect();
            candidates.shuffle(rng);
            let k = if rng.gen_bool(0.6) { 1 } else { 2 };
            let mut chosen: Vec<String> = candidates.iter().take(k).map(|n| n.id.clone()).collect();
            chosen.sort();
            known_nurses = chosen;
        }
    }

    // About a quarter of the hospital births are discharged in the evening,
    // and a tenth of the home births end late: both come home after 18:00.
    let evening = if hospital.is_empty() { 0.1 } else { 0.25 };
    let arrival = if rng.gen_bool(evening) {
        Arrival::Evening
    } else {
        Arrival::Day
    };
    Family {
        arrival,
        id: String::new(),
        provider: owner.map(|o| providers[o].id.clone()),
        care_start: b.care_start,
        due: None,
        care_days: CARE_DAYS,
        indicated_hours: b.indicated_hours,
        delivered_before: delivered_before as u32,
        hospital,
        complexity: b.complexity,
        priority: b.priority,
        home,
        known_nurses,
    }
}

/// Floor, target and capacity figures of one provider (or of the waiting list).
#[derive(Debug, Clone, Default)]
struct CapacityRow {
    /// Provider id, or `waiting list`.
    id: String,
    /// Provider name.
    name: String,
    /// All nurses.
    nurses: usize,
    /// Nurses without any available day in the horizon.
    unavailable: usize,
    /// Nurses with role `kio` or `office_qualified` (plannable only under a measure).
    restricted: usize,
    /// Available days (not `off`) of nurses with role `nurse`.
    nurse_days: u32,
    /// Available days of `kio` / `office_qualified` nurses.
    restricted_days: u32,
    /// Care hours the role-`nurse` nurses may work: per ISO week
    /// `min(contract_max − current_week_hours, max family hours × available days)`.
    contract_hours: f64,
    /// Families with an episode touching the horizon.
    families: usize,
    /// Of which under way at `start`.
    under_way: usize,
    /// Home days of the families inside the horizon.
    home_days: u32,
    /// Horizon floor hours (models/semantics.md).
    floor: f64,
    /// Horizon target hours (models/semantics.md).
    target: f64,
    /// Available role-`nurse` nurses per horizon day.
    nurses_by_day: Vec<u32>,
    /// Families at home per horizon day.
    homes_by_day: Vec<u32>,
}

impl CapacityRow {
    /// An empty row for `id` over a horizon of `days` days.
    fn new(id: &str, name: &str, days: u32) -> Self {
        CapacityRow {
            id: id.to_string(),
            name: name.to_string(),
            nurses_by_day: vec![0; days as usize],
            homes_by_day: vec![0; days as usize],
            ..CapacityRow::default()
        }
    }

    /// Fewest available nurses per family at home on any day with families.
    fn worst_day(&self) -> Option<f64> {
        self.nurses_by_day
            .iter()
            .zip(&self.homes_by_day)
            .filter(|(_, &h)| h > 0)
            .map(|(&n, &h)| n as f64 / h as f64)
            .min_by(f64::total_cmp)
    }
}

/// Horizon figures of one family, as defined in `models/semantics.md`:
/// its home days in the horizon (day indices), floor and target hours.
fn family_horizon(s: &Scenario, f: &Family) -> (Vec<usize>, f64, f64) {
    let max_day = s.rules.max_family_hours_per_day() as i64;
    let hospital: HashSet<NaiveDate> = f.hospital.iter().copied().collect();
    let end = add_days(s.start, s.days as i64);
    let (mut before, mut inside, mut after) = (0i64, 0i64, 0i64);
    let (mut w_all, mut w_in) = (0.0, 0.0);
    let mut home_in = Vec::new();
    for k in 0..f.care_days as i64 {
        let d = add_days(f.care_start, k);
        if hospital.contains(&d) {
            continue;
        }
        let w = (1.25 - 0.07 * k as f64).max(0.5);
        w_all += w;
        if d < s.start {
            before += 1;
        } else if d < end {
            inside += 1;
            w_in += w;
            home_in.push(days_between(s.start, d) as usize);
        } else {
            after += 1;
        }
    }
    let n_home = before + inside + after;
    if inside == 0 {
        return (home_in, 0.0, 0.0);
    }
    let hospital_days = f.care_days - n_home as u32;
    let floor_total = episode_floor(n_home as u32, hospital_days, max_day as u32) as i64;
    let indicated = (f.indicated_hours as i64 - 6 * hospital.len() as i64).max(floor_total);
    let delivered = f.delivered_before as i64;
    let floor = (3 * inside).max(floor_total - delivered - 3 * after);
    let cap = (indicated - delivered - 3 * after).max(0);
    let target = (indicated as f64 * w_in / w_all).min(cap as f64);
    (home_in, floor as f64, target)
}

/// Capacity and demand per provider, then the waiting list if it has families.
fn capacity_rows(s: &Scenario) -> Vec<CapacityRow> {
    let mut rows: Vec<CapacityRow> = s
        .providers
        .iter()
        .map(|p| CapacityRow::new(&p.id, &p.name, s.days))
        .collect();
    let mut waiting = CapacityRow::new("waiting list", "", s.days);
    let index = |id: &str| s.providers.iter().position(|p| p.id == id);
    let max_day = s
        .rules
        .max_family_hours_per_day()
        .min(s.rules.max_nurse_hours_per_day());
    let first_monday = monday_of(s.start);
    for n in &s.nurses {
        let Some(pi) = index(&n.provider) else {
            continue;
        };
        let row = &mut rows[pi];
        let off: HashSet<NaiveDate> = n.off.iter().copied().collect();
        let mut available = 0;
        let mut hours = 0.0;
        let mut week = first_monday;
        while week < add_days(s.start, s.days as i64) {
            let free = (0..7)
                .map(|k| add_days(week, k))
                .filter(|&d| d >= s.start && days_between(s.start, d) < s.days as i64)
                .filter(|d| !off.contains(d))
                .count() as u32;
            let already = if week == first_monday {
                n.history.current_week_hours
            } else {
                0
            };
            available += free;
            hours += n.contract_max.saturating_sub(already).min(max_day * free) as f64;
            week = add_days(week, 7);
        }
        row.nurses += 1;
        row.unavailable += usize::from(available == 0);
        if n.role == Role::Nurse {
            row.nurse_days += available;
            row.contract_hours += hours;
            for (t, count) in row.nurses_by_day.iter_mut().enumerate() {
                *count += u32::from(!off.contains(&add_days(s.start, t as i64)));
            }
        } else {
            row.restricted += 1;
            row.restricted_days += available;
        }
    }
    for f in &s.families {
        let row = match f.provider.as_deref().and_then(index) {
            Some(pi) => &mut rows[pi],
            None => &mut waiting,
        };
        let (home_days, floor, target) = family_horizon(s, f);
        row.families += 1;
        row.under_way += usize::from(f.care_start < s.start);
        row.home_days += home_days.len() as u32;
        for t in home_days {
            row.homes_by_day[t] += 1;
        }
        row.floor += floor;
        row.target += target;
    }
    if waiting.families > 0 {
        rows.push(waiting);
    }
    rows
}

/// A text table, per provider and for the region: nurses, available
/// nurse-days and contract hours in the horizon against the floor hours
/// (≥ 3 h per home day) and target hours of its families, with the ratios
/// that matter for scarcity (nurse-days per home day: each nurse serves at
/// most one family a day without M-COMBINED), plus the partus-pool load.
pub fn capacity_summary(s: &Scenario) -> String {
    use std::fmt::Write;
    let rows = capacity_rows(s);
    let mut region = CapacityRow::new("region", "", s.days);
    for r in &rows {
        for t in 0..s.days as usize {
            region.nurses_by_day[t] += r.nurses_by_day[t];
            region.homes_by_day[t] += r.homes_by_day[t];
        }
        region.nurses += r.nurses;
        region.unavailable += r.unavailable;
        region.restricted += r.restricted;
        region.nurse_days += r.nurse_days;
        region.restricted_days += r.restricted_days;
        region.contract_hours += r.contract_hours;
        region.families += r.families;
        region.under_way += r.under_way;
        region.home_days += r.home_days;
        region.floor += r.floor;
        region.target += r.target;
    }
    let ratio = |a: f64, b: f64| {
        if b > 0.0 {
            format!("{:.2}", a / b)
        } else {
            "-".to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} + {} days, {} providers, {} nurses, {} families ({} under way, {} expected)",
        s.name,
        s.start,
        s.days,
        s.providers.len(),
        region.nurses,
        region.families,
        region.under_way,
        region.families - region.under_way
    );
    let _ = writeln!(
        out,
        "{:<8} {:>6} {:>5} {:>4} {:>6} {:>5} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7}  name",
        "provider",
        "nurses",
        "unavl",
        "k/o",
        "n-days",
        "+k/o",
        "ctr-h",
        "fams",
        "h-days",
        "floor",
        "target",
        "nd/hd",
        "worst",
        "ctr/flr",
        "ctr/tgt"
    );
    for r in rows.iter().chain(std::iter::once(&region)) {
        let _ = writeln!(
            out,
            "{:<8} {:>6} {:>5} {:>4} {:>6} {:>5} {:>6.0} {:>5} {:>6} {:>6.0} {:>6.0} {:>6} {:>6} {:>7} {:>7}  {}",
            r.id,
            r.nurses,
            r.unavailable,
            r.restricted,
            r.nurse_days,
            r.restricted_days,
            r.contract_hours,
            r.families,
            r.home_days,
            r.floor,
            r.target,
            ratio(r.nurse_days as f64, r.home_days as f64),
            r.worst_day().map_or("-".to_string(), |w| format!("{w:.2}")),
            ratio(r.contract_hours, r.floor),
            ratio(r.contract_hours, r.target),
            r.name,
        );
    }
    if let Some(pool) = &s.partus_pool {
        let partus: Vec<&crate::scenario::Nurse> = s.nurses.iter().filter(|n| n.partus).collect();
        if let Some(pa) = pool.expected_pa_per_day {
            let pa_hours = pool.pa_hours.unwrap_or(4.0);
            let blocking = pool.max_blocking.unwrap_or(0.01);
            let load = pa * pa_hours / 24.0;
            let per_shift = crate::pool::servers_needed(load, blocking);
            let shifts = per_shift * 3 * s.days;
            // Each shift takes a nurse-day; a night shift also the day after.
            let pool_days = shifts + per_shift * s.days;
            let pool_hours = if s.rules.oncall_counts_as_work() {
                8.0 * shifts as f64
            } else {
                0.0
            };
            let _ = writeln!(
                out,
                "partus pool: {pa:.2} PA/day x {pa_hours} h = {load:.2} erlang; blocking <= {blocking} \
                 needs ~{per_shift} on call per shift = {shifts} shifts in the horizon ({} partus \
                 nurses); staffed from the same nurses it takes ~{pool_days} nurse-days and \
                 {pool_hours:.0} h: region nd/hd {} and ctr/tgt {} after the pool",
                partus.len(),
                ratio(
                    region.nurse_days as f64 - pool_days as f64,
                    region.home_days as f64
                ),
                ratio(region.contract_hours - pool_hours, region.target),
            );
        } else {
            let required: u32 = pool.shifts.iter().map(|r| r.required).sum();
            let _ = writeln!(
                out,
                "partus pool: {required} on-call shifts required; {} partus nurses",
                partus.len()
            );
        }
    }
    let _ = writeln!(
        out,
        "unavl: nurses off the whole horizon; k/o: kio or office_qualified nurses (only under \
         M-KIO / M-OFFICE); n-days: available days of the other nurses (+k/o: of kio/office); \
         ctr-h: their hours, per ISO week min(contract_max - current_week_hours, {} h x available \
         days); h-days: family home days in the horizon; floor/target: hours as in \
         models/semantics.md; nd/hd: nurse-days per home day (a nurse serves one family a day \
         without M-COMBINED); worst: the lowest ratio of available nurses to families at home \
         on one day",
        s.rules
            .max_family_hours_per_day()
            .min(s.rules.max_nurse_hours_per_day())
    );
    out
}

#[cfg(test)]
mod tests;
