//! The one drawing function: a scene onto any plotters backend.
//!
//! Sizes below are in figure pixels for a 1200×900 figure; `scale` converts them to backend
//! pixels (100 a pixel for SVG, more for a PNG of more pixels), and smaller or larger figures scale
//! their text and lines with their size.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod axes;
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
}

/// Figure pixels per design unit (the sizes above are for a 1200×900 figure): set by
/// `--font-size`, else by the figure's size.
pub(super) fn text_scale(scene: &Scene) -> f64 {
    let page = scene.canvas;
    match page.font_px {
        Some(px) => px / TICKS,
        None => (f64::from(page.width) / 1200.0)
            .min(f64::from(page.height) / 900.0)
            .clamp(0.4, 3.0),
    }
}

impl Units {
    fn new(scene: &Scene, scale: f64) -> Self {
        let ts = text_scale(scene);
        Units {
            per: scale * ts,
            scale,
            ts,
            theme: scene.theme,
            ground: scene.ground(),
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
    /// Text asked for at `v` design units, in backend pixels: never under [`MIN_TEXT_PX`].
    fn text(&self, v: f64) -> f64 {
        (v * self.ts).max(MIN_TEXT_PX) * self.scale
    }
    fn text_scale(&self) -> f64 {
        self.ts
    }
    fn font(&self, v: f64) -> TextStyle<'static> {
        (FAMILY, self.text(v)).into_font().color(&self.ink())
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
    let plan = solve::plan(scene, &u, (f64::from(w), f64::from(h)))
        .map_err(|_| DrawingAreaErrorKind::LayoutError)?;
    if let Some(ground) = scene.background {
        root.fill(&rgb(ground))?;
    }
    let centre = f64::from(w) / 2.0;
    let mut top = 0.5 * u.len(MARGIN);
    for line in &plan.title {
        text(&root, line, (centre, top), u.font(TITLE), HPos::Center)?;
        top += 1.25 * u.text(TITLE);
    }
    let muted = rgb(u.theme.muted);
    for (i, line) in plan.caption.iter().enumerate() {
        let y = plan.caption_top + i as f64 * CAPTION_LINE / CAPTION * u.text(CAPTION);
        let style = u.font(CAPTION).color(&muted);
        text(&root, line, (centre, y), style, HPos::Center)?;
    }
    for (i, (panel, laid)) in scene.panels.iter().zip(&plan.panels).enumerate() {
        axes::plot(&root, panel, laid, &u, scene.line_width, (i, marks))?;
    }
    if let (Some(legend), Some(first)) = (&plan.legend, scene.panels.first()) {
        axes::draw_legend(&root, first, legend, &u, scene.line_width)?;
    }
    root.present()
}

/// `line` with its top at `at` (backend pixels), placed by `h` horizontally.
fn text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    line: &str,
    (x, y): (f64, f64),
    style: TextStyle<'_>,
    h: HPos,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = style.pos(Pos::new(h, VPos::Top));
    area.draw(&Text::new(
        line,
        (x.round() as i32, y.round() as i32),
        style,
    ))
}
