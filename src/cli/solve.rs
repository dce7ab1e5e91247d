//! `kraamplan solve`: plan a scenario and write plan.json and the CSV
//! files; `--explain` prints the model's size and components.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::output::OutputSet;
use kraamplan::plan::{self, report};
use kraamplan::scenario::limits;
use kraamplan::{check, engine, milp, model};

use super::check::print_check;
use super::exit::EXIT_INPUT;
use super::{load, EngineArg};

/// `kraamplan solve`.
#[derive(Args)]
pub struct SolveArgs {
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
    /// Allocation policy, in place of the scenario's `rules.policy`:
    /// `normenkader` (default), `utilitarian`, `proportional` or `first-come`
    /// (`models/fairness.md`). Another than `normenkader` plans the region
    /// rung, as `--no-ladder`: colour codes are the Normenkader's.
    #[arg(long)]
    policy: Option<kraamplan::domain::policy::Policy>,
    /// Also write report.html: the plan as one self-contained page with
    /// charts (`kraamplan report`). Without it an old report.html is removed
    /// with the old plan, so the folder never shows a report of another plan.
    #[arg(long)]
    html: bool,
}

/// Plan, write the output set, print the summary; exit 1 with families
/// below the floor or checker violations.
pub fn cmd_solve(a: &SolveArgs) -> Result<u8> {
    let config = engine::EngineConfig {
        choice: a.engine.choice(),
        solve: milp::SolveConfig {
            time_limit: a.time_limit,
            gap: a.gap,
            threads: a.threads,
            seed: a.seed,
            verbose: a.verbose,
            last_level: 7,
            deadline: None,
        },
        max_columns: a.max_columns,
    };
    solve(a, &config)
}

fn solve(a: &SolveArgs, config: &engine::EngineConfig) -> Result<u8> {
    let (path, out, run_check, explain, ladder, policy) = (
        a.scenario.as_path(),
        a.out.as_path(),
        a.check,
        a.explain,
        !a.no_ladder,
        a.policy,
    );
    if let Err(message) = check_solve_args(&config.solve) {
        eprintln!("error: {message}");
        return Ok(EXIT_INPUT);
    }
    let Some(mut s) = load(path)? else {
        return Ok(EXIT_INPUT);
    };
    if let Some(policy) = policy {
        s.rules.policy = Some(policy);
    }
    let policy = s.rules.policy();
    if policy != kraamplan::domain::policy::Policy::Normenkader
        && config.choice == engine::EngineChoice::Heuristic
    {
        eprintln!(
            "error: policy {policy}: the heuristic plans in the Normenkader's order only; use --engine milp or auto, or --policy normenkader"
        );
        return Ok(EXIT_INPUT);
    }
    // Staged before solving: an output folder that cannot take the plan
    // fails now, not after the solve.
    let mut own = plan::OUTPUT_FILES.to_vec();
    own.push(kraamplan::html::REPORT_FILE);
    let set = OutputSet::begin(out, &own)?;
    let problem = model::Problem::build(&s)?;
    let mut stdout = std::io::stdout().lock();
    if explain {
        explain_model(&mut stdout, &problem)?;
    }
    let plan = if ladder {
        kraamplan::engine::escalation::plan(&s, config)?
    } else {
        engine::plan(&problem, config)?
    };
    plan.write_to(&set)?;
    if a.html {
        set.write(
            kraamplan::html::REPORT_FILE,
            kraamplan::html::plan_report(&s, &plan).as_bytes(),
        )?;
    }
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
