//! Centres of the balls: an evenly spaced grid strictly inside the limits.

use super::{Interval, Limits, Point};

/// The `n` cell midpoints of `range`: lo + (i + ½)·(hi − lo)/n, i = 0..n.
fn midpoints(range: Interval, n: usize) -> impl Iterator<Item = f64> {
    let step = range.width() / n as f64;
    (0..n).map(move |i| range.lo + (i as f64 + 0.5) * step)
}

/// An `nx`×`ny` grid of centres, none on the edges, row by row from the bottom left.
pub fn centres(limits: &Limits, nx: usize, ny: usize) -> Vec<Point> {
    midpoints(limits.y, ny)
        .flat_map(|y| midpoints(limits.x, nx).map(move |x| Point::new(x, y)))
        .collect()
}
