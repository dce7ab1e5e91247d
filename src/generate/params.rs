//! The generator's parameters, their limits and checks, and the bundled
//! colour and ladder scenarios' parameters.

use super::*;

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
/// after it stay within the supported dates (`crate::scenario::limits`, 1900–2200).
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
            (1, crate::scenario::validate::MAX_DAYS),
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
                crate::scenario::limits::FIRST_YEAR,
                crate::scenario::limits::LAST_YEAR
            ));
        }
        bad
    }
}

/// Every measure of `models/rules.md`, for the colour scenarios that may
/// need them (not M-KRAAMCENTRUM: a generated region has no kraamcentrum).
pub(super) fn all_measures() -> Vec<String> {
    crate::scenario::MEASURE_IDS
        .iter()
        .filter(|m| **m != crate::domain::rules::RuleId::MKraamcentrum.id())
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
/// regions of the sizes the benchmarks target, generated for a summer week;
/// and the same sizes where care is short (`scarce-*`, issue "Where care is
/// short"): fewer nurses per 100 births and 12 % sick, so that families fall
/// below the floor and the partus pool goes short.
pub fn ladder_scenarios() -> Vec<(&'static str, GenParams)> {
    let mut rungs = ample_rungs();
    rungs.extend(scarce_rungs());
    rungs
}

/// The scarce rungs: 2–23 % of the families below the floor in the
/// heuristic's plan (S 4 of 14, M 23 of 101, L 16 of 256, XL 6 of 442) and
/// the pool short on most shifts.
fn scarce_rungs() -> Vec<(&'static str, GenParams)> {
    let rung = |name: &str, births, providers, freelancers, days, staff, seed| GenParams {
        name: name.to_string(),
        births_per_year: births,
        providers,
        freelancers,
        days,
        seed,
        sick: 0.12,
        nurses_per_100_births: staff,
        ..GenParams::default()
    };
    vec![
        (
            "scenarios/ladder/scarce-S.json",
            rung(
                "Ladder scarce S: 1 provider, 7 days, care short",
                300,
                1,
                0,
                7,
                3.1,
                1,
            ),
        ),
        (
            "scenarios/ladder/scarce-M.json",
            rung(
                "Ladder scarce M: 4 providers, 7 days, care short",
                2000,
                4,
                1,
                7,
                3.3,
                3,
            ),
        ),
        (
            "scenarios/ladder/scarce-L.json",
            rung(
                "Ladder scarce L: 8 providers, 14 days, care short",
                4000,
                8,
                2,
                14,
                3.6,
                2,
            ),
        ),
        (
            "scenarios/ladder/scarce-XL.json",
            GenParams {
                measures: ["M-COMBINED", "M-LENDING", "M-FLEX", "M-WAITLIST"]
                    .iter()
                    .map(|m| m.to_string())
                    .collect(),
                waitlist: 0.05,
                ..rung(
                    "Ladder scarce XL: 15 providers, 14 days, lending and waiting list, care short",
                    7300,
                    15,
                    3,
                    14,
                    3.6,
                    1,
                )
            },
        ),
    ]
}

/// The rungs where care suffices.
fn ample_rungs() -> Vec<(&'static str, GenParams)> {
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
