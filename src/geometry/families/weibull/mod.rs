//! The Weibull family W(k, λ), density (k/λ)(x/λ)^(k−1) e^(−(x/λ)^k), canonical parameters
//! θ = (k, λ), and its two charts. ln X is Gumbel (for minima) with location m = ln λ and
//! scale s = 1/k; KL and Fisher–Rao distances do not change under x ↦ ln x, so Weibull's
//! geometry is that location–scale family's: g = s⁻²[[1, c], [c, b]] in (m, s) with
//! b = (1−γ)² + π²/6 and c = 1 − γ (the maximum's Gumbel has c = γ − 1, shared/MATH.md;
//! reflecting x flips its sign), γ Euler's constant.

use super::location_scale::Metric;
use crate::geometry::Interval;
use crate::geometry::chart::{Canonical, Chart, finite};
use crate::geometry::family::Support;
use crate::geometry::geodesic::Geodesic;
use crate::geometry::special::{digamma, ln_gamma};
use rand_chacha::ChaCha8Rng;

use super::fit;
use crate::geometry::{Family, Limits, Mat, NoEstimate, Point};

/// Euler's constant γ.
const EULER: f64 = 0.577_215_664_901_532_9;

/// The Gumbel (minimum) metric constants in (location, scale).
fn gumbel() -> Metric {
    let c = 1.0 - EULER;
    Metric {
        a: 1.0,
        b: c * c + std::f64::consts::PI.powi(2) / 6.0,
        c,
    }
}

pub(crate) static CHARTS: [&dyn Chart; 2] = [&SHAPE_SCALE, &Gumbel];

/// (k, λ): the canonical chart.
static SHAPE_SCALE: Canonical = Canonical {
    name: "shape-scale",
    labels: ["k (shape)", "λ (scale)"],
    domain: "k > 0, λ > 0",
    contains: crate::geometry::families::gamma::positive,
    limits: Limits::of((2.0, 8.0), (0.65, 1.5)),
    grid: (3, 5),
};

/// The Weibull family in (shape k, scale λ), k > 0, λ > 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct Weibull;

impl Family for Weibull {
    fn name(&self) -> &'static str {
        "weibull"
    }

    fn display_name(&self) -> String {
        "Weibull W(k, λ)".to_string()
    }

    fn charts(&self) -> &'static [&'static dyn Chart] {
        &CHARTS
    }

    fn contains(&self, theta: Point) -> bool {
        crate::geometry::family::both_held_positive(theta)
    }
    /// (k/λ)(x/λ)^(k−1) e^(−(x/λ)^k) for x > 0; shown from 0 to the 99.9% quantile,
    /// λ (ln 1000)^(1/k).
    fn density(&self, theta: Point, x: f64) -> f64 {
        let (k, l) = (theta.x, theta.y);
        if x <= 0.0 {
            return 0.0;
        }
        let t = x / l;
        (k / l) * ((k - 1.0) * t.ln() - t.powf(k)).exp()
    }
    fn support(&self, theta: Point) -> Support {
        let (k, l) = (theta.x, theta.y);
        Support::Line(Interval::new(0.0, l * 1000f64.ln().powf(1.0 / k)))
    }

    /// Bauckhage, "Computing the Kullback–Leibler divergence between two Weibull
    /// distributions" (arXiv:1310.3713):
    /// D = ln(k₁/λ₁^k₁) − ln(k₂/λ₂^k₂) + (k₁ − k₂)(ln λ₁ − γ/k₁) + (λ₁/λ₂)^k₂ Γ(k₂/k₁ + 1) − 1.
    /// With ρ = k₂/k₁ and u = k₂ ln(λ₁/λ₂) that is −ln ρ − u − γ(1 − ρ) + expm1(u + ln Γ(1 + ρ)).
    fn kl(&self, theta1: Point, theta2: Point) -> f64 {
        let (k1, l1) = (theta1.x, theta1.y);
        let (k2, l2) = (theta2.x, theta2.y);
        let rho = k2 / k1;
        let u = k2 * ((l1 - l2) / l2).ln_1p();
        -((k2 - k1) / k1).ln_1p() - u - EULER * (1.0 - rho) + (u + ln_gamma(1.0 + rho)).exp_m1()
    }

    /// Differentiating the KL above in (k₂, λ₂), with ρ = k₂/k₁ and
    /// E = (λ₁/λ₂)^k₂ Γ(1 + ρ): ∂/∂k₂ = −1/k₂ − ln(λ₁/λ₂) + γ/k₁ + E (ln(λ₁/λ₂) + ψ(1 + ρ)/k₁),
    /// ∂/∂λ₂ = (k₂/λ₂)(1 − E).
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let (k1, l1) = (target.x, target.y);
        let (k2, l2) = (theta.x, theta.y);
        let rho = k2 / k1;
        let log_ratio = ((l1 - l2) / l2).ln_1p();
        let e = (k2 * log_ratio + ln_gamma(1.0 + rho)).exp();
        Point::new(
            -1.0 / k2 - log_ratio + EULER / k1 + e * (log_ratio + digamma(1.0 + rho) / k1),
            k2 / l2 * (1.0 - e),
        )
    }

    /// rand_distr's Weibull (λ (−ln u)^(1/k)).
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        fit::draw(rand_distr::Weibull::new(theta.y, theta.x), rng, out);
    }

    /// The shape solves h(k) = Σ xᵏ ln x / Σ xᵏ − 1/k − mean ln x = 0, where h rises from −∞
    /// to max ln x − mean ln x > 0 (h′ = the xᵏ-weighted variance of ln x + 1/k²): Newton's
    /// method kept inside a bracket, bisecting when it leaves it; then λ̂ = (mean xᵏ)^(1/k)
    /// (e.g. Johnson, Kotz & Balakrishnan, *Continuous Univariate Distributions* 1, ch. 21).
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        if xs.iter().any(|&x| !(x > 0.0 && x.is_finite())) {
            return Err(fit::NOT_A_DRAW);
        }
        if fit::all_equal(xs) {
            return Err(fit::EQUAL);
        }
        let y: Vec<f64> = xs.iter().map(|x| x.ln()).collect();
        let (top, mean) = (
            y.iter().copied().fold(f64::MIN, f64::max),
            fit::mean(&y, |v| v),
        );
        // Weights e^{k(y − max y)} ≤ 1: no overflow for any k. Returns (h, h′, ln mean xᵏ − k max y).
        let h = |k: f64| {
            let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
            for &v in &y {
                let w = (k * (v - top)).exp();
                (s0, s1, s2) = (s0 + w, s1 + w * v, s2 + w * v * v);
            }
            let m1 = s1 / s0;
            let var = (s2 / s0 - m1 * m1).max(0.0);
            (
                m1 - 1.0 / k - mean,
                var + 1.0 / (k * k),
                (s0 / y.len() as f64).ln(),
            )
        };
        let k = weibull_shape(|k| {
            let (v, d, _) = h(k);
            (v, d)
        })
        .ok_or(fit::NOT_CONVERGED)?;
        let lambda = (top + h(k).2 / k).exp();
        let theta = Point::new(k, lambda);
        crate::geometry::families::gamma::positive(theta)
            .then_some(theta)
            .ok_or(fit::NOT_CONVERGED)
    }

    /// F = Aᵀ G A with G = k²[[1, c], [c, b]] the Gumbel metric at s = 1/k and
    /// A = ∂(m, s)/∂(k, λ) = [[0, 1/λ], [−1/k², 0]]: F = [[b/k², −c/λ], [−c/λ, k²/λ²]].
    fn fisher(&self, theta: Point) -> Mat {
        let (k, l) = (theta.x, theta.y);
        let g = gumbel();
        Mat::new(g.b / (k * k), -g.c / l, -g.c / l, (k / l).powi(2))
    }

    fn fisher_rao(&self, theta1: Point, theta2: Point) -> Option<f64> {
        Some(gumbel().distance(Gumbel.phi(theta1), Gumbel.phi(theta2)))
    }

    /// The Gumbel half-plane's geodesic, carried back from (m, s).
    fn geodesic(&self, theta1: Point, theta2: Point, n: usize) -> Option<Geodesic> {
        let g = gumbel().geodesic(Gumbel.phi(theta1), Gumbel.phi(theta2), n)?;
        let mut points: Vec<Point> = g.points.iter().map(|&p| Gumbel.theta(p)).collect();
        points[0] = theta1;
        points[n - 1] = theta2;
        points
            .iter()
            .all(|&p| crate::geometry::families::gamma::positive(p))
            .then_some(Geodesic {
                points,
                length: g.length,
            })
    }
}

/// The Gumbel location and scale of ln X, (m, s) = (ln λ, 1/k): θ = (1/s, eᵐ), so
/// J = [[0, −1/s²], [eᵐ, 0]].
pub struct Gumbel;

impl Chart for Gumbel {
    fn name(&self) -> &'static str {
        "gumbel"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["m = ln λ", "s = 1/k"]
    }
    fn domain(&self) -> &'static str {
        "s = 1/k > 0"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.y > 0.0
    }
    fn theta(&self, phi: Point) -> Point {
        Point::new(phi.y.recip(), phi.x.exp())
    }
    fn phi(&self, theta: Point) -> Point {
        Point::new(theta.y.ln(), theta.x.recip())
    }
    fn jacobian(&self, phi: Point) -> Mat {
        Mat::new(0.0, -1.0 / (phi.y * phi.y), phi.x.exp(), 0.0)
    }
    fn default_limits(&self) -> Limits {
        Limits::of((-0.7, 0.7), (0.2, 0.9))
    }
    fn default_grid(&self) -> (usize, usize) {
        (5, 4)
    }
}

/// The root of an increasing h (given with h′) on (0, ∞) that is negative near 0 and
/// positive far out: a bracket found by halving and doubling from 1, then Newton steps,
/// bisecting (geometrically) when one leaves the bracket. None if no bracket or no
/// convergence in 200 steps.
fn weibull_shape(h: impl Fn(f64) -> (f64, f64)) -> Option<f64> {
    let (mut lo, mut hi) = (1.0, 1.0);
    for _ in 0..1100 {
        if h(lo).0 < 0.0 {
            break;
        }
        lo *= 0.5;
    }
    for _ in 0..1100 {
        if h(hi).0 > 0.0 {
            break;
        }
        hi *= 2.0;
    }
    if !(h(lo).0 < 0.0 && h(hi).0 > 0.0) {
        return None;
    }
    let mut k = (lo * hi).sqrt();
    for _ in 0..200 {
        let (v, d) = h(k);
        if v == 0.0 {
            return Some(k);
        }
        if v < 0.0 {
            lo = k
        } else {
            hi = k
        }
        let newton = k - v / d;
        let next = if newton > lo && newton < hi {
            newton
        } else {
            (lo * hi).sqrt()
        };
        if (next - k).abs() <= 1e-14 * k || hi - lo <= 1e-15 * hi {
            return Some(next);
        }
        k = next;
    }
    None
}
