//! Where the time of a figure goes: the exact-ball geometry, the drawing and the encoding.
//! Run with `cargo bench --bench figure`; `scripts/bench-cli.sh` times the whole command.

use std::hint::black_box;

use clap::Parser;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fisherballs::cli::args::PlotArgs;
use fisherballs::export::{self, Format};
use fisherballs::uses::Use;
use fisherballs::uses::balls::Balls;

fn request(flags: &str) -> Balls {
    #[derive(Parser)]
    struct Plot {
        #[command(flatten)]
        args: PlotArgs,
    }
    let argv = ["plot"].into_iter().chain(flags.split_whitespace());
    Balls::plot(&Plot::parse_from(argv).args).expect("valid bench request")
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
        let s = request(flags);
        g.throughput(Throughput::Elements(
            (s.grid.0 * s.grid.1 * s.points()) as u64,
        ));
        g.sample_size(10);
        g.bench_function(name, |b| {
            b.iter(|| black_box(&s).solve_at(s.level).unwrap())
        });
    }
    g.finish();
}

fn exporters(c: &mut Criterion) {
    let s = request("--chart mean-std --ball kl --grid 9x6 -o x.png");
    let figure = s.solve().unwrap();
    let scene = figure.scene();
    let mut g = c.benchmark_group("9x6 exact-kl figure");
    g.sample_size(20);
    g.bench_function("png (draw, rasterise, encode)", |b| {
        b.iter(|| export::to_png(black_box(&scene)).unwrap())
    });
    g.bench_function("svg", |b| b.iter(|| export::to_svg(black_box(&scene))));
    g.bench_function("json", |b| {
        b.iter(|| export::bytes(black_box(&*figure), Format::Json).unwrap())
    });
    g.finish();
}

criterion_group!(benches, geometry, exporters);
criterion_main!(benches);
