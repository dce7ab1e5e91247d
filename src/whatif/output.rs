//! Writing sweep and forecast tables: CSV and JSON, staged in an
//! [`OutputSet`] so a run's files replace the old ones together, and the
//! fingerprint that tells `merge` whether shards belong together.

use std::path::Path;

use serde::Serialize;

use crate::output::{OutputError, OutputSet, StagedDir};
use crate::scenario::Scenario;

/// A stable fingerprint of a scenario (FNV-1a over its canonical JSON), so
/// shards run from copies of one file on different hosts still match.
pub fn fingerprint(s: &Scenario) -> String {
    let json = serde_json::to_string(s).expect("a scenario serialises");
    format!("{:016x}", fnv1a(json.as_bytes()))
}

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Stage `value` as pretty JSON as `name` in `set`.
pub fn write_json<T: Serialize>(set: &OutputSet, name: &str, value: &T) -> Result<(), OutputError> {
    let mut text = serde_json::to_vec_pretty(value)
        .map_err(std::io::Error::other)
        .map_err(failed(set.shown(), name))?;
    text.push(b'\n');
    set.write(name, &text)
}

/// Stage `header` and `rows` as CSV as `name` in `set`.
pub fn write_csv(
    set: &OutputSet,
    name: &str,
    header: &[String],
    rows: &[Vec<String>],
) -> Result<(), OutputError> {
    let csv = || -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(header).map_err(std::io::Error::other)?;
        for row in rows {
            w.write_record(row).map_err(std::io::Error::other)?;
        }
        w.into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))
    };
    set.write(name, &csv().map_err(failed(set.shown(), name))?)
}

/// Stage scenario `s` as `name` in the staged folder `dir`.
pub fn write_scenario(dir: &StagedDir, name: &str, s: &Scenario) -> Result<(), OutputError> {
    let mut text = serde_json::to_vec_pretty(s)
        .map_err(std::io::Error::other)
        .map_err(failed(dir.shown(), name))?;
    text.push(b'\n');
    dir.write(name, &text)
}

fn failed(dir: &Path, name: &str) -> impl FnOnce(std::io::Error) -> OutputError {
    let path = dir.join(name);
    move |cause| OutputError::Io {
        action: "write",
        path,
        cause,
    }
}

/// A figure with `decimals` decimals, the same on every machine.
pub fn fixed(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}
