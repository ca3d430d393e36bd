//! Counts of things: "883 cameras", "over 2,000 cameras", "104 foreign
//! governments", "6.4 mln bags". The unit is the head noun as written; the
//! span covers the number and the words up to the head noun.
//!
//! Heuristics (no part-of-speech tagger): the word after the number must be
//! a lower-case word that is not a function word; adjective-like words
//! ("foreign", "other", capitalised nationality words like "Chinese") may be
//! skipped when a plural-looking noun follows within three words.

use super::scan::{lower, next_word};

/// Function words and other words that never head a counted noun.
fn stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "nor"
            | "but"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "as"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "must"
            | "shall"
            | "do"
            | "does"
            | "did"
            | "than"
            | "that"
            | "this"
            | "these"
            | "those"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "what"
            | "per"
            | "pct"
            | "percent"
            | "percentage"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "not"
            | "no"
            | "up"
            | "down"
            | "over"
            | "under"
            | "about"
            | "after"
            | "before"
            | "since"
            | "until"
            | "into"
            | "onto"
            | "out"
            | "off"
            | "against"
            | "between"
            | "among"
            | "more"
            | "less"
            | "fewer"
            | "plus"
            | "minus"
            | "times"
            | "so"
            | "if"
            | "then"
            | "when"
            | "where"
            | "while"
            | "vs"
            | "versus"
            | "each"
            | "all"
            | "both"
            | "said"
            | "says"
            | "say"
            | "am"
            | "pm"
            | "st"
            | "nd"
            | "rd"
            | "th"
            | "also"
            | "only"
            | "just"
            | "still"
            | "yet"
            | "there"
            | "here"
            | "via"
            | "through"
            | "during"
            | "within"
            | "without"
            | "respectively"
            | "compared"
            | "later"
            | "earlier"
            | "ago"
            | "last"
            | "next"
            | "such"
            | "same"
            | "own"
            | "very"
            | "too"
            | "again"
            | "already"
            | "now"
            | "however"
            | "because"
            | "although"
            | "though"
            | "unless"
            | "whether"
            | "either"
            | "neither"
            | "like"
            | "unlike"
            | "around"
            | "above"
            | "below"
            | "near"
            | "toward"
            | "towards"
            | "upon"
            | "across"
            | "behind"
            | "beyond"
            | "billion"
            | "million"
            | "thousand"
            | "hundred"
            | "trillion"
            | "mln"
            | "bln"
            | "one"
            | "x"
    )
}

/// Words that modify the counted noun ("104 foreign governments", "five
/// other firms").
fn adjective_like(w: &str) -> bool {
    matches!(
        w,
        "other"
            | "new"
            | "old"
            | "more"
            | "major"
            | "small"
            | "large"
            | "big"
            | "additional"
            | "foreign"
            | "domestic"
            | "local"
            | "private"
            | "public"
            | "top"
            | "key"
            | "leading"
            | "senior"
            | "junior"
            | "former"
            | "existing"
            | "separate"
            | "different"
            | "independent"
            | "outstanding"
            | "common"
            | "preferred"
            | "ordinary"
            | "tech"
            | "telecommunication"
            | "telecommunications"
            | "oil"
            | "gas"
            | "state"
            | "state-owned"
    ) || [
        "al", "ic", "ive", "ous", "ese", "ian", "ern", "ary", "ful", "less", "ed",
    ]
    .iter()
    .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
}

fn plural_like(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        || matches!(
            w,
            "people"
                | "children"
                | "men"
                | "women"
                | "staff"
                | "personnel"
                | "cattle"
                | "sheep"
                | "police"
        )
}

/// Whitespace between two words of one phrase: at most one line break
/// (wire text wraps lines).
fn short_gap(g: &[u8]) -> bool {
    g.iter().filter(|&&c| c == b'\n').count() <= 1
        && g.iter().all(|c| c.is_ascii_whitespace() || *c >= 0x80)
}

/// The counted noun after a number ending at `p`: (span end, unit start,
/// unit end).
pub(crate) fn noun_after(b: &[u8], p: usize) -> Option<(usize, usize, usize)> {
    let mut buf = [0u8; 24];
    let first = next_word(b, p)?;
    if first.0 == p
        || b[p..first.0].contains(&b'\n')
            && b[p..first.0].iter().filter(|&&c| c == b'\n').count() > 1
    {
        return None;
    }
    if !super::scan::boundary(b, first.1) && !matches!(b.get(first.1), Some(b'-' | b'\'')) {
        return None;
    }
    let is_lower = |s: usize| b[s].is_ascii_lowercase();
    let w1 = lower(&b[first.0..first.1], &mut buf);
    if stop(w1) || super::date::month_word(w1).is_some() || super::date::weekday_word(w1).is_some()
    {
        return None;
    }
    // head noun within three words
    let mut cur = first;
    let mut wbuf = [0u8; 24];
    let mut cur_w: &str = lower(&b[first.0..first.1], &mut wbuf);
    for _ in 0..4 {
        let lower_ok = is_lower(cur.0);
        if lower_ok && (plural_like(cur_w) || !adjective_like(cur_w)) {
            // a head unless a plural follows a non-plural ("tech firms")
            if !plural_like(cur_w) {
                if let Some(nx) = next_word(b, cur.1) {
                    if nx.0 > cur.1 && short_gap(&b[cur.1..nx.0]) && is_lower(nx.0) {
                        let mut b2 = [0u8; 24];
                        let nw = lower(&b[nx.0..nx.1], &mut b2);
                        if plural_like(nw)
                            && !stop(nw)
                            && (adjective_like(cur_w) || cur_w.len() <= 12)
                            && super::scan::boundary(b, nx.1)
                        {
                            // compound: "telecommunication providers"
                            return Some((nx.1, nx.0, nx.1));
                        }
                    }
                }
            }
            if !super::scan::boundary(b, cur.1) {
                return None;
            }
            return Some((cur.1, cur.0, cur.1));
        }
        // skip an adjective (or a capitalised word) when a lower-case noun follows
        let nx = next_word(b, cur.1)?;
        if nx.0 == cur.1 || !short_gap(&b[cur.1..nx.0]) {
            return None;
        }
        let mut b2 = [0u8; 24];
        let nw = lower(&b[nx.0..nx.1], &mut b2);
        if stop(nw) {
            return None;
        }
        if !lower_ok && !(adjective_like(cur_w)) {
            return None;
        }
        cur = nx;
        cur_w = lower(&b[nx.0..nx.1], &mut wbuf);
    }
    None
}
