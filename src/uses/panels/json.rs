//! The numbers of panels of balls, as the JSON export writes them.
//!
//! One chart (plot, jeffreys): `{"family", ["nu",] "chart", "ball", "kl", "radius", "balls":
//! [{"center", "fisher", ["mass",] "points"}]}`, plus `"at"` and `"from"` for a whitened chart.
//! Several panels (compare, geodesic, mml): `{"family", ["nu",] "ball", "kl", "radius", …,
//! "panels": [{"chart", ["geodesics",] ["region",] "balls": [...]}]}`, the balls in the same
//! order in every panel. With several ball kinds, "ball" lists them comma-separated and every
//! ball also carries its "kind"; the balls come kind by kind, in the order the kinds were given.

use serde::Serialize;

use super::{Panel, Path};
use crate::geometry::{BallKind, Family, Level, Point};
use crate::request::ChartChoice;

/// What every export begins with: the family, and its extra parameter (Student-t's ν) if it
/// has one, so that the numbers can be checked and reproduced from the file.
#[derive(Serialize)]
pub struct Head {
    pub family: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nu: Option<f64>,
}

impl Head {
    pub fn new(family: &dyn Family) -> Self {
        Head {
            family: family.name(),
            nu: family.nu(),
        }
    }
}

/// The export of one panel of balls (plot, jeffreys).
#[derive(Serialize)]
pub struct OneChart {
    #[serde(flatten)]
    pub head: Head,
    #[serde(flatten)]
    pub chart: ChartJson,
    pub ball: String,
    pub kl: f64,
    pub radius: f64,
    pub balls: Vec<BallJson>,
}

/// The export of several panels (compare, geodesic, mml).
#[derive(Serialize)]
pub struct Panels {
    #[serde(flatten)]
    pub head: Head,
    pub ball: String,
    pub kl: f64,
    pub radius: f64,
    /// mml: what the covering measures (nothing is written for None).
    #[serde(flatten)]
    pub covered: Option<Covered>,
    pub panels: Vec<PanelJson>,
}

/// What an mml covering measures: the number of balls, log₂ of it, the region's Jeffreys
/// volume, the covering's thinness (K times a ball's Fisher area over that volume) and the
/// deepest hole found.
#[derive(Serialize)]
pub struct Covered {
    pub count: usize,
    pub bits: f64,
    pub jeffreys_volume: f64,
    pub thinness: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deepest_hole: Option<f64>,
}

impl Panels {
    /// The export of `panels`, drawn in `charts`, of balls of `kinds` at `level`.
    pub fn new(
        family: &dyn Family,
        kinds: &[BallKind],
        level: Level,
        charts: &[ChartChoice],
        panels: &[Panel],
    ) -> Self {
        let (ball, kl, radius) = kinds_and_level(kinds, level);
        Panels {
            head: Head::new(family),
            ball,
            kl,
            radius,
            covered: None,
            panels: self::panels(charts, panels),
        }
    }
}

#[derive(Serialize)]
pub struct PanelJson {
    #[serde(flatten)]
    chart: ChartJson,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    geodesics: Vec<PathJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Vec<[f64; 2]>>,
    balls: Vec<BallJson>,
}

#[derive(Serialize)]
struct PathJson {
    from: [f64; 2],
    to: [f64; 2],
    length: f64,
    distance: f64,
    points: Vec<[f64; 2]>,
}

#[derive(Serialize)]
pub struct ChartJson {
    chart: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'static str>,
}

#[derive(Serialize)]
pub struct BallJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    center: [f64; 2],
    fisher: [[f64; 2]; 2],
    /// With `--show jeffreys`: the prior mass ∫ √det F over the ball.
    #[serde(skip_serializing_if = "Option::is_none")]
    mass: Option<f64>,
    points: Vec<[f64; 2]>,
}

pub fn pair(p: &Point) -> [f64; 2] {
    [p.x, p.y]
}

/// The kinds as "ball" lists them, and the level.
pub fn kinds_and_level(kinds: &[BallKind], level: Level) -> (String, f64, f64) {
    let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
    (names.join(","), level.kl(), level.radius())
}

pub fn chart(choice: &ChartChoice) -> ChartJson {
    match choice {
        ChartChoice::Named(c) => ChartJson {
            chart: c.name(),
            at: None,
            from: None,
        },
        ChartChoice::Whitened(w) => ChartJson {
            chart: "whitened",
            at: Some(pair(&w.at())),
            from: Some(w.base().name()),
        },
    }
}

fn path(p: &Path) -> PathJson {
    PathJson {
        from: pair(&p.from),
        to: pair(&p.to),
        length: p.length,
        distance: p.distance,
        points: p.points.iter().map(pair).collect(),
    }
}

/// Every ball of a panel, kind by kind, with its prior mass where the panel weighs them.
pub fn balls(panel: &Panel) -> Vec<BallJson> {
    let several = panel.layers.len() > 1;
    let masses = panel.jeffreys.as_ref().map(|j| &j.masses);
    panel
        .layers
        .iter()
        .flat_map(|l| l.balls.iter().map(move |b| (l.kind.name(), b)))
        .enumerate()
        .map(|(i, (kind, b))| BallJson {
            kind: several.then_some(kind),
            center: pair(&b.centre),
            fisher: [
                [b.fisher[(0, 0)], b.fisher[(0, 1)]],
                [b.fisher[(1, 0)], b.fisher[(1, 1)]],
            ],
            mass: masses.map(|m| m[i]),
            points: b.points.iter().map(pair).collect(),
        })
        .collect()
}

/// Every panel: its chart, its geodesics and region if any, its balls.
pub fn panels(charts: &[ChartChoice], panels: &[Panel]) -> Vec<PanelJson> {
    charts
        .iter()
        .zip(panels)
        .map(|(c, p)| PanelJson {
            chart: chart(c),
            geodesics: p.paths.iter().map(path).collect(),
            region: p
                .region
                .as_ref()
                .map(|r| r.boundary.iter().map(pair).collect()),
            balls: balls(p),
        })
        .collect()
}
