//! What a statistical family must give for its balls to be drawn.

use rand_chacha::ChaCha8Rng;

use super::derivative;
use super::geodesic::Geodesic;
use super::{Chart, Interval, Mat, Point};

/// Where p_θ's outcomes lie, for drawing its density.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Support {
    /// The real line (or part of it); the interval shows the bulk of p_θ, where its density
    /// is worth drawing (each family says how much of the mass it holds).
    Line(Interval),
    /// The outcomes 0, 1, …, n − 1; the density is then the probability of each.
    Outcomes(usize),
}

/// Why a sample has no maximum-likelihood estimate in the family (it is reported, not drawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoEstimate(pub &'static str);

/// A two-parameter family p(x; θ) in its canonical parameters θ.
///
/// Everything else (Fisher matrices in other charts, balls, the exponential map) is derived
/// from these, so a new family is its KL, its Fisher matrix and its charts.
pub trait Family: Send + Sync {
    /// The name used on the command line (`--family`).
    fn name(&self) -> &'static str;
    /// A name for titles, e.g. "Gaussian N(μ, σ²)" or "Student-t (ν = 3)".
    fn display_name(&self) -> String;
    /// The family's parameter beyond the two drawn ones, for exports (Student-t's ν).
    fn nu(&self) -> Option<f64> {
        None
    }
    /// The KL level of the default figures: small enough that every chart's default view
    /// holds rows and columns of separate balls.
    fn default_kl(&self) -> f64 {
        0.01
    }
    /// The constants of a location–scale metric g = σ⁻² [[a, c], [c, b]] in the canonical
    /// (μ, σ), for the families that have one: a hyperbolic plane, where a Fisher–Rao ball is
    /// a Euclidean disc and `mml::cover` lays its rows exactly. None otherwise: rows of a
    /// locally flat metric are laid and checked with exact distances.
    fn half_plane(&self) -> Option<super::families::location_scale::Metric> {
        None
    }
    /// Every chart of the family; the first is its default.
    fn charts(&self) -> &'static [&'static dyn Chart];
    /// Whether θ is a valid parameter.
    fn contains(&self, theta: Point) -> bool;
    /// KL divergence D(p_θ₁ ‖ p_θ₂).
    fn kl(&self, theta1: Point, theta2: Point) -> f64;
    /// The density of p_θ at x, with respect to Lebesgue measure on a line, or to counting
    /// measure on outcomes (`Support::Outcomes`): there, the probability of outcome x.
    fn density(&self, theta: Point, x: f64) -> f64;
    /// Where p_θ's outcomes lie, for drawing [`Family::density`].
    fn support(&self, theta: Point) -> Support;
    /// Fills `out` with independent draws from p_θ (outcomes 0, 1, … for `Outcomes`), from
    /// the seeded generator: the same seed gives the same draws on every machine.
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]);
    /// The maximum-likelihood estimate θ̂ from draws, or why there is none (all draws equal,
    /// an outcome never drawn, an iteration that does not converge).
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate>;
    /// Fisher information matrix at θ, in the canonical parameters.
    fn fisher(&self, theta: Point) -> Mat;
    /// ∂F/∂θₖ for k = 1, 2, from which the Christoffel symbols of the exponential map follow.
    /// By default, central differences of [`Family::fisher`] extrapolated to an O(h⁶) error
    /// ([`derivative::central`]); families without a closed-form distance override it with
    /// exact derivatives.
    fn fisher_derivatives(&self, theta: Point) -> [Mat; 2] {
        derivative::partials(|p| self.fisher(p), theta)
    }
    /// F and ∂F together, as the exponential map asks for them (some 55 times an outline
    /// point): a family whose F is a quadrature answers from an interpolant between
    /// quadratures here, while [`Family::fisher`] stays the quadrature itself.
    fn fisher_with_derivatives(&self, theta: Point) -> (Mat, [Mat; 2]) {
        (self.fisher(theta), self.fisher_derivatives(theta))
    }
    /// Fisher–Rao geodesic distance, if the family has it in closed form; otherwise the
    /// Fisher–Rao ball is drawn by the exponential map.
    fn fisher_rao(&self, _theta1: Point, _theta2: Point) -> Option<f64> {
        None
    }
    /// The Fisher–Rao geodesic from θ₁ to θ₂ as `n` points equally spaced in arc length,
    /// if the family has it in closed form.
    fn geodesic(&self, _theta1: Point, _theta2: Point, _n: usize) -> Option<Geodesic> {
        None
    }
    /// ∇_θ D(p_target ‖ p_θ): the gradient of the KL from a target, the loss that gradient
    /// descent figures minimise. By default, central differences of [`Family::kl`]
    /// extrapolated to an O(h⁶) error (for a KL that is a quadrature, the quadrature
    /// differentiated); families with a closed-form KL override it with its derivative.
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        derivative::gradient(|t| self.kl(target, t), theta)
    }
    /// Checks the family at θ before anything is drawn there: a family from a formula
    /// checks that its density integrates to 1, its score has mean 0 and Bartlett's
    /// identity holds; the built-in families are right by construction.
    fn verify(&self, _theta: Point) -> Result<(), String> {
        Ok(())
    }
    /// The chart called `name`, if the family has one.
    fn chart(&self, name: &str) -> Option<&'static dyn Chart> {
        self.charts().iter().copied().find(|c| c.name() == name)
    }
}

/// A positive parameter that double precision holds to its full 53 bits: finite and normal
/// (a subnormal scale such as e^-733 = 1e-318 keeps 10 bits, so a point carried between
/// charts moved by 7e-6 in ln σ). A family's `contains` asks it of each positive parameter.
pub(crate) fn held_positive(v: f64) -> bool {
    v.is_normal() && v > 0.0
}

/// Both parameters held positive ([`held_positive`]): Gamma's (k, β), Beta's (α, β),
/// Weibull's (k, λ).
pub(crate) fn both_held_positive(theta: Point) -> bool {
    held_positive(theta.x) && held_positive(theta.y)
}
