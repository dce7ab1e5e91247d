//! The report of an output folder: a sweep (`sweep.json`), a forecast
//! (`forecast.json`), a simulation (`simulate.json`) or a policy
//! comparison (`fairness-compare.json`), each drawn from its own JSON file;
//! a folder holding several gets one section for each.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::fairness::compare::CompareOutput;
use crate::whatif::forecast::ForecastOutput;
use crate::whatif::simulate::SimulateOutput;
use crate::whatif::stats;
use crate::whatif::sweep::SweepOutput;

use super::page::{badge, note, num, Page};
use super::svg::{code_colour, grouped, lines, stacked, Value};
use super::table::{tr_attrs, Cell, Table};

/// The files a folder report reads, in the order of its sections.
pub const FOLDER_FILES: [&str; 4] = [
    "sweep.json",
    "forecast.json",
    "simulate.json",
    "fairness-compare.json",
];

/// Why a folder could not be reported.
#[derive(Debug)]
pub enum FolderError {
    /// None of [`FOLDER_FILES`] is in the folder.
    Empty(PathBuf),
    /// A file could not be read or is not what its name says.
    Bad(PathBuf, String),
}

impl fmt::Display for FolderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FolderError::Empty(dir) => write!(
                f,
                "{} holds none of {}: give the folder written by `kraamplan sweep`, `forecast`, `simulate` or `fairness --compare` (or, for a plan, the scenario and plan.json)",
                dir.display(),
                FOLDER_FILES.join(", ")
            ),
            FolderError::Bad(path, why) => write!(f, "{}: {why}", path.display()),
        }
    }
}

impl std::error::Error for FolderError {}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, FolderError> {
    let text = crate::scenario::limits::read_text(path)
        .map_err(|e| FolderError::Bad(path.into(), e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| {
        FolderError::Bad(
            path.into(),
            format!("not a file this version of kraamplan writes ({e}); write it again with the command that made it"),
        )
    })
}

/// The report of folder `dir`.
pub fn folder_report(dir: &Path) -> Result<String, FolderError> {
    let present: Vec<&str> = FOLDER_FILES
        .iter()
        .copied()
        .filter(|f| dir.join(f).is_file())
        .collect();
    if present.is_empty() {
        return Err(FolderError::Empty(dir.into()));
    }
    let mut page = Page::new(
        &format!("kraamplan — {}", dir.display()),
        &format!("report of {}", present.join(", ")),
    );
    for name in present {
        let path = dir.join(name);
        match name {
            "sweep.json" => page.section("sweep", "What-if sweep", sweep(&read(&path)?)),
            "forecast.json" => page.section(
                "forecast",
                "Forecast of the colour codes",
                forecast(&read(&path)?),
            ),
            "simulate.json" => {
                page.section("simulate", "Season of nights", simulate(&read(&path)?))
            }
            _ => page.section(
                "compare",
                "Allocation policies compared",
                compare(&read(&path)?),
            ),
        }
    }
    Ok(page.render())
}

fn est(e: &stats::Estimate) -> Value {
    Value::ci(e.value, e.low, e.high)
}

fn est_text(e: &stats::Estimate, digits: usize) -> Cell {
    Cell::text(format!(
        "{} ({}–{})",
        num(e.value, digits),
        num(e.low, digits),
        num(e.high, digits)
    ))
    .sort(e.value.to_string())
    .class("n")
}

/// Sort an axis's values as numbers when they all are.
fn order_values(values: &mut [String]) {
    if values.iter().all(|v| v.parse::<f64>().is_ok()) {
        values.sort_by(|a, b| {
            a.parse::<f64>()
                .unwrap()
                .total_cmp(&b.parse::<f64>().unwrap())
        });
    }
}

fn sweep(out: &SweepOutput) -> String {
    let mut body = note(&format!(
        "{} variants of {} (grid {}), engine {}, {} s each.",
        out.rows.len(),
        out.base,
        out.grid,
        out.engine,
        num(out.time_limit, 1)
    ));
    let columns: Vec<Vec<(&'static str, String)>> =
        out.rows.iter().map(|r| r.variant.columns()).collect();
    let axes: Vec<&'static str> = columns
        .first()
        .map(|c| c.iter().map(|x| x.0).collect())
        .unwrap_or_default();
    body.push_str("<div class=\"charts\">");
    for axis in &axes {
        let mut values: Vec<String> = Vec::new();
        for c in &columns {
            if let Some((_, v)) = c.iter().find(|x| x.0 == *axis) {
                if !values.contains(v) {
                    values.push(v.clone());
                }
            }
        }
        if values.len() < 2 {
            continue;
        }
        order_values(&mut values);
        let mut below = Vec::new();
        let mut certified = Vec::new();
        for value in &values {
            let (b, c): (Vec<f64>, Vec<f64>) = out
                .rows
                .iter()
                .zip(&columns)
                .filter(|(_, c)| c.iter().any(|x| x.0 == *axis && &x.1 == value))
                .filter_map(|(r, _)| r.result.as_ref())
                .map(|s| {
                    (
                        f64::from(s.families_below_floor),
                        f64::from(s.certified_min_below_floor),
                    )
                })
                .unzip();
            below.push(if b.is_empty() {
                Value::at(0.0)
            } else {
                est(&stats::mean(&b))
            });
            certified.push(if c.is_empty() {
                Value::at(0.0)
            } else {
                est(&stats::mean(&c))
            });
        }
        body.push_str(&grouped(
            &format!("sweep-{axis}"),
            &format!("Families below the floor against {axis}"),
            "families (mean, 95 % interval)",
            &values,
            &[
                ("below the floor".into(), below),
                ("certified minimum".into(), certified),
            ],
            None,
        ));
    }
    body.push_str("</div>");
    let mut headers: Vec<&str> = vec!["variant"];
    headers.extend(axes.iter().copied());
    headers.extend([
        "worst week",
        "below floor",
        "certified",
        "shortfall h",
        "delivered h",
        "pool short",
        "engine",
        "status",
        "error",
    ]);
    let mut table = Table::new("sweep-rows", &headers);
    for (r, c) in out.rows.iter().zip(&columns) {
        let mut cells = vec![Cell::num(r.variant.index as f64, 0)];
        cells.extend(c.iter().map(|x| Cell::text(x.1.as_str())));
        match &r.result {
            Some(s) => {
                let worst = s
                    .weeks
                    .iter()
                    .map(|w| w.region.as_str())
                    .max_by_key(|c| rank(c))
                    .unwrap_or("");
                cells.push(Cell::html(badge(worst)).sort(rank(worst).to_string()));
                for v in [
                    s.families_below_floor,
                    s.certified_min_below_floor,
                    s.shortfall_hours,
                    s.delivered_hours,
                    s.pool_shortfall,
                ] {
                    cells.push(Cell::num(f64::from(v), 0));
                }
                cells.push(Cell::text(s.engine.as_str()));
                cells.push(Cell::text(s.status.as_str()));
                cells.push(Cell::text(""));
            }
            None => {
                for _ in 0..8 {
                    cells.push(Cell::text(""));
                }
                cells.push(Cell::text(r.error.as_deref().unwrap_or("")));
            }
        }
        table.row(
            tr_attrs(&[("data-variant", &r.variant.index.to_string())]),
            cells,
        );
    }
    body.push_str(&table.render("filter variants…"));
    body
}

fn rank(c: &str) -> u8 {
    match c {
        "groen" => 0,
        "oranje" => 1,
        "rood" => 2,
        "zwart" => 3,
        _ => 0,
    }
}

const CODES: [&str; 4] = ["groen", "oranje", "rood", "zwart"];

fn forecast(out: &ForecastOutput) -> String {
    let mut body = note(&format!(
        "{} runs of {} (seed {}), {} failed; fidelity {:?}, {} s per plan.",
        out.runs,
        out.base,
        out.seed,
        out.failed,
        out.fidelity,
        num(out.time_limit, 1)
    ));
    let weeks: Vec<String> = out.weeks.iter().map(|w| w.week.clone()).collect();
    let layers: Vec<(String, &str, Vec<Value>)> = CODES
        .iter()
        .map(|c| {
            let values = out
                .weeks
                .iter()
                .map(|w| w.colours.get(*c).map(est).unwrap_or(Value::at(0.0)))
                .collect();
            (c.to_string(), code_colour(c), values)
        })
        .collect();
    body.push_str(&stacked(
        "forecast-colours",
        "Probability of each colour code per week (95 % intervals)",
        &weeks,
        &layers,
    ));
    let below: Vec<Value> = out.weeks.iter().map(|w| est(&w.below_mean)).collect();
    body.push_str(&grouped(
        "forecast-below",
        "Families below the floor per week (mean, 95 % interval)",
        "families",
        &weeks,
        &[("below the floor".into(), below)],
        None,
    ));
    let mut table = Table::new(
        "forecast-weeks",
        &[
            "week",
            "runs",
            "most likely",
            "groen",
            "oranje",
            "rood",
            "zwart",
            "below (mean)",
            "below p90",
            "below max",
            "unproven",
        ],
    );
    for w in &out.weeks {
        let mut cells = vec![
            Cell::text(w.week.as_str()),
            Cell::num(w.runs as f64, 0),
            Cell::html(badge(&w.most_likely)).sort(rank(&w.most_likely).to_string()),
        ];
        for c in CODES {
            cells.push(match w.colours.get(c) {
                Some(e) => est_text(e, 2),
                None => Cell::num(0.0, 0),
            });
        }
        cells.push(est_text(&w.below_mean, 1));
        cells.push(est_text(&w.below_p90, 1));
        cells.push(Cell::num(f64::from(w.below_max), 0));
        cells.push(Cell::num(w.unproven as f64, 0));
        table.row(tr_attrs(&[("data-week", &w.week)]), cells);
    }
    body.push_str(&table.render("filter weeks…"));
    if let Some(a) = &out.agreement {
        body.push_str(&note(&format!(
            "Fast against full fidelity: {} of {} runs give the same colour codes ({}, 95 % interval {}–{}).",
            a.agreeing,
            a.runs,
            num(a.share.value, 2),
            num(a.share.low, 2),
            num(a.share.high, 2)
        )));
    }
    body
}

fn simulate(out: &SimulateOutput) -> String {
    let mut body = note(&format!(
        "{} runs of {} nights from {}, policies {}, engine {} at {} s a night; {} failed.",
        out.runs,
        out.nights,
        out.base,
        out.policies
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        out.engine,
        num(out.time_limit, 1),
        out.failed
    ));
    let nights: Vec<String> = (1..=out.nights).map(|n| format!("night {n}")).collect();
    // Per policy and night: the figures of every run that got that far.
    let mut per: BTreeMap<String, Vec<[Vec<f64>; 3]>> = BTreeMap::new();
    for row in &out.rows {
        let Some(result) = &row.result else { continue };
        let slots = per
            .entry(row.policy.to_string())
            .or_insert_with(|| (0..out.nights).map(|_| Default::default()).collect());
        for n in &result.nights {
            let Some(slot) = slots.get_mut(n.night.saturating_sub(1) as usize) else {
                continue;
            };
            slot[0].push(f64::from(n.calls));
            slot[1].push(f64::from(n.realised_below));
            slot[2].push(f64::from(n.delivered_hours));
        }
    }
    for (i, (id, title, unit)) in [
        (
            "simulate-calls",
            "People to call per night",
            "calls (mean, 95 % band)",
        ),
        (
            "simulate-below",
            "Families ending below the floor per night, as realised",
            "families",
        ),
        ("simulate-delivered", "Hours delivered per night", "hours"),
    ]
    .iter()
    .enumerate()
    {
        let series: Vec<(String, Vec<Option<Value>>)> = per
            .iter()
            .map(|(policy, slots)| {
                let values = slots
                    .iter()
                    .map(|s| (!s[i].is_empty()).then(|| est(&stats::mean(&s[i]))))
                    .collect();
                (policy.clone(), values)
            })
            .collect();
        body.push_str(&lines(id, title, unit, &nights, &series, None, 0.0));
    }
    let mut table = Table::new(
        "simulate-policies",
        &[
            "policy",
            "runs",
            "failed",
            "realised below",
            "realised shortfall h",
            "calls a night",
            "changes a night",
            "hours delivered",
            "calls saved a night (vs scratch)",
            "below − scratch",
        ],
    );
    for p in &out.summary {
        let mut cells = vec![
            Cell::text(p.policy.to_string()),
            Cell::num(p.runs as f64, 0),
            Cell::num(p.failed as f64, 0),
        ];
        match &p.figures {
            Some(f) => {
                for (e, d) in [
                    (&f.realised_below, 2),
                    (&f.realised_shortfall, 1),
                    (&f.calls_per_night, 2),
                    (&f.changes_per_night, 2),
                    (&f.delivered_hours, 0),
                ] {
                    cells.push(est_text(e, d));
                }
            }
            None => cells.extend((0..5).map(|_| Cell::text(""))),
        }
        match &p.versus_scratch {
            Some(v) => {
                cells.push(est_text(&v.calls_saved_per_night, 2));
                cells.push(est_text(&v.below_diff, 2));
            }
            None => cells.extend((0..2).map(|_| Cell::text(""))),
        }
        table.row(tr_attrs(&[("data-policy", &p.policy.to_string())]), cells);
    }
    body.push_str(&table.render("filter policies…"));
    body
}

fn compare(out: &CompareOutput) -> String {
    let mut body = note(&format!(
        "{} draws of {} per policy (seed {}), {} s per plan; {} plans failed.",
        out.seeds,
        out.base,
        out.seed,
        num(out.time_limit, 1),
        out.errors.len()
    ));
    let names: Vec<String> = out.summary.iter().map(|p| p.policy.to_string()).collect();
    body.push_str("<div class=\"charts\">");
    type Pick = fn(&crate::fairness::compare::PolicySummary) -> &stats::Estimate;
    let charts: [(&str, &str, &str, Pick); 3] = [
        (
            "compare-below",
            "Families below the floor per policy",
            "families",
            |p| &p.below_floor,
        ),
        (
            "compare-delivered",
            "Hours delivered per policy",
            "hours",
            |p| &p.delivered_hours,
        ),
        (
            "compare-jain",
            "Jain's index per policy (1 = equal)",
            "Jain",
            |p| &p.jain,
        ),
    ];
    for (id, title, unit, pick) in charts {
        let values: Vec<Value> = out.summary.iter().map(|p| est(pick(p))).collect();
        body.push_str(&grouped(
            id,
            title,
            unit,
            &names,
            &[(unit.to_string(), values)],
            None,
        ));
    }
    body.push_str("</div>");
    let mut table = Table::new(
        "compare-policies",
        &[
            "policy",
            "runs",
            "below floor",
            "hours delivered",
            "lowest share",
            "Jain",
            "Gini",
            "provider spread",
            "insurer spread",
            "price of fairness",
            "price bound",
        ],
    );
    for p in &out.summary {
        let mut cells = vec![
            Cell::text(p.policy.to_string()),
            Cell::num(f64::from(p.runs), 0),
        ];
        for (e, d) in [
            (&p.below_floor, 2),
            (&p.delivered_hours, 0),
            (&p.min_ratio, 3),
            (&p.jain, 3),
            (&p.gini, 3),
            (&p.provider_spread, 3),
            (&p.insurer_spread, 3),
        ] {
            cells.push(est_text(e, d));
        }
        for e in [&p.price_of_fairness, &p.price_bound] {
            cells.push(match e {
                Some(e) => est_text(e, 3),
                None => Cell::text("–"),
            });
        }
        table.row(tr_attrs(&[("data-policy", &p.policy.to_string())]), cells);
    }
    body.push_str(&table.render("filter policies…"));
    body
}
