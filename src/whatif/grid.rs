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
//! pool_scope = ["base", "regional", "provider"]
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

use crate::scenario::MEASURE_IDS;

/// The grid keys (axes), in the order variants are enumerated.
pub const KEYS: [&str; 8] = [
    "sick",
    "extra_births",
    "measures",
    "hired",
    "lent",
    "pool_scope",
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
    /// not UTF-8): the message of [`crate::limits::InputError`].
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
    #[error("unknown key `{key}`{hint} — the keys are sick, extra_births, measures, hired, lent, pool_scope, time_limit, seeds")]
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
                let hint = closest(id, MEASURE_IDS.iter().copied())
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
    /// The partus pool's scope.
    pub pool_scope: PoolChoice,
    /// Solver time limit in seconds (`None`: the runner's default).
    pub time_limit: Option<f64>,
    /// Seed of every random draw of the variant.
    pub seed: u64,
}

impl Variant {
    /// Column names and values for `sweep.csv`, in a fixed order (`sick`,
    /// `extra_births`, `measures`, `hired`, `lent`, `pool_scope`,
    /// `time_limit`, `seed`). Numbers are written in their shortest exact
    /// form (`0.15`, `10`), `time_limit` is empty when not set.
    pub fn columns(&self) -> Vec<(&'static str, String)> {
        vec![
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
        ]
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
    /// `pool_scope` (default `["base"]`).
    pub pool_scope: Vec<PoolChoice>,
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
            pool_scope: vec![PoolChoice::Base],
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
                let hint = closest(key, KEYS)
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
        if let Some(v) = list(&table, "pool_scope", pool)? {
            grid.pool_scope = unique_by(v, "pool_scope", |p| *p)?;
        }
        if let Some(v) = list(&table, "time_limit", number)? {
            let v = check(
                v,
                "time_limit",
                |x| crate::limits::check_time_limit("time_limit", *x).is_ok(),
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
    /// [`crate::limits::MAX_INPUT_BYTES`], UTF-8); errors name the path.
    pub fn read(path: &Path) -> Result<Grid, GridError> {
        let text = crate::limits::read_text(path).map_err(|e| GridError::Input {
            message: e.to_string(),
        })?;
        Grid::parse(&text).map_err(|e| GridError::File {
            path: path.display().to_string(),
            source: Box::new(e),
        })
    }

    /// Number of values per axis, in the order of [`KEYS`].
    pub fn axis_lengths(&self) -> [(&'static str, usize); 8] {
        [
            ("sick", self.sick.len()),
            ("extra_births", self.extra_births.len()),
            ("measures", self.measures.len()),
            ("hired", self.hired.len()),
            ("lent", self.lent.len()),
            ("pool_scope", self.pool_scope.len()),
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
        let mut out = Vec::with_capacity(self.len());
        for &sick in &self.sick {
            for &extra_births in &self.extra_births {
                for measures in &self.measures {
                    for &hired in &self.hired {
                        for &lent in &self.lent {
                            for &pool_scope in &self.pool_scope {
                                for &time_limit in &self.time_limit {
                                    for &seed in &self.seeds {
                                        out.push(Variant {
                                            index: out.len(),
                                            sick,
                                            extra_births,
                                            measures: measures.clone(),
                                            hired,
                                            lent,
                                            pool_scope,
                                            time_limit,
                                            seed,
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

/// The values of axis `key`, each converted by `convert`; `None` when the
/// key is absent.
fn list<T>(
    table: &toml::Table,
    key: &'static str,
    convert: fn(&'static str, &toml::Value) -> Result<T, GridError>,
) -> Result<Option<Vec<T>>, GridError> {
    let Some(value) = table.get(key) else {
        return Ok(None);
    };
    let toml::Value::Array(items) = value else {
        return Err(GridError::NotAList {
            key,
            value: value.to_string(),
        });
    };
    if items.is_empty() {
        return Err(GridError::Empty { key });
    }
    items
        .iter()
        .map(|v| convert(key, v))
        .collect::<Result<_, _>>()
        .map(Some)
}

/// Refuse a grid whose axes (`(key, length)`) multiply to more than
/// [`MAX_VARIANTS`] variants (the product is taken without overflow).
fn too_large(lengths: &[(&str, usize)]) -> Result<(), GridError> {
    let count = lengths
        .iter()
        .fold(1u128, |acc, (_, n)| acc.saturating_mul(*n as u128));
    if count <= MAX_VARIANTS as u128 {
        return Ok(());
    }
    let axes = lengths
        .iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(" × ");
    Err(GridError::TooLarge {
        count,
        max: MAX_VARIANTS,
        axes,
    })
}

/// Check every value against `ok` and for duplicates.
fn check<T: Number + fmt::Display>(
    values: Vec<T>,
    key: &'static str,
    ok: impl Fn(&T) -> bool,
    fix: &'static str,
) -> Result<Vec<T>, GridError> {
    if let Some(bad) = values.iter().find(|v| !ok(v)) {
        return Err(GridError::OutOfRange {
            key,
            value: bad.show(),
            fix,
        });
    }
    unique_by(values, key, Number::key)
}

/// A grid number as a hashable key: equal keys for equal numbers (0.0 and
/// −0.0 alike; NaN never passes the range checks before).
trait Number {
    fn key(&self) -> u64;
    /// The value for a message (`1e308`, not 309 digits).
    fn show(&self) -> String;
}

impl Number for f64 {
    fn key(&self) -> u64 {
        if *self == 0.0 {
            0
        } else {
            self.to_bits()
        }
    }
    fn show(&self) -> String {
        crate::limits::show_number(*self)
    }
}

impl Number for u32 {
    fn key(&self) -> u64 {
        u64::from(*self)
    }
    fn show(&self) -> String {
        self.to_string()
    }
}

/// Reject a value whose `key` equals an earlier one's (hashed: linear in
/// the axis length).
fn unique_by<T: fmt::Display, K: std::hash::Hash + Eq>(
    values: Vec<T>,
    key: &'static str,
    key_of: impl Fn(&T) -> K,
) -> Result<Vec<T>, GridError> {
    let mut seen = std::collections::HashSet::with_capacity(values.len());
    for v in &values {
        if !seen.insert(key_of(v)) {
            return Err(GridError::Duplicate {
                key,
                value: v.to_string(),
            });
        }
    }
    Ok(values)
}

fn number(key: &'static str, v: &toml::Value) -> Result<f64, GridError> {
    match v {
        toml::Value::Float(x) => Ok(*x),
        toml::Value::Integer(i) => Ok(*i as f64),
        _ => Err(GridError::WrongType {
            key,
            value: v.to_string(),
            expected: "a number",
            fix: "write numbers without quotes, e.g. [0.0, 0.15]",
        }),
    }
}

fn count(key: &'static str, v: &toml::Value) -> Result<u32, GridError> {
    match v {
        toml::Value::Integer(i) if *i < 0 || *i > MAX_EXTRA_NURSES as i64 => {
            Err(GridError::OutOfRange {
                key,
                value: i.to_string(),
                fix: "give a number of nurses in 0–1000",
            })
        }
        toml::Value::Integer(i) => Ok(*i as u32),
        _ => Err(GridError::WrongType {
            key,
            value: v.to_string(),
            expected: "a whole number of nurses",
            fix: "write whole numbers without quotes, e.g. [0, 5]",
        }),
    }
}

fn seed(key: &'static str, v: &toml::Value) -> Result<u64, GridError> {
    match v {
        toml::Value::Integer(i) if *i < 0 => Err(GridError::OutOfRange {
            key,
            value: i.to_string(),
            fix: "seeds are whole numbers of 0 or more",
        }),
        toml::Value::Integer(i) => Ok(*i as u64),
        _ => Err(GridError::WrongType {
            key,
            value: v.to_string(),
            expected: "a whole number",
            fix: "write seeds as whole numbers, e.g. [1, 2, 3]",
        }),
    }
}

fn measure(key: &'static str, v: &toml::Value) -> Result<MeasureChoice, GridError> {
    match v {
        toml::Value::String(s) => s.parse(),
        _ => Err(GridError::WrongType {
            key,
            value: v.to_string(),
            expected: "a string",
            fix: "write e.g. [\"base\", \"none\", \"all\", \"M-COMBINED+M-FLEX\"]",
        }),
    }
}

fn pool(key: &'static str, v: &toml::Value) -> Result<PoolChoice, GridError> {
    match v {
        toml::Value::String(s) => s.parse(),
        _ => Err(GridError::WrongType {
            key,
            value: v.to_string(),
            expected: "a string",
            fix: "write e.g. [\"base\", \"regional\", \"provider\"]",
        }),
    }
}

/// The candidate closest to `word`, if it is a plausible typo of it.
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"
sick = [0.0, 0.10, 0.15]
extra_births = [0, 10, 20]
measures = ["base", "none", "all", "M-COMBINED+M-FLEX"]
hired = [0, 5]
lent = [0, 5]
pool_scope = ["base", "regional", "provider"]
time_limit = [5, 30]
seeds = [1, 2, 3]
"#;

    fn err(text: &str) -> String {
        Grid::parse(text).unwrap_err().to_string()
    }

    fn assert_names(text: &str, parts: &[&str]) {
        let msg = err(text);
        for p in parts {
            assert!(msg.contains(p), "`{msg}` does not contain `{p}`");
        }
    }

    #[test]
    fn every_key_parses() {
        let g = Grid::parse(FULL).unwrap();
        assert_eq!(g.sick, vec![0.0, 0.10, 0.15]);
        assert_eq!(g.extra_births, vec![0.0, 10.0, 20.0]);
        assert_eq!(
            g.measures,
            vec![
                MeasureChoice::Base,
                MeasureChoice::None,
                MeasureChoice::All,
                MeasureChoice::Only(vec!["M-COMBINED".into(), "M-FLEX".into()]),
            ]
        );
        assert_eq!(g.hired, vec![0, 5]);
        assert_eq!(g.lent, vec![0, 5]);
        assert_eq!(
            g.pool_scope,
            vec![PoolChoice::Base, PoolChoice::Regional, PoolChoice::Provider]
        );
        assert_eq!(g.time_limit, vec![Some(5.0), Some(30.0)]);
        assert_eq!(g.seeds, vec![1, 2, 3]);
        assert_eq!(g.len(), 3 * 3 * 4 * 2 * 2 * 3 * 2 * 3);
        assert_eq!(g.varying().len(), 8);
    }

    #[test]
    fn missing_keys_take_the_base_value() {
        let g = Grid::parse("# nothing but a comment\n").unwrap();
        assert_eq!(g, Grid::default());
        assert_eq!(g.seeds, vec![0]);
        assert_eq!(g.time_limit, vec![None]);
        assert_eq!(g.len(), 1);
        let v = &g.variants()[0];
        assert_eq!(v.measures, MeasureChoice::Base);
        assert_eq!(v.pool_scope, PoolChoice::Base);
        assert_eq!(
            (v.sick, v.extra_births, v.hired, v.lent, v.seed),
            (0.0, 0.0, 0, 0, 0)
        );
        let g = Grid::parse("sick = [0.1]").unwrap();
        assert_eq!(g.extra_births, vec![0.0]);
        assert_eq!(g.sick, vec![0.1]);
    }

    #[test]
    fn variants_enumerate_with_the_last_axis_fastest() {
        let g = Grid::parse("sick = [0.0, 0.2]\nmeasures = [\"none\", \"all\"]\nseeds = [7, 8, 9]")
            .unwrap();
        let v = g.variants();
        assert_eq!(v.len(), 12);
        assert_eq!(g.len(), 12);
        assert!(v.iter().enumerate().all(|(i, x)| x.index == i));
        let key: Vec<(f64, String, u64)> = v
            .iter()
            .map(|x| (x.sick, x.measures.to_string(), x.seed))
            .collect();
        assert_eq!(key[0], (0.0, "none".into(), 7));
        assert_eq!(key[1], (0.0, "none".into(), 8));
        assert_eq!(key[3], (0.0, "all".into(), 7));
        assert_eq!(key[6], (0.2, "none".into(), 7));
        assert_eq!(key[11], (0.2, "all".into(), 9));
    }

    #[test]
    fn columns_are_stable_strings() {
        let g = Grid::parse(FULL).unwrap();
        let v = g
            .variants()
            .into_iter()
            .find(|v| {
                v.sick == 0.15
                    && v.extra_births == 10.0
                    && v.measures.to_string() == "M-COMBINED+M-FLEX"
                    && v.time_limit == Some(30.0)
            })
            .unwrap();
        let cols = v.columns();
        let names: Vec<&str> = cols.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            names,
            [
                "sick",
                "extra_births",
                "measures",
                "hired",
                "lent",
                "pool_scope",
                "time_limit",
                "seed"
            ]
        );
        assert_eq!(cols[0].1, "0.15");
        assert_eq!(cols[1].1, "10");
        assert_eq!(cols[2].1, "M-COMBINED+M-FLEX");
        assert_eq!(cols[5].1, "base");
        assert_eq!(cols[6].1, "30");
        assert_eq!(Grid::default().variants()[0].columns()[6].1, "");
    }

    #[test]
    fn variants_round_trip_through_json() {
        for v in Grid::parse(FULL).unwrap().variants().iter().take(200) {
            let text = serde_json::to_string(v).unwrap();
            let back: Variant = serde_json::from_str(&text).unwrap();
            assert_eq!(&back, v);
        }
        let v = &Grid::parse("measures = [\"M-FLEX+M-KIO\"]\npool_scope = [\"provider\"]")
            .unwrap()
            .variants()[0];
        let text = serde_json::to_string(v).unwrap();
        assert!(text.contains(r#""measures":"M-FLEX+M-KIO""#), "{text}");
        assert!(text.contains(r#""pool_scope":"provider""#), "{text}");
    }

    #[test]
    fn unknown_key_is_named_with_a_suggestion() {
        assert_names(
            "seed = [1]",
            &[
                "unknown key `seed`",
                "did you mean `seeds`?",
                "the keys are",
            ],
        );
        assert_names("colour = [1]", &["unknown key `colour`"]);
    }

    #[test]
    fn single_values_and_empty_lists_are_rejected() {
        assert_names(
            "sick = 0.1",
            &["`sick` = 0.1 is not a list", "sick = [0.1]"],
        );
        assert_names(
            "hired = []",
            &["`hired` is an empty list", "leave `hired` out"],
        );
    }

    #[test]
    fn wrong_types_are_rejected() {
        assert_names(
            "sick = [\"10%\"]",
            &["`sick` value \"10%\" is not a number"],
        );
        assert_names(
            "hired = [2.5]",
            &["`hired` value 2.5 is not a whole number"],
        );
        assert_names(
            "seeds = [\"a\"]",
            &["`seeds` value \"a\" is not a whole number"],
        );
        assert_names("measures = [3]", &["`measures` value 3 is not a string"]);
        assert_names(
            "pool_scope = [true]",
            &["`pool_scope` value true is not a string"],
        );
    }

    #[test]
    fn duplicates_are_rejected() {
        assert_names(
            "sick = [0.1, 0.2, 0.1]",
            &["`sick` lists 0.1 twice", "remove the duplicate"],
        );
        assert_names(
            "extra_births = [10, 10.0]",
            &["`extra_births` lists 10 twice"],
        );
        assert_names("hired = [0, 0]", &["`hired` lists 0 twice"]);
        assert_names("lent = [3, 3]", &["`lent` lists 3 twice"]);
        assert_names("seeds = [1, 1]", &["`seeds` lists 1 twice"]);
        assert_names("time_limit = [5, 5]", &["`time_limit` lists 5 twice"]);
        assert_names(
            "pool_scope = [\"base\", \"base\"]",
            &["`pool_scope` lists base twice"],
        );
        assert_names(
            "measures = [\"M-FLEX+M-COMBINED\", \"M-COMBINED+M-FLEX\"]",
            &["`measures` lists M-COMBINED+M-FLEX twice"],
        );
        assert_names(
            "measures = [\"M-FLEX+M-FLEX\"]",
            &["M-FLEX+M-FLEX", "M-FLEX is listed twice"],
        );
    }

    #[test]
    fn out_of_range_values_are_rejected() {
        assert_names(
            "sick = [1.0]",
            &["`sick` value 1 is out of range", "[0, 1)"],
        );
        assert_names("sick = [-0.1]", &["`sick` value -0.1 is out of range"]);
        assert_names("sick = [nan]", &["`sick` value NaN is out of range"]);
        assert_names(
            "extra_births = [201]",
            &["`extra_births` value 201 is out of range", "[0, 200]"],
        );
        assert_names(
            "extra_births = [-5]",
            &["`extra_births` value -5 is out of range"],
        );
        assert_names(
            "hired = [1001]",
            &["`hired` value 1001 is out of range", "0–1000"],
        );
        assert_names("lent = [-1]", &["`lent` value -1 is out of range"]);
        assert_names(
            "time_limit = [0]",
            &["`time_limit` value 0 is out of range", "above 0"],
        );
        assert_names(
            "time_limit = [inf]",
            &["`time_limit` value inf is out of range"],
        );
        assert_names("seeds = [-3]", &["`seeds` value -3 is out of range"]);
        // The limits themselves are accepted.
        let g =
            Grid::parse("sick = [0.0, 0.99]\nextra_births = [200]\nhired = [1000]\nlent = [1000]")
                .unwrap();
        assert_eq!(g.hired, vec![1000]);
    }

    #[test]
    fn unknown_measures_and_scopes_are_rejected() {
        assert_names(
            "measures = [\"M-COMBINED+M-FLEXX\"]",
            &[
                "`measures` value \"M-COMBINED+M-FLEXX\"",
                "unknown measure `M-FLEXX`",
                "did you mean M-FLEX?",
                "M-WAITLIST",
            ],
        );
        assert_names("measures = [\"\"]", &["`measures` value \"\"", "empty"]);
        assert_names(
            "measures = [\"M-FLEX+\"]",
            &["`measures` value \"M-FLEX+\"", "empty"],
        );
        assert_names(
            "measures = [\"Base\"]",
            &["`measures` value \"Base\"", "unknown measure `Base`"],
        );
        assert_names(
            "pool_scope = [\"region\"]",
            &[
                "`pool_scope` value \"region\" is not a scope",
                "\"regional\"",
            ],
        );
    }

    #[test]
    fn too_many_variants_are_rejected() {
        let seeds: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        let text = format!(
            "seeds = [{}]\nhired = [{}]",
            seeds.join(","),
            (0..101)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_names(
            &text,
            &[
                "101000 variants",
                "more than 100000",
                "hired 101 × seeds 1000",
            ],
        );
        let text = format!(
            "seeds = [{}]\nhired = [{}]",
            seeds.join(","),
            (0..100)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(Grid::parse(&text).unwrap().len(), 100_000);
    }

    #[test]
    fn issue11_huge_grid_is_refused_before_the_duplicate_check() {
        // Two axes of a million values each: refused from the list lengths
        // (the product, 10¹², checked without overflow), with duplicates
        // in them that are never looked at.
        let million = vec!["1"; 1_000_000].join(",");
        let text = format!(
            "seeds = [{million}]\nsick = [{}]",
            vec!["0.5"; 1_000_000].join(",")
        );
        assert_names(
            &text,
            &[
                "1000000000000 variants",
                "more than 100000",
                "sick 1000000 × seeds 1000000",
            ],
        );
        // Eight axes of 2⁸ values: 2⁶⁴ variants, no overflow.
        let axis = (0..256)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let text = KEYS
            .iter()
            .map(|k| format!("{k} = [{axis}]"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_names(&text, &["variants", "more than 100000"]);
    }

    #[test]
    fn issue11_duplicate_check_is_linear() {
        // 100,000 distinct seeds (the largest grid) pass; a duplicate at
        // the end is found. Quadratic, this would be 5·10⁹ comparisons.
        let seeds: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
        let text = format!("seeds = [{}]", seeds.join(","));
        assert_eq!(Grid::parse(&text).unwrap().len(), 100_000);
        let text = format!("seeds = [{},7]", seeds[..99_999].join(","));
        assert_names(&text, &["`seeds` lists 7 twice"]);
        assert_names("sick = [0.0, -0.0]", &["`sick` lists -0 twice"]);
        assert_names(
            "measures = [\"M-FLEX+M-KIO\", \"M-KIO+M-FLEX\"]",
            &["`measures` lists M-KIO+M-FLEX twice"],
        );
    }

    #[test]
    fn issue11_time_limit_1e308_is_rejected() {
        for bad in ["1e308", "1e20", "604801", "inf", "nan", "-1", "0"] {
            assert_names(
                &format!("time_limit = [{bad}]"),
                &[
                    &format!(
                        "`time_limit` value {} is out of range",
                        if bad == "nan" { "NaN" } else { bad }
                    ),
                    "604800 (one week)",
                ],
            );
        }
        assert_eq!(
            Grid::parse("time_limit = [604800]").unwrap().time_limit,
            vec![Some(604_800.0)]
        );
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let msg = err("sick = [0.1]\nseeds = [1, 2\nhired = [0]\n");
        assert!(msg.starts_with("TOML syntax error at line "), "{msg}");
        let line: usize = msg["TOML syntax error at line ".len()..]
            .split(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((2..=3).contains(&line), "{msg}");
        let msg = err("sick = [0.1]\n\nmeasures = [base]\n");
        assert!(
            msg.starts_with("TOML syntax error at line 3, column "),
            "{msg}"
        );
    }

    #[test]
    fn read_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grid.toml");
        std::fs::write(&path, "sick = [2]\n").unwrap();
        let msg = Grid::read(&path).unwrap_err().to_string();
        assert!(msg.starts_with(&path.display().to_string()), "{msg}");
        assert!(msg.contains("`sick` value 2 is out of range"), "{msg}");
        let missing = dir.path().join("nope.toml");
        let msg = Grid::read(&missing).unwrap_err().to_string();
        assert!(
            msg.contains("cannot read") && msg.contains("nope.toml"),
            "{msg}"
        );
        std::fs::write(&path, "seeds = [4, 5]\n").unwrap();
        assert_eq!(Grid::read(&path).unwrap().seeds, vec![4, 5]);
    }
}
