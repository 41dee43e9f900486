//! Degenerate but meaningful inputs draw their figure, in every family (issue 20, class 4): a
//! descent started at its target, and a region smaller than one ball (K = 1).

use fisherballs::geometry::families;

mod common;
use common::cli::*;

/// The middle of the default view of a family's first chart, as "X,Y".
fn middle(f: &dyn fisherballs::geometry::Family) -> (String, fisherballs::geometry::Limits) {
    let limits = f.charts()[0].default_limits();
    let (x, y) = (
        0.5 * (limits.x.lo + limits.x.hi),
        0.5 * (limits.y.lo + limits.y.hi),
    );
    (format!("{x},{y}"), limits)
}

#[test]
fn a_descent_from_its_target_is_drawn_with_a_view_around_it_in_every_family() {
    let dir = tempfile::tempdir().unwrap();
    for f in families::defaults() {
        let (at, _) = middle(&*f);
        let name = f.name();
        let words = ["natgrad", "--family", name, "--target", &at, "--from", &at];
        let json = json_of(dir.path(), &format!("{name}.json"), &words);
        for path in json["panels"][0]["paths"].as_array().unwrap() {
            assert_eq!(
                path["points"].as_array().unwrap().len(),
                1,
                "{name}: {path}"
            );
        }
        let png = dir.path().join(format!("{name}.png"));
        let o = fisherballs()
            .args(words)
            .arg("-o")
            .arg(&png)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{name}: {stderr}");
        assert!(
            stderr.contains("reached the target") && stderr.contains("after 0 of 40 steps"),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn a_descent_that_reaches_its_target_stops_there_instead_of_diverging() {
    // Weibull's and Student-t's KL are quadratures: near the target a step's change of the
    // loss is rounding, which read as "raises the loss" (divergence).
    let dir = tempfile::tempdir().unwrap();
    for (family, target, start) in [
        ("weibull", "5,1", "5.0000001,1"),
        ("student-t", "0,1", "0.5,0.5"),
    ] {
        let words = [
            "natgrad", "--family", family, "--target", target, "--from", start, "--steps", "400",
        ];
        let json = json_of(dir.path(), &format!("{family}.json"), &words);
        for path in json["panels"][0]["paths"].as_array().unwrap() {
            let n = path["points"].as_array().unwrap().len();
            assert!((1..=401).contains(&n), "{family}: {n}");
        }
    }
}

#[test]
fn a_region_smaller_than_one_ball_is_covered_by_one_ball_in_every_family() {
    let dir = tempfile::tempdir().unwrap();
    for f in families::defaults() {
        let (_, limits) = middle(&*f);
        let name = f.name();
        // A region a thousandth of the default view's size, about its middle.
        let (mx, my) = (
            limits.x.lo + 0.5 * limits.x.width(),
            limits.y.lo + 0.5 * limits.y.width(),
        );
        let (dx, dy) = (1e-3 * limits.x.width(), 1e-3 * limits.y.width());
        let (xlim, ylim) = (
            format!("--xlim={},{}", mx - dx, mx + dx),
            format!("--ylim={},{}", my - dy, my + dy),
        );
        let chart = f.charts()[0].name();
        let words = ["mml", "--family", name, "--charts", chart, &xlim, &ylim];
        let json = json_of(dir.path(), &format!("{name}.json"), &words);
        assert_eq!(json["count"], 1, "{name}");
        assert_eq!(json["bits"], 0.0, "{name}");
        let (hole, r) = (
            json["deepest_hole"].as_f64().unwrap(),
            json["radius"].as_f64().unwrap(),
        );
        assert!(hole > 0.0 && hole <= r, "{name}: hole {hole}, radius {r}");
    }
}

#[test]
fn a_radius_larger_than_the_region_is_one_ball() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "mml",
        "--charts",
        "mean-std",
        "--xlim=-0.1,0.1",
        "--ylim",
        "0.9,1.1",
        "--radius",
        "1",
    ];
    let json = json_of(dir.path(), "r.json", &words);
    assert_eq!(json["count"], 1);
}
