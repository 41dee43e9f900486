//! `mle`: whitened estimates, seeds, and bad requests.

use std::path::Path;

use serde_json::Value;

mod common;
use common::cli::*;

fn export(dir: &Path, name: &str, extra: &[&str]) -> Value {
    json_of(dir, name, &[&["mle", "--at", "0.5,1.5"], extra].concat())
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

/// The caption states what the whitened clouds measure: their sample covariance's largest
/// departure from I over the charts, as the JSON's whitened covariances give it.
#[test]
fn the_caption_states_the_measured_departure_from_a_round_cloud() {
    use clap::Parser;
    use fisherballs::cli::args::MleArgs;
    use fisherballs::number::significant;
    use fisherballs::uses::Use;
    use fisherballs::uses::mle::Mle;
    #[derive(Parser)]
    struct Words {
        #[command(flatten)]
        args: MleArgs,
    }
    let words =
        "mle --family weibull --charts shape-scale,gumbel --at 2,1 --n 20 --trials 400 -o x.json";
    let request = Mle::new(&Words::parse_from(words.split_whitespace()).args).unwrap();
    let figure = request.solve().unwrap();
    let mut json = Vec::new();
    figure.numbers(&mut json).unwrap();
    let v: Value = serde_json::from_slice(&json).unwrap();
    let departure = v["panels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            let w = &p["whitened_covariance"];
            (0..2).flat_map(move |i| {
                (0..2).map(move |j| {
                    let identity = if i == j { 1.0 } else { 0.0 };
                    (w[i][j].as_f64().unwrap() - identity).abs()
                })
            })
        })
        .fold(0.0, f64::max);
    let caption = figure.scene().caption.unwrap();
    assert!(
        caption.contains(&format!(
            "sample covariance within {} of I",
            significant(departure)
        )),
        "{caption}"
    );
    assert!(!caption.contains("round cloud"));
}
