//! Balls at KL level L around a centre, of four kinds (see shared/MATH.md, "Balls"):
//! the quadratic ellipse ½ΔᵀFΔ = L, the exact KL contours in both directions, and the
//! Fisher–Rao geodesic ball of radius r = √(2L).

use std::f64::consts::TAU;

use thiserror::Error;

use super::conditioning::{Conditioning, scaled_eigen};
use super::tolerance::{DOMAIN_EDGE_REL, MAX_KL, MAX_STRETCH, MIN_KL, ROOT_EPS, ROOT_MAX_ITER};
use super::{Mat, Model, Point, Typed, exp_map};
use crate::number::Short;

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

/// How a level was given: as a KL level L, or as a Fisher radius r.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelOf {
    Kl,
    Radius,
}

impl std::fmt::Display for LevelOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LevelOf::Kl => "the KL level",
            LevelOf::Radius => "the Fisher radius",
        })
    }
}

/// Why a number cannot be a level.
#[derive(Debug, Error, PartialEq)]
pub enum LevelError {
    #[error("{of} must be a finite number greater than 0, got {}", Typed(*value))]
    NotPositive { of: LevelOf, value: f64 },
    #[error(
        "{of} {} is out of range {} to {} (smaller balls cannot be solved to 1e-10 in double precision, larger ones close in no chart)",
        Typed(*value), Typed(*lo), Typed(*hi)
    )]
    OutOfRange {
        of: LevelOf,
        value: f64,
        lo: f64,
        hi: f64,
    },
}

impl Level {
    /// A ball at KL level `kl`, [`MIN_KL`] ≤ L ≤ [`MAX_KL`].
    pub fn from_kl(kl: f64) -> Result<Self, LevelError> {
        check_positive(LevelOf::Kl, kl)?;
        if !(MIN_KL..=MAX_KL).contains(&kl) {
            return Err(LevelError::OutOfRange {
                of: LevelOf::Kl,
                value: kl,
                lo: MIN_KL,
                hi: MAX_KL,
            });
        }
        Ok(Self { kl })
    }

    /// A ball of Fisher radius `r`: L = r²/2.
    pub fn from_radius(r: f64) -> Result<Self, LevelError> {
        check_positive(LevelOf::Radius, r)?;
        Self::from_kl(0.5 * r * r).map_err(|_| LevelError::OutOfRange {
            of: LevelOf::Radius,
            value: r,
            // √(2·MIN_KL) = 1.414e-5 and √(2·MAX_KL) = 1414.2, told inward-rounded.
            lo: 1.5e-5,
            hi: 1414.0,
        })
    }

    pub fn kl(&self) -> f64 {
        self.kl
    }

    pub fn radius(&self) -> f64 {
        (2.0 * self.kl).sqrt()
    }
}

fn check_positive(of: LevelOf, value: f64) -> Result<(), LevelError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(LevelError::NotPositive { of, value })
    }
}

/// Why a ball could not be drawn. The messages state what happened, in numbers; the
/// request layer (`request::error`) words what to change in flags.
#[derive(Debug, Error, PartialEq)]
pub enum BallError {
    #[error(
        "the Fisher matrix at ({}, {}) gives no ball: {}; choose limits nearer the chart's defaults",
        Short(*x), Short(*y), why.why()
    )]
    Degenerate { x: f64, y: f64, why: Conditioning },
    #[error(
        "the {kind} ball around ({}, {}) runs out of the chart's domain ({domain}) before reaching its level",
        Short(*x), Short(*y)
    )]
    NotClosed {
        kind: &'static str,
        x: f64,
        y: f64,
        domain: &'static str,
    },
    #[error(
        "the ball around ({}, {}) cannot be shown in the {chart} chart: its distributions there fall outside the chart's domain or beyond double precision",
        Short(*x), Short(*y)
    )]
    NotShown { x: f64, y: f64, chart: &'static str },
    #[error(
        "the {kind} ball around ({}, {}) does not reach its level before the edge of the chart's domain ({domain}), to the 1e-12 that double precision resolves along its rays",
        Short(*x), Short(*y)
    )]
    AtEdge {
        kind: &'static str,
        x: f64,
        y: f64,
        domain: &'static str,
    },
    #[error(
        "the {kind} ball around ({}, {}) reaches its level only beyond what double precision holds in the {chart} chart (its distances there overflow, or it stretches over a million times the quadratic ball)",
        Short(*x), Short(*y)
    )]
    BeyondPrecision {
        kind: &'static str,
        x: f64,
        y: f64,
        chart: &'static str,
    },
    #[error(
        "the balls around ({}, {}) are smaller than double precision resolves there (a ball {} across at a coordinate of {})",
        Short(*x), Short(*y), Short(*size), Short(*at)
    )]
    Unresolved { x: f64, y: f64, size: f64, at: f64 },
    /// A family from a formula failed a check at a centre (the words name it).
    #[error("{0}")]
    Check(String),
    #[error("the region holds no ball centre at this radius")]
    Empty,
    #[error("stopped: the figure's time to solve ran out")]
    Stopped,
    #[error(
        "no covering of the region with every hole within the radius was found (balls laid 12% short of it still left one)"
    )]
    NoCovering,
    #[error(transparent)]
    Geodesic(#[from] super::geodesic::GeodesicError),
    #[error("the {family} family has no closed-form Fisher–Rao distance")]
    NoDistance { family: &'static str },
    #[error("the region would hold more than {limit} balls of this radius")]
    TooMany { limit: usize },
}

/// `points` points, once around `centre`, of the ball of `kind` at `level` in the model's chart.
///
/// Every kind is parametrised by the same angle t: the quadratic ball is
/// θ + √(2L) · V diag(w)^(−½) (cos t, sin t) with F = V diag(w) Vᵀ; an exact ball's point at
/// angle t is the first point on the ray through the quadratic one where its divergence
/// reaches the level. Along the ray the solver sees √(D/L) − 1, which is nearly linear in
/// the ray parameter (D grows like its square near the centre): Brent's method then needs
/// 4 evaluations instead of about 18 for D/L − 1 (measured with `cargo bench`).
pub fn outline(
    model: &Model,
    centre: Point,
    kind: BallKind,
    level: Level,
    points: usize,
) -> Result<Vec<Point>, BallError> {
    if super::deadline::passed() {
        return Err(BallError::Stopped);
    }
    let degenerate = |why| BallError::Degenerate {
        x: centre.x,
        y: centre.y,
        why,
    };
    model
        .family
        .verify(model.chart.theta(centre))
        .map_err(BallError::Check)?;
    let fisher = model.checked_fisher(centre).map_err(degenerate)?;
    let rays = quadratic_rays(fisher, level).map_err(degenerate)?;
    resolved(centre, rays, fisher, level.radius())?;
    let theta = model.chart.theta(centre);
    let by_exp_map = kind == BallKind::FisherRao && model.family.fisher_rao(theta, theta).is_none();
    let (measure, jacobian) = match by_exp_map {
        true => (None, model.chart.jacobian(centre)),
        false => (Some(level_function(model, centre, kind)?), Mat::zeros()),
    };
    let beyond = || BallError::BeyondPrecision {
        kind: kind.name(),
        x: centre.x,
        y: centre.y,
        chart: model.chart.name(),
    };
    (0..points)
        .map(|k| {
            let ray = rays * unit(TAU * k as f64 / points as f64);
            match (kind, &measure) {
                // The ellipse exists beyond the domain, but its points there are no
                // distributions (and no other chart can show them): refuse, as for the rest.
                (BallKind::Quadratic, _) => Some(centre + ray).filter(|&p| model.contains(p)),
                // ½ΔᵀFΔ = L, so Δ has Fisher length r: the geodesic with velocity J·Δ
                // (in θ) reaches the sphere of radius r at t = 1.
                (_, None) => exp_map::exp(model.family, theta, jacobian * ray)
                    .map(|t| model.chart.phi(t))
                    .filter(|&p| model.contains(p)),
                (_, Some(measure)) => {
                    let end = solve_ray(|tau| {
                        Some((measure(centre + tau * ray)? / level.kl()).sqrt() - 1.0)
                    });
                    match end {
                        Ok(tau) => Some(centre + tau * ray),
                        // Where the level function stops at a point of the domain, its numbers
                        // failed (a distance beyond double precision), not the domain.
                        Err(RayEnd::Stops(tau)) if model.contains(centre + tau * ray) => {
                            return Err(beyond());
                        }
                        Err(RayEnd::Beyond) => return Err(beyond()),
                        // Still below the level within 1e-12 of the edge: the level may lie
                        // nearer the edge than the ray resolves (a reverse-KL ball reaches any
                        // level as σ′ → ∞, at η₂′ ≈ −1e-46), or not at all.
                        Err(RayEnd::Stops(_)) => {
                            return Err(BallError::AtEdge {
                                kind: kind.name(),
                                x: centre.x,
                                y: centre.y,
                                domain: model.chart.domain(),
                            });
                        }
                        Err(RayEnd::Unsolved) => None,
                    }
                }
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

/// How much of a ball's radius rounding may move its outline: centre + Δ − centre must
/// equal Δ to 1e-3 of r in Fisher length (a ball at least ~1000 last bits across), or the
/// outline would be drawn from rounding (a Weibull ball at k = 2.6e40 is 0.004 across in
/// λ = 7.35e39, whose last bit is 1e24). Within it, a written point is the nearest double to
/// the exact one, its level off by at most 2e-3 relative (docs/outputs.md).
pub const RESOLVED: f64 = 1e-3;

/// Refuses a ball whose principal axes (the quadratic rays' columns) the centre's
/// coordinates cannot hold. Errors are measured in √F_ii units, the Fisher length of
/// each coordinate, so that an axis along one coordinate is not judged in the other's units.
fn resolved(centre: Point, rays: Mat, fisher: Mat, radius: f64) -> Result<(), BallError> {
    let unit = fisher.diagonal().map(f64::sqrt);
    for axis in rays.column_iter() {
        let axis: Point = axis.into_owned();
        let error = ((centre + axis) - centre - axis).component_mul(&unit);
        if error.norm() > RESOLVED * radius {
            let i = error.iamax();
            return Err(BallError::Unresolved {
                x: centre.x,
                y: centre.y,
                size: 2.0 * rays.row(i).norm(),
                at: centre[i],
            });
        }
    }
    Ok(())
}

fn unit(t: f64) -> Point {
    Point::new(t.cos(), t.sin())
}

/// √(2L) · V diag(w)^(−½): maps the unit circle onto the quadratic ball's offsets.
/// None unless F is symmetric positive definite.
fn quadratic_rays(fisher: Mat, level: Level) -> Result<Mat, Conditioning> {
    let (d, v, w) = scaled_eigen(fisher)?;
    let mut v = v;
    if v.determinant() < 0.0 {
        // Keep the orientation, so that every outline runs counter-clockwise.
        v.set_column(1, &-v.column(1));
    }
    let inv_sqrt = Mat::from_diagonal(&w.map(|w| w.sqrt().recip()));
    Ok(level.radius() * Mat::from_diagonal(&d.map(|d| d.sqrt().recip())) * v * inv_sqrt)
}

/// The quantity whose level set at L is the ball of `kind` around `centre`, as a function of
/// the moving point φ′ of the chart; None where φ′ is outside the chart's domain. For the
/// Fisher–Rao ball it is ½d², so that its level is L = r²/2 like the others'.
pub fn level_function<'a>(
    model: &'a Model,
    centre: Point,
    kind: BallKind,
) -> Result<impl Fn(Point) -> Option<f64> + 'a, BallError> {
    let (family, chart) = (model.family, model.chart);
    let c = chart.theta(centre);
    let f = model.fisher(centre);
    if kind == BallKind::FisherRao && family.fisher_rao(c, c).is_none() {
        return Err(BallError::NoDistance {
            family: family.name(),
        });
    }
    Ok(move |p: Point| {
        if !chart.contains(p) {
            return None;
        }
        let t = chart.theta(p);
        family.contains(t).then(|| match kind {
            BallKind::Quadratic => 0.5 * (p - centre).dot(&(f * (p - centre))),
            BallKind::Kl => family.kl(t, c),
            BallKind::KlReverse => family.kl(c, t),
            BallKind::FisherRao => 0.5 * family.fisher_rao(c, t).map_or(f64::NAN, |d| d * d),
        })
    })
}

/// The first τ > 0 where g(τ) = 0 along a ray, g(0) = −1, g = None outside the domain.
///
/// g is nearly linear in τ, so the secant through (0, −1) and (1, g(1)) predicts the root
/// closely; a bracket around that prediction (or, failing that, the careful search of
/// [`bracket_from_centre`]) is then closed by regula falsi with the Illinois modification.
/// That takes about 5 evaluations of g a point; the `roots` crate's Brent needed 10.6 (it
/// evaluates the bracket's ends again), which made the exact balls 1.7× slower.
fn solve_ray(g: impl Fn(f64) -> Option<f64>) -> Result<f64, RayEnd> {
    let (a, b) = match bracket_by_secant(&g) {
        Some(bracket) => bracket,
        None => bracket_from_centre(&g)?,
    };
    illinois(&g, a, b).ok_or(RayEnd::Unsolved)
}

/// Why a ray found no point at the ball's level.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RayEnd {
    /// The level function stops (None) at τ: the domain's edge, or where its numbers fail.
    Stops(f64),
    /// Still below the level at [`MAX_STRETCH`] times the quadratic ball's reach.
    Beyond,
    /// The root finder did not converge.
    Unsolved,
}

/// A sample (τ, g(τ)) of the function along a ray.
type Sample = (f64, f64);

/// Regula falsi with the Illinois modification (Dowell & Jarratt, BIT 11, 1971) on a
/// bracket whose ends have g of opposite signs: superlinear, and never leaves the bracket.
fn illinois(g: &impl Fn(f64) -> Option<f64>, mut a: Sample, mut b: Sample) -> Option<f64> {
    for _ in 0..ROOT_MAX_ITER {
        if b.1.abs() < ROOT_EPS {
            return Some(b.0);
        }
        if (b.0 - a.0).abs() < ROOT_EPS * b.0.abs() {
            return Some(if a.1.abs() < b.1.abs() { a.0 } else { b.0 });
        }
        let tau = b.0 - b.1 * (b.0 - a.0) / (b.1 - a.1);
        let c = (tau, g(tau)?);
        if c.1.signum() == b.1.signum() {
            a.1 *= 0.5; // the end that stays twice in a row is pulled down: no stagnation
        } else {
            a = b;
        }
        b = c;
    }
    None
}

/// A bracket with g of opposite signs at its ends, from two secant predictions:
/// τ_p = 1/(1 + g(1)), then a step twice as far as the next prediction.
fn bracket_by_secant(g: &impl Fn(f64) -> Option<f64>) -> Option<(Sample, Sample)> {
    let tau_p = 1.0 / (1.0 + g(1.0)?);
    let p = (tau_p, g(tau_p)?);
    let tau_q = tau_p * (1.0 - 2.0 * p.1);
    let q = (tau_q, g(tau_q)?);
    (tau_q > 0.0 && p.1.signum() != q.1.signum()).then_some((p, q))
}

/// A bracket [τ_in, τ_hi] found by stepping out from the centre: from τ = 1 by factors of
/// 1.5, bisecting back towards the last point inside whenever a step leaves the domain.
/// None if the ray leaves the domain, or goes on for ever, below the level.
fn bracket_from_centre(g: &impl Fn(f64) -> Option<f64>) -> Result<(Sample, Sample), RayEnd> {
    let mut inside = (0.0, -1.0); // farthest sample known inside the domain with g < 0
    let mut outside: Option<f64> = None; // smallest τ known outside the domain
    let mut tau = 1.0;
    loop {
        match g(tau) {
            Some(v) if v >= 0.0 => return Ok((inside, (tau, v))),
            Some(v) => inside = (tau, v),
            None => outside = Some(tau),
        }
        tau = match outside {
            Some(out) if out - inside.0 <= DOMAIN_EDGE_REL * out => return Err(RayEnd::Stops(out)),
            Some(out) => 0.5 * (inside.0 + out),
            None if tau > MAX_STRETCH => return Err(RayEnd::Beyond),
            None => 1.5 * tau,
        };
    }
}

/// One drawn ball: its centre, the Fisher matrix there (chart coordinates) and its outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Ball {
    pub centre: Point,
    pub fisher: Mat,
    pub points: Vec<Point>,
}

/// The balls of one kind around every centre, computed in parallel (each is independent,
/// and the order of the centres is kept, so the result does not depend on the threads).
pub fn balls(
    model: &Model,
    centres: &[Point],
    kind: BallKind,
    level: Level,
    points: usize,
) -> Result<Vec<Ball>, BallError> {
    use rayon::prelude::*;
    let solved: Vec<Result<Ball, BallError>> = centres
        .par_iter()
        .map(|&centre| {
            Ok(Ball {
                centre,
                fisher: model.fisher(centre),
                points: outline(model, centre, kind, level, points)?,
            })
        })
        .collect();
    // The first failure in grid order, whichever thread met one first: the same input
    // always gives the same message.
    solved.into_iter().collect()
}

impl Ball {
    /// The same ball (the same distributions) in another chart: its centre and outline
    /// mapped through θ, and the Fisher matrix of `to` at the new centre. An error if a point
    /// lands outside that chart's domain or beyond double precision there (μ/σ² overflows
    /// for tiny σ), so that no later step meets a number it cannot draw.
    pub fn carried(&self, from: &dyn super::Chart, to: &Model) -> Result<Ball, BallError> {
        let map = |p: &Point| to.chart.phi(from.theta(*p));
        let centre = map(&self.centre);
        let ball = Ball {
            centre,
            fisher: to.fisher(centre),
            points: self.points.iter().map(map).collect(),
        };
        let shown = std::iter::once(&ball.centre)
            .chain(&ball.points)
            .all(|&p| to.contains(p))
            && ball.fisher.iter().all(|v| v.is_finite());
        shown.then_some(ball).ok_or(BallError::NotShown {
            x: self.centre.x,
            y: self.centre.y,
            chart: to.chart.name(),
        })
    }
}

/// Whether `p` lies inside the closed polygon `poly` (even–odd rule).
fn inside(p: Point, poly: &[Point]) -> bool {
    let mut hit = false;
    let mut j = poly.len().wrapping_sub(1);
    for (i, a) in poly.iter().enumerate() {
        let b = poly[j];
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            hit = !hit;
        }
        j = i;
    }
    hit
}

/// Whether two outlines overlap or come nearer each other than `gap`: a point of either
/// inside the other, or a point of either within `gap` of the other's edges (the outlines are
/// dense enough, 16 points or more round a convex-looking curve, that crossing edges without a
/// vertex inside does not happen at the sizes drawn).
fn touching(a: &[Point], b: &[Point], gap: f64) -> bool {
    let (ba, bb) = (bounds(a), bounds(b));
    let apart =
        ba[1] + gap < bb[0] || bb[1] + gap < ba[0] || ba[3] + gap < bb[2] || bb[3] + gap < ba[2];
    let near = |p: Point, poly: &[Point]| gap > 0.0 && distance_to_edges(p, poly) < gap;
    !apart
        && (a.iter().any(|&p| inside(p, b) || near(p, b))
            || b.iter().any(|&p| inside(p, a) || near(p, a)))
}

/// The distance from `p` to the nearest edge of the closed polygon `poly`.
fn distance_to_edges(p: Point, poly: &[Point]) -> f64 {
    let edges = poly.iter().zip(poly.iter().cycle().skip(1));
    edges
        .map(|(a, b)| {
            let ab = b - a;
            let t = ((p - a).dot(&ab) / ab.norm_squared().max(f64::MIN_POSITIVE)).clamp(0.0, 1.0);
            (a + ab * t - p).norm()
        })
        .fold(f64::INFINITY, f64::min)
}

/// [x min, x max, y min, y max] of some points.
fn bounds(points: &[Point]) -> [f64; 4] {
    points.iter().fold(
        [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ],
        |[x0, x1, y0, y1], p| [x0.min(p.x), x1.max(p.x), y0.min(p.y), y1.max(p.y)],
    )
}

/// The first pair of neighbouring balls of a grid (`nx` across, row by row) that overlap, or
/// come nearer each other than `gap` once `to` has mapped their outlines (into the units they
/// are drawn in): each ball against the next one across, and the three above it.
pub fn first_touching(
    balls: &[Ball],
    nx: usize,
    gap: f64,
    to: impl Fn(Point) -> Point,
) -> Option<(usize, usize)> {
    let outlines: Vec<Vec<Point>> = balls
        .iter()
        .map(|b| b.points.iter().map(|&p| to(p)).collect())
        .collect();
    let at = |i: usize, di: isize, dj: isize| -> Option<usize> {
        let (col, row) = ((i % nx) as isize + di, (i / nx) as isize + dj);
        let k = usize::try_from(row).ok()? * nx + usize::try_from(col).ok()?;
        (col >= 0 && (col as usize) < nx && k < balls.len()).then_some(k)
    };
    (0..balls.len()).find_map(|i| {
        [(1, 0), (-1, 1), (0, 1), (1, 1)]
            .into_iter()
            .filter_map(|(di, dj)| at(i, di, dj))
            .find(|&k| touching(&outlines[i], &outlines[k], gap))
            .map(|k| (i, k))
    })
}

/// The first pair of neighbouring balls of a grid that overlap, as they lie in their chart.
pub fn first_overlap(balls: &[Ball], nx: usize) -> Option<(usize, usize)> {
    first_touching(balls, nx, 0.0, |p| p)
}
