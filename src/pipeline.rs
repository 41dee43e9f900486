//! spec → geometry → scene → bytes, for one figure.

use anyhow::Result;

use crate::spec::{Format, PlotSpec};
use crate::{figure, json, render, scene};

/// The bytes of the file a spec asks for.
pub fn figure_bytes(spec: &PlotSpec) -> Result<Vec<u8>> {
    let layers = figure::compute(spec)?;
    Ok(match spec.format {
        Format::Json => json::to_bytes(spec, &layers),
        Format::Svg => render::to_svg(&scene::build(spec, &layers)),
        Format::Png => render::to_png(&scene::build(spec, &layers))?,
    })
}
