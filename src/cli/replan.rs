//! `kraamplan replan`: plan the new horizon from the plan already
//! communicated, and write the plan with changes.csv and calls.csv.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::engine::replan::{replan, Request};
use kraamplan::output::OutputSet;
use kraamplan::plan::replan::REPLAN_FILES;
use kraamplan::plan::report;
use kraamplan::scenario::limits;
use kraamplan::{check, engine, milp};

use super::check::{print_check, read_locks, read_plan};
use super::exit::EXIT_INPUT;
use super::{load, EngineArg};

/// `kraamplan replan`.
#[derive(Args)]
pub struct ReplanArgs {
    /// The scenario of the new horizon (e.g. written by `kraamplan roll`).
    scenario: PathBuf,
    /// The plan already communicated to nurses and families.
    #[arg(long)]
    previous: PathBuf,
    /// Folder for plan.json, visits.csv, oncall.csv, families.csv,
    /// nurses.csv, changes.csv and calls.csv, replaced as one set.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Days of the notice window: the previous plan's rows on the first N
    /// days were told to nurses and families (0–42).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=42))]
    notice: u32,
    /// A locks file (`kraamplan/locks@1`): visits and shifts to keep, nurse–family pairs to forbid.
    #[arg(long)]
    locks: Option<PathBuf>,
    /// Seconds for all solver stages together (above 0, at most 604800: one week).
    #[arg(long, default_value_t = 60.0, value_parser = limits::parse_time_limit)]
    time_limit: f64,
    /// Engine: `auto`, `milp` or `heuristic` (as for `solve`).
    #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
    engine: EngineArg,
    /// HiGHS threads, 1–256.
    #[arg(long, default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(limits::MAX_THREADS)))]
    threads: u32,
    /// Run the independent checker on the plan, with the previous plan and the locks.
    #[arg(long)]
    check: bool,
    /// Also write report.html: the plan with its changes highlighted and
    /// the people to call (`kraamplan report`).
    #[arg(long)]
    html: bool,
    /// Show HiGHS's log.
    #[arg(long)]
    verbose: bool,
    /// Plan from scratch, ignoring the previous plan, and report the changes
    /// such a plan would make (to compare with a re-plan); takes no --locks.
    #[arg(long, conflicts_with = "locks")]
    from_scratch: bool,
}

/// Re-plan, write the output set, print the summary; exit 1 with families
/// below the floor or checker violations.
pub fn cmd_replan(a: &ReplanArgs) -> Result<u8> {
    let Some(s) = load(&a.scenario)? else {
        return Ok(EXIT_INPUT);
    };
    let Some(previous) = read_plan(&a.previous) else {
        return Ok(EXIT_INPUT);
    };
    let locks = match &a.locks {
        Some(path) => match read_locks(path, &s) {
            Some(l) => l,
            None => return Ok(EXIT_INPUT),
        },
        None => Vec::new(),
    };
    let mut own = REPLAN_FILES.to_vec();
    own.push(kraamplan::html::REPORT_FILE);
    let set = OutputSet::begin(&a.out, &own)?;
    let config = engine::EngineConfig {
        choice: a.engine.choice(),
        solve: milp::SolveConfig {
            time_limit: a.time_limit,
            threads: a.threads,
            verbose: a.verbose,
            ..milp::SolveConfig::default()
        },
        ..engine::EngineConfig::default()
    };
    let req = Request {
        previous: &previous,
        notice_days: a.notice,
        locks: &locks,
        from_scratch: a.from_scratch,
    };
    let plan = replan(&s, req, &config)?;
    let r = plan.replan.as_ref().expect("replan writes its block");
    plan.write_to(&set)?;
    let csv = |name: &'static str, bytes: std::io::Result<Vec<u8>>| {
        bytes.map_err(|cause| kraamplan::output::OutputError::Io {
            action: "write",
            path: set.shown().join(name),
            cause,
        })
    };
    set.write("changes.csv", &csv("changes.csv", r.changes_csv())?)?;
    set.write("calls.csv", &csv("calls.csv", r.calls_csv())?)?;
    if a.html {
        set.write(
            kraamplan::html::REPORT_FILE,
            kraamplan::html::plan_report(&s, &plan).as_bytes(),
        )?;
    }
    set.commit()?;
    let mut stdout = std::io::stdout().lock();
    write!(stdout, "{}", report::summary(&plan, &s))?;
    write!(
        stdout,
        "{}",
        r.summary_text(plan.kpi.families_below_floor, plan.kpi.pool_shortfall)
    )?;
    writeln!(
        stdout,
        "plan written to {}",
        a.out.join("plan.json").display()
    )?;
    let mut code = u8::from(plan.kpi.families_below_floor > 0);
    if a.check {
        let ctx = check::Context {
            previous: Some(&previous),
            locks: Some(&locks),
        };
        let report = check::check_with(&s, &plan, ctx);
        print_check(&mut stdout, &report)?;
        if !report.is_clean() {
            code = 1;
        }
    }
    Ok(code)
}
