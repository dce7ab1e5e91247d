//! The Regioplan as Markdown: headings `##`/`###`, tables as pipes,
//! checklists as `- [x]`. Charts are left out: their figures are in the
//! tables next to them.

use std::fmt::Write;

use super::doc::{Block, Document};

/// The document as Markdown.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", doc.title);
    for p in &doc.intro {
        let _ = writeln!(out, "{p}\n");
    }
    for s in &doc.sections {
        let _ = writeln!(out, "## {}\n", s.heading);
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    let _ = writeln!(out, "### {h}\n");
                }
                Block::Para(p) => {
                    let _ = writeln!(out, "{p}\n");
                }
                Block::List(items) => {
                    for i in items {
                        let _ = writeln!(out, "- {i}");
                    }
                    out.push('\n');
                }
                Block::Checks(checks) => {
                    for c in checks {
                        let mark = if c.checked { "x" } else { " " };
                        let _ = writeln!(out, "- [{mark}] **{}** — {}", c.item, c.why);
                    }
                    out.push('\n');
                }
                Block::Table { headers, rows } => {
                    let _ = writeln!(out, "| {} |", headers.join(" | "));
                    let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
                    for r in rows {
                        let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                    out.push('\n');
                }
                Block::Chart(_) => {}
                Block::ToComplete(q) => {
                    let _ = writeln!(out, "> *In te vullen door het KSV:* {q}\n");
                }
            }
        }
    }
    out
}
