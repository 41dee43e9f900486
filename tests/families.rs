//! Every family of the registry, in every one of its charts, against the definitions:
//! F is the Hessian of KL in both directions, Jacobians are the derivatives of the maps,
//! exact balls hit their level, KL → ½ΔᵀFΔ, Fisher–Rao balls by the exponential map agree
//! with closed-form distances, and default views show separate, visible balls.

use std::sync::Arc;

use fisherballs::geometry::ball::{self, level_function};
use fisherballs::geometry::families::{self, student_t::StudentT};
use fisherballs::geometry::tolerance::LEVEL_REL;
use fisherballs::geometry::{
    BallKind, Chart, Family, Level, Mat, Model, Point, exp_map, grid, special,
};

mod common;
use common::{WithoutClosedForms, extent, hessian, inside, rel_err, romberg, steps};

/// Every family (Student-t at ν = 3 and at ν = 0.7) with every chart.
fn pairs() -> Vec<(Arc<dyn Family>, &'static dyn Chart)> {
    let mut families = families::defaults();
    families.push(Arc::new(StudentT::new(0.7).unwrap()));
    families
        .into_iter()
        .flat_map(|f| f.charts().iter().map(move |&c| (f.clone(), c)))
        .collect()
}

/// Five points of a chart's default view: the corners and the middle of its default grid.
fn samples(chart: &dyn Chart) -> Vec<Point> {
    let (nx, ny) = chart.default_grid();
    let c = grid::centres(&chart.default_limits(), nx, ny);
    let mid = grid::centres(&chart.default_limits(), 1, 1)[0];
    vec![c[0], c[nx - 1], c[c.len() - nx], c[c.len() - 1], mid]
}

fn name(f: &dyn Family, c: &dyn Chart) -> String {
    format!("{} {}", f.name(), c.name())
}

/// Families whose KL is a quadrature (Student-t) meet the finite-difference Hessian to
/// the quadrature's precision; closed forms to the differences' own.
fn hessian_tolerance(f: &dyn Family) -> f64 {
    if f.nu().is_some() { 1e-8 } else { 1e-9 }
}

#[test]
fn fisher_is_the_hessian_of_kl_in_both_directions() {
    for (f, c) in pairs() {
        let m = Model::new(&*f, c);
        for phi in samples(c) {
            let fisher = m.fisher(phi);
            let forward = hessian(|p| m.kl(p, phi), phi, steps(fisher));
            let reverse = hessian(|p| m.kl(phi, p), phi, steps(fisher));
            for (dir, h) in [("D(p'||p)", forward), ("D(p||p')", reverse)] {
                let e = rel_err(fisher, h);
                assert!(
                    e < hessian_tolerance(&*f),
                    "{} at {phi:?}: {dir} Hessian off by {e:e}\n{fisher}\n{h}",
                    name(&*f, c)
                );
            }
        }
    }
}

#[test]
fn jacobians_are_the_derivatives_of_the_maps_and_the_maps_invert() {
    for (f, c) in pairs() {
        for phi in samples(c) {
            assert!(Model::new(&*f, c).contains(phi), "{}", name(&*f, c));
            let back = c.phi(c.theta(phi));
            assert!(
                (back - phi).norm() < 1e-12 * (1.0 + phi.norm()),
                "{}: {back:?} vs {phi:?}",
                name(&*f, c)
            );
            let mut fd = Mat::zeros();
            for j in 0..2 {
                let d = |s: f64| {
                    let mut e = Point::zeros();
                    e[j] = s * 1e-3 * (1.0 + phi[j].abs());
                    (c.theta(phi + e) - c.theta(phi - e)) / (2.0 * e[j])
                };
                fd.set_column(j, &Point::new(romberg(|s| d(s).x), romberg(|s| d(s).y)));
            }
            let e = rel_err(c.jacobian(phi), fd);
            assert!(
                e < 1e-9,
                "{} at {phi:?}: Jacobian off by {e:e}",
                name(&*f, c)
            );
        }
    }
}

#[test]
fn kl_approaches_half_the_fisher_quadratic_form() {
    for (f, c) in pairs() {
        let m = Model::new(&*f, c);
        for phi in samples(c) {
            let fisher = m.fisher(phi);
            let dir = Point::new(0.6, -0.8);
            let dir = dir / (0.5 * dir.dot(&(fisher * dir))).sqrt();
            let err = |eps: f64| {
                let d = eps * dir;
                m.kl(phi + d, phi) / (0.5 * d.dot(&(fisher * d))) - 1.0
            };
            // The relative error is O(|Δ|): shrinking Δ tenfold shrinks it about tenfold.
            let (e1, e2) = (err(1e-2), err(1e-3));
            assert!(e2.abs() < 1e-2, "{}: {e2}", name(&*f, c));
            assert!(
                (5.0..20.0).contains(&(e1 / e2)),
                "{}: ratio {}",
                name(&*f, c),
                e1 / e2
            );
        }
    }
}

/// Student-t's quadrature is good to about 1e-12 of the level; closed forms to 1e-10.
fn level_tolerance(f: &dyn Family) -> f64 {
    if f.nu().is_some() { 1e-9 } else { LEVEL_REL }
}

#[test]
fn exact_balls_hit_their_level_and_the_quadratic_ball_approaches_them() {
    for (f, c) in pairs() {
        let m = Model::new(&*f, c);
        let theta_of = |p: Point| c.theta(p);
        for phi in samples(c) {
            let centre = theta_of(phi);
            for kl in [1e-4, 0.01] {
                let level = Level::from_kl(kl).unwrap();
                for kind in [BallKind::Kl, BallKind::KlReverse, BallKind::FisherRao] {
                    let pts = ball::outline(&m, phi, kind, level, 48).unwrap();
                    for p in pts {
                        let t = theta_of(p);
                        let got = match kind {
                            BallKind::Kl => f.kl(t, centre),
                            BallKind::KlReverse => f.kl(centre, t),
                            _ => match f.fisher_rao(centre, t) {
                                Some(d) => 0.5 * d * d,
                                None => continue, // the exponential map: tested below
                            },
                        };
                        let e = (got / kl - 1.0).abs();
                        assert!(
                            e < level_tolerance(&*f),
                            "{} {} L={kl} at {phi:?}: level off by {e:e}",
                            name(&*f, c),
                            kind.name()
                        );
                    }
                }
            }
            // For small L every exact ball hugs the quadratic one: at L = 1e-6 a point of
            // the KL ball is within 1% of its ray's quadratic radius.
            let tiny = Level::from_kl(1e-6).unwrap();
            let q = ball::outline(&m, phi, BallKind::Quadratic, tiny, 16).unwrap();
            for kind in [BallKind::Kl, BallKind::KlReverse, BallKind::FisherRao] {
                let e = ball::outline(&m, phi, kind, tiny, 16).unwrap();
                for (a, b) in q.iter().zip(&e) {
                    let ratio = (b - phi).norm() / (a - phi).norm();
                    assert!(
                        (ratio - 1.0).abs() < 1e-2,
                        "{} {}",
                        name(&*f, c),
                        kind.name()
                    );
                }
            }
        }
    }
}

#[test]
fn the_exponential_map_reaches_the_closed_form_distance() {
    // Families with a closed-form distance, drawn as if they had none: every point of the
    // exponential-map ball is at the closed-form distance r from the centre.
    for (f, c) in pairs() {
        if f.fisher_rao(Point::new(0.2, 0.3), Point::new(0.2, 0.3))
            .is_none()
        {
            continue;
        }
        let hidden = WithoutClosedForms(f.clone(), false);
        let m = Model::new(&hidden, c);
        let (mut tried, mut closed) = (0, 0);
        for phi in samples(c) {
            for r in [0.05, 0.3] {
                let level = Level::from_radius(r).unwrap();
                tried += 1;
                // Near the simplex's edge a geodesic of length 0.3 can leave it: that ball
                // does not close (and is refused, never drawn). Small ones always close.
                let Ok(points) = ball::outline(&m, phi, BallKind::FisherRao, level, 24) else {
                    assert!(r > 0.1, "{} r={r} at {phi:?} did not close", name(&*f, c));
                    continue;
                };
                closed += 1;
                for p in points {
                    let d = f.fisher_rao(c.theta(phi), c.theta(p)).unwrap();
                    assert!(
                        (d / r - 1.0).abs() < 1e-9,
                        "{} r={r} at {phi:?}: distance {d}",
                        name(&*f, c)
                    );
                }
            }
        }
        assert!(
            closed * 4 >= tried * 3,
            "{}: {closed} of {tried} closed",
            name(&*f, c)
        );
    }
}

#[test]
fn exact_fisher_derivatives_match_differences_of_the_fisher_matrix() {
    // Gamma and Beta give ∂F in closed form (through ψ″); the default is differences of F.
    for f in families::defaults() {
        let hidden = WithoutClosedForms(f.clone(), false);
        for phi in samples(f.charts()[0]) {
            let theta = f.charts()[0].theta(phi);
            let (exact, differences) = (
                f.fisher_derivatives(theta),
                hidden.fisher_derivatives(theta),
            );
            let scale = exact[0].norm() + exact[1].norm();
            for k in 0..2 {
                let e = (exact[k] - differences[k]).norm() / scale;
                assert!(e < 1e-8, "{} ∂F/∂θ{k} at {theta:?} off by {e:e}", f.name());
            }
        }
    }
}

/// Geodesic ODE speed ẋᵀ F ẋ along each ray: conserved exactly by a geodesic.
#[test]
fn exponential_map_geodesics_keep_their_speed_and_agree_across_charts() {
    let stops: Vec<f64> = (1..=10).map(|k| k as f64 / 10.0).collect();
    for name_ in ["gamma", "beta"] {
        let f = families::family(name_, None).unwrap();
        for &c in f.charts() {
            let m = Model::new(&*f, c);
            for phi in samples(c) {
                let theta = c.theta(phi);
                for angle in [0.3, 1.9, 4.0] {
                    let dir = c.jacobian(phi) * Point::new(f64::cos(angle), f64::sin(angle));
                    let r = 0.3;
                    let v = dir * r / dir.dot(&(f.fisher(theta) * dir)).sqrt();
                    let path = exp_map::geodesic(&*f, theta, v, &stops).unwrap();
                    for (x, xdot) in &path {
                        let speed = xdot.dot(&(f.fisher(*x) * xdot)).sqrt();
                        assert!(
                            (speed / r - 1.0).abs() < 1e-10,
                            "{} from {theta:?}: speed {speed} ≠ {r}",
                            name(&*f, c)
                        );
                    }
                    // An independent route: the same geodesic integrated in this chart's
                    // coordinates, with Christoffel symbols from differences of F_φ.
                    let in_chart = InChart {
                        family: f.clone(),
                        chart: c,
                    };
                    let v_phi = c.jacobian(phi).try_inverse().unwrap() * v;
                    let end = exp_map::exp(&in_chart, phi, v_phi).unwrap();
                    let other = c.theta(end);
                    let e = (other - path[9].0).norm() / path[9].0.norm();
                    assert!(e < 1e-8, "{}: endpoints differ by {e:e}", name(&*f, c));
                    let _ = &m;
                }
            }
        }
    }
}

/// A chart's coordinates taken as a family's canonical parameters: F_φ = JᵀFJ, KL through θ.
struct InChart {
    family: Arc<dyn Family>,
    chart: &'static dyn Chart,
}

impl Family for InChart {
    fn name(&self) -> &'static str {
        self.family.name()
    }
    fn display_name(&self) -> String {
        self.family.display_name()
    }
    fn charts(&self) -> &'static [&'static dyn Chart] {
        self.family.charts()
    }
    fn contains(&self, phi: Point) -> bool {
        Model::new(&*self.family, self.chart).contains(phi)
    }
    fn kl(&self, a: Point, b: Point) -> f64 {
        Model::new(&*self.family, self.chart).kl(a, b)
    }
    fn density(&self, phi: Point, x: f64) -> f64 {
        self.family.density(self.chart.theta(phi), x)
    }
    fn support(&self, phi: Point) -> fisherballs::geometry::Support {
        self.family.support(self.chart.theta(phi))
    }
    fn sample(&self, phi: Point, rng: &mut rand_chacha::ChaCha8Rng, out: &mut [f64]) {
        self.family.sample(self.chart.theta(phi), rng, out)
    }
    fn fit(&self, xs: &[f64]) -> Result<Point, fisherballs::geometry::NoEstimate> {
        self.family.fit(xs).map(|t| self.chart.phi(t))
    }
    fn fisher(&self, phi: Point) -> Mat {
        Model::new(&*self.family, self.chart).fisher(phi)
    }
}

#[test]
fn tetragamma_matches_its_value_at_one_and_differences_of_trigamma() {
    // ψ″(1) = −2ζ(3).
    let zeta3 = 1.202_056_903_159_594_3;
    assert!((special::tetragamma(1.0) / (-2.0 * zeta3) - 1.0).abs() < 1e-14);
    for x in [1e-3, 0.05, 0.7, 3.0, 14.9, 15.1, 80.0, 1e4] {
        let h = 1e-3 * x;
        let d =
            |s: f64| (special::trigamma(x + s * h) - special::trigamma(x - s * h)) / (2.0 * s * h);
        let fd = romberg(d);
        let got = special::tetragamma(x);
        assert!(
            (got / fd - 1.0).abs() < 1e-9,
            "ψ″({x}) = {got}, differences {fd}"
        );
    }
}

#[test]
fn student_t_quadrature_matches_cauchy_at_one_degree_of_freedom_and_the_definition() {
    let t1 = StudentT::new(1.0).unwrap();
    let cauchy = families::family("cauchy", None).unwrap();
    let pairs = [
        (Point::new(0.0, 1.0), Point::new(0.1, 1.1)),
        (Point::new(-1.0, 0.5), Point::new(1.0, 2.0)),
        (Point::new(0.3, 1.0), Point::new(0.3, 1.0 + 1e-4)),
    ];
    for (a, b) in pairs {
        let (q, exact) = (t1.kl(a, b), cauchy.kl(a, b));
        assert!(
            (q / exact - 1.0).abs() < 1e-12,
            "{a:?} {b:?}: {q} vs {exact}"
        );
    }
    // ν = 3 and 0.7: against ∫ p₁ ln(p₁/p₂) dx, the textbook integrand, with
    // x = μ₁ + σ₁ tan u and u = (π/2) tanh((π/2) sinh τ) (tanh–sinh quadrature, which copes
    // with the heavy tails): a route that shares nothing with the family's.
    for nu in [3.0, 0.7] {
        let t = StudentT::new(nu).unwrap();
        let c = special::ln_gamma((nu + 1.0) / 2.0)
            - special::ln_gamma(nu / 2.0)
            - 0.5 * (nu * std::f64::consts::PI).ln();
        let log_density = |x: f64, p: Point| {
            let z = (x - p.x) / p.y;
            c - p.y.ln() - (nu + 1.0) / 2.0 * (z * z / nu).ln_1p()
        };
        for (a, b) in pairs {
            let (half_pi, h) = (std::f64::consts::FRAC_PI_2, 1.0 / 256.0);
            let mut sum = 0.0;
            for i in -1200..=1200 {
                let tau = i as f64 * h;
                let s = half_pi * tau.sinh();
                // The distance of u to ±π/2, without cancellation: (π/2)(1 − tanh|s|).
                let gap = half_pi * 2.0 / ((2.0 * s.abs()).exp() + 1.0);
                let tan_u = s.signum() / gap.tan();
                let du = half_pi * half_pi * tau.cosh() / s.cosh().powi(2);
                let x = a.x + a.y * tan_u;
                let log_jac = a.y.ln() - 2.0 * gap.sin().ln(); // dx/du = σ/cos²u
                let (l1, l2) = (log_density(x, a), log_density(x, b));
                sum += (l1 + log_jac).exp() * (l1 - l2) * du * h;
            }
            // The textbook integrand cancels: about 1e-16 of ∫p₁|ln p₁ − ln p₂| is lost.
            let q = t.kl(a, b);
            assert!(
                (q - sum).abs() < 1e-10 * sum + 1e-16,
                "ν={nu} {a:?} {b:?}: {q} vs {sum}"
            );
        }
    }
}

#[test]
fn every_family_refuses_charts_it_does_not_have_and_points_outside_its_domain() {
    for f in families::defaults() {
        assert!(f.chart("no-such-chart").is_none());
        for &c in f.charts() {
            assert!(!Model::new(&*f, c).contains(Point::new(f64::NAN, 1.0)));
        }
    }
    let outside = [
        ("gamma", Point::new(-1.0, 1.0)),
        ("beta", Point::new(1.0, 0.0)),
        ("categorical", Point::new(0.6, 0.5)),
        ("cauchy", Point::new(0.0, -1.0)),
        ("weibull", Point::new(0.0, 1.0)),
        ("student-t", Point::new(0.0, 0.0)),
    ];
    for (n, theta) in outside {
        assert!(!families::family(n, None).unwrap().contains(theta), "{n}");
    }
    assert!(families::family("student-t", Some(0.0)).is_err());
    assert!(families::family("student-t", Some(f64::NAN)).is_err());
    assert!(families::family("gamma", Some(3.0)).is_err());
}

#[test]
fn default_views_show_separate_visible_balls() {
    for (f, c) in pairs() {
        let level = Level::from_kl(f.default_kl()).unwrap();
        let m = Model::new(&*f, c);
        let limits = c.default_limits();
        let (nx, ny) = c.default_grid();
        let label = name(&*f, c);
        assert!(
            nx >= 3 && ny >= 2 && nx * ny >= 6,
            "{label}: several rows and columns"
        );
        let centres = grid::centres(&limits, nx, ny);
        for kind in BallKind::ALL {
            let balls = ball::balls(&m, &centres, kind, level, 96).unwrap();
            for (i, a) in balls.iter().enumerate() {
                let (w, h) = extent(&a.points);
                assert!(
                    w > 0.025 * limits.x.width() && h > 0.025 * limits.y.width(),
                    "{label} {}: ball {i} is too small to see",
                    kind.name()
                );
                for (j, b) in balls.iter().enumerate().filter(|(j, _)| *j != i) {
                    let touching = a.points.iter().any(|&p| inside(p, &b.points));
                    assert!(
                        !touching,
                        "{label} {}: balls {i} and {j} overlap",
                        kind.name()
                    );
                }
            }
        }
    }
}

#[test]
fn level_functions_of_closed_form_families_are_chart_independent() {
    // A ball solved in one chart and carried into another is at its level there too.
    let level = Level::from_kl(0.05).unwrap();
    for f in families::defaults() {
        let charts = f.charts();
        let a = charts[0];
        let centre = samples(a)[4];
        let theta = a.theta(centre);
        for &b in &charts[1..] {
            let mb = Model::new(&*f, b);
            for kind in [BallKind::Kl, BallKind::KlReverse] {
                let g = level_function(&mb, b.phi(theta), kind).unwrap();
                for p in ball::outline(&Model::new(&*f, a), centre, kind, level, 16).unwrap() {
                    let v = g(b.phi(a.theta(p))).unwrap();
                    assert!(
                        (v / level.kl() - 1.0).abs() < 1e-8,
                        "{} {} → {}",
                        f.name(),
                        a.name(),
                        b.name()
                    );
                }
            }
        }
    }
}

#[test]
fn small_balls_carry_the_same_jeffreys_mass_in_every_chart_of_every_family() {
    // A ball at level L is nearly the ellipse ½ΔᵀFΔ = L, of area 2πL/√det F: its Jeffreys
    // mass is about 2πL wherever it is, whatever the family and the chart.
    let level = Level::from_kl(1e-4).unwrap();
    let want = 2.0 * std::f64::consts::PI * level.kl();
    for (f, c) in pairs() {
        let m = Model::new(&*f, c);
        for phi in samples(c) {
            for kind in [BallKind::Kl, BallKind::FisherRao] {
                let pts = ball::outline(&m, phi, kind, level, 128).unwrap();
                let mass = fisherballs::geometry::jeffreys::ball_mass(&m, phi, &pts).unwrap();
                assert!(
                    (mass / want - 1.0).abs() < 0.02,
                    "{} {} at {phi:?}: mass {mass} vs 2πL = {want}",
                    name(&*f, c),
                    kind.name()
                );
            }
        }
    }
}

#[test]
fn whitened_charts_of_every_family_make_quadratic_balls_round_at_the_origin() {
    use fisherballs::geometry::chart::Whitened;
    let level = Level::from_kl(0.01).unwrap();
    for (f, c) in pairs() {
        let at = samples(c)[4];
        let w = Whitened::new(&*f, c, at).unwrap();
        let m = Model::new(&*f, &w);
        let fisher = m.fisher(Point::zeros());
        assert!(
            rel_err(fisher, Mat::identity()) < 1e-9,
            "{}: F at the origin is {fisher}",
            name(&*f, c)
        );
        for p in ball::outline(&m, Point::zeros(), BallKind::Quadratic, level, 32).unwrap() {
            assert!(
                (p.norm() / level.radius() - 1.0).abs() < 1e-9,
                "{}",
                name(&*f, c)
            );
        }
    }
}

#[test]
fn small_exact_balls_stay_within_the_stated_rounding() {
    // README: exact balls hit their level to 1e-10 relative down to the smallest L (1e-10)
    // in the families whose KL is written without cancellation (Gaussian, categorical, Cauchy,
    // Student-t); Gamma, Beta and Weibull difference ln Γ values of size 1, so below
    // L = 1e-4 their error is about 1e-15/L (bounded here by 1e-14/L).
    for (f, c) in pairs() {
        let m = Model::new(&*f, c);
        let stable = ["gaussian", "categorical", "cauchy", "student-t"].contains(&f.name());
        for kl in [1e-10f64, 1e-8, 1e-6] {
            let bound = if stable {
                1e-10
            } else {
                (1e-14 / kl).max(1e-10)
            };
            let level = Level::from_kl(kl).unwrap();
            for phi in samples(c) {
                let centre = c.theta(phi);
                for p in ball::outline(&m, phi, BallKind::Kl, level, 16).unwrap() {
                    let e = (f.kl(c.theta(p), centre) / kl - 1.0).abs();
                    assert!(e < bound, "{} L={kl}: {e:e} > {bound:e}", name(&*f, c));
                }
            }
        }
    }
}

/// ∫ f over the family's support: first onto the whole line (x = eᵗ on (0, ∞), x = 1/(1 + e⁻ᵗ)
/// on (0, 1), so no kink at an end is left), then t = c + s tan u and composite Simpson in
/// u on (−π/2, π/2): every tail (Cauchy's too) becomes a finite interval.
fn integral(f: impl Fn(f64) -> f64, window: fisherballs::geometry::Interval) -> f64 {
    let (lo, hi) = (window.lo, window.hi);
    let to_x: Box<dyn Fn(f64) -> (f64, f64)> = match (lo, hi) {
        (0.0, 1.0) => Box::new(|t: f64| {
            let x = 1.0 / (1.0 + (-t).exp());
            (x, x * (1.0 - x))
        }),
        (0.0, _) => Box::new(|t: f64| (t.exp(), t.exp())),
        _ => Box::new(|t: f64| (t, 1.0)),
    };
    let (c, s) = match (lo, hi) {
        (0.0, 1.0) => (0.0, 2.0),
        (0.0, _) => ((hi / 4.0).ln(), 1.5),
        _ => ((lo + hi) / 2.0, (hi - lo) / 2.0),
    };
    let n = 40_000;
    let (a, h) = (
        -std::f64::consts::FRAC_PI_2,
        std::f64::consts::PI / n as f64,
    );
    let g = |u: f64| {
        let cos = u.cos();
        if cos <= 0.0 {
            return 0.0;
        }
        let (x, dx) = to_x(c + s * u.tan());
        let v = f(x) * dx * s / (cos * cos);
        if v.is_finite() { v } else { 0.0 }
    };
    let inner: f64 = (1..n)
        .map(|k| g(a + k as f64 * h) * if k % 2 == 1 { 4.0 } else { 2.0 })
        .sum();
    (g(a) + inner + g(a + n as f64 * h)) * h / 3.0
}

/// A point of each family where its density is smooth on its support, and the share of the
/// mass its drawing window holds (the claims of each family's `support`).
fn law_cases() -> Vec<(Arc<dyn Family>, Point, f64)> {
    let f = |name: &str| families::family(name, None).unwrap();
    let t1: Arc<dyn Family> = Arc::new(StudentT::new(1.0).unwrap());
    vec![
        (f("gaussian"), Point::new(0.3, 1.7), 0.9999),
        (f("gamma"), Point::new(2.5, 1.5), 0.999),
        (f("beta"), Point::new(2.0, 3.5), 1.0),
        (
            f("cauchy"),
            Point::new(1.0, 0.5),
            (2.0 / std::f64::consts::PI) * 10f64.atan(),
        ),
        (f("weibull"), Point::new(1.8, 2.0), 0.999),
        (f("student-t"), Point::new(0.5, 2.0), 0.995),
        (t1, Point::new(0.5, 2.0), 0.92),
    ]
}

#[test]
fn densities_integrate_to_one_give_the_kl_and_their_windows_hold_the_stated_mass() {
    use fisherballs::geometry::Support;
    for (family, theta, share) in law_cases() {
        let Support::Line(w) = family.support(theta) else {
            panic!("{} draws on a line", family.name());
        };
        let p = |x: f64| family.density(theta, x);
        let mass = integral(p, w);
        assert!((mass - 1.0).abs() < 1e-6, "{}: ∫p = {mass}", family.name());
        // The window's mass, by Simpson on the window itself.
        let n = 20_000;
        let h = w.width() / n as f64;
        let inner: f64 = (1..n)
            .map(|k| p(w.lo + k as f64 * h) * if k % 2 == 1 { 4.0 } else { 2.0 })
            .sum();
        let held = (p(w.lo) + inner + p(w.hi)) * h / 3.0;
        assert!(
            held >= share - 1e-6,
            "{}: window holds {held} < {share}",
            family.name()
        );
        // D(p₁ ‖ p₂) = ∫ p₁ ln(p₁/p₂), an independent route to the family's KL.
        let other = Point::new(theta.x * 1.04, theta.y * 0.97);
        let q = |x: f64| family.density(other, x);
        let by_density = integral(
            |x| {
                if p(x) > 0.0 {
                    p(x) * (p(x) / q(x)).ln()
                } else {
                    0.0
                }
            },
            w,
        );
        let kl = family.kl(theta, other);
        assert!(
            (by_density - kl).abs() < 1e-6 * kl,
            "{}: ∫p ln(p/q) = {by_density}, KL = {kl}",
            family.name()
        );
    }
}

#[test]
fn categorical_outcomes_carry_the_probabilities() {
    use fisherballs::geometry::Support;
    let cat = families::family("categorical", None).unwrap();
    let theta = Point::new(0.2, 0.45);
    assert_eq!(cat.support(theta), Support::Outcomes(3));
    let p: Vec<f64> = (0..3).map(|k| cat.density(theta, k as f64)).collect();
    assert!((p[0] - 0.2).abs() < 1e-15 && (p[1] - 0.45).abs() < 1e-15);
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    let other = Point::new(0.25, 0.4);
    let q: Vec<f64> = (0..3).map(|k| cat.density(other, k as f64)).collect();
    let kl: f64 = p.iter().zip(&q).map(|(a, b)| a * (a / b).ln()).sum();
    assert!((kl - cat.kl(theta, other)).abs() < 1e-14);
}

#[test]
fn the_registry_lists_each_familys_own_charts() {
    for e in &families::ALL {
        let built = families::family(e.name, None).unwrap();
        let names = |c: &[&dyn Chart]| c.iter().map(|c| c.name()).collect::<Vec<_>>();
        assert_eq!(names(e.charts), names(built.charts()), "{}", e.name);
    }
}

/// A location–scale family's KL and its gradient do not change when both distributions are
/// moved and scaled together (x → m + s x), at any scale double precision holds: the Cauchy
/// formula once divided by γ₁γ₂, which underflows to 0 at γ = 1e-200 (KL NaN) and overflows
/// at 1e200; the gradient scales as 1/s.
#[test]
fn location_scale_kl_is_the_same_at_every_scale() {
    let (p, q) = (Point::new(0.3, 1.7), Point::new(-0.4, 0.6));
    for name_ in ["gaussian", "cauchy", "student-t"] {
        let f = families::family(name_, None).unwrap();
        let (kl, grad) = (f.kl(p, q), f.kl_gradient(p, q));
        for s in [1e-250, 1e-150, 1e150, 1e250] {
            let moved = |t: Point| Point::new(5.0 * s + s * t.x, s * t.y);
            let at_scale = f.kl(moved(p), moved(q));
            assert!(
                (at_scale - kl).abs() < 1e-13 * kl,
                "{name_} at {s}: {at_scale} vs {kl}"
            );
            // Between a distribution and itself, KL is 0, not 0/0.
            assert_eq!(f.kl(moved(p), moved(p)), 0.0, "{name_} at {s}");
            // Student-t's gradient is differences of a quadrature: rounding of the moved
            // points (1e-16) over steps of 5e-4 makes its error ~1e-10.
            let tol = if name_ == "student-t" { 1e-8 } else { 1e-12 };
            let g = f.kl_gradient(moved(p), moved(q)) * s;
            assert!(
                (g - grad).norm() < tol * grad.norm(),
                "{name_} at {s}: {g} vs {grad}"
            );
        }
    }
}
