//! spec → geometry: the balls a [`FigureSpec`] asks for, in every panel.

use crate::geometry::ball::{self, Ball, BallError};
use crate::geometry::{BallKind, Model, grid};
use crate::spec::FigureSpec;

/// All balls of one kind in one panel.
pub struct Layer {
    pub kind: BallKind,
    pub balls: Vec<Ball>,
}

/// One panel: a layer per ball kind, in the order the spec lists the kinds.
pub struct Panel {
    pub layers: Vec<Layer>,
}

/// Computes every panel. The balls are solved in the first panel's chart, around a grid of
/// centres there; every later panel shows the same distributions, mapped into its chart
/// (never balls recomputed around other centres), in the same order.
pub fn compute(spec: &FigureSpec) -> Result<Vec<Panel>, BallError> {
    let first = Model::new(spec.family, spec.chart());
    let (nx, ny) = spec.grid;
    let centres = grid::centres(&spec.limits, nx, ny);
    let layers = spec
        .kinds
        .iter()
        .map(|&kind| {
            let balls = ball::balls(&first, &centres, kind, spec.level, spec.points)?;
            Ok(Layer { kind, balls })
        })
        .collect::<Result<Vec<_>, BallError>>()?;
    let later: Vec<Panel> = spec.panels[1..]
        .iter()
        .map(|choice| {
            let to = Model::new(spec.family, choice.chart());
            Panel {
                layers: layers
                    .iter()
                    .map(|l| Layer {
                        kind: l.kind,
                        balls: l
                            .balls
                            .iter()
                            .map(|b| b.carried(first.chart, &to))
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(std::iter::once(Panel { layers }).chain(later).collect())
}
