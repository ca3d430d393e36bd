//! One phrase trie over every name of every list.
//!
//! Names and text are compared as folded tokens ([`crate::tokens`]): lower
//! case, one kind of apostrophe and hyphen, any run of white space one
//! space, so "Huawei’s", "HUAWEI's" and "Huawei's" are one search and a
//! name is never part of a longer word ("Chinaware"). Each hit is then
//! checked against what folding erased: each name's case rule ("ZTE" exact,
//! "Turkey" only capitalized).
//!
//! Why every overlapping hit is collected, not just the longest: the longest
//! name at a position may fail its case rule ("Chad" in "CHAD SMITH" is
//! fine, "chad" is not), and then a shorter name that starts at the same
//! place must still be found. So every hit is collected, the failing ones
//! dropped, and the longest surviving hits chosen left to right:
//! leftmost-longest over the hits that are real mentions.

use regex::Regex;
use std::sync::LazyLock;

use super::{CaseRule, Gazetteer};
use crate::text::{is_word_char, normalize_name, Span, WordSet};
use crate::tokens::{PhraseSet, Tokens};

/// A gazetteer hit in the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazMatch {
    /// Byte span in the original text, legal suffix included.
    pub span: Span,
    /// Index of the entity in the gazetteer.
    pub entity: u32,
    /// Index of the name that matched.
    pub name: u32,
}

/// A compiled gazetteer: the phrase trie plus, per pattern, the names it
/// stands for (several names can fold to one pattern).
pub struct Matcher {
    gazetteer: Gazetteer,
    phrases: PhraseSet,
    /// Pattern `p` stands for names `names[first[p]..first[p + 1]]`, in
    /// list order (several names can fold to one pattern).
    first: Vec<u32>,
    names: Vec<u32>,
}

/// Legal suffixes a company name may carry in text ("Huawei Technologies
/// Co., Ltd."), matched after a company, bank or organization name.
static LEGAL_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:,?\s(?:Co\.?,?\s+Ltd|Inc|Incorporated|Corp|Corporation|Co|Company|Cos|Ltd|Limited|Plc|PLC|plc|LLC|L\.L\.C|LP|L\.P|AG|SA|S\.A|NV|N\.V|BV|SE|SpA|S\.p\.A|GmbH|Pte|Pty|Bhd|Berhad|Group|Holdings?|KK|K\.K|Oyj|ASA|AB)\b\.?)+",
    )
    .expect("legal suffix pattern")
});

impl Matcher {
    /// Compiles the trie. Names that fold to the same tokens share a
    /// pattern; a hyphenated name is also added with spaces ("Nur Sultan").
    pub fn new(gazetteer: Gazetteer) -> Matcher {
        let mut phrases = PhraseSet::with_capacity(gazetteer.names.len());
        // (pattern, name) pairs in list order; a name's hyphen-spaced
        // variant may be the same pattern as the name itself.
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(gazetteer.names.len() + 16);
        for (k, name) in gazetteer.names.iter().enumerate() {
            let surface = name.surface.as_str();
            let plain = phrases.insert(surface);
            if let Some(p) = plain {
                pairs.push((p, k as u32));
            }
            let hyphenated = if surface.is_ascii() {
                surface.as_bytes().contains(&b'-')
            } else {
                surface.chars().any(crate::text::is_hyphen)
            };
            if hyphenated {
                let spaced: String = surface
                    .chars()
                    .map(|c| if crate::text::is_hyphen(c) { ' ' } else { c })
                    .collect();
                if let Some(p) = phrases.insert(&spaced).filter(|&p| Some(p) != plain) {
                    pairs.push((p, k as u32));
                }
            }
        }
        // Group the names by pattern, each group in list order: a counting
        // sort, linear in the number of names (a comparison sort of a
        // million pairs is a tenth of a second).
        let mut first = vec![0u32; phrases.patterns() + 1];
        for &(p, _) in &pairs {
            first[p as usize + 1] += 1;
        }
        for p in 1..first.len() {
            first[p] += first[p - 1];
        }
        let mut next = first.clone();
        let mut names = vec![0u32; pairs.len()];
        for (p, k) in pairs {
            let at = &mut next[p as usize];
            names[*at as usize] = k;
            *at += 1;
        }
        Matcher {
            gazetteer,
            phrases,
            first,
            names,
        }
    }

    /// The names (in list order) that pattern `pid` stands for.
    fn candidates(&self, pid: usize) -> &[u32] {
        &self.names[self.first[pid] as usize..self.first[pid + 1] as usize]
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Every mention of a listed name in `text`, in text order, not
    /// overlapping.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        self.find_tokens(text, &Tokens::new(text))
    }

    /// The country mentions of `text` (names, adjectives, demonyms), each
    /// with whether it is an adjective or demonym ("Chinese"): what the
    /// name rules take to find governments ("the Uzbek government").
    pub fn countries(&self, text: &str) -> Vec<(Span, bool)> {
        let g = &self.gazetteer;
        self.find(text)
            .into_iter()
            .filter(|h| g.entity(h.entity).label == "country")
            .map(|h| {
                let form = g.form(g.names[h.name as usize].form);
                (h.span, matches!(form, "adjective" | "demonym"))
            })
            .collect()
    }

    /// Like [`Matcher::find`], over the text's tokens made once by the
    /// caller.
    pub fn find_tokens(&self, text: &str, tokens: &Tokens) -> Vec<GazMatch> {
        let mut hits: Vec<GazMatch> = Vec::new();
        for (pid, i, j) in self.phrases.find(tokens, 0..tokens.len()) {
            let span = Span::new(tokens.list[i].start as usize, tokens.list[j].end as usize);
            let Some(name) = self
                .candidates(pid as usize)
                .iter()
                .copied()
                .find(|&k| self.case_ok(text, span, k))
            else {
                continue;
            };
            let entity = self.gazetteer.names[name as usize].entity;
            hits.push(GazMatch { span, entity, name });
        }
        // Leftmost-longest over the surviving hits.
        hits.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        let mut out: Vec<GazMatch> = Vec::with_capacity(hits.len());
        for h in hits {
            if out.last().is_some_and(|last| h.span.start < last.span.end) {
                continue;
            }
            out.push(h);
        }
        for m in &mut out {
            self.extend_legal_suffix(text, m);
        }
        out
    }

    /// Does the original text at `span` meet name `k`'s case rule?
    fn case_ok(&self, text: &str, span: Span, k: u32) -> bool {
        let name = &self.gazetteer.names[k as usize];
        let original = &text[span.start..span.end];
        match name.case {
            CaseRule::Fold => true,
            CaseRule::Exact => {
                normalize_name(original, false) == normalize_name(&name.surface, false)
            }
            CaseRule::Title => starts_upper(original),
            CaseRule::Proper => starts_upper(original) && !in_capitalized_run(text, span),
        }
    }

    fn extend_legal_suffix(&self, text: &str, m: &mut GazMatch) {
        let label = self.gazetteer.entity(m.entity).label;
        if !matches!(label, "company" | "bank" | "organization") {
            return;
        }
        let rest = &text[m.span.end..];
        if let Some(s) = LEGAL_SUFFIX.find(rest) {
            // "Co-founder" is not a suffix.
            let after = rest[s.end()..].chars().next();
            if !after.is_some_and(|c| c == '-' || is_word_char(c)) {
                m.span.end += s.end();
            }
        }
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Is the name at `span` next to another capitalized word, as in "Michael
/// Jordan" or "Georgia Gulf"? Capitalized function words do not count ("In
/// Jordan", "The Turkey deal").
fn in_capitalized_run(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end();
    let prev_word: &str = before
        .rsplit(|c: char| !is_word_char(c) && c != '.')
        .next()
        .unwrap_or("");
    let prev_is_name =
        before.len() < span.start && starts_upper(prev_word) && !FUNCTION_WORDS.contains(prev_word);
    let after = text[span.end..].trim_start();
    let next_word: &str = after.split(|c: char| !is_word_char(c)).next().unwrap_or("");
    let next_is_name = after.len() < text.len() - span.end
        && starts_upper(next_word)
        && !FUNCTION_WORDS.contains(next_word);
    prev_is_name || next_is_name
}

/// Capitalized words that do not make the next word part of a name.
static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "The",
    "In",
    "At",
    "From",
    "To",
    "For",
    "And",
    "But",
    "Of",
    "On",
    "By",
    "With",
    "As",
    "Both",
    "Neither",
    "Said",
    "Says",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "President",
    "Minister",
    "Prime",
    "King",
    "Government",
    "State",
    "Republic",
    "Kingdom",
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "North",
    "South",
    "East",
    "West",
    "Is",
    "Was",
    "Has",
    "Had",
    "Will",
    "Would",
    "Signed",
]);

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(list: &str) -> Matcher {
        let mut g = Gazetteer::new();
        let errs = g.add_list("t.tsv", list);
        assert!(errs.is_empty(), "{errs:?}");
        Matcher::new(g)
    }

    #[test]
    fn countries_with_their_adjective_forms() {
        let m = Matcher::new(Gazetteer::bundled());
        let text = "Chinese banks lent Kenya and Huawei $1 billion.";
        let found: Vec<(&str, bool)> = m
            .countries(text)
            .into_iter()
            .map(|(s, adjective)| (&text[s.start..s.end], adjective))
            .collect();
        assert_eq!(found, vec![("Chinese", true), ("Kenya", false)]);
    }

    fn found<'a>(m: &Matcher, text: &'a str) -> Vec<(&'a str, String)> {
        m.find(text)
            .into_iter()
            .map(|h| {
                (
                    &text[h.span.start..h.span.end],
                    m.gazetteer().entity(h.entity).id.clone(),
                )
            })
            .collect()
    }

    const LIST: &str = "id\tlabel\tname\tcountry\tform\tcase
iso3166:CN\tcountry\tChina\tCN\tname\ttitle
iso3166:CN\tcountry\tChinese\tCN\tadjective\ttitle
iso3166:JO\tcountry\tJordan\tJO\tname\tproper
iso3166:UZ\tcountry\tUzbekistan\tUZ\tname\ttitle
iso3166:UZ\tcountry\tUzbek\tUZ\tadjective\ttitle
iso3166:US\tcountry\tUS\tUS\tabbrev\texact
geonames:1\tcity\tNur-Sultan\tKZ\tname\ttitle
dt:cdb\tbank\tChina Development Bank\tCN\tname\t
dt:zte\tcompany\tZTE\tCN\tname\texact
dt:huawei\tcompany\tHuawei\tCN\tname\t
dt:hik\tcompany\tHikvision\tCN\tname\t
dt:hik\tcompany\tHangzhou Hikvision Digital Technology\tCN\tlegal\t
dt:cm\tcompany\tChina Mobile\tCN\tname\t
";

    #[test]
    fn longest_mention_wins_and_boundaries_hold() {
        let m = matcher(LIST);
        assert_eq!(
            found(
                &m,
                "China Development Bank lent to Uzbekistan's government; Chinaware is not China."
            ),
            vec![
                ("China Development Bank", "dt:cdb".to_string()),
                ("Uzbekistan", "iso3166:UZ".to_string()),
                ("China", "iso3166:CN".to_string()),
            ]
        );
    }

    #[test]
    fn shorter_name_survives_when_longer_fails_boundary() {
        let m = matcher(LIST);
        assert_eq!(
            found(&m, "China Mobiles"),
            vec![("China", "iso3166:CN".to_string())]
        );
    }

    #[test]
    fn case_rules() {
        let m = matcher(LIST);
        assert!(found(&m, "a set of fine china and us").is_empty());
        assert_eq!(found(&m, "zte and ZTE").len(), 1);
        assert_eq!(found(&m, "HUAWEI, huawei").len(), 2);
        assert_eq!(found(&m, "CHINA SIGNS").len(), 1);
        assert_eq!(found(&m, "the US and Jordan agreed.").len(), 2);
        assert!(found(&m, "Michael Jordan scored.").is_empty());
        assert_eq!(found(&m, "Jordan signed.").len(), 1);
    }

    #[test]
    fn punctuation_and_space_variants() {
        let m = matcher(LIST);
        let t = "Huawei\u{2019}s office in Nur\u{2013}Sultan and Nur Sultan; the Uzbek  government";
        let f = found(&m, t);
        assert_eq!(f.len(), 4, "{f:?}");
        assert_eq!(f[1].0, "Nur\u{2013}Sultan");
        assert_eq!(f[2].0, "Nur Sultan");
    }

    #[test]
    fn legal_suffixes_extend_company_names() {
        let m = matcher(LIST);
        let t = "Hangzhou Hikvision Digital Technology Co. operates; Huawei Technologies; ZTE Corp, Huawei Co-founder";
        let f = found(&m, t);
        assert_eq!(f[0].0, "Hangzhou Hikvision Digital Technology Co.");
        assert_eq!(f[0].1, "dt:hik");
        assert_eq!(f[2].0, "ZTE Corp");
        assert_eq!(f[3].0, "Huawei");
    }
}
