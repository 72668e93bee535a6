//! An Approve / Reject click on the admins' DM, and whether it counts.
//!
//! Slack posts interactivity as `application/x-www-form-urlencoded` with a
//! single `payload` field holding JSON; a button click is a
//! `block_actions` payload whose one action has the button's `action_id`
//! ([`APPROVE`] or [`REJECT`]) and `value` (a [`RequestRef`], written by this
//! bot when it posted the DM).
//!
//! Who may decide ([`authorize`]):
//!
//! - only a configured admin; anyone else's click is refused;
//! - an admin may not approve their own request when another admin exists:
//!   that one must. When the requester is the *only* admin, their approval
//!   counts: nobody else could ever approve it, and that admin is the one
//!   person trusted with grants anyway (the approval is still logged);
//! - rejecting is never refused to an admin, the requester included: it
//!   grants nothing.
//!
//! The value is the bot's own data carried through Slack, not an
//! authorization: on approval the handler checks the grant rules again
//! (account, owner, never-grant, quota) before attaching anything.

use serde::{Deserialize, Serialize};

use crate::ids::SlackUserId;
use crate::slack::MessageRef;

/// The Approve button's `action_id`.
pub const APPROVE: &str = "approve";
/// The Reject button's `action_id`.
pub const REJECT: &str = "reject";

/// Slack's limit on a button's `value`.
pub const MAX_VALUE_LEN: usize = 2000;

/// The request a DM's buttons decide, carried in their `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRef {
    /// The request message's channel.
    pub channel: String,
    /// The request message's `ts`.
    pub ts: String,
    /// Who asked.
    pub requester: SlackUserId,
    /// The caller's ARN as the error names it: the IAM user the policies
    /// would be attached to.
    pub principal: String,
    /// The policies to attach, by ARN.
    pub policies: Vec<String>,
    /// Every admin's DM about this request, so that all of them show the
    /// decision (empty when there is one DM, or when they would not fit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dms: Vec<MessageRef>,
}

impl RequestRef {
    /// The button `value` for this request (JSON).
    pub fn to_value(&self) -> String {
        serde_json::to_string(self).expect("a RequestRef always serializes")
    }

    fn from_value(value: &str) -> Result<Self, PayloadError> {
        if value.len() > MAX_VALUE_LEN {
            return Err(PayloadError::Value("longer than Slack allows".into()));
        }
        let request: Self =
            serde_json::from_str(value).map_err(|e| PayloadError::Value(e.to_string()))?;
        let fields = [&request.channel, &request.ts, &request.principal];
        let policies = request.policies.iter();
        if request.policies.is_empty()
            || fields
                .into_iter()
                .chain(policies)
                .any(|f| f.trim().is_empty())
        {
            return Err(PayloadError::Value("a field is empty".into()));
        }
        Ok(request)
    }
}

/// What a click decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// An admin approved: check the grant rules again, then attach.
    Approve {
        /// The admin who clicked.
        by: SlackUserId,
        /// The request.
        request: RequestRef,
        /// The DM to update.
        dm: MessageRef,
    },
    /// An admin rejected.
    Reject {
        /// The admin who clicked.
        by: SlackUserId,
        /// The request.
        request: RequestRef,
        /// The DM to update.
        dm: MessageRef,
    },
    /// The click does not count: nothing happens but telling the clicker.
    Refused {
        /// Who clicked.
        by: SlackUserId,
        /// Why it does not count.
        why: Refusal,
        /// The message clicked on, where the clicker is told.
        dm: MessageRef,
    },
}

/// Why a click does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The clicker is not a configured admin.
    #[error("only a configured admin can approve or reject requests")]
    NotAdmin,
    /// The clicker asked for the grant, and another admin can approve it.
    #[error("you can't approve your own request: another admin has to")]
    OwnRequest,
}

/// What a click is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The Approve button.
    Approve,
    /// The Reject button.
    Reject,
}

/// A body that is not a click on this bot's buttons.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    /// No `payload` field, or more than one.
    #[error("the body has {0} payload fields, not one")]
    PayloadField(usize),
    /// The payload is not JSON of the expected shape.
    #[error("the payload is malformed: {0}")]
    Malformed(String),
    /// An interaction other than `block_actions`.
    #[error("unsupported interaction type {0:?}")]
    Type(String),
    /// Not exactly one action.
    #[error("the payload has {0} actions, not one")]
    Actions(usize),
    /// A button that is not Approve or Reject.
    #[error("unknown action_id {0:?}")]
    UnknownAction(String),
    /// The button's value is not a [`RequestRef`].
    #[error("the button's value is not a request reference: {0}")]
    Value(String),
    /// The click is not on a message (no channel id or `ts`).
    #[error("the click is not on a message")]
    NotOnMessage,
}

#[derive(Deserialize)]
struct Payload {
    #[serde(rename = "type")]
    kind: String,
    user: User,
    #[serde(default)]
    actions: Vec<RawAction>,
    #[serde(default)]
    container: Container,
}

#[derive(Deserialize)]
struct User {
    id: SlackUserId,
}

#[derive(Deserialize)]
struct RawAction {
    action_id: String,
    #[serde(default)]
    value: Option<String>,
}

#[derive(Default, Deserialize)]
struct Container {
    #[serde(default)]
    channel_id: Option<String>,
    #[serde(default)]
    message_ts: Option<String>,
}

/// Reads a verified interactivity body and decides what the click does,
/// given the configured admins.
pub fn decide(body: &[u8], admins: &[SlackUserId]) -> Result<Decision, PayloadError> {
    let payloads: Vec<_> = form_urlencoded::parse(body)
        .filter(|(key, _)| key == "payload")
        .map(|(_, value)| value)
        .collect();
    // Two payloads could be read differently by two parsers: refuse.
    let [payload] = payloads.as_slice() else {
        return Err(PayloadError::PayloadField(payloads.len()));
    };
    let payload: Payload =
        serde_json::from_str(payload).map_err(|e| PayloadError::Malformed(e.to_string()))?;
    if payload.kind != "block_actions" {
        return Err(PayloadError::Type(payload.kind));
    }
    let [raw] = payload.actions.as_slice() else {
        return Err(PayloadError::Actions(payload.actions.len()));
    };
    let action = match raw.action_id.as_str() {
        APPROVE => Action::Approve,
        REJECT => Action::Reject,
        other => return Err(PayloadError::UnknownAction(other.to_owned())),
    };
    let request = RequestRef::from_value(raw.value.as_deref().unwrap_or_default())?;
    let (Some(channel), Some(ts)) = (payload.container.channel_id, payload.container.message_ts)
    else {
        return Err(PayloadError::NotOnMessage);
    };
    let by = payload.user.id;
    let dm = MessageRef { channel, ts };
    if let Err(why) = authorize(&by, action, &request.requester, admins) {
        return Ok(Decision::Refused { by, why, dm });
    }
    Ok(match action {
        Action::Approve => Decision::Approve { by, request, dm },
        Action::Reject => Decision::Reject { by, request, dm },
    })
}

/// Whether `clicker`'s `action` on `requester`'s request counts (the rules
/// are in this module's docs).
pub fn authorize(
    clicker: &SlackUserId,
    action: Action,
    requester: &SlackUserId,
    admins: &[SlackUserId],
) -> Result<(), Refusal> {
    if !admins.contains(clicker) {
        return Err(Refusal::NotAdmin);
    }
    let another_admin = admins.iter().any(|admin| admin != requester);
    if action == Action::Approve && clicker == requester && another_admin {
        return Err(Refusal::OwnRequest);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn id(text: &str) -> SlackUserId {
        SlackUserId::parse(text).unwrap()
    }

    fn admins() -> Vec<SlackUserId> {
        vec![id("U0ADMIN1"), id("U0ADMIN2")]
    }

    fn request(requester: &str) -> RequestRef {
        RequestRef {
            channel: "C0REQUESTS".into(),
            ts: "1700000000.000100".into(),
            requester: id(requester),
            principal: "arn:aws:iam::123456789012:user/alice".into(),
            policies: vec!["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess".into()],
            dms: Vec::new(),
        }
    }

    /// A `block_actions` payload shaped like Slack's, clicked by `user`.
    fn payload(user: &str, action_id: &str, value: &str) -> serde_json::Value {
        json!({
            "type": "block_actions",
            "user": {"id": user, "username": "someone", "name": "someone", "team_id": "T0TEAM"},
            "api_app_id": "A0APP",
            "token": "9s8d9as89d8as9d8as989",
            "container": {"type": "message", "message_ts": "1700000050.000200", "channel_id": "D0ADMINDM", "is_ephemeral": false},
            "trigger_id": "123.456.789abc",
            "team": {"id": "T0TEAM", "domain": "class"},
            "channel": {"id": "D0ADMINDM", "name": "directmessage"},
            "message": {"type": "message", "user": "U0BOTUSER", "ts": "1700000050.000200", "text": "Approve?"},
            "response_url": "https://hooks.slack.com/actions/T0TEAM/1/abc",
            "actions": [{
                "action_id": action_id,
                "block_id": "decide",
                "text": {"type": "plain_text", "text": "Approve", "emoji": true},
                "value": value,
                "style": "primary",
                "type": "button",
                "action_ts": "1700000060.000300",
            }],
        })
    }

    fn form(payload: &serde_json::Value) -> Vec<u8> {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("payload", &payload.to_string())
            .finish()
            .into_bytes()
    }

    fn click(user: &str, action_id: &str, requester: &str) -> Result<Decision, PayloadError> {
        decide(
            &form(&payload(user, action_id, &request(requester).to_value())),
            &admins(),
        )
    }

    fn dm() -> MessageRef {
        MessageRef {
            channel: "D0ADMINDM".into(),
            ts: "1700000050.000200".into(),
        }
    }

    #[test]
    fn an_admins_approval_counts() {
        assert_eq!(
            click("U0ADMIN1", APPROVE, "U0ALICE"),
            Ok(Decision::Approve {
                by: id("U0ADMIN1"),
                request: request("U0ALICE"),
                dm: dm(),
            })
        );
    }

    #[test]
    fn an_admins_rejection_counts() {
        assert_eq!(
            click("U0ADMIN2", REJECT, "U0ALICE"),
            Ok(Decision::Reject {
                by: id("U0ADMIN2"),
                request: request("U0ALICE"),
                dm: dm(),
            })
        );
    }

    #[test]
    fn refuses_a_non_admin_click() {
        for action in [APPROVE, REJECT] {
            for clicker in ["U0ALICE", "U0MALLORY", "W0ADMIN1"] {
                assert_eq!(
                    click(clicker, action, "U0ALICE"),
                    Ok(Decision::Refused {
                        by: id(clicker),
                        why: Refusal::NotAdmin,
                        dm: dm(),
                    })
                );
            }
        }
    }

    #[test]
    fn refuses_an_admin_approving_their_own_request_when_another_admin_exists() {
        assert_eq!(
            click("U0ADMIN1", APPROVE, "U0ADMIN1"),
            Ok(Decision::Refused {
                by: id("U0ADMIN1"),
                why: Refusal::OwnRequest,
                dm: dm(),
            })
        );
        // The other admin may; the requester may still withdraw by rejecting.
        assert!(matches!(
            click("U0ADMIN2", APPROVE, "U0ADMIN1"),
            Ok(Decision::Approve { .. })
        ));
        assert!(matches!(
            click("U0ADMIN1", REJECT, "U0ADMIN1"),
            Ok(Decision::Reject { .. })
        ));
    }

    #[test]
    fn lets_the_only_admin_approve_their_own_request() {
        let only = [id("U0ADMIN1")];
        assert_eq!(
            authorize(&only[0], Action::Approve, &only[0], &only),
            Ok(())
        );
        // Listing the same admin twice does not make another admin.
        let twice = [id("U0ADMIN1"), id("U0ADMIN1")];
        assert_eq!(
            authorize(&twice[0], Action::Approve, &twice[0], &twice),
            Ok(())
        );
        assert_eq!(
            authorize(&id("U0ALICE"), Action::Approve, &id("U0ALICE"), &only),
            Err(Refusal::NotAdmin)
        );
    }

    #[test]
    fn refuses_unknown_actions() {
        for action in ["Approve", "approve ", "grant", ""] {
            assert_eq!(
                click("U0ADMIN1", action, "U0ALICE"),
                Err(PayloadError::UnknownAction(action.into()))
            );
        }
    }

    #[test]
    fn refuses_forged_or_malformed_values() {
        let good = request("U0ALICE").to_value();
        let extra = good.replacen('{', r#"{"approved":true,"#, 1);
        let long = serde_json::to_string(&RequestRef {
            policies: vec!["x".repeat(MAX_VALUE_LEN)],
            ..request("U0ALICE")
        })
        .unwrap();
        for value in [
            "".to_owned(),
            "not json".to_owned(),
            extra,
            good.replace("U0ALICE", "alice"),
            good.replace("\"arn:aws:iam::123456789012:user/alice\"", "\"  \""),
            good.replace(
                r#"["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]"#,
                "[]",
            ),
            good.replace(
                r#"["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]"#,
                r#"[""]"#,
            ),
            long,
        ] {
            let body = form(&payload("U0ADMIN1", APPROVE, &value));
            assert!(
                matches!(decide(&body, &admins()), Err(PayloadError::Value(_))),
                "{value}"
            );
        }
        let mut no_value = payload("U0ADMIN1", APPROVE, "");
        no_value["actions"][0]
            .as_object_mut()
            .unwrap()
            .remove("value");
        assert!(matches!(
            decide(&form(&no_value), &admins()),
            Err(PayloadError::Value(_))
        ));
    }

    #[test]
    fn refuses_malformed_payloads() {
        let good = payload("U0ADMIN1", APPROVE, &request("U0ALICE").to_value());
        let good_form = form(&good);

        assert_eq!(decide(b"", &admins()), Err(PayloadError::PayloadField(0)));
        assert_eq!(
            decide(b"payloads=x", &admins()),
            Err(PayloadError::PayloadField(0))
        );
        let twice = [&good_form[..], b"&", &good_form[..]].concat();
        assert_eq!(
            decide(&twice, &admins()),
            Err(PayloadError::PayloadField(2))
        );
        // Raw JSON, not a form: the whole body is taken as one key.
        assert_eq!(
            decide(good.to_string().as_bytes(), &admins()),
            Err(PayloadError::PayloadField(0))
        );
        assert!(matches!(
            decide(b"payload=%7Bnot", &admins()),
            Err(PayloadError::Malformed(_))
        ));

        let mut bad_user = good.clone();
        bad_user["user"]["id"] = json!("B0BOT");
        assert!(matches!(
            decide(&form(&bad_user), &admins()),
            Err(PayloadError::Malformed(_))
        ));
        let mut no_user = good.clone();
        no_user.as_object_mut().unwrap().remove("user");
        assert!(matches!(
            decide(&form(&no_user), &admins()),
            Err(PayloadError::Malformed(_))
        ));

        let mut other_type = good.clone();
        other_type["type"] = json!("view_submission");
        assert_eq!(
            decide(&form(&other_type), &admins()),
            Err(PayloadError::Type("view_submission".into()))
        );

        let mut two_actions = good.clone();
        let action = two_actions["actions"][0].clone();
        two_actions["actions"].as_array_mut().unwrap().push(action);
        assert_eq!(
            decide(&form(&two_actions), &admins()),
            Err(PayloadError::Actions(2))
        );
        let mut no_actions = good.clone();
        no_actions["actions"] = json!([]);
        assert_eq!(
            decide(&form(&no_actions), &admins()),
            Err(PayloadError::Actions(0))
        );

        let mut no_container = good.clone();
        no_container.as_object_mut().unwrap().remove("container");
        assert_eq!(
            decide(&form(&no_container), &admins()),
            Err(PayloadError::NotOnMessage)
        );
    }

    #[test]
    fn a_value_fits_in_a_button() {
        let value = request("U0ALICE").to_value();
        assert!(value.len() < MAX_VALUE_LEN / 4, "{}", value.len());
        assert_eq!(RequestRef::from_value(&value), Ok(request("U0ALICE")));
    }
}
