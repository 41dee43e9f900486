//! Every numerical tolerance of the geometry core, in one place.

/// The root finder stops when |√(D/L) − 1| (half the relative level error), or the width
/// of the bracket on the ray parameter τ relative to τ, falls below this.
pub const ROOT_EPS: f64 = 1e-12;

/// At most this many root-finding iterations (about three are needed).
pub const ROOT_MAX_ITER: usize = 100;

/// A ray that has not reached its level this many quadratic radii from the centre
/// is taken not to reach it: the ball is not closed.
pub const MAX_STRETCH: f64 = 1e6;

/// How finely the edge of the domain is located along a ray, relative to its length.
pub const DOMAIN_EDGE_REL: f64 = 1e-12;

/// The level every exact ball's points must reach, relative: tests hold the core to it.
pub const LEVEL_REL: f64 = 1e-10;

/// The exponential map's integrator keeps each step's local error below this, relative to
/// 1 + |coordinate|: the points of a Fisher–Rao ball it draws lie at distance r to about
/// 1e-12 relative (tested on families whose distance is closed form).
pub const EXP_MAP_TOL: f64 = 1e-13;

/// At most this many integration steps along one geodesic (about ten are needed).
pub const EXP_MAP_MAX_STEPS: usize = 10_000;

/// The smallest KL level accepted: below it, the KL's own rounding (about 1e-20 absolute in
/// the Gaussian's stable form) exceeds [`LEVEL_REL`] of the level.
pub const MIN_KL: f64 = 1e-10;

/// The largest KL level accepted: balls this large close in no chart of any family.
pub const MAX_KL: f64 = 1e6;

/// Shooting for a geodesic stops when the end is missed by less than this (Fisher units,
/// relative to 1 + the geodesic's length): its length is then exact to about this much. The
/// integrator's own error (EXP_MAP_TOL relative to 1 + |θ|, steps of a long geodesic summed)
/// reaches some 1e-10 for parameters near 1000, so a tighter tolerance could not be met.
pub const SHOOT_TOL: f64 = 1e-9;

/// At most this many Newton steps for one stage of the shooting (about four are needed).
pub const SHOOT_MAX_STEPS: usize = 30;

/// At most this many continuation stages (tried as 1, 2, 4, … up to it).
pub const SHOOT_MAX_STAGES: usize = 64;
