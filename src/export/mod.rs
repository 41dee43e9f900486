//! Figures → bytes: one exporter a format, each in its own file, all in one table
//! ([`EXPORTERS`]). A drawn format (SVG, PNG, PDF, pgfplots) takes the figure's scene once it
//! is checked to hold only what can be drawn; JSON takes its numbers; the page takes its
//! interactive scenes. Only the command line writes files.
//!
//! The drawing is one function ([`draw::draw`]) generic over plotters' `DrawingBackend`,
//! onto our SVG backend; the SVG is the master, and PNG (resvg) and PDF (krilla) are made
//! from it, so all three show the same picture.

mod apng;
mod draw;
pub mod font;
mod html;
mod json;
mod layout;
mod pdf;
mod png;
mod simplify;
mod svg;
mod tex;
pub mod ticks;

use std::path::Path;

use anyhow::Result;

use crate::scene::{self, Figure, Scene};

pub use draw::pgf::to_tex;
pub use draw::{SpaceError, check_space};
pub use json::NotFinite;
pub use pdf::to_pdf;
pub use png::to_png;
pub use svg::to_svg;

/// What an output holds, from its name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Pdf,
    /// A pgfplots LaTeX file.
    Tex,
    Json,
    /// An interactive page: the SVG with its balls at several levels, and a script.
    Html,
    /// An animated PNG: a frame a level.
    Apng,
}

/// One format: the extensions that name it, and how a figure becomes its bytes.
pub struct Exporter {
    pub format: Format,
    pub extensions: &'static [&'static str],
    pub bytes: fn(&dyn Figure) -> Result<Vec<u8>>,
}

/// Every format fisherballs writes. A new format is a file of this folder and a row here.
pub const EXPORTERS: [Exporter; 7] = [
    Exporter {
        format: Format::Svg,
        extensions: &["svg"],
        bytes: svg::bytes,
    },
    Exporter {
        format: Format::Png,
        extensions: &["png"],
        bytes: png::bytes,
    },
    Exporter {
        format: Format::Pdf,
        extensions: &["pdf"],
        bytes: pdf::bytes,
    },
    Exporter {
        format: Format::Tex,
        extensions: &["tex"],
        bytes: draw::pgf::bytes,
    },
    Exporter {
        format: Format::Json,
        extensions: &["json"],
        bytes: json::bytes,
    },
    Exporter {
        format: Format::Html,
        extensions: &["html", "htm"],
        bytes: html::bytes,
    },
    Exporter {
        format: Format::Apng,
        extensions: &["apng"],
        bytes: apng::bytes,
    },
];

impl Format {
    /// The format an output's extension names (in any case), if any.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        EXPORTERS
            .iter()
            .find(|e| e.extensions.contains(&extension.as_str()))
            .map(|e| e.format)
    }
}

/// The figure as the bytes of `format`.
pub fn bytes(figure: &dyn Figure, format: Format) -> Result<Vec<u8>> {
    let exporter = EXPORTERS
        .iter()
        .find(|e| e.format == format)
        .expect("every format has a row in EXPORTERS");
    (exporter.bytes)(figure)
}

/// What the reader should know of how the figure was laid out in `format` (text left out
/// for want of room).
pub fn layout_notes(figure: &dyn Figure, format: Format) -> Vec<String> {
    match format {
        Format::Svg | Format::Png | Format::Pdf | Format::Apng => {
            draw::layout_notes(&figure.scene(), true)
        }
        Format::Tex => draw::layout_notes(&figure.scene(), false),
        Format::Json | Format::Html => Vec::new(),
    }
}

/// A scene that every drawn format can draw: every number finite, every axis divisible into
/// ticks, and room in every panel for its axes and labels.
fn checked(scene: &Scene) -> Result<()> {
    scene::check(scene)?;
    check_space(scene)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every format has one row, every extension names one format, in any case.
    #[test]
    fn the_table_names_each_format_once() {
        let formats = [
            Format::Svg,
            Format::Png,
            Format::Pdf,
            Format::Tex,
            Format::Json,
            Format::Html,
            Format::Apng,
        ];
        for f in formats {
            assert_eq!(EXPORTERS.iter().filter(|e| e.format == f).count(), 1);
        }
        for e in &EXPORTERS {
            for ext in e.extensions {
                let upper = format!("figure.{}", ext.to_ascii_uppercase());
                assert_eq!(Format::from_path(Path::new(&upper)), Some(e.format));
            }
        }
        assert_eq!(Format::from_path(Path::new("figure.jpg")), None);
        assert_eq!(Format::from_path(Path::new("figure")), None);
    }
}
