//! A quick speed check of the whole analysis (parse, resolve, score,
//! decide) over the fixture corpus; the criterion bench `analyze` is the
//! reference measurement.
//!
//! `cargo run --release --example analyze_speed [-- --top N | --loop N]`
//!
//! Prints the median and the mean time per message: the median of each
//! message's best time, and the whole corpus's time divided by its size
//! (median of 31 runs), with the slowest message. `--top N` also lists the
//! N slowest messages; `--loop N` only analyses the corpus N times, for a
//! profiler such as `valgrind --tool=callgrind`.

use std::hint::black_box;
use std::time::Instant;

use botjinseong::Engine;
use serde_json::Value;

fn main() {
    let messages: Vec<String> = include_str!("../tests/fixtures/messages.jsonl")
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
    let engine = Engine::aws();
    if let Some(n) = flag("--loop") {
        for _ in 0..n {
            for m in &messages {
                black_box(engine.analyze(black_box(m)));
            }
        }
        return;
    }
    for m in &messages {
        black_box(engine.analyze(m));
    }
    let mut per_message = Vec::new();
    for _ in 0..31 {
        let start = Instant::now();
        for _ in 0..10 {
            for m in &messages {
                black_box(engine.analyze(black_box(m)));
            }
        }
        per_message.push(start.elapsed().as_nanos() as f64 / (10 * messages.len()) as f64);
    }
    per_message.sort_by(f64::total_cmp);
    let mut each: Vec<(f64, usize)> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut best = f64::INFINITY;
            for _ in 0..5 {
                let start = Instant::now();
                for _ in 0..20 {
                    black_box(engine.analyze(black_box(m)));
                }
                best = best.min(start.elapsed().as_nanos() as f64 / 20.0);
            }
            (best, i)
        })
        .collect();
    each.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "{} messages: median message {:.0} ns, mean over the corpus {:.0} ns/message (median of 31 runs), slowest {:.0} ns",
        messages.len(),
        each[each.len() / 2].0,
        per_message[per_message.len() / 2],
        each.last().map_or(0.0, |e| e.0),
    );
    for &(ns, i) in each.iter().rev().take(flag("--top").unwrap_or(0)) {
        let m = &messages[i];
        let head: String = m.chars().take(90).collect();
        println!("{ns:8.0} ns  #{i:<3} {:5} B  {head:?}", m.len());
    }
}
