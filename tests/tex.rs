//! `-o fig.tex`: pgfplots files that pdflatex compiles, alone and `\input` into a document.
//! These tests need pdflatex with pgfplots and the standalone class (`.ci/run` installs
//! texlive-latex-base, texlive-pictures and texlive-latex-extra); without them they fail.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

mod common;
use common::cli::{KINDS, PAPER_SIZES};
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
    // The axis names are nodes in math mode, y's turned to read upwards.
    let node = |name: &str| {
        tex.lines()
            .find(|l| l.starts_with(r"\node") && l.contains(name))
    };
    assert!(node(r"{$h = \mu/\sigma^{2}$}}").is_some(), "{tex}");
    let y = node(r"{$\lambda = 1/\sigma^{2}$}}").expect("the y axis name");
    assert!(y.contains("rotate=90"), "{y}");
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
    let figures: [&[&str]; 11] = [
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
            "hmc",
            "--charts",
            "mean-std,information",
            "--at",
            "0,1",
            "--n",
            "10",
            "--samples",
            "300",
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
        // (A string of printable words: a font's binary data can hold "z-)" too.)
        let broken: Vec<&str> = text
            .match_indices("-)")
            .filter(|&(i, _)| text[..i].ends_with(|c: char| c.is_ascii_alphabetic()))
            .map(|(i, _)| &text[text[..i].rfind('(').unwrap_or(i)..i + 2])
            .filter(|s| s.len() < 60 && s.chars().all(|c| c.is_ascii_graphic() || c == ' '))
            .collect();
        assert!(broken.is_empty(), "{document}: words broken: {broken:?}");
    }
    let compare = fs::read_to_string(dir.path().join("s1.tex")).unwrap();
    assert!(compare.contains("ytick={0.5,1,2,5}"), "{compare}");
    // Their labels are nodes, in math mode.
    let labels: Vec<&str> = (compare.lines())
        .filter(|l| l.starts_with(r"\node[anchor=east"))
        .map(|l| &l[l.rfind("{$").unwrap()..])
        .collect();
    let log_axis = ["{$0.5$}};", "{$1$}};", "{$2$}};", "{$5$}};"];
    assert!(labels.windows(4).any(|w| w == log_axis), "{labels:?}");
}

/// What a `.tex` file lays out, in points from its page's top left corner (y downwards):
/// the page, each axis box with its ranges and the points plotted in it, the legend boxes.
#[derive(Debug, Default)]
struct TexLayout {
    page: (f64, f64),
    axes: Vec<TexAxis>,
    legends: Vec<[f64; 4]>,
}

#[derive(Debug, Default)]
struct TexAxis {
    /// x0, y0, x1, y1.
    at: [f64; 4],
    x: (f64, f64),
    y: (f64, f64),
    log_y: bool,
    points: Vec<(f64, f64)>,
}

impl TexAxis {
    /// A data point on the page, if it falls inside the axis box (pgfplots clips the rest).
    fn on_page(&self, (x, y): (f64, f64)) -> Option<(f64, f64)> {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = match self.log_y {
            true => (y / self.y.0).ln() / (self.y.1 / self.y.0).ln(),
            false => (y - self.y.0) / (self.y.1 - self.y.0),
        };
        let [x0, y0, x1, y1] = self.at;
        ((0.0..=1.0).contains(&fx) && (0.0..=1.0).contains(&fy))
            .then_some((x0 + fx * (x1 - x0), y1 - fy * (y1 - y0)))
    }
}

/// The numbers of `(Abp,Bbp)` pairs in `s`, in order, y turned downwards.
fn bp_pairs(s: &str) -> Vec<(f64, f64)> {
    s.split('(')
        .skip(1)
        .filter_map(|p| {
            let (a, b) = p.split(')').next()?.split_once(',')?;
            let a = a.strip_suffix("bp")?.parse::<f64>().ok()?;
            let b = b.strip_suffix("bp")?.parse::<f64>().ok()?;
            Some((a, -b))
        })
        .collect()
}

fn read_tex_layout(tex: &str) -> TexLayout {
    let mut layout = TexLayout::default();
    let mut in_options = false;
    // A large figure's axes are drawn smaller and magnified by a \scalebox.
    let mut magnified = 1.0;
    let value = |l: &str, key: &str| -> Option<f64> {
        let start = l.find(&format!("{key}="))? + key.len() + 1;
        let v = l[start..].split([',', ']']).next()?.trim();
        v.trim_end_matches("bp").parse().ok()
    };
    for l in tex.lines() {
        let l = l.trim();
        if let Some(k) = l.strip_prefix(r"\scalebox{") {
            magnified = k.split('}').next().unwrap().parse().unwrap();
        } else if l.starts_with(r"\useasboundingbox") && layout.page == (0.0, 0.0) {
            layout.page = bp_pairs(l)[1];
        } else if l.starts_with(r"\begin{axis}") {
            layout.axes.push(TexAxis::default());
            in_options = true;
        } else if in_options {
            let axis = layout.axes.last_mut().unwrap();
            if l.starts_with("at=") {
                let (x, y) = bp_pairs(l)[0];
                axis.at = [x, y, x, y];
            }
            if let Some(w) = value(l, "width").filter(|_| l.starts_with("width")) {
                axis.at[2] = axis.at[0] + w;
            }
            if let Some(h) = value(l, "height").filter(|_| l.starts_with("height")) {
                axis.at[3] = axis.at[1] + h;
            }
            if l.starts_with("xmin") {
                axis.x = (value(l, "xmin").unwrap(), value(l, "xmax").unwrap());
            }
            if l.starts_with("ymin") {
                axis.y = (value(l, "ymin").unwrap(), value(l, "ymax").unwrap());
            }
            axis.log_y |= l.starts_with("ymode=log");
            in_options = !l.ends_with(']');
        } else if l.starts_with(r"\addplot") {
            let inner = &l[l.find("coordinates {").unwrap() + 13..l.rfind('}').unwrap()];
            let points = inner.split(") (").map(|p| {
                let (x, y) = p.trim_matches(['(', ')']).split_once(',').unwrap();
                (x.parse::<f64>().unwrap(), y.parse::<f64>().unwrap())
            });
            layout.axes.last_mut().unwrap().points.extend(points);
        } else if l.starts_with(r"\fill[") && l.contains("fill opacity=0.9]") {
            let c = bp_pairs(l);
            layout.legends.push([c[0].0, c[0].1, c[1].0, c[1].1]);
        }
    }
    for axis in &mut layout.axes {
        axis.at = axis.at.map(|v| magnified * v);
    }
    layout
}

/// The word boxes pdftotext finds on the first page, and the page's size, in points from
/// its top left corner.
/// A word and its box (x0, y0, x1, y1).
type Word = (String, [f64; 4]);

fn pdf_words(pdf: &Path) -> ((f64, f64), Vec<Word>) {
    let run = Process::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext cannot be run ({e}): install poppler-utils, as .ci/run does")
        });
    let html = String::from_utf8_lossy(&run.stdout).to_string();
    let attr = |l: &str, name: &str| -> f64 {
        let start = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        l[start..].split('"').next().unwrap().parse().unwrap()
    };
    let page = html.lines().find(|l| l.contains("<page")).unwrap();
    let size = (attr(page, "width"), attr(page, "height"));
    let words = html
        .lines()
        .filter(|l| l.contains("<word"))
        .map(|l| {
            let text = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string();
            let at = ["xMin", "yMin", "xMax", "yMax"].map(|k| attr(l, k));
            (text, at)
        })
        .collect();
    (size, words)
}

/// Issue 18: a `.tex` is laid out by the drawn formats' solver, and its compiled page keeps
/// that layout. For every figure kind at the three paper sizes (and a column at the default
/// text size), compiled alone:
/// - each axis box is the SVG's plotting area, to a hundredth of a point (a column's
///   comparison kept axes 57 bp wide in fixed bands);
/// - no plotted point inside the axes lies in a legend box;
/// - every word pdftotext finds is inside the page, and no two words overlap;
/// - no line had to be scaled down to fit its measured width (the log has no warning).
#[test]
fn compiled_tex_figures_keep_the_drawn_layout_at_paper_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    // The paper sizes, and a column at the default text size (README's example: 6 pt).
    let column: (&str, &[&str]) = (
        "column at 6 pt",
        &["--width", "3.25in", "--height", "2.5in"],
    );
    let sizes = [&PAPER_SIZES[..], &[column]].concat();
    for (kind, args) in KINDS {
        for (k, (size, flags)) in sizes.iter().enumerate() {
            let name = format!("{kind}-{k}");
            let what = format!("{kind} at {size}");
            let args = [args, *flags].concat();
            fisherballs(dir.path(), &args, &format!("{name}.tex"));
            // The drawn figure without the caption a `.tex` leaves to the document.
            let drawn = [&args[..], &["--no-caption"]].concat();
            fisherballs(dir.path(), &drawn, &format!("{name}.svg"));
            let tex = fs::read_to_string(dir.path().join(format!("{name}.tex"))).unwrap();
            let svg = fs::read_to_string(dir.path().join(format!("{name}.svg"))).unwrap();
            let layout = read_tex_layout(&tex);
            // The SVG's axis lines: a polyline down the left side and along the bottom.
            let view: f64 = svg
                .split("viewBox=\"0 0 ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let per_bp = view / layout.page.0;
            let boxes: Vec<[f64; 4]> = svg
                .lines()
                .filter_map(|l| {
                    let pts = l.strip_prefix("<polyline points=\"")?.split('"').next()?;
                    let v: Vec<(f64, f64)> = pts
                        .split(' ')
                        .filter_map(|p| p.split_once(','))
                        .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
                        .collect();
                    (v.len() == 3 && v[0].0 == v[1].0 && v[1].1 == v[2].1)
                        .then(|| [v[0].0, v[0].1, v[2].0, v[2].1].map(|c| c / per_bp))
                })
                .collect();
            assert_eq!(boxes.len(), layout.axes.len(), "{what}: axes");
            for (axis, drawn) in layout.axes.iter().zip(&boxes) {
                // The SVG rounds its plotting area to its own units (a hundredth of a pixel).
                let off = (0..4)
                    .map(|i| (axis.at[i] - drawn[i]).abs())
                    .fold(0.0, f64::max);
                if off > 0.01 {
                    failures.push(format!("{what}: axis {:?} vs drawn {:?}", axis.at, drawn));
                }
                for legend in &layout.legends {
                    let inside =
                        axis.points
                            .iter()
                            .filter_map(|&p| axis.on_page(p))
                            .find(|&(x, y)| {
                                x > legend[0] && x < legend[2] && y > legend[1] && y < legend[3]
                            });
                    if let Some(p) = inside {
                        failures.push(format!("{what}: point {p:?} under legend {legend:?}"));
                    }
                }
            }
            let pdf = pdflatex(dir.path(), &format!("{name}.tex"));
            assert!(pdf.starts_with(b"%PDF"));
            let log = fs::read_to_string(dir.path().join(format!("{name}.log"))).unwrap();
            if let Some(line) = log.lines().find(|l| l.contains("fisherballs:")) {
                failures.push(format!("{what}: {line}"));
            }
            let ((w, h), words) = pdf_words(&dir.path().join(format!("{name}.pdf")));
            for (text, [x0, y0, x1, y1]) in &words {
                if *x0 < -0.5 || *y0 < -0.5 || *x1 > w + 0.5 || *y1 > h + 0.5 {
                    failures.push(format!("{what}: \"{text}\" leaves the {w}×{h} page"));
                }
            }
            // A lone symbol's box is its font's (pdftotext takes the ascent and descent of
            // the whole font, which for TeX's symbol fonts reach far past a √ or a −).
            let lone = |w: &str| w.chars().count() == 1 && !w.chars().all(char::is_alphanumeric);
            let words: Vec<_> = words.iter().filter(|(w, _)| !lone(w)).collect();
            for (i, (a, p)) in words.iter().enumerate() {
                for (b, q) in &words[i + 1..] {
                    let overlap = |lo: usize, hi: usize| p[hi].min(q[hi]) - p[lo].max(q[lo]);
                    if overlap(0, 2) > 0.5 && overlap(1, 3) > 0.5 {
                        failures.push(format!("{what}: \"{a}\" {p:?} overlaps \"{b}\" {q:?}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
