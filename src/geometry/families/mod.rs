//! The registry: the one list of the families fisherballs knows. The command line's names,
//! help and errors, and docs/families.md's table of families and charts, all come from [`ALL`].
//!
//! A new family is a folder here (its KL, Fisher matrix, the closed forms it has, and its
//! charts) and a line in [`ALL`]; the tests then check it against the definitions.

pub mod beta;
pub mod categorical;
pub mod cauchy;
pub mod fit;
pub mod formula;
pub mod gamma;
pub mod gaussian;
pub mod location_scale;
pub mod student_t;
pub mod weibull;

use std::sync::Arc;

use thiserror::Error;

use super::{BallKind, Family};

/// A parameter a family has beyond the two its charts draw (Student-t's ν), fixed for a
/// figure: what the command line calls it, its symbol, its default and its largest value,
/// and the family its limit tends to, if any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extra {
    pub flag: &'static str,
    /// Whose parameter it is, in words: "Student's t".
    pub owner: &'static str,
    pub symbol: &'static str,
    pub default: f64,
    pub max: f64,
    pub limit: Option<&'static str>,
}

/// One family of the registry: its name, its extra parameter if any, its charts, and how
/// to make it with that parameter.
pub struct Entry {
    pub name: &'static str,
    /// The parameter beyond the two drawn, if the family has one.
    pub extra: Option<Extra>,
    /// Its charts, the first its default: the same as the built family's `charts()`, here
    /// so that help texts need not build a family (Student-t's quadrature took 2.5 ms of
    /// every command's start when `--help`'s text built it).
    pub charts: &'static [&'static dyn super::Chart],
    build: fn(Option<f64>) -> Option<Arc<dyn Family>>,
}

/// The default ν of Student's t.
pub const DEFAULT_NU: f64 = 3.0;

/// Student-t's ν: degrees of freedom, 0 < ν ≤ 50; as ν grows it tends to the Gaussian.
const NU: Extra = Extra {
    flag: "nu",
    owner: "Student's t",
    symbol: "ν",
    default: DEFAULT_NU,
    max: student_t::NU_MAX,
    limit: Some("gaussian"),
};

/// Every family, in the order help texts list them; the Gaussian is the default.
pub const ALL: [Entry; 7] = [
    Entry {
        name: "gaussian",
        charts: &gaussian::CHARTS,
        extra: None,
        build: |_| Some(Arc::new(gaussian::Gaussian)),
    },
    Entry {
        name: "gamma",
        charts: &gamma::CHARTS,
        extra: None,
        build: |_| Some(Arc::new(gamma::Gamma)),
    },
    Entry {
        name: "beta",
        charts: &beta::CHARTS,
        extra: None,
        build: |_| Some(Arc::new(beta::Beta)),
    },
    Entry {
        name: "categorical",
        charts: &categorical::CHARTS,
        extra: None,
        build: |_| Some(Arc::new(categorical::Categorical)),
    },
    Entry {
        name: "cauchy",
        charts: &cauchy::CHARTS,
        extra: None,
        build: |_| Some(Arc::new(cauchy::Cauchy)),
    },
    Entry {
        name: "weibull",
        charts: &weibull::CHARTS,
        extra: None,
        build: |_| Some(Arc::new(weibull::Weibull)),
    },
    Entry {
        name: "student-t",
        charts: &student_t::CHARTS,
        extra: Some(NU),
        build: |nu| {
            let t = student_t::StudentT::new(nu.unwrap_or(DEFAULT_NU))?;
            Some(Arc::new(t))
        },
    },
];

/// What one outline point of a ball costs to solve where it is dearer than one solved with
/// a closed-form KL or distance (which counts 1): the family, the kinds, how the kinds are
/// named, and the cost. The command line caps a figure's total work with these, so that the
/// largest allowed figure finishes in a few seconds.
pub struct PointCost {
    pub family: &'static str,
    /// The family's name in a sentence.
    pub called: &'static str,
    pub kinds: &'static [BallKind],
    pub kinds_called: &'static str,
    pub cost: usize,
}

/// Every point that costs more than 1, measured on figures of the default view.
pub const POINT_COSTS: [PointCost; 3] = [
    // A Fisher–Rao point integrates a geodesic (about 70 evaluations of ψ′ and ψ″).
    PointCost {
        family: "gamma",
        called: "Gamma",
        kinds: &[BallKind::FisherRao],
        kinds_called: "Fisher–Rao",
        cost: 10,
    },
    PointCost {
        family: "beta",
        called: "Beta",
        kinds: &[BallKind::FisherRao],
        kinds_called: "Fisher–Rao",
        cost: 20,
    },
    // A KL point sums the quadrature's 96 nodes about six times.
    PointCost {
        family: "student-t",
        called: "Student-t",
        kinds: &[BallKind::Kl, BallKind::KlReverse],
        kinds_called: "KL",
        cost: 16,
    },
];

/// What one outline point of a ball of `kind` costs to solve in `family` ([`POINT_COSTS`]).
pub fn point_cost(family: &dyn Family, kind: BallKind) -> usize {
    POINT_COSTS
        .iter()
        .find(|c| c.family == family.name() && c.kinds.contains(&kind))
        .map_or(1, |c| c.cost)
}

/// [`POINT_COSTS`] in words: "a Fisher–Rao point of Gamma counts 10, of Beta 20, …".
pub fn point_costs_in_words() -> String {
    let mut words = Vec::new();
    for (i, c) in POINT_COSTS.iter().enumerate() {
        let (kinds, of) = (c.kinds_called, c.called);
        words.push(match i {
            0 => format!("a {kinds} point of {of} counts {}", c.cost),
            _ if POINT_COSTS[i - 1].kinds_called == kinds => format!("of {of} {}", c.cost),
            _ => format!("a {kinds} point of {of} {}", c.cost),
        });
    }
    words.join(", ")
}

/// Why a family cannot be made. The messages state what is wrong in numbers; the request
/// layer words what to change in flags.
#[derive(Debug, Error, PartialEq)]
pub enum FamilyError {
    #[error("unknown family '{0}'; the families are {names}", names = names().join(", "))]
    Unknown(String),
    #[error("the {family} family has no parameter beyond its two")]
    NoExtra { family: &'static str },
    #[error(
        "{} = {} is out of range: {} takes 0 < {} ≤ {}",
        extra.symbol, super::Typed(*value), extra.owner, extra.symbol, super::Typed(extra.max)
    )]
    ExtraOutOfRange {
        family: &'static str,
        extra: Extra,
        value: f64,
    },
}

/// The names of every family.
pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|e| e.name).collect()
}

/// The family called `name`, with its extra parameter's value if given.
pub fn family(name: &str, extra: Option<f64>) -> Result<Arc<dyn Family>, FamilyError> {
    let entry = ALL
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| FamilyError::Unknown(name.to_string()))?;
    let declared = match (entry.extra, extra) {
        (None, Some(_)) => return Err(FamilyError::NoExtra { family: entry.name }),
        (declared, _) => declared,
    };
    (entry.build)(extra).ok_or_else(|| FamilyError::ExtraOutOfRange {
        family: entry.name,
        extra: declared.expect("only a family with an extra parameter refuses its value"),
        value: extra.or(declared.map(|d| d.default)).unwrap_or(f64::NAN),
    })
}

/// The families whose extra parameter is called `flag`.
pub fn taking(flag: &str) -> Vec<&'static str> {
    ALL.iter()
        .filter(|e| e.extra.as_ref().is_some_and(|x| x.flag == flag))
        .map(|e| e.name)
        .collect()
}

/// Every family with its default parameters.
pub fn defaults() -> Vec<Arc<dyn Family>> {
    ALL.iter()
        .map(|e| (e.build)(None).expect("every family builds with its defaults"))
        .collect()
}
