//! The committed documentation stays true to the code.

use std::path::Path;

/// `docs/schema/*.schema.json` are exactly what `kraamplan schema` prints.
#[test]
fn json_schemas_are_current() {
    for which in ["scenario", "plan", "events", "locks", "fairness"] {
        let out = assert_cmd::Command::cargo_bin("kraamplan")
            .unwrap()
            .args(["schema", which])
            .output()
            .unwrap();
        assert!(out.status.success());
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/schema/{which}.schema.json"));
        let committed = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            committed,
            String::from_utf8(out.stdout).unwrap(),
            "{} is stale: run `cargo run --release -- schema {which} > {}`",
            path.display(),
            path.display()
        );
    }
}

/// Every rule id the MILP registers is described in models/model.md.
#[test]
fn every_constraint_family_is_written_down() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("models/model.md"))
            .unwrap();
    for (rule, _) in kraamplan::milp::constraints::REGISTRY {
        assert!(
            doc.contains(&format!("| {rule} |")),
            "models/model.md lacks a row for {rule}"
        );
    }
}

/// Every path the README's layout table and `models/` name exists.
#[test]
fn every_path_the_docs_name_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for doc in [
        "README.md",
        "models/model.md",
        "models/rules.md",
        "models/semantics.md",
        "models/whatif.md",
        "models/roll.md",
        "models/simulate.md",
        "models/fairness.md",
    ] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        for quoted in text.split('`').skip(1).step_by(2) {
            let is_path = [
                "src/",
                "tests/",
                "scripts/",
                "benches/",
                "models/",
                "scenarios/",
            ]
            .iter()
            .any(|p| quoted.starts_with(p))
                && !quoted.contains(' ')
                && !quoted.contains('*');
            if is_path && !root.join(quoted).exists() {
                missing.push(format!("{doc}: `{quoted}`"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "paths that do not exist:\n{}",
        missing.join("\n")
    );
}
