//! Text utilities shared by every stage: byte spans, code point offsets,
//! sentence boundaries, and the normalization of names and text for matching.
//!
//! Inside the library every span is a byte range into a Rust `&str`, because
//! that is what slicing needs. Output speaks Unicode code points (Python's
//! `text[start:end]`); [`CharOffsets`] converts once per document, at the edge.

use serde::Serialize;

/// A byte range `start..end` into a document's text (or title).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Converts byte offsets of one text to Unicode code point offsets.
///
/// ASCII text (most newswire) needs no table: a byte offset is a code point
/// offset. Otherwise a sorted list of the byte offsets of non-ASCII
/// characters lets a lookup subtract the extra bytes seen so far.
pub struct CharOffsets {
    /// (byte offset just after a multi-byte char, extra bytes so far).
    marks: Vec<(usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut marks = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += n - 1;
                    marks.push((i + n, extra));
                }
            }
        }
        CharOffsets { marks }
    }

    /// Code point offset of byte offset `b` (which must be a char boundary).
    pub fn char_of(&self, b: usize) -> usize {
        if self.marks.is_empty() {
            return b;
        }
        let k = self.marks.partition_point(|&(end, _)| end <= b);
        if k == 0 {
            b
        } else {
            b - self.marks[k - 1].1
        }
    }
}

/// Up to `n` bytes of `text` before byte `at`, cut on a char boundary.
pub fn before(text: &str, at: usize, n: usize) -> &str {
    let mut s = at.saturating_sub(n);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    &text[s..at]
}

/// Pushes `n` in decimal, zero-padded to `width` digits, as
/// `format!("{n:0width$}")` writes it but without the formatting machinery,
/// which costs about a thousand instructions a call: dates and error
/// sources are written this way for every mention and document.
pub fn push_uint(s: &mut String, mut n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in digits.len() - k..width {
        s.push('0');
    }
    s.push_str(std::str::from_utf8(&digits[k..]).expect("ASCII digits"));
}

/// Up to `n` bytes of `text` after byte `at`, cut on a char boundary.
pub fn after(text: &str, at: usize, n: usize) -> &str {
    let mut e = (at + n).min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    &text[at..e]
}

/// `s` with every run of white space (line breaks included) made one
/// space, for phrase tests on wrapped newswire text ("said it\nagreed").
pub fn squash(s: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let b = s.as_bytes();
    // Most stretches of text are squashed already: lend them, copy none.
    // The first byte that needs a change (a white space other than a lone
    // space, or any non-ASCII byte) decides.
    let first_change = b.iter().enumerate().position(|(k, &c)| {
        !c.is_ascii()
            || (c.is_ascii_whitespace() || c == 0x0B) && (c != b' ' || k > 0 && b[k - 1] == b' ')
    });
    let Some(at) = first_change else {
        return Cow::Borrowed(s);
    };
    if s.is_ascii() {
        let mut out = Vec::with_capacity(s.len());
        out.extend_from_slice(&b[..at]);
        let mut space = at > 0 && b[at - 1] == b' ';
        for &c in &b[at..] {
            if c.is_ascii_whitespace() || c == 0x0B {
                if !space {
                    out.push(b' ');
                }
                space = true;
            } else {
                out.push(c);
                space = false;
            }
        }
        return Cow::Owned(String::from_utf8(out).expect("ASCII is UTF-8"));
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    Cow::Owned(out)
}

/// `squash(s).to_lowercase()`, for the deal rules' phrase tests on a
/// sentence or the words around a name: an ASCII `s` is lowered in place in
/// the squashed copy, or copied once if it needed no squashing, instead of
/// copied and then copied again in lower case.
pub fn squash_lower(s: &str) -> String {
    if !s.is_ascii() {
        return squash(s).to_lowercase();
    }
    match squash(s) {
        std::borrow::Cow::Borrowed(b) => b.to_ascii_lowercase(),
        std::borrow::Cow::Owned(mut o) => {
            o.make_ascii_lowercase();
            o
        }
    }
}

/// A fixed list of words, written as a readable table in the source and
/// looked up by hash: the name rules test most capitalized words of a text
/// against lists of a hundred words and more.
pub struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<WordIndex>,
}

/// The index of a [`WordSet`], made on its first lookup.
///
/// An open-addressing table keyed by [`word_key`], which holds the whole of
/// a word of up to eight bytes (with its length): a lookup reads the word
/// once, multiplies, and compares integers, and only words longer than
/// eight bytes are compared as text. (An `FxHashSet<&str>` hashed every
/// byte and compared by `memcmp`, a call per hit.)
struct WordIndex {
    /// Per first byte, a bit per word length (up to 63) that some word has:
    /// most words asked about are turned away without a probe.
    shapes: Box<[u64; 256]>,
    /// A power of two, at least twice the words.
    slots: Box<[Slot]>,
    /// 64 minus the log2 of the slots: a key's hash, shifted by it, is its
    /// first slot.
    shift: u32,
}

#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    /// `EMPTY` for a free slot.
    len: u32,
    /// Index in the word list.
    word: u32,
}

const EMPTY: u32 = u32::MAX;

/// A word's key: its bytes, little-endian, when it has eight or fewer
/// (overlapping reads for four to seven, three bytes for one to three,
/// which with the length says which word it is), its first eight
/// otherwise.
#[inline]
fn word_key(w: &[u8]) -> u64 {
    let n = w.len();
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(w[i..i + 4].try_into().expect("4")));
    if n >= 8 {
        u64::from_le_bytes(w[..8].try_into().expect("eight bytes"))
    } else if n >= 4 {
        u32_at(0) | (u32_at(n - 4) << 32)
    } else if n > 0 {
        u64::from(w[0]) | (u64::from(w[n / 2]) << 8) | (u64::from(w[n - 1]) << 16)
    } else {
        0
    }
}

#[inline]
fn slot_hash(key: u64, len: u32) -> u64 {
    (key ^ u64::from(len)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl WordIndex {
    fn new(words: &'static [&'static str]) -> WordIndex {
        let mut shapes = Box::new([0u64; 256]);
        for w in words {
            let first = w.as_bytes().first().copied().unwrap_or(0);
            shapes[first as usize] |= 1 << w.len().min(63);
        }
        let size = (words.len() * 2).next_power_of_two().max(16);
        let empty = Slot {
            key: 0,
            len: EMPTY,
            word: 0,
        };
        let mut index = WordIndex {
            shapes,
            slots: vec![empty; size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
        };
        for (k, w) in words.iter().enumerate() {
            // A word listed twice is held once.
            if let Err(free) = index.probe(words, w) {
                index.slots[free] = Slot {
                    key: word_key(w.as_bytes()),
                    len: w.len() as u32,
                    word: k as u32,
                };
            }
        }
        index
    }

    /// The slot holding `word`, or else the free slot where its probe ends
    /// (where it goes).
    #[inline]
    fn probe(&self, words: &[&str], word: &str) -> Result<usize, usize> {
        let b = word.as_bytes();
        let (key, len) = (word_key(b), b.len() as u32);
        let mask = self.slots.len() - 1;
        let mut i = (slot_hash(key, len) >> self.shift) as usize;
        loop {
            let s = self.slots[i];
            if s.len == EMPTY {
                return Err(i);
            }
            if s.key == key && s.len == len && (len <= 8 || words[s.word as usize] == word) {
                return Ok(i);
            }
            i = (i + 1) & mask;
        }
    }
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        let index = self.set.get_or_init(|| WordIndex::new(self.words));
        let first = word.as_bytes().first().copied().unwrap_or(0);
        index.shapes[first as usize] & (1 << word.len().min(63)) != 0
            && index.probe(self.words, word).is_ok()
    }
}

/// Apostrophe-like characters that all match `'`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' | '`' | '\u{00B4}'
    )
}

/// Hyphen- and dash-like characters that all match `-`.
pub fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{FE63}'
            | '\u{FF0D}'
            | '\u{00AD}'
    )
}

/// ASCII bytes that are word characters (letters, digits, `_`), as
/// [`is_word_char`] says; every other byte, non-ASCII ones included, is
/// false. For the loops that run over every byte of a text.
pub(crate) const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c == b'_' as usize;
        c += 1;
    }
    t
};

/// A word character for boundary tests: letters, digits and combining marks.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (so "Cafe\u{301}" is one word). A cheap range test over
/// the main combining blocks; exotic marks elsewhere only weaken boundaries.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Lower-cases `c` when that keeps it one char of the same UTF-8 length
/// ("İ" stays as it is): the folding that names and text tokens share.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// Normalizes one name (a gazetteer entry) the way tokens are folded
/// ([`crate::tokens`]): apostrophes and hyphens unified, white space runs to one space,
/// trimmed, and lower-cased when `fold_case` is true.
pub fn normalize_name(name: &str, fold_case: bool) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_space = false;
    for c in name.trim().chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.push(normalize_char(c, fold_case));
    }
    out
}

pub fn normalize_char(c: char, fold_case: bool) -> char {
    if is_apostrophe(c) {
        '\''
    } else if is_hyphen(c) {
        '-'
    } else if fold_case {
        fold_char(c)
    } else {
        c
    }
}

/// Abbreviations after which a full stop does not end a sentence.
static ABBREVIATIONS: WordSet = WordSet::new(&[
    "co", "corp", "inc", "ltd", "plc", "bhd", "llc", "cos", "mr", "mrs", "ms", "dr", "prof", "sr",
    "jr", "st", "mt", "ft", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev", "hon",
    "pres", "no", "nos", "vs", "v", "etc", "approx", "dept", "est", "fig", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "ave", "blvd", "rd", "int", "intl", "natl",
    "assn", "bros", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m", "ph.d", "s.a",
    "n.v", "a.g",
]);

/// Sentence spans of `text`: byte ranges, trimmed of surrounding white space,
/// in order, covering every non-blank stretch of the text.
///
/// A sentence ends at `.`, `!` or `?` (and closing quotes or brackets after
/// it) followed by white space and then something that can start a sentence,
/// unless the word before the stop is a known abbreviation ("Co.", "U.S.",
/// "Mr."), a single initial ("J."), or a number. A blank line (paragraph
/// break) always ends a sentence, so headlines and text with no final stop
/// still come out as sentences.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let n = bytes.len();
    // Only line breaks and stops can end a sentence: the next one is found
    // by memchr (vectorized), the rare "!" apart, its next place kept.
    let mut bang = memchr::memchr(b'!', bytes).unwrap_or(n);
    while i < n {
        if bang < i {
            bang = memchr::memchr(b'!', &bytes[i..]).map_or(n, |k| i + k);
        }
        let stop = memchr::memchr3(b'\n', b'.', b'?', &bytes[i..]).map_or(n, |k| i + k);
        i = stop.min(bang);
        if i >= n {
            break;
        }
        let b = bytes[i];
        if b == b'\n' {
            // Paragraph break: a newline, optional spaces, another newline.
            let mut j = i + 1;
            while j < n && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < n && bytes[j] == b'\n' {
                push_trimmed(text, start, i, &mut out);
                start = j;
                i = j;
                continue;
            }
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // Closing quotes and brackets belong to the sentence.
            while j < n {
                let c = text[j..].chars().next().unwrap_or(' ');
                if matches!(
                    c,
                    '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '.' | '!' | '?'
                ) {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            if j < n
                && is_space_at(text, j)
                && starts_sentence(text, j)
                && (!is_abbreviation(text, i) || starts_indented_line(text, j))
            {
                push_trimmed(text, start, j, &mut out);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, n, &mut out);
    out
}

/// Does the white space at `i` hold a line break followed by indentation
/// (a new paragraph in newswire), so even "Inc." ends the sentence?
fn starts_indented_line(text: &str, i: usize) -> bool {
    let ws: &str = &text[i..i + text[i..].len() - text[i..].trim_start().len()];
    ws.contains('\n')
        && ws
            .rsplit('\n')
            .next()
            .is_some_and(|tail| tail.starts_with("  ") || tail.starts_with('\t'))
}

fn is_space_at(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(char::is_whitespace)
}

/// After white space at `i`, does what follows look like a sentence start?
fn starts_sentence(text: &str, i: usize) -> bool {
    let next = text[i..].trim_start().chars().next();
    match next {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_numeric()
                || matches!(
                    c,
                    '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '<' | '-'
                )
                || !c.is_alphabetic()
        }
    }
}

/// Is the full stop at byte `dot` part of an abbreviation or initial?
fn is_abbreviation(text: &str, dot: usize) -> bool {
    if text.as_bytes()[dot] != b'.' {
        return false;
    }
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201C}'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap();
    // A single capital initial: "J. Smith".
    if first.is_uppercase() && chars.next().is_none() {
        return true;
    }
    // Dotted acronyms: "U.S", "U.N".
    if word.len() <= 8 && word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic())
    {
        return true;
    }
    // Lower-cased in a buffer: no abbreviation is longer than eight bytes.
    let mut buf = [0u8; 8];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|w| ABBREVIATIONS.contains(w))
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        let a = start + lead;
        out.push(Span::new(a, a + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A word set holds its words and nothing else: words of every
        /// length around the eight-byte key, from few letters, so that
        /// many share a shape or a key's bytes.
        #[test]
        fn word_set_holds_exactly_its_words(
            list in proptest::collection::vec("[ab\u{e9}]{0,11}", 0..40),
            asked in proptest::collection::vec("[ab\u{e9}]{0,11}", 0..40),
        ) {
            let words: Vec<&'static str> =
                list.iter().map(|w| &*Box::leak(w.clone().into_boxed_str())).collect();
            let set = WordSet::new(Box::leak(words.into_boxed_slice()));
            for w in list.iter().chain(&asked) {
                proptest::prop_assert_eq!(set.contains(w), list.contains(w), "{:?}", w);
            }
        }

        #[test]
        fn push_uint_writes_what_format_writes(n in proptest::num::u64::ANY, width in 0usize..24) {
            let mut s = String::from("x");
            push_uint(&mut s, n, width);
            proptest::prop_assert_eq!(s, format!("x{n:0width$}"));
        }

        #[test]
        fn squash_lower_is_squash_then_lowercase(s in "[aB. \t\n\r\x0B\x0C\u{e9}\u{c9}\u{130}\u{3a3}\u{a0}]{0,24}") {
            proptest::prop_assert_eq!(squash_lower(&s), squash(&s).to_lowercase());
        }

        /// Every run of white space, and only that, becomes one space.
        #[test]
        fn squash_makes_each_run_of_white_space_one_space(
            s in "[ab. \t\n\r\x0B\x0C]{0,24}"
        ) {
            let mut want = String::new();
            for c in s.chars() {
                if c.is_whitespace() {
                    if !want.ends_with(' ') {
                        want.push(' ');
                    }
                } else {
                    want.push(c);
                }
            }
            proptest::prop_assert_eq!(squash(&s), want);
        }
    }

    fn sents(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn char_offsets_ascii_and_unicode() {
        let t = "ab\u{2019}c \u{1F600}x";
        let co = CharOffsets::new(t);
        let pos = t.find('x').unwrap();
        assert_eq!(co.char_of(pos), 6);
        assert_eq!(co.char_of(0), 0);
        assert_eq!(co.char_of(t.len()), t.chars().count());
        let a = CharOffsets::new("plain");
        assert_eq!(a.char_of(3), 3);
    }

    #[test]
    fn normalize_names() {
        assert_eq!(normalize_name("  Bank of  China ", true), "bank of china");
        assert_eq!(
            normalize_name("Côte d\u{2019}Ivoire", false),
            "Côte d'Ivoire"
        );
    }

    #[test]
    fn sentences_handle_abbreviations() {
        let t = "Hangzhou Hikvision Digital Technology Co. operates in Europe. Mr. Smith said the U.S. Steel unit rose 1.5 pct. J. Doe agreed.";
        assert_eq!(
            sents(t),
            vec![
                "Hangzhou Hikvision Digital Technology Co. operates in Europe.",
                "Mr. Smith said the U.S. Steel unit rose 1.5 pct.",
                "J. Doe agreed."
            ]
        );
    }

    #[test]
    fn sentences_paragraphs_without_stop() {
        let t = "Smart Cities or Surveillance\n\nIn April 2019, Huawei closed a deal.\nIt was\nbig";
        assert_eq!(
            sents(t),
            vec![
                "Smart Cities or Surveillance",
                "In April 2019, Huawei closed a deal.",
                "It was\nbig"
            ]
        );
    }

    #[test]
    fn sentences_with_quotes_and_empty() {
        assert!(sentences("").is_empty());
        assert!(sentences("  \n\n ").is_empty());
        let t = "He said \u{201C}yes.\u{201D} Then left! Why? No.";
        assert_eq!(
            sents(t),
            vec!["He said \u{201C}yes.\u{201D}", "Then left!", "Why?", "No."]
        );
    }

    #[test]
    fn every_kind_of_stop_in_any_order() {
        // The stops are found by separate searches ("!" apart from the
        // others): interleave them, repeat them, end on each.
        let t = "Yes! Done. Why? Wow!! Fine.\nGood!\n\nReally? Sure! End.";
        assert_eq!(
            sents(t),
            vec!["Yes!", "Done.", "Why?", "Wow!!", "Fine.", "Good!", "Really?", "Sure!", "End."]
        );
        assert_eq!(sents("Wow! wow! Yes"), vec!["Wow! wow!", "Yes"]);
        assert_eq!(sents("No stop at all"), vec!["No stop at all"]);
    }

    #[test]
    fn sentence_does_not_split_before_lowercase() {
        let t = "The deal is worth 5 mln dlrs. or more, the company said.";
        assert_eq!(sents(t).len(), 1);
    }
}
