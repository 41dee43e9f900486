//! The Jeffreys prior: density √det F(φ) in any chart (it transforms as a density, since
//! det F_φ = det(J)² det F_θ), and the prior mass of a ball, ∫_ball √det F dφ.
//!
//! A small ball at level L is nearly the ellipse ½ΔᵀFΔ = L, of area 2πL/√det F, so its mass
//! is about 2πL whatever its centre or chart: each ball carries the same prior mass.

use super::{Model, Point};

/// Jeffreys density √det F at φ, as s·√det(F/s) with s the largest entry: far out in a chart
/// det F leaves double precision (1/γ⁴ at γ = 1e150 underflows to 0; masses of 0.0 were
/// exported) while √det F does not.
pub fn density(model: &Model, phi: Point) -> f64 {
    let f = model.fisher(phi);
    let s = f.amax();
    if s == 0.0 || !s.is_finite() {
        return s;
    }
    s * (f / s).determinant().sqrt()
}

/// The relative precision a ball's Jeffreys mass is exported to: the fan rule's estimates with
/// 16 rings and with 8 must agree to a tenth of it, and the outline's polygon must miss the
/// curve's mass by less than it (measured against the polygon of every other point; that
/// miss is then removed by Richardson extrapolation).
pub const MASS_PRECISION: f64 = 1e-3;

/// Why a ball's Jeffreys mass has no value to [`MASS_PRECISION`].
#[derive(Debug, thiserror::Error, PartialEq)]
#[error(
    "the Jeffreys mass of the ball around ({}, {}) could not be computed to {MASS_PRECISION:e} relative in any chart of the family (√det F leaves double precision there, or the outline's points are too few for how it bends)",
    crate::number::Short(*x), crate::number::Short(*y)
)]
pub struct MassError {
    pub x: f64,
    pub y: f64,
}

/// The Jeffreys mass ∫_ball √det F of a ball (outline star-shaped about `centre`, points of
/// the model's chart), to [`MASS_PRECISION`]. The mass is the same in every chart, so where
/// the fan rule does not settle in the model's chart (a Gamma ball near k → 0 spans 14
/// decades of β in the shape-rate chart: 28.7 was exported where 2πL = 0.0126 is right), the
/// outline is carried into the family's other charts and the first where it settles is used.
pub fn ball_mass(model: &Model, centre: Point, outline: &[Point]) -> Result<f64, MassError> {
    if super::deadline::passed() {
        return Err(MassError {
            x: centre.x,
            y: centre.y,
        });
    }
    let settled = |m: &Model, c: Point, o: &[Point]| {
        let (coarse, fine) = (fan(m, c, o, 8), fan(m, c, o, 16));
        // The outline's polygon misses the curve's area by O(1/n²): the polygon of every other
        // point misses it by 4 times as much, which measures (and Richardson removes) it.
        let halved: Vec<Point> = o.iter().step_by(2).copied().collect();
        let half = fan(m, c, &halved, 16);
        let polygon = (fine - half) / 3.0;
        let settled = fine.is_finite()
            && fine > 0.0
            && (fine - coarse).abs() <= 0.1 * MASS_PRECISION * fine
            && polygon.abs() <= MASS_PRECISION * fine;
        settled.then_some(fine + polygon)
    };
    if let Some(m) = settled(model, centre, outline) {
        return Ok(m);
    }
    let to_theta = |p: Point| model.chart.theta(p);
    for &chart in model.family.charts() {
        let other = Model::new(model.family, chart);
        let c = chart.phi(to_theta(centre));
        let o: Vec<Point> = outline.iter().map(|&p| chart.phi(to_theta(p))).collect();
        let inside = std::iter::once(&c).chain(&o).all(|&p| other.contains(p));
        if let Some(m) = inside.then(|| settled(&other, c, &o)).flatten() {
            return Ok(m);
        }
    }
    Err(MassError {
        x: centre.x,
        y: centre.y,
    })
}

/// ∫ √det F over the region inside `outline` (star-shaped about `centre`): the fan of
/// triangles (centre, pₖ, pₖ₊₁), each cut into `rings` trapezoids by the lines at radii
/// i/rings, each integrated with the 3-point midpoint rule on its two triangles.
pub fn fan(model: &Model, centre: Point, outline: &[Point], rings: usize) -> f64 {
    let at = |a: Point, b: Point, s: f64, t: f64| centre + s * ((a - centre) + t * (b - a));
    let mut total = 0.0;
    for k in 0..outline.len() {
        let (a, b) = (outline[k], outline[(k + 1) % outline.len()]);
        for i in 0..rings {
            let (s0, s1) = (i as f64 / rings as f64, (i + 1) as f64 / rings as f64);
            let quad = [
                at(a, b, s0, 0.0),
                at(a, b, s1, 0.0),
                at(a, b, s1, 1.0),
                at(a, b, s0, 1.0),
            ];
            for tri in [[quad[0], quad[1], quad[2]], [quad[0], quad[2], quad[3]]] {
                total += triangle(model, tri);
            }
        }
    }
    total
}

/// The degree-2 midpoint rule on one triangle: area × mean of f at the edge midpoints.
fn triangle(model: &Model, [p, q, r]: [Point; 3]) -> f64 {
    let area = 0.5 * ((q - p).perp(&(r - p))).abs();
    if area == 0.0 {
        return 0.0;
    }
    let f = |x: Point| density(model, x);
    area * (f(0.5 * (p + q)) + f(0.5 * (q + r)) + f(0.5 * (r + p))) / 3.0
}

/// The relative precision a region's Jeffreys volume is computed to (and exported with).
pub const VOLUME_PRECISION: f64 = 1e-9;

/// Why a region's Jeffreys volume has no value to [`VOLUME_PRECISION`].
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum VolumeError {
    #[error(
        "the region's Jeffreys volume ∫√det F did not settle to {VOLUME_PRECISION:e} relative (the last two rules differ by {:.1e})",
        relative
    )]
    Unsettled { relative: f64 },
    #[error("the Jeffreys density is not finite inside the region")]
    NotFinite,
}

/// ∫ √det F over a rectangle of the chart, by tensor Gauss–Legendre rules of 16, 32, 64 and
/// 128 nodes a side until two in a row agree to [`VOLUME_PRECISION`] relative (the density
/// is analytic inside the domain, so the rules converge geometrically: the 256² midpoint
/// rule it replaces was 1.4e-4 off on σ² ∈ [0.25, 4]).
pub fn volume(model: &Model, limits: &super::Limits) -> Result<f64, VolumeError> {
    let mut last: Option<f64> = None;
    let mut relative = f64::INFINITY;
    for nodes in [16, 32, 64, 128] {
        let v = rule(model, limits, nodes);
        if !v.is_finite() {
            return Err(VolumeError::NotFinite);
        }
        if let Some(l) = last {
            relative = ((v - l) / v).abs();
            if relative <= VOLUME_PRECISION {
                return Ok(v);
            }
        }
        last = Some(v);
    }
    Err(VolumeError::Unsettled { relative })
}

/// The tensor Gauss–Legendre rule of `n` nodes a side on the rectangle (a node outside the
/// domain makes it NaN: the region must lie inside).
fn rule(model: &Model, limits: &super::Limits, n: usize) -> f64 {
    use gauss_quad::GaussLegendre;
    let Some(n) = std::num::NonZeroUsize::new(n) else {
        return f64::NAN;
    };
    let quad = GaussLegendre::new(n);
    let (x, y) = (limits.x, limits.y);
    quad.integrate(x.lo, x.hi, |a| {
        quad.integrate(y.lo, y.hi, |b| {
            let p = Point::new(a, b);
            match model.contains(p) {
                true => density(model, p),
                false => f64::NAN,
            }
        })
    })
}
