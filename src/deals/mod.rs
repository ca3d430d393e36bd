//! Deal records (placeholder until the deal stage lands).

use crate::gazetteer::Gazetteer;
use crate::input::Document;
use crate::mention::Mention;
use crate::text::Span;

/// One deal found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Deal {
    pub evidence: Span,
}

/// Finds the deals of one document.
pub fn find(_doc: &Document, _sentences: &[Span], _mentions: &[Mention], _g: &Gazetteer) -> Vec<Deal> {
    Vec::new()
}
