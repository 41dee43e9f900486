//! Property tests over what users type (issue 20, class 5): any title, in every format,
//! and any set of output names in a figure file, either make a correct file or are refused
//! with a short message and nothing written.

use std::fs;

use proptest::prelude::*;

mod common;
use common::cli::*;

/// Titles of printable text, TeX and XML specials, and control characters (not NUL, which no
/// command line can hold).
fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('a', 'z'),
            2 => prop::sample::select(vec!['\\', '%', '$', '&', '<', '>', '"', '\'', '{', '}', '#', 'σ', '²', ' ']),
            1 => prop::sample::select(vec!['\r', '\n', '\t', '\u{1b}', '\u{7f}', '\u{85}']),
        ],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// A title is drawn as given or refused at once: nothing in any output can end a `.tex`
    /// comment line early or break XML, and a refusal writes nothing.
    #[test]
    fn any_title_is_drawn_faithfully_or_refused(t in title()) {
        let dir = tempfile::tempdir().unwrap();
        let control = t.chars().any(char::is_control);
        for ext in ["tex", "svg", "json", "html"] {
            let out = dir.path().join(format!("t.{ext}"));
            let o = fisherballs()
                .args(["plot", "--grid", "2x2", "--title", &t, "-o"])
                .arg(&out)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&o.stderr);
            prop_assert!(!stderr.contains("panicked"), "{stderr}");
            if control {
                prop_assert_eq!(o.status.code(), Some(2), "{:?}: {}", t, stderr);
                prop_assert!(stderr.contains("control character"), "{stderr}");
                prop_assert!(stderr.lines().count() <= 2, "{stderr}");
                prop_assert!(!stderr.contains('\r'));
                prop_assert!(!out.exists());
                continue;
            }
            prop_assert_eq!(o.status.code(), Some(0), "{:?}: {}", t, stderr);
            let text = fs::read_to_string(&out).unwrap();
            prop_assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{ext} holds a control character"
            );
            match ext {
                "json" => {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                    prop_assert!(!common::has_null(&v));
                }
                "svg" => {
                    prop_assert!(
                        resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).is_ok(),
                        "the SVG does not parse"
                    );
                }
                _ => {}
            }
        }
    }
}

#[test]
fn a_carriage_return_in_a_figure_files_title_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let text = "[[figure]]\noutput = \"a.tex\"\ntitle = \"T\\r\\\\input{x}\"\n";
    let (code, stderr) = render(dir.path(), text, &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("figure 1 (a.tex)") && stderr.contains("U+000D"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// Output names built from a small alphabet of parts that collide, nest, end in '/', run
/// long, or pass through a symbolic link to the directory itself.
fn names() -> impl Strategy<Value = Vec<String>> {
    let part = prop::sample::select(vec!["a.svg", "b.json", "n", "l", ".", "x"]);
    let name = prop::collection::vec(part, 1..4).prop_flat_map(|parts| {
        prop::sample::select(vec!["", "/", ".svg"]).prop_map(move |end| {
            let mut n = parts.join("/");
            n.push_str(end);
            n
        })
    });
    prop::collection::vec(
        prop_oneof![9 => name, 1 => Just(format!("{}.svg", "y".repeat(256)))],
        1..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// Whatever the names: either every figure is written where its name says, or the
    /// command exits 1 with a short message and the output directory is as it was.
    #[test]
    fn render_writes_all_outputs_or_none(names in names()) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("a.svg"), "old").unwrap();
        std::os::unix::fs::symlink(".", out.join("l")).unwrap();
        let before = tree(&out);
        let text: String = names
            .iter()
            .map(|n| format!("[[figure]]\noutput = \"{n}\"\ngrid = \"2x2\"\n"))
            .collect();
        let (code, stderr) = render(dir.path(), &text, &out);
        match code {
            0 => {
                for n in &names {
                    let written = fs::read(out.join(n)).unwrap();
                    prop_assert!(written != b"old", "{n} was not written");
                }
            }
            1 => {
                prop_assert!(stderr.lines().count() <= 2, "{stderr}");
                prop_assert_eq!(tree(&out), before, "{:?}: {}", names, stderr);
            }
            code => prop_assert!(false, "{names:?}: exit {code:?}: {stderr}"),
        }
    }
}
