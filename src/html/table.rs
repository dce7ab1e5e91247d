//! Sortable, filterable tables: the page's script sorts on a header click
//! (numbers as numbers, through `data-v`) and filters on the box above.

use std::fmt::Write;

use super::page::esc;

/// One cell: its text, a sort key when the text is not the value, a class
/// and extra attributes (`name="value"` pairs, already escaped by [`Cell::attr`]).
#[derive(Default, Clone)]
pub struct Cell {
    text: String,
    html: bool,
    sort: Option<String>,
    class: String,
    attrs: String,
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A cell whose content is HTML built by the caller (escaped there).
    pub fn html(html: impl Into<String>) -> Cell {
        Cell {
            text: html.into(),
            html: true,
            ..Cell::default()
        }
    }

    /// A right-aligned number, sorted as a number.
    pub fn num(value: f64, digits: usize) -> Cell {
        Cell {
            text: super::page::num(value, digits),
            sort: Some(format!("{value}")),
            class: "n".into(),
            ..Cell::default()
        }
    }

    /// Sort by `key` instead of the text.
    pub fn sort(mut self, key: impl Into<String>) -> Cell {
        self.sort = Some(key.into());
        self
    }

    /// Add a class.
    pub fn class(mut self, class: &str) -> Cell {
        if !class.is_empty() {
            if !self.class.is_empty() {
                self.class.push(' ');
            }
            self.class.push_str(class);
        }
        self
    }

    /// Add an attribute (the value is escaped).
    pub fn attr(mut self, name: &str, value: &str) -> Cell {
        let _ = write!(self.attrs, " {name}=\"{}\"", esc(value));
        self
    }

    fn write(&self, out: &mut String, tag: &str) {
        let _ = write!(out, "<{tag}");
        if !self.class.is_empty() {
            let _ = write!(out, " class=\"{}\"", self.class);
        }
        if let Some(key) = &self.sort {
            let _ = write!(out, " data-v=\"{}\"", esc(key));
        }
        out.push_str(&self.attrs);
        out.push('>');
        if self.html {
            out.push_str(&self.text);
        } else {
            out.push_str(&esc(&self.text));
        }
        let _ = write!(out, "</{tag}>");
    }
}

/// A table with an id, headers and rows; the first cell of a row may be a
/// row header (`<th>`), as in the roster's nurse column.
pub struct Table {
    id: String,
    class: String,
    headers: Vec<Cell>,
    rows: Vec<(String, Vec<Cell>)>,
    row_header: bool,
}

impl Table {
    /// A data table (`class="data"`: sortable, filterable).
    pub fn new(id: &str, headers: &[&str]) -> Table {
        Table {
            id: id.into(),
            class: "data".into(),
            headers: headers.iter().map(|h| Cell::text(*h)).collect(),
            rows: Vec::new(),
            row_header: false,
        }
    }

    /// Headers given as cells (for classes or titles).
    pub fn with_headers(id: &str, headers: Vec<Cell>) -> Table {
        Table {
            id: id.into(),
            class: "data".into(),
            headers,
            rows: Vec::new(),
            row_header: false,
        }
    }

    /// Another class beside `data` (e.g. `grid`).
    pub fn class(mut self, class: &str) -> Table {
        self.class.push(' ');
        self.class.push_str(class);
        self
    }

    /// The first cell of every row is its header.
    pub fn row_headers(mut self) -> Table {
        self.row_header = true;
        self
    }

    /// Add a row with attributes on the `<tr>` (escaped by the caller through [`tr_attrs`]).
    pub fn row(&mut self, attrs: String, cells: Vec<Cell>) {
        self.rows.push((attrs, cells));
    }

    /// Rows so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table with its filter box and row count, in a scrolling frame.
    pub fn render(&self, placeholder: &str) -> String {
        let mut out = String::with_capacity(self.rows.len() * 120 + 512);
        let _ = write!(
            out,
            "<div><input class=\"filter\" id=\"{id}-filter\" type=\"search\" placeholder=\"{}\"><span class=\"count\" id=\"{id}-count\">{} rows</span></div>",
            esc(placeholder),
            self.rows.len(),
            id = esc(&self.id)
        );
        let _ = write!(
            out,
            "<div class=\"scroll\"><table id=\"{}\" class=\"{}\"><thead><tr>",
            esc(&self.id),
            self.class
        );
        for h in &self.headers {
            h.write(&mut out, "th");
        }
        out.push_str("</tr></thead><tbody>");
        for (attrs, cells) in &self.rows {
            let _ = write!(out, "<tr{attrs}>");
            for (i, c) in cells.iter().enumerate() {
                c.write(
                    &mut out,
                    if i == 0 && self.row_header {
                        "th"
                    } else {
                        "td"
                    },
                );
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div>");
        out
    }
}

/// `<tr>` attributes from (name, value) pairs, values escaped.
pub fn tr_attrs(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        let _ = write!(out, " {name}=\"{}\"", esc(value));
    }
    out
}
