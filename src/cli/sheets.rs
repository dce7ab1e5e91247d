//! `kraamplan import` and `kraamplan export`: a scenario from spreadsheet
//! files and back (`docs/format.md`, "Spreadsheets (CSV)"). Nothing is
//! written unless every file reads and the scenario validates.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use kraamplan::output::{self, OutputSet};
use kraamplan::scenario::{self, limits, validate};
use kraamplan::sheets::{self, columns, Overrides, Source, Sources};

use super::exit::EXIT_INPUT;

/// `kraamplan import`.
#[derive(Args)]
pub struct ImportArgs {
    /// A folder with the files as `export` writes them: providers.csv,
    /// nurses.csv, families.csv and, when there, pool.csv and settings.csv.
    /// The flags below name single files instead.
    #[arg(long)]
    from: Option<PathBuf>,
    /// The providers, one row each (columns as the JSON fields).
    #[arg(long)]
    providers: Option<PathBuf>,
    /// The nurses, one row each.
    #[arg(long)]
    nurses: Option<PathBuf>,
    /// The families, one row each.
    #[arg(long)]
    families: Option<PathBuf>,
    /// The partus pool's shifts (date, shift, required), if any.
    #[arg(long)]
    pool: Option<PathBuf>,
    /// The scenario's own fields as key,value rows: name, start, days,
    /// measures, rules.*, partus_pool.*.
    #[arg(long)]
    settings: Option<PathBuf>,
    /// First day of the horizon (YYYY-MM-DD); wins over settings.csv.
    #[arg(long, value_parser = parse_date)]
    start: Option<NaiveDate>,
    /// Days in the horizon (1–42); wins over settings.csv.
    #[arg(long)]
    days: Option<u32>,
    /// The scenario's name (default: settings.csv's, else the --out file's stem).
    #[arg(long)]
    name: Option<String>,
    /// The scenario JSON to write (atomically).
    #[arg(long)]
    out: PathBuf,
}

/// `kraamplan export`.
#[derive(Args)]
pub struct ExportArgs {
    /// Scenario JSON file.
    scenario: PathBuf,
    /// The folder for the CSV files, written as one set.
    #[arg(long)]
    out: PathBuf,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date; write YYYY-MM-DD, e.g. 2026-07-06"))
}

/// The file for `flag`: as given, else `name` in `--from` (an optional
/// one only when it is there).
fn file_of(
    given: &Option<PathBuf>,
    from: Option<&Path>,
    name: &str,
    optional: bool,
) -> Option<PathBuf> {
    given.clone().or_else(|| {
        let path = from?.join(name);
        (!optional || path.exists()).then_some(path)
    })
}

/// Read the files, build and validate the scenario, write it; exit 2 with
/// every problem, and nothing written, on bad input.
pub fn cmd_import(a: &ImportArgs) -> Result<u8> {
    let from = a.from.as_deref();
    let mut errors = Vec::new();
    // Each file's read error names its path; every one is reported.
    let mut read = |path: Option<PathBuf>| -> Option<Source> {
        let path = path?;
        match limits::read_text(&path) {
            Ok(text) => Some(Source {
                shown: path.display().to_string(),
                text,
            }),
            Err(e) => {
                errors.push(e.to_string());
                None
            }
        }
    };
    let required = [
        ("--providers", columns::PROVIDERS.file, &a.providers),
        ("--nurses", columns::NURSES.file, &a.nurses),
        ("--families", columns::FAMILIES.file, &a.families),
    ]
    .map(|(flag, name, given)| {
        let path = file_of(given, from, name, false);
        if path.is_none() {
            eprintln!("error: no {name}: give {flag} FILE, or --from DIR with {name} in it");
        }
        path
    });
    if required.iter().any(Option::is_none) {
        return Ok(EXIT_INPUT);
    }
    let [providers, nurses, families] = required.map(&mut read);
    let pool = read(file_of(&a.pool, from, columns::POOL.file, true));
    let settings = read(file_of(&a.settings, from, columns::SETTINGS_FILE, true));
    let (Some(providers), Some(nurses), Some(families)) = (providers, nurses, families) else {
        return Ok(fail(&errors, "import"));
    };
    if !errors.is_empty() {
        return Ok(fail(&errors, "import"));
    }
    let default_name = a
        .out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "imported".into());
    let report = sheets::import(
        &Sources {
            providers,
            nurses,
            families,
            pool,
            settings,
        },
        &Overrides {
            name: a.name.clone(),
            start: a.start,
            days: a.days,
            default_name,
        },
    );
    for w in &report.warnings {
        eprintln!("{w}");
    }
    let Some(s) = report.scenario else {
        return Ok(fail(&report.errors, "import"));
    };
    let mut json = serde_json::to_string_pretty(&s)?;
    json.push('\n');
    output::write_file(&a.out, json.as_bytes())?;
    println!(
        "wrote {} ({} days from {}, {} providers, {} nurses, {} families, {} pool shifts)",
        a.out.display(),
        s.days,
        s.start,
        s.providers.len(),
        s.nurses.len(),
        s.families.len(),
        s.partus_pool.as_ref().map_or(0, |p| p.shifts.len())
    );
    Ok(0)
}

/// Print every error and the count; the exit code of bad input.
fn fail(errors: &[String], what: &str) -> u8 {
    for e in errors {
        eprintln!("{e}");
    }
    eprintln!("{what}: {} error(s); nothing was written", errors.len());
    EXIT_INPUT
}

/// Read and validate the scenario, write its CSV files as one set.
pub fn cmd_export(a: &ExportArgs) -> Result<u8> {
    let read = match scenario::read_scenario(&a.scenario) {
        Ok(read) => read,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    let issues = validate::validate(&read);
    for issue in &issues {
        eprintln!("{issue}");
    }
    let errors = issues.iter().filter(|i| i.is_error()).count();
    if errors > 0 {
        eprintln!(
            "{}: {errors} error(s); nothing was written",
            a.scenario.display()
        );
        return Ok(EXIT_INPUT);
    }
    let s = read.scenario;
    let files = match sheets::export(&s) {
        Ok(files) => files,
        Err(errors) => return Ok(fail(&errors, "export")),
    };
    let set = OutputSet::begin(&a.out, &sheets::FILES)?;
    for (name, bytes) in &files {
        set.write(name, bytes)?;
    }
    set.commit()?;
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    println!(
        "wrote {} to {}; read them back with: kraamplan import --from {} --out scenario.json",
        names.join(", "),
        a.out.display(),
        a.out.display()
    );
    Ok(0)
}
