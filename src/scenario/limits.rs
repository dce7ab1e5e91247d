//! Limits on input, in one place: how large an input file may be, how long
//! a time limit, how many threads or workers, which dates. Hostile or
//! mistaken input (a device as a scenario, `--time-limit 1e20`, a date in
//! the year 262142) gets a clear error naming the value, the limit and the
//! fix instead of a panic, a hang or memory without bound.

use std::fmt;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

/// The largest input file (scenario, plan, grid, shard output) read:
/// 256 MiB. A large region's scenario is about 1 MB.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// The longest time limit, in seconds: one week.
pub const MAX_TIME_LIMIT: f64 = 604_800.0;

/// The most HiGHS threads of one solve (`solve --threads`).
pub const MAX_THREADS: u32 = 256;

/// The most parallel workers of a sweep or forecast (`--jobs`).
pub const MAX_JOBS: usize = 1024;

/// The most runs of one forecast (`--runs`), as many as a sweep's variants.
pub const MAX_RUNS: usize = 100_000;

/// The first year of the supported date range.
pub const FIRST_YEAR: i32 = 1900;

/// The last year of the supported date range.
pub const LAST_YEAR: i32 = 2200;

/// 1900-01-01, the first date a scenario may use.
pub fn first_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("a valid date")
}

/// 2200-12-31, the last date a scenario may use.
pub fn last_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).expect("a valid date")
}

/// Whether `d` lies in the supported range 1900-01-01 … 2200-12-31.
pub fn date_supported(d: NaiveDate) -> bool {
    (first_date()..=last_date()).contains(&d)
}

/// What is wrong with a time limit of `seconds`, if anything.
fn time_limit_problem(seconds: f64) -> Option<&'static str> {
    if seconds.is_finite() && seconds > 0.0 && seconds <= MAX_TIME_LIMIT {
        None
    } else if seconds > MAX_TIME_LIMIT {
        Some("more than the longest time limit")
    } else {
        Some("not a number of seconds above 0")
    }
}

/// A number for a message: `1e308` rather than its 309 digits.
pub fn show_number(x: f64) -> String {
    if x.is_finite() && x != 0.0 && !(1e-6..1e15).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// A time limit in seconds: finite, above 0, at most [`MAX_TIME_LIMIT`].
/// The error names `flag`, the value, the range and an example.
pub fn check_time_limit(flag: &str, seconds: f64) -> Result<f64, String> {
    match time_limit_problem(seconds) {
        None => Ok(seconds),
        Some(why) => Err(format!(
            "{flag} {}: {why} — give seconds above 0 and at most {MAX_TIME_LIMIT} (one week), e.g. {flag} 60",
            show_number(seconds)
        )),
    }
}

/// `clap` value parser of a `--time-limit`-like option: the checks of
/// [`check_time_limit`] (clap adds the flag to the message).
pub fn parse_time_limit(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds — give e.g. 60"))?;
    match time_limit_problem(seconds) {
        None => Ok(seconds),
        Some(why) => Err(format!(
            "{text} s is {why} — give seconds above 0 and at most {MAX_TIME_LIMIT} (one week), e.g. 60"
        )),
    }
}

/// `seconds` as a [`std::time::Duration`], never panicking: a negative or
/// NaN value is zero, one too large for a `Duration` is `None`.
pub fn duration(seconds: f64) -> Option<std::time::Duration> {
    if seconds.is_nan() || seconds <= 0.0 {
        return Some(std::time::Duration::ZERO);
    }
    std::time::Duration::try_from_secs_f64(seconds).ok()
}

/// Why an input file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source} — check the path and permissions")]
    Io {
        /// The path given.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The path is a directory.
    #[error("cannot read {path}: it is a directory — give the path of a file in it")]
    Directory {
        /// The path given.
        path: String,
    },
    /// The file is larger than [`MAX_INPUT_BYTES`].
    #[error("{path}: the file is larger than {} MiB, the most an input file may hold — check that it is the right file (a large region's scenario is about 1 MB)", MAX_INPUT_BYTES / (1024 * 1024))]
    TooLarge {
        /// The path given.
        path: String,
    },
    /// The file is not UTF-8.
    #[error("{path}: {problem}")]
    Encoding {
        /// The path given.
        path: String,
        /// What is wrong, with the fix.
        problem: Encoding,
    },
}

/// How a file's bytes fail to be UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    /// A UTF-16 byte-order mark; `true` for little-endian.
    Utf16 {
        /// Little-endian (`FF FE`) rather than big-endian (`FE FF`).
        little_endian: bool,
    },
    /// A NUL byte: binary data, or UTF-16 without a byte-order mark.
    Nul {
        /// 0-based offset of the first NUL.
        byte: usize,
    },
    /// Not valid UTF-8 (Latin-1 or Windows-1252, usually).
    NotUtf8 {
        /// 0-based offset of the first invalid byte.
        byte: usize,
        /// 1-based line of that byte.
        line: usize,
        /// The byte itself.
        value: u8,
    },
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Encoding::Utf16 { little_endian } => write!(
                f,
                "the file is UTF-16 ({} byte-order mark) — save it as UTF-8",
                if *little_endian {
                    "little-endian"
                } else {
                    "big-endian"
                }
            ),
            Encoding::Nul { byte } => write!(
                f,
                "the file holds a NUL byte at byte {byte}: it is binary, or UTF-16 — save it as UTF-8 text"
            ),
            Encoding::NotUtf8 { byte, line, value } => write!(
                f,
                "the file is not valid UTF-8 at byte {byte} (line {line}, byte 0x{value:02X}; Latin-1 or Windows-1252?) — save the file as UTF-8"
            ),
        }
    }
}

/// Bytes as UTF-8 text: a UTF-8 byte-order mark is dropped; UTF-16, NUL
/// bytes and invalid UTF-8 are an [`Encoding`] problem.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, Encoding> {
    match bytes.as_slice() {
        [0xFF, 0xFE, ..] => {
            return Err(Encoding::Utf16 {
                little_endian: true,
            })
        }
        [0xFE, 0xFF, ..] => {
            return Err(Encoding::Utf16 {
                little_endian: false,
            })
        }
        [0xEF, 0xBB, 0xBF, ..] => {
            bytes.drain(..3);
        }
        _ => {}
    }
    if let Some(byte) = bytes.iter().position(|&b| b == 0) {
        return Err(Encoding::Nul { byte });
    }
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        Encoding::NotUtf8 {
            byte,
            line: bytes[..byte].iter().filter(|&&b| b == b'\n').count() + 1,
            value: bytes[byte],
        }
    })
}

/// Read an input file as UTF-8 text, at most [`MAX_INPUT_BYTES`] of it:
/// `/dev/zero` stops at the cap, a directory is named as one.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    read_text_capped(path, MAX_INPUT_BYTES)
}

/// [`read_text`] with another cap (for tests).
pub fn read_text_capped(path: &Path, cap: u64) -> Result<String, InputError> {
    let name = || path.display().to_string();
    let io = |source| InputError::Io {
        path: name(),
        source,
    };
    if path.is_dir() {
        return Err(InputError::Directory { path: name() });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(InputError::TooLarge { path: name() });
    }
    decode(bytes).map_err(|problem| InputError::Encoding {
        path: name(),
        problem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue11_dev_zero_stops_at_the_cap() {
        // The cap bounds the test: at most 1 MiB + 1 byte is read.
        let e = read_text_capped(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(matches!(e, InputError::TooLarge { .. }), "{e}");
        let msg = e.to_string();
        assert!(
            msg.contains("/dev/zero") && msg.contains("256 MiB"),
            "{msg}"
        );
    }

    #[test]
    fn issue11_dev_urandom_stops_at_the_cap() {
        let e = read_text_capped(Path::new("/dev/urandom"), 1 << 16).unwrap_err();
        assert!(matches!(e, InputError::TooLarge { .. }), "{e}");
    }

    #[test]
    fn issue11_directory_is_named_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text(dir.path()).unwrap_err().to_string();
        assert!(e.contains("cannot read") && e.contains("directory"), "{e}");
    }

    #[test]
    fn issue11_utf8_bom_is_accepted() {
        assert_eq!(decode(b"\xEF\xBB\xBF{}".to_vec()).unwrap(), "{}");
    }

    #[test]
    fn issue11_utf16_is_named() {
        let le = decode(b"\xFF\xFE{\0}\0".to_vec()).unwrap_err().to_string();
        assert!(
            le.contains("UTF-16") && le.contains("save it as UTF-8"),
            "{le}"
        );
        let be = decode(b"\xFE\xFF\0{\0}".to_vec()).unwrap_err().to_string();
        assert!(be.contains("big-endian"), "{be}");
        // Without a byte-order mark: NUL bytes.
        let bare = decode(b"{\0}\0".to_vec()).unwrap_err().to_string();
        assert!(bare.contains("NUL") && bare.contains("UTF-8"), "{bare}");
    }

    #[test]
    fn issue11_latin1_names_the_byte_and_line() {
        // "Jos\xe9" on line 2: é in Latin-1.
        let e = decode(b"{\n\"name\": \"Jos\xe9\"}".to_vec()).unwrap_err();
        assert_eq!(
            e,
            Encoding::NotUtf8 {
                byte: 14,
                line: 2,
                value: 0xE9
            }
        );
        let msg = e.to_string();
        assert!(
            msg.contains("byte 14") && msg.contains("save the file as UTF-8"),
            "{msg}"
        );
    }

    #[test]
    fn issue11_time_limits_beyond_a_week_or_not_positive_are_rejected() {
        for bad in [1e20, 1e308, f64::INFINITY, f64::NAN, -1.0, 0.0, 604_801.0] {
            let e = check_time_limit("--time-limit", bad).unwrap_err();
            assert!(e.contains("--time-limit") && e.contains("604800"), "{e}");
        }
        let e = check_time_limit("--time-limit", 1e20).unwrap_err();
        assert!(e.starts_with("--time-limit 1e20: more than"), "{e}");
        assert_eq!(show_number(0.15), "0.15");
        assert_eq!(show_number(604_800.0), "604800");
        assert_eq!(check_time_limit("--time-limit", 604_800.0), Ok(604_800.0));
        assert!(parse_time_limit("1e20").unwrap_err().contains("one week"));
        assert!(parse_time_limit("soon").is_err());
        assert_eq!(parse_time_limit("60"), Ok(60.0));
    }

    #[test]
    fn issue11_duration_never_panics() {
        assert_eq!(duration(1e20), None);
        assert_eq!(duration(f64::INFINITY), None);
        assert_eq!(duration(f64::NAN), Some(std::time::Duration::ZERO));
        assert_eq!(duration(-3.0), Some(std::time::Duration::ZERO));
        assert_eq!(duration(1.5), Some(std::time::Duration::from_millis(1500)));
    }

    #[test]
    fn supported_dates_are_1900_to_2200() {
        assert!(date_supported(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()));
        assert!(date_supported(
            NaiveDate::from_ymd_opt(2200, 12, 31).unwrap()
        ));
        assert!(!date_supported(
            NaiveDate::from_ymd_opt(1899, 12, 31).unwrap()
        ));
        assert!(!date_supported(
            NaiveDate::from_ymd_opt(2201, 1, 1).unwrap()
        ));
    }
}
