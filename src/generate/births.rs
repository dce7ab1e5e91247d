//! Births and families: bookings with due dates, the births of each day,
//! their providers, and the families' care.

use super::*;

/// Gestation: standard deviation of birth around the due date (40 weeks), days.
pub(super) const DUE_SD_DAYS: f64 = 9.0;
/// Latest birth after the due date, days (induction by 42 weeks).
pub(super) const INDUCTION_DAYS: i64 = 14;
/// Earliest birth before the due date that is written, days (the
/// validator's window, V-DUE).
pub(super) const EARLIEST_BEFORE_DUE_DAYS: i64 = 42;

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
pub(super) fn add_bookings(p: &GenParams, w: &World, families: &mut Vec<Family>) {
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
pub(super) fn due_of(rng: &mut ChaCha8Rng, birth: NaiveDate) -> NaiveDate {
    let e: f64 = Normal::new(0.0, DUE_SD_DAYS)
        .expect("valid normal")
        .sample(rng);
    let e = (e.round() as i64).clamp(-EARLIEST_BEFORE_DUE_DAYS, INDUCTION_DAYS);
    add_days(birth, -e)
}

/// A birth before the family is given to a provider.
#[derive(Debug, Clone)]
pub(super) struct Birth {
    /// Birth day = first episode day.
    pub(super) care_start: NaiveDate,
    /// Hospital days at the start of the episode.
    pub(super) hospital_days: u32,
    /// LIP indication in hours.
    pub(super) indicated_hours: u32,
    /// Care complexity.
    pub(super) complexity: Complexity,
    /// Triage priority 1–3.
    pub(super) priority: u8,
    /// Home days of the episode inside the horizon (day indices).
    pub(super) home_days: Vec<usize>,
}

/// One birth on `date`: line of care, hospital days, indication, triage.
/// The births on the days `offsets` (from `p.start`): a Poisson number per
/// day at the day's seasonal rate, each drawn by [`gen_birth`].
pub(super) fn births(
    rng: &mut ChaCha8Rng,
    p: &GenParams,
    offsets: std::ops::Range<i64>,
) -> Vec<Birth> {
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

pub(super) fn gen_birth(rng: &mut ChaCha8Rng, p: &GenParams, date: NaiveDate) -> Birth {
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
pub(super) fn assign_providers(
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
pub(super) fn finish_family(
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
        insurer: None,
    }
}
