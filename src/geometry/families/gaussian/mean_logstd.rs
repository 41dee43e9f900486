//! (μ, s = ln σ): σ = eˢ, so ∂σ/∂s = eˢ. The domain is the whole plane.

use super::{Chart, finite};
use crate::geometry::{Interval, Limits, Mat, Point};

pub struct MeanLogStd;

impl Chart for MeanLogStd {
    fn name(&self) -> &'static str {
        "mean-logstd"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["μ", "ln σ"]
    }
    fn domain(&self) -> &'static str {
        "any finite (μ, ln σ)"
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
        Limits {
            x: Interval::new(-2.0, 2.0),
            y: Interval::new(-1.0, 0.5),
        }
    }
    fn default_grid(&self) -> (usize, usize) {
        (9, 5)
    }
}
