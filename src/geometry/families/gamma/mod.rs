//! The Gamma family Γ(k, β), density βᵏ xᵏ⁻¹ e^(−βx) / Γ(k), canonical parameters
//! θ = (k, β) = (shape, rate), and its six charts. No closed-form Fisher–Rao distance is
//! known: its balls are drawn by the exponential map, with the exact ∂F below.

mod charts;

use crate::geometry::Interval;
use crate::geometry::chart::Chart;
use crate::geometry::family::Support;
use crate::geometry::special::{digamma, ln_gamma, tetragamma, trigamma};
use rand_chacha::ChaCha8Rng;

use super::fit;
use crate::geometry::{Family, Mat, NoEstimate, Point};

pub(crate) static CHARTS: [&dyn Chart; 6] = [
    &charts::SHAPE_RATE,
    &charts::ShapeScale,
    &charts::ShapeMean,
    &charts::LOG,
    &charts::Natural,
    &charts::Expectation,
];

/// The Gamma family in (shape k, rate β), k > 0, β > 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gamma;

impl Family for Gamma {
    fn name(&self) -> &'static str {
        "gamma"
    }

    fn display_name(&self) -> String {
        "Gamma Γ(k, β)".to_string()
    }

    /// Balls of this family are wide in its charts: at L = 0.002 (r ≈ 0.063) every default
    /// view holds rows and columns of them.
    fn default_kl(&self) -> f64 {
        0.002
    }

    fn charts(&self) -> &'static [&'static dyn Chart] {
        &CHARTS
    }

    fn contains(&self, theta: Point) -> bool {
        crate::geometry::family::both_held_positive(theta)
    }
    /// βᵏ xᵏ⁻¹ e^(−βx) / Γ(k) for x > 0, written in logarithms; shown from 0 to the mean
    /// plus five standard deviations, (k + 5√k)/β.
    fn density(&self, theta: Point, x: f64) -> f64 {
        let (k, b) = (theta.x, theta.y);
        if x <= 0.0 {
            return 0.0;
        }
        (k * b.ln() + (k - 1.0) * x.ln() - b * x - ln_gamma(k)).exp()
    }
    fn support(&self, theta: Point) -> Support {
        let (k, b) = (theta.x, theta.y);
        Support::Line(Interval::new(0.0, (k + 5.0 * k.sqrt()) / b))
    }

    /// D(Γ(k₁,β₁) ‖ Γ(k₂,β₂)) = (k₁−k₂)ψ(k₁) − ln Γ(k₁) + ln Γ(k₂) + k₂ ln(β₁/β₂) +
    /// k₁(β₂−β₁)/β₁ (e.g. Penny, "KL-divergences of Normal, Gamma, Dirichlet and Wishart
    /// densities", 2001). With x = β₂/β₁ − 1 the rate terms are k₁(x − ln(1+x)) − (k₂−k₁) ln(1+x),
    /// which stay exact for nearby rates.
    fn kl(&self, theta1: Point, theta2: Point) -> f64 {
        let (k1, b1) = (theta1.x, theta1.y);
        let (k2, b2) = (theta2.x, theta2.y);
        let x = (b2 - b1) / b1;
        let l = x.ln_1p();
        (k1 - k2) * digamma(k1) - ln_gamma(k1) + ln_gamma(k2) + k1 * (x - l) - (k2 - k1) * l
    }

    /// Differentiating the KL above in (k₂, β₂): ∂/∂k₂ = ψ(k₂) − ψ(k₁) − ln(β₂/β₁),
    /// ∂/∂β₂ = k₁/β₁ − k₂/β₂.
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let (k1, b1) = (target.x, target.y);
        let (k2, b2) = (theta.x, theta.y);
        Point::new(
            digamma(k2) - digamma(k1) - ((b2 - b1) / b1).ln_1p(),
            k1 / b1 - k2 / b2,
        )
    }

    /// rand_distr's Gamma with shape k and scale 1/β (Marsaglia & Tsang).
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        fit::draw(rand_distr::Gamma::new(theta.x, 1.0 / theta.y), rng, out);
    }

    /// ln k̂ − ψ(k̂) = ln x̄ − mean ln x (> 0 unless all draws are equal, by Jensen), solved
    /// by [`shape_from_log_gap`]; then β̂ = k̂/x̄.
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        if xs.iter().any(|&x| !(x > 0.0 && x.is_finite())) {
            return Err(fit::NOT_A_DRAW);
        }
        if fit::all_equal(xs) {
            return Err(fit::EQUAL);
        }
        let m = fit::mean(xs, |x| x);
        let k = shape_from_log_gap(m.ln() - fit::mean(xs, f64::ln)).ok_or(fit::NOT_CONVERGED)?;
        let theta = Point::new(k, k / m);
        positive(theta).then_some(theta).ok_or(fit::NOT_CONVERGED)
    }

    /// F(k, β) = [[ψ′(k), −1/β], [−1/β, k/β²]] (shared/MATH.md).
    fn fisher(&self, theta: Point) -> Mat {
        let (k, b) = (theta.x, theta.y);
        Mat::new(trigamma(k), -1.0 / b, -1.0 / b, k / (b * b))
    }

    /// ∂F/∂k = [[ψ″(k), 0], [0, 1/β²]], ∂F/∂β = [[0, 1/β²], [1/β², −2k/β³]].
    fn fisher_derivatives(&self, theta: Point) -> [Mat; 2] {
        let (k, b) = (theta.x, theta.y);
        let b2 = 1.0 / (b * b);
        [
            Mat::new(tetragamma(k), 0.0, 0.0, b2),
            Mat::new(0.0, b2, b2, -2.0 * k * b2 / b),
        ]
    }
}

/// Both coordinates finite and positive.
pub(crate) fn positive(p: Point) -> bool {
    p.x.is_finite() && p.y.is_finite() && p.x > 0.0 && p.y > 0.0
}

/// The k > 0 with ln k − ψ(k) = s, for s > 0 (ln k − ψ(k) falls from ∞ to 0): Newton's
/// method in ln k from Minka's approximation k ≈ (3 − s + √((s − 3)² + 24s)) / (12s)
/// ("Estimating a Gamma distribution", 2002). None if s is not a positive number or the
/// iteration does not settle.
pub(crate) fn shape_from_log_gap(s: f64) -> Option<f64> {
    if !(s.is_finite() && s > 0.0) {
        return None;
    }
    let mut k = (3.0 - s + ((s - 3.0).powi(2) + 24.0 * s).sqrt()) / (12.0 * s);
    for _ in 0..50 {
        let f = k.ln() - digamma(k) - s;
        // d/d(ln k) of ln k − ψ(k) is 1 − kψ′(k) < 0.
        let step = f / (1.0 - k * trigamma(k));
        let next = k * (-step).exp();
        if !(next.is_finite() && next > 0.0) {
            return None;
        }
        if (next - k).abs() <= 1e-9 * k {
            // Newton converges quadratically: one more step is exact to rounding.
            let f = next.ln() - digamma(next) - s;
            let last = next * (-f / (1.0 - next * trigamma(next))).exp();
            return (last.is_finite() && last > 0.0).then_some(last);
        }
        k = next;
    }
    None
}
