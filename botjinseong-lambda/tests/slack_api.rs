//! `WebApi` against a local stand-in for the Slack Web API that checks each
//! request the way Slack does (method path, bearer token, JSON body, the
//! method's required fields, channels and messages that exist) and records
//! every request it gets.

mod support;

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use botjinseong_lambda::SlackUserId;
use botjinseong_lambda::slack::{SlackApi, SlackError, WebApi};
use serde_json::{Value, json};
use support::slack::*;

trait Api {
    fn api(&self) -> WebApi;
}

impl Api for FakeSlack {
    fn api(&self) -> WebApi {
        WebApi::new(&self.base, TOKEN).unwrap()
    }
}

fn admin() -> SlackUserId {
    SlackUserId::parse(ADMIN).unwrap()
}

#[test]
fn reactions_are_added_and_removed() {
    let slack = FakeSlack::start();
    let api = slack.api();
    api.add_reaction(CHANNEL, MESSAGE_TS, "eyes").unwrap();
    let want = (CHANNEL.to_owned(), MESSAGE_TS.to_owned(), "eyes".to_owned());
    assert_eq!(slack.reactions(), HashSet::from([want]));
    assert!(api.remove_reaction(CHANNEL, MESSAGE_TS, "eyes").unwrap());
    assert!(slack.reactions().is_empty());

    let calls = slack.calls();
    assert_eq!(calls.len(), 2);
    assert_sent_like_slack(&calls[0], "reactions.add");
    assert_sent_like_slack(&calls[1], "reactions.remove");
    for call in &calls {
        assert_eq!(
            call.body,
            json!({"channel": CHANNEL, "timestamp": MESSAGE_TS, "name": "eyes"})
        );
    }
}

#[test]
fn already_reacted_and_no_reaction_are_successes() {
    let slack = FakeSlack::start();
    let api = slack.api();
    assert!(api.add_reaction(CHANNEL, MESSAGE_TS, "eyes").unwrap());
    // Already there: a success that says this call did not put it there,
    // which is what makes the reaction a lock.
    assert!(!api.add_reaction(CHANNEL, MESSAGE_TS, "eyes").unwrap());
    assert!(
        !api.remove_reaction(CHANNEL, MESSAGE_TS, "hourglass")
            .unwrap()
    );
    assert_eq!(slack.calls().len(), 3);
    assert_eq!(slack.reactions().len(), 1);
}

#[test]
fn a_thread_reply_is_posted_with_its_blocks() {
    let slack = FakeSlack::start();
    let blocks = json!([{"type": "section", "text": {"type": "mrkdwn", "text": "*granted*"}}]);
    let posted = slack
        .api()
        .post_message(CHANNEL, Some(MESSAGE_TS), "granted", Some(blocks.clone()))
        .unwrap();
    assert_eq!(posted.channel, CHANNEL);
    assert!(!posted.ts.is_empty() && posted.ts != MESSAGE_TS);

    let calls = slack.calls();
    assert_eq!(calls.len(), 1);
    assert_sent_like_slack(&calls[0], "chat.postMessage");
    assert_eq!(
        calls[0].body,
        json!({"channel": CHANNEL, "thread_ts": MESSAGE_TS, "text": "granted", "blocks": blocks})
    );
}

#[test]
fn a_top_level_message_sends_neither_thread_nor_blocks() {
    let slack = FakeSlack::start();
    slack
        .api()
        .post_message(CHANNEL, None, "hello", None)
        .unwrap();
    assert_eq!(
        slack.calls()[0].body,
        json!({"channel": CHANNEL, "text": "hello"})
    );
}

#[test]
fn a_dm_is_opened_posted_to_and_updated() {
    let slack = FakeSlack::start();
    let api = slack.api();
    let dm = api.open_dm(&admin()).unwrap();
    assert_eq!(dm, ADMIN_DM);
    let posted = api.post_message(&dm, None, "approve?", None).unwrap();
    assert_eq!(posted.channel, ADMIN_DM);
    let blocks = json!([{"type": "section", "text": {"type": "plain_text", "text": "approved"}}]);
    api.update_message(
        &posted.channel,
        &posted.ts,
        "approved by <@U0ADMIN1>",
        Some(blocks.clone()),
    )
    .unwrap();

    let calls = slack.calls();
    assert_eq!(calls.len(), 3);
    assert_sent_like_slack(&calls[0], "conversations.open");
    assert_eq!(calls[0].body, json!({"users": ADMIN}));
    assert_sent_like_slack(&calls[2], "chat.update");
    assert_eq!(
        calls[2].body,
        json!({"channel": ADMIN_DM, "ts": posted.ts, "text": "approved by <@U0ADMIN1>", "blocks": blocks})
    );
    let text = slack.state.lock().unwrap().messages[&(ADMIN_DM.to_owned(), posted.ts.clone())]
        .text
        .clone();
    assert_eq!(text, "approved by <@U0ADMIN1>");
}

#[test]
fn an_ephemeral_message_names_its_one_reader() {
    let slack = FakeSlack::start();
    slack
        .api()
        .post_ephemeral(ADMIN_DM, &admin(), "already decided")
        .unwrap_err();
    slack.api().open_dm(&admin()).unwrap();
    slack
        .api()
        .post_ephemeral(ADMIN_DM, &admin(), "already decided")
        .unwrap();
    let calls = slack.calls_to("chat.postEphemeral");
    assert_eq!(calls.len(), 2);
    assert_sent_like_slack(&calls[1], "chat.postEphemeral");
    assert_eq!(
        calls[1].body,
        json!({"channel": ADMIN_DM, "user": ADMIN, "text": "already decided"})
    );
}

#[test]
fn slack_errors_are_typed_and_name_the_method() {
    let slack = FakeSlack::start();
    let api = slack.api();
    let err = api.post_message("C0GONE", None, "hi", None).unwrap_err();
    assert!(
        matches!(&err, SlackError::Api { method: "chat.postMessage", code } if code == "channel_not_found"),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("chat.postMessage") && text.contains("channel_not_found"),
        "{text}"
    );

    let err = api.update_message(CHANNEL, "1.2", "x", None).unwrap_err();
    assert!(
        matches!(&err, SlackError::Api { method: "chat.update", code } if code == "message_not_found"),
        "{err:?}"
    );
    let stranger = SlackUserId::parse("U0NOBODY").unwrap();
    let err = api.open_dm(&stranger).unwrap_err();
    assert!(
        matches!(&err, SlackError::Api { method: "conversations.open", code } if code == "user_not_found"),
        "{err:?}"
    );
}

#[test]
fn a_wrong_token_is_invalid_auth_and_never_shown() {
    let slack = FakeSlack::start();
    let wrong = "xoxb-wrong-token-do-not-print";
    let api = WebApi::new(&slack.base, wrong).unwrap();
    let err = api.add_reaction(CHANNEL, MESSAGE_TS, "eyes").unwrap_err();
    assert!(
        matches!(&err, SlackError::Api { method: "reactions.add", code } if code == "invalid_auth"),
        "{err:?}"
    );
    assert!(slack.reactions().is_empty());
    for shown in [err.to_string(), format!("{err:?}"), format!("{api:?}")] {
        assert!(
            !shown.contains(wrong) && !shown.contains("xoxb-"),
            "{shown}"
        );
    }
}

#[test]
fn a_rate_limit_is_waited_out() {
    let slack = FakeSlack::start();
    slack.can(
        429,
        &[("retry-after", "1")],
        r#"{"ok":false,"error":"ratelimited"}"#,
    );
    let posted = slack.api().post_message(CHANNEL, None, "hi", None).unwrap();
    assert_eq!(posted.channel, CHANNEL);
    let calls = slack.calls();
    assert_eq!(calls.len(), 2);
    let waited = calls[1].at - calls[0].at;
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
    assert_eq!(calls[0].body, calls[1].body);
}

#[test]
fn a_long_rate_limit_is_an_error_at_once() {
    let slack = FakeSlack::start();
    slack.can(
        429,
        &[("retry-after", "60")],
        r#"{"ok":false,"error":"ratelimited"}"#,
    );
    let started = Instant::now();
    let err = slack
        .api()
        .add_reaction(CHANNEL, MESSAGE_TS, "eyes")
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(
            err,
            SlackError::RateLimited { method: "reactions.add", retry_after: Some(d), attempts: 1 }
                if d == Duration::from_secs(60)
        ),
        "{err:?}"
    );
    assert_eq!(slack.calls().len(), 1);
    assert!(slack.reactions().is_empty());
}

#[test]
fn rate_limits_are_retried_twice_at_most() {
    let slack = FakeSlack::start();
    for _ in 0..3 {
        slack.can(
            429,
            &[("retry-after", "0")],
            r#"{"ok":false,"error":"ratelimited"}"#,
        );
    }
    let err = slack.api().open_dm(&admin()).unwrap_err();
    assert!(
        matches!(
            err,
            SlackError::RateLimited {
                method: "conversations.open",
                attempts: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(slack.calls().len(), 3);
}

#[test]
fn an_http_error_is_typed() {
    let slack = FakeSlack::start();
    slack.can(503, &[], "upstream down");
    let err = slack
        .api()
        .post_message(CHANNEL, None, "hi", None)
        .unwrap_err();
    assert!(
        matches!(
            err,
            SlackError::Status {
                method: "chat.postMessage",
                status: 503
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_server_that_is_down_is_a_connection_error() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let api = WebApi::new(&format!("http://127.0.0.1:{port}/api"), TOKEN).unwrap();
    let err = api.add_reaction(CHANNEL, MESSAGE_TS, "eyes").unwrap_err();
    assert!(
        matches!(&err, SlackError::Connection { method: "reactions.add", url, .. }
            if url == &format!("http://127.0.0.1:{port}/api/reactions.add")),
        "{err:?}"
    );
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains(TOKEN), "{shown}");
    }
}

#[test]
fn a_server_that_never_answers_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    thread::spawn(move || {
        let held: Vec<_> = listener.incoming().take(1).collect();
        thread::sleep(Duration::from_secs(5));
        drop(held);
    });
    let api = WebApi::new(&base, TOKEN)
        .unwrap()
        .with_timeout(Duration::from_millis(300));
    let started = Instant::now();
    let err = api.post_message(CHANNEL, None, "hi", None).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(
        matches!(
            err,
            SlackError::Timeout {
                method: "chat.postMessage",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_bad_base_url_or_token_is_refused() {
    assert!(matches!(
        WebApi::new("slack.com/api", TOKEN),
        Err(SlackError::Config(_))
    ));
    assert!(matches!(
        WebApi::new("https://slack.com/api", " "),
        Err(SlackError::Config(_))
    ));
    let api = WebApi::new("https://slack.com/api/", TOKEN).unwrap();
    assert!(!format!("{api:?}").contains(TOKEN));
}

/// Posts by hand, to show the stand-in refuses what Slack refuses.
fn raw_post(base: &str, method: &str, headers: &str, body: &str) -> Value {
    let addr = base.trim_start_matches("http://").trim_end_matches("/api");
    let mut stream = TcpStream::connect(addr).unwrap();
    let request = format!(
        "POST /api/{method} HTTP/1.1\r\nhost: {addr}\r\n{headers}content-length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (_, body) = response.split_once("\r\n\r\n").unwrap();
    serde_json::from_str(body).unwrap()
}

#[test]
fn the_stand_in_refuses_what_slack_refuses() {
    let slack = FakeSlack::start();
    let auth = format!("authorization: Bearer {TOKEN}\r\n");
    let json_type = "content-type: application/json; charset=utf-8\r\n";
    let ok = |method: &str, body: &str| {
        raw_post(&slack.base, method, &format!("{auth}{json_type}"), body)
    };
    assert_eq!(
        raw_post(
            &slack.base,
            "chat.postMessage",
            json_type,
            r#"{"channel":"C0REQUEST","text":"x"}"#
        ),
        fail("not_authed")
    );
    assert_eq!(
        raw_post(
            &slack.base,
            "chat.postMessage",
            &format!("{auth}content-type: application/x-www-form-urlencoded\r\n"),
            r#"{"channel":"C0REQUEST","text":"x"}"#
        ),
        fail("invalid_arguments")
    );
    let missing = [
        ("reactions.add", r#"{"channel":"C0REQUEST","name":"eyes"}"#),
        (
            "reactions.remove",
            r#"{"channel":"C0REQUEST","timestamp":"1.2"}"#,
        ),
        ("chat.postMessage", r#"{"channel":"C0REQUEST"}"#),
        ("conversations.open", r#"{"user":"U0ADMIN1"}"#),
        ("chat.update", r#"{"channel":"C0REQUEST","text":"x"}"#),
        (
            "chat.postEphemeral",
            r#"{"channel":"C0REQUEST","text":"x"}"#,
        ),
    ];
    for (method, body) in missing {
        assert_eq!(ok(method, body), fail("invalid_arguments"), "{method}");
    }
    assert_eq!(ok("chat.nothing", "{}"), fail("unknown_method"));
}

#[test]
fn the_configured_client_calls_the_configured_base() {
    let slack = FakeSlack::start();
    let config = botjinseong_lambda::Config::from_lookup(|name| {
        Some(match name {
            "BOTJINSEONG_ACCOUNT_ID" => "123456789012".into(),
            "BOTJINSEONG_ADMINS" => ADMIN.into(),
            "BOTJINSEONG_REQUEST_CHANNEL" => CHANNEL.into(),
            "SLACK_SIGNING_SECRET" => "signing-secret".into(),
            "SLACK_BOT_TOKEN" => TOKEN.into(),
            "SLACK_API_BASE_URL" => format!("{}/", slack.base),
            _ => return None,
        })
    })
    .unwrap();
    let api = WebApi::from_config(&config).unwrap();
    api.add_reaction(CHANNEL, MESSAGE_TS, "eyes").unwrap();
    assert_sent_like_slack(&slack.calls()[0], "reactions.add");
}

#[test]
fn the_client_can_be_shared_across_threads() {
    fn shareable<T: SlackApi + Send + Sync + 'static>() {}
    shareable::<WebApi>();
}
