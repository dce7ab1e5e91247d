//! Rolling tiny scenarios by hand-checkable amounts.

use chrono::NaiveDate;
use serde_json::json;

use super::*;
use crate::domain::geo::haversine_km;
use crate::domain::rules::RuleId;
use crate::plan::{OnCall, Visit};
use crate::scenario::events::parse_events;
use crate::scenario::Shift;
use crate::testkit::Tiny;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The greedy plan of `s`, which the checker must accept.
fn clean_plan(s: &Scenario) -> Plan {
    let p = crate::model::Problem::build(s).unwrap();
    let plan = crate::engine::heuristic_plan(&p, None);
    let report = crate::check::check(s, &plan);
    assert!(report.is_clean(), "{:#?}", report.violations);
    plan
}

/// A plan of `s` with exactly these rows (for the carrying-out functions,
/// which read nothing else).
fn rows(s: &Scenario, visits: &[(&str, &str, &str, u32)], oncall: &[(&str, &str, Shift)]) -> Plan {
    let mut plan = clean_plan(s);
    plan.visits = visits
        .iter()
        .map(|(n, f, date, hours)| Visit {
            nurse: n.to_string(),
            family: f.to_string(),
            date: d(date),
            hours: *hours,
            site: Default::default(),
        })
        .collect();
    plan.oncall = oncall
        .iter()
        .map(|(n, date, shift)| OnCall {
            nurse: n.to_string(),
            date: d(date),
            shift: *shift,
        })
        .collect();
    plan
}

/// The history of nurse `id` after carrying out `plan` up to `to`.
fn history_of(s: &Scenario, plan: &Plan, to: &str, id: &str) -> crate::scenario::History {
    let days = hours::carried_out(s, plan, d(to));
    let n = s.nurses.iter().find(|n| n.id == id).unwrap();
    history::roll_history(&n.history, days.get(id), s.start, d(to))
}

fn events(v: serde_json::Value) -> Vec<Event> {
    parse_events(&json!({ "format": EVENTS_FORMAT, "events": v }).to_string()).unwrap()
}

fn codes(issues: &[Issue]) -> Vec<(&str, &str)> {
    issues.iter().map(|i| (i.code, i.field.as_str())).collect()
}

#[test]
fn history_after_one_and_two_days() {
    // Monday 07-06: 5 h of care; Tuesday 07-07: on call at night (8 h).
    let s = Tiny::new(1).family("F1", "2026-07-06", 8).partus().build();
    let plan = rows(
        &s,
        &[("N1", "F1", "2026-07-06", 5)],
        &[("N1", "2026-07-07", Shift::Night)],
    );
    let h = history_of(&s, &plan, "2026-07-07", "N1");
    assert_eq!(h.worked, vec![d("2026-07-06")]);
    assert!(h.oncall.is_empty());
    assert!(h.weekly_hours.is_empty(), "the same ISO week");
    assert_eq!(h.current_week_hours, 5);
    let h = history_of(&s, &plan, "2026-07-08", "N1");
    assert_eq!(h.worked, vec![d("2026-07-06"), d("2026-07-07")]);
    assert_eq!(h.oncall, vec![d("2026-07-07")]);
    assert_eq!(h.current_week_hours, 13);
}

#[test]
fn on_call_hours_count_only_when_they_are_work() {
    let s = Tiny::new(1)
        .family("F1", "2026-07-06", 8)
        .partus()
        .rule("oncall_counts_as_work", false)
        .build();
    let plan = rows(&s, &[], &[("N1", "2026-07-06", Shift::Night)]);
    let h = history_of(&s, &plan, "2026-07-07", "N1");
    assert_eq!((h.worked.len(), h.oncall.len()), (1, 1));
    assert_eq!(h.current_week_hours, 0);
}

#[test]
fn a_roll_across_monday_closes_the_week() {
    // Start Wednesday 07-08 with 10 h already in that week and one past week of 30 h.
    let s = Tiny::new(1)
        .start("2026-07-08")
        .family("F1", "2026-07-08", 8)
        .nurse_history(|h| {
            h.weekly_hours = vec![30];
            h.current_week_hours = 10;
        })
        .build();
    let plan = rows(
        &s,
        &[
            ("N1", "F1", "2026-07-08", 4),
            ("N1", "F1", "2026-07-12", 6),
            ("N1", "F1", "2026-07-13", 3),
        ],
        &[],
    );
    let h = history_of(&s, &plan, "2026-07-14", "N1");
    assert_eq!(h.weekly_hours, vec![30, 20], "10 before start + 4 + 6");
    assert_eq!(h.current_week_hours, 3, "Monday 07-13");
    // Rolled to the Monday itself: the week is complete, nothing before it in the new week.
    let h = history_of(&s, &plan, "2026-07-13", "N1");
    assert_eq!(h.weekly_hours, vec![30, 20]);
    assert_eq!(h.current_week_hours, 0);
}

#[test]
fn old_history_is_trimmed_to_what_validation_allows() {
    let s = Tiny::new(1)
        .family("F1", "2026-07-06", 8)
        .nurse_history(|h| {
            h.worked = vec![d("2026-03-17"), d("2026-03-18"), d("2026-07-03")];
            h.weekly_hours = (1..=16).collect();
        })
        .build();
    let plan = rows(&s, &[("N1", "F1", "2026-07-06", 4)], &[]);
    let h = history_of(&s, &plan, "2026-07-13", "N1");
    // 112 days before 07-13 is 03-23.
    assert_eq!(h.worked, vec![d("2026-07-03"), d("2026-07-06")]);
    assert_eq!(h.weekly_hours.len(), 16);
    assert_eq!(h.weekly_hours.first(), Some(&2));
    assert_eq!(h.weekly_hours.last(), Some(&4));
}

#[test]
fn night_shifts_become_oncall_nights_trimmed_like_the_other_dates() {
    let s = Tiny::new(1)
        .family("F1", "2026-07-06", 8)
        .partus()
        .night_in_history("N1", "2026-03-17")
        .build();
    let plan = rows(
        &s,
        &[],
        &[
            ("N1", "2026-07-06", Shift::Night),
            ("N1", "2026-07-08", Shift::Day),
        ],
    );
    let h = history_of(&s, &plan, "2026-07-09", "N1");
    assert_eq!(h.oncall, vec![d("2026-07-06"), d("2026-07-08")]);
    assert_eq!(
        h.oncall_nights,
        vec![d("2026-07-06")],
        "the day shift is no night; 03-17 is too old"
    );
}

#[test]
fn a_night_before_the_new_start_keeps_it_free_of_care() {
    // Two nurses, a night shift on 07-06 and a family in care from 07-06.
    let s = Tiny::new(2)
        .family("F1", "2026-07-06", 8)
        .partus()
        .pool_shift("2026-07-06", "night", 1)
        .build();
    let plan = clean_plan(&s);
    let night = plan
        .oncall
        .iter()
        .find(|o| o.date == d("2026-07-06") && o.shift == Shift::Night)
        .expect("the greedy plan staffs the night")
        .nurse
        .clone();
    let other = if night == "N1" { "N2" } else { "N1" };
    // The other nurse falls sick on 07-07: only the night nurse is left for F1.
    let ev = events(json!([
        { "kind": "sick", "nurse": other, "from": "2026-07-07", "to": "2026-07-07" }
    ]));
    let next = roll(&s, &plan, d("2026-07-07"), &ev).unwrap();
    let n = next.nurses.iter().find(|n| n.id == night).unwrap();
    assert_eq!(n.history.oncall_nights, vec![d("2026-07-06")]);
    // Clean, so ATW-NIGHT-REST holds across the new start; and she has no care on it.
    let rolled = clean_plan(&next);
    assert!(
        !rolled
            .visits
            .iter()
            .any(|v| v.nurse == night && v.date == d("2026-07-07")),
        "{:#?}",
        rolled.visits
    );
}

#[test]
fn travel_between_two_families_counts_and_rounds_up() {
    let s = Tiny::new(1)
        .family("F1", "2026-07-06", 8)
        .family("F2", "2026-07-06", 8)
        .family_home("F2", 52.2, 5.1)
        .build();
    let plan = rows(
        &s,
        &[("N1", "F1", "2026-07-06", 3), ("N1", "F2", "2026-07-06", 3)],
        &[],
    );
    let km = haversine_km([52.1, 5.1], [52.2, 5.1]);
    let h = history_of(&s, &plan, "2026-07-07", "N1");
    assert_eq!(h.current_week_hours, (6.0 + km / 30.0).ceil() as u32);
    assert_eq!(h.current_week_hours, 7);
}

#[test]
fn families_carry_hours_and_nurses_and_ended_episodes_drop_out() {
    let s = Tiny::new(2)
        .family("F0", "2026-07-01", 6) // last day 07-06
        .family("F1", "2026-07-04", 8)
        .known("F1", "N1")
        .delivered_before("F1", 6)
        .build();
    let plan = rows(
        &s,
        &[
            ("N1", "F0", "2026-07-06", 3),
            ("N2", "F1", "2026-07-06", 4),
            ("N1", "F1", "2026-07-07", 3),
            ("N2", "F1", "2026-07-08", 5),
        ],
        &[],
    );
    let fams = families::carry_families(&s, &plan, d("2026-07-08"));
    assert_eq!(fams.len(), 1, "F0 ended on 07-06");
    assert_eq!(fams[0].id, "F1");
    assert_eq!(
        fams[0].delivered_before,
        6 + 4 + 3,
        "07-08 is not carried out"
    );
    assert_eq!(fams[0].known_nurses, vec!["N1", "N2"]);
}

#[test]
fn a_booking_not_born_stays_a_booking_from_the_new_start() {
    let s = Tiny::new(1)
        .family("F1", "2026-07-06", 8)
        .family_field("F1", "due", "2026-07-10")
        .build();
    let plan = rows(&s, &[("N1", "F1", "2026-07-06", 4)], &[]);
    let fams = families::carry_families(&s, &plan, d("2026-07-07"));
    assert_eq!(fams[0].care_start, d("2026-07-07"));
    assert_eq!(fams[0].due, Some(d("2026-07-10")));
    assert_eq!(
        (fams[0].delivered_before, fams[0].known_nurses.len()),
        (0, 0)
    );
}

#[test]
fn pool_drops_past_shifts_and_repeats_last_weeks_for_new_days() {
    let s = Tiny::new(1)
        .partus()
        .pool_shift("2026-07-06", "day", 1)
        .pool_shift("2026-07-07", "night", 2)
        .pool_shift("2026-07-09", "evening", 1)
        .pool_shift("2026-07-13", "day", 3) // never in this horizon; kept as given
        .build();
    let p = pool::carry_pool(
        s.partus_pool.as_ref().unwrap(),
        s.end(),
        d("2026-07-08"),
        d("2026-07-14"),
    );
    let got: Vec<(NaiveDate, Shift, u32)> = p
        .shifts
        .iter()
        .map(|r| (r.date, r.shift, r.required))
        .collect();
    assert_eq!(
        got,
        vec![
            (d("2026-07-09"), Shift::Evening, 1),
            (d("2026-07-13"), Shift::Day, 3), // listed: not repeated from 07-06
            (d("2026-07-14"), Shift::Night, 2), // from 07-07
        ]
    );
}

#[test]
fn the_rolled_horizon_starts_at_to_and_keeps_its_length() {
    let s = Tiny::new(2)
        .family("F1", "2026-07-06", 8)
        .off("N1", "2026-07-06")
        .off("N1", "2026-07-10")
        .build();
    let plan = clean_plan(&s);
    let next = roll(&s, &plan, d("2026-07-08"), &[]).unwrap();
    assert_eq!((next.start, next.days), (d("2026-07-08"), 7));
    assert_eq!(next.name, "tiny, rolled to 2026-07-08");
    assert_eq!(next.nurses[0].off, vec![d("2026-07-10")]);
    assert!(next.events.is_empty());
    assert!(validate::errors(&next).is_empty());
    // To the day after the end: the whole plan is history.
    let last = roll(&s, &plan, d("2026-07-13"), &[]).unwrap();
    assert_eq!(last.start, d("2026-07-13"));
    assert_eq!(last.families.len(), 1, "F1's last day is 07-13");
    assert_eq!(last.families[0].delivered_before, plan.kpi.delivered_hours);
}

#[test]
fn names_replace_a_trailing_date_or_say_rolled() {
    let to = d("2026-07-08");
    assert_eq!(rolled_name("Region 2026-07-06", to), "Region 2026-07-08");
    assert_eq!(rolled_name("tiny", to), "tiny, rolled to 2026-07-08");
    assert_eq!(
        rolled_name("tiny, rolled to 2026-07-07", to),
        "tiny, rolled to 2026-07-08"
    );
    assert_eq!(rolled_name("é", to), "é, rolled to 2026-07-08");
}

#[test]
fn roll_refuses_a_bad_date_a_foreign_plan_and_a_plan_with_violations() {
    let s = Tiny::new(1).family("F1", "2026-07-06", 8).build();
    let plan = clean_plan(&s);
    for to in ["2026-07-06", "2026-07-14", "2026-07-01"] {
        let e = roll(&s, &plan, d(to), &[]).unwrap_err();
        assert_eq!(codes(&e), vec![("V-ROLL-DATE", "--to")], "{to}");
        assert!(e[0].fix.contains("2026-07-07") && e[0].fix.contains("2026-07-13"));
    }
    let mut other = plan.clone();
    other.scenario = "another".into();
    let e = roll(&s, &other, d("2026-07-07"), &[]).unwrap_err();
    assert_eq!(codes(&e), vec![("V-ROLL-PLAN", "plan.scenario")]);
    let mut broken = plan.clone();
    broken.visits.push(Visit {
        nurse: "N1".into(),
        family: "F1".into(),
        date: d("2026-07-06"),
        hours: 11,
        site: Default::default(),
    });
    let e = roll(&s, &broken, d("2026-07-07"), &[]).unwrap_err();
    assert!(
        !e.is_empty() && e.iter().all(|i| i.code == "V-ROLL-PLAN"),
        "{e:?}"
    );
    assert!(e[0].fix.contains("kraamplan check"));
}

/// The rules a plan's rows can break (not the figures it reports about itself).
const HARD: &[RuleId] = &[
    RuleId::Avail,
    RuleId::Role,
    RuleId::Travel,
    RuleId::VisitMin,
    RuleId::OneFamilyADay,
    RuleId::CareMax,
    RuleId::AtwDayMax,
    RuleId::AtwWeekMax,
    RuleId::Contract,
    RuleId::AtwAvg4w,
    RuleId::AtwAvg16w,
    RuleId::AtwWeeklyRest,
    RuleId::OrgEpisodeRest,
    RuleId::PoolEligible,
    RuleId::OncallNoCare,
    RuleId::AtwNightRest,
    RuleId::AtwOncall4w,
    RuleId::CaoOncallBlock,
];

#[test]
fn the_rest_of_the_plan_stays_legal_on_the_rolled_scenario() {
    // Tight contracts, a Wednesday start: the roll crosses a Monday, so the
    // carried-out week and the new week's hours both bind the remaining rows.
    let s = Tiny::new(3)
        .start("2026-07-08")
        .contract(0, 24)
        .family("F1", "2026-07-06", 8)
        .family("F2", "2026-07-08", 8)
        .family("F3", "2026-07-10", 8)
        .partus()
        .pool_shift("2026-07-09", "night", 1)
        .pool_shift("2026-07-13", "day", 1)
        .nurse_history(|h| {
            h.weekly_hours = vec![40, 38, 36, 40];
            h.current_week_hours = 12;
            h.worked = vec![d("2026-07-06"), d("2026-07-07")];
        })
        .build();
    let plan = clean_plan(&s);
    for to in ["2026-07-09", "2026-07-13", "2026-07-14", "2026-07-15"] {
        let next = roll(&s, &plan, d(to), &[]).unwrap();
        assert!(validate::errors(&next).is_empty());
        let mut rest = plan.clone();
        rest.scenario = next.name.clone();
        rest.visits.retain(|v| v.date >= d(to));
        rest.oncall.retain(|o| o.date >= d(to));
        let hard: Vec<_> = crate::check::check(&next, &rest)
            .violations
            .into_iter()
            .filter(|v| HARD.contains(&v.rule))
            .collect();
        assert!(hard.is_empty(), "rolled to {to}: {hard:#?}");
        // And the greedy plan of the rolled scenario is clean.
        clean_plan(&next);
    }
}

/// A small region with a booking, a family in hospital and a sick nurse.
fn region() -> Scenario {
    Tiny::new(3)
        .partus()
        .family("F1", "2026-07-04", 8)
        .hospital("F1", "2026-07-07")
        .hospital("F1", "2026-07-08")
        .family("F2", "2026-07-06", 8)
        .family("F9", "2026-07-08", 8)
        .family("F12", "2026-07-09", 8)
        .family_field("F12", "due", "2026-07-12")
        .off("N3", "2026-07-09")
        .off("N3", "2026-07-10")
        .build()
}

#[test]
fn every_event_kind_is_applied() {
    let s = region();
    let plan = clean_plan(&s);
    let ev = events(json!([
        { "kind": "birth", "family": "F12", "date": "2026-07-08", "arrival": "evening",
          "hospital": ["2026-07-08"] },
        { "kind": "birth", "new_family": { "id": "F20", "provider": "P1", "care_start": "2026-07-09",
          "indicated_hours": 49, "home": [52.1, 5.1] } },
        { "kind": "sick", "nurse": "N1", "from": "2026-07-08", "to": "2026-07-09" },
        { "kind": "sick", "nurse": "N2", "from": "2026-07-12" },
        { "kind": "recovery", "nurse": "N3", "from": "2026-07-10" },
        { "kind": "hospital", "family": "F2", "from": "2026-07-09", "to": "2026-07-10" },
        { "kind": "discharge", "family": "F1", "date": "2026-07-08" },
        { "kind": "cancellation", "family": "F9" },
        { "kind": "nurse_joins", "nurse": { "id": "N4", "provider": "P1", "contract_max": 32,
          "home": [52.1, 5.1] } },
        { "kind": "nurse_leaves", "nurse": "N4", "date": "2026-07-13" },
        { "kind": "indication", "family": "F2", "indicated_hours": 56 }
    ]));
    let next = roll(&s, &plan, d("2026-07-08"), &ev).unwrap();
    let fam = |id: &str| next.families.iter().find(|f| f.id == id);
    let nurse = |id: &str| next.nurses.iter().find(|n| n.id == id).unwrap();
    let f12 = fam("F12").unwrap();
    assert_eq!((f12.care_start, f12.due), (d("2026-07-08"), None));
    assert_eq!(f12.arrival, crate::scenario::Arrival::Evening);
    assert_eq!(f12.hospital, vec![d("2026-07-08")]);
    assert_eq!(fam("F20").unwrap().care_start, d("2026-07-09"));
    assert_eq!(nurse("N1").off, vec![d("2026-07-08"), d("2026-07-09")]);
    assert_eq!(nurse("N2").off.len(), 3, "07-12 … 07-14");
    assert_eq!(nurse("N3").off, vec![d("2026-07-09")]);
    assert_eq!(
        fam("F2").unwrap().hospital,
        vec![d("2026-07-09"), d("2026-07-10")]
    );
    assert_eq!(fam("F1").unwrap().hospital, vec![d("2026-07-07")]);
    assert!(fam("F9").is_none());
    assert_eq!(nurse("N4").off, vec![d("2026-07-13"), d("2026-07-14")]);
    assert_eq!(fam("F2").unwrap().indicated_hours, 56);
    assert_eq!(next.events, ev);
    assert!(validate::errors(&next).is_empty());
    clean_plan(&next);
}

#[test]
fn a_nurse_who_leaves_now_is_removed_with_her_continuity() {
    let s = Tiny::new(2)
        .family("F1", "2026-07-06", 8)
        .known("F1", "N2")
        .build();
    let plan = clean_plan(&s);
    let ev = events(json!([{ "kind": "nurse_leaves", "nurse": "N2", "date": "2026-07-07" }]));
    let next = roll(&s, &plan, d("2026-07-07"), &ev).unwrap();
    assert_eq!(next.nurses.len(), 1);
    assert!(next.families[0].known_nurses.iter().all(|n| n != "N2"));
}

#[test]
fn every_bad_event_is_reported_at_once() {
    let s = region();
    let plan = clean_plan(&s);
    let ev = events(json!([
        { "kind": "sick", "nurse": "N33", "from": "2026-07-08" },
        { "kind": "sick", "nurse": "N1", "from": "2026-07-07" },
        { "kind": "hospital", "family": "F2", "from": "2026-07-10", "to": "2026-07-09" },
        { "kind": "birth", "family": "F2", "date": "2026-07-08" },
        { "kind": "birth", "new_family": { "id": "F1", "provider": "P1", "care_start": "2026-07-09",
          "indicated_hours": 49, "home": [52.1, 5.1] } },
        { "kind": "nurse_joins", "nurse": { "id": "N2", "provider": "P1", "contract_max": 32,
          "home": [52.1, 5.1] } },
        { "kind": "cancellation", "family": "F99" },
        { "kind": "birth", "family": "F12" },
        { "kind": "indication", "family": "F2", "indicated_hours": 90 },
        { "kind": "discharge", "family": "F1", "date": "2026-07-20" }
    ]));
    let e = roll(&s, &plan, d("2026-07-08"), &ev).unwrap_err();
    assert_eq!(
        codes(&e),
        vec![
            ("V-EVENT-REF", "events[0].nurse"),
            ("V-EVENT-DATE", "events[1].from"),
            ("V-EVENT-DATE", "events[2].to"),
            ("V-EVENT-DUP", "events[3].family"),
            ("V-EVENT-DUP", "events[4].new_family.id"),
            ("V-EVENT-DUP", "events[5].nurse.id"),
            ("V-EVENT-REF", "events[6].family"),
            ("V-EVENT-BIRTH", "events[7]"),
            ("V-EVENT-HOURS", "events[8].indicated_hours"),
            ("V-EVENT-DATE", "events[9].date"),
        ]
    );
    assert_eq!(e[0].value, "N33");
    assert!(e[0].fix.contains("did you mean `N3`?"), "{}", e[0].fix);
    assert!(e[1].fix.contains("2026-07-08") && e[1].fix.contains("2026-07-14"));
    assert!(e[6].fix.contains("`F9`"), "{}", e[6].fix);
}

#[test]
fn the_events_file_is_read_with_every_problem_named() {
    let bad = json!({ "format": "kraamplan/events@2", "extra": 1, "events": [
        { "kind": "flood", "family": "F1" },
        { "kind": "sick", "nurse": "N1", "from": "2026-07-08", "until": "2026-07-09" },
        { "kind": "birth", "new_family": { "id": "F5", "provider": "P1", "care_start": "2026-07-09",
          "indicated_hours": 49, "home": [52.1, 5.1], "hospitl": [] } },
        { "kind": "sick", "nurse": "N1", "from": "2026-02-30" }
    ]});
    let e = parse_events(&bad.to_string()).unwrap_err();
    assert_eq!(
        codes(&e),
        vec![
            ("V-EVENT-FORMAT", "format"),
            ("V-EVENT-FIELD", "extra"),
            ("V-EVENT-FIELD", "events[0].kind"),
            ("V-EVENT-FIELD", "events[1].until"),
            ("V-EVENT-FIELD", "events[2].new_family.hospitl"),
            ("V-EVENT-FIELD", "events[3].from"),
        ]
    );
    assert!(
        e[2].message.contains("unknown variant `flood`"),
        "{}",
        e[2].message
    );
    assert!(
        e[3].message.contains("unknown field `until`"),
        "{}",
        e[3].message
    );
    let e = parse_events("[1, 2]").unwrap_err();
    assert_eq!(codes(&e), vec![("V-EVENT-FIELD", ".")]);
    let e = parse_events("{} x").unwrap_err();
    assert_eq!(codes(&e), vec![("V-EVENT-JSON", ".")]);
}

#[test]
fn events_name_what_they_touch() {
    let ev = events(json!([
        { "kind": "sick", "nurse": "N3", "from": "2026-07-08", "to": "2026-07-09" },
        { "kind": "birth", "family": "F12", "date": "2026-07-08" },
        { "kind": "nurse_joins", "nurse": { "id": "N4", "provider": "P1", "contract_max": 32,
          "home": [52.1, 5.1] } },
        { "kind": "birth", "new_family": { "id": "F20", "provider": "P1", "care_start": "2026-07-09",
          "indicated_hours": 49, "home": [52.1, 5.1] } }
    ]));
    assert_eq!(ev[0].describe(), "N3 sick 2026-07-08 – 2026-07-09");
    assert_eq!((ev[0].nurse(), ev[0].family()), (Some("N3"), None));
    assert_eq!(ev[1].describe(), "birth of F12 on 2026-07-08");
    assert_eq!((ev[1].nurse(), ev[1].family()), (None, Some("F12")));
    assert_eq!(ev[2].nurse(), Some("N4"));
    assert_eq!(ev[3].family(), Some("F20"));
    // They survive a round trip through a scenario file.
    let mut s = Tiny::new(1).build();
    s.events = ev.clone();
    let text = serde_json::to_string(&s).unwrap();
    let read = crate::scenario::parse_scenario(&text, "s.json").unwrap();
    assert_eq!(read.scenario.events, ev);
    assert!(read.unknown_fields.is_empty(), "{:?}", read.unknown_fields);
}
