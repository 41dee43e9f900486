//! Panels of balls → panel scenes: the view each panel shows, its shapes coloured as the use
//! asks, its ink curves (geodesics, a region's boundary) and its shading (the Jeffreys
//! prior); and the words that titles and captions share.

use super::{Jeffreys, Layer, Panel, extent};
use crate::geometry::{BallKind, Interval, Point};
use crate::number::significant;
use crate::request::{ChartChoice, YScale};
use crate::scene::{Curve, PanelScene, Shading, Shapes};
use crate::style::{Rgb, Style, viridis};

/// How a one-kind panel colours its balls (several kinds are always a colour per kind).
#[derive(Debug, Clone, Copy)]
pub enum Colouring {
    /// All alike, in the kind's colour.
    ByKind,
    /// Each ball of a grid `across` centres wide in its own colour, so that a reader can find
    /// it in every panel.
    ByBall { across: usize },
    /// One colour a path of `along` balls.
    ByPath { along: usize },
    /// White glass, readable on every colour of a shading under it.
    WhiteGlass,
}

/// How a use's panels are drawn.
pub struct Drawing<'a> {
    pub charts: &'a [ChartChoice],
    /// What the first panel shows at least (where the centres lie), if anything.
    pub limits: Option<(Interval, Interval)>,
    /// `--xrange`/`--yrange`: the first panel's drawn axes, fixed.
    pub axes: [Option<Interval>; 2],
    pub y_scale: YScale,
    pub colouring: Colouring,
}

/// A panel scene for each panel.
pub fn panel_scenes(drawing: &Drawing, panels: &[Panel], style: &Style) -> Vec<PanelScene> {
    let several = panels.len() > 1;
    drawing
        .charts
        .iter()
        .zip(panels)
        .enumerate()
        .map(|(i, (choice, panel))| {
            let [x, y] = match &style.labels {
                Some([x, y]) => [x.clone(), y.clone()],
                None => choice.chart().axis_labels().map(str::to_string),
            };
            // The first panel shows the limits the centres fill; later ones what they hold.
            let limits = drawing.limits.filter(|_| i == 0);
            let (x_range, y_range) = view(limits, panel);
            let log = log_axis(i, panel, drawing.y_scale);
            let y_range = log.unwrap_or(y_range);
            let fixed = |k: usize| drawing.axes[k].filter(|_| i == 0);
            let (x_range, y_range) = (fixed(0).unwrap_or(x_range), fixed(1).unwrap_or(y_range));
            let log_y = log.is_some() && y_range.lo > 0.0;
            let title = several.then(|| match log_y {
                true => format!("{}, log y", chart_title(choice)),
                false => chart_title(choice),
            });
            PanelScene {
                title,
                x_label: x,
                y_label: y,
                x_range,
                y_range,
                equal_aspect: matches!(choice, ChartChoice::Whitened(_)),
                log_y,
                shapes: shapes(drawing.colouring, style, &panel.layers),
                paths: ink_curves(panel, style.theme.ink),
                shading: panel.jeffreys.as_ref().map(shading),
                markers: Vec::new(),
            }
        })
        .collect()
}

/// "mean-std chart", or "mean-std chart whitened at (0, 1)".
pub fn chart_title(choice: &ChartChoice) -> String {
    match choice {
        ChartChoice::Named(c) => format!("{} chart", c.name()),
        ChartChoice::Whitened(w) => format!(
            "{} chart whitened at ({}, {})",
            w.base().name(),
            significant(w.at().x),
            significant(w.at().y)
        ),
    }
}

/// The panels' chart names, "(whitened)" after them when they are.
pub fn panel_names(charts: &[ChartChoice]) -> String {
    let names: Vec<&str> = charts
        .iter()
        .map(|p| match p {
            ChartChoice::Whitened(w) => w.base().name(),
            ChartChoice::Named(c) => c.name(),
        })
        .collect();
    let whitened = matches!(charts[0], ChartChoice::Whitened(_));
    format!(
        "{}{}",
        names.join(", "),
        if whitened { " (whitened)" } else { "" }
    )
}

/// What a caption says is drawn: one kind with its equation (the legend gives several
/// kinds' equations, so the caption names them only).
pub fn kinds_drawn(kinds: &[BallKind]) -> String {
    match kinds {
        [one] => format!("{} balls: {}", one.name(), one.equation()),
        many => {
            let names: Vec<&str> = many.iter().map(|k| k.name()).collect();
            format!("balls: {}", names.join(", "))
        }
    }
}

/// Shapes of one panel: a one-kind panel coloured as the use asks; several kinds a colour
/// per kind, filled faintly so that every outline shows through.
fn shapes(colouring: Colouring, style: &Style, layers: &[Layer]) -> Vec<Shapes> {
    let palette = style.palette;
    let xy = |p: &Point| (p.x, p.y);
    match (layers, colouring) {
        ([one], Colouring::ByBall { across }) => one
            .balls
            .iter()
            .enumerate()
            .map(|(i, b)| single(i, palette.cell(i % across, i / across), b))
            .collect(),
        ([one], Colouring::ByPath { along }) => one
            .balls
            .iter()
            .enumerate()
            .map(|(i, b)| single(i, palette.cell(0, i / along), b))
            .collect(),
        ([one], Colouring::WhiteGlass) => vec![Shapes {
            first: 0,
            label: String::new(),
            colour: [255, 255, 255],
            fill_alpha: 0.3,
            dash: None,
            outlines: one
                .balls
                .iter()
                .map(|b| b.points.iter().map(xy).collect())
                .collect(),
            centres: one.balls.iter().map(|b| xy(&b.centre)).collect(),
        }],
        _ => layers
            .iter()
            .map(|layer| Shapes {
                first: 0,
                label: if layers.len() > 1 {
                    format!("{}: {}", layer.kind.name(), layer.kind.equation())
                } else {
                    String::new()
                },
                colour: palette.kind(layer.kind),
                fill_alpha: if layers.len() > 1 { 0.06 } else { 0.22 },
                dash: palette.dash(layer.kind),
                outlines: layer
                    .balls
                    .iter()
                    .map(|b| b.points.iter().map(xy).collect())
                    .collect(),
                centres: layer.balls.iter().map(|b| xy(&b.centre)).collect(),
            })
            .collect(),
    }
}

/// Ball `i` alone, in `colour`.
fn single(i: usize, colour: Rgb, b: &crate::geometry::ball::Ball) -> Shapes {
    let xy = |p: &Point| (p.x, p.y);
    Shapes {
        first: i,
        label: String::new(),
        colour,
        fill_alpha: 0.3,
        dash: None,
        outlines: vec![b.points.iter().map(xy).collect()],
        centres: vec![xy(&b.centre)],
    }
}

/// The ink-coloured curves of a panel: its geodesics (open) and its region's boundary
/// (closed).
fn ink_curves(panel: &Panel, ink: Rgb) -> Vec<Curve> {
    let curve = |points: Vec<(f64, f64)>| Curve {
        points,
        colour: ink,
        width: 1.2,
        alpha: 1.0,
        label: String::new(),
    };
    let xy = |p: &Point| (p.x, p.y);
    let open = panel
        .paths
        .iter()
        .map(|p| curve(p.points.iter().map(xy).collect()));
    let closed = panel.region.iter().map(|r| {
        curve(
            r.boundary
                .iter()
                .chain(r.boundary.first())
                .map(xy)
                .collect(),
        )
    });
    open.chain(closed).collect()
}

/// The Jeffreys density, shaded on a log scale (it spans decades over a chart).
fn shading(j: &Jeffreys) -> Shading {
    let f = &j.density;
    let logs: Vec<f64> = f.values.iter().map(|v| v.log10()).collect();
    let finite = logs.iter().copied().filter(|v| v.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    Shading {
        x: f.x,
        y: f.y,
        cols: f.cols,
        rows: f.rows,
        colours: logs
            .iter()
            .map(|v| v.is_finite().then(|| viridis((v - lo) / span)))
            .collect(),
        bar_label: "log₁₀ √det F (Jeffreys density)".to_string(),
        bar_range: Interval::new(lo, lo + span),
        bar: (0..64).map(|k| viridis(k as f64 / 63.0)).collect(),
    }
}

/// The y range of the `index`th panel's log axis, if it has one: when asked for, or (`auto`)
/// for a later panel whose balls span more than a decade.
pub fn log_axis(index: usize, panel: &Panel, y_scale: YScale) -> Option<Interval> {
    log_range(panel).filter(|r| match y_scale {
        YScale::Linear => false,
        YScale::Log => true,
        YScale::Auto => index > 0 && r.hi > 10.0 * r.lo,
    })
}

/// The y range of a panel's balls and paths widened by 3% on a log scale, when every y is
/// positive (else None: no log axis).
fn log_range(panel: &Panel) -> Option<Interval> {
    let ys = panel
        .layers
        .iter()
        .flat_map(|l| &l.balls)
        .flat_map(|b| &b.points)
        .chain(panel.paths.iter().flat_map(|p| &p.points))
        .map(|p| p.y);
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    if !(lo > 0.0 && hi.is_finite()) {
        return None;
    }
    let pad = (hi / lo).powf(0.03);
    Some(Interval::new(lo / pad, hi * pad))
}

/// The panel's extent, with room above the balls for a legend when there is one (several
/// kinds sit in the upper left).
fn view(limits: Option<(Interval, Interval)>, panel: &Panel) -> (Interval, Interval) {
    let (x, y) = extent(limits, &panel.layers, &panel.paths);
    let (x, y) = match &panel.region {
        Some(r) => {
            let (bx, by) = crate::scene::bounds(r.boundary.iter().map(|p| (p.x, p.y)));
            let pad = |a: Interval, b: Interval| {
                let w = 0.03 * b.width();
                Interval::new(a.lo.min(b.lo - w), a.hi.max(b.hi + w))
            };
            (pad(x, bx), pad(y, by))
        }
        None => (x, y),
    };
    let headroom = if panel.layers.len() > 1 {
        0.32 * y.width() / 1.06
    } else {
        0.0
    };
    (x, Interval::new(y.lo, y.hi + headroom))
}
