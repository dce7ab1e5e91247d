//! Partus pool (on-call duty): POOL-ELIGIBLE, ONCALL-NO-CARE, ATW-NIGHT-REST,
//! ATW-ONCALL-4W and CAO-ONCALL-BLOCK, and the `pool[]` rows the plan must
//! report: the required nurses per shift (from `partus_pool.shifts` or by
//! Erlang-B), the provider shares (largest remainder) and the coverage.
//!
//! The hours an on-call shift adds (ATW-DAY-MAX, ATW-WEEK-MAX, CONTRACT,
//! ATW-AVG-*) and its worked date (ATW-WEEKLY-REST, `days_worked`) are
//! counted in `derive`, so the hour rules of `atw` see them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::derive::Facts;
use super::Violation;
use crate::domain::calendar::{add_days, days_between};
use crate::domain::rules::RuleId;
use crate::plan::PoolShift;
use crate::scenario::{Nurse, PartusPool, PoolScope, Role, Shift};

/// The shifts of a date in time order.
pub(super) const SHIFTS: [Shift; 3] = [Shift::Day, Shift::Evening, Shift::Night];
/// `pa_hours` when the scenario leaves it out.
const DEFAULT_PA_HOURS: f64 = 4.0;
/// `max_blocking` when the scenario leaves it out.
const DEFAULT_MAX_BLOCKING: f64 = 0.01;
/// Erlang-B gives up here (only reachable with a blocking target of 0 or less).
const MAX_SERVERS: u32 = 1000;
/// Length of the ATW-ONCALL-4W window in days.
const ONCALL_WINDOW: i64 = 28;
/// CAO-ONCALL-BLOCK: on-call shifts allowed in a row.
const MAX_BLOCK: usize = 2;

/// The JSON name of a shift, for messages.
pub(super) fn shift_name(s: Shift) -> &'static str {
    s.name()
}

/// Whether `n` may be counted for a shift on `d`: `partus: true`, role
/// `nurse`, and `d` is not one of her `off` dates.
pub(super) fn eligible(n: &Nurse, d: NaiveDate) -> bool {
    n.partus && n.role == Role::Nurse && !n.off.contains(&d)
}

/// Check every on-call rule.
pub(super) fn check(facts: &Facts, out: &mut Vec<Violation>) {
    pool_eligible(facts, out);
    let visits = visit_families(facts);
    no_care(facts, &visits, out);
    night_rest(facts, &visits, out);
    oncall_4w(facts, out);
    block(facts, out);
}

/// Families a nurse visits per date (usable visits only).
fn visit_families<'a>(facts: &Facts<'a>) -> BTreeMap<(&'a str, NaiveDate), BTreeSet<&'a str>> {
    let mut map: BTreeMap<(&str, NaiveDate), BTreeSet<&str>> = BTreeMap::new();
    for v in &facts.visits {
        map.entry((v.nurse.as_str(), v.date))
            .or_default()
            .insert(v.family.as_str());
    }
    map
}

fn list(items: &BTreeSet<&str>) -> String {
    items.iter().copied().collect::<Vec<_>>().join(", ")
}

/// POOL-ELIGIBLE: every on-call row is for a partus nurse of role `nurse`
/// who is not off that date, and names a (date, shift) only once. Rows with
/// an unknown nurse or a date outside the horizon are PLAN-REF's business.
fn pool_eligible(facts: &Facts, out: &mut Vec<Violation>) {
    let mut seen: BTreeMap<(&str, NaiveDate, Shift), u32> = BTreeMap::new();
    for o in &facts.plan.oncall {
        let Some(n) = facts.nurses.get(o.nurse.as_str()) else {
            continue;
        };
        if !facts.in_horizon(o.date) {
            continue;
        }
        let count = seen.entry((o.nurse.as_str(), o.date, o.shift)).or_default();
        *count += 1;
        let row = format!("{} on call {} {}", o.nurse, o.date, shift_name(o.shift));
        let push = |out: &mut Vec<Violation>, why: String| {
            out.push(
                Violation::new(RuleId::PoolEligible, format!("{row}: {why}"))
                    .nurse(&o.nurse)
                    .date(o.date),
            )
        };
        if *count == 2 {
            push(
                out,
                "listed more than once (one row per nurse, date and shift)".to_string(),
            );
        }
        if *count > 1 {
            continue; // the first row already reported what is wrong with it
        }
        if !n.partus {
            push(out, "not a partus nurse (`partus: false`)".to_string());
        }
        if n.role != Role::Nurse {
            let role = match n.role {
                Role::Nurse => "nurse",
                Role::Kio => "kio",
                Role::OfficeQualified => "office_qualified",
            };
            push(
                out,
                format!("role {role}; only role `nurse` may be on call"),
            );
        }
        if n.off.contains(&o.date) {
            push(out, "a day off".to_string());
        }
    }
}

/// ONCALL-NO-CARE: no visit on the date of a `day` shift.
fn no_care(
    facts: &Facts,
    visits: &BTreeMap<(&str, NaiveDate), BTreeSet<&str>>,
    out: &mut Vec<Violation>,
) {
    for &(n, d, s) in &facts.oncall {
        if s != Shift::Day {
            continue;
        }
        if let Some(fams) = visits.get(&(n, d)) {
            out.push(
                Violation::new(
                    RuleId::OncallNoCare,
                    format!(
                        "{n} is on call for the day shift on {d} and visits {} the same day",
                        list(fams)
                    ),
                )
                .nurse(n)
                .date(d),
            );
        }
    }
}

/// ATW-NIGHT-REST: after a night shift on `d`, no visit and no `day` or
/// `evening` shift on `d + 1`; a night on `start − 1` in
/// `history.oncall_nights` counts too. One violation per night, naming every clash.
fn night_rest(
    facts: &Facts,
    visits: &BTreeMap<(&str, NaiveDate), BTreeSet<&str>>,
    out: &mut Vec<Violation>,
) {
    let eve = add_days(facts.start, -1);
    let planned = facts
        .oncall
        .iter()
        .filter(|(_, _, s)| *s == Shift::Night)
        .map(|&(n, d, _)| (n, d, "is on call for the night shift on"));
    let history = facts
        .scenario
        .nurses
        .iter()
        .filter(|n| n.history.oncall_nights.contains(&eve))
        .map(|n| {
            (
                n.id.as_str(),
                eve,
                "was on call for the night shift (history.oncall_nights) on",
            )
        });
    for (n, d, night) in history.chain(planned) {
        let next = add_days(d, 1);
        let mut clashes = Vec::new();
        if let Some(fams) = visits.get(&(n, next)) {
            clashes.push(format!("visits {}", list(fams)));
        }
        for later in [Shift::Day, Shift::Evening] {
            if facts.oncall.contains(&(n, next, later)) {
                clashes.push(format!("is on call for the {} shift", shift_name(later)));
            }
        }
        if !clashes.is_empty() {
            out.push(
                Violation::new(
                    RuleId::AtwNightRest,
                    format!(
                        "{n} {night} {d} and {} on {next}; a night needs a free next day",
                        clashes.join(" and ")
                    ),
                )
                .nurse(n)
                .date(next),
            );
        }
    }
}

/// ATW-ONCALL-4W: in every 28 consecutive dates with at least one in the
/// horizon and none after it, at most `max_oncall_days_4w` on-call dates
/// (`history.oncall` before `start` included), counted only in windows in
/// which the plan puts the nurse on call (history alone never makes a
/// violation). One violation per run of consecutive offending windows, with
/// the largest count of the run.
fn oncall_4w(facts: &Facts, out: &mut Vec<Violation>) {
    let max = facts.scenario.rules.max_oncall_days_4w() as usize;
    for n in &facts.scenario.nurses {
        let planned: BTreeSet<NaiveDate> = facts
            .oncall
            .iter()
            .filter(|(id, _, _)| *id == n.id)
            .map(|(_, d, _)| *d)
            .collect();
        let mut dates: BTreeSet<NaiveDate> = n
            .history
            .oncall
            .iter()
            .copied()
            .filter(|d| *d < facts.start)
            .collect();
        dates.extend(planned.iter().copied());
        if planned.is_empty() || dates.len() <= max {
            continue;
        }
        // (first window end, last window end, largest count)
        let mut runs: Vec<(NaiveDate, NaiveDate, usize)> = Vec::new();
        let mut run: Option<(NaiveDate, NaiveDate, usize)> = None;
        for e in facts.horizon() {
            let from = add_days(e, -(ONCALL_WINDOW - 1));
            let count = dates.range(from..=e).count();
            let offends = count > max && planned.range(from..=e).next().is_some();
            run = match (offends, run) {
                (true, Some((first, _, worst))) => Some((first, e, worst.max(count))),
                (true, None) => Some((e, e, count)),
                (false, Some(r)) => {
                    runs.push(r);
                    None
                }
                (false, None) => None,
            };
        }
        runs.extend(run);
        for (first_end, last_end, worst) in runs {
            let from = add_days(first_end, -(ONCALL_WINDOW - 1));
            let windows = if first_end == last_end {
                format!("the 28 days {from} … {first_end}")
            } else {
                format!("28-day windows from {from} … {first_end} to the one ending {last_end}")
            };
            out.push(
                Violation::new(
                    RuleId::AtwOncall4w,
                    format!(
                        "{} is on call on {worst} dates in {windows} (history included) > max {max}",
                        n.id
                    ),
                )
                .nurse(&n.id)
                .date(first_end),
            );
        }
    }
}

/// Position of a shift in the horizon's shift sequence
/// `(d₀,day), (d₀,evening), (d₀,night), (d₁,day), …`.
fn sequence_index(start: NaiveDate, d: NaiveDate, s: Shift) -> i64 {
    let k = SHIFTS.iter().position(|x| *x == s).expect("every shift") as i64;
    3 * days_between(start, d) + k
}

/// The shift at position `i` of the sequence.
fn sequence_shift(start: NaiveDate, i: i64) -> (NaiveDate, Shift) {
    (
        add_days(start, i.div_euclid(3)),
        SHIFTS[i.rem_euclid(3) as usize],
    )
}

/// CAO-ONCALL-BLOCK: never three consecutive shifts of the sequence on call.
/// One violation per maximal run of three or more.
fn block(facts: &Facts, out: &mut Vec<Violation>) {
    let mut by_nurse: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for &(n, d, s) in &facts.oncall {
        by_nurse
            .entry(n)
            .or_default()
            .push(sequence_index(facts.start, d, s));
    }
    for (n, mut idx) in by_nurse {
        idx.sort_unstable();
        let mut runs: Vec<(i64, i64)> = Vec::new();
        for i in idx {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == i => *last = i,
                _ => runs.push((i, i)),
            }
        }
        for (first, last) in runs {
            let len = (last - first + 1) as usize;
            if len <= MAX_BLOCK {
                continue;
            }
            let (d0, s0) = sequence_shift(facts.start, first);
            let (d1, s1) = sequence_shift(facts.start, last);
            out.push(
                Violation::new(
                    RuleId::CaoOncallBlock,
                    format!(
                        "{n} is on call for {len} consecutive shifts, {d0} {} … {d1} {}; at most {MAX_BLOCK} in a row",
                        shift_name(s0),
                        shift_name(s1)
                    ),
                )
                .nurse(n)
                .date(d0),
            );
        }
    }
}

/// Erlang-B: the smallest `c ≥ 0` with `B(c, load) ≤ max_blocking`, where
/// `B(0, A) = 1` and `B(c, A) = A·B(c−1, A) / (c + A·B(c−1, A))`; 0 without
/// any load (no calls, nobody needed).
pub(super) fn erlang_b_required(load: f64, max_blocking: f64) -> u32 {
    if load <= 0.0 {
        return 0;
    }
    let mut b = 1.0;
    let mut c = 0;
    while b > max_blocking && c < MAX_SERVERS {
        c += 1;
        b = load * b / (c as f64 + load * b);
    }
    c
}

/// Split `required` over `weights` in proportion, by largest remainder:
/// everyone gets `⌊required·w/W⌋`, the units left over go to the largest
/// remainders `required·w mod W`, ties to the earlier index. The shares add
/// up to `required`; with a total weight of 0 everybody gets 0.
pub(super) fn largest_remainder(required: u32, weights: &[u32]) -> Vec<u32> {
    let total: u64 = weights.iter().map(|w| *w as u64).sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let r = required as u64;
    let mut shares: Vec<u32> = weights
        .iter()
        .map(|w| (r * *w as u64 / total) as u32)
        .collect();
    let left = required - shares.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Stable sort: equal remainders keep the scenario's provider order.
    order.sort_by_key(|&i| std::cmp::Reverse(r * weights[i] as u64 % total));
    for &i in order.iter().take(left as usize) {
        shares[i] += 1;
    }
    shares
}

/// Required on-call nurses of every `(date, shift)` of the horizon: Erlang-B
/// when `expected_pa_per_day` is given (it wins over `shifts`, which the
/// validator forbids next to it), else `shifts` (the first row of a listed
/// (date, shift); a shift not listed needs 0).
pub(super) fn requirements(facts: &Facts, pool: &PartusPool) -> BTreeMap<(NaiveDate, Shift), u32> {
    let mut req = BTreeMap::new();
    if let Some(pa) = pool.expected_pa_per_day {
        let load = pa * pool.pa_hours.unwrap_or(DEFAULT_PA_HOURS) / 24.0;
        let c = erlang_b_required(load, pool.max_blocking.unwrap_or(DEFAULT_MAX_BLOCKING));
        for d in facts.horizon() {
            for s in SHIFTS {
                req.insert((d, s), c);
            }
        }
        return req;
    }
    for d in facts.horizon() {
        for s in SHIFTS {
            req.insert((d, s), 0);
        }
    }
    let mut listed = BTreeSet::new();
    for sh in &pool.shifts {
        if facts.in_horizon(sh.date) && listed.insert((sh.date, sh.shift)) {
            req.insert((sh.date, sh.shift), sh.required);
        }
    }
    req
}

/// The providers that staff a share in scope `provider`, in scenario order,
/// with their weight: the number of their families with a home day in the
/// horizon. Providers without such a family have no share and are left out,
/// so when no provider has one the list is empty and the pool has no rows
/// (the share formula would divide by zero; the engine does the same).
pub(super) fn provider_weights<'a>(facts: &Facts<'a>) -> Vec<(&'a str, u32)> {
    let mut weights: Vec<(&str, u32)> = facts
        .scenario
        .providers
        .iter()
        .map(|p| {
            let count = facts
                .scenario
                .families
                .iter()
                .filter(|f| f.provider.as_deref() == Some(p.id.as_str()))
                .filter(|f| !facts.episodes[f.id.as_str()].during.is_empty())
                .count();
            (p.id.as_str(), count as u32)
        })
        .collect();
    weights.retain(|(_, w)| *w > 0);
    weights
}

/// The `pool[]` rows the plan must report, in the order date, shift,
/// provider. Empty without a `partus_pool`.
///
/// Which rows are listed (our decision; semantics.md says "every shift"):
/// scope `regional` lists every date × shift of the horizon, one row each
/// with `provider: null`, also when `required` is 0; scope `provider` lists
/// every date × shift × provider with a share (a provider with a family
/// with a home day in the horizon, see [`provider_weights`]), also when the
/// rounded share is 0. `covered` counts distinct eligible nurses on call
/// (scope `provider`: of that provider only); `shortfall = max(0,
/// required − covered)`; `minimum = min(partus_pool.min_on_call, required)`
/// (POOL-MIN: per provider share in scope `provider`).
pub(super) fn expected_rows(facts: &Facts) -> Vec<PoolShift> {
    let Some(pool) = &facts.scenario.partus_pool else {
        return Vec::new();
    };
    let required = requirements(facts, pool);
    // Eligible nurses on call per (date, shift).
    let mut on_call: BTreeMap<(NaiveDate, Shift), Vec<&Nurse>> = BTreeMap::new();
    for &(n, d, s) in &facts.oncall {
        let nurse = facts.nurses[n];
        if eligible(nurse, d) {
            on_call.entry((d, s)).or_default().push(nurse);
        }
    }
    let row = |d: NaiveDate, s: Shift, provider: Option<&str>, required: u32| {
        let covered = on_call
            .get(&(d, s))
            .map(|ns| {
                ns.iter()
                    .filter(|n| provider.is_none_or(|p| n.provider == p))
                    .count()
            })
            .unwrap_or(0) as u32;
        PoolShift {
            date: d,
            shift: s,
            provider: provider.map(str::to_string),
            required,
            covered,
            shortfall: required.saturating_sub(covered),
            minimum: pool.min_on_call.min(required),
        }
    };
    let mut rows = Vec::new();
    match pool.scope {
        PoolScope::Regional => {
            for (&(d, s), &req) in &required {
                rows.push(row(d, s, None, req));
            }
        }
        PoolScope::Provider => {
            let weights = provider_weights(facts);
            let w: Vec<u32> = weights.iter().map(|(_, w)| *w).collect();
            for (&(d, s), &req) in &required {
                let shares = largest_remainder(req, &w);
                for ((p, _), share) in weights.iter().zip(shares) {
                    rows.push(row(d, s, Some(p), share));
                }
            }
        }
    }
    rows
}
