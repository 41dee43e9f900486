//! A hostile user's inputs: every one refused with exit code 1 or 2, one or two lines on
//! stderr, no panic, no hang, and no file; or drawn, with JSON free of null. Named cases from
//! the adversarial run of issue 12, and property tests over random flags and figure files.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

mod common;
use common::has_null;

/// Well past any allowed input's time on 2 cores: reaching it is a hang.
const HANG: Duration = Duration::from_secs(30);

fn fisherballs() -> Command {
    let mut cmd = Command::cargo_bin("fisherballs").unwrap();
    cmd.timeout(HANG);
    cmd
}

/// Runs `args -o out`; checks the promise whatever the outcome, and returns the exit code.
fn promise(args: &[String], out: &Path) -> i32 {
    let output = fisherballs()
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or(-1);
    assert!(code != -1, "{args:?}: killed (a hang past {HANG:?}?)");
    assert!(!stderr.contains("panicked"), "{args:?}: panicked\n{stderr}");
    if code == 0 {
        let bytes = std::fs::read(out).unwrap();
        if out.extension().is_some_and(|e| e == "json") {
            let v: Value = serde_json::from_slice(&bytes).unwrap();
            assert!(!has_null(&v), "{args:?}: null in the JSON");
        }
        if out.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            let tag = r#"<script id="data" type="application/json">"#;
            let json = &html[html.find(tag).unwrap() + tag.len()..];
            let v: Value = serde_json::from_str(&json[..json.find("</script>").unwrap()]).unwrap();
            assert!(!has_null(&v), "{args:?}: null in the page's data");
        }
        std::fs::remove_file(out).unwrap();
    } else {
        assert!(code == 1 || code == 2, "{args:?}: exit {code}\n{stderr}");
        let lines = stderr.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(
            (1..=2).contains(&lines),
            "{args:?}: {lines} lines on stderr:\n{stderr}"
        );
        assert!(!out.exists(), "{args:?}: wrote a file on failure");
    }
    code
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

#[test]
fn the_adversarial_runs_cases_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("plot --chart mean-std --xlim=-8.5e307,8.5e307", "a.svg"),
        ("plot --chart mean-std --xlim=0.25,1.7e308", "a.png"),
        (
            "compare --charts mean-std,information --xlim=-100,100 --ylim 2e-154,3e-154",
            "c.svg",
        ),
        (
            "compare --charts mean-std,information --xlim=-100,100 --ylim 2e-154,3e-154",
            "c.json",
        ),
        ("mle --charts mean-std --at 1e300,1", "m.svg"),
        ("mle --charts mean-std --at 1e300,1", "m.json"),
        (
            "natgrad --charts mean-logstd --target=-1,-1e300 --from=4,-0.25",
            "n.png",
        ),
        (
            "compare --charts mean-logstd,expectation,information --xlim=-8.5e307,-0.0 --ball quadratic --radius 1e-9 --grid 1x3",
            "c.png",
        ),
        (
            "compare --charts mean-std,expectation --ylim 1e-16,1e-8 --kl 1e-6",
            "c.json",
        ),
    ];
    for (args, out) in cases {
        let code = promise(&words(args), &dir.path().join(out));
        assert_eq!(code, 1, "{args}");
    }
    // Refused while the covering was a lattice with no point inside this small region; a
    // covering keeps the balls that meet it: 7 of them.
    let code = promise(
        &words("mml --charts expectation --kl 1"),
        &dir.path().join("m.json"),
    );
    assert_eq!(code, 0);
}

/// 48 cases a property, from a fixed seed: CI runs the cases that ran here (a property's
/// counterexample is printed, not saved). Change the seed to explore; 250–300 cases from random seeds each passed when this was written.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 48,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20261125),
        ..ProptestConfig::default()
    }
}

/// Numbers a hostile user types: edges of double precision, signs, zero, NaN.
fn number() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "0", "-0", "1", "-1", "0.5", "2", "-3", "1e-300", "-1e-300", "1e300", "-1e300", "8.5e307",
        "-8.5e307", "1.7e308", "1e-16", "1e-9", "3e-154", "nan", "inf", "-inf", "1e5", "0.01",
        "0.3", "7",
    ])
    .prop_map(str::to_string)
}

fn pair() -> impl Strategy<Value = String> {
    (number(), number()).prop_map(|(a, b)| format!("{a},{b}"))
}

/// A random command line of a figure command: a family, its charts, and random values of
/// the flags that take numbers.
fn command_line() -> impl Strategy<Value = Vec<String>> {
    let families = prop::sample::select(vec![
        ("gaussian", "mean-std,information,expectation"),
        ("gamma", "shape-rate,expectation,natural"),
        ("beta", "alpha-beta,expectation,log"),
        ("categorical", "simplex,sphere,logit"),
        ("cauchy", "location-scale,location-logscale"),
        ("weibull", "shape-scale,gumbel"),
        ("student-t", "location-scale,location-logscale"),
    ]);
    let flags = prop::collection::vec(
        prop_oneof![
            pair().prop_map(|v| vec![format!("--xlim={v}")]),
            pair().prop_map(|v| vec![format!("--ylim={v}")]),
            number().prop_map(|v| vec![format!("--kl={v}")]),
            number().prop_map(|v| vec![format!("--radius={v}")]),
            prop::sample::select(vec![
                "1x1",
                "3x2",
                "0x3",
                "200x200",
                "4294967296x4294967296"
            ])
            .prop_map(|v| vec!["--grid".to_string(), v.to_string()]),
            prop::sample::select(vec!["16", "15", "4096", "100000"])
                .prop_map(|v| vec!["--points".to_string(), v.to_string()]),
            prop::sample::select(vec![
                "quadratic",
                "kl",
                "kl-reverse",
                "fisher-rao",
                "kl,fisher-rao"
            ])
            .prop_map(|v| vec!["--ball".to_string(), v.to_string()]),
            pair().prop_map(|v| vec![format!("--at={v}")]),
            prop::sample::select(vec!["white", "transparent", "#000000", "#12345", "red", ""])
                .prop_map(|v| vec![format!("--background={v}")]),
            prop::sample::select(vec!["light", "dark", "sepia"])
                .prop_map(|v| vec!["--theme".to_string(), v.to_string()]),
            (
                prop::sample::select(vec!["--width", "--height"]),
                prop::sample::select(vec![
                    "150", "149", "3.25in", "2.5in", "8cm", "1mm", "234pt", "6000px", "7e3",
                    "-1in", "NaNin", "infpt", "1e400cm", "3in5", "in", ""
                ])
            )
                .prop_map(|(f, v)| vec![format!("{f}={v}")]),
            number().prop_map(|v| vec![format!("--dpi={v}")]),
            number().prop_map(|v| vec![format!("--font-size={v}")]),
            prop::sample::select(vec!["", "-5 dB", "σ²", "A title far too long for any figure: the same Fisher balls of the Gaussian in every chart there is, drawn over and over again until the words run off both sides of the page and beyond it"])
                .prop_map(|v| vec![format!("--title={v}")]),
        ],
        0..4,
    );
    let command = prop::sample::select(vec!["plot", "compare", "plot-jeffreys"]);
    (families, command, flags).prop_map(|((family, charts), command, flags)| {
        let mut argv = match command {
            "compare" => words(&format!("compare --family {family} --charts {charts}")),
            "plot-jeffreys" => words(&format!("plot --family {family} --show jeffreys")),
            _ => words(&format!("plot --family {family}")),
        };
        argv.extend(flags.into_iter().flatten());
        argv
    })
}

/// A family with two of its charts, for the uses' command lines.
fn family_charts() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "--family gaussian --charts mean-std,information",
        "--family gamma --charts shape-rate,log",
        "--family beta --charts alpha-beta,mean-concentration",
        "--family categorical --charts simplex,logit",
        "--family cauchy --charts location-scale,location-logscale",
        "--family weibull --charts shape-scale,gumbel",
        "--family student-t --nu 0.5 --charts location-scale,location-logscale",
    ])
}

/// A random command line of the uses (mle, natgrad, geodesic, mml) in any family, with
/// random points and sizes.
fn uses_line() -> impl Strategy<Value = Vec<String>> {
    let small = prop::sample::select(vec!["0", "1", "2", "5", "50", "100000", "1000001"]);
    prop_oneof![
        (family_charts(), pair(), small.clone())
            .prop_map(|(f, at, n)| words(&format!("mle {f} --at={at} --n {n} --trials 50"))),
        (family_charts(), pair(), pair(), number()).prop_map(|(f, t, s, step)| words(&format!(
            "natgrad {f} --target={t} --from={s} --step={step} --steps 30"
        ))),
        (family_charts(), pair(), pair(), small.clone()).prop_map(|(f, s, t, along)| words(
            &format!("geodesic {f} --from={s} --to={t} --along {along}")
        )),
        (family_charts(), pair(), pair(), number())
            .prop_map(|(f, x, y, r)| words(&format!("mml {f} --xlim={x} --ylim={y} --radius={r}"))),
        (family_chart(), pair(), pair(), small.clone()).prop_map(|(f, levels, at, steps)| words(
            &format!("sweep {f} --levels={levels} --at={at} --steps {steps}")
        )),
        (ruler_family(), number(), number(), number()).prop_map(|(f, a, b, r)| words(&format!(
            "ruler --family {f} --from={a} --to={b} --radius={r}"
        ))),
        (family_charts(), pair(), small, number(), number()).prop_map(|(f, at, n, step, tol)| {
            words(&format!(
                "hmc {f} --at={at} --n {n} --samples 40 --step={step} --tolerance={tol}"
            ))
        }),
    ]
}

/// A family and one of its charts, as `sweep` takes them.
fn family_chart() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "--family gaussian --chart information",
        "--family gamma --chart log",
        "--family beta --chart alpha-beta",
        "--family categorical --chart sphere",
        "--family cauchy --chart location-scale",
        "--family weibull --chart gumbel",
        "--family student-t --chart location-logscale",
        "--family docs/families/inverse-gaussian.toml --chart log",
    ])
    .prop_map(str::to_string)
}

/// The families `ruler` takes: named, and from files with one parameter.
fn ruler_family() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "poisson",
        "exponential",
        "bernoulli",
        "geometric",
        "docs/families/rayleigh.toml",
        "docs/families/poisson.toml",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_uses_never_panic_hang_or_write_on_failure(
        argv in uses_line(),
        ext in prop::sample::select(vec!["json", "svg", "png", "pdf", "tex", "html", "apng"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        promise(&argv, &dir.path().join(format!("out.{ext}")));
    }

    #[test]
    fn random_flags_never_panic_hang_or_write_on_failure(
        argv in command_line(),
        ext in prop::sample::select(vec!["json", "svg", "png", "pdf", "tex", "html"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        promise(&argv, &dir.path().join(format!("out.{ext}")));
    }
}

#[test]
fn work_is_bounded_before_it_starts() {
    // Each of these ran for minutes, grew past gigabytes, or never ended.
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("mml --charts mean-std --radius 5e-6", "m.json"),
        ("mml --charts mean-std --ylim 1e-9,1", "m.json"),
        (
            "mml --charts mean-std --xlim 1e-20,2e-20 --ylim 0.5,2 --radius 1e-17",
            "m.json",
        ),
        (
            "mml --charts mean-std,mean-var,mean-logstd,information,natural,expectation --radius 0.0137 --points 4096",
            "m.json",
        ),
        (
            "mml --charts mean-std,mean-var --radius 0.0137 --points 1024",
            "m.json",
        ),
        (
            "plot --chart information --grid 200x200 --points 256 --ball kl --show jeffreys",
            "x.png",
        ),
        (
            "plot --family beta --ball fisher-rao --grid 200x200",
            "x.png",
        ),
        ("plot --family student-t --ball kl --grid 200x200", "x.png"),
    ];
    for (args, out) in cases {
        let code = promise(&words(args), &dir.path().join(out));
        assert_eq!(code, 1, "{args}");
    }
}

mod figure_files {
    use std::fs;

    use super::common::cli::{render, tree};

    const GOOD: &str = "[[figure]]\noutput = \"a.svg\"\nchart = \"mean-std\"\n";

    #[test]
    fn a_failing_write_leaves_every_existing_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("a.svg"), "old").unwrap();
        fs::create_dir(out.join("b.png")).unwrap(); // an output that is an existing directory
        let before = tree(&out);
        let text = format!("{GOOD}[[figure]]\noutput = \"b.png\"\nchart = \"mean-std\"\n");
        let (code, stderr) = render(dir.path(), &text, &out);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("output 'b.png' is a directory"), "{stderr}");
        assert_eq!(
            tree(&out),
            before,
            "a.svg was overwritten or a file was left"
        );
        // An index in a folder that cannot be made (a file stands where it would go).
        fs::write(out.join("notadir"), "x").unwrap();
        let before = tree(&out);
        let text = format!("index = \"notadir/README.md\"\n{GOOD}");
        let (code, _) = render(dir.path(), &text, &out);
        assert_eq!(code, 1);
        assert_eq!(tree(&out), before);
    }

    #[test]
    fn refused_files_leave_no_directory_behind() {
        let dir = tempfile::tempdir().unwrap();
        let bad = "[[figure]]\noutput = \"a.svg\"\nchart = \"mean-std\"\nkl = -1\n";
        let (code, _) = render(dir.path(), bad, &dir.path().join("newdir"));
        assert_eq!(code, 1);
        assert!(!dir.path().join("newdir").exists());
        let (code, _) = render(dir.path(), bad, &dir.path().join("x/y/z"));
        assert_eq!(code, 1);
        assert!(!dir.path().join("x").exists(), "x/y left behind");
        // A figure that fails while drawing (a ball that cannot close) leaves nothing either.
        let closing = "[[figure]]\noutput = \"sub/a.svg\"\nchart = \"natural\"\nball = \"kl-reverse\"\nkl = 50\nylim = [-0.02, -0.01]\n";
        let (code, stderr) = render(dir.path(), closing, &dir.path().join("fresh"));
        assert_eq!(code, 1, "{stderr}");
        assert!(!dir.path().join("fresh").exists());
    }

    #[test]
    fn subdirectories_of_dir_are_made_and_names_compared_as_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let text = "[[figure]]\noutput = \"lecture/deep/a.svg\"\nchart = \"mean-std\"\n";
        let (code, stderr) = render(dir.path(), text, &out);
        assert_eq!(code, 0, "{stderr}");
        assert!(out.join("lecture/deep/a.svg").is_file());
        for twin in ["x//a.svg", "x/./a.svg"] {
            let text = format!(
                "[[figure]]\noutput = \"x/a.svg\"\nchart = \"mean-std\"\n[[figure]]\noutput = \"{twin}\"\nchart = \"mean-var\"\n"
            );
            let (code, stderr) = render(dir.path(), &text, &dir.path().join("twins"));
            assert_eq!(code, 1, "{twin}");
            assert!(stderr.contains("is named twice"), "{stderr}");
        }
        let text = format!("index = \"a.svg\"\n{GOOD}");
        let (code, stderr) = render(dir.path(), &text, &dir.path().join("idx"));
        assert_eq!(code, 1);
        assert!(
            stderr.contains("is named twice (or is the index)"),
            "{stderr}"
        );
        assert!(!dir.path().join("idx").exists());
    }

    /// Every kind of unusable output name is found before any file is replaced (issue 20,
    /// class 5): a name ending in a separator, a name longer than the file system takes, an
    /// output that another output needs as its directory, and two names that reach one file
    /// through a symbolic link. Each time the existing figure stays as it was.
    #[test]
    fn every_output_is_checked_before_any_is_written() {
        let long = format!("{}.svg", "x".repeat(300));
        let cases: Vec<(Vec<&str>, &str)> = vec![
            (vec!["a.svg", "b.pdf/"], "ends in '/'"),
            (vec!["a.svg", &long], "longer than"),
            (
                vec!["a.svg", "n.html", "n.html/b.tex"],
                "is also the directory of",
            ),
            (vec!["a.svg", "n.html/b.tex", "l/n.html"], "is a directory"),
            (vec!["a.svg", "l/a.svg"], "the same file"),
            (vec!["a.svg", "l/l/x.svg", "x.svg"], "the same file"),
        ];
        for (names, words) in cases {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("out");
            fs::create_dir(&out).unwrap();
            fs::write(out.join("a.svg"), "old").unwrap();
            std::os::unix::fs::symlink(".", out.join("l")).unwrap();
            let before = tree(&out);
            let text: String = names
                .iter()
                .map(|n| format!("[[figure]]\noutput = \"{n}\"\nchart = \"mean-std\"\n"))
                .collect();
            let (code, stderr) = render(dir.path(), &text, &out);
            assert_eq!(code, 1, "{names:?}: {stderr}");
            assert!(stderr.contains(words), "{names:?}: {stderr}");
            assert!(stderr.lines().count() <= 2, "{stderr}");
            assert_eq!(tree(&out), before, "{names:?} changed the output directory");
        }
    }

    #[test]
    fn a_symbolic_link_inside_dir_cannot_lead_outside_it() {
        let dir = tempfile::tempdir().unwrap();
        let (out, outside) = (dir.path().join("out"), dir.path().join("outside"));
        fs::create_dir_all(&out).unwrap();
        fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("link")).unwrap();
        let text = "[[figure]]\noutput = \"link/a.svg\"\nchart = \"mean-std\"\n";
        let (code, stderr) = render(dir.path(), text, &out);
        assert_eq!(code, 1);
        assert!(
            stderr.contains("resolves outside the output directory"),
            "{stderr}"
        );
        assert!(
            fs::read_dir(&outside).unwrap().next().is_none(),
            "wrote outside DIR"
        );
    }

    #[test]
    fn a_full_standard_output_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("figures.toml");
        fs::write(&file, GOOD).unwrap();
        let out = dir.path().join("out");
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("fisherballs"))
            .arg("render")
            .arg(&file)
            .arg("--out")
            .arg(&out)
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("cannot print to standard output, so nothing was written"));
        assert!(!stderr.contains("panicked"));
        assert!(!out.join("a.svg").exists());
    }

    #[test]
    fn values_are_read_as_values_and_odd_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let text = "[[figure]]\noutput = \"a.json\"\nchart = \"mean-std\"\ntitle = \"-5 dB\"\nxlim = [-1, 1]\n";
        let (code, stderr) = render(dir.path(), text, &out);
        assert_eq!(code, 0, "a value starting with '-' is a value: {stderr}");
        let refused = [
            ("xlim = []", "key 'xlim' is an empty list"),
            ("kl = false", "key 'kl' takes a value, not true or false"),
            ("kl = true", "key 'kl' takes a value, not true or false"),
            ("help = true", "unknown key 'help'"),
            ("version = true", "unknown key 'version'"),
            ("colour = \"red\"", "unknown key 'colour'"),
        ];
        for (line, words) in refused {
            let text = format!("{GOOD}{line}\n");
            let (code, stderr) = render(dir.path(), &text, &dir.path().join("refused"));
            assert_eq!(code, 1, "{line}");
            assert!(stderr.contains(words), "{line}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{line}: {stderr}");
            assert!(!dir.path().join("refused").exists());
        }
    }

    #[test]
    fn a_directory_whose_name_is_not_utf8_is_found() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"d\xffir"));
        fs::create_dir(&odd).unwrap();
        let (code, stderr) = render(dir.path(), GOOD, &odd);
        assert_eq!(code, 0, "{stderr}");
        assert!(odd.join("a.svg").is_file());
    }
}

/// A TOML value a hostile figure file might hold for any key.
fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        number().prop_map(|n| match n.as_str() {
            "nan" | "inf" | "-inf" => n, // TOML spells these the same way
            _ => n,
        }),
        prop::sample::select(vec![
            "true",
            "false",
            "[]",
            "[[]]",
            "\"\"",
            "\"-5 dB\"",
            "\"mean-std\"",
            "\"gamma\"",
            "\"kl\"",
            "[1, 2]",
            "[2, 1]",
            "[-1e300, 1e300]",
            "[\"a\", \"b\"]",
            "{ x = 1 }",
            "\"3x2\"",
            "\"../x.png\"",
            "1979-05-27",
        ])
        .prop_map(str::to_string),
    ]
}

fn toml_key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "chart",
        "charts",
        "family",
        "nu",
        "ball",
        "kl",
        "radius",
        "xlim",
        "ylim",
        "grid",
        "points",
        "at",
        "from",
        "show",
        "title",
        "palette",
        "scale",
        "width",
        "height",
        "dpi",
        "font-size",
        "no-caption",
        "help",
        "output",
        "command",
        "about",
        "colour",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_figure_files_never_panic_or_write_on_failure(
        entries in prop::collection::vec(
            (prop::sample::select(vec!["a.svg", "b.json", "sub/c.png", "a.svg"]),
             prop::collection::btree_map(toml_key(), toml_value(), 0..4)),
            1..3,
        ),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for (output, keys) in &entries {
            text.push_str(&format!("[[figure]]\noutput = \"{output}\"\n"));
            for (k, v) in keys.iter().filter(|(k, _)| k.as_str() != "output") {
                text.push_str(&format!("{k} = {v}\n"));
            }
        }
        let file = dir.path().join("f.toml");
        std::fs::write(&file, &text).unwrap();
        let out = dir.path().join("out");
        let o = fisherballs().arg("render").arg(&file).arg("--out").arg(&out).output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        let code = o.status.code().unwrap_or(-1);
        prop_assert!(code != -1, "{text}: killed (a hang?)");
        prop_assert!(!stderr.contains("panicked"), "{text}: panicked\n{stderr}");
        if code != 0 {
            prop_assert!(code == 1 || code == 2, "{text}: exit {code}");
            prop_assert!(!out.exists(), "{text}: left {out:?} on failure");
            let lines = stderr.lines().filter(|l| !l.trim().is_empty()).count();
            prop_assert!((1..=2).contains(&lines), "{text}: {lines} lines:\n{stderr}");
        }
    }
}

/// Runs a command that must be refused; returns its one or two lines of stderr.
fn refusal(args: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.json");
    let code = promise(&words(args), &out);
    assert_eq!(code, 1, "{args}");
    let o = fisherballs()
        .args(words(args))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    String::from_utf8(o.stderr).unwrap()
}

#[test]
fn messages_print_numbers_as_typed_and_give_true_advice() {
    let cases = [
        (
            "plot --radius 1e200",
            "--radius 1e200 is out of range; use 1.5e-5 to 1414",
        ),
        (
            "plot --kl 1e-12",
            "--kl 1e-12 is out of range; use 1e-10 to 1e6",
        ),
        (
            "plot --ball kl --kl 1e-30",
            "--kl 1e-30 is out of range; use 1e-10 to 1e6",
        ),
        ("plot --kl 1e9", "--kl 1e9 is out of range"),
        (
            "plot --grid 4294967296x4294967296",
            "--grid 4294967296x4294967296 is more balls than the 40000 drawn at most",
        ),
        (
            "compare --charts mean-std,information --at 0,1e-150",
            "--at 0,1e-150 (a point of the first chart) cannot be whitened in the information chart",
        ),
        (
            "plot --chart mean-std --ylim=-1e-300,1",
            "--ylim -1e-300,1 leaves the domain",
        ),
        (
            "plot --family student-t --nu 1e300",
            "--nu 1e300 is out of range",
        ),
    ];
    for (args, words) in cases {
        let stderr = refusal(args);
        assert!(stderr.contains(words), "{args}: {stderr}");
        assert!(stderr.len() < 400, "{args}: a long message\n{stderr}");
    }
}

#[test]
fn the_same_bad_command_gives_the_same_message_every_time() {
    // Balls are solved in parallel; the first failing one in grid order is the one told.
    let args = "compare --charts mean-std,information --ylim 1e-200,2e-200";
    let first = refusal(args);
    for _ in 0..4 {
        assert_eq!(refusal(args), first);
    }
    let args = "plot --chart natural --ball kl-reverse --kl 50 --ylim=-0.5,-0.01";
    let first = refusal(args);
    for _ in 0..4 {
        assert_eq!(refusal(args), first);
    }
}

#[test]
fn geodesics_near_vertical_and_far_out_are_drawn_exactly() {
    let dir = tempfile::tempdir().unwrap();
    for to in ["1e-9,2", "1e-6,2", "1e4,1e-4"] {
        let out = dir.path().join("g.json");
        let args = words(&format!(
            "geodesic --charts mean-std,information --from 0,1 --to {to}"
        ));
        let o = fisherballs()
            .args(&args)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{to}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert!(!has_null(&v), "{to}");
        let g = &v["panels"][0]["geodesics"][0];
        let (length, distance) = (
            g["length"].as_f64().unwrap(),
            g["distance"].as_f64().unwrap(),
        );
        assert!(
            (length / distance - 1.0).abs() < 1e-8,
            "{to}: {length} vs {distance}"
        );
    }
}

#[test]
fn svg_pdf_and_tex_drop_outline_points_no_one_can_see() {
    // 3 600 balls of 1 024 points: 75 MB of SVG before points within a tenth of a pixel of
    // what is drawn were dropped (about 60 points a ball are kept at this size).
    let dir = tempfile::tempdir().unwrap();
    for ext in ["svg", "pdf", "tex"] {
        let out = dir.path().join(format!("big.{ext}"));
        let args = words("plot --chart mean-std --grid 60x60 --points 1024 --ball kl");
        assert_eq!(promise_keep(&args, &out), 0);
        let size = std::fs::metadata(&out).unwrap().len();
        assert!(size < 8_000_000, "{ext}: {size} bytes");
    }
}

/// Runs a command that must succeed and keeps its file.
fn promise_keep(args: &[String], out: &Path) -> i32 {
    let o = fisherballs()
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    o.status.code().unwrap_or(-1)
}
