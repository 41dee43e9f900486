//! The uses of Fisher information that fisherballs draws, a module each: its request (the
//! checked arguments), its solve step (the geometry), its scene and its numbers. The command
//! line and figure files reach them through one dispatch, [`request`].
//!
//! | use | commands | module |
//! |---|---|---|
//! | balls on a grid, in one chart or several, with an interactive page | `plot`, `compare` | [`balls`] |
//! | balls over the Jeffreys prior, each weighed | `plot --show jeffreys` | [`jeffreys`] |
//! | Fisher–Rao geodesics with balls along them | `geodesic` | [`geodesic`] |
//! | maximum-likelihood estimates, raw and whitened | `mle` | [`mle`] |
//! | plain and natural gradient descent | `natgrad` | [`natgrad`] |
//! | a region covered by balls (minimum message length) | `mml` | [`mml`] |
//! | a one-parameter family's marks one Fisher radius apart | `ruler` | [`ruler`] |
//! | the exact balls against the quadratic one as the level grows | `sweep` | [`sweep`] |
//! | Euclidean and Riemannian-manifold HMC on a posterior, chart against chart | `hmc` | [`hmc`] |

pub mod balls;
pub mod geodesic;
pub mod hmc;
pub mod jeffreys;
pub mod mle;
pub mod mml;
pub mod natgrad;
pub mod panels;
pub mod ruler;
pub mod sweep;

use std::path::Path;

use anyhow::Result;

use crate::cli::FigureCommand;
use crate::export::Format;
use crate::request::{Presentation, RequestError};
use crate::scene::Figure;

/// A use, its request checked: how its figure looks and where it goes, and how to solve it.
pub trait Use {
    /// The figure's style, format and output, checked.
    fn presentation(&self) -> &Presentation;
    /// Solves the geometry, ready for the exporters.
    fn solve(&self) -> Result<Box<dyn Figure + '_>>;
    /// The output file.
    fn output(&self) -> &Path {
        &self.presentation().output
    }
    /// What the output holds.
    fn format(&self) -> Format {
        self.presentation().format
    }
    /// What to shrink when solving takes longer than it may.
    fn shrink(&self) -> &'static str;
}

/// How long one figure's solving may take, in seconds: 8, so that with exporting every
/// accepted figure is written within 10 s on 2 cores; `FISHERBALLS_SOLVE_SECONDS` sets
/// another (the tests use a short one).
pub fn solve_budget() -> std::time::Duration {
    let seconds = std::env::var("FISHERBALLS_SOLVE_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(8.0);
    std::time::Duration::from_secs_f64(seconds.min(1e6))
}

/// The use a figure command asks for, its arguments checked.
pub fn request(command: &FigureCommand) -> Result<Box<dyn Use>, RequestError> {
    Ok(match command {
        FigureCommand::Plot(args) if args.show == "jeffreys" => {
            Box::new(jeffreys::Jeffreys::new(args)?)
        }
        FigureCommand::Plot(args) => Box::new(balls::Balls::plot(args)?),
        FigureCommand::Compare(args) => Box::new(balls::Balls::compare(args)?),
        FigureCommand::Geodesic(args) => Box::new(geodesic::Geodesic::new(args)?),
        FigureCommand::Mle(args) => Box::new(mle::Mle::new(args)?),
        FigureCommand::Natgrad(args) => Box::new(natgrad::Natgrad::new(args)?),
        FigureCommand::Mml(args) => Box::new(mml::Mml::new(args)?),
        FigureCommand::Ruler(args) => Box::new(ruler::Ruler::new(args)?),
        FigureCommand::Sweep(args) => Box::new(sweep::Sweep::new(args)?),
        FigureCommand::Hmc(args) => Box::new(hmc::Hmc::new(args)?),
    })
}

/// A use's file: its bytes, and what the user should know of them.
pub struct Exported {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

/// Solves a use and exports it in its format.
pub fn draw(request: &dyn Use) -> Result<Exported> {
    let budget = solve_budget();
    let (solved, ran_out) = crate::geometry::deadline::within(budget, || request.solve());
    if ran_out {
        anyhow::bail!(
            "solving this figure took longer than {} s, so it was stopped; {}",
            crate::number::Typed(budget.as_secs_f64()),
            request.shrink()
        );
    }
    let figure = solved.map_err(crate::request::in_flags)?;
    let bytes = crate::export::bytes(&*figure, request.format())?;
    let mut notes = figure.notes();
    notes.extend(crate::export::layout_notes(&*figure, request.format()));
    Ok(Exported { bytes, notes })
}
