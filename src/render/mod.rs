//! scene → bytes: one drawing function ([`draw::draw`]) generic over plotters'
//! `DrawingBackend`, and the two exporters built on it.

mod draw;
pub mod font;
mod png;
mod svg;

pub use png::to_png;
pub use svg::to_svg;
