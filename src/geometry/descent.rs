//! Gradient descent on the KL from a target, D(p_target ‖ p_φ), in a chart: plain,
//! φ ← φ − η ∇_φ D, and natural, φ ← φ − η F_φ⁻¹ ∇_φ D (Amari 1998). The chart's gradient is
//! ∇_φ D = Jᵀ ∇_θ D with J = ∂θ/∂φ. To first order in η the natural step moves the
//! distribution the same way in every chart (F_φ⁻¹ Jᵀ = J⁻¹ F_θ⁻¹); the plain step does not.

use thiserror::Error;

use super::conditioning::{Conditioning, scaled_inverse};
use super::{Model, Point};

/// Which descent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Plain,
    Natural,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Plain => "plain",
            Method::Natural => "natural",
        }
    }
}

/// Why a descent cannot be drawn.
#[derive(Debug, Error, PartialEq)]
pub enum DescentError {
    #[error(
        "{method} gradient descent in the {chart} chart diverges with step size {} (step {at} {why})",
        super::Typed(*step)
    )]
    Diverges {
        method: &'static str,
        chart: &'static str,
        step: f64,
        at: usize,
        why: &'static str,
    },
    /// The natural step needs F⁻¹, and double precision cannot give it where the descent is.
    #[error(
        "natural gradient descent in the {chart} chart cannot take step {at}: the Fisher matrix at ({}, {}) cannot be inverted, as {}",
        super::Typed(*x), super::Typed(*y), why.why()
    )]
    Fisher {
        chart: &'static str,
        at: usize,
        x: f64,
        y: f64,
        why: Conditioning,
    },
}

/// A loss this small is the target reached: double precision resolves KL to about 1e-16 of
/// its scale (and Student-t's quadrature to about 1e-13), so below it a step's change of the
/// loss is rounding, not a direction (from the target itself every step "raised" it).
pub const REACHED: f64 = 1e-12;

/// `steps` steps of size `step` from `start` (a point of the model's chart) towards the
/// target (canonical θ): the path, `steps + 1` points, fewer if the target is reached (the
/// loss at most [`REACHED`]) first; from the target itself, the one point. A step that
/// leaves the domain, or that raises the loss by more than [`REACHED`], is divergence,
/// reported rather than drawn.
pub fn descend(
    model: &Model,
    target: Point,
    start: Point,
    step: f64,
    steps: usize,
    method: Method,
) -> Result<Vec<Point>, DescentError> {
    let family = model.family;
    let loss = |phi: Point| family.kl(target, model.chart.theta(phi));
    let diverges = |at, why| DescentError::Diverges {
        method: method.name(),
        chart: model.chart.name(),
        step,
        at,
        why,
    };
    let mut path = vec![start];
    let mut phi = start;
    for k in 1..=steps {
        // Reached; or out of time, and `uses::draw` refuses the partial path.
        if loss(phi) <= REACHED || super::deadline::passed() {
            break;
        }
        let theta = model.chart.theta(phi);
        let grad = model.chart.jacobian(phi).transpose() * family.kl_gradient(target, theta);
        let direction = match method {
            Method::Plain => grad,
            Method::Natural => {
                let fisher = model.checked_fisher(phi);
                let inverse =
                    fisher
                        .and_then(scaled_inverse)
                        .map_err(|why| DescentError::Fisher {
                            chart: model.chart.name(),
                            at: k,
                            x: phi.x,
                            y: phi.y,
                            why,
                        })?;
                inverse * grad
            }
        };
        let next = phi - step * direction;
        if !model.contains(next) {
            return Err(diverges(k, "leaves the chart's domain"));
        }
        if loss(next) > loss(phi) + REACHED {
            return Err(diverges(k, "raises the loss"));
        }
        path.push(next);
        phi = next;
    }
    Ok(path)
}
