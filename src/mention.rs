//! Mentions: the annotation stage's output, one per recognized stretch of
//! text, whether a gazetteer name ("Huawei") or a recognized value ("$1
//! billion", "April 2019").

use crate::recognize::Value;
use crate::text::Span;

/// Which text of the document a span points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Text,
    Title,
}

/// A gazetteer entity a mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// Index of the entity in the pipeline's gazetteer.
    pub entity: u32,
    /// Index of the surface name that matched.
    pub name: u32,
}

/// One mention in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub field: Field,
    /// Byte span into the field's text.
    pub span: Span,
    /// company, bank, organization, country, city, currency (or a user
    /// list's own label); money, percent, quantity, date for values.
    pub label: &'static str,
    /// Set for gazetteer mentions.
    pub entity: Option<EntityRef>,
    /// Set for recognized values.
    pub value: Option<Value>,
    /// For names found from structure rather than a list: the cue that
    /// found them ("suffix", "bracket", "ticker", "apposition",
    /// "government", "short-form").
    pub cue: Option<&'static str>,
    /// For a short form or acronym found from structure ("Conrac", "EEP"),
    /// the span of the full name it stands for.
    pub full: Option<Span>,
}

impl Mention {
    pub fn is_label(&self, label: &str) -> bool {
        self.label == label
    }
}
