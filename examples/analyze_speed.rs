//! A quick speed check of the whole analysis (parse, resolve, score,
//! decide) over the fixture corpus; the criterion bench `analyze` is the
//! reference measurement.
//!
//! `cargo run --release --example analyze_speed [-- --top N | --only I,J,… | --loop N]`
//!
//! Prints the median and the mean time per message: the median of each
//! message's best time, and the whole corpus's time divided by its size
//! (median of 31 runs), with the slowest message, and the `--only` list of
//! the middle fifth by time. `--top N` also lists the N slowest messages;
//! `--only I,J,…` keeps the messages at those places of the corpus; `--loop
//! N` only analyses them N times, for a profiler such as `valgrind
//! --tool=callgrind` (with the middle fifth's list: a profile of the typical
//! message, which the corpus's slow tail does not drown).

use std::hint::black_box;

use botjinseong::Engine;

#[path = "../botjinseong-core/examples/speed/mod.rs"]
mod speed;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let engine = Engine::aws();
    speed::measure(&speed::corpus(), &args, 10, |m| {
        black_box(engine.analyze(m));
    });
}
