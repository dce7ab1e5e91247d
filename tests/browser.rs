//! The HTML report as a person sees it: rendered by headless Chromium
//! (Debian's `chromium`, which `make test` installs through
//! `scripts/ensure-deps.sh --browser`), and checked from the rendered page
//! against the plan's own files: the red cells of the coverage map are the
//! families' short days, each pool shift shows the plan's coverage, the
//! re-plan's changes are highlighted, the forecast's bars carry its
//! probabilities, and sorting and filtering run in the page. A screenshot
//! of each page is written to `target/report-screens/` for a person to look at.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kraamplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kraamplan"))
        .args(args)
        .output()
        .expect("kraamplan runs")
}

fn ok(o: &Output, what: &str) {
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{what}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn bundled(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
        .display()
        .to_string()
}

/// The browser: `KRAAMPLAN_CHROMIUM`, or Debian's `chromium` on the PATH.
fn chromium() -> PathBuf {
    if let Ok(path) = std::env::var("KRAAMPLAN_CHROMIUM") {
        return path.into();
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(o) = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
        {
            let found = String::from_utf8_lossy(&o.stdout).trim().to_string();
            if o.status.success() && !found.is_empty() {
                return found.into();
            }
        }
    }
    panic!(
        "no Chromium found: the report's browser test needs it — run scripts/ensure-deps.sh --browser \
         (make test does), or set KRAAMPLAN_CHROMIUM to a Chromium or Chrome binary"
    );
}

/// Headless Chromium with this machine's closed network in mind: no
/// background connections, a fresh profile per call.
fn browser(profile: &Path) -> Command {
    let mut c = Command::new(chromium());
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// The page's DOM after its script ran (`#hash` applied).
fn rendered(page: &Path, hash: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let o = browser(profile.path())
        .arg("--dump-dom")
        .arg(format!("file://{}{hash}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        o.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let dom = String::from_utf8(o.stdout).unwrap();
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not finish"
    );
    dom
}

/// A screenshot under `target/report-screens/`.
fn screenshot(page: &Path, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-screens");
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join(format!("{name}.png"));
    let profile = tempfile::tempdir().unwrap();
    let o = browser(profile.path())
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1400,2400")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        o.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "empty screenshot"
    );
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The elements of `dom` carrying `needle` in their opening tag.
fn tags<'a>(dom: &'a str, needle: &str) -> Vec<&'a str> {
    dom.match_indices(needle)
        .map(|(i, _)| {
            let start = dom[..i].rfind('<').unwrap();
            let end = i + dom[i..].find('>').unwrap();
            &dom[start..=end]
        })
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// Solve bundled scenario `name` with the heuristic and `--html`, render
/// the report, and check it against plan.json; returns the plan's short
/// days and pool rows.
fn plan_page(name: &str, shot: &str) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan");
    let o = kraamplan(&[
        "solve",
        &bundled(name),
        "--engine",
        "heuristic",
        "--html",
        "--out",
        s(&out),
    ]);
    ok(&o, "solve --html");
    let plan = json(&out.join("plan.json"));
    let page = out.join("report.html");
    let dom = rendered(&page, "");
    screenshot(&page, shot);

    // One red cell per short day of every family.
    let short_days: usize = plan["families"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["short_days"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(tags(&dom, "class=\"short\" data-v").len(), short_days);
    // Each red cell is a day that family is short of.
    for cell in tags(&dom, "class=\"short\" data-v") {
        let (f, d) = (
            attr(cell, "data-family").unwrap(),
            attr(cell, "data-date").unwrap(),
        );
        let family = plan["families"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == f)
            .unwrap();
        assert!(
            family["short_days"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x == d),
            "{f} {d}"
        );
    }
    // Every pool row with the plan's coverage.
    let pool = plan["pool"].as_array().unwrap();
    let rows = tags(&dom, " data-required=");
    assert_eq!(rows.len(), pool.len());
    for p in pool {
        let provider = p["provider"].as_str().unwrap_or("region");
        assert!(
            rows.iter()
                .any(|r| attr(r, "data-date") == p["date"].as_str()
                    && attr(r, "data-shift") == p["shift"].as_str()
                    && attr(r, "data-provider") == Some(provider)
                    && attr(r, "data-covered") == Some(&p["covered"].to_string())
                    && attr(r, "data-required") == Some(&p["required"].to_string())),
            "pool row {p} not on the page"
        );
    }
    // The roster has a row per nurse, and its cells add up to the visits.
    let scenario = json(Path::new(&bundled(name)));
    let nurses = scenario["nurses"].as_array().unwrap().len();
    assert_eq!(tags(&dom, "<tr data-nurse=").len(), nurses);
    let roster_hours: u64 = tags(&dom, " data-nurse=")
        .iter()
        .filter_map(|t| attr(t, "data-hours"))
        .map(|h| h.parse::<u64>().unwrap())
        .sum();
    let visit_hours: u64 = plan["visits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["hours"].as_u64().unwrap())
        .sum();
    assert_eq!(roster_hours, visit_hours);
    // The charts are there, and the checker's verdict.
    for id in ["ratio-curve", "ratio-provider", "continuity-chart"] {
        assert!(dom.contains(&format!("id=\"{id}\"")), "chart {id} missing");
    }
    assert_eq!(dom.contains("id=\"pool-chart\""), !pool.is_empty());
    assert!(dom.contains("The independent checker passes this plan"));
    let colours = tags(&dom, "<tr data-week=");
    assert_eq!(colours.len(), plan["weeks"].as_array().unwrap().len());

    // Sorting and filtering run in the page: the coverage map sorted by
    // hours short, most first, and the roster filtered to one nurse.
    let first = plan["nurses"][0]["id"].as_str().unwrap();
    let dom = rendered(
        &page,
        &format!("#sort=coverage-grid:5:desc&filter=roster-grid:{first}"),
    );
    let coverage = &dom[dom.find("id=\"coverage-grid\"").unwrap()..];
    let top = tags(coverage, "<tr data-family=")[0];
    let most = plan["families"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["shortfall"].as_u64().unwrap())
        .max()
        .unwrap();
    let top_family = attr(top, "data-family").unwrap();
    let top_short = plan["families"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == top_family)
        .unwrap()["shortfall"]
        .as_u64()
        .unwrap();
    assert_eq!(top_short, most, "coverage not sorted by hours short");
    let roster = tags(&dom, "id=\"roster-grid\"")[0];
    assert_eq!(attr(roster, "data-shown"), Some("1"), "{roster}");
    (short_days, pool.len())
}

#[test]
fn issue17_plan_report_shows_the_short_days_as_planned() {
    let (short_days, _) = plan_page("colours/zwart.json", "plan-zwart");
    assert!(short_days > 0, "zwart has families below the floor");
}

#[test]
fn issue17_plan_report_shows_the_pool_as_planned() {
    let (_, pool) = plan_page("default.json", "plan-default");
    assert!(pool > 0, "the default scenario has a partus pool");
}

#[test]
fn issue17_replan_report_highlights_the_changes_and_lists_the_calls() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let groen = bundled("colours/groen.json");
    let p0 = d.join("p0");
    ok(
        &kraamplan(&[
            "solve",
            &groen,
            "--engine",
            "heuristic",
            "--no-ladder",
            "--out",
            s(&p0),
        ]),
        "solve",
    );
    let previous = json(&p0.join("plan.json"));
    let nurse = previous["visits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["date"] == "2026-02-03")
        .expect("a visit on 2026-02-03")["nurse"]
        .as_str()
        .unwrap()
        .to_string();
    let events = d.join("events.json");
    std::fs::write(
        &events,
        format!(
            r#"{{"format": "kraamplan/events@1", "events": [
                {{"kind": "sick", "nurse": "{nurse}", "from": "2026-02-03", "to": "2026-02-04"}}]}}"#
        ),
    )
    .unwrap();
    let next = d.join("next.json");
    ok(
        &kraamplan(&[
            "roll",
            &groen,
            s(&p0.join("plan.json")),
            "--to",
            "2026-02-03",
            "--events",
            s(&events),
            "--out",
            s(&next),
        ]),
        "roll",
    );
    let out = d.join("r");
    ok(
        &kraamplan(&[
            "replan",
            s(&next),
            "--previous",
            s(&p0.join("plan.json")),
            "--engine",
            "heuristic",
            "--html",
            "--out",
            s(&out),
        ]),
        "replan --html",
    );
    let plan = json(&out.join("plan.json"));
    let page = out.join("report.html");
    let dom = rendered(&page, "");
    screenshot(&page, "replan");
    let changes = plan["replan"]["changes"].as_array().unwrap();
    assert!(!changes.is_empty(), "the sick nurse's visits must move");
    // One row per change, and every change's nurses' cells highlighted.
    assert_eq!(tags(&dom, " data-notice=").len(), changes.len());
    let changed: Vec<&str> = tags(&dom, " data-nurse=")
        .into_iter()
        .filter(|t| attr(t, "class").is_some_and(|c| c.split(' ').any(|c| c == "changed")))
        .collect();
    for c in changes {
        for side in ["before", "after"] {
            if let Some(n) = c[side]["nurse"].as_str() {
                assert!(
                    changed.iter().any(|t| attr(t, "data-nurse") == Some(n)
                        && attr(t, "data-date") == c["date"].as_str()),
                    "{side} of {c} not highlighted"
                );
            }
        }
    }
    // The calls: every person of calls.csv is listed.
    let calls = std::fs::read_to_string(out.join("calls.csv")).unwrap();
    let listed = tags(&dom, " data-who=");
    assert_eq!(listed.len(), calls.lines().count() - 1);
    assert!(
        listed
            .iter()
            .any(|t| attr(t, "data-id") == Some(nurse.as_str())),
        "{nurse} not to call"
    );
}

#[test]
fn issue17_forecast_report_draws_the_colour_probabilities() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("f");
    ok(
        &kraamplan(&[
            "forecast",
            &bundled("colours/oranje.json"),
            "--runs",
            "4",
            "--engine",
            "heuristic",
            "--jobs",
            "1",
            "--out",
            s(&out),
        ]),
        "forecast",
    );
    let page = dir.path().join("forecast.html");
    ok(
        &kraamplan(&["report", s(&out), "--out", s(&page)]),
        "report",
    );
    let dom = rendered(&page, "");
    screenshot(&page, "forecast");
    let forecast = json(&out.join("forecast.json"));
    let weeks = forecast["weeks"].as_array().unwrap();
    assert!(!weeks.is_empty());
    let chart = &dom[dom.find("id=\"forecast-colours\"").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    let bars = tags(chart, "class=\"bar\"");
    assert_eq!(bars.len(), weeks.len() * 4);
    for w in weeks {
        for (colour, e) in w["colours"].as_object().unwrap() {
            let want = e["value"].as_f64().unwrap();
            let bar = bars
                .iter()
                .find(|b| {
                    attr(b, "data-series") == Some(colour)
                        && attr(b, "data-label") == w["week"].as_str()
                })
                .unwrap_or_else(|| panic!("no bar for {colour} in {}", w["week"]));
            let got: f64 = attr(bar, "data-value").unwrap().parse().unwrap();
            assert!((got - want).abs() < 1e-9, "{colour}: {got} against {want}");
        }
    }
}

#[test]
fn issue17_sweep_simulation_and_policy_folders_are_drawn_from_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let grid = d.join("grid.toml");
    std::fs::write(&grid, "sick = [0.0, 0.3]\nextra_births = [0.0, 0.5]\n").unwrap();
    let all = d.join("all");
    ok(
        &kraamplan(&[
            "sweep",
            &bundled("colours/oranje.json"),
            "--grid",
            s(&grid),
            "--engine",
            "heuristic",
            "--quiet",
            "--out",
            s(&all),
        ]),
        "sweep",
    );
    ok(
        &kraamplan(&[
            "simulate",
            &bundled("colours/groen.json"),
            "--nights",
            "2",
            "--runs",
            "2",
            "--policy",
            "stable,scratch",
            "--engine",
            "heuristic",
            "--quiet",
            "--out",
            s(&all),
        ]),
        "simulate",
    );
    ok(
        &kraamplan(&[
            "fairness",
            "--compare",
            &bundled("colours/groen.json"),
            "--policies",
            "normenkader,proportional",
            "--time-limit",
            "2",
            "--quiet",
            "--out",
            s(&all),
        ]),
        "fairness --compare",
    );
    let page = d.join("all.html");
    ok(
        &kraamplan(&["report", s(&all), "--out", s(&page)]),
        "report",
    );
    let dom = rendered(&page, "");
    screenshot(&page, "folder");
    // The sweep: families below the floor against sick, the mean of the rows.
    let sweep = json(&all.join("sweep.json"));
    let rows = sweep["rows"].as_array().unwrap();
    let chart = &dom[dom.find("id=\"sweep-sick\"").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    for sick in ["0", "0.3"] {
        let below: Vec<f64> = rows
            .iter()
            .filter(|r| r["variant"]["sick"].as_f64().unwrap().to_string() == sick)
            .map(|r| r["result"]["families_below_floor"].as_f64().unwrap())
            .collect();
        let mean = below.iter().sum::<f64>() / below.len() as f64;
        let bar = tags(chart, "class=\"bar\"")
            .into_iter()
            .find(|b| {
                attr(b, "data-series") == Some("below the floor")
                    && attr(b, "data-label") == Some(sick)
            })
            .unwrap_or_else(|| panic!("no bar for sick {sick}"));
        let got: f64 = attr(bar, "data-value").unwrap().parse().unwrap();
        assert!(
            (got - mean).abs() < 1e-9,
            "sick {sick}: {got} against {mean}"
        );
    }
    assert_eq!(tags(&dom, "<tr data-variant=").len(), rows.len());
    // The simulation: a line per policy, and the policy table.
    let simulate = json(&all.join("simulate.json"));
    for p in simulate["summary"].as_array().unwrap() {
        let policy = p["policy"].as_str().unwrap();
        assert!(
            dom.contains(&format!("class=\"line\" data-series=\"{policy}\"")),
            "{policy}"
        );
        assert!(
            dom.contains(&format!("<tr data-policy=\"{policy}\"")),
            "{policy}"
        );
    }
    // The comparison: one bar per policy with its mean delivered hours.
    let compare = json(&all.join("fairness-compare.json"));
    let chart = &dom[dom.find("id=\"compare-delivered\"").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    for p in compare["summary"].as_array().unwrap() {
        let bar = tags(chart, "class=\"bar\"")
            .into_iter()
            .find(|b| attr(b, "data-label") == p["policy"].as_str())
            .unwrap();
        let got: f64 = attr(bar, "data-value").unwrap().parse().unwrap();
        assert!((got - p["delivered_hours"]["value"].as_f64().unwrap()).abs() < 1e-9);
    }
}

#[test]
fn issue17_bad_report_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("r.html");
    // An empty folder, a scenario without its plan, a folder with a plan.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for args in [
        vec!["report", s(&empty), "--out", s(&page)],
        vec!["report", &bundled("colours/groen.json"), "--out", s(&page)],
        vec![
            "report",
            s(&empty),
            &bundled("colours/groen.json"),
            "--out",
            s(&page),
        ],
        vec![
            "report",
            &bundled("colours/groen.json"),
            &bundled("colours/groen.json"),
            "--out",
            s(&page),
        ],
    ] {
        let o = kraamplan(&args);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!String::from_utf8_lossy(&o.stderr).is_empty());
        assert!(!page.exists(), "{args:?} wrote a page");
    }
}
