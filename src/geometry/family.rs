//! What a statistical family must give for its balls to be drawn.

use super::geodesic::Geodesic;
use super::{Mat, Point};

/// A two-parameter family p(x; θ) in its canonical parameters θ.
///
/// Everything else (Fisher matrices in other charts, balls) is derived from these.
pub trait Family: Sync {
    /// The name used on the command line (`--family`).
    fn name(&self) -> &'static str;
    /// A name for captions, e.g. "Gaussian N(μ, σ²)".
    fn display_name(&self) -> &'static str;
    /// Whether θ is a valid parameter.
    fn contains(&self, theta: Point) -> bool;
    /// KL divergence D(p_θ₁ ‖ p_θ₂).
    fn kl(&self, theta1: Point, theta2: Point) -> f64;
    /// Fisher information matrix at θ, in the canonical parameters.
    fn fisher(&self, theta: Point) -> Mat;
    /// Fisher–Rao geodesic distance, if the family has it in closed form.
    fn fisher_rao(&self, theta1: Point, theta2: Point) -> Option<f64>;
    /// The Fisher–Rao geodesic from θ₁ to θ₂ as `n` points equally spaced in arc length,
    /// if the family has it in closed form.
    fn geodesic(&self, _theta1: Point, _theta2: Point, _n: usize) -> Option<Geodesic> {
        None
    }
    /// ∇_θ D(p_target ‖ p_θ): the gradient of the KL from a target, the loss that gradient
    /// descent figures minimise, if the family has it in closed form.
    fn kl_gradient(&self, _target: Point, _theta: Point) -> Option<Point> {
        None
    }
}
