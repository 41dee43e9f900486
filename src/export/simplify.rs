//! Leaving out outline points no reader can see, for the vector formats.
//!
//! Ramer–Douglas–Peucker (Ramer 1972; Douglas & Peucker 1973): a point is left out only if it
//! lies within `tol` of the chord that replaces it, measured against the *original* points, so
//! the drawn polyline stays within `tol` of the exact one however many points it has (the
//! earlier neighbour test measured each point against a chord that had already absorbed its
//! predecessors, so its removals compounded: 1024-point outlines came out as diamonds).
//! `tol` is in the output's own units (a tenth of a pixel, a tenth of a point), so the bound
//! holds at every printed size.

/// The indices, in order, of the points of a path kept so that every point left out lies
/// within `tol` of the segment between the kept points around it (the first and last are
/// always kept).
pub fn kept(points: &[(f64, f64)], tol: f64) -> Vec<usize> {
    let n = points.len();
    if n <= 2 {
        return (0..n).collect();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    // An explicit stack, not recursion: a 4096-point outline must not grow the call stack.
    let mut spans = vec![(0, n - 1)];
    while let Some((a, b)) = spans.pop() {
        let farthest = (a + 1..b)
            .map(|k| (k, distance(points[k], points[a], points[b])))
            .fold(None, |best: Option<(usize, f64)>, (k, d)| match best {
                Some((_, bd)) if bd >= d => best,
                _ => Some((k, d)),
            });
        if let Some((k, d)) = farthest
            && d > tol
        {
            keep[k] = true;
            spans.push((a, k));
            spans.push((k, b));
        }
    }
    (0..n).filter(|&k| keep[k]).collect()
}

/// The distance from p to the segment from a to b (to a, if a = b): a closed outline starts
/// and ends at one point, so its first chord is degenerate.
pub fn distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (px, py) = (p.0 - a.0, p.1 - a.1);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return px.hypot(py);
    }
    let t = ((px * dx + py * dy) / len2).clamp(0.0, 1.0);
    (px - t * dx).hypot(py - t * dy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::TAU;

    fn circle(n: usize, r: f64) -> Vec<(f64, f64)> {
        (0..=n)
            .map(|k| {
                let t = TAU * k as f64 / n as f64;
                (r * t.cos(), r * t.sin())
            })
            .collect()
    }

    /// The largest distance from a point of the path to the kept polyline.
    fn error(points: &[(f64, f64)], kept: &[usize]) -> f64 {
        points
            .iter()
            .map(|&p| {
                kept.windows(2)
                    .map(|w| distance(p, points[w[0]], points[w[1]]))
                    .fold(f64::INFINITY, f64::min)
            })
            .fold(0.0, f64::max)
    }

    #[test]
    fn every_point_left_out_is_within_the_tolerance_of_what_is_drawn() {
        for n in [16, 128, 1024, 4096] {
            for r in [0.5, 3.0, 40.0, 900.0] {
                let pts = circle(n, r);
                let kept = kept(&pts, 0.1);
                let e = error(&pts, &kept);
                assert!(e <= 0.1, "n {n} r {r}: {e}");
                assert_eq!((kept[0], *kept.last().unwrap()), (0, n));
            }
        }
    }

    /// More points never draw a coarser outline: the number kept grows with the curve's size,
    /// not shrinks with its sampling (the neighbour test kept 4 of 1024 on a small circle).
    #[test]
    fn denser_sampling_keeps_at_least_as_fine_an_outline() {
        let r = 30.0;
        let coarse = kept(&circle(128, r), 0.1).len();
        let fine = kept(&circle(1024, r), 0.1).len();
        // A chord within 0.1 of a circle of radius 30 spans at most 2·acos(1 − 0.1/30) ≈ 0.163
        // rad, so at least 2π/0.163 ≈ 38 points are needed.
        let needed = (TAU / (2.0 * (1.0 - 0.1 / r).acos())).ceil() as usize;
        assert!(
            coarse >= needed && fine >= needed,
            "{coarse} {fine} {needed}"
        );
    }

    #[test]
    fn a_straight_line_keeps_its_ends() {
        let line: Vec<(f64, f64)> = (0..50).map(|k| (k as f64, 2.0 * k as f64)).collect();
        assert_eq!(kept(&line, 0.1), vec![0, 49]);
    }
}
