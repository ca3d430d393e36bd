//! The pipeline: one document in, one [`Annotated`] document out.
//!
//! Like spaCy's `nlp(doc)`, it runs each stage over the same document type
//! in order: sentences, gazetteer mentions, recognized values, deals. A
//! `Pipeline` is built once (the automaton is the costly part) and shared
//! read-only by every worker thread.

use std::sync::Arc;

use crate::deals::{self, Deal};
use crate::gazetteer::{Gazetteer, Matcher};
use crate::input::Document;
use crate::mention::{EntityRef, Field, Mention};
use crate::recognize;
use crate::text::{sentences, Span};

/// What the pipeline knows about one document.
#[derive(Clone, Debug)]
pub struct Annotated {
    pub doc: Document,
    /// Sentence spans of the text (bytes).
    pub sentences: Vec<Span>,
    /// Mentions in the text, then in the title, each in document order.
    pub mentions: Vec<Mention>,
    pub deals: Vec<Deal>,
}

/// The configured stages.
pub struct Pipeline {
    matcher: Matcher,
    /// Whether to run the deal stage (not needed for `--emit mentions`).
    pub find_deals: bool,
}

impl Pipeline {
    pub fn new(gazetteer: Gazetteer) -> Pipeline {
        Pipeline {
            matcher: Matcher::new(gazetteer),
            find_deals: true,
        }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        self.matcher.gazetteer()
    }

    /// Runs every stage over one document.
    pub fn annotate(&self, doc: Document) -> Annotated {
        let sentences = sentences(&doc.text);
        let mut mentions = self.mentions(&doc, Field::Text);
        if doc.title.is_some() {
            mentions.extend(self.mentions(&doc, Field::Title));
        }
        let deals = if self.find_deals {
            deals::find(&doc, &sentences, &mentions, self.gazetteer())
        } else {
            Vec::new()
        };
        Annotated {
            doc,
            sentences,
            mentions,
            deals,
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
        let date = doc.date.map(|d| recognize::DocDate {
            year: d.year,
            month: d.month,
            day: d.day,
        });
        let values = recognize::recognize(text, date);
        let hits = self.matcher.find(text);
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
                || vi.peek().is_some_and(|v| Span::new(v.start, v.end).contains(h.span));
            if inside {
                continue;
            }
            out.push(Mention {
                field,
                span: h.span,
                label: Arc::clone(&g.entity(h.entity).label),
                entity: Some(EntityRef {
                    entity: h.entity,
                    name: h.name,
                }),
                value: None,
            });
        }
        out.extend(vi.map(|v| value_mention(field, v)));
        out
    }
}

fn value_mention(field: Field, v: recognize::Found) -> Mention {
    Mention {
        field,
        span: Span::new(v.start, v.end),
        label: Arc::from(v.value.label()),
        entity: None,
        value: Some(v.value),
    }
}
