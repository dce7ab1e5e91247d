use std::collections::BTreeSet;
use std::path::Path;

use super::cells::{self, number, whole};
use super::columns::{SETTINGS, SHEETS};
use super::*;
use crate::scenario::{read_scenario, Scenario};

/// The sources of an export, as import reads them.
fn sources_of(files: &[(&'static str, Vec<u8>)]) -> Sources {
    let get = |name: &str| {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, bytes)| Source {
                shown: n.to_string(),
                text: String::from_utf8(bytes.clone()).unwrap(),
            })
    };
    Sources {
        providers: get("providers.csv").unwrap(),
        nurses: get("nurses.csv").unwrap(),
        families: get("families.csv").unwrap(),
        pool: get("pool.csv"),
        settings: get("settings.csv"),
    }
}

fn source(shown: &str, text: &str) -> Source {
    Source {
        shown: shown.into(),
        text: text.into(),
    }
}

fn bundled() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut out = Vec::new();
    for dir in ["", "colours", "ladder"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn issue17_every_bundled_scenario_survives_export_and_import() {
    let paths = bundled();
    assert!(paths.len() >= 13, "{paths:?}");
    for path in paths {
        let s = read_scenario(&path).unwrap().scenario;
        let files = export(&s).unwrap();
        let report = import(&sources_of(&files), &Overrides::default());
        assert!(
            report.errors.is_empty(),
            "{}: {:#?}",
            path.display(),
            report.errors
        );
        assert_eq!(report.scenario.as_ref(), Some(&s), "{}", path.display());
    }
}

/// A small region whose settings come from the command line.
fn small(providers: &str, nurses: &str, families: &str) -> Report {
    import(
        &Sources {
            providers: source("providers.csv", providers),
            nurses: source("nurses.csv", nurses),
            families: source("families.csv", families),
            pool: None,
            settings: None,
        },
        &Overrides {
            start: Some("2026-07-06".parse().unwrap()),
            days: Some(7),
            default_name: "t".into(),
            ..Overrides::default()
        },
    )
}

#[test]
fn issue17_a_dutch_semicolon_file_with_decimal_commas_reads() {
    let report = small(
        "\u{feff}id;name;contracted\nP1;\"Zorg; Noord\";ja\n",
        "id;provider;contract_max;home.lat;home.lon;off;consent\n\
         N001;P1;32;52,09;5,12;7-7-2026|2026-07-08;M-COMBINED|M-FLEX\n",
        "id;provider;care_start;indicated_hours;home.lat;home.lon;complexity\n\
         F001;;6-7-2026;49;52,1;5,1;Medium\n",
    );
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    let s = report.scenario.unwrap();
    assert_eq!(s.providers[0].name, "Zorg; Noord");
    assert!(s.providers[0].contracted);
    let n = &s.nurses[0];
    assert_eq!(n.home, [52.09, 5.12]);
    assert_eq!(n.off.len(), 2);
    assert_eq!(n.off[0].to_string(), "2026-07-07");
    assert_eq!(n.consent, ["M-COMBINED", "M-FLEX"]);
    let f = &s.families[0];
    assert_eq!(f.provider, None);
    assert_eq!(f.care_start.to_string(), "2026-07-06");
    assert_eq!(f.complexity, crate::scenario::Complexity::Medium);
    assert_eq!(f.care_days, 8, "an absent column is the default");
}

#[test]
fn issue17_every_error_is_listed_with_file_row_column_and_fix() {
    let report = small(
        "id,name\nP1,Noord\n",
        "id,provider,contract_max,home.lat,home.lon,contrct_min\n\
         N001,P1,veertig,52.09,5.12,0\n\
         N002,P9,32,52.09,5.12,0\n",
        "id,provider,care_start,home.lat,home.lon\n\
         F001,P1,2026-02-30,52.1,5.1\n",
    );
    let all = report.errors.join("\n");
    assert!(report.scenario.is_none());
    for want in [
        "nurses.csv row 2, column contract_max: \"veertig\" is not a whole number",
        "nurses.csv row 1, column contrct_min: unknown column; did you mean contract_min?",
        "families.csv: no column indicated_hours (required)",
        "families.csv row 2, column care_start: \"2026-02-30\" is not a calendar date",
        "nurses.csv row 3, column provider: error[V-REF]",
    ] {
        assert!(all.contains(want), "missing {want:?} in:\n{all}");
    }
    // Placeholders never add a second message on a reported cell.
    assert!(
        !all.contains("V-INDICATION") && !all.contains("V-CONTRACT"),
        "{all}"
    );
}

#[test]
fn issue17_validation_issues_name_the_row_they_came_from() {
    let report = small(
        "id\nP1\n",
        "id,provider,contract_min,contract_max,home.lat,home.lon\n\
         N001,P1,0,32,52.09,5.12\n\
         N002,P1,40,32,52.09,5.12\n",
        "id,provider,care_start,indicated_hours,home.lat,home.lon\n\
         F001,P1,2026-07-06,49,52.1,5.1\n",
    );
    let all = report.errors.join("\n");
    assert!(
        all.contains("nurses.csv row 3, column contract_min"),
        "{all}"
    );
}

#[test]
fn issue17_settings_keys_are_checked_and_flags_win() {
    let report = import(
        &Sources {
            providers: source("providers.csv", "id\nP1\n"),
            nurses: source("nurses.csv", "id,provider,contract_max,home.lat,home.lon\n"),
            families: source("families.csv", "id,provider,care_start,indicated_hours,home.lat,home.lon\n"),
            pool: None,
            settings: Some(source(
                "settings.csv",
                "key,value\nname,Regio\nstart,2026-07-06\ndays,7\nrules.max_travel_kn,20\nrules.travel_kmh,\"27,5\"\n",
            )),
        },
        &Overrides {
            days: Some(14),
            ..Overrides::default()
        },
    );
    assert_eq!(
        report.errors,
        ["settings.csv row 5, key rules.max_travel_kn: unknown key; did you mean rules.max_travel_km?"]
    );
    let t = tiny();
    let settings = format!(
        "key,value\nname,Regio\nstart,{}\ndays,1\nrules.travel_kmh,\"27,5\"\n",
        t.start
    );
    let report = import(
        &Sources {
            settings: Some(source("settings.csv", &settings)),
            ..sources_of(&export(&t).unwrap())
        },
        &Overrides {
            days: Some(t.days),
            ..Overrides::default()
        },
    );
    let s = report
        .scenario
        .unwrap_or_else(|| panic!("{}", report.errors.join("\n")));
    assert_eq!((s.name.as_str(), s.days), ("Regio", t.days));
    assert_eq!(s.rules.travel_kmh, Some(27.5));
}

fn tiny() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/ladder/scarce-S.json");
    read_scenario(&path).unwrap().scenario
}

#[test]
fn issue17_missing_start_and_days_name_the_fix() {
    let files = export(&tiny()).unwrap();
    let mut sources = sources_of(&files);
    sources.settings = None;
    let report = import(&sources, &Overrides::default());
    let all = report.errors.join("\n");
    assert!(
        all.contains("start is not given: pass --start 2026-07-06"),
        "{all}"
    );
    assert!(all.contains("days is not given: pass --days 14"), "{all}");
}

#[test]
fn issue17_cells_read_numbers_flags_and_dates_as_spreadsheets_write_them() {
    assert_eq!(number("2,5"), Ok(2.5));
    assert_eq!(number("-0.25"), Ok(-0.25));
    assert_eq!(number("1,00E-02"), Ok(0.01));
    assert!(number("1.234,5").unwrap_err().contains("thousands"));
    for bad in ["inf", "NaN", "1e", ".", "twee", "1 000"] {
        assert!(number(bad).is_err(), "{bad}");
    }
    assert_eq!(whole("36,0", 100), Ok(36));
    assert!(whole("36,5", 100)
        .unwrap_err()
        .contains("not a whole number"));
    assert!(whole("300", 255).unwrap_err().contains("0 to 255"));
    assert_eq!(cells::flag("WAAR"), Ok(true));
    assert_eq!(cells::flag("nee"), Ok(false));
    assert_eq!(cells::date("06-07-2026").unwrap().to_string(), "2026-07-06");
    assert!(cells::date("31-2-2026")
        .unwrap_err()
        .contains("not a calendar date"));
    assert!(cells::date("07/06/2026")
        .unwrap_err()
        .contains("YYYY-MM-DD"));
    assert_eq!(cells::delimiter_of("id;name\n1,5;x"), b';');
    assert_eq!(cells::delimiter_of("id,name;x\n"), b',');
}

#[test]
fn issue17_a_row_longer_than_its_header_is_an_error_that_hints_at_quoting() {
    let (_, errors) = cells::read("id,x\nP1,2,5\n", "f.csv");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("f.csv row 2: 3 cells"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("\"2,5\""), "{}", errors[0]);
    let (t, errors) = cells::read("id,x\n\n,\nP1,2,,\n", "f.csv");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].number, 4);
}

/// Every field of the wire types has its column: a new field without one
/// fails here, before a round trip would lose it.
#[test]
fn issue17_the_column_tables_cover_every_field_of_the_format() {
    let schema = serde_json::to_value(schemars::schema_for!(Scenario)).unwrap();
    let props = |def: &str| -> BTreeSet<String> {
        let node = if def.is_empty() {
            &schema
        } else {
            &schema["definitions"][def]
        };
        node["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{def}"))
            .keys()
            .cloned()
            .collect()
    };
    let paths = |cols: &[columns::Column], prefix: &str| -> BTreeSet<String> {
        cols.iter()
            .filter_map(|c| c.path.strip_prefix(prefix))
            .filter(|p| !p.contains('.'))
            .map(str::to_string)
            .collect()
    };
    let lists: BTreeSet<String> = [
        "format",
        "rules",
        "providers",
        "nurses",
        "families",
        "partus_pool",
        // Not yet in the sheets: a kraamcentrum stays in the JSON scenario.
        "kraamcentrum",
    ]
    .map(String::from)
    .into();
    let top: BTreeSet<String> = props("").difference(&lists).cloned().collect();
    assert_eq!(top, paths(SETTINGS, ""));
    assert_eq!(props("Rules"), paths(SETTINGS, "rules."));
    let mut pool = props("PartusPool");
    pool.remove("shifts");
    assert_eq!(pool, paths(SETTINGS, "partus_pool."));
    for (sheet, def) in SHEETS
        .iter()
        .zip(["Provider", "Nurse", "Family", "ShiftRequirement"])
    {
        let mut want = props(def);
        if def == "Nurse" {
            want.remove("history");
            assert_eq!(props("History"), paths(sheet.columns, "history."));
        }
        assert_eq!(want, paths(sheet.columns, ""), "{}", sheet.file);
    }
    let policies: Vec<&str> = crate::domain::policy::Policy::ALL
        .iter()
        .map(|p| p.as_str())
        .collect();
    assert_eq!(policies, columns::POLICIES);
}

/// The fields no bundled scenario uses survive too: events, bookings,
/// insurers, evening arrivals, night history, every rule, a pool without shifts.
#[test]
fn issue17_every_optional_field_survives_export_and_import() {
    use crate::scenario::{Arrival, PartusPool, PoolScope, Rules};
    let mut s = tiny();
    s.rules = Rules {
        max_nurse_hours_per_day: Some(9),
        max_family_hours_per_day: Some(8),
        max_hours_per_week: Some(50),
        max_avg_hours_4w: Some(45),
        max_avg_hours_16w: Some(40),
        max_travel_km: Some(17.25),
        travel_kmh: Some(32.5),
        rest_days_between_episodes: Some(1),
        weekly_rest: Some(false),
        max_oncall_days_4w: Some(10),
        oncall_counts_as_work: Some(false),
        min_visit_hours: Some(2),
        policy: Some(crate::domain::policy::Policy::FirstCome),
    };
    s.partus_pool = Some(PartusPool {
        scope: PoolScope::Provider,
        shifts: Vec::new(),
        expected_pa_per_day: Some(1.5),
        pa_hours: Some(3.5),
        max_blocking: Some(0.02),
        min_on_call: 0,
    });
    let booking = s
        .families
        .iter_mut()
        .find(|f| f.care_start >= s.start && f.delivered_before == 0)
        .unwrap();
    booking.due = Some(booking.care_start + chrono::Days::new(3));
    booking.insurer = Some("Zilveren Kruis".into());
    booking.arrival = Arrival::Evening;
    let nurse = s
        .nurses
        .iter_mut()
        .find(|n| !n.history.oncall.is_empty())
        .unwrap();
    nurse.history.oncall_nights = vec![nurse.history.oncall[0]];
    nurse.history.current_week_hours = 7;
    let event = serde_json::json!({"kind": "sick", "nurse": nurse.id, "from": s.start});
    s.events = vec![serde_json::from_value(event).unwrap()];
    let files = export(&s).unwrap();
    assert!(files.iter().all(|(n, _)| *n != "pool.csv"));
    let report = import(&sources_of(&files), &Overrides::default());
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.scenario, Some(s));
}

#[test]
fn issue17_pool_shifts_go_through_pool_csv() {
    use crate::scenario::{PartusPool, PoolScope, Shift, ShiftRequirement};
    let mut s = tiny();
    let shifts = [Shift::Day, Shift::Evening, Shift::Night]
        .into_iter()
        .enumerate()
        .map(|(i, shift)| ShiftRequirement {
            date: s.start + chrono::Days::new(i as u64),
            shift,
            required: 1,
        })
        .collect();
    s.partus_pool = Some(PartusPool {
        scope: PoolScope::Regional,
        shifts,
        expected_pa_per_day: None,
        pa_hours: None,
        max_blocking: None,
        min_on_call: 1,
    });
    let files = export(&s).unwrap();
    let pool = files.iter().find(|(n, _)| *n == "pool.csv").unwrap();
    let text = String::from_utf8(pool.1.clone()).unwrap();
    assert!(text.starts_with("date,shift,required\n"), "{text}");
    let report = import(&sources_of(&files), &Overrides::default());
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.scenario, Some(s.clone()));
    // A pool row outside the horizon is named by its row in pool.csv.
    let mut sources = sources_of(&files);
    let late = s.end() + chrono::Days::new(5);
    sources.pool = Some(source(
        "pool.csv",
        &format!("date,shift,required\n{},night,1\n{late},night,1\n", s.start),
    ));
    let all = import(&sources, &Overrides::default()).errors.join("\n");
    assert!(
        all.contains("pool.csv row 3, column date: error[V-"),
        "{all}"
    );
}
