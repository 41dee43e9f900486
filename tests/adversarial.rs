//! A hostile user's inputs: every one refused with exit code 1 or 2, one or two lines on
//! stderr, no panic, no hang, and no file; or drawn, with JSON free of null. Named cases from
//! the adversarial run of issue 12, and property tests over random flags and figure files.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

/// Well past any allowed input's time on 2 cores: reaching it is a hang.
const HANG: Duration = Duration::from_secs(30);

fn fisherballs() -> Command {
    let mut cmd = Command::cargo_bin("fisherballs").unwrap();
    cmd.timeout(HANG);
    cmd
}

fn has_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.iter().any(has_null),
        Value::Object(o) => o.values().any(has_null),
        _ => false,
    }
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
            "plot --chart mean-std --ylim 2,1e100 --show jeffreys",
            "a.svg",
        ),
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
        ("mml --charts expectation --kl 1", "m.json"),
    ];
    for (args, out) in cases {
        let code = promise(&words(args), &dir.path().join(out));
        assert_eq!(code, 1, "{args}");
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_flags_never_panic_hang_or_write_on_failure(
        argv in command_line(),
        ext in prop::sample::select(vec!["json", "svg", "png"]),
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
