//! `fisherballs sweep`: the gaps between the exact balls and the quadratic one against the
//! closed form of the Gaussian's KL (solved here by bisection, an independent route), the
//! fitted slopes, the animation, every family and chart, and the refusals.

mod common;

use common::cli::{refused_command, run};

use std::path::Path;

fn json(args: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.json");
    let mut all = vec!["sweep"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let (code, _, err) = run(&all);
    assert_eq!(code, 0, "{args:?}: {err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("null"), "{text}");
    serde_json::from_str(&text).unwrap()
}

fn list(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// The root of a monotone f on (a, b) by bisection.
fn bisect(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    let fa = f(a);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        if (f(m) > 0.0) == (fa > 0.0) {
            a = m;
        } else {
            b = m;
        }
    }
    0.5 * (a + b)
}

/// Along σ from N(μ, σ²), with σ′ = σ(1 + x): D(p‖p′) = ln(1 + x) + 1/(2(1 + x)²) − ½ and
/// D(p′‖p) = −ln(1 + x) + (1 + x)²/2 − ½, while the quadratic ball has ½·(2/σ²)·(σx)² = x²
/// = L. The exact balls' stretches along ±σ are x/√L; the sweep's largest gap (over every
/// ray) is attained there, for every level up to where it stops.
#[test]
fn gaussian_gaps_are_those_of_the_closed_form_along_sigma() {
    let v = json(&[]);
    let levels = list(&v["levels"]);
    assert_eq!(levels.len(), 8, "L = 1 leaves σ > 0: {v}");
    assert!(v["stopped"]["why"].as_str().unwrap().contains("σ > 0"));
    let reverse = |l: f64| move |x: f64| (1.0 + x).ln() + 0.5 / (1.0 + x).powi(2) - 0.5 - l;
    let forward = |l: f64| move |x: f64| -(1.0 + x).ln() + 0.5 * (1.0 + x).powi(2) - 0.5 - l;
    let gaps = &v["gaps"];
    for (k, &l) in levels.iter().enumerate() {
        let s = l.sqrt();
        let stretch = |f: &dyn Fn(f64) -> f64| {
            let up = bisect(f, 1e-12, 50.0) / s;
            let down = -bisect(f, -1.0 + 1e-12, -1e-12) / s;
            (up, down)
        };
        let (ru, rd) = stretch(&reverse(l));
        let (fu, fd) = stretch(&forward(l));
        let expected = [
            ("kl", (fu - 1.0).abs().max((fd - 1.0).abs())),
            ("kl_reverse", (ru - 1.0).abs().max((rd - 1.0).abs())),
            ("symmetry", (fu / ru - 1.0).abs().max((fd / rd - 1.0).abs())),
        ];
        for (name, want) in expected {
            let got = list(&gaps[name])[k];
            assert!(
                (got - want).abs() < 1e-9 * want,
                "{name} at L = {l}: {got} against {want}"
            );
        }
    }
    // Near the centre the gaps shrink like √L.
    for name in ["kl", "kl_reverse", "symmetry"] {
        let slope = v["slopes"][name].as_f64().unwrap();
        assert!((0.5..0.56).contains(&slope), "{name}: slope {slope}");
    }
}

/// Every chart of every built-in family sweeps; the KL–quadratic gap shrinks like a power of
/// L between ½ (the cubic term) and 1 (where it vanishes, the uniform categorical in logits).
/// Cauchy's KL is symmetric (Chyzak & Nielsen 2019), so its KL and reverse-KL balls coincide.
#[test]
fn every_family_and_chart_sweeps() {
    let charts: [(&str, &[&str]); 7] = [
        (
            "gaussian",
            &[
                "mean-std",
                "mean-var",
                "mean-logstd",
                "information",
                "natural",
                "expectation",
            ],
        ),
        (
            "gamma",
            &[
                "shape-rate",
                "shape-scale",
                "shape-mean",
                "log",
                "natural",
                "expectation",
            ],
        ),
        (
            "beta",
            &["alpha-beta", "mean-concentration", "log", "expectation"],
        ),
        ("categorical", &["simplex", "logit", "sphere"]),
        ("cauchy", &["location-scale", "location-logscale"]),
        ("weibull", &["shape-scale", "gumbel"]),
        ("student-t", &["location-scale", "location-logscale"]),
    ];
    for (family, names) in charts {
        for chart in names {
            let v = json(&["--family", family, "--chart", chart, "--steps", "5"]);
            let levels = list(&v["levels"]);
            assert!(levels.len() >= 3, "{family} {chart}: {v}");
            let slope = v["slopes"]["kl"].as_f64().unwrap();
            assert!((0.45..1.0).contains(&slope), "{family} {chart}: {slope}");
            let symmetry = list(&v["gaps"]["symmetry"]);
            match family {
                "cauchy" => assert!(symmetry.iter().all(|g| *g < 1e-12), "{symmetry:?}"),
                _ => assert!(symmetry.iter().all(|g| *g > 0.0), "{family} {chart}"),
            }
        }
    }
}

/// Several centres: each its own gaps, the figure's the largest of them.
#[test]
fn the_largest_gap_is_over_every_centre() {
    let v = json(&[
        "--chart",
        "information",
        "--at",
        "0,1",
        "--at",
        "1,3",
        "--steps",
        "4",
    ]);
    let per = v["per_centre"].as_array().unwrap();
    assert_eq!(per.len(), 2);
    for name in ["kl", "kl_reverse", "symmetry"] {
        let all = list(&v["gaps"][name]);
        let (a, b) = (list(&per[0][name]), list(&per[1][name]));
        for k in 0..all.len() {
            assert_eq!(all[k], a[k].max(b[k]), "{name} at {k}");
        }
    }
}

fn frames(path: &Path) -> (u32, Vec<Vec<u8>>) {
    let file = std::fs::File::open(path).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let count = reader.info().animation_control.unwrap().num_frames;
    // 96 pixels an inch for a size in pixels, as the PNG records it: 3780 a metre.
    let dims = reader.info().pixel_dims.unwrap();
    assert_eq!((dims.xppu, dims.yppu), (3780, 3780));
    let mut frames = Vec::new();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    while let Ok(info) = reader.next_frame(&mut buf) {
        assert_eq!((info.width, info.height), (1200, 900));
        frames.push(buf[..info.buffer_size()].to_vec());
    }
    (count, frames)
}

/// `.apng`: a frame a level solved, each a different picture, the same bytes every run.
#[test]
fn the_animation_has_a_frame_a_level_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.apng"), dir.path().join("b.apng"));
    for out in [&a, &b] {
        let (code, _, err) = run(&["sweep", "--steps", "5", "-o", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let (count, frames) = frames(&a);
    // L = 1e-4 … 1 in 5 steps: the last (L = 1) leaves σ > 0.
    assert_eq!((count, frames.len()), (4, 4));
    for w in frames.windows(2) {
        assert_ne!(w[0], w[1]);
    }
    // Every other format of the same sweep.
    for format in ["svg", "png", "pdf", "tex"] {
        let out = dir.path().join(format!("s.{format}"));
        let (code, _, err) = run(&["sweep", "--family", "cauchy", "-o", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    }
}

/// Refusals: exit 1 (2 for clap's), one or two lines, no file.
#[test]
fn bad_sweeps_are_refused_in_a_line_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], i32, &str); 11] = [
        (
            &["--steps", "1"],
            1,
            "--steps 1 is out of range; use 2 to 41",
        ),
        (&["--steps", "42"], 1, "--steps 42 is out of range"),
        (&["--levels", "1,1e-4"], 2, "reversed"),
        (
            &["--levels", "0,1"],
            1,
            "--kl must be a finite number greater than 0",
        ),
        (&["--levels", "1e-12,1"], 1, "out of range"),
        (&["--levels", "nan,1"], 2, "not a finite number"),
        (
            &["--at", "0,-1"],
            1,
            "--at 0,-1 is outside the mean-std chart (σ > 0)",
        ),
        (
            &[
                "--at", "0,1", "--at", "0,1", "--at", "0,1", "--at", "0,1", "--at", "0,1", "--at",
                "0,1", "--at", "0,1",
            ],
            1,
            "7 --at points; a sweep takes 1 to 6 centres",
        ),
        (
            &["--chart", "logit"],
            1,
            "'logit' is not a chart of the gaussian family",
        ),
        (&["--family", "poisson"], 2, "invalid value 'poisson'"),
        (&["--points", "8"], 1, "--points 8 is out of range"),
    ];
    for (args, want, expected) in cases {
        refused_command(&[&["sweep"][..], args].concat(), None, want, expected);
    }
    // A page is not a sweep's; an animation is only a sweep's.
    let page = dir.path().join("s.html");
    let words = "sweep cannot make an interactive page";
    refused_command(&["sweep"], page.to_str(), 1, words);
    let apng = dir.path().join("p.apng");
    let words = "plot cannot make an animation";
    refused_command(&["plot"], apng.to_str(), 1, words);
    let words = "ruler cannot make an animation";
    refused_command(
        &["ruler", "--from", "1", "--to", "3"],
        apng.to_str(),
        1,
        words,
    );
}

/// The sizes figures are made at: a Beamer frame at 11 pt and a dark 1920×1080 slide are
/// drawn; a 3.25 in column at 8 pt has no room for two panels of axes, and is refused in a
/// line that says what to change, with no file (from 4.5 × 2.5 in it is drawn).
#[test]
fn a_sweep_fits_a_beamer_frame_and_a_slide_and_is_refused_in_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.svg");
    let o = out.to_str().unwrap();
    let sizes: [(&[&str], bool); 4] = [
        (
            &["--width", "128mm", "--height", "96mm", "--font-size", "11"],
            true,
        ),
        (
            &["--width", "1920", "--height", "1080", "--theme", "dark"],
            true,
        ),
        (
            &["--width", "4.5in", "--height", "2.5in", "--font-size", "8"],
            true,
        ),
        (
            &["--width", "3.25in", "--height", "2.5in", "--font-size", "8"],
            false,
        ),
    ];
    for (size, drawn) in sizes {
        let mut all = vec!["sweep", "-o", o];
        all.extend_from_slice(size);
        let (code, _, err) = run(&all);
        match drawn {
            true => assert_eq!(code, 0, "{size:?}: {err}"),
            false => {
                assert_eq!(code, 1, "{size:?}");
                assert!(err.contains("is too small for their axes"), "{err}");
                assert!(err.lines().count() <= 2, "{err}");
            }
        }
        assert_eq!(out.exists(), drawn, "{size:?}");
        let _ = std::fs::remove_file(&out);
    }
}
