//! `kraamplan merge`: shard outputs of one sweep, forecast, simulation or
//! season back into the
//! table a single machine would have written.
//!
//! The shards must come from the same base scenario (by fingerprint) and
//! the same settings, and together hold every index exactly once; anything
//! else is an error naming the shard and the difference, never a partial
//! table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::output::{self, OutputError};
use crate::whatif::forecast::{self, ForecastOutput};
use crate::whatif::season::{self, SeasonOutput};
use crate::whatif::simulate::{self, SimulateOutput};
use crate::whatif::sweep::{self, SweepOutput};

/// What a merge produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Merged {
    /// A sweep.
    Sweep(SweepOutput),
    /// A forecast.
    Forecast(ForecastOutput),
    /// A simulation.
    Simulate(SimulateOutput),
    /// A season.
    Season(SeasonOutput),
}

impl Merged {
    /// Rows that failed.
    pub fn failed(&self) -> usize {
        match self {
            Merged::Sweep(s) => s.failed(),
            Merged::Forecast(f) => f.failed,
            Merged::Simulate(s) => s.failed,
            Merged::Season(s) => s.failed,
        }
    }

    /// Write the merged table to `dir`, as a single run would (one set).
    pub fn write(&self, dir: &Path) -> Result<(), OutputError> {
        match self {
            Merged::Sweep(s) => sweep::write(dir, s),
            Merged::Forecast(f) => forecast::write(dir, f),
            Merged::Simulate(s) => simulate::write(dir, s),
            Merged::Season(s) => season::write(dir, s),
        }
    }
}

/// The output file in `path`: the path itself, or `sweep.json` /
/// `forecast.json` in a directory.
fn output_file(path: &Path) -> Result<PathBuf, String> {
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    for name in [
        "sweep.json",
        "forecast.json",
        "simulate.json",
        "season.json",
    ] {
        let candidate = path.join(name);
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    Err(format!(
        "{}: no sweep.json, forecast.json, simulate.json or season.json here — give the --out directory of each shard",
        path.display()
    ))
}

/// Refuse an output folder `out` that is one of the shard folders in
/// `shards` (or inside one), compared with links resolved: the merged
/// table would replace that shard's own files.
pub fn check_out(out: &Path, shards: &[PathBuf]) -> Result<(), String> {
    let resolve = |p: &Path| output::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let target = resolve(out);
    for shard in shards {
        // A shard given as its sweep.json / forecast.json is its folder.
        let folder = if shard.is_file() {
            shard.parent().unwrap_or(Path::new(".")).to_path_buf()
        } else {
            shard.clone()
        };
        let real = resolve(&folder);
        if target.starts_with(&real) {
            let what = if target == real { "is" } else { "is inside" };
            return Err(format!(
                "--out {} {what} the shard folder {}: the merged table would replace \
                 that shard's own files — give --out a folder of its own, e.g. --out merged",
                out.display(),
                folder.display()
            ));
        }
    }
    Ok(())
}

/// Merge the shard outputs in `paths` (directories or JSON files).
pub fn merge(paths: &[PathBuf]) -> Result<Merged, String> {
    if paths.is_empty() {
        return Err("nothing to merge: give the shard output directories".into());
    }
    let mut texts = Vec::new();
    for p in paths {
        let file = output_file(p)?;
        let text = crate::scenario::limits::read_text(&file).map_err(|e| e.to_string())?;
        let kind = serde_json::from_str::<serde_json::Value>(&text)
            .map_err(|e| format!("{}: not JSON: {e}", file.display()))?
            .get("kind")
            .and_then(|k| k.as_str())
            .map(String::from)
            .ok_or_else(|| {
                format!(
                    "{}: no \"kind\": not a sweep or forecast output",
                    file.display()
                )
            })?;
        texts.push((file, kind, text));
    }
    let kind = texts[0].1.clone();
    if let Some((file, other, _)) = texts.iter().find(|(_, k, _)| *k != kind) {
        return Err(format!(
            "{} is a {other} output, {} a {kind} output: merge shards of one run",
            file.display(),
            texts[0].0.display()
        ));
    }
    match kind.as_str() {
        "sweep" => merge_shards(&texts).map(Merged::Sweep),
        "forecast" => merge_shards(&texts).map(Merged::Forecast),
        "season" => merge_shards(&texts).map(Merged::Season),
        "simulate" => merge_shards(&texts).map(Merged::Simulate),
        other => Err(format!("{}: unknown kind {other:?}", texts[0].0.display())),
    }
}

/// Every shard's output, with the file it came from.
fn parse_all<T: serde::de::DeserializeOwned>(
    texts: &[(PathBuf, String, String)],
) -> Result<Vec<(&Path, T)>, String> {
    texts
        .iter()
        .map(|(file, kind, text)| {
            let de = &mut serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de)
                .map(|o| (file.as_path(), o))
                .map_err(|e| {
                    format!(
                        "{}: not a {kind} output as this kraamplan writes it, at `{}`: {} — give the --out folder of a `kraamplan {kind}` run of this version",
                        file.display(),
                        e.path(),
                        e.inner()
                    )
                })
        })
        .collect()
}

/// A field that must be the same in every shard.
fn same<T: PartialEq + std::fmt::Debug>(
    what: &str,
    first: (&Path, &T),
    other: (&Path, &T),
) -> Result<(), String> {
    if first.1 == other.1 {
        Ok(())
    } else {
        Err(format!(
            "{} has {what} {:?}, {} has {:?}: these shards are not of one run",
            other.0.display(),
            other.1,
            first.0.display(),
            first.1
        ))
    }
}

/// Every index of `0..total` exactly once, else which are missing or
/// doubled (and in which shard files); `indices` are `(index, file)`.
fn complete<'a>(
    indices: impl Iterator<Item = (usize, &'a Path)>,
    total: usize,
) -> Result<(), String> {
    let mut seen: BTreeMap<usize, Vec<&Path>> = BTreeMap::new();
    for (i, file) in indices {
        seen.entry(i).or_default().push(file);
    }
    let doubled: Vec<usize> = seen
        .iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(&i, _)| i)
        .collect();
    let missing: Vec<usize> = (0..total).filter(|i| !seen.contains_key(i)).collect();
    let outside: Vec<usize> = seen.keys().copied().filter(|&i| i >= total).collect();
    let list = |v: &[usize]| {
        let head: Vec<String> = v.iter().take(8).map(|i| i.to_string()).collect();
        format!(
            "{}{}",
            head.join(", "),
            if v.len() > 8 { ", …" } else { "" }
        )
    };
    if !doubled.is_empty() {
        // Where the first doubled index is: the folders given twice, or the
        // shards run twice.
        let first = doubled[0];
        let files: Vec<String> = seen[&first]
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        let (what, verb) = if doubled.len() == 1 {
            ("index", "appears")
        } else {
            ("indices", "appear")
        };
        return Err(format!(
            "{} {what} ({}) {verb} in more than one shard output (index {first} in {}) — give each shard's folder once (the same folder twice, or two runs with the same --shard?)",
            doubled.len(),
            list(&doubled),
            files.join(" and ")
        ));
    }
    if !outside.is_empty() {
        return Err(format!(
            "indices beyond the {total} of the run: {}",
            list(&outside)
        ));
    }
    if !missing.is_empty() {
        return Err(format!(
            "{} of {total} indices are missing ({}): a shard is missing or unfinished",
            missing.len(),
            list(&missing)
        ));
    }
    Ok(())
}

/// What differs between merging the shards of a sweep and of a forecast.
trait ShardOutput: serde::de::DeserializeOwned + Clone {
    /// One row: a variant or a run.
    type Row: Clone;
    /// The output format version.
    fn format(&self) -> &u32;
    /// The base scenario's fingerprint.
    fn base_fingerprint(&self) -> &String;
    /// The settings other than format and base that every shard must
    /// share, checked in this order (the first difference is the message).
    fn same_run(first: (&Path, &Self), other: (&Path, &Self)) -> Result<(), String>;
    /// How many rows the whole run has.
    fn total(&self) -> usize;
    /// This shard's rows.
    fn rows(&self) -> &[Self::Row];
    /// A row's index in the whole run.
    fn index(&self, row: &Self::Row) -> usize;
    /// The single-run output from the first shard's settings and every row.
    fn assemble(first: &Self, rows: Vec<Self::Row>) -> Self;
}

impl ShardOutput for SweepOutput {
    type Row = sweep::SweepRow;

    fn format(&self) -> &u32 {
        &self.format
    }

    fn base_fingerprint(&self) -> &String {
        &self.base_fingerprint
    }

    fn same_run((f0, first): (&Path, &Self), (f, o): (&Path, &Self)) -> Result<(), String> {
        same("grid", (f0, &first.grid), (f, &o.grid))?;
        same("engine", (f0, &first.engine), (f, &o.engine))?;
        same("time limit", (f0, &first.time_limit), (f, &o.time_limit))
    }

    fn total(&self) -> usize {
        self.variants
    }

    fn rows(&self) -> &[Self::Row] {
        &self.rows
    }

    fn index(&self, row: &Self::Row) -> usize {
        row.variant.index
    }

    fn assemble(first: &Self, mut rows: Vec<Self::Row>) -> Self {
        rows.sort_by_key(|r| r.variant.index);
        SweepOutput {
            shard: None,
            rows,
            ..first.clone()
        }
    }
}

impl ShardOutput for ForecastOutput {
    type Row = forecast::ForecastRun;

    fn format(&self) -> &u32 {
        &self.format
    }

    fn base_fingerprint(&self) -> &String {
        &self.base_fingerprint
    }

    fn same_run((f0, first): (&Path, &Self), (f, o): (&Path, &Self)) -> Result<(), String> {
        same("runs", (f0, &first.runs), (f, &o.runs))?;
        same("seed", (f0, &first.seed), (f, &o.seed))?;
        same("fidelity", (f0, &first.fidelity), (f, &o.fidelity))?;
        same("time limit", (f0, &first.time_limit), (f, &o.time_limit))?;
        same(
            "full time limit",
            (f0, &first.full_time_limit),
            (f, &o.full_time_limit),
        )?;
        same("sample", (f0, &first.sample), (f, &o.sample))?;
        same(
            "agreement sample",
            (f0, &first.agreement_runs),
            (f, &o.agreement_runs),
        )
    }

    fn total(&self) -> usize {
        self.runs
    }

    fn rows(&self) -> &[Self::Row] {
        &self.rows
    }

    fn index(&self, row: &Self::Row) -> usize {
        row.run
    }

    fn assemble(first: &Self, rows: Vec<Self::Row>) -> Self {
        forecast::assemble(
            ForecastOutput {
                shard: None,
                ..first.clone()
            },
            rows,
        )
    }
}

impl ShardOutput for SimulateOutput {
    type Row = simulate::SimulateRow;

    fn format(&self) -> &u32 {
        &self.format
    }

    fn base_fingerprint(&self) -> &String {
        &self.base_fingerprint
    }

    fn same_run((f0, first): (&Path, &Self), (f, o): (&Path, &Self)) -> Result<(), String> {
        same("runs", (f0, &first.runs), (f, &o.runs))?;
        same("nights", (f0, &first.nights), (f, &o.nights))?;
        same("policies", (f0, &first.policies), (f, &o.policies))?;
        same("notice window", (f0, &first.notice), (f, &o.notice))?;
        same("seed", (f0, &first.seed), (f, &o.seed))?;
        same("engine", (f0, &first.engine), (f, &o.engine))?;
        same("time limit", (f0, &first.time_limit), (f, &o.time_limit))?;
        same("season", (f0, &first.season), (f, &o.season))
    }

    fn total(&self) -> usize {
        self.runs * self.policies.len()
    }

    fn rows(&self) -> &[Self::Row] {
        &self.rows
    }

    fn index(&self, row: &Self::Row) -> usize {
        SimulateOutput::index(self, row)
    }

    fn assemble(first: &Self, rows: Vec<Self::Row>) -> Self {
        simulate::assemble(
            SimulateOutput {
                shard: None,
                ..first.clone()
            },
            rows,
        )
    }
}

impl ShardOutput for SeasonOutput {
    type Row = season::SeasonRow;

    fn format(&self) -> &u32 {
        &self.format
    }

    fn base_fingerprint(&self) -> &String {
        &self.base_fingerprint
    }

    fn same_run((f0, first): (&Path, &Self), (f, o): (&Path, &Self)) -> Result<(), String> {
        same("runs", (f0, &first.runs), (f, &o.runs))?;
        same("season weeks", (f0, &first.mondays), (f, &o.mondays))?;
        same("seed", (f0, &first.seed), (f, &o.seed))?;
        same(
            "births a year",
            (f0, &first.births_per_year),
            (f, &o.births_per_year),
        )?;
        same("birth pattern", (f0, &first.pattern), (f, &o.pattern))?;
        same("sample", (f0, &first.sample), (f, &o.sample))?;
        same("fidelity", (f0, &first.fidelity), (f, &o.fidelity))?;
        same("time limit", (f0, &first.time_limit), (f, &o.time_limit))?;
        same("solutions", (f0, &first.solutions), (f, &o.solutions))
    }

    fn total(&self) -> usize {
        self.runs * self.solutions.len()
    }

    fn rows(&self) -> &[Self::Row] {
        &self.rows
    }

    fn index(&self, row: &Self::Row) -> usize {
        SeasonOutput::index(self, row)
    }

    fn assemble(first: &Self, rows: Vec<Self::Row>) -> Self {
        season::assemble(
            SeasonOutput {
                shard: None,
                ..first.clone()
            },
            rows,
        )
    }
}

/// The shards of one run joined: the same settings in every shard, every
/// index exactly once, the rows in one table.
fn merge_shards<T: ShardOutput>(texts: &[(PathBuf, String, String)]) -> Result<T, String> {
    let parts: Vec<(&Path, T)> = parse_all(texts)?;
    let (f0, first) = &parts[0];
    for (f, o) in &parts[1..] {
        same("format", (f0, first.format()), (f, o.format()))?;
        same(
            "base fingerprint",
            (f0, first.base_fingerprint()),
            (f, o.base_fingerprint()),
        )?;
        T::same_run((f0, first), (f, o))?;
    }
    complete(
        parts
            .iter()
            .flat_map(|(f, o)| o.rows().iter().map(move |r| (o.index(r), *f))),
        first.total(),
    )?;
    let rows: Vec<T::Row> = parts.iter().flat_map(|(_, o)| o.rows().to_vec()).collect();
    Ok(T::assemble(first, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(indices: &[usize], file: &'static str) -> Vec<(usize, &'static Path)> {
        indices.iter().map(|&i| (i, Path::new(file))).collect()
    }

    #[test]
    fn issue11_merge_out_may_not_be_a_shard_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let shard = tmp.path().join("shards/1");
        std::fs::create_dir_all(&shard).unwrap();
        std::fs::write(shard.join("sweep.json"), "{}").unwrap();
        let shards = [shard.clone(), tmp.path().join("shards/2")];
        for out in [
            shard.clone(),
            tmp.path().join("shards/./1/"),
            tmp.path().join("shards/1/merged"),
            tmp.path().join("shards/2/../1"),
        ] {
            let e = check_out(&out, &shards).unwrap_err();
            assert!(
                e.contains(&shard.display().to_string()) && e.contains("--out merged"),
                "{e}"
            );
        }
        // A shard given as its file.
        assert!(check_out(&shard, &[shard.join("sweep.json")]).is_err());
        for out in ["merged", "shards", "shards/10"] {
            assert!(check_out(&tmp.path().join(out), &shards).is_ok(), "{out}");
        }
    }

    #[test]
    fn completeness_names_missing_and_doubled_indices() {
        assert!(complete(at(&[2, 0, 1], "a").into_iter(), 3).is_ok());
        let e = complete(at(&[0, 2], "a").into_iter(), 4).unwrap_err();
        assert!(e.contains("2 of 4 indices are missing (1, 3)"), "{e}");
        let e = complete(at(&[0, 1, 5], "a").into_iter(), 2).unwrap_err();
        assert!(e.contains("beyond"), "{e}");
    }

    #[test]
    fn issue11_a_broken_shard_output_names_the_json_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sweep.json");
        std::fs::write(&file, r#"{"kind": "sweep", "rows": [1]}"#).unwrap();
        let e = merge(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(e.contains("sweep.json: not a sweep output"), "{e}");
        assert!(
            e.contains("at `rows[0]`") && e.contains("invalid type"),
            "{e}"
        );
        assert!(e.contains("give the --out folder"), "{e}");
    }

    #[test]
    fn issue11_merge_names_the_folders_and_indices_given_twice() {
        let files = at(&[0, 2], "s1/sweep.json")
            .into_iter()
            .chain(at(&[1], "s2/sweep.json"))
            .chain(at(&[0, 2], "s1-again/sweep.json"));
        let e = complete(files, 3).unwrap_err();
        assert!(
            e.contains("2 indices (0, 2) appear in more than one shard"),
            "{e}"
        );
        assert!(
            e.contains("(index 0 in s1/sweep.json and s1-again/sweep.json)"),
            "{e}"
        );
        assert!(!e.contains("s2/"), "{e}");
        assert!(e.contains("give each shard's folder once"), "{e}");
        let e = complete(at(&[0, 1], "a").into_iter().chain(at(&[1], "b")), 2).unwrap_err();
        assert!(
            e.contains("1 index (1) appears in more than one shard output (index 1 in a and b)"),
            "{e}"
        );
    }
}
