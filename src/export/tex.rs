//! Our labels and titles (plain Unicode: "λ = 1/σ²", "η₁ = μ/σ²") as LaTeX that pdflatex
//! compiles with no packages beyond the kernel: axis names as math (`$\lambda = 1/\sigma^{2}$`),
//! titles and legends as text with the symbols in math.

/// Math-mode LaTeX of a symbol we write in labels, titles and captions.
fn symbol(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => r"\alpha",
        'β' => r"\beta",
        'γ' => r"\gamma",
        'δ' => r"\delta",
        'ε' => r"\varepsilon",
        'ζ' => r"\zeta",
        'η' => r"\eta",
        'θ' => r"\theta",
        'ϑ' => r"\vartheta",
        'ι' => r"\iota",
        'κ' => r"\kappa",
        'λ' => r"\lambda",
        'μ' => r"\mu",
        'ν' => r"\nu",
        'ξ' => r"\xi",
        'π' => r"\pi",
        'ρ' => r"\rho",
        'σ' => r"\sigma",
        'τ' => r"\tau",
        'φ' => r"\varphi",
        'ϕ' => r"\phi",
        'χ' => r"\chi",
        'ψ' => r"\psi",
        'ω' => r"\omega",
        'Γ' => r"\Gamma",
        'Δ' => r"\Delta",
        'Θ' => r"\Theta",
        'Λ' => r"\Lambda",
        'Ξ' => r"\Xi",
        'Π' => r"\Pi",
        'Σ' => r"\Sigma",
        'Φ' => r"\Phi",
        'Ψ' => r"\Psi",
        'Ω' => r"\Omega",
        '−' => "-",
        '·' => r"\cdot",
        '×' => r"\times",
        '≤' => r"\le",
        '≥' => r"\ge",
        '≈' => r"\approx",
        '≠' => r"\neq",
        '∈' => r"\in",
        '→' => r"\to",
        '←' => r"\leftarrow",
        '‖' => r"\|",
        '′' => "'",
        '∇' => r"\nabla",
        '∞' => r"\infty",
        '∂' => r"\partial",
        '±' => r"\pm",
        '½' => r"\frac{1}{2}",
        '√' => r"\surd",
        '…' => r"\dots",
        'ᵀ' => r"^{\top}",
        _ => return None,
    })
}

/// A sub- or superscript character: '_' or '^', and what it raises or lowers.
fn script(c: char) -> Option<(char, char)> {
    const SUB: &str = "₀₁₂₃₄₅₆₇₈₉₊₋";
    const SUP: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻";
    const PLAIN: [char; 12] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '-'];
    let sub = SUB.chars().position(|d| d == c);
    let sup = SUP.chars().position(|d| d == c);
    match (sub, sup) {
        (Some(k), _) => Some(('_', PLAIN[k])),
        (_, Some(k)) => Some(('^', PLAIN[k])),
        _ => None,
    }
}

/// The run of sub- or superscript characters starting at `i` as one group (`₁₀` → `_{10}`,
/// `⁻¹` → `^{-1}`), and its length.
fn script_run(chars: &[char], i: usize) -> Option<(String, usize)> {
    let (kind, _) = script(chars[i])?;
    let raised: String = chars[i..]
        .iter()
        .map_while(|&c| script(c).filter(|(k, _)| *k == kind))
        .map(|(_, c)| c)
        .collect();
    let n = raised.len();
    Some((format!("{kind}{{{raised}}}"), n))
}

/// Operator names set upright by LaTeX.
const FUNCTIONS: [&str; 8] = ["ln", "log", "exp", "tan", "cos", "sin", "det", "tr"];

/// A piece of a label in math mode.
enum Token {
    /// LaTeX to emit as it is.
    Tex(String),
    /// A word of two or more letters, set as text.
    Word(String),
    Space,
}

/// The characters of `s` as math tokens (√(…) and ^(…) take their bracket as the group).
fn tokens(s: &str) -> Vec<Token> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphabetic() {
            let run: String = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            i += run.chars().count();
            out.push(match run.len() {
                1 => Token::Tex(run),
                _ if FUNCTIONS.contains(&run.as_str()) => Token::Tex(format!(r"\{run} ")),
                _ => Token::Word(run),
            });
            continue;
        }
        if (c == '√' || c == '^')
            && chars.get(i + 1) == Some(&'(')
            && let Some(close) = matching(&chars, i + 1)
        {
            let inner: String = chars[i + 2..close].iter().collect();
            let head = if c == '√' { r"\sqrt" } else { "^" };
            out.push(Token::Tex(format!("{head}{{{}}}", math(&inner))));
            i = close + 1;
            continue;
        }
        if let Some((group, n)) = script_run(&chars, i) {
            out.push(Token::Tex(group));
            i += n;
            continue;
        }
        out.push(match c {
            ' ' => Token::Space,
            _ => Token::Tex(char_in_math(c)),
        });
        i += 1;
    }
    out
}

/// The index of the bracket closing the one at `open`.
fn matching(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// One character (not a letter) in math mode.
fn char_in_math(c: char) -> String {
    if let Some(s) = symbol(c) {
        // A command followed by a letter needs a space to end its name.
        return if s.starts_with('\\') && s[1..].chars().all(|c| c.is_ascii_alphabetic()) {
            format!("{s} ")
        } else {
            s.to_string()
        };
    }
    match c {
        '#' | '$' | '%' | '&' | '_' | '{' | '}' => format!(r"\{c}"),
        '\\' => r"\backslash ".to_string(),
        '~' => r"\sim ".to_string(),
        '^' => r"\wedge ".to_string(),
        c if c.is_ascii() => c.to_string(),
        c => format!(r"\mbox{{{c}}}"),
    }
}

/// A label in math mode, without the dollars: "μ (location)" → `\mu\ (\mbox{location})`.
/// Spaces are kept (as `\ `) only next to words and brackets, where a reader sees them.
pub fn math(s: &str) -> String {
    let tokens = tokens(s.trim());
    let mut out = String::new();
    for (k, t) in tokens.iter().enumerate() {
        match t {
            Token::Tex(s) => out.push_str(s),
            Token::Word(w) => out.push_str(&format!(r"\mbox{{{w}}}")),
            Token::Space => {
                let wordy = |t: Option<&Token>| match t {
                    Some(Token::Word(_)) => true,
                    Some(Token::Tex(s)) => s == "(" || s == ")",
                    _ => false,
                };
                let before = k.checked_sub(1).and_then(|j| tokens.get(j));
                match wordy(tokens.get(k + 1)) || wordy(before) {
                    true => out.push_str(r"\ "),
                    // Math mode ignores it; the source reads better with it.
                    false => out.push(' '),
                }
            }
        }
    }
    tidy(out.trim_end())
}

/// Drops the space after a command name where no letter follows (`\sigma ^{2}` →
/// `\sigma^{2}`); the space is only needed to end the name before a letter.
fn tidy(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut in_name = false;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let next_letter = chars.get(k + 1).is_some_and(|n| n.is_ascii_alphabetic());
        k += 1;
        if c == ' ' && in_name && !next_letter {
            in_name = false;
            continue;
        }
        out.push(c);
        in_name = match c {
            // A control symbol (`\ `, `\|`, `\{`) is whole with its one character.
            '\\' if !next_letter => {
                out.extend(chars.get(k));
                k += 1;
                false
            }
            '\\' => true,
            c if c.is_ascii_alphabetic() => in_name,
            _ => false,
        };
    }
    out
}

/// Text with its symbols in math: "Fisher balls of the Gaussian N(μ, σ²)" →
/// `Fisher balls of the Gaussian N($\mu$, $\sigma^{2}$)`.
pub fn text(s: &str) -> String {
    let mut out = String::new();
    let mut in_math = false;
    let mut put = |piece: &str, math: bool| {
        if math != in_math {
            out.push('$');
            in_math = math;
        }
        out.push_str(piece);
    };
    let chars: Vec<char> = s.chars().collect();
    let formula = formula_words(&chars);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some((group, n)) = script_run(&chars, i) {
            put(&group, true);
            i += n;
            continue;
        }
        i += 1;
        if let Some(m) = symbol(c) {
            // A command name ends before a letter of the formula that follows it.
            let letter_next = chars.get(i).is_some_and(|n| n.is_ascii_alphabetic());
            match m.ends_with(|e: char| e.is_ascii_alphabetic()) && letter_next {
                true => put(&format!("{m} "), true),
                false => put(m, true),
            }
            continue;
        }
        // A letter or digit of a word that holds a symbol is part of its formula: "½ΔᵀFΔ"
        // is one formula, its F in math italic like the rest (issue 18: "F" in text).
        let inner = |c: char| c == '.' && chars.get(i).is_some_and(|n| n.is_ascii_digit());
        if formula[i - 1] && (c.is_ascii_alphanumeric() || "()/+-=".contains(c) || inner(c)) {
            put(&c.to_string(), true);
            continue;
        }
        let plain = match c {
            '#' | '$' | '%' | '&' | '_' | '{' | '}' => format!(r"\{c}"),
            '\\' => r"\textbackslash{}".to_string(),
            '~' => r"\textasciitilde{}".to_string(),
            '^' => r"\textasciicircum{}".to_string(),
            '–' => "--".to_string(),
            '—' => "---".to_string(),
            '’' => "'".to_string(),
            // A line break or any control character (a carriage return ends a comment line
            // and runs the rest as code) is a space: text is one line of TeX.
            c if c.is_control() => " ".to_string(),
            c => c.to_string(),
        };
        put(&plain, false);
    }
    if in_math {
        out.push('$');
    }
    out
}

/// For each character, whether its word (between spaces) holds a math symbol or a sub- or
/// superscript: such a word is a formula, set in math mode whole.
fn formula_words(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut start = 0;
    for end in (0..=chars.len()).filter(|&k| k == chars.len() || chars[k].is_whitespace()) {
        let word = start..end;
        let symbolic = word
            .clone()
            .any(|k| symbol(chars[k]).is_some() || script_run(chars, k).is_some());
        for k in word {
            out[k] = symbolic;
        }
        start = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_names_become_math() {
        for (label, tex) in [
            ("μ", r"\mu"),
            ("σ²", r"\sigma^{2}"),
            ("λ = 1/σ²", r"\lambda = 1/\sigma^{2}"),
            ("η₂ = −1/(2σ²)", r"\eta_{2} = -1/(2\sigma^{2})"),
            ("μ (location)", r"\mu\ (\mbox{location})"),
            ("ln σ", r"\ln \sigma"),
            (
                "φ: tan φ = √(p₂/p₁)",
                r"\varphi: \tan \varphi = \sqrt{p_{2}/p_{1}}",
            ),
            (
                "κ = α+β (concentration)",
                r"\kappa = \alpha+\beta\ (\mbox{concentration})",
            ),
            ("log₁₀ √det F", r"\log_{10} \surd\det F"),
            ("x₁₂ + y²³", r"x_{12} + y^{23}"),
            ("F⁻¹", r"F^{-1}"),
            ("a_b {c} 50%", r"a\_b \{c\} 50\%"),
        ] {
            assert_eq!(math(label), tex, "{label}");
        }
    }

    #[test]
    fn titles_keep_text_and_put_symbols_in_math() {
        assert_eq!(
            text("Fisher balls of the Gaussian N(μ, σ²), mean-std chart"),
            r"Fisher balls of the Gaussian $N(\mu$, $\sigma^{2})$, mean-std chart"
        );
        // A word with a symbol is one formula: its letters in math too.
        assert_eq!(
            text("quadratic: ½ΔᵀFΔ = L"),
            r"quadratic: $\frac{1}{2}\Delta^{\top}F\Delta$ = L"
        );
        assert_eq!(text("r = √(2L) = 0.1414"), r"r = $\surd(2L)$ = 0.1414");
        assert_eq!(text("9×5 centres"), r"$9\times5$ centres");
        assert_eq!(text("w = √n F"), r"w = $\surd n$ F");
        assert_eq!(text("100% of $5 & #1_a"), r"100\% of \$5 \& \#1\_a");
    }
}
