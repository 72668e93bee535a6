//! The SDK operation a message names, and the service id the SDK put next to it.
//!
//! - AWS CLI and boto3: `… when calling the ListBuckets operation: …`
//! - Go SDK v2 and Terraform: `operation error Secrets Manager: GetResourcePolicy, …`
//! - PHP SDK: `Error executing "AssumeRole" on "https://sts.eu-west-1.amazonaws.com"`

use super::clean::prefix;
use super::landmark::{Kind, Landmark};

/// An operation and the service it was called on, as written.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Call<'t> {
    /// The operation name, e.g. `ListBuckets`.
    pub operation: Option<&'t str>,
    /// The SDK service id (Go) or endpoint host (PHP) written next to it.
    pub service: Option<&'t str>,
}

/// The first operation `text` names, from its landmarks.
pub(crate) fn find<'t>(text: &'t str, marks: &[Landmark<'_>]) -> Call<'t> {
    for mark in marks.iter().filter(|m| m.kind == Kind::Operation) {
        let rest = &text[mark.end..];
        let call = match mark.phrase.as_bytes()[0].to_ascii_lowercase() {
            b'w' => Call {
                operation: name(rest),
                service: None,
            },
            b'o' => go_v2(rest),
            _ => php(rest),
        };
        if call.operation.is_some() {
            return call;
        }
    }
    Call::default()
}

/// An operation name at the start of `s`: an identifier starting upper-case.
fn name(s: &str) -> Option<&str> {
    let len = s
        .bytes()
        .take(128)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    (len > 0 && s.as_bytes()[0].is_ascii_uppercase()).then(|| &s[..len])
}

/// `Service Id: Operation,` of a Go SDK v2 `operation error`.
fn go_v2(s: &str) -> Call<'_> {
    let head = prefix(s, 64);
    let Some(colon) = head.find(':') else {
        return Call::default();
    };
    let service = head[..colon].trim();
    if service.is_empty()
        || !service
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b' ')
    {
        return Call::default();
    }
    Call {
        operation: name(s[colon + 1..].trim_start()),
        service: Some(service),
    }
}

/// `Operation" on "https://host` of a PHP SDK `Error executing`.
fn php(s: &str) -> Call<'_> {
    let Some(operation) = name(s).filter(|op| s[op.len()..].starts_with('"')) else {
        return Call::default();
    };
    let after = &s[operation.len() + 1..];
    let service = after
        .trim_start()
        .strip_prefix("on \"")
        .and_then(|r| {
            r.strip_prefix("https://")
                .or_else(|| r.strip_prefix("http://"))
        })
        .map(|host| &host[..host.find(['"', '/']).unwrap_or(host.len())]);
    Call {
        operation: Some(operation),
        service,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Call<'_> {
        super::find(text, &super::super::landmark::find(text))
    }

    #[test]
    fn each_sdk_wording() {
        assert_eq!(
            find("A client error (AccessDenied) occurred when calling the ListBuckets operation"),
            Call {
                operation: Some("ListBuckets"),
                service: None
            }
        );
        assert_eq!(
            find("operation error Secrets Manager: GetResourcePolicy, https response"),
            Call {
                operation: Some("GetResourcePolicy"),
                service: Some("Secrets Manager")
            }
        );
        assert_eq!(
            find(r#"Error executing "AssumeRole" on "https://sts.eu-west-1.amazonaws.com"; AWS"#),
            Call {
                operation: Some("AssumeRole"),
                service: Some("sts.eu-west-1.amazonaws.com")
            }
        );
    }
}
