//! The hexagonal rows of `mml` (issue 23): the tests that three balls share a point, the
//! lemma that makes a triangle whose balls share a point covered, the zipper's tiling, and
//! the thinness the rows reach on every family's default region.

mod common;

use common::cli::fisherballs;
use fisherballs::geometry::families::location_scale::Metric;
use fisherballs::geometry::mml::disc_meets_polygon;
use fisherballs::geometry::mml::following::{self, clockwise, zip};
use fisherballs::geometry::mml::hexagonal::{
    Balls, Flat, HalfPlane, RISES, discs_meet, enclosing_radius, over, zipper,
};
use fisherballs::geometry::mml::rows::{Lift, Rows, hexagonal_rows};
use fisherballs::geometry::{Interval, Mat, Point};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// A uniform draw from [lo, hi), from the top 53 bits of the generator's next word.
fn uniform(rng: &mut ChaCha8Rng, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

fn point(rng: &mut ChaCha8Rng) -> Point {
    Point::new(uniform(rng, -1.0, 1.0), uniform(rng, -1.0, 1.0))
}

/// min over p of max_i (|p − c_i| − s_i), by a grid search refined ten times around its best
/// point: ≤ 0 exactly when the discs share a point (an independent route to `discs_meet`).
fn deepest_common(discs: &[(Point, f64); 3]) -> f64 {
    let excess = |p: Point| {
        discs
            .iter()
            .map(|&(c, s)| (p - c).norm() - s)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let (mut centre, mut half) = (discs[0].0, 2.0 * discs[0].1 + 1.0);
    let mut best = excess(centre);
    for _ in 0..60 {
        let n = 24;
        let mut next = centre;
        for i in 0..=n {
            for j in 0..=n {
                let p = centre
                    + Point::new(
                        half * (2.0 * i as f64 / n as f64 - 1.0),
                        half * (2.0 * j as f64 / n as f64 - 1.0),
                    );
                let e = excess(p);
                if e < best {
                    best = e;
                    next = p;
                }
            }
        }
        centre = next;
        half *= 0.5;
    }
    best
}

#[test]
fn three_discs_meet_exactly_when_a_point_lies_in_all_three() {
    let mut rng = ChaCha8Rng::seed_from_u64(23);
    let (mut meet, mut apart) = (0, 0);
    for _ in 0..3000 {
        let disc = |rng: &mut ChaCha8Rng| (point(rng), uniform(rng, 0.2, 1.2));
        let discs = [disc(&mut rng), disc(&mut rng), disc(&mut rng)];
        let depth = deepest_common(&discs);
        // Triples within 1e-6 of touching are left to the arithmetic.
        if depth.abs() < 1e-6 {
            continue;
        }
        assert_eq!(discs_meet(discs), depth < 0.0, "{discs:?}: {depth}");
        if depth < 0.0 { meet += 1 } else { apart += 1 }
    }
    assert!(meet > 300 && apart > 300, "{meet} meeting, {apart} apart");
}

/// The smallest disc holding three points, by Welzl's base cases: the disc on a pair as
/// diameter if it holds the third point, else the circle through all three; checked against
/// `enclosing_radius`'s acute/obtuse rule.
#[test]
fn the_enclosing_radius_is_the_smallest_disc_holding_the_three() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..2000 {
        let u = [(); 3].map(|_| point(&mut rng));
        let mut smallest = f64::INFINITY;
        for (i, j, k) in [(0, 1, 2), (1, 2, 0), (0, 2, 1)] {
            let (centre, radius) = (0.5 * (u[i] + u[j]), 0.5 * (u[i] - u[j]).norm());
            if (u[k] - centre).norm() <= radius {
                smallest = smallest.min(radius);
            }
        }
        if smallest.is_infinite() {
            // The circumcircle: |p − u0|² = |p − u1|² = |p − u2|², two linear equations.
            let m = Mat::new(
                2.0 * (u[1].x - u[0].x),
                2.0 * (u[1].y - u[0].y),
                2.0 * (u[2].x - u[0].x),
                2.0 * (u[2].y - u[0].y),
            );
            let rhs = Point::new(
                u[1].norm_squared() - u[0].norm_squared(),
                u[2].norm_squared() - u[0].norm_squared(),
            );
            let centre = m.lu().solve(&rhs).unwrap();
            smallest = (centre - u[0]).norm();
        }
        let r = enclosing_radius(u);
        assert!(
            (r - smallest).abs() < 1e-9 * (1.0 + r),
            "{u:?}: {r} vs {smallest}"
        );
    }
}

/// The lemma of `hexagonal`: if three discs of radius r around a triangle's vertices share
/// a point, every point of the triangle is within r of a vertex, in the flat plane (the
/// hyperbolic case is checked end to end by the exact-distance tests of `cli_mml`). Tight:
/// at an enclosing radius just over r, the circumcentre of an acute triangle is a hole.
#[test]
fn a_triangle_whose_balls_share_a_point_is_covered() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for _ in 0..400 {
        let t = [(); 3].map(|_| point(&mut rng));
        let r = enclosing_radius(t);
        for _ in 0..200 {
            let (mut a, mut b) = (uniform(&mut rng, 0.0, 1.0), uniform(&mut rng, 0.0, 1.0));
            if a + b > 1.0 {
                (a, b) = (1.0 - a, 1.0 - b);
            }
            let p = t[0] + (t[1] - t[0]) * a + (t[2] - t[0]) * b;
            let nearest = t
                .iter()
                .map(|&v| (p - v).norm())
                .fold(f64::INFINITY, f64::min);
            assert!(
                nearest <= r * (1.0 + 1e-12),
                "{t:?}: {p:?} at {nearest} > {r}"
            );
        }
    }
}

#[test]
fn two_rows_zip_into_clockwise_triangles_that_tile_the_strip_between_them() {
    let a: Vec<Point> = (0..6).map(|i| Point::new(i as f64, 0.0)).collect();
    let b: Vec<Point> = (0..5).map(|i| Point::new(i as f64 + 0.5, 1.0)).collect();
    let triangles = zipper(&a, &b, |p| Some(p.x)).unwrap();
    assert_eq!(triangles.len(), a.len() + b.len() - 2);
    let area: f64 = triangles
        .iter()
        .map(|t| {
            let cross = (t[1] - t[0]).perp(&(t[2] - t[0]));
            assert!(cross < 0.0, "{t:?} is not clockwise");
            -0.5 * cross
        })
        .sum();
    // The trapezoid from (0,0)–(5,0) up to (0.5,1)–(4.5,1).
    assert!((area - 0.5 * (5.0 + 4.0)).abs() < 1e-12, "{area}");
    // Every triangle joins the two rows, and each zips neighbours: a point of one row, two
    // consecutive points of the other.
    for t in &triangles {
        assert!(t.iter().any(|p| p.y == 0.0) && t.iter().any(|p| p.y == 1.0));
    }
    // Merged by a key a step to the left, the triangles lean the other way: each point of b
    // is then zipped one step earlier.
    assert_eq!(triangles[..2], [[a[0], b[0], a[1]], [a[1], b[0], b[1]]]);
    let leaning = zipper(&a, &b, |p| Some(p.x - 1.0)).unwrap();
    assert_eq!(leaning[..2], [[a[0], b[0], b[1]], [a[0], b[1], a[1]]]);
    assert!(zipper(&a, &b, |_| None).is_none());
}

/// The rows of a flat metric (the identity) are the hexagonal lattice: steps of √3 r, rows
/// 1.5 r apart, each row's centres half-way between the last one's; and a Gaussian's exact
/// rows leave no point of their box deeper than r from a centre, by the closed-form distance.
#[test]
fn flat_rows_are_the_hexagonal_lattice_and_exact_rows_leave_no_hole() {
    let r = 0.1;
    let flat = Flat {
        fisher: |_: Point| Some(Mat::identity()),
        r,
    };
    let (x, y) = (Interval::new(0.0, 2.0), Interval::new(0.0, 2.0));
    let rows = hexagonal_rows(&flat, |_| true, x, y, 10_000, Lift::Level { rise: 0.0 }).unwrap();
    let mut heights: Vec<f64> = rows.centres.iter().map(|p| p.y).collect();
    heights.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    for w in heights.windows(2) {
        assert!(
            (w[1] - w[0] - 1.5 * r).abs() < 1e-6 * r,
            "rows {} apart",
            w[1] - w[0]
        );
    }
    let row = |h: f64| -> Vec<f64> {
        let on = rows.centres.iter().filter(|p| p.y == h);
        on.map(|p| p.x).collect()
    };
    let first = row(heights[0]);
    for w in first.windows(2) {
        assert!((w[1] - w[0] - 3f64.sqrt() * r).abs() < 1e-12);
    }
    let second = row(heights[1]);
    assert!(
        second
            .iter()
            .any(|&s| (s - 0.5 * (first[0] + first[1])).abs() < 1e-12)
    );
    // The holes are the lattice's: the circumcentres, r from three centres.
    let hole = rows.holes[rows.holes.len() / 2];
    let nearest = rows
        .centres
        .iter()
        .map(|&c| (c - hole).norm())
        .fold(f64::INFINITY, f64::min);
    assert!((nearest - r).abs() < 1e-6 * r, "{nearest}");

    let metric = Metric {
        a: 1.0,
        b: 2.0,
        c: 0.0,
    };
    let balls = HalfPlane { metric, r: 0.2 };
    let (x, y) = (Interval::new(-1.0, 1.0), Interval::new(0.5, 2.0));
    let rows = hexagonal_rows(&balls, |_| true, x, y, 10_000, Lift::Level { rise: 0.0 }).unwrap();
    let deepest = deepest_in_box(metric, &rows, x, y);
    assert!(deepest <= 0.2 && deepest > 0.19, "deepest hole {deepest}");
    assert_eq!(balls.shear(Point::new(0.0, 1.0)), Some(0.0));
    // Each hole the exact check probes is a triangle's hyperbolic circumcentre: as far from
    // three centres, to 1e-9 (an obtuse triangle's lies outside it, nearer another centre).
    assert!(rows.holes.len() > 100);
    for &hole in &rows.holes {
        let mut d: Vec<f64> = rows
            .centres
            .iter()
            .map(|&c| metric.distance(hole, c))
            .collect();
        d.sort_by(f64::total_cmp);
        assert!(
            d.windows(3).any(|w| w[2] - w[0] < 1e-9),
            "{hole:?}: {:?}",
            &d[..4]
        );
    }
}

/// The top of a geodesic of the half-plane ([`Balls::crest`]), against the highest of 20001
/// points of the geodesic the family draws (`Metric::geodesic`): for two points of a row,
/// where it bulges above them, and for two at different heights.
#[test]
fn a_half_plane_geodesics_crest_is_its_highest_point() {
    let metric = Metric {
        a: 1.0,
        b: 2.0,
        c: 0.0,
    };
    let balls = HalfPlane { metric, r: 0.1 };
    for (a, b) in [
        (Point::new(-1.0, 1.0), Point::new(1.0, 1.0)),
        (Point::new(0.0, 0.5), Point::new(2.0, 1.5)),
        (Point::new(0.0, 0.5), Point::new(0.1, 1.5)),
    ] {
        let path = metric.geodesic(a, b, 20001).unwrap();
        let top = path
            .points
            .iter()
            .map(|p| p.y)
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(
            (balls.crest(a, b) - top).abs() < 1e-6,
            "{a:?}–{b:?}: {} vs {top}",
            balls.crest(a, b)
        );
    }
}

/// Only the triangles that reach over the region's x must be covered: one with a vertex on
/// either side of an edge does, one wholly beside the region does not.
#[test]
fn triangles_over_the_region_are_those_reaching_into_its_x() {
    let x = Interval::new(0.0, 1.0);
    let t = |a: f64, b: f64, c: f64| [Point::new(a, 0.0), Point::new(b, 1.0), Point::new(c, 0.0)];
    assert!(over(&t(-0.5, -0.2, 0.1), x));
    assert!(over(&t(0.9, 1.2, 1.5), x));
    assert!(over(&t(-0.5, 0.5, 1.5), x));
    assert!(!over(&t(-0.5, -0.2, -0.1), x));
    assert!(!over(&t(1.1, 1.2, 1.5), x));
}

/// The largest exact distance from a point of a fine grid over the box to its nearest centre.
fn deepest_in_box(metric: Metric, rows: &Rows, x: Interval, y: Interval) -> f64 {
    let mut deepest = 0.0f64;
    for i in 0..=150 {
        for j in 0..=150 {
            let p = Point::new(
                x.lo + x.width() * i as f64 / 150.0,
                y.lo + y.width() * j as f64 / 150.0,
            );
            let d = rows
                .centres
                .iter()
                .map(|&c| metric.distance(p, c))
                .fold(f64::INFINITY, f64::min);
            deepest = deepest.max(d);
        }
    }
    deepest
}

/// Centres that rise on their own (`raise`) still leave no point deeper than r, by the exact
/// distance, and take fewer balls than level rows where a row's triangles are not all tight
/// (a Gaussian's half-plane, whose rows fall in and out of line above a row laid afresh);
/// in the flat lattice, where every triangle is tight, none rises.
#[test]
fn centres_that_rise_on_their_own_stay_covered_and_need_fewer_balls() {
    assert_eq!(RISES, [0.0, 0.45]);
    let metric = Metric {
        a: 1.0,
        b: 2.0,
        c: 0.0,
    };
    let r = 0.05;
    let balls = HalfPlane { metric, r };
    let (x, y) = (Interval::new(-1.0, 1.0), Interval::new(0.3, 1.5));
    let level = hexagonal_rows(&balls, |_| true, x, y, 100_000, Lift::Level { rise: 0.0 }).unwrap();
    let risen =
        hexagonal_rows(&balls, |_| true, x, y, 100_000, Lift::Level { rise: 0.45 }).unwrap();
    let (k0, k1) = (level.centres.len() as f64, risen.centres.len() as f64);
    // Measured: 1 341 against 1 401 (4.3 % fewer).
    assert!(k1 <= 0.965 * k0, "risen {k1} against level {k0}");
    let deepest = deepest_in_box(metric, &risen, x, y);
    assert!(deepest <= r && deepest > 0.98 * r, "deepest hole {deepest}");
    // Some rows are uneven.
    let heights = |rows: &Rows| {
        let mut h: Vec<f64> = rows.centres.iter().map(|p| p.y).collect();
        h.sort_by(f64::total_cmp);
        h.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
        h.len()
    };
    assert!(heights(&risen) > 2 * heights(&level));

    let flat = Flat {
        fisher: |_: Point| Some(Mat::identity()),
        r: 0.1,
    };
    let (x, y) = (Interval::new(0.0, 2.0), Interval::new(0.0, 2.0));
    let level = hexagonal_rows(&flat, |_| true, x, y, 10_000, Lift::Level { rise: 0.0 }).unwrap();
    let risen = hexagonal_rows(&flat, |_| true, x, y, 10_000, Lift::Level { rise: 0.45 }).unwrap();
    assert_eq!(level.centres, risen.centres);
}

/// The Euclidean plane in a fanning chart, (x, y) ↦ (x, (1 + x)·y): rows of constant y are
/// lines through (−1, 0), and the metric's scale across them grows threefold along
/// x ∈ [0, 2], as Beta's does along its rows of constant β.
fn fan(p: Point) -> Point {
    Point::new(p.x, (1.0 + p.x) * p.y)
}

/// The fan's metric JᵀJ, J = ∂(x, (1 + x) y)/∂(x, y).
fn fan_metric(p: Point) -> Option<Mat> {
    let j = Mat::new(1.0, 0.0, p.y, 1.0 + p.x);
    Some(j.transpose() * j)
}

/// The rows of `hexagonal_rows` as laid (each starts left of where the last one ended), as
/// points of the fan's plane.
fn fan_rows(rows: &Rows) -> Vec<Vec<Point>> {
    let mut out: Vec<Vec<Point>> = Vec::new();
    for &c in &rows.centres {
        match out.last_mut() {
            Some(row) if c.x > row[row.len() - 1].x => row.push(fan(c)),
            _ => out.push(vec![fan(c)]),
        }
    }
    out
}

/// Rows that follow the row below (`Lift::Following`) stand one distance above it all along
/// it, where level rows stand as close everywhere as they must where the scale across them is
/// largest. In the fan, inside x ∈ [0.2, 1.8], each row's centres stand from the last row's
/// polyline within 2 % of each other (level rows: 2.3-fold); they need a third fewer balls
/// (measured: 838 against 1 259) and leave no point deeper than r by the exact (Euclidean)
/// distance. The balls are laid 2 % short of r, as `cover` lays a locally flat metric's. In
/// the flat lattice they are the level rows.
#[test]
fn rows_that_follow_the_row_below_stand_equally_far_above_it_and_need_fewer_balls() {
    let r = 0.05;
    let flat = Flat {
        fisher: fan_metric,
        r: 0.98 * r,
    };
    let (x, y) = (Interval::new(0.0, 2.0), Interval::new(0.0, 1.0));
    // The region's image, and the balls that reach it.
    let region = [
        Point::new(0.0, 0.0),
        Point::new(2.0, 0.0),
        Point::new(2.0, 3.0),
        Point::new(0.0, 1.0),
    ];
    let meets = |c: Point| {
        let p = fan(c);
        let inside = (0.0..=2.0).contains(&p.x) && (0.0..=1.0 + p.x).contains(&p.y);
        inside || disc_meets_polygon(p, r, &region)
    };
    let lay = |lift| hexagonal_rows(&flat, meets, x, y, 100_000, lift).unwrap();
    let (level, following) = (lay(Lift::Level { rise: 0.0 }), lay(Lift::Following));
    let (k0, k1) = (level.centres.len() as f64, following.centres.len() as f64);
    assert!(k1 <= 0.7 * k0, "following {k1} against level {k0}");
    // How far each centre of a row stands from the last row (its polyline): the ratio of the
    // farthest to the nearest, the largest over the rows.
    let spread = |rows: &Rows| {
        let rows = fan_rows(rows);
        let mut widest = 1.0f64;
        for w in rows.windows(2) {
            let from_below = |p: Point| {
                let segments = w[0].windows(2);
                segments
                    .map(|s| {
                        let d = s[1] - s[0];
                        let t = ((p - s[0]).dot(&d) / d.norm_squared()).clamp(0.0, 1.0);
                        (p - s[0] - d * t).norm()
                    })
                    .fold(f64::INFINITY, f64::min)
            };
            let inner = w[1].iter().filter(|p| (0.2..=1.8).contains(&p.x));
            let d: Vec<f64> = inner.map(|&p| from_below(p)).collect();
            let lo = d.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = d.iter().copied().fold(0.0, f64::max);
            widest = widest.max(hi / lo);
        }
        widest
    };
    assert!(spread(&following) < 1.02, "{}", spread(&following));
    assert!(spread(&level) > 2.0, "{}", spread(&level));
    let mut deepest = 0.0f64;
    for i in 0..=150 {
        for j in 0..=150 {
            let p = fan(Point::new(2.0 * i as f64 / 150.0, j as f64 / 150.0));
            let d = following
                .centres
                .iter()
                .map(|&c| (fan(c) - p).norm())
                .fold(f64::INFINITY, f64::min);
            deepest = deepest.max(d);
        }
    }
    assert!(deepest <= r && deepest > 0.9 * r, "deepest hole {deepest}");

    let flat = Flat {
        fisher: |_: Point| Some(Mat::identity()),
        r: 0.1,
    };
    let (x, y) = (Interval::new(0.0, 2.0), Interval::new(0.0, 2.0));
    let level = hexagonal_rows(&flat, |_| true, x, y, 10_000, Lift::Level { rise: 0.0 }).unwrap();
    let following = hexagonal_rows(&flat, |_| true, x, y, 10_000, Lift::Following).unwrap();
    assert_eq!(level.centres.len(), following.centres.len());
    for (a, b) in level.centres.iter().zip(&following.centres) {
        assert!((a - b).norm() < 1e-5 * 0.1, "{a:?} against {b:?}");
    }
}

/// In the half-plane a row of constant σ is a horocycle, and the curves one distance above
/// it are horocycles too: rows that follow the row below stay level there (each to 1e-12),
/// the exact metric and distance of `HalfPlane` lifting and zipping them, need no more balls
/// than level rows and leave no point of a 151² grid deeper than r by the exact distance.
/// (`cover` lays the half-plane's rows level: their proof needs each row above the last
/// one's geodesics, which following rows do not check.)
#[test]
fn in_the_half_plane_rows_that_follow_stay_level() {
    let metric = Metric {
        a: 1.0,
        b: 2.0,
        c: 0.3,
    };
    let balls = HalfPlane { metric, r: 0.05 };
    let (x, y) = (Interval::new(-1.0, 1.0), Interval::new(0.3, 1.5));
    let lay = |lift| hexagonal_rows(&balls, |_| true, x, y, 100_000, lift).unwrap();
    let (level, following) = (lay(Lift::Level { rise: 0.0 }), lay(Lift::Following));
    let mut rows: Vec<Vec<Point>> = Vec::new();
    for &c in &following.centres {
        match rows.last_mut() {
            Some(row) if c.x > row[row.len() - 1].x => row.push(c),
            _ => rows.push(vec![c]),
        }
    }
    assert!(rows.len() > 20);
    for row in &rows {
        assert!(
            row.iter()
                .all(|p| (p.y - row[0].y).abs() <= 1e-12 * row[0].y),
            "{row:?}"
        );
    }
    let (k0, k1) = (level.centres.len() as f64, following.centres.len() as f64);
    // Measured: 1 342 against 1 381, zipped along the shorter diagonals.
    assert!(k1 <= 0.98 * k0, "following {k1} against level {k0}");
    let deepest = deepest_in_box(metric, &following, x, y);
    assert!(deepest <= 0.05, "deepest hole {deepest}");
}

/// Two rows are zipped along the shorter diagonal of each quadrilateral, in the metric: with
/// a centre of the upper row right above one of the lower, the diagonal from the lower row's
/// next centre (√(1.5² + 1) ≈ 1.80 long, against √(1.8² + 1) ≈ 2.06); stretched across
/// rows by the metric, the other.
#[test]
fn rows_are_zipped_along_the_shorter_diagonal() {
    let a = [Point::new(0.0, 0.0), Point::new(1.5, 0.0)];
    let b = [Point::new(0.0, 1.0), Point::new(1.8, 1.0)];
    let flat = |g: Mat| Flat {
        fisher: move |_: Point| Some(g),
        r: 1.0,
    };
    let plain = zip(&flat(Mat::identity()), &a, &b).unwrap();
    assert_eq!(plain, [[a[0], b[0], a[1]], [a[1], b[0], b[1]]]);
    assert!(plain.iter().all(|&t| clockwise(t)));
    // dx counts 100 times more than dy: a₀–b₁ (1.8 along) is shorter than a₁–b₀ (1.5 along)
    // only if x counts less; with x counting 1/100 of y, |a₁ − b₀|² = 0.0225 + 1 against
    // 0.0324 + 1, the same; with y counting 1/100, 2.25 + 0.01 against 3.24 + 0.01.
    let wide = zip(&flat(Mat::new(1.0, 0.0, 0.0, 0.01)), &a, &b).unwrap();
    assert_eq!(wide, plain);
    let b = [Point::new(-0.3, 1.0), Point::new(1.5, 1.0)];
    let leaning = zip(&flat(Mat::identity()), &a, &b).unwrap();
    assert_eq!(leaning, [[a[0], b[0], b[1]], [a[0], b[1], a[1]]]);
    assert!(leaning.iter().all(|&t| clockwise(t)));
    assert!(!clockwise([a[0], a[1], b[0]]));
}

/// The JSON that `fisherballs WORDS -o dir/m.json` writes, with the solve budget lifted:
/// these tests hold what the coverings measure, not how fast (Beta's default region at
/// r = 0.02 takes 6 s of the 8 s a figure may, alone on 2 cores; other tests run beside it).
fn unhurried_json(dir: &std::path::Path, words: &[&str]) -> serde_json::Value {
    let out = dir.join("m.json");
    fisherballs()
        .args(words)
        .arg("-o")
        .arg(&out)
        .env("FISHERBALLS_SOLVE_SECONDS", "600")
        .assert()
        .success();
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

/// What README and docs/uses.md state: at r = 0.02 on each family's default region, the
/// thinness K·area/V of the covering (hexagonal rows; measured, plus 0.005: the output is
/// deterministic, and a row laid 1% lower moves it more) and that no hole found is deeper
/// than r. Square rows, the layout before, gave 1.61 to 1.85 on these regions.
#[test]
fn hexagonal_rows_are_thin_on_every_default_region() {
    let dir = tempfile::tempdir().unwrap();
    for (family, most) in [
        ("gaussian", 1.298),
        ("cauchy", 1.350),
        ("student-t", 1.324),
        ("weibull", 1.330),
        ("categorical", 1.381),
        ("gamma", 1.352),
        ("beta", 1.352),
    ] {
        let json = unhurried_json(
            dir.path(),
            &[
                "mml", "--family", family, "--radius", "0.02", "--points", "16",
            ],
        );
        let thinness = json["thinness"].as_f64().unwrap();
        assert!(
            (1.0..=most).contains(&thinness),
            "{family}: thinness {thinness}"
        );
        assert!(json["deepest_hole"].as_f64().unwrap() <= 0.02, "{family}");
    }
}

/// What README and docs/uses.md state at r = 0.01: the thinness of the covering of each
/// family's default region (measured, plus 0.005; the categorical's, 1.2946, within the
/// issue's 1.30; the Gaussian's needs more balls than a figure may hold), and of the issue's
/// Gaussian region (μ ∈ [−1, 1], σ ∈ [0.5, 2]) at r = 0.04, 0.02 and 0.01. No hole found is
/// deeper than r. The solve budget is lifted: Beta's covering takes 25 s alone, Gamma's 10 s.
#[test]
fn at_a_small_radius_the_rows_come_within_the_issues_bound() {
    let dir = tempfile::tempdir().unwrap();
    let json = |words: &[&str]| unhurried_json(dir.path(), words);
    for (family, most) in [
        ("cauchy", 1.298),
        ("student-t", 1.288),
        ("weibull", 1.291),
        ("gamma", 1.285),
        ("categorical", 1.2996),
        ("beta", 1.288),
    ] {
        let m = json(&[
            "mml", "--family", family, "--radius", "0.01", "--points", "16",
        ]);
        let thinness = m["thinness"].as_f64().unwrap();
        assert!(
            (1.0..=most).contains(&thinness),
            "{family}: thinness {thinness}"
        );
        assert!(m["deepest_hole"].as_f64().unwrap() <= 0.01, "{family}");
    }
    for (radius, most) in [("0.04", 1.385), ("0.02", 1.320), ("0.01", 1.281)] {
        let m = json(&[
            "mml",
            "--charts",
            "mean-std",
            "--xlim=-1,1",
            "--ylim",
            "0.5,2",
            "--radius",
            radius,
        ]);
        let thinness = m["thinness"].as_f64().unwrap();
        assert!((1.0..=most).contains(&thinness), "r = {radius}: {thinness}");
        assert!(m["deepest_hole"].as_f64().unwrap() <= radius.parse::<f64>().unwrap());
    }
}

/// A row cannot follow a row below with a spike in it (one centre 1.1 r above its
/// neighbours, 1.2 r to either side): the spike stands above the lifted midpoints beside it,
/// so the triangles there fold (turn counter-clockwise) and would not tile the strip, until
/// the midpoints stand 0.75 r above the row; by then they are 2.2 r apart, and their balls
/// and the spike's share no point. `next_row` refuses such a row (counting the folded
/// triangles' balls sharing a point, it would stand, folded); without the spike it
/// stands, every triangle turning clockwise with balls sharing a point.
#[test]
fn a_following_row_is_refused_where_its_triangles_would_fold() {
    let flat = Flat {
        fisher: |_: Point| Some(Mat::identity()),
        r: 1.0,
    };
    let row = |spike: f64| -> Vec<Point> {
        (0..12)
            .map(|i| Point::new(-2.4 + 1.2 * i as f64, if i == 6 { spike } else { 0.0 }))
            .collect()
    };
    let (x, wide) = (Interval::new(0.0, 6.0), Interval::new(-1.0, 7.0));
    assert!(following::next_row(&flat, &row(1.1), x, wide, 1000).is_none());
    let (next, triangles) = following::next_row(&flat, &row(0.0), x, wide, 1000).unwrap();
    assert!(next.len() > 5);
    let over_x: Vec<[Point; 3]> = triangles.into_iter().filter(|t| over(t, x)).collect();
    assert!(over_x.len() > 8);
    assert!(over_x.iter().all(|&t| clockwise(t)));
    assert!(over_x.iter().all(|&t| flat.share(t) == Some(true)));
}
