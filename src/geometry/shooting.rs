//! Fisher–Rao geodesics where no closed form is known (Gamma, Beta): the boundary-value
//! problem "the geodesic from θ₁ that reaches θ₂ at t = 1" solved by shooting. Newton's
//! method finds the initial velocity v with exp_θ₁(v) = θ₂ (the exponential map of
//! [`super::exp_map`]), the Jacobian ∂exp/∂v by central differences; a step that overshoots
//! is halved. Ends far apart are reached by continuation: the target moves from θ₁ to θ₂
//! ([`towards`]: geometrically in positive parameters) in 1, 2, 4, … stages, each started
//! from the last stage's velocity. On the families here the curvature is negative, so the
//! geodesic between two points is unique and minimising: its length √(vᵀ F(θ₁) v) is the
//! Fisher–Rao distance.

use super::tolerance::{SHOOT_MAX_STAGES, SHOOT_MAX_STEPS, SHOOT_TOL};
use super::{Family, Mat, Point, exp_map};

/// A converged shot: the initial velocity at θ₁ and the geodesic's Fisher length.
#[derive(Debug, Clone, Copy)]
pub struct Shot {
    pub velocity: Point,
    pub length: f64,
}

/// The Fisher norm at θ of a displacement: how far, to first order, a miss is.
fn fisher_norm(family: &dyn Family, theta: Point, d: Point) -> f64 {
    d.dot(&(family.fisher(theta) * d)).max(0.0).sqrt()
}

/// Newton's method for exp_from(v) = to from v; Ok(v) once the miss is below
/// [`SHOOT_TOL`] (relative to 1 + |v|_F), Err(the last miss) otherwise.
fn newton(family: &dyn Family, from: Point, to: Point, mut v: Point) -> Result<Point, f64> {
    let miss = |v: Point| exp_map::exp(family, from, v).map(|e| to - e);
    let mut r = miss(v).ok_or(f64::INFINITY)?;
    for _ in 0..SHOOT_MAX_STEPS {
        let size = fisher_norm(family, from, v);
        let m = fisher_norm(family, to, r);
        if m <= SHOOT_TOL * (1.0 + size) {
            return Ok(v);
        }
        // ∂exp/∂v column by column; the step is small against v but far above the
        // integrator's tolerance.
        let h = 1e-6 * v.norm().max(1e-6 * from.norm()).max(1e-12);
        let column = |k: usize| {
            let mut e = Point::zeros();
            e[k] = h;
            Some(
                (exp_map::exp(family, from, v + e)? - exp_map::exp(family, from, v - e)?)
                    / (2.0 * h),
            )
        };
        let (c0, c1) = (column(0).ok_or(m)?, column(1).ok_or(m)?);
        let jacobian = Mat::from_columns(&[c0, c1]);
        let mut step = jacobian.try_inverse().ok_or(m)? * r;
        // Halve a step that leaves the domain or misses by more than it started.
        let mut accepted = None;
        for _ in 0..30 {
            if let Some(next) = miss(v + step)
                && fisher_norm(family, to, next) < m
            {
                accepted = Some(next);
                break;
            }
            step *= 0.5;
        }
        r = accepted.ok_or(m)?;
        v += step;
    }
    Err(fisher_norm(family, to, r))
}

/// The point a fraction t of the way from θ₁ to θ₂ for the continuation: geometric
/// (componentwise θ₁^(1−t) θ₂^t) where both are positive, as Gamma's and Beta's parameters
/// are, since distances there grow like logarithms of them (from 0.01 to 500, a straight
/// line's first 1/64 already goes 800 times its start); straight otherwise.
fn towards(from: Point, to: Point, t: f64) -> Point {
    Point::from_fn(|k, _| {
        let (a, b) = (from[k], to[k]);
        if a > 0.0 && b > 0.0 {
            a * (b / a).powf(t)
        } else {
            a + (b - a) * t
        }
    })
}

/// Why a shooting found no geodesic: how near it came (in Fisher units; infinite when every
/// geodesic it tried left the domain), after how many Newton steps a stage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Missed {
    pub miss: f64,
    pub steps: usize,
}

/// The geodesic from θ₁ to θ₂ by shooting: its initial velocity and length.
pub fn shoot(family: &dyn Family, from: Point, to: Point) -> Result<Shot, Missed> {
    let mut best = f64::INFINITY;
    let mut stages = 1;
    while stages <= SHOOT_MAX_STAGES && !super::deadline::passed() {
        let mut v = Point::zeros();
        let mut reached = true;
        for s in 1..=stages {
            let target = towards(from, to, s as f64 / stages as f64);
            // Start each stage from the last one's velocity, stretched to the new target.
            let guess = if s == 1 {
                target - from
            } else {
                v * (s as f64 / (s - 1) as f64)
            };
            match newton(family, from, target, guess) {
                Ok(found) => v = found,
                Err(miss) => {
                    best = best.min(miss);
                    reached = false;
                    break;
                }
            }
        }
        if reached {
            return Ok(Shot {
                velocity: v,
                length: fisher_norm(family, from, v),
            });
        }
        stages *= 2;
    }
    Err(Missed {
        miss: best,
        steps: SHOOT_MAX_STEPS,
    })
}
