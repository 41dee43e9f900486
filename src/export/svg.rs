//! An SVG backend for plotters with sub-pixel coordinates and text as glyph outlines.
//!
//! plotters hands backends integer coordinates, so the scene is drawn [`SCALE`] times larger
//! than the figure (more for a PNG of more pixels than the figure's, [`Units`]) and the
//! `viewBox` scales it back: coordinates land on hundredths of an output pixel or finer.
//! Text is written as outlines of the shipped font's glyphs (each glyph once, in `<defs>`,
//! then `<use>`d), so the figure looks the same in every viewer, whatever fonts it has.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::fmt::Write;
use std::rc::Rc;

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve, ScaleFont};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};

use super::{draw, font, simplify};
use crate::scene::{Figure, Scene};
use crate::style::Canvas;

/// Backend units per figure pixel in an SVG file: fine enough that rounding (0.005 px) is far
/// below the tolerance of leaving points out, which then works (at 10 units a pixel the
/// rounding noise kept nearly every point of a 1024-point outline).
const SCALE: u32 = 100;

/// How finely an SVG is drawn for the pixels it will become: `per_px` backend units a figure
/// pixel, and outline points left out only within `tol` backend units of what is drawn.
/// A unit is at most a hundredth of an output pixel, so rounding to whole units moves a point
/// at most 0.005·√2 ≈ 0.007 output pixels, and leaving points out adds at most 0.09: an
/// outline stays within 0.1 output pixel of the exact one
/// (issue 18: at 1024 points the old neighbour test drew diamonds).
#[derive(Clone, Copy)]
struct Units {
    per_px: u32,
    tol: f64,
}

impl Units {
    /// For `out_px` output pixels a figure pixel: an SVG file's (1), or a PNG's (`png_scale`).
    fn for_output(out_px: f64) -> Self {
        let per_px = SCALE * out_px.max(1.0).ceil() as u32;
        Self {
            per_px,
            tol: 0.09 * f64::from(per_px) / out_px.max(1.0),
        }
    }
}

pub(super) fn bytes(figure: &dyn Figure) -> anyhow::Result<Vec<u8>> {
    let scene = figure.scene();
    super::checked(&scene)?;
    Ok(to_svg(&scene))
}

/// The figure as a standalone SVG document.
pub fn to_svg(scene: &Scene) -> Vec<u8> {
    drawn(scene, Units::for_output(1.0))
}

/// The figure as SVG drawn finely enough to become a PNG of `png_scale` pixels a figure pixel.
pub(super) fn to_svg_for_png(scene: &Scene) -> Vec<u8> {
    drawn(scene, Units::for_output(scene.canvas.png_scale))
}

fn drawn(scene: &Scene, units: Units) -> Vec<u8> {
    let mut doc = String::new();
    let backend = SvgBackend::new(&mut doc, scene.canvas, units);
    match draw::draw(scene, backend, f64::from(units.per_px), &draw::Unmarked) {
        Ok(()) => doc.into_bytes(),
        Err(e) => unreachable!("the SVG backend cannot fail: {e}"),
    }
}

/// The figure as SVG with each panel's balls in a group `<g class="level"
/// data-panel="p" data-level="k">` clipped to the panel's plotting area (hidden unless
/// `shown`), each ball in `<g class="ball" data-ball="i" data-level="k">`, and each
/// panel's group between the comments `<!--balls p-->` and `<!--/balls-->`, for the page.
pub(super) fn to_grouped_svg(scene: &Scene, level: usize, shown: bool) -> String {
    let mut doc = String::new();
    let units = Units::for_output(1.0);
    let backend = SvgBackend::new(&mut doc, scene.canvas, units);
    let grouping = Grouping {
        body: backend.body.clone(),
        level,
        shown,
        open: std::cell::Cell::new(false),
    };
    match draw::draw(scene, backend, f64::from(units.per_px), &grouping) {
        Ok(()) => doc,
        Err(e) => unreachable!("the SVG backend cannot fail: {e}"),
    }
}

/// Writes the page's groups into the backend's body between the elements it draws.
struct Grouping {
    body: Rc<RefCell<String>>,
    level: usize,
    shown: bool,
    /// Whether a ball's group is open.
    open: std::cell::Cell<bool>,
}

impl Grouping {
    fn close_ball(&self) {
        if self.open.replace(false) {
            self.body.borrow_mut().push_str("</g>\n");
        }
    }
}

impl draw::Marks for Grouping {
    fn begin_balls(&self, panel: usize, [x0, y0, x1, y1]: [i32; 4]) {
        let (k, hide) = (
            self.level,
            if self.shown { "" } else { r#" display="none""# },
        );
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<!--balls {panel}--><clipPath id="clip-{panel}-{k}"><rect x="{x0}" y="{y0}" width="{}" height="{}"/></clipPath><g class="level" data-panel="{panel}" data-level="{k}" clip-path="url(#clip-{panel}-{k})"{hide}>"#,
            x1 - x0,
            y1 - y0
        );
    }
    fn ball(&self, ball: usize) {
        self.close_ball();
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<g class="ball" data-ball="{ball}" data-level="{}">"#,
            self.level
        );
        self.open.set(true);
    }
    fn end_balls(&self) {
        self.close_ball();
        self.body.borrow_mut().push_str("</g><!--/balls-->\n");
    }
}

struct SvgBackend<'a> {
    out: &'a mut String,
    figure: (u32, u32),
    /// The width and height attributes: pixels, or inches for a printed size (whose layout
    /// is whole pixels, so it stretches by less than half a pixel to the exact size).
    size: (String, String),
    /// What is drawn, shared with the page's [`Grouping`], which writes its groups in
    /// between.
    body: Rc<RefCell<String>>,
    glyphs: BTreeMap<u16, String>,
    font: FontRef<'static>,
    units: Units,
}

impl<'a> SvgBackend<'a> {
    fn new(out: &'a mut String, page: Canvas, units: Units) -> Self {
        let size = match page.printed {
            true => (inches(page.inches.0), inches(page.inches.1)),
            false => (page.width.to_string(), page.height.to_string()),
        };
        Self {
            out,
            figure: (page.width, page.height),
            size,
            body: Rc::default(),
            glyphs: BTreeMap::new(),
            font: font::font(),
            units,
        }
    }

    /// The path of a glyph in font units (y up), defined once per document.
    fn define_glyph(&mut self, id: GlyphId) {
        if self.glyphs.contains_key(&id.0) {
            return;
        }
        let mut d = String::new();
        if let Some(outline) = self.font.outline(id) {
            let mut pen = None;
            for curve in &outline.curves {
                let (start, rest): (_, Vec<_>) = match curve {
                    OutlineCurve::Line(a, b) => (*a, vec![('L', *b)]),
                    OutlineCurve::Quad(a, c, b) => (*a, vec![('Q', *c), (' ', *b)]),
                    OutlineCurve::Cubic(a, c1, c2, b) => {
                        (*a, vec![('C', *c1), (' ', *c2), (' ', *b)])
                    }
                };
                if pen != Some(start) {
                    let _ = write!(d, "M{} {}", num(start.x), num(start.y));
                }
                for (cmd, p) in &rest {
                    let _ = write!(d, "{cmd}{} {}", num(p.x), num(p.y));
                }
                pen = rest.last().map(|(_, p)| *p);
            }
        }
        self.glyphs.insert(id.0, d);
    }
}

/// A number as short as it can be written exactly enough (font units are near-integers).
fn num(v: f32) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// "3.25in": four decimals, no trailing zeros.
fn inches(v: f64) -> String {
    let s = format!("{v:.4}");
    format!("{}in", s.trim_end_matches('0').trim_end_matches('.'))
}

/// A colour nothing shows through: plotters strokes mesh lines it was told to hide in a fully
/// transparent colour; they are left out, which also spares resvg stroking them (a 9x6
/// figure had 158 such lines).
fn invisible(c: BackendColor) -> bool {
    c.alpha <= 0.0
}

fn paint(c: BackendColor, what: &str) -> String {
    let (r, g, b) = c.rgb;
    let mut s = format!(r##"{what}="#{r:02x}{g:02x}{b:02x}""##);
    if c.alpha < 1.0 {
        let _ = write!(s, r#" {what}-opacity="{:.3}""#, c.alpha);
    }
    s
}

/// A shape filled, or outlined with the style's stroke.
fn look<S: BackendStyle>(s: &S, fill: bool) -> String {
    if fill {
        paint(s.color(), "fill")
    } else {
        let stroke = paint(s.color(), "stroke");
        format!(
            r#"fill="none" {stroke} stroke-width="{}""#,
            s.stroke_width()
        )
    }
}

/// The points of a path or polygon, less those within `tol` backend units of the polyline
/// drawn ([`simplify::kept`]).
fn points(path: impl IntoIterator<Item = BackendCoord>, tol: f64) -> String {
    let all: Vec<BackendCoord> = path.into_iter().collect();
    let xy: Vec<(f64, f64)> = all
        .iter()
        .map(|&(x, y)| (f64::from(x), f64::from(y)))
        .collect();
    let mut s = String::new();
    for k in simplify::kept(&xy, tol) {
        let _ = write!(s, "{},{} ", all[k].0, all[k].1);
    }
    s.pop();
    s
}

/// The text's box and size in figure pixels, as data attributes the tests read to check a
/// layout (text inside the page, never overlapping, never under 6 pt): the layout box from
/// `(x, y)` offset by `[dx0, dy0, dx1, dy1]`, turned by `rotate` degrees about `(x, y)`.
fn text_box_attribute(
    per_px: f64,
    (x, y): BackendCoord,
    rotate: i32,
    offsets: [i32; 4],
    size: f64,
) -> String {
    let [dx0, dy0, dx1, dy1] = offsets.map(f64::from);
    let turn = |(u, v): (f64, f64)| match rotate {
        90 => (-v, u),
        -90 => (v, -u),
        180 => (-u, -v),
        _ => (u, v),
    };
    let corners = [(dx0, dy0), (dx1, dy0), (dx0, dy1), (dx1, dy1)].map(turn);
    let (xs, ys) = (corners.map(|c| c.0), corners.map(|c| c.1));
    let lo = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
    let hi = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
    let px = |v: f64| format!("{:.2}", v / per_px);
    format!(
        r#"data-box="{} {} {} {}" data-size="{}""#,
        px(f64::from(x) + lo(xs)),
        px(f64::from(y) + lo(ys)),
        px(f64::from(x) + hi(xs)),
        px(f64::from(y) + hi(ys)),
        px(size / super::font::em_height())
    )
}

impl DrawingBackend for SvgBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        (
            self.figure.0 * self.units.per_px,
            self.figure.1 * self.units.per_px,
        )
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        let (w, h) = &self.size;
        let (vw, vh) = self.get_size();
        let stretch = match h.ends_with("in") {
            true => r#" preserveAspectRatio="none""#,
            false => "",
        };
        let out = &mut *self.out;
        out.clear();
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}" height="{h}" viewBox="0 0 {vw} {vh}"{stretch}>"#
        );
        out.push_str("<defs>\n");
        for (id, d) in &self.glyphs {
            let _ = writeln!(out, r#"<path id="g{id}" d="{d}"/>"#);
        }
        out.push_str("</defs>\n");
        out.push_str(&self.body.borrow());
        out.push_str("</svg>\n");
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if invisible(c) {
            return Ok(());
        }
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<rect x="{x}" y="{y}" width="1" height="1" {}/>"#,
            paint(c, "fill")
        );
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if invisible(s.color()) {
            return Ok(());
        }
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" {} stroke-width="{}"/>"#,
            paint(s.color(), "stroke"),
            s.stroke_width()
        );
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if invisible(s.color()) {
            return Ok(());
        }
        let look = look(s, fill);
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<rect x="{x1}" y="{y1}" width="{}" height="{}" {look}/>"#,
            x2 - x1,
            y2 - y1
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if invisible(s.color()) {
            return Ok(());
        }
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<polyline points="{}" fill="none" {} stroke-width="{}" stroke-linejoin="round"/>"#,
            points(path, self.units.tol),
            paint(s.color(), "stroke"),
            s.stroke_width()
        );
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if invisible(s.color()) {
            return Ok(());
        }
        let look = look(s, fill);
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<circle cx="{x}" cy="{y}" r="{r}" {look}/>"#
        );
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if invisible(s.color()) {
            return Ok(());
        }
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<polygon points="{}" {}/>"#,
            points(vert, self.units.tol),
            paint(s.color(), "fill")
        );
        Ok(())
    }

    /// Places glyphs as plotters' own text drawing does (anchor on the layout box, baseline
    /// half the font size below its top), so that SVG and PNG figures are laid out alike.
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let ((x0, y0), (x1, y1)) = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (w, h) = (x1 - x0, y1 - y0);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -w,
            HPos::Center => -w / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -h / 2,
            VPos::Bottom => -h,
        };
        let rotate = match style.transform() {
            FontTransform::None => 0,
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => -90,
        };
        let size = style.size() as f32;
        let scaled = self.font.as_scaled(size);
        let k = scaled.h_scale_factor();
        let (ox, oy) = (dx - x0, f64::from(dy - y0) + style.size() / 2.0);
        let per_px = f64::from(self.units.per_px);
        let text_box = text_box_attribute(
            per_px,
            (x, y),
            rotate,
            [dx, dy, dx + w, dy + h],
            style.size(),
        );
        let _ = writeln!(
            self.body.borrow_mut(),
            r#"<g transform="translate({x} {y}) rotate({rotate}) translate({ox} {oy:.1}) scale({k:.6} {:.6})" {} {text_box}>"#,
            -k,
            paint(style.color(), "fill")
        );
        let mut advance = 0.0f32;
        let mut prev: Option<GlyphId> = None;
        for c in text.chars() {
            let id = self.font.glyph_id(c);
            if let Some(p) = prev {
                advance += self.font.kern_unscaled(p, id);
            }
            self.define_glyph(id);
            let _ = writeln!(
                self.body.borrow_mut(),
                r##"<use xlink:href="#g{}" x="{}"/>"##,
                id.0,
                num(advance)
            );
            advance += self.font.h_advance_unscaled(id);
            prev = Some(id);
        }
        self.body.borrow_mut().push_str("</g>\n");
        Ok(())
    }
}
