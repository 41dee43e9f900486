//! Minimum message length: how many distinguishable distributions a region holds. Cover the
//! region with Fisher balls of radius r on a hexagonal lattice of spacing d = √3 r (the
//! thinnest covering of the plane by discs: no gaps, little overlap). Each ball then claims
//! a hexagon of Fisher area (√3/2) d² = (3√3/2) r², so K ≈ V / ((3√3/2) r²), V the Jeffreys
//! volume of the region; K and log₂ K bits count distributions, not coordinates, so they do
//! not depend on the chart the region is drawn in.
//!
//! The lattice is laid in the Gaussian's half-plane (μ/√2, σ), where the Fisher metric is
//! 2(dx² + dσ²)/σ²: rows at σ_{j+1} = σ_j e^{(√3/2)d/√2} (row spacing (√3/2)d), and along a
//! row, steps of d σ in μ (F_μμ = 1/σ²), every other row shifted by half a step. Locally
//! whitened, that is the hexagonal lattice.

use super::{Interval, Point};

/// Spacing of the lattice for balls of radius r.
pub fn spacing(r: f64) -> f64 {
    3f64.sqrt() * r
}

/// The Fisher area each ball claims: a hexagon of the lattice.
pub fn cell_area(r: f64) -> f64 {
    1.5 * 3f64.sqrt() * r * r
}

/// Lattice points (μ, σ) inside `region`, whose canonical bounding box is `mu` × `sigma`,
/// for balls of radius `r`; rows from the bottom, left to right. `limit` caps the count.
pub fn gaussian_centres(
    region: impl Fn(Point) -> bool,
    mu: Interval,
    sigma: Interval,
    r: f64,
    limit: usize,
) -> Option<Vec<Point>> {
    let d = spacing(r);
    let rise = (0.75f64.sqrt() * d / 2f64.sqrt()).exp();
    let mut centres = Vec::new();
    // The lattice is global, anchored at σ = 1 and μ = 0, so it depends only on r: a region
    // holds the lattice points that are its distributions, however it was described.
    let mut row = (sigma.lo.ln() / rise.ln()).ceil() as i64;
    let mut s = rise.powi(row as i32);
    // Work is bounded before it is done: a lattice point tried outside the region costs as
    // much as one kept, so at most 8 × limit are tried (a region whose bounding box is
    // mostly outside it, or rows of 10⁹ points, end here rather than run for minutes).
    let mut tried: usize = 0;
    while s <= sigma.hi {
        let step = d * s;
        let shift = if row.rem_euclid(2) == 1 {
            0.5 * step
        } else {
            0.0
        };
        let first = ((mu.lo - shift) / step).ceil();
        let last = ((mu.hi - shift) / step).floor();
        // Every row counts, even an empty one: a radius below double precision's step
        // (rise = 1) would otherwise add rows for ever.
        tried = tried.saturating_add(1 + (last - first + 1.0).clamp(0.0, 1e18) as usize);
        if !(first.is_finite() && last.is_finite()) || tried > 8 * limit.max(1) {
            return None;
        }
        for k in first as i64..=last as i64 {
            let p = Point::new(shift + k as f64 * step, s);
            if region(p) {
                centres.push(p);
                if centres.len() > limit {
                    return None;
                }
            }
        }
        row += 1;
        s = rise.powi(row as i32);
    }
    Some(centres)
}
