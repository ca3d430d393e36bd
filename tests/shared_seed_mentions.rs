//! Issue 2's acceptance check on the example article: every company, bank
//! and telecom operator, every country (by name or adjective) and the five
//! cities are found. Needs DEALTRACE_SHARED (run by .ci/run).

mod common;

use dealtrace::gazetteer::Gazetteer;
use dealtrace::input::{read_inputs, InputOptions};
use dealtrace::pipeline::Pipeline;

#[test]
fn seed_article_mentions() {
    let Some(shared) = common::shared() else {
        eprintln!("DEALTRACE_SHARED not set: skipped");
        return;
    };
    let path = shared.join("eval/seed/seed.docs.jsonl");
    assert!(path.is_file(), "missing {}", path.display());
    let doc = read_inputs(vec![path.display().to_string()], InputOptions::default())
        .next()
        .expect("one document")
        .expect("readable");
    let pipeline = Pipeline::new(Gazetteer::bundled());
    let a = pipeline.annotate(doc);
    let text = &a.doc.text;
    let found: Vec<(String, String, Option<String>)> = a
        .mentions
        .iter()
        .filter(|m| m.field == dealtrace::mention::Field::Text)
        .map(|m| {
            let country = m
                .entity
                .and_then(|e| pipeline.gazetteer().entity(e.entity).country.clone());
            (
                text[m.span.start..m.span.end].to_string(),
                m.label.to_string(),
                country,
            )
        })
        .collect();
    let has = |surface: &str, labels: &[&str]| {
        found
            .iter()
            .any(|(t, l, _)| t.starts_with(surface) && labels.contains(&l.as_str()))
    };
    let orgs = [
        "Huawei",
        "IBM",
        "Facebook",
        "Uzmobile",
        "Ucel",
        "Kazakhtelecom",
        "Kcell",
        "Beeline",
        "Tele2",
        "TK mobile",
        "Sky Mobile",
        "Alfa Telecom",
        "Vega",
        "IZP Group",
        "China Development Bank",
        "Hangzhou Hikvision Digital Technology Co.",
        "Zhejiang Dahua Technology Co.",
        "Megvii Co.",
        "Xiamen Meiya Pico Information Co.",
        "Iflytek Co.",
    ];
    let mut missing: Vec<String> = orgs
        .iter()
        .filter(|o| !has(o, &["company", "bank", "organization"]))
        .map(|o| o.to_string())
        .collect();
    let countries = [
        "CN", "UZ", "KG", "TJ", "KZ", "TM", "RU", "GB", "US", "JP", "SG", "PT", "FR", "AZ", "AM",
        "BY", "AU", "IN", "SA", "PK", "PH", "LA", "RS", "TH", "TR", "AE",
    ];
    for c in countries {
        if !found
            .iter()
            .any(|(_, l, cc)| l == "country" && cc.as_deref() == Some(c))
        {
            missing.push(format!("country {c}"));
        }
    }
    for city in ["Tashkent", "Dushanbe", "Nur-Sultan", "Shenzhen", "Bishkek"] {
        if !has(city, &["city"]) {
            missing.push(format!("city {city}"));
        }
    }
    assert!(missing.is_empty(), "not found: {missing:?}");
}
