//! The one-line reasons of `weeks[].why`, rendered from the plan's own
//! figures: the rungs of `escalation[]` and the final plan's families.
//!
//! The ladder writes them and the checker renders them again from the same
//! wire data, so a reason can never say more, or other, than the figures a
//! reader can check; the text is a rendering, not a separate claim.

use crate::plan::RungOutcome;

/// "1 family", "3 families".
pub fn families(n: u32) -> String {
    if n == 1 {
        "1 family".into()
    } else {
        format!("{n} families")
    }
}

/// "tier1: M-COMBINED, M-FLEX allowed; used: M-FLEX".
fn measures(r: &RungOutcome) -> String {
    let allowed = if r.measures.is_empty() {
        "none allowed".to_string()
    } else {
        format!("{} allowed", r.measures.join(", "))
    };
    let used = if r.used.is_empty() {
        "none used".to_string()
    } else {
        format!("used: {}", r.used.join(", "))
    };
    format!("{}: {allowed}; {used}", r.rung)
}

/// The line on provider `id`'s non-green `colour` in a week, from its rungs
/// and, for zwart, its own families below the floor in that week in the
/// final plan (id and shortfall); `None` for groen or a colour the rungs
/// cannot explain (no rung at all).
pub fn provider_line(
    id: &str,
    colour: &str,
    rungs: &[RungOutcome],
    own_below: &[(&str, u32)],
) -> Option<String> {
    let alone = rungs.first();
    let last = rungs.last();
    match colour {
        "oranje" => {
            let last = last?;
            Some(if last.rung == "alone" {
                format!(
                    "{id} oranje: on its own {} short of the full indication by {} h; the floor holds without measures",
                    families(last.not_full_families),
                    last.not_full_hours
                )
            } else {
                format!(
                    "{id} oranje: {} below the floor on its own without measures ({} h short), none with measures ({})",
                    families(alone.map_or(0, |r| r.families_below_floor)),
                    alone.map_or(0, |r| r.shortfall_hours),
                    measures(last)
                )
            })
        }
        "rood" => {
            let last = last?;
            Some(format!(
                "{id} rood: on its own {} stay below the floor even with measures ({}), {} h short; its families go to the regional waiting list",
                families(last.families_below_floor),
                measures(last),
                last.shortfall_hours
            ))
        }
        "zwart" => {
            let short: u32 = own_below.iter().map(|(_, s)| s).sum();
            let ids: Vec<&str> = own_below.iter().map(|(f, _)| *f).collect();
            Some(format!(
                "{id} zwart: {} of its own below the floor after redistribution ({}), {short} h short",
                families(ids.len() as u32),
                ids.join(", ")
            ))
        }
        _ => None,
    }
}

/// The line on the region's rood or zwart code: the families below the
/// floor in the week (zwart), how many families the final plan serves
/// across providers (`moved`, under M-LENDING or M-WAITLIST) and by nurses
/// of how many providers, and whether the region rung was solved at all.
pub fn region_line(
    colour: &str,
    below: &[(&str, u32)],
    moved: u32,
    providers_helping: u32,
    region: bool,
) -> Option<String> {
    let rung = if region {
        format!(
            "{} served across providers, by nurses of {providers_helping} providers (lending, waiting list)",
            families(moved)
        )
    } else {
        "no regional rung was needed".to_string()
    };
    match colour {
        "zwart" => {
            let short: u32 = below.iter().map(|(_, s)| s).sum();
            Some(format!(
                "region zwart: {} below the floor after redistribution, {short} h short; {rung}",
                families(below.len() as u32)
            ))
        }
        "rood" => Some(format!(
            "region rood: care redistributed over the region; {rung}"
        )),
        _ => None,
    }
}
