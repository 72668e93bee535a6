//! The engine's two hot paths over the fixture corpus: the parser alone,
//! and the whole decision (parse, resolve, score, decide).
//!
//! `corpus/*` times whole passes over the corpus: per message, that is the
//! mean, which the corpus's slow tail sets. `median message/*` is what a
//! typical message costs: each sample times every message on its own (a
//! batch of [`REPEATS`] runs of it, divided, after [`WARM_UP`] runs left
//! untimed, as criterion warms up any routine) and reports the middle one.
// criterion's macros define the bench's entry points without docs.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use botjinseong::Engine;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn messages() -> Vec<String> {
    include_str!("../tests/fixtures/messages.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("fixture line is JSON");
            v["message"]
                .as_str()
                .expect("fixture has a message")
                .to_owned()
        })
        .collect()
}

fn corpus(c: &mut Criterion) {
    let messages = messages();
    let engine = Engine::aws();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Elements(messages.len() as u64));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(botjinseong_core::parse(black_box(m)));
            }
        })
    });
    group.bench_function("analyze", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(engine.analyze(black_box(m)));
            }
        })
    });
    group.finish();
}

/// How many times in a row a message runs for one timing of it.
const REPEATS: u32 = 20;

/// How many times a message runs before it is timed, so that the timing
/// does not include what the message before it left in the caches and the
/// branch predictors.
const WARM_UP: u32 = 5;

/// The time of the median message for `iters` iterations: every message is
/// timed over [`REPEATS`] runs, and the middle of those times, once per
/// call, stands for each iteration (a call runs the corpus `REPEATS` times
/// whatever `iters` is, so the sample takes about as long at any size).
fn median_message(messages: &[String], iters: u64, work: impl Fn(&str)) -> Duration {
    let mut each: Vec<Duration> = messages
        .iter()
        .map(|m| {
            for _ in 0..WARM_UP {
                work(black_box(m));
            }
            let start = Instant::now();
            for _ in 0..REPEATS {
                work(black_box(m));
            }
            start.elapsed() / REPEATS
        })
        .collect();
    each.sort_unstable();
    each[each.len() / 2].mul_f64(iters as f64)
}

fn typical(c: &mut Criterion) {
    let messages = messages();
    let engine = Engine::aws();
    let mut group = c.benchmark_group("median message");
    group.bench_function("parse", |b| {
        b.iter_custom(|iters| {
            median_message(&messages, iters, |m| {
                black_box(botjinseong_core::parse(m));
            })
        })
    });
    group.bench_function("analyze", |b| {
        b.iter_custom(|iters| {
            median_message(&messages, iters, |m| {
                black_box(engine.analyze(m));
            })
        })
    });
    group.finish();
}

criterion_group!(benches, corpus, typical);
criterion_main!(benches);
