//! Central differences extrapolated (Richardson) to a small error, for the derivatives a
//! family has no closed form for: ∂F (the exponential map's Christoffel symbols) and the
//! gradient of a KL divergence that is a quadrature (Student-t's).

use std::ops::{Div, Mul, Sub};

use super::Point;

/// The derivative of f at 0 from central differences (f(h) − f(−h))/2h at steps h, h/2,
/// h/4, extrapolated so that the h² and h⁴ error terms cancel: an O(h⁶) error.
pub fn central<T>(f: impl Fn(f64) -> T, h: f64) -> T
where
    T: Copy + Sub<Output = T> + Mul<f64, Output = T> + Div<f64, Output = T>,
{
    let diff = |h: f64| (f(h) - f(-h)) / (2.0 * h);
    let (d1, d2, d4) = (diff(h), diff(h / 2.0), diff(h / 4.0));
    let (e1, e2) = ((d2 * 4.0 - d1) / 3.0, (d4 * 4.0 - d2) / 3.0);
    (e2 * 16.0 - e1) / 15.0
}

/// The step for a coordinate of size x: 2·10⁻³ of it, and no less than 2·10⁻⁶.
pub fn step(x: f64) -> f64 {
    2e-3 * x.abs().max(1e-3)
}

/// ∂f/∂θ₁ and ∂f/∂θ₂ at θ, each by [`central`].
pub fn partials<T>(f: impl Fn(Point) -> T, theta: Point) -> [T; 2]
where
    T: Copy + Sub<Output = T> + Mul<f64, Output = T> + Div<f64, Output = T>,
{
    let partial = |k: usize| {
        central(
            |h| {
                let mut e = Point::zeros();
                e[k] = h;
                f(theta + e)
            },
            step(theta[k]),
        )
    };
    [partial(0), partial(1)]
}

/// ∇f at θ, by [`partials`].
pub fn gradient(f: impl Fn(Point) -> f64, theta: Point) -> Point {
    let [a, b] = partials(f, theta);
    Point::new(a, b)
}
