//! Fisher–Rao geodesics of the univariate Gaussian, in closed form.
//!
//! With x = μ/√2 the Fisher metric of N(μ, σ²) is ds² = (dμ² + 2dσ²)/σ² = 2 (dx² + dσ²)/σ²:
//! twice the metric of the hyperbolic upper half-plane (x, σ). Its geodesics are vertical lines
//! and half-circles centred on σ = 0 (Costa, Santos & Strapasson 2015). On the half-circle of
//! centre c and radius R, the point (c + R tanh u, R / cosh u) moves at unit hyperbolic speed
//! in u, so Fisher length is √2 |u₂ − u₁|; on a vertical line, σ = σ₁ e^u gives the same.

use super::Point;

/// A geodesic from θ₁ to θ₂ in (μ, σ): `n` points equally spaced in arc length (ends
/// included), and its Fisher length.
pub struct Geodesic {
    pub points: Vec<Point>,
    pub length: f64,
}

/// The geodesic of N(μ, σ²) between two points of (μ, σ), σ > 0; `n` ≥ 2.
pub fn gaussian(theta1: Point, theta2: Point, n: usize) -> Geodesic {
    let sqrt2 = std::f64::consts::SQRT_2;
    let (x1, x2) = (theta1.x / sqrt2, theta2.x / sqrt2);
    let (y1, y2) = (theta1.y, theta2.y);
    let at = |s: f64| s / (n - 1) as f64;
    if (x1 - x2).abs() <= 1e-12 * (1.0 + x1.abs().max(x2.abs())) {
        // A vertical line: σ = σ₁ (σ₂/σ₁)^s, equally spaced in ln σ, which is arc length.
        let ratio = (y2 / y1).ln();
        let points = (0..n)
            .map(|k| Point::new(theta1.x, y1 * (ratio * at(k as f64)).exp()))
            .collect();
        return Geodesic {
            points: with_ends(points, theta1, theta2),
            length: sqrt2 * ratio.abs(),
        };
    }
    // The half-circle through both points with its centre on σ = 0.
    let c = (x1 * x1 + y1 * y1 - x2 * x2 - y2 * y2) / (2.0 * (x1 - x2));
    let r = (x1 - c).hypot(y1);
    let u = |x: f64| ((x - c) / r).atanh();
    let (u1, u2) = (u(x1), u(x2));
    let points = (0..n)
        .map(|k| {
            let v = u1 + (u2 - u1) * at(k as f64);
            Point::new(sqrt2 * (c + r * v.tanh()), r / v.cosh())
        })
        .collect();
    Geodesic {
        points: with_ends(points, theta1, theta2),
        length: sqrt2 * (u2 - u1).abs(),
    }
}

/// The path with its ends exactly the given points (the formulas return them to rounding).
fn with_ends(mut points: Vec<Point>, a: Point, b: Point) -> Vec<Point> {
    let last = points.len() - 1;
    points[0] = a;
    points[last] = b;
    points
}
