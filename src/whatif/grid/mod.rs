//! Sweep grids: which what-if variants `kraamplan sweep` solves.
//!
//! A grid is a small TOML file written by hand. Every key is an axis with a
//! list of values, and every key is optional: a missing axis has one value,
//! the base scenario's own. Every combination of the axes is one
//! [`Variant`]; [`crate::whatif::variant::apply`] turns the base scenario
//! plus one variant into the variant's scenario.
//!
//! ```toml
//! sick = [0.0, 0.10, 0.15]      # share of the nurses off sick for the whole horizon
//! extra_births = [0, 10, 20]    # percent more families in the horizon
//! measures = ["base", "none", "all", "M-COMBINED+M-FLEX"]
//! hired = [0, 5]                # extra nurses hired by the region's providers
//! lent = [0, 5]                 # extra nurses lent from outside the region (M-LENDING)
//! kraamcentrum = [0, 4, 6]      # a regional kraamcentrum of this size, 0 = none (M-KRAAMCENTRUM)
//! kio = [0, 5, 10]              # extra nurses in training hired by the providers (M-KIO)
//! pool_scope = ["base", "regional", "provider"]
//! pool_min = [0, 1, 2]          # partus_pool.min_on_call: nurses on call per shift above the floor
//! policy = ["normenkader", "utilitarian", "proportional", "first-come"]   # rules.policy
//! time_limit = [5, 30]          # seconds per variant (a solver setting)
//! seeds = [1, 2, 3]             # replications of the random draws
//! ```
//!
//! Parsing collects nothing silently: an unknown key, an empty list, a
//! value listed twice, a value out of range or a grid of more than
//! [`MAX_VARIANTS`] variants is a [`GridError`] naming the key, the value
//! and the fix.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::suggest::{closest, Reach};
use crate::scenario::MEASURE_IDS;

mod parse;

use parse::*;

/// The grid keys (axes), in the order variants are enumerated.
pub const KEYS: [&str; 12] = [
    "sick",
    "extra_births",
    "measures",
    "hired",
    "lent",
    "kraamcentrum",
    "kio",
    "pool_scope",
    "pool_min",
    "policy",
    "time_limit",
    "seeds",
];

/// Largest grid accepted: a sweep of more variants is almost surely a typo
/// (and would take days); split it into several sweeps instead.
pub const MAX_VARIANTS: usize = 100_000;

/// Largest `extra_births`, in percent.
pub const MAX_EXTRA_BIRTHS: f64 = 200.0;

/// Largest `hired` and `lent`.
pub const MAX_EXTRA_NURSES: u32 = 1000;

/// Why a grid cannot be used. Every message names the key, the value and
/// what to do.
#[derive(Debug, thiserror::Error)]
pub enum GridError {
    /// The grid file could not be read (missing, a directory, too large,
    /// not UTF-8): the message of [`crate::scenario::limits::InputError`].
    #[error("{message}")]
    Input {
        /// The reason, naming the path.
        message: String,
    },
    /// An error in the grid file `path`.
    #[error("{path}: {source}")]
    File {
        /// The path given.
        path: String,
        /// What is wrong in it.
        source: Box<GridError>,
    },
    /// The text is not valid TOML.
    #[error("TOML syntax error at line {line}, column {column}: {message} — write each axis as `key = [value, …]`")]
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// A key that is not an axis.
    #[error("unknown key `{key}`{hint} — the keys are sick, extra_births, measures, hired, lent, kraamcentrum, kio, pool_scope, pool_min, policy, time_limit, seeds")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// ` (did you mean `…`?)`, or empty.
        hint: String,
    },
    /// An axis given as a single value or a table instead of a list.
    #[error("`{key}` = {value} is not a list — write `{key} = [{value}]`")]
    NotAList {
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
    },
    /// An axis with no values.
    #[error("`{key}` is an empty list — give at least one value, or leave `{key}` out to keep the base's value")]
    Empty {
        /// The key.
        key: &'static str,
    },
    /// A value of the wrong type.
    #[error("`{key}` value {value} is not {expected} — {fix}")]
    WrongType {
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// What the key takes.
        expected: &'static str,
        /// An example of a valid value.
        fix: &'static str,
    },
    /// A value listed twice in one axis.
    #[error("`{key}` lists {value} twice — remove the duplicate")]
    Duplicate {
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
    },
    /// A value outside the axis's range.
    #[error("`{key}` value {value} is out of range — {fix}")]
    OutOfRange {
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// The range and what it means.
        fix: &'static str,
    },
    /// A `measures` value that is neither a keyword nor a list of known ids.
    #[error("`measures` value \"{value}\": {problem} — use \"base\", \"none\", \"all\" or '+'-joined ids from {known}")]
    BadMeasures {
        /// The value as written.
        value: String,
        /// What is wrong with it.
        problem: String,
        /// The valid ids.
        known: String,
    },
    /// A `policy` value that is not a policy.
    #[error("`policy` value {value}: {message}")]
    BadPolicy {
        /// The value as written.
        value: String,
        /// Which policies there are, and the closest.
        message: String,
    },
    /// A `pool_scope` value that is not a scope.
    #[error("`pool_scope` value \"{value}\" is not a scope — use \"base\", \"regional\" or \"provider\"")]
    BadPoolScope {
        /// The value as written.
        value: String,
    },
    /// The grid has too many combinations.
    #[error("the grid has {count} variants, more than {max} — drop values from the longest axes ({axes}) or split the sweep into several grids")]
    TooLarge {
        /// Number of variants (saturated).
        count: u128,
        /// [`MAX_VARIANTS`].
        max: usize,
        /// Axis lengths, e.g. `sick 10 × seeds 100`.
        axes: String,
    },
}

/// Which measures a variant allows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MeasureChoice {
    /// The base scenario's own `measures` (`"base"`).
    Base,
    /// No measures (`"none"`).
    None,
    /// Every measure of [`MEASURE_IDS`] (`"all"`).
    All,
    /// Exactly these ids (`"M-COMBINED+M-FLEX"`), in the order written.
    Only(Vec<String>),
}

impl fmt::Display for MeasureChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeasureChoice::Base => f.write_str("base"),
            MeasureChoice::None => f.write_str("none"),
            MeasureChoice::All => f.write_str("all"),
            MeasureChoice::Only(ids) => f.write_str(&ids.join("+")),
        }
    }
}

impl FromStr for MeasureChoice {
    type Err = GridError;

    fn from_str(text: &str) -> Result<Self, GridError> {
        let bad = |problem: String| GridError::BadMeasures {
            value: text.to_string(),
            problem,
            known: MEASURE_IDS.join(", "),
        };
        match text.trim() {
            "base" => return Ok(MeasureChoice::Base),
            "none" => return Ok(MeasureChoice::None),
            "all" => return Ok(MeasureChoice::All),
            "" => return Err(bad("the value is empty".into())),
            _ => {}
        }
        let mut ids: Vec<String> = Vec::new();
        for id in text.split('+').map(str::trim) {
            if id.is_empty() {
                return Err(bad("an id between two '+' is empty".into()));
            }
            if !MEASURE_IDS.contains(&id) {
                let hint = closest(id, MEASURE_IDS.iter().copied(), Reach::ThirdOfCandidate)
                    .map(|c| format!(" (did you mean {c}?)"))
                    .unwrap_or_default();
                return Err(bad(format!("unknown measure `{id}`{hint}")));
            }
            if ids.iter().any(|i| i == id) {
                return Err(bad(format!("{id} is listed twice")));
            }
            ids.push(id.to_string());
        }
        Ok(MeasureChoice::Only(ids))
    }
}

impl MeasureChoice {
    /// Equal for two choices that allow the same measures (ids compared as a set).
    fn key(&self) -> MeasureChoice {
        match self {
            MeasureChoice::Only(ids) => {
                let mut ids = ids.clone();
                ids.sort();
                MeasureChoice::Only(ids)
            }
            other => other.clone(),
        }
    }
}

impl Serialize for MeasureChoice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MeasureChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The partus pool's scope in a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PoolChoice {
    /// The base scenario's own scope (`"base"`).
    Base,
    /// One pool for the region (`"regional"`).
    Regional,
    /// Each provider staffs its own share (`"provider"`).
    Provider,
}

impl fmt::Display for PoolChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PoolChoice::Base => "base",
            PoolChoice::Regional => "regional",
            PoolChoice::Provider => "provider",
        })
    }
}

impl FromStr for PoolChoice {
    type Err = GridError;

    fn from_str(text: &str) -> Result<Self, GridError> {
        match text.trim() {
            "base" => Ok(PoolChoice::Base),
            "regional" => Ok(PoolChoice::Regional),
            "provider" => Ok(PoolChoice::Provider),
            _ => Err(GridError::BadPoolScope {
                value: text.to_string(),
            }),
        }
    }
}

/// One combination of the grid's axes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// Position in [`Grid::variants`].
    pub index: usize,
    /// Share of the nurses off sick for the whole horizon, in [0, 1).
    pub sick: f64,
    /// Percent more families in the horizon, 0–200.
    pub extra_births: f64,
    /// Which measures the variant allows.
    pub measures: MeasureChoice,
    /// Extra nurses hired by the region's non-freelance providers.
    pub hired: u32,
    /// Extra nurses lent from outside the region.
    pub lent: u32,
    /// Size of a regional kraamcentrum added (0: none; `None`: the axis is
    /// not in the grid, and its column is left out of `sweep.csv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kraamcentrum: Option<u32>,
    /// Extra nurses in training (KIO) hired (`None`: the axis is not in the grid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kio: Option<u32>,
    /// The partus pool's scope.
    pub pool_scope: PoolChoice,
    /// `partus_pool.min_on_call` of the variant (`None`: the base scenario's;
    /// only then is the `pool_min` column left out of `sweep.csv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool_min: Option<u32>,
    /// `rules.policy` of the variant (`None`: the base scenario's; only then
    /// is the `policy` column left out of `sweep.csv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<crate::domain::policy::Policy>,
    /// Solver time limit in seconds (`None`: the runner's default).
    pub time_limit: Option<f64>,
    /// Seed of every random draw of the variant.
    pub seed: u64,
}

impl Variant {
    /// Column names and values for `sweep.csv`, in a fixed order (`sick`,
    /// `extra_births`, `measures`, `hired`, `lent`, `kraamcentrum` and `kio`,
    /// `pool_scope`, `pool_min` and `policy` when the grid has those axes, `time_limit`, `seed`). Numbers are written in their shortest exact
    /// form (`0.15`, `10`), `time_limit` is empty when not set.
    pub fn columns(&self) -> Vec<(&'static str, String)> {
        let mut columns = vec![
            ("sick", self.sick.to_string()),
            ("extra_births", self.extra_births.to_string()),
            ("measures", self.measures.to_string()),
            ("hired", self.hired.to_string()),
            ("lent", self.lent.to_string()),
            ("pool_scope", self.pool_scope.to_string()),
            (
                "time_limit",
                self.time_limit.map(|t| t.to_string()).unwrap_or_default(),
            ),
            ("seed", self.seed.to_string()),
        ];
        let mut at = 5;
        for (key, value) in [("kraamcentrum", self.kraamcentrum), ("kio", self.kio)] {
            if let Some(k) = value {
                columns.insert(at, (key, k.to_string()));
                at += 1;
            }
        }
        at += 1;
        if let Some(m) = self.pool_min {
            columns.insert(at, ("pool_min", m.to_string()));
            at += 1;
        }
        if let Some(p) = self.policy {
            columns.insert(at, ("policy", p.to_string()));
        }
        columns
    }
}

/// A parsed sweep grid: one list of values per axis, none empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// `sick` (default `[0]`).
    pub sick: Vec<f64>,
    /// `extra_births` (default `[0]`).
    pub extra_births: Vec<f64>,
    /// `measures` (default `["base"]`).
    pub measures: Vec<MeasureChoice>,
    /// `hired` (default `[0]`).
    pub hired: Vec<u32>,
    /// `lent` (default `[0]`).
    pub lent: Vec<u32>,
    /// `kraamcentrum` (default: one value, none added).
    pub kraamcentrum: Vec<Option<u32>>,
    /// `kio` (default: one value, none hired).
    pub kio: Vec<Option<u32>>,
    /// `pool_scope` (default `["base"]`).
    pub pool_scope: Vec<PoolChoice>,
    /// `pool_min` (default: one value, the base scenario's `min_on_call`).
    pub pool_min: Vec<Option<u32>>,
    /// `policy` (default: one value, the base scenario's `rules.policy`).
    pub policy: Vec<Option<crate::domain::policy::Policy>>,
    /// `time_limit` (default: one value, no limit of its own).
    pub time_limit: Vec<Option<f64>>,
    /// `seeds` (default `[0]`).
    pub seeds: Vec<u64>,
}

impl Default for Grid {
    /// The grid of one variant: the base scenario itself, seed 0.
    fn default() -> Self {
        Grid {
            sick: vec![0.0],
            extra_births: vec![0.0],
            measures: vec![MeasureChoice::Base],
            hired: vec![0],
            lent: vec![0],
            kraamcentrum: vec![None],
            kio: vec![None],
            pool_scope: vec![PoolChoice::Base],
            pool_min: vec![None],
            policy: vec![None],
            time_limit: vec![None],
            seeds: vec![0],
        }
    }
}

impl Grid {
    /// Parse a grid from TOML text.
    pub fn parse(text: &str) -> Result<Grid, GridError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let at = e.span().map_or(0, |s| s.start).min(text.len());
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            GridError::Syntax {
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        for key in table.keys() {
            if !KEYS.contains(&key.as_str()) {
                let hint = closest(key, KEYS, Reach::ThirdOfCandidate)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                return Err(GridError::UnknownKey {
                    key: key.clone(),
                    hint,
                });
            }
        }
        // The size first, from the list lengths alone: a grid of two axes of
        // a million values is refused before any value is looked at.
        let lengths: Vec<(&str, usize)> = KEYS
            .iter()
            .map(|k| match table.get(*k) {
                Some(toml::Value::Array(items)) => (*k, items.len().max(1)),
                _ => (*k, 1),
            })
            .collect();
        too_large(&lengths)?;
        let mut grid = Grid::default();
        if let Some(v) = list(&table, "sick", number)? {
            grid.sick = check(
                v,
                "sick",
                |x| (0.0..1.0).contains(x),
                "sick is a share in [0, 1): 0.15 means 15 % of the nurses off sick",
            )?;
        }
        if let Some(v) = list(&table, "extra_births", number)? {
            grid.extra_births = check(
                v,
                "extra_births",
                |x| (0.0..=MAX_EXTRA_BIRTHS).contains(x),
                "extra_births is a percentage in [0, 200]: 10 means 10 % more families",
            )?;
        }
        if let Some(v) = list(&table, "measures", measure)? {
            grid.measures = unique_by(v, "measures", MeasureChoice::key)?;
        }
        if let Some(v) = list(&table, "hired", count)? {
            grid.hired = check(
                v,
                "hired",
                |x| *x <= MAX_EXTRA_NURSES,
                "hired is a number of nurses in 0–1000",
            )?;
        }
        if let Some(v) = list(&table, "lent", count)? {
            grid.lent = check(
                v,
                "lent",
                |x| *x <= MAX_EXTRA_NURSES,
                "lent is a number of nurses in 0–1000",
            )?;
        }
        if let Some(v) = list(&table, "kraamcentrum", count)? {
            let (lo, hi) = crate::scenario::validate::SIZE_RANGE;
            let v = check(
                v,
                "kraamcentrum",
                |x| *x == 0 || (lo..=hi).contains(x),
                "kraamcentrum is the size of a regional kraamcentrum, families one nurse keeps at the floor a day: 0 (none) or 2–12, e.g. [0, 4, 6]",
            )?;
            grid.kraamcentrum = v.into_iter().map(Some).collect();
        }
        if let Some(v) = list(&table, "kio", count)? {
            let v = check(
                v,
                "kio",
                |x| *x <= MAX_EXTRA_NURSES,
                "kio is a number of nurses in training to hire in 0–1000, e.g. [0, 5, 10]",
            )?;
            grid.kio = v.into_iter().map(Some).collect();
        }
        if let Some(v) = list(&table, "pool_scope", pool)? {
            grid.pool_scope = unique_by(v, "pool_scope", |p| *p)?;
        }
        if let Some(v) = list(&table, "pool_min", count)? {
            let most = crate::scenario::validate::MAX_MIN_ON_CALL;
            let v = check(
                v,
                "pool_min",
                |x| *x <= most,
                "pool_min is partus_pool.min_on_call, nurses on call per shift in 0–50, e.g. [0, 1, 2]",
            )?;
            grid.pool_min = v.into_iter().map(Some).collect();
        }
        if let Some(v) = list(&table, "policy", policy)? {
            grid.policy = unique_by(v, "policy", |p| *p)?
                .into_iter()
                .map(Some)
                .collect();
        }
        if let Some(v) = list(&table, "time_limit", number)? {
            let v = check(
                v,
                "time_limit",
                |x| crate::scenario::limits::check_time_limit("time_limit", *x).is_ok(),
                "time_limit is seconds per variant, above 0 and at most 604800 (one week), e.g. 30",
            )?;
            grid.time_limit = v.into_iter().map(Some).collect();
        }
        if let Some(v) = list(&table, "seeds", seed)? {
            grid.seeds = unique_by(v, "seeds", |s| *s)?;
        }
        too_large(&grid.axis_lengths())?;
        Ok(grid)
    }

    /// Read and parse a grid file (at most
    /// [`crate::scenario::limits::MAX_INPUT_BYTES`], UTF-8); errors name the path.
    pub fn read(path: &Path) -> Result<Grid, GridError> {
        let text = crate::scenario::limits::read_text(path).map_err(|e| GridError::Input {
            message: e.to_string(),
        })?;
        Grid::parse(&text).map_err(|e| GridError::File {
            path: path.display().to_string(),
            source: Box::new(e),
        })
    }

    /// Number of values per axis, in the order of [`KEYS`].
    pub fn axis_lengths(&self) -> [(&'static str, usize); 12] {
        [
            ("sick", self.sick.len()),
            ("extra_births", self.extra_births.len()),
            ("measures", self.measures.len()),
            ("hired", self.hired.len()),
            ("lent", self.lent.len()),
            ("kraamcentrum", self.kraamcentrum.len()),
            ("kio", self.kio.len()),
            ("pool_scope", self.pool_scope.len()),
            ("pool_min", self.pool_min.len()),
            ("policy", self.policy.len()),
            ("time_limit", self.time_limit.len()),
            ("seeds", self.seeds.len()),
        ]
    }

    /// The axes with more than one value (the ones a sweep table varies).
    pub fn varying(&self) -> Vec<&'static str> {
        self.axis_lengths()
            .iter()
            .filter(|(_, n)| *n > 1)
            .map(|(k, _)| *k)
            .collect()
    }

    /// Number of variants: the product of the axis lengths.
    pub fn len(&self) -> usize {
        self.axis_lengths().iter().map(|(_, n)| n).product()
    }

    /// Always false: every axis has at least one value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every variant, in a fixed order: axes in the order of [`KEYS`], the
    /// last axis (`seeds`) varying fastest; `index` is the position.
    pub fn variants(&self) -> Vec<Variant> {
        // The product of the axes, counted like an odometer: the last axis
        // (`seeds`) turns fastest.
        let lengths = self.axis_lengths();
        let mut out = Vec::with_capacity(self.len());
        let mut at = [0usize; 12];
        'all: loop {
            out.push(Variant {
                index: out.len(),
                sick: self.sick[at[0]],
                extra_births: self.extra_births[at[1]],
                measures: self.measures[at[2]].clone(),
                hired: self.hired[at[3]],
                lent: self.lent[at[4]],
                kraamcentrum: self.kraamcentrum[at[5]],
                kio: self.kio[at[6]],
                pool_scope: self.pool_scope[at[7]],
                pool_min: self.pool_min[at[8]],
                policy: self.policy[at[9]],
                time_limit: self.time_limit[at[10]],
                seed: self.seeds[at[11]],
            });
            for axis in (0..at.len()).rev() {
                at[axis] += 1;
                if at[axis] < lengths[axis].1 {
                    continue 'all;
                }
                at[axis] = 0;
            }
            break;
        }
        out
    }
}

#[cfg(test)]
mod tests;
