//! spec → geometry: the balls a [`FigureSpec`] asks for, in every panel.

use crate::geometry::ball::{self, Ball, BallError};
use crate::geometry::geodesic::{self, GeodesicError};
use crate::geometry::{BallKind, Chart, Interval, Model, Point, grid, jeffreys, mml};
use crate::spec::{ChartChoice, FigureKind, FigureSpec};

/// All balls of one kind in one panel.
pub struct Layer {
    pub kind: BallKind,
    pub balls: Vec<Ball>,
}

/// A geodesic as a panel shows it.
pub struct Path {
    /// Its ends, in the panel's chart.
    pub from: Point,
    pub to: Point,
    /// Points equally spaced in arc length, in the panel's chart.
    pub points: Vec<Point>,
    /// Its Fisher length, and the closed-form distance between its ends.
    pub length: f64,
    pub distance: f64,
}

/// Values of a function at the centres of a `cols`×`rows` grid of cells covering a
/// rectangle, row by row from the bottom; NaN outside the chart's domain.
pub struct Field {
    pub x: Interval,
    pub y: Interval,
    pub cols: usize,
    pub rows: usize,
    pub values: Vec<f64>,
}

/// The Jeffreys prior over a panel: its density, and the prior mass of every ball (in the
/// order the balls are exported: kind by kind).
pub struct Jeffreys {
    pub density: Field,
    pub masses: Vec<f64>,
}

/// One panel: a layer per ball kind, in the order the spec lists the kinds, the geodesics
/// (if any) and the Jeffreys prior (if asked for).
pub struct Panel {
    pub layers: Vec<Layer>,
    pub paths: Vec<Path>,
    pub jeffreys: Option<Jeffreys>,
    /// For `mml`: the region's boundary in the panel's chart, and its Jeffreys volume.
    pub region: Option<Region>,
}

/// The region an `mml` figure covers.
pub struct Region {
    pub boundary: Vec<Point>,
    pub volume: f64,
    /// The largest Fisher–Rao distance from a probe point of the region to its nearest
    /// centre (at most the radius for a covering), where the distance is closed form.
    pub deepest_hole: Option<f64>,
}

/// Cells of the Jeffreys shading: fine enough to look smooth, coarse enough to keep an SVG
/// small (each cell is one rectangle).
const FIELD_CELLS: (usize, usize) = (96, 72);

/// The rectangle a panel shows: the limits (if any) widened to contain every outline and
/// path, plus a 3% margin on each side.
pub fn extent(
    limits: Option<(Interval, Interval)>,
    layers: &[Layer],
    paths: &[Path],
) -> (Interval, Interval) {
    let outlines = layers.iter().flat_map(|l| &l.balls).flat_map(|b| &b.points);
    let mut points = outlines.chain(paths.iter().flat_map(|p| &p.points));
    let (mut x, mut y) = limits.unwrap_or_else(|| {
        let p = points.clone().next().copied().unwrap_or_default();
        (Interval::new(p.x, p.x), Interval::new(p.y, p.y))
    });
    for p in &mut points {
        x = Interval::new(x.lo.min(p.x), x.hi.max(p.x));
        y = Interval::new(y.lo.min(p.y), y.hi.max(p.y));
    }
    let pad = |r: Interval| Interval::new(r.lo - 0.03 * r.width(), r.hi + 0.03 * r.width());
    (pad(x), pad(y))
}

/// The Jeffreys density over the panel's extent, and every ball's prior mass.
fn jeffreys(model: &Model, limits: (Interval, Interval), layers: &[Layer]) -> Jeffreys {
    let (x, y) = extent(Some(limits), layers, &[]);
    let (cols, rows) = FIELD_CELLS;
    let cell = |i: usize, n: usize, r: Interval| r.lo + (i as f64 + 0.5) * r.width() / n as f64;
    let values = (0..rows)
        .flat_map(|j| (0..cols).map(move |i| Point::new(cell(i, cols, x), cell(j, rows, y))))
        .map(|p| {
            if model.contains(p) {
                jeffreys::density(model, p)
            } else {
                f64::NAN
            }
        })
        .collect();
    let masses = {
        use rayon::prelude::*;
        let balls: Vec<_> = layers.iter().flat_map(|l| &l.balls).collect();
        balls
            .par_iter()
            .map(|b| jeffreys::mass(model, b.centre, &b.points))
            .collect()
    };
    Jeffreys {
        density: Field {
            x,
            y,
            cols,
            rows,
            values,
        },
        masses,
    }
}

/// A geodesic in canonical coordinates, before it is mapped into panels.
struct Geodesic {
    from: Point,
    to: Point,
    points: Vec<Point>,
    length: f64,
    distance: f64,
}

/// Computes every panel. The balls are solved in the first panel's chart, around a grid of
/// centres there; every later panel shows the same distributions, mapped into its chart
/// (never balls recomputed around other centres), in the same order.
pub fn compute(spec: &FigureSpec) -> Result<Vec<Panel>, BallError> {
    let first = Model::new(&*spec.family, spec.chart());
    let covering = spec.kind == FigureKind::Covering;
    let (centres, geodesics) = match &spec.kind {
        FigureKind::Covering => (packing(spec, &first)?, Vec::new()),
        FigureKind::Geodesic(pairs) => along_geodesics(spec, &first, pairs)?,
        FigureKind::Balls | FigureKind::Jeffreys | FigureKind::Compare => (
            grid::centres(&spec.limits, spec.grid.0, spec.grid.1),
            Vec::new(),
        ),
    };
    let boundary: Vec<Point> = match covering {
        true => rectangle(&spec.limits, 100)
            .into_iter()
            .map(|p| first.chart.theta(p))
            .collect(),
        false => Vec::new(),
    };
    let volume = covering.then(|| jeffreys::volume(&first, &spec.limits));
    let hole = match covering {
        true => deepest_hole(spec, &first, &centres),
        false => None,
    };
    let layers = spec
        .kinds
        .iter()
        .map(|&kind| {
            let balls = ball::balls(&first, &centres, kind, spec.level, spec.points)?;
            Ok(Layer { kind, balls })
        })
        .collect::<Result<Vec<_>, BallError>>()?;
    let panel = |choice: &ChartChoice, layers: Vec<Layer>| Panel {
        region: volume.map(|volume| Region {
            boundary: boundary.iter().map(|&t| choice.chart().phi(t)).collect(),
            volume,
            deepest_hole: hole,
        }),
        jeffreys: (spec.kind == FigureKind::Jeffreys).then(|| {
            let model = Model::new(&*spec.family, choice.chart());
            jeffreys(&model, (spec.limits.x, spec.limits.y), &layers)
        }),
        paths: geodesics.iter().map(|g| path(g, choice.chart())).collect(),
        layers,
    };
    // Later panels show the first panel's balls carried into their charts; the first
    // keeps them as solved.
    let later: Vec<Panel> = spec.panels[1..]
        .iter()
        .map(|choice| {
            let to = Model::new(&*spec.family, choice.chart());
            let carried = layers
                .iter()
                .map(|l| {
                    let balls = l
                        .balls
                        .iter()
                        .map(|b| b.carried(first.chart, &to))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(Layer {
                        kind: l.kind,
                        balls,
                    })
                })
                .collect::<Result<Vec<_>, BallError>>()?;
            Ok(panel(choice, carried))
        })
        .collect::<Result<_, BallError>>()?;
    Ok(std::iter::once(panel(&spec.panels[0], layers))
        .chain(later)
        .collect())
}

/// The centres of the balls along each geodesic (`spec.grid.0` a path, ends included), in
/// the first chart, and the geodesics themselves in canonical coordinates.
fn along_geodesics(
    spec: &FigureSpec,
    first: &Model,
    pairs: &[(Point, Point)],
) -> Result<(Vec<Point>, Vec<Geodesic>), BallError> {
    let family = &*spec.family;
    let mut centres = Vec::new();
    let mut geodesics = Vec::new();
    for &(a, b) in pairs {
        let (ta, tb) = (first.chart.theta(a), first.chart.theta(b));
        let told = |e: GeodesicError| BallError::from(e.at(a, b));
        let stops = geodesic::between(family, ta, tb, spec.grid.0).map_err(told)?;
        centres.extend(stops.points.iter().map(|&t| first.chart.phi(t)));
        let path = geodesic::between(family, ta, tb, spec.points).map_err(told)?;
        geodesics.push(Geodesic {
            from: ta,
            to: tb,
            points: path.points,
            length: path.length,
            distance: geodesic::distance(family, ta, tb).map_err(told)?,
        });
    }
    Ok((centres, geodesics))
}

/// The covering of `geometry::mml` of the region (the spec's limits, in the first chart):
/// the centres whose balls meet it, as points of the first chart.
fn packing(spec: &FigureSpec, first: &Model) -> Result<Vec<Point>, BallError> {
    let chart = first.chart;
    let inside = |t: Point| {
        let p = chart.phi(t);
        let (x, y) = (spec.limits.x, spec.limits.y);
        x.lo <= p.x && p.x <= x.hi && y.lo <= p.y && p.y <= y.hi
    };
    let r = spec.level.radius();
    // A ball meets the region when its centre or one of 64 points of its boundary is in it.
    let meets = |c: Point| mml::ball_points(c, r, 64).any(inside);
    // The region's canonical bounding box, from a fine sampling of its boundary, widened 1%.
    let thetas: Vec<Point> = rectangle(&spec.limits, 400)
        .into_iter()
        .map(|p| chart.theta(p))
        .collect();
    let lo = thetas
        .iter()
        .fold(Point::repeat(f64::INFINITY), |a, p| a.inf(p));
    let hi = thetas
        .iter()
        .fold(Point::repeat(f64::NEG_INFINITY), |a, p| a.sup(p));
    let pad = 0.01 * (hi - lo);
    let mu = Interval::new(lo.x - pad.x, hi.x + pad.x);
    let sigma = Interval::new((lo.y - pad.y).max(0.5 * lo.y), hi.y + pad.y);
    // Every cap of every figure: the balls, and the outline points over all panels.
    let points = spec.points * spec.panels.len();
    let limit = crate::spec::MAX_BALLS.min(crate::spec::MAX_TOTAL_POINTS / points);
    let centres =
        mml::gaussian_centres(meets, mu, sigma, r, limit).ok_or(BallError::TooMany { limit })?;
    if centres.is_empty() {
        return Err(BallError::Empty);
    }
    Ok(centres.into_iter().map(|t| chart.phi(t)).collect())
}

/// Points of the region spread evenly over it (the Halton sequence in bases 2 and 3 over the
/// rectangle of the first chart): where the deepest hole is looked for.
const HOLE_PROBES: usize = 1024;

/// The largest Fisher–Rao distance from a probe of the region to its nearest centre (in
/// canonical coordinates), over [`HOLE_PROBES`] probes; None without a closed-form distance.
fn deepest_hole(spec: &FigureSpec, first: &Model, centres: &[Point]) -> Option<f64> {
    use rayon::prelude::*;
    let family = first.family;
    let thetas: Vec<Point> = centres.iter().map(|&c| first.chart.theta(c)).collect();
    let halton = mml::halton;
    let (x, y) = (spec.limits.x, spec.limits.y);
    (1..=HOLE_PROBES)
        .into_par_iter()
        .map(|i| {
            let p = Point::new(
                x.lo + x.width() * halton(i, 2),
                y.lo + y.width() * halton(i, 3),
            );
            let t = first.chart.theta(p);
            thetas
                .iter()
                .map(|&c| family.fisher_rao(t, c))
                .try_fold(f64::INFINITY, |m, d| Some(m.min(d?)))
        })
        .try_reduce(|| 0.0, |a, b| Some(a.max(b)))
}

/// The boundary of a rectangle, `n` points an edge, counter-clockwise from the bottom left.
fn rectangle(l: &crate::geometry::Limits, n: usize) -> Vec<Point> {
    let (x, y) = (l.x, l.y);
    let at = |a: f64, b: f64, k: usize| a + (b - a) * k as f64 / n as f64;
    (0..n)
        .map(|k| Point::new(at(x.lo, x.hi, k), y.lo))
        .chain((0..n).map(|k| Point::new(x.hi, at(y.lo, y.hi, k))))
        .chain((0..n).map(|k| Point::new(at(x.hi, x.lo, k), y.hi)))
        .chain((0..n).map(|k| Point::new(x.lo, at(y.hi, y.lo, k))))
        .collect()
}

/// A geodesic mapped into a panel's chart.
fn path(g: &Geodesic, chart: &dyn Chart) -> Path {
    Path {
        from: chart.phi(g.from),
        to: chart.phi(g.to),
        points: g.points.iter().map(|&t| chart.phi(t)).collect(),
        length: g.length,
        distance: g.distance,
    }
}
