//! The one drawing function: a scene onto any plotters backend.
//!
//! Sizes below are in figure pixels for a 1200×900 figure; `scale` converts them to backend
//! pixels (10 for SVG, 2 for the supersampled PNG), and smaller or larger figures scale
//! their text and lines with their size.

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::font::{self, FAMILY};
use super::layout;
use crate::geometry::Interval;
use crate::scene::{PanelScene, Scene, Shading, Shapes};
use crate::style::{Rgb, Theme};

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
struct Units(f64, Theme);

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
        Units(scale * text_scale(scene), scene.theme)
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

/// Why a figure is too small for what it holds.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error(
    "a {width} by {height} pixel figure leaves {cell_w} by {cell_h} pixels to each of its {panels} panel(s), too small for their axes and text (at least {need_w} by {need_h} at this text size); use a larger --width/--height, fewer charts, --no-caption or a smaller --font-size"
)]
pub struct RoomError {
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
pub fn room(scene: &Scene) -> Result<(), RoomError> {
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
    Err(RoomError {
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
pub(super) fn layout(scene: &Scene) -> (usize, usize) {
    let n = scene.panels.len();
    match scene.columns {
        Some(cols) => (n.div_ceil(cols), cols.min(n)),
        None => grid_of(n),
    }
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
    let body = body
        .margin(u.px(MARGIN / 2.0), 0, 0, 0)
        .titled(&scene.title, u.font(fit(&scene.title, TITLE, width, &u)))?;
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

/// Rows and columns for n panels: one row up to three, then two rows.
fn grid_of(n: usize) -> (usize, usize) {
    if n <= 3 { (1, n) } else { (2, n.div_ceil(2)) }
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
    let look = Look {
        panel,
        u,
        line_width,
        names,
        side: area.dim_in_pixel(),
        marked,
    };
    match panel.log_y {
        true => look.draw(&mut builder.build_cartesian_2d(
            x.lo..x.hi,
            (y.lo..y.hi).log_scale().with_key_points(log_ticks(y)),
        )?),
        false => look.draw(&mut builder.build_cartesian_2d(x.lo..x.hi, y.lo..y.hi)?),
    }
}

/// Ticks of a log axis: 1, 2 and 5 times the powers of ten in the range, or every whole
/// multiple (1 to 9) when that gives fewer than four.
fn log_ticks(r: Interval) -> Vec<f64> {
    let decades = r.lo.log10().floor() as i32..=r.hi.log10().ceil() as i32;
    let pick = |steps: &[f64]| -> Vec<f64> {
        decades
            .clone()
            .flat_map(|k| steps.iter().map(move |m| m * 10f64.powi(k)))
            .filter(|v| (r.lo..=r.hi).contains(v))
            .collect()
    };
    let coarse = pick(&[1.0, 2.0, 5.0]);
    match coarse.len() {
        0..=3 => pick(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]),
        _ => coarse,
    }
}

/// What a panel's axes hold, drawn the same on a linear or a logarithmic y axis.
struct Look<'a> {
    panel: &'a PanelScene,
    u: &'a Units,
    line_width: f64,
    /// The axis names' font size.
    names: f64,
    /// The panel's area in backend pixels.
    side: (u32, u32),
    /// The panel's index in the figure, and whom to tell where its balls are.
    marked: (usize, &'a dyn Marks),
}

impl Look<'_> {
    fn draw<'a, DB: DrawingBackend + 'a, Y: Ranged<ValueType = f64> + ValueFormatter<f64>>(
        &self,
        chart: &mut Chart<'a, DB, Y>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let (panel, u, line_width, names) = (self.panel, self.u, self.line_width, self.names);
        chart
            .configure_mesh()
            .x_desc(&panel.x_label)
            .y_desc(&panel.y_label)
            .axis_desc_style(u.font(names))
            .label_style(u.font(TICKS))
            .x_label_formatter(&tick)
            .y_label_formatter(&tick)
            .x_labels(ticks(self.side.0, u, 80.0, 10))
            .y_labels(ticks(self.side.1, u, 55.0, 8))
            .bold_line_style(rgb(u.1.grid).stroke_width(u.px(1.0)))
            .light_line_style(TRANSPARENT)
            .axis_style(u.ink().stroke_width(u.px(1.2)))
            .set_all_tick_mark_size(u.px(6.0))
            .draw()?;
        if let Some(shading) = &panel.shading {
            chart.draw_series(cells(shading))?;
        }
        let marker = rgb(u.1.muted).mix(0.45).filled();
        let r = u.px(1.8);
        chart.draw_series(panel.markers.iter().map(|&p| Circle::new(p, r, marker)))?;
        let (index, marks) = self.marked;
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        marks.begin_balls(index, [xs.start, ys.start, xs.end, ys.end]);
        for shapes in &panel.shapes {
            marks.ball(shapes.first);
            draw_shapes(chart, shapes, u, line_width)?;
        }
        marks.end_balls();
        for curve in &panel.paths {
            let style = rgb(curve.colour)
                .mix(curve.alpha)
                .stroke_width(u.px(line_width * curve.width));
            let series = chart.draw_series(std::iter::once(PathElement::new(
                curve.points.clone(),
                style,
            )))?;
            if !curve.label.is_empty() {
                let (w, h) = (u.px(LEGEND_ICON) as i32, u.px(4.0) as i32);
                series.label(&curve.label).legend(move |(x, y)| {
                    Rectangle::new([(x, y - h / 2), (x + w, y + h / 2)], style.color.filled())
                });
            }
        }
        let labels: Vec<&str> = panel
            .shapes
            .iter()
            .map(|s| s.label.as_str())
            .chain(panel.paths.iter().map(|c| c.label.as_str()))
            .filter(|l| !l.is_empty())
            .collect();
        if !labels.is_empty() {
            let corner = emptiest_corner(chart, panel, &labels, u);
            chart
                .configure_series_labels()
                .position(corner)
                .label_font(u.font(LEGEND))
                .background_style(rgb(u.1.paper).mix(0.9))
                .border_style(u.ink().stroke_width(u.px(1.0)))
                .margin(u.px(10.0))
                .legend_area_size(u.px(LEGEND_ICON + 8.0))
                .draw()?;
        }
        Ok(())
    }
}

/// The corner of the plotting area where the legend covers the fewest drawn points (outline
/// points, centres, curve and marker points), upper left first on a tie: with the headroom
/// the scenes leave above overlaid kinds, an empty one. The legend's size is estimated
/// from its text as plotters lays it out (rows of the legend font, the icon, margins).
fn emptiest_corner<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &Chart<'_, DB, Y>,
    panel: &PanelScene,
    labels: &[&str],
    u: &Units,
) -> SeriesLabelPosition {
    use ab_glyph::{Font, ScaleFont};
    let font = font::font();
    let scaled = font.as_scaled((LEGEND * u.0) as f32);
    let text = labels
        .iter()
        .map(|l| {
            l.chars()
                .map(|c| scaled.h_advance(font.glyph_id(c)))
                .sum::<f32>()
        })
        .fold(0.0f32, f32::max);
    let margin = f64::from(u.px(10.0));
    let w = f64::from(text) + f64::from(u.px(LEGEND_ICON + 8.0)) + 3.0 * margin;
    let h = labels.len() as f64 * LEGEND * 1.5 * u.0 + 3.0 * margin;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let (x0, x1, y0, y1) = (
        f64::from(xs.start),
        f64::from(xs.end),
        f64::from(ys.start),
        f64::from(ys.end),
    );
    let corners = [
        (SeriesLabelPosition::UpperLeft, x0, y0),
        (SeriesLabelPosition::UpperRight, x1 - w, y0),
        (SeriesLabelPosition::LowerLeft, x0, y1 - h),
        (SeriesLabelPosition::LowerRight, x1 - w, y1 - h),
    ];
    let points: Vec<(f64, f64)> = layout::drawn(panel)
        .map(|p| {
            let (px, py) = chart.backend_coord(p);
            (f64::from(px), f64::from(py))
        })
        .collect();
    let boxes = corners.each_ref().map(|&(_, x, y)| (x, y));
    let [c0, c1, c2, c3] = corners.map(|(name, _, _)| name);
    match layout::emptiest(&boxes, (w, h), &points) {
        1 => c1,
        2 => c2,
        3 => c3,
        _ => c0,
    }
}

type Chart<'a, DB, Y> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, Y>>;

/// Translucent fills first, then opaque outlines and centre dots on top of every fill.
fn draw_shapes<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &mut Chart<'_, DB, Y>,
    shapes: &Shapes,
    u: &Units,
    line_width: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let colour = rgb(shapes.colour);
    let fill = colour.mix(shapes.fill_alpha).filled();
    chart.draw_series(
        shapes
            .outlines
            .iter()
            .map(|o| Polygon::new(o.clone(), fill)),
    )?;
    let line = darker(shapes.colour).stroke_width(u.px(line_width));
    let closed = |o: &Vec<(f64, f64)>| o.iter().chain(o.first()).copied().collect::<Vec<_>>();
    let series = match shapes.dash {
        None => chart.draw_series(
            shapes
                .outlines
                .iter()
                .map(|o| PathElement::new(closed(o), line)),
        )?,
        Some((on, off)) => {
            let (on, off) = (u.px(on * line_width), u.px(off * line_width));
            chart.draw_series(
                shapes
                    .outlines
                    .iter()
                    .map(|o| DashedPathElement::new(closed(o), on, off, line)),
            )?
        }
    };
    if !shapes.label.is_empty() {
        let (w, h) = (u.px(LEGEND_ICON) as i32, u.px(12.0) as i32);
        let series = series.label(&shapes.label);
        match shapes.dash {
            // A dashed kind shows its dashes, drawn thick.
            Some((on, off)) => {
                let thick = line.color.stroke_width(u.px(2.0 * line_width));
                let (on, off) = (u.px(on * line_width), u.px(off * line_width));
                series.legend(move |(x, y)| {
                    DashedPathElement::new(vec![(x, y), (x + w, y)], on, off, thick)
                });
            }
            None => {
                series.legend(move |(x, y)| {
                    Rectangle::new([(x, y - h / 2), (x + w, y + h / 2)], line.color.filled())
                });
            }
        }
    }
    let dot = darker(shapes.colour).filled();
    let r = u.px(CENTRE_RADIUS);
    chart.draw_series(shapes.centres.iter().map(|&c| Circle::new(c, r, dot)))?;
    Ok(())
}

/// The panel's ranges, one of them widened about its middle so that a unit of x and of y
/// span the same number of pixels of the plotting area (its size is the area's less the
/// margins, label areas and title that `plot` gives it).
fn equal_aspect<DB: DrawingBackend>(
    panel: &PanelScene,
    area: &DrawingArea<DB, Shift>,
    u: &Units,
) -> (Interval, Interval) {
    let (w, h) = area.dim_in_pixel();
    let title = if panel.title.is_some() {
        PANEL_TITLE * 1.3
    } else {
        0.0
    };
    let w = f64::from(w) - f64::from(u.px(2.0 * MARGIN + Y_AXIS_AREA));
    let h = f64::from(h) - f64::from(u.px(2.0 * MARGIN + X_AXIS_AREA + title));
    let (x, y) = (panel.x_range, panel.y_range);
    let per_px = (x.width() / w).max(y.width() / h);
    let widen = |r: Interval, px: f64| {
        let (mid, half) = (0.5 * (r.lo + r.hi), 0.5 * per_px * px);
        Interval::new(mid - half, mid + half)
    };
    (widen(x, w), widen(y, h))
}

/// The shaded cells as filled rectangles in data coordinates ([`layout::runs`]).
fn cells(s: &Shading) -> Vec<Rectangle<(f64, f64)>> {
    layout::runs(s)
        .into_iter()
        .map(|(c, [x0, y0, x1, y1])| Rectangle::new([(x0, y0), (x1, y1)], rgb(c).filled()))
        .collect()
}

/// A vertical colour bar with its scale and title.
fn colour_bar<DB: DrawingBackend>(
    s: &Shading,
    area: &DrawingArea<DB, Shift>,
    u: &Units,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = s.bar_range;
    let mut bar = ChartBuilder::on(area)
        .margin_top(u.px(MARGIN))
        .margin_bottom(u.px(MARGIN + X_AXIS_AREA))
        .margin_left(u.px(8.0))
        .y_label_area_size(u.px(58.0))
        .build_cartesian_2d(0.0..1.0, r.lo..r.hi)?;
    bar.configure_mesh()
        .disable_x_mesh()
        .disable_x_axis()
        .disable_y_mesh()
        .y_desc(&s.bar_label)
        .axis_desc_style(u.font(TICKS))
        .label_style(u.font(TICKS))
        .y_label_formatter(&tick)
        .y_labels(ticks(area.dim_in_pixel().1, u, 70.0, 8))
        .draw()?;
    let step = r.width() / s.bar.len() as f64;
    bar.draw_series(s.bar.iter().enumerate().map(|(k, &c)| {
        let y0 = r.lo + k as f64 * step;
        Rectangle::new([(0.0, y0), (1.0, y0 + step)], rgb(c).filled())
    }))?;
    Ok(())
}

/// How many tick labels fit along `side` backend pixels, one per `spacing` figure pixels,
/// at most `most` (narrow panels of a comparison get fewer, so their labels never touch).
fn ticks(side: u32, u: &Units, spacing: f64, most: usize) -> usize {
    ((f64::from(side) / u.0 / spacing) as usize).clamp(2, most)
}

/// plotters' own tick text, with a true minus sign (U+2212) for negative numbers, none for
/// a tick that rounds to zero (a grid step can land on −1e−17), and whole numbers written
/// whole (`2`, not `2.0`).
fn tick(v: &f64) -> String {
    use plotters::coord::ranged1d::ValueFormatter;
    use plotters::coord::types::RangedCoordf64;
    let formatted = RangedCoordf64::format(v);
    let text = formatted
        .strip_suffix(".0")
        .unwrap_or(&formatted)
        .to_string();
    match text.strip_prefix('-') {
        Some(digits) if digits.chars().all(|c| c == '0' || c == '.') => digits.to_string(),
        Some(digits) => format!("−{digits}"),
        None => text,
    }
}

/// The outline colour of a fill.
fn darker(c: Rgb) -> RGBColor {
    rgb(crate::style::outline(c))
}
