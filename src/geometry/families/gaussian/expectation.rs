//! Expectation parameters (m₁, m₂) = (E x, E x²) = (μ, μ² + σ²).
//! σ = √(m₂ − m₁²), so ∂σ/∂m₁ = −m₁/σ and ∂σ/∂m₂ = 1/(2σ).

use super::{Chart, finite};
use crate::geometry::{Interval, Limits, Mat, Point};

pub struct Expectation;

impl Chart for Expectation {
    fn name(&self) -> &'static str {
        "expectation"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["m₁ = μ", "m₂ = μ² + σ²"]
    }
    fn domain(&self) -> &'static str {
        "m₂ > m₁² (σ² = m₂ − m₁² > 0)"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.y > phi.x * phi.x
    }
    fn theta(&self, phi: Point) -> Point {
        Point::new(phi.x, (phi.y - phi.x * phi.x).sqrt())
    }
    fn phi(&self, theta: Point) -> Point {
        Point::new(theta.x, theta.x * theta.x + theta.y * theta.y)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let sigma = (phi.y - phi.x * phi.x).sqrt();
        Mat::new(1.0, 0.0, -phi.x / sigma, 0.5 / sigma)
    }
    fn default_limits(&self) -> Limits {
        Limits {
            x: Interval::new(-0.6, 0.6),
            y: Interval::new(0.37, 0.87),
        }
    }
    /// Only two rows: a ball's height in m₂ grows like σ², and a box inside the domain
    /// must stay above the parabola, so a third row of separate balls does not fit at L = 0.01.
    fn default_grid(&self) -> (usize, usize) {
        (5, 2)
    }
}
