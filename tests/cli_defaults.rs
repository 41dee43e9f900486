//! What a newcomer types before reading the manual: commands without --charts, lists with
//! spaces after their commas, a unit without quotes in a figure file, and help that lists
//! only what a command writes.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;
use common::cli::*;

fn export(dir: &Path, words: &[&str]) -> Value {
    json_of(dir, "out.json", words)
}

/// geodesic, mle, natgrad and mml draw the family's first chart when --charts is left out.
#[test]
fn charts_default_to_the_familys_first() {
    let dir = tempfile::tempdir().unwrap();
    let beta = ["--family", "beta"];
    let cases: [&[&str]; 4] = [
        &["geodesic", "--from", "1,1", "--to", "3,2"],
        &["mle", "--at", "2,3", "--trials", "50"],
        &["natgrad", "--target", "2,3", "--from", "4,1"],
        &["mml", "--radius", "0.5"],
    ];
    for words in cases {
        let v = export(dir.path(), &[words, &beta].concat());
        assert_eq!(v["panels"].as_array().unwrap().len(), 1, "{words:?}");
        assert_eq!(v["panels"][0]["chart"], "alpha-beta", "{words:?}");
    }
}

/// A space after a comma of a list is not part of the next item, on the command line and in
/// figure files alike.
#[test]
fn list_items_are_trimmed() {
    let dir = tempfile::tempdir().unwrap();
    let v = export(
        dir.path(),
        &["plot", "--ball", "kl, fisher-rao", "--grid", "2x2"],
    );
    assert_eq!(v["ball"], "kl,fisher-rao");
    let v = export(
        dir.path(),
        &[
            "compare",
            "--charts",
            "mean-std, information",
            "--grid",
            "2x2",
        ],
    );
    assert_eq!(v["panels"][1]["chart"], "information");
    let file = dir.path().join("f.toml");
    fs::write(
        &file,
        "[[figure]]\noutput = \"a.json\"\nball = \"kl, fisher-rao\"\ngrid = \"2x2\"\n",
    )
    .unwrap();
    fisherballs()
        .arg("render")
        .arg(&file)
        .arg("--out")
        .arg(dir.path().join("o"))
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&fs::read(dir.path().join("o/a.json")).unwrap()).unwrap();
    assert_eq!(v["ball"], "kl,fisher-rao");
    refused(
        &["--ball", "kl, nope"],
        None,
        2,
        "invalid value 'nope' for '--ball <BALL>'",
    );
}

/// Every export states its family's extra parameter, mle and natgrad included.
#[test]
fn every_export_of_student_t_records_nu() {
    let dir = tempfile::tempdir().unwrap();
    let t = ["--family", "student-t", "--nu", "5"];
    let mle = export(
        dir.path(),
        &[&["mle", "--at", "0,1", "--trials", "50"][..], &t].concat(),
    );
    let natgrad = export(
        dir.path(),
        &[&["natgrad", "--target", "0,1", "--from", "1,2"][..], &t].concat(),
    );
    for v in [mle, natgrad] {
        assert_eq!(v["nu"], 5.0);
    }
    let gaussian = export(dir.path(), &["mle", "--at", "0,1", "--trials", "50"]);
    assert!(gaussian.get("nu").is_none());
}

/// A length written without quotes in a figure file is a TOML error with the fix.
#[test]
fn a_unit_without_quotes_says_to_quote_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.toml");
    fs::write(&file, "[[figure]]\noutput = \"a.png\"\nwidth = 3.25in\n").unwrap();
    let out = dir.path().join("o");
    let assert = fisherballs()
        .arg("render")
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("goes in quotes: width = \"3.25in\""),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// `-o`'s help names only the formats a command writes.
#[test]
fn help_names_only_the_formats_a_command_writes() {
    let help = |command: &str| {
        let out = fisherballs().args([command, "--help"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for command in ["geodesic", "mle", "natgrad", "mml", "ruler"] {
        let text = help(command);
        let line = text.lines().find(|l| l.contains("-o, --output")).unwrap();
        assert!(
            line.contains(".json") && !line.contains(".html"),
            "{command}: {line}"
        );
    }
    for command in ["plot", "compare"] {
        let text = help(command);
        let line = text.lines().find(|l| l.contains("-o, --output")).unwrap();
        assert!(line.contains(".html"), "{command}: {line}");
    }
    assert!(!help("plot").contains("SVG, PNG or JSON"));
}

/// `render --help` lists the keys a figure file takes, from the grammar that parses it: every
/// key listed is accepted by its first command, and an unlisted one is refused.
#[test]
fn render_help_lists_the_keys_the_parser_takes() {
    let out = fisherballs().args(["render", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let listed: Vec<(String, String, bool)> = help
        .split("Keys of [[figure]]")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let key = words.next()?;
            let switch = words.next()? == "true/false";
            let command = l.rsplit("— ").next()?.split(", ").next()?;
            Some((key.to_string(), command.to_string(), switch))
        })
        .collect();
    assert!(listed.len() >= 35, "{} keys listed", listed.len());
    for key in ["along", "trials", "y-scale", "no-caption", "charts", "nu"] {
        assert!(listed.iter().any(|(k, ..)| k == key), "{key} is not listed");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.toml");
    let unknown = |key: &str, command: &str, switch: bool| {
        let value = if switch { "true" } else { "\"1\"" };
        let text =
            format!("[[figure]]\noutput = \"a.json\"\ncommand = \"{command}\"\n{key} = {value}\n");
        fs::write(&file, text).unwrap();
        let out = fisherballs()
            .arg("render")
            .arg(&file)
            .arg("--out")
            .arg(dir.path().join("o"))
            .output()
            .unwrap();
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("unknown key")
    };
    for (key, command, switch) in &listed {
        assert!(
            !unknown(key, command, *switch),
            "{command} refuses its listed key {key}"
        );
    }
    assert!(unknown("colour", "plot", false));
}

/// Issue 18: the whitened chart's default grid keeps a ball at the origin, from every chart
/// (at the information chart's (0, 1) the default 3×3 is thinned, to odd counts).
#[test]
fn whitened_defaults_keep_a_ball_at_the_origin_from_every_chart() {
    let dir = tempfile::tempdir().unwrap();
    // N(0, 1) in each chart's own coordinates.
    let at = [
        ("mean-std", "0,1"),
        ("information", "0,1"),
        ("mean-var", "0,1"),
        ("mean-logstd", "0,0"),
        ("natural", "0,-0.5"),
        ("expectation", "0,1"),
    ];
    for (from, point) in at {
        let v = export(
            dir.path(),
            &["plot", "--chart", "whitened", "--from", from, "--at", point],
        );
        let centres: Vec<(f64, f64)> = v["balls"]
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
        assert!(
            centres
                .iter()
                .any(|&(x, y)| x.abs() < 1e-12 && y.abs() < 1e-12),
            "from {from}: centres {centres:?}"
        );
    }
}
