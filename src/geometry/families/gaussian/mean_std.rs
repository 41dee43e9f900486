//! (μ, σ): the canonical chart itself.

use super::{Chart, finite};
use crate::geometry::{Interval, Limits, Mat, Point};

pub struct MeanStd;

impl Chart for MeanStd {
    fn name(&self) -> &'static str {
        "mean-std"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["μ", "σ"]
    }
    fn domain(&self) -> &'static str {
        "σ > 0"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.y > 0.0
    }
    fn theta(&self, phi: Point) -> Point {
        phi
    }
    fn phi(&self, theta: Point) -> Point {
        theta
    }
    fn jacobian(&self, _phi: Point) -> Mat {
        Mat::identity()
    }
    fn default_limits(&self) -> Limits {
        Limits {
            x: Interval::new(-2.0, 2.0),
            y: Interval::new(0.25, 1.6),
        }
    }
    fn default_grid(&self) -> (usize, usize) {
        (9, 5)
    }
}
