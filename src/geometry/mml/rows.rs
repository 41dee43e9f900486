//! Row after row, from the region's bottom to past its top: the first row laid afresh below
//! the region, each next one standing on the last as a [`Lift`] says (level rows, and their
//! centres rising on their own: [`super::hexagonal`]; rows that follow the last:
//! [`super::following`]), the centres whose balls meet the region kept.

use super::following;
use super::hexagonal::{self, Balls, over};
use crate::geometry::{Interval, Point};

/// How each row stands on the one below.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lift {
    /// Level (y constant), as high as its worst triangle allows, each centre then rising on
    /// its own by at most `rise` balls' reach (`hexagonal::raise`; 0 keeps the row level).
    Level { rise: f64 },
    /// Each centre lifted across the row below by one Fisher distance, the same along the
    /// row ([`super::following`]): where the metric's scale across rows changes along them
    /// (Beta's rows of constant β are 1.2 r apart at α = 0.5 where they are 1.5 r apart at
    /// α = 6), level rows are as close everywhere as where they must be closest.
    Following,
}

/// A covering by rows: the centres whose balls meet the region, and the circumcentres of its
/// triangles over the region (where the exact check looks for holes; none for square rows).
pub struct Rows {
    pub centres: Vec<Point>,
    pub holes: Vec<Point>,
}

/// The rows covering the rectangle x × y of the chart, from the bottom, each standing on
/// the last as `lift` says; centres whose ball meets the region (`meets`) are kept. None
/// when more than `limit` would be kept, or tried (8 × limit), or a row leaves the domain
/// or cannot be placed.
pub fn hexagonal_rows(
    balls: &impl Balls,
    meets: impl Fn(Point) -> bool,
    x: Interval,
    y: Interval,
    limit: usize,
    lift: Lift,
) -> Option<Rows> {
    let tries = 8 * limit.max(1);
    // Where the metric is sheared, each row lies across from the last one's midpoints shifted
    // along x: the rows reach past the region's sides by three balls' reach times the shear,
    // so that the triangles over the region have a row below and above them.
    let margin = [x.lo, 0.5 * (x.lo + x.hi), x.hi]
        .iter()
        .map(|&at| {
            let p = Point::new(at, y.lo);
            Some(3.0 * balls.shear(p)?.abs() * balls.reach(p)?)
        })
        .try_fold(0.0f64, |m, s| Some(m.max(s?)))?;
    let wide = Interval::new(x.lo - margin, x.hi + margin);
    let mut row = hexagonal::first_row(balls, x, wide, y.lo, tries)?;
    let mut out = Rows {
        centres: Vec::new(),
        holes: Vec::new(),
    };
    let mut tried: usize = 0;
    loop {
        tried += row.len();
        if tried > tries || crate::geometry::deadline::passed() {
            return None;
        }
        out.centres
            .extend(row.iter().copied().filter(|&c| meets(c)));
        if out.centres.len() > limit {
            return None;
        }
        if hexagonal::rim(balls, &row, x, false)? >= y.hi {
            return Some(out);
        }
        let (next, triangles) = match lift {
            Lift::Level { rise } => hexagonal::level_row(balls, &row, x, wide, tries, rise)?,
            Lift::Following => following::next_row(balls, &row, x, wide, tries)?,
        };
        let over_region = triangles.into_iter().filter(|t| over(t, x));
        out.holes.extend(over_region.filter_map(|t| balls.hole(t)));
        row = next;
    }
}
