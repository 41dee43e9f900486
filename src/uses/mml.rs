//! `mml`: minimum message length. A region (a rectangle of the first chart) covered by
//! Fisher–Rao balls of radius r (`geometry::mml`), drawn in each chart; K and log₂ K bits
//! count distributions, so they are the same in every chart.

use std::sync::Arc;

use anyhow::Result;

use super::Use;
use super::panels::json::{Covered, Panels};
use super::panels::scene::{Colouring, Drawing, panel_names, panel_scenes};
use super::panels::{self, Panel, Region};
use crate::cli::args::MmlArgs;
use crate::geometry::{BallKind, Family, Level, Limits, Model, Point, families, jeffreys, mml};
use crate::number::significant;
use crate::request::{
    ChartChoice, MAX_BALLS, MAX_TOTAL_POINTS, Presentation, RequestError, YScale, check_domain,
    family, panels_of,
};
use crate::scene::{Figure, Scene};

/// The region `limits` of the first chart, to be covered by balls of the level's radius.
pub struct Mml {
    family: Arc<dyn Family>,
    panels: Vec<ChartChoice>,
    level: Level,
    limits: Limits,
    presentation: Presentation,
}

impl Mml {
    pub fn new(args: &MmlArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let panels = panels_of(&*family, &args.charts, RequestError::MmlPanels)?;
        let level = args.level.level(&*family)?;
        let chart = panels[0].chart();
        let defaults = chart.default_limits();
        let limits = Limits {
            x: args.xlim.unwrap_or(defaults.x),
            y: args.ylim.unwrap_or(defaults.y),
        };
        check_domain(&*family, chart, &limits)?;
        let presentation = Presentation::new(
            &args.look,
            panels.len(),
            None,
            crate::request::Extras::Neither("mml"),
        )?;
        Ok(Self {
            family,
            panels,
            level,
            limits,
            presentation,
        })
    }

    /// The most balls a covering may hold: every cap of every figure, the balls and the
    /// outline points over all panels, each weighed by what it costs to solve.
    fn limit(&self) -> usize {
        let cost = families::point_cost(&*self.family, BallKind::FisherRao);
        let points = self.presentation.points * self.panels.len() * cost;
        MAX_BALLS.min(MAX_TOTAL_POINTS / points)
    }
}

impl Use for Mml {
    fn shrink(&self) -> &'static str {
        "use a larger --radius/--kl, a smaller region, or fewer --points or charts"
    }

    fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let first = Model::new(&*self.family, self.panels[0].chart());
        let r = self.level.radius();
        let covering = mml::cover(&first, &self.limits, r, self.limit())?;
        let boundary: Vec<Point> = mml::rectangle(&self.limits, 100)
            .into_iter()
            .map(|p| first.chart.theta(p))
            .collect();
        let volume = jeffreys::volume(&first, &self.limits)?;
        let mut panels = panels::solve(
            &*self.family,
            &self.panels,
            &covering.centres,
            &[BallKind::FisherRao],
            self.level,
            self.presentation.points,
        )?;
        for (choice, panel) in self.panels.iter().zip(&mut panels) {
            panel.region = Some(Region {
                boundary: boundary.iter().map(|&t| choice.chart().phi(t)).collect(),
                volume,
                deepest_hole: covering.deepest_hole,
                rows: covering.rows.clone(),
                ball_area: covering.ball_area,
            });
        }
        Ok(Box::new(Solved {
            request: self,
            panels,
        }))
    }
}

struct Solved<'a> {
    request: &'a Mml,
    panels: Vec<Panel>,
}

impl Solved<'_> {
    /// How many balls cover the region, and the region as the first panel holds it.
    fn count(&self) -> (usize, &Region) {
        let first = &self.panels[0];
        let region = first
            .region
            .as_ref()
            .expect("every mml panel holds its region");
        (first.layers[0].balls.len(), region)
    }

    fn caption(&self) -> String {
        let m = self.request;
        let (k, region) = self.count();
        let (x, y) = (m.limits.x, m.limits.y);
        let chart = m.panels[0].chart();
        let [xl, yl] = chart.axis_labels();
        format!(
            "{} · charts {} · region {xl} ∈ [{}, {}], {yl} ∈ [{}, {}] of {}\nK = {k} Fisher–Rao balls of radius r = {} cover it, {} · log₂ K = {} bits · thinness K·area/V = {}{}",
            m.family.name(),
            panel_names(&m.panels),
            significant(x.lo),
            significant(x.hi),
            significant(y.lo),
            significant(y.hi),
            chart.name(),
            significant(m.level.radius()),
            region.rows,
            significant((k as f64).log2()),
            significant(k as f64 * region.ball_area / region.volume),
            region
                .deepest_hole
                .map(|h| format!(" · deepest hole {} r", significant(h / m.level.radius())))
                .unwrap_or_default(),
        )
    }
}

impl Figure for Solved<'_> {
    fn scene(&self) -> Scene {
        let m = self.request;
        let drawing = Drawing {
            charts: &m.panels,
            limits: Some((m.limits.x, m.limits.y)),
            axes: [None, None],
            y_scale: YScale::Linear,
            colouring: Colouring::ByKind,
        };
        let title = format!(
            "Minimum message length: a region of the {} covered by Fisher balls",
            m.family.display_name()
        );
        let style = &m.presentation.style;
        Scene::styled(
            style,
            title,
            || self.caption(),
            panel_scenes(&drawing, &self.panels, style),
            None,
        )
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let m = self.request;
        let (k, region) = self.count();
        let kinds = [BallKind::FisherRao];
        let mut numbers = Panels::new(&*m.family, &kinds, m.level, &m.panels, &self.panels);
        numbers.covered = Some(Covered {
            count: k,
            bits: (k as f64).log2(),
            jeffreys_volume: region.volume,
            thinness: k as f64 * region.ball_area / region.volume,
            deepest_hole: region.deepest_hole,
        });
        serde_json::to_writer(out, &numbers)
    }
}
