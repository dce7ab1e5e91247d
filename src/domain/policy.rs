//! Allocation policies: who gets the scarce hours. The Normenkader's order
//! is the default; the others exist so that a region can see what a
//! different rule would have cost (`kraamplan fairness --compare`).

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::suggest::{closest, Reach};

/// How the engine shares care when there is not enough of it
/// (`models/fairness.md` writes each objective down).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// The floor for everyone first, then priority, then equal scale-down
    /// between providers and equal ratios between families.
    #[default]
    Normenkader,
    /// The floor first, then as many delivered hours as possible, however
    /// they fall: no fairness level.
    Utilitarian,
    /// Every family the same share of its indication, ranked above the floor.
    Proportional,
    /// Families in order of `care_start`: an earlier family's hours before a
    /// later family's, ranked above the floor (a region without a KSV).
    FirstCome,
}

impl Policy {
    /// Every policy, in the order tables list them.
    pub const ALL: [Policy; 4] = [
        Policy::Normenkader,
        Policy::Utilitarian,
        Policy::Proportional,
        Policy::FirstCome,
    ];

    /// The name in scenarios, on the command line and in tables.
    pub const fn as_str(self) -> &'static str {
        match self {
            Policy::Normenkader => "normenkader",
            Policy::Utilitarian => "utilitarian",
            Policy::Proportional => "proportional",
            Policy::FirstCome => "first-come",
        }
    }

    /// The names, for messages.
    pub fn names() -> String {
        Policy::ALL.map(Policy::as_str).join(", ")
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Policy {
    type Err = String;

    /// A policy by name; an unknown name says which are known, and the closest.
    fn from_str(s: &str) -> Result<Policy, String> {
        if let Some(p) = Policy::ALL.iter().find(|p| p.as_str() == s) {
            return Ok(*p);
        }
        let hint = closest(s, Policy::ALL.map(Policy::as_str), Reach::ThirdOfCandidate)
            .map(|c| format!(" (did you mean {c:?}?)"))
            .unwrap_or_default();
        Err(format!(
            "unknown policy {s:?}{hint}: the policies are {}",
            Policy::names()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_reads_back_from_its_name_and_a_typo_gets_a_hint() {
        for p in Policy::ALL {
            assert_eq!(p.as_str().parse::<Policy>(), Ok(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("{:?}", p.as_str()));
        }
        let e = "first_come".parse::<Policy>().unwrap_err();
        assert!(e.contains("did you mean \"first-come\""), "{e}");
    }
}
