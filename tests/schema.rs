//! The JSON Schemas in `schema/` against real output: runs the binary with
//! every `--emit` mode on the bundled sample articles and on inline JSONL
//! documents (a title, non-ASCII text, bad lines), validates every line, and
//! checks that every offset pair slices (by code points, like Python) to the
//! text the record claims.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

use jsonschema::{Registry, Validator};
use serde_json::{json, Value};

use common::slice_chars;

const SCHEMAS: &[&str] = &["mention", "deal", "error", "document", "record"];

/// The URI the schemas are registered under; their `$ref`s are relative.
fn schema_uri(name: &str) -> String {
    format!("file:///dealtrace/schema/{name}.schema.json")
}

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")
}

fn load_schema(name: &str) -> Value {
    let path = schema_dir().join(format!("{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One validator per schema file, all sharing one registry.
static VALIDATORS: LazyLock<HashMap<&'static str, Validator>> = LazyLock::new(|| {
    let resources: Vec<(String, Value)> = SCHEMAS
        .iter()
        .map(|n| (schema_uri(n), load_schema(n)))
        .collect();
    let registry = Registry::new()
        .extend(resources)
        .expect("schema URIs")
        .prepare()
        .expect("schemas resolve");
    SCHEMAS
        .iter()
        .map(|&n| {
            let v = jsonschema::options()
                .with_registry(&registry)
                .build(&json!({ "$ref": schema_uri(n) }))
                .unwrap_or_else(|e| panic!("{n}.schema.json: {e}"));
            (n, v)
        })
        .collect()
});

/// Validation errors of `instance` against schema `name`, one line each.
fn errors(name: &str, instance: &Value) -> Vec<String> {
    VALIDATORS[name]
        .iter_errors(instance)
        .map(|e| {
            format!(
                "{name}.schema.json: at {:?}: {e}",
                e.instance_path().as_str()
            )
        })
        .collect()
}

fn assert_valid(name: &str, instance: &Value) {
    let errs = errors(name, instance);
    assert!(
        errs.is_empty(),
        "invalid record:\n{instance}\n{}",
        errs.join("\n")
    );
}

fn assert_invalid(name: &str, instance: &Value) {
    assert!(
        !errors(name, instance).is_empty(),
        "{name}.schema.json accepts {instance}"
    );
}

/// The text and title of every input document, by id.
#[derive(Default)]
struct Docs(HashMap<String, (String, String)>);

impl Docs {
    fn get(&self, id: &str) -> &(String, String) {
        self.0
            .get(id)
            .unwrap_or_else(|| panic!("a record names unknown document {id:?}"))
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles")
}

/// The bundled articles, by id (the path relative to the directory).
fn corpus_docs() -> Docs {
    let mut docs = Docs::default();
    for entry in std::fs::read_dir(corpus_dir()).expect("corpus/articles") {
        let path = entry.expect("dir entry").path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        ) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("UTF-8 article");
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string();
        let id = path.file_name().unwrap().to_string_lossy().into_owned();
        docs.0.insert(id, (text, String::new()));
    }
    assert!(docs.0.len() >= 5, "expected the bundled sample articles");
    docs
}

/// Inline JSONL: a title, a document date, non-ASCII text (emoji, accents,
/// combining marks, CJK, RTL, curly quotes), CRLF and tabs, and two bad
/// lines that must become error records.
fn inline_input() -> (String, Docs) {
    let good = [
        json!({
            "id": "ascii",
            "title": "Huawei wins Kenyan deal",
            "date": "2019-03-06",
            "text": "Kenya signs $172 million surveillance deal with Huawei.\nThe Kenyan government signed the contract with Huawei on March 6, 2019."
        }),
        json!({
            "id": "non-ascii/1",
            "text": "🚀 Électricité du Laos signed a loan agreement with China Development Bank in Vientiane on Tuesday. Kovač Systems Inc said it agreed to acquire ZTE Corp’s unit for €25 million."
        }),
        json!({
            "id": "cjk-rtl",
            "title": "Ünïcödé: ZTE Corp buys Huawei 🚀",
            "text": "华为 (Huawei) and the Uzbek government signed a contract — مرحبا بالعالم — worth $1 billion in April 2019.\r\nZTE Corp <ZTE> agreed to buy Acme Inc for 20 dlrs a share.\tThe e\u{301} deal “closed” in 2020."
        }),
        json!({ "id": "empty", "text": "" }),
    ];
    let mut input = String::new();
    let mut docs = Docs::default();
    for (k, d) in good.iter().enumerate() {
        input.push_str(&d.to_string());
        input.push('\n');
        if k == 1 {
            input.push_str("not json at all\n");
            input.push_str("{\"id\":\"no-text\"}\n");
        }
        let s = |f: &str| d.get(f).and_then(Value::as_str).unwrap_or("").to_string();
        docs.0.insert(s("id"), (s("text"), s("title")));
    }
    (input, docs)
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dealtrace"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dealtrace");
    if let Some(s) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(s.as_bytes())
            .expect("write stdin");
    }
    child.wait_with_output().expect("dealtrace output")
}

fn parse_lines(bytes: &[u8], what: &str) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {l}")))
        .collect()
}

fn int(v: &Value, key: &str) -> usize {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} is not an offset in {v}")) as usize
}

/// `obj[start:end]` (code points) must be `obj[key]`, within `source`.
fn check_slice(source: &str, obj: &Value, key: &str, record: &Value) {
    let (start, end) = (int(obj, "start"), int(obj, "end"));
    let len = source.chars().count();
    assert!(
        start <= end && end <= len,
        "span {start}..{end} outside 0..{len}: {record}"
    );
    let claimed = obj[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {obj}"));
    assert_eq!(
        slice_chars(source, start, end),
        claimed,
        "text[{start}:{end}] is not {key:?} in {record}"
    );
}

/// Checks the offsets of one mention (top level or inside a document).
fn check_mention(m: &Value, doc: &(String, String), record: &Value) {
    let source = match m.get("field").and_then(Value::as_str) {
        Some("title") => &doc.1,
        _ => &doc.0,
    };
    check_slice(source, m, "text", record);
}

fn check_deal(d: &Value, text: &str) {
    for p in d["parties"].as_array().expect("parties") {
        check_slice(text, p, "name", d);
    }
    for key in ["amount", "date"] {
        if !d[key].is_null() {
            check_slice(text, &d[key], "text", d);
        }
    }
    for p in d["places"].as_array().expect("places") {
        check_slice(text, p, "name", d);
    }
    if !d["subject"].is_null() {
        check_slice(text, &d["subject"], "text", d);
    }
    check_slice(text, &d["evidence"], "text", d);
}

/// Validates one record against its own schema and the union, and checks its
/// offsets. Returns its type.
fn check_record(r: &Value, docs: &Docs) -> String {
    let kind = r["record"]
        .as_str()
        .unwrap_or_else(|| panic!("no \"record\" in {r}"))
        .to_string();
    assert!(
        SCHEMAS.contains(&kind.as_str()) && kind != "record",
        "unknown record type in {r}"
    );
    assert_valid(&kind, r);
    assert_valid("record", r);
    match kind.as_str() {
        "mention" => check_mention(r, docs.get(r["doc_id"].as_str().unwrap()), r),
        "deal" => check_deal(r, &docs.get(r["doc_id"].as_str().unwrap()).0),
        "document" => {
            let doc = docs.get(r["doc_id"].as_str().unwrap());
            for m in r["mentions"].as_array().unwrap() {
                check_mention(m, doc, r);
            }
            for d in r["deals"].as_array().unwrap() {
                assert_eq!(
                    d["doc_id"], r["doc_id"],
                    "a document's deal names another document"
                );
                check_deal(d, &doc.0);
            }
            let len = doc.0.chars().count();
            let mut last = 0;
            for s in r["sentences"].as_array().unwrap() {
                let (start, end) = (
                    s[0].as_u64().unwrap() as usize,
                    s[1].as_u64().unwrap() as usize,
                );
                assert!(
                    last <= start && start <= end && end <= len,
                    "sentence {s} out of order or bounds in {r}"
                );
                last = end;
            }
        }
        _ => {}
    }
    kind
}

/// Runs one extract and checks every line of stdout (and every error record
/// on stderr). Returns the counts per record type in stdout.
fn check_run(
    args: &[&str],
    stdin: Option<&str>,
    docs: &Docs,
    status: i32,
) -> BTreeMap<String, usize> {
    let out = run(args, stdin);
    let what = format!("dealtrace {}", args.join(" "));
    assert_eq!(
        out.status.code(),
        Some(status),
        "{what}: exit status; stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut counts = BTreeMap::new();
    for r in parse_lines(&out.stdout, &what) {
        *counts.entry(check_record(&r, docs)).or_default() += 1;
    }
    // Without --emit all, error records go to stderr (with --quiet, only they).
    for r in parse_lines(&out.stderr, &format!("{what} (stderr)")) {
        assert_eq!(
            r["record"], "error",
            "{what}: stderr holds a non-error record: {r}"
        );
        check_record(&r, docs);
        *counts.entry("stderr error".to_string()).or_default() += 1;
    }
    counts
}

#[test]
fn schemas_are_valid_draft_2020_12() {
    for name in SCHEMAS {
        let s = load_schema(name);
        assert_eq!(
            s["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        if let Err(e) = jsonschema::meta::validate(&s) {
            panic!("{name}.schema.json is not a valid schema: {e}");
        }
    }
    LazyLock::force(&VALIDATORS);
}

#[test]
fn real_output_matches_the_schemas() {
    let corpus = corpus_docs();
    let dir = corpus_dir();
    let dir = dir.to_str().expect("UTF-8 path");
    let (input, inline) = inline_input();
    let mut total: BTreeMap<String, usize> = BTreeMap::new();
    let mut add = |c: &BTreeMap<String, usize>| {
        for (k, n) in c {
            *total.entry(k.clone()).or_default() += n;
        }
    };

    for emit in ["all", "documents", "mentions", "deals"] {
        let args = ["extract", "--quiet", "--emit", emit];
        let on_corpus = check_run(&[&args[..], &[dir]].concat(), None, &corpus, 0);
        let on_stdin = check_run(&args, Some(&input), &inline, 1);
        let only = |c: &BTreeMap<String, usize>, allowed: &[&str]| {
            for k in c.keys() {
                assert!(
                    allowed.contains(&k.as_str()),
                    "--emit {emit} wrote {k} records: {c:?}"
                );
            }
        };
        match emit {
            "all" => {
                only(&on_corpus, &["mention", "deal"]);
                only(&on_stdin, &["mention", "deal", "error"]);
                assert_eq!(
                    on_stdin.get("error"),
                    Some(&2),
                    "two bad lines, two error records"
                );
                assert!(
                    on_corpus.get("deal").is_some_and(|&n| n > 0),
                    "no deals on the corpus"
                );
            }
            "documents" => {
                assert_eq!(
                    on_corpus.get("document"),
                    Some(&corpus.0.len()),
                    "one record per article"
                );
                assert_eq!(
                    on_stdin.get("document"),
                    Some(&inline.0.len()),
                    "one record per good line"
                );
                only(&on_stdin, &["document", "stderr error"]);
            }
            "mentions" => {
                only(&on_corpus, &["mention"]);
                only(&on_stdin, &["mention", "stderr error"]);
            }
            _ => {
                only(&on_corpus, &["deal"]);
                only(&on_stdin, &["deal", "stderr error"]);
            }
        }
        if emit != "all" {
            assert_eq!(
                on_stdin.get("stderr error"),
                Some(&2),
                "--emit {emit}: error records on stderr"
            );
        }
        add(&on_corpus);
        add(&on_stdin);
    }
    for kind in ["mention", "deal", "document", "error"] {
        assert!(
            total.get(kind).is_some_and(|&n| n > 0),
            "no {kind} record was checked: {total:?}"
        );
    }
}

#[test]
fn title_and_non_ascii_offsets_are_code_points() {
    let (input, inline) = inline_input();
    let out = run(&["extract", "--quiet", "--emit", "mentions"], Some(&input));
    let records = parse_lines(&out.stdout, "mentions");
    for r in &records {
        check_record(r, &inline);
    }
    let title = records
        .iter()
        .find(|r| r["doc_id"] == "cjk-rtl" && r["field"] == "title" && r["text"] == "Huawei")
        .expect("a title mention");
    // "Ünïcödé: ZTE Corp buys " is 23 code points (and more bytes).
    assert_eq!((int(title, "start"), int(title, "end")), (23, 29));
    let zte = records
        .iter()
        .find(|r| r["doc_id"] == "non-ascii/1" && r["text"] == "ZTE Corp")
        .expect("ZTE Corp after the emoji");
    let text = &inline.get("non-ascii/1").0;
    let byte_start = text.find("ZTE Corp").unwrap();
    assert!(
        int(zte, "start") < byte_start,
        "offsets must count code points, not bytes"
    );
}

/// The schemas are strict: drift in the output format is caught.
#[test]
fn schemas_reject_drift() {
    let mention = json!({"record": "mention", "doc_id": "d", "start": 0, "end": 6, "text": "Huawei",
        "label": "company", "entity_id": "dt:huawei", "name": "Huawei", "country": "CN", "form": "name"});
    assert_valid("mention", &mention);
    let mut extra = mention.clone();
    extra["surprise"] = json!(1);
    assert_invalid("mention", &extra);
    let mut negative = mention.clone();
    negative["start"] = json!(-1);
    assert_invalid("mention", &negative);
    let mut field = mention.clone();
    field["field"] = json!("text");
    assert_invalid("mention", &field);
    let money = json!({"record": "mention", "doc_id": "d", "start": 0, "end": 10, "text": "$1 billion",
        "label": "money", "value": 1_000_000_000, "currency": "USD", "approximate": false});
    assert_valid("mention", &money);
    let mut money_unit = money.clone();
    money_unit["unit"] = json!("cameras");
    assert_invalid("mention", &money_unit);
    let date = json!({"record": "mention", "doc_id": "d", "start": 0, "end": 9, "text": "last year",
        "label": "date", "value": null, "precision": "year", "relative": true});
    assert_valid("mention", &date);
    let structural = json!({"record": "mention", "doc_id": "d", "start": 0, "end": 8, "text": "Acme Inc",
        "label": "company", "cue": "suffix"});
    assert_valid("mention", &structural);
    // Embedded mentions carry no record/doc_id.
    let mut embedded = structural.clone();
    embedded.as_object_mut().unwrap().remove("record");
    embedded.as_object_mut().unwrap().remove("doc_id");
    let doc = json!({"record": "document", "doc_id": "d", "mentions": [embedded], "deals": [], "sentences": [[0, 8]]});
    assert_valid("document", &doc);
    let mut doc_bad = doc.clone();
    doc_bad["mentions"] = json!([structural]);
    assert_invalid("document", &doc_bad);

    let deal = json!({"record": "deal", "deal_id": "0123456789abcdef", "doc_id": "d", "kind": "contract",
        "status": "agreed", "parties": [{"role": "buyer", "name": "Kenya", "type": "government",
        "entity_id": "iso3166:KE", "country": "KE", "start": 0, "end": 5}],
        "amount": {"value": 172_000_000, "currency": "USD", "text": "$172 million", "start": 12, "end": 24,
        "approximate": false}, "date": {"value": "2019-03", "precision": "month", "text": "March 2019",
        "start": 30, "end": 40}, "places": [], "subject": null,
        "evidence": {"text": "Kenya", "start": 0, "end": 5}, "confidence": 0.62, "rule": "r"});
    assert_valid("deal", &deal);
    assert_valid("record", &deal);
    for (path, bad) in [
        ("/kind", json!("merger")),
        ("/status", json!("done")),
        ("/confidence", json!(1.5)),
        ("/parties/0/role", json!("owner")),
        ("/parties/0/country", json!("KEN")),
        ("/amount/currency", json!("usd")),
        ("/date/precision", json!("week")),
        ("/evidence", json!(null)),
    ] {
        let mut d = deal.clone();
        *d.pointer_mut(path).unwrap() = bad;
        assert_invalid("deal", &d);
    }
    let mut d = deal.clone();
    d["parties"][0]["extra"] = json!(true);
    assert_invalid("deal", &d);

    let error =
        json!({"record": "error", "source": "<stdin>:3", "doc_id": null, "error": "invalid JSON"});
    assert_valid("error", &error);
    assert_valid("record", &error);
    assert_invalid("record", &json!({"record": "summary"}));
    assert_invalid(
        "error",
        &json!({"record": "error", "source": "x", "error": "y"}),
    );
}
