//! Helpers the geometry tests share: finite-difference Hessians, Romberg extrapolation,
//! and polygon tests.
#![allow(dead_code)]

pub mod cli;

use std::sync::Arc;

use fisherballs::geometry::{Chart, Family, Mat, NoEstimate, Point, Support};

pub fn rel_err(a: Mat, b: Mat) -> f64 {
    (a - b).norm() / b.norm()
}

/// Hessian of f at x by central differences, extrapolated (Richardson/Romberg) over the
/// steps h, h/2, h/4, h/8 so that the h², h⁴ and h⁶ error terms cancel.
pub fn hessian(f: impl Fn(Point) -> f64, x: Point, h: [f64; 2]) -> Mat {
    let mut out = Mat::zeros();
    for i in 0..2 {
        for j in 0..2 {
            let second = |s: f64| {
                let mut ei = Point::zeros();
                let mut ej = Point::zeros();
                ei[i] = s * h[i];
                ej[j] = s * h[j];
                (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej))
                    / (4.0 * ei[i] * ej[j])
            };
            out[(i, j)] = romberg(second);
        }
    }
    out
}

pub fn romberg(d: impl Fn(f64) -> f64) -> f64 {
    let mut row: Vec<f64> = (0..4).map(|k| d(0.5f64.powi(k))).collect();
    for order in 1..4 {
        let w = 4f64.powi(order);
        row = row
            .windows(2)
            .map(|p| (w * p[1] - p[0]) / (w - 1.0))
            .collect();
    }
    row[0]
}

/// Steps of 0.02 Fisher units along each coordinate: Romberg leaves an O(h⁸) error, and
/// the rounding of KL values near 0 stays below 1e-12 relative.
pub fn steps(f: Mat) -> [f64; 2] {
    [0.02 / f[(0, 0)].sqrt(), 0.02 / f[(1, 1)].sqrt()]
}

/// Ray casting: whether p is strictly inside the closed polygon.
pub fn inside(p: Point, poly: &[Point]) -> bool {
    let mut odd = false;
    for k in 0..poly.len() {
        let (a, b) = (poly[k], poly[(k + 1) % poly.len()]);
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) {
            odd = !odd;
        }
    }
    odd
}

/// Width and height of the smallest rectangle around the points.
pub fn extent(points: &[Point]) -> (f64, f64) {
    let (mut lo, mut hi) = (points[0], points[0]);
    for p in points {
        lo = lo.inf(p);
        hi = hi.sup(p);
    }
    (hi.x - lo.x, hi.y - lo.y)
}

/// Whether a JSON value holds a null anywhere (NaN and infinities serialize as null).
pub fn has_null(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Null => true,
        Value::Array(a) => a.iter().any(has_null),
        Value::Object(o) => o.values().any(has_null),
        _ => false,
    }
}

/// A family seen only through its Fisher matrix and KL (and, when `.1`, its exact ∂F),
/// hiding its closed-form distance and geodesic: its Fisher–Rao balls come from the
/// exponential map, its geodesics from shooting; without `.1`, the Christoffel symbols come
/// from differences of F.
pub struct WithoutClosedForms(pub Arc<dyn Family>, pub bool);

impl Family for WithoutClosedForms {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn display_name(&self) -> String {
        self.0.display_name()
    }
    fn charts(&self) -> &'static [&'static dyn Chart] {
        self.0.charts()
    }
    fn contains(&self, theta: Point) -> bool {
        self.0.contains(theta)
    }
    fn kl(&self, a: Point, b: Point) -> f64 {
        self.0.kl(a, b)
    }
    fn density(&self, theta: Point, x: f64) -> f64 {
        self.0.density(theta, x)
    }
    fn support(&self, theta: Point) -> Support {
        self.0.support(theta)
    }
    fn sample(&self, theta: Point, rng: &mut rand_chacha::ChaCha8Rng, out: &mut [f64]) {
        self.0.sample(theta, rng, out)
    }
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        self.0.fit(xs)
    }
    fn fisher(&self, theta: Point) -> Mat {
        self.0.fisher(theta)
    }
    fn fisher_derivatives(&self, theta: Point) -> [Mat; 2] {
        match self.1 {
            true => self.0.fisher_derivatives(theta),
            false => fisherballs::geometry::derivative::partials(|p| self.0.fisher(p), theta),
        }
    }
}
