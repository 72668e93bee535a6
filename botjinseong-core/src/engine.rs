//! The pipeline: parse → resolve → score → decide, over one catalog.

use crate::analysis::{AlsoPolicy, Analysis, ParsedFields, Recommendation, Source};
use crate::catalog::{Catalog, PolicyRecord};
use crate::decide::{Config, Facts, decide, denial_words, who_can_fix};
use crate::evaluate::Variables;
use crate::infer;
use crate::kinds::DenialKind;
use crate::parse::{Parsed, parse};
use crate::resolve::{Resolution, resolve};
use crate::select::{Selection, select};

/// The engine: a catalog and the grant rules' configuration.
#[derive(Debug, Clone)]
pub struct Engine<'c> {
    catalog: &'c Catalog,
    config: Config,
}

impl<'c> Engine<'c> {
    /// An engine over `catalog` with the rules configured by `config`.
    pub fn new(catalog: &'c Catalog, config: Config) -> Self {
        Self { catalog, config }
    }

    /// The catalog.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// The rules' configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Analyses one pasted message.
    pub fn analyze(&self, text: &str) -> Analysis {
        let parsed = parse(text);
        let fields = self.fields(&parsed);
        let variables = Variables {
            username: fields
                .principal
                .as_deref()
                .filter(|p| p.contains(":user/"))
                .and_then(|p| p.rsplit('/').next()),
            account: fields.account.as_deref(),
        };
        // Where no identity policy can help, no policy is recommended.
        let fixable = fields.denial.fixable_by_identity_policy();
        let resolutions: Vec<Resolution<'c>> = fields
            .denied()
            .iter()
            .filter(|_| fixable)
            .map(|a| resolve(self.catalog, a, fields.resource.as_deref(), variables))
            .collect();
        let selection = select(&resolutions);
        let policies: Vec<&PolicyRecord> =
            selection.picks.iter().map(|p| p.candidate.policy).collect();
        let source = match selection.picks.iter().any(|p| p.source == Source::Pattern) {
            true => Source::Pattern,
            false => Source::Catalog,
        };
        let verdict = decide(
            &self.config,
            self.catalog,
            &Facts {
                denial: fields.denial,
                principal: fields.principal_kind,
                policies: &policies,
                source,
                covers_all: selection.uncovered.is_empty(),
            },
        );
        let recommendation = recommendation(&selection, fields.denied(), source);
        let explanation = explain(&fields, recommendation.as_ref(), verdict.decision);
        Analysis {
            id: None,
            parsed: fields,
            recommendation,
            decision: verdict.decision,
            explanation,
            reasons: verdict.reasons,
        }
    }

    /// The ranked candidates for one action, as `botjinseong action` shows them.
    pub fn rank(&self, action: &str) -> Resolution<'c> {
        resolve(self.catalog, action, None, Variables::default())
    }

    /// The parsed fields, actions spelled as the catalog spells them.
    fn fields(&self, parsed: &Parsed<'_>) -> ParsedFields {
        let actions = parsed
            .actions
            .iter()
            .map(|a| match self.catalog.action(a) {
                Some(record) => record.name.to_string(),
                None => a.to_string(),
            })
            .collect::<Vec<String>>();
        let mut notes = Vec::new();
        if parsed.truncated {
            notes.push(format!(
                "the message is longer than {} KiB; only its start was read",
                crate::parse::MAX_INPUT / 1024
            ));
        }
        let service = parsed.service.as_deref().or_else(|| {
            parsed
                .operation
                .as_deref()
                .and_then(|op| infer::only_service(self.catalog, op))
        });
        let inferred_actions = match (&parsed.operation, service) {
            (Some(op), Some(service)) if actions.is_empty() => {
                let inferred = infer::actions(self.catalog, service, op);
                if !inferred.is_empty() {
                    notes.push(format!(
                        "the message names no IAM action: {} inferred from the {} operation {op}",
                        inferred.join(", "),
                        infer::prefix_of(service)
                    ));
                }
                inferred
            }
            _ => Vec::new(),
        };
        ParsedFields {
            principal: parsed.principal.as_deref().map(String::from),
            principal_kind: parsed.principal_kind,
            account: parsed.account.as_deref().map(String::from),
            actions,
            inferred_actions,
            operation: parsed.operation.as_deref().map(String::from),
            resource: parsed.resource.as_deref().map(String::from),
            denial: parsed.denial,
            encoded: parsed.encoded.as_deref().map(String::from),
            notes,
        }
    }
}

/// The recommendation of a selection: its first policy, and the others as
/// `also`.
fn recommendation(
    selection: &Selection<'_>,
    actions: &[String],
    source: Source,
) -> Option<Recommendation> {
    let (first, rest) = selection.picks.split_first()?;
    let policy = first.candidate.policy;
    Some(Recommendation {
        policy_arn: policy.arn.to_string(),
        policy_name: policy.name.to_string(),
        risk: policy.risk.risk,
        reasons: policy.risk.reasons.iter().map(|r| r.to_string()).collect(),
        source,
        also: rest
            .iter()
            .map(|pick| AlsoPolicy {
                policy_arn: pick.candidate.policy.arn.to_string(),
                policy_name: pick.candidate.policy.name.to_string(),
                risk: pick.candidate.policy.risk.risk,
                actions: pick
                    .actions
                    .iter()
                    .filter_map(|&i| actions.get(i).cloned())
                    .collect(),
            })
            .collect(),
    })
}

/// One or two plain sentences for the student.
fn explain(
    fields: &ParsedFields,
    recommendation: Option<&Recommendation>,
    decision: crate::analysis::Decision,
) -> String {
    use crate::analysis::Decision::*;
    let what = match fields.denied() {
        [] => "the request".to_string(),
        [one] => one.clone(),
        many => many.join(", "),
    };
    match (decision, recommendation) {
        (NotFixable, _) => format!(
            "AWS denied {what} because of {}; no identity policy can fix that. Ask {}.",
            denial_words(fields.denial),
            who_can_fix(fields.denial)
        ),
        (Unresolved, _) if fields.denial == DenialKind::Encoded => format!(
            "AWS hid the reason in an encoded message. Ask {}, then try again with the decoded text.",
            who_can_fix(fields.denial)
        ),
        (Unresolved, _) if fields.denied().is_empty() => {
            "The message names no IAM action, so there is nothing to grant yet; paste the full error text.".into()
        }
        (Unresolved, _) | (_, None) => format!(
            "No AWS managed policy meant for people grants {what}; an admin has to write a policy for it."
        ),
        (AutoGrant, Some(r)) => format!(
            "{} grants {what} with cost risk {}, below the threshold, so it can be attached right away.",
            policy_names(r),
            max_risk(r)
        ),
        (NeedsApproval, Some(r)) => format!(
            "{} grants {what} with cost risk {}, so an admin has to approve it first.",
            policy_names(r),
            max_risk(r)
        ),
    }
}

/// "A" or "A and B": every policy of a recommendation.
fn policy_names(r: &Recommendation) -> String {
    let mut names = vec![r.policy_name.as_str()];
    names.extend(r.also.iter().map(|a| a.policy_name.as_str()));
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => r.policy_name.clone(),
    }
}

/// The highest risk among a recommendation's policies.
fn max_risk(r: &Recommendation) -> u8 {
    r.also.iter().map(|a| a.risk).fold(r.risk, u8::max)
}
