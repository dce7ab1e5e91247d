//! The statistics of a forecast: probabilities with Wilson score intervals,
//! means with normal intervals, and quantiles with distribution-free
//! intervals from order statistics. All intervals are 95 %.
//!
//! Wilson rather than the normal interval for probabilities because colour
//! probabilities are often near 0 or 1, where the normal interval collapses
//! to a point or leaves [0, 1].

use serde::{Deserialize, Serialize};

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// An estimate with its 95 % confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Point estimate.
    pub value: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
}

/// The share `k / n` with its Wilson score interval (`n > 0`).
pub fn proportion(k: usize, n: usize) -> Estimate {
    assert!(n > 0 && k <= n, "proportion {k}/{n}");
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Estimate {
        value: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    }
}

/// The mean of `xs` with the normal interval `± z·s/√n` (`xs` not empty).
pub fn mean(xs: &[f64]) -> Estimate {
    assert!(!xs.is_empty(), "mean of nothing");
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let var = if xs.len() > 1 {
        xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    let half = Z95 * (var / n).sqrt();
    Estimate {
        value: m,
        low: m - half,
        high: m + half,
    }
}

/// The `q`-quantile of `xs` (nearest rank: the smallest value with at least
/// a share `q` of the sample at or below it) with the distribution-free
/// interval between the order statistics whose ranks bound the binomial
/// count `Bin(n, q)` (normal approximation, widened to whole ranks).
pub fn quantile(xs: &[f64], q: f64) -> Estimate {
    assert!(!xs.is_empty() && (0.0..=1.0).contains(&q));
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len() as f64;
    let at = |rank: f64| v[(rank.clamp(1.0, n) as usize) - 1];
    let half = Z95 * (n * q * (1.0 - q)).sqrt();
    Estimate {
        value: at((q * n).ceil()),
        low: at((n * q - half).floor()),
        high: at((n * q + half).ceil() + 1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    #[test]
    fn wilson_interval_matches_the_textbook() {
        // 8 of 10: Wilson 95 % interval 0.490 … 0.943 (Newcombe 1998, method 3).
        let e = proportion(8, 10);
        assert!(
            close(e.value, 0.8) && close(e.low, 0.4902) && close(e.high, 0.9433),
            "{e:?}"
        );
        // 0 of 20 stays inside [0, 1] and is not a point.
        let e = proportion(0, 20);
        assert_eq!(e.low, 0.0);
        assert!(close(e.high, 0.1611), "{e:?}");
        assert_eq!(proportion(20, 20).high, 1.0);
    }

    #[test]
    fn mean_interval_is_normal() {
        let e = mean(&[1.0, 2.0, 3.0, 4.0]);
        // s = 1.291, s/√n = 0.6455.
        assert!(
            close(e.value, 2.5) && close(e.high - e.value, Z95 * 0.645_497),
            "{e:?}"
        );
        assert_eq!(mean(&[7.0]).low, 7.0);
    }

    #[test]
    fn quantile_is_nearest_rank_with_an_order_statistic_interval() {
        let xs: Vec<f64> = (1..=100).map(f64::from).collect();
        let e = quantile(&xs, 0.9);
        assert_eq!(e.value, 90.0);
        // n q = 90, z √(n q (1−q)) = 5.88: ranks 84 … 97.
        assert_eq!((e.low, e.high), (84.0, 97.0));
        let e = quantile(&[3.0, 1.0, 2.0], 0.9);
        assert_eq!((e.value, e.high), (3.0, 3.0));
        assert_eq!(quantile(&[0.0; 50], 0.9).value, 0.0);
    }
}
