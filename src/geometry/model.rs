//! A family seen through one chart.

use super::conditioning::{Conditioning, MAX_CONDITION, scaled_eigen};
use super::{Chart, Family, Mat, Point};

/// A family together with the chart its balls are drawn in.
#[derive(Clone, Copy)]
pub struct Model<'a> {
    pub family: &'a dyn Family,
    pub chart: &'a dyn Chart,
}

impl<'a> Model<'a> {
    pub fn new(family: &'a dyn Family, chart: &'a dyn Chart) -> Self {
        Self { family, chart }
    }

    /// Fisher matrix in chart coordinates: F_φ = Jᵀ F_θ J with J = ∂θ/∂φ
    /// (the chain rule applied to F = E[∇log p ∇log pᵀ]).
    pub fn fisher(&self, phi: Point) -> Mat {
        let j = self.chart.jacobian(phi);
        let f = j.transpose() * self.family.fisher(self.chart.theta(phi)) * j;
        // Exactly symmetric, as F is; the product can differ in the last bit across the diagonal.
        (f + f.transpose()) * 0.5
    }

    /// F_φ from [`Family::fisher_with_derivatives`]: the same matrix, interpolated between
    /// quadratures for a family whose F is one (to 1e-11), for the many nearby points that
    /// laying and probing a covering asks for.
    pub fn fisher_nearby(&self, phi: Point) -> Mat {
        let j = self.chart.jacobian(phi);
        let f = j.transpose() * self.family.fisher_with_derivatives(self.chart.theta(phi)).0 * j;
        (f + f.transpose()) * 0.5
    }

    /// F_φ where double precision holds it as a positive definite matrix ([`scaled_eigen`]).
    /// Every family's F is positive definite in exact arithmetic, so a negative eigenvalue
    /// within the rounding of JᵀFJ is ill-conditioning, not a matrix that is not positive
    /// definite (a Gamma's at k = 4e40 in the shape-mean chart, whose det F/(F₁₁F₂₂) is
    /// 1/(2k), far below the rounding of its entries).
    pub fn checked_fisher(&self, phi: Point) -> Result<Mat, Conditioning> {
        let f = self.fisher(phi);
        match scaled_eigen(f) {
            Ok(_) => Ok(f),
            Err(Conditioning::NotPositive) if self.within_rounding(phi, f) => {
                Err(Conditioning::IllConditioned)
            }
            Err(why) => Err(why),
        }
    }

    /// Whether F_φ's smallest eigenvalue, with the diagonal scaled to 1, is above minus the
    /// rounding of its entries: |J|ᵀ|F_θ||J| times the relative error of F_θ's entries
    /// (special functions, 1e-15) and of the product (4ε), scaled alike.
    fn within_rounding(&self, phi: Point, f: Mat) -> bool {
        const RELATIVE: f64 = 1e-14;
        let j = self.chart.jacobian(phi).abs();
        let envelope = j.transpose() * self.family.fisher(self.chart.theta(phi)).abs() * j;
        let d = f.diagonal().abs().sup(&(envelope.diagonal() * RELATIVE));
        let scale = |m: Mat| Mat::from_fn(|a, b| m[(a, b)] / (d[a].sqrt() * d[b].sqrt()));
        let lowest = scale(f).symmetric_eigenvalues().min();
        lowest >= -(scale(envelope).norm() * RELATIVE + MAX_CONDITION.recip() * 2.0)
    }

    /// D(p_φ₁ ‖ p_φ₂) for two points of the chart.
    pub fn kl(&self, phi1: Point, phi2: Point) -> f64 {
        let t1 = self.chart.theta(phi1);
        let t2 = self.chart.theta(phi2);
        self.family.kl(t1, t2)
    }

    /// Fisher–Rao distance between two points of the chart, if the family has it.
    pub fn fisher_rao(&self, phi1: Point, phi2: Point) -> Option<f64> {
        let t1 = self.chart.theta(phi1);
        let t2 = self.chart.theta(phi2);
        self.family.fisher_rao(t1, t2)
    }

    /// Whether φ is a point of the chart whose distribution belongs to the family.
    pub fn contains(&self, phi: Point) -> bool {
        self.chart.contains(phi) && self.family.contains(self.chart.theta(phi))
    }

    /// Whether φ is in the chart's domain but its parameters are not a distribution of the
    /// family: every chart maps its domain onto the family's in exact arithmetic, so there θ
    /// overflowed or underflowed (a Beta's E ln X = −3e40 is α ≈ 3e-41, which rounds to 0).
    pub fn beyond_precision(&self, phi: Point) -> bool {
        self.chart.contains(phi) && !self.family.contains(self.chart.theta(phi))
    }
}
