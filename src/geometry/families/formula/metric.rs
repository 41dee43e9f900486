//! The Fisher matrix of a formula family and its derivatives between quadratures: Chebyshev
//! interpolants on cells of the parameter plane, each checked against the quadrature
//! before it is used. The exponential map asks for F and ∂F some 55 times per outline point
//! (7000 quadratures a ball, 0.2 ms each); a cell costs 148 quadratures and serves every
//! ball, geodesic and probe that passes through it.
//!
//! Cells: the first chart's view cut into 8 × 8, each cut into four again where its
//! interpolant misses the quadrature by more than [`PATCH_TOL`] (near a singularity such as
//! Gamma's k → 0), at most [`MAX_DEPTH`] times; a cell that still misses, or has a node
//! outside the domain, is not interpolated (F is then the quadrature itself). A cell's
//! interpolant depends on the cell alone, so results do not depend on which thread or
//! figure asked first.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::geometry::{Limits, Mat, Point};

/// Chebyshev points per side of a cell.
const N: usize = 16;

/// A cell's interpolant is used when it matches the quadrature at the check points to this,
/// relative to |F| (and, for ∂F, to |∂F|).
pub const PATCH_TOL: f64 = 1e-9;

/// Cells are quartered at most this many times.
const MAX_DEPTH: u8 = 6;

/// The nine values interpolated: F₁₁, F₁₂, F₂₂, then ∂₁F and ∂₂F in the same order.
pub type Values = [f64; 9];

/// The F and ∂F of a family at a point, from its quadrature: None where it has none.
pub type Exact<'a> = &'a dyn Fn(Point) -> Option<Values>;

/// The same at a point from the quadrature nodes of another (a cell's centre).
pub type OnNodes<'a> = &'a dyn Fn(Point, Point) -> Option<Values>;

enum Cell {
    /// Chebyshev coefficients c[i][j] of each value over the cell.
    Patch(Box<[[Values; N]; N]>),
    /// Look in the four quarters.
    Split,
    /// Not interpolated.
    Direct,
}

/// The cells of one family, built as they are first needed.
pub struct Cells {
    origin: Point,
    size: Point,
    built: Mutex<HashMap<(u8, i64, i64), Arc<Cell>>>,
}

fn chebyshev(t: f64) -> [f64; N] {
    let mut out = [0.0; N];
    out[0] = 1.0;
    out[1] = t;
    for k in 2..N {
        out[k] = 2.0 * t * out[k - 1] - out[k - 2];
    }
    out
}

fn evaluate(c: &[[Values; N]; N], u: f64, v: f64) -> Values {
    let (tu, tv) = (chebyshev(u), chebyshev(v));
    let mut out = [0.0; 9];
    for i in 0..N {
        for j in 0..N {
            let w = tu[i] * tv[j];
            for q in 0..9 {
                out[q] += c[i][j][q] * w;
            }
        }
    }
    out
}

/// |a − b| over |b|, for F (the first three values) and ∂F (the rest) apart.
fn misses(a: &Values, b: &Values) -> bool {
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    let gap = |r: std::ops::Range<usize>| {
        let d: Vec<f64> = r.clone().map(|q| a[q] - b[q]).collect();
        norm(&d) / norm(&b[r])
    };
    // An F off-diagonal twice, as in the matrix's norm, is near enough here.
    !(gap(0..3) <= PATCH_TOL && gap(3..9) <= PATCH_TOL)
}

impl Cells {
    pub fn new(view: &Limits) -> Self {
        Cells {
            origin: Point::new(view.x.lo, view.y.lo),
            size: Point::new(view.x.width() / 8.0, view.y.width() / 8.0),
            built: Mutex::new(HashMap::new()),
        }
    }

    /// F and ∂F at θ: the interpolant of θ's cell, or `exact` where there is none.
    pub fn values(&self, theta: Point, exact: Exact, on_nodes: OnNodes) -> Option<Values> {
        let mut depth = 0u8;
        loop {
            let scale = 0.5f64.powi(depth as i32);
            let (w, h) = (self.size.x * scale, self.size.y * scale);
            let (i, j) = (
                ((theta.x - self.origin.x) / w).floor(),
                ((theta.y - self.origin.y) / h).floor(),
            );
            if !(i.abs() < 1e15 && j.abs() < 1e15) {
                return exact(theta);
            }
            let key = (depth, i as i64, j as i64);
            let lo = Point::new(self.origin.x + i * w, self.origin.y + j * h);
            let cell = self.cell(key, lo, Point::new(w, h), exact, on_nodes);
            match &*cell {
                Cell::Patch(c) => {
                    let u = 2.0 * (theta.x - lo.x) / w - 1.0;
                    let v = 2.0 * (theta.y - lo.y) / h - 1.0;
                    return Some(evaluate(c, u.clamp(-1.0, 1.0), v.clamp(-1.0, 1.0)));
                }
                Cell::Direct => return exact(theta),
                Cell::Split => depth += 1,
            }
        }
    }

    fn cell(
        &self,
        key: (u8, i64, i64),
        lo: Point,
        size: Point,
        exact: Exact,
        on_nodes: OnNodes,
    ) -> Arc<Cell> {
        if let Some(c) = self
            .built
            .lock()
            .expect("cells are only inserted")
            .get(&key)
        {
            return c.clone();
        }
        let cell = Arc::new(build(key.0, lo, size, exact, on_nodes));
        self.built
            .lock()
            .expect("cells are only inserted")
            .entry(key)
            .or_insert(cell)
            .clone()
    }
}

/// The interpolant over the cell, checked at four points between the nodes.
#[allow(clippy::needless_range_loop)] // c[i][j] and T_i(x_k) read as the formula does.
fn build(depth: u8, lo: Point, size: Point, exact: Exact, on_nodes: OnNodes) -> Cell {
    let fallback = if depth < MAX_DEPTH {
        Cell::Split
    } else {
        Cell::Direct
    };
    let node = |k: usize| (std::f64::consts::PI * (k as f64 + 0.5) / N as f64).cos();
    let at = |u: f64, v: f64| {
        Point::new(
            lo.x + 0.5 * (u + 1.0) * size.x,
            lo.y + 0.5 * (v + 1.0) * size.y,
        )
    };
    let mut samples = [[[0.0; 9]; N]; N];
    for k in 0..N {
        for l in 0..N {
            match on_nodes(at(node(k), node(l)), at(0.0, 0.0)) {
                Some(v) if v.iter().all(|x| x.is_finite()) => samples[k][l] = v,
                _ => return fallback,
            }
        }
    }
    // c_ij = (2/N)² Σ_kl f(x_k, y_l) T_i(x_k) T_j(y_l), halved for i = 0 and for j = 0.
    let t: Vec<[f64; N]> = (0..N).map(|k| chebyshev(node(k))).collect();
    let mut c = Box::new([[[0.0; 9]; N]; N]);
    for i in 0..N {
        for j in 0..N {
            let mut sum = [0.0; 9];
            for k in 0..N {
                for l in 0..N {
                    let w = t[k][i] * t[l][j];
                    for q in 0..9 {
                        sum[q] += samples[k][l][q] * w;
                    }
                }
            }
            let half = (if i == 0 { 0.5 } else { 1.0 }) * (if j == 0 { 0.5 } else { 1.0 });
            for q in 0..9 {
                c[i][j][q] = sum[q] * half * 4.0 / (N * N) as f64;
            }
        }
    }
    for (u, v) in [(0.31, -0.57), (-0.73, 0.41), (0.05, 0.93), (-0.97, -0.99)] {
        match exact(at(u, v)) {
            Some(e) if !misses(&evaluate(&c, u, v), &e) => {}
            _ => return fallback,
        }
    }
    Cell::Patch(c)
}

/// F and ∂F as matrices from the nine values.
pub fn matrices(v: &Values) -> (Mat, [Mat; 2]) {
    let m = |a: f64, b: f64, c: f64| Mat::new(a, b, b, c);
    (
        m(v[0], v[1], v[2]),
        [m(v[3], v[4], v[5]), m(v[6], v[7], v[8])],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Interval;

    /// F and ∂F standing in for a family's (Gamma's ψ′(k) ~ 1/k² near k = 0): analytic on the
    /// view [0, 1]², with a pole just outside it at x = −0.02, which a polynomial on the
    /// first column of cells follows only to 3e-6, on a quarter of it to 1e-10.
    fn exact(t: Point) -> Option<Values> {
        let f = 1.0 / (t.x + 0.02) + t.y * t.y;
        let d = -1.0 / (t.x + 0.02).powi(2);
        Some([
            f,
            t.x * t.y,
            f * f,
            d,
            t.y,
            2.0 * f * d,
            2.0 * t.y,
            t.x,
            4.0 * f * t.y,
        ])
    }

    /// Away from the pole the interpolant is the function to the cells' tolerance; near it,
    /// where no polynomial can follow it, the cells split and then give way to the function
    /// itself, so every value returned is the exact one to that tolerance.
    #[test]
    fn cells_interpolate_only_where_they_match_the_function() {
        let view = Limits {
            x: Interval::new(0.0, 1.0),
            y: Interval::new(0.0, 1.0),
        };
        let cells = Cells::new(&view);
        let on_nodes = |t: Point, _centre: Point| exact(t);
        for i in 0..40 {
            for j in 0..10 {
                let (x, y) = (0.013 + 0.0247 * i as f64, 0.05 + 0.0937 * j as f64);
                let t = Point::new(x, y);
                let got = cells.values(t, &exact, &on_nodes).unwrap();
                let want = exact(t).unwrap();
                assert!(
                    (got[0] - want[0]).abs() <= 1e-8 * want[0].abs(),
                    "at ({x}, {y}): {} against {}",
                    got[0],
                    want[0]
                );
            }
        }
        let built = cells.built.lock().unwrap();
        assert!(
            built.values().any(|c| matches!(**c, Cell::Split)),
            "no cell split"
        );
        assert!(
            built.values().any(|c| matches!(**c, Cell::Patch(_))),
            "no cell interpolated"
        );
    }
}
