//! The interactive page: one self-contained HTML file (nothing is loaded from the network)
//! holding the figure's SVG, with every level's balls grouped in it, the data the page
//! shows as JSON, and the script of `page.html`, which only chooses what to show.

use anyhow::bail;

use super::svg::to_grouped_svg;
use crate::scene::{Figure, Interactive};

const TEMPLATE: &str = include_str!("page.html");

/// The figure's page, once every level's scene is checked; a use without one is refused
/// by its request (`RequestError::NoPage`) before it comes here.
pub(super) fn bytes(figure: &dyn Figure) -> anyhow::Result<Vec<u8>> {
    let Some(page) = figure.interactive() else {
        bail!("this figure has no interactive page; write .svg, .png, .pdf, .tex or .json");
    };
    for scene in &page.scenes {
        super::checked(scene)?;
    }
    Ok(to_page(page))
}

/// The page as HTML bytes.
fn to_page(page: &Interactive) -> Vec<u8> {
    // Inside <script>, only "</" could end the element early; JSON allows "<\/".
    let data = page.data.replace("</", "<\\/");
    let mut html = String::new();
    let mut rest = TEMPLATE;
    // Each placeholder once, in order, so nothing inserted is read as a placeholder.
    for (key, value) in [
        ("{{TITLE}}", escape(&page.title)),
        ("{{FIGURE}}", figure(page)),
        ("{{DATA}}", data),
    ] {
        let (before, after) = rest.split_once(key).unwrap_or((rest, ""));
        html.push_str(before);
        html.push_str(&value);
        rest = after;
    }
    html.push_str(rest);
    html.into_bytes()
}

/// The figure's own level drawn whole, and after each panel's balls the other levels' balls
/// of that panel, hidden.
fn figure(page: &Interactive) -> String {
    let mut svg = to_grouped_svg(&page.scenes[page.current], page.current, true);
    let others: Vec<String> = page
        .scenes
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != page.current)
        .map(|(k, s)| to_grouped_svg(s, k, false))
        .collect();
    for p in 0..page.scenes[page.current].panels.len() {
        let extra: String = others.iter().filter_map(|o| block(o, p)).collect();
        if let Some(end) = block_end(&svg, p) {
            svg.insert_str(end, &extra);
        }
    }
    svg
}

/// Where panel `p`'s balls start and end in a grouped SVG (the end is past its marker).
fn block_span(svg: &str, p: usize) -> Option<(usize, usize)> {
    let start = svg.find(&format!("<!--balls {p}-->"))?;
    let end = start + svg[start..].find("<!--/balls-->")? + "<!--/balls-->".len();
    Some((start, end))
}

fn block(svg: &str, p: usize) -> Option<&str> {
    block_span(svg, p).map(|(a, b)| &svg[a..b])
}

fn block_end(svg: &str, p: usize) -> Option<usize> {
    block_span(svg, p).map(|(_, b)| b)
}

/// Text for HTML: & < > " escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
