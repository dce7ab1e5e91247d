//! The re-plan block of a plan (`kraamplan replan`, `models/replan.md`):
//! the notice window, the locks and what became of them, every change
//! against the plan already communicated, and who must be called.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::scenario::locks::Lock;
use crate::scenario::Shift;

/// What a re-plan changed against the previous plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Replan {
    /// The `scenario` of the previous plan.
    pub previous: String,
    /// Days of the notice window: visits and shifts on the first
    /// `notice_days` days of the horizon were told to nurses and families.
    pub notice_days: u32,
    /// The last day of the previous plan's horizon: changes on later days are
    /// not counted (those days were never planned).
    pub previous_end: NaiveDate,
    /// Every lock of `--locks`, and whether it held.
    #[serde(default)]
    pub locks: Vec<LockResult>,
    /// Every change, by date.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// The counts of `changes`, and the floor and pool against the previous plan.
    pub summary: ReplanSummary,
}

/// One lock and whether it held.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct LockResult {
    /// The lock as given.
    pub lock: Lock,
    /// It holds in this plan.
    pub held: bool,
    /// Why it could not hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// What a change did.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A visit the previous plan did not have.
    VisitAdded,
    /// A visit of the previous plan that is gone.
    VisitRemoved,
    /// A visit that passes to another nurse (the same family and date).
    VisitMoved,
    /// A visit with the same nurse, family and date and other hours.
    HoursChanged,
    /// An on-call shift the previous plan did not have.
    OncallAdded,
    /// An on-call shift of the previous plan that is gone.
    OncallRemoved,
    /// An on-call shift that passes to another nurse.
    OncallMoved,
}

impl ChangeKind {
    /// The JSON name, for CSV files.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::VisitAdded => "visit_added",
            ChangeKind::VisitRemoved => "visit_removed",
            ChangeKind::VisitMoved => "visit_moved",
            ChangeKind::HoursChanged => "hours_changed",
            ChangeKind::OncallAdded => "oncall_added",
            ChangeKind::OncallRemoved => "oncall_removed",
            ChangeKind::OncallMoved => "oncall_moved",
        }
    }
}

/// One side of a change: who, and for a visit how many hours.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
pub struct Side {
    /// Nurse id.
    pub nurse: String,
    /// Hours of the visit (none for an on-call shift).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
}

/// One change against the previous plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Change {
    /// The date of the visit or shift.
    pub date: NaiveDate,
    /// What changed.
    pub kind: ChangeKind,
    /// The family of a visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The shift of an on-call row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<Shift>,
    /// The row in the previous plan (none when added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Side>,
    /// The row in this plan (none when removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Side>,
    /// In the notice window: nurses and families were told.
    pub notice: bool,
    /// Notices the change costs in the objective: per changed row, one for
    /// each person who must be told (a visit: nurse and family; a shift: the
    /// nurse). A move is two rows.
    pub notices: u32,
    /// The events of the night that touch this change's nurses or family,
    /// or `re-optimised`.
    #[serde(default)]
    pub why: Vec<String>,
}

/// The counts of a re-plan.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ReplanSummary {
    /// Changes in the notice window.
    pub notice_changes: u32,
    /// Changes on draft days.
    pub draft_changes: u32,
    /// Notices in the notice window (objective level 2, re-planning).
    pub notice_notices: u32,
    /// Notices on draft days (objective level 7).
    pub draft_notices: u32,
    /// Nurses who must be called (a changed row in the notice window).
    pub nurses_to_call: u32,
    /// Families who must be called.
    pub families_to_call: u32,
    /// Families below the floor in the previous plan (its own horizon).
    pub previous_below_floor: u32,
    /// Partus-pool shifts short in the previous plan (its own horizon).
    pub previous_pool_shortfall: u32,
}

/// One person to call: a nurse or family with a changed row in the notice window.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Call {
    /// `nurse` or `family`.
    pub who: &'static str,
    /// Their id.
    pub id: String,
    /// The dates whose rows changed.
    pub days: Vec<NaiveDate>,
}

impl Replan {
    /// One row per nurse or family with a change in the notice window, with
    /// their changed days: the phone calls of tonight.
    pub fn calls(&self) -> Vec<Call> {
        let mut calls: Vec<Call> = Vec::new();
        let mut note = |who: &'static str, id: &str, d: NaiveDate| match calls
            .iter_mut()
            .find(|c| c.who == who && c.id == id)
        {
            Some(c) if !c.days.contains(&d) => c.days.push(d),
            Some(_) => {}
            None => calls.push(Call {
                who,
                id: id.to_string(),
                days: vec![d],
            }),
        };
        for c in self.changes.iter().filter(|c| c.notice) {
            for side in c.before.iter().chain(&c.after) {
                note("nurse", &side.nurse, c.date);
            }
            if let Some(f) = &c.family {
                note("family", f, c.date);
            }
        }
        for c in &mut calls {
            c.days.sort();
        }
        calls.sort();
        calls
    }
}

/// The files `replan` writes, as one set: the plan's own and the changes.
pub const REPLAN_FILES: [&str; 7] = [
    "plan.json",
    "visits.csv",
    "oncall.csv",
    "families.csv",
    "nurses.csv",
    "changes.csv",
    "calls.csv",
];

impl Replan {
    /// `changes.csv`: one row per change.
    pub fn changes_csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "date",
            "kind",
            "family",
            "shift",
            "nurse_before",
            "hours_before",
            "nurse_after",
            "hours_after",
            "notice",
            "notices",
            "why",
        ])?;
        let nurse = |s: &Option<Side>| s.as_ref().map(|s| s.nurse.clone()).unwrap_or_default();
        let hours = |s: &Option<Side>| {
            s.as_ref()
                .and_then(|s| s.hours)
                .map(|h| h.to_string())
                .unwrap_or_default()
        };
        for c in &self.changes {
            w.write_record([
                c.date.to_string(),
                c.kind.name().to_string(),
                c.family.clone().unwrap_or_default(),
                c.shift.map(|s| s.name().to_string()).unwrap_or_default(),
                nurse(&c.before),
                hours(&c.before),
                nurse(&c.after),
                hours(&c.after),
                if c.notice { "yes" } else { "no" }.to_string(),
                c.notices.to_string(),
                c.why.join("; "),
            ])?;
        }
        super::finish(w)
    }

    /// `calls.csv`: one row per nurse or family who must be called.
    pub fn calls_csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["who", "id", "changed_days", "days"])?;
        for c in self.calls() {
            let days: Vec<String> = c.days.iter().map(|d| d.to_string()).collect();
            w.write_record([
                c.who.to_string(),
                c.id,
                c.days.len().to_string(),
                days.join(" "),
            ])?;
        }
        super::finish(w)
    }

    /// The lines `replan` adds to the plan's summary.
    pub fn summary_text(&self, below_now: u32, pool_now: u32) -> String {
        let s = &self.summary;
        let mut out = format!(
            "re-plan of {:?} (notice window {} days)\n\
             changes         {} in the notice window ({} notices), {} on draft days ({} notices)\n\
             to call         {} nurses, {} families (calls.csv)\n\
             below floor     {below_now} now, {} in the previous plan\n\
             pool short      {pool_now} shifts now, {} in the previous plan\n",
            self.previous,
            self.notice_days,
            s.notice_changes,
            s.notice_notices,
            s.draft_changes,
            s.draft_notices,
            s.nurses_to_call,
            s.families_to_call,
            s.previous_below_floor,
            s.previous_pool_shortfall,
        );
        for l in self.locks.iter().filter(|l| !l.held) {
            out.push_str(&format!(
                "lock not held   {}: {}\n",
                l.lock.describe(),
                l.why.as_deref().unwrap_or("")
            ));
        }
        out
    }
}
