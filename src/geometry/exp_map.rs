//! The exponential map: Fisher–Rao balls where no closed-form distance is known.
//!
//! A geodesic solves ẍᵏ = −Γᵏᵢⱼ ẋⁱ ẋʲ with Γᵏᵢⱼ = ½ gᵏˡ (∂ᵢ gⱼₗ + ∂ⱼ gᵢₗ − ∂ₗ gᵢⱼ)
//! (shared/MATH.md). From θ with velocity v it reaches exp_θ(v) at t = 1, a point at
//! Fisher–Rao distance √(vᵀ g v) when the geodesic is minimising, as it is on every family
//! here with a negative curvature (no conjugate points). The ODE is integrated in the
//! family's canonical coordinates (so only the family's ∂F is needed) by the Dormand–Prince
//! 5(4) pair with step control (Hairer, Nørsett & Wanner, *Solving ODEs I*, II.4–5). It is
//! written here: the ODE crates measured pin another nalgebra (shared/PLOTTING.md). The
//! speed vᵀ g v is conserved along an exact geodesic; tests use it to check the integration.

use nalgebra::Vector4;

use super::tolerance::{EXP_MAP_MAX_STEPS, EXP_MAP_TOL};
use super::{Family, Mat, Point};

/// Γᵏᵢⱼ at θ, as two matrices: `gamma[k][(i, j)]`. None where F is singular.
pub fn christoffel(family: &dyn Family, theta: Point) -> Option<[Mat; 2]> {
    let (g, dg) = family.fisher_with_derivatives(theta);
    let inverse = g.try_inverse()?;
    // Of the first kind: Γₗᵢⱼ = ½ (∂ᵢ gⱼₗ + ∂ⱼ gᵢₗ − ∂ₗ gᵢⱼ).
    let first =
        |l: usize| Mat::from_fn(|i, j| 0.5 * (dg[i][(j, l)] + dg[j][(i, l)] - dg[l][(i, j)]));
    let (f0, f1) = (first(0), first(1));
    Some([
        f0 * inverse[(0, 0)] + f1 * inverse[(0, 1)],
        f0 * inverse[(1, 0)] + f1 * inverse[(1, 1)],
    ])
}

/// (ẋ, ẍ) for the state (x, ẋ); None outside the family's domain.
fn field(family: &dyn Family, y: &Vector4<f64>) -> Option<Vector4<f64>> {
    let (x, v) = (Point::new(y[0], y[1]), Point::new(y[2], y[3]));
    if !family.contains(x) {
        return None;
    }
    let g = christoffel(family, x)?;
    let a = Point::new(-v.dot(&(g[0] * v)), -v.dot(&(g[1] * v)));
    Some(Vector4::new(v.x, v.y, a.x, a.y))
}

/// The geodesic from θ with velocity v, sampled at each time of `stops` (increasing, in
/// (0, 1]): (position, velocity) at each. None if it leaves the domain (or comes so near
/// its edge that no step can stay inside), or the integrator cannot meet its tolerance.
pub fn geodesic(
    family: &dyn Family,
    theta: Point,
    v: Point,
    stops: &[f64],
) -> Option<Vec<(Point, Point)>> {
    let mut y = Vector4::new(theta.x, theta.y, v.x, v.y);
    let mut t = 0.0;
    // A first step of a tenth of the way: the step control adapts it at once.
    let mut h: f64 = 0.1;
    let mut out = Vec::with_capacity(stops.len());
    let mut steps = 0;
    for &stop in stops {
        while t < stop {
            steps += 1;
            if steps > EXP_MAP_MAX_STEPS || (steps % 64 == 0 && super::deadline::passed()) {
                return None;
            }
            let last = t + h >= stop;
            let step = if last { stop - t } else { h };
            // A step whose stages leave the domain is rejected like an inaccurate one:
            // near the edge the step shrinks until the stages stay inside.
            let e = match dormand_prince(family, &y, step) {
                Some((next, err)) => {
                    let scale = y.map(|c| 1.0 + c.abs());
                    let e = err.component_div(&scale).amax() / EXP_MAP_TOL;
                    (next, e)
                }
                None => (y, f64::INFINITY),
            };
            let (next, e) = e;
            if e <= 1.0 {
                y = next;
                t = if last { stop } else { t + step };
            }
            // The usual controller: the error of a 5th-order step goes as h⁵.
            let grow = if e == 0.0 {
                5.0
            } else {
                (0.9 * e.powf(-0.2)).clamp(0.2, 5.0)
            };
            h = step * grow;
            if h < 1e-12 {
                return None; // the geodesic runs into the edge of the domain
            }
        }
        out.push((Point::new(y[0], y[1]), Point::new(y[2], y[3])));
    }
    Some(out)
}

/// exp_θ(v): where the geodesic from θ with velocity v is at t = 1.
pub fn exp(family: &dyn Family, theta: Point, v: Point) -> Option<Point> {
    geodesic(family, theta, v, &[1.0]).map(|s| s[0].0)
}

/// One Dormand–Prince step of size h: the 5th-order solution and the difference from the
/// embedded 4th-order one (the error estimate).
fn dormand_prince(
    family: &dyn Family,
    y: &Vector4<f64>,
    h: f64,
) -> Option<(Vector4<f64>, Vector4<f64>)> {
    const C: [[f64; 6]; 6] = [
        [1.0 / 5.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        [3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0],
        [44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0],
        [
            19372.0 / 6561.0,
            -25360.0 / 2187.0,
            64448.0 / 6561.0,
            -212.0 / 729.0,
            0.0,
            0.0,
        ],
        [
            9017.0 / 3168.0,
            -355.0 / 33.0,
            46732.0 / 5247.0,
            49.0 / 176.0,
            -5103.0 / 18656.0,
            0.0,
        ],
        [
            35.0 / 384.0,
            0.0,
            500.0 / 1113.0,
            125.0 / 192.0,
            -2187.0 / 6784.0,
            11.0 / 84.0,
        ],
    ];
    // 5th order minus the embedded 4th order weights.
    const E: [f64; 7] = [
        71.0 / 57600.0,
        0.0,
        -71.0 / 16695.0,
        71.0 / 1920.0,
        -17253.0 / 339200.0,
        22.0 / 525.0,
        -1.0 / 40.0,
    ];
    let mut k = [Vector4::zeros(); 7];
    k[0] = field(family, y)?;
    for s in 0..6 {
        let mut ys = *y;
        for (j, kj) in k.iter().enumerate().take(s + 1) {
            ys += h * C[s][j] * kj;
        }
        k[s + 1] = field(family, &ys)?;
        if s == 5 {
            // The last stage is evaluated at the 5th-order solution itself (FSAL).
            let err = k
                .iter()
                .zip(E)
                .fold(Vector4::zeros(), |e, (kj, w)| e + h * w * kj);
            return Some((ys, err));
        }
    }
    unreachable!("the loop returns at its last stage")
}
