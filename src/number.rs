//! How numbers are written for people: as typed, in messages ([`Typed`]), and to four
//! significant digits, in captions and titles ([`significant`]).

/// A number as a person types it, for messages: the shortest form that reads back as the
/// same double, with an exponent from a million up and below 1e-4 (`1e200`, not 201
/// digits; `1e6`; `0.01`; `-2`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Typed(pub f64);

impl std::fmt::Display for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v == 0.0 || !v.is_finite() || (1e-4..1e6).contains(&v.abs()) {
            write!(f, "{v}")
        } else {
            write!(f, "{v:e}")
        }
    }
}

/// Four significant digits, without trailing zeros, for captions and titles: 0.01, 0.1414,
/// 2.5.
pub fn significant(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let digits = (3 - v.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}
