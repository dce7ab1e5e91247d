//! `--shard I/N`: a deterministic slice of a sweep or forecast, so that N
//! machines (a Slurm job array, GNU parallel over hosts) share the work and
//! `kraamplan merge` puts the table back together.
//!
//! Shard I takes every index `i` with `i mod N = I − 1`: round robin, so
//! that the costly variants at the end of a grid (the last axis varies
//! fastest) spread over all shards. An index's result never depends on the
//! shard it ran in: every random draw is seeded by the index itself.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// 1 … count.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl Shard {
    /// The whole run in one piece.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// The indices of `0..total` in this shard, ascending.
    pub fn indices(self, total: usize) -> Vec<usize> {
        (self.index - 1..total).step_by(self.count).collect()
    }

    /// True for `1/1`.
    pub fn is_whole(self) -> bool {
        self.count == 1
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let bad = || {
            format!(
                "--shard {text}: expected I/N with 1 ≤ I ≤ N, e.g. 3/8 (with Slurm: --shard $((SLURM_ARRAY_TASK_ID+1))/$SLURM_ARRAY_TASK_COUNT)"
            )
        };
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_indices() {
        let total = 23;
        let mut all: Vec<usize> = (1..=4)
            .flat_map(|i| Shard { index: i, count: 4 }.indices(total))
            .collect();
        all.sort_unstable();
        assert_eq!(all, (0..total).collect::<Vec<_>>());
        assert_eq!(Shard { index: 2, count: 4 }.indices(10), vec![1, 5, 9]);
        assert_eq!(Shard::WHOLE.indices(3), vec![0, 1, 2]);
        assert!(Shard { index: 5, count: 5 }.indices(3).is_empty());
    }

    #[test]
    fn parses_i_of_n_and_rejects_the_rest() {
        assert_eq!("3/8".parse::<Shard>(), Ok(Shard { index: 3, count: 8 }));
        for bad in ["0/4", "5/4", "3", "a/b", "1/0", ""] {
            let err = bad.parse::<Shard>().unwrap_err();
            assert!(err.contains("expected I/N"), "{bad}: {err}");
        }
    }
}
