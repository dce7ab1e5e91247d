//! The capacity summary: what the generated region can deliver against
//! what its families need.

use super::*;

/// Floor, target and capacity figures of one provider (or of the waiting list).
#[derive(Debug, Clone, Default)]
pub(super) struct CapacityRow {
    /// Provider id, or `waiting list`.
    pub(super) id: String,
    /// Provider name.
    pub(super) name: String,
    /// All nurses.
    pub(super) nurses: usize,
    /// Nurses without any available day in the horizon.
    pub(super) unavailable: usize,
    /// Nurses with role `kio` or `office_qualified` (plannable only under a measure).
    pub(super) restricted: usize,
    /// Available days (not `off`) of nurses with role `nurse`.
    pub(super) nurse_days: u32,
    /// Available days of `kio` / `office_qualified` nurses.
    pub(super) restricted_days: u32,
    /// Care hours the role-`nurse` nurses may work: per ISO week
    /// `min(contract_max − current_week_hours, max family hours × available days)`.
    pub(super) contract_hours: f64,
    /// Families with an episode touching the horizon.
    pub(super) families: usize,
    /// Of which under way at `start`.
    pub(super) under_way: usize,
    /// Home days of the families inside the horizon.
    pub(super) home_days: u32,
    /// Horizon floor hours (models/semantics.md).
    pub(super) floor: f64,
    /// Horizon target hours (models/semantics.md).
    pub(super) target: f64,
    /// Available role-`nurse` nurses per horizon day.
    pub(super) nurses_by_day: Vec<u32>,
    /// Families at home per horizon day.
    pub(super) homes_by_day: Vec<u32>,
}

impl CapacityRow {
    /// An empty row for `id` over a horizon of `days` days.
    pub(super) fn new(id: &str, name: &str, days: u32) -> Self {
        CapacityRow {
            id: id.to_string(),
            name: name.to_string(),
            nurses_by_day: vec![0; days as usize],
            homes_by_day: vec![0; days as usize],
            ..CapacityRow::default()
        }
    }

    /// Fewest available nurses per family at home on any day with families.
    pub(super) fn worst_day(&self) -> Option<f64> {
        self.nurses_by_day
            .iter()
            .zip(&self.homes_by_day)
            .filter(|(_, &h)| h > 0)
            .map(|(&n, &h)| n as f64 / h as f64)
            .min_by(f64::total_cmp)
    }
}

/// Horizon figures of one family, as defined in `models/semantics.md`:
/// its home days in the horizon (day indices), floor and target hours.
pub(super) fn family_horizon(s: &Scenario, f: &Family) -> (Vec<usize>, f64, f64) {
    let max_day = s.rules.max_family_hours_per_day() as i64;
    let hospital: HashSet<NaiveDate> = f.hospital.iter().copied().collect();
    let end = add_days(s.start, s.days as i64);
    let (mut before, mut inside, mut after) = (0i64, 0i64, 0i64);
    let (mut w_all, mut w_in) = (0.0, 0.0);
    let mut home_in = Vec::new();
    for k in 0..f.care_days as i64 {
        let d = add_days(f.care_start, k);
        if hospital.contains(&d) {
            continue;
        }
        let w = (1.25 - 0.07 * k as f64).max(0.5);
        w_all += w;
        if d < s.start {
            before += 1;
        } else if d < end {
            inside += 1;
            w_in += w;
            home_in.push(days_between(s.start, d) as usize);
        } else {
            after += 1;
        }
    }
    let n_home = before + inside + after;
    if inside == 0 {
        return (home_in, 0.0, 0.0);
    }
    let hospital_days = f.care_days - n_home as u32;
    let floor_total = episode_floor(n_home as u32, hospital_days, max_day as u32) as i64;
    let indicated = (f.indicated_hours as i64 - 6 * hospital.len() as i64).max(floor_total);
    let delivered = f.delivered_before as i64;
    let floor = (3 * inside).max(floor_total - delivered - 3 * after);
    let cap = (indicated - delivered - 3 * after).max(0);
    let target = (indicated as f64 * w_in / w_all).min(cap as f64);
    (home_in, floor as f64, target)
}

/// Capacity and demand per provider, then the waiting list if it has families.
pub(super) fn capacity_rows(s: &Scenario) -> Vec<CapacityRow> {
    let mut rows: Vec<CapacityRow> = s
        .providers
        .iter()
        .map(|p| CapacityRow::new(&p.id, &p.name, s.days))
        .collect();
    let mut waiting = CapacityRow::new("waiting list", "", s.days);
    let index = |id: &str| s.providers.iter().position(|p| p.id == id);
    let max_day = s
        .rules
        .max_family_hours_per_day()
        .min(s.rules.max_nurse_hours_per_day());
    let first_monday = monday_of(s.start);
    for n in &s.nurses {
        let Some(pi) = index(&n.provider) else {
            continue;
        };
        let row = &mut rows[pi];
        let off: HashSet<NaiveDate> = n.off.iter().copied().collect();
        let mut available = 0;
        let mut hours = 0.0;
        let mut week = first_monday;
        while week < add_days(s.start, s.days as i64) {
            let free = (0..7)
                .map(|k| add_days(week, k))
                .filter(|&d| d >= s.start && days_between(s.start, d) < s.days as i64)
                .filter(|d| !off.contains(d))
                .count() as u32;
            let already = if week == first_monday {
                n.history.current_week_hours
            } else {
                0
            };
            available += free;
            hours += n.contract_max.saturating_sub(already).min(max_day * free) as f64;
            week = add_days(week, 7);
        }
        row.nurses += 1;
        row.unavailable += usize::from(available == 0);
        if n.role == Role::Nurse {
            row.nurse_days += available;
            row.contract_hours += hours;
            for (t, count) in row.nurses_by_day.iter_mut().enumerate() {
                *count += u32::from(!off.contains(&add_days(s.start, t as i64)));
            }
        } else {
            row.restricted += 1;
            row.restricted_days += available;
        }
    }
    for f in &s.families {
        let row = match f.provider.as_deref().and_then(index) {
            Some(pi) => &mut rows[pi],
            None => &mut waiting,
        };
        let (home_days, floor, target) = family_horizon(s, f);
        row.families += 1;
        row.under_way += usize::from(f.care_start < s.start);
        row.home_days += home_days.len() as u32;
        for t in home_days {
            row.homes_by_day[t] += 1;
        }
        row.floor += floor;
        row.target += target;
    }
    if waiting.families > 0 {
        rows.push(waiting);
    }
    rows
}

/// A text table, per provider and for the region: nurses, available
/// nurse-days and contract hours in the horizon against the floor hours
/// (≥ 3 h per home day) and target hours of its families, with the ratios
/// that matter for scarcity (nurse-days per home day: each nurse serves at
/// most one family a day without M-COMBINED), plus the partus-pool load.
pub fn capacity_summary(s: &Scenario) -> String {
    use std::fmt::Write;
    let rows = capacity_rows(s);
    let mut region = CapacityRow::new("region", "", s.days);
    for r in &rows {
        for t in 0..s.days as usize {
            region.nurses_by_day[t] += r.nurses_by_day[t];
            region.homes_by_day[t] += r.homes_by_day[t];
        }
        region.nurses += r.nurses;
        region.unavailable += r.unavailable;
        region.restricted += r.restricted;
        region.nurse_days += r.nurse_days;
        region.restricted_days += r.restricted_days;
        region.contract_hours += r.contract_hours;
        region.families += r.families;
        region.under_way += r.under_way;
        region.home_days += r.home_days;
        region.floor += r.floor;
        region.target += r.target;
    }
    let ratio = |a: f64, b: f64| {
        if b > 0.0 {
            format!("{:.2}", a / b)
        } else {
            "-".to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} + {} days, {} providers, {} nurses, {} families ({} under way, {} expected)",
        s.name,
        s.start,
        s.days,
        s.providers.len(),
        region.nurses,
        region.families,
        region.under_way,
        region.families - region.under_way
    );
    let _ = writeln!(
        out,
        "{:<8} {:>6} {:>5} {:>4} {:>6} {:>5} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7}  name",
        "provider",
        "nurses",
        "unavl",
        "k/o",
        "n-days",
        "+k/o",
        "ctr-h",
        "fams",
        "h-days",
        "floor",
        "target",
        "nd/hd",
        "worst",
        "ctr/flr",
        "ctr/tgt"
    );
    for r in rows.iter().chain(std::iter::once(&region)) {
        let _ = writeln!(
            out,
            "{:<8} {:>6} {:>5} {:>4} {:>6} {:>5} {:>6.0} {:>5} {:>6} {:>6.0} {:>6.0} {:>6} {:>6} {:>7} {:>7}  {}",
            r.id,
            r.nurses,
            r.unavailable,
            r.restricted,
            r.nurse_days,
            r.restricted_days,
            r.contract_hours,
            r.families,
            r.home_days,
            r.floor,
            r.target,
            ratio(r.nurse_days as f64, r.home_days as f64),
            r.worst_day().map_or("-".to_string(), |w| format!("{w:.2}")),
            ratio(r.contract_hours, r.floor),
            ratio(r.contract_hours, r.target),
            r.name,
        );
    }
    if let Some(pool) = &s.partus_pool {
        let partus: Vec<&crate::scenario::Nurse> = s.nurses.iter().filter(|n| n.partus).collect();
        if let Some(pa) = pool.expected_pa_per_day {
            let pa_hours = pool.pa_hours.unwrap_or(4.0);
            let blocking = pool.max_blocking.unwrap_or(0.01);
            let load = pa * pa_hours / 24.0;
            let per_shift = crate::model::pool::servers_needed(load, blocking);
            let shifts = per_shift * 3 * s.days;
            // Each shift takes a nurse-day; a night shift also the day after.
            let pool_days = shifts + per_shift * s.days;
            let pool_hours = if s.rules.oncall_counts_as_work() {
                8.0 * shifts as f64
            } else {
                0.0
            };
            let _ = writeln!(
                out,
                "partus pool: {pa:.2} PA/day x {pa_hours} h = {load:.2} erlang; blocking <= {blocking} \
                 needs ~{per_shift} on call per shift = {shifts} shifts in the horizon ({} partus \
                 nurses); staffed from the same nurses it takes ~{pool_days} nurse-days and \
                 {pool_hours:.0} h: region nd/hd {} and ctr/tgt {} after the pool",
                partus.len(),
                ratio(
                    region.nurse_days as f64 - pool_days as f64,
                    region.home_days as f64
                ),
                ratio(region.contract_hours - pool_hours, region.target),
            );
        } else {
            let required: u32 = pool.shifts.iter().map(|r| r.required).sum();
            let _ = writeln!(
                out,
                "partus pool: {required} on-call shifts required; {} partus nurses",
                partus.len()
            );
        }
    }
    let _ = writeln!(
        out,
        "unavl: nurses off the whole horizon; k/o: kio or office_qualified nurses (only under \
         M-KIO / M-OFFICE); n-days: available days of the other nurses (+k/o: of kio/office); \
         ctr-h: their hours, per ISO week min(contract_max - current_week_hours, {} h x available \
         days); h-days: family home days in the horizon; floor/target: hours as in \
         models/semantics.md; nd/hd: nurse-days per home day (a nurse serves one family a day \
         without M-COMBINED); worst: the lowest ratio of available nurses to families at home \
         on one day",
        s.rules
            .max_family_hours_per_day()
            .min(s.rules.max_nurse_hours_per_day())
    );
    out
}
