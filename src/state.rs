//! The state file (`--state FILE`): which documents earlier runs processed,
//! so a daily batch processes only new and changed articles.
//!
//! The file is JSON Lines. The first line is a header with the
//! configuration's fingerprint; every other line is one processed document:
//!
//! ```text
//! {"dealtrace_state":1,"version":"0.1.0","emit":"deals","gazetteers":"5f0c…","fingerprint":"a41e…"}
//! {"id":"reuters-1","hash":"0b6f1d7c2a9e44d1b7e3c1f0a9d2e6b4"}
//! ```
//!
//! `hash` is the 128-bit XXH3 hash of the document's content (text, title
//! and date: everything of a document that can change its records, the id
//! being the key). `fingerprint` hashes what else changes the records: the
//! dealtrace version, the `--emit` mode and the content of every gazetteer
//! list in use. When it differs from this run's, every document counts as
//! changed and the state is rebuilt from this run.
//!
//! The file is replaced atomically (temporary file, fsync, rename, fsync of
//! the directory), and only after the run's output has been committed.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::input::Document;

/// The state file format's version.
const FORMAT: u32 = 1;

/// What, besides a document's content, changes its records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The dealtrace version.
    pub version: String,
    /// The `--emit` mode.
    pub emit: String,
    /// XXH3-128 of the gazetteer lists in use (names and contents), in hex.
    pub gazetteers: String,
}

impl Fingerprint {
    /// The fingerprint of this dealtrace build, `emit` mode and gazetteer
    /// lists (each a file name and its content, in load order).
    pub fn new<'a>(emit: &str, lists: impl IntoIterator<Item = (&'a str, &'a str)>) -> Fingerprint {
        let mut h = Xxh3::new();
        for (name, content) in lists {
            put(&mut h, name.as_bytes());
            put(&mut h, content.as_bytes());
        }
        Fingerprint {
            version: env!("CARGO_PKG_VERSION").to_string(),
            emit: emit.to_string(),
            gazetteers: hex(h.digest128()),
        }
    }

    /// One hash of every field.
    pub fn digest(&self) -> String {
        let mut h = Xxh3::new();
        put(&mut h, self.version.as_bytes());
        put(&mut h, self.emit.as_bytes());
        put(&mut h, self.gazetteers.as_bytes());
        hex(h.digest128())
    }

    /// What differs between two fingerprints, in words.
    pub fn differences(&self, other: &Fingerprint) -> Vec<String> {
        let mut d = Vec::new();
        if self.version != other.version {
            d.push(format!(
                "dealtrace version {} → {}",
                self.version, other.version
            ));
        }
        if self.emit != other.emit {
            d.push(format!("--emit {} → {}", self.emit, other.emit));
        }
        if self.gazetteers != other.gazetteers {
            d.push("gazetteer lists".to_string());
        }
        d
    }
}

/// Length-prefixed, so that ("ab", "c") and ("a", "bc") hash apart.
fn put(h: &mut Xxh3, bytes: &[u8]) {
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

fn hex(v: u128) -> String {
    format!("{v:032x}")
}

/// The 128-bit content hash of a document: its text, title and date.
pub fn content_hash(doc: &Document) -> u128 {
    let mut h = Xxh3::new();
    put(&mut h, doc.text.as_bytes());
    match &doc.title {
        Some(t) => {
            h.update(&[1]);
            put(&mut h, t.as_bytes());
        }
        None => h.update(&[0]),
    }
    match doc.date {
        Some(d) => {
            h.update(&[1]);
            h.update(&d.year.to_le_bytes());
            h.update(&d.month.to_le_bytes());
            h.update(&d.day.to_le_bytes());
        }
        None => h.update(&[0]),
    }
    h.digest128()
}

#[derive(Serialize, Deserialize)]
struct Header {
    dealtrace_state: u32,
    #[serde(flatten)]
    config: Fingerprint,
    /// The digest of the fields above.
    fingerprint: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    hash: String,
}

/// How a document compares with the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Not in the state: never processed.
    New,
    /// In the state with another hash (or under another configuration).
    Changed,
    /// In the state with the same hash and configuration: skipped.
    Unchanged,
}

/// A state file opened for a run: the documents processed before, and this
/// run's fingerprint.
#[derive(Debug)]
pub struct State {
    path: PathBuf,
    entries: HashMap<String, u128>,
    /// The state was written under another configuration (or is new).
    config_changed: bool,
    /// What differs, when the configuration changed.
    pub differences: Vec<String>,
    fingerprint: Fingerprint,
    /// The file did not exist.
    pub created: bool,
}

impl State {
    /// Reads the state file at `path` (a missing or empty file is an empty
    /// state). A malformed file is an error naming its line.
    pub fn load(path: &Path, fingerprint: Fingerprint) -> Result<State> {
        let mut state = State {
            path: path.to_path_buf(),
            entries: HashMap::new(),
            config_changed: false,
            differences: Vec::new(),
            fingerprint,
            created: false,
        };
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                state.created = true;
                return Ok(state);
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read state file {}", path.display()))
            }
        };
        let bad = |line: usize, what: String| {
            anyhow::anyhow!(
                "bad state file {}:{line}: {what} (restore it from a backup, or delete it to process every document again)",
                path.display()
            )
        };
        let mut header: Option<Header> = None;
        for (k, line) in BufReader::new(file).split(b'\n').enumerate() {
            let n = k + 1;
            let line =
                line.with_context(|| format!("cannot read state file {}", path.display()))?;
            if line.is_empty() {
                continue;
            }
            if header.is_none() {
                let h: Header = serde_json::from_slice(&line)
                    .map_err(|e| bad(n, format!("not a dealtrace state header: {e}")))?;
                if h.dealtrace_state != FORMAT {
                    return Err(bad(
                        n,
                        format!(
                            "state format {} is not supported (this dealtrace reads format {FORMAT})",
                            h.dealtrace_state
                        ),
                    ));
                }
                if h.fingerprint != h.config.digest() {
                    return Err(bad(
                        n,
                        "the header's fingerprint does not match its fields".into(),
                    ));
                }
                header = Some(h);
                continue;
            }
            let e: Entry = serde_json::from_slice(&line)
                .map_err(|e| bad(n, format!("not a state entry {{\"id\":…,\"hash\":…}}: {e}")))?;
            let hash = parse_hash(&e.hash)
                .ok_or_else(|| bad(n, format!("hash {:?} is not 32 hex digits", e.hash)))?;
            if state.entries.insert(e.id.clone(), hash).is_some() {
                return Err(bad(n, format!("id {:?} is listed twice", e.id)));
            }
        }
        match header {
            None => state.created = true,
            Some(h) if h.config != state.fingerprint => {
                state.differences = h.config.differences(&state.fingerprint);
                state.config_changed = true;
            }
            Some(_) => {}
        }
        Ok(state)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Documents recorded in the state.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the state was written under another configuration, so every
    /// document counts as changed.
    pub fn config_changed(&self) -> bool {
        self.config_changed
    }

    /// How the document with this id and content hash compares.
    pub fn compare(&self, id: &str, hash: u128) -> Change {
        match self.entries.get(id) {
            None => Change::New,
            Some(&h) if h == hash && !self.config_changed => Change::Unchanged,
            Some(_) => Change::Changed,
        }
    }

    /// Writes the state after a run: the earlier entries (none when the
    /// configuration changed) updated with this run's processed documents,
    /// sorted by id. Atomic: a temporary file in the same directory is
    /// synced and renamed over the state file.
    pub fn save(mut self, processed: Vec<(String, u128)>) -> Result<()> {
        if self.config_changed {
            self.entries.clear();
        }
        self.entries.extend(processed);
        let mut entries: Vec<(&String, &u128)> = self.entries.iter().collect();
        entries.sort_unstable();
        let header = Header {
            dealtrace_state: FORMAT,
            fingerprint: self.fingerprint.digest(),
            config: self.fingerprint.clone(),
        };
        let path = &self.path;
        let tmp = temporary_path(path)?;
        remove_stale_temporaries(path);
        let write = || -> std::io::Result<()> {
            let mut out = BufWriter::with_capacity(1 << 16, File::create(&tmp)?);
            serde_json::to_writer(&mut out, &header)?;
            out.write_all(b"\n")?;
            for (id, hash) in entries {
                serde_json::to_writer(
                    &mut out,
                    &Entry {
                        id: id.clone(),
                        hash: hex(*hash),
                    },
                )?;
                out.write_all(b"\n")?;
            }
            let file = out.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()
        };
        if let Err(e) = write() {
            let _ = std::fs::remove_file(&tmp);
            return Err(e).with_context(|| format!("cannot write state file {}", tmp.display()));
        }
        if let Err(e) = std::fs::rename(&tmp, path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e)
                .with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()));
        }
        sync_dir(path);
        Ok(())
    }
}

fn parse_hash(s: &str) -> Option<u128> {
    (s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u128::from_str_radix(s, 16).ok())
        .flatten()
}

/// The temporary name a file is written under before it is renamed over
/// `path`: `.NAME.tmp-PID` in the same directory.
pub fn temporary_path(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .with_context(|| format!("{} names no file", path.display()))?
        .to_string_lossy();
    Ok(parent_dir(path).join(format!(".{name}.tmp-{}", std::process::id())))
}

fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Syncs the directory holding `path`, so that a rename into it survives a
/// crash. Best effort: some systems cannot sync a directory.
pub fn sync_dir(path: &Path) {
    if let Ok(d) = File::open(parent_dir(path)) {
        let _ = d.sync_all();
    }
}

/// Removes the temporary files (`.NAME.tmp-PID`) that runs killed before
/// they could clean up left beside `path`: those whose process is no longer
/// running. On systems without `/proc` nothing is removed.
pub fn remove_stale_temporaries(path: &Path) {
    let Some(name) = path.file_name() else {
        return;
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    let proc = Path::new("/proc/self");
    if !proc.exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let Some(pid) = file.strip_prefix(&prefix) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Checks, before a run, that the state file's directory takes a new file,
/// so a run does not fail at its very end.
pub fn check_writable(path: &Path) -> Result<()> {
    let tmp = temporary_path(path)?;
    File::create(&tmp).with_context(|| {
        format!(
            "cannot create {} (for state file {})",
            tmp.display(),
            path.display()
        )
    })?;
    let _ = std::fs::remove_file(&tmp);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(emit: &str) -> Fingerprint {
        Fingerprint::new(emit, [("a.tsv", "id\tlabel\tname\n")])
    }

    /// A fresh directory, removed when the test passes.
    struct Dir(PathBuf);

    impl std::ops::Deref for Dir {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            if !std::thread::panicking() {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    fn dir(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("dealtrace-state-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }

    #[test]
    fn content_hash_sees_text_title_and_date() {
        let a = Document::new("x", "Huawei");
        let mut b = a.clone();
        b.title = Some(String::new());
        let mut c = a.clone();
        c.date = crate::input::DocDate::parse("2019-01-02");
        let mut d = a.clone();
        d.id = "y".into();
        d.source = "elsewhere".into();
        assert_ne!(content_hash(&a), content_hash(&b));
        assert_ne!(content_hash(&a), content_hash(&c));
        assert_eq!(content_hash(&a), content_hash(&d));
    }

    #[test]
    fn save_then_load_round_trips() {
        let d = dir("rt");
        let p = d.join("state.jsonl");
        let s = State::load(&p, fp("deals")).unwrap();
        assert!(s.created);
        s.save(vec![("b\n\"x".into(), 7), ("a".into(), u128::MAX)])
            .unwrap();
        let s = State::load(&p, fp("deals")).unwrap();
        assert!(!s.config_changed());
        assert_eq!(s.compare("a", u128::MAX), Change::Unchanged);
        assert_eq!(s.compare("b\n\"x", 8), Change::Changed);
        assert_eq!(s.compare("c", 7), Change::New);
        let s = State::load(&p, fp("mentions")).unwrap();
        assert!(s.config_changed());
        assert_eq!(s.differences, vec!["--emit deals → mentions"]);
        assert_eq!(s.compare("a", u128::MAX), Change::Changed);
    }

    #[test]
    fn bad_files_name_their_line() {
        let d = dir("bad");
        let p = d.join("s.jsonl");
        State::load(&p, fp("deals")).unwrap().save(vec![]).unwrap();
        let header = std::fs::read_to_string(&p).unwrap();
        for (body, want) in [
            ("garbage\n".to_string(), ":1: not a dealtrace state header"),
            (format!("{header}{{\"id\":\"a\",\"hash\":\"xyz\"}}\n"), ":2: hash"),
            (format!("{header}{{\"id\":\"a\"}}\n"), ":2: not a state entry"),
            (
                format!("{header}{{\"id\":\"a\",\"hash\":\"{0}\"}}\n{{\"id\":\"a\",\"hash\":\"{0}\"}}\n", "0".repeat(32)),
                ":3: id \"a\" is listed twice",
            ),
        ] {
            std::fs::write(&p, body).unwrap();
            let e = State::load(&p, fp("deals")).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
            assert!(e.contains("s.jsonl"), "{e}");
        }
    }
}
