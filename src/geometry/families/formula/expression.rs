//! Formulas: parsed by exmex (MIT/Apache-2.0) with an operator set of our own, generic over
//! [`Scalar`] so that one parsed formula is evaluated on plain numbers or on jets. Besides
//! the arithmetic operators, the functions are those of a density's formula: exp, ln (log
//! is the natural logarithm too), log10, sqrt, abs, the trigonometric and hyperbolic
//! functions and their inverses, lgamma (ln Γ), digamma (ψ), erf, erfc, and the constant pi.

use exmex::{BinOp, Express, FlatEx, MakeOperators, MatchLiteral, Operator};
use special::Error as _;

use super::jet::{Scalar, exp, ln, pow};
use crate::geometry::special::{digamma, ln_gamma, tetragamma, trigamma};

/// Number literals: digits with an optional fraction and exponent (2, 0.5, .5, 1e-3,
/// 2.5E+4); exmex's own matcher takes no exponent.
#[derive(Clone, Debug)]
pub struct Number;

impl MatchLiteral for Number {
    fn is_literal(text: &str) -> Option<&str> {
        let b = text.as_bytes();
        let digits = |mut i: usize| {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            i
        };
        let whole = digits(0);
        let mut end = whole;
        if end < b.len() && b[end] == b'.' {
            end = digits(end + 1);
        }
        if end == 0 || (whole == 0 && end == 1) {
            return None;
        }
        if end < b.len() && (b[end] == b'e' || b[end] == b'E') {
            let mut k = end + 1;
            if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
                k += 1;
            }
            let after = digits(k);
            if after > k {
                end = after;
            }
        }
        Some(&text[..end])
    }
}

/// The operators, for any [`Scalar`].
#[derive(Clone, Debug)]
pub struct Ops;

fn bin<S: Scalar>(repr: &str, apply: fn(S, S) -> S, prio: i64, commutes: bool) -> Operator<'_, S> {
    Operator::make_bin(
        repr,
        BinOp {
            apply,
            prio,
            is_commutative: commutes,
        },
    )
}

fn sqrt<S: Scalar>(a: S) -> S {
    let s = a.value().sqrt();
    a.chain(s, 0.5 / s, -0.25 / (s * a.value()))
}

/// √π/2's reciprocal: d erf(u)/du = (2/√π) e^(−u²).
const TWO_OVER_SQRT_PI: f64 = std::f64::consts::FRAC_2_SQRT_PI;

fn erf<S: Scalar>(a: S) -> S {
    let u = a.value();
    let d = TWO_OVER_SQRT_PI * (-u * u).exp();
    a.chain(u.error(), d, -2.0 * u * d)
}

impl<S: Scalar> MakeOperators<S> for Ops {
    fn make<'a>() -> Vec<Operator<'a, S>> {
        vec![
            bin("^", pow, 4, false),
            bin("*", |a, b| a * b, 2, true),
            bin("/", |a, b| a / b, 3, false),
            Operator::make_bin_unary(
                "+",
                BinOp {
                    apply: |a, b| a + b,
                    prio: 0,
                    is_commutative: true,
                },
                |a| a,
            ),
            Operator::make_bin_unary(
                "-",
                BinOp {
                    apply: |a, b| a - b,
                    prio: 1,
                    is_commutative: false,
                },
                |a| -a,
            ),
            Operator::make_unary("exp", exp),
            Operator::make_unary("ln", ln),
            Operator::make_unary("log", ln),
            Operator::make_unary("log10", |a: S| ln(a) / S::constant(std::f64::consts::LN_10)),
            Operator::make_unary("sqrt", sqrt),
            Operator::make_unary("abs", |a: S| {
                let s = a.value().signum();
                a.chain(a.value().abs(), s, 0.0)
            }),
            Operator::make_unary("sin", |a: S| {
                let (s, c) = a.value().sin_cos();
                a.chain(s, c, -s)
            }),
            Operator::make_unary("cos", |a: S| {
                let (s, c) = a.value().sin_cos();
                a.chain(c, -s, -c)
            }),
            Operator::make_unary("tan", |a: S| {
                let t = a.value().tan();
                let d = 1.0 + t * t;
                a.chain(t, d, 2.0 * t * d)
            }),
            Operator::make_unary("asin", |a: S| {
                let u = a.value();
                let d = 1.0 / (1.0 - u * u).sqrt();
                a.chain(u.asin(), d, u * d * d * d)
            }),
            Operator::make_unary("acos", |a: S| {
                let u = a.value();
                let d = 1.0 / (1.0 - u * u).sqrt();
                a.chain(u.acos(), -d, -u * d * d * d)
            }),
            Operator::make_unary("atan", |a: S| {
                let u = a.value();
                let d = 1.0 / (1.0 + u * u);
                a.chain(u.atan(), d, -2.0 * u * d * d)
            }),
            Operator::make_unary("sinh", |a: S| {
                let u = a.value();
                a.chain(u.sinh(), u.cosh(), u.sinh())
            }),
            Operator::make_unary("cosh", |a: S| {
                let u = a.value();
                a.chain(u.cosh(), u.sinh(), u.cosh())
            }),
            Operator::make_unary("tanh", |a: S| {
                let t = a.value().tanh();
                let d = 1.0 - t * t;
                a.chain(t, d, -2.0 * t * d)
            }),
            Operator::make_unary("lgamma", |a: S| {
                let u = a.value();
                a.chain(ln_gamma(u), digamma(u), trigamma(u))
            }),
            Operator::make_unary("digamma", |a: S| {
                let u = a.value();
                a.chain(digamma(u), trigamma(u), tetragamma(u))
            }),
            Operator::make_unary("erf", erf),
            Operator::make_unary("erfc", |a: S| S::constant(1.0) - erf(a)),
            Operator::make_constant("pi", S::constant(std::f64::consts::PI)),
        ]
    }
}

/// The function names a formula may use, for error messages.
pub const FUNCTIONS: &str = "exp, ln, log, log10, sqrt, abs, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, lgamma, digamma, erf, erfc, pi";

/// A parsed formula, ready to be evaluated on numbers and on jets, with its variables
/// mapped to the places of the values it is given.
#[derive(Debug, Clone)]
pub struct Formula {
    text: String,
    plain: FlatEx<f64, Ops, Number>,
    jets: FlatEx<super::jet::Jet, Ops, Number>,
    /// For each of the formula's variables (alphabetical, as exmex orders them), its index
    /// among the names the formula was parsed against.
    slots: Vec<usize>,
}

/// Why a formula cannot be used, with its words for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaError(pub String);

impl Formula {
    /// Parses `text` whose variables must be among `names` (their order is the order of
    /// the values [`Formula::eval`] is given). `what` names the formula in errors.
    pub fn parse(what: &str, text: &str, names: &[&str]) -> Result<Self, FormulaError> {
        let refuse =
            |why: String| FormulaError(format!("{what} = \"{text}\" does not parse: {why}"));
        if let Some(why) = first_fault(text) {
            return Err(refuse(why));
        }
        warm_up();
        let plain = FlatEx::<f64, Ops, Number>::parse(text)
            .map_err(|e| refuse(parse_message(&e.to_string())))?;
        let jets = FlatEx::<super::jet::Jet, Ops, Number>::parse(text)
            .map_err(|e| FormulaError(format!("{what} = \"{text}\" does not parse: {e}")))?;
        let slots = plain
            .var_names()
            .iter()
            .map(|v| {
                names.iter().position(|n| n == v).ok_or_else(|| {
                    FormulaError(format!(
                        "{what} = \"{text}\" uses '{v}', which is none of {} (nor a function: {FUNCTIONS})",
                        names.join(", ")
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Formula {
            text: text.to_string(),
            plain,
            jets,
            slots,
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the formula uses the name at `index` of those it was parsed against.
    pub fn uses(&self, index: usize) -> bool {
        self.slots.contains(&index)
    }

    /// The formula's value for `values` (in the order of the names it was parsed against).
    pub fn eval(&self, values: &[f64]) -> f64 {
        let mut vars = [0.0; 8];
        for (k, &s) in self.slots.iter().enumerate() {
            vars[k] = values[s];
        }
        self.plain
            .eval(&vars[..self.slots.len()])
            .unwrap_or(f64::NAN)
    }

    /// The formula's value and derivatives, the values given as jets.
    pub fn eval_jet(&self, values: &[super::jet::Jet]) -> super::jet::Jet {
        let mut vars = [super::jet::Jet::default(); 8];
        for (k, &s) in self.slots.iter().enumerate() {
            vars[k] = values[s];
        }
        self.jets
            .eval(&vars[..self.slots.len()])
            .unwrap_or(super::jet::Jet::constant(f64::NAN))
    }
}

/// exmex's parse error in plainer words where it has some.
fn parse_message(message: &str) -> String {
    let m = message.trim();
    if m.contains("ops and") && m.contains("node") {
        "two values stand side by side with no operator between them (write k*x, not k x)".into()
    } else if m.contains("last element cannot be an operator") {
        "it ends in an operator".into()
    } else if m.contains("first element") {
        "it starts with an operator that needs a value on its left".into()
    } else {
        m.to_string()
    }
}

/// The first fault of a formula that can be told with its place (character positions
/// count from 1): a parenthesis that is not closed or closes nothing, a character no
/// formula holds, an unknown function, two operators in a row.
pub fn first_fault(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => open.push(i),
            ')' if open.pop().is_none() => {
                return Some(format!("the ')' at character {} closes no '('", i + 1));
            }
            c if !(c.is_alphanumeric() || c.is_whitespace() || "+-*/^()._{}".contains(c)) => {
                return Some(format!(
                    "'{c}' at character {} is not part of a formula",
                    i + 1
                ));
            }
            _ => {}
        }
    }
    if let Some(&i) = open.first() {
        return Some(format!("the '(' at character {} is never closed", i + 1));
    }
    let operators = "*/^";
    for i in 1..chars.len() {
        if operators.contains(chars[i]) && operators.contains(chars[i - 1]) {
            return Some(format!(
                "'{}{}' at character {} is two operators in a row (a power is ^)",
                chars[i - 1],
                chars[i],
                i
            ));
        }
    }
    // A name followed by '(' must be a function.
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            let next = chars[i..].iter().find(|c| !c.is_whitespace());
            let is_number = start > 0 && chars[start - 1].is_ascii_digit();
            if next == Some(&'(') && !is_number && !FUNCTIONS.split(", ").any(|f| f == name) {
                return Some(format!(
                    "'{name}' at character {} is not a function; the functions are {FUNCTIONS}",
                    start + 1
                ));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// exmex compiles its name patterns (regular expressions) the first time it parses, on the
/// calling thread, and regex's compiler takes a deep stack: after thin LTO's inlining it
/// overflowed a test thread's 2 MiB (`tests/formula.rs` aborted once the mml changes of
/// issue 23 moved the inlining; gdb showed the overflow inside `Compiler::c`). So the first
/// parse runs once on a thread of its own with 64 MiB, whatever thread (a test's, rayon's)
/// parses first.
fn warm_up() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let first = std::thread::Builder::new().stack_size(64 << 20).spawn(|| {
            // A unary operator before a variable: both of exmex's name patterns.
            let _ = FlatEx::<f64, Ops, Number>::parse("exp(x) * x + 1");
            let _ = FlatEx::<super::jet::Jet, Ops, Number>::parse("exp(x) * x + 1");
        });
        // Without that thread (none could be made), the caller's own parse compiles it.
        let _ = first.map(|thread| thread.join());
    });
}

/// The variables of a formula, in alphabetical order (exmex's).
pub fn variables(text: &str) -> Result<Vec<String>, String> {
    warm_up();
    FlatEx::<f64, Ops, Number>::parse(text)
        .map(|f| f.var_names().to_vec())
        .map_err(|e| e.to_string())
}

/// The terms of a sum at the top level of a formula, each with its sign: "a*b - c + d"
/// → [(+, "a*b"), (−, "c"), (+, "d")]. A + or − is a separator at depth 0 unless it follows
/// an operator or an opening parenthesis (a sign: "a*-b") or the e of a number ("1e-5").
pub fn terms(text: &str) -> Vec<(char, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut start, mut sign) = (0i32, 0usize, '+');
    let mut previous: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b'+' | b'-' if depth == 0 => {
                let exponent = matches!(previous, Some(b'e' | b'E'))
                    && i >= 2
                    && (bytes[i - 2].is_ascii_digit() || bytes[i - 2] == b'.');
                let after_operator = matches!(
                    previous,
                    None | Some(b'*' | b'/' | b'^' | b'(' | b'+' | b'-')
                );
                if !exponent && !after_operator {
                    out.push((sign, text[start..i].trim()));
                    sign = b as char;
                    start = i + 1;
                }
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            previous = Some(b);
        }
    }
    out.push((sign, text[start..].trim()));
    out
}

/// The terms `keep` selects, as one formula text: "0 + (a) - (c)" (each term in
/// parentheses, so that its own leading sign stays a sign), or "0" if none.
pub fn sum_of(terms: &[(char, &str)], keep: impl Fn(&str) -> bool) -> String {
    let mut text = String::from("0");
    for (sign, term) in terms.iter().filter(|t| keep(t.1)) {
        text.push_str(&format!(" {sign} ({term})"));
    }
    text
}
