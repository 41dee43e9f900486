//! A panel's axes and what is drawn in them: ticks (linear and log), the shapes, the
//! legend's corner, the shading and its colour bar.

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::{
    CENTRE_RADIUS, LEGEND, LEGEND_ICON, MARGIN, Marks, PANEL_TITLE, TICKS, Units, X_AXIS_AREA,
    Y_AXIS_AREA, rgb,
};
use crate::export::{font, layout};
use crate::geometry::Interval;
use crate::scene::{PanelScene, Shading, Shapes};
use crate::style::Rgb;

/// Ticks of a log axis: 1, 2 and 5 times the powers of ten in the range, or every whole
/// multiple (1 to 9) when that gives fewer than four.
pub(super) fn log_ticks(r: Interval) -> Vec<f64> {
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
pub(super) struct Axes<'a> {
    pub(super) panel: &'a PanelScene,
    pub(super) u: &'a Units,
    pub(super) line_width: f64,
    /// The axis names' font size.
    pub(super) names: f64,
    /// The panel's area in backend pixels.
    pub(super) side: (u32, u32),
    /// The panel's index in the figure, and whom to tell where its balls are.
    pub(super) marked: (usize, &'a dyn Marks),
}

impl Axes<'_> {
    pub(super) fn draw<
        'a,
        DB: DrawingBackend + 'a,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    >(
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
            let ground = panel.shading.is_none().then_some(u.2);
            draw_shapes(chart, shapes, u, line_width, ground)?;
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
pub(super) fn emptiest_corner<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
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
pub(super) fn draw_shapes<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &mut Chart<'_, DB, Y>,
    shapes: &Shapes,
    u: &Units,
    line_width: f64,
    ground: Option<Rgb>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let colour = rgb(shapes.colour);
    let fill = colour.mix(shapes.fill_alpha).filled();
    chart.draw_series(
        shapes
            .outlines
            .iter()
            .map(|o| Polygon::new(o.clone(), fill)),
    )?;
    let line = outline_of(shapes.colour, ground).stroke_width(u.px(line_width));
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
    let dot = outline_of(shapes.colour, ground).filled();
    let r = u.px(CENTRE_RADIUS);
    chart.draw_series(shapes.centres.iter().map(|&c| Circle::new(c, r, dot)))?;
    Ok(())
}

/// The panel's ranges, one of them widened about its middle so that a unit of x and of y
/// span the same number of pixels of the plotting area (its size is the area's less the
/// margins, label areas and title that `plot` gives it).
pub(super) fn equal_aspect<DB: DrawingBackend>(
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
pub(super) fn cells(s: &Shading) -> Vec<Rectangle<(f64, f64)>> {
    layout::runs(s)
        .into_iter()
        .map(|(c, [x0, y0, x1, y1])| Rectangle::new([(x0, y0), (x1, y1)], rgb(c).filled()))
        .collect()
}

/// A vertical colour bar with its scale and title.
pub(super) fn colour_bar<DB: DrawingBackend>(
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
pub(super) fn ticks(side: u32, u: &Units, spacing: f64, most: usize) -> usize {
    ((f64::from(side) / u.0 / spacing) as usize).clamp(2, most)
}

/// plotters' own tick text, with a true minus sign (U+2212) for negative numbers, none for
/// a tick that rounds to zero (a grid step can land on −1e−17), and whole numbers written
/// whole (`2`, not `2.0`).
pub(super) fn tick(v: &f64) -> String {
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
pub(super) fn outline_of(c: Rgb, ground: Option<Rgb>) -> RGBColor {
    rgb(crate::style::outline(c, ground))
}
