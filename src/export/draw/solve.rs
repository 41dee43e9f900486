//! The layout, solved before anything is drawn: where each text line, tick label, plotting
//! area, colour bar and legend goes, in backend pixels, from the measured widths of the text
//! (issue 18). Text keeps its size (never under [`MIN_TEXT_PX`]); what is long wraps at its
//! spaces; each axis gets the finest 1-2-5 ticks whose labels keep apart; a legend goes
//! where it covers no drawn mark inside the axes, else in a band above them. What cannot
//! fit is a [`Cramped`] the command line reports, never a shrunken or overlapping figure.

use crate::export::font;
use crate::export::layout;
use crate::export::ticks::{self, Labels, Tick};
use crate::geometry::Interval;
use crate::scene::{PanelScene, Scene};

use super::{
    AXIS_NAME, CAPTION, CAPTION_LINE, CENTRE_RADIUS, COLOUR_BAR_WIDTH, GAP_UNITS as GAP, LEGEND,
    LEGEND_ICON, MARGIN, PANEL_TITLE, TICK_MARK, TICKS, TITLE, Units,
};

/// The smallest plotting area worth drawing, in design units.
const MIN_PLOT: f64 = 60.0;
/// Lines of text are this many font sizes apart.
const LEADING: f64 = 1.25;

/// A rectangle in backend pixels, y downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn w(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn h(&self) -> f64 {
        self.y1 - self.y0
    }
    fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
    fn grown(&self, d: f64) -> Rect {
        Rect {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }
    /// Whether the segment from `a` to `b` meets the rectangle (Liang–Barsky clipping).
    fn meets(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t0 <= t1
    }
}

/// What did not fit, in words for the error the command line prints.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cramped(pub String);

/// A legend: its box, and its entries (indices into the panel's legend labels) row by row.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Legend {
    pub rect: Rect,
    pub rows: Vec<Vec<usize>>,
}

/// A colour bar: the bar itself, its ticks.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bar {
    pub rect: Rect,
    pub ticks: Vec<Tick>,
}

/// One panel, laid out.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PanelPlan {
    pub cell: Rect,
    pub title: Vec<String>,
    pub plot: Rect,
    /// The axes' ranges (an equal-aspect panel's widened about their middles).
    pub x: Interval,
    pub y: Interval,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub x_name: Vec<String>,
    pub y_name: Vec<String>,
    pub legend: Option<Legend>,
    pub bar: Option<Bar>,
}

/// The whole figure, laid out.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Plan {
    pub title: Vec<String>,
    pub caption: Vec<String>,
    /// The top of the caption's first line.
    pub caption_top: f64,
    /// Which of the scene's optional text was kept: the rest was left out for want of room.
    pub left_out: Keep,
    pub panels: Vec<PanelPlan>,
    /// One legend for every panel (of the first panel's entries), when they share it.
    pub legend: Option<Legend>,
}

/// The width of `text` at design size `size`, in backend pixels, as the drawing sets it.
pub(super) fn width(text: &str, size: f64, u: &Units) -> f64 {
    use ab_glyph::{Font, ScaleFont};
    let font = font::font();
    let scaled = font.as_scaled(u.text(size) as f32);
    let advance: f32 = text
        .chars()
        .map(|c| scaled.h_advance(font.glyph_id(c)))
        .sum();
    f64::from(advance)
}

/// `text` broken at its spaces into lines at most `room` wide (a word wider than that is a
/// line of its own, reported by [`too_wide`]).
fn wrap(text: &str, size: f64, room: f64, u: &Units) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(line) if width(&format!("{line} {word}"), size, u) <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The first of `lines` wider than `room`, as a complaint.
fn too_wide(lines: &[String], size: f64, room: f64, u: &Units, what: &str) -> Result<(), Cramped> {
    match lines.iter().find(|l| width(l, size, u) > room + 0.5) {
        Some(l) => Err(Cramped(format!("the {what} \"{l}\""))),
        None => Ok(()),
    }
}

/// Lays `scene` out; `Err` names what does not fit. The optional text gives way to the
/// panels: first the caption, then the title ([`Plan::left_out`] says which). `most` is the
/// most a format sets (a `.tex` leaves its caption to the document: [`Keep::Title`]).
pub(super) fn plan(
    scene: &Scene,
    u: &Units,
    size: (f64, f64),
    most: Keep,
) -> Result<Plan, Cramped> {
    let ways = [Keep::Both, Keep::Title, Keep::Neither];
    let ways = &ways[ways.iter().position(|&k| k == most).unwrap_or(0)..];
    let (last, optional) = ways.split_last().expect("three ways");
    let mut cramped = None;
    for &keep in optional {
        match plan_with(scene, u, size, keep) {
            Ok(plan) if plots_read(&plan, scene, size.1) => return Ok(plan),
            Ok(_) => {}
            Err(e) => {
                cramped.get_or_insert(e);
            }
        }
    }
    plan_with(scene, u, size, *last).map_err(|e| cramped.unwrap_or(e))
}

/// The share of the page's height a row of plotting areas keeps before optional text is
/// left out for them: a 3.25 in column with its caption kept its axes 32 % (issue 18).
const PLOT_SHARE: f64 = 0.4;

/// Whether every plotting area is at least [`PLOT_SHARE`] of the page's height over the
/// rows of panels.
fn plots_read(plan: &Plan, scene: &Scene, h: f64) -> bool {
    let (rows, _) = super::layout(scene);
    (plan.panels.iter()).all(|p| p.plot.h() * rows as f64 >= PLOT_SHARE * h)
}

/// Which optional text a layout keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Keep {
    Both,
    Title,
    Neither,
}

fn plan_with(scene: &Scene, u: &Units, (w, h): (f64, f64), keep: Keep) -> Result<Plan, Cramped> {
    let with_caption = keep == Keep::Both;
    let title = match keep {
        Keep::Neither => "",
        _ => scene.title.as_str(),
    };
    let m = u.len(MARGIN);
    let room = w - 2.0 * m;
    let title = wrap(title, TITLE, room, u);
    too_wide(&title, TITLE, room, u, "title")?;
    let caption: Vec<String> = scene
        .caption
        .iter()
        .filter(|_| with_caption)
        .flat_map(|c| c.lines())
        .flat_map(|line| wrap(line, CAPTION, room, u))
        .collect();
    too_wide(&caption, CAPTION, room, u, "caption line")?;
    let caption_line = CAPTION_LINE / CAPTION * u.text(CAPTION);
    let caption_h = match caption.len() {
        0 => 0.0,
        n => n as f64 * caption_line + m,
    };
    let title_h = match title.len() {
        0 => 0.0,
        n => n as f64 * LEADING * u.text(TITLE) + 0.5 * m,
    };
    let body = Rect {
        x0: 0.0,
        y0: title_h,
        x1: w,
        y1: h - caption_h,
    };
    let (rows, cols) = super::layout(scene);
    let cells = |body: Rect| -> Vec<Rect> {
        let (cw, ch) = (body.w() / cols as f64, body.h() / rows as f64);
        (0..scene.panels.len())
            .map(|i| {
                let (r, c) = ((i / cols) as f64, (i % cols) as f64);
                Rect {
                    x0: body.x0 + c * cw,
                    y0: body.y0 + r * ch,
                    x1: body.x0 + (c + 1.0) * cw,
                    y1: body.y0 + (r + 1.0) * ch,
                }
            })
            .collect()
    };
    // Panels side by side keep their axes level: each row's titles take the room of its
    // tallest (a title that wraps to more lines lowered its own axes alone).
    let title_lines: Vec<usize> = (scene.panels.iter().zip(cells(body)))
        .map(|(panel, cell)| {
            let room = cell.w() - 2.0 * m;
            panel
                .title
                .as_deref()
                .map_or(0, |t| wrap(t, PANEL_TITLE, room, u).len())
        })
        .collect();
    let row_lines: Vec<usize> = (0..scene.panels.len())
        .map(|i| {
            let row = i / cols;
            (title_lines.iter().skip(row * cols).take(cols).copied())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let plan_all = |body: Rect, own_legend: bool| -> Result<Vec<PanelPlan>, Cramped> {
        (scene.panels.iter().zip(cells(body)).zip(&row_lines))
            .map(|((panel, cell), &lines)| plan_panel(panel, cell, lines, u, own_legend))
            .collect()
    };
    let each = plan_all(body, true);
    // Panels with the same legend (a comparison's kinds, paths descended here and there)
    // share one band under the title when any of them would need a band of its own.
    let shared = scene.panels.len() > 1
        && scene.panels.iter().all(|p| {
            layout::legend_labels(p) == layout::legend_labels(&scene.panels[0])
                && !layout::legend_labels(p).is_empty()
        });
    let inside = |plans: &Vec<PanelPlan>| {
        plans
            .iter()
            .all(|p| p.legend.as_ref().is_none_or(|l| l.rect.y1 > p.plot.y0))
    };
    let (panels, legend) = match each {
        Ok(plans) if !shared || inside(&plans) => (plans, None),
        Err(cramped) if !shared => return Err(cramped),
        _ => {
            let entries = legend_entries(&scene.panels[0], u);
            let rows = flow(&entries, room, u)?;
            let height = legend_height(rows.len(), u);
            let widest = (rows.iter())
                .map(|r| row_width(r, &entries, u))
                .fold(0.0, f64::max);
            let x0 = (w - widest) / 2.0;
            let rect = Rect {
                x0,
                y0: body.y0 + 0.5 * m,
                x1: x0 + widest,
                y1: body.y0 + 0.5 * m + height,
            };
            let below = Rect {
                y0: rect.y1,
                ..body
            };
            (plan_all(below, false)?, Some(Legend { rect, rows }))
        }
    };
    Ok(Plan {
        title,
        caption,
        caption_top: h - caption_h,
        left_out: keep,
        panels,
        legend,
    })
}

/// Where a panel's parts go within its cell, below `title_lines` lines of title (its row's
/// tallest).
fn plan_panel(
    panel: &PanelScene,
    cell: Rect,
    title_lines: usize,
    u: &Units,
    own_legend: bool,
) -> Result<PanelPlan, Cramped> {
    let m = u.len(MARGIN);
    let room = cell.w() - 2.0 * m;
    let title = panel
        .title
        .as_deref()
        .map_or(Vec::new(), |t| wrap(t, PANEL_TITLE, room, u));
    too_wide(&title, PANEL_TITLE, room, u, "panel title")?;
    let title_h = title_lines.max(title.len()) as f64 * LEADING * u.text(PANEL_TITLE);
    let mut plan = solve_axes(panel, cell, title_h, 0.0, u)?;
    plan.title = title;
    let entries = legend_entries(panel, u);
    if entries.is_empty() || !own_legend {
        return Ok(plan);
    }
    if let Some(rect) = clear_corner(panel, &plan, &entries, u) {
        plan.legend = Some(Legend {
            rect,
            rows: (0..entries.len()).map(|i| vec![i]).collect(),
        });
        return Ok(plan);
    }
    // No clear region inside the axes: a band above them, entries flowing in rows.
    let rows = flow(&entries, cell.w() - 2.0 * m, u)?;
    let band = legend_height(rows.len(), u) + u.len(GAP);
    let mut outside = solve_axes(panel, cell, title_h, band, u)?;
    let widest = rows
        .iter()
        .map(|r| row_width(r, &entries, u))
        .fold(0.0, f64::max);
    let top = cell.y0 + 0.5 * m + title_h;
    let x0 = (outside.plot.x0 + outside.plot.x1 - widest) / 2.0;
    let x0 = x0.max(cell.x0 + m).min(cell.x1 - m - widest);
    outside.legend = Some(Legend {
        rect: Rect {
            x0,
            y0: top,
            x1: x0 + widest,
            y1: top + legend_height(rows.len(), u),
        },
        rows,
    });
    outside.title = plan.title;
    Ok(outside)
}

/// The padding inside a legend box, the height of a row of it.
pub(super) fn legend_pad(u: &Units) -> f64 {
    0.5 * u.text(LEGEND)
}
pub(super) fn legend_row(u: &Units) -> f64 {
    1.4 * u.text(LEGEND)
}
fn legend_height(rows: usize, u: &Units) -> f64 {
    rows as f64 * legend_row(u) + 2.0 * legend_pad(u)
}
/// The space between entries side by side in a row of a legend.
pub(super) fn legend_spacing(u: &Units) -> f64 {
    u.text(LEGEND)
}
fn row_width(row: &[usize], entries: &[f64], u: &Units) -> f64 {
    let spacing = legend_spacing(u);
    row.iter().map(|&i| entries[i]).sum::<f64>()
        + spacing * (row.len().saturating_sub(1)) as f64
        + 2.0 * legend_pad(u)
}

/// The widths of a panel's legend entries (icon, gap, label), in backend pixels.
fn legend_entries(panel: &PanelScene, u: &Units) -> Vec<f64> {
    layout::legend_labels(panel)
        .iter()
        .map(|l| u.len(LEGEND_ICON + GAP) + width(l, LEGEND, u))
        .collect()
}

/// Entries (their widths) in rows at most `room` wide, in order; `Err` if one alone is
/// wider.
fn flow(entries: &[f64], room: f64, u: &Units) -> Result<Vec<Vec<usize>>, Cramped> {
    if entries.iter().any(|&e| row_width(&[0], &[e], u) > room) {
        return Err(Cramped("a legend entry".to_string()));
    }
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in 0..entries.len() {
        match rows.last_mut() {
            Some(row) if row_width(&[row.as_slice(), &[i]].concat(), entries, u) <= room => {
                row.push(i)
            }
            _ => rows.push(vec![i]),
        }
    }
    Ok(rows)
}

/// The first place inside the axes (the corners, then the middles of the top and bottom
/// edges) where a one-column legend of `entries` meets no drawn point or segment.
fn clear_corner(panel: &PanelScene, plan: &PanelPlan, entries: &[f64], u: &Units) -> Option<Rect> {
    let w = entries.iter().copied().fold(0.0, f64::max) + 2.0 * legend_pad(u);
    let h = legend_height(entries.len(), u);
    let p = plan.plot;
    let inset = u.len(GAP);
    if w + 2.0 * inset > p.w() || h + 2.0 * inset > p.h() {
        return None;
    }
    let (left, right) = (p.x0 + inset, p.x1 - inset - w);
    let (top, bottom) = (p.y0 + inset, p.y1 - inset - h);
    let middle = (p.x0 + p.x1 - w) / 2.0;
    let spots = [
        (left, top),
        (right, top),
        (left, bottom),
        (right, bottom),
        (middle, top),
        (middle, bottom),
    ];
    let to_px = |q: (f64, f64)| plan.to_px(q, panel.log_y);
    // Kept clear of the marks by a little more than a centre dot's radius.
    let clearance = u.len(CENTRE_RADIUS + 2.0);
    spots
        .into_iter()
        .map(|(x0, y0)| Rect {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + h,
        })
        .find(|rect| {
            let near = rect.grown(clearance);
            let segments = panel
                .shapes
                .iter()
                .flat_map(|s| s.outlines.iter().map(|o| (o, true)))
                .chain(panel.paths.iter().map(|c| (&c.points, false)));
            let crossed = segments.into_iter().any(|(pts, closed)| {
                let px: Vec<(f64, f64)> = pts.iter().map(|&q| to_px(q)).collect();
                let wrap = px
                    .last()
                    .zip(px.first())
                    .filter(|_| closed)
                    .map(|(a, b)| (*a, *b));
                px.windows(2)
                    .map(|s| (s[0], s[1]))
                    .chain(wrap)
                    .any(|(a, b)| near.meets(a, b))
            });
            !crossed && !layout::drawn(panel).any(|&q| near.contains(to_px(q)))
        })
}

impl PanelPlan {
    /// A data point's place in backend pixels.
    pub fn to_px(&self, (x, y): (f64, f64), log_y: bool) -> (f64, f64) {
        let p = self.plot;
        let fx = (x - self.x.lo) / (self.x.hi - self.x.lo);
        let fy = match log_y {
            true => (y.ln() - self.y.lo.ln()) / (self.y.hi.ln() - self.y.lo.ln()),
            false => (y - self.y.lo) / (self.y.hi - self.y.lo),
        };
        (p.x0 + fx * p.w(), p.y1 - fy * p.h())
    }
}

/// The plotting area, ranges and ticks of a panel in `cell`, below `title_h` of title and
/// `band` of legend: solved a few times round, since the y labels' width sets the area's
/// width, which (for equal aspect) sets the ranges, which set the labels.
fn solve_axes(
    panel: &PanelScene,
    cell: Rect,
    title_h: f64,
    band: f64,
    u: &Units,
) -> Result<PanelPlan, Cramped> {
    let m = u.len(MARGIN);
    let tick_h = u.text(TICKS);
    let name_h = LEADING * u.text(AXIS_NAME);
    let (tick, gap) = (u.len(TICK_MARK), u.len(GAP));
    let bar = panel.shading.as_ref().map(|s| {
        let widest = ticks::every_linear_label(s.bar_range)
            .iter()
            .map(|l| width(l, TICKS, u))
            .fold(0.0, f64::max);
        (u.len(COLOUR_BAR_WIDTH), widest)
    });
    let bar_room = bar.map_or(0.0, |(bw, widest)| {
        m + bw + tick + gap + widest + gap + name_h
    });
    let x_name = wrap(&panel.x_label, AXIS_NAME, cell.w() - 2.0 * m, u);
    too_wide(&x_name, AXIS_NAME, cell.w() - 2.0 * m, u, "x axis name")?;
    let x_area = tick + gap + tick_h + gap + x_name.len() as f64 * name_h + 0.5 * m;
    let y0 = cell.y0 + 0.5 * m + title_h + band + 0.5 * tick_h;
    let y1 = cell.y1 - x_area;
    let y_name = wrap(&panel.y_label, AXIS_NAME, y1 - y0, u);
    too_wide(&y_name, AXIS_NAME, y1 - y0, u, "y axis name")?;
    let mut plan = PanelPlan {
        cell,
        title: Vec::new(),
        plot: Rect {
            x0: cell.x0,
            y0,
            x1: cell.x1 - bar_room - m,
            y1,
        },
        x: panel.x_range,
        y: panel.y_range,
        x_ticks: Vec::new(),
        y_ticks: Vec::new(),
        x_name,
        y_name,
        legend: None,
        bar: None,
    };
    let min_plot = u.len(MIN_PLOT);
    for _ in 0..4 {
        if plan.plot.h() < min_plot || plan.plot.w() < min_plot {
            break;
        }
        if panel.equal_aspect {
            (plan.x, plan.y) =
                layout::equal_aspect(panel.x_range, panel.y_range, (plan.plot.w(), plan.plot.h()));
        }
        plan.y_ticks = pick(plan.y, panel.log_y, plan.plot.h(), false, u);
        let widest = plan
            .y_ticks
            .iter()
            .map(|t| width(&t.label, TICKS, u))
            .fold(0.0, f64::max);
        let y_area = 0.5 * m + plan.y_name.len() as f64 * name_h + gap + widest + gap + tick;
        let x_ticks = pick(plan.x, false, plan.plot.w(), true, u);
        // The last x label hangs half its width past the area's right edge.
        let overhang = x_ticks
            .last()
            .map_or(0.0, |t| 0.5 * width(&t.label, TICKS, u));
        let x0 = cell.x0 + y_area;
        let x1 = cell.x1 - bar_room - overhang.max(m) - bar.map_or(0.0, |_| gap);
        let settled = (x0 - plan.plot.x0).abs() < 0.5 && (x1 - plan.plot.x1).abs() < 0.5;
        plan.plot.x0 = x0;
        plan.plot.x1 = x1;
        plan.x_ticks = x_ticks;
        if settled {
            break;
        }
    }
    if plan.plot.h() < min_plot || plan.plot.w() < min_plot {
        return Err(Cramped(format!(
            "a plotting area of at least {0} by {0} pixels in each panel",
            (MIN_PLOT * u.text_scale()).ceil()
        )));
    }
    if panel.equal_aspect {
        (plan.x, plan.y) =
            layout::equal_aspect(panel.x_range, panel.y_range, (plan.plot.w(), plan.plot.h()));
    }
    plan.x_ticks = pick(plan.x, false, plan.plot.w(), true, u);
    plan.y_ticks = pick(plan.y, panel.log_y, plan.plot.h(), false, u);
    if plan.x_ticks.is_empty() {
        let name = &panel.x_label;
        return Err(Cramped(format!(
            "three tick labels along the x axis ({name})"
        )));
    }
    if plan.y_ticks.is_empty() {
        let name = &panel.y_label;
        return Err(Cramped(format!("three tick labels up the y axis ({name})")));
    }
    if let (Some(s), Some((bw, _))) = (&panel.shading, bar) {
        // Clear of the last x label's overhang.
        let x0 = plan.plot.x1 + m.max(0.5 * width(&last_label(&plan.x_ticks), TICKS, u) + gap);
        let rect = Rect {
            x0,
            y0: plan.plot.y0,
            x1: x0 + bw,
            y1: plan.plot.y1,
        };
        plan.bar = Some(Bar {
            ticks: pick(s.bar_range, false, rect.h(), false, u),
            rect,
        });
    }
    Ok(plan)
}

/// The ticks of an axis `length` backend pixels long ([`ticks::choose`], labels in the
/// tick font); empty when no three fit.
fn pick(r: Interval, log: bool, length: f64, across: bool, u: &Units) -> Vec<Tick> {
    let labels = if across {
        Labels::Across
    } else {
        Labels::Stacked
    };
    let measure = |l: &str| width(l, TICKS, u);
    ticks::choose(r, log, length, labels, u.text(TICKS), &measure).unwrap_or_default()
}

fn last_label(set: &[Tick]) -> String {
    set.last().map_or(String::new(), |t| t.label.clone())
}
