//! A family file with one parameter: a family drawn as a Fisher ruler
//! ([`crate::geometry::ruler`]). Its Fisher information I(θ) = E[s²] and the checks come from
//! the same quadrature as a two-parameter file's ([`super::density`]); its charts are
//! `[charts.NAME]` tables with one formula, the parameter from the chart's coordinate.
//!
//! ```toml
//! name = "Poisson"
//! parameters = ["lambda"]
//! domain = ["lambda > 0"]
//! counts = [0, "inf"]
//! log_density = "x*ln(lambda) - lambda - lgamma(x + 1)"
//! [charts.root]
//! lambda = "r^2"
//! ```

use std::sync::Arc;

use super::density::Density;
use super::expression::{self, Formula, FormulaError};
use super::file::Condition;
use super::jet::Jet;
use super::quadrature::Outcomes;
use super::{err, label, leak, read, short};

/// A one-parameter family read from a file.
pub struct FormulaLine {
    name: &'static str,
    density: Density,
    domain: Vec<Condition>,
    domain_text: &'static str,
    /// The parameter's symbol on an axis ("lambda" → "λ").
    symbol: &'static str,
    charts: Vec<LineChart>,
}

impl std::fmt::Debug for FormulaLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FormulaLine({})", self.name)
    }
}

/// A chart of the parameter other than itself: θ = f(φ), and optionally φ = f⁻¹(θ).
pub struct LineChart {
    pub name: &'static str,
    /// The coordinate's symbol.
    pub label: &'static str,
    to_theta: Formula,
    to_phi: Option<Formula>,
}

/// Newton's method stops when θ(φ) is this close to the target, relative to 1 + |θ|.
const NEWTON_TOL: f64 = 1e-14;

impl LineChart {
    /// θ(φ) and dθ/dφ, from the formula on a jet.
    fn theta(&self, phi: f64) -> (f64, f64) {
        let j = self.to_theta.eval_jet(&[Jet::variable(phi, 0)]);
        (j.v, j.g[0])
    }

    /// φ(θ): the `inverse` formula, or Newton's method on θ(φ) from fixed starts (the same
    /// ones in the same order, so a point's coordinate never depends on what came before);
    /// NaN where no start reaches θ.
    pub fn phi(&self, theta: f64) -> f64 {
        if let Some(inverse) = &self.to_phi {
            return inverse.eval(&[theta]);
        }
        let tol = NEWTON_TOL * (1.0 + theta.abs());
        let starts = [theta, 0.0, 1.0, -1.0, 0.5, 2.0, -2.0, 10.0];
        for start in starts {
            let mut phi = start;
            let (mut value, mut slope) = self.theta(phi);
            for _ in 0..100 {
                let miss = (value - theta).abs();
                if miss <= tol {
                    return phi;
                }
                // Halve a step until the miss shrinks.
                let step = (value - theta) / slope;
                let mut s = 1.0;
                while s > 1e-12 {
                    let next = phi - s * step;
                    let (v, d) = self.theta(next);
                    if (v - theta).abs() < miss {
                        (phi, value, slope) = (next, v, d);
                        break;
                    }
                    s *= 0.5;
                }
                if s <= 1e-12 || !step.is_finite() {
                    break;
                }
            }
            if (value - theta).abs() <= 1e3 * tol {
                return phi;
            }
        }
        f64::NAN
    }

    /// Whether φ(θ) exists and maps back to θ.
    pub fn invertible_at(&self, theta: f64) -> bool {
        let phi = self.phi(theta);
        let back = self.theta(phi).0;
        phi.is_finite() && (back - theta).abs() <= 1e-9 * (1.0 + theta.abs())
    }
}

impl FormulaLine {
    /// The family the file's text describes, or the first thing wrong with it.
    pub fn from_toml(text: &str) -> Result<Arc<Self>, FormulaError> {
        let (file, names) = read(text)?;
        if file.parameters.len() != 1 {
            return Err(err(format!(
                "parameters = {:?}: a ruler's family has one parameter; draw a family of two with plot or compare",
                file.parameters
            )));
        }
        for (key, given) in [
            ("view", file.view.is_some()),
            ("grid", file.grid.is_some()),
            ("level", file.level.is_some()),
        ] {
            if given {
                return Err(err(format!(
                    "{key} is a key of two-parameter families; a ruler takes its range from --from and --to and its spacing from --radius: drop it"
                )));
            }
        }
        let density = Density::new(&file, names.clone())?;
        let parameter = [names[0].as_str()];
        let domain = file
            .domain
            .iter()
            .map(|d| Condition::parse(d, &parameter))
            .collect::<Result<Vec<_>, _>>()?;
        let charts = file
            .charts
            .iter()
            .map(|(name, table)| line_chart(name, table, parameter[0]))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(FormulaLine {
            name: leak(file.name.clone()),
            density,
            domain,
            domain_text: leak(match file.domain.is_empty() {
                true => "any value".to_string(),
                false => file.domain.join(", "),
            }),
            symbol: label(&names[0]),
            charts,
        }))
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn symbol(&self) -> &'static str {
        self.symbol
    }

    /// The domain as the file writes it.
    pub fn domain_text(&self) -> &'static str {
        self.domain_text
    }

    pub fn charts(&self) -> &[LineChart] {
        &self.charts
    }

    pub fn contains(&self, theta: f64) -> bool {
        theta.is_finite() && self.domain.iter().all(|c| c.holds(&[theta]))
    }

    /// I(θ) = E[(∂ ln p/∂θ)²], by quadrature over the outcomes.
    pub fn fisher(&self, theta: f64) -> f64 {
        self.density.moments(&[theta]).fisher[0]
    }

    /// The checks at θ ([`Density::check`]), and that every chart maps θ there and back.
    pub fn check(&self, theta: f64) -> Result<(), String> {
        let at = format!("{} = {}", self.density.names[0], short(theta));
        if !self.contains(theta) {
            return Err(format!(
                "{at} is outside the family's domain ({})",
                self.domain_text
            ));
        }
        self.density.check(&[theta], &at)?;
        for chart in &self.charts {
            if !chart.invertible_at(theta) {
                return Err(format!(
                    "chart '{}' is not invertible at {at}: no coordinate maps to it (Newton's method from 8 starts); give [charts.{}.inverse] {} = \"…\"",
                    chart.name, chart.name, chart.label
                ));
            }
        }
        Ok(())
    }

    /// p_θ(x) (a probability for counts): 0 off the outcomes.
    pub fn density(&self, theta: f64, x: f64) -> f64 {
        self.density.p(&[theta], x)
    }

    pub fn counts(&self) -> bool {
        matches!(self.density.outcomes, Outcomes::Counts { .. })
    }

    /// The outcomes that hold all but 1e-3 of p_θ's mass, reaching to an end of the
    /// support that lies within a tenth of their span (so a density on x > 0 is drawn
    /// from 0).
    pub fn outcome_range(&self, theta: f64) -> (f64, f64) {
        let (a, b) = self.density.quantiles(&[theta], 1e-3);
        let (Outcomes::Line { lo, hi } | Outcomes::Counts { lo, hi }) = self.density.outcomes;
        let near = 0.1 * (b - a);
        let a = if a - lo <= near { lo } else { a };
        let b = if hi - b <= near { hi } else { b };
        (a, b)
    }
}

/// A `[charts.NAME]` table of a one-parameter file: `parameter = "formula of the
/// coordinate"`, an optional `[charts.NAME.inverse]` with `coordinate = "formula of the
/// parameter"`.
fn line_chart(name: &str, table: &toml::Value, parameter: &str) -> Result<LineChart, FormulaError> {
    let table = table.as_table().ok_or_else(|| {
        err(format!(
            "charts.{name} must be a table: [charts.{name}] with {parameter} = \"…\""
        ))
    })?;
    if let Some(key) = table.keys().find(|k| *k != parameter && *k != "inverse") {
        return Err(err(format!(
            "[charts.{name}] has the key '{key}'; it takes {parameter} (a formula of the chart's coordinate) and inverse"
        )));
    }
    let text = table
        .get(parameter)
        .and_then(|v| v.as_str())
        .ok_or_else(|| {
            err(format!(
                "[charts.{name}] needs {parameter} = \"…\", the parameter as a formula of the chart's coordinate"
            ))
        })?;
    let what = format!("[charts.{name}] {parameter}");
    let inverse = table.get("inverse").and_then(|v| v.as_table());
    let coordinates: Vec<String> = match inverse {
        Some(inv) => inv.keys().cloned().collect(),
        None => expression::variables(text)
            .map_err(|e| err(format!("{what} = \"{text}\" does not parse: {e}")))?,
    };
    let [coordinate]: [String; 1] = coordinates
        .clone()
        .try_into()
        .ok()
        .filter(|[c]: &[String; 1]| c != parameter)
        .ok_or_else(|| {
            err(format!(
                "chart '{name}' has the coordinates {coordinates:?}: a ruler's chart needs one, named apart from the parameter"
            ))
        })?;
    let to_theta = Formula::parse(&what, text, &[coordinate.as_str()])?;
    let to_phi = inverse
        .map(|inv| {
            let t = inv
                .get(&coordinate)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            Formula::parse(
                &format!("[charts.{name}.inverse] {coordinate}"),
                t,
                &[parameter],
            )
        })
        .transpose()?;
    Ok(LineChart {
        name: leak(name.to_string()),
        label: label(&coordinate),
        to_theta,
        to_phi,
    })
}
