//! The whitened chart at x₀ of a base chart: φ = F(x₀)^{1/2} (x − x₀), where x are the base
//! chart's coordinates, F(x₀) its Fisher matrix at x₀ and the square root the symmetric one.
//! There F_φ(0) = I, so near the origin every quadratic ball is a circle of radius √(2L)
//! (the post's equation (1)). Whitening two charts at the same distribution gives pictures
//! that agree up to an orthogonal map to first order: with J = ∂x_B/∂x_A,
//! Q = F_B^{1/2} J F_A^{−1/2} has QᵀQ = F_A^{−1/2} Jᵀ F_B J F_A^{−1/2} = I.

use thiserror::Error;

use super::Chart;
use crate::geometry::{Family, Interval, Limits, Mat, Model, Point, Typed};

/// A base chart seen through the affine map φ = S (x − x₀), S = F(x₀)^{1/2}.
#[derive(Clone)]
pub struct Whitened {
    base: &'static dyn Chart,
    at: Point,
    root: Mat,
    inv_root: Mat,
}

/// Why a chart cannot be whitened at a point.
#[derive(Debug, Error, PartialEq)]
pub enum WhitenError {
    #[error(
        "({}, {}) is outside the {chart} chart ({domain})",
        Typed(*x), Typed(*y)
    )]
    OutOfDomain {
        x: f64,
        y: f64,
        chart: &'static str,
        domain: &'static str,
    },
    #[error(
        "the Fisher matrix at ({}, {}) cannot be whitened: {}",
        Typed(*x), Typed(*y), why.why()
    )]
    Degenerate {
        x: f64,
        y: f64,
        why: crate::geometry::conditioning::Conditioning,
    },
}

impl Whitened {
    /// Whitens `base` at `at` (a point of `base`) for `family`.
    pub fn new(
        family: &dyn Family,
        base: &'static dyn Chart,
        at: Point,
    ) -> Result<Self, WhitenError> {
        let model = Model::new(family, base);
        if !model.contains(at) {
            return Err(WhitenError::OutOfDomain {
                x: at.x,
                y: at.y,
                chart: base.name(),
                domain: base.domain(),
            });
        }
        let fisher = model
            .checked_fisher(at)
            .map_err(|why| WhitenError::Degenerate {
                x: at.x,
                y: at.y,
                why,
            })?;
        let eig = fisher.symmetric_eigen();
        if !eig.eigenvalues.iter().all(|w| w.is_finite() && *w > 0.0) {
            return Err(WhitenError::Degenerate {
                x: at.x,
                y: at.y,
                why: crate::geometry::conditioning::Conditioning::IllConditioned,
            });
        }
        let v = eig.eigenvectors;
        let diag = |f: fn(f64) -> f64| Mat::from_diagonal(&eig.eigenvalues.map(f));
        Ok(Self {
            base,
            at,
            root: v * diag(f64::sqrt) * v.transpose(),
            inv_root: v * diag(|w| w.sqrt().recip()) * v.transpose(),
        })
    }

    /// The chart that was whitened.
    pub fn base(&self) -> &'static dyn Chart {
        self.base
    }

    /// The point x₀ of the base chart that maps to the origin.
    pub fn at(&self) -> Point {
        self.at
    }

    /// φ → x, the base chart's coordinates.
    fn base_point(&self, phi: Point) -> Point {
        self.at + self.inv_root * phi
    }
}

impl Chart for Whitened {
    fn name(&self) -> &'static str {
        "whitened"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        ["φ₁", "φ₂"]
    }
    fn domain(&self) -> &'static str {
        self.base.domain()
    }
    fn contains(&self, phi: Point) -> bool {
        phi.x.is_finite() && phi.y.is_finite() && self.base.contains(self.base_point(phi))
    }
    fn theta(&self, phi: Point) -> Point {
        self.base.theta(self.base_point(phi))
    }
    fn phi(&self, theta: Point) -> Point {
        self.root * (self.base.phi(theta) - self.at)
    }
    /// ∂θ/∂φ = (∂θ/∂x)(∂x/∂φ) = J_base · S⁻¹.
    fn jacobian(&self, phi: Point) -> Mat {
        self.base.jacobian(self.base_point(phi)) * self.inv_root
    }
    /// The square [−a, a]², a ≤ 0.6 Fisher units (farther out the chart is far from flat),
    /// whose corners, moved out to 1.25a, lie in the domain.
    fn default_limits(&self) -> Limits {
        let mut a = 0.6;
        let fits = |a: f64| {
            [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)]
                .iter()
                .all(|&(sx, sy)| self.contains(Point::new(sx, sy) * 1.25 * a))
        };
        while !fits(a) && a > 1e-6 {
            a *= 0.8;
        }
        Limits {
            x: Interval::new(-a, a),
            y: Interval::new(-a, a),
        }
    }
    /// Three by three: at the default level a ball is about 0.28 across near the origin.
    fn default_grid(&self) -> (usize, usize) {
        (3, 3)
    }
}
