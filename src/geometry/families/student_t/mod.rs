//! Student's t family t_ν(μ, σ), density ∝ (1 + ((x − μ)/σ)²/ν)^(−(ν+1)/2) / σ, for a
//! fixed ν > 0, canonical parameters θ = (μ, σ), and its two charts. A location–scale
//! family with a = (ν+1)/(ν+3), b = 2ν/(ν+3), c = 0, so its Fisher–Rao distance is closed
//! form; its KL divergence is not, and is computed by Gauss–Jacobi quadrature.
//!
//! The quadrature: with x = μ₁ + σ₁√ν tan u, p₁(x) dx ∝ cos^(ν−1)(u) du on (−π/2, π/2), and
//! p₂/p₁ = (σ₁/σ₂) g(u)^(−(ν+1)/2) with g = cos²u + (a cos u + r sin u)², a = (μ₁−μ₂)/(σ₂√ν),
//! r = σ₁/σ₂: analytic and positive on the closed interval, tails included. With u = πv/2,
//! cos^(ν−1)(πv/2) = (1 − v²)^(ν−1) h(v)^(ν−1), h analytic, so Gauss–Jacobi with
//! α = β = ν − 1 integrates exactly the factor that is not smooth at the ends, and the rest
//! converges geometrically. D = E₁[ρ − 1 − ln ρ] with ρ = p₂/p₁: every term ≥ 0 (since
//! E₁ρ = 1), so nothing cancels for nearby distributions.

use gauss_quad::{FiniteAboveNegOneF64, GaussJacobi};
use std::num::NonZeroUsize;

use super::location_scale::{LocationLogScale, Metric};
use crate::geometry::Interval;
use crate::geometry::chart::{Canonical, Chart, positive_scale};
use crate::geometry::family::Support;
use crate::geometry::geodesic::Geodesic;
use crate::geometry::special::ln_gamma;
use rand_chacha::ChaCha8Rng;

use super::fit;
use crate::geometry::{Family, Limits, Mat, NoEstimate, Point};

/// Nodes of the quadrature: enough for the KL to about 1e-13 relative over the balls the
/// charts' views hold (tested against Cauchy's closed form at ν = 1 and the Gaussian's as
/// ν grows).
pub const NODES: usize = 96;
/// The degrees of freedom accepted: beyond 50 the quadrature's normaliser overflows, and
/// the family is within 1% of the Gaussian anyway (use `--family gaussian`).
pub const NU_MAX: f64 = 50.0;

static LOCATION_SCALE: Canonical = Canonical {
    name: "location-scale",
    labels: ["μ (location)", "σ (scale)"],
    domain: "σ > 0",
    contains: positive_scale,
    limits: Limits::of((-1.2, 1.2), (0.25, 1.6)),
    grid: (6, 5),
};

static LOCATION_LOGSCALE: LocationLogScale = LocationLogScale {
    name: "location-logscale",
    labels: ["μ (location)", "ln σ"],
    limits: Limits::of((-1.2, 1.2), (-1.0, 0.5)),
    grid: (6, 5),
};

pub(crate) static CHARTS: [&dyn Chart; 2] = [&LOCATION_SCALE, &LOCATION_LOGSCALE];

/// Student's t with ν degrees of freedom, in (location μ, scale σ).
#[derive(Debug, Clone)]
pub struct StudentT {
    nu: f64,
    /// (cos u, sin u, weight) at each node, the weights summing to 1.
    nodes: Vec<(f64, f64, f64)>,
}

impl StudentT {
    /// Student's t with `nu` degrees of freedom, 0 < ν ≤ [`NU_MAX`]; None otherwise.
    pub fn new(nu: f64) -> Option<Self> {
        if !(nu > 0.0 && nu <= NU_MAX) {
            return None;
        }
        let exponent = FiniteAboveNegOneF64::new(nu - 1.0)?;
        let rule = GaussJacobi::new(NonZeroUsize::new(NODES)?, exponent, exponent);
        let half_pi = std::f64::consts::FRAC_PI_2;
        let mut nodes: Vec<(f64, f64, f64)> = rule
            .iter()
            .map(|&(v, w)| {
                let (sin, cos) = (half_pi * v).sin_cos();
                // h(v)^(ν−1), h = cos(πv/2)/(1 − v²): the smooth part of the weight.
                let h = cos / ((1.0 - v) * (1.0 + v));
                (cos, sin, w * h.powf(nu - 1.0))
            })
            .collect();
        let total: f64 = nodes.iter().map(|n| n.2).sum();
        if !(total.is_finite() && total > 0.0) {
            return None;
        }
        nodes.iter_mut().for_each(|n| n.2 /= total);
        Some(Self { nu, nodes })
    }

    fn metric(&self) -> Metric {
        let nu = self.nu;
        Metric {
            a: (nu + 1.0) / (nu + 3.0),
            b: 2.0 * nu / (nu + 3.0),
            c: 0.0,
        }
    }
}

/// ρ − 1 − ln ρ for ρ = e^ℓ: ≥ 0, by its Taylor series where expm1(ℓ) − ℓ would cancel.
fn excess(l: f64) -> f64 {
    if l.abs() < 1e-2 {
        let mut term = l * l / 2.0;
        let mut sum = term;
        for n in 3..10 {
            term *= l / n as f64;
            sum += term;
        }
        sum
    } else {
        l.exp_m1() - l
    }
}

impl Family for StudentT {
    fn name(&self) -> &'static str {
        "student-t"
    }

    fn display_name(&self) -> String {
        format!("Student-t (ν = {})", self.nu)
    }

    fn nu(&self) -> Option<f64> {
        Some(self.nu)
    }

    /// L = 0.01·b/2: a ball's height in σ is then the Gaussian's at its default level, so
    /// the same views hold rows and columns of them for every ν.
    fn default_kl(&self) -> f64 {
        0.005 * self.metric().b
    }

    fn charts(&self) -> &'static [&'static dyn Chart] {
        &CHARTS
    }

    fn half_plane(&self) -> Option<Metric> {
        Some(self.metric())
    }

    fn contains(&self, theta: Point) -> bool {
        theta.x.is_finite() && crate::geometry::family::held_positive(theta.y)
    }
    /// Γ((ν+1)/2) / (Γ(ν/2) σ√(νπ)) (1 + z²/ν)^(−(ν+1)/2), z = (x − μ)/σ; shown on μ ± 8σ
    /// (92% of the mass at ν = 1, 99.5% at ν = 3, more for larger ν).
    fn density(&self, theta: Point, x: f64) -> f64 {
        let nu = self.nu;
        let z = (x - theta.x) / theta.y;
        let ln_c = ln_gamma((nu + 1.0) / 2.0)
            - ln_gamma(nu / 2.0)
            - 0.5 * (nu * std::f64::consts::PI).ln()
            - theta.y.ln();
        (ln_c - (nu + 1.0) / 2.0 * (z * z / nu).ln_1p()).exp()
    }
    fn support(&self, theta: Point) -> Support {
        Support::Line(Interval::new(
            theta.x - 8.0 * theta.y,
            theta.x + 8.0 * theta.y,
        ))
    }

    /// E₁[ρ − 1 − ln ρ] by the quadrature above, with
    /// g − 1 = (r² − 1) sin²u + a cos u (a cos u + 2r sin u) kept exact for nearby θ.
    fn kl(&self, theta1: Point, theta2: Point) -> f64 {
        let (s1, s2) = (theta1.y, theta2.y);
        let a = (theta1.x - theta2.x) / (s2 * self.nu.sqrt());
        let r = s1 / s2;
        let r2m1 = (s1 - s2) / s2 * (r + 1.0);
        let log_r = ((s1 - s2) / s2).ln_1p();
        let half = 0.5 * (self.nu + 1.0);
        self.nodes
            .iter()
            .map(|&(cos, sin, w)| {
                let g1 = r2m1 * sin * sin + a * cos * (a * cos + 2.0 * r * sin);
                w * excess(log_r - half * g1.ln_1p())
            })
            .sum()
    }

    /// The KL above differentiated at the standard distribution (0, 1), the target moved with
    /// it by x → (x − μ)/σ, which leaves KL unchanged: ∇_θ D = ∇ D(A t ‖ ·)(0, 1)/σ. The
    /// differences' steps are then of order 1 wherever σ is (at σ = 1e-250 a step of
    /// 2e-6 in σ itself crossed 0).
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let s = theta.y;
        let moved = Point::new((target.x - theta.x) / s, target.y / s);
        crate::geometry::derivative::gradient(|t| self.kl(moved, t), Point::new(0.0, 1.0)) / s
    }

    /// μ + σt, t from rand_distr's Student's t with ν degrees of freedom.
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        fit::draw(rand_distr::StudentT::new(self.nu), rng, out);
        out.iter_mut().for_each(|x| *x = theta.x + theta.y * *x);
    }

    /// Fisher scoring on ℓ = Σ −((ν+1)/2) ln(1 + r²/ν) − n ln σ, r = (x − μ)/σ, whose score
    /// per draw is ((ν+1) r/(ν + r²), (ν+1) r²/(ν + r²) − 1)/σ.
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        let nu = self.nu;
        fit::location_scale(
            xs,
            |r| -0.5 * (nu + 1.0) * (r * r / nu).ln_1p(),
            |r| {
                let w = (nu + 1.0) / (nu + r * r);
                Point::new(w * r, w * r * r - 1.0)
            },
            |s| self.metric().fisher(s),
        )
    }

    fn fisher(&self, theta: Point) -> Mat {
        self.metric().fisher(theta.y)
    }

    fn fisher_rao(&self, theta1: Point, theta2: Point) -> Option<f64> {
        Some(self.metric().distance(theta1, theta2))
    }

    fn geodesic(&self, theta1: Point, theta2: Point, n: usize) -> Option<Geodesic> {
        self.metric().geodesic(theta1, theta2, n)
    }
}
