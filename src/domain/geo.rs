//! Distances between homes.

/// Mean Earth radius in km.
const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle (haversine) distance in km between two `[lat, lon]` points.
pub fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (lat1, lon1) = (a[0].to_radians(), a[1].to_radians());
    let (lat2, lon2) = (b[0].to_radians(), b[1].to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

/// Bounding box of the Netherlands (with a margin), used to catch swapped or
/// mistyped coordinates: latitude 50.7–53.7, longitude 3.2–7.3.
pub fn in_netherlands(p: [f64; 2]) -> bool {
    (50.7..=53.7).contains(&p[0]) && (3.2..=7.3).contains(&p[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utrecht_to_amsterdam_is_about_35_km() {
        let d = haversine_km([52.0907, 5.1214], [52.3676, 4.9041]);
        assert!((d - 34.5).abs() < 1.5, "{d}");
    }

    #[test]
    fn swapped_coordinates_are_outside() {
        assert!(in_netherlands([52.09, 5.12]));
        assert!(!in_netherlands([5.12, 52.09]));
    }
}
