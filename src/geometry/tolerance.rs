//! Every numerical tolerance of the geometry core, in one place.

/// Brent's method stops when the relative level error |D/L − 1|, or the change of the
/// ray parameter τ (which is ≈ 1 at the root), falls below this.
pub const ROOT_EPS: f64 = 1e-14;

/// At most this many Brent iterations (it needs about ten from our brackets).
pub const ROOT_MAX_ITER: usize = 100;

/// A ray that has not reached its level this many quadratic radii from the centre
/// is taken not to reach it: the ball is not closed.
pub const MAX_STRETCH: f64 = 1e6;

/// How finely the edge of the domain is located along a ray, relative to its length.
pub const DOMAIN_EDGE_REL: f64 = 1e-12;

/// The level every exact ball's points must reach, relative: tests hold the core to it.
pub const LEVEL_REL: f64 = 1e-10;
