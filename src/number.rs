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
    digits(v, 4)
}

/// A computed point's coordinate in a message (a ball's centre, say), to six significant
/// digits: −2.66667, not −2.6666666666666665.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Short(pub f64);

impl std::fmt::Display for Short {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v == 0.0 || !v.is_finite() || (1e-4..1e6).contains(&v.abs()) {
            return f.write_str(&digits(v, 6));
        }
        // Six digits of the mantissa, then the shortest form of that: 2.66667e-7, 1e-7.
        let rounded: f64 = format!("{v:.5e}").parse().unwrap_or(v);
        write!(f, "{rounded:e}")
    }
}

/// The ends of a range for a caption, "lo to hi", with as many significant digits (four to
/// nine) as it takes for them to differ; None when they agree to nine (a caption once read
/// "0.0631 to 0.0631").
pub fn range(lo: f64, hi: f64) -> Option<String> {
    (4..=9).find_map(|n| {
        let (a, b) = (digits(lo, n), digits(hi, n));
        (a != b).then(|| format!("{a} to {b}"))
    })
}

/// `n` significant digits, without trailing zeros.
fn digits(v: f64, n: i32) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let digits = (n - 1 - v.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keeps_six_significant_digits() {
        assert_eq!(Short(-2.6666666666666665).to_string(), "-2.66667");
        assert_eq!(Short(1.0833333333333335).to_string(), "1.08333");
        assert_eq!(Short(0.0).to_string(), "0");
        assert_eq!(Short(2.5).to_string(), "2.5");
        assert_eq!(Short(2.6666666e-7).to_string(), "2.66667e-7");
        assert_eq!(Short(1e12).to_string(), "1e12");
        assert_eq!(significant(0.14142135), "0.1414");
    }

    #[test]
    fn a_range_prints_ends_that_differ() {
        assert_eq!(range(0.0631, 0.0712).unwrap(), "0.0631 to 0.0712");
        assert_eq!(range(0.063101, 0.063149).unwrap(), "0.0631 to 0.06315");
        assert_eq!(
            range(0.0631012, 0.0631014).unwrap(),
            "0.0631012 to 0.0631014"
        );
        assert_eq!(range(0.0631, 0.0631), None);
        assert_eq!(range(1.000000001, 1.000000002), None);
    }
}
