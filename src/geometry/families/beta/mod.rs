//! The Beta family B(α, β), density x^(α−1) (1−x)^(β−1) / B(α, β) on (0, 1), canonical
//! parameters θ = (α, β), and its four charts. No closed-form Fisher–Rao distance is known:
//! its balls are drawn by the exponential map, with the exact ∂F below.

mod charts;

use crate::geometry::Interval;
use crate::geometry::chart::Chart;
use crate::geometry::families::gamma::positive;
use crate::geometry::family::Support;
use crate::geometry::special::{digamma, ln_gamma, tetragamma, trigamma};
use rand_chacha::ChaCha8Rng;

use super::fit;
use crate::geometry::{Family, Mat, NoEstimate, Point};

pub(crate) static CHARTS: [&dyn Chart; 4] = [
    &charts::ALPHA_BETA,
    &charts::MeanConcentration,
    &charts::LOG,
    &charts::Expectation,
];

/// The Beta family in (α, β), α > 0, β > 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct Beta;

/// ln B(α, β) = ln Γ(α) + ln Γ(β) − ln Γ(α + β).
pub(crate) fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

impl Family for Beta {
    fn name(&self) -> &'static str {
        "beta"
    }

    fn display_name(&self) -> String {
        "Beta B(α, β)".to_string()
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
    /// x^(α−1) (1−x)^(β−1) / B(α, β) on (0, 1), written in logarithms; shown on [0, 1].
    fn density(&self, theta: Point, x: f64) -> f64 {
        if x <= 0.0 || x >= 1.0 {
            return 0.0;
        }
        let (a, b) = (theta.x, theta.y);
        ((a - 1.0) * x.ln() + (b - 1.0) * (-x).ln_1p() - ln_beta(a, b)).exp()
    }
    fn support(&self, _theta: Point) -> Support {
        Support::Line(Interval::new(0.0, 1.0))
    }

    /// D(B(α₁,β₁) ‖ B(α₂,β₂)) = ln B(α₂,β₂) − ln B(α₁,β₁) + (α₁−α₂)ψ(α₁) + (β₁−β₂)ψ(β₁)
    /// + (α₂−α₁+β₂−β₁)ψ(α₁+β₁) (shared/MATH.md; Penny 2001, for the Dirichlet).
    fn kl(&self, theta1: Point, theta2: Point) -> f64 {
        let (a1, b1) = (theta1.x, theta1.y);
        let (a2, b2) = (theta2.x, theta2.y);
        ln_beta(a2, b2) - ln_beta(a1, b1)
            + (a1 - a2) * digamma(a1)
            + (b1 - b2) * digamma(b1)
            + (a2 - a1 + b2 - b1) * digamma(a1 + b1)
    }

    /// Differentiating the KL above in (α₂, β₂): ∂/∂α₂ = ψ(α₂) − ψ(α₂+β₂) − ψ(α₁) + ψ(α₁+β₁),
    /// and ∂/∂β₂ alike: the expectation of ln x (ln(1 − x)) under θ₂ minus under θ₁.
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let (a1, b1) = (target.x, target.y);
        let (a2, b2) = (theta.x, theta.y);
        let (s1, s2) = (digamma(a1 + b1), digamma(a2 + b2));
        Point::new(
            digamma(a2) - s2 - digamma(a1) + s1,
            digamma(b2) - s2 - digamma(b1) + s1,
        )
    }

    /// rand_distr's Beta (Cheng's algorithms).
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        fit::draw(rand_distr::Beta::new(theta.x, theta.y), rng, out);
    }

    /// Newton's method on the score equations ψ(α) − ψ(α+β) = mean ln x and
    /// ψ(β) − ψ(α+β) = mean ln(1 − x), whose Jacobian is F (an exponential family), from the
    /// moment estimates (α, β) = (m, 1 − m)·(m(1 − m)/v − 1).
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        if xs.iter().any(|&x| !(x > 0.0 && x < 1.0)) {
            return Err(fit::NOT_A_DRAW);
        }
        if fit::all_equal(xs) {
            return Err(fit::EQUAL);
        }
        let (l1, l2) = (fit::mean(xs, f64::ln), fit::mean(xs, |x| (-x).ln_1p()));
        let m = fit::mean(xs, |x| x);
        let c = m * (1.0 - m) / fit::mean(xs, |x| (x - m).powi(2)) - 1.0;
        let start = match c > 0.0 {
            true => Point::new(m * c, (1.0 - m) * c),
            false => Point::new(1.0, 1.0),
        };
        let loglik =
            |t: Point| positive(t).then(|| (t.x - 1.0) * l1 + (t.y - 1.0) * l2 - ln_beta(t.x, t.y));
        let step = |t: Point| {
            let s = digamma(t.x + t.y);
            let score = Point::new(l1 - digamma(t.x) + s, l2 - digamma(t.y) + s);
            fit::solve(self.fisher(t), score)
        };
        fit::ascend(start, loglik, step)
    }

    /// F = [[ψ′(α) − ψ′(α+β), −ψ′(α+β)], [−ψ′(α+β), ψ′(β) − ψ′(α+β)]]: the Hessian of
    /// ln B(α, β), the log-partition function.
    fn fisher(&self, theta: Point) -> Mat {
        let (a, b) = (theta.x, theta.y);
        let t = trigamma(a + b);
        Mat::new(trigamma(a) - t, -t, -t, trigamma(b) - t)
    }

    /// ∂F/∂α = [[ψ″(α) − ψ″(s), −ψ″(s)], [−ψ″(s), −ψ″(s)]] with s = α + β, and ∂F/∂β alike.
    fn fisher_derivatives(&self, theta: Point) -> [Mat; 2] {
        let (a, b) = (theta.x, theta.y);
        let t = tetragamma(a + b);
        [
            Mat::new(tetragamma(a) - t, -t, -t, -t),
            Mat::new(-t, -t, -t, tetragamma(b) - t),
        ]
    }
}
