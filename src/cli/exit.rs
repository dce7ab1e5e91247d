//! Exit codes: 0 ok; 1 a plan with families below the floor, checker
//! violations, or a failed variant, run or benchmark; 2 bad input or usage;
//! 3 a failure that is not the input's (the solver, writing the output, an
//! internal error), told apart by the library's typed errors ([`exit_code`]).

use kraamplan::output::OutputError;
use kraamplan::scenario::{self, limits};

/// The exit codes, for `--help` and the README.
pub const EXIT_CODES: &str = "Exit codes: 0 ok; 1 a plan with families below the floor, \
checker violations, or a failed variant, run or benchmark; 2 bad input or usage; \
3 a failure that is not the input's: the solver, writing the output (a full disk, \
a folder in the way), an internal error.

--out DIR: the command's own files in DIR are replaced as one set (all or none); \
other files in DIR are kept.";

/// Exit code for bad input or usage.
pub const EXIT_INPUT: u8 = 2;
/// Exit code for a failure that is not the input's: the solver, writing
/// the output, an internal error.
pub const EXIT_FAILURE: u8 = 3;

/// An error in the user's input or usage met on a `?` path (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// The exit code of an error that ended a command: 2 for the user's input
/// (a scenario that cannot be read, an output path that cannot be one,
/// [`BadInput`]), 3 for everything else (the solver, writing the output,
/// internal errors). Input errors the commands report themselves return
/// `Ok(EXIT_INPUT)` and never come here.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<OutputError>() {
            return if e.is_usage() {
                EXIT_INPUT
            } else {
                EXIT_FAILURE
            };
        }
        if cause.is::<BadInput>()
            || cause.is::<scenario::ReadError>()
            || cause.is::<limits::InputError>()
        {
            return EXIT_INPUT;
        }
    }
    EXIT_FAILURE
}

/// Whether the error is stdout closed early (`kraamplan … | head`): exit 0.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use kraamplan::milp;

    #[test]
    fn issue11_exit_codes_follow_the_error_kind() {
        let io = || std::io::Error::other("disk full");
        let write = OutputError::Io {
            action: "write",
            path: "out/visits.csv".into(),
            cause: io(),
        };
        let target = OutputError::Target {
            path: "out".into(),
            reason: "is a file".into(),
        };
        let read = scenario::ReadError::Syntax {
            path: "s.json".into(),
            message: "expected value at line 1 column 1".into(),
        };
        let unreadable = limits::InputError::Directory {
            path: "plan.json".into(),
        };
        let solver = milp::SolveError::Highs("no licence for this".into());
        let cases: Vec<(anyhow::Error, u8)> = vec![
            (write.into(), EXIT_FAILURE),
            (target.into(), EXIT_INPUT),
            (read.into(), EXIT_INPUT),
            (unreadable.into(), EXIT_INPUT),
            (BadInput("--week".into()).into(), EXIT_INPUT),
            (solver.into(), EXIT_FAILURE),
            (
                kraamplan::engine::escalation::LadderError::from(milp::SolveError::Highs(
                    "x".into(),
                ))
                .into(),
                EXIT_FAILURE,
            ),
            (anyhow::anyhow!("an internal error"), EXIT_FAILURE),
            (
                anyhow::Error::from(OutputError::Target {
                    path: "out".into(),
                    reason: "x".into(),
                })
                .context("with context"),
                EXIT_INPUT,
            ),
        ];
        for (err, code) in cases {
            assert_eq!(exit_code(&err), code, "{err:#}");
        }
    }
}
