//! Scenarios as spreadsheets: `kraamplan import` builds a scenario from
//! CSV files, `kraamplan export` writes a scenario as those files, and
//! import of an export gives the same scenario back (`docs/format.md`,
//! "Spreadsheets (CSV)").
//!
//! Planners keep their nurse and family lists in spreadsheets. The files
//! are `providers.csv`, `nurses.csv`, `families.csv`, `pool.csv` (the
//! partus pool's shifts) and `settings.csv` (the scenario's own fields, one
//! `key,value` row each). The conventions:
//!
//! - a column is named as its JSON field, dotted below a nested object
//!   (`history.worked`); `home` (`[lat, lon]`) is two columns, `home.lat`
//!   and `home.lon`;
//! - an empty cell leaves the field out: its default, or `null` for a
//!   family's `provider` (the waiting list);
//! - the delimiter is `,`, or `;` when the header line has a `;` and no
//!   `,` (as Dutch spreadsheets save); list items in one cell are joined by
//!   `;` in a comma-separated file and by `|` in a semicolon-separated one;
//! - numbers take a decimal point or a decimal comma (`2,5`), dates are
//!   `YYYY-MM-DD` (a Dutch `D-M-YYYY` is read too), true/false also as
//!   `ja`/`nee`; quoting follows RFC 4180; UTF-8 with or without BOM;
//! - rows are numbered as a spreadsheet numbers them: the header is row 1.
//!
//! One column table per file ([`columns`]) drives both directions, through
//! the scenario's JSON, so that import and export cannot drift apart.

pub mod cells;
pub mod columns;
pub mod export;
pub mod import;

pub use export::export;
pub use import::{import, Overrides, Report, Source, Sources};

/// Every file an export may write, in order: its own names in an output folder.
pub const FILES: [&str; 5] = [
    columns::PROVIDERS.file,
    columns::NURSES.file,
    columns::FAMILIES.file,
    columns::POOL.file,
    columns::SETTINGS_FILE,
];

#[cfg(test)]
mod tests;
