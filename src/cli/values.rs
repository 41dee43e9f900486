//! The parsers of the command line's values: pairs, intervals, points, grids, lengths with
//! their units, backgrounds, axis names, and list items without their spaces. Figure files
//! are parsed by the same grammar, so a value means the same in both.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use crate::geometry::{Interval, Point};

/// A list item's value without the spaces around it ("kl, fisher-rao" names two kinds),
/// checked against the possible values, which `--help` still lists.
#[derive(Clone)]
pub struct Trimmed(pub PossibleValuesParser);

impl TypedValueParser for Trimmed {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let trimmed = value.to_str().map_or(value, |v| OsStr::new(v.trim()));
        self.0.parse_ref(cmd, arg, trimmed)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        self.0.possible_values()
    }
}

/// "A,B" → two finite numbers.
fn parse_pair(s: &str, example: &str) -> Result<(f64, f64), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("expected two numbers such as {example}, got '{s}'"))?;
    let num = |t: &str| {
        t.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                format!("'{t}' is not a finite number (write two numbers such as {example})")
            })
    };
    Ok((num(a)?, num(b)?))
}

/// "A,B" → [A, B], both finite and A < B.
pub fn parse_interval(s: &str) -> Result<Interval, String> {
    let (lo, hi) = parse_pair(s, "-2,2")?;
    if lo >= hi {
        return Err(format!(
            "the limits are reversed or empty ({lo:?} ≥ {hi:?}); write LOW,HIGH"
        ));
    }
    if !(hi - lo).is_finite() {
        return Err(format!(
            "the range {lo:?},{hi:?} is too wide to draw; use smaller numbers"
        ));
    }
    Ok(Interval::new(lo, hi))
}

/// "X,Y" → a point.
pub fn parse_point(s: &str) -> Result<Point, String> {
    let (x, y) = parse_pair(s, "0,1")?;
    Ok(Point::new(x, y))
}

/// "NXxNY" → (NX, NY), both at least 1.
pub fn parse_grid(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("expected NXxNY with whole numbers ≥ 1, such as 9x6, got '{s}'");
    let (a, b) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let n = |t: &str| {
        t.trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(bad)
    };
    Ok((n(a)?, n(b)?))
}

/// The ground under a figure: a colour, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Background(pub Option<crate::style::Rgb>);

/// A length as written: a number and a unit (none means pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    pub value: f64,
    pub unit: Unit,
}

/// The units a length can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Px,
    In,
    Cm,
    Mm,
    Pt,
}

impl Unit {
    const ALL: [(&'static str, Unit); 5] = [
        ("px", Unit::Px),
        ("in", Unit::In),
        ("cm", Unit::Cm),
        ("mm", Unit::Mm),
        ("pt", Unit::Pt),
    ];
}

impl Length {
    /// Figure pixels: CSS pixels, 96 an inch (so a printed size keeps the look of a
    /// screen figure of as many pixels).
    pub fn px(self) -> f64 {
        match self.inches() {
            Some(inches) => 96.0 * inches,
            None => self.value,
        }
    }

    /// The printed size in inches; None for a size in pixels.
    pub fn inches(self) -> Option<f64> {
        match self.unit {
            Unit::Px => None,
            Unit::In => Some(self.value),
            Unit::Cm => Some(self.value / 2.54),
            Unit::Mm => Some(self.value / 25.4),
            Unit::Pt => Some(self.value / 72.0),
        }
    }
}

impl std::fmt::Display for Length {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = Unit::ALL
            .iter()
            .find(|(_, u)| *u == self.unit)
            .map_or("", |(n, _)| n);
        write!(f, "{}{unit}", crate::geometry::Typed(self.value))
    }
}

/// "1200", "1200px", "3.25in", "8cm", "80mm" or "234pt": a positive finite number and a unit.
pub fn parse_length(s: &str) -> Result<Length, String> {
    let (number, unit) = Unit::ALL
        .iter()
        .find_map(|&(name, unit)| s.strip_suffix(name).map(|n| (n, unit)))
        .unwrap_or((s, Unit::Px));
    match number.trim().parse::<f64>() {
        Ok(value) if value.is_finite() && value > 0.0 => Ok(Length { value, unit }),
        _ => Err(format!(
            "expected a positive length such as 1200, 1200px, 3.25in, 8cm, 80mm or 234pt, got '{s}'"
        )),
    }
}

/// "white", "transparent" or "#RRGGBB".
pub fn parse_background(s: &str) -> Result<Background, String> {
    let hex = |h: &str| u8::from_str_radix(h, 16).ok();
    match s {
        "white" => Ok(Background(Some([255, 255, 255]))),
        "transparent" => Ok(Background(None)),
        _ => match (s.strip_prefix('#'), s.len()) {
            (Some(h), 7) if h.is_ascii() => match (hex(&h[0..2]), hex(&h[2..4]), hex(&h[4..6])) {
                (Some(r), Some(g), Some(b)) => Ok(Background(Some([r, g, b]))),
                _ => Err(format!("expected white, transparent or #RRGGBB, got '{s}'")),
            },
            _ => Err(format!("expected white, transparent or #RRGGBB, got '{s}'")),
        },
    }
}

/// Text drawn in a figure (a title, axis names): refused if it holds a control character,
/// which no format draws and some read as code (a carriage return ends a `.tex` comment line;
/// XML forbids most of them).
pub fn parse_text(s: &str) -> Result<String, String> {
    match s.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "it holds the control character U+{:04X}; write the text on one line without control characters",
            u32::from(c)
        )),
        None => Ok(s.to_string()),
    }
}

/// "X,Y" → two non-empty axis names.
pub fn parse_labels(s: &str) -> Result<[String; 2], String> {
    let s = parse_text(s)?;
    let s = s.as_str();
    match s.split(',').map(str::trim).collect::<Vec<_>>()[..] {
        [x, y] if !x.is_empty() && !y.is_empty() => Ok([x.to_string(), y.to_string()]),
        _ => Err(format!(
            "expected two names 'X,Y' (no comma inside a name), got '{s}'"
        )),
    }
}

/// `--family`: a family's name (checked against the registry, whose names `--help` lists),
/// or the path of a family file ending in `.toml`, read when the request is made.
#[derive(Clone)]
pub struct FamilyName(pub PossibleValuesParser);

impl TypedValueParser for FamilyName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let text = value.to_str().map(str::trim);
        if let Some(path) = text.filter(|t| t.ends_with(".toml")) {
            return Ok(path.to_string());
        }
        self.0.parse_ref(cmd, arg, value).map_err(|_| {
            let names: Vec<String> = self
                .0
                .possible_values()
                .into_iter()
                .flatten()
                .map(|v| v.get_name().to_string())
                .collect();
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!(
                    "invalid value '{}' for '--family': possible values: {}; or a family file ending in .toml (docs/formula-families.md)\n",
                    value.to_string_lossy(),
                    names.join(", ")
                ),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        self.0.possible_values()
    }
}
