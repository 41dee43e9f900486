//! Hamiltonian Monte Carlo on a family's posterior, in any chart: Euclidean HMC with a
//! constant mass matrix, and Riemannian-manifold HMC (Girolami & Calderhead 2011, "Riemann
//! manifold Langevin and Hamiltonian Monte Carlo methods", JRSS B 73(2)) with the Fisher
//! metric G = nF as a position-dependent mass matrix.
//!
//! RMHMC's Hamiltonian H = −ln p(φ | x) + ½ ln det G + ½ pᵀG⁻¹p is a scalar on the manifold:
//! p(φ | x) and √det G both gain |det ∂θ/∂φ| in a chart, the momentum is a covector
//! (p_φ = Jᵀ p_ψ), so its flow is the same in every chart. The generalised leapfrog that
//! integrates it is not, so the chains of two charts agree up to its error, O(ε²). The
//! Euclidean leapfrog with a constant M has no such meaning: its flow is a different flow
//! in each chart.
//!
//! Every chain of a run draws the same random numbers: two normals for the momentum and a
//! uniform for the acceptance an iteration (ChaCha8, seeded). RMHMC's momentum
//! p = (∂φ_ref/∂φ)ᵀ L z, L Lᵀ = G in the reference chart, is N(0, G) in every chart and the
//! same covector in all of them, so its chains in two charts make the same moves.

pub mod ess;
pub mod integrator;
pub mod posterior;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_distr::{Distribution, StandardNormal, StandardUniform};

use super::Point;
pub use integrator::{Ending, Euclidean, Integrator, Riemannian, Trajectory};
pub use posterior::{Posterior, Prior};

/// Which sampler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sampler {
    /// Euclidean HMC, its mass matrix the metric G at the start (the maximum-likelihood
    /// estimate): the best constant choice there, so the comparison is with a tuned HMC.
    Euclidean,
    /// Riemannian-manifold HMC, the metric G(φ) everywhere.
    Riemannian,
}

impl Sampler {
    pub const ALL: [Sampler; 2] = [Sampler::Euclidean, Sampler::Riemannian];

    pub fn name(self) -> &'static str {
        match self {
            Sampler::Euclidean => "HMC",
            Sampler::Riemannian => "RMHMC",
        }
    }
}

/// How a chain runs.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The leapfrog step ε.
    pub step: f64,
    /// Leapfrog steps a trajectory.
    pub leapfrog: usize,
    /// Iterations (each one sample, accepted or repeated).
    pub samples: usize,
    /// The first trajectories whose paths are kept.
    pub paths: usize,
    /// The relative tolerance of RMHMC's implicit steps.
    pub tolerance: f64,
    pub seed: u64,
}

/// A chain, in the chart it ran in.
#[derive(Debug, Clone)]
pub struct Chain {
    pub samples: Vec<Point>,
    pub accepted: usize,
    /// Gradients of ln p(φ | x) evaluated (RMHMC's each came with G's derivatives).
    pub gradients: usize,
    /// Trajectories rejected because a step left the chart or met a non-finite value, and
    /// because an implicit step did not converge.
    pub left: usize,
    pub unsolved: usize,
    /// The first [`Settings::paths`] trajectories' positions.
    pub paths: Vec<Vec<Point>>,
}

impl Chain {
    pub fn acceptance(&self) -> f64 {
        self.accepted as f64 / self.samples.len().max(1) as f64
    }
}

/// Why a chain cannot start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HmcError {
    #[error("the posterior is not finite at the start ({}, {})", .0.x, .0.y)]
    Start(Point),
    #[error("the metric G is not positive definite at ({}, {})", .0.x, .0.y)]
    Metric(Point),
}

/// The random numbers of every chain's stream: the data set is drawn from stream 0 of the
/// same seed.
pub fn chain_rng(seed: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(1);
    rng
}

/// Runs a chain from `start` (a point of `post.chart`).
pub fn sample(
    post: &Posterior,
    sampler: Sampler,
    start: Point,
    settings: &Settings,
) -> Result<Chain, HmcError> {
    if !post.log_density(start).is_finite() {
        return Err(HmcError::Start(start));
    }
    let integrator: Box<dyn Integrator> = match sampler {
        Sampler::Euclidean => {
            Box::new(Euclidean::with_metric_at(post, start).ok_or(HmcError::Metric(start))?)
        }
        Sampler::Riemannian => Box::new(Riemannian {
            tolerance: settings.tolerance,
        }),
    };
    let mut rng = chain_rng(settings.seed);
    let mut chain = Chain {
        samples: Vec::with_capacity(settings.samples),
        accepted: 0,
        gradients: 0,
        left: 0,
        unsolved: 0,
        paths: Vec::new(),
    };
    let mut phi = start;
    for i in 0..settings.samples {
        if super::deadline::passed() {
            break;
        }
        // The same three numbers an iteration in every chain, whatever happens to it.
        let z = Point::new(
            StandardNormal.sample(&mut rng),
            StandardNormal.sample(&mut rng),
        );
        let u: f64 = StandardUniform.sample(&mut rng);
        let p = integrator.momentum(post, phi, z);
        let h0 = p.and_then(|p| integrator.energy(post, phi, p));
        let trajectory = match (p, h0) {
            (Some(p), Some(_)) => {
                integrator.trajectory(post, phi, p, settings.step, settings.leapfrog)
            }
            _ => Trajectory {
                path: vec![phi],
                ending: Ending::Left,
                gradients: 0,
            },
        };
        chain.gradients += trajectory.gradients;
        match (&trajectory.ending, h0) {
            // Metropolis: accept with probability min(1, e^{H₀ − H₁}).
            (
                Ending::At {
                    phi: end,
                    energy: h1,
                    ..
                },
                Some(h0),
            ) if u.ln() < h0 - h1 => {
                phi = *end;
                chain.accepted += 1;
            }
            (Ending::Left, _) => chain.left += 1,
            (Ending::Unsolved, _) => chain.unsolved += 1,
            _ => {}
        }
        if i < settings.paths {
            chain.paths.push(trajectory.path);
        }
        chain.samples.push(phi);
    }
    Ok(chain)
}
