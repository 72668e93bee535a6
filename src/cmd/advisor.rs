//! The language-model advisor of the CLI: on when `OPENAI_API_KEY` is set
//! (and the `advisor` feature built in), off with `--no-advisor`; without
//! it nothing leaves the machine.

use anyhow::Result;
use botjinseong::advisor::Advisor;

/// The advisor the environment configures, unless `off`.
pub fn from_env(off: bool) -> Result<Option<Box<dyn Advisor>>> {
    if off {
        return Ok(None);
    }
    configured()
}

#[cfg(feature = "advisor")]
fn configured() -> Result<Option<Box<dyn Advisor>>> {
    use botjinseong::advisor::OpenAiAdvisor;
    match OpenAiAdvisor::from_lookup(|k| std::env::var(k).ok()) {
        None => Ok(None),
        Some(advisor) => Ok(Some(Box::new(advisor?))),
    }
}

#[cfg(not(feature = "advisor"))]
fn configured() -> Result<Option<Box<dyn Advisor>>> {
    Ok(None)
}
