//! What double precision can do with a Fisher matrix: its Jacobi-scaled eigen-decomposition,
//! its inverse through it, and why it cannot (overflow, ill-conditioning, not positive).
//! Plain linear algebra on 2×2 matrices, shared by the balls ([`super::ball`]), the chart's
//! checked Fisher matrix ([`super::Model::checked_fisher`]) and natural-gradient steps.

use super::Mat;

/// Why a Fisher matrix gives no ball: what double precision could not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conditioning {
    /// An entry is not a finite number (it overflowed), or a diagonal entry, positive in
    /// exact arithmetic for every family here, underflowed to 0.
    OutOfRange,
    /// Positive definite in exact arithmetic, perhaps, but not to double precision: after
    /// scaling its diagonal to 1, its eigenvalues differ by more than [`MAX_CONDITION`].
    IllConditioned,
    /// A diagonal entry is < 0, or an eigenvalue of the scaled matrix is < 0 by more than rounding.
    NotPositive,
}

/// The largest ratio of the scaled Fisher matrix's eigenvalues trusted: at 1e12 its smaller
/// eigenvector is known to about 1e-4, the outline's angle error.
pub const MAX_CONDITION: f64 = 1e12;

impl Conditioning {
    pub fn why(self) -> &'static str {
        match self {
            Conditioning::OutOfRange => "its entries overflow or underflow double precision",
            Conditioning::IllConditioned => {
                "it is too ill-conditioned for double precision (with its diagonal scaled to 1, its smaller eigenvalue is under 1e-12 of its larger, or lost to rounding)"
            }
            Conditioning::NotPositive => "it is not positive definite",
        }
    }
}

/// F = D^½ S D^½ with D = diag F (Jacobi scaling) and S = V diag(w) Vᵀ: (diag D, V, w).
/// Decomposing S instead of F keeps a matrix whose ill-conditioning is only its coordinates'
/// scales (the Gamma's at k = 1.5e-5 in (k, β): eigenvalues 4.4e9 and 6.7e-6, which F's own
/// eigenvectors lose to rounding; S's are 1 ± 0.004) from bending its balls.
pub fn scaled_eigen(
    fisher: Mat,
) -> Result<(nalgebra::Vector2<f64>, Mat, nalgebra::Vector2<f64>), Conditioning> {
    if !fisher.iter().all(|v| v.is_finite()) {
        return Err(Conditioning::OutOfRange);
    }
    let d = fisher.diagonal();
    if d.iter().any(|&v| v < 0.0) {
        return Err(Conditioning::NotPositive);
    }
    if d.iter().any(|&v| v == 0.0) {
        return Err(Conditioning::OutOfRange);
    }
    let root = d.map(f64::sqrt);
    let s = Mat::from_fn(|i, j| fisher[(i, j)] / (root[i] * root[j]));
    let eig = s.symmetric_eigen();
    let (lo, hi) = (eig.eigenvalues.min(), eig.eigenvalues.max());
    if !(lo.is_finite() && hi.is_finite()) {
        return Err(Conditioning::OutOfRange);
    }
    if lo <= 0.0 && lo < -1e-12 * hi {
        return Err(Conditioning::NotPositive);
    }
    if lo <= 0.0 || hi > MAX_CONDITION * lo {
        return Err(Conditioning::IllConditioned);
    }
    Ok((d, eig.eigenvectors, eig.eigenvalues))
}

/// F⁻¹ = D^-½ V diag(w)⁻¹ Vᵀ D^-½ through [`scaled_eigen`]: it holds wherever F's trouble is
/// only its coordinates' scales, where F's own determinant under- or overflows (a Gaussian's
/// F at σ = 1.5e94 has det F = 2/σ⁴ = 0 in double precision, a Cauchy's at γ = 1e150 too).
pub fn scaled_inverse(fisher: Mat) -> Result<Mat, Conditioning> {
    let (d, v, w) = scaled_eigen(fisher)?;
    let inv_root = Mat::from_diagonal(&d.map(|d| d.sqrt().recip()));
    let inv_w = Mat::from_diagonal(&w.map(f64::recip));
    Ok(inv_root * v * inv_w * v.transpose() * inv_root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaled_inverse_inverts_at_any_scale_and_refuses_what_rounding_hides() {
        let f = Mat::new(4.0, 1.5, 1.5, 2.0);
        let want = f.try_inverse().unwrap();
        for scale in [1.0, 1e-300, 1e300] {
            let inv = scaled_inverse(f * scale).unwrap() * scale;
            assert!((inv - want).norm() < 1e-14 * want.norm(), "{scale}: {inv}");
        }
        let singular = Mat::new(1.0, 1.0, 1.0, 1.0 + 1e-13);
        assert_eq!(scaled_inverse(singular), Err(Conditioning::IllConditioned));
        assert_eq!(
            scaled_inverse(Mat::new(1.0, 2.0, 2.0, 1.0)),
            Err(Conditioning::NotPositive)
        );
    }
}
