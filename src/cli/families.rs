//! The registry of families as the command line shows it: a line a family for `--help`, and
//! the Markdown table that `fisherballs families` prints and docs/families.md shows.

use std::fmt::Write;

use crate::geometry::families;

/// The families and their charts, one line a family, for `--help`.
pub fn help() -> String {
    let mut text = String::from("Families and their charts (the first is the default):\n");
    for e in &families::ALL {
        let charts: Vec<&str> = e.charts.iter().map(|c| c.name()).collect();
        let _ = writeln!(text, "  {:<12} {}", e.name, charts.join(", "));
    }
    text
}

/// The table of families and charts that `fisherballs families` prints and docs/families.md
/// shows: coordinates, domain, and the default view (limits, grid, KL level).
pub fn markdown_table() -> String {
    let mut text = String::from(
        "| `--family` | `--chart` | coordinates (x, y) | domain | default limits | default grid | default L |\n|---|---|---|---|---|---|---|\n",
    );
    for f in families::defaults() {
        for (i, c) in f.charts().iter().enumerate() {
            let [x, y] = c.axis_labels();
            let l = c.default_limits();
            let (nx, ny) = c.default_grid();
            let (family, kl) = match i {
                0 => (format!("`{}`", f.name()), f.default_kl().to_string()),
                _ => (String::new(), String::new()),
            };
            let _ = writeln!(
                text,
                "| {family} | `{}` | ({x}, {y}) | {} | x {}, {}; y {}, {} | {nx}x{ny} | {kl} |",
                c.name(),
                c.domain(),
                l.x.lo,
                l.x.hi,
                l.y.lo,
                l.y.hi
            );
        }
    }
    text
}
