//! `kraamplan regioplan`: sections 1.3, 1.4, 2.1 and 6 of the Format
//! Regioplan Kraamzorg (seeds/003) written from a season
//! (`kraamplan season`, `season.json`) and a workforce prognosis
//! (`kraamplan prognose`, `prognose.json`), in the format's Dutch headings
//! with the numbers filled in, for the KSV to complete and sign
//! (`models/regioplan.md`).
//!
//! [`read`] finds both files in the folders given, [`build`] writes the
//! [`doc::Document`] once, and [`markdown`] (here) and `crate::html`
//! render it.

pub mod build;
pub mod doc;
pub mod markdown;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::prognose::PrognoseOutput;
use crate::whatif::season::SeasonOutput;

pub use build::build;
pub use doc::Document;

/// What a Regioplan is written from.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The season (§1.3, §2.1, §6).
    pub season: SeasonOutput,
    /// Where it was read.
    pub season_path: PathBuf,
    /// The prognosis (§1.4, §2.1, §6).
    pub prognose: PrognoseOutput,
    /// Where it was read.
    pub prognose_path: PathBuf,
}

/// Why no Regioplan was written.
#[derive(Debug, thiserror::Error)]
pub enum RegioplanError {
    /// A file is missing, unreadable or not what its name says; the
    /// message names it and the command that writes it.
    #[error("{0}")]
    Input(String),
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path, kind: &str) -> Result<T, RegioplanError> {
    let text = crate::scenario::limits::read_text(path)
        .map_err(|e| RegioplanError::Input(format!("{}: {e}", path.display())))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| RegioplanError::Input(format!("{}: not JSON ({e})", path.display())))?;
    let found = value.get("kind").and_then(|k| k.as_str()).unwrap_or("");
    if found != kind {
        return Err(RegioplanError::Input(format!(
            "{}: kind {found:?}, not a {kind} output — give the --out folder of `kraamplan {kind}`",
            path.display()
        )));
    }
    serde_json::from_value(value).map_err(|e| {
        RegioplanError::Input(format!(
            "{}: not a {kind} output as this kraamplan writes it ({e}) — run `kraamplan {kind}` again",
            path.display()
        ))
    })
}

/// Find `season.json` and `prognose.json` in `dirs` (each a folder, or one
/// of the two files itself), each exactly once.
pub fn read(dirs: &[PathBuf]) -> Result<Inputs, RegioplanError> {
    let mut season: Vec<PathBuf> = Vec::new();
    let mut prognose: Vec<PathBuf> = Vec::new();
    for d in dirs {
        if d.is_file() {
            match d.file_name().and_then(|n| n.to_str()) {
                Some("season.json") => season.push(d.clone()),
                Some("prognose.json") => prognose.push(d.clone()),
                _ => {
                    return Err(RegioplanError::Input(format!(
                        "{}: give a folder holding season.json and/or prognose.json, or one of those files",
                        d.display()
                    )))
                }
            }
            continue;
        }
        if !d.is_dir() {
            return Err(RegioplanError::Input(format!(
                "{}: no such folder — give the --out folders of `kraamplan season` and `kraamplan prognose`",
                d.display()
            )));
        }
        for (name, list) in [
            ("season.json", &mut season),
            ("prognose.json", &mut prognose),
        ] {
            let p = d.join(name);
            if p.is_file() {
                list.push(p);
            }
        }
    }
    let one = |list: Vec<PathBuf>, name: &str, how: &str| -> Result<PathBuf, RegioplanError> {
        match list.len() {
            1 => Ok(list.into_iter().next().expect("one")),
            0 => Err(RegioplanError::Input(format!(
                "no {name} in {}: write it first with `{how}` (into the same folder or another given here)",
                dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
            ))),
            _ => Err(RegioplanError::Input(format!(
                "{name} found {} times ({}): give one",
                list.len(),
                list.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
            ))),
        }
    };
    let season_path = one(
        season,
        "season.json",
        "kraamplan season BASE.json --from 2026-05 --to 2026-09 --out DIR",
    )?;
    let prognose_path = one(
        prognose,
        "prognose.json",
        "kraamplan prognose BASE.json --until 2030 --out DIR",
    )?;
    let season: SeasonOutput = read_json(&season_path, "season")?;
    if season.shard.is_some() {
        return Err(RegioplanError::Input(format!(
            "{}: one shard of a season — join the shards with `kraamplan merge` first",
            season_path.display()
        )));
    }
    if season.summary.iter().all(|s| s.runs == 0) {
        return Err(RegioplanError::Input(format!(
            "{}: no run played the whole season ({} failed) — see season-runs.csv for why",
            season_path.display(),
            season.failed
        )));
    }
    Ok(Inputs {
        prognose: read_json(&prognose_path, "prognose")?,
        season,
        season_path,
        prognose_path,
    })
}
