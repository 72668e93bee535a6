//! A quick speed check of the parser over the fixture corpus (the criterion
//! bench of the root package is the reference measurement).
//!
//! `cargo run --release -p botjinseong-core --example parse_speed [-- --top N | --loop N]`
//!
//! Prints the mean time per message over the whole corpus (median of 31 runs)
//! and the median and slowest single message. `--top N` also lists the N
//! slowest messages; `--loop N` only parses the corpus N times, for a profiler
//! such as `valgrind --tool=callgrind`; `--dump [FILE…]` prints what every
//! message of the corpus (and of the JSON-lines files given) parses to, and of
//! variants of each (other cases, cut at every few bytes), to compare two
//! versions of the parser.

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.parse::<usize>().ok())
    };
    if args.first().map(String::as_str) == Some("--dump") {
        dump(&messages, &args[1..]);
        return;
    }
    if let Some(n) = flag("--loop") {
        for _ in 0..n {
            for m in &messages {
                black_box(parse(black_box(m)));
            }
        }
        return;
    }
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
            let mut best = f64::INFINITY;
            for _ in 0..5 {
                let start = Instant::now();
                for _ in 0..40 {
                    black_box(parse(black_box(m)));
                }
                best = best.min(start.elapsed().as_nanos() as f64 / 40.0);
            }
            (best, i)
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
    for &(ns, i) in each.iter().rev().take(flag("--top").unwrap_or(0)) {
        let m = &messages[i];
        let head: String = m.chars().take(90).collect();
        println!("{ns:8.0} ns  #{i:<3} {:5} B  {head:?}", m.len());
    }
}

/// Prints the parse of every message, of every file's messages, and of their variants.
fn dump(messages: &[String], files: &[String]) {
    let mut all = messages.to_vec();
    for file in files {
        let text = std::fs::read_to_string(file).expect("file is readable");
        all.extend(
            text.lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter_map(|v| v["message"].as_str().map(str::to_owned)),
        );
    }
    for (i, m) in all.iter().enumerate() {
        let mut variants = vec![m.clone(), m.to_ascii_uppercase(), m.to_ascii_lowercase()];
        let cuts = m.char_indices().map(|(at, _)| at).step_by(5);
        for at in cuts {
            variants.push(m[at..].to_owned());
            variants.push(m[..at].to_owned());
        }
        for (j, v) in variants.iter().enumerate() {
            println!("{i}.{j} {:?}", parse(v));
        }
    }
}
