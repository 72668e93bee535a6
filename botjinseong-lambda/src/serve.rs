//! `botjinseong-lambda serve`: the bot's routes as a plain HTTP/1 server,
//! for local development behind a tunnel and for the end-to-end tests. The
//! work after each answer runs on a blocking background task; [`Jobs`]
//! counts them, so a caller can wait until the bot is idle.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Response, StatusCode, header::CONTENT_TYPE};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::app::{Answer, App, Job, now_unix};

/// The largest body accepted: Slack's are a few KiB.
pub const MAX_BODY: usize = 1 << 20;

/// The jobs still running.
#[derive(Debug, Default)]
pub struct Jobs {
    running: Mutex<usize>,
    changed: Condvar,
}

impl Jobs {
    fn add(&self, delta: isize) {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        *running = running.saturating_add_signed(delta);
        self.changed.notify_all();
    }

    /// Waits, blocking, until no job runs or `timeout` passes; whether the
    /// bot is idle.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        while *running > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            running = self
                .changed
                .wait_timeout(running, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }
}

/// Runs `job` on a blocking task, counted in `jobs`.
pub fn spawn_job(app: Arc<App>, jobs: Arc<Jobs>, job: Job) {
    jobs.add(1);
    tokio::task::spawn_blocking(move || {
        let outcome = app.run(&job, now_unix());
        tracing::debug!(?outcome, "job done");
        jobs.add(-1);
    });
}

/// The HTTP response for an answer.
pub fn response(answer: Answer) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() = answer.status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        http::HeaderValue::from_static(answer.content_type),
    );
    response
}

async fn handle(
    app: Arc<App>,
    jobs: Arc<Jobs>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            let answer = Answer::text(
                StatusCode::PAYLOAD_TOO_LARGE,
                "the body is too large or broken",
            );
            return Ok(response(answer));
        }
    };
    let (answer, job) = app.acknowledge(
        &parts.method,
        parts.uri.path(),
        &parts.headers,
        &body,
        now_unix(),
    );
    if let Some(job) = job {
        spawn_job(Arc::clone(&app), jobs, job);
    }
    Ok(response(answer))
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its background jobs.
    pub jobs: Arc<Jobs>,
}

/// Binds `addr` and serves the bot's routes on the current tokio runtime
/// until the runtime ends.
pub async fn start(app: Arc<App>, addr: SocketAddr) -> std::io::Result<Server> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let jobs = Arc::new(Jobs::default());
    let shared = Arc::clone(&jobs);
    tokio::spawn(async move {
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(error) => {
                    tracing::error!(%error, "cannot accept a connection");
                    continue;
                }
            };
            let (app, jobs) = (Arc::clone(&app), Arc::clone(&shared));
            tokio::spawn(async move {
                let service =
                    service_fn(move |request| handle(Arc::clone(&app), Arc::clone(&jobs), request));
                if let Err(error) = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await
                {
                    tracing::debug!(%error, "a connection ended badly");
                }
            });
        }
    });
    Ok(Server { addr, jobs })
}
