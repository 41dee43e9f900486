//! `mle`, the post's first use of Fisher information: maximum-likelihood estimates from
//! samples of a true distribution scatter as N(θ, F⁻¹/n), in every chart; whitened, they
//! form a round cloud of unit spread whatever the chart.

mod json;
mod scene;
pub mod solve;

use std::sync::Arc;

use anyhow::{Result, bail};

use super::Use;
use crate::cli::args::MleArgs;
use crate::geometry::{BallError, Chart, Family, Model, Point};
use crate::number::Short;
use crate::request::{
    MAX_DRAWS, MAX_N, MAX_TRIALS, Presentation, RequestError, charts_of, check_points, family,
};
use crate::scene::{Figure, Scene};
use solve::MleView;

/// `trials` samples of size `n` drawn from the true distribution, each fitted.
pub struct Mle {
    pub family: Arc<dyn Family>,
    pub charts: Vec<&'static dyn Chart>,
    /// The true θ, canonical.
    pub truth: Point,
    pub n: usize,
    pub trials: usize,
    pub seed: u64,
    pub presentation: Presentation,
}

impl Mle {
    pub fn new(args: &MleArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let charts = charts_of(&*family, &args.charts, 3, RequestError::MlePanels)?;
        let model = Model::new(&*family, charts[0]);
        check_points(&model, "--at", [&args.at], |p| RequestError::TruthOutside {
            x: p.x,
            y: p.y,
            chart: charts[0].name(),
            domain: charts[0].domain(),
        })?;
        if !(2..=MAX_N).contains(&args.n) {
            return Err(RequestError::SampleSize(args.n));
        }
        if !(2..=MAX_TRIALS).contains(&args.trials) || args.n * args.trials > MAX_DRAWS {
            return Err(RequestError::Trials(args.trials, args.n));
        }
        let presentation = Presentation::new(
            &args.look,
            4 * charts.len(),
            None,
            crate::request::Extras::Neither("mle"),
        )?;
        Ok(Self {
            family,
            truth: charts[0].theta(args.at),
            charts,
            n: args.n,
            trials: args.trials,
            seed: args.seed,
            presentation,
        })
    }
}

impl Use for Mle {
    fn shrink(&self) -> &'static str {
        "use a smaller --n or fewer --trials"
    }

    fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    /// The estimates, seen in every chart; a note when some samples had no estimate.
    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let found = solve::estimates(&*self.family, self.truth, self.n, self.trials, self.seed);
        let why = found.reason.map_or("", |r| r.0);
        if found.thetas.len() < 2 {
            bail!(
                "{} of {} samples of n = {} had no maximum-likelihood estimate ({why}); use a larger --n or a --at farther from the edge of the domain",
                found.missing,
                self.trials,
                self.n
            );
        }
        let points = self.presentation.points;
        let views = self
            .charts
            .iter()
            .map(|&c| solve::view(&*self.family, c, self.truth, &found.thetas, self.n, points))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| match e {
                BallError::NotClosed { x, y, domain, .. } => anyhow::anyhow!(
                    "the 2-s.d. ellipse of N(θ, F⁻¹/n) around ({}, {}) crosses the edge of the chart ({domain}) at n = {}; use a larger --n or another chart",
                    Short(x),
                    Short(y),
                    self.n
                ),
                other => other.into(),
            })?;
        let notes = match found.missing {
            0 => Vec::new(),
            k => vec![format!(
                "{k} of {} samples of n = {} had no maximum-likelihood estimate ({why}); they are left out (a larger --n makes them rarer)",
                self.trials, self.n
            )],
        };
        Ok(Box::new(Solved {
            request: self,
            views,
            missing: found.missing,
            notes,
        }))
    }
}

struct Solved<'a> {
    request: &'a Mle,
    views: Vec<MleView>,
    missing: usize,
    notes: Vec<String>,
}

impl Figure for Solved<'_> {
    fn scene(&self) -> Scene {
        scene::scene(self.request, &self.views, self.missing)
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let numbers = json::numbers(self.request, &self.views, self.missing);
        serde_json::to_writer(out, &numbers)
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }
}
