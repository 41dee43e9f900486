//! The effective sample size of a chain: n / τ, with τ = 1 + 2 Σ ρₜ the integrated
//! autocorrelation time, summed by Geyer's initial monotone sequence (Geyer 1992,
//! "Practical Markov chain Monte Carlo", Stat. Sci. 7(4), §3.3): the sums of adjacent pairs
//! ρ₂ₖ + ρ₂ₖ₊₁ are positive and decreasing for a reversible chain, so the sum stops at the
//! first that is not positive, and each is held at most the one before.

/// The effective sample size of `xs` (1 for a chain that never moved).
pub fn effective_size(xs: &[f64]) -> f64 {
    let n = xs.len();
    if n < 4 {
        return n as f64;
    }
    let mean = xs.iter().sum::<f64>() / n as f64;
    let centred: Vec<f64> = xs.iter().map(|x| x - mean).collect();
    let autocovariance = |t: usize| {
        centred[..n - t]
            .iter()
            .zip(&centred[t..])
            .map(|(a, b)| a * b)
            .sum::<f64>()
            / n as f64
    };
    let variance = autocovariance(0);
    if variance <= 0.0 || !variance.is_finite() {
        return 1.0;
    }
    let rho = |t: usize| autocovariance(t) / variance;
    let mut tau = -1.0;
    let mut last = f64::INFINITY;
    let mut t = 0;
    while t + 1 < n {
        let pair = (rho(t) + rho(t + 1)).min(last);
        if pair <= 0.0 {
            break;
        }
        tau += 2.0 * pair;
        last = pair;
        t += 2;
    }
    // An antithetic chain (a trajectory of half a period: x, −x, x, …) can beat n, and its
    // estimated τ can fall to 0 or below; held at 1/log₁₀ n, its ESS is at most n log₁₀ n
    // (Stan's cap).
    let cap = (n as f64).log10();
    n as f64 / tau.max(1.0 / cap)
}
