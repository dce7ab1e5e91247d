//! One run of a Monte Carlo forecast: the base scenario with its uncertain
//! parts drawn ([`sample_run`]).
//!
//! What is drawn, and why:
//! - **Births.** A family with `due` is a *booking*: not born by `start`.
//!   Its birth is `b = due + round(N(0, sd))` (Dutch gestation: sd ≈ 9 days
//!   around 40 weeks), conditioned on `start ≤ b ≤ due + induction_days`
//!   (not born yet, induced by 42 weeks), drawn by the inverse CDF of that
//!   truncated discrete distribution: one uniform per booking, so a run's
//!   births move smoothly with `due_sd_days`. A booking already past
//!   `due + induction_days` at `start` is born on `start`. The sampled family
//!   has `care_start = b`, `delivered_before = 0` and no `due` (it is born).
//! - **Hospital stays.** With probability `hospital_share` the birth is in the
//!   second line with a stay: the first `h` episode days are `hospital` days,
//!   `h` = 1, 2, 3, 4 with 60, 25, 10, 5 % (most second-line mothers stay one
//!   night; a caesarean two to four), at most `care_days − 1`. Otherwise the
//!   family goes home on the birth day. A booking's own `hospital` list is
//!   the planner's expectation for `solve`; the forecast replaces it by the
//!   draw, so that `hospital_share` is the share the runs see.
//! - **Dropped families.** A booking whose sampled episode has no day in the
//!   horizon is left out of the run's scenario. Nothing in a scenario refers
//!   to a family id (nurses, pool and measures do not), so nothing dangles.
//! - **Sick leave.** Per nurse, a two-state Markov chain over the horizon
//!   days with long-run sick share `q = sick_rate` and mean spell
//!   `L = sick_spell_days` (`P(sick→well) = 1/L`,
//!   `P(well→sick) = q / (L (1 − q))`). Spells, not independent days,
//!   because a sick nurse is away for a week or two and that is what empties
//!   a roster. The chain starts well on the eve of `start`: the scenario's
//!   `off` days are the absences known then (as the births are those known
//!   then), so the forecast adds only the spells that begin in the horizon —
//!   drawing from the stationary share on day one would count the known
//!   sick twice. Over a week that is about 2.8 % of nurse-days at the
//!   defaults, rising towards `q` on longer horizons. Sick days are added
//!   to `off`; the scenario's own `off` days stay.
//!
//! Families without `due` (born, in care, or planned as given) and
//! everything else are kept as they are.
//!
//! Every run draws from its own ChaCha8 streams keyed by `(seed, run,
//! purpose)`, so a run is the same however many runs or shards there are;
//! births, hospital stays and sickness each have their own stream and draw a
//! fixed number of uniforms per booking or nurse-day (common random numbers):
//! the same run has the same births whatever `sick_rate` or `hospital_share`,
//! and the same stays whatever `due_sd_days`.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::calendar::{add_days, days_between};
use crate::scenario::Scenario;

/// How a forecast run samples the uncertain parts of a scenario.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SampleParams {
    /// Standard deviation of birth around the due date, days (default 9.0:
    /// Dutch gestation, sd ≈ 9 days around 40 weeks).
    pub due_sd_days: f64,
    /// Latest birth after the due date, days (default 14: induction by 42
    /// weeks).
    pub induction_days: i64,
    /// Share of bookings born in the second line with a hospital stay inside
    /// the episode (default 0.28). Perined: 69.2 % of Dutch births in 2020
    /// were in the second line (Perined 2021, via volksgezondheidenzorg.info
    /// "Zorg rond de geboorte"), 16 % by caesarean (Perined 2016); with about
    /// 0.4 of second-line births keeping the mother in hospital past the
    /// birth day (every caesarean, part of the rest) that gives 0.7 × 0.4 ≈
    /// 0.28 — an estimate from Perined figures, not a Perined figure itself.
    pub hospital_share: f64,
    /// Long-run share of nurse-days lost to sick leave (default 0.08, the
    /// order of the care sector's absence rate); the forecast draws the
    /// spells that begin in the horizon, on top of the scenario's `off` days.
    pub sick_rate: f64,
    /// Mean length of a sick spell, days (default 10).
    pub sick_spell_days: f64,
}

impl Default for SampleParams {
    fn default() -> Self {
        SampleParams {
            due_sd_days: 9.0,
            induction_days: 14,
            hospital_share: 0.28,
            sick_rate: 0.08,
            sick_spell_days: 10.0,
        }
    }
}

impl SampleParams {
    /// The sickness chain's `(P(well→sick), P(sick→well))`.
    pub(crate) fn sick_chain(&self) -> (f64, f64) {
        let q = self.sick_rate;
        let spell = self.sick_spell_days.max(1.0);
        let fall_ill = if q < 1.0 {
            (q / (spell * (1.0 - q))).min(1.0)
        } else {
            1.0
        };
        (fall_ill, 1.0 / spell)
    }

    /// Every out-of-range parameter, each with its field, value and valid
    /// range (joined by `; `).
    pub fn validate(&self) -> Result<(), String> {
        let mut bad = Vec::new();
        let mut need = |ok: bool, field: &str, value: String, range: String| {
            if !ok {
                bad.push(format!("{field} = {value} is outside {range}"));
            }
        };
        need(
            self.due_sd_days.is_finite() && (0.0..=30.0).contains(&self.due_sd_days),
            "due_sd_days",
            self.due_sd_days.to_string(),
            "0–30 days".into(),
        );
        need(
            (0..=28).contains(&self.induction_days),
            "induction_days",
            self.induction_days.to_string(),
            "0–28 days".into(),
        );
        need(
            (0.0..=1.0).contains(&self.hospital_share),
            "hospital_share",
            self.hospital_share.to_string(),
            "0–1".into(),
        );
        let spell_ok =
            self.sick_spell_days.is_finite() && (1.0..=365.0).contains(&self.sick_spell_days);
        need(
            spell_ok,
            "sick_spell_days",
            self.sick_spell_days.to_string(),
            "1–365 days".into(),
        );
        // P(well→sick) = q / (L (1 − q)) ≤ 1  ⇔  q ≤ L / (L + 1).
        let max_rate = if spell_ok {
            self.sick_spell_days / (self.sick_spell_days + 1.0)
        } else {
            0.5
        };
        need(
            (0.0..=max_rate).contains(&self.sick_rate) && self.sick_rate < 1.0,
            "sick_rate",
            self.sick_rate.to_string(),
            format!(
                "0–{max_rate:.3} (at most L/(L+1) with mean spell L = {} days)",
                self.sick_spell_days
            ),
        );
        if bad.is_empty() {
            Ok(())
        } else {
            Err(bad.join("; "))
        }
    }
}

/// What one run drew: for reporting and tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draw {
    /// Bookings (families with `due`) in the base scenario.
    pub bookings: u32,
    /// Bookings whose sampled birth falls in the horizon.
    pub born_in_horizon: u32,
    /// Bookings given a hospital stay (second line), dropped ones included.
    pub hospital: u32,
    /// Nurse-days drawn sick, including days the scenario already had off.
    pub sick_nurse_days: u32,
    /// Bookings left out because their sampled episode misses the horizon.
    pub families_dropped: u32,
}

/// Hospital days of a second-line stay: `h` with its probability.
const STAY_DAYS: [(u32, f64); 4] = [(1, 0.60), (2, 0.25), (3, 0.10), (4, 0.05)];

/// The purposes of the random streams of a run. The first three are the
/// forecast's; a simulation draws the same births, stays and first
/// horizon of sickness from them, and the rest of its season from its own.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stream {
    Births = 1,
    Hospital = 2,
    Sickness = 3,
    /// Sickness after the first horizon (`kraamplan simulate`).
    SeasonSickness = 4,
    /// Bookings beyond the base's (`kraamplan simulate`).
    Bookings = 5,
    /// Early discharges (`kraamplan simulate`).
    Discharge = 6,
    /// Births of a season, day by day (`kraamplan season`).
    SeasonBirths = 7,
    /// Their hospital stays.
    SeasonStays = 8,
    /// The base family each birth copies, and its home's jitter.
    SeasonTemplates = 9,
    /// Sick days over the season.
    SeasonSick = 10,
}

/// The ChaCha8 stream of `purpose` in run `run`: keyed by all three, so it
/// does not depend on how many runs there are or where they run.
pub(crate) fn stream(seed: u64, run: u64, purpose: Stream) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&run.to_le_bytes());
    key[16..24].copy_from_slice(&(purpose as u64).to_le_bytes());
    key[24..].copy_from_slice(b"kp-fcst1");
    ChaCha8Rng::from_seed(key)
}

/// The scenario of forecast run `run` (deterministic in base, params, seed and run — independent of how many runs or shards there are).
pub fn sample_run(base: &Scenario, params: &SampleParams, seed: u64, run: u64) -> (Scenario, Draw) {
    let mut births = stream(seed, run, Stream::Births);
    let mut stays = stream(seed, run, Stream::Hospital);
    let mut sickness = stream(seed, run, Stream::Sickness);
    let mut s = base.clone();
    let mut draw = Draw::default();
    let end = add_days(s.start, i64::from(s.days) - 1);

    let mut keep = Vec::with_capacity(s.families.len());
    for f in &mut s.families {
        let Some(due) = f.due.take() else {
            keep.push(true);
            continue;
        };
        draw.bookings += 1;
        let lo = days_between(due, s.start);
        let offset = birth_offset(
            births.gen::<f64>(),
            lo,
            params.induction_days,
            params.due_sd_days,
        );
        let birth = add_days(due, offset);
        f.care_start = birth;
        f.delivered_before = 0;
        let (u_stay, u_days) = (stays.gen::<f64>(), stays.gen::<f64>());
        let h = if u_stay < params.hospital_share {
            stay_days(u_days).min(f.care_days.saturating_sub(1))
        } else {
            0
        };
        draw.hospital += u32::from(h > 0);
        f.hospital = (0..i64::from(h)).map(|k| add_days(birth, k)).collect();
        let in_horizon = birth <= end;
        draw.born_in_horizon += u32::from(in_horizon);
        draw.families_dropped += u32::from(!in_horizon);
        keep.push(in_horizon);
    }
    let mut keep = keep.into_iter();
    s.families.retain(|_| keep.next().unwrap_or(true));

    let (fall_ill, recover) = params.sick_chain();
    for nurse in &mut s.nurses {
        let mut sick = false;
        let mut added = false;
        for t in 0..i64::from(s.days) {
            let u = sickness.gen::<f64>();
            sick = match (t, sick) {
                // Well on the eve of `start`: known absences are in `off`.
                (0, _) | (_, false) => u < fall_ill,
                (_, true) => u >= recover,
            };
            if sick {
                draw.sick_nurse_days += 1;
                nurse.off.push(add_days(s.start, t));
                added = true;
            }
        }
        if added {
            nurse.off.sort_unstable();
            nurse.off.dedup();
        }
    }
    (s, draw)
}

/// Days from the due date to the birth: `round(N(0, sd))` conditioned on
/// `lo ≤ k ≤ hi`, by the inverse CDF at `u` ∈ [0, 1). With an empty window
/// (`lo > hi`: past induction at `start`) the birth is at `lo`.
pub(crate) fn birth_offset(u: f64, lo: i64, hi: i64, sd: f64) -> i64 {
    if lo >= hi {
        return lo;
    }
    if sd <= 0.0 {
        return 0i64.clamp(lo, hi);
    }
    let mass = |k: i64| normal_mass((k as f64 - 0.5) / sd, (k as f64 + 0.5) / sd);
    let total: f64 = (lo..=hi).map(mass).sum();
    if total.is_nan() || total <= 0.0 {
        // The whole window lies beyond any representable tail: its end nearest 0.
        return 0i64.clamp(lo, hi);
    }
    let mut x = u * total;
    for k in lo..hi {
        let m = mass(k);
        if x < m {
            return k;
        }
        x -= m;
    }
    hi
}

/// Days in hospital of a second-line stay, by the inverse CDF at `u`.
pub(crate) fn stay_days(u: f64) -> u32 {
    let mut x = u;
    for (h, p) in STAY_DAYS {
        if x < p {
            return h;
        }
        x -= p;
    }
    STAY_DAYS[STAY_DAYS.len() - 1].0
}

/// `P(a ≤ Z ≤ b)` for a standard normal `Z`, accurate in either tail.
fn normal_mass(a: f64, b: f64) -> f64 {
    let r = std::f64::consts::FRAC_1_SQRT_2;
    if a >= 0.0 {
        0.5 * (erfc(a * r) - erfc(b * r))
    } else if b <= 0.0 {
        0.5 * (erfc(-b * r) - erfc(-a * r))
    } else {
        1.0 - 0.5 * erfc(b * r) - 0.5 * erfc(-a * r)
    }
}

/// Complementary error function, fractional error below 1.2e-7 everywhere
/// (Chebyshev fit of Numerical Recipes, `erfcc`).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{parse_scenario, Family};
    use chrono::NaiveDate;
    use rand_distr::{Distribution, Normal};
    use serde_json::json;

    const START: &str = "2026-07-06";

    fn horizon(s: &Scenario) -> Vec<NaiveDate> {
        (0..i64::from(s.days))
            .map(|t| add_days(s.start, t))
            .collect()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A region of `nurses` nurses and the given families, `days` long.
    fn scenario(days: u32, nurses: usize, families: Vec<serde_json::Value>) -> Scenario {
        let nurses: Vec<_> = (0..nurses)
            .map(|i| {
                json!({ "id": format!("N{i:03}"), "provider": "P1", "contract_max": 32,
                        "home": [52.1, 5.1], "off": [START] })
            })
            .collect();
        let v = json!({
            "format": "kraamplan/scenario@1", "name": "sample unit test",
            "start": START, "days": days,
            "providers": [{ "id": "P1" }],
            "nurses": nurses, "families": families,
        });
        parse_scenario(&v.to_string(), "test").unwrap().scenario
    }

    fn family(id: &str, care_start: &str, due: Option<&str>) -> serde_json::Value {
        let mut f = json!({ "id": id, "provider": "P1", "care_start": care_start,
                            "indicated_hours": 49, "home": [52.1, 5.1],
                            "hospital": [care_start] });
        if let Some(due) = due {
            f["due"] = json!(due);
        }
        f
    }

    /// `n` bookings due on `due` (expected on the due date).
    fn bookings(n: usize, due: &str) -> Vec<serde_json::Value> {
        (0..n)
            .map(|i| family(&format!("B{i:03}"), due, Some(due)))
            .collect()
    }

    /// Births (days after due) of every booking born in the runs.
    fn offsets(base: &Scenario, p: &SampleParams, runs: u64, due: NaiveDate) -> Vec<i64> {
        (0..runs)
            .flat_map(|run| {
                let (s, _) = sample_run(base, p, 7, run);
                s.families
                    .iter()
                    .filter(|f| f.id.starts_with('B'))
                    .map(|f| days_between(due, f.care_start))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn mean_sd(x: &[f64]) -> (f64, f64) {
        let n = x.len() as f64;
        let mean = x.iter().sum::<f64>() / n;
        let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, var.sqrt())
    }

    #[test]
    fn same_run_same_scenario_other_run_other_scenario() {
        let base = scenario(14, 5, bookings(20, "2026-07-12"));
        let p = SampleParams::default();
        assert_eq!(sample_run(&base, &p, 1, 3), sample_run(&base, &p, 1, 3));
        assert_ne!(sample_run(&base, &p, 1, 3).0, sample_run(&base, &p, 1, 4).0);
        assert_ne!(sample_run(&base, &p, 1, 3).0, sample_run(&base, &p, 2, 3).0);
    }

    #[test]
    fn births_fall_between_start_and_induction() {
        // Due 8 days before start: the window is start … due + 14, 7 days.
        let due = d("2026-06-28");
        let base = scenario(42, 0, bookings(50, "2026-07-06")).with_due(due);
        let p = SampleParams::default();
        let x = offsets(&base, &p, 100, due);
        assert_eq!(x.len(), 5000, "all born in a 42-day horizon");
        assert!(x.iter().all(|&k| (8..=14).contains(&k)), "{x:?}");
        // A booking past its induction date at start is born on start.
        let late = scenario(7, 0, bookings(3, "2026-07-06")).with_due(d("2026-06-01"));
        let (s, draw) = sample_run(&late, &p, 1, 1);
        assert!(s.families.iter().all(|f| f.care_start == d(START)));
        assert_eq!(draw.born_in_horizon, 3);
    }

    #[test]
    fn births_follow_the_truncated_normal() {
        // Due 10 days after start: births from due − 10 to due + 14.
        let due = d("2026-07-16");
        let base = scenario(42, 0, bookings(50, "2026-07-16"));
        let p = SampleParams::default();
        let x: Vec<f64> = offsets(&base, &p, 100, due)
            .iter()
            .map(|&k| k as f64)
            .collect();
        assert_eq!(x.len(), 5000);
        assert!(x.iter().all(|&k| (-10.0..=14.0).contains(&k)));
        // The same distribution by rejection sampling, independently.
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let normal: Normal<f64> = Normal::new(0.0, 9.0).unwrap();
        let reference: Vec<f64> = std::iter::repeat_with(|| normal.sample(&mut rng).round())
            .filter(|k| (-10.0..=14.0).contains(k))
            .take(100_000)
            .collect();
        let (m, sd) = mean_sd(&x);
        let (rm, rsd) = mean_sd(&reference);
        assert!((m - rm).abs() < 0.4, "mean {m} vs {rm}");
        assert!((sd - rsd).abs() < 0.4, "sd {sd} vs {rsd}");
        let left = x.iter().filter(|&&k| k <= 0.0).count() as f64 / x.len() as f64;
        let want = reference.iter().filter(|&&k| k <= 0.0).count() as f64 / reference.len() as f64;
        assert!(
            (left - want).abs() < 0.03,
            "share born by due {left} vs {want}"
        );
    }

    #[test]
    fn hospital_share_and_stay_lengths() {
        let base = scenario(42, 0, bookings(50, "2026-07-16"));
        let p = SampleParams::default();
        let (mut with, mut total, mut days) = (0, 0, [0u32; 8]);
        for run in 0..200 {
            let (s, draw) = sample_run(&base, &p, 3, run);
            for f in &s.families {
                total += 1;
                let h = f.hospital.len();
                with += usize::from(h > 0);
                days[h] += 1;
                let first: Vec<_> = (0..h as i64).map(|k| add_days(f.care_start, k)).collect();
                assert_eq!(f.hospital, first, "the first {h} days of the episode");
            }
            assert_eq!(
                draw.hospital as usize,
                s.families.iter().filter(|f| !f.hospital.is_empty()).count()
            );
        }
        let share = with as f64 / total as f64;
        assert!((share - 0.28).abs() < 0.02, "hospital share {share}");
        let one = days[1] as f64 / with as f64;
        assert!((one - 0.6).abs() < 0.03, "one-day stays {one}");
        assert!(days[5..].iter().all(|&c| c == 0));
        // Short episodes keep a home day.
        let mut short = scenario(42, 0, bookings(50, "2026-07-16"));
        for f in &mut short.families {
            f.care_days = 2;
        }
        let all = SampleParams {
            hospital_share: 1.0,
            ..p.clone()
        };
        let (s, _) = sample_run(&short, &all, 3, 0);
        assert!(s.families.iter().all(|f| f.hospital.len() == 1));
        // None at share 0: the booking's own hospital list is replaced.
        let none = SampleParams {
            hospital_share: 0.0,
            ..p
        };
        let (s, draw) = sample_run(&base, &none, 3, 0);
        assert!(s.families.iter().all(|f| f.hospital.is_empty()));
        assert_eq!(draw.hospital, 0);
    }

    #[test]
    fn sick_share_of_nurse_days() {
        let base = scenario(42, 20, vec![]);
        let p = SampleParams::default();
        let (mut sick, mut all) = (0u64, 0u64);
        for run in 0..200 {
            let (s, draw) = sample_run(&base, &p, 9, run);
            sick += u64::from(draw.sick_nurse_days);
            all += 20 * 42;
            for (n, b) in s.nurses.iter().zip(&base.nurses) {
                assert!(
                    n.off.windows(2).all(|w| w[0] < w[1]),
                    "sorted, no duplicates"
                );
                assert!(b.off.iter().all(|d| n.off.contains(d)), "own days off stay");
                assert!(n.off.iter().all(|d| horizon(&s).contains(d)));
            }
        }
        // From a well start, P(sick on day t) = q (1 − rᵗ), r = 1 − λ − μ.
        let (q, l) = (p.sick_rate, p.sick_spell_days);
        let r = 1.0 - q / (l * (1.0 - q)) - 1.0 / l;
        let expected = (1..=42).map(|t| q * (1.0 - r.powi(t))).sum::<f64>() / 42.0;
        let share = sick as f64 / all as f64;
        assert!(
            (share - expected).abs() < 0.01,
            "sick share {share}, expected {expected}"
        );
        assert!((0.06..0.07).contains(&expected), "{expected}");
        let none = SampleParams {
            sick_rate: 0.0,
            ..p
        };
        let (s, draw) = sample_run(&base, &none, 9, 0);
        assert_eq!(draw.sick_nurse_days, 0);
        assert_eq!(s.nurses, base.nurses);
    }

    #[test]
    fn same_births_whatever_sickness_or_hospital_share() {
        let base = scenario(14, 10, bookings(30, "2026-07-12"));
        let p = SampleParams::default();
        let other = SampleParams {
            sick_rate: 0.3,
            hospital_share: 0.7,
            ..p.clone()
        };
        for run in 0..5 {
            let starts = |p: &SampleParams| -> Vec<(String, NaiveDate)> {
                let (s, _) = sample_run(&base, p, 4, run);
                s.families
                    .iter()
                    .map(|f| (f.id.clone(), f.care_start))
                    .collect()
            };
            assert_eq!(starts(&p), starts(&other));
        }
    }

    #[test]
    fn bookings_born_after_the_horizon_are_dropped() {
        // Horizon 07-06 … 07-12; B… due 08-20 are born after it (sd 9 days).
        let mut families = bookings(5, "2026-08-20");
        families.push(family("F001", "2026-07-04", None));
        let base = scenario(7, 2, families);
        let p = SampleParams::default();
        for run in 0..50 {
            let (s, draw) = sample_run(&base, &p, 1, run);
            assert_eq!(draw.bookings, 5);
            assert_eq!(draw.families_dropped, 5);
            assert_eq!(draw.born_in_horizon, 0);
            assert_eq!(s.families.len(), 1);
            assert_eq!(s.families[0].id, "F001");
        }
    }

    #[test]
    fn families_without_due_are_untouched() {
        let mut families = bookings(3, "2026-07-08");
        families.push(family("F001", "2026-07-04", None));
        families.push(family("F002", "2026-07-09", None));
        let base = scenario(14, 2, families);
        let (s, _) = sample_run(&base, &SampleParams::default(), 1, 0);
        let fixed: Vec<&Family> = base.families.iter().filter(|f| f.due.is_none()).collect();
        let kept: Vec<&Family> = s
            .families
            .iter()
            .filter(|f| f.id.starts_with('F'))
            .collect();
        assert_eq!(fixed, kept);
        for f in s.families.iter().filter(|f| f.id.starts_with('B')) {
            assert_eq!(f.due, None, "{} is born", f.id);
            assert_eq!(f.delivered_before, 0);
        }
    }

    #[test]
    fn params_are_validated_by_name() {
        assert_eq!(SampleParams::default().validate(), Ok(()));
        let bad = SampleParams {
            due_sd_days: f64::NAN,
            induction_days: -1,
            hospital_share: 1.5,
            sick_rate: -0.1,
            sick_spell_days: 0.5,
        };
        let e = bad.validate().unwrap_err();
        for field in [
            "due_sd_days = NaN",
            "induction_days = -1",
            "hospital_share = 1.5",
            "sick_spell_days = 0.5",
            "sick_rate = -0.1",
        ] {
            assert!(e.contains(field), "{field} missing in {e}");
        }
        let e = SampleParams {
            sick_rate: 0.95,
            sick_spell_days: 10.0,
            ..SampleParams::default()
        }
        .validate()
        .unwrap_err();
        assert!(e.contains("sick_rate = 0.95 is outside 0–0.909"), "{e}");
    }

    #[test]
    fn birth_offset_edges() {
        assert_eq!(birth_offset(0.3, 5, 5, 9.0), 5);
        assert_eq!(birth_offset(0.3, 20, 14, 9.0), 20);
        assert_eq!(birth_offset(0.99, -3, 14, 0.0), 0);
        assert_eq!(birth_offset(0.99, 3, 14, 0.0), 3);
        // Far in the tail the window still yields its nearest end.
        assert_eq!(birth_offset(0.0, 3000, 3001, 1.0), 3000);
        assert_eq!(birth_offset(0.0, -20, 14, 9.0), -20);
        assert_eq!(birth_offset(0.999_999_9, -20, 14, 9.0), 14);
        assert!((normal_mass(-1.0, 1.0) - 0.682_689_5).abs() < 1e-6);
        assert!((normal_mass(1.0, f64::INFINITY) - 0.158_655_3).abs() < 1e-6);
    }

    #[test]
    fn sampled_default_scenarios_validate_and_build() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/default.json");
        let base = crate::scenario::read_scenario(&path).unwrap().scenario;
        assert!(
            base.families.iter().any(|f| f.due.is_some()),
            "default.json has bookings"
        );
        let p = SampleParams::default();
        for run in 0..8 {
            let (s, draw) = sample_run(&base, &p, 2026, run);
            assert!(draw.bookings > 100 && draw.families_dropped > 0, "{draw:?}");
            let text = serde_json::to_string(&s).unwrap();
            let read = parse_scenario(&text, "sampled").unwrap();
            assert!(read.unknown_fields.is_empty());
            let issues = crate::scenario::validate::validate(&read);
            let errors: Vec<String> = issues
                .iter()
                .filter(|i| i.is_error() || i.code == "V-DATE")
                .map(|i| i.to_string())
                .collect();
            assert!(errors.is_empty(), "run {run}: {errors:#?}");
            crate::model::Problem::build(&s).unwrap();
        }
    }

    /// Test helper: give every booking of `s` the due date `due`.
    trait WithDue {
        fn with_due(self, due: NaiveDate) -> Self;
    }
    impl WithDue for Scenario {
        fn with_due(mut self, due: NaiveDate) -> Self {
            for f in self.families.iter_mut().filter(|f| f.due.is_some()) {
                f.due = Some(due);
            }
            self
        }
    }
}
