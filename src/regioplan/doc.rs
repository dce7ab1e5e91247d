//! The Regioplan as a document: sections of blocks, written once by
//! [`super::build`] and rendered as Markdown ([`super::markdown`]) or as
//! HTML with charts (`crate::html::regioplan`), so both say the same.

/// The whole Regioplan excerpt.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title line.
    pub title: String,
    /// Paragraphs under the title: what made it and from which files.
    pub intro: Vec<String>,
    /// The sections, in the Format Regioplan's order.
    pub sections: Vec<Section>,
}

/// One numbered section of the Format Regioplan (seeds/003).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Anchor, e.g. `s1-3`.
    pub id: &'static str,
    /// The format's heading, e.g. `1.3 Inventarisatie krapte korte termijn (2026)`.
    pub heading: String,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// A block of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A sub-heading: one of the format's bullet points.
    Heading(String),
    /// A paragraph.
    Para(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A checklist (the format's "aanvinken wat van toepassing is").
    Checks(Vec<Check>),
    /// A table: headers and rows of text.
    Table {
        /// Column headers.
        headers: Vec<String>,
        /// Rows, each as long as the headers.
        rows: Vec<Vec<String>>,
    },
    /// A chart (drawn in HTML only; the Markdown has its table).
    Chart(Chart),
    /// What the KSV writes itself: the question, left open for it.
    ToComplete(String),
}

/// One item of a checklist, ticked or not, with the figures behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Ticked: the run shows it fits the region's problem.
    pub checked: bool,
    /// The solution, in the format's words.
    pub item: String,
    /// Why, with the numbers.
    pub why: String,
}

/// A value with its 95 % interval.
pub type Interval = (f64, f64, f64);

/// A chart of the HTML version.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Probability of each colour code per week, stacked.
    Colours {
        /// Element id.
        id: String,
        /// Title.
        title: String,
        /// The weeks.
        weeks: Vec<String>,
        /// Per colour code its probability per week.
        layers: Vec<(String, Vec<Interval>)>,
    },
    /// Lines over years (or weeks).
    Lines {
        /// Element id.
        id: String,
        /// Title.
        title: String,
        /// Unit of the y axis.
        y_label: String,
        /// The x categories.
        categories: Vec<String>,
        /// Name and values of each line.
        series: Vec<(String, Vec<f64>)>,
    },
}
