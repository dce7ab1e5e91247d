//! `kraamplan bench DIR`: every engine on every scenario of a benchmark
//! ladder, each run in a child process of this binary so that its wall time
//! and peak memory are its own, and a report in Markdown (`BENCHMARKS.md`).
//!
//! A run is `kraamplan solve FILE --engine E --no-ladder --time-limit T`: the
//! engines are compared on the region rung (every allowed measure at once),
//! not on the escalation ladder, which multiplies the solves. Every plan is
//! checked by the independent checker in this process.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::plan::Plan;
use crate::scenario::Scenario;

/// One engine on one scenario.
#[derive(Debug, Clone)]
pub struct BenchRow {
    /// Scenario file stem (`S`, `M`, …).
    pub scenario: String,
    /// Nurses and families of the scenario.
    pub size: (usize, usize),
    /// `milp`, `heuristic` or `auto`.
    pub engine: String,
    /// Time limit given.
    pub time_limit: f64,
    /// What the run produced, or why it failed.
    pub outcome: Result<RunOutcome, String>,
}

/// The figures of a finished run.
#[derive(Debug, Clone)]
pub struct RunOutcome {
    /// Engine that made the plan (auto may answer with the heuristic) and its status.
    pub made_by: String,
    /// Solver status.
    pub status: String,
    /// Seconds until the first complete, checker-clean plan existed.
    pub first_plan: f64,
    /// Wall-clock seconds of the whole child process (reading, solving, writing).
    pub total: f64,
    /// Families below the floor and the certified minimum.
    pub below: (u32, u32),
    /// Delivered hours.
    pub delivered: u32,
    /// Level-1 objective, its bound and relative gap.
    pub objective: (f64, f64, f64),
    /// The largest relative gap over the lower levels, with its level name.
    pub worst_level_gap: Option<(f64, String)>,
    /// Pool nurse-shifts short (level 2).
    pub pool_short: u32,
    /// Nurse–family pairs where the nurse is new to the family (level 5).
    pub new_nurses: u32,
    /// Peak resident memory of the child in MiB.
    pub peak_mib: f64,
    /// Violations the independent checker found.
    pub violations: usize,
}

/// Default time limit per ladder rung (`S`, `M`, `L`, `XL`), from the targets.
pub fn default_time_limit(stem: &str) -> f64 {
    match stem {
        "S" => 10.0,
        "M" => 15.0,
        "L" => 120.0,
        "XL" => 300.0,
        "scarce-S" | "scarce-M" => 60.0,
        "scarce-L" | "scarce-XL" => 300.0,
        _ => 60.0,
    }
}

/// Scenario files of `dir`, smallest first (by file size).
pub fn scenario_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0), p))
        .collect();
    files.sort();
    Ok(files.into_iter().map(|(_, p)| p).collect())
}

/// Run `engine` on `file` in a child process of `exe`.
pub fn run_one(exe: &Path, file: &Path, s: &Scenario, engine: &str, time_limit: f64) -> BenchRow {
    let stem = file
        .file_stem()
        .map(|x| x.to_string_lossy().to_string())
        .unwrap_or_default();
    let outcome = run_child(exe, file, s, engine, time_limit);
    BenchRow {
        scenario: stem,
        size: (s.nurses.len(), s.families.len()),
        engine: engine.to_string(),
        time_limit,
        outcome,
    }
}

fn run_child(
    exe: &Path,
    file: &Path,
    s: &Scenario,
    engine: &str,
    time_limit: f64,
) -> Result<RunOutcome, String> {
    let out = tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?;
    let started = Instant::now();
    let child = Command::new(exe)
        .arg("solve")
        .arg(file)
        .arg("--out")
        .arg(out.path())
        .args(["--engine", engine, "--no-ladder", "--time-limit"])
        .arg(time_limit.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let (code, peak_kib) = wait_with_peak_memory(child)?;
    let total = started.elapsed().as_secs_f64();
    if code > 1 {
        return Err(format!("solve exited with {code}"));
    }
    let text = std::fs::read_to_string(out.path().join("plan.json"))
        .map_err(|e| format!("no plan: {e}"))?;
    let plan = Plan::from_json(&text)?;
    let violations = crate::check::check(s, &plan).violations.len();
    Ok(outcome_of(
        s,
        &plan,
        total,
        peak_kib as f64 / 1024.0,
        violations,
    ))
}

fn outcome_of(
    s: &Scenario,
    plan: &Plan,
    total: f64,
    peak_mib: f64,
    violations: usize,
) -> RunOutcome {
    let e = &plan.engine;
    let known: std::collections::HashMap<&str, &[String]> = s
        .families
        .iter()
        .map(|f| (f.id.as_str(), f.known_nurses.as_slice()))
        .collect();
    let pairs: std::collections::BTreeSet<(&str, &str)> = plan
        .visits
        .iter()
        .map(|v| (v.nurse.as_str(), v.family.as_str()))
        .collect();
    let new_nurses = pairs
        .iter()
        .filter(|(n, f)| !known.get(f).is_some_and(|k| k.iter().any(|x| x == n)))
        .count() as u32;
    let worst_level_gap = e
        .levels
        .iter()
        .filter(|l| l.level > 1)
        .map(|l| {
            (
                crate::model::objective::relative_gap(l.value, l.bound),
                l.name.clone(),
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    RunOutcome {
        made_by: e.name.clone(),
        status: e.status.clone(),
        first_plan: e.first_plan_seconds.unwrap_or(e.seconds),
        total,
        below: (
            plan.kpi.families_below_floor,
            plan.kpi.certified_min_below_floor,
        ),
        delivered: plan.kpi.delivered_hours,
        objective: (e.objective, e.bound, e.gap),
        worst_level_gap,
        pool_short: plan.kpi.pool_shortfall,
        new_nurses,
        peak_mib,
        violations,
    }
}

/// Wait for the child and read its peak resident set size (KiB) from `wait4`.
#[cfg(unix)]
fn wait_with_peak_memory(child: std::process::Child) -> Result<(i32, i64), String> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; `pid` is our own
    // child, which nothing else waits for (the `Child` handle is dropped
    // without waiting).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    drop(child);
    if r < 0 {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Ok((code, usage.ru_maxrss))
}

#[cfg(not(unix))]
fn wait_with_peak_memory(mut child: std::process::Child) -> Result<(i32, i64), String> {
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok((status.code().unwrap_or(-1), 0))
}

/// The machine the benchmarks ran on, in one line.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<f64>().ok())
        })
        .map(|kib| format!("{:.0} GiB", kib / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown memory".into());
    format!("{cpu}, {cores} cores, {mem}, {}", std::env::consts::OS)
}

/// The report: the table, the machine and the command.
pub fn markdown(rows: &[BenchRow], command: &str, machine: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(out, "Produced by `{command}` on {machine}.\n");
    let _ = writeln!(
        out,
        "Each row is one `kraamplan solve FILE --engine E --no-ladder --time-limit T` in a child \
         process: wall seconds include reading, model building, solving and writing; peak memory \
         is the child's maximum resident set. *First plan* is when the first complete, \
         checker-clean plan existed (the heuristic plan, which also starts the MILP). Level 1 is \
         `W·(families below the floor) + shortfall hours`; *worst lower level* is the largest \
         relative gap over levels 2–6, which the time limit leaves open.\n"
    );
    let _ = writeln!(
        out,
        "| scenario | nurses / families | engine | made by, status | limit s | first plan s | total s | below floor (certified) | delivered h | level 1 objective / bound (gap) | pool short | new nurses | worst lower level gap | peak MiB | checker |"
    );
    let _ = writeln!(
        out,
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for r in rows {
        match &r.outcome {
            Ok(o) => {
                let worst = o
                    .worst_level_gap
                    .as_ref()
                    .map(|(g, name)| format!("{:.1}% ({name})", 100.0 * g))
                    .unwrap_or_else(|| "—".into());
                let _ = writeln!(
                    out,
                    "| {} | {} / {} | {} | {}, {} | {:.0} | {:.2} | {:.1} | {} ({}) | {} | {:.0} / {:.0} ({:.2}%) | {} | {} | {} | {:.0} | {} |",
                    r.scenario,
                    r.size.0,
                    r.size.1,
                    r.engine,
                    o.made_by,
                    o.status,
                    r.time_limit,
                    o.first_plan,
                    o.total,
                    o.below.0,
                    o.below.1,
                    o.delivered,
                    o.objective.0,
                    o.objective.1,
                    100.0 * o.objective.2,
                    o.pool_short,
                    o.new_nurses,
                    worst,
                    o.peak_mib,
                    if o.violations == 0 {
                        "clean".to_string()
                    } else {
                        format!("{} violations", o.violations)
                    }
                );
            }
            Err(e) => {
                let _ = writeln!(
                    out,
                    "| {} | {} / {} | {} | failed: {e} | {:.0} | | | | | | | | | | |",
                    r.scenario, r.size.0, r.size.1, r.engine, r.time_limit
                );
            }
        }
    }
    let targets = targets(rows);
    if !targets.is_empty() {
        let _ = writeln!(
            out,
            "\n## Targets (issues \"Scale\" and \"Where care is short\")\n"
        );
        let _ = writeln!(
            out,
            "Gaps are those of level 1 (families below the floor, then shortfall hours), the level \
             the certificate is about; the lower levels' gaps are in the table.\n"
        );
        for line in targets {
            let _ = writeln!(out, "- {line}");
        }
    }
    out
}

/// The targets of the benchmark ladder, judged on the rows, one line each.
pub fn targets(rows: &[BenchRow]) -> Vec<String> {
    let find = |scenario: &str, engine: &str| {
        rows.iter()
            .find(|r| r.scenario == scenario && r.engine == engine)
            .and_then(|r| r.outcome.as_ref().ok())
    };
    let verdict = |ok: bool| if ok { "met" } else { "**missed**" };
    let mut out = Vec::new();
    let mip = |s: &str| find(s, "milp");
    if let Some(o) = mip("S") {
        let proven = o.status == crate::domain::status::SolveStatus::Optimal.as_str();
        out.push(format!(
            "S proven optimal in ≤ 2 s: {} (status {}, {:.1} s, level-1 gap {:.2}%)",
            verdict(proven && o.total <= 2.0),
            o.status,
            o.total,
            100.0 * o.objective.2
        ));
    }
    for (s, gap, secs) in [("M", 0.005, 15.0), ("L", 0.02, 120.0), ("XL", 0.05, 300.0)] {
        if let Some(o) = mip(s) {
            out.push(format!(
                "{s} level-1 gap ≤ {}% in ≤ {secs:.0} s: {} (gap {:.2}% after {:.1} s)",
                100.0 * gap,
                verdict(o.objective.2 <= gap + 1e-12 && o.total <= secs + 5.0),
                100.0 * o.objective.2,
                o.total
            ));
        }
    }
    for (s, secs) in [("L", 10.0), ("XL", 30.0)] {
        if let Some(o) = mip(s) {
            out.push(format!(
                "{s} first checker-clean plan in ≤ {secs:.0} s: {} ({:.1} s)",
                verdict(o.first_plan <= secs && o.violations == 0),
                o.first_plan
            ));
        }
    }
    if let Some(o) = mip("XL") {
        out.push(format!(
            "XL peak memory ≤ 4 GiB: {} ({:.0} MiB)",
            verdict(o.peak_mib <= 4096.0),
            o.peak_mib
        ));
    }
    for s in ["S", "M", "L"] {
        if let Some(o) = mip(s) {
            out.push(format!(
                "{s} families below the floor equal to the certified bound: {} ({} vs {})",
                verdict(o.below.0 == o.below.1),
                o.below.0,
                o.below.1
            ));
        }
    }
    for s in ["M", "L"] {
        if let (Some(m), Some(h)) = (mip(s), find(s, "heuristic")) {
            let within = h.delivered as f64 >= 0.97 * m.delivered as f64;
            out.push(format!(
                "{s} heuristic alone: same families below the floor as the MILP and delivered hours within 3%: {} ({} vs {} below; {} vs {} h, {:+.1}%)",
                verdict(h.below.0 == m.below.0 && within),
                h.below.0,
                m.below.0,
                h.delivered,
                m.delivered,
                100.0 * (h.delivered as f64 / m.delivered.max(1) as f64 - 1.0)
            ));
        }
    }
    out.extend(scarce_targets(rows));
    out
}

/// The targets of issue "Where care is short", judged on the rows.
fn scarce_targets(rows: &[BenchRow]) -> Vec<String> {
    let find = |scenario: &str, engine: &str| {
        rows.iter()
            .find(|r| r.scenario == scenario && r.engine == engine)
            .and_then(|r| r.outcome.as_ref().ok().map(|o| (r, o)))
    };
    // The MILP's row, or auto's when only auto ran.
    let solver = |s: &str| find(s, "milp").or_else(|| find(s, "auto"));
    let verdict = |ok: bool| if ok { "met" } else { "**missed**" };
    let mut out = Vec::new();
    for (s, secs) in [("scarce-S", 60.0), ("scarce-M", 60.0), ("scarce-L", 300.0)] {
        if let Some((_, o)) = solver(s) {
            out.push(format!(
                "{s} families below the floor equal to the certified minimum within {secs:.0} s: {} ({} vs {}, {:.1} s)",
                verdict(o.below.0 == o.below.1 && o.total <= secs + 2.0),
                o.below.0,
                o.below.1,
                o.total
            ));
        }
    }
    if let Some((_, o)) = solver("scarce-XL") {
        let close = o.below.1 as f64 >= 0.9 * o.below.0 as f64;
        out.push(format!(
            "scarce-XL certified minimum within 10% of the plan's count within 300 s and ≤ 4 GiB: {} ({} vs {}, {:.1} s, {:.0} MiB)",
            verdict(close && o.total <= 302.0 && o.peak_mib <= 4096.0),
            o.below.1,
            o.below.0,
            o.total,
            o.peak_mib
        ));
    }
    if let Some((_, o)) = solver("S") {
        out.push(format!(
            "S proven at level 1 within 10 s: {} (level-1 gap {:.2}%, {:.1} s)",
            verdict(o.objective.2 <= 1e-9 && o.total <= 12.0),
            100.0 * o.objective.2,
            o.total
        ));
    }
    let mut scenarios: Vec<&str> = rows.iter().map(|r| r.scenario.as_str()).collect();
    scenarios.dedup();
    for s in scenarios {
        let (Some((_, m)), Some((_, h))) = (solver(s), find(s, "heuristic")) else {
            continue;
        };
        // Level order as far as the table shows it: below, shortfall, pool.
        let key = |o: &RunOutcome| (o.objective.0.round() as i64, o.pool_short);
        out.push(format!(
            "{s}: the plan at least as good as the heuristic's in level order (level 1, then the pool): {} ({:.0} / {} against {:.0} / {})",
            verdict(key(m) <= key(h)),
            m.objective.0,
            m.pool_short,
            h.objective.0,
            h.pool_short
        ));
        if s == "M" || s == "L" {
            let fewer = m.new_nurses as f64 <= 0.8 * h.new_nurses as f64;
            out.push(format!(
                "{s}: at least 20% fewer nurses new to a family than the heuristic: {} ({} against {})",
                verdict(fewer),
                m.new_nurses,
                h.new_nurses
            ));
        }
    }
    for r in rows {
        if let Ok(o) = &r.outcome {
            if o.total > r.time_limit + 2.0 {
                out.push(format!(
                    "{} {}: ends within its time limit plus 2 s: **missed** ({:.1} s for {:.0} s)",
                    r.scenario, r.engine, o.total, r.time_limit
                ));
            }
        }
    }
    if rows.iter().all(|r| {
        r.outcome
            .as_ref()
            .is_ok_and(|o| o.total <= r.time_limit + 2.0)
    }) {
        out.push("every run ends within its time limit plus 2 s: met".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_row_per_run_and_says_failures() {
        let scenario = crate::testkit::Tiny::new(1)
            .family("F1", "2026-07-06", 2)
            .days(2)
            .build();
        let plan: Plan =
            crate::engine::heuristic_plan(&crate::model::Problem::build(&scenario).unwrap(), None);
        let rows = vec![
            BenchRow {
                scenario: "S".into(),
                size: (1, 1),
                engine: "heuristic".into(),
                time_limit: 10.0,
                outcome: Ok(outcome_of(&scenario, &plan, 0.5, 12.0, 0)),
            },
            BenchRow {
                scenario: "S".into(),
                size: (1, 1),
                engine: "milp".into(),
                time_limit: 10.0,
                outcome: Err("solve exited with 2".into()),
            },
        ];
        let md = markdown(&rows, "kraamplan bench scenarios/ladder", "test machine");
        let table: Vec<&str> = md.lines().filter(|l| l.starts_with("| S ")).collect();
        assert_eq!(table.len(), 2);
        assert!(
            table[0].contains("| heuristic | heuristic, feasible |"),
            "{}",
            table[0]
        );
        assert!(table[0].ends_with("| clean |"));
        assert!(table[1].contains("failed: solve exited with 2"));
        assert!(md.contains("on test machine"));
    }

    fn outcome(
        status: &str,
        total: f64,
        below: (u32, u32),
        delivered: u32,
        gap: f64,
    ) -> RunOutcome {
        RunOutcome {
            made_by: "milp".into(),
            status: status.into(),
            first_plan: 0.1,
            total,
            below,
            delivered,
            objective: (10.0, 10.0 * (1.0 - gap), gap),
            worst_level_gap: None,
            pool_short: 0,
            new_nurses: 10,
            peak_mib: 100.0,
            violations: 0,
        }
    }

    fn row(scenario: &str, engine: &str, o: RunOutcome) -> BenchRow {
        BenchRow {
            scenario: scenario.into(),
            size: (1, 1),
            engine: engine.into(),
            time_limit: 10.0,
            outcome: Ok(o),
        }
    }

    #[test]
    fn issue15_scarce_targets_are_judged_on_the_figures() {
        let mut worse = outcome("feasible", 0.1, (23, 0), 900, 0.5);
        worse.objective.0 = 30.0;
        worse.new_nurses = 10;
        let mut better = outcome("time_limit", 9.0, (20, 15), 1000, 0.2);
        better.new_nurses = 8;
        let rows = vec![
            row(
                "scarce-S",
                "auto",
                outcome("optimal", 9.5, (3, 3), 100, 0.0),
            ),
            row(
                "scarce-M",
                "auto",
                outcome("time_limit", 11.0, (20, 15), 1000, 0.2),
            ),
            row("M", "milp", better),
            row("M", "heuristic", worse),
            row("L", "milp", outcome("time_limit", 13.0, (0, 0), 100, 0.0)),
        ];
        let t = targets(&rows);
        let line = |start: &str| {
            t.iter()
                .find(|l| l.starts_with(start))
                .unwrap_or_else(|| panic!("{start}: {t:#?}"))
                .clone()
        };
        assert!(line("scarce-S families below the floor equal").contains(": met"));
        assert!(line("scarce-M families below the floor equal").contains("**missed**"));
        assert!(line("M: the plan at least as good").contains(": met"));
        assert!(
            line("M: at least 20% fewer").contains(": met"),
            "8 ≤ 0.8 × 10"
        );
        assert!(line("L milp: ends within its time limit").contains("**missed**"));
        assert!(!t.iter().any(|l| l.starts_with("every run ends")));
    }

    #[test]
    fn targets_are_judged_on_the_figures() {
        let rows = vec![
            row("S", "milp", outcome("optimal", 1.5, (0, 0), 100, 0.0)),
            row("M", "milp", outcome("time_limit", 15.2, (2, 1), 1000, 0.01)),
            row("M", "heuristic", outcome("feasible", 0.1, (2, 0), 960, 0.5)),
        ];
        let t = targets(&rows);
        let line = |start: &str| t.iter().find(|l| l.starts_with(start)).unwrap().clone();
        assert!(line("S proven optimal").contains(": met"));
        assert!(line("M level-1 gap").contains("**missed**"), "1% > 0.5%");
        assert!(line("M families below the floor equal").contains("**missed**"));
        let h = line("M heuristic alone");
        assert!(
            h.contains("**missed**") && h.contains("-4.0%"),
            "960 h is 4% under: {h}"
        );
    }
}
