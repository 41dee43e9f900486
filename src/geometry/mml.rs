//! Minimum message length: how many distinguishable distributions a region holds, as the
//! number K of Fisher–Rao balls of radius r that cover it. K and log₂ K bits count
//! distributions, not coordinates, so they do not depend on the chart the region is drawn in.
//!
//! The covering is built in the Gaussian's half-plane (x, σ) = (μ/√2, σ), where the Fisher
//! metric is 2(dx² + dσ²)/σ²: the hyperbolic plane scaled by √2, so a Fisher ball of radius r
//! is a hyperbolic disc of radius ρ = r/√2, which is the Euclidean disc of centre
//! (x, σ cosh ρ) and radius σ sinh ρ. Centres lie in rows along horocycles (σ constant), a
//! step of a·σ apart in x. Two neighbours of a row overlap, and their union covers, on
//! every vertical line between them, at least what it covers on the line half-way between
//! them: σ from σ(cosh ρ − q) to σ(cosh ρ + q), q = √(sinh²ρ − a²/4). So each row covers a
//! band exactly, and the next row is placed where its band starts at the end of this one's:
//! σ′ = σ (cosh ρ + q)/(cosh ρ − q). No point is left out: the deepest hole is at most r, in
//! exact arithmetic (a hexagonal lattice is thinner in the flat plane, but its rows cannot
//! stay in line here, where a row's step grows with σ: the lattice drawn before left holes of
//! 1.15 r). The step a maximises the Fisher area each ball's share of its band holds,
//! 4a q/(1 + a²/4) (a = √2 ρ to first order, giving 2r², against a ball's π r²: thinness
//! π/2 for small r, the best a covering by rows out of line can do in the flat plane).

use super::{Interval, Point};

/// The Fisher area of a ball of radius r: a geodesic disc in a surface of curvature −½,
/// 4π (cosh(r/√2) − 1), which is π r² for small r.
pub fn ball_area(r: f64) -> f64 {
    4.0 * std::f64::consts::PI * ((r / 2f64.sqrt()).cosh() - 1.0)
}

/// The step a (in x = μ/√2, per unit σ) of a row, and the ratio σ′/σ of the next row's σ
/// to this one's, for balls of Fisher radius r.
fn rows(r: f64) -> (f64, f64) {
    let rho = r / 2f64.sqrt();
    let (c, s) = (rho.cosh(), rho.sinh());
    let q = |a: f64| (s * s - a * a / 4.0).max(0.0).sqrt();
    let share = |a: f64| 4.0 * a * q(a) / (1.0 + a * a / 4.0);
    // The share is 0 at a = 0 and at a = 2 sinh ρ and has one maximum between: golden
    // section search, to double precision in 80 steps.
    let (mut lo, mut hi) = (0.0, 2.0 * s);
    let g = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..80 {
        let (m1, m2) = (hi - g * (hi - lo), lo + g * (hi - lo));
        if share(m1) < share(m2) {
            lo = m1;
        } else {
            hi = m2;
        }
    }
    let a = (lo + hi) / 2.0;
    (a, (c + q(a)) / (c - q(a)))
}

/// The centres (μ, σ) of a covering of the rectangle `mu` × `sigma` of the half-plane by
/// Fisher–Rao balls of radius r, row by row from the bottom, left to right, keeping only those
/// whose ball meets the region (`meets`, given the centre). None when more than `limit` would
/// be kept, or tried (8 × limit).
pub fn gaussian_centres(
    meets: impl Fn(Point) -> bool,
    mu: Interval,
    sigma: Interval,
    r: f64,
    limit: usize,
) -> Option<Vec<Point>> {
    let rho = r / 2f64.sqrt();
    let (a, rise) = rows(r);
    if !(rise > 1.0 && a > 0.0) {
        return None;
    }
    let mut centres = Vec::new();
    // The first row's band starts at or below σ_lo: σ (cosh ρ − q) = σ_lo.
    let q = (rise - 1.0) / (rise + 1.0) * rho.cosh();
    let mut s = sigma.lo / (rho.cosh() - q);
    let mut tried: usize = 0;
    loop {
        // Steps of a σ in x = μ/√2, from one step left of the range to one step right of it.
        let step = 2f64.sqrt() * a * s;
        let first = (mu.lo / step).floor() - 1.0;
        let last = (mu.hi / step).ceil() + 1.0;
        tried = tried.saturating_add(1 + (last - first + 1.0).clamp(0.0, 1e18) as usize);
        if !(first.is_finite() && last.is_finite()) || tried > 8 * limit.max(1) {
            return None;
        }
        for k in first as i64..=last as i64 {
            let p = Point::new(k as f64 * step, s);
            if meets(p) {
                centres.push(p);
                if centres.len() > limit {
                    return None;
                }
            }
        }
        // This row's band ends at σ (cosh ρ + q); stop once it reaches σ_hi.
        if s * (rho.cosh() + q) >= sigma.hi {
            break;
        }
        s *= rise;
    }
    Some(centres)
}

/// Points of the ball of Fisher radius r around (μ, σ): its boundary, `n` points of the
/// Euclidean circle of centre (μ, σ cosh ρ) and radius σ sinh ρ (in μ/√2), and its centre.
pub fn ball_points(c: Point, r: f64, n: usize) -> impl Iterator<Item = Point> {
    let rho = r / 2f64.sqrt();
    let (y, rad) = (c.y * rho.cosh(), c.y * rho.sinh());
    (0..n)
        .map(move |k| {
            let t = std::f64::consts::TAU * k as f64 / n as f64;
            Point::new(c.x + 2f64.sqrt() * rad * t.cos(), y + rad * t.sin())
        })
        .chain(std::iter::once(c))
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
