use super::capacity::*;
use super::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[test]
fn issue11_generator_arguments_are_range_checked() {
    assert!(GenParams::default().check().is_empty());
    let cases: Vec<(GenParams, &str)> = vec![
        (
            GenParams {
                sick: f64::NAN,
                ..GenParams::default()
            },
            "--sick NaN: give a share from 0 to 1",
        ),
        (
            GenParams {
                sick: 1.5,
                ..GenParams::default()
            },
            "--sick 1.5: give a share from 0 to 1",
        ),
        (
            GenParams {
                sick: -0.1,
                ..GenParams::default()
            },
            "--sick -0.1",
        ),
        (
            GenParams {
                waitlist: 2.0,
                ..GenParams::default()
            },
            "--waitlist 2: give a share from 0 to 1",
        ),
        (
            GenParams {
                days: 0,
                ..GenParams::default()
            },
            "--days 0: give days in the horizon",
        ),
        (
            GenParams {
                days: 43,
                ..GenParams::default()
            },
            "from 1 to 42",
        ),
        (
            GenParams {
                days: 100_000,
                ..GenParams::default()
            },
            "--days 100000",
        ),
        (
            GenParams {
                births_per_year: 1_000_000_000,
                ..GenParams::default()
            },
            "--births-per-year 1000000000: give live births a year in the region from 1 to 200000",
        ),
        (
            GenParams {
                births_per_year: 0,
                ..GenParams::default()
            },
            "--births-per-year 0",
        ),
        (
            GenParams {
                nurses_per_100_births: -1.0,
                ..GenParams::default()
            },
            "--nurses-per-100-births -1: give a number above 0 and at most 20",
        ),
        (
            GenParams {
                nurses_per_100_births: f64::INFINITY,
                ..GenParams::default()
            },
            "--nurses-per-100-births inf",
        ),
        (
            GenParams {
                providers: 1000,
                ..GenParams::default()
            },
            "--providers 1000: give a number of providers from 0 to 100",
        ),
        (
            GenParams {
                freelancers: u32::MAX,
                ..GenParams::default()
            },
            "--freelancers 4294967295",
        ),
        (
            GenParams {
                providers: 0,
                freelancers: 0,
                ..GenParams::default()
            },
            "at least one provider or freelancer",
        ),
        (
            GenParams {
                bookings_days: 400,
                ..GenParams::default()
            },
            "--bookings 400",
        ),
        (
            GenParams {
                start: NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
                ..GenParams::default()
            },
            "--week 0001-W01: give a week of the years 1901–2198",
        ),
        (
            GenParams {
                start: NaiveDate::from_ymd_opt(262_000, 1, 3).unwrap(),
                ..GenParams::default()
            },
            "--week 262000-W01",
        ),
    ];
    for (p, want) in cases {
        let bad = p.check().join("\n");
        assert!(bad.contains(want), "{p:?}: `{bad}` lacks `{want}`");
    }
}

#[test]
fn issue11_generator_ranges_give_scenarios_validate_accepts() {
    let weeks = [
        NaiveDate::from_isoywd_opt(WEEK_YEARS.0, 1, chrono::Weekday::Mon).unwrap(),
        NaiveDate::from_isoywd_opt(WEEK_YEARS.1, 52, chrono::Weekday::Mon).unwrap(),
    ];
    let edges = [
        GenParams {
            days: 1,
            births_per_year: 1,
            ..GenParams::default()
        },
        GenParams {
            days: crate::scenario::validate::MAX_DAYS,
            births_per_year: 300,
            ..GenParams::default()
        },
        GenParams {
            providers: 0,
            freelancers: 1,
            births_per_year: 300,
            ..GenParams::default()
        },
        GenParams {
            sick: 1.0,
            waitlist: 1.0,
            births_per_year: 300,
            ..GenParams::default()
        },
        GenParams {
            nurses_per_100_births: MAX_NURSES_PER_100_BIRTHS,
            births_per_year: 300,
            ..GenParams::default()
        },
        GenParams {
            start: weeks[0],
            births_per_year: 300,
            ..GenParams::default()
        },
        GenParams {
            start: weeks[1],
            days: crate::scenario::validate::MAX_DAYS,
            bookings_days: MAX_BOOKINGS_DAYS,
            births_per_year: 300,
            ..GenParams::default()
        },
    ];
    for p in edges {
        assert!(p.check().is_empty(), "{p:?}: {:?}", p.check());
        let errors = crate::scenario::validate::errors(&generate(&p));
        assert!(errors.is_empty(), "{p:?}: {errors:#?}");
    }
}

/// The small generated fixture: two providers, twelve nurses.
fn small_params() -> GenParams {
    GenParams {
        name: "2 providers, 12 nurses, 15 families (generated)".to_string(),
        births_per_year: 360,
        providers: 2,
        freelancers: 0,
        nurses_per_100_births: 12.0 / 3.6,
        // A week with 15 families in which both providers reach the floor.
        seed: 38,
        ..GenParams::default()
    }
}

/// Generated files committed to the repository, with their parameters.
fn bundled() -> Vec<(&'static str, GenParams)> {
    let mut files = vec![
        // Forecast-ready: the births of three weeks after the horizon as bookings.
        (
            "scenarios/default.json",
            GenParams {
                bookings_days: 21,
                ..GenParams::default()
            },
        ),
        (
            "tests/fixtures/2providers-12nurses-15families.json",
            small_params(),
        ),
    ];
    files.extend(colour_scenarios());
    files.extend(ladder_scenarios());
    files
}

/// Scenarios of many shapes for the property tests.
fn variety() -> Vec<Scenario> {
    let mut out = Vec::new();
    for seed in 0..4 {
        out.push(generate(&GenParams {
            seed,
            ..GenParams::default()
        }));
    }
    out.push(generate(&small_params()));
    out.push(generate(&GenParams {
        births_per_year: 5000,
        providers: 8,
        freelancers: 3,
        start: NaiveDate::from_ymd_opt(2026, 12, 30).unwrap(),
        days: 14,
        sick: 0.3,
        seed: 11,
        ..GenParams::default()
    }));
    out.push(generate(&GenParams {
        births_per_year: 800,
        providers: 1,
        freelancers: 0,
        start: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        days: 1,
        sick: 1.0,
        seed: 3,
        ..GenParams::default()
    }));
    out
}

fn pretty(s: &Scenario) -> String {
    serde_json::to_string_pretty(s).unwrap() + "\n"
}

#[test]
fn same_seed_gives_identical_json() {
    let p = GenParams::default();
    assert_eq!(pretty(&generate(&p)), pretty(&generate(&p)));
}

#[test]
fn different_seed_gives_different_json() {
    let a = generate(&GenParams::default());
    let b = generate(&GenParams {
        seed: 2,
        ..GenParams::default()
    });
    assert_ne!(pretty(&a), pretty(&b));
}

#[test]
fn volumes_scale_with_births_per_year() {
    let small = generate(&GenParams {
        births_per_year: 1500,
        ..GenParams::default()
    });
    let large = generate(&GenParams {
        births_per_year: 6000,
        ..GenParams::default()
    });
    let families = large.families.len() as f64 / small.families.len() as f64;
    assert!((3.0..5.3).contains(&families), "families ratio {families}");
    let nurses = (large.nurses.len() - 1) as f64 / (small.nurses.len() - 1) as f64;
    assert!((nurses - 4.0).abs() < 0.1, "nurses ratio {nurses}");
    let pa = |s: &Scenario| s.partus_pool.as_ref().unwrap().expected_pa_per_day.unwrap();
    assert!((pa(&large) / pa(&small) - 4.0).abs() < 0.1);
}

#[test]
fn history_leaves_a_free_day_in_every_seven() {
    for s in variety() {
        for n in &s.nurses {
            let worked: BTreeSet<NaiveDate> = n
                .history
                .worked
                .iter()
                .chain(&n.history.oncall)
                .copied()
                .collect();
            assert!(worked.iter().all(|&d| d < s.start), "{}", n.id);
            let Some(&first) = worked.iter().next() else {
                continue;
            };
            let mut d = add_days(first, -6);
            while add_days(d, 6) < s.start {
                let all = (0..7).all(|k| worked.contains(&add_days(d, k)));
                assert!(!all, "{} works 7 days from {d}", n.id);
                d = add_days(d, 1);
            }
            assert!(n
                .history
                .oncall
                .iter()
                .all(|d| n.history.worked.contains(d)));
            assert_eq!(n.history.weekly_hours.len(), 16);
            assert!(n.history.weekly_hours.iter().all(|&h| h <= 60));
            if s.start.weekday() == chrono::Weekday::Mon {
                assert_eq!(n.history.current_week_hours, 0);
            }
        }
    }
}

#[test]
fn hospital_dates_lie_inside_episodes_and_fields_are_valid() {
    for s in variety() {
        let end = add_days(s.start, s.days as i64);
        for f in &s.families {
            let last = add_days(f.care_start, f.care_days as i64 - 1);
            assert!(f.hospital.iter().all(|&d| d >= f.care_start && d <= last));
            assert!((1..=10).contains(&f.care_days));
            assert!((24..=80).contains(&f.indicated_hours));
            assert!((1..=3).contains(&f.priority));
            assert!(crate::domain::geo::in_netherlands(f.home));
            assert!(
                last >= s.start && f.care_start < end,
                "{} outside horizon",
                f.id
            );
            assert!(f.delivered_before <= 8 * f.care_days);
            if f.care_start >= s.start {
                assert_eq!(f.delivered_before, 0);
                assert!(f.known_nurses.is_empty());
            }
            let provider = f.provider.as_deref().unwrap();
            for k in &f.known_nurses {
                let n = s.nurses.iter().find(|n| &n.id == k).unwrap();
                assert_eq!(n.provider, provider);
            }
        }
        for n in &s.nurses {
            assert!(n.off.iter().all(|&d| d >= s.start && d < end));
            assert!(n.contract_min <= n.contract_max && n.contract_max <= 60);
            assert!(crate::domain::geo::in_netherlands(n.home));
            assert!(s.providers.iter().any(|p| p.id == n.provider));
        }
    }
}

#[test]
fn nurses_live_within_reach_of_their_families() {
    for s in variety() {
        for f in &s.families {
            let own: Vec<&Nurse> = s
                .nurses
                .iter()
                .filter(|n| Some(&n.provider) == f.provider.as_ref())
                .collect();
            let near = own
                .iter()
                .filter(|n| haversine_km(n.home, f.home) <= MAX_TRAVEL_KM)
                .count();
            assert!(
                near * 10 >= own.len() * 9,
                "{}: {near} of {}",
                f.id,
                own.len()
            );
        }
    }
}

#[test]
fn ids_are_unique() {
    for s in variety() {
        let providers: HashSet<&str> = s.providers.iter().map(|p| p.id.as_str()).collect();
        let nurses: HashSet<&str> = s.nurses.iter().map(|n| n.id.as_str()).collect();
        let families: HashSet<&str> = s.families.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(providers.len(), s.providers.len());
        assert_eq!(nurses.len(), s.nurses.len());
        assert_eq!(families.len(), s.families.len());
    }
}

#[test]
fn default_is_a_tight_but_reachable_summer_week() {
    let s = generate(&GenParams::default());
    let providers = s.providers.iter().filter(|p| !p.freelancer).count();
    assert!((3..=4).contains(&providers));
    assert!(s.providers.iter().any(|p| p.freelancer));
    assert!(
        (60..=80).contains(&s.nurses.len()),
        "{} nurses",
        s.nurses.len()
    );
    assert!(
        (70..=90).contains(&s.families.len()),
        "{} families",
        s.families.len()
    );
    assert!(s.families.iter().any(|f| !f.hospital.is_empty()));
    let freelancers: HashSet<&str> = s
        .providers
        .iter()
        .filter(|p| p.freelancer)
        .map(|p| p.id.as_str())
        .collect();
    for r in capacity_rows(&s) {
        if freelancers.contains(r.id.as_str()) {
            continue;
        }
        let nd = r.nurse_days as f64 / r.home_days as f64;
        assert!(
            (1.1..=1.3).contains(&nd),
            "{}: nurse-days/home-days {nd}",
            r.id
        );
        let worst = r.worst_day().unwrap();
        assert!(
            worst >= 1.0,
            "{}: {worst} nurses per family on some day",
            r.id
        );
    }
    let rows = capacity_rows(&s);
    let hours: f64 = rows.iter().map(|r| r.contract_hours).sum();
    let target: f64 = rows.iter().map(|r| r.target).sum();
    assert!(hours < target, "contract {hours} h >= target {target} h");
    let summary = capacity_summary(&s);
    assert!(s.providers.iter().all(|p| summary.contains(&p.id)));
}

#[test]
fn bookings_leave_every_other_draw_as_it_was() {
    for p in [GenParams::default(), small_params()] {
        let plain = generate(&p);
        let mut booked = generate(&GenParams {
            bookings_days: 21,
            ..p.clone()
        });
        let end = add_days(booked.start, booked.days as i64 - 1);
        booked.families.retain(|f| f.care_start <= end);
        for f in &mut booked.families {
            f.due = None;
        }
        assert_eq!(pretty(&plain), pretty(&booked));
    }
}

#[test]
fn bookings_have_due_dates_and_follow_the_horizon() {
    let p = GenParams {
        bookings_days: 21,
        ..GenParams::default()
    };
    let s = generate(&p);
    let end = add_days(s.start, s.days as i64 - 1);
    let mut bookings = 0;
    for (i, f) in s.families.iter().enumerate() {
        assert_eq!(f.id, format!("F{:03}", i + 1));
        if f.care_start < s.start {
            assert_eq!(f.due, None, "{}: born before start", f.id);
            continue;
        }
        let due = f.due.unwrap_or_else(|| panic!("{}: no due date", f.id));
        let late = days_between(due, f.care_start);
        assert!(
            (-42..=14).contains(&late),
            "{}: born {late} days after due",
            f.id
        );
        assert_eq!(f.delivered_before, 0);
        assert!(f.known_nurses.is_empty());
        if f.care_start > end {
            bookings += 1;
            assert!(f.care_start <= add_days(end, 21), "{}", f.id);
        }
    }
    // 21 days of about 5.5 births a day.
    assert!((80..=150).contains(&bookings), "{bookings} bookings");
    let text = serde_json::to_string(&s).unwrap();
    let read = crate::scenario::parse_scenario(&text, &s.name).unwrap();
    let issues = crate::scenario::validate::validate(&read);
    assert!(
        !issues.iter().any(|i| i.is_error() || i.code == "V-DATE"),
        "{issues:#?}"
    );
    let listed = generate(&GenParams {
        waitlist: 0.1,
        ..p.clone()
    });
    assert!(
        listed
            .families
            .iter()
            .any(|f| f.care_start > end && f.provider.is_none()),
        "bookings share the waiting list"
    );
}

#[test]
fn bundled_files_are_generator_output() {
    // Set KRAAMPLAN_BLESS=1 to rewrite them after a change of the generator.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, params) in bundled() {
        let want = pretty(&generate(&params));
        let file = root.join(path);
        if std::env::var_os("KRAAMPLAN_BLESS").is_some() {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &want).unwrap();
        }
        let have = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            have == want,
            "{path} is not the generator's output; rerun with KRAAMPLAN_BLESS=1"
        );
    }
}

#[test]
fn generated_scenarios_pass_the_validator() {
    for s in variety() {
        let text = serde_json::to_string(&s).unwrap();
        let read = crate::scenario::parse_scenario(&text, &s.name).unwrap();
        assert!(read.unknown_fields.is_empty());
        let errors: Vec<String> = crate::scenario::validate::validate(&read)
            .iter()
            .filter(|i| i.is_error())
            .map(|i| i.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", s.name);
    }
}

#[test]
fn fixtures_parse_without_unknown_fields() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "fixtures missing in {}", dir.display());
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/default.json");
    for file in files.iter().chain(std::iter::once(&scenario)) {
        let text = std::fs::read_to_string(file).unwrap();
        let read = crate::scenario::parse_scenario(&text, &file.display().to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            read.unknown_fields.is_empty(),
            "{}: unknown fields {:?}",
            file.display(),
            read.unknown_fields
        );
        assert_eq!(read.scenario.format, SCENARIO_FORMAT);
        let errors: Vec<String> = crate::scenario::validate::validate(&read)
            .iter()
            .filter(|i| i.is_error())
            .map(|i| i.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn hand_written_fixtures_are_as_named() {
    let read = |name: &str| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let text = std::fs::read_to_string(file).unwrap();
        crate::scenario::parse_scenario(&text, name)
            .unwrap()
            .scenario
    };
    let worst = |s: &Scenario| {
        capacity_rows(s)
            .iter()
            .filter_map(CapacityRow::worst_day)
            .fold(f64::INFINITY, f64::min)
    };
    // Everyone fits: a nurse for every family on every day, hours to spare.
    let fits = read("1provider-2nurses-2families.json");
    assert!(worst(&fits) >= 1.0);
    let row = &capacity_rows(&fits)[0];
    assert!(row.contract_hours >= row.target);
    // One nurse for three families at home on the same days.
    let short = read("1provider-1nurse-3families-short.json");
    assert!((worst(&short) - 1.0 / 3.0).abs() < 1e-9);
    // F001 must catch up: its horizon floor exceeds 3 h a day; F002 is in hospital on day 0.
    let edge = read("1provider-3nurses-3families-rest-hospital-deficit.json");
    let (days, floor, _) = family_horizon(&edge, &edge.families[0]);
    assert_eq!((days.len(), floor), (4, 16.0));
    let (days, floor, _) = family_horizon(&edge, &edge.families[1]);
    assert_eq!((days, floor), (vec![1, 2, 3], 9.0));
    // Without lending, P1 has one nurse for two families; F003 is on the waiting list.
    let lend = read("2providers-3nurses-3families-lending-waitlist.json");
    let rows = capacity_rows(&lend);
    assert!(rows[0].worst_day().unwrap() < 1.0);
    assert_eq!(rows.last().unwrap().id, "waiting list");
}
