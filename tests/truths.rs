//! Properties over every family, chart, use and format (issue 20, classes 1–4 and 6): a
//! figure of a view inside the domain, near or far from the default view, at any zoom, either
//! finishes with numbers that meet the invariants that define them, or is refused for a true
//! reason, in one or two lines, with nothing written, and the same way in every format.
//!
//! The invariants are checked by the library's own pieces taken one at a time (the Fisher
//! matrix, KL, the closed-form distance, the charts' maps) and by a quadrature of this
//! file's own, not by the routes the program took to its numbers.

use std::sync::Arc;
use std::time::Duration;

use fisherballs::geometry::{Chart, Family, Limits, Model, Point, families};
use proptest::prelude::*;
use serde_json::Value;

mod common;
use common::{has_null, inside};

/// Well past the 8 s a figure's solving may take on 2 cores, plus drawing: reaching it is a hang.
const HANG: Duration = Duration::from_secs(40);

/// A figure's view: a family, one of its charts, and a rectangle inside the chart's domain,
/// at `zoom` of the largest square that fits around (u, v) of the default limits, with every
/// coordinate scaled by 10^`decades` where the domain allows (far out, where numbers fail).
#[derive(Clone)]
struct View {
    family: Arc<dyn Family>,
    chart: &'static dyn Chart,
    limits: Limits,
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {:?}",
            self.family.name(),
            self.chart.name(),
            self.limits
        )
    }
}

impl View {
    fn model(&self) -> Model<'_> {
        Model::new(self.family.as_ref(), self.chart)
    }

    /// The point at fractions (a, b) of the view.
    fn at(&self, a: f64, b: f64) -> Point {
        let l = self.limits;
        Point::new(l.x.lo + a * l.x.width(), l.y.lo + b * l.y.width())
    }

    fn flags(&self) -> Vec<String> {
        let l = self.limits;
        vec![
            format!("--family={}", self.family.name()),
            format!("--xlim={},{}", l.x.lo, l.x.hi),
            format!("--ylim={},{}", l.y.lo, l.y.hi),
        ]
    }
}

fn pair(p: Point) -> String {
    format!("{},{}", p.x, p.y)
}

fn view() -> impl Strategy<Value = View> {
    let families = families::defaults();
    let count = families.len();
    (
        0..count,
        0..8usize,
        0.1..0.9f64,
        0.1..0.9f64,
        prop::sample::select(vec![1.0, 1e-2, 1e-5]),
        prop::sample::select(vec![0, 0, 3, 40, 150]),
    )
        .prop_map(move |(f, c, u, v, zoom, decades)| {
            let family = families[f].clone();
            let charts = family.charts();
            let chart = charts[c % charts.len()];
            let l = chart.default_limits();
            let centre = Point::new(l.x.lo + u * l.x.width(), l.y.lo + v * l.y.width());
            let (hx, hy) = (
                zoom * u.min(1.0 - u) * l.x.width(),
                zoom * v.min(1.0 - v) * l.y.width(),
            );
            let near = Limits::of(
                (centre.x - hx, centre.x + hx),
                (centre.y - hy, centre.y + hy),
            );
            let far = Limits::of(
                (
                    near.x.lo * 10f64.powi(decades),
                    near.x.hi * 10f64.powi(decades),
                ),
                (
                    near.y.lo * 10f64.powi(decades),
                    near.y.hi * 10f64.powi(decades),
                ),
            );
            let limits = [far, near]
                .into_iter()
                .find(|l| l.corners().iter().all(|&p| chart.contains(p)))
                .unwrap_or(near);
            View {
                family,
                chart,
                limits,
            }
        })
        .prop_filter("a view inside the chart's domain", |v| {
            v.limits.corners().iter().all(|&p| v.chart.contains(p))
                && v.limits.x.width() > 0.0
                && v.limits.y.width() > 0.0
        })
}

/// What a run did: its exit code, stderr, and the JSON it wrote (exit 0).
struct Run {
    code: i32,
    stderr: String,
    json: Option<Value>,
}

/// Runs `args -o DIR/out.EXT` for JSON and for `ext`, and holds what every run must: no
/// panic, no hang, exit 0 with a file (JSON free of null) or 1 with one or two lines and no
/// file, and the same outcome in both formats.
fn run(args: &[String], ext: &str) -> Result<Run, TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let mut runs = Vec::new();
    for ext in ["json", ext] {
        let out = dir.path().join(format!("out.{ext}"));
        let o = common::cli::fisherballs()
            .timeout(HANG)
            .args(args)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr).to_string();
        let code = o.status.code().unwrap_or(-1);
        prop_assert!(code != -1, "{args:?}: killed after {HANG:?} (a hang)");
        prop_assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        prop_assert!(
            code == 0 || code == 1,
            "{args:?} ({ext}): exit {code}: {stderr}"
        );
        prop_assert_eq!(out.exists(), code == 0, "{:?}: a file iff exit 0", args);
        if code == 1 {
            let lines = stderr.lines().filter(|l| !l.trim().is_empty()).count();
            prop_assert!((1..=2).contains(&lines), "{args:?}: {stderr}");
            let left = std::fs::read_dir(dir.path()).unwrap().count();
            prop_assert_eq!(left, 0, "{:?} ({}): files left by a refusal", args, ext);
        }
        let json = (code == 0 && ext == "json")
            .then(|| serde_json::from_slice::<Value>(&std::fs::read(&out).unwrap()).unwrap());
        if let Some(v) = &json {
            prop_assert!(!has_null(v), "{args:?}: null in the JSON");
        }
        if out.exists() {
            std::fs::remove_file(&out).unwrap();
        }
        // Seen with --nocapture: what the cases drew and what they refused.
        eprintln!(
            "outcome: exit {code}: {args:?}: {}",
            stderr.lines().next().unwrap_or("")
        );
        runs.push(Run { code, stderr, json });
    }
    let other = runs.pop().unwrap();
    let json = runs.pop().unwrap();
    // The numbers may exist where a drawing cannot: an axis whose ends double precision
    // cannot tell apart. Nothing else differs between formats.
    let undrawable = json.code == 0 && other.stderr.contains("cannot be drawn");
    prop_assert!(
        json.code == other.code || undrawable,
        "{:?}: JSON and .{} differ: {} / {}",
        args,
        ext,
        json.stderr,
        other.stderr
    );
    Ok(json)
}

/// A refusal of a view inside the domain never says that it is outside it.
fn true_refusal(view: &View, run: &Run) -> Result<(), TestCaseError> {
    for false_reason in [
        "leaves the domain",
        "is outside the",
        "not positive definite",
        "singular",
    ] {
        prop_assert!(
            !run.stderr.contains(false_reason),
            "{:?} {:?}: {}",
            view.family.name(),
            view.limits,
            run.stderr
        );
    }
    Ok(())
}

/// Every export states every parameter of its family (Student-t's ν).
fn states_its_family(view: &View, json: &Value) -> Result<(), TestCaseError> {
    prop_assert_eq!(json["family"].as_str(), Some(view.family.name()));
    if let Some(nu) = view.family.nu() {
        prop_assert_eq!(json["nu"].as_f64(), Some(nu), "ν is not recorded");
    }
    Ok(())
}

fn point(v: &Value) -> Point {
    Point::new(v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

fn points(v: &Value) -> Vec<Point> {
    v.as_array().unwrap().iter().map(point).collect()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// `command --family F --chart(s) C`, with the view's limits when `limits`.
fn base(command: &str, view: &View, chart_flag: &str, limits: bool) -> Vec<String> {
    let mut args = vec![
        command.to_string(),
        format!("{chart_flag}={}", view.chart.name()),
    ];
    args.extend(view.flags().into_iter().take(if limits { 3 } else { 1 }));
    args
}

/// The drawn formats (the interactive page only for plot and compare).
fn format() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["svg", "png", "pdf", "tex"])
}

fn plot_format() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["svg", "png", "pdf", "tex", "html"])
}

/// 24 cases a property from a fixed seed, so that CI runs the cases that ran here; other
/// seeds explore (FISHERBALLS_PROPTEST_SEED), and their counterexamples print in full.
fn config() -> ProptestConfig {
    let seed = std::env::var("FISHERBALLS_PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261204);
    ProptestConfig {
        cases: 24,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Every outline point lies at the ball's level by the definition of its kind, every
    /// centre inside its outline, and a Fisher–Rao ball's Jeffreys mass is that of a disc of
    /// radius r, π r² (1 − K r²/12 + …), |K| ≤ 2 for these families.
    #[test]
    fn balls_lie_at_their_level_and_carry_their_mass(
        view in view(),
        kinds in prop::sample::subsequence(vec!["quadratic", "kl", "kl-reverse", "fisher-rao"], 1..=4),
        kl in prop::sample::select(vec![1e-4, 3e-3, 0.03]),
        grid in prop::sample::select(vec!["1x1", "2x2", "3x2"]),
        jeffreys in any::<bool>(),
        ext in plot_format(),
    ) {
        let mut args = base("plot", &view, "--chart", true);
        args.extend([format!("--ball={}", kinds.join(",")), format!("--kl={kl}"), format!("--grid={grid}")]);
        if jeffreys {
            args.push("--show=jeffreys".into());
        }
        // The Jeffreys view has no interactive page.
        let ext = if jeffreys && ext == "html" { "svg" } else { ext };
        let run = run(&args, ext)?;
        true_refusal(&view, &run)?;
        let Some(json) = run.json else { return Ok(()) };
        states_its_family(&view, &json)?;
        let model = view.model();
        let r2: f64 = 2.0 * kl;
        for ball in json["balls"].as_array().unwrap() {
            let kind = ball["kind"].as_str().unwrap_or(kinds[0]);
            let c = point(&ball["center"]);
            let outline = points(&ball["points"]);
            prop_assert!(inside(c, &outline), "{kind} ball around {c:?} does not enclose it");
            let f = model.fisher(c);
            // A written point is the nearest double to the exact one: half a last bit in each
            // coordinate, in Fisher length (√F_ii) and relative to r, moves the level by
            // twice that. ball::RESOLVED refuses balls where this exceeds 1e-3.
            let half_bit = |v: f64| f64::EPSILON * v.abs().max(f64::MIN_POSITIVE);
            let represented = |p: Point| {
                let units = Point::new(f[(0, 0)].sqrt(), f[(1, 1)].sqrt());
                (half_bit(p.x) * units.x).hypot(half_bit(p.y) * units.y) / r2.sqrt()
            };
            for p in outline {
                let tol = 1e-6 + 4.0 * (represented(p) + represented(c));
                let level = match kind {
                    "quadratic" => 0.5 * (p - c).dot(&(f * (p - c))),
                    "kl" => model.kl(p, c),
                    "kl-reverse" => model.kl(c, p),
                    _ => match model.fisher_rao(c, p) {
                        Some(d) => 0.5 * d * d,
                        None => continue, // by the exponential map: tested in tests/geometry.rs
                    },
                };
                prop_assert!(close(level, kl, tol), "{kind} at {p:?} around {c:?}: {level} for {kl}");
            }
            if let (Some(mass), "fisher-rao") = (ball["mass"].as_f64(), kind) {
                let disc = std::f64::consts::PI * r2;
                prop_assert!(close(mass, disc, 1.2e-3 + r2 / 5.0), "mass {mass} for a disc's {disc}");
            }
        }
    }

    /// A geodesic runs from its start to its end, and its length, summed from the Fisher
    /// matrix along the drawn path, is the distance it reports, which is the closed form's.
    #[test]
    fn geodesics_are_as_long_as_the_distance_they_report(
        view in view(),
        ends in (0.05..0.95f64, 0.05..0.95f64, 0.05..0.95f64, 0.05..0.95f64),
        ext in format(),
    ) {
        let (from, to) = (view.at(ends.0, ends.1), view.at(ends.2, ends.3));
        let mut args = base("geodesic", &view, "--charts", false);
        args.extend([format!("--from={}", pair(from)), format!("--to={}", pair(to))]);
        let run = run(&args, ext)?;
        true_refusal(&view, &run)?;
        let Some(json) = run.json else { return Ok(()) };
        states_its_family(&view, &json)?;
        let model = view.model();
        for g in json["panels"][0]["geodesics"].as_array().unwrap() {
            let path = points(&g["points"]);
            let distance = g["distance"].as_f64().unwrap();
            prop_assert!(close(path[0].x, from.x, 1e-12) && close(path[0].y, from.y, 1e-12));
            let last = path[path.len() - 1];
            prop_assert!(close(last.x, to.x, 1e-9) && close(last.y, to.y, 1e-9), "{last:?} for {to:?}");
            let length: f64 = path
                .windows(2)
                .map(|w| {
                    let d = w[1] - w[0];
                    d.dot(&(model.fisher(0.5 * (w[0] + w[1])) * d)).sqrt()
                })
                .sum();
            prop_assert!((length - distance).abs() <= 2e-3 * distance + 1e-12, "path {length} for {distance}");
            if let Some(exact) = model.fisher_rao(from, to) {
                prop_assert!(close(distance, exact, 1e-6), "{distance} for {exact}");
            }
        }
    }

    /// The sampling covariance the figure expects is F⁻¹/n in each chart, and the estimates
    /// of one data set are the same distribution in every chart (the MLE is equivariant).
    #[test]
    fn estimates_are_the_same_distributions_in_every_chart(
        view in view(),
        at in (0.2..0.8f64, 0.2..0.8f64),
        n in prop::sample::select(vec![30usize, 300]),
        ext in format(),
    ) {
        let true_point = view.at(at.0, at.1);
        let second = view.family.charts().iter().find(|c| c.name() != view.chart.name()).copied();
        let mut args = vec!["mle".to_string()];
        let charts: Vec<&str> = [Some(view.chart.name()), second.map(|c| c.name())].into_iter().flatten().collect();
        args.extend([
            format!("--family={}", view.family.name()),
            format!("--charts={}", charts.join(",")),
            format!("--at={}", pair(true_point)),
            format!("--n={n}"),
            "--trials=40".to_string(),
        ]);
        let run = run(&args, ext)?;
        true_refusal(&view, &run)?;
        let Some(json) = run.json else { return Ok(()) };
        states_its_family(&view, &json)?;
        let panels = json["panels"].as_array().unwrap();
        let chart = |name: &str| view.family.chart(name).unwrap();
        for p in panels {
            let c = chart(p["chart"].as_str().unwrap());
            let model = Model::new(view.family.as_ref(), c);
            let truth = point(&p["true"]);
            // Inverted at unit scale: det F itself underflows far out (σ = 1e94).
            let f = model.fisher(truth);
            let scale = f.amax();
            let expected = (f / scale).try_inverse().unwrap() / scale / n as f64;
            let got = &p["expected"];
            for (i, j) in [(0, 0), (0, 1), (1, 1)] {
                let e = got[i][j].as_f64().unwrap();
                prop_assert!((e - expected[(i, j)]).abs() <= 1e-8 * expected.norm(), "{e} for {}", expected[(i, j)]);
            }
        }
        if let [a, b] = panels.as_slice() {
            let (ca, cb) = (chart(a["chart"].as_str().unwrap()), chart(b["chart"].as_str().unwrap()));
            for (ea, eb) in points(&a["estimates"]).into_iter().zip(points(&b["estimates"])) {
                let carried = cb.phi(ca.theta(ea));
                prop_assert!(
                    (carried - eb).norm() <= 1e-6 * eb.norm().max(1e-300),
                    "{ea:?} in {} is {carried:?} in {}, not {eb:?}", ca.name(), cb.name()
                );
            }
        }
    }

    /// A natural-gradient descent starts where it was told and ends no farther (in KL) from
    /// its target than it started; one started at its target is that one point.
    #[test]
    fn descents_start_at_their_start_and_approach_their_target(
        view in view(),
        ends in (0.2..0.8f64, 0.2..0.8f64, 0.2..0.8f64, 0.2..0.8f64),
        from_target in prop::sample::select(vec![false, false, true]),
        ext in format(),
    ) {
        let target = view.at(ends.0, ends.1);
        let start = if from_target { target } else { view.at(ends.2, ends.3) };
        let mut args = base("natgrad", &view, "--charts", false);
        args.extend([format!("--target={}", pair(target)), format!("--from={}", pair(start))]);
        let run = run(&args, ext)?;
        true_refusal(&view, &run)?;
        if from_target && view.model().contains(target) {
            prop_assert_eq!(run.code, 0, "a descent from its target: {}", run.stderr);
        }
        let Some(json) = run.json else { return Ok(()) };
        states_its_family(&view, &json)?;
        let model = view.model();
        for path in json["panels"][0]["paths"].as_array().unwrap() {
            let pts = points(&path["points"]);
            // Carried from the chart it descended in: the start, to rounding.
            prop_assert!((pts[0] - start).norm() <= 1e-12 * start.norm(), "{:?} for {start:?}", pts[0]);
            if from_target {
                prop_assert_eq!(pts.len(), 1);
            }
            // A step may raise the loss by rounding, at most descent::REACHED (1e-12) a step;
            // measured from the path's own first point (the start carried between charts).
            if path["method"] == "natural" {
                let (first, last) = (pts[0], pts[pts.len() - 1]);
                let slack = 1e-12 * (pts.len() - 1) as f64;
                prop_assert!(model.kl(target, last) <= model.kl(target, first) + 1e-9 * model.kl(target, first).abs() + slack, "{} -> {} over {} steps", model.kl(target, first), model.kl(target, last), pts.len());
            }
        }
    }

    /// A covering's balls leave no hole deeper than r by its own measure, hold at least the
    /// region's Jeffreys volume between them, count log₂ K bits, and the region's volume is
    /// the integral of √det F over it (this file's own composite Gauss–Legendre rule).
    #[test]
    fn coverings_cover_and_measure_their_region(
        view in view(),
        radius in prop::sample::select(vec![0.05, 0.2, 1.0, 5.0]),
        ext in format(),
    ) {
        let mut args = base("mml", &view, "--charts", true);
        args.push(format!("--radius={radius}"));
        let run = run(&args, ext)?;
        true_refusal(&view, &run)?;
        let Some(json) = run.json else { return Ok(()) };
        states_its_family(&view, &json)?;
        let k = json["count"].as_f64().unwrap();
        prop_assert!(k >= 1.0);
        prop_assert!(close(json["bits"].as_f64().unwrap(), k.log2(), 1e-12) || k == 1.0);
        // The Gaussian's covering is exact and states no measured hole.
        if let Some(hole) = json["deepest_hole"].as_f64() {
            prop_assert!(hole <= radius * (1.0 + 1e-9), "a hole of {hole}");
        }
        prop_assert!(json["thinness"].as_f64().unwrap() >= 1.0 - 1e-3);
        let model = view.model();
        let volume = json["jeffreys_volume"].as_f64().unwrap();
        // √det F = √F₁₁ √F₂₂ √(1 − ρ²): no underflow where F ~ 1e-300.
        let density = |p: Point| {
            let f = model.fisher(p);
            let (a, b) = (f[(0, 0)].sqrt(), f[(1, 1)].sqrt());
            a * b * (1.0 - (f[(0, 1)] / a / b).powi(2)).max(0.0).sqrt()
        };
        let (coarse, fine) = (volume_by_panels(&density, view.limits, 6), volume_by_panels(&density, view.limits, 12));
        if close(coarse, fine, 1e-11) {
            prop_assert!(close(volume, fine, 1e-8), "volume {volume} for {fine}");
        }
    }
}

/// ∫∫ over `limits` of `density`, by a 10-point Gauss–Legendre rule on each of panels²
/// panels.
fn volume_by_panels(density: &dyn Fn(Point) -> f64, limits: Limits, panels: usize) -> f64 {
    let rule = gauss_quad::GaussLegendre::new(std::num::NonZeroUsize::new(10).unwrap());
    let (wx, wy) = (
        limits.x.width() / panels as f64,
        limits.y.width() / panels as f64,
    );
    let mut sum = 0.0;
    for i in 0..panels {
        for j in 0..panels {
            let (x0, y0) = (limits.x.lo + i as f64 * wx, limits.y.lo + j as f64 * wy);
            sum += rule.integrate(x0, x0 + wx, |x| {
                rule.integrate(y0, y0 + wy, |y| density(Point::new(x, y)))
            });
        }
    }
    sum
}

#[test]
fn the_views_reach_every_family_far_out_and_zoomed_in() {
    // The strategy's own reach, so that a change to it cannot quietly narrow what is tested.
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let views: Vec<View> = (0..400)
        .map(|_| view().new_tree(&mut runner).unwrap().current())
        .collect();
    for f in families::defaults() {
        assert!(
            views.iter().any(|v| v.family.name() == f.name()),
            "{}",
            f.name()
        );
    }
    assert!(views.iter().any(|v| v.limits.y.hi > 1e100));
    assert!(
        views
            .iter()
            .any(|v| v.limits.x.width() < 1e-4 * v.chart.default_limits().x.width())
    );
}
