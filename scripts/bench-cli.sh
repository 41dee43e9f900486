#!/usr/bin/env bash
# Wall time of whole `fisherballs plot` commands, process start included: the 9×6
# exact-KL PNG of the issue's target (< 60 ms), the same figure as SVG and JSON, and the
# exponential-map and quadrature families against the Gaussian.
# Usage: scripts/bench-cli.sh [RUNS]   (default 30; builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
cargo build --release --quiet
bin=target/release/fisherballs
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

time_it() { # NAME ARGS...: mean and best wall time over $runs runs, in ms
    local name=$1; shift
    "$bin" "$@" >/dev/null 2>&1 # warm the page cache (and leave out its notes)
    local total=0 best=
    for _ in $(seq "$runs"); do
        local t0 t1 dt
        t0=$(date +%s%N); "$bin" "$@" >/dev/null 2>&1; t1=$(date +%s%N)
        dt=$(( (t1 - t0) / 1000 ))
        total=$(( total + dt ))
        if [ -z "$best" ] || [ "$dt" -lt "$best" ]; then best=$dt; fi
    done
    awk -v n="$name" -v t="$total" -v r="$runs" -v b="$best" \
        'BEGIN { printf "%-42s mean %6.1f ms   best %6.1f ms   (%d runs)\n", n, t / r / 1000, b / 1000, r }'
}

flags=(plot --chart mean-std --ball kl --grid 9x6)
time_it "9x6 exact-KL PNG 1200x900" "${flags[@]}" -o "$out/f.png"
time_it "9x6 exact-KL SVG" "${flags[@]}" -o "$out/f.svg"
time_it "9x6 exact-KL JSON" "${flags[@]}" -o "$out/f.json"
time_it "9x6 exact-KL PDF" "${flags[@]}" -o "$out/f.pdf"
time_it "100x100 exact-KL balls x256, JSON" plot --chart mean-std --ball kl --grid 100x100 --points 256 -o "$out/big.json"

# Issue 8: Fisher-Rao balls by the exponential map (Gamma) against the closed form (Gaussian),
# 9x6 balls of 128 points, PNG, process included; and Student-t's quadrature KL.
time_it "9x6 Fisher-Rao PNG, Gaussian (closed)" plot --family gaussian --ball fisher-rao --grid 9x6 --points 128 -o "$out/g.png"
time_it "9x6 Fisher-Rao PNG, Gamma (exp map)" plot --family gamma --ball fisher-rao --grid 9x6 --points 128 -o "$out/gam.png"
time_it "9x6 Fisher-Rao PNG, Beta (exp map)" plot --family beta --ball fisher-rao --grid 9x6 --points 128 -o "$out/beta.png"
time_it "9x6 exact-KL PNG, Student-t (quadrature)" plot --family student-t --ball kl --grid 9x6 -o "$out/t.png"
