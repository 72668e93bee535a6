//! The handler's in-process latency: what Slack waits for before its 3 s
//! run out — signature check, body classification and the job — for an
//! Events API request and for a button click. No I/O happens here.
#![allow(missing_docs)]

use std::hint::black_box;

use aws_config::{BehaviorVersion, Region};
use aws_sdk_iam::config::Credentials;
use botjinseong_lambda::app::{App, Clients, EVENTS_PATH, INTERACTIONS_PATH, now_unix};
use botjinseong_lambda::aws::{self, AwsIam, AwsSts};
use botjinseong_lambda::interaction::{APPROVE, RequestRef};
use botjinseong_lambda::signature::sign;
use botjinseong_lambda::slack::WebApi;
use botjinseong_lambda::{Config, SlackUserId};
use criterion::{Criterion, criterion_group, criterion_main};
use http::{HeaderMap, HeaderValue, Method};
use serde_json::json;

const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";

fn app(runtime: &tokio::runtime::Runtime) -> std::sync::Arc<App> {
    let config = Config::from_lookup(|name| {
        Some(match name {
            "BOTJINSEONG_ACCOUNT_ID" => "123456789012".into(),
            "BOTJINSEONG_ADMINS" => "U0ADMIN1".into(),
            "BOTJINSEONG_REQUEST_CHANNEL" => "C0REQUEST".into(),
            "SLACK_SIGNING_SECRET" => SECRET.into(),
            "SLACK_BOT_TOKEN" => "xoxb-bench".into(),
            _ => return None,
        })
    })
    .unwrap();
    let loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("bench", "bench", None, None, "bench"));
    let sdk = runtime.block_on(aws::load(loader));
    let clients = Clients {
        slack: Box::new(WebApi::new("http://127.0.0.1:9/api", "xoxb-bench").unwrap()),
        iam: Box::new(AwsIam::new(&sdk, runtime.handle().clone())),
        decoder: Box::new(AwsSts::new(&sdk, runtime.handle().clone())),
        advisor: None,
    };
    App::new(config, clients)
}

fn signed(body: &str, content_type: &'static str) -> HeaderMap {
    let ts = now_unix().to_string();
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static(content_type));
    let signature = sign(SECRET.as_bytes(), &ts, body.as_bytes());
    headers.insert("x-slack-signature", signature.parse().unwrap());
    headers.insert("x-slack-request-timestamp", ts.parse().unwrap());
    headers
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let app = app(&runtime);
    let event = json!({
        "type": "event_callback", "event_id": "Ev0BENCH", "team_id": "T0TEAM",
        "event": {"type": "message", "channel": "C0REQUEST", "user": "U0ALICE", "ts": "1700000000.000100",
                  "text": "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k"},
    })
    .to_string();
    let event_headers = signed(&event, "application/json");
    let value = RequestRef {
        channel: "C0REQUEST".into(),
        ts: "1700000000.000100".into(),
        requester: SlackUserId::parse("U0ALICE").unwrap(),
        principal: "arn:aws:iam::123456789012:user/alice".into(),
        policies: vec!["arn:aws:iam::aws:policy/AmazonRDSFullAccess".into()],
        dms: Vec::new(),
    }
    .to_value();
    let payload = json!({
        "type": "block_actions", "user": {"id": "U0ADMIN1"},
        "container": {"type": "message", "channel_id": "D0ADMIN1", "message_ts": "1700000001.000200"},
        "actions": [{"type": "button", "action_id": APPROVE, "value": value}],
    });
    let click = form_urlencoded::Serializer::new(String::new())
        .append_pair("payload", &payload.to_string())
        .finish();
    let click_headers = signed(&click, "application/x-www-form-urlencoded");

    let mut group = c.benchmark_group("acknowledge");
    group.bench_function("event", |b| {
        b.iter(|| {
            let answer = app.acknowledge(
                &Method::POST,
                EVENTS_PATH,
                &event_headers,
                event.as_bytes(),
                now_unix(),
            );
            black_box(answer)
        })
    });
    group.bench_function("click", |b| {
        b.iter(|| {
            let answer = app.acknowledge(
                &Method::POST,
                INTERACTIONS_PATH,
                &click_headers,
                click.as_bytes(),
                now_unix(),
            );
            black_box(answer)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
