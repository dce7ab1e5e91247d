//! Partus-pool requirements: how many nurses must be on call per shift
//! (given, or derived with Erlang-B), and how a provider-scope pool splits
//! them over providers. See `models/semantics.md` ("Partus pool").

use crate::scenario::{PartusPool, PoolScope, Shift};

/// The three on-call shifts of a day, in time order.
pub const SHIFTS: [Shift; 3] = [Shift::Day, Shift::Evening, Shift::Night];

/// Hours of one on-call shift.
pub const SHIFT_HOURS: u32 = 8;

/// Default mean duration of a partus assistance in hours.
pub const DEFAULT_PA_HOURS: f64 = 4.0;

/// Default probability that a call finds nobody free.
pub const DEFAULT_MAX_BLOCKING: f64 = 0.01;

/// Position of a shift within its day (day 0, evening 1, night 2).
pub fn shift_index(s: Shift) -> usize {
    match s {
        Shift::Day => 0,
        Shift::Evening => 1,
        Shift::Night => 2,
    }
}

/// Erlang-B blocking probability with `servers` servers and `load` Erlang,
/// by the stable recursion `B(c) = A·B(c−1) / (c + A·B(c−1))`, `B(0) = 1`.
pub fn erlang_b(servers: u32, load: f64) -> f64 {
    (1..=servers).fold(1.0, |b, c| load * b / (c as f64 + load * b))
}

/// Fewest servers with blocking at most `max_blocking` for `load` Erlang.
pub fn servers_needed(load: f64, max_blocking: f64) -> u32 {
    if load <= 0.0 {
        return 0;
    }
    (0..)
        .find(|&c| erlang_b(c, load) <= max_blocking)
        .unwrap_or(0)
}

/// Offered load in Erlang of a pool: arrivals per hour × mean hours.
pub fn offered_load(pool: &PartusPool) -> Option<f64> {
    let per_day = pool.expected_pa_per_day?;
    Some(per_day * pool.pa_hours.unwrap_or(DEFAULT_PA_HOURS) / 24.0)
}

/// Required nurses for `shift` on day `t` (0-based) of a horizon starting `start`.
pub fn required(pool: &PartusPool, start: chrono::NaiveDate, t: usize, shift: Shift) -> u32 {
    match offered_load(pool) {
        Some(load) => servers_needed(load, pool.max_blocking.unwrap_or(DEFAULT_MAX_BLOCKING)),
        None => {
            let date = crate::domain::calendar::add_days(start, t as i64);
            pool.shifts
                .iter()
                .filter(|r| r.date == date && r.shift == shift)
                .map(|r| r.required)
                .sum()
        }
    }
}

/// Split `required` over providers in proportion to `weights` by largest
/// remainder: each gets `⌊required·w/W⌋`, the units left go to the largest
/// remainders `required·w mod W` (whole numbers, so ties are exact; ties to
/// the earlier provider). The parts add up to `required`.
pub fn split_largest_remainder(required: u32, weights: &[u32]) -> Vec<u32> {
    let total: u64 = weights.iter().map(|&w| w as u64).sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let scaled: Vec<u64> = weights
        .iter()
        .map(|&w| required as u64 * w as u64)
        .collect();
    let mut parts: Vec<u32> = scaled.iter().map(|x| (x / total) as u32).collect();
    let mut left = required - parts.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        (scaled[b] % total)
            .cmp(&(scaled[a] % total))
            .then(a.cmp(&b))
    });
    for i in order {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

/// Whether each provider staffs its own share.
pub fn is_provider_scope(pool: &PartusPool) -> bool {
    pool.scope == PoolScope::Provider
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_b_matches_the_hand_computation() {
        // A = 1.25 · 4 / 24 = 0.2083: B(1) = 0.172, B(2) = 0.0177, B(3) = 0.0012.
        let a = 1.25 * 4.0 / 24.0;
        assert!((erlang_b(1, a) - 0.1724).abs() < 1e-3);
        assert!((erlang_b(2, a) - 0.01765).abs() < 1e-4);
        assert_eq!(servers_needed(a, 0.01), 3);
        assert_eq!(servers_needed(a, 0.02), 2);
        assert_eq!(servers_needed(0.0, 0.01), 0);
    }

    #[test]
    fn shares_add_up_by_largest_remainder() {
        assert_eq!(split_largest_remainder(3, &[2, 1]), vec![2, 1]);
        assert_eq!(split_largest_remainder(2, &[1, 1, 1]), vec![1, 1, 0]);
        assert_eq!(split_largest_remainder(5, &[0, 0]), vec![0, 0]);
        assert_eq!(
            split_largest_remainder(7, &[10, 20, 30])
                .iter()
                .sum::<u32>(),
            7
        );
    }
}
