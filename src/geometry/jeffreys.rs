//! The Jeffreys prior: density √det F(φ) in any chart (it transforms as a density, since
//! det F_φ = det(J)² det F_θ), and the prior mass of a ball, ∫_ball √det F dφ.
//!
//! A small ball at level L is nearly the ellipse ½ΔᵀFΔ = L, of area 2πL/√det F, so its mass
//! is about 2πL whatever its centre or chart: each ball carries the same prior mass.

use super::{Model, Point};

/// Jeffreys density √det F at φ.
pub fn density(model: &Model, phi: Point) -> f64 {
    model.fisher(phi).determinant().sqrt()
}

/// ∫ √det F over the region inside `outline` (star-shaped about `centre`): the fan of
/// triangles (centre, pₖ, pₖ₊₁), each cut into `RINGS` trapezoids by the lines at radii
/// i/RINGS, each integrated with the 3-point midpoint rule on its two triangles.
pub fn mass(model: &Model, centre: Point, outline: &[Point]) -> f64 {
    const RINGS: usize = 8;
    let at = |a: Point, b: Point, s: f64, t: f64| centre + s * ((a - centre) + t * (b - a));
    let mut total = 0.0;
    for k in 0..outline.len() {
        let (a, b) = (outline[k], outline[(k + 1) % outline.len()]);
        for i in 0..RINGS {
            let (s0, s1) = (i as f64 / RINGS as f64, (i + 1) as f64 / RINGS as f64);
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

/// ∫ √det F over a rectangle of the chart: the midpoint rule on a 256 × 256 grid of cells
/// (cells outside the domain count 0).
pub fn volume(model: &Model, limits: &super::Limits) -> f64 {
    const N: usize = 256;
    let (dx, dy) = (limits.x.width() / N as f64, limits.y.width() / N as f64);
    let mut total = 0.0;
    for j in 0..N {
        for i in 0..N {
            let p = Point::new(
                limits.x.lo + (i as f64 + 0.5) * dx,
                limits.y.lo + (j as f64 + 0.5) * dy,
            );
            if model.contains(p) {
                total += density(model, p);
            }
        }
    }
    total * dx * dy
}
