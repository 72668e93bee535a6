//! [`OpenAiAdvisor`]: the [`Advisor`] for any OpenAI-compatible
//! chat-completions server, over reqwest's blocking client and rustls with
//! the ring provider.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap};

use crate::http::{
    BodyError, MAX_BODY, error_chain, install_crypto_provider, read_body, retry_after,
};

use super::{Advisor, AdvisorError, Answer, Question, parse_response, request_body};

/// `OPENAI_BASE_URL` when unset.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// `BOTJINSEONG_ADVISOR_MODEL` when unset: a current small model.
pub const DEFAULT_MODEL: &str = "gpt-4o-mini";

/// How long one request may take, connecting to the last byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How many times a request answered 429 or 5xx is sent again.
pub const DEFAULT_RETRIES: u32 = 2;

/// The first wait before a retry the server gave no `Retry-After` for;
/// each further wait doubles.
const DEFAULT_BACKOFF: Duration = Duration::from_millis(500);

/// The longest `Retry-After` waited for; a server asking for longer gets
/// no retry.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(20);

/// Asks an OpenAI-compatible server, `POST {base}/chat/completions`, with a
/// bearer key, one [`request_body`] per question.
///
/// Built on reqwest's blocking client: create and call it outside an async
/// runtime (from an async caller, on a blocking task).
pub struct OpenAiAdvisor {
    client: Client,
    endpoint: String,
    key: String,
    model: String,
    timeout: Duration,
    retries: u32,
    backoff: Duration,
}

impl fmt::Debug for OpenAiAdvisor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenAiAdvisor")
            .field("endpoint", &self.endpoint)
            .field("key", &"<redacted>")
            .field("model", &self.model)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("backoff", &self.backoff)
            .finish()
    }
}

impl OpenAiAdvisor {
    /// The advisor the environment configures, read through `lookup`
    /// (usually `std::env::var`): `None` when `OPENAI_API_KEY` is unset or
    /// empty, so that nothing leaves the machine; else one built from
    /// `OPENAI_BASE_URL` and `BOTJINSEONG_ADVISOR_MODEL`, or their defaults.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Option<Result<Self, AdvisorError>> {
        let set = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let key = set("OPENAI_API_KEY")?;
        let base = set("OPENAI_BASE_URL").unwrap_or_else(|| DEFAULT_BASE_URL.into());
        let model = set("BOTJINSEONG_ADVISOR_MODEL").unwrap_or_else(|| DEFAULT_MODEL.into());
        Some(Self::new(&base, &key, &model))
    }

    /// An advisor asking `model` at `base_url` (such as
    /// `https://api.openai.com/v1`) with `api_key`, with the default
    /// timeout and retries.
    pub fn new(base_url: &str, api_key: &str, model: &str) -> Result<Self, AdvisorError> {
        let base = base_url.trim().trim_end_matches('/');
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(AdvisorError::Config(format!(
                "OPENAI_BASE_URL must start with https:// or http://, not {base:?}"
            )));
        }
        let endpoint = format!("{base}/chat/completions");
        reqwest::Url::parse(&endpoint).map_err(|e| {
            AdvisorError::Config(format!("OPENAI_BASE_URL {base:?} is not a URL: {e}"))
        })?;
        let key = api_key.trim();
        if key.bytes().any(|b| b.is_ascii_control()) {
            return Err(AdvisorError::Config(
                "OPENAI_API_KEY contains control characters".into(),
            ));
        }
        install_crypto_provider();
        let client = Client::builder()
            .user_agent(concat!("botjinseong/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                AdvisorError::Config(format!("cannot build the HTTP client: {}", error_chain(&e)))
            })?;
        Ok(Self {
            client,
            endpoint,
            key: key.to_owned(),
            model: model.trim().to_owned(),
            timeout: DEFAULT_TIMEOUT,
            retries: DEFAULT_RETRIES,
            backoff: DEFAULT_BACKOFF,
        })
    }

    /// Sets how long one request may take (default [`DEFAULT_TIMEOUT`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets how many times a request answered 429 or 5xx is sent again
    /// (default [`DEFAULT_RETRIES`]).
    pub fn with_retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// Sets the first wait before a retry when the server sends no
    /// `Retry-After` (default 500 ms; each further wait doubles).
    pub fn with_backoff(mut self, backoff: Duration) -> Self {
        self.backoff = backoff;
        self
    }

    /// The URL asked: `{base}/chat/completions`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The model asked.
    pub fn model(&self) -> &str {
        &self.model
    }

    /// Sends the request once.
    fn send(&self, body: &[u8]) -> Result<Response, AdvisorError> {
        self.client
            .post(&self.endpoint)
            .header(AUTHORIZATION, format!("Bearer {}", self.key))
            .header(CONTENT_TYPE, "application/json")
            .timeout(self.timeout)
            .body(body.to_vec())
            .send()
            .map_err(|e| self.transport(&e))
    }

    /// A transport error in this advisor's words.
    fn transport(&self, e: &reqwest::Error) -> AdvisorError {
        if e.is_timeout() {
            AdvisorError::Timeout(self.timeout)
        } else {
            AdvisorError::Connection {
                url: self.endpoint.clone(),
                detail: error_chain(e),
            }
        }
    }

    /// Reads a body, at most [`MAX_BODY`] bytes.
    fn read_body(&self, response: Response) -> Result<Vec<u8>, AdvisorError> {
        read_body(response).map_err(|e| match e {
            BodyError::TimedOut => AdvisorError::Timeout(self.timeout),
            BodyError::Io(detail) => AdvisorError::Connection {
                url: self.endpoint.clone(),
                detail,
            },
            BodyError::TooLarge => {
                AdvisorError::Malformed(format!("the response is larger than {MAX_BODY} bytes"))
            }
        })
    }

    /// The wait before retry number `retry` (0-based), or `None` when the
    /// server asks for longer than [`MAX_RETRY_AFTER`].
    fn wait(&self, headers: &HeaderMap, retry: u32) -> Option<Duration> {
        match retry_after(headers) {
            Some(asked) if asked > MAX_RETRY_AFTER => None,
            Some(asked) => Some(asked),
            None => Some(self.backoff.saturating_mul(1 << retry.min(16))),
        }
    }
}

impl Advisor for OpenAiAdvisor {
    fn advise(&self, question: &Question) -> Result<Answer, AdvisorError> {
        let body = serde_json::to_vec(&request_body(question, &self.model))
            .map_err(|e| AdvisorError::Config(format!("cannot encode the request: {e}")))?;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let response = self.send(&body)?;
            let status = response.status();
            if status.is_success() {
                return parse_response(&self.read_body(response)?);
            }
            let retryable = status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
            let wait = match retryable && attempts <= self.retries {
                true => self.wait(response.headers(), attempts - 1),
                false => None,
            };
            let Some(wait) = wait else {
                return Err(AdvisorError::Status {
                    status: status.as_u16(),
                    attempts,
                });
            };
            drop(response);
            std::thread::sleep(wait);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderValue, RETRY_AFTER};

    #[test]
    fn waits_double_and_long_asks_stop_retrying() {
        let a = OpenAiAdvisor::new("http://127.0.0.1:9", "k", "m")
            .unwrap()
            .with_backoff(Duration::from_millis(100));
        let none = HeaderMap::new();
        assert_eq!(a.wait(&none, 0), Some(Duration::from_millis(100)));
        assert_eq!(a.wait(&none, 2), Some(Duration::from_millis(400)));
        let mut long = HeaderMap::new();
        long.insert(RETRY_AFTER, HeaderValue::from_static("3600"));
        assert_eq!(a.wait(&long, 0), None);
    }

    #[test]
    fn configuration_is_read_and_the_key_never_shown() {
        assert!(OpenAiAdvisor::from_lookup(|_| None).is_none());
        assert!(
            OpenAiAdvisor::from_lookup(|n| (n == "OPENAI_API_KEY").then(|| " ".into())).is_none()
        );
        let a = OpenAiAdvisor::from_lookup(|n| (n == "OPENAI_API_KEY").then(|| "sk-secret".into()))
            .unwrap()
            .unwrap();
        assert_eq!(a.endpoint(), "https://api.openai.com/v1/chat/completions");
        assert_eq!(a.model(), DEFAULT_MODEL);
        assert!(!format!("{a:?}").contains("sk-secret"));
        let b = OpenAiAdvisor::from_lookup(|n| match n {
            "OPENAI_API_KEY" => Some("k".into()),
            "OPENAI_BASE_URL" => Some("http://127.0.0.1:8080/v1/".into()),
            "BOTJINSEONG_ADVISOR_MODEL" => Some("small-1".into()),
            _ => None,
        })
        .unwrap()
        .unwrap();
        assert_eq!(b.endpoint(), "http://127.0.0.1:8080/v1/chat/completions");
        assert_eq!(b.model(), "small-1");
        let bad = OpenAiAdvisor::new("api.openai.com", "k", "m");
        assert!(matches!(bad, Err(AdvisorError::Config(m)) if m.contains("https://")));
    }
}
