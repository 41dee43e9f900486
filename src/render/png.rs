//! PNG: the scene drawn at twice the size, then averaged 2×2 into anti-aliased pixels;
//! `scene.scale` sets the pixels per figure pixel.

use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use plotters::prelude::BitMapBackend;

use super::draw;
use crate::scene::Scene;

/// Supersampling factor: plotters' bitmap backend does not anti-alias, so each figure
/// pixel is the mean of SS×SS drawn ones (a box filter; image's resize filters were
/// measured 20–30× slower for the same result at this factor, shared/PLOTTING.md).
const SS: u32 = 2;

/// The figure as PNG bytes.
pub fn to_png(scene: &Scene) -> Result<Vec<u8>, image::ImageError> {
    let px = |v: u32| (f64::from(v) * scene.scale).round() as u32;
    let (w, h) = (px(scene.width), px(scene.height));
    let mut big = vec![0u8; (w * SS * h * SS * 3) as usize];
    let backend = BitMapBackend::with_buffer(&mut big, (w * SS, h * SS));
    if let Err(e) = draw::draw(scene, backend, f64::from(SS) * scene.scale) {
        unreachable!("drawing into memory cannot fail: {e}");
    }
    let small = downsample(&big, w, h);
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Adaptive)
        .write_image(&small, w, h, image::ExtendedColorType::Rgb8)?;
    Ok(bytes)
}

/// Box-averages an RGB image of (w·SS)×(h·SS) into w×h.
fn downsample(big: &[u8], w: u32, h: u32) -> Vec<u8> {
    let (w, h, ss) = (w as usize, h as usize, SS as usize);
    let stride = w * ss * 3;
    let mut small = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            for c in 0..3 {
                let mut sum = 0u32;
                for dy in 0..ss {
                    for dx in 0..ss {
                        sum += u32::from(big[(y * ss + dy) * stride + (x * ss + dx) * 3 + c]);
                    }
                }
                let n = (ss * ss) as u32;
                small[(y * w + x) * 3 + c] = ((sum + n / 2) / n) as u8;
            }
        }
    }
    small
}
