//! A family from a formula: a family file (TOML) gives the log-density ln p(x; θ) of a
//! two-parameter family, its domain and support, and optional further charts; everything
//! else follows as for the built-in families. See docs/formula-families.md.
//!
//! - The Fisher matrix F = E[s sᵀ] (s = ∇_θ ln p, the score) and its derivatives
//!   ∂ₖF_ij = E[∂ₖs_i s_j + s_i ∂ₖs_j + s_i s_j s_k] are expectations by quadrature
//!   ([`quadrature`]), the score and its derivatives exact, from the formula on jets ([`jet`]).
//! - KL(p₁ ‖ p₂) = E₁[ln p₁ − ln p₂] by the same quadrature, at p₁'s nodes; its gradient in
//!   θ₂ is −E₁[s(θ₂)].
//! - Fisher–Rao balls by the exponential map, whose Christoffel symbols come from ∂F.
//! - Before a figure is drawn, the family checks itself at its centres ([`FormulaFamily::verify`]).

mod chart;
mod expression;
mod file;
mod jet;
mod metric;
pub mod quadrature;

use std::cell::RefCell;
use std::sync::Arc;

use rand_chacha::ChaCha8Rng;

use self::chart::{Domain, FormulaChart, Map};
use self::expression::Formula;
pub use self::expression::FormulaError;
use self::file::{Condition, File};
use self::jet::{Jet, Scalar};
use self::quadrature::{Outcomes, Rule, Weighted};
use super::fit;
use crate::geometry::chart::Chart;
use crate::geometry::family::Support;
use crate::geometry::{Family, Interval, Limits, Mat, NoEstimate, Point};

/// The example family files of docs/families, built in: `--family docs/families/NAME.toml`
/// reads the file where it exists, and these anywhere else (a figure file's or the
/// gallery's command then works in any directory).
pub const EXAMPLES: [(&str, &str); 5] = [
    (
        "docs/families/gaussian.toml",
        include_str!("../../../../docs/families/gaussian.toml"),
    ),
    (
        "docs/families/gamma.toml",
        include_str!("../../../../docs/families/gamma.toml"),
    ),
    (
        "docs/families/beta.toml",
        include_str!("../../../../docs/families/beta.toml"),
    ),
    (
        "docs/families/weibull.toml",
        include_str!("../../../../docs/families/weibull.toml"),
    ),
    (
        "docs/families/inverse-gaussian.toml",
        include_str!("../../../../docs/families/inverse-gaussian.toml"),
    ),
];

/// The checks at a centre, each to its tolerance: ∫p = 1, E[s] = 0 (relative to the
/// score's scale √F_ii), F = −E[∂² ln p] (Bartlett, relative to |F|). A wrong normaliser
/// or a support that depends on θ misses by far more; a density singular at an end of a
/// finite support misses by up to ε^β of its mass (Beta's (1 − x)^(β−1) with β = 0.43: the
/// outcomes within 1e-16 of 1 round onto it, 1.4e-7 of the mass), which these allow.
pub const NORMALISED_TOL: f64 = 1e-6;
pub const MEAN_SCORE_TOL: f64 = 1e-6;
pub const BARTLETT_TOL: f64 = 1e-6;

/// A family read from a file.
pub struct FormulaFamily {
    /// This family's own number, for the per-thread caches (never reused, unlike an address).
    id: usize,
    name: &'static str,
    /// The parameters' names, then the outcome's: the names formulas of θ and x use.
    names: [String; 3],
    domain: Vec<Condition>,
    log_density: Formula,
    /// The log-density's terms that hold the outcome, and those that do not (evaluated once
    /// a point, not once a node: Gamma's lgamma(k) and its derivatives were a third of a
    /// Fisher–Rao ball's time).
    with_outcome: Formula,
    without_outcome: Formula,
    outcomes: Outcomes,
    location: Option<Formula>,
    scale: Option<Formula>,
    level: f64,
    charts: &'static [&'static dyn Chart],
    /// F and ∂F interpolated between quadratures.
    cells: metric::Cells,
}

/// Expectations at θ over p_θ's outcomes, every one a pass over the rule needs.
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

/// Greek letters written out in a file's names, drawn as their symbols on the axes.
const GREEK: [(&str, &str); 24] = [
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("omicron", "ο"),
    ("pi", "π"),
    ("rho", "ρ"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
];

/// A name as an axis shows it: a Greek letter's name becomes the letter, and digits at
/// its end subscripts ("eta1" → "η₁", "sigma_2" → "σ₂").
fn label(name: &str) -> &'static str {
    let digits_at = name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let stem = name[..digits_at].trim_end_matches('_');
    let stem = GREEK
        .iter()
        .find(|(word, _)| *word == stem)
        .map_or(stem, |(_, letter)| letter);
    let sub: String = name[digits_at..]
        .chars()
        .filter_map(|d| char::from_u32(0x2080 + d.to_digit(10)?))
        .collect();
    leak(format!("{stem}{sub}"))
}

/// Names and texts of a family read at run time live as long as the program, as the
/// built-in families' do (a figure file reads each family file once).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn err(s: impl Into<String>) -> FormulaError {
    FormulaError(s.into())
}

impl FormulaFamily {
    /// The family the file's text describes, or the first thing wrong with it.
    pub fn from_toml(text: &str) -> Result<Arc<Self>, FormulaError> {
        let file: File = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            err(match line {
                Some(n) => format!("line {n}: {}", e.message().trim()),
                None => e.message().trim().to_string(),
            })
        })?;
        let [p0, p1]: [String; 2] = file.parameters.clone().try_into().map_err(|_| {
            err(format!(
                "parameters = {:?}: a family has two parameters (the axes of its first chart)",
                file.parameters
            ))
        })?;
        let variable = file.variable.clone().unwrap_or_else(|| "x".into());
        let names = [p0, p1, variable];
        if names[0] == names[1] || names[2] == names[0] || names[2] == names[1] {
            return Err(err(format!(
                "the parameters and the outcome need three different names, not {names:?}"
            )));
        }
        let refs = [names[0].as_str(), names[1].as_str(), names[2].as_str()];
        let log_density = Formula::parse("log_density", &file.log_density, &refs)?;
        for (i, n) in refs.iter().enumerate() {
            if !log_density.uses(i) {
                return Err(err(format!("log_density does not use '{n}'")));
            }
        }
        let terms = expression::terms(&file.log_density);
        let holds_outcome =
            |t: &str| expression::variables(t).map_or(true, |v| v.iter().any(|n| *n == names[2]));
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
        let domain = file
            .domain
            .iter()
            .map(|d| Condition::parse(d, &refs[..2]))
            .collect::<Result<Vec<_>, _>>()?;
        let theta_only = |what: &str, f: &Option<String>| {
            f.as_ref()
                .map(|t| Formula::parse(what, t, &refs[..2]))
                .transpose()
        };
        let location = theta_only("location", &file.location)?;
        let scale = theta_only("scale", &file.scale)?;
        let outcomes = file::outcomes(&file)?;
        let level = file.level.unwrap_or(0.01);
        if !(level > 0.0 && level <= 1.0) {
            return Err(err(format!("level = {level} must be a KL level in (0, 1]")));
        }
        let conditions = domain.clone();
        let inside: Domain = Arc::new(move |t: Point| {
            crate::geometry::chart::finite(t) && conditions.iter().all(|c| c.holds(&[t.x, t.y]))
        });
        let view = file::view(&file, &domain, &refs[..2])?;
        let grid = file::grid(&file)?;
        let domain_text = leak(match file.domain.is_empty() {
            true => "any values".to_string(),
            false => file.domain.join(", "),
        });
        let mut first = FormulaChart::new(
            "parameters",
            [label(&names[0]), label(&names[1])],
            domain_text,
            inside.clone(),
            None,
            grid,
        );
        first.limits = view;
        for corner in crate::geometry::mml::rectangle(&view, 1) {
            if !inside(corner) {
                return Err(err(format!(
                    "the view's corner ({}, {}) is outside the domain ({domain_text}); give a view = [[..], [..]] inside it",
                    corner.x, corner.y
                )));
            }
        }
        let mut charts: Vec<&'static dyn Chart> = vec![Box::leak(Box::new(first))];
        for (name, table) in &file.charts {
            let chart = other_chart(name, table, &refs[..2], &inside, domain_text, grid, &view)?;
            charts.push(Box::leak(Box::new(chart)));
        }
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let family = FormulaFamily {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            name: leak(file.name.clone()),
            names,
            domain,
            log_density,
            with_outcome,
            without_outcome,
            outcomes,
            location,
            scale,
            level,
            charts: Box::leak(charts.into_boxed_slice()),
            cells: metric::Cells::new(&view),
        };
        Ok(Arc::new(family))
    }

    fn values(&self, theta: Point, x: f64) -> [f64; 3] {
        [theta.x, theta.y, x]
    }

    fn log_p(&self, theta: Point, x: f64) -> f64 {
        self.log_density.eval(&self.values(theta, x))
    }

    /// x ↦ ln p_θ(x), its terms free of x evaluated once.
    fn log_p_of(&self, theta: Point) -> impl Fn(f64) -> f64 + '_ {
        let fixed = self.without_outcome.eval(&self.values(theta, 0.0));
        move |x| fixed + self.with_outcome.eval(&self.values(theta, x))
    }

    /// x ↦ ln p_θ(x) as a jet in θ, its terms free of x evaluated once.
    fn log_p_jet_of(&self, theta: Point) -> impl Fn(f64) -> Jet + '_ {
        let params = [Jet::variable(theta.x, 0), Jet::variable(theta.y, 1)];
        let fixed = self
            .without_outcome
            .eval_jet(&[params[0], params[1], Jet::constant(0.0)]);
        move |x| {
            fixed
                + self
                    .with_outcome
                    .eval_jet(&[params[0], params[1], Jet::constant(x)])
        }
    }

    /// The rule for p_θ, its negligible nodes left out (cached per thread: a KL ball asks
    /// for the same p₁ many times).
    fn rule(&self, theta: Point) -> Arc<Weighted> {
        thread_local! {
            static RULES: Cache<Weighted> = const { RefCell::new(Vec::new()) };
        }
        cached(&RULES, self, theta, || {
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
    fn bulk(&self, theta: Point, lo: f64, hi: f64) -> (f64, f64) {
        use quadrature::{from_line, to_line};
        let v = [theta.x, theta.y];
        if let (Some(m), Some(c)) = (&self.location, &self.scale) {
            let (m, c) = (m.eval(&v), c.eval(&v));
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
    pub fn moments(&self, theta: Point) -> Moments {
        thread_local! {
            static MOMENTS: Cache<Moments> = const { RefCell::new(Vec::new()) };
        }
        *cached(&MOMENTS, self, theta, || self.moments_uncached(theta))
    }

    fn moments_uncached(&self, theta: Point) -> Moments {
        self.moments_on(theta, &self.rule(theta))
    }

    /// The expectations at θ on the nodes of `rule` (θ's own, or a nearby point's: the
    /// interpolation cells sample F on their centre's nodes), each weighed by w·p_θ.
    fn moments_on(&self, theta: Point, rule: &Weighted) -> Moments {
        let mut m = Moments {
            undefined_at: rule.undefined_at,
            ..Moments::default()
        };
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
            m.score[0] += wp * s[0];
            m.score[1] += wp * s[1];
            let pairs = [(0, 0), (0, 1), (1, 1)];
            for (q, &(i, j)) in pairs.iter().enumerate() {
                m.fisher[q] += wp * s[i] * s[j];
                m.curvature[q] -= wp * l.hessian(i, j);
                for k in 0..2 {
                    m.fisher_derivatives[k][q] +=
                        wp * (l.hessian(k, i) * s[j] + s[i] * l.hessian(k, j) + s[i] * s[j] * s[k]);
                }
            }
        }
        m
    }

    /// F and ∂F at θ: from the interpolant of θ's cell ([`metric`]), or the quadrature
    /// itself; NaN outside the domain.
    fn metric(&self, theta: Point) -> (Mat, [Mat; 2]) {
        let exact = |t: Point| {
            self.contains(t).then(|| {
                let m = self.moments(t);
                let (f, d) = (m.fisher, m.fisher_derivatives);
                [
                    f[0], f[1], f[2], d[0][0], d[0][1], d[0][2], d[1][0], d[1][1], d[1][2],
                ]
            })
        };
        // A cell's nodes are sampled on the quadrature nodes of its centre (one rule for
        // the cell's 256 points); its checks use each point's own rule.
        let on_nodes = |t: Point, centre: Point| {
            (self.contains(t) && self.contains(centre)).then(|| {
                let m = self.moments_on(t, &self.rule(centre));
                let (f, d) = (m.fisher, m.fisher_derivatives);
                [
                    f[0], f[1], f[2], d[0][0], d[0][1], d[0][2], d[1][0], d[1][1], d[1][2],
                ]
            })
        };
        let values = self
            .cells
            .values(theta, &exact, &on_nodes)
            .unwrap_or([f64::NAN; 9]);
        metric::matrices(&values)
    }

    /// The checks at θ ([`NORMALISED_TOL`], [`MEAN_SCORE_TOL`], [`BARTLETT_TOL`]): a
    /// sentence naming the check, the point and the size of the miss, if one fails.
    pub fn check(&self, theta: Point) -> Result<(), String> {
        let at = format!(
            "({}, {}) = ({}, {})",
            self.names[0],
            self.names[1],
            short(theta.x),
            short(theta.y)
        );
        if !self.contains(theta) {
            return Err(format!(
                "{at} is outside the family's domain ({})",
                self.charts[0].domain()
            ));
        }
        let m = self.moments(theta);
        if let Some(x) = m.undefined_at {
            return Err(format!(
                "log_density is not a number at {} = {} for {at}: the support holds outcomes where the formula is undefined; narrow the support or fix the formula",
                self.names[2],
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
        let scale = [f[0].sqrt(), f[2].sqrt()];
        for (i, (score, spread)) in m.score.iter().zip(scale).enumerate() {
            let off = (score / spread).abs();
            if off.is_nan() || off > MEAN_SCORE_TOL {
                return Err(format!(
                    "the score's mean is not 0 at {at}: E[∂ ln p/∂{}] = {:.2e} ({:.1e} of its spread, more than {MEAN_SCORE_TOL:.0e}); the support or the density depends on the parameter in a way the formula misses",
                    self.names[i], score, off
                ));
            }
        }
        let norm = (f[0] * f[0] + 2.0 * f[1] * f[1] + f[2] * f[2]).sqrt();
        let gap = ((0..3)
            .map(|q| (f[q] - m.curvature[q]).powi(2) * if q == 1 { 2.0 } else { 1.0 })
            .sum::<f64>())
        .sqrt();
        if gap.is_nan() || gap > BARTLETT_TOL * norm {
            return Err(format!(
                "E[s sᵀ] and −E[∂² ln p] differ at {at} by {:.1e} of |F| (Bartlett's identity, to {BARTLETT_TOL:.0e}): the quadrature misses mass{}",
                gap / norm,
                self.bulk_hint()
            ));
        }
        if !(f[0] > 0.0 && f[0] * f[2] - f[1] * f[1] > 0.0) {
            return Err(format!(
                "the Fisher matrix at {at} is not positive definite: the two parameters are not identifiable there"
            ));
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
}

/// A per-thread cache of a few values computed at points of one family.
type Cache<T> = RefCell<Vec<(usize, [u64; 2], Arc<T>)>>;

/// The value at θ from `cache`, or `make`'s, kept (the four most recent).
fn cached<T>(
    cache: &'static std::thread::LocalKey<Cache<T>>,
    family: &FormulaFamily,
    theta: Point,
    make: impl FnOnce() -> T,
) -> Arc<T> {
    let key = (family.id, [theta.x.to_bits(), theta.y.to_bits()]);
    let hit = cache.with(|c| {
        c.borrow()
            .iter()
            .find(|(id, t, _)| (*id, *t) == key)
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

/// A number in a message: four significant digits, in powers of ten when large or small.
fn short(v: f64) -> String {
    if v != 0.0 && !(1e-4..1e6).contains(&v.abs()) {
        format!("{v:.3e}")
    } else {
        crate::number::significant(v)
    }
}

fn mat(q: [f64; 3]) -> Mat {
    Mat::new(q[0], q[1], q[1], q[2])
}

/// A `[charts.NAME]` table: a formula for each parameter in the chart's coordinates (the
/// variables of the first parameter's formula, then any new ones of the second, each
/// formula's in alphabetical order), an optional `inverse` table
/// (coordinate = formula of the parameters), and an optional `view` (otherwise the first
/// chart's view carried over).
fn other_chart(
    name: &str,
    table: &toml::Value,
    params: &[&str],
    inside: &Domain,
    domain_text: &'static str,
    grid: (usize, usize),
    view: &Limits,
) -> Result<FormulaChart, FormulaError> {
    let what = |k: &str| format!("[charts.{name}] {k}");
    let table = table.as_table().ok_or_else(|| {
        err(format!(
            "charts.{name} must be a table: [charts.{name}] with {} = \"…\"",
            params.join(" = \"…\", ")
        ))
    })?;
    for key in table.keys() {
        if !params.contains(&key.as_str()) && key != "inverse" && key != "view" {
            return Err(err(format!(
                "[charts.{name}] has the key '{key}'; it takes the parameters ({}), inverse and view",
                params.join(", ")
            )));
        }
    }
    let text_of = |k: &str| -> Result<String, FormulaError> {
        table
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| err(format!("[charts.{name}] needs {k} = \"…\", the parameter as a formula of the chart's coordinates")))
    };
    let texts = [text_of(params[0])?, text_of(params[1])?];
    let inverse = table.get("inverse").and_then(|v| v.as_table());
    // The coordinates: the inverse table's keys in order, else the formulas' variables.
    let coordinates: Vec<String> = match inverse {
        Some(inv) => inv.keys().cloned().collect(),
        None => {
            let mut seen = Vec::new();
            for t in &texts {
                for v in expression::variables(t).map_err(|e| {
                    err(format!("{} = \"{t}\" does not parse: {e}", what(params[0])))
                })? {
                    if !seen.contains(&v) {
                        seen.push(v);
                    }
                }
            }
            seen
        }
    };
    if coordinates.len() != 2 || params.iter().any(|p| coordinates.iter().any(|c| c == p)) {
        return Err(err(format!(
            "chart '{name}' has the coordinates {coordinates:?}: a chart needs two, named apart from the parameters"
        )));
    }
    let crefs = [coordinates[0].as_str(), coordinates[1].as_str()];
    let to_theta = [
        Formula::parse(&what(params[0]), &texts[0], &crefs)?,
        Formula::parse(&what(params[1]), &texts[1], &crefs)?,
    ];
    let to_phi = match inverse {
        None => None,
        Some(inv) => {
            let f = |c: &str| -> Result<Formula, FormulaError> {
                let t = inv.get(c).and_then(|v| v.as_str()).unwrap_or_default();
                Formula::parse(&format!("[charts.{name}.inverse] {c}"), t, params)
            };
            Some([f(crefs[0])?, f(crefs[1])?])
        }
    };
    let mut chart = FormulaChart::new(
        leak(name.to_string()),
        [label(crefs[0]), label(crefs[1])],
        domain_text,
        inside.clone(),
        Some(Map { to_theta, to_phi }),
        grid,
    );
    chart.limits = match table.get("view") {
        Some(v) => chart_view(name, v, &crefs)?,
        None => carried_view(&chart, view, name)?,
    };
    Ok(chart)
}

/// A chart's own `view`, read as the file's is ([`file::limits`]).
fn chart_view(name: &str, v: &toml::Value, coordinates: &[&str]) -> Result<Limits, FormulaError> {
    let key = format!("[charts.{name}] view");
    let rows: Vec<Vec<f64>> = v
        .clone()
        .try_into()
        .map_err(|_| err(format!("{key} must be [[x low, x high], [y low, y high]]")))?;
    file::limits(&key, &rows, coordinates)
}

/// The bounding box of the first chart's view carried into this chart (its boundary, 50
/// points an edge), checking that the map goes there and back.
fn carried_view(chart: &FormulaChart, view: &Limits, name: &str) -> Result<Limits, FormulaError> {
    let mut lo = Point::repeat(f64::INFINITY);
    let mut hi = Point::repeat(f64::NEG_INFINITY);
    for theta in crate::geometry::mml::rectangle(view, 50) {
        let phi = chart.phi(theta);
        let back = chart.theta(phi);
        if !(crate::geometry::chart::finite(phi)
            && (back - theta).norm() <= 1e-9 * (1.0 + theta.norm()))
        {
            return Err(err(format!(
                "chart '{name}' is not invertible at ({}, {}): no coordinates map to it (Newton's method from 8 starts); give [charts.{name}.inverse] formulas",
                short(theta.x),
                short(theta.y)
            )));
        }
        lo = lo.inf(&phi);
        hi = hi.sup(&phi);
    }
    Ok(Limits {
        x: Interval::new(lo.x, hi.x),
        y: Interval::new(lo.y, hi.y),
    })
}

impl Family for FormulaFamily {
    fn name(&self) -> &'static str {
        self.name
    }
    fn display_name(&self) -> String {
        self.name.to_string()
    }
    fn default_kl(&self) -> f64 {
        self.level
    }
    fn charts(&self) -> &'static [&'static dyn Chart] {
        self.charts
    }
    fn contains(&self, theta: Point) -> bool {
        crate::geometry::chart::finite(theta)
            && self.domain.iter().all(|c| c.holds(&[theta.x, theta.y]))
    }
    fn kl(&self, theta1: Point, theta2: Point) -> f64 {
        let log_p2 = self.log_p_of(theta2);
        self.rule(theta1)
            .nodes
            .iter()
            .map(|&(x, wp, l1)| wp * (l1 - log_p2(x)))
            .sum()
    }
    /// ∇_θ₂ KL(p₁ ‖ p₂) = −E₁[s(θ₂)], at p₁'s nodes.
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let log_p = self.log_p_jet_of(theta);
        let mut g = Point::zeros();
        for &(x, wp, _) in &self.rule(target).nodes {
            let l = log_p(x);
            g -= Point::new(l.g[0], l.g[1]) * wp;
        }
        g
    }
    fn density(&self, theta: Point, x: f64) -> f64 {
        let inside = match self.outcomes {
            Outcomes::Line { lo, hi } => x > lo && x < hi,
            Outcomes::Counts { lo, hi } => x >= lo && x <= hi && x.fract() == 0.0,
        };
        if inside {
            self.log_p(theta, x).exp()
        } else {
            0.0
        }
    }
    /// The interval that holds all but 1e-4 of the mass, read off the rule's running sum.
    fn support(&self, theta: Point) -> Support {
        let rule = self.rule(theta);
        let total: f64 = rule.nodes.iter().map(|n| n.1).sum();
        let mut run = 0.0;
        let (mut a, mut b) = (f64::NAN, f64::NAN);
        for &(x, m, _) in &rule.nodes {
            run += m;
            if a.is_nan() && run >= 5e-5 * total {
                a = x;
            }
            if b.is_nan() && run >= (1.0 - 5e-5) * total {
                b = x;
            }
        }
        match self.outcomes {
            Outcomes::Counts { .. } => Support::Outcomes(b.max(0.0) as usize + 1),
            Outcomes::Line { .. } if a < b => Support::Line(Interval::new(a, b)),
            Outcomes::Line { lo, hi } => Support::Line(Interval::new(lo.max(-1.0), hi.min(1.0))),
        }
    }
    /// Inverse-transform draws: the rule's running sum of mass is the CDF at its nodes
    /// (linear between them; exact for counts).
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        use rand_distr::Distribution;
        let rule = self.rule(theta);
        let mut run = 0.0;
        let cdf: Vec<(f64, f64)> = rule
            .nodes
            .iter()
            .map(|&(x, m, _)| {
                run += m;
                (x, run)
            })
            .collect();
        let counts = matches!(self.outcomes, Outcomes::Counts { .. });
        let uniform = rand_distr::Uniform::new(0.0, 1.0).expect("0 < 1");
        for o in out.iter_mut() {
            let u = uniform.sample(rng) * run;
            let k = cdf
                .partition_point(|c| c.1 < u)
                .min(cdf.len().saturating_sub(1));
            *o = match (counts, k) {
                (true, _) | (false, 0) => cdf.get(k).map_or(f64::NAN, |c| c.0),
                (false, _) => {
                    let ((x0, c0), (x1, c1)) = (cdf[k - 1], cdf[k]);
                    x0 + (x1 - x0) * ((u - c0) / (c1 - c0)).clamp(0.0, 1.0)
                }
            };
        }
    }
    /// Fisher scoring from the first chart's view centre: θ ← θ + F⁻¹ (mean score).
    fn fit(&self, xs: &[f64]) -> Result<Point, NoEstimate> {
        if xs.iter().any(|x| !x.is_finite()) {
            return Err(fit::NOT_A_DRAW);
        }
        let view = self.charts[0].default_limits();
        let start = Point::new(0.5 * (view.x.lo + view.x.hi), 0.5 * (view.y.lo + view.y.hi));
        let loglik = |t: Point| {
            self.contains(t)
                .then(|| {
                    let log_p = self.log_p_of(t);
                    xs.iter().map(|&x| log_p(x)).sum::<f64>()
                })
                .filter(|l| l.is_finite())
        };
        let step = |t: Point| {
            let log_p = self.log_p_jet_of(t);
            let mut s = Point::zeros();
            for &x in xs {
                let l = log_p(x);
                s += Point::new(l.g[0], l.g[1]);
            }
            fit::solve(mat(self.moments(t).fisher), s / xs.len() as f64)
        };
        fit::ascend(start, loglik, step)
    }
    fn fisher(&self, theta: Point) -> Mat {
        mat(self.moments(theta).fisher)
    }
    fn fisher_derivatives(&self, theta: Point) -> [Mat; 2] {
        let d = self.moments(theta).fisher_derivatives;
        [mat(d[0]), mat(d[1])]
    }
    fn fisher_with_derivatives(&self, theta: Point) -> (Mat, [Mat; 2]) {
        self.metric(theta)
    }
    fn verify(&self, theta: Point) -> Result<(), String> {
        self.check(theta)
    }
}
