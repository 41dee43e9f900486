"""The 9x6 exact-KL figure of `fisherballs plot --chart mean-std --ball kl --grid 9x6`,
the way one would write it with numpy, scipy and matplotlib: for each centre (mu, sigma),
128 rays in the (mu, sigma) chart, each solved for D(p' || p) = L by brentq, then filled
and outlined, centres dotted, a caption, and a 1200x900 PNG. scripts/bench-vs-matplotlib.sh
times it against fisherballs, process start included.

Usage: python3 matplotlib_kl_balls.py OUT.png
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from scipy.optimize import brentq  # noqa: E402

L = 0.01
POINTS = 128
NX, NY = 9, 6
XLIM, YLIM = (-2.0, 2.0), (0.25, 1.6)


def kl(mu1, s1, mu0, s0):
    """D(N(mu1, s1^2) || N(mu0, s0^2))."""
    return np.log(s0 / s1) + (s1**2 + (mu1 - mu0) ** 2) / (2 * s0**2) - 0.5


def ball(mu0, s0):
    """The outline D(p' || p) = L around p = N(mu0, s0^2), solved along rays."""
    out = []
    for t in np.linspace(0, 2 * np.pi, POINTS, endpoint=False):
        d = np.array([np.cos(t), np.sin(t)])
        # The ray leaves sigma > 0 at step s0 / -d[1] when it points down.
        far = s0 / -d[1] * (1 - 1e-12) if d[1] < 0 else 10.0 * s0
        g = lambda r: kl(mu0 + r * d[0], s0 + r * d[1], mu0, s0) - L  # noqa: E731
        r = brentq(g, 0.0, far, xtol=1e-14, rtol=1e-14)
        out.append((mu0 + r * d[0], s0 + r * d[1]))
    return np.array(out)


def main(path):
    xs = XLIM[0] + (np.arange(NX) + 0.5) * (XLIM[1] - XLIM[0]) / NX
    ys = YLIM[0] + (np.arange(NY) + 0.5) * (YLIM[1] - YLIM[0]) / NY
    fig, ax = plt.subplots(figsize=(12, 9), dpi=100)
    for y in ys:
        for x in xs:
            b = ball(x, y)
            ax.fill(b[:, 0], b[:, 1], color="#D55E00", alpha=0.22, lw=0)
            ax.plot(np.append(b[:, 0], b[0, 0]), np.append(b[:, 1], b[0, 1]), color="#954200", lw=1.6)
            ax.plot([x], [y], "o", color="#954200", ms=3)
    ax.set_xlabel("μ")
    ax.set_ylabel("σ")
    ax.set_title("Fisher balls of the Gaussian N(μ, σ²), mean-std chart")
    ax.grid(True, color="#e1e1e1")
    fig.text(0.5, 0.02, "gaussian · chart mean-std · kl balls: D(p′ ‖ p) = L\nKL level L = 0.01 · 9×6 centres", ha="center")
    fig.savefig(path)


if __name__ == "__main__":
    main(sys.argv[1])
