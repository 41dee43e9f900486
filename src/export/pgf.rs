//! pgfplots: the scene as a LaTeX file of `axis` environments, one a panel, at the figure's
//! printed size. Compiled alone it is a `standalone` page; `\input` into a document that
//! loads pgfplots, it is a `tikzpicture` set in that document's fonts. Axis names are math
//! (`$\lambda = 1/\sigma^{2}$`), each outline an `\addplot coordinates`; pgfplots chooses the
//! ticks. Outline points within 0.1 pt of the line through their neighbours are left out, as
//! in the SVG.

use std::fmt::Write;

use super::draw::{layout, text_scale};
use super::ticks::{self, Labels};
use super::{layout, simplify, tex};
use crate::geometry::Interval;
use crate::scene::{Curve, Figure, PanelScene, Scene, Shading, Shapes};
use crate::style::{Rgb, outline};

/// Sizes are in PostScript points (bp, 72 an inch: TeX's pt is 1/72.27 in), so the page is
/// the printed size exactly.
///
/// Room in points beside each axis box: left for tick labels and the axis name, below for
/// the same, above for each line of a panel title (or for air), right for air or a colour
/// bar; and the figure title.
const LEFT: f64 = 50.0;
const BELOW: f64 = 38.0;
const ABOVE_TITLED: f64 = 18.0;
const ABOVE: f64 = 6.0;
const RIGHT: f64 = 10.0;
const BAR: f64 = 70.0;
const FIGURE_TITLE: f64 = 22.0;
/// Points per figure pixel (96 pixels an inch, 72 points).
const PT_PER_PX: f64 = 0.75;

pub(super) fn bytes(figure: &dyn Figure) -> anyhow::Result<Vec<u8>> {
    let scene = figure.scene();
    super::checked(&scene)?;
    Ok(to_tex(&scene))
}

/// The figure as a pgfplots LaTeX file.
pub fn to_tex(scene: &Scene) -> Vec<u8> {
    let mut colours = Colours::default();
    let mut body = String::new();
    let (w, h) = (72.0 * scene.canvas.inches.0, 72.0 * scene.canvas.inches.1);
    let (rows, cols) = layout(scene);
    // The title wraps to the figure's width: room for its lines (5 bp a character).
    let lines = (5.0 * scene.title.chars().count() as f64 / (w - 10.0))
        .ceil()
        .max(1.0);
    // An empty title (`--title ""`) takes no band.
    let titled = !scene.title.trim().is_empty();
    let top = match titled {
        true => FIGURE_TITLE + 12.0 * (lines - 1.0),
        false => 6.0,
    };
    let cell = (w / cols as f64, (h - top) / rows as f64);
    let line = scene.line_width * PT_PER_PX * text_scale(scene) * scene.canvas.inches.0 * 96.0
        / f64::from(scene.canvas.width);
    // The picture is the figure's printed size, whatever its labels' extent.
    let _ = writeln!(
        body,
        r"\useasboundingbox (0bp,0bp) rectangle ({}bp,{}bp);",
        num(w),
        num(-h)
    );
    if let Some(ground) = scene.background.filter(|&g| g != [255, 255, 255]) {
        let _ = writeln!(
            body,
            r"\fill[{}] (0bp,0bp) rectangle ({}bp,{}bp);",
            colours.name(ground),
            num(w),
            num(-h)
        );
    }
    if titled {
        let _ = writeln!(
            body,
            r"\node[anchor=north, align=center, text width={}bp, {UNBROKEN}, text={}] at ({}bp,0bp) {{{}}};",
            num(w - 10.0),
            colours.name(scene.theme.ink),
            num(w / 2.0),
            tex::text(&scene.title)
        );
    }
    for (k, panel) in scene.panels.iter().enumerate() {
        let (row, col) = (k / cols, k % cols);
        let at = (col as f64 * cell.0, -(top + row as f64 * cell.1));
        axis(&mut body, &mut colours, scene, panel, k, at, cell, line);
    }
    let mut out = String::new();
    preamble(&mut out, scene);
    out.push_str("\\fisherballsbegin\n\\begin{tikzpicture}\n");
    out.push_str(&colours.definitions());
    out.push_str(&body);
    out.push_str("\\end{tikzpicture}\n\\fisherballsend\n");
    out.into_bytes()
}

/// The comments, and the switch between a standalone page and a picture for `\input`:
/// after `\documentclass` LaTeX makes `\documentclass` an error macro, which tells the two
/// apart.
fn preamble(out: &mut String, scene: &Scene) {
    // The title as one comment line: a control character (a carriage return ends the
    // comment, and TeX runs the rest) becomes a space.
    let title: String = scene
        .title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let _ = writeln!(out, "% {title}");
    let _ = writeln!(
        out,
        "% Made by fisherballs {}. Compile alone (pdflatex) for a standalone page, or \\input it",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str(
        "% in a document that loads pgfplots (\\usepackage{pgfplots}), whose fonts it uses.\n",
    );
    if let Some(caption) = &scene.caption {
        out.push_str("% A caption for it:\n");
        // Its lines run on as one sentence of the caption, " · " between them as within.
        let one = caption.lines().collect::<Vec<_>>().join(" · ");
        let _ = writeln!(out, "% \\caption{{{}}}", tex::text(&one));
    }
    out.push_str(
        r"\makeatletter
\ifx\documentclass\@twoclasseserror
  \let\fisherballsbegin\relax
  \let\fisherballsend\relax
\else
  \def\fisherballsbegin{\documentclass{standalone}\usepackage{pgfplots}\pgfplotsset{compat=1.16}\begin{document}}
  \def\fisherballsend{\end{document}}
\fi
\makeatother
",
    );
}

/// One panel: an axis box in its cell, its shading, shapes, curves and markers.
#[allow(clippy::too_many_arguments)]
fn axis(
    out: &mut String,
    colours: &mut Colours,
    scene: &Scene,
    panel: &PanelScene,
    k: usize,
    at: (f64, f64),
    cell: (f64, f64),
    line: f64,
) {
    let bar = if panel.shading.is_some() { BAR } else { 0.0 };
    let width = (cell.0 - LEFT - RIGHT - bar).max(20.0);
    // A title wraps to the axis' width: room for as many lines as it will take, at about
    // 5 pt a character of a 10 pt font.
    let above = match &panel.title {
        Some(t) => ABOVE_TITLED * (5.0 * t.chars().count() as f64 / width).ceil().max(1.0),
        None => ABOVE,
    };
    let size = (width, (cell.1 - BELOW - above).max(20.0));
    // Equal aspect by widening the ranges here (not pgfplots' `axis equal`), so that the
    // ticks are chosen on the ranges drawn.
    let (x, y) = match panel.equal_aspect {
        true => layout::equal_aspect(panel.x_range, panel.y_range, size),
        false => (panel.x_range, panel.y_range),
    };
    let ink = colours.name(scene.theme.ink);
    let grid = colours.name(scene.theme.grid);
    let mut options = vec![
        format!("name=panel{}", k + 1),
        format!("at={{({}bp,{}bp)}}", num(at.0 + LEFT), num(at.1 - above)),
        "anchor=north west".to_string(),
        "scale only axis".to_string(),
        format!("width={}bp", num(size.0)),
        format!("height={}bp", num(size.1)),
        format!("xmin={}, xmax={}", num(x.lo), num(x.hi)),
        format!("ymin={}, ymax={}", num(y.lo), num(y.hi)),
        format!("xlabel={{${}$}}", tex::math(&panel.x_label)),
        format!("ylabel={{${}$}}", tex::math(&panel.y_label)),
        "grid=major".to_string(),
        format!("major grid style={{{grid}}}"),
        format!("axis line style={{{ink}}}, tick style={{{ink}}}"),
        format!("every tick label/.append style={{text={ink}}}"),
        format!("label style={{text={ink}}}, title style={{text={ink}}}"),
        format!(
            "legend pos={}, legend cell align=left",
            legend_corner(panel, size)
        ),
        format!(
            "legend style={{fill={}, fill opacity=0.9, text opacity=1, draw={ink}, text={ink}}}",
            colours.name(scene.theme.paper)
        ),
        "scaled ticks=false".to_string(),
    ];
    if let Some(title) = &panel.title {
        // A long panel title wraps to the axis' width instead of running off it.
        options.push(format!("title={{{}}}", tex::text(title)));
        options.push(format!(
            "title style={{align=center, text width={}bp, {UNBROKEN}}}",
            num(size.0)
        ));
    }
    options.extend(tick_options('x', x, false, size.0));
    options.extend(tick_options('y', y, panel.log_y, size.1));
    if panel.log_y {
        options.push("ymode=log, log basis y=10".to_string());
    }
    if let Some(s) = &panel.shading {
        options.extend(colour_bar(s, colours));
    }
    let _ = writeln!(out, "\\begin{{axis}}[\n  {}]", options.join(",\n  "));
    let to_pt = Scale {
        x,
        y,
        size,
        log_y: panel.log_y,
    };
    if let Some(s) = &panel.shading {
        cells(out, colours, s);
    }
    if !panel.markers.is_empty() {
        let muted = colours.name(scene.theme.muted);
        let _ = writeln!(
            out,
            "\\addplot[only marks, mark=*, mark size=0.6bp, color={muted}, opacity=0.45, forget plot] coordinates {{{}}};",
            coordinates(&panel.markers, None)
        );
    }
    // Outlines stand out from the ground they are drawn on (none holds over a shading).
    let ground = panel.shading.is_none().then(|| scene.ground());
    for shapes in &panel.shapes {
        shape_plots(out, colours, shapes, &to_pt, line, ground);
    }
    for curve in &panel.paths {
        curve_plot(out, colours, curve, &to_pt, line);
    }
    out.push_str("\\end{axis}\n");
}

/// The document's font, as pgfplots sets tick labels (10 pt: a digit is 5 bp wide; signs
/// and the "×" of 10ⁿ a little more, so 5.5 bp a character errs on the side of room).
const TICK_EM: f64 = 10.0;
const TICK_CHAR: f64 = 5.5;

/// `xtick` and `xticklabels` (or y's): the ticks every format chooses ([`ticks::choose`]),
/// their labels in math mode. When no three fit, pgfplots chooses (the drawn formats refuse
/// such a figure; a document's own font may differ from the one measured).
fn tick_options(axis: char, r: Interval, log: bool, length: f64) -> Vec<String> {
    let labels = if axis == 'x' {
        Labels::Across
    } else {
        Labels::Stacked
    };
    let width = |l: &str| TICK_CHAR * l.chars().count() as f64;
    let Some(set) = ticks::choose(r, log, length, labels, TICK_EM, &width) else {
        return Vec::new();
    };
    let values: Vec<String> = set.iter().map(|t| num(t.value)).collect();
    let names: Vec<String> = set
        .iter()
        .map(|t| format!("{{${}$}}", tex::math(&t.label)))
        .collect();
    vec![
        format!("{axis}tick={{{}}}", values.join(",")),
        format!("{axis}ticklabels={{{}}}", names.join(",")),
    ]
}

/// The corner of the axis box whose legend would cover the fewest drawn points (north west
/// first on a tie), the legend's size estimated for a 10 pt font: 5 bp a character, 12 bp a
/// row, and the icon and margins.
fn legend_corner(panel: &PanelScene, size: (f64, f64)) -> &'static str {
    let labels = layout::legend_labels(panel);
    let chars = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let (w, h) = (5.0 * chars as f64 + 40.0, 12.0 * labels.len() as f64 + 12.0);
    let scale = Scale {
        x: panel.x_range,
        y: panel.y_range,
        size,
        log_y: panel.log_y,
    };
    let points: Vec<(f64, f64)> = layout::drawn(panel).map(|&p| scale.pt(p)).collect();
    let (right, top) = (size.0 - w, size.1 - h);
    let corners = [
        ("north west", 0.0, top),
        ("north east", right, top),
        ("south west", 0.0, 0.0),
        ("south east", right, 0.0),
    ];
    let boxes = corners.map(|(_, x, y)| (x, y));
    corners[layout::emptiest(&boxes, (w, h), &points)].0
}

/// From data to points of the axis box, for leaving out invisible outline points.
struct Scale {
    x: Interval,
    y: Interval,
    size: (f64, f64),
    log_y: bool,
}

impl Scale {
    fn pt(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let v = match self.log_y {
            true => (y / self.y.lo).ln() / (self.y.hi / self.y.lo).ln(),
            false => (y - self.y.lo) / self.y.width(),
        };
        (
            (x - self.x.lo) / self.x.width() * self.size.0,
            v * self.size.1,
        )
    }
}

/// `(x,y) (x,y) …`, less the points within 0.07 bp of the polyline drawn ([`simplify::kept`]):
/// the outline stays within 0.1 bp of the exact one at the printed size.
fn coordinates(points: &[(f64, f64)], scale: Option<&Scale>) -> String {
    let kept: Vec<usize> = match scale {
        Some(s) => {
            let pts: Vec<(f64, f64)> = points.iter().map(|&p| s.pt(p)).collect();
            simplify::kept(&pts, 0.07)
        }
        None => (0..points.len()).collect(),
    };
    let mut s = String::new();
    for k in kept {
        let _ = write!(s, "({},{}) ", num(points[k].0), num(points[k].1));
    }
    s.pop();
    s
}

fn dash(shapes_dash: Option<(f64, f64)>, line: f64) -> String {
    match shapes_dash {
        Some((on, off)) => format!(
            ", dash pattern=on {}bp off {}bp",
            num(on * line),
            num(off * line)
        ),
        None => String::new(),
    }
}

/// Each outline filled and drawn (the first carries the legend entry, if any), then the
/// centre dots.
fn shape_plots(
    out: &mut String,
    colours: &mut Colours,
    s: &Shapes,
    scale: &Scale,
    line: f64,
    ground: Option<Rgb>,
) {
    let fill = colours.name(s.colour);
    let draw = colours.name(outline(s.colour, ground));
    let dashes = dash(s.dash, line);
    for (i, o) in s.outlines.iter().enumerate() {
        let legend = i == 0 && !s.label.is_empty();
        let _ = writeln!(
            out,
            "\\addplot[draw={draw}, fill={fill}, fill opacity={}, line width={}pt{dashes}, {}] coordinates {{{}}} --cycle;",
            num(s.fill_alpha),
            num(line),
            if legend { "area legend" } else { "forget plot" },
            coordinates(o, Some(scale))
        );
        if legend {
            let _ = writeln!(out, "\\addlegendentry{{{}}}", tex::text(&s.label));
        }
    }
    if !s.centres.is_empty() {
        let _ = writeln!(
            out,
            "\\addplot[only marks, mark=*, mark size={}bp, color={draw}, forget plot] coordinates {{{}}};",
            num(1.3 * line),
            coordinates(&s.centres, None)
        );
    }
}

fn curve_plot(out: &mut String, colours: &mut Colours, c: &Curve, scale: &Scale, line: f64) {
    let legend = !c.label.is_empty();
    let _ = writeln!(
        out,
        "\\addplot[draw={}, draw opacity={}, line width={}bp, no marks{}] coordinates {{{}}};",
        colours.name(c.colour),
        num(c.alpha),
        num(line * c.width),
        if legend { "" } else { ", forget plot" },
        coordinates(&c.points, Some(scale))
    );
    if legend {
        let _ = writeln!(out, "\\addlegendentry{{{}}}", tex::text(&c.label));
    }
}

/// The shaded cells ([`layout::runs`]).
fn cells(out: &mut String, colours: &mut Colours, s: &Shading) {
    for (c, [x0, y0, x1, y1]) in layout::runs(s) {
        let _ = writeln!(
            out,
            "\\fill[{}] (axis cs:{},{}) rectangle (axis cs:{},{});",
            colours.name(c),
            num(x0),
            num(y0),
            num(x1),
            num(y1)
        );
    }
}

/// pgfplots' own colour bar, with the shading's colours as its colormap.
fn colour_bar(s: &Shading, _colours: &mut Colours) -> Vec<String> {
    let stops: Vec<String> = s
        .bar
        .iter()
        .map(|c| format!("rgb255=({},{},{})", c[0], c[1], c[2]))
        .collect();
    vec![
        format!("colormap={{fisherballs}}{{{}}}", stops.join(" ")),
        "colorbar".to_string(),
        format!(
            "point meta min={}, point meta max={}",
            num(s.bar_range.lo),
            num(s.bar_range.hi)
        ),
        format!(
            "colorbar style={{ylabel={{{}}}, scaled ticks=false}}",
            tex::text(&s.bar_label)
        ),
    ]
}

/// The colours a figure uses, named fb1, fb2, … in the order first used.
#[derive(Default)]
struct Colours(Vec<Rgb>);

impl Colours {
    fn name(&mut self, c: Rgb) -> String {
        let k = match self.0.iter().position(|&d| d == c) {
            Some(k) => k,
            None => {
                self.0.push(c);
                self.0.len() - 1
            }
        };
        format!("fb{}", k + 1)
    }

    fn definitions(&self) -> String {
        let mut s = String::new();
        for (k, c) in self.0.iter().enumerate() {
            let _ = writeln!(
                s,
                "\\definecolor{{fb{}}}{{RGB}}{{{},{},{}}}",
                k + 1,
                c[0],
                c[1],
                c[2]
            );
        }
        s
    }
}

/// Seven significant digits (a ten-thousandth of a point on any axis), as pgfplots reads
/// them: `0.1414214`, `-2`, `1.5e-07`.
fn num(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".to_string();
    }
    let magnitude = v.abs().log10().floor() as i32;
    if !(-4..=6).contains(&magnitude) {
        let s = format!("{v:.6e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = m.trim_end_matches('0').trim_end_matches('.');
        return format!("{m}e{e}");
    }
    let digits = (6 - magnitude).max(0) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The TikZ option that keeps a wrapped title's words whole (issue 18: a column's title
/// hyphenated "Gaus-sian"): hyphenation penalties set to never as the node begins (set in
/// the node's text they came too late, measured: the compiled PDF still broke the word).
const UNBROKEN: &str = r"execute at begin node={\hyphenpenalty=10000\exhyphenpenalty=10000}";
