//! What the layout, the drawing, the pgfplots writer and the page share of a panel: its
//! legend labels, the points it draws, the shaded cells as rectangles, equal aspect.

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
