//! Wall time of each stage over a JSONL corpus, in one process:
//! `cargo run --release --example stage_times -- corpus.jsonl`.
//! A profile names functions; this says which stage the time is in.
//! `-- corpus.jsonl STAGE` runs only that stage (ten times), to profile it
//! alone under `perf record`.

use std::time::{Duration, Instant};

use dealtrace::gazetteer::{Gazetteer, Matcher};
use dealtrace::input::Document;
use dealtrace::pipeline::Pipeline;
use dealtrace::text::Span;
use dealtrace::tokens::Tokens;
use dealtrace::{deals, names, recognize, text};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stage_times FILE.jsonl [STAGE]");
    let only = std::env::args().nth(2);
    let docs: Vec<Document> = std::fs::read_to_string(&path)
        .expect("readable corpus")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let mut d = Document::new(
                v["id"].as_str().unwrap_or("").to_string(),
                v["text"].as_str().unwrap_or("").to_string(),
            );
            d.title = v["title"].as_str().map(str::to_string);
            d
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let matcher = Matcher::new(Gazetteer::bundled());
    let pipeline = Pipeline::new(Gazetteer::bundled());
    let g = matcher.gazetteer();
    let countries: Vec<Vec<(Span, bool)>> =
        docs.iter().map(|d| matcher.countries(&d.text)).collect();
    let mut t = [Duration::ZERO; 7];
    let names_ = [
        "sentences",
        "tokens",
        "recognize",
        "gazetteer",
        "names",
        "deals",
        "annotate",
    ];
    let mut sink = 0usize;
    if let Some(stage) = only {
        let annotated: Vec<_> = if stage == "deals" {
            docs.iter().map(|d| pipeline.annotate(d.clone())).collect()
        } else {
            Vec::new()
        };
        // The stages that take the tokens get them made beforehand.
        let tokens: Vec<Tokens> = if matches!(stage.as_str(), "gazetteer" | "names") {
            docs.iter().map(|d| Tokens::new(&d.text)).collect()
        } else {
            Vec::new()
        };
        let start = Instant::now();
        if stage == "deals" {
            for _ in 0..10 {
                for a in &annotated {
                    sink += deals::find(&a.doc, &a.sentences, &a.mentions, g).len();
                }
            }
        }
        for _ in 0..10 {
            for (k, (d, c)) in docs.iter().zip(&countries).enumerate() {
                sink += match stage.as_str() {
                    "sentences" => text::sentences(&d.text).len(),
                    "tokens" => Tokens::new(&d.text).len(),
                    "recognize" => recognize::recognize(&d.text, None).len(),
                    "gazetteer" => matcher.find_tokens(&d.text, &tokens[k]).len(),
                    "names" => names::find_tokens(&d.text, &tokens[k], c).len(),
                    "annotate" => pipeline.annotate(d.clone()).mentions.len(),
                    "deals" => 0,
                    other => panic!("no stage {other}"),
                };
            }
        }
        println!(
            "{stage}: {:.3} s per pass",
            start.elapsed().as_secs_f64() / 10.0
        );
        eprintln!("({sink})");
        return;
    }
    for _ in 0..3 {
        for (d, c) in docs.iter().zip(&countries) {
            let s = Instant::now();
            let sents = text::sentences(&d.text);
            t[0] += s.elapsed();
            let s = Instant::now();
            let toks = Tokens::new(&d.text);
            t[1] += s.elapsed();
            let s = Instant::now();
            sink += recognize::recognize(&d.text, None).len();
            t[2] += s.elapsed();
            let s = Instant::now();
            sink += matcher.find_tokens(&d.text, &toks).len();
            t[3] += s.elapsed();
            let s = Instant::now();
            sink += names::find_tokens(&d.text, &toks, c).len();
            t[4] += s.elapsed();
            let a = pipeline.annotate(d.clone());
            let s = Instant::now();
            sink += deals::find(&a.doc, &sents, &a.mentions, g).len();
            t[5] += s.elapsed();
            let s = Instant::now();
            sink += pipeline.annotate(d.clone()).mentions.len();
            t[6] += s.elapsed();
        }
    }
    for (n, d) in names_.iter().zip(t) {
        let secs = d.as_secs_f64() / 3.0;
        println!(
            "{n:>10} {:7.3} s {:8.1} MB/s",
            secs,
            bytes as f64 / secs / 1e6
        );
    }
    eprintln!("({sink})");
}
