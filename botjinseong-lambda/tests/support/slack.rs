//! A local stand-in for the Slack Web API that checks each request the way
//! Slack does (method path, bearer token, JSON body, the method's required
//! fields, channels, users and messages that exist), keeps the state the
//! calls change (messages, reactions), and records every request.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::{Value, json};

use super::http::{read_request, serve_forever, write_response};

pub const TOKEN: &str = "xoxb-test-0123456789-secret";
pub const CHANNEL: &str = "C0REQUEST";
pub const MESSAGE_TS: &str = "1700000000.000100";
pub const ADMIN: &str = "U0ADMIN1";
pub const ADMIN_DM: &str = "D0ADMIN1";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Call {
    pub path: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
    pub at: Instant,
}

impl Call {
    /// The Web API method called.
    pub fn method(&self) -> &str {
        self.path.trim_start_matches("/api/")
    }
}

/// An answer given before any checking, in order, one per request.
struct Canned {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

/// A message Slack holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub blocks: Value,
    pub thread_ts: Option<String>,
}

#[derive(Default)]
pub struct State {
    pub calls: Vec<Call>,
    canned: VecDeque<Canned>,
    channels: HashSet<String>,
    /// user → their DM channel with the bot.
    dms: HashMap<String, String>,
    /// (channel, ts) → message.
    pub messages: HashMap<(String, String), Message>,
    /// (channel, ts, name).
    pub reactions: HashSet<(String, String, String)>,
    /// method → the error code it always answers.
    failing: HashMap<String, String>,
    next_ts: u64,
}

#[derive(Clone)]
pub struct FakeSlack {
    pub base: String,
    pub state: Arc<Mutex<State>>,
}

impl FakeSlack {
    /// A server knowing the request channel with one message in it, and
    /// one admin who can be DM'd.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/api", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            next_ts: 1_700_000_100,
            ..State::default()
        }));
        let slack = Self { base, state };
        slack.add_message(CHANNEL, MESSAGE_TS, "a request");
        slack.add_user(ADMIN, ADMIN_DM);
        let shared = Arc::clone(&slack.state);
        serve_forever(listener, move |stream| serve(stream, &shared));
        slack
    }

    /// A message in `channel` (created if new).
    pub fn add_message(&self, channel: &str, ts: &str, text: &str) {
        let mut state = self.state.lock().unwrap();
        state.channels.insert(channel.into());
        let message = Message {
            text: text.into(),
            blocks: Value::Null,
            thread_ts: None,
        };
        state.messages.insert((channel.into(), ts.into()), message);
    }

    /// A reaction already on a message (as the bot put it there).
    pub fn add_reaction(&self, channel: &str, ts: &str, name: &str) {
        let key = (channel.into(), ts.into(), name.into());
        self.state.lock().unwrap().reactions.insert(key);
    }

    /// A user the bot can open a DM with.
    pub fn add_user(&self, user: &str, dm: &str) {
        self.state
            .lock()
            .unwrap()
            .dms
            .insert(user.into(), dm.into());
    }

    /// Makes `method` always answer `ok: false` with `code`.
    pub fn fail(&self, method: &str, code: &str) {
        let mut state = self.state.lock().unwrap();
        state.failing.insert(method.into(), code.into());
    }

    pub fn can(&self, status: u16, headers: &[(&'static str, &str)], body: &str) {
        self.state.lock().unwrap().canned.push_back(Canned {
            status,
            headers: headers.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            body: body.into(),
        });
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state.lock().unwrap().calls.clone()
    }

    /// The methods called, in order.
    pub fn methods(&self) -> Vec<String> {
        self.calls().iter().map(|c| c.method().to_owned()).collect()
    }

    /// The calls of one method.
    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method() == method)
            .collect()
    }

    pub fn reactions(&self) -> HashSet<(String, String, String)> {
        self.state.lock().unwrap().reactions.clone()
    }

    /// The reactions on one message.
    pub fn reactions_on(&self, channel: &str, ts: &str) -> BTreeSet<String> {
        self.reactions()
            .into_iter()
            .filter(|(c, t, _)| c == channel && t == ts)
            .map(|(_, _, name)| name)
            .collect()
    }

    /// The texts of the replies in a message's thread, oldest first.
    pub fn replies(&self, channel: &str, ts: &str) -> Vec<String> {
        let state = self.state.lock().unwrap();
        let mut replies: Vec<_> = state
            .messages
            .iter()
            .filter(|((c, _), m)| c == channel && m.thread_ts.as_deref() == Some(ts))
            .map(|((_, t), m)| (t.clone(), m.text.clone()))
            .collect();
        replies.sort();
        replies.into_iter().map(|(_, text)| text).collect()
    }

    /// The top-level messages in a channel, oldest first.
    pub fn messages_in(&self, channel: &str) -> Vec<(String, Message)> {
        let state = self.state.lock().unwrap();
        let mut messages: Vec<_> = state
            .messages
            .iter()
            .filter(|((c, _), m)| c == channel && m.thread_ts.is_none())
            .map(|((_, t), m)| (t.clone(), m.clone()))
            .collect();
        messages.sort_by(|a, b| a.0.cmp(&b.0));
        messages
    }
}

/// Answers one request, then closes the connection.
fn serve(stream: TcpStream, state: &Mutex<State>) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    let call = Call {
        path: request.path.clone(),
        authorization: request.headers.get("authorization").cloned(),
        content_type: request.headers.get("content-type").cloned(),
        body: serde_json::from_slice(&request.body).unwrap_or(Value::Null),
        at: Instant::now(),
    };
    let (status, extra, body) = {
        let mut state = state.lock().unwrap();
        state.calls.push(call.clone());
        match state.canned.pop_front() {
            Some(c) => (c.status, c.headers, c.body),
            None => (
                200,
                Vec::new(),
                answer(&mut state, &request.method, &call).to_string(),
            ),
        }
    };
    let extra: Vec<_> = extra.into_iter().collect();
    write_response(
        stream,
        status,
        "application/json; charset=utf-8",
        &extra,
        &body,
    );
}

pub fn fail(code: &str) -> Value {
    json!({"ok": false, "error": code})
}

/// What Slack would answer.
fn answer(state: &mut State, verb: &str, call: &Call) -> Value {
    match call.authorization.as_deref() {
        None => return fail("not_authed"),
        Some(a) if a != format!("Bearer {TOKEN}") => return fail("invalid_auth"),
        Some(_) => {}
    }
    let json_body = call
        .content_type
        .as_deref()
        .is_some_and(|t| t.starts_with("application/json"));
    if verb != "POST" || !json_body {
        return fail("invalid_arguments");
    }
    let field = |name: &str| {
        call.body
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let Some(method) = call.path.strip_prefix("/api/") else {
        return fail("unknown_method");
    };
    if let Some(code) = state.failing.get(method) {
        return fail(code);
    }
    match method {
        "reactions.add" | "reactions.remove" => {
            let (Some(channel), Some(ts), Some(name)) =
                (field("channel"), field("timestamp"), field("name"))
            else {
                return fail("invalid_arguments");
            };
            if !state.channels.contains(&channel) {
                return fail("channel_not_found");
            }
            if !state.messages.contains_key(&(channel.clone(), ts.clone())) {
                return fail("message_not_found");
            }
            let key = (channel, ts, name);
            let changed = match method == "reactions.add" {
                true => state.reactions.insert(key),
                false => state.reactions.remove(&key),
            };
            match (changed, method == "reactions.add") {
                (true, _) => json!({"ok": true}),
                (false, true) => fail("already_reacted"),
                (false, false) => fail("no_reaction"),
            }
        }
        "chat.postMessage" => {
            let (Some(channel), Some(text)) = (field("channel"), field("text")) else {
                return fail("invalid_arguments");
            };
            if !state.channels.contains(&channel) {
                return fail("channel_not_found");
            }
            let thread_ts = field("thread_ts");
            if let Some(parent) = &thread_ts
                && !state
                    .messages
                    .contains_key(&(channel.clone(), parent.clone()))
            {
                return fail("thread_not_found");
            }
            state.next_ts += 1;
            let ts = format!("{}.000200", state.next_ts);
            let message = Message {
                text,
                blocks: call.body.get("blocks").cloned().unwrap_or(Value::Null),
                thread_ts,
            };
            state
                .messages
                .insert((channel.clone(), ts.clone()), message);
            json!({"ok": true, "channel": channel, "ts": ts, "message": {"ts": ts}})
        }
        "chat.postEphemeral" => {
            let (Some(channel), Some(user), Some(_text)) =
                (field("channel"), field("user"), field("text"))
            else {
                return fail("invalid_arguments");
            };
            if !state.channels.contains(&channel) {
                return fail("channel_not_found");
            }
            if !user.starts_with('U') {
                return fail("user_not_found");
            }
            json!({"ok": true, "message_ts": "1700009999.000100"})
        }
        "conversations.open" => {
            let Some(users) = field("users") else {
                return fail("invalid_arguments");
            };
            let Some(dm) = state.dms.get(&users).cloned() else {
                return fail("user_not_found");
            };
            state.channels.insert(dm.clone());
            json!({"ok": true, "channel": {"id": dm}})
        }
        "chat.update" => {
            let (Some(channel), Some(ts)) = (field("channel"), field("ts")) else {
                return fail("invalid_arguments");
            };
            if !state.channels.contains(&channel) {
                return fail("channel_not_found");
            }
            let Some(message) = state.messages.get_mut(&(channel.clone(), ts.clone())) else {
                return fail("message_not_found");
            };
            message.text = field("text").unwrap_or_default();
            if let Some(blocks) = call.body.get("blocks") {
                message.blocks = blocks.clone();
            }
            json!({"ok": true, "channel": channel, "ts": ts})
        }
        _ => fail("unknown_method"),
    }
}

/// Checks what every request carries.
pub fn assert_sent_like_slack(call: &Call, method: &str) {
    assert_eq!(call.path, format!("/api/{method}"));
    assert_eq!(
        call.authorization.as_deref(),
        Some(&*format!("Bearer {TOKEN}"))
    );
    assert_eq!(
        call.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
}
