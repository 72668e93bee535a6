//! A hint of the AWS service the failed call went to, so that a bare SDK
//! operation can later be mapped to an IAM action.
//!
//! Read, in this order of trust, from: the service id an SDK prints next to
//! the operation, a CLI command (`aws s3 ls`), a Java `(Service: …)` block,
//! an endpoint host, an SDK error class or package path, S3's own request
//! ids, and last the prefix of a denied action. Always lowercase, spaces
//! removed (`Secrets Manager` → `secretsmanager`).

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use regex::Regex;

use super::operation::Call;

/// A Java SDK `(Service: AmazonS3; …)` block, v1 or v2.
static JAVA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Service: *([A-Za-z][A-Za-z0-9 ]{0,40}?) *[;,)]").expect("valid pattern")
});

/// SDK error classes and package paths that carry the service.
static CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"Amazon(S3)Exception|Aws::([A-Za-z0-9]+)::Errors|Amazon\.([A-Za-z0-9]+)\.Amazon",
        r"|amazonaws\.services\.([a-z0-9]+)\.|awssdk\.services\.([a-z0-9]+)\.",
        r"|@aws-sdk/client-([a-z0-9-]+)|aws-sdk/lib/services/([a-z0-9]+)\.js",
        r"|com\.amazonaws\.([a-z0-9]+)\.v[0-9]+#",
        r#"|(S3) Extended Request ID|<(HostId)>|(host id):|[ /](s3)://|"(s3)" backend"#,
    ))
    .expect("valid pattern")
});

/// The shell command `aws `, searched with vector instructions.
static AWS_COMMAND: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("aws "));

/// The label of a Java SDK block, searched before its regex runs.
static JAVA_LABEL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("Service:"));

/// The end of an endpoint host.
const ENDPOINT: &str = ".amazonaws.com";

/// [`ENDPOINT`], searched with vector instructions.
static ENDPOINT_FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(ENDPOINT));

/// Long service names and their IAM prefixes.
const ALIASES: &[(&str, &str)] = &[
    ("securitytokenservice", "sts"),
    ("identitymanagement", "iam"),
    ("identitymanagementservice", "iam"),
    ("dynamodbv2", "dynamodb"),
    ("simplesystemsmanagement", "ssm"),
    ("simpleemailservice", "ses"),
    ("simplenotificationservice", "sns"),
    ("simplequeueservice", "sqs"),
    ("keymanagementservice", "kms"),
    ("datacatalog", "glue"),
    ("cloudwatchlogs", "logs"),
    ("hostid", "s3"),
];

/// Words after `aws` that are not CLI service commands.
const NOT_COMMANDS: &[&str] = &[
    "account", "cli", "sdk", "console", "is", "the", "and", "error",
];

/// The service hint of `text`, given the call and actions already read from it.
///
/// The text itself is searched only when the actions do not already say it:
/// when none is named, or when the operation is none of them.
pub(crate) fn find<'t>(
    text: &'t str,
    call: &Call<'t>,
    actions: &[Cow<'t, str>],
) -> Option<Cow<'t, str>> {
    if let Some(service) = call.service {
        return Some(if service.contains('.') {
            from_host(service)
        } else {
            normalize(service)
        });
    }
    let by_operation = call.operation.and_then(|op| {
        actions.iter().find(|a| {
            let name = a
                .bytes()
                .rposition(|b| b == b':')
                .map_or(&a[..], |at| &a[at + 1..]);
            name.eq_ignore_ascii_case(op)
        })
    });
    let named = by_operation.or(if call.operation.is_none() {
        actions.first()
    } else {
        None
    });
    if named.is_none()
        && let Some(hint) = from_text(text)
    {
        return Some(hint);
    }
    match named.or(actions.first())? {
        Cow::Borrowed(action) => Some(lowercase(prefix_of(action))),
        Cow::Owned(action) => Some(Cow::Owned(prefix_of(action).to_ascii_lowercase())),
    }
}

/// The service prefix of an action: what stands before its first `:` (all of it without one).
fn prefix_of(action: &str) -> &str {
    let colon = action.bytes().position(|b| b == b':');
    colon.map_or(action, |at| &action[..at])
}

/// A hint read from the text alone: CLI command, Java block, endpoint, error class.
fn from_text(text: &str) -> Option<Cow<'_, str>> {
    if let Some(command) = cli_command(text) {
        return Some(Cow::Borrowed(
            command.strip_suffix("api").unwrap_or(command),
        ));
    }
    if JAVA_LABEL.find(text.as_bytes()).is_some()
        && let Some(found) = JAVA.find(text)
    {
        return Some(normalize(java_group(found.as_str())));
    }
    if let Some(host) = endpoint_host(text) {
        return Some(from_host(host));
    }
    let found = CLASS.find(text)?;
    class_group(found.as_str()).map(normalize)
}

/// The group of [`JAVA`] in a match of it: the name between the label's
/// spaces and the spaces before the terminator.
///
/// The name starts with a letter and, being lazy, never ends with a space.
fn java_group(found: &str) -> &str {
    let inner = &found["Service:".len()..found.len() - 1];
    inner.trim_matches(' ')
}

/// The literals around the group of the first [`CLASS`] alternatives.
const CLASS_AROUND: &[(&str, &str)] = &[
    ("Amazon", "Exception"),
    ("Aws::", "::Errors"),
    ("Amazon.", ".Amazon"),
    ("amazonaws.services.", "."),
    ("awssdk.services.", "."),
    ("@aws-sdk/client-", ""),
    ("aws-sdk/lib/services/", ".js"),
];

/// The group of [`CLASS`] in a match of it, told by the literal the match starts with.
///
/// Every alternative starts with its own literal, so the start says which
/// one matched; reading the group by hand spares the regex's slower engine.
fn class_group(found: &str) -> Option<&str> {
    if let Some(group) = CLASS_AROUND
        .iter()
        .find_map(|(before, after)| found.strip_prefix(before)?.strip_suffix(after))
    {
        return Some(group);
    }
    if let Some(rest) = found.strip_prefix("com.amazonaws.") {
        return rest.split('.').next();
    }
    CLASS_FIXED
        .iter()
        .find(|(start, _)| found.starts_with(start))
        .map(|(_, group)| *group)
}

/// The last [`CLASS`] alternatives, whose group is a literal: how their match starts, and the group.
const CLASS_FIXED: &[(&str, &str)] = &[
    ("S3 ", "S3"),
    ("<HostId>", "HostId"),
    ("host id", "host id"),
    (" s3", "s3"),
    ("/s3", "s3"),
    ("\"s3\"", "s3"),
];

/// The service of the first `aws <service> <command>` typed in a shell.
fn cli_command(text: &str) -> Option<&str> {
    for at in AWS_COMMAND.find_iter(text.as_bytes()) {
        if !(at == 0 || text[..at].ends_with([' ', '\t', '$', '>'])) {
            continue;
        }
        let mut words = text[at + 4..].split(' ').filter(|w| !w.is_empty());
        let (Some(service), Some(command)) = (words.next(), words.next()) else {
            continue;
        };
        let word = |w: &str| {
            w.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        if word(service) && word(command) && !NOT_COMMANDS.contains(&service) {
            return Some(service);
        }
    }
    None
}

/// The first `….amazonaws.com` host of the text.
///
/// The host starts after the last byte in front that cannot be in one; a
/// non-ASCII character there ends with such a byte, so the start is on a
/// character boundary.
fn endpoint_host(text: &str) -> Option<&str> {
    let at = ENDPOINT_FINDER.find(text.as_bytes())?;
    let start = text.as_bytes()[..at]
        .iter()
        .rposition(|&b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
        .map_or(0, |i| i + 1);
    (start < at).then(|| &text[start..at + ENDPOINT.len()])
}

/// Lowercases `s`, borrowing when it already is.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// A service name as SDKs print it (`Secrets Manager`, `AmazonS3`), as a hint.
fn normalize(name: &str) -> Cow<'_, str> {
    let squashed: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let bare = ["amazon", "aws"]
        .iter()
        .find_map(|p| squashed.strip_prefix(p).filter(|r| !r.is_empty()))
        .unwrap_or(&squashed);
    let aliased = ALIASES
        .iter()
        .find(|(long, _)| *long == bare)
        .map_or(bare, |(_, short)| short);
    if aliased == name {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(aliased.to_owned())
    }
}

/// The service of an endpoint host: the label before the region, else before `amazonaws`.
///
/// The labels are read in place, ignoring ASCII case; only the result is lowercased.
fn from_host(host: &str) -> Cow<'static, str> {
    let mut label = "";
    for l in host.split('.') {
        if is_region(l) || l.eq_ignore_ascii_case("amazonaws") {
            break;
        }
        if !l.bytes().all(|b| b.is_ascii_digit()) {
            label = l;
        }
    }
    let label = label
        .split_once('-')
        .filter(|(_, r)| is_region(r))
        .map_or(label, |(s, _)| s);
    Cow::Owned(label.to_ascii_lowercase())
}

/// Whether a host label is an AWS region such as `us-east-1` or `cn-north-1`, ignoring ASCII case.
fn is_region(label: &str) -> bool {
    let Some((area, rest)) = label.split_once('-') else {
        return false;
    };
    let Some((_, number)) = rest.rsplit_once('-') else {
        return false;
    };
    area.len() == 2
        && area.bytes().all(|b| b.is_ascii_alphabetic())
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(text: &str) -> Option<String> {
        find(text, &Call::default(), &[]).map(Cow::into_owned)
    }

    #[test]
    fn hints_from_every_source() {
        assert_eq!(hint("$ aws s3 ls").as_deref(), Some("s3"));
        assert_eq!(hint("aws s3api get-object").as_deref(), Some("s3"));
        assert_eq!(
            hint("(Service: AmazonS3; Status Code: 403").as_deref(),
            Some("s3")
        );
        assert_eq!(
            hint("(Service: Iam, Status Code: 403").as_deref(),
            Some("iam")
        );
        assert_eq!(
            hint("(Service: AWSSecurityTokenService; Status").as_deref(),
            Some("sts")
        );
        assert_eq!(
            hint("https://sqs.us-west-2.amazonaws.com/ is").as_deref(),
            Some("sqs")
        );
        assert_eq!(
            hint("on s3.cn-north-1.amazonaws.com.cn").as_deref(),
            Some("s3")
        );
        assert_eq!(
            hint("push 1234.dkr.ecr.us-east-1.amazonaws.com/x").as_deref(),
            Some("ecr")
        );
        assert_eq!(from_host("Logs.US-West-2.AmazonAWS.com"), "logs");
        assert_eq!(hint("é.amazonaws.com x"), None);
        assert_eq!(
            hint("at lambda-us-east-1.amazonaws.com").as_deref(),
            Some("lambda")
        );
        assert_eq!(hint("Aws::S3::Errors::AccessDenied").as_deref(), Some("s3"));
        assert_eq!(
            hint("@aws-sdk/client-dynamodb/dist").as_deref(),
            Some("dynamodb")
        );
        assert_eq!(hint("status code: 403, host id: X").as_deref(), Some("s3"));
        assert_eq!(hint("nothing here"), None);
    }

    /// Every alternative of the error-class pattern, with text around it.
    const CLASS_SAMPLES: &[&str] = &[
        "x AmazonS3Exception: y",
        "Aws::SecretsManager::Errors::AccessDenied",
        "Amazon.DynamoDBv2.AmazonDynamoDBClient",
        "at com.amazonaws.services.s3.AmazonS3Client",
        "software.amazon.awssdk.services.sqs.SqsClient",
        "node_modules/@aws-sdk/client-secrets-manager/dist",
        "aws-sdk/lib/services/s3.js:1",
        "com.amazonaws.dynamodb.v20120810#ListTables",
        "S3 Extended Request ID: abc",
        "<Error><HostId>abc</HostId>",
        "status code: 403, host id: X",
        "copy s3://bucket/key",
        "from /s3://bucket",
        "\"s3\" backend: error",
        "Aws::S3::Errors and AmazonS3Exception",
        "Aws::Errors <HostId>",
    ];

    #[test]
    fn groups_read_by_hand_are_the_regex_groups() {
        for text in CLASS_SAMPLES {
            let by_regex = CLASS
                .captures(text)
                .and_then(|c| c.iter().skip(1).flatten().next())
                .map(|g| g.as_str());
            let by_hand = CLASS.find(text).and_then(|m| class_group(m.as_str()));
            assert_eq!(by_hand, by_regex, "{text}");
        }
        for text in [
            "(Service: AmazonS3; Status",
            "(Service:Iam , Status",
            "(Service:  Secrets Manager  ) x",
            "Service: A;",
            "Service: Amazon S3 , Service: Iam;",
        ] {
            let by_regex = JAVA
                .captures(text)
                .and_then(|c| c.get(1))
                .map(|g| g.as_str());
            let by_hand = JAVA.find(text).map(|m| java_group(m.as_str()));
            assert_eq!(by_hand, by_regex, "{text}");
        }
    }
}
