//! A family file (TOML): what a user writes to make a family from its log-density. Parsed
//! here into formulas and checked for everything that can be checked before a centre is
//! known; the checks at centres are [`super::FormulaFamily::verify`]'s.

use serde::Deserialize;

use super::expression::{Formula, FormulaError};
use super::quadrature::Outcomes;
use crate::geometry::{Interval, Limits};

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub name: String,
    pub parameters: Vec<String>,
    #[serde(default)]
    pub domain: Vec<String>,
    pub support: Option<Vec<Bound>>,
    pub counts: Option<Vec<Bound>>,
    pub log_density: String,
    /// The outcome's name in `log_density` [default: x].
    pub variable: Option<String>,
    /// The first chart's default limits, [[x lo, x hi], [y lo, y hi]].
    pub view: Option<Vec<Vec<f64>>>,
    /// The default grid of centres, [columns, rows].
    pub grid: Option<Vec<usize>>,
    /// The default KL level.
    pub level: Option<f64>,
    /// Where the bulk of p_θ lies and how wide it is, as formulas of the parameters: the
    /// quadrature of a support with an infinite end centres its nodes there.
    pub location: Option<String>,
    pub scale: Option<String>,
    #[serde(default)]
    pub charts: toml::Table,
}

/// An end of the support: a number, or "inf" / "-inf".
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum Bound {
    Number(f64),
    Word(String),
}

fn bound(b: &Bound, key: &str) -> Result<f64, FormulaError> {
    match b {
        Bound::Number(v) if !v.is_nan() => Ok(*v),
        Bound::Word(w) if matches!(w.trim(), "inf" | "+inf" | "infinity") => Ok(f64::INFINITY),
        Bound::Word(w) if matches!(w.trim(), "-inf" | "-infinity") => Ok(f64::NEG_INFINITY),
        other => Err(FormulaError(format!(
            "{key} ends must be numbers or \"inf\"/\"-inf\", not {other:?}"
        ))),
    }
}

/// The support or counts of the file.
pub fn outcomes(file: &File) -> Result<Outcomes, FormulaError> {
    let pair = |v: &Vec<Bound>, key: &str| -> Result<(f64, f64), FormulaError> {
        match v.as_slice() {
            [a, b] => {
                let (lo, hi) = (bound(a, key)?, bound(b, key)?);
                if lo < hi {
                    Ok((lo, hi))
                } else {
                    Err(FormulaError(format!(
                        "{key} = [{lo}, {hi}] is empty or reversed; write [low, high]"
                    )))
                }
            }
            _ => Err(FormulaError(format!("{key} must be [low, high]"))),
        }
    };
    match (&file.support, &file.counts) {
        (Some(s), None) => {
            let (lo, hi) = pair(s, "support")?;
            Ok(Outcomes::Line { lo, hi })
        }
        (None, Some(c)) => {
            let (lo, hi) = pair(c, "counts")?;
            if lo.is_infinite() || lo.fract() != 0.0 || (hi.is_finite() && hi.fract() != 0.0) {
                return Err(FormulaError(format!(
                    "counts = [{lo}, {hi}] must run between whole numbers (the high end may be \"inf\")"
                )));
            }
            Ok(Outcomes::Counts { lo, hi })
        }
        (Some(_), Some(_)) => Err(FormulaError(
            "give either support (a continuous family) or counts (a discrete one), not both".into(),
        )),
        (None, None) => Err(FormulaError(
            "the file gives no support: add support = [low, high] (continuous) or counts = [low, high] (discrete)".into(),
        )),
    }
}

/// A condition of the domain, "lhs > rhs" (or ≥, <, ≤): holds where sign·(lhs − rhs) > 0
/// (or ≥ 0).
#[derive(Debug, Clone)]
pub struct Condition {
    lhs: Formula,
    rhs: Formula,
    /// +1 for > and ≥, −1 for < and ≤.
    sign: f64,
    strict: bool,
}

impl Condition {
    pub fn parse(text: &str, names: &[&str]) -> Result<Self, FormulaError> {
        let ops = [
            (">=", 1.0, false),
            ("<=", -1.0, false),
            (">", 1.0, true),
            ("<", -1.0, true),
        ];
        let (at, op, sign, strict) = ops
            .iter()
            .find_map(|&(op, sign, strict)| text.find(op).map(|at| (at, op, sign, strict)))
            .ok_or_else(|| {
                FormulaError(format!(
                    "domain condition \"{text}\" has no comparison: write it as \"k > 0\" (>, >=, < or <=)"
                ))
            })?;
        let what = format!("domain condition \"{text}\":");
        let lhs = Formula::parse(&what, text[..at].trim(), names)?;
        let rhs = Formula::parse(&what, text[at + op.len()..].trim(), names)?;
        Ok(Condition {
            lhs,
            rhs,
            sign,
            strict,
        })
    }

    pub fn holds(&self, values: &[f64]) -> bool {
        let d = self.sign * (self.lhs.eval(values) - self.rhs.eval(values));
        if self.strict { d > 0.0 } else { d >= 0.0 }
    }

    /// The bound this condition puts on the name at `index`, if it is "name > number" or
    /// the like: (is it a lower bound, the number).
    pub fn simple_bound(&self, index: usize, names: &[&str]) -> Option<(bool, f64)> {
        let name = names[index];
        let number = |f: &Formula| f.text().trim().parse::<f64>().ok();
        if self.lhs.text().trim() == name {
            number(&self.rhs).map(|v| (self.sign > 0.0, v))
        } else if self.rhs.text().trim() == name {
            number(&self.lhs).map(|v| (self.sign < 0.0, v))
        } else {
            None
        }
    }
}

/// The first chart's default limits: the file's `view`, or from the domain's simple
/// bounds on each parameter (a lower bound a alone gives [a + ½, a + 4]; both a and b give
/// the middle four fifths; none gives [−2, 2]).
pub fn view(file: &File, domain: &[Condition], names: &[&str]) -> Result<Limits, FormulaError> {
    if let Some(rows) = &file.view {
        return limits("view", rows, names);
    }
    let range = |index: usize| {
        let (mut lo, mut hi) = (None, None);
        for c in domain {
            match c.simple_bound(index, names) {
                Some((true, v)) => lo = Some(v),
                Some((false, v)) => hi = Some(v),
                None => {}
            }
        }
        match (lo, hi) {
            (Some(a), Some(b)) => Interval::new(a + 0.1 * (b - a), b - 0.1 * (b - a)),
            (Some(a), None) => Interval::new(a + 0.5, a + 4.0),
            (None, Some(b)) => Interval::new(b - 4.0, b - 0.5),
            (None, None) => Interval::new(-2.0, 2.0),
        }
    };
    Ok(Limits {
        x: range(0),
        y: range(1),
    })
}

/// A `view` key's rows, [[x low, x high], [y low, y high]], as limits; `key` and `names`
/// word the error ("view", or "[charts.log] view", and the coordinates).
pub fn limits(key: &str, rows: &[Vec<f64>], names: &[&str]) -> Result<Limits, FormulaError> {
    let interval = |row: &Vec<f64>, axis: &str| match row.as_slice() {
        [lo, hi] if lo < hi && lo.is_finite() && hi.is_finite() => Ok(Interval::new(*lo, *hi)),
        _ => Err(FormulaError(format!(
            "{key}'s {axis} range {row:?} must be two finite numbers, low then high"
        ))),
    };
    match rows {
        [x, y] => Ok(Limits {
            x: interval(x, names[0])?,
            y: interval(y, names[1])?,
        }),
        _ => Err(FormulaError(format!(
            "{key} must be [[x low, x high], [y low, y high]]"
        ))),
    }
}

/// The default grid: the file's, or 5 × 4.
pub fn grid(file: &File) -> Result<(usize, usize), FormulaError> {
    match file.grid.as_deref() {
        None => Ok((5, 4)),
        Some([nx, ny]) if (1..=50).contains(nx) && (1..=50).contains(ny) => Ok((*nx, *ny)),
        Some(g) => Err(FormulaError(format!(
            "grid = {g:?} must be [columns, rows], each 1 to 50"
        ))),
    }
}
