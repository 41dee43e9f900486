//! An animated PNG (APNG, a PNG with the acTL, fcTL and fdAT chunks of the APNG
//! specification; every current browser plays it): the figure's frames, each drawn as its PNG
//! is ([`super::png::pixmap`]), one second a frame, looping. Viewers that do not animate show
//! the first frame. Encoded by the `png` crate, whose output depends only on the pixels.

use anyhow::{Result, bail};

use super::png::{pixmap, straight_rgba, with_resolution};
use crate::scene::Figure;

/// How long each frame shows, in seconds (numerator, denominator).
const FRAME_DELAY: (u16, u16) = (1, 1);

pub(super) fn bytes(figure: &dyn Figure) -> Result<Vec<u8>> {
    let Some(frames) = figure.frames() else {
        bail!("this figure has no animation; write .svg, .png, .pdf, .tex or .json");
    };
    if frames.is_empty() {
        bail!("this figure has no frames to animate");
    }
    for scene in &frames {
        super::checked(scene)?;
    }
    let pixmaps = frames.iter().map(pixmap).collect::<Result<Vec<_>, _>>()?;
    let (w, h) = (pixmaps[0].width(), pixmaps[0].height());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    // Opaque frames as RGB (a quarter smaller), as the PNG exporter writes them.
    let opaque = frames[0].background.is_some();
    encoder.set_color(match opaque {
        true => png::ColorType::Rgb,
        false => png::ColorType::Rgba,
    });
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_animated(pixmaps.len() as u32, 0)?;
    encoder.set_frame_delay(FRAME_DELAY.0, FRAME_DELAY.1)?;
    let mut writer = encoder.write_header()?;
    for p in &pixmaps {
        let rgba = straight_rgba(p);
        match opaque {
            true => {
                let rgb: Vec<u8> = rgba
                    .chunks_exact(4)
                    .flat_map(|c| [c[0], c[1], c[2]])
                    .collect();
                writer.write_image_data(&rgb)?;
            }
            false => writer.write_image_data(&rgba)?,
        }
    }
    writer.finish()?;
    Ok(with_resolution(out, frames[0].canvas.png_scale * 96.0))
}
