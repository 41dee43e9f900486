//! geometry → scene: what a figure shows, in data coordinates, with no drawing types.

use crate::geometry::{BallKind, Interval, Point};
use crate::style::{Canvas, Rgb, Theme, viridis};
use crate::panels::{Layer, Panel};
use crate::request::{ChartChoice, FigureKind, FigureSpec, YScale};

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

/// The ink-coloured curves of a panel: its geodesics (open) and its region's boundary
/// (closed).
fn dark_curves(panel: &Panel, ink: Rgb) -> Vec<Curve> {
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
fn shading(j: &crate::panels::Jeffreys) -> Shading {
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

/// The scene of a figure: titles and captions from the spec, shapes from the geometry.
pub fn build(spec: &FigureSpec, panels: &[Panel]) -> Scene {
    let several = panels.len() > 1;
    let scenes = spec
        .panels
        .iter()
        .zip(panels)
        .enumerate()
        .map(|(i, (choice, panel))| {
            let [x, y] = match &spec.style.labels {
                Some([x, y]) => [x.clone(), y.clone()],
                None => choice.chart().axis_labels().map(str::to_string),
            };
            // The first panel shows the limits the centres fill; later ones what they hold.
            let limits = (i == 0).then_some((spec.limits.x, spec.limits.y));
            let limits = limits.filter(|_| !matches!(spec.kind, FigureKind::Geodesic(_)));
            let (x_range, y_range) = view(limits, panel);
            let log = log_range(panel).filter(|r| match spec.y_scale {
                YScale::Linear => false,
                YScale::Log => true,
                YScale::Auto => spec.kind == FigureKind::Compare && i > 0 && r.hi > 10.0 * r.lo,
            });
            let y_range = log.unwrap_or(y_range);
            // --xrange/--yrange fix the first panel's drawn axes.
            let fixed = |k: usize| spec.axes[k].filter(|_| i == 0);
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
                shapes: shapes(spec, &panel.layers),
                paths: dark_curves(panel, spec.style.theme.ink),
                shading: panel.jeffreys.as_ref().map(shading),
                markers: Vec::new(),
            }
        })
        .collect();
    Scene {
        canvas: spec.style.canvas,
        background: spec.style.background,
        theme: spec.style.theme,
        title: spec.style.title.clone().unwrap_or_else(|| title(spec)),
        caption: spec.style.caption.then(|| caption(spec, panels)),
        line_width: spec.style.line_width,
        panels: scenes,
        columns: None,
    }
}

fn title(spec: &FigureSpec) -> String {
    let family = spec.family.display_name();
    match (&spec.kind, &spec.panels[..]) {
        (FigureKind::Covering, _) => {
            format!("Minimum message length: a region of the {family} covered by Fisher balls")
        }
        (FigureKind::Geodesic(_), [one]) => {
            format!("Fisher–Rao geodesics of the {family}, {}", chart_title(one))
        }
        (FigureKind::Geodesic(_), many) => {
            format!(
                "Fisher–Rao geodesics of the {family} in {} charts",
                many.len()
            )
        }
        (_, [one]) => format!("Fisher balls of the {family}, {}", chart_title(one)),
        (_, many) => format!(
            "The same Fisher balls of the {family} in {} charts",
            many.len()
        ),
    }
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

/// Shapes of one panel. One kind: each ball in its own colour when panels are compared (so
/// a reader can find it in every panel), else all alike. Several kinds: a colour per kind.
fn shapes(spec: &FigureSpec, layers: &[Layer]) -> Vec<Shapes> {
    let palette = spec.style.palette;
    let xy = |p: &Point| (p.x, p.y);
    match layers {
        [one] if matches!(spec.kind, FigureKind::Compare | FigureKind::Geodesic(_)) => one
            .balls
            .iter()
            .enumerate()
            .map(|(i, b)| Shapes {
                first: i,
                label: String::new(),
                // Along geodesics, one colour a path; on a grid, one a ball.
                colour: match spec.kind {
                    FigureKind::Geodesic(_) => palette.cell(0, i / spec.grid.0),
                    _ => palette.cell(i % spec.grid.0, i / spec.grid.0),
                },
                fill_alpha: 0.3,
                dash: None,
                outlines: vec![b.points.iter().map(xy).collect()],
                centres: vec![xy(&b.centre)],
            })
            .collect(),
        // Over the Jeffreys shading, balls are white glass: readable on every colour of it.
        [one] if spec.kind == FigureKind::Jeffreys => vec![Shapes {
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
                // Overlaid kinds are filled faintly, so that every outline shows through.
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

/// Two lines: what is drawn, then its size. For example
/// "gaussian · chart mean-std · kl balls: D(p′ ‖ p) = L" and
/// "KL level L = 0.01 · Fisher radius r = √(2L) = 0.1414 · 9×5 centres".
/// With several kinds the legend gives their equations, and the caption only their names.
fn caption(spec: &FigureSpec, panels: &[Panel]) -> String {
    let what = match &spec.kinds[..] {
        [one] => format!("{} balls: {}", one.name(), one.equation()),
        many => {
            let names: Vec<&str> = many.iter().map(|k| k.name()).collect();
            format!("balls: {}", names.join(", "))
        }
    };
    let (nx, ny) = spec.grid;
    if let Some(region) = panels.first().and_then(|p| p.region.as_ref()) {
        let k = panels[0].layers[0].balls.len();
        let (x, y) = (spec.limits.x, spec.limits.y);
        let [xl, yl] = spec.chart().axis_labels();
        return format!(
            "{} · charts {} · region {xl} ∈ [{}, {}], {yl} ∈ [{}, {}] of {}\nK = {k} Fisher–Rao balls of radius r = {} cover it, {} · log₂ K = {} bits · thinness K·area/V = {}{}",
            spec.family.name(),
            panel_names(spec),
            significant(x.lo),
            significant(x.hi),
            significant(y.lo),
            significant(y.hi),
            spec.chart().name(),
            significant(spec.level.radius()),
            region.rows,
            significant((k as f64).log2()),
            significant(k as f64 * region.ball_area / region.volume),
            region
                .deepest_hole
                .map(|h| format!(" · deepest hole {} r", significant(h / spec.level.radius())))
                .unwrap_or_default(),
        );
    }
    let (charts, centres) = match spec.panels.len() {
        _ if matches!(spec.kind, FigureKind::Geodesic(_)) => (
            format!("charts {}", panel_names(spec)),
            format!("{ny} geodesic(s), {nx} balls along each"),
        ),
        1 => (
            format!("chart {}", spec.chart().name()),
            format!("{nx}×{ny} centres"),
        ),
        _ => (
            format!("charts {}", panel_names(spec)),
            format!("{nx}×{ny} centres on a grid in the first chart"),
        ),
    };
    let mut text = format!(
        "{} · {charts} · {what}\nKL level L = {} · Fisher radius r = √(2L) = {} · {centres}",
        spec.family.name(),
        significant(spec.level.kl()),
        significant(spec.level.radius()),
    );
    if let Some(j) = panels.first().and_then(|p| p.jeffreys.as_ref()) {
        let lo = j.masses.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = j.masses.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        text.push_str(&format!(
            "\nShaded: the Jeffreys prior √det F. Each ball carries about the same prior mass: {} to {} (2πL = {})",
            significant(lo),
            significant(hi),
            significant(2.0 * std::f64::consts::PI * spec.level.kl())
        ));
    }
    text
}

fn panel_names(spec: &FigureSpec) -> String {
    let names: Vec<&str> = spec
        .panels
        .iter()
        .map(|p| match p {
            ChartChoice::Whitened(w) => w.base().name(),
            ChartChoice::Named(c) => c.name(),
        })
        .collect();
    let whitened = matches!(spec.panels[0], ChartChoice::Whitened(_));
    format!(
        "{}{}",
        names.join(", "),
        if whitened { " (whitened)" } else { "" }
    )
}

/// Four significant digits, without trailing zeros: 0.01, 0.1414, 2.5.
pub fn significant(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let digits = (3 - v.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
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
    let (x, y) = crate::panels::extent(limits, &panel.layers, &panel.paths);
    let (x, y) = match &panel.region {
        Some(r) => {
            let (bx, by) = bounds(r.boundary.iter().map(|p| (p.x, p.y)));
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

/// The scene of an `mle` figure: for each chart, the estimates with the 1- and 2-s.d.
/// ellipses of N(θ, F⁻¹/n), and beside them the whitened estimates with circles of radius
/// 1 and 2.
pub fn mle(spec: &crate::request::MleSpec, views: &[crate::mle::MleView], missing: usize) -> Scene {
    let palette = spec.style.palette;
    let xy = |p: &Point| (p.x, p.y);
    let rings = |curves: &[Vec<Point>; 2], centre: Point, labels: [&str; 2]| -> Vec<Shapes> {
        curves
            .iter()
            .zip(["1", "2"])
            .zip(labels)
            .map(|((c, k), label)| {
                let kind = if k == "1" {
                    BallKind::Quadratic
                } else {
                    BallKind::Kl
                };
                Shapes {
                    first: 0,
                    label: label.to_string(),
                    colour: palette.kind(kind),
                    fill_alpha: 0.0,
                    dash: palette.dash(kind),
                    outlines: vec![c.iter().map(xy).collect()],
                    centres: vec![xy(&centre)],
                }
            })
            .collect()
    };
    let panel = |title: String,
                 labels: [String; 2],
                 shapes: Vec<Shapes>,
                 markers: &[Point],
                 white: bool| {
        let outlines = shapes
            .iter()
            .flat_map(|s| s.outlines.iter().flatten().copied());
        let (x, y) = bounds(markers.iter().map(xy).chain(outlines));
        let pad =
            |r: Interval, top: f64| Interval::new(r.lo - 0.03 * r.width(), r.hi + top * r.width());
        PanelScene {
            title: Some(title),
            x_label: labels[0].clone(),
            y_label: labels[1].clone(),
            x_range: pad(x, 0.03),
            y_range: pad(y, 0.3),
            equal_aspect: white,
            log_y: false,
            shapes,
            paths: Vec::new(),
            shading: None,
            markers: markers.iter().map(xy).collect(),
        }
    };
    let mut panels = Vec::new();
    for v in views {
        let labels = v.chart.axis_labels().map(str::to_string);
        panels.push(panel(
            format!("{} chart", v.chart.name()),
            labels,
            rings(&v.ellipses, v.truth, ["1 s.d. of N(θ, F⁻¹/n)", "2 s.d."]),
            &v.estimates,
            false,
        ));
        let white = ["w₁".to_string(), "w₂".to_string()];
        panels.push(panel(
            format!("{} whitened: w = √n F^½ (estimate − θ)", v.chart.name()),
            white,
            rings(&v.circles, Point::zeros(), ["radius 1", "radius 2"]),
            &v.whitened,
            true,
        ));
    }
    let charts: Vec<&str> = views.iter().map(|v| v.chart.name()).collect();
    let truth = views[0].truth;
    let samples = match missing {
        0 => format!("{} samples", spec.trials),
        k => format!("{} of {} samples", spec.trials - k, spec.trials),
    };
    let title = format!(
        "Maximum-likelihood estimates of the {}: {samples} of n = {}",
        spec.family.display_name(),
        spec.n
    );
    let caption = format!(
        "{} · charts {} · true θ = ({}, {}) in {} · seed {}{}\nEllipses: 1 and 2 s.d. of N(θ, F⁻¹/n), the quadratic balls of level k²/(2n); whitened, every chart gives a round cloud of unit spread",
        spec.family.name(),
        charts.join(", "),
        significant(truth.x),
        significant(truth.y),
        charts[0],
        spec.seed,
        match missing {
            0 => String::new(),
            k => format!(" · {k} samples without an estimate left out"),
        },
    );
    Scene {
        canvas: spec.style.canvas,
        background: spec.style.background,
        theme: spec.style.theme,
        title: spec.style.title.clone().unwrap_or(title),
        caption: spec.style.caption.then_some(caption),
        line_width: spec.style.line_width,
        panels,
        columns: Some(2),
    }
}

/// The smallest rectangle holding every point.
fn bounds(points: impl Iterator<Item = (f64, f64)>) -> (Interval, Interval) {
    let empty = Interval::new(f64::INFINITY, f64::NEG_INFINITY);
    points.fold((empty, empty), |(x, y), (px, py)| {
        (
            Interval::new(x.lo.min(px), x.hi.max(px)),
            Interval::new(y.lo.min(py), y.hi.max(py)),
        )
    })
}

/// The scene of a `natgrad` figure: a panel a chart, with the plain (first colour) and
/// natural (second colour) paths descended in it drawn bold, and those descended in the
/// other charts, mapped in, drawn faint.
pub fn natgrad(
    spec: &crate::request::NatgradSpec,
    descents: &[crate::natgrad::Descent],
    views: &[crate::natgrad::View],
) -> Scene {
    use crate::geometry::descent::Method;
    let palette = spec.style.palette;
    let colour = |m: Method| {
        palette.kind(if m == Method::Plain {
            BallKind::Quadratic
        } else {
            BallKind::Kl
        })
    };
    let panels = views
        .iter()
        .map(|view| {
            let chart = view.chart;
            let mut labelled = std::collections::HashSet::new();
            let paths: Vec<Curve> = descents
                .iter()
                .zip(&view.paths)
                .map(|(d, path)| {
                    let own = d.chart == chart.name();
                    let key = (d.method.name(), own);
                    let label = match labelled.insert(key) {
                        false => String::new(),
                        true if own => format!("{} gradient, descended here", d.method.name()),
                        true => format!("{} gradient, descended in other charts", d.method.name()),
                    };
                    Curve {
                        points: path.iter().map(|p| (p.x, p.y)).collect(),
                        colour: colour(d.method),
                        width: if own { 1.5 } else { 1.0 },
                        alpha: if own { 1.0 } else { 0.45 },
                        label: if spec.charts.len() > 1 || own {
                            label
                        } else {
                            String::new()
                        },
                    }
                })
                .collect();
            let target = view.target;
            let (x, y) = bounds(
                paths
                    .iter()
                    .flat_map(|c| c.points.iter().copied())
                    .chain([(target.x, target.y)]),
            );
            let pad = |r: Interval, top: f64| {
                Interval::new(r.lo - 0.05 * r.width(), r.hi + top * r.width())
            };
            let [xl, yl] = chart.axis_labels().map(str::to_string);
            PanelScene {
                title: (spec.charts.len() > 1).then(|| format!("{} chart", chart.name())),
                x_label: xl,
                y_label: yl,
                x_range: pad(x, 0.05),
                y_range: pad(y, 0.45),
                equal_aspect: false,
                log_y: false,
                shapes: vec![Shapes {
                    first: 0,
                    label: String::new(),
                    colour: spec.style.theme.ink,
                    fill_alpha: 0.0,
                    dash: None,
                    outlines: Vec::new(),
                    centres: vec![(target.x, target.y)],
                }],
                paths,
                shading: None,
                markers: Vec::new(),
            }
        })
        .collect();
    let charts: Vec<&str> = spec.charts.iter().map(|c| c.name()).collect();
    let t = views[0].target;
    let caption = format!(
        "{} · charts {} · loss D(p_target ‖ p), target ({}, {}) in {} (dot) · step η = {} · {} steps\nPlain: φ ← φ − η∇D. Natural: φ ← φ − η F⁻¹∇D, the same distributions in every chart to first order in η",
        spec.family.name(),
        charts.join(", "),
        significant(t.x),
        significant(t.y),
        charts[0],
        significant(spec.step),
        spec.steps,
    );
    Scene {
        canvas: spec.style.canvas,
        background: spec.style.background,
        theme: spec.style.theme,
        title: spec.style.title.clone().unwrap_or_else(|| {
            format!(
                "Plain and natural gradient descent on the {}",
                spec.family.display_name()
            )
        }),
        caption: spec.style.caption.then_some(caption),
        line_width: spec.style.line_width,
        panels,
        columns: None,
    }
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
