//! The work after Slack's acknowledgement: a request from its 👀 to its
//! final reaction and reply, and an admin's click from the lock to the
//! updated DM. Every rule it applies is the engine's, [`crate::grant`]'s or
//! [`crate::interaction`]'s; this module only puts them in order and says
//! what happened.
//!
//! Two reactions double as locks, because Slack tells whether a call changed
//! them: the first `reactions.add` of 👀 on a request wins and a retried or
//! duplicated event stops there; the first `reactions.remove` of ⏳ wins a
//! decision and a second click (or a second admin) stops there.

use botjinseong::advisor::Advisor;
use botjinseong::{Analysis, Decision, Engine, Recommendation};

use crate::app::now_unix;
use crate::audit;
use crate::config::Config;
use crate::grant::{self, GrantError};
use crate::iam::{Decoder, Iam};
use crate::ids::SlackUserId;
use crate::intake::Request;
use crate::interaction::{self, RequestRef};
use crate::messages::{self, reaction};
use crate::slack::{MessageRef, SlackApi};

/// Everything the work needs.
pub struct Services<'a> {
    /// The engine, configured.
    pub engine: &'a Engine,
    /// The adapter's configuration.
    pub config: &'a Config,
    /// Slack's Web API.
    pub slack: &'a dyn SlackApi,
    /// IAM.
    pub iam: &'a dyn Iam,
    /// STS, for EC2's encoded messages.
    pub decoder: &'a dyn Decoder,
    /// The language-model fallback, when configured.
    pub advisor: Option<&'a dyn Advisor>,
}

/// How a piece of work ended, for the audit trail and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Policies were attached.
    Granted,
    /// The admins were asked.
    AskedAdmin,
    /// An admin rejected the request.
    Rejected,
    /// A grant check refused; the admins were told.
    Refused,
    /// No identity policy can help, or none was found.
    CannotHelp,
    /// IAM, STS or Slack failed; nothing was attached.
    Failed,
    /// Already handled: a retried event, a second click.
    Duplicate,
    /// The click does not count; the clicker was told.
    ClickRefused,
}

impl Outcome {
    /// The audit trail's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Granted => "granted",
            Self::AskedAdmin => "asked_admin",
            Self::Rejected => "rejected",
            Self::Refused => "refused",
            Self::CannotHelp => "cannot_help",
            Self::Failed => "failed",
            Self::Duplicate => "duplicate",
            Self::ClickRefused => "click_refused",
        }
    }
}

impl Services<'_> {
    /// Handles a request message, from 👀 to its final reaction and reply.
    pub fn handle_request(&self, request: &Request) -> Outcome {
        let on = MessageRef {
            channel: request.channel.clone(),
            ts: request.ts.clone(),
        };
        match self
            .slack
            .add_reaction(&on.channel, &on.ts, reaction::RECEIVED)
        {
            Ok(true) => {}
            Ok(false) => return Outcome::Duplicate,
            Err(error) => {
                tracing::error!(%error, "cannot acknowledge a request on Slack");
                return Outcome::Failed;
            }
        }
        let analysis = match self.analyze(&request.text) {
            Ok(analysis) => analysis,
            Err(error) => {
                return self.finish(
                    &on,
                    reaction::FAILED,
                    &messages::failed("decoding the message", &error),
                    Outcome::Failed,
                );
            }
        };
        let outcome = self.decide(request, &on, &analysis);
        audit::request(request, &analysis, outcome);
        outcome
    }

    /// The engine's analysis; an EC2 encoded message is decoded with STS
    /// and the decoded message analysed instead.
    fn analyze(&self, text: &str) -> Result<Analysis, crate::iam::IamError> {
        let analysis = self.engine.analyze_with(text, self.advisor);
        match &analysis.parsed.encoded {
            Some(encoded) if analysis.parsed.actions.is_empty() => {
                let decoded = self.decoder.decode(encoded)?;
                Ok(self.engine.analyze_with(&decoded, self.advisor))
            }
            _ => Ok(analysis),
        }
    }

    /// What the engine's decision leads to.
    fn decide(&self, request: &Request, on: &MessageRef, analysis: &Analysis) -> Outcome {
        let (decision, Some(recommendation)) = (analysis.decision, &analysis.recommendation) else {
            return self.cannot_help(on, analysis);
        };
        let reference = RequestRef {
            channel: on.channel.clone(),
            ts: on.ts.clone(),
            requester: request.requester.clone(),
            // Empty when the error names no caller: the checks refuse it.
            principal: analysis.parsed.principal.clone().unwrap_or_default(),
            policies: messages::policy_arns(recommendation),
            dms: Vec::new(),
        };
        match decision {
            Decision::AutoGrant => self.auto_grant(on, &reference, analysis, recommendation),
            Decision::NeedsApproval => {
                self.ask_admins(on, &reference, analysis, recommendation, &request.text)
            }
            Decision::NotFixable | Decision::Unresolved => self.cannot_help(on, analysis),
        }
    }

    fn cannot_help(&self, on: &MessageRef, analysis: &Analysis) -> Outcome {
        self.finish(
            on,
            reaction::FAILED,
            &messages::cannot_help(analysis),
            Outcome::CannotHelp,
        )
    }

    fn auto_grant(
        &self,
        on: &MessageRef,
        reference: &RequestRef,
        analysis: &Analysis,
        recommendation: &Recommendation,
    ) -> Outcome {
        match grant::grant(self.engine, self.config, self.iam, reference) {
            Ok(plan) => self.finish(
                on,
                reaction::GRANTED,
                &messages::granted(analysis, recommendation, &plan),
                Outcome::Granted,
            ),
            Err(error) => self.not_granted(on, reference, analysis, &error),
        }
    }

    /// A grant that did not happen: a refusal goes to the admins as well.
    fn not_granted(
        &self,
        on: &MessageRef,
        reference: &RequestRef,
        analysis: &Analysis,
        error: &GrantError,
    ) -> Outcome {
        match error {
            GrantError::Refused(why) => {
                let (text, blocks) = messages::refused_dm(reference, analysis, why);
                self.tell_admins(&text, &blocks);
                self.finish(
                    on,
                    reaction::FAILED,
                    &messages::refused(why),
                    Outcome::Refused,
                )
            }
            GrantError::Iam(why) => self.finish(
                on,
                reaction::FAILED,
                &messages::failed("in IAM", why),
                Outcome::Failed,
            ),
        }
    }

    fn ask_admins(
        &self,
        on: &MessageRef,
        reference: &RequestRef,
        analysis: &Analysis,
        recommendation: &Recommendation,
        pasted: &str,
    ) -> Outcome {
        if let Err(error) = grant::check(self.engine, self.config, self.iam, reference) {
            return self.not_granted(on, reference, analysis, &error);
        }
        // The lock goes on before any admin can click.
        if let Err(error) = self
            .slack
            .add_reaction(&on.channel, &on.ts, reaction::WAITING)
        {
            return self.finish(
                on,
                reaction::FAILED,
                &messages::failed("on Slack", &error),
                Outcome::Failed,
            );
        }
        let (text, blocks) = messages::approval_dm(reference, analysis, pasted);
        let dms = self.tell_admins(&text, &blocks);
        if dms.is_empty() {
            let _ = self
                .slack
                .remove_reaction(&on.channel, &on.ts, reaction::WAITING);
            return self.finish(
                on,
                reaction::FAILED,
                &messages::failed("reaching the admins", &"no admin could be sent a message"),
                Outcome::Failed,
            );
        }
        self.share_dms(reference, analysis, pasted, dms);
        self.reply(
            on,
            &messages::asked_admin(recommendation, self.config.engine.threshold),
        );
        Outcome::AskedAdmin
    }

    /// Gives each of several admins' DMs buttons that name all of them, so
    /// whichever is clicked, every one shows the decision. Where that fails
    /// or would not fit in a button, the buttons posted first still work.
    fn share_dms(
        &self,
        reference: &RequestRef,
        analysis: &Analysis,
        pasted: &str,
        dms: Vec<MessageRef>,
    ) {
        let shared = RequestRef {
            dms,
            ..reference.clone()
        };
        if shared.dms.len() < 2 || shared.to_value().len() > interaction::MAX_VALUE_LEN {
            return;
        }
        let (text, blocks) = messages::approval_dm(&shared, analysis, pasted);
        for dm in &shared.dms {
            if let Err(error) =
                self.slack
                    .update_message(&dm.channel, &dm.ts, &text, Some(blocks.clone()))
            {
                tracing::error!(%error, "cannot update an admin's message");
            }
        }
    }

    /// Sends every admin a DM; the ones sent.
    fn tell_admins(&self, text: &str, blocks: &serde_json::Value) -> Vec<MessageRef> {
        self.config
            .admins
            .iter()
            .filter_map(|admin| {
                let sent = self.slack.open_dm(admin).and_then(|dm| {
                    self.slack
                        .post_message(&dm, None, text, Some(blocks.clone()))
                });
                if let Err(error) = &sent {
                    tracing::error!(admin = %admin, %error, "cannot send an admin a message");
                }
                sent.ok()
            })
            .collect()
    }

    /// Posts the reply in the request's thread.
    fn reply(&self, on: &MessageRef, text: &str) {
        if let Err(error) = self
            .slack
            .post_message(&on.channel, Some(&on.ts), text, None)
        {
            tracing::error!(%error, "cannot reply to a request");
        }
    }

    /// The final reaction and the reply.
    fn finish(&self, on: &MessageRef, name: &str, text: &str, outcome: Outcome) -> Outcome {
        self.reply(on, text);
        if let Err(error) = self.slack.add_reaction(&on.channel, &on.ts, name) {
            tracing::error!(%error, reaction = name, "cannot react to a request");
        }
        outcome
    }

    /// Handles an Approve / Reject click.
    pub fn handle_click(&self, decision: &interaction::Decision) -> Outcome {
        let outcome = match decision {
            interaction::Decision::Refused { by, why, dm } => {
                self.ephemeral(dm, by, &why.to_string());
                Outcome::ClickRefused
            }
            interaction::Decision::Approve { by, request, dm } => self.approve(by, request, dm),
            interaction::Decision::Reject { by, request, dm } => self.reject(by, request, dm),
        };
        audit::click(decision, outcome);
        outcome
    }

    fn ephemeral(&self, dm: &MessageRef, user: &SlackUserId, text: &str) {
        if let Err(error) = self.slack.post_ephemeral(&dm.channel, user, text) {
            tracing::error!(%error, "cannot tell a clicker");
        }
    }

    /// Takes the ⏳ lock for a click: the request message when this click is
    /// the one that decides, else how the click ended (the clicker is told).
    fn lock(
        &self,
        by: &SlackUserId,
        request: &RequestRef,
        dm: &MessageRef,
    ) -> Result<MessageRef, Outcome> {
        let removed = self
            .slack
            .remove_reaction(&request.channel, &request.ts, reaction::WAITING);
        match removed {
            Ok(true) => Ok(MessageRef {
                channel: request.channel.clone(),
                ts: request.ts.clone(),
            }),
            Ok(false) => {
                self.ephemeral(dm, by, "This request was already decided.");
                Err(Outcome::Duplicate)
            }
            Err(error) => {
                self.ephemeral(dm, by, &messages::failed("on Slack", &error));
                Err(Outcome::Failed)
            }
        }
    }

    fn approve(&self, by: &SlackUserId, request: &RequestRef, dm: &MessageRef) -> Outcome {
        let on = match self.lock(by, request, dm) {
            Ok(on) => on,
            Err(outcome) => return outcome,
        };
        let result = grant::grant(self.engine, self.config, self.iam, request);
        let (outcome, summary) = match &result {
            Ok(plan) => (
                self.finish(
                    &on,
                    reaction::GRANTED,
                    &messages::approved(by, plan),
                    Outcome::Granted,
                ),
                "✅ Approved and attached".to_owned(),
            ),
            Err(GrantError::Refused(why)) => (
                self.finish(
                    &on,
                    reaction::FAILED,
                    &messages::refused(why),
                    Outcome::Refused,
                ),
                format!("⚠️ Approved, but nothing was attached ({why})"),
            ),
            Err(GrantError::Iam(why)) => (
                self.finish(
                    &on,
                    reaction::FAILED,
                    &messages::failed("in IAM", why),
                    Outcome::Failed,
                ),
                format!("⚠️ Approved, but IAM failed and nothing was attached ({why})"),
            ),
        };
        self.update_dms(request, dm, &summary, by);
        outcome
    }

    fn reject(&self, by: &SlackUserId, request: &RequestRef, dm: &MessageRef) -> Outcome {
        let on = match self.lock(by, request, dm) {
            Ok(on) => on,
            Err(outcome) => return outcome,
        };
        self.update_dms(request, dm, "🚫 Rejected", by);
        self.finish(
            &on,
            reaction::REJECTED,
            &messages::rejected(by),
            Outcome::Rejected,
        )
    }

    /// Shows the decision on every admin's DM about the request: the one
    /// clicked, and the others its buttons name.
    fn update_dms(
        &self,
        request: &RequestRef,
        clicked: &MessageRef,
        summary: &str,
        by: &SlackUserId,
    ) {
        let (text, blocks) = messages::decided_dm(summary, by, now_unix());
        let others = request.dms.iter().filter(|dm| *dm != clicked);
        for dm in std::iter::once(clicked).chain(others) {
            if let Err(error) =
                self.slack
                    .update_message(&dm.channel, &dm.ts, &text, Some(blocks.clone()))
            {
                tracing::error!(%error, "cannot update an admin's message");
            }
        }
    }
}
