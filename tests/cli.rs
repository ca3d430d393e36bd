//! End-to-end tests of the `dealtrace` binary.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dealtrace"))
}

fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("wait")
}

fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

use common::temp_dir;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles")
}

#[test]
fn mentions_from_stdin_slice_to_their_text() {
    let doc = r#"{"id":"d1","title":"Huawei in Uzbekistan","text":"In April 2019, Huawei’s deal with the Uzbek government 🙂 in Tashkent was closed."}"#;
    let out = run_with_stdin(
        &["extract", "--emit", "mentions", "--quiet"],
        &format!("{doc}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = lines(&out.stdout);
    let text = "In April 2019, Huawei’s deal with the Uzbek government 🙂 in Tashkent was closed.";
    let title = "Huawei in Uzbekistan";
    assert!(recs
        .iter()
        .any(|r| r["text"] == "Huawei" && r["label"] == "company" && r["country"] == "CN"));
    assert!(recs
        .iter()
        .any(|r| r["text"] == "Uzbek" && r["label"] == "country" && r["form"] == "adjective"));
    assert!(recs
        .iter()
        .any(|r| r["text"] == "Tashkent" && r["label"] == "city"));
    assert!(recs
        .iter()
        .any(|r| r["field"] == "title" && r["text"] == "Uzbekistan"));
    for r in &recs {
        let src = if r["field"] == "title" { title } else { text };
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            common::slice_chars(src, s, e),
            r["text"].as_str().unwrap(),
            "{r}"
        );
        assert_eq!(r["doc_id"], "d1");
    }
}

#[test]
fn bad_lines_get_error_records_and_exit_1() {
    let input = "{\"id\":\"a\",\"text\":\"Huawei\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"\"}\n";
    let out = run_with_stdin(&["extract", "--emit", "all"], input);
    assert_eq!(out.status.code(), Some(1));
    let recs = lines(&out.stdout);
    let errors: Vec<&serde_json::Value> = recs.iter().filter(|r| r["record"] == "error").collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["source"], "<stdin>:2");
    assert_eq!(errors[1]["doc_id"], "b");
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("4 documents read, 2 processed, 2 failed"),
        "{summary}"
    );
}

#[test]
fn errors_file_and_stderr() {
    let dir = temp_dir("errors");
    let errs = dir.join("errors.jsonl");
    let out = run_with_stdin(
        &["extract", "--quiet", "--errors", errs.to_str().unwrap()],
        "[1]\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let recs = lines(&std::fs::read(&errs).unwrap());
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["error"].as_str().unwrap().contains("object"));
}

#[test]
fn directory_input_uses_relative_ids_in_sorted_order() {
    let dir = temp_dir("dir");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::write(dir.join("b/two.txt"), "ZTE signed a deal.").unwrap();
    std::fs::write(dir.join("a.md"), "Huawei in Tashkent.").unwrap();
    std::fs::write(dir.join("skip.csv"), "Huawei").unwrap();
    std::fs::write(dir.join("bad.txt"), b"Huawei \xff\xfe").unwrap();
    let out = bin()
        .args([
            "extract",
            "--emit",
            "mentions",
            "--quiet",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|r| r["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.first().map(String::as_str), Some("a.md"));
    assert_eq!(ids.last().map(String::as_str), Some("b/two.txt"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("invalid UTF-8"),
        "{err}"
    );
}

#[test]
fn output_file_is_written_atomically() {
    let dir = temp_dir("atomic");
    let path = dir.join("out.jsonl");
    std::fs::write(&path, "previous\n").unwrap();
    let out = bin()
        .args([
            "extract",
            "--quiet",
            "--emit",
            "mentions",
            "-o",
            path.to_str().unwrap(),
            corpus().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = lines(&std::fs::read(&path).unwrap());
    assert!(recs.len() > 50);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary file left behind");
}

#[test]
fn same_output_whatever_the_threads() {
    let c = corpus();
    let run = |j: &str| {
        let out = bin()
            .args([
                "extract",
                "--quiet",
                "--emit",
                "all",
                "-j",
                j,
                c.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("3"));
}

#[test]
fn deals_on_the_bundled_corpus() {
    let out = bin()
        .args(["extract", "--quiet", corpus().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = lines(&out.stdout);
    assert!(recs.len() >= 10, "only {} deals", recs.len());
    for r in &recs {
        assert_eq!(r["record"], "deal");
        let c = r["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        assert!(r["parties"].as_array().is_some_and(|p| !p.is_empty()));
    }
}

#[test]
fn deals_alone_pass_over_texts_with_no_trigger() {
    let input = "{\"id\":\"a\",\"text\":\"Huawei opened an office in Tashkent.\"}\n\
                 {\"id\":\"b\",\"text\":\"In April 2019, Huawei closed a $1 billion deal with the Uzbek government.\"}\n";
    let fast = run_with_stdin(&["extract", "-j", "1"], input);
    let full = run_with_stdin(&["extract", "-j", "1", "--search-all"], input);
    assert!(fast.status.success() && full.status.success());
    assert_eq!(fast.stdout, full.stdout);
    assert_eq!(lines(&fast.stdout).len(), 1);
    let summary = |o: &Output| String::from_utf8_lossy(&o.stderr).to_string();
    assert!(
        summary(&fast).contains("not searched for mentions: 1 documents"),
        "{}",
        summary(&fast)
    );
    assert!(
        !summary(&full).contains("not searched"),
        "{}",
        summary(&full)
    );
}

#[test]
fn documents_records_hold_sentences() {
    let out = run_with_stdin(
        &["extract", "--quiet", "--emit", "documents"],
        "{\"id\":\"x\",\"text\":\"Huawei signed. ZTE Corp agreed.\"}\n",
    );
    let recs = lines(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["record"], "document");
    assert_eq!(recs[0]["sentences"], serde_json::json!([[0, 14], [15, 31]]));
}

#[test]
fn bad_gazetteer_names_file_and_line_and_exits_2() {
    let dir = temp_dir("gaz");
    let list = dir.join("mine.tsv");
    std::fs::write(
        &list,
        "id\tlabel\tname\tcountry\nx:1\tcompany\tFoo Industries\tUSA\n",
    )
    .unwrap();
    let out = run_with_stdin(&["extract", "-g", list.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mine.tsv:2"), "{err}");
}

#[test]
fn user_gazetteer_replaces_bundled() {
    let dir = temp_dir("gaz2");
    let list = dir.join("mine.tsv");
    std::fs::write(&list, "id\tlabel\tname\tcountry\tcase\nx:1\tcompany\tFoo Industries\tUS\t\nx:2\tcompany\tQQ\t\texact\n").unwrap();
    let out = run_with_stdin(
        &[
            "extract",
            "--quiet",
            "--emit",
            "mentions",
            "--no-default-gazetteers",
            "-g",
            list.to_str().unwrap(),
        ],
        "{\"id\":\"1\",\"text\":\"Foo Industries and Huawei; qq QQ\"}\n",
    );
    assert!(out.status.success());
    let recs = lines(&out.stdout);
    let texts: Vec<&str> = recs
        .iter()
        .filter(|r| r["entity_id"].is_string())
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, vec!["Foo Industries", "QQ"]);
}

#[test]
fn gazetteer_check_reports() {
    let dir = temp_dir("check");
    let list = dir.join("l.tsv");
    std::fs::write(
        &list,
        "id\tlabel\tname\na\tcompany\tAcme\nb\tcompany\tACME\nc\tcompany\n",
    )
    .unwrap();
    let out = bin()
        .args(["gazetteer", "check", list.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("l.tsv:4"), "{s}");
    assert!(s.contains("\"acme\": a, b"), "{s}");
}

#[test]
fn explain_prints_sentences_and_rules() {
    let dir = temp_dir("explain");
    let f = dir.join("a.txt");
    std::fs::write(
        &f,
        "Acme Corp said it agreed to acquire Widget Inc for 25 mln dlrs. Shares rose.",
    )
    .unwrap();
    let out = bin()
        .args(["explain", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("[0]") && s.contains("[1]"), "{s}");
    assert!(s.contains("rule acquisition"), "{s}");
}

#[test]
fn missing_input_is_reported() {
    let out = bin()
        .args(["extract", "--quiet", "/nonexistent/file.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.jsonl"));
}
