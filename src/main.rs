//! `kraamplan`: the command line. Parses arguments, calls the library,
//! prints. Exit codes ([`EXIT_CODES`]): 0 ok; 1 a plan with families below
//! the floor, checker violations, or a failed variant, run or benchmark;
//! 2 bad input or usage; 3 a failure that is not the input's (the solver,
//! writing the output, an internal error), told apart by the library's
//! typed errors ([`exit_code`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use kraamplan::output::{OutputError, OutputSet};
use kraamplan::{check, engine, generate, limits, milp, model, plan, report, scenario, validate};

mod whatif_cli;

/// The exit codes, for `--help` and the README.
const EXIT_CODES: &str = "Exit codes: 0 ok; 1 a plan with families below the floor, \
checker violations, or a failed variant, run or benchmark; 2 bad input or usage; \
3 a failure that is not the input's: the solver, writing the output (a full disk, \
a folder in the way), an internal error.

--out DIR: the command's own files in DIR are replaced as one set (all or none); \
other files in DIR are kept.";

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
    Solve {
        /// Scenario JSON file.
        scenario: PathBuf,
        /// Folder for plan.json, visits.csv, oncall.csv, families.csv,
        /// nurses.csv: these five replace the old ones at once, or none does
        /// (exit 3); other files in the folder are kept.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Seconds for all solver stages together (above 0, at most 604800: one week).
        #[arg(long, default_value_t = 60.0, value_parser = limits::parse_time_limit)]
        time_limit: f64,
        /// Relative MIP gap at which a stage stops.
        #[arg(long, default_value_t = 1e-4)]
        gap: f64,
        /// HiGHS threads, 1–256.
        #[arg(long, default_value_t = 1,
              value_parser = clap::value_parser!(u32).range(1..=i64::from(limits::MAX_THREADS)))]
        threads: u32,
        /// HiGHS random seed.
        #[arg(long, default_value_t = 0)]
        seed: u32,
        /// Run the independent checker on the plan.
        #[arg(long)]
        check: bool,
        /// Print the model size per rule id.
        #[arg(long)]
        explain: bool,
        /// Show HiGHS's log.
        #[arg(long)]
        verbose: bool,
        /// Engine: `auto` (the MILP, the heuristic when the model is too large or HiGHS fails), `milp` or `heuristic`.
        #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
        engine: EngineArg,
        /// With `--engine auto`, use the heuristic when the MILP would have more columns than this.
        #[arg(long, default_value_t = 2_000_000)]
        max_columns: usize,
        /// Skip the escalation ladder: plan the region at once with every allowed
        /// measure, lending and the waiting list (no colour codes).
        #[arg(long)]
        no_ladder: bool,
    },
    /// Check a plan against its scenario with the independent checker (exit 1 on violations).
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Scenario JSON file.
        scenario: PathBuf,
        /// Plan JSON file.
        plan: PathBuf,
    },
    /// Write a realistic generated scenario.
    #[command(after_help = EXIT_CODES)]
    Generate {
        /// Births per year in the region, 1–200000.
        #[arg(long, default_value_t = 4000)]
        births_per_year: u32,
        /// Number of providers (freelancers not included), 0–100.
        #[arg(long, default_value_t = 4)]
        providers: u32,
        /// Number of freelancers, 0–1000.
        #[arg(long, default_value_t = 1)]
        freelancers: u32,
        /// ISO week of the horizon start, e.g. 2026-W30 (years 1901–2198).
        #[arg(long, default_value = "2026-W30")]
        week: String,
        /// Days in the horizon, 1–42.
        #[arg(long, default_value_t = 7)]
        days: u32,
        /// Share of nurses sick, 0–1.
        #[arg(long, default_value_t = 0.10)]
        sick: f64,
        /// Random seed; the same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Nurses on the providers' rosters per 100 births a year (3.8 in a summer week), above 0, at most 20.
        #[arg(long, default_value_t = 3.8)]
        nurses_per_100_births: f64,
        /// Measures the scenario allows, comma-separated (`none` for none).
        #[arg(long, default_value = "M-COMBINED,M-LENDING,M-FLEX")]
        measures: String,
        /// Share of expected births on the regional waiting list, 0–1.
        #[arg(long, default_value_t = 0.0)]
        waitlist: f64,
        /// Days after the horizon whose births are written as bookings (with
        /// a `due` date) for `forecast`; 0 for none, at most 366.
        #[arg(long = "bookings", value_name = "DAYS", default_value_t = 0,
              value_parser = clap::value_parser!(u32).range(0..=366))]
        bookings_days: u32,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Run every engine on every scenario of a folder (the benchmark ladder)
    /// and write the report (`BENCHMARKS.md`).
    #[command(after_help = EXIT_CODES)]
    Bench {
        /// Folder of scenario JSON files, e.g. scenarios/ladder.
        dir: PathBuf,
        /// Engines to run, comma-separated.
        #[arg(long, default_value = "milp,heuristic,auto")]
        engines: String,
        /// Seconds per run (default per rung: S 10, M 15, L 120, XL 300, else
        /// 60; at most 604800: one week).
        #[arg(long, value_parser = limits::parse_time_limit)]
        time_limit: Option<f64>,
        /// Report file.
        #[arg(long, default_value = "BENCHMARKS.md")]
        out: PathBuf,
    },
    /// What-if sweep: every combination of a grid's axes (sick share, extra
    /// births, measures, hired or lent nurses, pool scope, time limit, seeds)
    /// applied to a base scenario, solved in parallel; sweep.csv and
    /// sweep.json, one row per variant (exit 1 if a variant failed).
    #[command(after_help = EXIT_CODES)]
    Sweep(whatif_cli::SweepArgs),
    /// Monte Carlo forecast of the weekly colour codes: births sampled around
    /// the bookings' due dates, hospital days and sick leave; per week the
    /// probability of each colour and the families below the floor, with 95 %
    /// intervals (exit 1 if a run failed).
    #[command(after_help = EXIT_CODES)]
    Forecast(whatif_cli::ForecastArgs),
    /// Merge the outputs of `--shard I/N` runs into the single-run table.
    #[command(after_help = EXIT_CODES)]
    Merge(whatif_cli::MergeArgs),
    /// Print the JSON Schema of the scenario or plan format.
    Schema {
        /// Which format.
        which: SchemaKind,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum EngineArg {
    Auto,
    Milp,
    Heuristic,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Scenario,
    Plan,
}

/// Exit code for bad input or usage.
const EXIT_INPUT: u8 = 2;
/// Exit code for a failure that is not the input's: the solver, writing
/// the output, an internal error.
const EXIT_FAILURE: u8 = 3;

/// An error in the user's input or usage met on a `?` path (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BadInput(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(exit_code(&err))
        }
    }
}

/// The exit code of an error that ended a command: 2 for the user's input
/// (a scenario that cannot be read, an output path that cannot be one,
/// [`BadInput`]), 3 for everything else (the solver, writing the output,
/// internal errors). Input errors the commands report themselves return
/// `Ok(EXIT_INPUT)` and never come here.
fn exit_code(err: &anyhow::Error) -> u8 {
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

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Validate { scenario } => cmd_validate(&scenario),
        Command::Solve {
            scenario,
            out,
            time_limit,
            gap,
            threads,
            seed,
            check,
            explain,
            verbose,
            engine,
            max_columns,
            no_ladder,
        } => {
            let config = engine::EngineConfig {
                choice: match engine {
                    EngineArg::Auto => engine::EngineChoice::Auto,
                    EngineArg::Milp => engine::EngineChoice::Milp,
                    EngineArg::Heuristic => engine::EngineChoice::Heuristic,
                },
                solve: milp::SolveConfig {
                    time_limit,
                    gap,
                    threads,
                    seed,
                    verbose,
                    last_level: 6,
                },
                max_columns,
            };
            cmd_solve(&scenario, &out, &config, check, explain, !no_ladder)
        }
        Command::Check { scenario, plan } => cmd_check(&scenario, &plan),
        Command::Sweep(args) => whatif_cli::cmd_sweep(&args),
        Command::Forecast(args) => whatif_cli::cmd_forecast(&args),
        Command::Merge(args) => whatif_cli::cmd_merge(&args),
        Command::Bench {
            dir,
            engines,
            time_limit,
            out,
        } => cmd_bench(&dir, &engines, time_limit, &out),
        Command::Generate {
            births_per_year,
            providers,
            freelancers,
            week,
            days,
            sick,
            seed,
            nurses_per_100_births,
            measures,
            waitlist,
            bookings_days,
            out,
        } => {
            let start = parse_iso_week(&week)?;
            let measures: Vec<String> = measures
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty() && *m != "none")
                .map(String::from)
                .collect();
            if let Some(bad) = measures
                .iter()
                .find(|m| !scenario::MEASURE_IDS.contains(&m.as_str()))
            {
                eprintln!(
                    "error: --measures {bad}: not a measure id; use some of {}",
                    scenario::MEASURE_IDS.join(", ")
                );
                return Ok(EXIT_INPUT);
            }
            let params = generate::GenParams {
                name: format!("Generated KSV region, {week}"),
                births_per_year,
                providers,
                freelancers,
                start,
                days,
                sick,
                seed,
                nurses_per_100_births,
                measures,
                waitlist,
                bookings_days,
            };
            let bad = params.check();
            if !bad.is_empty() {
                for b in &bad {
                    eprintln!("error: {b}");
                }
                return Ok(EXIT_INPUT);
            }
            let scenario = generate::generate(&params);
            let errors = validate::errors(&scenario);
            if !errors.is_empty() {
                for e in &errors {
                    eprintln!("{e}");
                }
                eprintln!("error: the generated scenario does not validate; nothing was written — change the arguments");
                return Ok(EXIT_INPUT);
            }
            let mut json = serde_json::to_string_pretty(&scenario)?;
            json.push('\n');
            kraamplan::output::write_file(&out, json.as_bytes())?;
            println!(
                "wrote {} ({} nurses, {} families)",
                out.display(),
                scenario.nurses.len(),
                scenario.families.len()
            );
            Ok(0)
        }
        Command::Schema { which } => {
            let schema = match which {
                SchemaKind::Scenario => schemars::schema_for!(scenario::Scenario),
                SchemaKind::Plan => schemars::schema_for!(plan::Plan),
            };
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{}", serde_json::to_string_pretty(&schema)?)?;
            Ok(0)
        }
    }
}

/// Read and validate; print every issue. `Ok(None)` means exit 2 was printed for.
fn load(path: &Path) -> Result<Option<scenario::Scenario>> {
    let read = match scenario::read_scenario(path) {
        Ok(read) => read,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(None);
        }
    };
    let issues = validate::validate(&read);
    let errors = issues.iter().filter(|i| i.is_error()).count();
    for issue in &issues {
        eprintln!("{issue}");
    }
    if errors > 0 {
        eprintln!("{}: {errors} error(s); nothing was planned", path.display());
        return Ok(None);
    }
    Ok(Some(read.scenario))
}

fn cmd_validate(path: &Path) -> Result<u8> {
    match load(path)? {
        Some(s) => {
            let mut stdout = std::io::stdout().lock();
            writeln!(
                stdout,
                "{}: valid ({} providers, {} nurses, {} families, {} days from {})",
                path.display(),
                s.providers.len(),
                s.nurses.len(),
                s.families.len(),
                s.days,
                s.start
            )?;
            Ok(0)
        }
        None => Ok(EXIT_INPUT),
    }
}

fn cmd_solve(
    path: &Path,
    out: &Path,
    config: &engine::EngineConfig,
    run_check: bool,
    explain: bool,
    ladder: bool,
) -> Result<u8> {
    if let Err(message) = check_solve_args(&config.solve) {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    let Some(s) = load(path)? else {
        return Ok(EXIT_INPUT);
    };
    // Staged before solving: an output folder that cannot take the plan
    // fails now, not after the solve.
    let set = OutputSet::begin(out, &plan::OUTPUT_FILES)?;
    let problem = model::Problem::build(&s)?;
    let mut stdout = std::io::stdout().lock();
    if explain {
        explain_model(&mut stdout, &problem)?;
    }
    let plan = if ladder {
        kraamplan::escalation::plan(&s, config)?
    } else {
        engine::plan(&problem, config)?
    };
    plan.write_to(&set)?;
    set.commit()?;
    write!(stdout, "{}", report::summary(&plan, &s))?;
    writeln!(
        stdout,
        "plan written to {}",
        out.join("plan.json").display()
    )?;
    let mut code = u8::from(plan.kpi.families_below_floor > 0);
    if run_check {
        let report = check::check(&s, &plan);
        print_check(&mut stdout, &report)?;
        if !report.is_clean() {
            code = 1;
        }
    }
    Ok(code)
}

fn cmd_bench(dir: &Path, engines: &str, time_limit: Option<f64>, out: &Path) -> Result<u8> {
    let engines: Vec<&str> = engines.split(',').map(str::trim).collect();
    if let Some(bad) = engines
        .iter()
        .find(|e| !["milp", "heuristic", "auto"].contains(e))
    {
        eprintln!("error: --engines {bad}: use milp, heuristic and/or auto");
        return Ok(EXIT_INPUT);
    }
    if let Some(Err(message)) = time_limit.map(|t| limits::check_time_limit("--time-limit", t)) {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    let files = kraamplan::bench::scenario_files(dir)
        .map_err(|e| BadInput(format!("cannot read {}: {e}", dir.display())))?;
    if files.is_empty() {
        eprintln!("error: {}: no scenario (*.json) files", dir.display());
        return Ok(EXIT_INPUT);
    }
    let exe = std::env::current_exe().context("locating this binary")?;
    let machine = kraamplan::bench::machine();
    let mut rows = Vec::new();
    let mut failed = false;
    for file in &files {
        let Some(s) = load(file)? else {
            return Ok(EXIT_INPUT);
        };
        let stem = file
            .file_stem()
            .map(|x| x.to_string_lossy().to_string())
            .unwrap_or_default();
        let limit = time_limit.unwrap_or_else(|| kraamplan::bench::default_time_limit(&stem));
        for engine in &engines {
            eprintln!("bench: {stem} with {engine} ({limit} s) …");
            let row = kraamplan::bench::run_one(&exe, file, &s, engine, limit);
            failed |= row.outcome.as_ref().map_or(true, |o| o.violations > 0);
            rows.push(row);
        }
    }
    let command = format!(
        "kraamplan bench {} --engines {}{}",
        dir.display(),
        engines.join(","),
        time_limit
            .map(|t| format!(" --time-limit {t}"))
            .unwrap_or_default()
    );
    let report = kraamplan::bench::markdown(&rows, &command, &machine);
    kraamplan::output::write_file(out, report.as_bytes())?;
    print!("{report}");
    Ok(u8::from(failed))
}

/// Solver options a user can get wrong, with the fix.
fn check_solve_args(c: &milp::SolveConfig) -> Result<(), String> {
    limits::check_time_limit("--time-limit", c.time_limit)?;
    if !(0.0..=1.0).contains(&c.gap) {
        return Err(format!(
            "--gap {}: give a relative gap from 0 to 1, e.g. --gap 0.001",
            c.gap
        ));
    }
    if !(1..=limits::MAX_THREADS).contains(&c.threads) {
        return Err(format!(
            "--threads {}: give 1 to {} HiGHS threads, e.g. --threads 2",
            c.threads,
            limits::MAX_THREADS
        ));
    }
    Ok(())
}

/// Model size per rule id, and how the problem splits into independent components.
fn explain_model(out: &mut impl Write, problem: &model::Problem) -> Result<()> {
    let t0 = std::time::Instant::now();
    let built = milp::build(problem)?;
    writeln!(
        out,
        "model: {} nurses, {} families, {} days, {} arcs, {} columns, {} rows, built in {:.2} s",
        problem.nurses.len(),
        problem.families.len(),
        problem.days(),
        problem.arcs.len(),
        built.stats.columns,
        built.stats.rows.iter().map(|r| r.1).sum::<usize>(),
        t0.elapsed().as_secs_f64()
    )?;
    for (rule, rows) in &built.stats.rows {
        writeln!(out, "  {rule:<18} {rows:>8} rows")?;
    }
    if let Some(pool) = &problem.pool {
        let scope = if pool.provider_scope {
            "per provider share"
        } else {
            "regional"
        };
        match pool.erlang {
            Some(load) => writeln!(
                out,
                "partus pool ({scope}): offered load {load:.3} Erlang → {} on call per shift (Erlang-B)",
                pool.required.first().map_or(0, |d| d[0])
            )?,
            None => writeln!(out, "partus pool ({scope}): requirements as given")?,
        }
        writeln!(out, "  date        day evening night")?;
        for (t, day) in pool.required.iter().enumerate() {
            writeln!(
                out,
                "  {}  {:>3} {:>7} {:>5}",
                problem.dates[t], day[0], day[1], day[2]
            )?;
        }
    }
    let components = problem.components();
    writeln!(out, "independent components: {}", components.len())?;
    for c in &components {
        writeln!(
            out,
            "  {:>4} nurses {:>4} families {:>7} arcs",
            c.problem.nurses.len(),
            c.problem.families.len(),
            c.problem.arcs.len()
        )?;
    }
    Ok(())
}

fn cmd_check(scenario_path: &Path, plan_path: &Path) -> Result<u8> {
    let Some(s) = load(scenario_path)? else {
        return Ok(EXIT_INPUT);
    };
    let text = match limits::read_text(plan_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_INPUT);
        }
    };
    let plan = match plan::Plan::from_json(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}: {e}", plan_path.display());
            return Ok(EXIT_INPUT);
        }
    };
    let report = check::check(&s, &plan);
    let mut stdout = std::io::stdout().lock();
    print_check(&mut stdout, &report)?;
    Ok(u8::from(!report.is_clean()))
}

fn print_check(out: &mut impl Write, report: &check::CheckReport) -> Result<()> {
    writeln!(
        out,
        "checker: {} violation(s); families below the floor: {}",
        report.violations.len(),
        report.findings.len()
    )?;
    for v in &report.violations {
        writeln!(out, "  {v}")?;
    }
    for f in &report.findings {
        writeln!(out, "  {f}")?;
    }
    if !report.unverified.is_empty() {
        writeln!(
            out,
            "checker: not verifiable from the plan (consistent with its figures):"
        )?;
        for u in &report.unverified {
            writeln!(out, "  {u}")?;
        }
    }
    Ok(())
}

/// `2026-W30` → the Monday of that ISO week.
fn parse_iso_week(week: &str) -> Result<chrono::NaiveDate> {
    let bad = || {
        BadInput(format!(
            "--week {week:?}: expected an ISO week like 2026-W30"
        ))
    };
    let (year, w) = week.split_once("-W").ok_or_else(bad)?;
    let year: i32 = year.parse().map_err(|_| bad())?;
    let w: u32 = w.parse().map_err(|_| bad())?;
    Ok(chrono::NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon).ok_or_else(bad)?)
}

#[cfg(test)]
mod tests {
    use super::*;

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
                kraamplan::escalation::LadderError::from(milp::SolveError::Highs("x".into()))
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
