//! Checks of the kraamcentrum (M-KRAAMCENTRUM).

use super::*;

/// Smallest and largest `kraamcentrum.size`: two families make a centre worth
/// a nurse's day; a dozen is more than one nurse can keep at the floor.
pub const SIZE_RANGE: (u32, u32) = (2, 12);
/// Most families at the centre at once on a day (`kraamcentrum.beds`).
pub const MAX_BEDS: u32 = 200;

/// V-KRAAMCENTRUM: M-KRAAMCENTRUM needs a `kraamcentrum`, and its fields hold
/// values a centre can have.
pub(super) fn check_kraamcentrum(input: &Input, out: &mut Vec<Issue>) {
    const CODE: &str = "V-KRAAMCENTRUM";
    let s = input.s;
    let measure = RuleId::MKraamcentrum.id();
    let Some(k) = &s.kraamcentrum else {
        if let Some(j) = s.measures.iter().position(|m| m == measure) {
            out.push(error(
                CODE,
                format!("measures[{j}]"),
                measure,
                format!("measure {measure} is listed but the scenario has no `kraamcentrum`"),
                "add `kraamcentrum` with its `size` and `location`, or remove the measure",
            ));
        }
        return;
    };
    let (lo, hi) = SIZE_RANGE;
    if !(lo..=hi).contains(&k.size) {
        out.push(error(
            CODE,
            "kraamcentrum.size",
            k.size,
            format!(
                "kraamcentrum size {} is outside {lo}–{hi} families per nurse a day",
                k.size
            ),
            format!("give the families one nurse keeps at the floor at the centre, {lo} to {hi}"),
        ));
    }
    if let Some(b) = k.beds {
        if b < k.size.max(1) || b > MAX_BEDS {
            out.push(error(
                CODE,
                "kraamcentrum.beds",
                b,
                format!(
                    "kraamcentrum beds {b} is outside {}–{MAX_BEDS} (at least the size {})",
                    k.size.max(1),
                    k.size
                ),
                "give the families the centre holds on a day, at least `size`, or leave it out (= size)",
            ));
        }
    }
    let max_day = s.rules.max_nurse_hours_per_day();
    if let Some(h) = k.hours_per_day {
        if h < 3 || h > max_day {
            out.push(error(
                CODE,
                "kraamcentrum.hours_per_day",
                h,
                format!(
                    "a centre day of {h} h is outside 3–{max_day} (the rules' max_nurse_hours_per_day)"
                ),
                format!("give the nurse's hours on a centre day, 3 to {max_day}, or leave it out (= 8)"),
            ));
        }
    } else if crate::scenario::KRAAMCENTRUM_HOURS > max_day {
        out.push(error(
            CODE,
            "kraamcentrum.hours_per_day",
            "",
            format!(
                "the default centre day of {} h exceeds max_nurse_hours_per_day {max_day}",
                crate::scenario::KRAAMCENTRUM_HOURS
            ),
            format!("set kraamcentrum.hours_per_day to at most {max_day}"),
        ));
    }
    let [lat, lon] = k.location;
    if !lat.is_finite() || !lon.is_finite() || !in_netherlands(k.location) {
        out.push(error(
            CODE,
            "kraamcentrum.location",
            format!("[{lat}, {lon}]"),
            "the kraamcentrum's location is not in the Netherlands",
            "give [latitude, longitude] in degrees, e.g. [52.09, 5.12]",
        ));
    }
    if let Some(p) = &k.provider {
        if !s.providers.iter().any(|q| &q.id == p) {
            let known: Vec<&str> = s.providers.iter().map(|q| q.id.as_str()).collect();
            out.push(error(
                CODE,
                "kraamcentrum.provider",
                p,
                format!("kraamcentrum provider `{p}` is not a provider of the scenario"),
                ref_fix(
                    p,
                    "provider",
                    &known,
                    "name a provider, or leave it out (any contracted provider)",
                ),
            ));
        }
    }
    if !s.measures.iter().any(|m| m == measure) {
        out.push(warning(
            "V-MEASURE-UNUSED",
            "kraamcentrum",
            "",
            format!(
                "the scenario has a kraamcentrum but does not list {measure}: it is never used"
            ),
            format!("add {measure} to `measures`, or remove `kraamcentrum`"),
        ));
    }
}
