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
mod density;
mod expression;
mod file;
mod jet;
pub mod line;
mod metric;
pub mod quadrature;

use std::sync::Arc;

use rand_chacha::ChaCha8Rng;

use self::chart::{Domain, FormulaChart, Map};
use self::density::Density;
pub use self::density::Moments;
use self::expression::Formula;
pub use self::expression::FormulaError;
use self::file::{Condition, File};
use self::quadrature::Outcomes;
use super::fit;
use crate::geometry::chart::Chart;
use crate::geometry::family::Support;
use crate::geometry::{Family, Interval, Limits, Mat, NoEstimate, Point};

/// The example family files of docs/families, built in: `--family docs/families/NAME.toml`
/// reads the file where it exists, and these anywhere else (a figure file's or the
/// gallery's command then works in any directory).
pub const EXAMPLES: [(&str, &str); 7] = [
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
    (
        "docs/families/rayleigh.toml",
        include_str!("../../../../docs/families/rayleigh.toml"),
    ),
    (
        "docs/families/poisson.toml",
        include_str!("../../../../docs/families/poisson.toml"),
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
    name: &'static str,
    /// Its log-density in the two parameters, and the expectations over its outcomes.
    density: Density,
    domain: Vec<Condition>,
    level: f64,
    charts: &'static [&'static dyn Chart],
    /// F and ∂F interpolated between quadratures.
    cells: metric::Cells,
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

/// The file's text read as TOML, and its names: the parameters', then the outcome's.
pub(crate) fn read(text: &str) -> Result<(File, Vec<String>), FormulaError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        err(match line {
            Some(n) => format!("line {n}: {}", e.message().trim()),
            None => e.message().trim().to_string(),
        })
    })?;
    let mut names = file.parameters.clone();
    names.push(file.variable.clone().unwrap_or_else(|| "x".into()));
    for (i, a) in names.iter().enumerate() {
        if names[..i].contains(a) {
            return Err(err(format!(
                "the parameters and the outcome need different names, not {names:?}"
            )));
        }
    }
    Ok((file, names))
}

/// How many parameters a family file has (its `parameters` key), if it reads as TOML.
pub fn parameter_count(text: &str) -> Option<usize> {
    read(text).ok().map(|(f, _)| f.parameters.len())
}

impl FormulaFamily {
    /// The family the file's text describes, or the first thing wrong with it.
    pub fn from_toml(text: &str) -> Result<Arc<Self>, FormulaError> {
        let (file, names) = read(text)?;
        match file.parameters.len() {
            2 => {}
            1 => {
                return Err(err(format!(
                    "parameters = {:?}: a family with one parameter is drawn as a Fisher ruler (fisherballs ruler --family FILE --from A --to B); the other commands take two parameters",
                    file.parameters
                )));
            }
            _ => {
                return Err(err(format!(
                    "parameters = {:?}: a family has two parameters (the axes of its first chart), or one for a ruler",
                    file.parameters
                )));
            }
        }
        let density = Density::new(&file, names.clone())?;
        let refs = [names[0].as_str(), names[1].as_str()];
        let domain = file
            .domain
            .iter()
            .map(|d| Condition::parse(d, &refs))
            .collect::<Result<Vec<_>, _>>()?;
        let level = file.level.unwrap_or(0.01);
        if !(level > 0.0 && level <= 1.0) {
            return Err(err(format!("level = {level} must be a KL level in (0, 1]")));
        }
        let conditions = domain.clone();
        let inside: Domain = Arc::new(move |t: Point| {
            crate::geometry::chart::finite(t) && conditions.iter().all(|c| c.holds(&[t.x, t.y]))
        });
        let view = file::view(&file, &domain, &refs)?;
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
            let chart = other_chart(name, table, &refs, &inside, domain_text, grid, &view)?;
            charts.push(Box::leak(Box::new(chart)));
        }
        let family = FormulaFamily {
            name: leak(file.name.clone()),
            density,
            domain,
            level,
            charts: Box::leak(charts.into_boxed_slice()),
            cells: metric::Cells::new(&view),
        };
        Ok(Arc::new(family))
    }

    /// θ as the density takes it.
    fn at(theta: Point) -> [f64; 2] {
        [theta.x, theta.y]
    }

    /// Every expectation at θ, in one pass ([`Density::moments`]).
    pub fn moments(&self, theta: Point) -> Moments {
        self.density.moments(&Self::at(theta))
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
                let m = self
                    .density
                    .moments_on(&Self::at(t), &self.density.rule(&Self::at(centre)));
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
        let names = &self.density.names;
        let at = format!(
            "({}, {}) = ({}, {})",
            names[0],
            names[1],
            short(theta.x),
            short(theta.y)
        );
        if !self.contains(theta) {
            return Err(format!(
                "{at} is outside the family's domain ({})",
                self.charts[0].domain()
            ));
        }
        self.density.check(&Self::at(theta), &at)
    }
}

/// A number in a message: four significant digits, in powers of ten when large or small.
pub(crate) fn short(v: f64) -> String {
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
        let log_p2 = self.density.log_p_of(&Self::at(theta2));
        self.density
            .rule(&Self::at(theta1))
            .nodes
            .iter()
            .map(|&(x, wp, l1)| wp * (l1 - log_p2(x)))
            .sum()
    }
    /// ∇_θ₂ KL(p₁ ‖ p₂) = −E₁[s(θ₂)], at p₁'s nodes.
    fn kl_gradient(&self, target: Point, theta: Point) -> Point {
        let log_p = self.density.log_p_jet_of(&Self::at(theta));
        let mut g = Point::zeros();
        for &(x, wp, _) in &self.density.rule(&Self::at(target)).nodes {
            let l = log_p(x);
            g -= Point::new(l.g[0], l.g[1]) * wp;
        }
        g
    }
    fn density(&self, theta: Point, x: f64) -> f64 {
        self.density.p(&Self::at(theta), x)
    }
    /// The interval that holds all but 1e-4 of the mass, read off the rule's running sum.
    fn support(&self, theta: Point) -> Support {
        let (a, b) = self.density.quantiles(&Self::at(theta), 1e-4);
        match self.density.outcomes {
            Outcomes::Counts { .. } => Support::Outcomes(b.max(0.0) as usize + 1),
            Outcomes::Line { .. } if a < b => Support::Line(Interval::new(a, b)),
            Outcomes::Line { lo, hi } => Support::Line(Interval::new(lo.max(-1.0), hi.min(1.0))),
        }
    }
    /// Inverse-transform draws: the rule's running sum of mass is the CDF at its nodes
    /// (linear between them; exact for counts).
    fn sample(&self, theta: Point, rng: &mut ChaCha8Rng, out: &mut [f64]) {
        use rand_distr::Distribution;
        let rule = self.density.rule(&Self::at(theta));
        let mut run = 0.0;
        let cdf: Vec<(f64, f64)> = rule
            .nodes
            .iter()
            .map(|&(x, m, _)| {
                run += m;
                (x, run)
            })
            .collect();
        let counts = matches!(self.density.outcomes, Outcomes::Counts { .. });
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
                    let log_p = self.density.log_p_of(&Self::at(t));
                    xs.iter().map(|&x| log_p(x)).sum::<f64>()
                })
                .filter(|l| l.is_finite())
        };
        let step = |t: Point| {
            let log_p = self.density.log_p_jet_of(&Self::at(t));
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
