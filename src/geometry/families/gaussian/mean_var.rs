//! (μ, v = σ²): σ = √v, so ∂σ/∂v = 1/(2√v).

use super::{Chart, finite};
use crate::geometry::{Interval, Limits, Mat, Point};

pub struct MeanVar;

impl Chart for MeanVar {
    fn name(&self) -> &'static str {
        "mean-var"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["μ", "σ²"]
    }
    fn domain(&self) -> &'static str {
        "σ² > 0"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.y > 0.0
    }
    fn theta(&self, phi: Point) -> Point {
        Point::new(phi.x, phi.y.sqrt())
    }
    fn phi(&self, theta: Point) -> Point {
        Point::new(theta.x, theta.y * theta.y)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        Mat::new(1.0, 0.0, 0.0, 0.5 / phi.y.sqrt())
    }
    fn default_limits(&self) -> Limits {
        Limits {
            x: Interval::new(-2.0, 2.0),
            y: Interval::new(0.1, 2.0),
        }
    }
    fn default_grid(&self) -> (usize, usize) {
        (9, 3)
    }
}
