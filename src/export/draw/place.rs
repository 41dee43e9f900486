//! Where each line of text of a solved layout ([`solve::Plan`]) is set: one list, in the
//! layout's units, that the plotters drawing and the pgfplots writer both set (issue 18: the
//! `.tex` had a layout of its own, fixed bands that left a column's axes 57 bp wide).

use crate::export::layout;
use crate::scene::PanelScene;
use crate::style::{Rgb, outline};

use super::solve::{Bar, Legend, PanelPlan, Plan, Rect, legend_pad, legend_row, legend_spacing};
use super::{
    AXIS_NAME, CAPTION, CAPTION_LINE, GAP_UNITS, LEGEND, LEGEND_ICON, MARGIN, PANEL_TITLE,
    TICK_MARK, TICKS, TITLE, Units,
};

/// Which point of a line of text its `at` names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::export) enum Anchor {
    /// The middle of its top edge.
    Top,
    /// The middle of its right edge.
    Right,
    /// The middle of its left edge.
    Left,
    /// Turned a quarter to read upwards: the middle of its (turned) top edge, which faces
    /// left.
    Upward,
}

/// What a line of text is, which decides how a writer sets it (axis names, tick labels and
/// a colour bar's name are formulas; the caption is set in the muted ink).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::export) enum Role {
    Title,
    Caption,
    PanelTitle,
    Tick,
    AxisName,
    Legend,
    /// A colour bar's name.
    BarName,
}

/// One line of text, placed.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::export) struct Line {
    pub text: String,
    pub at: (f64, f64),
    /// Its font size in the layout's units.
    pub size: f64,
    /// Its width as the layout measured it, in the layout's units.
    pub width: f64,
    pub anchor: Anchor,
    pub role: Role,
}

impl Line {
    /// `text` at design size `design` (the constants of [`super`]), measured.
    fn new(text: &str, at: (f64, f64), design: f64, anchor: Anchor, role: Role, u: &Units) -> Line {
        Line {
            text: text.to_string(),
            at,
            size: u.text(design),
            width: super::solve::width(text, design, u),
            anchor,
            role,
        }
    }
}

/// The figure's title and caption lines, top-centred on a `w` wide page.
pub(super) fn page_lines(plan: &Plan, w: f64, u: &Units) -> Vec<Line> {
    let centre = w / 2.0;
    let title = plan.title.iter().enumerate().map(|(i, l)| {
        let top = 0.5 * u.len(MARGIN) + i as f64 * 1.25 * u.text(TITLE);
        Line::new(l, (centre, top), TITLE, Anchor::Top, Role::Title, u)
    });
    let caption = plan.caption.iter().enumerate().map(|(i, l)| {
        Line::new(
            l,
            (
                centre,
                plan.caption_top + i as f64 * CAPTION_LINE / CAPTION * u.text(CAPTION),
            ),
            CAPTION,
            Anchor::Top,
            Role::Caption,
            u,
        )
    });
    title.chain(caption).collect()
}

/// A panel's title lines, top-centred in its cell.
pub(super) fn panel_title(plan: &PanelPlan, u: &Units) -> Vec<Line> {
    let centre = 0.5 * (plan.cell.x0 + plan.cell.x1);
    let top = plan.cell.y0 + 0.5 * u.len(MARGIN);
    (plan.title.iter().enumerate())
        .map(|(i, l)| {
            Line::new(
                l,
                (centre, top + i as f64 * 1.25 * u.text(PANEL_TITLE)),
                PANEL_TITLE,
                Anchor::Top,
                Role::PanelTitle,
                u,
            )
        })
        .collect()
}

/// The axis names of a panel whose plotting area is `plot` and tick marks `tick` long:
/// x's lines under its tick labels (moved in as far as a line needs to stay in its cell),
/// y's turned, beside the cell's left margin.
pub(super) fn axis_names(plan: &PanelPlan, plot: Rect, tick: f64, u: &Units) -> Vec<Line> {
    let gap = u.len(GAP_UNITS);
    let name_h = 1.25 * u.text(AXIS_NAME);
    let below = plot.y1 + tick + 2.0 * gap + u.text(TICKS);
    let middle = 0.5 * (plot.x0 + plot.x1);
    let margin = 0.5 * u.len(MARGIN);
    let x = plan.x_name.iter().enumerate().map(|(i, l)| {
        let half = 0.5 * super::solve::width(l, AXIS_NAME, u);
        let centre = middle
            .min(plan.cell.x1 - margin - half)
            .max(plan.cell.x0 + margin + half);
        Line::new(
            l,
            (centre, below + i as f64 * name_h),
            AXIS_NAME,
            Anchor::Top,
            Role::AxisName,
            u,
        )
    });
    let left = plan.cell.x0 + margin;
    let middle = 0.5 * (plot.y0 + plot.y1);
    let y = plan.y_name.iter().enumerate().map(|(i, l)| {
        Line::new(
            l,
            (left + i as f64 * name_h, middle),
            AXIS_NAME,
            Anchor::Upward,
            Role::AxisName,
            u,
        )
    });
    x.chain(y).collect()
}

/// The tick labels of a panel, given where each tick falls (backend units): x's under
/// their marks, y's left of theirs.
pub(super) fn tick_labels(
    plan: &PanelPlan,
    plot: Rect,
    (xs, ys): (&[f64], &[f64]),
    tick: f64,
    u: &Units,
) -> Vec<Line> {
    let gap = u.len(GAP_UNITS);
    let x = plan.x_ticks.iter().zip(xs).map(|(t, &x)| {
        Line::new(
            &t.label,
            (x, plot.y1 + tick + gap),
            TICKS,
            Anchor::Top,
            Role::Tick,
            u,
        )
    });
    let y = plan.y_ticks.iter().zip(ys).map(|(t, &y)| {
        Line::new(
            &t.label,
            (plot.x0 - tick - gap, y),
            TICKS,
            Anchor::Right,
            Role::Tick,
            u,
        )
    });
    x.chain(y).collect()
}

/// A legend entry: where its icon begins (left end, the row's middle) and its label.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::export) struct Entry {
    /// The index of its label among the panel's legend labels.
    pub index: usize,
    pub icon: (f64, f64),
    pub icon_width: f64,
    pub label: Line,
}

/// The entries of `legend`, whose labels are `labels`, row by row.
pub(super) fn legend_entries(legend: &Legend, labels: &[&str], u: &Units) -> Vec<Entry> {
    let (pad, row) = (legend_pad(u), legend_row(u));
    let (icon_w, gap) = (u.len(LEGEND_ICON), u.len(GAP_UNITS));
    let mut out = Vec::new();
    for (r, in_row) in legend.rows.iter().enumerate() {
        let y = legend.rect.y0 + pad + (r as f64 + 0.5) * row;
        let mut x = legend.rect.x0 + pad;
        for &i in in_row {
            let label = labels[i];
            out.push(Entry {
                index: i,
                icon: (x, y),
                icon_width: icon_w,
                label: Line::new(
                    label,
                    (x + icon_w + gap, y),
                    LEGEND,
                    Anchor::Left,
                    Role::Legend,
                    u,
                ),
            });
            x += icon_w + gap + super::solve::width(label, LEGEND, u) + legend_spacing(u);
        }
    }
    out
}

/// A colour bar's tick labels, right of their marks at heights `ys`, and its name, turned,
/// beyond the widest of them.
pub(super) fn bar_labels(bar: &Bar, name: &str, ys: &[f64], tick: f64, u: &Units) -> Vec<Line> {
    let gap = u.len(GAP_UNITS);
    let x = bar.rect.x1 + tick + gap;
    let mut lines: Vec<Line> = (bar.ticks.iter().zip(ys))
        .map(|(t, &y)| Line::new(&t.label, (x, y), TICKS, Anchor::Left, Role::Tick, u))
        .collect();
    let widest = (bar.ticks.iter())
        .map(|t| super::solve::width(&t.label, TICKS, u))
        .fold(0.0, f64::max);
    lines.push(Line::new(
        name,
        (x + gap + widest, 0.5 * (bar.rect.y0 + bar.rect.y1)),
        TICKS,
        Anchor::Upward,
        Role::BarName,
        u,
    ));
    lines
}

/// The length of a tick mark, unrounded (the drawn formats round it to whole pixels).
pub(super) fn tick_length(u: &Units) -> f64 {
    u.len(TICK_MARK)
}

/// A legend entry's sample: a shape's outline colour (its dashes, for a dashed kind) or a
/// curve's colour and opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::export) enum Icon {
    Fill(Rgb),
    Dashes(Rgb, (f64, f64)),
    Line(Rgb, f64),
}

/// A panel's legend entries in [`layout::legend_labels`]' order: each label and its sample,
/// outlines in the colour they take on `ground` (None: over a shading).
pub(in crate::export) fn icons(panel: &PanelScene, ground: Option<Rgb>) -> Vec<(&str, Icon)> {
    let shapes = panel.shapes.iter().map(|s| {
        let colour = outline(s.colour, ground);
        let icon = match s.dash {
            Some(dash) => Icon::Dashes(colour, dash),
            None => Icon::Fill(colour),
        };
        (s.label.as_str(), icon)
    });
    let curves = (panel.paths.iter()).map(|c| (c.label.as_str(), Icon::Line(c.colour, c.alpha)));
    let entries: Vec<(&str, Icon)> = shapes
        .chain(curves)
        .filter(|(l, _)| !l.is_empty())
        .collect();
    debug_assert_eq!(entries.len(), layout::legend_labels(panel).len());
    entries
}
