//! Deal records: who bought, sold, lent or granted what to whom, for how
//! much, when, and in what state (`../shared/eval/GUIDELINES.md`).
//!
//! Rules over sentences. A sentence with a trigger phrase ([`triggers`])
//! and enough parties becomes a deal: the trigger gives the kind and a frame
//! that assigns roles from the sentence's structure ([`roles`]); cue phrases
//! give the status; the amount and date are the money and date mentions
//! that govern the trigger. A sentence that only adds an amount or date to
//! the deal before it ("The transaction is valued at about 8.8 mln dlrs")
//! completes that deal, and a deal told again is merged into the first
//! telling. Every decision is recorded for `dealtrace explain`.

mod roles;
pub mod triggers;

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::gazetteer::Gazetteer;
use crate::input::Document;
use crate::mention::Mention;
use crate::recognize::{Precision, Value};
use crate::text::Span;
use crate::tokens::Tokens;

pub use roles::Candidate;

/// The kind of deal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Contract,
    Financing,
    Acquisition,
    Investment,
    Agreement,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contract => "contract",
            Kind::Financing => "financing",
            Kind::Acquisition => "acquisition",
            Kind::Investment => "investment",
            Kind::Agreement => "agreement",
        }
    }
}

/// The state of a deal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Proposed,
    Agreed,
    Completed,
    Rejected,
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Agreed => "agreed",
            Status::Completed => "completed",
            Status::Rejected => "rejected",
            Status::Unknown => "unknown",
        }
    }
}

/// A party's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Buyer,
    Vendor,
    Seller,
    Target,
    Funder,
    Recipient,
    Partner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Buyer => "buyer",
            Role::Vendor => "vendor",
            Role::Seller => "seller",
            Role::Target => "target",
            Role::Funder => "funder",
            Role::Recipient => "recipient",
            Role::Partner => "partner",
        }
    }
}

/// What sort of party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartyType {
    Company,
    Bank,
    Government,
    Organization,
    Person,
    /// A unit, asset or stake that changes hands ("the construction
    /// activities of Vogt and Conant Co"); written with type null.
    Asset,
}

impl PartyType {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyType::Company => "company",
            PartyType::Bank => "bank",
            PartyType::Government => "government",
            PartyType::Organization => "organization",
            PartyType::Person => "person",
            PartyType::Asset => "asset",
        }
    }
}

/// A party to a deal, pointing at its name in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub role: Role,
    pub span: Span,
    pub ptype: PartyType,
    pub country: Option<String>,
    /// Gazetteer entity, when a list knows the party.
    pub entity: Option<u32>,
}

/// The amount of a deal: a money mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    pub span: Span,
    pub value: f64,
    pub value_max: Option<f64>,
    pub currency: String,
    pub approximate: bool,
    pub per: Option<String>,
}

/// The date of a deal: a date mention with a value.
#[derive(Clone, Debug, PartialEq)]
pub struct DealDate {
    pub span: Span,
    pub value: String,
    pub precision: Precision,
}

/// A place named in the deal's evidence (a city mention).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub span: Span,
    pub entity: u32,
}

/// One deal found in a document. Spans are bytes into the document text.
#[derive(Clone, Debug, PartialEq)]
pub struct Deal {
    /// Stable id: a hash of the document id, the evidence and the kind.
    pub id: String,
    pub kind: Kind,
    pub status: Status,
    pub parties: Vec<Party>,
    pub amount: Option<Amount>,
    pub date: Option<DealDate>,
    pub places: Vec<Place>,
    pub subject: Option<Span>,
    pub evidence: Span,
    pub confidence: f64,
    /// The rule that made the deal (for `explain`).
    pub rule: String,
    /// The weight of the trigger that made it: how far a retelling may
    /// change what an earlier telling said.
    pub trigger_weight: f64,
}

/// Finds the deals of one document.
pub fn find(doc: &Document, sentences: &[Span], mentions: &[Mention], g: &Gazetteer) -> Vec<Deal> {
    let phrases = Phrases::find(&Tokens::new(&doc.text));
    find_explained(doc, sentences, &phrases, mentions, g, None)
}

/// The trigger and cue phrases of a text, found once over its tokens; a
/// clause takes those inside it (the same as searching the clause alone,
/// since clauses are cut at token edges).
///
/// Every deal is made by a trigger phrase, so a text without one holds no
/// deal whatever its mentions: [`Phrases::has_trigger`] lets a caller that
/// wants only the deals pass such a text over before looking for mentions
/// (about a third of the Reuters text).
pub struct Phrases {
    hits: Vec<TableHit>,
}

impl Phrases {
    pub fn find(tokens: &Tokens) -> Phrases {
        Phrases {
            hits: triggers::TABLES.find_tokens(tokens, 0..tokens.len()),
        }
    }

    /// Whether the text holds a trigger phrase: without one,
    /// [`find_explained`] finds no deal.
    pub fn has_trigger(&self) -> bool {
        self.hits
            .iter()
            .any(|&(_, _, h)| matches!(h, triggers::Hit::Trigger(_)))
    }
}

/// Like [`find`], over the text's phrases found once, and writes a line
/// per decision to `trace` when given.
pub fn find_explained(
    doc: &Document,
    sentences: &[Span],
    phrases: &Phrases,
    mentions: &[Mention],
    g: &Gazetteer,
    mut trace: Option<&mut Vec<(usize, String)>>,
) -> Vec<Deal> {
    let text = doc.text.as_str();
    let mentions: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.field == crate::mention::Field::Text)
        .collect();
    let hits = &phrases.hits;
    let mut deals: Vec<Deal> = Vec::new();
    let mut last_deal_sentence: Option<usize> = None;
    let mut headline: Option<Deal> = None;
    let mut topic: Option<Candidate> = None;
    let mut mi = 0;
    for (si, &sent) in sentences.iter().enumerate() {
        while mi < mentions.len() && mentions[mi].span.start < sent.start {
            mi += 1;
        }
        let mut mj = mi;
        while mj < mentions.len() && mentions[mj].span.start < sent.end {
            mj += 1;
        }
        let in_sentence = &mentions[mi..mj];
        let in_sentence_hits = hits_within(hits, sent);
        for clause in clauses(text, sent, &in_sentence_hits) {
            let in_clause: Vec<&Mention> = in_sentence
                .iter()
                .copied()
                .filter(|m| clause.contains(m.span))
                .collect();
            let clause_hits = hits_within(&in_sentence_hits, clause);
            let outcome = roles::sentence_deal(
                text,
                clause,
                sent,
                &clause_hits,
                &in_clause,
                g,
                topic.as_ref(),
            );
            // Status news can only move a deal told before that is still
            // proposed or agreed (see `apply_status_news`): with none, the
            // clause is not searched for it.
            let news = match outcome {
                roles::Outcome::Deal(_) => None,
                _ if !deals
                    .iter()
                    .any(|d| matches!(d.status, Status::Agreed | Status::Proposed)) =>
                {
                    None
                }
                _ => status_news(&text[clause.start..clause.end]),
            };
            // The company the text is about: the first company or bank that
            // opens a sentence, for "it" in later sentences. Found once.
            if topic.is_none() {
                topic = roles::candidates(text, in_sentence, g)
                    .into_iter()
                    .find(|c| {
                        c.span.start <= sent.start + 40
                            && c.prep.is_none()
                            && matches!(c.ptype, PartyType::Company | PartyType::Bank)
                    });
            }
            // A note is written out only when traced (`explain`): most runs
            // never format one.
            let mut note = |s: std::fmt::Arguments| {
                if let Some(t) = trace.as_deref_mut() {
                    t.push((si, s.to_string()));
                }
            };
            match outcome {
                roles::Outcome::Deal(deal) => {
                    let deal = *deal;
                    if si == 0 && is_headline(&text[sent.start..sent.end]) {
                        note(format_args!(
                            "rule {}: headline deal, kept unless the body tells it",
                            deal.rule
                        ));
                        headline = Some(deal);
                        continue;
                    }
                    // "The $500 million loan, signed on Tuesday, ...": a definite
                    // description right after a deal of that kind goes on telling it.
                    let follows = deals.last().is_some_and(|d| {
                        d.kind == deal.kind
                            && last_deal_sentence.is_some_and(|k| si <= k + 2)
                            && deal.parties.len() <= 1
                            && is_definite_mention(&text[sent.start..sent.end])
                            && !(d.amount.is_some()
                                && deal.amount.is_some()
                                && !same_amount(d.amount.as_ref(), deal.amount.as_ref()))
                    });
                    let k = if follows {
                        Some(deals.len() - 1)
                    } else {
                        deals.iter().position(|d| same_deal(text, d, &deal))
                    };
                    last_deal_sentence = Some(si);
                    if let Some(k) = k {
                        deals[k].evidence = if follows {
                            deals[k].evidence.cover(sent)
                        } else {
                            deals[k].evidence
                        };
                        note(format_args!(
                            "rule {}: the deal told again; merged into deal {}",
                            deal.rule,
                            k + 1
                        ));
                        merge(&mut deals[k], deal);
                    } else {
                        note(format_args!(
                            "rule {}: deal {} ({} {}, {} parties{}{})",
                            deal.rule,
                            deals.len() + 1,
                            deal.kind.as_str(),
                            deal.status.as_str(),
                            deal.parties.len(),
                            if deal.amount.is_some() {
                                ", amount"
                            } else {
                                ""
                            },
                            if deal.date.is_some() { ", date" } else { "" },
                        ));
                        deals.push(deal);
                    }
                }
                roles::Outcome::Continuation { amount, date } => {
                    if let Some(last) = deals.last_mut() {
                        let mut added = Vec::new();
                        if last.amount.as_ref().is_none_or(|x| x.per.is_some()) {
                            if let Some(a) =
                                amount.filter(|a| a.per.is_none() || last.amount.is_none())
                            {
                                last.amount = Some(a);
                                added.push("amount");
                            }
                        }
                        if last.date.is_none() {
                            if let Some(d) = date {
                                last.date = Some(d);
                                added.push("date");
                            }
                        }
                        if !added.is_empty() {
                            last.evidence = last.evidence.cover(sent);
                            note(format_args!(
                                "continues deal {}: adds {}",
                                deals.len(),
                                added.join(" and ")
                            ));
                        }
                    }
                }
                roles::Outcome::Rejected(why) => note(format_args!("{why}")),
                roles::Outcome::Nothing => {}
            }
            // "The 330 kV line was commissioned in November 2018.", "The
            // request was declined.": news of the deals told before.
            if let Some(status) = news {
                let moved = apply_status_news(&mut deals, status);
                if moved > 0 {
                    note(format_args!(
                        "status news: {moved} earlier deal(s) now {}",
                        status.as_str()
                    ));
                }
            }
        }
    }
    if let Some(h) = headline {
        if !told_in_body(text, &h, &deals) {
            deals.insert(0, h);
        } else if let Some(t) = trace {
            t.push((0, "headline deal dropped: the body tells it again".into()));
        }
    }
    fullest_names(&mentions, &mut deals);
    for (k, d) in deals.iter_mut().enumerate() {
        d.id = deal_id(&doc.id, text, d, k);
        d.places.sort_by_key(|p| p.span);
        d.places.dedup_by_key(|p| p.entity);
    }
    deals
}

/// Is `b` the same deal as `a`, told again? Same kind, and the parties of
/// one are all among the other's (by name), with no conflicting amounts.
fn same_deal(text: &str, a: &Deal, b: &Deal) -> bool {
    if a.kind != b.kind || a.parties.is_empty() || b.parties.is_empty() {
        return false;
    }
    if !same_amount(a.amount.as_ref(), b.amount.as_ref()) {
        return false;
    }
    // A new offer after a completed purchase is a new deal ("bought a 9.9
    // pct stake ... has proposed a tender offer for the rest").
    if a.status == Status::Completed && b.status == Status::Proposed && b.amount.is_some() {
        return false;
    }
    let names = |d: &Deal| -> Vec<String> {
        d.parties
            .iter()
            .map(|p| roles::name_key(text, p.span))
            .collect()
    };
    let (na, nb) = (names(a), names(b));
    let shared = nb
        .iter()
        .filter(|n| na.iter().any(|m| roles::keys_match(m, n)))
        .count();
    shared >= 2 || (shared >= 1 && nb.len() == 1)
}

/// Fills what `a` lacks from `b`.
fn merge(a: &mut Deal, b: Deal) {
    // A total beats a price per share.
    let per_share = a.amount.as_ref().is_some_and(|x| x.per.is_some());
    if a.amount.is_none() || (per_share && b.amount.as_ref().is_some_and(|x| x.per.is_none())) {
        a.amount = b.amount;
    }
    if a.date.is_none() {
        a.date = b.date;
    }
    // A later telling that the deal was rejected or completed is news; one
    // that it was proposed or agreed adds nothing to the first telling.
    if a.status == Status::Unknown
        || matches!(b.status, Status::Rejected)
        || (b.status == Status::Completed
            && a.status != Status::Rejected
            && b.trigger_weight >= 0.8)
    {
        a.status = b.status;
    }
    a.places.extend(b.places);
    a.confidence = a.confidence.max(b.confidence);
}

/// A stable id: FNV-1a (64 bit) over the document id, the evidence text and
/// its offset, the kind and the deal's rank. The same text gives the same
/// ids on every run and machine (std's hasher promises no such thing).
fn deal_id(doc_id: &str, text: &str, d: &Deal, rank: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(doc_id.as_bytes());
    eat(&text.as_bytes()[d.evidence.start..d.evidence.end]);
    eat(&(d.evidence.start as u64).to_le_bytes());
    eat(d.kind.as_str().as_bytes());
    eat(&(rank as u64).to_le_bytes());
    // `format!("{h:016x}")`, by hand: one id per deal.
    (0..16)
        .rev()
        .map(|k| char::from(b"0123456789abcdef"[(h >> (4 * k)) as usize & 15]))
        .collect()
}

/// The money value of a mention, as a deal amount.
fn amount_of(m: &Mention) -> Option<Amount> {
    match &m.value {
        Some(Value::Money {
            value,
            value_max,
            currency,
            approximate,
            per,
        }) => Some(Amount {
            span: m.span,
            value: *value,
            value_max: *value_max,
            currency: currency.clone(),
            approximate: *approximate,
            per: per.clone(),
        }),
        _ => None,
    }
}

/// The date value of a mention, when it has one.
fn date_of(m: &Mention) -> Option<DealDate> {
    match &m.value {
        Some(Value::Date {
            value: Some(v),
            precision,
            ..
        }) => Some(DealDate {
            span: m.span,
            value: v.clone(),
            precision: *precision,
        }),
        _ => None,
    }
}

/// Do two amounts agree? A per-share price and a total never conflict.
fn same_amount(a: Option<&Amount>, b: Option<&Amount>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) if x.per.is_some() == y.per.is_some() => {
            x.currency == y.currency && (x.value - y.value).abs() <= 0.005 * x.value.abs()
        }
        _ => true,
    }
}

/// Does the sentence open with a definite description of a deal ("The $500
/// million loan", "The transaction", "The agreement")?
fn is_definite_mention(sentence: &str) -> bool {
    let mut words = sentence.split_whitespace();
    matches!(words.next(), Some("The" | "This"))
        && words.take(5).any(|w| {
            matches!(
                w.trim_end_matches([',', '.']),
                "loan"
                    | "deal"
                    | "contract"
                    | "agreement"
                    | "transaction"
                    | "acquisition"
                    | "purchase"
                    | "credit"
                    | "grant"
                    | "investment"
                    | "sale"
                    | "merger"
                    | "offer"
                    | "financing"
                    | "project"
                    | "venture"
            )
        })
}

/// A headline ("Laos secures $500 million loan from China Eximbank"): a
/// first sentence with no final stop.
fn is_headline(sentence: &str) -> bool {
    !sentence.ends_with(['.', '!', '?', '"', '\u{201D}'])
        && sentence.split_whitespace().count() <= 25
}

/// Does a body record of the same kind share a party with the headline's?
/// Then the body's fuller telling stands alone.
fn told_in_body(text: &str, h: &Deal, deals: &[Deal]) -> bool {
    let key = |d: &Deal| -> Vec<String> {
        d.parties
            .iter()
            .map(|p| roles::name_key(text, p.span))
            .collect()
    };
    let hk = key(h);
    deals.iter().any(|d| {
        d.kind == h.kind
            && key(d)
                .iter()
                .any(|n| hk.iter().any(|m| roles::keys_match(m, n)))
    })
}

/// Names a party by the fullest form the document gives it: an acronym or
/// short form by the full name it stands for ("EEP": "Ethiopian Electric
/// Power"), a listed entity by its longest mention ("ICBC": "Industrial and
/// Commercial Bank of China"). The span then points at that fuller mention.
fn fullest_names(mentions: &[&Mention], deals: &mut [Deal]) {
    for d in deals.iter_mut() {
        for p in d.parties.iter_mut() {
            let Some(m) = mentions
                .iter()
                .find(|m| m.span == p.span && m.value.is_none())
            else {
                continue;
            };
            if let Some(full) = m.full {
                p.span = full;
            } else if let Some(e) = m
                .entity
                .filter(|_| matches!(&*m.label, "company" | "bank" | "organization"))
            {
                if let Some(longest) = mentions
                    .iter()
                    .filter(|o| o.entity.is_some_and(|x| x.entity == e.entity))
                    .max_by_key(|o| (o.span.len(), std::cmp::Reverse(o.span.start)))
                {
                    p.span = longest.span;
                }
            }
        }
    }
}

/// The clauses of a sentence that each tell a deal of their own: the
/// sentence is cut at "; " and ", and " when the parts on both sides hold a
/// trigger phrase ("The ministry awarded a contract to Safaricom in January,
/// and the ministry is weighing an extension that Huawei has offered to
/// build"). Otherwise the whole sentence is one clause.
fn clauses(text: &str, sent: Span, hits: &[TableHit]) -> Vec<Span> {
    let s = &text[sent.start..sent.end];
    static SEPARATORS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        [
            memchr::memmem::Finder::new("; "),
            memchr::memmem::Finder::new(", and "),
        ]
    });
    let mut cuts: Vec<usize> = Vec::new();
    for sep in SEPARATORS.iter() {
        cuts.extend(sep.find_iter(s.as_bytes()));
    }
    if cuts.is_empty() {
        return vec![sent];
    }
    cuts.sort_unstable();
    let has_trigger = |a: usize, b: usize| {
        let (a, b) = (sent.start + a, sent.start + b);
        hits.iter()
            .any(|&(s, e, h)| a <= s && e <= b && matches!(h, triggers::Hit::Trigger(_)))
    };
    let mut out = Vec::new();
    let mut start = 0;
    for &c in &cuts {
        if has_trigger(start, c) && has_trigger(c, s.len()) {
            out.push(Span::new(sent.start + start, sent.start + c));
            start = c;
        }
    }
    out.push(Span::new(sent.start + start, sent.end));
    out
}

/// A trigger or cue found in the text: byte start, byte end, what it is.
pub type TableHit = (usize, usize, triggers::Hit);

/// The hits lying wholly inside `span`, in their order. Hits are sorted by
/// end, so a binary search finds the stretch to look at.
fn hits_within(hits: &[TableHit], span: Span) -> Vec<TableHit> {
    let lo = hits.partition_point(|&(_, e, _)| e <= span.start);
    let hi = hits.partition_point(|&(_, e, _)| e <= span.end).max(lo);
    hits[lo..hi]
        .iter()
        .copied()
        .filter(|&(s, _, _)| span.start <= s)
        .collect()
}

/// A sentence with no deal of its own that reports a state of the deals
/// told before: the project or the work was completed, the money disbursed
/// (completed); the loan or request was cancelled, suspended or declined
/// (rejected). Only sentences whose subject is the deal or its project
/// count ("The project was completed in 2019").
fn status_news(clause: &str) -> Option<Status> {
    /// Every phrase below holds one of these words: a cheap test first.
    /// One vectorized substring search per verb: an automaton over the
    /// five would prefilter on their first letters (w, b, e), which are
    /// everywhere, and walk the clause a byte at a time.
    static VERBS: LazyLock<[memchr::memmem::Finder<'static>; 5]> = LazyLock::new(|| {
        ["was", "were", "began", "entered", "went"].map(memchr::memmem::Finder::new)
    });
    const DONE: &[&str] = &[
        "was completed",
        "were completed",
        "was commissioned",
        "was inaugurated",
        "was fully disbursed",
        "were fully disbursed",
        "was disbursed",
        "were disbursed",
        "was handed over",
        "began operation",
        "entered operation",
        "entered into operation",
        "went into operation",
        "was finished",
    ];
    const OFF: &[&str] = &[
        "was cancelled",
        "was canceled",
        "was suspended",
        "was declined",
        "was rejected",
        "was terminated",
        "was withdrawn",
        "was scrapped",
        "was abandoned",
        "were cancelled",
    ];
    /// OFF phrases then DONE phrases, in one automaton.
    static NEWS: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(OFF.iter().chain(DONE)).expect("status phrases"));
    const ABOUT_DEAL: &[&str] = &[
        "the project",
        "the line",
        "the plant",
        "the road",
        "the work",
        "the loan",
        "the credit",
        "the request",
        "the deal",
        "the contract",
        "the facility",
        "the grant",
        "the construction",
        "the dam",
        "the station",
        "the airport",
        "the hospital",
        "the proceeds",
        "the agreement",
    ];
    /// Each subject as it may open the clause ("the project", "project ")
    /// or follow a comma (", the project").
    static SUBJECTS: LazyLock<Vec<(&str, String, String)>> = LazyLock::new(|| {
        ABOUT_DEAL
            .iter()
            .map(|p| {
                (
                    *p,
                    format!("{} ", p.trim_start_matches("the ")),
                    format!(", {p}"),
                )
            })
            .collect()
    });
    // Every phrase holds one of these words, which no squashing or lower
    // casing makes or unmakes (no white space; no letter that a non-ASCII
    // capital lower-cases to): a case-blind search of the clause as it is
    // turns away nearly every clause before any copy.
    static KEYS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "completed",
                "commissioned",
                "inaugurated",
                "disbursed",
                "handed",
                "operation",
                "finished",
                "cancelled",
                "canceled",
                "suspended",
                "declined",
                "rejected",
                "terminated",
                "withdrawn",
                "scrapped",
                "abandoned",
            ])
            .expect("status words")
    });
    if !VERBS.iter().any(|v| v.find(clause.as_bytes()).is_some()) || !KEYS.is_match(clause) {
        return None;
    }
    let lower = crate::text::squash_lower(clause);
    let (mut off, mut done) = (false, false);
    for m in NEWS.find_overlapping_iter(&lower) {
        if m.pattern().as_usize() < OFF.len() {
            off = true;
        } else {
            done = true;
        }
    }
    if !off && !done {
        return None;
    }
    let about_deal = SUBJECTS.iter().any(|(p, bare, after_comma)| {
        lower.starts_with(p)
            || lower.starts_with(bare.as_str())
            || lower.contains(after_comma.as_str())
    });
    let subject_first = lower.starts_with("the ")
        || lower.starts_with("construction ")
        || lower.starts_with("work ");
    if !about_deal && !subject_first {
        return None;
    }
    if off {
        return Some(Status::Rejected);
    }
    if done && !lower.contains("expected") && !lower.contains(" will ") {
        return Some(Status::Completed);
    }
    None
}

/// Moves the deals told so far to `status`: a completed project completes
/// every agreed deal behind it; a cancellation ends the last one told.
/// Returns how many moved.
fn apply_status_news(deals: &mut [Deal], status: Status) -> usize {
    let from = if status == Status::Rejected {
        deals.len().saturating_sub(1)
    } else {
        0
    };
    let mut moved = 0;
    for d in deals[from..].iter_mut() {
        let applies = match status {
            Status::Completed => d.status == Status::Agreed,
            _ => matches!(d.status, Status::Agreed | Status::Proposed),
        };
        if applies {
            d.status = status;
            moved += 1;
        }
    }
    moved
}
