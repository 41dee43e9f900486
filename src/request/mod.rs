//! Figure requests validated into specs ([`FigureSpec`], [`MleSpec`], [`NatgradSpec`])
//! that the rest of the pipeline can trust: every name resolved, every number checked.

mod error;

pub use error::RequestError;

use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::cli::args::{
    CommonArgs, CompareArgs, FamilyArgs, GeodesicArgs, LookArgs, MleArgs, MmlArgs, NatgradArgs,
    PlotArgs,
};
use crate::geometry::chart::Whitened;
use crate::geometry::families;
use crate::geometry::{BallKind, Chart, Family, Interval, Level, Limits, Model, Point, Typed};
use crate::style::{Canvas, Palette, Style, Theme};

/// The largest grid: 40 000 centres (200×200).
pub const MAX_BALLS: usize = 40_000;
/// Points on each outline: at least 16 (fewer looks like a polygon), at most 4096.
pub const MIN_POINTS: usize = 16;
pub const MAX_POINTS: usize = 4096;
/// All outlines together, over every kind and panel: at most 40 000 balls × 256 points.
pub const MAX_TOTAL_POINTS: usize = 10_240_000;
/// Figure sides in figure pixels (96 an inch), and PNG sides after `--dpi` and `--scale`.
pub const MIN_SIDE: u32 = 150;
pub const MAX_SIDE: u32 = 6000;
/// PNG pixels an inch for printed sizes, and tick labels in points.
pub const MIN_DPI: f64 = 10.0;
pub const MAX_DPI: f64 = 2400.0;
pub const MIN_FONT_PT: f64 = 4.0;
pub const MAX_FONT_PT: f64 = 72.0;
/// `plot --show jeffreys` weighs the prior mass of at most 2 500 balls (50×50): each mass
/// is some 6 000 evaluations of √det F.
pub const MAX_JEFFREYS_BALLS: usize = 2_500;
/// `compare` draws 2 to 6 panels.
pub const MAX_PANELS: usize = 6;
/// `geodesic` draws at most 20 paths, with 2 to 50 balls along each.
pub const MAX_GEODESICS: usize = 20;
pub const MAX_ALONG: usize = 50;

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
    pub fn new(args: &NatgradArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let charts = charts_of(&*family, &args.charts, MAX_PANELS, RequestError::DescentPanels)?;
        let first = charts[0];
        if let Some(p) = std::iter::once(&args.target)
            .chain(&args.from)
            .find(|p| !Model::new(&*family, first).contains(**p))
        {
            let (chart, domain) = (first.name(), first.domain());
            return Err(RequestError::PointOutside {
                x: p.x,
                y: p.y,
                chart,
                domain,
            });
        }
        if args.from.len() > 10 {
            return Err(RequestError::Starts(args.from.len()));
        }
        if !(args.step.is_finite() && args.step > 0.0) {
            return Err(RequestError::Step(args.step));
        }
        if !(1..=10_000).contains(&args.steps) {
            return Err(RequestError::Steps(args.steps));
        }
        let look = Look::new(&args.look, 0, None, Err("natgrad"))?;
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
    pub fn new(args: &MleArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let charts = charts_of(&*family, &args.charts, 3, RequestError::MlePanels)?;
        if !Model::new(&*family, charts[0]).contains(args.at) {
            let (chart, domain) = (charts[0].name(), charts[0].domain());
            return Err(RequestError::TruthOutside {
                x: args.at.x,
                y: args.at.y,
                chart,
                domain,
            });
        }
        if !(2..=MAX_N).contains(&args.n) {
            return Err(RequestError::SampleSize(args.n));
        }
        if !(2..=MAX_TRIALS).contains(&args.trials) || args.n * args.trials > MAX_DRAWS {
            return Err(RequestError::Trials(args.trials, args.n));
        }
        let look = Look::new(&args.look, 4 * charts.len(), None, Err("mle"))?;
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

/// What a figure file holds, from the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Pdf,
    /// A pgfplots LaTeX file.
    Tex,
    Json,
    /// An interactive page: the SVG with its balls at several levels, and a script.
    Html,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            "tex" => Some(Format::Tex),
            "json" => Some(Format::Json),
            "html" | "htm" => Some(Format::Html),
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

/// How the y axes are scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YScale {
    Linear,
    /// Logarithmic wherever the y values are all positive.
    Log,
    /// Linear, but logarithmic for a later panel of `compare` whose y values span more
    /// than a factor of 10.
    Auto,
}

/// The figures of balls, each with what only it needs.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureKind {
    /// `plot`: balls on a grid of centres in one chart.
    Balls,
    /// `plot --show jeffreys`: the balls over the Jeffreys prior √det F, each weighed.
    Jeffreys,
    /// `compare`: the balls solved in the first chart, carried into the others.
    Compare,
    /// `geodesic`: the (from, to) pairs, in the first chart; the balls lie along them.
    Geodesic(Vec<(Point, Point)>),
    /// `mml`: the region `limits` of the first chart covered by a lattice of balls.
    Covering,
}

impl FigureKind {
    /// Whether the figure's panels are several charts of one set of balls (its JSON then
    /// lists panels), rather than one chart.
    pub fn lists_panels(&self) -> bool {
        !matches!(self, FigureKind::Balls | FigureKind::Jeffreys)
    }
}

/// A request the pipeline can draw: every name resolved, every number checked.
#[derive(Clone)]
pub struct FigureSpec {
    pub family: Arc<dyn Family>,
    /// One panel for `plot`, 2 to 6 for `compare`; the centres are a grid in the first.
    pub panels: Vec<ChartChoice>,
    /// What the figure shows of the balls: the one switch every step matches on.
    pub kind: FigureKind,
    pub kinds: Vec<BallKind>,
    pub level: Level,
    /// Where the centres lie, in the first panel's chart.
    pub limits: Limits,
    pub grid: (usize, usize),
    /// Whether the grid was asked for (else it may shrink so that the balls stay apart).
    pub grid_given: bool,
    /// The drawn x and y ranges of the first panel; None: what shows every ball whole.
    pub axes: [Option<Interval>; 2],
    pub y_scale: YScale,
    pub points: usize,
    pub style: Style,
    pub format: Format,
    pub output: PathBuf,
}

/// The family `--family` names (clap admits only the registry's names), with `--nu`.
fn family(args: &FamilyArgs) -> Result<Arc<dyn Family>, RequestError> {
    Ok(families::family(&args.family, args.nu)?)
}

/// The chart of `family` called `name`, or an error that lists the family's charts.
fn chart_of(family: &dyn Family, name: &str) -> Result<&'static dyn Chart, RequestError> {
    family.chart(name).ok_or_else(|| RequestError::UnknownChart {
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

/// 1 to `max` charts of `family`, by name; `count` is the command's error for another number.
fn charts_of(
    family: &dyn Family,
    names: &[String],
    max: usize,
    count: fn(usize) -> RequestError,
) -> Result<Vec<&'static dyn Chart>, RequestError> {
    if !(1..=max).contains(&names.len()) {
        return Err(count(names.len()));
    }
    names.iter().map(|n| chart_of(family, n)).collect()
}

/// 1 to [`MAX_PANELS`] panels of the family's charts, for geodesic and mml.
fn panels_of(
    family: &dyn Family,
    names: &[String],
    count: fn(usize) -> RequestError,
) -> Result<Vec<ChartChoice>, RequestError> {
    let charts = charts_of(family, names, MAX_PANELS, count)?;
    Ok(charts.into_iter().map(ChartChoice::Named).collect())
}

impl FigureSpec {
    /// The figure `fisherballs plot` draws.
    pub fn plot(args: &PlotArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let first = family.charts()[0].name();
        let from = || chart_of(&*family, args.from.as_deref().unwrap_or(first));
        let panel = match (args.chart.as_deref().unwrap_or(first), args.at) {
            ("whitened", Some(at)) => ChartChoice::Whitened(Whitened::new(&*family, from()?, at)?),
            ("whitened", None) => return Err(RequestError::WhitenedWithoutAt),
            (_, Some(_)) => return Err(RequestError::AtWithoutWhitened),
            (name, None) => ChartChoice::Named(chart_of(&*family, name)?),
        };
        let kind = match args.show.as_str() {
            "jeffreys" => FigureKind::Jeffreys,
            _ => FigureKind::Balls,
        };
        Self::new(
            family,
            vec![panel],
            kind,
            (args.xlim, args.ylim),
            args.labels.clone(),
            &args.common,
        )
    }

    /// The figure `fisherballs compare` draws.
    pub fn compare(args: &CompareArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        if !(2..=MAX_PANELS).contains(&args.charts.len()) {
            return Err(RequestError::PanelCount(args.charts.len()));
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
                    // The same distribution in each later chart; a failure there is told
                    // as the point the user typed.
                    let white = Whitened::new(&*family, *c, c.phi(theta)).map_err(|_| {
                        RequestError::AtElsewhere {
                            x: at.x,
                            y: at.y,
                            chart: c.name(),
                        }
                    })?;
                    panels.push(ChartChoice::Whitened(white));
                }
                panels
            }
        };
        Self::new(
            family,
            panels,
            FigureKind::Compare,
            (args.xlim, args.ylim),
            None,
            &args.common,
        )
    }

    fn new(
        family: Arc<dyn Family>,
        panels: Vec<ChartChoice>,
        kind: FigureKind,
        (xlim, ylim): (Option<Interval>, Option<Interval>),
        labels: Option<[String; 2]>,
        args: &CommonArgs,
    ) -> Result<Self, RequestError> {
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
        check_domain(&*family, chart, &limits)?;
        let level = args.level.level(&*family)?;
        let (nx, ny) = args.grid.unwrap_or(chart.default_grid());
        if nx.saturating_mul(ny) > MAX_BALLS {
            return Err(RequestError::TooManyBalls { nx, ny });
        }
        if kind == FigureKind::Jeffreys && nx * ny * kinds.len() > MAX_JEFFREYS_BALLS {
            return Err(RequestError::TooManyWeighed(nx * ny * kinds.len()));
        }
        // Each outline point weighs what it costs to solve (exponential map, quadrature).
        let cost: usize = kinds.iter().map(|&k| family.point_cost(k)).sum();
        let page = match kind {
            FigureKind::Balls | FigureKind::Compare => Ok(()),
            _ => Err("plot --show jeffreys"),
        };
        let look = Look::new(&args.look, nx * ny * panels.len() * cost, labels, page)?;
        Ok(Self {
            family,
            panels,
            kind,
            kinds,
            level,
            limits,
            grid: (nx, ny),
            grid_given: args.grid.is_some(),
            axes: [args.xrange, args.yrange],
            y_scale: match args.y_scale.as_str() {
                "log" => YScale::Log,
                "linear" => YScale::Linear,
                _ => YScale::Auto,
            },
            points: args.look.points,
            style: look.style,
            format: look.format,
            output: args.look.output.clone(),
        })
    }

    /// The figure `fisherballs geodesic` draws: paths from each --from to its --to, with
    /// `along` Fisher–Rao balls on each; a row of the grid for each path.
    pub fn geodesic(args: &GeodesicArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let panels = panels_of(&*family, &args.charts, RequestError::GeodesicPanels)?;
        let level = args.level.level(&*family)?;
        let chart = panels[0].chart();
        if args.from.len() != args.to.len() || args.from.len() > MAX_GEODESICS {
            return Err(RequestError::Pairs(args.from.len(), args.to.len()));
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
            .find(|p| !Model::new(&*family, chart).contains(**p))
        {
            return Err(RequestError::EndOutside {
                x: p.x,
                y: p.y,
                chart: chart.name(),
                domain: chart.domain(),
            });
        }
        if !(2..=MAX_ALONG).contains(&args.along) {
            return Err(RequestError::Along(args.along));
        }
        let look = Look::new(
            &args.look,
            args.along * pairs.len() * panels.len(),
            None,
            Err("geodesic"),
        )?;
        let defaults = chart.default_limits();
        Ok(Self {
            family,
            grid: (args.along, pairs.len()),
            grid_given: true,
            axes: [None, None],
            y_scale: YScale::Linear,
            kind: FigureKind::Geodesic(pairs),
            panels,
            kinds: vec![BallKind::FisherRao],
            level,
            limits: defaults,
            points: args.look.points,
            style: look.style,
            format: look.format,
            output: args.look.output.clone(),
        })
    }

    /// The figure `fisherballs mml` draws: the region (limits of the first chart) covered
    /// by Fisher–Rao balls (`geometry::mml`), in each chart.
    pub fn mml(args: &MmlArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let panels = panels_of(&*family, &args.charts, RequestError::MmlPanels)?;
        let level = args.level.level(&*family)?;
        let chart = panels[0].chart();
        let defaults = chart.default_limits();
        let limits = Limits {
            x: args.xlim.unwrap_or(defaults.x),
            y: args.ylim.unwrap_or(defaults.y),
        };
        check_domain(&*family, chart, &limits)?;
        let look = Look::new(&args.look, panels.len(), None, Err("mml"))?;
        Ok(Self {
            family,
            panels,
            kind: FigureKind::Covering,
            kinds: vec![BallKind::FisherRao],
            level,
            limits,
            grid: (1, 1),
            grid_given: true,
            axes: [None, None],
            y_scale: YScale::Linear,
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
    /// Checks the options for a figure of `balls` outlines in all; `page` says whether the
    /// figure can be a page (which solves its balls at every one of its levels), or which
    /// command it is if it cannot.
    fn new(
        args: &LookArgs,
        balls: usize,
        labels: Option<[String; 2]>,
        page: Result<(), &'static str>,
    ) -> Result<Self, RequestError> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&args.points) {
            return Err(RequestError::Points(args.points));
        }
        let format = Format::from_path(&args.output)
            .ok_or_else(|| RequestError::Extension(args.output.clone()))?;
        let levels = match (format, page) {
            (Format::Html, Err(command)) => return Err(RequestError::NoPage(command)),
            (Format::Html, Ok(())) => crate::page::LEVELS,
            _ => 1,
        };
        let total = balls * args.points * levels;
        if total > MAX_TOTAL_POINTS {
            return Err(match levels {
                1 => RequestError::TooManyPoints(total),
                _ => RequestError::TooManyPagePoints(total),
            });
        }
        let style = style(args, labels)?;
        Ok(Self { style, format })
    }
}

fn style(args: &LookArgs, labels: Option<[String; 2]>) -> Result<Style, RequestError> {
    let canvas = canvas(args)?;
    if !(0.1..=20.0).contains(&args.line_width) {
        return Err(RequestError::LineWidth(args.line_width));
    }
    let theme = Theme::from_name(&args.theme).expect("clap admits only Theme::NAMES");
    Ok(Style {
        canvas,
        title: args.title.clone(),
        caption: !args.no_caption,
        palette: Palette::from_name(&args.palette).expect("clap admits only Palette::NAMES"),
        background: match args.background {
            Some(ground) => ground.0,
            None => Some(theme.paper),
        },
        theme,
        line_width: args.line_width,
        labels,
    })
}

/// The figure's size from --width, --height, --dpi, --scale and --font-size, each checked:
/// a layout of MIN_SIDE to MAX_SIDE figure pixels, a PNG of at most MAX_SIDE pixels a side.
fn canvas(args: &LookArgs) -> Result<Canvas, RequestError> {
    let (w, h) = (args.width, args.height);
    let side = f64::from(MIN_SIDE)..=f64::from(MAX_SIDE);
    if !side.contains(&w.px()) || !side.contains(&h.px()) {
        return Err(RequestError::Size(w.to_string(), h.to_string()));
    }
    if !(MIN_DPI..=MAX_DPI).contains(&args.dpi) {
        return Err(RequestError::Dpi(args.dpi));
    }
    if !(0.25..=4.0).contains(&args.scale) {
        return Err(RequestError::Scale(args.scale));
    }
    if let Some(pt) = args.font_size
        && !(MIN_FONT_PT..=MAX_FONT_PT).contains(&pt)
    {
        return Err(RequestError::FontSize(pt));
    }
    let printed = w.inches().is_some() || h.inches().is_some();
    let per_px = if printed { args.dpi / 96.0 } else { 1.0 };
    let png = |l: crate::cli::args::Length| (l.px() * per_px * args.scale).round();
    let (pw, ph) = (png(w), png(h));
    if pw.max(ph) > f64::from(MAX_SIDE) || pw.min(ph) < 1.0 {
        // What to lower, and how far (two decimals): --dpi for a printed size, else --scale.
        let longest = w.px().max(h.px()) * per_px * args.scale;
        let most = |now: f64| (now * f64::from(MAX_SIDE) / longest * 100.0).floor() / 100.0;
        let fix = match printed {
            true => format!("--dpi {} or less", Typed(most(args.dpi))),
            false => format!("--scale {} or less", Typed(most(args.scale))),
        };
        return Err(RequestError::PngSize {
            asked: format!(
                "{w} by {h} at --dpi {} and --scale {}",
                Typed(args.dpi),
                Typed(args.scale)
            ),
            width: pw as u64,
            height: ph as u64,
            fix,
        });
    }
    Ok(Canvas {
        width: w.px().round() as u32,
        height: h.px().round() as u32,
        inches: (w.px() / 96.0, h.px() / 96.0),
        printed,
        png_scale: per_px * args.scale,
        font_px: args.font_size.map(|pt| pt * 96.0 / 72.0),
    })
}

/// Every chart's domain is convex, so a rectangle lies in it when its four corners do.
/// The error names the axis whose limits to move: the one the chart's constraint is on
/// (found by trying the other axis's limits with the default ones).
fn check_domain(family: &dyn Family, chart: &dyn Chart, limits: &Limits) -> Result<(), RequestError> {
    let model = Model::new(family, chart);
    let inside = |l: Limits| l.corners().iter().all(|&c| model.contains(c));
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
    Err(RequestError::OutOfDomain {
        axis,
        lo: range.lo,
        hi: range.hi,
        chart: chart.name(),
        domain: chart.domain(),
    })
}

/// Whether the directory of a single figure's output exists (a figure file's directories are
/// made by the writer instead, inside its output directory).
pub fn check_directory(output: &Path) -> Result<(), RequestError> {
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if dir.is_dir() {
        Ok(())
    } else {
        Err(RequestError::NoDirectory(dir.to_path_buf()))
    }
}
