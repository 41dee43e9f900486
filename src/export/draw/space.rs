//! Whether a figure has space for what it holds, and how its panels are laid out.

use super::Units;
use super::solve::{self, Keep, Plan};
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

/// The figure laid out `scale` backend units a figure pixel, keeping at most `most` of its
/// optional text; the units it was laid out in.
pub(super) fn planned(scene: &Scene, scale: f64, most: Keep) -> Result<(Plan, Units), SpaceError> {
    let u = Units::new(scene, scale);
    let page = scene.canvas;
    let size = (
        scale * f64::from(page.width),
        scale * f64::from(page.height),
    );
    match solve::plan(scene, &u, size, most) {
        Ok(plan) => Ok((plan, u)),
        Err(solve::Cramped(what)) => Err(SpaceError {
            width: page.width,
            height: page.height,
            panels: scene.panels.len(),
            what,
        }),
    }
}

/// Checks that the figure can be laid out: every text line at its size within the page,
/// at least three apart tick labels on each axis, and a plotting area worth drawing.
pub fn check_space(scene: &Scene) -> Result<(), SpaceError> {
    planned(scene, 1.0, Keep::Both).map(|_| ())
}

/// What the reader of a drawn figure should know of its layout: a caption or title left out
/// for want of room. `caption` says whether the format sets the caption at all (a `.tex`
/// leaves it to the document).
pub fn layout_notes(scene: &Scene, caption: bool) -> Vec<String> {
    let most = if caption { Keep::Both } else { Keep::Title };
    let page = scene.canvas;
    let left_out = planned(scene, 1.0, most).map(|(plan, _)| plan.left_out);
    let (what, it) = match left_out {
        Ok(Keep::Title) if most == Keep::Both => ("the caption was", "it"),
        Ok(Keep::Neither) if scene.caption.is_some() && most == Keep::Both => {
            ("the caption and the title were", "them")
        }
        Ok(Keep::Neither) if !scene.title.trim().is_empty() => ("the title was", "it"),
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
