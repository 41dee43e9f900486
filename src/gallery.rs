//! The gallery, as data: each figure is an output name and the `plot` flags that make it.
//! `fisherballs gallery` parses these flags exactly as the command line would, so every
//! command in gallery/README.md reproduces its figure byte for byte.

use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, Result};
use clap::Parser;

use crate::spec::{PlotArgs, PlotSpec};

/// One gallery figure: a file name and the flags of `fisherballs plot` (without `-o`).
pub struct Entry {
    pub file: &'static str,
    pub flags: &'static str,
    pub about: &'static str,
}

const POST_FIG1: &str = "--chart mean-std --ball kl --kl 0.01";
const POST_FIG2: &str = "--chart information --ball kl --kl 0.01";

pub const ENTRIES: &[Entry] = &[
    Entry {
        file: "fig1-mean-std.svg",
        flags: POST_FIG1,
        about: "The post's figure 1: KL balls (L = 0.01) in the (μ, σ) chart. They grow with σ: the same KL is a larger step in μ and σ when the distribution is wide.",
    },
    Entry {
        file: "fig1-mean-std.png",
        flags: POST_FIG1,
        about: "Figure 1 as PNG.",
    },
    Entry {
        file: "fig2-information.svg",
        flags: POST_FIG2,
        about: "The post's figure 2: the same kind of balls in the information form (h, λ) = (μ/σ², 1/σ²). They grow with λ instead, and tilt.",
    },
    Entry {
        file: "fig2-information.png",
        flags: POST_FIG2,
        about: "Figure 2 as PNG.",
    },
    Entry {
        file: "chart-mean-var.png",
        flags: "--chart mean-var --ball kl",
        about: "(μ, σ²): balls grow with σ² in both directions.",
    },
    Entry {
        file: "chart-mean-logstd.png",
        flags: "--chart mean-logstd --ball kl",
        about: "(μ, ln σ): every ball has the same height; only the width changes, with σ.",
    },
    Entry {
        file: "chart-natural.png",
        flags: "--chart natural --ball kl",
        about: "Natural parameters (μ/σ², −1/(2σ²)): the chart in which log-likelihoods are concave.",
    },
    Entry {
        file: "chart-expectation.png",
        flags: "--chart expectation --ball kl",
        about: "Expectation parameters (μ, μ² + σ²): balls tilt along the parabola m₂ = m₁² that bounds the chart.",
    },
    Entry {
        file: "kinds-mean-std.png",
        flags: "--chart mean-std --ball quadratic,kl,kl-reverse,fisher-rao --kl 0.5 --grid 3x1 --xlim -4.5,4.5 --ylim 0.5,1.5",
        about: "The four kinds of ball at L = 0.5 (r = 1): the quadratic ellipse, both KL contours and the Fisher–Rao ball part ways.",
    },
    Entry {
        file: "kinds-information.png",
        flags: "--chart information --ball quadratic,kl,kl-reverse,fisher-rao --kl 0.5 --grid 3x1 --xlim -4.5,4.5 --ylim 0.5,1.5",
        about: "The same four kinds in the information chart: the exact balls are the same distributions as before; the quadratic ellipse is not.",
    },
];

/// The canonical place of the gallery, used in the commands README.md shows.
pub const HOME: &str = "gallery";

/// `fisherballs plot FLAGS -o gallery/FILE`, the command that makes one figure.
pub fn command(entry: &Entry) -> String {
    format!("fisherballs plot {} -o {HOME}/{}", entry.flags, entry.file)
}

/// The spec of an entry written into `dir`, parsed by the same parser as the command line.
pub fn spec(entry: &Entry, dir: &Path) -> Result<PlotSpec> {
    #[derive(Parser)]
    struct Plot {
        #[command(flatten)]
        args: PlotArgs,
    }
    let out = dir.join(entry.file);
    let argv = ["plot"].into_iter().chain(entry.flags.split_whitespace());
    let argv = argv
        .map(String::from)
        .chain(["-o".into(), out.display().to_string()]);
    let plot =
        Plot::try_parse_from(argv).with_context(|| format!("gallery entry {}", entry.file))?;
    Ok(PlotSpec::new(&plot.args)?)
}

/// gallery/README.md: every figure, what it shows, and the command that makes it.
pub fn readme() -> String {
    let mut s = String::from(
        "# Gallery\n\nMade by `fisherballs gallery` (or `cargo run --release -- gallery`); every figure below is\nalso made, byte for byte, by the command under it. Do not edit: regenerate.\n",
    );
    for e in ENTRIES {
        let _ = write!(
            s,
            "\n## {}\n\n{}\n\n![{}]({})\n\n```sh\n{}\n```\n",
            e.file,
            e.about,
            e.file,
            e.file,
            command(e)
        );
    }
    s
}
