//! Uses botjinseong as a library: reads error messages, one a line, from
//! standard input and prints what the engine decided for each.
//!
//! ```text
//! echo 'User: arn:aws:iam::123456789012:user/student01 is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key because no identity-based policy allows the s3:GetObject action' \
//!   | cargo run -q --example explain
//! ```

use std::io::{self, BufRead};

use botjinseong::Engine;

fn main() -> io::Result<()> {
    let engine = Engine::aws();
    for line in io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let analysis = engine.analyze(&line);
        let policy = analysis
            .recommendation
            .as_ref()
            .map_or("no policy".to_string(), |r| {
                format!("{} (risk {})", r.policy_name, r.risk)
            });
        println!(
            "{:<40} {:<50} {}",
            analysis.parsed.actions.join(","),
            policy,
            analysis.decision.as_str()
        );
    }
    Ok(())
}
