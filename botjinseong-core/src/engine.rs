//! The pipeline: parse → resolve → score → decide, over one catalog.

use std::borrow::Cow;
use std::ops::Deref;

use crate::advisor::{Advisor, Question, validate};
use crate::analysis::{AlsoPolicy, Analysis, ParsedFields, Recommendation, Source};
use crate::catalog::{ActionRecord, Catalog, PolicyRecord};
use crate::decide::{Config, Facts, decide, denial_words, who_can_fix};
use crate::evaluate::Variables;
use crate::infer;
use crate::kinds::{DenialKind, PrincipalKind};
use crate::parse::{Parsed, parse_with};
use crate::resolve::{Resolution, best_of, candidates, resolve};
use crate::select::select;
use crate::sentence::{concat, decimal};

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

    /// Analyses one pasted message from the data alone.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_with(text, None)
    }

    /// Analyses one pasted message, asking `advisor` only when the data has
    /// no answer (no action in the text, or none that a policy grants) and a
    /// grant could help. Whatever it says is checked against the catalog;
    /// what it suggests always needs an admin's approval.
    pub fn analyze_with(&self, text: &str, advisor: Option<&dyn Advisor>) -> Analysis {
        let (mut fields, only) = parse_with(text, |parsed| self.fields(parsed));
        let mut reasons = Vec::new();
        let mut picks = self.data_answer(&fields, only);
        if let Some(advisor) = advisor
            && picks.policies.is_empty()
            && fields.denial.fixable_by_identity_policy()
        {
            picks = self.advisor_answer(text, &mut fields, advisor, &mut reasons);
        }
        let verdict = decide(
            &self.config,
            self.catalog,
            &Facts {
                denial: fields.denial,
                principal: fields.principal_kind,
                policies: &picks.policies,
                source: picks.source,
                covers_all: picks.covers_all,
                names_an_action: !fields.denied().is_empty(),
            },
        );
        let recommendation = recommendation(picks);
        let explanation = explain(&fields, recommendation.as_ref(), verdict.decision);
        let reasons = if reasons.is_empty() {
            verdict.reasons
        } else {
            reasons.extend(verdict.reasons);
            reasons
        };
        Analysis {
            id: None,
            parsed: fields,
            recommendation,
            decision: verdict.decision,
            explanation,
            reasons,
        }
    }

    /// The data's answer: the fewest catalog policies covering the actions.
    /// `only` is the catalog's record of the one action named, when the
    /// caller has already looked it up.
    fn data_answer(&self, fields: &ParsedFields, only: Option<&'c ActionRecord>) -> Picks<'c> {
        let variables = Variables {
            // `aws:username` is an IAM user's name: the last part of its ARN.
            username: fields
                .principal
                .as_deref()
                .filter(|_| fields.principal_kind == PrincipalKind::User)
                .and_then(|p| p.rsplit_once('/'))
                .map(|(_, name)| name),
            account: fields.account.as_deref(),
        };
        // Where no identity policy can help, no policy is recommended.
        let fixable = fields.denial.fixable_by_identity_policy();
        let denied = fields.denied();
        let resource = fields.resource.as_deref();
        if let ([one], true) = (denied, fixable) {
            // One action: its best candidate is the answer.
            let record = only.or_else(|| self.catalog.action(one));
            let found = best_of(self.catalog, record, one, resource, variables);
            return Picks {
                source: found.map_or(Source::Catalog, |(_, source)| source),
                covers_all: found.is_some(),
                policies: Policies::One(found.map(|(c, _)| c.policy)),
                also: Vec::new(),
            };
        }
        let resolutions: Vec<Resolution<'c>> = denied
            .iter()
            .filter(|_| fixable)
            .map(|a| candidates(self.catalog, a, resource, variables))
            .collect();
        let selection = select(&resolutions);
        let source = if selection.picks.iter().any(|p| p.source == Source::Pattern) {
            Source::Pattern
        } else {
            Source::Catalog
        };
        let pairs = selection
            .picks
            .iter()
            .map(|p| {
                let actions = p.actions.iter().filter_map(|&i| denied.get(i).cloned());
                (p.candidate.policy, actions.collect())
            })
            .collect();
        Picks::from_pairs(pairs, source, selection.uncovered.is_empty())
    }

    /// The advisor's answer, as far as the catalog confirms it. Actions it
    /// found where the text named none are added to the inferred actions.
    fn advisor_answer(
        &self,
        text: &str,
        fields: &mut ParsedFields,
        advisor: &dyn Advisor,
        reasons: &mut Vec<Cow<'static, str>>,
    ) -> Picks<'c> {
        let answer = match advisor.advise(&Question::new(text, fields.clone())) {
            Ok(answer) => answer,
            Err(e) => {
                reasons.push(format!("the language model gave no usable answer: {e}").into());
                return Picks::from_pairs(Vec::new(), Source::Advisor, false);
            }
        };
        let checked = validate(self.catalog, &answer, fields.resource.as_deref());
        reasons.extend(
            checked
                .reasons
                .iter()
                .map(|r| Cow::Owned(format!("advisor: {r}"))),
        );
        if fields.denied().is_empty() && !checked.actions.is_empty() {
            fields.inferred_actions = checked
                .actions
                .iter()
                .map(|a| Cow::Owned(a.action.clone()))
                .collect();
            fields.notes.push(format!(
                "the message names no IAM action: {} suggested by the language model and checked against the catalog",
                fields.inferred_actions.join(", ")
            ));
        }
        let denied = fields.denied();
        // The data's answer for the model's actions comes first; only where
        // it has none are the model's own (checked) policies used.
        let data = self.data_answer(fields, None);
        if !data.policies.is_empty() {
            return Picks {
                source: Source::Advisor,
                ..data
            };
        }
        let mut pairs: Vec<(&'c PolicyRecord, Vec<Cow<'static, str>>)> = Vec::new();
        for action in denied {
            let Some(kept) = checked.policies.iter().find(|k| k.action == *action) else {
                continue;
            };
            match pairs
                .iter_mut()
                .find(|(p, _)| std::ptr::eq(*p, kept.policy))
            {
                Some((_, actions)) => actions.push(action.clone()),
                None => pairs.push((kept.policy, vec![action.clone()])),
            }
        }
        let covered: usize = pairs.iter().map(|(_, a)| a.len()).sum();
        let covers_all = !denied.is_empty() && covered == denied.len();
        Picks::from_pairs(pairs, Source::Advisor, covers_all)
    }

    /// The ranked candidates for one action, as `botjinseong action` shows them.
    pub fn rank(&self, action: &str) -> Resolution<'c> {
        resolve(self.catalog, action, None, Variables::default())
    }

    /// The parsed fields, actions spelled as the catalog spells them, and
    /// the catalog's record of the action when the text names exactly one
    /// (so that it is looked up once). Only the fields kept are copied out
    /// of the text.
    fn fields(&self, parsed: Parsed<'_>) -> (ParsedFields, Option<&'c ActionRecord>) {
        let mut only = None;
        // Collected in place: the parser's list becomes the analysis's.
        let actions = parsed
            .actions
            .into_iter()
            .map(|a| match self.catalog.action(&a) {
                Some(record) => {
                    only = Some(record);
                    record.name.clone()
                }
                None => Cow::Owned(a.into_owned()),
            })
            .collect::<Vec<_>>();
        let only = only.filter(|_| actions.len() == 1);
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
        let fields = ParsedFields {
            principal: parsed.principal.map(Cow::into_owned),
            principal_kind: parsed.principal_kind,
            account: parsed.account.map(Cow::into_owned),
            actions,
            inferred_actions,
            operation: parsed.operation.map(Cow::into_owned),
            resource: parsed.resource.map(Cow::into_owned),
            denial: parsed.denial,
            encoded: parsed.encoded.map(Cow::into_owned),
            notes,
        };
        (fields, only)
    }
}

/// The policies chosen for a request, first the one covering most.
struct Picks<'c> {
    /// The policies.
    policies: Policies<'c>,
    /// The denied actions each policy after the first covers (the
    /// recommendation's `also`).
    also: Vec<Vec<Cow<'static, str>>>,
    source: Source,
    covers_all: bool,
}

impl<'c> Picks<'c> {
    /// The picks of policies, each with the denied actions it covers.
    fn from_pairs(
        pairs: Vec<(&'c PolicyRecord, Vec<Cow<'static, str>>)>,
        source: Source,
        covers_all: bool,
    ) -> Self {
        Self {
            policies: Policies::Several(pairs.iter().map(|(p, _)| *p).collect()),
            also: pairs.into_iter().skip(1).map(|(_, a)| a).collect(),
            source,
            covers_all,
        }
    }
}

/// The policies of a pick: at most one without a heap allocation (most
/// requests name one action), or several.
enum Policies<'c> {
    /// The best policy for the one action, if any fits.
    One(Option<&'c PolicyRecord>),
    /// Any number of policies.
    Several(Vec<&'c PolicyRecord>),
}

impl<'c> Deref for Policies<'c> {
    type Target = [&'c PolicyRecord];

    fn deref(&self) -> &Self::Target {
        match self {
            Self::One(policy) => policy.as_slice(),
            Self::Several(policies) => policies,
        }
    }
}

/// The recommendation of the picks: the first policy, and the others as
/// `also`.
fn recommendation(picks: Picks<'_>) -> Option<Recommendation> {
    let (policy, rest) = picks.policies.split_first()?;
    Some(Recommendation {
        policy_arn: policy.arn.clone(),
        policy_name: policy.name.clone(),
        risk: policy.risk.risk,
        reasons: policy.risk.reasons.clone(),
        source: picks.source,
        also: rest
            .iter()
            .zip(picks.also)
            .map(|(p, actions)| AlsoPolicy {
                policy_arn: p.arn.clone(),
                policy_name: p.name.clone(),
                risk: p.risk.risk,
                actions,
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
    let what: Cow<'_, str> = match fields.denied() {
        [] => "the request".into(),
        [one] => one.as_ref().into(),
        many => many.join(", ").into(),
    };
    match (decision, recommendation) {
        (NotFixable, _) => concat(&[
            "AWS denied ",
            &what,
            " because of ",
            denial_words(fields.denial),
            "; no identity policy can fix that. Ask ",
            who_can_fix(fields.denial),
            ".",
        ]),
        (Unresolved, _) if fields.denial == DenialKind::Encoded => concat(&[
            "AWS hid the reason in an encoded message. Ask ",
            who_can_fix(fields.denial),
            ", then try again with the decoded text.",
        ]),
        (Unresolved, _) if fields.denied().is_empty() => {
            "The message names no IAM action, so there is nothing to grant yet; paste the full error text.".into()
        }
        (Unresolved, _) | (_, None) => concat(&[
            "No AWS managed policy meant for people grants ",
            &what,
            "; an admin has to write a policy for it.",
        ]),
        (AutoGrant | NeedsApproval, Some(r)) => concat(&[
            &policy_names(r),
            " grants ",
            &what,
            " with cost risk ",
            decimal(max_risk(r)),
            if decision == AutoGrant {
                ", below the threshold, so it can be attached right away."
            } else {
                ", so an admin has to approve it first."
            },
        ]),
    }
}

/// "A" or "A and B": every policy of a recommendation.
fn policy_names(r: &Recommendation) -> Cow<'_, str> {
    let Some((last, rest)) = r.also.split_last() else {
        return r.policy_name.as_ref().into();
    };
    let mut names = vec![r.policy_name.as_ref()];
    names.extend(rest.iter().map(|a| a.policy_name.as_ref()));
    format!("{} and {}", names.join(", "), last.policy_name).into()
}

/// The highest risk among a recommendation's policies.
fn max_risk(r: &Recommendation) -> u8 {
    r.also.iter().map(|a| a.risk).fold(r.risk, u8::max)
}
