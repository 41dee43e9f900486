//! geometry → scene: what a figure shows, in data coordinates, with no drawing types.

use crate::figure::Layer;
use crate::geometry::{BallKind, Interval, Point};
use crate::spec::PlotSpec;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Colour of each ball kind, from Okabe & Ito's colour-blind-safe palette.
pub fn colour(kind: BallKind) -> Rgb {
    match kind {
        BallKind::Quadratic => [0x00, 0x72, 0xB2], // blue
        BallKind::Kl => [0xD5, 0x5E, 0x00],        // vermillion
        BallKind::KlReverse => [0x00, 0x9E, 0x73], // bluish green
        BallKind::FisherRao => [0xCC, 0x79, 0xA7], // reddish purple
    }
}

/// One set of outlines drawn alike.
pub struct Shapes {
    /// Legend entry; empty when the figure has a single kind.
    pub label: String,
    pub colour: Rgb,
    /// Opacity of the fill (the outline is opaque).
    pub fill_alpha: f64,
    pub outlines: Vec<Vec<(f64, f64)>>,
    pub centres: Vec<(f64, f64)>,
}

/// Everything a renderer needs to draw one figure.
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub caption: String,
    pub x_label: String,
    pub y_label: String,
    /// The visible ranges: the limits, widened to show every outline whole.
    pub x_range: Interval,
    pub y_range: Interval,
    pub shapes: Vec<Shapes>,
}

/// The scene of a figure: titles and captions from the spec, shapes from the geometry.
pub fn build(spec: &PlotSpec, layers: &[Layer]) -> Scene {
    let several = layers.len() > 1;
    let shapes: Vec<Shapes> = layers.iter().map(|l| shapes(l, several)).collect();
    let [x_label, y_label] = spec.chart.axis_labels();
    let (x_range, y_range) = view(spec, layers);
    Scene {
        width: spec.size.0,
        height: spec.size.1,
        title: format!(
            "Fisher balls of the {}, {} chart",
            spec.family.display_name(),
            spec.chart.name()
        ),
        caption: caption(spec, layers),
        x_label: x_label.to_string(),
        y_label: y_label.to_string(),
        x_range,
        y_range,
        shapes,
    }
}

fn shapes(layer: &Layer, several: bool) -> Shapes {
    let xy = |p: &Point| (p.x, p.y);
    Shapes {
        label: if several {
            format!("{}: {}", layer.kind.name(), layer.kind.equation())
        } else {
            String::new()
        },
        colour: colour(layer.kind),
        // Overlaid kinds are filled faintly, so that every outline shows through.
        fill_alpha: if several { 0.06 } else { 0.22 },
        outlines: layer
            .balls
            .iter()
            .map(|b| b.points.iter().map(xy).collect())
            .collect(),
        centres: layer.balls.iter().map(|b| xy(&b.centre)).collect(),
    }
}

/// Two lines: what is drawn, then its size. For example
/// "gaussian · chart mean-std · kl balls: D(p′ ‖ p) = L" and
/// "KL level L = 0.01 · Fisher radius r = √(2L) = 0.1414 · 9×5 centres".
/// With several kinds the legend gives their equations, and the caption only their names.
fn caption(spec: &PlotSpec, layers: &[Layer]) -> String {
    let what = match layers {
        [one] => format!("{} balls: {}", one.kind.name(), one.kind.equation()),
        _ => {
            let names: Vec<&str> = layers.iter().map(|l| l.kind.name()).collect();
            format!("balls: {}", names.join(", "))
        }
    };
    let (nx, ny) = spec.grid;
    format!(
        "{} · chart {} · {what}\nKL level L = {} · Fisher radius r = √(2L) = {} · {nx}×{ny} centres",
        spec.family.name(),
        spec.chart.name(),
        significant(spec.level.kl()),
        significant(spec.level.radius()),
    )
}

/// Four significant digits, without trailing zeros: 0.01, 0.1414, 2.5.
pub fn significant(v: f64) -> String {
    let digits = (3 - v.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The limits, widened to contain every outline, plus a 3% margin on each side.
fn view(spec: &PlotSpec, layers: &[Layer]) -> (Interval, Interval) {
    let (mut x, mut y) = (spec.limits.x, spec.limits.y);
    for p in layers.iter().flat_map(|l| &l.balls).flat_map(|b| &b.points) {
        x = Interval::new(x.lo.min(p.x), x.hi.max(p.x));
        y = Interval::new(y.lo.min(p.y), y.hi.max(p.y));
    }
    let pad =
        |r: Interval, top: f64| Interval::new(r.lo - 0.03 * r.width(), r.hi + top * r.width());
    // A legend (several kinds) sits in the upper left: leave it room above the balls.
    let headroom = if layers.len() > 1 { 0.35 } else { 0.03 };
    (pad(x, 0.03), pad(y, headroom))
}
