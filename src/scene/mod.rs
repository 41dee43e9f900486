//! What a figure shows, in data coordinates, with no drawing types: a [`Scene`] (panels of
//! shapes, curves, shading, a title and caption), and the [`Figure`] trait through which a
//! solved use hands the exporters its scene, its numbers and (for balls) its interactive page.

use crate::geometry::Interval;
use crate::style::{Canvas, Rgb, Style, Theme};

/// A solved use, as the exporters read it: each format asks for what it writes, so nothing
/// is built that the format does not need (a JSON export builds no scene).
pub trait Figure {
    /// What the drawn formats (SVG, PNG, PDF, pgfplots) show.
    fn scene(&self) -> Scene;
    /// The numbers behind the figure, written into `out` as compact JSON (the JSON exporter
    /// refuses them if any is not finite). Each use serialises its own numbers: its types
    /// stay known to serde, which a type-erased value (erased-serde) made 8% slower on a
    /// 100×100 export.
    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    /// The interactive page, where the use has one and it was asked for.
    fn interactive(&self) -> Option<&Interactive> {
        None
    }
    /// The frames of an animation, where the use has one (sweep: a frame a level).
    fn frames(&self) -> Option<Vec<Scene>> {
        None
    }
    /// What the user should know of the figure (it is drawn as asked, but may not read well).
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }
}

/// An interactive page: a scene for each level that could be solved (the same axes in each,
/// and each ball its own [`Shapes`]), which of them is the figure's own, and the data the
/// page's script shows, as JSON.
pub struct Interactive {
    pub scenes: Vec<Scene>,
    pub current: usize,
    pub title: String,
    pub data: String,
}

/// One set of outlines drawn alike.
pub struct Shapes {
    /// Legend entry; empty when there is nothing to tell apart.
    pub label: String,
    pub colour: Rgb,
    /// Opacity of the fill (the outline is opaque).
    pub fill_alpha: f64,
    /// Dashed outlines: dash and gap, in line widths; None: solid.
    pub dash: Option<(f64, f64)>,
    pub outlines: Vec<Vec<(f64, f64)>>,
    pub centres: Vec<(f64, f64)>,
    /// The grid index of the ball of the first outline (balls come row by row from the
    /// bottom left; the others follow in order): the page groups each ball by it.
    pub first: usize,
}

/// One set of axes.
pub struct PanelScene {
    /// Shown above the axes when a figure has several panels.
    pub title: Option<String>,
    pub x_label: String,
    pub y_label: String,
    /// The visible ranges: what the panel shows, widened a little.
    pub x_range: Interval,
    pub y_range: Interval,
    /// Whether a unit of x and of y must look the same length (whitened charts, whose
    /// circles must look round).
    pub equal_aspect: bool,
    /// A logarithmic y axis (its range is then positive).
    pub log_y: bool,
    pub shapes: Vec<Shapes>,
    /// Curves drawn over the balls (geodesics, descent paths).
    pub paths: Vec<Curve>,
    /// A shaded field under the balls, with its colour bar.
    pub shading: Option<Shading>,
    /// A scatter of points (estimates), drawn under the outlines.
    pub markers: Vec<(f64, f64)>,
}

/// A polyline, with its look and legend entry (empty: none).
pub struct Curve {
    pub points: Vec<(f64, f64)>,
    pub colour: Rgb,
    /// Width relative to the figure's outline width, and opacity.
    pub width: f64,
    pub alpha: f64,
    pub label: String,
}

/// Cells of colour covering a rectangle, row by row from the bottom (None: left white).
pub struct Shading {
    pub x: Interval,
    pub y: Interval,
    pub cols: usize,
    pub rows: usize,
    pub colours: Vec<Option<Rgb>>,
    /// The colour bar: its title, the range of values it spans, and its colours low to high.
    pub bar_label: String,
    pub bar_range: Interval,
    pub bar: Vec<Rgb>,
}

/// Everything a renderer needs to draw one figure.
pub struct Scene {
    pub canvas: Canvas,
    /// The ground under the figure; None: transparent.
    pub background: Option<Rgb>,
    pub theme: Theme,
    pub title: String,
    pub caption: Option<String>,
    /// Outline width in figure pixels.
    pub line_width: f64,
    pub panels: Vec<PanelScene>,
    /// Panels a row; None lets the renderer choose (a row up to three, then two rows).
    pub columns: Option<usize>,
}

impl Scene {
    /// The ground the marks stand on: the background, or the theme's paper under a
    /// transparent one (what outlines must stand out from).
    pub fn ground(&self) -> Rgb {
        self.background.unwrap_or(self.theme.paper)
    }

    /// A scene in `style`: its title unless the user gave one, its caption unless left out
    /// (made only when shown), and its panels (`columns` a row; None: the renderer chooses).
    pub fn styled(
        style: &Style,
        title: String,
        caption: impl FnOnce() -> String,
        panels: Vec<PanelScene>,
        columns: Option<usize>,
    ) -> Self {
        Scene {
            canvas: style.canvas,
            background: style.background,
            theme: style.theme,
            title: style.title.clone().unwrap_or(title),
            caption: style.caption.then(caption),
            line_width: style.line_width,
            panels,
            columns,
        }
    }
}

/// The smallest rectangle holding every point.
pub fn bounds(points: impl Iterator<Item = (f64, f64)>) -> (Interval, Interval) {
    let empty = Interval::new(f64::INFINITY, f64::NEG_INFINITY);
    points.fold((empty, empty), |(x, y), (px, py)| {
        (
            Interval::new(x.lo.min(px), x.hi.max(px)),
            Interval::new(y.lo.min(py), y.hi.max(py)),
        )
    })
}

/// An axis for what may be a single value (a descent started at its target): a range that
/// double precision cannot draw around its middle m is widened to m ± 10 % (± 1 at 0), so
/// the point sits in the middle of a view; any other range is kept.
pub fn widened(r: Interval) -> Interval {
    if drawable(r) || !r.lo.is_finite() || !r.hi.is_finite() {
        return r;
    }
    let m = 0.5 * (r.lo + r.hi);
    let half = if m == 0.0 { 1.0 } else { 0.1 * m.abs() };
    Interval::new(m - half, m + half)
}

/// Why a scene cannot be drawn: a number that is not finite, or an axis that double
/// precision cannot divide into ticks (plotters' tick search never ends on those).
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SceneError {
    #[error(
        "panel {panel} ({label}) cannot be drawn: its axis would run from {lo:?} to {hi:?}, beyond what double precision can draw; move --xlim/--ylim (or --at, --from, --target) nearer the chart's default view (`fisherballs families` lists them)"
    )]
    Range {
        panel: usize,
        label: String,
        lo: f64,
        hi: f64,
    },
    #[error(
        "panel {panel} ({label}) holds a coordinate that is not a finite number; move --xlim/--ylim (or --at, --from, --target) nearer the chart's default view"
    )]
    NotFinite { panel: usize, label: String },
}

/// Whether an axis from `r.lo` to `r.hi` can be drawn: both ends and the width finite, and
/// the width at least 1e-9 of the ends' size and above 1e-250 (ticks then differ in double
/// precision).
fn drawable(r: Interval) -> bool {
    let w = r.hi - r.lo;
    r.lo.is_finite()
        && r.hi.is_finite()
        && w.is_finite()
        && w >= 1e-9 * r.lo.abs().max(r.hi.abs())
        && w > 1e-250
}

/// Checks, once for every figure, that everything a scene asks a backend to draw is a
/// finite number on a drawable axis.
pub fn check(scene: &Scene) -> Result<(), SceneError> {
    for (i, p) in scene.panels.iter().enumerate() {
        for (name, range) in [(&p.x_label, p.x_range), (&p.y_label, p.y_range)] {
            if !drawable(range) {
                return Err(SceneError::Range {
                    panel: i + 1,
                    label: format!("the {name} axis"),
                    lo: range.lo,
                    hi: range.hi,
                });
            }
        }
        if let Some(s) = &p.shading
            && !(drawable(s.bar_range) && drawable(s.x) && drawable(s.y))
        {
            return Err(SceneError::Range {
                panel: i + 1,
                label: format!("the colour bar, {}", s.bar_label),
                lo: s.bar_range.lo,
                hi: s.bar_range.hi,
            });
        }
        let finite = |q: &(f64, f64)| q.0.is_finite() && q.1.is_finite();
        let shapes = p
            .shapes
            .iter()
            .flat_map(|s| s.outlines.iter().flatten().chain(&s.centres));
        let curves = p.paths.iter().flat_map(|c| &c.points);
        if !shapes.chain(curves).chain(&p.markers).all(finite) {
            return Err(SceneError::NotFinite {
                panel: i + 1,
                label: format!("{} against {}", p.y_label, p.x_label),
            });
        }
    }
    Ok(())
}
