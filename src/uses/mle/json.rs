//! The numbers of an `mle` figure: `{"family", ["nu",] "n", "trials", "seed", "true", "no_estimate",
//! "panels": [{"chart", "true", "covariance", "expected", "whitened_covariance", "estimates",
//! "whitened"}]}`, with "true" the true θ (canonical) at the top and in each chart below.

use serde::Serialize;

use super::Mle;
use super::solve::MleView;
use crate::geometry::Mat;
use crate::uses::panels::json::{Head, pair};

#[derive(Serialize)]
pub struct MleExport {
    #[serde(flatten)]
    head: Head,
    n: usize,
    trials: usize,
    seed: u64,
    #[serde(rename = "true")]
    truth: [f64; 2],
    /// Samples without an estimate (left out of the panels).
    no_estimate: usize,
    panels: Vec<MlePanelJson>,
}

#[derive(Serialize)]
struct MlePanelJson {
    chart: &'static str,
    #[serde(rename = "true")]
    truth: [f64; 2],
    /// Sample covariance of the estimates, and F⁻¹/n it should approach.
    covariance: [[f64; 2]; 2],
    expected: [[f64; 2]; 2],
    whitened_covariance: [[f64; 2]; 2],
    estimates: Vec<[f64; 2]>,
    whitened: Vec<[f64; 2]>,
}

fn matrix(m: &Mat) -> [[f64; 2]; 2] {
    [[m[(0, 0)], m[(0, 1)]], [m[(1, 0)], m[(1, 1)]]]
}

pub fn numbers(request: &Mle, views: &[MleView], no_estimate: usize) -> MleExport {
    let panels = views
        .iter()
        .map(|v| MlePanelJson {
            chart: v.chart.name(),
            truth: pair(&v.truth),
            covariance: matrix(&v.covariance),
            expected: matrix(&v.expected),
            whitened_covariance: matrix(&v.whitened_covariance),
            estimates: v.estimates.iter().map(pair).collect(),
            whitened: v.whitened.iter().map(pair).collect(),
        })
        .collect();
    MleExport {
        head: Head::new(&*request.family),
        n: request.n,
        trials: request.trials,
        seed: request.seed,
        truth: pair(&request.truth),
        no_estimate,
        panels,
    }
}
