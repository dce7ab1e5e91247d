//! The column tables: one per file, each column named as its JSON field
//! (dotted below a nested object), with its type and whether it is
//! required. Import and export both walk these tables, so the two cannot
//! drift apart; a test holds them to the wire types' JSON Schema.

use crate::scenario::shape::{ARRIVALS, COMPLEXITIES, ROLES, SCOPES, SHIFTS};

/// What a cell holds, and so how it is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, as written.
    Text,
    /// A whole number from 0 to the maximum given.
    Whole(u64),
    /// A number; a decimal comma is read as a decimal point.
    Number,
    /// `true` or `false` (also `yes`/`no`, `ja`/`nee`, `waar`/`onwaar`, `1`/`0`).
    Flag,
    /// A date `YYYY-MM-DD` (Dutch `D-M-YYYY` is read too).
    Date,
    /// One of the values listed (case is ignored).
    Choice(&'static [&'static str]),
    /// A list of texts in one cell.
    Texts,
    /// A list of dates in one cell.
    Dates,
    /// A list of whole numbers in one cell.
    Wholes,
    /// Element `0` or `1` of a JSON array of two numbers: `home` is
    /// `[lat, lon]`, which a spreadsheet holds as two columns.
    Coordinate(usize),
    /// JSON text, for what has no flat form (the events a roll applied).
    Json,
}

impl Kind {
    /// The type as `docs/format.md` names it.
    pub fn describe(self) -> String {
        match self {
            Kind::Text => "text".into(),
            Kind::Whole(max) if max >= u64::from(u32::MAX) => "whole number".into(),
            Kind::Whole(max) => format!("whole number 0–{max}"),
            Kind::Number => "number".into(),
            Kind::Flag => "true/false".into(),
            Kind::Date => "date".into(),
            Kind::Choice(values) => values.join(" / "),
            Kind::Texts => "list of texts".into(),
            Kind::Dates => "list of dates".into(),
            Kind::Wholes => "list of whole numbers".into(),
            Kind::Coordinate(_) => "number (degrees)".into(),
            Kind::Json => "JSON".into(),
        }
    }

    /// A list: its items are joined in one cell.
    pub fn is_list(self) -> bool {
        matches!(self, Kind::Texts | Kind::Dates | Kind::Wholes)
    }
}

/// One column of a file, or one key of `settings.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header (or key), e.g. `history.worked` or `home.lat`.
    pub name: &'static str,
    /// The JSON field below the row's object (below the scenario for
    /// `settings.csv`), dotted: `history.worked`; for a coordinate the array.
    pub path: &'static str,
    /// What the cell holds.
    pub kind: Kind,
    /// A row without it is an error (the JSON field has no default).
    pub required: bool,
}

const fn col(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        path: name,
        kind,
        required: false,
    }
}

const fn req(name: &'static str, kind: Kind) -> Column {
    Column {
        required: true,
        ..col(name, kind)
    }
}

const fn coord(name: &'static str, index: usize) -> Column {
    Column {
        name,
        path: "home",
        kind: Kind::Coordinate(index),
        required: true,
    }
}

const WHOLE: Kind = Kind::Whole(u32::MAX as u64);

/// One file: its name, the list of the scenario its rows are, its columns.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    /// The file name, e.g. `nurses.csv`.
    pub file: &'static str,
    /// The JSON path of the list, e.g. `nurses` or `partus_pool.shifts`.
    pub list: &'static str,
    /// The columns, in the order export writes them.
    pub columns: &'static [Column],
}

/// `providers.csv`: one row per provider.
pub const PROVIDERS: Sheet = Sheet {
    file: "providers.csv",
    list: "providers",
    columns: &[
        req("id", Kind::Text),
        col("name", Kind::Text),
        col("contracted", Kind::Flag),
        col("ksv_member", Kind::Flag),
        col("freelancer", Kind::Flag),
    ],
};

/// `nurses.csv`: one row per nurse.
pub const NURSES: Sheet = Sheet {
    file: "nurses.csv",
    list: "nurses",
    columns: &[
        req("id", Kind::Text),
        req("provider", Kind::Text),
        col("role", Kind::Choice(ROLES)),
        col("contract_min", WHOLE),
        req("contract_max", WHOLE),
        coord("home.lat", 0),
        coord("home.lon", 1),
        col("off", Kind::Dates),
        col("partus", Kind::Flag),
        col("consent", Kind::Texts),
        col("history.worked", Kind::Dates),
        col("history.oncall", Kind::Dates),
        col("history.oncall_nights", Kind::Dates),
        col("history.weekly_hours", Kind::Wholes),
        col("history.current_week_hours", WHOLE),
    ],
};

/// `families.csv`: one row per family. An empty `provider` is the
/// regional waiting list (`null` in JSON), so the column is required but
/// its cells are not.
pub const FAMILIES: Sheet = Sheet {
    file: "families.csv",
    list: "families",
    columns: &[
        req("id", Kind::Text),
        Column {
            required: false,
            ..req("provider", Kind::Text)
        },
        req("care_start", Kind::Date),
        col("due", Kind::Date),
        col("care_days", WHOLE),
        req("indicated_hours", WHOLE),
        col("delivered_before", WHOLE),
        col("hospital", Kind::Dates),
        col("complexity", Kind::Choice(COMPLEXITIES)),
        col("priority", Kind::Whole(u8::MAX as u64)),
        coord("home.lat", 0),
        coord("home.lon", 1),
        col("known_nurses", Kind::Texts),
        col("arrival", Kind::Choice(ARRIVALS)),
        col("insurer", Kind::Text),
    ],
};

/// `pool.csv`: one row per partus-pool shift with a requirement.
pub const POOL: Sheet = Sheet {
    file: "pool.csv",
    list: "partus_pool.shifts",
    columns: &[
        req("date", Kind::Date),
        req("shift", Kind::Choice(SHIFTS)),
        req("required", WHOLE),
    ],
};

/// Every file of rows, in the order they are read and written.
pub const SHEETS: [Sheet; 4] = [PROVIDERS, NURSES, FAMILIES, POOL];

/// Which columns a sheet must have in its header (the families' `provider`
/// too: a missing column would put every family on the waiting list).
pub fn header_required(sheet: &Sheet, column: &Column) -> bool {
    column.required || (sheet.file == FAMILIES.file && column.name == "provider")
}

/// The allocation policies, as `rules.policy` takes them.
pub const POLICIES: &[&str] = &["normenkader", "utilitarian", "proportional", "first-come"];

/// `settings.csv`: the scenario's own fields, one `key,value` row each.
pub const SETTINGS_FILE: &str = "settings.csv";

/// The keys of `settings.csv`: JSON paths from the scenario. `start` and
/// `days` are required unless given on the command line.
pub const SETTINGS: &[Column] = &[
    col("name", Kind::Text),
    col("start", Kind::Date),
    col("days", WHOLE),
    col("measures", Kind::Texts),
    col("rules.max_nurse_hours_per_day", WHOLE),
    col("rules.max_family_hours_per_day", WHOLE),
    col("rules.max_hours_per_week", WHOLE),
    col("rules.max_avg_hours_4w", WHOLE),
    col("rules.max_avg_hours_16w", WHOLE),
    col("rules.max_travel_km", Kind::Number),
    col("rules.travel_kmh", Kind::Number),
    col("rules.rest_days_between_episodes", WHOLE),
    col("rules.weekly_rest", Kind::Flag),
    col("rules.max_oncall_days_4w", WHOLE),
    col("rules.oncall_counts_as_work", Kind::Flag),
    col("rules.min_visit_hours", WHOLE),
    col("rules.policy", Kind::Choice(POLICIES)),
    col("partus_pool.scope", Kind::Choice(SCOPES)),
    col("partus_pool.expected_pa_per_day", Kind::Number),
    col("partus_pool.pa_hours", Kind::Number),
    col("partus_pool.max_blocking", Kind::Number),
    col("partus_pool.min_on_call", WHOLE),
    col("events", Kind::Json),
];
