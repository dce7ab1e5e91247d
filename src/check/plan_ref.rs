//! PLAN-REF: the plan is a `kraamplan/plan@1` for this scenario (by name),
//! every plan row points at a known nurse and family, on a date of the
//! horizon, with hours; and a (nurse, family, date) appears only once.

use std::collections::BTreeMap;

use super::derive::Facts;
use super::Violation;
use crate::domain::rules::RuleId;

const RULE: RuleId = RuleId::PlanRef;

/// Report malformed visit and on-call rows.
pub(super) fn check(facts: &Facts, out: &mut Vec<Violation>) {
    if facts.plan.format != crate::plan::PLAN_FORMAT {
        out.push(Violation::new(
            RULE,
            format!(
                "format {:?}: this checker reads {:?} only",
                facts.plan.format,
                crate::plan::PLAN_FORMAT
            ),
        ));
    }
    if facts.plan.scenario != facts.scenario.name {
        out.push(Violation::new(
            RULE,
            format!(
                "the plan is for scenario {:?}, not for {:?}: check it against its own scenario",
                facts.plan.scenario, facts.scenario.name
            ),
        ));
    }
    if let Some(h) = facts.plan.horizon {
        if h.start != facts.scenario.start || h.days != facts.scenario.days {
            out.push(Violation::new(
                RULE,
                format!(
                    "the plan's horizon {} + {} days is not the scenario's {} + {} days",
                    h.start, h.days, facts.scenario.start, facts.scenario.days
                ),
            ));
        }
    }
    let (start, end) = (facts.start, facts.end);
    let mut seen: BTreeMap<(&str, &str, chrono::NaiveDate), u32> = BTreeMap::new();
    for v in &facts.plan.visits {
        let row = format!("visit {} at {} on {}", v.nurse, v.family, v.date);
        let base = || {
            Violation::new(RULE, String::new())
                .nurse(&v.nurse)
                .family(&v.family)
                .date(v.date)
        };
        if !facts.nurses.contains_key(v.nurse.as_str()) {
            out.push(Violation {
                message: format!("{row}: unknown nurse {}", v.nurse),
                ..base()
            });
        }
        if !facts.families.contains_key(v.family.as_str()) {
            out.push(Violation {
                message: format!("{row}: unknown family {}", v.family),
                ..base()
            });
        }
        if !facts.in_horizon(v.date) {
            out.push(Violation {
                message: format!("{row}: date outside the horizon {start} … {end}"),
                ..base()
            });
        }
        if v.hours == 0 {
            out.push(Violation {
                message: format!("{row}: 0 hours"),
                ..base()
            });
        }
        let count = seen
            .entry((v.nurse.as_str(), v.family.as_str(), v.date))
            .or_default();
        *count += 1;
        if *count == 2 {
            out.push(Violation {
                message: format!(
                    "{row}: listed more than once (one row per nurse, family and date)"
                ),
                ..base()
            });
        }
    }
    for o in &facts.plan.oncall {
        let row = format!("on-call {} on {}", o.nurse, o.date);
        if !facts.nurses.contains_key(o.nurse.as_str()) {
            out.push(
                Violation::new(RULE, format!("{row}: unknown nurse {}", o.nurse))
                    .nurse(&o.nurse)
                    .date(o.date),
            );
        }
        if !facts.in_horizon(o.date) {
            out.push(
                Violation::new(
                    RULE,
                    format!("{row}: date outside the horizon {start} … {end}"),
                )
                .nurse(&o.nurse)
                .date(o.date),
            );
        }
    }
}
