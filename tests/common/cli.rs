//! What the command-line tests share: running the binary, and checking a refusal (its
//! exit code, a short message on stderr, and nothing written).
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fisherballs() -> Command {
    Command::cargo_bin("fisherballs").unwrap()
}

/// Runs `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = fisherballs().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

pub fn plot(dir: &Path, file: &str, flags: &[&str]) -> (PathBuf, assert_cmd::assert::Assert) {
    let out = dir.join(file);
    let assert = fisherballs()
        .arg("plot")
        .args(flags)
        .arg("-o")
        .arg(&out)
        .assert();
    (out, assert)
}

/// Runs `plot` with `flags` and `-o DIR/out.png` (or `out`), and checks that it fails with
/// `code`, says `words` on stderr in at most two lines (plus clap's usage and help hints), and
/// writes nothing.
pub fn refused(flags: &[&str], out: Option<&str>, code: i32, words: &str) {
    refused_command(&[&["plot"], flags].concat(), out, code, words)
}

/// The same, for any command line.
pub fn refused_command(flags: &[&str], out: Option<&str>, code: i32, words: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = out
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().join("out.png"));
    let assert = fisherballs()
        .args(flags)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(code);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(words),
        "{flags:?}: stderr lacks {words:?}:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    let lines = stderr
        .lines()
        .filter(|l| {
            !l.is_empty() && !l.starts_with("For more information") && !l.starts_with("Usage:")
        })
        .count();
    assert!(lines <= 2, "{flags:?}: {lines} lines:\n{stderr}");
    assert!(!out.exists(), "{flags:?} wrote {}", out.display());
    let leftovers = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 0, "{flags:?} left a file behind");
}

pub const MS: [&str; 2] = ["--chart", "mean-std"];

pub fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    MS.iter().copied().chain(extra.iter().copied()).collect()
}

/// Runs `words` with `-o DIR/NAME` (NAME a .json), checks that it succeeds, and reads what it
/// exported.
pub fn json_of(dir: &Path, name: &str, words: &[&str]) -> serde_json::Value {
    let out = dir.join(name);
    fisherballs()
        .args(words)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    serde_json::from_slice(&fs::read(out).unwrap()).unwrap()
}

/// Runs `render dir/figures.toml --out OUT` on the figure file `text`; returns (exit code,
/// stderr), after checking that it did not panic.
pub fn render(dir: &Path, text: &str, out: &Path) -> (i32, String) {
    let file = dir.join("figures.toml");
    fs::write(&file, text).unwrap();
    let o = fisherballs()
        .arg("render")
        .arg(&file)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (o.status.code().unwrap_or(-1), stderr)
}

/// Every file and link under `dir` (none if it does not exist), as (relative path, bytes
/// or link target), sorted, not following links: what a refused command must leave as it was.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let kind = fs::symlink_metadata(&p).unwrap().file_type();
        if kind.is_symlink() {
            let to = fs::read_link(&p).unwrap().into_os_string();
            out.push((name, to.into_encoded_bytes()));
        } else if kind.is_dir() {
            out.extend(
                tree(&p)
                    .into_iter()
                    .map(|(n, b)| (format!("{name}/{n}"), b)),
            );
        } else {
            out.push((name, fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}

/// The eight figure kinds, as a user asks for them (the paper-size matrix of issue 18).
/// Issue 18's sizes: a 3.25 in column at 8 pt, a 128 mm Beamer frame at 11 pt, a
/// 1920×1080 dark slide.
pub const PAPER_SIZES: [(&str, &[&str]); 3] = [
    (
        "column",
        &["--width", "3.25in", "--height", "2.5in", "--font-size", "8"],
    ),
    (
        "beamer",
        &["--width", "128mm", "--height", "96mm", "--font-size", "11"],
    ),
    (
        "dark slide",
        &["--width", "1920", "--height", "1080", "--theme", "dark"],
    ),
];

pub const KINDS: [(&str, &[&str]); 8] = [
    ("plot", &["plot", "--chart", "information"]),
    ("compare", &["compare", "--charts", "mean-std,information"]),
    (
        "whitened",
        &[
            "plot",
            "--chart",
            "whitened",
            "--from",
            "information",
            "--at",
            "0,1",
        ],
    ),
    (
        "geodesic",
        &[
            "geodesic",
            "--charts",
            "mean-std,information",
            "--from=-1.5,0.5",
            "--to",
            "1.5,0.5",
        ],
    ),
    (
        "mle",
        &["mle", "--charts", "mean-std", "--at", "0,1", "--n", "50"],
    ),
    (
        "natgrad",
        &[
            "natgrad",
            "--charts",
            "mean-std,information",
            "--target",
            "1,1.2",
            "--from=-1,0.5",
            "--step",
            "0.02",
        ],
    ),
    (
        "mml",
        &[
            "mml",
            "--charts",
            "mean-std",
            "--xlim=-1,1",
            "--ylim",
            "0.5,2",
            "--radius",
            "0.3",
        ],
    ),
    (
        "jeffreys",
        &["plot", "--chart", "mean-std", "--show", "jeffreys"],
    ),
];
