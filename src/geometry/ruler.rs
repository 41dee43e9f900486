//! One-parameter families and their Fisher rulers: along a parameter's axis, the points one
//! Fisher–Rao radius apart. In one dimension the Fisher–Rao distance is the length
//! ∫ √I(θ) dθ, so each family here has an arc-length coordinate s(θ) in closed form, and
//! the distance between θ₁ and θ₂ is |s(θ₁) − s(θ₂)| (e.g. Amari & Nagaoka, *Methods of
//! Information Geometry*, §2; Atkinson & Mitchell 1981 for these families):
//!
//! | family | I(θ) | s(θ) |
//! |---|---|---|
//! | Poisson(λ) | 1/λ | 2√λ |
//! | exponential(λ), rate λ | 1/λ² | ln λ |
//! | binomial(n, p) (Bernoulli: n = 1) | n/(p(1 − p)) | 2√n asin √p |
//! | geometric(p), failures before the first success | 1/(p²(1 − p)) | −2 atanh √(1 − p) |
//!
//! Marks are laid at s(from) + k·r for k = 0, 1, … while they do not pass `to`.

use serde::Serialize;

/// A one-parameter family.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum OneParameter {
    Poisson,
    Exponential,
    /// n trials (n = 1: Bernoulli).
    Binomial(u32),
    Geometric,
}

/// A chart of the one parameter: its name on the command line, its label, and the map.
#[derive(Debug, Clone, Copy)]
pub struct Axis {
    pub name: &'static str,
    pub label: &'static str,
    pub map: fn(f64) -> f64,
}

const IDENTITY: fn(f64) -> f64 = |t| t;

/// The rate λ itself, and its logarithm: charts of Poisson and the exponential alike.
const RATE: Axis = Axis {
    name: "rate",
    label: "λ",
    map: IDENTITY,
};
const LOG: Axis = Axis {
    name: "log",
    label: "ln λ",
    map: f64::ln,
};

impl OneParameter {
    /// The names `ruler --family` takes.
    pub const NAMES: [&'static str; 4] = ["poisson", "exponential", "binomial", "geometric"];

    /// The family called `name` (`bernoulli` is binomial with n = 1).
    pub fn named(name: &str, n: Option<u32>) -> Option<Self> {
        Some(match name {
            "poisson" => OneParameter::Poisson,
            "exponential" => OneParameter::Exponential,
            "bernoulli" => OneParameter::Binomial(1),
            "binomial" => OneParameter::Binomial(n.unwrap_or(10)),
            "geometric" => OneParameter::Geometric,
            _ => return None,
        })
    }

    pub fn display_name(&self) -> String {
        match self {
            OneParameter::Poisson => "Poisson(λ)".into(),
            OneParameter::Exponential => "exponential(λ)".into(),
            OneParameter::Binomial(1) => "Bernoulli(p)".into(),
            OneParameter::Binomial(n) => format!("binomial({n}, p)"),
            OneParameter::Geometric => "geometric(p)".into(),
        }
    }

    /// The parameter's symbol.
    pub fn symbol(&self) -> &'static str {
        match self {
            OneParameter::Poisson | OneParameter::Exponential => "λ",
            _ => "p",
        }
    }

    /// The open interval of valid parameters.
    pub fn domain(&self) -> (f64, f64) {
        match self {
            OneParameter::Poisson | OneParameter::Exponential => (0.0, f64::INFINITY),
            OneParameter::Binomial(_) | OneParameter::Geometric => (0.0, 1.0),
        }
    }

    pub fn contains(&self, t: f64) -> bool {
        let (lo, hi) = self.domain();
        t.is_finite() && t > lo && t < hi
    }

    /// The Fisher information I(θ).
    pub fn fisher(&self, t: f64) -> f64 {
        match self {
            OneParameter::Poisson => 1.0 / t,
            OneParameter::Exponential => 1.0 / (t * t),
            OneParameter::Binomial(n) => *n as f64 / (t * (1.0 - t)),
            OneParameter::Geometric => 1.0 / (t * t * (1.0 - t)),
        }
    }

    /// The arc-length coordinate s(θ), with ds/dθ = √I(θ).
    pub fn arc(&self, t: f64) -> f64 {
        match self {
            OneParameter::Poisson => 2.0 * t.sqrt(),
            OneParameter::Exponential => t.ln(),
            OneParameter::Binomial(n) => 2.0 * (*n as f64).sqrt() * t.sqrt().asin(),
            OneParameter::Geometric => -2.0 * (1.0 - t).sqrt().atanh(),
        }
    }

    /// θ(s), the inverse of [`OneParameter::arc`].
    pub fn from_arc(&self, s: f64) -> f64 {
        match self {
            OneParameter::Poisson => 0.25 * s * s,
            OneParameter::Exponential => s.exp(),
            OneParameter::Binomial(n) => (s / (2.0 * (*n as f64).sqrt())).sin().powi(2),
            OneParameter::Geometric => {
                let c = (-0.5 * s).tanh();
                1.0 - c * c
            }
        }
    }

    /// The Fisher–Rao distance |s(θ₁) − s(θ₂)|.
    pub fn distance(&self, a: f64, b: f64) -> f64 {
        (self.arc(a) - self.arc(b)).abs()
    }

    /// The charts of the parameter drawn side by side: the parameter, and the maps that
    /// straighten or bend it.
    pub fn axes(&self) -> [Axis; 3] {
        match self {
            OneParameter::Poisson => [
                RATE,
                LOG,
                Axis {
                    name: "root",
                    label: "√λ",
                    map: f64::sqrt,
                },
            ],
            OneParameter::Exponential => [
                RATE,
                LOG,
                Axis {
                    name: "mean",
                    label: "1/λ (mean)",
                    map: f64::recip,
                },
            ],
            OneParameter::Binomial(_) | OneParameter::Geometric => [
                Axis {
                    name: "probability",
                    label: "p",
                    map: IDENTITY,
                },
                Axis {
                    name: "logit",
                    label: "ln(p/(1 − p))",
                    map: |p| (p / (1.0 - p)).ln(),
                },
                Axis {
                    name: "angle",
                    label: "asin √p",
                    map: |p| p.sqrt().asin(),
                },
            ],
        }
    }

    /// Whether outcomes are counts (a probability each) or a line (a density).
    pub fn counts(&self) -> bool {
        !matches!(self, OneParameter::Exponential)
    }

    /// p(x; θ): the probability of count x, or the density at x.
    pub fn density(&self, t: f64, x: f64) -> f64 {
        use crate::geometry::special::ln_gamma;
        match self {
            OneParameter::Poisson => (x * t.ln() - t - ln_gamma(x + 1.0)).exp(),
            OneParameter::Exponential => t * (-t * x).exp(),
            OneParameter::Binomial(n) => {
                let n = *n as f64;
                if x > n {
                    return 0.0;
                }
                let choose = ln_gamma(n + 1.0) - ln_gamma(x + 1.0) - ln_gamma(n - x + 1.0);
                (choose + x * t.ln() + (n - x) * (-t).ln_1p()).exp()
            }
            OneParameter::Geometric => t * (1.0 - t).powf(x),
        }
    }

    /// The outcomes worth drawing for θ: up to where all but 1e-3 of the mass lies.
    pub fn outcome_range(&self, t: f64) -> f64 {
        match self {
            OneParameter::Poisson => t + 4.0 * t.sqrt() + 3.0,
            OneParameter::Exponential => 7.0 / t,
            OneParameter::Binomial(n) => *n as f64,
            OneParameter::Geometric => ((1e-3f64).ln() / (-t).ln_1p()).min(1e4),
        }
    }
}

/// The marks of a ruler: θ at s(from) + k·r for k = 0, 1, … up to `to`, and the distance
/// between each pair of neighbours (r, to rounding).
pub fn marks(family: OneParameter, from: f64, to: f64, r: f64) -> (Vec<f64>, Vec<f64>) {
    let (s0, s1) = (family.arc(from), family.arc(to));
    let count = ((s1 - s0) / r + 1e-9).floor() as usize;
    let marks: Vec<f64> = (0..=count)
        .map(|k| match k {
            0 => from,
            _ => family.from_arc(s0 + k as f64 * r),
        })
        .collect();
    let distances = marks
        .windows(2)
        .map(|w| family.distance(w[0], w[1]))
        .collect();
    (marks, distances)
}
