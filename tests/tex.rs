//! `-o fig.tex`: pgfplots files that pdflatex compiles, alone and `\input` into a document.
//! These tests need pdflatex with pgfplots and the standalone class (`.ci/run` installs
//! texlive-latex-base, texlive-pictures and texlive-latex-extra); without them they fail.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

mod common;
use common::cli::KINDS;
use fisherballs::geometry::families::gaussian::Gaussian;
use fisherballs::geometry::{Family, Point};

fn fisherballs(dir: &Path, args: &[&str], out: &str) {
    Command::cargo_bin("fisherballs")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .args(["-o", out])
        .assert()
        .success();
}

/// Runs pdflatex on `tex` in `dir` (uncompressed, so the page size can be read) and
/// returns the PDF's bytes; panics with the end of TeX's log on failure.
fn pdflatex(dir: &Path, tex: &str) -> Vec<u8> {
    let job = tex.trim_end_matches(".tex");
    let run = Process::new("pdflatex")
        .current_dir(dir)
        .args([
            "-interaction=nonstopmode",
            "-halt-on-error",
            &format!("-jobname={job}"),
            &format!("\\pdfcompresslevel=0 \\pdfobjcompresslevel=0 \\input{{{tex}}}"),
        ])
        .output()
        .unwrap_or_else(|e| {
            panic!("pdflatex cannot be run ({e}): install TeX with pgfplots, as .ci/run does")
        });
    let log = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "pdflatex {tex} failed:\n{}",
        &log[log.len().saturating_sub(3000)..]
    );
    assert!(!log.contains("Missing character"), "{log}");
    fs::read(dir.join(format!("{job}.pdf"))).unwrap()
}

#[test]
fn a_tex_figure_compiles_alone_to_its_printed_size() {
    let dir = tempfile::tempdir().unwrap();
    let size = ["--width", "3.25in", "--height", "2.5in", "--font-size", "8"];
    fisherballs(
        dir.path(),
        &[&["plot", "--chart", "information"][..], &size].concat(),
        "col.tex",
    );
    let tex = fs::read_to_string(dir.path().join("col.tex")).unwrap();
    assert!(tex.contains(r"\documentclass{standalone}"));
    assert!(tex.contains(r"xlabel={$h = \mu/\sigma^{2}$}"), "{tex}");
    assert!(tex.contains(r"ylabel={$\lambda = 1/\sigma^{2}$}"), "{tex}");
    assert!(
        tex.contains(r"% \caption{gaussian"),
        "the caption, ready for \\caption"
    );
    let pdf = pdflatex(dir.path(), "col.tex");
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/MediaBox [0 0 234 180]"),
        "a 3.25 x 2.5 in page"
    );
}

#[test]
fn every_kind_of_figure_compiles_when_input_into_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let size = ["--width", "6in", "--height", "3.2in"];
    let figures: [&[&str]; 10] = [
        &["compare", "--charts", "mean-std,information"],
        &["plot", "--chart", "mean-std", "--show", "jeffreys"],
        &[
            "plot",
            "--chart",
            "mean-std",
            "--ball",
            "quadratic,kl,kl-reverse,fisher-rao",
            "--palette",
            "grey",
            "--grid",
            "3x2",
            "--radius",
            "0.5",
        ],
        &[
            "mle", "--charts", "mean-std", "--at", "0,1", "--theme", "dark",
        ],
        &[
            "natgrad",
            "--charts",
            "mean-std,mean-logstd",
            "--target",
            "0,1",
            "--from",
            "2,0.5",
        ],
        &[
            "geodesic",
            "--charts",
            "mean-std,natural",
            "--from",
            "-1,0.5",
            "--to",
            "1,1.5",
        ],
        &[
            "compare",
            "--family",
            "categorical",
            "--charts",
            "simplex,logit,sphere",
        ],
        &[
            "compare",
            "--family",
            "beta",
            "--charts",
            "alpha-beta,mean-concentration",
        ],
        &[
            "compare",
            "--family",
            "gamma",
            "--charts",
            "shape-rate,expectation",
        ],
        &[
            "plot",
            "--chart",
            "whitened",
            "--from",
            "information",
            "--at",
            "0,1",
            "--title",
            "50% of $5 & #1_a: σ² ≤ ‖x‖ — {ok}",
        ],
    ];
    let mut doc = String::from(
        "\\documentclass{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n\\begin{document}\n",
    );
    for (k, args) in figures.iter().enumerate() {
        let name = format!("f{k}.tex");
        fisherballs(dir.path(), &[*args, &size[..]].concat(), &name);
        doc.push_str(&format!("\\input{{f{k}.tex}}\n\n"));
    }
    doc.push_str("\\end{document}\n");
    fs::write(dir.path().join("paper.tex"), doc).unwrap();
    let pdf = pdflatex(dir.path(), "paper.tex");
    assert!(pdf.starts_with(b"%PDF"));
}

/// The numbers in the file are the ball's own: the first outline of a KL figure is at its
/// level to the 7 significant digits written.
#[test]
fn outlines_are_written_with_their_numbers() {
    let dir = tempfile::tempdir().unwrap();
    fisherballs(
        dir.path(),
        &[
            "plot", "--chart", "mean-std", "--ball", "kl", "--kl", "0.02", "--grid", "1x1",
        ],
        "one.tex",
    );
    let tex = fs::read_to_string(dir.path().join("one.tex")).unwrap();
    let outline = tex
        .lines()
        .find(|l| l.contains("--cycle"))
        .expect("an outline");
    let inner = &outline[outline.find("coordinates {").unwrap() + 13..outline.rfind('}').unwrap()];
    let points: Vec<Point> = inner
        .split(") (")
        .map(|p| {
            let (x, y) = p.trim_matches(['(', ')']).split_once(',').unwrap();
            Point::new(x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    assert!(points.len() >= 16, "{} points kept", points.len());
    let centre = Point::new(0.0, (0.25 + 1.6) / 2.0);
    for p in points {
        let kl = Gaussian.kl(p, centre);
        assert!((kl / 0.02 - 1.0).abs() < 1e-5, "KL {kl} at {p:?}");
    }
    // The same command writes the same bytes.
    fisherballs(
        dir.path(),
        &[
            "plot", "--chart", "mean-std", "--ball", "kl", "--kl", "0.02", "--grid", "1x1",
        ],
        "two.tex",
    );
    assert_eq!(tex, fs::read_to_string(dir.path().join("two.tex")).unwrap());
}

/// Issue 18's paper sizes in `.tex`: the eight figure kinds as a 3.25 in column figure at
/// 8 pt `\input` into a two-column article, and as a 128 mm × 96 mm figure at 11 pt in
/// Beamer frames; both documents compile. The ticks are the ones the drawn formats choose:
/// the log axis of the comparison has 1-2-5 ticks, labelled in math mode; no title breaks a
/// word.
#[test]
fn every_kind_at_paper_sizes_compiles_in_an_article_and_a_beamer_frame() {
    let dir = tempfile::tempdir().unwrap();
    let column = ["--width", "3.25in", "--height", "2.5in", "--font-size", "8"];
    let slide = ["--width", "128mm", "--height", "96mm", "--font-size", "11"];
    let mut article = String::from(
        "\\documentclass[twocolumn]{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n\\begin{document}\n",
    );
    let mut beamer = String::from(
        "\\documentclass{beamer}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n\\begin{document}\n",
    );
    for (k, (_, args)) in KINDS.iter().enumerate() {
        fisherballs(
            dir.path(),
            &[*args, &column[..]].concat(),
            &format!("c{k}.tex"),
        );
        fisherballs(
            dir.path(),
            &[*args, &slide[..]].concat(),
            &format!("s{k}.tex"),
        );
        article.push_str(&format!("\\noindent\\input{{c{k}.tex}}\n\n"));
        beamer.push_str(&format!(
            "\\begin{{frame}}\\input{{s{k}.tex}}\\end{{frame}}\n"
        ));
    }
    article.push_str("\\end{document}\n");
    beamer.push_str("\\end{document}\n");
    fs::write(dir.path().join("article.tex"), article).unwrap();
    fs::write(dir.path().join("slides.tex"), beamer).unwrap();
    for document in ["article.tex", "slides.tex"] {
        let pdf = pdflatex(dir.path(), document);
        assert!(pdf.starts_with(b"%PDF"));
        // No word broken at a line's end: a text string of the (uncompressed) page that ends
        // in a letter and a hyphen, as "(Gaus-)" did in a column's title.
        let text = String::from_utf8_lossy(&pdf);
        let broken: Vec<&str> = text
            .match_indices("-)")
            .filter(|&(i, _)| text[..i].ends_with(|c: char| c.is_ascii_alphabetic()))
            .map(|(i, _)| &text[text[..i].rfind('(').unwrap_or(i)..i + 2])
            .collect();
        assert!(broken.is_empty(), "{document}: words broken: {broken:?}");
    }
    let compare = fs::read_to_string(dir.path().join("s1.tex")).unwrap();
    assert!(compare.contains("ytick={0.5,1,2,5}"), "{compare}");
    assert!(compare.contains("yticklabels={{$0.5$},{$1$},{$2$},{$5$}}"));
    assert!(compare.contains("xticklabels={{$-2$},{$0$},{$2$}}"));
}
