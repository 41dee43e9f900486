//! The categorical family on three outcomes, p = (p₁, p₂, p₃ = 1 − p₁ − p₂), canonical
//! parameters θ = (p₁, p₂) in the open simplex, and its three charts. p ↦ 2√p maps the
//! simplex onto a sphere of radius 2, so its Fisher–Rao distance is closed form.

mod charts;

use crate::geometry::chart::Chart;
use crate::geometry::family::Support;
use crate::geometry::geodesic::Geodesic;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardUniform};

use crate::geometry::{Family, Mat, NoEstimate, Point};

pub(crate) static CHARTS: [&dyn Chart; 3] = [&charts::SIMPLEX, &charts::Logit, &charts::Sphere];

/// The categorical family on three outcomes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Categorical;

/// (p₁, p₂, p₃) from θ = (p₁, p₂).
fn probabilities(theta: Point) -> [f64; 3] {
    [theta.x, theta.y, 1.0 - theta.x - theta.y]
}

/// Whether θ = (p₁, p₂) lies in the open simplex: every pᵢ > 0.
pub(crate) fn in_simplex(theta: Point) -> bool {
    theta.x.is_finite() && theta.y.is_finite() && probabilities(theta).iter().all(|&p| p > 0.0)
}

impl Family for Categorical {
    fn name(&self) -> &'static str {
        "categorical"
    }

    fn display_name(&self) -> String {
        "categorical distribution on 3 outcomes".to_string()
    }

    /// Balls of this family are wide in its charts: at L = 0.002 (r ≈ 0.063) every default
    /// view holds rows and columns of them.
    fn default_kl(&self) -> f64 {
        0.002
    }

    fn charts(&self) -> &'static [&'static dyn Chart] {
        &CHARTS
    }

    /// In the open simplex, each probability held to full precision (normal).
    fn contains(&self, theta: Point) -> bool {
        in_simplex(theta) && probabilities(theta).iter().all(|p| p.is_normal())
    }
    /// The probability of outcome x ∈ {0, 1, 2}: p₁, p₂, p₃.
    fn density(&self, theta: Point, x: f64) -> f64 {
        match x {
            0.0 | 1.0 | 2.0 => probabilities(theta)[x as usize],
            _ => 0.0,
        }
    }
    fn support(&self, _theta: Point) -> Support {
        Support::Outcomes(3)
    }

    /// D(p ‖ q) = Σ pᵢ ln(pᵢ/qᵢ) = Σ pᵢ (xᵢ − ln(1 + xᵢ)) with xᵢ = (qᵢ − pᵢ)/pᵢ, since
    /// Σ pᵢ xᵢ = 0: every term is ≥ 0 and small for nearby p, q, so nothing cancels.
    fn kl(&self, theta1: Point, theta2: Point) -> f64 {
        let (p, q) = (probabilities(theta1), probabilities(theta2));
        p.iter()
            .zip(q)
            .map(|(&p, q)| {
                let x = (q - p) / p;
                p * (x - x.ln_1p())
            })
            .sum()
    }

    /// Differentiating Σ tᵢ ln(tᵢ/pᵢ) in (p₁, p₂), p₃ = 1 − p₁ − p₂: ∂/∂pᵢ = t₃/p₃ − tᵢ/pᵢ.
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let (t, p) = (probabilities(target), probabilities(theta));
        let last = t[2] / p[2];
        Point::new(last - t[0] / p[0], last - t[1] / p[1])
    }

    /// Outcome i with probability pᵢ: a uniform u ∈ [0, 1) against the cumulative sums.
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        let p = probabilities(theta);
        for x in out.iter_mut() {
            let u: f64 = StandardUniform.sample(rng);
            *x = if u < p[0] {
                0.0
            } else if u < p[0] + p[1] {
                1.0
            } else {
                2.0
            };
        }
    }

    /// p̂ᵢ = nᵢ/n, which lies on the simplex's edge, outside the family, when an outcome
    /// was never drawn.
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        let mut counts = [0usize; 3];
        for &x in xs {
            match x {
                0.0 | 1.0 | 2.0 => counts[x as usize] += 1,
                _ => return Err(NoEstimate("a draw is not an outcome 0, 1 or 2")),
            }
        }
        if counts.contains(&0) {
            return Err(NoEstimate(
                "an outcome was never drawn, which puts the estimate on the simplex's edge",
            ));
        }
        let n = xs.len() as f64;
        Ok(Point::new(counts[0] as f64 / n, counts[1] as f64 / n))
    }

    /// F = diag(1/p₁, 1/p₂) + (1/p₃) 𝟙𝟙ᵀ (the multinomial's, for one draw).
    fn fisher(&self, theta: Point) -> Mat {
        let [p1, p2, p3] = probabilities(theta);
        Mat::new(1.0 / p1, 0.0, 0.0, 1.0 / p2) + Mat::from_element(1.0 / p3)
    }

    /// d(p, q) = 2 arccos Σ √(pᵢqᵢ), the great-circle distance on the sphere of radius 2
    /// (Kass & Vos, *Geometrical Foundations of Asymptotic Inference*, 1997). From the chord
    /// c = |√p − √q|, d = 4 arcsin(c/2): exact for nearby points, where arccos is not.
    fn fisher_rao(&self, theta1: Point, theta2: Point) -> Option<f64> {
        let (p, q) = (probabilities(theta1), probabilities(theta2));
        let chord = p
            .iter()
            .zip(q)
            .map(|(&p, q)| (p.sqrt() - q.sqrt()).powi(2))
            .sum::<f64>()
            .sqrt();
        Some(4.0 * (0.5 * chord).min(1.0).asin())
    }

    /// The great circle from u₁ = √p to u₂ = √q on the unit sphere (then scaled by 2), at
    /// equal angles: u(t) = (sin((1 − t)Ω) u₁ + sin(tΩ) u₂)/sin Ω, Ω = 2 arcsin(|u₁ − u₂|/2),
    /// and p(t) = u(t)² (the slerp of Shoemake, 1985). Its length is 2Ω.
    fn geodesic(&self, theta1: Point, theta2: Point, n: usize) -> Option<Geodesic> {
        let (p, q) = (probabilities(theta1), probabilities(theta2));
        let (u1, u2) = (p.map(f64::sqrt), q.map(f64::sqrt));
        let chord = (0..3).map(|i| (u1[i] - u2[i]).powi(2)).sum::<f64>().sqrt();
        let omega = 2.0 * (0.5 * chord).min(1.0).asin();
        let at = |t: f64| {
            if omega == 0.0 {
                return theta1;
            }
            let (w1, w2) = (
                ((1.0 - t) * omega).sin() / omega.sin(),
                (t * omega).sin() / omega.sin(),
            );
            let u = |i: usize| w1 * u1[i] + w2 * u2[i];
            Point::new(u(0).powi(2), u(1).powi(2))
        };
        let mut points: Vec<Point> = (0..n).map(|k| at(k as f64 / (n - 1) as f64)).collect();
        points[0] = theta1;
        points[n - 1] = theta2;
        points.iter().all(|&t| in_simplex(t)).then_some(Geodesic {
            points,
            length: 2.0 * omega,
        })
    }
}
