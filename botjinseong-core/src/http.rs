//! The HTTP plumbing the advisor's client and the Slack adapter's client
//! share: one TLS provider, `Retry-After`, bounded bodies, readable errors.

use std::io::Read;
use std::sync::Once;
use std::time::Duration;

use reqwest::blocking::Response;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The largest response body read, in bytes.
pub const MAX_BODY: u64 = 1 << 20;

/// Installs ring as the process's rustls crypto provider, once; a provider
/// someone else installed first is left in place.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err means a provider is already installed, which is all we need.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// `Retry-After` in seconds (integer or decimal); an HTTP date, or anything
/// else, counts as absent.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let seconds: f64 = text.parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(1e6)))
}

/// An error and its sources, joined by `: `.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let more = e.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = e.source();
    }
    text
}

/// Why a response body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// The read timed out.
    TimedOut,
    /// The connection failed; the error chain.
    Io(String),
    /// The body is larger than [`MAX_BODY`].
    TooLarge,
}

/// Reads a body, at most [`MAX_BODY`] bytes.
pub fn read_body(response: Response) -> Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    response
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::TimedOut => BodyError::TimedOut,
            _ => BodyError::Io(error_chain(&e)),
        })?;
    if body.len() as u64 > MAX_BODY {
        return Err(BodyError::TooLarge);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_is_read_in_seconds() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, HeaderValue::from_static("1"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(1)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("0.25"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(250)));
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, HeaderValue::from_static("-3"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn errors_are_joined_with_their_sources_once() {
        #[derive(Debug)]
        struct Outer(std::io::Error, &'static str);
        impl std::fmt::Display for Outer {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.1)
            }
        }
        impl std::error::Error for Outer {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let refused = || std::io::Error::other("connection refused");
        assert_eq!(
            error_chain(&Outer(refused(), "error sending request")),
            "error sending request: connection refused"
        );
        // A source already quoted by its parent is not repeated.
        assert_eq!(
            error_chain(&Outer(refused(), "failed: connection refused")),
            "failed: connection refused"
        );
    }
}
