//! The Slack bot end to end through `serve`'s HTTP server: IAM is moto's
//! server (a real IAM API, AWS's managed policies loaded), Slack and STS are
//! local stand-ins that check requests the way the real services do. Each
//! scenario asserts the IAM state it leaves and the Slack calls it made.

mod support;

use std::collections::BTreeSet;

use botjinseong_lambda::SlackUserId;
use botjinseong_lambda::app::{EVENTS_PATH, INTERACTIONS_PATH};
use botjinseong_lambda::interaction::{APPROVE, REJECT, RequestRef};
use serde_json::{Value, json};
use support::bot::*;
use support::slack::{ADMIN, ADMIN_DM, CHANNEL};

fn low_risk(user: &str) -> String {
    format!(
        "User: arn:aws:iam::{ACCOUNT}:user/{user} is not authorized to perform: s3:GetObject on resource: \
         \"arn:aws:s3:::class-bucket/data.csv\" because no identity-based policy allows the s3:GetObject action"
    )
}

fn high_risk(user: &str) -> String {
    format!(
        "An error occurred (AccessDenied) when calling the CreateDBInstance operation: User: \
         arn:aws:iam::{ACCOUNT}:user/{user} is not authorized to perform: rds:CreateDBInstance on resource: \
         arn:aws:rds:us-east-1:{ACCOUNT}:db:mydb because no identity-based policy allows the rds:CreateDBInstance action"
    )
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// The DMs an admin got, with their buttons' values (empty when none).
fn dms(bot: &Bot, dm: &str) -> Vec<(String, support::slack::Message, Vec<String>)> {
    bot.slack
        .messages_in(dm)
        .into_iter()
        .map(|(ts, message)| {
            let values = message
                .blocks
                .as_array()
                .into_iter()
                .flatten()
                .filter(|b| b["type"] == "actions")
                .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
                .filter_map(|e| e["value"].as_str().map(str::to_owned))
                .collect();
            (ts, message, values)
        })
        .collect()
}

/// A high-risk request by `user`'s owner, waiting for an admin: the bot,
/// the user's name, the request's ts and the first admin's DM.
fn waiting(requester: &str) -> (Bot, String, String, String, String) {
    let bot = Bot::start();
    let user = unique("carol");
    bot.create_user(&user, Some(requester));
    let ts = "1700000300.000100";
    let (status, _) = bot.request(requester, ts, &high_risk(&user));
    assert_eq!(status, 200);
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "hourglass_flowing_sand"])
    );
    let sent = dms(&bot, ADMIN_DM);
    assert_eq!(sent.len(), 1, "{sent:?}");
    let (dm_ts, _, values) = sent.into_iter().next().unwrap();
    assert_eq!(values.len(), 2);
    (bot, user, ts.to_owned(), dm_ts, values[0].clone())
}

#[test]
fn a_low_risk_request_is_granted_at_once() {
    let bot = Bot::start();
    let user = unique("alice");
    bot.create_user(&user, Some(ALICE));
    let ts = "1700000100.000100";
    let (status, body) = bot.request(ALICE, ts, &low_risk(&user));
    assert_eq!((status, body.as_str()), (200, ""));

    assert_eq!(bot.attached(&user), ["AmazonS3ReadOnlyAccess"]);
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "white_check_mark"])
    );
    let replies = bot.slack.replies(CHANNEL, ts);
    assert_eq!(replies.len(), 1, "{replies:?}");
    assert!(
        replies[0].contains("AmazonS3ReadOnlyAccess") && replies[0].contains(&user),
        "{}",
        replies[0]
    );
    assert!(replies[0].contains("risk 5/100"), "{}", replies[0]);
    assert!(
        bot.slack.messages_in(ADMIN_DM).is_empty(),
        "no admin is bothered"
    );
    assert_eq!(
        bot.slack.methods(),
        ["reactions.add", "chat.postMessage", "reactions.add"]
    );
}

#[test]
fn a_workflow_request_is_granted_to_the_submitter() {
    let bot = Bot::start();
    let user = unique("wanda");
    bot.create_user(&user, Some(ALICE));
    let ts = "1700000110.000100";
    let text = format!("<@{ALICE}> submitted: {}", low_risk(&user));
    bot.slack.add_message(CHANNEL, ts, &text);
    let event = json!({
        "type": "message", "subtype": "bot_message", "bot_id": WORKFLOW_BOT,
        "channel": CHANNEL, "text": text, "ts": ts, "event_ts": ts,
    });
    bot.send_event(&Bot::envelope(event));
    assert_eq!(bot.attached(&user), ["AmazonS3ReadOnlyAccess"]);
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "white_check_mark"])
    );
}

#[test]
fn a_high_risk_request_is_granted_when_an_admin_approves() {
    let (bot, user, ts, dm_ts, value) = waiting(ALICE);
    assert!(bot.attached(&user).is_empty(), "nothing before approval");
    let request: RequestRef = serde_json::from_str(&value).unwrap();
    // The buttons name both admins' DMs, so both can show the decision.
    let named: Vec<_> = request.dms.iter().map(|dm| dm.channel.as_str()).collect();
    assert_eq!(named, [ADMIN_DM, ADMIN2_DM]);
    assert_eq!(
        request.policies,
        ["arn:aws:iam::aws:policy/AmazonRDSFullAccess"]
    );
    assert_eq!(request.requester, SlackUserId::parse(ALICE).unwrap());
    // Both admins were asked; the reply says so.
    assert_eq!(dms(&bot, ADMIN2_DM).len(), 1);
    let replies = bot.slack.replies(CHANNEL, &ts);
    assert!(
        replies[0].contains("admin") && replies[0].contains("AmazonRDSFullAccess"),
        "{replies:?}"
    );
    let dm_text = &dms(&bot, ADMIN_DM)[0].1.blocks[0]["text"]["text"];
    assert!(
        dm_text.as_str().unwrap().contains("risk 95/100"),
        "{dm_text}"
    );

    let (status, _) = bot.click(ADMIN, APPROVE, &value, ADMIN_DM, &dm_ts);
    assert_eq!(status, 200);
    assert_eq!(bot.attached(&user), ["AmazonRDSFullAccess"]);
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, &ts),
        set(&["eyes", "white_check_mark"])
    );
    // Every admin's DM shows who decided, and none keeps its buttons.
    for dm_channel in [ADMIN_DM, ADMIN2_DM] {
        let dm = &dms(&bot, dm_channel)[0];
        let text = &dm.1.text;
        assert!(
            text.contains("Approved") && text.contains(ADMIN),
            "{dm_channel}: {text}"
        );
        assert!(dm.2.is_empty(), "{dm_channel}: the buttons are gone");
    }
    let replies = bot.slack.replies(CHANNEL, &ts);
    assert!(
        replies
            .last()
            .unwrap()
            .contains(&format!("<@{ADMIN}> approved")),
        "{replies:?}"
    );

    // A second click, or the other admin's, changes nothing.
    let before = bot.slack.calls_to("chat.postMessage").len();
    bot.click(
        ADMIN2,
        APPROVE,
        &value,
        ADMIN2_DM,
        &dms(&bot, ADMIN2_DM)[0].0,
    );
    assert_eq!(bot.slack.calls_to("chat.postMessage").len(), before);
    let told = bot.slack.calls_to("chat.postEphemeral");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].body["user"], ADMIN2);
    assert_eq!(bot.attached(&user), ["AmazonRDSFullAccess"]);
}

#[test]
fn a_rejected_request_gets_nothing() {
    let (bot, user, ts, dm_ts, value) = waiting(ALICE);
    bot.click(ADMIN2, REJECT, &value, ADMIN_DM, &dm_ts);
    assert!(bot.attached(&user).is_empty());
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, &ts),
        set(&["eyes", "no_entry_sign"])
    );
    let replies = bot.slack.replies(CHANNEL, &ts);
    assert!(replies.last().unwrap().contains("rejected"), "{replies:?}");
    for dm_channel in [ADMIN_DM, ADMIN2_DM] {
        let text = &dms(&bot, dm_channel)[0].1.text;
        assert!(text.contains("Rejected"), "{dm_channel}: {text}");
    }
    // Approving after the rejection does nothing.
    bot.click(ADMIN, APPROVE, &value, ADMIN_DM, &dm_ts);
    assert!(bot.attached(&user).is_empty());
}

#[test]
fn a_non_admin_click_is_refused() {
    let (bot, user, ts, dm_ts, value) = waiting(ALICE);
    let before = bot.slack.calls().len();
    bot.click(ALICE, APPROVE, &value, ADMIN_DM, &dm_ts);
    assert!(bot.attached(&user).is_empty());
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, &ts),
        set(&["eyes", "hourglass_flowing_sand"])
    );
    let after: Vec<_> = bot.slack.calls()[before..]
        .iter()
        .map(|c| c.method().to_owned())
        .collect();
    assert_eq!(after, ["chat.postEphemeral"]);
    let told = &bot.slack.calls_to("chat.postEphemeral")[0].body;
    assert_eq!(told["user"], ALICE);
    assert!(
        told["text"]
            .as_str()
            .unwrap()
            .contains("only a configured admin"),
        "{told}"
    );
}

#[test]
fn an_admin_cannot_approve_their_own_request() {
    let (bot, user, ts, dm_ts, value) = waiting(ADMIN2);
    bot.click(ADMIN2, APPROVE, &value, ADMIN2_DM, &dm_ts);
    assert!(bot.attached(&user).is_empty());
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, &ts),
        set(&["eyes", "hourglass_flowing_sand"])
    );
    let told = &bot.slack.calls_to("chat.postEphemeral")[0].body;
    assert!(
        told["text"].as_str().unwrap().contains("own request"),
        "{told}"
    );
    // The other admin can.
    bot.click(ADMIN, APPROVE, &value, ADMIN_DM, &dm_ts);
    assert_eq!(bot.attached(&user), ["AmazonRDSFullAccess"]);
}

#[test]
fn unsigned_forged_and_stale_requests_get_401_and_change_nothing() {
    let bot = Bot::start();
    let user = unique("mallory");
    bot.create_user(&user, Some(ALICE));
    let ts = "1700000400.000100";
    bot.slack.add_message(CHANNEL, ts, "x");
    let event = json!({"type": "message", "channel": CHANNEL, "user": ALICE, "text": low_risk(&user), "ts": ts});
    let body = Bot::envelope(event);
    let good = Bot::signed(&body);
    let stale_ts = (botjinseong_lambda::app::now_unix() - 600).to_string();
    let stale = vec![
        (
            "x-slack-signature",
            botjinseong_lambda::signature::sign(SECRET.as_bytes(), &stale_ts, body.as_bytes()),
        ),
        ("x-slack-request-timestamp", stale_ts),
    ];
    let wrong = vec![
        (
            "x-slack-signature",
            botjinseong_lambda::signature::sign(b"another-secret", &good[1].1, body.as_bytes()),
        ),
        good[1].clone(),
    ];
    let tampered_body = body.replace("s3:GetObject", "iam:CreateUser");
    for (path, headers, body) in [
        (EVENTS_PATH, vec![], body.as_str()),
        (EVENTS_PATH, stale, body.as_str()),
        (EVENTS_PATH, wrong, body.as_str()),
        (EVENTS_PATH, good.clone(), tampered_body.as_str()),
        (INTERACTIONS_PATH, vec![], body.as_str()),
    ] {
        let (status, _) = bot.post(path, "application/json", &headers, body);
        assert_eq!(status, 401, "{path} {headers:?}");
    }
    bot.wait();
    assert!(bot.slack.calls().is_empty(), "{:?}", bot.slack.methods());
    assert!(bot.attached(&user).is_empty());
}

#[test]
fn url_verification_is_answered() {
    let bot = Bot::start();
    let body = json!({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}).to_string();
    let (status, answer) = bot.send_event(&body);
    assert_eq!(
        (status, answer.as_str()),
        (200, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    );
    assert!(bot.slack.calls().is_empty());
}

#[test]
fn a_retried_event_grants_and_posts_once() {
    let bot = Bot::start();
    let user = unique("retry");
    bot.create_user(&user, Some(ALICE));
    let ts = "1700000500.000100";
    bot.slack.add_message(CHANNEL, ts, "x");
    let event = json!({"type": "message", "channel": CHANNEL, "user": ALICE, "text": low_risk(&user), "ts": ts});
    let body = Bot::envelope(event);
    bot.send_event(&body);
    let mut retry = Bot::signed(&body);
    retry.push(("x-slack-retry-num", "1".into()));
    retry.push(("x-slack-retry-reason", "http_timeout".into()));
    let (status, _) = bot.post(EVENTS_PATH, "application/json", &retry, &body);
    assert_eq!(status, 200);
    bot.wait();
    // The retry reaching another instance (no shared memory) stops at the
    // 👀 lock.
    let other = Bot::with(Options {
        slack: Some(bot.slack.clone()),
        ..Options::default()
    });
    other.send_event(&body);

    assert_eq!(bot.attached(&user), ["AmazonS3ReadOnlyAccess"]);
    assert_eq!(bot.slack.replies(CHANNEL, ts).len(), 1);
    assert_eq!(bot.slack.calls_to("chat.postMessage").len(), 1);
    assert_eq!(
        bot.slack.calls_to("reactions.add").len(),
        3,
        "👀, ✅, and the other instance's 👀 attempt"
    );
}

/// A request that must not be granted: nothing attached, ⚠️, a reply, and
/// the admins told why (no buttons).
fn assert_refused(bot: &Bot, user: Option<&str>, ts: &str, why: &str) {
    if let Some(user) = user {
        assert!(bot.attached(user).is_empty(), "{:?}", bot.attached(user));
    }
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "warning"])
    );
    let replies = bot.slack.replies(CHANNEL, ts);
    assert_eq!(replies.len(), 1, "{replies:?}");
    assert!(
        replies[0].contains("Nothing was attached") && replies[0].contains(why),
        "{}",
        replies[0]
    );
    let told = dms(bot, ADMIN_DM);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].1.text.contains(why), "{}", told[0].1.text);
    assert!(told[0].2.is_empty(), "no buttons on a refusal");
}

#[test]
fn someone_elses_iam_user_gets_nothing() {
    let bot = Bot::start();
    let user = unique("bob");
    bot.create_user(&user, Some("U0BOB"));
    let ts = "1700000600.000100";
    bot.request(ALICE, ts, &low_risk(&user));
    assert_refused(&bot, Some(&user), ts, "belongs to <@U0BOB>");

    let untagged = unique("nobody");
    bot.create_user(&untagged, None);
    let ts = "1700000601.000100";
    bot.slack
        .state
        .lock()
        .unwrap()
        .messages
        .retain(|(c, _), _| c != ADMIN_DM);
    bot.request(ALICE, ts, &low_risk(&untagged));
    assert_refused(&bot, Some(&untagged), ts, "no slack-user-id tag");
}

#[test]
fn another_accounts_user_gets_nothing() {
    let bot = Bot::start();
    let user = unique("alien");
    bot.create_user(&user, Some(ALICE));
    let ts = "1700000700.000100";
    let text = low_risk(&user).replace(ACCOUNT, "999999999999");
    bot.request(ALICE, ts, &text);
    assert_refused(&bot, Some(&user), ts, "account 999999999999");
}

#[test]
fn a_role_principal_is_never_granted() {
    let bot = Bot::start();
    let ts = "1700000800.000100";
    let text = format!(
        "User: arn:aws:sts::{ACCOUNT}:assumed-role/LabRole/{ALICE} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k"
    );
    bot.request(ALICE, ts, &text);
    assert_refused(&bot, None, ts, "names no IAM user");
    assert!(
        bot.slack
            .calls_to("reactions.add")
            .iter()
            .all(|c| c.body["name"] != "white_check_mark")
    );
}

#[test]
fn a_never_grant_policy_is_never_attached() {
    let bot = Bot::with(Options {
        never_grant: Some("AmazonS3ReadOnlyAccess".into()),
        ..Options::default()
    });
    let user = unique("never");
    bot.create_user(&user, Some(ALICE));
    let ts = "1700000900.000100";
    bot.request(ALICE, ts, &low_risk(&user));
    assert!(bot.attached(&user).is_empty());
    assert!(
        !bot.slack
            .reactions_on(CHANNEL, ts)
            .contains("white_check_mark")
    );

    // Nor through a click whose (signed) value names one: the checks run
    // again at approval.
    let bot = Bot::start();
    let ts = "1700000901.000100";
    bot.slack.add_message(CHANNEL, ts, "x");
    bot.slack
        .add_reaction(CHANNEL, ts, "hourglass_flowing_sand");
    let forged = RequestRef {
        channel: CHANNEL.into(),
        ts: ts.into(),
        requester: SlackUserId::parse(ALICE).unwrap(),
        principal: format!("arn:aws:iam::{ACCOUNT}:user/{user}"),
        policies: vec!["arn:aws:iam::aws:policy/AdministratorAccess".into()],
        dms: Vec::new(),
    };
    bot.click(
        ADMIN,
        APPROVE,
        &forged.to_value(),
        ADMIN_DM,
        "1700000901.000200",
    );
    assert!(bot.attached(&user).is_empty());
    let replies = bot.slack.replies(CHANNEL, ts);
    assert!(replies[0].contains("never-grant list"), "{replies:?}");
}

#[test]
fn a_full_quota_gets_nothing_and_an_attached_policy_is_reported() {
    let bot = Bot::start();
    let user = unique("full");
    bot.create_user(&user, Some(ALICE));
    for name in [
        "AmazonEC2ReadOnlyAccess",
        "AmazonSQSReadOnlyAccess",
        "AmazonSNSReadOnlyAccess",
        "AWSLambda_ReadOnlyAccess",
        "AmazonDynamoDBReadOnlyAccess",
        "CloudWatchReadOnlyAccess",
        "AmazonRDSReadOnlyAccess",
        "IAMReadOnlyAccess",
        "AmazonVPCReadOnlyAccess",
        "AmazonRoute53ReadOnlyAccess",
    ] {
        bot.attach(&user, &format!("arn:aws:iam::aws:policy/{name}"));
    }
    let ts = "1700001000.000100";
    bot.request(ALICE, ts, &low_risk(&user));
    assert_eq!(bot.attached(&user).len(), 10);
    assert!(
        !bot.attached(&user)
            .contains(&"AmazonS3ReadOnlyAccess".to_owned())
    );
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "warning"])
    );
    assert!(bot.slack.replies(CHANNEL, ts)[0].contains("quota of 10"));

    let has = unique("has");
    bot.create_user(&has, Some(ALICE));
    bot.attach(&has, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
    let ts = "1700001001.000100";
    bot.request(ALICE, ts, &low_risk(&has));
    assert_eq!(bot.attached(&has), ["AmazonS3ReadOnlyAccess"]);
    assert!(bot.slack.replies(CHANNEL, ts)[0].contains("already attached"));
}

#[test]
fn an_iam_failure_is_reported_and_attaches_nothing() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let bot = Bot::with(Options {
        iam_url: Some(closed),
        ..Options::default()
    });
    let user = unique("down");
    bot.create_user(&user, Some(ALICE));
    let ts = "1700001100.000100";
    bot.request(ALICE, ts, &low_risk(&user));
    assert!(bot.attached(&user).is_empty());
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "warning"])
    );
    let reply = &bot.slack.replies(CHANNEL, ts)[0];
    assert!(
        reply.contains("in IAM")
            && reply.contains("GetUser failed")
            && reply.contains("Nothing was attached"),
        "{reply}"
    );
}

#[test]
fn a_slack_failure_is_reported_and_leaves_nothing_waiting() {
    let bot = Bot::start();
    bot.slack.fail("conversations.open", "ratelimited");
    let user = unique("nodm");
    bot.create_user(&user, Some(ALICE));
    let ts = "1700001200.000100";
    bot.request(ALICE, ts, &high_risk(&user));
    assert!(bot.attached(&user).is_empty());
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "warning"])
    );
    let reply = &bot.slack.replies(CHANNEL, ts)[0];
    assert!(reply.contains("reaching the admins"), "{reply}");
}

#[test]
fn an_encoded_ec2_message_is_decoded_and_handled() {
    let user = unique("ec2");
    let encoded = "AbC123-encoded_blob-xyzQWERTYUIOPasdfghjkl0123456789-_ZXCVBNMqwertyuiop";
    let decoded = json!({
        "allowed": false, "explicitDeny": false,
        "matchedStatements": {"items": []}, "failures": {"items": []},
        "context": {
            "principal": {"id": "AIDAEXAMPLE", "name": user, "arn": format!("arn:aws:iam::{ACCOUNT}:user/{user}")},
            "action": "ec2:DescribeInstances", "resource": "*", "conditions": {"items": []},
        },
    });
    let bot = Bot::with(Options {
        decodes: vec![(encoded.into(), decoded.to_string())],
        ..Options::default()
    });
    bot.create_user(&user, Some(ALICE));
    let ts = "1700001300.000100";
    let text = format!(
        "An error occurred (UnauthorizedOperation) when calling the DescribeInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: {encoded}"
    );
    bot.request(ALICE, ts, &text);
    assert_eq!(bot.sts.decoded_asked(), [encoded]);
    assert_eq!(bot.attached(&user), ["AmazonEC2ReadOnlyAccess"]);
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "white_check_mark"])
    );

    // One STS cannot decode: ⚠️ and a reply, nothing attached.
    let ts = "1700001301.000100";
    bot.request(
        ALICE,
        ts,
        &text.replace(
            encoded,
            "NotKnownToStsQWERTYUIOPasdfghjkl0123456789-_ZXCVBNMqwertyuiopASDFGH",
        ),
    );
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "warning"])
    );
    let reply = &bot.slack.replies(CHANNEL, ts)[0];
    assert!(
        reply.contains("InvalidAuthorizationMessageException"),
        "{reply}"
    );
}

#[test]
fn a_not_fixable_denial_is_explained() {
    let bot = Bot::start();
    let ts = "1700001400.000100";
    let text = format!(
        "User: arn:aws:iam::{ACCOUNT}:user/student1 is not authorized to perform: ec2:RunInstances on resource: \
         arn:aws:ec2:us-east-1:{ACCOUNT}:instance/* with an explicit deny in a service control policy"
    );
    bot.request(ALICE, ts, &text);
    assert_eq!(
        bot.slack.reactions_on(CHANNEL, ts),
        set(&["eyes", "warning"])
    );
    let reply = &bot.slack.replies(CHANNEL, ts)[0];
    assert!(
        reply.contains("service control policy") || reply.contains("SCP"),
        "{reply}"
    );
    let value: Value = serde_json::to_value(bot.slack.methods()).unwrap();
    assert_eq!(
        value,
        json!(["reactions.add", "chat.postMessage", "reactions.add"])
    );
}

#[test]
fn ignores_what_is_not_a_request() {
    let bot = Bot::start();
    let event = json!({"type": "message", "channel": "C0ELSEWHERE", "user": ALICE, "text": low_risk("x"), "ts": "1.2"});
    let (status, _) = bot.send_event(&Bot::envelope(event));
    assert_eq!(status, 200);
    assert!(bot.slack.calls().is_empty());
    let (status, _) = bot.post("/elsewhere", "application/json", &[], "{}");
    assert_eq!(status, 404);
}
