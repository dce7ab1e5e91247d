//! The partus pool's table, its on-call slots, and the weeks of the horizon.

use super::*;

/// The requirement table of a pool (`models/semantics.md`, Partus pool).
pub(super) fn pool_table(pool: &crate::scenario::PartusPool, p: &Problem) -> PoolTable {
    let mut weights = vec![0u32; p.providers.len()];
    for (f, fam) in p.families.iter().enumerate() {
        if let (Some(pr), true) = (fam.provider, p.home_days(f).next().is_some()) {
            weights[pr as usize] += 1;
        }
    }
    let required = (0..p.days())
        .map(|t| {
            crate::model::pool::SHIFTS
                .map(|shift| crate::model::pool::required(pool, p.start, t, shift))
        })
        .collect();
    PoolTable {
        provider_scope: crate::model::pool::is_provider_scope(pool),
        required,
        weights,
        erlang: crate::model::pool::offered_load(pool),
        min_on_call: pool.min_on_call,
    }
}

/// The pool shifts to staff: one per date and shift in a regional pool, one
/// per date, shift and provider share in a provider-scope pool; shifts that
/// need nobody are left out.
pub(super) fn build_slots(table: &PoolTable) -> Vec<PoolSlot> {
    let mut slots = Vec::new();
    for (t, day) in table.required.iter().enumerate() {
        for (s, &required) in day.iter().enumerate() {
            let shift = crate::model::pool::SHIFTS[s];
            if required == 0 {
                continue;
            }
            if table.provider_scope {
                for (pr, &share) in table.shares(t, s).iter().enumerate() {
                    if share > 0 {
                        slots.push(PoolSlot {
                            day: t as u32,
                            shift,
                            provider: Some(pr as u32),
                            required: share,
                            minimum: table.minimum(share),
                        });
                    }
                }
            } else {
                slots.push(PoolSlot {
                    day: t as u32,
                    shift,
                    provider: None,
                    required,
                    minimum: table.minimum(required),
                });
            }
        }
    }
    slots
}

pub(super) fn build_weeks(start: NaiveDate, dates: &[NaiveDate]) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    for (t, d) in dates.iter().enumerate() {
        let key = week_key(*d);
        match weeks.last_mut() {
            Some(w) if w.key == key => w.days.end = t + 1,
            _ => weeks.push(Week {
                key,
                offset: weeks_between(start, *d) as u32,
                days: t..t + 1,
                full: false,
            }),
        }
    }
    for w in &mut weeks {
        w.full = w.days.len() == 7 && monday_of(dates[w.days.start]) == dates[w.days.start];
    }
    weeks
}
