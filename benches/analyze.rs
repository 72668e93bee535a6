//! The engine's two hot paths over the whole fixture corpus: the parser
//! alone, and the whole decision (parse, resolve, score, decide). Figures
//! are per message: the corpus's time divided by its size.
// criterion's macros define the bench's entry points without docs.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

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

criterion_group!(benches, corpus);
criterion_main!(benches);
