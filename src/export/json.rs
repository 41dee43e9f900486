//! JSON: the numbers behind a figure, compact (outlines are long), ending in a newline. Each
//! use says what its numbers are (`uses::*::json`); this writes them and refuses any that is
//! not finite.

use anyhow::Result;

use crate::scene::Figure;

/// Why a figure cannot be exported: a number that is not finite (JSON would write null).
#[derive(Debug, thiserror::Error, PartialEq)]
#[error(
    "the figure's numbers are not all finite (a coordinate or Fisher matrix overflows double precision); move --xlim/--ylim (or --at, --from, --target) nearer the chart's default view"
)]
pub struct NotFinite;

/// The figure's numbers as compact bytes ending in a newline, refused if any number in them
/// is NaN or infinite: serde_json writes those as `null`, which no reader should have to
/// meet. Every string of an export is a name of ours (family, chart, kind, method), none
/// holding "null", so the literal is found by a scan of the bytes (a round trip through
/// `Value` doubled the time of a 100×100 export).
pub(super) fn bytes(figure: &dyn Figure) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    figure.numbers(&mut bytes).map_err(|_| NotFinite)?;
    if bytes.windows(4).any(|w| w == b"null") {
        return Err(NotFinite.into());
    }
    bytes.push(b'\n');
    Ok(bytes)
}
