//! Special functions: ln Γ, ψ and ψ′ from the `special` crate (measured most accurate here,
//! shared/MATH.md: relative error ≤ 3e-16 on 1e-3..1e5), and ψ″, which no crate measured
//! gives accurately, written here and tested against −2ζ(3) and differences of ψ′.

use special::Gamma;

/// ln Γ(x), x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    Gamma::ln_gamma(x).0
}

/// The digamma function ψ(x) = d ln Γ(x)/dx.
pub fn digamma(x: f64) -> f64 {
    Gamma::digamma(x)
}

/// The trigamma function ψ′(x).
pub fn trigamma(x: f64) -> f64 {
    Gamma::trigamma(&x)
}

/// The tetragamma function ψ″(x), x > 0: the recurrence ψ″(x) = ψ″(x + 1) − 2/x³ up to
/// x ≥ 15, then the asymptotic series
/// ψ″(x) ≈ −1/x² − 1/x³ − Σₖ B₂ₖ (2k + 1)/x^(2k+2) (Abramowitz & Stegun 6.4.13), whose
/// first omitted term is below 1e-15 of the value there.
pub fn tetragamma(x: f64) -> f64 {
    let mut x = x;
    let mut shift = 0.0;
    while x < 15.0 {
        shift -= 2.0 / (x * x * x);
        x += 1.0;
    }
    let w = 1.0 / (x * x);
    // B₂ₖ(2k + 1) for k = 1..6: 1/2, −1/6, 1/6, −3/10, 5/6, −691/210.
    let series = w
        * (0.5
            + w * (-1.0 / 6.0
                + w * (1.0 / 6.0 + w * (-0.3 + w * (5.0 / 6.0 + w * (-691.0 / 210.0))))));
    shift - w - w / x - w * series
}
