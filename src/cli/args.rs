//! The flags of each figure command (clap); the parsers of their values are in
//! [`super::values`]. Figure files are parsed by the same grammar, so a key of a figure file
//! means what its flag means.

use std::path::PathBuf;

use clap::Args;

use crate::geometry::ball::LevelError;
use crate::geometry::families;
use crate::geometry::{BallKind, Family, Interval, Level, Point};
use crate::style::Palette;

pub use super::values::*;

/// The family a figure draws: `--family` and, for Student's t, `--nu`.
#[derive(Debug, Clone, Args)]
pub struct FamilyArgs {
    /// Statistical family (its charts are listed below), or a family file (FILE.toml) that
    /// gives a log-density: see docs/formula-families.md
    #[arg(long, default_value = "gaussian", value_parser = FamilyName(clap::builder::PossibleValuesParser::new(family_names())))]
    pub family: String,

    /// Degrees of freedom ν of --family student-t (0 < ν ≤ 50) [default: 3]
    #[arg(long, allow_hyphen_values = true)]
    pub nu: Option<f64>,
}

/// The options of `fisherballs plot`: one chart.
#[derive(Debug, Clone, Args)]
pub struct PlotArgs {
    #[command(flatten)]
    pub family: FamilyArgs,

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
    #[command(flatten)]
    pub family: FamilyArgs,

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
    #[arg(long, value_delimiter = ',', default_value = "quadratic", value_parser = Trimmed(ball_names().into()))]
    pub ball: Vec<String>,

    /// Number of centres across and up [default: the chart's, e.g. 9x5 for mean-std, thinned
    /// until no two balls touch]
    #[arg(long, value_name = "NXxNY", value_parser = parse_grid)]
    pub grid: Option<(usize, usize)>,

    /// The drawn range of the (first chart's) x axis, apart from where the centres lie
    /// [default: what shows every ball whole]
    #[arg(long, value_name = "A,B", allow_hyphen_values = true, value_parser = parse_interval)]
    pub xrange: Option<Interval>,

    /// The y axes: linear, log (every panel whose y values are all positive), or auto:
    /// linear, but log for a later panel of compare whose y values span more than a
    /// factor of 10 (where balls at the small end would be specks)
    #[arg(long, default_value = "auto", value_parser = ["auto", "linear", "log"])]
    pub y_scale: String,

    /// The drawn range of the (first chart's) y axis [default: what shows every ball whole]
    #[arg(long, value_name = "C,D", allow_hyphen_values = true, value_parser = parse_interval)]
    pub yrange: Option<Interval>,

    #[command(flatten)]
    pub level: LevelArgs,

    #[command(flatten)]
    pub look: PresentationArgs,
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
pub struct PresentationArgs {
    /// Number of points on each outline
    #[arg(long, default_value_t = 128)]
    pub points: usize,

    /// Figure width: 1200 or 1200px (pixels, 96 an inch), or a printed size: 3.25in, 8cm,
    /// 80mm, 234pt
    #[arg(long, default_value = "1200", value_name = "LENGTH", allow_hyphen_values = true, value_parser = parse_length)]
    pub width: Length,

    /// Figure height, in the same units as --width
    #[arg(long, default_value = "900", value_name = "LENGTH", allow_hyphen_values = true, value_parser = parse_length)]
    pub height: Length,

    /// PNG pixels an inch for a printed size (--width 3.25in --dpi 300: 975 pixels wide)
    #[arg(long, default_value_t = 100.0, allow_hyphen_values = true)]
    pub dpi: f64,

    /// Size of the tick labels in points; titles, axis names, legends and captions keep
    /// their proportions to it [default: grows and shrinks with the figure]
    #[arg(long, value_name = "PT", allow_hyphen_values = true)]
    pub font_size: Option<f64>,

    /// Title instead of the default one ("" leaves it out, as --no-title does)
    #[arg(long, value_parser = parse_text)]
    pub title: Option<String>,

    /// Leave out the title and its band (a paper's figure has its caption in the document)
    #[arg(long, conflicts_with = "title")]
    pub no_title: bool,

    /// Leave out the caption line under the plot
    #[arg(long)]
    pub no_caption: bool,

    /// Colours: okabe-ito and tol are colour-blind safe, grey is for print (its kinds also
    /// differ in dashes)
    #[arg(long, default_value = "okabe-ito", value_parser = Palette::NAMES)]
    pub palette: String,

    /// The ground under the figure: white, transparent (PNG with alpha; SVG and PDF with no
    /// background rectangle) or a colour #RRGGBB [default: the theme's]
    #[arg(long, value_name = "COLOUR", value_parser = parse_background)]
    pub background: Option<Background>,

    /// Colours of text, axes and grid: light (black on white) or dark (light on slate)
    #[arg(long, default_value = "light", value_parser = crate::style::Theme::NAMES)]
    pub theme: String,

    /// PNG only: pixels per figure pixel (2 gives a 2400×1800 PNG of the same figure)
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    pub scale: f64,

    /// Width of the ball outlines in figure pixels
    #[arg(long, default_value_t = 1.6, allow_hyphen_values = true)]
    pub line_width: f64,

    /// Output file: .svg, .png, .pdf, .tex (pgfplots), .json, or .html (an interactive page, plot and compare)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

/// The options of `fisherballs geodesic`: Fisher–Rao geodesics, with balls along them.
#[derive(Debug, Clone, Args)]
pub struct GeodesicArgs {
    #[command(flatten)]
    pub family: FamilyArgs,

    /// 1 to 6 charts, comma-separated; --from and --to are points of the first [default:
    /// the family's first]
    #[arg(long, value_delimiter = ',')]
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
    pub look: PresentationArgs,
}

/// The options of `fisherballs mml`: a region covered by Fisher balls.
#[derive(Debug, Clone, Args)]
pub struct MmlArgs {
    #[command(flatten)]
    pub family: FamilyArgs,

    /// 1 to 6 charts, comma-separated; the region is a rectangle of the first [default: the
    /// family's first]
    #[arg(long, value_delimiter = ',')]
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
    pub look: PresentationArgs,
}

/// The options of `fisherballs mle`: maximum-likelihood estimates, raw and whitened.
#[derive(Debug, Clone, Args)]
pub struct MleArgs {
    #[command(flatten)]
    pub family: FamilyArgs,

    /// 1 to 3 charts, comma-separated; each gets a panel of estimates and a whitened one
    /// [default: the family's first]
    #[arg(long, value_delimiter = ',')]
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
    pub look: PresentationArgs,
}

/// The options of `fisherballs natgrad`: plain and natural gradient descent compared.
#[derive(Debug, Clone, Args)]
pub struct NatgradArgs {
    #[command(flatten)]
    pub family: FamilyArgs,

    /// 1 to 6 charts, comma-separated; --target and --from are points of the first [default:
    /// the family's first]
    #[arg(long, value_delimiter = ',')]
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
    pub look: PresentationArgs,
}

pub(crate) fn family_names() -> Vec<&'static str> {
    families::names()
}

fn ball_names() -> Vec<&'static str> {
    BallKind::ALL.iter().map(|k| k.name()).collect()
}

/// The options of `fisherballs ruler`: a one-parameter family's Fisher ruler.
#[derive(Debug, Clone, Args)]
pub struct RulerArgs {
    /// One-parameter family (binomial takes --n; bernoulli is binomial with n = 1), or a family file with one parameter (FILE.toml)
    #[arg(long, default_value = "poisson", value_parser = FamilyName(clap::builder::PossibleValuesParser::new(["poisson", "exponential", "bernoulli", "binomial", "geometric"])))]
    pub family: String,

    /// Number of trials of --family binomial [default: 10]
    #[arg(long)]
    pub n: Option<u32>,

    /// The ruler's lower end: the first mark (λ, or p for the binomial and geometric)
    #[arg(long, allow_hyphen_values = true)]
    pub from: f64,

    /// The ruler's upper end: marks are laid while they do not pass it
    #[arg(long, allow_hyphen_values = true)]
    pub to: f64,

    /// Fisher–Rao distance between neighbouring marks
    #[arg(long, default_value_t = 0.5, allow_hyphen_values = true)]
    pub radius: f64,

    #[command(flatten)]
    pub look: PresentationArgs,
}

/// The options of `fisherballs sweep`: the quadratic, KL and reverse-KL balls as the level
/// grows, and the largest gap between them against the level.
#[derive(Debug, Clone, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub family: FamilyArgs,

    /// The chart the balls are drawn and the quadratic balls are laid in [default: the
    /// family's first]
    #[arg(long)]
    pub chart: Option<String>,

    /// A centre X,Y of the chart (repeat for up to 6) [default: the middle of the chart's
    /// default view]
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub at: Vec<Point>,

    /// The lowest and highest KL level, LOW,HIGH; the levels between are evenly spaced in
    /// ln L, and the sweep stops early at a level where a ball leaves the chart
    #[arg(long, value_name = "LOW,HIGH", default_value = "1e-4,1", allow_hyphen_values = true, value_parser = parse_interval)]
    pub levels: Interval,

    /// Number of levels, 2 to 41 (an .apng has a frame for each)
    #[arg(long, default_value_t = 9)]
    pub steps: usize,

    #[command(flatten)]
    pub look: PresentationArgs,
}

/// The options of `fisherballs hmc`: Euclidean and Riemannian-manifold HMC on a posterior.
#[derive(Debug, Clone, Args)]
pub struct HmcArgs {
    #[command(flatten)]
    pub family: FamilyArgs,

    /// 2 or 3 charts, comma-separated, each sampled by both samplers; --at is a point of the
    /// first, and a flat prior is flat in it [default: the family's first two]
    #[arg(long, value_delimiter = ',')]
    pub charts: Vec<String>,

    /// The true distribution the data are drawn from, X,Y in the first chart [default: the
    /// middle of the first chart's default view]
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_point)]
    pub at: Option<Point>,

    /// Size of the data set
    #[arg(long, default_value_t = 50)]
    pub n: usize,

    /// Prior: flat in the first chart, or Jeffreys' √det F (the same in every chart)
    #[arg(long, default_value = "jeffreys", value_parser = ["flat", "jeffreys"])]
    pub prior: String,

    /// Iterations of each chain (each one sample)
    #[arg(long, default_value_t = 1000)]
    pub samples: usize,

    /// Leapfrog step ε, in units where the posterior has spread about 1 (the metric nF
    /// makes them so for RMHMC; HMC's mass matrix is nF at the start)
    #[arg(long, default_value_t = 0.3, allow_hyphen_values = true)]
    pub step: f64,

    /// Leapfrog steps in each trajectory
    #[arg(long, default_value_t = 6)]
    pub leapfrog: usize,

    /// Trajectories drawn in each panel (the chain's first)
    #[arg(long, default_value_t = 3)]
    pub trajectories: usize,

    /// Relative tolerance of RMHMC's implicit steps (fixed-point iterations)
    #[arg(long, default_value = "1e-10", allow_hyphen_values = true)]
    pub tolerance: f64,

    /// Seed of the data set and of the chains (every chain draws the same random numbers)
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    #[command(flatten)]
    pub look: PresentationArgs,
}
