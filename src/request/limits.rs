//! The limits every request is checked against: what a figure may ask for, so that each
//! finishes in reasonable time and memory. Errors quote them; the uses read them.

/// The largest grid: 40 000 centres (200×200).
pub const MAX_BALLS: usize = 40_000;
/// Points on each outline: at least 16 (fewer looks like a polygon), at most 4096.
pub const MIN_POINTS: usize = 16;
pub const MAX_POINTS: usize = 4096;
/// All outlines together, over every kind and panel: at most 40 000 balls × 256 points.
pub const MAX_TOTAL_POINTS: usize = 10_240_000;
/// Figure sides in figure pixels (96 an inch), and PNG sides after `--dpi` and `--scale`.
pub const MIN_SIDE: u32 = 150;
pub const MAX_SIDE: u32 = 6000;
/// PNG pixels an inch for printed sizes, and tick labels in points.
pub const MIN_DPI: f64 = 10.0;
pub const MAX_DPI: f64 = 2400.0;
pub const MIN_FONT_PT: f64 = 4.0;
pub const MAX_FONT_PT: f64 = 72.0;
/// `plot --show jeffreys` weighs the prior mass of at most 2 500 balls (50×50): each mass
/// is some 6 000 evaluations of √det F.
pub const MAX_JEFFREYS_BALLS: usize = 2_500;
/// `compare` draws 2 to 6 panels.
pub const MAX_PANELS: usize = 6;
/// `geodesic` draws at most 20 paths, with 2 to 50 balls along each.
pub const MAX_GEODESICS: usize = 20;
pub const MAX_ALONG: usize = 50;

/// `mle` limits: a sample size from 2 (below it σ̂ = 0) to 100 000, up to 20 000 estimates,
/// and at most 10⁸ draws in all (about a second).
pub const MAX_N: usize = 100_000;
pub const MAX_TRIALS: usize = 20_000;
pub const MAX_DRAWS: usize = 100_000_000;

/// The levels an interactive page offers (each solves every ball once more).
pub const INTERACTIVE_LEVELS: usize = 9;
