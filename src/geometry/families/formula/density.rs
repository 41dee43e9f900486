//! The density of a family file, with one parameter (a ruler's family) or two: ln p(x; θ)
//! on numbers and on jets, the quadrature rule of p_θ, and every expectation at θ the
//! Fisher information, its derivatives and the checks need, in one pass over the rule.
//!
//! - I = E[s sᵀ] (s = ∇_θ ln p, the score) and ∂ₖI_ij = E[∂ₖs_i s_j + s_i ∂ₖs_j + s_i s_j s_k],
//!   the score and its derivatives exact, from the formula on jets ([`super::jet`]).
//! - The checks: ∫p = 1, E[s] = 0 and I = −E[∂² ln p] (Bartlett).

use std::cell::RefCell;
use std::sync::Arc;

use super::expression::{self, Formula, FormulaError};
use super::file::File;
use super::jet::{Jet, Scalar};
use super::quadrature::{self, Outcomes, Rule, Weighted};
use super::{BARTLETT_TOL, MEAN_SCORE_TOL, NORMALISED_TOL, short};

/// A file's log-density over its outcomes, in `dim` parameters (1 or 2).
pub struct Density {
    /// This density's own number, for the per-thread caches (never reused, unlike an address).
    id: usize,
    /// The parameters' names, then the outcome's.
    pub names: Vec<String>,
    log_density: Formula,
    /// The log-density's terms that hold the outcome, and those that do not (evaluated once
    /// a point, not once a node: Gamma's lgamma(k) and its derivatives were a third of a
    /// Fisher–Rao ball's time).
    with_outcome: Formula,
    without_outcome: Formula,
    pub outcomes: Outcomes,
    location: Option<Formula>,
    scale: Option<Formula>,
}

/// Expectations at θ over p_θ's outcomes, every one a pass over the rule needs; the
/// entries of a second parameter stay 0 for a one-parameter family.
#[derive(Debug, Clone, Copy, Default)]
pub struct Moments {
    /// ∫ p.
    pub total: f64,
    /// E[s].
    pub score: [f64; 2],
    /// E[s sᵀ]: (11, 12, 22).
    pub fisher: [f64; 3],
    /// −E[∂² ln p]: (11, 12, 22).
    pub curvature: [f64; 3],
    /// ∂ₖF_ij for k = 1, 2: (11, 12, 22).
    pub fisher_derivatives: [[f64; 3]; 2],
    /// The first outcome where ln p is not a number, if any.
    pub undefined_at: Option<f64>,
}

/// The entries (i, j) of a symmetric matrix in `dim` parameters, in the order
/// [`Moments`] keeps them (11, 12, 22).
fn pairs(dim: usize) -> &'static [(usize, usize, usize)] {
    match dim {
        1 => &[(0, 0, 0)],
        _ => &[(0, 0, 0), (1, 0, 1), (2, 1, 1)],
    }
}

impl Density {
    /// The file's density in the parameters `names` (then the outcome's name).
    pub fn new(file: &File, names: Vec<String>) -> Result<Self, FormulaError> {
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let dim = names.len() - 1;
        let log_density = Formula::parse("log_density", &file.log_density, &refs)?;
        for (i, n) in refs.iter().enumerate() {
            if !log_density.uses(i) {
                return Err(FormulaError(format!("log_density does not use '{n}'")));
            }
        }
        let terms = expression::terms(&file.log_density);
        let outcome = &names[dim];
        let holds_outcome =
            |t: &str| expression::variables(t).map_or(true, |v| v.iter().any(|n| n == outcome));
        let with_outcome = Formula::parse(
            "log_density",
            &expression::sum_of(&terms, holds_outcome),
            &refs,
        )?;
        let without_outcome = Formula::parse(
            "log_density",
            &expression::sum_of(&terms, |t| !holds_outcome(t)),
            &refs,
        )?;
        let theta_only = |what: &str, f: &Option<String>| {
            f.as_ref()
                .map(|t| Formula::parse(what, t, &refs[..dim]))
                .transpose()
        };
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        Ok(Density {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            location: theta_only("location", &file.location)?,
            scale: theta_only("scale", &file.scale)?,
            outcomes: super::file::outcomes(file)?,
            names,
            log_density,
            with_outcome,
            without_outcome,
        })
    }

    /// The values a formula of the parameters and the outcome takes: θ, then x.
    fn values(&self, theta: &[f64], x: f64) -> [f64; 3] {
        let mut v = [0.0; 3];
        v[..theta.len()].copy_from_slice(theta);
        v[theta.len()] = x;
        v
    }

    pub fn log_p(&self, theta: &[f64], x: f64) -> f64 {
        self.log_density.eval(&self.values(theta, x))
    }

    /// p_θ(x): 0 off the outcomes.
    pub fn p(&self, theta: &[f64], x: f64) -> f64 {
        let inside = match self.outcomes {
            Outcomes::Line { lo, hi } => x > lo && x < hi,
            Outcomes::Counts { lo, hi } => x >= lo && x <= hi && x.fract() == 0.0,
        };
        match inside {
            true => self.log_p(theta, x).exp(),
            false => 0.0,
        }
    }

    /// x ↦ ln p_θ(x), its terms free of x evaluated once.
    pub fn log_p_of(&self, theta: &[f64]) -> impl Fn(f64) -> f64 + '_ {
        let fixed = self.without_outcome.eval(&self.values(theta, 0.0));
        let values = self.values(theta, 0.0);
        let at = theta.len();
        move |x| {
            let mut v = values;
            v[at] = x;
            fixed + self.with_outcome.eval(&v)
        }
    }

    /// x ↦ ln p_θ(x) as a jet in θ, its terms free of x evaluated once.
    pub fn log_p_jet_of(&self, theta: &[f64]) -> impl Fn(f64) -> Jet + '_ {
        let mut values = [Jet::constant(0.0); 3];
        for (i, &t) in theta.iter().enumerate() {
            values[i] = Jet::variable(t, i);
        }
        let fixed = self.without_outcome.eval_jet(&values);
        let at = theta.len();
        move |x| {
            let mut v = values;
            v[at] = Jet::constant(x);
            fixed + self.with_outcome.eval_jet(&v)
        }
    }

    /// The rule for p_θ, its negligible nodes left out (cached per thread: a KL ball asks
    /// for the same p₁ many times).
    pub fn rule(&self, theta: &[f64]) -> Arc<Weighted> {
        thread_local! {
            static RULES: Cache<Weighted> = const { RefCell::new(Vec::new()) };
        }
        cached(&RULES, self.id, theta, || {
            let rule = match self.outcomes {
                Outcomes::Counts { lo, hi } => Rule::counts(lo, hi, self.log_p_of(theta)),
                Outcomes::Line { lo, hi } => {
                    let (location, scale) = self.bulk(theta, lo, hi);
                    Rule::line(lo, hi, location, scale)
                }
            };
            rule.keep_mass(self.log_p_of(theta))
        })
    }

    /// Where p_θ's mass lies on the line the rule is laid on ([`Rule::line`]), as a
    /// location m and width c there: from the file's `location` and `scale` (of x) if it
    /// gives them, else from two passes, each laid where the one before found the mass
    /// (the first at m = 0, c = 1): m = E[v], and c = exp E[ln |v − m|], a width that exists
    /// for heavy tails too (γ for a Cauchy of scale γ) and is 0.53σ for a Gaussian's σ.
    fn bulk(&self, theta: &[f64], lo: f64, hi: f64) -> (f64, f64) {
        use quadrature::{from_line, to_line};
        if let (Some(m), Some(c)) = (&self.location, &self.scale) {
            let (m, c) = (m.eval(theta), c.eval(theta));
            let at = to_line(lo, hi, m);
            // A width c in x is c·dv/dx in v.
            let dxdv = from_line(lo, hi, at).1;
            return (at, c / dxdv);
        }
        let (mut m, mut c) = (0.0, 1.0);
        for _ in 0..2 {
            // A quarter of the nodes: the passes find the bulk, not its integrals.
            let rule = Rule::line_with(lo, hi, m, c, 4.0 * quadrature::STEP);
            let log_p = self.log_p_of(theta);
            let mean_over = |f: &dyn Fn(f64) -> f64| {
                let (mut z, mut sum) = (0.0, 0.0);
                for &(x, w) in &rule.nodes {
                    let (p, value) = (log_p(x).exp(), f(to_line(lo, hi, x)));
                    // ln |v − m| is −∞ at the node on m: an integrable point left out.
                    if p.is_finite() && value.is_finite() {
                        z += w * p;
                        sum += w * p * value;
                    }
                }
                sum / z
            };
            let mean = mean_over(&|v| v);
            let width = mean_over(&|v| (v - mean).abs().ln()).exp();
            if !(mean.is_finite() && width.is_finite() && width > 0.0) {
                break;
            }
            (m, c) = (mean, width);
        }
        (m, c)
    }

    /// Every expectation at θ, in one pass (cached per thread: the exponential map asks
    /// for F and ∂F at the same point).
    pub fn moments(&self, theta: &[f64]) -> Moments {
        thread_local! {
            static MOMENTS: Cache<Moments> = const { RefCell::new(Vec::new()) };
        }
        *cached(&MOMENTS, self.id, theta, || {
            self.moments_on(theta, &self.rule(theta))
        })
    }

    /// The expectations at θ on the nodes of `rule` (θ's own, or a nearby point's: the
    /// interpolation cells sample F on their centre's nodes), each weighed by w·p_θ.
    pub fn moments_on(&self, theta: &[f64], rule: &Weighted) -> Moments {
        let mut m = Moments {
            undefined_at: rule.undefined_at,
            ..Moments::default()
        };
        let dim = theta.len();
        let log_p = self.log_p_jet_of(theta);
        for (&(x, _, _), &w) in rule.nodes.iter().zip(&rule.weights) {
            let l = log_p(x);
            let wp = w * l.v.exp();
            if !(l.v.is_finite() && l.g.iter().chain(&l.h).all(|d| d.is_finite())) {
                if l.v != f64::NEG_INFINITY {
                    m.undefined_at.get_or_insert(x);
                }
                continue;
            }
            let s = l.g;
            m.total += wp;
            for (e, si) in m.score.iter_mut().zip(&s).take(dim) {
                *e += wp * si;
            }
            for &(q, i, j) in pairs(dim) {
                m.fisher[q] += wp * s[i] * s[j];
                m.curvature[q] -= wp * l.hessian(i, j);
                for k in 0..dim {
                    m.fisher_derivatives[k][q] +=
                        wp * (l.hessian(k, i) * s[j] + s[i] * l.hessian(k, j) + s[i] * s[j] * s[k]);
                }
            }
        }
        m
    }

    /// The checks at θ ([`NORMALISED_TOL`], [`MEAN_SCORE_TOL`], [`BARTLETT_TOL`]) and that
    /// the Fisher information is positive definite: a sentence naming the check, the point
    /// (`at`) and the size of the miss, if one fails.
    pub fn check(&self, theta: &[f64], at: &str) -> Result<(), String> {
        let m = self.moments(theta);
        let dim = theta.len();
        if let Some(x) = m.undefined_at {
            return Err(format!(
                "log_density is not a number at {} = {} for {at}: the support holds outcomes where the formula is undefined; narrow the support or fix the formula",
                self.names[dim],
                short(x)
            ));
        }
        let miss = (m.total - 1.0).abs();
        if miss.is_nan() || miss > NORMALISED_TOL {
            return Err(format!(
                "the density does not integrate to 1 at {at}: ∫p = {} (a miss of {:.1e}, more than {NORMALISED_TOL:.0e}); check log_density's normalising terms{}",
                short(m.total),
                miss,
                self.bulk_hint()
            ));
        }
        let f = m.fisher;
        let diagonal = [f[0], f[2]];
        for (i, spread) in diagonal.iter().map(|d| d.sqrt()).enumerate().take(dim) {
            // A score that is 0 at every outcome has no spread to measure its mean by: the
            // Fisher information is then singular, which the last check words.
            if spread == 0.0 {
                continue;
            }
            let off = (m.score[i] / spread).abs();
            if off.is_nan() || off > MEAN_SCORE_TOL {
                return Err(format!(
                    "the score's mean is not 0 at {at}: E[∂ ln p/∂{}] = {:.2e} ({:.1e} of its spread, more than {MEAN_SCORE_TOL:.0e}); the support or the density depends on the parameter in a way the formula misses",
                    self.names[i], m.score[i], off
                ));
            }
        }
        // |A| is the Frobenius norm: the off-diagonal entry counts twice.
        let weight = |q: usize| if q == 1 { 2.0 } else { 1.0 };
        let norm = pairs(dim)
            .iter()
            .map(|&(q, ..)| f[q] * f[q] * weight(q))
            .sum::<f64>()
            .sqrt();
        let gap = pairs(dim)
            .iter()
            .map(|&(q, ..)| (f[q] - m.curvature[q]).powi(2) * weight(q))
            .sum::<f64>()
            .sqrt();
        if gap.is_nan() || gap > BARTLETT_TOL * norm {
            return Err(format!(
                "E[s sᵀ] and −E[∂² ln p] differ at {at} by {:.1e} of |F| (Bartlett's identity, to {BARTLETT_TOL:.0e}): the quadrature misses mass{}",
                gap / norm,
                self.bulk_hint()
            ));
        }
        let definite = match dim {
            1 => f[0] > 0.0,
            _ => f[0] > 0.0 && f[0] * f[2] - f[1] * f[1] > 0.0,
        };
        if !definite {
            return Err(match dim {
                1 => format!(
                    "the Fisher information at {at} is {}, not positive: the parameter is not identifiable there",
                    short(f[0])
                ),
                _ => format!(
                    "the Fisher matrix at {at} is not positive definite: the two parameters are not identifiable there"
                ),
            });
        }
        Ok(())
    }

    fn bulk_hint(&self) -> &'static str {
        match self.outcomes {
            Outcomes::Line { lo, hi } if lo.is_infinite() || hi.is_infinite() => {
                " (or give location = \"…\" and scale = \"…\", formulas of the parameters for where the density's mass lies)"
            }
            _ => "",
        }
    }

    /// The outcomes between which all but `tail` of p_θ's mass lies (each side half of it),
    /// read off the rule's running sum.
    pub fn quantiles(&self, theta: &[f64], tail: f64) -> (f64, f64) {
        let rule = self.rule(theta);
        let total: f64 = rule.nodes.iter().map(|n| n.1).sum();
        let mut run = 0.0;
        let (mut a, mut b) = (f64::NAN, f64::NAN);
        for &(x, m, _) in &rule.nodes {
            run += m;
            if a.is_nan() && run >= 0.5 * tail * total {
                a = x;
            }
            if b.is_nan() && run >= (1.0 - 0.5 * tail) * total {
                b = x;
            }
        }
        (a, b)
    }
}

/// A per-thread cache of a few values computed at points of one density.
type Cache<T> = RefCell<Vec<(usize, [u64; 2], Arc<T>)>>;

/// The value at θ from `cache`, or `make`'s, kept (the four most recent).
fn cached<T>(
    cache: &'static std::thread::LocalKey<Cache<T>>,
    id: usize,
    theta: &[f64],
    make: impl FnOnce() -> T,
) -> Arc<T> {
    let mut bits = [0u64; 2];
    for (b, t) in bits.iter_mut().zip(theta) {
        *b = t.to_bits();
    }
    let key = (id, bits);
    let hit = cache.with(|c| {
        c.borrow()
            .iter()
            .find(|(i, t, _)| (*i, *t) == key)
            .map(|(_, _, v)| v.clone())
    });
    if let Some(v) = hit {
        return v;
    }
    let value = Arc::new(make());
    cache.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 4 {
            c.remove(0);
        }
        c.push((key.0, key.1, value.clone()));
    });
    value
}
