//! The registry: the one list of the families fisherballs knows. The command line's names,
//! help and errors, and README.md's table of families and charts, all come from [`ALL`].
//!
//! A new family is a folder here (its KL, Fisher matrix, the closed forms it has, and its
//! charts) and a line in [`ALL`]; the tests then check it against the definitions.

pub mod beta;
pub mod categorical;
pub mod cauchy;
pub mod fit;
pub mod gamma;
pub mod gaussian;
pub mod location_scale;
pub mod student_t;
pub mod weibull;

use std::fmt::Write;
use std::sync::Arc;

use thiserror::Error;

use super::Family;

/// One family of the registry: its name, and how to make it from the command line's `--nu`.
pub struct Entry {
    pub name: &'static str,
    /// Whether the family takes `--nu`.
    pub takes_nu: bool,
    /// Its charts, the first its default: the same as the built family's `charts()`, here
    /// so that help texts need not build a family (Student-t's quadrature took 2.5 ms of
    /// every command's start when `--help`'s text built it).
    pub charts: &'static [&'static dyn super::Chart],
    build: fn(Option<f64>) -> Option<Arc<dyn Family>>,
}

/// The default ν of Student's t.
pub const DEFAULT_NU: f64 = 3.0;

/// Every family, in the order help texts list them; the Gaussian is the default.
pub const ALL: [Entry; 7] = [
    Entry {
        name: "gaussian",
        charts: &gaussian::CHARTS,
        takes_nu: false,
        build: |_| Some(Arc::new(gaussian::Gaussian)),
    },
    Entry {
        name: "gamma",
        charts: &gamma::CHARTS,
        takes_nu: false,
        build: |_| Some(Arc::new(gamma::Gamma)),
    },
    Entry {
        name: "beta",
        charts: &beta::CHARTS,
        takes_nu: false,
        build: |_| Some(Arc::new(beta::Beta)),
    },
    Entry {
        name: "categorical",
        charts: &categorical::CHARTS,
        takes_nu: false,
        build: |_| Some(Arc::new(categorical::Categorical)),
    },
    Entry {
        name: "cauchy",
        charts: &cauchy::CHARTS,
        takes_nu: false,
        build: |_| Some(Arc::new(cauchy::Cauchy)),
    },
    Entry {
        name: "weibull",
        charts: &weibull::CHARTS,
        takes_nu: false,
        build: |_| Some(Arc::new(weibull::Weibull)),
    },
    Entry {
        name: "student-t",
        charts: &student_t::CHARTS,
        takes_nu: true,
        build: |nu| {
            let t = student_t::StudentT::new(nu.unwrap_or(DEFAULT_NU))?;
            Some(Arc::new(t))
        },
    },
];

/// Why a family cannot be made.
#[derive(Debug, Error, PartialEq)]
pub enum FamilyError {
    #[error("unknown family '{0}'; the families are {names}", names = names().join(", "))]
    Unknown(String),
    #[error("--nu is only for --family student-t; drop it")]
    NuWithout,
    #[error(
        "--nu {} is out of range; Student's t takes 0 < ν ≤ {max} (for larger ν use --family gaussian)",
        super::Typed(*.0),
        max = student_t::NU_MAX
    )]
    Nu(f64),
}

/// The names of every family.
pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|e| e.name).collect()
}

/// The family called `name`, with `--nu` if it takes one.
pub fn family(name: &str, nu: Option<f64>) -> Result<Arc<dyn Family>, FamilyError> {
    let entry = ALL
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| FamilyError::Unknown(name.to_string()))?;
    if nu.is_some() && !entry.takes_nu {
        return Err(FamilyError::NuWithout);
    }
    (entry.build)(nu).ok_or(FamilyError::Nu(nu.unwrap_or(DEFAULT_NU)))
}

/// Every family with its default parameters.
pub fn defaults() -> Vec<Arc<dyn Family>> {
    ALL.iter()
        .map(|e| (e.build)(None).expect("every family builds with its defaults"))
        .collect()
}

/// The families and their charts, one line a family, for `--help`.
pub fn help() -> String {
    let mut text = String::from("Families and their charts (the first is the default):\n");
    for e in &ALL {
        let charts: Vec<&str> = e.charts.iter().map(|c| c.name()).collect();
        let _ = writeln!(text, "  {:<12} {}", e.name, charts.join(", "));
    }
    text
}

/// The table of families and charts that `fisherballs families` prints and README.md
/// shows: coordinates, domain, and the default view (limits, grid, KL level).
pub fn markdown_table() -> String {
    let mut text = String::from(
        "| `--family` | `--chart` | coordinates (x, y) | domain | default limits | default grid | default L |\n|---|---|---|---|---|---|---|\n",
    );
    for f in defaults() {
        for (i, c) in f.charts().iter().enumerate() {
            let [x, y] = c.axis_labels();
            let l = c.default_limits();
            let (nx, ny) = c.default_grid();
            let (family, kl) = match i {
                0 => (format!("`{}`", f.name()), f.default_kl().to_string()),
                _ => (String::new(), String::new()),
            };
            let _ = writeln!(
                text,
                "| {family} | `{}` | ({x}, {y}) | {} | x {}, {}; y {}, {} | {nx}x{ny} | {kl} |",
                c.name(),
                c.domain(),
                l.x.lo,
                l.x.hi,
                l.y.lo,
                l.y.hi
            );
        }
    }
    text
}
