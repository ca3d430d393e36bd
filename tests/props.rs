//! Property tests: any text, and text built from the pieces real articles
//! are made of (names, money, dates) mixed with awkward Unicode, goes
//! through the pipeline and the record writer without a panic, and every
//! record is JSON whose offsets slice (by code points) to the text it claims.
//!
//! 256 cases per property by default; set PROPTEST_CASES to change it.

mod common;

use std::sync::LazyLock;

use proptest::prelude::*;
use serde_json::Value;

use dealtrace::gazetteer::Gazetteer;
use dealtrace::input::{DocDate, Document};
use dealtrace::mention::Field;
use dealtrace::output::{write_document, Emit};
use dealtrace::pipeline::{Annotated, Pipeline};
use dealtrace::recognize::Value as RValue;
use dealtrace::text::Span;

use common::slice_chars;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new(Gazetteer::bundled()));

/// As `--emit deals` runs it: documents with no trigger phrase passed over.
static DEALS_ONLY: LazyLock<Pipeline> = LazyLock::new(|| {
    let mut p = Pipeline::new(Gazetteer::bundled());
    p.deals_only = true;
    p
});

/// Pieces of news text, and of text that breaks naive code.
const VOCAB: &[&str] = &[
    // Parties.
    "Huawei",
    "China",
    "Uzbek government",
    "the Uzbek government",
    "ZTE Corp",
    "<Acme Inc>",
    "Acme Inc",
    "Kenya",
    "Government of Ecuador",
    "Export-Import Bank of China",
    "China Development Bank",
    "Kovač Systems",
    "Électricité du Laos",
    "ICBC",
    "U.S.",
    "Co.",
    "Ltd",
    "Tashkent",
    "İstanbul",
    // Deal words.
    "signed",
    "a contract",
    "with",
    "acquire",
    "acquired",
    "agreed to buy",
    "said it",
    "loan",
    "loan agreement",
    "from",
    "to",
    "for",
    "deal",
    "the",
    "turned down",
    "sold its unit",
    // Money and numbers.
    "$",
    "1 billion",
    "mln dlrs",
    "€",
    "£",
    "¥",
    "$172 million",
    "€25 million",
    "20 dlrs a share",
    "2 billion yuan",
    "30-40",
    "1,234.5",
    "9.9 pct",
    "%",
    "about",
    "0",
    "99999999999999999999",
    // Dates.
    "April 2019",
    "March 6, 2019",
    "on Tuesday",
    "last year",
    "in the first quarter of 2018",
    "2019-04-02",
    // Awkward Unicode and whitespace.
    "e\u{301}",
    "\u{301}",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "🇰🇪",
    "华为",
    "中国",
    "مرحبا",
    "שלום",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "ß",
    "ﬁ",
    "Σ",
    "\r\n",
    "\n\n",
    "\r",
    "\t",
    "\u{a0}",
    "“",
    "”",
    "‘",
    "’",
    "’s",
    "'s",
    "—",
    "-",
    "(",
    ")",
    ".",
    ",",
    ";",
    ":",
    " ",
    " ",
    " ",
];

/// Text from the vocabulary, with arbitrary characters in between.
fn news_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(VOCAB).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

/// Any text at all, or news-like text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        1 => "\\PC{0,80}",
        4 => news_like(),
    ]
}

fn doc_date() -> impl Strategy<Value = Option<DocDate>> {
    prop::option::of(
        (1900i32..2100, 1u32..=12, 1u32..=28).prop_map(|(year, month, day)| DocDate {
            year,
            month,
            day,
        }),
    )
}

fn document() -> impl Strategy<Value = Document> {
    (text(), prop::option::of(text()), doc_date()).prop_map(|(text, title, date)| {
        let mut d = Document::new("prop", text);
        d.title = title;
        d.date = date;
        d
    })
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        // No regression files outside this test's own source.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn span_ok(s: Span, text: &str) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// Spans of the annotated document lie within their text, on character
/// boundaries, and every number is finite.
fn check_annotated(a: &Annotated) -> Result<(), TestCaseError> {
    let text = a.doc.text.as_str();
    let title = a.doc.title.as_deref().unwrap_or("");
    for s in &a.sentences {
        prop_assert!(span_ok(*s, text), "sentence {:?} outside the text", s);
    }
    for m in &a.mentions {
        let field = if m.field == Field::Title { title } else { text };
        prop_assert!(span_ok(m.span, field), "mention {:?} outside its field", m);
        if let Some(v) = &m.value {
            let finite = match v {
                RValue::Money {
                    value, value_max, ..
                }
                | RValue::Percent {
                    value, value_max, ..
                } => value.is_finite() && value_max.is_none_or(f64::is_finite),
                RValue::Quantity { value, .. } => value.is_finite(),
                RValue::Date { .. } => true,
            };
            prop_assert!(finite, "mention value is not finite: {:?}", m);
        }
    }
    for d in &a.deals {
        prop_assert!(
            d.confidence.is_finite() && (0.0..=1.0).contains(&d.confidence),
            "confidence {}",
            d.confidence
        );
        prop_assert!(
            span_ok(d.evidence, text),
            "evidence {:?} outside the text",
            d.evidence
        );
        for p in &d.parties {
            prop_assert!(span_ok(p.span, text), "party {:?} outside the text", p);
        }
        for p in &d.places {
            prop_assert!(span_ok(p.span, text), "place {:?} outside the text", p);
        }
        if let Some(x) = &d.amount {
            prop_assert!(span_ok(x.span, text), "amount {:?} outside the text", x);
            prop_assert!(
                x.value.is_finite() && x.value_max.is_none_or(f64::is_finite),
                "amount {:?}",
                x
            );
        }
        if let Some(x) = &d.date {
            prop_assert!(span_ok(x.span, text), "date {:?} outside the text", x);
        }
        if let Some(x) = d.subject {
            prop_assert!(span_ok(x, text), "subject {:?} outside the text", x);
        }
    }
    Ok(())
}

/// `obj[key]` is `source[start:end]` by code points.
fn check_slice(source: &str, obj: &Value, key: &str) -> Result<(), TestCaseError> {
    let start = obj["start"].as_u64();
    let end = obj["end"].as_u64();
    prop_assert!(start.is_some() && end.is_some(), "no offsets in {}", obj);
    let (start, end) = (start.unwrap() as usize, end.unwrap() as usize);
    let len = source.chars().count();
    prop_assert!(
        start <= end && end <= len,
        "span {}..{} outside 0..{}: {}",
        start,
        end,
        len,
        obj
    );
    let claimed = obj[key].as_str();
    prop_assert!(claimed.is_some(), "{} is not a string in {}", key, obj);
    prop_assert_eq!(
        slice_chars(source, start, end),
        claimed.unwrap(),
        "text[{}:{}] in {}",
        start,
        end,
        obj
    );
    Ok(())
}

fn check_number(v: &Value, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        v.as_f64().is_some_and(f64::is_finite),
        "{} is not a finite number: {}",
        what,
        v
    );
    Ok(())
}

fn check_mention(m: &Value, doc: &Document) -> Result<(), TestCaseError> {
    let source = match m.get("field").and_then(Value::as_str) {
        Some("title") => doc.title.as_deref().unwrap_or(""),
        None => doc.text.as_str(),
        Some(other) => return Err(TestCaseError::fail(format!("unknown field {other:?}"))),
    };
    check_slice(source, m, "text")?;
    if matches!(m["label"].as_str(), Some("money" | "percent" | "quantity")) {
        check_number(&m["value"], "value")?;
    }
    if let Some(x) = m.get("value_max") {
        check_number(x, "value_max")?;
    }
    Ok(())
}

fn check_deal(d: &Value, text: &str) -> Result<(), TestCaseError> {
    for p in d["parties"].as_array().into_iter().flatten() {
        check_slice(text, p, "name")?;
    }
    for p in d["places"].as_array().into_iter().flatten() {
        check_slice(text, p, "name")?;
    }
    if !d["amount"].is_null() {
        check_slice(text, &d["amount"], "text")?;
        check_number(&d["amount"]["value"], "amount value")?;
        if let Some(x) = d["amount"].get("value_max") {
            check_number(x, "amount value_max")?;
        }
    }
    if !d["date"].is_null() {
        check_slice(text, &d["date"], "text")?;
    }
    if !d["subject"].is_null() {
        check_slice(text, &d["subject"], "text")?;
    }
    check_slice(text, &d["evidence"], "text")?;
    let c = d["confidence"].as_f64();
    prop_assert!(
        c.is_some_and(|c| (0.0..=1.0).contains(&c)),
        "confidence in {}",
        d
    );
    Ok(())
}

/// The records of one document, parsed, one per line.
fn records(a: &Annotated, emit: Emit) -> Result<Vec<Value>, TestCaseError> {
    let mut buf = Vec::new();
    write_document(&mut buf, a, emit, PIPELINE.gazetteer());
    prop_assert!(
        buf.is_empty() || buf.ends_with(b"\n"),
        "output does not end with a newline"
    );
    let out = std::str::from_utf8(&buf);
    prop_assert!(out.is_ok(), "output is not UTF-8");
    let mut v = Vec::new();
    for line in out.unwrap().split_terminator('\n') {
        let r: Result<Value, _> = serde_json::from_str(line);
        prop_assert!(r.is_ok(), "not JSON: {:?}", line);
        v.push(r.unwrap());
    }
    Ok(v)
}

fn check_document(doc: Document) -> Result<(), TestCaseError> {
    let a = PIPELINE.annotate(doc.clone());
    prop_assert_eq!(&a.doc, &doc);
    check_annotated(&a)?;

    let all = records(&a, Emit::All)?;
    prop_assert_eq!(all.len(), a.mentions.len() + a.deals.len());
    for r in &all {
        prop_assert_eq!(&r["doc_id"], "prop");
        match r["record"].as_str() {
            Some("mention") => check_mention(r, &doc)?,
            Some("deal") => check_deal(r, &doc.text)?,
            _ => return Err(TestCaseError::fail(format!("unexpected record {r}"))),
        }
    }

    // Passing over documents with no trigger phrase, and titles, changes
    // no deal record.
    let d = DEALS_ONLY.annotate(doc.clone());
    prop_assert_eq!(records(&d, Emit::Deals)?, records(&a, Emit::Deals)?);
    prop_assert!(!d.passed_over || a.deals.is_empty());

    let docs = records(&a, Emit::Documents)?;
    prop_assert_eq!(docs.len(), 1);
    let d = &docs[0];
    for m in d["mentions"].as_array().into_iter().flatten() {
        prop_assert!(
            m.get("record").is_none() && m.get("doc_id").is_none(),
            "embedded mention {}",
            m
        );
        check_mention(m, &doc)?;
    }
    for x in d["deals"].as_array().into_iter().flatten() {
        check_deal(x, &doc.text)?;
    }
    let len = doc.text.chars().count() as u64;
    for s in d["sentences"].as_array().into_iter().flatten() {
        let (start, end) = (s[0].as_u64(), s[1].as_u64());
        prop_assert!(
            start.zip(end).is_some_and(|(s, e)| s <= e && e <= len),
            "sentence {} outside 0..{}",
            s,
            len
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_document_gives_consistent_records(doc in document()) {
        check_document(doc)?;
    }

    #[test]
    fn news_like_text_gives_consistent_records(text in news_like(), date in doc_date()) {
        let mut doc = Document::new("prop", text);
        doc.date = date;
        check_document(doc)?;
    }
}

/// Cases that once broke, or that are easy to get wrong, run every time.
#[test]
fn fixed_cases() {
    for text in [
        "",
        " ",
        "\u{301}Huawei",
        "Huawei\u{301} signed a contract with the Uzbek government.",
        "ZTE Corp’s unit",
        "ZTE Corp’",
        "ZTE Corp'",
        "<Acme Inc> agreed to buy ZTE Corp’s unit for €25 million in April 2019.",
        "İstanbul İİİ Huawei signed a $1 billion deal with China.",
        "华为 (Huawei) and the Uzbek government signed a contract — مرحبا — worth $1 billion in April 2019.\r\n",
        "Kenya signs $172 million surveillance deal with Huawei",
        "\u{feff}ZTE Corp <ZTE> said it agreed to buy Acme Inc for 20 dlrs a share.",
    ] {
        let mut doc = Document::new("prop", text);
        doc.title = Some(text.chars().rev().collect());
        if let Err(e) = check_document(doc) {
            panic!("{text:?}: {e}");
        }
    }
}
