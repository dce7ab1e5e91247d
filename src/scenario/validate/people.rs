//! Checks of ids, references, nurses' contracts, roles, places, days off
//! and history.

use super::*;
use crate::domain::rules::RuleId;

/// V-DUP-ID: ids must be unique and non-empty, or references become ambiguous.
pub(super) fn check_ids(input: &Input, out: &mut Vec<Issue>) {
    let s = input.s;
    dup_ids(
        "providers",
        "provider",
        s.providers.iter().map(|p| p.id.as_str()),
        out,
    );
    dup_ids(
        "nurses",
        "nurse",
        s.nurses.iter().map(|n| n.id.as_str()),
        out,
    );
    dup_ids(
        "families",
        "family",
        s.families.iter().map(|f| f.id.as_str()),
        out,
    );
}

pub(super) fn dup_ids<'a>(
    list: &str,
    kind: &str,
    ids: impl Iterator<Item = &'a str>,
    out: &mut Vec<Issue>,
) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        let field = format!("{list}[{i}].id");
        if id.trim().is_empty() {
            out.push(error(
                "V-DUP-ID",
                field,
                format!("{id:?}"),
                format!("{list}[{i}] has an empty id"),
                format!("give every {kind} a unique, non-empty id"),
            ));
        } else if let Some(j) = first.get(id) {
            out.push(error(
                "V-DUP-ID",
                field,
                id,
                format!("{kind} id {id} is used twice: {list}[{j}] and {list}[{i}]"),
                format!("give every {kind} a unique id"),
            ));
        } else {
            first.insert(id, i);
        }
    }
}

/// V-REF: references to providers and nurses must resolve.
pub(super) fn check_refs(input: &Input, out: &mut Vec<Issue>) {
    let s = input.s;
    let providers: Vec<&str> = s.providers.iter().map(|p| p.id.as_str()).collect();
    let nurses: Vec<&str> = s.nurses.iter().map(|n| n.id.as_str()).collect();
    for (i, n) in s.nurses.iter().enumerate() {
        if !providers.contains(&n.provider.as_str()) {
            out.push(error(
                "V-REF",
                format!("nurses[{i}].provider"),
                &n.provider,
                format!(
                    "nurse {} names provider `{}`, which is not in `providers`",
                    id(&n.id),
                    n.provider
                ),
                ref_fix(&n.provider, "provider", &providers, "add it to `providers`"),
            ));
        }
    }
    for (i, f) in s.families.iter().enumerate() {
        if let Some(p) = f.provider.as_deref().filter(|p| !providers.contains(p)) {
            out.push(error(
                "V-REF",
                format!("families[{i}].provider"),
                p,
                format!(
                    "family {} names provider `{p}`, which is not in `providers`",
                    id(&f.id)
                ),
                ref_fix(
                    p,
                    "provider",
                    &providers,
                    "add it to `providers`, or use null for the waiting list",
                ),
            ));
        }
        for (k, j, n) in duplicates(&f.known_nurses) {
            out.push(error(
                "V-REF",
                format!("families[{i}].known_nurses[{j}]"),
                n,
                format!(
                    "family {}: known nurse {n} is listed twice: known_nurses[{k}] and known_nurses[{j}]",
                    id(&f.id)
                ),
                "remove the duplicate",
            ));
        }
        for (j, k) in f.known_nurses.iter().enumerate() {
            if !nurses.contains(&k.as_str()) {
                out.push(error(
                    "V-REF",
                    format!("families[{i}].known_nurses[{j}]"),
                    k,
                    format!("family {}: known nurse `{k}` is not in `nurses`", id(&f.id)),
                    ref_fix(k, "nurse", &nurses, "remove it or add the nurse"),
                ));
            }
        }
    }
}

/// V-CONTRACT: contract hours consistent and within the weekly ATW limit.
pub(super) fn check_contracts(input: &Input, out: &mut Vec<Issue>) {
    // An out-of-range rule is reported by check_rules; fall back to the
    // default so one bad rule does not flag every nurse.
    let week_max = input
        .s
        .rules
        .max_hours_per_week
        .filter(|v| (1..=60).contains(v))
        .unwrap_or(defaults::MAX_HOURS_PER_WEEK);
    for (i, n) in input.s.nurses.iter().enumerate() {
        let nid = id(&n.id);
        if n.contract_min > n.contract_max {
            out.push(error(
                "V-CONTRACT",
                format!("nurses[{i}].contract_min"),
                n.contract_min,
                format!(
                    "nurse {nid}: contract_min {} > contract_max {}",
                    n.contract_min, n.contract_max
                ),
                "swap or correct the values",
            ));
        }
        if n.contract_max > week_max {
            out.push(error(
                "V-CONTRACT",
                format!("nurses[{i}].contract_max"),
                n.contract_max,
                format!(
                    "nurse {nid}: contract_max {} exceeds max_hours_per_week {week_max} ({})",
                    n.contract_max,
                    RuleId::AtwWeekMax
                ),
                format!("use at most {week_max} hours"),
            ));
        } else if n.contract_max == 0 {
            out.push(warning(
                "V-CONTRACT",
                format!("nurses[{i}].contract_max"),
                0,
                format!("nurse {nid}: contract_max 0 means she is never planned"),
                "give her contract hours, or leave her out of the scenario",
            ));
        }
    }
}

/// V-ROLE (warning): KIO and office staff are planned only under their measure.
pub(super) fn check_roles(input: &Input, out: &mut Vec<Issue>) {
    for (i, n) in input.s.nurses.iter().enumerate() {
        let (measure, role) = match n.role {
            Role::Nurse => continue,
            Role::Kio => ("M-KIO", "kio"),
            Role::OfficeQualified => ("M-OFFICE", "office_qualified"),
        };
        if !allows(input.s, measure) {
            out.push(warning(
                "V-ROLE",
                format!("nurses[{i}].role"),
                role,
                format!(
                    "nurse {} has role {role} but {measure} is not allowed: she will not be planned",
                    id(&n.id)
                ),
                format!("add {measure} to `measures` if she may work"),
            ));
        }
    }
}

/// V-COORD: homes must lie in the Netherlands; swapped `[lon, lat]` is the usual slip.
pub(super) fn check_coordinates(input: &Input, out: &mut Vec<Issue>) {
    let s = input.s;
    let homes = s
        .nurses
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                format!("nurses[{i}].home"),
                format!("nurse {}", id(&n.id)),
                n.home,
            )
        })
        .chain(s.families.iter().enumerate().map(|(i, f)| {
            (
                format!("families[{i}].home"),
                format!("family {}", id(&f.id)),
                f.home,
            )
        }));
    for (field, who, home) in homes {
        if in_netherlands(home) {
            continue;
        }
        let fix = if in_netherlands([home[1], home[0]]) {
            "looks like [lon, lat] — swap the two numbers".to_string()
        } else {
            "give [lat, lon] in WGS84 degrees, e.g. [52.09, 5.12] for Utrecht".to_string()
        };
        out.push(error(
            "V-COORD",
            field,
            format!("[{}, {}]", home[0], home[1]),
            format!("home of {who} lies outside the Netherlands"),
            fix,
        ));
    }
}

/// V-DATE: days off must lie in the horizon (elsewhere they mean nothing).
pub(super) fn check_off_dates(input: &Input, out: &mut Vec<Issue>) {
    let Some(h) = input.horizon else { return };
    for (i, n) in input.s.nurses.iter().enumerate() {
        for (j, d) in n.off.iter().enumerate() {
            if !h.contains(*d) {
                out.push(error(
                    "V-DATE",
                    format!("nurses[{i}].off[{j}]"),
                    d,
                    format!(
                        "nurse {}: day off {d} is outside the horizon {} … {}",
                        id(&n.id),
                        h.start,
                        h.end
                    ),
                    h.fix(),
                ));
            }
        }
    }
}

/// V-DATE: history lies before `start` and within the 16 weeks any rule reads.
pub(super) fn check_history_dates(input: &Input, out: &mut Vec<Issue>) {
    let start = input.s.start;
    if !limits::date_supported(start) {
        return; // check_date_range reported it; a window around it means nothing
    }
    let earliest = start.checked_sub_days(Days::new(HISTORY_DAYS));
    let latest = start.pred_opt();
    let fix = match (earliest, latest) {
        (Some(a), Some(b)) => format!("use a date between {a} and {b}, or remove it"),
        _ => "remove it".to_string(),
    };
    for (i, n) in input.s.nurses.iter().enumerate() {
        let lists = [
            ("worked", &n.history.worked),
            ("oncall", &n.history.oncall),
            ("oncall_nights", &n.history.oncall_nights),
        ];
        for (name, dates) in lists {
            for (j, d) in dates.iter().enumerate() {
                let why = if *d >= start {
                    format!("is not before start {start}")
                } else if earliest.is_some_and(|e| *d < e) {
                    format!("is more than {HISTORY_DAYS} days before start {start}")
                } else {
                    continue;
                };
                out.push(error(
                    "V-DATE",
                    format!("nurses[{i}].history.{name}[{j}]"),
                    d,
                    format!("nurse {}: history.{name} date {d} {why}", id(&n.id)),
                    fix.clone(),
                ));
            }
        }
    }
}

/// V-DATE: a night shift is an on-call date, so every `history.oncall_nights`
/// date is also in `history.oncall` (ATW-ONCALL-4W and the weekly rest read that list).
pub(super) fn check_history_nights(input: &Input, out: &mut Vec<Issue>) {
    for (i, n) in input.s.nurses.iter().enumerate() {
        let h = &n.history;
        for (j, d) in h.oncall_nights.iter().enumerate() {
            if !h.oncall.contains(d) {
                out.push(error(
                    "V-DATE",
                    format!("nurses[{i}].history.oncall_nights[{j}]"),
                    d,
                    format!(
                        "nurse {}: history.oncall_nights date {d} is not in history.oncall",
                        id(&n.id)
                    ),
                    format!("add {d} to history.oncall (a night on call is an on-call date), or remove it"),
                ));
            }
        }
    }
}

/// V-HOURS: past weekly hours must be physically possible.
pub(super) fn check_history_hours(input: &Input, out: &mut Vec<Issue>) {
    let days_before = input.s.start.weekday().num_days_from_monday();
    for (i, n) in input.s.nurses.iter().enumerate() {
        let nid = id(&n.id);
        let h = &n.history;
        if h.weekly_hours.len() > 52 {
            out.push(error(
                "V-HOURS",
                format!("nurses[{i}].history.weekly_hours"),
                format!("{} entries", h.weekly_hours.len()),
                format!(
                    "nurse {nid}: {} weeks of history given, at most 52 expected",
                    h.weekly_hours.len()
                ),
                "keep only the most recent weeks (16 are used), most recent last",
            ));
        }
        for (k, w) in h.weekly_hours.iter().enumerate() {
            if *w > 168 {
                out.push(error(
                    "V-HOURS",
                    format!("nurses[{i}].history.weekly_hours[{k}]"),
                    w,
                    format!("nurse {nid}: {w} hours in one week, a week has 168"),
                    "correct the value (hours per week, not per month or year)",
                ));
            }
        }
        let cur = h.current_week_hours;
        if cur > 168 {
            out.push(error(
                "V-HOURS",
                format!("nurses[{i}].history.current_week_hours"),
                cur,
                format!("nurse {nid}: current_week_hours {cur} exceeds the 168 hours of a week"),
                "correct the value",
            ));
        } else if cur > 12 * days_before {
            out.push(warning(
                "V-HOURS",
                format!("nurses[{i}].history.current_week_hours"),
                cur,
                format!(
                    "nurse {nid}: {cur} hours before start, but only {days_before} days of its week precede {} (12 h a day at most)",
                    input.s.start
                ),
                "check the value: it counts hours of the week of start worked before start",
            ));
        }
    }
}
