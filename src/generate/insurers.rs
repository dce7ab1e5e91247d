//! The families' health insurers, drawn from the Dutch market split so that
//! `kraamplan fairness --by insurer` has realistic groups to compare.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::scenario::Family;

/// Insurers (by concern, the labels a KSV's contracts use) and their share of
/// the insured in the Netherlands, rounded (Zorgthermometer / Vektis
/// figures for 2024–2025: Achmea 29 %, VGZ 24 %, CZ 22 %, Menzis 12 %, DSW
/// 7 %, the smaller insurers together 6 %, here as ONVZ).
pub const MARKET: [(&str, f64); 6] = [
    ("Zilveren Kruis", 0.29),
    ("VGZ", 0.24),
    ("CZ", 0.22),
    ("Menzis", 0.12),
    ("DSW", 0.07),
    ("ONVZ", 0.06),
];

/// Give every family an insurer, from a stream of its own (seeded by `seed`)
/// so that the rest of a generated scenario is the same as without insurers.
pub fn draw_insurers(seed: u64, families: &mut [Family]) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x494e_5355_5245_5253);
    let total: f64 = MARKET.iter().map(|m| m.1).sum();
    for f in families {
        let mut u = rng.gen_range(0.0..total);
        let mut pick = MARKET[MARKET.len() - 1].0;
        for (name, share) in MARKET {
            if u < share {
                pick = name;
                break;
            }
            u -= share;
        }
        f.insurer = Some(pick.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_market_split_sums_to_one_and_is_drawn_in_proportion() {
        assert!((MARKET.iter().map(|m| m.1).sum::<f64>() - 1.0).abs() < 1e-9);
        let s = crate::generate::generate(&crate::generate::GenParams {
            births_per_year: 20_000,
            ..Default::default()
        });
        let n = s.families.len() as f64;
        assert!(n > 300.0);
        for (name, share) in MARKET {
            let k = s
                .families
                .iter()
                .filter(|f| f.insurer.as_deref() == Some(name))
                .count() as f64;
            // Four binomial standard deviations.
            let sd = (n * share * (1.0 - share)).sqrt();
            assert!((k - n * share).abs() <= 4.0 * sd, "{name}: {k} of {n}");
        }
    }
}
