//! The batch runner: reads documents, annotates them in parallel, writes
//! records in input order.
//!
//! Three stages overlap:
//!
//! - a reader thread cuts the input into chunks of raw items (JSONL lines,
//!   file paths): it only finds newlines and lists directories, so that it
//!   never holds the workers back;
//! - a processing thread hands each chunk to the thread pool, where each
//!   worker parses its item (JSON, UTF-8, file reading), compares it with
//!   the state file and annotates it;
//! - the calling thread writes the records of one chunk, in input order,
//!   while the next chunk is being processed.
//!
//! At most three chunks are in memory (one read ahead, one being processed,
//! one being written), whatever the size of the input, and the output is
//! byte-identical for any number of threads: everything that depends on
//! order (duplicate ids, counts, the state) is decided on the writing
//! thread, in input order.
//!
//! Nothing is lost: every document read is processed (its records written),
//! skipped as unchanged (with `--state`), or failed (one error record), and
//! a document whose processing panics is caught and reported like bad input.
//! A run stopped by a signal commits nothing.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::input::{read_raw, InputError, InputOptions, RawItem};
use crate::outfile::{OutFile, WRITE_BUFFER};
use crate::output::{write_document, write_error, Emit};
use crate::pipeline::Pipeline;
use crate::state::{self, content_hash, Change, State};

/// How to run a batch.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    pub emit: Emit,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Output file (written atomically); `None` is standard output.
    pub output: Option<PathBuf>,
    /// Error records file (written atomically); `None` is standard error.
    pub errors: Option<PathBuf>,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    pub input: InputOptions,
    /// Set to a signal number (anything but 0) to stop the run: reading
    /// stops, documents in flight are dropped, nothing is committed.
    pub interrupt: Option<Arc<AtomicUsize>>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            emit: Emit::Deals,
            threads: 0,
            output: None,
            errors: None,
            progress: false,
            input: InputOptions::default(),
            interrupt: None,
        }
    }
}

/// Counts for the end-of-run summary. Always
/// `read == processed + unchanged + failed`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub read: u64,
    pub processed: u64,
    pub failed: u64,
    /// With a state file: processed documents it did not hold.
    pub new: u64,
    /// With a state file: processed documents it held with other content
    /// (or under another configuration).
    pub changed: u64,
    /// With a state file: documents skipped because it held them unchanged.
    pub unchanged: u64,
    /// Whether a state file was used.
    pub with_state: bool,
    pub mentions: u64,
    pub deals: u64,
    /// Documents passed over for holding no trigger phrase (with `--emit
    /// deals`): their mentions were not sought, nor counted.
    pub passed_over: u64,
    /// Bytes of document text (and titles) processed.
    pub bytes: u64,
    pub elapsed: Duration,
    /// The output consumer went away (a closed pipe); the run stopped early.
    pub closed_pipe: bool,
    /// The run was stopped by this signal; nothing was committed.
    pub interrupted: Option<usize>,
    /// Documents taken from the input but not finished when the run was
    /// interrupted.
    pub unfinished: u64,
}

impl Summary {
    pub fn mb_per_s(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.bytes as f64 / 1e6 / s
        } else {
            0.0
        }
    }

    /// "12 documents read, 10 processed, 2 failed", with the state counts.
    pub fn counts(&self) -> String {
        if self.with_state {
            format!(
                "{} documents read, {} processed ({} new, {} changed), {} unchanged (skipped), {} failed",
                self.read, self.processed, self.new, self.changed, self.unchanged, self.failed
            )
        } else {
            format!(
                "{} documents read, {} processed, {} failed",
                self.read, self.processed, self.failed
            )
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "dealtrace: {}; {} mentions, {} deals; {:.1} MB in {:.2} s ({:.1} MB/s)",
            self.counts(),
            self.mentions,
            self.deals,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64(),
            self.mb_per_s()
        )?;
        if self.passed_over > 0 {
            write!(
                f,
                "; no trigger phrase, not searched for mentions: {} documents",
                self.passed_over
            )?;
        }
        Ok(())
    }
}

/// Documents per chunk, and bytes of input per chunk, whichever comes first.
const CHUNK_DOCS: usize = 1024;
const CHUNK_BYTES: usize = 8 << 20;

/// How often a thread waiting for input looks at the interrupt flag.
const POLL: Duration = Duration::from_millis(50);

/// What processing one item produced.
enum Outcome {
    Done {
        id: String,
        source: String,
        hash: u128,
        change: Change,
        records: Vec<u8>,
        mentions: u64,
        deals: u64,
        passed_over: bool,
        bytes: u64,
    },
    /// Unchanged since the state file recorded it: nothing to write.
    Unchanged { id: String, source: String },
    /// `read_id` is set when the document itself was read (its id counts
    /// as seen) but processing it failed.
    Failed {
        error: InputError,
        read_id: Option<String>,
    },
    /// Not processed: the run is stopping.
    Dropped,
}

/// Why a run stops early: a signal (the number), or the writer's own
/// reason (a closed pipe, a write error).
#[derive(Clone)]
struct Stop {
    signal: Option<Arc<AtomicUsize>>,
    abort: Arc<AtomicBool>,
}

impl Stop {
    fn signal(&self) -> usize {
        self.signal
            .as_ref()
            .map_or(0, |s| s.load(Ordering::Relaxed))
    }

    fn is_set(&self) -> bool {
        self.signal() != 0 || self.abort.load(Ordering::Relaxed)
    }
}

/// What a worker needs, shared read-only.
struct Work<'a> {
    pipeline: &'a Pipeline,
    emit: Emit,
    input: &'a InputOptions,
    state: Option<&'a State>,
    stop: &'a Stop,
}

/// Runs a batch over `inputs` and writes the records.
pub fn run(pipeline: &Pipeline, inputs: Vec<String>, opts: &BatchOptions) -> Result<Summary> {
    run_with_state(pipeline, inputs, opts, None)
}

/// Runs a batch, skipping the documents that `state` holds unchanged; after
/// the output has been committed, the state is saved with this run's
/// processed documents. An interrupted or failed run saves nothing.
pub fn run_with_state(
    pipeline: &Pipeline,
    inputs: Vec<String>,
    opts: &BatchOptions,
    state: Option<State>,
) -> Result<Summary> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .thread_name(|i| format!("dealtrace-worker-{i}"))
        .build()
        .context("cannot start worker threads")?;
    let mut sink = Sink::open(opts.output.as_deref())?;
    let mut errors = Sink::open_errors(opts.errors.as_deref())?;
    let errors_in_stream = opts.emit == Emit::All;
    let progress = progress_bar(opts.progress);
    let stop = Stop {
        signal: opts.interrupt.clone(),
        abort: Arc::new(AtomicBool::new(false)),
    };

    // The reader is not a scoped thread: it may be blocked reading standard
    // input when a signal comes, and the run must not wait for it.
    let (tx, rx) = mpsc::sync_channel::<Vec<RawItem>>(0);
    let input_opts = opts.input.clone();
    let reader_stop = stop.clone();
    let reader = std::thread::Builder::new()
        .name("dealtrace-reader".into())
        .spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK_DOCS);
            let mut bytes = 0usize;
            for item in read_raw(inputs, input_opts) {
                if reader_stop.is_set() {
                    return;
                }
                bytes = bytes.saturating_add(item.size_hint());
                chunk.push(item);
                if chunk.len() >= CHUNK_DOCS || bytes >= CHUNK_BYTES {
                    if tx.send(std::mem::take(&mut chunk)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !chunk.is_empty() {
                let _ = tx.send(chunk);
            }
        })
        .context("cannot start the reader thread")?;

    let work = Work {
        pipeline,
        emit: opts.emit,
        input: &opts.input,
        state: state.as_ref(),
        stop: &stop,
    };
    let mut summary = Summary {
        with_state: state.is_some(),
        ..Summary::default()
    };
    // Ids read so far, with the source of their first occurrence.
    let mut seen = SeenIds::default();
    let mut processed_ids: Vec<(String, u128)> = Vec::new();

    let written: Result<()> = std::thread::scope(|s| {
        let (otx, orx) = mpsc::sync_channel::<Vec<Outcome>>(0);
        let (work, pool, stop) = (&work, &pool, &stop);
        s.spawn(move || loop {
            let chunk = match rx.recv_timeout(POLL) {
                Ok(c) => c,
                Err(RecvTimeoutError::Timeout) if !stop.is_set() => continue,
                Err(_) => return,
            };
            if stop.is_set() {
                return;
            }
            // Pieces of at most a few documents: rayon would otherwise cut
            // the chunk into one run per thread, and a thread whose run
            // held the long documents would finish alone while the others,
            // with nothing left to steal, waited at the end of the chunk
            // (6% of the time at 2 threads on Reuters; 2% with this).
            let outcomes: Vec<Outcome> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .with_max_len(4)
                    .map(|raw| process(work, raw))
                    .collect()
            });
            if otx.send(outcomes).is_err() {
                return;
            }
        });
        let result = (|| -> Result<()> {
            for outcomes in orx {
                let mut left = outcomes.len() as u64;
                for outcome in outcomes {
                    if stop.signal() != 0 {
                        summary.unfinished += left;
                        return Ok(());
                    }
                    left -= 1;
                    let mut failure = |e: InputError, summary: &mut Summary| -> Result<()> {
                        summary.read += 1;
                        summary.failed += 1;
                        if errors_in_stream {
                            let mut buf = Vec::new();
                            write_error(&mut buf, &e)?;
                            if !sink.write_records(&buf, summary)? {
                                return Ok(());
                            }
                        }
                        if !errors_in_stream || opts.errors.is_some() {
                            let mut buf = Vec::new();
                            write_error(&mut buf, &e)?;
                            errors
                                .write_all(&buf)
                                .context("cannot write error record")?;
                        }
                        Ok(())
                    };
                    match outcome {
                        Outcome::Dropped => summary.unfinished += 1,
                        Outcome::Failed { error, read_id } => {
                            if let Some(id) = read_id {
                                seen.first_or_insert(&id, &error.source);
                            }
                            failure(error, &mut summary)?;
                        }
                        Outcome::Unchanged { id, source } => {
                            if let Some(e) = duplicate(&mut seen, &id, &source) {
                                failure(e, &mut summary)?;
                            } else {
                                summary.read += 1;
                                summary.unchanged += 1;
                            }
                        }
                        Outcome::Done {
                            id,
                            source,
                            hash,
                            change,
                            records,
                            mentions,
                            deals,
                            passed_over,
                            bytes,
                        } => {
                            if let Some(e) = duplicate(&mut seen, &id, &source) {
                                failure(e, &mut summary)?;
                            } else {
                                summary.read += 1;
                                summary.processed += 1;
                                summary.mentions += mentions;
                                summary.deals += deals;
                                summary.passed_over += u64::from(passed_over);
                                summary.bytes += bytes;
                                match change {
                                    Change::Changed => summary.changed += 1,
                                    _ => summary.new += 1,
                                }
                                if summary.with_state {
                                    processed_ids.push((id, hash));
                                }
                                sink.write_records(&records, &mut summary)?;
                            }
                        }
                    }
                    if summary.closed_pipe {
                        return Ok(());
                    }
                }
                if let Some(p) = &progress {
                    p.set_position(summary.read);
                    p.set_message(format!("{:.1} MB", summary.bytes as f64 / 1e6));
                }
            }
            Ok(())
        })();
        // Whatever ended the loop, the other threads stop at once.
        stop.abort.store(true, Ordering::Relaxed);
        result
    });
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    summary.elapsed = started.elapsed();
    written?;
    let signal = stop.signal();
    if signal != 0 {
        // Nothing is committed: the temporary files are removed when the
        // sinks are dropped; what went to standard output stays written.
        summary.interrupted = Some(signal);
        let _ = sink.flush();
        let _ = errors.flush();
        return Ok(summary);
    }
    if summary.closed_pipe {
        let _ = errors.flush();
        return Ok(summary);
    }
    // The reader has finished: the processing thread only ends early on a
    // stop, and that was handled above.
    reader
        .join()
        .map_err(|_| anyhow::anyhow!("the input reader thread panicked"))?;
    errors.commit().context("cannot write error records")?;
    sink.commit()?;
    if let Some(state) = state {
        let path = state.path().to_path_buf();
        state.save(processed_ids).with_context(|| {
            format!(
                "the output was written, but the state file {} was not updated (the next run will process these documents again)",
                path.display()
            )
        })?;
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The ids read so far in this run, each with where it was first seen.
///
/// This is the one thing a run keeps per document, so it is kept small: a
/// 128-bit hash of the id (a collision among even a billion ids has odds
/// below 1 in 10^20), and the source as an index into the run's distinct
/// source files plus a line number: about 40 bytes a document, not the id
/// and the "FILE:LINE" strings.
#[derive(Default)]
struct SeenIds {
    first: rustc_hash::FxHashMap<u128, (u32, u64)>,
    /// Distinct sources without their ":LINE" ("FILE" of "FILE:LINE", or a
    /// text file's path), interned.
    files: Vec<String>,
    file_index: HashMap<String, u32>,
}

impl SeenIds {
    /// Where `id` was first seen, recording `source` if it is new.
    fn first_or_insert(&mut self, id: &str, source: &str) -> Option<String> {
        let key = xxhash_rust::xxh3::xxh3_128(id.as_bytes());
        if let Some(&(file, line)) = self.first.get(&key) {
            let file = &self.files[file as usize];
            return Some(if line == 0 {
                file.clone()
            } else {
                format!("{file}:{line}")
            });
        }
        // "FILE:LINE" keeps its line apart; a path without one is line 0.
        let (file, line) = match source.rsplit_once(':') {
            Some((f, l))
                if !l.is_empty()
                    && l.bytes().all(|b| b.is_ascii_digit())
                    && !l.starts_with('0') =>
            {
                (f, l.parse().unwrap_or(0))
            }
            _ => (source, 0),
        };
        let index = match self.file_index.get(file) {
            Some(&k) => k,
            None => {
                let k = self.files.len() as u32;
                self.files.push(file.to_string());
                self.file_index.insert(file.to_string(), k);
                k
            }
        };
        self.first.insert(key, (index, line));
        None
    }
}

/// The error for a document whose id was already read in this run.
fn duplicate(seen: &mut SeenIds, id: &str, source: &str) -> Option<InputError> {
    let first = seen.first_or_insert(id, source)?;
    Some(InputError {
        source: source.to_string(),
        doc_id: Some(id.to_string()),
        message: format!("duplicate id, first seen at {first}; this document was not processed"),
    })
}

/// Parses one item, compares it with the state and annotates it; a panic
/// anywhere becomes an error record for that item only.
fn process(work: &Work, raw: RawItem) -> Outcome {
    if work.stop.is_set() {
        return Outcome::Dropped;
    }
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| raw.parse(work.input)));
    let doc = match parsed {
        Ok(Ok(d)) => d,
        Ok(Err(error)) => {
            return Outcome::Failed {
                error,
                read_id: None,
            }
        }
        Err(panic) => {
            // Named only here: a parsed document carries its own source.
            return Outcome::Failed {
                error: InputError {
                    source: raw.source(),
                    doc_id: None,
                    message: format!(
                        "internal error while reading (please report): {}",
                        panic_message(&panic)
                    ),
                },
                read_id: None,
            };
        }
    };
    // The raw line is done with: freed before the document is annotated.
    drop(raw);
    let (hash, change) = match work.state {
        Some(state) => {
            let hash = content_hash(&doc);
            match state.compare(&doc.id, hash) {
                Change::Unchanged => {
                    return Outcome::Unchanged {
                        id: doc.id,
                        source: doc.source,
                    }
                }
                change => (hash, change),
            }
        }
        None => (0, Change::New),
    };
    let (source, id) = (doc.source.clone(), doc.id.clone());
    let bytes = (doc.text.len() + doc.title.as_ref().map_or(0, String::len)) as u64;
    let (pipeline, emit) = (work.pipeline, work.emit);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let a = pipeline.annotate(doc);
        // Room for the records at once, from the line lengths on Reuters
        // (a mention 160 bytes, a deal 820): grown from empty, the buffer
        // was copied into a larger one at each doubling.
        let (m, d) = (a.mentions.len(), a.deals.len());
        let guess = match emit {
            Emit::Mentions => m * 192,
            Emit::Deals => d * 1024,
            Emit::All => m * 192 + d * 1024,
            Emit::Documents => m * 192 + d * 1024 + 2 * bytes as usize,
        };
        let mut records = Vec::with_capacity(guess);
        write_document(&mut records, &a, emit, pipeline.gazetteer());
        (
            records,
            a.mentions.len() as u64,
            a.deals.len() as u64,
            a.passed_over,
        )
    }));
    match result {
        Ok((records, mentions, deals, passed_over)) => Outcome::Done {
            id,
            source,
            hash,
            change,
            records,
            mentions,
            deals,
            passed_over,
            bytes,
        },
        Err(panic) => Outcome::Failed {
            error: InputError {
                source,
                doc_id: Some(id.clone()),
                message: format!(
                    "internal error while processing (please report): {}",
                    panic_message(&panic)
                ),
            },
            read_id: Some(id),
        },
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

fn progress_bar(wanted: bool) -> Option<indicatif::ProgressBar> {
    if !wanted || !io::stderr().is_terminal() {
        return None;
    }
    let p = indicatif::ProgressBar::new_spinner();
    p.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {pos} documents, {msg}, {elapsed} ({per_sec})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    p.enable_steady_tick(Duration::from_millis(200));
    Some(p)
}

/// Where records go: standard output or standard error, or a file written
/// under a temporary name (`.NAME.tmp-PID`, in the same directory) and
/// renamed into place only when the run has finished, so a killed run never
/// leaves a file that looks complete.
pub struct Sink {
    out: Box<dyn Write>,
    /// (temporary path, final path) for file output.
    paths: Option<(PathBuf, PathBuf)>,
}

impl Sink {
    /// Standard output, or the file at `path`.
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        match path {
            None => Ok(Sink {
                out: Box::new(BufWriter::with_capacity(WRITE_BUFFER, io::stdout().lock())),
                paths: None,
            }),
            Some(p) => Sink::file(p, "output"),
        }
    }

    /// Standard error, or the file at `path`, for error records.
    pub fn open_errors(path: Option<&Path>) -> Result<Sink> {
        match path {
            None => Ok(Sink {
                out: Box::new(io::stderr()),
                paths: None,
            }),
            Some(p) => Sink::file(p, "error file"),
        }
    }

    /// A file written atomically. Temporary files that killed runs left
    /// beside it (their process is gone) are removed first.
    fn file(path: &Path, what: &str) -> Result<Sink> {
        let tmp = state::temporary_path(path)?;
        state::remove_stale_temporaries(path);
        let file = OutFile::create(&tmp).with_context(|| {
            format!(
                "cannot create {} (for {what} {})",
                tmp.display(),
                path.display()
            )
        })?;
        Ok(Sink {
            out: Box::new(file),
            paths: Some((tmp, path.to_path_buf())),
        })
    }

    /// The temporary file, while the run is going on.
    pub fn temporary_path(&self) -> Option<&Path> {
        self.paths.as_ref().map(|(t, _)| t.as_path())
    }

    /// Writes one document's records. A closed pipe is not an error: it
    /// sets `closed_pipe` and returns false.
    fn write_records(&mut self, records: &[u8], summary: &mut Summary) -> Result<bool> {
        match self.out.write_all(records) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe && self.paths.is_none() => {
                summary.closed_pipe = true;
                Ok(false)
            }
            Err(e) => Err(e).context("cannot write output"),
        }
    }

    /// Flushes and, for a file, syncs it, renames it into place and syncs
    /// its directory.
    pub fn commit(mut self) -> Result<()> {
        self.out.flush().context("cannot write output")?;
        if let Some((tmp, path)) = self.paths.take() {
            // Close the file before it is synced and renamed.
            self.out = Box::new(io::sink());
            let synced = File::open(&tmp)
                .and_then(|f| f.sync_all())
                .context("cannot sync output")
                .and_then(|()| {
                    std::fs::rename(&tmp, &path).with_context(|| {
                        format!("cannot move {} to {}", tmp.display(), path.display())
                    })
                });
            if synced.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            synced?;
            state::sync_dir(&path);
        }
        Ok(())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Drop for Sink {
    /// A run that did not commit leaves no temporary file behind.
    fn drop(&mut self) {
        if let Some((tmp, _)) = &self.paths {
            self.out = Box::new(io::sink());
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file sink's output of several of its writer's blocks arrives whole
    /// and in order under the final name, with no temporary file left.
    #[test]
    fn file_sink_keeps_every_byte_and_renames_into_place() {
        let dir = std::env::temp_dir().join(format!("dealtrace-sink-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl");
        let mut sink = Sink::open(Some(&path)).unwrap();
        let mut summary = Summary::default();
        let mut expected = Vec::new();
        // Records of uneven sizes, 20 MB in all.
        let mut i = 0u64;
        while expected.len() < 20 << 20 {
            let line = format!(
                "{{\"n\":{i},\"pad\":\"{}\"}}\n",
                "x".repeat((i % 9000) as usize)
            );
            assert!(sink.write_records(line.as_bytes(), &mut summary).unwrap());
            expected.extend_from_slice(line.as_bytes());
            i += 1;
        }
        let tmp = sink.temporary_path().unwrap().to_path_buf();
        sink.commit().unwrap();
        assert!(std::fs::read(&path).unwrap() == expected);
        assert!(!tmp.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
