//! fisherballs: draws Fisher balls, the sets of distributions at a fixed KL divergence or
//! Fisher–Rao distance from a centre, over a grid of centres in a chart of a family.
//!
//! Data flows one way: spec → geometry → scene → backend.
//! - [`cli`]: the command line's grammar and figure files; [`spec`]: a validated description
//!   of one figure;
//! - [`geometry`]: the maths, pure functions on plain data; [`panels`] runs it for a spec;
//! - [`scene`]: what a figure shows, in data coordinates (no drawing types);
//! - [`render`]: SVG and PNG bytes from a scene; [`json`]: JSON bytes from the geometry.

pub mod cli;
pub mod geometry;
pub mod json;
pub mod mle;
pub mod natgrad;
pub mod output;
pub mod page;
pub mod panels;
pub mod pipeline;
pub mod render;
pub mod scene;
pub mod request;
pub mod style;
