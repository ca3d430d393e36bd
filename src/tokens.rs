//! Tokens, and phrase sets matched over them.
//!
//! Every list the pipeline matches — gazetteer names, deal triggers, status
//! cues — is matched on whole words, case-insensitively, with any run of
//! white space standing for one space and every apostrophe or hyphen alike.
//! Matching token by token gives exactly that: the text is cut once into
//! tokens (runs of word characters, and single other characters), each
//! token folded (lower case, one apostrophe, one hyphen), and a phrase is a
//! path of folded tokens in a trie. A phrase can then only start and end on
//! token edges, which is the word-boundary rule, and white space is not a
//! token, only a flag on the token after it ("glued" or not), which is the
//! one-space rule.
//!
//! Why not a byte-level Aho-Corasick automaton over a folded copy of the
//! text (what this replaced): a million names make an automaton of tens of
//! millions of states that takes seconds to build, and the folded copy with
//! its byte map costs as much as the search. A token trie is a hash map of
//! (node, token) edges: a million names build in well under a second, the
//! text is folded once per document, and the search tests one bit per
//! token (can a phrase start here?), most of which say no; only where one
//! may start is the token looked up and the trie walked.

use std::ops::Range;

use hashbrown::HashTable;
use rustc_hash::FxHashMap;

use crate::text::{is_word_char, normalize_char, Span, ASCII_WORD};

/// One token of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub start: u32,
    pub end: u32,
    /// Byte range of the folded token in [`Tokens::folded`].
    folded_start: u32,
    folded_end: u32,
    /// Hash of the folded token, computed once and shared by every phrase
    /// set the text is matched against.
    hash: u64,
    /// No white space between this token and the one before.
    pub glued: bool,
    /// A run of word characters, not a single other character.
    pub word: bool,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// A text cut into folded tokens.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    /// The whole text folded (UTF-8), white space included, and eight zero
    /// bytes: each token's folded form is a slice of it.
    folded: Vec<u8>,
    pub list: Vec<Token>,
}

impl Tokens {
    /// Cuts `text` into tokens. Texts are limited to 4 GiB (offsets are
    /// `u32`); input documents are far smaller (`--max-doc-bytes`).
    pub fn new(text: &str) -> Tokens {
        let mut t = Tokens {
            // The folded text and its padding.
            folded: Vec::with_capacity(text.len() + 8),
            list: Vec::with_capacity(text.len() / 4 + 1),
        };
        t.fill(text);
        t
    }

    /// Cuts `text` into these buffers, dropping what they held.
    ///
    /// Two passes. The first folds the whole text into `folded`, byte for
    /// byte where it is ASCII (in one vectorized loop when all of it is),
    /// so that a token's folded form is a slice of it and costs nothing to
    /// make. The second cuts the text into tokens by a class table and
    /// hashes each word from its folded slice, eight bytes at a time. Only
    /// non-ASCII characters are decoded (in both passes; they are rare).
    pub fn fill(&mut self, text: &str) {
        self.folded.clear();
        self.list.clear();
        fold_text(&mut self.folded, text);
        let content = self.folded.len();
        // Eight bytes of padding: a token's last eight-byte read never
        // needs a bounds fallback.
        self.folded.extend_from_slice(&[0; 8]);
        let (folded, list) = (&self.folded[..], &mut self.list);
        let b = text.as_bytes();
        let n = b.len();
        let mut glued = false;
        let mut i = 0;
        // The offset in `folded` of `b[i]`: `i` until a non-ASCII character
        // folds to another length.
        let mut fo = 0;
        while i < n {
            let c = b[i];
            let (start, f) = (i, fo);
            if c.is_ascii() {
                match ASCII_CLASS[c as usize] {
                    WORD => {}
                    SPACE => {
                        glued = false;
                        i += 1;
                        fo += 1;
                        continue;
                    }
                    _ => {
                        // Punctuation: a token of its own.
                        list.push(Token {
                            start: i as u32,
                            end: i as u32 + 1,
                            folded_start: f as u32,
                            folded_end: f as u32 + 1,
                            hash: 0,
                            glued,
                            word: false,
                        });
                        glued = true;
                        i += 1;
                        fo += 1;
                        continue;
                    }
                }
            } else {
                let ch = text[i..].chars().next().expect("a char at a boundary");
                if !is_word_char(ch) {
                    i += ch.len_utf8();
                    fo += normalize_char(ch, true).len_utf8();
                    if ch.is_whitespace() {
                        glued = false;
                    } else {
                        list.push(Token {
                            start: start as u32,
                            end: i as u32,
                            folded_start: f as u32,
                            folded_end: fo as u32,
                            hash: hash_padded(folded, f, fo),
                            glued,
                            word: false,
                        });
                        glued = true;
                    }
                    continue;
                }
            }
            // A word: ASCII word bytes and non-ASCII word characters.
            loop {
                let s = i;
                while i < n && ASCII_CLASS[b[i] as usize] == WORD {
                    i += 1;
                }
                fo += i - s;
                if i < n && !b[i].is_ascii() {
                    let ch = text[i..].chars().next().expect("a char at a boundary");
                    if is_word_char(ch) {
                        i += ch.len_utf8();
                        fo += normalize_char(ch, true).len_utf8();
                        continue;
                    }
                }
                break;
            }
            list.push(Token {
                start: start as u32,
                end: i as u32,
                folded_start: f as u32,
                folded_end: fo as u32,
                hash: hash_padded(folded, f, fo),
                glued,
                word: true,
            });
            glued = true;
        }
        debug_assert_eq!(fo, content, "the two passes fold alike");
    }

    /// The folded form of token `k`.
    pub fn folded(&self, k: usize) -> &str {
        std::str::from_utf8(self.folded_bytes(k)).expect("folded tokens are whole characters")
    }

    /// The folded form of token `k`, as bytes (what the phrase sets compare).
    fn folded_bytes(&self, k: usize) -> &[u8] {
        let t = &self.list[k];
        &self.folded[t.folded_start as usize..t.folded_end as usize]
    }

    /// [`head_of`] the folded form of token `k`: one unaligned read and a
    /// mask (the folded text's padding puts eight bytes after every start).
    fn folded_head(&self, k: usize) -> u64 {
        let t = &self.list[k];
        let len = (t.folded_end - t.folded_start) as usize;
        low_bytes(load8(&self.folded, t.folded_start as usize), len.min(8))
    }

    /// A bit standing for token `k` among 32, from its hash (or its byte,
    /// for one-byte tokens, which have no hash): a trie node holds the bits
    /// of the tokens that can follow it.
    fn follow_bit(&self, k: usize) -> u32 {
        let t = &self.list[k];
        let slot = if t.folded_end - t.folded_start == 1 {
            u64::from(self.folded[t.folded_start as usize])
        } else {
            t.hash >> 59
        };
        1 << (slot & 31)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The tokens lying wholly inside byte span `span`.
    pub fn within(&self, span: Span) -> Range<usize> {
        let a = self
            .list
            .partition_point(|t| (t.start as usize) < span.start);
        let b = self.list.partition_point(|t| (t.end as usize) <= span.end);
        a..b.max(a)
    }
}

fn push_char(buf: &mut Vec<u8>, c: char) {
    let mut utf8 = [0u8; 4];
    buf.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
}

const WORD: u8 = 0;
const SPACE: u8 = 1;
const PUNCT: u8 = 2;
const OTHER: u8 = 3;

/// The class of each ASCII byte: word characters (letters, digits, `_`),
/// white space (as [`u8::is_ascii_whitespace`], and vertical tab), or
/// punctuation; every non-ASCII byte is `OTHER` (decoded instead).
static ASCII_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if ASCII_WORD[c] {
            t[c] = WORD;
        } else if b.is_ascii_whitespace() || b == 0x0B || b == 0x0C {
            t[c] = SPACE;
        } else {
            t[c] = PUNCT;
        }
        c += 1;
    }
    t
};

/// The folded form of an ASCII byte, as [`normalize_char`] folds it: lower
/// case, and the backtick is an apostrophe. Branch-free, so that a loop of
/// it is vectorized.
#[inline]
const fn fold_ascii(c: u8) -> u8 {
    let upper = c.wrapping_sub(b'A') < 26;
    let c = c | ((upper as u8) << 5);
    if c == b'`' {
        b'\''
    } else {
        c
    }
}

/// Folds `text` onto the end of `out`: each ASCII byte by [`fold_ascii`],
/// each other character by [`normalize_char`], white space included, so
/// that the folded text lines up with the text byte for byte up to its
/// first non-ASCII character whose fold has another length.
fn fold_text(out: &mut Vec<u8>, text: &str) {
    let b = text.as_bytes();
    if text.is_ascii() {
        out.extend(b.iter().map(|&c| fold_ascii(c)));
        return;
    }
    let mut i = 0;
    while i < b.len() {
        let run = b[i..]
            .iter()
            .position(|&c| !c.is_ascii())
            .map_or(b.len(), |p| i + p);
        out.extend(b[i..run].iter().map(|&c| fold_ascii(c)));
        let Some(ch) = text[run..].chars().next() else {
            break;
        };
        push_char(out, normalize_char(ch, true));
        i = run + ch.len_utf8();
    }
}

/// The hash of a folded token: its length, then its bytes eight at a time
/// (little-endian, the last word zero-padded), each mixed in by FxHash's
/// rotate and multiply, with a final mix so that its top bits, which the
/// phrase filter uses, depend on every byte. One-byte tokens (a third of a
/// text's) are looked up by their byte, not their hash, and get 0.
struct TokenHash(u64);

impl TokenHash {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn new(len: usize) -> TokenHash {
        TokenHash((len as u64).wrapping_mul(Self::K))
    }

    #[inline]
    fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(Self::K);
    }

    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 29);
        h.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (h >> 32)
    }
}

fn load8(buf: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(buf[at..at + 8].try_into().expect("eight bytes"))
}

/// The first `n` (1 to 8) bytes of a little-endian word, the rest cleared.
fn low_bytes(w: u64, n: usize) -> u64 {
    w & (u64::MAX >> (64 - 8 * n))
}

/// [`hash_token`] of `buf[a..e]`, where at least eight bytes of `buf` follow
/// `e`: every word, the last one too, is a single unaligned read (the last
/// one masked).
#[inline]
fn hash_padded(buf: &[u8], a: usize, e: usize) -> u64 {
    let len = e - a;
    if len <= 1 {
        return 0;
    }
    let mut h = TokenHash::new(len);
    let mut p = a;
    while e - p > 8 {
        h.word(load8(buf, p));
        p += 8;
    }
    h.word(low_bytes(load8(buf, p), e - p));
    h.finish()
}

/// The hash of a folded token, as [`Tokens::fill`] computes it (for the
/// phrase sets' own copies, which are not padded).
fn hash_token(folded: &[u8]) -> u64 {
    if folded.len() <= 1 {
        return 0;
    }
    let mut h = TokenHash::new(folded.len());
    let mut rest = folded;
    while rest.len() > 8 {
        h.word(load8(rest, 0));
        rest = &rest[8..];
    }
    h.word(head_of(rest));
    h.finish()
}

/// A one-bit-per-slot filter over token hashes: "no" is sure, "maybe" is
/// checked by a lookup. Sized to 32 to 64 bits per token held (a few per
/// cent of bits set, so nearly every token that is not held is turned
/// away).
#[derive(Clone)]
struct TokenFilter {
    /// A power of two of words, one at least (all clear: nothing held).
    bits: Vec<u64>,
    /// The number of bits, less one: a hash's slot is its top bits masked
    /// by it, with no test for an empty filter.
    mask: u64,
}

impl Default for TokenFilter {
    fn default() -> TokenFilter {
        TokenFilter {
            bits: vec![0],
            mask: 63,
        }
    }
}

impl TokenFilter {
    fn slot(&self, hash: u64) -> (usize, u64) {
        // The top bits: the hash's final mix spreads every byte over them.
        let slot = (hash >> 40) & self.mask;
        ((slot / 64) as usize, 1u64 << (slot % 64))
    }

    #[inline]
    fn maybe_holds(&self, hash: u64) -> bool {
        let (w, bit) = self.slot(hash);
        self.bits[w] & bit != 0
    }

    /// Adds `hash`, the filter then holding `held` tokens; past 32 bits per
    /// token it is resized (amortized, like a Vec) and refilled from
    /// `all`, the hashes of every token held.
    fn add<I: Iterator<Item = u64>>(&mut self, hash: u64, held: usize, all: impl FnOnce() -> I) {
        if held * 32 > self.bits.len() * 64 {
            let words = (held * 32 / 64).next_power_of_two().max(64);
            self.bits = vec![0; words];
            self.mask = (words * 64 - 1) as u64;
            for h in all() {
                let (w, bit) = self.slot(h);
                self.bits[w] |= bit;
            }
        } else {
            let (w, bit) = self.slot(hash);
            self.bits[w] |= bit;
        }
    }
}

/// A set of phrases matched on tokens: a trie whose edges are folded tokens.
///
/// Each distinct phrase (as a token sequence) gets a pattern id, in order of
/// first insertion; inserting the same phrase again returns the same id.
#[derive(Clone, Default)]
pub struct PhraseSet {
    /// Token ids by the hash of their folded text.
    token_ids: HashTable<Entry>,
    /// The folded text of token `k` is `arena[texts[k].0..texts[k].1]`: one
    /// buffer, not a string per token.
    arena: Vec<u8>,
    texts: Vec<(u32, u32)>,
    /// Per token id, the node a phrase starting with it goes to from the
    /// root (`NONE`: no phrase starts with it): the first step of every
    /// search, an index rather than a hash probe.
    roots: Vec<u32>,
    /// Ids of one-byte tokens by their byte (`NONE`: in no phrase); empty
    /// until the first is added.
    bytes: Vec<u32>,
    /// One bit per hash slot of the tokens held: most tokens of a text are
    /// in no phrase, and one bit test turns them away.
    filter: TokenFilter,
    /// The same for the tokens that start a phrase: a phrase is searched
    /// for only where one starts, and a token that is in some phrase but
    /// starts none ("of", "corp") is then looked up only when a phrase
    /// reaches it.
    start_filter: TokenFilter,
    /// How many token ids have a root edge.
    start_count: usize,
    /// (node, token id, glued) to child node, below the root (whose edges
    /// are `roots`: a phrase may start after anything).
    edges: FxHashMap<u64, u32>,
    /// Per node, the pattern that ends there and the tokens that can follow.
    nodes: Vec<Node>,
    patterns: u32,
    /// Reused while inserting, so a million phrases cost no million buffers.
    scratch: Tokens,
}

impl std::fmt::Debug for PhraseSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseSet")
            .field("tokens", &self.texts.len())
            .field("nodes", &self.nodes.len())
            .field("patterns", &self.patterns)
            .finish()
    }
}

const NONE: u32 = u32::MAX;

/// A node of a phrase set's trie.
#[derive(Clone, Copy)]
struct Node {
    /// The pattern that ends here, or `NONE`.
    terminal: u32,
    /// One bit ([`Tokens::follow_bit`]) per token on an edge out of this
    /// node: a token whose bit is clear goes on from here in no phrase.
    next: u32,
}

impl Node {
    const LEAF: Node = Node {
        terminal: NONE,
        next: 0,
    };
}

/// A token held by a phrase set: its id, its length and its first eight
/// bytes (zero-padded), so that a probe compares two integers and reads
/// the token's text only when it is longer than eight bytes.
#[derive(Clone, Copy)]
struct Entry {
    head: u64,
    len: u32,
    id: u32,
}

/// The first eight bytes of `folded`, zero-padded, little-endian.
fn head_of(folded: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = folded.len().min(8);
    b[..n].copy_from_slice(&folded[..n]);
    u64::from_le_bytes(b)
}

fn edge(node: u32, token: u32, glued: bool) -> u64 {
    (u64::from(node) << 32) | (u64::from(token) << 1) | u64::from(glued)
}

impl PhraseSet {
    pub fn new() -> PhraseSet {
        PhraseSet::with_capacity(0)
    }

    /// A set with room for about `phrases` phrases of a few tokens each.
    pub fn with_capacity(phrases: usize) -> PhraseSet {
        let nodes = phrases.saturating_mul(3);
        let mut trie = Vec::with_capacity(nodes + 1);
        trie.push(Node::LEAF);
        PhraseSet {
            token_ids: HashTable::with_capacity(phrases),
            edges: FxHashMap::with_capacity_and_hasher(nodes, Default::default()),
            nodes: trie,
            ..PhraseSet::default()
        }
    }

    fn text(&self, id: u32) -> &[u8] {
        let (a, b) = self.texts[id as usize];
        &self.arena[a as usize..b as usize]
    }

    /// The id of token `k` of `tokens`, if any phrase holds it.
    fn token_id(&self, tokens: &Tokens, k: usize) -> Option<u32> {
        let folded = tokens.folded_bytes(k);
        // One-byte tokens (punctuation, "a", "s" of "'s") are a third of a
        // text's tokens: a table, not a hash probe.
        if let [b] = folded {
            let id = self.bytes.get(*b as usize).copied().unwrap_or(NONE);
            return (id != NONE).then_some(id);
        }
        let hash = tokens.list[k].hash;
        if !self.maybe_holds(hash) {
            return None;
        }
        let (head, len) = (tokens.folded_head(k), folded.len() as u32);
        self.token_ids
            .find(hash, |e| {
                e.head == head && e.len == len && (len <= 8 || self.text(e.id) == folded)
            })
            .map(|e| e.id)
    }

    fn maybe_holds(&self, hash: u64) -> bool {
        self.filter.maybe_holds(hash)
    }

    /// Number of distinct patterns.
    pub fn patterns(&self) -> usize {
        self.patterns as usize
    }

    /// Adds a phrase (folded as text is) and returns its pattern id, or
    /// `None` when the phrase holds no token.
    pub fn insert(&mut self, phrase: &str) -> Option<u32> {
        let mut tokens = std::mem::take(&mut self.scratch);
        tokens.fill(phrase);
        let found = self.insert_tokens(&tokens);
        self.scratch = tokens;
        found
    }

    fn insert_tokens(&mut self, tokens: &Tokens) -> Option<u32> {
        if tokens.is_empty() {
            return None;
        }
        let mut node = 0u32;
        for k in 0..tokens.len() {
            let id = match self.token_id(tokens, k) {
                Some(id) => id,
                None => {
                    let id = self.texts.len() as u32;
                    let a = self.arena.len() as u32;
                    self.arena.extend_from_slice(tokens.folded_bytes(k));
                    self.texts.push((a, self.arena.len() as u32));
                    self.roots.push(NONE);
                    let texts = &self.texts;
                    let arena = &self.arena;
                    let folded = tokens.folded_bytes(k);
                    let entry = Entry {
                        head: head_of(folded),
                        len: folded.len() as u32,
                        id,
                    };
                    self.token_ids
                        .insert_unique(tokens.list[k].hash, entry, |e| {
                            let (a, b) = texts[e.id as usize];
                            hash_token(&arena[a as usize..b as usize])
                        });
                    let (texts, arena) = (&self.texts, &self.arena);
                    self.filter.add(tokens.list[k].hash, texts.len(), || {
                        texts
                            .iter()
                            .map(|&(a, b)| hash_token(&arena[a as usize..b as usize]))
                    });
                    if let [b] = tokens.folded_bytes(k) {
                        if self.bytes.is_empty() {
                            self.bytes = vec![NONE; 256];
                        }
                        self.bytes[*b as usize] = id;
                    }
                    id
                }
            };
            if k == 0 {
                if self.roots[id as usize] == NONE {
                    let child = self.nodes.len() as u32;
                    self.nodes.push(Node::LEAF);
                    self.roots[id as usize] = child;
                    let (texts, arena, roots) = (&self.texts, &self.arena, &self.roots);
                    self.start_count += 1;
                    self.start_filter
                        .add(tokens.list[k].hash, self.start_count, || {
                            texts
                                .iter()
                                .zip(roots)
                                .filter(|&(_, &r)| r != NONE)
                                .map(|(&(a, b), _)| hash_token(&arena[a as usize..b as usize]))
                        });
                }
                node = self.roots[id as usize];
                continue;
            }
            let key = edge(node, id, tokens.list[k].glued);
            node = match self.edges.get(&key) {
                Some(&child) => child,
                None => {
                    let child = self.nodes.len() as u32;
                    self.nodes.push(Node::LEAF);
                    self.nodes[node as usize].next |= tokens.follow_bit(k);
                    self.edges.insert(key, child);
                    child
                }
            };
        }
        let t = &mut self.nodes[node as usize].terminal;
        if *t == NONE {
            *t = self.patterns;
            self.patterns += 1;
        }
        Some(*t)
    }

    /// Every occurrence of every phrase among `tokens[range]`, overlapping
    /// ones included, as (pattern, first token, last token), in order of
    /// first token, then length.
    pub fn find(&self, tokens: &Tokens, range: Range<usize>) -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        if self.patterns == 0 {
            return out;
        }
        // Most tokens of a text start no phrase and end at the first test;
        // the tokens after a start are looked up only as a phrase reaches
        // them.
        for i in range.clone() {
            let t = &tokens.list[i];
            let id = if t.folded_end - t.folded_start == 1 {
                // A one-byte token (a third of them): its id by its byte.
                let b = tokens.folded[t.folded_start as usize];
                match self.bytes.get(b as usize) {
                    Some(&id) if id != NONE => id,
                    _ => continue,
                }
            } else {
                if !self.start_filter.maybe_holds(t.hash) {
                    continue;
                }
                match self.token_id(tokens, i) {
                    Some(id) => id,
                    None => continue,
                }
            };
            let mut node = match self.roots[id as usize] {
                NONE => continue,
                root => root,
            };
            let mut j = i;
            loop {
                let Node { terminal, next } = self.nodes[node as usize];
                if terminal != NONE {
                    out.push((terminal, i, j));
                }
                j += 1;
                // Most phrases that start here go no further: the node's
                // mask turns the next token away before any lookup.
                if j >= range.end || next & tokens.follow_bit(j) == 0 {
                    break;
                }
                let Some(next) = self.token_id(tokens, j) else {
                    break;
                };
                match self.edges.get(&edge(node, next, tokens.list[j].glued)) {
                    Some(&child) => node = child,
                    None => break,
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<(String, bool)> {
        let t = Tokens::new(text);
        (0..t.len())
            .map(|k| (t.folded(k).to_string(), t.list[k].glued))
            .collect()
    }

    #[test]
    fn tokens_fold_and_glue() {
        let f = folded("Huawei\u{2019}s  Nur\u{2013}Sultan, U.S.");
        let words: Vec<&str> = f.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            words,
            vec!["huawei", "'", "s", "nur", "-", "sultan", ",", "u", ".", "s", "."]
        );
        assert!(!f[3].1, "a space before Nur");
        assert!(f[4].1 && f[5].1);
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Caf\u{e9}\u{301} \u{1F600}ZTE";
        let t = Tokens::new(text);
        let spans: Vec<&str> = t
            .list
            .iter()
            .map(|x| &text[x.start as usize..x.end as usize])
            .collect();
        assert_eq!(spans, vec!["Caf\u{e9}\u{301}", "\u{1F600}", "ZTE"]);
    }

    #[test]
    fn tokens_that_start_no_phrase_are_matched_inside_one() {
        // "of" and "corp" start no phrase: passed over on their own, found
        // when a phrase reaches them; a range cuts a phrase short.
        let mut set = PhraseSet::new();
        let a = set.insert("Bank of China").unwrap();
        let b = set.insert("China Steel Corp").unwrap();
        let c = set.insert("bank").unwrap();
        let text = "of corp bank of china steel corp of";
        let t = Tokens::new(text);
        let hits = |range: Range<usize>| -> Vec<(u32, &str)> {
            set.find(&t, range)
                .into_iter()
                .map(|(p, i, j)| (p, &text[t.list[i].start as usize..t.list[j].end as usize]))
                .collect()
        };
        assert_eq!(
            hits(0..t.len()),
            vec![(c, "bank"), (a, "bank of china"), (b, "china steel corp")]
        );
        assert_eq!(hits(2..6), vec![(c, "bank"), (a, "bank of china")]);
    }

    #[test]
    fn phrases_match_whole_tokens_across_white_space() {
        let mut set = PhraseSet::new();
        let a = set.insert("Bank of China").unwrap();
        let b = set.insert("China").unwrap();
        assert_eq!(set.insert("bank  of china"), Some(a));
        let text = "The Bank of\nChina and Chinaware; china.";
        let t = Tokens::new(text);
        let hits: Vec<(u32, &str)> = set
            .find(&t, 0..t.len())
            .into_iter()
            .map(|(p, i, j)| (p, &text[t.list[i].start as usize..t.list[j].end as usize]))
            .collect();
        assert_eq!(
            hits,
            vec![(a, "Bank of\nChina"), (b, "China"), (b, "china")]
        );
    }

    #[test]
    fn glue_must_agree() {
        let mut set = PhraseSet::new();
        set.insert("Nur-Sultan").unwrap();
        let t = Tokens::new("Nur - Sultan, Nur-Sultan");
        assert_eq!(set.find(&t, 0..t.len()).len(), 1);
    }

    #[test]
    fn within_a_span() {
        let text = "one two three";
        let t = Tokens::new(text);
        assert_eq!(t.within(Span::new(4, 13)), 1..3);
        assert_eq!(t.within(Span::new(5, 6)), 2..2);
    }

    proptest::proptest! {
        /// Each token's folded form is its text folded character by
        /// character, and its hash is the one a phrase set makes of its
        /// own copy, whatever mix of ASCII and other characters (some of
        /// another folded length: U+0130 folds to one byte fewer) the text
        /// holds.
        #[test]
        fn folds_and_hashes_agree_with_the_slow_way(
            text in "([a-zA-Z0-9 .,'`_-]|\u{e9}|\u{130}|\u{2019}|\u{2013}|\u{a0}|\u{1F600}|\u{c9}){0,80}"
        ) {
            let t = Tokens::new(&text);
            for (k, tok) in t.list.iter().enumerate() {
                let own: String = text[tok.start as usize..tok.end as usize]
                    .chars()
                    .map(|c| normalize_char(c, true))
                    .collect();
                proptest::prop_assert_eq!(t.folded(k), own.as_str());
                proptest::prop_assert_eq!(tok.hash, hash_token(own.as_bytes()));
            }
        }
    }
}
