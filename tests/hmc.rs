//! `hmc`: the samplers sample the exact posterior, RMHMC's trajectories are the same
//! distributions in every chart up to its integrator's error, and the command's numbers,
//! figure and refusals.

mod common;

use common::cli::{fisherballs, json_of, refused_command};
use fisherballs::geometry::families;
use fisherballs::geometry::hmc::{
    self, Ending, Euclidean, Integrator, Posterior, Prior, Riemannian, Sampler, Settings, ess,
};
use fisherballs::geometry::{Chart, Family, Point, derivative};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use special::{Beta, Gamma};

/// The KS test's threshold: a sampler passes where p > 0.01.
const P_THRESHOLD: f64 = 0.01;

/// P(D > d) for the Kolmogorov–Smirnov statistic D of m independent draws: Kolmogorov's
/// series at Stephens' (1970) corrected √m + 0.12 + 0.11/√m.
fn ks_p_value(d: f64, m: usize) -> f64 {
    let root = (m as f64).sqrt();
    let x = (root + 0.12 + 0.11 / root) * d;
    let sum: f64 = (1..100)
        .map(|k| {
            let k = k as f64;
            let sign = if k as i64 % 2 == 1 { 1.0 } else { -1.0 };
            sign * (-2.0 * k * k * x * x).exp()
        })
        .sum();
    (2.0 * sum).clamp(0.0, 1.0)
}

/// The KS statistic of `xs` against `cdf`.
fn ks_statistic(xs: &[f64], cdf: impl Fn(f64) -> f64) -> f64 {
    let mut xs = xs.to_vec();
    xs.sort_by(f64::total_cmp);
    let m = xs.len() as f64;
    xs.iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = cdf(x);
            (f - i as f64 / m).max((i + 1) as f64 / m - f)
        })
        .fold(0.0, f64::max)
}

/// The exact posterior of a Gaussian's (μ, σ) under the prior σ^(−k), the improper limit of
/// the conjugate Normal–Inverse-Gamma family (k = 2: Jeffreys; k = 0: flat in (μ, σ)): with
/// ν = n + k − 2 and S = Σ(xᵢ − x̄)², σ² ~ Inverse-Gamma(ν/2, S/2) and
/// (μ − x̄) √(nν/S) ~ Student-t(ν).
struct NormalInverseGamma {
    n: f64,
    nu: f64,
    mean: f64,
    s: f64,
}

impl NormalInverseGamma {
    fn new(data: &[f64], k: f64) -> Self {
        let n = data.len() as f64;
        let mean = data.iter().sum::<f64>() / n;
        let s = data.iter().map(|x| (x - mean).powi(2)).sum();
        NormalInverseGamma {
            n,
            nu: n + k - 2.0,
            mean,
            s,
        }
    }

    /// P(σ² ≤ v) = Q(ν/2, S/(2v)), the upper regularized incomplete gamma.
    fn variance_cdf(&self, v: f64) -> f64 {
        1.0 - (self.s / (2.0 * v)).inc_gamma(self.nu / 2.0)
    }

    /// P(μ ≤ m): Student-t(ν) at t = (m − x̄)√(nν/S).
    fn mean_cdf(&self, m: f64) -> f64 {
        let t = (m - self.mean) * (self.n * self.nu / self.s).sqrt();
        let (a, b) = (self.nu / 2.0, 0.5);
        let tail = 0.5 * (self.nu / (self.nu + t * t)).inc_beta(a, b, a.ln_beta(b));
        if t > 0.0 { 1.0 - tail } else { tail }
    }
}

fn gaussian() -> std::sync::Arc<dyn Family> {
    families::family("gaussian", None).unwrap()
}

fn data(family: &dyn Family, truth: Point, n: usize, seed: u64) -> Vec<f64> {
    let mut xs = vec![0.0; n];
    family.sample(truth, &mut ChaCha8Rng::seed_from_u64(seed), &mut xs);
    xs
}

fn settings(samples: usize) -> Settings {
    Settings {
        step: 0.3,
        leapfrog: 6,
        samples,
        paths: 0,
        tolerance: 1e-10,
        seed: 11,
    }
}

/// The p-values of μ and σ² of a chain, thinned to about its effective size, against the
/// exact posterior.
fn p_values(chain: &hmc::Chain, chart: &dyn Chart, exact: &NormalInverseGamma) -> [f64; 2] {
    let thetas: Vec<Point> = chain.samples.iter().map(|&p| chart.theta(p)).collect();
    let mu: Vec<f64> = thetas.iter().map(|t| t.x).collect();
    let var: Vec<f64> = thetas.iter().map(|t| t.y * t.y).collect();
    let size = ess::effective_size(&mu).min(ess::effective_size(&var));
    let stride = (thetas.len() as f64 / size).ceil().max(1.0) as usize;
    let thin = |xs: &[f64]| xs.iter().step_by(stride).copied().collect::<Vec<_>>();
    let (mu, var) = (thin(&mu), thin(&var));
    [
        ks_p_value(ks_statistic(&mu, |m| exact.mean_cdf(m)), mu.len()),
        ks_p_value(ks_statistic(&var, |v| exact.variance_cdf(v)), var.len()),
    ]
}

#[test]
fn the_ks_test_rejects_what_it_should_and_accepts_exact_draws() {
    // Exact draws from the posterior pass; draws from the other prior's posterior fail.
    let g = gaussian();
    let xs = data(&*g, Point::new(0.0, 1.0), 20, 3);
    let (jeffreys, flat) = (
        NormalInverseGamma::new(&xs, 2.0),
        NormalInverseGamma::new(&xs, 0.0),
    );
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let gamma = rand_distr::Gamma::new(flat.nu / 2.0, 2.0 / flat.s).unwrap();
    let var: Vec<f64> = (0..2000).map(|_| 1.0 / gamma.sample(&mut rng)).collect();
    let p = |exact: &NormalInverseGamma| {
        ks_p_value(ks_statistic(&var, |v| exact.variance_cdf(v)), var.len())
    };
    assert!(p(&flat) > P_THRESHOLD, "exact draws fail: p = {}", p(&flat));
    assert!(
        p(&jeffreys) < 1e-6,
        "the wrong posterior passes: p = {}",
        p(&jeffreys)
    );
    let t = rand_distr::StudentT::new(flat.nu).unwrap();
    let mu: Vec<f64> = (0..2000)
        .map(|_| flat.mean + t.sample(&mut rng) / (flat.n * flat.nu / flat.s).sqrt())
        .collect();
    assert!(ks_p_value(ks_statistic(&mu, |m| flat.mean_cdf(m)), mu.len()) > P_THRESHOLD);
}

/// A chain in `chart` of the posterior with `prior` (flat in `reference`).
fn chain_of(
    g: &dyn Family,
    xs: &[f64],
    (chart, reference): (&str, &str),
    prior: Prior,
    sampler: Sampler,
    settings: &Settings,
) -> (hmc::Chain, &'static dyn Chart) {
    let chart = g.chart(chart).unwrap();
    let post = Posterior {
        family: g,
        chart,
        reference: g.chart(reference).unwrap(),
        data: xs,
        prior,
    };
    let start = chart.phi(g.fit(xs).unwrap());
    (hmc::sample(&post, sampler, start, settings).unwrap(), chart)
}

#[test]
fn both_samplers_sample_the_exact_conjugate_posterior_in_every_chart() {
    // n = 20 draws of N(0, 1), seed 3; 4000 iterations from the MLE, thinned to the ESS.
    // Every prior here is σ^(−k) in (μ, σ): Jeffreys' (k = 2), and flat in mean-std (k = 0),
    // in information (h, λ) = (μ/σ², 1/σ²) (|∂(h, λ)/∂(μ, σ)| = 2σ⁻⁵: k = 5) and in
    // mean-var (|∂(μ, σ²)/∂(μ, σ)| = 2σ: k = −1).
    let g = gaussian();
    let xs = data(&*g, Point::new(0.0, 1.0), 20, 3);
    let cases = [
        (Prior::Jeffreys, "mean-std", 2.0),
        (Prior::Flat, "mean-std", 0.0),
        (Prior::Flat, "information", 5.0),
        (Prior::Flat, "mean-var", -1.0),
    ];
    for (prior, reference, k) in cases {
        let exact = NormalInverseGamma::new(&xs, k);
        // The test has power: the same chains fail against the posterior of σ^(−k−2).
        let wrong = NormalInverseGamma::new(&xs, k + 2.0);
        for chart in ["mean-std", "information"] {
            for sampler in Sampler::ALL {
                let what = format!("{} {prior:?} in {reference}, {chart} chart", sampler.name());
                let (chain, c) = chain_of(
                    &*g,
                    &xs,
                    (chart, reference),
                    prior,
                    sampler,
                    &settings(4000),
                );
                let [p_mu, p_var] = p_values(&chain, c, &exact);
                assert!(p_mu > P_THRESHOLD, "{what}: μ's KS p = {p_mu}");
                assert!(p_var > P_THRESHOLD, "{what}: σ²'s KS p = {p_var}");
                assert!(
                    chain.acceptance() > 0.9,
                    "{what}: acceptance {}",
                    chain.acceptance()
                );
                let [_, p_wrong] = p_values(&chain, c, &wrong);
                assert!(
                    p_wrong < P_THRESHOLD,
                    "{what}: passes the wrong posterior, p = {p_wrong}"
                );
            }
        }
    }
}

#[test]
fn long_steps_that_are_often_rejected_still_sample_the_posterior() {
    // At acceptance 0.6 to 0.9 the Metropolis correction, not the integrator, makes the
    // samples exact: a rule that accepted by e^(H₁ − H₀) would fail here.
    let g = gaussian();
    let xs = data(&*g, Point::new(0.0, 1.0), 20, 3);
    let exact = NormalInverseGamma::new(&xs, 2.0);
    for (sampler, step) in [(Sampler::Euclidean, 1.3), (Sampler::Riemannian, 1.0)] {
        let long = Settings {
            step,
            leapfrog: 2,
            ..settings(6000)
        };
        let (chain, c) = chain_of(
            &*g,
            &xs,
            ("mean-std", "mean-std"),
            Prior::Jeffreys,
            sampler,
            &long,
        );
        let a = chain.acceptance();
        assert!(
            (0.5..0.92).contains(&a),
            "{}: acceptance {a}",
            sampler.name()
        );
        let [p_mu, p_var] = p_values(&chain, c, &exact);
        assert!(
            p_mu > P_THRESHOLD && p_var > P_THRESHOLD,
            "{}: p = {p_mu}, {p_var}",
            sampler.name()
        );
    }
}

/// One trajectory, the same start and covector in every chart.
struct Shot<'a> {
    family: &'a dyn Family,
    reference: &'static dyn Chart,
    xs: &'a [f64],
    theta: Point,
    /// The momentum, a covector of the reference chart.
    p_ref: Point,
    step: f64,
    steps: usize,
}

impl Shot<'_> {
    /// The trajectory of `sampler` run in `chart`, mapped into the reference chart.
    fn path_in(&self, chart: &'static dyn Chart, sampler: Sampler) -> Vec<Point> {
        let post = Posterior {
            family: self.family,
            chart,
            reference: self.reference,
            data: self.xs,
            prior: Prior::Jeffreys,
        };
        let phi = chart.phi(self.theta);
        let p = post.to_reference(phi).unwrap().transpose() * self.p_ref;
        let (step, steps) = (self.step, self.steps);
        let t = match sampler {
            Sampler::Riemannian => {
                Riemannian { tolerance: 1e-13 }.trajectory(&post, phi, p, step, steps)
            }
            Sampler::Euclidean => Euclidean::with_metric_at(&post, phi)
                .unwrap()
                .trajectory(&post, phi, p, step, steps),
        };
        assert!(matches!(t.ending, Ending::At { .. }), "{:?}", t.ending);
        t.path
            .iter()
            .map(|&q| self.reference.phi(chart.theta(q)))
            .collect()
    }
}

/// The largest distance, by the metric at the start, between a trajectory run in `chart` and
/// the same run in `reference`, at every ε-multiple of time.
fn chart_gap(
    family: &dyn Family,
    names: [&str; 2],
    truth: Point,
    step: f64,
    length: f64,
    sampler: Sampler,
) -> f64 {
    let reference = family.chart(names[0]).unwrap();
    let chart = family.chart(names[1]).unwrap();
    let xs = data(family, truth, 30, 7);
    let theta = family.fit(&xs).unwrap();
    let post = Posterior {
        family,
        chart: reference,
        reference,
        data: &xs,
        prior: Prior::Jeffreys,
    };
    let g = post.metric(reference.phi(theta));
    let shot = Shot {
        family,
        reference,
        xs: &xs,
        theta,
        // A momentum of about one posterior s.d. a unit time, along both axes.
        p_ref: g.cholesky().unwrap().l() * Point::new(0.8, -0.6),
        step,
        steps: (length / step).round() as usize,
    };
    let a = shot.path_in(reference, sampler);
    let b = shot.path_in(chart, sampler);
    a.iter()
        .zip(&b)
        .map(|(u, v)| {
            let d = u - v;
            d.dot(&(g * d)).sqrt()
        })
        .fold(0.0, f64::max)
}

#[test]
fn rmhmc_paths_mapped_between_charts_agree_to_the_integrators_error() {
    // The generalised leapfrog is second order: halving ε quarters the gap between the charts'
    // paths, and at ε = 0.0125 it is below 1e-3 posterior s.d. Euclidean HMC's gap stays:
    // its flow differs from chart to chart.
    let cases: [(&str, [&str; 2], Point); 3] = [
        (
            "gaussian",
            ["mean-std", "information"],
            Point::new(0.0, 1.0),
        ),
        ("gamma", ["shape-rate", "log"], Point::new(3.0, 2.0)),
        (
            "beta",
            ["alpha-beta", "mean-concentration"],
            Point::new(2.0, 3.0),
        ),
    ];
    for (name, charts, truth) in cases {
        let f = families::family(name, None).unwrap();
        let gap = |step: f64, s| chart_gap(&*f, charts, truth, step, 1.2, s);
        let (coarse, fine, finest) = (
            gap(0.1, Sampler::Riemannian),
            gap(0.05, Sampler::Riemannian),
            gap(0.0125, Sampler::Riemannian),
        );
        let ratio = fine / coarse;
        assert!(
            (0.18..=0.32).contains(&ratio),
            "{name}: gap {coarse} -> {fine}, ratio {ratio}"
        );
        assert!(finest < 1e-3, "{name}: gap {finest} at ε = 0.0125");
        let plain = gap(0.0125, Sampler::Euclidean);
        assert!(
            plain > 20.0 * finest && plain > 0.02,
            "{name}: HMC's gap {plain} against {finest}"
        );
    }
}

/// A posterior of 30 Gamma draws in the log chart, where G varies, and a point and
/// momentum near its mode.
fn gamma_log_posterior(xs: &mut Vec<f64>) -> (std::sync::Arc<dyn Family>, Point, Point) {
    let f = families::family("gamma", None).unwrap();
    *xs = data(&*f, Point::new(3.0, 2.0), 30, 4);
    let log = f.chart("log").unwrap();
    let phi = log.phi(f.fit(xs).unwrap());
    (f, phi, Point::new(1.2, -0.9))
}

#[test]
fn the_generalised_leapfrog_is_reversible_and_keeps_volume() {
    // Detailed balance rests on these: run back with −p, a trajectory returns to its start
    // (to the implicit steps' tolerance), and the map (φ, p) ↦ (φ', p') has Jacobian 1.
    let mut xs = Vec::new();
    let (f, phi, p) = gamma_log_posterior(&mut xs);
    let post = Posterior {
        family: &*f,
        chart: f.chart("log").unwrap(),
        reference: f.charts()[0],
        data: &xs,
        prior: Prior::Jeffreys,
    };
    // A momentum of about a posterior s.d. a unit time.
    let p = post.metric(phi).cholesky().unwrap().l() * p;
    let rm = Riemannian { tolerance: 1e-13 };
    let end = |phi: Point, p: Point| match rm.trajectory(&post, phi, p, 0.2, 5).ending {
        Ending::At { phi, p, .. } => (phi, p),
        other => panic!("{other:?}"),
    };
    let (phi1, p1) = end(phi, p);
    let (back, p_back) = end(phi1, -p1);
    let moved = (phi1 - phi).amax();
    assert!(moved > 0.1, "the trajectory hardly moved: {moved}");
    assert!(
        (back - phi).amax() < 1e-11,
        "returned {} from the start",
        (back - phi).amax()
    );
    assert!(
        (p_back + p).amax() < 1e-9 * p.amax(),
        "momentum off by {}",
        (p_back + p).amax()
    );
    // ∂(φ', p')/∂(φ, p) by central differences, its determinant 1.
    let state = |v: [f64; 4]| {
        let (a, b) = end(Point::new(v[0], v[1]), Point::new(v[2], v[3]));
        [a.x, a.y, b.x, b.y]
    };
    let x0 = [phi.x, phi.y, p.x, p.y];
    let h = 1e-5;
    let jac = nalgebra::Matrix4::from_fn(|i, j| {
        let (mut up, mut down) = (x0, x0);
        up[j] += h;
        down[j] -= h;
        (state(up)[i] - state(down)[i]) / (2.0 * h)
    });
    let det = jac.determinant();
    assert!((det - 1.0).abs() < 1e-5, "volume changes by {det}");
    let euclid = Euclidean::with_metric_at(&post, phi).unwrap();
    let t = euclid.trajectory(&post, phi, p, 0.2, 5);
    let Ending::At { phi: e1, p: q1, .. } = t.ending else {
        panic!()
    };
    let Ending::At { phi: e0, .. } = euclid.trajectory(&post, e1, -q1, 0.2, 5).ending else {
        panic!()
    };
    assert!((e0 - phi).amax() < 1e-12);
}

#[test]
fn hmcs_mass_matrix_is_the_metric_at_the_start() {
    let mut xs = Vec::new();
    let (f, phi, _) = gamma_log_posterior(&mut xs);
    let post = Posterior {
        family: &*f,
        chart: f.chart("log").unwrap(),
        reference: f.charts()[0],
        data: &xs,
        prior: Prior::Flat,
    };
    let e = Euclidean::with_metric_at(&post, phi).unwrap();
    let g = post.metric(phi);
    assert!((e.mass_inverse * g - nalgebra::Matrix2::identity()).amax() < 1e-12);
    assert!((e.mass_root * e.mass_root.transpose() - g).amax() < 1e-12 * g.amax());
}

#[test]
fn the_metric_derivatives_are_those_of_the_metric() {
    for (name, chart, at) in [
        ("gaussian", "information", Point::new(0.5, 2.0)),
        ("gamma", "log", Point::new(1.0, 0.3)),
        ("weibull", "gumbel", Point::new(0.2, 0.5)),
        ("student-t", "location-logscale", Point::new(0.1, -0.2)),
    ] {
        let f = families::family(name, None).unwrap();
        let chart = f.chart(chart).unwrap();
        let xs = data(&*f, chart.theta(at), 10, 1);
        let post = Posterior {
            family: &*f,
            chart,
            reference: f.charts()[0],
            data: &xs,
            prior: Prior::Flat,
        };
        let by_chain_rule = post.metric_derivatives(at);
        let by_differences = derivative::partials(|p| post.metric(p), at);
        for k in 0..2 {
            // Relative to G itself: in the log chart Gamma's G does not depend on ln β at all.
            let err = (by_chain_rule[k] - by_differences[k]).amax() / post.metric(at).amax();
            assert!(
                err < 1e-6,
                "{name}: ∂G/∂φ{k} off by {err}: {} against {}",
                by_chain_rule[k],
                by_differences[k]
            );
        }
    }
}

#[test]
fn the_jeffreys_posterior_is_one_density_in_every_chart() {
    // p_φ(φ) |det ∂φ/∂θ| is the same function of θ in every chart: the log densities differ
    // by ln |det J| alone, up to a constant.
    let g = gaussian();
    let xs = data(&*g, Point::new(0.3, 1.5), 12, 2);
    let reference = g.chart("mean-std").unwrap();
    for prior in [Prior::Jeffreys, Prior::Flat] {
        for chart in g.charts() {
            let post = Posterior {
                family: &*g,
                chart: *chart,
                reference,
                data: &xs,
                prior,
            };
            let on_theta = |t: Point| {
                let phi = chart.phi(t);
                post.log_density(phi) - chart.jacobian(phi).determinant().abs().ln()
            };
            let base = on_theta(Point::new(0.0, 1.0));
            let in_reference = |t: Point| {
                let post = post.in_reference();
                post.log_density(reference.phi(t))
                    - reference
                        .jacobian(reference.phi(t))
                        .determinant()
                        .abs()
                        .ln()
            };
            let base_ref = in_reference(Point::new(0.0, 1.0));
            for t in [
                Point::new(0.5, 1.2),
                Point::new(-0.4, 2.0),
                Point::new(1.0, 0.7),
            ] {
                let d = (on_theta(t) - base) - (in_reference(t) - base_ref);
                assert!(d.abs() < 1e-9, "{} {:?}: {d}", chart.name(), prior);
            }
        }
    }
}

#[test]
fn effective_size_of_independent_and_autocorrelated_chains() {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let m = 20_000;
    let iid: Vec<f64> = (0..m).map(|_| StandardNormal.sample(&mut rng)).collect();
    let e = ess::effective_size(&iid);
    assert!((0.9..1.1).contains(&(e / m as f64)), "iid: {e}");
    // AR(1) with ρ: τ = (1 + ρ)/(1 − ρ).
    for rho in [0.5, 0.9] {
        let mut x = 0.0;
        let ar: Vec<f64> = (0..m)
            .map(|_| {
                let z: f64 = StandardNormal.sample(&mut rng);
                x = rho * x + (1.0f64 - rho * rho).sqrt() * z;
                x
            })
            .collect();
        let expected = m as f64 * (1.0 - rho) / (1.0 + rho);
        let e = ess::effective_size(&ar);
        assert!(
            (0.8..1.25).contains(&(e / expected)),
            "ρ = {rho}: {e} against {expected}"
        );
    }
    assert_eq!(ess::effective_size(&[2.0; 50]), 1.0);
    // An antithetic chain (HMC at half a period flips the sign of each draw): τ estimated at
    // 0 or below is held at 1/log₁₀ m, so the ESS stays positive and at most m log₁₀ m.
    let flips: Vec<f64> = (0..m)
        .map(|i| {
            let z: f64 = StandardNormal.sample(&mut rng);
            if i % 2 == 0 {
                1.0 + 1e-3 * z
            } else {
                -1.0 + 1e-3 * z
            }
        })
        .collect();
    let e = ess::effective_size(&flips);
    let cap = m as f64 * (m as f64).log10();
    assert!(e > m as f64 && e <= cap * (1.0 + 1e-12), "antithetic: {e}");
}

/// Geyer's initial monotone sequence estimator, written out from the paper (1992, §3.3) as
/// a second route: Γₖ = ρ₂ₖ + ρ₂ₖ₊₁ summed while positive, each replaced by the least
/// before it; τ = −1 + 2 ΣΓₖ; ESS = m/τ.
fn geyer(xs: &[f64]) -> (f64, bool) {
    let m = xs.len();
    let mean = xs.iter().sum::<f64>() / m as f64;
    let gamma = |t: usize| {
        (0..m - t)
            .map(|i| (xs[i] - mean) * (xs[i + t] - mean))
            .sum::<f64>()
            / m as f64
    };
    let rho: Vec<f64> = (0..m).map(|t| gamma(t) / gamma(0)).collect();
    let mut pairs: Vec<f64> = rho
        .chunks_exact(2)
        .map(|p| p[0] + p[1])
        .take_while(|&p| p > 0.0)
        .collect();
    let rises = pairs.windows(2).any(|w| w[1] > w[0]);
    for k in 1..pairs.len() {
        pairs[k] = pairs[k].min(pairs[k - 1]);
    }
    (m as f64 / (-1.0 + 2.0 * pairs.iter().sum::<f64>()), rises)
}

#[test]
fn effective_size_is_geyers_initial_monotone_sequence() {
    // Short AR(1) chains, whose estimated pair sums rise somewhere in their noisy tails (the
    // monotone step then matters: at least one of them must).
    let mut rng = ChaCha8Rng::seed_from_u64(21);
    let mut any_rise = false;
    for (rho, m) in [(0.95, 600), (0.8, 400), (0.9, 900), (0.97, 500)] {
        let mut x = 0.0f64;
        let xs: Vec<f64> = (0..m)
            .map(|_| {
                let z: f64 = StandardNormal.sample(&mut rng);
                x = rho * x + z;
                x
            })
            .collect();
        let (expected, rises) = geyer(&xs);
        any_rise |= rises;
        let e = ess::effective_size(&xs);
        assert!(
            (e - expected).abs() <= 1e-9 * expected,
            "ρ = {rho}: {e} against {expected}"
        );
    }
    assert!(any_rise, "no chain exercised the monotone step");
}

fn chains(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["chains"].as_array().unwrap()
}

#[test]
fn hmc_exports_both_samplers_in_every_chart_and_rmhmcs_chains_agree() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "hmc",
        "--charts",
        "mean-std,information",
        "--at",
        "0,1",
        "--n",
        "10",
        "--samples",
        "400",
        "--step",
        "0.2",
        "--leapfrog",
        "8",
    ];
    let v = json_of(dir.path(), "h.json", &words);
    assert!(!common::has_null(&v));
    let c = chains(&v);
    assert_eq!(c.len(), 4);
    let names: Vec<(&str, &str)> = c
        .iter()
        .map(|c| (c["sampler"].as_str().unwrap(), c["chart"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("HMC", "mean-std"),
            ("HMC", "information"),
            ("RMHMC", "mean-std"),
            ("RMHMC", "information")
        ]
    );
    for chain in c {
        assert_eq!(chain["samples"].as_array().unwrap().len(), 400);
        assert_eq!(chain["trajectories"].as_array().unwrap().len(), 3);
        let a = chain["acceptance"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&a), "{a}");
        let e = chain["ess_per_gradient"].as_f64().unwrap();
        let by_hand = chain["ess"][0]
            .as_f64()
            .unwrap()
            .min(chain["ess"][1].as_f64().unwrap())
            / chain["gradients"].as_f64().unwrap();
        assert!((e - by_hand).abs() < 1e-12);
    }
    let agreement = v["agreement"].as_array().unwrap();
    let median = |s: &str| {
        agreement.iter().find(|a| a["sampler"] == s).unwrap()["median"]
            .as_f64()
            .unwrap()
    };
    // The same random numbers: RMHMC's chains are one chain, HMC's two.
    assert!(median("RMHMC") < 0.05, "{}", median("RMHMC"));
    assert!(median("HMC") > 0.5, "{}", median("HMC"));
    assert_eq!(v["data"].as_array().unwrap().len(), 10);
    assert_eq!(v["prior"], "jeffreys");
}

#[test]
fn hmc_is_deterministic_and_its_seed_matters() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, seed: &str| {
        let out = dir.path().join(name);
        fisherballs()
            .args(["hmc", "--samples", "50", "--seed", seed, "-o"])
            .arg(&out)
            .assert()
            .success();
        std::fs::read(out).unwrap()
    };
    assert_eq!(run("a.png", "4"), run("b.png", "4"));
    assert_eq!(run("a.json", "4"), run("b.json", "4"));
    assert_ne!(run("c.json", "5"), run("a.json", "4"));
}

#[test]
fn bad_hmc_requests_are_refused() {
    let run = |args: &[&str], words: &str| refused_command(args, None, 1, words);
    let h = |extra: &[&'static str]| [&["hmc"][..], extra].concat();
    run(
        &h(&["--charts", "mean-std"]),
        "--charts names 1 chart(s); hmc takes 2 or 3",
    );
    run(
        &h(&["--charts", "mean-std,mean-var,natural,information"]),
        "--charts names 4 chart(s)",
    );
    run(
        &h(&["--charts", "mean-std,nope"]),
        "'nope' is not a chart of the gaussian family",
    );
    run(
        &h(&["--n", "1"]),
        "--n 1 is out of range; use 2 to 10000 data points",
    );
    run(
        &h(&["--samples", "5"]),
        "--samples 5 is out of range; use 10 to 20000",
    );
    run(
        &h(&["--leapfrog", "0"]),
        "--leapfrog 0 is out of range; use 1 to 100",
    );
    run(
        &h(&["--trajectories", "21"]),
        "--trajectories 21 is out of range",
    );
    run(
        &h(&["--samples", "10", "--trajectories", "11"]),
        "use 0 to 10 trajectories",
    );
    for step in ["0", "-0.1", "NaN", "inf", "2.5"] {
        run(
            &h(&["--step", step]),
            "is out of range; use a leapfrog step above 0 and at most 2",
        );
    }
    for tol in ["0", "1e-20", "0.01", "NaN"] {
        run(
            &h(&["--tolerance", tol]),
            "is out of range; use 1e-14 to 1e-3",
        );
    }
    run(
        &h(&["--at", "0,-1"]),
        "--at 0,-1 is outside the mean-std chart",
    );
    run(
        &h(&["--n", "10000", "--samples", "20000", "--leapfrog", "10"]),
        "density evaluations, more than 50000000; use a smaller --n",
    );
    refused_command(
        &h(&["--prior", "uniform"]),
        None,
        2,
        "invalid value 'uniform' for '--prior <PRIOR>'",
    );
    let page = tempfile::tempdir().unwrap();
    let page = page.path().join("h.html");
    refused_command(
        &["hmc"],
        Some(page.to_str().unwrap()),
        1,
        "hmc cannot make an interactive page",
    );
}

/// The gallery's figure (`hmc --charts mean-std,information --at 0,1 --n 10`), as docs/uses.md
/// describes it: HMC's chains in the two charts lie more than 1 posterior s.d. apart and its
/// efficiency differs by more than twice between them; RMHMC's lie within 0.1 s.d. and its
/// efficiency agrees within 10 %.
#[test]
fn the_gallery_figure_shows_what_the_docs_say() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "hmc",
        "--charts",
        "mean-std,information",
        "--at",
        "0,1",
        "--n",
        "10",
    ];
    let v = json_of(dir.path(), "g.json", &words);
    let c = chains(&v);
    let efficiency = |i: usize| c[i]["ess_per_gradient"].as_f64().unwrap();
    let apart = |i: usize| v["agreement"][i]["median"].as_f64().unwrap();
    assert!(
        apart(0) > 1.0 && apart(1) < 0.1,
        "{} {}",
        apart(0),
        apart(1)
    );
    assert!(
        efficiency(1) / efficiency(0) > 2.0,
        "HMC: {} {}",
        efficiency(0),
        efficiency(1)
    );
    let r = efficiency(3) / efficiency(2);
    assert!(
        (0.9..1.1).contains(&r),
        "RMHMC: {} {}",
        efficiency(2),
        efficiency(3)
    );
}

/// Four panels need room: a Beamer frame is drawn at 8 pt (its caption left out, with a
/// note) and refused at 9 pt; a 3.25 in column is refused; each refusal says what to change
/// and writes nothing.
#[test]
fn hmc_fits_a_beamer_frame_at_8_pt_and_is_refused_in_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("h.svg");
    let o = out.to_str().unwrap();
    let sizes: [(&[&str], bool); 5] = [
        (
            &["--width", "128mm", "--height", "96mm", "--font-size", "8"],
            true,
        ),
        (
            &["--width", "140mm", "--height", "105mm", "--font-size", "8"],
            true,
        ),
        (
            &["--width", "1920", "--height", "1080", "--theme", "dark"],
            true,
        ),
        (
            &["--width", "128mm", "--height", "96mm", "--font-size", "9"],
            false,
        ),
        (
            &["--width", "3.25in", "--height", "3in", "--font-size", "8"],
            false,
        ),
    ];
    for (size, drawn) in sizes {
        let mut all = vec!["hmc", "--samples", "100", "-o", o];
        all.extend_from_slice(size);
        let (code, _, err) = common::cli::run(&all);
        match drawn {
            true => assert_eq!(code, 0, "{size:?}: {err}"),
            false => {
                assert_eq!(code, 1, "{size:?}");
                assert!(err.contains("is too small for their axes"), "{err}");
                assert!(!out.exists());
            }
        }
        let _ = std::fs::remove_file(&out);
    }
}

/// Hard posteriors (2 to 5 draws, flat priors, truths far out, long steps) are sampled,
/// and what is written holds no null (a leapfrog step that overflowed was once kept in a
/// trajectory, and the JSON of three of these was refused).
#[test]
fn hard_posteriors_are_sampled_or_refused_and_write_no_null() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("h.json");
    let cases = [
        "--family beta --prior flat --n 2",
        "--family categorical --n 2 --at 0.03,0.03",
        "--family cauchy --n 2 --prior flat",
        "--family weibull --n 3 --at 2,0.65 --prior flat",
        "--family student-t --nu 0.5 --n 5",
        "--family gamma --n 2 --at 0.4,4 --prior flat",
        "--family gaussian --charts natural,expectation --n 3",
        "--family gaussian --at 1e6,1e-6",
        "--family categorical --charts sphere,simplex,logit --n 4",
        "--family beta --charts expectation,log --n 3 --step 2 --leapfrog 100",
    ];
    for case in cases {
        let mut args: Vec<&str> = vec!["hmc", "--samples", "100", "-o", out.to_str().unwrap()];
        args.extend(case.split(' '));
        let (code, _, err) = common::cli::run(&args);
        assert!(!err.contains("panicked"), "{case}: {err}");
        assert_eq!(code, 0, "{case}: {err}");
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert!(!common::has_null(&v), "{case}");
        std::fs::remove_file(&out).unwrap();
    }
}
