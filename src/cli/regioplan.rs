//! `kraamplan regioplan`: the Regioplan's sections 1.3, 1.4, 2.1 and 6
//! from a season and a prognosis (`models/regioplan.md`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use kraamplan::regioplan::{self, RegioplanError};

use super::exit::EXIT_INPUT;

/// `kraamplan regioplan`.
#[derive(Args)]
pub struct RegioplanArgs {
    /// Folders holding `season.json` (of `kraamplan season`) and
    /// `prognose.json` (of `kraamplan prognose`), or those files.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The Markdown file to write (replaced atomically).
    #[arg(long, default_value = "regioplan.md")]
    out: PathBuf,
    /// Also write the HTML page with charts here (replaced atomically).
    #[arg(long)]
    html: Option<PathBuf>,
}

pub fn cmd_regioplan(a: &RegioplanArgs) -> Result<u8> {
    for (flag, path) in
        std::iter::once(("--out", &a.out)).chain(a.html.iter().map(|h| ("--html", h)))
    {
        if path.is_dir() {
            eprintln!(
                "error: {flag} {} is a folder; give the file to write, e.g. {flag} {}",
                path.display(),
                path.join(if flag == "--out" {
                    "regioplan.md"
                } else {
                    "regioplan.html"
                })
                .display()
            );
            return Ok(EXIT_INPUT);
        }
    }
    if a.html.as_ref() == Some(&a.out) {
        eprintln!(
            "error: --out and --html are both {}: give two files",
            a.out.display()
        );
        return Ok(EXIT_INPUT);
    }
    let inputs = match regioplan::read(&a.inputs) {
        Ok(i) => i,
        Err(RegioplanError::Input(m)) => {
            eprintln!("error: {m}");
            return Ok(EXIT_INPUT);
        }
    };
    if inputs.season.base_fingerprint != inputs.prognose.base_fingerprint {
        eprintln!(
            "warning: {} and {} were made from different base scenarios; the Regioplan says so",
            inputs.season_path.display(),
            inputs.prognose_path.display()
        );
    }
    let doc = regioplan::build(&inputs);
    let md = regioplan::markdown::render(&doc);
    let html = a
        .html
        .as_ref()
        .map(|_| kraamplan::html::regioplan::render(&doc));
    kraamplan::output::write_file(&a.out, md.as_bytes())?;
    if let (Some(path), Some(html)) = (&a.html, html) {
        kraamplan::output::write_file(path, html.as_bytes())?;
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "regioplan       §1.3, §1.4, §2.1, §6 from {} and {}",
        inputs.season_path.display(),
        inputs.prognose_path.display()
    )?;
    writeln!(
        stdout,
        "written         {}{}",
        a.out.display(),
        a.html
            .as_ref()
            .map_or(String::new(), |h| format!(", {}", h.display()))
    )?;
    Ok(0)
}
