//! Inputs the fuzz targets (fuzz/, see README.md "Fuzzing") once crashed
//! on, replayed through the same decoding and checks as the targets
//! (`fuzz/src/checks.rs`, compiled in here), plus the committed seed
//! corpora. Runs in a plain `cargo test`: no fuzz toolchain, no ../shared.
//!
//! To replay any fuzz input (a crash file from fuzz/artifacts/) and see
//! the document it decodes to:
//!
//! ```text
//! FUZZ_TARGET=money FUZZ_INPUT=fuzz/artifacts/money/crash-... \
//!     cargo test --test fuzz_regressions replay -- --ignored --nocapture
//! ```

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

use std::path::Path;

use proptest::prelude::*;

/// Runs `data` through the check of fuzz target `target`.
fn run(target: &str, data: &[u8]) {
    match target {
        "jsonl_reader" => checks::check_jsonl_reader(data),
        "pipeline" => checks::check_pipeline(data),
        "money" | "percent" | "quantity" | "date" => checks::check_recognizer(target, data),
        _ => panic!("no fuzz target {target:?}"),
    }
}

/// Prints what `data` decodes to for `target`.
fn show(target: &str, data: &[u8]) {
    match target {
        "jsonl_reader" => eprintln!("header {:?}, body {:?}", &data[..data.len().min(5)], {
            String::from_utf8_lossy(data.get(5..).unwrap_or_default())
        }),
        "pipeline" => eprintln!("{:#?}", checks::pipeline_input(data)),
        _ => eprintln!("{:?}", checks::recognizer_input(target, data)),
    }
}

#[test]
#[ignore = "a tool: replays FUZZ_INPUT through FUZZ_TARGET"]
fn replay() {
    let target = std::env::var("FUZZ_TARGET").expect("FUZZ_TARGET");
    let data = std::fs::read(std::env::var("FUZZ_INPUT").expect("FUZZ_INPUT")).unwrap();
    show(&target, &data);
    run(&target, &data);
}

const TARGETS: [&str; 6] = [
    "jsonl_reader",
    "money",
    "percent",
    "quantity",
    "date",
    "pipeline",
];

/// Every committed seed passes its target's checks.
#[test]
fn seed_corpora() {
    for target in TARGETS {
        let seeds = seeds(target);
        assert!(!seeds.is_empty(), "no seeds for {target}");
        for (k, data) in seeds.iter().enumerate() {
            let r = std::panic::catch_unwind(|| run(target, data));
            assert!(r.is_ok(), "{target}: seed {k} (in name order) fails");
        }
    }
}

// ------------------------------------------------------------- crashes

/// money: a "per" unit longer than the 24-byte lowering buffer came out as
/// `per: Some("")` ("21 cts per shraboutabout..."). Fixed in
/// src/recognize/money.rs (`per_at`).
#[test]
fn money_per_unit_too_long_for_the_buffer() {
    run("money", b"\x0021 cts per shraboutaboutaboutaboutabout");
    let text = "it paid 21 cts per shraboutaboutaboutaboutabout";
    let found = dealtrace::recognize::recognize(text, None);
    assert!(
        found.iter().all(|f| !matches!(
            &f.value,
            dealtrace::recognize::Value::Money { per: Some(p), .. } if p.is_empty()
        )),
        "{found:?}"
    );
}

// ---------------------------------------------------------- fuzz smoke

/// Cases per target of the fuzz smoke: `FUZZ_SMOKE_CASES`, default 32
/// (CI runs more). Random inputs, and the seeds with random edits, go
/// through the fuzz targets' checks: no coverage guidance, but no fuzz
/// toolchain either.
fn smoke_config() -> ProptestConfig {
    let cases = std::env::var("FUZZ_SMOKE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(32);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// Random bytes, or a seed of `target` with random insertions, overwrites
/// and deletions.
fn fuzz_input(target: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds(target);
    let edits = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            0u8..3,
            prop::collection::vec(any::<u8>(), 1..12),
        ),
        0..12,
    );
    let edited = (prop::sample::select(seeds), edits).prop_map(|(mut s, edits)| {
        for (at, op, bytes) in edits {
            let at = at.index(s.len() + 1);
            match op {
                0 => drop(s.splice(at..at, bytes)),
                1 => {
                    for (k, b) in bytes.into_iter().enumerate() {
                        if let Some(x) = s.get_mut(at + k) {
                            *x = b;
                        }
                    }
                }
                _ => drop(s.drain(at..(at + bytes.len()).min(s.len()))),
            }
        }
        s
    });
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..600),
        3 => edited,
    ]
}

proptest! {
    #![proptest_config(smoke_config())]

    #[test]
    fn fuzz_smoke_jsonl_reader(data in fuzz_input("jsonl_reader")) {
        checks::check_jsonl_reader(&data);
    }

    #[test]
    fn fuzz_smoke_money(data in fuzz_input("money")) {
        checks::check_recognizer("money", &data);
    }

    #[test]
    fn fuzz_smoke_percent(data in fuzz_input("percent")) {
        checks::check_recognizer("percent", &data);
    }

    #[test]
    fn fuzz_smoke_quantity(data in fuzz_input("quantity")) {
        checks::check_recognizer("quantity", &data);
    }

    #[test]
    fn fuzz_smoke_date(data in fuzz_input("date")) {
        checks::check_recognizer("date", &data);
    }

    #[test]
    fn fuzz_smoke_pipeline(data in fuzz_input("pipeline")) {
        checks::check_pipeline(&data);
    }
}
