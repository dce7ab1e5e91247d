//! Care per family: CARE-MAX (a violation) and CARE-MIN-DAY / CARE-MIN-TOTAL
//! (findings: a family below the floor is an outcome, not an error).

use std::collections::BTreeSet;

use super::derive::{Facts, DAY_FLOOR};
use super::{Finding, Violation};
use crate::domain::rules::RuleId;

const RULE_MAX: RuleId = RuleId::CareMax;

/// CARE-MAX: care only on home days, at most `max_family_hours_per_day` a
/// day, and never more than the indication over the episode.
pub(super) fn check_max(facts: &Facts, out: &mut Vec<Violation>) {
    let mut reported = BTreeSet::new();
    for v in &facts.visits {
        let ep = &facts.episodes[v.family.as_str()];
        if ep.is_home_day(v.date) || !reported.insert((v.family.as_str(), v.date)) {
            continue;
        }
        let family = facts.families[v.family.as_str()];
        let why = if family.hospital.contains(&v.date) {
            "a hospital day".to_string()
        } else {
            let last =
                crate::domain::calendar::add_days(family.care_start, family.care_days as i64 - 1);
            format!("outside the episode {} … {last}", family.care_start)
        };
        out.push(
            Violation::new(
                RULE_MAX,
                format!(
                    "{} gets care from {} on {}, {why}, not a home day",
                    v.family, v.nurse, v.date
                ),
            )
            .nurse(&v.nurse)
            .family(&v.family)
            .date(v.date),
        );
    }

    let max_day = facts.scenario.rules.max_family_hours_per_day();
    for (f, days) in &facts.family_hours {
        for (d, h) in days {
            if *h > max_day {
                out.push(
                    Violation::new(
                        RULE_MAX,
                        format!("{f} gets {h} h on {d} > max {max_day} a day"),
                    )
                    .family(f)
                    .date(*d),
                );
            }
        }
        let family = facts.families[f];
        let ep = &facts.episodes[f];
        let planned: u32 = days.values().sum();
        let total = family.delivered_before + planned;
        if total > ep.indicated {
            out.push(
                Violation::new(
                    RULE_MAX,
                    format!(
                        "{f} gets {total} h in total ({} before + {planned} planned) > indicated {} \
                         ({} h − 6 h × {} hospital days, at least the episode floor {})",
                        family.delivered_before,
                        ep.indicated,
                        family.indicated_hours,
                        ep.hospital_days,
                        ep.floor_total
                    ),
                )
                .family(f),
            );
        }
    }
}

/// One finding per family below the floor. The rule named is the one that
/// decides the shortfall: `CARE-MIN-DAY` when the daily minimum costs at
/// least as much as the horizon total, else `CARE-MIN-TOTAL`.
pub(super) fn findings(facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &facts.scenario.families {
        let fig = facts.family_figures(f);
        let o = &fig.outcome;
        if o.shortfall == 0 {
            continue;
        }
        let rule = if fig.day_short >= fig.total_short {
            RuleId::CareMinDay
        } else {
            RuleId::CareMinTotal
        };
        let mut parts = Vec::new();
        if fig.day_short > 0 {
            let days: Vec<String> = o.short_days.iter().map(|d| d.to_string()).collect();
            parts.push(format!(
                "{} home day(s) under {DAY_FLOOR} h ({}), {} h short",
                o.short_days.len(),
                days.join(", "),
                fig.day_short
            ));
        }
        if fig.total_short > 0 {
            let ep = &facts.episodes[f.id.as_str()];
            parts.push(format!(
                "planned {} h < horizon floor {} h, {} h short (episode floor {} h, {} h before \
                 the horizon, {} home days after it)",
                o.planned, o.floor, fig.total_short, ep.floor_total, f.delivered_before, ep.after
            ));
        }
        out.push(Finding {
            rule,
            family: f.id.clone(),
            shortfall: o.shortfall,
            short_days: o.short_days.clone(),
            message: format!(
                "{} is {} h below the floor: {}",
                f.id,
                o.shortfall,
                parts.join("; ")
            ),
        });
    }
    out
}
