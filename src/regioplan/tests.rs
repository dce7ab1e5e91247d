//! A Regioplan written from a real (small) season and prognosis: every
//! section is there and filled from the two runs.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::*;
use crate::engine::{EngineChoice, EngineConfig};
use crate::milp::SolveConfig;
use crate::prognose::{self, PrognoseParams, RunOptions};
use crate::scenario::Scenario;
use crate::whatif::forecast::Fidelity;
use crate::whatif::grid::Grid;
use crate::whatif::sample::SampleParams;
use crate::whatif::season::{self, SeasonOptions};
use crate::whatif::shard::Shard;

fn region() -> Scenario {
    crate::testkit::ample_region("regio")
}

fn engine() -> EngineConfig {
    EngineConfig {
        choice: EngineChoice::Milp,
        solve: SolveConfig {
            time_limit: 20.0,
            ..SolveConfig::default()
        },
        ..EngineConfig::default()
    }
}

fn inputs(solutions: Option<&str>) -> Inputs {
    let base = region();
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let season = season::season(
        &base,
        "regio.json",
        &SeasonOptions {
            from: day(6, 1),
            to: day(7, 12),
            runs: 2,
            seed: 1,
            sample: SampleParams::default(),
            births_per_year: Some(150.0),
            month_shares: None,
            solutions: solutions.map(|g| Grid::parse(g).unwrap()),
            fidelity: Fidelity::Fast,
            engine: engine(),
            jobs: 2,
            shard: Shard::WHOLE,
            progress: false,
        },
    )
    .unwrap();
    let prognose = prognose::prognose(
        &base,
        "regio.json",
        &PrognoseParams {
            ratio: Some(30.0),
            ..PrognoseParams::until(2030)
        },
        &RunOptions {
            engine: engine(),
            fast_time_limit: 1.0,
            jobs: 1,
            progress: false,
        },
    )
    .unwrap();
    Inputs {
        season,
        season_path: PathBuf::from("out/season.json"),
        prognose,
        prognose_path: PathBuf::from("out/prognose.json"),
    }
}

#[test]
fn every_section_is_filled_from_the_season_and_the_prognosis() {
    let inputs = inputs(None);
    let doc = build(&inputs);
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id).collect();
    assert_eq!(ids, ["s1-3", "s1-4", "s2-1", "s6", "ondertekening"]);
    for s in &doc.sections[..4] {
        assert!(
            s.blocks.iter().any(
                |b| matches!(b, doc::Block::Table { rows, .. } if !rows.is_empty())
                    || matches!(b, doc::Block::Checks(c) if !c.is_empty())
            ),
            "{} has no figures",
            s.heading
        );
    }
    let md = markdown::render(&doc);
    for heading in [
        "## 1.3 Inventarisatie krapte korte termijn (2026)",
        "### Code rood weken/maanden",
        "### Aantallen wachtlijst per maand",
        "## 1.4 Prognose krapte middellange termijn (prognosemodel)",
        "### Benodigde instroom 2026 – 2030",
        "### Huidige aantal leerlingen met uitstroomverwachting",
        "## 2.1 Oplossingen passend bij de problematiek",
        "**Wachtlijstcoördinatie**",
        "**Opzet van een partuspool**",
        "**Opzet van een kraamcentrum**",
        "**Extra regionaal opleiden**",
        "## 6. Monitoring",
        "### Tussenrapportages",
        "### Evaluatie",
    ] {
        assert!(md.contains(heading), "missing {heading}");
    }
    // Every month of the season has its row, every year of the prognosis.
    for month in ["| 2026-06 |", "| 2026-07 |"] {
        assert_eq!(
            md.matches(month).count(),
            2,
            "{month}: rood table and waiting-list table"
        );
    }
    for year in 2026..=2030 {
        assert!(md.contains(&format!("| {year} |")), "{year}");
    }
    // The season's own figures, written the Dutch way.
    let sum = &inputs.season.summary[0];
    assert!(md.contains(&format!(
        "Verwacht aantal code-rood weken: {}",
        build::ci(&sum.rood_weeks, 1)
    )));
    let y = &inputs.prognose.years[4];
    assert!(md.contains(&build::nl(y.inflow_needed, 1)));
    assert!(!md.contains("NaN"));
    let html = crate::html::regioplan::render(&doc);
    assert!(html.contains("<svg") && html.contains("Benodigde instroom"));
}

#[test]
fn a_solution_is_compared_with_the_region_as_it_is_run_by_run() {
    let inputs = inputs(Some("kraamcentrum = [0, 2]"));
    let labels: Vec<&str> = inputs
        .season
        .solutions
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(labels, ["base", "kraamcentrum=2"]);
    let d = build::paired(&inputs.season, 1, 0).unwrap();
    assert_eq!(d.runs, 2);
    let md = markdown::render(&build(&inputs));
    let line = md
        .lines()
        .find(|l| l.contains("**Opzet van een kraamcentrum**"))
        .unwrap();
    assert!(line.contains("kraamcentrum van 2 gezinnen"), "{line}");
    assert!(line.contains("(2 runs)"), "{line}");
    assert!(md.contains("| kraamcentrum=2 | 2 |"));
}

#[test]
fn numbers_are_written_with_a_decimal_comma() {
    assert_eq!(build::nl(1.25, 1), "1,2");
    assert_eq!(build::nl(f64::NAN, 1), "–");
}
