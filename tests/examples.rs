//! Every example a user is shown runs as written: each `fisherballs …` line of README.md's
//! `sh` blocks (with its `\` continuations) and of `fisherballs --help`, in a fresh
//! directory that holds README.md's example figure file as `figures.toml`.

use std::path::Path;

use assert_cmd::Command;

const README: &str = include_str!("../README.md");

/// The contents of the fenced blocks of README.md whose info string is `lang`.
fn blocks(lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in README.lines() {
        match (&mut current, line.trim_start()) {
            (None, l) if l == format!("```{lang}") => current = Some(String::new()),
            (Some(_), "```") => out.extend(current.take()),
            (Some(text), _) => {
                text.push_str(line);
                text.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// The `fisherballs …` commands of a text, continuation lines joined, split into words
/// (the examples quote nothing).
fn commands(text: &str) -> Vec<Vec<String>> {
    let joined = text.replace("\\\n", " ");
    joined
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("fisherballs "))
        .map(|l| {
            l.split('#')
                .next()
                .unwrap()
                .split_whitespace()
                .map(String::from)
                .collect()
        })
        .collect()
}

fn run(dir: &Path, args: &[String]) {
    let out = Command::cargo_bin("fisherballs")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "fisherballs {}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn fresh() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let toml = blocks("toml");
    assert_eq!(toml.len(), 1, "README.md has one example figure file");
    std::fs::write(dir.path().join("figures.toml"), &toml[0]).unwrap();
    dir
}

#[test]
fn every_example_in_readme_runs_as_written() {
    let dir = fresh();
    let all: Vec<Vec<String>> = blocks("sh").iter().flat_map(|b| commands(b)).collect();
    assert!(all.len() >= 12, "found only {} examples", all.len());
    for args in all {
        run(dir.path(), &args);
    }
}

#[test]
fn every_example_in_help_runs_as_written() {
    let dir = fresh();
    let help = Command::cargo_bin("fisherballs")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let all = commands(&String::from_utf8(help.stdout).unwrap());
    assert!(all.len() >= 8, "found only {} examples", all.len());
    for args in all {
        run(dir.path(), &args);
    }
}

/// Each command's `--help` ends with examples; each runs as written.
#[test]
fn every_example_in_each_commands_help_runs_as_written() {
    let dir = fresh();
    for command in [
        "plot",
        "compare",
        "geodesic",
        "mle",
        "natgrad",
        "mml",
        "render",
        "gallery",
        "completions",
    ] {
        let help = Command::cargo_bin("fisherballs")
            .unwrap()
            .args([command, "--help"])
            .output()
            .unwrap();
        let text = String::from_utf8(help.stdout).unwrap();
        let examples = text.split("Examples:").nth(1).unwrap_or_default();
        let all = commands(examples);
        assert!(
            (2..=3).contains(&all.len()),
            "{command} --help has {} examples",
            all.len()
        );
        for args in all {
            // A completion script's example redirects into a file of the user's: run the
            // command alone.
            let args: Vec<String> = args.into_iter().take_while(|a| a != ">").collect();
            assert_eq!(args[0], command, "{command} --help shows another command");
            run(dir.path(), &args);
        }
    }
}
