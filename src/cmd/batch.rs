//! `botjinseong batch`: JSON lines in, one analysis per line out, in order.
//! A bad line yields an error object for that line; the batch goes on.

use std::io::{BufRead, Write};

use anyhow::Result;
use botjinseong::Engine;
use botjinseong::advisor::Advisor;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Value,
    message: String,
}

/// Streams `input` to `output`; fails only when reading or writing does.
pub fn run(
    engine: &Engine,
    advisor: Option<&dyn Advisor>,
    input: impl BufRead,
    mut output: impl Write,
) -> Result<String> {
    let mut errors = 0usize;
    for (number, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<Line>(&line) {
            Ok(Line { id, message }) => {
                let mut value = serde_json::to_value(engine.analyze_with(&message, advisor))?;
                value["id"] = id;
                value
            }
            Err(e) => {
                errors += 1;
                let id = serde_json::from_str::<Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(Value::Null);
                json!({"id": id, "error": format!("line {}: {e}", number + 1)})
            }
        };
        serde_json::to_writer(&mut output, &object)?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    if errors > 0 {
        eprintln!("botjinseong: {errors} line(s) could not be read; see their error objects");
    }
    Ok(String::new())
}
