//! The charts of the Beta family; θ = (α, β). Each gives φ → θ, θ → φ and J = ∂θ/∂φ.

use super::ln_beta;
use crate::geometry::chart::{Canonical, Chart, Logarithmic, finite};
use crate::geometry::families::gamma::positive;
use crate::geometry::special::digamma;
use crate::geometry::{Family, Limits, Mat, Point};

/// (α, β): the canonical chart.
pub static ALPHA_BETA: Canonical = Canonical {
    name: "alpha-beta",
    labels: ["α", "β"],
    domain: "α > 0, β > 0",
    contains: positive,
    limits: Limits::of((0.5, 6.0), (0.5, 6.0)),
    grid: (4, 4),
};

/// (μ, κ) = (α/(α+β), α+β), mean and concentration: α = μκ, β = (1−μ)κ, so
/// J = [[κ, μ], [−κ, 1−μ]].
pub struct MeanConcentration;

impl Chart for MeanConcentration {
    fn name(&self) -> &'static str {
        "mean-concentration"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["μ = α/(α+β) (mean)", "κ = α+β (concentration)"]
    }
    fn domain(&self) -> &'static str {
        "0 < μ < 1, κ > 0"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.x > 0.0 && phi.x < 1.0 && phi.y > 0.0
    }
    fn theta(&self, phi: Point) -> Point {
        Point::new(phi.x * phi.y, (1.0 - phi.x) * phi.y)
    }
    fn phi(&self, theta: Point) -> Point {
        let k = theta.x + theta.y;
        Point::new(theta.x / k, k)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let (m, k) = (phi.x, phi.y);
        Mat::new(k, m, -k, 1.0 - m)
    }
    fn default_limits(&self) -> Limits {
        Limits::of((0.3, 0.7), (1.0, 11.0))
    }
    fn default_grid(&self) -> (usize, usize) {
        (8, 5)
    }
}

/// (ln α, ln β).
pub static LOG: Logarithmic = Logarithmic {
    labels: ["ln α", "ln β"],
    limits: Limits::of((0.0, 2.0), (0.0, 2.0)),
    grid: (7, 7),
};

/// The expectation parameters (u, v) = (E ln x, E ln(1−x)) = (ψ(α) − ψ(α+β), ψ(β) − ψ(α+β)),
/// the gradient of ln B(α, β): so ∂φ/∂θ = F and J = F⁻¹. Their domain is e^u + e^v < 1
/// (Jensen's inequality, and the image of a gradient of a strictly convex function). θ from
/// φ minimises the convex ln B(α, β) − αu − βv by Newton's method with backtracking.
pub struct Expectation;

impl Expectation {
    fn solve(phi: Point) -> Option<Point> {
        let objective = |t: Point| ln_beta(t.x, t.y) - t.dot(&phi);
        let gradient = |t: Point| {
            let s = digamma(t.x + t.y);
            Point::new(digamma(t.x) - s, digamma(t.y) - s) - phi
        };
        let newton = |t: Point| Some(super::Beta.fisher(t).try_inverse()? * gradient(t));
        let mut t = Point::new(1.0, 1.0);
        for _ in 0..200 {
            let step = newton(t)?;
            let now = objective(t);
            // Backtrack until the convex objective does not rise (to rounding).
            let mut lambda = 1.0;
            let next = loop {
                let cand = t - lambda * step;
                if positive(cand) && objective(cand) <= now + 1e-14 * now.abs().max(1.0) {
                    break cand;
                }
                lambda *= 0.5;
                if lambda < 1e-12 {
                    return None;
                }
            };
            let settled = (next - t)
                .iter()
                .zip(next.iter())
                .all(|(d, v)| d.abs() <= 1e-9 * v);
            if settled {
                // Newton converges quadratically: one more full step is exact to rounding.
                let last = next - newton(next)?;
                return positive(last).then_some(last);
            }
            t = next;
        }
        None
    }
}

impl Chart for Expectation {
    fn name(&self) -> &'static str {
        "expectation"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["E ln x", "E ln(1 − x)"]
    }
    fn domain(&self) -> &'static str {
        "e^(E ln x) + e^(E ln(1−x)) < 1"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi) && phi.x.exp() + phi.y.exp() < 1.0
    }
    fn theta(&self, phi: Point) -> Point {
        Self::solve(phi).unwrap_or(Point::new(f64::NAN, f64::NAN))
    }
    fn phi(&self, theta: Point) -> Point {
        let s = digamma(theta.x + theta.y);
        Point::new(digamma(theta.x) - s, digamma(theta.y) - s)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        let f = super::Beta.fisher(self.theta(phi));
        f.try_inverse().unwrap_or(Mat::from_element(f64::NAN))
    }
    fn default_limits(&self) -> Limits {
        Limits::of((-3.1, -0.9), (-3.1, -0.9))
    }
    fn default_grid(&self) -> (usize, usize) {
        (3, 3)
    }
}
