//! The scene of an `mle` figure: for each chart, the estimates with the 1- and 2-s.d.
//! ellipses of N(θ, F⁻¹/n), and beside them the whitened estimates with circles of radius
//! 1 and 2.

use super::Mle;
use super::solve::MleView;
use crate::geometry::{BallKind, Interval, Point};
use crate::number::significant;
use crate::scene::{PanelScene, Scene, Shapes, bounds};

/// The scene of an `mle` figure: for each chart, the estimates with the 1- and 2-s.d.
/// ellipses of N(θ, F⁻¹/n), and beside them the whitened estimates with circles of radius
/// 1 and 2.
pub fn scene(request: &Mle, views: &[MleView], missing: usize) -> Scene {
    let style = &request.presentation.style;
    let palette = style.palette;
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
    // One legend for every panel (the layout then sets it once, in one row): the whitened
    // circles of radius k are the k-s.d. ellipses of N(θ, F⁻¹/n) mapped to N(0, I), as the
    // caption says (issue 18: two legends of their own did not fit a column at 8 pt).
    let rungs = ["1 s.d.", "2 s.d."];
    let mut panels = Vec::new();
    for v in views {
        let labels = v.chart.axis_labels().map(str::to_string);
        panels.push(panel(
            format!("{} chart", v.chart.name()),
            labels,
            rings(&v.ellipses, v.truth, rungs),
            &v.estimates,
            false,
        ));
        let white = ["w₁".to_string(), "w₂".to_string()];
        panels.push(panel(
            format!("{} chart, whitened", v.chart.name()),
            white,
            rings(&v.circles, Point::zeros(), rungs),
            &v.whitened,
            true,
        ));
    }
    let charts: Vec<&str> = views.iter().map(|v| v.chart.name()).collect();
    let truth = views[0].truth;
    let samples = match missing {
        0 => format!("{} samples", request.trials),
        k => format!("{} of {} samples", request.trials - k, request.trials),
    };
    let title = format!(
        "Maximum-likelihood estimates of the {}: {samples} of n = {}",
        request.family.display_name(),
        request.n
    );
    // What the whitened clouds measure: the largest departure of their sample covariance
    // from I over every chart (0 in the limit n → ∞, M → ∞; skewed clouds show it).
    let departure = views
        .iter()
        .map(|v| (v.whitened_covariance - crate::geometry::Mat::identity()).amax())
        .fold(0.0, f64::max);
    let caption = format!(
        "{} · charts {} · true θ = ({}, {}) in {} · seed {}{}\nEllipses: 1 and 2 s.d. of N(θ, F⁻¹/n), the quadratic balls of level k²/(2n); whitened, w = √(nF) (estimate − θ), N(0, I) in the limit: sample covariance within {} of I",
        request.family.name(),
        charts.join(", "),
        significant(truth.x),
        significant(truth.y),
        charts[0],
        request.seed,
        match missing {
            0 => String::new(),
            k => format!(" · {k} samples without an estimate left out"),
        },
        significant(departure),
    );
    Scene::styled(style, title, || caption, panels, Some(2))
}
