//! Natural parameters (η₁, η₂) = (μ/σ², −1/(2σ²)) of the exponential family.
//! σ = (−2η₂)^(−1/2) and μ = −η₁/(2η₂), so
//! J = [[−1/(2η₂), η₁/(2η₂²)], [0, (−2η₂)^(−3/2)]].

use super::{Chart, finite};
use crate::geometry::{Interval, Limits, Mat, Point};

pub struct Natural;

impl Chart for Natural {
    fn name(&self) -> &'static str {
        "natural"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["η₁ = μ/σ²", "η₂ = −1/(2σ²)"]
    }
    fn domain(&self) -> &'static str {
        "η₂ = −1/(2σ²) < 0"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.y < 0.0
    }
    fn theta(&self, phi: Point) -> Point {
        let (e1, e2) = (phi.x, phi.y);
        Point::new(-e1 / (2.0 * e2), (-2.0 * e2).sqrt().recip())
    }
    fn phi(&self, theta: Point) -> Point {
        let precision = (theta.y * theta.y).recip();
        Point::new(theta.x * precision, -0.5 * precision)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let (e1, e2) = (phi.x, phi.y);
        Mat::new(-0.5 / e2, 0.5 * e1 / (e2 * e2), 0.0, (-2.0 * e2).powf(-1.5))
    }
    fn default_limits(&self) -> Limits {
        Limits {
            x: Interval::new(-3.0, 3.0),
            y: Interval::new(-2.0, -0.25),
        }
    }
    fn default_grid(&self) -> (usize, usize) {
        (9, 3)
    }
}
