//! The fixture corpus (`tests/fixtures/messages.jsonl`) through the whole
//! engine: every case's expected fields, and, where a case states them, its
//! inferred actions, recommended policy and decision. Prints every mismatch
//! before failing.

use botjinseong::{Analysis, Engine};
use serde_json::Value;

const CORPUS: &str = include_str!("fixtures/messages.jsonl");

/// The fields of a case the engine answers for; the rest (such as the
/// parser's service hint) are the core parser tests' business.
const FIELDS: &[&str] = &[
    "principal",
    "principal_kind",
    "account",
    "actions",
    "operation",
    "resource",
    "denial",
    "encoded",
    "inferred_actions",
    "policy",
    "decision",
];

/// The analysis's value for an expected field, as JSON.
fn actual(a: &Analysis, field: &str) -> Option<Value> {
    let parsed = serde_json::to_value(&a.parsed).ok()?;
    Some(match field {
        "policy" => a
            .recommendation
            .as_ref()
            .map_or(Value::Null, |r| Value::from(r.policy_name.as_ref())),
        "decision" => Value::from(a.decision.as_str()),
        "inferred_actions" => parsed
            .get("inferred_actions")
            .cloned()
            .unwrap_or_else(|| Value::Array(Vec::new())),
        other => parsed.get(other).cloned()?,
    })
}

#[test]
fn every_case_reads_as_expected() {
    let engine = Engine::aws();
    let mut mismatches = Vec::new();
    let mut cases = 0;
    for (n, line) in CORPUS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("fixture line {}: {e}", n + 1));
        let id = case["id"].as_str().unwrap_or("?");
        let message = case["message"].as_str().expect("every case has a message");
        let expected = case["expected"]
            .as_object()
            .expect("every case has expected fields");
        let analysis = engine.analyze(message);
        for (field, want) in expected
            .iter()
            .filter(|(f, _)| FIELDS.contains(&f.as_str()))
        {
            let got = actual(&analysis, field);
            if got.as_ref() != Some(want) {
                mismatches.push(format!("{id} {field}: expected {want}, got {got:?}"));
            }
        }
        cases += 1;
    }
    assert!(cases >= 200, "the corpus has {cases} cases");
    assert!(
        mismatches.is_empty(),
        "{} mismatches in {cases} cases:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
