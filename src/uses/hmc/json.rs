//! The numbers of an `hmc` figure: `{"family", ["nu",] "charts", "truth", "n", "prior",
//! "seed", "step", "leapfrog", "tolerance", "data", "start", "chains": [{"sampler", "chart",
//! "acceptance", "gradients", "ess", "ess_per_gradient", "left", "unsolved", "samples",
//! "canonical", "trajectories"}], "agreement": [{"sampler", "chart", "median", "largest"}]}`.
//! `samples` and `trajectories` are in the chain's chart; `canonical`, `truth` and `start`
//! are canonical θ.

use serde::Serialize;

use super::Hmc;
use super::solve::Run;
use crate::uses::panels::json::{Head, pair};

#[derive(Serialize)]
pub struct HmcExport {
    #[serde(flatten)]
    head: Head,
    charts: Vec<&'static str>,
    truth: [f64; 2],
    n: usize,
    prior: &'static str,
    seed: u64,
    step: f64,
    leapfrog: usize,
    tolerance: f64,
    data: Vec<f64>,
    start: [f64; 2],
    chains: Vec<ChainJson>,
    agreement: Vec<AgreementJson>,
}

#[derive(Serialize)]
struct ChainJson {
    sampler: &'static str,
    chart: &'static str,
    acceptance: f64,
    gradients: usize,
    /// The effective sample size of each canonical coordinate.
    ess: [f64; 2],
    ess_per_gradient: f64,
    left: usize,
    unsolved: usize,
    samples: Vec<[f64; 2]>,
    canonical: Vec<[f64; 2]>,
    trajectories: Vec<Vec<[f64; 2]>>,
}

#[derive(Serialize)]
struct AgreementJson {
    sampler: &'static str,
    chart: &'static str,
    median: f64,
    largest: f64,
}

pub fn numbers(request: &Hmc, run: &Run) -> HmcExport {
    let s = &request.settings;
    HmcExport {
        head: Head::new(&*request.family),
        charts: request.charts.iter().map(|c| c.name()).collect(),
        truth: pair(&request.truth),
        n: request.n,
        prior: request.prior.name(),
        seed: s.seed,
        step: s.step,
        leapfrog: s.leapfrog,
        tolerance: s.tolerance,
        data: run.data.clone(),
        start: pair(&run.start),
        chains: run
            .chains
            .iter()
            .map(|c| ChainJson {
                sampler: c.sampler.name(),
                chart: c.chart.name(),
                acceptance: c.chain.acceptance(),
                gradients: c.chain.gradients,
                ess: c.ess,
                ess_per_gradient: c.ess_per_gradient(),
                left: c.chain.left,
                unsolved: c.chain.unsolved,
                samples: c.chain.samples.iter().map(pair).collect(),
                canonical: c.thetas.iter().map(pair).collect(),
                trajectories: c
                    .chain
                    .paths
                    .iter()
                    .map(|p| p.iter().map(pair).collect())
                    .collect(),
            })
            .collect(),
        agreement: run
            .agreements
            .iter()
            .map(|a| AgreementJson {
                sampler: a.sampler.name(),
                chart: a.chart,
                median: a.median,
                largest: a.largest,
            })
            .collect(),
    }
}
