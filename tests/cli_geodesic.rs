//! `geodesic`: paths and their lengths in every panel, and bad requests.

use std::fs;

use fisherballs::geometry::families::gaussian::Gaussian;
use fisherballs::geometry::{Family, Point};
use serde_json::Value;

mod common;
use common::cli::*;

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
