//! The one drawing function: a scene onto any plotters backend.
//!
//! Sizes below are in figure pixels for a 1200×900 figure; `scale` converts them to backend
//! pixels (100 a pixel for SVG, more for a PNG of more pixels), and smaller or larger figures scale
//! their text and lines with their size.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod axes;
pub(super) mod pgf;
mod place;
mod solve;
mod space;

pub(super) use space::layout;
pub use space::{SpaceError, check_space, layout_notes};

use super::font::{self, FAMILY};
use crate::scene::Scene;
use crate::style::{Rgb, Theme};

const TITLE: f64 = 26.0;
const PANEL_TITLE: f64 = 22.0;
const AXIS_NAME: f64 = 24.0;
const TICKS: f64 = 20.0;
const CAPTION: f64 = 19.0;
const LEGEND: f64 = 19.0;
const LEGEND_ICON: f64 = 26.0;
const MARGIN: f64 = 22.0;
const CAPTION_LINE: f64 = 26.0;
const CENTRE_RADIUS: f64 = 2.6;
const TICK_MARK: f64 = 6.0;
/// Space between a tick mark, its label and an axis name, or a legend's icon and text.
const GAP_UNITS: f64 = 6.0;
const COLOUR_BAR_WIDTH: f64 = 24.0;

/// No text is set smaller than this many figure pixels: 6 pt at its printed size (a figure
/// pixel is 0.75 pt), the least a reader can read (issue 18: captions shrank to 4 pt).
pub(super) const MIN_TEXT_PX: f64 = 8.0;

/// Sizes of the drawing: backend pixels per figure pixel (`scale`) and per design unit
/// (`per`), figure pixels per design unit (`ts`), and the theme's colours.
struct Units {
    per: f64,
    scale: f64,
    ts: f64,
    theme: Theme,
    ground: Rgb,
    /// [`font::em_height`], read once.
    em_height: f64,
    /// Figure pixels of text's em per design unit.
    em_ts: f64,
}

/// Figure pixels per design unit of length, and of text's em. `--font-size` sets both (the
/// tick labels' em, and margins in proportion); else the figure's size does, and the sizes
/// above are line heights of a 1200×900 figure's text (its tick labels' em is 20 / 1.164 =
/// 17.2 pixels: [`font::em_height`]).
pub(super) fn text_scale(scene: &Scene) -> (f64, f64) {
    let page = scene.canvas;
    match page.font_px {
        Some(px) => (px / TICKS, px / TICKS),
        None => {
            let fit = (f64::from(page.width) / 1200.0).min(f64::from(page.height) / 900.0);
            let fit = fit.clamp(0.4, 3.0);
            (fit, fit / font::em_height())
        }
    }
}

impl Units {
    fn new(scene: &Scene, scale: f64) -> Self {
        let (ts, em) = text_scale(scene);
        Units {
            per: scale * ts,
            scale,
            ts,
            em_ts: em,
            theme: scene.theme,
            ground: scene.ground(),
            em_height: font::em_height(),
        }
    }
    fn ink(&self) -> RGBColor {
        rgb(self.theme.ink)
    }
    /// A length of `v` design units in whole backend pixels (at least one).
    fn px(&self, v: f64) -> u32 {
        (v * self.per).round().max(1.0) as u32
    }
    /// A length of `v` design units in backend pixels.
    fn len(&self, v: f64) -> f64 {
        v * self.per
    }
    /// Text asked for at `v` design units: the height of its line (what plotters scales
    /// text by) in backend pixels, for an em of `v` figure pixels, never under
    /// [`MIN_TEXT_PX`] ([`font::em_height`]).
    fn text(&self, v: f64) -> f64 {
        (v * self.em_ts).max(MIN_TEXT_PX) * self.em_height * self.scale
    }
    /// The em of text of line height `size` (backend pixels, as [`Units::text`] gives).
    fn em(&self, size: f64) -> f64 {
        size / self.em_height
    }
    fn text_scale(&self) -> f64 {
        self.ts
    }
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c[0], c[1], c[2])
}

/// Told, as the drawing goes, where each panel's balls and each ball begin and end: the
/// page's SVG wraps them in groups its script finds; a figure's SVG ignores it ([`Unmarked`]).
/// plotters draws each element as it is given, so marks fall between the right elements.
pub(super) trait Marks {
    /// Panel `panel`'s balls begin; `area` is its plotting area (x0, y0, x1, y1) in backend
    /// pixels.
    fn begin_balls(&self, panel: usize, area: [i32; 4]);
    /// The shapes of ball `ball` follow (until the next ball or the end).
    fn ball(&self, ball: usize);
    /// The panel's balls end.
    fn end_balls(&self);
}

/// No marks: a figure.
pub(super) struct Unmarked;

impl Marks for Unmarked {
    fn begin_balls(&self, _: usize, _: [i32; 4]) {}
    fn ball(&self, _: usize) {}
    fn end_balls(&self) {}
}

/// Draws `scene` on `backend`, whose size is the scene's times `scale`.
pub fn draw<DB: DrawingBackend>(
    scene: &Scene,
    backend: DB,
    scale: f64,
    marks: &dyn Marks,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    font::register();
    let u = Units::new(scene, scale);
    let root = backend.into_drawing_area();
    let (w, h) = root.dim_in_pixel();
    // `check_space` has refused what cannot be laid out before anything is drawn.
    let plan = solve::plan(scene, &u, (f64::from(w), f64::from(h)), solve::Keep::Both)
        .map_err(|_| DrawingAreaErrorKind::LayoutError)?;
    if let Some(ground) = scene.background {
        root.fill(&rgb(ground))?;
    }
    for line in place::page_lines(&plan, f64::from(w), &u) {
        set(&root, &line, &u)?;
    }
    for (i, (panel, laid)) in scene.panels.iter().zip(&plan.panels).enumerate() {
        axes::plot(&root, panel, laid, &u, scene.line_width, (i, marks))?;
    }
    if let (Some(legend), Some(first)) = (&plan.legend, scene.panels.first()) {
        axes::draw_legend(&root, first, legend, &u, scene.line_width)?;
    }
    root.present()
}

/// A placed line of text ([`place::Line`]), in the ink its role takes.
fn set<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    line: &place::Line,
    u: &Units,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let ink = match line.role {
        place::Role::Caption => u.theme.muted,
        _ => u.theme.ink,
    };
    let style = (FAMILY, line.size).into_font().color(&rgb(ink));
    let (x, y) = line.at;
    let (style, pos) = match line.anchor {
        place::Anchor::Top => (style, Pos::new(HPos::Center, VPos::Top)),
        place::Anchor::Right => (style, Pos::new(HPos::Right, VPos::Center)),
        place::Anchor::Left => (style, Pos::new(HPos::Left, VPos::Center)),
        place::Anchor::Upward => (
            style.transform(FontTransform::Rotate270),
            Pos::new(HPos::Center, VPos::Top),
        ),
    };
    let at = (x.round() as i32, y.round() as i32);
    area.draw(&Text::new(line.text.as_str(), at, style.pos(pos)))
}
