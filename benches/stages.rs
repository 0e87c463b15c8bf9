//! The stages of a build, in one process: `cargo bench --bench stages`.
//!
//! Whole-process comparisons (against the Typst CLI, `build --all` against
//! one process per issue) are in `bench/compare.sh`; results and how to read
//! them in docs/performance.md. Under `cargo test --benches` every benchmark
//! runs once, as a smoke test.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use typst::comemo;

use bulletin::fonts::Fonts;
use bulletin::input::config::Config;
use bulletin::typeset::build::{self, BuildOptions, Built};
use bulletin::typeset::render;

/// The paragraph an editor changes between two rebuilds (article 3).
const EDITED: &str = "今年是第二十届全国科普日";

/// The repository's publication and its issue 74.
fn publication() -> (Config, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(root, Path::new("")).expect("bulletin.toml");
    (config, root.join("issues/74.toml"))
}

fn lay_out(config: &Config, issue: &Path, fonts: Arc<Fonts>) -> Built {
    build::lay_out(config, issue, issue, fonts, &BuildOptions::default()).expect("issue 74")
}

fn stages(c: &mut Criterion) {
    let (config, issue) = publication();
    let fonts = Arc::new(build::load_fonts(&config, &[]).expect("fonts"));
    let options = BuildOptions::default();

    c.bench_function("load the embedded fonts", |b| {
        b.iter(|| Fonts::load(&[]).expect("fonts"))
    });
    c.bench_function("read and check issue 74", |b| {
        b.iter(|| build::prepare(&config, &issue, &issue, &fonts, &options).expect("issue 74"))
    });
    // Typst's memoized results are dropped before each run, so nothing is
    // reused but the fonts' parsed tables.
    c.bench_function("lay out issue 74, cold", |b| {
        b.iter_batched(
            || comemo::evict(0),
            |()| lay_out(&config, &issue, fonts.clone()),
            BatchSize::PerIteration,
        )
    });
    // What `bulletin build 74` does after start-up: fonts, checks, layout,
    // PDF, from nothing.
    c.bench_function("build issue 74 in process, cold", |b| {
        b.iter_batched(
            || comemo::evict(0),
            |()| {
                let fonts = Arc::new(Fonts::load(&[]).expect("fonts"));
                lay_out(&config, &issue, fonts).pdf(&[]).expect("PDF")
            },
            BatchSize::PerIteration,
        )
    });

    let built = lay_out(&config, &issue, fonts.clone());
    c.bench_function("export issue 74 as PDF", |b| {
        b.iter(|| built.pdf(&[]).expect("PDF"))
    });
    let first_page = &built.document.pages()[0];
    c.bench_function("draw page 1 as PNG at 144 ppi", |b| {
        b.iter(|| render::png(first_page, 144.0).expect("PNG"))
    });

    rebuild(c, &config, &issue, fonts);
}

/// What `bulletin watch 74` does on a save: the issue file has one
/// paragraph changed (differently each time, as an editor types), and is
/// read, checked, laid out in the same world and exported again.
fn rebuild(c: &mut Criterion, config: &Config, issue: &Path, fonts: Arc<Fonts>) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let root = folder.path();
    std::fs::copy(
        config.root.join("bulletin.toml"),
        root.join("bulletin.toml"),
    )
    .expect("copy");
    std::fs::create_dir(root.join("issues")).expect("issues/");
    let text = std::fs::read_to_string(issue).expect("issue 74");
    assert!(
        text.contains(EDITED),
        "the benchmark's paragraph is gone from issue 74"
    );
    let path = root.join("issues/74.toml");
    std::fs::write(&path, &text).expect("write");
    let config = Config::load(root, Path::new("")).expect("bulletin.toml");
    let options = BuildOptions::default();

    let mut world = Some(lay_out(&config, &path, fonts.clone()).world);
    let mut edits = 0u32;
    // Timed: from the saved file to the PDF's bytes, what the editor waits
    // for. Not timed: the editor's save, and the eviction of old memoized
    // results that `watch` does after each build.
    c.bench_function("rebuild issue 74 after one paragraph changed", |b| {
        b.iter_custom(|iterations| {
            let mut waited = Duration::ZERO;
            for _ in 0..iterations {
                edits += 1;
                let edited = text.replacen(EDITED, &format!("{EDITED}（第{edits}稿）"), 1);
                std::fs::write(&path, edited).expect("write");
                let started = Instant::now();
                let built =
                    build::lay_out_in(world.take(), &config, &path, &path, fonts.clone(), &options)
                        .unwrap_or_else(|failed| panic!("{}", failed.error));
                let pdf = built.pdf(&[]).expect("PDF");
                waited += started.elapsed();
                black_box(pdf);
                world = Some(built.world);
                comemo::evict(10);
            }
            waited
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8));
    targets = stages
}
criterion_main!(benches);
