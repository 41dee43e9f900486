//! `hmc`, the sampler the post cites: Euclidean HMC and Riemannian-manifold HMC (Girolami &
//! Calderhead 2011) on the posterior of a family's parameters given data drawn at a truth,
//! each in two or three charts side by side ([`crate::geometry::hmc`]). RMHMC's chains are
//! the same chain in every chart, up to its integrator's error; HMC's are a different chain
//! in each.

mod json;
mod scene;
pub mod solve;

use std::sync::Arc;

use anyhow::Result;

use super::Use;
use crate::cli::args::HmcArgs;
use crate::geometry::hmc::{Prior, Settings};
use crate::geometry::{Chart, Family, Interval, Model, Point, Typed};
use crate::request::{Extras, Presentation, RequestError, chart_of, check_points, family};
use crate::scene::{Figure, Scene};
use solve::Run;

/// The most data points, iterations, leapfrog steps and drawn trajectories.
pub const MAX_DATA: usize = 10_000;
pub const MAX_SAMPLES: usize = 20_000;
pub const MAX_LEAPFROG: usize = 100;
pub const MAX_TRAJECTORIES: usize = 20;
/// The most density evaluations a run may ask for before it starts, data × iterations ×
/// leapfrog steps × charts (a gradient costs 12 of each; the defaults ask 6·10⁵).
pub const MAX_WORK: usize = 50_000_000;

pub struct Hmc {
    pub family: Arc<dyn Family>,
    pub charts: Vec<&'static dyn Chart>,
    /// The true θ, canonical.
    pub truth: Point,
    pub n: usize,
    pub prior: Prior,
    pub settings: Settings,
    pub presentation: Presentation,
}

fn refused(why: String) -> RequestError {
    RequestError::Hmc(why)
}

impl Hmc {
    pub fn new(args: &HmcArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let charts: Vec<&'static dyn Chart> = match args.charts.as_slice() {
            [] => family.charts().iter().copied().take(2).collect(),
            names => names
                .iter()
                .map(|n| chart_of(&*family, n))
                .collect::<Result<_, _>>()?,
        };
        if !(2..=3).contains(&charts.len()) {
            return Err(refused(format!(
                "--charts names {} chart(s); hmc takes 2 or 3, to compare the samplers across them{}",
                charts.len(),
                match family.charts().len() {
                    1 => format!(" (the {} family has only one chart)", family.name()),
                    _ => String::new(),
                }
            )));
        }
        let first = charts[0];
        let at = args.at.unwrap_or_else(|| {
            let view = first.default_limits();
            let middle = |i: Interval| 0.5 * (i.lo + i.hi);
            Point::new(middle(view.x), middle(view.y))
        });
        check_points(&Model::new(&*family, first), "--at", [&at], |p| {
            RequestError::TruthOutside {
                x: p.x,
                y: p.y,
                chart: first.name(),
                domain: first.domain(),
            }
        })?;
        Self::check_sizes(args, charts.len())?;
        let prior = match args.prior.as_str() {
            "flat" => Prior::Flat,
            _ => Prior::Jeffreys,
        };
        // A panel for each chart and sampler: its trajectories, and the other charts' mapped in.
        let presentation = Presentation::new(
            &args.look,
            2 * charts.len() * (1 + args.trajectories * charts.len()),
            None,
            Extras::Neither("hmc"),
        )?;
        Ok(Hmc {
            truth: first.theta(at),
            family,
            charts,
            n: args.n,
            prior,
            settings: Settings {
                step: args.step,
                leapfrog: args.leapfrog,
                samples: args.samples,
                paths: args.trajectories,
                tolerance: args.tolerance,
                seed: args.seed,
            },
            presentation,
        })
    }

    /// The sizes, each in its range, and the work they ask for bounded before it starts.
    fn check_sizes(args: &HmcArgs, charts: usize) -> Result<(), RequestError> {
        let within =
            |flag: &str, v: usize, lo: usize, hi: usize, what: &str| match (lo..=hi).contains(&v) {
                true => Ok(()),
                false => Err(refused(format!(
                    "{flag} {v} is out of range; use {lo} to {hi} {what}"
                ))),
            };
        within("--n", args.n, 2, MAX_DATA, "data points")?;
        within("--samples", args.samples, 10, MAX_SAMPLES, "iterations")?;
        within(
            "--leapfrog",
            args.leapfrog,
            1,
            MAX_LEAPFROG,
            "steps a trajectory",
        )?;
        within(
            "--trajectories",
            args.trajectories,
            0,
            MAX_TRAJECTORIES.min(args.samples),
            "trajectories",
        )?;
        if !(args.step.is_finite() && args.step > 0.0 && args.step <= 2.0) {
            return Err(refused(format!(
                "--step {} is out of range; use a leapfrog step above 0 and at most 2 (0.1 to 0.5 suit most posteriors)",
                Typed(args.step)
            )));
        }
        if !(args.tolerance.is_finite() && (1e-14..=1e-3).contains(&args.tolerance)) {
            return Err(refused(format!(
                "--tolerance {} is out of range; use 1e-14 to 1e-3",
                Typed(args.tolerance)
            )));
        }
        let work = args
            .n
            .saturating_mul(args.samples)
            .saturating_mul(args.leapfrog)
            .saturating_mul(charts);
        if work > MAX_WORK {
            return Err(refused(format!(
                "--n {} × --samples {} × --leapfrog {} × {charts} charts asks for {work} density evaluations, more than {MAX_WORK}; use a smaller --n, fewer --samples or a shorter --leapfrog",
                args.n, args.samples, args.leapfrog
            )));
        }
        Ok(())
    }
}

impl Use for Hmc {
    fn presentation(&self) -> &Presentation {
        &self.presentation
    }
    fn shrink(&self) -> &'static str {
        "use a smaller --n, fewer --samples or a shorter --leapfrog"
    }
    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let run = solve::run(self)?;
        Ok(Box::new(Solved { request: self, run }))
    }
}

struct Solved<'a> {
    request: &'a Hmc,
    run: Run,
}

impl Figure for Solved<'_> {
    fn scene(&self) -> Scene {
        scene::scene(self.request, &self.run)
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        serde_json::to_writer(out, &json::numbers(self.request, &self.run))
    }

    fn notes(&self) -> Vec<String> {
        self.run.notes.clone()
    }
}
