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
//! A family from a file with one parameter ([`FormulaLine`]) has no closed form: its arc
//! length is ∫ √I by adaptive Gauss–Legendre quadrature ([`length`], [`ArcTable`]), I(θ)
//! itself by quadrature over the outcomes.
//!
//! Marks are laid at s(from) + k·r for k = 0, 1, … while they do not pass `to`.

use std::sync::Arc;

use super::families::formula::line::FormulaLine;

/// A one-parameter family.
#[derive(Debug, Clone)]
pub enum OneParameter {
    Poisson,
    Exponential,
    /// n trials (n = 1: Bernoulli).
    Binomial(u32),
    Geometric,
    /// A family file with one parameter.
    Formula(Arc<FormulaLine>),
}

/// A chart of the one parameter: its name, its label, and the map from the parameter.
#[derive(Clone)]
pub struct Axis {
    pub name: &'static str,
    pub label: &'static str,
    pub map: Arc<dyn Fn(f64) -> f64 + Send + Sync>,
}

fn axis(name: &'static str, label: &'static str, map: fn(f64) -> f64) -> Axis {
    Axis {
        name,
        label,
        map: Arc::new(map),
    }
}

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
            // "Rayleigh" → "Rayleigh(σ)"; a name with its own parentheses stays as written.
            OneParameter::Formula(f) if f.name().contains('(') => f.name().to_string(),
            OneParameter::Formula(f) => format!("{}({})", f.name(), f.symbol()),
        }
    }

    /// The parameter's symbol.
    pub fn symbol(&self) -> &'static str {
        match self {
            OneParameter::Poisson | OneParameter::Exponential => "λ",
            OneParameter::Binomial(_) | OneParameter::Geometric => "p",
            OneParameter::Formula(f) => f.symbol(),
        }
    }

    /// The valid parameters, in words ("λ > 0").
    pub fn domain_text(&self) -> String {
        match self {
            OneParameter::Poisson | OneParameter::Exponential => "λ > 0".into(),
            OneParameter::Binomial(_) | OneParameter::Geometric => "0 < p < 1".into(),
            OneParameter::Formula(f) => f.domain_text().into(),
        }
    }

    pub fn contains(&self, t: f64) -> bool {
        let (lo, hi) = match self {
            OneParameter::Poisson | OneParameter::Exponential => (0.0, f64::INFINITY),
            OneParameter::Binomial(_) | OneParameter::Geometric => (0.0, 1.0),
            OneParameter::Formula(f) => return f.contains(t),
        };
        t.is_finite() && t > lo && t < hi
    }

    /// The checks a family from a file makes at θ before it is drawn
    /// ([`FormulaLine::check`]); the closed forms need none.
    pub fn verify(&self, t: f64) -> Result<(), String> {
        match self {
            OneParameter::Formula(f) => f.check(t),
            _ => Ok(()),
        }
    }

    /// The Fisher information I(θ).
    pub fn fisher(&self, t: f64) -> f64 {
        match self {
            OneParameter::Poisson => 1.0 / t,
            OneParameter::Exponential => 1.0 / (t * t),
            OneParameter::Binomial(n) => *n as f64 / (t * (1.0 - t)),
            OneParameter::Geometric => 1.0 / (t * t * (1.0 - t)),
            OneParameter::Formula(f) => f.fisher(t),
        }
    }

    /// The arc-length coordinate s(θ), with ds/dθ = √I(θ), where it has a closed form.
    pub fn arc(&self, t: f64) -> Option<f64> {
        Some(match self {
            OneParameter::Poisson => 2.0 * t.sqrt(),
            OneParameter::Exponential => t.ln(),
            OneParameter::Binomial(n) => 2.0 * (*n as f64).sqrt() * t.sqrt().asin(),
            OneParameter::Geometric => -2.0 * (1.0 - t).sqrt().atanh(),
            OneParameter::Formula(_) => return None,
        })
    }

    /// θ(s), the inverse of [`OneParameter::arc`].
    pub fn from_arc(&self, s: f64) -> Option<f64> {
        Some(match self {
            OneParameter::Poisson => 0.25 * s * s,
            OneParameter::Exponential => s.exp(),
            OneParameter::Binomial(n) => (s / (2.0 * (*n as f64).sqrt())).sin().powi(2),
            OneParameter::Geometric => {
                let c = (-0.5 * s).tanh();
                1.0 - c * c
            }
            OneParameter::Formula(_) => return None,
        })
    }

    /// The Fisher–Rao distance: |s(θ₁) − s(θ₂)| in closed form, else ∫ √I by [`length`].
    pub fn distance(&self, a: f64, b: f64) -> f64 {
        match (self.arc(a), self.arc(b)) {
            (Some(sa), Some(sb)) => (sa - sb).abs(),
            _ => length(&|t| self.fisher(t).sqrt(), a.min(b), a.max(b)),
        }
    }

    /// The distance in closed form, for a caption.
    pub fn distance_formula(&self) -> String {
        match self {
            OneParameter::Poisson => "2|√λ₁ − √λ₂| (closed form)".into(),
            OneParameter::Exponential => "|ln(λ₁/λ₂)| (closed form)".into(),
            OneParameter::Binomial(n) => format!("2√{n}·|asin √p₁ − asin √p₂| (closed form)"),
            OneParameter::Geometric => "2|atanh √(1 − p₁) − atanh √(1 − p₂)| (closed form)".into(),
            OneParameter::Formula(f) => {
                let t = f.symbol();
                format!("|∫ √I({t}) d{t}|, I = E[s²] (both by quadrature)")
            }
        }
    }

    /// The charts of the parameter drawn side by side: the parameter, and the maps that
    /// straighten or bend it (a file's: the parameter, then its `[charts.NAME]` tables).
    pub fn axes(&self) -> Vec<Axis> {
        match self {
            OneParameter::Poisson => vec![
                axis("rate", "λ", |t| t),
                axis("log", "ln λ", f64::ln),
                axis("root", "√λ", f64::sqrt),
            ],
            OneParameter::Exponential => vec![
                axis("rate", "λ", |t| t),
                axis("log", "ln λ", f64::ln),
                axis("mean", "1/λ (mean)", f64::recip),
            ],
            OneParameter::Binomial(_) | OneParameter::Geometric => vec![
                axis("probability", "p", |t| t),
                axis("logit", "ln(p/(1 − p))", |p| (p / (1.0 - p)).ln()),
                axis("angle", "asin √p", |p| p.sqrt().asin()),
            ],
            OneParameter::Formula(f) => {
                let mut axes = vec![axis("parameter", f.symbol(), |t| t)];
                for (k, chart) in f.charts().iter().enumerate() {
                    let family = f.clone();
                    axes.push(Axis {
                        name: chart.name,
                        label: chart.label,
                        map: Arc::new(move |t| family.charts()[k].phi(t)),
                    });
                }
                axes
            }
        }
    }

    /// Whether outcomes are counts (a probability each) or a line (a density).
    pub fn counts(&self) -> bool {
        match self {
            OneParameter::Formula(f) => f.counts(),
            _ => !matches!(self, OneParameter::Exponential),
        }
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
            OneParameter::Formula(f) => f.density(t, x),
        }
    }

    /// The outcomes worth drawing for θ: where all but 1e-3 of the mass lies.
    pub fn outcome_range(&self, t: f64) -> (f64, f64) {
        let hi = match self {
            OneParameter::Poisson => t + 4.0 * t.sqrt() + 3.0,
            OneParameter::Exponential => 7.0 / t,
            OneParameter::Binomial(n) => *n as f64,
            OneParameter::Geometric => ((1e-3f64).ln() / (-t).ln_1p()).min(1e4),
            OneParameter::Formula(f) => return f.outcome_range(t),
        };
        (0.0, hi)
    }
}

/// Arc length along the parameter, measured from a ruler's lower end: in closed form, or
/// from a table of ∫ √I.
pub struct Measure<'a> {
    family: &'a OneParameter,
    from: f64,
    to: f64,
    table: Option<ArcTable>,
}

impl<'a> Measure<'a> {
    pub fn new(family: &'a OneParameter, from: f64, to: f64) -> Self {
        let table = match family.arc(from) {
            Some(_) => None,
            None => Some(ArcTable::new(&|t| family.fisher(t).sqrt(), from, to)),
        };
        Measure {
            family,
            from,
            to,
            table,
        }
    }

    fn root_fisher(&self) -> impl Fn(f64) -> f64 + '_ {
        |t| self.family.fisher(t).sqrt()
    }

    /// The length from `from` to `to`.
    pub fn total(&self) -> f64 {
        match &self.table {
            Some(table) => table.total(),
            None => self.family.distance(self.from, self.to),
        }
    }

    /// θ at length s from `from` (0 ≤ s ≤ total), to full precision.
    pub fn point(&self, s: f64) -> f64 {
        match (&self.table, self.family.arc(self.from)) {
            (Some(table), _) => table.point(&self.root_fisher(), s),
            (None, Some(s0)) => self.family.from_arc(s0 + s).unwrap_or(f64::NAN),
            (None, None) => f64::NAN,
        }
    }

    /// θ at length s from `from`, to a drawing's precision (linear within the table's
    /// pieces, which are short enough for Gauss–Legendre to full precision).
    pub fn rough_point(&self, s: f64) -> f64 {
        match &self.table {
            Some(table) => table.rough_point(s),
            None => self.point(s),
        }
    }
}

/// The marks of a ruler: θ at s(from) + k·r for k = 0, 1, … up to `to`, and the distance
/// between each pair of neighbours (r, to rounding; by an independent quadrature for a
/// family from a file).
pub fn marks(family: &OneParameter, from: f64, to: f64, r: f64) -> (Vec<f64>, Vec<f64>) {
    use rayon::prelude::*;
    // Each mark and each distance is found on its own (the same bytes on any thread), and
    // they stop, as NaN, once the figure's time has run out.
    let stopped = super::deadline::passed;
    let measure = Measure::new(family, from, to);
    let count = (measure.total() / r + 1e-9).floor() as usize;
    let marks: Vec<f64> = (0..=count)
        .into_par_iter()
        .map(|k| match k {
            0 => from,
            _ if stopped() => f64::NAN,
            _ => measure.point(k as f64 * r),
        })
        .collect();
    let distances = marks
        .par_windows(2)
        .map(|w| match stopped() {
            true => f64::NAN,
            false => family.distance(w[0], w[1]),
        })
        .collect();
    (marks, distances)
}

/// Adaptive quadrature stops halving a piece when its two halves agree with the whole to
/// this fraction of the piece, so the total is as close (Gauss–Legendre with 10 nodes is
/// exact for polynomials of degree 19: on a smooth √I a piece converges in a few halvings).
/// A tolerance on the total, halved at each level, never converged where √I is large and
/// carries the quadrature's own rounding (1e-14 of I): 180 s for a Rayleigh ruler from
/// 0.01 to 1000. 1e-12, not less: at σ = 1e9 a Rayleigh's quadrature I is noisier than
/// 1e-13, and the halving never settled (it ran to [`MAX_PIECES`]).
pub const LENGTH_TOL: f64 = 1e-12;

/// The deepest a piece is halved (2⁻⁴⁰ of the range).
const MAX_DEPTH: u32 = 40;

/// The most pieces a table is cut into: a guard against √I too rough to converge anywhere.
const MAX_PIECES: usize = 2_000;

/// ∫ₐᵇ f by 10-point Gauss–Legendre.
fn gauss(f: &dyn Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    use std::sync::OnceLock;
    static RULE: OnceLock<gauss_quad::GaussLegendre> = OnceLock::new();
    let rule = RULE.get_or_init(|| {
        gauss_quad::GaussLegendre::new(std::num::NonZeroUsize::new(10).expect("10 > 0"))
    });
    rule.integrate(a, b, f)
}

/// ∫ₐᵇ f, by halving pieces until each agrees with its halves ([`LENGTH_TOL`]); NaN where
/// they never do.
pub fn length(f: &dyn Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    let table = ArcTable::new(f, a, b);
    match table.settled {
        true => table.total(),
        false => f64::NAN,
    }
}

/// The pieces of [a, b] on which ∫ √I has converged, with the length up to each.
pub struct ArcTable {
    /// (start, end, length before start, length of the piece).
    pieces: Vec<(f64, f64, f64, f64)>,
    /// Whether every piece agreed with its halves ([`LENGTH_TOL`]); not where the halving
    /// stopped at [`MAX_DEPTH`] or [`MAX_PIECES`], or met a value that is not a number.
    pub settled: bool,
}

impl ArcTable {
    pub fn new(f: &dyn Fn(f64) -> f64, a: f64, b: f64) -> Self {
        let whole = gauss(f, a, b);
        let mut leaves = Vec::new();
        let mut settled = true;
        halve(f, (a, b), whole, MAX_DEPTH, &mut leaves, &mut settled);
        let mut before = 0.0;
        let pieces = leaves
            .into_iter()
            .map(|(a, b, l)| {
                let piece = (a, b, before, l);
                before += l;
                piece
            })
            .collect();
        ArcTable { pieces, settled }
    }

    pub fn total(&self) -> f64 {
        self.pieces.last().map_or(0.0, |p| p.2 + p.3)
    }

    /// The piece that holds length s (the last for s at or past the end).
    fn piece(&self, s: f64) -> (f64, f64, f64, f64) {
        let k = self.pieces.partition_point(|p| p.2 + p.3 < s);
        self.pieces[k.min(self.pieces.len() - 1)]
    }

    /// θ where ∫ from the start is s: Newton's method on ∫ₐ^θ f = s − (length before a)
    /// within its piece, bisecting when a step leaves the bracket.
    pub fn point(&self, f: &dyn Fn(f64) -> f64, s: f64) -> f64 {
        let (a, b, before, _) = self.piece(s);
        let target = s - before;
        let (mut lo, mut hi) = (a, b);
        let mut t = self.rough_point(s);
        for _ in 0..100 {
            let miss = gauss(f, a, t) - target;
            if miss.abs() <= LENGTH_TOL * (1.0 + s.abs()) {
                return t;
            }
            if miss > 0.0 {
                hi = t;
            } else {
                lo = t;
            }
            let next = t - miss / f(t);
            t = match next > lo && next < hi {
                true => next,
                false => 0.5 * (lo + hi),
            };
            if hi - lo <= 4.0 * f64::EPSILON * t.abs() {
                return t;
            }
        }
        t
    }

    /// θ where the length from the start is s, linear within its piece.
    pub fn rough_point(&self, s: f64) -> f64 {
        let (a, b, before, l) = self.piece(s);
        a + (b - a) * ((s - before) / l).clamp(0.0, 1.0)
    }
}

/// The pieces of [a, b] (whose integral is about `whole`), each to [`LENGTH_TOL`] of itself.
/// A range of positive parameters is halved at its geometric middle, so pieces shrink where
/// √I grows like a power of 1/θ near 0 (1/√λ, 1/λ): a Rayleigh ruler from 1e-9 to 1e9 needs
/// 60 arithmetic halvings to reach the scale of its lower end, and 6 geometric ones.
fn halve(
    f: &dyn Fn(f64) -> f64,
    (a, b): (f64, f64),
    whole: f64,
    depth: u32,
    out: &mut Vec<(f64, f64, f64)>,
    all_settled: &mut bool,
) {
    let m = match a > 0.0 && b > 0.0 {
        true => (a.sqrt() * b.sqrt()).clamp(a, b),
        false => 0.5 * (a + b),
    };
    let (left, right) = (gauss(f, a, m), gauss(f, m, b));
    let settled = (left + right - whole).abs() <= LENGTH_TOL * (left + right).abs();
    if settled {
        out.push((a, m, left));
        out.push((m, b, right));
    } else if depth == 0 || out.len() >= MAX_PIECES || !(left + right).is_finite() {
        *all_settled = false;
        out.push((a, m, left));
        out.push((m, b, right));
    } else {
        halve(f, (a, m), left, depth - 1, out, all_settled);
        halve(f, (m, b), right, depth - 1, out, all_settled);
    }
}
