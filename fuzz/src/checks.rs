//! What the fuzz targets do with their input, and the invariants they check.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and by the
//! regression tests (`tests/fuzz_regressions.rs`, through `#[path]`), so a
//! crash file from `fuzz/artifacts/` replays the same way in `cargo test`.
//! Every `check_*` function panics when an invariant is broken. Only
//! `dealtrace` and `serde_json` are used: the tests must build without the
//! fuzz toolchain.

use std::io::{self, BufReader, Read};
use std::sync::OnceLock;

use dealtrace::gazetteer::Gazetteer;
use dealtrace::input::{days_in_month, DocDate as InputDate, Document, InputOptions, JsonlReader};
use dealtrace::mention::Field;
use dealtrace::output::{write_document, write_error, Emit};
use dealtrace::pipeline::{Annotated, Pipeline};
use dealtrace::recognize::{parse_number, recognize, DocDate, Found, Precision, Value};
use dealtrace::text::Span;
use serde_json::Value as Json;

/// Reads header bytes off the front of a fuzz input (zero once it is used
/// up), so any input decodes.
struct Header<'a>(&'a [u8]);

impl<'a> Header<'a> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    fn rest(self) -> &'a [u8] {
        self.0
    }

    /// A valid calendar date with a year of -999..=9999 (what
    /// `DocDate::parse` accepts: four characters that parse as an i32).
    fn date(&mut self) -> (i32, u32, u32) {
        let year = i32::from(self.u16() % 10_999) - 999;
        let month = u32::from(self.byte() % 12) + 1;
        let day = u32::from(self.byte()) % days_in_month(year, month) + 1;
        (year, month, day)
    }
}

// ---------------------------------------------------------------- JSONL

/// A reader that fails (once, then reads on) after `fail_at` bytes.
struct Flaky<'a> {
    data: &'a [u8],
    pos: usize,
    fail_at: Option<usize>,
}

impl Read for Flaky<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut end = self.data.len();
        if let Some(at) = self.fail_at {
            if self.pos >= at {
                self.fail_at = None;
                return Err(io::Error::other("injected read error"));
            }
            end = end.min(at);
        }
        let n = buf.len().min(end - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

const FIELD_NAMES: [&str; 4] = ["id", "text", "title", "date"];

/// `data` is a header then the JSONL bytes. Header: buffer size (1..=64
/// bytes, so lines cross buffer refills), `max_doc_bytes` (0..=255), a
/// padding byte (bit 7: prefix the first line with 64 KiB plus up to 8 KiB
/// of spaces, to cross the line limit of 64 KiB + 4 * max_doc_bytes), a
/// byte choosing the four field names among id/text/title/date (so two
/// options can name the same field), and a byte that injects a read error
/// (bit 7: fail after the low bits * 16 bytes).
pub fn check_jsonl_reader(data: &[u8]) {
    let mut h = Header(data);
    let capacity = usize::from(h.byte() % 64) + 1;
    let max_doc_bytes = usize::from(h.byte());
    let pad = h.byte();
    let names = h.byte();
    let fail = h.byte();
    let body = h.rest();

    let mut input = Vec::new();
    if pad & 0x80 != 0 {
        input.resize((64 << 10) + usize::from(pad & 0x7f) * 64, b' ');
    }
    input.extend_from_slice(body);
    let field = |k: u8| FIELD_NAMES[usize::from((names >> (2 * k)) & 3)].to_string();
    let opts = InputOptions {
        id_field: field(0),
        text_field: field(1),
        title_field: field(2),
        date_field: field(3),
        max_doc_bytes,
    };
    let fail_at = (fail & 0x80 != 0).then(|| usize::from(fail & 0x7f) * 16);
    let reader = Flaky {
        data: &input,
        pos: 0,
        fail_at,
    };
    let lines = input.iter().filter(|&&b| b == b'\n').count() + 1;
    // The same items whatever the buffer size: lines are cut the same way
    // when they cross buffer refills.
    let big = Flaky {
        data: &input,
        pos: 0,
        fail_at,
    };
    let whole: Vec<_> = JsonlReader::new(
        BufReader::with_capacity(1 << 17, big),
        "fuzz.jsonl".into(),
        opts.clone(),
    )
    .collect();
    let mut it = JsonlReader::new(
        BufReader::with_capacity(capacity, reader),
        "fuzz.jsonl".into(),
        opts,
    );
    let mut seen = Vec::new();

    let mut last_line = 0usize;
    let mut count = 0usize;
    let mut read_error = false;
    for item in it.by_ref() {
        seen.push(item.clone());
        count += 1;
        assert!(count <= lines, "more items ({count}) than lines ({lines})");
        assert!(!read_error, "an item after a read error");
        let source = match &item {
            Ok(d) => &d.source,
            Err(e) => &e.source,
        };
        assert!(!source.is_empty(), "empty source: {item:?}");
        let line: usize = source
            .strip_prefix("fuzz.jsonl:")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("source {source:?} is not fuzz.jsonl:LINE"));
        assert!(
            line > last_line && line <= lines,
            "line {line} after line {last_line} (of {lines})"
        );
        last_line = line;
        match &item {
            Ok(d) => {
                assert!(
                    d.text.len() <= max_doc_bytes,
                    "text of {} bytes passed max_doc_bytes {max_doc_bytes}",
                    d.text.len()
                );
                if let Some(date) = d.date {
                    assert!(
                        (1..=12).contains(&date.month)
                            && date.day >= 1
                            && date.day <= days_in_month(date.year, date.month),
                        "invalid date {date:?}"
                    );
                }
            }
            Err(e) => {
                assert!(!e.message.is_empty(), "empty message: {e:?}");
                read_error = e.message.starts_with("read error");
                let mut out = Vec::new();
                write_error(&mut out, e).expect("writing to a Vec");
                assert!(out.ends_with(b"\n") && out.iter().filter(|&&b| b == b'\n').count() == 1);
                let r: Json = serde_json::from_slice(&out).expect("error record is JSON");
                assert_eq!(r["record"], "error");
                assert_eq!(r["source"].as_str(), Some(source.as_str()));
            }
        }
    }
    assert!(it.next().is_none(), "items after the end");
    assert_eq!(seen, whole, "a {capacity}-byte buffer reads other items");
}

// ---------------------------------------------------------- recognizers

/// Awkward text every recognizer vocabulary ends with.
const AWKWARD: &[&str] = &[
    " ", "  ", "\n", "\r\n", "\t", ".", ",", "-", "/", ":", "(", ")", "'", "\u{a0}", "\u{202f}",
    "\u{2009}", "\u{200b}", "\u{feff}", "\u{301}", "e\u{301}", "\u{fffd}", "é", "İ", "ß", "ﬁ", "Σ",
    "–", "—", "’", "“", "”", "日本", "华为", "😀", "🇰🇪", "\u{202e}", "١٢٣", "５", "²",
];

/// Numbers and words around them, for every recognizer.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "7",
    "12",
    "30",
    "40",
    "100",
    "1987",
    "2019",
    "2,000",
    "1,250,000",
    "1.250.000",
    "9.9",
    "0.5",
    ".5",
    "7-7/8",
    "1/2",
    "3/4",
    "99999999999999999999",
    "1e308",
    "179769313486231570000000000000000000000000000000000000000000000000000",
    "one",
    "two",
    "twenty-one",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "a",
    "an",
    "half",
    "quarter",
    "point",
    "and",
    "to",
    "or",
    "between",
    "from",
    "about",
    "more than",
    "up to",
    "the",
    "in",
];

const MONEY: &[&str] = &[
    "$",
    "US$",
    "C$",
    "HK$",
    "A$",
    "€",
    "£",
    "¥",
    "₽",
    "₹",
    "USD",
    "EUR",
    "RMB",
    "KZT",
    "DM",
    "SF",
    "STG",
    "c",
    "us",
    "U.S.",
    "dlrs",
    "dlr",
    "dollars",
    "Canadian",
    "Hong Kong",
    "yen",
    "stg",
    "pounds",
    "sterling",
    "cents",
    "cts",
    "pence",
    "p",
    "marks",
    "yuan",
    "mln",
    "bn",
    "m",
    "k",
    "MEUR",
    "a share",
    "per share",
    "a tonne",
    "a year",
    "ago",
    "earlier",
    "shr",
    "mln dlrs",
    "billion dollars",
];

const PERCENT: &[&str] = &[
    "pct",
    "percent",
    "per cent",
    "per",
    "cent",
    "%",
    " %",
    "percentage points",
    "pct to",
    "rose",
    "fell",
    "by",
    "a 9.9 pct stake",
    "10-15",
    "6-1/4",
];

const QUANTITY: &[&str] = &[
    "cameras",
    "foreign",
    "governments",
    "shares",
    "jets",
    "planes",
    "SF340",
    "A320",
    "G-20",
    "of us",
    "All",
    "employees",
    "tonnes",
    "barrels",
    "units",
    "mln shares",
    "new",
    "over",
    "nearly",
    "some",
];

const DATES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "Sept.",
    "Sep",
    "Dec",
    "december",
    "Monday",
    "Wednesday",
    "Sunday",
    "yesterday",
    "today",
    "tomorrow",
    "last",
    "next",
    "this",
    "week",
    "month",
    "year",
    "quarter",
    "first",
    "second",
    "fourth",
    "Q1",
    "Q4",
    "mid",
    "mid-",
    "early",
    "late",
    "fiscal",
    "on",
    "as of",
    "since",
    "of",
    "29",
    "31",
    "2019-02-29",
    "2020-02-29",
    "2019-13-01",
    "-06",
];

/// The vocabulary of a recognizer target: its own words, numbers, then
/// awkward text.
fn vocabulary(label: &str) -> Vec<&'static str> {
    let own = match label {
        "money" => MONEY,
        "percent" => PERCENT,
        "quantity" => QUANTITY,
        "date" => DATES,
        _ => panic!("no recognizer {label:?}"),
    };
    [own, NUMBERS, AWKWARD].concat()
}

/// Decodes a recognizer target's input. Header: bit 0 of the first byte
/// says whether a document date (two year bytes, a month and a day byte)
/// follows. Then each byte below 0x80 is that ASCII character, and each
/// byte from 0x80 picks a word of the label's vocabulary (its own words,
/// numbers, awkward Unicode), so the fuzzer writes in the recognizer's
/// language without having to find the words.
pub fn recognizer_input(label: &str, data: &[u8]) -> (String, Option<DocDate>) {
    let mut h = Header(data);
    let date = (h.byte() & 1 == 1).then(|| {
        let (year, month, day) = h.date();
        DocDate { year, month, day }
    });
    let vocab = vocabulary(label);
    let mut text = String::new();
    for &b in h.rest() {
        if b < 0x80 {
            text.push(char::from(b));
        } else {
            text.push_str(vocab[usize::from(b - 0x80) % vocab.len()]);
        }
    }
    (text, date)
}

/// `recognize` on the decoded input: the shared output invariants, plus
/// the invariants of each label's values.
pub fn check_recognizer(label: &str, data: &[u8]) {
    let (text, date) = recognizer_input(label, data);
    let found = recognize(&text, date);
    check_found(&text, date, &found);
    for (s, e, v) in parse_number(&text) {
        assert!(
            s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e),
            "parse_number span {s}..{e} in {text:?}"
        );
        assert!(v.is_finite(), "parse_number value {v} at {s}..{e}");
    }
}

/// Spans are non-empty, in bounds, on char boundaries, sorted and
/// non-overlapping; values are finite and well formed for their label.
pub fn check_found(text: &str, date: Option<DocDate>, found: &[Found]) {
    let mut last_end = 0;
    for f in found {
        assert!(
            f.start < f.end && f.end <= text.len(),
            "span {f:?} in {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "span {f:?} not on char boundaries"
        );
        assert!(f.start >= last_end, "overlapping or unsorted at {f:?}");
        last_end = f.end;
        let span = &text[f.start..f.end];
        match &f.value {
            Value::Money {
                value,
                value_max,
                currency,
                per,
                ..
            } => {
                assert!(value.is_finite(), "money value {f:?}");
                assert!(value_max.is_none_or(f64::is_finite), "money max {f:?}");
                assert!(
                    currency.len() == 3 && currency.bytes().all(|c| c.is_ascii_uppercase()),
                    "currency {currency:?} is not an ISO code"
                );
                assert!(
                    per.as_ref().is_none_or(|p| !p.is_empty()),
                    "empty per {f:?}"
                );
            }
            Value::Percent {
                value, value_max, ..
            } => {
                assert!(value.is_finite(), "percent value {f:?}");
                assert!(value_max.is_none_or(f64::is_finite), "percent max {f:?}");
            }
            Value::Quantity { value, unit, .. } => {
                assert!(value.is_finite(), "quantity value {f:?}");
                assert!(!unit.is_empty(), "quantity without a unit {f:?}");
                assert!(
                    span.ends_with(unit.as_str()),
                    "quantity span {span:?} does not run to its noun {unit:?}"
                );
            }
            Value::Date {
                value,
                precision,
                qualifier,
                relative,
            } => {
                assert!(
                    qualifier
                        .as_deref()
                        .is_none_or(|q| matches!(q, "early" | "mid" | "late" | "fiscal")),
                    "qualifier {f:?}"
                );
                if *relative && date.is_none() {
                    assert!(value.is_none(), "relative date with a value: {f:?}");
                }
                if !*relative {
                    assert!(value.is_some(), "absolute date without a value: {f:?}");
                }
                if let Some(v) = value {
                    check_date_value(v, *precision);
                }
            }
        }
    }
}

/// "2019", "2019-Q1", "2019-04", "2019-04-06" (a real day), by precision.
fn check_date_value(v: &str, precision: Precision) {
    assert!(!v.is_empty() && v.is_ascii(), "date value {v:?}");
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|c| c.is_ascii_digit());
    // the year is at least four characters ("{:04}"), maybe signed
    let (year, rest) = match v[1..].find('-') {
        Some(k) => (&v[..k + 1], &v[k + 1..]),
        None => (v, ""),
    };
    let y: i32 = year
        .parse()
        .unwrap_or_else(|_| panic!("date {v:?}: bad year"));
    assert!(
        year.len() >= 4 && year.bytes().skip(1).all(|c| c.is_ascii_digit()),
        "date {v:?}: bad year"
    );
    let parts: Vec<&str> = if rest.is_empty() {
        Vec::new()
    } else {
        rest.strip_prefix('-')
            .unwrap_or_else(|| panic!("date {v:?}"))
            .split('-')
            .collect()
    };
    let month = |m: &str| {
        assert!(digits(m, 2), "date {v:?}: bad month");
        let m: u32 = m.parse().unwrap();
        assert!((1..=12).contains(&m), "date {v:?}: month {m}");
        m
    };
    match (precision, parts.as_slice()) {
        (Precision::Year, []) => {}
        (Precision::Quarter, [q]) => {
            assert!(matches!(*q, "Q1" | "Q2" | "Q3" | "Q4"), "date {v:?}")
        }
        (Precision::Month, [m]) => {
            month(m);
        }
        (Precision::Day, [m, d]) => {
            let m = month(m);
            assert!(digits(d, 2), "date {v:?}: bad day");
            let d: u32 = d.parse().unwrap();
            assert!(
                d >= 1 && d <= days_in_month(y, m),
                "date {v:?}: no such day"
            );
        }
        _ => panic!("date {v:?} does not match precision {precision:?}"),
    }
}

// ------------------------------------------------------------- pipeline

/// The pipeline with the bundled gazetteer, built once.
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(Gazetteer::bundled()))
}

/// Decodes a pipeline input. Header: bit 0 of the first byte: a document
/// date follows (as for the recognizers); bit 1: the bytes after the first
/// 0xFF are the title. Text and title are the bytes as lossy UTF-8 (an
/// invalid sequence becomes U+FFFD), as a text file is read.
pub fn pipeline_input(data: &[u8]) -> Document {
    let mut h = Header(data);
    let flags = h.byte();
    let date = (flags & 1 == 1).then(|| {
        let (year, month, day) = h.date();
        InputDate { year, month, day }
    });
    let rest = h.rest();
    let (text, title) = match rest.iter().position(|&b| b == 0xff) {
        Some(k) if flags & 2 == 2 => (&rest[..k], Some(&rest[k + 1..])),
        _ => (rest, None),
    };
    let mut doc = Document::new("fuzz", String::from_utf8_lossy(text));
    doc.title = title.map(|t| String::from_utf8_lossy(t).into_owned());
    doc.date = date;
    doc.source = "fuzz:1".into();
    doc
}

/// The whole pipeline, then the record writer as the CLI runs them: spans
/// in bounds, values finite, every record line JSON whose offsets slice
/// the text (by code points) to what the record says.
pub fn check_pipeline(data: &[u8]) {
    let doc = pipeline_input(data);
    let p = pipeline();
    let a = p.annotate(doc.clone());
    assert_eq!(a.doc, doc, "the document changed");
    check_annotated(&a);

    let all = records(&a, Emit::All, p);
    assert_eq!(all.len(), a.mentions.len() + a.deals.len());
    for r in &all {
        assert_eq!(r["doc_id"], "fuzz");
        match r["record"].as_str() {
            Some("mention") => check_mention(r, &doc),
            Some("deal") => check_deal(r, &doc.text),
            _ => panic!("unexpected record {r}"),
        }
    }
    let deals = records(&a, Emit::Deals, p);
    assert_eq!(deals.len(), a.deals.len());

    let docs = records(&a, Emit::Documents, p);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    for m in d["mentions"].as_array().into_iter().flatten() {
        assert!(
            m.get("record").is_none() && m.get("doc_id").is_none(),
            "embedded mention {m}"
        );
        check_mention(m, &doc);
    }
    for x in d["deals"].as_array().into_iter().flatten() {
        check_deal(x, &doc.text);
    }
    let len = doc.text.chars().count() as u64;
    for s in d["sentences"].as_array().into_iter().flatten() {
        let (start, end) = (s[0].as_u64(), s[1].as_u64());
        assert!(
            start.zip(end).is_some_and(|(s, e)| s <= e && e <= len),
            "sentence {s} outside 0..{len}"
        );
    }
}

fn span_ok(s: Span, text: &str) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fn check_annotated(a: &Annotated) {
    let text = a.doc.text.as_str();
    let title = a.doc.title.as_deref().unwrap_or("");
    for s in &a.sentences {
        assert!(span_ok(*s, text), "sentence {s:?} outside the text");
    }
    for m in &a.mentions {
        let field = if m.field == Field::Title { title } else { text };
        assert!(span_ok(m.span, field), "mention {m:?} outside its field");
        if let Some(full) = m.full {
            assert!(span_ok(full, field), "full name of {m:?} outside its field");
        }
        if let Some(v) = &m.value {
            let finite = match v {
                Value::Money {
                    value, value_max, ..
                }
                | Value::Percent {
                    value, value_max, ..
                } => value.is_finite() && value_max.is_none_or(f64::is_finite),
                Value::Quantity { value, .. } => value.is_finite(),
                Value::Date { .. } => true,
            };
            assert!(finite, "mention value is not finite: {m:?}");
        }
    }
    for d in &a.deals {
        assert!(
            d.confidence.is_finite() && (0.0..=1.0).contains(&d.confidence),
            "confidence {}",
            d.confidence
        );
        assert!(span_ok(d.evidence, text), "evidence {:?}", d.evidence);
        for p in &d.parties {
            assert!(span_ok(p.span, text), "party {p:?} outside the text");
        }
        for p in &d.places {
            assert!(span_ok(p.span, text), "place {p:?} outside the text");
        }
        if let Some(x) = &d.amount {
            assert!(span_ok(x.span, text), "amount {x:?} outside the text");
            assert!(
                x.value.is_finite() && x.value_max.is_none_or(f64::is_finite),
                "amount {x:?}"
            );
        }
        if let Some(x) = &d.date {
            assert!(span_ok(x.span, text), "date {x:?} outside the text");
        }
        if let Some(x) = d.subject {
            assert!(span_ok(x, text), "subject {x:?} outside the text");
        }
    }
}

/// The records of one document, one JSON value per line.
fn records(a: &Annotated, emit: Emit, p: &Pipeline) -> Vec<Json> {
    let mut buf = Vec::new();
    write_document(&mut buf, a, emit, p.gazetteer());
    assert!(
        buf.is_empty() || buf.ends_with(b"\n"),
        "output does not end with a newline"
    );
    let out = std::str::from_utf8(&buf).expect("output is UTF-8");
    out.split_terminator('\n')
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line:?}"))
        })
        .collect()
}

/// `source[start:end]` by code points.
fn slice_chars(source: &str, start: usize, end: usize) -> String {
    source.chars().skip(start).take(end - start).collect()
}

/// `obj[key]` is `source[start:end]` by code points.
fn check_slice(source: &str, obj: &Json, key: &str) {
    let (Some(start), Some(end)) = (obj["start"].as_u64(), obj["end"].as_u64()) else {
        panic!("no offsets in {obj}");
    };
    let (start, end) = (start as usize, end as usize);
    let len = source.chars().count();
    assert!(
        start <= end && end <= len,
        "span {start}..{end} outside 0..{len}: {obj}"
    );
    let claimed = obj[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {obj}"));
    assert_eq!(
        slice_chars(source, start, end),
        claimed,
        "text[{start}:{end}] in {obj}"
    );
}

fn check_number(v: &Json, what: &str) {
    assert!(
        v.as_f64().is_some_and(f64::is_finite),
        "{what} is not a finite number: {v}"
    );
}

fn check_mention(m: &Json, doc: &Document) {
    let source = match m.get("field").and_then(Json::as_str) {
        Some("title") => doc.title.as_deref().unwrap_or(""),
        None => doc.text.as_str(),
        Some(other) => panic!("unknown field {other:?}"),
    };
    check_slice(source, m, "text");
    if matches!(m["label"].as_str(), Some("money" | "percent" | "quantity")) {
        check_number(&m["value"], "value");
    }
    if let Some(x) = m.get("value_max") {
        check_number(x, "value_max");
    }
}

fn check_deal(d: &Json, text: &str) {
    for p in d["parties"].as_array().into_iter().flatten() {
        check_slice(text, p, "name");
    }
    for p in d["places"].as_array().into_iter().flatten() {
        check_slice(text, p, "name");
    }
    if !d["amount"].is_null() {
        check_slice(text, &d["amount"], "text");
        check_number(&d["amount"]["value"], "amount value");
        if let Some(x) = d["amount"].get("value_max") {
            check_number(x, "amount value_max");
        }
    }
    if !d["date"].is_null() {
        check_slice(text, &d["date"], "text");
    }
    if !d["subject"].is_null() {
        check_slice(text, &d["subject"], "text");
    }
    check_slice(text, &d["evidence"], "text");
    let c = d["confidence"].as_f64();
    assert!(
        c.is_some_and(|c| (0.0..=1.0).contains(&c)),
        "confidence in {d}"
    );
}
