//! Charts: coordinate systems φ on a family, each a map to and from its canonical θ.
//!
//! A chart gives φ → θ, θ → φ and the Jacobian J = ∂θ/∂φ; the Fisher matrix in the chart
//! then follows as F_φ = Jᵀ F_θ J (see [`crate::geometry::Model::fisher`]).

mod transposed;
mod whitened;

pub use transposed::Transposed;
pub use whitened::{WhitenError, Whitened};

use super::{Limits, Mat, Point};

/// A coordinate system on a two-parameter family.
pub trait Chart: Sync {
    /// The name used on the command line (`--chart`).
    fn name(&self) -> &'static str;
    /// The names of the two coordinates as a reader writes them, e.g. ["μ", "σ²"].
    fn axis_labels(&self) -> [&'static str; 2];
    /// A one-line description of the domain, for error messages, e.g. "σ > 0".
    fn domain(&self) -> &'static str;
    /// Whether φ lies in the (open) domain of the chart as [`Chart::domain`] states it, in
    /// exact arithmetic: whether θ(φ) is still a distribution in double precision is the
    /// family's test ([`crate::geometry::Model::contains`]), so that a refusal can tell the
    /// two apart (e^-746 of a log chart is in its domain but rounds σ to 0).
    fn contains(&self, phi: Point) -> bool;
    /// φ → θ.
    fn theta(&self, phi: Point) -> Point;
    /// θ → φ.
    fn phi(&self, theta: Point) -> Point;
    /// J = ∂θ/∂φ at φ (rows: θ components, columns: φ components).
    fn jacobian(&self, phi: Point) -> Mat;
    /// Limits that show several rows and columns of separate balls at the default level.
    fn default_limits(&self) -> Limits;
    /// The grid (columns, rows) of centres drawn by default within those limits.
    fn default_grid(&self) -> (usize, usize);
}

/// True when both coordinates are finite numbers.
pub(crate) fn finite(p: Point) -> bool {
    p.x.is_finite() && p.y.is_finite()
}

/// A family's canonical parameters themselves as a chart: φ = θ, J = I. Each family that
/// draws in its own parameters has one, with its names, its domain's test and its view.
pub struct Canonical {
    pub name: &'static str,
    pub labels: [&'static str; 2],
    pub domain: &'static str,
    /// The family's test of θ, finite coordinates included.
    pub contains: fn(Point) -> bool,
    pub limits: Limits,
    pub grid: (usize, usize),
}

impl Chart for Canonical {
    fn name(&self) -> &'static str {
        self.name
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        self.labels
    }
    fn domain(&self) -> &'static str {
        self.domain
    }
    fn contains(&self, phi: Point) -> bool {
        (self.contains)(phi)
    }
    fn theta(&self, phi: Point) -> Point {
        phi
    }
    fn phi(&self, theta: Point) -> Point {
        theta
    }
    fn jacobian(&self, _phi: Point) -> Mat {
        Mat::identity()
    }
    fn default_limits(&self) -> Limits {
        self.limits
    }
    fn default_grid(&self) -> (usize, usize) {
        self.grid
    }
}

/// Both coordinates finite, the second positive: the scale of a location–scale family.
pub(crate) fn positive_scale(p: Point) -> bool {
    finite(p) && p.y > 0.0
}

/// The logarithms of both canonical parameters, (ln θ₁, ln θ₂), of a family whose parameters
/// are both positive (Gamma's shape and rate, Beta's α and β): θ = e^φ, J = diag(θ).
pub struct Logarithmic {
    pub labels: [&'static str; 2],
    pub limits: Limits,
    pub grid: (usize, usize),
}

impl Chart for Logarithmic {
    fn name(&self) -> &'static str {
        "log"
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        self.labels
    }
    fn domain(&self) -> &'static str {
        "all"
    }
    fn contains(&self, phi: Point) -> bool {
        finite(phi)
    }
    fn theta(&self, phi: Point) -> Point {
        phi.map(f64::exp)
    }
    fn phi(&self, theta: Point) -> Point {
        theta.map(f64::ln)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        Mat::from_diagonal(&phi.map(f64::exp))
    }
    fn default_limits(&self) -> Limits {
        self.limits
    }
    fn default_grid(&self) -> (usize, usize) {
        self.grid
    }
}
