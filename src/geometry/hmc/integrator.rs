//! The two integrators of Hamilton's equations: the leapfrog of Euclidean HMC (a constant
//! mass matrix M) and the generalised leapfrog of Riemannian-manifold HMC (the position-
//! dependent metric G(φ)), Girolami & Calderhead 2011, eqs. (16)–(18).

use super::super::{Mat, Point};
use super::posterior::Posterior;

/// How a trajectory ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Ending {
    /// The end state and its Hamiltonian.
    At { phi: Point, p: Point, energy: f64 },
    /// A step left the chart, or met a value that is not finite.
    Left,
    /// An implicit step did not converge within [`MAX_ITERATIONS`].
    Unsolved,
}

/// A trajectory: its positions (the start first) and how it ended.
pub struct Trajectory {
    pub path: Vec<Point>,
    pub ending: Ending,
    /// The gradients of ln p(φ | x) it evaluated.
    pub gradients: usize,
}

/// The most fixed-point iterations an implicit step takes.
pub const MAX_ITERATIONS: usize = 100;

/// What a chain asks of its sampler: a momentum from two normals, the Hamiltonian, and a
/// trajectory of `steps` leapfrog steps.
pub trait Integrator {
    /// The momentum at φ for the normals z, N(0, M) for the sampler's mass M; None where M
    /// is not positive definite.
    fn momentum(&self, post: &Posterior, phi: Point, z: Point) -> Option<Point>;
    /// H(φ, p); None where it is not finite.
    fn energy(&self, post: &Posterior, phi: Point, p: Point) -> Option<f64>;
    fn trajectory(
        &self,
        post: &Posterior,
        phi: Point,
        p: Point,
        step: f64,
        steps: usize,
    ) -> Trajectory;
}

/// Euclidean HMC: H = −ln p(φ | x) + ½ pᵀM⁻¹p, the leapfrog (Neal 2011, eq. 5.18–5.20).
pub struct Euclidean {
    pub mass_inverse: Mat,
    /// L with L Lᵀ = M: the momentum L z is N(0, M) for z ~ N(0, I).
    pub mass_root: Mat,
}

impl Euclidean {
    /// The mass matrix M = G(φ), the metric at φ (the chain's start); None where it is not
    /// positive definite.
    pub fn with_metric_at(post: &Posterior, phi: Point) -> Option<Self> {
        let mass = post.metric(phi);
        Some(Euclidean {
            mass_root: mass.cholesky()?.l(),
            mass_inverse: mass.try_inverse()?,
        })
    }
}

impl Integrator for Euclidean {
    fn momentum(&self, _post: &Posterior, _phi: Point, z: Point) -> Option<Point> {
        Some(self.mass_root * z)
    }

    fn energy(&self, post: &Posterior, phi: Point, p: Point) -> Option<f64> {
        let h = -post.log_density(phi) + 0.5 * p.dot(&(self.mass_inverse * p));
        h.is_finite().then_some(h)
    }

    fn trajectory(
        &self,
        post: &Posterior,
        phi: Point,
        p: Point,
        step: f64,
        steps: usize,
    ) -> Trajectory {
        let (mut phi, mut p) = (phi, p);
        let mut path = vec![phi];
        let mut grad = post.gradient(phi);
        let mut gradients = 1;
        for _ in 0..steps {
            p += 0.5 * step * grad;
            phi += step * (self.mass_inverse * p);
            // A step that leaves the chart (or overflows) ends the path before it.
            if !post.chart.contains(phi) {
                return Trajectory {
                    path,
                    ending: Ending::Left,
                    gradients,
                };
            }
            path.push(phi);
            grad = post.gradient(phi);
            gradients += 1;
            p += 0.5 * step * grad;
        }
        let ending = match self.energy(post, phi, p) {
            Some(energy) if grad.iter().all(|g| g.is_finite()) => Ending::At { phi, p, energy },
            _ => Ending::Left,
        };
        Trajectory {
            path,
            ending,
            gradients,
        }
    }
}

/// What the generalised leapfrog needs at one position: ln p, its gradient, G, G⁻¹ and
/// ½ tr(G⁻¹ ∂ₖG), ∂ₖG.
struct Local {
    log_density: f64,
    gradient: Point,
    metric_inverse: Mat,
    log_det: f64,
    derivatives: [Mat; 2],
    traces: Point,
}

impl Local {
    fn at(post: &Posterior, phi: Point) -> Option<Self> {
        let g = post.metric(phi);
        let metric_inverse = g.try_inverse()?;
        let derivatives = post.metric_derivatives(phi);
        let traces = Point::new(
            0.5 * (metric_inverse * derivatives[0]).trace(),
            0.5 * (metric_inverse * derivatives[1]).trace(),
        );
        let local = Local {
            log_density: post.log_density(phi),
            gradient: post.gradient(phi),
            metric_inverse,
            log_det: g.determinant().ln(),
            derivatives,
            traces,
        };
        let finite = local.log_density.is_finite()
            && local.log_det.is_finite()
            && local
                .gradient
                .iter()
                .chain(local.traces.iter())
                .all(|v| v.is_finite());
        finite.then_some(local)
    }

    /// ∂H/∂φ at momentum p: −∇ ln p + ½ tr(G⁻¹∂ₖG) − ½ pᵀG⁻¹ ∂ₖG G⁻¹p (G&C eq. 15).
    fn force(&self, p: Point) -> Point {
        let v = self.metric_inverse * p;
        let quad = |k: usize| 0.5 * v.dot(&(self.derivatives[k] * v));
        -self.gradient + self.traces - Point::new(quad(0), quad(1))
    }

    /// H = −ln p(φ | x) + ½ ln det G + ½ pᵀG⁻¹p (the constant ln 2π dropped).
    fn energy(&self, p: Point) -> f64 {
        -self.log_density + 0.5 * self.log_det + 0.5 * p.dot(&(self.metric_inverse * p))
    }
}

/// Riemannian-manifold HMC: H = −ln p(φ | x) + ½ ln det G(φ) + ½ pᵀG(φ)⁻¹p, the generalised
/// leapfrog, each implicit step a fixed-point iteration until it moves less than
/// `tolerance` (relative).
pub struct Riemannian {
    pub tolerance: f64,
}

/// Whether a fixed-point iterate has settled: |Δ| ≤ tol · max(1, |x|).
fn settled(next: Point, last: Point, tolerance: f64) -> bool {
    (next - last).amax() <= tolerance * next.amax().max(1.0)
}

impl Integrator for Riemannian {
    /// p = (∂φ_ref/∂φ)ᵀ L z with L Lᵀ = G in the reference chart: the covector of the
    /// reference chart's N(0, G) draw, N(0, G(φ)) since G(φ) = (∂φ_ref/∂φ)ᵀ G_ref (∂φ_ref/∂φ).
    fn momentum(&self, post: &Posterior, phi: Point, z: Point) -> Option<Point> {
        let reference = post.in_reference();
        let phi_ref = reference.chart.phi(post.chart.theta(phi));
        let root = reference.metric(phi_ref).cholesky()?.l();
        Some(post.to_reference(phi)?.transpose() * (root * z))
    }

    fn energy(&self, post: &Posterior, phi: Point, p: Point) -> Option<f64> {
        Local::at(post, phi)
            .map(|l| l.energy(p))
            .filter(|h| h.is_finite())
    }

    fn trajectory(
        &self,
        post: &Posterior,
        phi: Point,
        p: Point,
        step: f64,
        steps: usize,
    ) -> Trajectory {
        let half = 0.5 * step;
        let (mut phi, mut p) = (phi, p);
        let mut path = vec![phi];
        let mut gradients = 0;
        let mut local = match Local::at(post, phi) {
            Some(l) => l,
            None => {
                return Trajectory {
                    path,
                    ending: Ending::Left,
                    gradients,
                };
            }
        };
        gradients += 1;
        let stop = |path, ending, gradients| Trajectory {
            path,
            ending,
            gradients,
        };
        for _ in 0..steps {
            // (16) p(τ + ε/2) = p(τ) − ε/2 ∂H/∂φ(φ(τ), p(τ + ε/2)): implicit in p.
            let Some(p_half) = self.fixed_point(p, |q| p - half * local.force(q)) else {
                return stop(path, Ending::Unsolved, gradients);
            };
            // (17) φ(τ + ε) = φ(τ) + ε/2 [G⁻¹(φ(τ)) + G⁻¹(φ(τ + ε))] p(τ + ε/2): implicit in φ.
            let start = local.metric_inverse * p_half;
            let mut left = false;
            let next = self.fixed_point(phi + step * start, |q| {
                match post
                    .chart
                    .contains(q)
                    .then(|| post.metric(q).try_inverse())
                    .flatten()
                {
                    Some(inv) => phi + half * (start + inv * p_half),
                    None => {
                        left = true;
                        Point::new(f64::NAN, f64::NAN)
                    }
                }
            });
            let next = match next {
                Some(q) if !left => q,
                _ if left => return stop(path, Ending::Left, gradients),
                _ => return stop(path, Ending::Unsolved, gradients),
            };
            phi = next;
            path.push(phi);
            local = match Local::at(post, phi) {
                Some(l) => l,
                None => return stop(path, Ending::Left, gradients),
            };
            gradients += 1;
            // (18) p(τ + ε) = p(τ + ε/2) − ε/2 ∂H/∂φ(φ(τ + ε), p(τ + ε/2)): explicit.
            p = p_half - half * local.force(p_half);
        }
        let energy = local.energy(p);
        let ending = match energy.is_finite() {
            true => Ending::At { phi, p, energy },
            false => Ending::Left,
        };
        stop(path, ending, gradients)
    }
}

impl Riemannian {
    /// x = f(x) by iteration from `x`, to the tolerance; None if it does not settle.
    fn fixed_point(&self, mut x: Point, mut f: impl FnMut(Point) -> Point) -> Option<Point> {
        for _ in 0..MAX_ITERATIONS {
            let next = f(x);
            if !next.iter().all(|v| v.is_finite()) {
                return None;
            }
            if settled(next, x, self.tolerance) {
                return Some(next);
            }
            x = next;
        }
        None
    }
}
