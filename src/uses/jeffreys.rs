//! `plot --show jeffreys`: the balls over the Jeffreys prior √det F, shaded, each ball
//! weighed by its prior mass ∫ √det F (about 2πL for a small ball, whatever its centre).

use anyhow::Result;

use super::Use;
use super::balls::{Balls, Weighing};
use super::panels::scene::{Colouring, Drawing};
use super::panels::{Field, Jeffreys as Prior, Layer, Panel, extent};
use crate::cli::args::PlotArgs;
use crate::geometry::{Interval, Model, Point, jeffreys};
use crate::number::{range, significant};
use crate::request::{Presentation, RequestError};
use crate::scene::{Figure, Scene};

/// Cells of the Jeffreys shading: fine enough to look smooth, coarse enough to keep an SVG
/// small (each cell is one rectangle).
const FIELD_CELLS: (usize, usize) = (96, 72);

/// The balls of `plot`, weighed.
pub struct Jeffreys {
    balls: Balls,
}

impl Jeffreys {
    pub fn new(args: &PlotArgs) -> Result<Self, RequestError> {
        Ok(Self {
            balls: Balls::plotted(args, Weighing::Jeffreys)?,
        })
    }
}

impl Use for Jeffreys {
    fn shrink(&self) -> &'static str {
        "use a smaller --grid, fewer --points, or limits nearer the chart's default view (balls near a domain's edge cost most)"
    }

    fn presentation(&self) -> &Presentation {
        &self.balls.presentation
    }

    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let (request, mut panels, notes) = self.balls.solve_grid()?;
        let limits = (request.limits.x, request.limits.y);
        for (choice, panel) in request.panels.iter().zip(&mut panels) {
            let model = Model::new(&*request.family, choice.chart());
            panel.jeffreys = Some(prior(&model, limits, &panel.layers)?);
        }
        Ok(Box::new(Solved {
            request,
            panels,
            notes,
        }))
    }
}

/// The Jeffreys density over the panel's extent, and every ball's prior mass (each to its
/// stated precision, or an error).
fn prior(
    model: &Model,
    limits: (Interval, Interval),
    layers: &[Layer],
) -> Result<Prior, jeffreys::MassError> {
    let (x, y) = extent(Some(limits), layers, &[]);
    let (cols, rows) = FIELD_CELLS;
    let cell = |i: usize, n: usize, r: Interval| r.lo + (i as f64 + 0.5) * r.width() / n as f64;
    let values = (0..rows)
        .flat_map(|j| (0..cols).map(move |i| Point::new(cell(i, cols, x), cell(j, rows, y))))
        .map(|p| {
            if model.contains(p) {
                jeffreys::density(model, p)
            } else {
                f64::NAN
            }
        })
        .collect();
    let masses = {
        use rayon::prelude::*;
        let balls: Vec<_> = layers.iter().flat_map(|l| &l.balls).collect();
        balls
            .par_iter()
            .map(|b| jeffreys::ball_mass(model, b.centre, &b.points))
            .collect::<Result<Vec<f64>, _>>()?
    };
    Ok(Prior {
        density: Field {
            x,
            y,
            cols,
            rows,
            values,
        },
        masses,
    })
}

struct Solved {
    request: Balls,
    panels: Vec<Panel>,
    notes: Vec<String>,
}

impl Solved {
    /// The balls' caption, and a line on the prior masses.
    fn caption(&self) -> String {
        let mut text = self.request.caption();
        if let Some(j) = self.panels.first().and_then(|p| p.jeffreys.as_ref()) {
            let lo = j.masses.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = j.masses.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let two_pi_l = significant(2.0 * std::f64::consts::PI * self.request.level.kl());
            let masses = match range(lo, hi) {
                Some(range) => format!("about the same prior mass: {range}"),
                None => format!("the same prior mass to 9 digits, {}", significant(lo)),
            };
            text.push_str(&format!(
                "\nShaded: the Jeffreys prior √det F. Each ball carries {masses} (2πL = {two_pi_l})"
            ));
        }
        text
    }
}

impl Figure for Solved {
    fn scene(&self) -> Scene {
        // Over the shading, one kind of ball is white glass: readable on every colour of it.
        let drawing = Drawing {
            colouring: Colouring::WhiteGlass,
            ..self.request.drawing()
        };
        self.request
            .scene(&drawing, &self.panels, || self.caption())
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        self.request.numbers(&self.panels, out)
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }
}
