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

/// Streams the documents of every input in order. `-` is standard input
/// (JSONL); a directory yields its `.txt`/`.md` files recursively in sorted
/// path order, each one document whose id is its relative path; a `.jsonl`/`.ndjson` file yields a
/// document per line; any other file is one text document.
pub fn read_inputs(inputs: Vec<String>, opts: InputOptions) -> impl Iterator<Item = Item> {
    let inputs = if inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        inputs
    };
    inputs
        .into_iter()
        .flat_map(move |input| read_one(input, opts.clone()))
}

fn read_one(input: String, opts: InputOptions) -> Box<dyn Iterator<Item = Item>> {
    if input == "-" {
        let stdin = BufReader::with_capacity(1 << 16, io::stdin());
        return Box::new(JsonlReader::new(stdin, "<stdin>".into(), opts));
    }
    let path = PathBuf::from(&input);
    match std::fs::metadata(&path) {
        Err(e) => Box::new(std::iter::once(Err(InputError {
            source: input.clone(),
            doc_id: None,
            message: format!("cannot read input: {e}"),
        }))),
        Ok(m) if m.is_dir() => Box::new(read_dir(path, opts)),
        Ok(_) if is_jsonl(&path) => match File::open(&path) {
            Ok(f) => Box::new(JsonlReader::new(
                BufReader::with_capacity(1 << 16, f),
                input,
                opts,
            )),
            Err(e) => Box::new(std::iter::once(Err(InputError {
                source: input,
                doc_id: None,
                message: format!("cannot open: {e}"),
            }))),
        },
        Ok(_) => {
            let id = input.clone();
            Box::new(std::iter::once(read_text_file(&path, id, input, &opts)))
        }
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
/// (offsets count from the first character after it).
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
            "document is larger than --max-doc-bytes ({} bytes)",
            opts.max_doc_bytes
        )));
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t.to_string(),
        Err(e) => {
            return Err(err(format!(
                "invalid UTF-8 at byte {} of the file",
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
/// symbolic links but never the same directory twice.
fn read_dir(root: PathBuf, opts: InputOptions) -> impl Iterator<Item = Item> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let mut errors: Vec<InputError> = Vec::new();
    let mut seen = HashSet::new();
    walk(&root, &root, &mut seen, &mut files, &mut errors);
    files.sort();
    let errs = errors.into_iter().map(Err);
    let docs = files.into_iter().map(move |(rel, path)| {
        let source = path.display().to_string();
        read_text_file(&path, rel, source, &opts)
    });
    errs.chain(docs)
}

fn walk(
    root: &Path,
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<(String, PathBuf)>,
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
        // Follows symbolic links; a dangling link is reported.
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(root, &path, seen, files, errors),
            Ok(_) if is_text(&path) => {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let rel = rel
                    .to_string_lossy()
                    .replace(std::path::MAIN_SEPARATOR, "/");
                files.push((rel, path));
            }
            Ok(_) => {}
            Err(e) if is_text(&path) => errors.push(error(&path, format!("cannot read: {e}"))),
            Err(_) => {}
        }
    }
}

/// Reads JSONL documents from any buffered reader, one per line.
pub struct JsonlReader<R> {
    reader: R,
    name: String,
    line_no: u64,
    opts: InputOptions,
    buf: Vec<u8>,
    line_limit: usize,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, name: String, opts: InputOptions) -> Self {
        // JSON escapes can inflate text up to six-fold, but four-fold covers
        // real text; a longer line is rejected without being held in memory.
        let line_limit = opts
            .max_doc_bytes
            .saturating_mul(4)
            .saturating_add(64 << 10);
        JsonlReader {
            reader,
            name,
            line_no: 0,
            opts,
            buf: Vec::new(),
            line_limit,
            done: false,
        }
    }

    /// Reads one line into `buf` (without the newline). Returns the line's
    /// full length, which exceeds `line_limit` when the rest was discarded.
    fn next_line(&mut self) -> io::Result<Option<usize>> {
        self.buf.clear();
        let mut total = 0usize;
        let mut any = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(any.then_some(total));
            }
            any = true;
            let (part, found) = match memchr_newline(chunk) {
                Some(k) => (&chunk[..k], true),
                None => (chunk, false),
            };
            let room = self.line_limit.saturating_sub(self.buf.len());
            let keep = part.len().min(room);
            self.buf.extend_from_slice(&part[..keep]);
            total += part.len();
            let used = part.len() + usize::from(found);
            self.reader.consume(used);
            if found {
                return Ok(Some(total));
            }
        }
    }

    fn parse(&self, source: &str) -> Item {
        let err = |doc_id: Option<String>, message: String| InputError {
            source: source.to_string(),
            doc_id,
            message,
        };
        let mut line: &[u8] = &self.buf;
        if self.line_no == 1 {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        let value: Value =
            serde_json::from_slice(line).map_err(|e| err(None, format!("invalid JSON: {e}")))?;
        let Value::Object(mut obj) = value else {
            return Err(err(None, "a JSON line must be an object".into()));
        };
        let o = &self.opts;
        let id = match obj.remove(&o.id_field) {
            Some(Value::String(s)) => s,
            Some(_) => {
                return Err(err(
                    None,
                    format!("field \"{}\" (the id) must be a string", o.id_field),
                ))
            }
            None => {
                return Err(err(
                    None,
                    format!("missing field \"{}\" (the id)", o.id_field),
                ))
            }
        };
        let some_id = || Some(id.clone());
        let text = match obj.remove(&o.text_field) {
            Some(Value::String(s)) => s,
            Some(_) => {
                return Err(err(
                    some_id(),
                    format!("field \"{}\" (the text) must be a string", o.text_field),
                ))
            }
            None => {
                return Err(err(
                    some_id(),
                    format!("missing field \"{}\" (the text)", o.text_field),
                ))
            }
        };
        if text.len() > o.max_doc_bytes {
            return Err(err(
                some_id(),
                format!(
                    "text is {} bytes, more than --max-doc-bytes ({})",
                    text.len(),
                    o.max_doc_bytes
                ),
            ));
        }
        let title = match obj.remove(&o.title_field) {
            Some(Value::String(s)) => Some(s),
            None | Some(Value::Null) => None,
            Some(_) => {
                return Err(err(
                    some_id(),
                    format!("field \"{}\" (the title) must be a string", o.title_field),
                ))
            }
        };
        let date = match obj.remove(&o.date_field) {
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
            Some(_) => {
                return Err(err(
                    some_id(),
                    format!("field \"{}\" must be a date YYYY-MM-DD", o.date_field),
                ))
            }
        };
        Ok(Document {
            id,
            text,
            title,
            date,
            source: source.to_string(),
        })
    }
}

fn memchr_newline(s: &[u8]) -> Option<usize> {
    s.iter().position(|&b| b == b'\n')
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            let len = match self.next_line() {
                Ok(Some(n)) => n,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError {
                        source: format!("{}:{}", self.name, self.line_no + 1),
                        doc_id: None,
                        message: format!("read error, rest of input skipped: {e}"),
                    }));
                }
            };
            self.line_no += 1;
            let source = format!("{}:{}", self.name, self.line_no);
            if len > self.line_limit {
                return Some(Err(InputError {
                    source,
                    doc_id: None,
                    message: format!(
                        "line is {len} bytes, too long for --max-doc-bytes ({})",
                        self.opts.max_doc_bytes
                    ),
                }));
            }
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(self.parse(&source));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Item> {
        JsonlReader::new(s.as_bytes(), "t.jsonl".into(), InputOptions::default()).collect()
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
