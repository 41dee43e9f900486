//! The command line as a user meets it: files written, bytes reproducible, and every bad
//! input refused with exit code 1 or 2, a short message on stderr, and no file.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use fisherballs::figure_file::SCREENSHOT;
use fisherballs::geometry::families::gaussian::Gaussian;
use fisherballs::geometry::{Family, Point};
use serde_json::Value;

fn fisherballs() -> Command {
    Command::cargo_bin("fisherballs").unwrap()
}

fn plot(dir: &Path, file: &str, flags: &[&str]) -> (PathBuf, assert_cmd::assert::Assert) {
    let out = dir.join(file);
    let assert = fisherballs()
        .arg("plot")
        .args(flags)
        .arg("-o")
        .arg(&out)
        .assert();
    (out, assert)
}

#[test]
fn json_export_has_the_stated_shape_and_exact_balls_at_their_level() {
    let dir = tempfile::tempdir().unwrap();
    for chart in ["mean-std", "information", "natural", "expectation"] {
        let (out, a) = plot(
            dir.path(),
            "b.json",
            &[
                "--chart", chart, "--ball", "kl", "--radius", "0.2", "--grid", "4x3",
            ],
        );
        a.success();
        let v: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["family", "chart", "ball", "kl", "radius", "balls"]);
        assert_eq!(v["family"], "gaussian");
        assert_eq!(v["chart"], chart);
        assert_eq!(v["ball"], "kl");
        assert!((v["kl"].as_f64().unwrap() - 0.02).abs() < 1e-15);
        assert!((v["radius"].as_f64().unwrap() - 0.2).abs() < 1e-15);
        let c = Gaussian.chart(chart).unwrap();
        let balls = v["balls"].as_array().unwrap();
        assert_eq!(balls.len(), 4 * 3);
        for b in balls {
            let ball_keys: Vec<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(ball_keys, ["center", "fisher", "points"]);
            let xy = |p: &Value| Point::new(p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            let centre = c.theta(xy(&b["center"]));
            let f = &b["fisher"];
            assert_eq!(f[0][1], f[1][0], "the Fisher matrix is symmetric");
            let points = b["points"].as_array().unwrap();
            assert_eq!(points.len(), 128);
            for p in points {
                let kl = Gaussian.kl(c.theta(xy(p)), centre);
                assert!((kl / 0.02 - 1.0).abs() < 1e-10, "{chart}: KL {kl}");
            }
        }
    }
}

#[test]
fn overlaid_kinds_are_exported_kind_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (out, a) = plot(
        dir.path(),
        "k.json",
        &[
            "--chart",
            "mean-std",
            "--ball",
            "quadratic,fisher-rao",
            "--grid",
            "2x2",
        ],
    );
    a.success();
    let v: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["ball"], "quadratic,fisher-rao");
    let kinds: Vec<&str> = v["balls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["quadratic"; 4]
            .iter()
            .chain(&["fisher-rao"; 4])
            .copied()
            .collect::<Vec<_>>()
    );
}

#[test]
fn png_is_the_requested_size_and_has_ink() {
    let dir = tempfile::tempdir().unwrap();
    let (out, a) = plot(dir.path(), "f.png", &["--chart", "mean-std"]);
    a.success().stderr("");
    let img = image::open(&out).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (1200, 900));
    let ink = img.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    assert!(ink > 50_000, "only {ink} non-white pixels");
    let (out, a) = plot(
        dir.path(),
        "s.png",
        &["--chart", "natural", "--width", "800", "--height", "600"],
    );
    a.success();
    assert_eq!(
        image::open(&out).unwrap().to_rgb8().dimensions(),
        (800, 600)
    );
}

#[test]
fn svg_has_no_font_dependent_text_and_stays_small() {
    let dir = tempfile::tempdir().unwrap();
    let (out, a) = plot(dir.path(), "f.svg", &["--chart", "information"]);
    a.success();
    let svg = fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg "));
    assert!(svg.contains(r#"width="1200" height="900" viewBox="0 0 12000 9000""#));
    assert!(!svg.contains("<text"), "text must be glyph outlines");
    assert!(svg.contains("<use xlink:href=\"#g"));
    assert!(svg.len() < 300_000, "{} bytes", svg.len());
}

#[test]
fn the_same_command_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["svg", "png", "json"] {
        let flags = ["--chart", "expectation", "--ball", "kl-reverse,fisher-rao"];
        let (a, r) = plot(dir.path(), &format!("a.{ext}"), &flags);
        r.success();
        let (b, r) = plot(dir.path(), &format!("b.{ext}"), &flags);
        r.success();
        assert!(
            fs::read(a).unwrap() == fs::read(b).unwrap(),
            "{ext} differs between runs"
        );
    }
}

#[test]
fn gallery_is_deterministic_and_matches_the_committed_one() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        fisherballs()
            .args(["gallery", "--out"])
            .arg(dir.path())
            .assert()
            .success();
    }
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("gallery");
    let mut names: Vec<_> = fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    let mut committed_names: Vec<_> = fs::read_dir(&committed)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "figures.toml") // the input, not an output
        .collect();
    // A page's screenshot is a browser's (scripts/page-screenshot.sh), beside its page.
    let screenshots: Vec<_> = committed_names
        .iter()
        .filter(|n| n.to_string_lossy().ends_with(SCREENSHOT))
        .cloned()
        .collect();
    for shot in &screenshots {
        let page = shot.to_string_lossy().replace(SCREENSHOT, ".html");
        assert!(committed.join(&page).exists(), "{shot:?} shows no page");
        assert!(
            fs::read(committed.join(shot))
                .unwrap()
                .starts_with(b"\x89PNG")
        );
    }
    committed_names.retain(|n| !screenshots.contains(n));
    committed_names.sort();
    assert_eq!(
        names, committed_names,
        "gallery/ holds exactly what `fisherballs gallery` writes"
    );
    for name in names {
        let fresh = fs::read(a.path().join(&name)).unwrap();
        assert!(
            fresh == fs::read(b.path().join(&name)).unwrap(),
            "{name:?} differs between runs"
        );
        assert!(
            fresh == fs::read(committed.join(&name)).unwrap(),
            "gallery/{name:?} is stale: run `cargo run --release -- gallery` and commit"
        );
    }
}

/// Runs `plot` with `flags` and `-o DIR/out.png` (or `out`), and checks that it fails with
/// `code`, says `words` on stderr in at most two lines (plus clap's usage and help hints), and
/// writes nothing.
fn refused(flags: &[&str], out: Option<&str>, code: i32, words: &str) {
    refused_command(&[&["plot"], flags].concat(), out, code, words)
}

/// The same, for any command line.
fn refused_command(flags: &[&str], out: Option<&str>, code: i32, words: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = out
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().join("out.png"));
    let assert = fisherballs()
        .args(flags)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(code);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(words),
        "{flags:?}: stderr lacks {words:?}:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    let lines = stderr
        .lines()
        .filter(|l| {
            !l.is_empty() && !l.starts_with("For more information") && !l.starts_with("Usage:")
        })
        .count();
    assert!(lines <= 2, "{flags:?}: {lines} lines:\n{stderr}");
    assert!(!out.exists(), "{flags:?} wrote {}", out.display());
    let leftovers = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 0, "{flags:?} left a file behind");
}

const MS: [&str; 2] = ["--chart", "mean-std"];

fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    MS.iter().copied().chain(extra.iter().copied()).collect()
}

#[test]
fn unknown_names_are_refused_with_the_choices() {
    refused(
        &with(&["--family", "poisson"]),
        None,
        2,
        "possible values: gaussian, gamma, beta, categorical, cauchy, weibull, student-t",
    );
    refused(
        &["--chart", "polar"],
        None,
        1,
        "'polar' is not a chart of the gaussian family; its charts are mean-std, mean-var",
    );
    // A chart of another family is refused with the charts this family has.
    refused(
        &["--family", "gamma", "--chart", "mean-std"],
        None,
        1,
        "'mean-std' is not a chart of the gamma family; its charts are shape-rate, shape-scale, shape-mean, log, natural, expectation",
    );
    refused(
        &["--family", "gamma", "--nu", "3"],
        None,
        1,
        "--nu is only for --family student-t; drop it",
    );
    for nu in ["0", "-1", "nan", "inf", "51"] {
        refused(
            &["--family", "student-t", "--nu", nu],
            None,
            1,
            "is out of range; Student's t takes 0 < ν ≤ 50",
        );
    }
    refused(
        &with(&["--ball", "wasserstein"]),
        None,
        2,
        "possible values: quadratic, kl",
    );
    refused(
        &with(&["--ball", "kl,bogus"]),
        None,
        2,
        "invalid value 'bogus'",
    );
}

#[test]
fn levels_must_be_positive_finite_and_given_once() {
    for bad in ["0", "-1", "nan", "inf", "-inf"] {
        refused(
            &with(&["--kl", bad]),
            None,
            1,
            "--kl must be a finite number greater than 0",
        );
        refused(
            &with(&["--radius", bad]),
            None,
            1,
            "--radius must be a finite number greater than 0",
        );
    }
    refused(
        &with(&["--kl", "0.01", "--radius", "0.1"]),
        None,
        2,
        "cannot be used with",
    );
}

#[test]
fn limits_must_be_pairs_in_order_inside_the_domain() {
    refused(&with(&["--xlim", "2,-2"]), None, 2, "reversed");
    refused(&with(&["--ylim", "1,1"]), None, 2, "reversed");
    refused(&with(&["--xlim", "1"]), None, 2, "expected two numbers");
    refused(&with(&["--xlim", "a,b"]), None, 2, "not a finite number");
    refused(&with(&["--xlim", "nan,1"]), None, 2, "not a finite number");
    refused(
        &with(&["--xlim", "-1e308,1e308"]),
        None,
        2,
        "too wide to draw",
    );
    refused(
        &with(&["--ylim", "-1,1"]),
        None,
        1,
        "leaves the domain of the mean-std chart (σ > 0)",
    );
    refused(
        &with(&["--ylim", "0,1"]),
        None,
        1,
        "--ylim 0,1 leaves the domain",
    );
    refused(
        &["--chart", "mean-var", "--ylim", "-2,1"],
        None,
        1,
        "σ² > 0",
    );
    refused(
        &["--chart", "information", "--ylim", "-1,2"],
        None,
        1,
        "λ = 1/σ² > 0",
    );
    refused(
        &["--chart", "natural", "--ylim", "-1,0.5"],
        None,
        1,
        "η₂ = −1/(2σ²) < 0",
    );
    refused(
        &[
            "--chart",
            "expectation",
            "--xlim",
            "-1,1",
            "--ylim",
            "0.5,2",
        ],
        None,
        1,
        "m₂ > m₁²",
    );
    refused(
        &["--chart", "expectation", "--xlim", "-3,3"],
        None,
        1,
        "--xlim -3,3 leaves the domain",
    );
}

#[test]
fn sizes_are_bounded() {
    refused(&with(&["--grid", "9by6"]), None, 2, "expected NXxNY");
    refused(&with(&["--grid", "0x5"]), None, 2, "expected NXxNY");
    refused(
        &with(&["--grid", "300x300"]),
        None,
        1,
        "is more balls than the 40000 drawn at most",
    );
    refused(
        &with(&["--points", "8"]),
        None,
        1,
        "--points 8 is out of range; use 16 to 4096",
    );
    refused(&with(&["--points", "100000"]), None, 1, "use 16 to 4096");
    refused(
        &with(&["--grid", "200x200", "--points", "4096"]),
        None,
        1,
        "outline points in all (a Fisher–Rao point of Gamma counts 10, of Beta 20, a KL point of Student-t 16); at most 10240000",
    );
    // A page solves its 9 levels: 100x100 balls of 128 points is 1.28 M points as a figure,
    // 11.5 M as a page.
    refused(
        &with(&["--grid", "100x100"]),
        Some("/tmp/fisherballs-test-page.html"),
        1,
        "outline points in all (its 9 levels each solve every ball); at most 10240000",
    );
    refused(
        &with(&["--width", "100000"]),
        None,
        1,
        "each side must be 150 to 6000",
    );
    refused(
        &with(&["--height", "10"]),
        None,
        1,
        "each side must be 150 to 6000",
    );
}

#[test]
fn pdf_is_one_vector_page_of_the_figures_size_and_the_same_bytes_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let (a, r) = plot(
        dir.path(),
        "a.pdf",
        &["--chart", "information", "--ball", "kl"],
    );
    r.success();
    let (b, r) = plot(
        dir.path(),
        "b.pdf",
        &["--chart", "information", "--ball", "kl"],
    );
    r.success();
    let bytes = fs::read(&a).unwrap();
    assert_eq!(
        bytes,
        fs::read(&b).unwrap(),
        "PDF bytes differ between runs"
    );
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(
        text.matches("/Type/Page/").count() + text.matches("/Type/Page>").count(),
        1
    );
    assert_eq!(text.matches("/Type/Pages").count(), 1, "one page tree");
    // 1200×900 figure pixels at 96 an inch: a 900 × 675 point page.
    assert!(text.contains("/MediaBox[0 0 900 675]"), "page size");
    // Vector: outlines as path operators, no embedded raster image.
    assert!(!text.contains("/Subtype /Image"));
}

#[test]
fn outputs_must_be_writable_files_of_a_known_kind() {
    refused(
        &MS,
        Some("/tmp/fisherballs-test.eps"),
        1,
        "end the output name in .svg, .png, .pdf, .tex (pgfplots), .json or .html (an interactive page)",
    );
    refused(
        &MS,
        Some("/nonexistent-dir/x.png"),
        1,
        "'/nonexistent-dir' does not exist",
    );
    refused(
        &MS,
        Some("/proc/fisherballs.png"),
        1,
        "cannot write '/proc/fisherballs.png'",
    );
}

#[test]
fn a_ball_that_cannot_close_is_refused() {
    refused(
        &[
            "--chart",
            "natural",
            "--ylim",
            "-0.02,-0.001",
            "--ball",
            "kl-reverse",
            "--kl",
            "50",
        ],
        None,
        1,
        "runs out of the chart's domain",
    );
}

#[test]
fn a_failed_run_leaves_an_existing_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("keep.png");
    fs::write(&out, b"earlier figure").unwrap();
    fisherballs()
        .args(["plot", "--chart", "mean-std", "--kl", "-1", "-o"])
        .arg(&out)
        .assert()
        .code(1);
    assert_eq!(fs::read(&out).unwrap(), b"earlier figure");
}

#[test]
fn help_lists_every_flag() {
    let assert = fisherballs().args(["plot", "--help"]).assert().success();
    let help = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for flag in [
        "--family", "--chart", "--ball", "--kl", "--radius", "--xlim", "--ylim", "--grid",
        "--points", "--width", "--height", "--output",
    ] {
        assert!(help.contains(flag), "plot --help lacks {flag}");
    }
}

mod compare_and_figure_files {
    use super::*;

    fn json(dir: &Path, args: &[&str]) -> Value {
        let out = dir.join("c.json");
        fisherballs()
            .args(args)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        serde_json::from_slice(&fs::read(out).unwrap()).unwrap()
    }

    fn xy(p: &Value) -> Point {
        Point::new(p[0].as_f64().unwrap(), p[1].as_f64().unwrap())
    }

    #[test]
    fn panels_show_the_same_distributions_in_the_same_order() {
        let dir = tempfile::tempdir().unwrap();
        let charts = ["mean-std", "information", "natural", "expectation"];
        let v = json(
            dir.path(),
            &[
                "compare",
                "--charts",
                &charts.join(","),
                "--ball",
                "kl",
                "--grid",
                "4x3",
            ],
        );
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["family", "ball", "kl", "radius", "panels"]);
        let panels = v["panels"].as_array().unwrap();
        assert_eq!(panels.len(), 4);
        let first = Gaussian.chart("mean-std").unwrap();
        for (panel, name) in panels.iter().zip(charts) {
            assert_eq!(panel["chart"], name);
            let chart = Gaussian.chart(name).unwrap();
            let balls = panel["balls"].as_array().unwrap();
            assert_eq!(balls.len(), 12);
            for (b, b0) in balls.iter().zip(panels[0]["balls"].as_array().unwrap()) {
                // Every point of this panel, carried back into the first chart, lies on the
                // first panel's outline of the same ball: the same distributions, in order.
                let outline0: Vec<Point> =
                    b0["points"].as_array().unwrap().iter().map(xy).collect();
                for p in b["points"].as_array().unwrap() {
                    let q = first.phi(chart.theta(xy(p)));
                    let nearest = outline0
                        .iter()
                        .map(|o| (o - q).norm())
                        .fold(f64::MAX, f64::min);
                    assert!(
                        nearest < 1e-9,
                        "{name}: a point {nearest:e} away from the first panel's outline"
                    );
                }
                let c = chart.theta(xy(&b["center"]));
                let c0 = first.theta(xy(&b0["center"]));
                assert!((c - c0).norm() < 1e-12, "{name}: centres differ");
                for p in b["points"].as_array().unwrap() {
                    let kl = Gaussian.kl(chart.theta(xy(p)), c);
                    assert!((kl / 0.01 - 1.0).abs() < 1e-9, "{name}: KL {kl}");
                }
            }
        }
    }

    #[test]
    fn whitened_plots_export_their_origin_and_base() {
        let dir = tempfile::tempdir().unwrap();
        let v = json(
            dir.path(),
            &[
                "plot",
                "--chart",
                "whitened",
                "--at",
                "1,2",
                "--from",
                "information",
                "--grid",
                "3x3",
            ],
        );
        assert_eq!(v["chart"], "whitened");
        assert_eq!(v["from"], "information");
        assert_eq!(v["at"], serde_json::json!([1.0, 2.0]));
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "family", "chart", "at", "from", "ball", "kl", "radius", "balls"
            ]
        );
        assert_eq!(v["balls"].as_array().unwrap().len(), 9);
    }

    #[test]
    fn render_of_the_committed_figure_file_reproduces_the_gallery() {
        let out = tempfile::tempdir().unwrap();
        let home = Path::new(env!("CARGO_MANIFEST_DIR")).join("gallery");
        let assert = fisherballs()
            .arg("render")
            .arg(home.join("figures.toml"))
            .arg("--out")
            .arg(out.path())
            .assert()
            .success();
        let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        assert!(stdout.lines().all(|l| l.starts_with("wrote ")), "{stdout}");
        let mut count = 0;
        for entry in fs::read_dir(out.path()).unwrap() {
            let name = entry.unwrap().file_name();
            assert!(
                fs::read(out.path().join(&name)).unwrap() == fs::read(home.join(&name)).unwrap(),
                "{name:?}"
            );
            count += 1;
        }
        assert_eq!(stdout.lines().count(), count);
    }

    #[test]
    fn styling_flags_change_what_they_name() {
        let dir = tempfile::tempdir().unwrap();
        let (big, a) = plot(
            dir.path(),
            "big.png",
            &["--chart", "mean-std", "--scale", "2"],
        );
        a.success();
        assert_eq!(
            image::open(&big).unwrap().to_rgb8().dimensions(),
            (2400, 1800)
        );
        let (grey, a) = plot(
            dir.path(),
            "grey.png",
            &["--chart", "mean-std", "--palette", "grey"],
        );
        a.success();
        let img = image::open(&grey).unwrap().to_rgb8();
        assert!(
            img.pixels().all(|p| p.0[0] == p.0[1] && p.0[1] == p.0[2]),
            "grey has colour"
        );
        let svg = |name: &str, extra: &[&str]| {
            let (out, a) = plot(
                dir.path(),
                name,
                &[&["--chart", "mean-std"], extra].concat(),
            );
            a.success();
            fs::read_to_string(out).unwrap()
        };
        let plain = svg("a.svg", &[]);
        let uses = |s: &str| s.matches("<use ").count();
        assert!(
            uses(&svg("b.svg", &["--no-caption"])) < uses(&plain),
            "--no-caption drew a caption"
        );
        assert_ne!(svg("c.svg", &["--title", "My balls"]), plain);
        assert_ne!(svg("d.svg", &["--labels", "mean,spread"]), plain);
        let widths = |s: &str| s.contains(r#"stroke-width="30""#);
        assert!(widths(&svg("e.svg", &["--line-width", "3"])) && !widths(&plain));
    }

    const FIGURE: &str = "[[figure]]\noutput = \"a.png\"\nchart = \"mean-std\"\n";

    /// `render` of `text` fails with `words` on stderr and writes nothing, not even the directory.
    fn render_refused(text: &str, words: &str) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("figures.toml");
        fs::write(&file, text).unwrap();
        let out = dir.path().join("out");
        let assert = fisherballs()
            .arg("render")
            .arg(&file)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(1);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains(words), "stderr lacks {words:?}:\n{stderr}");
        assert!(stderr.lines().count() <= 2, "{stderr}");
        assert!(!out.exists(), "render wrote into {}", out.display());
    }

    #[test]
    fn figure_files_are_refused_whole_before_anything_is_written() {
        render_refused("[[figure]\noutput = 1", "not valid TOML");
        render_refused(
            &format!("{FIGURE}colour = \"red\"\n"),
            "figure 1 (a.png): unknown key 'colour'",
        );
        render_refused("[[figure]]\nchart = \"mean-std\"\n", "figure 1: no output");
        render_refused(
            &format!("{FIGURE}{FIGURE}"),
            "figure 2: output 'a.png' is named twice",
        );
        render_refused(
            "[[figure]]\noutput = \"../a.png\"\nchart = \"mean-std\"\n",
            "must be a relative path inside the output directory",
        );
        render_refused(
            "[[figure]]\noutput = \"/tmp/a.png\"\nchart = \"mean-std\"\n",
            "must be a relative path inside the output directory",
        );
        // One bad figure among good ones: nothing at all is written.
        render_refused(
            &format!("{FIGURE}[[figure]]\noutput = \"b.png\"\nchart = \"mean-std\"\nkl = -1\n"),
            "figure 2 (b.png): --kl must be",
        );
        render_refused(
            &format!("{FIGURE}[[figure]]\noutput = \"b.png\"\nchart = \"polar\"\n"),
            "figure 2 (b.png): 'polar' is not a chart of the gaussian family",
        );
        render_refused("title = \"x\"\n", "unknown top-level key 'title'");
        render_refused(
            &format!("{FIGURE}command = \"gallery\"\n"),
            "use \"plot\", \"compare\", \"geodesic\", \"mle\", \"natgrad\" or \"mml\"",
        );
    }

    #[test]
    fn figure_files_write_every_figure() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.toml");
        let text = "[[figure]]\noutput = \"a.png\"\nchart = \"mean-std\"\nxlim = [-1, 1]\nno-caption = true\n\
                    [[figure]]\noutput = \"b.json\"\ncommand = \"compare\"\ncharts = [\"mean-std\", \"natural\"]\n";
        fs::write(&file, text).unwrap();
        let out = dir.path().join("figs");
        fisherballs()
            .arg("render")
            .arg(&file)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        assert!(out.join("a.png").is_file() && out.join("b.json").is_file());
        // The figure file's keys mean what the flags mean: the same bytes as the command.
        let (direct, a) = plot(
            dir.path(),
            "a.png",
            &["--chart", "mean-std", "--xlim", "-1,1", "--no-caption"],
        );
        a.success();
        assert!(fs::read(direct).unwrap() == fs::read(out.join("a.png")).unwrap());
    }

    #[test]
    fn bad_compare_and_whitened_requests_are_refused() {
        let run = |args: &[&str], code: i32, words: &str| refused_command(args, None, code, words);
        run(
            &["compare", "--charts", "mean-std,polar"],
            1,
            "'polar' is not a chart of the gaussian family",
        );
        run(
            &["compare", "--charts", "mean-std"],
            1,
            "--charts names 1 chart(s); compare takes 2 to 6",
        );
        let seven = "mean-std,mean-var,mean-logstd,information,natural,expectation,mean-std";
        run(
            &["compare", "--charts", seven],
            1,
            "--charts names 7 chart(s)",
        );
        run(
            &["plot", "--chart", "whitened"],
            1,
            "--chart whitened needs --at X,Y",
        );
        run(
            &["plot", "--chart", "whitened", "--at", "0,-1"],
            1,
            "--at 0,-1 is outside the mean-std chart (σ > 0)",
        );
        run(
            &[
                "plot", "--chart", "whitened", "--from", "natural", "--at", "0,1",
            ],
            1,
            "outside the natural chart",
        );
        run(
            &["plot", "--chart", "mean-std", "--at", "0,1"],
            1,
            "--at is only for --chart whitened",
        );
        run(
            &["compare", "--charts", "mean-std,information", "--at", "0,0"],
            1,
            "outside the mean-std chart",
        );
        run(
            &["plot", "--chart", "mean-std", "--palette", "rainbow"],
            2,
            "possible values: okabe-ito, tol, grey",
        );
        run(
            &["plot", "--chart", "mean-std", "--scale", "5"],
            1,
            "--scale 5 is out of range",
        );
        run(
            &[
                "plot", "--chart", "mean-std", "--scale", "4", "--width", "2000",
            ],
            1,
            "a figure of 2000px by 900px at --dpi 100 and --scale 4 makes a 8000x3600 PNG, but a PNG is at most 6000 pixels a side; use --scale 3 or less",
        );
        run(
            &["plot", "--chart", "mean-std", "--line-width", "0"],
            1,
            "--line-width 0 is out of range",
        );
        run(
            &["plot", "--chart", "mean-std", "--labels", "onlyone"],
            2,
            "expected two names",
        );
    }
}

#[test]
fn whitened_circles_look_round_in_the_svg() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--chart", "whitened", "--at", "0.5,2", "--grid", "1x1", "--xlim", "-0.1,0.1", "--ylim",
        "-0.1,0.1",
    ];
    let (out, a) = plot(dir.path(), "w.svg", &flags);
    a.success();
    let svg = fs::read_to_string(out).unwrap();
    let start = svg.find("<polygon points=\"").expect("a filled ball") + 17;
    let points: Vec<(f64, f64)> = svg[start..svg[start..].find('"').unwrap() + start]
        .split(' ')
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    let extent = |f: fn(&(f64, f64)) -> f64| {
        let v: Vec<f64> = points.iter().map(f).collect();
        v.iter().cloned().fold(f64::MIN, f64::max) - v.iter().cloned().fold(f64::MAX, f64::min)
    };
    let (w, h) = (extent(|p| p.0), extent(|p| p.1));
    assert!(w > 1000.0, "the ball is {w} backend units wide");
    assert!(
        (w / h - 1.0).abs() < 0.01,
        "a circle drawn {w} wide and {h} high"
    );
}

mod geodesic_figures {
    use super::*;

    #[test]
    fn geodesics_are_exported_with_their_length_in_every_panel() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.json");
        fisherballs()
            .args([
                "geodesic",
                "--charts",
                "mean-std,natural",
                "--from",
                "-1,0.5",
                "--to",
                "1.5,0.8",
            ])
            .args(["--from", "0,0.4", "--to", "0,2", "--along", "4", "-o"])
            .arg(&out)
            .assert()
            .success();
        let v: Value = serde_json::from_slice(&fs::read(out).unwrap()).unwrap();
        assert_eq!(v["ball"], "fisher-rao");
        for (panel, name) in v["panels"]
            .as_array()
            .unwrap()
            .iter()
            .zip(["mean-std", "natural"])
        {
            let chart = Gaussian.chart(name).unwrap();
            let paths = panel["geodesics"].as_array().unwrap();
            assert_eq!(paths.len(), 2);
            assert_eq!(panel["balls"].as_array().unwrap().len(), 8);
            for g in paths {
                let xy = |p: &Value| Point::new(p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
                let (a, b) = (chart.theta(xy(&g["from"])), chart.theta(xy(&g["to"])));
                let d = Gaussian.fisher_rao(a, b).unwrap();
                let length = g["length"].as_f64().unwrap();
                assert!(
                    (length / d - 1.0).abs() < 1e-8,
                    "{name}: length {length} vs {d}"
                );
                assert_eq!(g["distance"].as_f64().unwrap(), d);
                let points = g["points"].as_array().unwrap();
                let first = chart.theta(xy(&points[0]));
                assert!(
                    (first - a).norm() < 1e-12
                        && (chart.theta(xy(points.last().unwrap())) - b).norm() < 1e-12
                );
            }
        }
    }

    #[test]
    fn bad_geodesic_requests_are_refused() {
        let run = |args: &[&str], code: i32, words: &str| refused_command(args, None, code, words);
        fn g<'a>(extra: &[&'a str]) -> Vec<&'a str> {
            [&["geodesic", "--charts", "mean-std"], extra].concat()
        }
        run(
            &g(&["--from", "0,-1", "--to", "0,1"]),
            1,
            "the geodesic end (0, -1) is outside the mean-std chart (σ > 0)",
        );
        run(
            &g(&["--from", "0,1", "--to", "0,2", "--from", "1,1"]),
            1,
            "2 --from and 1 --to",
        );
        run(
            &g(&["--from", "0,1", "--to", "0,2", "--along", "1"]),
            1,
            "--along 1 is out of range; use 2 to 50",
        );
        run(&g(&["--from", "0,1"]), 2, "--to <X,Y>");
        let seven = "mean-std,mean-var,mean-logstd,information,natural,expectation,mean-std";
        run(
            &[
                "geodesic", "--charts", seven, "--from", "0,1", "--to", "0,2",
            ],
            1,
            "geodesic takes 1 to 6",
        );
    }
}

#[test]
fn jeffreys_masses_are_exported_and_near_constant() {
    let dir = tempfile::tempdir().unwrap();
    for chart in ["mean-std", "information", "expectation"] {
        let (out, a) = plot(
            dir.path(),
            "j.json",
            &["--chart", chart, "--show", "jeffreys", "--kl", "0.002"],
        );
        a.success();
        let v: Value = serde_json::from_slice(&fs::read(out).unwrap()).unwrap();
        let masses: Vec<f64> = v["balls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["mass"].as_f64().unwrap())
            .collect();
        let want = 2.0 * std::f64::consts::PI * 0.002;
        for m in &masses {
            assert!(
                (m / want - 1.0).abs() < 0.01,
                "{chart}: mass {m} vs 2πL = {want}"
            );
        }
    }
    let (out, a) = plot(dir.path(), "p.json", &["--chart", "mean-std"]);
    a.success();
    let v: Value = serde_json::from_slice(&fs::read(out).unwrap()).unwrap();
    assert!(
        v["balls"][0].get("mass").is_none(),
        "mass only with --show jeffreys"
    );
}

mod mle_figures {
    use super::*;

    fn export(dir: &Path, name: &str, extra: &[&str]) -> Value {
        let out = dir.join(name);
        fisherballs()
            .args(["mle", "--at", "0.5,1.5"])
            .args(extra)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        serde_json::from_slice(&fs::read(out).unwrap()).unwrap()
    }

    fn m(v: &Value) -> [[f64; 2]; 2] {
        let e = |i: usize, j: usize| v[i][j].as_f64().unwrap();
        [[e(0, 0), e(0, 1)], [e(1, 0), e(1, 1)]]
    }

    #[test]
    fn whitened_estimates_have_unit_covariance_in_every_chart() {
        let dir = tempfile::tempdir().unwrap();
        let (n, trials) = (400.0_f64, 4000.0_f64);
        let v = export(
            dir.path(),
            "m.json",
            &[
                "--charts",
                "mean-std,information,natural",
                "--n",
                "400",
                "--trials",
                "4000",
            ],
        );
        // Sampling error of a covariance entry is about √(2/M); the MLE's bias and skew add
        // O(1/n). Five standard errors plus 3/n:
        let tol = 5.0 * (2.0 / trials).sqrt() + 3.0 / n;
        for panel in v["panels"].as_array().unwrap() {
            let w = m(&panel["whitened_covariance"]);
            for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                let want = if i == j { 1.0 } else { 0.0 };
                assert!(
                    (w[i][j] - want).abs() < tol,
                    "{}: whitened cov {w:?}",
                    panel["chart"]
                );
            }
            let (c, e) = (m(&panel["covariance"]), m(&panel["expected"]));
            for i in 0..2 {
                assert!(
                    (c[i][i] / e[i][i] - 1.0).abs() < 2.0 * tol,
                    "{}: {c:?} vs F⁻¹/n {e:?}",
                    panel["chart"]
                );
            }
            assert_eq!(panel["estimates"].as_array().unwrap().len(), 4000);
        }
    }

    #[test]
    fn the_seed_fixes_the_draws() {
        let dir = tempfile::tempdir().unwrap();
        let a = export(dir.path(), "a.json", &["--charts", "mean-std"]);
        let b = export(dir.path(), "b.json", &["--charts", "mean-std"]);
        let c = export(
            dir.path(),
            "c.json",
            &["--charts", "mean-std", "--seed", "2"],
        );
        assert_eq!(a, b);
        assert_ne!(a["panels"][0]["estimates"], c["panels"][0]["estimates"]);
        assert_eq!(a["seed"], 1);
    }

    #[test]
    fn bad_mle_requests_are_refused() {
        let run = |args: &[&str], code: i32, words: &str| refused_command(args, None, code, words);
        fn m<'a>(extra: &[&'a str]) -> Vec<&'a str> {
            [&["mle", "--charts", "mean-std", "--at", "0,1"], extra].concat()
        }
        run(
            &m(&["--n", "1"]),
            1,
            "--n 1 is out of range; a sample needs 2 to 100000 points",
        );
        run(&m(&["--n", "1000000"]), 1, "--n 1000000 is out of range");
        run(
            &m(&["--trials", "100000"]),
            1,
            "--trials 100000 with --n 50 is out of range",
        );
        run(
            &m(&["--n", "100000", "--trials", "5000"]),
            1,
            "at most 100000000 draws",
        );
        run(
            &["mle", "--charts", "mean-std", "--at", "0,-1"],
            1,
            "--at 0,-1 is outside the mean-std chart (σ > 0)",
        );
        run(
            &[
                "mle",
                "--charts",
                "mean-std,mean-var,natural,information",
                "--at",
                "0,1",
            ],
            1,
            "mle takes 1 to 3",
        );
        // At n = 3 the 2-s.d. ellipse around λ = 1 reaches λ < 0, where no distribution is.
        let small = ["mle", "--charts", "information", "--at", "0,1", "--n", "3"];
        run(
            &small,
            1,
            "crosses the edge of the chart (λ = 1/σ² > 0) at n = 3; use a larger --n",
        );
    }
}

mod natgrad_figures {
    use super::*;

    #[test]
    fn natural_paths_trace_the_same_distributions_in_both_charts() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("n.json");
        fisherballs()
            .args([
                "natgrad",
                "--charts",
                "mean-std,information",
                "--target",
                "1,1.2",
                "--from=-0.5,2",
            ])
            .args(["--step", "0.005", "--steps", "200", "-o"])
            .arg(&out)
            .assert()
            .success();
        let v: Value = serde_json::from_slice(&fs::read(out).unwrap()).unwrap();
        let paths = v["panels"][0]["paths"].as_array().unwrap();
        let find = |method: &str, chart: &str| {
            paths
                .iter()
                .find(|p| p["method"] == method && p["descended_in"] == chart)
                .unwrap()["mu_sigma"]
                .as_array()
                .unwrap()
                .clone()
        };
        let gap = |method: &str| {
            let (a, b) = (find(method, "mean-std"), find(method, "information"));
            assert_eq!(a.len(), 201);
            a.iter()
                .zip(&b)
                .map(|(p, q)| {
                    (p[0].as_f64().unwrap() - q[0].as_f64().unwrap())
                        .hypot(p[1].as_f64().unwrap() - q[1].as_f64().unwrap())
                })
                .fold(0.0, f64::max)
        };
        let (natural, plain) = (gap("natural"), gap("plain"));
        assert!(natural < 0.02, "natural paths part by {natural}");
        assert!(plain > 10.0 * natural, "plain {plain} vs natural {natural}");
    }

    #[test]
    fn bad_descents_are_refused() {
        let run = |args: &[&str], code: i32, words: &str| refused_command(args, None, code, words);
        fn n<'a>(extra: &[&'a str]) -> Vec<&'a str> {
            [
                &[
                    "natgrad",
                    "--charts",
                    "mean-std,information",
                    "--target",
                    "1,1.2",
                ],
                extra,
            ]
            .concat()
        }
        run(
            &n(&["--from=-1,0.5", "--step", "0.05"]),
            1,
            "natural gradient descent in the information chart diverges with --step 0.05",
        );
        run(
            &n(&["--from", "0.9,1.1", "--step", "10"]),
            1,
            "plain gradient descent in the mean-std chart diverges with --step 10 (step 1 raises the loss)",
        );
        run(
            &n(&["--from", "0,-1"]),
            1,
            "(0, -1) is outside the mean-std chart (σ > 0)",
        );
        run(
            &n(&["--from", "0,1", "--step", "0"]),
            1,
            "--step must be a finite number greater than 0",
        );
        run(
            &n(&["--from", "0,1", "--steps", "0"]),
            1,
            "--steps 0 is out of range",
        );
    }
}

mod mml_figures {
    use super::*;

    fn export(dir: &Path, args: &[&str]) -> Value {
        let out = dir.join("m.json");
        fisherballs()
            .arg("mml")
            .args(args)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        serde_json::from_slice(&fs::read(out).unwrap()).unwrap()
    }

    #[test]
    fn the_count_is_the_same_whichever_chart_draws_the_region() {
        // One region of distributions, μ ∈ [−1, 1], σ ∈ [0.5, 2], described in three charts.
        let dir = tempfile::tempdir().unwrap();
        let r = ["--radius", "0.05"];
        let a = export(
            dir.path(),
            &[
                &["--charts", "mean-std", "--xlim", "-1,1", "--ylim", "0.5,2"],
                &r[..],
            ]
            .concat(),
        );
        let b = export(
            dir.path(),
            &[
                &["--charts", "mean-var", "--xlim", "-1,1", "--ylim", "0.25,4"],
                &r[..],
            ]
            .concat(),
        );
        let ln2 = std::f64::consts::LN_2.to_string();
        let ylim = format!("--ylim=-{ln2},{ln2}");
        let c = export(
            dir.path(),
            &[
                &["--charts", "mean-logstd", "--xlim", "-1,1", &ylim],
                &r[..],
            ]
            .concat(),
        );
        let k = a["count"].as_u64().unwrap();
        assert!(k > 500, "{k}");
        for other in [&b, &c] {
            let k2 = other["count"].as_u64().unwrap();
            assert!((k as f64 / k2 as f64 - 1.0).abs() < 0.01, "{k} vs {k2}");
            let (v, v2) = (
                a["jeffreys_volume"].as_f64().unwrap(),
                other["jeffreys_volume"].as_f64().unwrap(),
            );
            assert!((v / v2 - 1.0).abs() < 1e-3, "volumes {v} vs {v2}");
        }
        // A covering: K balls hold more Fisher area than the region (thinness > 1), not
        // wastefully more (rows out of line cover at π/2 = 1.57 in the flat plane; the balls
        // that reach over the region's edge add the rest at this radius).
        let thinness = a["thinness"].as_f64().unwrap();
        assert!((1.0..1.8).contains(&thinness), "thinness {thinness}");
        let area = 4.0 * std::f64::consts::PI * ((0.05 / 2f64.sqrt()).cosh() - 1.0);
        let v = a["jeffreys_volume"].as_f64().unwrap();
        assert!((thinness - k as f64 * area / v).abs() < 1e-12);
        assert!(a["deepest_hole"].as_f64().unwrap() <= 0.05);
        assert!((a["bits"].as_f64().unwrap() - (k as f64).log2()).abs() < 1e-12);
    }

    /// The Gaussian's Fisher–Rao distance, written out here (not the library's):
    /// d = 2√2 artanh √(((Δμ)²/2 + (Δσ)²) / ((Δμ)²/2 + (σ₁ + σ₂)²)) (Costa et al. 2015).
    fn distance((m1, s1): (f64, f64), (m2, s2): (f64, f64)) -> f64 {
        let dm = (m1 - m2) * (m1 - m2) / 2.0;
        let ratio = (dm + (s1 - s2) * (s1 - s2)) / (dm + (s1 + s2) * (s1 + s2));
        2.0 * 2f64.sqrt() * ratio.sqrt().atanh()
    }

    #[test]
    fn every_point_of_the_region_is_within_r_of_a_centre() {
        // The issue's region, where the lattice drawn before left holes of 1.14 r, in the
        // mean-std chart and (a curved region of (μ, σ)) in the information chart.
        let dir = tempfile::tempdir().unwrap();
        for (chart, xlim, ylim, r) in [
            ("mean-std", "-1,1", "0.5,2", 0.01),
            ("mean-std", "-1,1", "0.5,2", 0.3),
            ("information", "-2,2", "0.5,3", 0.05),
        ] {
            let rs = r.to_string();
            let v = export(
                dir.path(),
                &[
                    "--charts", chart, "--xlim", xlim, "--ylim", ylim, "--radius", &rs, "--points",
                    "16",
                ],
            );
            let centres: Vec<(f64, f64)> = v["panels"][0]["balls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| {
                    (
                        b["center"][0].as_f64().unwrap(),
                        b["center"][1].as_f64().unwrap(),
                    )
                })
                .collect();
            let to_ms = |x: f64, y: f64| match chart {
                "information" => (x / y, 1.0 / y.sqrt()),
                _ => (x, y),
            };
            let centres: Vec<(f64, f64)> = centres.iter().map(|&(x, y)| to_ms(x, y)).collect();
            let lim = |s: &str| -> (f64, f64) {
                let (a, b) = s.split_once(',').unwrap();
                (a.parse().unwrap(), b.parse().unwrap())
            };
            let ((x0, x1), (y0, y1)) = (lim(xlim), lim(ylim));
            // 4000 points of the region from a fixed linear congruential generator, and its
            // four corners.
            let mut seed: u64 = 12345;
            let mut next = || {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 11) as f64 / (1u64 << 53) as f64
            };
            let mut probes: Vec<(f64, f64)> = (0..4000)
                .map(|_| (x0 + (x1 - x0) * next(), y0 + (y1 - y0) * next()))
                .collect();
            probes.extend([(x0, y0), (x1, y0), (x0, y1), (x1, y1)]);
            let deepest = probes
                .iter()
                .map(|&(x, y)| {
                    let p = to_ms(x, y);
                    centres
                        .iter()
                        .map(|&c| distance(p, c))
                        .fold(f64::INFINITY, f64::min)
                })
                .fold(0.0, f64::max);
            assert!(
                deepest <= r * (1.0 + 1e-9),
                "{chart} r = {r}: a hole of {} r",
                deepest / r
            );
        }
    }

    #[test]
    fn a_beta_region_has_the_same_count_in_either_chart_that_draws_it() {
        // α, β ∈ [1, 4] in the alpha-beta chart, and ln α, ln β ∈ [0, ln 4] in the log one.
        let dir = tempfile::tempdir().unwrap();
        let l4 = format!("0,{}", 4f64.ln());
        let count = |args: &[&str]| {
            let v = export(
                dir.path(),
                &[&["--family", "beta", "--radius", "0.05"], args].concat(),
            );
            v["count"].as_u64().unwrap()
        };
        let a = count(&["--charts", "alpha-beta", "--xlim", "1,4", "--ylim", "1,4"]);
        let b = count(&["--charts", "log,alpha-beta", "--xlim", &l4, "--ylim", &l4]);
        assert_eq!(a, b);
    }

    #[test]
    fn families_without_a_closed_form_distance_are_covered_too() {
        // Beta (and Gamma, categorical, Weibull): 1500 points of the region and its corners,
        // each within r of some centre by the exact distance (shooting where no closed form
        // is known, itself tested against the closed forms in tests/uses.rs). The candidates
        // are each point's 6 nearest centres by the midpoint-rule distance; a true nearest
        // left out could only make the hole found deeper, never hide one.
        use fisherballs::geometry::{Point, families, geodesic};
        let dir = tempfile::tempdir().unwrap();
        for (family, chart, r) in [
            ("beta", "alpha-beta", "0.1"),
            ("beta", "mean-concentration", "0.05"),
            ("gamma", "log", "0.1"),
            ("categorical", "logit", "0.1"),
            ("weibull", "shape-scale", "0.05"),
        ] {
            let v = export(
                dir.path(),
                &[
                    "--family", family, "--charts", chart, "--radius", r, "--points", "16",
                ],
            );
            let f = families::family(family, None).unwrap();
            let c = f.chart(chart).unwrap();
            let r: f64 = r.parse().unwrap();
            let centres: Vec<Point> = v["panels"][0]["balls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| {
                    c.theta(Point::new(
                        b["center"][0].as_f64().unwrap(),
                        b["center"][1].as_f64().unwrap(),
                    ))
                })
                .collect();
            let l = c.default_limits();
            let mut seed: u64 = 99;
            let mut next = || {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 11) as f64 / (1u64 << 53) as f64
            };
            let mut probes: Vec<Point> = (0..1500)
                .map(|_| Point::new(l.x.lo + l.x.width() * next(), l.y.lo + l.y.width() * next()))
                .collect();
            probes.extend(l.corners());
            let mut deepest: f64 = 0.0;
            for p in probes {
                let t = c.theta(p);
                let flat = |q: Point| {
                    let d = q - t;
                    d.dot(&(f.fisher(0.5 * (q + t)) * d)).sqrt()
                };
                let mut near: Vec<(f64, Point)> = centres.iter().map(|&q| (flat(q), q)).collect();
                near.sort_by(|a, b| a.0.total_cmp(&b.0));
                let nearest = near[..6]
                    .iter()
                    .map(|&(_, q)| geodesic::distance(&*f, t, q).unwrap())
                    .fold(f64::INFINITY, f64::min);
                deepest = deepest.max(nearest);
            }
            assert!(
                deepest <= r * (1.0 + 1e-9),
                "{family} {chart} r = {r}: a hole of {} r",
                deepest / r
            );
            // The hole the figure reports (over its own 1024 probes) is within r too.
            assert!(
                v["deepest_hole"].as_f64().unwrap() <= r,
                "{family}: reported {}",
                v["deepest_hole"]
            );
        }
    }

    #[test]
    fn every_panel_holds_the_same_balls() {
        let dir = tempfile::tempdir().unwrap();
        let v = export(
            dir.path(),
            &[
                "--charts",
                "mean-std,information",
                "--xlim",
                "-1,1",
                "--ylim",
                "0.5,2",
                "--radius",
                "0.3",
            ],
        );
        let panels = v["panels"].as_array().unwrap();
        let k = v["count"].as_u64().unwrap() as usize;
        assert!(
            panels
                .iter()
                .all(|p| p["balls"].as_array().unwrap().len() == k)
        );
        assert!(
            panels
                .iter()
                .all(|p| p["region"].as_array().unwrap().len() == 400)
        );
    }

    #[test]
    fn bad_regions_are_refused() {
        let run = |args: &[&str], code: i32, words: &str| refused_command(args, None, code, words);
        run(
            &["mml", "--charts", "mean-std", "--ylim=-1,1"],
            1,
            "leaves the domain of the mean-std chart",
        );
        run(
            &["mml", "--charts", "mean-std", "--radius", "0.001"],
            1,
            "the region would hold more than 40000 balls",
        );
    }
}

#[test]
fn background_and_theme_colour_the_ground_text_and_axes() {
    let dir = tempfile::tempdir().unwrap();
    // Transparent: a PNG with an alpha channel (colour type 6) and a clear corner; an SVG
    // with no rectangle under the figure.
    let (png, a) = plot(
        dir.path(),
        "t.png",
        &["--chart", "mean-std", "--background", "transparent"],
    );
    a.success();
    let bytes = fs::read(&png).unwrap();
    assert_eq!(bytes[25], 6, "RGBA");
    let image = image::load_from_memory(&bytes).unwrap().to_rgba8();
    assert_eq!(image.get_pixel(2, 2)[3], 0, "the corner is transparent");
    let (svg, a) = plot(
        dir.path(),
        "t.svg",
        &["--chart", "mean-std", "--background", "transparent"],
    );
    a.success();
    let text = fs::read_to_string(&svg).unwrap();
    assert!(!text.contains(r#"<rect x="0" y="0" width="12000" height="9000""#));
    // A colour: the ground rectangle has it; the default is white and opaque RGB.
    let (svg, a) = plot(
        dir.path(),
        "c.svg",
        &["--chart", "mean-std", "--background", "#123456"],
    );
    a.success();
    assert!(
        fs::read_to_string(&svg)
            .unwrap()
            .contains(r##"width="12000" height="9000" fill="#123456""##)
    );
    let (png, a) = plot(dir.path(), "w.png", &["--chart", "mean-std"]);
    a.success();
    assert_eq!(fs::read(&png).unwrap()[25], 2, "RGB");
    // Dark: a slate ground, light text (glyph fills) and axes.
    let (svg, a) = plot(
        dir.path(),
        "d.svg",
        &["--chart", "mean-std", "--theme", "dark"],
    );
    a.success();
    let text = fs::read_to_string(&svg).unwrap();
    assert!(text.contains(r##"fill="#1e2228""##), "dark ground");
    assert!(text.contains(r##"fill="#e8e8e8""##), "light text");
    assert!(!text.contains(r##"fill="#000000""##), "no black text left");
    refused(
        &["--chart", "mean-std", "--background", "#12345"],
        None,
        2,
        "expected white, transparent or #RRGGBB",
    );
    refused(
        &["--chart", "mean-std", "--theme", "sepia"],
        None,
        2,
        "invalid value 'sepia' for '--theme <THEME>'",
    );
}

/// Whether the outermost `band` pixels of every side of a PNG are all the colour of its
/// top-left corner (nothing runs off the figure).
fn clear_edges(img: &image::RgbImage, band: u32) -> Result<(), String> {
    let (w, h) = img.dimensions();
    let ground = img.get_pixel(0, 0).0;
    for y in 0..h {
        for x in 0..w {
            let edge = x < band || y < band || x >= w - band || y >= h - band;
            if edge && img.get_pixel(x, y).0 != ground {
                return Err(format!("ink at ({x}, {y}) of {w}x{h}"));
            }
        }
    }
    Ok(())
}

#[test]
fn text_is_never_clipped_at_any_size_or_font_size() {
    let dir = tempfile::tempdir().unwrap();
    let long = "A very long title that goes on and on about Fisher balls in the mean and standard deviation chart of the Gaussian family, with many more words than fit".repeat(2);
    let labels = "the location parameter μ of the Gaussian family,the scale parameter σ (its standard deviation)";
    let sizes: [&[&str]; 6] = [
        &["--width", "1200", "--height", "900"],
        &["--width", "400", "--height", "300"],
        &["--width", "150", "--height", "150"],
        &["--width", "240", "--height", "150"],
        &["--width", "3.25in", "--height", "2.5in", "--font-size", "8"],
        &[
            "--width",
            "8cm",
            "--height",
            "6cm",
            "--font-size",
            "10",
            "--dpi",
            "150",
        ],
    ];
    for size in sizes {
        let figures: [Vec<&str>; 2] = [
            vec![
                "plot", "--chart", "mean-std", "--labels", labels, "--title", &long,
            ],
            vec![
                "compare",
                "--charts",
                "mean-std,information",
                "--title",
                &long,
            ],
        ];
        for figure in figures {
            let out = dir.path().join("t.png");
            let run = fisherballs()
                .args(&figure)
                .args(size)
                .arg("-o")
                .arg(&out)
                .assert();
            // Two panels in 150 pixels have no room for axes: refused, saying so.
            if figure[0] == "compare" && size[1] == "150" {
                let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
                run.code(1);
                assert!(
                    stderr.contains("too small for their axes and text"),
                    "{stderr}"
                );
                assert!(!out.exists());
                continue;
            }
            run.success();
            let img = image::open(&out).unwrap().to_rgb8();
            if let Err(e) = clear_edges(&img, 2) {
                panic!("{} {size:?}: {e}", figure[0]);
            }
            fs::remove_file(&out).unwrap();
        }
    }
}

#[test]
fn printed_sizes_carry_into_svg_pdf_and_png_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let size = [
        "--chart", "mean-std", "--width", "3.25in", "--height", "2.5in",
    ];
    let (svg, a) = plot(dir.path(), "p.svg", &size);
    a.success();
    let text = fs::read_to_string(&svg).unwrap();
    assert!(text.contains(
        r#"width="3.25in" height="2.5in" viewBox="0 0 3120 2400" preserveAspectRatio="none">"#
    ));
    let (pdf, a) = plot(dir.path(), "p.pdf", &size);
    a.success();
    let bytes = fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/MediaBox[0 0 234 180]"),
        "a 234 x 180 pt page"
    );
    // PNG: inches times --dpi (100 by default) times --scale.
    for (dpi, scale, want) in [("100", "1", (325, 250)), ("300", "2", (1950, 1500))] {
        let flags = [&size[..], &["--dpi", dpi, "--scale", scale]].concat();
        let (png, a) = plot(dir.path(), "p.png", &flags);
        a.success();
        assert_eq!(
            image::open(&png).unwrap().to_rgb8().dimensions(),
            want,
            "--dpi {dpi}"
        );
    }
    // Every unit, and pixels untouched by --dpi.
    for (w, h, want) in [
        ("8cm", "60mm", (315, 236)),
        ("234pt", "180pt", (325, 250)),
        ("640px", "480", (640, 480)),
    ] {
        let flags = ["--chart", "mean-std", "--width", w, "--height", h];
        let (png, a) = plot(dir.path(), "u.png", &flags);
        a.success();
        assert_eq!(
            image::open(&png).unwrap().to_rgb8().dimensions(),
            want,
            "{w} x {h}"
        );
    }
    // --font-size redraws the text (and the room it takes) in the same figure.
    let drawn = |pt: &str| {
        let flags = [
            &size[..],
            &["--font-size", pt, "--no-caption", "--dpi", "300"],
        ]
        .concat();
        let (png, a) = plot(dir.path(), "f.png", &flags);
        a.success();
        image::open(&png).unwrap().to_rgb8()
    };
    assert_ne!(drawn("8"), drawn("11"), "--font-size changes the drawing");
}

#[test]
fn sizes_with_bad_units_or_out_of_range_are_refused() {
    for (flags, code, words) in [
        (
            &["--width", "3in5"][..],
            2,
            "expected a positive length such as 1200",
        ),
        (&["--width", "-3in"], 2, "expected a positive length"),
        (&["--height", "NaNpt"], 2, "expected a positive length"),
        (
            &["--width", "1in"],
            1,
            "a 1in by 900px figure is out of range; each side must be 150 to 6000 pixels",
        ),
        (
            &["--width", "70in"],
            1,
            "each side must be 150 to 6000 pixels",
        ),
        (
            &["--dpi", "0"],
            1,
            "--dpi 0 is out of range; use 10 to 2400",
        ),
        (&["--dpi", "inf"], 1, "--dpi inf is out of range"),
        (
            &["--width", "20in", "--dpi", "600"],
            1,
            "a figure of 20in by 900px at --dpi 600 and --scale 1 makes a 12000x5625 PNG, but a PNG is at most 6000 pixels a side; use --dpi 300 or less",
        ),
        (
            &["--font-size", "100"],
            1,
            "--font-size 100 is out of range; use 4 to 72 points",
        ),
        (
            &["--font-size", "NaN"],
            1,
            "--font-size NaN is out of range",
        ),
    ] {
        refused(&with(flags), None, code, words);
    }
}

#[test]
fn a_long_title_shrinks_to_fit_and_is_never_clipped() {
    let dir = tempfile::tempdir().unwrap();
    let long = "A very long title that goes on and on about Fisher balls in the mean and standard deviation chart of the Gaussian family, with many more words than fit".repeat(2);
    for (w, h) in [("1200", "900"), ("400", "300")] {
        let (png, a) = plot(
            dir.path(),
            "t.png",
            &[
                "--chart", "mean-std", "--title", &long, "--width", w, "--height", h,
            ],
        );
        a.success();
        let img = image::load_from_memory(&fs::read(&png).unwrap())
            .unwrap()
            .to_rgb8();
        let (width, height) = img.dimensions();
        // The title band: the top 5% of the figure. Its outermost columns stay white: the
        // title ends inside the figure instead of running off both sides.
        for y in 0..height / 20 {
            for x in (0..4).chain(width - 4..width) {
                assert_eq!(
                    img.get_pixel(x, y).0,
                    [255, 255, 255],
                    "{w}x{h}: ink at ({x}, {y})"
                );
            }
        }
    }
}

#[test]
fn xrange_and_yrange_fix_the_drawn_axes_apart_from_the_centres() {
    let dir = tempfile::tempdir().unwrap();
    let (tex, a) = plot(
        dir.path(),
        "r.tex",
        &["--chart", "mean-std", "--xrange=-3,3", "--yrange", "0,2"],
    );
    a.success();
    let text = fs::read_to_string(&tex).unwrap();
    assert!(text.contains("xmin=-3, xmax=3"), "{text}");
    assert!(text.contains("ymin=0, ymax=2"), "{text}");
    // Without them the axes fit the balls: the limits -2, 2 widened a little.
    let (tex, a) = plot(dir.path(), "f.tex", &["--chart", "mean-std"]);
    a.success();
    assert!(
        !fs::read_to_string(&tex)
            .unwrap()
            .contains("xmin=-3, xmax=3")
    );
    // The centres stay where --xlim puts them.
    let (json, a) = plot(
        dir.path(),
        "r.json",
        &["--chart", "mean-std", "--xrange=-3,3"],
    );
    a.success();
    let v: Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    let xs: Vec<f64> = v["balls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["center"][0].as_f64().unwrap())
        .collect();
    assert!(xs.iter().all(|x| x.abs() < 2.0));
    refused(
        &with(&["--xrange", "3,-3"]),
        None,
        2,
        "the limits are reversed or empty",
    );
    refused(
        &with(&["--yrange", "nan,1"]),
        None,
        2,
        "is not a finite number",
    );
}

#[test]
fn the_grey_palette_dashes_the_kinds_apart() {
    let dir = tempfile::tempdir().unwrap();
    let kinds = [
        "--chart",
        "mean-std",
        "--ball",
        "quadratic,kl",
        "--grid",
        "3x2",
        "--palette",
        "grey",
    ];
    // Outline colours: the greys #303030 and #787878 at 70%.
    let count = |svg: &str, stroke: &str| svg.matches(&format!("stroke=\"{stroke}\"")).count();
    let (svg, a) = plot(dir.path(), "g.svg", &kinds);
    a.success();
    let text = fs::read_to_string(&svg).unwrap();
    assert_eq!(
        count(&text, "#222222"),
        6,
        "quadratic: one solid outline a ball"
    );
    assert!(
        count(&text, "#545454") > 6 * 10,
        "kl: dashed, many pieces a ball"
    );
    let (tex, a) = plot(dir.path(), "g.tex", &kinds);
    a.success();
    let text = fs::read_to_string(&tex).unwrap();
    let dashed = text
        .lines()
        .filter(|l| l.contains("--cycle") && l.contains("dash pattern"))
        .count();
    assert_eq!(dashed, 6, "kl outlines dashed in pgfplots too");
    // In colour every outline is solid.
    let colour = [
        "--chart",
        "mean-std",
        "--ball",
        "quadratic,kl",
        "--grid",
        "3x2",
    ];
    let (tex, a) = plot(dir.path(), "c.tex", &colour);
    a.success();
    assert!(!fs::read_to_string(&tex).unwrap().contains("dash pattern"));
}

/// The legend's box (x, y, w, h) in an SVG of ours: its translucent paper rectangle.
fn legend_boxes(svg: &str) -> Vec<[f64; 4]> {
    svg.lines()
        .filter(|l| l.starts_with("<rect") && l.contains(r#"fill-opacity="0.900""#))
        .map(|l| {
            let attr = |name: &str| -> f64 {
                let start = l.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                l[start..].split('"').next().unwrap().parse().unwrap()
            };
            [attr("x"), attr("y"), attr("width"), attr("height")]
        })
        .collect()
}

/// Every point of every outline, path and fill in an SVG of ours.
fn drawn_points(svg: &str) -> Vec<(f64, f64)> {
    svg.lines()
        .filter(|l| l.starts_with("<polyline") || l.starts_with("<polygon"))
        .flat_map(|l| {
            let start = l.find("points=\"").unwrap() + 8;
            let list = l[start..].split('"').next().unwrap().to_string();
            list.split(' ')
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn legends_sit_in_a_corner_where_they_cover_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let figures: [&[&str]; 4] = [
        // A ball in the upper left corner: the legend goes elsewhere.
        &[
            "plot",
            "--chart",
            "mean-std",
            "--ball",
            "quadratic,kl",
            "--grid",
            "1x1",
            "--xlim=-2,-1",
            "--ylim",
            "1.2,1.6",
            "--xrange=-1.8,1",
            "--yrange",
            "0.5,1.6",
        ],
        // The same ball in the upper right.
        &[
            "plot",
            "--chart",
            "mean-std",
            "--ball",
            "quadratic,kl",
            "--grid",
            "1x1",
            "--xlim=1,2",
            "--ylim",
            "1.2,1.6",
            "--xrange=-1,1.8",
            "--yrange",
            "0.5,1.6",
        ],
        &[
            "plot",
            "--chart",
            "information",
            "--ball",
            "quadratic,kl,fisher-rao",
        ],
        &[
            "natgrad",
            "--charts",
            "mean-std,mean-logstd",
            "--target",
            "0,1",
            "--from",
            "2,0.5",
        ],
    ];
    for args in figures {
        let out = dir.path().join("l.svg");
        fisherballs()
            .args(args)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let svg = fs::read_to_string(&out).unwrap();
        let boxes = legend_boxes(&svg);
        assert!(!boxes.is_empty(), "{args:?}: no legend");
        let points = drawn_points(&svg);
        for [x, y, w, h] in boxes {
            let covered = points
                .iter()
                .filter(|&&(px, py)| px > x && px < x + w && py > y && py < y + h)
                .count();
            assert_eq!(
                covered, 0,
                "{args:?}: the legend covers {covered} drawn points"
            );
        }
    }
    // pgfplots: the same choice of corner.
    for (args, corner) in [(figures[0], "north east"), (figures[1], "north west")] {
        let out = dir.path().join("l.tex");
        fisherballs()
            .args(args)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let tex = fs::read_to_string(&out).unwrap();
        assert!(tex.contains(&format!("legend pos={corner},")), "{args:?}");
    }
}

#[test]
fn a_compare_panel_spanning_decades_gets_a_log_axis_so_every_ball_reads() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| -> String {
        let out = dir.path().join(name);
        fisherballs()
            .args(["compare", "--charts", "mean-std,information"])
            .args(extra)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        fs::read_to_string(&out).unwrap()
    };
    // The information panel's λ runs from 0.4 to 8.7: a log axis there, not in the first.
    let tex = run("auto.tex", &[]);
    let axes: Vec<&str> = tex.split("\\begin{axis}").skip(1).collect();
    assert!(!axes[0].contains("ymode=log") && axes[1].contains("ymode=log"));
    assert!(axes[1].contains("information chart, log y"));
    assert!(!run("lin.tex", &["--y-scale", "linear"]).contains("ymode=log"));
    assert_eq!(
        run("log.tex", &["--y-scale", "log"])
            .matches("ymode=log")
            .count(),
        2
    );
    // Why: the smallest ball's height as a share of the axis, linear and log.
    let v: Value = serde_json::from_str(&run("c.json", &[])).unwrap();
    let balls = v["panels"][1]["balls"].as_array().unwrap();
    let spans: Vec<(f64, f64)> = balls
        .iter()
        .map(|b| {
            let ys = b["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p[1].as_f64().unwrap());
            ys.fold((f64::INFINITY, 0.0_f64), |(lo, hi), y| {
                (lo.min(y), hi.max(y))
            })
        })
        .collect();
    let lo = spans.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
    let hi = spans.iter().map(|s| s.1).fold(0.0, f64::max);
    let linear = spans
        .iter()
        .map(|s| (s.1 - s.0) / (hi - lo))
        .fold(1.0, f64::min);
    let log = spans
        .iter()
        .map(|s| (s.1 / s.0).ln() / (hi / lo).ln())
        .fold(1.0, f64::min);
    assert!(
        linear < 0.03,
        "linear: the smallest ball is {linear} of the axis"
    );
    assert!(log > 0.05, "log: the smallest ball is {log} of the axis");
    // A plot keeps its linear axis (the post's figure 2 is linear).
    let out = dir.path().join("p.tex");
    fisherballs()
        .args(["plot", "--chart", "information", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(!fs::read_to_string(&out).unwrap().contains("ymode=log"));
}

#[test]
fn progress_shows_on_a_terminal_and_nowhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("fisherballs");
    let out = dir.path().join("p.png");
    let line = format!(
        "{} plot --family beta --ball fisher-rao --grid 10x10 --kl 0.0005 -o {}",
        bin.display(),
        out.display()
    );
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let tty = std::process::Command::new("script")
        .args(["-q", "-c", &line, "/dev/null"])
        .output()
        .expect("script(1) from util-linux runs a command on a terminal");
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(
        shown.contains("drawing"),
        "no spinner on a terminal: {shown}"
    );
    assert!(out.exists());
    // A pipe: nothing on stderr.
    fs::remove_file(&out).unwrap();
    fisherballs()
        .args([
            "plot",
            "--family",
            "beta",
            "--ball",
            "fisher-rao",
            "--grid",
            "10x10",
            "--kl",
            "0.0005",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr("");
}

mod uses_of_every_family {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn a_sample_size_where_no_estimate_exists_is_refused() {
        // Two draws of a categorical law never show all three outcomes.
        refused_command(
            &words("mle --family categorical --charts simplex --at 0.3,0.3 --n 2"),
            None,
            1,
            "1000 of 1000 samples of n = 2 had no maximum-likelihood estimate (an outcome was never drawn",
        );
    }

    #[test]
    fn samples_without_an_estimate_are_left_out_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("m.json");
        let assert = fisherballs()
            .args(words(
                "mle --family categorical --charts simplex,logit --at 0.3,0.3 --n 15 --trials 2000",
            ))
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        let v: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
        let missing = v["no_estimate"].as_u64().unwrap();
        assert!(missing > 0, "{v}");
        assert!(
            stderr.contains(&format!(
                "note: {missing} of 2000 samples of n = 15 had no maximum-likelihood estimate"
            )),
            "{stderr}"
        );
        let drawn = v["panels"][0]["estimates"].as_array().unwrap().len() as u64;
        assert_eq!(drawn + missing, 2000);
    }

    #[test]
    fn a_geodesic_shooting_cannot_find_is_refused() {
        refused_command(
            &words("geodesic --family beta --charts alpha-beta --from 1,1 --to 1e8,1e-8"),
            None,
            1,
            "no Fisher–Rao geodesic from (1, 1) to (1e8, 1e-8) was found: shooting with the exponential map",
        );
    }

    #[test]
    fn charts_and_points_are_checked_against_the_family() {
        refused_command(
            &words("natgrad --family gamma --charts mean-std --target 1,1 --from 2,2"),
            None,
            1,
            "'mean-std' is not a chart of the gamma family; its charts are shape-rate, shape-scale",
        );
        refused_command(
            &words("natgrad --family beta --charts alpha-beta --target=-1,2 --from 2,2"),
            None,
            1,
            "(-1, 2) is outside the alpha-beta chart (α > 0, β > 0)",
        );
        refused_command(
            &words("mml --family weibull --charts gumbel --xlim 0,1 --ylim=-1,1"),
            None,
            1,
            "--ylim -1,1 leaves the domain of the gumbel chart (s = 1/k > 0)",
        );
    }

    #[test]
    fn an_mml_region_is_capped_by_what_its_balls_cost() {
        // A Fisher–Rao point of Beta costs 20 closed-form ones: 10240000 / (128 · 20) = 4000.
        refused_command(
            &words(
                "mml --family beta --charts alpha-beta --xlim 0.01,100 --ylim 0.01,100 --radius 0.05",
            ),
            None,
            1,
            "the region would hold more than 4000 balls of this radius",
        );
    }

    #[test]
    fn every_family_draws_every_use() {
        let dir = tempfile::tempdir().unwrap();
        for (family, charts, a, b) in [
            ("gamma", "shape-rate,log", "3,2", "5,1"),
            ("beta", "alpha-beta,mean-concentration", "2,5", "4,3"),
            ("categorical", "simplex,sphere", "0.3,0.3", "0.5,0.2"),
            ("cauchy", "location-scale,location-logscale", "0,1", "1,0.5"),
            ("weibull", "shape-scale,gumbel", "3,1", "5,0.8"),
            (
                "student-t",
                "location-scale,location-logscale",
                "0,1",
                "1,0.5",
            ),
        ] {
            let f = ["--family", family, "--charts", charts];
            for (cmd, rest) in [
                ("mle", vec!["--at", a, "--n", "200", "--trials", "300"]),
                (
                    "natgrad",
                    vec![
                        "--target", a, "--from", b, "--step", "0.01", "--steps", "50",
                    ],
                ),
                ("geodesic", vec!["--from", a, "--to", b]),
                ("mml", vec!["--radius", "0.2"]),
            ] {
                let out = dir.path().join(format!("{family}-{cmd}.json"));
                fisherballs()
                    .arg(cmd)
                    .args(f)
                    .args(&rest)
                    .arg("-o")
                    .arg(&out)
                    .assert()
                    .success()
                    .stderr("");
                let v: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
                assert_eq!(v["family"], family, "{cmd}");
            }
        }
    }
}
