//! The post's uses of Fisher information (natural gradient, geodesics) in every family of
//! the registry, in every chart, against independent routes: the KL gradient against
//! differences of the KL, natural paths against each other across charts, geodesic lengths
//! against the length of the drawn path, and shooting against closed forms.

use std::sync::Arc;

use fisherballs::geometry::descent::{Method, descend};
use fisherballs::geometry::families::{self, student_t::StudentT};
use fisherballs::geometry::{Chart, Family, Mat, Model, Point, geodesic, grid, shooting};

mod common;
use common::{WithoutClosedForms, romberg};

/// Every family, Student-t also at ν = 0.7.
fn all() -> Vec<Arc<dyn Family>> {
    let mut f = families::defaults();
    f.push(Arc::new(StudentT::new(0.7).unwrap()));
    f
}

/// Two points of the family's default view in its first chart (the bottom-left and
/// top-right centres of its default grid), canonical.
fn ends(f: &dyn Family) -> (Point, Point) {
    let c = f.charts()[0];
    let (nx, ny) = c.default_grid();
    let g = grid::centres(&c.default_limits(), nx, ny);
    (c.theta(g[0]), c.theta(g[g.len() - 1]))
}

#[test]
fn the_kl_gradient_is_the_derivative_of_the_kl_in_every_family() {
    for f in all() {
        let (target, other) = ends(&*f);
        for theta in [other, 0.5 * (target + other), 0.9 * target + 0.1 * other] {
            let g = f.kl_gradient(target, theta);
            for i in 0..2 {
                let h = 1e-2 * theta[i].abs().max(1e-2);
                let d = |s: f64| {
                    let mut e = Point::zeros();
                    e[i] = s * h;
                    (f.kl(target, theta + e) - f.kl(target, theta - e)) / (2.0 * s * h)
                };
                let fd = romberg(d);
                assert!(
                    (g[i] - fd).abs() < 1e-7 * (1e-3 + fd.abs()),
                    "{} at {theta:?}: ∂{i} {} vs {fd}",
                    f.name(),
                    g[i]
                );
            }
        }
    }
}

/// Where a descent of total time 0.5 from the family's `start` ends, canonical, in `chart`.
fn end(f: &dyn Family, chart: &'static dyn Chart, step: f64, method: Method) -> Point {
    let (target, start) = ends(f);
    let m = Model::new(f, chart);
    let steps = (0.5 / step).round() as usize;
    let path = descend(&m, target, chart.phi(start), step, steps, method).unwrap_or_else(|e| {
        panic!("{} {}: {e}", f.name(), chart.name());
    });
    chart.theta(*path.last().unwrap())
}

/// The Fisher norm at θ of a canonical displacement.
fn fisher_norm(f: &dyn Family, theta: Point, d: Point) -> f64 {
    d.dot(&(f.fisher(theta) * d)).sqrt()
}

#[test]
fn natural_paths_agree_across_every_pair_of_charts_to_first_order_in_the_step() {
    for f in all() {
        let charts = f.charts();
        for (i, &a) in charts.iter().enumerate() {
            for &b in &charts[i + 1..] {
                let gap = |step: f64| {
                    let (p, q) = (
                        end(&*f, a, step, Method::Natural),
                        end(&*f, b, step, Method::Natural),
                    );
                    fisher_norm(&*f, p, p - q)
                };
                let (g1, g2) = (gap(0.02), gap(0.01));
                let ratio = g2 / g1;
                // Charts that are affine images of each other agree exactly (the natural
                // gradient is invariant under affine maps); the others to first order.
                assert!(
                    g1 < 1e-12 || (g1 < 0.05 && (0.4..0.6).contains(&ratio)),
                    "{} {}/{}: natural paths end {g1} apart; halving the step shrank it by {ratio}",
                    f.name(),
                    a.name(),
                    b.name()
                );
            }
        }
    }
}

#[test]
fn plain_paths_differ_across_charts_in_every_family() {
    // For each family, its first chart against the chart where plain descent ends farthest
    // from it: at least ten times the natural paths' gap.
    for f in all() {
        let charts = f.charts();
        let step = 0.01;
        let a = charts[0];
        let farthest = charts[1..]
            .iter()
            .map(|&b| {
                let plain = end(&*f, a, step, Method::Plain) - end(&*f, b, step, Method::Plain);
                let natural =
                    end(&*f, a, step, Method::Natural) - end(&*f, b, step, Method::Natural);
                let p0 = end(&*f, a, step, Method::Plain);
                (fisher_norm(&*f, p0, plain), fisher_norm(&*f, p0, natural))
            })
            .fold((0.0, 0.0), |m: (f64, f64), g| if g.0 > m.0 { g } else { m });
        assert!(
            farthest.0 > 10.0 * farthest.1,
            "{}: plain {} vs natural {}",
            f.name(),
            farthest.0,
            farthest.1
        );
    }
}

/// The Fisher length of a path of canonical points, Σ √(Δᵀ F(mid) Δ), extrapolated from
/// every point and every other point (Richardson: the midpoint sum's error goes as h²).
fn drawn_length(f: &dyn Family, points: &[Point]) -> f64 {
    let sum = |stride: usize| -> f64 {
        let p: Vec<Point> = points.iter().step_by(stride).copied().collect();
        p.windows(2)
            .map(|w| fisher_norm(f, 0.5 * (w[0] + w[1]), w[1] - w[0]))
            .sum()
    };
    (4.0 * sum(1) - sum(2)) / 3.0
}

#[test]
fn the_drawn_geodesic_is_as_long_as_the_distance_in_every_family() {
    for f in all() {
        let (a, b) = ends(&*f);
        let closed = f.fisher_rao(a, b).is_some();
        let g = geodesic::between(&*f, a, b, 1025).unwrap();
        let d = geodesic::distance(&*f, a, b).unwrap();
        let drawn = drawn_length(&*f, &g.points);
        let tol = if closed { 1e-8 } else { 1e-6 };
        assert!(
            (drawn / d - 1.0).abs() < tol && (g.length / d - 1.0).abs() < 1e-12,
            "{}: drawn {drawn}, reported {}, distance {d}",
            f.name(),
            g.length
        );
        assert_eq!((g.points[0], g.points[1024]), (a, b), "{}", f.name());
    }
}

#[test]
fn shooting_finds_the_closed_form_geodesics() {
    for f in all() {
        let (a, b) = ends(&*f);
        let Some(d) = f.fisher_rao(a, b) else {
            continue;
        };
        let hidden = WithoutClosedForms(f.clone(), true);
        assert!(hidden.fisher_rao(a, b).is_none());
        let shot = shooting::shoot(&hidden, a, b).unwrap();
        let closed = f.geodesic(a, b, 9).unwrap();
        let shooting = geodesic::between(&hidden, a, b, 9).unwrap();
        let off = closed
            .points
            .iter()
            .zip(&shooting.points)
            .map(|(&p, &q)| fisher_norm(&*f, p, p - q))
            .fold(0.0, f64::max);
        assert!(
            (shot.length / d - 1.0).abs() < 1e-8 && off < 1e-8,
            "{}: shooting length {} vs {d}, points {off} off",
            f.name(),
            shot.length
        );
    }
}

#[test]
fn shooting_is_symmetric_and_obeys_the_triangle_inequality() {
    for f in all().into_iter().filter(|f| {
        f.fisher_rao(Point::new(1.0, 1.0), Point::new(1.0, 1.0))
            .is_none()
    }) {
        let (a, b) = ends(&*f);
        let c = Point::new(a.x, b.y);
        let d = |p, q| geodesic::distance(&*f, p, q).unwrap();
        for (p, q) in [(a, b), (a, c), (c, b)] {
            let (pq, qp) = (d(p, q), d(q, p));
            assert!((pq / qp - 1.0).abs() < 1e-9, "{}: {pq} vs {qp}", f.name());
            // No longer than the straight line of canonical coordinates (equal where that
            // line is itself a geodesic, as Beta's α = β is, by the symmetry α ↔ β).
            let line: Vec<Point> = (0..=1024)
                .map(|k| p + (q - p) * (k as f64 / 1024.0))
                .collect();
            let straight = drawn_length(&*f, &line);
            assert!(
                pq < straight * (1.0 + 1e-9),
                "{}: {pq} vs the straight line {straight}",
                f.name()
            );
        }
        assert!(d(a, b) < d(a, c) + d(c, b), "{}", f.name());
    }
}

/// The middle of the family's default view, canonical.
fn middle(f: &dyn Family) -> Point {
    let c = f.charts()[0];
    c.theta(grid::centres(&c.default_limits(), 1, 1)[0])
}

#[test]
fn every_fit_is_a_maximum_of_the_likelihood() {
    // The score Σ ∇ ln p(x; θ̂), by differences of the family's density (not of the fit's
    // own formulas), vanishes at every estimate: against the size of one draw's score, √n.
    use rand_chacha::ChaCha8Rng;
    use rand_chacha::rand_core::SeedableRng;
    for f in all() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut xs = vec![0.0; 200];
        for _ in 0..20 {
            f.sample(middle(&*f), &mut rng, &mut xs);
            let t = f.fit(&xs).unwrap_or_else(|e| panic!("{}: {e:?}", f.name()));
            let loglik = |p: Point| xs.iter().map(|&x| f.density(p, x).ln()).sum::<f64>();
            let score = fisherballs::geometry::derivative::gradient(loglik, t);
            // In Fisher units: √(sᵀ F⁻¹ s / n) is the score's size against one draw's.
            let size = score
                .dot(&(f.fisher(t).try_inverse().unwrap() * score))
                .sqrt()
                / 200f64.sqrt();
            assert!(size < 1e-6, "{} at {t:?}: score {score:?}", f.name());
        }
    }
}

#[test]
fn whitened_estimates_have_unit_covariance_in_every_chart_of_every_family() {
    // A covariance entry of M draws of N(0, I) has a standard error of about √(2/M); the
    // MLE's covariance exceeds F⁻¹/n by O(1/n) (measured at n = 400: up to 20/n, in the
    // Gaussian's information chart and Gamma's shape-scale one). Five standard errors plus
    // 25/n. Their mean is checked too, so that a biased fit fails.
    use fisherballs::uses::mle::solve as mle;
    let (n, trials) = (400, 4000);
    let tol = 5.0 * (2.0 / trials as f64).sqrt() + 25.0 / n as f64;
    for f in all() {
        let truth = middle(&*f);
        let found = mle::estimates(&*f, truth, n, trials, 3);
        assert_eq!(found.missing, 0, "{}: {:?}", f.name(), found.reason);
        for &c in f.charts() {
            let v = mle::view(&*f, c, truth, &found.thetas, n, 64).unwrap();
            let w = v.whitened_covariance;
            let off = (w - Mat::identity()).abs().max();
            assert!(
                off < tol,
                "{} {}: whitened covariance {w}",
                f.name(),
                c.name()
            );
            // Centred on the truth: the mean's standard error is 1/√M, the MLE's bias
            // O(1/n) in θ, so O(1/√n) whitened (measured: below 2/√n).
            let mean = v.whitened.iter().sum::<Point>() / trials as f64;
            let bound = 5.0 / (trials as f64).sqrt() + 3.0 / (n as f64).sqrt();
            assert!(
                mean.abs().max() < bound,
                "{} {}: whitened mean {mean}",
                f.name(),
                c.name()
            );
        }
    }
}

#[test]
fn a_sample_without_an_estimate_is_reported() {
    // Samples of 2 draws from a categorical law: most miss an outcome; all-equal draws of
    // every other family.
    use fisherballs::uses::mle::solve as mle;
    let cat = families::family("categorical", None).unwrap();
    let found = mle::estimates(&*cat, middle(&*cat), 2, 100, 1);
    assert_eq!(found.missing, 100);
    assert!(found.reason.unwrap().0.contains("never drawn"));
    for f in all().into_iter().filter(|f| f.name() != "categorical") {
        let x = if f.name() == "beta" { 0.3 } else { 1.5 };
        assert!(f.fit(&[x; 10]).is_err(), "{}", f.name());
    }
}
