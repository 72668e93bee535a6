//! IAM policy documents: the statements the evaluator reads, and how they
//! are read from JSON.

use std::borrow::Cow;

use serde_json::Value;

use crate::catalog::Strs;

/// Whether a statement allows or denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// `"Effect": "Allow"`.
    Allow,
    /// `"Effect": "Deny"`.
    Deny,
}

/// The patterns of an `Action`/`NotAction` or `Resource`/`NotResource` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// `Action` or `Resource`: the statement covers what matches a pattern.
    Only(Strs),
    /// `NotAction` or `NotResource`: the statement covers what matches none.
    Except(Strs),
}

impl Selector {
    /// The patterns, whichever way they select.
    pub fn patterns(&self) -> &[Cow<'static, str>] {
        match self {
            Self::Only(p) | Self::Except(p) => p,
        }
    }
}

/// One statement of a policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Allow or Deny.
    pub effect: Effect,
    /// Which actions it covers.
    pub actions: Selector,
    /// Which resources it covers.
    pub resources: Selector,
    /// Whether it has a `Condition` element: such a statement is never
    /// counted as an unconditional grant.
    pub conditional: bool,
}

/// A policy document: its statements, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDocument {
    /// The statements.
    pub statements: Cow<'static, [Statement]>,
}

/// Why a JSON value is not a policy document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PolicyError {
    /// The text is not JSON.
    #[error("not JSON: {0}")]
    Json(String),
    /// The document has no `Statement`.
    #[error("the document has no Statement")]
    NoStatement,
    /// A statement's `Effect` is neither Allow nor Deny.
    #[error("statement {0}: Effect must be \"Allow\" or \"Deny\"")]
    Effect(usize),
    /// A statement has neither (or both) of a pair such as `Action`/`NotAction`.
    #[error("statement {index}: exactly one of {a} and {b} is required")]
    Element {
        /// The statement's position.
        index: usize,
        /// The element, such as `Action`.
        a: &'static str,
        /// Its negation, such as `NotAction`.
        b: &'static str,
    },
    /// An element holds something other than a string or a list of strings.
    #[error("statement {index}: {element} must be a string or a list of strings")]
    Value {
        /// The statement's position.
        index: usize,
        /// The element's name.
        element: &'static str,
    },
}

impl PolicyDocument {
    /// Reads a document from JSON text.
    pub fn from_json(text: &str) -> Result<Self, PolicyError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| PolicyError::Json(e.to_string()))?;
        Self::from_value(&value)
    }

    /// Reads a document from a parsed JSON value. `Statement` may be one
    /// object or a list; every element may be one string or a list.
    pub fn from_value(value: &Value) -> Result<Self, PolicyError> {
        let statements = match value.get("Statement") {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(one @ Value::Object(_)) => vec![one],
            _ => return Err(PolicyError::NoStatement),
        };
        let statements = statements
            .into_iter()
            .enumerate()
            .map(|(index, s)| statement(index, s))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            statements: Cow::Owned(statements),
        })
    }
}

fn statement(index: usize, value: &Value) -> Result<Statement, PolicyError> {
    let effect = match value.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        _ => return Err(PolicyError::Effect(index)),
    };
    let actions = selector(index, value, "Action", "NotAction")?;
    let resources = selector(index, value, "Resource", "NotResource")?;
    let conditional = value
        .get("Condition")
        .is_some_and(|c| c.as_object().is_none_or(|m| !m.is_empty()));
    Ok(Statement {
        effect,
        actions,
        resources,
        conditional,
    })
}

fn selector(
    index: usize,
    value: &Value,
    a: &'static str,
    b: &'static str,
) -> Result<Selector, PolicyError> {
    match (value.get(a), value.get(b)) {
        (Some(v), None) => Ok(Selector::Only(strings(index, a, v)?)),
        (None, Some(v)) => Ok(Selector::Except(strings(index, b, v)?)),
        _ => Err(PolicyError::Element { index, a, b }),
    }
}

fn strings(index: usize, element: &'static str, value: &Value) -> Result<Strs, PolicyError> {
    let bad = || PolicyError::Value { index, element };
    let list = match value {
        Value::String(s) => vec![Cow::Owned(s.clone())],
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(|s| Cow::Owned(s.to_owned())).ok_or_else(bad))
            .collect::<Result<_, _>>()?,
        _ => return Err(bad()),
    };
    Ok(Cow::Owned(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_single_values_and_lists() {
        let doc = PolicyDocument::from_json(
            r#"{"Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":["a","b"]}}"#,
        )
        .unwrap();
        assert_eq!(doc.statements.len(), 1);
        assert_eq!(doc.statements[0].actions.patterns(), ["s3:Get*"]);
        assert_eq!(doc.statements[0].resources.patterns(), ["a", "b"]);
        assert!(!doc.statements[0].conditional);
    }

    #[test]
    fn not_action_and_condition_are_kept() {
        let doc = PolicyDocument::from_json(
            r#"{"Statement":[{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"x",
                "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}"#,
        )
        .unwrap();
        let s = &doc.statements[0];
        assert_eq!(s.effect, Effect::Deny);
        assert!(matches!(s.actions, Selector::Except(_)));
        assert!(matches!(s.resources, Selector::Except(_)));
        assert!(s.conditional);
    }

    #[test]
    fn rejects_malformed_documents() {
        let bad = [
            ("[]", PolicyError::NoStatement),
            (
                r#"{"Statement":[{"Effect":"Maybe","Action":"a","Resource":"*"}]}"#,
                PolicyError::Effect(0),
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
                PolicyError::Element {
                    index: 0,
                    a: "Action",
                    b: "NotAction",
                },
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":3,"Resource":"*"}]}"#,
                PolicyError::Value {
                    index: 0,
                    element: "Action",
                },
            ),
        ];
        for (text, want) in bad {
            assert_eq!(PolicyDocument::from_json(text), Err(want), "{text}");
        }
        assert!(matches!(
            PolicyDocument::from_json("{"),
            Err(PolicyError::Json(_))
        ));
    }
}
