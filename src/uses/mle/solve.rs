//! The post's first use of Fisher information: maximum likelihood. Estimates θ̂ from n
//! draws of a true p_θ scatter as N(θ, F⁻¹/n) for large n, in every chart of every family;
//! whitened, √n F^{1/2}(θ̂ − θ), they form a round cloud of unit spread whatever the chart.
//!
//! The draws are seeded (ChaCha8, portable across machines), so a figure is reproducible.
//! A sample without an estimate (all draws equal, an outcome never drawn) is counted and
//! reported, not drawn.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use crate::geometry::ball::{self, BallError};
use crate::geometry::chart::{WhitenError, Whitened};
use crate::geometry::conditioning;
use crate::geometry::{BallKind, Chart, Family, Level, Mat, Model, NoEstimate, Point};

/// The estimates of an experiment, and the samples that had none.
pub struct Estimates {
    /// θ̂ of each sample that has one, canonical, in the order drawn.
    pub thetas: Vec<Point>,
    /// How many samples had no estimate, and why the first of them had none.
    pub missing: usize,
    pub reason: Option<NoEstimate>,
}

/// Maximum-likelihood estimates from `trials` independent samples of size `n` of p_θ.
pub fn estimates(
    family: &dyn Family,
    truth: Point,
    n: usize,
    trials: usize,
    seed: u64,
) -> Estimates {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut xs = vec![0.0; n];
    let mut out = Estimates {
        thetas: Vec::with_capacity(trials),
        missing: 0,
        reason: None,
    };
    for _ in 0..trials {
        // A partial experiment is never drawn: `uses::draw` refuses it.
        if crate::geometry::deadline::passed() {
            break;
        }
        family.sample(truth, &mut rng, &mut xs);
        match family.fit(&xs) {
            Ok(t) => out.thetas.push(t),
            Err(why) => {
                out.missing += 1;
                out.reason.get_or_insert(why);
            }
        }
    }
    out
}

/// The sample covariance (divisor m − 1) of m points.
pub fn covariance(points: &[Point]) -> Mat {
    let m = points.len() as f64;
    let mean = points.iter().sum::<Point>() / m;
    points
        .iter()
        .map(|p| (p - mean) * (p - mean).transpose())
        .sum::<Mat>()
        / (m - 1.0)
}

/// What one chart shows of the experiment.
pub struct MleView {
    pub chart: &'static dyn Chart,
    /// The true θ and the estimates, in the chart.
    pub truth: Point,
    pub estimates: Vec<Point>,
    /// The 1- and 2-standard-deviation ellipses of N(θ, F⁻¹/n): the quadratic balls of
    /// level k²/(2n), k = 1, 2.
    pub ellipses: [Vec<Point>; 2],
    /// √n F^{1/2}(θ̂ − θ), and the circles of radius 1 and 2 they should fill.
    pub whitened: Vec<Point>,
    pub circles: [Vec<Point>; 2],
    /// Sample covariance of the estimates, next to F⁻¹/n; and of the whitened ones.
    pub covariance: Mat,
    pub expected: Mat,
    pub whitened_covariance: Mat,
}

/// The experiment's estimates (canonical θ) seen in `chart`.
pub fn view(
    family: &dyn Family,
    chart: &'static dyn Chart,
    truth: Point,
    estimates: &[Point],
    n: usize,
    points: usize,
) -> Result<MleView, BallError> {
    let model = Model::new(family, chart);
    let centre = chart.phi(truth);
    let f = model.checked_fisher(centre);
    let ellipse = |k: f64| {
        let level = Level::from_kl(k * k / (2.0 * n as f64)).expect("a positive level");
        ball::outline(&model, centre, BallKind::Quadratic, level, points)
    };
    let degenerate = |why| BallError::Degenerate {
        x: centre.x,
        y: centre.y,
        why,
    };
    let white = Whitened::new(family, chart, centre).map_err(|e| match e {
        WhitenError::Degenerate { why, .. } => degenerate(why),
        WhitenError::OutOfDomain { .. } => degenerate(conditioning::Conditioning::OutOfRange),
    })?;
    let root_n = (n as f64).sqrt();
    let whitened: Vec<Point> = estimates.iter().map(|&t| root_n * white.phi(t)).collect();
    let in_chart: Vec<Point> = estimates.iter().map(|&t| chart.phi(t)).collect();
    let circle = |k: f64| (0..points).map(|i| k * unit(i, points)).collect();
    Ok(MleView {
        chart,
        truth: centre,
        ellipses: [ellipse(1.0)?, ellipse(2.0)?],
        covariance: covariance(&in_chart),
        expected: f
            .and_then(conditioning::scaled_inverse)
            .map_err(degenerate)?
            / n as f64,
        whitened_covariance: covariance(&whitened),
        estimates: in_chart,
        whitened,
        circles: [circle(1.0), circle(2.0)],
    })
}

fn unit(i: usize, n: usize) -> Point {
    let t = std::f64::consts::TAU * i as f64 / n as f64;
    Point::new(t.cos(), t.sin())
}
