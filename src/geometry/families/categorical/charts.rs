//! The charts of the categorical family on three outcomes; θ = (p₁, p₂).

use super::in_simplex;
use crate::geometry::chart::{Canonical, Chart, finite};
use crate::geometry::{Limits, Mat, Point};

/// (p₁, p₂): the canonical chart, the open triangle p₁, p₂ > 0, p₁ + p₂ < 1.
pub static SIMPLEX: Canonical = Canonical {
    name: "simplex",
    labels: ["p₁", "p₂"],
    domain: "p₁ > 0, p₂ > 0, p₁ + p₂ < 1",
    contains: in_simplex,
    limits: Limits::of((0.03, 0.5), (0.03, 0.45)),
    grid: (6, 6),
};

/// The log-odds against the third outcome, (x₁, x₂) = (ln p₁/p₃, ln p₂/p₃): the natural
/// parameters. θ is the softmax pᵢ = e^xᵢ / (1 + e^x₁ + e^x₂), and
/// J = [[p₁(1 − p₁), −p₁p₂], [−p₁p₂, p₂(1 − p₂)]].
pub struct Logit;

impl Chart for Logit {
    fn name(&self) -> &'static str {
        "logit"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["ln(p₁/p₃)", "ln(p₂/p₃)"]
    }
    fn domain(&self) -> &'static str {
        "all"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi)
    }
    fn theta(&self, phi: Point) -> Point {
        // Shifted by the largest exponent, so that no exponential overflows.
        let m = phi.x.max(phi.y).max(0.0);
        let (e1, e2, e3) = ((phi.x - m).exp(), (phi.y - m).exp(), (-m).exp());
        let z = e1 + e2 + e3;
        Point::new(e1 / z, e2 / z)
    }
    fn phi(&self, theta: Point) -> Point {
        let p3 = 1.0 - theta.x - theta.y;
        Point::new((theta.x / p3).ln(), (theta.y / p3).ln())
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let p = self.theta(phi);
        Mat::new(p.x * (1.0 - p.x), -p.x * p.y, -p.x * p.y, p.y * (1.0 - p.y))
    }
    fn default_limits(&self) -> Limits {
        Limits::of((-1.5, 2.5), (-3.0, 1.5))
    }
    fn default_grid(&self) -> (usize, usize) {
        (6, 3)
    }
}

/// Polar angles (ϑ, φ) of the point √p on the unit sphere: √p₁ = sin ϑ cos φ,
/// √p₂ = sin ϑ sin φ, √p₃ = cos ϑ, with ϑ, φ ∈ (0, π/2). The metric is 4(dϑ² + sin²ϑ dφ²),
/// the sphere of radius 2. p₁ = sin²ϑ cos²φ and p₂ = sin²ϑ sin²φ give J.
pub struct Sphere;

impl Chart for Sphere {
    fn name(&self) -> &'static str {
        "sphere"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["ϑ: cos ϑ = √p₃", "φ: tan φ = √(p₂/p₁)"]
    }
    fn domain(&self) -> &'static str {
        "0 < ϑ < π/2, 0 < φ < π/2"
    }
    fn contains(&self, phi: Point) -> bool {
        let open = |v: f64| v > 0.0 && v < std::f64::consts::FRAC_PI_2;
        finite(phi) && open(phi.x) && open(phi.y)
    }
    fn theta(&self, phi: Point) -> Point {
        let (s, c) = (phi.x.sin(), phi.y.cos());
        let t = phi.y.sin();
        Point::new((s * c).powi(2), (s * t).powi(2))
    }
    fn phi(&self, theta: Point) -> Point {
        let p3 = 1.0 - theta.x - theta.y;
        Point::new(
            (theta.x + theta.y).sqrt().atan2(p3.sqrt()),
            theta.y.sqrt().atan2(theta.x.sqrt()),
        )
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let (sa, ca) = phi.x.sin_cos();
        let (sb, cb) = phi.y.sin_cos();
        Mat::new(
            2.0 * sa * ca * cb * cb,
            -2.0 * sa * sa * cb * sb,
            2.0 * sa * ca * sb * sb,
            2.0 * sa * sa * sb * cb,
        )
    }
    fn default_limits(&self) -> Limits {
        Limits::of((0.4, 1.125), (0.2, 1.375))
    }
    fn default_grid(&self) -> (usize, usize) {
        (8, 6)
    }
}
