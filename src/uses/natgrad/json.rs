//! The numbers of a `natgrad` figure: `{"family", ["nu",] "target", "step", "steps", "panels":
//! [{"chart", "paths": [{"method", "descended_in", "start", "points", "mu_sigma"}]}]}`, with
//! `points` in the panel's chart and `mu_sigma` the same path as canonical θ (for the
//! Gaussian, (μ, σ)); "target" is canonical too.

use serde::Serialize;

use super::Natgrad;
use super::solve::{Descent, View};
use crate::uses::panels::json::{Head, pair};

#[derive(Serialize)]
pub struct NatgradExport {
    #[serde(flatten)]
    head: Head,
    target: [f64; 2],
    step: f64,
    steps: usize,
    panels: Vec<NatgradPanelJson>,
}

#[derive(Serialize)]
struct NatgradPanelJson {
    chart: &'static str,
    paths: Vec<DescentJson>,
}

#[derive(Serialize)]
struct DescentJson {
    method: &'static str,
    descended_in: &'static str,
    start: usize,
    points: Vec<[f64; 2]>,
    mu_sigma: Vec<[f64; 2]>,
}

pub fn numbers(request: &Natgrad, descents: &[Descent], views: &[View]) -> NatgradExport {
    let panels = views
        .iter()
        .map(|view| NatgradPanelJson {
            chart: view.chart.name(),
            paths: descents
                .iter()
                .zip(&view.paths)
                .map(|(d, path)| DescentJson {
                    method: d.method.name(),
                    descended_in: d.chart,
                    start: d.start,
                    points: path.iter().map(pair).collect(),
                    mu_sigma: d.thetas.iter().map(pair).collect(),
                })
                .collect(),
        })
        .collect();
    NatgradExport {
        head: Head::new(&*request.family),
        target: pair(&request.target),
        step: request.step,
        steps: request.steps,
        panels,
    }
}
