//! `sweep`: where KL stops being quadratic. For chosen centres of one chart, the quadratic,
//! KL and reverse-KL balls at levels L from `--levels LOW,HIGH` (evenly in ln L), up to the
//! first level where a ball leaves the chart; beside them, on log–log axes, the largest
//! relative gap between each exact ball and the quadratic one, and between KL and reverse
//! KL, against L, with the fitted slope (½ where the gap shrinks like √L:
//! [`crate::geometry::sweep`]). `.apng` animates the levels, a frame each.

use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::Use;
use crate::cli::args::SweepArgs;
use crate::geometry::ball::{self, BallError};
use crate::geometry::sweep::{largest_gap, levels, slope, stretches};
use crate::geometry::{BallKind, Chart, Family, Interval, Level, Model, Point};
use crate::number::{Typed, significant};
use crate::request::{Extras, Presentation, RequestError, chart_of, check_points, family};
use crate::scene::{Curve, Figure, PanelScene, Scene, Shapes};

/// The most centres and levels a sweep takes.
pub const MAX_CENTRES: usize = 6;
pub const MAX_STEPS: usize = 41;

/// The kinds a sweep draws: the quadratic ball, and the two exact ones laid on its rays.
const KINDS: [BallKind; 3] = [BallKind::Quadratic, BallKind::Kl, BallKind::KlReverse];

/// The gaps, each of one ball against another.
const GAPS: [&str; 3] = [
    "kl to quadratic",
    "kl-reverse to quadratic",
    "kl to kl-reverse",
];

pub struct Sweep {
    family: Arc<dyn Family>,
    chart: &'static dyn Chart,
    centres: Vec<Point>,
    levels: Vec<Level>,
    presentation: Presentation,
}

fn refused(why: String) -> RequestError {
    RequestError::Sweep(why)
}

impl Sweep {
    pub fn new(args: &SweepArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let chart = match &args.chart {
            Some(name) => chart_of(&*family, name)?,
            None => family.charts()[0],
        };
        let range = args.levels;
        for end in [range.lo, range.hi] {
            Level::from_kl(end).map_err(RequestError::Level)?;
        }
        if !(2..=MAX_STEPS).contains(&args.steps) {
            return Err(refused(format!(
                "--steps {} is out of range; use 2 to {MAX_STEPS} levels",
                args.steps
            )));
        }
        let centres = match args.at.as_slice() {
            [] => {
                let view = chart.default_limits();
                let middle = |i: Interval| 0.5 * (i.lo + i.hi);
                vec![Point::new(middle(view.x), middle(view.y))]
            }
            many if many.len() > MAX_CENTRES => {
                return Err(refused(format!(
                    "{} --at points; a sweep takes 1 to {MAX_CENTRES} centres",
                    many.len()
                )));
            }
            some => some.to_vec(),
        };
        let model = Model::new(&*family, chart);
        check_points(&model, "--at", &centres, |p| {
            refused(format!(
                "--at {},{} is outside the {} chart ({}); choose a centre inside it",
                Typed(p.x),
                Typed(p.y),
                chart.name(),
                chart.domain()
            ))
        })?;
        let levels = levels(range.lo, range.hi, args.steps)
            .into_iter()
            .map(Level::from_kl)
            .collect::<Result<_, _>>()
            .map_err(RequestError::Level)?;
        let outlines = centres.len() * args.steps * KINDS.len();
        let presentation =
            Presentation::new(&args.look, outlines, None, Extras::Animation("sweep"))?;
        Ok(Sweep {
            family,
            chart,
            centres,
            levels,
            presentation,
        })
    }
}

impl Use for Sweep {
    fn presentation(&self) -> &Presentation {
        &self.presentation
    }
    fn shrink(&self) -> &'static str {
        "use fewer --at centres, fewer --steps or a lower --levels top"
    }
    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let model = Model::new(&*self.family, self.chart);
        let points = self.presentation.points;
        let mut solved: Vec<Step> = Vec::new();
        let mut stopped = None;
        for &level in &self.levels {
            // Every centre's three balls at this level; the first that cannot be drawn ends
            // the sweep (a ball that leaves the chart, or no longer closes).
            // Each centre's result kept in order, so that where several fail, the first
            // centre's error is told, whatever thread finished first.
            let each: Vec<Result<[Vec<Point>; 3], BallError>> = self
                .centres
                .par_iter()
                .map(|&c| {
                    let outline = |kind| ball::outline(&model, c, kind, level, points);
                    Ok([outline(KINDS[0])?, outline(KINDS[1])?, outline(KINDS[2])?])
                })
                .collect();
            let balls: Result<Vec<[Vec<Point>; 3]>, BallError> = each.into_iter().collect();
            match balls {
                Ok(balls) => solved.push(Step::new(level, &self.centres, balls)),
                Err(BallError::Stopped) => break,
                Err(e) if solved.is_empty() => return Err(e.into()),
                Err(e) => {
                    stopped = Some((level, e.to_string()));
                    break;
                }
            }
        }
        Ok(Box::new(Solved {
            request: self,
            steps: solved,
            stopped,
        }))
    }
}

/// The balls at one level, and their gaps.
struct Step {
    level: Level,
    /// Each centre's quadratic, KL and reverse-KL outlines.
    balls: Vec<[Vec<Point>; 3]>,
    /// Each centre's gaps, in the order of [`GAPS`].
    gaps: Vec<[f64; 3]>,
}

impl Step {
    fn new(level: Level, centres: &[Point], balls: Vec<[Vec<Point>; 3]>) -> Self {
        let gaps = centres
            .iter()
            .zip(&balls)
            .map(|(&c, [quadratic, kl, reverse])| {
                let on_rays = |exact| stretches(c, quadratic, exact);
                let (kl, reverse) = (on_rays(kl), on_rays(reverse));
                let ones = vec![1.0; kl.len()];
                [
                    largest_gap(&kl, &ones),
                    largest_gap(&reverse, &ones),
                    largest_gap(&kl, &reverse),
                ]
            })
            .collect();
        Step { level, balls, gaps }
    }

    /// The largest of the centres' gaps of each kind.
    fn largest(&self) -> [f64; 3] {
        let mut m = [0.0f64; 3];
        for g in &self.gaps {
            for (a, b) in m.iter_mut().zip(g) {
                *a = a.max(*b);
            }
        }
        m
    }
}

struct Solved<'a> {
    request: &'a Sweep,
    steps: Vec<Step>,
    /// The level at which a ball could not be drawn, and why.
    stopped: Option<(Level, String)>,
}

/// The numbers of a sweep, as `-o sweep.json` writes them.
#[derive(Serialize)]
struct Numbers {
    family: String,
    chart: &'static str,
    centres: Vec<[f64; 2]>,
    /// The levels solved, low to high.
    levels: Vec<f64>,
    /// The largest relative gap over the centres at each level: kl (KL vs quadratic),
    /// kl_reverse (reverse KL vs quadratic), symmetry (KL vs reverse KL).
    gaps: Gaps,
    /// Each centre's gaps.
    per_centre: Vec<CentreGaps>,
    /// The least-squares slope of ln gap against ln L, for each gap.
    slopes: Slopes,
    #[serde(skip_serializing_if = "Option::is_none")]
    stopped: Option<Stopped>,
}

#[derive(Serialize)]
struct Gaps {
    kl: Vec<f64>,
    kl_reverse: Vec<f64>,
    symmetry: Vec<f64>,
}

#[derive(Serialize)]
struct CentreGaps {
    centre: [f64; 2],
    #[serde(flatten)]
    gaps: Gaps,
}

#[derive(Serialize)]
struct Slopes {
    #[serde(skip_serializing_if = "Option::is_none")]
    kl: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kl_reverse: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    symmetry: Option<f64>,
}

#[derive(Serialize)]
struct Stopped {
    level: f64,
    why: String,
}

fn gaps_of(rows: impl Iterator<Item = [f64; 3]>) -> Gaps {
    let rows: Vec<[f64; 3]> = rows.collect();
    let column = |i: usize| rows.iter().map(|r| r[i]).collect();
    Gaps {
        kl: column(0),
        kl_reverse: column(1),
        symmetry: column(2),
    }
}

impl Solved<'_> {
    fn levels(&self) -> Vec<f64> {
        self.steps.iter().map(|s| s.level.kl()).collect()
    }

    /// The fitted slope of each gap.
    fn slopes(&self) -> [Option<f64>; 3] {
        let levels = self.levels();
        let largest: Vec<[f64; 3]> = self.steps.iter().map(Step::largest).collect();
        [0, 1, 2].map(|i| slope(&levels, &largest.iter().map(|g| g[i]).collect::<Vec<_>>()))
    }

    /// The balls of the steps `shown`, in the chart.
    fn balls_panel(&self, shown: std::ops::Range<usize>) -> PanelScene {
        let r = self.request;
        let palette = r.presentation.style.palette;
        let shapes = KINDS
            .iter()
            .enumerate()
            .map(|(i, &kind)| Shapes {
                // The kinds are named once, in the gaps panel's legend (two legends of their
                // own took the height a Beamer frame at 11 pt needs for the axes).
                label: String::new(),
                colour: palette.kind(kind),
                fill_alpha: 0.0,
                dash: palette.dash(kind),
                outlines: self.steps[shown.clone()]
                    .iter()
                    .flat_map(|s| s.balls.iter().map(move |b| pairs(&b[i])))
                    .collect(),
                centres: r.centres.iter().map(|c| (c.x, c.y)).collect(),
                first: 0,
            })
            .collect();
        // The axes of every frame: those that hold every level's balls.
        let all = self
            .steps
            .iter()
            .flat_map(|s| s.balls.iter().flatten().flatten())
            .map(|p| (p.x, p.y));
        let (x, y) = crate::scene::bounds(all);
        let [xl, yl] = r.chart.axis_labels();
        PanelScene {
            title: Some(format!("balls in the {} chart", r.chart.name())),
            x_label: xl.to_string(),
            y_label: yl.to_string(),
            x_range: crate::scene::widened(x),
            y_range: crate::scene::widened(y),
            equal_aspect: false,
            log_y: false,
            shapes,
            paths: Vec::new(),
            shading: None,
            markers: Vec::new(),
        }
    }

    /// The gaps against log₁₀ L, up to step `upto`; the axes hold every step's.
    fn gaps_panel(&self, upto: usize) -> PanelScene {
        let r = self.request;
        let palette = r.presentation.style.palette;
        let x_of = |s: &Step| s.level.kl().log10();
        let largest: Vec<[f64; 3]> = self.steps.iter().map(Step::largest).collect();
        let mut paths: Vec<Curve> = GAPS
            .iter()
            .enumerate()
            .map(|(i, name)| Curve {
                // A gap of 0 has no place on log axes (Cauchy's KL is symmetric: its KL
                // and reverse-KL balls are one).
                points: self.steps[..upto]
                    .iter()
                    .zip(&largest)
                    .map(|(s, g)| (x_of(s), g[i]))
                    .filter(|p| p.1 > 0.0)
                    .collect(),
                colour: palette.kind(match i {
                    0 => BallKind::Kl,
                    1 => BallKind::KlReverse,
                    _ => BallKind::FisherRao,
                }),
                width: 1.5,
                alpha: 1.0,
                // The gaps to the quadratic ball take their exact ball's colour, which the
                // kinds' entries name; the KL–reverse gap is named itself.
                label: match i {
                    2 => name.to_string(),
                    _ => String::new(),
                },
            })
            .collect();
        // √L through the first KL gap: what a slope of ½ looks like.
        if let (Some(first), Some(last)) = (self.steps.first(), self.steps.last()) {
            let g0 = largest[0][0];
            let line = |s: &Step| (x_of(s), g0 * (s.level.kl() / first.level.kl()).sqrt());
            paths.push(Curve {
                points: vec![line(first), line(last)],
                colour: r.presentation.style.theme.ink,
                width: 1.0,
                alpha: 0.45,
                label: "slope ½".into(),
            });
        }
        let kinds = KINDS
            .iter()
            .map(|&kind| Shapes {
                label: kind.name().to_string(),
                colour: palette.kind(kind),
                fill_alpha: 0.0,
                dash: palette.dash(kind),
                outlines: Vec::new(),
                centres: Vec::new(),
                first: 0,
            })
            .collect();
        let all = paths.iter().flat_map(|c| c.points.iter().copied());
        let every = largest
            .iter()
            .zip(&self.steps)
            .flat_map(|(g, s)| g.iter().map(move |v| (x_of(s), *v)));
        let (x, y) = crate::scene::bounds(all.chain(every).filter(|p| p.1 > 0.0));
        PanelScene {
            title: Some("largest relative gap".into()),
            x_label: "log₁₀ L".into(),
            y_label: "gap".into(),
            x_range: crate::scene::widened(x),
            y_range: Interval::new(y.lo / 1.5, y.hi * 1.5),
            equal_aspect: false,
            log_y: true,
            shapes: kinds,
            paths,
            shading: None,
            markers: Vec::new(),
        }
    }

    fn caption(&self, at: Option<usize>) -> String {
        let r = self.request;
        let levels = self.levels();
        let (lo, hi) = (levels[0], levels[levels.len() - 1]);
        let slopes = self.slopes();
        let fitted: Vec<String> = GAPS
            .iter()
            .zip(slopes)
            .enumerate()
            .map(|(i, (name, s))| match s {
                Some(s) => format!("{name} {s:.2}"),
                None if self.steps.iter().all(|st| st.largest()[i] == 0.0) => {
                    format!("{name}: no gap (the balls coincide)")
                }
                None => format!("{name}: too few levels to fit"),
            })
            .collect();
        let now = match at {
            Some(k) => format!(" · this frame: L = {}", significant(levels[k])),
            None => String::new(),
        };
        let stopped = match &self.stopped {
            Some((level, _)) => format!(
                " · stopped before L = {}, where a ball cannot be drawn",
                significant(level.kl())
            ),
            None => String::new(),
        };
        format!(
            "{} · {} chart · {} centre(s) · L = {} to {}, {} levels{now}{stopped}\nslope of ln gap against ln L, fitted over every level (½: the gap shrinks like √L): {}",
            r.family.display_name(),
            r.chart.name(),
            r.centres.len(),
            significant(lo),
            significant(hi),
            levels.len(),
            fitted.join(", "),
        )
    }

    fn scene_of(&self, shown: std::ops::Range<usize>, at: Option<usize>) -> Scene {
        let r = self.request;
        let title = format!(
            "Where KL stops being quadratic: the {}, {} chart",
            r.family.display_name(),
            r.chart.name()
        );
        let upto = shown.end;
        Scene::styled(
            &r.presentation.style,
            title,
            || self.caption(at),
            vec![self.balls_panel(shown), self.gaps_panel(upto)],
            Some(2),
        )
    }
}

fn pairs(points: &[Point]) -> Vec<(f64, f64)> {
    points.iter().map(|p| (p.x, p.y)).collect()
}

impl Figure for Solved<'_> {
    fn scene(&self) -> Scene {
        self.scene_of(0..self.steps.len(), None)
    }

    /// A frame a level: that level's balls, and the gaps up to it.
    fn frames(&self) -> Option<Vec<Scene>> {
        Some(
            (0..self.steps.len())
                .map(|k| self.scene_of(k..k + 1, Some(k)))
                .collect(),
        )
    }

    fn notes(&self) -> Vec<String> {
        match &self.stopped {
            Some((level, why)) => vec![format!(
                "the sweep stops before L = {}: {why}",
                significant(level.kl())
            )],
            None => Vec::new(),
        }
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let r = self.request;
        let slopes = self.slopes();
        let numbers = Numbers {
            family: r.family.display_name(),
            chart: r.chart.name(),
            centres: r.centres.iter().map(|c| [c.x, c.y]).collect(),
            levels: self.levels(),
            gaps: gaps_of(self.steps.iter().map(Step::largest)),
            per_centre: r
                .centres
                .iter()
                .enumerate()
                .map(|(i, c)| CentreGaps {
                    centre: [c.x, c.y],
                    gaps: gaps_of(self.steps.iter().map(|s| s.gaps[i])),
                })
                .collect(),
            slopes: Slopes {
                kl: slopes[0],
                kl_reverse: slopes[1],
                symmetry: slopes[2],
            },
            stopped: self.stopped.as_ref().map(|(level, why)| Stopped {
                level: level.kl(),
                why: why.clone(),
            }),
        };
        serde_json::to_writer(out, &numbers)
    }
}
