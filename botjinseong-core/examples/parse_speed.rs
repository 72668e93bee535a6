//! A quick speed check of the parser over the fixture corpus (the criterion
//! bench of the root package is the reference measurement).
//!
//! `cargo run --release -p botjinseong-core --example parse_speed`

use std::hint::black_box;
use std::time::Instant;

use botjinseong_core::parse;
use serde_json::Value;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/messages.jsonl"
    );
    let corpus = std::fs::read_to_string(path).expect("fixture corpus is readable");
    let messages: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["message"].as_str().map(str::to_owned))
        .collect();
    for m in &messages {
        black_box(parse(m));
    }
    let mut per_message = Vec::new();
    for _ in 0..31 {
        let start = Instant::now();
        for _ in 0..20 {
            for m in &messages {
                black_box(parse(black_box(m)));
            }
        }
        let ns = start.elapsed().as_nanos() as f64 / (20 * messages.len()) as f64;
        per_message.push(ns);
    }
    per_message.sort_by(f64::total_cmp);
    let mut each: Vec<(f64, usize)> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let start = Instant::now();
            for _ in 0..200 {
                black_box(parse(black_box(m)));
            }
            (start.elapsed().as_nanos() as f64 / 200.0, i)
        })
        .collect();
    each.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "{} messages: mean over the corpus {:.0} ns/message (median of 31 runs); median message {:.0} ns, slowest {:.0} ns",
        messages.len(),
        per_message[per_message.len() / 2],
        each[each.len() / 2].0,
        each.last().map_or(0.0, |e| e.0),
    );
}
