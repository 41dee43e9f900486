//! spec → geometry: the balls a [`FigureSpec`] asks for, in every panel.

use crate::geometry::ball::{self, Ball, BallError};
use crate::geometry::geodesic::{self, GeodesicError};
use crate::geometry::{BallKind, Chart, Interval, Model, Point, grid, jeffreys, mml};
use crate::request::{ChartChoice, FigureKind, FigureSpec};

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
    /// centre (at most the radius for a covering), by the exact distance (closed form or
    /// shooting); None if a distance could not be found.
    pub deepest_hole: Option<f64>,
    /// How the rows were laid, for the caption, and the Fisher area of one ball that the
    /// thinness K·area/V counts: exact for the Gaussian's discs of curvature −½, the flat
    /// π r² otherwise (which differs from a geodesic disc's by a factor 1 − κr²/12 for a
    /// curvature κ: under 0.5% for r ≤ 0.15 on these families).
    pub rows: String,
    pub ball_area: f64,
}

/// What [`packing`] found: the centres (first chart) and the region's measures.
struct Covering {
    centres: Vec<Point>,
    hole: Option<f64>,
    rows: String,
    ball_area: f64,
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
    let mut covered = None;
    let (centres, geodesics) = match &spec.kind {
        FigureKind::Covering => {
            let c = packing(spec, &first)?;
            covered = Some((c.hole, c.rows, c.ball_area));
            (c.centres, Vec::new())
        }
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
    let (hole, rows, ball_area) = covered.unwrap_or((None, String::new(), 0.0));
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
            rows: rows.clone(),
            ball_area,
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
            // The closed form where there is one (a check on the path); otherwise the
            // shooting's length, which `between` has just found.
            distance: family.fisher_rao(ta, tb).unwrap_or(path.length),
        });
    }
    Ok((centres, geodesics))
}

/// The covering of `geometry::mml` of the region (the spec's limits, in the first chart):
/// the centres whose balls meet it, as points of the first chart, and the deepest hole
/// found among [`HOLE_PROBES`] probes of the region. The Gaussian's covering is exact; other
/// families' rows take the metric as constant over each ball, so their balls are laid with
/// a radius 2% short of r, and 3% shorter again while a hole deeper than r is found (at most
/// four times): the hole reported is measured with exact distances.
fn packing(spec: &FigureSpec, first: &Model) -> Result<Covering, BallError> {
    let chart = first.chart;
    let family = first.family;
    let inside = |t: Point| {
        let p = chart.phi(t);
        let (x, y) = (spec.limits.x, spec.limits.y);
        x.lo <= p.x && p.x <= x.hi && y.lo <= p.y && p.y <= y.hi
    };
    let r = spec.level.radius();
    // The region's canonical bounding box, from a fine sampling of its boundary, widened 1%.
    let thetas: Vec<Point> = rectangle(&spec.limits, 400)
        .into_iter()
        .map(|p| chart.theta(p))
        .collect();
    let (x, y) = widened_box(&thetas);
    // Every cap of every figure: the balls, and the outline points over all panels, each
    // weighed by what it costs to solve (the exponential map's for Gamma and Beta).
    let points = spec.points * spec.panels.len() * family.point_cost(BallKind::FisherRao);
    let limit = crate::request::MAX_BALLS.min(crate::request::MAX_TOTAL_POINTS / points);
    let too_many = BallError::TooMany { limit };
    let to_chart = |c: Vec<Point>| -> Vec<Point> { c.into_iter().map(|t| chart.phi(t)).collect() };
    // The Gaussian has the exact covering of its half-plane (rows along horocycles);
    // every other family the rows of a locally flat metric, checked by exact distances.
    if family.name() == "gaussian" {
        // A ball meets the region when its centre or one of 64 points of its boundary is in it.
        let meets = |c: Point| mml::ball_points(c, r, 64).any(inside);
        let centres = mml::gaussian_centres(meets, x, y, r, limit).ok_or(too_many)?;
        return Ok(Covering {
            hole: deepest_hole(spec, first, &centres, r),
            centres: non_empty(to_chart(centres))?,
            rows: "in rows of constant σ".to_string(),
            ball_area: mml::ball_area(r),
        });
    }
    let mut laid = 0.98 * r;
    for _ in 0..4 {
        let (centres, along) = rows_in_best_chart(family, &thetas, &inside, laid, limit)?;
        let hole = deepest_hole(spec, first, &centres, r);
        if hole.is_some_and(|h| h <= r) || centres.is_empty() {
            return Ok(Covering {
                hole,
                centres: non_empty(to_chart(centres))?,
                rows: format!("in rows of constant {along}"),
                ball_area: std::f64::consts::PI * r * r,
            });
        }
        laid *= 0.97;
    }
    Err(BallError::NoCovering)
}

/// The rows of `mml::rows_centres` laid in each chart of the family in turn (rows along
/// the chart's second coordinate held constant, over the bounding box of the region's
/// boundary `thetas` there), keeping the covering with the fewest centres, as canonical
/// points, and the coordinate held constant along the rows. Rows waste least where the
/// metric's scale across them changes least along them (Weibull's Gumbel chart, whose metric
/// depends on s alone, needs half the balls its shape-scale chart does).
fn rows_in_best_chart(
    family: &dyn crate::geometry::Family,
    thetas: &[Point],
    inside: &dyn Fn(Point) -> bool,
    r: f64,
    limit: usize,
) -> Result<(Vec<Point>, &'static str), BallError> {
    let mut best: Option<(Vec<Point>, &'static str)> = None;
    for &chart in family.charts() {
        let model = Model::new(family, chart);
        let phis: Vec<Point> = thetas.iter().map(|&t| chart.phi(t)).collect();
        let (x, y) = widened_box(&phis);
        let fisher = |p: Point| model.contains(p).then(|| model.fisher(p));
        let meets = |c: Point| {
            fisher(c)
                .and_then(|g| mml::ellipse_points(c, g, 1.05 * r, 64))
                .is_some_and(|p| {
                    p.into_iter()
                        .any(|q| model.contains(q) && inside(chart.theta(q)))
                })
        };
        let cap = best.as_ref().map_or(limit, |b| b.0.len().min(limit));
        if let Some(centres) = mml::rows_centres(fisher, meets, x, y, r, cap)
            && best.as_ref().is_none_or(|b| centres.len() < b.0.len())
        {
            let thetas = centres.into_iter().map(|p| chart.theta(p)).collect();
            // The coordinate's name without its gloss: "κ = α+β (concentration)" → "κ = α+β".
            let name = chart.axis_labels()[1]
                .split(" (")
                .next()
                .unwrap_or_default();
            best = Some((thetas, name));
        }
    }
    best.ok_or(BallError::TooMany { limit })
}

/// The bounding box of points widened 1% on each side, its bottom by no more than half
/// its distance from 0 (so that a positive σ stays positive).
fn widened_box(points: &[Point]) -> (Interval, Interval) {
    let lo = points
        .iter()
        .fold(Point::repeat(f64::INFINITY), |a, p| a.inf(p));
    let hi = points
        .iter()
        .fold(Point::repeat(f64::NEG_INFINITY), |a, p| a.sup(p));
    let pad = 0.01 * (hi - lo);
    (
        Interval::new(lo.x - pad.x, hi.x + pad.x),
        Interval::new((lo.y - pad.y).max(lo.y - 0.5 * lo.y.abs()), hi.y + pad.y),
    )
}

fn non_empty(centres: Vec<Point>) -> Result<Vec<Point>, BallError> {
    match centres.is_empty() {
        true => Err(BallError::Empty),
        false => Ok(centres),
    }
}

/// Points of the region spread evenly over it (the Halton sequence in bases 2 and 3 over the
/// rectangle of the first chart): where the deepest hole is looked for.
const HOLE_PROBES: usize = 1024;

/// The largest Fisher–Rao distance from a probe of the region to its nearest centre (both
/// canonical), over [`HOLE_PROBES`] probes. The nearest centre is looked for among those
/// within 3r in the probe's flat metric (all of them if none is), by the midpoint-rule
/// distance; the exact distance (closed form, or shooting) is then taken to every candidate
/// within 2% of the nearest. None if an exact distance fails.
fn deepest_hole(spec: &FigureSpec, first: &Model, centres: &[Point], r: f64) -> Option<f64> {
    use rayon::prelude::*;
    let family = first.family;
    let halton = mml::halton;
    let (x, y) = (spec.limits.x, spec.limits.y);
    let flat = |a: Point, b: Point| {
        let d = b - a;
        d.dot(&(family.fisher(0.5 * (a + b)) * d)).max(0.0).sqrt()
    };
    (1..=HOLE_PROBES)
        .into_par_iter()
        .map(|i| {
            let p = Point::new(
                x.lo + x.width() * halton(i, 2),
                y.lo + y.width() * halton(i, 3),
            );
            let t = first.chart.theta(p);
            let inverse = family.fisher(t).try_inverse()?;
            let reach = Point::new(inverse[(0, 0)].sqrt(), inverse[(1, 1)].sqrt()) * 3.0 * r;
            let near: Vec<Point> = centres
                .iter()
                .copied()
                .filter(|c| (c - t).abs() <= reach)
                .collect();
            let pool = if near.is_empty() { centres } else { &near[..] };
            let approx: Vec<f64> = pool.iter().map(|&c| flat(t, c)).collect();
            let best = approx.iter().copied().fold(f64::INFINITY, f64::min);
            pool.iter()
                .zip(&approx)
                .filter(|(_, a)| **a <= 1.02 * best + 1e-12)
                .map(|(&c, _)| geodesic::distance(family, t, c).ok())
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
