//! What location–scale families p(x) = f((x − μ)/σ)/σ share: a Fisher metric
//! g = σ⁻² [[a, c], [c, b]] in (μ, σ), a hyperbolic plane, hence a closed-form Fisher–Rao
//! distance; and the chart (μ, ln σ) (the chart (μ, σ) is the family's `Canonical` one).
//!
//! Completing the square, a dμ² + 2c dμ dσ + b dσ² = (D/a)(dw² + dσ²) with D = ab − c² and
//! w = (μ + (c/a)σ)·a/√D, so g = (D/a)(dw² + dσ²)/σ²: the half-plane of curvature −a/D, and
//! d = √(D/a) · arccosh(1 + (Δw² + Δσ²)/(2σ₁σ₂)) (shared/MATH.md; Costa, Santos & Strapasson,
//! "Fisher information distance: a geometrical reading", 2015).

use nalgebra::Complex;

use crate::geometry::chart::{Chart, finite};
use crate::geometry::geodesic::{Geodesic, half_plane};
use crate::geometry::{Limits, Mat, Point};

/// The constants of g = σ⁻² [[a, c], [c, b]].
#[derive(Debug, Clone, Copy)]
pub struct Metric {
    pub a: f64,
    pub b: f64,
    pub c: f64,
}

impl Metric {
    /// The Fisher matrix at scale σ.
    pub fn fisher(&self, sigma: f64) -> Mat {
        Mat::new(self.a, self.c, self.c, self.b) / (sigma * sigma)
    }

    /// The Fisher–Rao distance between (μ₁, σ₁) and (μ₂, σ₂); arccosh(1 + x) is evaluated as
    /// ln1p(x + √(x(x+2))), exact for small x.
    pub fn distance(&self, t1: Point, t2: Point) -> f64 {
        let d = self.a * self.b - self.c * self.c;
        let ds = t1.y - t2.y;
        let dw = (t1.x - t2.x + self.c / self.a * ds) * self.a / d.sqrt();
        let x = (dw * dw + ds * ds) / (2.0 * t1.y * t2.y);
        (d / self.a).sqrt() * (x + (x * (x + 2.0)).sqrt()).ln_1p()
    }

    /// The geodesic from (μ₁, σ₁) to (μ₂, σ₂): the half-plane's, in (w, σ), carried back by
    /// μ = w √D/a − (c/a) σ; its length is √(D/a) times the hyperbolic one. None if a point
    /// of it is not a finite number (ends too far apart for double precision).
    pub fn geodesic(&self, t1: Point, t2: Point, n: usize) -> Option<Geodesic> {
        let d = self.a * self.b - self.c * self.c;
        let (k, shift) = (self.a / d.sqrt(), self.c / self.a);
        let z = |t: Point| Complex::new((t.x + shift * t.y) * k, t.y);
        let (points, h) = half_plane(z(t1), z(t2), n);
        let mut points: Vec<Point> = points
            .into_iter()
            .map(|p| Point::new(p.re / k - shift * p.im, p.im))
            .collect();
        points[0] = t1;
        points[n - 1] = t2;
        let finite = points
            .iter()
            .all(|p| p.x.is_finite() && p.y.is_finite() && p.y > 0.0);
        (finite && h.is_finite()).then_some(Geodesic {
            points,
            length: (d / self.a).sqrt() * h,
        })
    }
}

/// (location, ln scale): σ = eˢ, so J = diag(1, eˢ).
pub struct LocationLogScale {
    pub name: &'static str,
    pub labels: [&'static str; 2],
    pub limits: Limits,
    pub grid: (usize, usize),
}

impl Chart for LocationLogScale {
    fn name(&self) -> &'static str {
        self.name
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        self.labels
    }
    fn domain(&self) -> &'static str {
        "all"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi)
    }
    fn theta(&self, phi: Point) -> Point {
        Point::new(phi.x, phi.y.exp())
    }
    fn phi(&self, theta: Point) -> Point {
        Point::new(theta.x, theta.y.ln())
    }
    fn jacobian(&self, phi: Point) -> Mat {
        Mat::new(1.0, 0.0, 0.0, phi.y.exp())
    }
    fn default_limits(&self) -> Limits {
        self.limits
    }
    fn default_grid(&self) -> (usize, usize) {
        self.grid
    }
}
