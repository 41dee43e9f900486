//! `mml`: coverings counted alike in every chart, with no hole deeper than r.

use std::path::Path;

use serde_json::Value;

mod common;
use common::cli::*;

fn export(dir: &Path, args: &[&str]) -> Value {
    json_of(dir, "m.json", &[&["mml"], args].concat())
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
        // The volume is stated to 1e-9 relative (docs/uses.md): two charts agree to that.
        assert!((v / v2 - 1.0).abs() < 2e-9, "volumes {v} vs {v2}");
    }
    // A covering: K balls hold more Fisher area than the region (thinness > 1), not
    // wastefully more (hexagonal rows cover at 1.209 in the flat plane, square ones at
    // π/2 = 1.57; rows laid afresh and the balls that reach over the region's edge add the
    // rest at this radius: 1.472 measured).
    let thinness = a["thinness"].as_f64().unwrap();
    assert!((1.0..1.49).contains(&thinness), "thinness {thinness}");
    // A geodesic disc of radius r in curvature −½: 4π(cosh(r/√2) − 1).
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

/// The Jeffreys volume meets its stated precision (1e-9 relative) against closed forms:
/// √det F is √2/σ² in (μ, σ) and 1/(√2 v^{3/2}) in (μ, v = σ²), so μ ∈ [−1, 1] with σ ∈
/// [0.5, 2] (v ∈ [0.25, 4]) has volume 2·√2·(1/0.5 − 1/2) = 3√2 in both (the midpoint rule
/// exported 4.2420349 for the mean-var region, 1.4e-4 off).
#[test]
fn the_jeffreys_volume_meets_its_stated_precision() {
    let dir = tempfile::tempdir().unwrap();
    let exact = 3.0 * 2f64.sqrt();
    for (chart, ylim) in [("mean-std", "0.5,2"), ("mean-var", "0.25,4")] {
        let v = json_of(
            dir.path(),
            &format!("{chart}.json"),
            &[
                "mml",
                "--charts",
                chart,
                "--xlim=-1,1",
                "--ylim",
                ylim,
                "--radius",
                "0.05",
            ],
        );
        let got = v["jeffreys_volume"].as_f64().unwrap();
        assert!(
            (got / exact - 1.0).abs() <= 1e-9,
            "{chart}: {got} vs {exact}"
        );
    }
}

/// A thin slanted region (natural parameters far out: a band of σ from 0.018 to 0.045 whose
/// μ scales as σ²) whose corner pokes into a ball between the points of its boundary: the
/// covering keeps that ball, and every probe of the region is within r of a centre.
#[test]
fn a_thin_regions_corners_are_covered() {
    let dir = tempfile::tempdir().unwrap();
    let json = json_of(
        dir.path(),
        "m.json",
        &[
            "mml",
            "--charts",
            "natural",
            "--xlim=-3000,-1800",
            "--ylim=-1603.6,-250",
            "--radius",
            "1",
        ],
    );
    let hole = json["deepest_hole"].as_f64().unwrap();
    assert!(hole <= 1.0, "a hole of {hole}");
}

/// Issue 23: the coverings left holes deeper than r on the edges of the default regions,
/// which the deepest-hole probe (1024 points inside) missed: Cauchy's location-scale region
/// at r = 0.3 had a point of its bottom edge 1.0199 r from every centre while the export
/// said 0.9456 r. Checked here by an independent route: the Cauchy family's Fisher metric in
/// (x₀, γ) is (dx₀² + dγ²)/(2γ²), a hyperbolic half-plane scaled by 1/√2, whose distance
/// has the closed form acosh(1 + |Δ|²/(2γ₁γ₂))/√2; every edge at 2000 points an edge and
/// the inside on a 200×200 grid are within r of a centre, and the export's deepest hole
/// is what that scan finds, to 1 %.
#[test]
fn cauchy_coverings_leave_no_hole_deeper_than_r_on_the_edges() {
    let dir = tempfile::tempdir().unwrap();
    let distance = |a: (f64, f64), b: (f64, f64)| {
        let d2 = (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2);
        (1.0 + d2 / (2.0 * a.1 * b.1)).acosh() / 2f64.sqrt()
    };
    for r in [0.3, 0.4] {
        let json = export(
            dir.path(),
            &[
                "--family",
                "cauchy",
                "--charts",
                "location-scale",
                "--radius",
                &r.to_string(),
            ],
        );
        // At these radii, large against the region, square rows need fewer balls than
        // hexagonal ones (34 and 21, against about 60 and 45), and the fewer are kept.
        let most = if r == 0.3 { 34 } else { 21 };
        assert!(
            json["count"].as_u64().unwrap() <= most,
            "r = {r}: {}",
            json["count"]
        );
        let panel = &json["panels"][0];
        let pair = |v: &Value| (v[0].as_f64().unwrap(), v[1].as_f64().unwrap());
        let centres: Vec<(f64, f64)> = (panel["balls"].as_array().unwrap().iter())
            .map(|b| pair(&b["center"]))
            .collect();
        let region: Vec<(f64, f64)> = panel["region"]
            .as_array()
            .unwrap()
            .iter()
            .map(pair)
            .collect();
        let lo = region.iter().fold((f64::INFINITY, f64::INFINITY), |a, p| {
            (a.0.min(p.0), a.1.min(p.1))
        });
        let hi = region
            .iter()
            .fold((f64::NEG_INFINITY, f64::NEG_INFINITY), |a, p| {
                (a.0.max(p.0), a.1.max(p.1))
            });
        let hole = |p: (f64, f64)| {
            centres
                .iter()
                .map(|&c| distance(p, c))
                .fold(f64::INFINITY, f64::min)
        };
        let at = |i: usize, n: usize, lo: f64, hi: f64| lo + (hi - lo) * i as f64 / n as f64;
        let edges = (0..=2000).flat_map(|i| {
            let (x, y) = (at(i, 2000, lo.0, hi.0), at(i, 2000, lo.1, hi.1));
            [(x, lo.1), (x, hi.1), (lo.0, y), (hi.0, y)]
        });
        let inside =
            (0..=200 * 201).map(|k| (at(k % 201, 200, lo.0, hi.0), at(k / 201, 200, lo.1, hi.1)));
        let deepest = edges.chain(inside).map(hole).fold(0.0, f64::max);
        assert!(deepest <= r, "r = {r}: a hole of {} r", deepest / r);
        let reported = json["deepest_hole"].as_f64().unwrap();
        assert!(
            (reported / deepest - 1.0).abs() < 0.01,
            "r = {r}: reported {reported}, found {deepest}"
        );
    }
}
