//! `natgrad`: natural paths in every chart, and bad descents.

use std::fs;

use serde_json::Value;

mod common;
use common::cli::*;

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

/// Every panel's legend lists its entries in one order: this chart's plain and natural
/// paths, then the other charts'.
#[test]
fn the_legend_reads_the_same_in_every_panel() {
    use clap::Parser;
    use fisherballs::cli::args::NatgradArgs;
    use fisherballs::uses::Use;
    use fisherballs::uses::natgrad::Natgrad;
    #[derive(Parser)]
    struct Words {
        #[command(flatten)]
        args: NatgradArgs,
    }
    let words = "natgrad --charts mean-std,information,natural --target 1,1.2 --from=-1,0.5 --step 0.02 -o x.svg";
    let request = Natgrad::new(&Words::parse_from(words.split_whitespace()).args).unwrap();
    let figure = request.solve().unwrap();
    let scene = figure.scene();
    let order = |p: &fisherballs::scene::PanelScene| -> Vec<String> {
        p.paths
            .iter()
            .filter(|c| !c.label.is_empty())
            .map(|c| c.label.clone())
            .collect()
    };
    let first = order(&scene.panels[0]);
    assert_eq!(
        first,
        [
            "plain gradient",
            "natural gradient",
            "plain, other charts",
            "natural, other charts"
        ]
    );
    for panel in &scene.panels[1..] {
        assert_eq!(order(panel), first);
    }
}
