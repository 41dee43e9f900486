//! Balls at KL level L around a centre, of four kinds (see shared/MATH.md, "Balls"):
//! the quadratic ellipse ½ΔᵀFΔ = L, the exact KL contours in both directions, and the
//! Fisher–Rao geodesic ball of radius r = √(2L).

use std::f64::consts::TAU;

use roots::{SimpleConvergency, find_root_brent};
use thiserror::Error;

use super::tolerance::{DOMAIN_EDGE_REL, MAX_STRETCH, ROOT_EPS, ROOT_MAX_ITER};
use super::{Mat, Model, Point};

/// Which set of points around a centre θ makes a ball.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BallKind {
    /// ½ (θ′−θ)ᵀ F(θ) (θ′−θ) = L: an ellipse in every chart.
    Quadratic,
    /// D(p_θ′ ‖ p_θ) = L: the post's direction, the point moves and the centre is fixed.
    Kl,
    /// D(p_θ ‖ p_θ′) = L.
    KlReverse,
    /// Geodesic distance d(θ, θ′) = √(2L).
    FisherRao,
}

impl BallKind {
    pub const ALL: [BallKind; 4] = [
        BallKind::Quadratic,
        BallKind::Kl,
        BallKind::KlReverse,
        BallKind::FisherRao,
    ];

    /// The name used on the command line (`--ball`).
    pub fn name(self) -> &'static str {
        match self {
            BallKind::Quadratic => "quadratic",
            BallKind::Kl => "kl",
            BallKind::KlReverse => "kl-reverse",
            BallKind::FisherRao => "fisher-rao",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The defining equation, for legends and captions.
    pub fn equation(self) -> &'static str {
        match self {
            BallKind::Quadratic => "½ΔᵀFΔ = L",
            BallKind::Kl => "D(p′ ‖ p) = L",
            BallKind::KlReverse => "D(p ‖ p′) = L",
            BallKind::FisherRao => "d_FR(p, p′) = r",
        }
    }
}

/// The size of a ball: a KL level L, equivalently a Fisher radius r = √(2L).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    kl: f64,
}

/// Why a number cannot be a level.
#[derive(Debug, Error, PartialEq)]
pub enum LevelError {
    #[error("{name} must be a finite number greater than 0, got {value}")]
    NotPositive { name: &'static str, value: f64 },
}

impl Level {
    /// A ball at KL level `kl` (> 0, finite).
    pub fn from_kl(kl: f64) -> Result<Self, LevelError> {
        check_positive("--kl", kl)?;
        Ok(Self { kl })
    }

    /// A ball of Fisher radius `r`: L = r²/2.
    pub fn from_radius(r: f64) -> Result<Self, LevelError> {
        check_positive("--radius", r)?;
        Self::from_kl(0.5 * r * r).map_err(|_| LevelError::NotPositive {
            name: "--radius",
            value: r,
        })
    }

    pub fn kl(&self) -> f64 {
        self.kl
    }

    pub fn radius(&self) -> f64 {
        (2.0 * self.kl).sqrt()
    }
}

fn check_positive(name: &'static str, value: f64) -> Result<(), LevelError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(LevelError::NotPositive { name, value })
    }
}

/// Why a ball could not be drawn.
#[derive(Debug, Error, PartialEq)]
pub enum BallError {
    #[error(
        "the Fisher matrix at ({x}, {y}) is not positive definite, so no ball can be drawn there"
    )]
    Degenerate { x: f64, y: f64 },
    #[error(
        "the {kind} ball around ({x}, {y}) runs out of the chart's domain ({domain}) before reaching its level; use a smaller --kl/--radius or limits farther from the edge"
    )]
    NotClosed {
        kind: &'static str,
        x: f64,
        y: f64,
        domain: &'static str,
    },
    #[error("the {family} family has no closed-form Fisher–Rao distance")]
    NoDistance { family: &'static str },
}

/// `points` points, once around `centre`, of the ball of `kind` at `level` in the model's chart.
///
/// Every kind is parametrised by the same angle t: the quadratic ball is
/// θ + √(2L) · V diag(w)^(−½) (cos t, sin t) with F = V diag(w) Vᵀ; an exact ball's point at
/// angle t is the first point on the ray through the quadratic one where its divergence
/// reaches the level.
pub fn outline(
    model: &Model,
    centre: Point,
    kind: BallKind,
    level: Level,
    points: usize,
) -> Result<Vec<Point>, BallError> {
    let rays = quadratic_rays(model.fisher(centre), level).ok_or(BallError::Degenerate {
        x: centre.x,
        y: centre.y,
    })?;
    let measure = level_function(model, centre, kind)?;
    (0..points)
        .map(|k| {
            let ray = rays * unit(TAU * k as f64 / points as f64);
            match kind {
                BallKind::Quadratic => Some(centre + ray),
                _ => solve_ray(|tau| {
                    let p = centre + tau * ray;
                    model.contains(p).then(|| measure(p) / level.kl() - 1.0)
                })
                .map(|tau| centre + tau * ray),
            }
            .ok_or(BallError::NotClosed {
                kind: kind.name(),
                x: centre.x,
                y: centre.y,
                domain: model.chart.domain(),
            })
        })
        .collect()
}

fn unit(t: f64) -> Point {
    Point::new(t.cos(), t.sin())
}

/// √(2L) · V diag(w)^(−½): maps the unit circle onto the quadratic ball's offsets.
/// None unless F is symmetric positive definite.
fn quadratic_rays(fisher: Mat, level: Level) -> Option<Mat> {
    let eig = fisher.symmetric_eigen();
    if !eig.eigenvalues.iter().all(|w| w.is_finite() && *w > 0.0) {
        return None;
    }
    let mut v = eig.eigenvectors;
    if v.determinant() < 0.0 {
        // Keep the orientation, so that every outline runs counter-clockwise.
        v.set_column(1, &-v.column(1));
    }
    let inv_sqrt = Mat::from_diagonal(&eig.eigenvalues.map(|w| w.sqrt().recip()));
    Some(level.radius() * v * inv_sqrt)
}

/// The quantity whose level set at L is the ball of `kind` around `centre`, as a function of
/// the moving point φ′ of the chart. For the Fisher–Rao ball it is ½d², so that its level is
/// L = r²/2 like the others'.
pub fn level_function<'a>(
    model: &'a Model,
    centre: Point,
    kind: BallKind,
) -> Result<Box<dyn Fn(Point) -> f64 + 'a>, BallError> {
    let family = model.family;
    let chart = model.chart;
    let c = chart.to_canonical(centre);
    let theta = move |p: Point| chart.to_canonical(p);
    Ok(match kind {
        BallKind::Quadratic => {
            let f = model.fisher(centre);
            Box::new(move |p| {
                let d = p - centre;
                0.5 * d.dot(&(f * d))
            })
        }
        BallKind::Kl => Box::new(move |p| family.kl(theta(p), c)),
        BallKind::KlReverse => Box::new(move |p| family.kl(c, theta(p))),
        BallKind::FisherRao => {
            family.fisher_rao(c, c).ok_or(BallError::NoDistance {
                family: family.name(),
            })?;
            Box::new(move |p| {
                let d = family.fisher_rao(c, theta(p)).unwrap_or(f64::NAN);
                0.5 * d * d
            })
        }
    })
}

/// The first τ > 0 where g(τ) = 0 along a ray, g(0) = −1, g = None outside the domain.
///
/// Brackets the root by stepping out from τ = 1 (the quadratic guess), bisecting back
/// towards the last point inside whenever a step leaves the domain, then polishes it with
/// Brent's method. None if the ray leaves the domain, or goes on for ever, below the level.
fn solve_ray(g: impl Fn(f64) -> Option<f64>) -> Option<f64> {
    let mut inside = 0.0; // largest τ known inside the domain with g < 0
    let mut outside: Option<f64> = None; // smallest τ known outside the domain
    let mut tau = 1.0;
    let hi = loop {
        match g(tau) {
            Some(v) if v >= 0.0 => break tau,
            Some(_) => inside = tau,
            None => outside = Some(tau),
        }
        tau = match outside {
            Some(out) if out - inside <= DOMAIN_EDGE_REL * out => return None,
            Some(out) => 0.5 * (inside + out),
            None if tau > MAX_STRETCH => return None,
            None => 1.5 * tau,
        };
    };
    let f = |t: f64| g(t).unwrap_or(f64::NAN);
    let mut convergency = SimpleConvergency {
        eps: ROOT_EPS,
        max_iter: ROOT_MAX_ITER,
    };
    find_root_brent(inside, hi, f, &mut convergency).ok()
}
