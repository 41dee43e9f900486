//! The posterior of a family's parameters given a data set, seen in one chart: its log
//! density, gradient, and the Fisher metric that Riemannian-manifold HMC uses as its mass
//! matrix, with the metric's derivatives.

use super::super::{Chart, Family, Mat, Model, Point, derivative};

/// The prior over the family's distributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prior {
    /// Uniform in the reference chart's coordinates, carried to every other chart as a
    /// density (times |det ∂φ_ref/∂φ|), so that every chart samples the same posterior.
    Flat,
    /// Jeffreys' prior √det F, the same in every chart (it is the Riemannian volume).
    Jeffreys,
}

impl Prior {
    pub fn name(self) -> &'static str {
        match self {
            Prior::Flat => "flat",
            Prior::Jeffreys => "jeffreys",
        }
    }
}

/// p(φ | x) ∝ Π p(xᵢ; θ(φ)) · π(φ), in `chart`.
#[derive(Clone, Copy)]
pub struct Posterior<'a> {
    pub family: &'a dyn Family,
    pub chart: &'a dyn Chart,
    /// The chart a flat prior is flat in, and the momenta of Riemannian HMC are drawn in
    /// (so that the chains of every chart use the same random numbers for the same moves).
    pub reference: &'a dyn Chart,
    pub data: &'a [f64],
    pub prior: Prior,
}

/// ln |det J|.
fn log_volume(j: Mat) -> f64 {
    j.determinant().abs().ln()
}

impl Posterior<'_> {
    fn model(&self) -> Model<'_> {
        Model::new(self.family, self.chart)
    }

    /// ln p(φ | x) up to a constant; −∞ outside the chart or the family.
    pub fn log_density(&self, phi: Point) -> f64 {
        if !self.chart.contains(phi) {
            return f64::NEG_INFINITY;
        }
        let theta = self.chart.theta(phi);
        if !self.family.contains(theta) {
            return f64::NEG_INFINITY;
        }
        let likelihood: f64 = self
            .data
            .iter()
            .map(|&x| self.family.density(theta, x).ln())
            .sum();
        let density = likelihood + self.log_prior(phi, theta);
        match density.is_nan() {
            true => f64::NEG_INFINITY,
            false => density,
        }
    }

    /// ln π(φ): a density in φ, so each carries the chart's volume ln |det ∂θ/∂φ|.
    fn log_prior(&self, phi: Point, theta: Point) -> f64 {
        let here = log_volume(self.chart.jacobian(phi));
        match self.prior {
            Prior::Flat => here - log_volume(self.reference.jacobian(self.reference.phi(theta))),
            Prior::Jeffreys => 0.5 * self.fisher(theta).determinant().ln() + here,
        }
    }

    /// ∇ ln p(φ | x), by extrapolated central differences ([`derivative::gradient`]).
    pub fn gradient(&self, phi: Point) -> Point {
        derivative::gradient(|p| self.log_density(p), phi)
    }

    /// F(θ) as [`Family::fisher_with_derivatives`] gives it, with the ∂F that
    /// [`Self::metric_derivatives`] uses: a family whose F is a quadrature (a formula
    /// family) answers from its interpolant, some 10⁴ times a chain, not from a quadrature.
    fn fisher(&self, theta: Point) -> Mat {
        self.family.fisher_with_derivatives(theta).0
    }

    /// G(φ) = n F_φ(φ): the Fisher information of the n draws (Girolami & Calderhead 2011,
    /// §5: the expected Fisher information as the metric).
    pub fn metric(&self, phi: Point) -> Mat {
        self.model().fisher_nearby(phi) * self.data.len() as f64
    }

    /// ∂G/∂φₖ for k = 1, 2, by the chain rule on G = n Jᵀ F(θ(φ)) J, J = ∂θ/∂φ: the family's
    /// ∂F/∂θ (exact where it has them) and the chart's ∂J/∂φ by differences.
    pub fn metric_derivatives(&self, phi: Point) -> [Mat; 2] {
        let n = self.data.len() as f64;
        let j = self.chart.jacobian(phi);
        let (f, df) = self.family.fisher_with_derivatives(self.chart.theta(phi));
        let dj = derivative::partials(|p| self.chart.jacobian(p), phi);
        [0, 1].map(|k| {
            let df_k = df[0] * j[(0, k)] + df[1] * j[(1, k)];
            let g =
                dj[k].transpose() * f * j + j.transpose() * df_k * j + j.transpose() * f * dj[k];
            (g + g.transpose()) * (0.5 * n)
        })
    }

    /// The map ∂φ_ref/∂φ from this chart's tangent vectors to the reference chart's.
    pub fn to_reference(&self, phi: Point) -> Option<Mat> {
        let theta = self.chart.theta(phi);
        let j_ref = self.reference.jacobian(self.reference.phi(theta));
        j_ref
            .try_inverse()
            .map(|inv| inv * self.chart.jacobian(phi))
    }

    /// The same posterior seen in the reference chart.
    pub fn in_reference(&self) -> Self {
        Posterior {
            chart: self.reference,
            ..*self
        }
    }
}
