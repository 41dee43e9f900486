//! Why a figure request cannot be drawn: one error enum, each message naming the flag to
//! change and how. Geometry's errors state what happened in numbers; here, and only here,
//! they are worded in the command line's flags ([`RequestError`] for those met while
//! checking a request, [`in_flags`] for those met while solving one).

use std::path::PathBuf;

use thiserror::Error;

use super::{
    MAX_ALONG, MAX_BALLS, MAX_DPI, MAX_DRAWS, MAX_FONT_PT, MAX_GEODESICS, MAX_JEFFREYS_BALLS,
    MAX_N, MAX_PANELS, MAX_POINTS, MAX_SIDE, MAX_TOTAL_POINTS, MAX_TRIALS, MIN_DPI, MIN_FONT_PT,
    MIN_POINTS, MIN_SIDE,
};
use crate::geometry::ball::{BallError, LevelError, LevelOf};
use crate::geometry::chart::WhitenError;
use crate::geometry::descent::DescentError;
use crate::geometry::families::{self, FamilyError};
use crate::geometry::geodesic::{GeodesicError, missed};
use crate::geometry::{Point, Typed};

/// Why a request cannot be drawn; each message names the flag and what to do.
#[derive(Debug, Error)]
pub enum RequestError {
    #[error("{}", family(.0))]
    Family(FamilyError),
    /// A ruler's flags, worded by `uses::ruler`.
    #[error("{0}")]
    Ruler(String),
    /// A sweep's flags, worded by `uses::sweep`.
    #[error("{0}")]
    Sweep(String),
    /// An hmc run's flags, worded by `uses::hmc`.
    #[error("{0}")]
    Hmc(String),
    #[error(
        "{0} cannot make an animation; write .svg, .png, .pdf, .tex or .json, or animate the levels with sweep -o NAME.apng"
    )]
    NoAnimation(&'static str),
    #[error("--family {path}: {why}")]
    FamilyFile { path: String, why: String },
    #[error("'{chart}' is not a chart of the {family} family; its charts are {charts}")]
    UnknownChart {
        chart: String,
        family: &'static str,
        charts: String,
    },
    #[error("{}", level(.0))]
    Level(LevelError),
    #[error("{}", whiten(.0))]
    Whiten(WhitenError),
    #[error(
        "--at {},{} (a point of the first chart) cannot be whitened in the {chart} chart: there it falls outside the domain or beyond double precision; choose a point nearer the first chart's default view",
        Typed(*x), Typed(*y)
    )]
    AtElsewhere { x: f64, y: f64, chart: &'static str },
    #[error("--chart whitened needs --at X,Y, the point of the --from chart to whiten at")]
    WhitenedWithoutAt,
    #[error("--at is only for --chart whitened (or for compare); drop it or add --chart whitened")]
    AtWithoutWhitened,
    #[error("--charts names {0} chart(s); compare takes 2 to {MAX_PANELS}")]
    PanelCount(usize),
    #[error("--charts names {0} chart(s); geodesic takes 1 to {MAX_PANELS}")]
    GeodesicPanels(usize),
    #[error(
        "{0} --from and {1} --to: give one --to for each --from, at most {MAX_GEODESICS} pairs"
    )]
    Pairs(usize, usize),
    #[error(
        "the geodesic end ({}, {}) is outside the {chart} chart ({domain}); choose a point inside it",
        Typed(*x), Typed(*y)
    )]
    EndOutside {
        x: f64,
        y: f64,
        chart: &'static str,
        domain: &'static str,
    },
    #[error("--along {0} is out of range; use 2 to {MAX_ALONG}")]
    Along(usize),
    #[error("--charts names {0} chart(s); mle takes 1 to 3")]
    MlePanels(usize),
    #[error("--charts names {0} chart(s); mml takes 1 to {MAX_PANELS}")]
    MmlPanels(usize),
    #[error("--charts names {0} chart(s); natgrad takes 1 to {MAX_PANELS}")]
    DescentPanels(usize),
    #[error(
        "({}, {}) is outside the {chart} chart ({domain}); give --target and --from inside it",
        Typed(*x), Typed(*y)
    )]
    PointOutside {
        x: f64,
        y: f64,
        chart: &'static str,
        domain: &'static str,
    },
    #[error("{0} --from starts; give at most 10")]
    Starts(usize),
    #[error("--step must be a finite number greater than 0, got {}", Typed(*.0))]
    Step(f64),
    #[error("--steps {0} is out of range; use 1 to 10000")]
    Steps(usize),
    #[error(
        "--at {},{} is outside the {chart} chart ({domain}); choose the true distribution inside it",
        Typed(*x), Typed(*y)
    )]
    TruthOutside {
        x: f64,
        y: f64,
        chart: &'static str,
        domain: &'static str,
    },
    #[error("--n {0} is out of range; a sample needs 2 to {MAX_N} points")]
    SampleSize(usize),
    #[error(
        "--trials {0} with --n {1} is out of range; use 2 to {MAX_TRIALS} trials and at most {MAX_DRAWS} draws in all"
    )]
    Trials(usize, usize),
    #[error(
        "--{axis} {},{} leaves the domain of the {chart} chart ({domain}); choose limits inside it",
        Typed(*lo), Typed(*hi)
    )]
    OutOfDomain {
        axis: &'static str,
        lo: f64,
        hi: f64,
        chart: &'static str,
        domain: &'static str,
    },
    #[error(
        "--{axis} {},{} is inside the {chart} chart's domain, but its distributions there are beyond double precision (their parameters overflow or underflow); choose limits nearer the chart's default view (`fisherballs families` lists them)",
        Typed(*lo), Typed(*hi)
    )]
    BeyondPrecision {
        axis: &'static str,
        lo: f64,
        hi: f64,
        chart: &'static str,
    },
    #[error(
        "{flag} {},{} is inside the {chart} chart's domain, but its distribution is beyond double precision (its parameters overflow or underflow); choose a point nearer the chart's default view (`fisherballs families` lists them)",
        Typed(*x), Typed(*y)
    )]
    PointBeyondPrecision {
        flag: &'static str,
        x: f64,
        y: f64,
        chart: &'static str,
    },
    #[error("--grid {nx}x{ny} is more balls than the {MAX_BALLS} drawn at most (e.g. 200x200)")]
    TooManyBalls { nx: usize, ny: usize },
    #[error("--points {0} is out of range; use {MIN_POINTS} to {MAX_POINTS}")]
    Points(usize),
    #[error(
        "this figure has {0} outline points in all ({costs}); at most {MAX_TOTAL_POINTS} (use fewer balls, points, kinds or charts)",
        costs = families::point_costs_in_words()
    )]
    TooManyPoints(usize),
    #[error(
        "this page has {0} outline points in all (its {levels} levels each solve every ball); at most {MAX_TOTAL_POINTS} (use fewer balls, points, kinds or charts)",
        levels = super::INTERACTIVE_LEVELS
    )]
    TooManyPagePoints(usize),
    #[error(
        "--show jeffreys weighs each ball's prior mass: {0} balls asked for, at most {MAX_JEFFREYS_BALLS} (e.g. --grid 50x50); use a smaller --grid or fewer kinds"
    )]
    TooManyWeighed(usize),
    #[error(
        "a {0} by {1} figure is out of range; each side must be {MIN_SIDE} to {MAX_SIDE} pixels, counting 96 pixels an inch for a printed size"
    )]
    Size(String, String),
    #[error("--dpi {} is out of range; use {MIN_DPI} to {MAX_DPI} pixels an inch", Typed(*.0))]
    Dpi(f64),
    #[error("--font-size {} is out of range; use {MIN_FONT_PT} to {MAX_FONT_PT} points", Typed(*.0))]
    FontSize(f64),
    #[error("--scale {} is out of range; use a number from 0.25 to 4", Typed(*.0))]
    Scale(f64),
    #[error(
        "a figure of {asked} makes a {width}x{height} PNG, but a PNG is at most {MAX_SIDE} pixels a side; use {fix} at this size"
    )]
    PngSize {
        asked: String,
        width: u64,
        height: u64,
        fix: String,
    },
    #[error("--line-width {} is out of range; use a number from 0.1 to 20", Typed(*.0))]
    LineWidth(f64),
    #[error(
        "cannot tell the format of '{0}'; end the output name in .svg, .png, .pdf, .tex (pgfplots), .json, .html (an interactive page) or .apng (an animation, sweep)"
    )]
    Extension(PathBuf),
    #[error(
        "{0} cannot make an interactive page; write .svg, .png, .pdf, .tex or .json, or make the page with plot or compare"
    )]
    NoPage(&'static str),
    #[error("the directory '{0}' does not exist; create it or write the figure elsewhere")]
    NoDirectory(PathBuf),
    #[error("-o '{}' {}", .0.display(), .1)]
    Unusable(PathBuf, String),
}

// The geometry's errors become requests' without a source: the message above words them
// whole, and a source would be printed after it again.
impl From<FamilyError> for RequestError {
    fn from(e: FamilyError) -> Self {
        RequestError::Family(e)
    }
}

impl From<LevelError> for RequestError {
    fn from(e: LevelError) -> Self {
        RequestError::Level(e)
    }
}

impl From<WhitenError> for RequestError {
    fn from(e: WhitenError) -> Self {
        RequestError::Whiten(e)
    }
}

/// `--nu` (or whichever extra parameter) given to a family without one, or out of range.
fn family(e: &FamilyError) -> String {
    match e {
        FamilyError::Unknown(_) => e.to_string(),
        FamilyError::NoExtra { .. } => format!(
            "--nu is only for --family {}; drop it",
            families::taking("nu").join(", ")
        ),
        FamilyError::ExtraOutOfRange {
            family: _,
            extra,
            value,
        } => format!(
            "--{} {} is out of range; {} takes 0 < {} ≤ {}{}",
            extra.flag,
            Typed(*value),
            extra.owner,
            extra.symbol,
            Typed(extra.max),
            extra
                .limit
                .map(|l| format!(" (for larger {} use --family {l})", extra.symbol))
                .unwrap_or_default()
        ),
    }
}

/// The flag a level was given by.
fn level_flag(of: LevelOf) -> &'static str {
    match of {
        LevelOf::Kl => "--kl",
        LevelOf::Radius => "--radius",
    }
}

fn level(e: &LevelError) -> String {
    match *e {
        LevelError::NotPositive { of, value } => format!(
            "{} must be a finite number greater than 0, got {}",
            level_flag(of),
            Typed(value)
        ),
        LevelError::OutOfRange { of, value, lo, hi } => format!(
            "{} {} is out of range; use {} to {} (smaller balls cannot be solved to 1e-10 in double precision, larger ones close in no chart)",
            level_flag(of),
            Typed(value),
            Typed(lo),
            Typed(hi)
        ),
    }
}

fn whiten(e: &WhitenError) -> String {
    match *e {
        WhitenError::OutOfDomain {
            x,
            y,
            chart,
            domain,
        } => format!(
            "--at {},{} is outside the {chart} chart ({domain}); choose a point inside it",
            Typed(x),
            Typed(y)
        ),
        WhitenError::Degenerate { x, y, why } => format!(
            "the Fisher matrix at --at {},{} cannot be whitened: {}; choose another point",
            Typed(x),
            Typed(y),
            why.why()
        ),
    }
}

/// A geometry error met while solving a request, worded in the flags that change it; any
/// other error as it is.
pub fn in_flags(e: anyhow::Error) -> anyhow::Error {
    let worded = if let Some(b) = e.downcast_ref::<BallError>() {
        ball(b)
    } else if let Some(g) = e.downcast_ref::<GeodesicError>() {
        geodesic(g)
    } else if let Some(m) = e.downcast_ref::<crate::geometry::jeffreys::MassError>() {
        format!("{m}; use more --points, or --xlim/--ylim nearer the chart's default view")
    } else if let Some(v) = e.downcast_ref::<crate::geometry::jeffreys::VolumeError>() {
        format!("{v}; choose --xlim/--ylim farther from the edge of the domain")
    } else if let Some(h) = e.downcast_ref::<crate::geometry::hmc::HmcError>() {
        format!("{h}; choose --at nearer the first chart's default view, or a larger --n")
    } else if let Some(DescentError::Diverges {
        method,
        chart,
        step,
        at,
        why,
    }) = e.downcast_ref::<DescentError>()
    {
        format!(
            "{method} gradient descent in the {chart} chart diverges with --step {} (step {at} {why}); use a smaller --step",
            Typed(*step)
        )
    } else if let Some(f @ DescentError::Fisher { .. }) = e.downcast_ref::<DescentError>() {
        format!("{f}; choose --from and --target nearer the chart's default view")
    } else {
        return e;
    };
    anyhow::anyhow!(worded)
}

/// A formula family's failed check, with what to do.
fn checked(why: &str) -> String {
    format!("the family file fails its check: {why}")
}

fn ball(e: &BallError) -> String {
    match e {
        BallError::NotClosed { .. } | BallError::AtEdge { .. } => {
            format!("{e}; use a smaller --kl/--radius or limits farther from the edge")
        }
        BallError::NotShown { .. } => {
            format!("{e}; choose --xlim/--ylim nearer the first chart's default view")
        }
        BallError::BeyondPrecision { .. } => {
            format!("{e}; use a smaller --kl/--radius")
        }
        BallError::Unresolved { .. } => {
            format!("{e}; use a larger --kl/--radius, or limits nearer the chart's default view")
        }
        BallError::Empty => format!("{e}; use a smaller --radius/--kl or a larger region"),
        BallError::NoCovering => format!("{e}; use a larger --radius/--kl or a smaller region"),
        BallError::TooMany { limit } => format!(
            "the region would hold more than {limit} balls of this radius, the most a figure draws with this family, --points and charts ({MAX_BALLS} balls, {MAX_TOTAL_POINTS} outline points over all charts, weighed by their cost); use a larger --radius, fewer --points or charts, or a smaller region"
        ),
        BallError::Geodesic(g) => geodesic(g),
        BallError::Check(why) => checked(why),
        BallError::Degenerate { .. } | BallError::NoDistance { .. } | BallError::Stopped => {
            e.to_string()
        }
    }
}

fn geodesic(e: &GeodesicError) -> String {
    let ends = |from: &Point, to: &Point| {
        format!(
            "({}, {}) to ({}, {})",
            Typed(from.x),
            Typed(from.y),
            Typed(to.x),
            Typed(to.y)
        )
    };
    match e {
        GeodesicError::Check(why) => checked(why),
        GeodesicError::Unreachable { from, to } => format!(
            "the geodesic from {} leaves double precision; choose --from and --to nearer each other",
            ends(from, to)
        ),
        GeodesicError::NoConvergence {
            from,
            to,
            miss,
            steps,
        } => format!(
            "no Fisher–Rao geodesic from {} was found: shooting with the exponential map {}; choose --from and --to nearer each other",
            ends(from, to),
            missed(*miss, *steps)
        ),
    }
}
