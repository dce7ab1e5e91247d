//! Writing an audit: `fairness.json` (all of it), `fairness.csv` (the
//! region and every group) and `fairness-providers.csv`, as one set.

use std::path::Path;

use crate::output::{OutputError, OutputSet};
use crate::plan::fairness::{Audit, GroupFigures};
use crate::whatif::output::{fixed, write_csv, write_json};

/// The files of an audit.
pub const OUTPUT_FILES: [&str; 3] = ["fairness.json", "fairness.csv", "fairness-providers.csv"];

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn group_cells(by: &str, group: &str, f: &GroupFigures) -> Vec<String> {
    vec![
        by.to_string(),
        group.to_string(),
        f.families.to_string(),
        f.below_floor.to_string(),
        f.shortfall_hours.to_string(),
        f.delivered_hours.to_string(),
        fixed(f.target_hours, 2),
        fixed(f.ratio_mean, 4),
        fixed(f.ratio_min, 4),
        fixed(f.ratio_p10, 4),
        fixed(f.gini, 4),
        fixed(f.jain, 4),
        fixed(f.scale_down_hours, 2),
        fixed(f.scale_down_share, 4),
    ]
}

/// Stage [`OUTPUT_FILES`] of `a` into `set`.
pub fn write_to(set: &OutputSet, a: &Audit) -> Result<(), OutputError> {
    write_json(set, "fairness.json", a)?;
    let header = strings(&[
        "by",
        "group",
        "families",
        "below_floor",
        "shortfall_hours",
        "delivered_hours",
        "target_hours",
        "ratio_mean",
        "ratio_min",
        "ratio_p10",
        "gini",
        "jain",
        "scale_down_hours",
        "scale_down_share",
    ]);
    let mut rows = vec![group_cells("region", "all", &a.region)];
    rows.extend(
        a.groups
            .iter()
            .map(|g| group_cells(&g.by, &g.group, &g.figures)),
    );
    write_csv(set, "fairness.csv", &header, &rows)?;
    let header = strings(&[
        "provider",
        "families",
        "scale_down",
        "region_scale_down",
        "capacity_hours",
        "floor_hours",
        "free_capacity_hours",
        "contracted",
        "waitlist_taken",
        "waitlist_fair_share",
        "lent_hours",
        "borrowed_hours",
        "waitlist_hours",
        "findings",
    ]);
    let rows: Vec<Vec<String>> = a
        .providers
        .iter()
        .map(|p| {
            let findings: Vec<&str> = a
                .findings
                .iter()
                .filter(|f| f.subject == p.provider)
                .map(|f| f.rule.as_str())
                .collect();
            vec![
                p.provider.clone(),
                p.families.to_string(),
                fixed(p.scale_down, 4),
                fixed(p.region_scale_down, 4),
                fixed(p.capacity_hours, 1),
                p.floor_hours.to_string(),
                fixed(p.free_capacity_hours, 1),
                p.contracted.to_string(),
                p.waitlist_taken.to_string(),
                fixed(p.waitlist_fair_share, 2),
                p.lent_hours.to_string(),
                p.borrowed_hours.to_string(),
                p.waitlist_hours.to_string(),
                findings.join(" "),
            ]
        })
        .collect();
    write_csv(set, "fairness-providers.csv", &header, &rows)
}

/// Write [`OUTPUT_FILES`] of `a` into `dir` as one set.
pub fn write(dir: &Path, a: &Audit) -> Result<(), OutputError> {
    let set = OutputSet::begin(dir, &OUTPUT_FILES)?;
    write_to(&set, a)?;
    set.commit()
}
