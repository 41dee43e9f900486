//! A panel drawn from its solved layout ([`solve::PanelPlan`]): grid, data, axes with
//! their ticks and names, the legend where the layout put it, the colour bar.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::solve::{Bar, Legend, PanelPlan, Rect};
use super::{CENTRE_RADIUS, Marks, TICK_MARK, Units, place, rgb, set};
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
    for line in place::panel_title(plan, u) {
        set(root, &line, u)?;
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
        let tick = u.px(TICK_MARK) as i32;
        let plot = Rect {
            x0: f64::from(x0),
            y0: f64::from(y0),
            x1: f64::from(x1),
            y1: f64::from(y1),
        };
        let at = |v: &[i32]| v.iter().map(|&p| f64::from(p)).collect::<Vec<f64>>();
        let labels = place::tick_labels(plan, plot, (&at(xs), &at(ys)), f64::from(tick), u);
        // Each mark with its label, x's then y's (the labels list them in that order).
        let marks = (xs.iter().map(|&x| [(x, y1), (x, y1 + tick)]))
            .chain(ys.iter().map(|&y| [(x0 - tick, y), (x0, y)]));
        for (mark, label) in marks.zip(&labels) {
            root.draw(&PathElement::new(mark.to_vec(), ink))?;
            set(root, label, u)?;
        }
        for line in place::axis_names(plan, plot, f64::from(tick), u) {
            set(root, &line, u)?;
        }
        Ok(())
    }
}

/// The legend: a box of the paper's colour, and its entries row by row.
pub(super) fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &PanelScene,
    legend: &Legend,
    u: &Units,
    line_width: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let entries = place::icons(panel, panel.shading.is_none().then_some(u.ground));
    let [x0, y0, x1, y1] = whole(legend.rect);
    root.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        rgb(u.theme.paper).mix(0.9).filled(),
    ))?;
    root.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        u.ink().stroke_width(u.px(1.0)),
    ))?;
    let labels: Vec<&str> = entries.iter().map(|(l, _)| *l).collect();
    for entry in place::legend_entries(legend, &labels, u) {
        let (x, y) = entry.icon;
        let (xi, yi) = (x.round() as i32, y.round() as i32);
        let wi = entry.icon_width.round() as i32;
        match entries[entry.index].1 {
            place::Icon::Fill(c) => {
                let c = rgb(c);
                let h = u.px(6.0) as i32;
                root.draw(&Rectangle::new(
                    [(xi, yi - h), (xi + wi, yi + h)],
                    c.filled(),
                ))?
            }
            place::Icon::Dashes(c, (on, off)) => {
                let c = rgb(c);
                let thick = c.stroke_width(u.px(2.0 * line_width));
                let (on, off) = (u.px(on * line_width), u.px(off * line_width));
                let dashes = vec![(xi, yi), (xi + wi, yi)];
                root.draw(&DashedPathElement::new(dashes, on, off, thick))?
            }
            place::Icon::Line(c, alpha) => {
                let c = rgb(c).mix(alpha);
                let h = u.px(2.0) as i32;
                root.draw(&Rectangle::new(
                    [(xi, yi - h), (xi + wi, yi + h)],
                    c.filled(),
                ))?
            }
        }
        set(root, &entry.label, u)?;
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
    let tick = u.px(TICK_MARK) as i32;
    let ys: Vec<i32> = bar.ticks.iter().map(|t| at(t.value)).collect();
    let whole_bar = Bar {
        rect: Rect {
            x0: f64::from(x0),
            y0: f64::from(y0),
            x1: f64::from(x1),
            y1: f64::from(y1),
        },
        ticks: bar.ticks.clone(),
    };
    let heights: Vec<f64> = ys.iter().map(|&y| f64::from(y)).collect();
    let labels = place::bar_labels(&whole_bar, &s.bar_label, &heights, f64::from(tick), u);
    // Each mark with its label; the bar's name last.
    for (k, label) in labels.iter().enumerate() {
        if let Some(&y) = ys.get(k) {
            root.draw(&PathElement::new(vec![(x1, y), (x1 + tick, y)], ink))?;
        }
        set(root, label, u)?;
    }
    Ok(())
}

/// The outline colour of a fill.
pub(super) fn outline_of(c: Rgb, ground: Option<Rgb>) -> RGBColor {
    rgb(crate::style::outline(c, ground))
}
