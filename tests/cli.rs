//! Integration tests that drive the real `kraamplan` binary on the fixtures
//! in `tests/fixtures/` (style.md point 10): exit codes, messages, written
//! files, and the independent checker on every plan the binary produces.
//!
//! Build and run with the release profile (HiGHS is compiled there):
//! `cargo test --release --test cli`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use kraamplan::plan::Plan;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The `*.json` files directly in `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Run the binary with `args` and return its output (never asserts on success).
fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::cargo_bin("kraamplan")
        .expect("the kraamplan binary is built")
        .args(args)
        .output()
        .expect("kraamplan runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Assert the exit code, showing both streams when it differs; no panic ever.
fn expect_code(o: &Output, code: i32, what: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "{what}: expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(o),
        stderr(o)
    );
    assert_no_panic(o, what);
}

fn assert_no_panic(o: &Output, what: &str) {
    let err = stderr(o);
    assert!(
        !err.contains("panicked"),
        "{what}: the binary panicked:\n{err}"
    );
}

fn read_json(path: &Path) -> Value {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn write_json(path: &Path, value: &Value) {
    fs::write(path, serde_json::to_string_pretty(value).unwrap()).expect("writing JSON");
}

/// `solve SCENARIO --out DIR --check --time-limit 10`, asserting `code`.
fn solve_into(scenario: &Path, out: &Path, code: i32) -> Output {
    let o = run([
        OsArg::from("solve"),
        scenario.into(),
        "--out".into(),
        out.into(),
        "--check".into(),
        "--time-limit".into(),
        "10".into(),
    ]);
    expect_code(&o, code, &format!("solve {}", scenario.display()));
    o
}

const PLAN_FILES: [&str; 5] = [
    "plan.json",
    "visits.csv",
    "oncall.csv",
    "families.csv",
    "nurses.csv",
];

/// The names in `dir`, sorted.
fn dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("reading the out dir")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn assert_plan_dir(dir: &Path) -> Plan {
    let mut expected: Vec<String> = PLAN_FILES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(
        dir_names(dir),
        expected,
        "the out dir holds exactly the plan files (no temporary files left)"
    );
    let text = fs::read_to_string(dir.join("plan.json")).expect("plan.json");
    Plan::from_json(&text).unwrap_or_else(|e| panic!("plan.json does not parse as a Plan: {e}"))
}

/// First line of a CSV file.
fn csv_header(path: &Path) -> String {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines().next().unwrap_or("").to_string()
}

/// The validation code a fixture under `invalid/` is named after:
/// `v-contract--min-above-max.json` → `V-CONTRACT`.
fn code_of(path: &Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy();
    let code = stem.split("--").next().unwrap();
    code.to_ascii_uppercase()
}

/// JSON path of the offending field for the invalid fixtures we know.
/// Fixtures added later without an entry here are still checked for their
/// code and for naming some field.
const INVALID_FIELDS: &[(&str, &str)] = &[
    ("v-contract--min-above-max.json", "nurses[1].contract_min"),
    ("v-coord--swapped-lat-lon.json", "families[0].home"),
    ("v-date--day-off-outside-horizon.json", "nurses[0].off[0]"),
    ("v-field--typo-contrat-max.json", "nurses[0].contrat_max"),
    (
        "v-pool--shifts-and-expected.json",
        "partus_pool.expected_pa_per_day",
    ),
    ("v-ref--unknown-provider.json", "nurses[1].provider"),
    ("v-rule--unknown-rule-key.json", "rules.max_hours_a_week"),
    ("v-measure--listed-twice.json", "measures[1]"),
    ("v-date--off-listed-twice.json", "nurses[0].off[2]"),
    ("v-date--start-in-year-0.json", "start"),
    ("v-date--start-beyond-the-calendar.json", "start"),
];

// ---------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------

#[test]
fn validate_accepts_every_valid_fixture() {
    let files = json_files(&root().join("tests/fixtures"));
    assert!(files.len() >= 5, "fixtures missing: {files:?}");
    for f in files {
        let o = run([OsArg::from("validate"), f.clone().into()]);
        expect_code(&o, 0, &format!("validate {}", f.display()));
        assert!(
            stdout(&o).contains("valid ("),
            "summary line: {}",
            stdout(&o)
        );
        assert!(
            !stderr(&o).contains("error["),
            "{}: {}",
            f.display(),
            stderr(&o)
        );
    }
}

#[test]
fn validate_accepts_the_bundled_default_scenario() {
    let o = run([
        OsArg::from("validate"),
        root().join("scenarios/default.json").into(),
    ]);
    expect_code(&o, 0, "validate scenarios/default.json");
}

#[test]
fn validate_rejects_every_invalid_fixture_with_its_code_and_field() {
    let files = json_files(&root().join("tests/fixtures/invalid"));
    assert!(files.len() >= 7, "invalid fixtures missing: {files:?}");
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let o = run([OsArg::from("validate"), f.clone().into()]);
        expect_code(&o, 2, &format!("validate {name}"));
        let err = stderr(&o);
        let code = code_of(&f);
        let tag = format!("error[{code}] ");
        let line = err
            .lines()
            .find(|l| l.starts_with(&tag))
            .unwrap_or_else(|| panic!("{name}: no `{tag}` line in stderr:\n{err}"));
        let field = line[tag.len()..].split([' ', ':']).next().unwrap_or("");
        assert!(
            !field.is_empty(),
            "{name}: the error names no field: {line}"
        );
        if let Some((_, want)) = INVALID_FIELDS.iter().find(|(n, _)| *n == name) {
            assert_eq!(field, *want, "{name}: field path in `{line}`");
        }
        assert!(
            err.contains("nothing was planned"),
            "{name}: closing line missing:\n{err}"
        );
        assert!(
            o.stdout.is_empty(),
            "{name}: nothing on stdout, got {}",
            stdout(&o)
        );
    }
}

#[test]
fn validate_reports_truncated_json_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixture("1provider-2nurses-2families.json")).unwrap();
    let path = dir.path().join("truncated.json");
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    let o = run([OsArg::from("validate"), path.into()]);
    expect_code(&o, 2, "validate truncated.json");
    let err = stderr(&o);
    assert!(err.contains("truncated.json"), "names the file: {err}");
    assert!(err.contains("EOF"), "says the file ends early: {err}");
}

#[test]
fn validate_reports_a_wrong_type_naming_the_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = read_json(&fixture("1provider-2nurses-2families.json"));
    s["days"] = json!("seven");
    let path = dir.path().join("days-as-text.json");
    write_json(&path, &s);
    let o = run([OsArg::from("validate"), path.into()]);
    expect_code(&o, 2, "validate days-as-text.json");
    let err = stderr(&o);
    assert!(err.contains("days-as-text.json"), "names the file: {err}");
    assert!(err.contains("`days`"), "names the field `days`: {err}");
    assert!(err.contains("seven"), "shows the value: {err}");
}

#[test]
fn validate_reports_a_wrong_type_deep_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = read_json(&fixture("1provider-2nurses-2families.json"));
    s["nurses"][1]["contract_max"] = json!(-4);
    let path = dir.path().join("negative-contract.json");
    write_json(&path, &s);
    let o = run([OsArg::from("validate"), path.into()]);
    expect_code(&o, 2, "validate negative-contract.json");
    let err = stderr(&o);
    assert!(
        err.contains("negative-contract.json"),
        "names the file: {err}"
    );
    assert!(
        err.contains("nurses[1].contract_max"),
        "names the field: {err}"
    );
}

#[test]
fn validate_reports_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-scenario.json");
    let o = run([OsArg::from("validate"), path.into()]);
    expect_code(&o, 2, "validate a missing file");
    let err = stderr(&o);
    assert!(
        err.contains("no-such-scenario.json"),
        "names the file: {err}"
    );
    assert!(err.contains("cannot read"), "says why: {err}");
}

#[test]
fn validate_reports_a_directory_instead_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a-folder.json");
    fs::create_dir(&sub).unwrap();
    let o = run([OsArg::from("validate"), sub.into()]);
    expect_code(&o, 2, "validate a directory");
    let err = stderr(&o);
    assert!(err.contains("a-folder.json"), "names the path: {err}");
    assert!(err.contains("cannot read"), "says why: {err}");
}

#[test]
fn validate_reports_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.json");
    fs::write(&path, "").unwrap();
    let o = run([OsArg::from("validate"), path.into()]);
    expect_code(&o, 2, "validate an empty file");
    assert!(
        stderr(&o).contains("empty.json"),
        "names the file: {}",
        stderr(&o)
    );
}

#[test]
fn validate_reports_a_plan_given_as_scenario() {
    // A plan has no `start`, `days`, …: a clear input error, not a panic.
    let dir = tempfile::tempdir().unwrap();
    solve_into(&fixture("1provider-2nurses-2families.json"), dir.path(), 0);
    let o = run([OsArg::from("validate"), dir.path().join("plan.json").into()]);
    expect_code(&o, 2, "validate plan.json");
    assert!(
        stderr(&o).contains("plan.json"),
        "names the file: {}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------
// solve
// ---------------------------------------------------------------------------

#[test]
fn solve_writes_every_file_and_the_checker_passes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = solve_into(&fixture("1provider-2nurses-2families.json"), &out, 0);
    let text = stdout(&o);
    for line in [
        "delivered hours",
        "below floor",
        "solver",
        "checker: 0 violation(s)",
    ] {
        assert!(
            text.contains(line),
            "summary line `{line}` missing:\n{text}"
        );
    }
    let plan = assert_plan_dir(&out);
    assert_eq!(plan.format, "kraamplan/plan@1");
    assert_eq!(plan.engine.name, "milp");
    assert_eq!(
        plan.kpi.families_below_floor, 0,
        "everyone reaches the floor"
    );
    assert_eq!(plan.families.len(), 2);
    assert_eq!(plan.nurses.len(), 2);
    assert!(!plan.visits.is_empty());

    let families = csv_header(&out.join("families.csv"));
    assert!(
        families.starts_with("id,floor,episode_floor,"),
        "families.csv header: {families}"
    );
    assert_eq!(
        csv_header(&out.join("visits.csv")),
        "nurse,family,date,hours"
    );
    assert_eq!(csv_header(&out.join("oncall.csv")), "nurse,date,shift");
    assert!(
        csv_header(&out.join("nurses.csv")).starts_with("id,hours,days_worked,oncall_shifts"),
        "nurses.csv header"
    );

    // The CSV files agree with plan.json: one row per visit, family and nurse.
    let rows = |f: &str| fs::read_to_string(out.join(f)).unwrap().lines().count() - 1;
    assert_eq!(rows("visits.csv"), plan.visits.len());
    assert_eq!(rows("families.csv"), plan.families.len());
    assert_eq!(rows("nurses.csv"), plan.nurses.len());
    assert_eq!(rows("oncall.csv"), plan.oncall.len());
    let visit_hours: u32 = plan.visits.iter().map(|v| v.hours).sum();
    assert_eq!(visit_hours, plan.kpi.delivered_hours);
}

#[test]
fn solve_lists_families_below_the_floor_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let o = solve_into(
        &fixture("1provider-1nurse-3families-short.json"),
        dir.path(),
        1,
    );
    let text = stdout(&o);
    let plan = assert_plan_dir(dir.path());
    let below: Vec<&str> = plan
        .families
        .iter()
        .filter(|f| f.below_floor)
        .map(|f| f.id.as_str())
        .collect();
    assert!(
        below.len() >= 2,
        "one nurse cannot serve three families: {below:?}"
    );
    assert_eq!(plan.kpi.families_below_floor as usize, below.len());
    assert!(
        text.contains("below the floor:"),
        "list header missing:\n{text}"
    );
    for id in &below {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(id) && l.contains("floor")),
            "family {id} not listed below the floor:\n{text}"
        );
    }
    // The tiny case is proven: the certified minimum meets the plan.
    assert_eq!(
        plan.kpi.certified_min_below_floor, plan.kpi.families_below_floor,
        "the bound of a tiny case is proven"
    );
    // --check passed (exit 1 comes from the floor, not from violations).
    assert!(text.contains("checker: 0 violation(s)"), "{text}");
}

#[test]
fn solve_every_fixture_gives_a_checker_clean_plan() {
    for f in json_files(&root().join("tests/fixtures")) {
        let dir = tempfile::tempdir().unwrap();
        let o = run([
            OsArg::from("solve"),
            f.clone().into(),
            "--out".into(),
            dir.path().into(),
            "--check".into(),
            "--time-limit".into(),
            "10".into(),
        ]);
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert_no_panic(&o, &name);
        let text = stdout(&o);
        assert!(
            text.contains("checker: 0 violation(s)"),
            "{name}: the checker found violations:\n{text}"
        );
        let plan = assert_plan_dir(dir.path());
        let want = i32::from(plan.kpi.families_below_floor > 0);
        assert_eq!(o.status.code(), Some(want), "{name}: exit code\n{text}");
        assert!(
            plan.kpi.certified_min_below_floor <= plan.kpi.families_below_floor,
            "{name}: certified minimum above the plan"
        );
        // The `check` subcommand agrees with `solve --check`.
        let c = run([
            OsArg::from("check"),
            f.clone().into(),
            dir.path().join("plan.json").into(),
        ]);
        expect_code(&c, 0, &format!("check {name}"));
    }
}

#[test]
fn solve_explain_prints_rows_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    let o = run([
        OsArg::from("solve"),
        fixture("1provider-2nurses-2families.json").into(),
        "--out".into(),
        dir.path().into(),
        "--explain".into(),
        "--time-limit".into(),
        "10".into(),
    ]);
    expect_code(&o, 0, "solve --explain");
    let text = stdout(&o);
    assert!(text.contains("model:"), "{text}");
    for rule in ["ATW-DAY-MAX", "CARE-MIN-DAY"] {
        assert!(
            text.lines()
                .any(|l| l.contains(rule) && l.trim_end().ends_with("rows")),
            "rows of {rule} missing:\n{text}"
        );
    }
}

#[test]
fn solve_twice_into_the_same_dir_replaces_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    solve_into(&fixture("1provider-2nurses-2families.json"), &out, 0);
    let first = assert_plan_dir(&out);
    // A stale file of another scenario's plan is overwritten, not appended to.
    fs::write(out.join("visits.csv"), "stale\n".repeat(1000)).unwrap();
    solve_into(&fixture("1provider-1nurse-3families-short.json"), &out, 1);
    let second = assert_plan_dir(&out);
    assert_ne!(first.scenario, second.scenario);
    let visits = fs::read_to_string(out.join("visits.csv")).unwrap();
    assert!(!visits.contains("stale"), "visits.csv was not replaced");
    assert_eq!(visits.lines().count() - 1, second.visits.len());
    // And back again: the first scenario's plan is valid for its scenario.
    solve_into(&fixture("1provider-2nurses-2families.json"), &out, 0);
    let third = assert_plan_dir(&out);
    assert_eq!(third.visits, first.visits, "same input, same plan");
    let c = run([
        OsArg::from("check"),
        fixture("1provider-2nurses-2families.json").into(),
        out.join("plan.json").into(),
    ]);
    expect_code(&c, 0, "check after rewriting");
}

#[test]
fn solve_an_invalid_scenario_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = run([
        OsArg::from("solve"),
        fixture("invalid/v-contract--min-above-max.json").into(),
        "--out".into(),
        out.clone().into(),
        "--time-limit".into(),
        "10".into(),
    ]);
    expect_code(&o, 2, "solve an invalid scenario");
    assert!(stderr(&o).contains("error[V-CONTRACT]"), "{}", stderr(&o));
    assert!(!out.exists(), "no out dir for an invalid scenario");
}

#[test]
fn solve_a_missing_scenario_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = run([
        OsArg::from("solve"),
        dir.path().join("missing.json").into(),
        "--out".into(),
        dir.path().join("out").into(),
    ]);
    expect_code(&o, 2, "solve a missing file");
    assert!(stderr(&o).contains("missing.json"), "{}", stderr(&o));
}

#[test]
fn solve_into_a_file_instead_of_a_dir_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, "x").unwrap();
    let o = run([
        OsArg::from("solve"),
        fixture("1provider-2nurses-2families.json").into(),
        "--out".into(),
        blocker.clone().into(),
        "--time-limit".into(),
        "10".into(),
    ]);
    expect_code(&o, 2, "solve --out FILE");
    assert!(
        stderr(&o).contains("not-a-dir"),
        "names the out path: {}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(&blocker).unwrap(),
        "x",
        "the file is untouched"
    );
}

#[cfg(unix)]
#[test]
fn solve_writes_files_with_the_usual_permissions() {
    // Plan files are for planners and spreadsheets: they get the mode any
    // new file gets under the user's umask, not the 0600 of a temporary file.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference.txt");
    fs::write(&reference, "x").unwrap();
    let want = fs::metadata(&reference).unwrap().permissions().mode() & 0o777;
    let out = dir.path().join("out");
    solve_into(&fixture("1provider-2nurses-2families.json"), &out, 0);
    for f in PLAN_FILES {
        let mode = fs::metadata(out.join(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, want,
            "{f} has mode {mode:o}, a new file gets {want:o}"
        );
    }
}

/// Solve a regression fixture in which nurse N001's history alone goes past
/// `rule`; the engine gives her nothing that adds to it, so the checker must
/// not report `rule`. `code` is the expected exit (1 when a family stays
/// below the floor).
fn assert_history_alone_breaks_no_rule(name: &str, rule: &str, code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let scenario = fixture(&format!("regression/{name}"));
    let v = run([OsArg::from("validate"), scenario.clone().into()]);
    expect_code(&v, 0, &format!("validate {name}"));
    let o = run([
        OsArg::from("solve"),
        scenario.into(),
        "--out".into(),
        dir.path().into(),
        "--check".into(),
        "--time-limit".into(),
        "10".into(),
    ]);
    assert_no_panic(&o, name);
    let plan = assert_plan_dir(dir.path());
    let text = stdout(&o);
    assert!(
        !text.contains(&format!("[{rule}]")) && text.contains("checker: 0 violation(s)"),
        "{name}: a plan that adds nothing to N001's {rule} figure is reported as breaking it:\n{text}"
    );
    assert_eq!(o.status.code(), Some(code), "{name}: exit code\n{text}");
    assert!(plan.oncall.is_empty(), "{name}: no pool, no on-call shifts");
}

#[test]
fn regression_contract_not_broken_by_history_alone() {
    // N001 worked 12 h this week before the horizon (a Wednesday) and has
    // contract_max 8; validation accepts it. The engine rightly plans her
    // 0 h, so the plan adds nothing to her week and cannot break CONTRACT
    // (compare ATW-AVG-4W, which counts only weeks with planned hours). The
    // same holds for ATW-WEEK-MAX (66 h before a Sunday start, max 60). The
    // family is below the floor: exit 1.
    assert_history_alone_breaks_no_rule(
        "1provider-1nurse-1family-current-week-above-contract.json",
        "CONTRACT",
        1,
    );
}

#[test]
fn regression_oncall_4w_not_broken_by_history_alone() {
    // N001 was on call on 2026-07-18 and 07-19, max_oncall_days_4w is 1 and
    // the scenario has no partus pool: the plan has no on-call shift at all,
    // yet the 28-day windows that reach into the horizon count 2 > 1.
    assert_history_alone_breaks_no_rule(
        "1provider-1nurse-1family-oncall-history-above-max.json",
        "ATW-ONCALL-4W",
        0,
    );
}

// ---------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------

/// Solve the rest/hospital/deficit fixture (weekly rest from history, a day
/// off, hospital days) once and return its scenario, plan and a temp dir.
fn solved_rest_fixture() -> (tempfile::TempDir, PathBuf, Value) {
    let dir = tempfile::tempdir().unwrap();
    let scenario = fixture("1provider-3nurses-3families-rest-hospital-deficit.json");
    solve_into(&scenario, dir.path(), 0);
    let plan = read_json(&dir.path().join("plan.json"));
    (dir, scenario, plan)
}

/// Replace any visit of `nurse` at `family` on `date` with one of `hours`.
fn set_visit(plan: &mut Value, nurse: &str, family: &str, date: &str, hours: u32) {
    let visits = plan["visits"].as_array_mut().unwrap();
    visits.retain(|v| !(v["nurse"] == nurse && v["family"] == family && v["date"] == date));
    visits.push(json!({ "nurse": nurse, "family": family, "date": date, "hours": hours }));
}

/// Write `plan` beside the others, run `check`, expect exit 1 and `rule`.
fn expect_violation(dir: &Path, scenario: &Path, plan: &Value, rule: &str) {
    let path = dir.join(format!("tampered-{rule}.json"));
    write_json(&path, plan);
    let o = run([OsArg::from("check"), scenario.into(), path.into()]);
    expect_code(&o, 1, &format!("check a plan tampered for {rule}"));
    let text = stdout(&o);
    assert!(
        text.contains(&format!("[{rule}]")),
        "rule {rule} not reported:\n{text}"
    );
}

#[test]
fn check_accepts_the_solved_plan() {
    let (dir, scenario, _) = solved_rest_fixture();
    let o = run([
        OsArg::from("check"),
        scenario.into(),
        dir.path().join("plan.json").into(),
    ]);
    expect_code(&o, 0, "check the solved plan");
    assert!(
        stdout(&o).contains("checker: 0 violation(s)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_reports_eleven_hours_on_a_day_as_atw_day_max() {
    let (dir, scenario, mut plan) = solved_rest_fixture();
    plan["visits"][0]["hours"] = json!(11);
    expect_violation(dir.path(), &scenario, &plan, "ATW-DAY-MAX");
}

#[test]
fn check_reports_a_visit_on_a_day_off_as_avail() {
    let (dir, scenario, mut plan) = solved_rest_fixture();
    // N002 has 2026-07-22 off; F001 (care from 07-18) is at home that day.
    set_visit(&mut plan, "N002", "F001", "2026-07-22", 3);
    expect_violation(dir.path(), &scenario, &plan, "AVAIL");
}

#[test]
fn check_reports_a_visit_on_a_scenario_day_off_as_avail() {
    // Same plan, scenario changed: the nurse of the first visit is off that day.
    let (dir, scenario, plan) = solved_rest_fixture();
    let nurse = plan["visits"][0]["nurse"].as_str().unwrap().to_string();
    let date = plan["visits"][0]["date"].clone();
    let mut s = read_json(&scenario);
    for n in s["nurses"].as_array_mut().unwrap() {
        if n["id"] == nurse.as_str() {
            let off = n["off"].as_array_mut().unwrap();
            if !off.contains(&date) {
                off.push(date.clone());
            }
        }
    }
    let changed = dir.path().join("scenario-with-day-off.json");
    write_json(&changed, &s);
    let v = run([OsArg::from("validate"), changed.clone().into()]);
    expect_code(&v, 0, "the changed scenario is valid");
    expect_violation(dir.path(), &changed, &plan, "AVAIL");
}

#[test]
fn check_reports_a_visit_on_a_hospital_day_as_care_max() {
    let (dir, scenario, mut plan) = solved_rest_fixture();
    set_visit(&mut plan, "N003", "F002", "2026-07-22", 3);
    expect_violation(dir.path(), &scenario, &plan, "CARE-MAX");
}

#[test]
fn check_reports_a_seventh_working_day_as_atw_weekly_rest() {
    // N001 worked 2026-07-16 … 07-21 (history); a visit on 07-22 is the 7th day.
    let (dir, scenario, mut plan) = solved_rest_fixture();
    set_visit(&mut plan, "N001", "F001", "2026-07-22", 3);
    expect_violation(dir.path(), &scenario, &plan, "ATW-WEEKLY-REST");
}

#[test]
fn check_reports_two_families_on_one_day_as_one_family_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = fixture("1provider-2nurses-2families.json");
    solve_into(&scenario, dir.path(), 0);
    let mut plan = read_json(&dir.path().join("plan.json"));
    // Both families are at home on 2026-07-21; M-COMBINED is not allowed.
    let n = plan["visits"][0]["nurse"].as_str().unwrap().to_string();
    set_visit(&mut plan, &n, "F001", "2026-07-21", 1);
    set_visit(&mut plan, &n, "F002", "2026-07-21", 1);
    expect_violation(dir.path(), &scenario, &plan, "ONE-FAMILY-A-DAY");
}

#[test]
fn check_reports_a_flipped_below_floor_as_report() {
    let (dir, scenario, mut plan) = solved_rest_fixture();
    let flag = plan["families"][0]["below_floor"].as_bool().unwrap();
    plan["families"][0]["below_floor"] = json!(!flag);
    expect_violation(dir.path(), &scenario, &plan, "REPORT");
}

#[test]
fn check_reports_a_hidden_family_below_the_floor_as_report() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = fixture("1provider-1nurse-3families-short.json");
    solve_into(&scenario, dir.path(), 1);
    let mut plan = read_json(&dir.path().join("plan.json"));
    plan["kpi"]["families_below_floor"] = json!(0);
    plan["kpi"]["certified_min_below_floor"] = json!(0);
    for f in plan["families"].as_array_mut().unwrap() {
        f["below_floor"] = json!(false);
        f["shortfall"] = json!(0);
        f["short_days"] = json!([]);
    }
    expect_violation(dir.path(), &scenario, &plan, "REPORT");
}

#[test]
fn check_reports_unknown_ids_and_dates_as_plan_ref() {
    let (dir, scenario, plan) = solved_rest_fixture();
    let mut unknown = plan.clone();
    unknown["visits"][0]["nurse"] = json!("N999");
    expect_violation(dir.path(), &scenario, &unknown, "PLAN-REF");
    let mut outside = plan.clone();
    outside["visits"][0]["date"] = json!("2027-01-01");
    expect_violation(dir.path(), &scenario, &outside, "PLAN-REF");
    let mut zero = plan;
    zero["visits"][0]["hours"] = json!(0);
    expect_violation(dir.path(), &scenario, &zero, "PLAN-REF");
}

#[test]
fn check_a_plan_that_is_not_json_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken-plan.json");
    fs::write(&path, "{ \"format\": \"kraamplan/plan@1\", \"visits\": [").unwrap();
    let o = run([
        OsArg::from("check"),
        fixture("1provider-2nurses-2families.json").into(),
        path.into(),
    ]);
    expect_code(&o, 2, "check a broken plan");
    assert!(
        stderr(&o).contains("broken-plan.json"),
        "names the file: {}",
        stderr(&o)
    );
}

#[test]
fn check_a_plan_with_a_wrong_type_names_the_field() {
    let (dir, scenario, mut plan) = solved_rest_fixture();
    plan["visits"][0]["hours"] = json!("eight");
    let path = dir.path().join("typed-plan.json");
    write_json(&path, &plan);
    let o = run([OsArg::from("check"), scenario.into(), path.into()]);
    expect_code(&o, 2, "check a plan with a wrong type");
    let err = stderr(&o);
    assert!(err.contains("typed-plan.json"), "names the file: {err}");
    assert!(err.contains("visits[0].hours"), "names the field: {err}");
}

#[test]
fn check_a_missing_plan_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = run([
        OsArg::from("check"),
        fixture("1provider-2nurses-2families.json").into(),
        dir.path().join("no-plan.json").into(),
    ]);
    expect_code(&o, 2, "check a missing plan");
    assert!(
        stderr(&o).contains("no-plan.json"),
        "names the file: {}",
        stderr(&o)
    );
}

#[test]
fn check_against_an_invalid_scenario_exits_2() {
    let (dir, _, _) = solved_rest_fixture();
    let o = run([
        OsArg::from("check"),
        fixture("invalid/v-ref--unknown-provider.json").into(),
        dir.path().join("plan.json").into(),
    ]);
    expect_code(&o, 2, "check against an invalid scenario");
    assert!(stderr(&o).contains("error[V-REF]"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------
// schema, generate, usage
// ---------------------------------------------------------------------------

#[test]
fn schema_prints_json_schemas() {
    for which in ["scenario", "plan"] {
        let o = run(["schema", which]);
        expect_code(&o, 0, &format!("schema {which}"));
        let v: Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("schema {which} is not JSON: {e}"));
        assert!(
            v.get("properties").is_some(),
            "schema {which} has no properties"
        );
        assert!(stdout(&o).contains("\"properties\""));
    }
    let s: Value = serde_json::from_slice(&run(["schema", "scenario"]).stdout).unwrap();
    for field in ["start", "days", "nurses", "families"] {
        assert!(
            s["properties"].get(field).is_some(),
            "scenario schema lacks `{field}`"
        );
    }
    let p: Value = serde_json::from_slice(&run(["schema", "plan"]).stdout).unwrap();
    for field in ["visits", "families", "kpi"] {
        assert!(
            p["properties"].get(field).is_some(),
            "plan schema lacks `{field}`"
        );
    }
}

#[test]
fn generate_is_deterministic_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let gen = |name: &str| {
        let out = dir.path().join(name);
        let o = run([
            OsArg::from("generate"),
            "--births-per-year".into(),
            "800".into(),
            "--providers".into(),
            "1".into(),
            "--freelancers".into(),
            "0".into(),
            "--days".into(),
            "7".into(),
            "--seed".into(),
            "7".into(),
            "--out".into(),
            out.clone().into(),
        ]);
        expect_code(&o, 0, "generate");
        assert!(stdout(&o).contains("wrote"), "{}", stdout(&o));
        out
    };
    let a = gen("a.json");
    let b = gen("b.json");
    let (ta, tb) = (fs::read(&a).unwrap(), fs::read(&b).unwrap());
    assert!(!ta.is_empty());
    assert!(ta == tb, "same parameters and seed must give the same file");
    let o = run([OsArg::from("validate"), a.clone().into()]);
    expect_code(&o, 0, "validate the generated file");
    let s = read_json(&a);
    assert_eq!(s["days"], json!(7));
    assert_eq!(s["providers"].as_array().unwrap().len(), 1);

    // A different seed gives a different scenario.
    let c = dir.path().join("c.json");
    let o = run([
        OsArg::from("generate"),
        "--births-per-year".into(),
        "800".into(),
        "--providers".into(),
        "1".into(),
        "--freelancers".into(),
        "0".into(),
        "--days".into(),
        "7".into(),
        "--seed".into(),
        "8".into(),
        "--out".into(),
        c.clone().into(),
    ]);
    expect_code(&o, 0, "generate --seed 8");
    assert!(
        fs::read(&c).unwrap() != ta,
        "another seed, another scenario"
    );
}

#[test]
fn generate_rejects_a_bad_week() {
    let dir = tempfile::tempdir().unwrap();
    let o = run([
        OsArg::from("generate"),
        "--week".into(),
        "July".into(),
        "--out".into(),
        dir.path().join("g.json").into(),
    ]);
    expect_code(&o, 2, "generate --week July");
    assert!(stderr(&o).contains("--week"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate"],
        &["validate"],
        &["solve"],
        &["check", "only-one.json"],
        &["schema"],
        &["schema", "nonsense"],
        &["generate"],
        &["solve", "x.json", "--time-limit", "soon"],
    ];
    for args in cases {
        let o = run(*args);
        expect_code(&o, 2, &format!("kraamplan {}", args.join(" ")));
        assert!(!o.stderr.is_empty(), "{args:?}: a usage message on stderr");
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in [["--help"], ["--version"]] {
        let o = run(args);
        expect_code(&o, 0, args[0]);
        assert!(stdout(&o).contains("kraamplan"), "{}", stdout(&o));
    }
}

type OsArg = std::ffi::OsString;

#[test]
fn bench_runs_every_engine_on_every_scenario_and_writes_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let ladder = dir.path().join("ladder");
    fs::create_dir(&ladder).unwrap();
    fs::copy(
        fixture("1provider-2nurses-2families.json"),
        ladder.join("S.json"),
    )
    .unwrap();
    let report = dir.path().join("BENCHMARKS.md");
    let o = run([
        OsArg::from("bench"),
        ladder.into(),
        "--engines".into(),
        "milp,heuristic".into(),
        "--time-limit".into(),
        "5".into(),
        "--out".into(),
        report.clone().into(),
    ]);
    expect_code(&o, 0, "bench");
    let text = fs::read_to_string(&report).unwrap();
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| S |")).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(
        rows[0].contains("| milp |") && rows[1].contains("| heuristic |"),
        "{text}"
    );
    assert!(rows.iter().all(|r| r.ends_with("| clean |")), "{text}");
    assert!(text.contains("cores"), "the machine is named:\n{text}");
}

#[test]
fn bench_and_generate_reject_bad_options() {
    let o = run([
        OsArg::from("bench"),
        root().join("scenarios/ladder").into(),
        "--engines".into(),
        "cplex".into(),
    ]);
    expect_code(&o, 2, "bench with an unknown engine");
    assert!(stderr(&o).contains("cplex"));
    let dir = tempfile::tempdir().unwrap();
    let o = run([
        OsArg::from("generate"),
        "--measures".into(),
        "M-COMBINE".into(),
        "--out".into(),
        dir.path().join("x.json").into(),
    ]);
    expect_code(&o, 2, "generate with an unknown measure");
    assert!(stderr(&o).contains("M-COMBINE"));
    assert!(!dir.path().join("x.json").exists());
}

// ---------------------------------------------------------------------------
// Issue 11 §4: hostile input. Every case exits 2 with a message naming the
// field or flag, the value and the fix — never a panic, a hang or memory
// without bound.
// ---------------------------------------------------------------------------

/// Run `args`, expect exit 2, and return stderr holding every one of `words`.
#[track_caller]
fn rejected<I, S>(args: I, words: &[&str]) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<OsArg> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let what = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let o = run(&args);
    expect_code(&o, 2, &what);
    let err = stderr(&o);
    for w in words {
        assert!(err.contains(w), "{what}: stderr lacks `{w}`:\n{err}");
    }
    err
}

/// The small valid fixture after `edit`, written to `dir/name`.
fn edited(dir: &Path, name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let mut s = read_json(&fixture("1provider-2nurses-2families.json"));
    edit(&mut s);
    let path = dir.join(name);
    write_json(&path, &s);
    path
}

fn small() -> String {
    fixture("1provider-2nurses-2families.json")
        .display()
        .to_string()
}

#[test]
fn issue11_time_limit_1e20_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out").display().to_string();
    let grid = dir.path().join("grid.toml");
    fs::write(&grid, "seeds = [1]\n").unwrap();
    let grid = grid.display().to_string();
    let s = small();
    for bad in ["1e20", "1.9e19", "inf", "NaN", "-1", "0", "604801"] {
        let (limit, fast) = (
            format!("--time-limit={bad}"),
            format!("--fast-time-limit={bad}"),
        );
        let words = ["--time-limit", bad, "604800", "one week"];
        rejected(["solve", &s, "--out", &out, &limit], &words);
        rejected(
            ["sweep", &s, "--grid", &grid, "--out", &out, &limit],
            &words,
        );
        rejected(
            ["forecast", &s, "--fidelity", "full", &limit, "--out", &out],
            &words,
        );
        rejected(
            ["forecast", &s, &fast, "--out", &out],
            &["--fast-time-limit", bad, "604800"],
        );
        rejected(["bench", &s, &limit], &words);
    }
    assert!(!Path::new(&out).exists(), "nothing was written");
}

#[test]
fn issue11_grid_time_limit_1e308_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let grid = dir.path().join("grid.toml");
    fs::write(&grid, "time_limit = [1e308]\n").unwrap();
    let out = dir.path().join("out");
    rejected(
        [
            OsArg::from("sweep"),
            small().into(),
            "--grid".into(),
            grid.into(),
            "--out".into(),
            out.clone().into(),
        ],
        &["time_limit", "1e308", "604800 (one week)"],
    );
    assert!(!out.exists());
}

#[test]
fn issue11_start_262142_is_rejected_by_validate_solve_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, plan) = solved_rest_fixture();
    let plan_path = dir.path().join("plan.json");
    write_json(&plan_path, &plan);
    let scenario = edited(dir.path(), "far.json", |s| {
        s["start"] = json!("+262142-12-30")
    });
    let words = [
        "error[V-DATE] start",
        "+262142-12-30",
        "1900-01-01 … 2200-12-31",
    ];
    rejected([OsArg::from("validate"), scenario.clone().into()], &words);
    rejected(
        [
            OsArg::from("solve"),
            scenario.clone().into(),
            "--out".into(),
            dir.path().join("out").into(),
        ],
        &words,
    );
    rejected(
        [OsArg::from("check"), scenario.into(), plan_path.into()],
        &words,
    );
}

#[test]
fn issue11_start_0000_names_the_supported_range() {
    let err = rejected(
        [
            OsArg::from("validate"),
            fixture("invalid/v-date--start-in-year-0.json").into(),
        ],
        &["start = 0000-01-01", "1900–2200"],
    );
    assert!(
        !err.contains("-0001"),
        "no range arithmetic on year 0: {err}"
    );
}

#[test]
fn issue11_generate_sick_nan_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.json");
    rejected(
        [
            OsArg::from("generate"),
            "--sick".into(),
            "NaN".into(),
            "--out".into(),
            out.clone().into(),
        ],
        &["--sick NaN", "from 0 to 1"],
    );
    assert!(!out.exists());
}

#[test]
fn issue11_threads_100000_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out").display().to_string();
    for bad in ["100000", "0", "257"] {
        rejected(
            ["solve", &small(), "--out", &out, "--threads", bad],
            &["--threads", bad, "1..=256"],
        );
    }
}

#[test]
fn issue11_dev_zero_as_input_stops_at_the_cap() {
    // Each read stops after the 256 MiB cap (+1 byte): the cap bounds the test.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let words = ["/dev/zero", "larger than 256 MiB"];
    rejected(["validate", "/dev/zero"], &words);
    rejected(
        [OsArg::from("check"), small().into(), "/dev/zero".into()],
        &words,
    );
    rejected(
        [
            OsArg::from("sweep"),
            small().into(),
            "--grid".into(),
            "/dev/zero".into(),
            "--out".into(),
            out.into(),
        ],
        &words,
    );
}

#[test]
fn issue11_directory_as_input_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let words = ["cannot read", "is a directory"];
    rejected([OsArg::from("validate"), dir.path().into()], &words);
    rejected(
        [OsArg::from("check"), small().into(), dir.path().into()],
        &words,
    );
}

#[test]
fn issue11_generate_arguments_out_of_range_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.json").display().to_string();
    let cases: &[(&[&str], &[&str])] = &[
        (&["--days", "0"], &["--days 0", "from 1 to 42"]),
        (&["--days", "43"], &["--days 43", "from 1 to 42"]),
        (&["--days", "100000"], &["--days 100000", "from 1 to 42"]),
        (
            &["--births-per-year", "1000000000"],
            &["--births-per-year 1000000000", "from 1 to 200000"],
        ),
        (&["--sick", "1.5"], &["--sick 1.5", "from 0 to 1"]),
        (&["--sick=-0.1"], &["--sick -0.1", "from 0 to 1"]),
        (&["--waitlist", "2"], &["--waitlist 2", "from 0 to 1"]),
        (
            &["--providers", "1000"],
            &["--providers 1000", "from 0 to 100"],
        ),
        (&["--week", "0001-W01"], &["--week 0001-W01", "1901–2198"]),
    ];
    for (args, words) in cases {
        let mut all = vec!["generate"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--out", &out]);
        rejected(&all, words);
        assert!(!Path::new(&out).exists(), "{args:?}: nothing written");
    }
}

#[test]
fn issue11_nurses_per_100_births_names_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.json").display().to_string();
    let err = rejected(
        ["generate", "--nurses-per-100-births=-1", "--out", &out],
        &[
            "--nurses-per-100-births -1",
            "above 0",
            "e.g. --nurses-per-100-births 3.8",
        ],
    );
    assert!(!err.contains("--waitlist"), "{err}");
}

#[test]
fn issue11_jobs_0_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let grid = dir.path().join("grid.toml");
    fs::write(&grid, "seeds = [1]\n").unwrap();
    let (grid, out) = (
        grid.display().to_string(),
        dir.path().join("o").display().to_string(),
    );
    let s = small();
    let words = ["--jobs", "0", "1..=1024"];
    rejected(
        ["sweep", &s, "--grid", &grid, "--out", &out, "--jobs", "0"],
        &words,
    );
    rejected(["forecast", &s, "--out", &out, "--jobs", "0"], &words);
    rejected(
        ["forecast", &s, "--out", &out, "--runs", "0"],
        &["--runs", "1..=100000"],
    );
}

#[test]
fn issue11_trailing_garbage_and_two_scenarios_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixture("1provider-2nurses-2families.json")).unwrap();
    let garbage = dir.path().join("garbage.json");
    fs::write(&garbage, format!("{text}\nthis is not JSON")).unwrap();
    rejected(
        [OsArg::from("validate"), garbage.into()],
        &[
            "garbage.json",
            "more text after the end of the scenario",
            "line",
        ],
    );
    let two = dir.path().join("two.json");
    fs::write(&two, format!("{text}{text}")).unwrap();
    rejected(
        [OsArg::from("validate"), two.into()],
        &["two.json", "a file holds one scenario"],
    );
}

#[test]
fn issue11_check_rejects_a_plan_with_trailing_garbage() {
    let (dir, scenario, plan) = solved_rest_fixture();
    let path = dir.path().join("plan-twice.json");
    let one = serde_json::to_string(&plan).unwrap();
    fs::write(&path, format!("{one}\n{one}\n")).unwrap();
    rejected(
        [OsArg::from("check"), scenario.into(), path.into()],
        &["plan-twice.json", "more text after the end of the plan"],
    );
}

/// A field path and an edit that puts an array there.
type Case = (&'static str, Box<dyn FnOnce(&mut Value)>);

#[test]
fn issue11_arrays_in_place_of_objects_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<Case> = vec![
        (
            "nurses[0]",
            Box::new(|s| s["nurses"][0] = json!(["N001", "P1", "nurse", 24, 32, [52.09, 5.12]])),
        ),
        (
            "families[0]",
            Box::new(|s| s["families"][0] = json!(["F001", "P1", "2026-07-06", 8, 49])),
        ),
        (
            "providers[0]",
            Box::new(|s| s["providers"][0] = json!(["P1"])),
        ),
        ("rules", Box::new(|s| s["rules"] = json!([10, 8, 60]))),
    ];
    for (field, edit) in cases {
        let path = edited(dir.path(), "arrays.json", edit);
        rejected(
            [OsArg::from("validate"), path.into()],
            &[
                &format!("`{field}`"),
                "is a JSON array",
                "must be a JSON object",
            ],
        );
    }
    let path = dir.path().join("top.json");
    let s = read_json(&fixture("1provider-2nurses-2families.json"));
    write_json(&path, &json!([s]));
    rejected(
        [OsArg::from("validate"), path.into()],
        &["`.`", "the scenario must be a JSON object"],
    );
}

#[test]
fn issue11_duplicate_measures_and_off_dates_are_rejected() {
    rejected(
        [
            OsArg::from("validate"),
            fixture("invalid/v-measure--listed-twice.json").into(),
        ],
        &[
            "error[V-MEASURE] measures[1] = M-LENDING",
            "listed twice",
            "remove the duplicate",
        ],
    );
    rejected(
        [
            OsArg::from("validate"),
            fixture("invalid/v-date--off-listed-twice.json").into(),
        ],
        &[
            "error[V-DATE] nurses[0].off[2] = 2026-07-08",
            "twice",
            "remove the duplicate",
        ],
    );
}

#[test]
fn issue11_complexity_null_lists_the_valid_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = edited(dir.path(), "null.json", |s| {
        s["families"][0]["complexity"] = Value::Null
    });
    rejected(
        [OsArg::from("validate"), path.into()],
        &[
            "families[0].complexity",
            "null",
            "\"low\", \"medium\", \"high\"",
        ],
    );
    let path = edited(dir.path(), "role.json", |s| {
        s["nurses"][0]["role"] = json!("senior")
    });
    rejected(
        [OsArg::from("validate"), path.into()],
        &[
            "nurses[0].role",
            "\"senior\"",
            "\"nurse\", \"kio\", \"office_qualified\"",
        ],
    );
}

#[test]
fn issue11_utf16_latin1_and_bom_name_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixture("1provider-2nurses-2families.json")).unwrap();
    // UTF-16 LE with its byte-order mark, as Windows Notepad saves "Unicode".
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let path = dir.path().join("utf16.json");
    fs::write(&path, utf16).unwrap();
    let err = rejected(
        [OsArg::from("validate"), path.into()],
        &["utf16.json", "UTF-16", "save it as UTF-8"],
    );
    assert!(!err.contains("permissions"), "not a path problem: {err}");
    // Latin-1: "é" as the single byte 0xE9.
    let latin1 = text.replacen("\"name\": \"", "\"name\": \"Jos\u{e9} ", 1);
    let bytes: Vec<u8> = latin1.chars().map(|c| c as u32 as u8).collect();
    let path = dir.path().join("latin1.json");
    fs::write(&path, bytes).unwrap();
    rejected(
        [OsArg::from("validate"), path.into()],
        &[
            "latin1.json",
            "not valid UTF-8 at byte",
            "save the file as UTF-8",
        ],
    );
    // A UTF-8 byte-order mark is accepted.
    let path = dir.path().join("bom.json");
    fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let o = run([OsArg::from("validate"), path.into()]);
    expect_code(&o, 0, "validate a UTF-8 file with a byte-order mark");
}

#[test]
fn issue11_home_with_three_numbers_says_lat_lon() {
    let dir = tempfile::tempdir().unwrap();
    let path = edited(dir.path(), "home.json", |s| {
        s["nurses"][1]["home"] = json!([52.09, 5.12, 7])
    });
    rejected(
        [OsArg::from("validate"), path.into()],
        &[
            "nurses[1].home",
            "[52.09,5.12,7]",
            "[lat, lon]",
            "two numbers",
        ],
    );
}

#[test]
fn issue11_impossible_and_misformatted_dates_echo_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = edited(dir.path(), "feb30.json", |s| {
        s["start"] = json!("2026-02-30")
    });
    rejected(
        [OsArg::from("validate"), path.into()],
        &[
            "`start`",
            "\"2026-02-30\"",
            "not a calendar date",
            "February 2026 has 28 days",
        ],
    );
    let path = edited(dir.path(), "dmy.json", |s| {
        s["families"][0]["care_start"] = json!("20/07/2026")
    });
    rejected(
        [OsArg::from("validate"), path.into()],
        &[
            "families[0].care_start",
            "\"20/07/2026\"",
            "YYYY-MM-DD",
            "2026-07-20",
        ],
    );
}

// ---------------------------------------------------------------------------
// Issue 11 §4: output as a set, exit codes
// ---------------------------------------------------------------------------

/// Every file under `dir` with its contents (folders end in `/`), sorted.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                out.push((format!("{rel}/"), String::new()));
                stack.push(p);
            } else {
                out.push((rel, fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// `out` holding a solved plan, then a folder where `visits.csv` goes: a
/// write that must fail as on a full disk, without one.
fn out_with_visits_blocked(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    solve_into(&fixture("1provider-2nurses-2families.json"), &out, 0);
    fs::remove_file(out.join("visits.csv")).unwrap();
    fs::create_dir(out.join("visits.csv")).unwrap();
    fs::write(out.join("visits.csv/mine.txt"), "mine").unwrap();
    out
}

#[test]
fn issue11_full_disk_leaves_no_new_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = out_with_visits_blocked(dir.path());
    let before = tree(&out);
    // Another scenario's plan must not land beside the old files.
    let o = run([
        OsArg::from("solve"),
        fixture("1provider-1nurse-3families-short.json").into(),
        "--out".into(),
        out.clone().into(),
        "--time-limit".into(),
        "10".into(),
    ]);
    expect_code(&o, 3, "solve into a folder that cannot take visits.csv");
    assert_eq!(
        tree(&out),
        before,
        "the folder holds exactly its old files with their old contents"
    );
    assert_eq!(
        dir_names(dir.path()),
        ["out"],
        "no temporary files beside it"
    );
}

#[test]
fn issue11_write_failure_exits_3_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = out_with_visits_blocked(dir.path());
    let o = run([
        OsArg::from("solve"),
        fixture("1provider-2nurses-2families.json").into(),
        "--out".into(),
        out.clone().into(),
    ]);
    expect_code(&o, 3, "a write failure is not bad input");
    let err = stderr(&o);
    let file = out.join("visits.csv").display().to_string();
    assert!(
        err.contains(&format!(
            "cannot write {file}: a folder of this name is in the way"
        )),
        "the message names the file that failed: {err}"
    );
}

#[test]
fn issue11_bad_input_still_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = out_with_visits_blocked(dir.path());
    let before = tree(&out);
    // The input is checked first: an invalid scenario is bad input even
    // where the output could not be written.
    let o = run([
        OsArg::from("solve"),
        fixture("invalid/v-contract--min-above-max.json").into(),
        "--out".into(),
        out.clone().into(),
    ]);
    expect_code(&o, 2, "an invalid scenario");
    let o = run([
        OsArg::from("solve"),
        fixture("1provider-2nurses-2families.json").into(),
        "--out".into(),
        out.join("plan.json").into(),
    ]);
    expect_code(&o, 2, "--out names a file");
    assert!(
        stderr(&o).contains("is a file, not a folder"),
        "{}",
        stderr(&o)
    );
    let o = run([
        OsArg::from("generate"),
        "--week".into(),
        "2026-W99".into(),
        "--out".into(),
        dir.path().join("x.json").into(),
    ]);
    expect_code(&o, 2, "a bad --week");
    assert_eq!(tree(&out), before);
}

#[test]
fn issue11_leftovers_of_a_killed_run_are_cleaned_and_never_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    solve_into(&fixture("1provider-2nurses-2families.json"), &out, 0);
    // What a kill leaves: a staging folder beside `out` (this version) and a
    // temporary file inside it (the earlier writer); and a file of the user's.
    let stale = dir.path().join(".out.kraamplan-new-999-deadbeef");
    fs::create_dir(&stale).unwrap();
    fs::write(stale.join("plan.json"), "half a plan").unwrap();
    fs::write(out.join(".tmpAb12Cd"), "half a file").unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = solve_into(&fixture("1provider-1nurse-3families-short.json"), &out, 1);
    assert!(stdout(&o).contains("plan written to"), "{}", stdout(&o));
    assert_eq!(
        dir_names(dir.path()),
        ["out"],
        "the stale staging folder is gone"
    );
    let mut want: Vec<String> = PLAN_FILES.iter().map(|s| s.to_string()).collect();
    want.push("notes.txt".into());
    want.sort();
    assert_eq!(dir_names(&out), want, "the plan files and the user's file");
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    let plan = Plan::from_json(&fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    let visits = fs::read_to_string(out.join("visits.csv")).unwrap();
    assert_eq!(
        visits.lines().count() - 1,
        plan.visits.len(),
        "one plan's files"
    );
}
