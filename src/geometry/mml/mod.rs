//! Minimum message length: how many distinguishable distributions a region holds, as the
//! number K of Fisher–Rao balls of radius r that cover it. K and log₂ K bits count
//! distributions, not coordinates, so they do not depend on the chart the region is drawn in.
//!
//! The balls are laid in hexagonal rows ([`hexagonal`]), triangle by triangle, each row as
//! high as every triangle's three balls still share a point, which proves the triangle
//! covered; or in square rows ([`square`]) of bands, where those need fewer (r large against
//! the region). For the location–scale families (Gaussian, Cauchy, Student-t) a ball is a
//! Euclidean disc of the half-plane and both are exact: no point is left out, in exact
//! arithmetic. For the others the metric is taken as flat over each triangle or band, the
//! balls laid a little short of r, and the deepest hole measured afterwards with exact
//! distances ([`cover`]).

mod covering;
pub mod following;
pub mod hexagonal;
pub mod rows;
mod square;

pub use covering::{Covering, cover, rectangle};

use super::{Mat, Point};

/// Whether the disc reaches the closed polygon (its vertices in order): whether some edge
/// comes within `radius` of `centre`.
pub fn disc_meets_polygon(centre: Point, radius: f64, polygon: &[Point]) -> bool {
    let edges = polygon.iter().zip(polygon.iter().cycle().skip(1));
    edges.into_iter().any(|(&a, &b)| {
        let ab = b - a;
        let t = ((centre - a).dot(&ab) / ab.norm_squared()).clamp(0.0, 1.0);
        let nearest = if t.is_finite() { a + ab * t } else { a };
        (centre - nearest).norm() <= radius
    })
}

/// The polygon less its vertices that lie on the line through their neighbours (to 1e-12 of
/// the product of the edges' lengths): the same polygon, with as few edges as its shape
/// has. A rectangle of the mean-std chart sampled at 1600 points is its 4 corners, and
/// [`disc_meets_polygon`] took 99 % of refusing `mml --radius 0.001` (3 s) on the rest.
pub fn without_collinear(polygon: &[Point]) -> Vec<Point> {
    let n = polygon.len();
    if n < 4 {
        return polygon.to_vec();
    }
    (0..n)
        .filter(|&i| {
            let (a, b, c) = (polygon[(i + n - 1) % n], polygon[i], polygon[(i + 1) % n]);
            let (u, v) = (b - a, c - b);
            let cross = u.x * v.y - u.y * v.x;
            cross.abs() > 1e-12 * u.norm() * v.norm() || u.dot(&v) < 0.0
        })
        .map(|i| polygon[i])
        .collect()
}

/// The i-th term of the van der Corput sequence in `base` (the Halton sequence's coordinate):
/// points (h(i, 2), h(i, 3)) spread evenly over the unit square, with no seed to choose.
pub fn halton(mut i: usize, base: usize) -> f64 {
    let (mut f, mut x) = (1.0, 0.0);
    while i > 0 {
        f /= base as f64;
        x += f * (i % base) as f64;
        i /= base;
    }
    x
}

/// Points of the ball of Fisher radius r around c in the flat metric G: the ellipse
/// (p − c)ᵀ G (p − c) = r², `n` points, and its centre. None where G is not positive definite.
pub fn ellipse_points(c: Point, g: Mat, r: f64, n: usize) -> Option<Vec<Point>> {
    let l = g.cholesky()?.l();
    let inv_t = l.transpose().try_inverse()?;
    Some(
        (0..n)
            .map(|k| {
                let t = std::f64::consts::TAU * k as f64 / n as f64;
                c + inv_t * Point::new(r * t.cos(), r * t.sin())
            })
            .chain(std::iter::once(c))
            .collect(),
    )
}
