//! The scene of a `natgrad` figure: a panel a chart, with the plain (first colour) and
//! natural (second colour) paths descended in it drawn bold, and those descended in the
//! other charts, mapped in, drawn faint.

use super::Natgrad;
use super::solve::{Descent, View};
use crate::geometry::descent::Method;
use crate::geometry::{BallKind, Interval};
use crate::number::significant;
use crate::scene::{Curve, PanelScene, Scene, Shapes, bounds, widened};

/// The scene of a `natgrad` figure: a panel a chart, with the plain (first colour) and
/// natural (second colour) paths descended in it drawn bold, and those descended in the
/// other charts, mapped in, drawn faint.
pub fn scene(request: &Natgrad, descents: &[Descent], views: &[View]) -> Scene {
    let style = &request.presentation.style;
    let palette = style.palette;
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
            // The paths descended in this panel's chart first, so that its legend lists
            // them in the same order in every panel: plain here, natural here, then the
            // other charts'.
            let (own, others): (Vec<_>, Vec<_>) = descents
                .iter()
                .zip(&view.paths)
                .partition(|(d, _)| d.chart == chart.name());
            let paths: Vec<Curve> = own
                .into_iter()
                .chain(others)
                .map(|(d, path)| {
                    let own = d.chart == chart.name();
                    let key = (d.method.name(), own);
                    let label = match labelled.insert(key) {
                        false => String::new(),
                        true if own => format!("{} gradient", d.method.name()),
                        true => format!("{}, other charts", d.method.name()),
                    };
                    Curve {
                        points: path.iter().map(|p| (p.x, p.y)).collect(),
                        colour: colour(d.method),
                        width: if own { 1.5 } else { 1.0 },
                        alpha: if own { 1.0 } else { 0.45 },
                        label: if request.charts.len() > 1 || own {
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
                let r = widened(r);
                Interval::new(r.lo - 0.05 * r.width(), r.hi + top * r.width())
            };
            let [xl, yl] = chart.axis_labels().map(str::to_string);
            PanelScene {
                title: (request.charts.len() > 1).then(|| format!("{} chart", chart.name())),
                x_label: xl,
                y_label: yl,
                x_range: pad(x, 0.05),
                y_range: pad(y, 0.45),
                equal_aspect: false,
                log_y: false,
                shapes: vec![Shapes {
                    first: 0,
                    label: String::new(),
                    colour: style.theme.ink,
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
    let charts: Vec<&str> = request.charts.iter().map(|c| c.name()).collect();
    let t = views[0].target;
    let caption = format!(
        "{} · charts {} · loss D(p_target ‖ p), target ({}, {}) in {} (dot) · step η = {} · {} steps\nPlain: φ ← φ − η∇D. Natural: φ ← φ − η F⁻¹∇D, the same distributions in every chart to first order in η",
        request.family.name(),
        charts.join(", "),
        significant(t.x),
        significant(t.y),
        charts[0],
        significant(request.step),
        request.steps,
    );
    let title = format!(
        "Plain and natural gradient descent on the {}",
        request.family.display_name()
    );
    Scene::styled(style, title, || caption, panels, None)
}
