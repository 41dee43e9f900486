//! The post's second use of Fisher information: the natural gradient. From the same start
//! distributions, plain and natural gradient descent on D(p_target ‖ p_φ) run in every chart;
//! each panel shows the paths descended in its own chart, and (faint) those descended in
//! the others, mapped in. Plain paths differ between charts; natural ones, for small
//! steps, trace the same distributions.

use crate::geometry::descent::{self, DescentError, Method};
use crate::geometry::{Chart, Family, Model, Point};

/// One descent: how, in which chart, and its path as canonical θ.
pub struct Descent {
    pub method: Method,
    pub chart: &'static str,
    pub start: usize,
    pub thetas: Vec<Point>,
}

/// Every descent: each start, each chart, both methods.
pub fn run(
    family: &dyn Family,
    charts: &[&'static dyn Chart],
    target: Point,
    starts: &[Point],
    step: f64,
    steps: usize,
) -> Result<Vec<Descent>, DescentError> {
    let mut out = Vec::new();
    for (s, &start) in starts.iter().enumerate() {
        for &chart in charts {
            let model = Model::new(family, chart);
            for method in [Method::Plain, Method::Natural] {
                // From the target itself the path is that one point in every chart, whatever
                // its trip through a chart rounds (at σ = 6.5e-21 one last bit of μ is 4000 σ,
                // and the point would be a KL of 1e7 from itself).
                let thetas = match start == target {
                    true => vec![start],
                    false => {
                        descent::descend(&model, target, chart.phi(start), step, steps, method)?
                            .into_iter()
                            .map(|p| chart.theta(p))
                            .collect()
                    }
                };
                out.push(Descent {
                    method,
                    chart: chart.name(),
                    start: s,
                    thetas,
                });
            }
        }
    }
    Ok(out)
}

/// What one chart's panel shows: the target and every descent's path, in that chart.
pub struct View {
    pub chart: &'static dyn Chart,
    pub target: Point,
    /// One path per descent, in the order of the descents.
    pub paths: Vec<Vec<Point>>,
}

/// Every descent mapped into each chart.
pub fn views(charts: &[&'static dyn Chart], target: Point, descents: &[Descent]) -> Vec<View> {
    charts
        .iter()
        .map(|&chart| View {
            chart,
            target: chart.phi(target),
            paths: descents
                .iter()
                .map(|d| d.thetas.iter().map(|&t| chart.phi(t)).collect())
                .collect(),
        })
        .collect()
}
