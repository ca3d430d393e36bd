//! Small byte-level scanning helpers shared by the recognizers.
//!
//! All positions are byte offsets. Helpers only ever step over ASCII bytes or
//! over complete multi-byte whitespace characters, so every position they
//! return is on a char boundary when the input position was.

/// Length in bytes of the whitespace character at `i` (ASCII whitespace,
/// U+00A0 no-break space, U+2009 thin space, U+202F narrow no-break space),
/// or 0 when there is none.
#[inline]
pub(crate) fn ws_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x89 | 0xAF)) => 3,
        _ => 0,
    }
}

/// Skips whitespace forward from `i`.
#[inline]
pub(crate) fn skip_ws(b: &[u8], mut i: usize) -> usize {
    loop {
        let l = ws_len(b, i);
        if l == 0 {
            return i;
        }
        i += l;
    }
}

/// True when the whitespace `b[p..q]` looks like a gap between table
/// columns or rows: at least `min` bytes on one line, or a new line that
/// starts indented.
#[inline]
pub(crate) fn wide_gap(b: &[u8], p: usize, q: usize, min: usize) -> bool {
    match b[p..q].iter().rposition(|&c| c == b'\n') {
        Some(nl) => q - (p + nl + 1) >= 2,
        None => q - p >= min,
    }
}

/// Skips whitespace backward from `i` (exclusive end); returns the new end.
#[inline]
pub(crate) fn skip_ws_back(b: &[u8], mut i: usize) -> usize {
    while i > 0 {
        let c = b[i - 1];
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            i -= 1;
        } else if c == 0xA0 && i >= 2 && b[i - 2] == 0xC2 {
            i -= 2;
        } else if matches!(c, 0x89 | 0xAF) && i >= 3 && b[i - 3] == 0xE2 && b[i - 2] == 0x80 {
            i -= 3;
        } else {
            break;
        }
    }
    i
}

/// End of the run of ASCII letters starting at `i`.
///
/// Eight bytes at a time where eight follow: the recognizers' scan passes
/// over every word of a text by this, and a byte at a time it was a fifth
/// of their cost.
#[inline]
pub(crate) fn word_end(b: &[u8], mut i: usize) -> usize {
    while let Some(w) = b.get(i..i + 8) {
        let stop = non_letters(u64::from_le_bytes(w.try_into().expect("eight bytes")));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// The high bit of each byte of `x` (little-endian) that is not an ASCII
/// letter. Lower-cased by one OR (exact on letters, and no other byte
/// becomes one), a byte is a letter when it is at least `a` and below `{`:
/// two additions that set each byte's high bit, with no carry into the
/// next byte since the high bits were cleared first.
#[inline]
fn non_letters(x: u64) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    const fn each(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    let l = (x & LO7) | each(0x20);
    let letter = (l + each(0x80 - b'a')) & !(l + each(0x80 - b'z' - 1));
    !(letter & !x) & HI
}

/// Start of the run of ASCII letters ending at `end` (exclusive).
#[inline]
pub(crate) fn word_start_back(b: &[u8], mut end: usize) -> usize {
    while end > 0 && b[end - 1].is_ascii_alphabetic() {
        end -= 1;
    }
    end
}

/// End of the run of ASCII alphanumerics starting at `i`.
#[inline]
pub(crate) fn alnum_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// Lower-cases an ASCII word into `buf`; returns "" when it does not fit
/// (or is not whole UTF-8).
///
/// The recognizers ask this of nearly every word near a number, so the
/// bytes are checked for ASCII as they are copied, and only other words
/// go through `from_utf8` (whose call costs more than the copy).
#[inline]
pub(crate) fn lower<'a>(w: &[u8], buf: &'a mut [u8; 24]) -> &'a str {
    if w.len() > buf.len() {
        return "";
    }
    let mut high = 0u8;
    for (d, s) in buf.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
        high |= *s;
    }
    let out = &buf[..w.len()];
    if high < 0x80 {
        // SAFETY: every byte of `out` is ASCII, so it is valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(out) }
    } else {
        std::str::from_utf8(out).unwrap_or("")
    }
}

/// The ASCII word starting at `i` after optional whitespace: (start, end).
#[inline]
pub(crate) fn next_word(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let s = skip_ws(b, i);
    let e = word_end(b, s);
    if e > s && (s == 0 || !b[s - 1].is_ascii_alphanumeric() || s == i) {
        Some((s, e))
    } else {
        None
    }
}

/// The ASCII word ending before `i` (after skipping whitespace back).
#[inline]
pub(crate) fn prev_word(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let e = skip_ws_back(b, i);
    let s = word_start_back(b, e);
    if s < e {
        Some((s, e))
    } else {
        None
    }
}

/// True when the letter at `i` is upper case.
#[inline]
pub(crate) fn is_cap(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c.is_ascii_uppercase())
}

/// True when `i` is the end of a token: end of text or a byte that is not an
/// ASCII alphanumeric.
#[inline]
pub(crate) fn boundary(b: &[u8], i: usize) -> bool {
    i >= b.len() || !b[i].is_ascii_alphanumeric()
}

/// Parses a run of 1..=max ASCII digits at `i` that is not followed by a
/// further digit: returns (value, end).
#[inline]
pub(crate) fn small_int(b: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut p = i;
    let mut v: u32 = 0;
    while p < b.len() && b[p].is_ascii_digit() {
        if p - i >= max {
            return None;
        }
        v = v * 10 + u32::from(b[p] - b'0');
        p += 1;
    }
    if p == i {
        None
    } else {
        Some((v, p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The eight-at-a-time end is the byte-at-a-time one, for any bytes
        /// from any start (mostly letters and the bytes on either side of
        /// theirs, and letters with the high bit set, so that runs are long
        /// and every edge is tried).
        #[test]
        fn word_end_is_the_end_of_the_letters(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    3 => proptest::sample::select(
                        b"azAZm@[`{ 09\xc1\xe1\xda\xfa\x80\xff".to_vec()
                    ),
                    1 => proptest::num::u8::ANY,
                ],
                0..40,
            ),
            start in 0usize..40,
        ) {
            let start = start.min(bytes.len());
            let mut want = start;
            while want < bytes.len() && bytes[want].is_ascii_alphabetic() {
                want += 1;
            }
            proptest::prop_assert_eq!(word_end(&bytes, start), want);
        }
    }
}
