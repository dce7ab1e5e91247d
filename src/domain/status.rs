//! How far a solve got: the status of an engine and of each objective level.
//! Engines reason with [`SolveStatus`]; a plan carries its text
//! (`plan.engine.status`), which the checker reads back with
//! [`SolveStatus::parse`] and refuses when it is not one of these.

use std::fmt;

/// Status of an engine run or of one objective level, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SolveStatus {
    /// Proven optimal: the value meets its bound.
    Optimal,
    /// Stopped at the relative MIP gap.
    GapLimit,
    /// Stopped at the time limit.
    TimeLimit,
    /// Stopped at an iteration or solution limit.
    Limit,
    /// Stopped at the memory limit.
    MemoryLimit,
    /// A plan that keeps every hard rule, without a proof (claims nothing: the default).
    #[default]
    Feasible,
}

impl SolveStatus {
    /// Every status, best first.
    pub const ALL: [SolveStatus; 6] = [
        SolveStatus::Optimal,
        SolveStatus::GapLimit,
        SolveStatus::TimeLimit,
        SolveStatus::Limit,
        SolveStatus::MemoryLimit,
        SolveStatus::Feasible,
    ];

    /// The text a plan carries.
    pub const fn as_str(self) -> &'static str {
        match self {
            SolveStatus::Optimal => "optimal",
            SolveStatus::GapLimit => "gap_limit",
            SolveStatus::TimeLimit => "time_limit",
            SolveStatus::Limit => "limit",
            SolveStatus::MemoryLimit => "memory_limit",
            SolveStatus::Feasible => "feasible",
        }
    }

    /// The status a plan's text names, if any.
    pub fn parse(text: &str) -> Option<SolveStatus> {
        SolveStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Severity, for the worst over stages or components: a time or
    /// iteration limit ranks alike; memory and plain feasibility last.
    pub fn rank(self) -> u8 {
        match self {
            SolveStatus::Optimal => 0,
            SolveStatus::GapLimit => 1,
            SolveStatus::Limit | SolveStatus::TimeLimit => 2,
            SolveStatus::MemoryLimit | SolveStatus::Feasible => 3,
        }
    }

    /// The worse of two statuses (`self` when they rank alike).
    pub fn worse(self, other: SolveStatus) -> SolveStatus {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

impl fmt::Display for SolveStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::SolveStatus;

    #[test]
    fn every_status_reads_back_and_the_worse_wins() {
        for s in SolveStatus::ALL {
            assert_eq!(SolveStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(SolveStatus::parse("best"), None);
        assert_eq!(
            SolveStatus::Optimal.worse(SolveStatus::GapLimit),
            SolveStatus::GapLimit
        );
        assert_eq!(
            SolveStatus::TimeLimit.worse(SolveStatus::Limit),
            SolveStatus::TimeLimit
        );
        assert_eq!(
            SolveStatus::Feasible.worse(SolveStatus::Optimal),
            SolveStatus::Feasible
        );
    }
}
