#!/usr/bin/env bash
# The README's test command: installs what the tests need, when it is missing, then runs
# every test. tests/tex.rs compiles pgfplots output with pdflatex (Debian's
# texlive-latex-base, -recommended (beamer), texlive-pictures, texlive-latex-extra) and reads
# the pages back with pdftotext (poppler-utils); tests/browser.rs drives the
# interactive page in Chromium through chromedriver (chromium, chromium-driver). Nothing is
# skipped: a test whose tool cannot be installed fails.
# Usage: scripts/test.sh [ARGS for cargo test]
set -euo pipefail
cd "$(dirname "$0")/.."

tex_ready() {
    command -v pdflatex >/dev/null && kpsewhich pgfplots.sty >/dev/null &&
        kpsewhich standalone.cls >/dev/null && kpsewhich beamer.cls >/dev/null &&
        command -v pdftotext >/dev/null
}
browser_ready() {
    [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
}

if ! command -v cargo >/dev/null; then
    echo "cargo is not installed: this project needs a Rust toolchain (1.92 or newer; rustup)" >&2
    exit 1
fi

missing=()
tex_ready || missing+=(texlive-latex-base texlive-latex-recommended texlive-pictures texlive-latex-extra poppler-utils)
browser_ready || missing+=(chromium chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing from Debian what the tests need: ${missing[*]}"
    if ! command -v apt-get >/dev/null; then
        echo "apt-get is not available: install ${missing[*]} (or your system's pdflatex with pgfplots and beamer, and Chromium with chromedriver) and run this again" >&2
        exit 1
    fi
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
    tex_ready || { echo "pdflatex with pgfplots, standalone and beamer, and pdftotext, could not be installed" >&2; exit 1; }
    browser_ready || { echo "chromium and chromium-driver could not be installed" >&2; exit 1; }
fi

echo "== cargo test --release"
cargo test --release --locked "$@"
