//! Checks of the partus pool.

use super::*;

/// V-POOL: the partus pool is given either per shift or by its Erlang-B inputs.
pub(super) fn check_pool(input: &Input, out: &mut Vec<Issue>) {
    let Some(pool) = &input.s.partus_pool else {
        return;
    };
    let by_shifts = !pool.shifts.is_empty();
    match (by_shifts, pool.expected_pa_per_day) {
        (true, Some(e)) => out.push(error(
            "V-POOL",
            "partus_pool.expected_pa_per_day",
            e,
            "partus_pool gives both `shifts` and `expected_pa_per_day`",
            "keep one: `shifts` with the required nurses, or `expected_pa_per_day` to derive them",
        )),
        (false, None) => out.push(error(
            "V-POOL",
            "partus_pool",
            "",
            "partus_pool gives neither `shifts` nor `expected_pa_per_day`",
            "add `shifts`, or `expected_pa_per_day`, or remove `partus_pool`",
        )),
        _ => {}
    }
    if let Some(e) = pool
        .expected_pa_per_day
        .filter(|e| !(0.0..=200.0).contains(e))
    {
        out.push(error(
            "V-POOL",
            "partus_pool.expected_pa_per_day",
            e,
            format!("expected_pa_per_day {e} is outside 0–200"),
            "give the expected partus-assistance calls per day for the region (a few to a few dozen)",
        ));
    }
    if let Some(p) = pool.pa_hours.filter(|p| !(0.5..=24.0).contains(p)) {
        out.push(error(
            "V-POOL",
            "partus_pool.pa_hours",
            p,
            format!("pa_hours {p} is outside 0.5–24"),
            "give the mean hours of one partus assistance (about 4), or leave it out",
        ));
    }
    if let Some(b) = pool.max_blocking.filter(|b| !(*b > 0.0 && *b < 1.0)) {
        out.push(error(
            "V-POOL",
            "partus_pool.max_blocking",
            b,
            format!("max_blocking {b} is not a probability strictly between 0 and 1"),
            "use e.g. 0.01 (1% of calls find nobody free), or leave it out",
        ));
    }
    check_min_on_call(pool, out);
    if by_shifts {
        for (name, given) in [
            ("pa_hours", pool.pa_hours.is_some()),
            ("max_blocking", pool.max_blocking.is_some()),
        ] {
            if given && pool.expected_pa_per_day.is_none() {
                out.push(warning(
                    "V-POOL",
                    format!("partus_pool.{name}"),
                    "",
                    format!("{name} is only used with expected_pa_per_day, not with `shifts`"),
                    format!("remove {name}"),
                ));
            }
        }
    }
    let mut first: BTreeMap<(NaiveDate, Shift), usize> = BTreeMap::new();
    for (j, sh) in pool.shifts.iter().enumerate() {
        if let Some(k) = first.get(&(sh.date, sh.shift)) {
            out.push(error(
                "V-POOL",
                format!("partus_pool.shifts[{j}]"),
                format!("{} {}", sh.date, shift_name(sh.shift)),
                format!(
                    "shift {} {} is listed twice: shifts[{k}] and shifts[{j}]",
                    sh.date,
                    shift_name(sh.shift)
                ),
                "merge them into one entry with the total required",
            ));
        } else {
            first.insert((sh.date, sh.shift), j);
        }
    }
    if !input.s.nurses.iter().any(|n| n.partus) {
        out.push(warning(
            "V-POOL",
            "partus_pool",
            "",
            "no nurse has `partus: true`: every pool shift will be short",
            "mark the nurses who may take on-call shifts with \"partus\": true",
        ));
    }
}

/// The most nurses a region may ask on call per shift as its minimum.
pub const MAX_MIN_ON_CALL: u32 = 50;

/// V-POOL: `min_on_call` is a plausible number, and has shifts to apply to.
fn check_min_on_call(pool: &crate::scenario::PartusPool, out: &mut Vec<Issue>) {
    let m = pool.min_on_call;
    if m == 0 {
        return;
    }
    if m > MAX_MIN_ON_CALL {
        out.push(error(
            "V-POOL",
            "partus_pool.min_on_call",
            m,
            format!("min_on_call {m} is above {MAX_MIN_ON_CALL} nurses on call per shift"),
            "give the region's minimum on call per shift (e.g. 1 or 2; it is capped at each shift's requirement), or 0 for none",
        ));
    }
    let required = pool.shifts.iter().any(|s| s.required > 0)
        || pool.expected_pa_per_day.is_some_and(|e| e > 0.0);
    if !required {
        out.push(error(
            "V-POOL",
            "partus_pool.min_on_call",
            m,
            format!("min_on_call {m} is set, but no pool shift requires anyone"),
            "list the shifts in `shifts` (with `required` > 0) or give `expected_pa_per_day`, or set min_on_call to 0",
        ));
    }
}

/// V-DATE: pool shifts lie in the horizon.
pub(super) fn check_pool_dates(input: &Input, out: &mut Vec<Issue>) {
    let (Some(pool), Some(h)) = (&input.s.partus_pool, input.horizon) else {
        return;
    };
    for (j, sh) in pool.shifts.iter().enumerate() {
        if !h.contains(sh.date) {
            out.push(error(
                "V-DATE",
                format!("partus_pool.shifts[{j}].date"),
                sh.date,
                format!(
                    "shift {} {} is outside the horizon {} … {}",
                    sh.date,
                    shift_name(sh.shift),
                    h.start,
                    h.end
                ),
                h.fix(),
            ));
        }
    }
}
