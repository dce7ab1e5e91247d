//! Checks of the families: care days, episodes, due dates, indication,
//! hospital days, priority, the waiting list.

use super::*;

/// V-CARE-DAYS: an episode lasts 1–10 days (8 is the LIP standard).
pub(super) fn check_care_days(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        if !(1..=10).contains(&f.care_days) {
            out.push(error(
                "V-CARE-DAYS",
                format!("families[{i}].care_days"),
                f.care_days,
                format!(
                    "family {}: care_days {} is outside 1–10",
                    id(&f.id),
                    f.care_days
                ),
                "use 1–10 days (8 is standard), or leave it out for 8",
            ));
        }
    }
}

/// V-DATE (warning): a family whose episode misses the horizon gets no care
/// here. A booking (`due`) is exempt: it may lie beyond the horizon on
/// purpose, for `forecast`, which samples its birth.
pub(super) fn check_episode_in_horizon(input: &Input, out: &mut Vec<Issue>) {
    let Some(h) = input.horizon else { return };
    for (i, f) in input.s.families.iter().enumerate() {
        if f.due.is_some() {
            continue;
        }
        let Some((first, last)) = episode(f) else {
            continue;
        };
        let why = if last < h.start {
            format!(
                "episode {first} … {last} ends before the horizon starts on {}",
                h.start
            )
        } else if first > h.end {
            format!(
                "episode starts on {first}, after the horizon ends on {}",
                h.end
            )
        } else {
            continue;
        };
        out.push(warning(
            "V-DATE",
            format!("families[{i}].care_start"),
            f.care_start,
            format!("family {}: {why}; it gets no care in this plan", id(&f.id)),
            "remove the family or correct care_start",
        ));
    }
}

/// A booking's birth falls within this many days of its due date either way
/// (six weeks: from about 34 to 46 weeks of pregnancy).
pub(super) const DUE_WINDOW_DAYS: i64 = 42;

/// V-DUE: a booking (a family with `due`) is a birth that has not happened by
/// `start`: its episode cannot be under way, nothing was delivered before,
/// and its expected birth (`care_start`) lies near the due date.
pub(super) fn check_due(input: &Input, out: &mut Vec<Issue>) {
    let start = input.s.start;
    for (i, f) in input.s.families.iter().enumerate() {
        let Some(due) = f.due else { continue };
        let fid = id(&f.id);
        if f.care_start < start {
            out.push(error(
                "V-DUE",
                format!("families[{i}].care_start"),
                f.care_start,
                format!(
                    "family {fid}: a booking (due {due}) whose episode starts on {}, before start {start}: a birth that has not happened cannot have an episode under way",
                    f.care_start
                ),
                format!("remove `due` if the baby is born, or set care_start to the expected birth, on or after {start}"),
            ));
        }
        if f.delivered_before > 0 {
            out.push(error(
                "V-DUE",
                format!("families[{i}].delivered_before"),
                f.delivered_before,
                format!(
                    "family {fid}: a booking (due {due}) with {} hours delivered before start: a birth that has not happened has had no care",
                    f.delivered_before
                ),
                "set delivered_before to 0, or remove `due` if the family is already in care",
            ));
        }
        let gap = (f.care_start - due).num_days();
        if gap.abs() > DUE_WINDOW_DAYS {
            out.push(error(
                "V-DUE",
                format!("families[{i}].due"),
                due,
                format!(
                    "family {fid}: due {due} is {} days {} the expected birth on care_start {}; more than {DUE_WINDOW_DAYS}",
                    gap.abs(),
                    if gap > 0 { "before" } else { "after" },
                    f.care_start
                ),
                format!(
                    "correct due or care_start: the expected birth lies within {DUE_WINDOW_DAYS} days of the due date"
                ),
            ));
        }
    }
}

/// V-HOURS: the LIP indication and the hours already given.
pub(super) fn check_indication(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        let fid = id(&f.id);
        if !(24..=80).contains(&f.indicated_hours) {
            out.push(error(
                "V-HOURS",
                format!("families[{i}].indicated_hours"),
                f.indicated_hours,
                format!(
                    "family {fid}: indicated_hours {} is outside the LIP range 24–80",
                    f.indicated_hours
                ),
                "use the LIP indication: 24–80 hours (45 bottle, 49 breast feeding)",
            ));
        }
        if f.delivered_before > f.indicated_hours {
            out.push(error(
                "V-HOURS",
                format!("families[{i}].delivered_before"),
                f.delivered_before,
                format!(
                    "family {fid}: delivered_before {} > indicated_hours {}",
                    f.delivered_before, f.indicated_hours
                ),
                "correct the hours already delivered or the indication",
            ));
        } else if f.delivered_before > 0 && f.care_start >= input.s.start && f.due.is_none() {
            out.push(warning(
                "V-HOURS",
                format!("families[{i}].delivered_before"),
                f.delivered_before,
                format!(
                    "family {fid}: {} hours delivered before start, but the episode starts on {}, not before {}",
                    f.delivered_before, f.care_start, input.s.start
                ),
                "set delivered_before to 0 or correct care_start",
            ));
        }
    }
}

/// V-HOSPITAL: hospital days lie inside the episode, each once (each one
/// deducts 6 h of indication).
pub(super) fn check_hospital(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        let ep = episode(f);
        let mut seen = HashMap::new();
        for (j, d) in f.hospital.iter().enumerate() {
            let field = format!("families[{i}].hospital[{j}]");
            match ep {
                Some((first, last)) if *d < first || *d > last => out.push(error(
                    "V-HOSPITAL",
                    field,
                    d,
                    format!(
                        "family {}: hospital day {d} is outside the episode {first} … {last}",
                        id(&f.id)
                    ),
                    format!("use a date between {first} and {last}, or correct care_start"),
                )),
                _ => match seen.get(d) {
                    Some(k) => out.push(error(
                        "V-HOSPITAL",
                        field,
                        d,
                        format!(
                            "family {}: hospital day {d} is listed twice: hospital[{k}] and hospital[{j}]",
                            id(&f.id)
                        ),
                        "remove the duplicate",
                    )),
                    None => {
                        seen.insert(*d, j);
                    }
                },
            }
        }
    }
}

/// V-PRIORITY: triage priority 1 (most urgent) … 3.
pub(super) fn check_priority(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        if !(1..=3).contains(&f.priority) {
            out.push(error(
                "V-PRIORITY",
                format!("families[{i}].priority"),
                f.priority,
                format!(
                    "family {}: priority {} is outside 1–3",
                    id(&f.id),
                    f.priority
                ),
                "use 1 (most urgent), 2 or 3, or leave it out for 3",
            ));
        }
    }
}

/// V-INSURER: an insurer is a name a report can group by: not blank, at most
/// 60 characters, no control characters.
pub(super) fn check_insurer(input: &Input, out: &mut Vec<Issue>) {
    for (i, f) in input.s.families.iter().enumerate() {
        let Some(name) = &f.insurer else { continue };
        let why = if name.trim().is_empty() {
            "is blank"
        } else if name.chars().count() > 60 {
            "is longer than 60 characters"
        } else if name.chars().any(char::is_control) {
            "contains a control character"
        } else if name.trim() != name {
            "has spaces at its start or end"
        } else {
            continue;
        };
        out.push(error(
            "V-INSURER",
            format!("families[{i}].insurer"),
            format!("{name:?}"),
            format!("family {}: insurer {name:?} {why}", id(&f.id)),
            "give the insurer's name as the contracts spell it (e.g. \"VGZ\"), or leave the field out",
        ));
    }
}

/// V-WAITLIST (warning): a waiting-list family is served only under M-WAITLIST.
pub(super) fn check_waitlist(input: &Input, out: &mut Vec<Issue>) {
    if allows(input.s, "M-WAITLIST") {
        return;
    }
    for (i, f) in input.s.families.iter().enumerate() {
        if f.provider.is_none() {
            out.push(warning(
                "V-WAITLIST",
                format!("families[{i}].provider"),
                "null",
                format!(
                    "family {} is on the waiting list but M-WAITLIST is not allowed: it will get no care",
                    id(&f.id)
                ),
                "add M-WAITLIST to `measures`, or assign a provider",
            ));
        }
    }
}
