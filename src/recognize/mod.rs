//! Recognizers for money amounts, percents, counts of things and dates in
//! raw article text.
//!
//! [`recognize`] scans the text once. Only three kinds of position are
//! looked at closely: a run of digits, a number word ("two", "a million"),
//! and a date word (month and weekday names, "yesterday", "last", "mid",
//! "fiscal", "first" ...). Everything else is skipped byte by byte, so plain
//! prose costs little. Around a number the recognizer looks back for a
//! currency prefix ("$", "US$", "c $", "EUR", "DM") and a hedge ("about",
//! "more than") and forward for a scale ("mln", "billion", "5m"), a unit
//! ("dlrs", "Canadian dollars", "pct", "%"), a range ("$30-40 million",
//! "30 to 40 mln dlrs", "between $5 and $7 million"), "a share", or a
//! counted noun ("883 cameras").
//!
//! Span conventions:
//! - The span is the amount itself: hedges are not included ("about $1
//!   billion" spans "$1 billion", `approximate: true`), neither is "a share"
//!   ("20 dlrs a share" spans "20 dlrs", `per: Some("share")`).
//! - A range spans both ends ("$30-40 million", "$30 million to $40
//!   million", "$5 and $7 million" after "between").
//! - Money values are in major units of the ISO currency: "50 cents" is 0.5
//!   USD, "470 pence" is 4.7 GBP.
//! - A number with no unit is emitted only as a count, when a noun follows
//!   (the span runs to the noun). Years are never counts and counts never
//!   years: see [`date`] for the year rules.

mod date;
mod money;
pub mod number;
mod quantity;
mod scan;

pub use number::parse_number;

use money::{Prefix, Suffix};
use number::{Mode, Num, NumRes};
use scan::{alnum_end, boundary, lower, skip_ws, word_end};

/// Calendar date of the document, used to resolve relative dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// How much of a date the text gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Year,
    Quarter,
    Month,
    Day,
}

impl Precision {
    /// "year", "quarter", "month" or "day".
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Quarter => "quarter",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// What a recognized expression means.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Money {
        value: f64,
        value_max: Option<f64>,
        /// ISO 4217 code.
        currency: String,
        approximate: bool,
        /// "share" in "20 dlrs a share".
        per: Option<String>,
    },
    Percent {
        value: f64,
        value_max: Option<f64>,
        approximate: bool,
    },
    Quantity {
        value: f64,
        approximate: bool,
        /// The counted noun as written, e.g. "cameras".
        unit: String,
    },
    Date {
        /// "2019", "2019-Q1", "2019-04", "2019-04-06"; None if relative and
        /// no document date was given.
        value: Option<String>,
        precision: Precision,
        /// "early", "mid", "late", "fiscal".
        qualifier: Option<String>,
        relative: bool,
    },
}

impl Value {
    /// "money", "percent", "quantity" or "date".
    pub fn label(&self) -> &'static str {
        match self {
            Value::Money { .. } => "money",
            Value::Percent { .. } => "percent",
            Value::Quantity { .. } => "quantity",
            Value::Date { .. } => "date",
        }
    }
}

/// One recognized expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Byte offset of the start, on a char boundary.
    pub start: usize,
    /// Byte offset of the end (exclusive), on a char boundary.
    pub end: usize,
    pub value: Value,
}

/// All money amounts, percents, counts and dates in `text`, sorted by start,
/// non-overlapping.
pub fn recognize(text: &str, doc_date: Option<DocDate>) -> Vec<Found> {
    let b = text.as_bytes();
    let n = b.len();
    // Room for one expression per 64 bytes: newswire results tables hold
    // one per 100 bytes or so, prose far fewer; growing from empty cost
    // five reallocations a field.
    let mut out: Vec<Found> = Vec::with_capacity(n / 64 + 1);
    let mut floor = 0usize;
    let mut i = 0usize;
    while i < n {
        let c = b[i];
        if c.is_ascii_digit() {
            // "G-20": a number glued to a word by a hyphen is a name
            if i >= 2 && b[i - 1] == b'-' && b[i - 2].is_ascii_alphabetic() {
                i = skip_chain(b, i);
                continue;
            }
            // never start inside another number: "2,355/2,360" must not
            // yield "360", nor "1.25" "25", nor the quote "22.03-18" "18"
            if i >= 1 && b[i - 1].is_ascii_digit()
                || i >= 2 && matches!(b[i - 1], b'.' | b',') && b[i - 2].is_ascii_digit()
                || i >= 2 && b[i - 1] == b'-' && decimal_before(b, i - 1)
            {
                i = skip_chain(b, i);
                continue;
            }
            // "SF340", "A320": a model or code glued to letters
            if i >= 1 && b[i - 1].is_ascii_alphabetic() {
                i = skip_chain(b, i);
                continue;
            }
            // "070932": a zero-padded code or time stamp, not an amount
            if c == b'0' && i + 1 < n && b[i + 1].is_ascii_digit() {
                i = skip_chain(b, i);
                continue;
            }
            match number_at(b, i, floor, doc_date, None) {
                Step::Emit(f, next) => {
                    floor = f.end;
                    out.push(f);
                    i = next.max(i + 1);
                }
                Step::Skip(e) => i = e.max(i + 1),
            }
            continue;
        }
        if c.is_ascii_alphabetic() {
            let we = word_end(b, i);
            if i > 0 && b[i - 1].is_ascii_alphanumeric() {
                i = alnum_end(b, we);
                continue;
            }
            if we < n && b[we].is_ascii_digit() {
                // glued: "USD115", "Q1", "A320"; a short abbreviation glued
                // to digits is a model name ("SF340"), not a currency
                let w = &b[i..we];
                if let Some(iso) = money::code(w).filter(|_| w.len() >= 3) {
                    let p = Prefix {
                        start: i,
                        iso,
                        mult: 1.0,
                        weak: false,
                    };
                    if i >= floor {
                        if let Step::Emit(f, next) = number_at(b, we, floor, doc_date, Some(p)) {
                            floor = f.end;
                            out.push(f);
                            i = next;
                            continue;
                        }
                    }
                } else if w == b"Q" {
                    if let Some((e, v)) = date::q_date(b, i, doc_date) {
                        push(&mut out, &mut floor, i, e, v);
                        i = e;
                        continue;
                    }
                }
                i = skip_chain(b, we);
                continue;
            }
            // Nearly every word is no trigger: its first letter and length
            // turn most away, its first eight bytes the rest.
            let Some(w) = trigger_word(b, i, we) else {
                i = we;
                continue;
            };
            if is_date_trigger(w) {
                if let Some((e, v)) = date::date_at_word(b, i, we, doc_date) {
                    push(&mut out, &mut floor, i, e, v);
                    i = e;
                    continue;
                }
            }
            let try_num = match w {
                "a" | "an" | "half" | "quarter" => {
                    let mut b2 = [0u8; 24];
                    scan::next_word(b, we).is_some_and(|x| {
                        x.0 > we
                            && matches!(
                                lower(&b[x.0..x.1], &mut b2),
                                "hundred"
                                    | "thousand"
                                    | "million"
                                    | "billion"
                                    | "trillion"
                                    | "dozen"
                                    | "a"
                                    | "quarter"
                            )
                    })
                }
                _ => number::is_number_word(w),
            };
            if try_num {
                if let Step::Emit(f, next) = number_at(b, i, floor, doc_date, None) {
                    floor = f.end;
                    out.push(f);
                    i = next.max(we);
                    continue;
                }
            }
            i = we;
            continue;
        }
        i += 1;
    }
    out
}

/// Removes the rounding error of a decimal times a power of ten
/// (16.4 * 1e6 = 16399999.999999998 becomes 16400000).
fn snap(v: f64) -> f64 {
    let r = v.round();
    if v.abs() >= 1.0 && (v - r).abs() <= 1e-9 * v.abs() {
        r
    } else {
        v
    }
}

/// Rounds away the binary error that sums and products of decimals leave
/// ("13 dollars and 45 cents" = 13 + 0.45): to 15 significant digits, which
/// every decimal of up to 15 digits survives unchanged.
///
/// A value whose shortest form (what `{}` prints) has 15 significant digits
/// or fewer is left as it is: it lies within half a unit in the last place
/// of that form, closer than half a step of 15 digits, so rounding gives
/// the same form back. Most values are such ("1.25", "0.35"), and the test,
/// printed to a stack buffer, costs a fraction of the rounding.
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() || (v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0) {
        return v;
    }
    let mut buf = [0u8; 40];
    let mut w = &mut buf[..];
    if std::io::Write::write_fmt(&mut w, format_args!("{v}")).is_ok() {
        let len = 40 - w.len();
        let shown = &buf[..len];
        // Significant digits: from the first non-zero one to the last.
        let nonzero = |c: &u8| (b'1'..=b'9').contains(c);
        if let (Some(f), Some(l)) = (
            shown.iter().position(nonzero),
            shown.iter().rposition(nonzero),
        ) {
            if shown[f..=l].iter().filter(|c| c.is_ascii_digit()).count() <= 15 {
                return v;
            }
        }
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

fn push(out: &mut Vec<Found>, floor: &mut usize, start: usize, end: usize, value: Value) {
    if start >= *floor && start < end {
        out.push(Found { start, end, value });
        *floor = end;
    }
}

/// True when a decimal number ("22.03") ends at `e`.
fn decimal_before(b: &[u8], e: usize) -> bool {
    let mut k = e;
    while k > 0 && b[k - 1].is_ascii_digit() {
        k -= 1;
    }
    k < e && k >= 2 && b[k - 1] == b'.' && b[k - 2].is_ascii_digit()
}

/// End of a run of alphanumerics and the separators inside numbers.
fn skip_chain(b: &[u8], mut i: usize) -> usize {
    loop {
        i = alnum_end(b, i);
        if i + 1 < b.len()
            && matches!(b[i], b'/' | b':' | b'.' | b'-' | b',')
            && b[i + 1].is_ascii_digit()
        {
            i += 1;
        } else {
            return i;
        }
    }
}

/// Every word that can start a date or a number written in words.
const TRIGGERS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tomorrow",
    "last",
    "next",
    "this",
    "early",
    "mid",
    "late",
    "fiscal",
    "first",
    "second",
    "third",
    "fourth",
    "zero",
    "nought",
    "naught",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "a",
    "an",
    "half",
    "quarter",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
];

/// [`TRIGGERS`] by hash (what [`trigger_word`] is tested against). Every
/// word that [`is_date_trigger`] or [`number::is_number_word`] accepts is
/// one of them (a test checks).
#[cfg(test)]
static TRIGGER_WORDS: crate::text::WordSet = crate::text::WordSet::new(TRIGGERS);

/// The longest trigger, in bytes.
const TRIGGER_MAX: usize = 9;

/// Per first letter and length, the indices (plus one; 0 ends the list) of
/// the triggers of that shape: at most five.
const TRIGGER_SHAPES: [[u8; 6]; 26 * (TRIGGER_MAX + 1)] = {
    let mut t = [[0u8; 6]; 26 * (TRIGGER_MAX + 1)];
    let mut k = 0;
    while k < TRIGGERS.len() {
        let w = TRIGGERS[k].as_bytes();
        assert!(w.len() <= TRIGGER_MAX);
        let slot = &mut t[(w[0] - b'a') as usize * (TRIGGER_MAX + 1) + w.len()];
        let mut s = 0;
        while slot[s] != 0 {
            s += 1;
        }
        assert!(s < 5, "more than five triggers of one shape");
        slot[s] = (k + 1) as u8;
        k += 1;
    }
    t
};

/// The first eight bytes of each trigger, zero-padded, little-endian.
const TRIGGER_HEADS: [u64; TRIGGERS.len()] = {
    let mut t = [0u64; TRIGGERS.len()];
    let mut k = 0;
    while k < TRIGGERS.len() {
        let w = TRIGGERS[k].as_bytes();
        let mut j = 0;
        while j < w.len() && j < 8 {
            t[k] |= (w[j] as u64) << (8 * j);
            j += 1;
        }
        k += 1;
    }
    t
};

/// The trigger that `b[i..we]`, a run of ASCII letters in any case, is.
///
/// Without a copy or a hash: the first letter and the length pick at most
/// five triggers, and the word's first eight bytes, lower-cased by one OR
/// (exact on letters), are compared with theirs as one integer (the ninth
/// byte too, for the longest).
#[inline]
fn trigger_word(b: &[u8], i: usize, we: usize) -> Option<&'static str> {
    let len = we - i;
    if len > TRIGGER_MAX {
        return None;
    }
    let shape = &TRIGGER_SHAPES[usize::from((b[i] | 0x20) - b'a') * (TRIGGER_MAX + 1) + len];
    if shape[0] == 0 {
        return None;
    }
    let head_len = len.min(8);
    let raw = match b.get(i..i + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().expect("eight bytes")),
        None => b[i..i + head_len]
            .iter()
            .rev()
            .fold(0u64, |h, &c| (h << 8) | u64::from(c)),
    };
    let mask = u64::MAX >> (64 - 8 * head_len);
    let head = (raw | 0x2020_2020_2020_2020) & mask;
    for &s in shape.iter().take_while(|&&s| s != 0) {
        let k = usize::from(s - 1);
        if TRIGGER_HEADS[k] == head && (len <= 8 || b[i + 8] | 0x20 == TRIGGERS[k].as_bytes()[8]) {
            return Some(TRIGGERS[k]);
        }
    }
    None
}

fn is_date_trigger(w: &str) -> bool {
    date::month_word(w).is_some()
        || date::weekday_word(w).is_some()
        || matches!(
            w,
            "yesterday"
                | "today"
                | "tomorrow"
                | "last"
                | "next"
                | "this"
                | "early"
                | "mid"
                | "late"
                | "fiscal"
                | "first"
                | "second"
                | "third"
                | "fourth"
        )
}

enum Step {
    /// A found expression and where to continue.
    Emit(Found, usize),
    Skip(usize),
}

/// The unit part of an amount.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    None,
    Money(&'static str),
    Percent,
}

/// A number with its scale and unit.
#[derive(Clone, Copy, Debug)]
struct Amount {
    start: usize,
    /// End of the number and its scale.
    num_end: usize,
    /// End including the unit.
    end: usize,
    /// Value of the number before scale.
    raw: f64,
    /// Scale multiplier (1 if none).
    scale: f64,
    /// Unit factor (0.01 for cents, 1e6 for "MEUR").
    factor: f64,
    unit: Unit,
    major: bool,
    num: Num,
}

impl Amount {
    fn value(&self) -> f64 {
        self.value_as(self.scale, self.factor)
    }
    /// The value with another scale and unit factor ("20" in "20 and five
    /// mln yen" takes the scale of the second amount).
    fn value_as(&self, scale: f64, factor: f64) -> f64 {
        match (number::pow10_exp(scale), number::pow10_exp(factor)) {
            (Some(ks), Some(kf)) => number::times10(self.raw, self.num.dec, ks + kf),
            _ => snap(self.raw * scale * factor),
        }
    }
    /// The scale word's multiplier, also for numbers in words ("five mln").
    fn scale_word(&self) -> f64 {
        if self.scale == 1.0 && self.num.words && self.num.scaled {
            self.num.word_scale
        } else {
            self.scale
        }
    }
    /// The number before its scale word ("one" in "one mln").
    fn base(&self) -> f64 {
        self.raw
            / if self.scale == 1.0 {
                self.scale_word()
            } else {
                1.0
            }
    }
    fn scaled(&self) -> bool {
        self.scale != 1.0 || self.num.scaled
    }
}

/// Reads a number at `i` (digits or words) with scale and unit. `prefix`:
/// a currency known to precede it.
fn amount_at(
    b: &[u8],
    i: usize,
    floor: usize,
    prefix: Option<Prefix>,
    look_back: bool,
) -> Result<Amount, usize> {
    let num = if b[i].is_ascii_digit() {
        match number::digits_at(b, i, Mode::Strict) {
            NumRes::Num(n) => n,
            NumRes::Skip(e) => return Err(e),
            NumRes::No => return Err(alnum_end(b, i)),
        }
    } else {
        match number::words_at(b, i, Mode::Strict) {
            Some(n) => n,
            None => return Err(word_end(b, i)),
        }
    };
    let prefix = prefix.or_else(|| {
        if look_back {
            money::prefix_back(b, num.start, floor)
        } else {
            None
        }
    });
    let mut a = Amount {
        start: num.start,
        num_end: num.end,
        end: num.end,
        raw: num.value,
        scale: 1.0,
        factor: 1.0,
        unit: Unit::None,
        major: false,
        num,
    };
    let strong = prefix.filter(|p| !p.weak);
    if !num.words {
        if let Some((e, m, att)) = number::scale_at(b, num.end, Mode::Strict, strong.is_some()) {
            a.scale = m;
            a.num_end = e;
            a.end = e;
            a.num.attached = att;
        } else if !boundary(b, num.end) {
            // glued code or pence: "115USD", "470p"
            match money::suffix_at(b, num.end) {
                Some(s) => return Ok(with_suffix(b, a, s)),
                None => return Err(skip_chain(b, num.end)),
            }
        }
    }
    if let Some(p) = strong {
        // "STG 0.4313 US DLR 0.6926": an exchange rate after a currency
        // code, not an amount
        let code = b[scan::skip_ws_back(b, num.start).saturating_sub(1)].is_ascii_alphabetic();
        if code && a.scale == 1.0 && num.dec >= 4 && num.value < 10.0 {
            return Err(a.end);
        }
        a.start = p.start;
        a.unit = Unit::Money(p.iso);
        a.factor = p.mult;
        a.major = true;
        return Ok(a);
    }
    if let Some(e) = money::percent_at(b, a.end) {
        a.unit = Unit::Percent;
        a.end = e;
        return Ok(a);
    }
    if let Some(s) = money::suffix_at(b, a.end) {
        return Ok(with_suffix(b, a, s));
    }
    // a weak prefix ("dollars 50") takes digits only: not "U.S. DOLLAR
    // One month" in a deposit-rate table
    if let Some(p) = prefix.filter(|p| !(p.weak && num.words)) {
        a.start = p.start;
        a.unit = Unit::Money(p.iso);
        a.major = true;
    }
    Ok(a)
}

fn with_suffix(b: &[u8], mut a: Amount, s: Suffix) -> Amount {
    a.unit = Unit::Money(s.iso);
    a.factor = s.factor * s.mult;
    a.end = s.end;
    a.major = s.major;
    // "75 USD million"
    if !a.scaled() && s.mult == 1.0 {
        if let Some((e, m, false)) = number::scale_at(b, s.end, Mode::Strict, false) {
            a.scale = m;
            a.end = e;
        }
    }
    a
}

/// Connector after an amount: (end, kind) where kind is '-', 't' (to) or
/// 'a' (and).
fn connector(b: &[u8], p: usize) -> Option<(usize, u8)> {
    let q = skip_ws(b, p);
    if b.get(q) == Some(&b'-') && !(q == p && b.get(q + 1).is_some_and(u8::is_ascii_alphabetic)) {
        return Some((skip_ws(b, q + 1), b'-'));
    }
    if b.get(q..q + 3) == Some("\u{2013}".as_bytes()) {
        return Some((skip_ws(b, q + 3), b'-'));
    }
    if q == p {
        return None;
    }
    let e = word_end(b, q);
    let mut buf = [0u8; 24];
    let k = match lower(&b[q..e], &mut buf) {
        "to" => b't',
        "and" => b'a',
        "or" => b'o',
        _ => return None,
    };
    let r = skip_ws(b, e);
    if r == e {
        return None;
    }
    Some((r, k))
}

/// The second half of a range or coordination starting at `p`.
fn second_amount(b: &[u8], p: usize) -> Option<Amount> {
    let (q, pre) = match money::prefix_fwd(b, p) {
        Some((e, iso)) => (skip_ws(b, e), Some(iso)),
        None => (p, None),
    };
    let c = *b.get(q)?;
    if !(c.is_ascii_digit() || c.is_ascii_alphabetic()) {
        return None;
    }
    if c.is_ascii_alphabetic() {
        let we = word_end(b, q);
        let mut buf = [0u8; 24];
        if !number::is_number_word(lower(&b[q..we], &mut buf)) {
            return None;
        }
    }
    let prefix = pre.map(|iso| Prefix {
        start: p,
        iso,
        mult: 1.0,
        weak: false,
    });
    let a = amount_at(b, q, p, prefix, false).ok()?;
    if a.num.plain_int && a.num.ndigits == 4 && a.unit == Unit::None {
        return None;
    }
    Some(a)
}

const CHANGE_VERBS: &[&str] = &[
    "from",
    "by",
    "rose",
    "fell",
    "up",
    "down",
    "increased",
    "decreased",
    "raised",
    "cut",
    "lowered",
    "reduced",
    "grew",
    "dropped",
    "declined",
    "jumped",
    "climbed",
    "gained",
    "lost",
    "slipped",
    "eased",
    "added",
    "rise",
    "fall",
    "increase",
    "decrease",
    "gain",
    "drop",
    "decline",
];

/// How close a change verb stands before `start`: 1 just before it (or
/// "from" before a hedge: "from around 6.55 billion dlrs to ..."), 2 before
/// a hedge ("jumped nearly two cts to 33 cts"), 0 none.
fn change_before(b: &[u8], start: usize) -> u8 {
    if prev_is(b, start, CHANGE_VERBS) {
        return 1;
    }
    let Some(w) = scan::prev_word(b, start) else {
        return 0;
    };
    let mut buf = [0u8; 24];
    let hedge = money::hedged(b, start)
        || matches!(lower(&b[w.0..w.1], &mut buf), "only" | "back" | "another");
    if !hedge || b.get(w.1) == Some(&b'.') {
        0
    } else if prev_is(b, w.0, &["from"]) {
        1
    } else if prev_is(b, w.0, CHANGE_VERBS) {
        2
    } else {
        0
    }
}

/// "137.80-85": the raw value of the second end when it spells only the
/// last digits of the first (a decimal).
fn abbreviated(a: &Amount, s: &Amount) -> Option<f64> {
    if a.num.dec <= 0 || !s.num.plain_int || s.unit != Unit::None && s.scaled() {
        return None;
    }
    let d = a.num.dec as usize;
    let k = s.num.ndigits;
    if k > d || a.scaled() {
        return None;
    }
    let m = (a.raw * number::POW10[d]).round();
    let unit = number::POW10[k];
    let hi = m - m % unit + s.raw;
    (hi > m).then(|| hi / number::POW10[d])
}

fn prev_is(b: &[u8], start: usize, words: &[&str]) -> bool {
    let mut buf = [0u8; 24];
    scan::prev_word(b, start).is_some_and(|w| words.contains(&lower(&b[w.0..w.1], &mut buf)))
}

/// Cheap test: can the digits at `i` start a date (a year 1900–2099, a day
/// before a capitalised month, an ISO date)?
fn date_candidate(b: &[u8], i: usize) -> bool {
    let mut e = i;
    while e < b.len() && b[e].is_ascii_digit() {
        e += 1;
    }
    match e - i {
        4 => matches!(&b[i..i + 2], b"19" | b"20"),
        1 | 2 => {
            let q = skip_ws(b, e);
            q > e && b.get(q).is_some_and(u8::is_ascii_uppercase)
        }
        _ => false,
    }
}

fn number_at(
    b: &[u8],
    i: usize,
    floor: usize,
    doc: Option<DocDate>,
    prefix: Option<Prefix>,
) -> Step {
    let is_digit = b[i].is_ascii_digit();
    // Dates first: a four-digit year, "6 March 2019", "2019-03-06" (unless a
    // currency or percent follows: "1987 dlrs" is money).
    if is_digit
        && prefix.is_none()
        && date_candidate(b, i)
        && money::prefix_back(b, i, floor).is_none()
    {
        let mut e = i;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        let unit_follows = money::percent_at(b, e).is_some()
            || money::suffix_at(b, e).is_some()
            || number::scale_at(b, e, Mode::Strict, false).is_some();
        if !unit_follows {
            if let Some((de, v)) = date::date_at_digits(b, i, doc) {
                return Step::Emit(
                    Found {
                        start: i,
                        end: de,
                        value: v,
                    },
                    de,
                );
            }
        }
    }
    if is_digit {
        if let Some(step) = slash_pair(b, i, floor, prefix) {
            return step;
        }
    }
    let a = match amount_at(b, i, floor, prefix, true) {
        Ok(a) => a,
        Err(e) => return Step::Skip(e),
    };
    let approximate = money::hedged(b, a.start);
    let between = money::after_between(b, a.start);
    // range
    let mut lo = a.value();
    let mut hi: Option<f64> = None;
    let mut unit = a.unit;
    let mut end = a.end;
    let mut major = a.major && !a.scaled();
    if let Some((q, k)) = connector(b, a.end) {
        let change = if k == b't' {
            change_before(b, a.start)
        } else {
            0
        };
        let ok_kind = match k {
            b'-' => true,
            b't' => !(a.unit != Unit::None && change == 1),
            b'a' => between,
            _ => false,
        };
        if ok_kind {
            if let Some(s) = second_amount(b, q) {
                let compatible = a.unit == Unit::None || s.unit == Unit::None || a.unit == s.unit;
                if compatible && (a.unit != Unit::None || s.unit != Unit::None) {
                    let a_factor = if a.unit == Unit::None {
                        s.factor
                    } else {
                        a.factor
                    };
                    let a_scale = if !a.scaled() && s.scaled() && a.raw < s.base() {
                        s.scale_word()
                    } else {
                        a.scale
                    };
                    let first = a.value_as(a_scale, a_factor);
                    let s_factor = if s.unit == Unit::None {
                        a.factor
                    } else {
                        s.factor
                    };
                    let s_scale =
                        if s.unit == Unit::None && !s.scaled() && a.scaled() && s.raw > a.base() {
                            a.scale
                        } else {
                            s.scale
                        };
                    let mut second = s.value_as(s_scale, s_factor);
                    // "137.80-85 yen": the second end gives only the last
                    // digits
                    if second < first && k == b'-' {
                        if let Some(m) = abbreviated(&a, &s) {
                            let hi = Amount { raw: m, ..a };
                            second = hi.value_as(a_scale, a_factor);
                        }
                    }
                    // "rose only 11 mln stg to 754 mln": a new level, not
                    // the top of a range
                    let level = k == b't'
                        && a.unit != Unit::None
                        && (s.unit == Unit::None && second > 2.0 * first
                            || change == 2 && second > 1.5 * first);
                    if second >= first && !level {
                        lo = first;
                        hi = Some(second);
                        if unit == Unit::None {
                            unit = s.unit;
                        }
                        end = s.end;
                        major = false;
                    }
                }
            }
        } else if a.unit == Unit::None && matches!(k, b'a' | b'o') {
            // "1,850 and 1,880 dlrs": a shared unit; "20 and five mln yen":
            // a shared scale too
            if let Some(s) = second_amount(b, q) {
                if let Some(v) = shared_unit(b, &a, &s, k) {
                    if let Some(f) = build(b, a.start, a.end, v, None, s.unit, approximate, false) {
                        return Step::Emit(f, a.end);
                    }
                }
            }
        }
    }
    if unit == Unit::None {
        // "1,850, 1,870 and 1,880 dlrs": a shared unit after a comma list
        if b.get(a.end) == Some(&b',') {
            let q = skip_ws(b, a.end + 1);
            if q > a.end + 1 {
                if let Some(s) = second_amount(b, q) {
                    // the list must close with "and"/"or": not "103.32 yen
                    // from 103.15, 1.0763 swiss francs from 1.0732"
                    // or it is a bid/offer pair of like numbers ("6-1/4,
                    // 5-3/4 pct"), not a previous value ("103.15" in "103.32
                    // yen from 103.15, 1.0763 swiss francs")
                    let s_unit = if s.unit == Unit::None {
                        list_unit(b, s.end, 4)
                    } else {
                        let (x, y) = (a.raw.min(s.raw), a.raw.max(s.raw));
                        let like = a.scaled() == s.scaled() && x > 0.0 && y <= 2.0 * x;
                        (like && !prev_is(b, a.start, &["from", "vs", "versus", "against"]))
                            .then_some((s.unit, s.factor))
                    };
                    if let Some((u, f)) = s_unit {
                        if let Some(fx) = build(
                            b,
                            a.start,
                            a.end,
                            a.value_as(a.scale, f),
                            None,
                            u,
                            approximate,
                            false,
                        ) {
                            return Step::Emit(fx, a.end);
                        }
                    }
                }
            }
        }
        // a count: "883 cameras"
        if a.num.attached || a.scale != 1.0 && a.num.words {
            return Step::Skip(a.end);
        }
        if a.num.words && a.raw == 1.0 && !a.num.scaled {
            return Step::Skip(a.end);
        }
        if let Some((qe, us, ue)) = quantity::noun_after(b, a.end) {
            let unit = String::from_utf8_lossy(&b[us..ue]).into_owned();
            let v = a.value();
            if v.is_finite() {
                return Step::Emit(
                    Found {
                        start: a.start,
                        end: qe,
                        value: Value::Quantity {
                            value: v,
                            approximate,
                            unit,
                        },
                    },
                    qe,
                );
            }
        }
        return Step::Skip(a.num_end.max(a.num.end));
    }
    // cents trailer: "15 dollars 50", "thirteen dollars and forty-five cents"
    if major && hi.is_none() {
        if let Some((te, add)) = money::cents_trailer(b, end) {
            lo += add;
            end = te;
        }
    }
    let per = if matches!(unit, Unit::Money(_)) {
        money::per_at(b, end)
    } else {
        None
    };
    match build(b, a.start, end, lo, hi, unit, approximate, true) {
        Some(mut f) => {
            if let Value::Money { per: p, .. } = &mut f.value {
                *p = per;
            }
            Step::Emit(f, end)
        }
        None => Step::Skip(end),
    }
}

/// "quoted at 2,355/2,360 stg": a bid/offer pair written twice in the same
/// shape, with a separator in each half, read as a range.
fn slash_pair(b: &[u8], i: usize, floor: usize, prefix: Option<Prefix>) -> Option<Step> {
    let shape_end = |p: usize| {
        let mut e = p;
        while e < b.len()
            && (b[e].is_ascii_digit()
                || matches!(b[e], b',' | b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit))
        {
            e += 1;
        }
        e
    };
    let ae = shape_end(i);
    if b.get(ae) != Some(&b'/') || !b.get(ae + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let j = ae + 1;
    let be = shape_end(j);
    let (a_txt, b_txt) = (&b[i..ae], &b[j..be]);
    let same_shape = a_txt.len() == b_txt.len()
        && a_txt.iter().any(|c| !c.is_ascii_digit())
        && a_txt.iter().zip(b_txt).all(|(x, y)| {
            x.is_ascii_digit() == y.is_ascii_digit() && (x.is_ascii_digit() || x == y)
        });
    if !same_shape || b.get(be) == Some(&b'/') {
        return None;
    }
    let NumRes::Num(n) = number::digits_at(&b[..ae], i, Mode::Strict) else {
        return None;
    };
    if n.end != ae {
        return None;
    }
    // only a unit written after the pair or a symbol before it: pairs after
    // a code ("STG 227.137/227.675", "DMK 332.400/333.000") are rows of
    // exchange-rate tables
    let prefix = prefix.or_else(|| money::prefix_back(b, i, floor));
    if prefix.is_some_and(|p| b[p.start..i].iter().any(u8::is_ascii_alphabetic)) {
        return None;
    }
    // nor a code after a wide gap, which heads the next row
    // ("PORT 227.70/229.90  FFR 9.8050/8150")
    let gap = skip_ws(b, be);
    let next = &b[gap..word_end(b, gap)];
    if gap > be + 1
        && (money::code(next).is_some()
            || next.len() > 1 && next.iter().all(u8::is_ascii_uppercase))
    {
        return None;
    }
    let s = amount_at(b, j, j, prefix.map(|p| Prefix { start: j, ..p }), false).ok()?;
    if s.unit == Unit::None || s.start != j || s.raw < n.value {
        return None;
    }
    let first = Amount {
        raw: n.value,
        num: Num {
            scaled: s.num.scaled,
            ..n
        },
        ..s
    };
    let lo = first.value();
    let hi = s.value();
    let start = prefix.map_or(i, |p| p.start);
    let approximate = money::hedged(b, start);
    let mut f = build(b, start, s.end, lo, Some(hi), s.unit, approximate, true)?;
    if let Value::Money { per, .. } = &mut f.value {
        *per = money::per_at(b, s.end);
    }
    let end = f.end;
    Some(Step::Emit(f, end))
}

/// The value of a bare amount `a` that takes the unit of the amount `s`
/// after "and"/"or" (connector kind `k`), or None when it does not.
fn shared_unit(b: &[u8], a: &Amount, s: &Amount, k: u8) -> Option<f64> {
    if s.unit == Unit::None {
        return None;
    }
    // a lone "one": "in band one and two mln stg"
    if a.num.words && a.raw == 1.0 && !a.scaled() {
        return None;
    }
    let major = s.unit != Unit::Percent && s.factor >= 1.0;
    // cents and percents are shared only by a number of the same size:
    // "50 or 60 cts", not "114,887 or four cts a share"
    let comparable = if a.scaled() {
        s.scaled() || major
    } else {
        major || s.scaled() || a.raw <= 10.0 * s.raw.max(1.0)
    };
    if comparable {
        let scale = if !a.scaled() && s.scaled() && a.raw < 1000.0 {
            s.scale_word()
        } else {
            a.scale
        };
        return Some(a.value_as(scale, s.factor));
    }
    // "net 10.1 mln or nine cts per shr": a total and its share of earnings
    // are in the same currency
    if k == b'o' && s.unit != Unit::Percent {
        let per = money::per_at(b, s.end)?;
        if matches!(per.as_str(), "share" | "shr" | "shares") {
            return Some(a.value_as(a.scale, 1.0));
        }
    }
    None
}

/// After a comma list of bare numbers ("1,870 and 1,880 dlrs"): the unit
/// that ends the list.
fn list_unit(b: &[u8], p: usize, depth: u32) -> Option<(Unit, f64)> {
    if depth == 0 {
        return None;
    }
    let q = if b.get(p) == Some(&b',') {
        skip_ws(b, p + 1)
    } else {
        let (q, k) = connector(b, p)?;
        if !matches!(k, b'a' | b'o') {
            return None;
        }
        q
    };
    let s = second_amount(b, q)?;
    if s.unit != Unit::None {
        return Some((s.unit, s.factor));
    }
    list_unit(b, s.end, depth - 1)
}

#[allow(clippy::too_many_arguments)]
fn build(
    _b: &[u8],
    start: usize,
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: Unit,
    approximate: bool,
    _full: bool,
) -> Option<Found> {
    if !value.is_finite() || value_max.is_some_and(|v| !v.is_finite()) || start >= end {
        return None;
    }
    let value = tidy(value);
    let value_max = value_max.map(tidy);
    let value = match unit {
        Unit::Money(iso) => Value::Money {
            value,
            value_max,
            currency: iso.to_string(),
            approximate,
            per: None,
        },
        Unit::Percent => Value::Percent {
            value,
            value_max,
            approximate,
        },
        Unit::None => return None,
    };
    Some(Found { start, end, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The shortcut in `tidy` gives what rounding every value gives.
        #[test]
        fn tidy_is_rounding_to_15_digits(
            v in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL,
            a in 0u64..100_000_000,
            k in 0i32..9,
            c in 0u64..100,
            m in 0i32..13,
        ) {
            let round = |v: f64| {
                if v == 0.0 || (v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0) {
                    v
                } else {
                    format!("{v:.14e}").parse().unwrap_or(v)
                }
            };
            // Sums and products of decimals, as amounts are made.
            let d = (a as f64 / 10f64.powi(k) + c as f64 / 100.0) * 10f64.powi(m);
            for x in [v, d, -d] {
                proptest::prop_assert_eq!(tidy(x).to_bits(), round(x).to_bits(), "{}", x);
            }
        }
    }

    /// The hash test turns away no word that the date and number word
    /// tests would take, and lets through only words that one of them
    /// takes: checked on every trigger, near misses, and every word of the
    /// sample articles.
    #[test]
    fn trigger_words_are_the_date_and_number_words() {
        let mut words: Vec<String> = TRIGGERS.iter().map(|w| w.to_string()).collect();
        for w in [
            "mon",
            "tues",
            "thur",
            "sept",
            "septem",
            "twentyone",
            "hundreds",
            "millions",
            "thousands",
            "halves",
            "quarters",
            "firstly",
            "lastly",
            "earlier",
            "later",
            "middle",
            "midst",
            "fiscally",
            "dozens",
            "one's",
            "",
            "the",
            "and",
        ] {
            words.push(w.to_string());
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            words.extend(
                text.split(|c: char| !c.is_ascii_alphabetic())
                    .map(str::to_ascii_lowercase),
            );
        }
        assert!(words.len() > 5_000);
        for w in &words {
            let takes = is_date_trigger(w) || number::is_number_word(w);
            assert_eq!(TRIGGER_WORDS.contains(w), takes, "{w:?}");
            let found = (!w.is_empty())
                .then(|| trigger_word(w.as_bytes(), 0, w.len()))
                .flatten();
            assert_eq!(found, takes.then_some(w.as_str()), "{w:?}");
            let upper = w.to_ascii_uppercase();
            if !w.is_empty() {
                assert_eq!(
                    trigger_word(upper.as_bytes(), 0, w.len()),
                    found,
                    "{upper:?}"
                );
            }
        }
    }

    fn all(t: &str) -> Vec<(String, Value)> {
        recognize(t, None)
            .into_iter()
            .map(|f| (t[f.start..f.end].to_string(), f.value))
            .collect()
    }

    fn money(v: f64, cur: &str) -> Value {
        Value::Money {
            value: v,
            value_max: None,
            currency: cur.into(),
            approximate: false,
            per: None,
        }
    }

    fn m1(t: &str) -> (String, Value) {
        let v = all(t);
        let m: Vec<_> = v.into_iter().filter(|x| x.1.label() == "money").collect();
        assert_eq!(m.len(), 1, "{t}: {m:?}");
        m.into_iter().next().unwrap()
    }

    #[test]
    fn money_basic() {
        assert_eq!(
            m1("a $1 billion deal"),
            ("$1 billion".into(), money(1e9, "USD"))
        );
        assert_eq!(
            m1("for $21 million."),
            ("$21 million".into(), money(21e6, "USD"))
        );
        assert_eq!(m1("costs $1.5 now"), ("$1.5".into(), money(1.5, "USD")));
        assert_eq!(
            m1("paid 1.250.000 euros"),
            ("1.250.000 euros".into(), money(1_250_000.0, "EUR"))
        );
        assert_eq!(
            m1("paid 25 mln\ndlrs for"),
            ("25 mln\ndlrs".into(), money(25e6, "USD"))
        );
        assert_eq!(
            m1("paid 25  mln  dlrs"),
            ("25  mln  dlrs".into(), money(25e6, "USD"))
        );
        assert_eq!(m1("10 mln stg").1, money(10e6, "GBP"));
        assert_eq!(m1("100 billion yuan").1, money(100e9, "CNY"));
        assert_eq!(m1("RMB 5 bn").1, money(5e9, "CNY"));
        assert_eq!(m1("US$ 100").1, money(100.0, "USD"));
        assert_eq!(m1("C$16.4 million").1, money(16.4e6, "CAD"));
        assert_eq!(m1("A$5m").1, money(5e6, "AUD"));
        assert_eq!(m1("HK$ 5 mln").1, money(5e6, "HKD"));
        assert_eq!(m1("€2 million").1, money(2e6, "EUR"));
        assert_eq!(m1("£60,000").1, money(60_000.0, "GBP"));
        assert_eq!(m1("¥300 bn").1, money(300e9, "JPY"));
        assert_eq!(m1("₽ 10 mln").1, money(10e6, "RUB"));
        assert_eq!(m1("₹500 crore").1, money(5e9, "INR"));
        assert_eq!(m1("5 bln KZT").1, money(5e9, "KZT"));
        assert_eq!(m1("UZS 100 mln").1, money(100e6, "UZS"));
        assert_eq!(m1("50 mln Canadian dlrs").1, money(50e6, "CAD"));
        assert_eq!(m1("50 mln Canadian dollars").1, money(50e6, "CAD"));
        assert_eq!(m1("2 mln Australian dlrs").1, money(2e6, "AUD"));
        assert_eq!(m1("3 mln Hong Kong dollars").1, money(3e6, "HKD"));
        assert_eq!(m1("3 mln Singapore dlrs").1, money(3e6, "SGD"));
        assert_eq!(m1("3 mln New Zealand dlrs").1, money(3e6, "NZD"));
        assert_eq!(m1("3 bln Taiwan dollars").1, money(3e9, "TWD"));
        assert_eq!(m1("3 bln U.S. dollars").1, money(3e9, "USD"));
        assert_eq!(m1("3 bln US dollars").1, money(3e9, "USD"));
        assert_eq!(m1("500 mln francs").1, money(500e6, "FRF"));
        assert_eq!(m1("500 mln Swiss francs").1, money(500e6, "CHF"));
        assert_eq!(m1("5 mln marks").1, money(5e6, "DEM"));
        assert_eq!(m1("5 mln Deutsche marks").1, money(5e6, "DEM"));
        assert_eq!(m1("DM 5 mln").1, money(5e6, "DEM"));
        assert_eq!(m1("5 mln guilders").1, money(5e6, "NLG"));
        assert_eq!(m1("5 bln lire").1, money(5e9, "ITL"));
        assert_eq!(m1("5 bln pesetas").1, money(5e9, "ESP"));
        assert_eq!(m1("5 bln won").1, money(5e9, "KRW"));
        assert_eq!(m1("5 mln pesos").1, money(5e6, "MXN"));
        assert_eq!(m1("5 mln tenge").1, money(5e6, "KZT"));
        assert_eq!(m1("5 mln somoni").1, money(5e6, "TJS"));
        assert_eq!(m1("5 mln som").1, money(5e6, "KGS"));
        assert_eq!(m1("5 bln sum").1, money(5e9, "UZS"));
        assert_eq!(m1("5 mln roubles").1, money(5e6, "RUB"));
        assert_eq!(m1("5 mln rubles").1, money(5e6, "RUB"));
        assert_eq!(m1("50 cents").1, money(0.5, "USD"));
        assert_eq!(m1("5 mln reais").1, money(5e6, "BRL"));
        assert_eq!(m1("5 mln rand").1, money(5e6, "ZAR"));
        assert_eq!(m1("1987 dlrs").1, money(1987.0, "USD"));
    }

    #[test]
    fn money_words() {
        assert_eq!(
            m1("two billion dollars"),
            ("two billion dollars".into(), money(2e9, "USD"))
        );
        assert_eq!(
            m1("a million yuan"),
            ("a million yuan".into(), money(1e6, "CNY"))
        );
        assert_eq!(m1("half a billion dollars").1, money(5e8, "USD"));
        assert_eq!(
            m1("one hundred and twenty million dollars").1,
            money(120e6, "USD")
        );
        assert_eq!(m1("received five million yen from").1, money(5e6, "JPY"));
    }

    #[test]
    fn ranges_and_hedges() {
        let r = |v: f64, m: f64| Value::Money {
            value: v,
            value_max: Some(m),
            currency: "USD".into(),
            approximate: false,
            per: None,
        };
        assert_eq!(
            m1("a $30-40 million deal"),
            ("$30-40 million".into(), r(30e6, 40e6))
        );
        assert_eq!(
            m1("$30 million to $40 million"),
            ("$30 million to $40 million".into(), r(30e6, 40e6))
        );
        assert_eq!(
            m1("between $5 and $7 million"),
            ("$5 and $7 million".into(), r(5e6, 7e6))
        );
        assert_eq!(
            m1("30 to 40 mln dlrs"),
            ("30 to 40 mln dlrs".into(), r(30e6, 40e6))
        );
        let v = all("rose from $30 million to $40 million");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].0, "$30 million");
        for h in [
            "about",
            "around",
            "some",
            "nearly",
            "almost",
            "over",
            "more than",
            "up to",
            "roughly",
            "approximately",
            "an estimated",
            "at least",
            "less than",
        ] {
            let t = format!("it cost {h} $1 billion.");
            let (s, v) = m1(&t);
            assert_eq!(s, "$1 billion");
            assert!(
                matches!(
                    v,
                    Value::Money {
                        approximate: true,
                        ..
                    }
                ),
                "{h}"
            );
        }
    }

    #[test]
    fn letters_glued_to_a_number_are_a_model() {
        let found = recognize(
            "an option on 15 SF340 commuter planes and 20 A320 jets",
            None,
        );
        assert!(
            found
                .iter()
                .all(|f| !matches!(f.value, Value::Money { .. })),
            "{found:?}"
        );
        let found = recognize("a fee of SF 340 mln", None);
        assert!(
            found
                .iter()
                .any(|f| matches!(&f.value, Value::Money { currency, .. } if currency == "CHF")),
            "{found:?}"
        );
    }

    #[test]
    fn zero_padded_numbers_are_codes() {
        let t = "OPENING 7 APR 081530 US DOLLAR";
        let found = recognize(t, None);
        assert!(
            found.iter().all(|f| !t[f.start..f.end].contains("081530")),
            "{found:?}"
        );
    }

    #[test]
    fn per_share() {
        let (s, v) = m1("offered 20 dlrs a share");
        assert_eq!(s, "20 dlrs");
        assert!(
            matches!(v, Value::Money { per: Some(ref p), value, .. } if p == "share" && value == 20.0)
        );
        assert!(
            matches!(m1("20 dlrs per share").1, Value::Money { per: Some(ref p), .. } if p == "share")
        );
        let (s, v) = m1("a 25-dlr-per-share offer");
        assert_eq!(s, "25-dlr");
        assert!(
            matches!(v, Value::Money { per: Some(ref p), value, .. } if p == "share" && value == 25.0)
        );
    }

    #[test]
    fn percents() {
        let p = |t: &str| {
            let v = all(t);
            assert_eq!(v.len(), 1, "{t}: {v:?}");
            v[0].clone()
        };
        let pv = |v: f64| Value::Percent {
            value: v,
            value_max: None,
            approximate: false,
        };
        assert_eq!(p("rose 90 percent"), ("90 percent".into(), pv(90.0)));
        assert_eq!(p("9.9 pct"), ("9.9 pct".into(), pv(9.9)));
        assert_eq!(p("a 70% rise"), ("70%".into(), pv(70.0)));
        assert_eq!(p("70 per cent"), ("70 per cent".into(), pv(70.0)));
        assert_eq!(p("a 9.9 pct stake"), ("9.9 pct".into(), pv(9.9)));
        assert_eq!(
            p("10-15 pct"),
            (
                "10-15 pct".into(),
                Value::Percent {
                    value: 10.0,
                    value_max: Some(15.0),
                    approximate: false
                }
            )
        );
        let v = all("at 90 percent and 70 percent");
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn quantities() {
        let q = |t: &str| {
            let v = all(t);
            assert_eq!(v.len(), 1, "{t}: {v:?}");
            v[0].clone()
        };
        assert_eq!(
            q("the 883 cameras in"),
            (
                "883 cameras".into(),
                Value::Quantity {
                    value: 883.0,
                    approximate: false,
                    unit: "cameras".into()
                }
            )
        );
        let (s, v) = q("over 2,000 cameras");
        assert_eq!(s, "2,000 cameras");
        assert!(matches!(v, Value::Quantity { value, approximate: true, .. } if value == 2000.0));
        let (s, v) = q("with 104 foreign governments");
        assert_eq!(s, "104 foreign governments");
        assert!(matches!(v, Value::Quantity { ref unit, .. } if unit == "governments"));
        assert!(
            matches!(q("5,000 shares").1, Value::Quantity { ref unit, .. } if unit == "shares")
        );
        assert!(all("the figure was 42.").is_empty());
        assert!(all("All 70 of us.").is_empty());
    }

    fn val(v: &Value) -> (f64, Option<f64>, &str, Option<&str>) {
        match v {
            Value::Money {
                value,
                value_max,
                currency,
                per,
                ..
            } => (*value, *value_max, currency.as_str(), per.as_deref()),
            _ => panic!("not money: {v:?}"),
        }
    }

    /// (span, value, value_max, currency, per).
    type M = (String, f64, Option<f64>, String, Option<String>);

    /// Money found in `t`.
    fn monies(t: &str) -> Vec<M> {
        all(t)
            .into_iter()
            .filter(|x| x.1.label() == "money")
            .map(|(s, v)| {
                let (a, m, c, p) = val(&v);
                (s, a, m, c.to_string(), p.map(str::to_string))
            })
            .collect()
    }

    #[test]
    fn cents_are_exact_decimals() {
        // 47 * 0.01 is 0.47000000000000003; 47 / 100 is the double nearest 0.47
        for (t, v) in [
            ("the dividend is 47 cts a share", 0.47),
            ("it paid 70 cts", 0.7),
            ("down 57 cts", 0.57),
            ("a 2.9p final dividend", 0.029),
            ("earned 1.14 dlrs", 1.14),
            ("raised 16.4 mln dlrs", 16_400_000.0),
            ("a loss of 13 dollars and 45 cents", 13.45),
            ("between 47 and 57 cts", 0.47),
        ] {
            assert_eq!(monies(t)[0].1, v, "{t}");
        }
        assert_eq!(monies("between 47 and 57 cts")[0].2, Some(0.57));
    }

    #[test]
    fn no_number_inside_another() {
        // a bid/offer quote is a range, never its tail "360 stg"
        let m = monies("tin was offered at 4,105/4,110 stg a tonne today");
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].0, "4,105/4,110 stg");
        assert_eq!((m[0].1, m[0].2), (4105.0, Some(4110.0)));
        assert_eq!(m[0].4.as_deref(), Some("tonne"));
        // shapes that differ are left alone, but the tail is not read
        assert!(monies("it traded 1,105/110 stg").is_empty());
        assert!(monies("rates of 3.7495/98 riyals").is_empty());
        assert!(monies("dates 1986/87 and 3/6/87").is_empty());
        // "137.80-85 yen": the second end gives the last digits
        let m = monies("the dollar held near 142.40-45 yen");
        assert_eq!(
            (m[0].0.as_str(), m[0].1, m[0].2),
            ("142.40-45 yen", 142.4, Some(142.45))
        );
    }

    #[test]
    fn hyphenated_scale() {
        let one = |t: &str| {
            let m = monies(t);
            assert_eq!(m.len(), 1, "{t}: {m:?}");
            (m[0].0.clone(), m[0].1, m[0].4.clone())
        };
        assert_eq!(
            one("Peru's 14-billion dlrs external debt").0,
            "14-billion dlrs"
        );
        assert_eq!(one("Peru's 14-billion dlrs external debt").1, 14e9);
        assert_eq!(
            one("a 40-mln-dlr credit line"),
            ("40-mln-dlr".into(), 40e6, None)
        );
        assert_eq!(one("the 2.7-billion-dlr bid").1, 2.7e9);
        assert_eq!(one("its 55- billion dlrs debt").1, 55e9);
        assert_eq!(one("a 12-billion yen issue").1, 12e9);
        assert_eq!(
            one("a 31-dlr-per-share tender"),
            ("31-dlr".into(), 31.0, Some("share".into()))
        );
    }

    #[test]
    fn bare_amount_before_cents_per_share() {
        // "N mln or N cts a share": the total is in the currency of the
        // per-share figure, and the cents unit is not shared
        let m = monies("a gain on sale of 7.3 mln or 21 cts per shr in the quarter");
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(
            (m[0].0.as_str(), m[0].1, m[0].3.as_str()),
            ("7.3 mln", 7.3e6, "USD")
        );
        assert_eq!((m[1].0.as_str(), m[1].1), ("21 cts", 0.21));
        let m = monies("a charge of 215,400 or six cts a share");
        assert_eq!((m[0].0.as_str(), m[0].1), ("215,400", 215_400.0));
        // no share figure: no currency to infer
        let m = monies("estimates of 12.5 mln or 14 pct");
        assert!(m.is_empty(), "{m:?}");
        assert!(all("estimates of 12.5 mln or 14 pct")
            .iter()
            .all(|x| x.0 != "12.5 mln"));
        // like numbers still share: "8 or 9 cts"
        assert_eq!(monies("8 or 9 cts a share")[0].1, 0.08);
    }

    #[test]
    fn coordinated_amounts_share_scale() {
        let m = monies("notes in denominations of 50 and ten mln yen");
        assert_eq!(
            (m[0].0.as_str(), m[0].1, m[0].3.as_str()),
            ("50", 50e6, "JPY")
        );
        assert_eq!(m[1].1, 10e6);
        let m = monies("issued in 5 or 25 mln stg tranches");
        assert_eq!((m[0].1, m[1].1), (5e6, 25e6));
        // no scale on the second: only the currency is shared
        let m = monies("Bonds come in 5,000 and 50,000 dlrs");
        assert_eq!((m[0].0.as_str(), m[0].1), ("5,000", 5000.0));
        // a range with a number in words
        let m = monies("priced between 700,000 dlrs and two mln dlrs");
        assert_eq!((m[0].1, m[0].2), (700_000.0, Some(2e6)));
        // "band one and two mln stg": "one" is a name here
        let m = monies("it bought 40 mln stg in band one and 12 mln stg in band two");
        assert_eq!(m.len(), 2, "{m:?}");
    }

    #[test]
    fn per_is_a_rate_not_a_time() {
        let m = monies("revenue climbed to 45.2 mln dlrs from 38.1 mln dlrs a year ago");
        assert_eq!(m[1].4, None);
        for t in [
            "from 9 mln dlrs a year earlier",
            "from 9 mln dlrs a year before",
            "from 9 mln dlrs a month previously",
            "from 9 mln dlrs a year-earlier",
        ] {
            assert_eq!(monies(t)[0].4, None, "{t}");
        }
        assert_eq!(
            monies("costs 9 mln dlrs a year to run")[0].4.as_deref(),
            Some("year")
        );
        assert_eq!(
            monies("earned 1.10 dlrs a share earlier")[0].4.as_deref(),
            Some("share")
        );
    }

    #[test]
    fn exchange_rates_are_not_amounts() {
        assert!(monies("SELLING RATES STG 0.5127 US DLR 0.7781").is_empty());
        assert!(monies("middle rates DMK 1.8325 FFR 6.0917").is_empty());
        assert_eq!(monies("a STG 150 mln facility")[0].1, 150e6);
        assert_eq!(monies("paid DM 2.50 a share")[0].1, 2.5);
        // table columns: a code across a wide gap belongs to the next row
        let t = "RATES\n    USD    1.9543-48\n    DMK    108.55-57\n";
        assert!(monies(t).is_empty(), "{:?}", monies(t));
        assert!(monies("PORT    201.50/203.70  FFR      9.1050/1150").is_empty());
        assert!(monies("U.S. DOLLAR  One month       6-3/8").is_empty());
    }

    #[test]
    fn lists_and_levels() {
        // a previous value in a list takes no unit from the next item
        let m = monies("at 1.3112 marks from 1.3080, 101.25 yen from 101.10, and");
        assert_eq!(m.len(), 2, "{m:?}");
        // bid/offer pairs of like numbers do
        let p: Vec<_> = all("deposits were quoted at 6-1/4, 5-3/4 pct");
        assert_eq!(p.len(), 2, "{p:?}");
        // "rose X to Y": a change and a level, not a range
        let m = monies("profit fell by only 42 mln stg to 611 mln");
        assert_eq!((m.len(), m[0].2), (1, None));
        let m = monies("the rand gained nearly three cts to 41 U.S. cts");
        assert_eq!((m.len(), m[0].2), (2, None));
        let p = all("sales should rise about 4.5 pct to five pct");
        assert!(matches!(p[0].1, Value::Percent { value_max: Some(m), .. } if m == 5.0));
    }

    #[test]
    fn negatives() {
        assert!(all("All seventeen of them.").is_empty());
        assert!(all("the G-20 meeting").is_empty());
        assert!(all("5G networks and 10:30 and 3/6/87").is_empty());
        assert!(all("She got really mad").is_empty());
        assert!(all("prices may be lower").is_empty());
    }
}
