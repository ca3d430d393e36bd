//! Every amount, percent, count and date of the seed article
//! (huawei-central-asia): first on paraphrased sentences containing the
//! same expressions (no shared data needed), then, when `DEALTRACE_SHARED`
//! is set, on the article itself.

use dealtrace::recognize::{recognize, DocDate, Precision, Value};

fn money(v: f64) -> Value {
    Value::Money {
        value: v,
        value_max: None,
        currency: "USD".into(),
        approximate: false,
        per: None,
    }
}
fn pct(v: f64) -> Value {
    Value::Percent {
        value: v,
        value_max: None,
        approximate: false,
    }
}
fn qty(v: f64, approx: bool, unit: &str) -> Value {
    Value::Quantity {
        value: v,
        approximate: approx,
        unit: unit.into(),
    }
}
fn date(v: &str, p: Precision) -> Value {
    Value::Date {
        value: Some(v.into()),
        precision: p,
        qualifier: None,
        relative: false,
    }
}
fn year(v: &str) -> Value {
    date(v, Precision::Year)
}
fn month(v: &str) -> Value {
    date(v, Precision::Month)
}

fn found(text: &str, doc: Option<DocDate>) -> Vec<(String, Value)> {
    recognize(text, doc)
        .into_iter()
        .map(|f| (text[f.start..f.end].to_string(), f.value))
        .collect()
}

fn check(text: &str, doc: Option<DocDate>, expected: &[(&str, Value)]) {
    let got = found(text, doc);
    let exp: Vec<(String, Value)> = expected
        .iter()
        .map(|(s, v)| (s.to_string(), v.clone()))
        .collect();
    if got != exp {
        let mut msg = format!("text: {text:?}\n");
        for (i, (g, e)) in got
            .iter()
            .map(Some)
            .chain(std::iter::repeat(None))
            .zip(exp.iter().map(Some).chain(std::iter::repeat(None)))
            .take(got.len().max(exp.len()))
            .enumerate()
        {
            let mark = if g == e { " " } else { "!" };
            msg.push_str(&format!("{mark} {i}: got {g:?}\n       exp {e:?}\n"));
        }
        panic!("{msg}");
    }
}

#[test]
fn paraphrased_sentences() {
    check(
        "The photo was taken in the company showroom on Wednesday, March 6, 2019.",
        None,
        &[(
            "Wednesday, March 6, 2019",
            date("2019-03-06", Precision::Day),
        )],
    );
    check(
        "In April 2019 the vendor signed a $1 billion contract with the government.",
        None,
        &[("April 2019", month("2019-04")), ("$1 billion", money(1e9))],
    );
    check(
        "Since 2014, about 500 towns have started such programmes.",
        None,
        &[
            ("2014", year("2014")),
            ("500 towns", qty(500.0, true, "towns")),
        ],
    );
    check(
        "The capital already has some 883 cameras, and another city has over 2,000 cameras.",
        None,
        &[
            ("883 cameras", qty(883.0, true, "cameras")),
            ("2,000 cameras", qty(2000.0, true, "cameras")),
        ],
    );
    check(
        "Back in 2008 the network was upgraded for $21 million; in 2011 a $18 million deal followed.",
        None,
        &[("2008", year("2008")), ("$21 million", money(21e6)), ("2011", year("2011")), ("$18 million", money(18e6))],
    );
    check(
        "The ministry spent $22 million on the system in 2013, and over 800 Chinese cameras now watch the squares.",
        None,
        &[("$22 million", money(22e6)), ("2013", year("2013")), ("800 Chinese cameras", qty(800.0, true, "cameras"))],
    );
    check(
        "With shares of 90 percent and 70 percent, the firm dominates both operators.",
        None,
        &[("90 percent", pct(90.0)), ("70 percent", pct(70.0))],
    );
    check(
        "In March 2018 a $60 million offer was rejected. At $34 million, a rival won the work in September 2018.",
        None,
        &[
            ("March 2018", month("2018-03")),
            ("$60 million", money(60e6)),
            ("$34 million", money(34e6)),
            ("September 2018", month("2018-09")),
        ],
    );
    check(
        "By July 2019 the cameras were sorting pedestrians; a May 2019 meeting had praised them.",
        None,
        &[
            ("July 2019", month("2019-07")),
            ("May 2019", month("2019-05")),
        ],
    );
    check(
        "The group, founded in 2008, struck deals with over 104 foreign governments before it went quiet in 2017.",
        None,
        &[
            ("2008", year("2008")),
            ("104 foreign governments", qty(104.0, true, "governments")),
            ("2017", year("2017")),
        ],
    );
    check(
        "Data laws there date from 2013, 2008, and 2003. The launch came in November 2017.",
        None,
        &[
            ("2013", year("2013")),
            ("2008", year("2008")),
            ("2003", year("2003")),
            ("November 2017", month("2017-11")),
        ],
    );
    check(
        "It is one of the five telecommunication providers; at least five other Chinese tech firms may be listed.",
        None,
        &[
            ("five telecommunication providers", qty(5.0, false, "providers")),
            ("five other Chinese tech firms", qty(5.0, true, "firms")),
        ],
    );
    check(
        "As of May, officials were still weighing it, a month before the vote.",
        Some(DocDate {
            year: 2019,
            month: 7,
            day: 1,
        }),
        &[(
            "May",
            Value::Date {
                value: Some("2019-05".into()),
                precision: Precision::Month,
                qualifier: None,
                relative: true,
            },
        )],
    );
    check(
        "The 2020 G-20 meeting used the 2015 white paper.",
        None,
        &[("2020", year("2020")), ("2015", year("2015"))],
    );
}

/// The full list for the article itself (document date unknown).
fn article_expected() -> Vec<(&'static str, Value)> {
    vec![
        (
            "Wednesday, March 6, 2019",
            date("2019-03-06", Precision::Day),
        ),
        ("2014", year("2014")),
        ("500 cities", qty(500.0, true, "cities")),
        ("April 2019", month("2019-04")),
        ("$1 billion", money(1e9)),
        ("2019", year("2019")),
        ("2010", year("2010")),
        ("May 2019", month("2019-05")),
        ("883 cameras", qty(883.0, true, "cameras")),
        ("2008", year("2008")),
        ("$21 million", money(21e6)),
        ("2011", year("2011")),
        ("$18 million", money(18e6)),
        ("2,000 cameras", qty(2000.0, true, "cameras")),
        ("$22 million", money(22e6)),
        ("2013", year("2013")),
        ("800 Chinese cameras", qty(800.0, true, "cameras")),
        (
            "five telecommunication providers",
            qty(5.0, false, "providers"),
        ),
        ("90 percent", pct(90.0)),
        ("70 percent", pct(70.0)),
        ("March 2018", month("2018-03")),
        ("$60 million", money(60e6)),
        ("$34 million", money(34e6)),
        ("September 2018", month("2018-09")),
        ("July 2019", month("2019-07")),
        ("2008", year("2008")),
        ("104 foreign governments", qty(104.0, true, "governments")),
        ("2017", year("2017")),
        (
            "May",
            Value::Date {
                value: None,
                precision: Precision::Month,
                qualifier: None,
                relative: true,
            },
        ),
        ("five other Chinese tech firms", qty(5.0, true, "firms")),
        ("2020", year("2020")),
        ("2015", year("2015")),
        ("2018", year("2018")),
        ("2013", year("2013")),
        ("2008", year("2008")),
        ("2003", year("2003")),
        ("2017", year("2017")),
        ("2018", year("2018")),
        ("November 2017", month("2017-11")),
    ]
}

#[test]
fn seed_article() {
    let Some(dir) = std::env::var_os("DEALTRACE_SHARED") else {
        eprintln!("DEALTRACE_SHARED not set: seed article test skipped");
        return;
    };
    let path = std::path::Path::new(&dir).join("eval/seed/seed.docs.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "DEALTRACE_SHARED is set but {} cannot be read: {e}",
            path.display()
        )
    });
    let doc = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .find(|d| d["id"] == "seed-huawei-central-asia")
        .unwrap_or_else(|| panic!("seed-huawei-central-asia missing from {}", path.display()));
    let body = doc["text"].as_str().expect("text");
    check(body, None, &article_expected());
}
