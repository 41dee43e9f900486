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

# The four commands take turns, run by run, so that a machine that speeds up or slows down
# during the run (this one does, by 10-15%) weighs on each alike.
flags=(target/release/fisherballs plot --chart mean-std --ball kl --grid 9x6)
cmds=(
    "${flags[*]} -o $out/f.png"
    "${flags[*]} -o $out/f.pdf"
    "${flags[*]} -o $out/f.tex"
    "$venv/bin/python scripts/matplotlib_kl_balls.py $out/m.png"
)
totals=(0 0 0 0)
for c in "${cmds[@]}"; do $c >/dev/null 2>&1; done # warm-up
for _ in $(seq "$runs"); do
    for k in "${!cmds[@]}"; do
        t0=$(date +%s%N); ${cmds[$k]} >/dev/null 2>&1; t1=$(date +%s%N)
        totals[k]=$(( totals[k] + (t1 - t0) / 1000 ))
    done
done
ms() { awk -v t="$1" -v r="$runs" 'BEGIN { printf "%.1f", t / r / 1000 }'; }
png=$(ms "${totals[0]}"); pdf=$(ms "${totals[1]}"); tex=$(ms "${totals[2]}"); mpl=$(ms "${totals[3]}")
awk -v png="$png" -v pdf="$pdf" -v tex="$tex" -v mpl="$mpl" -v r="$runs" 'BEGIN {
    printf "9x6 exact-KL figure, mean of %d runs, process start included\n", r
    printf "  numpy/scipy/matplotlib PNG  %8.1f ms\n", mpl
    printf "  fisherballs PNG             %8.1f ms   (%.0fx faster)\n", png, mpl / png
    printf "  fisherballs PDF             %8.1f ms   (%.2fx the PNG)\n", pdf, pdf / png
    printf "  fisherballs pgfplots .tex   %8.1f ms   (%.2fx the PNG)\n", tex, tex / png
}'
