//! The Slack adapter: Slack events and interactivity in, the engine's
//! decision out. Its handlers land with the Slack bot's issue; until then
//! this binary only says so.

fn main() {
    eprintln!(
        "botjinseong-lambda {}: the Slack adapter is not built yet",
        env!("CARGO_PKG_VERSION")
    );
    std::process::exit(2);
}
