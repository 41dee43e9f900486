//! Why a figure request cannot be drawn: one error enum, each message naming the flag to
//! change and how.

use std::path::PathBuf;

use thiserror::Error;

use super::{
    MAX_ALONG, MAX_BALLS, MAX_DPI, MAX_DRAWS, MAX_FONT_PT, MAX_GEODESICS, MAX_JEFFREYS_BALLS,
    MAX_N, MAX_PANELS, MAX_POINTS, MAX_SIDE, MAX_TOTAL_POINTS, MAX_TRIALS, MIN_DPI, MIN_FONT_PT,
    MIN_POINTS, MIN_SIDE,
};
use crate::geometry::Typed;
use crate::geometry::ball::LevelError;
use crate::geometry::chart::WhitenError;
use crate::geometry::families::FamilyError;

/// Why a request cannot be drawn; each message names the flag and what to do.
#[derive(Debug, Error)]
pub enum RequestError {
    #[error(transparent)]
    Family(#[from] FamilyError),
    #[error("'{chart}' is not a chart of the {family} family; its charts are {charts}")]
    UnknownChart {
        chart: String,
        family: &'static str,
        charts: String,
    },
    #[error(transparent)]
    Level(#[from] LevelError),
    #[error(transparent)]
    Whiten(#[from] WhitenError),
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
    #[error("--grid {nx}x{ny} is more balls than the {MAX_BALLS} drawn at most (e.g. 200x200)")]
    TooManyBalls { nx: usize, ny: usize },
    #[error("--points {0} is out of range; use {MIN_POINTS} to {MAX_POINTS}")]
    Points(usize),
    #[error(
        "this figure has {0} outline points in all (a Fisher–Rao point of Gamma counts 10, of Beta 20, a KL point of Student-t 16); at most {MAX_TOTAL_POINTS} (use fewer balls, points, kinds or charts)"
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
        "cannot tell the format of '{0}'; end the output name in .svg, .png, .pdf, .tex (pgfplots), .json or .html (an interactive page)"
    )]
    Extension(PathBuf),
    #[error(
        "{0} cannot make an interactive page; write .svg, .png, .pdf, .tex or .json, or make the page with plot or compare"
    )]
    NoPage(&'static str),
    #[error("the directory '{0}' does not exist; create it or write the figure elsewhere")]
    NoDirectory(PathBuf),
}
