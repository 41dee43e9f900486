//! The command line: parse, validate, dispatch; every error becomes one message and exit 1.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use fisherballs::gallery;
use fisherballs::output::write_atomic;
use fisherballs::pipeline::figure_bytes;
use fisherballs::spec::{PlotArgs, PlotSpec};

/// Draws Fisher balls: the distributions at a fixed KL divergence or Fisher–Rao distance
/// from each centre of a grid, in a chosen chart (parameterization) of a family.
#[derive(Parser)]
#[command(name = "fisherballs", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  fisherballs plot --chart mean-std -o balls.svg\n  fisherballs plot --chart information --ball kl --radius 0.1 -o balls.png\n  fisherballs gallery"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Draw one figure of balls to SVG, PNG or JSON
    #[command(
        after_help = "Charts: mean-std (μ, σ), mean-var (μ, σ²), mean-logstd (μ, ln σ), information (μ/σ², 1/σ²),\n        natural (μ/σ², −1/(2σ²)), expectation (μ, μ²+σ²).\nBalls:  quadratic ½ΔᵀFΔ = L, kl D(p′‖p) = L, kl-reverse D(p‖p′) = L, fisher-rao distance √(2L)."
    )]
    Plot(PlotArgs),
    /// Write every gallery figure and its README
    Gallery {
        /// Directory to write into (created if missing)
        #[arg(long, default_value = gallery::HOME)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Plot(args) => {
            let spec = PlotSpec::new(&args)?;
            write_atomic(&spec.output, &figure_bytes(&spec)?)
        }
        Command::Gallery { out } => {
            std::fs::create_dir_all(&out)
                .with_context(|| format!("cannot create directory '{}'", out.display()))?;
            let specs = gallery::ENTRIES
                .iter()
                .map(|e| gallery::spec(e, &out))
                .collect::<Result<Vec<_>>>()?;
            for spec in &specs {
                write_atomic(&spec.output, &figure_bytes(spec)?)?;
                println!("wrote {}", spec.output.display());
            }
            write_atomic(&out.join("README.md"), gallery::readme().as_bytes())?;
            println!("wrote {}", out.join("README.md").display());
            Ok(())
        }
    }
}
