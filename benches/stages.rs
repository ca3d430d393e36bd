//! Each stage of the pipeline on its own, so that a change can be judged
//! stage by stage: `cargo bench` (or `cargo bench -- matcher` for one).
//!
//! Input: the bundled sample articles (`corpus/articles/*.txt`, 24 news
//! articles, 25 KB), so the benchmark runs on a fresh clone. Each iteration
//! runs the stage over every article in turn, one document each, as a batch
//! does; throughput is in bytes of article text. Every stage but the one
//! measured runs beforehand, outside the timing: the deal stage gets the
//! sentences and mentions the pipeline made, the output stage finished
//! annotations.
//!
//! For the comparison with other tools on a real corpus see
//! `bench/compare.py` and BENCHMARKS.md.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dealtrace::gazetteer::{Gazetteer, Matcher};
use dealtrace::input::Document;
use dealtrace::output::{self, Emit};
use dealtrace::pipeline::Pipeline;
use dealtrace::text::Span;
use dealtrace::tokens::Tokens;
use dealtrace::{deals, names, recognize, text};

/// The sample articles, in name order.
fn sample_texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/articles")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("sample article"))
        .collect()
}

fn stages(c: &mut Criterion) {
    let texts = sample_texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| Document::new(format!("sample-{k}"), t.clone()))
        .collect();

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(bytes as u64));

    group.bench_function("sentences", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| text::sentences(black_box(t)).len())
                .sum::<usize>()
        })
    });

    let matcher = Matcher::new(Gazetteer::bundled());
    group.bench_function("gazetteer_match", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| matcher.find(black_box(t)).len())
                .sum::<usize>()
        })
    });

    group.bench_function("recognize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| recognize::recognize(black_box(t), None).len())
                .sum::<usize>()
        })
    });

    let found: Vec<Vec<(Span, bool)>> = texts.iter().map(|t| matcher.countries(t)).collect();
    group.bench_function("names", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&found)
                .map(|(t, f)| names::find(black_box(t), black_box(f)).len())
                .sum::<usize>()
        })
    });

    // What a document with no trigger phrase costs with `--emit deals`:
    // its tokens and the phrase scan, and nothing after.
    group.bench_function("trigger_check", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| deals::Phrases::find(&Tokens::new(black_box(t))).has_trigger())
                .count()
        })
    });

    let pipeline = Pipeline::new(Gazetteer::bundled());
    group.bench_function("pipeline_annotate", |b| {
        b.iter_batched(
            || docs.clone(),
            |ds| {
                ds.into_iter()
                    .map(|d| pipeline.annotate(d).mentions.len())
                    .sum::<usize>()
            },
            BatchSize::SmallInput,
        )
    });

    let annotated: Vec<_> = docs.iter().map(|d| pipeline.annotate(d.clone())).collect();
    let g = pipeline.gazetteer();
    group.bench_function("deals", |b| {
        b.iter(|| {
            annotated
                .iter()
                .map(|a| {
                    deals::find(
                        black_box(&a.doc),
                        black_box(&a.sentences),
                        black_box(&a.mentions),
                        g,
                    )
                    .len()
                })
                .sum::<usize>()
        })
    });

    let mut out = Vec::with_capacity(1 << 20);
    group.bench_function("output_all", |b| {
        b.iter(|| {
            out.clear();
            for a in &annotated {
                output::write_document(&mut out, black_box(a), Emit::All, g);
            }
            out.len()
        })
    });
    group.finish();

    // Loading the bundled lists and compiling the automaton, once per
    // process in a real run.
    let mut build = c.benchmark_group("build");
    build.sample_size(10);
    build.bench_function("bundled_matcher", |b| {
        b.iter(|| Matcher::new(Gazetteer::bundled()))
    });
    build.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = stages
}
criterion_main!(benches);
