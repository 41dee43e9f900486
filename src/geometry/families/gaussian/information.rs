//! The information form (h, λ) = (μ/σ², 1/σ²), the post's second figure.
//! μ = h/λ and σ = λ^(−1/2), so J = [[1/λ, −h/λ²], [0, −½ λ^(−3/2)]].

use super::{Chart, finite};
use crate::geometry::{Interval, Limits, Mat, Point};

pub struct Information;

impl Chart for Information {
    fn name(&self) -> &'static str {
        "information"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["h = μ/σ²", "λ = 1/σ²"]
    }
    fn domain(&self) -> &'static str {
        "λ = 1/σ² > 0"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.y > 0.0
    }
    fn theta(&self, phi: Point) -> Point {
        let (h, lambda) = (phi.x, phi.y);
        Point::new(h / lambda, lambda.sqrt().recip())
    }
    fn phi(&self, theta: Point) -> Point {
        let lambda = (theta.y * theta.y).recip();
        Point::new(theta.x * lambda, lambda)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let (h, lambda) = (phi.x, phi.y);
        Mat::new(
            1.0 / lambda,
            -h / (lambda * lambda),
            0.0,
            -0.5 * lambda.powf(-1.5),
        )
    }
    fn default_limits(&self) -> Limits {
        Limits {
            x: Interval::new(-3.0, 3.0),
            y: Interval::new(0.5, 4.0),
        }
    }
    fn default_grid(&self) -> (usize, usize) {
        (9, 3)
    }
}
