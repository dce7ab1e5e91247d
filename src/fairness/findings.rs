//! The findings of an audit: each Normenkader expectation of fair sharing
//! that the allocation breaks beyond its stated tolerance.

use std::collections::BTreeMap;

use super::Member;
use crate::domain::rules::RuleId;
use crate::plan::fairness::{Finding, ProviderRow, Tolerance};

/// The rules the audit reports findings of.
pub const AUDITED: &[RuleId] = &[
    RuleId::EqualScaleDown,
    RuleId::WaitlistSpread,
    RuleId::InsurerFloor,
];

/// Every finding, providers first (in scenario order), then insurers (by name).
/// EQUAL-SCALE-DOWN only under the KSV's `regie` (`Audit::regie`).
pub(super) fn all(
    members: &[Member],
    providers: &[ProviderRow],
    tol: &Tolerance,
    regie: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for p in providers.iter().filter(|p| regie && p.families > 0) {
        let excess = p.scale_down - p.region_scale_down;
        if excess > tol.scale_down + 1e-9 {
            out.push(Finding::new(
                RuleId::EqualScaleDown,
                &p.provider,
                p.scale_down,
                p.region_scale_down,
                format!(
                    "provider {} scaled its {} families down by {:.1} % of their care against the region's {:.1} % ({:.1} points more; tolerance {:.1})",
                    p.provider,
                    p.families,
                    100.0 * p.scale_down,
                    100.0 * p.region_scale_down,
                    100.0 * excess,
                    100.0 * tol.scale_down
                ),
            ));
        }
    }
    let served: u32 = providers.iter().map(|p| p.waitlist_taken).sum();
    let free: f64 = providers
        .iter()
        .filter(|p| p.contracted)
        .map(|p| p.free_capacity_hours)
        .sum();
    for p in providers.iter().filter(|p| p.contracted) {
        let fewer = p.waitlist_fair_share - f64::from(p.waitlist_taken);
        if fewer > tol.waitlist + 1e-9 {
            out.push(Finding::new(
                RuleId::WaitlistSpread,
                &p.provider,
                f64::from(p.waitlist_taken),
                p.waitlist_fair_share,
                format!(
                    "provider {} took {} of the {served} waiting-list families served, against a fair share of {:.1} ({:.0} h of the contracted providers' {:.0} h free capacity; tolerance {} families)",
                    p.provider, p.waitlist_taken, p.waitlist_fair_share, p.free_capacity_hours, free, tol.waitlist
                ),
            ));
        }
    }
    let mut insurers: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for m in members {
        if let Some(i) = m.family.insurer.as_deref() {
            let e = insurers.entry(i).or_default();
            e.0 += 1;
            e.1 += u32::from(m.outcome.below_floor);
        }
    }
    let share = |(n, below): (u32, u32)| f64::from(below) / f64::from(n.max(1));
    if let Some((best, &best_counts)) = insurers
        .iter()
        .min_by(|a, b| share(*a.1).total_cmp(&share(*b.1)).then(a.0.cmp(b.0)))
    {
        for (&name, &counts) in &insurers {
            let gap = share(counts) - share(best_counts);
            if counts.1 > 0 && gap > tol.insurer + 1e-9 {
                out.push(Finding::new(
                    RuleId::InsurerFloor,
                    name,
                    share(counts),
                    share(best_counts),
                    format!(
                        "insurer {name}: {} of its {} families below the floor ({:.0} %) against {} of {} ({:.0} %) at {best} ({:.0} points more; tolerance {:.0})",
                        counts.1,
                        counts.0,
                        100.0 * share(counts),
                        best_counts.1,
                        best_counts.0,
                        100.0 * share(best_counts),
                        100.0 * gap,
                        100.0 * tol.insurer
                    ),
                ));
            }
        }
    }
    out
}
