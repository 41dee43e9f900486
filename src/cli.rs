//! The command line's grammar (clap). Figure files are parsed by the same grammar, so a
//! key of a figure file means exactly what the flag of the same name means.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::spec::{CompareArgs, GeodesicArgs, MleArgs, MmlArgs, NatgradArgs, PlotArgs};

/// Draws Fisher balls: the distributions at a fixed KL divergence or Fisher–Rao distance
/// from each centre of a grid, in a chosen chart (parameterization) of a family.
#[derive(Parser)]
#[command(name = "fisherballs", version, about, long_about = None)]
#[command(after_help = "Examples:
  fisherballs plot --chart mean-std -o balls.svg
  fisherballs plot --chart information --ball kl --radius 0.1 -o balls.png
  fisherballs compare --charts mean-std,information --ball kl -o compare.png
  fisherballs geodesic --charts mean-std,information --from -1,0.5 --to 1.5,0.8 -o path.svg
  fisherballs mle --charts mean-std,information --at 0,1 --n 50 -o mle.png
  fisherballs natgrad --charts mean-std,information --target 1,1.2 --from -1,0.5 -o descent.png
  fisherballs mml --charts mean-std,information --xlim -1,1 --ylim 0.5,2 --radius 0.3 -o mml.png
  fisherballs render figures.toml --out figures
  fisherballs gallery")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const CHARTS_AND_BALLS: &str =
    "Charts: mean-std (μ, σ), mean-var (μ, σ²), mean-logstd (μ, ln σ), information (μ/σ², 1/σ²),
        natural (μ/σ², −1/(2σ²)), expectation (μ, μ²+σ²); plot also takes whitened.
Balls:  quadratic ½ΔᵀFΔ = L, kl D(p′‖p) = L, kl-reverse D(p‖p′) = L, fisher-rao distance √(2L).";

#[derive(Subcommand)]
pub enum Command {
    /// Draw balls in one chart, to SVG, PNG or JSON
    #[command(after_help = CHARTS_AND_BALLS)]
    Plot(PlotArgs),
    /// Draw the same distributions side by side in 2 to 6 charts
    #[command(after_help = CHARTS_AND_BALLS)]
    Compare(CompareArgs),
    /// Draw Fisher–Rao geodesics between distributions, with balls along them, in 1 to 6 charts
    #[command(after_help = CHARTS_AND_BALLS)]
    Geodesic(GeodesicArgs),
    /// Draw maximum-likelihood estimates from samples, with N(θ, F⁻¹/n), raw and whitened
    Mle(MleArgs),
    /// Draw plain and natural gradient descent on the KL from a target, in 1 to 6 charts
    Natgrad(NatgradArgs),
    /// Cover a region with Fisher balls on a hexagonal lattice: count them (minimum message length)
    Mml(MmlArgs),
    /// Draw every figure of a TOML figure file (see README.md)
    Render {
        /// The figure file
        file: PathBuf,
        /// Directory the figures are written into (created if missing)
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Write the gallery: the same as `render gallery/figures.toml --out DIR`
    Gallery {
        /// Directory to write into (created if missing)
        #[arg(long, default_value = crate::figures::GALLERY_HOME)]
        out: PathBuf,
    },
}
