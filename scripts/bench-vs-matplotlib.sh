#!/usr/bin/env bash
# The 9x6 exact-KL PNG by fisherballs against the same figure by numpy + scipy + matplotlib
# (scripts/matplotlib_kl_balls.py), in one run on one machine, process start included, and
# fisherballs' PDF and pgfplots outputs of the figure against its PNG.
# Usage: scripts/bench-vs-matplotlib.sh [RUNS]   (default 10; makes target/bench-venv with
# numpy, scipy and matplotlib from PyPI the first time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cargo build --release --quiet
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy scipy matplotlib
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

mean_ms() { # ARGS...: mean wall time over $runs runs, in ms, after one warm-up run
    "$@" >/dev/null 2>&1
    local total=0
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
        total=$(( total + (t1 - t0) / 1000 ))
    done
    awk -v t="$total" -v r="$runs" 'BEGIN { printf "%.1f", t / r / 1000 }'
}

flags=(target/release/fisherballs plot --chart mean-std --ball kl --grid 9x6)
png=$(mean_ms "${flags[@]}" -o "$out/f.png")
pdf=$(mean_ms "${flags[@]}" -o "$out/f.pdf")
tex=$(mean_ms "${flags[@]}" -o "$out/f.tex")
mpl=$(mean_ms "$venv/bin/python" scripts/matplotlib_kl_balls.py "$out/m.png")
awk -v png="$png" -v pdf="$pdf" -v tex="$tex" -v mpl="$mpl" -v r="$runs" 'BEGIN {
    printf "9x6 exact-KL figure, mean of %d runs, process start included\n", r
    printf "  numpy/scipy/matplotlib PNG  %8.1f ms\n", mpl
    printf "  fisherballs PNG             %8.1f ms   (%.0fx faster)\n", png, mpl / png
    printf "  fisherballs PDF             %8.1f ms   (%.2fx the PNG)\n", pdf, pdf / png
    printf "  fisherballs pgfplots .tex   %8.1f ms   (%.2fx the PNG)\n", tex, tex / png
}'
