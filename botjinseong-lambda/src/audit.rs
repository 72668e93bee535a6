//! The audit trail: one structured log event per decision (who asked, as
//! which IAM user, for what, which policies, their risk, and what came of
//! it), under the target `audit`, which the binary's JSON logger writes as
//! one line each (CloudWatch Logs on Lambda).

use botjinseong::Analysis;

use crate::flow::Outcome;
use crate::grant::user_of;
use crate::intake::Request;
use crate::interaction::Decision;

/// The target audit events are logged under.
pub const TARGET: &str = "audit";

/// The IAM user's name in a caller's ARN, or `""`.
fn iam_user(principal: Option<&str>) -> &str {
    principal.and_then(user_of).map_or("", |(_, name)| name)
}

/// Logs the handling of a request.
pub fn request(request: &Request, analysis: &Analysis, outcome: Outcome) {
    let parsed = &analysis.parsed;
    let recommendation = analysis.recommendation.as_ref();
    tracing::info!(
        target: TARGET,
        event = "request",
        requester = %request.requester,
        channel = %request.channel,
        ts = %request.ts,
        principal = parsed.principal.as_deref().unwrap_or(""),
        iam_user = iam_user(parsed.principal.as_deref()),
        actions = %parsed.actions.join(","),
        inferred_actions = %parsed.inferred_actions.join(","),
        denial = parsed.denial.as_str(),
        policy = recommendation.map_or("", |r| &r.policy_arn),
        also = %recommendation.map(|r| r.also.iter().map(|p| p.policy_arn.as_ref()).collect::<Vec<_>>().join(",")).unwrap_or_default(),
        risk = recommendation.map_or(0, |r| r.risk),
        decision = analysis.decision.as_str(),
        outcome = outcome.as_str(),
    );
}

/// Logs the handling of an admin's click.
pub fn click(decision: &Decision, outcome: Outcome) {
    let (event, by, request) = match decision {
        Decision::Approve { by, request, .. } => ("approve", by, Some(request)),
        Decision::Reject { by, request, .. } => ("reject", by, Some(request)),
        Decision::Refused { by, .. } => ("refused_click", by, None),
    };
    tracing::info!(
        target: TARGET,
        event,
        by = %by,
        requester = %request.map(|r| r.requester.as_str()).unwrap_or(""),
        principal = request.map_or("", |r| &r.principal),
        iam_user = iam_user(request.map(|r| r.principal.as_str())),
        policies = %request.map(|r| r.policies.join(",")).unwrap_or_default(),
        outcome = outcome.as_str(),
    );
}
