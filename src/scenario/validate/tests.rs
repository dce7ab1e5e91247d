use super::*;
use serde_json::{json, Value};

use crate::domain::suggest::edit_distance;
use crate::scenario::parse_scenario;

/// A small scenario that breaks no rule and raises no warning.
fn valid_json() -> Value {
    json!({
        "format": "kraamplan/scenario@1",
        "name": "validate unit test",
        "start": "2026-07-06",
        "days": 7,
        "rules": { "max_nurse_hours_per_day": 10, "max_family_hours_per_day": 8,
                   "max_hours_per_week": 60, "max_avg_hours_4w": 55, "max_avg_hours_16w": 48,
                   "max_travel_km": 25, "travel_kmh": 30, "rest_days_between_episodes": 0,
                   "weekly_rest": true, "max_oncall_days_4w": 14, "oncall_counts_as_work": true,
                   "min_visit_hours": 3 },
        "measures": [],
        "providers": [
            { "id": "P1", "name": "Kraamzorg Noord", "contracted": true, "ksv_member": true,
              "freelancer": false },
            { "id": "P2", "name": "Kraamzorg Zuid" }
        ],
        "nurses": [
            { "id": "N001", "provider": "P1", "role": "nurse", "contract_min": 24,
              "contract_max": 32, "home": [52.09, 5.12], "off": ["2026-07-08"],
              "partus": true, "consent": ["M-COMBINED"],
              "history": { "worked": ["2026-07-03", "2026-07-04"], "oncall": ["2026-06-30"],
                           "weekly_hours": [30, 32, 28, 31], "current_week_hours": 0 } },
            { "id": "N002", "provider": "P2", "contract_max": 28, "home": [52.37, 4.90] }
        ],
        "families": [
            { "id": "F001", "provider": "P1", "care_start": "2026-07-04", "care_days": 8,
              "indicated_hours": 49, "delivered_before": 12, "hospital": ["2026-07-04"],
              "complexity": "low", "priority": 2, "home": [52.10, 5.10],
              "known_nurses": ["N001"] },
            { "id": "F002", "provider": "P2", "care_start": "2026-07-09",
              "indicated_hours": 45, "home": [52.36, 4.88] }
        ],
        "partus_pool": { "scope": "regional",
                         "shifts": [ { "date": "2026-07-06", "shift": "night", "required": 1 } ] }
    })
}

fn read(v: &Value) -> ReadScenario {
    parse_scenario(&v.to_string(), "test").expect("test scenario must parse")
}

/// Validate the valid scenario after one edit.
fn issues_with(edit: impl FnOnce(&mut Value)) -> Vec<Issue> {
    let mut v = valid_json();
    edit(&mut v);
    validate(&read(&v))
}

/// The issue with this code on this field, whose value mentions `value`.
#[track_caller]
fn find<'a>(issues: &'a [Issue], code: &str, field: &str, value: &str) -> &'a Issue {
    issues
        .iter()
        .find(|i| i.code == code && i.field == field && i.value.contains(value))
        .unwrap_or_else(|| panic!("no {code} on {field} with value {value} in {issues:#?}"))
}

#[track_caller]
fn assert_error(issues: &[Issue], code: &str, field: &str, value: &str) -> Issue {
    let i = find(issues, code, field, value);
    assert!(i.is_error(), "{i} should be an error");
    assert!(!i.fix.is_empty(), "{i} needs a fix");
    i.clone()
}

#[track_caller]
fn assert_warning(issues: &[Issue], code: &str, field: &str, value: &str) -> Issue {
    let i = find(issues, code, field, value);
    assert!(!i.is_error(), "{i} should be a warning");
    i.clone()
}

fn errors(issues: &[Issue]) -> Vec<&Issue> {
    issues.iter().filter(|i| i.is_error()).collect()
}

#[test]
fn valid_scenario_has_no_issues() {
    let issues = validate(&read(&valid_json()));
    assert!(issues.is_empty(), "{issues:#?}");
}

#[test]
fn format_must_be_version_1() {
    let issues = issues_with(|v| v["format"] = json!("kraamplan/scenario@2"));
    assert_error(&issues, "V-FORMAT", "format", "scenario@2");
    assert_eq!(errors(&issues).len(), 1);
}

#[test]
fn horizon_is_1_to_42_days() {
    let issues = issues_with(|v| v["days"] = json!(60));
    assert_error(&issues, "V-HORIZON", "days", "60");
    assert_eq!(errors(&issues).len(), 1, "no follow-up errors: {issues:#?}");
    let issues = issues_with(|v| v["days"] = json!(0));
    assert_error(&issues, "V-HORIZON", "days", "0");
}

#[test]
fn unknown_field_suggests_the_closest_name() {
    let issues = issues_with(|v| {
        v["nurses"][1]["contrat_min"] = json!(10);
        v["families"][0]["priorty"] = json!(1);
        v["partus_pool"]["shifts"][0]["requird"] = json!(2);
        v["colour"] = json!("rood");
    });
    let i = assert_error(&issues, "V-FIELD", "nurses[1].contrat_min", "contrat_min");
    assert!(i.fix.contains("did you mean `contract_min`?"), "{i}");
    assert!(i.message.contains("N002"), "{i}");
    let i = assert_error(&issues, "V-FIELD", "families[0].priorty", "priorty");
    assert!(i.fix.contains("`priority`"), "{i}");
    let i = assert_error(
        &issues,
        "V-FIELD",
        "partus_pool.shifts[0].requird",
        "requird",
    );
    assert!(i.fix.contains("`required`"), "{i}");
    let i = assert_error(&issues, "V-FIELD", "colour", "colour");
    assert!(!i.fix.contains("did you mean"), "{i}");
    assert_eq!(errors(&issues).len(), 4);
}

#[test]
fn unknown_rule_key_is_a_rule_issue() {
    let issues = issues_with(|v| v["rules"]["max_hours_per_wek"] = json!(50));
    let i = assert_error(&issues, "V-RULE", "rules.max_hours_per_wek", "max_hours");
    assert!(i.fix.contains("`max_hours_per_week`"), "{i}");
    assert!(!issues.iter().any(|i| i.code == "V-FIELD"));
}

#[test]
fn paths_in_both_notations_normalise() {
    for raw in ["nurses.3.contrat_max", "nurses[3].contrat_max"] {
        assert_eq!(render_path(&parse_path(raw)), "nurses[3].contrat_max");
    }
    assert_eq!(
        render_path(&parse_path("partus_pool.?.shifts.0.x")),
        "partus_pool.shifts[0].x"
    );
    assert_eq!(render_path(&parse_path("a[b]")), "a[b]");
}

#[test]
fn duplicate_and_empty_ids() {
    let issues = issues_with(|v| {
        v["nurses"][1]["id"] = json!("N001");
        v["families"][1]["id"] = json!("");
    });
    let i = assert_error(&issues, "V-DUP-ID", "nurses[1].id", "N001");
    assert!(i.message.contains("nurses[0]"), "{i}");
    assert_error(&issues, "V-DUP-ID", "families[1].id", "\"\"");
    let issues = issues_with(|v| v["providers"][1]["id"] = json!("P1"));
    assert_error(&issues, "V-DUP-ID", "providers[1].id", "P1");
}

#[test]
fn references_must_resolve() {
    let issues = issues_with(|v| {
        v["nurses"][0]["provider"] = json!("P3");
        v["families"][1]["provider"] = json!("Noord");
        v["families"][0]["known_nurses"] = json!(["N001", "N009"]);
    });
    let i = assert_error(&issues, "V-REF", "nurses[0].provider", "P3");
    assert!(
        i.message.contains("N001") && i.fix.contains("P1, P2"),
        "{i}"
    );
    assert_error(&issues, "V-REF", "families[1].provider", "Noord");
    assert_error(&issues, "V-REF", "families[0].known_nurses[1]", "N009");
    assert_eq!(errors(&issues).len(), 3);
}

#[test]
fn null_provider_is_the_waiting_list() {
    let issues = issues_with(|v| v["families"][1]["provider"] = Value::Null);
    assert!(errors(&issues).is_empty(), "{issues:#?}");
    let i = assert_warning(&issues, "V-WAITLIST", "families[1].provider", "null");
    assert!(i.message.contains("F002"), "{i}");
    let issues = issues_with(|v| {
        v["families"][1]["provider"] = Value::Null;
        v["measures"] = json!(["M-WAITLIST"]);
    });
    assert!(!issues.iter().any(|i| i.code == "V-WAITLIST"));
}

#[test]
fn dates_outside_horizon_or_history_window() {
    let issues = issues_with(|v| {
        v["nurses"][0]["off"] = json!(["2026-07-08", "2026-07-20"]);
        v["nurses"][0]["history"]["worked"] = json!(["2026-07-06"]);
        v["nurses"][0]["history"]["oncall"] = json!(["2026-01-01"]);
        v["partus_pool"]["shifts"][0]["date"] = json!("2026-07-13");
    });
    let i = assert_error(&issues, "V-DATE", "nurses[0].off[1]", "2026-07-20");
    assert!(i.fix.contains("between 2026-07-06 and 2026-07-12"), "{i}");
    assert_error(
        &issues,
        "V-DATE",
        "nurses[0].history.worked[0]",
        "2026-07-06",
    );
    assert_error(
        &issues,
        "V-DATE",
        "nurses[0].history.oncall[0]",
        "2026-01-01",
    );
    assert_error(
        &issues,
        "V-DATE",
        "partus_pool.shifts[0].date",
        "2026-07-13",
    );
    assert_eq!(errors(&issues).len(), 4);
}

#[test]
fn episode_outside_horizon_is_a_warning() {
    let issues = issues_with(|v| {
        v["families"][0]["care_start"] = json!("2026-06-20");
        v["families"][0]["hospital"] = json!([]);
        v["families"][1]["care_start"] = json!("2026-07-13");
    });
    assert!(errors(&issues).is_empty(), "{issues:#?}");
    assert_warning(&issues, "V-DATE", "families[0].care_start", "2026-06-20");
    assert_warning(&issues, "V-DATE", "families[1].care_start", "2026-07-13");
}

#[test]
fn booking_is_a_birth_not_yet_happened() {
    // F002 is expected on 07-09: a booking with a due date is fine.
    let issues = issues_with(|v| v["families"][1]["due"] = json!("2026-07-14"));
    assert!(issues.is_empty(), "{issues:#?}");
    // F001's episode is under way (07-04, 12 h delivered): it cannot be a booking.
    let issues = issues_with(|v| v["families"][0]["due"] = json!("2026-07-06"));
    let i = assert_error(&issues, "V-DUE", "families[0].care_start", "2026-07-04");
    assert!(
        i.message.contains("F001") && i.message.contains("2026-07-06"),
        "{i}"
    );
    assert_error(&issues, "V-DUE", "families[0].delivered_before", "12");
    assert_eq!(errors(&issues).len(), 2, "{issues:#?}");
}

#[test]
fn booking_hours_delivered_before_is_an_error_not_a_warning() {
    let issues = issues_with(|v| {
        v["families"][1]["due"] = json!("2026-07-09");
        v["families"][1]["delivered_before"] = json!(5);
    });
    assert_error(&issues, "V-DUE", "families[1].delivered_before", "5");
    assert!(!issues.iter().any(|i| i.code == "V-HOURS"), "{issues:#?}");
    assert_eq!(issues.len(), 1, "{issues:#?}");
}

#[test]
fn due_within_six_weeks_of_the_expected_birth() {
    for due in ["2026-05-28", "2026-08-20"] {
        let issues = issues_with(|v| v["families"][1]["due"] = json!(due));
        assert!(issues.is_empty(), "{due}: {issues:#?}");
    }
    let issues = issues_with(|v| v["families"][1]["due"] = json!("2026-05-27"));
    let i = assert_error(&issues, "V-DUE", "families[1].due", "2026-05-27");
    assert!(
        i.message.contains("2026-05-27") && i.message.contains("2026-07-09"),
        "{i}"
    );
    assert!(i.message.contains("43 days before"), "{i}");
    let issues = issues_with(|v| v["families"][1]["due"] = json!("2026-08-21"));
    let i = assert_error(&issues, "V-DUE", "families[1].due", "2026-08-21");
    assert!(i.message.contains("43 days after"), "{i}");
    assert_eq!(errors(&issues).len(), 1, "{issues:#?}");
}

#[test]
fn booking_beyond_the_horizon_is_not_warned_about() {
    let issues = issues_with(|v| {
        v["families"][1]["care_start"] = json!("2026-07-25");
        v["families"][1]["due"] = json!("2026-07-20");
    });
    assert!(issues.is_empty(), "{issues:#?}");
    let issues = issues_with(|v| v["families"][1]["care_start"] = json!("2026-07-25"));
    assert_warning(&issues, "V-DATE", "families[1].care_start", "2026-07-25");
}

#[test]
fn contract_hours() {
    let issues = issues_with(|v| v["nurses"][0]["contract_min"] = json!(40));
    let i = assert_error(&issues, "V-CONTRACT", "nurses[0].contract_min", "40");
    assert_eq!(
        i.to_string(),
        "error[V-CONTRACT] nurses[0].contract_min = 40: nurse N001: contract_min 40 > \
             contract_max 32 — swap or correct the values"
    );
    let issues = issues_with(|v| {
        v["rules"]["max_hours_per_week"] = json!(48);
        v["nurses"][1]["contract_max"] = json!(50);
    });
    assert_error(&issues, "V-CONTRACT", "nurses[1].contract_max", "50");
    let issues = issues_with(|v| v["nurses"][1]["contract_max"] = json!(0));
    assert!(errors(&issues).is_empty(), "{issues:#?}");
    assert_warning(&issues, "V-CONTRACT", "nurses[1].contract_max", "0");
}

#[test]
fn hours_of_indication_and_history() {
    let issues = issues_with(|v| {
        v["families"][0]["indicated_hours"] = json!(90);
        v["families"][1]["indicated_hours"] = json!(30);
        v["families"][1]["delivered_before"] = json!(31);
        v["nurses"][0]["history"]["weekly_hours"] = json!([30, 200]);
        v["nurses"][0]["history"]["current_week_hours"] = json!(170);
        v["nurses"][1]["history"] = json!({ "weekly_hours": vec![30; 53] });
    });
    assert_error(&issues, "V-HOURS", "families[0].indicated_hours", "90");
    assert_error(&issues, "V-HOURS", "families[1].delivered_before", "31");
    assert_error(
        &issues,
        "V-HOURS",
        "nurses[0].history.weekly_hours[1]",
        "200",
    );
    assert_error(
        &issues,
        "V-HOURS",
        "nurses[0].history.current_week_hours",
        "170",
    );
    assert_error(&issues, "V-HOURS", "nurses[1].history.weekly_hours", "53");
    assert_eq!(errors(&issues).len(), 5, "{issues:#?}");
}

#[test]
fn hospital_days_inside_the_episode() {
    let issues = issues_with(|v| {
        v["families"][0]["hospital"] = json!(["2026-07-04", "2026-07-20", "2026-07-04"])
    });
    assert_error(
        &issues,
        "V-HOSPITAL",
        "families[0].hospital[1]",
        "2026-07-20",
    );
    assert_error(
        &issues,
        "V-HOSPITAL",
        "families[0].hospital[2]",
        "2026-07-04",
    );
    assert_eq!(errors(&issues).len(), 2);
}

#[test]
fn care_days_1_to_10() {
    let issues = issues_with(|v| v["families"][0]["care_days"] = json!(12));
    assert_error(&issues, "V-CARE-DAYS", "families[0].care_days", "12");
    assert_eq!(errors(&issues).len(), 1, "{issues:#?}");
}

#[test]
fn coordinates_in_the_netherlands() {
    let issues = issues_with(|v| {
        v["nurses"][0]["home"] = json!([5.12, 52.09]);
        v["families"][1]["home"] = json!([0.0, 0.0]);
    });
    let i = assert_error(&issues, "V-COORD", "nurses[0].home", "[5.12, 52.09]");
    assert!(i.fix.contains("swap the two numbers"), "{i}");
    let i = assert_error(&issues, "V-COORD", "families[1].home", "[0, 0]");
    assert!(!i.fix.contains("swap"), "{i}");
}

#[test]
fn measure_ids_must_exist() {
    let issues = issues_with(|v| {
        v["measures"] = json!(["M-COMBINE"]);
        v["nurses"][0]["consent"] = json!(["M-FLX"]);
    });
    let i = assert_error(&issues, "V-MEASURE", "measures[0]", "M-COMBINE");
    assert!(i.fix.contains("`M-COMBINED`"), "{i}");
    let i = assert_error(&issues, "V-MEASURE", "nurses[0].consent[0]", "M-FLX");
    assert!(i.fix.contains("`M-FLEX`"), "{i}");
}

#[test]
fn measures_without_any_consent_warn() {
    let issues = issues_with(|v| {
        v["measures"] = json!(["M-COMBINED", "M-LENDING"]);
        for n in v["nurses"].as_array_mut().unwrap() {
            n["consent"] = json!([]);
        }
    });
    assert!(errors(&issues).is_empty(), "{issues:#?}");
    assert_warning(&issues, "V-MEASURE-UNUSED", "measures[0]", "M-COMBINED");
    assert!(
        !issues.iter().any(|i| i.field == "measures[1]"),
        "{issues:#?}"
    );
    let issues = issues_with(|v| {
        v["measures"] = json!(["M-COMBINED"]);
        v["nurses"][0]["consent"] = json!(["M-COMBINED"]);
    });
    assert!(
        !issues.iter().any(|i| i.code == "V-MEASURE-UNUSED"),
        "{issues:#?}"
    );
}

#[test]
fn roles_need_their_measure() {
    let issues = issues_with(|v| {
        v["nurses"][0]["role"] = json!("kio");
        v["nurses"][1]["role"] = json!("office_qualified");
    });
    assert!(errors(&issues).is_empty(), "{issues:#?}");
    assert_warning(&issues, "V-ROLE", "nurses[0].role", "kio");
    assert_warning(&issues, "V-ROLE", "nurses[1].role", "office_qualified");
}

#[test]
fn rule_ranges() {
    let issues = issues_with(|v| {
        v["rules"]["max_nurse_hours_per_day"] = json!(14);
        v["rules"]["max_family_hours_per_day"] = json!(2);
        v["rules"]["max_hours_per_week"] = json!(70);
        v["rules"]["max_avg_hours_4w"] = json!(0);
        v["rules"]["max_avg_hours_16w"] = json!(61);
        v["rules"]["max_travel_km"] = json!(0);
        v["rules"]["travel_kmh"] = json!(200);
        v["rules"]["rest_days_between_episodes"] = json!(8);
        v["rules"]["max_oncall_days_4w"] = json!(29);
    });
    assert_error(&issues, "V-RULE", "rules.max_nurse_hours_per_day", "14");
    assert_error(&issues, "V-RULE", "rules.max_family_hours_per_day", "2");
    assert_error(&issues, "V-RULE", "rules.max_hours_per_week", "70");
    assert_error(&issues, "V-RULE", "rules.max_avg_hours_4w", "0");
    assert_error(&issues, "V-RULE", "rules.max_avg_hours_16w", "61");
    assert_error(&issues, "V-RULE", "rules.max_travel_km", "0");
    assert_error(&issues, "V-RULE", "rules.travel_kmh", "200");
    assert_error(&issues, "V-RULE", "rules.rest_days_between_episodes", "8");
    assert_error(&issues, "V-RULE", "rules.max_oncall_days_4w", "29");
    // A bad weekly rule does not cascade into V-CONTRACT for every nurse.
    assert_eq!(errors(&issues).len(), 9, "{issues:#?}");
}

#[test]
fn priority_1_to_3() {
    let issues = issues_with(|v| v["families"][1]["priority"] = json!(4));
    let i = assert_error(&issues, "V-PRIORITY", "families[1].priority", "4");
    assert!(i.message.contains("F002"), "{i}");
    let issues = issues_with(|v| v["families"][1]["priority"] = json!(0));
    assert_error(&issues, "V-PRIORITY", "families[1].priority", "0");
}

#[test]
fn an_insurer_is_a_plain_name() {
    let issues = issues_with(|v| v["families"][1]["insurer"] = json!("  "));
    let i = assert_error(&issues, "V-INSURER", "families[1].insurer", "\"  \"");
    assert!(
        i.message.contains("F002") && i.message.contains("blank"),
        "{i}"
    );
    let issues = issues_with(|v| v["families"][0]["insurer"] = json!("VGZ\n"));
    assert_error(&issues, "V-INSURER", "families[0].insurer", "\"VGZ\\n\"");
    let issues = issues_with(|v| v["families"][0]["insurer"] = json!("VGZ"));
    assert!(!issues.iter().any(|i| i.code == "V-INSURER"), "{issues:#?}");
}

#[test]
fn pool_is_given_one_way() {
    let issues = issues_with(|v| v["partus_pool"]["expected_pa_per_day"] = json!(3.5));
    assert_error(&issues, "V-POOL", "partus_pool.expected_pa_per_day", "3.5");
    let issues = issues_with(|v| v["partus_pool"] = json!({ "scope": "regional" }));
    assert_error(&issues, "V-POOL", "partus_pool", "");
    let issues = issues_with(|v| {
        v["partus_pool"] = json!({ "expected_pa_per_day": 500.0, "pa_hours": 30.0,
                                       "max_blocking": 1.0 })
    });
    assert_error(&issues, "V-POOL", "partus_pool.expected_pa_per_day", "500");
    assert_error(&issues, "V-POOL", "partus_pool.pa_hours", "30");
    assert_error(&issues, "V-POOL", "partus_pool.max_blocking", "1");
    assert_eq!(errors(&issues).len(), 3, "{issues:#?}");
    let issues = issues_with(|v| {
        v["partus_pool"]["shifts"] = json!([
            { "date": "2026-07-06", "shift": "night", "required": 1 },
            { "date": "2026-07-06", "shift": "day", "required": 1 },
            { "date": "2026-07-06", "shift": "night", "required": 2 }
        ])
    });
    let i = assert_error(
        &issues,
        "V-POOL",
        "partus_pool.shifts[2]",
        "2026-07-06 night",
    );
    assert!(i.message.contains("shifts[0]"), "{i}");
    assert_eq!(errors(&issues).len(), 1);
    let issues = issues_with(|v| v["nurses"][0]["partus"] = json!(false));
    assert_warning(&issues, "V-POOL", "partus_pool", "");
}

#[test]
fn five_errors_are_all_reported() {
    let issues = issues_with(|v| {
        v["days"] = json!(100);
        v["nurses"][0]["contract_min"] = json!(40);
        v["nurses"][1]["home"] = json!([4.90, 52.37]);
        v["families"][0]["priority"] = json!(7);
        v["rules"]["travel_kmh"] = json!(1);
    });
    let errs = errors(&issues);
    let codes: Vec<&str> = errs.iter().map(|i| i.code).collect();
    assert_eq!(errs.len(), 5, "{issues:#?}");
    for code in ["V-HORIZON", "V-CONTRACT", "V-COORD", "V-PRIORITY", "V-RULE"] {
        assert!(codes.contains(&code), "{code} missing in {codes:?}");
    }
}

#[test]
fn errors_first_then_in_file_order() {
    let issues = issues_with(|v| {
        v["measures"] = json!(["M-FLEX"]);
        for n in v["nurses"].as_array_mut().unwrap() {
            n["consent"] = json!([]);
        }
        v["families"][1]["priority"] = json!(9);
        v["nurses"][1]["contract_min"] = json!(40);
        v["nurses"][0]["contract_max"] = json!(0);
        v["days"] = json!(50);
    });
    let fields: Vec<(&str, bool)> = issues
        .iter()
        .map(|i| (i.field.as_str(), i.is_error()))
        .collect();
    assert_eq!(
        fields,
        [
            ("days", true),
            ("nurses[0].contract_min", true),
            ("nurses[1].contract_min", true),
            ("families[1].priority", true),
            ("measures[0]", false),
            ("nurses[0].contract_max", false),
        ]
    );
}

#[test]
fn absurd_numbers_never_panic() {
    let issues = issues_with(|v| {
        v["start"] = json!("9999-12-31");
        v["days"] = json!(u32::MAX);
        v["families"][0]["care_days"] = json!(u32::MAX);
        v["families"][1]["care_start"] = json!("0001-01-01");
        v["nurses"][0]["history"]["current_week_hours"] = json!(u32::MAX);
        v["nurses"][0]["home"] = json!([f64::MAX, -1e300]);
        v["rules"]["max_travel_km"] = json!(-1.0);
    });
    assert!(issues.iter().any(|i| i.code == "V-HORIZON"));
    let mut v = valid_json();
    v["start"] = json!("+262142-12-20");
    v["days"] = json!(42);
    if let Ok(read) = parse_scenario(&v.to_string(), "test") {
        let issues = validate(&read);
        assert_error(&issues, "V-DATE", "start", "262142");
    }
}

#[test]
fn issue11_start_outside_1900_to_2200_is_rejected() {
    for start in ["+262142-12-30", "0000-01-01", "1899-12-31", "2201-01-01"] {
        let issues = issues_with(|v| v["start"] = json!(start));
        let i = assert_error(&issues, "V-DATE", "start", &start[..4]);
        assert!(i.message.contains("1900-01-01 … 2200-12-31"), "{i}");
        assert!(i.fix.contains("1900–2200"), "{i}");
        // No window arithmetic on an unsupported start ("-0001-09-11").
        assert!(
            issues.iter().all(|i| !i.fix.contains("-0001")),
            "{issues:#?}"
        );
    }
}

#[test]
fn issue11_horizon_episode_and_due_end_before_2201() {
    let issues = issues_with(|v| {
        v["start"] = json!("2200-12-28");
        v["nurses"][0]["off"] = json!([]);
        v["nurses"][0]["history"] = json!({});
        v["families"] = json!([]);
        v["partus_pool"] = Value::Null;
    });
    let i = assert_error(&issues, "V-DATE", "start", "2200-12-28");
    assert!(i.message.contains("ends after 2200-12-31"), "{i}");
    let issues = issues_with(|v| {
        v["families"][1]["care_start"] = json!("2200-12-30");
        v["families"][1]["due"] = json!("2200-12-30");
    });
    let i = assert_error(&issues, "V-DATE", "families[1].care_start", "2200-12-30");
    assert!(i.message.contains("ends after 2200-12-31"), "{i}");
    let i = assert_error(&issues, "V-DATE", "families[1].due", "2200-12-30");
    assert!(i.message.contains("42 days after"), "{i}");
    let issues = issues_with(|v| v["families"][0]["hospital"] = json!(["0001-01-01"]));
    assert_error(&issues, "V-DATE", "families[0].hospital[0]", "0001-01-01");
}

#[test]
fn issue11_duplicate_measures_are_rejected() {
    let issues = issues_with(|v| v["measures"] = json!(["M-LENDING", "M-LENDING"]));
    let i = assert_error(&issues, "V-MEASURE", "measures[1]", "M-LENDING");
    assert!(i.message.contains("measures[0] and measures[1]"), "{i}");
    assert!(i.fix.contains("remove the duplicate"), "{i}");
}

#[test]
fn issue11_duplicate_off_dates_are_rejected() {
    let issues = issues_with(|v| v["nurses"][0]["off"] = json!(["2026-07-08", "2026-07-08"]));
    let i = assert_error(&issues, "V-DATE", "nurses[0].off[1]", "2026-07-08");
    assert!(
        i.message.contains("N001") && i.message.contains("twice"),
        "{i}"
    );
    assert_eq!(errors(&issues).len(), 1, "{issues:#?}");
}

#[test]
fn issue11_duplicate_consent_known_nurses_history_and_hospital_are_rejected() {
    let issues = issues_with(|v| {
        v["nurses"][0]["consent"] = json!(["M-COMBINED", "M-COMBINED"]);
        v["nurses"][0]["history"]["worked"] = json!(["2026-07-03", "2026-07-03"]);
        v["nurses"][0]["history"]["oncall"] = json!(["2026-06-30", "2026-06-30"]);
        v["families"][0]["known_nurses"] = json!(["N001", "N001"]);
        v["families"][0]["hospital"] = json!(["2026-07-04", "2026-07-04"]);
    });
    assert_error(&issues, "V-MEASURE", "nurses[0].consent[1]", "M-COMBINED");
    assert_error(
        &issues,
        "V-DATE",
        "nurses[0].history.worked[1]",
        "2026-07-03",
    );
    assert_error(
        &issues,
        "V-DATE",
        "nurses[0].history.oncall[1]",
        "2026-06-30",
    );
    assert_error(&issues, "V-REF", "families[0].known_nurses[1]", "N001");
    let i = assert_error(
        &issues,
        "V-HOSPITAL",
        "families[0].hospital[1]",
        "2026-07-04",
    );
    assert!(i.message.contains("hospital[0] and hospital[1]"), "{i}");
    assert_eq!(errors(&issues).len(), 5, "{issues:#?}");
}

#[test]
fn oncall_nights_lie_in_the_history_window_and_in_oncall() {
    let issues = issues_with(|v| {
        // 06-30 is an on-call date; 07-01 is not; 07-06 is start; 01-01 too old.
        v["nurses"][0]["history"]["oncall_nights"] = json!([
            "2026-06-30",
            "2026-07-01",
            "2026-07-06",
            "2026-01-01",
            "2026-06-30"
        ]);
    });
    let i = assert_error(
        &issues,
        "V-DATE",
        "nurses[0].history.oncall_nights[1]",
        "2026-07-01",
    );
    assert!(i.message.contains("not in history.oncall"), "{i}");
    assert!(i.fix.contains("add 2026-07-01 to history.oncall"), "{i}");
    let i = assert_error(
        &issues,
        "V-DATE",
        "nurses[0].history.oncall_nights[2]",
        "2026-07-06",
    );
    assert!(i.message.contains("not before start"), "{i}");
    let i = assert_error(
        &issues,
        "V-DATE",
        "nurses[0].history.oncall_nights[3]",
        "2026-01-01",
    );
    assert!(i.message.contains("112 days"), "{i}");
    assert_error(
        &issues,
        "V-DATE",
        "nurses[0].history.oncall_nights[4]",
        "2026-06-30",
    );
    // 07-01, 07-06 and 01-01 are outside history.oncall; 07-06 and 01-01
    // outside the window; 06-30 twice.
    assert_eq!(errors(&issues).len(), 6, "{issues:#?}");
}

#[test]
fn edit_distance_counts_typos() {
    assert_eq!(edit_distance("contrat_max", "contract_max"), 1);
    assert_eq!(edit_distance("cotnract_max", "contract_max"), 1);
    assert_eq!(edit_distance("M-combined", "M-COMBINED"), 0);
    assert_eq!(closest("xyz", ["id", "name"]), None);
    assert_eq!(
        closest("COMBINED", MEASURE_IDS.iter().copied()),
        Some("M-COMBINED")
    );
}

/// The field lists used for suggestions and ordering must match the wire
/// types: a field added to `scenario/mod.rs` must be added here too.
#[test]
fn known_field_lists_match_wire_types() {
    let mut v = valid_json();
    v["partus_pool"]["expected_pa_per_day"] = json!(3.0);
    v["partus_pool"]["pa_hours"] = json!(4.0);
    v["partus_pool"]["max_blocking"] = json!(0.01);
    v["partus_pool"]["min_on_call"] = json!(1);
    v["families"][1]["due"] = json!("2026-07-10");
    v["families"][1]["insurer"] = json!("CZ");
    v["rules"]["policy"] = json!("utilitarian");
    v["nurses"][0]["history"]["oncall_nights"] = json!(["2026-06-30"]);
    v["kraamcentrum"] = json!({ "size": 3, "beds": 4, "location": [52.1, 5.1],
                                "hours_per_day": 8, "provider": "P1" });
    let s = read(&v).scenario;
    let back = serde_json::to_value(&s).unwrap();
    let keys = |v: &Value| -> HashSet<String> {
        v.as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<HashSet<_>>()
    };
    let set = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
    assert_eq!(keys(&back), set(SCENARIO_FIELDS));
    assert_eq!(keys(&back["rules"]), set(RULES_FIELDS));
    assert_eq!(keys(&back["providers"][0]), set(PROVIDER_FIELDS));
    assert_eq!(keys(&back["nurses"][0]), set(NURSE_FIELDS));
    assert_eq!(keys(&back["nurses"][0]["history"]), set(HISTORY_FIELDS));
    assert_eq!(keys(&back["families"][1]), set(FAMILY_FIELDS));
    assert_eq!(keys(&back["partus_pool"]), set(POOL_FIELDS));
    assert_eq!(keys(&back["partus_pool"]["shifts"][0]), set(SHIFT_FIELDS));
    assert_eq!(keys(&back["kraamcentrum"]), set(KRAAMCENTRUM_FIELDS));
    for m in NEEDS_CONSENT {
        assert!(MEASURE_IDS.contains(m), "{m}");
    }
}

/// Every file in `tests/fixtures/invalid/` is named `<code>--<what>.json`
/// (code in lower case) and must raise that error.
#[test]
fn invalid_fixtures_raise_their_code() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some((code, _)) = name.split_once("--") else {
            continue;
        };
        let code = code.to_uppercase();
        let read = crate::scenario::read_scenario(&path).unwrap();
        let issues = validate(&read);
        assert!(
            issues.iter().any(|i| i.is_error() && i.code == code),
            "{name}: no {code} in {issues:#?}"
        );
        n += 1;
    }
    assert!(n > 0, "no fixtures in {}", dir.display());
}

/// M-KRAAMCENTRUM needs a `kraamcentrum`, and its fields must be in range:
/// each error names the field, its value and the fix.
#[test]
fn kraamcentrum_needs_its_field_and_values_in_range() {
    let issues = issues_with(|v| v["measures"] = json!(["M-KRAAMCENTRUM"]));
    let i = find(&issues, "V-KRAAMCENTRUM", "measures[0]", "M-KRAAMCENTRUM");
    assert!(i.is_error() && i.fix.contains("add `kraamcentrum`"), "{i}");
    let centre = |size: u32, beds: u32, hours: u32| {
        move |v: &mut Value| {
            v["measures"] = json!(["M-KRAAMCENTRUM"]);
            v["kraamcentrum"] = json!({ "size": size, "beds": beds, "location": [52.1, 5.1],
                                        "hours_per_day": hours });
        }
    };
    assert!(issues_with(centre(3, 6, 8)).iter().all(|i| !i.is_error()));
    let issues = issues_with(centre(1, 6, 8));
    find(&issues, "V-KRAAMCENTRUM", "kraamcentrum.size", "1");
    let issues = issues_with(centre(13, 20, 8));
    find(&issues, "V-KRAAMCENTRUM", "kraamcentrum.size", "13");
    let issues = issues_with(centre(4, 3, 8));
    find(&issues, "V-KRAAMCENTRUM", "kraamcentrum.beds", "3");
    let issues = issues_with(centre(4, 201, 8));
    find(&issues, "V-KRAAMCENTRUM", "kraamcentrum.beds", "201");
    let issues = issues_with(centre(4, 4, 11));
    let i = find(
        &issues,
        "V-KRAAMCENTRUM",
        "kraamcentrum.hours_per_day",
        "11",
    );
    assert!(i.message.contains("max_nurse_hours_per_day"), "{i}");
    let issues = issues_with(|v| {
        centre(3, 3, 8)(v);
        v["kraamcentrum"]["location"] = json!([40.0, 5.0]);
        v["kraamcentrum"]["provider"] = json!("P9");
    });
    find(&issues, "V-KRAAMCENTRUM", "kraamcentrum.location", "40");
    find(&issues, "V-KRAAMCENTRUM", "kraamcentrum.provider", "P9");
    // A centre without the measure is never used: a warning.
    let issues = issues_with(|v| {
        v["kraamcentrum"] = json!({ "size": 3, "location": [52.1, 5.1] });
    });
    let i = find(&issues, "V-MEASURE-UNUSED", "kraamcentrum", "");
    assert!(!i.is_error());
}
