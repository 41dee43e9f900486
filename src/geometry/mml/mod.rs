//! Minimum message length: how many distinguishable distributions a region holds, as the
//! number K of Fisher–Rao balls of radius r that cover it. K and log₂ K bits count
//! distributions, not coordinates, so they do not depend on the chart the region is drawn in.
//!
//! Every family other than the Gaussian is covered by [`rows_centres`]: rows laid with the
//! metric taken as flat over each ball (see there), checked afterwards with exact distances.
//!
//! The Gaussian's covering is exact. It is built in the half-plane (x, σ) = (μ/√2, σ), where the Fisher
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

mod covering;

pub use covering::{Covering, cover, rectangle};

use super::{Interval, Mat, Point};

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

/// The Gaussian's (μ, σ) as a point of the hyperbolic half-plane (μ/√2, σ), where its
/// Fisher–Rao metric is √2 times the hyperbolic one.
pub fn half_plane_point(p: Point) -> Point {
    Point::new(p.x / 2f64.sqrt(), p.y)
}

/// The ball of Fisher radius r around (μ, σ) as a Euclidean disc of the half-plane
/// (μ/√2, σ): centre (μ/√2, σ cosh ρ) and radius σ sinh ρ, ρ = r/√2 (a hyperbolic circle is a
/// Euclidean one, Anderson, "Hyperbolic Geometry", §4.3).
pub fn ball_disc(c: Point, r: f64) -> (Point, f64) {
    let rho = r / 2f64.sqrt();
    (
        Point::new(c.x / 2f64.sqrt(), c.y * rho.cosh()),
        c.y * rho.sinh(),
    )
}

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

/// The Fisher metric's local measures at a point, for [`rows_centres`]: the step along a row
/// (y constant) that puts two balls of radius r a distance √2 r apart, and the half-height
/// (in y) of the band their union covers, r/√2 across the row: in a flat metric G the row is
/// a line, its balls discs, and the band |y − y₀| ≤ (r/√2)·√(G_xx / det G). None outside
/// the domain or where G is not positive definite.
fn local(fisher: &impl Fn(Point) -> Option<Mat>, p: Point, r: f64) -> Option<(f64, f64)> {
    let g = fisher(p)?;
    let det = g.determinant();
    (g[(0, 0)] > 0.0 && det > 0.0).then(|| {
        let step = std::f64::consts::SQRT_2 * r / g[(0, 0)].sqrt();
        (
            step,
            r / std::f64::consts::SQRT_2 * (g[(0, 0)] / det).sqrt(),
        )
    })
}

/// One row of [`rows_centres`] at height y: its centres, and the half-heights of the band
/// it covers above and below (the least over its segments).
struct Row {
    centres: Vec<Point>,
    up: f64,
    down: f64,
}

/// The row at height y over x ∈ `x` (from its left end to one step beyond its right end).
/// Each step is measured at the midpoint between its centres, and each half-height at the midpoint between a
/// segment's middle and the tip of its band (the midpoint rule: a distance measured with the
/// metric half-way is exact to third order). None if a point of it is outside the domain,
/// or it would hold more than `limit` centres.
fn row(
    fisher: &impl Fn(Point) -> Option<Mat>,
    x: Interval,
    y: f64,
    r: f64,
    limit: usize,
) -> Option<Row> {
    // The first centre at the box's left edge: every point of the box right of it lies
    // between two centres of the row.
    let mut at = x.lo;
    let mut out = Row {
        centres: Vec::new(),
        up: f64::INFINITY,
        down: f64::INFINITY,
    };
    loop {
        out.centres.push(Point::new(at, y));
        if at > x.hi || out.centres.len() > limit {
            break;
        }
        let (s0, _) = local(fisher, Point::new(at, y), r)?;
        let (step, h) = local(fisher, Point::new(at + 0.5 * s0, y), r)?;
        let mid = at + 0.5 * step;
        out.up = out
            .up
            .min(local(fisher, Point::new(mid, y + 0.5 * h), r)?.1);
        out.down = out
            .down
            .min(local(fisher, Point::new(mid, y - 0.5 * h), r)?.1);
        at += step;
    }
    (out.centres.len() <= limit).then_some(out)
}

/// A covering by rows for any family, in the coordinates (x, y) of one of its charts, from
/// the Fisher matrix there alone (None outside the domain): rows along y = const, each row's centres a
/// Fisher distance √2 r apart, covering a band of half-width r/√2 (the square lattice, the
/// best rows out of line can do: thinness π/2 in the flat plane), and each next row placed
/// where its band starts at the end of the last one's. The metric is taken as constant over
/// each ball (measured at midpoints), so the balls' radius here is `r` shrunk by the caller
/// by a margin that the deepest hole found afterwards (with exact distances) confirms.
/// Centres whose ball meets the region (`meets`) are kept. None when more than `limit`
/// would be kept, or tried (8 × limit), or a row leaves the domain.
pub fn rows_centres(
    fisher: impl Fn(Point) -> Option<Mat>,
    meets: impl Fn(Point) -> bool,
    x: Interval,
    y: Interval,
    r: f64,
    limit: usize,
) -> Option<Vec<Point>> {
    let mut centres = Vec::new();
    let mut tried: usize = 0;
    // The first row as high as its band still reaches the box's bottom.
    let mut height = y.lo;
    for _ in 0..3 {
        height = y.lo + row(&fisher, x, height, r, 8 * limit)?.down;
    }
    let mut current = row(&fisher, x, height, r, 8 * limit)?;
    if height - current.down > y.lo {
        height = y.lo;
        current = row(&fisher, x, height, r, 8 * limit)?;
    }
    loop {
        tried += current.centres.len();
        if tried > 8 * limit.max(1) || crate::geometry::deadline::passed() {
            return None;
        }
        centres.extend(current.centres.iter().copied().filter(|&c| meets(c)));
        if centres.len() > limit {
            return None;
        }
        let top = height + current.up;
        if top >= y.hi {
            return Some(centres);
        }
        // The next row's band must start at or below `top`: from a first guess, lower it by
        // whatever its band falls short, until it does (its metric changes with its height).
        let mut next_height = top + current.up;
        let mut next = row(&fisher, x, next_height, r, 8 * limit)?;
        for _ in 0..20 {
            let gap = next_height - next.down - top;
            if gap <= 0.0 {
                break;
            }
            next_height -= gap * 1.01;
            next = row(&fisher, x, next_height, r, 8 * limit)?;
        }
        if next_height - next.down > top || next_height <= height {
            return None;
        }
        height = next_height;
        current = next;
    }
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
