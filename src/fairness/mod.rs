//! The fairness audit: how a plan, or the care actually delivered, shared
//! scarce hours between families, providers and insurers, and which
//! Normenkader expectation it breaks (`models/fairness.md`).
//!
//! Every family's figures are the checker's own recomputation from the
//! visits ([`crate::check::family_outcomes`]), never what a plan reports
//! about itself, so a plan from another system or a list of delivered
//! visits is audited alike. `kraamplan check --fairness` recomputes every
//! aggregate of the audit independently (`check/fairness.rs`).

pub mod compare;
mod findings;
mod groups;
pub mod output;
mod providers;
pub mod visits;

use std::collections::BTreeMap;

use crate::domain::policy::Policy;
use crate::plan::fairness::{Audit, Tolerance, FAIRNESS_FORMAT, GROUPINGS};
use crate::plan::{FamilyOutcome, Plan};
use crate::scenario::Scenario;

pub use findings::AUDITED;

/// What to audit and how strictly.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// The groupings, each one of [`GROUPINGS`].
    pub by: Vec<String>,
    /// The findings' tolerances.
    pub tolerance: Tolerance,
    /// `plan` or `visits`.
    pub source: String,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            by: GROUPINGS.iter().map(|s| s.to_string()).collect(),
            tolerance: Tolerance::default(),
            source: "plan".into(),
        }
    }
}

/// Parse `--by`: a comma-separated list of [`GROUPINGS`], each once.
pub fn parse_by(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(',').map(str::trim) {
        if !GROUPINGS.contains(&part) {
            return Err(format!(
                "--by {text:?}: {part:?} is not a grouping; use a comma-separated list of {}",
                GROUPINGS.join(", ")
            ));
        }
        if out.iter().any(|b| b == part) {
            return Err(format!("--by {text:?}: {part:?} is listed twice"));
        }
        out.push(part.to_string());
    }
    Ok(out)
}

/// One family as the audit counts it.
pub(crate) struct Member<'a> {
    pub family: &'a crate::scenario::Family,
    pub outcome: FamilyOutcome,
}

/// Audit `plan` (or visits wrapped as one, [`visits::plan_of_visits`]) of `s`.
pub fn audit(s: &Scenario, plan: &Plan, opts: &AuditOptions) -> Audit {
    let members: Vec<Member> = s
        .families
        .iter()
        .zip(crate::check::family_outcomes(s, plan))
        .filter(|(_, o)| o.target > 0.0)
        .map(|(family, outcome)| Member { family, outcome })
        .collect();
    let region = groups::figures(&members.iter().collect::<Vec<_>>(), None);
    let groups = groups::rows(&members, &opts.by, region.scale_down_hours);
    let hours = providers::Hours::of(s, plan);
    let providers = providers::rows(s, &members, &hours);
    let regie = regie(plan, &members);
    let findings = findings::all(&members, &providers, &opts.tolerance, regie.is_some());
    Audit {
        format: FAIRNESS_FORMAT.into(),
        scenario: s.name.clone(),
        source: opts.source.clone(),
        policy: plan.policy.unwrap_or(Policy::Normenkader).to_string(),
        by: opts.by.clone(),
        tolerance: opts.tolerance,
        regie,
        region,
        groups,
        providers,
        findings,
    }
}

/// Why the KSV directs the sharing (seeds/004: once a provider is in code
/// zwart, every provider scales down alike and the waiting list is shared),
/// or `None`.
fn regie(plan: &Plan, members: &[Member]) -> Option<String> {
    let dark = |c: &str| c == "rood" || c == "zwart";
    for w in &plan.weeks {
        if dark(&w.region) {
            return Some(format!("week {}: the region is {}", w.week, w.region));
        }
        if let Some((p, c)) = w.providers.iter().find(|(_, c)| dark(c)) {
            return Some(format!("week {}: provider {p} is {c}", w.week));
        }
    }
    let listed = members
        .iter()
        .filter(|m| m.family.provider.is_none())
        .count();
    if listed > 0 {
        return Some(format!("{listed} families on the regional waiting list"));
    }
    let below = members.iter().filter(|m| m.outcome.below_floor).count();
    (plan.weeks.is_empty() && below > 0)
        .then(|| format!("{below} families below the floor (no colour codes)"))
}

/// The group a family belongs to under grouping `by`.
pub(crate) fn group_of(f: &crate::scenario::Family, by: &str) -> String {
    use crate::plan::fairness::{NO_INSURER, ON_LIST, OWN_PROVIDER, WAITING_LIST};
    match by {
        "provider" => f.provider.clone().unwrap_or_else(|| WAITING_LIST.into()),
        "insurer" => f.insurer.clone().unwrap_or_else(|| NO_INSURER.into()),
        "priority" => f.priority.to_string(),
        "complexity" => serde_json::to_value(f.complexity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        "waitlist" => if f.provider.is_none() {
            ON_LIST
        } else {
            OWN_PROVIDER
        }
        .into(),
        _ => String::new(),
    }
}

/// Families per group of grouping `by`, groups in name order.
pub(crate) fn grouped<'m, 'a>(
    members: &'m [Member<'a>],
    by: &str,
) -> BTreeMap<String, Vec<&'m Member<'a>>> {
    let mut out: BTreeMap<String, Vec<&Member>> = BTreeMap::new();
    for m in members {
        out.entry(group_of(m.family, by)).or_default().push(m);
    }
    out
}

/// The summary `kraamplan fairness` prints.
pub fn summary(a: &Audit) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let r = &a.region;
    let _ = writeln!(
        s,
        "fairness audit of {} ({}, policy {}): {} families, {} below the floor, ratio min {:.2} p10 {:.2} mean {:.2}, gini {:.3}, jain {:.3}",
        a.scenario, a.source, a.policy, r.families, r.below_floor, r.ratio_min, r.ratio_p10, r.ratio_mean, r.gini, r.jain
    );
    let _ = match &a.regie {
        Some(why) => writeln!(s, "the KSV directs the sharing ({why}): providers are held to equal scale-down"),
        None => writeln!(s, "no rood or zwart week, nobody on the waiting list: scale-down between providers is reported, not held to EQUAL-SCALE-DOWN"),
    };
    for by in &a.by {
        let _ = writeln!(s, "by {by}:");
        let _ = writeln!(
            s,
            "  {:<22} {:>8} {:>6} {:>9} {:>6} {:>6} {:>6} {:>6} {:>11}",
            "group", "families", "below", "shortfall", "mean", "min", "p10", "gini", "scale-down"
        );
        for g in a.groups.iter().filter(|g| &g.by == by) {
            let f = &g.figures;
            let _ = writeln!(
                s,
                "  {:<22} {:>8} {:>6} {:>9} {:>6.2} {:>6.2} {:>6.2} {:>6.3} {:>10.0}%",
                g.group,
                f.families,
                f.below_floor,
                f.shortfall_hours,
                f.ratio_mean,
                f.ratio_min,
                f.ratio_p10,
                f.gini,
                100.0 * f.scale_down_share
            );
        }
    }
    let _ = writeln!(s, "providers:");
    let _ = writeln!(
        s,
        "  {:<10} {:>8} {:>10} {:>8} {:>13} {:>10} {:>6} {:>8}",
        "provider",
        "families",
        "scale-down",
        "region",
        "free capacity",
        "waitlist",
        "fair",
        "lent/got"
    );
    for p in &a.providers {
        let _ = writeln!(
            s,
            "  {:<10} {:>8} {:>9.1}% {:>7.1}% {:>11.0} h {:>10} {:>6.1} {:>4}/{:<4}",
            p.provider,
            p.families,
            100.0 * p.scale_down,
            100.0 * p.region_scale_down,
            p.free_capacity_hours,
            p.waitlist_taken,
            p.waitlist_fair_share,
            p.lent_hours,
            p.borrowed_hours
        );
    }
    if a.findings.is_empty() {
        let _ = writeln!(s, "findings: none");
    } else {
        let _ = writeln!(s, "findings: {}", a.findings.len());
        for f in &a.findings {
            let _ = writeln!(s, "  {:<16} {}", f.rule, f.message);
        }
    }
    s
}

#[cfg(test)]
mod tests;
