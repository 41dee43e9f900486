//! An `hmc` run: the data set drawn at the truth, then both samplers in every chart, each
//! chain from the maximum-likelihood estimate with the same random numbers; and how far
//! each chart's chain, mapped into the first chart, lies from the first chart's.

use anyhow::Result;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rayon::prelude::*;

use super::Hmc;
use crate::geometry::hmc::{self, Chain, Posterior, Sampler, ess};
use crate::geometry::{Chart, Point};

/// One chain, in the chart it ran in.
pub struct ChainRun {
    pub sampler: Sampler,
    pub chart: &'static dyn Chart,
    pub chain: Chain,
    /// The samples as canonical θ.
    pub thetas: Vec<Point>,
    /// The effective sample size of each canonical coordinate.
    pub ess: [f64; 2],
}

impl ChainRun {
    /// The smaller ESS of the two coordinates per gradient evaluated.
    pub fn ess_per_gradient(&self) -> f64 {
        self.ess[0].min(self.ess[1]) / self.chain.gradients.max(1) as f64
    }
}

/// How far a chart's chain lies from the first chart's, iteration by iteration, mapped into
/// the first chart and measured by the metric at the start: in posterior standard deviations.
pub struct Agreement {
    pub sampler: Sampler,
    pub chart: &'static str,
    pub median: f64,
    pub largest: f64,
}

pub struct Run {
    pub data: Vec<f64>,
    /// Where every chain starts, canonical: the maximum-likelihood estimate (or the truth).
    pub start: Point,
    /// Every chain: HMC's in each chart, then RMHMC's.
    pub chains: Vec<ChainRun>,
    pub agreements: Vec<Agreement>,
    pub notes: Vec<String>,
}

impl Run {
    pub fn chains_of(&self, sampler: Sampler) -> impl Iterator<Item = &ChainRun> {
        self.chains.iter().filter(move |c| c.sampler == sampler)
    }
}

pub fn run(request: &Hmc) -> Result<Run> {
    let family = &*request.family;
    let mut data = vec![0.0; request.n];
    family.sample(
        request.truth,
        &mut ChaCha8Rng::seed_from_u64(request.settings.seed),
        &mut data,
    );
    let mut notes = Vec::new();
    let start = match family.fit(&data) {
        Ok(t) if request.charts.iter().all(|c| c.contains(c.phi(t))) => t,
        Ok(_) | Err(_) => {
            notes.push(format!(
                "the data set of n = {} has no maximum-likelihood estimate inside every chart, so the chains start at the truth",
                request.n
            ));
            request.truth
        }
    };
    let posterior = |chart: &'static dyn Chart| Posterior {
        family,
        chart,
        reference: request.charts[0],
        data: &data,
        prior: request.prior,
    };
    let jobs: Vec<(Sampler, &'static dyn Chart)> = Sampler::ALL
        .iter()
        .flat_map(|&s| request.charts.iter().map(move |&c| (s, c)))
        .collect();
    let chains = jobs
        .par_iter()
        .map(|&(sampler, chart)| {
            let chain = hmc::sample(
                &posterior(chart),
                sampler,
                chart.phi(start),
                &request.settings,
            )?;
            let thetas: Vec<Point> = chain.samples.iter().map(|&p| chart.theta(p)).collect();
            let coordinate =
                |k: usize| ess::effective_size(&thetas.iter().map(|t| t[k]).collect::<Vec<_>>());
            Ok(ChainRun {
                sampler,
                chart,
                ess: [coordinate(0), coordinate(1)],
                thetas,
                chain,
            })
        })
        .collect::<Result<Vec<_>, hmc::HmcError>>()?;
    let agreements = agreements(&posterior(request.charts[0]), start, &chains);
    for c in &chains {
        if c.chain.unsolved > 0 {
            notes.push(format!(
                "{} in the {} chart: {} of {} trajectories rejected because an implicit step did not converge; use a smaller --step",
                c.sampler.name(),
                c.chart.name(),
                c.chain.unsolved,
                c.chain.samples.len()
            ));
        }
    }
    Ok(Run {
        data,
        start,
        chains,
        agreements,
        notes,
    })
}

/// Each chart's chain against the first chart's, for each sampler (see [`Agreement`]).
fn agreements(first: &Posterior, start: Point, chains: &[ChainRun]) -> Vec<Agreement> {
    let metric = first.metric(first.chart.phi(start));
    let distance = |a: Point, b: Point| {
        let d = first.chart.phi(a) - first.chart.phi(b);
        d.dot(&(metric * d)).max(0.0).sqrt()
    };
    let mut out = Vec::new();
    for sampler in Sampler::ALL {
        let mut of = chains.iter().filter(|c| c.sampler == sampler);
        let Some(base) = of.next() else { continue };
        for other in of {
            let mut d: Vec<f64> = base
                .thetas
                .iter()
                .zip(&other.thetas)
                .map(|(&a, &b)| distance(a, b))
                .collect();
            d.sort_by(f64::total_cmp);
            if d.is_empty() {
                continue;
            }
            out.push(Agreement {
                sampler,
                chart: other.chart.name(),
                median: d[d.len() / 2],
                largest: d[d.len() - 1],
            });
        }
    }
    out
}
