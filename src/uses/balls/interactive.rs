//! The interactive page of balls: a figure's balls at several KL levels, and what the page's
//! script shows of them (each ball's centre in every chart, the densities of its centre and
//! of points of its outline), for `-o page.html`. The script only chooses among these; every
//! number it shows is computed here.

use anyhow::{Result, bail};
use serde::Serialize;

use super::Balls;
use crate::export::ticks::{self, Labels, Tick};
use crate::geometry::{Family, Interval, Level, Point, Support, Typed};
use crate::request::INTERACTIVE_LEVELS as LEVELS;
use crate::scene::{Interactive, Scene, Shapes};
use crate::style::outline;
use crate::uses::panels::Panel;
use crate::uses::panels::scene::chart_title;

/// The levels a page offers: L · 10^((k − 4)/4) for k = 0 … 8, from L/10 to 10 L, four to a
/// decade, with the figure's own L in the middle.
const MIDDLE: usize = LEVELS / 2;
/// Points of the density plot's x axis (midpoints of as many cells of its window).
const DENSITY_SAMPLES: usize = 120;
/// Outline points of each ball whose densities are drawn faintly beside its centre's.
const OUTLINE_SAMPLES: usize = 3;
/// Significant digits kept of each density value (the plot is 300 pixels high).
const DENSITY_DIGITS: usize = 4;
/// The density plot in its SVG's units (a 400 × 260 view box): left, right, top and bottom
/// of its axes. The script draws there; the ticks are chosen for those lengths here.
const INSET: [f64; 4] = [58.0, 372.0, 28.0, 224.0];
/// The size of the plot's tick labels, in the same units.
const INSET_TEXT: f64 = 12.0;
/// Room above the tallest curve of a ball's plot, as a fraction of it.
const HEADROOM: f64 = 0.05;

/// The KL levels of a page around `kl`; the middle one is `kl` itself.
pub fn levels(kl: f64) -> [f64; LEVELS] {
    std::array::from_fn(|k| kl * 10f64.powf((k as f64 - MIDDLE as f64) / 4.0))
}

#[derive(Serialize)]
pub struct PageData {
    pub title: String,
    /// The page's ground and text: the figure's theme (`#rrggbb`), so a dark figure sits on
    /// a dark page.
    pub paper: String,
    pub ink: String,
    /// Columns and rows of centres: the arrow keys move along them.
    pub grid: [usize; 2],
    pub current: usize,
    /// The ball shown first: the middle one (issue 18: the page opened on an empty plot).
    pub first_ball: usize,
    pub levels: Vec<LevelData>,
    pub charts: Vec<ChartData>,
    pub balls: Vec<BallData>,
    /// Named "law" in the page's script.
    #[serde(rename = "law")]
    pub densities: Densities,
}

#[derive(Serialize)]
pub struct LevelData {
    pub kl: f64,
    pub radius: f64,
    /// The figure's caption at this level (empty with --no-caption).
    pub caption: String,
}

#[derive(Serialize)]
pub struct ChartData {
    pub name: String,
    pub labels: [String; 2],
}

#[derive(Serialize)]
pub struct BallData {
    /// The centre in every panel's chart.
    pub centre: Vec<[f64; 2]>,
    /// Its outline colour, `#rrggbb`.
    pub colour: String,
}

/// The densities the page plots: at the centre of every ball, and at `OUTLINE_SAMPLES`
/// points of its outline at every level (`outline[level][ball][point]`), each at every `x`.
#[derive(Serialize)]
pub struct Densities {
    /// "line": a density over `x`; "outcomes": the probabilities of outcomes 0, 1, …
    pub support: &'static str,
    pub x: Vec<f64>,
    pub centre: Vec<Vec<f64>>,
    pub outline: Vec<Vec<Vec<Vec<f64>>>>,
    /// Where the plot's axes are ([`INSET`]) and how large its labels.
    pub frame: [f64; 4],
    pub text: f64,
    /// The x axis' ends (outcome k sits at k, its cell from k − ½ to k + ½) and ticks.
    pub x_range: [f64; 2],
    pub x_ticks: Vec<Tick>,
    /// The y axis of each ball at each level (`y_axes[level][ball]`).
    pub y_axes: Vec<Vec<YAxis>>,
}

/// A y axis of the density plot: from 0 to `top`, with round ticks (issue 18: the plot was
/// labelled 0 and 0.3195).
#[derive(Serialize)]
pub struct YAxis {
    pub top: f64,
    pub ticks: Vec<Tick>,
}

/// The page of balls whose panels at their own level are `panels`. A level whose balls
/// cannot all be solved (a ball leaves the domain) is left out, with a note.
pub fn build(request: &Balls, panels: Vec<Panel>) -> Result<(Interactive, Vec<String>)> {
    let mut notes = Vec::new();
    let mut own = Some(panels);
    let mut solved: Vec<(Balls, Vec<Panel>)> = Vec::new();
    let mut current = 0;
    for (k, kl) in levels(request.level.kl()).into_iter().enumerate() {
        let mut at = request.clone();
        if k == MIDDLE {
            current = solved.len();
            solved.push((at, own.take().unwrap_or_default()));
            continue;
        }
        let computed = Level::from_kl(kl)
            .map_err(anyhow::Error::from)
            .and_then(|level| {
                at.level = level;
                Ok(at.solve_at(level)?)
            });
        match computed {
            Ok(p) => solved.push((at, p)),
            Err(e) => notes.push(format!("the page leaves out level L = {}: {e}", Typed(kl))),
        }
    }
    let scene = |at: &Balls, panels: &[Panel]| at.scene(&at.drawing(), panels, || at.caption());
    let mut scenes: Vec<Scene> = solved
        .iter()
        .map(|(at, panels)| scene(at, panels))
        .collect();
    let frames = frames(&scenes, current);
    let mut level_data = Vec::new();
    for ((at, _), s) in solved.iter().zip(&mut scenes) {
        for (p, &(x, y, log)) in s.panels.iter_mut().zip(&frames) {
            (p.x_range, p.y_range, p.log_y) = (x, y, log);
            p.shapes = std::mem::take(&mut p.shapes)
                .into_iter()
                .flat_map(split)
                .collect();
        }
        level_data.push(LevelData {
            kl: at.level.kl(),
            radius: at.level.radius(),
            caption: s.caption.take().unwrap_or_default(),
        });
    }
    // The figure's own level: its title and theme are the page's.
    let (title, theme) = (scenes[current].title.clone(), scenes[current].theme);
    let data = PageData {
        title: title.clone(),
        paper: hex(theme.paper),
        ink: hex(theme.ink),
        grid: [request.grid.0, request.grid.1],
        current,
        levels: level_data,
        charts: request
            .panels
            .iter()
            .map(|c| ChartData {
                name: chart_title(c),
                labels: c.chart().axis_labels().map(str::to_string),
            })
            .collect(),
        first_ball: middle(request.grid),
        balls: balls(&solved[current].1, &scenes[current]),
        densities: densities_of(request, &solved, current)?,
    };
    Ok((
        Interactive {
            scenes,
            current,
            title,
            data: serde_json::to_string(&data)?,
        },
        notes,
    ))
}

/// Each panel's axes on the page: those of the figure's own level (`scenes[current]`, its
/// scale too), widened to hold every level's view, so that no level's balls run out of the
/// panel (issue 18: a ball highlighted at the top level was clipped); and whether y is
/// logarithmic, as on the figure's own level.
fn frames(scenes: &[Scene], current: usize) -> Vec<(Interval, Interval, bool)> {
    let hull = |a: Interval, b: Interval| Interval::new(a.lo.min(b.lo), a.hi.max(b.hi));
    scenes[current]
        .panels
        .iter()
        .enumerate()
        .map(|(i, own)| {
            scenes
                .iter()
                .filter_map(|s| s.panels.get(i))
                // A log axis cannot take a view that reaches 0 or below.
                .filter(|p| !own.log_y || p.y_range.lo > 0.0)
                .fold((own.x_range, own.y_range, own.log_y), |(x, y, log), p| {
                    (hull(x, p.x_range), hull(y, p.y_range), log)
                })
        })
        .collect()
}

/// The ball in the middle of a grid of `nx` × `ny`, row by row from the bottom left.
fn middle((nx, ny): (usize, usize)) -> usize {
    (ny / 2) * nx + nx / 2
}

/// One [`Shapes`] a ball, so that each ball can be grouped; the legend entry stays on the
/// first.
fn split(shapes: Shapes) -> Vec<Shapes> {
    let n = shapes.outlines.len();
    if n <= 1 {
        return vec![shapes];
    }
    let Shapes {
        label,
        colour,
        fill_alpha,
        dash,
        outlines,
        centres,
        first,
    } = shapes;
    outlines
        .into_iter()
        .zip(centres)
        .enumerate()
        .map(|(k, (outline, centre))| Shapes {
            label: if k == 0 { label.clone() } else { String::new() },
            colour,
            fill_alpha,
            dash,
            outlines: vec![outline],
            centres: vec![centre],
            first: first + k,
        })
        .collect()
}

/// Every ball's centre in each panel, and its colour in the first panel.
fn balls(panels: &[Panel], first: &Scene) -> Vec<BallData> {
    let count = panels[0].layers[0].balls.len();
    let ground = first.ground();
    (0..count)
        .map(|i| BallData {
            centre: panels
                .iter()
                .map(|p| {
                    let c = p.layers[0].balls[i].centre;
                    [c.x, c.y]
                })
                .collect(),
            colour: first.panels[0]
                .shapes
                .iter()
                .find(|s| s.first == i)
                .map(|s| hex(outline(s.colour, Some(ground))))
                .unwrap_or_default(),
        })
        .collect()
}

/// The densities of every centre, and of `OUTLINE_SAMPLES` points of every outline (of the
/// first kind) at every level, over one window that holds every centre's.
fn densities_of(
    request: &Balls,
    solved: &[(Balls, Vec<Panel>)],
    current: usize,
) -> Result<Densities> {
    let family = &*request.family;
    let chart = request.panels[0].chart();
    let theta = |p: &Point| chart.theta(*p);
    let centres: Vec<Point> = solved[current].1[0].layers[0]
        .balls
        .iter()
        .map(|b| theta(&b.centre))
        .collect();
    let (support, x, x_range): (&str, Vec<f64>, Interval) = match family.support(centres[0]) {
        Support::Outcomes(n) => (
            "outcomes",
            (0..n).map(|k| k as f64).collect(),
            Interval::new(-0.5, n as f64 - 0.5),
        ),
        Support::Line(_) => {
            let w = centres
                .iter()
                .filter_map(|c| match family.support(*c) {
                    Support::Line(w) => Some(w),
                    Support::Outcomes(_) => None,
                })
                .reduce(|a, b| Interval::new(a.lo.min(b.lo), a.hi.max(b.hi)))
                .unwrap_or(Interval::new(0.0, 1.0));
            let step = w.width() / DENSITY_SAMPLES as f64;
            let x = (0..DENSITY_SAMPLES)
                .map(|j| w.lo + (j as f64 + 0.5) * step)
                .collect();
            ("line", x, w)
        }
    };
    let curve = |t: Point| densities(family, t, &x);
    let centre: Vec<Vec<f64>> = centres.iter().map(|&t| curve(t)).collect::<Result<_>>()?;
    let outline: Vec<Vec<Vec<Vec<f64>>>> = solved
        .iter()
        .map(|(_, panels)| {
            panels[0].layers[0]
                .balls
                .iter()
                .map(|b| {
                    let n = b.points.len();
                    (0..OUTLINE_SAMPLES)
                        .map(|j| curve(theta(&b.points[j * n / OUTLINE_SAMPLES])))
                        .collect::<Result<Vec<_>>>()
                })
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<_>>()?;
    let [left, right, upper, lower] = INSET;
    let x_ticks = match support {
        // Outcomes are numbered from 1, as p₁, p₂, p₃ are.
        "outcomes" => (0..x.len())
            .map(|k| Tick {
                value: k as f64,
                label: (k + 1).to_string(),
            })
            .collect(),
        _ => inset_ticks(x_range, right - left, Labels::Across),
    };
    let y_axes = outline
        .iter()
        .map(|at_level| {
            at_level
                .iter()
                .zip(&centre)
                .map(|(outlines, own)| {
                    let tallest = own.iter().chain(outlines.iter().flatten());
                    let peak = tallest.fold(0.0, |m: f64, &v| m.max(v));
                    let top = match peak > 0.0 {
                        true => peak * (1.0 + HEADROOM),
                        false => 1.0,
                    };
                    YAxis {
                        top,
                        ticks: inset_ticks(Interval::new(0.0, top), lower - upper, Labels::Stacked),
                    }
                })
                .collect()
        })
        .collect();
    Ok(Densities {
        support,
        x,
        centre,
        outline,
        frame: INSET,
        text: INSET_TEXT,
        x_range: [x_range.lo, x_range.hi],
        x_ticks,
        y_axes,
    })
}

/// Round ticks for an axis of the density plot over `r`, `length` long: the figures' own
/// choice ([`ticks::choose`]), with labels measured at about 0.6 em a character (the page's
/// sans-serif is narrower, so they never touch). None fit: the ends alone.
fn inset_ticks(r: Interval, length: f64, labels: Labels) -> Vec<Tick> {
    let width = |s: &str| s.chars().count() as f64 * 0.6 * INSET_TEXT;
    ticks::choose(r, false, length, labels, INSET_TEXT, &width).unwrap_or_default()
}

/// p_θ at every x, to [`DENSITY_DIGITS`] significant digits; a density that is not a
/// finite number is an error (the page's data must hold only numbers).
fn densities(family: &dyn Family, theta: Point, x: &[f64]) -> Result<Vec<f64>> {
    x.iter()
        .map(|&x| {
            let d = family.density(theta, x);
            if !d.is_finite() {
                bail!(
                    "the density of {} at ({}, {}) is not a finite number at x = {}; draw the page over other centres",
                    family.name(),
                    Typed(theta.x),
                    Typed(theta.y),
                    Typed(x)
                );
            }
            Ok(format!("{d:.*e}", DENSITY_DIGITS - 1).parse().unwrap_or(d))
        })
        .collect()
}

/// `#rrggbb`.
fn hex([r, g, b]: crate::style::Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::PanelScene;
    use crate::style::{Canvas, Theme};

    /// A one-panel scene whose y view is `y`, logarithmic or not.
    fn level(y: (f64, f64), log_y: bool) -> Scene {
        let panel = PanelScene {
            title: None,
            x_label: "x".to_string(),
            y_label: "y".to_string(),
            x_range: Interval::new(0.0, 1.0),
            y_range: Interval::new(y.0, y.1),
            equal_aspect: false,
            log_y,
            shapes: Vec::new(),
            paths: Vec::new(),
            shading: None,
            markers: Vec::new(),
        };
        Scene {
            canvas: Canvas {
                width: 1200,
                height: 900,
                inches: (12.5, 9.375),
                printed: false,
                png_scale: 1.0,
                font_px: None,
            },
            background: None,
            theme: Theme::LIGHT,
            title: String::new(),
            caption: None,
            line_width: 1.0,
            panels: vec![panel],
            columns: None,
        }
    }

    /// Every level of the page takes the figure's own log-y choice, even where its own
    /// scene chose otherwise (24d5ca5 dropped it: a linear level in a log frame), and the
    /// frame holds every level's view, except a view reaching 0 on a log axis.
    #[test]
    fn every_level_keeps_the_figures_own_log_axis_and_the_frame_holds_every_view() {
        let scenes = [
            level((0.5, 3.0), false),
            level((0.2, 8.0), true),
            level((0.3, 9.0), false),
            level((-0.1, 20.0), false),
        ];
        let frames = frames(&scenes, 1);
        let (x, y, log) = frames[0];
        assert!(log, "the figure's own level is on a log axis");
        assert_eq!((x.lo, x.hi), (0.0, 1.0));
        // The first level widens nothing (0.5 to 3 is inside), the third widens the top to
        // 9, the fourth reaches below 0, which a log axis cannot show, and is left out.
        assert_eq!((y.lo, y.hi), (0.2, 9.0));
        let linear = frames_of(&[level((0.5, 3.0), false), level((1.0, 20.0), false)], 0);
        assert_eq!(linear, (Interval::new(0.5, 20.0), false));
    }

    fn frames_of(scenes: &[Scene], current: usize) -> (Interval, bool) {
        let (_, y, log) = frames(scenes, current)[0];
        (y, log)
    }
}
