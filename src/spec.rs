//! A figure request, as the command line (and the gallery) states it, and its validation
//! into a [`PlotSpec`] that the rest of the pipeline can trust.

use std::path::{Path, PathBuf};

use clap::Args;
use thiserror::Error;

use crate::geometry::ball::LevelError;
use crate::geometry::chart::{gaussian_chart, gaussian_charts};
use crate::geometry::gaussian::Gaussian;
use crate::geometry::{BallKind, Chart, Family, Interval, Level, Limits};

/// The largest grid: 40 000 centres (200×200).
pub const MAX_BALLS: usize = 40_000;
/// Points on each outline: at least 16 (fewer looks like a polygon), at most 4096.
pub const MIN_POINTS: usize = 16;
pub const MAX_POINTS: usize = 4096;
/// All outlines together: at most 40 000 balls × 256 points (about 160 MB of points).
pub const MAX_TOTAL_POINTS: usize = 10_240_000;
/// Figure sides in pixels.
pub const MIN_SIDE: u32 = 300;
pub const MAX_SIDE: u32 = 6000;

/// The options of `fisherballs plot`: one figure.
#[derive(Debug, Clone, Args)]
pub struct PlotArgs {
    /// Statistical family
    #[arg(long, default_value = "gaussian", value_parser = family_names())]
    pub family: String,

    /// Chart (parameterization) the balls are drawn in
    #[arg(long, value_parser = chart_names())]
    pub chart: String,

    /// Kind of ball; a comma-separated list overlays several
    #[arg(long, value_delimiter = ',', default_value = "quadratic", value_parser = ball_names())]
    pub ball: Vec<String>,

    /// KL level L of the balls [default: 0.01]
    #[arg(long, conflicts_with = "radius", allow_hyphen_values = true)]
    pub kl: Option<f64>,

    /// Fisher radius r of the balls instead of --kl (L = r²/2)
    #[arg(long, allow_hyphen_values = true)]
    pub radius: Option<f64>,

    /// Range of the first coordinate that the centres fill [default: the chart's]
    #[arg(long, value_name = "A,B", allow_hyphen_values = true, value_parser = parse_interval)]
    pub xlim: Option<Interval>,

    /// Range of the second coordinate that the centres fill [default: the chart's]
    #[arg(long, value_name = "C,D", allow_hyphen_values = true, value_parser = parse_interval)]
    pub ylim: Option<Interval>,

    /// Number of centres across and up [default: the chart's, e.g. 9x5 for mean-std]
    #[arg(long, value_name = "NXxNY", value_parser = parse_grid)]
    pub grid: Option<(usize, usize)>,

    /// Number of points on each outline
    #[arg(long, default_value_t = 128)]
    pub points: usize,

    /// Figure width in pixels
    #[arg(long, default_value_t = 1200)]
    pub width: u32,

    /// Figure height in pixels
    #[arg(long, default_value_t = 900)]
    pub height: u32,

    /// Output file: .svg, .png or .json
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

fn family_names() -> [&'static str; 1] {
    [Gaussian.name()]
}

fn chart_names() -> Vec<&'static str> {
    gaussian_charts().iter().map(|c| c.name()).collect()
}

fn ball_names() -> Vec<&'static str> {
    BallKind::ALL.iter().map(|k| k.name()).collect()
}

/// "A,B" → [A, B], both finite and A < B.
pub fn parse_interval(s: &str) -> Result<Interval, String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("expected two numbers LOW,HIGH such as -2,2, got '{s}'"))?;
    let num = |t: &str| {
        t.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                format!("'{t}' is not a finite number (write limits as LOW,HIGH such as -2,2)")
            })
    };
    let (lo, hi) = (num(a)?, num(b)?);
    if lo >= hi {
        return Err(format!(
            "the limits are reversed or empty ({lo} ≥ {hi}); write LOW,HIGH"
        ));
    }
    Ok(Interval::new(lo, hi))
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

/// A request the pipeline can draw: every name resolved, every number checked.
#[derive(Clone)]
pub struct PlotSpec {
    pub family: &'static dyn Family,
    pub chart: &'static dyn Chart,
    pub kinds: Vec<BallKind>,
    pub level: Level,
    pub limits: Limits,
    pub grid: (usize, usize),
    pub points: usize,
    pub size: (u32, u32),
    pub format: Format,
    pub output: PathBuf,
}

/// Why a request cannot be drawn; each message names the flag and what to do.
#[derive(Debug, Error)]
pub enum SpecError {
    #[error("unknown {what} '{name}'; choose one of: {choices}")]
    Unknown {
        what: &'static str,
        name: String,
        choices: String,
    },
    #[error(transparent)]
    Level(#[from] LevelError),
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
    #[error("--grid {nx}x{ny} with --points {points} is {total} outline points; at most {MAX_TOTAL_POINTS} (use fewer balls or points)", total = nx * ny * points)]
    TooManyPoints { nx: usize, ny: usize, points: usize },
    #[error(
        "--width {0}x--height {1} is out of range; each side must be {MIN_SIDE} to {MAX_SIDE} pixels"
    )]
    Size(u32, u32),
    #[error("cannot tell the format of '{0}'; end the output name in .svg, .png or .json")]
    Extension(PathBuf),
    #[error("the directory '{0}' does not exist; create it or write the figure elsewhere")]
    NoDirectory(PathBuf),
}

impl PlotSpec {
    /// Resolves names and checks every number of a request.
    pub fn new(args: &PlotArgs) -> Result<Self, SpecError> {
        let family: &'static dyn Family = match args.family.as_str() {
            "gaussian" => &Gaussian,
            other => return Err(unknown("family", other, &family_names())),
        };
        let chart = gaussian_chart(&args.chart)
            .ok_or_else(|| unknown("chart", &args.chart, &chart_names()))?;
        let kinds = args
            .ball
            .iter()
            .map(|name| {
                BallKind::from_name(name).ok_or_else(|| unknown("ball", name, &ball_names()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let level = match (args.kl, args.radius) {
            (_, Some(r)) => Level::from_radius(r)?,
            (kl, None) => Level::from_kl(kl.unwrap_or(0.01))?,
        };
        let defaults = chart.default_limits();
        let limits = Limits {
            x: args.xlim.unwrap_or(defaults.x),
            y: args.ylim.unwrap_or(defaults.y),
        };
        check_domain(chart, &limits)?;
        let (nx, ny) = args.grid.unwrap_or(chart.default_grid());
        if nx.saturating_mul(ny) > MAX_BALLS {
            return Err(SpecError::TooManyBalls { nx, ny });
        }
        if !(MIN_POINTS..=MAX_POINTS).contains(&args.points) {
            return Err(SpecError::Points(args.points));
        }
        if nx * ny * args.points * kinds.len() > MAX_TOTAL_POINTS {
            return Err(SpecError::TooManyPoints {
                nx,
                ny,
                points: args.points * kinds.len(),
            });
        }
        let side = MIN_SIDE..=MAX_SIDE;
        if !side.contains(&args.width) || !side.contains(&args.height) {
            return Err(SpecError::Size(args.width, args.height));
        }
        let format = Format::from_path(&args.output)
            .ok_or_else(|| SpecError::Extension(args.output.clone()))?;
        check_directory(&args.output)?;
        Ok(Self {
            family,
            chart,
            kinds,
            level,
            limits,
            grid: (nx, ny),
            points: args.points,
            size: (args.width, args.height),
            format,
            output: args.output.clone(),
        })
    }
}

fn unknown(what: &'static str, name: &str, choices: &[&str]) -> SpecError {
    SpecError::Unknown {
        what,
        name: name.to_string(),
        choices: choices.join(", "),
    }
}

/// Every chart's domain is convex, so a rectangle lies in it when its four corners do.
/// The error names the axis whose limits to move: the one the chart's constraint is on
/// (checked by moving the other axis to a known-good value).
fn check_domain(chart: &'static dyn Chart, limits: &Limits) -> Result<(), SpecError> {
    if limits.corners().iter().all(|&c| chart.contains(c)) {
        return Ok(());
    }
    let defaults = chart.default_limits();
    let x_fine = Limits {
        x: limits.x,
        y: defaults.y,
    }
    .corners()
    .iter()
    .all(|&c| chart.contains(c));
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
