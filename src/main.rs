//! `kraamplan`: the command line. Parses arguments and hands each command
//! to its module under [`cli`], which calls the library and prints. Exit
//! codes ([`EXIT_CODES`]): 0 ok; 1 a plan with families below the floor,
//! checker violations, or a failed variant, run or benchmark; 2 bad input
//! or usage; 3 a failure that is not the input's (the solver, writing the
//! output, an internal error), told apart by the library's typed errors
//! ([`cli::exit::exit_code`]).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

mod cli;

use cli::exit::EXIT_CODES;
use cli::{
    bench, check, fairness, generate, prognose, regioplan, replan, report, roll, schema, sheets,
    solve, whatif,
};

#[derive(Parser)]
#[command(
    name = "kraamplan",
    version,
    about = "Plan Dutch maternity care (kraamzorg) under scarcity",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a scenario and list every problem at once (exit 2 on errors).
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// Scenario JSON file.
        scenario: PathBuf,
    },
    /// Plan a scenario with the MILP and write plan.json and CSV files.
    #[command(after_help = EXIT_CODES)]
    Solve(solve::SolveArgs),
    /// Check a plan against its scenario with the independent checker (exit 1 on violations).
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Scenario JSON file.
        scenario: PathBuf,
        /// Plan JSON file.
        plan: PathBuf,
        /// A re-plan: the plan it started from, to recompute its changes.
        #[arg(long)]
        previous: Option<PathBuf>,
        /// A re-plan: the locks file it was given.
        #[arg(long)]
        locks: Option<PathBuf>,
        /// A fairness audit of this plan (`kraamplan fairness`): recompute every figure of it.
        /// With an audit of delivered visits, PLAN is that visits.csv.
        #[arg(long)]
        fairness: Option<PathBuf>,
    },
    /// The scenario of the next horizon: a checked plan's days before --to
    /// carried out as history, the night's events applied (models/roll.md).
    #[command(after_help = EXIT_CODES)]
    Roll(roll::RollArgs),
    /// Re-plan the new horizon from the plan already communicated, changing
    /// as little as the floor and the pool allow; writes the plan with
    /// changes.csv and calls.csv (who must be called).
    #[command(after_help = EXIT_CODES)]
    Replan(replan::ReplanArgs),
    /// Write a realistic generated scenario.
    #[command(after_help = EXIT_CODES)]
    Generate(generate::GenerateArgs),
    /// Build a scenario from spreadsheet (CSV) files: providers, nurses,
    /// families, pool shifts and settings; every problem listed with its
    /// file, row and column (exit 2, nothing written).
    #[command(after_help = EXIT_CODES)]
    Import(sheets::ImportArgs),
    /// Write a scenario as the CSV files `import` reads back to the same scenario.
    #[command(after_help = EXIT_CODES)]
    Export(sheets::ExportArgs),
    /// Run every engine on every scenario of a folder (the benchmark ladder)
    /// and write the report (`BENCHMARKS.md`).
    #[command(after_help = EXIT_CODES)]
    Bench(bench::BenchArgs),
    /// What-if sweep: every combination of a grid's axes (sick share, extra
    /// births, measures, hired or lent nurses, pool scope, time limit, seeds)
    /// applied to a base scenario, solved in parallel; sweep.csv and
    /// sweep.json, one row per variant (exit 1 if a variant failed).
    #[command(after_help = EXIT_CODES)]
    Sweep(whatif::SweepArgs),
    /// Monte Carlo forecast of the weekly colour codes: births sampled around
    /// the bookings' due dates, hospital days and sick leave; per week the
    /// probability of each colour and the families below the floor, with 95 %
    /// intervals (exit 1 if a run failed).
    #[command(after_help = EXIT_CODES)]
    Forecast(whatif::ForecastArgs),
    /// Play a season forward night by night: the night's events drawn, the
    /// day carried out, the horizon rolled and re-planned per policy (stable
    /// re-planning against planning from scratch); realised care, calls and
    /// changes per night, with 95 % intervals (exit 1 if a run failed).
    #[command(after_help = EXIT_CODES)]
    Simulate(whatif::SimulateArgs),
    /// Forecast every week of a season (Regioplan §1.3): births by the Dutch
    /// monthly and weekday pattern, sick leave, the nurses carried week to
    /// week, each week up the escalation ladder, per solution of a sweep
    /// grid; colour probabilities, waiting list and families below the
    /// floor per week and month, with 95 % intervals (exit 1 if a run failed).
    #[command(after_help = EXIT_CODES)]
    Season(whatif::SeasonArgs),
    /// Workforce prognosis years ahead (Regioplan §1.4): nurses by contract
    /// class, leaving, trainees qualifying, the need of each summer peak by a
    /// capacity ratio calibrated on the base week, the inflow needed and the
    /// extra trainees that close the gap; prognose.csv and prognose.json.
    #[command(after_help = EXIT_CODES)]
    Prognose(prognose::PrognoseArgs),
    /// Write sections 1.3, 1.4, 2.1 and 6 of the Format Regioplan Kraamzorg
    /// from a season and a prognosis, in its Dutch headings with the
    /// numbers filled in, for the KSV to complete and sign (Markdown, and
    /// HTML with charts).
    #[command(after_help = EXIT_CODES)]
    Regioplan(regioplan::RegioplanArgs),
    /// Audit a plan, or delivered visits, for fair sharing between families,
    /// providers and insurers (exit 1 with findings); `--compare` plans the
    /// scenario under each allocation policy and tables them with the price
    /// of fairness.
    #[command(after_help = EXIT_CODES)]
    Fairness(fairness::FairnessArgs),
    /// One self-contained HTML page with charts: for a plan (SCENARIO PLAN:
    /// roster, coverage, pool, fairness, continuity, a re-plan's changes),
    /// or for a sweep, forecast, simulation or policy-comparison folder.
    #[command(after_help = EXIT_CODES)]
    Report(report::ReportArgs),
    /// Merge the outputs of `--shard I/N` runs into the single-run table.
    #[command(after_help = EXIT_CODES)]
    Merge(whatif::MergeArgs),
    /// Print the JSON Schema of the scenario, plan or events format.
    Schema {
        /// Which format.
        which: schema::SchemaKind,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if cli::exit::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(cli::exit::exit_code(&err))
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Validate { scenario } => check::cmd_validate(&scenario),
        Command::Solve(args) => solve::cmd_solve(&args),
        Command::Check {
            scenario,
            plan,
            previous,
            locks,
            fairness,
        } => check::cmd_check(
            &scenario,
            &plan,
            previous.as_deref(),
            locks.as_deref(),
            fairness.as_deref(),
        ),
        Command::Replan(args) => replan::cmd_replan(&args),
        Command::Roll(args) => roll::cmd_roll(&args),
        Command::Generate(args) => generate::cmd_generate(&args),
        Command::Import(args) => sheets::cmd_import(&args),
        Command::Export(args) => sheets::cmd_export(&args),
        Command::Bench(args) => bench::cmd_bench(&args),
        Command::Sweep(args) => whatif::cmd_sweep(&args),
        Command::Forecast(args) => whatif::cmd_forecast(&args),
        Command::Simulate(args) => whatif::cmd_simulate(&args),
        Command::Regioplan(args) => regioplan::cmd_regioplan(&args),
        Command::Season(args) => whatif::cmd_season(&args),
        Command::Prognose(args) => prognose::cmd_prognose(&args),
        Command::Fairness(args) => fairness::cmd_fairness(&args),
        Command::Report(args) => report::cmd_report(&args),
        Command::Merge(args) => whatif::cmd_merge(&args),
        Command::Schema { which } => schema::cmd_schema(which),
    }
}
