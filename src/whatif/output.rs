//! Writing sweep and forecast tables: CSV and JSON, each atomically (a
//! temporary file renamed into place), and the fingerprint that tells
//! `merge` whether shards belong together.

use std::path::Path;

use serde::Serialize;

use crate::plan::write_atomic;
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

/// Write `value` as pretty JSON to `dir/name`, atomically.
pub fn write_json<T: Serialize>(dir: &Path, name: &str, value: &T) -> std::io::Result<()> {
    let mut text = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    text.push(b'\n');
    write_atomic(&dir.join(name), &text)
}

/// Write `header` and `rows` as CSV to `dir/name`, atomically.
pub fn write_csv(
    dir: &Path,
    name: &str,
    header: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(std::io::Error::other)?;
    for row in rows {
        w.write_record(row).map_err(std::io::Error::other)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomic(&dir.join(name), &bytes)
}

/// Write scenario `s` to `dir/name`, atomically; the error names the file.
pub fn write_scenario(dir: &Path, name: &str, s: &Scenario) -> Result<(), String> {
    let path = dir.join(name);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let mut text = serde_json::to_vec_pretty(s).map_err(std::io::Error::other)?;
        text.push(b'\n');
        write_atomic(&path, &text)
    };
    write().map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A figure with `decimals` decimals, the same on every machine.
pub fn fixed(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}
