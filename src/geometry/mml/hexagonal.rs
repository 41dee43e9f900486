//! Hexagonal rows: a covering of a rectangle of a chart by balls of one Fisher radius r, row
//! above row, each row's centres half-way between the last row's, adapted to the metric row by
//! row. In the flat plane the lattice of equilateral triangles of side √3 r, rows 1.5 r
//! apart, is the thinnest covering by equal discs: thinness 2π/√27 ≈ 1.209 (Kershner 1939),
//! against π/2 ≈ 1.571 for rows out of line (the square lattice).
//!
//! Safety does not rest on the lattice being right, but on one lemma, true in the flat and in
//! the hyperbolic plane alike: *if one point Q lies within r of the three vertices of a
//! geodesic triangle, every point X of the triangle lies within r of one of them.* (Were X
//! farther than r from all three, each vertex would be nearer to Q than to X, so would lie in
//! the open half-plane on Q's side of the perpendicular bisector of QX; that half-plane is
//! convex, so it would hold the whole triangle, X included, which is on the other side.) So
//! the rows are laid triangle by triangle: two rows zipped into triangles ([`zipper`]) tile
//! the strip between them, and each next row is placed as high as every triangle's three
//! balls still share a point ([`Balls::share`]). The first row's balls reach below the
//! region's bottom ([`rim`]), the last row's above its top, and every row reaches past both
//! sides.
//!
//! Along a row the step is the metric's √3 r; the next row keeps the midpoints while their
//! steps stay within [`SPREAD`] of the metric's there, and is laid afresh otherwise (a
//! Gaussian's step grows with σ, so its rows cannot stay in line for long). A row is laid
//! level, as high as its worst triangle allows, its other centres then rising on their own
//! ([`raise`]), triangle by triangle still covered; or it follows the row below, each centre
//! lifted across it by one Fisher distance (`following.rs`). The loop that lays row after
//! row is `rows.rs`.

use crate::geometry::families::location_scale::Metric;
use crate::geometry::{Interval, Mat, Point};

/// Midpoint rows are kept while each step is within this range of the metric's √3 r there.
/// A lattice of isosceles triangles whose base is q·√3 r, its rows as far apart as each
/// triangle's balls allow (r + r√(1 − 3q²/4)), has thinness 1.209 at q = 1, 1.218 at q = 0.95
/// or 1.05, 1.239 at 0.9 and 1.265 at 1.1; a row laid afresh costs about half a row's height
/// (where its centres fall above the last row's), so the range trades the one against the
/// other. Measured with `mml --radius 0.02` on the default regions: the Gaussian's and
/// Cauchy's steps shrink against the metric's row by row and needed fewest balls near 0.84;
/// where steps grow (Beta, Gamma, the categorical) 1.05, with rows laid afresh at 0.90
/// ([`FRESH`]), needed fewer than 1.10 and 0.92 (Gamma 4 967 balls to 4 911, Beta 5 848 to
/// 5 835, the categorical 1 611 to 1 605; the thinness this trades is small against a row's
/// height, and its best ends differ a little between families).
const SPREAD: (f64, f64) = (0.84, 1.05);

/// A row laid afresh takes this multiple of the metric's step: towards the end of [`SPREAD`]
/// opposite to the one the midpoints left by, so that the rows above drift across it.
const FRESH: (f64, f64) = (0.90, 1.04);

/// How far a row's centres may rise on their own ([`raise`]), in balls' reach: level rows
/// (0), and rows whose centres rise by up to 0.45 of a reach, are both laid, and the fewer
/// kept. Rising needed fewer balls on five default regions at r = 0.02 (the Gaussian's
/// 19 927 to 19 640, Cauchy's 5 177 to 5 057); on Beta's and Gamma's a row laid afresh
/// above a risen one could not be placed, and their level rows are kept. 0.45 needed fewer
/// than 0.15, 0.3 or 0.6 on the location–scale families.
pub const RISES: [f64; 2] = [0.0, 0.45];

/// Balls of one radius in a chart, as the rows need them.
pub trait Balls {
    /// The balls' Fisher radius r.
    fn radius(&self) -> f64;
    /// The Fisher matrix at p; None outside the domain.
    fn metric(&self, p: Point) -> Option<Mat>;
    /// The chart step along a row (y constant) from p to the next centre, a Fisher distance
    /// √3 r on; None outside the domain.
    fn step(&self, p: Point) -> Option<f64>;
    /// Whether the balls around the three points have a point in common (so, by the lemma,
    /// cover the triangle); None outside the domain.
    fn share(&self, t: [Point; 3]) -> Option<bool>;
    /// The largest y of the geodesic from a to b.
    fn crest(&self, a: Point, b: Point) -> f64;
    /// Where the boundaries of the balls around a and b (neighbours on a row) cross, the
    /// lower point first; None if the balls do not meet.
    fn lens(&self, a: Point, b: Point) -> Option<[Point; 2]>;
    /// How far in y a ball around p reaches above p: a scale for the next row's height.
    fn reach(&self, p: Point) -> Option<f64>;
    /// The chart's dx/dy along the direction across the row at p in the metric,
    /// −G_xy/G_xx: where the next row's centres lie above this one's midpoints.
    fn shear(&self, p: Point) -> Option<f64>;
    /// The point equidistant from the triangle's vertices (its circumcentre), where the hole
    /// of an acute triangle is deepest: a probe for the exact check of a covering. None where
    /// it cannot be found (`Flat`: also where it lies outside the triangle).
    fn hole(&self, t: [Point; 3]) -> Option<Point>;
    /// The Fisher length of the segment from a to b of the chart: where two rows are zipped
    /// along their shorter diagonals ([`super::following`]).
    fn chord(&self, a: Point, b: Point) -> Option<f64>;
}

/// Balls of a metric taken as flat over each triangle (its Fisher matrix at the centroid):
/// exact to second order in r, so the caller lays them with a radius a little short of the
/// one it checks with exact distances.
pub struct Flat<F> {
    pub fisher: F,
    pub r: f64,
}

impl<F: Fn(Point) -> Option<Mat>> Balls for Flat<F> {
    fn radius(&self) -> f64 {
        self.r
    }

    fn metric(&self, p: Point) -> Option<Mat> {
        (self.fisher)(p)
    }

    fn step(&self, p: Point) -> Option<f64> {
        // The metric measured half-way along the step (the midpoint rule).
        let along = |q: Point| {
            let g = (self.fisher)(q)?;
            (g[(0, 0)] > 0.0).then(|| 3f64.sqrt() * self.r / g[(0, 0)].sqrt())
        };
        along(Point::new(p.x + 0.5 * along(p)?, p.y))
    }

    fn share(&self, t: [Point; 3]) -> Option<bool> {
        let (centre, l) = self.frame(t)?;
        let u = t.map(|p| l.transpose() * (p - centre));
        Some(enclosing_radius(u) <= self.r)
    }

    fn crest(&self, a: Point, b: Point) -> f64 {
        a.y.max(b.y)
    }

    /// In the metric at the midpoint m: m ± L⁻ᵀ n √(r² − |u|²), u = Lᵀ(b − a)/2, n ⟂ u.
    fn lens(&self, a: Point, b: Point) -> Option<[Point; 2]> {
        let m = 0.5 * (a + b);
        let l = (self.fisher)(m)?.cholesky()?.l();
        let u = l.transpose() * (b - a) * 0.5;
        let across = (self.r * self.r - u.norm_squared()).sqrt();
        let n = Point::new(-u.y, u.x) / u.norm() * across;
        let d = l.transpose().try_inverse()? * n;
        across.is_finite().then(|| lower_first(m - d, m + d))
    }

    fn reach(&self, p: Point) -> Option<f64> {
        let inverse = (self.fisher)(p)?.try_inverse()?;
        (inverse[(1, 1)] > 0.0).then(|| self.r * inverse[(1, 1)].sqrt())
    }

    fn shear(&self, p: Point) -> Option<f64> {
        let g = (self.fisher)(p)?;
        (g[(0, 0)] > 0.0).then(|| -g[(0, 1)] / g[(0, 0)])
    }

    fn hole(&self, t: [Point; 3]) -> Option<Point> {
        let (centre, l) = self.frame(t)?;
        circumcentre(centre, l, t)
    }

    /// By the metric at its midpoint, √(dᵀ G d), as [`Flat::step`] measures a step.
    fn chord(&self, a: Point, b: Point) -> Option<f64> {
        let g = self.metric(0.5 * (a + b))?;
        let d = b - a;
        let squared = d.dot(&(g * d));
        (squared >= 0.0).then(|| squared.sqrt())
    }
}

impl<F: Fn(Point) -> Option<Mat>> Flat<F> {
    /// The triangle's centroid and the Cholesky factor L of the metric there (G = L Lᵀ, so
    /// |Lᵀ d| is the length of d).
    fn frame(&self, t: [Point; 3]) -> Option<(Point, Mat)> {
        let centre = (t[0] + t[1] + t[2]) / 3.0;
        Some((centre, (self.fisher)(centre)?.cholesky()?.l()))
    }
}

/// Balls of a location–scale family, exact: in (w, σ), w = (μ + (c/a)σ)·a/√D, the metric is
/// (D/a)(dw² + dσ²)/σ² (`location_scale`), a hyperbolic plane scaled by s = √(D/a), where the
/// ball of Fisher radius r around (w, σ) is the Euclidean disc of centre (w, σ cosh ρ) and
/// radius σ sinh ρ, ρ = r/s (Anderson, "Hyperbolic Geometry", §4.3). Points are (μ, σ).
pub struct HalfPlane {
    pub metric: Metric,
    pub r: f64,
}

impl HalfPlane {
    fn det(&self) -> f64 {
        self.metric.a * self.metric.b - self.metric.c * self.metric.c
    }

    /// ρ, the balls' hyperbolic radius.
    pub fn rho(&self) -> f64 {
        self.r / (self.det() / self.metric.a).sqrt()
    }

    /// (μ, σ) as a point (w, σ) of the half-plane.
    pub fn point(&self, p: Point) -> Point {
        let m = &self.metric;
        Point::new((p.x + m.c / m.a * p.y) * m.a / self.det().sqrt(), p.y)
    }

    /// A point (w, σ) of the half-plane as (μ, σ).
    pub fn from_half_plane(&self, w: Point) -> Point {
        let m = &self.metric;
        Point::new(w.x * self.det().sqrt() / m.a - m.c / m.a * w.y, w.y)
    }

    /// The ball around (μ, σ) as a Euclidean disc of the half-plane: centre and radius.
    pub fn disc(&self, p: Point) -> (Point, f64) {
        let q = self.point(p);
        let rho = self.rho();
        (Point::new(q.x, q.y * rho.cosh()), q.y * rho.sinh())
    }

    /// The Fisher area of a ball: a geodesic disc of radius ρ in the hyperbolic plane
    /// scaled by s, s² · 2π (cosh ρ − 1), which is π r² for small r.
    pub fn ball_area(&self) -> f64 {
        self.det() / self.metric.a * std::f64::consts::TAU * (self.rho().cosh() - 1.0)
    }
}

impl Balls for HalfPlane {
    fn radius(&self) -> f64 {
        self.r
    }

    fn metric(&self, p: Point) -> Option<Mat> {
        (p.y > 0.0).then(|| self.metric.fisher(p.y))
    }

    /// Along σ constant, cosh d = 1 + Δw²/(2σ²): Δw = 2σ sinh(d/2) for d = √3 ρ.
    fn step(&self, p: Point) -> Option<f64> {
        let dw = 2.0 * p.y * (0.5 * 3f64.sqrt() * self.rho()).sinh();
        (p.y > 0.0).then(|| dw * self.det().sqrt() / self.metric.a)
    }

    fn share(&self, t: [Point; 3]) -> Option<bool> {
        t.iter()
            .all(|p| p.y > 0.0)
            .then(|| discs_meet(t.map(|p| self.disc(p))))
    }

    /// A geodesic of the half-plane is a half-circle centred on σ = 0 (or a vertical line):
    /// its top is its radius if its centre lies between the ends, the higher end otherwise
    /// (between two points of one row, √((Δw/2)² + σ²)).
    fn crest(&self, a: Point, b: Point) -> f64 {
        let (p, q) = (self.point(a), self.point(b));
        let centre = (q.norm_squared() - p.norm_squared()) / (2.0 * (q.x - p.x));
        if centre.is_finite() && (p.x.min(q.x)..=p.x.max(q.x)).contains(&centre) {
            (p.x - centre).hypot(p.y)
        } else {
            p.y.max(q.y)
        }
    }

    /// The crossings of the two Euclidean circles of [`HalfPlane::disc`].
    fn lens(&self, a: Point, b: Point) -> Option<[Point; 2]> {
        let [p, q] = crossings(self.disc(a), self.disc(b))?;
        Some(lower_first(
            self.from_half_plane(p),
            self.from_half_plane(q),
        ))
    }

    fn reach(&self, p: Point) -> Option<f64> {
        (p.y > 0.0).then(|| p.y * self.rho().exp_m1())
    }

    /// −c/a everywhere: w = (μ + (c/a)σ)·a/√D is constant across a row in the metric.
    fn shear(&self, _: Point) -> Option<f64> {
        Some(-self.metric.c / self.metric.a)
    }

    /// The three points lie on one hyperbolic circle, which is a Euclidean circle of the
    /// half-plane (w, σ), centre (x, y) and radius R: its hyperbolic centre, equidistant from
    /// them, is (x, √(y² − R²)) (the disc of [`HalfPlane::disc`] read backwards).
    fn hole(&self, t: [Point; 3]) -> Option<Point> {
        let u = t.map(|p| self.point(p));
        let centre = euclidean_circumcentre(u)?;
        let radius = (u[0] - centre).norm();
        let sigma = ((centre.y - radius) * (centre.y + radius)).sqrt();
        let p = self.from_half_plane(Point::new(centre.x, sigma));
        (sigma.is_finite() && sigma > 0.0 && p.x.is_finite()).then_some(p)
    }

    /// The exact distance (the geodesic's, not the segment's: [`Metric::distance`]).
    fn chord(&self, a: Point, b: Point) -> Option<f64> {
        (a.y > 0.0 && b.y > 0.0).then(|| self.metric.distance(a, b))
    }
}

fn lower_first(p: Point, q: Point) -> [Point; 2] {
    if p.y <= q.y { [p, q] } else { [q, p] }
}

/// The radius of the smallest disc holding three points of the Euclidean plane: half the
/// longest side if the triangle is right or obtuse (or flat), its circumradius abc/(4·area)
/// otherwise. Three discs of radius r around the points share a point exactly when it is ≤ r.
pub fn enclosing_radius(u: [Point; 3]) -> f64 {
    let mut sides = [
        (u[1] - u[2]).norm_squared(),
        (u[2] - u[0]).norm_squared(),
        (u[0] - u[1]).norm_squared(),
    ];
    sides.sort_by(f64::total_cmp);
    let [a, b, c] = sides;
    if c >= a + b {
        return 0.5 * c.sqrt();
    }
    let (e, f) = (u[1] - u[0], u[2] - u[0]);
    let area = 0.5 * (e.x * f.y - e.y * f.x).abs();
    (a * b * c).sqrt() / (4.0 * area)
}

/// The circumcentre of the triangle in the flat metric G = L Lᵀ, as a point of the chart
/// (`centre` is the origin of the frame); None if the triangle is obtuse or flat, where the
/// deepest point lies on its longest side.
fn circumcentre(centre: Point, l: Mat, t: [Point; 3]) -> Option<Point> {
    let u = t.map(|p| l.transpose() * (p - centre));
    let o = euclidean_circumcentre(u)?;
    // Inside the triangle: the same side of each edge as the opposite vertex.
    let side = |p: Point, q: Point, x: Point| (q - p).perp(&(x - p));
    let inside = (0..3).all(|k| {
        let (p, q, x) = (u[k], u[(k + 1) % 3], u[(k + 2) % 3]);
        side(p, q, o) * side(p, q, x) > 0.0
    });
    if !inside {
        return None;
    }
    Some(centre + l.transpose().try_inverse()? * o)
}

/// The centre of the Euclidean circle through three points; None if they are collinear.
fn euclidean_circumcentre(u: [Point; 3]) -> Option<Point> {
    let (b, c) = (u[1] - u[0], u[2] - u[0]);
    let d = 2.0 * b.perp(&c);
    let (b2, c2) = (b.norm_squared(), c.norm_squared());
    let o = Point::new(c.y * b2 - b.y * c2, b.x * c2 - c.x * b2) / d;
    (d != 0.0).then(|| u[0] + o)
}

/// Where two circles (centre, radius) of the Euclidean plane cross (a touching pair twice at
/// one point); None if they do not, one inside the other or concentric.
fn crossings((c1, s1): (Point, f64), (c2, s2): (Point, f64)) -> Option<[Point; 2]> {
    let d = (c2 - c1).norm();
    if !(d > 0.0 && d <= s1 + s2 && d >= (s1 - s2).abs()) {
        return None;
    }
    let along = (s1 * s1 - s2 * s2 + d * d) / (2.0 * d);
    let across = (s1 * s1 - along * along).max(0.0).sqrt();
    let unit = (c2 - c1) / d;
    let base = c1 + unit * along;
    let normal = Point::new(-unit.y, unit.x) * across;
    Some([base + normal, base - normal])
}

/// Whether three discs (centre, radius) of the Euclidean plane have a point in common. If
/// they do, the leftmost point of the common part is the leftmost point of one disc or a
/// crossing of two circles: each candidate is tested against all three discs (to 1e-12 of
/// their radii; callers lay their discs that much smaller).
pub fn discs_meet(discs: [(Point, f64); 3]) -> bool {
    let holds = |p: Point| {
        discs
            .iter()
            .all(|&(c, s)| (p - c).norm() <= s * (1.0 + 1e-12))
    };
    let mut candidates: Vec<Point> = discs.iter().map(|&(c, s)| c - Point::new(s, 0.0)).collect();
    for (i, j) in [(0, 1), (1, 2), (0, 2)] {
        let ((c1, s1), (c2, s2)) = (discs[i], discs[j]);
        if (c2 - c1).norm() > s1 + s2 {
            return false;
        }
        candidates.extend(crossings((c1, s1), (c2, s2)).into_iter().flatten());
    }
    candidates.into_iter().any(holds)
}

/// A row at height y laid afresh: from x.lo, steps of the metric's (times `factor`) until one
/// reaches x.hi. None outside the domain or past `limit` centres.
fn lattice(
    balls: &impl Balls,
    x: Interval,
    y: f64,
    factor: f64,
    limit: usize,
) -> Option<Vec<Point>> {
    let mut row = vec![Point::new(x.lo, y)];
    while row[row.len() - 1].x < x.hi {
        let p = row[row.len() - 1];
        let step = balls.step(p)? * factor;
        if !(step.is_finite() && step > 0.0) || row.len() > limit {
            return None;
        }
        row.push(Point::new(p.x + step, y));
    }
    (row.len() >= 2).then_some(row)
}

/// The row half a step along from `row`, at height y: above the midpoints of its
/// neighbours, each moved along x by the metric's shear times the rise (so that it lies across
/// the row from its midpoint in the metric, not in the chart), with more half a step beyond
/// an end where needed, so that exactly one lies at or beyond each end of x (the strip between
/// the two rows then spans x). None outside the domain or if the shear would reorder them.
fn offset(balls: &impl Balls, row: &[Point], x: Interval, y: f64) -> Option<Vec<Point>> {
    let n = row.len();
    let mut xs: Vec<f64> = row
        .windows(2)
        .map(|w| {
            let middle = 0.5 * (w[0] + w[1]);
            Some(middle.x + balls.shear(middle)? * (y - middle.y))
        })
        .collect::<Option<_>>()?;
    let (first, last) = (row[1].x - row[0].x, row[n - 1].x - row[n - 2].x);
    while xs[0] > x.lo && xs.len() <= 2 * n {
        xs.insert(0, xs[0] - first);
    }
    while xs[xs.len() - 1] < x.hi && xs.len() <= 2 * n {
        xs.push(xs[xs.len() - 1] + last);
    }
    while xs.len() > 2 && xs[1] <= x.lo {
        xs.remove(0);
    }
    while xs.len() > 2 && xs[xs.len() - 2] >= x.hi {
        xs.pop();
    }
    let ordered = xs.windows(2).all(|w| w[0] < w[1]);
    let spans = xs[0] <= x.lo && xs[xs.len() - 1] >= x.hi;
    (ordered && spans).then(|| xs.into_iter().map(|x| Point::new(x, y)).collect())
}

/// The triangles that two rows (each sorted by x, `b` above `a`) zip into, merged by where
/// each centre of `b` lies across from `a` in the metric (its x less the shear times its
/// rise, `key`). Between two rows of constant height every such merge tiles the strip between
/// them, from the segment joining their first points to the one joining their last (each
/// triangle is a point of one row and two neighbours of the other, clockwise); merging by
/// `key` makes them the lattice's triangles where the metric is sheared. None if `key` fails.
pub fn zipper(
    a: &[Point],
    b: &[Point],
    key: impl Fn(Point) -> Option<f64>,
) -> Option<Vec<[Point; 3]>> {
    let seams = seams(a, b, key)?;
    Some(seams.into_iter().map(|s| s.points(a, b)).collect())
}

/// One triangle of two zipped rows: [a_i, b_j, a_(i+1)] (`Up`, its base on the lower row)
/// or [a_i, b_j, b_(j+1)] (`Down`, its base on the upper row).
#[derive(Clone, Copy)]
pub(super) enum Seam {
    Up(usize, usize),
    Down(usize, usize),
}

impl Seam {
    pub(super) fn points(self, a: &[Point], b: &[Point]) -> [Point; 3] {
        match self {
            Seam::Up(i, j) => [a[i], b[j], a[i + 1]],
            Seam::Down(i, j) => [a[i], b[j], b[j + 1]],
        }
    }
}

/// The triangles of [`zipper`] as indices into the two rows.
fn seams(a: &[Point], b: &[Point], key: impl Fn(Point) -> Option<f64>) -> Option<Vec<Seam>> {
    let keys: Vec<f64> = b.iter().map(|&p| key(p)).collect::<Option<_>>()?;
    merge(a.len(), b.len(), |i, j| Some(a[i + 1].x <= keys[j + 1]))
}

/// The seams of two rows of `n` and `m` points zipped from their first points to their
/// last: at each pair (i, j) of the last triangle's upper edge, `up(i, j)` tells whether the
/// next triangle takes a's next point (`Up`) or b's (`Down`), asked only while both rows
/// have one. Any such sequence of seams tiles the strip between two rows whose triangles
/// all turn one way. None if `up` fails.
pub(super) fn merge(
    n: usize,
    m: usize,
    mut up: impl FnMut(usize, usize) -> Option<bool>,
) -> Option<Vec<Seam>> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n + m);
    while i + 1 < n || j + 1 < m {
        if j + 1 >= m || (i + 1 < n && up(i, j)?) {
            out.push(Seam::Up(i, j));
            i += 1;
        } else {
            out.push(Seam::Down(i, j));
            j += 1;
        }
    }
    Some(out)
}

/// Whether a triangle reaches over the region's x (only those must be covered).
pub fn over(t: &[Point; 3], x: Interval) -> bool {
    t.iter().any(|p| p.x >= x.lo) && t.iter().any(|p| p.x <= x.hi)
}

/// Where a centre p of the row above the one at `height` lies across from that row in the
/// metric: its x less the shear times its rise.
fn across(balls: &impl Balls, height: f64) -> impl Fn(Point) -> Option<f64> + '_ {
    move |p| Some(p.x - balls.shear(p)? * (p.y - height))
}

/// How far a row's balls reach below it (`lower`) or above it, where it matters, over the
/// region's x: the highest point of the geodesics joining the lower crossings of
/// neighbouring balls ([`Balls::lens`]), or the lowest upper crossing. Two neighbours' balls
/// cover the triangle of their centres and either crossing, and one ball the triangle of its
/// centre and its two crossings (each lies in the ball, which is convex), so the row covers
/// the band between these crossings' geodesics. None if two neighbours' balls do not meet.
pub(super) fn rim(balls: &impl Balls, row: &[Point], x: Interval, lower: bool) -> Option<f64> {
    let mut tips = Vec::with_capacity(row.len());
    for w in row.windows(2) {
        let tip = balls.lens(w[0], w[1])?[usize::from(!lower)];
        if over(&[w[0], w[1], tip], x) {
            tips.push(tip);
        }
    }
    match lower {
        true => tips
            .windows(2)
            .map(|w| balls.crest(w[0], w[1]))
            .chain(tips.iter().map(|t| t.y))
            .reduce(f64::max),
        // A geodesic's lowest point is one of its ends.
        false => tips.iter().map(|t| t.y).reduce(f64::min),
    }
}

/// The first row: laid afresh as high as its balls still reach the region's bottom
/// everywhere over x ([`rim`]), by bisection.
pub(super) fn first_row(
    balls: &impl Balls,
    x: Interval,
    wide: Interval,
    bottom: f64,
    limit: usize,
) -> Option<Vec<Point>> {
    let reach = balls.reach(Point::new(0.5 * (x.lo + x.hi), bottom))?;
    let reaches = |h: f64| {
        lattice(balls, wide, h, 1.0, limit)
            .and_then(|row| rim(balls, &row, x, true))
            .is_some_and(|rim| rim <= bottom)
    };
    // Down from the bottom by a ball's reach at a time, halving the step where the row
    // would leave the domain (a Gaussian's σ > 0).
    let (mut lo, hi, mut step) = (bottom, bottom + 2.0 * reach, reach);
    for _ in 0..60 {
        if reaches(lo) {
            break;
        }
        if lattice(balls, wide, lo - step, 1.0, limit).is_some() {
            lo -= step;
        } else {
            step *= 0.5;
        }
    }
    let height = highest(reaches, lo, hi, 30)?;
    lattice(balls, wide, height, 1.0, limit)
}

/// The highest height in [lo, hi] where `holds` does, by `halvings` bisections: None unless it
/// holds at lo and not at hi.
pub(super) fn highest(
    holds: impl Fn(f64) -> bool,
    mut lo: f64,
    mut hi: f64,
    halvings: usize,
) -> Option<f64> {
    if !holds(lo) || holds(hi) {
        return None;
    }
    for _ in 0..halvings {
        let mid = 0.5 * (lo + hi);
        if holds(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

/// The level row above `row`, as high as every triangle of the two still has balls sharing a
/// point (bisection): the midpoints of `row` while their steps stay within [`SPREAD`] of the
/// metric's, a fresh lattice otherwise; then each centre raised on its own ([`raise`]) by at
/// most `rise` balls' reach. With it, the triangles the two rows zip into.
pub(super) fn level_row(
    balls: &impl Balls,
    row: &[Point],
    x: Interval,
    wide: Interval,
    limit: usize,
    rise: f64,
) -> Option<(Vec<Point>, Vec<[Point; 3]>)> {
    let height = row[0].y;
    let reach = [row[0], row[row.len() / 2], row[row.len() - 1]]
        .iter()
        .map(|&p| balls.reach(p))
        .try_fold(0.0f64, |m, r| Some(m.max(r?)))?;
    // The hexagonal lattice's rows are 1.5 r apart: decide there what the next row is.
    let guess = offset(balls, row, wide, height + 1.5 * reach)?;
    let ratios: Vec<f64> = guess
        .windows(2)
        .map(|w| Some((w[1].x - w[0].x) / balls.step(w[0])?))
        .collect::<Option<_>>()?;
    let factor = afresh(&ratios);
    let candidate = |y: f64| match factor {
        None => offset(balls, row, wide, y),
        Some(f) => lattice(balls, wide, y, f, limit),
    };
    // The next row must lie above this one's geodesics (which bulge above it in the
    // half-plane), so that the triangles between them tile the strip without folding.
    let crest = row
        .windows(2)
        .map(|w| balls.crest(w[0], w[1]))
        .fold(f64::NEG_INFINITY, f64::max);
    let fits = |y: f64| -> bool {
        y > crest
            && candidate(y)
                .and_then(|next| zipper(row, &next, across(balls, height)))
                .is_some_and(|triangles| {
                    triangles
                        .into_iter()
                        .filter(|t| over(t, x))
                        .all(|t| balls.share(t) == Some(true))
                })
    };
    // 24 halvings place the row to 1.5e-7 of a ball's reach.
    let lo = crest.max(height) + 1e-3 * reach;
    let next = candidate(highest(fits, lo, height + 2.5 * reach, 24)?)?;
    let next = raise(balls, row, next, x, height, rise)?;
    let triangles = zipper(row, &next, across(balls, height))?;
    Some((next, triangles))
}

/// Whether the next row is laid afresh, and at what multiple of the metric's step, from its
/// midpoints' steps as `ratios` of the metric's: None while all lie within [`SPREAD`];
/// otherwise towards the end opposite the one they left by ([`FRESH`]), or the metric's own
/// step if they left by both.
pub(super) fn afresh(ratios: &[f64]) -> Option<f64> {
    let low = ratios.iter().any(|&q| q < SPREAD.0);
    let high = ratios.iter().any(|&q| q > SPREAD.1);
    match (low, high) {
        (false, false) => None,
        (true, false) => Some(FRESH.1),
        (false, true) => Some(FRESH.0),
        (true, true) => Some(1.0),
    }
}

/// The row `next` above `row` (at `height`) with each centre raised on its own, across the
/// row in the metric, by at most `rise` balls' reach, as far as the balls of its triangles
/// over the region still share a point; all together, by steps of a 32nd of `rise` (one at
/// a time to the top would leave its neighbours none of the slack, and the rows above a
/// saw-tooth). A row is placed as high as its worst triangle allows, where its centres fall
/// in line above the last row's or its steps are longest; its other centres can stand
/// higher. A triangle whose top stands above its base's middle rises from r (a base of
/// √3 r, the square lattice's rows) to 1.5 r (the hexagonal lattice's) as its top moves to
/// the middle. The triangles stay those of `next` as placed, each stays covered, and only
/// rising keeps them from folding, so the rows stay safe. A centre with no triangle over
/// the region stays where it is.
fn raise(
    balls: &impl Balls,
    row: &[Point],
    mut next: Vec<Point>,
    x: Interval,
    height: f64,
    rise: f64,
) -> Option<Vec<Point>> {
    if rise <= 0.0 {
        return Some(next);
    }
    let seams: Vec<Seam> = seams(row, &next, across(balls, height))?
        .into_iter()
        .filter(|s| over(&s.points(row, &next), x))
        .collect();
    // The triangles each centre of `next` is a vertex of.
    let mut around: Vec<Vec<Seam>> = vec![Vec::new(); next.len()];
    for s in seams {
        match s {
            Seam::Up(_, j) => around[j].push(s),
            Seam::Down(_, j) => {
                around[j].push(s);
                around[j + 1].push(s);
            }
        }
    }
    let steps: Vec<Point> = next
        .iter()
        .map(|&p| {
            let step = balls.reach(p)? * rise / 32.0;
            Some(Point::new(balls.shear(p)? * step, step))
        })
        .collect::<Option<_>>()?;
    for _ in 0..32 {
        let mut moved = false;
        for k in 0..next.len() {
            if around[k].is_empty() {
                continue;
            }
            let was = next[k];
            next[k] = was + steps[k];
            let shares = around[k]
                .iter()
                .all(|s| balls.share(s.points(row, &next)) == Some(true));
            if shares {
                moved = true;
            } else {
                next[k] = was;
            }
        }
        if !moved {
            break;
        }
    }
    Some(next)
}
