//! `ruler`: a one-parameter family's Fisher ruler. Along the parameter's axis, the points
//! one Fisher–Rao radius apart (`geometry::ruler`), in three charts of the parameter; over
//! each chart, the Fisher length per unit of the coordinate √I_φ = √I(θ)·|dθ/dφ|, under
//! which the marks cut equal areas (high where the coordinate is "stretched"); and the
//! distribution at each mark.

use anyhow::Result;
use serde::Serialize;

use super::Use;
use crate::cli::args::RulerArgs;
use crate::geometry::Interval;
use crate::geometry::ruler::{self, OneParameter};
use crate::number::{Typed, significant};
use crate::request::{Presentation, RequestError};
use crate::scene::{Curve, Figure, PanelScene, Scene};

/// The most marks a ruler lays.
pub const MAX_MARKS: usize = 2000;

/// The most counts the distribution panel draws.
const MAX_COUNTS: usize = 10_000;

/// A ruler from `from` to `to` with marks `radius` apart.
pub struct Ruler {
    family: OneParameter,
    from: f64,
    to: f64,
    radius: f64,
    presentation: Presentation,
}

fn refused(why: String) -> RequestError {
    RequestError::Ruler(why)
}

impl Ruler {
    pub fn new(args: &RulerArgs) -> Result<Self, RequestError> {
        let named = args.family.as_str();
        if args.n.is_some() && named != "binomial" {
            return Err(refused(format!(
                "--n is the binomial's number of trials; drop it for --family {named}"
            )));
        }
        if args.n.is_some_and(|n| !(1..=1_000_000).contains(&n)) {
            return Err(refused(format!(
                "--n {} is out of range; use 1 to 1000000 trials",
                args.n.unwrap_or(0)
            )));
        }
        let family = match named.ends_with(".toml") {
            true => OneParameter::Formula(crate::request::family_line(named)?),
            false => OneParameter::named(named, args.n)
                .ok_or_else(|| refused(format!("unknown family '{named}'")))?,
        };
        for (flag, v) in [("--from", args.from), ("--to", args.to)] {
            if !family.contains(v) {
                return Err(refused(format!(
                    "{flag} {} is outside the {} family ({}); choose a value inside it",
                    Typed(v),
                    family.display_name(),
                    family.domain_text()
                )));
            }
        }
        if args.from >= args.to {
            return Err(refused(format!(
                "--from {} is not below --to {}; write the lower end first",
                Typed(args.from),
                Typed(args.to)
            )));
        }
        if !(args.radius.is_finite() && args.radius > 0.0) {
            return Err(refused(format!(
                "--radius must be a finite number greater than 0, got {}",
                Typed(args.radius)
            )));
        }
        for (flag, v) in [("--from", args.from), ("--to", args.to)] {
            family
                .verify(v)
                .map_err(|why| refused(format!("at {flag}: {why}")))?;
        }
        let length = family.distance(args.from, args.to);
        if !length.is_finite() {
            return Err(refused(format!(
                "the Fisher length ∫√I between --from {} and --to {} cannot be integrated to 1e-12 (√I is not a number there, or changes too fast); narrow the range",
                Typed(args.from),
                Typed(args.to)
            )));
        }
        let marks = length / args.radius;
        if marks > MAX_MARKS as f64 {
            return Err(refused(format!(
                "--radius {} lays {:.0} marks from {} to {}, more than the {MAX_MARKS} a ruler draws; use a larger --radius or a shorter range",
                Typed(args.radius),
                marks,
                Typed(args.from),
                Typed(args.to)
            )));
        }
        let presentation = Presentation::new(
            &args.look,
            1,
            None,
            crate::request::Extras::Neither("ruler"),
        )?;
        Ok(Ruler {
            family,
            from: args.from,
            to: args.to,
            radius: args.radius,
            presentation,
        })
    }
}

impl Use for Ruler {
    fn presentation(&self) -> &Presentation {
        &self.presentation
    }
    fn shrink(&self) -> &'static str {
        "use a larger --radius or a shorter range"
    }
    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let (marks, distances) = ruler::marks(&self.family, self.from, self.to, self.radius);
        // The checks of a family from a file, at every mark; where several fail, the
        // lowest mark's is told, whatever thread finished first.
        use rayon::prelude::*;
        let checks: Vec<Result<(), String>> = marks
            .par_iter()
            .map(|&t| match crate::geometry::deadline::passed() {
                true => Ok(()),
                false => self.family.verify(t),
            })
            .collect();
        checks
            .into_iter()
            .collect::<Result<(), String>>()
            .map_err(|why| anyhow::anyhow!("at a mark: {why}"))?;
        // The curves of √I, sampled evenly in Fisher length: as fine where they are steep.
        let measure = ruler::Measure::new(&self.family, self.from, self.to);
        let n = 400;
        let samples = (0..=n)
            .map(|k| {
                let t = measure.rough_point(measure.total() * k as f64 / n as f64);
                (t, self.family.fisher(t).sqrt())
            })
            .collect();
        Ok(Box::new(Solved {
            request: self,
            marks,
            distances,
            samples,
        }))
    }
}

struct Solved<'a> {
    request: &'a Ruler,
    marks: Vec<f64>,
    distances: Vec<f64>,
    /// (θ, √I(θ)) evenly in Fisher length from `from` to `to`.
    samples: Vec<(f64, f64)>,
}

/// The numbers of a ruler, as `-o ruler.json` writes them.
#[derive(Serialize)]
struct Numbers<'a> {
    family: String,
    parameter: &'static str,
    from: f64,
    to: f64,
    radius: f64,
    /// The parameter at each mark, from `from` up.
    marks: &'a [f64],
    /// The Fisher–Rao distance between each pair of neighbouring marks (the radius).
    distances: &'a [f64],
    charts: Vec<ChartMarks>,
}

#[derive(Serialize)]
struct ChartMarks {
    chart: &'static str,
    coordinate: &'static str,
    marks: Vec<f64>,
}

impl Solved<'_> {
    /// A panel of one chart: √I_φ over the coordinate, and a line under it at each mark.
    fn chart_panel(&self, axis: &ruler::Axis) -> PanelScene {
        let r = self.request;
        let style = &r.presentation.style;
        let colour = style.palette.kind(crate::geometry::BallKind::Quadratic);
        let mark_colour = style.palette.kind(crate::geometry::BallKind::Kl);
        // √I_φ(φ) = √I(θ) / |dφ/dθ|, dφ/dθ by a central difference (drawing accuracy).
        let per_unit = |t: f64, root_fisher: f64| {
            let h = 1e-6 * t.abs().max(1e-300);
            let slope = ((axis.map)(t + h) - (axis.map)(t - h)) / (2.0 * h);
            root_fisher / slope.abs()
        };
        let density = |t: f64| per_unit(t, r.family.fisher(t).sqrt());
        let curve: Vec<(f64, f64)> = self
            .samples
            .iter()
            .map(|&(t, root_fisher)| ((axis.map)(t), per_unit(t, root_fisher)))
            .collect();
        let mut paths = vec![Curve {
            points: curve.clone(),
            colour,
            width: 1.5,
            alpha: 1.0,
            label: format!("√I per unit of {}", axis.label),
        }];
        for (k, &t) in self.marks.iter().enumerate() {
            paths.push(Curve {
                points: vec![((axis.map)(t), 0.0), ((axis.map)(t), density(t))],
                colour: mark_colour,
                width: 1.0,
                alpha: 1.0,
                label: if k == 0 {
                    format!("marks r = {} apart", significant(r.radius))
                } else {
                    String::new()
                },
            });
        }
        let title = format!("{} chart", axis.name);
        panel(title, axis.label.to_string(), "√I(φ)".to_string(), paths)
    }

    /// The distribution at each mark.
    fn density_panel(&self) -> PanelScene {
        let r = self.request;
        let style = &r.presentation.style;
        let colour = style.palette.kind(crate::geometry::BallKind::FisherRao);
        let (lo, hi) = self
            .marks
            .iter()
            .map(|&t| r.family.outcome_range(t))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (lo, hi)| {
                (a.min(lo), b.max(hi))
            });
        let hi = hi.max(lo + 1.0);
        let paths: Vec<Curve> = self
            .marks
            .iter()
            .enumerate()
            .map(|(k, &t)| {
                let points = match r.family.counts() {
                    true => (lo.floor() as i64..=hi.ceil() as i64)
                        .take(MAX_COUNTS)
                        .map(|x| (x as f64, r.family.density(t, x as f64)))
                        .collect(),
                    false => (0..=200)
                        .map(|i| {
                            let x = lo + (hi - lo) * i as f64 / 200.0;
                            (x, r.family.density(t, x))
                        })
                        .collect(),
                };
                Curve {
                    points,
                    colour,
                    width: 1.0,
                    alpha: 0.7,
                    label: if k == 0 {
                        "p at each mark".into()
                    } else {
                        String::new()
                    },
                }
            })
            .collect();
        let counts = r.family.counts();
        let (x_label, y_label) = match counts {
            true => ("x (count)", "P(x)"),
            false => ("x", "p(x)"),
        };
        let title = "the distribution at each mark".to_string();
        panel(title, x_label.into(), y_label.into(), paths)
    }

    fn caption(&self) -> String {
        let r = self.request;
        format!(
            "{} · {} marks one Fisher–Rao radius r = {} apart, {} = {} to {}\nd_FR = {} · a mark's line reaches √I(φ), the Fisher length per unit of the chart: marks crowd where it is high",
            r.family.display_name(),
            self.marks.len(),
            significant(r.radius),
            r.family.symbol(),
            significant(r.from),
            significant(r.to),
            r.family.distance_formula(),
        )
    }
}

/// A panel of curves, its y axis from 0 to a little above the highest point.
fn panel(title: String, x_label: String, y_label: String, paths: Vec<Curve>) -> PanelScene {
    let (x, y) = crate::scene::bounds(paths.iter().flat_map(|c| c.points.iter().copied()));
    PanelScene {
        title: Some(title),
        x_label,
        y_label,
        x_range: crate::scene::widened(x),
        y_range: crate::scene::widened(Interval::new(0.0, y.hi * 1.06)),
        equal_aspect: false,
        log_y: false,
        shapes: Vec::new(),
        paths,
        shading: None,
        markers: Vec::new(),
    }
}

impl Figure for Solved<'_> {
    fn scene(&self) -> Scene {
        let r = self.request;
        let mut panels: Vec<PanelScene> = r
            .family
            .axes()
            .iter()
            .map(|a| self.chart_panel(a))
            .collect();
        panels.push(self.density_panel());
        let title = format!("The Fisher ruler of {}", r.family.display_name());
        Scene::styled(
            &r.presentation.style,
            title,
            || self.caption(),
            panels,
            Some(2),
        )
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let r = self.request;
        let charts = r
            .family
            .axes()
            .iter()
            .map(|a| ChartMarks {
                chart: a.name,
                coordinate: a.label,
                marks: self.marks.iter().map(|&t| (a.map)(t)).collect(),
            })
            .collect();
        serde_json::to_writer(
            out,
            &Numbers {
                family: r.family.display_name(),
                parameter: r.family.symbol(),
                from: r.from,
                to: r.to,
                radius: r.radius,
                marks: &self.marks,
                distances: &self.distances,
                charts,
            },
        )
    }
}
