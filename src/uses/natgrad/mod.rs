//! `natgrad`, the post's second use of Fisher information: from the same starts, plain and
//! natural gradient descent on D(p_target ‖ p) run in every chart; plain paths differ
//! between charts, natural ones (for small steps) trace the same distributions.

mod json;
mod scene;
pub mod solve;

use std::sync::Arc;

use anyhow::Result;

use super::Use;
use crate::cli::args::NatgradArgs;
use crate::geometry::{Chart, Family, Model, Point};
use crate::request::{MAX_PANELS, Presentation, RequestError, charts_of, check_points, family};
use crate::scene::{Figure, Scene};
use solve::{Descent, View};

/// Descents from each start towards the target, in every chart; points canonical.
pub struct Natgrad {
    pub family: Arc<dyn Family>,
    pub charts: Vec<&'static dyn Chart>,
    pub target: Point,
    pub starts: Vec<Point>,
    pub step: f64,
    pub steps: usize,
    pub presentation: Presentation,
}

/// At most 10 starts, and 1 to 10 000 steps.
const MAX_STARTS: usize = 10;
const MAX_STEPS: usize = 10_000;

impl Natgrad {
    pub fn new(args: &NatgradArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let charts = charts_of(
            &*family,
            &args.charts,
            MAX_PANELS,
            RequestError::DescentPanels,
        )?;
        let first = charts[0];
        let model = Model::new(&*family, first);
        let outside = |p: Point| RequestError::PointOutside {
            x: p.x,
            y: p.y,
            chart: first.name(),
            domain: first.domain(),
        };
        check_points(&model, "--target", [&args.target], outside)?;
        check_points(&model, "--from", &args.from, outside)?;
        if args.from.len() > MAX_STARTS {
            return Err(RequestError::Starts(args.from.len()));
        }
        if !(args.step.is_finite() && args.step > 0.0) {
            return Err(RequestError::Step(args.step));
        }
        if !(1..=MAX_STEPS).contains(&args.steps) {
            return Err(RequestError::Steps(args.steps));
        }
        let presentation = Presentation::new(
            &args.look,
            0,
            None,
            crate::request::Extras::Neither("natgrad"),
        )?;
        Ok(Self {
            family,
            target: first.theta(args.target),
            starts: args.from.iter().map(|&p| first.theta(p)).collect(),
            charts,
            step: args.step,
            steps: args.steps,
            presentation,
        })
    }
}

impl Use for Natgrad {
    fn shrink(&self) -> &'static str {
        "use fewer --steps or --from starts"
    }

    fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let descents = solve::run(
            &*self.family,
            &self.charts,
            self.target,
            &self.starts,
            self.step,
            self.steps,
        )?;
        let views = solve::views(&self.charts, self.target, &descents);
        Ok(Box::new(Solved {
            request: self,
            descents,
            views,
        }))
    }
}

struct Solved<'a> {
    request: &'a Natgrad,
    descents: Vec<Descent>,
    views: Vec<View>,
}

impl Figure for Solved<'_> {
    fn scene(&self) -> Scene {
        scene::scene(self.request, &self.descents, &self.views)
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let numbers = json::numbers(self.request, &self.descents, &self.views);
        serde_json::to_writer(out, &numbers)
    }

    /// A descent that reached the target before its last step stopped there: said, since
    /// the caption gives the steps asked for.
    fn notes(&self) -> Vec<String> {
        self.descents
            .iter()
            .filter(|d| d.thetas.len() <= self.request.steps)
            .map(|d| {
                format!(
                    "the {} descent in the {} chart from start {} reached the target (loss at most {:e}) after {} of {} steps, and stopped there",
                    d.method.name(),
                    d.chart,
                    d.start + 1,
                    crate::geometry::descent::REACHED,
                    d.thetas.len() - 1,
                    self.request.steps
                )
            })
            .collect()
    }
}
