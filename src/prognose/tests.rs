//! The flow by hand, the need under growth, the given ratio, the search,
//! and a monotone calibration on a small region.

use super::calibrate::{self, CalibrateOptions};
use super::output::ClassStock;
use super::params::PrognoseParams;
use super::stock::{base_stock, project, BaseStock, Flow};
use super::*;
use crate::engine::{EngineChoice, EngineConfig};
use crate::generate::{self, GenParams};
use crate::scenario::Scenario;
use crate::whatif::simulate::season::births_per_day;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

/// 100 qualified nurses of 24 hours, no trainees.
fn hundred() -> BaseStock {
    BaseStock {
        classes: vec![ClassStock {
            class: "17–24".into(),
            nurses: 100.0,
            hours_per_nurse: 24.0,
        }],
        trainees: 0,
        office: 0,
    }
}

fn flow() -> Flow {
    Flow {
        from_year: 2026,
        until: 2030,
        births: 4000.0,
        growth: 0.0,
        peak_births_per_week: 80.0,
        attrition: 0.10,
        retirement: 0.0,
        intake: 10.0,
        training_years: 2,
        dropout: 0.0,
        ratio: 30.0,
    }
}

fn small_region(seed: u64, freelancers: u32) -> Scenario {
    generate::generate(&GenParams {
        name: format!("small region {seed}"),
        births_per_year: 300,
        providers: 2,
        freelancers,
        days: 7,
        sick: 0.1,
        seed,
        bookings_days: 7,
        ..GenParams::default()
    })
}

#[test]
fn a_hand_computed_flow() {
    // 100 nurses, 10 % leave a year, 10 trainees a year from 2027, two
    // years of training, no dropout: the 2027 cohort qualifies at the end
    // of 2028.
    let (rows, qualifying) = project(&hundred(), &flow());
    let start = [100.0, 90.0, 81.0, 82.9, 84.61];
    let leaving = [10.0, 9.0, 8.1, 8.29, 8.461];
    let entering = [0.0, 10.0, 10.0, 10.0, 10.0];
    let qualify = [0.0, 0.0, 10.0, 10.0, 10.0];
    let end = [90.0, 81.0, 82.9, 84.61, 86.149];
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.year, 2026 + i as i32);
        assert!(close(r.nurses_start, start[i]), "{i}: {r:?}");
        assert!(close(r.hours_start, 24.0 * start[i]), "{i}: {r:?}");
        assert!(close(r.leaving, leaving[i]), "{i}: {r:?}");
        assert!(close(r.trainees_entering, entering[i]), "{i}: {r:?}");
        assert!(close(r.qualifying, qualify[i]), "{i}: {r:?}");
        assert!(close(r.nurses_end, end[i]), "{i}: {r:?}");
    }
    // Need: 30 h × 80 births a week = 2400 h = 100 nurses of 24 h.
    assert!(close(rows[0].needed_nurses, 100.0));
    assert_eq!(rows[0].gap, 0.0);
    // Without inflow: 100 · 0.9^k; inflow needed is the rest.
    assert!(close(rows[3].supply_without_inflow, 72.9));
    assert!(close(rows[3].inflow_needed, 27.1));
    assert!(close(rows[3].gap, 100.0 - 82.9));
    // An extra trainee a year from 2027 adds 1 nurse by the 2029 peak
    // (cohort 2027, qualified at the end of 2028): gap / 1.
    assert!(close(rows[3].extra_trainees_per_year.unwrap(), 17.1));
    // By 2030: cohorts 2027 (0.9) and 2028 (1).
    assert!(close(
        rows[4].extra_trainees_per_year.unwrap(),
        (100.0 - 84.61) / 1.9
    ));
    // 2027: a gap no trainee can close in time.
    assert!(rows[1].gap > 0.0 && rows[1].extra_trainees_per_year.is_none());
    assert!(qualifying.is_empty(), "no current trainees");
}

#[test]
fn current_trainees_qualify_evenly_over_the_training_years() {
    let mut stock = hundred();
    stock.trainees = 20;
    let f = Flow {
        attrition: 0.0,
        dropout: 0.25,
        intake: 0.0,
        ..flow()
    };
    let (rows, qualifying) = project(&stock, &f);
    let got: Vec<(i32, f64)> = qualifying.iter().map(|q| (q.year, q.nurses)).collect();
    assert_eq!(got, vec![(2026, 7.5), (2027, 7.5)]);
    assert!(close(rows[2].nurses_start, 115.0));
    assert!(close(rows[4].nurses_start, 115.0));
    assert!(close(rows[4].supply_without_inflow, 115.0));
}

#[test]
fn growth_raises_the_need_by_exactly_the_growth_factor() {
    let flat = project(&hundred(), &flow()).0;
    let grown = project(
        &hundred(),
        &Flow {
            growth: 0.03,
            ..flow()
        },
    )
    .0;
    for (k, (a, b)) in flat.iter().zip(&grown).enumerate() {
        let factor = 1.03f64.powi(k as i32);
        assert!(close(b.needed_hours, a.needed_hours * factor), "{k}");
        assert!(close(b.needed_nurses, a.needed_nurses * factor), "{k}");
        assert!(close(b.births, a.births * factor), "{k}");
        assert!(close(b.nurses_start, a.nurses_start), "supply unchanged");
    }
}

#[test]
fn todays_need_without_leaving_or_growth_needs_no_inflow() {
    let base = small_region(3, 1);
    let stock = base_stock(&base);
    let ratio = stock.hours() / (births_per_day(&base) * 7.0);
    let p = PrognoseParams {
        births_growth: 0.0,
        attrition: 0.0,
        retirement: 0.0,
        ratio: Some(ratio),
        ..PrognoseParams::until(2032)
    };
    let run = RunOptions {
        engine: EngineConfig::default(),
        fast_time_limit: 1.0,
        jobs: 1,
        progress: false,
    };
    let out = prognose(&base, "small.json", &p, &run).unwrap();
    assert_eq!(out.years.len(), 7);
    for y in &out.years {
        assert_eq!(y.inflow_needed, 0.0, "{y:?}");
        assert_eq!(y.gap, 0.0, "{y:?}");
        assert_eq!(y.extra_trainees_per_year, Some(0.0));
    }
    assert!(out.calibration.given && out.calibration.probability_reached.is_none());
    assert_eq!((out.kind.as_str(), out.format), ("prognose", FORMAT));
    // Every parameter has a source; the unsourced ones say so.
    for name in [
        "attrition",
        "retirement",
        "training_years",
        "trainee_dropout",
    ] {
        let par = out.parameters.iter().find(|x| x.name == name).unwrap();
        assert!(!par.source.is_empty(), "{name}");
    }
    let dropout = out
        .parameters
        .iter()
        .find(|x| x.name == "trainee_dropout")
        .unwrap();
    assert!(
        dropout.source.starts_with("assumption: no figure"),
        "{dropout:?}"
    );
    // prognose.json reads back (kraamplan regioplan does).
    let json = serde_json::to_string(&out).unwrap();
    let back: PrognoseOutput = serde_json::from_str(&json).unwrap();
    assert_eq!(back, out);
}

#[test]
fn bad_options_are_each_named_with_the_fix() {
    let p = PrognoseParams {
        attrition: 1.5,
        probability: 1.0,
        training_years: 0,
        ..PrognoseParams::until(2020)
    };
    let bad = p.validate(2026);
    for flag in [
        "--attrition 1.5",
        "--probability 1",
        "--training-years 0",
        "--until 2020",
    ] {
        assert!(bad.iter().any(|b| b.starts_with(flag)), "{flag}: {bad:?}");
    }
    assert_eq!(bad.len(), 4, "{bad:?}");
    assert!(PrognoseParams::until(2030).validate(2026).is_empty());
}

#[test]
fn the_search_finds_the_smallest_passing_scale_asking_each_once() {
    for answer in [-50, -7, -1, 0, 1, 5, 37, 300] {
        let mut asked = Vec::new();
        let got = calibrate::smallest_passing(-60, 400, |k| {
            assert!(!asked.contains(&k), "{k} asked twice");
            asked.push(k);
            Ok::<_, ()>(k >= answer)
        })
        .unwrap();
        assert_eq!(got, Some(answer), "asked {asked:?}");
        assert!(asked.len() <= 20, "{answer}: {} questions", asked.len());
    }
    assert_eq!(
        calibrate::smallest_passing(-5, 10, |_| Ok::<_, ()>(false)),
        Ok(None)
    );
    assert_eq!(
        calibrate::smallest_passing(-5, 10, |_| Ok::<_, ()>(true)),
        Ok(Some(-5))
    );
}

#[test]
fn scaling_removes_and_hires_qualified_nurses_by_their_contract_hours() {
    let base = small_region(5, 0);
    let full = calibrate::qualified_hours(&base);
    let mut last = full;
    for k in 1..=3 {
        let s = calibrate::scaled(&base, -k, 9).unwrap();
        let h = calibrate::qualified_hours(&s);
        assert!(h < last, "removing one more nurse lowers the hours");
        last = h;
        assert_eq!(
            s.nurses.len(),
            base.nurses.len(),
            "removed nurses stay, off"
        );
    }
    let s = calibrate::scaled(&base, 2, 9).unwrap();
    assert_eq!(s.nurses.len(), base.nurses.len() + 2);
    assert!(calibrate::qualified_hours(&s) > full);
}

#[test]
fn more_nurses_never_lower_the_probability() {
    let base = small_region(11, 0);
    let opts = CalibrateOptions {
        runs: 4,
        seed: 2,
        jobs: 2,
        fast_time_limit: 10.0,
        engine: EngineConfig {
            choice: EngineChoice::Milp,
            ..EngineConfig::default()
        },
        target: 0.5,
        count_freelancers: false,
        progress: false,
    };
    let mut last = -1.0;
    for k in [-4, -3, -2, -1, 0, 2] {
        let st = calibrate::step(&base, k, &opts).unwrap();
        assert_eq!((st.runs, st.failed), (4, 0));
        assert!(
            st.probability.value >= last,
            "{k:+} nurses: {} after {last}",
            st.probability.value
        );
        last = st.probability.value;
    }
}

#[test]
fn a_freelancer_without_a_nurse_is_left_out_of_the_peak_colour_unless_counted() {
    // The freelancer's nurses are gone: she is rood on her own in every
    // run, whatever the rest of the region has; the waiting list serves her
    // families, so the region is rood, not zwart.
    let mut base = small_region(11, 1);
    let free: Vec<String> = base
        .providers
        .iter()
        .filter(|p| p.freelancer)
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(free.len(), 1);
    base.nurses.retain(|n| n.provider != free[0]);
    let left: Vec<String> = base.nurses.iter().map(|n| n.id.clone()).collect();
    for f in &mut base.families {
        f.known_nurses.retain(|k| left.contains(k));
    }
    let mut opts = CalibrateOptions {
        runs: 4,
        seed: 2,
        jobs: 2,
        fast_time_limit: 10.0,
        engine: EngineConfig {
            choice: EngineChoice::Milp,
            ..EngineConfig::default()
        },
        target: 0.5,
        count_freelancers: true,
        progress: false,
    };
    let counted = calibrate::step(&base, 4, &opts).unwrap();
    assert_eq!(counted.probability.value, 0.0, "{counted:?}");
    assert_eq!(counted.providers_rood.get(&free[0]), Some(&4));
    opts.count_freelancers = false;
    let left_out = calibrate::step(&base, 4, &opts).unwrap();
    assert_eq!(left_out.probability.value, 1.0, "{left_out:?}");
}
