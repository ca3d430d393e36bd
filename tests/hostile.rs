//! Hostile input: every kind of bad or strange input the issue lists, made
//! by the tests themselves. For each one: no panic, no hang (every run has a
//! deadline), bounded memory where the input is huge, one clear error record
//! naming the source (and line) where the input is bad, and the right
//! output where it is not.
//!
//! Every run checks the invariant: documents read = processed + failed,
//! and every failure has exactly one error record.

mod common;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use common::{bin, json_lines, run_bounded, temp_dir, Run};
use serde_json::{json, Value};

/// Generous: the tests run a debug build on a shared 2-core machine.
const DEADLINE: Duration = Duration::from_secs(120);

/// What one `dealtrace extract` run gave.
struct Out {
    run: Run,
    records: Vec<Value>,
    errors: Vec<Value>,
    counts: common::Counts,
}

impl Out {
    /// The one error record whose source is `source`.
    fn error_at(&self, source: &str) -> &Value {
        let found: Vec<&Value> = self
            .errors
            .iter()
            .filter(|e| e["source"] == source)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "want one error record at {source}, got {:?}",
            self.errors
        );
        found[0]
    }

    fn error_message(&self, source: &str) -> String {
        self.error_at(source)["error"].as_str().unwrap().to_string()
    }

    fn doc_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .records
            .iter()
            .map(|r| r["doc_id"].as_str().unwrap().to_string())
            .collect();
        ids.dedup();
        ids
    }
}

/// Runs `dealtrace extract ARGS` (error records on standard error) and
/// checks what must hold for any input.
fn extract(args: &[&str], stdin: &[u8]) -> Out {
    let mut cmd = bin();
    cmd.arg("extract").args(args);
    let run = run_bounded(cmd, stdin, DEADLINE);
    let stderr = run.stderr_text();
    assert!(!stderr.contains("panicked"), "a panic:\n{stderr}");
    assert!(
        run.code == Some(0) || run.code == Some(1),
        "exit {:?}: {stderr}",
        run.code
    );
    let counts = common::summary_counts(&stderr);
    let errors = common::error_records(&stderr);
    let records = json_lines(&run.stdout);
    assert_eq!(
        counts.read,
        counts.processed + counts.failed + counts.unchanged,
        "documents read = processed + failed: {counts:?}"
    );
    assert_eq!(
        errors.len() as u64,
        counts.failed,
        "one error record per failure: {errors:?}"
    );
    assert_eq!(run.code, Some(i32::from(counts.failed > 0)));
    for e in &errors {
        assert_eq!(e["record"], "error");
        assert!(!e["source"].as_str().unwrap().is_empty(), "{e}");
        assert!(!e["error"].as_str().unwrap().is_empty(), "{e}");
    }
    Out {
        run,
        records,
        errors,
        counts,
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Checks that every offset pair in the records slices (by code points) to
/// the text the record gives. `docs` maps doc id to (text, title).
fn check_offsets(records: &[Value], docs: &HashMap<&str, (&str, &str)>) {
    let mut checked = 0;
    for r in records {
        let id = r["doc_id"].as_str().unwrap();
        let (text, title) = docs[id];
        let mut check = |v: &Value, key: &str, src: &str| {
            if v.is_null() {
                return;
            }
            let (s, e) = (
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            );
            assert!(e <= src.chars().count(), "{r}");
            assert_eq!(
                common::slice_chars(src, s, e),
                v[key].as_str().unwrap(),
                "{r}"
            );
            checked += 1;
        };
        match r["record"].as_str().unwrap() {
            "mention" => {
                let src = if r["field"] == "title" { title } else { text };
                check(r, "text", src);
            }
            "deal" => {
                for p in r["parties"].as_array().unwrap() {
                    check(p, "name", text);
                }
                check(&r["amount"], "text", text);
                check(&r["date"], "text", text);
                check(&r["evidence"], "text", text);
                check(&r["subject"], "text", text);
            }
            other => panic!("unexpected record {other}"),
        }
    }
    assert!(checked > 0, "no offsets were checked");
}

#[test]
fn invalid_utf8_in_a_text_file() {
    let dir = temp_dir("h-utf8-txt");
    std::fs::write(dir.join("bad.txt"), b"Huawei \xff\xfe signed.").unwrap();
    std::fs::write(dir.join("good.txt"), "Huawei signed a deal with ZTE.").unwrap();
    let out = extract(&["--emit", "mentions", path_str(&dir)], b"");
    assert_eq!(out.counts.read, 2);
    assert_eq!(out.counts.failed, 1);
    let bad = dir.join("bad.txt");
    let msg = out.error_message(path_str(&bad));
    assert!(msg.contains("invalid UTF-8 at byte 7"), "{msg}");
    assert_eq!(out.error_at(path_str(&bad))["doc_id"], "bad.txt");
    assert_eq!(out.doc_ids(), vec!["good.txt"]);
}

#[test]
fn invalid_utf8_in_json_lines_and_escapes() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"raw\",\"text\":\"Huawei \xc3\x28 bad\"}\n");
    input.extend_from_slice(b"{\"id\":\"lone\",\"text\":\"Huawei \\ud800 bad\"}\n");
    input.extend_from_slice(b"{\"id\":\"low\",\"text\":\"Huawei \\udc00 bad\"}\n");
    input.extend_from_slice(b"{\"id\":\"pair\",\"text\":\"\\ud83d\\ude00 Huawei\"}\n");
    input.extend_from_slice(b"{\"id\":\"short\",\"text\":\"\\u12 Huawei\"}\n");
    let out = extract(&["--emit", "mentions"], &input);
    assert_eq!(out.counts.read, 5);
    assert_eq!(out.counts.failed, 4);
    assert!(out
        .error_message("<stdin>:1")
        .contains("invalid UTF-8 at byte 27 of the line"));
    assert!(out.error_message("<stdin>:2").contains("surrogate pair"));
    assert!(out.error_message("<stdin>:3").contains("surrogate"));
    assert!(out.error_message("<stdin>:5").contains("invalid JSON"));
    // The good surrogate pair is one emoji, one code point: Huawei at 2..8.
    let m = &out.records[0];
    assert_eq!(
        (m["doc_id"].as_str(), m["start"].as_u64()),
        (Some("pair"), Some(2))
    );
}

#[test]
fn byte_order_marks() {
    let dir = temp_dir("h-bom");
    let text = "Huawei signed a deal with ZTE.";
    std::fs::write(dir.join("a.txt"), format!("\u{feff}{text}")).unwrap();
    let jsonl = dir.join("b.jsonl");
    std::fs::write(
        &jsonl,
        format!(
            "\u{feff}{}\n\u{feff}{}\n",
            json!({"id": "first", "text": text}),
            json!({"id": "second", "text": text})
        ),
    )
    .unwrap();
    let out = extract(
        &["--emit", "mentions", path_str(&dir), path_str(&jsonl)],
        b"",
    );
    assert_eq!(out.counts.read, 3);
    // A BOM opens a file, not a line in the middle of one.
    let msg = out.error_message(&format!("{}:2", jsonl.display()));
    assert!(msg.contains("invalid JSON"), "{msg}");
    assert_eq!(out.doc_ids(), vec!["a.txt", "first"]);
    let docs = HashMap::from([("a.txt", (text, "")), ("first", (text, ""))]);
    check_offsets(&out.records, &docs);
    assert_eq!(out.records[0]["start"], 0);
}

#[test]
fn crlf_and_lone_cr_line_ends() {
    let dir = temp_dir("h-cr");
    let text_crlf = "Huawei signed.\r\nZTE Corp agreed.\r\n";
    let text_cr = "Huawei signed.\rZTE Corp agreed.\rIn Tashkent.";
    std::fs::write(dir.join("crlf.txt"), text_crlf).unwrap();
    std::fs::write(dir.join("cr.txt"), text_cr).unwrap();
    let crlf = dir.join("crlf.jsonl");
    let a = json!({"id": "j1", "text": text_crlf});
    let b = json!({"id": "j2", "text": text_cr});
    std::fs::write(&crlf, format!("{a}\r\n\r\n{b}\r\n")).unwrap();
    let cr = dir.join("cr.jsonl");
    let c = json!({"id": "c1", "text": "x"});
    let d = json!({"id": "c2", "text": "y"});
    std::fs::write(&cr, format!("{c}\r{d}\r")).unwrap();
    let out = extract(
        &[
            "--emit",
            "mentions",
            path_str(&dir),
            path_str(&crlf),
            path_str(&cr),
        ],
        b"",
    );
    // Lone CRs do not end JSON Lines: the file is one bad line, and the
    // message says why.
    assert_eq!(out.counts.read, 5);
    let msg = out.error_message(&format!("{}:1", cr.display()));
    assert!(msg.contains("lone \\r"), "{msg}");
    let docs = HashMap::from([
        ("crlf.txt", (text_crlf, "")),
        ("cr.txt", (text_cr, "")),
        ("j1", (text_crlf, "")),
        ("j2", (text_cr, "")),
    ]);
    check_offsets(&out.records, &docs);
    assert_eq!(out.doc_ids(), vec!["cr.txt", "crlf.txt", "j1", "j2"]);
}

#[test]
fn nul_bytes() {
    let dir = temp_dir("h-nul");
    let text = "Huawei\0 signed\0\0 a deal with ZTE.";
    std::fs::write(dir.join("nul.txt"), text).unwrap();
    let jsonl = dir.join("nul.jsonl");
    let mut body = json!({"id": "escaped", "text": text})
        .to_string()
        .into_bytes();
    body.extend_from_slice(b"\n{\"id\":\"raw\",\"text\":\"Huawei\0ZTE\"}\n");
    std::fs::write(&jsonl, body).unwrap();
    let out = extract(
        &["--emit", "mentions", path_str(&dir), path_str(&jsonl)],
        b"",
    );
    assert_eq!(out.counts.read, 3);
    // A raw NUL inside a JSON string is a control character JSON forbids.
    let msg = out.error_message(&format!("{}:2", jsonl.display()));
    assert!(msg.contains("control character"), "{msg}");
    let docs = HashMap::from([("nul.txt", (text, "")), ("escaped", (text, ""))]);
    check_offsets(&out.records, &docs);
    assert_eq!(out.doc_ids(), vec!["nul.txt", "escaped"]);
}

#[test]
fn json_lines_that_are_not_objects_or_are_truncated() {
    let input = concat!(
        "[1,2]\n",
        "\"a string\"\n",
        "42\n",
        "null\n",
        "true\n",
        "{\"id\":\"t\",\"text\":\"Huawei signed\n",
        "{\"id\":\"ok\",\"text\":\"Huawei signed.\"}\n",
        "{\"id\":\"u\",\"text\":\"Huawei\"} trailing\n",
        "{\"id\":\"end\",\"text\":\"Hua",
    );
    let out = extract(&["--emit", "mentions"], input.as_bytes());
    assert_eq!(out.counts.read, 9);
    assert_eq!(out.counts.failed, 8);
    for (line, kind) in [
        (1, "an array"),
        (2, "a string"),
        (3, "a number"),
        (4, "null"),
        (5, "a boolean"),
    ] {
        let msg = out.error_message(&format!("<stdin>:{line}"));
        assert!(
            msg.contains("must be an object") && msg.contains(kind),
            "{msg}"
        );
    }
    for line in [6, 9] {
        let msg = out.error_message(&format!("<stdin>:{line}"));
        assert!(msg.contains("truncated"), "{msg}");
    }
    assert!(out
        .error_message("<stdin>:8")
        .contains("trailing characters"));
    assert_eq!(out.doc_ids(), vec!["ok"]);
}

/// Writes a JSONL file whose first line is a document of `bytes` bytes of
/// text, followed by one ordinary document.
fn write_huge_line(path: &Path, bytes: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    f.write_all(b"{\"id\":\"huge\",\"text\":\"").unwrap();
    let block = "Huawei signed. ".repeat(1 << 16);
    let mut left = bytes;
    while left > 0 {
        let n = left.min(block.len());
        f.write_all(&block.as_bytes()[..n]).unwrap();
        left -= n;
    }
    f.write_all(b"\"}\n{\"id\":\"after\",\"text\":\"Huawei signed.\"}\n")
        .unwrap();
    f.flush().unwrap();
}

#[test]
fn a_100_mb_line_is_skipped_in_bounded_memory() {
    let dir = temp_dir("h-100mb");
    let path = dir.join("huge.jsonl");
    write_huge_line(&path, 100 << 20);
    let out = extract(&["--emit", "mentions", path_str(&path)], b"");
    let msg = out.error_message(&format!("{}:1", path.display()));
    assert!(msg.contains("too long for --max-doc-bytes"), "{msg}");
    assert_eq!(out.doc_ids(), vec!["after"]);
    assert!(
        out.run.max_rss_mb < 300.0,
        "peak memory {} MB",
        out.run.max_rss_mb
    );
    // Nor through standard input.
    let data = std::fs::read(&path).unwrap();
    let out = extract(&["--emit", "mentions"], &data);
    assert!(out.error_message("<stdin>:1").contains("too long"));
    assert_eq!(out.doc_ids(), vec!["after"]);
    assert!(out.run.max_rss_mb < 300.0, "{} MB", out.run.max_rss_mb);
}

#[test]
fn documents_over_max_doc_bytes() {
    let dir = temp_dir("h-max");
    let big = "Huawei signed. ".repeat(100);
    std::fs::write(dir.join("big.txt"), &big).unwrap();
    std::fs::write(dir.join("small.txt"), "Huawei signed.").unwrap();
    let jsonl = dir.join("d.jsonl");
    std::fs::write(
        &jsonl,
        format!(
            "{}\n{}\n",
            json!({"id": "big", "text": big}),
            json!({"id": "small", "text": "ZTE signed."})
        ),
    )
    .unwrap();
    let out = extract(
        &[
            "--emit",
            "mentions",
            "--max-doc-bytes",
            "1000",
            path_str(&dir.join("big.txt")),
            path_str(&dir.join("small.txt")),
            path_str(&jsonl),
        ],
        b"",
    );
    assert_eq!(out.counts.read, 4);
    assert_eq!(out.counts.failed, 2);
    let msg = out.error_message(path_str(&dir.join("big.txt")));
    assert!(
        msg.contains("larger than --max-doc-bytes (1000 bytes)"),
        "{msg}"
    );
    let e = out.error_at(&format!("{}:1", jsonl.display()));
    assert_eq!(e["doc_id"], "big");
    assert!(e["error"]
        .as_str()
        .unwrap()
        .contains("1500 bytes, more than --max-doc-bytes (1000)"));
    assert_eq!(out.doc_ids().len(), 2);
}

#[test]
fn missing_and_mistyped_fields() {
    let input = concat!(
        "{\"text\":\"Huawei\"}\n",
        "{\"id\":5,\"text\":\"Huawei\"}\n",
        "{\"id\":null,\"text\":\"Huawei\"}\n",
        "{\"id\":\"no-text\"}\n",
        "{\"id\":\"null-text\",\"text\":null}\n",
        "{\"id\":\"array-text\",\"text\":[\"Huawei\"]}\n",
        "{\"id\":\"bad-title\",\"text\":\"Huawei\",\"title\":7}\n",
        "{\"id\":\"bad-date\",\"text\":\"Huawei\",\"date\":\"2019-02-30\"}\n",
        "{\"id\":\"ok\",\"text\":\"Huawei signed.\",\"title\":null,\"date\":null,\"other\":{\"x\":[1]}}\n",
    );
    let out = extract(&["--emit", "mentions"], input.as_bytes());
    assert_eq!(out.counts.read, 9);
    assert_eq!(out.counts.failed, 8);
    let m = |line: u32| out.error_message(&format!("<stdin>:{line}"));
    assert!(m(1).contains("missing field \"id\""), "{}", m(1));
    assert!(
        m(2).contains("\"id\" (the id) must be a string, not a number"),
        "{}",
        m(2)
    );
    assert!(m(3).contains("must be a string, not null"), "{}", m(3));
    assert!(m(4).contains("missing field \"text\""), "{}", m(4));
    assert!(
        m(5).contains("\"text\" (the text) must be a string, not null"),
        "{}",
        m(5)
    );
    assert!(m(6).contains("not an array"), "{}", m(6));
    assert!(m(7).contains("\"title\""), "{}", m(7));
    assert!(m(8).contains("2019-02-30"), "{}", m(8));
    // The id is named whenever it could be read.
    assert!(out.error_at("<stdin>:1")["doc_id"].is_null());
    assert_eq!(out.error_at("<stdin>:4")["doc_id"], "no-text");
    assert_eq!(out.error_at("<stdin>:8")["doc_id"], "bad-date");
    assert_eq!(out.doc_ids(), vec!["ok"]);
}

#[test]
fn duplicate_ids_in_one_file_and_across_inputs() {
    let dir = temp_dir("h-dup");
    let a = dir.join("a.jsonl");
    let b = dir.join("b.jsonl");
    let doc = |id: &str, text: &str| json!({"id": id, "text": text}).to_string();
    std::fs::write(
        &a,
        format!(
            "{}\n{}\n{}\n",
            doc("x", "Huawei signed."),
            doc("y", "ZTE signed."),
            doc("x", "Something else about Huawei.")
        ),
    )
    .unwrap();
    std::fs::write(
        &b,
        format!("{}\n{}\n", doc("y", "ZTE again."), doc("z", "ZTE.")),
    )
    .unwrap();
    let run = |j: &str| {
        extract(
            &["--emit", "mentions", "-j", j, path_str(&a), path_str(&b)],
            b"",
        )
    };
    let out = run("1");
    assert_eq!(out.counts.read, 5);
    assert_eq!(out.counts.failed, 2);
    let e = out.error_at(&format!("{}:3", a.display()));
    assert_eq!(e["doc_id"], "x");
    assert_eq!(
        e["error"],
        format!(
            "duplicate id, first seen at {}:1; this document was not processed",
            a.display()
        )
    );
    let e = out.error_at(&format!("{}:1", b.display()));
    assert!(e["error"]
        .as_str()
        .unwrap()
        .contains(&format!("first seen at {}:2", a.display())));
    assert_eq!(out.doc_ids(), vec!["x", "y", "z"]);
    // Only the first x was processed: one Huawei mention, at its offset.
    assert_eq!(
        out.records.iter().filter(|r| r["text"] == "Huawei").count(),
        1
    );
    // Deterministic for any number of threads, errors included.
    let two = run("2");
    assert_eq!(two.run.stdout, out.run.stdout);
    assert_eq!(two.errors, out.errors);
}

#[test]
fn json_nested_10000_deep() {
    let deep_array = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_title = format!(
        "{{\"id\":\"deep\",\"text\":\"Huawei\",\"title\":{}1{}}}",
        "{\"a\":".repeat(10_000),
        "}".repeat(10_000)
    );
    let unclosed = "[".repeat(10_000);
    // A field the document does not use is skipped, however deep it nests
    // (serde_json skips without recursion): the document is not lost.
    let deep_extra = format!(
        "{{\"id\":\"extra\",\"text\":\"Huawei\",\"extra\":{}1{}}}",
        "{\"a\":".repeat(10_000),
        "}".repeat(10_000)
    );
    let input = format!(
        "{deep_array}\n{deep_title}\n{unclosed}\n{deep_extra}\n{{\"id\":\"ok\",\"text\":\"Huawei signed.\"}}\n"
    );
    let out = extract(&["--emit", "mentions"], input.as_bytes());
    assert_eq!(out.counts.read, 5);
    assert_eq!(out.counts.failed, 3);
    for line in 1..=3 {
        let msg = out.error_message(&format!("<stdin>:{line}"));
        assert!(
            msg.contains("recursion limit") && msg.contains("128 deep"),
            "{msg}"
        );
    }
    assert_eq!(out.doc_ids(), vec!["extra", "ok"]);
}

#[test]
fn a_10_mb_word_with_no_spaces() {
    let dir = temp_dir("h-word");
    let path = dir.join("w.jsonl");
    let word = "x".repeat(10 << 20);
    let names = "Huawei".repeat((2 << 20) / 6);
    let digits = "1".repeat(2 << 20);
    std::fs::write(
        &path,
        format!(
            "{}\n{}\n{}\n{}\n",
            json!({"id": "x", "text": word}),
            json!({"id": "names", "text": names}),
            json!({"id": "digits", "text": format!("${digits}")}),
            json!({"id": "after", "text": format!("{} Huawei signed.", "y".repeat(1 << 20))}),
        ),
    )
    .unwrap();
    let out = extract(&["--emit", "all", path_str(&path)], b"");
    assert_eq!(out.counts.processed, 4);
    let after_start = (1 << 20) + 1;
    let huawei: Vec<&Value> = out
        .records
        .iter()
        .filter(|r| r["record"] == "mention" && r["label"] == "company")
        .collect();
    // A name glued to other letters is not a name; the one after a space is.
    assert_eq!(huawei.len(), 1, "{huawei:?}");
    assert_eq!(huawei[0]["doc_id"], "after");
    assert_eq!(huawei[0]["start"], after_start);
    assert!(out.run.max_rss_mb < 500.0, "{} MB", out.run.max_rss_mb);
}

const REPEATED: &str = "China Huawei $1 billion ";

#[test]
fn a_million_repetitions_are_over_the_default_size_limit() {
    let dir = temp_dir("h-million");
    let path = dir.join("m.jsonl");
    let text = REPEATED.repeat(1_000_000);
    std::fs::write(
        &path,
        format!(
            "{}\n{}\n",
            json!({"id": "million", "text": text}),
            json!({"id": "after", "text": "Huawei signed."})
        ),
    )
    .unwrap();
    let out = extract(&[path_str(&path), "--emit", "mentions"], b"");
    let e = out.error_at(&format!("{}:1", path.display()));
    assert_eq!(e["doc_id"], "million");
    assert!(e["error"]
        .as_str()
        .unwrap()
        .contains("24000000 bytes, more than --max-doc-bytes"));
    assert_eq!(out.doc_ids(), vec!["after"]);
    assert!(out.run.max_rss_mb < 300.0, "{} MB", out.run.max_rss_mb);
}

/// The repeated phrase, processed: mentions and deals of a long document
/// still slice right.
fn repetitions_processed(n: usize, emit: &str) -> Out {
    let text = REPEATED.repeat(n);
    let line = json!({"id": "rep", "text": text}).to_string();
    let out = extract(
        &["--emit", emit, "--max-doc-bytes", "30000000"],
        line.as_bytes(),
    );
    assert_eq!(out.counts.processed, 1);
    // Check a sample of the records (the first and last thousand); the
    // phrase holds no deal trigger, so `--emit deals` writes none.
    if !out.records.is_empty() {
        let docs = HashMap::from([("rep", (text.as_str(), ""))]);
        let k = out.records.len().min(1000);
        check_offsets(&out.records[..k], &docs);
        check_offsets(&out.records[out.records.len() - k..], &docs);
    }
    out
}

#[test]
fn two_thousand_repetitions_are_processed() {
    let out = repetitions_processed(2_000, "all");
    let mentions = out
        .records
        .iter()
        .filter(|r| r["record"] == "mention")
        .count();
    assert_eq!(mentions, 3 * 2_000);
}

#[test]
#[ignore = "slow in a debug build; .ci/run runs it on the release build (about 7 s)"]
fn a_million_repetitions_processed_for_deals() {
    let out = repetitions_processed(1_000_000, "deals");
    assert!(out.records.is_empty());
}

#[test]
#[ignore = "slow in a debug build; .ci/run runs it on the release build (3 million mentions, about 1 GB, all held until the document is written)"]
fn a_million_repetitions_processed_for_mentions() {
    let out = repetitions_processed(1_000_000, "mentions");
    assert_eq!(out.records.len(), 3_000_000);
}

#[test]
fn combining_marks_emoji_rtl_and_cjk_slice_right() {
    let docs: Vec<(&str, &str, &str)> = vec![
        (
            "combining",
            "Cafe\u{301} Ame\u{301}lie: Huawei signed a $1 billion deal with ZTE Corp in Tashkent.",
            "Z\u{0351}\u{036b}\u{0343}TE and Huawei",
        ),
        (
            "emoji",
            "👩‍👩‍👧‍👦🇺🇿 Huawei 🙂 agreed to buy 🏳️‍🌈 ZTE Corp for $2 billion in June 2019. 😀",
            "🙂 Huawei",
        ),
        (
            "rtl",
            "\u{202b}هواوي\u{202c} وقعت Huawei signed a $3 million contract with Kenya שלום עולם.",
            "שלום Huawei",
        ),
        (
            "cjk",
            "华为技术有限公司 Huawei 与 ZTE Corp 签署了 $4 billion 的协议。中兴通讯 acquired Widget Inc.",
            "华为 Huawei",
        ),
    ];
    let input: String = docs
        .iter()
        .map(|(id, text, title)| json!({"id": id, "text": text, "title": title}).to_string() + "\n")
        .collect();
    let out = extract(&["--emit", "all"], input.as_bytes());
    assert_eq!(out.counts.processed, 4);
    let map: HashMap<&str, (&str, &str)> = docs.iter().map(|(i, t, h)| (*i, (*t, *h))).collect();
    check_offsets(&out.records, &map);
    for (id, ..) in &docs {
        assert!(
            out.records
                .iter()
                .any(|r| r["doc_id"] == *id && r["text"] == "Huawei"),
            "no Huawei in {id}"
        );
        assert!(
            out.records
                .iter()
                .any(|r| r["doc_id"] == *id && r["field"] == "title" && r["text"] == "Huawei"),
            "no Huawei in the title of {id}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_directory_with_unreadable_files_links_and_pipes() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = temp_dir("h-unreadable");
    std::fs::write(dir.join("good.txt"), "Huawei signed.").unwrap();
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "Huawei").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Unreadable even for root: reading this process's memory at offset 0.
    symlink("/proc/self/mem", dir.join("mem.txt")).unwrap();
    symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
    let fifo = dir.join("fifo.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("inner.txt"), "ZTE signed.").unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();

    let out = extract(&["--emit", "mentions", path_str(&dir)], b"");
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    // SAFETY: geteuid(2) has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let msg = |name: &str| out.error_message(path_str(&dir.join(name)));
    assert!(msg("mem.txt").contains("cannot read"), "{}", msg("mem.txt"));
    assert!(
        msg("dangling.txt").contains("cannot read"),
        "{}",
        msg("dangling.txt")
    );
    assert!(
        msg("fifo.txt").contains("not a regular file"),
        "{}",
        msg("fifo.txt")
    );
    let mut want = vec!["good.txt"];
    if root {
        // Permissions do not stop root: those files are read.
        want.push("locked.txt");
        want.push("sub/inner.txt");
    } else {
        assert!(
            msg("locked.txt").contains("cannot open"),
            "{}",
            msg("locked.txt")
        );
        assert!(
            msg("sub").contains("cannot list directory"),
            "{}",
            msg("sub")
        );
    }
    assert_eq!(out.doc_ids(), want);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("h-loops");
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.txt"), "Huawei signed.").unwrap();
    symlink("..", sub.join("up")).unwrap();
    symlink(".", dir.join("self")).unwrap();
    symlink(dir.join("p.txt"), dir.join("q.txt")).unwrap();
    symlink(dir.join("q.txt"), dir.join("p.txt")).unwrap();
    symlink(dir.join("me.txt"), dir.join("me.txt")).unwrap();
    let out = extract(&["--emit", "mentions", path_str(&dir)], b"");
    assert_eq!(out.doc_ids(), vec!["sub/a.txt"]);
    for name in ["p.txt", "q.txt", "me.txt"] {
        let msg = out.error_message(path_str(&dir.join(name)));
        assert!(msg.contains("cannot read"), "{msg}");
    }
    let loops: Vec<&Value> = out
        .errors
        .iter()
        .filter(|e| e["error"].as_str().unwrap().contains("symbolic link loop"))
        .collect();
    assert_eq!(loops.len(), 2, "{:?}", out.errors);
}

#[test]
fn empty_files_and_empty_input() {
    let dir = temp_dir("h-empty");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("bom-only.txt"), "\u{feff}").unwrap();
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let blank = dir.join("blank.jsonl");
    std::fs::write(&blank, "\n\r\n   \n\t\n").unwrap();
    let bom = dir.join("bom.jsonl");
    std::fs::write(&bom, "\u{feff}\n").unwrap();
    let out = extract(
        &[
            "--emit",
            "documents",
            path_str(&dir),
            path_str(&empty),
            path_str(&blank),
            path_str(&bom),
        ],
        b"",
    );
    // Two empty text documents, processed with no mention; no JSONL document.
    assert_eq!(out.counts.read, 2);
    assert_eq!(out.counts.processed, 2);
    assert_eq!(out.doc_ids(), vec!["bom-only.txt", "empty.txt"]);
    let out = extract(&[], b"");
    assert_eq!(out.counts.read, 0);
    assert!(out.records.is_empty());
}
