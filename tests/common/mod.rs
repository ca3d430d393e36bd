//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared folder (`../shared`), when `DEALTRACE_SHARED` names it.
/// Tests that need it are skipped when the variable is unset (a user's
/// machine), and fail loudly when it is set but the folder is missing (CI).
pub fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("DEALTRACE_SHARED")?);
    assert!(
        dir.is_dir(),
        "DEALTRACE_SHARED={} is not a directory",
        dir.display()
    );
    Some(dir)
}

/// Slices `text` by code point offsets, as Python's `text[start:end]`.
pub fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The `dealtrace` binary built for these tests.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_dealtrace"))
}

/// A fresh, empty temporary directory for one test, removed when the test
/// ends, and kept when it fails, so that what it holds can be looked at.
pub fn temp_dir(name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("dealtrace-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

/// See [`temp_dir`].
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::path::Path> for TempDir {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// The bundled sample articles.
pub fn corpus() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles")
}

/// The bundled sample articles' texts, sorted by file name.
pub fn corpus_texts() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Writes a JSONL file of `n` documents (`{prefix}{k}`) cycling through the
/// sample articles.
pub fn write_articles_jsonl(path: &std::path::Path, prefix: &str, n: usize) {
    use std::io::Write;
    let texts = corpus_texts();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for k in 0..n {
        let line =
            serde_json::json!({"id": format!("{prefix}{k}"), "text": texts[k % texts.len()]});
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
}

/// What a finished child process did.
#[derive(Debug)]
pub struct Run {
    /// Exit code, when it exited.
    pub code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Peak resident memory (from `wait4`), in megabytes.
    pub max_rss_mb: f64,
}

impl Run {
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Panics, with what the child said, unless it exited with `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "exit {:?} (signal {:?}); stderr:\n{}",
            self.code,
            self.signal,
            tail(&self.stderr_text())
        );
        self
    }
}

fn tail(s: &str) -> &str {
    let mut start = s.len().saturating_sub(4000);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// A child process started with piped standard streams, to be waited for
/// with a deadline ([`Child::finish`]).
pub struct Child {
    pub child: std::process::Child,
    out: Option<std::thread::JoinHandle<Vec<u8>>>,
    err: Option<std::thread::JoinHandle<Vec<u8>>>,
    pub stdin: Option<std::process::ChildStdin>,
}

fn drain<R: std::io::Read + Send + 'static>(mut r: R) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = r.read_to_end(&mut v);
        v
    })
}

impl Child {
    /// Starts `cmd` with standard input piped (see [`Child::stdin`]);
    /// standard output and error are collected unless `keep_stdout`, which
    /// leaves the child's stdout pipe in `child.stdout` for the caller.
    pub fn spawn(mut cmd: std::process::Command, keep_stdout: bool) -> Child {
        use std::process::Stdio;
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dealtrace");
        let out = if keep_stdout {
            None
        } else {
            child.stdout.take().map(drain)
        };
        let err = child.stderr.take().map(drain);
        let stdin = child.stdin.take();
        Child {
            child,
            out,
            err,
            stdin,
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Sends a signal to the child.
    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child's pid.
        let r = unsafe { libc::kill(self.pid(), sig) };
        assert_eq!(r, 0, "kill({}, {sig})", self.pid());
    }

    /// Waits for the child to end; kills it and panics ("hang") when it
    /// takes longer than `deadline`.
    pub fn finish(mut self, deadline: std::time::Duration) -> Run {
        drop(self.stdin.take());
        let started = std::time::Instant::now();
        let pid = self.pid();
        let (status, usage) = loop {
            let mut status = 0;
            // SAFETY: plain wait4(2) on our own child, with valid pointers.
            let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
            let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
            if r == pid {
                break (status, usage);
            }
            assert!(r == 0, "wait4 failed");
            if started.elapsed() > deadline {
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                    libc::wait4(pid, &mut status, 0, &mut usage);
                }
                let err = self
                    .err
                    .take()
                    .map(|h| h.join().unwrap())
                    .unwrap_or_default();
                panic!(
                    "dealtrace did not finish within {deadline:?} (a hang?); stderr:\n{}",
                    tail(&String::from_utf8_lossy(&err))
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        let stdout = self
            .out
            .take()
            .map(|h| h.join().unwrap())
            .unwrap_or_default();
        let stderr = self
            .err
            .take()
            .map(|h| h.join().unwrap())
            .unwrap_or_default();
        let exited = libc::WIFEXITED(status);
        Run {
            code: exited.then(|| libc::WEXITSTATUS(status)),
            signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
            stdout,
            stderr,
            // ru_maxrss is in kilobytes on Linux.
            max_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        }
    }
}

/// Runs `cmd` to the end with `stdin` as its standard input, within
/// `deadline` (a hang fails the test).
pub fn run_bounded(cmd: std::process::Command, stdin: &[u8], deadline: std::time::Duration) -> Run {
    use std::io::Write;
    let mut child = Child::spawn(cmd, false);
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let run = child.finish(deadline);
    let _ = feeder.join();
    run
}

/// The counts of a summary line ("N documents read, P processed, F failed",
/// or with a state file "N documents read, P processed (a new, b changed),
/// U unchanged (skipped), F failed").
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub read: u64,
    pub processed: u64,
    pub failed: u64,
    pub new: u64,
    pub changed: u64,
    pub unchanged: u64,
}

/// Finds the summary line in standard error and reads its counts.
pub fn summary_counts(stderr: &str) -> Counts {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("dealtrace: ") && l.contains(" documents read"))
        .unwrap_or_else(|| panic!("no summary line in:\n{}", tail(stderr)));
    let number_before = |word: &str| -> u64 {
        let Some(k) = line.find(word) else { return 0 };
        line[..k]
            .trim_end()
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    Counts {
        read: number_before(" documents read"),
        processed: number_before(" processed"),
        failed: number_before(" failed"),
        new: number_before(" new"),
        changed: number_before(" changed"),
        unchanged: number_before(" unchanged"),
    }
}

/// Parses JSON Lines.
pub fn json_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(bytes.to_vec())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The error records among standard error's lines.
pub fn error_records(stderr: &str) -> Vec<serde_json::Value> {
    stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}
