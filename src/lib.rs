//! fisherballs: draws Fisher balls, the sets of distributions at a fixed KL divergence or
//! Fisher–Rao distance from a centre, over a grid of centres in a chart of a family.
//!
//! Data flows one way: spec → geometry → scene → backend.
//! - [`geometry`]: the maths, pure functions on plain data;
//! - [`spec`]: a validated description of one figure;
//! - [`scene`]: what a figure shows, in data coordinates (no drawing types);
//! - [`render`]: SVG and PNG bytes from a scene; [`json`]: JSON bytes from the geometry.

pub mod geometry;
