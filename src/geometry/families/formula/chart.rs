//! A formula family's charts: its parameters themselves, and each `[charts.NAME]` table of
//! the file, whose formulas give the parameters from the chart's two coordinates. The
//! Jacobian comes from the same formulas on jets; the way back is the table's `inverse`
//! formulas if it has them, else Newton's method on the map.

use std::sync::Arc;

use super::expression::Formula;
use super::jet::Jet;
use crate::geometry::chart::Chart;
use crate::geometry::{Limits, Mat, Point};

/// What every chart of one family shares: the family's test of its parameters.
pub type Domain = Arc<dyn Fn(Point) -> bool + Send + Sync>;

/// The map of a chart other than the parameters: θ = f(φ), and optionally φ = f⁻¹(θ).
pub struct Map {
    pub to_theta: [Formula; 2],
    pub to_phi: Option<[Formula; 2]>,
}

pub struct FormulaChart {
    pub name: &'static str,
    pub labels: [&'static str; 2],
    pub domain_text: &'static str,
    pub domain: Domain,
    /// None: the chart is the parameters themselves.
    pub map: Option<Map>,
    pub limits: Limits,
    pub grid: (usize, usize),
}

/// Newton's method stops when θ(φ) is this close to the target, relative to 1 + |θ|.
const NEWTON_TOL: f64 = 1e-14;

impl FormulaChart {
    pub fn new(
        name: &'static str,
        labels: [&'static str; 2],
        domain_text: &'static str,
        domain: Domain,
        map: Option<Map>,
        grid: (usize, usize),
    ) -> Self {
        FormulaChart {
            name,
            labels,
            domain_text,
            domain,
            map,
            limits: Limits {
                x: crate::geometry::Interval::new(0.0, 1.0),
                y: crate::geometry::Interval::new(0.0, 1.0),
            },
            grid,
        }
    }

    /// θ(φ) by Newton's method from `start`, halving a step until the miss shrinks.
    fn newton(&self, theta: Point, start: Point) -> Option<Point> {
        let miss = |phi: Point| (self.theta(phi) - theta).norm();
        let tol = NEWTON_TOL * (1.0 + theta.norm());
        let mut phi = start;
        let mut m = miss(phi);
        for _ in 0..100 {
            if m <= tol {
                return Some(phi);
            }
            let step = self.jacobian(phi).try_inverse()? * (self.theta(phi) - theta);
            let mut s = 1.0;
            loop {
                let next = phi - step * s;
                let mn = miss(next);
                if mn < m {
                    phi = next;
                    m = mn;
                    break;
                }
                s *= 0.5;
                if s < 1e-12 {
                    return (m <= 1e3 * tol).then_some(phi);
                }
            }
        }
        (m <= 1e3 * tol).then_some(phi)
    }
}

impl Chart for FormulaChart {
    fn name(&self) -> &'static str {
        self.name
    }
    fn axis_labels(&self) -> [&'static str; 2] {
        self.labels
    }
    fn domain(&self) -> &'static str {
        self.domain_text
    }
    fn contains(&self, phi: Point) -> bool {
        crate::geometry::chart::finite(phi) && (self.domain)(self.theta(phi))
    }
    fn theta(&self, phi: Point) -> Point {
        match &self.map {
            None => phi,
            Some(m) => {
                let v = [phi.x, phi.y];
                Point::new(m.to_theta[0].eval(&v), m.to_theta[1].eval(&v))
            }
        }
    }
    fn phi(&self, theta: Point) -> Point {
        let Some(m) = &self.map else {
            return theta;
        };
        if let Some(inverse) = &m.to_phi {
            let v = [theta.x, theta.y];
            return Point::new(inverse[0].eval(&v), inverse[1].eval(&v));
        }
        // Always the same eight starts, in the same order: a point's coordinates do not
        // depend on which point was carried back before, nor on which thread asked.
        let starts = [
            (0.0, 0.0),
            (1.0, 1.0),
            (0.0, 1.0),
            (1.0, 0.0),
            (-1.0, 1.0),
            (1.0, -1.0),
            (-1.0, -1.0),
            (2.0, 2.0),
        ];
        for (a, b) in starts {
            if let Some(phi) = self.newton(theta, Point::new(a, b)) {
                return phi;
            }
        }
        Point::new(f64::NAN, f64::NAN)
    }
    fn jacobian(&self, phi: Point) -> Mat {
        match &self.map {
            None => Mat::identity(),
            Some(m) => {
                let v = [Jet::variable(phi.x, 0), Jet::variable(phi.y, 1)];
                let (a, b) = (m.to_theta[0].eval_jet(&v), m.to_theta[1].eval_jet(&v));
                Mat::new(a.g[0], a.g[1], b.g[0], b.g[1])
            }
        }
    }
    fn default_limits(&self) -> Limits {
        self.limits
    }
    fn default_grid(&self) -> (usize, usize) {
        self.grid
    }
}
