//! spec → geometry → scene → bytes, for one figure.

use std::path::Path;

use anyhow::Result;

use crate::geometry::ball::first_overlap;
use crate::geometry::{BallError, Typed};
use crate::request::{FigureKind, FigureSpec, Format, MleSpec, NatgradSpec};
use crate::{json, mle, natgrad, page, panels, render, scene};

/// A validated request for one file.
pub enum Request {
    /// plot, compare, geodesic: balls (and paths) in panels.
    Figure(FigureSpec),
    /// mle: estimates, raw and whitened.
    Mle(MleSpec),
    /// natgrad: plain and natural gradient descent.
    Natgrad(NatgradSpec),
}

impl Request {
    pub fn output(&self) -> &Path {
        match self {
            Request::Figure(s) => &s.output,
            Request::Mle(s) => &s.output,
            Request::Natgrad(s) => &s.output,
        }
    }

    /// The bytes of the file the request asks for, and what the user should know of them.
    pub fn bytes(&self) -> Result<Drawn> {
        match self {
            Request::Figure(spec) => figure_bytes(spec),
            Request::Mle(spec) => mle_bytes(spec),
            Request::Natgrad(spec) => Ok(Drawn::plain(natgrad_bytes(spec)?)),
        }
    }
}

/// A file's bytes, with notes for stderr (a figure drawn as asked that may not read well).
pub struct Drawn {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

impl Drawn {
    fn plain(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            notes: Vec::new(),
        }
    }
}

/// A thinner grid for balls that touch: as many fewer centres each way as the balls are
/// larger than the family's default level's (`ratio` = L/L₀; their size goes as √L), and at
/// least a quarter fewer.
fn fewer((nx, ny): (usize, usize), ratio: f64) -> (usize, usize) {
    let grow = ratio.sqrt().max(4.0 / 3.0);
    let thin = |n: usize| ((n as f64 / grow).floor() as usize).max(1);
    (thin(nx), thin(ny))
}

/// The bytes of a figure of balls. A default grid whose balls touch in the first chart is
/// thinned until they do not; a grid asked for is drawn as it is, with a note.
pub fn figure_bytes(spec: &FigureSpec) -> Result<Drawn> {
    let mut spec = spec.clone();
    let mut notes = Vec::new();
    let panels = loop {
        let panels = panels::compute(&spec)?;
        let gridded = matches!(
            spec.kind,
            FigureKind::Balls | FigureKind::Jeffreys | FigureKind::Compare
        );
        let (nx, ny) = spec.grid;
        let touching = panels[0]
            .layers
            .iter()
            .find_map(|l| first_overlap(&l.balls, nx));
        match touching {
            Some(_) if gridded && !spec.grid_given && (nx, ny) != (1, 1) => {
                spec.grid = fewer(spec.grid, spec.level.kl() / spec.family.default_kl());
            }
            Some((i, k)) if gridded => {
                notes.push(format!(
                    "balls {} and {} (row by row from the bottom left) overlap at --grid {nx}x{ny} with L = {}; a smaller --grid or level keeps them apart",
                    i + 1,
                    k + 1,
                    Typed(spec.level.kl())
                ));
                break panels;
            }
            _ => break panels,
        }
    };
    let bytes = match spec.format {
        Format::Json => json::to_bytes(&spec, &panels)?,
        Format::Html => {
            let (page, left_out) = page::build(&spec, panels)?;
            for s in &page.scenes {
                scene::check(s)?;
                render::room(s)?;
            }
            notes.extend(left_out);
            render::to_page(&page)?
        }
        format => draw(&scene::build(&spec, &panels), format)?,
    };
    Ok(Drawn { bytes, notes })
}

/// A scene as SVG or PNG bytes, once it is checked to hold only what a backend can draw.
fn draw(scene: &scene::Scene, format: Format) -> Result<Vec<u8>> {
    scene::check(scene)?;
    render::room(scene)?;
    Ok(match format {
        Format::Png => render::to_png(scene)?,
        Format::Pdf => render::to_pdf(scene)?,
        Format::Tex => render::to_tex(scene),
        Format::Svg => render::to_svg(scene),
        Format::Json | Format::Html => unreachable!("JSON and pages are not drawn from one scene"),
    })
}

/// The bytes of a maximum-likelihood figure; a note when some samples had no estimate.
pub fn mle_bytes(spec: &MleSpec) -> Result<Drawn> {
    let found = mle::estimates(&*spec.family, spec.truth, spec.n, spec.trials, spec.seed);
    let why = found.reason.map_or("", |r| r.0);
    if found.thetas.len() < 2 {
        anyhow::bail!(
            "{} of {} samples of n = {} had no maximum-likelihood estimate ({why}); use a larger --n or a --at farther from the edge of the domain",
            found.missing,
            spec.trials,
            spec.n
        );
    }
    let views = spec
        .charts
        .iter()
        .map(|&c| mle::view(&*spec.family, c, spec.truth, &found.thetas, spec.n, spec.points))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| match e {
            BallError::NotClosed { x, y, domain, .. } => anyhow::anyhow!(
                "the 2-s.d. ellipse of N(θ, F⁻¹/n) around ({x:?}, {y:?}) crosses the edge of the chart ({domain}) at n = {}; use a larger --n or another chart",
                spec.n
            ),
            other => other.into(),
        })?;
    let notes = match found.missing {
        0 => Vec::new(),
        k => vec![format!(
            "{k} of {} samples of n = {} had no maximum-likelihood estimate ({why}); they are left out (a larger --n makes them rarer)",
            spec.trials, spec.n
        )],
    };
    let bytes = match spec.format {
        Format::Json => json::mle_to_bytes(spec, &views, found.missing)?,
        format => draw(&scene::mle(spec, &views, found.missing), format)?,
    };
    Ok(Drawn { bytes, notes })
}

/// The bytes of a gradient-descent figure.
pub fn natgrad_bytes(spec: &NatgradSpec) -> Result<Vec<u8>> {
    let descents = natgrad::run(
        &*spec.family,
        &spec.charts,
        spec.target,
        &spec.starts,
        spec.step,
        spec.steps,
    )?;
    let views = natgrad::views(&spec.charts, spec.target, &descents);
    match spec.format {
        Format::Json => Ok(json::natgrad_to_bytes(spec, &descents, &views)?),
        format => draw(&scene::natgrad(spec, &descents, &views), format),
    }
}
