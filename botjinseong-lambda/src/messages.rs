//! What people read: the thread replies under a request, and the admins'
//! DM with its Approve / Reject buttons (Block Kit). Plain words; Slack's
//! `mrkdwn` for names and emphasis.

use botjinseong::{Analysis, Recommendation};
use serde_json::{Value, json};

use crate::grant::Plan;
use crate::ids::SlackUserId;
use crate::interaction::{APPROVE, REJECT, RequestRef};

/// The reactions that tell a request's state.
pub mod reaction {
    /// Received (and the lock that makes a retried event a no-op).
    pub const RECEIVED: &str = "eyes";
    /// Waiting for an admin (and the lock that makes a second click a no-op).
    pub const WAITING: &str = "hourglass_flowing_sand";
    /// Granted.
    pub const GRANTED: &str = "white_check_mark";
    /// Rejected by an admin.
    pub const REJECTED: &str = "no_entry_sign";
    /// Failed, or no identity policy can help.
    pub const FAILED: &str = "warning";
}

/// Slack's limit on a section block's text, kept clear of.
const MAX_SECTION: usize = 2900;

/// `text` cut to at most `max` bytes on a character boundary, marked when cut.
fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// The policies of a recommendation, the first one and every `also`.
pub fn policy_arns(recommendation: &Recommendation) -> Vec<String> {
    std::iter::once(&recommendation.policy_arn)
        .chain(recommendation.also.iter().map(|p| &p.policy_arn))
        .map(|arn| arn.to_string())
        .collect()
}

/// The policies' names with their risks: "*A* (risk 12/100) and *B* (…)".
fn policy_names(recommendation: &Recommendation) -> String {
    let first = format!(
        "*{}* (risk {}/100)",
        recommendation.policy_name, recommendation.risk
    );
    let rest = recommendation
        .also
        .iter()
        .map(|p| format!("*{}* (risk {}/100)", p.policy_name, p.risk));
    std::iter::once(first)
        .chain(rest)
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The risk's reasons as a bulleted list.
fn reasons(recommendation: &Recommendation) -> String {
    recommendation
        .reasons
        .iter()
        .map(|r| format!("• {r}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The actions the analysis read or inferred, in code spans.
fn actions(analysis: &Analysis) -> String {
    let parsed = &analysis.parsed;
    let actions = match parsed.actions.is_empty() {
        true => &parsed.inferred_actions,
        false => &parsed.actions,
    };
    match actions.is_empty() {
        true => "no action".to_owned(),
        false => actions
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The reply when the policies were attached at once.
pub fn granted(analysis: &Analysis, recommendation: &Recommendation, plan: &Plan) -> String {
    format!(
        "Done: attached {} to IAM user `{}`, for {}.\n{}\nIAM takes a few seconds to apply it; then try again.",
        policy_names(recommendation),
        plan.user.name,
        actions(analysis),
        reasons(recommendation),
    )
}

/// The reply when an admin approved and the policies were attached.
pub fn approved(by: &SlackUserId, plan: &Plan) -> String {
    format!(
        "<@{by}> approved: attached {} to IAM user `{}`. IAM takes a few seconds to apply it; then try again.",
        plan.attach.join(", "),
        plan.user.name,
    )
}

/// The reply when an admin rejected the request.
pub fn rejected(by: &SlackUserId) -> String {
    format!(
        "<@{by}> rejected this request: nothing was attached. Ask them if you need to know why."
    )
}

/// The reply when an admin was asked.
pub fn asked_admin(recommendation: &Recommendation, threshold: u8) -> String {
    format!(
        "This needs an admin's approval: {} is at or above the risk threshold of {threshold}. I've asked an admin; this message gets ✅ or 🚫 when they decide.",
        policy_names(recommendation),
    )
}

/// The reply when no grant can or should be made: the engine's explanation.
pub fn cannot_help(analysis: &Analysis) -> String {
    format!(
        "I can't fix this by attaching a policy. {}",
        analysis.explanation
    )
}

/// The reply when a check refused the grant (the admins are told too).
pub fn refused(why: &dyn std::fmt::Display) -> String {
    format!("Nothing was attached: {why}. An admin has been told.")
}

/// The reply when something failed part-way.
pub fn failed(what: &str, why: &dyn std::fmt::Display) -> String {
    format!("Something went wrong {what}: {why}. Nothing was attached; an admin can look into it.")
}

/// The request as the admins see it: who, which IAM user, which policies,
/// the risk and why, and the text as pasted.
fn request_summary(request: &RequestRef, analysis: &Analysis) -> String {
    let summary = match &analysis.recommendation {
        Some(recommendation) => format!(
            "*Policy:* {}\n*Why this risk:*\n{}",
            policy_names(recommendation),
            reasons(recommendation)
        ),
        None => "*Policy:* none fits".to_owned(),
    };
    cut(
        &format!(
            "<@{}> asks for {} as `{}`.\n{summary}\n*Decision:* {}: {}",
            request.requester,
            actions(analysis),
            request.principal,
            analysis.decision.as_str(),
            analysis.explanation,
        ),
        MAX_SECTION,
    )
}

/// The DM asking an admin to approve: the summary, the pasted text, and
/// the buttons that carry `request`.
pub fn approval_dm(request: &RequestRef, analysis: &Analysis, pasted: &str) -> (String, Value) {
    let text = format!(
        "<@{}> asks for a policy that needs your approval",
        request.requester
    );
    let value = request.to_value();
    let blocks = json!([
        {"type": "section", "text": {"type": "mrkdwn", "text": request_summary(request, analysis)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": cut(&format!("*The error:*\n```{pasted}```"), MAX_SECTION)}},
        {"type": "actions", "elements": [
            {"type": "button", "action_id": APPROVE, "style": "primary",
             "text": {"type": "plain_text", "text": "Approve"}, "value": value},
            {"type": "button", "action_id": REJECT, "style": "danger",
             "text": {"type": "plain_text", "text": "Reject"}, "value": value},
        ]},
    ]);
    (text, blocks)
}

/// The DM telling an admin a request could not be granted, without buttons.
pub fn refused_dm(
    request: &RequestRef,
    analysis: &Analysis,
    why: &dyn std::fmt::Display,
) -> (String, Value) {
    let text = format!(
        "A request by <@{}> could not be granted: {why}",
        request.requester
    );
    let blocks = json!([
        {"type": "section", "text": {"type": "mrkdwn", "text": cut(&format!("*Not granted:* {why}."), MAX_SECTION)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": request_summary(request, analysis)}},
    ]);
    (text, blocks)
}

/// The DM once decided: who decided, when, and what came of it; the
/// buttons are gone.
pub fn decided_dm(outcome: &str, by: &SlackUserId, now_unix: i64) -> (String, Value) {
    let text = format!("{outcome} by <@{by}>");
    let when = format!("<!date^{now_unix}^{{date_short_pretty}} at {{time}}|{now_unix}>");
    let blocks = json!([
        {"type": "section", "text": {"type": "mrkdwn", "text": cut(&format!("{outcome} by <@{by}> on {when}."), MAX_SECTION)}},
    ]);
    (text, blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_a_character_boundary() {
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "abc…");
        assert_eq!(cut("aé", 2), "a…");
    }

    #[test]
    fn the_approval_dm_carries_the_request_in_both_buttons() {
        let engine = botjinseong::Engine::aws();
        let analysis = engine.analyze(
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: rds:CreateDBInstance on resource: arn:aws:rds:us-east-1:123456789012:db:x",
        );
        let request = RequestRef {
            channel: "C0REQUEST".into(),
            ts: "1700000000.000100".into(),
            requester: SlackUserId::parse("U0ALICE").unwrap(),
            principal: "arn:aws:iam::123456789012:user/alice".into(),
            policies: policy_arns(analysis.recommendation.as_ref().unwrap()),
            dms: Vec::new(),
        };
        let (text, blocks) = approval_dm(&request, &analysis, "the error");
        assert!(text.contains("<@U0ALICE>"), "{text}");
        let buttons = blocks[2]["elements"].as_array().unwrap();
        let ids: Vec<_> = buttons
            .iter()
            .map(|b| b["action_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, [APPROVE, REJECT]);
        for button in buttons {
            assert_eq!(button["value"], request.to_value());
        }
        let summary = blocks[0]["text"]["text"].as_str().unwrap();
        assert!(summary.contains("AmazonRDSFullAccess"), "{summary}");
        assert!(summary.contains("`rds:CreateDBInstance`"), "{summary}");
    }
}
