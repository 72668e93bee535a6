//! Scores the parser on a corpus in the `dev.jsonl` format: the share of
//! cases whose actions, principal, denial kind (and the other fields) are right.
//!
//! `cargo run -p botjinseong-core --example score_corpus -- [PATH]`
//! (default `../shared/corpus/dev.jsonl` relative to the workspace root).

use botjinseong_core::parse;
use serde_json::Value;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/dev.jsonl").to_owned()
    });
    let corpus = match std::fs::read_to_string(&path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let fields = [
        "actions",
        "principal",
        "denial",
        "operation",
        "resource",
        "account",
    ];
    let mut right = [0usize; 6];
    let mut cases = 0usize;
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(case) = serde_json::from_str::<Value>(line) else {
            eprintln!("skipping a line that is not JSON");
            continue;
        };
        let message = case["message"].as_str().unwrap_or_default();
        let expected = &case["expected"];
        let parsed = parse(message);
        let text = |f: Option<&str>| f.map_or(Value::Null, |s| Value::String(s.to_owned()));
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
        let actions: Vec<String> = parsed
            .actions
            .iter()
            .map(|a| a.to_ascii_lowercase())
            .collect();
        let got = [
            actions == lower(&expected["actions"]),
            text(parsed.principal.as_deref()) == expected["principal"],
            serde_json::to_value(parsed.denial).ok().as_ref() == Some(&expected["denial"]),
            text(parsed.operation.as_deref()) == expected["operation"],
            text(parsed.resource.as_deref()) == expected["resource"],
            text(parsed.account.as_deref()) == expected["account"],
        ];
        for (i, ok) in got.iter().enumerate() {
            if *ok {
                right[i] += 1;
            } else {
                let id = case["id"].as_str().unwrap_or("?");
                eprintln!("{id}: {} wrong", fields[i]);
            }
        }
        cases += 1;
    }
    println!("{cases} cases from {path}");
    for (field, n) in fields.iter().zip(right) {
        let share = if cases == 0 {
            0.0
        } else {
            100.0 * n as f64 / cases as f64
        };
        println!("{field:>10}: {n:>4}/{cases} = {share:.1} %");
    }
}
