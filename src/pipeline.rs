//! spec → geometry → scene → bytes, for one figure.

use anyhow::Result;

use crate::spec::{FigureSpec, Format};
use crate::{figure, json, render, scene};

/// The bytes of the file a spec asks for.
pub fn figure_bytes(spec: &FigureSpec) -> Result<Vec<u8>> {
    let panels = figure::compute(spec)?;
    Ok(match spec.format {
        Format::Json => json::to_bytes(spec, &panels),
        Format::Svg => render::to_svg(&scene::build(spec, &panels)),
        Format::Png => render::to_png(&scene::build(spec, &panels))?,
    })
}
