//! The command line's grammar (clap). Figure files are parsed by the same grammar, so a
//! key of a figure file means exactly what the flag of the same name means.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub mod args;
pub mod families;
pub mod progress;
pub mod values;

use args::{
    CompareArgs, GeodesicArgs, HmcArgs, MleArgs, MmlArgs, NatgradArgs, PlotArgs, RulerArgs,
    SweepArgs,
};

/// Draws Fisher balls: the distributions at a fixed KL divergence or Fisher–Rao distance
/// from each centre of a grid, in a chosen chart (parameterization) of a family.
#[derive(Parser)]
#[command(name = "fisherballs", version, about, long_about = None)]
#[command(after_help = "Examples:
  fisherballs plot --chart mean-std -o balls.svg
  fisherballs plot --chart information --ball kl --radius 0.1 -o balls.png
  fisherballs plot --family gamma --ball kl,fisher-rao -o gamma.png
  fisherballs compare --family beta --charts alpha-beta,mean-concentration -o beta.png
  fisherballs compare --charts mean-std,information --ball kl -o compare.png
  fisherballs geodesic --charts mean-std,information --from -1,0.5 --to 1.5,0.8 -o path.svg
  fisherballs geodesic --family beta --charts alpha-beta,mean-concentration --from 1,1 --to 8,3 -o beta-path.svg
  fisherballs mle --charts mean-std,information --at 0,1 --n 50 -o mle.png
  fisherballs mle --family gamma --charts shape-rate,log --at 3,2 -o mle-gamma.png
  fisherballs natgrad --charts mean-std,information --target 1,1.2 --from=-1,0.5 --step 0.02 -o descent.png
  fisherballs mml --charts mean-std,information --xlim -1,1 --ylim 0.5,2 --radius 0.3 -o mml.png
  fisherballs render figures.toml --out figures
  fisherballs families
  fisherballs gallery
  fisherballs completions bash
  fisherballs man")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// A command's examples, then the families, their charts and the kinds of ball, from the
/// registry.
fn charts_and_balls(examples: &str) -> String {
    format!(
        "Examples:\n{examples}\n{}  plot also takes --chart whitened (with --at X,Y and --from CHART).\n{BALLS}",
        families::help()
    )
}

/// A command's examples, then the families and their charts, from the registry.
fn charts(examples: &str) -> String {
    format!("Examples:\n{examples}\n{}", families::help())
}

const PLOT_EXAMPLES: &str = "  fisherballs plot --chart information --ball kl -o balls.png
  fisherballs plot --family gamma --ball kl,fisher-rao -o gamma.svg
  fisherballs plot --chart whitened --at 0,1 --from information -o white.pdf
";
const COMPARE_EXAMPLES: &str =
    "  fisherballs compare --charts mean-std,information --ball kl -o compare.png
  fisherballs compare --family beta --charts alpha-beta,mean-concentration -o beta.html
";
const GEODESIC_EXAMPLES: &str = "  fisherballs geodesic --from -1,0.5 --to 1.5,0.8 -o path.svg
  fisherballs geodesic --family beta --charts alpha-beta,mean-concentration --from 1,1 --to 8,3 -o beta-path.png
";
const MLE_EXAMPLES: &str = "  fisherballs mle --at 0,1 --n 50 -o mle.png
  fisherballs mle --family gamma --charts shape-rate,log --at 3,2 -o mle-gamma.json
";
const NATGRAD_EXAMPLES: &str = "  fisherballs natgrad --charts mean-std,information --target 1,1.2 --from=-1,0.5 --step 0.02 -o descent.png
  fisherballs natgrad --family beta --target 2,3 --from 5,1 -o beta-descent.svg
";
const RULER_EXAMPLES: &str = "Examples:
  fisherballs ruler --family poisson --from 1 --to 30 --radius 0.5 -o ruler.png
  fisherballs ruler --family poisson --from 1 --to 30 --radius 0.5 -o ruler.json
  fisherballs ruler --family binomial --n 20 --from 0.02 --to 0.98 --radius 0.5 -o binomial.svg
  fisherballs ruler --family docs/families/rayleigh.toml --from 0.5 --to 8 -o rayleigh.png
";

const SWEEP_EXAMPLES: &str = "  fisherballs sweep -o sweep.png
  fisherballs sweep --chart information --at 0,1 --at 1,2 -o sweep-information.svg
  fisherballs sweep --family gamma --chart log --levels 1e-3,0.5 --steps 7 -o sweep-gamma.apng
  fisherballs sweep --family beta -o sweep-beta.json
";

const HMC_EXAMPLES: &str = "  fisherballs hmc -o hmc.png
  fisherballs hmc --charts mean-std,information --at 0,1 --n 30 --prior flat -o hmc-information.svg
  fisherballs hmc --family gamma --charts shape-rate,log --at 3,2 --samples 500 -o hmc-gamma.json
";

const MML_EXAMPLES: &str = "  fisherballs mml --charts mean-std,information --xlim=-1,1 --ylim 0.5,2 --radius 0.3 -o mml.png
  fisherballs mml --family gamma --radius 0.3 -o mml-gamma.json
";

/// `-o` of the commands that make no interactive page.
const DRAWN_ONLY: &str = "Output file: .svg, .png, .pdf, .tex (pgfplots) or .json";

const ANIMATED: &str = "Output file: .svg, .png, .pdf, .tex (pgfplots), .json, or .apng (an animated PNG, a frame a level)";

const BALLS: &str = "Balls: quadratic ½ΔᵀFΔ = L, kl D(p′‖p) = L, kl-reverse D(p‖p′) = L, fisher-rao distance √(2L).";

/// Every command: the figures, and the commands about them.
// Parsed once a run: the size of a figure's arguments costs nothing worth a Box (which
// clap's flatten does not take).
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum Command {
    #[command(flatten)]
    Figure(FigureCommand),
    /// Draw every figure of a TOML figure file (see docs/figure-files.md)
    #[command(after_help = figure_file_keys())]
    Render {
        /// The figure file
        file: PathBuf,
        /// Directory the figures are written into (created if missing)
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// List the families, their charts, domains and default views (a Markdown table)
    Families,
    /// Write the gallery: the same as `render gallery/figures.toml --out DIR`
    #[command(after_help = "Examples:
  fisherballs gallery
  fisherballs gallery --out my-gallery")]
    Gallery {
        /// Directory to write into (created if missing)
        #[arg(long, default_value = GALLERY_HOME)]
        out: PathBuf,
    },
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell)
    #[command(after_help = "Examples:
  fisherballs completions bash > ~/.local/share/bash-completion/completions/fisherballs
  fisherballs completions zsh > ~/.zfunc/_fisherballs
  fisherballs completions fish > ~/.config/fish/completions/fisherballs.fish")]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `fisherballs man > fisherballs.1; man ./fisherballs.1`
    Man,
}

/// The commands that make one figure: each is a use (`uses`), and a figure file's
/// `command` key names one of them.
#[derive(Subcommand)]
pub enum FigureCommand {
    /// Draw balls in one chart of a family (SVG, PNG, PDF, pgfplots, JSON or an interactive page)
    #[command(after_help = charts_and_balls(PLOT_EXAMPLES))]
    Plot(PlotArgs),
    /// Draw the same distributions side by side in 2 to 6 charts of a family
    #[command(after_help = charts_and_balls(COMPARE_EXAMPLES))]
    Compare(CompareArgs),
    /// Draw Fisher–Rao geodesics between two distributions of a family, with balls along them, in 1 to 6 charts
    #[command(after_help = charts(GEODESIC_EXAMPLES), mut_arg("output", |a| a.help(DRAWN_ONLY)))]
    Geodesic(GeodesicArgs),
    /// Draw maximum-likelihood estimates from samples of a family, with N(θ, F⁻¹/n), raw and whitened
    #[command(after_help = charts(MLE_EXAMPLES), mut_arg("output", |a| a.help(DRAWN_ONLY)))]
    Mle(MleArgs),
    /// Draw plain and natural gradient descent on the KL from a target distribution, in 1 to 6 charts
    #[command(after_help = charts(NATGRAD_EXAMPLES), mut_arg("output", |a| a.help(DRAWN_ONLY)))]
    Natgrad(NatgradArgs),
    /// Cover a region of a family with Fisher balls, every point within r of a centre: count them (MML)
    #[command(after_help = charts(MML_EXAMPLES), mut_arg("output", |a| a.help(DRAWN_ONLY)))]
    Mml(MmlArgs),
    /// Draw a one-parameter family's Fisher ruler: the points one Fisher–Rao radius apart along its parameter, in three charts
    #[command(after_help = RULER_EXAMPLES, mut_arg("output", |a| a.help(DRAWN_ONLY)))]
    Ruler(RulerArgs),
    /// Draw the quadratic, KL and reverse-KL balls as the level grows, and how far apart they are: where KL stops being quadratic
    #[command(after_help = charts(SWEEP_EXAMPLES), mut_arg("output", |a| a.help(ANIMATED)))]
    Sweep(SweepArgs),
    /// Sample a posterior with Euclidean and Riemannian-manifold HMC in 2 or 3 charts: RMHMC's chains are one chain in every chart, HMC's are not
    #[command(after_help = charts(HMC_EXAMPLES), mut_arg("output", |a| a.help(DRAWN_ONLY)))]
    Hmc(HmcArgs),
}

/// `render --help`'s examples, and every key a `[[figure]]` table takes, read from the
/// figure commands' own flags (a figure file is parsed by the same grammar, so the two
/// cannot drift): its type, its default, and the commands that take it.
fn figure_file_keys() -> String {
    use clap::Subcommand;
    let grammar = FigureCommand::augment_subcommands(clap::Command::new("figures"));
    // key → (type, default, commands), in the order the keys first appear.
    let mut keys: Vec<(String, String, String, Vec<String>)> = Vec::new();
    for command in grammar.get_subcommands() {
        for arg in command.get_arguments() {
            let Some(key) = arg.get_long().filter(|k| !["help", "output"].contains(k)) else {
                continue;
            };
            let kind = match arg.get_action().takes_values() {
                true => arg
                    .get_value_names()
                    .and_then(|n| n.first())
                    .map_or_else(|| arg.get_id().as_str().to_uppercase(), |n| n.to_string()),
                false => "true/false".to_string(),
            };
            let default: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let name = command.get_name().to_string();
            match keys.iter_mut().find(|k| k.0 == key) {
                Some(k) => {
                    // --from is a chart of plot, a point of geodesic and natgrad.
                    if !k.1.split(" or ").any(|t| t == kind) {
                        k.1 = format!("{} or {kind}", k.1);
                    }
                    k.3.push(name)
                }
                None => keys.push((key.to_string(), kind, default.join(","), vec![name])),
            }
        }
    }
    let mut text = String::from(
        "Examples:\n  fisherballs render figures.toml --out figures\n  fisherballs render figures.toml\n\n\
         A figure file holds [[figure]] tables; each takes output = \"NAME.png\" (required),\n\
         command = \"plot\" (the default) or another figure command, about = \"text\", and\n\
         the long flags of its command as keys (lists as TOML lists or \"a, b\"; switches as\n\
         true/false). At the top: index, home and intro (an index page of every figure).\n\n\
         Keys of [[figure]] (type, default, commands):\n",
    );
    for (key, kind, default, commands) in keys {
        let default = match default.is_empty() {
            true => String::new(),
            false => format!(" [default: {default}]"),
        };
        text.push_str(&format!(
            "  {key:<13} {kind}{default} — {}\n",
            commands.join(", ")
        ));
    }
    text
}

/// The directory the gallery's commands write into.
pub const GALLERY_HOME: &str = "gallery";

/// clap's message for a refused command line on one line, without its usage lines (they
/// list every required flag and wrap): what is wrong, and the possible values if any.
pub fn one_line(e: &clap::Error) -> String {
    let text = e.to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .collect();
    // A control character in a refused value (a carriage return) is shown as its escape, so
    // the message stays one line on a terminal.
    lines
        .join(" ")
        .trim_start_matches("error: ")
        .chars()
        .map(|c| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect()
}
