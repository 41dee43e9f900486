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

/// A chain of each sampler on one posterior (50 Gaussian draws, information chart, 200
/// iterations of 6 leapfrog steps): the time per gradient is what the caption's "ESS per
/// gradient" leaves out, RMHMC's G, ∂G and fixed-point iterations.
fn samplers(c: &mut Criterion) {
    use fisherballs::geometry::Point;
    use fisherballs::geometry::hmc::{self, Posterior, Prior, Sampler, Settings};
    let g = fisherballs::geometry::families::family("gaussian", None).unwrap();
    let mut xs = vec![0.0; 50];
    g.sample(
        Point::new(0.0, 1.0),
        &mut <rand_chacha::ChaCha8Rng as rand_chacha::rand_core::SeedableRng>::seed_from_u64(1),
        &mut xs,
    );
    let chart = g.chart("information").unwrap();
    let post = Posterior {
        family: &*g,
        chart,
        reference: g.chart("mean-std").unwrap(),
        data: &xs,
        prior: Prior::Jeffreys,
    };
    let start = chart.phi(g.fit(&xs).unwrap());
    let settings = Settings {
        step: 0.3,
        leapfrog: 6,
        samples: 200,
        paths: 0,
        tolerance: 1e-10,
        seed: 1,
    };
    let mut group = c.benchmark_group("hmc chain, 200 iterations");
    group.sample_size(10);
    for sampler in Sampler::ALL {
        let gradients = hmc::sample(&post, sampler, start, &settings)
            .unwrap()
            .gradients;
        group.throughput(Throughput::Elements(gradients as u64));
        group.bench_function(sampler.name(), |b| {
            b.iter(|| hmc::sample(black_box(&post), sampler, start, &settings).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, geometry, exporters, samplers);
criterion_main!(benches);
