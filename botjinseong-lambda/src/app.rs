//! The bot's two routes as plain functions, shared by `serve` and Lambda:
//! [`App::acknowledge`] answers Slack within its 3 seconds and hands back
//! the [`Job`] to do after the answer; [`App::run`] does it.
//!
//! A job is the request exactly as Slack signed it (body, timestamp,
//! signature), so the worker verifies it again before anything happens:
//! whatever carries a job between the two (a background task, or Lambda's
//! asynchronous self-invocation) adds no way in that Slack's signature
//! does not already guard.

use std::sync::Arc;

use botjinseong::Engine;
use botjinseong::advisor::Advisor;
use http::{HeaderMap, Method, StatusCode};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::dedupe::{Dedupe, RecentEvents, retry_num};
use crate::flow::{Outcome, Services};
use crate::iam::{Decoder, Iam};
use crate::intake::{self, Intake};
use crate::interaction;
use crate::signature::{self, SignatureError};
use crate::slack::SlackApi;

/// The Events API route.
pub const EVENTS_PATH: &str = "/slack/events";
/// The interactivity route.
pub const INTERACTIONS_PATH: &str = "/slack/interactions";

/// How many event ids an instance remembers (see [`crate::dedupe`]).
const RECENT_EVENTS: usize = 4096;

/// Which route a job came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// `POST /slack/events`.
    Events,
    /// `POST /slack/interactions`.
    Interactions,
}

/// The work after the acknowledgement: a request as Slack signed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Job {
    /// The route.
    pub route: Route,
    /// `X-Slack-Request-Timestamp`.
    pub timestamp: String,
    /// `X-Slack-Signature`.
    pub signature: String,
    /// The body, exactly as received.
    pub body: String,
}

/// An HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Its status.
    pub status: StatusCode,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// Its body.
    pub body: String,
}

impl Answer {
    /// A plain-text answer.
    pub fn text(status: StatusCode, body: impl Into<String>) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.into(),
        }
    }

    fn ok() -> Self {
        Self::text(StatusCode::OK, "")
    }
}

/// The current Unix time in seconds.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The services the bot talks to, shareable across threads.
pub struct Clients {
    /// Slack's Web API.
    pub slack: Box<dyn SlackApi + Send + Sync>,
    /// IAM.
    pub iam: Box<dyn Iam + Send + Sync>,
    /// STS.
    pub decoder: Box<dyn Decoder + Send + Sync>,
    /// The language-model fallback, when configured.
    pub advisor: Option<Box<dyn Advisor + Send + Sync>>,
}

/// The bot: its configuration, engine and clients.
pub struct App {
    config: Config,
    engine: Engine,
    clients: Clients,
    recent: RecentEvents,
}

impl App {
    /// The bot, shared between the server and its workers.
    pub fn new(config: Config, clients: Clients) -> Arc<Self> {
        Arc::new(Self {
            engine: Engine::with_config(config.engine.clone()),
            config,
            clients,
            recent: RecentEvents::new(RECENT_EVENTS),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn verify(
        &self,
        timestamp: &str,
        signature: &str,
        body: &[u8],
        now: i64,
    ) -> Result<(), SignatureError> {
        signature::verify(
            self.config.signing_secret.expose().as_bytes(),
            timestamp,
            signature,
            body,
            now,
        )
    }

    /// Answers a request to one of the routes, at Unix time `now`; the job
    /// to do once the answer is sent, if any. Nothing else happens here:
    /// no Slack, IAM or STS call.
    pub fn acknowledge(
        &self,
        method: &Method,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
    ) -> (Answer, Option<Job>) {
        let route = match path {
            EVENTS_PATH => Route::Events,
            INTERACTIONS_PATH => Route::Interactions,
            _ => return (Answer::text(StatusCode::NOT_FOUND, "no such route"), None),
        };
        if method != Method::POST {
            return (
                Answer::text(StatusCode::METHOD_NOT_ALLOWED, "POST only"),
                None,
            );
        }
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
        };
        let (timestamp, signature) = (
            header("x-slack-request-timestamp"),
            header("x-slack-signature"),
        );
        if let Err(error) = self.verify(timestamp, signature, body, now) {
            tracing::warn!(%error, path, "refused an unverified request");
            return (
                Answer::text(StatusCode::UNAUTHORIZED, "unverified request"),
                None,
            );
        }
        let Ok(text) = std::str::from_utf8(body) else {
            return (
                Answer::text(StatusCode::BAD_REQUEST, "the body is not UTF-8"),
                None,
            );
        };
        let job = Job {
            route,
            timestamp: timestamp.to_owned(),
            signature: signature.to_owned(),
            body: text.to_owned(),
        };
        match route {
            Route::Events => self.acknowledge_event(
                job,
                retry_num(
                    headers
                        .get("x-slack-retry-num")
                        .and_then(|v| v.to_str().ok()),
                ),
            ),
            Route::Interactions => match interaction::decide(body, &self.config.admins) {
                Ok(_) => (Answer::ok(), Some(job)),
                Err(error) => (
                    Answer::text(StatusCode::BAD_REQUEST, error.to_string()),
                    None,
                ),
            },
        }
    }

    fn acknowledge_event(&self, job: Job, retry: Option<u32>) -> (Answer, Option<Job>) {
        match intake::classify(job.body.as_bytes(), (&self.config).into()) {
            Ok(Intake::Challenge(challenge)) => (Answer::text(StatusCode::OK, challenge), None),
            Ok(Intake::Ignore(why)) => {
                tracing::debug!(?why, "ignored an event");
                (Answer::ok(), None)
            }
            Ok(Intake::Request(request)) => {
                tracing::info!(event_id = %request.event_id, ?retry, "accepted a request");
                (Answer::ok(), Some(job))
            }
            Err(error) => (
                Answer::text(StatusCode::BAD_REQUEST, error.to_string()),
                None,
            ),
        }
    }

    /// Does a job at Unix time `now`: verifies it again, then handles the
    /// request or the click. `None` when the job is not one Slack signed,
    /// or no longer reads as work.
    pub fn run(&self, job: &Job, now: i64) -> Option<Outcome> {
        let body = job.body.as_bytes();
        if let Err(error) = self.verify(&job.timestamp, &job.signature, body, now) {
            tracing::warn!(%error, "refused an unverified job");
            return None;
        }
        let services = Services {
            engine: &self.engine,
            config: &self.config,
            slack: self.clients.slack.as_ref(),
            iam: self.clients.iam.as_ref(),
            decoder: self.clients.decoder.as_ref(),
            advisor: self.clients.advisor.as_deref().map(|a| a as &dyn Advisor),
        };
        match job.route {
            Route::Events => match intake::classify(body, (&self.config).into()) {
                // Remembered only once the work runs, so the retry of an
                // event whose job never started does the work.
                Ok(Intake::Request(request)) => match self.recent.first_time(&request.event_id) {
                    true => Some(services.handle_request(&request)),
                    false => Some(Outcome::Duplicate),
                },
                _ => None,
            },
            Route::Interactions => interaction::decide(body, &self.config.admins)
                .ok()
                .map(|decision| services.handle_click(&decision)),
        }
    }
}
