//! From a verified Events API body to what should happen, as plain data.
//!
//! Requests are messages in the request channel, from one of:
//!
//! - the request workflow (Workflow Builder): its message is posted by the
//!   workflow's bot (a `bot_id`, usually `subtype: bot_message`, no person
//!   in `user`), so the workflow's template must *start* with the submitter
//!   as a mention (`<@U…>`): the first user mention in the text is taken as
//!   the requester, and what the submitter typed can only come after it.
//!   Only the bot id in `BOTJINSEONG_WORKFLOW_BOT_ID` is trusted so;
//! - a person posting in the channel, or mentioning the bot there
//!   (`app_mention`): `event.user` is the requester.
//!
//! Everything else is ignored: other channels, other bots (this bot's own
//! replies among them: every bot message has a `bot_id`), edits, deletions,
//! joins and other subtypes, and thread replies (the conversation under a
//! request is not a new request).

use serde::Deserialize;

use crate::config::Config;
use crate::ids::SlackUserId;

/// What decides whether a message is a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules<'a> {
    /// The channel id whose messages are requests.
    pub request_channel: &'a str,
    /// The request workflow's bot id, if there is one.
    pub workflow_bot_id: Option<&'a str>,
}

impl<'a> From<&'a Config> for Rules<'a> {
    fn from(config: &'a Config) -> Self {
        Self {
            request_channel: &config.request_channel,
            workflow_bot_id: config.workflow_bot_id.as_deref(),
        }
    }
}

/// What to do with an Events API body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intake {
    /// A `url_verification`: answer with this challenge.
    Challenge(String),
    /// Acknowledge and do nothing else.
    Ignore(Ignored),
    /// Acknowledge, then handle this request.
    Request(Request),
}

/// Why an event is not a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ignored {
    /// An envelope other than `event_callback` (e.g. `app_rate_limited`).
    Envelope,
    /// An event other than `message` or `app_mention`.
    EventType(String),
    /// A message outside the request channel.
    OtherChannel,
    /// A message subtype other than `bot_message`: an edit, a deletion, a
    /// join, a file share…
    Subtype(String),
    /// A reply in a thread.
    ThreadReply,
    /// A message from a bot other than the request workflow (this bot's
    /// own messages included).
    OtherBot,
    /// No requester: a workflow message without a user mention, or a
    /// message whose `user` is not a user id.
    NoRequester,
    /// Nothing left to analyse once mentions are removed.
    EmptyText,
}

/// How a request arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Posted by the request workflow.
    Workflow,
    /// Posted by the requester in the channel.
    Message,
    /// The requester mentioned the bot.
    Mention,
}

/// A request for a grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Slack's event id: what [`crate::dedupe`] keys on.
    pub event_id: String,
    /// The request channel.
    pub channel: String,
    /// The request message's `ts`: with `channel`, the message the
    /// reactions and the thread reply go on.
    pub ts: String,
    /// Who asked.
    pub requester: SlackUserId,
    /// The text for the engine: user mentions removed, Slack's `&amp;`,
    /// `&lt;` and `&gt;` turned back into `&`, `<` and `>`.
    pub text: String,
    /// How it arrived.
    pub via: Via,
}

/// A body that is not an Events API payload Slack would send.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    /// Not JSON, or not the shape of an Events API payload.
    #[error("not an Events API payload: {0}")]
    Malformed(String),
    /// A message event without its channel or `ts`.
    #[error("the message event has no {0}")]
    Missing(&'static str),
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Envelope {
    #[serde(rename = "url_verification")]
    UrlVerification { challenge: String },
    #[serde(rename = "event_callback")]
    EventCallback { event_id: String, event: Event },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct Event {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    ts: Option<String>,
    #[serde(default)]
    thread_ts: Option<String>,
}

/// Reads a verified Events API body.
pub fn classify(body: &[u8], rules: Rules<'_>) -> Result<Intake, IntakeError> {
    let envelope: Envelope =
        serde_json::from_slice(body).map_err(|e| IntakeError::Malformed(e.to_string()))?;
    let (event_id, event) = match envelope {
        Envelope::UrlVerification { challenge } => return Ok(Intake::Challenge(challenge)),
        Envelope::Other => return Ok(Intake::Ignore(Ignored::Envelope)),
        Envelope::EventCallback { event_id, event } => (event_id, event),
    };
    Ok(match request(event_id, event, rules)? {
        Ok(request) => Intake::Request(request),
        Err(why) => Intake::Ignore(why),
    })
}

fn request(
    event_id: String,
    event: Event,
    rules: Rules<'_>,
) -> Result<Result<Request, Ignored>, IntakeError> {
    let mention = match event.kind.as_str() {
        "message" => false,
        "app_mention" => true,
        _ => return Ok(Err(Ignored::EventType(event.kind))),
    };
    let channel = event.channel.ok_or(IntakeError::Missing("channel"))?;
    if channel != rules.request_channel {
        return Ok(Err(Ignored::OtherChannel));
    }
    let by_bot = match event.subtype {
        None => event.bot_id.is_some(),
        Some(subtype) if subtype == "bot_message" => true,
        Some(subtype) => return Ok(Err(Ignored::Subtype(subtype))),
    };
    let ts = event.ts.ok_or(IntakeError::Missing("ts"))?;
    if event.thread_ts.is_some_and(|thread| thread != ts) {
        return Ok(Err(Ignored::ThreadReply));
    }
    let (requester, via) = if by_bot {
        let trusted =
            rules.workflow_bot_id.is_some() && event.bot_id.as_deref() == rules.workflow_bot_id;
        if !trusted {
            return Ok(Err(Ignored::OtherBot));
        }
        (first_mention(&event.text), Via::Workflow)
    } else {
        let via = if mention { Via::Mention } else { Via::Message };
        (event.user.as_deref().and_then(SlackUserId::parse), via)
    };
    let Some(requester) = requester else {
        return Ok(Err(Ignored::NoRequester));
    };
    let text = clean(&event.text);
    if text.is_empty() {
        return Ok(Err(Ignored::EmptyText));
    }
    Ok(Ok(Request {
        event_id,
        channel,
        ts,
        requester,
        text,
        via,
    }))
}

/// The user mentions in Slack's markup, `<@U…>` or `<@U…|name>`, with their
/// byte ranges.
fn mentions(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, SlackUserId)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(found) = text[from..].find("<@") {
            let start = from + found;
            let Some(len) = text[start..].find('>') else {
                from = text.len();
                return None;
            };
            let end = start + len + 1;
            let inner = &text[start + 2..end - 1];
            let id = inner.split_once('|').map_or(inner, |(id, _)| id);
            from = start + 2;
            if let Some(id) = SlackUserId::parse(id) {
                from = end;
                return Some((start..end, id));
            }
        }
        None
    })
}

fn first_mention(text: &str) -> Option<SlackUserId> {
    mentions(text).next().map(|(_, id)| id)
}

fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, _) in mentions(text) {
        out.push_str(&text[last..range.start]);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CHANNEL: &str = "C0REQUESTS";
    const WORKFLOW: &str = "B0WORKFLOW";
    const DENIAL: &str = "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::reports\" because no identity-based policy allows the s3:ListBucket action";

    fn rules() -> Rules<'static> {
        Rules {
            request_channel: CHANNEL,
            workflow_bot_id: Some(WORKFLOW),
        }
    }

    fn callback(event: serde_json::Value) -> Vec<u8> {
        json!({
            "token": "XXYYZZ",
            "team_id": "T0TEAM",
            "api_app_id": "A0APP",
            "event": event,
            "type": "event_callback",
            "event_id": "Ev0PV52K21",
            "event_time": 1_700_000_000,
            "authorizations": [{"team_id": "T0TEAM", "user_id": "U0BOTUSER", "is_bot": true}],
        })
        .to_string()
        .into_bytes()
    }

    fn user_message() -> serde_json::Value {
        json!({
            "type": "message",
            "channel": CHANNEL,
            "user": "U0ALICE",
            "text": DENIAL,
            "ts": "1700000000.000100",
            "client_msg_id": "5f2a3c1e-0000-4000-8000-000000000000",
            "team": "T0TEAM",
            "blocks": [],
            "event_ts": "1700000000.000100",
            "channel_type": "channel",
        })
    }

    fn workflow_message(text: &str) -> serde_json::Value {
        json!({
            "type": "message",
            "subtype": "bot_message",
            "text": text,
            "ts": "1700000000.000200",
            "username": "IAM access request",
            "bot_id": WORKFLOW,
            "app_id": "A0WORKFLOW",
            "blocks": [],
            "channel": CHANNEL,
            "event_ts": "1700000000.000200",
            "channel_type": "channel",
        })
    }

    fn classify_event(event: serde_json::Value) -> Intake {
        classify(&callback(event), rules()).unwrap()
    }

    fn request_of(event: serde_json::Value) -> Request {
        match classify_event(event) {
            Intake::Request(request) => request,
            other => panic!("expected a request, got {other:?}"),
        }
    }

    fn ignored(event: serde_json::Value) -> Ignored {
        match classify_event(event) {
            Intake::Ignore(why) => why,
            other => panic!("expected it ignored, got {other:?}"),
        }
    }

    fn with(
        mut event: serde_json::Value,
        key: &str,
        value: serde_json::Value,
    ) -> serde_json::Value {
        event[key] = value;
        event
    }

    #[test]
    fn echoes_the_url_verification_challenge() {
        let body = br#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
        assert_eq!(
            classify(body, rules()).unwrap(),
            Intake::Challenge("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P".into())
        );
    }

    #[test]
    fn a_user_message_is_a_request_by_its_author() {
        let request = request_of(user_message());
        assert_eq!(
            request,
            Request {
                event_id: "Ev0PV52K21".into(),
                channel: CHANNEL.into(),
                ts: "1700000000.000100".into(),
                requester: SlackUserId::parse("U0ALICE").unwrap(),
                text: DENIAL.into(),
                via: Via::Message,
            }
        );
    }

    #[test]
    fn a_person_cannot_ask_on_someone_elses_behalf() {
        let text = format!("<@U0BOB> {DENIAL}");
        let request = request_of(with(user_message(), "text", json!(text)));
        assert_eq!(request.requester.as_str(), "U0ALICE");
        assert_eq!(request.text, DENIAL);
    }

    #[test]
    fn a_workflow_message_is_a_request_by_its_first_mention() {
        let text = format!("*New IAM request* from <@U0ALICE>\n&gt; {DENIAL}\ncc <@U0ADMIN|admin>");
        let request = request_of(workflow_message(&text));
        assert_eq!(request.requester.as_str(), "U0ALICE");
        assert_eq!(request.via, Via::Workflow);
        assert_eq!(request.ts, "1700000000.000200");
        assert_eq!(
            request.text,
            format!("*New IAM request* from \n> {DENIAL}\ncc")
        );
        // Newer workflows post without the subtype, with the bot's user.
        let mut event = workflow_message("<@U0BOB|bob> asks: AccessDenied");
        event.as_object_mut().unwrap().remove("subtype");
        event["user"] = json!("U0WORKFLOWUSER");
        let request = request_of(event);
        assert_eq!(request.requester.as_str(), "U0BOB");
        assert_eq!(request.text, "asks: AccessDenied");
    }

    #[test]
    fn an_app_mention_is_a_request_by_its_author_without_the_mention() {
        let event = json!({
            "type": "app_mention",
            "user": "U0ALICE",
            "text": format!("<@U0BOTUSER> {DENIAL}"),
            "ts": "1700000000.000300",
            "channel": CHANNEL,
            "event_ts": "1700000000.000300",
        });
        let request = request_of(event);
        assert_eq!(request.requester.as_str(), "U0ALICE");
        assert_eq!(request.via, Via::Mention);
        assert_eq!(request.text, DENIAL);
    }

    #[test]
    fn ignores_other_channels() {
        assert_eq!(
            ignored(with(user_message(), "channel", json!("C0OTHER"))),
            Ignored::OtherChannel
        );
        assert_eq!(
            ignored(with(
                workflow_message("<@U0ALICE> x"),
                "channel",
                json!("D0DM")
            )),
            Ignored::OtherChannel
        );
    }

    #[test]
    fn ignores_bots_other_than_the_workflow() {
        // This bot's own thread replies and reactions-free posts.
        assert_eq!(
            ignored(with(
                workflow_message("<@U0ALICE> granted"),
                "bot_id",
                json!("B0SELF")
            )),
            Ignored::OtherBot
        );
        // A bot message posing as a user with a user field.
        let mut event = with(user_message(), "bot_id", json!("B0OTHER"));
        event["text"] = json!("<@U0ADMIN> AccessDenied");
        assert_eq!(ignored(event), Ignored::OtherBot);
        // No workflow configured: no bot is trusted.
        let no_workflow = Rules {
            request_channel: CHANNEL,
            workflow_bot_id: None,
        };
        let mut event = workflow_message("<@U0ALICE> x");
        event.as_object_mut().unwrap().remove("bot_id");
        for body in [callback(workflow_message("<@U0ALICE> x")), callback(event)] {
            assert_eq!(
                classify(&body, no_workflow).unwrap(),
                Intake::Ignore(Ignored::OtherBot)
            );
        }
    }

    #[test]
    fn ignores_edits_deletions_joins_and_other_subtypes() {
        let edit = json!({
            "type": "message",
            "subtype": "message_changed",
            "hidden": true,
            "channel": CHANNEL,
            "ts": "1700000100.000000",
            "event_ts": "1700000100.000000",
            "message": {"type": "message", "user": "U0ALICE", "text": DENIAL, "ts": "1700000000.000100"},
            "previous_message": {"type": "message", "user": "U0ALICE", "text": "typo", "ts": "1700000000.000100"},
        });
        assert_eq!(ignored(edit), Ignored::Subtype("message_changed".into()));
        for subtype in [
            "message_deleted",
            "channel_join",
            "file_share",
            "thread_broadcast",
        ] {
            assert_eq!(
                ignored(with(user_message(), "subtype", json!(subtype))),
                Ignored::Subtype(subtype.into())
            );
        }
    }

    #[test]
    fn ignores_thread_replies_but_not_thread_parents() {
        let reply = with(user_message(), "thread_ts", json!("1699999999.000100"));
        assert_eq!(ignored(reply), Ignored::ThreadReply);
        let parent = with(user_message(), "thread_ts", json!("1700000000.000100"));
        assert_eq!(request_of(parent).via, Via::Message);
    }

    #[test]
    fn ignores_what_names_no_requester() {
        assert_eq!(
            ignored(workflow_message("no mention here")),
            Ignored::NoRequester
        );
        assert_eq!(
            ignored(workflow_message("<#C0CHAN> <@B0BOT> <!here>")),
            Ignored::NoRequester
        );
        let mut event = user_message();
        event.as_object_mut().unwrap().remove("user");
        assert_eq!(ignored(event), Ignored::NoRequester);
        assert_eq!(
            ignored(with(user_message(), "user", json!("alice"))),
            Ignored::NoRequester
        );
    }

    #[test]
    fn ignores_empty_requests() {
        assert_eq!(
            ignored(workflow_message("<@U0ALICE>  ")),
            Ignored::EmptyText
        );
        assert_eq!(
            ignored(with(user_message(), "text", json!(""))),
            Ignored::EmptyText
        );
    }

    #[test]
    fn ignores_other_events_and_envelopes() {
        let reaction = json!({"type": "reaction_added", "user": "U0ALICE", "reaction": "eyes", "item": {"type": "message", "channel": CHANNEL, "ts": "1.2"}, "event_ts": "1.3"});
        assert_eq!(
            ignored(reaction),
            Ignored::EventType("reaction_added".into())
        );
        let limited = br#"{"token":"x","type":"app_rate_limited","team_id":"T0TEAM","minute_rate_limited":1518467820,"api_app_id":"A0APP"}"#;
        assert_eq!(
            classify(limited, rules()).unwrap(),
            Intake::Ignore(Ignored::Envelope)
        );
    }

    #[test]
    fn refuses_malformed_bodies() {
        for body in [
            &b"not json"[..],
            b"[]",
            br#"{"type":"url_verification"}"#,
            br#"{"type":"event_callback","event":{"type":"message"}}"#,
            br#"{"type":"event_callback","event_id":"Ev1"}"#,
            br#"{"type":"event_callback","event_id":"Ev1","event":{"channel":"C0REQUESTS"}}"#,
        ] {
            assert!(
                matches!(classify(body, rules()), Err(IntakeError::Malformed(_))),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        let mut event = user_message();
        event.as_object_mut().unwrap().remove("ts");
        assert_eq!(
            classify(&callback(event), rules()),
            Err(IntakeError::Missing("ts"))
        );
    }

    #[test]
    fn reads_mentions_in_slacks_markup_only() {
        assert_eq!(
            first_mention("<@bad> <@U0ONE|one> <@W0TWO>")
                .unwrap()
                .as_str(),
            "U0ONE"
        );
        assert_eq!(first_mention("<@U0ONE"), None);
        assert_eq!(
            first_mention("<@<@U0TWO>"),
            Some(SlackUserId::parse("U0TWO").unwrap())
        );
        assert_eq!(
            clean("a <@U0ONE> b &lt;c&gt; &amp;lt; <@x>"),
            "a  b <c> &lt; <@x>"
        );
    }
}
