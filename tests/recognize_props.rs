//! Property tests: `recognize` never panics, and its output is well formed,
//! on arbitrary text and on text built from its own vocabulary.

use dealtrace::recognize::{parse_number, recognize, DocDate, Found, Value};
use proptest::prelude::*;

fn well_formed(text: &str, found: &[Found]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for f in found {
        prop_assert!(f.start < f.end, "empty span {f:?}");
        prop_assert!(f.end <= text.len());
        prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        prop_assert!(f.start >= last_end, "overlap or unsorted at {f:?}");
        last_end = f.end;
        match &f.value {
            Value::Money {
                value,
                value_max,
                currency,
                ..
            } => {
                prop_assert!(value.is_finite() && value_max.is_none_or(f64::is_finite));
                prop_assert_eq!(currency.len(), 3);
            }
            Value::Percent {
                value, value_max, ..
            } => {
                prop_assert!(value.is_finite() && value_max.is_none_or(f64::is_finite));
            }
            Value::Quantity { value, unit, .. } => {
                prop_assert!(value.is_finite());
                prop_assert!(!unit.is_empty());
            }
            Value::Date { .. } => {}
        }
    }
    Ok(())
}

const VOCAB: &[&str] = &[
    "0",
    "1",
    "7",
    "12",
    "30",
    "1987",
    "2019",
    "2,000",
    "1.250.000",
    "1,250,000",
    "9.9",
    "7-7/8",
    "1/2",
    ".",
    ",",
    "-",
    "/",
    ":",
    "%",
    "$",
    "US$",
    "C$",
    "HK$",
    "€",
    "£",
    "¥",
    "₽",
    "₹",
    "USD",
    "RMB",
    "KZT",
    "c",
    "us",
    "dlrs",
    "dollars",
    "Canadian",
    "Hong",
    "Kong",
    "U.S.",
    "yen",
    "stg",
    "pounds",
    "sterling",
    "cents",
    "pct",
    "percent",
    "per",
    "cent",
    "a",
    "share",
    "mln",
    "bn",
    "m",
    "k",
    "million",
    "billion",
    "thousand",
    "hundred",
    "and",
    "to",
    "between",
    "about",
    "more",
    "than",
    "two",
    "twenty-one",
    "half",
    "quarter",
    "quarters",
    "point",
    "one",
    "May",
    "March",
    "Sept.",
    "Wednesday",
    "yesterday",
    "last",
    "next",
    "this",
    "month",
    "year",
    "week",
    "first",
    "fourth",
    "Q1",
    "mid",
    "early",
    "fiscal",
    "in",
    "cameras",
    "foreign",
    "governments",
    "the",
    " ",
    "  ",
    "\n",
    "\u{a0}",
    "\u{202f}",
    "é",
    "日本",
];

fn vocab_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(VOCAB),
            prop::sample::select(&["", " ", " ", "\n", "-"][..]),
        ),
        0..40,
    )
    .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

const DOC: DocDate = DocDate {
    year: 1987,
    month: 3,
    day: 1,
};

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        well_formed(&text, &recognize(&text, None))?;
        well_formed(&text, &recognize(&text, Some(DOC)))?;
        for (s, e, v) in parse_number(&text) {
            prop_assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) && v.is_finite());
        }
    }

    #[test]
    fn vocabulary(text in vocab_text()) {
        well_formed(&text, &recognize(&text, None))?;
        well_formed(&text, &recognize(&text, Some(DOC)))?;
        for (s, e, v) in parse_number(&text) {
            prop_assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) && v.is_finite());
        }
    }

    /// Cents are built with one division: "47 cts" is exactly 47 / 100,
    /// not 47 * 0.01 = 0.47000000000000003.
    #[test]
    fn cents_exact(n in 0u64..10_000_000) {
        let text = format!("a dividend of {n} cts a share");
        let found = recognize(&text, None);
        prop_assert_eq!(found.len(), 1);
        match &found[0].value {
            Value::Money { value, .. } => prop_assert_eq!(*value, n as f64 / 100.0),
            v => prop_assert!(false, "not money: {:?}", v),
        }
    }

    /// Decimals with a scale are the double nearest to the decimal written.
    #[test]
    fn decimals_exact(int in 0u64..100_000, frac in 0u64..1000, scale in 0usize..3) {
        let (word, exp) = [("", 0), (" mln", 6), (" billion", 9)][scale];
        let text = format!("sales of {int}.{frac:03}{word} dlrs");
        let found = recognize(&text, None);
        prop_assert_eq!(found.len(), 1);
        let want: f64 = format!("{int}.{frac:03}e{exp}").parse().unwrap();
        match &found[0].value {
            Value::Money { value, .. } => prop_assert_eq!(*value, want, "{}", text),
            v => prop_assert!(false, "not money: {:?}", v),
        }
    }

    #[test]
    fn odd_doc_dates(text in vocab_text(), y in -20000i32..20000, m in 0u32..15, d in 0u32..40) {
        well_formed(&text, &recognize(&text, Some(DocDate { year: y, month: m, day: d })))?;
    }
}
