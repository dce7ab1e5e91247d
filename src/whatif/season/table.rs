//! The season's figures: per solution and week, per solution and month,
//! and per solution over the season, from the runs that played the whole
//! season (a run that stopped early is counted as failed and left out, so
//! that every figure rests on the same runs). Probabilities carry Wilson
//! intervals, means normal ones (`crate::whatif::stats`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{SeasonOutput, SeasonRow};
use crate::whatif::output::fixed;
use crate::whatif::stats::{self, Estimate};

/// The colour codes, in escalating order.
pub const COLOURS: [&str; 4] = ["groen", "oranje", "rood", "zwart"];

/// Code rood or zwart: the Regioplan's "code-rood week".
pub fn rood_or_worse(colour: &str) -> bool {
    colour == "rood" || colour == "zwart"
}

/// One week of one solution over the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekSummary {
    /// The solution's index.
    pub solution: usize,
    /// ISO week.
    pub week: String,
    /// Its Monday.
    pub monday: NaiveDate,
    /// The month it counts toward.
    pub month: String,
    /// Runs behind the figures.
    pub runs: usize,
    /// Probability of each colour code.
    pub colours: BTreeMap<String, Estimate>,
    /// Probability of rood or zwart.
    pub rood_or_worse: Estimate,
    /// Mean births drawn.
    pub births: f64,
    /// Families on the regional waiting list (`week::waitlist`): mean.
    pub waitlist: Estimate,
    /// 90th percentile of the waiting list.
    pub waitlist_p90: f64,
    /// Families below the floor: mean.
    pub below: Estimate,
    /// 90th percentile of the families below the floor.
    pub below_p90: f64,
    /// Runs in which the week is zwart without a certificate that it had
    /// to be (the time limit ended the proof): it may have been rood.
    pub zwart_unproven: usize,
    /// Mean uses per measure id (measures used in some run).
    pub measures: BTreeMap<String, f64>,
}

/// One month of one solution over the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthSummary {
    /// The solution's index.
    pub solution: usize,
    /// `2026-07`.
    pub month: String,
    /// Weeks of the season counted toward it (by their Monday).
    pub weeks: usize,
    /// Runs behind the figures.
    pub runs: usize,
    /// Probability that at least one of its weeks is rood or zwart.
    pub any_rood: Estimate,
    /// Rood or zwart weeks in it, mean.
    pub rood_weeks: Estimate,
    /// Families on the waiting list summed over the month's weeks
    /// (family-weeks), mean.
    pub waitlist_families: Estimate,
    /// Distinct families below the floor in the month, mean.
    pub below_families: Estimate,
}

/// One solution over the whole season.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolutionSummary {
    /// The solution's index.
    pub solution: usize,
    /// What it changes.
    pub label: String,
    /// Runs that played the whole season.
    pub runs: usize,
    /// Runs that stopped early.
    pub failed: usize,
    /// Rood or zwart weeks over the season, mean.
    pub rood_weeks: Estimate,
    /// Zwart weeks over the season, mean.
    pub zwart_weeks: Estimate,
    /// Probability of at least one rood or zwart week.
    pub any_rood: Estimate,
    /// Families on the waiting list summed over the season's weeks
    /// (family-weeks), mean.
    pub waitlist_families: Estimate,
    /// Distinct families below the floor over the season, mean.
    pub below_families: Estimate,
    /// Mean seconds per week's plan.
    pub seconds_per_week: f64,
}

fn complete<'a>(head: &SeasonOutput, rows: &'a [SeasonRow], sol: usize) -> Vec<&'a SeasonRow> {
    rows.iter()
        .filter(|r| r.solution == sol && r.error.is_none())
        .filter(|r| r.played.weeks.len() == head.mondays.len())
        .collect()
}

/// The mean of counts, its interval cut at 0 (a count is never negative).
fn mean_of(xs: &[f64]) -> Estimate {
    if xs.is_empty() {
        return Estimate {
            value: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
        };
    }
    let mut e = stats::mean(xs);
    e.low = e.low.max(0.0);
    e
}

fn share(k: usize, n: usize) -> Estimate {
    if n == 0 {
        return Estimate {
            value: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
        };
    }
    stats::proportion(k, n)
}

fn p90(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    stats::quantile(xs, 0.9).value
}

/// Per solution and week.
pub fn weeks(head: &SeasonOutput, rows: &[SeasonRow]) -> Vec<WeekSummary> {
    let mut out = Vec::new();
    for sol in &head.solutions {
        let runs = complete(head, rows, sol.index);
        let n = runs.len();
        for (i, &monday) in head.mondays.iter().enumerate() {
            let wk: Vec<_> = runs.iter().map(|r| &r.played.weeks[i]).collect();
            let colours = COLOURS
                .iter()
                .map(|c| {
                    let k = wk.iter().filter(|w| w.colour == *c).count();
                    (c.to_string(), share(k, n))
                })
                .collect();
            let rood = wk.iter().filter(|w| rood_or_worse(&w.colour)).count();
            let waitlist: Vec<f64> = wk.iter().map(|w| f64::from(w.waitlist)).collect();
            let below: Vec<f64> = wk.iter().map(|w| f64::from(w.below)).collect();
            let births: Vec<f64> = wk.iter().map(|w| f64::from(w.births)).collect();
            let mut measures: BTreeMap<String, f64> = BTreeMap::new();
            for w in &wk {
                for (m, k) in &w.measures {
                    *measures.entry(m.clone()).or_default() += f64::from(*k);
                }
            }
            for v in measures.values_mut() {
                *v /= n.max(1) as f64;
            }
            out.push(WeekSummary {
                solution: sol.index,
                week: crate::domain::calendar::week_key(monday),
                monday,
                month: super::pattern::month_key(monday),
                runs: n,
                colours,
                rood_or_worse: share(rood, n),
                births: mean_of(&births).value,
                waitlist: mean_of(&waitlist),
                waitlist_p90: p90(&waitlist),
                below: mean_of(&below),
                below_p90: p90(&below),
                zwart_unproven: wk
                    .iter()
                    .filter(|w| w.colour == "zwart" && !w.proven)
                    .count(),
                measures,
            });
        }
    }
    out
}

/// The season's months, in order, with the indices of their weeks.
pub fn month_weeks(head: &SeasonOutput) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, &m) in head.mondays.iter().enumerate() {
        let key = super::pattern::month_key(m);
        match out.last_mut() {
            Some((k, v)) if *k == key => v.push(i),
            _ => out.push((key, vec![i])),
        }
    }
    out
}

/// Per solution and month.
pub fn months(head: &SeasonOutput, rows: &[SeasonRow]) -> Vec<MonthSummary> {
    let mut out = Vec::new();
    let months = month_weeks(head);
    for sol in &head.solutions {
        let runs = complete(head, rows, sol.index);
        let n = runs.len();
        for (month, idx) in &months {
            let rood: Vec<f64> = runs
                .iter()
                .map(|r| {
                    idx.iter()
                        .filter(|&&i| rood_or_worse(&r.played.weeks[i].colour))
                        .count() as f64
                })
                .collect();
            let tally = |f: fn(&super::MonthTally) -> u32| -> Vec<f64> {
                runs.iter()
                    .map(|r| r.played.months.get(month).map_or(0.0, |t| f64::from(f(t))))
                    .collect()
            };
            out.push(MonthSummary {
                solution: sol.index,
                month: month.clone(),
                weeks: idx.len(),
                runs: n,
                any_rood: share(rood.iter().filter(|&&k| k > 0.0).count(), n),
                rood_weeks: mean_of(&rood),
                waitlist_families: mean_of(&tally(|t| t.waitlist)),
                below_families: mean_of(&tally(|t| t.below)),
            });
        }
    }
    out
}

/// Per solution over the season.
pub fn summarise(head: &SeasonOutput, rows: &[SeasonRow]) -> Vec<SolutionSummary> {
    head.solutions
        .iter()
        .map(|sol| {
            let runs = complete(head, rows, sol.index);
            let n = runs.len();
            let count = |f: &dyn Fn(&str) -> bool| -> Vec<f64> {
                runs.iter()
                    .map(|r| r.played.weeks.iter().filter(|w| f(&w.colour)).count() as f64)
                    .collect()
            };
            let rood = count(&rood_or_worse);
            let zwart = count(&|c| c == "zwart");
            let weeks: Vec<f64> = runs
                .iter()
                .flat_map(|r| r.played.weeks.iter().map(|w| w.seconds))
                .collect();
            SolutionSummary {
                solution: sol.index,
                label: sol.label.clone(),
                runs: n,
                failed: rows
                    .iter()
                    .filter(|r| r.solution == sol.index)
                    .count()
                    .saturating_sub(n),
                any_rood: share(rood.iter().filter(|&&k| k > 0.0).count(), n),
                rood_weeks: mean_of(&rood),
                zwart_weeks: mean_of(&zwart),
                waitlist_families: mean_of(
                    &runs
                        .iter()
                        .map(|r| f64::from(r.played.season.waitlist))
                        .collect::<Vec<_>>(),
                ),
                below_families: mean_of(
                    &runs
                        .iter()
                        .map(|r| f64::from(r.played.season.below))
                        .collect::<Vec<_>>(),
                ),
                seconds_per_week: mean_of(&weeks).value,
            }
        })
        .collect()
}

fn est(e: &Estimate, decimals: usize) -> [String; 3] {
    [
        fixed(e.value, decimals),
        fixed(e.low, decimals),
        fixed(e.high, decimals),
    ]
}

fn with_ci(name: &str) -> [String; 3] {
    [name.into(), format!("{name}_low"), format!("{name}_high")]
}

fn label(out: &SeasonOutput, sol: usize) -> String {
    out.solutions[sol].label.clone()
}

/// `season.csv`: a row per solution.
pub fn summary_table(out: &SeasonOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = ["solution", "label", "runs", "failed"]
        .map(String::from)
        .to_vec();
    for c in [
        "rood_weeks",
        "p_any_rood",
        "zwart_weeks",
        "waitlist_family_weeks",
        "below_families",
    ] {
        header.extend(with_ci(c));
    }
    header.push("seconds_per_week".into());
    let rows = out
        .summary
        .iter()
        .map(|s| {
            let mut r = vec![
                s.solution.to_string(),
                s.label.clone(),
                s.runs.to_string(),
                s.failed.to_string(),
            ];
            r.extend(est(&s.rood_weeks, 2));
            r.extend(est(&s.any_rood, 3));
            r.extend(est(&s.zwart_weeks, 2));
            r.extend(est(&s.waitlist_families, 1));
            r.extend(est(&s.below_families, 1));
            r.push(fixed(s.seconds_per_week, 2));
            r
        })
        .collect();
    (header, rows)
}

/// `measures` as `M-COMBINED:3.20;M-LENDING:1.05`.
fn measures_cell(m: &BTreeMap<String, f64>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}:{}", fixed(*v, 2)))
        .collect::<Vec<_>>()
        .join(";")
}

/// `season-weeks.csv`: a row per solution and week.
pub fn weeks_table(out: &SeasonOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = ["solution", "label", "week", "monday", "month", "runs"]
        .map(String::from)
        .to_vec();
    for c in COLOURS {
        header.extend(with_ci(&format!("p_{c}")));
    }
    header.extend(with_ci("p_rood_or_worse"));
    header.push("births".into());
    header.extend(with_ci("waitlist"));
    header.push("waitlist_p90".into());
    header.extend(with_ci("below"));
    header.push("below_p90".into());
    header.push("measures".into());
    let rows = out
        .weeks
        .iter()
        .map(|w| {
            let mut r = vec![
                w.solution.to_string(),
                label(out, w.solution),
                w.week.clone(),
                w.monday.to_string(),
                w.month.clone(),
                w.runs.to_string(),
            ];
            for c in COLOURS {
                r.extend(est(&w.colours[c], 3));
            }
            r.extend(est(&w.rood_or_worse, 3));
            r.push(fixed(w.births, 1));
            r.extend(est(&w.waitlist, 2));
            r.push(fixed(w.waitlist_p90, 0));
            r.extend(est(&w.below, 2));
            r.push(fixed(w.below_p90, 0));
            r.push(measures_cell(&w.measures));
            r
        })
        .collect();
    (header, rows)
}

/// `season-months.csv`: a row per solution and month.
pub fn months_table(out: &SeasonOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = ["solution", "label", "month", "weeks", "runs"]
        .map(String::from)
        .to_vec();
    for c in [
        "p_rood_week",
        "rood_weeks",
        "waitlist_family_weeks",
        "below_families",
    ] {
        header.extend(with_ci(c));
    }
    let rows = out
        .months
        .iter()
        .map(|m| {
            let mut r = vec![
                m.solution.to_string(),
                label(out, m.solution),
                m.month.clone(),
                m.weeks.to_string(),
                m.runs.to_string(),
            ];
            r.extend(est(&m.any_rood, 3));
            r.extend(est(&m.rood_weeks, 2));
            r.extend(est(&m.waitlist_families, 1));
            r.extend(est(&m.below_families, 1));
            r
        })
        .collect();
    (header, rows)
}

/// `season-runs.csv`: a row per run, solution and week played (a run that
/// stopped early has a row with its error after its last week).
pub fn runs_table(out: &SeasonOutput) -> (Vec<String>, Vec<Vec<String>>) {
    let header: Vec<String> = [
        "run",
        "solution",
        "label",
        "week",
        "monday",
        "month",
        "births",
        "families",
        "colour",
        "proven",
        "below",
        "shortfall_hours",
        "waitlist",
        "pool_shortfall",
        "measures",
        "engine",
        "seconds",
        "error",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    for row in &out.rows {
        for w in &row.played.weeks {
            let measures: BTreeMap<String, f64> = w
                .measures
                .iter()
                .map(|(k, v)| (k.clone(), f64::from(*v)))
                .collect();
            rows.push(vec![
                row.run.to_string(),
                row.solution.to_string(),
                label(out, row.solution),
                w.week.clone(),
                w.monday.to_string(),
                w.month.clone(),
                w.births.to_string(),
                w.families.to_string(),
                w.colour.clone(),
                w.proven.to_string(),
                w.below.to_string(),
                w.shortfall_hours.to_string(),
                w.waitlist.to_string(),
                w.pool_shortfall.to_string(),
                measures_cell(&measures).replace(".00", ""),
                w.engine.clone(),
                fixed(w.seconds, 2),
                String::new(),
            ]);
        }
        if let Some(e) = &row.error {
            let mut r = vec![String::new(); header.len()];
            r[0] = row.run.to_string();
            r[1] = row.solution.to_string();
            r[2] = label(out, row.solution);
            r[header.len() - 1] = e.clone();
            rows.push(r);
        }
    }
    (header, rows)
}
