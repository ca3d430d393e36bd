//! The `dealtrace` command line: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use dealtrace::batch::{self, BatchOptions};
use dealtrace::gazetteer::{self, Gazetteer};
use dealtrace::input::{read_inputs, InputOptions};
use dealtrace::output::Emit;
use dealtrace::pipeline::Pipeline;
use dealtrace::state::{self, Fingerprint, State};

#[derive(Parser)]
#[command(
    name = "dealtrace",
    version,
    about = "Extract deal records (who bought, sold, lent or granted what to whom, for how much, when) from news articles."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate documents and write records as JSON Lines.
    Extract(ExtractArgs),
    /// Explain, sentence by sentence, what the rules made of one document.
    Explain(ExplainArgs),
    /// Work with gazetteer lists.
    Gazetteer {
        #[command(subcommand)]
        command: GazetteerCommand,
    },
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Validate lists without running a batch: counts per label, malformed
    /// lines, and names that two entities share.
    Check {
        /// List files or directories of lists.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct ExplainArgs {
    /// A text file, or a JSONL file (the first document, or the one --id names).
    file: String,
    /// The id of the document to explain, in a JSONL file.
    #[arg(long)]
    id: Option<String>,
    /// Add a gazetteer list (a TSV file or a directory of them). Repeatable.
    #[arg(short, long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
}

#[derive(Args)]
struct ExtractArgs {
    /// Files or directories to read; `-` or nothing reads JSONL from stdin.
    inputs: Vec<String>,
    /// Write records to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Which records to write.
    #[arg(long, value_enum, default_value = "deals")]
    emit: Emit,
    /// Add a gazetteer list (a TSV file or a directory of them). Repeatable.
    #[arg(short, long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Use only the lists given with --gazetteer, not the bundled ones.
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Write error records to FILE instead of stderr.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// With `--emit deals`, search every document for mentions. By default
    /// a document whose text holds no trigger phrase (and so no deal) is
    /// passed over after the phrase scan; the deals are the same either way,
    /// only the time and the summary's mention count differ.
    #[arg(long)]
    search_all: bool,
    /// No summary and no progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// JSON field holding the document id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// JSON field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// JSON field holding the title.
    #[arg(long, default_value = "title", value_name = "NAME")]
    title_field: String,
    /// JSON field holding the document date (YYYY-MM-DD).
    #[arg(long, default_value = "date", value_name = "NAME")]
    date_field: String,
    /// Documents larger than this many bytes are reported, not processed.
    #[arg(long, default_value_t = 16 << 20, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// Remember processed documents in FILE; skip those already processed
    /// unchanged (a daily batch processes only new and changed articles).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
}

/// mimalloc: a third of the pipeline's allocations are small and short-lived
/// (a mention, a word list, a sentence's candidates), which it serves faster
/// than the system allocator, and it keeps threads off each other's locks.
///
/// Built without transparent huge pages (the `no_thp` feature): with them,
/// the first touch of each fresh 2 MB of the heap had the kernel zero all of
/// it, and a run on the Reuters corpus spent 8-12% of its time there
/// (`clear_page_erms`) on a heap that then held 64 MB; with 4 KB pages it
/// holds 26 MB and the one-thread run is about 10% faster. Building the 1 M
/// name automaton takes as long either way.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Explain(args) => explain(args),
        Command::Gazetteer {
            command: GazetteerCommand::Check { paths },
        } => check(&paths),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dealtrace: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn load_gazetteer(extra: &[PathBuf], no_default: bool) -> Result<Gazetteer> {
    let mut g = if no_default {
        if extra.is_empty() {
            anyhow::bail!("--no-default-gazetteers needs at least one --gazetteer PATH");
        }
        Gazetteer::new()
    } else {
        Gazetteer::bundled()
    };
    for path in extra {
        g.add_path(path)
            .context("bad gazetteer (run `dealtrace gazetteer check PATH` for every problem)")?;
    }
    Ok(g)
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let interrupt = install_signal_handlers()?;
    let gazetteer = load_gazetteer(&args.gazetteers, args.no_default_gazetteers)?;
    let state = match &args.state {
        Some(path) => Some(open_state(path, &args)?),
        None => None,
    };
    let mut pipeline = Pipeline::new(gazetteer);
    pipeline.find_deals = matches!(args.emit, Emit::Deals | Emit::Documents | Emit::All);
    pipeline.deals_only = args.emit == Emit::Deals && !args.search_all;
    let output = args.output.clone();
    let errors = args.errors.clone();
    let opts = BatchOptions {
        emit: args.emit,
        threads: args.threads.unwrap_or(0),
        output: args.output,
        errors: args.errors,
        progress: !args.quiet,
        input: InputOptions {
            id_field: args.id_field,
            text_field: args.text_field,
            title_field: args.title_field,
            date_field: args.date_field,
            max_doc_bytes: args.max_doc_bytes,
        },
        interrupt: Some(interrupt),
    };
    let with_state = state.is_some();
    let summary = batch::run_with_state(&pipeline, args.inputs, &opts, state)?;
    // The process ends here: freeing a million-name gazetteer name by name
    // would take longer than the search of a small batch.
    std::mem::forget(pipeline);
    if let Some(signal) = summary.interrupted {
        // Said even with --quiet: the run did not do what was asked.
        let name = if signal == 2 { "SIGINT" } else { "SIGTERM" };
        let mut left = match &output {
            Some(p) => format!("{} left unchanged", p.display()),
            None => "the records of the processed documents were written to standard output".into(),
        };
        if let Some(p) = &errors {
            left.push_str(&format!(", {} left unchanged", p.display()));
        }
        if with_state {
            left.push_str(", state file not updated");
        }
        eprintln!(
            "dealtrace: interrupted ({name}) after {}; {} more documents read were dropped unfinished; {left}",
            summary.counts(),
            summary.unfinished
        );
        return Ok(ExitCode::from(128 + signal as u8));
    }
    if !args.quiet && !summary.closed_pipe {
        eprintln!("{summary}");
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// SIGINT and SIGTERM set the returned flag to the signal's number, which
/// stops the batch cleanly; a second one exits at once (128 + the number).
fn install_signal_handlers() -> Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    let which = Arc::new(AtomicUsize::new(0));
    let armed = Arc::new(AtomicBool::new(false));
    for sig in [SIGINT, SIGTERM] {
        // Registered first, so it sees `armed` as the previous signal left it.
        flag::register_conditional_shutdown(sig, 128 + sig, armed.clone())
            .and_then(|_| flag::register(sig, armed.clone()))
            .and_then(|_| flag::register_usize(sig, which.clone(), sig as usize))
            .context("cannot install signal handlers")?;
    }
    Ok(which)
}

/// Opens the state file for this run's configuration, and says when that
/// configuration differs from the one the state was written with.
fn open_state(path: &Path, args: &ExtractArgs) -> Result<State> {
    state::check_writable(path)?;
    let mut lists: Vec<(String, String)> = Vec::new();
    if !args.no_default_gazetteers {
        for (name, content) in gazetteer::BUNDLED {
            lists.push((name.to_string(), content.to_string()));
        }
    }
    for p in &args.gazetteers {
        for file in gazetteer::list_files(p)? {
            let content = gazetteer::read_list(&file)?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            lists.push((name.unwrap_or_default(), content));
        }
    }
    let emit = format!("{:?}", args.emit).to_lowercase();
    let fingerprint = Fingerprint::new(&emit, lists.iter().map(|(n, c)| (n.as_str(), c.as_str())));
    let state = State::load(path, fingerprint)?;
    if state.config_changed() {
        eprintln!(
            "dealtrace: state file {} was written with another configuration ({}): every document it lists counts as changed, and it is rebuilt from this run",
            path.display(),
            state.differences.join(", ")
        );
    }
    Ok(state)
}

fn explain(args: ExplainArgs) -> Result<ExitCode> {
    let pipeline = Pipeline::new(load_gazetteer(&args.gazetteers, false)?);
    let mut found = None;
    for item in read_inputs(vec![args.file.clone()], InputOptions::default()) {
        match item {
            Ok(doc) if args.id.as_deref().is_none_or(|id| id == doc.id) => {
                found = Some(doc);
                break;
            }
            Ok(_) => {}
            Err(e) if args.id.is_none() => anyhow::bail!("{}: {}", e.source, e.message),
            Err(_) => {}
        }
    }
    let doc = found.with_context(|| match &args.id {
        Some(id) => format!("no document with id {id:?} in {}", args.file),
        None => format!("no document in {}", args.file),
    })?;
    print!("{}", dealtrace::explain::explain(&pipeline, doc));
    Ok(ExitCode::SUCCESS)
}

fn check(paths: &[PathBuf]) -> Result<ExitCode> {
    let report = gazetteer::check(paths);
    println!("{} list file(s)", report.files);
    println!("{:<16} {:>10} {:>10}", "label", "entities", "names");
    for (label, n) in &report.entities_per_label {
        let names = report
            .names_per_label
            .iter()
            .find(|(l, _)| l == label)
            .map_or(0, |x| x.1);
        println!("{label:<16} {n:>10} {names:>10}");
    }
    println!("\n{} malformed line(s)", report.errors.len());
    for e in &report.errors {
        println!("  {e}");
    }
    println!(
        "\n{} name(s) shared by two or more entities",
        report.shared_names.len()
    );
    for (name, ids) in report.shared_names.iter().take(200) {
        println!("  {name:?}: {}", ids.join(", "));
    }
    if report.shared_names.len() > 200 {
        println!("  ... and {} more", report.shared_names.len() - 200);
    }
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
