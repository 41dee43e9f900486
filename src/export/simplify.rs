//! Leaving out outline points no reader can see, for the vector formats.

/// The indices of the points of a path kept when those within `tol` of the line through the
/// last point kept and the next one are left out (the first and last are always kept): a
/// 256-point outline of a small ball keeps a few dozen.
pub fn kept(points: &[(f64, f64)], tol: f64) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(points.len());
    for k in 0..points.len() {
        let (Some(&a), Some(&b)) = (kept.last(), points.get(k + 1)) else {
            kept.push(k);
            continue;
        };
        if !within(points[a], points[k], b, tol) {
            kept.push(k);
        }
    }
    kept
}

/// Whether p lies within `tol` of the line through a and b (or of a, if a = b).
fn within(a: (f64, f64), p: (f64, f64), b: (f64, f64), tol: f64) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (px, py) = (p.0 - a.0, p.1 - a.1);
    let len = dx.hypot(dy);
    if len == 0.0 {
        return px.hypot(py) <= tol;
    }
    (dx * py - dy * px).abs() <= tol * len
}
