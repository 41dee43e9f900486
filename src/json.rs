//! The JSON export: the numbers behind a figure, as bytes.
//!
//! plot: `{"family", ["nu",] "chart", "ball", "kl", "radius", "balls": [{"center", "fisher", "points"}]}`,
//! plus `"at"` and `"from"` for the whitened chart.
//! compare: `{"family", "ball", "kl", "radius", "panels": [{"chart", "balls": [...]}]}`, the
//! balls in the same order in every panel. geodesic: the same, each panel also holding
//! `"geodesics": [{"from", "to", "length", "distance", "points"}]` before its balls.
//! With several ball kinds, "ball" lists them comma-separated and every ball also carries
//! its "kind"; the balls come kind by kind, in the order the kinds were given.

use serde::Serialize;

use crate::geometry::Point;
use crate::panels::Panel;
use crate::request::{ChartChoice, FigureSpec};

#[derive(Serialize)]
struct PlotExport<'a> {
    family: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nu: Option<f64>,
    #[serde(flatten)]
    chart: ChartJson,
    ball: String,
    kl: f64,
    radius: f64,
    balls: Vec<BallJson>,
}

#[derive(Serialize)]
struct CompareExport<'a> {
    family: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nu: Option<f64>,
    ball: String,
    kl: f64,
    radius: f64,
    /// mml: the number of balls, log₂ of it, the region's Jeffreys volume, the covering's
    /// thinness (K times a ball's Fisher area over that volume) and the deepest hole found.
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bits: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jeffreys_volume: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thinness: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deepest_hole: Option<f64>,
    panels: Vec<PanelJson>,
}

#[derive(Serialize)]
struct PanelJson {
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
struct ChartJson {
    chart: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'static str>,
}

#[derive(Serialize)]
struct BallJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    center: [f64; 2],
    fisher: [[f64; 2]; 2],
    /// With `--show jeffreys`: the prior mass ∫ √det F over the ball.
    #[serde(skip_serializing_if = "Option::is_none")]
    mass: Option<f64>,
    points: Vec<[f64; 2]>,
}

fn pair(p: &Point) -> [f64; 2] {
    [p.x, p.y]
}

fn chart(choice: &ChartChoice) -> ChartJson {
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

fn path(p: &crate::panels::Path) -> PathJson {
    PathJson {
        from: pair(&p.from),
        to: pair(&p.to),
        length: p.length,
        distance: p.distance,
        points: p.points.iter().map(pair).collect(),
    }
}

fn balls(panel: &Panel) -> Vec<BallJson> {
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

/// The export of one figure, compact (outlines are long), ending in a newline.
pub fn to_bytes(spec: &FigureSpec, panels: &[Panel]) -> Result<Vec<u8>, NotFinite> {
    let kinds: Vec<&str> = spec.kinds.iter().map(|k| k.name()).collect();
    let (family, ball) = (spec.family.name(), kinds.join(","));
    let (kl, radius) = (spec.level.kl(), spec.level.radius());
    if spec.kind.lists_panels() {
        // mml: how many balls cover the region, against its Jeffreys volume.
        let region = panels.first().and_then(|p| p.region.as_ref());
        let count = region.map(|_| panels[0].layers[0].balls.len());
        let volume = region.map(|r| r.volume);
        let panels = spec
            .panels
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
            .collect();
        finished(&CompareExport {
            family,
            nu: spec.family.nu(),
            ball,
            kl,
            radius,
            count,
            bits: count.map(|k| (k as f64).log2()),
            jeffreys_volume: volume,
            thinness: count
                .zip(region)
                .map(|(k, g)| k as f64 * g.ball_area / g.volume),
            deepest_hole: region.and_then(|r| r.deepest_hole),
            panels,
        })
    } else {
        let chart = chart(&spec.panels[0]);
        finished(&PlotExport {
            family,
            nu: spec.family.nu(),
            chart,
            ball,
            kl,
            radius,
            balls: balls(&panels[0]),
        })
    }
}

/// Why a figure cannot be exported: a number that is not finite (JSON would write null).
#[derive(Debug, thiserror::Error, PartialEq)]
#[error(
    "the figure's numbers are not all finite (a coordinate or Fisher matrix overflows double precision); move --xlim/--ylim (or --at, --from, --target) nearer the chart's default view"
)]
pub struct NotFinite;

/// An export as compact bytes ending in a newline, refused if any number in it is NaN or
/// infinite: serde_json writes those as `null`, which no reader should have to meet. Every
/// string of an export is a name of ours (family, chart, kind, method), none holding "null",
/// so the literal is found by a scan of the bytes (a round trip through `Value` doubled the
/// time of a 100×100 export).
fn finished(export: &impl Serialize) -> Result<Vec<u8>, NotFinite> {
    let mut bytes = serde_json::to_vec(export).map_err(|_| NotFinite)?;
    if bytes.windows(4).any(|w| w == b"null") {
        return Err(NotFinite);
    }
    bytes.push(b'\n');
    Ok(bytes)
}

#[derive(Serialize)]
struct MleExport<'a> {
    family: &'a str,
    n: usize,
    trials: usize,
    seed: u64,
    #[serde(rename = "true")]
    truth: [f64; 2],
    /// Samples without an estimate (left out of the panels).
    no_estimate: usize,
    panels: Vec<MlePanelJson>,
}

#[derive(Serialize)]
struct MlePanelJson {
    chart: &'static str,
    #[serde(rename = "true")]
    truth: [f64; 2],
    /// Sample covariance of the estimates, and F⁻¹/n it should approach.
    covariance: [[f64; 2]; 2],
    expected: [[f64; 2]; 2],
    whitened_covariance: [[f64; 2]; 2],
    estimates: Vec<[f64; 2]>,
    whitened: Vec<[f64; 2]>,
}

fn matrix(m: &crate::geometry::Mat) -> [[f64; 2]; 2] {
    [[m[(0, 0)], m[(0, 1)]], [m[(1, 0)], m[(1, 1)]]]
}

/// The export of an `mle` figure: `{"family", "n", "trials", "seed", "true", "no_estimate", "panels":
/// [{"chart", "true", "covariance", "expected", "whitened_covariance", "estimates",
/// "whitened"}]}`, with "true" the true θ (canonical) at the top and in each chart below.
pub fn mle_to_bytes(
    spec: &crate::request::MleSpec,
    views: &[crate::mle::MleView],
    no_estimate: usize,
) -> Result<Vec<u8>, NotFinite> {
    let panels = views
        .iter()
        .map(|v| MlePanelJson {
            chart: v.chart.name(),
            truth: pair(&v.truth),
            covariance: matrix(&v.covariance),
            expected: matrix(&v.expected),
            whitened_covariance: matrix(&v.whitened_covariance),
            estimates: v.estimates.iter().map(pair).collect(),
            whitened: v.whitened.iter().map(pair).collect(),
        })
        .collect();
    let export = MleExport {
        family: spec.family.name(),
        n: spec.n,
        trials: spec.trials,
        seed: spec.seed,
        truth: pair(&spec.truth),
        no_estimate,
        panels,
    };
    finished(&export)
}

#[derive(Serialize)]
struct NatgradExport<'a> {
    family: &'a str,
    target: [f64; 2],
    step: f64,
    steps: usize,
    panels: Vec<NatgradPanelJson>,
}

#[derive(Serialize)]
struct NatgradPanelJson {
    chart: &'static str,
    paths: Vec<DescentJson>,
}

#[derive(Serialize)]
struct DescentJson {
    method: &'static str,
    descended_in: &'static str,
    start: usize,
    points: Vec<[f64; 2]>,
    mu_sigma: Vec<[f64; 2]>,
}

/// The export of a `natgrad` figure: `{"family", "target", "step", "steps", "panels":
/// [{"chart", "paths": [{"method", "descended_in", "start", "points", "mu_sigma"}]}]}`, with
/// `points` in the panel's chart and `mu_sigma` the same path as (μ, σ); "target" is (μ, σ).
pub fn natgrad_to_bytes(
    spec: &crate::request::NatgradSpec,
    descents: &[crate::natgrad::Descent],
    views: &[crate::natgrad::View],
) -> Result<Vec<u8>, NotFinite> {
    let panels = views
        .iter()
        .map(|view| NatgradPanelJson {
            chart: view.chart.name(),
            paths: descents
                .iter()
                .zip(&view.paths)
                .map(|(d, path)| DescentJson {
                    method: d.method.name(),
                    descended_in: d.chart,
                    start: d.start,
                    points: path.iter().map(pair).collect(),
                    mu_sigma: d.thetas.iter().map(pair).collect(),
                })
                .collect(),
        })
        .collect();
    let export = NatgradExport {
        family: spec.family.name(),
        target: pair(&spec.target),
        step: spec.step,
        steps: spec.steps,
        panels,
    };
    finished(&export)
}
