//! Currency tables and the pieces around a number that make it money:
//! prefixes ("$", "US$", "c $", "EUR", "DM"), suffixes ("dlrs", "Canadian
//! dollars", "mln stg", "yen", "115USD"), percent signs and "a share".

use super::scan::{
    is_cap, lower, next_word, prev_word, skip_ws, skip_ws_back, word_end, word_start_back,
};

/// ISO code of a currency symbol starting at `i`: (byte length, iso).
pub(crate) fn symbol_at(b: &[u8], i: usize) -> Option<(usize, &'static str)> {
    match *b.get(i)? {
        b'$' => Some((1, "USD")),
        0xC2 => match b.get(i + 1)? {
            0xA3 => Some((2, "GBP")),
            0xA5 => Some((2, "JPY")),
            _ => None,
        },
        0xE2 if b.get(i + 1) == Some(&0x82) => {
            let iso = match b.get(i + 2)? {
                0xAC => "EUR",
                0xBD => "RUB",
                0xB9 => "INR",
                0xA1 => "CRC",
                0xAD => "LAK",
                0xA9 => "KRW",
                0xBA => "TRY",
                0xA6 => "NGN",
                0xB1 => "PHP",
                0xB4 => "UAH",
                0xAA => "ILS",
                0xB8 => "KZT",
                _ => return None,
            };
            Some((3, iso))
        }
        0xE0 if b.get(i + 1) == Some(&0xB8) && b.get(i + 2) == Some(&0xBF) => Some((3, "THB")),
        _ => None,
    }
}

/// A currency symbol ending at `end` (exclusive): (start, iso).
fn symbol_ending_at(b: &[u8], end: usize) -> Option<(usize, &'static str)> {
    for len in [1usize, 2, 3] {
        if end >= len {
            if let Some((l, iso)) = symbol_at(b, end - len) {
                if l == len {
                    return Some((end - len, iso));
                }
            }
        }
    }
    None
}

/// Upper-case ISO 4217 codes we accept (plus a few historic ones).
fn iso_upper(w: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "HKD", "SGD", "NZD", "KZT", "UZS",
        "KGS", "TJS", "TMT", "RUB", "INR", "IDR", "KRW", "MYR", "THB", "MXN", "BRL", "ZAR", "SEK",
        "NOK", "DKK", "PLN", "HUF", "CZK", "TRY", "TWD", "SAR", "AED", "ILS", "PHP", "ARS", "CLP",
        "COP", "PKR", "BDT", "VND", "EGP", "NGN", "KES", "DEM", "FRF", "ITL", "ESP", "NLG", "BEF",
        "ATS", "FIM", "GRD", "PTE", "IEP", "XEU", "KWD", "QAR", "OMR", "BHD", "JOD", "LKR", "UAH",
        "AZN", "GEL", "AMD", "BYN", "MNT", "LAK", "KHR", "MMK", "NPR", "IRR", "IQD", "PEN", "VEF",
        "VES", "UYU", "BOB", "PYG", "CRC", "GTQ", "DOP", "JMD", "TTD", "MAD", "DZD", "TND", "LYD",
        "GHS", "XOF", "XAF", "ETB", "TZS", "UGX", "ZMW", "BWP", "NAD", "MUR", "RON", "BGN", "HRK",
        "RSD", "ISK", "SDR", "XDR", "ECU",
    ];
    /// The codes by hash: upper-case words near numbers ("NET", "SHR",
    /// "REVS" in the results tables) are turned away without a scan.
    static CODE_SET: crate::text::WordSet = crate::text::WordSet::new(CODES);
    match w {
        "RMB" => Some("CNY"),
        "ECU" | "ECUS" => Some("XEU"),
        "SDR" => Some("XDR"),
        _ if CODE_SET.contains(w) => CODES.iter().find(|c| **c == w).copied(),
        _ => None,
    }
}

/// Lower-case codes accepted in lower case ("usd 200", "10 rmb").
fn iso_lower(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "cny" | "rmb" => "CNY",
        "cad" => "CAD",
        "aud" => "AUD",
        "hkd" => "HKD",
        "sgd" => "SGD",
        "nzd" => "NZD",
        "chf" => "CHF",
        "inr" => "INR",
        "krw" => "KRW",
        "sek" => "SEK",
        "nok" => "NOK",
        "dkk" => "DKK",
        "kzt" => "KZT",
        "rub" => "RUB",
        "mxn" => "MXN",
        "brl" => "BRL",
        "zar" => "ZAR",
        "uzs" => "UZS",
        "kgs" => "KGS",
        "tjs" => "TJS",
        _ => return None,
    })
}

/// A currency code as written (case-sensitive rules): iso.
pub(crate) fn code(w: &[u8]) -> Option<&'static str> {
    // Every code and abbreviation below has two to four letters; most words
    // asked about ("mln", "shares", "billion") are turned away here.
    if !(2..=4).contains(&w.len()) {
        return None;
    }
    let s = std::str::from_utf8(w).ok()?;
    if w.iter().all(u8::is_ascii_uppercase) {
        if let Some(c) = iso_upper(s) {
            return Some(c);
        }
    }
    if w.iter().all(u8::is_ascii_lowercase) {
        if let Some(c) = iso_lower(s) {
            return Some(c);
        }
    }
    // Common newswire abbreviations.
    Some(match s {
        "DM" | "DMK" | "Dmk" => "DEM",
        "Dfl" | "Dfls" | "DFL" | "Fl" | "fl" => "NLG",
        "FFr" | "Ffr" | "FF" | "FFR" => "FRF",
        "SFr" | "Sfr" | "SF" | "SFR" => "CHF",
        "BFr" | "Bfr" | "BFR" => "BEF",
        "Skr" | "SKr" => "SEK",
        "Nkr" | "NKr" => "NOK",
        "Dkr" | "DKr" => "DKK",
        "Lit" => "ITL",
        "Ptas" | "Pts" => "ESP",
        "Rs" => "INR",
        "Rp" => "IDR",
        "RM" => "MYR",
        "Stg" | "STG" | "stg" => "GBP",
        _ => return None,
    })
}

/// "MEUR", "MAUD": million units of an ISO code.
fn mega_code(w: &[u8]) -> Option<&'static str> {
    if w.len() == 4 && w[0] == b'M' && w.iter().all(u8::is_ascii_uppercase) {
        iso_upper(std::str::from_utf8(&w[1..]).ok()?)
    } else {
        None
    }
}

/// Letters glued before '$': "US$", "C$", "HK$", "cad$", "Mex$".
fn dollar_letters(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" => "USD",
        "c" | "can" | "cdn" => "CAD",
        "a" | "aus" => "AUD",
        "hk" => "HKD",
        "s" | "sg" => "SGD",
        "nz" => "NZD",
        "nt" => "TWD",
        "r" => "BRL",
        "mex" | "mx" => "MXN",
        "z" => "ZWD",
        "j" => "JMD",
        "b" | "bds" => "BBD",
        "t" => "TTD",
        _ => {
            let up = w.to_ascii_uppercase();
            return iso_upper(&up).filter(|c| c.ends_with('D') || *c == "MXN");
        }
    })
}

/// A currency written before the number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Prefix {
    pub start: usize,
    pub iso: &'static str,
    pub mult: f64,
    /// A word like "dollar": used only when no suffix unit follows.
    pub weak: bool,
}

/// Looks for a currency written before the number starting at `s`, not
/// reaching before `floor`.
pub(crate) fn prefix_back(b: &[u8], s: usize, floor: usize) -> Option<Prefix> {
    let k = skip_ws_back(b, s);
    if k <= floor {
        return None;
    }
    if let Some((st, mut iso)) = symbol_ending_at(b, k) {
        let mut start = st;
        if b[st] == b'$' {
            let ws = word_start_back(b, st);
            if ws < st {
                // glued letters: "US$", "C$", "Mex$"
                let mut buf = [0u8; 24];
                let w = lower(&b[ws..st], &mut buf);
                if ws == 0 || !b[ws - 1].is_ascii_alphanumeric() {
                    if let Some(c) = dollar_letters(w) {
                        iso = c;
                        start = ws;
                    }
                }
            } else if st >= 4 && &b[st - 4..st] == b"U.S." {
                start = st - 4;
            } else if let Some(pw) = prev_word(b, st) {
                // spaced: "c $ 16.4 million", "us $ 100", "hk $ 5"
                if pw.1 < st
                    && (pw.0 == 0 || !b[pw.0 - 1].is_ascii_alphanumeric() && b[pw.0 - 1] != b'\'')
                {
                    let mut buf = [0u8; 24];
                    let w = lower(&b[pw.0..pw.1], &mut buf);
                    let c = match w {
                        "us" => Some("USD"),
                        "c" => Some("CAD"),
                        "hk" => Some("HKD"),
                        "nz" => Some("NZD"),
                        _ => None,
                    };
                    if let Some(c) = c {
                        if pw.0 >= floor {
                            iso = c;
                            start = pw.0;
                        }
                    }
                }
            }
        }
        if start < floor {
            return None;
        }
        return Some(Prefix {
            start,
            iso,
            mult: 1.0,
            weak: false,
        });
    }
    // a wide gap is a table column ("DMK    112.85-87"); letters glued to
    // the number are a model or a code ("SF340", "A320"), not a currency
    if b[k - 1].is_ascii_alphabetic() && k < s && !super::scan::wide_gap(b, k, s, 3) {
        let ws = word_start_back(b, k);
        if ws < floor || (ws > 0 && (b[ws - 1].is_ascii_alphanumeric() || b[ws - 1] == b'-')) {
            return None;
        }
        let w = &b[ws..k];
        if let Some(iso) = code(w) {
            return Some(Prefix {
                start: ws,
                iso,
                mult: 1.0,
                weak: false,
            });
        }
        if let Some(iso) = mega_code(w) {
            return Some(Prefix {
                start: ws,
                iso,
                mult: 1e6,
                weak: false,
            });
        }
        if s == k + 1 && b[k] == b' ' {
            let mut buf = [0u8; 24];
            if matches!(lower(w, &mut buf), "dollar" | "dollars") {
                return Some(Prefix {
                    start: ws,
                    iso: "USD",
                    mult: 1.0,
                    weak: true,
                });
            }
        }
    }
    None
}

/// A currency written (forward) before a number, for the second half of a
/// range ("$30 million to $40 million"): (end, iso).
pub(crate) fn prefix_fwd(b: &[u8], i: usize) -> Option<(usize, &'static str)> {
    if let Some((l, iso)) = symbol_at(b, i) {
        return Some((i + l, iso));
    }
    let e = word_end(b, i);
    if e > i {
        if b.get(e) == Some(&b'$') {
            let mut buf = [0u8; 24];
            let iso = dollar_letters(lower(&b[i..e], &mut buf))?;
            return Some((e + 1, iso));
        }
        if let Some(iso) = code(&b[i..e]) {
            return Some((e, iso));
        }
    }
    None
}

/// Nationality adjectives naming a currency.
fn adjective(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" | "american" => "USD",
        "canadian" | "can" | "cdn" => "CAD",
        "australian" | "aust" | "austr" => "AUD",
        "hk" => "HKD",
        "singapore" | "sing" => "SGD",
        "nz" => "NZD",
        "taiwan" | "taiwanese" => "TWD",
        "mexican" => "MXN",
        "swiss" => "CHF",
        "french" => "FRF",
        "belgian" => "BEF",
        "luxembourg" => "LUF",
        "german" | "deutsche" => "DEM",
        "dutch" => "NLG",
        "italian" => "ITL",
        "spanish" => "ESP",
        "japanese" => "JPY",
        "chinese" => "CNY",
        "turkish" => "TRY",
        "indian" => "INR",
        "pakistani" => "PKR",
        "indonesian" => "IDR",
        "malaysian" => "MYR",
        "philippine" => "PHP",
        "argentine" | "argentinian" => "ARS",
        "chilean" => "CLP",
        "colombian" => "COP",
        "brazilian" => "BRL",
        "swedish" => "SEK",
        "norwegian" => "NOK",
        "danish" => "DKK",
        "irish" => "IEP",
        "egyptian" => "EGP",
        "saudi" => "SAR",
        "kuwaiti" => "KWD",
        "kazakh" | "kazakhstani" => "KZT",
        "uzbek" => "UZS",
        "kyrgyz" => "KGS",
        "tajik" => "TJS",
        "turkmen" => "TMT",
        "russian" | "soviet" => "RUB",
        "hungarian" => "HUF",
        "polish" => "PLN",
        "czech" => "CZK",
        "korean" => "KRW",
        "thai" => "THB",
        "israeli" => "ILS",
        "austrian" => "ATS",
        "finnish" => "FIM",
        "greek" => "GRD",
        "portuguese" => "PTE",
        "nigerian" => "NGN",
        "kenyan" => "KES",
        "jamaican" => "JMD",
        "zimbabwe" | "zimbabwean" => "ZWD",
        "jordanian" => "JOD",
        "iraqi" => "IQD",
        "bahraini" => "BHD",
        "vietnamese" => "VND",
        "venezuelan" => "VEB",
        "peruvian" => "PEN",
        "ecuadorean" | "ecuadorian" => "ECS",
        "lebanese" => "LBP",
        "sri" => "LKR",
        _ => return None,
    })
}

/// Two-word adjectives: first word, second word.
fn adjective2(w1: &str, w2: &str) -> Option<&'static str> {
    Some(match (w1, w2) {
        ("hong", "kong") => "HKD",
        ("new", "zealand") => "NZD",
        ("new", "taiwan") => "TWD",
        ("south", "african") => "ZAR",
        ("south", "korean") => "KRW",
        ("west", "german") => "DEM",
        ("sri", "lankan") => "LKR",
        ("saudi", "arabian") => "SAR",
        ("east", "caribbean") => "XCD",
        _ => return None,
    })
}

/// Currency nouns: (default iso, factor to major units, needs adjective).
fn noun(w: &str) -> Option<(&'static str, f64, bool)> {
    Some(match w {
        "dollars" | "dollar" | "dlrs" | "dlr" | "dls" | "dols" => ("USD", 1.0, false),
        "cents" | "cent" | "cts" | "ct" => ("USD", 0.01, false),
        "euros" | "euro" => ("EUR", 1.0, false),
        "pounds" | "pound" | "sterling" | "stg" => ("GBP", 1.0, false),
        "pence" | "penny" | "pennies" => ("GBP", 0.01, false),
        "yen" => ("JPY", 1.0, false),
        "yuan" | "renminbi" => ("CNY", 1.0, false),
        "roubles" | "rubles" | "rouble" | "ruble" => ("RUB", 1.0, false),
        "tenge" => ("KZT", 1.0, false),
        "som" | "soms" => ("KGS", 1.0, false),
        "somoni" => ("TJS", 1.0, false),
        "sum" | "sums" => ("UZS", 1.0, false),
        "manat" | "manats" => ("TMT", 1.0, false),
        "rupees" | "rupee" => ("INR", 1.0, false),
        "rupiah" | "rupiahs" => ("IDR", 1.0, false),
        "francs" | "franc" => ("FRF", 1.0, false),
        "marks" | "deutschemarks" | "deutschmarks" => ("DEM", 1.0, false),
        "mark" => ("DEM", 1.0, true),
        "guilders" | "guilder" => ("NLG", 1.0, false),
        "lire" | "lira" | "liras" => ("ITL", 1.0, false),
        "pesetas" | "peseta" => ("ESP", 1.0, false),
        "won" => ("KRW", 1.0, false),
        "ringgit" | "ringgits" => ("MYR", 1.0, false),
        "baht" => ("THB", 1.0, false),
        "pesos" | "peso" => ("MXN", 1.0, false),
        "rand" => ("ZAR", 1.0, false),
        "reais" => ("BRL", 1.0, false),
        "real" => ("BRL", 1.0, true),
        "cruzados" | "cruzado" => ("BRC", 1.0, false),
        "australs" | "austral" => ("ARA", 1.0, false),
        "schillings" | "schilling" => ("ATS", 1.0, false),
        "shillings" | "shilling" => ("KES", 1.0, true),
        "kronor" | "krona" => ("SEK", 1.0, false),
        "kroner" | "krone" => ("DKK", 1.0, false),
        "crowns" | "crown" => ("SEK", 1.0, true),
        "drachmas" | "drachma" | "drachmae" => ("GRD", 1.0, false),
        "escudos" | "escudo" => ("PTE", 1.0, false),
        "punts" | "punt" => ("IEP", 1.0, true),
        "shekels" | "shekel" => ("ILS", 1.0, false),
        "riyals" | "riyal" => ("SAR", 1.0, false),
        "dirhams" | "dirham" => ("AED", 1.0, false),
        "dinars" | "dinar" => ("KWD", 1.0, true),
        "zlotys" | "zloty" | "zlotych" => ("PLN", 1.0, false),
        "forints" | "forint" => ("HUF", 1.0, false),
        "korunas" | "koruna" => ("CZK", 1.0, false),
        "kip" => ("LAK", 1.0, false),
        "dong" => ("VND", 1.0, true),
        "naira" => ("NGN", 1.0, false),
        "ecus" | "ecu" => ("XEU", 1.0, false),
        "markkaa" | "markka" => ("FIM", 1.0, false),
        "kwacha" => ("ZMK", 1.0, false),
        _ => return None,
    })
}

/// A currency written after the number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Suffix {
    pub end: usize,
    pub iso: &'static str,
    /// Factor to major units (0.01 for cents and pence).
    pub factor: f64,
    /// A multiplier carried by the unit itself ("MEUR").
    pub mult: f64,
    /// A major-unit word or code (a cents trailer may follow).
    pub major: bool,
}

/// Reads "U.S." / "u.s." at `i`: end.
fn us_dots(b: &[u8], i: usize) -> Option<usize> {
    let s = b.get(i..i + 4)?;
    if s.eq_ignore_ascii_case(b"u.s.") {
        Some(i + 4)
    } else {
        None
    }
}

/// Looks for a currency right after a number (or its scale) ending at `p`.
pub(crate) fn suffix_at(b: &[u8], p: usize) -> Option<Suffix> {
    let mut buf = [0u8; 24];
    // glued code: "115USD", "120 MEUR", "470p"
    let q = skip_ws(b, p);
    // a wide gap is a table column: "22.03-18         yen" heads the next
    // row
    if super::scan::wide_gap(b, p, q, 5) {
        return None;
    }
    // symbols: "10 $", "100 ₡" (but "1987 $5 million": the symbol belongs
    // to the next number unless that number is followed by a symbol too)
    if let Some((l, iso)) = symbol_at(b, q) {
        let r = skip_ws(b, q + l);
        if b.get(r).is_some_and(u8::is_ascii_digit) {
            let mut e = r;
            while e < b.len() && (b[e].is_ascii_digit() || b[e] == b',' || b[e] == b'.') {
                e += 1;
            }
            let f = skip_ws(b, e);
            symbol_at(b, f)?;
        }
        if b[q] == b'$' && b.get(q + 1).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        return Some(Suffix {
            end: q + l,
            iso,
            factor: 1.0,
            mult: 1.0,
            major: true,
        });
    }
    // separator: nothing (codes only), whitespace, or a hyphen ("25-dlr")
    let glued = q == p;
    let mut q = q;
    if glued && b.get(p) == Some(&b'-') && b.get(p + 1).is_some_and(u8::is_ascii_alphabetic) {
        q = p + 1;
    }
    let hyph = q == p + 1 && b.get(p) == Some(&b'-');
    let e = word_end(b, q);
    if e == q {
        return None;
    }
    if b.get(e).is_some_and(u8::is_ascii_digit) && !glued {
        return None;
    }
    let w = &b[q..e];
    if glued && !hyph {
        if let Some(iso) = code(w).filter(|_| w.len() == 3) {
            return Some(Suffix {
                end: e,
                iso,
                factor: 1.0,
                mult: 1.0,
                major: true,
            });
        }
        if w == b"p" && super::scan::boundary(b, e) {
            return Some(Suffix {
                end: e,
                iso: "GBP",
                factor: 0.01,
                mult: 1.0,
                major: false,
            });
        }
        return None;
    }
    if let Some(iso) = code(w) {
        if w != b"fl" && w != b"Fl" {
            return Some(Suffix {
                end: e,
                iso,
                factor: 1.0,
                mult: 1.0,
                major: true,
            });
        }
    }
    if let Some(iso) = mega_code(w) {
        return Some(Suffix {
            end: e,
            iso,
            factor: 1.0,
            mult: 1e6,
            major: true,
        });
    }
    // adjective ("Canadian dlrs", "U.S. dollars", "Hong Kong dollars")
    let mut adj: Option<&'static str> = None;
    let mut n_at = q;
    if let Some(ue) = us_dots(b, q) {
        adj = Some("USD");
        n_at = ue;
    } else {
        let lw = lower(w, &mut buf);
        if let Some(a) = adjective(lw) {
            adj = Some(a);
            n_at = e;
        }
        if let Some(w2) = next_word(b, e) {
            let mut b2 = [0u8; 24];
            let lw2 = lower(&b[w2.0..w2.1], &mut b2);
            if let Some(a) = adjective2(lw, lw2) {
                adj = Some(a);
                n_at = w2.1;
            }
        }
    }
    let (ns, ne) = if adj.is_some() {
        let nw = next_word(b, n_at)?;
        if nw.0 == n_at {
            return None;
        }
        nw
    } else {
        (q, e)
    };
    let nl = lower(&b[ns..ne], &mut buf);
    let (iso, factor, needs_adj) = noun(nl)?;
    if needs_adj && adj.is_none() {
        return None;
    }
    // "pounds of cotton": weight, not money
    if nl.starts_with("pound") && adj.is_none() {
        if let Some(x) = next_word(b, ne) {
            let mut b3 = [0u8; 24];
            if lower(&b[x.0..x.1], &mut b3) == "of" {
                return None;
            }
        }
    }
    // "sum" (Uzbek) only right after the number, never capitalised words
    if is_cap(b, ns)
        && adj.is_none()
        && !b[ns..ne].iter().all(u8::is_ascii_uppercase)
        && nl == "sum"
    {
        return None;
    }
    let mut end = ne;
    // "pounds sterling"
    if nl.starts_with("pound") {
        if let Some(x) = next_word(b, ne) {
            let mut b3 = [0u8; 24];
            if lower(&b[x.0..x.1], &mut b3) == "sterling" {
                end = x.1;
            }
        }
    }
    Some(Suffix {
        end,
        iso: adj.unwrap_or(iso),
        factor,
        mult: 1.0,
        major: factor == 1.0,
    })
}

/// "%", "percent", "per cent", "pct", "-percent": end.
pub(crate) fn percent_at(b: &[u8], p: usize) -> Option<usize> {
    let mut q = skip_ws(b, p);
    if b.get(q) == Some(&b'%') {
        return Some(q + 1);
    }
    if q == p && b.get(p) == Some(&b'-') {
        q = p + 1;
    } else if q == p {
        return None;
    }
    let e = word_end(b, q);
    let mut buf = [0u8; 24];
    match lower(&b[q..e], &mut buf) {
        "percent" | "pct" => Some(e),
        "per" => {
            let r = if b.get(e) == Some(&b'-') {
                e + 1
            } else {
                skip_ws(b, e)
            };
            let e2 = word_end(b, r);
            if r > e && lower(&b[r..e2], &mut buf) == "cent" {
                Some(e2)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// "a share", "per share", "-a-share", " - a - share", "per tonne":
/// the unit.
pub(crate) fn per_at(b: &[u8], p: usize) -> Option<String> {
    let sep = |i: usize| {
        let s = skip_ws(b, i);
        if b.get(s) == Some(&b'-') {
            skip_ws(b, s + 1)
        } else {
            s
        }
    };
    let q = sep(p);
    if q == p {
        return None;
    }
    let e = word_end(b, q);
    let mut buf = [0u8; 24];
    let w = lower(&b[q..e], &mut buf);
    let any = match w {
        "per" => true,
        "a" | "an" => false,
        _ => return None,
    };
    let r = sep(e);
    if r == e {
        return None;
    }
    let e2 = word_end(b, r);
    if e2 == r || !super::scan::boundary(b, e2) {
        return None;
    }
    let unit = lower(&b[r..e2], &mut buf);
    // a word too long for the buffer lowers to "": no unit
    if unit.is_empty() {
        return None;
    }
    let known = matches!(
        unit,
        "share"
            | "shares"
            | "tonne"
            | "ton"
            | "barrel"
            | "ounce"
            | "gallon"
            | "bushel"
            | "kilo"
            | "unit"
            | "head"
            | "lb"
            | "pound"
            | "year"
            | "month"
            | "week"
            | "day"
            | "hour"
            | "piece"
            | "car"
            | "seat"
            | "warrant"
            | "unitholder"
    );
    // "89.3 mln dlrs a year ago", "a year-earlier": a time, not a rate
    if matches!(
        unit,
        "year" | "month" | "week" | "day" | "hour" | "quarter" | "decade"
    ) {
        let t = sep(e2);
        let te = word_end(b, t);
        let mut b2 = [0u8; 24];
        if t > e2
            && matches!(
                lower(&b[t..te], &mut b2),
                "ago" | "earlier" | "before" | "previously" | "later" | "after" | "back" | "prior"
            )
        {
            return None;
        }
    }
    if known || (any && unit != "cent" && b[r].is_ascii_lowercase()) {
        Some(unit.to_string())
    } else {
        None
    }
}

/// A cents trailer after a major currency unit: "dollars and forty-five
/// cents", "dollars 50.", "USD 25", "USD 50 more": (end, amount in major
/// units).
pub(crate) fn cents_trailer(b: &[u8], p: usize) -> Option<(usize, f64)> {
    let mut buf = [0u8; 24];
    let mut q = skip_ws(b, p);
    if q == p {
        return None;
    }
    let e = word_end(b, q);
    if lower(&b[q..e], &mut buf) == "and" {
        q = skip_ws(b, e);
        if q == e {
            return None;
        }
    }
    let (v, ne) = if b.get(q).is_some_and(u8::is_ascii_digit) {
        let (v, ne) = super::scan::small_int(b, q, 2)?;
        if !super::scan::boundary(b, ne)
            || matches!(b.get(ne), Some(b'.' | b',' | b'/') if b.get(ne + 1).is_some_and(u8::is_ascii_digit))
        {
            return None;
        }
        (f64::from(v), ne)
    } else if b.get(q).is_some_and(u8::is_ascii_alphabetic) {
        let we = word_end(b, q);
        super::number::small_word(lower(&b[q..we], &mut buf))?;
        let n = super::number::words_at(b, q, super::number::Mode::Strict)?;
        if n.scaled || n.value >= 100.0 || n.value.fract() != 0.0 {
            return None;
        }
        (n.value, n.end)
    } else {
        return None;
    };
    if v < 1.0 {
        return None;
    }
    // "cents"?
    if let Some(x) = next_word(b, ne) {
        let w = lower(&b[x.0..x.1], &mut buf);
        if matches!(w, "cents" | "cent" | "cts") && x.0 > ne {
            return Some((x.1, v / 100.0));
        }
        if w == "more" && x.0 > ne {
            return Some((ne, v / 100.0));
        }
    }
    let r = skip_ws(b, ne);
    if r >= b.len() || matches!(b[r], b'.' | b',' | b';' | b':' | b'!' | b'?' | b')') {
        return Some((ne, v / 100.0));
    }
    None
}

/// Hedge words before an amount ("about", "more than", "an estimated").
pub(crate) fn hedged(b: &[u8], start: usize) -> bool {
    let Some(w1) = prev_word(b, start) else {
        return false;
    };
    let mut buf = [0u8; 24];
    let l1 = lower(&b[w1.0..w1.1], &mut buf);
    if matches!(
        l1,
        "about"
            | "around"
            | "some"
            | "nearly"
            | "almost"
            | "over"
            | "roughly"
            | "approximately"
            | "approx"
            | "estimated"
            | "under"
            | "below"
            | "above"
            | "circa"
            | "ca"
            | "approaching"
            | "toward"
            | "towards"
            | "maybe"
            | "perhaps"
            | "possibly"
    ) {
        return true;
    }
    let Some(w2) = prev_word(b, w1.0) else {
        return false;
    };
    let mut b2 = [0u8; 24];
    let l2 = lower(&b[w2.0..w2.1], &mut b2);
    matches!(
        (l2, l1),
        (
            "more" | "less" | "fewer" | "greater" | "higher" | "lower",
            "than"
        ) | ("up" | "close", "to")
            | ("at", "least" | "most")
            | ("much" | "many", "as")
            | ("in", "excess")
    ) || (l1 == "of" && l2 == "excess")
}

/// True when the word before `start` is "between".
pub(crate) fn after_between(b: &[u8], start: usize) -> bool {
    let mut buf = [0u8; 24];
    prev_word(b, start).is_some_and(|w| lower(&b[w.0..w.1], &mut buf) == "between")
}
