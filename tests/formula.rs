//! Families from formulas (docs/families/*.toml) against the built-in families they
//! rewrite: the same Fisher matrices, ∂F, KL, KL gradients and balls of every kind, and the
//! checks that refuse a wrong density.

use std::sync::Arc;

use fisherballs::geometry::ball::outline;
use fisherballs::geometry::families::formula::FormulaFamily;
use fisherballs::geometry::families::{self};
use fisherballs::geometry::{BallKind, Family, Level, Mat, Model, Point, grid};

fn formula(name: &str) -> Arc<FormulaFamily> {
    let path = format!("{}/docs/families/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    FormulaFamily::from_toml(&text).unwrap_or_else(|e| panic!("{path}: {}", e.0))
}

fn builtin(name: &str) -> Arc<dyn Family> {
    families::family(name, None).unwrap()
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

fn mat_rel(a: Mat, b: Mat) -> f64 {
    (a - b).norm() / b.norm()
}

const PAIRS: [&str; 4] = ["gaussian", "gamma", "beta", "weibull"];

/// The centres of the built-in's default figure, in its canonical parameters.
fn centres(f: &dyn Family) -> Vec<Point> {
    let chart = f.charts()[0];
    let (nx, ny) = chart.default_grid();
    grid::centres(&chart.default_limits(), nx, ny)
        .into_iter()
        .map(|p| chart.theta(p))
        .collect()
}

#[test]
fn formula_fisher_matrices_and_their_derivatives_match_the_built_ins() {
    for name in PAIRS {
        let (f, b) = (formula(name), builtin(name));
        let mut worst = (0.0f64, 0.0f64);
        for t in centres(&*b) {
            worst.0 = worst.0.max(mat_rel(f.fisher(t), b.fisher(t)));
            // ∂F relative to its larger half (the Gaussian's ∂F/∂μ is 0).
            let (df, db) = (f.fisher_derivatives(t), b.fisher_derivatives(t));
            let scale = db[0].norm().max(db[1].norm());
            worst.1 = worst.1.max((df[0] - db[0]).norm().max((df[1] - db[1]).norm()) / scale);
            f.verify(t).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        eprintln!("{name}: F within {:.1e}, ∂F within {:.1e}", worst.0, worst.1);
        assert!(worst.0 < 1e-11, "{name}: F differs by {:.1e}", worst.0);
        assert!(worst.1 < 1e-9, "{name}: ∂F differs by {:.1e}", worst.1);
    }
}

#[test]
fn formula_kl_and_its_gradient_match_the_built_ins() {
    for name in PAIRS {
        let (f, b) = (formula(name), builtin(name));
        let cs = centres(&*b);
        let mut worst = (0.0f64, 0.0f64);
        for w in cs.windows(2) {
            let (t1, t2) = (w[0], w[0] + 0.05 * (w[1] - w[0]));
            worst.0 = worst.0.max(rel(f.kl(t1, t2), b.kl(t1, t2)));
            let (gf, gb) = (f.kl_gradient(t1, t2), b.kl_gradient(t1, t2));
            worst.1 = worst.1.max((gf - gb).norm() / gb.norm());
        }
        eprintln!("{name}: KL within {:.1e}, ∇KL within {:.1e}", worst.0, worst.1);
        assert!(worst.0 < 1e-9, "{name}: KL differs by {:.1e}", worst.0);
        assert!(worst.1 < 1e-8, "{name}: ∇KL differs by {:.1e}", worst.1);
    }
}

/// Every kind of ball at the default level around the default centres: each point of the
/// formula family's ball is on the built-in's ball, to 1e-8 of its level: ½ΔᵀFΔ, KL in its
/// direction, or the closed-form Fisher–Rao distance, by the built-in's own formulas. (Points
/// are not compared in order: where F's Jacobi-scaled eigenvalues are equal, as for the
/// Gaussian's diagonal F, rounding picks the eigenvectors, hence where an outline starts.)
/// A Fisher–Rao ball without a closed form (Gamma, Beta) is drawn by the exponential map in
/// both, from the same start: there points are compared in order, to 1e-8 of the ball's size.
#[test]
fn formula_balls_of_every_kind_match_the_built_ins() {
    for name in PAIRS {
        let (f, b) = (formula(name), builtin(name));
        let level = Level::from_kl(b.default_kl()).unwrap();
        let (cf, cb) = (f.charts()[0], b.charts()[0]);
        let (mf, mb) = (Model::new(&*f, cf), Model::new(&*b, cb));
        for kind in BallKind::ALL {
            let mut worst = 0.0f64;
            for &c in centres(&*b).iter().step_by(3) {
                let pf = outline(&mf, c, kind, level, 48).unwrap();
                let l = level.kl();
                let on_level = |measure: &dyn Fn(Point) -> f64| {
                    pf.iter().map(|&p| (measure(p) - l).abs() / l).fold(0.0, f64::max)
                };
                worst = worst.max(match kind {
                    BallKind::Quadratic => on_level(&|p| {
                        let d = p - c;
                        0.5 * d.dot(&(b.fisher(c) * d))
                    }),
                    BallKind::Kl => on_level(&|p| b.kl(p, c)),
                    BallKind::KlReverse => on_level(&|p| b.kl(c, p)),
                    BallKind::FisherRao if b.fisher_rao(c, c).is_some() => {
                        on_level(&|p| 0.5 * b.fisher_rao(c, p).unwrap().powi(2))
                    }
                    BallKind::FisherRao => {
                        let pb = outline(&mb, c, kind, level, 48).unwrap();
                        let size = pb.iter().map(|p| (p - c).norm()).fold(0.0, f64::max);
                        pf.iter().zip(&pb).map(|(a, z)| (a - z).norm() / size).fold(0.0, f64::max)
                    }
                });
            }
            eprintln!("{name} {}: within {worst:.1e}", kind.name());
            assert!(worst < 1e-8, "{name} {}: balls differ by {worst:.1e}", kind.name());
        }
    }
}
