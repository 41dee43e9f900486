//! pgfplots: the scene as a LaTeX file, laid out by the same solver as the drawn formats
//! ([`solve::plan`], in PostScript points) and set in the document's fonts at the layout's
//! sizes. Each panel's plotting area is an `axis` environment (`scale only axis`) exactly
//! where the layout puts it, holding the grid, tick marks and data (each outline an
//! `\addplot coordinates`); every line of text (titles, tick labels, axis names, legends, a
//! colour bar's labels) is a TikZ node at its place in the layout ([`place`]), so a
//! column's figure keeps its axes as wide as the PNG's (issue 18: fixed bands left them
//! 57 bp). Compiled alone it is a `standalone` page; `\input` into a document that loads
//! pgfplots, it is a `tikzpicture`. Outline points within 0.07 bp of the polyline drawn are
//! left out.

use std::fmt::Write;

use super::place::{self, Anchor, Icon, Line, Role};
use super::solve::{Bar, Keep, Legend, PanelPlan, Rect};
use super::space::{SpaceError, planned};
use super::{CENTRE_RADIUS, Units};
use crate::export::{layout, simplify, tex};
use crate::scene::{self, Curve, Figure, PanelScene, Scene, Shading, Shapes};
use crate::style::{Rgb, outline};

pub(in crate::export) fn bytes(figure: &dyn Figure) -> anyhow::Result<Vec<u8>> {
    let scene = figure.scene();
    scene::check(&scene)?;
    Ok(to_tex(&scene)?)
}

/// The figure as a pgfplots LaTeX file, its page the figure's printed size: laid out in
/// points (72 an inch), the caption left to the document (it is written as a comment).
pub fn to_tex(scene: &Scene) -> Result<Vec<u8>, SpaceError> {
    let (w, h) = (72.0 * scene.canvas.inches.0, 72.0 * scene.canvas.inches.1);
    // The axes of a figure larger than LARGEST are drawn at 1/m of their size and
    // magnified m times (text keeps its size: TeX sets small text in wider fonts).
    let magnify = (w.max(h) / LARGEST).ceil().max(1.0);
    let (plan, u) = planned(scene, w / f64::from(scene.canvas.width), Keep::Title)?;
    let mut colours = Colours::default();
    let ink = colours.name(scene.theme.ink);
    let mut body = String::new();
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
    let muted = colours.name(scene.theme.muted);
    let mut texts = place::page_lines(&plan, w, &u);
    let mut axes = String::new();
    // Legends and colour bars, drawn over the axes.
    let mut overlays = String::new();
    for (k, (panel, laid)) in scene.panels.iter().zip(&plan.panels).enumerate() {
        axis(
            &mut axes,
            &mut colours,
            (scene, panel),
            laid,
            k,
            &u,
            1.0 / magnify,
        );
        texts.extend(place::panel_title(laid, &u));
        let tick = place::tick_length(&u);
        let xs: Vec<f64> = (laid.x_ticks.iter())
            .map(|t| laid.to_px((t.value, laid.y.lo), panel.log_y).0)
            .collect();
        let ys: Vec<f64> = (laid.y_ticks.iter())
            .map(|t| laid.to_px((laid.x.lo, t.value), panel.log_y).1)
            .collect();
        texts.extend(place::tick_labels(laid, laid.plot, (&xs, &ys), tick, &u));
        texts.extend(place::axis_names(laid, laid.plot, tick, &u));
        if let Some(legend) = &laid.legend {
            texts.extend(legend_box(
                &mut overlays,
                &mut colours,
                scene,
                panel,
                legend,
                &u,
            ));
        }
        if let (Some(s), Some(bar)) = (&panel.shading, &laid.bar) {
            texts.extend(colour_bar(
                &mut overlays,
                &mut colours,
                scene.theme.ink,
                s,
                bar,
                &u,
            ));
        }
    }
    body.push_str(&magnified(&axes, magnify, (w, h)));
    body.push_str(&overlays);
    if let (Some(legend), Some(first)) = (&plan.legend, scene.panels.first()) {
        texts.extend(legend_box(
            &mut body,
            &mut colours,
            scene,
            first,
            legend,
            &u,
        ));
    }
    for line in &texts {
        let colour = match line.role {
            Role::Caption => &muted,
            _ => &ink,
        };
        node(&mut body, line, colour, &u);
    }
    let mut out = String::new();
    preamble(&mut out, scene);
    out.push_str("\\fisherballsbegin\n\\begin{tikzpicture}\n");
    out.push_str(&colours.definitions());
    out.push_str(&body);
    out.push_str("\\end{tikzpicture}\n");
    out.push_str("\\fisherballsend\n");
    Ok(out.into_bytes())
}

/// A point of the layout (y downwards, in points) as TikZ's (y upwards).
fn at((x, y): (f64, f64)) -> String {
    format!("({}bp,{}bp)", num(x), num(-y))
}

/// How much wider than its DejaVu Sans width a formula may be set before it is scaled to
/// fit: TeX's math spacing sets some a little wider (measured at 9.6 bp in Computer Modern:
/// φ₁ 9 %, h = μ/σ² 2 % wider), and a formula (a tick label, an axis name) has that much
/// free room around it; text keeps strictly to its measured width.
const MATH_ROOM: f64 = 1.1;

/// The same for text, whose measured box has padding or space beside it (a legend's
/// label: half an em to the box's edge): Computer Modern at 7.6 bp, near DejaVu Sans,
/// was 0.6 % wider.
const TEXT_ROOM: f64 = 1.03;

/// A line of text as a node at its place, in the document's font at the layout's size:
/// tick labels and axis names in math mode, the rest as text with its symbols in math.
fn node(out: &mut String, line: &Line, colour: &str, u: &Units) {
    let anchor = match line.anchor {
        Anchor::Top => "anchor=north",
        Anchor::Right => "anchor=east",
        Anchor::Left => "anchor=west",
        Anchor::Upward => "anchor=north, rotate=90",
    };
    let (text, room) = match line.role {
        Role::Tick | Role::AxisName | Role::BarName => {
            (format!("${}$", tex::math(&line.text)), MATH_ROOM)
        }
        _ => (tex::text(&line.text), TEXT_ROOM),
    };
    let _ = writeln!(
        out,
        r"\node[{anchor}, inner sep=0pt, text={colour}, font=\fontsize{{{}bp}}{{{}bp}}\selectfont] at {} {{\fisherballsfit{{{}bp}}{{{text}}}}};",
        num(u.em(line.size)),
        num(1.2 * u.em(line.size)),
        at(line.at),
        num(room * line.width)
    );
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
  \def\fisherballsbegin{\documentclass{standalone}\usepackage{pgfplots}\pgfplotsset{compat=1.16}%
    \DeclareFontShape{OT1}{cmr}{m}{n}{<->cmr10}{}\DeclareFontShape{OML}{cmm}{m}{it}{<->cmmi10}{}%
    \DeclareFontShape{OMS}{cmsy}{m}{n}{<->cmsy10}{}\begin{document}}
  \def\fisherballsend{\end{document}}
\fi
\makeatother
% Alone, Computer Modern's 10 pt designs are set at every size, as DejaVu Sans is (its
% small designs are wider: cmr6 set 6 pt titles 9 % wider than measured).
% A line of text no wider than the layout measured it (in DejaVu Sans at its size): a
% document font that sets it wider is scaled down to that width, with a warning in the log.
\providecommand\fisherballsfit[2]{\sbox0{#2}\ifdim\wd0>#1\relax
  \GenericWarning{}{fisherballs: \detokenize{#2} is \the\wd0\space wide in this font,
    wider than the #1 measured; scaled to fit}\resizebox{#1}{!}{\usebox0}\else\usebox0\fi}
",
    );
}

/// One panel's plotting area: an axis box where the layout put it, with its grid, tick
/// marks (their labels are nodes), shading, shapes, curves and markers.
fn axis(
    out: &mut String,
    colours: &mut Colours,
    (scene, panel): (&Scene, &PanelScene),
    laid: &PanelPlan,
    k: usize,
    u: &Units,
    shrink: f64,
) {
    let (p, x, y) = (laid.plot, laid.x, laid.y);
    // Lengths in the axes' own picture ([`magnified`]).
    let len = |v: f64| num(shrink * v);
    let ink = colours.name(scene.theme.ink);
    let grid = colours.name(scene.theme.grid);
    let values = |v: Vec<f64>| v.into_iter().map(num).collect::<Vec<_>>().join(",");
    let mut options = vec![
        format!("name=panel{}", k + 1),
        format!("at={{{}}}", at((shrink * p.x0, shrink * p.y0))),
        "anchor=north west".to_string(),
        "scale only axis".to_string(),
        format!("width={}bp", len(p.w())),
        format!("height={}bp", len(p.h())),
        format!("xmin={}, xmax={}", num(x.lo), num(x.hi)),
        format!("ymin={}, ymax={}", num(y.lo), num(y.hi)),
        "enlargelimits=false".to_string(),
        // Axis lines left and below, as the drawn formats have them.
        "axis lines*=left".to_string(),
        format!(
            "axis line style={{draw={ink}, line width={}bp}}",
            len(u.len(1.2))
        ),
        format!(
            "tick align=outside, major tick length={}bp",
            len(place::tick_length(u))
        ),
        format!(
            "tick style={{draw={ink}, line width={}bp}}",
            len(u.len(1.2))
        ),
        format!(
            "xtick={{{}}}",
            values(laid.x_ticks.iter().map(|t| t.value).collect())
        ),
        format!(
            "ytick={{{}}}",
            values(laid.y_ticks.iter().map(|t| t.value).collect())
        ),
        // The labels are the layout's nodes.
        "xticklabels={}, yticklabels={}".to_string(),
        "grid=major".to_string(),
        format!(
            "major grid style={{draw={grid}, line width={}bp}}",
            len(u.len(1.0))
        ),
    ];
    if panel.log_y {
        options.push("ymode=log, log basis y=10".to_string());
    }
    let _ = writeln!(out, "\\begin{{axis}}[\n  {}]", options.join(",\n  "));
    let to_pt = |q: (f64, f64)| laid.to_px(q, panel.log_y);
    let line = shrink * scene.line_width * u.len(1.0);
    if let Some(s) = &panel.shading {
        cells(out, colours, s);
    }
    if !panel.markers.is_empty() {
        let muted = colours.name(scene.theme.muted);
        let _ = writeln!(
            out,
            "\\addplot[only marks, mark=*, mark size={}bp, color={muted}, opacity=0.45, forget plot] coordinates {{{}}};",
            len(u.len(1.8)),
            coordinates(&panel.markers, None)
        );
    }
    // Outlines stand out from the ground they are drawn on (none holds over a shading).
    let ground = panel.shading.is_none().then(|| scene.ground());
    let dot = shrink * u.len(CENTRE_RADIUS);
    for shapes in &panel.shapes {
        shape_plots(out, colours, shapes, &to_pt, (line, dot), ground);
    }
    for curve in &panel.paths {
        curve_plot(out, colours, curve, &to_pt, line);
    }
    out.push_str("\\end{axis}\n");
}

/// A legend's box (the paper's colour, an ink border) and samples; its labels, to set.
fn legend_box(
    out: &mut String,
    colours: &mut Colours,
    scene: &Scene,
    panel: &PanelScene,
    legend: &Legend,
    u: &Units,
) -> Vec<Line> {
    let r = legend.rect;
    let paper = colours.name(scene.theme.paper);
    let ink = colours.name(scene.theme.ink);
    let _ = writeln!(
        out,
        r"\fill[{paper}, fill opacity=0.9] {} rectangle {};",
        at((r.x0, r.y0)),
        at((r.x1, r.y1))
    );
    let _ = writeln!(
        out,
        r"\draw[{ink}, line width={}bp] {} rectangle {};",
        num(u.len(1.0)),
        at((r.x0, r.y0)),
        at((r.x1, r.y1))
    );
    let samples = place::icons(panel, panel.shading.is_none().then(|| scene.ground()));
    let labels: Vec<&str> = samples.iter().map(|(l, _)| *l).collect();
    let line = scene.line_width * u.len(1.0);
    let mut texts = Vec::new();
    for entry in place::legend_entries(legend, &labels, u) {
        let ((x, y), wi) = (entry.icon, entry.icon_width);
        let band = |c: Rgb, half: f64, alpha: f64, colours: &mut Colours| {
            format!(
                r"\fill[{}, fill opacity={}] {} rectangle {};",
                colours.name(c),
                num(alpha),
                at((x, y - half)),
                at((x + wi, y + half))
            )
        };
        let sample = match samples[entry.index].1 {
            Icon::Fill(c) => band(c, u.len(6.0), 1.0, colours),
            Icon::Line(c, alpha) => band(c, u.len(2.0), alpha, colours),
            Icon::Dashes(c, dashes) => format!(
                r"\draw[{}, line width={}bp{}] {} -- {};",
                colours.name(c),
                num(2.0 * line),
                dash(Some(dashes), line),
                at((x, y)),
                at((x + wi, y))
            ),
        };
        let _ = writeln!(out, "{sample}");
        texts.push(entry.label);
    }
    texts
}

/// A colour bar: one gradient (each colour from its own start to the bar's top, so that
/// no seam shows), an ink border and tick marks; its labels and name, to set.
fn colour_bar(
    out: &mut String,
    colours: &mut Colours,
    ink: Rgb,
    s: &Shading,
    bar: &Bar,
    u: &Units,
) -> Vec<Line> {
    let Rect { x0, y0, x1, y1 } = bar.rect;
    let (r, n) = (s.bar_range, s.bar.len().max(1));
    let height = |v: f64| y1 - (v - r.lo) / r.width() * (y1 - y0);
    for (k, &c) in s.bar.iter().enumerate() {
        let start = height(r.lo + k as f64 * r.width() / n as f64);
        let _ = writeln!(
            out,
            r"\fill[{}] {} rectangle {};",
            colours.name(c),
            at((x0, y0)),
            at((x1, start))
        );
    }
    let ink = colours.name(ink);
    let tick = place::tick_length(u);
    let ys: Vec<f64> = bar.ticks.iter().map(|t| height(t.value)).collect();
    let mut marks = String::new();
    for &y in &ys {
        let _ = write!(marks, " {} -- {}", at((x1, y)), at((x1 + tick, y)));
    }
    let _ = writeln!(
        out,
        r"\draw[{ink}, line width={}bp] {} rectangle {}{marks};",
        num(u.len(1.0)),
        at((x0, y0)),
        at((x1, y1))
    );
    place::bar_labels(bar, &s.bar_label, &ys, tick, u)
}

/// The largest page side drawn at its size, in points (8⅓ in). pgfplots stops with
/// "Dimension too large" on longer axes over some ranges (measured: a 1100 bp axis over
/// ±0.9935759, the whitened plot of a 1920×1080 slide; 500 and 700 bp axes drew every
/// range tried), so a larger figure is drawn at a whole fraction of its size in a
/// `\scalebox` that magnifies it back, text and lines with it.
const LARGEST: f64 = 600.0;

/// The axes as they are (`magnify` 1), or in a picture of their own 1/`magnify` the size
/// of the `w` × `h` page, magnified back by a `\scalebox` in a node at its top left corner.
fn magnified(axes: &str, magnify: f64, (w, h): (f64, f64)) -> String {
    if magnify == 1.0 {
        return axes.to_string();
    }
    format!(
        "\\node[anchor=north west, inner sep=0pt, outer sep=0pt] at (0bp,0bp) {{%\n\\scalebox{{{}}}{{%\n\\begin{{tikzpicture}}\n\\useasboundingbox (0bp,0bp) rectangle ({}bp,{}bp);\n{axes}\\end{{tikzpicture}}}}}};\n",
        num(magnify),
        num(w / magnify),
        num(-h / magnify)
    )
}

/// Where a data point falls, in points of the page.
type ToPt<'a> = &'a dyn Fn((f64, f64)) -> (f64, f64);

/// `(x,y) (x,y) …`, less the points within 0.07 bp of the polyline drawn ([`simplify::kept`]):
/// the outline stays within 0.1 bp of the exact one at the printed size.
fn coordinates(points: &[(f64, f64)], to_pt: Option<ToPt>) -> String {
    let kept: Vec<usize> = match to_pt {
        Some(to_pt) => {
            let pts: Vec<(f64, f64)> = points.iter().map(|&p| to_pt(p)).collect();
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

/// Each outline filled and drawn, `line` wide, then the centre dots (`dot` their radius).
fn shape_plots(
    out: &mut String,
    colours: &mut Colours,
    s: &Shapes,
    to_pt: ToPt,
    (line, dot): (f64, f64),
    ground: Option<Rgb>,
) {
    let fill = colours.name(s.colour);
    let draw = colours.name(outline(s.colour, ground));
    let dashes = dash(s.dash, line);
    for o in &s.outlines {
        let _ = writeln!(
            out,
            "\\addplot[draw={draw}, fill={fill}, fill opacity={}, line width={}bp{dashes}, forget plot] coordinates {{{}}} --cycle;",
            num(s.fill_alpha),
            num(line),
            coordinates(o, Some(to_pt))
        );
    }
    if !s.centres.is_empty() {
        let _ = writeln!(
            out,
            "\\addplot[only marks, mark=*, mark size={}bp, color={draw}, forget plot] coordinates {{{}}};",
            num(dot),
            coordinates(&s.centres, None)
        );
    }
}

fn curve_plot(out: &mut String, colours: &mut Colours, c: &Curve, to_pt: ToPt, line: f64) {
    let _ = writeln!(
        out,
        "\\addplot[draw={}, draw opacity={}, line width={}bp, no marks, forget plot] coordinates {{{}}};",
        colours.name(c.colour),
        num(c.alpha),
        num(line * c.width),
        coordinates(&c.points, Some(to_pt))
    );
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
