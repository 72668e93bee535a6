//! The Slack Web API calls the bot makes, behind [`SlackApi`] so tests can
//! point them anywhere, and [`WebApi`], the one implementation over HTTP.
//!
//! Slack answers HTTP 200 with `{"ok": true, …}` or `{"ok": false, "error":
//! "…"}`; an `ok: false` becomes [`SlackError::Api`] with the method and
//! Slack's code, except `already_reacted` (reactions.add) and `no_reaction`
//! (reactions.remove), which mean the reaction is already as asked. HTTP 429
//! is retried after its `Retry-After`, a bounded number of times.

use std::fmt;
use std::time::Duration;

use botjinseong_core::http::{
    BodyError, MAX_BODY, error_chain, install_crypto_provider, read_body, retry_after,
};
use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::config::Config;
use crate::ids::SlackUserId;

/// How long one request may take, connecting to the last byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// How many times a request answered 429 is sent again.
pub const MAX_RETRIES: u32 = 2;

/// The longest `Retry-After` waited for; Slack asking for longer gets no
/// retry, so a handler is never parked for minutes.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);

/// The wait before a retry when a 429 carries no usable `Retry-After`.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(1);

/// A message Slack posted: where it is and its timestamp, which is its id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRef {
    /// The channel id (for a DM, the `D…` id `conversations.open` gave).
    pub channel: String,
    /// The message's `ts`.
    pub ts: String,
}

/// Why a Slack call failed. The bot token never appears here.
#[derive(Debug, thiserror::Error)]
pub enum SlackError {
    /// Slack answered `ok: false`.
    #[error("Slack {method} failed: {code}")]
    Api {
        /// The Web API method, such as `chat.postMessage`.
        method: &'static str,
        /// Slack's error code, such as `channel_not_found`.
        code: String,
    },
    /// Slack kept answering 429, or asked to wait longer than
    /// [`MAX_RETRY_AFTER`].
    #[error(
        "Slack {method} is rate limited (asked to wait {retry_after:?}, {attempts} attempt(s))"
    )]
    RateLimited {
        /// The Web API method.
        method: &'static str,
        /// The wait Slack asked for last, if it said.
        retry_after: Option<Duration>,
        /// How many requests were sent.
        attempts: u32,
    },
    /// An HTTP status other than 200 or 429.
    #[error("Slack {method} answered HTTP {status}")]
    Status {
        /// The Web API method.
        method: &'static str,
        /// The HTTP status.
        status: u16,
    },
    /// Slack could not be reached, or the connection broke.
    #[error("Slack {method}: cannot reach {url}: {detail}")]
    Connection {
        /// The Web API method.
        method: &'static str,
        /// The URL asked.
        url: String,
        /// What went wrong.
        detail: String,
    },
    /// No complete answer within the timeout.
    #[error("Slack {method}: no answer within {timeout:?}")]
    Timeout {
        /// The Web API method.
        method: &'static str,
        /// The timeout.
        timeout: Duration,
    },
    /// The answer is not what Slack sends.
    #[error("Slack {method}: unexpected response: {detail}")]
    Malformed {
        /// The Web API method.
        method: &'static str,
        /// What is wrong with it.
        detail: String,
    },
    /// The client cannot be built as configured.
    #[error("Slack client: {0}")]
    Config(String),
}

/// The Slack Web API calls the bot makes. Blocking: call from outside an
/// async runtime (from an async caller, on a blocking task).
pub trait SlackApi {
    /// `reactions.add`: `name` (without colons) on the message `ts` in
    /// `channel`. Already there counts as done; the answer says whether
    /// this call put it there, which makes the reaction a lock.
    fn add_reaction(&self, channel: &str, ts: &str, name: &str) -> Result<bool, SlackError>;

    /// `reactions.remove`. Already absent counts as done; the answer says
    /// whether this call took it away.
    fn remove_reaction(&self, channel: &str, ts: &str, name: &str) -> Result<bool, SlackError>;

    /// `chat.postEphemeral`: `text` that only `user` sees, in `channel`.
    fn post_ephemeral(
        &self,
        channel: &str,
        user: &SlackUserId,
        text: &str,
    ) -> Result<(), SlackError>;

    /// `chat.postMessage`: `text` (the notification and fallback) and
    /// optional Block Kit `blocks`, in `thread_ts`'s thread when given.
    fn post_message(
        &self,
        channel: &str,
        thread_ts: Option<&str>,
        text: &str,
        blocks: Option<Value>,
    ) -> Result<MessageRef, SlackError>;

    /// `conversations.open`: the id of the DM channel with `user`, which
    /// `chat.update` needs later.
    fn open_dm(&self, user: &SlackUserId) -> Result<String, SlackError>;

    /// `chat.update`: replaces the text (and blocks, when given) of the
    /// message `ts` in `channel`.
    fn update_message(
        &self,
        channel: &str,
        ts: &str,
        text: &str,
        blocks: Option<Value>,
    ) -> Result<(), SlackError>;
}

/// [`SlackApi`] over HTTP: `POST {base}/{method}` with the bot token as a
/// bearer and a JSON body, over reqwest's blocking client and rustls with
/// the ring provider.
pub struct WebApi {
    client: Client,
    base: String,
    token: String,
    timeout: Duration,
}

impl fmt::Debug for WebApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebApi")
            .field("base", &self.base)
            .field("token", &"<redacted>")
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl WebApi {
    /// A client for `base_url` (such as `https://slack.com/api`) with the bot
    /// token `token` and [`DEFAULT_TIMEOUT`].
    pub fn new(base_url: &str, token: &str) -> Result<Self, SlackError> {
        let base = base_url.trim().trim_end_matches('/');
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(SlackError::Config(format!(
                "SLACK_API_BASE_URL must start with https:// or http://, not {base:?}"
            )));
        }
        reqwest::Url::parse(base).map_err(|e| {
            SlackError::Config(format!("SLACK_API_BASE_URL {base:?} is not a URL: {e}"))
        })?;
        let token = token.trim();
        if token.is_empty() || token.bytes().any(|b| b.is_ascii_control()) {
            return Err(SlackError::Config(
                "SLACK_BOT_TOKEN is empty or contains control characters".into(),
            ));
        }
        install_crypto_provider();
        let client = Client::builder()
            .user_agent(concat!("botjinseong/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                SlackError::Config(format!("cannot build the HTTP client: {}", error_chain(&e)))
            })?;
        Ok(Self {
            client,
            base: base.to_owned(),
            token: token.to_owned(),
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// The client the adapter's configuration describes.
    pub fn from_config(config: &Config) -> Result<Self, SlackError> {
        Self::new(&config.slack_api_base_url, config.bot_token.expose())
    }

    /// Sets how long one request may take (default [`DEFAULT_TIMEOUT`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Calls `method` with `body` and returns Slack's `ok: true` answer;
    /// `ok: false` with a code in `fine` counts as success (and returns the
    /// answer as it came).
    fn call(&self, method: &'static str, body: &Value, fine: &[&str]) -> Result<Value, SlackError> {
        let url = format!("{}/{method}", self.base);
        let body = serde_json::to_vec(body).map_err(|e| SlackError::Malformed {
            method,
            detail: format!("cannot encode the request: {e}"),
        })?;
        let mut attempts = 0;
        let response = loop {
            attempts += 1;
            let response = self.send(method, &url, &body)?;
            if response.status() != StatusCode::TOO_MANY_REQUESTS {
                break response;
            }
            let asked = retry_after(response.headers());
            let wait = asked.unwrap_or(DEFAULT_RETRY_AFTER);
            if attempts > MAX_RETRIES || wait > MAX_RETRY_AFTER {
                return Err(SlackError::RateLimited {
                    method,
                    retry_after: asked,
                    attempts,
                });
            }
            drop(response);
            std::thread::sleep(wait);
        };
        let status = response.status();
        if status != StatusCode::OK {
            return Err(SlackError::Status {
                method,
                status: status.as_u16(),
            });
        }
        let answer: Value = serde_json::from_slice(&self.read_body(method, &url, response)?)
            .map_err(|e| SlackError::Malformed {
                method,
                detail: format!("not JSON: {e}"),
            })?;
        match answer.get("ok").and_then(Value::as_bool) {
            Some(true) => Ok(answer),
            Some(false) => {
                let code = answer
                    .get("error")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown_error");
                match fine.contains(&code) {
                    true => Ok(answer),
                    false => Err(SlackError::Api {
                        method,
                        code: code.to_owned(),
                    }),
                }
            }
            None => Err(SlackError::Malformed {
                method,
                detail: "no boolean \"ok\"".into(),
            }),
        }
    }

    /// Sends one request.
    fn send(&self, method: &'static str, url: &str, body: &[u8]) -> Result<Response, SlackError> {
        self.client
            .post(url)
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .header(CONTENT_TYPE, "application/json; charset=utf-8")
            .timeout(self.timeout)
            .body(body.to_vec())
            .send()
            .map_err(|e| match e.is_timeout() {
                true => SlackError::Timeout {
                    method,
                    timeout: self.timeout,
                },
                false => SlackError::Connection {
                    method,
                    url: url.to_owned(),
                    detail: error_chain(&e),
                },
            })
    }

    /// Reads a body, at most [`MAX_BODY`] bytes.
    fn read_body(
        &self,
        method: &'static str,
        url: &str,
        response: Response,
    ) -> Result<Vec<u8>, SlackError> {
        read_body(response).map_err(|e| match e {
            BodyError::TimedOut => SlackError::Timeout {
                method,
                timeout: self.timeout,
            },
            BodyError::Io(detail) => SlackError::Connection {
                method,
                url: url.to_owned(),
                detail,
            },
            BodyError::TooLarge => SlackError::Malformed {
                method,
                detail: format!("the response is larger than {MAX_BODY} bytes"),
            },
        })
    }
}

impl SlackApi for WebApi {
    fn add_reaction(&self, channel: &str, ts: &str, name: &str) -> Result<bool, SlackError> {
        let body = json!({"channel": channel, "timestamp": ts, "name": name});
        self.call("reactions.add", &body, &["already_reacted"])
            .map(|answer| answer["ok"] == true)
    }

    fn remove_reaction(&self, channel: &str, ts: &str, name: &str) -> Result<bool, SlackError> {
        let body = json!({"channel": channel, "timestamp": ts, "name": name});
        self.call("reactions.remove", &body, &["no_reaction"])
            .map(|answer| answer["ok"] == true)
    }

    fn post_ephemeral(
        &self,
        channel: &str,
        user: &SlackUserId,
        text: &str,
    ) -> Result<(), SlackError> {
        let body = json!({"channel": channel, "user": user.as_str(), "text": text});
        self.call("chat.postEphemeral", &body, &[]).map(drop)
    }

    fn post_message(
        &self,
        channel: &str,
        thread_ts: Option<&str>,
        text: &str,
        blocks: Option<Value>,
    ) -> Result<MessageRef, SlackError> {
        const METHOD: &str = "chat.postMessage";
        let mut body = json!({"channel": channel, "text": text});
        if let Some(ts) = thread_ts {
            body["thread_ts"] = ts.into();
        }
        if let Some(blocks) = blocks {
            body["blocks"] = blocks;
        }
        let answer = self.call(METHOD, &body, &[])?;
        let field = |name: &str| {
            answer
                .get(name)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| SlackError::Malformed {
                    method: METHOD,
                    detail: format!("no {name:?} in the answer"),
                })
        };
        Ok(MessageRef {
            channel: field("channel")?,
            ts: field("ts")?,
        })
    }

    fn open_dm(&self, user: &SlackUserId) -> Result<String, SlackError> {
        const METHOD: &str = "conversations.open";
        let answer = self.call(METHOD, &json!({"users": user.as_str()}), &[])?;
        answer
            .pointer("/channel/id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| SlackError::Malformed {
                method: METHOD,
                detail: "no \"channel.id\" in the answer".into(),
            })
    }

    fn update_message(
        &self,
        channel: &str,
        ts: &str,
        text: &str,
        blocks: Option<Value>,
    ) -> Result<(), SlackError> {
        let mut body = json!({"channel": channel, "ts": ts, "text": text});
        if let Some(blocks) = blocks {
            body["blocks"] = blocks;
        }
        self.call("chat.update", &body, &[]).map(drop)
    }
}
