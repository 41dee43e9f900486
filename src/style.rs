//! How a figure looks, apart from what it shows: colours (themes and palettes), the canvas's
//! size, and the options every figure shares. Requests check them; scenes and exporters read
//! them.

use crate::geometry::BallKind;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// The colours of everything but the data: text and axes, the caption, grid lines, and the
/// ground (the legend's, and the figure's unless `--background` says otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub ink: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    pub paper: Rgb,
}

impl Theme {
    pub const NAMES: [&'static str; 2] = ["light", "dark"];

    /// Black on white.
    pub const LIGHT: Theme = Theme {
        ink: [0, 0, 0],
        muted: [60, 60, 60],
        grid: [225, 225, 225],
        paper: [255, 255, 255],
    };

    /// Light text and axes on a dark slate ground; the palettes stay as they are (their
    /// fills are translucent, their outlines bright enough on it).
    pub const DARK: Theme = Theme {
        ink: [232, 232, 232],
        muted: [185, 185, 185],
        grid: [62, 68, 76],
        paper: [30, 34, 40],
    };

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "light" => Some(Theme::LIGHT),
            "dark" => Some(Theme::DARK),
            _ => None,
        }
    }
}

/// A set of colours for balls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// Okabe & Ito (2008), "Color Universal Design": colour-blind safe.
    OkabeIto,
    /// Paul Tol's "bright" scheme: colour-blind safe.
    Tol,
    /// Greys, for print.
    Grey,
}

impl Palette {
    pub const NAMES: [&'static str; 3] = ["okabe-ito", "tol", "grey"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "okabe-ito" => Some(Palette::OkabeIto),
            "tol" => Some(Palette::Tol),
            "grey" => Some(Palette::Grey),
            _ => None,
        }
    }

    /// The colours, the first four for the four ball kinds in `BallKind::ALL` order.
    fn colours(self) -> &'static [Rgb] {
        match self {
            Palette::OkabeIto => &[
                [0x00, 0x72, 0xB2], // blue
                [0xD5, 0x5E, 0x00], // vermillion
                [0x00, 0x9E, 0x73], // bluish green
                [0xCC, 0x79, 0xA7], // reddish purple
                [0xE6, 0x9F, 0x00], // orange
                [0x56, 0xB4, 0xE9], // sky blue
                [0xF0, 0xE4, 0x42], // yellow
            ],
            Palette::Tol => &[
                [0x44, 0x77, 0xAA],
                [0xEE, 0x66, 0x77],
                [0x22, 0x88, 0x33],
                [0xAA, 0x33, 0x77],
                [0xCC, 0xBB, 0x44],
                [0x66, 0xCC, 0xEE],
                [0xBB, 0xBB, 0xBB],
            ],
            Palette::Grey => &[
                [0x30, 0x30, 0x30],
                [0x78, 0x78, 0x78],
                [0xA8, 0xA8, 0xA8],
                [0x50, 0x50, 0x50],
                [0x90, 0x90, 0x90],
                [0x40, 0x40, 0x40],
                [0xB8, 0xB8, 0xB8],
            ],
        }
    }

    /// The colour of a ball kind.
    pub fn kind(self, kind: BallKind) -> Rgb {
        let i = BallKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        self.colours()[i]
    }

    /// The dash pattern of a ball kind (dash, gap in line widths): in grey, for print, the
    /// kinds differ in their lines as well as their greys; in colour every line is solid.
    pub fn dash(self, kind: BallKind) -> Option<(f64, f64)> {
        let i = BallKind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        match self {
            Palette::Grey => [None, Some((5.0, 3.0)), Some((1.0, 2.0)), Some((10.0, 3.0))][i],
            _ => None,
        }
    }

    /// The colour of the ball in column `col` and row `row` of a grid: neighbours across,
    /// up and diagonally all differ (steps of 1, 3, 2 and 4 through 7 colours).
    pub fn cell(self, col: usize, row: usize) -> Rgb {
        let c = self.colours();
        c[(col + 3 * row) % c.len()]
    }
}

/// The outline (and centre dot) colour of a fill drawn on `ground`: its hue at 70%
/// brightness, darkened further on a light ground, or lightened towards white on a dark one,
/// until it stands out at least 3:1 (WCAG 2.1's contrast for graphical objects, 1.4.11). On
/// a shading (`ground` None), where no one ground holds, its hue at 70%.
pub fn outline(c: Rgb, ground: Option<Rgb>) -> Rgb {
    let scaled = |f: f64| c.map(|v| (f64::from(v) * f).round() as u8);
    let Some(ground) = ground else {
        return scaled(0.7);
    };
    let towards_white =
        |t: f64| c.map(|v| (f64::from(v) + t * (255.0 - f64::from(v))).round() as u8);
    // Twenty steps of 5%: black and white are reached, and one of them is 3:1 on any ground
    // (the larger of the two contrasts is at least 4.58:1).
    let steps = (0..=20).map(|k| k as f64 / 20.0);
    let dark_ground = luminance(ground) < 0.18;
    let mut candidates: Box<dyn Iterator<Item = Rgb>> = match dark_ground {
        true => Box::new(steps.map(towards_white)),
        false => Box::new(steps.map(move |k| scaled(0.7 * (1.0 - k)))),
    };
    let first = candidates.next().unwrap_or(c);
    std::iter::once(first)
        .chain(candidates)
        .find(|&o| contrast(o, ground) >= 3.0)
        .unwrap_or(first)
}

/// The relative luminance of an sRGB colour (WCAG 2.1).
pub fn luminance(c: Rgb) -> f64 {
    let linear = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

/// The contrast ratio of two colours (WCAG 2.1): 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// How a figure looks, beyond what it shows.
#[derive(Debug, Clone)]
pub struct Style {
    pub canvas: Canvas,
    pub title: Option<String>,
    pub caption: bool,
    pub palette: Palette,
    /// The ground under the figure; None: transparent.
    pub background: Option<Rgb>,
    pub theme: Theme,
    pub line_width: f64,
    pub labels: Option<[String; 2]>,
}

/// A figure's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    /// The layout, in figure pixels (CSS pixels, 96 an inch).
    pub width: u32,
    pub height: u32,
    /// The size it is printed at (SVG, PDF and pgfplots carry it): the pixels at 96 an inch
    /// unless a printed size was asked for (`printed`).
    pub inches: (f64, f64),
    pub printed: bool,
    /// PNG pixels per figure pixel (`--scale`, times dpi/96 for a printed size).
    pub png_scale: f64,
    /// Tick labels in figure pixels; None: they grow and shrink with the figure.
    pub font_px: Option<f64>,
}

/// Viridis (van der Walt & Smith, matplotlib), sampled at nine stops: perceptually uniform,
/// readable in grey and by colour-blind readers.
const VIRIDIS: [Rgb; 9] = [
    [68, 1, 84],
    [71, 44, 122],
    [59, 81, 139],
    [44, 113, 142],
    [33, 144, 141],
    [39, 173, 129],
    [92, 200, 99],
    [170, 220, 50],
    [253, 231, 37],
];

/// Viridis at t ∈ [0, 1], linearly between stops.
pub fn viridis(t: f64) -> Rgb {
    let x = t.clamp(0.0, 1.0) * (VIRIDIS.len() - 1) as f64;
    let (i, f) = (
        (x.floor() as usize).min(VIRIDIS.len() - 2),
        x - x.floor().min((VIRIDIS.len() - 2) as f64),
    );
    let mix = |a: u8, b: u8| (f64::from(a) + f * (f64::from(b) - f64::from(a))).round() as u8;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    [mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2])]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every palette's every colour, outlined on every theme's paper and on the grounds
    /// `--background` can give, stands out at least 3:1; on white its 70% hue is kept where
    /// that already does.
    #[test]
    fn outlines_stand_out_from_their_ground() {
        let grounds = [
            Theme::LIGHT.paper,
            Theme::DARK.paper,
            [0, 0, 0],
            [128, 128, 128],
        ];
        for palette in Palette::NAMES.map(|n| Palette::from_name(n).unwrap()) {
            for &c in palette.colours() {
                for ground in grounds {
                    let o = outline(c, Some(ground));
                    assert!(contrast(o, ground) >= 3.0, "{c:?} on {ground:?}: {o:?}");
                }
            }
        }
        assert_eq!(
            outline([0, 0x72, 0xB2], Some(Theme::LIGHT.paper)),
            [0, 80, 125]
        );
        assert_eq!(outline([255, 255, 255], None), [179, 179, 179]);
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    }

    /// In compare a ball is followed across panels by its colour: no two neighbours of a grid
    /// (across, up or diagonally) share one, in any palette, on grids up to 12×12.
    #[test]
    fn neighbouring_cells_never_share_a_colour() {
        for palette in Palette::NAMES.map(|n| Palette::from_name(n).unwrap()) {
            for row in 0..12 {
                for col in 0..12 {
                    let here = palette.cell(col, row);
                    let neighbours = [(1, 0), (0, 1), (1, 1)]
                        .into_iter()
                        .map(|(dc, dr)| palette.cell(col + dc, row + dr))
                        .chain((col > 0).then(|| palette.cell(col - 1, row + 1)));
                    for n in neighbours {
                        assert_ne!(here, n, "{palette:?} at ({col}, {row})");
                    }
                }
            }
        }
    }
}
