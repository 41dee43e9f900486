//! The one drawing function: a scene onto any plotters backend.
//!
//! Sizes below are in figure pixels for a 1200×900 figure; `scale` converts them to backend
//! pixels (100 a pixel for SVG, more for a PNG of more pixels), and smaller or larger figures scale
//! their text and lines with their size.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod axes;
mod space;

pub(super) use space::layout;
pub use space::{SpaceError, check_space};

use super::font::{self, FAMILY};
use crate::scene::{PanelScene, Scene};
use crate::style::{Rgb, Theme};
use axes::{Axes, colour_bar, equal_aspect, log_ticks};

const TITLE: f64 = 30.0;
const PANEL_TITLE: f64 = 24.0;
const AXIS_NAME: f64 = 26.0;
const TICKS: f64 = 20.0;
const CAPTION: f64 = 19.0;
const LEGEND: f64 = 19.0;
const LEGEND_ICON: f64 = 26.0;
const MARGIN: f64 = 22.0;
const X_AXIS_AREA: f64 = 72.0;
const Y_AXIS_AREA: f64 = 96.0;
const CAPTION_LINE: f64 = 26.0;
const CENTRE_RADIUS: f64 = 2.6;
const COLOUR_BAR: f64 = 125.0;

/// Backend pixels per figure pixel, and the theme's colours (everything that is not data).
struct Units(f64, Theme, Rgb);

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
        Units(scale * text_scale(scene), scene.theme, scene.ground())
    }
    fn ink(&self) -> RGBColor {
        rgb(self.1.ink)
    }
    fn px(&self, v: f64) -> u32 {
        (v * self.0).round().max(1.0) as u32
    }
    fn font(&self, v: f64) -> TextStyle<'static> {
        (FAMILY, v * self.0).into_font().color(&self.ink())
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
    if let Some(ground) = scene.background {
        root.fill(&rgb(ground))?;
    }
    let body = match &scene.caption {
        Some(caption) => {
            let lines = caption.lines().count() as f64;
            let height = root.dim_in_pixel().1;
            let (main, foot) = root.split_vertically(height - u.px(CAPTION_LINE * lines + MARGIN));
            draw_caption(&foot, caption, &u)?;
            main
        }
        None => root.clone(),
    };
    // A long title shrinks to the figure's width (less a margin each side), never clipped.
    let width = f64::from(root.dim_in_pixel().0) - 2.0 * f64::from(u.px(MARGIN));
    let body = body.margin(u.px(MARGIN / 2.0), 0, 0, 0);
    // An empty title (`--title ""`) takes no band: the panels have its room.
    let body = match scene.title.trim().is_empty() {
        true => body,
        false => body.titled(&scene.title, u.font(fit(&scene.title, TITLE, width, &u)))?,
    };
    let areas = body.split_evenly(layout(scene));
    for (i, (panel, area)) in scene.panels.iter().zip(&areas).enumerate() {
        plot(panel, area, &u, scene.line_width, (i, marks))?;
    }
    root.present()
}

/// The font size (figure pixels) at which `text`, asked for at `size`, fits in `width`
/// backend pixels: `size` itself when it fits, smaller in proportion when not.
fn fit(text: &str, size: f64, width: f64, u: &Units) -> f64 {
    use ab_glyph::{Font, ScaleFont};
    let font = font::font();
    let scaled = font.as_scaled((size * u.0) as f32);
    let advance: f32 = text
        .chars()
        .map(|c| scaled.h_advance(font.glyph_id(c)))
        .sum();
    let advance = f64::from(advance);
    if advance <= width || advance == 0.0 {
        size
    } else {
        size * width / advance
    }
}

fn draw_caption<DB: DrawingBackend>(
    foot: &DrawingArea<DB, Shift>,
    caption: &str,
    u: &Units,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let muted = rgb(u.1.muted);
    let centre = foot.dim_in_pixel().0 as i32 / 2;
    // A long caption line (a long chart list, a user's labels) shrinks to the width.
    let width = f64::from(foot.dim_in_pixel().0) - 2.0 * f64::from(u.px(MARGIN));
    for (i, line) in caption.lines().enumerate() {
        let y = u.px(CAPTION_LINE * i as f64) as i32;
        let style = u
            .font(fit(line, CAPTION, width, u))
            .color(&muted)
            .pos(Pos::new(HPos::Center, VPos::Top));
        foot.draw(&Text::new(line, (centre, y), style))?;
    }
    Ok(())
}

fn plot<DB: DrawingBackend>(
    panel: &PanelScene,
    area: &DrawingArea<DB, Shift>,
    u: &Units,
    line_width: f64,
    marked: (usize, &dyn Marks),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let area = &match &panel.shading {
        Some(shading) => {
            let width = area.dim_in_pixel().0;
            let (main, bar) = area.split_horizontally(width - u.px(COLOUR_BAR));
            colour_bar(shading, &bar, u)?;
            main
        }
        None => area.clone(),
    };
    let (x, y) = match panel.equal_aspect {
        true => equal_aspect(panel, area, u),
        false => (panel.x_range, panel.y_range),
    };
    // Panel titles and axis names shrink, like the figure's title, to the room they have.
    let (w, h) = area.dim_in_pixel();
    let room = |side: u32, less: f64| f64::from(side) - f64::from(u.px(less));
    let mut builder = ChartBuilder::on(area);
    if let Some(title) = &panel.title {
        builder.caption(title, u.font(fit(title, PANEL_TITLE, room(w, MARGIN), u)));
    }
    let names = fit(
        &panel.x_label,
        AXIS_NAME,
        room(w, Y_AXIS_AREA + 2.0 * MARGIN),
        u,
    )
    .min(fit(
        &panel.y_label,
        AXIS_NAME,
        room(h, X_AXIS_AREA + 2.0 * MARGIN),
        u,
    ));
    builder
        .margin(u.px(MARGIN))
        .x_label_area_size(u.px(X_AXIS_AREA))
        .y_label_area_size(u.px(Y_AXIS_AREA));
    let axes = Axes {
        panel,
        u,
        line_width,
        names,
        side: area.dim_in_pixel(),
        marked,
    };
    match panel.log_y {
        true => axes.draw(&mut builder.build_cartesian_2d(
            x.lo..x.hi,
            (y.lo..y.hi).log_scale().with_key_points(log_ticks(y)),
        )?),
        false => axes.draw(&mut builder.build_cartesian_2d(x.lo..x.hi, y.lo..y.hi)?),
    }
}
