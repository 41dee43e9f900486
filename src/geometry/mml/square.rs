//! Square rows: rows along y = const whose balls are a Fisher distance √2 r apart, each row's
//! band starting where the last one's ends (the square lattice, thinness π/2 in the flat
//! plane). Thicker than [`super::hexagonal`] at small r, but each row is placed from the
//! band of the last alone, with no rows laid afresh, so it needs fewer balls where r is
//! large against the region (the gallery's Gaussian region at r = 0.3): the covering keeps
//! whichever needs fewer.

use super::hexagonal::HalfPlane;
use crate::geometry::{Interval, Mat, Point};

/// The step a (in w, per unit σ) of a row of the half-plane, and the ratio σ′/σ of the next
/// row's σ to this one's, for discs of hyperbolic radius ρ. Two neighbours of a row (w
/// apart by aσ) cover, on every vertical line between them, at least what they cover on the
/// line half-way: σ from σ(cosh ρ − q) to σ(cosh ρ + q), q = √(sinh²ρ − a²/4); the next row
/// is placed where its band starts at the end of this one's. The step a maximises the Fisher
/// area each ball's share of its band holds, 4a q/(1 + a²/4) (a = ρ√2 to first order: the
/// square lattice, thinness π/2).
fn half_plane_steps(rho: f64) -> (f64, f64) {
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

/// Square rows of a location–scale family, exact: rows along horocycles (σ constant) of the
/// half-plane (w, σ) of [`HalfPlane`], [`half_plane_steps`] apart, over the box `x` × `y` of
/// (μ, σ), from the bottom, keeping the centres whose ball meets the region (`meets`). Where
/// r is large against the region, the hexagonal rows' step changes too fast from row to row
/// and these need fewer balls (Cauchy's default region at r = 0.3: 36 against 62). None when
/// more than `limit` would be kept, or tried (8 × limit).
pub fn half_plane_square_rows(
    balls: &HalfPlane,
    meets: impl Fn(Point) -> bool,
    x: Interval,
    y: Interval,
    limit: usize,
) -> Option<Vec<Point>> {
    let rho = balls.rho();
    let (a, rise) = half_plane_steps(rho);
    if !(rise > 1.0 && a > 0.0) {
        return None;
    }
    let mut centres = Vec::new();
    // The first row's band starts at or below σ_lo: σ (cosh ρ − q) = σ_lo.
    let q = (rise - 1.0) / (rise + 1.0) * rho.cosh();
    let mut s = y.lo / (rho.cosh() - q);
    let mut tried: usize = 0;
    loop {
        // Steps of a σ in w, from one step left of the box to one step right of it.
        let step = a * s;
        let (w_lo, w_hi) = (
            balls.point(Point::new(x.lo, s)).x,
            balls.point(Point::new(x.hi, s)).x,
        );
        let first = (w_lo / step).floor() - 1.0;
        let last = (w_hi / step).ceil() + 1.0;
        tried = tried.saturating_add(1 + (last - first + 1.0).clamp(0.0, 1e18) as usize);
        if !(first.is_finite() && last.is_finite()) || tried > 8 * limit.max(1) {
            return None;
        }
        for k in first as i64..=last as i64 {
            let p = balls.from_half_plane(Point::new(k as f64 * step, s));
            if meets(p) {
                centres.push(p);
                if centres.len() > limit {
                    return None;
                }
            }
        }
        // This row's band ends at σ (cosh ρ + q); stop once it reaches σ_hi.
        if s * (rho.cosh() + q) >= y.hi {
            break;
        }
        s *= rise;
    }
    Some(centres)
}

/// The Fisher metric's local measures at a point, for [`square_rows`]: the step along a row
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

/// One row of [`square_rows`] at height y: its centres, and the half-heights of the band
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
pub fn square_rows(
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
