//! `-o page.html` as a file: self-contained, the same bytes every run, every ball grouped
//! at every level in every panel, the levels as stated, the data finite, the size bounded,
//! and refused where a command cannot make a page. tests/browser.rs drives it in Chromium.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use fisherballs::uses::balls::levels;
use serde_json::Value;

mod common;
use common::has_null;

fn page(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    Command::cargo_bin("fisherballs")
        .unwrap()
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    out
}

/// The gallery's page: the default compare of the post's two charts.
const DEFAULT_COMPARE: [&str; 5] = [
    "compare",
    "--charts",
    "mean-std,information",
    "--ball",
    "kl",
];

/// The page's data (the JSON in `<script id="data">`).
fn data(html: &str) -> Value {
    let start = html
        .find(r#"<script id="data" type="application/json">"#)
        .unwrap();
    let body = &html[start..];
    let json = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    serde_json::from_str(json).unwrap()
}

/// (panel, level) → the ball indices grouped there, in order, read from the markup.
fn groups(html: &str) -> BTreeMap<(usize, usize), Vec<usize>> {
    let attr = |tag: &str, name: &str| -> usize {
        let key = format!(r#"{name}=""#);
        let at = tag.find(&key).unwrap() + key.len();
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut out = BTreeMap::new();
    let mut key = (0, 0);
    for tag in html.split('<').filter(|t| t.starts_with("g class=")) {
        if tag.starts_with(r#"g class="level""#) {
            key = (attr(tag, "data-panel"), attr(tag, "data-level"));
            out.insert(key, Vec::new());
        } else if tag.starts_with(r#"g class="ball""#) {
            assert_eq!(attr(tag, "data-level"), key.1, "a ball outside its level");
            out.get_mut(&key).unwrap().push(attr(tag, "data-ball"));
        }
    }
    out
}

#[test]
fn the_default_compare_page_groups_every_ball_at_every_level_and_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let args = DEFAULT_COMPARE;
    let out = page(dir.path(), "c.html", &args);
    let bytes = fs::read(&out).unwrap();
    assert!(bytes.len() <= 3 << 20, "{} bytes", bytes.len());
    let again = page(dir.path(), "d.html", &args);
    assert_eq!(
        bytes,
        fs::read(again).unwrap(),
        "the same command, other bytes"
    );
    let html = String::from_utf8(bytes).unwrap();

    let v = data(&html);
    assert!(!has_null(&v));
    let lv = v["levels"].as_array().unwrap();
    let want = levels(0.01);
    assert_eq!(lv.len(), want.len());
    for (l, w) in lv.iter().zip(want) {
        let kl = l["kl"].as_f64().unwrap();
        assert!((kl - w).abs() < 1e-15 * w, "{kl} vs {w}");
        let r = l["radius"].as_f64().unwrap();
        assert!((r * r / 2.0 - kl).abs() < 1e-12 * kl, "L = r²/2");
    }
    assert_eq!(
        v["levels"][v["current"].as_u64().unwrap() as usize]["kl"],
        0.01
    );
    let balls = v["balls"].as_array().unwrap().len();
    let [nx, ny] = [0, 1].map(|k| v["grid"][k].as_u64().unwrap() as usize);
    assert_eq!(balls, nx * ny);

    // Every ball once, in order, in each panel at each level; only the figure's own level
    // is shown before the script runs.
    let g = groups(&html);
    assert_eq!(g.len(), 2 * lv.len());
    for ((_, _), ids) in &g {
        assert_eq!(ids, &(0..balls).collect::<Vec<_>>());
    }
    let shown =
        html.matches(r#"class="level""#).count() - html.matches(r#"display="none">"#).count();
    assert_eq!(shown, 2, "one level shown in each of two panels");
    assert!(html.contains(r#"<input type="range" id="level""#));

    // Nothing from the network: every reference is inside the file.
    for (what, inside) in [("href=\"", "#"), ("url(", "#")] {
        for at in html.match_indices(what).map(|(i, _)| i + what.len()) {
            assert!(
                html[at..].starts_with(inside),
                "{what}{}",
                &html[at..at + 30]
            );
        }
    }
    for banned in [
        " src=",
        "<link",
        "@import",
        "fetch(",
        "XMLHttpRequest",
        "https://",
    ] {
        assert!(!html.contains(banned), "the page holds {banned}");
    }
    let urls: Vec<&str> = html
        .match_indices("http://")
        .map(|(i, _)| &html[i..i + 30])
        .collect();
    assert!(
        urls.iter().all(|u| u.starts_with("http://www.w3.org/")),
        "only XML namespaces name a web address: {urls:?}"
    );
}

/// The width of ball `i`'s outline in panel 0 at each level, in backend units.
fn widths(html: &str, ball: usize, levels: usize) -> Vec<f64> {
    (0..levels)
        .map(|k| {
            let tag = format!(r#"<g class="ball" data-ball="{ball}" data-level="{k}">"#);
            let at = html.find(&tag).unwrap();
            let poly = &html[at + html[at..].find("points=\"").unwrap() + 8..];
            let xs: Vec<f64> = poly[..poly.find('"').unwrap()]
                .split(' ')
                .map(|p| p.split(',').next().unwrap().parse().unwrap())
                .collect();
            xs.iter().cloned().fold(f64::MIN, f64::max)
                - xs.iter().cloned().fold(f64::MAX, f64::min)
        })
        .collect()
}

#[test]
fn each_level_holds_its_own_balls_and_the_densities_are_the_distributions() {
    let dir = tempfile::tempdir().unwrap();
    let out = page(
        dir.path(),
        "p.html",
        &["plot", "--chart", "mean-std", "--ball", "kl"],
    );
    let html = fs::read_to_string(out).unwrap();
    let v = data(&html);
    let n = v["levels"].as_array().unwrap().len();
    // Balls grow as √L: four levels a decade, so each is 10^(1/8) = 1.33 times wider.
    let w = widths(&html, 0, n);
    for pair in w.windows(2) {
        let ratio = pair[1] / pair[0];
        assert!((ratio - 10f64.powf(0.125)).abs() < 0.03, "widths {w:?}");
    }
    // The centre's density is the Gaussian at the centre (a density: it sums to 1 over
    // its window), and the outline's curves differ from it.
    let law = &v["law"];
    assert_eq!(law["support"], "line");
    let x: Vec<f64> = law["x"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let dx = x[1] - x[0];
    for (b, ball) in v["balls"].as_array().unwrap().iter().enumerate() {
        let (mu, sigma) = (
            ball["centre"][0][0].as_f64().unwrap(),
            ball["centre"][0][1].as_f64().unwrap(),
        );
        let p: Vec<f64> = law["centre"][b]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_f64().unwrap())
            .collect();
        let sum: f64 = p.iter().sum::<f64>() * dx;
        assert!((sum - 1.0).abs() < 1e-3, "ball {b}: ∑p dx = {sum}");
        let peak = 1.0 / (sigma * (2.0 * std::f64::consts::PI).sqrt());
        let j = x
            .iter()
            .position(|&x| (x - mu).abs() <= dx / 2.0 + 1e-12)
            .unwrap();
        let z = (x[j] - mu) / sigma;
        assert!((p[j] - peak * (-0.5 * z * z).exp()).abs() < 1e-3 * peak);
        let ring = &law["outline"][v["current"].as_u64().unwrap() as usize][b];
        assert_eq!(ring.as_array().unwrap().len(), 3);
        assert_ne!(ring[0], law["centre"][b]);
    }
}

#[test]
fn categorical_pages_carry_the_probabilities_of_the_outcomes() {
    let dir = tempfile::tempdir().unwrap();
    let out = page(
        dir.path(),
        "c.html",
        &["plot", "--family", "categorical", "--ball", "kl"],
    );
    let v = data(&fs::read_to_string(out).unwrap());
    assert_eq!(v["law"]["support"], "outcomes");
    assert_eq!(v["law"]["x"], serde_json::json!([0.0, 1.0, 2.0]));
    for (b, ball) in v["balls"].as_array().unwrap().iter().enumerate() {
        let p = &v["law"]["centre"][b];
        let (p1, p2) = (
            ball["centre"][0][0].as_f64().unwrap(),
            ball["centre"][0][1].as_f64().unwrap(),
        );
        assert!((p[0].as_f64().unwrap() - p1).abs() < 1e-3 * p1);
        assert!((p[1].as_f64().unwrap() - p2).abs() < 1e-3 * p2);
    }
}

#[test]
fn commands_that_cannot_make_a_page_say_so_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.html");
    for args in [
        vec!["plot", "--show", "jeffreys"],
        vec!["mml", "--charts", "mean-std"],
        vec!["geodesic", "--charts", "mean-std", "--from=0,1", "--to=1,1"],
        vec!["mle", "--charts", "mean-std", "--at", "0,1"],
        vec![
            "natgrad",
            "--charts",
            "mean-std",
            "--target",
            "1,1.2",
            "--from=-1,0.5",
        ],
    ] {
        let a = Command::cargo_bin("fisherballs")
            .unwrap()
            .args(&args)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(1);
        let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
        assert!(
            err.contains("cannot make an interactive page"),
            "{args:?}: {err}"
        );
        assert!(err.lines().count() <= 2, "{err}");
        assert!(!out.exists());
    }
}

#[test]
fn a_page_takes_the_figures_theme() {
    let dir = tempfile::tempdir().unwrap();
    for (theme, paper, ink) in [
        ("light", "#ffffff", "#000000"),
        ("dark", "#1e2228", "#e8e8e8"),
    ] {
        let out = page(dir.path(), "t.html", &["plot", "--theme", theme]);
        let v = data(&fs::read_to_string(out).unwrap());
        assert_eq!(
            (v["paper"].as_str(), v["ink"].as_str()),
            (Some(paper), Some(ink)),
            "{theme}"
        );
    }
}

/// Issue 18: the page opens on its middle ball; every level's balls lie inside the panel
/// they are drawn in (within its clip rectangle, touching no edge), the top level's too;
/// the density plot has round ticks (1, 2 or 5 × 10^k apart, at least three, inside its axes) on x and, for every ball
/// at every level, on y from 0 over its tallest curve.
#[test]
fn the_page_opens_on_its_middle_ball_frames_every_level_and_ticks_its_density_round() {
    let dir = tempfile::tempdir().unwrap();
    let args = DEFAULT_COMPARE;
    let html = fs::read_to_string(page(dir.path(), "c.html", &args)).unwrap();
    let v = data(&html);
    let [nx, ny] = [0, 1].map(|k| v["grid"][k].as_u64().unwrap() as usize);
    assert_eq!(
        v["first_ball"].as_u64().unwrap() as usize,
        (ny / 2) * nx + nx / 2
    );

    // Clip rectangles by id, then each level's polygons against its own.
    let number = |s: &str, key: &str| -> f64 {
        let at = s.find(key).unwrap() + key.len();
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut clips = BTreeMap::new();
    for part in html.split("<clipPath id=\"").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        let rect = &part[part.find("<rect").unwrap()..];
        let (x, y) = (number(rect, "x=\""), number(rect, "y=\""));
        let (w, h) = (number(rect, "width=\""), number(rect, "height=\""));
        clips.insert(id.to_string(), [x, x + w, y, y + h]);
    }
    let mut levels_checked = 0;
    for group in html.split(r#"<g class="level""#).skip(1) {
        let id = &group[group.find("url(#").unwrap() + 5..];
        let [x0, x1, y0, y1] = clips[&id[..id.find(')').unwrap()]];
        let body = &group[..group.find(r#"<g class="level""#).unwrap_or(group.len())];
        for polygon in body.split(r#"<polygon points=""#).skip(1) {
            for pair in polygon[..polygon.find('"').unwrap()].split(' ') {
                let (x, y) = pair.split_once(',').unwrap();
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                // Strictly inside: the drawing clips a ball that runs out of the panel to
                // its edge, so a point on the edge is a clipped ball.
                assert!(
                    x0 < x && x < x1 && y0 < y && y < y1,
                    "a ball's point ({x}, {y}) on or outside its panel's edge {:?}",
                    [x0, x1, y0, y1]
                );
            }
        }
        levels_checked += 1;
    }
    assert_eq!(levels_checked, 2 * v["levels"].as_array().unwrap().len());

    let law = &v["law"];
    let round = |ticks: &Value, lo: f64, hi: f64| {
        let values: Vec<f64> = ticks
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["value"].as_f64().unwrap())
            .collect();
        assert!(values.len() >= 3, "{values:?}");
        let step = values[1] - values[0];
        let mantissa = step / 10f64.powf(step.log10().floor());
        assert!(
            [1.0, 2.0, 4.0, 5.0]
                .iter()
                .any(|m| (mantissa - m).abs() < 1e-9),
            "{values:?}"
        );
        for v in &values {
            assert!((v / step - (v / step).round()).abs() < 1e-9, "{values:?}");
            assert!((lo..=hi).contains(v), "{values:?} outside [{lo}, {hi}]");
        }
    };
    let [lo, hi] = [0, 1].map(|k| law["x_range"][k].as_f64().unwrap());
    round(&law["x_ticks"], lo, hi);
    let axes = law["y_axes"].as_array().unwrap();
    assert_eq!(axes.len(), v["levels"].as_array().unwrap().len());
    for (k, at_level) in axes.iter().enumerate() {
        for (ball, axis) in at_level.as_array().unwrap().iter().enumerate() {
            let top = axis["top"].as_f64().unwrap();
            round(&axis["ticks"], 0.0, top);
            assert_eq!(axis["ticks"][0]["value"], 0.0);
            let curves = law["centre"][ball].as_array().unwrap().iter().chain(
                law["outline"][k][ball]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|c| c.as_array().unwrap()),
            );
            let tallest = curves.map(|v| v.as_f64().unwrap()).fold(0.0, f64::max);
            assert!(
                tallest < top,
                "level {k} ball {ball}: {tallest} above {top}"
            );
        }
    }
}
