//! One run of a season: the region week by week (`models/season.md`).
//!
//! The run starts on the first Monday of the season with the base's
//! providers, nurses (their history moved along), measures, rules and pool,
//! and the families still in care from births in the ten days before. Each
//! week it adds the week's births (drawn at the pattern's rate) and the
//! nurses' sick days (the forecast's sickness chain, run over the whole
//! season), climbs the escalation ladder, checks the plan, keeps the week's
//! figures, and rolls the plan to the next Monday as `kraamplan roll` does:
//! worked days and hours become history, families in care carry their
//! delivered hours and known nurses into the next week.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use chrono::NaiveDate;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::pattern::{month_key, Pattern};
use crate::domain::calendar::{add_days, days_between, monday_of, week_key};
use crate::engine::EngineConfig;
use crate::plan::Plan;
use crate::scenario::{Arrival, Family, Scenario};
use crate::whatif::sample::{self, stream, SampleParams, Stream};
use crate::whatif::summary::RunSummary;

/// Days before the first Monday whose births are still in care then.
const WARM_UP_DAYS: i64 = 10;

/// What every run of a season shares.
#[derive(Debug, Clone)]
pub struct Context {
    /// The season's Mondays, in order.
    pub mondays: Vec<NaiveDate>,
    /// The birth pattern.
    pub pattern: Pattern,
    /// The region's births a year.
    pub annual: f64,
    /// Hospital stays and sickness as the forecast draws them.
    pub sample: SampleParams,
    /// Expected partus-assistance calls a day per expected birth a day (the
    /// base's pool rate over its own birth rate), when the base has a rate.
    pub pa_per_birth: Option<f64>,
    /// Engine settings of each week.
    pub engine: EngineConfig,
    /// Seed of the draws.
    pub seed: u64,
}

/// One week of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonWeek {
    /// ISO week, e.g. `2026-W27`.
    pub week: String,
    /// Its Monday.
    pub monday: NaiveDate,
    /// The month it counts toward (its Monday's): `2026-07`.
    pub month: String,
    /// Births drawn in the week.
    pub births: u32,
    /// Families with a day of care in the week.
    pub families: u32,
    /// Region colour code.
    pub colour: String,
    /// The colour code rests on certificates.
    pub proven: bool,
    /// Families below the floor.
    pub below: u32,
    /// Hours below the floor.
    pub shortfall_hours: u32,
    /// Families on the regional waiting list ([`waitlist`]).
    pub waitlist: u32,
    /// Uses per measure id.
    pub measures: BTreeMap<String, u32>,
    /// Partus-pool places left empty.
    pub pool_shortfall: u32,
    /// Engine of the final plan.
    pub engine: String,
    /// Seconds of the week's solve.
    pub seconds: f64,
}

/// The waiting list and the families below the floor of one month (or
/// the season) of one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthTally {
    /// Families on the waiting list, summed over the weeks (a family on
    /// the list in two weeks counts twice: family-weeks).
    pub waitlist: u32,
    /// Families below the floor in any week of the month.
    pub below: u32,
}

/// A run's weeks, or how far it got and why it stopped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Played {
    /// The weeks planned, in order.
    pub weeks: Vec<SeasonWeek>,
    /// Distinct families per month.
    pub months: BTreeMap<String, MonthTally>,
    /// Distinct families over the season.
    pub season: MonthTally,
    /// Why the run stopped before the season's end.
    pub error: Option<String>,
}

/// The streams of one run's draws.
struct Draws {
    births: ChaCha8Rng,
    stays: ChaCha8Rng,
    templates: ChaCha8Rng,
    serial: usize,
}

/// Play run `run` of the season on `region` (the base with a solution
/// applied); `templates` are the families new births are copies of.
pub fn play(region: &Scenario, templates: &[Family], ctx: &Context, run: u64) -> Played {
    let mut played = Played {
        weeks: Vec::new(),
        months: BTreeMap::new(),
        season: MonthTally::default(),
        error: None,
    };
    let Some(&first) = ctx.mondays.first() else {
        return played;
    };
    let mut draws = Draws {
        births: stream(ctx.seed, run, Stream::SeasonBirths),
        stays: stream(ctx.seed, run, Stream::SeasonStays),
        templates: stream(ctx.seed, run, Stream::SeasonTemplates),
        serial: 0,
    };
    let season_days = 7 * ctx.mondays.len() as i64;
    let sick = sick_days(region, &ctx.sample, season_days, ctx.seed, run);
    let mut s = start(region, first, run);
    for offset in -WARM_UP_DAYS..0 {
        born_on(&mut s, templates, ctx, &mut draws, add_days(first, offset));
    }
    let mut ids: BTreeMap<String, (u32, BTreeSet<String>)> = BTreeMap::new();
    let mut season: (u32, BTreeSet<String>) = Default::default();
    for (i, &monday) in ctx.mondays.iter().enumerate() {
        let born_before = s.families.len();
        for k in 0..7 {
            born_on(&mut s, templates, ctx, &mut draws, add_days(monday, k));
        }
        let births = (s.families.len() - born_before) as u32;
        for (n, nurse) in s.nurses.iter_mut().enumerate() {
            nurse.off = (0..7)
                .filter(|&k| sick[n][7 * i + k as usize])
                .map(|k| add_days(monday, k))
                .collect();
        }
        set_pool_rate(&mut s, ctx, monday);
        let started = Instant::now();
        let plan = match crate::whatif::summary::checked_plan(&s, &ctx.engine) {
            Ok(plan) => plan,
            Err(e) => {
                played.error = Some(format!("week {}: {e}", week_key(monday)));
                break;
            }
        };
        let sum = RunSummary::of(&s, &plan);
        let month = month_key(monday);
        let entry = ids.entry(month.clone()).or_default();
        let waitlist = waitlist(&s, &plan);
        entry.0 += waitlist;
        season.0 += waitlist;
        for f in &plan.families {
            if f.below_floor {
                entry.1.insert(f.id.clone());
                season.1.insert(f.id.clone());
            }
        }
        played.weeks.push(SeasonWeek {
            week: week_key(monday),
            monday,
            month,
            births,
            families: sum.families,
            colour: sum.worst_colour().to_string(),
            proven: sum.weeks.iter().all(|w| w.proven),
            below: sum.families_below_floor,
            shortfall_hours: sum.shortfall_hours,
            waitlist,
            measures: sum.measures_used.clone(),
            pool_shortfall: sum.pool_shortfall,
            engine: sum.engine.clone(),
            seconds: started.elapsed().as_secs_f64(),
        });
        if let Some(&next) = ctx.mondays.get(i + 1) {
            match crate::roll::roll(&s, &plan, next, &[]) {
                Ok(rolled) => s = rolled,
                Err(issues) => {
                    let first = issues
                        .first()
                        .map(|i| i.message.clone())
                        .unwrap_or_default();
                    played.error = Some(format!(
                        "rolling week {} to {next}: {} problem(s), first: {first}",
                        week_key(monday),
                        issues.len()
                    ));
                    break;
                }
            }
        }
    }
    played.season = MonthTally {
        waitlist: season.0,
        below: season.1.len() as u32,
    };
    played.months = ids
        .into_iter()
        .map(|(m, (w, b))| {
            (
                m,
                MonthTally {
                    waitlist: w,
                    below: b.len() as u32,
                },
            )
        })
        .collect();
    played
}

/// Families on the regional waiting list in `plan`'s week: those a
/// provider in code rood could not keep at the floor on its own (its last
/// provider rung, with the measures it can use by itself), whom the
/// Normenkader sends to the regional list to be spread over every provider
/// (§5.5), and the families of no provider. The region rung then serves
/// them with lending or M-WAITLIST; which nurse serves which family there
/// is the region's optimum, not the list, so a count from the rungs and
/// not the families served across providers.
pub fn waitlist(s: &Scenario, plan: &Plan) -> u32 {
    let of_rood: u32 = plan
        .escalation
        .iter()
        .filter(|e| e.rung == "region")
        .filter_map(|e| e.rungs.last())
        .map(|r| r.families_below_floor)
        .sum();
    let unassigned = s.families.iter().filter(|f| f.provider.is_none()).count() as u32;
    of_rood + unassigned
}

/// The region on the first Monday: no families yet, a week's horizon, the
/// nurses' history moved along by whole weeks (so that ISO weeks stay ISO
/// weeks), known days off dropped (sickness is drawn), pool shifts given
/// per weekday as in the base's first week.
fn start(region: &Scenario, first: NaiveDate, run: u64) -> Scenario {
    let mut s = region.clone();
    let shift = days_between(monday_of(region.start), first);
    let aligned = monday_of(region.start) == region.start;
    s.name = format!("{} — season from {first}, run {run}", region.name);
    s.start = first;
    s.days = 7;
    s.families.clear();
    s.events.clear();
    let moved = |dates: &[NaiveDate]| -> Vec<NaiveDate> {
        dates
            .iter()
            .map(|&d| add_days(d, shift))
            .filter(|&d| d < first)
            .collect()
    };
    for n in &mut s.nurses {
        n.off.clear();
        n.history.worked = moved(&n.history.worked);
        n.history.oncall = moved(&n.history.oncall);
        n.history.oncall_nights = moved(&n.history.oncall_nights);
        if !aligned {
            // Hours of a week the season does not start in.
            n.history.current_week_hours = 0;
        }
    }
    if let Some(pool) = &mut s.partus_pool {
        let base_shifts = std::mem::take(&mut pool.shifts);
        for k in 0..7 {
            let day = add_days(first, k);
            let same_weekday = base_shifts
                .iter()
                .map(|r| r.date)
                .filter(|d| days_between(day, *d).rem_euclid(7) == 0)
                .min();
            if let Some(d) = same_weekday {
                pool.shifts
                    .extend(base_shifts.iter().filter(|r| r.date == d).map(|r| {
                        crate::scenario::ShiftRequirement {
                            date: day,
                            ..r.clone()
                        }
                    }));
            }
        }
    }
    s
}

/// The births of `day`: a Poisson number at the pattern's rate, each a copy
/// of a random template family (its provider, indication, care days,
/// complexity, priority and insurer; its home moved by up to about a
/// kilometre), born that day, with a hospital stay drawn as the forecast
/// draws it. A birth before the first Monday is a family in care, served
/// so far in proportion to its indication; one whose episode has ended is
/// left out.
fn born_on(s: &mut Scenario, templates: &[Family], ctx: &Context, d: &mut Draws, day: NaiveDate) {
    if templates.is_empty() {
        return;
    }
    let count = poisson(&mut d.births, ctx.pattern.births_on(ctx.annual, day));
    for _ in 0..count {
        let t = &templates[d.templates.gen_range(0..templates.len())];
        let (dlat, dlon) = (
            d.templates.gen_range(-0.01..0.01),
            d.templates.gen_range(-0.01..0.01),
        );
        let (u_stay, u_days) = (d.stays.gen::<f64>(), d.stays.gen::<f64>());
        d.serial += 1;
        let h = if u_stay < ctx.sample.hospital_share {
            sample::stay_days(u_days).min(t.care_days.saturating_sub(1))
        } else {
            0
        };
        let hospital: Vec<NaiveDate> = (0..i64::from(h)).map(|k| add_days(day, k)).collect();
        let elapsed = days_between(day, s.start).max(0);
        if elapsed >= i64::from(t.care_days) {
            continue;
        }
        let home_before = (elapsed - i64::from(h)).max(0) as u32;
        let home_days = t.care_days.saturating_sub(h).max(1);
        s.families.push(Family {
            id: format!("SEA{:05}", d.serial),
            care_start: day,
            due: None,
            delivered_before: t.indicated_hours * home_before / home_days,
            hospital,
            home: [t.home[0] + dlat, t.home[1] + dlon],
            known_nurses: Vec::new(),
            arrival: Arrival::Day,
            ..t.clone()
        });
    }
}

/// The pool's expected calls a day in the week of `monday`, from the week's
/// expected births.
fn set_pool_rate(s: &mut Scenario, ctx: &Context, monday: NaiveDate) {
    let (Some(per_birth), Some(pool)) = (ctx.pa_per_birth, s.partus_pool.as_mut()) else {
        return;
    };
    if pool.expected_pa_per_day.is_some() {
        let per_day = ctx.pattern.births_between(ctx.annual, monday, 7) / 7.0;
        pool.expected_pa_per_day = Some(per_birth * per_day);
    }
}

/// Sick days per nurse over the season, the forecast's two-state chain
/// started in its stationary state (the base's known days off are not the
/// season's). One uniform per nurse and day, nurse by nurse, so a nurse
/// added by a solution leaves the others' days as they were.
fn sick_days(
    region: &Scenario,
    p: &SampleParams,
    days: i64,
    seed: u64,
    run: u64,
) -> Vec<Vec<bool>> {
    let (fall_ill, recover) = p.sick_chain();
    let mut rng = stream(seed, run, Stream::SeasonSick);
    region
        .nurses
        .iter()
        .map(|_| {
            let mut row = Vec::with_capacity(days as usize);
            let mut sick = false;
            for t in 0..days {
                let u = rng.gen::<f64>();
                sick = if t == 0 {
                    u < p.sick_rate
                } else if sick {
                    u >= recover
                } else {
                    u < fall_ill
                };
                row.push(sick);
            }
            row
        })
        .collect()
}

/// A Poisson draw with mean `rate` (Knuth's product of uniforms for small
/// rates, a rounded normal above 30).
fn poisson(rng: &mut impl Rng, rate: f64) -> u32 {
    if rate <= 0.0 {
        return 0;
    }
    if rate > 30.0 {
        let (u1, u2): (f64, f64) = (rng.gen::<f64>().max(f64::MIN_POSITIVE), rng.gen());
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        return (rate + z * rate.sqrt()).round().max(0.0) as u32;
    }
    let limit = (-rate).exp();
    let mut k = 0;
    let mut product = rng.gen::<f64>();
    while product > limit && k < 10_000 {
        k += 1;
        product *= rng.gen::<f64>();
    }
    k
}
