//! A family seen through one chart.

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
}
