//! A quick speed check of the parser over the fixture corpus (the criterion
//! bench of the root package is the reference measurement).
//!
//! `cargo run --release -p botjinseong-core --example parse_speed [-- --top N | --only I,J,… | --loop N]`
//!
//! Prints the mean time per message over the whole corpus (median of 31 runs)
//! and the median and slowest single message, and the `--only` list of the
//! middle fifth by time. `--top N` also lists the N slowest messages; `--only
//! I,J,…` keeps the messages at those places of the corpus; `--loop N` only
//! parses them N times, for a profiler such as `valgrind --tool=callgrind`;
//! `--dump [FILE…]` prints what every
//! message of the corpus (and of the JSON-lines files given) parses to, and of
//! variants of each (other cases, cut at every few bytes), to compare two
//! versions of the parser.

use std::hint::black_box;

use botjinseong_core::parse;

mod speed;

fn main() {
    let messages = speed::corpus();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--dump") {
        dump(&messages, &args[1..]);
        return;
    }
    speed::measure(&messages, &args, 20, |m| {
        black_box(parse(m));
    });
}

/// Prints the parse of every message, of every file's messages, and of their variants.
fn dump(messages: &[String], files: &[String]) {
    let mut all = messages.to_vec();
    for file in files {
        let text = std::fs::read_to_string(file).expect("file is readable");
        all.extend(speed::messages_of(&text));
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
