//! The timing harness the speed examples share (`parse_speed` here,
//! `analyze_speed` in the root package, which includes this file by path):
//! the fixture corpus, the `--loop N` / `--top N` flags, and the figures.

use std::hint::black_box;
use std::time::Instant;

use serde_json::Value;

/// The `message` of every JSON line of `text`.
pub fn messages_of(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["message"].as_str().map(str::to_owned))
        .collect()
}

/// The fixture corpus's messages.
pub fn corpus() -> Vec<String> {
    messages_of(include_str!("../../../tests/fixtures/messages.jsonl"))
}

/// The number after `name` in the command line's arguments.
pub fn flag(args: &[String], name: &str) -> Option<usize> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
}

/// The messages `--only I,J,…` names by their place in the corpus, else all.
fn chosen(messages: &[String], args: &[String]) -> Vec<String> {
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    match only {
        Some(list) => list
            .split(',')
            .filter_map(|i| messages.get(i.trim().parse::<usize>().ok()?).cloned())
            .collect(),
        None => messages.to_vec(),
    }
}

/// Runs `work` over `messages` as the arguments ask: `--only I,J,…` keeps
/// the messages at those places; `--loop N` only runs them N times (for a
/// profiler); otherwise prints the mean per message (median of 31 runs of
/// `rounds` passes), the median and the slowest message (each message's
/// best of 5 runs of `2 * rounds`), the `--only` list of the middle fifth
/// by time (the typical messages, for a profile of the median), and with
/// `--top N` the N slowest.
pub fn measure(messages: &[String], args: &[String], rounds: usize, work: impl Fn(&str)) {
    let messages = &chosen(messages, args)[..];
    let pass = |times: usize| {
        for _ in 0..times {
            for m in messages {
                work(black_box(m));
            }
        }
    };
    if let Some(n) = flag(args, "--loop") {
        pass(n);
        return;
    }
    pass(1);
    let mut per_message: Vec<f64> = (0..31)
        .map(|_| {
            let start = Instant::now();
            pass(rounds);
            start.elapsed().as_nanos() as f64 / (rounds * messages.len()) as f64
        })
        .collect();
    per_message.sort_by(f64::total_cmp);
    let repeats = 2 * rounds;
    let mut each: Vec<(f64, usize)> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let best = (0..5)
                .map(|_| {
                    let start = Instant::now();
                    for _ in 0..repeats {
                        work(black_box(m));
                    }
                    start.elapsed().as_nanos() as f64 / repeats as f64
                })
                .fold(f64::INFINITY, f64::min);
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
    let n = each.len();
    let mut middle: Vec<usize> = each[n * 2 / 5..n * 3 / 5].iter().map(|e| e.1).collect();
    middle.sort_unstable();
    let middle: Vec<String> = middle.iter().map(usize::to_string).collect();
    println!("middle fifth: --only {}", middle.join(","));
    for &(ns, i) in each.iter().rev().take(flag(args, "--top").unwrap_or(0)) {
        let m = &messages[i];
        let head: String = m.chars().take(90).collect();
        println!("{ns:8.0} ns  #{i:<3} {:5} B  {head:?}", m.len());
    }
}
