//! Property tests (style.md point 10): generate small scenarios, plan them
//! with the MILP and require a plan that the independent checker accepts and
//! whose key figures are consistent.
//!
//! Two strategies: scenarios built field by field (random horizon start and
//! length, contracts, days off, hospital days, deficits, history hours and
//! worked and on-call days, rules, roles, waiting list, far-away homes, a
//! partus pool now and then) so that the working-time, on-call, travel and
//! care rules bind; and scenarios from
//! `kraamplan::generate::generate` with small parameters.
//!
//! Run with the release profile: `cargo test --release --test properties`.
//! A failure prints the scenario as JSON, ready to be saved as a fixture.
//! For a deeper run: `PROPTEST_CASES=1000 cargo test --release --test properties`.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use kraamplan::check;
use kraamplan::engine::escalation;
use kraamplan::engine::EngineConfig;
use kraamplan::generate::{generate, GenParams};
use kraamplan::milp::SolveConfig;
use kraamplan::model::Problem;
use kraamplan::plan::Plan;
use kraamplan::scenario::validate::validate;
use kraamplan::scenario::{
    parse_scenario, Arrival, Complexity, Family, History, Nurse, PartusPool, PoolScope, Provider,
    Role, Rules, Scenario, Shift, ShiftRequirement, MEASURE_IDS, SCENARIO_FORMAT,
};

/// Seconds the solver may use per case (the tiny cases finish far sooner).
const TIME_LIMIT: f64 = 5.0;

// ---------------------------------------------------------------------------
// Specs: the random choices, turned into a valid scenario by `build`.
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct RulesSpec {
    max_nurse_hours_per_day: Option<u32>,
    max_family_hours_per_day: Option<u32>,
    max_hours_per_week: Option<u32>,
    max_avg_hours_4w: Option<u32>,
    max_avg_hours_16w: Option<u32>,
    max_travel_km: Option<u32>,
    rest_days_between_episodes: Option<u32>,
    weekly_rest: Option<bool>,
    max_oncall_days_4w: Option<u32>,
    oncall_counts_as_work: Option<bool>,
    min_visit_hours: Option<u32>,
}

#[derive(Debug, Clone)]
struct PoolSpec {
    provider_scope: bool,
    /// Per shift of the horizon (day, evening, night of each date): nurses required.
    required: Vec<u8>,
    /// Instead of `required`: expected calls a day, in tenths (Erlang-B).
    expected_pa_tenths: Option<u32>,
}

#[derive(Debug, Clone)]
struct NurseSpec {
    provider: usize,
    /// 0 → kio, 1 → office_qualified, otherwise nurse.
    role: u8,
    contract_max: u32,
    /// contract_min as a percentage of contract_max.
    min_pct: u32,
    /// Offset of the home from the region centre, in degrees.
    home: (f64, f64),
    /// Bit `t`: day `t` of the horizon is off.
    off: u16,
    /// Bit `k`: worked on `start − 1 − k` (two weeks back).
    worked: u16,
    /// Bit `k`: on call on `start − 1 − k`.
    oncall: u16,
    /// Weekly hours of past weeks, most recent last.
    weekly_hours: Vec<u32>,
    /// Hours before `start` in its week, as a percentage of 10 h a day.
    current_pct: u32,
    /// Bit `i`: consent to `MEASURE_IDS[i]`.
    consent: u16,
    partus: bool,
}

#[derive(Debug, Clone)]
struct FamilySpec {
    /// `None` → waiting list.
    provider: Option<usize>,
    /// Picks `care_start` among the dates that make the episode touch the horizon.
    start_pick: u32,
    care_days: u32,
    indicated_hours: u32,
    /// Hours delivered before `start`, as a percentage of 8 h per home day before it.
    delivered_pct: u32,
    /// Bit `k`: episode day `k` is in hospital.
    hospital: u16,
    complexity: u8,
    priority: u8,
    home: (f64, f64),
    /// Bit `i`: nurse `i` already served the family.
    known: u8,
}

#[derive(Debug, Clone)]
struct Spec {
    /// Days after Monday 2026-06-29, or around the 2026/2027 ISO year change.
    start: NaiveDate,
    days: u32,
    providers: usize,
    contracted: Vec<bool>,
    rules: RulesSpec,
    /// Bit `i`: `MEASURE_IDS[i]` is allowed.
    measures: u16,
    nurses: Vec<NurseSpec>,
    families: Vec<FamilySpec>,
    pool: Option<PoolSpec>,
}

fn rules_spec() -> impl Strategy<Value = RulesSpec> {
    (
        (
            prop::option::of(4u32..=12),
            prop::option::of(3u32..=12),
            prop::option::of(16u32..=60),
            prop::option::of(30u32..=60),
        ),
        (
            prop::option::of(30u32..=60),
            prop::option::of(8u32..=40),
            prop::option::of(0u32..=2),
            prop::option::of(any::<bool>()),
        ),
        (
            prop::option::of(0u32..=28),
            prop::option::of(any::<bool>()),
            prop::option::of(prop::sample::select(vec![1u32, 3, 4])),
        ),
    )
        .prop_map(
            |((day, fam, week, avg4), (avg16, km, rest, weekly), (oncall4w, counts, visit))| {
                RulesSpec {
                    max_nurse_hours_per_day: day,
                    max_family_hours_per_day: fam,
                    max_hours_per_week: week,
                    max_avg_hours_4w: avg4,
                    max_avg_hours_16w: avg16,
                    max_travel_km: km,
                    rest_days_between_episodes: rest,
                    weekly_rest: weekly,
                    max_oncall_days_4w: oncall4w,
                    oncall_counts_as_work: counts,
                    min_visit_hours: visit,
                }
            },
        )
}

fn pool_spec() -> impl Strategy<Value = PoolSpec> {
    (
        any::<bool>(),
        // Up to 14 days of three shifts; mostly 0 or 1 nurse required.
        prop::collection::vec(
            prop_oneof![3 => Just(0u8), 2 => Just(1u8), 1 => Just(2u8)],
            42,
        ),
        prop::option::weighted(0.3, 1u32..=60),
    )
        .prop_map(|(provider_scope, required, expected_pa_tenths)| PoolSpec {
            provider_scope,
            required,
            expected_pa_tenths,
        })
}

/// History hours: a level per nurse plus a little noise, so that the 4- and
/// 16-week averages sometimes bind.
fn weekly_hours() -> impl Strategy<Value = Vec<u32>> {
    (0u32..=56, prop::collection::vec(0u32..=8, 0..=16))
        .prop_map(|(base, noise)| noise.into_iter().map(|n| (base + n).min(60)).collect())
}

fn home() -> impl Strategy<Value = (f64, f64)> {
    // About ±20 km north–south and ±17 km east–west: a few pairs are too far apart.
    (-180i32..=180, -250i32..=250).prop_map(|(a, b)| (a as f64 / 1000.0, b as f64 / 1000.0))
}

fn nurse_spec() -> impl Strategy<Value = NurseSpec> {
    (
        (
            0usize..4,
            0u8..12,
            prop_oneof![1 => Just(0u32), 9 => 8u32..=40],
            0u32..=100,
            home(),
        ),
        (any::<u16>(), any::<u16>(), any::<u16>()),
        (weekly_hours(), 0u32..=100, any::<u16>(), any::<bool>()),
    )
        .prop_map(
            |(
                (provider, role, contract_max, min_pct, home),
                (off, worked, oncall),
                (weekly_hours, current_pct, consent, partus),
            )| NurseSpec {
                provider,
                role,
                contract_max,
                min_pct,
                home,
                // About a quarter of the days off.
                off: off & (off >> 1),
                worked,
                // On call now and then.
                oncall: oncall & (oncall >> 3) & (oncall >> 5),
                weekly_hours,
                current_pct,
                consent,
                partus,
            },
        )
}

fn family_spec() -> impl Strategy<Value = FamilySpec> {
    (
        (
            prop::option::weighted(0.9, 0usize..4),
            any::<u32>(),
            prop_oneof![3 => Just(8u32), 1 => 1u32..=10],
            24u32..=80,
            0u32..=100,
        ),
        (
            prop::option::weighted(0.3, any::<u16>()),
            0u8..3,
            1u8..=3,
            home(),
            any::<u8>(),
        ),
    )
        .prop_map(
            |(
                (provider, start_pick, care_days, indicated_hours, delivered_pct),
                (hospital, complexity, priority, home, known),
            )| FamilySpec {
                provider,
                start_pick,
                care_days,
                indicated_hours,
                delivered_pct,
                hospital: hospital.unwrap_or(0),
                complexity,
                priority,
                home,
                known: known & (known >> 2),
            },
        )
}

fn start_date() -> impl Strategy<Value = NaiveDate> {
    let summer = NaiveDate::from_ymd_opt(2026, 6, 29).unwrap();
    let new_year = NaiveDate::from_ymd_opt(2026, 12, 21).unwrap();
    (prop::bool::weighted(0.2), 0u64..14).prop_map(move |(winter, d)| {
        let base = if winter { new_year } else { summer };
        base + chrono::Days::new(d)
    })
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (
            start_date(),
            // Mostly up to a week; now and then two, so weekly rules span weeks.
            prop_oneof![4 => 2u32..=7, 1 => 8u32..=14],
            1usize..=2,
        ),
        (
            prop::collection::vec(prop::bool::weighted(0.9), 2),
            rules_spec(),
            any::<u16>(),
        ),
        (
            prop::collection::vec(nurse_spec(), 2..=8),
            prop::collection::vec(family_spec(), 2..=8),
            prop::option::weighted(0.35, pool_spec()),
        ),
    )
        .prop_map(
            |(
                (start, days, providers),
                (contracted, rules, measures),
                (nurses, families, pool),
            )| {
                Spec {
                    start,
                    days,
                    providers,
                    contracted,
                    rules,
                    // A few measures at most.
                    measures: measures & (measures >> 4),
                    nurses,
                    families,
                    pool,
                }
            },
        )
}

fn day(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d + chrono::Days::new(n as u64)
    } else {
        d - chrono::Days::new((-n) as u64)
    }
}

fn measures_of(mask: u16) -> Vec<String> {
    MEASURE_IDS
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, m)| m.to_string())
        .collect()
}

const CENTRE: [f64; 2] = [52.1, 5.1];

/// Turn the random choices into a scenario that passes validation.
fn build(spec: &Spec) -> Scenario {
    let r = &spec.rules;
    let rules = Rules {
        max_nurse_hours_per_day: r.max_nurse_hours_per_day,
        max_family_hours_per_day: r.max_family_hours_per_day,
        max_hours_per_week: r.max_hours_per_week,
        max_avg_hours_4w: r.max_avg_hours_4w,
        max_avg_hours_16w: r.max_avg_hours_16w,
        max_travel_km: r.max_travel_km.map(f64::from),
        travel_kmh: None,
        rest_days_between_episodes: r.rest_days_between_episodes,
        weekly_rest: r.weekly_rest,
        max_oncall_days_4w: r.max_oncall_days_4w,
        oncall_counts_as_work: r.oncall_counts_as_work,
        min_visit_hours: r.min_visit_hours,
        policy: None,
    };
    let week_max = rules.max_hours_per_week();
    let providers: Vec<Provider> = (0..spec.providers)
        .map(|i| Provider {
            id: format!("P{}", i + 1),
            name: format!("Provider {}", i + 1),
            contracted: spec.contracted[i],
            ksv_member: true,
            freelancer: false,
        })
        .collect();
    let days_before_in_week = spec.start.weekday().num_days_from_monday();
    let nurses: Vec<Nurse> = spec
        .nurses
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let contract_max = n.contract_max.min(week_max);
            let bits = |mask: u16, len: i64| -> Vec<NaiveDate> {
                (0..len)
                    .filter(|k| mask & (1 << k) != 0)
                    .map(|k| day(spec.start, -1 - k))
                    .collect()
            };
            Nurse {
                id: format!("N{:03}", i + 1),
                provider: format!("P{}", n.provider % spec.providers + 1),
                role: match n.role {
                    0 => Role::Kio,
                    1 => Role::OfficeQualified,
                    _ => Role::Nurse,
                },
                contract_min: contract_max * n.min_pct / 100,
                contract_max,
                home: [CENTRE[0] + n.home.0, CENTRE[1] + n.home.1],
                off: (0..spec.days as i64)
                    .filter(|t| n.off & (1 << t) != 0)
                    .map(|t| day(spec.start, t))
                    .collect(),
                partus: n.partus,
                consent: measures_of(n.consent),
                history: History {
                    worked: bits(n.worked, 14),
                    // May exceed max_oncall_days_4w, and current_week_hours
                    // contract_max: history alone breaks no rule of the plan.
                    oncall: bits(n.oncall, 14),
                    oncall_nights: Vec::new(),
                    weekly_hours: n.weekly_hours.clone(),
                    current_week_hours: 10 * days_before_in_week * n.current_pct / 100,
                },
            }
        })
        .collect();
    let families: Vec<Family> = spec
        .families
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // care_start in [start − (care_days − 1), start + days − 1]: the episode touches the horizon.
            let lo = -(f.care_days as i64 - 1);
            let span = spec.days as i64 - 1 - lo + 1;
            let offset = lo + (f.start_pick as i64).rem_euclid(span);
            let care_start = day(spec.start, offset);
            let hospital: Vec<NaiveDate> = (0..f.care_days as i64)
                .filter(|k| f.hospital & (1 << k) != 0)
                .map(|k| day(care_start, k))
                .collect();
            let home_before = (0..f.care_days as i64)
                .map(|k| day(care_start, k))
                .filter(|d| *d < spec.start && !hospital.contains(d))
                .count() as u32;
            let delivered_before = (8 * home_before * f.delivered_pct / 100).min(f.indicated_hours);
            let known: Vec<String> = (0..nurses.len().min(8))
                .filter(|k| f.known & (1 << k) != 0)
                .map(|k| nurses[k].id.clone())
                .collect();
            Family {
                id: format!("F{:03}", i + 1),
                provider: f.provider.map(|p| format!("P{}", p % spec.providers + 1)),
                care_start,
                due: None,
                care_days: f.care_days,
                indicated_hours: f.indicated_hours,
                delivered_before,
                hospital,
                complexity: match f.complexity {
                    0 => Complexity::Low,
                    1 => Complexity::Medium,
                    _ => Complexity::High,
                },
                priority: f.priority,
                home: [CENTRE[0] + f.home.0, CENTRE[1] + f.home.1],
                known_nurses: known,
                // A third of the families come home in the evening (M-NO-STARTUP).
                arrival: if f.indicated_hours % 3 == 0 {
                    Arrival::Evening
                } else {
                    Arrival::Day
                },
                insurer: None,
            }
        })
        .collect();
    // M-KRAAMCENTRUM drawn: a kraamcentrum of three where everyone lives,
    // its day as long as a nurse's day may be (3–8 h; none below 3 h).
    let day = rules.max_nurse_hours_per_day();
    let centre = (measures_of(spec.measures)
        .iter()
        .any(|m| m == "M-KRAAMCENTRUM")
        && day >= 3)
        .then(|| kraamplan::scenario::Kraamcentrum {
            size: 3,
            beds: None,
            location: CENTRE,
            hours_per_day: Some(day.min(8)),
            provider: None,
        });
    let mut measures = measures_of(spec.measures);
    if centre.is_none() {
        measures.retain(|m| m != "M-KRAAMCENTRUM");
    }
    Scenario {
        format: SCENARIO_FORMAT.to_string(),
        name: "property test".to_string(),
        start: spec.start,
        days: spec.days,
        rules,
        measures,
        providers,
        nurses,
        families,
        partus_pool: spec.pool.as_ref().map(|p| pool(p, spec.start, spec.days)),
        events: Vec::new(),
        // M-KRAAMCENTRUM drawn: a kraamcentrum of three where everyone lives.
        kraamcentrum: centre,
    }
}

fn pool(p: &PoolSpec, start: NaiveDate, days: u32) -> PartusPool {
    let shifts = match p.expected_pa_tenths {
        Some(_) => Vec::new(),
        None => (0..days as usize * 3)
            // Shifts that need nobody are listed too (`required: 0`).
            .filter(|&i| p.required[i % p.required.len()] > 0 || i % 2 == 0)
            .map(|i| ShiftRequirement {
                date: day(start, (i / 3) as i64),
                shift: [Shift::Day, Shift::Evening, Shift::Night][i % 3],
                required: p.required[i % p.required.len()] as u32,
            })
            .collect(),
    };
    PartusPool {
        scope: if p.provider_scope {
            PoolScope::Provider
        } else {
            PoolScope::Regional
        },
        shifts,
        expected_pa_per_day: p.expected_pa_tenths.map(|t| t as f64 / 10.0),
        pa_hours: None,
        max_blocking: None,
        min_on_call: 0,
    }
}

/// Small regional scenarios from the generator.
fn generated() -> impl Strategy<Value = Scenario> {
    (
        (40u32..=250, 1u32..=2, 0u32..=1, 2u32..=7),
        (0u32..=50, any::<u64>(), 0u64..=6),
        (prop::option::of(0u32..=2), any::<u16>()),
    )
        .prop_map(
            |((births, providers, freelancers, days), (sick, seed, weekday), (rest, measures))| {
                let params = GenParams {
                    name: "property test (generated)".to_string(),
                    births_per_year: births,
                    providers,
                    freelancers,
                    start: NaiveDate::from_ymd_opt(2026, 7, 20).unwrap()
                        + chrono::Days::new(weekday),
                    days,
                    sick: sick as f64 / 100.0,
                    seed,
                    measures: measures_of(measures & (measures >> 4)),
                    ..GenParams::default()
                };
                let mut s = generate(&params);
                s.rules.rest_days_between_episodes = rest;
                if s.measures.iter().any(|m| m == "M-KRAAMCENTRUM") {
                    kraamplan::whatif::variant::with_kraamcentrum(&mut s, 4);
                }
                s
            },
        )
}

// ---------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------

/// Validate (through JSON, as the CLI reads it), solve, check.
/// The checker's violations, one per line.
fn violations(report: &check::CheckReport) -> String {
    report
        .violations
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn solve_and_check(s: &Scenario) -> Result<(), TestCaseError> {
    let json = serde_json::to_string_pretty(s).unwrap();
    let read = parse_scenario(&json, "property").map_err(|e| {
        TestCaseError::fail(format!("the scenario does not read back: {e}\n{json}"))
    })?;
    prop_assert!(
        read.unknown_fields.is_empty(),
        "unknown fields {:?}",
        read.unknown_fields
    );
    let errors: Vec<String> = validate(&read)
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.to_string())
        .collect();
    prop_assert!(
        errors.is_empty(),
        "the strategy made an invalid scenario:\n{}\n{json}",
        errors.join("\n")
    );

    let problem = Problem::build(&read.scenario)
        .map_err(|e| TestCaseError::fail(format!("Problem::build: {e}\n{json}")))?;
    let cfg = SolveConfig {
        time_limit: TIME_LIMIT,
        ..SolveConfig::default()
    };
    let plan = kraamplan::engine::milp_plan(&problem, &cfg)
        .map_err(|e| TestCaseError::fail(format!("milp::solve: {e}\n{json}")))?;
    let plan_json = serde_json::to_string_pretty(&plan).unwrap();

    let report = check::check(&read.scenario, &plan);
    prop_assert!(
        report.is_clean(),
        "the checker found violations:\n{}\n--- scenario\n{json}\n--- plan\n{plan_json}",
        violations(&report)
    );
    // The plan as `kraamplan check` reads it from disk is clean too.
    let reread = Plan::from_json(&plan_json).map_err(TestCaseError::fail)?;
    let report2 = check::check(&read.scenario, &reread);
    prop_assert!(
        report2.is_clean(),
        "violations after a JSON round trip: {:?}\n{json}",
        report2.violations
    );

    let k = &plan.kpi;
    let below = plan.families.iter().filter(|f| f.below_floor).count() as u32;
    prop_assert_eq!(
        k.families_below_floor,
        below,
        "families_below_floor\n{}",
        json
    );
    prop_assert!(
        k.families_below_floor >= k.certified_min_below_floor,
        "certified minimum {} above the plan's {}\n{}",
        k.certified_min_below_floor,
        k.families_below_floor,
        json
    );
    prop_assert_eq!(
        report.findings.len() as u32,
        below,
        "checker findings vs below_floor\n{}",
        json
    );
    let level1 = plan.engine.levels.first();
    if level1.is_some_and(|l| l.level == 1 && l.status == "optimal") {
        prop_assert_eq!(
            k.certified_min_below_floor,
            k.families_below_floor,
            "level 1 is optimal, so its count is proven\n{}",
            json
        );
    }
    prop_assert_eq!(
        plan.families.len(),
        read.scenario.families.len(),
        "one outcome per family"
    );
    prop_assert_eq!(
        plan.nurses.len(),
        read.scenario.nurses.len(),
        "one outcome per nurse"
    );
    let hours: u32 = plan.visits.iter().map(|v| v.hours).sum();
    prop_assert_eq!(k.delivered_hours, hours, "delivered_hours vs visits");

    // The escalation ladder's plan is checker-clean too, colours included.
    let ladder = EngineConfig {
        solve: cfg.clone(),
        ..EngineConfig::default()
    };
    let plan = escalation::plan(&read.scenario, &ladder)
        .map_err(|e| TestCaseError::fail(format!("escalation::plan: {e}\n{json}")))?;
    let report = check::check(&read.scenario, &plan);
    prop_assert!(
        report.is_clean(),
        "the checker found violations in the ladder's plan:\n{}\n--- scenario\n{json}",
        violations(&report)
    );
    prop_assert!(!plan.weeks.is_empty(), "no colour codes\n{}", json);
    prop_assert!(plan.kpi.families_below_floor >= plan.kpi.certified_min_below_floor);
    Ok(())
}

/// `cases` cases (`PROPTEST_CASES` overrides, for a deeper run); failures are
/// printed with the scenario JSON, not saved to a file beside the sources.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn hand_built_scenarios_get_checker_clean_plans(spec in spec()) {
        let s = build(&spec);
        solve_and_check(&s)?;
    }
}

proptest! {
    #![proptest_config(config(16))]

    #[test]
    fn generated_scenarios_get_checker_clean_plans(s in generated()) {
        solve_and_check(&s)?;
    }
}
