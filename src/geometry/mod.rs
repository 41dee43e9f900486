//! The geometry core: pure functions on plain data (no I/O, no drawing types).
//!
//! A [`Family`] knows its canonical parameters θ, its KL divergence, Fisher matrix and
//! (where one is known in closed form) its Fisher–Rao distance. A [`Chart`] maps its
//! coordinates φ to and from θ and gives the Jacobian ∂θ/∂φ. A [`Model`] pairs them, and
//! [`ball`] draws the four kinds of ball in any chart from those pieces alone.

pub mod ball;
pub mod chart;
pub mod conditioning;
pub mod deadline;
pub mod derivative;
pub mod descent;
pub mod exp_map;
pub mod families;
pub mod family;
pub mod geodesic;
pub mod grid;
pub mod hmc;
pub mod jeffreys;
pub mod mml;
pub mod model;
pub mod ruler;
pub mod shooting;
pub mod special;
pub mod sweep;
pub mod tolerance;

pub use ball::{Ball, BallError, BallKind, Level};
pub use chart::Chart;
pub use family::{Family, NoEstimate, Support};
pub use model::Model;

/// A point of a chart or of the canonical parameters: (x, y).
pub type Point = nalgebra::Vector2<f64>;
/// A 2×2 matrix (Fisher matrices, Jacobians).
pub type Mat = nalgebra::Matrix2<f64>;

/// A closed interval `[lo, hi]` of one coordinate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

impl Interval {
    pub const fn new(lo: f64, hi: f64) -> Self {
        Self { lo, hi }
    }

    pub fn width(&self) -> f64 {
        self.hi - self.lo
    }
}

/// A rectangle of a chart: the plotting limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub x: Interval,
    pub y: Interval,
}

impl Limits {
    /// The rectangle x.0..x.1 × y.0..y.1.
    pub const fn of(x: (f64, f64), y: (f64, f64)) -> Self {
        Self {
            x: Interval::new(x.0, x.1),
            y: Interval::new(y.0, y.1),
        }
    }

    pub fn corners(&self) -> [Point; 4] {
        [
            Point::new(self.x.lo, self.y.lo),
            Point::new(self.x.hi, self.y.lo),
            Point::new(self.x.lo, self.y.hi),
            Point::new(self.x.hi, self.y.hi),
        ]
    }
}

pub use crate::number::Typed;
