//! spec → geometry → scene → bytes, for one figure.

use std::path::Path;

use anyhow::Result;

use crate::geometry::BallError;
use crate::spec::{FigureSpec, Format, MleSpec, NatgradSpec};
use crate::{json, mle, natgrad, panels, render, scene};

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

    /// The bytes of the file the request asks for.
    pub fn bytes(&self) -> Result<Vec<u8>> {
        match self {
            Request::Figure(spec) => figure_bytes(spec),
            Request::Mle(spec) => mle_bytes(spec),
            Request::Natgrad(spec) => natgrad_bytes(spec),
        }
    }
}

/// The bytes of a figure of balls.
pub fn figure_bytes(spec: &FigureSpec) -> Result<Vec<u8>> {
    let panels = panels::compute(spec)?;
    match spec.format {
        Format::Json => Ok(json::to_bytes(spec, &panels)?),
        format => draw(&scene::build(spec, &panels), format),
    }
}

/// A scene as SVG or PNG bytes, once it is checked to hold only what a backend can draw.
fn draw(scene: &scene::Scene, format: Format) -> Result<Vec<u8>> {
    scene::check(scene)?;
    render::room(scene)?;
    Ok(match format {
        Format::Png => render::to_png(scene)?,
        Format::Pdf => render::to_pdf(scene)?,
        Format::Tex => render::to_tex(scene),
        _ => render::to_svg(scene),
    })
}

/// The bytes of a maximum-likelihood figure.
pub fn mle_bytes(spec: &MleSpec) -> Result<Vec<u8>> {
    let estimates = mle::gaussian_estimates(spec.truth, spec.n, spec.trials, spec.seed);
    let views = spec
        .charts
        .iter()
        .map(|&c| mle::view(&*spec.family, c, spec.truth, &estimates, spec.n, spec.points))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| match e {
            BallError::NotClosed { x, y, domain, .. } => anyhow::anyhow!(
                "the 2-s.d. ellipse of N(θ, F⁻¹/n) around ({x:?}, {y:?}) crosses the edge of the chart ({domain}) at n = {}; use a larger --n or another chart",
                spec.n
            ),
            other => other.into(),
        })?;
    match spec.format {
        Format::Json => Ok(json::mle_to_bytes(spec, &views)?),
        format => draw(&scene::mle(spec, &views), format),
    }
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
