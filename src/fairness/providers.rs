//! Each provider's part in sharing the region's care: its scale-down
//! against the region's, the waiting-list families it took against its
//! fair share of free capacity, and the hours lent and borrowed.

use std::collections::BTreeMap;

use super::Member;
use crate::plan::fairness::ProviderRow;
use crate::plan::Plan;
use crate::scenario::{Role, Scenario};

/// Hours between providers, from the plan's visits.
#[derive(Default)]
pub(super) struct Hours {
    /// Per provider: hours its nurses gave to another provider's families.
    lent: BTreeMap<String, u32>,
    /// Per provider: hours its families got from another provider's nurses.
    borrowed: BTreeMap<String, u32>,
    /// Per provider: hours its nurses gave to waiting-list families.
    waitlist: BTreeMap<String, u32>,
}

impl Hours {
    /// Count the visits of `plan` that name a known nurse and family in the horizon.
    pub(super) fn of(s: &Scenario, plan: &Plan) -> Hours {
        let nurse: BTreeMap<&str, &str> = s
            .nurses
            .iter()
            .map(|n| (n.id.as_str(), n.provider.as_str()))
            .collect();
        let family: BTreeMap<&str, Option<&str>> = s
            .families
            .iter()
            .map(|f| (f.id.as_str(), f.provider.as_deref()))
            .collect();
        let end = s.end();
        let mut h = Hours::default();
        for v in &plan.visits {
            let (Some(&np), Some(&fp)) =
                (nurse.get(v.nurse.as_str()), family.get(v.family.as_str()))
            else {
                continue;
            };
            if v.date < s.start || v.date > end {
                continue;
            }
            match fp {
                None => *h.waitlist.entry(np.into()).or_default() += v.hours,
                Some(fp) if fp != np => {
                    *h.lent.entry(np.into()).or_default() += v.hours;
                    *h.borrowed.entry(fp.into()).or_default() += v.hours;
                }
                Some(_) => {}
            }
        }
        h
    }
}

/// `1 − Σ min(delivered, target) / Σ target` of `members` (0 without any).
fn scale_down<'a>(members: impl Iterator<Item = &'a Member<'a>>) -> f64 {
    let (got, target) = members.fold((0.0, 0.0), |(g, t), m| {
        (
            g + (m.outcome.planned as f64).min(m.outcome.target),
            t + m.outcome.target,
        )
    });
    if target > 0.0 {
        1.0 - got / target
    } else {
        0.0
    }
}

/// Care hours provider `p`'s qualified nurses could give in the horizon.
pub(crate) fn capacity(s: &Scenario, p: &str) -> f64 {
    let (start, end) = (s.start, s.end());
    let per_day = f64::from(s.rules.max_family_hours_per_day());
    s.nurses
        .iter()
        .filter(|n| n.provider == p && n.role == Role::Nurse)
        .map(|n| {
            let off = n.off.iter().filter(|d| start <= **d && **d <= end).count();
            let available = (s.days as usize).saturating_sub(off) as f64;
            (f64::from(n.contract_max) * f64::from(s.days) / 7.0).min(available * per_day)
        })
        .sum()
}

/// One row per provider of the scenario.
pub(super) fn rows(s: &Scenario, members: &[Member], hours: &Hours) -> Vec<ProviderRow> {
    let region = scale_down(members.iter().filter(|m| m.family.provider.is_some()));
    let waitlist_served: Vec<&Member> = members
        .iter()
        .filter(|m| m.family.provider.is_none() && m.outcome.served_by.is_some())
        .collect();
    let mut rows: Vec<ProviderRow> = s
        .providers
        .iter()
        .map(|p| {
            let own = || {
                members
                    .iter()
                    .filter(|m| m.family.provider.as_deref() == Some(&p.id))
            };
            let capacity_hours = capacity(s, &p.id);
            let floor_hours: u32 = own().map(|m| m.outcome.floor).sum();
            let get = |m: &BTreeMap<String, u32>| m.get(&p.id).copied().unwrap_or(0);
            ProviderRow {
                provider: p.id.clone(),
                families: own().count() as u32,
                scale_down: scale_down(own()),
                region_scale_down: region,
                capacity_hours,
                floor_hours,
                free_capacity_hours: (capacity_hours - f64::from(floor_hours)).max(0.0),
                contracted: p.contracted,
                waitlist_taken: waitlist_served
                    .iter()
                    .filter(|m| m.outcome.served_by.as_deref() == Some(&p.id))
                    .count() as u32,
                waitlist_fair_share: 0.0,
                lent_hours: get(&hours.lent),
                borrowed_hours: get(&hours.borrowed),
                waitlist_hours: get(&hours.waitlist),
            }
        })
        .collect();
    let free: f64 = rows
        .iter()
        .filter(|r| r.contracted)
        .map(|r| r.free_capacity_hours)
        .sum();
    if free > 0.0 {
        let served = waitlist_served.len() as f64;
        for r in rows.iter_mut().filter(|r| r.contracted) {
            r.waitlist_fair_share = served * r.free_capacity_hours / free;
        }
    }
    rows
}
