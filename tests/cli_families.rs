//! Every family through the command line: each chart in each format, JSON with its family
//! (and ν), compare and figure files, and what the README promises of their defaults.

use std::fs;

use assert_cmd::Command;
use fisherballs::geometry::families;
use serde_json::Value;

mod common;
use common::has_null;

fn fisherballs() -> Command {
    Command::cargo_bin("fisherballs").unwrap()
}

#[test]
fn every_chart_of_every_family_draws_by_default_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for f in families::defaults() {
        for (i, c) in f.charts().iter().enumerate() {
            for ext in ["svg", "png", "json"] {
                let out = dir.path().join(format!("{}-{}.{ext}", f.name(), c.name()));
                let mut cmd = fisherballs();
                cmd.args(["plot", "--family", f.name()]);
                // The first chart is the default: leave --chart out for it.
                if i > 0 {
                    cmd.args(["--chart", c.name()]);
                }
                cmd.arg("-o").arg(&out).assert().success();
                let bytes = fs::read(&out).unwrap();
                assert!(bytes.len() > 1000, "{}", out.display());
                if ext == "json" {
                    let v: Value = serde_json::from_slice(&bytes).unwrap();
                    assert_eq!(v["family"], f.name());
                    assert_eq!(v["chart"], c.name());
                    assert!(!has_null(&v), "{}: null in the JSON", out.display());
                    assert_eq!(v["kl"].as_f64().unwrap(), f.default_kl());
                    let (nx, ny) = c.default_grid();
                    assert_eq!(v["balls"].as_array().unwrap().len(), nx * ny);
                }
            }
        }
    }
}

/// Runs `fisherballs render FILE --out DIR`.
fn render(file: &std::path::Path, dir: &std::path::Path) -> assert_cmd::assert::Assert {
    fisherballs()
        .arg("render")
        .arg(file)
        .arg("--out")
        .arg(dir)
        .assert()
}

/// Runs `args -o DIR/NAME`, which must succeed, and reads the JSON it wrote.
fn json_of(dir: &std::path::Path, name: &str, args: &[&str]) -> Value {
    let out = dir.join(name);
    fisherballs()
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    serde_json::from_slice(&fs::read(&out).unwrap()).unwrap()
}

#[test]
fn student_t_json_carries_nu_and_other_families_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "plot",
        "--family",
        "student-t",
        "--nu",
        "7.5",
        "--ball",
        "kl",
    ];
    let v = json_of(dir.path(), "t.json", &args);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["family", "nu", "chart", "ball", "kl", "radius", "balls"]
    );
    assert_eq!(v["nu"].as_f64(), Some(7.5));
    let args = ["compare", "--family", "gamma", "--charts", "shape-rate,log"];
    let v = json_of(dir.path(), "g.json", &args);
    assert!(v.get("nu").is_none());
    assert_eq!(v["family"], "gamma");
    assert_eq!(v["panels"][1]["chart"], "log");
}

#[test]
fn compare_jeffreys_and_whitened_work_for_every_family() {
    let dir = tempfile::tempdir().unwrap();
    for f in families::defaults() {
        let charts: Vec<&str> = f.charts().iter().map(|c| c.name()).collect();
        let runs: [Vec<String>; 3] = [
            vec!["compare".into(), "--charts".into(), charts.join(",")],
            vec!["plot".into(), "--show".into(), "jeffreys".into()],
            {
                // Whitened at the middle of the first chart's default view.
                let l = f.charts()[0].default_limits();
                let at = format!("{},{}", 0.5 * (l.x.lo + l.x.hi), 0.5 * (l.y.lo + l.y.hi));
                vec![
                    "plot".into(),
                    "--chart".into(),
                    "whitened".into(),
                    "--at".into(),
                    at,
                ]
            },
        ];
        for args in runs {
            let out = dir.path().join("x.json");
            fisherballs()
                .args(&args)
                .args(["--family", f.name(), "--ball", "kl,fisher-rao", "-o"])
                .arg(&out)
                .assert()
                .success();
            let v: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
            assert!(!has_null(&v), "{} {args:?}", f.name());
        }
    }
}

#[test]
fn figure_files_take_family_and_nu() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.toml");
    fs::write(
        &file,
        "[[figure]]\noutput = \"t.json\"\nfamily = \"student-t\"\nnu = 4\nball = \"kl\"\n\n\
         [[figure]]\noutput = \"b.svg\"\ncommand = \"compare\"\nfamily = \"beta\"\n\
         charts = [\"alpha-beta\", \"mean-concentration\"]\n",
    )
    .unwrap();
    render(&file, dir.path()).success();
    let v: Value = serde_json::from_slice(&fs::read(dir.path().join("t.json")).unwrap()).unwrap();
    assert_eq!(v["nu"].as_f64(), Some(4.0));
    assert!(dir.path().join("b.svg").exists());
    // A chart of another family in a figure file is refused with the family's charts.
    fs::write(
        &file,
        "[[figure]]\noutput = \"x.png\"\nfamily = \"beta\"\nchart = \"mean-std\"\n",
    )
    .unwrap();
    render(&file, dir.path())
        .code(1)
        .stderr(predicates::str::contains(
            "figure 1 (x.png): 'mean-std' is not a chart of the beta family; its charts are alpha-beta, mean-concentration, log, expectation",
        ));
    assert!(!dir.path().join("x.png").exists());
}

#[test]
fn points_outside_a_familys_domain_are_refused_without_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["--family", "beta", "--xlim=-1,2"],
            "--xlim -1,2 leaves the domain of the alpha-beta chart (α > 0, β > 0)",
        ),
        (
            &["--family", "categorical", "--xlim", "0.5,0.9"],
            "leaves the domain of the simplex chart (p₁ > 0, p₂ > 0, p₁ + p₂ < 1)",
        ),
        (
            &["--family", "gamma", "--chart", "whitened", "--at", "0,-1"],
            "--at 0,-1 is outside the shape-rate chart (k > 0, β > 0)",
        ),
        (
            &["--family", "weibull", "--chart", "gumbel", "--ylim=-1,1"],
            "leaves the domain of the gumbel chart (s = 1/k > 0)",
        ),
        (
            &["--family", "student-t", "--nu", "0"],
            "--nu 0 is out of range; Student's t takes 0 < ν ≤ 50",
        ),
    ];
    for (flags, words) in cases {
        let out = dir.path().join("x.png");
        fisherballs()
            .arg("plot")
            .args(flags)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(words));
        assert!(!out.exists(), "{flags:?}");
    }
}

#[test]
fn the_docs_table_of_families_is_the_registrys() {
    let page = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/families.md");
    let page = fs::read_to_string(page).unwrap();
    let table = fisherballs::cli::families::markdown_table();
    assert!(
        page.contains(&table),
        "docs/families.md's table of families differs from the registry's; paste this:\n{table}"
    );
}

/// The outlines of a JSON of balls.
fn outlines(v: &Value) -> Vec<Vec<fisherballs::geometry::Point>> {
    v["balls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    fisherballs::geometry::Point::new(
                        p[0].as_f64().unwrap(),
                        p[1].as_f64().unwrap(),
                    )
                })
                .collect()
        })
        .collect()
}

/// The first two outlines that overlap (a point of one inside the other), of all pairs.
fn overlapping(balls: &[Vec<fisherballs::geometry::Point>]) -> Option<(usize, usize)> {
    for i in 0..balls.len() {
        for k in i + 1..balls.len() {
            let (a, b) = (&balls[i], &balls[k]);
            if a.iter().any(|&p| common::inside(p, b)) || b.iter().any(|&p| common::inside(p, a)) {
                return Some((i, k));
            }
        }
    }
    None
}

#[test]
fn default_grids_keep_balls_apart_at_any_level_and_a_chosen_grid_is_drawn_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    for f in families::defaults() {
        for c in f.charts() {
            // The family's level, and ten times it: the grid thins so that balls stay apart.
            for scale in [1.0, 10.0] {
                let kl = (f.default_kl() * scale).to_string();
                let out = dir.path().join("g.json");
                let run = fisherballs()
                    .args([
                        "plot",
                        "--family",
                        f.name(),
                        "--chart",
                        c.name(),
                        "--kl",
                        &kl,
                    ])
                    .arg("-o")
                    .arg(&out)
                    .assert()
                    .success()
                    .stderr("");
                let _ = run;
                let v: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
                let balls = outlines(&v);
                let (nx, ny) = c.default_grid();
                if scale == 1.0 {
                    assert_eq!(balls.len(), nx * ny, "{} {}", f.name(), c.name());
                } else {
                    assert!(
                        balls.len() < nx * ny,
                        "{} {}: did not thin",
                        f.name(),
                        c.name()
                    );
                }
                if let Some((i, k)) = overlapping(&balls) {
                    panic!(
                        "{} {} at L = {kl}: balls {i} and {k} overlap",
                        f.name(),
                        c.name()
                    );
                }
            }
        }
    }
    // A grid asked for is drawn as asked, with one line on stderr.
    let out = dir.path().join("asked.json");
    let run = fisherballs()
        .args([
            "plot", "--chart", "mean-std", "--ball", "kl", "--kl", "0.05", "--grid", "9x5",
        ])
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("note: balls 10 and 19 (row by row from the bottom left) overlap at --grid 9x5 with L = 0.05"), "{stderr}");
    let v: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(outlines(&v).len(), 45);
    assert!(overlapping(&outlines(&v)).is_some());
}

#[test]
fn a_figure_file_names_the_figure_whose_chosen_grid_overlaps() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("figures.toml");
    fs::write(
        &file,
        "[[figure]]\noutput = \"a.png\"\nchart = \"mean-std\"\nball = \"kl\"\nkl = 0.05\ngrid = \"9x5\"\n",
    )
    .unwrap();
    let run = render(&file, dir.path()).success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("note: figure 1 (a.png): balls 10 and 19 (row by row from the bottom left) overlap at --grid 9x5"),
        "{stderr}"
    );
    assert!(dir.path().join("a.png").exists());
}

/// The smallest gap between neighbouring outlines of a grid (`nx` across) once each panel is
/// mapped to the unit square its balls fill, on a log y axis where the figure draws one (a
/// later panel whose balls span more than a decade); overlapping outlines give 0.
fn smallest_drawn_gap(balls: &[Vec<fisherballs::geometry::Point>], nx: usize, log: bool) -> f64 {
    use fisherballs::geometry::Point;
    let y = |v: f64| if log { v.ln() } else { v };
    let all = balls.iter().flatten();
    let (x0, x1) = all
        .clone()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.x), b.max(p.x)));
    let (y0, y1) = all.fold((f64::MAX, f64::MIN), |(a, b), p| {
        (a.min(y(p.y)), b.max(y(p.y)))
    });
    let drawn: Vec<Vec<Point>> = balls
        .iter()
        .map(|b| {
            b.iter()
                .map(|p| Point::new((p.x - x0) / (x1 - x0), (y(p.y) - y0) / (y1 - y0)))
                .collect()
        })
        .collect();
    let near = |a: &[Point], b: &[Point]| {
        if a.iter().any(|&p| common::inside(p, b)) || b.iter().any(|&p| common::inside(p, a)) {
            return 0.0;
        }
        let to_edges = |p: Point, poly: &[Point]| {
            (0..poly.len())
                .map(|k| {
                    let (u, w) = (poly[k], poly[(k + 1) % poly.len()]);
                    let t = ((p - u).dot(&(w - u)) / (w - u).norm_squared()).clamp(0.0, 1.0);
                    (u + (w - u) * t - p).norm()
                })
                .fold(f64::INFINITY, f64::min)
        };
        let one_way = |a: &[Point], b: &[Point]| {
            a.iter()
                .map(|&p| to_edges(p, b))
                .fold(f64::INFINITY, f64::min)
        };
        one_way(a, b).min(one_way(b, a))
    };
    let mut smallest = f64::INFINITY;
    for i in 0..drawn.len() {
        let (col, row) = (i % nx, i / nx);
        for (dc, dr) in [(1isize, 0usize), (-1, 1), (0, 1), (1, 1)] {
            let c = col as isize + dc;
            let k = (row + dr) * nx + c.max(0) as usize;
            if c >= 0 && (c as usize) < nx && k < drawn.len() {
                smallest = smallest.min(near(&drawn[i], &drawn[k]));
            }
        }
    }
    smallest
}

/// Issue 18: the default compare of a family's first two charts keeps its balls apart as
/// drawn in every panel, not only in the first (the Gaussian's information panel drew its
/// bottom rows 0.3 px apart); its grid is as full as that allows (one more column or row
/// would crowd a panel), and a grid asked for is drawn as given.
#[test]
fn default_compares_keep_balls_apart_in_every_panel() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.json");
    let compare = |family: &str, charts: &str, grid: Option<(usize, usize)>| -> Vec<f64> {
        let mut cmd = fisherballs();
        cmd.args([
            "compare", "--family", family, "--charts", charts, "--ball", "kl",
        ]);
        if let Some((nx, ny)) = grid {
            cmd.args(["--grid", &format!("{nx}x{ny}")]);
        }
        cmd.arg("-o").arg(&out).assert().success();
        let v: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
        let panels = v["panels"].as_array().unwrap();
        let nx = match grid {
            Some((nx, _)) => nx,
            None => {
                // The grid drawn: centres in the first panel's first row share their y.
                let balls = outlines(&panels[0]);
                let y = |i: usize| v["panels"][0]["balls"][i]["center"][1].as_f64().unwrap();
                (0..balls.len()).take_while(|&i| y(i) == y(0)).count()
            }
        };
        panels
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let balls = outlines(p);
                let ys = balls.iter().flatten().map(|q| q.y);
                let (lo, hi) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
                let log = i > 0 && lo > 0.0 && (hi / lo).powf(1.06) > 10.0;
                smallest_drawn_gap(&balls, nx, log)
            })
            .collect()
    };
    for f in families::defaults() {
        let charts = f.charts();
        if charts.len() < 2 {
            continue;
        }
        let names = format!("{},{}", charts[0].name(), charts[1].name());
        let gaps = compare(f.name(), &names, None);
        for (i, gap) in gaps.iter().enumerate() {
            assert!(*gap >= 0.003, "{} {names}: panel {i}'s gap {gap}", f.name());
        }
    }
    // The Gaussian's default grid, 9×5, crowds its information panel; 7×4 is drawn and one
    // more column would crowd it again.
    let gaussian = |grid| compare("gaussian", "mean-std,information", Some(grid));
    assert!(gaussian((9, 5))[1] < 0.003);
    assert!(gaussian((8, 4))[1] < 0.003);
    assert!(gaussian((7, 4))[1] >= 0.003);
    let v: Value = serde_json::from_slice(&{
        fisherballs()
            .args([
                "compare",
                "--charts",
                "mean-std,information",
                "--ball",
                "kl",
            ])
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        fs::read(&out).unwrap()
    })
    .unwrap();
    assert_eq!(v["panels"][1]["balls"].as_array().unwrap().len(), 7 * 4);
}
