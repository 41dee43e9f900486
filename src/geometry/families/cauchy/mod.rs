//! The Cauchy family C(x₀, γ), density γ / (π(γ² + (x − x₀)²)), canonical parameters
//! θ = (x₀, γ), and its two charts. A location–scale family with a = b = ½, c = 0: the
//! half-plane of curvature −2.

use super::location_scale::{LocationLogScale, Metric};
use crate::geometry::Interval;
use crate::geometry::chart::{Canonical, Chart, positive_scale};
use crate::geometry::family::Support;
use crate::geometry::geodesic::Geodesic;
use rand_chacha::ChaCha8Rng;

use super::fit;
use crate::geometry::{Family, Limits, Mat, NoEstimate, Point};

const METRIC: Metric = Metric {
    a: 0.5,
    b: 0.5,
    c: 0.0,
};

static LOCATION_SCALE: Canonical = Canonical {
    name: "location-scale",
    labels: ["x₀ (location)", "γ (scale)"],
    domain: "γ > 0",
    contains: positive_scale,
    limits: Limits::of((-1.4, 1.4), (0.25, 1.6)),
    grid: (9, 5),
};

static LOCATION_LOGSCALE: LocationLogScale = LocationLogScale {
    name: "location-logscale",
    labels: ["x₀ (location)", "ln γ"],
    limits: Limits::of((-1.4, 1.4), (-1.0, 0.5)),
    grid: (9, 5),
};

pub(crate) static CHARTS: [&dyn Chart; 2] = [&LOCATION_SCALE, &LOCATION_LOGSCALE];

/// The Cauchy family in (location x₀, scale γ), γ > 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cauchy;

impl Family for Cauchy {
    fn name(&self) -> &'static str {
        "cauchy"
    }

    fn display_name(&self) -> String {
        "Cauchy C(x₀, γ)".to_string()
    }

    /// L = 0.0025 (r ≈ 0.071): balls as tall as the Gaussian's at its default level, so the
    /// same views hold rows and columns of them.
    fn default_kl(&self) -> f64 {
        0.0025
    }

    fn charts(&self) -> &'static [&'static dyn Chart] {
        &CHARTS
    }

    fn contains(&self, theta: Point) -> bool {
        theta.x.is_finite() && crate::geometry::family::held_positive(theta.y)
    }
    /// γ / (π(γ² + (x − x₀)²)); shown on x₀ ± 10γ: (2/π) atan 10
    /// = 94% of the mass (its tails are heavy).
    fn density(&self, theta: Point, x: f64) -> f64 {
        let (x0, g) = (theta.x, theta.y);
        g / (std::f64::consts::PI * (g * g + (x - x0) * (x - x0)))
    }
    fn support(&self, theta: Point) -> Support {
        Support::Line(Interval::new(
            theta.x - 10.0 * theta.y,
            theta.x + 10.0 * theta.y,
        ))
    }

    /// D(C(x₁,γ₁) ‖ C(x₂,γ₂)) = ln(((γ₁+γ₂)² + (x₁−x₂)²)/(4γ₁γ₂))
    /// = ln(1 + ((γ₁−γ₂)² + (x₁−x₂)²)/(4γ₁γ₂)), symmetric (Chyzak & Nielsen, 2019).
    ///
    /// Written as ln(1 + h²), h = |θ₁ − θ₂| / (2√γ₁√γ₂), so that no square leaves double
    /// precision: γ₁γ₂ underflows to 0 at γ = 1e-200 (0/0) and overflows at 1e200; past
    /// h = 1e150, ln(1 + h²) = 2 ln h to rounding.
    fn kl(&self, theta1: Point, theta2: Point) -> f64 {
        let g = 2.0 * theta1.y.sqrt() * theta2.y.sqrt();
        let h = ((theta1.x - theta2.x) / g).hypot((theta1.y - theta2.y) / g);
        match h > 1e150 {
            true => 2.0 * h.ln(),
            false => (h * h).ln_1p(),
        }
    }

    /// Differentiating the KL above in (x₂, γ₂), with N = (γ₁+γ₂)² + (x₁−x₂)²:
    /// ∂/∂x₂ = 2(x₂ − x₁)/N, ∂/∂γ₂ = 2(γ₁ + γ₂)/N − 1/γ₂; computed in units of γ₂
    /// (N′ = N/γ₂²), which keeps N in double precision wherever γ₂ and 1/γ₂ are.
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let (a, dx) = (target.y / theta.y + 1.0, (theta.x - target.x) / theta.y);
        let n = a.hypot(dx).powi(2);
        Point::new(2.0 * dx / n, 2.0 * a / n - 1.0) / theta.y
    }

    /// rand_distr's Cauchy (x₀ + γ tan(π(u − ½))).
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        fit::draw(rand_distr::Cauchy::new(theta.x, theta.y), rng, out);
    }

    /// Fisher scoring on ℓ = Σ −ln(1 + r²) − n ln γ, r = (x − x₀)/γ, whose score per draw
    /// is (2r, r² − 1)/(γ(1 + r²)); the maximum is unique for n ≥ 3 unless half the draws
    /// coincide (Copas, "On the unimodality of the likelihood for the Cauchy distribution",
    /// 1975).
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        fit::location_scale(
            xs,
            |r| -(r * r).ln_1p(),
            |r| Point::new(2.0 * r, r * r - 1.0) / (1.0 + r * r),
            |s| METRIC.fisher(s),
        )
    }

    /// F = diag(1, 1)/(2γ²).
    fn fisher(&self, theta: Point) -> Mat {
        METRIC.fisher(theta.y)
    }

    fn half_plane(&self) -> Option<Metric> {
        Some(METRIC)
    }

    fn fisher_rao(&self, theta1: Point, theta2: Point) -> Option<f64> {
        Some(METRIC.distance(theta1, theta2))
    }

    fn geodesic(&self, theta1: Point, theta2: Point, n: usize) -> Option<Geodesic> {
        METRIC.geodesic(theta1, theta2, n)
    }
}
