//! The wire types' field names, kept by hand for suggestions and ordering
//! (a test holds them to `scenario/mod.rs`).

/// The object kinds of the format, for field names and suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Obj {
    Scenario,
    Rules,
    Provider,
    Nurse,
    History,
    Family,
    Pool,
    Shift,
    Kraamcentrum,
    Other,
}

pub(super) const SCENARIO_FIELDS: &[&str] = &[
    "format",
    "name",
    "start",
    "days",
    "rules",
    "measures",
    "providers",
    "nurses",
    "families",
    "partus_pool",
    "kraamcentrum",
];
pub(super) const RULES_FIELDS: &[&str] = &[
    "max_nurse_hours_per_day",
    "max_family_hours_per_day",
    "max_hours_per_week",
    "max_avg_hours_4w",
    "max_avg_hours_16w",
    "max_travel_km",
    "travel_kmh",
    "rest_days_between_episodes",
    "weekly_rest",
    "max_oncall_days_4w",
    "oncall_counts_as_work",
    "min_visit_hours",
    "policy",
];
pub(super) const PROVIDER_FIELDS: &[&str] =
    &["id", "name", "contracted", "ksv_member", "freelancer"];
pub(super) const NURSE_FIELDS: &[&str] = &[
    "id",
    "provider",
    "role",
    "contract_min",
    "contract_max",
    "home",
    "off",
    "partus",
    "consent",
    "history",
];
pub(super) const HISTORY_FIELDS: &[&str] = &[
    "worked",
    "oncall",
    "oncall_nights",
    "weekly_hours",
    "current_week_hours",
];
pub(super) const FAMILY_FIELDS: &[&str] = &[
    "id",
    "provider",
    "care_start",
    "due",
    "care_days",
    "indicated_hours",
    "delivered_before",
    "hospital",
    "complexity",
    "arrival",
    "priority",
    "home",
    "known_nurses",
    "insurer",
];
pub(super) const POOL_FIELDS: &[&str] = &[
    "scope",
    "shifts",
    "expected_pa_per_day",
    "pa_hours",
    "max_blocking",
    "min_on_call",
];
pub(super) const SHIFT_FIELDS: &[&str] = &["date", "shift", "required"];
pub(super) const KRAAMCENTRUM_FIELDS: &[&str] =
    &["size", "beds", "location", "hours_per_day", "provider"];

impl Obj {
    pub(super) fn fields(self) -> &'static [&'static str] {
        match self {
            Obj::Scenario => SCENARIO_FIELDS,
            Obj::Rules => RULES_FIELDS,
            Obj::Provider => PROVIDER_FIELDS,
            Obj::Nurse => NURSE_FIELDS,
            Obj::History => HISTORY_FIELDS,
            Obj::Family => FAMILY_FIELDS,
            Obj::Pool => POOL_FIELDS,
            Obj::Shift => SHIFT_FIELDS,
            Obj::Kraamcentrum => KRAAMCENTRUM_FIELDS,
            Obj::Other => &[],
        }
    }

    /// Kind of the value of field `name` (of its elements, for lists).
    pub(super) fn child(self, name: &str) -> Obj {
        match (self, name) {
            (Obj::Scenario, "rules") => Obj::Rules,
            (Obj::Scenario, "providers") => Obj::Provider,
            (Obj::Scenario, "nurses") => Obj::Nurse,
            (Obj::Scenario, "families") => Obj::Family,
            (Obj::Scenario, "partus_pool") => Obj::Pool,
            (Obj::Scenario, "kraamcentrum") => Obj::Kraamcentrum,
            (Obj::Nurse, "history") => Obj::History,
            (Obj::Pool, "shifts") => Obj::Shift,
            _ => Obj::Other,
        }
    }
}
