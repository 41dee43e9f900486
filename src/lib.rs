//! fisherballs: draws Fisher balls, the sets of distributions at a fixed KL divergence or
//! Fisher–Rao distance from a centre, over a grid of centres in a chart of a family.
//!
//! Data flows one way: request → use → geometry → scene → export → output.
//! - [`cli`]: the command line's grammar; [`figure_file`]: TOML files of figures, read by
//!   the same grammar; [`request`]: what every use's request shares (checks, limits, the
//!   errors worded in flags);
//! - [`uses`]: a module per use (balls, jeffreys, geodesic, mle, natgrad, mml, ruler): its request,
//!   its solve step, its scene and its numbers, behind one trait;
//! - [`geometry`]: the maths, pure functions on plain data;
//! - [`scene`]: what a figure shows, in data coordinates (no drawing types); [`style`]: how
//!   it looks (colours, themes, the canvas), read by requests and scenes;
//! - [`export`]: bytes from a figure, one exporter a format in one table;
//! - [`output`]: atomic writes, all or nothing; [`number`]: numbers written for people.

pub mod cli;
pub mod export;
pub mod figure_file;
pub mod geometry;
pub mod number;
pub mod output;
pub mod request;
pub mod scene;
pub mod style;
pub mod uses;
