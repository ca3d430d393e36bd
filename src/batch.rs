//! The batch runner: reads documents, annotates them in parallel, writes
//! records in input order.
//!
//! A reader thread cuts the input stream into chunks; each chunk is
//! annotated by the thread pool, and its records are written in input order
//! before the next chunk is taken. Memory is bounded by two chunks in
//! flight, whatever the size of the input, and the output is byte-identical
//! for any number of threads.
//!
//! Nothing is lost: every document read is either processed (its records
//! written) or failed (one error record), and a document whose processing
//! panics is caught and reported like bad input.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::input::{read_inputs, InputError, InputOptions, Item};
use crate::output::{write_document, write_error, Emit};
use crate::pipeline::Pipeline;

/// How to run a batch.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    pub emit: Emit,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Output file (written atomically); `None` is standard output.
    pub output: Option<PathBuf>,
    /// Error records file; `None` is standard error.
    pub errors: Option<PathBuf>,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    pub input: InputOptions,
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
        }
    }
}

/// Counts for the end-of-run summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub read: u64,
    pub processed: u64,
    pub failed: u64,
    pub mentions: u64,
    pub deals: u64,
    /// Bytes of document text (and titles) processed.
    pub bytes: u64,
    pub elapsed: Duration,
    /// The output consumer went away (a closed pipe); the run stopped early.
    pub closed_pipe: bool,
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
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "dealtrace: {} documents read, {} processed, {} failed; {} mentions, {} deals; {:.1} MB in {:.2} s ({:.1} MB/s)",
            self.read,
            self.processed,
            self.failed,
            self.mentions,
            self.deals,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64(),
            self.mb_per_s()
        )
    }
}

/// Documents per chunk, and bytes of text per chunk, whichever comes first.
const CHUNK_DOCS: usize = 1024;
const CHUNK_BYTES: usize = 8 << 20;

/// What processing one item produced.
enum Outcome {
    Done {
        records: Vec<u8>,
        mentions: u64,
        deals: u64,
        bytes: u64,
    },
    Failed(InputError),
}

/// Runs a batch over `inputs` and writes the records.
pub fn run(pipeline: &Pipeline, inputs: Vec<String>, opts: &BatchOptions) -> Result<Summary> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .context("cannot start worker threads")?;
    let mut sink = Sink::open(opts.output.as_deref())?;
    let mut errors: Box<dyn Write> = match &opts.errors {
        Some(p) => {
            Box::new(BufWriter::new(File::create(p).with_context(|| {
                format!("cannot create error file {}", p.display())
            })?))
        }
        None => Box::new(io::stderr()),
    };
    let errors_in_stream = opts.emit == Emit::All;
    let progress = progress_bar(opts.progress);

    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(2);
    let input_opts = opts.input.clone();
    let reader = std::thread::spawn(move || {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        for item in read_inputs(inputs, input_opts) {
            bytes += item.as_ref().map_or(0, |d| d.text.len());
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
    });

    let emit = opts.emit;
    let mut summary = Summary::default();
    'chunks: for chunk in rx {
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|item| process(pipeline, item, emit))
                .collect()
        });
        for outcome in outcomes {
            summary.read += 1;
            match outcome {
                Outcome::Done {
                    records,
                    mentions,
                    deals,
                    bytes,
                } => {
                    summary.processed += 1;
                    summary.mentions += mentions;
                    summary.deals += deals;
                    summary.bytes += bytes;
                    if let Err(e) = sink.write_all(&records) {
                        if e.kind() == io::ErrorKind::BrokenPipe {
                            summary.closed_pipe = true;
                            break 'chunks;
                        }
                        return Err(e).context("cannot write output");
                    }
                }
                Outcome::Failed(e) => {
                    summary.failed += 1;
                    if errors_in_stream {
                        let mut buf = Vec::new();
                        write_error(&mut buf, &e)?;
                        sink.write_all(&buf).context("cannot write output")?;
                    }
                    if !errors_in_stream || opts.errors.is_some() {
                        write_error(&mut errors, &e).context("cannot write error record")?;
                    }
                }
            }
        }
        if let Some(p) = &progress {
            p.set_position(summary.read);
            p.set_message(format!("{:.1} MB", summary.bytes as f64 / 1e6));
        }
    }
    if summary.closed_pipe {
        // Dropping the receiver stops the reader at its next send.
        drop(reader);
    } else {
        reader
            .join()
            .map_err(|_| anyhow::anyhow!("the input reader thread panicked"))?;
    }
    errors.flush().context("cannot write error records")?;
    if !summary.closed_pipe {
        sink.commit()?;
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Annotates one document and serializes its records; a panic inside the
/// pipeline becomes an error record for that document only.
fn process(pipeline: &Pipeline, item: Item, emit: Emit) -> Outcome {
    let doc = match item {
        Ok(d) => d,
        Err(e) => return Outcome::Failed(e),
    };
    let (source, id) = (doc.source.clone(), doc.id.clone());
    let bytes = (doc.text.len() + doc.title.as_ref().map_or(0, String::len)) as u64;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let a = pipeline.annotate(doc);
        let mut records = Vec::new();
        write_document(&mut records, &a, emit, pipeline.gazetteer());
        (records, a.mentions.len() as u64, a.deals.len() as u64)
    }));
    match result {
        Ok((records, mentions, deals)) => Outcome::Done {
            records,
            mentions,
            deals,
            bytes,
        },
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Outcome::Failed(InputError {
                source,
                doc_id: Some(id),
                message: format!("internal error while processing (please report): {what}"),
            })
        }
    }
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

/// Where records go: standard output, or a file written under a temporary
/// name and renamed into place only when the run has finished, so a killed
/// run never leaves a file that looks complete.
pub struct Sink {
    out: Box<dyn Write>,
    /// (temporary path, final path) for file output.
    paths: Option<(PathBuf, PathBuf)>,
}

impl Sink {
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink {
                out: Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
                paths: None,
            });
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .context("the output path names no file")?
            .to_string_lossy();
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&tmp).with_context(|| {
            format!(
                "cannot create {} (for output {})",
                tmp.display(),
                path.display()
            )
        })?;
        Ok(Sink {
            out: Box::new(BufWriter::with_capacity(1 << 16, file)),
            paths: Some((tmp, path.to_path_buf())),
        })
    }

    /// The temporary file, while the run is going on.
    pub fn temporary_path(&self) -> Option<&Path> {
        self.paths.as_ref().map(|(t, _)| t.as_path())
    }

    /// Flushes and, for a file, syncs it and renames it into place.
    pub fn commit(mut self) -> Result<()> {
        self.out.flush().context("cannot write output")?;
        if let Some((tmp, path)) = self.paths.take() {
            // Close the file before it is synced and renamed.
            self.out = Box::new(io::sink());
            File::open(&tmp)
                .and_then(|f| f.sync_all())
                .context("cannot sync output")?;
            std::fs::rename(&tmp, &path)
                .with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))?;
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
            let _ = std::fs::remove_file(tmp);
        }
    }
}
