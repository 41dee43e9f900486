//! scene → bytes: one drawing function ([`draw::draw`]) generic over plotters'
//! `DrawingBackend` onto our SVG backend; the SVG is the master, and PNG (resvg) and PDF
//! (krilla) are made from it, so all three show the same picture.

mod draw;
pub mod font;
mod html;
mod layout;
mod pdf;
mod pgf;
mod png;
mod simplify;
mod svg;
mod tex;

pub use draw::{RoomError, room};
pub use html::to_page;
pub use pdf::to_pdf;
pub use pgf::to_tex;
pub use png::to_png;
pub use svg::to_svg;
