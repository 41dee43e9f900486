//! Whether a figure has space for what it holds, and how its panels are laid out.

use super::{
    CAPTION_LINE, COLOUR_BAR, MARGIN, PANEL_TITLE, TITLE, Units, X_AXIS_AREA, Y_AXIS_AREA,
};
use crate::scene::Scene;

/// Why a figure is too small for what it holds.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error(
    "a {width} by {height} pixel figure leaves {cell_w} by {cell_h} pixels to each of its {panels} panel(s), too small for their axes and text (at least {need_w} by {need_h} at this text size); use a larger --width/--height, fewer charts, --no-caption or a smaller --font-size"
)]
pub struct SpaceError {
    width: u32,
    height: u32,
    panels: usize,
    cell_w: u32,
    cell_h: u32,
    need_w: u32,
    need_h: u32,
}

/// The smallest plotting area worth drawing, in figure pixels of a 1200×900 figure.
const MIN_PLOT: f64 = 60.0;

/// Checks that every panel has room for its axes, labels and a plotting area of at least
/// [`MIN_PLOT`] (all in text units, which `--font-size` or the figure's size set).
pub fn check_space(scene: &Scene) -> Result<(), SpaceError> {
    let u = Units::new(scene, 1.0);
    let (rows, cols) = layout(scene);
    let page = scene.canvas;
    let lines = scene.caption.as_ref().map_or(0, |c| c.lines().count()) as f64;
    let caption = lines * CAPTION_LINE + if lines > 0.0 { MARGIN } else { 0.0 };
    let top = 1.4 * TITLE + MARGIN / 2.0;
    let title = if scene.panels.iter().any(|p| p.title.is_some()) {
        1.3 * PANEL_TITLE
    } else {
        0.0
    };
    let bar = if scene.panels.iter().any(|p| p.shading.is_some()) {
        COLOUR_BAR
    } else {
        0.0
    };
    let cell_w = f64::from(page.width) / cols as f64;
    let cell_h = (f64::from(page.height) - u.0 * (caption + top)) / rows as f64;
    let need_w = u.0 * (Y_AXIS_AREA + 2.0 * MARGIN + MIN_PLOT + bar);
    let need_h = u.0 * (X_AXIS_AREA + 2.0 * MARGIN + MIN_PLOT + title);
    if cell_w >= need_w && cell_h >= need_h {
        return Ok(());
    }
    Err(SpaceError {
        width: page.width,
        height: page.height,
        panels: scene.panels.len(),
        cell_w: cell_w.max(0.0) as u32,
        cell_h: cell_h.max(0.0) as u32,
        need_w: need_w.ceil() as u32,
        need_h: need_h.ceil() as u32,
    })
}

/// Rows and columns of panels.
pub(in crate::export) fn layout(scene: &Scene) -> (usize, usize) {
    let n = scene.panels.len();
    match scene.columns {
        Some(cols) => (n.div_ceil(cols), cols.min(n)),
        None => grid_of(n),
    }
}

/// Rows and columns for n panels: one row up to three, then two rows.
fn grid_of(n: usize) -> (usize, usize) {
    if n <= 3 { (1, n) } else { (2, n.div_ceil(2)) }
}
