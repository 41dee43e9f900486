//! `fisherballs ruler`: the arc-length coordinates of the one-parameter families against
//! the definition d = ∫ √I(θ) dθ (numerical integration, an independent route), the marks
//! one radius apart, the export, and the refusals.

mod common;

use common::cli::{refused_command, run};

use fisherballs::geometry::ruler::{OneParameter, marks};

/// ∫ₐᵇ f by composite Gauss–Legendre (5 points on each of 2000 panels).
fn integral(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    let nodes = [
        (0.0, 0.568_888_888_888_888_9),
        (-0.538_469_310_105_683, 0.478_628_670_499_366_5),
        (0.538_469_310_105_683, 0.478_628_670_499_366_5),
        (-0.906_179_845_938_664, 0.236_926_885_056_189_1),
        (0.906_179_845_938_664, 0.236_926_885_056_189_1),
    ];
    let n = 2000;
    let h = (b - a) / n as f64;
    (0..n)
        .map(|k| {
            let m = a + (k as f64 + 0.5) * h;
            nodes
                .iter()
                .map(|(x, w)| w * f(m + 0.5 * h * x))
                .sum::<f64>()
                * 0.5
                * h
        })
        .sum()
}

fn families() -> Vec<(OneParameter, f64, f64)> {
    vec![
        (OneParameter::Poisson, 0.5, 40.0),
        (OneParameter::Exponential, 0.2, 9.0),
        (OneParameter::Binomial(1), 0.05, 0.9),
        (OneParameter::Binomial(20), 0.1, 0.95),
        (OneParameter::Geometric, 0.05, 0.9),
    ]
}

#[test]
fn closed_form_distances_are_the_integral_of_the_root_of_the_fisher_information() {
    for (f, a, b) in families() {
        let by_definition = integral(|t| f.fisher(t).sqrt(), a, b);
        let closed = f.distance(a, b);
        let gap = (closed - by_definition).abs() / by_definition;
        assert!(gap < 1e-10, "{f:?}: {closed} against ∫√I = {by_definition}");
    }
}

/// I(θ) = E[(∂ ln p/∂θ)²] by summing (or integrating) over outcomes, against `fisher`.
#[test]
fn fisher_information_is_the_variance_of_the_score() {
    for (f, a, b) in families() {
        for t in [a, 0.5 * (a + b), b] {
            let h = 1e-5 * t;
            let score =
                |x: f64| ((f.density(t + h, x)).ln() - (f.density(t - h, x)).ln()) / (2.0 * h);
            let e = match f.counts() {
                true => (0..20_000)
                    .map(|x| {
                        let p = f.density(t, x as f64);
                        if p > 1e-250 {
                            p * score(x as f64).powi(2)
                        } else {
                            0.0
                        }
                    })
                    .sum::<f64>(),
                false => integral(|x| f.density(t, x) * score(x).powi(2), 0.0, 60.0 / t),
            };
            let gap = (e - f.fisher(t)).abs() / f.fisher(t);
            assert!(gap < 1e-6, "{f:?} at {t}: E[s²] = {e}, I = {}", f.fisher(t));
        }
    }
}

#[test]
fn marks_are_one_radius_apart_and_span_the_range() {
    for (f, a, b) in families() {
        for r in [0.1, 0.5, 1.3] {
            let (m, d) = marks(&f, a, b, r);
            assert_eq!(m[0], a);
            assert!(*m.last().unwrap() <= b * (1.0 + 1e-12));
            // The next mark would pass `to`.
            assert!(
                f.distance(*m.last().unwrap(), b) < r * (1.0 + 1e-9),
                "{f:?} r {r}"
            );
            assert_eq!(d.len(), m.len() - 1);
            for (w, di) in m.windows(2).zip(&d) {
                assert!(w[0] < w[1]);
                assert!((di - r).abs() < 1e-9 * r, "{f:?}: {di} apart, not {r}");
                assert!((f.distance(w[0], w[1]) - r).abs() < 1e-9 * r);
            }
        }
    }
}

#[test]
fn the_issue_s_command_exports_the_marks_and_their_distances() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    let (code, _, err) = run(&[
        "ruler",
        "--family",
        "poisson",
        "--from",
        "1",
        "--to",
        "30",
        "--radius",
        "0.5",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(!text.contains("null"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let marks: Vec<f64> = v["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_f64().unwrap())
        .collect();
    // 2√λ from 2 to 2√30 in steps of 0.5: λ = (1 + k/4)², k = 0..17.
    assert_eq!(marks.len(), 18);
    for (k, m) in marks.iter().enumerate() {
        let expected = (1.0 + k as f64 / 4.0).powi(2);
        assert!((m - expected).abs() < 1e-12 * expected, "mark {k}: {m}");
    }
    let distances = v["distances"].as_array().unwrap();
    assert_eq!(distances.len(), 17);
    assert!(
        distances
            .iter()
            .all(|d| (d.as_f64().unwrap() - 0.5).abs() < 1e-12)
    );
    // Each chart's marks are the parameter's, mapped: the root chart's are evenly spaced.
    let root = &v["charts"][2]["marks"];
    let root: Vec<f64> = root
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_f64().unwrap())
        .collect();
    assert!(root.windows(2).all(|w| (w[1] - w[0] - 0.25).abs() < 1e-12));
    let binomial = "ruler --family binomial --n 20 --from 0.02 --to 0.98";
    drawn_in(binomial, &["png", "svg", "pdf", "tex"]);
}

/// Every refusal of a ruler's flags: exit 1 (2 for clap's), one or two lines, no file.
#[test]
fn bad_rulers_are_refused_in_a_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], i32, &str); 11] = [
        (
            &["--from", "0", "--to", "3"],
            1,
            "--from 0 is outside the Poisson(λ) family (λ > 0)",
        ),
        (&["--from", "3", "--to", "1"], 1, "is not below --to"),
        (&["--from", "1", "--to", "1"], 1, "is not below --to"),
        (
            &["--family", "binomial", "--from", "0.5", "--to", "1.5"],
            1,
            "--to 1.5 is outside",
        ),
        (
            &["--from", "1", "--to", "3", "--radius", "0"],
            1,
            "--radius must be a finite number greater than 0",
        ),
        (
            &["--from", "1", "--to", "3", "--radius", "NaN"],
            1,
            "--radius must be a finite number",
        ),
        (
            &["--from", "1", "--to", "1e9", "--radius", "0.01"],
            1,
            "more than the 2000 a ruler draws",
        ),
        (
            &["--from", "1", "--to", "3", "--n", "5"],
            1,
            "--n is the binomial's number of trials",
        ),
        (
            &[
                "--family", "binomial", "--n", "0", "--from", "0.1", "--to", "0.5",
            ],
            1,
            "--n 0 is out of range",
        ),
        (
            &["--family", "normal", "--from", "1", "--to", "3"],
            2,
            "invalid value 'normal'",
        ),
        (&["--from", "nan", "--to", "3"], 1, "--from NaN is outside"),
    ];
    for (args, want, expected) in cases {
        refused_command(&[&["ruler"][..], args].concat(), None, want, expected);
    }
    let page = dir.path().join("r.html");
    let (code, _, err) = run(&[
        "ruler",
        "--from",
        "1",
        "--to",
        "3",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("ruler cannot make an interactive page"),
        "{err}"
    );
}

// ---- One-parameter families from a file (`--family FILE.toml`) ----

use fisherballs::geometry::families::formula::line::FormulaLine;
use fisherballs::geometry::ruler::{ArcTable, length};

/// A one-parameter family file: the named family's log-density, its domain and outcomes.
fn file(name: &str, parameter: &str, outcomes: &str, log_density: &str) -> String {
    format!(
        "name = \"{name}\"\nparameters = [\"{parameter}\"]\ndomain = [\"{parameter} > 0\", \"{parameter} < {}\"]\n{outcomes}\nlog_density = \"{log_density}\"\n",
        if parameter == "p" { "1" } else { "1e300" }
    )
}

/// The four closed-form families written as formulas, with their built-ins and a range.
fn as_formulas() -> Vec<(OneParameter, OneParameter, f64, f64)> {
    let formula = |text: String| OneParameter::Formula(FormulaLine::from_toml(&text).unwrap());
    vec![
        (
            formula(file(
                "Poisson",
                "lambda",
                "counts = [0, \"inf\"]",
                "x*ln(lambda) - lambda - lgamma(x + 1)",
            )),
            OneParameter::Poisson,
            0.5,
            40.0,
        ),
        (
            formula(file(
                "exponential",
                "lambda",
                "support = [0, \"inf\"]",
                "ln(lambda) - lambda*x",
            )),
            OneParameter::Exponential,
            0.2,
            9.0,
        ),
        (
            formula(file(
                "binomial",
                "p",
                "counts = [0, 20]",
                "lgamma(21) - lgamma(x + 1) - lgamma(21 - x) + x*ln(p) + (20 - x)*ln(1 - p)",
            )),
            OneParameter::Binomial(20),
            0.1,
            0.95,
        ),
        (
            formula(file(
                "geometric",
                "p",
                "counts = [0, \"inf\"]",
                "ln(p) + x*ln(1 - p)",
            )),
            OneParameter::Geometric,
            0.05,
            0.9,
        ),
    ]
}

/// The adaptive arc length and its inverse against the closed forms, on the closed forms'
/// own I: the numerical route alone.
#[test]
fn adaptive_arc_length_matches_the_closed_forms() {
    for (f, a, b) in families() {
        let root = |t: f64| f.fisher(t).sqrt();
        let exact = f.distance(a, b);
        let by_quadrature = length(&root, a, b);
        assert!(
            (by_quadrature - exact).abs() < 1e-12 * exact,
            "{f:?}: {by_quadrature} against {exact}"
        );
        let table = ArcTable::new(&root, a, b);
        for k in 1..10 {
            let s = exact * k as f64 / 10.0;
            let t = table.point(&root, s);
            let back = f.distance(a, t);
            assert!((back - s).abs() < 1e-12 * exact, "{f:?} at s = {s}: {back}");
        }
    }
}

/// A family file of Poisson, the exponential, the binomial or the geometric lays the same
/// marks as the closed form, with the same I.
#[test]
fn formula_rulers_match_the_closed_forms() {
    for (formula, closed, a, b) in as_formulas() {
        for t in [a, (a * b).sqrt(), 0.5 * (a + b), b] {
            let (i, exact) = (formula.fisher(t), closed.fisher(t));
            assert!(
                (i - exact).abs() < 1e-10 * exact,
                "{closed:?} at {t}: I = {i}, not {exact}"
            );
            formula.verify(t).unwrap();
        }
        for r in [0.25, 0.9] {
            let (m, d) = marks(&formula, a, b, r);
            let (mc, _) = marks(&closed, a, b, r);
            assert_eq!(m.len(), mc.len(), "{closed:?} r {r}");
            for (x, y) in m.iter().zip(&mc) {
                assert!(
                    (x - y).abs() < 1e-9 * y,
                    "{closed:?} r {r}: {x} against {y}"
                );
            }
            assert!(
                d.iter().all(|di| (di - r).abs() < 1e-9 * r),
                "{closed:?}: {d:?}"
            );
        }
    }
}

/// The Rayleigh family of docs/families, which has no built-in: I(σ) = 4/σ², so the marks
/// are σ₀·e^(kr/2), and its charts map them as their formulas say.
#[test]
fn the_rayleigh_example_lays_marks_evenly_in_log_sigma() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/families/rayleigh.toml");
    let (code, _, err) = run(&[
        "ruler",
        "--family",
        path,
        "--from",
        "0.5",
        "--to",
        "8",
        "--radius",
        "0.3",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(!text.contains("null"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let list = |x: &serde_json::Value| -> Vec<f64> {
        x.as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_f64().unwrap())
            .collect()
    };
    let marks = list(&v["marks"]);
    // 2 ln(8/0.5) / 0.3 = 18.5: marks k = 0..18.
    assert_eq!(marks.len(), 19);
    for (k, m) in marks.iter().enumerate() {
        let expected = 0.5 * (0.15 * k as f64).exp();
        assert!((m - expected).abs() < 1e-9 * expected, "mark {k}: {m}");
    }
    assert!(list(&v["distances"]).iter().all(|d| (d - 0.3).abs() < 1e-9));
    let charts = v["charts"].as_array().unwrap();
    let names: Vec<&str> = charts
        .iter()
        .map(|c| c["chart"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["parameter", "log", "precision"]);
    // log: Newton's method on σ = exp(u); precision: the inverse formula τ = 1/σ².
    for (k, (u, tau)) in list(&charts[1]["marks"])
        .iter()
        .zip(list(&charts[2]["marks"]))
        .enumerate()
    {
        assert!((u - marks[k].ln()).abs() < 1e-12, "u at {k}: {u}");
        assert!(
            (tau - marks[k].powi(-2)).abs() < 1e-12 * tau,
            "τ at {k}: {tau}"
        );
    }
    drawn_in(
        &format!("ruler --family {path} --from 0.5 --to 8"),
        &["png", "svg"],
    );
}

/// `command` draws a file of each format, of some size.
fn drawn_in(command: &str, formats: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    for format in formats {
        let out = dir.path().join(format!("r.{format}"));
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.extend_from_slice(&["-o", out.to_str().unwrap()]);
        let (code, _, err) = run(&args);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    }
}

/// The refusals of one-parameter family files, and of files in the wrong command: exit 1,
/// one or two lines naming the problem, no file.
#[test]
fn bad_one_parameter_files_are_refused_in_a_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.png");
    let o = out.to_str().unwrap();
    let poisson = "name = \"P\"\nparameters = [\"lambda\"]\ndomain = [\"lambda > 0\"]\ncounts = [0, \"inf\"]\n";
    let good = format!("{poisson}log_density = \"x*ln(lambda) - lambda - lgamma(x + 1)\"\n");
    let cases: Vec<(String, &str)> = vec![
        (
            format!("{poisson}log_density = \"x*ln(lambda) - lambda\"\n"),
            "does not integrate to 1 at lambda = 1",
        ),
        (
            format!("{poisson}log_density = \"x*ln(lambda) - lambda - lgamma(x + 1\"\n"),
            "does not parse",
        ),
        (format!("{good}view = [[1, 2], [1, 2]]\n"), "view is a key of two-parameter"),
        (
            format!("{good}[charts.log]\nlambda = \"exp(u + v)\"\n"),
            "a ruler's chart needs one",
        ),
        (
            format!("{good}[charts.bounded]\nlambda = \"sin(u)\"\n"),
            "chart 'bounded' is not invertible at lambda = 2",
        ),
        (
            format!("{good}[charts.log]\nmu = \"exp(u)\"\n"),
            "[charts.log] has the key 'mu'",
        ),
        (
            format!("{poisson}log_density = \"x*ln(lambda) - lambda - lgamma(x + 1) + 0.1*(lambda - 1)\"\n"),
            "at --from: the score's mean is not 0 at lambda = 1",
        ),
        (
            "name = \"N\"\nparameters = [\"mu\"]\nsupport = [\"-inf\", \"inf\"]\nlog_density = \"-0.5*(x - mu^3)^2 - 0.5*ln(2*pi)\"\n".into(),
            "the Fisher information at mu = 0 is 0, not positive",
        ),
        (
            "name = \"G\"\nparameters = [\"k\", \"theta\"]\nsupport = [0, \"inf\"]\nlog_density = \"(k - 1)*ln(x) - x/theta - lgamma(k) - k*ln(theta)\"\n".into(),
            "a ruler's family has one parameter",
        ),
    ];
    for (k, (text, expected)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("f{k}.toml"));
        std::fs::write(&path, text).unwrap();
        let from = match expected {
            e if e.contains("bounded") => "2",
            e if e.contains("mu = 0") => "0",
            _ => "1",
        };
        let (code, _, err) = run(&[
            "ruler",
            "--family",
            path.to_str().unwrap(),
            "--from",
            from,
            "--to",
            "5",
            "-o",
            o,
        ]);
        assert_eq!(code, 1, "{text}: {err}");
        assert!(err.contains(expected), "expected '{expected}' in {err}");
        assert!(err.lines().count() <= 2, "{err}");
        assert!(!out.exists());
    }
    // A one-parameter file where two parameters are needed says where it is drawn.
    let path = dir.path().join("one.toml");
    std::fs::write(&path, &good).unwrap();
    let (code, _, err) = run(&["plot", "--family", path.to_str().unwrap(), "-o", o]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("fisherballs ruler --family FILE"), "{err}");
    assert!(err.lines().count() <= 2, "{err}");
    assert!(!out.exists());
    // --from outside the file's domain names it.
    let (code, _, err) = run(&[
        "ruler",
        "--family",
        path.to_str().unwrap(),
        "--from",
        "-1",
        "--to",
        "5",
        "-o",
        o,
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("outside the P(λ) family (lambda > 0)"),
        "{err}"
    );
    assert!(!out.exists());
}

/// The distribution panel's outcomes: from the quantiles of the mass, reaching an end of the
/// support within a tenth of their span.
#[test]
fn a_formula_ruler_draws_the_outcomes_that_hold_the_mass() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/families/rayleigh.toml");
    let rayleigh = OneParameter::Formula(
        FormulaLine::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap(),
    );
    // Rayleigh(1): all but 5e-4 below x = √(−2 ln 5e-4); the lower quantile 0.03 is near 0.
    let (a, b) = rayleigh.outcome_range(1.0);
    assert_eq!(a, 0.0);
    let upper = (-2.0 * 5e-4f64.ln()).sqrt();
    assert!((b - upper).abs() < 0.02 * upper, "{b} against {upper}");
    // N(μ, 1) on the whole line: the quantiles ±3.29 themselves (to the spacing of the
    // quadrature's nodes in the tails, which is what the running sum steps by).
    let normal = "name = \"N\"\nparameters = [\"mu\"]\nsupport = [\"-inf\", \"inf\"]\nlog_density = \"-0.5*(x - mu)^2 - 0.5*ln(2*pi)\"\n";
    let normal = OneParameter::Formula(FormulaLine::from_toml(normal).unwrap());
    let (a, b) = normal.outcome_range(0.0);
    assert!(
        (a + 3.2905).abs() < 0.1 && (b - 3.2905).abs() < 0.1,
        "{a}, {b}"
    );
}

/// Where a closed form exists it is used, exactly (a quadrature's last bits differ), and the
/// caption says which route measured the distance.
#[test]
fn closed_forms_are_used_exactly_and_the_caption_says_so() {
    let pairs: [(f64, f64); 4] = [(1.0, 2.25), (0.25, 6.25), (4.0, 9.0), (1.0, 16.0)];
    for (a, b) in pairs {
        let exact = 2.0 * b.sqrt() - 2.0 * a.sqrt();
        assert_eq!(OneParameter::Poisson.distance(a, b), exact);
    }
    let dir = tempfile::tempdir().unwrap();
    let tex = dir.path().join("r.tex");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/families/poisson.toml");
    for (family, says) in [("poisson", "(closed form)"), (path, "(both by quadrature)")] {
        let (code, _, err) = run(&[
            "ruler",
            "--family",
            family,
            "--from",
            "1",
            "--to",
            "9",
            "-o",
            tex.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let text = std::fs::read_to_string(&tex).unwrap();
        assert!(text.contains(says), "{family}: no '{says}' in the caption");
    }
}

/// The distribution panel of a closed-form family draws the outcomes up to where all but
/// 1e-3 of the mass lies, and not twice as far.
#[test]
fn the_drawn_outcomes_hold_the_mass_and_no_more() {
    for (f, a, b) in families() {
        for t in [a, (a * b).sqrt(), b] {
            let (lo, hi) = f.outcome_range(t);
            assert_eq!(lo, 0.0);
            let mass_below = |x: f64| match f.counts() {
                true => (0..=x.floor() as usize)
                    .map(|k| f.density(t, k as f64))
                    .sum(),
                false => 1.0 - (-t * x).exp(),
            };
            assert!(mass_below(hi) >= 1.0 - 1.001e-3, "{f:?} at {t}: {hi}");
            if !matches!(f, OneParameter::Binomial(_)) {
                assert!(
                    mass_below(0.5 * hi) < 1.0 - 1e-4,
                    "{f:?} at {t}: {hi} is too far"
                );
            }
        }
    }
}
