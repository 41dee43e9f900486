//! Issue 18: every figure kind at the sizes papers and slides use — a 3.25 in column at
//! 8 pt, a 128 mm Beamer frame at 11 pt, a 1920×1080 dark slide — laid out, not shrunk:
//! checked by geometry on the SVG (which PNG and PDF are made from): every text box inside
//! the page and apart from every other, no text under 6 pt at its printed size, and every
//! legend over no drawn mark. The text boxes are the `data-box` attributes our SVG writes
//! beside each text's glyphs (figure pixels), from the same layout box that places them.

mod common;

use std::fs;

use common::cli::{KINDS, PAPER_SIZES as SIZES, fisherballs};

/// A text's box (x0, y0, x1, y1) and font size, in figure pixels.
struct TextBox {
    at: [f64; 4],
    size: f64,
}

fn text_boxes(svg: &str) -> Vec<TextBox> {
    svg.lines()
        .filter_map(|l| {
            let attr = |name: &str| -> Option<String> {
                let start = l.find(&format!(" {name}=\""))? + name.len() + 3;
                Some(l[start..].split('"').next()?.to_string())
            };
            let at: Vec<f64> = attr("data-box")?
                .split(' ')
                .map(|v| v.parse().unwrap())
                .collect();
            Some(TextBox {
                at: [at[0], at[1], at[2], at[3]],
                size: attr("data-size")?.parse().unwrap(),
            })
        })
        .collect()
}

/// The page in figure pixels (from the viewBox, 100 units a pixel) and points a pixel.
fn page(svg: &str) -> (f64, f64, f64) {
    let attr = |name: &str| -> String {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[start..].split('"').next().unwrap().to_string()
    };
    let view: Vec<f64> = attr("viewBox")
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    let (w, h) = (view[2] / 100.0, view[3] / 100.0);
    let width = attr("width");
    let pt_per_px = match width.strip_suffix("in") {
        Some(inches) => inches.parse::<f64>().unwrap() * 72.0 / w,
        None => 0.75,
    };
    (w, h, pt_per_px)
}

/// Legend boxes (x0, y0, x1, y1) in figure pixels: our translucent paper rectangles.
fn legend_boxes(svg: &str) -> Vec<[f64; 4]> {
    svg.lines()
        .filter(|l| l.starts_with("<rect") && l.contains(r#"fill-opacity="0.900""#))
        .map(|l| {
            let attr = |name: &str| -> f64 {
                let start = l.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                l[start..]
                    .split('"')
                    .next()
                    .unwrap()
                    .parse::<f64>()
                    .unwrap()
                    / 100.0
            };
            let (x, y) = (attr("x"), attr("y"));
            [x, y, x + attr("width"), y + attr("height")]
        })
        .collect()
}

type Segment = [(f64, f64); 2];
/// A dot's centre and radius.
type Dot = (f64, f64, f64);

/// The drawn marks in figure pixels: segments of every fill and of every line of three or
/// more points (outlines, paths; not the two-point grid lines and tick marks), and dots.
fn marks(svg: &str) -> (Vec<Segment>, Vec<Dot>) {
    let mut segments = Vec::new();
    let mut dots = Vec::new();
    for l in svg.lines() {
        let attr = |name: &str| -> Option<&str> {
            let start = l.find(&format!(" {name}=\""))? + name.len() + 3;
            l[start..].split('"').next()
        };
        if l.starts_with("<polyline") || l.starts_with("<polygon") {
            let points: Vec<(f64, f64)> = attr("points")
                .unwrap()
                .split(' ')
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (
                        x.parse::<f64>().unwrap() / 100.0,
                        y.parse::<f64>().unwrap() / 100.0,
                    )
                })
                .collect();
            let closed = l.starts_with("<polygon");
            if points.len() < 3 && !closed {
                continue;
            }
            segments.extend(points.windows(2).map(|s| [s[0], s[1]]));
            if closed {
                segments.push([points[points.len() - 1], points[0]]);
            }
        } else if l.starts_with("<circle") {
            let v = |n: &str| attr(n).unwrap().parse::<f64>().unwrap() / 100.0;
            dots.push((v("cx"), v("cy"), v("r")));
        }
    }
    (segments, dots)
}

/// Whether the segment meets the box (sampled finely enough for figure pixels).
fn meets([a, b]: [(f64, f64); 2], [x0, y0, x1, y1]: [f64; 4]) -> bool {
    let n = ((b.0 - a.0).abs() + (b.1 - a.1).abs()).ceil().max(1.0) as usize * 4;
    (0..=n).any(|i| {
        let t = i as f64 / n as f64;
        let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
        x > x0 && x < x1 && y > y0 && y < y1
    })
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> f64 {
    let w = a[2].min(b[2]) - a[0].max(b[0]);
    let h = a[3].min(b[3]) - a[1].max(b[1]);
    w.min(h)
}

/// Everything the layout promises, checked on one SVG; `Err` says what broke.
fn laid_out(svg: &str) -> Result<(), String> {
    let (w, h, pt_per_px) = page(svg);
    let texts = text_boxes(svg);
    if texts.is_empty() {
        return Err("no text boxes".into());
    }
    for t in &texts {
        let [x0, y0, x1, y1] = t.at;
        if x0 < -0.5 || y0 < -0.5 || x1 > w + 0.5 || y1 > h + 0.5 {
            return Err(format!("text box {:?} leaves the {w}×{h} page", t.at));
        }
        let pt = t.size * pt_per_px;
        if pt < 6.0 - 1e-9 {
            return Err(format!("text at {pt:.2} pt (box {:?})", t.at));
        }
    }
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            // Boxes may touch (a line's box meets the next line's): no deeper than 0.5 px.
            if overlap(a.at, b.at) > 0.5 {
                return Err(format!("text boxes {:?} and {:?} overlap", a.at, b.at));
            }
        }
    }
    let (segments, dots) = marks(svg);
    for legend in legend_boxes(svg) {
        if let Some(s) = segments.iter().find(|&&s| meets(s, legend)) {
            return Err(format!("the legend {legend:?} covers the segment {s:?}"));
        }
        let [x0, y0, x1, y1] = legend;
        let covered = dots
            .iter()
            .find(|&&(x, y, r)| x + r > x0 && x - r < x1 && y + r > y0 && y - r < y1);
        if let Some(d) = covered {
            return Err(format!("the legend {legend:?} covers the dot {d:?}"));
        }
    }
    Ok(())
}

#[test]
fn every_kind_at_every_paper_size_is_laid_out_apart_and_readable() {
    let dir = tempfile::tempdir().unwrap();
    let mut broken = Vec::new();
    for (kind, args) in KINDS {
        for (size, flags) in SIZES {
            let out = dir.path().join("f.svg");
            let run = fisherballs()
                .args(args)
                .args(flags)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap();
            if !run.status.success() {
                broken.push(format!(
                    "{kind} at {size}: {}",
                    String::from_utf8_lossy(&run.stderr)
                ));
                continue;
            }
            if let Err(e) = laid_out(&fs::read_to_string(&out).unwrap()) {
                broken.push(format!("{kind} at {size}: {e}"));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn every_kind_at_every_paper_size_is_written_as_png_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, args) in KINDS {
        for (size, flags) in SIZES {
            for name in ["f.png", "f.pdf"] {
                let out = dir.path().join(name);
                fisherballs()
                    .args(args)
                    .args(flags)
                    .args(["--dpi", "150", "-o"])
                    .arg(&out)
                    .assert()
                    .success();
                let bytes = fs::read(&out).unwrap();
                let magic: &[u8] = if name.ends_with("png") {
                    b"\x89PNG"
                } else {
                    b"%PDF"
                };
                assert!(bytes.starts_with(magic), "{kind} at {size}: {name}");
                fs::remove_file(&out).unwrap();
            }
        }
    }
}

/// The checks fail on what they guard against: a box off the page, overlapping text, text
/// under 6 pt, a legend over an outline.
#[test]
fn the_layout_checks_catch_what_they_guard_against() {
    let head = r#"<svg width="3.25in" height="2.5in" viewBox="0 0 31200 24000">"#;
    let text = |b: &str, s: &str| format!("<g data-box=\"{b}\" data-size=\"{s}\">\n");
    let fine = format!(
        "{head}\n{}{}",
        text("10 10 50 20", "10.67"),
        text("10 20.4 50 30", "10.67")
    );
    assert_eq!(laid_out(&fine), Ok(()));
    let off = format!("{head}\n{}", text("300 10 320 20", "10.67"));
    assert!(laid_out(&off).unwrap_err().contains("leaves"));
    let small = format!("{head}\n{}", text("10 10 50 20", "7.9"));
    assert!(laid_out(&small).unwrap_err().contains("pt"));
    let over = format!(
        "{head}\n{}{}",
        text("10 10 50 20", "10.67"),
        text("40 15 80 25", "10.67")
    );
    assert!(laid_out(&over).unwrap_err().contains("overlap"));
    let legend = format!(
        "{fine}<rect x=\"10000\" y=\"10000\" width=\"5000\" height=\"3000\" fill-opacity=\"0.900\"/>\n<polyline points=\"9000,11000 16000,11000 16000,20000\"/>\n"
    );
    assert!(
        laid_out(&legend)
            .unwrap_err()
            .contains("covers the segment")
    );
}

#[test]
fn a_long_title_wraps_at_its_size_and_is_never_clipped() {
    let dir = tempfile::tempdir().unwrap();
    let long = "A very long title that goes on and on about Fisher balls in the mean and standard deviation chart of the Gaussian family, with many more words than fit";
    let out = dir.path().join("t.svg");
    fisherballs()
        .args([
            "plot", "--title", long, "--width", "400", "--height", "600", "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let svg = fs::read_to_string(&out).unwrap();
    laid_out(&svg).unwrap();
    // The title's lines are its first texts, each at the title's full size (a line height
    // of 26 design units at 0.4, the least a figure scales by, over DejaVu Sans' 1.164 em
    // line height): wrapped, not shrunk.
    let em_height = (1901.0 + 483.0) / 2048.0;
    let texts = text_boxes(&svg);
    let lines: Vec<&TextBox> = texts
        .iter()
        .take_while(|t| (t.size - 26.0 * 0.4 / em_height).abs() < 0.01)
        .collect();
    assert!(lines.len() >= 2, "{} title lines", lines.len());
}

/// The top of the first panel's axes: its axis line, a polyline down the left side and along
/// the bottom.
fn axes_top(svg: &str) -> f64 {
    let (segments, _) = marks(svg);
    segments
        .windows(2)
        .find(|s| s[0][0].0 == s[0][1].0 && s[0][1] == s[1][0] && s[1][0].1 == s[1][1].1)
        .map(|s| s[0][0].1)
        .unwrap()
}

#[test]
fn no_title_and_an_empty_title_take_no_band_and_a_cramped_caption_is_left_out_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.svg");
    let column = ["--width", "3.25in", "--height", "2.5in", "--font-size", "8"];
    let top = |flags: &[&str]| -> f64 {
        fisherballs()
            .args(["plot"])
            .args(column)
            .args(flags)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        axes_top(&fs::read_to_string(&out).unwrap())
    };
    let titled = top(&[]);
    assert!(top(&["--no-title"]) < titled - 10.0);
    assert_eq!(top(&["--no-title"]), top(&["--title", ""]));
    // The plot at a column keeps its title and leaves its caption out (mle's two panels
    // leave both out).
    let run = fisherballs()
        .args(KINDS[0].1)
        .args(column)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(
        stderr.contains("note: the caption was left out"),
        "{stderr}"
    );
    let quiet = fisherballs()
        .args(KINDS[0].1)
        .args(column)
        .args(["--no-caption", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(!String::from_utf8_lossy(&quiet.get_output().stderr).contains("left out"));
}

/// Issue 18: a size in points is the text's em, as LaTeX's is. `--font-size 8` tick labels
/// are drawn with glyphs scaled to an 8 pt em: read from the SVG's glyph transform (font
/// units to backend units) times DejaVu Sans' 2048 units an em, not from our own size
/// attribute. plotters scales by the font's line height, 1.164 em; taken as the em, it set
/// 8 pt text at 6.9 pt.
#[test]
fn a_font_size_in_points_is_the_em_of_the_tick_labels() {
    const UNITS_PER_EM: f64 = 2048.0;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("em.svg");
    fisherballs()
        .args([
            "plot",
            "--chart",
            "information",
            "--no-title",
            "--no-caption",
        ])
        .args(["--width", "3.25in", "--height", "2.5in", "--font-size", "8"])
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let svg = fs::read_to_string(&out).unwrap();
    let (_, _, pt_per_px) = page(&svg);
    let scales: Vec<f64> = svg
        .split("scale(")
        .skip(1)
        .filter_map(|s| s.split(' ').next()?.parse().ok())
        .collect();
    // The smallest text of this figure is its tick labels (axis names are 24/20 of them);
    // the SVG is drawn at 100 units a figure pixel.
    let smallest = scales.iter().copied().fold(f64::INFINITY, f64::min);
    let em_pt = smallest * UNITS_PER_EM / 100.0 * pt_per_px;
    assert!((em_pt - 8.0).abs() < 0.01, "tick labels at {em_pt} pt");
}

/// Panels side by side keep their axes level: mle's whitened panel title wraps to two lines
/// at a column, its neighbour's takes one, and both plotting areas begin at the same height
/// (each row's titles take the room of its tallest).
#[test]
fn panels_in_a_row_keep_their_axes_level() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("row.svg");
    fisherballs()
        .args(KINDS[4].1)
        .args(SIZES[0].1)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let svg = fs::read_to_string(&out).unwrap();
    let (segments, _) = marks(&svg);
    // The axis lines: a segment down the left side joined to one along the bottom.
    let tops: Vec<f64> = segments
        .windows(2)
        .filter(|s| s[0][0].0 == s[0][1].0 && s[0][1] == s[1][0] && s[1][0].1 == s[1][1].1)
        .map(|s| s[0][0].1)
        .collect();
    assert_eq!(tops.len(), 2, "{tops:?}");
    assert!((tops[0] - tops[1]).abs() < 0.01, "{tops:?}");
    // The titles did wrap to different numbers of lines (else this tests nothing).
    let titles: Vec<f64> = text_boxes(&svg)
        .iter()
        .map(|t| t.at[1])
        .filter(|&y| y < tops[0])
        .collect();
    assert!(titles.len() >= 4, "title lines and legend: {titles:?}");
}
