//! The pipeline: one document in, one [`Annotated`] document out.
//!
//! Like spaCy's `nlp(doc)`, it runs each stage over the same document type
//! in order: sentences, gazetteer mentions, recognized values, deals. A
//! `Pipeline` is built once (the automaton is the costly part) and shared
//! read-only by every worker thread.

use std::sync::LazyLock;

use crate::deals::{self, Deal};
use crate::gazetteer::{Gazetteer, Matcher};
use regex::Regex;

use crate::input::{DocDate, Document};
use crate::mention::{EntityRef, Field, Mention};
use crate::names::{self, NameKind};
use crate::recognize;
use crate::text::{sentences, Span};
use crate::tokens::Tokens;

/// What the pipeline knows about one document.
#[derive(Clone, Debug)]
pub struct Annotated {
    pub doc: Document,
    /// Sentence spans of the text (bytes).
    pub sentences: Vec<Span>,
    /// Mentions in the text, then in the title, each in document order.
    pub mentions: Vec<Mention>,
    pub deals: Vec<Deal>,
    /// The document held no trigger phrase and was passed over, with no
    /// sentences and no mentions ([`Pipeline::deals_only`]).
    pub passed_over: bool,
}

/// The configured stages.
pub struct Pipeline {
    matcher: Matcher,
    /// Whether to run the deal stage (not needed for `--emit mentions`).
    pub find_deals: bool,
    /// The caller keeps only the deals (`--emit deals`): a document whose
    /// text holds no trigger phrase, and so no deal, is passed over after
    /// the phrase scan, with no sentences and no mentions, and a title
    /// (where deals are not sought) is not searched. The deals are the
    /// same either way; a third of the Reuters text is passed over.
    pub deals_only: bool,
}

impl Pipeline {
    pub fn new(gazetteer: Gazetteer) -> Pipeline {
        Pipeline {
            matcher: Matcher::new(gazetteer),
            find_deals: true,
            deals_only: false,
        }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        self.matcher.gazetteer()
    }

    /// Runs every stage over one document.
    pub fn annotate(&self, doc: Document) -> Annotated {
        self.annotate_explained(doc, None)
    }

    /// Like [`Pipeline::annotate`], writing the deal stage's decisions (by
    /// sentence index) to `trace` when given; for `dealtrace explain`.
    pub fn annotate_explained(
        &self,
        doc: Document,
        trace: Option<&mut Vec<(usize, String)>>,
    ) -> Annotated {
        let tokens = Tokens::new(&doc.text);
        let find_deals = self.find_deals || trace.is_some();
        let phrases = find_deals.then(|| deals::Phrases::find(&tokens));
        if self.deals_only && trace.is_none() && !phrases.as_ref().is_some_and(|p| p.has_trigger())
        {
            return Annotated {
                doc,
                sentences: Vec::new(),
                mentions: Vec::new(),
                deals: Vec::new(),
                passed_over: true,
            };
        }
        let sentences = sentences(&doc.text);
        // The date relative dates count from: found once for both fields.
        let date = reference_date(&doc);
        let mut mentions = self.field_mentions(&doc, Field::Text, &tokens, date);
        // The deals are found in the text alone.
        let title = doc.title.as_ref().filter(|_| !self.deals_only);
        if let Some(title) = title {
            mentions.extend(self.field_mentions(&doc, Field::Title, &Tokens::new(title), date));
        }
        let deals = if let Some(phrases) = &phrases {
            deals::find_explained(
                &doc,
                &sentences,
                phrases,
                &mentions,
                self.gazetteer(),
                trace,
            )
        } else {
            Vec::new()
        };
        Annotated {
            doc,
            sentences,
            mentions,
            deals,
            passed_over: false,
        }
    }

    /// Gazetteer and value mentions of one field, in order. A gazetteer
    /// mention inside a recognized value ("$" in "$1 billion", "Hong Kong"
    /// in "Hong Kong dollars") is part of the value and dropped.
    pub fn mentions(&self, doc: &Document, field: Field) -> Vec<Mention> {
        let text = match field {
            Field::Text => doc.text.as_str(),
            Field::Title => doc.title.as_deref().unwrap_or(""),
        };
        self.field_mentions(doc, field, &Tokens::new(text), reference_date(doc))
    }

    /// Like [`Pipeline::mentions`], over the field's tokens made once.
    fn field_mentions(
        &self,
        doc: &Document,
        field: Field,
        tokens: &Tokens,
        date: Option<recognize::DocDate>,
    ) -> Vec<Mention> {
        let text = match field {
            Field::Text => doc.text.as_str(),
            Field::Title => doc.title.as_deref().unwrap_or(""),
        };
        let values = recognize::recognize(text, date);
        let hits = self.matcher.find_tokens(text, tokens);
        let g = self.gazetteer();
        let mut out: Vec<Mention> = Vec::with_capacity(hits.len() + values.len());
        let mut vi = values.into_iter().peekable();
        for h in hits {
            while let Some(v) = vi.next_if(|v| v.start < h.span.start) {
                out.push(value_mention(field, v));
            }
            let inside = out
                .last()
                .is_some_and(|m| m.value.is_some() && m.span.contains(h.span))
                || vi
                    .peek()
                    .is_some_and(|v| Span::new(v.start, v.end).contains(h.span));
            if inside {
                continue;
            }
            out.push(Mention {
                field,
                span: h.span,
                label: g.entity(h.entity).label,
                entity: Some(EntityRef {
                    entity: h.entity,
                    name: h.name,
                }),
                value: None,
                cue: None,
                full: None,
            });
        }
        out.extend(vi.map(|v| value_mention(field, v)));
        self.add_structural_names(text, tokens, field, &mut out);
        out
    }

    /// Adds the names found from structure ([`names`]): a name that
    /// overlaps a listed company, bank or organization gives way to it; a
    /// name that contains listed places ("United Banks of Colorado Inc")
    /// replaces them. Governments keep their country mention inside.
    fn add_structural_names(
        &self,
        text: &str,
        tokens: &Tokens,
        field: Field,
        out: &mut Vec<Mention>,
    ) {
        let g = self.gazetteer();
        let countries: Vec<(Span, bool)> = out
            .iter()
            .filter(|m| m.is_label("country"))
            .map(|m| {
                let adjective = m.entity.is_some_and(|e| {
                    matches!(
                        g.form(g.names[e.name as usize].form),
                        "adjective" | "demonym"
                    )
                });
                (m.span, adjective)
            })
            .collect();
        let found = names::find_tokens(text, tokens, &countries);
        if found.is_empty() {
            return;
        }
        let is_org = |m: &Mention| {
            m.entity.is_some() && matches!(m.label, "company" | "bank" | "organization")
        };
        // `out` is sorted by start. Each name is checked against the
        // mentions that can overlap it, found by binary search: those that
        // start less than the longest mention's length before it. Mentions
        // a name replaces are marked, and dropped at the end, so that a
        // document with a hundred thousand names stays linear.
        let mut removed = vec![false; out.len()];
        let mut longest = out.iter().map(|m| m.span.len()).max().unwrap_or(0);
        let mut added: Vec<Mention> = Vec::with_capacity(found.len());
        for n in found {
            let lo = out.partition_point(|m| m.span.start + longest <= n.span.start);
            let hi = out.partition_point(|m| m.span.start < n.span.end).max(lo);
            // A listed organization at the start of the name keeps its
            // entity and takes the longer span ("Huawei Technologies Co.");
            // one inside it is another entity's name ("Partners" in
            // "Chemical Partners Inc") and gives way.
            if let Some(k) =
                (lo..hi).find(|&k| !removed[k] && is_org(&out[k]) && out[k].span.overlaps(n.span))
            {
                let m = &mut out[k];
                if m.span.start == n.span.start
                    && n.span.end > m.span.end
                    && n.kind != NameKind::Government
                {
                    m.span.end = n.span.end;
                    longest = longest.max(m.span.len());
                    continue;
                }
                if !(n.span.start < m.span.start && n.span.contains(m.span)) {
                    continue;
                }
                removed[k] = true;
            }
            if (lo..hi)
                .any(|k| !removed[k] && out[k].value.is_some() && out[k].span.overlaps(n.span))
            {
                continue;
            }
            if n.kind != NameKind::Government {
                for k in lo..hi {
                    if out[k].entity.is_some() && n.span.contains(out[k].span) {
                        removed[k] = true;
                    }
                }
            }
            added.push(Mention {
                field,
                span: n.span,
                label: n.kind.label(),
                entity: None,
                value: None,
                cue: Some(n.cue),
                full: n.full,
            });
        }
        if removed.contains(&true) {
            let mut k = 0;
            out.retain(|_| {
                k += 1;
                !removed[k - 1]
            });
        }
        if !added.is_empty() {
            out.extend(added);
            out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        }
    }
}

/// The document's date, or else its dateline's: what "last year" and "on
/// Tuesday" are resolved against.
fn reference_date(doc: &Document) -> Option<recognize::DocDate> {
    doc.date
        .or_else(|| dateline_date(&doc.text))
        .map(|d| recognize::DocDate {
            year: d.year,
            month: d.month,
            day: d.day,
        })
}

fn value_mention(field: Field, v: recognize::Found) -> Mention {
    Mention {
        field,
        span: Span::new(v.start, v.end),
        label: v.value.label(),
        entity: None,
        value: Some(v.value),
        cue: None,
        full: None,
    }
}

/// The date of a dateline near the top of an article ("VIENTIANE, Nov. 12,
/// 2020 —", "ALMATY, May 14, 2021 -"), used as the document's date when the
/// input gives none, so "last year" and "on Tuesday" can be resolved.
pub fn dateline_date(text: &str) -> Option<DocDate> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)^\s*[A-Z][A-Za-z .'\-]{1,40},\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\s*(?:[\x{2014}\x{2013}-]|\(|/)",
        )
        .expect("dateline pattern")
    });
    let head = crate::text::after(text, 0, 600);
    let c = DATELINE.captures(head)?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| c[1].starts_with(m))? as u32 + 1;
    DocDate::parse(&format!(
        "{}-{month:02}-{:02}",
        &c[3],
        c[2].parse::<u32>().ok()?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let d = dateline_date("Headline\n\nVIENTIANE, Nov. 12, 2020 \u{2014} Laos has").unwrap();
        assert_eq!((d.year, d.month, d.day), (2020, 11, 12));
        let d = dateline_date("ALMATY, May 14, 2021 - text").unwrap();
        assert_eq!((d.year, d.month, d.day), (2021, 5, 14));
        assert!(dateline_date("In April 2019, Huawei closed a deal.").is_none());
    }

    #[test]
    fn deals_only_passes_over_a_text_with_no_trigger() {
        let full = Pipeline::new(Gazetteer::bundled());
        let mut only = Pipeline::new(Gazetteer::bundled());
        only.deals_only = true;
        let mut none = Document::new("a", "Huawei opened an office in Tashkent in 2019.");
        none.title = Some("Huawei buys ZTE".into());
        let a = only.annotate(none.clone());
        assert!(a.passed_over && a.mentions.is_empty() && a.deals.is_empty());
        assert!(!full.annotate(none).mentions.is_empty());

        let mut one = Document::new(
            "b",
            "In April 2019, Huawei closed a $1 billion deal with the Uzbek government.",
        );
        one.title = Some("Huawei in Uzbekistan".into());
        let (a, b) = (only.annotate(one.clone()), full.annotate(one));
        assert!(!a.passed_over && !a.deals.is_empty());
        assert_eq!(a.deals, b.deals);
        // The title is not searched: deals are found in the text alone.
        assert!(a.mentions.iter().all(|m| m.field == Field::Text));
        assert!(b.mentions.iter().any(|m| m.field == Field::Title));
    }
}
