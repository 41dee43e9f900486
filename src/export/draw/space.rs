//! Whether a figure has space for what it holds, and how its panels are laid out.

use super::{Units, solve};
use crate::scene::Scene;

/// Why a figure is too small for what it holds: the layout ([`solve::plan`]) found no room
/// for `what` at this text size.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error(
    "a {width} by {height} pixel figure with {panels} panel(s) is too small for their axes and text at this text size: no room for {what}; use a larger --width/--height, fewer charts, --no-caption, --no-title or a smaller --font-size"
)]
pub struct SpaceError {
    width: u32,
    height: u32,
    panels: usize,
    what: String,
}

/// Checks that the figure can be laid out: every text line at its size within the page,
/// at least three apart tick labels on each axis, and a plotting area worth drawing.
pub fn check_space(scene: &Scene) -> Result<(), SpaceError> {
    let u = Units::new(scene, 1.0);
    let page = scene.canvas;
    let size = (f64::from(page.width), f64::from(page.height));
    match solve::plan(scene, &u, size) {
        Ok(_) => Ok(()),
        Err(solve::Cramped(what)) => Err(SpaceError {
            width: page.width,
            height: page.height,
            panels: scene.panels.len(),
            what,
        }),
    }
}

/// What the reader of a drawn figure should know of its layout: a caption or title left out
/// for want of room.
pub fn layout_notes(scene: &Scene) -> Vec<String> {
    let u = Units::new(scene, 1.0);
    let page = scene.canvas;
    let size = (f64::from(page.width), f64::from(page.height));
    let (what, it) = match solve::plan(scene, &u, size).map(|plan| plan.left_out) {
        Ok(solve::Keep::Title) => ("the caption was", "it"),
        Ok(solve::Keep::Neither) if scene.caption.is_some() => {
            ("the caption and the title were", "them")
        }
        Ok(solve::Keep::Neither) => ("the title was", "it"),
        _ => return Vec::new(),
    };
    vec![format!(
        "{what} left out: a {} by {} pixel figure has no room for {it} beside its panels at this text size (a larger --width/--height or a smaller --font-size keeps them; --no-caption and --no-title silence this)",
        page.width, page.height
    )]
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
