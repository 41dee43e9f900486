//! spec → geometry: the balls a [`PlotSpec`] asks for.

use crate::geometry::ball::{self, Ball, BallError};
use crate::geometry::{BallKind, Model, grid};
use crate::spec::PlotSpec;

/// All balls of one kind.
pub struct Layer {
    pub kind: BallKind,
    pub balls: Vec<Ball>,
}

/// Computes every layer of a figure, one per ball kind, in the order the spec lists them.
pub fn compute(spec: &PlotSpec) -> Result<Vec<Layer>, BallError> {
    let model = Model::new(spec.family, spec.chart);
    let (nx, ny) = spec.grid;
    let centres = grid::centres(&spec.limits, nx, ny);
    spec.kinds
        .iter()
        .map(|&kind| {
            let balls = ball::balls(&model, &centres, kind, spec.level, spec.points)?;
            Ok(Layer { kind, balls })
        })
        .collect()
}
