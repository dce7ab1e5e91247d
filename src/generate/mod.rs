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

use crate::domain::calendar::{add_days, days_between, monday_of};
use crate::domain::geo::haversine_km;
use crate::model::episode_floor;
use crate::scenario::{
    Arrival, Complexity, Family, History, Nurse, PartusPool, PoolScope, Provider, Role, Rules,
    Scenario, SCENARIO_FORMAT,
};

mod births;
mod capacity;
pub mod insurers;
mod nurses;
mod params;

use births::*;
pub use capacity::capacity_summary;
use nurses::*;
pub use params::{
    colour_scenarios, ladder_scenarios, GenParams, MAX_BIRTHS_PER_YEAR, MAX_BOOKINGS_DAYS,
    MAX_FREELANCERS, MAX_NURSES_PER_100_BIRTHS, MAX_PROVIDERS, WEEK_YEARS,
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
    insurers::draw_insurers(p.seed, &mut families);

    let mid = add_days(p.start, p.days as i64 / 2);
    let pa_per_day =
        births_per_day_seasonal(p.births_per_year, mid) * (HOME_BIRTH_SHARE + SHORT_STAY_PA_SHARE);
    let partus_pool = (p.births_per_year >= MIN_POOL_BIRTHS).then(|| PartusPool {
        scope: PoolScope::Regional,
        shifts: Vec::new(),
        expected_pa_per_day: Some((pa_per_day * 100.0).round() / 100.0),
        pa_hours: Some(4.0),
        max_blocking: Some(0.01),
        min_on_call: 0,
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
        events: Vec::new(),
        kraamcentrum: None,
    }
}

/// What [`add_bookings`] needs of the generated region.
struct World<'a> {
    providers: &'a [Provider],
    centres: &'a [[f64; 2]],
    nurses: &'a [Nurse],
    nurse_provider: &'a [usize],
    on_duty: &'a [Vec<u32>],
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

#[cfg(test)]
mod tests;
