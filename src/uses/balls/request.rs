//! The request of `plot` and `compare`: the family, the panels' charts, the grid of centres
//! in the first, the kinds and level of the balls, and how the figure is drawn.

use std::sync::Arc;

use crate::cli::args::{CommonArgs, CompareArgs, PlotArgs};
use crate::geometry::chart::Whitened;
use crate::geometry::{BallKind, Family, Interval, Level, Limits, families};
use crate::request::{
    ChartChoice, Extras, MAX_BALLS, MAX_JEFFREYS_BALLS, MAX_PANELS, Presentation, RequestError,
    YScale, chart_of, check_domain, family,
};

/// Balls on a grid of centres in the first panel's chart, carried into the others.
#[derive(Clone)]
pub struct Balls {
    pub family: Arc<dyn Family>,
    /// One panel for `plot`, 2 to 6 for `compare`; the centres are a grid in the first.
    pub panels: Vec<ChartChoice>,
    pub kinds: Vec<BallKind>,
    pub level: Level,
    /// Where the centres lie, in the first panel's chart.
    pub limits: Limits,
    pub grid: (usize, usize),
    /// Whether the grid was asked for (else it may shrink so that the balls stay apart).
    pub grid_given: bool,
    /// The drawn x and y ranges of the first panel; None: what shows every ball whole.
    pub axes: [Option<Interval>; 2],
    pub y_scale: YScale,
    pub presentation: Presentation,
}

/// What the balls are for: drawn alone, or weighed by the Jeffreys prior (which allows
/// fewer balls, and no page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighing {
    None,
    Jeffreys,
}

impl Balls {
    /// The figure `fisherballs plot` draws.
    pub fn plot(args: &PlotArgs) -> Result<Self, RequestError> {
        Self::plotted(args, Weighing::None)
    }

    /// The balls of `plot`, weighed or not.
    pub fn plotted(args: &PlotArgs, weighing: Weighing) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        let first = family.charts()[0].name();
        let from = || chart_of(&*family, args.from.as_deref().unwrap_or(first));
        let panel = match (args.chart.as_deref().unwrap_or(first), args.at) {
            ("whitened", Some(at)) => ChartChoice::Whitened(Whitened::new(&*family, from()?, at)?),
            ("whitened", None) => return Err(RequestError::WhitenedWithoutAt),
            (_, Some(_)) => return Err(RequestError::AtWithoutWhitened),
            (name, None) => ChartChoice::Named(chart_of(&*family, name)?),
        };
        Self::new(
            family,
            vec![panel],
            weighing,
            (args.xlim, args.ylim),
            args.labels.clone(),
            &args.common,
        )
    }

    /// The figure `fisherballs compare` draws.
    pub fn compare(args: &CompareArgs) -> Result<Self, RequestError> {
        let family = family(&args.family)?;
        if !(2..=MAX_PANELS).contains(&args.charts.len()) {
            return Err(RequestError::PanelCount(args.charts.len()));
        }
        let charts = args
            .charts
            .iter()
            .map(|n| chart_of(&*family, n))
            .collect::<Result<Vec<_>, _>>()?;
        let panels = match args.at {
            None => charts.into_iter().map(ChartChoice::Named).collect(),
            Some(at) => {
                let theta = charts[0].theta(at);
                let first = Whitened::new(&*family, charts[0], at)?;
                let mut panels = vec![ChartChoice::Whitened(first)];
                for c in &charts[1..] {
                    // The same distribution in each later chart; a failure there is told
                    // as the point the user typed.
                    let white = Whitened::new(&*family, *c, c.phi(theta)).map_err(|_| {
                        RequestError::AtElsewhere {
                            x: at.x,
                            y: at.y,
                            chart: c.name(),
                        }
                    })?;
                    panels.push(ChartChoice::Whitened(white));
                }
                panels
            }
        };
        Self::new(
            family,
            panels,
            Weighing::None,
            (args.xlim, args.ylim),
            None,
            &args.common,
        )
    }

    fn new(
        family: Arc<dyn Family>,
        panels: Vec<ChartChoice>,
        weighing: Weighing,
        (xlim, ylim): (Option<Interval>, Option<Interval>),
        labels: Option<[String; 2]>,
        args: &CommonArgs,
    ) -> Result<Self, RequestError> {
        let chart = panels[0].chart();
        let kinds = args
            .ball
            .iter()
            .filter_map(|n| BallKind::from_name(n))
            .collect::<Vec<_>>();
        let defaults = chart.default_limits();
        let limits = Limits {
            x: xlim.unwrap_or(defaults.x),
            y: ylim.unwrap_or(defaults.y),
        };
        check_domain(&*family, chart, &limits)?;
        let level = args.level.level(&*family)?;
        let (nx, ny) = args.grid.unwrap_or(chart.default_grid());
        if nx.saturating_mul(ny) > MAX_BALLS {
            return Err(RequestError::TooManyBalls { nx, ny });
        }
        if weighing == Weighing::Jeffreys && nx * ny * kinds.len() > MAX_JEFFREYS_BALLS {
            return Err(RequestError::TooManyWeighed(nx * ny * kinds.len()));
        }
        // Each outline point weighs what it costs to solve (exponential map, quadrature).
        let cost: usize = kinds
            .iter()
            .map(|&k| families::point_cost(&*family, k))
            .sum();
        let extras = match weighing {
            Weighing::None => Extras::Page(if panels.len() > 1 { "compare" } else { "plot" }),
            Weighing::Jeffreys => Extras::Neither("plot --show jeffreys"),
        };
        let presentation =
            Presentation::new(&args.look, nx * ny * panels.len() * cost, labels, extras)?;
        Ok(Self {
            family,
            panels,
            kinds,
            level,
            limits,
            grid: (nx, ny),
            grid_given: args.grid.is_some(),
            axes: [args.xrange, args.yrange],
            y_scale: match args.y_scale.as_str() {
                "log" => YScale::Log,
                "linear" => YScale::Linear,
                _ => YScale::Auto,
            },
            presentation,
        })
    }

    /// Points on each outline.
    pub fn points(&self) -> usize {
        self.presentation.points
    }
}
