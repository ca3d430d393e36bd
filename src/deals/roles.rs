//! One sentence to one deal: party candidates, the governing trigger, roles
//! from the trigger's frame and the sentence's prepositions, the amount and
//! date nearest the trigger.

use super::triggers::{Frame, Hit, Trigger};
use super::{amount_of, date_of, Amount, Deal, DealDate, Party, PartyType, Place, Role, Status};
use crate::gazetteer::Gazetteer;
use crate::mention::Mention;
use crate::text::{is_word_char, Span};
use std::sync::LazyLock;

/// A mention that can be a party.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub span: Span,
    pub ptype: PartyType,
    pub country: Option<String>,
    pub entity: Option<u32>,
    /// The preposition before it ("from", "by", "to", "with", "for", "of",
    /// "in"), if any.
    pub prep: Option<&'static str>,
}

/// What one sentence yields.
pub enum Outcome {
    Deal(Box<Deal>),
    /// No deal of its own, but an amount or date for the deal before it.
    Continuation {
        amount: Option<Amount>,
        date: Option<DealDate>,
    },
    Rejected(Rejection),
    Nothing,
}

/// Why a sentence was turned down (a hypothetical, or a trigger without
/// the parties or amount a deal needs), for `explain`: kept as the parts of
/// the message and written only when asked for, since many sentences of a
/// run are turned down and, outside `explain`, none is traced.
#[derive(Clone, Debug)]
pub enum Rejection {
    Hypothetical,
    NoParty(&'static str),
    MarketTrading(&'static str),
    FewParties {
        phrase: &'static str,
        kind: &'static str,
        parties: usize,
    },
    NoRole(&'static str),
    WeakTrigger(&'static str),
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejection::Hypothetical => f.write_str("a hypothetical (\"were to\")"),
            Rejection::NoParty(p) => write!(f, "trigger {p:?} but no party"),
            Rejection::MarketTrading(p) => write!(f, "{p:?} here is market trading"),
            Rejection::FewParties {
                phrase,
                kind,
                parties,
            } => write!(
                f,
                "trigger {phrase:?} ({kind}) but {parties} party and no amount"
            ),
            Rejection::NoRole(p) => write!(f, "trigger {p:?} but no party takes a role"),
            Rejection::WeakTrigger(p) => write!(f, "weak trigger {p:?} and no amount"),
        }
    }
}

const PREPOSITIONS: &[&str] = &[
    "from", "by", "to", "with", "for", "of", "in", "into", "at", "across", "on", "between",
];

/// Words that point back to a deal already told.
const ANAPHORS: &[&str] = &[
    "the transaction",
    "the deal",
    "the acquisition",
    "the purchase",
    "the sale",
    "the offer",
    "the loan",
    "the agreement",
    "the contract",
    "the merger",
    "the stock",
    "the shares",
    "the project",
    "the bid",
];

/// Does `lower` (lower-cased) hold one of [`ANAPHORS`]? Every sentence
/// with an amount asks. Every anaphor starts with "the ", so one is found
/// at an occurrence of "the " or nowhere: a SIMD search for those few
/// places, then a look at the word after each, instead of running the
/// automaton over every byte (a quarter of the instructions).
fn has_anaphor(lower: &str) -> bool {
    static THE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("the "));
    debug_assert!(ANAPHORS.iter().all(|a| a.starts_with("the ")));
    let b = lower.as_bytes();
    THE.find_iter(b)
        .any(|p| ANAPHORS.iter().any(|a| b[p..].starts_with(a.as_bytes())))
}

static ANAPHOR_AUTOMATON: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| aho_corasick::AhoCorasick::new(ANAPHORS).expect("anaphors"));

/// Where each of [`ANAPHORS`] ends in `lower`, every occurrence. No phrase
/// overlaps itself, so this is what a search per phrase would find.
fn anaphor_ends(lower: &str) -> impl Iterator<Item = usize> + '_ {
    ANAPHOR_AUTOMATON
        .find_overlapping_iter(lower)
        .map(|m| m.end())
}

/// Regulators and courts approve or block deals; they are not parties.
const REGULATORS: &[&str] = &[
    "Commission",
    "Federal Reserve",
    "Justice Department",
    "Department of Justice",
    "Bank Board",
    "Court",
    "Stock Exchange",
    "Reserve Board",
    "Securities and Exchange",
];

/// Party candidates of a sentence, in order, the longest of overlapping
/// mentions kept.
/// The mentions (sorted by start, as every mention list is) that start at
/// a byte in `from..=to`: a binary search, so that a sentence with a
/// million mentions is not searched a million times over.
fn starting_in<'a, 'm>(mentions: &'a [&'m Mention], from: usize, to: usize) -> &'a [&'m Mention] {
    debug_assert!(mentions
        .windows(2)
        .all(|w| w[0].span.start <= w[1].span.start));
    let a = mentions.partition_point(|m| m.span.start < from);
    let b = mentions.partition_point(|m| m.span.start <= to);
    &mentions[a..b.max(a)]
}

pub fn candidates(text: &str, mentions: &[&Mention], g: &Gazetteer) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for m in mentions {
        let (ptype, country, entity) = match (m.label, m.entity) {
            ("company", e) => (
                PartyType::Company,
                e.and_then(|e| g.entity(e.entity).country.clone()),
                e.map(|e| e.entity),
            ),
            ("bank", e) => (
                PartyType::Bank,
                e.and_then(|e| g.entity(e.entity).country.clone()),
                e.map(|e| e.entity),
            ),
            ("organization", e) => (
                PartyType::Organization,
                e.and_then(|e| g.entity(e.entity).country.clone()),
                e.map(|e| e.entity),
            ),
            ("person", _) => (PartyType::Person, None, None),
            ("government", _) => {
                let country = starting_in(mentions, m.span.start, m.span.end)
                    .iter()
                    .find(|c| {
                        (c.is_label("country") || c.is_label("city")) && m.span.contains(c.span)
                    })
                    .and_then(|c| c.entity)
                    .and_then(|e| g.entity(e.entity).country.clone());
                (PartyType::Government, country, None)
            }
            ("country", Some(e)) => {
                let form = g.form(g.names[e.name as usize].form);
                if matches!(form, "adjective" | "demonym") {
                    continue;
                }
                (
                    PartyType::Government,
                    g.entity(e.entity).country.clone(),
                    Some(e.entity),
                )
            }
            _ => continue,
        };
        let name = &text[m.span.start..m.span.end];
        // Tickers ("<CAWL.L>") and regulators are not parties.
        if text[..m.span.start].ends_with('<') && !name.contains(' ') && name == name.to_uppercase()
        {
            continue;
        }
        let next_word = text[m.span.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        static REGULATOR: LazyLock<aho_corasick::AhoCorasick> =
            LazyLock::new(|| aho_corasick::AhoCorasick::new(REGULATORS).expect("regulator names"));
        if REGULATOR.is_match(name)
            || matches!(
                name,
                "SEC" | "FTC" | "FCC" | "ICC" | "FDIC" | "Fed" | "CFIUS" | "MMC"
            )
            || matches!(next_word, "Board" | "Commission" | "Court")
        {
            continue;
        }
        // "a Bahamas-based firm": where a party is, not who it is; "Brazil's
        // state oil company": whose it is.
        // "U.S. refining outlets", "Gelco U.K.": an abbreviation names a
        // country as a party only before punctuation or a verb-like word.
        if m.is_label("country")
            && m.entity
                .is_some_and(|e| g.form(g.names[e.name as usize].form) == "abbrev")
            && !text[m.span.end..]
                .trim_start_matches(' ')
                .starts_with([',', '.', ';', ':', ')', '\n'])
        {
            continue;
        }
        if m.is_label("country")
            && ["-based", "'s ", "\u{2019}s "]
                .iter()
                .any(|p| text[m.span.end..].starts_with(p))
        {
            continue;
        }
        let mut prep = preposition_before(text, m.span.start);
        // "may lead to Redland Plc making an offer": the subject of a gerund.
        let next = text[m.span.end..]
            .split_whitespace()
            .find(|w| !(w.starts_with('<') && w.ends_with('>')))
            .unwrap_or("");
        if next.ends_with("ing") && next.len() > 5 && next.chars().all(char::is_lowercase) {
            prep = None;
        }
        // "the U.S. Justice Department": a country naming an organization.
        if ptype == PartyType::Government && m.is_label("country") {
            let rest = &text[m.span.end..];
            let owner = rest
                .strip_prefix("'s")
                .or_else(|| rest.strip_prefix("\u{2019}s"))
                .unwrap_or(rest);
            let next = owner.trim_start_matches([' ', '\n']);
            let at = m.span.end + (rest.len() - next.len());
            if next.starts_with(|c: char| c.is_uppercase())
                && starting_in(mentions, at, at)
                    .iter()
                    .any(|o| !o.is_label("country") && !o.is_label("city"))
            {
                continue;
            }
        }
        if ptype == PartyType::Government
            && m.is_label("country")
            && matches!(prep, Some("in" | "of" | "at" | "across" | "on"))
        {
            continue;
        }
        // Reuters writes the ticker after the name: "Conrac Corp <CNR>".
        let c = Candidate {
            span: m.span,
            ptype,
            country,
            entity,
            prep,
        };
        if let Some(last) = out.last_mut() {
            if last.span.overlaps(c.span) {
                if c.span.len() > last.span.len() {
                    *last = c;
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The preposition right before byte `at` (skipping "the", "a", "an" and
/// adjectives is not attempted: "from the Uzbek government" gives "from").
fn preposition_before(text: &str, at: usize) -> Option<&'static str> {
    // Walk back over determiners and owners: "to the U.S.'s Reynolds".
    for token in crate::text::before(text, at, 80)
        .split_whitespace()
        .rev()
        .take(4)
    {
        let w = token.trim_matches(|c: char| !is_word_char(c) && c != '\'' && c != '\u{2019}');
        if w.is_empty() && !token.contains(',') {
            // "to <Global Mining Corp>": Reuters' brackets.
            continue;
        }
        if matches!(w, "the" | "a" | "an" | "its" | "their" | "his" | "her")
            || w.ends_with("'s")
            || w.ends_with("\u{2019}s")
            || w.ends_with('\'')
        {
            continue;
        }
        if token.ends_with(',') {
            return None;
        }
        return PREPOSITIONS.iter().copied().find(|p| *p == w);
    }
    None
}

/// Normalized name tokens, for comparing parties.
pub fn name_key(text: &str, span: Span) -> String {
    const LEGAL: &[&str] = &[
        "inc",
        "corp",
        "co",
        "ltd",
        "plc",
        "llc",
        "group",
        "holdings",
        "sa",
        "ag",
        "nv",
        "the",
        "company",
        "corporation",
        "limited",
        "s",
        "government",
    ];
    text[span.start..span.end]
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !LEGAL.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does one key's words all occur in the other's?
pub fn keys_match(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    wa.iter().all(|w| wb.contains(w)) || wb.iter().all(|w| wa.contains(w))
}

/// Finds the deal of one sentence, if it holds one.
#[allow(clippy::too_many_arguments)]
pub fn sentence_deal(
    text: &str,
    sent: Span,
    evidence: Span,
    hits: &[super::TableHit],
    mentions: &[&Mention],
    g: &Gazetteer,
    topic: Option<&Candidate>,
) -> Outcome {
    let s_text = &text[sent.start..sent.end];
    let mut triggers: Vec<(Span, &'static Trigger)> = Vec::new();
    let mut cue: Option<(u8, Status, &'static str)> = None;
    for &(s, e, hit) in hits {
        let span = Span::new(s, e);
        match hit {
            Hit::Trigger(t) => triggers.push((span, t)),
            Hit::Cue(c) => {
                // "declined to comment" refuses a question, not a deal.
                let refuses_question =
                    c.phrase == "declined" && text[span.end..].trim_start().starts_with("to ");
                if !refuses_question && cue.is_none_or(|(p, _, _)| c.priority > p) {
                    cue = Some((c.priority, c.status, c.phrase));
                }
            }
        }
    }
    // "paid" makes a contract only with its payee right after it ("paid
    // CEIEC $240 million"), not in "paid 1.2 billion yen for a stake".
    triggers.retain(|(span, t)| {
        t.phrase != "paid"
            || mentions.iter().any(|m| {
                m.value.is_none()
                    && m.span.start > span.end
                    && text[span.end..m.span.start].trim().is_empty()
            })
    });
    // Leftmost-longest among triggers: "tender offer", not "tender".
    triggers.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    triggers.dedup_by(|b, a| a.0.overlaps(b.0));

    let amounts = || -> Vec<Amount> {
        mentions
            .iter()
            .filter(|m| is_money(m) && !is_context_money(text, m.span))
            .filter_map(|m| amount_of(m))
            .collect()
    };
    let dates: Vec<DealDate> = mentions.iter().filter_map(|m| date_of(m)).collect();

    // "if Waste Management were to sign such an agreement": hypothetical.
    static WERE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("were"));
    if WERE.find(s_text.as_bytes()).is_some() && crate::text::squash(s_text).contains(" were to ") {
        return Outcome::Rejected(Rejection::Hypothetical);
    }
    // Most sentences hold no trigger: they can at most add an amount to
    // the deal before them ("the transaction is valued at ..."), and need
    // none of the party analysis below.
    if triggers.is_empty() {
        if dates.is_empty() && !mentions.iter().any(|m| is_money(m)) {
            return Outcome::Nothing;
        }
        let lower = s_text.to_lowercase();
        if !has_anaphor(&lower) {
            return Outcome::Nothing;
        }
        let amounts = amounts();
        if amounts.is_empty() && dates.is_empty() {
            return Outcome::Nothing;
        }
        return Outcome::Continuation {
            amount: pick_amount(&amounts, sent.start),
            date: None,
        };
    }
    let amounts = amounts();
    let cands = candidates(text, mentions, g);
    // "Kessler said the transaction is subject to financing": a sentence
    // about the deal already told, not a new one.
    let about_told = cands.len() <= 1 && {
        let lower = crate::text::squash_lower(s_text);
        // The told deal as the subject: "the transaction is subject to",
        // "the merger would", "the offer, which".
        // Bound to a name: the iterator borrows `lower`, which the block's
        // value must outlive.
        let told = anaphor_ends(&lower).any(|end| {
            let rest = &lower[end..];
            [
                " is ",
                " was ",
                " will ",
                " would ",
                " has ",
                " had ",
                ", ",
                " remains ",
                " requires ",
                " calls ",
                " must ",
            ]
            .iter()
            .any(|v| rest.starts_with(v))
        });
        told
    };
    if cands.is_empty() || triggers.is_empty() || about_told {
        // "As previously announced, the transaction is valued at about 8.8
        // mln dlrs": no deal of its own, but an amount for the one before.
        let lower = s_text.to_lowercase();
        let anaphoric = has_anaphor(&lower)
            || (!triggers.is_empty()
                && (lower.starts_with("it ") || lower.contains(" he ") || lower.contains(" it ")));
        if anaphoric && (!amounts.is_empty() || !dates.is_empty()) {
            let at = triggers.first().map_or(sent.start, |t| t.0.start);
            // Without a trigger of its own, a sentence's dates are about
            // something else ("made losses in 1985").
            return Outcome::Continuation {
                amount: pick_amount(&amounts, at),
                date: if triggers.is_empty() {
                    None
                } else {
                    pick_nearest(text, &dates, at)
                },
            };
        }
        return match triggers.first() {
            Some(t) => Outcome::Rejected(Rejection::NoParty(t.1.phrase)),
            None => Outcome::Nothing,
        };
    }

    // The governing trigger: the one nearest the amount, else the strongest.
    let first_amount = amounts.iter().find(|a| a.per.is_none()).or(amounts.first());
    let (tspan, trig) = *match first_amount {
        Some(a) => triggers
            .iter()
            .min_by_key(|(s, t)| (distance(*s, a.span) as f64 / t.weight.max(0.1)) as usize)
            .expect("non-empty"),
        None => triggers
            .iter()
            .max_by(|a, b| {
                a.1.weight
                    .partial_cmp(&b.1.weight)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.0.start.cmp(&a.0.start))
            })
            .expect("non-empty"),
    };

    // "a bid from Hikvision to supply 4,000 cameras": an offer to supply is
    // a contract offer; the supplying trigger gives kind and frame.
    // "the stock recently sold in the high teens": the market, not a deal.
    if matches!(
        trig.phrase,
        "sold" | "sell" | "bought" | "buy" | "buying" | "selling"
    ) {
        let near = (tspan.start - sent.start).min(30);
        let before = crate::text::squash_lower(crate::text::before(text, tspan.start, near));
        if before.contains("stock") || before.contains("shares") || before.contains("clients") {
            return Outcome::Rejected(Rejection::MarketTrading(trig.phrase));
        }
    }
    let offer_weight = trig.weight;
    let (tspan, trig) = if matches!(
        trig.phrase,
        "bid" | "offer" | "offered" | "has offered" | "proposal"
    ) {
        triggers
            .iter()
            .find(|(s, t)| s.start > tspan.end && s.start - tspan.end < 60 && t.kind != trig.kind)
            .copied()
            .unwrap_or((tspan, trig))
    } else {
        (tspan, trig)
    };
    let mut cands = cands;
    cands.extend(unlisted_names(text, sent, tspan, &cands));
    cands.sort_by_key(|c| c.span.start);
    let rejected_before = cue.is_some_and(|(_, s, _)| s == Status::Rejected)
        && hits.iter().any(|&(s, _, h)| {
            matches!(h, Hit::Cue(c) if c.status == Status::Rejected) && s < tspan.start
        });
    // "Last year it turned down ...": "it" is the company the text is about.
    let pronoun_subject = {
        let lead = text[sent.start..tspan.start].to_lowercase();
        (lead.starts_with("it ") || lead.contains(" it ") || lead.starts_with("the company "))
            && !cands
                .iter()
                .any(|c| c.span.end <= tspan.start && c.prep.is_none())
    };
    let fallback = if pronoun_subject { topic } else { None };
    let parties = assign_roles(text, tspan, trig, &cands, rejected_before, fallback);
    let amount = pick_amount(&amounts, tspan.start);
    // One party and an amount makes a deal only when the amount belongs to
    // the trigger ("bought the stock for 116,554 dlrs"), not to a remark
    // further on ("the stock sold ... a risk of 10 dlrs").
    let amount_near = amount.as_ref().is_some_and(|a| {
        distance(a.span, tspan) <= 60 && trig.weight >= 0.6 || distance(a.span, tspan) <= 3
    });
    if parties.len() < 2 && !amount_near {
        return Outcome::Rejected(Rejection::FewParties {
            phrase: trig.phrase,
            kind: trig.kind.as_str(),
            parties: parties.len(),
        });
    }
    if parties.is_empty() {
        return Outcome::Rejected(Rejection::NoRole(trig.phrase));
    }
    // (An offer "to supply" keeps the offer's weight.)
    if trig.weight.max(offer_weight) < 0.6 && amount.is_none() {
        return Outcome::Rejected(Rejection::WeakTrigger(trig.phrase));
    }
    let mut status = match cue {
        Some((_, s, _)) if s != Status::Unknown => s,
        _ => trig.status,
    };
    // A past-tense trigger outranks weak proposal cues ("may", "would").
    if trig.status == Status::Completed
        && cue.is_some_and(|(p, s, _)| s == Status::Proposed && p <= 4)
    {
        status = Status::Completed;
    }
    if status == Status::Unknown {
        status = Status::Agreed;
    }
    let date = pick_nearest(text, &dates, tspan.start);
    let places = mentions
        .iter()
        .filter(|m| m.is_label("city"))
        .filter_map(|m| {
            m.entity.map(|e| Place {
                span: m.span,
                entity: e.entity,
            })
        })
        .collect();
    let mut confidence: f64 = 0.35 + 0.2 * trig.weight;
    if parties.len() >= 2 {
        confidence += 0.15;
    }
    if amount.is_some() {
        confidence += 0.15;
    }
    if date.is_some() {
        confidence += 0.05;
    }
    if parties.iter().any(|p| p.entity.is_some()) {
        confidence += 0.05;
    }
    if cue.is_none() {
        confidence -= 0.05;
    }
    let rule = format!(
        "{}/{:?} on {:?}{}",
        trig.kind.as_str(),
        trig.frame,
        trig.phrase,
        cue.map_or(String::new(), |(_, s, p)| format!(
            ", status {} from {:?}",
            s.as_str(),
            p
        ))
    );
    Outcome::Deal(Box::new(Deal {
        id: String::new(),
        kind: trig.kind,
        status,
        parties,
        amount,
        date,
        places,
        subject: subject_phrase(text, sent, tspan, mentions),
        evidence,
        confidence: (confidence * 100.0).round().clamp(0.0, 100.0) / 100.0,
        rule,
        trigger_weight: trig.weight,
    }))
}

/// Money that describes a party, not the deal ("a 500 mln dlr-asset bank",
/// "sales of 27 billion dlrs").
fn is_money(m: &Mention) -> bool {
    matches!(m.value, Some(crate::recognize::Value::Money { .. }))
}

fn is_context_money(text: &str, span: Span) -> bool {
    let after = crate::text::squash_lower(crate::text::after(text, span.end, 24));
    let before = crate::text::squash_lower(crate::text::before(text, span.start, 24));
    // "a 1.3 billion dlr thrift institution": a size, not a price.
    let next = after.split_whitespace().next().unwrap_or("");
    const SIZED: &[&str] = &[
        "thrift",
        "institution",
        "bank",
        "company",
        "firm",
        "group",
        "concern",
        "holding",
        "maker",
        "producer",
        "retailer",
        "insurer",
        "utility",
        "chain",
        "conglomerate",
        "economy",
        "market",
        "industry",
        "budget",
    ];
    SIZED.contains(&next)
        || after.starts_with("-asset")
        || after.starts_with(" in sales")
        || after.starts_with(" in revenue")
        || after.starts_with(" in assets")
        || after.starts_with(" in debt")
        || after.starts_with(" of debt")
        || after.starts_with(" of existing debt")
        || before.ends_with("sales of ")
        || before.ends_with("revenues of ")
        || before.ends_with("assets of ")
        || before.ends_with("debt of ")
        || before.ends_with("income of ")
        || before.ends_with("loss of ")
        || before.ends_with("profit of ")
        || before.ends_with("earnings of ")
        || before.ends_with("turnover of ")
}

fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The amount nearest the trigger; a total before a per-share price.
fn pick_amount(amounts: &[Amount], at: usize) -> Option<Amount> {
    let near = |a: &&Amount| distance(a.span, Span::new(at, at));
    amounts
        .iter()
        .filter(|a| a.per.is_none())
        .min_by_key(near)
        .or_else(|| amounts.iter().min_by_key(near))
        .cloned()
}

fn pick_nearest(text: &str, dates: &[DealDate], at: usize) -> Option<DealDate> {
    dates
        .iter()
        .filter(|d| !is_other_date(text, d.span))
        .min_by_key(|d| distance(d.span, Span::new(at, at)))
        .cloned()
}

fn party(c: &Candidate, role: Role) -> Party {
    Party {
        role,
        span: c.span,
        ptype: c.ptype,
        country: c.country.clone(),
        entity: c.entity,
    }
}

/// Assigns roles to the candidates around the trigger by its frame.
fn assign_roles(
    text: &str,
    tspan: Span,
    trig: &Trigger,
    cands: &[Candidate],
    rejected_before: bool,
    fallback_subject: Option<&Candidate>,
) -> Vec<Party> {
    // A name right after the trigger is its object, whatever preposition
    // ends the trigger ("stake in X", "shares of X", "offer for X").
    let cands: Vec<Candidate> = cands
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if c.span.start >= tspan.end && is_direct(&text[tspan.end..c.span.start]) {
                c.prep = None;
            }
            c
        })
        .collect();
    let cands = cands.as_slice();
    let before: Vec<&Candidate> = cands.iter().filter(|c| c.span.end <= tspan.start).collect();
    let after: Vec<&Candidate> = cands.iter().filter(|c| c.span.start >= tspan.end).collect();
    let with_prep = |p: &str| after.iter().copied().find(|c| c.prep == Some(p));
    // The subject: nearest candidate before the trigger that is not the
    // object of a preposition.
    let subject = before
        .iter()
        .rev()
        .copied()
        .find(|c| {
            !matches!(
                c.prep,
                Some("from" | "by" | "to" | "with" | "in" | "of" | "for" | "into" | "at" | "on")
            )
        })
        .or_else(|| before.last().copied());
    // "X said it has acquired ...", "X told the SEC he bought ...": the
    // one who speaks is the subject, wherever other names stand between.
    let speaker = before.first().copied().filter(|first| {
        let between = crate::text::squash_lower(&text[first.span.end..tspan.start]);
        first.prep.is_none()
            && [
                " said it ",
                " said he ",
                " told ",
                " he ",
                " it has ",
                " it had ",
            ]
            .iter()
            .any(|p| between.contains(p))
    });
    let subject = speaker.or(subject);
    // "an offer from Mubadala Capital to invest": who is to act.
    let controller = before.iter().rev().copied().find(|c| {
        let between: Vec<&str> = text[c.span.end..tspan.start].split_whitespace().collect();
        between == ["to"]
    });
    let subject = controller.or(subject).or(fallback_subject);
    let object = after.iter().copied().find(|c| {
        !matches!(
            c.prep,
            Some("from" | "by" | "to" | "with" | "in" | "into" | "at" | "on")
        )
    });
    let by = with_prep("by");
    let from = with_prep("from");
    let to = with_prep("to").or_else(|| with_prep("into"));
    let with = with_prep("with");
    let mut out: Vec<Party> = Vec::new();
    let add = |c: Option<&Candidate>, role: Role, out: &mut Vec<Party>| {
        if let Some(c) = c {
            // One party per entity: "Industrial and Commercial Bank of China
            // (ICBC)" is one funder.
            let same_entity = c.entity.is_some() && out.iter().any(|p| p.entity == c.entity)
                // "China ... the Chinese Government": one government per country.
                || (c.ptype == PartyType::Government
                    && c.country.is_some()
                    && out.iter().any(|p| p.ptype == PartyType::Government && p.country == c.country));
            let same_name = out.iter().any(|p| {
                p.span == c.span || text[p.span.start..p.span.end] == text[c.span.start..c.span.end]
            });
            if !same_entity && !same_name {
                out.push(party(c, role));
            }
        }
    };
    match trig.frame {
        Frame::Buy => {
            if rejected_before && trig.status == Status::Proposed {
                // "Conway rejected the offer from Brandt", "USAir rejected
                // Icahn's offer": the one who rejects is the target.
                add(subject, Role::Target, &mut out);
                let bidder = from.or(by).or_else(|| {
                    before.iter().rev().copied().find(|c| {
                        Some(*c) != subject && c.span.start > subject.map_or(0, |s| s.span.end)
                    })
                });
                add(bidder, Role::Buyer, &mut out);
            } else if let Some(by) = by {
                add(Some(by), Role::Buyer, &mut out);
                add(subject.or(object), Role::Target, &mut out);
                add(from, Role::Seller, &mut out);
            } else {
                add(subject, Role::Buyer, &mut out);
                match object {
                    // "the construction activities of Vogt and Conant Co":
                    // the asset is the target and its owner the seller;
                    // "39,000 shares of Sage Drilling": the company is.
                    Some(o) if o.prep == Some("of") => match asset_before(text, tspan.end, o) {
                        Some(asset) => {
                            out.push(Party {
                                role: Role::Target,
                                span: Span::new(asset, o.span.end),
                                ptype: PartyType::Asset,
                                country: None,
                                entity: None,
                            });
                            add(Some(o), Role::Seller, &mut out);
                        }
                        None => add(Some(o), Role::Target, &mut out),
                    },
                    Some(o) => {
                        add(Some(o), Role::Target, &mut out);
                        // "the Alliance Automation Systems division of Gleason
                        // Corp": the unit's owner sells it.
                        let owner = after.iter().copied().find(|c| {
                            c.span.start > o.span.end && {
                                let gap =
                                    crate::text::squash_lower(&text[o.span.end..c.span.start]);
                                [
                                    "division of",
                                    "unit of",
                                    "subsidiary of",
                                    "operations of",
                                    "business of",
                                    "assets of",
                                ]
                                .iter()
                                .any(|p| gap.trim() == *p || gap.trim() == format!("{p} the"))
                            }
                        });
                        add(owner, Role::Seller, &mut out);
                    }
                    None => {
                        if let Some(span) = asset_phrase(text, tspan.end) {
                            out.push(asset(span));
                        }
                    }
                }
                add(from, Role::Seller, &mut out);
            }
        }
        Frame::Sell => {
            let passive = by.is_some();
            let (seller, target) = if passive {
                (by, subject)
            } else {
                (subject, object)
            };
            // "the sale of all its outstanding shares": the seller sells itself.
            let own: String = text[tspan.end..]
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
                + " ";
            let itself = target.is_none()
                && ["its ", "all its ", "itself", "the company"]
                    .iter()
                    .any(|p| own.starts_with(p));
            if itself {
                add(seller, Role::Target, &mut out);
            } else {
                add(seller, Role::Seller, &mut out);
                match target {
                    Some(t) => add(Some(t), Role::Target, &mut out),
                    None if !passive => {
                        if let Some(span) = asset_phrase(text, tspan.end) {
                            out.push(asset(span));
                        }
                    }
                    None => {}
                }
            }
            add(to, Role::Buyer, &mut out);
        }
        Frame::Merge => {
            for c in coordinated(text, &before, subject) {
                add(Some(c), Role::Partner, &mut out);
            }
            add(subject, Role::Partner, &mut out);
            add(with.or(object), Role::Partner, &mut out);
        }
        Frame::ContractBuyer | Frame::ContractVendor => {
            let counterpart = with.or(object).or(from).or(to);
            let mut pair: Vec<&Candidate> = Vec::new();
            pair.extend(subject);
            pair.extend(counterpart.filter(|c| Some(*c) != subject));
            if pair.len() < 2 {
                // "a contract between the Ministry and Shanghai Construction".
                for c in &after {
                    if pair.len() >= 2 {
                        break;
                    }
                    if !pair.contains(c)
                        && !matches!(c.prep, Some("in" | "of" | "at" | "on" | "for"))
                    {
                        pair.push(c);
                    }
                }
            }
            if pair.len() < 2 {
                // "turned down Huawei's project": both before the trigger.
                for c in before.iter().rev() {
                    if pair.len() >= 2 {
                        break;
                    }
                    if !pair.contains(c) {
                        pair.push(c);
                    }
                }
            }
            let govs = pair
                .iter()
                .filter(|c| c.ptype == PartyType::Government)
                .count();
            for (k, c) in pair.iter().enumerate() {
                let role = if govs == 1 {
                    if c.ptype == PartyType::Government {
                        Role::Buyer
                    } else {
                        Role::Vendor
                    }
                } else if (k == 0) == (trig.frame == Frame::ContractBuyer) {
                    Role::Buyer
                } else {
                    Role::Vendor
                };
                add(Some(c), role, &mut out);
            }
            // "using loans provided by the China Development Bank".
            let lower = text[tspan.end..].to_lowercase();
            if lower.contains("loan") || lower.contains("financ") || lower.contains("credit") {
                let funder = after
                    .iter()
                    .copied()
                    .find(|c| matches!(c.prep, Some("by" | "from")) && c.ptype == PartyType::Bank);
                add(funder, Role::Funder, &mut out);
            }
        }
        Frame::Lend | Frame::Borrow => {
            // Financing is told in many shapes ("X and Y signed a loan
            // agreement", "an agreement with Y ..., providing a grant"): every
            // name of the sentence that is not a place or an owner takes part.
            let mut involved: Vec<&Candidate> = Vec::new();
            let coordinated_subjects = coordinated(text, &before, subject);
            let around = cands
                .iter()
                .filter(|c| !matches!(c.prep, Some("in" | "of" | "at" | "on" | "into")))
                .take(4);
            for c in coordinated_subjects
                .into_iter()
                .chain([subject, object, from, by, to, with].into_iter().flatten())
                .chain(around)
            {
                if !involved.contains(&c) {
                    involved.push(c);
                }
            }
            let is_funder = |c: &Candidate| {
                matches!(c.ptype, PartyType::Bank)
                    || (c.ptype == PartyType::Organization
                        && text[c.span.start..c.span.end].contains("Fund"))
            };
            let any_funder = involved.iter().any(|c| is_funder(c));
            // "Kenya has requested a loan from China": the subject borrows.
            let asks = subject.is_some_and(|sub| {
                let between = crate::text::squash_lower(&text[sub.span.end..tspan.start]);
                [
                    "request", "sought", "seek", "asked", "received", "secured", "obtained",
                    "borrow", "took", "applied",
                ]
                .iter()
                .any(|v| between.contains(v))
            });
            for c in involved {
                let role = if any_funder {
                    if is_funder(c) {
                        Role::Funder
                    } else {
                        Role::Recipient
                    }
                } else if Some(c) == from.or(by) {
                    Role::Funder
                } else if Some(c) == to {
                    Role::Recipient
                } else if Some(c) == subject {
                    if trig.frame == Frame::Lend && !asks {
                        Role::Funder
                    } else {
                        Role::Recipient
                    }
                } else if trig.frame == Frame::Lend {
                    Role::Recipient
                } else {
                    Role::Funder
                };
                add(Some(c), role, &mut out);
            }
        }
        Frame::Raise => {
            add(subject, Role::Target, &mut out);
            let led = after.iter().copied().find(|c| {
                c.prep == Some("by")
                    || c.prep == Some("from")
                    || crate::text::before(text, c.span.start, 12)
                        .trim_end()
                        .ends_with("led by")
            });
            add(led, Role::Funder, &mut out);
        }
        Frame::Invest if from.is_some() => {
            // "an investment from Harbour Capital": the subject receives it.
            add(from, Role::Funder, &mut out);
            add(with_prep("in").or(subject), Role::Target, &mut out);
        }
        Frame::Invest => {
            add(subject, Role::Funder, &mut out);
            add(
                with_prep("in").or(with_prep("into")).or(object),
                Role::Target,
                &mut out,
            );
        }
        Frame::Partner => {
            for c in coordinated(text, &before, subject) {
                add(Some(c), Role::Partner, &mut out);
            }
            add(subject, Role::Partner, &mut out);
            for c in &after {
                add(Some(c), Role::Partner, &mut out);
            }
        }
    }
    out
}

/// Candidates joined to the subject by "and" or commas ("PT Telkom
/// Indonesia and China's ZTE Corporation signed"), in text order.
fn coordinated<'a>(
    text: &str,
    before: &[&'a Candidate],
    subject: Option<&'a Candidate>,
) -> Vec<&'a Candidate> {
    let Some(subject) = subject else {
        return Vec::new();
    };
    let Some(k) = before.iter().position(|c| std::ptr::eq(*c, subject)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut right = subject.span.start;
    for c in before[..k].iter().rev() {
        // "and", ",", "&", optionally with an owner: "and China's".
        let raw = &text[c.span.end..right];
        // "Industrial and Commercial Bank of China (ICBC) and Bank of China".
        let raw = match (raw.find('('), raw.find(')')) {
            (Some(a), Some(b)) if a < b && b - a <= 12 => format!("{}{}", &raw[..a], &raw[b + 1..]),
            _ => raw.to_string(),
        };
        let mut gap: Vec<&str> = raw.split_whitespace().collect();
        if gap
            .last()
            .is_some_and(|w| w.ends_with("'s") || w.ends_with("\u{2019}s"))
        {
            gap.pop();
        }
        let joined = matches!(gap.join(" ").as_str(), "and" | "," | ", and" | "&");
        if !joined {
            break;
        }
        out.insert(0, *c);
        right = c.span.start;
    }
    out
}

/// Only determiners between the trigger and a name: "acquire the X".
fn is_direct(gap: &str) -> bool {
    gap.split_whitespace().all(|w| {
        matches!(
            w,
            "the" | "a" | "an" | "its" | "their" | "all" | "of" | "in" | "for"
        )
    }) && gap
        .split_whitespace()
        .filter(|w| matches!(*w, "of" | "in" | "for"))
        .count()
        <= 1
        && !gap.contains([',', ';', '.'])
}

/// Words that make "N shares of X" mean X itself is bought.
const STAKE_WORDS: &[&str] = &[
    "shares", "share", "stake", "pct", "percent", "interest", "stock", "%", "equity", "majority",
    "control",
];

/// With "acquire NP of X", the start of NP when it names an asset of X
/// ("the construction activities of"), or `None` when the words are a
/// stake in X itself, missing, or too long to be one noun phrase.
fn asset_before(text: &str, from: usize, owner: &Candidate) -> Option<usize> {
    let gap = &text[from..owner.span.start];
    let np = gap.trim_end().strip_suffix("of")?.trim_end();
    let words: Vec<&str> = np.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || np.contains([',', ';', '.', '(']) {
        return None;
    }
    if words.iter().any(|w| {
        STAKE_WORDS.contains(&w.to_lowercase().as_str())
            || w.chars().next().is_some_and(|c| c.is_ascii_digit())
    }) {
        return None;
    }
    let skip = ["the", "a", "an", "its", "all"];
    let first = words.iter().position(|w| !skip.contains(w))?;
    let offset = gap.find(words[first])?;
    Some(from + offset)
}

/// Names no list knows and no cue marked, in the slots a trigger opens: a
/// capitalized run right after "with", "from", "to" or "by" following the
/// trigger ("a deal with Safaricom"), or opening the sentence before it.
fn unlisted_names(text: &str, sent: Span, tspan: Span, cands: &[Candidate]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let taken = |s: usize| cands.iter().any(|c| c.span.start <= s && s < c.span.end);
    let tail = &text[tspan.end..sent.end];
    static PREPS: LazyLock<[(&str, memchr::memmem::Finder<'static>); 4]> = LazyLock::new(|| {
        [
            ("with", " with "),
            ("from", " from "),
            ("to", " to "),
            ("by", " by "),
        ]
        .map(|(p, pat)| (p, memchr::memmem::Finder::new(pat)))
    });
    for &(prep, ref pat) in PREPS.iter() {
        let Some(k) = pat.find(tail.as_bytes()) else {
            continue;
        };
        let mut at = tspan.end + k + pat.needle().len();
        if text[at..].starts_with("the ") {
            at += 4;
        }
        if taken(at) {
            continue;
        }
        if let Some(span) = capitalized_run(text, at, sent.end) {
            out.push(Candidate {
                span,
                ptype: PartyType::Company,
                country: None,
                entity: None,
                prep: Some(prep),
            });
        }
    }
    if !cands.iter().any(|c| c.span.end <= tspan.start) && !taken(sent.start) {
        if let Some(span) = capitalized_run(text, sent.start, tspan.start) {
            let first = &text[span.start..span.end];
            let next_word = text[span.end..].split_whitespace().next().unwrap_or("");
            if !first
                .split_whitespace()
                .next()
                .is_some_and(|w| OPENERS.contains(&w))
                && SUBJECT_VERBS.contains(&next_word)
            {
                out.push(Candidate {
                    span,
                    ptype: PartyType::Company,
                    country: None,
                    entity: None,
                    prep: None,
                });
            }
        }
    }
    out
}

/// Verbs after which a capitalized sentence opener is taken as the subject.
const SUBJECT_VERBS: &[&str] = &[
    "said",
    "says",
    "signed",
    "agreed",
    "has",
    "have",
    "will",
    "would",
    "bought",
    "sold",
    "acquired",
    "won",
    "invested",
    "opted",
    "awarded",
    "announced",
    "plans",
    "offered",
    "completed",
    "received",
    "secured",
    "obtained",
];

/// Capitalized words that open sentences without naming anyone.
const OPENERS: &[&str] = &[
    "The", "A", "An", "In", "At", "On", "It", "He", "She", "They", "We", "This", "That", "Its",
    "Last", "Since", "But", "And", "Under", "After", "Shares", "Analysts",
];

/// A run of capitalized words (with "and", "of", "&" inside) starting at
/// byte `at`, ending before `limit`.
fn capitalized_run(text: &str, at: usize, limit: usize) -> Option<Span> {
    let mut end = at;
    let mut last_cap = None;
    for w in text[at..limit].split_inclusive(' ') {
        let word = w
            .trim_end()
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let trimmed_len = w.trim_end().len();
        if word.chars().next().is_some_and(|c| c.is_uppercase())
            && !word.ends_with("'s")
            && !word.ends_with("\u{2019}s")
        {
            last_cap = Some(end + word.len());
            if trimmed_len != word.len() {
                break;
            }
        } else if !matches!(word, "and" | "of" | "&") || last_cap.is_none() {
            break;
        }
        end += w.len();
    }
    last_cap.map(|e| Span::new(at, e))
}

/// Dates that are not when the deal happened: a future closing ("expected
/// to be completed in the second quarter"), a period's end ("the year ended
/// June 30"), the start of something else ("from July 1").
fn is_other_date(text: &str, span: Span) -> bool {
    // "ALMATY, May 14, 2021 — ...": the dateline dates the story.
    let next = text[span.end..].trim_start_matches([' ', '\t']);
    if next.starts_with(['\u{2014}', '\u{2013}'])
        || next.starts_with("- ")
        || next.starts_with("-- ")
    {
        return true;
    }
    let before = crate::text::before(text, span.start, 40).to_lowercase();
    let before = before.trim_end().trim_end_matches(" the").trim_end();
    [
        "completed in",
        "completed by",
        "close in",
        "close by",
        "closed by",
        "expected in",
        "expected by",
        "ended",
        "ending",
        "from",
        "until",
        "through",
        "before",
        "after",
        "since",
        "effective",
        "as of",
        "due in",
        "due by",
        "by",
        "starting",
        "beginning",
    ]
    .iter()
    .any(|p| before.ends_with(p))
}

/// A target that is an asset, not a named party.
fn asset(span: Span) -> Party {
    Party {
        role: Role::Target,
        span,
        ptype: PartyType::Asset,
        country: None,
        entity: None,
    }
}

/// The noun phrase right after a trigger, when it names something: "25 pct
/// of a Canadian aluminium plant at Becancour", "100 pct of Quebec City
/// radio station CJMF-FM". It ends at "to", "for", "from" or punctuation,
/// holds at most ten words, and must hold a capitalized word.
fn asset_phrase(text: &str, from: usize) -> Option<Span> {
    let rest = crate::text::after(text, from, 160);
    let lead = rest.len() - rest.trim_start().len();
    let mut end = lead;
    let mut words = 0;
    let mut capital = false;
    let mut first = lead;
    for w in rest[lead..].split_inclusive(char::is_whitespace) {
        let word = w.trim_end();
        if word.is_empty() {
            end += w.len();
            continue;
        }
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        if words > 0
            && matches!(
                bare,
                "to" | "for"
                    | "from"
                    | "in"
                    | "with"
                    | "and"
                    | "that"
                    | "which"
                    | "by"
                    | "on"
                    | "at"
            )
            && !capital_follows(rest, end + w.len())
        {
            break;
        }
        if words == 0 && matches!(bare, "the" | "a" | "an" | "its" | "all" | "their") {
            end += w.len();
            first = end;
            continue;
        }
        if words == 0
            && (PREPOSITIONS.contains(&bare)
                || bare.chars().next().is_some_and(|c| !c.is_alphanumeric()))
        {
            return None;
        }
        words += 1;
        if words > 10 {
            return None;
        }
        capital |= bare.chars().next().is_some_and(char::is_uppercase);
        let cut = bare.len() != word.len();
        end += if cut { bare.len() } else { w.len() };
        if cut {
            break;
        }
    }
    let phrase = rest[first..end].trim_end();
    (capital && words > 0).then(|| Span::new(from + first, from + first + phrase.len()))
}

/// Is the word at `at` capitalized ("plant at Becancour")?
fn capital_follows(s: &str, at: usize) -> bool {
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    s.get(at..).is_some_and(|r| {
        let r = r.trim_start();
        r.starts_with(char::is_uppercase) && !MONTHS.iter().any(|m| r.starts_with(m))
    })
}

/// What the deal is about, when the sentence says it right after the
/// trigger: "for the Kafue-Lusaka South Transmission Line Project", "to
/// further its surveillance operations", "to build the Standard Gauge
/// Railway". The phrase ends at punctuation, a preposition, or a name or
/// value mention, and holds two to ten words.
fn subject_phrase(text: &str, sent: Span, tspan: Span, mentions: &[&Mention]) -> Option<Span> {
    const LEADS: &[&str] = &[
        "for the construction of ",
        "for construction of ",
        "for the ",
        "for a ",
        "for an ",
        "for ",
        "to further its ",
        "to implement ",
        "to build ",
        "to finance ",
        "to supply ",
        "to expand ",
        "to upgrade ",
        "to develop ",
        "to construct ",
        "to modernize ",
        "to install ",
        "to fund ",
    ];
    let window = crate::text::after(&text[..sent.end], tspan.end, 90);
    // The earliest lead, the longest at that place. Every lead starts
    // with "f" or "t": only those bytes are tried, with no searcher built
    // per lead.
    let wb = window.as_bytes();
    let (k, lead) = (0..wb.len())
        .filter(|&p| matches!(wb[p], b'f' | b't'))
        .find_map(|p| {
            LEADS
                .iter()
                .filter(|l| wb[p..].starts_with(l.as_bytes()))
                .max_by_key(|l| l.len())
                .map(|l| (p, *l))
        })?;
    // Only right after the trigger's own phrase: "a $1 billion deal with
    // the Uzbek government to further its ..." allows a short gap.
    if k > 60 {
        return None;
    }
    let mut start = tspan.end + k + lead.len();
    for det in ["the ", "its ", "their ", "a ", "an "] {
        if text[start..].starts_with(det) {
            start += det.len();
        }
    }
    let mut end = start;
    let mut pos = start;
    let mut words = 0;
    for w in text[start..sent.end].split_inclusive(char::is_whitespace) {
        let at = pos;
        pos += w.len();
        let token = w.trim_end();
        if token.is_empty() {
            continue;
        }
        let bare = token.trim_end_matches([',', '.', ';', ':', ')', '"', '\u{201D}']);
        if bare.is_empty()
            || (words > 0
                && matches!(
                    bare,
                    "in" | "with"
                        | "to"
                        | "from"
                        | "by"
                        | "on"
                        | "at"
                        | "which"
                        | "that"
                        | "and"
                        | "as"
                        | "after"
                        | "before"
                        | "under"
                        | "over"
                ))
            || mentions
                .iter()
                .any(|m| m.span.start <= at && at < m.span.end && !m.is_label("city"))
        {
            break;
        }
        words += 1;
        end = at + bare.len();
        if bare.len() != token.len() || words >= 10 {
            break;
        }
    }
    let phrase = text[start..end].trim_end();
    (words >= 2 && !phrase.is_empty()).then(|| Span::new(start, start + phrase.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The search by "the " finds what the automaton over every
        /// phrase finds.
        #[test]
        fn anaphors_found_by_their_article_are_the_automaton_s(
            s in "((the|th|he|a) ?|(deal|sale|offer|shares|bid|stock|loan)s? ?|[ ,.x]){0,12}"
        ) {
            proptest::prop_assert_eq!(has_anaphor(&s), ANAPHOR_AUTOMATON.is_match(&s));
        }
    }

    #[test]
    fn anaphors() {
        assert!(has_anaphor("as announced, the deal is valued at"));
        assert!(has_anaphor("the stockholders")); // a substring, as before
        assert!(!has_anaphor("theshares of the"));
        assert!(!has_anaphor("the  deal"));
    }
}
