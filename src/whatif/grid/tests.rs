use super::*;

const FULL: &str = r#"
sick = [0.0, 0.10, 0.15]
extra_births = [0, 10, 20]
measures = ["base", "none", "all", "M-COMBINED+M-FLEX"]
hired = [0, 5]
lent = [0, 5]
pool_scope = ["base", "regional", "provider"]
time_limit = [5, 30]
seeds = [1, 2, 3]
"#;

fn err(text: &str) -> String {
    Grid::parse(text).unwrap_err().to_string()
}

fn assert_names(text: &str, parts: &[&str]) {
    let msg = err(text);
    for p in parts {
        assert!(msg.contains(p), "`{msg}` does not contain `{p}`");
    }
}

#[test]
fn every_key_parses() {
    let g = Grid::parse(FULL).unwrap();
    assert_eq!(g.sick, vec![0.0, 0.10, 0.15]);
    assert_eq!(g.extra_births, vec![0.0, 10.0, 20.0]);
    assert_eq!(
        g.measures,
        vec![
            MeasureChoice::Base,
            MeasureChoice::None,
            MeasureChoice::All,
            MeasureChoice::Only(vec!["M-COMBINED".into(), "M-FLEX".into()]),
        ]
    );
    assert_eq!(g.hired, vec![0, 5]);
    assert_eq!(g.lent, vec![0, 5]);
    assert_eq!(
        g.pool_scope,
        vec![PoolChoice::Base, PoolChoice::Regional, PoolChoice::Provider]
    );
    assert_eq!(g.time_limit, vec![Some(5.0), Some(30.0)]);
    assert_eq!(g.seeds, vec![1, 2, 3]);
    assert_eq!(g.len(), 3 * 3 * 4 * 2 * 2 * 3 * 2 * 3);
    assert_eq!(g.varying().len(), 8);
}

#[test]
fn missing_keys_take_the_base_value() {
    let g = Grid::parse("# nothing but a comment\n").unwrap();
    assert_eq!(g, Grid::default());
    assert_eq!(g.seeds, vec![0]);
    assert_eq!(g.time_limit, vec![None]);
    assert_eq!(g.len(), 1);
    let v = &g.variants()[0];
    assert_eq!(v.measures, MeasureChoice::Base);
    assert_eq!(v.pool_scope, PoolChoice::Base);
    assert_eq!(
        (v.sick, v.extra_births, v.hired, v.lent, v.seed),
        (0.0, 0.0, 0, 0, 0)
    );
    let g = Grid::parse("sick = [0.1]").unwrap();
    assert_eq!(g.extra_births, vec![0.0]);
    assert_eq!(g.sick, vec![0.1]);
}

#[test]
fn variants_enumerate_with_the_last_axis_fastest() {
    let g = Grid::parse("sick = [0.0, 0.2]\nmeasures = [\"none\", \"all\"]\nseeds = [7, 8, 9]")
        .unwrap();
    let v = g.variants();
    assert_eq!(v.len(), 12);
    assert_eq!(g.len(), 12);
    assert!(v.iter().enumerate().all(|(i, x)| x.index == i));
    let key: Vec<(f64, String, u64)> = v
        .iter()
        .map(|x| (x.sick, x.measures.to_string(), x.seed))
        .collect();
    assert_eq!(key[0], (0.0, "none".into(), 7));
    assert_eq!(key[1], (0.0, "none".into(), 8));
    assert_eq!(key[3], (0.0, "all".into(), 7));
    assert_eq!(key[6], (0.2, "none".into(), 7));
    assert_eq!(key[11], (0.2, "all".into(), 9));
}

#[test]
fn columns_are_stable_strings() {
    let g = Grid::parse(FULL).unwrap();
    let v = g
        .variants()
        .into_iter()
        .find(|v| {
            v.sick == 0.15
                && v.extra_births == 10.0
                && v.measures.to_string() == "M-COMBINED+M-FLEX"
                && v.time_limit == Some(30.0)
        })
        .unwrap();
    let cols = v.columns();
    let names: Vec<&str> = cols.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        names,
        [
            "sick",
            "extra_births",
            "measures",
            "hired",
            "lent",
            "pool_scope",
            "time_limit",
            "seed"
        ]
    );
    assert_eq!(cols[0].1, "0.15");
    assert_eq!(cols[1].1, "10");
    assert_eq!(cols[2].1, "M-COMBINED+M-FLEX");
    assert_eq!(cols[5].1, "base");
    assert_eq!(cols[6].1, "30");
    assert_eq!(Grid::default().variants()[0].columns()[6].1, "");
}

#[test]
fn variants_round_trip_through_json() {
    for v in Grid::parse(FULL).unwrap().variants().iter().take(200) {
        let text = serde_json::to_string(v).unwrap();
        let back: Variant = serde_json::from_str(&text).unwrap();
        assert_eq!(&back, v);
    }
    let v = &Grid::parse("measures = [\"M-FLEX+M-KIO\"]\npool_scope = [\"provider\"]")
        .unwrap()
        .variants()[0];
    let text = serde_json::to_string(v).unwrap();
    assert!(text.contains(r#""measures":"M-FLEX+M-KIO""#), "{text}");
    assert!(text.contains(r#""pool_scope":"provider""#), "{text}");
}

#[test]
fn unknown_key_is_named_with_a_suggestion() {
    assert_names(
        "seed = [1]",
        &[
            "unknown key `seed`",
            "did you mean `seeds`?",
            "the keys are",
        ],
    );
    assert_names("colour = [1]", &["unknown key `colour`"]);
}

#[test]
fn single_values_and_empty_lists_are_rejected() {
    assert_names(
        "sick = 0.1",
        &["`sick` = 0.1 is not a list", "sick = [0.1]"],
    );
    assert_names(
        "hired = []",
        &["`hired` is an empty list", "leave `hired` out"],
    );
}

#[test]
fn wrong_types_are_rejected() {
    assert_names(
        "sick = [\"10%\"]",
        &["`sick` value \"10%\" is not a number"],
    );
    assert_names(
        "hired = [2.5]",
        &["`hired` value 2.5 is not a whole number"],
    );
    assert_names(
        "seeds = [\"a\"]",
        &["`seeds` value \"a\" is not a whole number"],
    );
    assert_names("measures = [3]", &["`measures` value 3 is not a string"]);
    assert_names(
        "pool_scope = [true]",
        &["`pool_scope` value true is not a string"],
    );
}

#[test]
fn duplicates_are_rejected() {
    assert_names(
        "sick = [0.1, 0.2, 0.1]",
        &["`sick` lists 0.1 twice", "remove the duplicate"],
    );
    assert_names(
        "extra_births = [10, 10.0]",
        &["`extra_births` lists 10 twice"],
    );
    assert_names("hired = [0, 0]", &["`hired` lists 0 twice"]);
    assert_names("lent = [3, 3]", &["`lent` lists 3 twice"]);
    assert_names("seeds = [1, 1]", &["`seeds` lists 1 twice"]);
    assert_names("time_limit = [5, 5]", &["`time_limit` lists 5 twice"]);
    assert_names(
        "pool_scope = [\"base\", \"base\"]",
        &["`pool_scope` lists base twice"],
    );
    assert_names(
        "measures = [\"M-FLEX+M-COMBINED\", \"M-COMBINED+M-FLEX\"]",
        &["`measures` lists M-COMBINED+M-FLEX twice"],
    );
    assert_names(
        "measures = [\"M-FLEX+M-FLEX\"]",
        &["M-FLEX+M-FLEX", "M-FLEX is listed twice"],
    );
}

#[test]
fn out_of_range_values_are_rejected() {
    assert_names(
        "sick = [1.0]",
        &["`sick` value 1 is out of range", "[0, 1)"],
    );
    assert_names("sick = [-0.1]", &["`sick` value -0.1 is out of range"]);
    assert_names("sick = [nan]", &["`sick` value NaN is out of range"]);
    assert_names(
        "extra_births = [201]",
        &["`extra_births` value 201 is out of range", "[0, 200]"],
    );
    assert_names(
        "extra_births = [-5]",
        &["`extra_births` value -5 is out of range"],
    );
    assert_names(
        "hired = [1001]",
        &["`hired` value 1001 is out of range", "0–1000"],
    );
    assert_names("lent = [-1]", &["`lent` value -1 is out of range"]);
    assert_names(
        "time_limit = [0]",
        &["`time_limit` value 0 is out of range", "above 0"],
    );
    assert_names(
        "time_limit = [inf]",
        &["`time_limit` value inf is out of range"],
    );
    assert_names("seeds = [-3]", &["`seeds` value -3 is out of range"]);
    // The limits themselves are accepted.
    let g = Grid::parse("sick = [0.0, 0.99]\nextra_births = [200]\nhired = [1000]\nlent = [1000]")
        .unwrap();
    assert_eq!(g.hired, vec![1000]);
}

#[test]
fn unknown_measures_and_scopes_are_rejected() {
    assert_names(
        "measures = [\"M-COMBINED+M-FLEXX\"]",
        &[
            "`measures` value \"M-COMBINED+M-FLEXX\"",
            "unknown measure `M-FLEXX`",
            "did you mean M-FLEX?",
            "M-WAITLIST",
        ],
    );
    assert_names("measures = [\"\"]", &["`measures` value \"\"", "empty"]);
    assert_names(
        "measures = [\"M-FLEX+\"]",
        &["`measures` value \"M-FLEX+\"", "empty"],
    );
    assert_names(
        "measures = [\"Base\"]",
        &["`measures` value \"Base\"", "unknown measure `Base`"],
    );
    assert_names(
        "pool_scope = [\"region\"]",
        &[
            "`pool_scope` value \"region\" is not a scope",
            "\"regional\"",
        ],
    );
}

#[test]
fn too_many_variants_are_rejected() {
    let seeds: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
    let text = format!(
        "seeds = [{}]\nhired = [{}]",
        seeds.join(","),
        (0..101)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_names(
        &text,
        &[
            "101000 variants",
            "more than 100000",
            "hired 101 × seeds 1000",
        ],
    );
    let text = format!(
        "seeds = [{}]\nhired = [{}]",
        seeds.join(","),
        (0..100)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_eq!(Grid::parse(&text).unwrap().len(), 100_000);
}

#[test]
fn issue11_huge_grid_is_refused_before_the_duplicate_check() {
    // Two axes of a million values each: refused from the list lengths
    // (the product, 10¹², checked without overflow), with duplicates
    // in them that are never looked at.
    let million = vec!["1"; 1_000_000].join(",");
    let text = format!(
        "seeds = [{million}]\nsick = [{}]",
        vec!["0.5"; 1_000_000].join(",")
    );
    assert_names(
        &text,
        &[
            "1000000000000 variants",
            "more than 100000",
            "sick 1000000 × seeds 1000000",
        ],
    );
    // Eight axes of 2⁸ values: 2⁶⁴ variants, no overflow.
    let axis = (0..256)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let text = KEYS
        .iter()
        .map(|k| format!("{k} = [{axis}]"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_names(&text, &["variants", "more than 100000"]);
}

#[test]
fn issue11_duplicate_check_is_linear() {
    // 100,000 distinct seeds (the largest grid) pass; a duplicate at
    // the end is found. Quadratic, this would be 5·10⁹ comparisons.
    let seeds: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
    let text = format!("seeds = [{}]", seeds.join(","));
    assert_eq!(Grid::parse(&text).unwrap().len(), 100_000);
    let text = format!("seeds = [{},7]", seeds[..99_999].join(","));
    assert_names(&text, &["`seeds` lists 7 twice"]);
    assert_names("sick = [0.0, -0.0]", &["`sick` lists -0 twice"]);
    assert_names(
        "measures = [\"M-FLEX+M-KIO\", \"M-KIO+M-FLEX\"]",
        &["`measures` lists M-KIO+M-FLEX twice"],
    );
}

#[test]
fn issue11_time_limit_1e308_is_rejected() {
    for bad in ["1e308", "1e20", "604801", "inf", "nan", "-1", "0"] {
        assert_names(
            &format!("time_limit = [{bad}]"),
            &[
                &format!(
                    "`time_limit` value {} is out of range",
                    if bad == "nan" { "NaN" } else { bad }
                ),
                "604800 (one week)",
            ],
        );
    }
    assert_eq!(
        Grid::parse("time_limit = [604800]").unwrap().time_limit,
        vec![Some(604_800.0)]
    );
}

#[test]
fn syntax_errors_name_the_line() {
    let msg = err("sick = [0.1]\nseeds = [1, 2\nhired = [0]\n");
    assert!(msg.starts_with("TOML syntax error at line "), "{msg}");
    let line: usize = msg["TOML syntax error at line ".len()..]
        .split(',')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((2..=3).contains(&line), "{msg}");
    let msg = err("sick = [0.1]\n\nmeasures = [base]\n");
    assert!(
        msg.starts_with("TOML syntax error at line 3, column "),
        "{msg}"
    );
}

#[test]
fn read_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grid.toml");
    std::fs::write(&path, "sick = [2]\n").unwrap();
    let msg = Grid::read(&path).unwrap_err().to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    assert!(msg.contains("`sick` value 2 is out of range"), "{msg}");
    let missing = dir.path().join("nope.toml");
    let msg = Grid::read(&missing).unwrap_err().to_string();
    assert!(
        msg.contains("cannot read") && msg.contains("nope.toml"),
        "{msg}"
    );
    std::fs::write(&path, "seeds = [4, 5]\n").unwrap();
    assert_eq!(Grid::read(&path).unwrap().seeds, vec![4, 5]);
}

#[test]
fn the_policy_axis_parses_sets_the_scenario_and_is_a_column() {
    use crate::domain::policy::Policy;
    let g = Grid::parse("policy = [\"normenkader\", \"first-come\"]\nseeds = [1, 2]").unwrap();
    assert_eq!(
        g.policy,
        vec![Some(Policy::Normenkader), Some(Policy::FirstCome)]
    );
    assert_eq!(g.varying(), vec!["policy", "seeds"]);
    let v = &g.variants()[2];
    assert_eq!((v.policy, v.seed), (Some(Policy::FirstCome), 1));
    let cols = v.columns();
    assert_eq!(cols[6], ("policy", "first-come".to_string()));
    let base = crate::testkit::Tiny::new(1)
        .family("F1", "2026-07-06", 8)
        .build();
    let s = crate::whatif::variant::apply(&base, v).unwrap();
    assert_eq!(s.rules.policy(), Policy::FirstCome);
    // Without the axis the scenario keeps its own, and there is no column.
    assert!(!Grid::default().variants()[0]
        .columns()
        .iter()
        .any(|c| c.0 == "policy"));
    assert_names(
        "policy = [\"first_come\"]",
        &[
            "`policy` value \"first_come\"",
            "did you mean \"first-come\"",
            "utilitarian",
        ],
    );
    assert_names("policy = [\"utilitarian\", \"utilitarian\"]", &["twice"]);
}

#[test]
fn the_kraamcentrum_and_kio_axes_parse_apply_and_are_columns() {
    let g = Grid::parse("kraamcentrum = [0, 4, 6]\nkio = [0, 5, 10]\nseeds = [1]").unwrap();
    assert_eq!(g.kraamcentrum, vec![Some(0), Some(4), Some(6)]);
    assert_eq!(g.kio, vec![Some(0), Some(5), Some(10)]);
    assert_eq!(g.len(), 9);
    assert_eq!(g.varying(), vec!["kraamcentrum", "kio"]);
    let v = &g.variants()[5];
    assert_eq!((v.kraamcentrum, v.kio), (Some(4), Some(10)));
    let cols = v.columns();
    let names: Vec<&str> = cols.iter().map(|c| c.0).collect();
    assert_eq!(
        names,
        [
            "sick",
            "extra_births",
            "measures",
            "hired",
            "lent",
            "kraamcentrum",
            "kio",
            "pool_scope",
            "time_limit",
            "seed"
        ]
    );
    assert_eq!(cols[5].1, "4");
    assert_eq!(cols[6].1, "10");
    // Without the axes there are no columns, and older variants read unchanged.
    assert!(!Grid::default().variants()[0]
        .columns()
        .iter()
        .any(|c| c.0 == "kraamcentrum" || c.0 == "kio"));
    let base = crate::testkit::Tiny::new(2)
        .family("F1", "2026-07-06", 8)
        .family("F2", "2026-07-06", 8)
        .build();
    let s = crate::whatif::variant::apply(&base, v).unwrap();
    let k = s.kraamcentrum.as_ref().expect("a kraamcentrum");
    assert_eq!((k.size, k.beds()), (4, 8));
    assert!(s.measures.iter().any(|m| m == "M-KRAAMCENTRUM"));
    assert!(s.measures.iter().any(|m| m == "M-KIO"));
    let kio: Vec<_> = s
        .nurses
        .iter()
        .filter(|n| n.role == crate::scenario::Role::Kio)
        .collect();
    assert_eq!(kio.len(), 10);
    assert!(kio.iter().all(|n| n.id.starts_with('K') && !n.partus));
    assert!(
        crate::scenario::validate::errors(&s).is_empty(),
        "{:?}",
        crate::scenario::validate::errors(&s)
    );
    // Zero of each leaves the base as it was.
    let none = crate::whatif::variant::apply(&base, &g.variants()[0]).unwrap();
    assert!(none.kraamcentrum.is_none() && none.nurses.len() == 2);
    assert!(none.measures.is_empty());
    assert_names(
        "kraamcentrum = [1]",
        &["`kraamcentrum`", "0 (none) or 2–12"],
    );
    assert_names("kraamcentrum = [13]", &["2–12"]);
    assert_names("kio = [1001]", &["`kio`", "0–1000"]);
    assert_names("kio = [5, 5]", &["twice"]);
    assert_names("kraamcentre = [4]", &["did you mean `kraamcentrum`"]);
}
