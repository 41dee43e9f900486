//! The univariate Gaussian N(μ, σ²), canonical parameters θ = (μ, σ), and its six charts.

mod expectation;
mod information;
mod mean_var;
mod natural;

use super::location_scale::{LocationLogScale, Metric};
use crate::geometry::Interval;
use crate::geometry::chart::{Canonical, Chart, finite, positive_scale};
use crate::geometry::family::Support;
use crate::geometry::geodesic::Geodesic;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use super::fit;
use crate::geometry::{Family, Limits, Mat, NoEstimate, Point};

/// (μ, σ): the canonical chart.
static MEAN_STD: Canonical = Canonical {
    name: "mean-std",
    labels: ["μ", "σ"],
    domain: "σ > 0",
    contains: positive_scale,
    limits: Limits::of((-2.0, 2.0), (0.25, 1.6)),
    grid: (9, 5),
};

/// (μ, ln σ): every ball as tall as the next.
static MEAN_LOGSTD: LocationLogScale = LocationLogScale {
    name: "mean-logstd",
    labels: ["μ", "ln σ"],
    limits: Limits::of((-2.0, 2.0), (-1.0, 0.5)),
    grid: (9, 5),
};

/// The charts, in the order the help text lists them; mean-std is the default.
pub(crate) static CHARTS: [&dyn Chart; 6] = [
    &MEAN_STD,
    &mean_var::MeanVar,
    &MEAN_LOGSTD,
    &information::Information,
    &natural::Natural,
    &expectation::Expectation,
];

/// F = diag(1, 2)/σ²: a location–scale metric.
const METRIC: Metric = Metric {
    a: 1.0,
    b: 2.0,
    c: 0.0,
};

/// The univariate Gaussian family with canonical parameters (μ, σ), σ > 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gaussian;

impl Family for Gaussian {
    fn name(&self) -> &'static str {
        "gaussian"
    }

    fn half_plane(&self) -> Option<Metric> {
        Some(METRIC)
    }

    fn display_name(&self) -> String {
        "Gaussian N(μ, σ²)".to_string()
    }

    fn charts(&self) -> &'static [&'static dyn Chart] {
        &CHARTS
    }

    fn contains(&self, theta: Point) -> bool {
        theta.x.is_finite() && crate::geometry::family::held_positive(theta.y)
    }
    /// N(μ, σ²): e^(−z²/2) / (σ√(2π)), z = (x − μ)/σ; shown on μ ± 4σ (99.99%).
    fn density(&self, theta: Point, x: f64) -> f64 {
        let z = (x - theta.x) / theta.y;
        (-0.5 * z * z).exp() / (theta.y * (2.0 * std::f64::consts::PI).sqrt())
    }
    fn support(&self, theta: Point) -> Support {
        Support::Line(Interval::new(
            theta.x - 4.0 * theta.y,
            theta.x + 4.0 * theta.y,
        ))
    }

    /// D(N(μ₁,σ₁²) ‖ N(μ₂,σ₂²)) = ln(σ₂/σ₁) + (σ₁² + (μ₁−μ₂)²)/(2σ₂²) − ½.
    ///
    /// Written with x = (σ₁−σ₂)/σ₂ as ½x(x+2) − ln(1+x) + (μ₁−μ₂)²/(2σ₂²): the textbook
    /// form adds O(1) terms to get a small result; this one adds O(x) terms (with `ln_1p`),
    /// and costs one logarithm.
    fn kl(&self, theta1: Point, theta2: Point) -> f64 {
        let (m1, s1) = (theta1.x, theta1.y);
        let (m2, s2) = (theta2.x, theta2.y);
        let x = (s1 - s2) / s2;
        let dm = (m1 - m2) / s2;
        0.5 * x * (x + 2.0) - x.ln_1p() + 0.5 * dm * dm
    }

    /// μ + σz, z standard normal (rand_distr's ziggurat).
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        for x in out.iter_mut() {
            let z: f64 = StandardNormal.sample(rng);
            *x = theta.x + theta.y * z;
        }
    }

    /// μ̂ = x̄, σ̂² = Σ(x − x̄)²/n.
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        let m = fit::mean(xs, |x| x);
        let v = fit::mean(xs, |x| (x - m).powi(2));
        match v > 0.0 && m.is_finite() {
            true => Ok(Point::new(m, v.sqrt())),
            false => Err(fit::EQUAL),
        }
    }

    /// F(μ, σ) = diag(1/σ², 2/σ²) (e.g. Amari & Nagaoka, *Methods of Information Geometry*).
    fn fisher(&self, theta: Point) -> Mat {
        let v = theta.y * theta.y;
        Mat::new(1.0 / v, 0.0, 0.0, 2.0 / v)
    }

    /// The (μ/√2, σ) half-plane is hyperbolic with curvature −½ (Costa, Santos & Strapasson,
    /// "Fisher information distance: a geometrical reading", 2015):
    /// d = √2 · arccosh(1 + x), x = ((μ₁−μ₂)²/2 + (σ₁−σ₂)²) / (2σ₁σ₂): [`Metric::distance`].
    fn fisher_rao(&self, theta1: Point, theta2: Point) -> Option<f64> {
        Some(METRIC.distance(theta1, theta2))
    }

    /// With x = μ/√2 the metric is 2 (dx² + dσ²)/σ²: the location–scale metric a = 1, b = 2.
    fn geodesic(&self, theta1: Point, theta2: Point, n: usize) -> Option<Geodesic> {
        METRIC.geodesic(theta1, theta2, n)
    }

    /// Differentiating ln(σ/σₜ) + (σₜ² + (μₜ−μ)²)/(2σ²) − ½:
    /// ∂/∂μ = (μ − μₜ)/σ², ∂/∂σ = 1/σ − (σₜ² + (μ − μₜ)²)/σ³.
    /// Computed in units of σ (z = (μ − μₜ)/σ, r = σₜ/σ), so that no power of σ leaves
    /// double precision: ((z, 1 − r² − z²))/σ.
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let s = theta.y;
        let (z, r) = ((theta.x - target.x) / s, target.y / s);
        Point::new(z, 1.0 - r * r - z * z) / s
    }
}
