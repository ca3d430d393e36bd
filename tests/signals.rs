//! Kills and signals, sent to a real `dealtrace extract` child process:
//! SIGINT and SIGTERM stop a run cleanly (exit 130 and 143, `-o FILE` and
//! the state file left as they were, the temporary file removed, a message
//! saying how far it got); SIGKILL at any moment leaves `-o FILE` either
//! the previous complete file or the new complete one; a closed output pipe
//! ends the run quietly.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{bin, temp_dir, write_articles_jsonl, Child};

const DEADLINE: Duration = Duration::from_secs(120);

/// The temporary files (`.NAME.tmp-PID`) beside `path`.
fn temporaries(path: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{}.tmp-", path.file_name().unwrap().to_string_lossy());
    let mut v: Vec<PathBuf> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&prefix)
        })
        .collect();
    v.sort();
    v
}

/// Waits until `cond` holds, failing the test after `DEADLINE`.
fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let started = Instant::now();
    while !cond() {
        assert!(started.elapsed() < DEADLINE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The child's temporary output file has records in it: the run is under way.
fn temporary_has_data(child: &Child, out: &Path) -> bool {
    let tmp = out.with_file_name(format!(
        ".{}.tmp-{}",
        out.file_name().unwrap().to_string_lossy(),
        child.pid()
    ));
    std::fs::metadata(tmp).is_ok_and(|m| m.len() > 0)
}

/// JSONL of `n` sample articles, as bytes.
fn articles(prefix: &str, n: usize) -> Vec<u8> {
    let texts = common::corpus_texts();
    let mut v = Vec::new();
    for k in 0..n {
        let line =
            serde_json::json!({"id": format!("{prefix}{k}"), "text": texts[k % texts.len()]});
        writeln!(v, "{line}").unwrap();
    }
    v
}

#[test]
fn sigterm_leaves_the_output_file_unchanged() {
    let dir = temp_dir("sig-term");
    let out = dir.join("out.jsonl");
    std::fs::write(&out, "previous\n").unwrap();
    let mut cmd = bin();
    cmd.args(["extract", "--emit", "mentions", "-j", "2", "-o"])
        .arg(&out);
    let mut child = Child::spawn(cmd, false);
    // More than one chunk, and standard input stays open: the run cannot
    // finish before the signal.
    let mut stdin = child.stdin.take().unwrap();
    let data = articles("d", 1500);
    let feeder = std::thread::spawn(move || {
        stdin.write_all(&data).unwrap();
        stdin
    });
    wait_for("the first records", || temporary_has_data(&child, &out));
    child.signal(libc::SIGTERM);
    let run = child.finish(DEADLINE);
    drop(feeder.join());
    run.expect_code(143);
    let err = run.stderr_text();
    assert!(
        err.contains("dealtrace: interrupted (SIGTERM) after "),
        "{err}"
    );
    assert!(err.contains("out.jsonl left unchanged"), "{err}");
    let counts = common::summary_counts(&err.replace("interrupted (SIGTERM) after ", ""));
    assert!(counts.processed >= 1, "{err}");
    assert_eq!(counts.read, counts.processed + counts.failed);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous\n");
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
}

#[test]
fn sigint_keeps_whole_records_on_stdout() {
    let mut cmd = bin();
    cmd.args(["extract", "--emit", "mentions", "-j", "2"]);
    let mut child = Child::spawn(cmd, true);
    let mut stdout = child.child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let collector = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 1 << 16];
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => return all,
                Ok(n) => {
                    all.extend_from_slice(&buf[..n]);
                    let _ = tx.send(());
                }
            }
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    let data = articles("d", 1500);
    let feeder = std::thread::spawn(move || {
        stdin.write_all(&data).unwrap();
        stdin
    });
    rx.recv_timeout(DEADLINE).expect("records on stdout");
    child.signal(libc::SIGINT);
    let run = child.finish(DEADLINE);
    drop(feeder.join());
    let written = collector.join().unwrap();
    run.expect_code(130);
    let err = run.stderr_text();
    assert!(err.contains("interrupted (SIGINT)"), "{err}");
    assert!(err.contains("written to standard output"), "{err}");
    // What was written is whole records, whole documents.
    assert_eq!(written.last(), Some(&b'\n'));
    let recs = common::json_lines(&written);
    assert!(!recs.is_empty());
}

#[test]
fn a_signal_while_waiting_for_input_ends_the_run_at_once() {
    let dir = temp_dir("sig-idle");
    let out = dir.join("out.jsonl");
    let mut cmd = bin();
    cmd.args(["extract", "-o"]).arg(&out);
    let mut child = Child::spawn(cmd, false);
    let stdin = child.stdin.take().unwrap();
    // The temporary file exists once the handlers are installed.
    wait_for("the temporary file", || !temporaries(&out).is_empty());
    let started = Instant::now();
    child.signal(libc::SIGTERM);
    let run = child.finish(DEADLINE);
    drop(stdin);
    run.expect_code(143);
    assert!(started.elapsed() < Duration::from_secs(10));
    let err = run.stderr_text();
    assert!(err.contains("after 0 documents read"), "{err}");
    assert!(!out.exists());
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
}

#[test]
fn sigterm_while_processing_a_file_leaves_output_and_state_unchanged() {
    let dir = temp_dir("sig-busy");
    let small = dir.join("small.jsonl");
    let big = dir.join("big.jsonl");
    write_articles_jsonl(&small, "s", 3);
    write_articles_jsonl(&big, "b", 6000);
    let out = dir.join("out.jsonl");
    let state = dir.join("state.jsonl");
    let first = common::run_bounded(
        {
            let mut c = bin();
            c.args(["extract", "-q", "--state"])
                .arg(&state)
                .arg("-o")
                .arg(&out)
                .arg(&small);
            c
        },
        b"",
        DEADLINE,
    );
    first.expect_code(0);
    let (old_out, old_state) = (std::fs::read(&out).unwrap(), std::fs::read(&state).unwrap());
    let mut cmd = bin();
    cmd.args(["extract", "--emit", "mentions", "--state"])
        .arg(&state)
        .arg("-o")
        .arg(&out)
        .arg(&big);
    let child = Child::spawn(cmd, false);
    wait_for("the first records", || temporary_has_data(&child, &out));
    child.signal(libc::SIGTERM);
    let run = child.finish(DEADLINE);
    run.expect_code(143);
    let err = run.stderr_text();
    assert!(err.contains("state file not updated"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), old_out);
    assert_eq!(std::fs::read(&state).unwrap(), old_state);
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
    assert_eq!(temporaries(&state), Vec::<PathBuf>::new());
}

/// A small seeded generator (xorshift64*), for reproducible kill times.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn sigkill_at_any_moment_never_tears_the_output_file() {
    let dir = temp_dir("sig-kill");
    let inputs = dir.join("in");
    std::fs::create_dir(&inputs).unwrap();
    let (a, b) = (inputs.join("a.jsonl"), inputs.join("b.jsonl"));
    write_articles_jsonl(&a, "a", 40);
    write_articles_jsonl(&b, "b", 400);
    let outputs = dir.join("out");
    std::fs::create_dir(&outputs).unwrap();
    let out = outputs.join("deals.jsonl");
    let full = |input: &Path| {
        let mut c = bin();
        c.args(["extract", "-q", "--emit", "all", "-o"])
            .arg(&out)
            .arg(input);
        let started = Instant::now();
        common::run_bounded(c, b"", DEADLINE).expect_code(0);
        (std::fs::read(&out).unwrap(), started.elapsed())
    };
    let (new, took) = full(&b);
    let (old, _) = full(&a);
    assert_ne!(old, new);
    let mut rng = Rng(0x5eed_dea1);
    let (mut saw_old, mut saw_new) = (0, 0);
    for _ in 0..6 {
        std::fs::write(&out, &old).unwrap();
        let delay = took.mul_f64(1.3 * rng.next_f64());
        let mut c = bin();
        c.args(["extract", "-q", "--emit", "all", "-o"])
            .arg(&out)
            .arg(&b);
        let child = Child::spawn(c, false);
        std::thread::sleep(delay);
        let _ = unsafe { libc::kill(child.pid(), libc::SIGKILL) };
        let _ = child.finish(DEADLINE);
        let now = std::fs::read(&out).unwrap();
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!(
                "killed after {delay:?}: the output is neither the old file nor the new one ({} bytes)",
                now.len()
            );
        }
    }
    eprintln!("SIGKILL: {saw_old} times the old file, {saw_new} times the new one");
    // Killed runs may leave temporary files; the next run to the same file
    // removes those of processes that are gone.
    let (again, _) = full(&b);
    assert_eq!(again, new);
    for t in temporaries(&out) {
        let pid = t.to_string_lossy().rsplit('-').next().unwrap().to_string();
        assert!(
            Path::new(&format!("/proc/{pid}")).exists(),
            "stale temporary file left: {}",
            t.display()
        );
    }
}

#[test]
fn stale_temporary_files_of_dead_processes_are_removed() {
    let dir = temp_dir("sig-stale");
    let out = dir.join("out.jsonl");
    let dead = dir.join(".out.jsonl.tmp-999999999");
    let alive = dir.join(format!(".out.jsonl.tmp-{}", std::process::id()));
    let other = dir.join(".other.jsonl.tmp-999999999");
    for p in [&dead, &alive, &other] {
        std::fs::write(p, "{\"torn\":").unwrap();
    }
    let mut c = bin();
    c.args(["extract", "-q", "-o"]).arg(&out);
    common::run_bounded(c, b"{\"id\":\"a\",\"text\":\"Huawei\"}\n", DEADLINE).expect_code(0);
    assert!(out.exists());
    assert!(!dead.exists(), "a dead process's temporary file is removed");
    assert!(alive.exists(), "a running process's temporary file is kept");
    assert!(other.exists(), "another file's temporary file is kept");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = temp_dir("sig-pipe");
    let input = dir.join("in.jsonl");
    write_articles_jsonl(&input, "d", 3000);
    let mut cmd = bin();
    cmd.args(["extract", "--emit", "mentions"]).arg(&input);
    let mut child = Child::spawn(cmd, true);
    let stdout = child.child.stdout.take().unwrap();
    // Like `| head -1`.
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"record\":\"mention\""), "{first}");
    let started = Instant::now();
    let run = child.finish(DEADLINE);
    run.expect_code(0);
    assert!(started.elapsed() < Duration::from_secs(60));
    let err = run.stderr_text();
    assert!(
        !err.contains("error") && !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}
