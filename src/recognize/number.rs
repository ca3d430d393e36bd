//! Numbers written with digits ("1,250,000", "1.250.000", "9.9", "7-7/8") or
//! words ("two billion", "one hundred and twenty million", "half a billion"),
//! with scale words ("mln", "bn", "5m").
//!
//! [`parse_number`] finds every number in a text (used by the peer tests);
//! the money, percent and quantity recognizers use the lower-level
//! [`digits_at`], [`words_at`] and [`scale_at`].

use super::scan::{alnum_end, lower, skip_ws, word_end, ws_len};

/// A number found at a position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Num {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Only ASCII digits: no separator, decimal point or fraction.
    pub plain_int: bool,
    /// Number of digits when `plain_int`.
    pub ndigits: usize,
    /// Written in words ("two", "a million").
    pub words: bool,
    /// A word like "million" or a suffix like "bn" was applied.
    pub scaled: bool,
    /// The scale was glued to the digits ("5m", "10k").
    pub attached: bool,
    /// Number of decimal digits when `value` is a decimal written in digits
    /// (value = mantissa / 10^dec, built with a single division); -1 for
    /// fractions and words that are not whole numbers.
    pub dec: i8,
    /// Numbers in words: the last scale word applied ("five mln": 1e6), 1
    /// if none.
    pub word_scale: f64,
}

/// Result of looking for a number at a position.
#[derive(Debug)]
pub(crate) enum NumRes {
    Num(Num),
    /// Not a number, but the token up to here must not be re-read
    /// (e.g. "10:30", "3/6/87", "5G", "1990s").
    Skip(usize),
    No,
}

/// How permissive number reading is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// News prose: used by `recognize`.
    Strict,
    /// The number peer tests: "10G", "1.2b", "40 000", "1,3", "-1".
    Lenient,
}

#[inline]
fn is_digit(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

/// Number of consecutive digits at `i`.
#[inline]
fn digit_run(b: &[u8], i: usize) -> usize {
    let mut p = i;
    while p < b.len() && b[p].is_ascii_digit() {
        p += 1;
    }
    p - i
}

#[inline]
fn run_value(b: &[u8], i: usize, len: usize) -> f64 {
    b[i..i + len]
        .iter()
        .fold(0.0, |v, c| v * 10.0 + f64::from(c - b'0'))
}

/// End of a chain of digits and `/ : . -` (a date like 3/6/87, a time), and
/// `,` between digits ("2,355/2,360").
fn chain_end(b: &[u8], mut p: usize) -> usize {
    loop {
        p = alnum_end(b, p);
        if p + 1 < b.len()
            && (matches!(b[p], b'/' | b':' | b'.' | b'-')
                || b[p] == b',' && p > 0 && b[p - 1].is_ascii_digit())
            && is_digit(b, p + 1)
        {
            p += 1;
        } else {
            return p;
        }
    }
}

/// A simple fraction "7/8" at `i`: (numerator, denominator, end).
fn fraction_at(b: &[u8], i: usize) -> Option<(f64, usize)> {
    let (n, p) = super::scan::small_int(b, i, 2)?;
    if b.get(p) != Some(&b'/') {
        return None;
    }
    let (d, e) = super::scan::small_int(b, p + 1, 2)?;
    if n == 0 || n >= d || d > 64 || is_digit(b, e) || b.get(e) == Some(&b'/') {
        return None;
    }
    Some((f64::from(n) / f64::from(d), e))
}

/// Reads a number written with digits at `i` (which must be a digit, or a
/// '.' followed by a digit in lenient mode). Scale words are not read.
pub(crate) fn digits_at(b: &[u8], i: usize, mode: Mode) -> NumRes {
    let n = b.len();
    let lead_dot = b.get(i) == Some(&b'.');
    let run = if lead_dot { 0 } else { digit_run(b, i) };
    if !lead_dot && run == 0 {
        return NumRes::No;
    }
    if run > 30 {
        return NumRes::Skip(chain_end(b, i));
    }
    let mut p = i + run;
    let mut v = run_value(b, i, run);
    let mut plain = !lead_dot;
    let mut grouped = false;
    // decimal digits read so far: the value is v / 10^dec
    let mut dec = 0usize;
    // Thousands separators.
    if (1..=3).contains(&run) {
        // 1,250,000
        while b.get(p) == Some(&b',') && digit_run(b, p + 1) == 3 {
            v = v * 1000.0 + run_value(b, p + 1, 3);
            p += 4;
            grouped = true;
        }
        // 40 000 (lenient) / 40\u{202f}000
        if !grouped {
            loop {
                let l = ws_len(b, p);
                let ok = l > 1 || (l == 1 && b[p] == b' ' && mode == Mode::Lenient);
                if ok && digit_run(b, p + l) == 3 && !matches!(b.get(p + l + 3), Some(b'/' | b'.'))
                {
                    v = v * 1000.0 + run_value(b, p + l, 3);
                    p += l + 3;
                    grouped = true;
                } else {
                    break;
                }
            }
        }
        // 1.250.000 (two or more dot groups: unambiguous)
        if !grouped {
            let mut q = p;
            let mut groups = 0;
            while b.get(q) == Some(&b'.') && digit_run(b, q + 1) == 3 {
                q += 4;
                groups += 1;
            }
            if groups >= 2 {
                let mut g = p;
                while g < q {
                    v = v * 1000.0 + run_value(b, g + 1, 3);
                    g += 4;
                }
                p = q;
                grouped = true;
                // 1.250.000,50
                if b.get(p) == Some(&b',') && is_digit(b, p + 1) && digit_run(b, p + 1) != 3 {
                    let r = digit_run(b, p + 1).min(20);
                    v = v * POW10[r] + run_value(b, p + 1, r);
                    dec = r;
                    p += 1 + digit_run(b, p + 1);
                }
                plain = false;
            }
        }
        if grouped {
            plain = false;
        }
    }
    // Decimal part.
    if b.get(p) == Some(&b'.') && is_digit(b, p + 1) && (!grouped || b[p - 4] == b',') {
        let r = digit_run(b, p + 1);
        if r > 20 {
            return NumRes::Skip(chain_end(b, i));
        }
        v = v * POW10[r] + run_value(b, p + 1, r);
        dec = r;
        p += 1 + r;
        plain = false;
        // 1.2.3 version numbers, IP addresses
        if b.get(p) == Some(&b'.') && is_digit(b, p + 1) {
            return NumRes::Skip(chain_end(b, i));
        }
    } else if mode == Mode::Lenient
        && !grouped
        && b.get(p) == Some(&b',')
        && is_digit(b, p + 1)
        && digit_run(b, p + 1) != 3
        && !(b.get(p + 1 + digit_run(b, p + 1)) == Some(&b',')
            && is_digit(b, p + 2 + digit_run(b, p + 1)))
        && i.checked_sub(1).and_then(|k| b.get(k)) != Some(&b',')
    {
        // "1,3" decimal comma (but not "22,24,26")
        let r = digit_run(b, p + 1).min(20);
        v = v * POW10[r] + run_value(b, p + 1, r);
        dec = r;
        p += 1 + digit_run(b, p + 1);
        plain = false;
    }
    if lead_dot && p == i {
        return NumRes::No;
    }
    // one correctly rounded division: "0.47" is the double nearest to 0.47
    let v = v / POW10[dec];
    // Fractions: "7/8", "7-7/8", "2  1/4"; other slash or colon chains are
    // dates, times, ratios: skip them.
    if plain && run <= 2 {
        if let Some((f, e)) = fraction_at(b, i) {
            return NumRes::Num(Num {
                dec: -1,
                ..num(i, e, f, false, 0)
            });
        }
    }
    if p + 1 < n && matches!(b[p], b'/' | b':') && is_digit(b, p + 1) {
        return NumRes::Skip(chain_end(b, i));
    }
    if plain && run <= 3 {
        let mut q = p;
        if b.get(q) == Some(&b'-') {
            q += 1;
        } else {
            q = skip_ws(b, q);
        }
        if q > p && q - p <= 3 {
            if let Some((f, e)) = fraction_at(b, q) {
                return NumRes::Num(Num {
                    dec: -1,
                    ..num(i, e, v + f, false, 0)
                });
            }
        }
    }
    NumRes::Num(Num {
        dec: dec as i8,
        ..num(i, p, v, plain, if plain { run } else { 0 })
    })
}

/// Exact powers of ten 1e0 ..= 1e22.
pub(crate) const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The exponent k when `x` is exactly 10^k (-22 ..= 22).
pub(crate) fn pow10_exp(x: f64) -> Option<i32> {
    if x >= 1.0 {
        POW10.iter().position(|&p| p == x).map(|k| k as i32)
    } else {
        // 0.01 is not 10^-2 exactly, but it is the double that stands for it
        POW10
            .iter()
            .position(|&p| 1.0 / p == x)
            .map(|k| -(k as i32))
    }
}

/// `value * 10^k` for a number with `dec` decimal digits (see
/// [`Num::dec`]), built from the decimal mantissa with a single rounding, so
/// "47 cts" is exactly 47 / 100 and "16.4 mln" is 16400000.
pub(crate) fn times10(value: f64, dec: i8, k: i32) -> f64 {
    if (0..=20).contains(&dec) {
        let m = value * POW10[dec as usize];
        let mr = m.round();
        if mr.abs() < 9_007_199_254_740_992.0 && (m - mr).abs() <= 1e-6 * mr.abs().max(1.0) {
            return scale10(mr, k - i32::from(dec));
        }
    }
    scale10(value, k)
}

/// `value * mult`, exact as [`times10`] when `mult` is a power of ten.
pub(crate) fn times(value: f64, dec: i8, mult: f64) -> f64 {
    match pow10_exp(mult) {
        Some(k) => times10(value, dec, k),
        None => value * mult,
    }
}

/// `mantissa * 10^k` with a single rounding: the double nearest to the
/// decimal the text means, as long as the mantissa is a whole number below
/// 2^53.
pub(crate) fn scale10(mantissa: f64, k: i32) -> f64 {
    match k {
        0 => mantissa,
        1..=22 => mantissa * POW10[k as usize],
        -22..=-1 => mantissa / POW10[(-k) as usize],
        _ => mantissa * 10f64.powi(k),
    }
}

fn num(start: usize, end: usize, value: f64, plain_int: bool, ndigits: usize) -> Num {
    Num {
        start,
        end,
        value,
        plain_int,
        ndigits,
        words: false,
        scaled: false,
        attached: false,
        dec: 0,
        word_scale: 1.0,
    }
}

/// A scale word: multiplier. `lenient` admits the peer-test forms.
pub(crate) fn scale_word(w: &str, lenient: bool) -> Option<f64> {
    Some(match w {
        "thousand" | "thousands" => 1e3,
        "million" | "millions" | "mln" | "mn" | "mio" | "mlns" => 1e6,
        "billion" | "billions" | "bln" | "bn" | "blns" | "bns" => 1e9,
        "trillion" | "trillions" | "tn" | "tln" | "trn" => 1e12,
        "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
        "crore" | "crores" => 1e7,
        "hundred" if lenient => 1e2,
        "dozen" | "dozens" | "doz" | "dozs" if lenient => 12.0,
        "k" if lenient => 1e3,
        "m" if lenient => 1e6,
        _ => return None,
    })
}

/// Reads a scale after a number ending at `p`: glued ("5m", "5bn") or after
/// whitespace ("5 million"). `allow_m` admits a glued "m"/"k" and a spaced
/// "m" (money context). Returns (end, multiplier, attached).
pub(crate) fn scale_at(
    b: &[u8],
    p: usize,
    mode: Mode,
    allow_m: bool,
) -> Option<(usize, f64, bool)> {
    let mut buf = [0u8; 24];
    if b.get(p).is_some_and(u8::is_ascii_alphabetic) {
        let e = word_end(b, p);
        if b.get(e).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let w = lower(&b[p..e], &mut buf);
        let m = match w {
            "k" => 1e3,
            "m" if mode == Mode::Strict => 1e6,
            "g" | "b" if mode == Mode::Lenient => 1e9,
            "mil" if mode == Mode::Lenient => 1e6,
            "mn" | "mln" | "bn" | "bln" | "tn" | "tln" | "million" | "billion" | "trillion" => {
                scale_word(w, false)?
            }
            _ => return None,
        };
        return Some((e, m, true));
    }
    let s = skip_ws(b, p);
    if s == p {
        // hyphenated: "109-billion dlrs", "a 25-mln-dlr loan", "68- billion"
        let q = skip_ws(b, p + 1);
        if b.get(p) == Some(&b'-') && b.get(q).is_some_and(u8::is_ascii_alphabetic) {
            let e = word_end(b, q);
            if b.get(e).is_some_and(u8::is_ascii_alphanumeric) {
                return None;
            }
            let w = lower(&b[q..e], &mut buf);
            if w.len() >= 2 && w != "lac" {
                let m = scale_word(w, false)?;
                return Some((e, m, false));
            }
        }
        return None;
    }
    let e = word_end(b, s);
    if e == s || b.get(e).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let w = lower(&b[s..e], &mut buf);
    let lenient = mode == Mode::Lenient;
    let m = match w {
        "m" if allow_m && b[s] == b'm' => 1e6,
        _ => scale_word(w, lenient)?,
    };
    // "5 m" in lenient mode only as capital M ("1,674,200.5 M")
    if lenient && w == "m" && b[s] != b'M' {
        return None;
    }
    Some((e, m, false))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Last {
    None,
    Unit,
    Ten,
    Hundred,
    Scale,
    And,
    A,
    Half,
}

/// Value of a number word below 100 and whether it is a ten.
pub(crate) fn small_word(w: &str) -> Option<(f64, bool)> {
    let v = match w {
        "zero" | "nought" | "naught" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some((f64::from(v), v >= 20))
}

/// True for a word that can start a number written in words.
pub(crate) fn is_number_word(w: &str) -> bool {
    small_word(w).is_some()
        || matches!(
            w,
            "a" | "an"
                | "half"
                | "quarter"
                | "hundred"
                | "thousand"
                | "million"
                | "billion"
                | "trillion"
                | "dozen"
        )
}

/// Next word after a separator (whitespace or a single hyphen).
fn word_after(b: &[u8], p: usize) -> Option<(usize, usize)> {
    let mut q = skip_ws(b, p);
    if q == p && b.get(p) == Some(&b'-') {
        q = p + 1;
    }
    if q == p && p != 0 {
        return None;
    }
    let e = word_end(b, q);
    if e > q && !b.get(e).is_some_and(u8::is_ascii_digit) {
        Some((q, e))
    } else {
        None
    }
}

/// Reads a number written in words starting at `i` (a word start).
pub(crate) fn words_at(b: &[u8], i: usize, mode: Mode) -> Option<Num> {
    let mut buf = [0u8; 24];
    let mut total = 0.0f64;
    let mut cur = 0.0f64;
    let mut last = Last::None;
    let mut end = i;
    let mut pos = i;
    let mut count = 0usize;
    let mut scaled = false;
    let mut word_scale = 1.0;
    let mut only_one = true;
    let first = {
        let e = word_end(b, i);
        if e == i {
            return None;
        }
        (i, e)
    };
    let mut w = first;
    loop {
        count += 1;
        if count > 40 {
            break;
        }
        let word = lower(&b[w.0..w.1], &mut buf);
        let mut accepted = true;
        if let Some((v, ten)) = small_word(word) {
            let ok = match last {
                Last::None | Last::Hundred | Last::Scale | Last::And => true,
                Last::Ten => !ten && v > 0.0 && v < 10.0,
                _ => false,
            };
            if !ok {
                break;
            }
            if word != "one" {
                only_one = false;
            }
            cur += v;
            last = if ten { Last::Ten } else { Last::Unit };
        } else if word == "hundred" {
            if !matches!(last, Last::None | Last::Unit | Last::Ten | Last::A) {
                break;
            }
            // "one hundred": multiply the part below 100
            let low = cur % 100.0;
            cur = cur - low + if low == 0.0 { 1.0 } else { low } * 100.0;
            last = Last::Hundred;
            only_one = false;
        } else if let Some(s) = scale_word(word, false).filter(|&s| s >= 1e3) {
            if word.len() <= 3 && word != "mln" && word != "bln" {
                break;
            }
            match last {
                Last::Unit | Last::Ten | Last::Hundred | Last::A | Last::Half | Last::None => {
                    let c = if cur == 0.0 { 1.0 } else { cur };
                    total += c * s;
                    cur = 0.0;
                }
                Last::Scale if cur == 0.0 && total > 0.0 => total *= s,
                _ => break,
            }
            last = Last::Scale;
            scaled = true;
            word_scale = s;
            only_one = false;
        } else if matches!(word, "dozen" | "dozens" | "doz" | "dozs") {
            if !matches!(last, Last::Unit | Last::Ten | Last::A) {
                break;
            }
            cur = if cur == 0.0 { 12.0 } else { cur * 12.0 };
            last = Last::Scale;
            only_one = false;
        } else if matches!(word, "a" | "an") && matches!(last, Last::None | Last::Half | Last::And)
        {
            // "a million", "half a billion", "and a half"
            let mut nb = [0u8; 24];
            let nw = word_after(b, w.1).map_or("", |x| lower(&b[x.0..x.1], &mut nb));
            let next_ok = matches!(
                nw,
                "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen" | "quarter"
            ) || (nw == "half" && last != Last::Half);
            if !next_ok {
                break;
            }
            if last == Last::None {
                cur = 1.0;
            }
            accepted = false;
            if last == Last::None {
                last = Last::A;
            }
            only_one = false;
        } else if word == "half" && matches!(last, Last::None | Last::A | Last::And) {
            let prev = last;
            if prev == Last::And {
                // "one and a half"
                cur += 0.5;
                last = Last::Unit;
            } else {
                // "half a billion", "half million", "a half"
                cur = 0.5;
                last = Last::Half;
            }
            only_one = false;
        } else if (word == "quarter" && matches!(last, Last::None | Last::A))
            || (word == "quarters" && last == Last::Unit)
        {
            cur = if word == "quarter" { 0.25 } else { cur * 0.25 };
            last = Last::Half;
            only_one = false;
        } else if word == "and"
            && matches!(last, Last::Hundred | Last::Scale | Last::Unit | Last::Ten)
        {
            // only when a number word follows
            let nx = word_after(b, w.1);
            let ok = nx.is_some_and(|x| {
                let mut bb = [0u8; 24];
                let nw = lower(&b[x.0..x.1], &mut bb);
                (small_word(nw).is_some() && matches!(last, Last::Hundred | Last::Scale))
                    || nw == "a" && {
                        let n2 = word_after(b, x.1);
                        n2.is_some_and(|y| {
                            let mut b3 = [0u8; 24];
                            lower(&b[y.0..y.1], &mut b3) == "half"
                        })
                    }
            });
            if !ok {
                break;
            }
            last = Last::And;
            accepted = false;
        } else if word == "point" && matches!(last, Last::Unit | Last::Ten | Last::Hundred) {
            // "nine point nought four", "two hundred point seventy-one"
            let mut frac = String::new();
            let mut q = w.1;
            let mut fend = 0;
            let mut pending_ten = false;
            while let Some(x) = word_after(b, q) {
                let mut bb = [0u8; 24];
                let nw = lower(&b[x.0..x.1], &mut bb);
                match small_word(nw) {
                    Some((v, ten)) if frac.len() < 15 => {
                        let d = v as u32;
                        if pending_ten && !ten && (1..10).contains(&d) {
                            // "seventy-one": replace the trailing 0
                            frac.pop();
                            frac.push(char::from(b'0' + d as u8));
                            pending_ten = false;
                        } else {
                            frac.push_str(&d.to_string());
                            pending_ten = ten;
                        }
                        q = x.1;
                        fend = x.1;
                    }
                    _ => break,
                }
            }
            if frac.is_empty() {
                break;
            }
            let f: f64 = format!("0.{frac}").parse().unwrap_or(0.0);
            cur += f;
            end = fend;
            only_one = false;
            break;
        } else {
            break;
        }
        if accepted {
            end = w.1;
        }
        pos = w.1;
        match word_after(b, pos) {
            Some(x) => w = x,
            None => break,
        }
    }
    let _ = pos;
    if end == i || matches!(last, Last::Half) && !scaled && mode == Mode::Strict {
        return None;
    }
    if matches!(last, Last::A) && end == i {
        return None;
    }
    let value = total + cur;
    if !value.is_finite() {
        return None;
    }
    if only_one
        && mode == Mode::Lenient
        && end == first.1
        && lower(&b[first.0..first.1], &mut buf) == "one"
    {
        // a lone "one" is mostly a pronoun
        return None;
    }
    Some(Num {
        start: i,
        end,
        value,
        plain_int: false,
        ndigits: 0,
        words: true,
        scaled,
        attached: false,
        dec: if value.fract() == 0.0 { 0 } else { -1 },
        word_scale,
    })
}

/// Every number in `text`: (byte start, byte end, value). Numbers in digits
/// (with thousands separators, decimals, simple fractions, a leading minus,
/// glued or spaced scale: "10k", "2 million", "1.2b", "3 dozens") and in
/// words ("twenty-one trillion", "two hundred point seventy-one").
pub fn parse_number(text: &str) -> Vec<(usize, usize, f64)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let at_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if at_start
            && (c.is_ascii_digit()
                || (c == b'.'
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && (i == 0 || !b[i - 1].is_ascii_digit())))
        {
            match digits_at(b, i, Mode::Lenient) {
                NumRes::Num(mut n) => {
                    let mut end = n.end;
                    let mut ok = true;
                    if let Some((e, m, _)) = scale_at(b, end, Mode::Lenient, false) {
                        n.value = times(n.value, n.dec, m);
                        end = e;
                    } else if !super::scan::boundary(b, end) {
                        ok = false;
                    }
                    if ok {
                        let mut start = n.start;
                        // leading minus: "-1", "- 1 4/5"
                        let mut q = super::scan::skip_ws_back(b, start);
                        if q > 0 && b[q - 1] == b'-' && start - q <= 1 {
                            q -= 1;
                            if q == 0 || super::scan::ws_len(b, q - 1) > 0 {
                                start = q;
                                n.value = -n.value;
                            }
                        }
                        out.push((start, end, n.value));
                        i = end;
                    } else {
                        i = alnum_end(b, n.end).max(i + 1);
                    }
                    continue;
                }
                NumRes::Skip(e) => {
                    i = e.max(i + 1);
                    continue;
                }
                NumRes::No => {}
            }
        } else if at_start && c.is_ascii_alphabetic() {
            let e = word_end(b, i);
            let mut buf = [0u8; 24];
            let w = lower(&b[i..e], &mut buf);
            if w == "minus" || w == "negative" {
                if let Some(x) = word_after(b, e) {
                    let lone_one = lower(&b[x.0..x.1], &mut [0u8; 24]) == "one"
                        && words_at(b, x.0, Mode::Lenient).is_none();
                    if lone_one {
                        out.push((i, x.1, -1.0));
                        i = x.1;
                        continue;
                    }
                    if let Some(n) = words_at(b, x.0, Mode::Lenient) {
                        out.push((i, n.end, -n.value));
                        i = n.end;
                        continue;
                    }
                }
            }
            if is_number_word(w) || w == "zero" || w == "nought" || w == "naught" {
                if let Some(n) = words_at(b, i, Mode::Lenient) {
                    out.push((n.start, n.end, n.value));
                    i = n.end;
                    continue;
                }
            }
            i = alnum_end(b, i).max(i + 1);
            continue;
        } else if c >= 0x80 {
            // vulgar fractions
            let f = match (c, b.get(i + 1)) {
                (0xC2, Some(0xBC)) => Some(0.25),
                (0xC2, Some(0xBD)) => Some(0.5),
                (0xC2, Some(0xBE)) => Some(0.75),
                _ => None,
            };
            if let Some(f) = f {
                out.push((i, i + 2, f));
                i += 2;
                continue;
            }
        }
        i += 1;
        while i < b.len() && (b[i] & 0xC0) == 0x80 {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(t: &str) -> (String, f64) {
        let v = parse_number(t);
        assert_eq!(v.len(), 1, "{t}: {v:?}");
        (t[v[0].0..v[0].1].to_string(), v[0].2)
    }

    #[test]
    fn digits() {
        assert_eq!(one("1,250,000"), ("1,250,000".into(), 1_250_000.0));
        assert_eq!(one("1.250.000 euros").1, 1_250_000.0);
        assert_eq!(one("1.250"), ("1.250".into(), 1.25));
        assert_eq!(one("$1.5").1, 1.5);
        assert_eq!(one("7-7/8").1, 7.875);
        assert_eq!(one("192."), ("192".into(), 192.0));
        assert_eq!(one("2 million").1, 2e6);
        assert_eq!(one("10k").1, 1e4);
        assert_eq!(one(" -1").1, -1.0);
    }

    #[test]
    fn words() {
        assert_eq!(one("two billion").1, 2e9);
        assert_eq!(one("a million").1, 1e6);
        assert_eq!(one("half a billion").1, 5e8);
        assert_eq!(one("one hundred and twenty million").1, 120e6);
        assert_eq!(
            one("twenty-one trillion and three hundred").1,
            21_000_000_000_300.0
        );
        assert_eq!(one("two hundred and two thousand").1, 202_000.0);
        assert_eq!(one("nine point nought four").1, 9.04);
        assert_eq!(one("quarter million").1, 250_000.0);
    }

    #[test]
    fn not_numbers() {
        assert!(parse_number("the 180.25ml liquid").is_empty());
        assert!(parse_number("1m isn't a number").is_empty());
        assert!(parse_number("an").is_empty());
    }
}
