//! Inline SVG charts: bars (plain, grouped, stacked, with intervals), lines
//! and a sorted curve. Every mark carries its numbers as `data-` attributes
//! and a `<title>` tooltip, so a reader can hover and a test can read them.

use std::fmt::Write;

use super::page::{esc, num};

const W: f64 = 760.0;
const H: f64 = 270.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 58.0;

/// Colours of series without a meaning of their own.
pub const PALETTE: [&str; 6] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf",
];

/// The colour of a colour code, for stacked probabilities.
pub fn code_colour(code: &str) -> &'static str {
    match code {
        "groen" => "#2e8b57",
        "oranje" => "#f28c28",
        "rood" => "#d62728",
        "zwart" => "#222222",
        _ => "#999999",
    }
}

/// A value with an optional 95 % interval.
#[derive(Clone, Copy, Debug)]
pub struct Value {
    /// The point.
    pub v: f64,
    /// The interval, when known.
    pub ci: Option<(f64, f64)>,
}

impl Value {
    /// A point without interval.
    pub fn at(v: f64) -> Value {
        Value { v, ci: None }
    }
    /// A point with its interval.
    pub fn ci(v: f64, low: f64, high: f64) -> Value {
        Value {
            v,
            ci: Some((low, high)),
        }
    }
}

/// A "nice" upper end of the y axis for data up to `max`: four ticks of
/// 1, 2, 2.5 or 5 times a power of ten.
fn nice_max(max: f64) -> f64 {
    if max.is_nan() || max <= 0.0 {
        return 1.0;
    }
    let raw = max / 4.0;
    let p = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if 4.0 * m * p >= max * (1.0 - 1e-9) {
            return 4.0 * m * p;
        }
    }
    40.0 * p
}

struct Frame {
    out: String,
    ymax: f64,
    ymin: f64,
}

impl Frame {
    fn new(id: &str, kind: &str, title: &str, y_label: &str, ymin: f64, ymax: f64) -> Frame {
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg id=\"{}\" class=\"chart\" data-chart=\"{}\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\">",
            esc(id),
            kind,
            esc(title)
        );
        let _ = write!(
            out,
            "<text x=\"{LEFT}\" y=\"14\" font-weight=\"600\">{}</text>",
            esc(title)
        );
        let f = Frame { out, ymax, ymin };
        let mut f = f;
        for i in 0..=4 {
            let v = ymin + (ymax - ymin) * f64::from(i) / 4.0;
            let y = f.y(v);
            let _ = write!(
                f.out,
                "<line class=\"gridline\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                W - RIGHT,
                LEFT - 4.0,
                y + 3.0,
                num(v, 2)
            );
        }
        let _ = write!(
            f.out,
            "<line class=\"axis\" x1=\"{LEFT}\" x2=\"{LEFT}\" y1=\"{TOP}\" y2=\"{}\"/><line class=\"axis\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>",
            H - BOTTOM,
            W - RIGHT,
            H - BOTTOM,
            H - BOTTOM
        );
        let _ = write!(
            f.out,
            "<text transform=\"translate(12 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
            (TOP + H - BOTTOM) / 2.0,
            esc(y_label)
        );
        f
    }

    fn y(&self, v: f64) -> f64 {
        let span = (self.ymax - self.ymin).max(1e-12);
        H - BOTTOM - (v.clamp(self.ymin, self.ymax) - self.ymin) / span * (H - BOTTOM - TOP)
    }

    fn x_labels(&mut self, labels: &[String]) {
        let band = (W - LEFT - RIGHT) / labels.len().max(1) as f64;
        let every = (labels.len() as f64 / 40.0).ceil().max(1.0) as usize;
        for (i, l) in labels.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let x = LEFT + band * (i as f64 + 0.5);
            let _ = write!(
                self.out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"end\" transform=\"rotate(-40 {x:.1} {:.1})\">{}</text>",
                H - BOTTOM + 12.0,
                H - BOTTOM + 12.0,
                esc(l)
            );
        }
    }

    /// One bar of series `name` at category `label`, `(x, width)`, from
    /// `base` up by the value, with its numbers as data and as a tooltip.
    fn bar(
        &mut self,
        name: &str,
        label: &str,
        value: Value,
        (x, width): (f64, f64),
        base: f64,
        colour: &str,
    ) {
        let (top, bottom) = (self.y(base + value.v), self.y(base));
        let ci = value
            .ci
            .map(|(l, h)| format!(" ({}–{})", num(l, 2), num(h, 2)))
            .unwrap_or_default();
        let _ = write!(
            self.out,
            "<rect class=\"bar\" data-series=\"{name}\" data-label=\"{label}\" data-value=\"{}\" x=\"{x:.2}\" y=\"{top:.2}\" width=\"{width:.2}\" height=\"{:.2}\" fill=\"{colour}\"><title>{label}: {name} {}{ci}</title></rect>",
            value.v,
            (bottom - top).max(0.0),
            num(value.v, 2),
            name = esc(name),
            label = esc(label),
        );
    }

    fn whisker(&mut self, x: f64, low: f64, high: f64) {
        let (y1, y2) = (self.y(low), self.y(high));
        let _ = write!(
            self.out,
            "<path class=\"ci\" d=\"M{x:.1} {y1:.1}V{y2:.1}M{:.1} {y1:.1}h6M{:.1} {y2:.1}h6\" stroke=\"#888\" stroke-width=\"1.5\" fill=\"none\"/>",
            x - 3.0,
            x - 3.0
        );
    }

    fn reference(&mut self, v: f64, label: &str) {
        let y = self.y(v);
        let _ = write!(
            self.out,
            "<line class=\"reference\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d62728\" stroke-dasharray=\"5 3\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#d62728\">{}</text>",
            W - RIGHT,
            W - RIGHT,
            y - 3.0,
            esc(label)
        );
    }

    fn legend(&mut self, names: &[(String, &str)]) {
        let width: f64 = names
            .iter()
            .map(|(n, _)| 20.0 + 6.5 * n.chars().count() as f64)
            .sum();
        let mut x = W - RIGHT - width;
        for (name, colour) in names {
            let _ = write!(
                self.out,
                "<rect x=\"{x:.1}\" y=\"5\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"14\">{}</text>",
                x + 13.0,
                esc(name)
            );
            x += 20.0 + 6.5 * name.chars().count() as f64;
        }
    }

    fn end(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

fn top_of(values: impl Iterator<Item = Value>) -> f64 {
    values
        .map(|v| v.ci.map_or(v.v, |(_, h)| h.max(v.v)))
        .fold(0.0, f64::max)
}

/// Grouped bars: one group per category, one bar per series, each with its
/// interval when given; `reference` draws a dashed line (e.g. the floor).
pub fn grouped(
    id: &str,
    title: &str,
    y_label: &str,
    categories: &[String],
    series: &[(String, Vec<Value>)],
    reference: Option<(f64, &str)>,
) -> String {
    let top =
        top_of(series.iter().flat_map(|s| s.1.iter().copied())).max(reference.map_or(0.0, |r| r.0));
    let mut f = Frame::new(id, "bars", title, y_label, 0.0, nice_max(top));
    let band = (W - LEFT - RIGHT) / categories.len().max(1) as f64;
    let k = series.len().max(1) as f64;
    let bar = (band.min(160.0) * 0.8 / k).max(0.5);
    let pad = (band - bar * k) / 2.0;
    for (si, (name, values)) in series.iter().enumerate() {
        let colour = PALETTE[si % PALETTE.len()];
        for (ci, value) in values.iter().enumerate() {
            let x = LEFT + band * ci as f64 + pad + bar * si as f64;
            f.bar(name, &categories[ci], *value, (x, bar), 0.0, colour);
            if let Some((l, h)) = value.ci {
                f.whisker(x + bar / 2.0, l, h);
            }
        }
    }
    if let Some((v, label)) = reference {
        f.reference(v, label);
    }
    f.x_labels(categories);
    if series.len() > 1 {
        let names: Vec<(String, &str)> = series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.0.clone(), PALETTE[i % PALETTE.len()]))
            .collect();
        f.legend(&names);
    }
    f.end()
}

/// Stacked shares per category (e.g. the probability of each colour code
/// per week), each segment with its own interval drawn inside the bar.
pub fn stacked(
    id: &str,
    title: &str,
    categories: &[String],
    layers: &[(String, &str, Vec<Value>)],
) -> String {
    let mut f = Frame::new(id, "stacked", title, "probability", 0.0, 1.0);
    let band = (W - LEFT - RIGHT) / categories.len().max(1) as f64;
    let bar = band.min(120.0) * 0.7;
    for ci in 0..categories.len() {
        let x = LEFT + band * ci as f64 + (band - bar) / 2.0;
        let mut below = 0.0;
        for (li, (name, colour, values)) in layers.iter().enumerate() {
            let value = values[ci];
            f.bar(name, &categories[ci], value, (x, bar), below, colour);
            if let Some((l, h)) = value.ci {
                if value.v > 0.0 || h > 0.0 {
                    let wx = x + bar * (0.2 + 0.6 * li as f64 / layers.len().max(1) as f64);
                    f.whisker(wx, below + l, below + h);
                }
            }
            below += value.v;
        }
    }
    f.x_labels(categories);
    let names: Vec<(String, &str)> = layers.iter().map(|l| (l.0.clone(), l.1)).collect();
    f.legend(&names);
    f.end()
}

/// Lines over categories (e.g. nights), one per series; a missing point
/// breaks the line. Intervals are drawn as a band.
pub fn lines(
    id: &str,
    title: &str,
    y_label: &str,
    categories: &[String],
    series: &[(String, Vec<Option<Value>>)],
    reference: Option<(f64, &str)>,
    ymin: f64,
) -> String {
    let top = top_of(series.iter().flat_map(|s| s.1.iter().flatten().copied()))
        .max(reference.map_or(0.0, |r| r.0));
    let mut f = Frame::new(
        id,
        "lines",
        title,
        y_label,
        ymin,
        nice_max(top).max(ymin + 1e-9),
    );
    let band = (W - LEFT - RIGHT) / categories.len().max(1) as f64;
    let x_of = |i: usize| LEFT + band * (i as f64 + 0.5);
    for (si, (name, values)) in series.iter().enumerate() {
        let colour = PALETTE[si % PALETTE.len()];
        // The interval band first, beneath the line.
        let ci: Vec<(usize, f64, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.and_then(|v| v.ci).map(|(l, h)| (i, l, h)))
            .collect();
        if ci.len() > 1 {
            let mut d = String::new();
            for (j, (i, _, h)) in ci.iter().enumerate() {
                let _ = write!(
                    d,
                    "{}{:.1} {:.1}",
                    if j == 0 { "M" } else { "L" },
                    x_of(*i),
                    f.y(*h)
                );
            }
            for (i, l, _) in ci.iter().rev() {
                let _ = write!(d, "L{:.1} {:.1}", x_of(*i), f.y(*l));
            }
            let _ = write!(
                f.out,
                "<path class=\"band\" d=\"{d}Z\" fill=\"{colour}\" fill-opacity=\"0.15\" stroke=\"none\"/>"
            );
        }
        let mut d = String::new();
        let mut pen = false;
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{:.1} {:.1}",
                        if pen { "L" } else { "M" },
                        x_of(i),
                        f.y(v.v)
                    );
                    pen = true;
                }
                None => pen = false,
            }
        }
        let _ = write!(
            f.out,
            "<path class=\"line\" data-series=\"{}\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            esc(name)
        );
        if values.len() <= 120 {
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    let _ = write!(
                        f.out,
                        "<circle class=\"point\" data-series=\"{}\" data-label=\"{}\" data-value=\"{}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{colour}\"><title>{} {}: {}</title></circle>",
                        esc(name),
                        esc(&categories[i]),
                        v.v,
                        x_of(i),
                        f.y(v.v),
                        esc(&categories[i]),
                        esc(name),
                        num(v.v, 2)
                    );
                }
            }
        }
    }
    if let Some((v, label)) = reference {
        f.reference(v, label);
    }
    f.x_labels(categories);
    let names: Vec<(String, &str)> = series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.0.clone(), PALETTE[i % PALETTE.len()]))
        .collect();
    f.legend(&names);
    f.end()
}

/// One point per item in the order given (a sorted curve), coloured by
/// `bad`; `marks` adds a second, hollow point per item (e.g. its floor).
pub fn curve(
    id: &str,
    title: &str,
    y_label: &str,
    points: &[(String, f64, bool)],
    marks: Option<(&str, Vec<f64>)>,
    reference: Option<(f64, &str)>,
) -> String {
    let top = points
        .iter()
        .map(|p| p.1)
        .chain(marks.iter().flat_map(|m| m.1.iter().copied()))
        .fold(reference.map_or(0.0, |r| r.0), f64::max);
    let mut f = Frame::new(id, "curve", title, y_label, 0.0, nice_max(top));
    let n = points.len().max(1) as f64;
    let x_of = |i: usize| LEFT + (W - LEFT - RIGHT) * (i as f64 + 0.5) / n;
    if let Some((name, values)) = &marks {
        for (i, v) in values.iter().enumerate() {
            let _ = write!(
                f.out,
                "<circle class=\"mark\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"none\" stroke=\"#999\"><title>{} {}: {}</title></circle>",
                x_of(i),
                f.y(*v),
                esc(&points[i].0),
                esc(name),
                num(*v, 3)
            );
        }
    }
    for (i, (label, v, bad)) in points.iter().enumerate() {
        let _ = write!(
            f.out,
            "<circle class=\"point{}\" data-label=\"{}\" data-value=\"{v}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{}\"><title>{}: {}</title></circle>",
            if *bad { " bad" } else { "" },
            esc(label),
            x_of(i),
            f.y(*v),
            if *bad { "#d62728" } else { "#1f77b4" },
            esc(label),
            num(*v, 3)
        );
    }
    if let Some((v, label)) = reference {
        f.reference(v, label);
    }
    let _ = write!(
        f.out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{} families, sorted from least to most</text>",
        (LEFT + W - RIGHT) / 2.0,
        H - BOTTOM + 16.0,
        points.len()
    );
    f.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_axis_ends_cover_the_data() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(3.0), 4.0);
        assert_eq!(nice_max(7.0), 8.0);
        assert_eq!(nice_max(10.0), 10.0);
        assert_eq!(nice_max(0.93), 1.0);
        assert_eq!(nice_max(1.45), 2.0);
        assert_eq!(nice_max(131.0), 200.0);
    }

    #[test]
    fn every_bar_carries_its_value() {
        let cats = vec!["a".to_string(), "b".to_string()];
        let svg = grouped(
            "t",
            "T",
            "h",
            &cats,
            &[("x".into(), vec![Value::at(3.0), Value::ci(5.0, 4.0, 6.0)])],
            Some((2.0, "floor")),
        );
        assert_eq!(svg.matches("class=\"bar\"").count(), 2);
        assert!(svg.contains("data-label=\"b\" data-value=\"5\""));
        assert_eq!(svg.matches("class=\"ci\"").count(), 1);
        assert!(svg.contains("class=\"reference\""));
    }
}
