//! "Did you mean …?": the known name closest to a misspelt one, for the
//! messages of [`crate::scenario::validate`] and [`crate::whatif::grid`].

/// How far a suggestion may lie from the misspelt word. Each caller keeps
/// the reach its messages have always had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// At most a third of the word's characters, at least 1 (words of more
    /// than 64 characters get no suggestion); a swap of two neighbouring
    /// characters is one edit; case is ignored.
    ThirdOfWord,
    /// At most a third of the candidate's length, at least 2; a swap of
    /// two neighbouring characters is two edits; ASCII case is ignored.
    ThirdOfCandidate,
}

/// The candidate closest to `word` within `reach` (the first of equals), if any.
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    reach: Reach,
) -> Option<&'a str> {
    let len = word.chars().count();
    if reach == Reach::ThirdOfWord && (len == 0 || len > 64) {
        return None;
    }
    let word_limit = (len / 3).max(1);
    let (word, swaps): (Vec<char>, bool) = match reach {
        Reach::ThirdOfWord => (word.to_lowercase().chars().collect(), true),
        Reach::ThirdOfCandidate => (word.to_ascii_lowercase().chars().collect(), false),
    };
    candidates
        .into_iter()
        .map(|c| {
            let (folded, limit) = match reach {
                Reach::ThirdOfWord => (c.to_lowercase(), word_limit),
                Reach::ThirdOfCandidate => (c.to_ascii_lowercase(), 2.max(c.len() / 3)),
            };
            let folded: Vec<char> = folded.chars().collect();
            (distance(&word, &folded, swaps), limit, c)
        })
        .filter(|(d, limit, _)| d <= limit)
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, _, c)| c)
}

/// Case-insensitive optimal-string-alignment distance: insertions, deletions,
/// substitutions and swaps of two neighbouring characters each cost 1.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    distance(&a, &b, true)
}

/// Edits from `a` to `b`: insertions, deletions and substitutions cost 1;
/// with `swaps`, so does a swap of two neighbouring characters.
fn distance(a: &[char], b: &[char], swaps: bool) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if swaps && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_count_once_or_twice_by_reach() {
        assert_eq!(edit_distance("cotnract_max", "contract_max"), 1);
        assert_eq!(distance(&['a', 'b'], &['b', 'a'], false), 2);
        assert_eq!(
            closest("lnet", ["lent", "hired"], Reach::ThirdOfCandidate),
            Some("lent")
        );
        assert_eq!(closest("", ["a"], Reach::ThirdOfWord), None);
        assert_eq!(closest("xyz", ["id", "name"], Reach::ThirdOfWord), None);
    }
}
