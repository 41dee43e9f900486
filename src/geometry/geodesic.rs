//! Fisher–Rao geodesics of the univariate Gaussian, in closed form.
//!
//! With x = μ/√2 the Fisher metric of N(μ, σ²) is ds² = (dμ² + 2dσ²)/σ² = 2 (dx² + dσ²)/σ²:
//! twice the metric of the hyperbolic upper half-plane (x, σ), so Fisher length is √2 times
//! hyperbolic length. Its geodesics are vertical lines and half-circles centred on σ = 0
//! (Costa, Santos & Strapasson 2015). Rather than the half-circle's centre and radius (which
//! run off to infinity as the geodesic turns vertical, and lose every digit near it), the
//! geodesic is built by isometries: z ↦ (z − x₁)/σ₁ takes z₁ to i, a rotation about i takes
//! the image of z₂ to i·e^d on the imaginary axis, whose unit-speed geodesic is i·eˢ; the
//! points are i·eˢ, s = 0..d, carried back. Every step is well conditioned, vertical or not.

use nalgebra::Complex;

use super::Point;

/// A geodesic from θ₁ to θ₂ in (μ, σ): `n` points equally spaced in arc length (ends
/// included), and its Fisher length.
pub struct Geodesic {
    pub points: Vec<Point>,
    pub length: f64,
}

/// Hyperbolic distance in the upper half-plane: arccosh(1 + |z₁ − z₂|²/(2 y₁ y₂)), as
/// ln1p(q + √(q(q + 2))), exact for nearby points.
pub fn half_plane_distance(z1: Complex<f64>, z2: Complex<f64>) -> f64 {
    let q = (z1 - z2).norm_sqr() / (2.0 * z1.im * z2.im);
    (q + (q * (q + 2.0)).sqrt()).ln_1p()
}

/// `n` points (n ≥ 2) equally spaced along the hyperbolic geodesic from z₁ to z₂ in the upper
/// half-plane, ends exact, and its hyperbolic length.
pub fn half_plane(z1: Complex<f64>, z2: Complex<f64>, n: usize) -> (Vec<Complex<f64>>, f64) {
    let i = Complex::new(0.0, 1.0);
    let d = half_plane_distance(z1, z2);
    // w₂: z₂ after the translation and scaling that take z₁ to i.
    let w = (z2 - z1.re) / z1.im;
    // The rotation about i, w ↦ (cw + s)/(−sw + c), sends w₂ to the imaginary axis when
    // tan 2θ = −2 Re w / (1 − |w|²); of the two such rotations, take the one that sends it
    // above i (to i·e^d rather than i·e^−d).
    let rotate = |t: f64, w: Complex<f64>| {
        let (s, c) = t.sin_cos();
        (w * c + s) / (-w * s + c)
    };
    let half = 0.5 * (-2.0 * w.re).atan2(1.0 - w.norm_sqr());
    let theta = if rotate(half, w).im >= 1.0 {
        half
    } else {
        half + std::f64::consts::FRAC_PI_2
    };
    let back = |s: f64| z1.re + z1.im * rotate(-theta, i * s.exp());
    let mut points: Vec<Complex<f64>> = (0..n)
        .map(|k| back(d * k as f64 / (n - 1) as f64))
        .collect();
    points[0] = z1;
    points[n - 1] = z2;
    (points, d)
}

/// The geodesic of N(μ, σ²) between two points of (μ, σ), σ > 0; `n` ≥ 2. None if a point
/// of it is not a finite number (ends too far apart for double precision).
pub fn gaussian(theta1: Point, theta2: Point, n: usize) -> Option<Geodesic> {
    let sqrt2 = std::f64::consts::SQRT_2;
    let z = |t: Point| Complex::new(t.x / sqrt2, t.y);
    let (points, d) = half_plane(z(theta1), z(theta2), n);
    let points: Vec<Point> = points
        .into_iter()
        .map(|p| Point::new(sqrt2 * p.re, p.im))
        .collect();
    let finite = points
        .iter()
        .all(|p| p.x.is_finite() && p.y.is_finite() && p.y > 0.0);
    (finite && d.is_finite()).then_some(Geodesic {
        points,
        length: sqrt2 * d,
    })
}
