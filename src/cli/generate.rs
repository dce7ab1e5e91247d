//! `kraamplan generate`: write a realistic generated scenario. The
//! arguments are the library's [`GenParams`](generate::GenParams) but for
//! the name, the week as text and the measures as a list.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::generate;
use kraamplan::scenario::{self, validate};

use super::exit::{BadInput, EXIT_INPUT};

/// `kraamplan generate`.
#[derive(Args)]
pub struct GenerateArgs {
    /// Births per year in the region, 1–200000.
    #[arg(long, default_value_t = 4000)]
    births_per_year: u32,
    /// Number of providers (freelancers not included), 0–100.
    #[arg(long, default_value_t = 4)]
    providers: u32,
    /// Number of freelancers, 0–1000.
    #[arg(long, default_value_t = 1)]
    freelancers: u32,
    /// ISO week of the horizon start, e.g. 2026-W30 (years 1901–2198).
    #[arg(long, default_value = "2026-W30")]
    week: String,
    /// Days in the horizon, 1–42.
    #[arg(long, default_value_t = 7)]
    days: u32,
    /// Share of nurses sick, 0–1.
    #[arg(long, default_value_t = 0.10)]
    sick: f64,
    /// Random seed; the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Nurses on the providers' rosters per 100 births a year (3.8 in a summer week), above 0, at most 20.
    #[arg(long, default_value_t = 3.8)]
    nurses_per_100_births: f64,
    /// Measures the scenario allows, comma-separated (`none` for none).
    #[arg(long, default_value = "M-COMBINED,M-LENDING,M-FLEX")]
    measures: String,
    /// Share of expected births on the regional waiting list, 0–1.
    #[arg(long, default_value_t = 0.0)]
    waitlist: f64,
    /// Days after the horizon whose births are written as bookings (with
    /// a `due` date) for `forecast`; 0 for none, at most 366.
    #[arg(long = "bookings", value_name = "DAYS", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=366))]
    bookings_days: u32,
    /// Output file.
    #[arg(long)]
    out: PathBuf,
}

/// Generate, validate and write the scenario; exit 2 on bad arguments or
/// a generated scenario that does not validate (nothing is written).
pub fn cmd_generate(a: &GenerateArgs) -> Result<u8> {
    let start = parse_iso_week(&a.week)?;
    let measures: Vec<String> = a
        .measures
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty() && *m != "none")
        .map(String::from)
        .collect();
    if let Some(bad) = measures
        .iter()
        .find(|m| !scenario::MEASURE_IDS.contains(&m.as_str()))
    {
        eprintln!(
            "error: --measures {bad}: not a measure id; use some of {}",
            scenario::MEASURE_IDS.join(", ")
        );
        return Ok(EXIT_INPUT);
    }
    let params = generate::GenParams {
        name: format!("Generated KSV region, {}", a.week),
        births_per_year: a.births_per_year,
        providers: a.providers,
        freelancers: a.freelancers,
        start,
        days: a.days,
        sick: a.sick,
        seed: a.seed,
        nurses_per_100_births: a.nurses_per_100_births,
        measures,
        waitlist: a.waitlist,
        bookings_days: a.bookings_days,
    };
    let bad = params.check();
    if !bad.is_empty() {
        for b in &bad {
            eprintln!("error: {b}");
        }
        return Ok(EXIT_INPUT);
    }
    let scenario = generate::generate(&params);
    let errors = validate::errors(&scenario);
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{e}");
        }
        eprintln!("error: the generated scenario does not validate; nothing was written — change the arguments");
        return Ok(EXIT_INPUT);
    }
    let mut json = serde_json::to_string_pretty(&scenario)?;
    json.push('\n');
    kraamplan::output::write_file(&a.out, json.as_bytes())?;
    println!(
        "wrote {} ({} nurses, {} families)",
        a.out.display(),
        scenario.nurses.len(),
        scenario.families.len()
    );
    Ok(0)
}

/// `2026-W30` → the Monday of that ISO week.
fn parse_iso_week(week: &str) -> Result<chrono::NaiveDate> {
    let bad = || {
        BadInput(format!(
            "--week {week:?}: expected an ISO week like 2026-W30"
        ))
    };
    let (year, w) = week.split_once("-W").ok_or_else(bad)?;
    let year: i32 = year.parse().map_err(|_| bad())?;
    let w: u32 = w.parse().map_err(|_| bad())?;
    Ok(chrono::NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon).ok_or_else(bad)?)
}
