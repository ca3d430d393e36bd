//! `--state FILE`: a daily batch processes only new and changed documents,
//! keeps deal ids stable, and leaves the state as it was when a run fails.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{bin, json_lines, run_bounded, summary_counts, temp_dir, Counts, Run};
use serde_json::{json, Value};

const DEADLINE: Duration = Duration::from_secs(120);

const KENYA: &str =
    "In June 2018, Kenya signed a $172 million deal with Huawei for a surveillance system.";
const ZTE: &str = "ZTE Corp agreed to buy Widget Inc for $25 million in March 2019.";
const LOAN: &str = "On 18 January 2019, China agreed to cancel $84 million of loan debt owed by the Republic of Cameroon.";

fn doc(id: &str, text: &str) -> String {
    json!({"id": id, "text": text}).to_string() + "\n"
}

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

/// `dealtrace extract --state STATE -o OUT ARGS...`.
fn extract(state: &Path, out: &Path, args: &[&str]) -> Run {
    let mut c = bin();
    c.arg("extract")
        .arg("--state")
        .arg(state)
        .arg("-o")
        .arg(out)
        .args(args);
    run_bounded(c, b"", DEADLINE)
}

fn counts(run: &Run) -> Counts {
    summary_counts(&run.stderr_text())
}

/// deal_id by (doc_id, evidence start), from an output file.
fn deal_ids(out: &Path) -> BTreeMap<(String, u64), String> {
    json_lines(&std::fs::read(out).unwrap())
        .iter()
        .filter(|r| r["record"] == "deal")
        .map(|r| {
            (
                (
                    r["doc_id"].as_str().unwrap().to_string(),
                    r["evidence"]["start"].as_u64().unwrap(),
                ),
                r["deal_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn state_ids(state: &Path) -> Vec<String> {
    let lines = json_lines(&std::fs::read(state).unwrap());
    assert_eq!(lines[0]["dealtrace_state"], 1, "{}", lines[0]);
    lines[1..]
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_daily_batch_processes_new_and_changed_documents_only() {
    let dir = temp_dir("state-daily");
    let state = dir.join("state.jsonl");
    let day1 = write(
        &dir,
        "day1.jsonl",
        &(doc("kenya", KENYA) + &doc("zte", ZTE) + &doc("loan", LOAN)),
    );
    let out1 = dir.join("day1-deals.jsonl");
    let run = extract(&state, &out1, &[day1.to_str().unwrap()]);
    run.expect_code(0);
    let c = counts(&run);
    assert_eq!(
        (c.read, c.processed, c.new, c.changed, c.unchanged),
        (3, 3, 3, 0, 0),
        "{c:?}"
    );
    assert_eq!(state_ids(&state), vec!["kenya", "loan", "zte"]);
    let ids1 = deal_ids(&out1);
    assert!(ids1.keys().any(|(d, _)| d == "kenya") && ids1.keys().any(|(d, _)| d == "zte"));

    // Day 2: one article unchanged, one corrected, one new.
    let corrected = ZTE.replace("$25 million", "$27 million");
    let day2 = write(
        &dir,
        "day2.jsonl",
        &(doc("kenya", KENYA) + &doc("zte", &corrected) + &doc("new", LOAN)),
    );
    let out2 = dir.join("day2-deals.jsonl");
    let run = extract(&state, &out2, &[day2.to_str().unwrap()]);
    run.expect_code(0);
    let c = counts(&run);
    assert_eq!(
        (c.read, c.processed, c.new, c.changed, c.unchanged),
        (3, 2, 1, 1, 1),
        "{c:?}"
    );
    let ids2 = deal_ids(&out2);
    let docs2: Vec<&str> = ids2.keys().map(|(d, _)| d.as_str()).collect();
    assert!(
        !docs2.contains(&"kenya"),
        "an unchanged document writes nothing"
    );
    assert!(docs2.contains(&"zte") && docs2.contains(&"new"));
    let amounts: Vec<Value> = json_lines(&std::fs::read(&out2).unwrap())
        .into_iter()
        .filter(|r| r["doc_id"] == "zte")
        .map(|r| r["amount"]["value"].clone())
        .collect();
    assert_eq!(amounts, vec![json!(27_000_000)]);
    assert_eq!(state_ids(&state), vec!["kenya", "loan", "new", "zte"]);

    // The same batch again: nothing to do, and the output says so.
    let out3 = dir.join("day2-again.jsonl");
    let run = extract(&state, &out3, &[day2.to_str().unwrap()]);
    run.expect_code(0);
    let c = counts(&run);
    assert_eq!((c.read, c.processed, c.unchanged), (3, 0, 3), "{c:?}");
    assert_eq!(std::fs::read(&out3).unwrap(), b"");

    // Deal ids are the same on every run: processing day 2 from scratch
    // gives the unchanged document the ids day 1 gave it.
    let fresh = dir.join("fresh-state.jsonl");
    let out4 = dir.join("day2-fresh.jsonl");
    extract(&fresh, &out4, &[day2.to_str().unwrap()]).expect_code(0);
    let ids4 = deal_ids(&out4);
    for (key, id) in ids1.iter().filter(|((d, _), _)| d == "kenya") {
        assert_eq!(ids4.get(key), Some(id), "deal id of {key:?} changed");
    }
    for (key, id) in ids2.iter() {
        assert_eq!(ids4.get(key), Some(id), "deal id of {key:?} changed");
    }
}

#[test]
fn title_and_date_changes_count_as_changes() {
    let dir = temp_dir("state-fields");
    let state = dir.join("s.jsonl");
    let out = dir.join("o.jsonl");
    let v1 = write(
        &dir,
        "v1.jsonl",
        &(doc("a", KENYA) + &doc("b", ZTE) + &doc("c", LOAN)),
    );
    extract(&state, &out, &[v1.to_str().unwrap()]).expect_code(0);
    let v2 = write(
        &dir,
        "v2.jsonl",
        &(json!({"id": "a", "text": KENYA, "title": "Kenya and Huawei"}).to_string()
            + "\n"
            + &json!({"id": "b", "text": ZTE, "date": "2019-03-02"}).to_string()
            + "\n"
            + &doc("c", LOAN)),
    );
    let run = extract(&state, &out, &[v2.to_str().unwrap()]);
    let c = counts(&run);
    assert_eq!((c.changed, c.unchanged), (2, 1), "{c:?}");
}

#[test]
fn another_configuration_reprocesses_everything() {
    let dir = temp_dir("state-config");
    let state = dir.join("s.jsonl");
    let out = dir.join("o.jsonl");
    let input = write(&dir, "in.jsonl", &(doc("a", KENYA) + &doc("b", ZTE)));
    let input = input.to_str().unwrap();
    extract(&state, &out, &[input]).expect_code(0);
    // Another --emit mode.
    let run = extract(&state, &out, &["--emit", "mentions", input]);
    run.expect_code(0);
    let err = run.stderr_text();
    assert!(
        err.contains("another configuration (--emit deals → mentions)"),
        "{err}"
    );
    let c = counts(&run);
    assert_eq!((c.processed, c.changed, c.unchanged), (2, 2, 0), "{c:?}");
    // Now recorded under the new configuration.
    let c = counts(&extract(&state, &out, &["--emit", "mentions", input]));
    assert_eq!(c.unchanged, 2, "{c:?}");
    // Another gazetteer list.
    let list = write(
        &dir,
        "mine.tsv",
        "id\tlabel\tname\nx:1\tcompany\tWidget Inc\n",
    );
    let run = extract(
        &state,
        &out,
        &["--emit", "mentions", "-g", list.to_str().unwrap(), input],
    );
    assert!(
        run.stderr_text().contains("gazetteer lists"),
        "{}",
        run.stderr_text()
    );
    assert_eq!(counts(&run).changed, 2);
    // The rebuilt state lists only what this run processed.
    let other = write(&dir, "other.jsonl", &doc("z", LOAN));
    extract(&state, &out, &[other.to_str().unwrap()]).expect_code(0);
    assert_eq!(state_ids(&state), vec!["z"]);
}

#[test]
fn failed_documents_are_not_recorded_and_are_retried() {
    let dir = temp_dir("state-failed");
    let state = dir.join("s.jsonl");
    let out = dir.join("o.jsonl");
    let bad = write(
        &dir,
        "bad.jsonl",
        &(doc("a", KENYA) + "{\"id\":\"b\"}\n" + &doc("a", ZTE) + "not json\n"),
    );
    let run = extract(&state, &out, &[bad.to_str().unwrap()]);
    run.expect_code(1);
    let c = counts(&run);
    assert_eq!((c.read, c.processed, c.failed), (4, 1, 3), "{c:?}");
    assert_eq!(state_ids(&state), vec!["a"]);
    // The same input again: the good document is skipped, the bad ones
    // are reported again (a rerun retries them), and a fixed one is new.
    let run = extract(&state, &out, &[bad.to_str().unwrap()]);
    run.expect_code(1);
    let c = counts(&run);
    assert_eq!((c.read, c.unchanged, c.failed), (4, 1, 3), "{c:?}");
    let fixed = write(&dir, "fixed.jsonl", &(doc("a", KENYA) + &doc("b", ZTE)));
    let run = extract(&state, &out, &[fixed.to_str().unwrap()]);
    run.expect_code(0);
    let c = counts(&run);
    assert_eq!((c.new, c.unchanged), (1, 1), "{c:?}");
}

#[test]
fn a_failed_run_leaves_the_state_as_it_was() {
    let dir = temp_dir("state-unchanged");
    let state = dir.join("s.jsonl");
    let out = dir.join("o.jsonl");
    let input = write(&dir, "in.jsonl", &doc("a", KENYA));
    extract(&state, &out, &[input.to_str().unwrap()]).expect_code(0);
    let before = std::fs::read(&state).unwrap();
    // The output cannot be written: exit 2, nothing processed, state kept.
    let more = write(&dir, "more.jsonl", &doc("b", ZTE));
    let run = extract(
        &state,
        &dir.join("no/such/dir/o.jsonl"),
        &[more.to_str().unwrap()],
    );
    run.expect_code(2);
    assert_eq!(std::fs::read(&state).unwrap(), before);
    // The state file's directory must take a new file before anything runs.
    let run = extract(
        &dir.join("no/such/dir/s.jsonl"),
        &out,
        &[more.to_str().unwrap()],
    );
    run.expect_code(2);
    assert!(
        run.stderr_text().contains("state file"),
        "{}",
        run.stderr_text()
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}

#[test]
fn a_bad_state_file_is_an_error_naming_file_and_line() {
    let dir = temp_dir("state-bad");
    let state = dir.join("s.jsonl");
    let out = dir.join("o.jsonl");
    let input = write(&dir, "in.jsonl", &doc("a", KENYA));
    extract(&state, &out, &[input.to_str().unwrap()]).expect_code(0);
    let good = std::fs::read_to_string(&state).unwrap();
    std::fs::write(&state, format!("{good}{{\"id\":\"b\",\"hash\":\"zz\"}}\n")).unwrap();
    let run = extract(&state, &out, &[input.to_str().unwrap()]);
    run.expect_code(2);
    let err = run.stderr_text();
    assert!(
        err.contains(&format!("bad state file {}:3", state.display())),
        "{err}"
    );
    assert!(err.contains("delete it"), "{err}");
    std::fs::write(&state, "{\"not\":\"a header\"}\n").unwrap();
    let run = extract(&state, &out, &[input.to_str().unwrap()]);
    run.expect_code(2);
    assert!(
        run.stderr_text()
            .contains(":1: not a dealtrace state header"),
        "{}",
        run.stderr_text()
    );
    // An empty file is an empty state (`touch` makes one).
    std::fs::write(&state, "").unwrap();
    let run = extract(&state, &out, &[input.to_str().unwrap()]);
    run.expect_code(0);
    assert_eq!(counts(&run).new, 1);
}

#[test]
fn directories_and_documents_records_with_state() {
    let dir = temp_dir("state-dir");
    let articles = dir.join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("one.txt"), KENYA).unwrap();
    std::fs::write(articles.join("two.txt"), ZTE).unwrap();
    let state = dir.join("s.jsonl");
    let out = dir.join("o.jsonl");
    let a = articles.to_str().unwrap();
    extract(&state, &out, &["--emit", "documents", a]).expect_code(0);
    std::fs::write(articles.join("two.txt"), LOAN).unwrap();
    std::fs::write(articles.join("three.txt"), ZTE).unwrap();
    let run = extract(&state, &out, &["--emit", "documents", a]);
    let c = counts(&run);
    assert_eq!((c.new, c.changed, c.unchanged), (1, 1, 1), "{c:?}");
    // One document record per processed document, even one with no deal:
    // what a loader replaces.
    let recs = json_lines(&std::fs::read(&out).unwrap());
    let ids: Vec<&str> = recs.iter().map(|r| r["doc_id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["three.txt", "two.txt"]);
}
