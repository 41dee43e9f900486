//! A chart with its coordinates swapped, for laying rows along either coordinate
//! ([`crate::geometry::mml`]).

use super::Chart;
use crate::geometry::{Limits, Mat, Point};

/// A chart with its two coordinates swapped: rows laid in it are rows of constant x of the
/// chart itself. Rows waste least where the metric varies across them, not along them, and
/// some charts' metrics depend on x alone (Gamma's log chart on ln k, the categorical's
/// sphere chart on ϑ): their best rows run along y.
pub struct Transposed(pub &'static dyn Chart);

fn swap(p: Point) -> Point {
    Point::new(p.y, p.x)
}

impl Chart for Transposed {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        let [x, y] = self.0.axis_labels();
        [y, x]
    }
    fn domain(&self) -> &'static str {
        self.0.domain()
    }
    fn contains(&self, phi: Point) -> bool {
        self.0.contains(swap(phi))
    }
    fn theta(&self, phi: Point) -> Point {
        self.0.theta(swap(phi))
    }
    fn phi(&self, theta: Point) -> Point {
        swap(self.0.phi(theta))
    }
    /// ∂θ/∂(y, x): the chart's Jacobian with its columns swapped.
    fn jacobian(&self, phi: Point) -> Mat {
        let j = self.0.jacobian(swap(phi));
        Mat::new(j[(0, 1)], j[(0, 0)], j[(1, 1)], j[(1, 0)])
    }
    fn default_limits(&self) -> Limits {
        let l = self.0.default_limits();
        Limits { x: l.y, y: l.x }
    }
    fn default_grid(&self) -> (usize, usize) {
        let (c, r) = self.0.default_grid();
        (r, c)
    }
}
