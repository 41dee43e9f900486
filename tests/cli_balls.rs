//! `compare`, whitened charts and the Jeffreys prior: the same distributions in every panel,
//! and figure files of them.

use std::fs;
use std::path::Path;

use fisherballs::geometry::families::gaussian::Gaussian;
use fisherballs::geometry::{Family, Point};
use serde_json::Value;

mod common;
use common::cli::*;

fn json(dir: &Path, args: &[&str]) -> Value {
    json_of(dir, "c.json", args)
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
            let outline0: Vec<Point> = b0["points"].as_array().unwrap().iter().map(xy).collect();
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
    let widths = |s: &str| s.contains(r#"stroke-width="300""#);
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
        "use \"plot\", \"compare\", \"geodesic\", \"mle\", \"natgrad\", \"mml\", \"ruler\", \"sweep\" or \"hmc\"",
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
