//! The one font every figure uses, compiled in, so text renders on a machine with no fonts.

use std::sync::Once;

use ab_glyph::FontRef;
use plotters::style::{FontStyle, register_font};

/// DejaVu Sans (Bitstream Vera licence, see assets/DejaVuSans-LICENSE.txt): it has the
/// Greek letters, sub- and superscripts the axis labels need (μ, σ², λ, η₁, m₂).
pub static FONT_BYTES: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// The family name figures ask plotters for.
pub const FAMILY: &str = "sans-serif";

/// The font as ab_glyph reads it (for the SVG backend's glyph outlines).
pub fn font() -> FontRef<'static> {
    FontRef::try_from_slice(FONT_BYTES).expect("the shipped font parses")
}

/// The height of a line of the font (ascent less descent) in ems: 1.164 for DejaVu Sans.
/// plotters and ab_glyph scale text by that height, not by the em that a font size names
/// (issue 18: `--font-size 8` set 6.9 pt text, smaller than the document's 8 pt beside it),
/// so a size of `s` ems is asked of them as `s` times this.
pub fn em_height() -> f64 {
    use ab_glyph::Font;
    let font = font();
    let em = font
        .units_per_em()
        .expect("the shipped font has units per em");
    f64::from(font.height_unscaled() / em)
}

/// Registers the font with plotters under [`FAMILY`], once per process.
pub fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if register_font(FAMILY, FontStyle::Normal, FONT_BYTES).is_err() {
            panic!("the shipped font parses");
        }
    });
}
