//! Where the time of a figure goes: the exact-ball geometry, the drawing and the encoding.
//! Run with `cargo bench --bench figure`; `scripts/bench-cli.sh` times the whole command.

use std::hint::black_box;

use clap::Parser;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fisherballs::cli::args::PlotArgs;
use fisherballs::request::FigureSpec;
use fisherballs::{json, panels, render, scene};

fn spec(flags: &str) -> FigureSpec {
    #[derive(Parser)]
    struct Plot {
        #[command(flatten)]
        args: PlotArgs,
    }
    let argv = ["plot"].into_iter().chain(flags.split_whitespace());
    FigureSpec::plot(&Plot::parse_from(argv).args).expect("valid bench spec")
}

fn geometry(c: &mut Criterion) {
    let mut g = c.benchmark_group("exact-kl outline points");
    for (name, flags) in [
        ("9x6x128", "--chart mean-std --ball kl --grid 9x6 -o x.png"),
        (
            "100x100x256",
            "--chart mean-std --ball kl --grid 100x100 --points 256 -o x.png",
        ),
        (
            "information 100x100x256",
            "--chart information --ball kl --grid 100x100 --points 256 -o x.png",
        ),
    ] {
        let s = spec(flags);
        g.throughput(Throughput::Elements(
            (s.grid.0 * s.grid.1 * s.points) as u64,
        ));
        g.sample_size(10);
        g.bench_function(name, |b| b.iter(|| panels::compute(black_box(&s)).unwrap()));
    }
    g.finish();
}

fn exporters(c: &mut Criterion) {
    let s = spec("--chart mean-std --ball kl --grid 9x6 -o x.png");
    let panels = panels::compute(&s).unwrap();
    let sc = scene::build(&s, &panels);
    let mut g = c.benchmark_group("9x6 exact-kl figure");
    g.sample_size(20);
    g.bench_function("png (draw 2x, average, encode)", |b| {
        b.iter(|| render::to_png(black_box(&sc)).unwrap())
    });
    g.bench_function("svg", |b| b.iter(|| render::to_svg(black_box(&sc))));
    g.bench_function("json", |b| {
        b.iter(|| json::to_bytes(black_box(&s), &panels))
    });
    g.finish();
}

criterion_group!(benches, geometry, exporters);
criterion_main!(benches);
