//! Placement shared by the plotters drawing and the pgfplots writer: where a legend goes,
//! and the shaded cells as rectangles.

use crate::geometry::Interval;
use crate::scene::{PanelScene, Shading};
use crate::style::Rgb;

/// The legend entries of a panel: its labelled shapes, then its labelled curves.
pub fn legend_labels(panel: &PanelScene) -> Vec<&str> {
    panel
        .shapes
        .iter()
        .map(|s| s.label.as_str())
        .chain(panel.paths.iter().map(|c| c.label.as_str()))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every point a panel draws: outline points, centres, curve and marker points.
pub fn drawn(panel: &PanelScene) -> impl Iterator<Item = &(f64, f64)> {
    panel
        .shapes
        .iter()
        .flat_map(|s| s.outlines.iter().flatten().chain(&s.centres))
        .chain(panel.paths.iter().flat_map(|c| &c.points))
        .chain(&panel.markers)
}

/// Which of `corners` (the low corner of a `w` × `h` box each) holds the fewest of
/// `points`: the first such.
pub fn emptiest(corners: &[(f64, f64)], (w, h): (f64, f64), points: &[(f64, f64)]) -> usize {
    let covered = |&(x, y): &(f64, f64)| {
        points
            .iter()
            .filter(|&&(px, py)| px >= x && px <= x + w && py >= y && py <= y + h)
            .count()
    };
    let counts: Vec<usize> = corners.iter().map(covered).collect();
    let least = counts.iter().copied().min().unwrap_or(0);
    counts.iter().position(|&c| c == least).unwrap_or(0)
}

/// The shaded cells as rectangles [x0, y0, x1, y1] in data coordinates with their colour,
/// each run of equal colours along a row as one (the Jeffreys density of most charts is
/// constant along rows, so a file then holds a rectangle a row, not a cell).
pub fn runs(s: &Shading) -> Vec<(Rgb, [f64; 4])> {
    let (dx, dy) = (s.x.width() / s.cols as f64, s.y.width() / s.rows as f64);
    let mut out = Vec::new();
    for (j, row) in s.colours.chunks(s.cols).enumerate() {
        let y0 = s.y.lo + j as f64 * dy;
        let mut i = 0;
        while i < row.len() {
            let run = row[i..].iter().take_while(|c| **c == row[i]).count();
            if let Some(c) = row[i] {
                let x0 = s.x.lo + i as f64 * dx;
                out.push((c, [x0, y0, x0 + run as f64 * dx, y0 + dy]));
            }
            i += run;
        }
    }
    out
}

/// The ranges `x` and `y`, one of them widened about its middle, so that a unit of x and of
/// y span the same length of a `w` × `h` plotting area.
pub fn equal_aspect(x: Interval, y: Interval, (w, h): (f64, f64)) -> (Interval, Interval) {
    let per = (x.width() / w).max(y.width() / h);
    let widen = |r: Interval, side: f64| {
        let (mid, half) = (0.5 * (r.lo + r.hi), 0.5 * per * side);
        Interval::new(mid - half, mid + half)
    };
    (widen(x, w), widen(y, h))
}
