//! A panel drawn from its solved layout ([`solve::PanelPlan`]): grid, data, axes with
//! their ticks and names, the legend where the layout put it, the colour bar.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::solve::{Bar, Legend, PanelPlan, Rect, legend_pad, legend_row, legend_spacing};
use super::{
    AXIS_NAME, CENTRE_RADIUS, GAP_UNITS, LEGEND, LEGEND_ICON, MARGIN, Marks, PANEL_TITLE,
    TICK_MARK, TICKS, Units, rgb, text,
};
use crate::export::layout;
use crate::scene::{PanelScene, Shading, Shapes};
use crate::style::Rgb;

/// Draws `panel` as `plan` lays it out on `root` (backend pixels).
pub(super) fn plot<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &PanelScene,
    plan: &PanelPlan,
    u: &Units,
    line_width: f64,
    marked: (usize, &dyn Marks),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let centre = 0.5 * (plan.cell.x0 + plan.cell.x1);
    let mut top = plan.cell.y0 + 0.5 * u.len(MARGIN);
    for line in &plan.title {
        text(root, line, (centre, top), u.font(PANEL_TITLE), HPos::Center)?;
        top += 1.25 * u.text(PANEL_TITLE);
    }
    let p = whole(plan.plot);
    let area = root
        .clone()
        .shrink((p[0], p[1]), ((p[2] - p[0]) as u32, (p[3] - p[1]) as u32));
    let (x, y) = (plan.x, plan.y);
    let data = Data {
        panel,
        plan,
        u,
        line_width,
        marked,
    };
    match panel.log_y {
        true => data.draw(
            root,
            &mut ChartBuilder::on(&area)
                .build_cartesian_2d(x.lo..x.hi, (y.lo..y.hi).log_scale())?,
        )?,
        false => data.draw(
            root,
            &mut ChartBuilder::on(&area).build_cartesian_2d(x.lo..x.hi, y.lo..y.hi)?,
        )?,
    }
    if let (Some(shading), Some(bar)) = (&panel.shading, &plan.bar) {
        colour_bar(root, shading, bar, u)?;
    }
    Ok(())
}

/// A rectangle's corners rounded to whole backend pixels.
fn whole(r: Rect) -> [i32; 4] {
    [r.x0, r.y0, r.x1, r.y1].map(|v| v.round() as i32)
}

/// What a panel's axes hold, drawn the same on a linear or a logarithmic y axis.
struct Data<'a> {
    panel: &'a PanelScene,
    plan: &'a PanelPlan,
    u: &'a Units,
    line_width: f64,
    /// The panel's index in the figure, and whom to tell where its balls are.
    marked: (usize, &'a dyn Marks),
}

impl Data<'_> {
    fn draw<'a, DB: DrawingBackend + 'a, Y: Ranged<ValueType = f64>>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &mut Chart<'a, DB, Y>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let (panel, plan, u) = (self.panel, self.plan, self.u);
        let [x0, y0, x1, y1] = whole(plan.plot);
        // The ticks where plotters puts the data, so that grid and data agree to the pixel.
        let xs: Vec<i32> = (plan.x_ticks.iter())
            .map(|t| chart.backend_coord(&(t.value, plan.y.hi)).0)
            .collect();
        let ys: Vec<i32> = (plan.y_ticks.iter())
            .map(|t| chart.backend_coord(&(plan.x.lo, t.value)).1)
            .collect();
        let grid = rgb(u.theme.grid).stroke_width(u.px(1.0));
        for &x in &xs {
            root.draw(&PathElement::new(vec![(x, y0), (x, y1)], grid))?;
        }
        for &y in &ys {
            root.draw(&PathElement::new(vec![(x0, y), (x1, y)], grid))?;
        }
        if let Some(shading) = &panel.shading {
            for cell in cells(chart, shading, [x0, y0, x1, y1], u) {
                root.draw(&cell)?;
            }
        }
        let marker = rgb(u.theme.muted).mix(0.45).filled();
        let r = u.px(1.8);
        chart.draw_series(panel.markers.iter().map(|&p| Circle::new(p, r, marker)))?;
        let (index, marks) = self.marked;
        marks.begin_balls(index, [x0, y0, x1, y1]);
        for shapes in &panel.shapes {
            marks.ball(shapes.first);
            let ground = panel.shading.is_none().then_some(u.ground);
            draw_shapes(chart, shapes, u, self.line_width, ground)?;
        }
        marks.end_balls();
        for curve in &panel.paths {
            let style = rgb(curve.colour)
                .mix(curve.alpha)
                .stroke_width(u.px(self.line_width * curve.width));
            chart.draw_series(std::iter::once(PathElement::new(
                curve.points.clone(),
                style,
            )))?;
        }
        self.axes(root, &xs, &ys)?;
        if let Some(legend) = &plan.legend {
            draw_legend(root, panel, legend, u, self.line_width)?;
        }
        Ok(())
    }

    /// The axis lines, tick marks, tick labels and axis names.
    fn axes<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        xs: &[i32],
        ys: &[i32],
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let (plan, u) = (self.plan, self.u);
        let [x0, y0, x1, y1] = whole(plan.plot);
        let ink = u.ink().stroke_width(u.px(1.2));
        root.draw(&PathElement::new(vec![(x0, y0), (x0, y1), (x1, y1)], ink))?;
        let (tick, gap) = (u.px(TICK_MARK) as i32, u.len(GAP_UNITS));
        for (t, &x) in plan.x_ticks.iter().zip(xs) {
            root.draw(&PathElement::new(vec![(x, y1), (x, y1 + tick)], ink))?;
            let at = (f64::from(x), f64::from(y1 + tick) + gap);
            text(root, &t.label, at, u.font(TICKS), HPos::Center)?;
        }
        for (t, &y) in plan.y_ticks.iter().zip(ys) {
            root.draw(&PathElement::new(vec![(x0 - tick, y), (x0, y)], ink))?;
            let style = u.font(TICKS).pos(Pos::new(HPos::Right, VPos::Center));
            let at = ((f64::from(x0 - tick) - gap).round() as i32, y);
            root.draw(&Text::new(t.label.as_str(), at, style))?;
        }
        let name_h = 1.25 * u.text(AXIS_NAME);
        let below = f64::from(y1 + tick) + 2.0 * gap + u.text(TICKS);
        let middle = 0.5 * f64::from(x0 + x1);
        let margin = 0.5 * u.len(MARGIN);
        for (i, line) in plan.x_name.iter().enumerate() {
            // Under the axes' middle, moved in as far as the line needs to stay in its cell.
            let half = 0.5 * super::solve::width(line, AXIS_NAME, u);
            let centre = middle
                .min(plan.cell.x1 - margin - half)
                .max(plan.cell.x0 + margin + half);
            let at = (centre, below + i as f64 * name_h);
            text(root, line, at, u.font(AXIS_NAME), HPos::Center)?;
        }
        let left = plan.cell.x0 + 0.5 * u.len(MARGIN);
        let middle = 0.5 * f64::from(y0 + y1);
        for (i, line) in plan.y_name.iter().enumerate() {
            let style = u
                .font(AXIS_NAME)
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Center, VPos::Top));
            let at = (
                (left + i as f64 * name_h).round() as i32,
                middle.round() as i32,
            );
            root.draw(&Text::new(line.as_str(), at, style))?;
        }
        Ok(())
    }
}

/// A legend entry's sample: a shape's outline colour (its dashes, for a dashed kind) or a
/// curve's colour.
enum Icon {
    Fill(RGBColor),
    Dashes(RGBColor, (f64, f64)),
    Line(RGBAColor),
}

fn icons(panel: &PanelScene, ground: Option<Rgb>) -> Vec<(&str, Icon)> {
    let shapes = panel.shapes.iter().map(|s| {
        let colour = outline_of(s.colour, ground);
        let icon = match s.dash {
            Some(dash) => Icon::Dashes(colour, dash),
            None => Icon::Fill(colour),
        };
        (s.label.as_str(), icon)
    });
    let curves = panel
        .paths
        .iter()
        .map(|c| (c.label.as_str(), Icon::Line(rgb(c.colour).mix(c.alpha))));
    shapes
        .chain(curves)
        .filter(|(l, _)| !l.is_empty())
        .collect()
}

/// The legend: a box of the paper's colour, and its entries row by row.
pub(super) fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &PanelScene,
    legend: &Legend,
    u: &Units,
    line_width: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let entries = icons(panel, panel.shading.is_none().then_some(u.ground));
    let [x0, y0, x1, y1] = whole(legend.rect);
    root.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        rgb(u.theme.paper).mix(0.9).filled(),
    ))?;
    root.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        u.ink().stroke_width(u.px(1.0)),
    ))?;
    let (pad, row) = (legend_pad(u), legend_row(u));
    let (icon_w, gap) = (u.len(LEGEND_ICON), u.len(GAP_UNITS));
    for (r, entries_in_row) in legend.rows.iter().enumerate() {
        let y = legend.rect.y0 + pad + (r as f64 + 0.5) * row;
        let mut x = legend.rect.x0 + pad;
        for &i in entries_in_row {
            let (label, icon) = &entries[i];
            let (xi, yi, wi) = (x.round() as i32, y.round() as i32, icon_w.round() as i32);
            match *icon {
                Icon::Fill(c) => {
                    let h = u.px(6.0) as i32;
                    root.draw(&Rectangle::new(
                        [(xi, yi - h), (xi + wi, yi + h)],
                        c.filled(),
                    ))?
                }
                Icon::Dashes(c, (on, off)) => {
                    let thick = c.stroke_width(u.px(2.0 * line_width));
                    let (on, off) = (u.px(on * line_width), u.px(off * line_width));
                    let dashes = vec![(xi, yi), (xi + wi, yi)];
                    root.draw(&DashedPathElement::new(dashes, on, off, thick))?
                }
                Icon::Line(c) => {
                    let h = u.px(2.0) as i32;
                    root.draw(&Rectangle::new(
                        [(xi, yi - h), (xi + wi, yi + h)],
                        c.filled(),
                    ))?
                }
            }
            let style = u.font(LEGEND).pos(Pos::new(HPos::Left, VPos::Center));
            let tx = (x + icon_w + gap).round() as i32;
            root.draw(&Text::new(*label, (tx, yi), style))?;
            x += icon_w + gap + super::solve::width(label, LEGEND, u) + legend_spacing(u);
        }
    }
    Ok(())
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
    match shapes.dash {
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
    let dot = outline_of(shapes.colour, ground).filled();
    let r = u.px(CENTRE_RADIUS);
    chart.draw_series(shapes.centres.iter().map(|&c| Circle::new(c, r, dot)))?;
    Ok(())
}

/// The shaded cells, in backend pixels within the plotting area `[x0, y0, x1, y1]`: each
/// run of one colour reaches half a figure pixel into its right and upper neighbours, so
/// that no hairline of the ground shows between cells (issue 18: white seams), except at
/// the field's edges.
fn cells<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &Chart<'_, DB, Y>,
    s: &Shading,
    clip: [i32; 4],
    u: &Units,
) -> Vec<Rectangle<(i32, i32)>> {
    let reach = (0.5 * u.scale).ceil() as i32;
    layout::runs(s)
        .into_iter()
        .map(|(c, [x0, y0, x1, y1])| {
            let (a, b) = (
                chart.backend_coord(&(x0, y0)),
                chart.backend_coord(&(x1, y1)),
            );
            let right = if x1 < s.x.hi { b.0 + reach } else { b.0 };
            let top = if y1 < s.y.hi { b.1 - reach } else { b.1 };
            let corner = |x: i32, y: i32| (x.clamp(clip[0], clip[2]), y.clamp(clip[1], clip[3]));
            Rectangle::new([corner(a.0, a.1), corner(right, top)], rgb(c).filled())
        })
        .collect()
}

/// The colour bar: one seamless gradient (each colour's rectangle runs from its own start
/// to the bar's top, so the next one covers all but its step: no hairline between them),
/// ticks and labels on its right, its title beyond them.
fn colour_bar<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Shading,
    bar: &Bar,
    u: &Units,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let [x0, y0, x1, y1] = whole(bar.rect);
    let (r, n) = (s.bar_range, s.bar.len().max(1));
    let at = |v: f64| y1 - ((v - r.lo) / (r.hi - r.lo) * f64::from(y1 - y0)).round() as i32;
    for (k, &c) in s.bar.iter().enumerate() {
        let start = at(r.lo + k as f64 * r.width() / n as f64);
        root.draw(&Rectangle::new([(x0, y0), (x1, start)], rgb(c).filled()))?;
    }
    let ink = u.ink().stroke_width(u.px(1.0));
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], ink))?;
    let (tick, gap) = (u.px(TICK_MARK) as i32, u.len(GAP_UNITS));
    let mut widest = 0.0f64;
    for t in &bar.ticks {
        let y = at(t.value);
        root.draw(&PathElement::new(vec![(x1, y), (x1 + tick, y)], ink))?;
        let style = u.font(TICKS).pos(Pos::new(HPos::Left, VPos::Center));
        let tx = (f64::from(x1 + tick) + gap).round() as i32;
        root.draw(&Text::new(t.label.as_str(), (tx, y), style))?;
        widest = widest.max(super::solve::width(&t.label, TICKS, u));
    }
    let style = u
        .font(TICKS)
        .transform(FontTransform::Rotate270)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let x = (f64::from(x1 + tick) + 2.0 * gap + widest).round() as i32;
    root.draw(&Text::new(s.bar_label.as_str(), (x, (y0 + y1) / 2), style))
}

/// The outline colour of a fill.
pub(super) fn outline_of(c: Rgb, ground: Option<Rgb>) -> RGBColor {
    rgb(crate::style::outline(c, ground))
}
