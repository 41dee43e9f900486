//! The command line as a user meets it: files written, bytes reproducible, and every bad
//! input refused with exit code 1 or 2, a short message on stderr, and no file. Each use's
//! own figures are tested in `cli_<use>.rs`, their drawing in `cli_drawing.rs`.

use std::fs;
use std::path::Path;

use fisherballs::figure_file::SCREENSHOT;
use fisherballs::geometry::families::gaussian::Gaussian;
use fisherballs::geometry::{Family, Point};
use serde_json::Value;

mod common;
use common::cli::*;

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
    assert!(svg.contains(r#"width="1200" height="900" viewBox="0 0 120000 90000""#));
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
        "end the output name in .svg, .png, .pdf, .tex (pgfplots), .json, .html (an interactive page) or .apng (an animation, sweep)",
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
        "does not reach its level before the edge of the chart's domain",
    );
}

/// Geometry's errors state numbers; the request layer adds the flags that change them.
#[test]
fn errors_met_while_solving_name_the_flags_that_change_them() {
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
        "along its rays; use a smaller --kl/--radius or limits farther from the edge",
    );
    refused_command(
        &[
            "geodesic",
            "--family",
            "beta",
            "--charts",
            "alpha-beta",
            "--from",
            "1,1",
            "--to",
            "1e8,1e-8",
        ],
        None,
        1,
        "; choose --from and --to nearer each other",
    );
    refused_command(
        &["mml", "--charts", "mean-std", "--radius", "0.001"],
        None,
        1,
        "the region would hold more than 40000 balls of this radius, the most a figure draws with this family, --points and charts (40000 balls, 10240000 outline points over all charts, weighed by their cost); use a larger --radius",
    );
    refused_command(
        &["plot", "--chart", "whitened", "--at", "0,-1"],
        None,
        1,
        "--at 0,-1 is outside the mean-std chart",
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

/// Shell completions and a manual page, as Rust command-line tools ship them.
#[test]
fn completions_and_the_manual_page_are_printed() {
    let stdout = |words: &[&str]| {
        let out = fisherballs().args(words).output().unwrap();
        assert!(out.status.success(), "{words:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("_fisherballs()") && bash.contains("natgrad"));
    // bash reads the script without a syntax error.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("fisherballs.bash");
    fs::write(&script, &bash).unwrap();
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(parsed.success());
    assert!(stdout(&["completions", "zsh"]).starts_with("#compdef fisherballs"));
    assert!(stdout(&["completions", "fish"]).contains("complete -c fisherballs"));
    let man = stdout(&["man"]);
    assert!(man.contains(".TH fisherballs 1"), "{man}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS"] {
        assert!(man.contains(section), "the manual lacks {section}");
    }
    for command in [
        "plot", "compare", "geodesic", "mle", "natgrad", "mml", "ruler", "render",
    ] {
        assert!(
            man.contains(&format!("fisherballs\\-{command}")),
            "{command}"
        );
    }
    let unknown = fisherballs().args(["completions", "tcsh"]).assert().code(2);
    let stderr = String::from_utf8(unknown.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("invalid value 'tcsh'") && stderr.contains("bash"),
        "{stderr}"
    );
}
