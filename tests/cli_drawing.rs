//! How every figure is drawn: ground and theme, text never clipped, printed sizes, long
//! titles, fixed axes, grey dashes, legends that cover nothing, log axes.

use std::fs;

use serde_json::Value;

mod common;
use common::cli::*;

#[test]
fn background_and_theme_colour_the_ground_text_and_axes() {
    let dir = tempfile::tempdir().unwrap();
    // Transparent: a PNG with an alpha channel (colour type 6) and a clear corner; an SVG
    // with no rectangle under the figure.
    let (png, a) = plot(
        dir.path(),
        "t.png",
        &["--chart", "mean-std", "--background", "transparent"],
    );
    a.success();
    let bytes = fs::read(&png).unwrap();
    assert_eq!(bytes[25], 6, "RGBA");
    let image = image::load_from_memory(&bytes).unwrap().to_rgba8();
    assert_eq!(image.get_pixel(2, 2)[3], 0, "the corner is transparent");
    let (svg, a) = plot(
        dir.path(),
        "t.svg",
        &["--chart", "mean-std", "--background", "transparent"],
    );
    a.success();
    let text = fs::read_to_string(&svg).unwrap();
    assert!(!text.contains(r#"<rect x="0" y="0" width="120000" height="90000""#));
    // A colour: the ground rectangle has it; the default is white and opaque RGB.
    let (svg, a) = plot(
        dir.path(),
        "c.svg",
        &["--chart", "mean-std", "--background", "#123456"],
    );
    a.success();
    assert!(
        fs::read_to_string(&svg)
            .unwrap()
            .contains(r##"width="120000" height="90000" fill="#123456""##)
    );
    let (png, a) = plot(dir.path(), "w.png", &["--chart", "mean-std"]);
    a.success();
    assert_eq!(fs::read(&png).unwrap()[25], 2, "RGB");
    // Dark: a slate ground, light text (glyph fills) and axes.
    let (svg, a) = plot(
        dir.path(),
        "d.svg",
        &["--chart", "mean-std", "--theme", "dark"],
    );
    a.success();
    let text = fs::read_to_string(&svg).unwrap();
    assert!(text.contains(r##"fill="#1e2228""##), "dark ground");
    assert!(text.contains(r##"fill="#e8e8e8""##), "light text");
    assert!(!text.contains(r##"fill="#000000""##), "no black text left");
    refused(
        &["--chart", "mean-std", "--background", "#12345"],
        None,
        2,
        "expected white, transparent or #RRGGBB",
    );
    refused(
        &["--chart", "mean-std", "--theme", "sepia"],
        None,
        2,
        "invalid value 'sepia' for '--theme <THEME>'",
    );
}

/// Whether the outermost `band` pixels of every side of a PNG are all the colour of its
/// top-left corner (nothing runs off the figure).
fn clear_edges(img: &image::RgbImage, band: u32) -> Result<(), String> {
    let (w, h) = img.dimensions();
    let ground = img.get_pixel(0, 0).0;
    for y in 0..h {
        for x in 0..w {
            let edge = x < band || y < band || x >= w - band || y >= h - band;
            if edge && img.get_pixel(x, y).0 != ground {
                return Err(format!("ink at ({x}, {y}) of {w}x{h}"));
            }
        }
    }
    Ok(())
}

#[test]
fn text_is_never_clipped_at_any_size_or_font_size() {
    let dir = tempfile::tempdir().unwrap();
    let long = "A very long title that goes on and on about Fisher balls in the mean and standard deviation chart of the Gaussian family, with many more words than fit".repeat(2);
    let labels = "the location parameter μ of the Gaussian family,the scale parameter σ (its standard deviation)";
    let sizes: [&[&str]; 6] = [
        &["--width", "1200", "--height", "900"],
        &["--width", "400", "--height", "300"],
        &["--width", "150", "--height", "150"],
        &["--width", "240", "--height", "150"],
        &["--width", "3.25in", "--height", "2.5in", "--font-size", "8"],
        &[
            "--width",
            "8cm",
            "--height",
            "6cm",
            "--font-size",
            "10",
            "--dpi",
            "150",
        ],
    ];
    for size in sizes {
        let figures: [Vec<&str>; 2] = [
            vec![
                "plot", "--chart", "mean-std", "--labels", labels, "--title", &long,
            ],
            vec![
                "compare",
                "--charts",
                "mean-std,information",
                "--title",
                &long,
            ],
        ];
        for figure in figures {
            let out = dir.path().join("t.png");
            let run = fisherballs()
                .args(&figure)
                .args(size)
                .arg("-o")
                .arg(&out)
                .assert();
            // Two panels in 150 pixels have no room for axes: refused, saying so.
            if figure[0] == "compare" && size[1] == "150" {
                let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
                run.code(1);
                assert!(
                    stderr.contains("too small for their axes and text"),
                    "{stderr}"
                );
                assert!(!out.exists());
                continue;
            }
            run.success();
            let img = image::open(&out).unwrap().to_rgb8();
            if let Err(e) = clear_edges(&img, 2) {
                panic!("{} {size:?}: {e}", figure[0]);
            }
            fs::remove_file(&out).unwrap();
        }
    }
}

#[test]
fn printed_sizes_carry_into_svg_pdf_and_png_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let size = [
        "--chart", "mean-std", "--width", "3.25in", "--height", "2.5in",
    ];
    let (svg, a) = plot(dir.path(), "p.svg", &size);
    a.success();
    let text = fs::read_to_string(&svg).unwrap();
    assert!(text.contains(
        r#"width="3.25in" height="2.5in" viewBox="0 0 31200 24000" preserveAspectRatio="none">"#
    ));
    let (pdf, a) = plot(dir.path(), "p.pdf", &size);
    a.success();
    let bytes = fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/MediaBox[0 0 234 180]"),
        "a 234 x 180 pt page"
    );
    // PNG: inches times --dpi (100 by default) times --scale.
    for (dpi, scale, want) in [("100", "1", (325, 250)), ("300", "2", (1950, 1500))] {
        let flags = [&size[..], &["--dpi", dpi, "--scale", scale]].concat();
        let (png, a) = plot(dir.path(), "p.png", &flags);
        a.success();
        assert_eq!(
            image::open(&png).unwrap().to_rgb8().dimensions(),
            want,
            "--dpi {dpi}"
        );
    }
    // Every unit, and pixels untouched by --dpi.
    for (w, h, want) in [
        ("8cm", "60mm", (315, 236)),
        ("234pt", "180pt", (325, 250)),
        ("640px", "480", (640, 480)),
    ] {
        let flags = ["--chart", "mean-std", "--width", w, "--height", h];
        let (png, a) = plot(dir.path(), "u.png", &flags);
        a.success();
        assert_eq!(
            image::open(&png).unwrap().to_rgb8().dimensions(),
            want,
            "{w} x {h}"
        );
    }
    // --font-size redraws the text (and the room it takes) in the same figure.
    let drawn = |pt: &str| {
        let flags = [
            &size[..],
            &["--font-size", pt, "--no-caption", "--dpi", "300"],
        ]
        .concat();
        let (png, a) = plot(dir.path(), "f.png", &flags);
        a.success();
        image::open(&png).unwrap().to_rgb8()
    };
    assert_ne!(drawn("8"), drawn("11"), "--font-size changes the drawing");
}

#[test]
fn sizes_with_bad_units_or_out_of_range_are_refused() {
    for (flags, code, words) in [
        (
            &["--width", "3in5"][..],
            2,
            "expected a positive length such as 1200",
        ),
        (&["--width", "-3in"], 2, "expected a positive length"),
        (&["--height", "NaNpt"], 2, "expected a positive length"),
        (
            &["--width", "1in"],
            1,
            "a 1in by 900px figure is out of range; each side must be 150 to 6000 pixels",
        ),
        (
            &["--width", "70in"],
            1,
            "each side must be 150 to 6000 pixels",
        ),
        (
            &["--dpi", "0"],
            1,
            "--dpi 0 is out of range; use 10 to 2400",
        ),
        (&["--dpi", "inf"], 1, "--dpi inf is out of range"),
        (
            &["--width", "20in", "--dpi", "600"],
            1,
            "a figure of 20in by 900px at --dpi 600 and --scale 1 makes a 12000x5625 PNG, but a PNG is at most 6000 pixels a side; use --dpi 300 or less",
        ),
        (
            &["--font-size", "100"],
            1,
            "--font-size 100 is out of range; use 4 to 72 points",
        ),
        (
            &["--font-size", "NaN"],
            1,
            "--font-size NaN is out of range",
        ),
    ] {
        refused(&with(flags), None, code, words);
    }
}

#[test]
fn a_long_title_shrinks_to_fit_and_is_never_clipped() {
    let dir = tempfile::tempdir().unwrap();
    let long = "A very long title that goes on and on about Fisher balls in the mean and standard deviation chart of the Gaussian family, with many more words than fit".repeat(2);
    for (w, h) in [("1200", "900"), ("400", "300")] {
        let (png, a) = plot(
            dir.path(),
            "t.png",
            &[
                "--chart", "mean-std", "--title", &long, "--width", w, "--height", h,
            ],
        );
        a.success();
        let img = image::load_from_memory(&fs::read(&png).unwrap())
            .unwrap()
            .to_rgb8();
        let (width, height) = img.dimensions();
        // The title band: the top 5% of the figure. Its outermost columns stay white: the
        // title ends inside the figure instead of running off both sides.
        for y in 0..height / 20 {
            for x in (0..4).chain(width - 4..width) {
                assert_eq!(
                    img.get_pixel(x, y).0,
                    [255, 255, 255],
                    "{w}x{h}: ink at ({x}, {y})"
                );
            }
        }
    }
}

#[test]
fn xrange_and_yrange_fix_the_drawn_axes_apart_from_the_centres() {
    let dir = tempfile::tempdir().unwrap();
    let (tex, a) = plot(
        dir.path(),
        "r.tex",
        &["--chart", "mean-std", "--xrange=-3,3", "--yrange", "0,2"],
    );
    a.success();
    let text = fs::read_to_string(&tex).unwrap();
    assert!(text.contains("xmin=-3, xmax=3"), "{text}");
    assert!(text.contains("ymin=0, ymax=2"), "{text}");
    // Without them the axes fit the balls: the limits -2, 2 widened a little.
    let (tex, a) = plot(dir.path(), "f.tex", &["--chart", "mean-std"]);
    a.success();
    assert!(
        !fs::read_to_string(&tex)
            .unwrap()
            .contains("xmin=-3, xmax=3")
    );
    // The centres stay where --xlim puts them.
    let (json, a) = plot(
        dir.path(),
        "r.json",
        &["--chart", "mean-std", "--xrange=-3,3"],
    );
    a.success();
    let v: Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    let xs: Vec<f64> = v["balls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["center"][0].as_f64().unwrap())
        .collect();
    assert!(xs.iter().all(|x| x.abs() < 2.0));
    refused(
        &with(&["--xrange", "3,-3"]),
        None,
        2,
        "the limits are reversed or empty",
    );
    refused(
        &with(&["--yrange", "nan,1"]),
        None,
        2,
        "is not a finite number",
    );
}

#[test]
fn the_grey_palette_dashes_the_kinds_apart() {
    let dir = tempfile::tempdir().unwrap();
    let kinds = [
        "--chart",
        "mean-std",
        "--ball",
        "quadratic,kl",
        "--grid",
        "3x2",
        "--palette",
        "grey",
    ];
    // Outline colours: the greys #303030 and #787878 at 70%.
    let count = |svg: &str, stroke: &str| svg.matches(&format!("stroke=\"{stroke}\"")).count();
    let (svg, a) = plot(dir.path(), "g.svg", &kinds);
    a.success();
    let text = fs::read_to_string(&svg).unwrap();
    assert_eq!(
        count(&text, "#222222"),
        6,
        "quadratic: one solid outline a ball"
    );
    assert!(
        count(&text, "#545454") > 6 * 10,
        "kl: dashed, many pieces a ball"
    );
    let (tex, a) = plot(dir.path(), "g.tex", &kinds);
    a.success();
    let text = fs::read_to_string(&tex).unwrap();
    let dashed = text
        .lines()
        .filter(|l| l.contains("--cycle") && l.contains("dash pattern"))
        .count();
    assert_eq!(dashed, 6, "kl outlines dashed in pgfplots too");
    // In colour every outline is solid.
    let colour = [
        "--chart",
        "mean-std",
        "--ball",
        "quadratic,kl",
        "--grid",
        "3x2",
    ];
    let (tex, a) = plot(dir.path(), "c.tex", &colour);
    a.success();
    assert!(!fs::read_to_string(&tex).unwrap().contains("dash pattern"));
}

/// The legend's box (x, y, w, h) in an SVG of ours: its translucent paper rectangle.
fn legend_boxes(svg: &str) -> Vec<[f64; 4]> {
    svg.lines()
        .filter(|l| l.starts_with("<rect") && l.contains(r#"fill-opacity="0.900""#))
        .map(|l| {
            let attr = |name: &str| -> f64 {
                let start = l.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                l[start..].split('"').next().unwrap().parse().unwrap()
            };
            [attr("x"), attr("y"), attr("width"), attr("height")]
        })
        .collect()
}

/// Every point of every outline, path and fill in an SVG of ours.
fn drawn_points(svg: &str) -> Vec<(f64, f64)> {
    svg.lines()
        .filter(|l| l.starts_with("<polyline") || l.starts_with("<polygon"))
        .flat_map(|l| {
            let start = l.find("points=\"").unwrap() + 8;
            let list = l[start..].split('"').next().unwrap().to_string();
            list.split(' ')
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn legends_sit_in_a_corner_where_they_cover_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let figures: [&[&str]; 4] = [
        // A ball in the upper left corner: the legend goes elsewhere.
        &[
            "plot",
            "--chart",
            "mean-std",
            "--ball",
            "quadratic,kl",
            "--grid",
            "1x1",
            "--xlim=-2,-1",
            "--ylim",
            "1.2,1.6",
            "--xrange=-1.8,1",
            "--yrange",
            "0.5,1.6",
        ],
        // The same ball in the upper right.
        &[
            "plot",
            "--chart",
            "mean-std",
            "--ball",
            "quadratic,kl",
            "--grid",
            "1x1",
            "--xlim=1,2",
            "--ylim",
            "1.2,1.6",
            "--xrange=-1,1.8",
            "--yrange",
            "0.5,1.6",
        ],
        &[
            "plot",
            "--chart",
            "information",
            "--ball",
            "quadratic,kl,fisher-rao",
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
    ];
    for args in figures {
        let out = dir.path().join("l.svg");
        fisherballs()
            .args(args)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let svg = fs::read_to_string(&out).unwrap();
        let boxes = legend_boxes(&svg);
        assert!(!boxes.is_empty(), "{args:?}: no legend");
        let points = drawn_points(&svg);
        for [x, y, w, h] in boxes {
            let covered = points
                .iter()
                .filter(|&&(px, py)| px > x && px < x + w && py > y && py < y + h)
                .count();
            assert_eq!(
                covered, 0,
                "{args:?}: the legend covers {covered} drawn points"
            );
        }
    }
    // pgfplots: the legend the layout placed, where the drawn figure (without the caption
    // a .tex leaves to the document) has it: 100 SVG units a pixel, 0.75 bp a pixel.
    for args in figures {
        let tex = dir.path().join("l.tex");
        let svg = dir.path().join("l.svg");
        fisherballs()
            .args(args)
            .arg("-o")
            .arg(&tex)
            .assert()
            .success();
        let no_caption = [args, &["--no-caption"][..]].concat();
        fisherballs()
            .args(&no_caption)
            .arg("-o")
            .arg(&svg)
            .assert()
            .success();
        let drawn: Vec<[f64; 4]> = legend_boxes(&fs::read_to_string(&svg).unwrap())
            .into_iter()
            .map(|[x, y, w, h]| [x, y, x + w, y + h].map(|v| v / 100.0 * 0.75))
            .collect();
        let tex = fs::read_to_string(&tex).unwrap();
        let written: Vec<[f64; 4]> = (tex.lines())
            .filter(|l| l.starts_with(r"\fill[") && l.contains("fill opacity=0.9]"))
            .map(|l| {
                let v: Vec<f64> = (l.split(['(', ')', ',']))
                    .filter_map(|p| p.strip_suffix("bp")?.parse().ok())
                    .collect();
                [v[0], -v[1], v[2], -v[3]]
            })
            .collect();
        assert_eq!(written.len(), drawn.len(), "{args:?}");
        for (w, d) in written.iter().zip(&drawn) {
            let off = (0..4).map(|i| (w[i] - d[i]).abs()).fold(0.0, f64::max);
            assert!(off < 0.01, "{args:?}: .tex legend {w:?}, drawn {d:?}");
        }
    }
}

#[test]
fn a_compare_panel_spanning_decades_gets_a_log_axis_so_every_ball_reads() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| -> String {
        let out = dir.path().join(name);
        fisherballs()
            .args(["compare", "--charts", "mean-std,information"])
            .args(extra)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        fs::read_to_string(&out).unwrap()
    };
    // The information panel's λ runs from 0.4 to 8.7: a log axis there, not in the first.
    let tex = run("auto.tex", &[]);
    let axes: Vec<&str> = tex.split("\\begin{axis}").skip(1).collect();
    assert!(!axes[0].contains("ymode=log") && axes[1].contains("ymode=log"));
    assert!(axes[1].contains("information chart, log y"));
    assert!(!run("lin.tex", &["--y-scale", "linear"]).contains("ymode=log"));
    assert_eq!(
        run("log.tex", &["--y-scale", "log"])
            .matches("ymode=log")
            .count(),
        2
    );
    // Why: the smallest ball's height as a share of the axis, linear and log.
    let v: Value = serde_json::from_str(&run("c.json", &[])).unwrap();
    let balls = v["panels"][1]["balls"].as_array().unwrap();
    let spans: Vec<(f64, f64)> = balls
        .iter()
        .map(|b| {
            let ys = b["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p[1].as_f64().unwrap());
            ys.fold((f64::INFINITY, 0.0_f64), |(lo, hi), y| {
                (lo.min(y), hi.max(y))
            })
        })
        .collect();
    let lo = spans.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
    let hi = spans.iter().map(|s| s.1).fold(0.0, f64::max);
    let linear = spans
        .iter()
        .map(|s| (s.1 - s.0) / (hi - lo))
        .fold(1.0, f64::min);
    let log = spans
        .iter()
        .map(|s| (s.1 / s.0).ln() / (hi / lo).ln())
        .fold(1.0, f64::min);
    // (The default grid is 7×4 since issue 18 thinned it for this panel: 3.0 % linear.)
    assert!(
        linear < 0.035,
        "linear: the smallest ball is {linear} of the axis"
    );
    assert!(log > 0.05, "log: the smallest ball is {log} of the axis");
    // A plot keeps its linear axis (the post's figure 2 is linear).
    let out = dir.path().join("p.tex");
    fisherballs()
        .args(["plot", "--chart", "information", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(!fs::read_to_string(&out).unwrap().contains("ymode=log"));
}

/// A PNG records its resolution (pHYs), so a document that places it sets it at the
/// figure's size: --dpi for a printed size, 96 an inch times --scale for a size in pixels.
#[test]
fn png_records_its_resolution() {
    let dir = tempfile::tempdir().unwrap();
    let per_inch = |flags: &[&str]| -> f64 {
        let (out, assert) = plot(dir.path(), "r.png", flags);
        assert.success();
        let bytes = fs::read(&out).unwrap();
        image::load_from_memory(&bytes).expect("the PNG still decodes");
        let at = bytes
            .windows(4)
            .position(|w| w == b"pHYs")
            .expect("a pHYs chunk");
        let word = |k: usize| u32::from_be_bytes(bytes[k..k + 4].try_into().unwrap());
        let (x, y, unit) = (word(at + 4), word(at + 8), bytes[at + 12]);
        assert_eq!((x, unit), (y, 1), "square pixels, counted a metre");
        let crc = crc32fast::hash(&bytes[at..at + 13]);
        assert_eq!(word(at + 13), crc, "the chunk's CRC");
        f64::from(x) * 0.0254
    };
    // Whole pixels a metre: within 0.0127 of the asked pixels an inch.
    let close = |a: f64, b: f64| (a - b).abs() < 0.013;
    let printed = per_inch(&["--width", "3.25in", "--height", "2.5in", "--dpi", "300"]);
    assert!(close(printed, 300.0), "{printed}");
    assert!(close(per_inch(&[]), 96.0));
    assert!(close(per_inch(&["--scale", "2"]), 192.0));
}

/// On the dark theme every ball's outline and centre dot stands out from the slate ground at
/// least 3:1 (the light outlines of the light theme were 1.86:1 there).
#[test]
fn outlines_and_dots_stand_out_on_the_dark_theme() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.svg");
    fisherballs()
        .args([
            "compare",
            "--charts",
            "mean-std,information",
            "--theme",
            "dark",
        ])
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let svg = fs::read_to_string(&out).unwrap();
    let hex = |s: &str| -> [u8; 3] {
        let v = |k: usize| u8::from_str_radix(&s[k..k + 2], 16).unwrap();
        [v(0), v(2), v(4)]
    };
    let ground = fisherballs::style::Theme::DARK.paper;
    // Outlines are 1.6 figure pixels wide (160 backend units); dots are the only circles.
    let outlines = svg
        .split("<polyline")
        .skip(1)
        .filter(|e| e.contains("stroke-width=\"160\""))
        .filter_map(|e| e.split("stroke=\"#").nth(1).map(|c| hex(&c[..6])));
    let dots = svg
        .split("<circle")
        .skip(1)
        .filter_map(|e| e.split("fill=\"#").nth(1).map(|c| hex(&c[..6])));
    let marks: Vec<[u8; 3]> = outlines.chain(dots).collect();
    assert!(marks.len() > 90, "{} marks found", marks.len());
    for c in marks {
        let ratio = fisherballs::style::contrast(c, ground);
        assert!(ratio >= 3.0, "{c:?} on {ground:?}: {ratio:.2}");
    }
}

/// `--title ""` removes the title's band (issue 18): the .tex draws no title node and gives
/// the axis the room, and the PNG's top band holds no ink.
#[test]
fn an_empty_title_takes_no_band() {
    let dir = tempfile::tempdir().unwrap();
    let column = ["--width", "3.25in", "--height", "2.5in"];
    let height = |tex: &str| -> f64 {
        let at = tex.find("  height=").unwrap() + 9;
        tex[at..].split("bp").next().unwrap().parse().unwrap()
    };
    let (titled, a) = plot(dir.path(), "t.tex", &column);
    a.success();
    let (untitled, a) = plot(
        dir.path(),
        "u.tex",
        &[&column[..], &["--title", ""]].concat(),
    );
    a.success();
    let (t, u) = (
        fs::read_to_string(titled).unwrap(),
        fs::read_to_string(untitled).unwrap(),
    );
    let title = "{Fisher balls of the Gaussian";
    assert!(t.contains(title), "{t}");
    assert!(!u.contains(title), "an empty title was drawn");
    // At least a line of 6 pt title (8.7 bp with its leading) and its margin.
    assert!(
        height(&u) >= height(&t) + 10.0,
        "{} vs {}",
        height(&u),
        height(&t)
    );
    // The default title's glyphs fill the top band of a PNG; with no title it is empty.
    let ink_on_top = |name: &str, extra: &[&str]| {
        let (png, a) = plot(dir.path(), name, extra);
        a.success();
        let img = image::open(png).unwrap().to_rgb8();
        (0..20).any(|y| (0..img.width()).any(|x| img.get_pixel(x, y).0 != [255, 255, 255]))
    };
    assert!(ink_on_top("t.png", &[]));
    assert!(
        !ink_on_top("u.png", &["--title", ""]),
        "ink in the empty title's band"
    );
}
