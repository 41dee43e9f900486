//! What every request shares: the checks of the command line's values that each use's own
//! request is built from (family, charts, limits, the figure's style, size and output), the
//! limits they are held to, and the one error type that words every refusal in flags.

mod error;
pub mod limits;

pub use error::{RequestError, in_flags};
pub use limits::*;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cli::args::{FamilyArgs, Length, PresentationArgs};
use crate::export::Format;
use crate::geometry::chart::Whitened;
use crate::geometry::families;
use crate::geometry::{Chart, Family, Limits, Model, Point, Typed};
use crate::style::{Canvas, Palette, Style, Theme};

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

/// An I/O error in words, without the OS's error number.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::InvalidData => "it is not UTF-8 text".into(),
        _ => e.to_string(),
    }
}

/// The text of the family file at `path`, or the built-in example of that name
/// (`docs/families/*.toml` work in any directory).
fn family_file(path: &str) -> Result<String, RequestError> {
    let example = families::formula::EXAMPLES.iter().find(|e| e.0 == path);
    match (std::fs::read_to_string(path), example) {
        (Ok(text), _) => Ok(text),
        (Err(e), Some(example)) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(example.1.to_string())
        }
        (Err(e), _) => Err(RequestError::FamilyFile {
            path: path.to_string(),
            why: format!(
                "cannot be read ({}); give the path of a family file",
                io_reason(&e)
            ),
        }),
    }
}

/// The one-parameter family of the file at `path`, for `ruler`.
pub fn family_line(path: &str) -> Result<Arc<families::formula::line::FormulaLine>, RequestError> {
    let text = family_file(path)?;
    families::formula::line::FormulaLine::from_toml(&text).map_err(|e| RequestError::FamilyFile {
        path: path.to_string(),
        why: e.0,
    })
}

/// The family `--family` names, with `--nu` if it takes one.
/// A name ending in `.toml` is a family file, read here and checked as a whole
/// ([`families::formula::FormulaFamily::from_toml`]).
pub fn family(args: &FamilyArgs) -> Result<Arc<dyn Family>, RequestError> {
    if args.family.ends_with(".toml") {
        let path = &args.family;
        if args.nu.is_some() {
            return Err(RequestError::FamilyFile {
                path: path.clone(),
                why: "--nu is only for --family student-t; a family file fixes every parameter beyond its two in its formula".into(),
            });
        }
        let text = family_file(path)?;
        let family = families::formula::FormulaFamily::from_toml(&text).map_err(|e| {
            RequestError::FamilyFile {
                path: path.clone(),
                why: e.0,
            }
        })?;
        return Ok(family);
    }
    Ok(families::family(&args.family, args.nu)?)
}

/// The chart of `family` called `name`, or an error that lists the family's charts.
/// Spaces around the name are ignored ("mean-std, information" names two charts).
pub fn chart_of(family: &dyn Family, name: &str) -> Result<&'static dyn Chart, RequestError> {
    let name = name.trim();
    family
        .chart(name)
        .ok_or_else(|| RequestError::UnknownChart {
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

/// 1 to `max` charts of `family`, by name, or its first chart
/// when none is named; `count` is the command's error for more than `max`.
pub fn charts_of(
    family: &dyn Family,
    names: &[String],
    max: usize,
    count: fn(usize) -> RequestError,
) -> Result<Vec<&'static dyn Chart>, RequestError> {
    if names.is_empty() {
        return Ok(vec![family.charts()[0]]);
    }
    if names.len() > max {
        return Err(count(names.len()));
    }
    names.iter().map(|n| chart_of(family, n)).collect()
}

/// 1 to [`MAX_PANELS`] panels of the family's charts, for geodesic and mml.
pub fn panels_of(
    family: &dyn Family,
    names: &[String],
    count: fn(usize) -> RequestError,
) -> Result<Vec<ChartChoice>, RequestError> {
    let charts = charts_of(family, names, MAX_PANELS, count)?;
    Ok(charts.into_iter().map(ChartChoice::Named).collect())
}

/// What every figure's appearance and output options resolve to, checked: how it looks,
/// the format its output's name asks for, and that output.
#[derive(Clone)]
pub struct Presentation {
    pub style: Style,
    pub format: Format,
    pub output: PathBuf,
    /// Points on each outline.
    pub points: usize,
}

/// What a use can make besides the drawn formats and JSON, with its command's name for the
/// refusal of what it cannot.
#[derive(Debug, Clone, Copy)]
pub enum Extras {
    /// An interactive page, which solves the balls at each of its levels (plot, compare).
    Page(&'static str),
    /// An animation (`.apng`), a frame each level, its balls already counted (sweep).
    Animation(&'static str),
    Neither(&'static str),
}

impl Presentation {
    /// Checks the options for a figure of `balls` outlines in all; `extras` says whether
    /// the figure can be a page or an animation.
    pub fn new(
        args: &PresentationArgs,
        balls: usize,
        labels: Option<[String; 2]>,
        extras: Extras,
    ) -> Result<Self, RequestError> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&args.points) {
            return Err(RequestError::Points(args.points));
        }
        let format = Format::from_path(&args.output)
            .ok_or_else(|| RequestError::Extension(args.output.clone()))?;
        let levels = match (format, extras) {
            (Format::Html, Extras::Page(_)) => INTERACTIVE_LEVELS,
            (Format::Html, Extras::Animation(command) | Extras::Neither(command)) => {
                return Err(RequestError::NoPage(command));
            }
            (Format::Apng, Extras::Page(command) | Extras::Neither(command)) => {
                return Err(RequestError::NoAnimation(command));
            }
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
        Ok(Self {
            style,
            format,
            output: args.output.clone(),
            points: args.points,
        })
    }
}

fn style(args: &PresentationArgs, labels: Option<[String; 2]>) -> Result<Style, RequestError> {
    let canvas = canvas(args)?;
    if !(0.1..=20.0).contains(&args.line_width) {
        return Err(RequestError::LineWidth(args.line_width));
    }
    let theme = Theme::from_name(&args.theme).expect("clap admits only Theme::NAMES");
    Ok(Style {
        canvas,
        title: match args.no_title {
            true => Some(String::new()),
            false => args.title.clone(),
        },
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
fn canvas(args: &PresentationArgs) -> Result<Canvas, RequestError> {
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
    let png = |l: Length| (l.px() * per_px * args.scale).round();
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
pub fn check_domain(
    family: &dyn Family,
    chart: &dyn Chart,
    limits: &Limits,
) -> Result<(), RequestError> {
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
    // Inside the chart's domain, its distributions may still not be numbers (e^700 of a logit
    // chart rounds p₁ to 1): that is double precision's limit, not the domain's.
    if limits.corners().iter().all(|&c| chart.contains(c)) {
        return Err(RequestError::BeyondPrecision {
            axis,
            lo: range.lo,
            hi: range.hi,
            chart: chart.name(),
        });
    }
    Err(RequestError::OutOfDomain {
        axis,
        lo: range.lo,
        hi: range.hi,
        chart: chart.name(),
        domain: chart.domain(),
    })
}

/// The points a flag names (`--at`, `--from`, …) must be distributions of the family in the
/// chart: the first that is not is refused as outside the chart's domain (`outside`), or, if
/// it is inside the domain, as beyond double precision.
pub fn check_points<'a>(
    model: &Model,
    flag: &'static str,
    points: impl IntoIterator<Item = &'a Point>,
    outside: impl FnOnce(Point) -> RequestError,
) -> Result<(), RequestError> {
    match points.into_iter().find(|p| !model.contains(**p)) {
        None => Ok(()),
        Some(&p) if model.beyond_precision(p) => Err(RequestError::PointBeyondPrecision {
            flag,
            x: p.x,
            y: p.y,
            chart: model.chart.name(),
        }),
        Some(&p) => Err(outside(p)),
    }
}

/// Whether the directory of a single figure's output exists (a figure file's directories are
/// made by the writer instead, inside its output directory).
pub fn check_directory(output: &Path) -> Result<(), RequestError> {
    if let Some(why) = crate::output::unusable(output) {
        return Err(RequestError::Unusable(output.to_path_buf(), why));
    }
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
