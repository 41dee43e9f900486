//! PDF: the SVG drawing converted to one vector page by krilla (what typst uses), which
//! writes the same bytes run after run (svg2pdf was measured not to, shared/PLOTTING.md).
//! The page is the figure's printed size: `--width 3.25in` makes a page 234 pt wide, and a
//! size in pixels counts 96 an inch (a 1200×900 figure is 12.5 × 9.375 in).

use krilla::Document;
use krilla::geom::Size;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use thiserror::Error;

use crate::scene::{Figure, Scene};

/// Why a figure could not become a PDF.
#[derive(Debug, Error)]
pub enum PdfError {
    #[error("the figure's SVG could not be read back for the PDF: {0}")]
    Svg(#[from] resvg::usvg::Error),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

pub(super) fn bytes(figure: &dyn Figure) -> anyhow::Result<Vec<u8>> {
    let scene = figure.scene();
    super::checked(&scene)?;
    Ok(to_pdf(&scene)?)
}

/// The figure as a one-page vector PDF.
pub fn to_pdf(scene: &Scene) -> Result<Vec<u8>, PdfError> {
    let tree = super::png::tree(scene)?;
    let (w, h) = scene.canvas.inches;
    let page = Size::from_wh((72.0 * w) as f32, (72.0 * h) as f32)
        .ok_or_else(|| PdfError::Write("the page has no area".to_string()))?;
    let mut document = Document::new();
    let mut p = document.start_page_with(PageSettings::new(page));
    let mut surface = p.surface();
    surface
        .draw_svg(&tree, page, SvgSettings::default())
        .ok_or_else(|| PdfError::Write("the drawing could not be placed".to_string()))?;
    surface.finish();
    p.finish();
    document
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))
}
