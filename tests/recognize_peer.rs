//! Peer tests: English currency and number cases derived from Microsoft
//! Recognizers-Text (see `$DEALTRACE_SHARED/peer-tests/README.md`).
//!
//! Runs only when `DEALTRACE_SHARED` points at the shared directory; panics
//! when it is set but the files are missing. Cases judged out of scope are
//! listed, with a reason, in `tests/data/peer_out_of_scope.tsv`.

use std::collections::HashMap;
use std::path::PathBuf;

use dealtrace::recognize::{parse_number, recognize, Value};

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("DEALTRACE_SHARED")?;
    Some(PathBuf::from(dir))
}

fn load(path: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "DEALTRACE_SHARED is set but {} cannot be read: {e}",
            path.display()
        )
    });
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("bad JSON line"))
        .collect()
}

/// (file, case) -> reason.
fn out_of_scope() -> HashMap<(String, i64), String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/peer_out_of_scope.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut m = HashMap::new();
    for line in text.lines().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "bad line in peer_out_of_scope.tsv: {line}");
        let case: i64 = cols[1].parse().expect("case number");
        assert!(
            !cols[2].trim().is_empty(),
            "out-of-scope case without a reason: {line}"
        );
        m.insert((cols[0].to_string(), case), cols[2].to_string());
    }
    m
}

/// Byte offset of a code point offset.
fn byte_at(s: &str, cp: usize) -> usize {
    s.char_indices().nth(cp).map_or(s.len(), |(b, _)| b)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300) || a == b
}

/// The source's unit name as (ISO code, factor to major units).
fn unit_iso(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "Dollar" | "United States dollar" => ("USD", 1.0),
        "Cent" => ("USD", 0.01),
        "Pound" | "British pound" => ("GBP", 1.0),
        "Pence" | "Penny" => ("GBP", 0.01),
        "Euro" => ("EUR", 1.0),
        "Franc" => ("FRF", 1.0),
        "Rupee" => ("INR", 1.0),
        "Japanese yen" => ("JPY", 1.0),
        "Chinese yuan" => ("CNY", 1.0),
        "Canadian dollar" => ("CAD", 1.0),
        "Australian dollar" => ("AUD", 1.0),
        "Mexican peso" => ("MXN", 1.0),
        "Turkish lira" => ("TRY", 1.0),
        "Costa Rican colón" => ("CRC", 1.0),
        "Lao kip" => ("LAK", 1.0),
        _ => return None,
    })
}

struct Tally {
    in_scope: usize,
    passed: usize,
    oos: usize,
    failures: Vec<String>,
}

impl Tally {
    fn report(&self, name: &str) {
        let share = 100.0 * self.passed as f64 / self.in_scope.max(1) as f64;
        println!(
            "| {name} | in scope {} | passed {} | share {share:.1} % | out of scope {} |",
            self.in_scope, self.passed, self.oos
        );
        for f in &self.failures {
            println!("  FAIL {f}");
        }
        assert!(
            share >= 95.0,
            "{name}: only {share:.1} % of in-scope cases pass"
        );
    }
}

/// Runs every in-scope case of one peer file through `check`, which
/// returns `Err(what was found)` when a case fails, and reports the share.
fn run_peer(file: &str, check: impl Fn(&str, &[serde_json::Value]) -> Result<(), String>) {
    let Some(dir) = shared() else {
        eprintln!("DEALTRACE_SHARED not set: peer test {file} skipped");
        return;
    };
    let cases = load(&dir.join("peer-tests").join(file));
    assert!(!cases.is_empty());
    let oos = out_of_scope();
    let mut t = Tally {
        in_scope: 0,
        passed: 0,
        oos: 0,
        failures: vec![],
    };
    for c in &cases {
        let id = c["case"].as_i64().unwrap();
        if oos.contains_key(&(file.to_string(), id)) {
            t.oos += 1;
            continue;
        }
        t.in_scope += 1;
        let input = c["input"].as_str().unwrap();
        let expected = c["expected"].as_array().unwrap();
        match check(input, expected) {
            Ok(()) => t.passed += 1,
            Err(got) => t.failures.push(format!(
                "case {id}: {input:?} expected {:?} got {got}",
                expected
                    .iter()
                    .map(|e| (e["text"].as_str(), e["value"].as_f64()))
                    .collect::<Vec<_>>()
            )),
        }
    }
    t.report(file.trim_end_matches(".jsonl"));
}

#[test]
fn peer_currency() {
    run_peer("currency_en_dev.jsonl", |input, expected| {
        let found: Vec<_> = recognize(input, None)
            .into_iter()
            .filter(|f| f.value.label() == "money")
            .collect();
        let mut ok = found.len() == expected.len();
        for e in expected {
            let s = byte_at(input, e["start"].as_u64().unwrap() as usize);
            let en = byte_at(input, e["end"].as_u64().unwrap() as usize);
            let unit = e["unit"].as_str().unwrap();
            let (uiso, factor) = unit_iso(unit).unwrap_or(("?", 1.0));
            let iso = e["iso"].as_str().unwrap_or(uiso);
            let Some(v) = e["value"].as_f64() else {
                ok = false;
                continue;
            };
            let v = v * factor;
            ok &= found.iter().any(|f| {
                f.start == s
                    && f.end == en
                    && matches!(&f.value, Value::Money { value, currency, .. } if close(*value, v) && currency == iso)
            });
        }
        let got: Vec<_> = found
            .iter()
            .map(|f| (&input[f.start..f.end], &f.value))
            .collect();
        if ok {
            Ok(())
        } else {
            Err(format!("{got:?}"))
        }
    });
}

#[test]
fn peer_number() {
    run_peer("number_en_dev.jsonl", |input, expected| {
        let found = parse_number(input);
        let mut ok = found.len() == expected.len();
        for e in expected {
            let s = byte_at(input, e["start"].as_u64().unwrap() as usize);
            let en = byte_at(input, e["end"].as_u64().unwrap() as usize);
            let v = e["value"].as_f64().unwrap();
            ok &= found.iter().any(|&(fs, fe, fv)| {
                fs == s && fe == en && (close(fv, v) || (fv - v).abs() < 1e-12)
            });
        }
        let got: Vec<_> = found.iter().map(|&(s, e, v)| (&input[s..e], v)).collect();
        if ok {
            Ok(())
        } else {
            Err(format!("{got:?}"))
        }
    });
}
