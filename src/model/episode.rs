//! A family's episode: its floor, its derivation from the scenario, and
//! the days a measure may waive.

use super::*;

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
