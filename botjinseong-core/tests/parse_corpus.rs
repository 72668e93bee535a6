//! The parser against the fixture corpus `tests/fixtures/messages.jsonl`:
//! every case, every field, every mismatch printed before the test fails;
//! `parse_with` must read each case exactly as `parse` does.

use botjinseong_core::{Parsed, parse, parse_with};
use serde_json::Value;

/// The fixture corpus, relative to this crate.
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/messages.jsonl"
);

/// Fields a fixture states for the whole engine, not the parser; the root
/// package's `tests/corpus.rs` checks them.
const ENGINE_FIELDS: [&str; 3] = ["inferred_actions", "policy", "decision"];

/// A string field of `parsed` as JSON, for comparison with the fixture.
fn text(field: Option<&str>) -> Value {
    field.map_or(Value::Null, |s| Value::String(s.to_owned()))
}

/// The fields of `parsed` that a fixture states, as JSON.
fn got(parsed: &Parsed<'_>, field: &str) -> Value {
    match field {
        "principal" => text(parsed.principal.as_deref()),
        "principal_kind" => serde_json::to_value(parsed.principal_kind).expect("serializable"),
        "account" => text(parsed.account.as_deref()),
        "actions" => parsed
            .actions
            .iter()
            .map(|a| Value::String(a.to_string()))
            .collect(),
        "operation" => text(parsed.operation.as_deref()),
        "resource" => text(parsed.resource.as_deref()),
        "denial" => serde_json::to_value(parsed.denial).expect("serializable"),
        "encoded" => text(parsed.encoded.as_deref()),
        "service" => text(parsed.service.as_deref()),
        "truncated" => Value::Bool(parsed.truncated),
        other => panic!("fixture states an unknown field {other}"),
    }
}

/// Whether a parsed field matches the fixture; actions compare case-insensitively.
fn matches(field: &str, expected: &Value, got: &Value) -> bool {
    if field != "actions" {
        return expected == got;
    }
    let lower = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_ascii_lowercase)
                    .collect()
            })
            .unwrap_or_default()
    };
    lower(expected) == lower(got)
}

#[test]
fn every_fixture_parses_as_expected() {
    let corpus = std::fs::read_to_string(FIXTURES).expect("fixture corpus is readable");
    let required = [
        "principal",
        "principal_kind",
        "actions",
        "operation",
        "resource",
        "denial",
        "account",
    ];
    let mut mismatches = Vec::new();
    let mut cases = 0;
    for (n, line) in corpus
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: not JSON: {e}", n + 1));
        let id = case["id"].as_str().unwrap_or("?");
        let message = case["message"].as_str().expect("message is a string");
        let expected = case["expected"].as_object().expect("expected is an object");
        for field in required {
            assert!(expected.contains_key(field), "{id}: expected lacks {field}");
        }
        let parsed = parse(message);
        let read = parse_with(message, |p| p.into_owned());
        if read != parsed {
            mismatches.push(format!("{id}: parse_with reads {read:?}, parse {parsed:?}"));
        }
        for (field, want) in expected
            .iter()
            .filter(|(f, _)| !ENGINE_FIELDS.contains(&f.as_str()))
        {
            let have = got(&parsed, field);
            if !matches(field, want, &have) {
                mismatches.push(format!("{id}: {field}: expected {want}, got {have}"));
            }
        }
        cases += 1;
    }
    for m in &mismatches {
        eprintln!("{m}");
    }
    assert!(cases >= 200, "the corpus has {cases} cases, fewer than 200");
    assert!(
        mismatches.is_empty(),
        "{} mismatches in {cases} cases",
        mismatches.len()
    );
}
