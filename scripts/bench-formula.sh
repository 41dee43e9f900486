#!/usr/bin/env bash
# A 9x6 figure of each kind of ball for the Gamma family written as a formula
# (docs/families/gamma.toml) against the built-in Gamma, in one run on one machine, process
# start included; the two commands of a pair take turns, run by run.
# Usage: scripts/bench-formula.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin=target/release/fisherballs
time_of() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 )); }
printf "9x6 figures, mean of %d runs, process start included (2 cores)\n" "$runs"
printf "  %-10s %12s %12s %8s\n" kind "formula ms" "built-in ms" ratio
for kind in quadratic kl kl-reverse fisher-rao; do
    flags=(plot --ball "$kind" --grid 9x6 --kl 0.002)
    formula=0; builtin=0
    for _ in $(seq "$runs"); do
        formula=$(( formula + $(time_of $bin "${flags[@]}" --family docs/families/gamma.toml -o "$out/f.png") ))
        builtin=$(( builtin + $(time_of $bin "${flags[@]}" --family gamma -o "$out/b.png") ))
    done
    awk -v k="$kind" -v f="$formula" -v b="$builtin" -v r="$runs" 'BEGIN {
        printf "  %-10s %12.1f %12.1f %7.0fx\n", k, f / r / 1000, b / r / 1000, f / b }'
done
