//! The page shell: one self-contained HTML file (styles and script inline,
//! no network), built from sections. The script only sorts and filters
//! tables and records when the page was ready; every chart is inline SVG
//! drawn here, so the page reads the same with scripts off.

use std::fmt::Write;

/// HTML-escape text for an element or an attribute value.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A number as the page prints it: whole numbers without decimals, others
/// with up to `digits` decimals.
pub fn num(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    if (x - x.round()).abs() < 1e-9 {
        return format!("{}", x.round() as i64);
    }
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// One report page: a title, a subtitle and its sections in order.
pub struct Page {
    title: String,
    subtitle: String,
    sections: Vec<(String, String, String)>,
}

impl Page {
    /// An empty page.
    pub fn new(title: &str, subtitle: &str) -> Page {
        Page {
            title: title.into(),
            subtitle: subtitle.into(),
            sections: Vec::new(),
        }
    }

    /// Add a section: `id` for the anchor, a heading and its HTML body.
    pub fn section(&mut self, id: &str, heading: &str, body: String) {
        self.sections.push((id.into(), heading.into(), body));
    }

    /// The whole HTML document.
    pub fn render(&self) -> String {
        let mut out =
            String::with_capacity(self.sections.iter().map(|s| s.2.len()).sum::<usize>() + 16_384);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"kraamplan {}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
            env!("CARGO_PKG_VERSION"),
            esc(&self.title),
            STYLE
        );
        let _ = write!(
            out,
            "<header><h1>{}</h1><p class=\"sub\">{}</p><nav>",
            esc(&self.title),
            esc(&self.subtitle)
        );
        for (id, heading, _) in &self.sections {
            let _ = write!(out, "<a href=\"#{}\">{}</a>", esc(id), esc(heading));
        }
        out.push_str("</nav></header>\n<main>\n");
        for (id, heading, body) in &self.sections {
            let _ = write!(
                out,
                "<section id=\"{}\"><h2>{}</h2>\n{}\n</section>\n",
                esc(id),
                esc(heading),
                body
            );
        }
        let _ = write!(
            out,
            "</main>\n<footer>Written by kraamplan {}. Self-contained: no network is used to show this page.</footer>\n<script>{}</script>\n</body>\n</html>\n",
            env!("CARGO_PKG_VERSION"),
            SCRIPT
        );
        out
    }
}

/// A paragraph of explanation under a heading.
pub fn note(text: &str) -> String {
    format!("<p class=\"note\">{}</p>", esc(text))
}

/// A row of key figures: (label, value, class) each.
pub fn figures(items: &[(&str, String, &str)]) -> String {
    let mut out = String::from("<div class=\"figures\">");
    for (label, value, class) in items {
        let _ = write!(
            out,
            "<div class=\"figure {}\"><span class=\"v\">{}</span><span class=\"l\">{}</span></div>",
            esc(class),
            esc(value),
            esc(label)
        );
    }
    out.push_str("</div>");
    out
}

/// A colour-code badge (`groen`, `oranje`, `rood`, `zwart`).
pub fn badge(colour: &str) -> String {
    format!(
        "<span class=\"badge c-{}\">{}</span>",
        esc(colour),
        esc(colour)
    )
}

const STYLE: &str = r#"
:root{--groen:#2e8b57;--oranje:#f28c28;--rood:#d62728;--zwart:#222;--grid:#ddd;--muted:#666}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#111;background:#fafafa}
header{background:#123;color:#fff;padding:12px 20px}
header h1{margin:0;font-size:20px}
header .sub{margin:2px 0 6px;color:#cde}
nav a{color:#9cf;margin-right:14px;text-decoration:none;font-size:13px}
main{padding:8px 20px}
section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:10px 16px;margin:14px 0}
h2{font-size:17px;margin:4px 0 8px}
h3{font-size:14px;margin:12px 0 4px}
.note{color:var(--muted);margin:4px 0 8px;max-width:70em}
pre{background:#f4f4f4;padding:8px;overflow:auto;font-size:12px}
.figures{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}
.figure{border:1px solid var(--grid);border-radius:5px;padding:6px 10px;min-width:110px}
.figure .v{display:block;font-size:18px;font-weight:600}
.figure .l{color:var(--muted);font-size:12px}
.figure.bad .v{color:var(--rood)} .figure.good .v{color:var(--groen)}
.badge{display:inline-block;padding:0 7px;border-radius:9px;color:#fff;font-size:12px;line-height:18px}
.c-groen{background:var(--groen)}.c-oranje{background:var(--oranje)}.c-rood{background:var(--rood)}.c-zwart{background:var(--zwart)}
.scroll{overflow:auto;max-height:70vh;border:1px solid var(--grid)}
table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid var(--grid);padding:2px 5px;text-align:left;vertical-align:top;white-space:nowrap}
thead th{position:sticky;top:0;background:#eef2f6;z-index:1}
th.sortable{cursor:pointer} th.sorted-asc::after{content:" ▲"} th.sorted-desc::after{content:" ▼"}
td.n,th.n{text-align:right}
table.grid td{min-width:34px;text-align:center}
table.grid tbody th{position:sticky;left:0;background:#f7f7f7;text-align:left}
td.off{background:repeating-linear-gradient(45deg,#eee,#eee 4px,#f8f8f8 4px,#f8f8f8 8px);color:#999}
td.combined{background:#e6f0ff}
td.oncall{box-shadow:inset 0 -3px 0 #8a2be2}
td.changed{outline:2px solid #e91e63;outline-offset:-2px;background:#ffe4ee}
td.removed{color:#e91e63;text-decoration:line-through}
td.short{background:#f6c1c1;color:#8b0000;font-weight:600}
td.shortfall{color:var(--rood);font-weight:600}
td.ok{background:#d9f0df}
td.hospital{background:#cfcfcf;color:#555}
td.out{background:#fff}
.legend span{display:inline-block;margin-right:12px;font-size:12px}
.legend i{display:inline-block;width:14px;height:12px;vertical-align:middle;margin-right:4px;border:1px solid #bbb}
.filter{margin:4px 0;padding:3px 6px;width:22em;max-width:100%}
.count{color:var(--muted);font-size:12px;margin-left:8px}
svg{max-width:100%;height:auto;font:11px system-ui,sans-serif}
svg .axis{stroke:#999} svg .gridline{stroke:#eee}
.charts{display:flex;flex-wrap:wrap;gap:16px}
footer{color:var(--muted);font-size:12px;padding:10px 20px}
"#;

/// Sorting (click a header), filtering (type in the box above a table), and
/// two marks on `<body>` once done: `data-ready` and `data-ready-ms` (the
/// milliseconds since navigation start, which the benchmark reads). The
/// address may ask for a sort and a filter on load, as
/// `#sort=TABLE:COLUMN:asc&filter=TABLE:TEXT`, so a headless browser can
/// show that both work.
const SCRIPT: &str = r#"
(function(){
function key(td){var v=td.getAttribute('data-v');if(v===null)v=td.textContent.trim();var n=parseFloat(v);return (v!==''&&!isNaN(n)&&isFinite(v))?{n:n}:{s:v.toLowerCase()};}
function cmp(a,b){if(a.n!==undefined&&b.n!==undefined)return a.n-b.n;if(a.n!==undefined)return -1;if(b.n!==undefined)return 1;return a.s<b.s?-1:a.s>b.s?1:0;}
function sortBy(table,col,dir){var body=table.tBodies[0];if(!body)return;var rows=Array.prototype.slice.call(body.rows);
 var keyed=rows.map(function(r,i){var c=r.cells[col];return {r:r,k:c?key(c):{s:''},i:i};});
 keyed.sort(function(a,b){var c=cmp(a.k,b.k);return (dir==='desc'?-c:c)||a.i-b.i;});
 keyed.forEach(function(x){body.appendChild(x.r);});
 var ths=table.tHead.rows[table.tHead.rows.length-1].cells;for(var j=0;j<ths.length;j++){ths[j].classList.remove('sorted-asc','sorted-desc');}
 if(ths[col])ths[col].classList.add('sorted-'+dir);table.setAttribute('data-sorted',col+':'+dir);}
function filter(table,text){var t=text.toLowerCase(),shown=0,rows=table.tBodies[0]?table.tBodies[0].rows:[];
 for(var i=0;i<rows.length;i++){var hit=t===''||rows[i].textContent.toLowerCase().indexOf(t)>=0;rows[i].style.display=hit?'':'none';if(hit)shown++;}
 table.setAttribute('data-shown',shown);var c=document.getElementById(table.id+'-count');if(c)c.textContent=shown+' of '+rows.length+' rows';}
var tables=document.querySelectorAll('table.data');
Array.prototype.forEach.call(tables,function(table){
 if(!table.tHead)return;var ths=table.tHead.rows[table.tHead.rows.length-1].cells;
 Array.prototype.forEach.call(ths,function(th,col){th.classList.add('sortable');th.addEventListener('click',function(){
  var dir=th.classList.contains('sorted-asc')?'desc':'asc';sortBy(table,col,dir);});});
 var box=document.getElementById(table.id+'-filter');if(box){box.addEventListener('input',function(){filter(table,box.value);});}
 filter(table,'');});
var h=location.hash.replace(/^#/,'');h.split('&').forEach(function(p){var kv=p.split('=');if(kv.length<2)return;var a=decodeURIComponent(kv.slice(1).join('=')).split(':');
 var table=document.getElementById(a[0]);if(!table)return;
 if(kv[0]==='sort'){sortBy(table,parseInt(a[1],10)||0,a[2]==='desc'?'desc':'asc');}
 if(kv[0]==='filter'){var text=a.slice(1).join(':');var box=document.getElementById(a[0]+'-filter');if(box)box.value=text;filter(table,text);}});
function ready(){document.body.setAttribute('data-ready-ms',Math.round(performance.now()));document.body.setAttribute('data-ready','1');}
if(document.readyState==='complete')ready();else window.addEventListener('load',ready);
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_prints_numbers_plainly() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(num(3.0, 2), "3");
        assert_eq!(num(0.126, 2), "0.13");
        assert_eq!(num(0.5, 3), "0.5");
        assert_eq!(num(f64::NAN, 2), "–");
    }
}
