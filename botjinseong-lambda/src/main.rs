//! The Slack adapter's binary. Its request verification, configuration,
//! event intake and approval rules are in the library; the HTTP server and
//! the Lambda runtime around them land in a later step, so for now this
//! binary only says so.

fn main() {
    eprintln!(
        "botjinseong-lambda {}: the HTTP server and Lambda runtime are not built yet \
         (the library has the request verification, configuration, intake and approval rules)",
        env!("CARGO_PKG_VERSION")
    );
    std::process::exit(2);
}
