//! Nurses: their rosters, smoothing of the rosters, and their history.

use super::*;

/// One nurse (without `off` and `history` yet, see [`finish_nurse`]) and her
/// roster. Her regular days off go to the weekdays on which the fewest
/// colleagues (`off_count`, per weekday Monday … Sunday) are off.
pub(super) fn gen_nurse(
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
pub(super) struct Roster {
    /// Regular days off (about two a week); may move within the ISO week.
    pub(super) regular_off: Vec<bool>,
    /// Sick days.
    pub(super) sick: Vec<bool>,
    /// Start of a sickness that began before `start` (days relative to it).
    pub(super) sick_from: Option<i64>,
}

impl Roster {
    /// Whether she is off on day `t`.
    pub(super) fn off(&self, t: usize) -> bool {
        self.regular_off[t] || self.sick[t]
    }
}

/// Write the roster into the nurse: her `off` dates and a history that fits them.
pub(super) fn finish_nurse(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    nurse: &mut Nurse,
    roster: &Roster,
) {
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
pub(super) fn smooth_rosters(
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
pub(super) fn gen_history(
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
        // The generator draws on-call dates, not shifts.
        oncall_nights: Vec::new(),
        weekly_hours,
        current_week_hours: hours[28..].iter().sum(),
    }
}
