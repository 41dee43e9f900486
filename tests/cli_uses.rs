//! The uses of every family from the command line: estimates left out, shootings refused,
//! charts and points checked per family, work capped, every use drawn.

use std::fs;

use serde_json::Value;

mod common;
use common::cli::*;

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
