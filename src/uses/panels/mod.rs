//! Balls in panels: what plot, compare, jeffreys, geodesic and mml share. The balls are
//! solved around centres in the first panel's chart; every later panel shows the same
//! distributions carried into its chart (never balls recomputed around other centres), in
//! the same order. Each use adds what only it has to its panels: paths, a region, a field.

pub mod json;
pub mod scene;

use crate::geometry::ball::{self, Ball, BallError};
use crate::geometry::{BallKind, Family, Interval, Level, Model, Point};
use crate::request::ChartChoice;

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

/// The region an `mml` figure covers, as a panel shows it.
pub struct Region {
    /// Its boundary in the panel's chart.
    pub boundary: Vec<Point>,
    /// Its Jeffreys volume, and what the covering found (`geometry::mml::Covering`).
    pub volume: f64,
    pub deepest_hole: Option<f64>,
    pub rows: String,
    pub ball_area: f64,
}

/// One panel: a layer per ball kind, in the order the request lists the kinds, and what
/// the use adds: geodesics, the Jeffreys prior, the region covered.
#[derive(Default)]
pub struct Panel {
    pub layers: Vec<Layer>,
    pub paths: Vec<Path>,
    pub jeffreys: Option<Jeffreys>,
    pub region: Option<Region>,
}

/// The balls of every kind around `centres` (points of the first panel's chart), solved
/// there and carried into every later panel's chart.
pub fn solve(
    family: &dyn Family,
    charts: &[ChartChoice],
    centres: &[Point],
    kinds: &[BallKind],
    level: Level,
    points: usize,
) -> Result<Vec<Panel>, BallError> {
    let first = Model::new(family, charts[0].chart());
    let layers = kinds
        .iter()
        .map(|&kind| {
            let balls = ball::balls(&first, centres, kind, level, points)?;
            Ok(Layer { kind, balls })
        })
        .collect::<Result<Vec<_>, BallError>>()?;
    let later: Vec<Panel> = charts[1..]
        .iter()
        .map(|choice| {
            let to = Model::new(family, choice.chart());
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
            Ok(Panel {
                layers: carried,
                ..Panel::default()
            })
        })
        .collect::<Result<_, BallError>>()?;
    Ok(std::iter::once(Panel {
        layers,
        ..Panel::default()
    })
    .chain(later)
    .collect())
}

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
