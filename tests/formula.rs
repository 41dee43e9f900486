//! Families from formulas (docs/families/*.toml) against the built-in families they
//! rewrite: the same Fisher matrices, ∂F, KL, KL gradients and balls of every kind, and the
//! checks that refuse a wrong density.

use std::sync::Arc;

use fisherballs::geometry::ball::outline;
use fisherballs::geometry::families::formula::FormulaFamily;
use fisherballs::geometry::families::{self};
use fisherballs::geometry::{BallKind, Family, Level, Mat, Model, Point, grid};

fn formula(name: &str) -> Arc<FormulaFamily> {
    let path = format!("{}/docs/families/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    FormulaFamily::from_toml(&text).unwrap_or_else(|e| panic!("{path}: {}", e.0))
}

fn builtin(name: &str) -> Arc<dyn Family> {
    families::family(name, None).unwrap()
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

fn mat_rel(a: Mat, b: Mat) -> f64 {
    (a - b).norm() / b.norm()
}

const PAIRS: [&str; 4] = ["gaussian", "gamma", "beta", "weibull"];

/// The centres of the built-in's default figure, in its canonical parameters.
fn centres(f: &dyn Family) -> Vec<Point> {
    let chart = f.charts()[0];
    let (nx, ny) = chart.default_grid();
    grid::centres(&chart.default_limits(), nx, ny)
        .into_iter()
        .map(|p| chart.theta(p))
        .collect()
}

#[test]
fn formula_fisher_matrices_and_their_derivatives_match_the_built_ins() {
    for name in PAIRS {
        let (f, b) = (formula(name), builtin(name));
        let mut worst = (0.0f64, 0.0f64);
        for t in centres(&*b) {
            worst.0 = worst.0.max(mat_rel(f.fisher(t), b.fisher(t)));
            // ∂F relative to its larger half (the Gaussian's ∂F/∂μ is 0).
            let (df, db) = (f.fisher_derivatives(t), b.fisher_derivatives(t));
            let scale = db[0].norm().max(db[1].norm());
            worst.1 = worst
                .1
                .max((df[0] - db[0]).norm().max((df[1] - db[1]).norm()) / scale);
            f.verify(t).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        eprintln!(
            "{name}: F within {:.1e}, ∂F within {:.1e}",
            worst.0, worst.1
        );
        assert!(worst.0 < 1e-11, "{name}: F differs by {:.1e}", worst.0);
        assert!(worst.1 < 1e-9, "{name}: ∂F differs by {:.1e}", worst.1);
    }
}

#[test]
fn formula_kl_and_its_gradient_match_the_built_ins() {
    for name in PAIRS {
        let (f, b) = (formula(name), builtin(name));
        let cs = centres(&*b);
        let mut worst = (0.0f64, 0.0f64);
        for w in cs.windows(2) {
            let (t1, t2) = (w[0], w[0] + 0.05 * (w[1] - w[0]));
            worst.0 = worst.0.max(rel(f.kl(t1, t2), b.kl(t1, t2)));
            let (gf, gb) = (f.kl_gradient(t1, t2), b.kl_gradient(t1, t2));
            worst.1 = worst.1.max((gf - gb).norm() / gb.norm());
        }
        eprintln!(
            "{name}: KL within {:.1e}, ∇KL within {:.1e}",
            worst.0, worst.1
        );
        assert!(worst.0 < 1e-9, "{name}: KL differs by {:.1e}", worst.0);
        assert!(worst.1 < 1e-8, "{name}: ∇KL differs by {:.1e}", worst.1);
    }
}

/// Every kind of ball at the default level around the default centres: each point of the
/// formula family's ball is on the built-in's ball, to 1e-8 of its level: ½ΔᵀFΔ, KL in its
/// direction, or the closed-form Fisher–Rao distance, by the built-in's own formulas. (Points
/// are not compared in order: where F's Jacobi-scaled eigenvalues are equal, as for the
/// Gaussian's diagonal F, rounding picks the eigenvectors, hence where an outline starts.)
/// A Fisher–Rao ball without a closed form (Gamma, Beta) is drawn by the exponential map in
/// both, from the same start: there points are compared in order, to 1e-8 of the ball's size.
#[test]
fn formula_balls_of_every_kind_match_the_built_ins() {
    for name in PAIRS {
        let (f, b) = (formula(name), builtin(name));
        let level = Level::from_kl(b.default_kl()).unwrap();
        let (cf, cb) = (f.charts()[0], b.charts()[0]);
        let (mf, mb) = (Model::new(&*f, cf), Model::new(&*b, cb));
        for kind in BallKind::ALL {
            let mut worst = 0.0f64;
            for &c in centres(&*b).iter().step_by(3) {
                let pf = outline(&mf, c, kind, level, 48).unwrap();
                let l = level.kl();
                let on_level = |measure: &dyn Fn(Point) -> f64| {
                    pf.iter()
                        .map(|&p| (measure(p) - l).abs() / l)
                        .fold(0.0, f64::max)
                };
                worst = worst.max(match kind {
                    BallKind::Quadratic => on_level(&|p| {
                        let d = p - c;
                        0.5 * d.dot(&(b.fisher(c) * d))
                    }),
                    BallKind::Kl => on_level(&|p| b.kl(p, c)),
                    BallKind::KlReverse => on_level(&|p| b.kl(c, p)),
                    BallKind::FisherRao if b.fisher_rao(c, c).is_some() => {
                        on_level(&|p| 0.5 * b.fisher_rao(c, p).unwrap().powi(2))
                    }
                    BallKind::FisherRao => {
                        let pb = outline(&mb, c, kind, level, 48).unwrap();
                        let size = pb.iter().map(|p| (p - c).norm()).fold(0.0, f64::max);
                        pf.iter()
                            .zip(&pb)
                            .map(|(a, z)| (a - z).norm() / size)
                            .fold(0.0, f64::max)
                    }
                });
            }
            eprintln!("{name} {}: within {worst:.1e}", kind.name());
            assert!(
                worst < 1e-8,
                "{name} {}: balls differ by {worst:.1e}",
                kind.name()
            );
        }
    }
}

/// A family file with `key = value` lines replaced or added, from docs/families/gamma.toml.
fn gamma_with(changes: &[(&str, &str)]) -> String {
    let path = format!("{}/docs/families/gamma.toml", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(path).unwrap();
    for (key, value) in changes {
        let line = format!("{key} = {value}");
        match text.lines().find(|l| l.starts_with(&format!("{key} ="))) {
            Some(old) => text = text.replace(old, &line),
            None => text = format!("{line}\n{text}"),
        }
    }
    text
}

/// Runs `plot` on a family file with `text`; the exit code, stderr, and whether -o exists.
fn plot_with(text: &str, extra: &[&str]) -> (i32, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let family = dir.path().join("family.toml");
    std::fs::write(&family, text).unwrap();
    let out = dir.path().join("out.png");
    let run = assert_cmd::Command::cargo_bin("fisherballs")
        .unwrap()
        .args([
            "plot",
            "--family",
            family.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    (
        run.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&run.stderr).to_string(),
        out.exists(),
    )
}

/// Every way a family file can be wrong that the issue names, and its neighbours: one or
/// two lines on stderr naming the problem, a non-zero exit, and no file.
#[test]
fn bad_family_files_are_refused_in_a_line_and_write_nothing() {
    let cases: Vec<(String, &str)> = vec![
        (
            gamma_with(&[("log_density", "\"(k - 1*ln(x) - beta*x\"")]),
            "does not parse",
        ),
        (
            gamma_with(&[(
                "log_density",
                "\"k*ln(beta) + (k - 1)*ln(y) - beta*x - lgamma(k)\"",
            )]),
            "uses 'y'",
        ),
        (
            gamma_with(&[(
                "log_density",
                "\"k*ln(beta) + (k - 1)*ln(x) - beta*x - lgamma(k) + 0.1\"",
            )]),
            "does not integrate to 1",
        ),
        // A support that holds outcomes where the density is undefined (ln of a negative).
        (
            gamma_with(&[("support", "[\"-inf\", \"inf\"]")]),
            "not a number at x =",
        ),
        // A density that is negative somewhere: its logarithm is not a number there.
        (
            gamma_with(&[(
                "log_density",
                "\"ln(x - 1) + k*ln(beta) + (k - 1)*ln(x) - beta*x - lgamma(k)\"",
            )]),
            "not a number at x =",
        ),
        (gamma_with(&[("support", "[1, 0]")]), "empty or reversed"),
        (gamma_with(&[("parameters", "[\"k\"]")]), "two parameters"),
        (
            gamma_with(&[("view", "[[-1, 1], [0.5, 4]]")]),
            "outside the domain",
        ),
        (gamma_with(&[("domain", "[\"k 0\"]")]), "has no comparison"),
        (gamma_with(&[("log_densty", "\"x\"")]), "unknown field"),
        (gamma_with(&[("counts", "[0, \"inf\"]")]), "not both"),
        (
            gamma_with(&[("k", "\"u + v\""), ("beta", "\"u + v\"")])
                .replace("k = \"exp(u)\"\n", "")
                .replace("beta = \"exp(v)\"", "k = \"u + v\"\nbeta = \"u + v + 0*u\""),
            "not invertible",
        ),
        ("name = \"x\"\nparameters = [".into(), "line 2"),
        (gamma_with(&[("level", "5")]), "level = 5"),
        (gamma_with(&[("grid", "[0, 4]")]), "grid"),
    ];
    for (text, expected) in &cases {
        let (code, stderr, written) = plot_with(text, &[]);
        eprintln!("{expected}: {}", stderr.trim());
        assert_eq!(code, 1, "{expected}: exit {code}, stderr {stderr}");
        assert!(
            stderr.contains(expected),
            "expected '{expected}' in: {stderr}"
        );
        assert!(stderr.lines().count() <= 2, "{expected}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!written, "{expected}: a file was written");
    }
}

#[test]
fn a_missing_family_file_and_nu_with_one_are_refused() {
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("fisherballs")
            .unwrap()
            .args(args)
            .output()
            .unwrap()
    };
    let missing = run(&[
        "plot",
        "--family",
        "/nonexistent/f.toml",
        "-o",
        "/tmp/never.png",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot be read (no such file)"));
    let gamma = format!("{}/docs/families/gamma.toml", env!("CARGO_MANIFEST_DIR"));
    let nu = run(&[
        "plot",
        "--family",
        &gamma,
        "--nu",
        "3",
        "-o",
        "/tmp/never.png",
    ]);
    assert_eq!(nu.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nu.stderr).contains("--nu is only for --family student-t"));
    let unknown = run(&["plot", "--family", "poisson", "-o", "/tmp/never.png"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("or a family file ending in .toml"));
}

use proptest::prelude::*;

/// Pieces of formulas, some right, most wrong in one way or another.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("k*ln(beta)".to_string()),
        Just("(k - 1)*ln(x)".to_string()),
        Just("beta*x".to_string()),
        Just("lgamma(k)".to_string()),
        Just("x^k".to_string()),
        Just("ln(x - k)".to_string()),
        Just("sqrt(beta - x)".to_string()),
        Just("1/(x - 1)".to_string()),
        Just("exp(x*k)".to_string()),
        Just("digamma(k)*x".to_string()),
        Just("erf(x)".to_string()),
        Just("(".to_string()),
        Just("x/0".to_string()),
        Just("1e308*x".to_string()),
        Just("nan".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Any log-density made of these pieces, on any of these supports and views: the
    /// command draws (exit 0, a file) or refuses in at most two lines (exit 1, no file),
    /// never panics or hangs.
    #[test]
    fn any_family_file_draws_or_is_refused_cleanly(
        pieces in proptest::collection::vec((piece(), prop_oneof![Just(" + "), Just(" - ")]), 1..5),
        support in prop_oneof![Just("[0, \"inf\"]"), Just("[\"-inf\", \"inf\"]"), Just("[0, 1]"), Just("[-1, 3]")],
        view in prop_oneof![Just("[[0.5, 3], [0.5, 3]]"), Just("[[1e-300, 1], [1, 1e300]]"), Just("[[2, 2.000001], [1, 2]]")],
    ) {
        let density: String = pieces.iter().map(|(p, s)| format!("{s}{p}")).collect();
        let text = gamma_with(&[
            ("log_density", &format!("\"{density}\"")),
            ("support", support),
            ("view", view),
        ]);
        let (code, stderr, written) = plot_with(&text, &["--ball", "quadratic,kl,fisher-rao", "--grid", "2x2"]);
        prop_assert!(!stderr.contains("panicked"), "{stderr}");
        match code {
            0 => prop_assert!(written),
            1 => {
                prop_assert!(!written);
                prop_assert!(stderr.lines().filter(|l| !l.starts_with("note:")).count() <= 2, "{stderr}");
            }
            _ => prop_assert!(false, "exit {code}: {stderr}"),
        }
    }
}

/// A family no built-in checks: the inverse Gaussian's F against its closed form
/// diag(λ/μ³, 1/(2λ²)) (Tweedie 1957), and against the Hessian of its own KL by central
/// differences (F = ∂²KL(θ ‖ θ′)/∂θ′² at θ′ = θ, an independent route through the KL
/// quadrature).
#[test]
fn the_inverse_gaussian_from_its_formula_has_its_known_fisher_matrix() {
    let f = formula("inverse-gaussian");
    for (mu, lambda) in [(0.7, 0.8), (1.5, 2.0), (2.8, 3.7), (1.0, 0.55)] {
        let t = Point::new(mu, lambda);
        let known = Mat::new(lambda / mu.powi(3), 0.0, 0.0, 0.5 / (lambda * lambda));
        let gap = mat_rel(f.fisher(t), known);
        assert!(gap < 1e-12, "({mu}, {lambda}): F off by {gap:.1e}");
        let hessian = kl_hessian(&*f, t, 4e-3 * t.norm());
        let gap = mat_rel(hessian, known);
        assert!(
            gap < 1e-7,
            "({mu}, {lambda}): the KL's Hessian is off by {gap:.1e}"
        );
    }
}

/// Draws from a formula family (inverse transform on its quadrature) fitted by its
/// likelihood come back to the truth, within 4 standard errors (from F).
#[test]
fn draws_from_a_formula_family_fit_back_to_the_truth() {
    use rand_chacha::rand_core::SeedableRng;
    let f = formula("gamma");
    let truth = Point::new(2.0, 1.5);
    let n = 20_000;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut xs = vec![0.0; n];
    f.sample(truth, &mut rng, &mut xs);
    let estimate = f.fit(&xs).unwrap();
    let covariance = f.fisher(truth).try_inverse().unwrap() / n as f64;
    for i in 0..2 {
        let z = (estimate[i] - truth[i]) / covariance[(i, i)].sqrt();
        assert!(
            z.abs() < 4.0,
            "parameter {i}: {} is {z:.1} s.e. from {}",
            estimate[i],
            truth[i]
        );
    }
}

/// Numbers in formulas may have exponents: the Gamma written with 1e0 and 2.0E-0 is the Gamma.
#[test]
fn numbers_with_exponents_parse() {
    let text = gamma_with(&[(
        "log_density",
        "\"k*ln(beta) + (k - 1e0)*ln(x) - 2.0E-0*beta*x/2 - lgamma(k)\"",
    )]);
    let f = FormulaFamily::from_toml(&text).unwrap_or_else(|e| panic!("{}", e.0));
    let t = Point::new(1.7, 2.2);
    assert!(mat_rel(f.fisher(t), builtin("gamma").fisher(t)) < 1e-13);
}

/// A discrete family (counts): the negative binomial NB(r, p), ln P(x) = ln Γ(x + r) −
/// ln Γ(r) − ln Γ(x + 1) + r ln p + x ln(1 − p). It passes its checks, its F_pp is the known
/// r/(p²(1 − p)), and all of F is the Hessian of its KL (Richardson-extrapolated differences).
#[test]
fn a_discrete_formula_family_sums_over_its_counts() {
    let text = r#"
name = "negative binomial"
parameters = ["r", "p"]
domain = ["r > 0", "p > 0", "p < 1"]
counts = [0, "inf"]
log_density = "lgamma(x + r) - lgamma(r) - lgamma(x + 1) + r*ln(p) + x*ln(1 - p)"
view = [[1, 6], [0.2, 0.8]]
"#;
    let f = FormulaFamily::from_toml(text).unwrap_or_else(|e| panic!("{}", e.0));
    for (r, p) in [(1.5, 0.3), (4.0, 0.7), (2.5, 0.5)] {
        let t = Point::new(r, p);
        f.verify(t).unwrap_or_else(|e| panic!("{e}"));
        let fisher = f.fisher(t);
        let known = r / (p * p * (1.0 - p));
        assert!(
            (fisher[(1, 1)] - known).abs() < 1e-12 * known,
            "F_pp {} vs {known}",
            fisher[(1, 1)]
        );
        let hessian = kl_hessian(&*f, t, 4e-3 * p);
        assert!(
            mat_rel(hessian, fisher) < 1e-6,
            "({r}, {p}): {hessian} vs {fisher}"
        );
    }
    // Counts are whole numbers: the density is 0 between them.
    assert_eq!(f.density(Point::new(2.0, 0.5), 1.5), 0.0);
    assert!(f.density(Point::new(2.0, 0.5), 1.0) > 0.0);
}

/// Without a `view`, each parameter with a lower bound a alone gets [a + ½, a + 4]; with both
/// bounds a < p < b, the middle four fifths; and a chart carries the view into its coordinates.
#[test]
fn a_file_without_a_view_gets_one_from_its_domain() {
    let text = gamma_with(&[("view", "[[0.5, 4.5], [0.5, 4.0]]")])
        .replace("view = [[0.5, 4.5], [0.5, 4.0]]\n", "")
        .replace(
            "domain = [\"k > 0\", \"beta > 0\"]",
            "domain = [\"k > 0\", \"beta > 1\", \"beta < 6\"]",
        );
    let f = FormulaFamily::from_toml(&text).unwrap_or_else(|e| panic!("{}", e.0));
    let view = f.charts()[0].default_limits();
    assert_eq!((view.x.lo, view.x.hi), (0.5, 4.0));
    assert_eq!((view.y.lo, view.y.hi), (1.5, 5.5));
    // The log chart's view is the box around the image of that rectangle.
    let log = f.charts()[1].default_limits();
    assert!((log.x.lo - 0.5f64.ln()).abs() < 1e-12 && (log.x.hi - 4f64.ln()).abs() < 1e-12);
    assert!((log.y.lo - 1.5f64.ln()).abs() < 1e-12 && (log.y.hi - 5.5f64.ln()).abs() < 1e-12);
}

/// A density normalised at k = 1 only, with its one centre there: the normalisation check
/// passes and the score's mean (0.1 in k) is caught.
#[test]
fn a_score_with_a_mean_is_refused_where_the_density_still_integrates_to_one() {
    let text = gamma_with(&[
        (
            "log_density",
            "\"k*ln(beta) + (k - 1)*ln(x) - beta*x - lgamma(k) + 0.1*(k - 1)\"",
        ),
        ("view", "[[0.5, 1.5], [0.5, 4.0]]"),
        ("grid", "[1, 1]"),
    ]);
    let (code, stderr, written) = plot_with(&text, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("the score's mean is not 0 at (k, beta) = (1, 2.25)"),
        "{stderr}"
    );
    assert!(!written);
}

/// A chart's own `view` is read as the file's: kept when right, refused in a line when not.
#[test]
fn a_charts_own_view_is_read_like_the_files() {
    let with = |view: &str| format!("{}view = {view}\n", gamma_with(&[]));
    let f = FormulaFamily::from_toml(&with("[[0, 1], [-0.5, 1]]"))
        .unwrap_or_else(|e| panic!("{}", e.0));
    let log = f.charts()[1].default_limits();
    assert_eq!(
        (log.x.lo, log.x.hi, log.y.lo, log.y.hi),
        (0.0, 1.0, -0.5, 1.0)
    );
    for bad in ["[[1, 0], [0, 1]]", "[[0, 1]]", "\"wide\""] {
        let e = FormulaFamily::from_toml(&with(bad)).err().unwrap().0;
        assert!(e.starts_with("[charts.log] view"), "{bad}: {e}");
    }
}

/// The Hessian of θ′ ↦ KL(p_θ ‖ p_θ′) at θ′ = θ by central differences of step h and h/2,
/// Richardson-extrapolated (their O(h²) errors cancel): F, by the definition.
fn kl_hessian(f: &dyn Family, t: Point, h: f64) -> Mat {
    let kl = |d: Point| f.kl(t, t + d);
    let differences = |h: f64| {
        let e = [Point::new(h, 0.0), Point::new(0.0, h)];
        Mat::from_fn(|i, j| {
            (kl(e[i] + e[j]) - kl(e[i] - e[j]) - kl(e[j] - e[i]) + kl(-e[i] - e[j])) / (4.0 * h * h)
        })
    };
    (differences(h / 2.0) * 4.0 - differences(h)) / 3.0
}
