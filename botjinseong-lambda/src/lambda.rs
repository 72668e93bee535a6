//! The bot on AWS Lambda, behind an API Gateway HTTP API: the same
//! [`App::acknowledge`] as `serve`, and the work after the answer done by
//! an asynchronous invocation of this very function (`InvocationType:
//! Event`), whose payload is the [`Job`]. Such an event is no HTTP request,
//! so it reaches the handler as lambda_http's pass-through request; the job
//! inside is verified against Slack's signature again before it runs.

use std::sync::Arc;

use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::InvocationType;
use lambda_http::request::RequestContext;
use lambda_http::{Body, Error, Request, RequestExt, Response, service_fn};

use crate::app::{Answer, App, Job, now_unix};

/// Starts the invocation that does `job`.
async fn dispatch(
    lambda: &aws_sdk_lambda::Client,
    function: &str,
    job: &Job,
) -> Result<(), String> {
    let payload = serde_json::to_vec(job).map_err(|e| e.to_string())?;
    lambda
        .invoke()
        .function_name(function)
        .invocation_type(InvocationType::Event)
        .payload(Blob::new(payload))
        .send()
        .await
        .map(drop)
        .map_err(|e| aws_sdk_lambda::error::DisplayErrorContext(e).to_string())
}

fn response(answer: Answer) -> Result<Response<Body>, Error> {
    Ok(Response::builder()
        .status(answer.status)
        .header("content-type", answer.content_type)
        .body(Body::Text(answer.body))?)
}

/// Handles one invocation: an HTTP API request is answered (and its job
/// dispatched to `function`); a pass-through job is run.
pub async fn handle(
    app: Arc<App>,
    lambda: aws_sdk_lambda::Client,
    function: Arc<str>,
    request: Request,
) -> Result<Response<Body>, Error> {
    if matches!(
        request.request_context_ref(),
        Some(RequestContext::PassThrough)
    ) {
        let job: Job = serde_json::from_slice(request.body())?;
        let outcome = tokio::task::spawn_blocking(move || app.run(&job, now_unix())).await?;
        tracing::debug!(?outcome, "job done");
        return response(Answer::text(http::StatusCode::OK, ""));
    }
    let (answer, job) = app.acknowledge(
        request.method(),
        request.uri().path(),
        request.headers(),
        request.body(),
        now_unix(),
    );
    if let Some(job) = job
        && let Err(error) = dispatch(&lambda, &function, &job).await
    {
        tracing::error!(%error, "cannot start the work after the answer");
        return response(Answer::text(
            http::StatusCode::INTERNAL_SERVER_ERROR,
            "cannot start the work",
        ));
    }
    response(answer)
}

/// Runs the Lambda handler until the runtime stops it. `function` is this
/// function's name (`AWS_LAMBDA_FUNCTION_NAME`).
pub async fn run(
    app: Arc<App>,
    lambda: aws_sdk_lambda::Client,
    function: String,
) -> Result<(), Error> {
    let function: Arc<str> = function.into();
    lambda_http::run(service_fn(move |request| {
        handle(
            Arc::clone(&app),
            lambda.clone(),
            Arc::clone(&function),
            request,
        )
    }))
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Route;

    #[test]
    fn a_job_reaches_the_handler_as_a_pass_through_request() {
        let job = Job {
            route: Route::Events,
            timestamp: "1700000000".into(),
            signature: "v0=00".into(),
            body: r#"{"type":"event_callback"}"#.into(),
        };
        let event = serde_json::to_string(&job).unwrap();
        let request: lambda_http::request::LambdaRequest = serde_json::from_str(&event).unwrap();
        let request: Request = request.into();
        assert!(matches!(
            request.request_context_ref(),
            Some(RequestContext::PassThrough)
        ));
        let back: Job = serde_json::from_slice(request.body()).unwrap();
        assert_eq!(back, job);
    }
}
