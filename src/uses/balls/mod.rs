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
    Colouring, Drawing, chart_title, kinds_drawn, log_axis, panel_names, panel_scenes,
};
use super::panels::{self, Panel};
use crate::export::Format;
use crate::geometry::ball::{BallError, first_overlap, first_touching};
use crate::geometry::{Level, Point, Typed, grid};
use crate::number::significant;
use crate::request::{ChartChoice, Presentation, YScale};
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
    /// grid whose balls touch in any panel is thinned until they touch in none (issue 18:
    /// compare's information panel crowded the balls its mean-std panel kept apart); a grid
    /// asked for is drawn as it is, with a note.
    pub fn solve_grid(&self) -> Result<(Balls, Vec<Panel>, Vec<String>), BallError> {
        let mut request = self.clone();
        loop {
            let panels = request.solve_at(request.level)?;
            let (nx, ny) = request.grid;
            let thinnable = !request.grid_given && (nx, ny) != (1, 1);
            if let Some((i, k)) = first_crowded(&panels, request.y_scale, nx).filter(|_| thinnable)
            {
                let ratio = request.level.kl() / request.family.default_kl();
                let touch = Touch::between(i, k, nx);
                let middle = matches!(request.panels[0], ChartChoice::Whitened(_));
                request.grid = fewer(request.grid, ratio, touch, middle);
                continue;
            }
            let touching = panels
                .iter()
                .flat_map(|p| &p.layers)
                .find_map(|l| first_overlap(&l.balls, nx));
            match touching {
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

/// How near two balls of a default grid may come in any panel, as a fraction of the panel's
/// balls' extent each way (on the axis's scale, log or linear): about 2 px of a 1200×900
/// figure's panel, more than an outline's width, so that neighbours drawn side by side read
/// as two balls (issue 18: the default compare's information panel drew its bottom rows
/// 0.3 px apart, one smear).
const MIN_GAP: f64 = 0.003;

/// The first pair of neighbouring balls, in any panel, that overlap or come nearer than
/// [`MIN_GAP`] as drawn.
fn first_crowded(panels: &[Panel], y_scale: YScale, nx: usize) -> Option<(usize, usize)> {
    panels.iter().enumerate().find_map(|(index, panel)| {
        let log = log_axis(index, panel, y_scale).is_some();
        let drawn = move |p: Point| Point::new(p.x, if log { p.y.ln() } else { p.y });
        let (x, y) = crate::scene::bounds(
            panel
                .layers
                .iter()
                .flat_map(|l| &l.balls)
                .flat_map(|b| &b.points)
                .map(|&p| drawn(p))
                .map(|d| (d.x, d.y)),
        );
        let (w, h) = (
            x.width().max(f64::MIN_POSITIVE),
            y.width().max(f64::MIN_POSITIVE),
        );
        let fraction = |p: Point| {
            let d = drawn(p);
            Point::new((d.x - x.lo) / w, (d.y - y.lo) / h)
        };
        panel
            .layers
            .iter()
            .find_map(|l| first_touching(&l.balls, nx, MIN_GAP, fraction))
    })
}

/// Which way two touching balls of a grid lie from each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Touch {
    /// Neighbours in a row: fewer columns part them.
    Across,
    /// Neighbours in a column: fewer rows.
    Up,
    /// Diagonal neighbours: fewer of both.
    Diagonal,
}

impl Touch {
    /// The direction from ball `i` to ball `k` (`k` after `i`, row by row, `nx` across).
    fn between(i: usize, k: usize, nx: usize) -> Touch {
        match (k / nx == i / nx, k % nx == i % nx) {
            (true, _) => Touch::Across,
            (false, true) => Touch::Up,
            (false, false) => Touch::Diagonal,
        }
    }
}

/// A thinner grid for balls that touch, in the direction they touch: as many fewer centres
/// as the balls are larger than the family's default level's (`ratio` = L/L₀; their size
/// goes as √L), and at least one fewer.
/// With `middle`, an odd count stays odd, so that the centre in the middle of the view stays
/// (issue 18: the whitened chart's point is the circle at its origin, which a 2×2 grid
/// left out).
fn fewer((nx, ny): (usize, usize), ratio: f64, touch: Touch, middle: bool) -> (usize, usize) {
    let grow = ratio.sqrt().max(1.0);
    let thin = |n: usize| {
        let fewer = ((n as f64 / grow).floor() as usize).min(n - 1).max(1);
        match middle && !n.is_multiple_of(2) && fewer.is_multiple_of(2) {
            true => fewer - 1,
            false => fewer,
        }
    };
    match touch {
        Touch::Across => (thin(nx), ny),
        Touch::Up => (nx, thin(ny)),
        Touch::Diagonal => (thin(nx), thin(ny)),
    }
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

#[cfg(test)]
mod tests {
    use super::{Touch, fewer};

    #[test]
    fn touching_balls_thin_the_grid_the_way_they_touch() {
        // Row by row, 9 across: 0→1 across, 0→9 up, 0→10 and 1→9 diagonal.
        assert_eq!(Touch::between(0, 1, 9), Touch::Across);
        assert_eq!(Touch::between(0, 9, 9), Touch::Up);
        assert_eq!(Touch::between(0, 10, 9), Touch::Diagonal);
        assert_eq!(Touch::between(1, 9, 9), Touch::Diagonal);
        // At the default level a step of one (of two where an odd middle is kept).
        assert_eq!(fewer((9, 5), 1.0, Touch::Across, false), (8, 5));
        assert_eq!(fewer((9, 5), 1.0, Touch::Up, false), (9, 4));
        assert_eq!(fewer((9, 5), 1.0, Touch::Diagonal, false), (8, 4));
        assert_eq!(fewer((9, 5), 1.0, Touch::Diagonal, true), (7, 3));
        assert_eq!(fewer((3, 3), 1.0, Touch::Across, true), (1, 3));
        // Balls 4× the default level's size: a quarter of the centres each way.
        assert_eq!(fewer((9, 5), 16.0, Touch::Diagonal, false), (2, 1));
        assert_eq!(fewer((9, 5), 16.0, Touch::Diagonal, true), (1, 1));
        // Never below one.
        assert_eq!(fewer((2, 1), 100.0, Touch::Across, false), (1, 1));
    }
}
