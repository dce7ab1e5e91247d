//! Reading one axis of a grid: the list, its values' kinds and ranges,
//! duplicates, and the size of the grid.

use super::*;

/// The values of axis `key`, each converted by `convert`; `None` when the
/// key is absent.
pub(super) fn list<T>(
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
pub(super) fn too_large(lengths: &[(&str, usize)]) -> Result<(), GridError> {
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
pub(super) fn check<T: Number + fmt::Display>(
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
pub(super) trait Number {
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
        crate::scenario::limits::show_number(*self)
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
pub(super) fn unique_by<T: fmt::Display, K: std::hash::Hash + Eq>(
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

pub(super) fn number(key: &'static str, v: &toml::Value) -> Result<f64, GridError> {
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

pub(super) fn count(key: &'static str, v: &toml::Value) -> Result<u32, GridError> {
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

pub(super) fn seed(key: &'static str, v: &toml::Value) -> Result<u64, GridError> {
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

pub(super) fn measure(key: &'static str, v: &toml::Value) -> Result<MeasureChoice, GridError> {
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

pub(super) fn pool(key: &'static str, v: &toml::Value) -> Result<PoolChoice, GridError> {
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

/// A `policy` value: one of the allocation policies by name.
pub(super) fn policy(
    key: &'static str,
    v: &toml::Value,
) -> Result<crate::domain::policy::Policy, GridError> {
    match v {
        toml::Value::String(s) => s.parse().map_err(|message: String| GridError::BadPolicy {
            value: v.to_string(),
            message,
        }),
        _ => Err(GridError::WrongType {
            key,
            value: v.to_string(),
            expected: "a string",
            fix: "write e.g. [\"normenkader\", \"utilitarian\", \"proportional\", \"first-come\"]",
        }),
    }
}
