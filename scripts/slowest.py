#!/usr/bin/env python3
"""The slowest accepted input per family and use (issue 20): runs heavy commands at the
edges of what each use accepts, on each family's default chart and view, and prints a
Markdown table of the slowest that exited 0 (and how many were refused, with their time).

    cargo build --release && python3 scripts/slowest.py [path/to/fisherballs]

Times are wall-clock seconds of one run on this machine; refusals should be at once or at
the solve deadline (8 s), never later."""
import subprocess, sys, tempfile, time, os

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/fisherballs"
# Per family: two corners of the default view of its first chart, and its centre.
VIEW = {
    "gaussian": ((-2, 0.25), (2, 1.6)),
    "gamma": ((0.4, 0.5), (4.1, 4)),
    "beta": ((0.5, 0.5), (6, 6)),
    "categorical": ((0.03, 0.03), (0.5, 0.45)),
    "cauchy": ((-1.4, 0.25), (1.4, 1.6)),
    "weibull": ((2, 0.65), (8, 1.5)),
    "student-t": ((-1.2, 0.25), (1.2, 1.6)),
}


def pt(p):
    return f"{p[0]},{p[1]}"


def commands(family):
    lo, hi = VIEW[family]
    mid = ((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2)
    corners = [lo, hi, (lo[0], hi[1]), (hi[0], lo[1])]
    f = ["--family", family]
    yield "plot", ["plot", *f, "--ball", "fisher-rao", "--grid", "60x60"], "png"
    yield "plot", ["plot", *f, "--ball", "quadratic,kl,kl-reverse,fisher-rao", "--grid", "25x25", "--points", "512"], "png"
    yield "plot", ["plot", *f, "--show", "jeffreys", "--ball", "fisher-rao", "--grid", "50x50"], "png"
    yield "plot", ["plot", *f, "--ball", "kl,fisher-rao", "--grid", "12x12"], "html"
    pairs = []
    for a in corners:
        for b in corners:
            if a != b:
                pairs += ["--from", pt(a), "--to", pt(b)]
    yield "geodesic", ["geodesic", *f, *pairs, "--along", "20"], "png"
    yield "mle", ["mle", *f, "--at", pt(mid), "--n", "100000", "--trials", "1000"], "png"
    yield "mle", ["mle", *f, "--at", pt(mid), "--n", "1000", "--trials", "10000"], "png"
    starts = sum((["--from", pt(c)] for c in corners), [])
    yield "natgrad", ["natgrad", *f, "--target", pt(mid), *starts, "--steps", "10000", "--step", "0.01"], "png"
    yield "mml", ["mml", *f, "--radius", "0.02"], "png"
    yield "mml", ["mml", *f, "--radius", "0.01", "--points", "16"], "png"


def main():
    rows = {}
    with tempfile.TemporaryDirectory() as d:
        for family in VIEW:
            for use, args, ext in commands(family):
                out = os.path.join(d, f"o.{ext}")
                t = time.monotonic()
                p = subprocess.run([BIN, *args, "-o", out], capture_output=True, text=True, timeout=60)
                dt = time.monotonic() - t
                key = (family, use)
                best = rows.setdefault(key, {"ok": None, "refused": []})
                if p.returncode == 0:
                    if best["ok"] is None or dt > best["ok"][0]:
                        best["ok"] = (dt, " ".join(args))
                else:
                    best["refused"].append((dt, " ".join(args), p.stderr.strip()[:90]))
    print("| family | use | slowest accepted (s) | its command | refused (s) |")
    print("|---|---|---|---|---|")
    for (family, use), r in rows.items():
        ok = r["ok"]
        refused = ", ".join(f"{dt:.1f}" for dt, _, _ in r["refused"]) or "none"
        print(f"| {family} | {use} | {ok[0]:.2f} | `{ok[1]}` | {refused} |" if ok else f"| {family} | {use} | none accepted | | {refused} |")
    for (family, use), r in rows.items():
        for dt, cmd, why in r["refused"]:
            print(f"refused {dt:.1f}s: {cmd}: {why}", file=sys.stderr)


main()
