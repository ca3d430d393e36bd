//! Input: turns files, directories and standard input into a stream of
//! [`Document`]s, or of [`InputError`]s for what cannot be read.
//!
//! Nothing is loaded whole: JSONL is read a line at a time with a cap on the
//! line length, so a 100 MB line or an endless stream keeps memory bounded.
//! Every item carries a `source` ("FILE:LINE", or a path) so an error record
//! can say exactly where the bad input is.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

/// One article to process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    /// The document's own date, used to resolve "last year" and the like.
    pub date: Option<DocDate>,
    /// Where it came from: "FILE:LINE" for JSONL, the path for a text file.
    pub source: String,
}

impl Document {
    /// A document from a string, for library callers and tests.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            title: None,
            date: None,
            source: String::new(),
        }
    }
}

/// A calendar date given with a document (`"date": "YYYY-MM-DD"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl DocDate {
    /// Parses `YYYY-MM-DD`, optionally followed by a time (`T...` or ` ...`).
    pub fn parse(s: &str) -> Option<DocDate> {
        let b = s.as_bytes();
        if b.len() < 10
            || b[4] != b'-'
            || b[7] != b'-'
            || (b.len() > 10 && !matches!(b[10], b'T' | b' '))
        {
            return None;
        }
        let year: i32 = s.get(0..4)?.parse().ok()?;
        let month: u32 = s.get(5..7)?.parse().ok()?;
        let day: u32 = s.get(8..10)?.parse().ok()?;
        let ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(DocDate { year, month, day })
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A document that could not be read; it becomes an error record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub source: String,
    pub doc_id: Option<String>,
    pub message: String,
}

/// One item of the input stream.
pub type Item = Result<Document, InputError>;

/// Names of the JSON fields, and limits.
#[derive(Clone, Debug)]
pub struct InputOptions {
    pub id_field: String,
    pub text_field: String,
    pub title_field: String,
    pub date_field: String,
    pub max_doc_bytes: usize,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            id_field: "id".into(),
            text_field: "text".into(),
            title_field: "title".into(),
            date_field: "date".into(),
            max_doc_bytes: 16 << 20,
        }
    }
}

/// One item as the reader cuts it from the input, before it is parsed: a
/// raw JSONL line, a text file to read, or an error found while cutting.
///
/// Cutting is cheap (finding newlines, listing directories) so that one
/// reader thread keeps any number of workers busy; [`RawItem::parse`] does
/// the rest (reading files, UTF-8 and JSON) on a worker thread.
#[derive(Debug)]
pub enum RawItem {
    /// One non-blank JSONL line, without its line end.
    Line {
        /// The input's name (a path, or `<stdin>`).
        name: Arc<str>,
        /// 1-based line number in that input.
        line_no: u64,
        bytes: Vec<u8>,
    },
    /// A text file that is one document.
    File {
        path: PathBuf,
        id: String,
        source: String,
        /// The file's size when it was listed, for sizing chunks.
        size: u64,
    },
    /// Something that could not be read at all.
    Error(InputError),
}

impl RawItem {
    /// Bytes this item will take in memory (about), for sizing chunks.
    pub fn size_hint(&self) -> usize {
        match self {
            RawItem::Line { bytes, .. } => bytes.len(),
            RawItem::File { size, .. } => usize::try_from(*size).unwrap_or(usize::MAX),
            RawItem::Error(_) => 0,
        }
    }

    /// Where the item came from, as error records name it.
    pub fn source(&self) -> String {
        match self {
            RawItem::Line { name, line_no, .. } => line_source(name, *line_no),
            RawItem::File { source, .. } => source.clone(),
            RawItem::Error(e) => e.source.clone(),
        }
    }

    /// Turns the raw item into a document: reads the file, or parses and
    /// validates the JSON line.
    pub fn parse(&self, opts: &InputOptions) -> Item {
        match self {
            RawItem::Line {
                name,
                line_no,
                bytes,
            } => parse_line(bytes, line_source(name, *line_no), opts),
            RawItem::File {
                path, id, source, ..
            } => read_text_file(path, id.clone(), source.clone(), opts),
            RawItem::Error(e) => Err(e.clone()),
        }
    }
}

/// Streams the documents of every input in order. `-` is standard input
/// (JSONL); a directory yields its `.txt`/`.md` files recursively in sorted
/// path order, each one document whose id is its relative path; a
/// `.jsonl`/`.ndjson` file yields a document per line; any other file is one
/// text document.
pub fn read_inputs(inputs: Vec<String>, opts: InputOptions) -> impl Iterator<Item = Item> {
    let parse_opts = opts.clone();
    read_raw(inputs, opts).map(move |raw| raw.parse(&parse_opts))
}

/// Like [`read_inputs`], but yields the items uncut by parsing, for a
/// caller that parses them on other threads ([`RawItem::parse`]).
pub fn read_raw(inputs: Vec<String>, opts: InputOptions) -> impl Iterator<Item = RawItem> {
    let inputs = if inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        inputs
    };
    inputs
        .into_iter()
        .flat_map(move |input| read_one(input, &opts))
}

fn read_one(input: String, opts: &InputOptions) -> Box<dyn Iterator<Item = RawItem>> {
    let error = |source: String, message: String| {
        Box::new(std::iter::once(RawItem::Error(InputError {
            source,
            doc_id: None,
            message,
        })))
    };
    if input == "-" {
        let stdin = BufReader::with_capacity(1 << 16, io::stdin());
        return Box::new(RawLines::new(stdin, "<stdin>".into(), opts));
    }
    let path = PathBuf::from(&input);
    match std::fs::metadata(&path) {
        Err(e) => error(input, format!("cannot read input: {e}")),
        Ok(m) if m.is_dir() => Box::new(read_dir(path)),
        // Read in whole blocks, with direct I/O where the file system has
        // it (`direct`): no kernel copy on the cores the workers need.
        Ok(_) if is_jsonl(&path) => match crate::direct::InFile::open(&path) {
            Ok(f) => Box::new(RawLines::new(f, input, opts)),
            Err(e) => error(input, format!("cannot open: {e}")),
        },
        Ok(m) => Box::new(std::iter::once(RawItem::File {
            path,
            id: input.clone(),
            source: input,
            size: m.len(),
        })),
    }
}

fn is_jsonl(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    )
}

fn is_text(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md")
    )
}

/// Reads one plain-text document. A leading UTF-8 byte order mark is dropped
/// (offsets count from the first character after it). At most
/// `max_doc_bytes` (and a little) are read, whatever the file's size.
pub fn read_text_file(path: &Path, id: String, source: String, opts: &InputOptions) -> Item {
    let err = |message: String| InputError {
        source: source.clone(),
        doc_id: Some(id.clone()),
        message,
    };
    let file = File::open(path).map_err(|e| err(format!("cannot open: {e}")))?;
    let limit = opts.max_doc_bytes as u64;
    let mut bytes = Vec::new();
    file.take(limit + 4)
        .read_to_end(&mut bytes)
        .map_err(|e| err(format!("cannot read: {e}")))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if body.len() as u64 > limit {
        return Err(err(format!(
            "document is larger than --max-doc-bytes ({} bytes); raise the limit to process it",
            opts.max_doc_bytes
        )));
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t.to_string(),
        Err(e) => {
            return Err(err(format!(
                "invalid UTF-8 at byte {} of the file (convert it to UTF-8, e.g. with iconv)",
                e.valid_up_to() + (bytes.len() - body.len())
            )))
        }
    };
    Ok(Document {
        id,
        text,
        title: None,
        date: None,
        source,
    })
}

/// Lists a directory's documents (sorted by relative path), following
/// symbolic links but never the same directory twice. Only the listing is
/// done here; the files are read by [`RawItem::parse`].
fn read_dir(root: PathBuf) -> impl Iterator<Item = RawItem> {
    let mut files: Vec<(String, PathBuf, u64)> = Vec::new();
    let mut errors: Vec<InputError> = Vec::new();
    let mut seen = HashSet::new();
    walk(&root, &root, &mut seen, &mut files, &mut errors);
    files.sort();
    let errs = errors.into_iter().map(RawItem::Error);
    let docs = files
        .into_iter()
        .map(move |(rel, path, size)| RawItem::File {
            source: path.display().to_string(),
            id: rel,
            path,
            size,
        });
    errs.chain(docs)
}

fn walk(
    root: &Path,
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<(String, PathBuf, u64)>,
    errors: &mut Vec<InputError>,
) {
    let error = |p: &Path, message: String| InputError {
        source: p.display().to_string(),
        doc_id: None,
        message,
    };
    match std::fs::canonicalize(dir) {
        Ok(c) => {
            if !seen.insert(c) {
                errors.push(error(
                    dir,
                    "directory already visited (symbolic link loop); skipped".into(),
                ));
                return;
            }
        }
        Err(e) => {
            errors.push(error(dir, format!("cannot resolve directory: {e}")));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(error(dir, format!("cannot list directory: {e}")));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(error(dir, format!("cannot list directory: {e}")));
                continue;
            }
        };
        let path = entry.path();
        // Follows symbolic links; a dangling link or a link loop is reported.
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(root, &path, seen, files, errors),
            Ok(m) if is_text(&path) && m.is_file() => {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let rel = rel
                    .to_string_lossy()
                    .replace(std::path::MAIN_SEPARATOR, "/");
                files.push((rel, path, m.len()));
            }
            // A FIFO or device would block or never end: never opened.
            Ok(_) if is_text(&path) => errors.push(error(
                &path,
                "not a regular file (a pipe, socket or device); skipped".into(),
            )),
            Ok(_) => {}
            Err(e) if is_text(&path) => errors.push(error(&path, format!("cannot read: {e}"))),
            Err(_) => {}
        }
    }
}

/// Cuts a JSONL stream into raw lines ([`RawItem::Line`]): blank lines are
/// skipped, a trailing CR and a byte order mark opening the input are
/// dropped, and a line longer than the cap is
/// reported and skipped without being held in memory.
pub struct RawLines<R> {
    reader: R,
    name: Arc<str>,
    line_no: u64,
    max_doc_bytes: usize,
    line_limit: usize,
    done: bool,
}

impl<R: BufRead> RawLines<R> {
    pub fn new(reader: R, name: String, opts: &InputOptions) -> Self {
        RawLines {
            reader,
            name: name.into(),
            line_no: 0,
            max_doc_bytes: opts.max_doc_bytes,
            line_limit: line_limit(opts.max_doc_bytes),
            done: false,
        }
    }

    /// Reads one line (without the newline). Returns its bytes, or `Err(len)`
    /// with the full length when it is longer than the cap (its bytes were
    /// dropped as they came).
    fn next_line(&mut self) -> io::Result<Option<Result<Vec<u8>, usize>>> {
        let mut buf: Vec<u8> = Vec::new();
        let mut total = 0usize;
        let mut any = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(any.then(|| finish(buf, total, self.line_limit)));
            }
            any = true;
            let (part, found) = match memchr::memchr(b'\n', chunk) {
                Some(k) => (&chunk[..k], true),
                None => (chunk, false),
            };
            total = total.saturating_add(part.len());
            if total <= self.line_limit {
                if found && buf.is_empty() {
                    // The common case: the whole line is in the buffer.
                    let line = part.to_vec();
                    let used = line.len() + 1;
                    self.reader.consume(used);
                    return Ok(Some(Ok(line)));
                }
                buf.extend_from_slice(part);
            } else if !buf.is_empty() {
                buf = Vec::new();
            }
            let used = part.len() + usize::from(found);
            self.reader.consume(used);
            if found {
                return Ok(Some(finish(buf, total, self.line_limit)));
            }
        }
    }
}

fn finish(buf: Vec<u8>, total: usize, limit: usize) -> Result<Vec<u8>, usize> {
    if total > limit {
        Err(total)
    } else {
        Ok(buf)
    }
}

/// The longest JSONL line read: JSON escapes can inflate text up to
/// six-fold, but four-fold covers real text; a longer line is rejected
/// without being held in memory.
fn line_limit(max_doc_bytes: usize) -> usize {
    max_doc_bytes.saturating_mul(4).saturating_add(64 << 10)
}

impl<R: BufRead> Iterator for RawLines<R> {
    type Item = RawItem;

    fn next(&mut self) -> Option<RawItem> {
        while !self.done {
            let line = match self.next_line() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(RawItem::Error(InputError {
                        source: format!("{}:{}", self.name, self.line_no + 1),
                        doc_id: None,
                        message: format!("read error, rest of input skipped: {e}"),
                    }));
                }
            };
            self.line_no += 1;
            let mut bytes = match line {
                Ok(b) => b,
                Err(len) => {
                    return Some(RawItem::Error(InputError {
                        source: format!("{}:{}", self.name, self.line_no),
                        doc_id: None,
                        message: format!(
                            "line is {len} bytes, too long for --max-doc-bytes ({}); skipped without reading it",
                            self.max_doc_bytes
                        ),
                    }));
                }
            };
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            if self.line_no == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(RawItem::Line {
                name: self.name.clone(),
                line_no: self.line_no,
                bytes,
            });
        }
        None
    }
}

/// Reads JSONL documents from any buffered reader, one per line, parsing
/// each line as it comes ([`RawLines`] then [`RawItem::parse`]).
pub struct JsonlReader<R> {
    lines: RawLines<R>,
    opts: InputOptions,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, name: String, opts: InputOptions) -> Self {
        JsonlReader {
            lines: RawLines::new(reader, name, &opts),
            opts,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        self.lines.next().map(|raw| raw.parse(&self.opts))
    }
}

/// "FILE:LINE", as `format!("{name}:{line_no}")` writes it, without the
/// formatting machinery (a third of a per cent of a run: one per line).
fn line_source(name: &str, line_no: u64) -> String {
    let mut s = String::with_capacity(name.len() + 21);
    s.push_str(name);
    s.push(':');
    crate::text::push_uint(&mut s, line_no, 0);
    s
}

/// Parses one JSONL line into a document.
/// The four fields a document is made of, as JSON values.
#[derive(Default)]
struct Fields {
    id: Option<Value>,
    text: Option<Value>,
    title: Option<Value>,
    date: Option<Value>,
}

/// Parses an object line keeping only the fields a document needs: the
/// others are skipped without being built, and the keys are borrowed from
/// the line. `None` when the line is not a well-formed object, so that
/// [`all_fields`] can say exactly what is wrong.
fn pick_fields(line: &[u8], o: &InputOptions) -> Option<Fields> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
    struct Pick<'a>(&'a InputOptions);
    impl<'de> Visitor<'de> for Pick<'_> {
        type Value = Fields;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
            let o = self.0;
            let mut f = Fields::default();
            while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                // The same order of preference as the full parse: a name
                // given to two options is the first one's.
                let slot = if key == o.id_field {
                    &mut f.id
                } else if key == o.text_field {
                    &mut f.text
                } else if key == o.title_field {
                    &mut f.title
                } else if key == o.date_field {
                    &mut f.date
                } else {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                };
                // A repeated key: the last one wins, as in a JSON map.
                *slot = Some(map.next_value::<Value>()?);
            }
            Ok(f)
        }
    }
    /// A key, borrowed from the line unless it holds an escape. (serde's
    /// own `Cow<str>` always copies: one allocation per key of every
    /// document.)
    struct Key<'de>(std::borrow::Cow<'de, str>);
    impl<'de> serde::Deserialize<'de> for Key<'de> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
            struct KeyVisitor;
            impl<'de> Visitor<'de> for KeyVisitor {
                type Value = Key<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a key")
                }
                fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                    Ok(Key(std::borrow::Cow::Borrowed(v)))
                }
                fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                    Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
                }
            }
            d.deserialize_str(KeyVisitor)
        }
    }
    impl<'de> DeserializeSeed<'de> for Pick<'_> {
        type Value = Fields;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
            d.deserialize_map(self)
        }
    }
    let first = line.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first != b'{' {
        return None;
    }
    fn run<'de, R: serde_json::de::Read<'de>>(
        mut de: serde_json::Deserializer<R>,
        o: &InputOptions,
    ) -> Option<Fields> {
        let fields = Pick(o).deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(fields)
    }
    // A line that is UTF-8 throughout (nearly every one) is checked once,
    // whole, and parsed as a `str`: parsed from bytes, serde_json checks
    // each string it copies out again (1.5% of a Reuters run). From bytes,
    // a bad byte in a field that is not read is let be, as before.
    match std::str::from_utf8(line) {
        Ok(s) => run(serde_json::Deserializer::from_str(s), o),
        Err(_) => run(serde_json::Deserializer::from_slice(line), o),
    }
}

/// Parses a line whole, for the lines [`pick_fields`] turns down: the
/// fields, or the message that says what is wrong with the line.
fn all_fields(line: &[u8], o: &InputOptions) -> Result<Fields, String> {
    let value: Value = serde_json::from_slice(line).map_err(|e| json_error(line, &e))?;
    let mut obj = match value {
        Value::Object(obj) => obj,
        other => {
            let what = match other {
                Value::Array(_) => "an array",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return Err(format!("a JSON line must be an object, not {what}"));
        }
    };
    Ok(Fields {
        id: obj.remove(&o.id_field),
        text: obj.remove(&o.text_field),
        title: obj.remove(&o.title_field),
        date: obj.remove(&o.date_field),
    })
}

fn parse_line(line: &[u8], source: String, o: &InputOptions) -> Item {
    let err = |doc_id: Option<String>, message: String| InputError {
        source: source.clone(),
        doc_id,
        message,
    };
    let mut fields = match pick_fields(line, o) {
        Some(f) => f,
        None => match all_fields(line, o) {
            Ok(f) => f,
            Err(message) => return Err(err(None, message)),
        },
    };
    let id = match fields.id.take() {
        Some(Value::String(s)) => s,
        Some(v) => {
            return Err(err(
                None,
                format!(
                    "field \"{}\" (the id) must be a string, not {}",
                    o.id_field,
                    kind(&v)
                ),
            ))
        }
        None => {
            return Err(err(
                None,
                format!(
                    "missing field \"{}\" (the id; --id-field names another)",
                    o.id_field
                ),
            ))
        }
    };
    let some_id = || Some(id.clone());
    let text = match fields.text.take() {
        Some(Value::String(s)) => s,
        Some(v) => {
            return Err(err(
                some_id(),
                format!(
                    "field \"{}\" (the text) must be a string, not {}",
                    o.text_field,
                    kind(&v)
                ),
            ))
        }
        None => {
            return Err(err(
                some_id(),
                format!(
                    "missing field \"{}\" (the text; --text-field names another)",
                    o.text_field
                ),
            ))
        }
    };
    if text.len() > o.max_doc_bytes {
        return Err(err(
            some_id(),
            format!(
                "text is {} bytes, more than --max-doc-bytes ({}); raise the limit to process it",
                text.len(),
                o.max_doc_bytes
            ),
        ));
    }
    let title = match fields.title.take() {
        Some(Value::String(s)) => Some(s),
        None | Some(Value::Null) => None,
        Some(v) => {
            return Err(err(
                some_id(),
                format!(
                    "field \"{}\" (the title) must be a string, not {}",
                    o.title_field,
                    kind(&v)
                ),
            ))
        }
    };
    let date = match fields.date.take() {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(DocDate::parse(&s).ok_or_else(|| {
            err(
                some_id(),
                format!(
                    "field \"{}\" must be a date YYYY-MM-DD, not {s:?}",
                    o.date_field
                ),
            )
        })?),
        Some(v) => {
            return Err(err(
                some_id(),
                format!(
                    "field \"{}\" must be a date YYYY-MM-DD, not {}",
                    o.date_field,
                    kind(&v)
                ),
            ))
        }
    };
    Ok(Document {
        id,
        text,
        title,
        date,
        source,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The message for a line that is not valid JSON, with a hint for the
/// usual causes.
fn json_error(line: &[u8], e: &serde_json::Error) -> String {
    if let Err(u) = std::str::from_utf8(line) {
        return format!(
            "invalid UTF-8 at byte {} of the line (JSON Lines must be UTF-8)",
            u.valid_up_to()
        );
    }
    let mut msg = format!("invalid JSON: {e}");
    if e.is_eof() {
        msg.push_str(" (the line ends inside a JSON value: truncated?)");
    } else if line.contains(&b'\r') {
        msg.push_str(" (the line holds a carriage return: lines must end with \\n or \\r\\n, not a lone \\r)");
    } else if e.to_string().starts_with("recursion limit exceeded") {
        msg.push_str(" (nested more than 128 deep)");
    } else if e.to_string().contains("hex escape") {
        msg.push_str(
            " (a \\uXXXX escape holds half of a UTF-16 surrogate pair without the other half: not valid Unicode)",
        );
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Item> {
        JsonlReader::new(s.as_bytes(), "t.jsonl".into(), InputOptions::default()).collect()
    }

    /// A byte that is not UTF-8 fails the document only where it is read:
    /// in the text, not in a field dealtrace does not use.
    #[test]
    fn a_bad_byte_in_an_unread_field_does_not_fail_the_document() {
        let input: &[u8] =
            b"{\"id\":\"a\",\"text\":\"Fine.\",\"extra\":\"bad \xff\"}\n{\"id\":\"b\",\"text\":\"Bad \xfe.\"}\n";
        let items: Vec<Item> =
            JsonlReader::new(input, "t.jsonl".into(), InputOptions::default()).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_ref().unwrap().text, "Fine.");
        let e = items[1].as_ref().unwrap_err();
        assert!(
            e.message.starts_with("invalid UTF-8 at byte 22"),
            "{}",
            e.message
        );
    }

    #[test]
    fn reads_documents_and_reports_bad_lines() {
        let items = read(concat!(
            "{\"id\":\"a\",\"text\":\"Hello\",\"title\":\"T\",\"date\":\"2019-04-02\"}\n",
            "\n",
            "not json\n",
            "[1,2]\n",
            "{\"id\":3,\"text\":\"x\"}\n",
            "{\"id\":\"b\"}\r\n",
            "{\"id\":\"c\",\"text\":\"\"}",
        ));
        assert_eq!(items.len(), 6);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(
            a.date,
            Some(DocDate {
                year: 2019,
                month: 4,
                day: 2
            })
        );
        assert_eq!(a.source, "t.jsonl:1");
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.source, "t.jsonl:3");
        assert!(e.message.starts_with("invalid JSON"));
        assert!(items[2].as_ref().unwrap_err().message.contains("object"));
        assert!(items[3]
            .as_ref()
            .unwrap_err()
            .message
            .contains("must be a string"));
        let e = items[4].as_ref().unwrap_err();
        assert_eq!(e.doc_id.as_deref(), Some("b"));
        assert!(e.message.contains("missing field \"text\""));
        assert_eq!(items[5].as_ref().unwrap().text, "");
    }

    #[test]
    fn long_lines_are_rejected_without_holding_them() {
        let opts = InputOptions {
            max_doc_bytes: 10,
            ..InputOptions::default()
        };
        let long = format!(
            "{{\"id\":\"x\",\"text\":\"{}\"}}\n{{\"id\":\"y\",\"text\":\"ok\"}}\n",
            "a".repeat(200_000)
        );
        let items: Vec<Item> = JsonlReader::new(long.as_bytes(), "f".into(), opts).collect();
        assert!(items[0].as_ref().unwrap_err().message.contains("too long"));
        assert_eq!(items[1].as_ref().unwrap().id, "y");
    }

    #[test]
    fn dates_are_validated() {
        assert!(DocDate::parse("2019-02-29").is_none());
        assert!(DocDate::parse("2020-02-29").is_some());
        assert!(DocDate::parse("1987-03-02T10:00:00").is_some());
        assert!(DocDate::parse("03/02/1987").is_none());
    }

    #[test]
    fn renamed_fields() {
        let opts = InputOptions {
            id_field: "doc".into(),
            text_field: "body".into(),
            ..InputOptions::default()
        };
        let items: Vec<Item> =
            JsonlReader::new(&b"{\"doc\":\"z\",\"body\":\"hi\"}\n"[..], "f".into(), opts).collect();
        assert_eq!(items[0].as_ref().unwrap().text, "hi");
    }
}
