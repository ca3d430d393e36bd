//! Dates: "in 2008", "April 2019", "Sept. 2018", "March 6, 2019",
//! "6 March 2019", "2019-03-06", "Wednesday, March 6, 2019", "the first
//! quarter of 2019", "Q1 2019", "mid-2019", "fiscal 1987", and relative
//! dates ("yesterday", "on Tuesday", "last month", "in March") resolved
//! against the document date.
//!
//! Conventions:
//! - A plain four-digit number 1900–2099 (no thousands separator) is a year
//!   unless a currency or percent sign follows it ("1987 dlrs" is money) or
//!   a scale word follows ("2000 mln"). So "the 1987 budget" is a year, and
//!   "2,000 cameras" is a count.
//! - A qualifier word is part of the span: "mid-2019", "fiscal 1987".
//! - A weekday alone is the most recent such day on or before the document
//!   date (news past tense); "last week"/"this week"/"next week" are day
//!   precision, seven days before / the document date / seven days after.
//! - A month or day without a year, or a quarter without a year, takes the
//!   document date's year (even if later in the year than the document).
//!   These are `relative: true`, and have no value without a document date.
//! - "May" alone is a month only after a preposition ("in May", "as of
//!   May", "since May"); abbreviations alone likewise. Months must be
//!   capitalised.

use super::scan::{boundary, is_cap, lower, next_word, prev_word, skip_ws, small_int, word_end};
use super::{DocDate, Precision, Value};

/// Month number of a month word and whether it is an abbreviation (or
/// "May", which is also a verb).
pub(crate) fn month_word(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, true),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Weekday index (0 = Monday).
pub(crate) fn weekday_word(w: &str) -> Option<u32> {
    Some(match w {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        _ => return None,
    })
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

use crate::input::days_in_month;

fn valid_doc(d: DocDate) -> bool {
    (1..=12).contains(&d.month)
        && d.day >= 1
        && d.day <= days_in_month(d.year, d.month)
        && (-9999..=9999).contains(&d.year)
}

/// Pushes `v` as `format!("{v:0w$}")` writes it (a minus sign counts in the
/// width), without the formatting machinery: a date mention makes one such
/// string or more, and `format!` cost a thousand instructions each.
fn push_padded(s: &mut String, v: i64, w: usize) {
    if v < 0 {
        s.push('-');
    }
    crate::text::push_uint(s, v.unsigned_abs(), w.saturating_sub(usize::from(v < 0)));
}

/// "2019-03-06".
fn fmt_day(y: i32, m: u32, d: u32) -> String {
    let mut s = fmt_month(y, m);
    s.push('-');
    push_padded(&mut s, d.into(), 2);
    s
}

/// "2019-03".
fn fmt_month(y: impl Into<i64>, m: impl Into<i64>) -> String {
    let mut s = fmt_year(y);
    s.push('-');
    push_padded(&mut s, m.into(), 2);
    s
}

/// "2019-Q1".
fn fmt_quarter(y: impl Into<i64>, q: impl Into<i64>) -> String {
    let mut s = fmt_year(y);
    s.push_str("-Q");
    push_padded(&mut s, q.into(), 1);
    s
}

/// "2019", with room for the month and day that may follow.
fn fmt_year(y: impl Into<i64>) -> String {
    let mut s = String::with_capacity(10);
    push_padded(&mut s, y.into(), 4);
    s
}

fn shift_days(doc: DocDate, n: i64) -> String {
    let (y, m, d) = civil_from_days(days_from_civil(doc.year, doc.month, doc.day) + n);
    fmt_day(y, m, d)
}

fn shift_month(doc: DocDate, n: i32) -> String {
    let t = doc.year * 12 + doc.month as i32 - 1 + n;
    fmt_month(t.div_euclid(12), t.rem_euclid(12) + 1)
}

fn shift_quarter(doc: DocDate, n: i32) -> String {
    let t = doc.year * 4 + (doc.month as i32 - 1) / 3 + n;
    fmt_quarter(t.div_euclid(4), t.rem_euclid(4) + 1)
}

fn date(
    value: Option<String>,
    precision: Precision,
    qualifier: Option<&str>,
    relative: bool,
) -> Value {
    Value::Date {
        value,
        precision,
        qualifier: qualifier.map(str::to_string),
        relative,
    }
}

/// A year 1900–2099 written as exactly four digits at `i`: (year, end).
pub(crate) fn year_at(b: &[u8], i: usize) -> Option<(i32, usize)> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'$') {
        return None;
    }
    let (y, e) = small_int(b, i, 4)?;
    if e - i != 4 || !(1900..=2099).contains(&y) || !boundary(b, e) {
        return None;
    }
    if matches!(b.get(e), Some(b',' | b'.' | b'/' | b':'))
        && b.get(e + 1).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    Some((y as i32, e))
}

/// A day of month 1..=31 at `i` ("6", "6th"): (day, end).
fn day_at(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let (d, mut e) = small_int(b, i, 2)?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let we = word_end(b, e);
    if we > e {
        let mut buf = [0u8; 24];
        if matches!(lower(&b[e..we], &mut buf), "st" | "nd" | "rd" | "th") {
            e = we;
        } else {
            return None;
        }
    }
    if !boundary(b, e)
        || (matches!(b.get(e), Some(b',' | b'.' | b'/' | b':' | b'-'))
            && b.get(e + 1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    // "March 5 mln tonnes": not a day
    if let Some(x) = next_word(b, e) {
        let mut buf = [0u8; 24];
        let w = lower(&b[x.0..x.1], &mut buf);
        if super::number::scale_word(w, false).is_some()
            || matches!(w, "pct" | "percent" | "dlrs" | "dollars" | "per" | "to")
        {
            return None;
        }
    }
    Some((d, e))
}

/// A month word at `i` (capitalised): (month, abbreviated-or-May, end
/// including an abbreviation dot).
fn month_at(b: &[u8], i: usize) -> Option<(u32, bool, usize)> {
    if !is_cap(b, i) {
        return None;
    }
    let e = word_end(b, i);
    let mut buf = [0u8; 24];
    let (m, abbr) = month_word(lower(&b[i..e], &mut buf))?;
    if !boundary(b, e) {
        return None;
    }
    let end = if abbr && b.get(e) == Some(&b'.') && e - i <= 4 {
        e + 1
    } else {
        e
    };
    Some((m, abbr, end))
}

fn year_value(doc: Option<DocDate>) -> Option<i32> {
    doc.filter(|d| valid_doc(*d)).map(|d| d.year)
}

/// After a month word ending at `me`: day and/or year.
/// Returns (end, day, year).
fn month_tail(b: &[u8], me: usize) -> (usize, Option<u32>, Option<i32>) {
    let q = skip_ws(b, me);
    if q == me && b.get(me.wrapping_sub(1)) != Some(&b'.') {
        return (me, None, None);
    }
    if let Some((d, de)) = day_at(b, q) {
        // year after the day: "March 6, 2019" / "March 6 2019"
        let mut r = de;
        if b.get(r) == Some(&b',') {
            r += 1;
        }
        let r2 = skip_ws(b, r);
        if r2 > de || r > de {
            if let Some((y, ye)) = year_at(b, r2) {
                return (ye, Some(d), Some(y));
            }
        }
        return (de, Some(d), None);
    }
    let mut r = q;
    if b.get(me) == Some(&b',') {
        r = skip_ws(b, me + 1);
    }
    if let Some((y, ye)) = year_at(b, r) {
        return (ye, None, Some(y));
    }
    (me, None, None)
}

fn context_prep(b: &[u8], i: usize) -> bool {
    let mut buf = [0u8; 24];
    prev_word(b, i).is_some_and(|w| {
        matches!(
            lower(&b[w.0..w.1], &mut buf),
            "in" | "since"
                | "by"
                | "until"
                | "till"
                | "from"
                | "during"
                | "of"
                | "early"
                | "mid"
                | "late"
                | "last"
                | "next"
                | "this"
                | "before"
                | "after"
                | "through"
                | "to"
                | "on"
                | "end"
                | "between"
                | "and"
                | "for"
        )
    })
}

/// A date built from a month at `i`. `qual` is a qualifier already read.
fn month_date(
    b: &[u8],
    i: usize,
    doc: Option<DocDate>,
    qual: Option<&str>,
    need_context: bool,
) -> Option<(usize, Value)> {
    let (m, abbr, me) = month_at(b, i)?;
    let (end, day, year) = month_tail(b, me);
    match (day, year) {
        (Some(d), Some(y)) => {
            if d > days_in_month(y, m) {
                return None;
            }
            Some((
                end,
                date(Some(fmt_day(y, m, d)), Precision::Day, qual, false),
            ))
        }
        (None, Some(y)) => Some((
            end,
            date(Some(fmt_month(y, m)), Precision::Month, qual, false),
        )),
        (Some(d), None) => {
            let v = year_value(doc)
                .filter(|&y| d <= days_in_month(y, m))
                .map(|y| fmt_day(y, m, d));
            Some((end, date(v, Precision::Day, qual, true)))
        }
        (None, None) => {
            if (abbr || need_context) && qual.is_none() && !context_prep(b, i) {
                return None;
            }
            // "May" followed by a verb-like word: "May be"
            let v = year_value(doc).map(|y| fmt_month(y, m));
            Some((end, date(v, Precision::Month, qual, true)))
        }
    }
}

/// "first quarter [of] [fiscal] 2019", "first-quarter 1987".
/// `i` is at the ordinal word.
fn quarter_date(b: &[u8], i: usize, doc: Option<DocDate>) -> Option<(usize, Value)> {
    let oe = word_end(b, i);
    let mut buf = [0u8; 24];
    let q = ordinal_word(lower(&b[i..oe], &mut buf))?;
    let mut p = oe;
    if b.get(p) == Some(&b'-') {
        p += 1;
    } else {
        p = skip_ws(b, p);
        if p == oe {
            return None;
        }
    }
    let qe = word_end(b, p);
    if lower(&b[p..qe], &mut buf) != "quarter" || !boundary(b, qe) {
        return None;
    }
    // optional "of", "fiscal", "of fiscal", "of the fiscal year"? keep simple
    let mut r = qe;
    let probe = |r: usize, word: &str| -> Option<usize> {
        let x = next_word(b, r)?;
        let mut bb = [0u8; 24];
        (lower(&b[x.0..x.1], &mut bb) == word && x.0 > r).then_some(x.1)
    };
    if let Some(e) = probe(r, "of") {
        r = e;
    }
    if let Some(e) = probe(r, "fiscal") {
        r = e;
    }
    let ys = skip_ws(b, r);
    if ys > r {
        if let Some((y, ye)) = year_at(b, ys) {
            return Some((
                ye,
                date(Some(fmt_quarter(y, q)), Precision::Quarter, None, false),
            ));
        }
    }
    let v = year_value(doc).map(|y| fmt_quarter(y, q));
    Some((qe, date(v, Precision::Quarter, None, true)))
}

/// "Q1 2019", "Q3 of 2018": `i` at 'Q'.
pub(crate) fn q_date(b: &[u8], i: usize, doc: Option<DocDate>) -> Option<(usize, Value)> {
    if !matches!(b.get(i), Some(b'Q'))
        || !matches!(b.get(i + 1), Some(b'1'..=b'4'))
        || !boundary(b, i + 2)
    {
        return None;
    }
    let q = b[i + 1] - b'0';
    let mut r = i + 2;
    if let Some(x) = next_word(b, r) {
        let mut bb = [0u8; 24];
        if lower(&b[x.0..x.1], &mut bb) == "of" && x.0 > r {
            r = x.1;
        }
    }
    let ys = skip_ws(b, r);
    if ys > r {
        if let Some((y, ye)) = year_at(b, ys) {
            return Some((
                ye,
                date(Some(fmt_quarter(y, q)), Precision::Quarter, None, false),
            ));
        }
    }
    let v = year_value(doc).map(|y| fmt_quarter(y, q));
    Some((i + 2, date(v, Precision::Quarter, None, true)))
}

/// A date starting with the word at `i..we` (already known to start a word).
pub(crate) fn date_at_word(
    b: &[u8],
    i: usize,
    we: usize,
    doc: Option<DocDate>,
) -> Option<(usize, Value)> {
    let mut buf = [0u8; 24];
    let w = lower(&b[i..we], &mut buf);
    let docv = doc.filter(|d| valid_doc(*d));
    if month_word(w).is_some() {
        return month_date(b, i, doc, None, false);
    }
    if let Some(wd) = weekday_word(w) {
        if !is_cap(b, i) {
            return None;
        }
        // "Wednesday, March 6, 2019"
        let mut p = we;
        if b.get(p) == Some(&b',') {
            p += 1;
        }
        let ms = skip_ws(b, p);
        if ms > we {
            if let Some((e, v)) = month_date(b, ms, doc, None, false) {
                if matches!(
                    v,
                    Value::Date {
                        precision: Precision::Day,
                        ..
                    }
                ) {
                    return Some((e, v));
                }
            }
        }
        let v = docv.map(|d| {
            let today = days_from_civil(d.year, d.month, d.day);
            let dow = (today + 3).rem_euclid(7) as u32; // 1970-01-01 was a Thursday
            let back = (dow + 7 - wd) % 7;
            shift_days(d, -i64::from(back))
        });
        return Some((we, date(v, Precision::Day, None, true)));
    }
    match w {
        "yesterday" | "today" | "tomorrow" => {
            let n = match w {
                "yesterday" => -1,
                "today" => 0,
                _ => 1,
            };
            return Some((
                we,
                date(docv.map(|d| shift_days(d, n)), Precision::Day, None, true),
            ));
        }
        "last" | "next" | "this" => {
            let x = next_word(b, we)?;
            if x.0 == we {
                return None;
            }
            let mut b2 = [0u8; 24];
            let unit = lower(&b[x.0..x.1], &mut b2);
            let n: i32 = match w {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            let (v, p) = match unit {
                "week" => (
                    docv.map(|d| shift_days(d, 7 * i64::from(n))),
                    Precision::Day,
                ),
                "month" => (docv.map(|d| shift_month(d, n)), Precision::Month),
                "quarter" => (docv.map(|d| shift_quarter(d, n)), Precision::Quarter),
                "year" => (docv.map(|d| fmt_year(d.year + n)), Precision::Year),
                _ => return None,
            };
            if !boundary(b, x.1) {
                return None;
            }
            return Some((x.1, date(v, p, None, true)));
        }
        "early" | "mid" | "late" | "fiscal" => {
            let mut p = we;
            if b.get(p) == Some(&b'-') {
                p += 1;
            } else {
                p = skip_ws(b, p);
                if p == we {
                    return None;
                }
            }
            // "fiscal year 1987"
            if w == "fiscal" {
                let ye = word_end(b, p);
                if lower(&b[p..ye], &mut [0u8; 24]) == "year" {
                    let s = skip_ws(b, ye);
                    if s > ye && year_at(b, s).is_some() {
                        p = s;
                    }
                }
            }
            if let Some((y, ye)) = year_at(b, p) {
                let mut end = ye;
                // "fiscal 1987/88"
                if b.get(end) == Some(&b'/') {
                    if let Some((_, e2)) = small_int(b, end + 1, 4) {
                        end = e2;
                    }
                }
                return Some((
                    end,
                    date(Some(fmt_year(y)), Precision::Year, Some(w), false),
                ));
            }
            if w != "fiscal" {
                return month_date(b, p, doc, Some(w), false);
            }
            return None;
        }
        _ => {}
    }
    if ordinal_word(w).is_some() {
        return quarter_date(b, i, doc);
    }
    None
}

/// A date starting with the digits at `i`: "2019-03-06", "6 March 2019",
/// "26 Feb", a year, "1988 third quarter".
pub(crate) fn date_at_digits(b: &[u8], i: usize, doc: Option<DocDate>) -> Option<(usize, Value)> {
    // ISO 8601
    if let Some((y, ye)) = small_int(b, i, 4).filter(|(_, e)| e - i == 4) {
        if b.get(ye) == Some(&b'-') {
            if let Some((m, me)) = small_int(b, ye + 1, 2).filter(|(_, e)| e - ye == 3) {
                if b.get(me) == Some(&b'-') {
                    if let Some((d, de)) = small_int(b, me + 1, 2).filter(|(_, e)| e - me == 3) {
                        let y = y as i32;
                        if (1..=12).contains(&m)
                            && d >= 1
                            && d <= days_in_month(y, m)
                            && boundary(b, de)
                        {
                            return Some((
                                de,
                                date(Some(fmt_day(y, m, d)), Precision::Day, None, false),
                            ));
                        }
                    }
                }
            }
        }
    }
    // "6 March 2019", "26 Feb"
    if let Some((d, de)) = day_at(b, i) {
        let ms = skip_ws(b, de);
        if ms > de {
            if let Some((m, _abbr, me)) = month_at(b, ms) {
                let ys = skip_ws(b, me);
                if ys > me || b.get(me.wrapping_sub(1)) == Some(&b'.') {
                    if let Some((y, ye)) = year_at(b, ys) {
                        if d <= days_in_month(y, m) {
                            return Some((
                                ye,
                                date(Some(fmt_day(y, m, d)), Precision::Day, None, false),
                            ));
                        }
                        return None;
                    }
                }
                let v = year_value(doc)
                    .filter(|&y| d <= days_in_month(y, m))
                    .map(|y| fmt_day(y, m, d));
                return Some((me, date(v, Precision::Day, None, true)));
            }
        }
    }
    // a year
    let (y, ye) = year_at(b, i)?;
    // "1986/87", "1986-87": seasons, not emitted
    if matches!(b.get(ye), Some(b'/' | b'-')) && b.get(ye + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // "the 1988 third quarter"
    if let Some(x) = next_word(b, ye) {
        if x.0 > ye {
            let mut buf = [0u8; 24];
            if let Some(q) = ordinal_word(lower(&b[x.0..x.1], &mut buf)) {
                let mut p = x.1;
                if b.get(p) == Some(&b'-') {
                    p += 1;
                } else {
                    p = skip_ws(b, p);
                }
                let qe = word_end(b, p);
                if p > x.1 && lower(&b[p..qe], &mut buf) == "quarter" && boundary(b, qe) {
                    return Some((
                        qe,
                        date(Some(fmt_quarter(y, q)), Precision::Quarter, None, false),
                    ));
                }
            }
        }
    }
    Some((ye, date(Some(fmt_year(y)), Precision::Year, None, false)))
}

#[cfg(test)]
mod tests {
    use super::super::{recognize, Found};
    use super::*;

    proptest::proptest! {
        #[test]
        fn dates_are_written_as_format_writes_them(
            y in -20_000i32..20_000,
            m in 0u32..130,
            d in 0u32..40,
            t in -100_000i32..100_000,
        ) {
            proptest::prop_assert_eq!(fmt_day(y, m, d), format!("{y:04}-{m:02}-{d:02}"));
            proptest::prop_assert_eq!(fmt_month(y, m), format!("{y:04}-{m:02}"));
            proptest::prop_assert_eq!(fmt_quarter(y, m), format!("{y:04}-Q{m}"));
            proptest::prop_assert_eq!(fmt_year(t), format!("{t:04}"));
            proptest::prop_assert_eq!(
                fmt_month(t.div_euclid(12), t.rem_euclid(12) + 1),
                format!("{:04}-{:02}", t.div_euclid(12), t.rem_euclid(12) + 1)
            );
        }
    }

    #[test]
    fn dates_at_the_edges_of_their_widths() {
        assert_eq!(fmt_day(-5, 3, 6), "-005-03-06");
        assert_eq!(fmt_day(0, 0, 0), "0000-00-00");
        assert_eq!(fmt_year(12_345), "12345");
        assert_eq!(fmt_year(i32::MIN), format!("{:04}", i32::MIN));
        assert_eq!(fmt_quarter(987, 4), "0987-Q4");
    }

    fn dates(t: &str, doc: Option<DocDate>) -> Vec<(String, Value)> {
        recognize(t, doc)
            .into_iter()
            .filter(|f: &Found| matches!(f.value, Value::Date { .. }))
            .map(|f| (t[f.start..f.end].to_string(), f.value))
            .collect()
    }

    fn d(v: &str, p: Precision, q: Option<&str>, rel: bool) -> Value {
        date(Some(v.to_string()), p, q, rel)
    }

    const DOC: Option<DocDate> = Some(DocDate {
        year: 2019,
        month: 3,
        day: 8,
    }); // a Friday

    #[test]
    fn absolute() {
        assert_eq!(
            dates("in 2008 it", None),
            vec![("2008".into(), d("2008", Precision::Year, None, false))]
        );
        assert_eq!(
            dates("In April 2019, x", None)[0].1,
            d("2019-04", Precision::Month, None, false)
        );
        assert_eq!(
            dates("in Sept. 2018 x", None)[0],
            (
                "Sept. 2018".into(),
                d("2018-09", Precision::Month, None, false)
            )
        );
        assert_eq!(
            dates("in Sept 2018 x", None)[0].1,
            d("2018-09", Precision::Month, None, false)
        );
        assert_eq!(
            dates("on March 6, 2019.", None)[0],
            (
                "March 6, 2019".into(),
                d("2019-03-06", Precision::Day, None, false)
            )
        );
        assert_eq!(
            dates("on 6 March 2019.", None)[0].1,
            d("2019-03-06", Precision::Day, None, false)
        );
        assert_eq!(
            dates("on 2019-03-06.", None)[0].1,
            d("2019-03-06", Precision::Day, None, false)
        );
        assert_eq!(
            dates("province, Wednesday, March 6, 2019.", None)[0],
            (
                "Wednesday, March 6, 2019".into(),
                d("2019-03-06", Precision::Day, None, false)
            )
        );
        assert_eq!(
            dates("the first quarter of 2019", None)[0].1,
            d("2019-Q1", Precision::Quarter, None, false)
        );
        assert_eq!(
            dates("in Q1 2019", None)[0].1,
            d("2019-Q1", Precision::Quarter, None, false)
        );
        assert_eq!(
            dates("first-quarter 1987 net", None)[0].1,
            d("1987-Q1", Precision::Quarter, None, false)
        );
        assert_eq!(
            dates("in the 1988 third quarter", None)[0].1,
            d("1988-Q3", Precision::Quarter, None, false)
        );
    }

    #[test]
    fn qualified() {
        assert_eq!(
            dates("in early 2018", None)[0],
            (
                "early 2018".into(),
                d("2018", Precision::Year, Some("early"), false)
            )
        );
        assert_eq!(
            dates("by mid-2019 it", None)[0],
            (
                "mid-2019".into(),
                d("2019", Precision::Year, Some("mid"), false)
            )
        );
        assert_eq!(
            dates("late 2017", None)[0].1,
            d("2017", Precision::Year, Some("late"), false)
        );
        let f = dates("in fiscal 1987 the", None);
        assert_eq!(
            f[0],
            (
                "fiscal 1987".into(),
                d("1987", Precision::Year, Some("fiscal"), false)
            )
        );
    }

    #[test]
    fn relative() {
        assert_eq!(
            dates("said yesterday", DOC)[0].1,
            d("2019-03-07", Precision::Day, None, true)
        );
        assert_eq!(
            dates("said today", DOC)[0].1,
            d("2019-03-08", Precision::Day, None, true)
        );
        assert_eq!(
            dates("said on Tuesday", DOC)[0],
            (
                "Tuesday".into(),
                d("2019-03-05", Precision::Day, None, true)
            )
        );
        assert_eq!(
            dates("said on Friday", DOC)[0].1,
            d("2019-03-08", Precision::Day, None, true)
        );
        assert_eq!(
            dates("last month", DOC)[0].1,
            d("2019-02", Precision::Month, None, true)
        );
        assert_eq!(
            dates("last year", DOC)[0].1,
            d("2018", Precision::Year, None, true)
        );
        assert_eq!(
            dates("next year", DOC)[0].1,
            d("2020", Precision::Year, None, true)
        );
        assert_eq!(
            dates("this month", DOC)[0].1,
            d("2019-03", Precision::Month, None, true)
        );
        assert_eq!(
            dates("this year", DOC)[0].1,
            d("2019", Precision::Year, None, true)
        );
        assert_eq!(
            dates("last week", DOC)[0].1,
            d("2019-03-01", Precision::Day, None, true)
        );
        assert_eq!(
            dates("in March", DOC)[0].1,
            d("2019-03", Precision::Month, None, true)
        );
        assert_eq!(
            dates("in November", DOC)[0].1,
            d("2019-11", Precision::Month, None, true)
        );
        let none = dates("said yesterday", None);
        assert_eq!(
            none[0].1,
            Value::Date {
                value: None,
                precision: Precision::Day,
                qualifier: None,
                relative: true
            }
        );
        assert_eq!(
            dates("in March", None)[0].1,
            Value::Date {
                value: None,
                precision: Precision::Month,
                qualifier: None,
                relative: true
            }
        );
        assert_eq!(
            dates(
                "last month",
                Some(DocDate {
                    year: 2019,
                    month: 1,
                    day: 5
                })
            )[0]
            .1,
            d("2018-12", Precision::Month, None, true)
        );
    }

    #[test]
    fn may() {
        assert!(dates("It May be late. prices may be", None).is_empty());
        assert_eq!(
            dates("in May 2019", None)[0].1,
            d("2019-05", Precision::Month, None, false)
        );
        assert_eq!(
            dates("as of May, reports", DOC)[0].1,
            d("2019-05", Precision::Month, None, true)
        );
        assert_eq!(dates("in May.", None).len(), 1);
    }

    #[test]
    fn year_vs_quantity() {
        let f = recognize("in 2000 and 2,000 cameras", None);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].value, d("2000", Precision::Year, None, false));
        assert!(matches!(f[1].value, Value::Quantity { value, .. } if value == 2000.0));
        assert_eq!(
            dates("the 1987 budget", None)[0].1,
            d("1987", Precision::Year, None, false)
        );
        assert_eq!(dates("in 2013, 2008, and 2003", None).len(), 3);
        assert!(dates("the 1986/87 crop", None).is_empty());
    }

    #[test]
    fn civil() {
        for z in [-800_000i64, -1, 0, 1, 17_000, 18_000, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }
}
