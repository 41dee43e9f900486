//! The scene of an `hmc` figure: a row for each sampler (HMC above, RMHMC below) and a
//! column for each chart. Each panel shows its chain's samples (dots), its first
//! trajectories (bold), the same trajectories of the other charts' chains mapped in (faint),
//! and the truth. RMHMC's faint paths lie on its bold ones; HMC's do not.

use super::Hmc;
use super::solve::{ChainRun, Run};
use crate::geometry::hmc::{Prior, Sampler};
use crate::geometry::{BallKind, Chart, Interval};
use crate::number::significant;
use crate::scene::{Curve, PanelScene, Scene, Shapes, bounds, widened};

pub fn scene(request: &Hmc, run: &Run) -> Scene {
    let style = &request.presentation.style;
    let panels = run
        .chains
        .iter()
        .map(|own| {
            let others = run
                .chains_of(own.sampler)
                .filter(|c| c.chart.name() != own.chart.name());
            let mut paths = curves(own, own.chart, colour(style, own.sampler), true);
            for other in others {
                paths.extend(curves(other, own.chart, colour(style, own.sampler), false));
            }
            panel(request, own, paths)
        })
        .collect();
    let title = format!(
        "HMC and Riemannian-manifold HMC on the {} posterior",
        request.family.display_name()
    );
    Scene::styled(
        style,
        title,
        || caption(request, run),
        panels,
        Some(request.charts.len()),
    )
}

/// A chain's first trajectories seen in `chart`: its own bold, another chart's faint, each
/// point that has a place in `chart`.
fn curves(chain: &ChainRun, chart: &dyn Chart, colour: crate::style::Rgb, own: bool) -> Vec<Curve> {
    chain
        .chain
        .paths
        .iter()
        .map(|path| Curve {
            points: path
                .iter()
                .map(|&p| chart.phi(chain.chart.theta(p)))
                .filter(|q| q.iter().all(|v| v.is_finite()) && chart.contains(*q))
                .map(|q| (q.x, q.y))
                .collect(),
            colour,
            width: if own { 1.5 } else { 1.0 },
            alpha: if own { 1.0 } else { 0.45 },
            // The samplers are named in the legend every panel shares ([`legend`]).
            label: String::new(),
        })
        .collect()
}

fn panel(request: &Hmc, own: &ChainRun, paths: Vec<Curve>) -> PanelScene {
    let chart = own.chart;
    let truth = chart.phi(request.truth);
    let markers: Vec<(f64, f64)> = own.chain.samples.iter().map(|p| (p.x, p.y)).collect();
    let (x, y) = bounds(
        markers
            .iter()
            .copied()
            .chain(paths.iter().flat_map(|c| c.points.iter().copied()))
            .chain([(truth.x, truth.y)]),
    );
    let pad = |r: Interval, top: f64| {
        let r = widened(r);
        Interval::new(r.lo - 0.05 * r.width(), r.hi + top * r.width())
    };
    let [xl, yl] = chart.axis_labels().map(str::to_string);
    PanelScene {
        title: Some(format!("{}, {} chart", own.sampler.name(), chart.name())),
        x_label: xl,
        y_label: yl,
        x_range: pad(x, 0.05),
        y_range: pad(y, 0.05),
        equal_aspect: false,
        log_y: false,
        shapes: legend(request, truth),
        paths,
        shading: None,
        markers,
    }
}

/// The truth, and an entry for each sampler in its colour: the same in every panel, so the
/// layout sets one legend for all of them.
fn legend(request: &Hmc, truth: crate::geometry::Point) -> Vec<Shapes> {
    let style = &request.presentation.style;
    let entry = |label: &str, colour, centres| Shapes {
        first: 0,
        label: label.into(),
        colour,
        fill_alpha: 0.0,
        dash: None,
        outlines: Vec::new(),
        centres,
    };
    let mut shapes = vec![entry("truth", style.theme.ink, vec![(truth.x, truth.y)])];
    for s in Sampler::ALL {
        shapes.push(entry(s.name(), colour(style, s), Vec::new()));
    }
    shapes
}

/// A sampler's colour: HMC the quadratic ball's, RMHMC the KL ball's.
fn colour(style: &crate::style::Style, s: Sampler) -> crate::style::Rgb {
    style.palette.kind(match s {
        Sampler::Euclidean => BallKind::Quadratic,
        Sampler::Riemannian => BallKind::Kl,
    })
}

/// Acceptance and ESS per gradient of each chain, and how far the charts' chains lie apart.
fn caption(request: &Hmc, run: &Run) -> String {
    let s = &request.settings;
    let first = request.charts[0];
    let at = first.phi(request.truth);
    let prior = match request.prior {
        Prior::Flat => format!("flat in {}", first.name()),
        Prior::Jeffreys => "Jeffreys".into(),
    };
    let sampler_line = |sampler: Sampler| {
        let each = |f: &dyn Fn(&ChainRun) -> f64| {
            let v: Vec<String> = run
                .chains_of(sampler)
                .map(|c| format!("{:.3}", f(c)))
                .collect();
            v.join(", ")
        };
        let apart: Vec<String> = run
            .agreements
            .iter()
            .filter(|a| a.sampler == sampler)
            .map(|a| format!("{:.3}", a.median))
            .collect();
        format!(
            "{}: acceptance {} · ESS per gradient {} · chains apart from the first chart's by {} s.d. (median)",
            sampler.name(),
            each(&|c| c.chain.acceptance()),
            each(&|c| c.ess_per_gradient()),
            apart.join(", ")
        )
    };
    let charts: Vec<&str> = request.charts.iter().map(|c| c.name()).collect();
    format!(
        "{} · charts {} · n = {} drawn at ({}, {}) · prior {prior} · ε = {}, {} leapfrog steps, {} iterations, seed {}\nDots: samples; bold: the first {} trajectories; faint: the other charts' mapped in\n{}\n{}",
        request.family.name(),
        charts.join(", "),
        request.n,
        significant(at.x),
        significant(at.y),
        significant(s.step),
        s.leapfrog,
        s.samples,
        s.seed,
        s.paths,
        sampler_line(Sampler::Euclidean),
        sampler_line(Sampler::Riemannian),
    )
}
