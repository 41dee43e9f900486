//! Figure requests, as the command line and figure files state them, and their validation
//! into a [`FigureSpec`] that the rest of the pipeline can trust.

use std::path::{Path, PathBuf};

use clap::Args;
use thiserror::Error;

use crate::geometry::ball::LevelError;
use std::sync::Arc;

use crate::geometry::chart::{WhitenError, Whitened};
use crate::geometry::families::{self, FamilyError, gaussian::Gaussian};
use crate::geometry::{BallKind, Chart, Family, Interval, Level, Limits, Point};
use crate::scene::Palette;

/// The largest grid: 40 000 centres (200×200).
pub const MAX_BALLS: usize = 40_000;
/// Points on each outline: at least 16 (fewer looks like a polygon), at most 4096.
pub const MIN_POINTS: usize = 16;
pub const MAX_POINTS: usize = 4096;
/// All outlines together, over every kind and panel: at most 40 000 balls × 256 points.
pub const MAX_TOTAL_POINTS: usize = 10_240_000;
/// Figure sides in pixels, before and after `--scale`.
pub const MIN_SIDE: u32 = 300;
pub const MAX_SIDE: u32 = 6000;
/// `compare` draws 2 to 6 panels.
pub const MAX_PANELS: usize = 6;
/// `geodesic` draws at most 20 paths, with 2 to 50 balls along each.
pub const MAX_GEODESICS: usize = 20;
pub const MAX_ALONG: usize = 50;

/// The options of `fisherballs plot`: one chart.
#[derive(Debug, Clone, Args)]
pub struct PlotArgs {
    /// Statistical family (its charts are listed below)
    #[arg(long, default_value = "gaussian", value_parser = family_names())]
    pub family: String,

    /// Degrees of freedom ν of --family student-t (0 < ν ≤ 50) [default: 3]
    #[arg(long, allow_hyphen_values = true)]
    pub nu: Option<f64>,

    /// Chart (parameterization) the balls are drawn in, or `whitened` (needs --at)
    /// [default: the family's first]
    #[arg(long)]
    pub chart: Option<String>,

    /// With --chart whitened: the point X,Y of the --from chart that becomes the origin
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub at: Option<Point>,

    /// With --chart whitened: the chart that is whitened [default: the family's first]
    #[arg(long, value_name = "CHART")]
    pub from: Option<String>,

    /// Range of the first coordinate that the centres fill [default: the chart's]
    #[arg(long, value_name = "A,B", allow_hyphen_values = true, value_parser = parse_interval)]
    pub xlim: Option<Interval>,

    /// Range of the second coordinate that the centres fill [default: the chart's]
    #[arg(long, value_name = "C,D", allow_hyphen_values = true, value_parser = parse_interval)]
    pub ylim: Option<Interval>,

    /// What to show: the balls, or the balls over the Jeffreys prior √det F (with each
    /// ball's prior mass in the JSON)
    #[arg(long, default_value = "balls", value_parser = ["balls", "jeffreys"])]
    pub show: String,

    /// Axis names instead of the chart's coordinates, e.g. "mean,standard deviation"
    #[arg(long, value_name = "X,Y", value_parser = parse_labels)]
    pub labels: Option<[String; 2]>,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// The options of `fisherballs compare`: the same distributions in several charts.
#[derive(Debug, Clone, Args)]
pub struct CompareArgs {
    /// Statistical family (its charts are listed below)
    #[arg(long, default_value = "gaussian", value_parser = family_names())]
    pub family: String,

    /// Degrees of freedom ν of --family student-t (0 < ν ≤ 50) [default: 3]
    #[arg(long, allow_hyphen_values = true)]
    pub nu: Option<f64>,

    /// 2 to 6 charts of the family, comma-separated; the centres are a grid in the first
    #[arg(long, value_delimiter = ',', required = true)]
    pub charts: Vec<String>,

    /// Whiten every panel at the distribution X,Y (a point of the first chart)
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub at: Option<Point>,

    /// Range of the first chart's first coordinate that the centres fill [default: its own]
    #[arg(long, value_name = "A,B", allow_hyphen_values = true, value_parser = parse_interval)]
    pub xlim: Option<Interval>,

    /// Range of the first chart's second coordinate [default: its own]
    #[arg(long, value_name = "C,D", allow_hyphen_values = true, value_parser = parse_interval)]
    pub ylim: Option<Interval>,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options of figures of balls on a grid: which balls, and how many.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Kind of ball; a comma-separated list overlays several
    #[arg(long, value_delimiter = ',', default_value = "quadratic", value_parser = ball_names())]
    pub ball: Vec<String>,

    /// Number of centres across and up [default: the chart's, e.g. 9x5 for mean-std]
    #[arg(long, value_name = "NXxNY", value_parser = parse_grid)]
    pub grid: Option<(usize, usize)>,

    #[command(flatten)]
    pub level: LevelArgs,

    #[command(flatten)]
    pub look: LookArgs,
}

/// The size of the balls.
#[derive(Debug, Clone, Args)]
pub struct LevelArgs {
    /// KL level L of the balls [default: the family's, 0.01 for the Gaussian]
    #[arg(long, conflicts_with = "radius", allow_hyphen_values = true)]
    pub kl: Option<f64>,

    /// Fisher radius r of the balls instead of --kl (L = r²/2)
    #[arg(long, allow_hyphen_values = true)]
    pub radius: Option<f64>,
}

impl LevelArgs {
    /// The level asked for, or the family's default one.
    pub fn level(&self, family: &dyn Family) -> Result<Level, LevelError> {
        match (self.kl, self.radius) {
            (_, Some(r)) => Level::from_radius(r),
            (kl, None) => Level::from_kl(kl.unwrap_or(family.default_kl())),
        }
    }
}

/// Options every figure has: points on each outline, the figure's style and output.
#[derive(Debug, Clone, Args)]
pub struct LookArgs {
    /// Number of points on each outline
    #[arg(long, default_value_t = 128)]
    pub points: usize,

    /// Figure width in pixels
    #[arg(long, default_value_t = 1200)]
    pub width: u32,

    /// Figure height in pixels
    #[arg(long, default_value_t = 900)]
    pub height: u32,

    /// Title instead of the default one
    #[arg(long)]
    pub title: Option<String>,

    /// Leave out the caption line under the plot
    #[arg(long)]
    pub no_caption: bool,

    /// Colours: okabe-ito and tol are colour-blind safe, grey is for print
    #[arg(long, default_value = "okabe-ito", value_parser = Palette::NAMES)]
    pub palette: String,

    /// PNG only: pixels per figure pixel (2 gives a 2400×1800 PNG of the same figure)
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    pub scale: f64,

    /// Width of the ball outlines in figure pixels
    #[arg(long, default_value_t = 1.6, allow_hyphen_values = true)]
    pub line_width: f64,

    /// Output file: .svg, .png or .json
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

/// The options of `fisherballs geodesic`: Fisher–Rao geodesics, with balls along them.
#[derive(Debug, Clone, Args)]
pub struct GeodesicArgs {
    /// Statistical family (this command draws the Gaussian only, so far)
    #[arg(long, default_value = "gaussian", value_parser = ["gaussian"])]
    pub family: String,

    /// 1 to 6 charts, comma-separated; --from and --to are points of the first
    #[arg(long, value_delimiter = ',', required = true, value_parser = chart_names())]
    pub charts: Vec<String>,

    /// Start of a geodesic, X,Y in the first chart (repeat with --to for several)
    #[arg(long, value_name = "X,Y", required = true, allow_hyphen_values = true, value_parser = parse_point)]
    pub from: Vec<Point>,

    /// End of a geodesic, X,Y in the first chart (one for each --from)
    #[arg(long, value_name = "X,Y", required = true, allow_hyphen_values = true, value_parser = parse_point)]
    pub to: Vec<Point>,

    /// Fisher–Rao balls drawn along each geodesic, equally spaced, ends included
    #[arg(long, default_value_t = 5)]
    pub along: usize,

    #[command(flatten)]
    pub level: LevelArgs,

    #[command(flatten)]
    pub look: LookArgs,
}

/// The options of `fisherballs mml`: a region covered by a hexagonal lattice of balls.
#[derive(Debug, Clone, Args)]
pub struct MmlArgs {
    /// Statistical family (this command draws the Gaussian only, so far)
    #[arg(long, default_value = "gaussian", value_parser = ["gaussian"])]
    pub family: String,

    /// 1 to 6 charts, comma-separated; the region is a rectangle of the first
    #[arg(long, value_delimiter = ',', required = true, value_parser = chart_names())]
    pub charts: Vec<String>,

    /// The region's range of the first chart's first coordinate [default: the chart's]
    #[arg(long, value_name = "A,B", allow_hyphen_values = true, value_parser = parse_interval)]
    pub xlim: Option<Interval>,

    /// The region's range of the second coordinate [default: the chart's]
    #[arg(long, value_name = "C,D", allow_hyphen_values = true, value_parser = parse_interval)]
    pub ylim: Option<Interval>,

    #[command(flatten)]
    pub level: LevelArgs,

    #[command(flatten)]
    pub look: LookArgs,
}

/// The options of `fisherballs mle`: maximum-likelihood estimates, raw and whitened.
#[derive(Debug, Clone, Args)]
pub struct MleArgs {
    /// Statistical family (this command draws the Gaussian only, so far)
    #[arg(long, default_value = "gaussian", value_parser = ["gaussian"])]
    pub family: String,

    /// 1 to 3 charts, comma-separated; each gets a panel of estimates and a whitened one
    #[arg(long, value_delimiter = ',', required = true, value_parser = chart_names())]
    pub charts: Vec<String>,

    /// The true distribution, X,Y in the first chart
    #[arg(long, value_name = "X,Y", required = true, allow_hyphen_values = true, value_parser = parse_point)]
    pub at: Point,

    /// Sample size of each estimate
    #[arg(long, default_value_t = 50)]
    pub n: usize,

    /// Number of estimates
    #[arg(long, default_value_t = 1000)]
    pub trials: usize,

    /// Seed of the random draws (the same seed gives the same figure)
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    #[command(flatten)]
    pub look: LookArgs,
}

/// A validated `mle` request.
pub struct MleSpec {
    pub family: Arc<dyn Family>,
    pub charts: Vec<&'static dyn Chart>,
    /// The true θ, canonical.
    pub truth: Point,
    pub n: usize,
    pub trials: usize,
    pub seed: u64,
    pub points: usize,
    pub style: Style,
    pub format: Format,
    pub output: PathBuf,
}

/// The options of `fisherballs natgrad`: plain and natural gradient descent compared.
#[derive(Debug, Clone, Args)]
pub struct NatgradArgs {
    /// Statistical family (this command draws the Gaussian only, so far)
    #[arg(long, default_value = "gaussian", value_parser = ["gaussian"])]
    pub family: String,

    /// 1 to 6 charts, comma-separated; --target and --from are points of the first
    #[arg(long, value_delimiter = ',', required = true, value_parser = chart_names())]
    pub charts: Vec<String>,

    /// The target distribution: the loss is D(p_target ‖ p), minimal there
    #[arg(long, value_name = "X,Y", required = true, allow_hyphen_values = true, value_parser = parse_point)]
    pub target: Point,

    /// A start of the descents (repeat for several, at most 10)
    #[arg(long, value_name = "X,Y", required = true, allow_hyphen_values = true, value_parser = parse_point)]
    pub from: Vec<Point>,

    /// Step size η
    #[arg(long, default_value_t = 0.05, allow_hyphen_values = true)]
    pub step: f64,

    /// Number of steps
    #[arg(long, default_value_t = 40)]
    pub steps: usize,

    #[command(flatten)]
    pub look: LookArgs,
}

/// A validated `natgrad` request; points canonical.
pub struct NatgradSpec {
    pub family: Arc<dyn Family>,
    pub charts: Vec<&'static dyn Chart>,
    pub target: Point,
    pub starts: Vec<Point>,
    pub step: f64,
    pub steps: usize,
    pub style: Style,
    pub format: Format,
    pub output: PathBuf,
}

impl NatgradSpec {
    pub fn new(args: &NatgradArgs) -> Result<Self, SpecError> {
        let family = family(&args.family, None)?;
        if !(1..=MAX_PANELS).contains(&args.charts.len()) {
            return Err(SpecError::DescentPanels(args.charts.len()));
        }
        let charts: Vec<&'static dyn Chart> = args.charts.iter().map(|n| named_chart(n)).collect();
        let first = charts[0];
        if let Some(p) = std::iter::once(&args.target)
            .chain(&args.from)
            .find(|p| !first.contains(**p))
        {
            let (chart, domain) = (first.name(), first.domain());
            return Err(SpecError::PointOutside {
                x: p.x,
                y: p.y,
                chart,
                domain,
            });
        }
        if args.from.len() > 10 {
            return Err(SpecError::Starts(args.from.len()));
        }
        if !(args.step.is_finite() && args.step > 0.0) {
            return Err(SpecError::Step(args.step));
        }
        if !(1..=10_000).contains(&args.steps) {
            return Err(SpecError::Steps(args.steps));
        }
        let look = Look::new(&args.look, 0, None)?;
        Ok(Self {
            family,
            target: first.theta(args.target),
            starts: args.from.iter().map(|&p| first.theta(p)).collect(),
            charts,
            step: args.step,
            steps: args.steps,
            style: look.style,
            format: look.format,
            output: args.look.output.clone(),
        })
    }
}

/// `mle` limits: a sample size from 2 (below it σ̂ = 0) to 100 000, up to 20 000 estimates,
/// and at most 10⁸ draws in all (about a second).
pub const MAX_N: usize = 100_000;
pub const MAX_TRIALS: usize = 20_000;
pub const MAX_DRAWS: usize = 100_000_000;

impl MleSpec {
    pub fn new(args: &MleArgs) -> Result<Self, SpecError> {
        let family = family(&args.family, None)?;
        if !(1..=3).contains(&args.charts.len()) {
            return Err(SpecError::MlePanels(args.charts.len()));
        }
        let charts: Vec<&'static dyn Chart> = args.charts.iter().map(|n| named_chart(n)).collect();
        if !charts[0].contains(args.at) {
            let (chart, domain) = (charts[0].name(), charts[0].domain());
            return Err(SpecError::TruthOutside {
                x: args.at.x,
                y: args.at.y,
                chart,
                domain,
            });
        }
        if !(2..=MAX_N).contains(&args.n) {
            return Err(SpecError::SampleSize(args.n));
        }
        if !(2..=MAX_TRIALS).contains(&args.trials) || args.n * args.trials > MAX_DRAWS {
            return Err(SpecError::Trials(args.trials, args.n));
        }
        let look = Look::new(&args.look, 4 * charts.len(), None)?;
        Ok(Self {
            family,
            truth: charts[0].theta(args.at),
            charts,
            n: args.n,
            trials: args.trials,
            seed: args.seed,
            points: args.look.points,
            style: look.style,
            format: look.format,
            output: args.look.output.clone(),
        })
    }
}

fn family_names() -> Vec<&'static str> {
    families::names()
}

/// The Gaussian's charts: the commands that draw only the Gaussian so far take these.
fn chart_names() -> Vec<&'static str> {
    Gaussian.charts().iter().map(|c| c.name()).collect()
}

fn ball_names() -> Vec<&'static str> {
    BallKind::ALL.iter().map(|k| k.name()).collect()
}

/// "A,B" → two finite numbers.
fn parse_pair(s: &str, example: &str) -> Result<(f64, f64), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("expected two numbers such as {example}, got '{s}'"))?;
    let num = |t: &str| {
        t.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                format!("'{t}' is not a finite number (write two numbers such as {example})")
            })
    };
    Ok((num(a)?, num(b)?))
}

/// "A,B" → [A, B], both finite and A < B.
pub fn parse_interval(s: &str) -> Result<Interval, String> {
    let (lo, hi) = parse_pair(s, "-2,2")?;
    if lo >= hi {
        return Err(format!(
            "the limits are reversed or empty ({lo:?} ≥ {hi:?}); write LOW,HIGH"
        ));
    }
    if !(hi - lo).is_finite() {
        return Err(format!(
            "the range {lo:?},{hi:?} is too wide to draw; use smaller numbers"
        ));
    }
    Ok(Interval::new(lo, hi))
}

/// "X,Y" → a point.
pub fn parse_point(s: &str) -> Result<Point, String> {
    let (x, y) = parse_pair(s, "0,1")?;
    Ok(Point::new(x, y))
}

/// "NXxNY" → (NX, NY), both at least 1.
pub fn parse_grid(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("expected NXxNY with whole numbers ≥ 1, such as 9x6, got '{s}'");
    let (a, b) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let n = |t: &str| {
        t.trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(bad)
    };
    Ok((n(a)?, n(b)?))
}

/// "X,Y" → two non-empty axis names.
pub fn parse_labels(s: &str) -> Result<[String; 2], String> {
    match s.split(',').map(str::trim).collect::<Vec<_>>()[..] {
        [x, y] if !x.is_empty() && !y.is_empty() => Ok([x.to_string(), y.to_string()]),
        _ => Err(format!(
            "expected two names 'X,Y' (no comma inside a name), got '{s}'"
        )),
    }
}

/// What a figure file holds, from the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Json,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// A chart a panel is drawn in: one of the family's, or one of them whitened at a point.
#[derive(Clone)]
pub enum ChartChoice {
    Named(&'static dyn Chart),
    Whitened(Whitened),
}

impl ChartChoice {
    pub fn chart(&self) -> &dyn Chart {
        match self {
            ChartChoice::Named(c) => *c,
            ChartChoice::Whitened(w) => w,
        }
    }
}

/// How a figure looks, beyond what it shows.
#[derive(Debug, Clone)]
pub struct Style {
    pub size: (u32, u32),
    pub title: Option<String>,
    pub caption: bool,
    pub palette: Palette,
    pub scale: f64,
    pub line_width: f64,
    pub labels: Option<[String; 2]>,
}

/// A request the pipeline can draw: every name resolved, every number checked.
#[derive(Clone)]
pub struct FigureSpec {
    pub family: Arc<dyn Family>,
    /// One panel for `plot`, 2 to 6 for `compare`; the centres are a grid in the first.
    pub panels: Vec<ChartChoice>,
    /// Whether the JSON lists panels (compare, geodesic, mml), rather than one chart (plot).
    pub compare: bool,
    pub kinds: Vec<BallKind>,
    pub level: Level,
    /// Where the centres lie, in the first panel's chart.
    pub limits: Limits,
    pub grid: (usize, usize),
    /// For `geodesic`: the (from, to) pairs, in the first chart; the balls lie along them.
    pub geodesics: Option<Vec<(Point, Point)>>,
    /// For `plot --show jeffreys`: shade √det F and weigh each ball's prior mass.
    pub jeffreys: bool,
    /// For `mml`: the centres are a hexagonal lattice covering the region `limits`.
    pub packing: bool,
    pub points: usize,
    pub style: Style,
    pub format: Format,
    pub output: PathBuf,
}

/// Why a request cannot be drawn; each message names the flag and what to do.
#[derive(Debug, Error)]
pub enum SpecError {
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
        "the geodesic end ({x:?}, {y:?}) is outside the {chart} chart ({domain}); choose a point inside it"
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
        "({x:?}, {y:?}) is outside the {chart} chart ({domain}); give --target and --from inside it"
    )]
    PointOutside {
        x: f64,
        y: f64,
        chart: &'static str,
        domain: &'static str,
    },
    #[error("{0} --from starts; give at most 10")]
    Starts(usize),
    #[error("--step must be a finite number greater than 0, got {0}")]
    Step(f64),
    #[error("--steps {0} is out of range; use 1 to 10000")]
    Steps(usize),
    #[error(
        "--at {x:?},{y:?} is outside the {chart} chart ({domain}); choose the true distribution inside it"
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
        "--{axis} {lo},{hi} leaves the domain of the {chart} chart ({domain}); choose limits inside it"
    )]
    OutOfDomain {
        axis: &'static str,
        lo: f64,
        hi: f64,
        chart: &'static str,
        domain: &'static str,
    },
    #[error("--grid {nx}x{ny} is {n} balls; at most {max} are drawn (e.g. 200x200)", n = nx * ny, max = MAX_BALLS)]
    TooManyBalls { nx: usize, ny: usize },
    #[error("--points {0} is out of range; use {MIN_POINTS} to {MAX_POINTS}")]
    Points(usize),
    #[error(
        "this figure has {0} outline points in all; at most {MAX_TOTAL_POINTS} (use fewer balls, points, kinds or charts)"
    )]
    TooManyPoints(usize),
    #[error("a {0}x{1} figure is out of range; each side must be {MIN_SIDE} to {MAX_SIDE} pixels")]
    Size(u32, u32),
    #[error(
        "--scale {0} is out of range; use a number from 0.25 to 4 that keeps the PNG within {MAX_SIDE} pixels a side"
    )]
    Scale(f64),
    #[error("--line-width {0} is out of range; use a number from 0.1 to 20")]
    LineWidth(f64),
    #[error("cannot tell the format of '{0}'; end the output name in .svg, .png or .json")]
    Extension(PathBuf),
    #[error("the directory '{0}' does not exist; create it or write the figure elsewhere")]
    NoDirectory(PathBuf),
}

/// The family called `name` (clap admits only the registry's names), with `--nu`.
fn family(name: &str, nu: Option<f64>) -> Result<Arc<dyn Family>, SpecError> {
    Ok(families::family(name, nu)?)
}

/// The chart of `family` called `name`, or an error that lists the family's charts.
fn chart_of(family: &dyn Family, name: &str) -> Result<&'static dyn Chart, SpecError> {
    family.chart(name).ok_or_else(|| SpecError::UnknownChart {
        chart: name.to_string(),
        family: family.name(),
        charts: family
            .charts()
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// A Gaussian chart, for the commands that draw only the Gaussian (clap admits only its
/// chart names).
fn named_chart(name: &str) -> &'static dyn Chart {
    Gaussian
        .chart(name)
        .expect("clap admits only the names of `chart_names`")
}

impl FigureSpec {
    /// The figure `fisherballs plot` draws.
    pub fn plot(args: &PlotArgs) -> Result<Self, SpecError> {
        let family = family(&args.family, args.nu)?;
        let first = family.charts()[0].name();
        let from = || chart_of(&*family, args.from.as_deref().unwrap_or(first));
        let panel = match (args.chart.as_deref().unwrap_or(first), args.at) {
            ("whitened", Some(at)) => ChartChoice::Whitened(Whitened::new(&*family, from()?, at)?),
            ("whitened", None) => return Err(SpecError::WhitenedWithoutAt),
            (_, Some(_)) => return Err(SpecError::AtWithoutWhitened),
            (name, None) => ChartChoice::Named(chart_of(&*family, name)?),
        };
        let mut spec = Self::new(
            family,
            vec![panel],
            false,
            (args.xlim, args.ylim),
            args.labels.clone(),
            &args.common,
        )?;
        spec.jeffreys = args.show == "jeffreys";
        Ok(spec)
    }

    /// The figure `fisherballs compare` draws.
    pub fn compare(args: &CompareArgs) -> Result<Self, SpecError> {
        let family = family(&args.family, args.nu)?;
        if !(2..=MAX_PANELS).contains(&args.charts.len()) {
            return Err(SpecError::PanelCount(args.charts.len()));
        }
        let charts = args
            .charts
            .iter()
            .map(|n| chart_of(&*family, n))
            .collect::<Result<Vec<_>, _>>()?;
        let panels = match args.at {
            None => charts.into_iter().map(ChartChoice::Named).collect(),
            Some(at) => {
                let theta = charts[0].theta(at);
                let first = Whitened::new(&*family, charts[0], at)?;
                let mut panels = vec![ChartChoice::Whitened(first)];
                for c in &charts[1..] {
                    panels.push(ChartChoice::Whitened(Whitened::new(
                        &*family,
                        *c,
                        c.phi(theta),
                    )?));
                }
                panels
            }
        };
        Self::new(
            family,
            panels,
            true,
            (args.xlim, args.ylim),
            None,
            &args.common,
        )
    }

    fn new(
        family: Arc<dyn Family>,
        panels: Vec<ChartChoice>,
        compare: bool,
        (xlim, ylim): (Option<Interval>, Option<Interval>),
        labels: Option<[String; 2]>,
        args: &CommonArgs,
    ) -> Result<Self, SpecError> {
        let chart = panels[0].chart();
        let kinds = args
            .ball
            .iter()
            .filter_map(|n| BallKind::from_name(n))
            .collect::<Vec<_>>();
        let defaults = chart.default_limits();
        let limits = Limits {
            x: xlim.unwrap_or(defaults.x),
            y: ylim.unwrap_or(defaults.y),
        };
        check_domain(chart, &limits)?;
        let (nx, ny) = args.grid.unwrap_or(chart.default_grid());
        if nx.saturating_mul(ny) > MAX_BALLS {
            return Err(SpecError::TooManyBalls { nx, ny });
        }
        let look = Look::new(&args.look, nx * ny * kinds.len() * panels.len(), labels)?;
        let level = args.level.level(&*family)?;
        Ok(Self {
            family,
            panels,
            compare,
            kinds,
            level,
            limits,
            grid: (nx, ny),
            geodesics: None,
            jeffreys: false,
            packing: false,
            points: args.look.points,
            style: look.style,
            format: look.format,
            output: args.look.output.clone(),
        })
    }

    /// The figure `fisherballs geodesic` draws: paths from each --from to its --to, with
    /// `along` Fisher–Rao balls on each; a row of the grid for each path.
    pub fn geodesic(args: &GeodesicArgs) -> Result<Self, SpecError> {
        let family = family(&args.family, None)?;
        if !(1..=MAX_PANELS).contains(&args.charts.len()) {
            return Err(SpecError::GeodesicPanels(args.charts.len()));
        }
        let panels: Vec<ChartChoice> = args
            .charts
            .iter()
            .map(|n| ChartChoice::Named(named_chart(n)))
            .collect();
        let chart = panels[0].chart();
        if args.from.len() != args.to.len() || args.from.len() > MAX_GEODESICS {
            return Err(SpecError::Pairs(args.from.len(), args.to.len()));
        }
        let pairs: Vec<(Point, Point)> = args
            .from
            .iter()
            .copied()
            .zip(args.to.iter().copied())
            .collect();
        if let Some(p) = pairs
            .iter()
            .flat_map(|(a, b)| [a, b])
            .find(|p| !chart.contains(**p))
        {
            return Err(SpecError::EndOutside {
                x: p.x,
                y: p.y,
                chart: chart.name(),
                domain: chart.domain(),
            });
        }
        if !(2..=MAX_ALONG).contains(&args.along) {
            return Err(SpecError::Along(args.along));
        }
        let look = Look::new(&args.look, args.along * pairs.len() * panels.len(), None)?;
        let defaults = chart.default_limits();
        Ok(Self {
            family,
            grid: (args.along, pairs.len()),
            geodesics: Some(pairs),
            jeffreys: false,
            packing: false,
            panels,
            compare: true,
            kinds: vec![BallKind::FisherRao],
            level: args.level.level(&Gaussian)?,
            limits: defaults,
            points: args.look.points,
            style: look.style,
            format: look.format,
            output: args.look.output.clone(),
        })
    }

    /// The figure `fisherballs mml` draws: the region (limits of the first chart) covered
    /// by Fisher–Rao balls on a hexagonal lattice, in each chart.
    pub fn mml(args: &MmlArgs) -> Result<Self, SpecError> {
        let family = family(&args.family, None)?;
        if !(1..=MAX_PANELS).contains(&args.charts.len()) {
            return Err(SpecError::MmlPanels(args.charts.len()));
        }
        let panels: Vec<ChartChoice> = args
            .charts
            .iter()
            .map(|n| ChartChoice::Named(named_chart(n)))
            .collect();
        let chart = panels[0].chart();
        let defaults = chart.default_limits();
        let limits = Limits {
            x: args.xlim.unwrap_or(defaults.x),
            y: args.ylim.unwrap_or(defaults.y),
        };
        check_domain(chart, &limits)?;
        let look = Look::new(&args.look, panels.len(), None)?;
        Ok(Self {
            family,
            panels,
            compare: true,
            kinds: vec![BallKind::FisherRao],
            level: args.level.level(&Gaussian)?,
            limits,
            grid: (1, 1),
            geodesics: None,
            jeffreys: false,
            packing: true,
            points: args.look.points,
            style: look.style,
            format: look.format,
            output: args.look.output.clone(),
        })
    }

    /// The chart of the first panel, where the centres lie.
    pub fn chart(&self) -> &dyn Chart {
        self.panels[0].chart()
    }
}

/// What every figure's options resolve to, checked.
struct Look {
    style: Style,
    format: Format,
}

impl Look {
    /// Checks the options for a figure of `balls` outlines in all.
    fn new(args: &LookArgs, balls: usize, labels: Option<[String; 2]>) -> Result<Self, SpecError> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&args.points) {
            return Err(SpecError::Points(args.points));
        }
        let total = balls * args.points;
        if total > MAX_TOTAL_POINTS {
            return Err(SpecError::TooManyPoints(total));
        }
        let style = style(args, labels)?;
        let format = Format::from_path(&args.output)
            .ok_or_else(|| SpecError::Extension(args.output.clone()))?;
        check_directory(&args.output)?;
        Ok(Self { style, format })
    }
}

fn style(args: &LookArgs, labels: Option<[String; 2]>) -> Result<Style, SpecError> {
    let side = MIN_SIDE..=MAX_SIDE;
    if !side.contains(&args.width) || !side.contains(&args.height) {
        return Err(SpecError::Size(args.width, args.height));
    }
    let scaled = |v: u32| f64::from(v) * args.scale;
    if !(0.25..=4.0).contains(&args.scale)
        || scaled(args.width.max(args.height)) > f64::from(MAX_SIDE)
    {
        return Err(SpecError::Scale(args.scale));
    }
    if !(0.1..=20.0).contains(&args.line_width) {
        return Err(SpecError::LineWidth(args.line_width));
    }
    Ok(Style {
        size: (args.width, args.height),
        title: args.title.clone(),
        caption: !args.no_caption,
        palette: Palette::from_name(&args.palette).expect("clap admits only Palette::NAMES"),
        scale: args.scale,
        line_width: args.line_width,
        labels,
    })
}

/// Every chart's domain is convex, so a rectangle lies in it when its four corners do.
/// The error names the axis whose limits to move: the one the chart's constraint is on
/// (found by trying the other axis's limits with the default ones).
fn check_domain(chart: &dyn Chart, limits: &Limits) -> Result<(), SpecError> {
    let inside = |l: Limits| l.corners().iter().all(|&c| chart.contains(c));
    if inside(*limits) {
        return Ok(());
    }
    let defaults = chart.default_limits();
    let x_fine = inside(Limits {
        x: limits.x,
        y: defaults.y,
    });
    let (axis, range) = if x_fine {
        ("ylim", limits.y)
    } else {
        ("xlim", limits.x)
    };
    Err(SpecError::OutOfDomain {
        axis,
        lo: range.lo,
        hi: range.hi,
        chart: chart.name(),
        domain: chart.domain(),
    })
}

fn check_directory(output: &Path) -> Result<(), SpecError> {
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if dir.is_dir() {
        Ok(())
    } else {
        Err(SpecError::NoDirectory(dir.to_path_buf()))
    }
}
