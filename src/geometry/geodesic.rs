//! Fisher–Rao geodesics: in closed form where the family has one, otherwise by shooting
//! with the exponential map ([`super::shooting`]).
//!
//! Every location–scale family here (Gaussian, Cauchy, Student-t, and Weibull through the
//! Gumbel law of ln X) is a hyperbolic upper half-plane after an affine change of
//! coordinates (`families::location_scale::Metric`); its geodesics are vertical lines and
//! half-circles centred on the boundary (Costa, Santos & Strapasson 2015). Rather than the
//! half-circle's centre and radius (which run off to infinity as the geodesic turns vertical,
//! and lose every digit near it), the geodesic is built by isometries: z ↦ (z − x₁)/σ₁ takes
//! z₁ to i, a rotation about i takes the image of z₂ to i·e^d on the imaginary axis, whose
//! unit-speed geodesic is i·eˢ; the points are i·eˢ, s = 0..d, carried back. Every step is
//! well conditioned, vertical or not.

use nalgebra::Complex;
use thiserror::Error;

use super::{Family, Point, Typed, shooting};

/// Why a geodesic between two distributions cannot be drawn.
#[derive(Debug, Error, PartialEq)]
pub enum GeodesicError {
    #[error(
        "the geodesic from ({}, {}) to ({}, {}) leaves double precision",
        Typed(from.x), Typed(from.y), Typed(to.x), Typed(to.y)
    )]
    Unreachable { from: Point, to: Point },
    #[error("{0}")]
    Check(String),
    #[error(
        "no Fisher–Rao geodesic from ({}, {}) to ({}, {}) was found: shooting with the exponential map {}",
        Typed(from.x), Typed(from.y), Typed(to.x), Typed(to.y), missed(*miss, *steps)
    )]
    NoConvergence {
        from: Point,
        to: Point,
        miss: f64,
        steps: usize,
    },
}

/// How a shooting failed, for its message.
pub fn missed(miss: f64, steps: usize) -> String {
    if miss.is_finite() {
        format!(
            "missed the end by {} Fisher units at best ({steps} Newton steps a stage)",
            Typed(miss)
        )
    } else {
        "found only geodesics that leave the family's domain".to_string()
    }
}

impl GeodesicError {
    /// The same error told with the ends as the user gave them (points of a chart).
    pub fn at(self, from: Point, to: Point) -> Self {
        match self {
            Self::Unreachable { .. } => Self::Unreachable { from, to },
            Self::Check(why) => Self::Check(why),
            Self::NoConvergence { miss, steps, .. } => Self::NoConvergence {
                from,
                to,
                miss,
                steps,
            },
        }
    }
}

/// The geodesic from θ₁ to θ₂ (canonical) as `n` ≥ 2 points equally spaced in arc length,
/// ends exact, and its Fisher length: the family's closed form, or the converged shooting.
pub fn between(
    family: &dyn Family,
    from: Point,
    to: Point,
    n: usize,
) -> Result<Geodesic, GeodesicError> {
    family
        .verify(from)
        .and(family.verify(to))
        .map_err(GeodesicError::Check)?;
    match family.geodesic(from, to, n) {
        Some(g) => Ok(g),
        None if family.fisher_rao(from, from).is_some() => {
            Err(GeodesicError::Unreachable { from, to })
        }
        None => shot_geodesic(family, from, to, n),
    }
}

/// The Fisher–Rao distance between θ₁ and θ₂: the closed form, or the length of the
/// geodesic found by shooting.
pub fn distance(family: &dyn Family, from: Point, to: Point) -> Result<f64, GeodesicError> {
    match family.fisher_rao(from, to) {
        Some(d) => Ok(d),
        None => shooting::shoot(family, from, to)
            .map(|s| s.length)
            .map_err(|m| missed_between(from, to, m)),
    }
}

/// `n` ≥ 2 points of the geodesic from θ₁ to θ₂, equally spaced in arc length (a geodesic
/// keeps its speed, so equally spaced in t), ends exact.
fn shot_geodesic(
    family: &dyn Family,
    from: Point,
    to: Point,
    n: usize,
) -> Result<Geodesic, GeodesicError> {
    let shot = shooting::shoot(family, from, to).map_err(|m| missed_between(from, to, m))?;
    let stops: Vec<f64> = (1..n).map(|k| k as f64 / (n - 1) as f64).collect();
    let states = super::exp_map::geodesic(family, from, shot.velocity, &stops)
        .ok_or(GeodesicError::Unreachable { from, to })?;
    let mut points: Vec<Point> = std::iter::once(from)
        .chain(states.iter().map(|s| s.0))
        .collect();
    points[n - 1] = to;
    Ok(Geodesic {
        points,
        length: shot.length,
    })
}

/// A shooting's miss, told as the geodesic it was for.
fn missed_between(from: Point, to: Point, m: shooting::Missed) -> GeodesicError {
    GeodesicError::NoConvergence {
        from,
        to,
        miss: m.miss,
        steps: m.steps,
    }
}

/// A geodesic from θ₁ to θ₂, canonical: `n` points equally spaced in arc length (ends
/// included), and its Fisher length.
pub struct Geodesic {
    pub points: Vec<Point>,
    pub length: f64,
}

/// Hyperbolic distance in the upper half-plane: arccosh(1 + |z₁ − z₂|²/(2 y₁ y₂)), as
/// ln1p(q + √(q(q + 2))), exact for nearby points; q = ½|(z₁ − z₂)/√(y₁y₂)|², with the
/// root taken first so that no square or product leaves double precision (at heights 1e-200
/// y₁y₂ underflowed to 0, a distance 0/0).
pub fn half_plane_distance(z1: Complex<f64>, z2: Complex<f64>) -> f64 {
    let q = 0.5 * ((z1 - z2) / (z1.im.sqrt() * z2.im.sqrt())).norm_sqr();
    (q + (q * (q + 2.0)).sqrt()).ln_1p()
}

/// `n` points (n ≥ 2) equally spaced along the hyperbolic geodesic from z₁ to z₂ in the upper
/// half-plane, ends exact, and its hyperbolic length. Each half is carried from its own end,
/// so that a point's rounding is relative to its end's height: from z₁ alone, a geodesic
/// descending 40 units ended 1.7e-16 off in x at height 5e-18, 7 units of length too many.
pub fn half_plane(z1: Complex<f64>, z2: Complex<f64>, n: usize) -> (Vec<Complex<f64>>, f64) {
    let d = half_plane_distance(z1, z2);
    let (from_1, from_2) = (half_plane_path(z1, z2), half_plane_path(z2, z1));
    let last = (n - 1) as f64;
    let mut points: Vec<Complex<f64>> = (0..n)
        .map(|k| match 2 * k < n {
            true => from_1(d * k as f64 / last),
            false => from_2(d * (n - 1 - k) as f64 / last),
        })
        .collect();
    points[0] = z1;
    points[n - 1] = z2;
    (points, d)
}

/// The point at hyperbolic distance s from z₁ towards z₂.
fn half_plane_path(z1: Complex<f64>, z2: Complex<f64>) -> impl Fn(f64) -> Complex<f64> {
    let i = Complex::new(0.0, 1.0);
    // w₂: z₂ after the translation and scaling that take z₁ to i.
    let w = (z2 - z1.re) / z1.im;
    // The rotation about i, w ↦ (cw + s)/(−sw + c), sends w₂ to the imaginary axis when
    // tan 2θ = −2 Re w / (1 − |w|²); of the two such rotations (θ and θ + π/2), take the one
    // that sends it above i (to i·e^d rather than i·e^−d). (c, s) come from cos 2θ and sin 2θ
    // by the half-angle formulas, never through θ: sin_cos(π/2) gives c = 6e-17, not 0, and
    // a vertical geodesic of 59 units then wandered 3e-4 of its height sideways.
    let rotate = |(c, s): (f64, f64), w: Complex<f64>| (w * c + s) / (-w * s + c);
    let m = w.norm();
    // (cos 2θ, sin 2θ) up to a positive factor, divided by |w|² where |w|² would overflow.
    let (cos2, sin2) = match m > 1.0 {
        true => (1.0 / m / m - 1.0, -2.0 * (w.re / m) / m),
        false => (1.0 - m * m, -2.0 * w.re),
    };
    let h = cos2.hypot(sin2);
    let (cos2, sin2) = if h > 0.0 {
        (cos2 / h, sin2 / h)
    } else {
        (1.0, 0.0)
    };
    let cs = if cos2 >= 0.0 {
        let c = (0.5 * (1.0 + cos2)).sqrt();
        (c, sin2 / (2.0 * c))
    } else {
        let s = (0.5 * (1.0 - cos2)).sqrt().copysign(sin2);
        (sin2 / (2.0 * s), s)
    };
    let (c, s) = if rotate(cs, w).im >= 1.0 {
        cs
    } else {
        (-cs.1, cs.0)
    };
    // (c, s) and (−c, −s) are one map; c ≥ 0 keeps a vertical geodesic's exactly (1, 0).
    let (c, s) = if c < 0.0 { (-c, -s) } else { (c, s) };
    move |t: f64| z1.re + z1.im * rotate((c, -s), i * t.exp())
}
