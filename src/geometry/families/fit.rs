//! What the families' maximum-likelihood fits share: sample summaries, and an ascent of
//! the log-likelihood (Newton or Fisher scoring, each step halved until the likelihood
//! rises) with a convergence check.

use rand_chacha::ChaCha8Rng;
use rand_distr::Distribution;

use crate::geometry::family::NoEstimate;
use crate::geometry::{Mat, Point};

/// Fills `out` with draws of `d`; with NaN if `d` could not be made (θ outside the domain,
/// which the command line refuses before): the fit then reports no estimate.
pub fn draw<D: Distribution<f64>, E>(d: Result<D, E>, rng: &mut ChaCha8Rng, out: &mut [f64]) {
    match d {
        Ok(d) => out.iter_mut().for_each(|x| *x = d.sample(rng)),
        Err(_) => out.fill(f64::NAN),
    }
}

/// The mean of f over the sample.
pub fn mean(xs: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    xs.iter().map(|&x| f(x)).sum::<f64>() / xs.len() as f64
}

/// The median and half the interquartile range: a robust start for location–scale fits.
pub fn median_and_spread(xs: &[f64]) -> (f64, f64) {
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let at = |q: f64| s[((s.len() - 1) as f64 * q).round() as usize];
    (at(0.5), 0.5 * (at(0.75) - at(0.25)))
}

/// All draws the same number: no family here has an estimate then.
pub fn all_equal(xs: &[f64]) -> bool {
    xs.iter().all(|&x| x == xs[0])
}

pub const NOT_A_DRAW: NoEstimate =
    NoEstimate("a draw fell on the edge of the support to double precision");
pub const EQUAL: NoEstimate = NoEstimate("all draws are equal");
pub const NOT_CONVERGED: NoEstimate = NoEstimate("the likelihood's ascent did not converge");

/// Maximises a log-likelihood ℓ from `start`: each step is `step(θ)` = H⁻¹∇ℓ (Newton) or
/// F⁻¹∇ℓ/n (scoring), halved until ℓ rises (ℓ is None outside the domain); done when a
/// full step moves θ by less than 1e-10 relative (far below the estimate's own spread,
/// 1/√n; closer, ℓ's changes drown in its rounding), or when no halving raises ℓ. At most
/// 200 steps.
pub fn ascend(
    start: Point,
    loglik: impl Fn(Point) -> Option<f64>,
    step: impl Fn(Point) -> Option<Point>,
) -> Result<Point, NoEstimate> {
    let mut theta = start;
    let mut l = loglik(theta).ok_or(NOT_CONVERGED)?;
    for _ in 0..200 {
        let full = step(theta).ok_or(NOT_CONVERGED)?;
        if full.norm() <= 1e-10 * theta.norm().max(1e-300) {
            return Ok(theta);
        }
        let mut s = full;
        let mut moved = false;
        for _ in 0..60 {
            if let Some(next) = loglik(theta + s)
                && next > l
            {
                theta += s;
                l = next;
                moved = true;
                break;
            }
            s *= 0.5;
        }
        if !moved {
            // No halving of the step raises ℓ: θ is its maximum to rounding (the score's
            // own rounding, some 1e-10 for heavy-tailed draws, leaves a step that does not).
            return Ok(theta);
        }
    }
    Err(NOT_CONVERGED)
}

/// M⁻¹ v, None where M is singular.
pub fn solve(m: Mat, v: Point) -> Option<Point> {
    m.try_inverse().map(|i| i * v)
}

/// Fisher scoring for a location–scale family with Fisher matrix `fisher(σ)` and per-draw
/// score `score(r, σ)` at r = (x − μ)/σ: from the median and half the interquartile range.
pub fn location_scale(
    xs: &[f64],
    loglik: impl Fn(f64) -> f64,
    score: impl Fn(f64) -> Point,
    fisher: impl Fn(f64) -> Mat,
) -> Result<Point, NoEstimate> {
    if xs.iter().any(|x| !x.is_finite()) {
        return Err(NOT_A_DRAW);
    }
    let (median, spread) = median_and_spread(xs);
    if spread.is_nan() || spread <= 0.0 {
        return Err(NoEstimate("half the draws or more are equal"));
    }
    let ll = |t: Point| {
        (t.y > 0.0 && t.x.is_finite() && t.y.is_finite()).then(|| {
            xs.iter().map(|&x| loglik((x - t.x) / t.y)).sum::<f64>() - xs.len() as f64 * t.y.ln()
        })
    };
    let step = |t: Point| {
        let s = xs.iter().map(|&x| score((x - t.x) / t.y)).sum::<Point>() / (xs.len() as f64 * t.y);
        solve(fisher(t.y), s)
    };
    ascend(Point::new(median, spread), ll, step)
}
