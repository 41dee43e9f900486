//! Which ticks an axis gets and how they are written, the same in every drawn format (the
//! plotters drawing and pgfplots): linear axes at 1, 2 or 5 times a power of ten, log axes at
//! 1, 2 and 5 in each decade (or the powers of ten alone when those crowd), as many as fit
//! without their labels touching, and never fewer than [`FEWEST`] (issue 18: "−0.40.20.20.4"
//! and two-tick axes at a 3.25 in column).

use crate::geometry::Interval;

/// The fewest ticks an axis is drawn with.
pub const FEWEST: usize = 3;

/// Neighbouring tick labels leave at least this many font sizes between them, and, when
/// there is room, the comfortable gaps (an axis reads best with ticks well apart; stacked
/// labels need more air than labels side by side).
const TICK_GAP: f64 = 0.6;
const COMFORTABLE_ACROSS: f64 = 2.0;
const COMFORTABLE_STACKED: f64 = 2.2;
/// At most this many ticks an axis.
const MOST: usize = 10;

/// Which way an axis' labels sit: side by side along a horizontal axis (each as long as
/// its text), or stacked up a vertical one (each a line high).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Labels {
    Across,
    Stacked,
}

/// The ticks of an axis over `r` (logarithmic if `log`), `length` long, with labels `em`
/// high whose widths `width` measures (all in one unit): the finest 1-2-5 candidate whose
/// labels leave comfortable gaps, else the coarsest whose labels keep apart at all. `None`:
/// no three labels fit (the figure is too small at its text size). The plotters drawing and
/// pgfplots both ask here, so every format shows the same ticks.
pub fn choose(
    r: Interval,
    log: bool,
    length: f64,
    labels: Labels,
    em: f64,
    width: &dyn Fn(&str) -> f64,
) -> Option<Vec<Tick>> {
    let candidates = match log {
        true => log_candidates(r, MOST),
        false => linear_candidates(r, MOST),
    };
    let at = |v: f64| match log {
        true => (v.ln() - r.lo.ln()) / (r.hi.ln() - r.lo.ln()) * length,
        false => (v - r.lo) / (r.hi - r.lo) * length,
    };
    let spaced = |set: &&Vec<Tick>, gap: f64| {
        let positions: Vec<f64> = set.iter().map(|t| at(t.value)).collect();
        let extent: Vec<f64> = match labels {
            Labels::Across => set.iter().map(|t| width(&t.label)).collect(),
            Labels::Stacked => vec![em; set.len()],
        };
        set.len() >= FEWEST && apart(&positions, &extent, gap * em)
    };
    let comfortable = match labels {
        Labels::Across => COMFORTABLE_ACROSS,
        Labels::Stacked => COMFORTABLE_STACKED,
    };
    candidates
        .iter()
        .rev()
        .find(|set| nice(set) && spaced(set, comfortable))
        .or_else(|| candidates.iter().find(|set| spaced(set, TICK_GAP)))
        .cloned()
}

/// Every label a linear axis over `r` may get, whichever ticks are chosen: room kept for
/// them before the axis' length is known (a colour bar's labels).
pub fn every_linear_label(r: Interval) -> Vec<String> {
    linear_candidates(r, MOST)
        .into_iter()
        .flatten()
        .map(|t| t.label)
        .collect()
}

/// A tick: where it is and what it says.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// The candidate tick sets of a linear axis, coarsest first: each step 1, 2, 4 or 5 × 10^k
/// (4: every other tick of 2, so that a narrow axis keeps three, −0.4, 0, 0.4) that puts at least [`FEWEST`] and at most `most` ticks on `r`.
fn linear_candidates(r: Interval, most: usize) -> Vec<Vec<Tick>> {
    let width = r.hi - r.lo;
    if !(width > 0.0 && width.is_finite()) {
        return Vec::new();
    }
    let top = width.log10().ceil() as i32;
    let mut sets = Vec::new();
    // From a step as wide as the range down to one a thousandth of it.
    for k in (top - 4..=top).rev() {
        for m in [5.0, 4.0, 2.0, 1.0] {
            let step = m * 10f64.powi(k);
            // A tick on an end of the range is kept though rounding puts it a hair outside.
            let slack = 1e-9;
            let (first, last) = ((r.lo / step - slack).ceil(), (r.hi / step + slack).floor());
            let count = last - first + 1.0;
            if count < FEWEST as f64 {
                continue;
            }
            if count > most as f64 {
                return sets;
            }
            let values: Vec<f64> = (0..count as usize)
                .map(|i| ((first + i as f64) * step).clamp(r.lo, r.hi))
                .collect();
            sets.push(labelled(&values, step, r));
        }
    }
    sets
}

/// The candidate tick sets of a logarithmic axis, coarsest first: every power of ten (or
/// every second, third…, when there are many decades), then 1, 2 and 5 in each decade, then
/// every whole multiple, keeping those with at least [`FEWEST`] ticks.
fn log_candidates(r: Interval, most: usize) -> Vec<Vec<Tick>> {
    if !(r.lo > 0.0 && r.hi > r.lo && r.hi.is_finite()) {
        return Vec::new();
    }
    let (a, b) = (r.lo.log10().floor() as i32, r.hi.log10().ceil() as i32);
    let pick = |steps: &[f64], every: i32| -> Vec<f64> {
        (a..=b)
            .filter(|k| k.rem_euclid(every) == 0)
            .flat_map(|k| steps.iter().map(move |m| m * 10f64.powi(k)))
            .filter(|v| (r.lo..=r.hi).contains(v))
            .collect()
    };
    let mut sets: Vec<Vec<f64>> = (1..=((b - a) / 2).max(1))
        .rev()
        .map(|every| pick(&[1.0], every))
        .collect();
    sets.push(pick(&[1.0, 2.0, 5.0], 1));
    sets.push(pick(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], 1));
    sets.dedup();
    let mut kept: Vec<Vec<Tick>> = sets
        .into_iter()
        .filter(|v| (FEWEST..=most).contains(&v.len()))
        .map(|v| v.iter().map(|&x| log_tick(x)).collect())
        .collect();
    if kept.is_empty() {
        // A range within one decade and without three whole multiples: linear ticks.
        kept = linear_candidates(r, most);
    }
    kept
}

/// Whether `set` steps by 1, 2 or 5 × 10^k (or is a log axis' set): the steps of 4 are for
/// axes too short for anything else.
fn nice(set: &[Tick]) -> bool {
    let [a, b, ..] = set else { return true };
    let step = b.value - a.value;
    let mantissa = step / 10f64.powf(step.log10().floor());
    (mantissa - 4.0).abs() > 1e-6
}

/// A log axis' tick at `v` = m × 10^k (m a whole number 1–9): written plainly from 0.001 to
/// 10⁵, else m×10^k.
fn log_tick(v: f64) -> Tick {
    let k = v.log10().floor() as i32;
    let m = (v / 10f64.powi(k)).round();
    let label = match k {
        -3..=4 => plain(v, (-k).max(0) as usize),
        _ if m == 1.0 => format!("10{}", superscript(k)),
        _ => format!("{m}×10{}", superscript(k)),
    };
    Tick { value: v, label }
}

/// Labels for ticks `step` apart on `r`: plain decimals with the digits the step needs, or,
/// for magnitudes from 10⁵ up or below 10⁻³, a mantissa with those digits × 10^e.
fn labelled(values: &[f64], step: f64, r: Interval) -> Vec<Tick> {
    let magnitude = r.lo.abs().max(r.hi.abs());
    let step_exp = step.log10().floor() as i32;
    let scientific = !(1e-3..1e5).contains(&magnitude);
    values
        .iter()
        .map(|&v| {
            // A tick on zero computed as −1e−17 is zero.
            let v = if v.abs() < 1e-9 * step { 0.0 } else { v };
            let label = match scientific {
                false => plain(v, (-step_exp).max(0) as usize),
                true if v == 0.0 => "0".to_string(),
                true => {
                    let e = magnitude.log10().floor() as i32;
                    let digits = (e - step_exp).max(0) as usize;
                    let mantissa = plain(v / 10f64.powi(e), digits);
                    format!("{mantissa}×10{}", superscript(e))
                }
            };
            Tick { value: v, label }
        })
        .collect()
}

/// `v` with `decimals` digits after the point, a true minus sign (U+2212), and no sign on a
/// value that rounds to zero.
fn plain(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    match s.strip_prefix('-') {
        Some(digits) if digits.chars().all(|c| c == '0' || c == '.') => digits.to_string(),
        Some(digits) => format!("−{digits}"),
        None => s,
    }
}

/// An exponent in superscript digits (the shipped font has them; pgfplots' labels turn them
/// back into `^{…}`).
fn superscript(e: i32) -> String {
    e.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d as usize - '0' as usize],
        })
        .collect()
}

/// Whether ticks at `positions` (along the axis, increasing, in any unit) with labels
/// `extent` long along it (widths on a horizontal axis, heights on a vertical one) leave at
/// least `gap` between neighbouring labels.
fn apart(positions: &[f64], extent: &[f64], gap: f64) -> bool {
    positions
        .windows(2)
        .zip(extent.windows(2))
        .all(|(p, e)| (p[1] - p[0]).abs() >= 0.5 * (e[0] + e[1]) + gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(set: &[Tick]) -> Vec<&str> {
        set.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn linear_ticks_step_by_one_two_or_five_with_the_digits_they_need() {
        let sets = linear_candidates(Interval::new(-0.45, 0.45), 10);
        assert_eq!(labels(&sets[0]), ["−0.4", "0.0", "0.4"]);
        assert_eq!(labels(&sets[1]), ["−0.4", "−0.2", "0.0", "0.2", "0.4"]);
        assert_eq!(
            labels(&sets[2]),
            [
                "−0.4", "−0.3", "−0.2", "−0.1", "0.0", "0.1", "0.2", "0.3", "0.4"
            ]
        );
        assert_eq!(sets.len(), 3);
        let far = linear_candidates(Interval::new(3.0e40, 3.4e40), 10);
        assert_eq!(labels(&far[0]), ["3.0×10⁴⁰", "3.2×10⁴⁰", "3.4×10⁴⁰"]);
        let tiny = linear_candidates(Interval::new(-2e-5, 2e-5), 5);
        assert_eq!(labels(&tiny[0]), ["−2×10⁻⁵", "0", "2×10⁻⁵"]);
        assert!(linear_candidates(Interval::new(1.0, 1.0), 10).is_empty());
    }

    #[test]
    fn every_candidate_has_at_least_three_ticks_in_range() {
        for (lo, hi) in [
            (0.1, 0.35),
            (-7.3, 1e3),
            (0.999, 1.001),
            (1e150, 1.00001e150),
        ] {
            let r = Interval::new(lo, hi);
            let sets = linear_candidates(r, 12);
            assert!(!sets.is_empty(), "{lo}..{hi}");
            for s in &sets {
                assert!((FEWEST..=12).contains(&s.len()));
                assert!(s.iter().all(|t| t.value >= lo && t.value <= hi));
                let distinct: std::collections::BTreeSet<_> = s.iter().map(|t| &t.label).collect();
                assert_eq!(distinct.len(), s.len(), "{lo}..{hi}: {:?}", labels(s));
            }
        }
    }

    #[test]
    fn log_ticks_are_one_two_five_or_powers_of_ten() {
        let sets = log_candidates(Interval::new(0.3, 30.0), 12);
        assert_eq!(labels(&sets[0]), ["0.5", "1", "2", "5", "10", "20"]);
        let wide = log_candidates(Interval::new(1e-8, 1e8), 6);
        assert!(wide.iter().all(|s| s.len() <= 6 && s.len() >= FEWEST));
        assert!(labels(&wide[0]).contains(&"10⁻⁸") || labels(&wide[0]).contains(&"10⁸"));
    }

    #[test]
    fn only_steps_of_four_are_not_nice() {
        let sets = linear_candidates(Interval::new(-0.45, 0.45), 10);
        let nice: Vec<bool> = sets.iter().map(|s| nice(s)).collect();
        assert_eq!(nice, [false, true, true]);
        assert!(
            log_candidates(Interval::new(0.3, 30.0), 12)
                .iter()
                .all(|s| super::nice(s))
        );
    }

    #[test]
    fn the_choice_is_the_finest_comfortable_set_else_the_coarsest_legible_else_none() {
        let r = Interval::new(-0.45, 0.45);
        let digits = |l: &str| 5.0 * l.chars().count() as f64;
        let long = choose(r, false, 400.0, Labels::Across, 10.0, &digits).unwrap();
        assert_eq!(
            labels(&long),
            [
                "−0.4", "−0.3", "−0.2", "−0.1", "0.0", "0.1", "0.2", "0.3", "0.4"
            ]
        );
        let mid = choose(r, false, 200.0, Labels::Across, 10.0, &digits).unwrap();
        assert_eq!(labels(&mid), ["−0.4", "−0.2", "0.0", "0.2", "0.4"]);
        // Too short for five comfortably or legibly: three, 0.4 apart.
        let short = choose(r, false, 80.0, Labels::Across, 10.0, &digits).unwrap();
        assert_eq!(labels(&short), ["−0.4", "0.0", "0.4"]);
        assert_eq!(choose(r, false, 40.0, Labels::Across, 10.0, &digits), None);
        let up = choose(
            Interval::new(0.3, 30.0),
            true,
            300.0,
            Labels::Stacked,
            10.0,
            &digits,
        );
        assert_eq!(labels(&up.unwrap()), ["0.5", "1", "2", "5", "10", "20"]);
    }

    #[test]
    fn labels_apart_only_when_they_leave_the_gap() {
        assert!(apart(&[0.0, 10.0, 20.0], &[8.0, 8.0, 8.0], 2.0));
        assert!(!apart(&[0.0, 10.0, 20.0], &[8.0, 8.0, 8.0], 2.1));
    }
}
