//! How far the post's "≈" holds: the exact KL balls against the quadratic one as the level L
//! grows. [`super::ball::outline`] lays every kind's k-th point on the ray through the
//! quadratic ball's k-th point, so an exact ball is the quadratic one with each ray stretched
//! by a factor τ_k; the relative gap of the two is max_k |τ_k − 1|, measured in no unit of any
//! chart's coordinates. With D = ½δᵀFδ + O(|δ|³) near the centre, τ = 1 + O(√L), so the gap
//! shrinks like √L: a slope of ½ on log–log axes. The gap between KL and reverse KL is
//! max_k |τ_k/τ′_k − 1| on the same rays, also O(√L) (their cubic terms differ).

use super::Point;

/// τ_k with exact_k − centre = τ_k (quadratic_k − centre): the stretch of each ray.
pub fn stretches(centre: Point, quadratic: &[Point], exact: &[Point]) -> Vec<f64> {
    quadratic
        .iter()
        .zip(exact)
        .map(|(q, p)| {
            let (ray, offset) = (q - centre, p - centre);
            offset.dot(&ray) / ray.norm_squared()
        })
        .collect()
}

/// max_k |a_k / b_k − 1|: the largest relative gap between two balls on the same rays.
pub fn largest_gap(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x / y - 1.0).abs())
        .fold(0.0, f64::max)
}

/// The slope of ln gap against ln L by least squares, over the levels with a positive gap;
/// None with fewer than two.
pub fn slope(levels: &[f64], gaps: &[f64]) -> Option<f64> {
    let points: Vec<(f64, f64)> = levels
        .iter()
        .zip(gaps)
        .filter(|(l, g)| **l > 0.0 && **g > 0.0 && g.is_finite())
        .map(|(l, g)| (l.ln(), g.ln()))
        .collect();
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let (mx, my) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / n, b + y / n));
    let (sxy, sxx) = points.iter().fold((0.0, 0.0), |(a, b), (x, y)| {
        (a + (x - mx) * (y - my), b + (x - mx) * (x - mx))
    });
    (sxx > 0.0).then(|| sxy / sxx)
}

/// `steps` levels from `low` to `high`, evenly spaced in ln L (both ends included).
pub fn levels(low: f64, high: f64, steps: usize) -> Vec<f64> {
    let (a, b) = (low.ln(), high.ln());
    (0..steps)
        .map(|k| match k {
            0 => low,
            _ if k + 1 == steps => high,
            _ => (a + (b - a) * k as f64 / (steps - 1) as f64).exp(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_power_law_has_its_exponent_as_slope() {
        let levels = levels(1e-4, 1.0, 9);
        assert_eq!((levels[0], levels[8]), (1e-4, 1.0));
        assert!((levels[4] - 1e-2).abs() < 1e-15);
        let gaps: Vec<f64> = levels.iter().map(|l| 0.3 * l.powf(0.5)).collect();
        assert!((slope(&levels, &gaps).unwrap() - 0.5).abs() < 1e-12);
        let gaps: Vec<f64> = levels.iter().map(|l| 2.0 * l.powf(1.5)).collect();
        assert!((slope(&levels, &gaps).unwrap() - 1.5).abs() < 1e-12);
        assert_eq!(slope(&levels[..1], &gaps[..1]), None);
    }

    #[test]
    fn stretches_and_gaps_are_measured_along_the_rays() {
        let c = Point::new(1.0, 2.0);
        let q = [Point::new(2.0, 2.0), Point::new(1.0, 4.0)];
        let p = [Point::new(2.5, 2.0), Point::new(1.0, 3.0)];
        assert_eq!(stretches(c, &q, &p), vec![1.5, 0.5]);
        assert_eq!(largest_gap(&[1.5, 0.5], &[1.0, 1.0]), 0.5);
        assert_eq!(largest_gap(&[1.2, 1.0], &[1.0, 0.8]), 0.25);
    }
}
