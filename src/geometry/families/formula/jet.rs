//! Numbers that carry their first and second derivatives in two variables (forward-mode
//! automatic differentiation to second order): a log-density evaluated on jets gives the
//! score and the Hessian that the Fisher matrix, the Bartlett check and the Christoffel
//! symbols need, exactly, from the one formula the user wrote.

use std::ops::{Add, Div, Mul, Neg, Sub};
use std::str::FromStr;

/// What the expressions are evaluated on: plain numbers (for densities and KL) or jets.
pub trait Scalar:
    Copy
    + std::fmt::Debug
    + Default
    + FromStr
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + Send
    + Sync
    + 'static
{
    /// Whether the number carries derivatives: plain numbers skip computing them.
    const DERIVATIVES: bool;
    fn constant(v: f64) -> Self;
    fn value(&self) -> f64;
    /// f(self) from f's value and its first two derivatives at self's value (the chain
    /// rule: g′ = f′u′, g″ = f′u″ + f″u′u′ᵀ).
    fn chain(self, f: f64, d1: f64, d2: f64) -> Self;
    /// Whether the number has no derivatives (a literal, or the outcome x).
    fn is_constant(&self) -> bool;
}

impl Scalar for f64 {
    const DERIVATIVES: bool = false;
    fn constant(v: f64) -> Self {
        v
    }
    fn value(&self) -> f64 {
        *self
    }
    fn chain(self, f: f64, _d1: f64, _d2: f64) -> Self {
        f
    }
    fn is_constant(&self) -> bool {
        true
    }
}

/// A value with its gradient g = (∂₁, ∂₂) and Hessian h = (∂₁₁, ∂₁₂, ∂₂₂).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Jet {
    pub v: f64,
    pub g: [f64; 2],
    pub h: [f64; 3],
}

impl Jet {
    /// The i-th variable (i = 0, 1) at value v: ∂ᵢ = 1.
    pub fn variable(v: f64, i: usize) -> Self {
        let mut g = [0.0; 2];
        g[i] = 1.0;
        Jet { v, g, h: [0.0; 3] }
    }

    /// The Hessian as [[∂₁₁, ∂₁₂], [∂₁₂, ∂₂₂]] entries: h(i, j).
    pub fn hessian(&self, i: usize, j: usize) -> f64 {
        self.h[i + j]
    }
}

impl FromStr for Jet {
    type Err = std::num::ParseFloatError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Jet::constant(s.parse()?))
    }
}

impl Scalar for Jet {
    const DERIVATIVES: bool = true;
    fn constant(v: f64) -> Self {
        Jet {
            v,
            ..Default::default()
        }
    }
    fn value(&self) -> f64 {
        self.v
    }
    fn chain(self, f: f64, d1: f64, d2: f64) -> Self {
        let g = self.g;
        Jet {
            v: f,
            g: [d1 * g[0], d1 * g[1]],
            h: [
                d1 * self.h[0] + d2 * g[0] * g[0],
                d1 * self.h[1] + d2 * g[0] * g[1],
                d1 * self.h[2] + d2 * g[1] * g[1],
            ],
        }
    }
    fn is_constant(&self) -> bool {
        self.g == [0.0; 2] && self.h == [0.0; 3]
    }
}

impl Add for Jet {
    type Output = Jet;
    fn add(self, b: Jet) -> Jet {
        Jet {
            v: self.v + b.v,
            g: [self.g[0] + b.g[0], self.g[1] + b.g[1]],
            h: [self.h[0] + b.h[0], self.h[1] + b.h[1], self.h[2] + b.h[2]],
        }
    }
}

impl Neg for Jet {
    type Output = Jet;
    fn neg(self) -> Jet {
        Jet {
            v: -self.v,
            g: [-self.g[0], -self.g[1]],
            h: [-self.h[0], -self.h[1], -self.h[2]],
        }
    }
}

impl Sub for Jet {
    type Output = Jet;
    fn sub(self, b: Jet) -> Jet {
        self + (-b)
    }
}

/// (ab)′ = a′b + ab′, (ab)″ = a″b + a′b′ᵀ + b′a′ᵀ + ab″.
impl Mul for Jet {
    type Output = Jet;
    fn mul(self, b: Jet) -> Jet {
        let (a, ag, bg) = (self, self.g, b.g);
        Jet {
            v: a.v * b.v,
            g: [ag[0] * b.v + a.v * bg[0], ag[1] * b.v + a.v * bg[1]],
            h: [
                a.h[0] * b.v + 2.0 * ag[0] * bg[0] + a.v * b.h[0],
                a.h[1] * b.v + ag[0] * bg[1] + ag[1] * bg[0] + a.v * b.h[1],
                a.h[2] * b.v + 2.0 * ag[1] * bg[1] + a.v * b.h[2],
            ],
        }
    }
}

/// a/b = a · (1/b), with (1/u)′ = −1/u², (1/u)″ = 2/u³.
impl Div for Jet {
    type Output = Jet;
    fn div(self, b: Jet) -> Jet {
        if b.is_constant() {
            let r = 1.0 / b.v;
            return self.chain(self.v * r, r, 0.0);
        }
        let r = 1.0 / b.v;
        self * b.chain(r, -r * r, 2.0 * r * r * r)
    }
}

/// u^p for a number p: by repeated multiplication when p is a small whole number (a
/// squared deviation is the commonest power in a density, and powf took a quarter of a KL
/// ball's time), else powf.
fn power(u: f64, p: f64) -> f64 {
    if p.fract() == 0.0 && p.abs() <= 16.0 {
        u.powi(p as i32)
    } else {
        u.powf(p)
    }
}

/// a^b: by the power rule when b is a number (so that (x − μ)^2 holds for x < μ), else
/// exp(b ln a).
pub fn pow<S: Scalar>(a: S, b: S) -> S {
    let (u, p) = (a.value(), b.value());
    if b.is_constant() {
        if p == 0.0 {
            return S::constant(1.0);
        }
        if !S::DERIVATIVES {
            return S::constant(power(u, p));
        }
        return a.chain(
            power(u, p),
            p * power(u, p - 1.0),
            p * (p - 1.0) * power(u, p - 2.0),
        );
    }
    exp(b * ln(a))
}

pub fn exp<S: Scalar>(a: S) -> S {
    let e = a.value().exp();
    a.chain(e, e, e)
}

pub fn ln<S: Scalar>(a: S) -> S {
    let u = a.value();
    a.chain(u.ln(), 1.0 / u, -1.0 / (u * u))
}
