//! Every example a user is shown runs as written: each `fisherballs …` line of the `sh`
//! blocks (with their `\` continuations) of README.md and of every page of docs/, and of
//! every `--help`, in a fresh directory that holds the docs' example figure file as
//! `figures.toml`.

use std::path::Path;

use assert_cmd::Command;

/// README.md and the pages of docs/ (compiled in, so that a change to one rebuilds this).
const PAGES: [&str; 9] = [
    include_str!("../README.md"),
    include_str!("../docs/plot.md"),
    include_str!("../docs/families.md"),
    include_str!("../docs/outputs.md"),
    include_str!("../docs/uses.md"),
    include_str!("../docs/figure-files.md"),
    include_str!("../docs/errors.md"),
    include_str!("../docs/design.md"),
    include_str!("../docs/formula-families.md"),
];

/// Every page of docs/ is one of PAGES, so that no page's examples go unrun (docs/families
/// holds family files, not pages).
#[test]
fn every_page_of_the_docs_is_read() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs");
    let pages = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    assert_eq!(
        pages,
        PAGES.len() - 1,
        "a page of docs/ is missing from PAGES"
    );
}

/// The contents of the fenced blocks of the pages whose info string is `lang`.
fn blocks(lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in PAGES.iter().flat_map(|p| p.lines()) {
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
    assert_eq!(toml.len(), 1, "the docs have one example figure file");
    std::fs::write(dir.path().join("figures.toml"), &toml[0]).unwrap();
    dir
}

#[test]
fn every_example_in_readme_and_docs_runs_as_written() {
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
