//! Rows that follow the row below (`Lift::Following`): each centre stands across the row
//! below by one Fisher distance c·r, the same c along the whole row, and c is
//! as large as every triangle's three balls still share a point. Level rows are as close
//! everywhere as they must be where the metric's scale across them is largest; these are
//! as far apart everywhere (on Beta's default region at r = 0.02 the level rows of constant
//! β are 1.19 r apart at α = 0.5 and 1.47 r at α = 6, these 1.53–1.55 r along a row).
//!
//! Safety rests on the same lemma as level rows: the triangles zipped between two rows tile
//! the strip between them when they all turn one way (clockwise, checked), and each is
//! covered when its balls share a point. Rows that follow are no longer level, so a row is
//! zipped to the next along the shorter diagonal of each quadrilateral ([`zip`]), in the
//! metric: where a row laid afresh falls with a centre right above one below, the longer
//! diagonal made a right triangle whose hypotenuse held the rows to 0.7 r apart, the
//! shorter one lets them stand 1.0 r apart.

use super::hexagonal::{self, Balls, Seam, highest, merge, over};
use crate::geometry::{Interval, Point};

/// The lift c (in r) between two rows is looked for in this range, by bisection: at its low
/// end the rows nearly touch and every triangle is thin, at its top they are apart.
const LIFT_RANGE: (f64, f64) = (0.25, 2.5);

/// The next row above `row` and the triangles between them: the midpoints of `row` lifted
/// across it while their steps stay near the metric's √3 r ([`hexagonal::afresh`]), a row laid
/// afresh along the same lifted curve otherwise, as high (c) as every triangle over the
/// region's x turns clockwise with balls that share a point. None if no lift in [`LIFT_RANGE`]
/// does, or a row leaves the domain or would have more than `limit` centres.
pub fn next_row(
    balls: &impl Balls,
    row: &[Point],
    x: Interval,
    wide: Interval,
    limit: usize,
) -> Option<(Vec<Point>, Vec<[Point; 3]>)> {
    let step = 3f64.sqrt() * balls.radius();
    // The hexagonal lattice's rows are 1.5 r apart: decide there what the next row is.
    let guess = midpoints(balls, row, wide, 1.5)?;
    let ratios: Vec<f64> = guess
        .windows(2)
        .map(|w| Some(balls.chord(w[0], w[1])? / step))
        .collect::<Option<_>>()?;
    let factor = hexagonal::afresh(&ratios);
    let candidate = |c: f64| match factor {
        None => midpoints(balls, row, wide, c),
        Some(f) => laid_afresh(balls, row, wide, c, f * step, limit),
    };
    let strip = |c: f64| {
        let next = candidate(c)?;
        let triangles = zip(balls, row, &next)?;
        Some((next, triangles))
    };
    let fits = |c: f64| {
        strip(c).is_some_and(|(_, triangles)| {
            triangles
                .iter()
                .filter(|t| over(t, x))
                .all(|&t| clockwise(t) && balls.share(t) == Some(true))
        })
    };
    // 22 halvings place the row to 5e-7 r.
    strip(highest(fits, LIFT_RANGE.0, LIFT_RANGE.1, 22)?)
}

/// The point c·r from p across a row that runs along d there, in the metric G at p: along
/// n = (−(Gd)_y, (Gd)_x), perpendicular to d (dᵀGn = 0) and to its left, scaled to Fisher
/// length c·r. Along a level row, d = (1, 0), n is (shear, 1)·G_xx ([`Balls::shear`]); a
/// row that follows others need not stay level (in a chart sheared across it, rows
/// perpendicular to a level row's normal would turn away from the row).
fn lifted(balls: &impl Balls, p: Point, d: Point, c: f64) -> Option<Point> {
    let g = balls.metric(p)?;
    let gd = g * d;
    let n = Point::new(-gd.y, gd.x);
    let length = n.dot(&(g * n)).sqrt();
    let moved = p + n * (c * balls.radius() / length);
    (length > 0.0 && moved.iter().all(|v| v.is_finite())).then_some(moved)
}

/// The point of the polyline `row` (sorted by x) at x, straight on beyond its ends, and the
/// direction of its segment there.
fn below(row: &[Point], x: f64) -> (Point, Point) {
    let k = row.partition_point(|p| p.x <= x).clamp(1, row.len() - 1);
    let (a, b) = (row[k - 1], row[k]);
    (
        Point::new(x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)),
        b - a,
    )
}

/// The midpoints of `row`'s neighbours lifted by c, with more beyond an end (one end step at
/// a time) where needed, so that exactly one lies at or beyond each end of x. None outside
/// the domain or if the lift would reorder them.
fn midpoints(balls: &impl Balls, row: &[Point], x: Interval, c: f64) -> Option<Vec<Point>> {
    let mut next: Vec<Point> = row
        .windows(2)
        .map(|w| lifted(balls, 0.5 * (w[0] + w[1]), w[1] - w[0], c))
        .collect::<Option<_>>()?;
    let n = next.len();
    if n < 2 {
        return None;
    }
    let (first, last) = (next[1] - next[0], next[n - 1] - next[n - 2]);
    while next[0].x > x.lo && next.len() <= 2 * n {
        next.insert(0, next[0] - first);
    }
    while next[next.len() - 1].x < x.hi && next.len() <= 2 * n {
        next.push(next[next.len() - 1] + last);
    }
    while next.len() > 2 && next[1].x <= x.lo {
        next.remove(0);
    }
    while next.len() > 2 && next[next.len() - 2].x >= x.hi {
        next.pop();
    }
    spans(next, x)
}

/// The row laid afresh along the curve lifted c above `row` (the points of its polyline
/// lifted), a Fisher length `step` apart along it, from at or before x.lo to at or beyond
/// x.hi. None outside the domain or past `limit` centres.
fn laid_afresh(
    balls: &impl Balls,
    row: &[Point],
    x: Interval,
    c: f64,
    step: f64,
    limit: usize,
) -> Option<Vec<Point>> {
    let at = |u: f64| {
        let (p, along) = below(row, u);
        lifted(balls, p, along, c)
    };
    // Back from x.lo until the lifted point lies at or before it (the shear moves it along).
    let mut u = x.lo;
    for _ in 0..8 {
        let overshoot = at(u)?.x - x.lo;
        if overshoot <= 0.0 {
            break;
        }
        u -= overshoot;
    }
    let mut next = vec![at(u)?];
    while next[next.len() - 1].x < x.hi {
        let p = next[next.len() - 1];
        // The step in u whose chord is `step` long: from the level step, three secants.
        let mut du = balls.step(p)? * step / (3f64.sqrt() * balls.radius());
        for _ in 0..3 {
            let length = balls.chord(p, at(u + du)?)?;
            du *= step / length;
        }
        if !(du.is_finite() && du > 0.0) || next.len() > limit {
            return None;
        }
        u += du;
        next.push(at(u)?);
    }
    spans(next, x)
}

/// The row if it is ordered along x and spans x.
fn spans(row: Vec<Point>, x: Interval) -> Option<Vec<Point>> {
    let ordered = row.windows(2).all(|w| w[0].x < w[1].x);
    let spans = row.len() >= 2 && row[0].x <= x.lo && row[row.len() - 1].x >= x.hi;
    (ordered && spans).then_some(row)
}

/// The triangles two rows (`b` above `a`) zip into, each quadrilateral a_i a_(i+1) b_(j+1)
/// b_j split along its shorter diagonal in the metric. None if a length cannot be measured.
pub fn zip(balls: &impl Balls, a: &[Point], b: &[Point]) -> Option<Vec<[Point; 3]>> {
    let seams = merge(a.len(), b.len(), |i, j| {
        Some(balls.chord(a[i + 1], b[j])? <= balls.chord(a[i], b[j + 1])?)
    })?;
    Some(seams.into_iter().map(|s: Seam| s.points(a, b)).collect())
}

/// Whether the triangle's vertices turn clockwise in the chart (as a zipped triangle's do,
/// from the lower row up and back: [`super::hexagonal::zipper`]).
pub fn clockwise(t: [Point; 3]) -> bool {
    (t[1] - t[0]).perp(&(t[2] - t[0])) < 0.0
}
