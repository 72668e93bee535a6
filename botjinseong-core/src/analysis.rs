//! The engine's answer for one message: the output contract's object.
//!
//! What comes from the static tables (canonical action names, policy names
//! and ARNs, risk reasons, fixed rule texts) is borrowed from them; only
//! what the message itself says is copied.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::catalog::Strs;
use crate::kinds::{DenialKind, PrincipalKind};

/// Everything the engine concluded about one message. Its serde form is the
/// JSON object `botjinseong explain --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The caller's id for the message (echoed by `batch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What the message says.
    pub parsed: ParsedFields,
    /// The policy to attach, if one fits.
    pub recommendation: Option<Recommendation>,
    /// What happens next.
    pub decision: Decision,
    /// One or two plain sentences for the student.
    pub explanation: String,
    /// Why the decision is what it is: the rules that applied.
    pub reasons: Vec<Cow<'static, str>>,
}

/// The `parsed` object: the message's fields, actions in canonical spelling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ParsedFields {
    /// The caller's ARN, as written.
    pub principal: Option<String>,
    /// The caller's kind.
    pub principal_kind: PrincipalKind,
    /// The caller's account, else the resource's.
    pub account: Option<String>,
    /// Denied actions the text names, canonical where the catalog knows them.
    pub actions: Vec<Cow<'static, str>>,
    /// Actions inferred from the SDK operation when the text names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred_actions: Vec<Cow<'static, str>>,
    /// The SDK operation named, if any.
    pub operation: Option<String>,
    /// The resource named, whole.
    pub resource: Option<String>,
    /// Why AWS denied it.
    pub denial: DenialKind,
    /// The encoded authorization failure message, for STS to decode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoded: Option<String>,
    /// Remarks on how the fields were read (input cut, action inferred …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl ParsedFields {
    /// The actions to grant: those the text names, else those inferred.
    pub fn denied(&self) -> &[Cow<'static, str>] {
        if self.actions.is_empty() {
            &self.inferred_actions
        } else {
            &self.actions
        }
    }
}

/// Where a recommendation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An exact hit in the compiled table.
    Catalog,
    /// A policy's wildcard matched an action the snapshot does not list.
    Pattern,
    /// The language model suggested it and the catalog confirmed it.
    Advisor,
}

/// The policy to attach, and its cost risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// Its ARN.
    pub policy_arn: Cow<'static, str>,
    /// Its name.
    pub policy_name: Cow<'static, str>,
    /// Cost risk, 1–100.
    pub risk: u8,
    /// The catalog entries that set the risk.
    pub reasons: Strs,
    /// Where it came from.
    pub source: Source,
    /// Further policies needed when one does not cover every denied action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<AlsoPolicy>,
}

/// A further policy of a request that needs more than one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlsoPolicy {
    /// Its ARN.
    pub policy_arn: Cow<'static, str>,
    /// Its name.
    pub policy_name: Cow<'static, str>,
    /// Its cost risk, 1–100.
    pub risk: u8,
    /// The denied actions it covers.
    pub actions: Vec<Cow<'static, str>>,
}

/// What happens next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Attach the policy now.
    AutoGrant,
    /// Ask an admin to approve.
    NeedsApproval,
    /// No identity policy can help.
    NotFixable,
    /// No action was found, or no policy grants it.
    Unresolved,
}

impl Decision {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AutoGrant => "auto_grant",
            Self::NeedsApproval => "needs_approval",
            Self::NotFixable => "not_fixable",
            Self::Unresolved => "unresolved",
        }
    }
}
