//! Checks of the scenario as a whole: format, horizon, dates, unknown
//! fields, rules, measures.

use super::*;

// ---------------------------------------------------------------------------
// Checks, one per input rule.
// ---------------------------------------------------------------------------

/// V-FORMAT: only version 1 of the format is understood.
pub(super) fn check_format(input: &Input, out: &mut Vec<Issue>) {
    let format = &input.s.format;
    if format != SCENARIO_FORMAT {
        out.push(error(
            "V-FORMAT",
            "format",
            format!("{format:?}"),
            format!("this engine reads `{SCENARIO_FORMAT}` scenarios only"),
            format!("set \"format\": \"{SCENARIO_FORMAT}\" (and check the file is a scenario, not a plan)"),
        ));
    }
}

/// V-HORIZON: a horizon of 1–42 days (six weeks keeps the MILP tractable).
pub(super) fn check_horizon(input: &Input, out: &mut Vec<Issue>) {
    let days = input.s.days;
    if !(1..=MAX_DAYS).contains(&days) {
        out.push(error(
            "V-HORIZON",
            "days",
            days,
            format!("a horizon of {days} days is outside 1–{MAX_DAYS}"),
            format!("use a number of days between 1 and {MAX_DAYS}; plan longer periods in consecutive runs"),
        ));
    }
}

/// V-DATE: every date lies in the supported range 1900-01-01 … 2200-12-31
/// (`crate::scenario::limits`), and so do the dates derived from them: the horizon's
/// end, an episode's last day, a booking's births as `forecast` samples them.
pub(super) fn check_date_range(input: &Input, out: &mut Vec<Issue>) {
    let s = input.s;
    let (first, last) = (limits::first_date(), limits::last_date());
    let range = format!(
        "the supported dates are {first} … {last} (years {}–{})",
        limits::FIRST_YEAR,
        limits::LAST_YEAR
    );
    let fix = format!(
        "use a date in the years {}–{}",
        limits::FIRST_YEAR,
        limits::LAST_YEAR
    );
    let given = |field: String, d: NaiveDate, who: &str, out: &mut Vec<Issue>| -> bool {
        let ok = limits::date_supported(d);
        if !ok {
            out.push(error(
                "V-DATE",
                field,
                d,
                format!("{who}{d} is outside the supported range: {range}"),
                fix.clone(),
            ));
        }
        ok
    };
    // A derived date `from + days` past the last supported date.
    let past_end = |from: NaiveDate, days: u32| {
        from.checked_add_days(Days::new(u64::from(days)))
            .filter(|d| *d <= last)
            .is_none()
    };
    if given("start".into(), s.start, "start ", out)
        && (1..=MAX_DAYS).contains(&s.days)
        && past_end(s.start, s.days - 1)
    {
        out.push(error(
            "V-DATE",
            "start",
            s.start,
            format!(
                "a horizon of {} days from {} ends after {last}, the last supported date",
                s.days, s.start
            ),
            format!("start at least {} days before {last}", s.days - 1),
        ));
    }
    for (i, n) in s.nurses.iter().enumerate() {
        let who = format!("nurse {}: date ", id(&n.id));
        for (j, d) in n.off.iter().enumerate() {
            given(format!("nurses[{i}].off[{j}]"), *d, &who, out);
        }
        let history = [
            ("worked", &n.history.worked),
            ("oncall", &n.history.oncall),
            ("oncall_nights", &n.history.oncall_nights),
        ];
        for (name, dates) in history {
            for (j, d) in dates.iter().enumerate() {
                given(format!("nurses[{i}].history.{name}[{j}]"), *d, &who, out);
            }
        }
    }
    for (i, f) in s.families.iter().enumerate() {
        let who = format!("family {}: date ", id(&f.id));
        let field = format!("families[{i}].care_start");
        if given(field.clone(), f.care_start, &who, out)
            && (1..=10).contains(&f.care_days)
            && past_end(f.care_start, f.care_days - 1)
        {
            out.push(error(
                "V-DATE",
                field,
                f.care_start,
                format!(
                    "family {}: an episode of {} days from {} ends after {last}, the last supported date",
                    id(&f.id),
                    f.care_days,
                    f.care_start
                ),
                fix.clone(),
            ));
        }
        if let Some(due) = f.due {
            let field = format!("families[{i}].due");
            let window = DUE_WINDOW_DAYS as u32;
            if given(field.clone(), due, &who, out) && past_end(due, window) {
                out.push(error(
                    "V-DATE",
                    field,
                    due,
                    format!(
                        "family {}: due {due}: a birth `forecast` samples up to {window} days after it would fall after {last}, the last supported date",
                        id(&f.id)
                    ),
                    format!("use a due date at least {window} days before {last}"),
                ));
            }
        }
        for (j, d) in f.hospital.iter().enumerate() {
            given(format!("families[{i}].hospital[{j}]"), *d, &who, out);
        }
    }
    if let Some(pool) = &s.partus_pool {
        for (j, sh) in pool.shifts.iter().enumerate() {
            given(
                format!("partus_pool.shifts[{j}].date"),
                sh.date,
                "shift date ",
                out,
            );
        }
    }
}

/// V-FIELD (V-RULE under `rules`): unknown fields are typos until proven
/// otherwise, and a silently ignored typo changes the plan.
pub(super) fn check_unknown_fields(input: &Input, out: &mut Vec<Issue>) {
    for raw in input.unknown_fields {
        let segs = parse_path(raw);
        let field = render_path(&segs);
        let Some((Seg::Key(name), parent)) = segs.split_last() else {
            out.push(error(
                "V-FIELD",
                field,
                "",
                format!("unexpected element `{raw}`"),
                "remove it; see docs/format.md",
            ));
            continue;
        };
        let obj = parent.iter().fold(Obj::Scenario, |o, seg| match seg {
            Seg::Key(k) => o.child(k),
            Seg::Index(_) => o,
        });
        let known = obj.fields();
        let code = if obj == Obj::Rules {
            "V-RULE"
        } else {
            "V-FIELD"
        };
        let place = match owner(input.s, &segs) {
            Some(o) => format!(" of {o}"),
            None if parent.is_empty() => " at the top level".to_string(),
            None => format!(" in `{}`", render_path(parent)),
        };
        let fix = match closest(name, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if known.is_empty() => "remove it".to_string(),
            None => format!("remove it; known fields here: {}", known.join(", ")),
        };
        out.push(error(
            code,
            field,
            name,
            format!("unknown field `{name}`{place} would be ignored"),
            fix,
        ));
    }
}

/// V-RULE: rule parameters within sane ranges (ATW limits where they apply).
pub(super) fn check_rules(input: &Input, out: &mut Vec<Issue>) {
    let r = &input.s.rules;
    use defaults as d;
    int_rule(
        "max_nurse_hours_per_day",
        r.max_nurse_hours_per_day,
        (1, 12),
        d::MAX_NURSE_HOURS_PER_DAY,
        " (ATW maximum 12)",
        out,
    );
    int_rule(
        "max_family_hours_per_day",
        r.max_family_hours_per_day,
        (3, 12),
        d::MAX_FAMILY_HOURS_PER_DAY,
        " (below 3 the daily floor is unreachable)",
        out,
    );
    int_rule(
        "max_hours_per_week",
        r.max_hours_per_week,
        (1, 60),
        d::MAX_HOURS_PER_WEEK,
        " (ATW maximum 60)",
        out,
    );
    int_rule(
        "max_avg_hours_4w",
        r.max_avg_hours_4w,
        (1, 60),
        d::MAX_AVG_HOURS_4W,
        "",
        out,
    );
    int_rule(
        "max_avg_hours_16w",
        r.max_avg_hours_16w,
        (1, 60),
        d::MAX_AVG_HOURS_16W,
        "",
        out,
    );
    int_rule(
        "rest_days_between_episodes",
        r.rest_days_between_episodes,
        (0, 7),
        d::REST_DAYS_BETWEEN_EPISODES,
        "",
        out,
    );
    int_rule(
        "max_oncall_days_4w",
        r.max_oncall_days_4w,
        (0, 28),
        d::MAX_ONCALL_DAYS_4W,
        " (4 weeks have 28 days)",
        out,
    );
    int_rule(
        "min_visit_hours",
        r.min_visit_hours,
        (1, 8),
        d::MIN_VISIT_HOURS,
        " (1 allows visits of any length)",
        out,
    );
    if let Some(v) = r.max_travel_km.filter(|v| !(*v > 0.0 && *v <= 200.0)) {
        out.push(error(
            "V-RULE",
            "rules.max_travel_km",
            v,
            format!("rule max_travel_km = {v} km is not in (0, 200]"),
            format!(
                "use a distance above 0 and at most 200 km, or leave it out for the default {}",
                defaults::MAX_TRAVEL_KM
            ),
        ));
    }
    if let Some(v) = r.travel_kmh.filter(|v| !(5.0..=130.0).contains(v)) {
        out.push(error(
            "V-RULE",
            "rules.travel_kmh",
            v,
            format!("rule travel_kmh = {v} km/h is outside 5–130"),
            format!(
                "use a speed between 5 and 130 km/h, or leave it out for the default {}",
                defaults::TRAVEL_KMH
            ),
        ));
    }
}

/// One integer rule against its range `lo..=hi`; `why` explains the bound.
pub(super) fn int_rule(
    name: &str,
    value: Option<u32>,
    (lo, hi): (u32, u32),
    default: u32,
    why: &str,
    out: &mut Vec<Issue>,
) {
    if let Some(v) = value.filter(|v| !(lo..=hi).contains(v)) {
        out.push(error(
            "V-RULE",
            format!("rules.{name}"),
            v,
            format!("rule {name} = {v} is outside {lo}–{hi}{why}"),
            format!("use a value between {lo} and {hi}, or leave it out for the default {default}"),
        ));
    }
}

/// V-MEASURE: measure ids in `measures` and in consents must exist.
pub(super) fn check_measures(input: &Input, out: &mut Vec<Issue>) {
    for (j, m) in input.s.measures.iter().enumerate() {
        if !MEASURE_IDS.contains(&m.as_str()) {
            out.push(error(
                "V-MEASURE",
                format!("measures[{j}]"),
                m,
                format!("unknown measure `{m}`"),
                measure_fix(m),
            ));
        }
    }
    for (k, j, m) in duplicates(&input.s.measures) {
        out.push(error(
            "V-MEASURE",
            format!("measures[{j}]"),
            m,
            format!("measure {m} is listed twice: measures[{k}] and measures[{j}]"),
            "remove the duplicate",
        ));
    }
    for (i, n) in input.s.nurses.iter().enumerate() {
        for (j, m) in n.consent.iter().enumerate() {
            if !MEASURE_IDS.contains(&m.as_str()) {
                out.push(error(
                    "V-MEASURE",
                    format!("nurses[{i}].consent[{j}]"),
                    m,
                    format!("nurse {}: consent names unknown measure `{m}`", id(&n.id)),
                    measure_fix(m),
                ));
            }
        }
        for (k, j, m) in duplicates(&n.consent) {
            out.push(error(
                "V-MEASURE",
                format!("nurses[{i}].consent[{j}]"),
                m,
                format!(
                    "nurse {}: consent lists {m} twice: consent[{k}] and consent[{j}]",
                    id(&n.id)
                ),
                "remove the duplicate",
            ));
        }
    }
}

/// `(first, again, value)` for every element equal to an earlier one.
pub(super) fn duplicates<T: Eq + std::hash::Hash>(items: &[T]) -> Vec<(usize, usize, &T)> {
    let mut first: HashMap<&T, usize> = HashMap::new();
    let mut out = Vec::new();
    for (j, x) in items.iter().enumerate() {
        match first.get(x) {
            Some(&k) => out.push((k, j, x)),
            None => {
                first.insert(x, j);
            }
        }
    }
    out
}

/// V-DATE: a date listed twice in `off` or a history list is a slip (a
/// copied line, the wrong day changed).
pub(super) fn check_duplicate_dates(input: &Input, out: &mut Vec<Issue>) {
    for (i, n) in input.s.nurses.iter().enumerate() {
        let lists = [
            ("off", &n.off),
            ("history.worked", &n.history.worked),
            ("history.oncall", &n.history.oncall),
            ("history.oncall_nights", &n.history.oncall_nights),
        ];
        for (name, dates) in lists {
            for (k, j, d) in duplicates(dates) {
                out.push(error(
                    "V-DATE",
                    format!("nurses[{i}].{name}[{j}]"),
                    d,
                    format!(
                        "nurse {}: {name} lists {d} twice: {name}[{k}] and {name}[{j}]",
                        id(&n.id)
                    ),
                    "remove the duplicate",
                ));
            }
        }
    }
}

/// V-MEASURE-UNUSED (warning): an allowed measure that needs consent, while
/// no nurse consented to it, can never be used.
pub(super) fn check_unmodelled_measures(input: &Input, out: &mut Vec<Issue>) {
    let mut seen = HashSet::new();
    for (j, m) in input.s.measures.iter().enumerate() {
        let consented = input.s.nurses.iter().any(|n| n.consent.contains(m));
        if NEEDS_CONSENT.contains(&m.as_str()) && !consented && seen.insert(m.as_str()) {
            out.push(warning(
                "V-MEASURE-UNUSED",
                format!("measures[{j}]"),
                m,
                format!("measure {m} needs a nurse's written consent and no nurse gave it: the plan cannot use it"),
                format!("add {m} to the `consent` of the nurses who agreed"),
            ));
        }
    }
}
