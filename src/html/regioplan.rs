//! The Regioplan as one self-contained HTML page: the same document as the
//! Markdown (`crate::regioplan::markdown`), with its charts drawn.

use std::fmt::Write;

use crate::regioplan::doc::{Block, Chart, Document};

use super::page::{esc, Page};
use super::svg::{code_colour, lines, stacked, Value};
use super::table::{Cell, Table};

/// Inline Markdown of the document's text as HTML: `code`, **strong**,
/// *emphasis*; everything else escaped.
fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['`', '*']) {
        out.push_str(&esc(&rest[..i]));
        let tail = &rest[i..];
        let (open, tag) = if tail.starts_with("**") {
            ("**", "strong")
        } else if tail.starts_with('`') {
            ("`", "code")
        } else {
            ("*", "em")
        };
        let body = &tail[open.len()..];
        match body.find(open) {
            Some(j) => {
                let _ = write!(out, "<{tag}>{}</{tag}>", esc(&body[..j]));
                rest = &body[j + open.len()..];
            }
            None => {
                out.push_str(&esc(open));
                rest = body;
            }
        }
    }
    out.push_str(&esc(rest));
    out
}

fn chart(c: &Chart) -> String {
    match c {
        Chart::Colours {
            id,
            title,
            weeks,
            layers,
        } => {
            let layers: Vec<(String, &str, Vec<Value>)> = layers
                .iter()
                .map(|(name, vs)| {
                    (
                        name.clone(),
                        code_colour(name),
                        vs.iter().map(|&(v, l, h)| Value::ci(v, l, h)).collect(),
                    )
                })
                .collect();
            stacked(id, title, weeks, &layers)
        }
        Chart::Lines {
            id,
            title,
            y_label,
            categories,
            series,
        } => {
            let series: Vec<(String, Vec<Option<Value>>)> = series
                .iter()
                .map(|(n, vs)| (n.clone(), vs.iter().map(|&v| Some(Value::at(v))).collect()))
                .collect();
            lines(id, title, y_label, categories, &series, None, 0.0)
        }
    }
}

/// The page of `doc`.
pub fn render(doc: &Document) -> String {
    let mut page = Page::new(
        &doc.title,
        "Format Regioplan Kraamzorg, §1.3, §1.4, §2.1 en §6",
    );
    let intro: String = doc
        .intro
        .iter()
        .map(|p| format!("<p>{}</p>", inline(p)))
        .collect();
    page.section("inleiding", "Over deze bijlage", intro);
    for s in &doc.sections {
        let mut body = String::new();
        let mut tables = 0;
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    let _ = write!(body, "<h3>{}</h3>", inline(h));
                }
                Block::Para(p) => {
                    let _ = write!(body, "<p>{}</p>", inline(p));
                }
                Block::List(items) => {
                    body.push_str("<ul>");
                    for i in items {
                        let _ = write!(body, "<li>{}</li>", inline(i));
                    }
                    body.push_str("</ul>");
                }
                Block::Checks(checks) => {
                    body.push_str("<ul class=\"checks\">");
                    for c in checks {
                        let _ = write!(
                            body,
                            "<li><input type=\"checkbox\" disabled{}> <strong>{}</strong> — {}</li>",
                            if c.checked { " checked" } else { "" },
                            esc(&c.item),
                            inline(&c.why)
                        );
                    }
                    body.push_str("</ul>");
                }
                Block::Table { headers, rows } => {
                    tables += 1;
                    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
                    let mut t = Table::new(&format!("{}-t{tables}", s.id), &h);
                    for r in rows {
                        t.row(
                            String::new(),
                            r.iter().map(|c| Cell::text(c.clone())).collect(),
                        );
                    }
                    body.push_str(&t.render("filteren…"));
                }
                Block::Chart(c) => body.push_str(&chart(c)),
                Block::ToComplete(q) => {
                    let _ = write!(
                        body,
                        "<blockquote><em>In te vullen door het KSV:</em> {}</blockquote>",
                        inline(q)
                    );
                }
            }
        }
        page.section(s.id, &s.heading, body);
    }
    page.render()
}
