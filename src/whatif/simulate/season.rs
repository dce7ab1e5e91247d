//! What a simulated season holds: every birth, hospital stay, early
//! discharge and sick spell of one run, drawn before the first night and
//! handed out night by night as `kraamplan/events@1` events
//! (`models/simulate.md`, What is drawn).
//!
//! The draws are the forecast's ([`crate::whatif::sample`]): the same
//! streams, in the same order, so a simulation run's births, stays and
//! first-horizon sickness are exactly the forecast run's with the same seed
//! and run number. What a forecast does not need has streams of its own:
//! sickness after the first horizon, the bookings beyond the base's, and
//! early discharges.

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::{add_days, days_between};
use crate::scenario::events::Event;
use crate::scenario::{Arrival, Family, Scenario};
use crate::whatif::sample::{self, stream, SampleParams, Stream};

/// What a season draws on top of the forecast's sampler.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonParams {
    /// Births, stays and sickness as the forecast draws them.
    pub sample: SampleParams,
    /// Share of hospital stays of two days or more that end a day early
    /// (an early discharge, reported the night before that day).
    pub discharge_share: f64,
    /// Births a day in the region, for the bookings beyond the base's;
    /// `None`: the base's own rate ([`births_per_day`]).
    pub births_per_day: Option<f64>,
}

impl Default for SeasonParams {
    fn default() -> Self {
        SeasonParams {
            sample: SampleParams::default(),
            discharge_share: 0.2,
            births_per_day: None,
        }
    }
}

impl SeasonParams {
    /// Every out-of-range parameter, with its field, value and range.
    pub fn validate(&self) -> Result<(), String> {
        let mut bad: Vec<String> = self.sample.validate().err().into_iter().collect();
        if !(0.0..=1.0).contains(&self.discharge_share) {
            bad.push(format!(
                "discharge_share = {} is outside 0–1",
                self.discharge_share
            ));
        }
        if let Some(b) = self.births_per_day {
            if !(b.is_finite() && (0.0..=500.0).contains(&b)) {
                bad.push(format!(
                    "births_per_day = {b} is outside 0–500 (the Netherlands has about 450 births a day)"
                ));
            }
        }
        if bad.is_empty() {
            Ok(())
        } else {
            Err(bad.join("; "))
        }
    }
}

/// The counts of what a season drew.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct SeasonDraw {
    /// The region's births a day the extra bookings were drawn at.
    pub births_per_day: f64,
    /// Bookings added beyond the base's.
    pub extra_bookings: u32,
    /// Births on the carried-out days (the first day and the nights).
    pub births: u32,
    /// Of those, births with hospital days.
    pub hospital: u32,
    /// Early discharges reported.
    pub discharges: u32,
    /// Sick spells that begin on a carried-out day.
    pub sick_spells: u32,
    /// Nurse-days sick on the carried-out days.
    pub sick_nurse_days: u32,
}

/// One run's season.
#[derive(Debug, Clone)]
pub struct Season {
    /// The base with the extra bookings, and the births and sick spells of
    /// its first day: the scenario of the first plan.
    pub base: Scenario,
    /// `nights[k − 1]`: the events of night `k`, reported the evening
    /// before day `start + k`.
    pub nights: Vec<Vec<Event>>,
    /// What was drawn.
    pub draw: SeasonDraw,
}

/// Births a day in the base: the families in care whose episode began in
/// the week before `start` (every birth of that week is in care), per day.
pub fn births_per_day(base: &Scenario) -> f64 {
    let born = base
        .families
        .iter()
        .filter(|f| f.due.is_none())
        .filter(|f| (-7..0).contains(&days_between(base.start, f.care_start)))
        .count();
    born as f64 / 7.0
}

/// The season of run `run`: `nights` nights after the base's first day.
pub fn draw_season(
    base: &Scenario,
    params: &SeasonParams,
    nights: u32,
    seed: u64,
    run: u64,
) -> Season {
    let nights_i = i64::from(nights);
    let start = base.start;
    let mut s = base.clone();
    let mut events: Vec<Vec<Event>> = vec![Vec::new(); nights as usize];
    let mut draw = SeasonDraw {
        births_per_day: params
            .births_per_day
            .unwrap_or_else(|| births_per_day(base)),
        ..SeasonDraw::default()
    };
    add_bookings(&mut s, params, nights_i, seed, run, &mut draw);

    // Births and stays: the forecast's streams, one birth uniform and two
    // stay uniforms per booking, in the order of `families`.
    let p = &params.sample;
    let mut births = stream(seed, run, Stream::Births);
    let mut stays = stream(seed, run, Stream::Hospital);
    let mut discharges = stream(seed, run, Stream::Discharge);
    for f in &mut s.families {
        let Some(due) = f.due else { continue };
        let lo = days_between(due, start);
        let offset = sample::birth_offset(births.gen::<f64>(), lo, p.induction_days, p.due_sd_days);
        let birth = add_days(due, offset);
        let (u_stay, u_days) = (stays.gen::<f64>(), stays.gen::<f64>());
        let h = if u_stay < p.hospital_share {
            sample::stay_days(u_days).min(f.care_days.saturating_sub(1))
        } else {
            0
        };
        let early = discharges.gen::<f64>() < params.discharge_share && h >= 2;
        let hospital: Vec<_> = (0..i64::from(h)).map(|k| add_days(birth, k)).collect();
        // The draw replaces the planner's expected stay, as in the forecast,
        // so that `hospital_share` is the share the season sees.
        f.hospital.clear();
        let t = days_between(start, birth);
        if t > nights_i {
            continue;
        }
        if t < nights_i {
            draw.births += 1;
            draw.hospital += u32::from(h > 0);
        }
        if t == 0 {
            // Born on the first day: the first plan knows it.
            f.due = None;
            f.care_start = birth;
            f.hospital = hospital;
        } else {
            events[t as usize - 1].push(Event::Birth {
                family: Some(f.id.clone()),
                date: Some(birth),
                arrival: None,
                hospital,
                new_family: None,
            });
        }
        // The last hospital day becomes a home day, told the night before it.
        let last = t + i64::from(h) - 1;
        if early && (1..=nights_i).contains(&last) {
            draw.discharges += 1;
            events[last as usize - 1].push(Event::Discharge {
                family: f.id.clone(),
                date: add_days(start, last),
            });
        }
    }

    sickness(&mut s, base, p, nights_i, seed, run, &mut events, &mut draw);
    // Sickness first, then births and discharges: a night's news in the
    // order a planner hears it does not matter to the roll, but a fixed
    // order keeps the events files the same.
    for night in &mut events {
        night.sort_by_key(|e| match e {
            Event::Sick { .. } | Event::Recovery { .. } => 0,
            Event::Birth { .. } => 1,
            _ => 2,
        });
    }
    Season {
        base: s,
        nights: events,
        draw,
    }
}

/// Bookings beyond the base's: from the day after the base's last expected
/// birth to two weeks past the season's last day (births come up to two
/// weeks after the due date), a Poisson number a day at the region's rate,
/// each a copy of a random base family (its provider, indication, care
/// days, complexity and priority; its home moved by up to about a
/// kilometre) with that due date, no history and no known nurses.
fn add_bookings(
    s: &mut Scenario,
    params: &SeasonParams,
    nights: i64,
    seed: u64,
    run: u64,
    draw: &mut SeasonDraw,
) {
    let rate = draw.births_per_day;
    if rate <= 0.0 || s.families.is_empty() {
        return;
    }
    let mut rng = stream(seed, run, Stream::Bookings);
    let booked_until = s
        .families
        .iter()
        .filter(|f| f.due.is_some())
        .map(|f| f.care_start)
        .max()
        .unwrap_or_else(|| add_days(s.start, -1));
    let last = add_days(
        s.start,
        nights + i64::from(s.days) - 1 + params.sample.induction_days,
    );
    let templates = s.families.clone();
    let mut serial = 0usize;
    let mut day = add_days(booked_until, 1);
    while day <= last {
        for _ in 0..poisson(&mut rng, rate) {
            let t = &templates[rng.gen_range(0..templates.len())];
            let id = loop {
                serial += 1;
                let id = format!("SIM{serial:04}");
                if !s.families.iter().any(|f| f.id == id) {
                    break id;
                }
            };
            let (dlat, dlon) = (rng.gen_range(-0.01..0.01), rng.gen_range(-0.01..0.01));
            s.families.push(Family {
                id,
                care_start: day,
                due: Some(day),
                delivered_before: 0,
                hospital: Vec::new(),
                home: [t.home[0] + dlat, t.home[1] + dlon],
                known_nurses: Vec::new(),
                arrival: Arrival::Day,
                ..t.clone()
            });
            draw.extra_bookings += 1;
        }
        day = add_days(day, 1);
    }
}

/// A Poisson draw with mean `rate` (Knuth's product of uniforms; the rate
/// of a region's day is small).
fn poisson(rng: &mut impl Rng, rate: f64) -> u32 {
    let limit = (-rate).exp();
    let mut k = 0;
    let mut product = rng.gen::<f64>();
    while product > limit && k < 10_000 {
        k += 1;
        product *= rng.gen::<f64>();
    }
    k
}

/// Sick spells over the season, the forecast's chain: its stream and order
/// for the first horizon (every nurse's days in turn), a stream of its own
/// after it. A nurse sick on the first day is off in the base for the
/// whole first horizon. A spell that begins on night `k` is reported as
/// `sick` from that day until further notice (the horizon's end); every
/// later night she is still sick adds the horizon's new last day; on the
/// night before her first day back a `recovery` clears her days off, and the
/// base's own days off after it are given back.
#[allow(clippy::too_many_arguments)]
fn sickness(
    s: &mut Scenario,
    base: &Scenario,
    p: &SampleParams,
    nights: i64,
    seed: u64,
    run: u64,
    events: &mut [Vec<Event>],
    draw: &mut SeasonDraw,
) {
    let horizon = i64::from(s.days);
    let total = nights + horizon;
    let (fall_ill, recover) = p.sick_chain();
    let mut first = stream(seed, run, Stream::Sickness);
    let mut later = stream(seed, run, Stream::SeasonSickness);
    let mut u: Vec<Vec<f64>> = vec![Vec::with_capacity(total as usize); s.nurses.len()];
    for row in &mut u {
        row.extend((0..horizon).map(|_| first.gen::<f64>()));
    }
    for row in &mut u {
        row.extend((horizon..total).map(|_| later.gen::<f64>()));
    }
    let start = s.start;
    for (n, nurse) in s.nurses.iter_mut().enumerate() {
        let mut sick = vec![false; total as usize];
        for t in 0..total as usize {
            sick[t] = match (t, t > 0 && sick[t - 1]) {
                (0, _) | (_, false) => u[n][t] < fall_ill,
                (_, true) => u[n][t] >= recover,
            };
        }
        let own_off = &base.nurses[n].off;
        if sick[0] {
            draw.sick_spells += 1;
            nurse.off.extend((0..horizon).map(|k| add_days(start, k)));
            nurse.off.sort_unstable();
            nurse.off.dedup();
        }
        draw.sick_nurse_days += u32::from(sick[0]);
        for k in 1..=nights {
            let (today, before) = (sick[k as usize], sick[k as usize - 1]);
            let date = add_days(start, k);
            let end = add_days(date, horizon - 1);
            let night = &mut events[k as usize - 1];
            let id = nurse.id.clone();
            if k < nights {
                draw.sick_nurse_days += u32::from(today);
            }
            match (before, today) {
                (false, true) => {
                    if k < nights {
                        draw.sick_spells += 1;
                    }
                    night.push(Event::Sick {
                        nurse: id,
                        from: date,
                        to: None,
                    });
                }
                (true, true) => night.push(Event::Sick {
                    nurse: id,
                    from: end,
                    to: Some(end),
                }),
                (true, false) => {
                    night.push(Event::Recovery {
                        nurse: id.clone(),
                        from: date,
                    });
                    for &d in own_off.iter().filter(|&&d| d >= date && d <= end) {
                        night.push(Event::Sick {
                            nurse: id.clone(),
                            from: d,
                            to: Some(d),
                        });
                    }
                }
                (false, false) => {}
            }
        }
    }
}
