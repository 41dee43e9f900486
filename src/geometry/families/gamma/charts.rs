//! The charts of the Gamma family; θ = (k, β). Each gives φ → θ, θ → φ and J = ∂θ/∂φ.

use super::{positive, shape_from_log_gap};
use crate::geometry::chart::{Canonical, Chart, Logarithmic, finite};
use crate::geometry::special::{digamma, trigamma};
use crate::geometry::{Limits, Mat, Point};

/// (k, β): the canonical chart.
pub static SHAPE_RATE: Canonical = Canonical {
    name: "shape-rate",
    labels: ["k (shape)", "β (rate)"],
    domain: "k > 0, β > 0",
    contains: positive,
    limits: Limits::of((0.4, 4.1), (0.5, 4.0)),
    grid: (5, 4),
};

/// (k, s = 1/β): β = 1/s, ∂β/∂s = −1/s².
pub struct ShapeScale;

impl Chart for ShapeScale {
    fn name(&self) -> &'static str {
        "shape-scale"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["k (shape)", "s = 1/β (scale)"]
    }
    fn domain(&self) -> &'static str {
        "k > 0, s > 0"
    }
    fn contains(&self, phi: Point) -> bool {
        positive(phi)
    }
    fn theta(&self, phi: Point) -> Point {
        Point::new(phi.x, phi.y.recip())
    }
    fn phi(&self, theta: Point) -> Point {
        Point::new(theta.x, theta.y.recip())
    }
    fn jacobian(&self, phi: Point) -> Mat {
        Mat::new(1.0, 0.0, 0.0, -1.0 / (phi.y * phi.y))
    }
    fn default_limits(&self) -> Limits {
        Limits::of((0.4, 4.1), (0.5, 4.0))
    }
    fn default_grid(&self) -> (usize, usize) {
        (5, 4)
    }
}

/// (k, m = k/β), shape and mean: β = k/m, so J = [[1, 0], [1/m, −k/m²]]. In this chart
/// F is diagonal, diag(ψ′(k) − 1/k, k/m²): shape and mean are orthogonal.
pub struct ShapeMean;

impl Chart for ShapeMean {
    fn name(&self) -> &'static str {
        "shape-mean"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["k (shape)", "m = k/β (mean)"]
    }
    fn domain(&self) -> &'static str {
        "k > 0, m > 0"
    }
    fn contains(&self, phi: Point) -> bool {
        positive(phi)
    }
    fn theta(&self, phi: Point) -> Point {
        Point::new(phi.x, phi.x / phi.y)
    }
    fn phi(&self, theta: Point) -> Point {
        Point::new(theta.x, theta.x / theta.y)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let (k, m) = (phi.x, phi.y);
        Mat::new(1.0, 0.0, 1.0 / m, -k / (m * m))
    }
    fn default_limits(&self) -> Limits {
        Limits::of((0.6, 5.4), (0.6, 2.0))
    }
    fn default_grid(&self) -> (usize, usize) {
        (5, 5)
    }
}

/// (ln k, ln β).
pub static LOG: Logarithmic = Logarithmic {
    labels: ["ln k", "ln β"],
    limits: Limits::of((0.0, 2.2), (-0.7, 1.1)),
    grid: (9, 7),
};

/// The natural parameters (η₁, η₂) = (k − 1, −β) of the exponential family with sufficient
/// statistics (ln x, x): θ = (η₁ + 1, −η₂), J = diag(1, −1).
pub struct Natural;

impl Chart for Natural {
    fn name(&self) -> &'static str {
        "natural"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["η₁ = k − 1", "η₂ = −β"]
    }
    fn domain(&self) -> &'static str {
        "η₁ > −1, η₂ < 0"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.x > -1.0 && phi.y < 0.0
    }
    fn theta(&self, phi: Point) -> Point {
        Point::new(phi.x + 1.0, -phi.y)
    }
    fn phi(&self, theta: Point) -> Point {
        Point::new(theta.x - 1.0, -theta.y)
    }
    fn jacobian(&self, _phi: Point) -> Mat {
        Mat::new(1.0, 0.0, 0.0, -1.0)
    }
    fn default_limits(&self) -> Limits {
        Limits::of((-0.6, 3.1), (-4.0, -0.5))
    }
    fn default_grid(&self) -> (usize, usize) {
        (5, 4)
    }
}

/// The expectation parameters (m, l) = (E x, E ln x) = (k/β, ψ(k) − ln β). θ from φ solves
/// ln k − ψ(k) = ln m − l (> 0 by Jensen's inequality), then β = k/m. ∂φ/∂θ =
/// [[1/β, −k/β²], [ψ′(k), −1/β]], and J is its inverse.
pub struct Expectation;

impl Chart for Expectation {
    fn name(&self) -> &'static str {
        "expectation"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["E x = k/β", "E ln x = ψ(k) − ln β"]
    }
    fn domain(&self) -> &'static str {
        "E x > 0, E ln x < ln E x"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.x > 0.0 && phi.y < phi.x.ln()
    }
    fn theta(&self, phi: Point) -> Point {
        match shape_from_log_gap(phi.x.ln() - phi.y) {
            Some(k) => Point::new(k, k / phi.x),
            None => Point::new(f64::NAN, f64::NAN),
        }
    }
    fn phi(&self, theta: Point) -> Point {
        let (k, b) = (theta.x, theta.y);
        Point::new(k / b, digamma(k) - b.ln())
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let t = self.theta(phi);
        let (k, b) = (t.x, t.y);
        let forward = Mat::new(1.0 / b, -k / (b * b), trigamma(k), -1.0 / b);
        forward.try_inverse().unwrap_or(Mat::from_element(f64::NAN))
    }
    fn default_limits(&self) -> Limits {
        Limits::of((0.85, 2.8), (-1.2, -0.2))
    }
    fn default_grid(&self) -> (usize, usize) {
        (3, 2)
    }
}
