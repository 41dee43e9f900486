//! The JSON export: the numbers behind a figure, as bytes.
//!
//! `{"family", "chart", "ball", "kl", "radius", "balls": [{"center", "fisher", "points"}]}`.
//! With several ball kinds, "ball" lists them comma-separated and every ball also carries
//! its "kind"; the balls come kind by kind, in the order the kinds were given.

use serde::Serialize;

use crate::figure::Layer;
use crate::geometry::Point;
use crate::spec::PlotSpec;

#[derive(Serialize)]
struct Export<'a> {
    family: &'a str,
    chart: &'a str,
    ball: String,
    kl: f64,
    radius: f64,
    balls: Vec<BallJson>,
}

#[derive(Serialize)]
struct BallJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    center: [f64; 2],
    fisher: [[f64; 2]; 2],
    points: Vec<[f64; 2]>,
}

fn pair(p: &Point) -> [f64; 2] {
    [p.x, p.y]
}

/// The export of one figure, compact (outlines are long), ending in a newline.
pub fn to_bytes(spec: &PlotSpec, layers: &[Layer]) -> Vec<u8> {
    let several = layers.len() > 1;
    let balls = layers
        .iter()
        .flat_map(|layer| {
            layer.balls.iter().map(move |b| BallJson {
                kind: several.then_some(layer.kind.name()),
                center: pair(&b.centre),
                fisher: [
                    [b.fisher[(0, 0)], b.fisher[(0, 1)]],
                    [b.fisher[(1, 0)], b.fisher[(1, 1)]],
                ],
                points: b.points.iter().map(pair).collect(),
            })
        })
        .collect();
    let names: Vec<&str> = layers.iter().map(|l| l.kind.name()).collect();
    let export = Export {
        family: spec.family.name(),
        chart: spec.chart.name(),
        ball: names.join(","),
        kl: spec.level.kl(),
        radius: spec.level.radius(),
        balls,
    };
    let mut bytes = serde_json::to_vec(&export).expect("plain numbers and strings serialize");
    bytes.push(b'\n');
    bytes
}
