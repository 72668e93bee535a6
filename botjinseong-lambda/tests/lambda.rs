//! The Lambda handler on API Gateway HTTP API events (payload 2.0), as
//! lambda_http hands them over: the same answers as `serve`, and a job that
//! is not Slack's refused.

mod support;

use std::sync::Arc;

use botjinseong_lambda::app::{App, Clients, Job, Route, now_unix};
use botjinseong_lambda::aws::{AwsIam, AwsSts};
use botjinseong_lambda::lambda::handle;
use botjinseong_lambda::signature::sign;
use botjinseong_lambda::slack::WebApi;
use lambda_http::request::LambdaRequest;
use lambda_http::{Body, Request};
use serde_json::json;
use support::bot::{ACCOUNT, SECRET, sdk};
use support::slack::{ADMIN, CHANNEL, FakeSlack, TOKEN};

/// An HTTP API event for `POST path` with `headers` and `body`.
fn http_event(path: &str, headers: serde_json::Value, body: &str) -> Request {
    let event = json!({
        "version": "2.0",
        "routeKey": format!("POST {path}"),
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": ACCOUNT, "apiId": "api0", "domainName": "api0.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "api0", "requestId": "r0", "routeKey": format!("POST {path}"), "stage": "$default",
            "time": "04/Dec/2026:12:00:00 +0000", "timeEpoch": 1796385600000u64,
            "http": {"method": "POST", "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "Slackbot 1.0"},
        },
        "body": body,
        "isBase64Encoded": false,
    });
    serde_json::from_value::<LambdaRequest>(event)
        .unwrap()
        .into()
}

struct Harness {
    app: Arc<App>,
    slack: FakeSlack,
    runtime: tokio::runtime::Runtime,
    lambda: aws_sdk_lambda::Client,
}

fn harness() -> Harness {
    let slack = FakeSlack::start();
    let base = slack.base.clone();
    let config = botjinseong_lambda::Config::from_lookup(|name| {
        Some(match name {
            "BOTJINSEONG_ACCOUNT_ID" => ACCOUNT.into(),
            "BOTJINSEONG_ADMINS" => ADMIN.into(),
            "BOTJINSEONG_REQUEST_CHANNEL" => CHANNEL.into(),
            "SLACK_SIGNING_SECRET" => SECRET.into(),
            "SLACK_BOT_TOKEN" => TOKEN.into(),
            "SLACK_API_BASE_URL" => base.clone(),
            _ => return None,
        })
    })
    .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // Nothing here reaches AWS: a closed port stands for it.
    let nowhere = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let aws = sdk(&runtime, &nowhere);
    let clients = Clients {
        slack: Box::new(WebApi::new(&slack.base, TOKEN).unwrap()),
        iam: Box::new(AwsIam::new(&aws, runtime.handle().clone())),
        decoder: Box::new(AwsSts::new(&aws, runtime.handle().clone())),
        advisor: None,
    };
    Harness {
        app: App::new(config, clients),
        slack,
        lambda: aws_sdk_lambda::Client::new(&aws),
        runtime,
    }
}

impl Harness {
    fn invoke(&self, request: Request) -> (u16, String) {
        let call = handle(
            Arc::clone(&self.app),
            self.lambda.clone(),
            "botjinseong".into(),
            request,
        );
        let response = self.runtime.block_on(call).unwrap();
        let body = match response.body() {
            Body::Text(text) => text.clone(),
            Body::Empty => String::new(),
            Body::Binary(bytes) => String::from_utf8(bytes.clone()).unwrap(),
            _ => unreachable!("no other body is built"),
        };
        (response.status().as_u16(), body)
    }
}

#[test]
fn answers_url_verification_and_refuses_the_unsigned() {
    let h = harness();
    let body = json!({"type": "url_verification", "challenge": "c0ffee", "token": "x"}).to_string();
    let ts = now_unix().to_string();
    let signed = json!({
        "content-type": "application/json",
        "x-slack-request-timestamp": ts,
        "x-slack-signature": sign(SECRET.as_bytes(), &ts, body.as_bytes()),
    });
    assert_eq!(
        h.invoke(http_event("/slack/events", signed, &body)),
        (200, "c0ffee".into())
    );
    let unsigned = json!({"content-type": "application/json"});
    assert_eq!(
        h.invoke(http_event("/slack/events", unsigned, &body)).0,
        401
    );
    assert!(h.slack.calls().is_empty());
}

#[test]
fn a_job_slack_did_not_sign_does_nothing() {
    let h = harness();
    let text = format!(
        "User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k"
    );
    let body = json!({
        "type": "event_callback", "event_id": "Ev0FORGED",
        "event": {"type": "message", "channel": CHANNEL, "user": "U0ALICE", "text": text, "ts": "1.2"},
    })
    .to_string();
    let job = Job {
        route: Route::Events,
        timestamp: now_unix().to_string(),
        signature: sign(b"not-the-secret", &now_unix().to_string(), body.as_bytes()),
        body,
    };
    let event = serde_json::to_string(&job).unwrap();
    let request: Request = serde_json::from_str::<LambdaRequest>(&event)
        .unwrap()
        .into();
    assert_eq!(h.invoke(request).0, 200);
    assert!(h.slack.calls().is_empty(), "{:?}", h.slack.methods());
}

#[test]
fn a_request_whose_work_cannot_be_dispatched_is_a_500_for_slack_to_retry() {
    let h = harness();
    let body = json!({
        "type": "event_callback", "event_id": "Ev0NODISPATCH",
        "event": {"type": "message", "channel": CHANNEL, "user": "U0ALICE", "text": "s3:GetObject denied", "ts": "1.3"},
    })
    .to_string();
    let ts = now_unix().to_string();
    let headers = json!({
        "content-type": "application/json",
        "x-slack-request-timestamp": ts,
        "x-slack-signature": sign(SECRET.as_bytes(), &ts, body.as_bytes()),
    });
    assert_eq!(h.invoke(http_event("/slack/events", headers, &body)).0, 500);
    assert!(h.slack.calls().is_empty());
}
