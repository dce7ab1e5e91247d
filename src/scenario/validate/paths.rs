//! JSON paths of unknown fields: parsing, rendering, ordering, and whose
//! field a path is.

use super::*;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Key(String),
    Index(usize),
}

/// Parse an unknown-field path in either serde_ignored's form
/// (`nurses.3.contrat_max`, `partus_pool.?.x`) or bracket form
/// (`nurses[3].contrat_max`).
pub(super) fn parse_path(raw: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    for part in raw.split('.') {
        if part.is_empty() || part == "?" {
            continue;
        }
        if let Ok(i) = part.parse::<usize>() {
            segs.push(Seg::Index(i));
            continue;
        }
        let (name, mut rest) = match part.find('[') {
            Some(p) => part.split_at(p),
            None => (part, ""),
        };
        let mut idx = Vec::new();
        while let Some(r) = rest.strip_prefix('[') {
            match r.split_once(']') {
                Some((n, tail)) if n.parse::<usize>().is_ok() => {
                    idx.push(Seg::Index(n.parse().unwrap_or(0)));
                    rest = tail;
                }
                _ => break,
            }
        }
        if rest.is_empty() {
            if !name.is_empty() {
                segs.push(Seg::Key(name.to_string()));
            }
            segs.extend(idx);
        } else {
            segs.push(Seg::Key(part.to_string()));
        }
    }
    segs
}

pub(super) fn render_path(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Sort key that puts fields in the order of the format: known fields by
/// their position in the object, unknown ones after them, elements by index.
pub(super) fn path_rank(field: &str) -> Vec<usize> {
    let mut obj = Obj::Scenario;
    parse_path(field)
        .iter()
        .map(|seg| match seg {
            Seg::Index(i) => *i,
            Seg::Key(k) => {
                let rank = obj
                    .fields()
                    .iter()
                    .position(|f| f == k)
                    .unwrap_or(usize::MAX);
                obj = obj.child(k);
                rank
            }
        })
        .collect()
}

/// "nurse N004" for a path under `nurses[3]`, and so on.
pub(super) fn owner(s: &Scenario, segs: &[Seg]) -> Option<String> {
    match segs {
        [Seg::Key(list), Seg::Index(i), ..] => match list.as_str() {
            "providers" => s
                .providers
                .get(*i)
                .map(|p| format!("provider {}", id(&p.id))),
            "nurses" => s
                .nurses
                .get(*i)
                .map(|n: &Nurse| format!("nurse {}", id(&n.id))),
            "families" => s.families.get(*i).map(|f| format!("family {}", id(&f.id))),
            _ => None,
        },
        [Seg::Key(pool), Seg::Key(shifts), Seg::Index(i), ..]
            if pool == "partus_pool" && shifts == "shifts" =>
        {
            let sh = s.partus_pool.as_ref()?.shifts.get(*i)?;
            Some(format!("shift {} {}", sh.date, shift_name(sh.shift)))
        }
        _ => None,
    }
}
