//! The bot end to end: `serve`'s real HTTP server and handlers on loopback,
//! with IAM at moto's server (started by `scripts/test`, which sets
//! `BOTJINSEONG_TEST_IAM_URL`), STS and Slack at the local stand-ins.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_iam::config::Credentials;
use botjinseong_lambda::Config;
use botjinseong_lambda::app::{App, Clients, EVENTS_PATH, INTERACTIONS_PATH, now_unix};
use botjinseong_lambda::aws::{self, AwsIam, AwsSts};
use botjinseong_lambda::serve::{self, Server};
use botjinseong_lambda::signature::sign;
use botjinseong_lambda::slack::WebApi;
use serde_json::{Value, json};
use tokio::runtime::Runtime;

use super::slack::{ADMIN, CHANNEL, FakeSlack, TOKEN};
use super::sts::FakeSts;

/// The account moto's users are in.
pub const ACCOUNT: &str = "123456789012";
pub const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
pub const ADMIN2: &str = "U0ADMIN2";
pub const ADMIN2_DM: &str = "D0ADMIN2";
pub const ALICE: &str = "U0ALICE";
pub const WORKFLOW_BOT: &str = "B0WORKFLOW";

/// moto's URL, which `scripts/test` sets; without it the test cannot run
/// and says so, rather than passing without IAM.
pub fn moto_url() -> String {
    std::env::var("BOTJINSEONG_TEST_IAM_URL").expect(
        "BOTJINSEONG_TEST_IAM_URL is not set: run the tests with scripts/test, which starts moto's server",
    )
}

/// A name no other test (nor an earlier run against the same moto) uses.
pub fn unique(base: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{base}-{}-{n}-{nanos}", std::process::id())
}

/// How a bot differs from the default.
#[derive(Default)]
pub struct Options {
    /// IAM elsewhere than moto (a port nobody listens on, to fail).
    pub iam_url: Option<String>,
    /// `BOTJINSEONG_NEVER_GRANT`.
    pub never_grant: Option<String>,
    /// Another instance's Slack, to share.
    pub slack: Option<FakeSlack>,
    /// What STS decodes.
    pub decodes: Vec<(String, String)>,
}

pub struct Bot {
    pub slack: FakeSlack,
    pub sts: FakeSts,
    /// An IAM client of the tests' own, to set up and inspect moto.
    pub iam: aws_sdk_iam::Client,
    pub server: Server,
    base: String,
    http: reqwest::blocking::Client,
    // Last: the runtime ends after everything that uses it.
    pub runtime: Runtime,
}

/// An SDK configuration for a local endpoint: test credentials, one attempt.
pub fn sdk(runtime: &Runtime, url: &str) -> SdkConfig {
    let loader = aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(url)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .retry_config(RetryConfig::standard().with_max_attempts(1));
    runtime.block_on(aws::load(loader))
}

impl Bot {
    pub fn start() -> Self {
        Self::with(Options::default())
    }

    pub fn with(options: Options) -> Self {
        let slack = options.slack.unwrap_or_else(|| {
            let slack = FakeSlack::start();
            slack.add_user(ADMIN2, ADMIN2_DM);
            slack
        });
        let decodes: Vec<_> = options
            .decodes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let sts = FakeSts::start(&decodes);
        let mut vars: HashMap<&str, String> = HashMap::from([
            ("BOTJINSEONG_ACCOUNT_ID", ACCOUNT.into()),
            ("BOTJINSEONG_ADMINS", format!("{ADMIN},{ADMIN2}")),
            ("BOTJINSEONG_REQUEST_CHANNEL", CHANNEL.into()),
            ("BOTJINSEONG_WORKFLOW_BOT_ID", WORKFLOW_BOT.into()),
            ("SLACK_SIGNING_SECRET", SECRET.into()),
            ("SLACK_BOT_TOKEN", TOKEN.into()),
            ("SLACK_API_BASE_URL", slack.base.clone()),
        ]);
        if let Some(never) = options.never_grant {
            vars.insert("BOTJINSEONG_NEVER_GRANT", never);
        }
        let config = Config::from_lookup(|name| vars.get(name).cloned()).unwrap();

        let runtime = Runtime::new().unwrap();
        let moto = sdk(&runtime, &moto_url());
        let app_iam = match &options.iam_url {
            Some(url) => sdk(&runtime, url),
            None => moto.clone(),
        };
        let clients = Clients {
            slack: Box::new(WebApi::new(&slack.base, TOKEN).unwrap()),
            iam: Box::new(AwsIam::new(&app_iam, runtime.handle().clone())),
            decoder: Box::new(AwsSts::new(
                &sdk(&runtime, &sts.url),
                runtime.handle().clone(),
            )),
            advisor: None,
        };
        let app = App::new(config, clients);
        let server = runtime
            .block_on(serve::start(
                Arc::clone(&app),
                "127.0.0.1:0".parse().unwrap(),
            ))
            .unwrap();
        botjinseong_core::http::install_crypto_provider();
        Self {
            base: format!("http://{}", server.addr),
            iam: aws_sdk_iam::Client::new(&moto),
            server,
            slack,
            sts,
            http: reqwest::blocking::Client::new(),
            runtime,
        }
    }

    /// Creates an IAM user, tagged as `owner`'s when given; its ARN.
    pub fn create_user(&self, name: &str, owner: Option<&str>) -> String {
        let mut create = self.iam.create_user().user_name(name);
        if let Some(owner) = owner {
            let tag = aws_sdk_iam::types::Tag::builder()
                .key("slack-user-id")
                .value(owner)
                .build()
                .unwrap();
            create = create.tags(tag);
        }
        let created = self.runtime.block_on(create.send());
        let user = created
            .expect("CreateUser in moto's IAM failed: is its server still running?")
            .user
            .unwrap();
        user.arn
    }

    /// Attaches a managed policy directly (test setup).
    pub fn attach(&self, user: &str, policy_arn: &str) {
        let call = self
            .iam
            .attach_user_policy()
            .user_name(user)
            .policy_arn(policy_arn)
            .send();
        self.runtime.block_on(call).unwrap();
    }

    /// The managed policies attached to a user, by name, sorted.
    pub fn attached(&self, user: &str) -> Vec<String> {
        let call = self
            .iam
            .list_attached_user_policies()
            .user_name(user)
            .send();
        let out = self.runtime.block_on(call).unwrap();
        let mut names: Vec<_> = out
            .attached_policies()
            .iter()
            .filter_map(|p| p.policy_name.clone())
            .collect();
        names.sort();
        names
    }

    /// POSTs `body` to `path` with `headers`; the status and body.
    pub fn post(
        &self,
        path: &str,
        content_type: &str,
        headers: &[(&str, String)],
        body: &str,
    ) -> (u16, String) {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body.to_owned());
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request.send().unwrap();
        let status = response.status().as_u16();
        (status, response.text().unwrap())
    }

    /// The headers Slack signs a body with, now.
    pub fn signed(body: &str) -> Vec<(&'static str, String)> {
        let ts = now_unix().to_string();
        vec![
            (
                "x-slack-signature",
                sign(SECRET.as_bytes(), &ts, body.as_bytes()),
            ),
            ("x-slack-request-timestamp", ts),
        ]
    }

    /// An Events API envelope around `event`.
    pub fn envelope(event: Value) -> String {
        json!({
            "token": "unused-verification-token",
            "team_id": "T0TEAM",
            "api_app_id": "A0APP",
            "type": "event_callback",
            "event_id": unique("Ev"),
            "event_time": now_unix(),
            "event": event,
        })
        .to_string()
    }

    /// Posts a signed Events API body; waits until the work is done.
    pub fn send_event(&self, body: &str) -> (u16, String) {
        let answer = self.post(EVENTS_PATH, "application/json", &Self::signed(body), body);
        self.wait();
        answer
    }

    /// A message by `user` in the request channel at `ts`, known to Slack,
    /// sent as an event; waits until the work is done.
    pub fn request(&self, user: &str, ts: &str, text: &str) -> (u16, String) {
        self.slack.add_message(CHANNEL, ts, text);
        let event = json!({
            "type": "message", "channel": CHANNEL, "channel_type": "channel",
            "user": user, "text": text, "ts": ts, "event_ts": ts,
        });
        self.send_event(&Self::envelope(event))
    }

    /// A click on a button of the DM at `(dm, dm_ts)`; waits until the
    /// work is done.
    pub fn click(
        &self,
        user: &str,
        action_id: &str,
        value: &str,
        dm: &str,
        dm_ts: &str,
    ) -> (u16, String) {
        let payload = json!({
            "type": "block_actions",
            "user": {"id": user},
            "container": {"type": "message", "channel_id": dm, "message_ts": dm_ts},
            "actions": [{"type": "button", "action_id": action_id, "value": value}],
        });
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("payload", &payload.to_string())
            .finish();
        let answer = self.post(
            INTERACTIONS_PATH,
            "application/x-www-form-urlencoded",
            &Self::signed(&body),
            &body,
        );
        self.wait();
        answer
    }

    /// Waits until no background job runs.
    pub fn wait(&self) {
        assert!(
            self.server.jobs.wait_idle(Duration::from_secs(60)),
            "the bot's work did not finish"
        );
    }
}
