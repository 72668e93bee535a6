//! The catalog's hot paths: looking an action up, building the engine, and
//! ranking the policies that grant an action.
// criterion's macros define the bench's entry points without docs.
#![allow(missing_docs)]

use std::hint::black_box;

use botjinseong::{Engine, catalog};
use criterion::{Criterion, criterion_group, criterion_main};

fn lookups(c: &mut Criterion) {
    let names = [
        "s3:GetObject",
        "EC2:RunInstances",
        "lambda:invokefunction",
        "nosuch:Thing",
    ];
    c.bench_function("catalog/action lookup (4 names)", |b| {
        b.iter(|| {
            for name in names {
                black_box(catalog().action(black_box(name)));
            }
        })
    });
    c.bench_function("catalog/policy lookup by ARN", |b| {
        b.iter(|| catalog().policy(black_box("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")))
    });
    c.bench_function("engine/Engine::aws()", |b| {
        b.iter(|| black_box(Engine::aws()))
    });
    let engine = Engine::aws();
    c.bench_function("engine/rank s3:GetObject", |b| {
        b.iter(|| black_box(engine.rank(black_box("s3:GetObject"))))
    });
}

criterion_group!(benches, lookups);
criterion_main!(benches);
