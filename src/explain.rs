//! `dealtrace explain`: a human-readable account of one document, sentence
//! by sentence: its mentions, the rules that fired, the deals they made and
//! why other sentences made none.

use std::fmt::Write;

use crate::input::Document;
use crate::pipeline::Pipeline;
use crate::text::CharOffsets;

/// Explains what the pipeline does with `doc`.
pub fn explain(pipeline: &Pipeline, doc: Document) -> String {
    let g = pipeline.gazetteer();
    let mut trace = Vec::new();
    let a = pipeline.annotate_explained(doc, Some(&mut trace));
    let text = a.doc.text.as_str();
    let chars = CharOffsets::new(text);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "document {} ({} sentences, {} mentions, {} deals)",
        a.doc.id,
        a.sentences.len(),
        a.mentions.len(),
        a.deals.len()
    );
    for (si, s) in a.sentences.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n[{si}] {}..{}: {}",
            chars.char_of(s.start),
            chars.char_of(s.end),
            text[s.start..s.end].replace('\n', " ")
        );
        for m in a
            .mentions
            .iter()
            .filter(|m| m.field == crate::mention::Field::Text && s.contains(m.span))
        {
            let detail = match (&m.entity, &m.value, m.cue) {
                (Some(e), _, _) => g.entity(e.entity).id.clone(),
                (_, Some(v), _) => format!("{v:?}"),
                (_, _, Some(cue)) => format!("found by {cue}"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "    {:<13} {:?} {}",
                m.label,
                &text[m.span.start..m.span.end],
                detail
            );
        }
        for (_, note) in trace.iter().filter(|(k, _)| *k == si) {
            let _ = writeln!(out, "  => {note}");
        }
    }
    let _ = writeln!(out);
    for (k, d) in a.deals.iter().enumerate() {
        let parties: Vec<String> = d
            .parties
            .iter()
            .map(|p| format!("{} {:?}", p.role.as_str(), &text[p.span.start..p.span.end]))
            .collect();
        let _ = writeln!(
            out,
            "deal {} [{}] {} {}: {}; amount {}; date {}; confidence {}",
            k + 1,
            d.id,
            d.kind.as_str(),
            d.status.as_str(),
            parties.join(", "),
            d.amount.as_ref().map_or("none".to_string(), |x| format!(
                "{} {}",
                x.value, x.currency
            )),
            d.date.as_ref().map_or("none", |x| x.value.as_str()),
            d.confidence
        );
    }
    out
}
