//! Names that no gazetteer lists, found from the text's structure.
//!
//! Newswire names most deal parties only once, and most of them are in no
//! list ("Mark IV Industries Inc", "a Russian company, Vega"). A run of
//! capitalized words (a word with a digit and letters, "3Com", counts; a
//! bare number starts none: "15 Boeing Co" is Boeing Co) is taken as an
//! organization when something says so:
//!
//! - it ends in a legal suffix or an organization noun ("Inc", "Corp",
//!   "N.V.", "Bancorp", "Partners", "Airlines");
//! - it stands in angle brackets, or is followed by a ticker, as Reuters
//!   writes them ("<Hoechst AG>", "Conrac Corp <CNR>");
//! - an apposition names its kind ("a Russian company, Vega", "the
//!   contractor Kovac Systems").
//!
//! Governments are found around country names: "the Uzbek government",
//! "Government of Laos", "Kenya's government", ministries of a country.
//! Then short forms of the names found ("Conrac" for "Conrac Corp") are
//! found again in the rest of the document.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{is_word_char, Span, WordSet, ASCII_WORD};
use crate::tokens::{Token, Tokens};

/// What kind of name was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Company,
    Bank,
    Organization,
    Government,
    Person,
}

impl NameKind {
    pub fn label(self) -> &'static str {
        match self {
            NameKind::Company => "company",
            NameKind::Bank => "bank",
            NameKind::Organization => "organization",
            NameKind::Government => "government",
            NameKind::Person => "person",
        }
    }
}

/// A name found from structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    pub span: Span,
    pub kind: NameKind,
    /// Which cue found it: "suffix", "bracket", "ticker", "apposition",
    /// "said-it", "person", "government", "acronym", "short-form".
    pub cue: &'static str,
    /// For governments: the span of the country word inside, if any.
    pub country_span: Option<Span>,
    /// For a short form or an acronym ("Conrac", "EEP"): the span of the
    /// full name it stands for.
    pub full: Option<Span>,
}

/// A word of the text: a run of word characters, with inner `.`, `&`, `'`,
/// `-` and `/` kept ("U.S.", "AT&T", "Audio/Video", "Coca-Cola").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
}

/// Splits `text` into words.
pub fn words(text: &str) -> Vec<Word> {
    words_of(text, &Tokens::new(text))
}

/// Splits `text` into words, from its tokens: a word is a word token, and
/// any joiner glued to it with another word token glued after ("U.S",
/// "AT&T", "Coca-Cola"); a `&` on its own is a word too. The tokens have
/// already looked at every byte of the text, so this looks at each token
/// once instead: half the instructions of reading the bytes again, which
/// was a fifth of the name rules'.
pub fn words_of(text: &str, tokens: &Tokens) -> Vec<Word> {
    let b = text.as_bytes();
    let list = &tokens.list;
    let bytes = |t: &Token| &b[t.start as usize..t.end as usize];
    let mut out = Vec::with_capacity(list.len());
    let mut k = 0;
    while k < list.len() {
        let t = &list[k];
        k += 1;
        if !t.word {
            // "Import & Export": a word of its own, joining names.
            if bytes(t) == b"&" {
                out.push(Word { span: t.span() });
            }
            continue;
        }
        let start = t.start as usize;
        let mut end = t.end as usize;
        // A joiner: `.`, `&`, `-`, `/`, `'` or U+2019, kept only when a
        // word character follows.
        while k + 1 < list.len() {
            let (j, w) = (&list[k], &list[k + 1]);
            // The flags first: most words are followed by a space.
            if !(j.glued
                && !j.word
                && w.glued
                && w.word
                && matches!(bytes(j), b"." | b"&" | b"-" | b"/" | b"'" | b"\xE2\x80\x99"))
            {
                break;
            }
            end = w.end as usize;
            k += 2;
        }
        out.push(with_final_stop(text, start, end));
    }
    out
}

/// The word `text[start..end]`, with the stop after it when it is a short
/// word or a dotted abbreviation: "Co." "Inc." "N.V." "U.S.".
fn with_final_stop(text: &str, start: usize, end: usize) -> Word {
    let b = text.as_bytes();
    let w = &b[start..end];
    let keep = b.get(end) == Some(&b'.')
        && (w.len() == 1 && w[0].is_ascii_uppercase()
            || w.contains(&b'.')
            || ABBREV_WITH_DOT.contains(&text[start..end]));
    Word {
        span: Span::new(start, end + usize::from(keep)),
    }
}

static ABBREV_WITH_DOT: WordSet = WordSet::new(&[
    "Co", "Corp", "Inc", "Ltd", "Bros", "Cos", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Pty",
    "Pte", "Bhd",
]);

/// Last words that make a capitalized run a company name.
static LEGAL_SUFFIXES: WordSet = WordSet::new(&[
    "Inc",
    "Inc.",
    "Incorporated",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "co",
    "Oy",
    "corp",
    "inc",
    "Cos",
    "Cos.",
    "Company",
    "Ltd",
    "Ltd.",
    "Limited",
    "Plc",
    "PLC",
    "plc",
    "LLC",
    "L.L.C.",
    "LP",
    "L.P.",
    "N.V.",
    "NV",
    "B.V.",
    "BV",
    "S.A.",
    "SA",
    "AG",
    "GmbH",
    "SpA",
    "S.p.A.",
    "Pte",
    "Pty",
    "Bhd",
    "Berhad",
    "KK",
    "K.K.",
    "Oyj",
    "ASA",
    "AB",
    "SE",
]);

/// Words before a person's name.
static PERSON_TITLES: WordSet = WordSet::new(&[
    "chairman",
    "investor",
    "financier",
    "developer",
    "president",
    "executive",
    "shareholder",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "raider",
    "businessman",
    "businesswoman",
    "tycoon",
    "billionaire",
    "founder",
]);

/// Nouns that, in "Name, a Chicago investor,", say the name is a person's.
static PERSON_NOUNS: WordSet = WordSet::new(&[
    "investor",
    "physician",
    "businessman",
    "businesswoman",
    "financier",
    "developer",
    "lawyer",
    "banker",
    "trader",
    "entrepreneur",
    "resident",
    "executive",
    "doctor",
    "dentist",
    "shareholder",
    "farmer",
    "rancher",
]);

/// Legal forms written before the name.
const LEGAL_PREFIXES: &[&str] = &[
    "PT", "PJSC", "JSC", "OAO", "OOO", "PAO", "ZAO", "CJSC", "AO", "TOO", "LLP",
];

/// Organization nouns that end names ("Chemical Partners", "Bank of ...").
static ORG_HEADS: WordSet = WordSet::new(&[
    "Group",
    "Holdings",
    "Holding",
    "Bancorp",
    "Bancorporation",
    "Bancshares",
    "Partners",
    "Associates",
    "Industries",
    "Enterprises",
    "Airlines",
    "Airways",
    "Technologies",
    "Telecom",
    "Telecommunications",
    "Communications",
    "Petroleum",
    "Resources",
    "Mining",
    "Motors",
    "Steel",
    "Foods",
    "Electronics",
    "Pharmaceuticals",
    "Insurance",
    "Securities",
    "Financial",
    "Ventures",
    "Investments",
    "Software",
    "Networks",
    "Systems",
    "Laboratories",
    "Chemicals",
    "Broadcasting",
    "Energy",
    "Capital",
]);

/// Nouns that end the names of public bodies.
const GOV_HEADS: &[&str] = &[
    "Ministry",
    "Police",
    "Senate",
    "Parliament",
    "Congress",
    "Administration",
    "Treasury",
];

/// With a public body at `start`, takes in an owner written before it:
/// "Ecuador's Ministry of Government", "Almaty's city administration".
fn possessive_owner(text: &str, start: usize) -> usize {
    let before = &text[..start];
    let Some(owner) = before
        .strip_suffix("'s ")
        .or_else(|| before.strip_suffix("\u{2019}s "))
    else {
        return start;
    };
    let word_start = owner
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_word_char(c) || c == '-'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    if owner[word_start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
    {
        word_start
    } else {
        start
    }
}

/// Public bodies written in lower case: "the ministry of interior", "the
/// interior ministry", "the city administration", "city government of Davao".
static LOWER_BODIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(?:city|municipal|provincial|regional|state|federal|national|central) (?:administration|government|council)(?: of [A-Z][\w-]+)?|ministry of (?:the )?[a-z]+(?: and [a-z]+)?|(?:[a-z]+ )?ministry)\b",
    )
    .expect("public body pattern")
});

/// Every [`LOWER_BODIES`] match holds one of these ("minist" stands for
/// "ministry" and "administration").
static BODY_WORDS: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
    LazyLock::new(|| ["minist", "government", "council"].map(memchr::memmem::Finder::new));

/// The lines of `text` holding a public body's word, as byte ranges, in
/// order. A [`LOWER_BODIES`] match holds one of the words and no line break,
/// and the edges of a line are word boundaries, so matching each such line
/// alone finds what matching the whole text finds. Most lines hold none of
/// the words, and the regex, which has no literal to skip ahead by, never
/// reads them.
fn body_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut hits: Vec<usize> = BODY_WORDS.iter().flat_map(|f| f.find_iter(b)).collect();
    hits.sort_unstable();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for hit in hits {
        if lines.last().is_some_and(|&(_, end)| hit < end) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &b[..hit]).map_or(0, |k| k + 1);
        let end = memchr::memchr(b'\n', &b[hit..]).map_or(b.len(), |k| hit + k);
        lines.push((start, end));
    }
    lines
}

/// The [`LOWER_BODIES`] matches of `text`, as byte ranges, found line by
/// line.
fn lower_bodies(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    body_lines(text).into_iter().flat_map(|(a, z)| {
        LOWER_BODIES
            .find_iter(&text[a..z])
            .map(move |m| (a + m.start(), a + m.end()))
    })
}

fn find_lower_bodies(text: &str, out: &mut Vec<NameMatch>) {
    for (start, end) in lower_bodies(text) {
        let s = &text[start..end];
        // "a ministry" alone, or "the ministry said": too vague.
        if s == "ministry" {
            continue;
        }
        if s.starts_with("the ") || s.starts_with("a ") || s.starts_with("its ") {
            continue;
        }
        let start = possessive_owner(text, start);
        out.push(NameMatch {
            span: Span::new(start, end),
            kind: NameKind::Government,
            cue: "government",
            country_span: None,
            full: None,
        });
    }
}

/// Nouns that end bank names.
const BANK_HEADS: &[&str] = &[
    "Bank",
    "Banque",
    "Bancorp",
    "Bancorporation",
    "Bancshares",
    "Savings",
    "Association",
];

/// Organization nouns for public bodies.
static BODY_HEADS: WordSet = WordSet::new(&[
    "Fund",
    "Agency",
    "Commission",
    "Authority",
    "Union",
    "University",
    "Institute",
    "Council",
    "Organization",
    "Organisation",
    "Foundation",
    "Programme",
    "Program",
]);

/// Capitalized words that begin sentences or titles, not names.
static NOT_NAME_START: WordSet = WordSet::new(&[
    "The",
    "A",
    "An",
    "In",
    "At",
    "On",
    "By",
    "For",
    "From",
    "To",
    "With",
    "And",
    "But",
    "Or",
    "Of",
    "As",
    "If",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Last",
    "Since",
    "Under",
    "After",
    "Before",
    "Its",
    "Their",
    "His",
    "Her",
    "This",
    "That",
    "These",
    "Those",
    "When",
    "While",
    "Meanwhile",
    "Also",
    "Shares",
    "Both",
    "Chairman",
    "President",
    "Analysts",
    "Officials",
    "Sources",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "Rival",
    "Earlier",
    "Later",
    "Separately",
    "However",
    "Such",
    "Some",
    "Many",
    "Most",
    "All",
    "Any",
    "Each",
    "Other",
    "Another",
    "Several",
    "U.S.",
    "U.K.",
    "Chief",
    "Executive",
    "Minister",
    "Prime",
    "Secretary",
    "Spokesman",
    "Holders",
    "Shareholders",
    "Investors",
    "Despite",
    "Although",
    "Though",
    "Without",
    "Like",
    "Unlike",
    "Through",
    "Following",
    "Including",
    "During",
    "Because",
    "Once",
    "Until",
    "Unless",
    "Whether",
    "Why",
    "How",
    "What",
    "Where",
    "Who",
    "Which",
    "Then",
    "Thus",
    "Still",
    "Even",
    "Only",
    "Now",
    "Here",
    "There",
    "Over",
    "Among",
    "Against",
    "Between",
    "Within",
    "Under",
    "Via",
    "Per",
    "Some",
    "No",
    "Not",
    "Neither",
    "Nor",
    "Either",
    "It",
    "We",
    "They",
    "He",
    "She",
    "I",
    "You",
    "Our",
    "My",
    "Your",
    "Why",
]);

/// Lower-case words allowed inside a name ("Bank of China", "Cross and
/// Trecker", "Solar Systems by Sundance").
static CONNECTORS: WordSet = WordSet::new(&[
    "of", "and", "&", "de", "du", "des", "la", "le", "del", "der", "van", "von", "by", "for", "the",
]);

/// Nouns that, before ", Name" or " Name", say the name is an organization
/// ("a Russian company, Vega").
static APPOSITION_NOUNS: WordSet = WordSet::new(&[
    "company",
    "firm",
    "contractor",
    "supplier",
    "vendor",
    "operator",
    "group",
    "startup",
    "start-up",
    "maker",
    "manufacturer",
    "developer",
    "subsidiary",
    "unit",
    "insurer",
    "lender",
    "investor",
    "fund",
    "conglomerate",
    "provider",
    "carrier",
    "producer",
    "bank",
    "utility",
    "miner",
    "airline",
    "broker",
]);

fn is_capitalized(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Finds organization names and governments in `text`. `countries` are the
/// spans of country mentions (names and adjectives) already found, with
/// whether each is an adjective form.
pub fn find(text: &str, countries: &[(Span, bool)]) -> Vec<NameMatch> {
    find_tokens(text, &Tokens::new(text), countries)
}

/// Like [`find`], over the tokens of `text` made once for every stage.
pub fn find_tokens(text: &str, tokens: &Tokens, countries: &[(Span, bool)]) -> Vec<NameMatch> {
    let ws = words_of(text, tokens);
    let mut out: Vec<NameMatch> = Vec::new();
    find_governments(text, &ws, countries, &mut out);
    find_organizations(text, &ws, &mut out);
    find_lower_bodies(text, &mut out);
    find_acronyms(text, &ws, &mut out);
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    out.dedup_by(|b, a| a.span.overlaps(b.span));
    find_short_forms(text, &ws, &mut out);
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    out
}

fn word<'a>(text: &'a str, w: &Word) -> &'a str {
    &text[w.span.start..w.span.end]
}

/// Only spaces (or one line break) between two words: they can be one name.
fn joined(text: &str, a: &Word, b: &Word) -> bool {
    // Most gaps are one space: told by one byte, without a slice.
    if b.span.start == a.span.end + 1 && text.as_bytes()[a.span.end] == b' ' {
        return true;
    }
    let gap = &text[a.span.end..b.span.start];
    if gap == " " {
        return true;
    }
    !gap.is_empty() && gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1
}

fn find_organizations(text: &str, ws: &[Word], out: &mut Vec<NameMatch>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < ws.len() {
        // Four words in five start with an ASCII byte that is no capital
        // and no digit: turned away by that byte, without slicing the word.
        let first = b[ws[i].span.start];
        if first.is_ascii() && !first.is_ascii_uppercase() && !first.is_ascii_digit() {
            i += 1;
            continue;
        }
        let w = word(text, &ws[i]);
        // A bare number ("1987", "1985/86", "110.8") starts no name: a
        // digit starts one only in a word with letters ("3Com", "7-Eleven").
        if !is_capitalized(w) || first.is_ascii_digit() && is_bare_number(w) {
            i += 1;
            continue;
        }
        // Extend a run of capitalized words and connectors.
        let mut j = i;
        let mut last_cap = i;
        // The text of word `j`.
        let mut cur = w;
        while j + 1 < ws.len() && joined(text, &ws[j], &ws[j + 1]) {
            let next = word(text, &ws[j + 1]);
            // A possessive ends the run: "Icahn's Transworld".
            if w_possessive(cur) {
                break;
            }
            if is_capitalized(next) {
                // "... and China's ZTE": the owner is not part of this name.
                if w_possessive(next) {
                    break;
                }
                j += 1;
                last_cap = j;
            } else if CONNECTORS.contains(next) && !LEGAL_SUFFIXES.contains(cur) {
                // "Conrac Corp and Mark IV Inc" are two names: a legal
                // suffix ends one.
                j += 1;
            } else {
                break;
            }
            cur = next;
        }
        let mut run_end = last_cap;
        // "ChemLawn corp", "Norton co": a legal suffix in lower case.
        if run_end + 1 < ws.len()
            && joined(text, &ws[run_end], &ws[run_end + 1])
            && matches!(
                word(text, &ws[run_end + 1]),
                "corp" | "inc" | "co" | "ltd" | "plc" | "corp." | "inc." | "co." | "ltd."
            )
        {
            run_end += 1;
            // "Norton co Pty Ltd": more suffixes may follow.
            while run_end + 1 < ws.len()
                && joined(text, &ws[run_end], &ws[run_end + 1])
                && LEGAL_SUFFIXES.contains(word(text, &ws[run_end + 1]))
            {
                run_end += 1;
            }
        }
        // "Petroleos de Venezuela, S.A.": a legal suffix after a comma.
        if run_end + 1 < ws.len()
            && &text[ws[run_end].span.end..ws[run_end + 1].span.start] == ", "
            && LEGAL_SUFFIXES.contains(word(text, &ws[run_end + 1]))
            && !LEGAL_SUFFIXES.contains(word(text, &ws[run_end]))
        {
            run_end += 1;
        }
        // Drop leading words that only open a sentence.
        let mut s = i;
        while s <= run_end && {
            let w = word(text, &ws[s]);
            NOT_NAME_START.contains(w) || CONNECTORS.contains(w)
        } {
            s += 1;
        }
        if s <= run_end {
            if let Some(m) = classify_run(text, ws, s, run_end) {
                out.push(m);
            }
        }
        i = run_end + 1;
    }
}

/// Digits and the joiners inside numbers only: a number, not a name.
fn is_bare_number(w: &str) -> bool {
    w.bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'/' | b'-' | b'\'' | b'&'))
}

/// `w` without trailing "'s" (as `trim_end_matches("'s")`, without
/// building a substring searcher for every word).
fn strip_possessives(mut w: &str) -> &str {
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    w
}

fn w_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("\u{2019}s")
}

/// Decides whether words `s..=e` form an organization name, trimming the
/// run to the part that does.
fn classify_run(text: &str, ws: &[Word], s: usize, e: usize) -> Option<NameMatch> {
    let first = word(text, &ws[s]);
    if CONNECTORS.contains(first) || LEGAL_SUFFIXES.contains(first) {
        return None;
    }
    // Legal forms written first: "PT Telkom Indonesia", "PJSC Rostelecom".
    if e > s && LEGAL_PREFIXES.contains(&first) {
        return Some(NameMatch {
            span: Span::new(ws[s].span.start, ws[e].span.end),
            kind: NameKind::Company,
            cue: "suffix",
            country_span: None,
            full: None,
        });
    }
    // Public bodies: "Ministry of Government", "Department of the Interior
    // and Local Government", "National Police", "Bangkok Metropolitan
    // Administration".
    let last = word(text, &ws[e]);
    if e > s && (matches!(first, "Ministry" | "Department") || GOV_HEADS.contains(&last)) {
        let start = possessive_owner(text, ws[s].span.start);
        return Some(NameMatch {
            span: Span::new(start, ws[e].span.end),
            kind: NameKind::Government,
            cue: "government",
            country_span: None,
            full: None,
        });
    }
    // The name ends at the last legal suffix or organization noun of the run.
    let mut end = None;
    let mut kind = NameKind::Company;
    for k in (s..=e).rev() {
        let w = strip_possessives(word(text, &ws[k]));
        if k > s && LEGAL_SUFFIXES.contains(w) {
            end = Some(k);
            break;
        }
        if BANK_HEADS.contains(&w) {
            end = Some(e.min(extend_of_phrase(text, ws, k, e)));
            kind = NameKind::Bank;
            break;
        }
        if k > s && ORG_HEADS.contains(w) {
            end = Some(k);
            break;
        }
        if k > s && BODY_HEADS.contains(w) {
            end = Some(e.min(extend_of_phrase(text, ws, k, e)));
            kind = NameKind::Organization;
            break;
        }
    }
    let span_of = |a: usize, b: usize| Span::new(ws[a].span.start, ws[b].span.end);
    // Legal suffixes after a "Bank" name still belong to it.
    if let Some(k) = end {
        let mut k = k;
        while k < e && LEGAL_SUFFIXES.contains(word(text, &ws[k + 1])) {
            k += 1;
        }
        // "Bank" alone is not a name.
        if k == s && kind != NameKind::Company {
            return None;
        }
        return Some(NameMatch {
            span: span_of(s, k),
            kind,
            cue: "suffix",
            country_span: None,
            full: None,
        });
    }
    let span = span_of(s, e);
    // Reuters: "<Cogeco Inc>" or "Conrac Corp <CNR>".
    let is_ticker_after_name = is_ticker(&text[span.start..span.end])
        && text[..span.start]
            .trim_end_matches('<')
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.');
    if text[..span.start].ends_with('<')
        && text[span.end..].starts_with('>')
        && !is_ticker_after_name
    {
        return Some(NameMatch {
            span,
            kind: NameKind::Company,
            cue: "bracket",
            country_span: None,
            full: None,
        });
    }
    let after = text[span.end..].trim_start();
    if after.starts_with('<') && after[1..].split('>').next().is_some_and(is_ticker) {
        return Some(NameMatch {
            span,
            kind: NameKind::Company,
            cue: "ticker",
            country_span: None,
            full: None,
        });
    }
    // People: "investor Carl Icahn", "Arthur Appleton, a Chicago
    // investor,", "Peter Lin said he".
    let words_in_run = e - s + 1;
    let person_run = (2..=4).contains(&words_in_run) && !first.contains('.');
    let prev_word = || last_word(text[..span.start].trim_end(), b'.');
    // What follows, squashed, for the phrase tests below; they all start
    // with ", a", ", an" or a space and "said"/"told", so other text needs
    // no copy. Only a run that may be a person's name is tested for ", a",
    // ", an" and "told"; any run may be tested for " said".
    let follows = text[span.end..].trim_start();
    let spaced = follows.len() < text.len() - span.end;
    let wanted = person_run
        && (text[span.end..].starts_with(',')
            || spaced && (follows.starts_with("said") || follows.starts_with("told")))
        || spaced && follows.starts_with("said");
    let rest_owned = if wanted {
        crate::text::squash(crate::text::after(text, span.end, 48))
    } else {
        std::borrow::Cow::Borrowed("")
    };
    let rest: &str = &rest_owned;
    let person_apposition = || {
        rest.strip_prefix(", a ")
            .or_else(|| rest.strip_prefix(", an "))
            .is_some_and(|r| {
                r.split_whitespace()
                    .take(6)
                    .any(|w| PERSON_NOUNS.contains(w.trim_end_matches([',', '.', ';'])))
            })
    };
    if person_run
        && (PERSON_TITLES.contains(prev_word())
            || person_apposition()
            || rest.starts_with(" said he ")
            || rest.starts_with(" told ")
                && rest[6..]
                    .split('.')
                    .next()
                    .is_some_and(|c| c.contains(" he ")))
    {
        return Some(NameMatch {
            span,
            kind: NameKind::Person,
            cue: "person",
            country_span: None,
            full: None,
        });
    }
    // Newswire ledes: "Cross and Trecker said it agreed ...".
    if ws.len() > e - s + 1
        && (rest.starts_with(" said it ")
            || rest.starts_with(" said its ")
            || rest.starts_with(" said that it "))
    {
        return Some(NameMatch {
            span,
            kind: NameKind::Company,
            cue: "said-it",
            country_span: None,
            full: None,
        });
    }
    // "a Russian company, Vega", "the contractor Kovac".
    let before = text[..span.start].trim_end_matches([' ', ',']);
    let prev = last_word(before, b'-');
    if APPOSITION_NOUNS.contains(prev) && text[span.end..].starts_with([',', ' ', '.']) {
        return Some(NameMatch {
            span,
            kind: if prev == "bank" || prev == "lender" {
                NameKind::Bank
            } else {
                NameKind::Company
            },
            cue: "apposition",
            country_span: None,
            full: None,
        });
    }
    // "Vega, a Russian company".
    let rest = text[span.end..].trim_start_matches(',').trim_start();
    if text[span.end..].starts_with(',') {
        if let Some(r) = rest.strip_prefix("a ").or_else(|| rest.strip_prefix("an ")) {
            let noun_phrase: Vec<&str> = r
                .split([',', '.', ';'])
                .next()
                .unwrap_or("")
                .split_whitespace()
                .collect();
            if noun_phrase.len() <= 5 && noun_phrase.iter().any(|n| APPOSITION_NOUNS.contains(n)) {
                return Some(NameMatch {
                    span,
                    kind: NameKind::Company,
                    cue: "apposition",
                    country_span: None,
                    full: None,
                });
            }
        }
    }
    None
}

/// The word that ends `s`: its longest suffix of word characters and
/// `also`. The same as `s.rsplit(|c| !(is_word_char(c) || c == also))
/// .next()`, a byte at a time while the bytes are ASCII: asked before
/// most runs of capitalized words, where the iterator cost 6% of the name
/// rules.
fn last_word(s: &str, also: u8) -> &str {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 {
        let c = b[i - 1];
        if !c.is_ascii() {
            let also = char::from(also);
            return s
                .rsplit(|c: char| !(is_word_char(c) || c == also))
                .next()
                .unwrap_or("");
        }
        if !(ASCII_WORD[c as usize] || c == also) {
            break;
        }
        i -= 1;
    }
    &s[i..]
}

/// With "Bank" or "Fund" at `k`, take a following "of China" as part of the
/// name: returns the last word index of "Bank of X Y".
fn extend_of_phrase(text: &str, ws: &[Word], k: usize, e: usize) -> usize {
    if k < e && word(text, &ws[k + 1]) == "of" && k + 2 <= e {
        let mut j = k + 2;
        while j < e && is_capitalized(word(text, &ws[j + 1])) {
            j += 1;
        }
        return j;
    }
    k
}

fn is_ticker(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 10
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
}

/// Governments: "the Uzbek government", "Government of Laos", "Kenya's
/// government", "the Kyrgyz Ministry of Interior", "Ministry of Finance of
/// Laos". The span runs from the country word (or "Government"/"Ministry")
/// to the head noun, without "the".
fn find_governments(text: &str, ws: &[Word], countries: &[(Span, bool)], out: &mut Vec<NameMatch>) {
    const HEADS: &[&str] = &[
        "government",
        "Government",
        "administration",
        "authorities",
        "cabinet",
    ];
    for &(c, _adjective) in countries {
        // After the country: "Uzbek government", "Kenya's government",
        // "Kyrgyz Interior Ministry", "Uzbek national government".
        let after = &text[c.end..];
        let after_trim = after
            .strip_prefix("'s")
            .or_else(|| after.strip_prefix("\u{2019}s"))
            .unwrap_or(after);
        let offset = c.end + (after.len() - after_trim.len());
        let mut pos = offset;
        let mut found = None;
        for (n, w) in after_trim
            .split_inclusive(|ch: char| !is_word_char(ch))
            .take(5)
            .enumerate()
        {
            let token = w.trim_end_matches(|ch: char| !is_word_char(ch));
            if token.is_empty() {
                pos += w.len();
                continue;
            }
            if HEADS.contains(&token) || token == "Ministry" || token == "ministry" {
                let mut end = pos + token.len();
                if token.eq_ignore_ascii_case("ministry") {
                    end = ministry_end(text, end);
                }
                found = Some(Span::new(c.start, end));
                break;
            }
            if n >= 3
                || !(token.chars().next().is_some_and(char::is_uppercase)
                    || matches!(token, "national" | "central" | "federal" | "state"))
            {
                break;
            }
            pos += w.len();
        }
        if let Some(span) = found {
            out.push(NameMatch {
                span,
                kind: NameKind::Government,
                cue: "government",
                country_span: Some(c),
                full: None,
            });
            continue;
        }
        // Before the country: "Government of Laos", "Ministry of Finance of Laos".
        let before = text[..c.start].trim_end();
        // "Government of the Republic of Zambia": the country mention may
        // itself be "Republic of Zambia".
        let before = before.strip_suffix(" the").unwrap_or(before).trim_end();
        for lead in [
            "Federal Government of",
            "Government of",
            "government of",
            "Republic of",
            "Kingdom of",
        ] {
            if let Some(head) = before.strip_suffix(lead) {
                let start = head.len();
                out.push(NameMatch {
                    span: Span::new(start, c.end),
                    kind: NameKind::Government,
                    cue: "government",
                    country_span: Some(c),
                    full: None,
                });
                break;
            }
        }
        if let Some(head) = before.strip_suffix(" of") {
            // "Ministry of Finance of Laos".
            // Only the last 40 bytes can hold it: searching the whole text
            // before every "of <country>" would be quadratic.
            let near = crate::text::before(head, head.len(), 48);
            if let Some(k) = near.rfind("Ministry").map(|k| k + head.len() - near.len()) {
                if head.len() - k < 40 && !head[k..].contains([',', '.']) {
                    out.push(NameMatch {
                        span: Span::new(k, c.end),
                        kind: NameKind::Government,
                        cue: "government",
                        country_span: Some(c),
                        full: None,
                    });
                }
            }
        }
    }
    let _ = ws;
}

/// "Ministry of Finance": extends past "of X" when X is capitalized.
fn ministry_end(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    if let Some(r) = rest.strip_prefix(" of ") {
        let w: String = r.chars().take_while(|c| is_word_char(*c)).collect();
        if w.chars().next().is_some_and(char::is_uppercase) {
            return end + 4 + w.len();
        }
    }
    end
}

/// Acronyms defined in the text: "Ethiopian Electric Power (EEP)",
/// "Industrial and Commercial Bank of China (ICBC)". The long name is found
/// from the acronym's letters (the initials of its capitalized words, in
/// order), and every later use of the acronym is a short form of it.
fn find_acronyms(text: &str, ws: &[Word], out: &mut Vec<NameMatch>) {
    let mut defined: Vec<(String, NameKind, Span)> = Vec::new();
    let b = text.as_bytes();
    for (k, w) in ws.iter().enumerate() {
        // The bracket tests first: they turn away nearly every word.
        if w.span.start == 0
            || b[w.span.start - 1] != b'('
            || b.get(w.span.end) != Some(&b')')
            || !(2..=8).contains(&w.span.len())
        {
            continue;
        }
        let acr = &text[w.span.start..w.span.end];
        if !acr.bytes().all(|b| b.is_ascii_uppercase() || b == b'&') {
            continue;
        }
        // The capitalized words before "(", nearest first.
        let mut j = k;
        let mut run: Vec<usize> = Vec::new();
        while j > 0 && run.len() < 12 {
            j -= 1;
            let word_text = word(text, &ws[j]);
            let gap = &text[ws[j].span.end..ws[j + 1].span.start];
            if j + 1 < k && !(gap.trim().is_empty() || gap.trim() == ",") {
                break;
            }
            if j + 1 == k && gap.trim() != "(" {
                break;
            }
            if is_capitalized(word_text)
                || CONNECTORS.contains(word_text)
                || LEGAL_SUFFIXES.contains(word_text)
            {
                run.push(j);
            } else {
                break;
            }
        }
        run.reverse();
        // The earliest start whose capitalized initials hold the acronym's
        // letters in order, beginning with its first.
        let letters: Vec<char> = acr.chars().filter(|c| c.is_ascii_uppercase()).collect();
        let start = run.iter().position(|&i| {
            let initials: Vec<char> = run
                .iter()
                .skip_while(|&&x| x != i)
                .map(|&x| word(text, &ws[x]))
                .filter(|w| is_capitalized(w))
                .filter_map(|w| w.chars().next())
                .collect();
            initials.first() == letters.first() && is_subsequence(&letters, &initials)
        });
        let Some(start) = start else { continue };
        let (first, last) = (run[start], run[run.len() - 1]);
        let long = Span::new(ws[first].span.start, ws[last].span.end);
        let long_text = &text[long.start..long.end];
        let kind = if long_text.contains("Bank") {
            NameKind::Bank
        } else if long_text.starts_with("Ministry") || long_text.contains("Government") {
            NameKind::Government
        } else {
            NameKind::Company
        };
        if !out.iter().any(|m| m.span.overlaps(long)) {
            out.push(NameMatch {
                span: long,
                kind,
                cue: "acronym",
                country_span: None,
                full: None,
            });
        }
        defined.push((acr.to_string(), kind, long));
    }
    if defined.is_empty() {
        return;
    }
    // Each acronym's later uses. An acronym defined twice takes its uses
    // from its first definition (the second would find them all taken).
    let mut first: FxHashMap<&str, (NameKind, Span)> = FxHashMap::default();
    for (acr, kind, long) in &defined {
        first.entry(acr.as_str()).or_insert((*kind, *long));
    }
    let taken = Taken::new(out.iter().map(|m| m.span));
    for w in ws {
        let Some(&(kind, long)) = first.get(&text[w.span.start..w.span.end]) else {
            continue;
        };
        if text[..w.span.start].ends_with('(') || taken.overlaps(w.span) {
            continue;
        }
        out.push(NameMatch {
            span: w.span,
            kind,
            cue: "short-form",
            country_span: None,
            full: Some(long),
        });
    }
}

/// Spans already claimed, for overlap tests by binary search: sorted by
/// start, with the longest length bounding how far back an overlap can
/// start.
struct Taken {
    spans: Vec<Span>,
    longest: usize,
}

impl Taken {
    fn new(spans: impl Iterator<Item = Span>) -> Taken {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_unstable();
        let longest = spans.iter().map(Span::len).max().unwrap_or(0);
        Taken { spans, longest }
    }

    fn overlaps(&self, span: Span) -> bool {
        let lo = self
            .spans
            .partition_point(|s| s.start + self.longest <= span.start);
        self.spans[lo..]
            .iter()
            .take_while(|s| s.start < span.end)
            .any(|s| s.overlaps(span))
    }
}

/// Are `needle`'s items found in `hay` in order?
fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|c| it.any(|h| h == c))
}

/// Generic first words that do not identify a company on their own.
static GENERIC_HEADS: WordSet = WordSet::new(&[
    "United",
    "American",
    "General",
    "First",
    "National",
    "International",
    "Continental",
    "Federal",
    "Pacific",
    "Atlantic",
    "Southern",
    "Northern",
    "Western",
    "Eastern",
    "Central",
    "New",
    "Great",
    "Royal",
    "Standard",
    "Allied",
    "Universal",
    "Global",
    "Union",
    "China",
    "British",
    "Japan",
    "Bank",
    "Banque",
    "Chemical",
    "Ministry",
    "Government",
    "Security",
    "Commercial",
    "Industrial",
    "Public",
    "Mid",
    "Citizens",
    "Home",
    "Trans",
]);

/// Finds short forms ("Conrac" for "Conrac Corp") of the names found so far
/// elsewhere in the text.
fn find_short_forms(text: &str, ws: &[Word], out: &mut Vec<NameMatch>) {
    let mut heads: FxHashMap<String, Option<(NameKind, Span)>> = FxHashMap::default();
    for m in out.iter().filter(|m| m.kind != NameKind::Government) {
        let name = &text[m.span.start..m.span.end];
        let first = if m.kind == NameKind::Person {
            name.split_whitespace().next_back().unwrap_or("")
        } else {
            name.split_whitespace().next().unwrap_or("")
        };
        let first = strip_possessives(first);
        if first.len() < 3 || GENERIC_HEADS.contains(first) || NOT_NAME_START.contains(first) {
            continue;
        }
        let full = m.full.unwrap_or(m.span);
        heads
            .entry(first.to_lowercase())
            .and_modify(|k| {
                if k.is_some_and(|(kind, f)| kind != m.kind || f != full) {
                    *k = None
                }
            })
            .or_insert(Some((m.kind, full)));
    }
    if heads.is_empty() {
        return;
    }
    let taken = Taken::new(out.iter().map(|m| m.span));
    // Per first letter (ASCII, lower case), a bit per length (up to 63) of
    // the heads: most capitalized words are turned away without a copy or
    // a hash. A non-ASCII head, or word, is always looked up.
    let mut shapes = [0u64; 128];
    for h in heads.keys() {
        match h.as_bytes()[0] {
            c if c.is_ascii() => shapes[c as usize] |= 1 << h.len().min(63),
            _ => shapes = [u64::MAX; 128],
        }
    }
    let mut lower = String::new();
    for w in ws {
        let t = &text[w.span.start..w.span.end];
        // Most words are in lower case: one byte says so, before any
        // suffix is stripped or character decoded.
        if t.as_bytes()
            .first()
            .is_some_and(|c| c.is_ascii() && !c.is_ascii_uppercase())
        {
            continue;
        }
        let base = t
            .strip_suffix("'s")
            .or_else(|| t.strip_suffix("\u{2019}s"))
            .unwrap_or(t);
        if !base.starts_with(char::is_uppercase) {
            continue;
        }
        // One buffer for every word's lower case (ASCII, most words).
        if base.is_ascii() {
            let first = base.as_bytes()[0].to_ascii_lowercase();
            if shapes[first as usize] & (1 << base.len().min(63)) == 0 {
                continue;
            }
            lower.clear();
            lower.push_str(base);
            lower.make_ascii_lowercase();
        } else {
            lower = base.to_lowercase();
        }
        if let Some(Some((kind, full))) = heads.get(lower.as_str()) {
            if taken.overlaps(w.span) {
                continue;
            }
            out.push(NameMatch {
                span: Span::new(w.span.start, w.span.start + base.len()),
                kind: *kind,
                cue: "short-form",
                country_span: None,
                full: Some(*full),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, &'static str)> {
        find(text, &[])
            .iter()
            .map(|m| (&text[m.span.start..m.span.end], m.cue))
            .collect()
    }

    /// The words as they were found before [`words_of`]: from the bytes.
    /// The reference the token words are checked against.
    fn words_by_bytes(text: &str) -> Vec<Word> {
        let b = text.as_bytes();
        let n = b.len();
        let word_at = |i: usize| -> (bool, usize) {
            let c = b[i];
            if c.is_ascii() {
                (ASCII_WORD[c as usize], 1)
            } else {
                let ch = text[i..].chars().next().expect("a char at a boundary");
                (is_word_char(ch), ch.len_utf8())
            }
        };
        let ascii_word_end = |i: usize| {
            b[i..]
                .iter()
                .position(|&c| !ASCII_WORD[c as usize])
                .map_or(n, |k| i + k)
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if b[i] == b'&' {
                out.push(Word {
                    span: Span::new(i, i + 1),
                });
                i += 1;
                continue;
            }
            let (is_word, len) = word_at(i);
            if !is_word {
                i += len;
                continue;
            }
            let start = i;
            let mut end = i + len;
            while end < n {
                end = ascii_word_end(end);
                if end >= n {
                    break;
                }
                let joiner = match b[end] {
                    b'.' | b'&' | b'-' | b'/' | b'\'' => 1,
                    0xE2 if b.get(end + 1..end + 3) == Some(&[0x80, 0x99][..]) => 3,
                    d if d.is_ascii() => 0,
                    _ => {
                        let (is_word, dlen) = word_at(end);
                        if !is_word {
                            break;
                        }
                        end += dlen;
                        continue;
                    }
                };
                if joiner > 0 && end + joiner < n && word_at(end + joiner).0 {
                    end += joiner;
                } else {
                    break;
                }
            }
            i = end;
            out.push(with_final_stop(text, start, end));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_from_tokens_are_the_words_from_bytes(
            text in "[A-Za-z0-9_ .&/'\\-\n\t,<>()é\u{2019}\u{2018}\u{301}\u{A0}\u{2013}ßİ]{0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text), words_by_bytes(&text));
        }
    }

    #[test]
    fn a_bare_number_starts_no_name() {
        // A count before a name is not part of it; a number with a comma
        // and an apposition after it is an age, not a company.
        assert_eq!(
            names("It ordered 12 Halvard Aero Corp jets and sold 2,400 Kestrel Pumps Inc shares."),
            vec![
                ("Halvard Aero Corp", "suffix"),
                ("Kestrel Pumps Inc", "suffix")
            ]
        );
        assert_eq!(names("said Dana Whitlow, 41, a bakery owner."), vec![]);
        // A digit in a word with letters still starts one.
        assert_eq!(
            names("It bought 3Com Corp in May."),
            vec![("3Com Corp", "suffix")]
        );
    }

    #[test]
    fn words_keep_abbreviations() {
        let t = "Hikvision Digital Technology Co. and AT&T, U.S. firms; N.V. end.";
        let w: Vec<&str> = words(t)
            .iter()
            .map(|w| &t[w.span.start..w.span.end])
            .collect();
        assert_eq!(
            w,
            vec![
                "Hikvision",
                "Digital",
                "Technology",
                "Co.",
                "and",
                "AT&T",
                "U.S.",
                "firms",
                "N.V.",
                "end"
            ]
        );
    }

    #[test]
    fn legal_suffixes_and_brackets() {
        assert_eq!(
            names("Heavy buying boosted Conrac Corp 7-7/8 to 29, above an offer by Mark IV Industries Inc <IV>."),
            vec![("Conrac Corp", "suffix"), ("Mark IV Industries Inc", "suffix")]
        );
        assert_eq!(
            names("<Cogeco Inc> said it agreed."),
            vec![("Cogeco Inc", "suffix")]
        );
        assert_eq!(
            names("Cross and Trecker <CT> said"),
            vec![("Cross and Trecker", "ticker")]
        );
        assert_eq!(
            names("Yesterday, Icahn's Transworld Airlines Inc made an offer."),
            vec![("Transworld Airlines Inc", "suffix")]
        );
    }

    #[test]
    fn people() {
        assert_eq!(
            names("Arthur Appleton, a Chicago investor, told them. Appleton said"),
            vec![("Arthur Appleton", "person"), ("Appleton", "short-form")]
        );
        assert_eq!(
            names("a group led by chairman Samuel J. Heyman has"),
            vec![("Samuel J. Heyman", "person")]
        );
    }

    #[test]
    fn appositions() {
        assert_eq!(
            names("the government opted for a Russian company, Vega, to build it"),
            vec![("Vega", "apposition")]
        );
        assert_eq!(
            names("It hired Kovac Systems, a Serbian firm."),
            vec![("Kovac Systems", "suffix")]
        );
        assert_eq!(
            names("It hired Kovac, a little-known Serbian firm."),
            vec![("Kovac", "apposition")]
        );
    }

    #[test]
    fn short_forms() {
        let t = "Conrac Corp rose. Conrac's board met.";
        assert_eq!(
            names(t),
            vec![("Conrac Corp", "suffix"), ("Conrac", "short-form")]
        );
    }

    #[test]
    fn public_bodies_found_line_by_line_are_those_of_the_whole_text() {
        let texts = [
            "the interior ministry said\nthe city government of Davao and the\nministry of the interior and justice",
            "Thestate council\r\nfederal government-owned, co-ministry; ministry",
            "no body here\n\n\nnational council",
            "ministry of finance\u{2019}s ministry \u{e9}ministry regional administration of Oslo",
            "",
        ];
        for text in texts {
            let whole: Vec<(usize, usize)> = LOWER_BODIES
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(text.is_empty(), whole.is_empty(), "{text:?}");
            assert_eq!(lower_bodies(text).collect::<Vec<_>>(), whole, "{text:?}");
        }
    }

    #[test]
    fn governments() {
        let t = "In 2019 the Uzbek government signed; the Government of Laos and Kenya's Ministry of Finance agreed.";
        let c = |w: &str| {
            let s = t.find(w).unwrap();
            (Span::new(s, s + w.len()), false)
        };
        let found: Vec<&str> = find(t, &[c("Uzbek"), c("Laos"), c("Kenya")])
            .iter()
            .filter(|m| m.kind == NameKind::Government)
            .map(|m| &t[m.span.start..m.span.end])
            .collect();
        assert_eq!(
            found,
            vec![
                "Uzbek government",
                "Government of Laos",
                "Kenya's Ministry of Finance"
            ]
        );
    }

    #[test]
    fn plain_capitalized_runs_are_not_names() {
        assert!(names("In April Smart Cities Were Built.").is_empty());
    }
}
