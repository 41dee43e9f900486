//! `geodesic`: Fisher–Rao geodesics between pairs of distributions, with Fisher–Rao balls
//! equally spaced along each, in 1 to 6 charts.

use std::sync::Arc;

use anyhow::Result;

use super::Use;
use super::panels::json::Panels;
use super::panels::scene::{Colouring, Drawing, chart_title, panel_names, panel_scenes};
use super::panels::{self, Panel, Path as PanelPath};
use crate::cli::args::GeodesicArgs;
use crate::geometry::ball::BallError;
use crate::geometry::geodesic::{self, GeodesicError};
use crate::geometry::{BallKind, Chart, Family, Level, Model, Point};
use crate::number::significant;
use crate::request::{
    ChartChoice, MAX_ALONG, MAX_GEODESICS, Presentation, RequestError, YScale, check_points,
    family, panels_of,
};
use crate::scene::{Figure, Scene};

/// Geodesics from each `from` to its `to` (points of the first chart), `along` balls on each.
pub struct Geodesic {
    family: Arc<dyn Family>,
    panels: Vec<ChartChoice>,
    pairs: Vec<(Point, Point)>,
    along: usize,
    level: Level,
    presentation: Presentation,
}

impl Geodesic {
    pub fn new(args: &GeodesicArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let panels = panels_of(&*family, &args.charts, RequestError::GeodesicPanels)?;
        let level = args.level.level(&*family)?;
        let chart = panels[0].chart();
        if args.from.len() != args.to.len() || args.from.len() > MAX_GEODESICS {
            return Err(RequestError::Pairs(args.from.len(), args.to.len()));
        }
        let pairs: Vec<(Point, Point)> = args
            .from
            .iter()
            .copied()
            .zip(args.to.iter().copied())
            .collect();
        let model = Model::new(&*family, chart);
        let outside = |p: Point| RequestError::EndOutside {
            x: p.x,
            y: p.y,
            chart: chart.name(),
            domain: chart.domain(),
        };
        check_points(&model, "--from", pairs.iter().map(|(a, _)| a), outside)?;
        check_points(&model, "--to", pairs.iter().map(|(_, b)| b), outside)?;
        if !(2..=MAX_ALONG).contains(&args.along) {
            return Err(RequestError::Along(args.along));
        }
        let presentation = Presentation::new(
            &args.look,
            args.along * pairs.len() * panels.len(),
            None,
            crate::request::Extras::Neither("geodesic"),
        )?;
        Ok(Self {
            family,
            panels,
            pairs,
            along: args.along,
            level,
            presentation,
        })
    }

    /// The centres of the balls along each geodesic (`along` a path, ends included), in the
    /// first chart, and the geodesics themselves in canonical coordinates.
    fn along_geodesics(&self) -> Result<(Vec<Point>, Vec<PanelPath>), BallError> {
        let family = &*self.family;
        let first = self.panels[0].chart();
        let mut centres = Vec::new();
        let mut geodesics = Vec::new();
        for &(a, b) in &self.pairs {
            let (ta, tb) = (first.theta(a), first.theta(b));
            let told = |e: GeodesicError| BallError::from(e.at(a, b));
            let stops = geodesic::between(family, ta, tb, self.along).map_err(told)?;
            centres.extend(stops.points.iter().map(|&t| first.phi(t)));
            let path = geodesic::between(family, ta, tb, self.presentation.points).map_err(told)?;
            geodesics.push(PanelPath {
                from: ta,
                to: tb,
                points: path.points,
                length: path.length,
                // The closed form where there is one (a check on the path); otherwise the
                // shooting's length, which `between` has just found.
                distance: family.fisher_rao(ta, tb).unwrap_or(path.length),
            });
        }
        Ok((centres, geodesics))
    }
}

/// A geodesic (canonical) mapped into a panel's chart.
fn in_chart(g: &PanelPath, chart: &dyn Chart) -> PanelPath {
    PanelPath {
        from: chart.phi(g.from),
        to: chart.phi(g.to),
        points: g.points.iter().map(|&t| chart.phi(t)).collect(),
        length: g.length,
        distance: g.distance,
    }
}

impl Use for Geodesic {
    fn shrink(&self) -> &'static str {
        "use fewer --from/--to pairs, ends nearer each other, or a smaller --along"
    }

    fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    fn solve(&self) -> Result<Box<dyn Figure + '_>> {
        let (centres, geodesics) = self.along_geodesics()?;
        let mut panels = panels::solve(
            &*self.family,
            &self.panels,
            &centres,
            &[BallKind::FisherRao],
            self.level,
            self.presentation.points,
        )?;
        for (choice, panel) in self.panels.iter().zip(&mut panels) {
            panel.paths = geodesics
                .iter()
                .map(|g| in_chart(g, choice.chart()))
                .collect();
        }
        Ok(Box::new(Solved {
            request: self,
            panels,
        }))
    }
}

struct Solved<'a> {
    request: &'a Geodesic,
    panels: Vec<Panel>,
}

impl Figure for Solved<'_> {
    fn scene(&self) -> Scene {
        let r = self.request;
        let drawing = Drawing {
            charts: &r.panels,
            limits: None,
            axes: [None, None],
            y_scale: YScale::Linear,
            colouring: Colouring::ByPath { along: r.along },
        };
        let family = r.family.display_name();
        let title = match &r.panels[..] {
            [one] => format!("Fisher–Rao geodesics of the {family}, {}", chart_title(one)),
            many => format!(
                "Fisher–Rao geodesics of the {family} in {} charts",
                many.len()
            ),
        };
        let caption = || {
            format!(
                "{} · charts {} · {} balls: {}\nKL level L = {} · Fisher radius r = √(2L) = {} · {} geodesic(s), {} balls along each",
                r.family.name(),
                panel_names(&r.panels),
                BallKind::FisherRao.name(),
                BallKind::FisherRao.equation(),
                significant(r.level.kl()),
                significant(r.level.radius()),
                r.pairs.len(),
                r.along,
            )
        };
        let style = &r.presentation.style;
        Scene::styled(
            style,
            title,
            caption,
            panel_scenes(&drawing, &self.panels, style),
            None,
        )
    }

    fn numbers(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let r = self.request;
        let kinds = [BallKind::FisherRao];
        let numbers = Panels::new(&*r.family, &kinds, r.level, &r.panels, &self.panels);
        serde_json::to_writer(out, &numbers)
    }
}
