use super::*;
use crate::scenario::Family;

fn family(care_start: &str, hospital: &[&str], delivered_before: u32) -> Family {
    Family {
        id: "F1".into(),
        provider: Some("P1".into()),
        care_start: care_start.parse().unwrap(),
        due: None,
        care_days: 8,
        indicated_hours: 49,
        delivered_before,
        hospital: hospital.iter().map(|d| d.parse().unwrap()).collect(),
        complexity: Complexity::Low,
        priority: 3,
        home: [52.1, 5.1],
        known_nurses: vec![],
        arrival: Default::default(),
        insurer: None,
    }
}

fn start() -> NaiveDate {
    "2026-07-06".parse().unwrap()
}

#[test]
fn full_episode_inside_the_horizon_has_the_24_hour_floor() {
    let e = derive_episode(&family("2026-07-06", &[], 0), start(), 14, 8);
    assert_eq!(
        (e.episode_floor, e.floor, e.indicated, e.cap),
        (24, 24, 49, 49)
    );
    assert!((e.target - 49.0).abs() < 1e-9);
}

#[test]
fn format_example_family_with_one_hospital_day() {
    // format.md: F001, care_start 07-04, hospital 07-04, 12 h delivered, horizon 07-06 + 7.
    let e = derive_episode(&family("2026-07-04", &["2026-07-04"], 12), start(), 7, 8);
    assert_eq!(e.episode_floor, 21); // a hospital day: 7 home days × 3
    assert_eq!(e.indicated, 43); // 49 − 6
    assert_eq!(e.floor, 18); // 6 home days in the horizon × 3
    assert_eq!(e.cap, 31); // 43 − 12
}

#[test]
fn past_deficit_is_caught_up_in_the_horizon() {
    // Started 07-03: 3 home days before the horizon, 5 inside; only 3 h delivered before.
    let e = derive_episode(&family("2026-07-03", &[], 3), start(), 7, 8);
    assert_eq!(e.floor, 21); // 24 − 3, more than 5 × 3
}

#[test]
fn few_home_days_keep_the_ten_hour_minimum() {
    let hosp = [
        "2026-07-06",
        "2026-07-07",
        "2026-07-08",
        "2026-07-09",
        "2026-07-10",
        "2026-07-11",
    ];
    let e = derive_episode(&family("2026-07-06", &hosp, 0), start(), 14, 8);
    assert_eq!(e.episode_floor, 10); // 2 home days: max(10, 6)
    assert_eq!(e.floor, 10);
    assert_eq!(e.indicated, 13); // 49 − 36
}

#[test]
fn issue11_episode_floor_is_24_hours_unless_there_are_hospital_days() {
    let floor = |care_days: u32, hospital: &[&str]| {
        let mut f = family("2026-07-06", hospital, 0);
        f.care_days = care_days;
        derive_episode(&f, start(), 14, 8)
    };
    // Seven days at home, no hospital day: 24 h in longer days, not 7 × 3.
    let e = floor(7, &[]);
    assert_eq!((e.episode_floor, e.floor, e.indicated), (24, 24, 49));
    // One hospital day in 8: 7 home days × 3.
    assert_eq!(floor(8, &["2026-07-06"]).episode_floor, 21);
    // Two home days after hospital days: never below 10.
    assert_eq!(floor(3, &["2026-07-06"]).episode_floor, 10);
    // Ten days at home: 3 h every day is more than 24.
    let e = floor(10, &[]);
    assert_eq!((e.episode_floor, e.floor), (30, 30));
    // Two days at home, no hospital day: capped at what they hold, 2 × 8.
    assert_eq!(floor(2, &[]).episode_floor, 16);
    assert_eq!(episode_floor(2, 0, 8), 16);
    assert_eq!(episode_floor(0, 8, 8), 0);
    // The hospital count is the distinct hospital dates inside the episode.
    assert_eq!(floor(7, &["2026-07-20"]).episode_floor, 24);
}

#[test]
fn days_after_the_horizon_reserve_their_floor() {
    // Starts on the last horizon day: 1 day inside, 7 after.
    let e = derive_episode(&family("2026-07-12", &[], 0), start(), 7, 8);
    assert_eq!(e.floor, 3);
    assert_eq!(e.cap, 49 - 21);
    assert!(e.target > 6.0 && e.target < 8.0);
}
