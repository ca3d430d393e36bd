//! Output: JSON Lines records with Unicode code point offsets.
//!
//! This is the one place where byte spans become code point offsets
//! (`text[start:end]` in Python), and where the library's types become the
//! record formats documented in README.md and `schema/`.

use std::io::Write;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::deals::{Amount, Deal, DealDate, Party, PartyType, Place};
use crate::gazetteer::Gazetteer;
use crate::input::InputError;
use crate::mention::{Field, Mention};
use crate::pipeline::Annotated;
use crate::recognize::Value;
use crate::text::{CharOffsets, Span};

/// Which records to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    /// One line per deal.
    Deals,
    /// One line per mention.
    Mentions,
    /// One line per document with its mentions, deals and sentences.
    Documents,
    /// Mentions, then deals, of each document (and error records) in one stream.
    All,
}

/// Code point offsets of a document's text and title.
pub struct Offsets {
    text: CharOffsets,
    title: CharOffsets,
}

impl Offsets {
    pub fn new(a: &Annotated) -> Offsets {
        Offsets {
            text: CharOffsets::new(&a.doc.text),
            title: CharOffsets::new(a.doc.title.as_deref().unwrap_or("")),
        }
    }

    pub fn chars(&self, field: Field, span: Span) -> (usize, usize) {
        let t = match field {
            Field::Text => &self.text,
            Field::Title => &self.title,
        };
        (t.char_of(span.start), t.char_of(span.end))
    }
}

/// Appends the records of one document to `out`, one JSON object per line.
pub fn write_document(out: &mut Vec<u8>, a: &Annotated, emit: Emit, g: &Gazetteer) {
    if emit == Emit::Deals && a.deals.is_empty() {
        // Most documents: no offsets to count.
        return;
    }
    let offsets = Offsets::new(a);
    let mentions = || {
        a.mentions.iter().map(|m| MentionRecord {
            a,
            m,
            g,
            offsets: &offsets,
            with_record: true,
        })
    };
    match emit {
        Emit::Mentions => {
            for r in mentions() {
                line(out, &r);
            }
        }
        Emit::Deals => {
            for d in &a.deals {
                line(
                    out,
                    &DealRecord {
                        d,
                        a,
                        offsets: &offsets,
                        g,
                    },
                );
            }
        }
        Emit::All => {
            for r in mentions() {
                line(out, &r);
            }
            for d in &a.deals {
                line(
                    out,
                    &DealRecord {
                        d,
                        a,
                        offsets: &offsets,
                        g,
                    },
                );
            }
        }
        Emit::Documents => {
            let doc = DocumentRecord {
                a,
                g,
                offsets: &offsets,
                deals: &a.deals,
            };
            line(out, &doc);
        }
    }
}

fn line<T: Serialize>(out: &mut Vec<u8>, v: &T) {
    serde_json::to_writer(&mut *out, v).expect("records serialize");
    out.push(b'\n');
}

/// Writes an error record line.
pub fn write_error<W: Write>(out: &mut W, e: &InputError) -> std::io::Result<()> {
    let r = ErrorRecord {
        record: "error",
        source: &e.source,
        doc_id: e.doc_id.as_deref(),
        error: &e.message,
    };
    serde_json::to_writer(&mut *out, &r)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    record: &'static str,
    source: &'a str,
    doc_id: Option<&'a str>,
    error: &'a str,
}

/// A number as JSON: integral values without a fraction (`1000000000`, not
/// `1000000000.0`), so databases load them as integers.
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

struct MentionRecord<'a> {
    a: &'a Annotated,
    m: &'a Mention,
    g: &'a Gazetteer,
    offsets: &'a Offsets,
    with_record: bool,
}

impl Serialize for MentionRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (a, m) = (self.a, self.m);
        let mut map = s.serialize_map(None)?;
        if self.with_record {
            map.serialize_entry("record", "mention")?;
            map.serialize_entry("doc_id", &a.doc.id)?;
        }
        let source = match m.field {
            Field::Text => a.doc.text.as_str(),
            Field::Title => {
                map.serialize_entry("field", "title")?;
                a.doc.title.as_deref().unwrap_or("")
            }
        };
        let (start, end) = self.offsets.chars(m.field, m.span);
        map.serialize_entry("start", &start)?;
        map.serialize_entry("end", &end)?;
        map.serialize_entry("text", &source[m.span.start..m.span.end])?;
        map.serialize_entry("label", m.label)?;
        if let Some(r) = m.entity {
            let e = self.g.entity(r.entity);
            let name = &self.g.names[r.name as usize];
            map.serialize_entry("entity_id", &e.id)?;
            map.serialize_entry("name", &e.name)?;
            map.serialize_entry("country", &e.country)?;
            let form = self.g.form(name.form);
            if !form.is_empty() {
                map.serialize_entry("form", form)?;
            }
        }
        if let Some(v) = &m.value {
            serialize_value(&mut map, v)?;
        }
        if let Some(cue) = m.cue {
            map.serialize_entry("cue", cue)?;
        }
        map.end()
    }
}

/// The normalized fields of a recognized value.
pub fn serialize_value<M: SerializeMap>(map: &mut M, v: &Value) -> Result<(), M::Error> {
    match v {
        Value::Money {
            value,
            value_max,
            currency,
            approximate,
            per,
        } => {
            map.serialize_entry("value", &Num(*value))?;
            if let Some(x) = value_max {
                map.serialize_entry("value_max", &Num(*x))?;
            }
            map.serialize_entry("currency", currency)?;
            map.serialize_entry("approximate", approximate)?;
            if let Some(p) = per {
                map.serialize_entry("per", p)?;
            }
        }
        Value::Percent {
            value,
            value_max,
            approximate,
        } => {
            map.serialize_entry("value", &Num(*value))?;
            if let Some(x) = value_max {
                map.serialize_entry("value_max", &Num(*x))?;
            }
            map.serialize_entry("approximate", approximate)?;
        }
        Value::Quantity {
            value,
            approximate,
            unit,
        } => {
            map.serialize_entry("value", &Num(*value))?;
            map.serialize_entry("unit", unit)?;
            map.serialize_entry("approximate", approximate)?;
        }
        Value::Date {
            value,
            precision,
            qualifier,
            relative,
        } => {
            map.serialize_entry("value", value)?;
            map.serialize_entry("precision", precision.as_str())?;
            if let Some(q) = qualifier {
                map.serialize_entry("qualifier", q)?;
            }
            if *relative {
                map.serialize_entry("relative", relative)?;
            }
        }
    }
    Ok(())
}

struct DocumentRecord<'a> {
    a: &'a Annotated,
    g: &'a Gazetteer,
    offsets: &'a Offsets,
    deals: &'a [Deal],
}

impl Serialize for DocumentRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.a;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("record", "document")?;
        map.serialize_entry("doc_id", &a.doc.id)?;
        let mentions: Vec<MentionRecord> = a
            .mentions
            .iter()
            .map(|m| MentionRecord {
                a,
                m,
                g: self.g,
                offsets: self.offsets,
                with_record: false,
            })
            .collect();
        map.serialize_entry("mentions", &mentions)?;
        let deals: Vec<_> = self
            .deals
            .iter()
            .map(|d| DealRecord {
                d,
                a,
                offsets: self.offsets,
                g: self.g,
            })
            .collect();
        map.serialize_entry("deals", &deals)?;
        let sentences: Vec<(usize, usize)> = a
            .sentences
            .iter()
            .map(|&s| self.offsets.chars(Field::Text, s))
            .collect();
        map.serialize_entry("sentences", &sentences)?;
        map.end()
    }
}

/// A deal as its JSON record: every field that comes from the text carries
/// its code point offsets.
struct DealRecord<'a> {
    d: &'a Deal,
    a: &'a Annotated,
    offsets: &'a Offsets,
    g: &'a Gazetteer,
}

impl DealRecord<'_> {
    /// Writes a span of the document text as `KEY` (its text), `start` and
    /// `end` (code points): every field taken from the text carries these.
    fn span_entries<M: SerializeMap>(
        &self,
        map: &mut M,
        key: &str,
        span: Span,
    ) -> Result<(), M::Error> {
        let (start, end) = self.offsets.chars(Field::Text, span);
        map.serialize_entry(key, &self.a.doc.text[span.start..span.end])?;
        map.serialize_entry("start", &start)?;
        map.serialize_entry("end", &end)?;
        Ok(())
    }
}

/// `{"text", "start", "end"}` of a span of the document text.
struct Slice<'a> {
    text: &'a str,
    span: Span,
    offsets: &'a Offsets,
}

impl Serialize for Slice<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (start, end) = self.offsets.chars(Field::Text, self.span);
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("text", &self.text[self.span.start..self.span.end])?;
        map.serialize_entry("start", &start)?;
        map.serialize_entry("end", &end)?;
        map.end()
    }
}

struct PartyRecord<'a>(&'a Party, &'a DealRecord<'a>);

impl Serialize for PartyRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (p, r) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("role", p.role.as_str())?;
        r.span_entries(&mut map, "name", p.span)?;
        let ptype = (p.ptype != PartyType::Asset).then(|| p.ptype.as_str());
        map.serialize_entry("type", &ptype)?;
        map.serialize_entry("entity_id", &p.entity.map(|e| &r.g.entity(e).id))?;
        map.serialize_entry("country", &p.country)?;
        map.end()
    }
}

struct AmountRecord<'a>(&'a Amount, &'a DealRecord<'a>);

impl Serialize for AmountRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (x, r) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("value", &Num(x.value))?;
        if let Some(m) = x.value_max {
            map.serialize_entry("value_max", &Num(m))?;
        }
        map.serialize_entry("currency", &x.currency)?;
        r.span_entries(&mut map, "text", x.span)?;
        map.serialize_entry("approximate", &x.approximate)?;
        if let Some(p) = &x.per {
            map.serialize_entry("per", p)?;
        }
        map.end()
    }
}

struct DateRecord<'a>(&'a DealDate, &'a DealRecord<'a>);

impl Serialize for DateRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (x, r) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("value", &x.value)?;
        map.serialize_entry("precision", x.precision.as_str())?;
        r.span_entries(&mut map, "text", x.span)?;
        map.end()
    }
}

struct PlaceRecord<'a>(&'a Place, &'a DealRecord<'a>);

impl Serialize for PlaceRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (x, r) = (self.0, self.1);
        let e = r.g.entity(x.entity);
        let mut map = s.serialize_map(None)?;
        r.span_entries(&mut map, "name", x.span)?;
        map.serialize_entry("entity_id", &e.id)?;
        map.serialize_entry("country", &e.country)?;
        map.end()
    }
}

impl Serialize for DealRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (d, a) = (self.d, self.a);
        let text = a.doc.text.as_str();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("record", "deal")?;
        map.serialize_entry("deal_id", &d.id)?;
        map.serialize_entry("doc_id", &a.doc.id)?;
        map.serialize_entry("kind", d.kind.as_str())?;
        map.serialize_entry("status", d.status.as_str())?;
        let parties: Vec<PartyRecord> = d.parties.iter().map(|p| PartyRecord(p, self)).collect();
        map.serialize_entry("parties", &parties)?;
        map.serialize_entry("amount", &d.amount.as_ref().map(|x| AmountRecord(x, self)))?;
        map.serialize_entry("date", &d.date.as_ref().map(|x| DateRecord(x, self)))?;
        let places: Vec<PlaceRecord> = d.places.iter().map(|p| PlaceRecord(p, self)).collect();
        map.serialize_entry("places", &places)?;
        let slice = |span: Span| Slice {
            text,
            span,
            offsets: self.offsets,
        };
        map.serialize_entry("subject", &d.subject.map(slice))?;
        map.serialize_entry("evidence", &slice(d.evidence))?;
        map.serialize_entry("confidence", &d.confidence)?;
        map.serialize_entry("rule", &d.rule)?;
        map.end()
    }
}
