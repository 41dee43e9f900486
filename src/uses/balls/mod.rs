//! Balls on a grid of centres: `plot` in one chart (or a chart whitened at a point), and
//! `compare`, the same distributions in 2 to 6 charts; with an interactive page
//! ([`interactive`]) that shows them at several levels.

mod interactive;
pub use interactive::levels;
mod request;

use anyhow::Result;

pub use request::{Balls, Weighing};

use super::Use;
use super::panels::json::{self as panels_json, Head, OneChart, Panels};
use super::panels::scene::{
    Colouring, Drawing, chart_title, kinds_drawn, panel_names, panel_scenes,
};
use super::panels::{self, Panel};
use crate::export::Format;
use crate::geometry::ball::{BallError, first_overlap};
use crate::geometry::{Level, Typed, grid};
use crate::number::significant;
use crate::request::{ChartChoice, Presentation};
use crate::scene::{Figure, Interactive, Scene};

impl Balls {
    /// The panels of balls around the grid's centres at `level`.
    pub fn solve_at(&self, level: Level) -> Result<Vec<Panel>, BallError> {
        let centres = grid::centres(&self.limits, self.grid.0, self.grid.1);
        panels::solve(
            &*self.family,
            &self.panels,
            &centres,
            &self.kinds,
            level,
            self.points(),
        )
    }

    /// The panels at the request's level, and the request they were solved for: a default
    /// grid whose balls touch in the first chart is thinned until they do not; a grid asked
    /// for is drawn as it is, with a note.
    pub fn solve_grid(&self) -> Result<(Balls, Vec<Panel>, Vec<String>), BallError> {
        let mut request = self.clone();
        loop {
            let panels = request.solve_at(request.level)?;
            let (nx, ny) = request.grid;
            let touching = panels[0]
                .layers
                .iter()
                .find_map(|l| first_overlap(&l.balls, nx));
            match touching {
                Some(_) if !request.grid_given && (nx, ny) != (1, 1) => {
                    let ratio = request.level.kl() / request.family.default_kl();
                    request.grid = fewer(request.grid, ratio);
                }
                Some((i, k)) => {
                    let note = format!(
                        "balls {} and {} (row by row from the bottom left) overlap at --grid {nx}x{ny} with L = {}; a smaller --grid or level keeps them apart",
                        i + 1,
                        k + 1,
                        Typed(request.level.kl())
                    );
                    return Ok((request, panels, vec![note]));
                }
                None => return Ok((request, panels, Vec::new())),
            }
        }
    }

    /// How the panels are drawn: a ball a colour when several charts are compared (so a
    /// reader can find it in each), else a colour a kind.
    pub fn drawing(&self) -> Drawing<'_> {
        Drawing {
            charts: &self.panels,
            limits: Some((self.limits.x, self.limits.y)),
            axes: self.axes,
            y_scale: self.y_scale,
            colouring: match self.panels.len() {
                1 => Colouring::ByKind,
                _ => Colouring::ByBall {
                    across: self.grid.0,
                },
            },
        }
    }

    /// The figure's scene, with `drawing`'s panels of `panels` and `caption` (unless left
    /// out).
    pub fn scene(
        &self,
        drawing: &Drawing,
        panels: &[Panel],
        caption: impl FnOnce() -> String,
    ) -> Scene {
        let style = &self.presentation.style;
        Scene::styled(
            style,
            self.title(),
            caption,
            panel_scenes(drawing, panels, style),
            None,
        )
    }

    fn title(&self) -> String {
        let family = self.family.display_name();
        match &self.panels[..] {
            [one] => format!("Fisher balls of the {family}, {}", chart_title(one)),
            many => format!(
                "The same Fisher balls of the {family} in {} charts",
                many.len()
            ),
        }
    }

    /// Two lines: what is drawn, then its size. For example
    /// "gaussian · chart mean-std · kl balls: D(p′ ‖ p) = L" and
    /// "KL level L = 0.01 · Fisher radius r = √(2L) = 0.1414 · 9×5 centres".
    pub fn caption(&self) -> String {
        let (nx, ny) = self.grid;
        let (charts, centres) = match self.panels.len() {
            1 => (
                format!("chart {}", self.panels[0].chart().name()),
                format!("{nx}×{ny} centres"),
            ),
            _ => (
                format!("charts {}", panel_names(&self.panels)),
                format!("{nx}×{ny} centres on a grid in the first chart"),
            ),
        };
        // Limits of a whitened chart are whitened coordinates, not the base chart's.
        let units = match self.panels[0] {
            ChartChoice::Whitened(_) => " (limits in whitened units)",
            ChartChoice::Named(_) => "",
        };
        format!(
            "{} · {charts} · {}\nKL level L = {} · Fisher radius r = √(2L) = {} · {centres}{units}",
            self.family.name(),
            kinds_drawn(&self.kinds),
            significant(self.level.kl()),
            significant(self.level.radius()),
        )
    }

    /// The numbers: one chart's balls for plot, every panel's for compare.
    pub fn numbers(&self, panels: &[Panel], out: &mut Vec<u8>) -> serde_json::Result<()> {
        let (ball, kl, radius) = panels_json::kinds_and_level(&self.kinds, self.level);
        let head = Head::new(&*self.family);
        match self.panels.len() {
            1 => serde_json::to_writer(
                out,
                &OneChart {
                    head,
                    chart: panels_json::chart(&self.panels[0]),
                    ball,
                    kl,
                    radius,
                    balls: panels_json::balls(&panels[0]),
                },
            ),
            _ => serde_json::to_writer(
                out,
                &Panels::new(&*self.family, &self.kinds, self.level, &self.panels, panels),
            ),
        }
    }
}

/// A thinner grid for balls that touch: as many fewer centres each way as the balls are
/// larger than the family's default level's (`ratio` = L/L₀; their size goes as √L), and at
/// least a quarter fewer.
/// An odd count stays odd, so that a grid with a centre in the middle of the view keeps it
/// (issue 18: the whitened chart's point is the circle at its origin, which a 2×2 grid
/// left out).
fn fewer((nx, ny): (usize, usize), ratio: f64) -> (usize, usize) {
    let grow = ratio.sqrt().max(4.0 / 3.0);
    let thin = |n: usize| {
        let fewer = ((n as f64 / grow).floor() as usize).max(1);
        match !n.is_multiple_of(2) && fewer.is_multiple_of(2) {
            true => fewer - 1,
            false => fewer,
        }
    };
    (thin(nx), thin(ny))
}

impl Use for Balls {
    fn shrink(&self) -> &'static str {
        "use a smaller --grid, fewer --points or kinds, or limits nearer the chart's default view (balls near a domain's edge cost most)"
    }

    fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let (request, mut panels, mut notes) = self.solve_grid()?;
        // The page solves the other levels, and keeps the panels of its own in its data.
        let mut interactive = None;
        if self.presentation.format == Format::Html {
            let (page, left_out) = interactive::build(&request, std::mem::take(&mut panels))?;
            notes.extend(left_out);
            interactive = Some(page);
        }
        Ok(Box::new(Solved {
            request,
            panels,
            notes,
            interactive,
        }))
    }
}

/// Balls solved: the request as drawn (its grid perhaps thinned), its panels, and its page.
struct Solved {
    request: Balls,
    panels: Vec<Panel>,
    notes: Vec<String>,
    interactive: Option<Interactive>,
}

impl Figure for Solved {
    fn scene(&self) -> Scene {
        let request = &self.request;
        request.scene(&request.drawing(), &self.panels, || request.caption())
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        self.request.numbers(&self.panels, out)
    }

    fn interactive(&self) -> Option<&Interactive> {
        self.interactive.as_ref()
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }
}
