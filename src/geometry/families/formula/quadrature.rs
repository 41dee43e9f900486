//! Expectations over a family's outcomes: double-exponential quadrature on a line (Takahasi &
//! Mori 1974; the tanh-sinh, exp-sinh and sinh-sinh maps of Bailey, Jeyabalan & Li,
//! "A comparison of three high-precision quadrature schemes", 2005), or sums over counts.
//!
//! A rule here is its nodes and weights, so that one pass over the outcomes sums every
//! expectation a Fisher matrix, its derivatives and the checks need (fifteen at once: a
//! scalar integrator from a crate would evaluate the density fifteen times as often). The
//! double-exponential maps make the integrand decay doubly exponentially at both ends, which
//! also tames the endpoint singularities of densities such as xᵏ⁻¹ (Gamma, k < 1) and
//! (1 − x)ᵝ⁻¹ (Beta), and the algebraic tails of Cauchy-like densities.

/// Where a family's outcomes lie, as its file states.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcomes {
    /// The interval (lo, hi) of the real line, either end possibly infinite.
    Line { lo: f64, hi: f64 },
    /// The integers lo, lo + 1, …, hi (hi possibly infinite).
    Counts { lo: f64, hi: f64 },
}

/// The step of the rule in the map's parameter t: the error of a double-exponential rule
/// falls like exp(−c/h). At h = 1/16 a Gaussian's Fisher matrix (sinh-sinh, whose strip of
/// analyticity is narrow for a density that already decays like e^(−x²)) was 4e-8 off; at
/// 1/32 the four formula families of docs/families match their closed forms to 1e-12
/// (tests/formula.rs). Nodes where the density is negligible are dropped before the
/// expensive passes ([`Rule::keep_mass`]).
pub const STEP: f64 = 1.0 / 32.0;

/// The most counts summed for one expectation.
pub const MAX_COUNTS: usize = 1_000_000;

/// A rule: outcomes x and weights w with Σ w f(x) ≈ ∫ f(x) dx (or Σ f over counts).
pub struct Rule {
    pub nodes: Vec<(f64, f64)>,
    /// The node at the bulk's middle (t = 0), from which [`Rule::keep_mass`] walks out.
    pub middle: usize,
}

/// A rule for one density: its nodes with w·p(x) and ln p(x) there, every node of
/// negligible mass left out.
pub struct Weighted {
    /// (x, w·p(x), ln p(x)).
    pub nodes: Vec<(f64, f64, f64)>,
    /// The rule's own weight w of each node, for another density on the same nodes.
    pub weights: Vec<f64>,
    /// The first node where ln p is not a number, if any.
    pub undefined_at: Option<f64>,
}

/// Nodes whose mass w·p is below this fraction of the largest are left out: the most
/// they could add to an expectation of a polynomially growing score is far below 1e-15.
pub const NEGLIGIBLE: f64 = 1e-30;

/// A walk out from the bulk stops after this many negligible nodes in a row.
pub const TAIL: usize = 8;

impl Rule {
    /// The nodes that carry mass under the density e^(log_p), with their weights times it:
    /// walking out from the middle node each way until [`TAIL`] nodes in a row carry less
    /// than [`NEGLIGIBLE`] of the most so far (a rule laid on the bulk reaches its tails
    /// long before its last node), then leaving out every node below that share of the most.
    pub fn keep_mass(&self, log_p: impl Fn(f64) -> f64) -> Weighted {
        let mut out = Weighted {
            nodes: Vec::new(),
            weights: Vec::new(),
            undefined_at: None,
        };
        let n = self.nodes.len();
        if n == 0 {
            return out;
        }
        let middle = self.middle.min(n - 1);
        let mut most = 0.0f64;
        let mut visited: Vec<((f64, f64, f64), f64)> = Vec::with_capacity(n);
        let down: Vec<usize> = (0..middle).rev().collect();
        let up: Vec<usize> = (middle..n).collect();
        for side in [up, down] {
            let mut quiet = 0;
            for k in side {
                let (x, w) = self.nodes[k];
                let l = log_p(x);
                if l.is_nan() || l == f64::INFINITY {
                    out.undefined_at.get_or_insert(x);
                    quiet = 0;
                    continue;
                }
                let m = w * l.exp();
                most = most.max(m);
                quiet = if m > NEGLIGIBLE * most { 0 } else { quiet + 1 };
                visited.push(((x, m, l), w));
                if quiet >= TAIL {
                    break;
                }
            }
        }
        visited.sort_by(|a, b| a.0.0.total_cmp(&b.0.0));
        (out.nodes, out.weights) = visited
            .into_iter()
            .filter(|v| v.0.1 > NEGLIGIBLE * most)
            .unzip();
        out
    }

    /// The rule on (lo, hi): the outcome is first carried onto the whole line by
    /// v = x (for the line), ln(x − lo) or ln(hi − x) (a half-line) or ln((x − lo)/(hi − x))
    /// (an interval), and nodes are laid there at v = m + c·sinh(u), u in steps of [`STEP`]:
    /// the bulk of the density in v, at `m` with width `c`, gets the finest nodes whatever
    /// its place and width in x (a Weibull of shape 8 is narrow in x, not in ln x), and an
    /// end where the density is singular (xᵏ⁻¹ with k < 1) is an exponentially decaying
    /// tail in v. On the line and an interval u = π/2·sinh t (sinh-sinh: algebraic tails,
    /// such as a Cauchy's, then decay doubly exponentially too); on a half-line u = t, since
    /// there ln x already turns an exponential tail e^(−x) into e^(−eᵛ), which a second
    /// sinh makes too steep for the rule (a Weibull's Fisher matrix was 7e-9 off with it,
    /// 1e-15 without).
    pub fn line(lo: f64, hi: f64, m: f64, c: f64) -> Rule {
        Rule::line_with(lo, hi, m, c, STEP)
    }

    /// [`Rule::line`] with steps of `step`: a coarse rule finds where the mass lies.
    pub fn line_with(lo: f64, hi: f64, m: f64, c: f64, step: f64) -> Rule {
        use std::f64::consts::FRAC_PI_2;
        let half = lo.is_finite() != hi.is_finite();
        let reach = if half { 6.0 } else { 3.5 };
        let n = (reach / step) as i64;
        let mut nodes = Vec::with_capacity(2 * n as usize + 1);
        let mut middle = 0;
        for k in -n..=n {
            if k == 0 {
                middle = nodes.len();
            }
            let t = k as f64 * step;
            let (u, du) = match half {
                true => (t, step),
                false => (FRAC_PI_2 * t.sinh(), FRAC_PI_2 * t.cosh() * step),
            };
            let v = m + c * u.sinh();
            let dv = c * u.cosh() * du;
            let (x, dx) = from_line(lo, hi, v);
            let w = dx * dv;
            // Nodes that round onto an end (or overflow) carry no mass double precision sees.
            if x.is_finite() && x > lo && x < hi && w > 0.0 && w.is_finite() {
                nodes.push((x, w));
            }
        }
        Rule { nodes, middle }
    }

    /// Every count from lo to hi, or while `log_p` is above what double precision adds
    /// to a sum of 1 (from the mode on, once the terms fall): the weights are 1.
    pub fn counts(lo: f64, hi: f64, log_p: impl Fn(f64) -> f64) -> Rule {
        let mut nodes = Vec::new();
        let mut x = lo;
        let mut previous = f64::NEG_INFINITY;
        while x <= hi && nodes.len() < MAX_COUNTS {
            let l = log_p(x);
            // e^(−45) ≈ 3e-20: the rest of a falling tail adds nothing to 1.
            if l < -45.0 && l < previous && hi.is_infinite() {
                break;
            }
            nodes.push((x, 1.0));
            previous = l;
            x += 1.0;
        }
        // Counts are summed from the first: every one is evaluated already.
        Rule { nodes, middle: 0 }
    }
}

/// The outcome x for a point v of the line (the inverse of [`to_line`]) and dx/dv.
pub fn from_line(lo: f64, hi: f64, v: f64) -> (f64, f64) {
    match (lo.is_finite(), hi.is_finite()) {
        (false, false) => (v, 1.0),
        (true, false) => {
            let e = v.exp();
            (lo + e, e)
        }
        (false, true) => {
            let e = v.exp();
            (hi - e, e)
        }
        (true, true) => {
            // x = lo + (hi − lo)/(1 + e^(−v)): the distance to each end kept exact.
            let q = 1.0 / (1.0 + (-v).exp());
            let near_hi = 1.0 / (1.0 + v.exp());
            (lo + (hi - lo) * q, (hi - lo) * q * near_hi)
        }
    }
}

/// The point of the line an outcome x is carried to (see [`Rule::line`]).
pub fn to_line(lo: f64, hi: f64, x: f64) -> f64 {
    match (lo.is_finite(), hi.is_finite()) {
        (false, false) => x,
        (true, false) => (x - lo).ln(),
        (false, true) => (hi - x).ln(),
        (true, true) => ((x - lo) / (hi - x)).ln(),
    }
}
